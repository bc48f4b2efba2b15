"""R5-R15: the annual summary figures, at their boundaries and with zero denominators."""

from decimal import Decimal

import pytest

from casedu.metrics import annual_figures
from casedu.model import AnnualSummary, BackboneReport, Implementation
from tests.builders import D, attend, dataset, external, institute, person, plan

IMPL = Implementation(attendees=5, staff=1)


def figures(data, year=2026):
    return annual_figures(data, "IOP", year)


def test_an_empty_institute_has_no_rates():
    f = figures(dataset())
    assert f.to_json() == {
        "institute": "IOP", "year": 2026, "total_person_times": 0,
        "total_person_times_system": 0, "plan_execution_rate": None, "completed_count": 0,
        "required_count": 0, "completion_rate": None, "in_service_total": 0,
        "backbone_reported": 0, "backbone_rate": None, "total_investment": None,
        "total_hours": "0", "average_hours": None,
    }


@pytest.mark.parametrize(
    ("hire_date", "assessed", "staff"),
    [(D(2026, 1, 1), False, True), (D(2026, 12, 31), False, True),
     (D(2025, 12, 31), True, True), (None, True, True),
     # SPEC 8: someone hired after the year's end was not staff of the year at all
     (D(2027, 1, 1), False, False), (D(2031, 6, 1), False, False)],
)
def test_new_hires_are_not_assessed(hire_date, assessed, staff):
    f = figures(dataset(people=[person("p1", hire_date=hire_date)]))
    assert (len(f.assessed) == 1) is assessed
    assert (len(f.in_service) == 1) is staff


def test_assessed_needs_in_service_and_hours_required():
    data = dataset(people=[person("a"), person("b", hours_required=False),
                           person("c", in_service=False)])
    f = figures(data)
    assert [p.id for p in f.assessed] == ["a"]
    assert [p.id for p in f.in_service] == ["a", "b"]


@pytest.mark.parametrize(("hours", "completed"), [("100", True), ("99.9", False),
                                                  ("100.01", True), ("0", False)])
def test_completed_at_exactly_100(hours, completed):
    data = dataset(people=[person("a")], external_learning=[external("e", "a", hours)])
    f = figures(data)
    assert (len(f.completed) == 1) is completed
    assert f.completion_rate == (1 if completed else 0)


def test_completion_rate_rounds_half_up():
    data = dataset(people=[person(p) for p in "abc"],
                   external_learning=[external("e1", "a", 100), external("e2", "b", 100)])
    f = figures(data)
    assert f.to_json()["completion_rate"] == "0.6667"
    assert [p.id for p in f.not_completed] == ["c"]


def test_plan_execution_rate_counts_published_plans_of_the_year_only():
    data = dataset(plans=[
        plan("tp1", implementation=IMPL), plan("tp2"), plan("tp3"),
        plan("draft", published=False),
        plan("old", start=D(2025, 6, 1), implementation=IMPL),
    ])
    f = figures(data)
    assert [p.id for p in f.plans] == ["tp1", "tp2", "tp3"]
    assert f.to_json()["plan_execution_rate"] == "0.3333"
    assert [p.id for p in f.not_implemented_plans] == ["tp2", "tp3"]


def test_plans_of_other_institutes_do_not_count():
    data = dataset(institutes=[institute("IOP"), institute("IOA")],
                   plans=[plan("tp1", institute="IOA", implementation=IMPL)])
    assert figures(data).plan_execution_rate is None


def test_person_times_sum_planned_participants_and_may_be_overridden():
    data = dataset(plans=[plan("tp1", participants=40), plan("tp2", participants=25),
                          plan("d", participants=99, published=False)])
    assert figures(data).total_person_times == 65
    overridden = dataset(plans=data.plans,
                         summaries=[AnnualSummary(institute="IOP", year=2026,
                                                  total_person_times=70)])
    f = figures(overridden)
    assert (f.total_person_times, f.total_person_times_system) == (70, 65)


@pytest.mark.parametrize(
    ("in_service", "reported", "expected"),
    [(25, 1, "1.0000"), (100, 3, "0.7500"), (10, 1, "2.5000"), (30, 1, "0.8333"), (0, 0, None)],
)
def test_backbone_rate_is_reported_over_four_percent_of_in_service(in_service, reported,
                                                                   expected):
    people = [person(f"p{i}") for i in range(max(in_service, reported))]
    for i in range(in_service, len(people)):
        people[i] = person(f"p{i}", in_service=False)
    data = dataset(people=people, backbone_reports=[
        BackboneReport(institute="IOP", year=2026, person=f"p{i}") for i in range(reported)])
    assert figures(data).to_json()["backbone_rate"] == expected


def test_total_and_average_hours_of_in_service_people():
    data = dataset(
        people=[person("a"), person("b"), person("c"), person("gone", in_service=False)],
        plans=[plan("tp1", hours="10.5")],
        attendance=[attend("tp1", "a"), attend("tp1", "b"), attend("tp1", "gone")],
        external_learning=[external("e", "c", "0.5")],
    )
    f = figures(data)
    assert f.total_hours == Decimal("21.5")
    assert f.average_hours == Decimal("7.17")  # 21.5 / 3 = 7.1666...
    assert f.to_json()["average_hours"] == "7.17"


def test_average_rounds_half_up_at_the_half():
    data = dataset(people=[person("a"), person("b"), person("c"), person("d")],
                   external_learning=[external("e", "a", "0.5")])
    assert figures(data).average_hours == Decimal("0.13")  # 0.125


def test_investment_is_the_admin_entry():
    data = dataset(summaries=[AnnualSummary(institute="IOP", year=2026,
                                            total_investment=Decimal("350000.00"))])
    assert figures(data).to_json()["total_investment"] == "350000.00"
    assert figures(data, 2025).total_investment is None


def test_the_ten_figures_in_the_manuals_order():
    labels = [f.label for f in figures(dataset()).figures()]
    assert labels == ["单位培训总人次", "年度计划执行率", "完成100学时人数", "需完成100学时人数",
                      "职工完训率", "单位在职总人数", "骨干人才完训率", "单位投入总经费",
                      "单位职工总学时", "单位职工平均学时"]
    entered = [f.key for f in figures(dataset()).figures() if f.entered]
    assert entered == ["total_investment"]


def test_unknown_institute_is_refused():
    with pytest.raises(LookupError, match="no institute 'XYZ'"):
        annual_figures(dataset(), "XYZ", 2026)
