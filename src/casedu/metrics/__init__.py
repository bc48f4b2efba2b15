"""The figures: pure functions from the model and a policy to frozen results with their reasons.

Nothing here reads files, clocks or databases: the year, ``today`` and the policy are passed in.
"""

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
