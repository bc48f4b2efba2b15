"""Small, readable datasets for tests: a valid one as a JSON value, and helpers to build records."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from typing import Any

from casedu.model import (
    Attendance,
    AttendanceStatus,
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
    TrainingPlan,
)

SPEC_EXAMPLE: dict[str, Any] = {
    "format": "casedu.dataset", "version": 1,
    "institutes": [{"code": "IOP", "name": "中国科学院物理研究所"}],
    "departments": [{"id": "IOP-D01", "institute": "IOP", "name": "综合处"}],
    "people": [{"id": "p0001", "institute": "IOP", "department": "IOP-D01", "name": "张伟",
                "email": "zhangwei@iop.ac.cn", "in_service": True, "hours_required": True,
                "hire_date": "2015-07-01", "category": "职工"}],
    "plans": [{"id": "tp001", "institute": "IOP", "department": "IOP-D01", "kind": "project",
               "name": "科研安全培训", "premium": False, "audience": "全所职工",
               "content": "实验室安全", "objectives": "提高安全意识",
               "start": "2026-03-02", "end": "2026-03-06", "location": "M楼报告厅",
               "planned_participants": 40, "hours": 32, "expense": "12000.00",
               "contact": "李娜", "phone": "010-82649000", "status": "published",
               "implementation": {"start": "2026-03-02", "end": "2026-03-06", "attendees": 38,
                                  "staff": 4, "expense": "11800.00", "hours": 32},
               "effectiveness": "全员通过考核"}],
    "attendance": [{"plan": "tp001", "person": "p0001", "status": "confirmed"}],
    "external_learning": [{"id": "el001", "person": "p0001", "category": "学术会议",
                           "title": "全国物理学年会", "start": "2026-05-01", "end": "2026-05-03",
                           "hours": 24, "status": "approved"}],
    "online_learning": [{"person": "p0001", "course": "c123", "title": "科研诚信",
                         "date": "2026-06-01", "hours": 2.5}],
    "backbone_reports": [{"institute": "IOP", "year": 2026, "person": "p0001"}],
    "summaries": [{"institute": "IOP", "year": 2026, "total_investment": "350000.00",
                   "total_person_times": None}],
}


def spec_example() -> dict[str, Any]:
    """A fresh, mutable copy of the dataset of SPEC section 6."""
    return copy.deepcopy(SPEC_EXAMPLE)


D = dt.date


def institute(code: str = "IOP") -> Institute:
    return Institute(code=code, name=f"{code} 研究所")


def person(pid: str, *, institute: str = "IOP", in_service: bool = True,
           hours_required: bool = True, hire_date: dt.date | None = D(2010, 1, 1),
           department: str | None = None, name: str | None = None) -> Person:
    return Person(id=pid, institute=institute, name=name or f"人员{pid}", in_service=in_service,
                  hours_required=hours_required, hire_date=hire_date, department=department)


def plan(pid: str, *, hours: str | int = 32, start: dt.date = D(2026, 3, 2),
         end: dt.date | None = None, institute: str = "IOP", published: bool = True,
         implementation: Implementation | None = None, participants: int = 30,
         expense: str = "1000.00", department: str | None = None) -> TrainingPlan:
    return TrainingPlan(
        id=pid, institute=institute, name=f"培训{pid}", kind=PlanKind.PROJECT, premium=False,
        start=start, end=end or start, planned_participants=participants,
        hours=Decimal(hours), expense=Decimal(expense),
        status=PlanStatus.PUBLISHED if published else PlanStatus.DRAFT,
        implementation=implementation, department=department,
    )


def attend(plan_id: str, person_id: str, *, confirmed: bool = True) -> Attendance:
    return Attendance(plan=plan_id, person=person_id,
                      status=AttendanceStatus.CONFIRMED if confirmed else AttendanceStatus.ADDED)


def external(eid: str, person_id: str, hours: str | int, *, start: dt.date = D(2026, 5, 1),
             end: dt.date | None = None,
             status: ExternalStatus = ExternalStatus.APPROVED) -> ExternalLearning:
    return ExternalLearning(id=eid, person=person_id, category="学术会议", title=f"会议{eid}",
                            start=start, end=end or start, hours=Decimal(hours), status=status)


def online(person_id: str, course: str, hours: str | int, *,
           date: dt.date = D(2026, 6, 1)) -> OnlineLearning:
    return OnlineLearning(person=person_id, course=course, date=date, hours=Decimal(hours))


def session(person_id: str, course: str, seconds: str | int, *, date: dt.date = D(2026, 6, 1),
            statement: str | None = None) -> OnlineLearning:
    """One xAPI session of ``seconds``: its hours as the reader makes them."""
    from casedu.quantities import hours_of_seconds

    exact = Decimal(seconds)
    return OnlineLearning(person=person_id, course=course, date=date,
                          hours=hours_of_seconds(exact), seconds=exact, session=statement)


def dataset(**sections: Any) -> Dataset:
    """A dataset with one institute IOP and one department unless given."""
    sections.setdefault("institutes", [institute("IOP")])
    sections.setdefault("departments", [Department(id="IOP-D01", institute="IOP", name="综合处")])
    return Dataset(**sections)
