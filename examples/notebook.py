"""What a notebook does with casedu: results as pandas DataFrames, no unpacking by hand.

    python -m examples.notebook     # prints the frames of the sample institute
"""

from __future__ import annotations

import pandas as pd

from casedu.metrics import annual_figures, screen_backbone, staff_overview
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
    """Mean hours of the assessed staff by department: a question casedu does not answer,
    answered in one line from its frame."""
    overview = frames(year)["overview"]
    return overview[overview["assessed"]].groupby("department")["total_hours"].mean()


if __name__ == "__main__":
    for name, frame in frames().items():
        print(f"== {name}\n{frame.head()}\n")
    print(hours_by_department().round(1))
