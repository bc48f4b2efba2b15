"""The domain model: attrs value objects with their rules; no I/O."""

from casedu.model.accounts import Account, RoleGrant
from casedu.model.backbone import BackboneReport
from casedu.model.dataset import Dataset
from casedu.model.enums import (
    AttendanceStatus,
    ExternalStatus,
    PlanKind,
    PlanStatus,
    Role,
    SummaryStatus,
)
from casedu.model.learning import Attendance, ExternalLearning, OnlineLearning
from casedu.model.organization import Department, Institute, Person
from casedu.model.plans import Implementation, PlanFigures, TrainingPlan
from casedu.model.summary import FIGURE_KEYS, PLAN_COUNT_KEYS, AnnualSummary

__all__ = [
    "FIGURE_KEYS",
    "PLAN_COUNT_KEYS",
    "Account",
    "AnnualSummary",
    "Attendance",
    "AttendanceStatus",
    "BackboneReport",
    "Dataset",
    "Department",
    "ExternalLearning",
    "ExternalStatus",
    "Implementation",
    "Institute",
    "OnlineLearning",
    "Person",
    "PlanFigures",
    "PlanKind",
    "PlanStatus",
    "Role",
    "RoleGrant",
    "SummaryStatus",
    "TrainingPlan",
]
