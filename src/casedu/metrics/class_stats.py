"""The class statistics table (培训项目执行情况表): the year's plans as the manual exports them."""

from __future__ import annotations

from typing import Any

import attrs

from casedu.metrics.arguments import institute_year
from casedu.metrics.summary import year_plans
from casedu.model import Dataset, PlanFigures, TrainingPlan
from casedu.policy import DEFAULT_POLICY, Policy
from casedu.results import RecordTuple

__all__ = ["ClassStatsRow", "class_stats"]


@attrs.frozen(kw_only=True)
class ClassStatsRow:
    """One plan of the table: its figures (the implementation's where there is one, else the
    plan's; 参会人数 and 工作人数 0 when not implemented) and its effectiveness (培训成效)."""

    plan: TrainingPlan
    figures: PlanFigures
    effectiveness: str | None

    @property
    def implemented(self) -> bool:
        """已实施; a row not implemented is marked red on paper."""
        return self.figures.implemented

    def to_record(self) -> dict[str, Any]:
        """The row's figures as plain values, with the plan's id and effectiveness."""
        return {"plan": self.plan.id, **attrs.asdict(self.figures),
                "effectiveness": self.effectiveness}


class ClassStatistics(RecordTuple[ClassStatsRow]):
    """The rows of a 培训项目执行情况表, with ``to_records()`` and ``to_frame()``."""


def class_stats(
    dataset: Dataset, institute: str, year: int, *, policy: Policy = DEFAULT_POLICY
) -> ClassStatistics:
    """The rows of the institute's 培训项目执行情况表: its published plans of ``year``."""
    institute_year(dataset, institute, year)
    return ClassStatistics(
        ClassStatsRow(plan=plan, figures=plan.figures, effectiveness=plan.effectiveness)
        for plan in year_plans(dataset, institute, year, policy)
    )
