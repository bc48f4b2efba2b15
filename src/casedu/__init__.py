"""casedu: the training statistics of the CAS continuing-education portal (中国科学院继续教育网).

Load a dataset, compute the figures an institute hands in, and write the print-ready reports.

>>> import casedu
>>> casedu.DEFAULT_POLICY.backbone_total_hours
Decimal('100')
"""

from importlib.metadata import PackageNotFoundError, version

from casedu.dataset import dataset_to_json, load_dataset, parse_dataset, save_dataset
from casedu.errors import (
    ArgumentTypeError,
    CaseduError,
    ConflictError,
    DatasetError,
    ExporterError,
    FileRefusedError,
    FontNotFoundError,
    InvalidValueError,
    LoginFailedError,
    PasswordChangeRequiredError,
    PermissionDeniedError,
    Problem,
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

try:
    __version__ = version("casedu")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = [
    "DEFAULT_POLICY",
    "Account",
    "AnnualSummary",
    "ArgumentTypeError",
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
