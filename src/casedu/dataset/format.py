"""The dataset format v1 (SPEC section 6): its header and its sections, each with its record
class. Reading a file is :mod:`casedu.dataset.reading`'s, writing one
:mod:`casedu.dataset.writing`'s; :mod:`casedu.dataset` gives both.
"""

from __future__ import annotations

from casedu.model import (
    AnnualSummary,
    Attendance,
    BackboneReport,
    Department,
    ExternalLearning,
    Institute,
    OnlineLearning,
    Person,
    TrainingPlan,
)

__all__ = ["FORMAT", "SECTIONS", "VERSION"]

FORMAT = "casedu.dataset"
VERSION = 1

#: The sections of the format, in file order, with the record class of each.
SECTIONS: tuple[tuple[str, type], ...] = (
    ("institutes", Institute),
    ("departments", Department),
    ("people", Person),
    ("plans", TrainingPlan),
    ("attendance", Attendance),
    ("external_learning", ExternalLearning),
    ("online_learning", OnlineLearning),
    ("backbone_reports", BackboneReport),
    ("summaries", AnnualSummary),
)
