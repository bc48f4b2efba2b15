"""``casedu check`` across the academy: the institutes that have not submitted their summary of
the year, and those whose submitted summary no longer matches their data (its frozen figures
differ from the figures the data gives now, as ``submitted-summary-outdated`` says of one
institute)."""

from __future__ import annotations

import attrs

from casedu.metrics.arguments import year_argument
from casedu.metrics.check import changed_figures
from casedu.metrics.hours import YearHours
from casedu.metrics.year_sums import year_hours
from casedu.model import Dataset
from casedu.policy import DEFAULT_POLICY, Policy

__all__ = ["AcademyFinding", "check_academy"]


@attrs.frozen(kw_only=True)
class AcademyFinding:
    """One institute's finding: ``not-created``, ``not-submitted`` or
    ``submitted-summary-outdated``, with a message."""

    institute: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.code} {self.institute}: {self.message}"


def check_academy(dataset: Dataset, year: int, *, policy: Policy = DEFAULT_POLICY,
                  hours: YearHours | None = None) -> tuple[AcademyFinding, ...]:
    """The academy's findings of ``year``, institute by institute in the dataset's order."""
    year_argument(year)
    if hours is None:
        hours = year_hours(dataset, year, policy=policy)
    found = []
    for institute in dataset.institutes:
        code = institute.code
        summary = dataset.summary(code, year)
        if summary is None:
            found.append(AcademyFinding(
                institute=code, code="not-created",
                message=f"{institute.name} has no summary of {year} (未创建)"))
        elif not summary.submitted:
            found.append(AcademyFinding(
                institute=code, code="not-submitted",
                message=f"{institute.name}'s summary of {year} is a draft (草稿), not submitted"))
        else:
            changed = changed_figures(dataset, code, year, policy=policy, hours=hours)
            if changed:
                found.append(AcademyFinding(
                    institute=code, code="submitted-summary-outdated",
                    message=f"{institute.name}'s data changed after its summary was submitted "
                    f"(提交); the summary keeps its figures, which now differ in: "
                    f"{', '.join(changed)}"))
    return tuple(found)
