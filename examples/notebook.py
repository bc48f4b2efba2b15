"""What a notebook does with casedu: results as pandas DataFrames, no unpacking by hand.

    python -m examples.notebook     # prints the frames of the sample institute
"""

from __future__ import annotations

import pandas as pd

from casedu.metrics import annual_figures, hours_by_year, screen_backbone, staff_overview
from casedu.sample import sample_dataset


def frames(year: int = 2026) -> dict[str, pd.DataFrame]:
    """The sample institute's figures, backbone screen and staff overview as DataFrames."""
    data = sample_dataset(year)
    return {
        "figures": annual_figures(data, "DEMO", year).to_frame(),
        "backbone": screen_backbone(data, "DEMO", year).to_frame(),
        "overview": staff_overview(data, "DEMO", year).to_frame(),
    }


def hours_by_department(year: int = 2026) -> pd.Series:
    """The hours of the assessed staff by department, exactly (the frame's hours are
    decimals): a question casedu does not answer, answered in one line from its frame."""
    overview = frames(year)["overview"]
    return overview[overview["assessed"]].groupby("department")["total_hours"].sum()


def hours_over_years(first: int = 2025, last: int = 2026) -> pd.DataFrame:
    """Every person's credited hours, a row a person and a column a year, with no pivot."""
    return hours_by_year(sample_dataset(last), range(first, last + 1),
                         institute="DEMO").to_frame(wide=True)


if __name__ == "__main__":
    for name, frame in frames().items():
        print(f"== {name}\n{frame.head()}\n")
    print(hours_by_department())
    print(hours_over_years().head())
