"""casedu: the training statistics of the CAS continuing-education portal (中国科学院继续教育网).

Load a dataset, compute the figures an institute hands in, and write the print-ready reports.

>>> import casedu
>>> casedu.DEFAULT_POLICY.backbone_total_hours
Decimal('100')
"""

from __future__ import annotations

from casedu import results
from casedu.__version__ import __version__
from casedu.dataset import dataset_to_json, load_dataset, parse_dataset, save_dataset
from casedu.errors import (
    ArgumentError,
    ArgumentTypeError,
    ArgumentValueError,
    CaseduError,
    ConflictError,
    DatasetError,
    ExporterError,
    FileRefusedError,
    FontNotFoundError,
    FormatError,
    InvalidValueError,
    LoginFailedError,
    PasswordChangeRequiredError,
    PermissionDeniedError,
    Problem,
    SessionEndedError,
    UnknownRecordError,
    WorkflowError,
    WorkspaceError,
)
from casedu.model import (
    Account,
    AnnualSummary,
    Attendance,
    AttendanceStatus,
    BackboneReport,
    Dataset,
    Department,
    ExternalLearning,
    ExternalStatus,
    Implementation,
    Institute,
    OnlineLearning,
    Person,
    PlanKind,
    PlanStatus,
    Role,
    RoleGrant,
    SummaryStatus,
    TrainingPlan,
)
from casedu.policy import DEFAULT_POLICY, Policy, YearBasis


def _notebook_html(result: object) -> str:
    """A result as a notebook shows it: the display, at the top, is imported when a notebook
    first shows one."""
    from casedu.notebook import html

    return html(result)


# The results' ``_repr_html_`` ask the display, which they cannot import (it sits above them):
# every import of casedu runs this module first, so it is plugged in before any result exists.
results.plug_display(_notebook_html)

__all__ = [
    "DEFAULT_POLICY",
    "Account",
    "AnnualSummary",
    "ArgumentError",
    "ArgumentTypeError",
    "ArgumentValueError",
    "Attendance",
    "AttendanceStatus",
    "BackboneReport",
    "CaseduError",
    "ConflictError",
    "Dataset",
    "DatasetError",
    "Department",
    "ExporterError",
    "ExternalLearning",
    "ExternalStatus",
    "FileRefusedError",
    "FontNotFoundError",
    "FormatError",
    "Implementation",
    "Institute",
    "InvalidValueError",
    "LoginFailedError",
    "OnlineLearning",
    "PasswordChangeRequiredError",
    "PermissionDeniedError",
    "Person",
    "PlanKind",
    "PlanStatus",
    "Policy",
    "Problem",
    "Role",
    "RoleGrant",
    "SessionEndedError",
    "SummaryStatus",
    "TrainingPlan",
    "UnknownRecordError",
    "WorkflowError",
    "WorkspaceError",
    "YearBasis",
    "__version__",
    "dataset_to_json",
    "load_dataset",
    "parse_dataset",
    "save_dataset",
]
