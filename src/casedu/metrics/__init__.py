"""The figures: pure functions from the model and a policy to frozen results with their reasons.

Nothing here reads files, clocks or databases: the year, ``today`` and the policy are passed in.

Each name below is imported from its module on first use (PEP 562): a command or a page that
computes one figure loads that figure's module, not every one (a workspace's summary needs the
year's hours and the summary, not the roll-up, the checks or the archive: docs/architecture.md,
"Start-up").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from casedu.metrics.archive import ArchiveEntry, LearningArchive, learning_archive
    from casedu.metrics.backbone import (
        BackboneCandidate,
        BackboneScreen,
        BackboneVerdict,
        assess,
        screen_backbone,
    )
    from casedu.metrics.by_year import HoursByYear, hours_by_year
    from casedu.metrics.check import Finding, check_year
    from casedu.metrics.class_stats import ClassStatsRow, class_stats
    from casedu.metrics.hours import (
        PersonYear,
        SingleTraining,
        Source,
        YearHours,
        plan_year,
    )
    from casedu.metrics.overview import OverviewRow, staff_overview
    from casedu.metrics.rollup import (
        AcademyRollup,
        RollupRow,
        RollupStatus,
        RollupTotals,
        academy_rollup,
    )
    from casedu.metrics.rollup_check import AcademyFinding, check_academy
    from casedu.metrics.summary import (
        AnnualFigures,
        Figure,
        annual_figures,
        stored_figures,
        ten_figures,
        year_plans,
    )
    from casedu.metrics.year_sums import year_hours

__all__ = [
    "AcademyFinding",
    "AcademyRollup",
    "AnnualFigures",
    "ArchiveEntry",
    "BackboneCandidate",
    "BackboneScreen",
    "BackboneVerdict",
    "ClassStatsRow",
    "Figure",
    "Finding",
    "HoursByYear",
    "LearningArchive",
    "OverviewRow",
    "PersonYear",
    "RollupRow",
    "RollupStatus",
    "RollupTotals",
    "SingleTraining",
    "Source",
    "YearHours",
    "academy_rollup",
    "annual_figures",
    "assess",
    "check_academy",
    "check_year",
    "class_stats",
    "hours_by_year",
    "learning_archive",
    "plan_year",
    "screen_backbone",
    "staff_overview",
    "stored_figures",
    "ten_figures",
    "year_hours",
    "year_plans",
]

#: The module of each name, under ``casedu.metrics``.
_MODULES = {
    "AcademyFinding": "rollup_check",
    "AcademyRollup": "rollup",
    "AnnualFigures": "summary",
    "ArchiveEntry": "archive",
    "BackboneCandidate": "backbone",
    "BackboneScreen": "backbone",
    "BackboneVerdict": "backbone",
    "ClassStatsRow": "class_stats",
    "Figure": "summary",
    "Finding": "check",
    "HoursByYear": "by_year",
    "LearningArchive": "archive",
    "OverviewRow": "overview",
    "PersonYear": "hours",
    "RollupRow": "rollup",
    "RollupStatus": "rollup",
    "RollupTotals": "rollup",
    "SingleTraining": "hours",
    "Source": "hours",
    "YearHours": "hours",
    "academy_rollup": "rollup",
    "annual_figures": "summary",
    "assess": "backbone",
    "check_academy": "rollup_check",
    "check_year": "check",
    "class_stats": "class_stats",
    "hours_by_year": "by_year",
    "learning_archive": "archive",
    "plan_year": "hours",
    "screen_backbone": "backbone",
    "staff_overview": "overview",
    "stored_figures": "summary",
    "ten_figures": "summary",
    "year_hours": "year_sums",
    "year_plans": "summary",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
