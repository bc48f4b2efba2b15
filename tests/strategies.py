"""Hypothesis strategies for valid datasets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st

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
from casedu.quantities import hours_of_seconds

texts = st.text(alphabet="张王李赵培训安全科研abc =+-@&<>", min_size=1, max_size=8).filter(
    lambda s: s.strip() != ""
)
hours = st.decimals(min_value=0, max_value=200, places=1)
#: The durations of xAPI sessions, in seconds: the boundaries of their rounding to 0.01 h among
#: them (18 s is half of 0.01 h).
seconds = st.one_of(
    st.sampled_from([Decimal(1200), Decimal(2400), Decimal(18), Decimal("17.999999"),
                     Decimal(86400), Decimal(0), Decimal("0.000001"), Decimal("35.999999")]),
    st.decimals(min_value=0, max_value=86400, places=6),
    st.integers(0, 86400).map(Decimal))
money = st.decimals(min_value=0, max_value=10**6, places=2)
dates = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2027, 12, 31))


@st.composite
def periods(draw: st.DrawFn) -> tuple[dt.date, dt.date]:
    start = draw(dates)
    return start, start + dt.timedelta(days=draw(st.integers(0, 40)))


@st.composite
def datasets(draw: st.DrawFn, max_people: int = 12, sessions: bool = True) -> Dataset:
    codes = draw(st.lists(st.sampled_from(["IOP", "IOA", "IBP"]), min_size=1, max_size=2,
                          unique=True))
    institutes = [Institute(code=c, name=f"{c}研究所") for c in codes]
    departments = [Department(id=f"{c}-D{i}", institute=c, name=f"部门{i}")
                   for c in codes for i in range(2)]
    people = []
    for i in range(draw(st.integers(0, max_people))):
        inst = draw(st.sampled_from(codes))
        people.append(Person(
            id=f"p{i}", institute=inst, name=draw(texts),
            in_service=draw(st.booleans()), hours_required=draw(st.booleans()),
            hire_date=draw(st.none() | dates),
            department=draw(st.none() | st.sampled_from([f"{inst}-D0", f"{inst}-D1"])),
            email=draw(st.none() | st.just(f"p{i}@example.cn")),
            category=draw(st.none() | st.sampled_from(["职工", "学生"])),
        ))
    plans = []
    for i in range(draw(st.integers(0, 6))):
        start, end = draw(periods())
        implementation = None
        if draw(st.booleans()):
            i_start, i_end = draw(st.sampled_from([(None, None), (start, end)]))
            implementation = Implementation(
                attendees=draw(st.integers(0, 99)), staff=draw(st.integers(0, 9)),
                start=i_start, end=i_end, hours=draw(st.none() | hours),
                expense=draw(st.none() | money),
            )
        plans.append(TrainingPlan(
            id=f"tp{i}", institute=draw(st.sampled_from(codes)), name=draw(texts),
            kind=PlanKind.PROJECT, premium=draw(st.booleans()), start=start, end=end,
            planned_participants=draw(st.integers(0, 200)), hours=draw(hours),
            expense=draw(money), status=draw(st.sampled_from(PlanStatus)),
            implementation=implementation,
            effectiveness=draw(st.none() | texts) if implementation else None,
            location=draw(st.none() | texts),
        ))
    attendance = []
    if people and plans:
        pairs = draw(st.lists(st.tuples(st.sampled_from(plans), st.sampled_from(people)),
                              max_size=20, unique_by=lambda t: (t[0].id, t[1].id)))
        attendance = [Attendance(plan=pl.id, person=pe.id,
                                 status=draw(st.sampled_from(AttendanceStatus)))
                      for pl, pe in pairs]
    external = []
    online = []
    if people:
        for i in range(draw(st.integers(0, 10))):
            start, end = draw(periods())
            external.append(ExternalLearning(
                id=f"el{i}", person=draw(st.sampled_from(people)).id, category="学术会议",
                title=draw(texts), start=start, end=end, hours=draw(hours),
                status=draw(st.sampled_from(ExternalStatus))))
        for _ in range(draw(st.integers(0, 10))):
            online.append(OnlineLearning(
                person=draw(st.sampled_from(people)).id,
                course=draw(st.sampled_from(["c1", "c2", "c3"])), date=draw(dates),
                hours=draw(st.decimals(min_value=0, max_value=20, places=2)),
                title=draw(st.none() | texts)))
        if sessions:  # xAPI sessions, among the same courses: summed exactly, then rounded
            for number in range(draw(st.integers(0, 12))):
                exact = draw(seconds)
                online.append(OnlineLearning(
                    person=draw(st.sampled_from(people)).id,
                    course=draw(st.sampled_from(["c1", "c2", "c3"])), date=draw(dates),
                    hours=hours_of_seconds(exact), seconds=exact,
                    session=draw(st.none() | st.just(f"stmt-{number}")),
                    title=draw(st.none() | texts)))
    reports = []
    if people:
        chosen = draw(st.lists(st.sampled_from(people), max_size=4, unique_by=lambda p: p.id))
        reports = [BackboneReport(institute=p.institute, year=2026, person=p.id,
                                  reported_on=draw(st.none() | dates)) for p in chosen]
    summaries = [AnnualSummary(institute=c, year=2026,
                               total_investment=draw(st.none() | money),
                               total_person_times=draw(st.none() | st.integers(0, 999)))
                 for c in codes if draw(st.booleans())]
    return Dataset(institutes=institutes, departments=departments, people=people, plans=plans,
                   attendance=attendance, external_learning=external, online_learning=online,
                   backbone_reports=reports, summaries=summaries)


__all__ = ["Decimal", "datasets"]
