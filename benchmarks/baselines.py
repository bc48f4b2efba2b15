"""The baselines of the figures: what a straightforward script computes with pandas or plain
Python loops, each checked to give casedu's figures before it is timed.

They compute in floats or integer units, not what casedu promises (exact decimals, reasons).
The baselines that write and read files are in :mod:`benchmarks.file_baselines`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pandas as pd

from benchmarks.academy import YEAR
from casedu.model import Dataset


def frames(data: Dataset) -> dict[str, pd.DataFrame]:
    """The records as pandas frames, hours as floats."""
    people = pd.DataFrame({
        "person": [p.id for p in data.people], "institute": [p.institute for p in data.people],
        "in_service": [p.in_service for p in data.people],
        "hours_required": [p.hours_required for p in data.people],
        "hire_year": [p.hire_date.year if p.hire_date else 0 for p in data.people]})
    plans = pd.DataFrame({
        "plan": [p.id for p in data.plans], "institute": [p.institute for p in data.plans],
        "year": [p.actual_start.year for p in data.plans],
        "hours": [float(p.class_hours) for p in data.plans],
        "published": [p.status.value == "published" for p in data.plans],
        "implemented": [p.implemented for p in data.plans],
        "planned": [p.planned_participants for p in data.plans]})
    attendance = pd.DataFrame({
        "plan": [a.plan for a in data.attendance], "person": [a.person for a in data.attendance],
        "confirmed": [a.confirmed for a in data.attendance]})
    external = pd.DataFrame({
        "person": [r.person for r in data.external_learning],
        "year": [r.start.year for r in data.external_learning],
        "hours": [float(r.hours) for r in data.external_learning],
        "approved": [r.approved for r in data.external_learning]})
    online = pd.DataFrame({
        "person": [r.person for r in data.online_learning],
        "course": [r.course for r in data.online_learning],
        "year": [r.date.year for r in data.online_learning],
        "hours": [float(r.hours) for r in data.online_learning]})
    reports = pd.DataFrame({"institute": [r.institute for r in data.backbone_reports],
                            "year": [r.year for r in data.backbone_reports]})
    return {"people": people, "plans": plans, "attendance": attendance, "external": external,
            "online": online, "reports": reports}


def sql_frames(path: Path) -> dict[str, pd.DataFrame]:
    """The same frames read from a workspace's tables."""
    db = sqlite3.connect(path)
    try:
        people = pd.read_sql("SELECT id AS person, institute, in_service, hours_required, "
                             "CAST(substr(COALESCE(hire_date, '0000'), 1, 4) AS INTEGER) "
                             "AS hire_year FROM people", db)
        plans = pd.read_sql(
            "SELECT p.id AS plan, p.institute, CAST(substr(COALESCE(i.start, p.start), 1, 4) "
            "AS INTEGER) AS year, CAST(COALESCE(i.hours, p.hours) AS REAL) AS hours, "
            "p.status = 'published' AS published, i.plan IS NOT NULL AS implemented, "
            "p.planned_participants AS planned FROM plans p "
            "LEFT JOIN implementations i ON i.plan = p.id", db)
        attendance = pd.read_sql("SELECT plan, person, status = 'confirmed' AS confirmed "
                                 "FROM attendance", db)
        external = pd.read_sql("SELECT person, CAST(substr(start, 1, 4) AS INTEGER) AS year, "
                               "CAST(hours AS REAL) AS hours, status = 'approved' AS approved "
                               "FROM external_learning", db)
        online = pd.read_sql("SELECT person, course, CAST(substr(date, 1, 4) AS INTEGER) "
                             "AS year, CAST(hours AS REAL) AS hours FROM online_learning", db)
        reports = pd.read_sql("SELECT institute, year FROM backbone_reports", db)
    finally:
        db.close()
    return {"people": people, "plans": plans, "attendance": attendance, "external": external,
            "online": online, "reports": reports}


