"""Documents for the exporter tests: a small institute whose users typed hostile text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from casedu.model import (
    AnnualSummary,
    BackboneReport,
    Department,
    Implementation,
)
from casedu.reports import REPORTS, ReportContext, build_report
from tests.builders import D, attend, dataset, external, online, person, plan

HOSTILE = {
    "name": "=HYPERLINK(\"http://x\",\"点我\")",
    "audience": "\t全体",  # tab: a long text may hold it, and it still must not run
    "content": "-1 <b>粗体</b> & 更多",
    "objectives": "@SUM(A1:A9)",
    "location": "+86 礼堂",
    "contact": "-李",
}


def hostile_dataset():
    done = Implementation(attendees=38, staff=4, expense=Decimal("11800.50"))
    plans = [
        plan("tp1", hours=48, start=D(2026, 3, 2), end=D(2026, 3, 8), implementation=done,
             participants=40, expense="12000.00"),
        plan("tp2", hours=8, start=D(2026, 9, 1), participants=25, expense="3000.00"),
    ]
    # the hostile plan: user text everywhere
    from attrs import evolve

    plans[1] = evolve(plans[1], **HOSTILE)
    return dataset(
        departments=[Department(id="IOP-D01", institute="IOP", name="综合处")],
        people=[person("p1", department="IOP-D01", name="张伟"),
                person("p2", department="IOP-D01", name="王芳")],
        plans=plans,
        attendance=[attend("tp1", "p1"), attend("tp1", "p2")],
        external_learning=[external("e1", "p1", 60)],
        online_learning=[online("p2", "c1", "2.5")],
        backbone_reports=[BackboneReport(institute="IOP", year=2026, person="p1",
                                         reported_on=dt.date(2026, 12, 1))],
        summaries=[AnnualSummary(institute="IOP", year=2026,
                                 total_investment=Decimal("350000.00"))],
    )


@pytest.fixture(scope="session")
def context():
    return ReportContext(hostile_dataset(), "IOP", 2026)


@pytest.fixture(scope="session")
def documents(context):
    return {name: build_report(name, context, person="p1") for name in REPORTS}
