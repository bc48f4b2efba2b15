"""A seeded academy of realistic shape for the benchmarks: institutes, people, a year of records.

The full size is the whole academy (about 100 institutes and 70,000 people) with 3,000,000
learning records of the three sources; ``scale`` shrinks every count in proportion.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from casedu.metrics import year_hours
from casedu.model import (
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
    TrainingPlan,
)
from casedu.reports import ReportContext, build_report
from casedu.reports.document import Document, Orientation, Row, Table
from casedu.reports.overview import COLUMNS as OVERVIEW_COLUMNS

YEAR = 2026
INSTITUTES = 100
PEOPLE = 70_000
RECORDS = 3_000_000
# The share of each source among the records: online sessions dominate.
SHARES = {"attendance": 0.2, "external": 0.1, "online": 0.7}

_HOURS = [Decimal(h) for h in ("0.5", "1", "1.5", "2", "2.5", "3", "4")]
_CLASS_HOURS = [Decimal(h) for h in (2, 4, 8, 16, 24, 32, 48, 64)]
_EXTERNAL_HOURS = [Decimal(h) for h in (4, 8, 12, 16, 24, 32, 42, 48, 60)]


def academy(scale: float = 1.0, seed: int = 7) -> Dataset:
    """The academy at ``scale`` (1.0: 70,000 people and 3,000,000 records)."""
    rnd = random.Random(seed)
    institutes = [Institute(code=f"I{i:03d}", name=f"中国科学院第{i}研究所")
                  for i in range(max(1, round(INSTITUTES * min(1.0, scale * 10))))]
    departments = [Department(id=f"{inst.code}-D{d}", institute=inst.code, name=f"第{d}部门")
                   for inst in institutes for d in range(6)]
    n_people = max(len(institutes) * 10, round(PEOPLE * scale))
    people = []
    for i in range(n_people):
        inst = institutes[i % len(institutes)]
        people.append(Person(
            id=f"P{i:06d}", institute=inst.code, name=f"职工{i}",
            department=f"{inst.code}-D{rnd.randrange(6)}", in_service=rnd.random() > 0.03,
            hours_required=rnd.random() > 0.08,
            hire_date=dt.date(rnd.randint(1990, YEAR), rnd.randint(1, 12), rnd.randint(1, 28)),
        ))
    n_records = round(RECORDS * scale)
    n_attendance = round(n_records * SHARES["attendance"])
    plans_per_institute = max(2, n_attendance // (len(institutes) * 100))
    plans = []
    for inst in institutes:
        for p in range(plans_per_institute):
            start = dt.date(YEAR, rnd.randint(1, 12), rnd.randint(1, 20))
            done = rnd.random() < 0.8
            plans.append(TrainingPlan(
                id=f"{inst.code}-TP{p:03d}", institute=inst.code, name=f"培训{p}",
                kind=PlanKind.PROJECT, premium=False, start=start,
                end=start + dt.timedelta(days=rnd.randint(0, 5)),
                planned_participants=rnd.randint(20, 150), hours=rnd.choice(_CLASS_HOURS),
                expense=Decimal(rnd.randint(0, 50_000)), status=PlanStatus.PUBLISHED,
                implementation=Implementation(attendees=rnd.randint(20, 150), staff=4)
                if done else None))
    attendance = []
    seen: set[tuple[str, str]] = set()
    # a tiny academy has fewer pairs of a plan and a person than its share of the records
    n_attendance = min(n_attendance, len(plans) * len(people) // 2)
    while len(attendance) < n_attendance:
        plan = plans[rnd.randrange(len(plans))]
        person = people[rnd.randrange(len(people))]
        if (plan.id, person.id) in seen:
            continue
        seen.add((plan.id, person.id))
        attendance.append(Attendance(
            plan=plan.id, person=person.id,
            status=AttendanceStatus.CONFIRMED if rnd.random() < 0.9 else AttendanceStatus.ADDED))
    external = []
    for i in range(round(n_records * SHARES["external"])):
        start = dt.date(YEAR, rnd.randint(1, 12), rnd.randint(1, 25))
        external.append(ExternalLearning(
            id=f"E{i:07d}", person=people[rnd.randrange(len(people))].id, category="学术会议",
            title="会议", start=start, end=start, hours=rnd.choice(_EXTERNAL_HOURS),
            status=ExternalStatus.APPROVED if rnd.random() < 0.9 else ExternalStatus.PENDING))
    # Each person follows a handful of courses, in many sessions each.
    courses = [f"C{c:03d}" for c in range(400)]
    taken = [rnd.sample(courses, rnd.randint(3, 10)) for _ in people]
    online = []
    for _ in range(n_records - len(attendance) - len(external)):
        who = rnd.randrange(len(people))
        online.append(OnlineLearning(
            person=people[who].id, course=rnd.choice(taken[who]),
            date=dt.date(YEAR, rnd.randint(1, 12), rnd.randint(1, 28)),
            hours=rnd.choice(_HOURS)))
    reports = [BackboneReport(institute=p.institute, year=YEAR, person=p.id)
               for p in people[:: max(1, len(people) // 2000)]]
    summaries = [AnnualSummary(institute=i.code, year=YEAR, total_investment=Decimal("1000.00"))
                 for i in institutes]
    return Dataset(institutes=institutes, departments=departments, people=people, plans=plans,
                   attendance=attendance, external_learning=external, online_learning=online,
                   backbone_reports=reports, summaries=summaries)


def overview_document(data: Dataset) -> Document:
    """The staff learning overview of the whole academy as one table."""
    hours = year_hours(data, YEAR)
    rows: list[Row] = []
    for institute in data.institutes:
        context = ReportContext(data, institute.code, YEAR, fingerprint_override="bench",
                                hours_override=hours)
        rows.extend(build_report("staff-overview", context).tables[0].rows)
    return Document(title="职工学习总体情况统计", institute="中国科学院", year=YEAR,
                    blocks=(Table(columns=OVERVIEW_COLUMNS, rows=tuple(rows)),),
                    orientation=Orientation.LANDSCAPE, footer="benchmark", name="overview")