def pandas_figures(f: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per institute: the summary's counts and rates and the number of eligible people."""
    plans, per_person = _year_per_person(f)
    people = f["people"].set_index("person").join(per_person).fillna({"sum": 0.0, "max": 0.0})
    people["in_service"] = people["in_service"].astype(bool)
    people["assessed"] = (people["in_service"] & people["hours_required"].astype(bool)
                          & (people["hire_year"] != YEAR))
    people["completed"] = people["assessed"] & (people["sum"] >= 100)
    people["eligible"] = people["in_service"] & (people["sum"] >= 100) & (people["max"] > 40)
    people["service_hours"] = people["sum"].where(people["in_service"], 0.0)
    table = _institute_table(people, plans, f["reports"])
    table["average_hours"] = (table["total_hours"] / table["in_service"]).round(2)
    return table


def _year_per_person(f: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The plans of the year, and each person's hours of the year (``sum``) and longest single
    training (``max``): classes, approved external learning, online courses summed."""
    plans = f["plans"][f["plans"]["year"] == YEAR]
    attended = f["attendance"][f["attendance"]["confirmed"].astype(bool)].merge(
        plans[["plan", "hours"]], on="plan")
    ext = f["external"][(f["external"]["year"] == YEAR) & f["external"]["approved"].astype(bool)]
    courses = (f["online"][f["online"]["year"] == YEAR]
               .groupby(["person", "course"], sort=False)["hours"].sum().reset_index())
    singles = pd.concat([attended[["person", "hours"]], ext[["person", "hours"]],
                         courses[["person", "hours"]]])
    return plans, singles.groupby("person", sort=False)["hours"].agg(["sum", "max"])


def _institute_table(people: pd.DataFrame, plans: pd.DataFrame,
                     reports: pd.DataFrame) -> pd.DataFrame:
    """Per institute: the counts of its people and plans, and the summary's rates."""
    table = people.groupby("institute").agg(
        in_service=("in_service", "sum"), assessed=("assessed", "sum"),
        completed=("completed", "sum"), eligible=("eligible", "sum"),
        total_hours=("service_hours", "sum"))
    published = plans[plans["published"].astype(bool)]
    plan_table = published.groupby("institute").agg(
        plans=("plan", "count"), implemented=("implemented", "sum"), planned=("planned", "sum"))
    reported = reports[reports["year"] == YEAR].groupby("institute").size()
    table = table.join(plan_table).join(reported.rename("reported"))
    table["completion_rate"] = table["completed"] / table["assessed"]
    table["execution_rate"] = table["implemented"] / table["plans"]
    table["backbone_rate"] = table["reported"] / (table["in_service"] * 0.04)
    return table


#: The plain-Python baseline's hours: whole millionths (casedu keeps at most 6 decimals).
UNITS = 10**6


def coded_frames(data: Dataset) -> dict[str, pd.DataFrame]:
    """The records as pandas used well: people, plans and courses as integer codes, hours as
    int64 millionths (exact), the year's flags worked out once (as ``plain_rows`` has them)."""
    person = {p.id: i for i, p in enumerate(data.people)}
    institute = {inst.code: i for i, inst in enumerate(data.institutes)}
    plan = {p.id: i for i, p in enumerate(data.plans)}
    course: dict[str, int] = {}
    people = pd.DataFrame({
        "person": range(len(data.people)),
        "institute": [institute[p.institute] for p in data.people],
        "in_service": [p.in_service_in(YEAR) for p in data.people],
        "assessed": [p.in_service_in(YEAR) and p.hours_required and not p.is_new_hire(YEAR)
                     for p in data.people]})
    plans = pd.DataFrame({
        "plan": range(len(data.plans)), "institute": [institute[p.institute] for p in data.plans],
        "year": [p.actual_start.year for p in data.plans],
        "hours": [int(p.class_hours * UNITS) for p in data.plans],
        "published": [p.status.value == "published" for p in data.plans],
        "implemented": [p.implemented for p in data.plans],
        "planned": [p.planned_participants for p in data.plans]})
    attendance = pd.DataFrame({
        "plan": [plan[a.plan] for a in data.attendance],
        "person": [person[a.person] for a in data.attendance],
        "confirmed": [a.confirmed for a in data.attendance]})
    external = pd.DataFrame({
        "person": [person[r.person] for r in data.external_learning],
        "year": [r.start.year for r in data.external_learning],
        "hours": [int(r.hours * UNITS) for r in data.external_learning],
        "approved": [r.approved for r in data.external_learning]})
    online = pd.DataFrame({
        "person": [person[r.person] for r in data.online_learning],
        "course": [course.setdefault(r.course, len(course)) for r in data.online_learning],
        "year": [r.date.year for r in data.online_learning],
        "hours": [int(r.hours * UNITS) for r in data.online_learning]})
    reports = pd.DataFrame({"institute": [institute[r.institute] for r in data.backbone_reports],
                            "year": [r.year for r in data.backbone_reports]})
    return {"people": people, "plans": plans, "attendance": attendance, "external": external,
            "online": online, "reports": reports,
            "institutes": pd.DataFrame({"code": [i.code for i in data.institutes]})}


def pandas_coded_figures(f: dict[str, pd.DataFrame]) -> dict[str, dict[str, int]]:
    """What ``pandas_figures`` works out, over ``coded_frames``: the summary's counts, rates
    and eligible people of every institute; returned as ``plain_figures`` returns them."""
    plans, per_person = _year_per_person(f)
    people = f["people"].join(per_person, on="person").fillna({"sum": 0, "max": 0})
    need, single = 100 * UNITS, 40 * UNITS
    people["completed"] = people["assessed"] & (people["sum"] >= need)
    people["eligible"] = people["in_service"] & (people["sum"] >= need) & (people["max"] > single)
    people["service_hours"] = people["sum"].where(people["in_service"], 0)
    table = _institute_table(people, plans, f["reports"])
    codes = f["institutes"]["code"]
    keys = ("in_service", "assessed", "completed", "eligible", "total_hours")
    return {codes[i]: {key: int(row[key]) for key in keys} for i, row in table.iterrows()}


def plain_rows(data: Dataset) -> dict[str, list[tuple[Any, ...]]]:
    """The records as plain tuples with integer hours, built once (as the frames are)."""
    return {
        "people": [(p.id, p.institute, p.in_service_in(YEAR), p.hours_required,
                    p.is_new_hire(YEAR)) for p in data.people],
        "plans": [(p.id, p.actual_start.year, int(p.class_hours * UNITS)) for p in data.plans],
        "attendance": [(a.plan, a.person) for a in data.attendance if a.confirmed],
        "external": [(r.person, r.start.year, int(r.hours * UNITS))
                     for r in data.external_learning if r.approved],
        "online": [(r.person, r.course, r.date.year, int(r.hours * UNITS))
                   for r in data.online_learning],
    }


def plain_figures(rows: dict[str, list[tuple[Any, ...]]]) -> dict[str, dict[str, int]]:
    """Per institute: the people counted, assessed, completed and eligible, and the staff's
    hours (in millionths), by dict loops over integer hours: the strongest pure-Python way."""
    class_hours = {plan: hours for plan, year, hours in rows["plans"] if year == YEAR}
    total: dict[str, int] = {}
    longest: dict[str, int] = {}
    for plan, person in rows["attendance"]:
        hours = class_hours.get(plan)
        if hours is not None:
            total[person] = total.get(person, 0) + hours
            if hours > longest.get(person, 0):
                longest[person] = hours
    for person, year, hours in rows["external"]:
        if year == YEAR:
            total[person] = total.get(person, 0) + hours
            if hours > longest.get(person, 0):
                longest[person] = hours
    courses: dict[tuple[str, str], int] = {}
    for person, course, year, hours in rows["online"]:
        if year == YEAR:
            key = (person, course)
            courses[key] = courses.get(key, 0) + hours
    for (person, _), hours in courses.items():
        total[person] = total.get(person, 0) + hours
        if hours > longest.get(person, 0):
            longest[person] = hours
    need, single = 100 * UNITS, 40 * UNITS
    table: dict[str, dict[str, int]] = {}
    for person, institute, serving, required, new_hire in rows["people"]:
        counts = table.get(institute)
        if counts is None:
            counts = table[institute] = dict.fromkeys(
                ("in_service", "assessed", "completed", "eligible", "total_hours"), 0)
        if not serving:
            continue
        hours = total.get(person, 0)
        counts["in_service"] += 1
        counts["total_hours"] += hours
        if required and not new_hire:
            counts["assessed"] += 1
            counts["completed"] += hours >= need
        counts["eligible"] += hours >= need and longest.get(person, 0) > single
    return table
