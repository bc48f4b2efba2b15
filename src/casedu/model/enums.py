"""The fixed value sets of the model: statuses, kinds and roles."""

from __future__ import annotations

import enum

__all__ = [
    "AttendanceStatus",
    "ExternalStatus",
    "PlanKind",
    "PlanStatus",
    "Role",
    "SummaryStatus",
]


class PlanKind(enum.Enum):
    """计划类型: the annual statistics count project plans (项目计划)."""

    PROJECT = "project"


class PlanStatus(enum.Enum):
    """培训计划 未发布/发布."""

    DRAFT = "draft"
    PUBLISHED = "published"


class AttendanceStatus(enum.Enum):
    """实际参会人员: added to the class, or confirmed (确认参加), which credits the hours."""

    ADDED = "added"
    CONFIRMED = "confirmed"


class ExternalStatus(enum.Enum):
    """外部学习 审核: pending review, approved, or rejected."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class SummaryStatus(enum.Enum):
    """年度培训总结: a draft with live figures, or submitted (提交) and frozen."""

    DRAFT = "draft"
    SUBMITTED = "submitted"


class Role(enum.Enum):
    """The roles of the manual; an account may hold several and acts under one at a time."""

    INSTITUTE_ADMIN = "institute_admin"  # 所级管理员
    DEPARTMENT_ADMIN = "department_admin"  # 部门管理员
    CLASS_ADMIN = "class_admin"  # 培训班管理员
    STAFF = "staff"  # 普通职工
    #: Reads every institute and changes nothing of theirs; granted only by the system
    #: (``casedu grant``, :meth:`casedu.services.Workflow.grant_academy`), never by a dataset.
    ACADEMY_ADMIN = "academy_admin"  # 院级管理员
