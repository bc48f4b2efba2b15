"""The academy's roll-up (继续教育与培训工作汇总): statuses, frozen and live rows, the totals
recomputed from the sums (never an average of rates), R14, the backbone quota, the filters."""

import datetime as dt
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casedu.errors import ArgumentValueError
from casedu.metrics import RollupStatus, academy_rollup, annual_figures
from casedu.metrics.rollup import plan_counts, rollup_totals
from casedu.model import AnnualSummary, Department, SummaryStatus
from casedu.quantities import ratio
from tests.builders import dataset, external, institute, person, plan
from tests.strategies import datasets

D = dt.date


def submitted(data, code, year=2026, *, counts=True, on=D(2026, 12, 20)):
    """``data`` with the summary of ``code`` submitted with its figures as of now (an amount
    entered where there was none)."""
    current = data.summary(code, year)
    draft = AnnualSummary(institute=code, year=year,
                          total_investment=(current.total_investment if current and
                                            current.total_investment is not None
                                            else Decimal("100.00")),
                          total_person_times=current.total_person_times if current else None)
    others = [s for s in data.summaries if (s.institute, s.year) != (code, year)]
    data = attrs.evolve(data, summaries=[*others, draft])
    figures = annual_figures(data, code, year)
    frozen = figures.to_json() | (plan_counts(figures) if counts else {})
    summary = attrs.evolve(draft, status=SummaryStatus.SUBMITTED, figures=frozen,
                           submitted_on=on)
    return attrs.evolve(data, summaries=[*others, summary])


def academy():
    """Three institutes: IOP (2 assessed, 1 completed), IOA (1 assessed, 1 completed), CAS
    (nobody)."""
    return dataset(
        institutes=[institute("IOP"), institute("IOA"), institute("CAS")],
        departments=[Department(id="IOP-D01", institute="IOP", name="综合处")],
        people=[person("a"), person("b"), person("c", institute="IOA"),
                person("n", hire_date=D(2026, 3, 1))],
        plans=[plan("P1"), plan("P2", published=False),
               plan("P3", institute="IOA", participants=12),
               plan("P4", institute="IOA", participants=8, implementation=None)],
        external_learning=[external("E1", "a", 120), external("E2", "c", 100)],
        summaries=[AnnualSummary(institute="IOA", year=2026,
                                 total_investment=Decimal("1234.5"))],
    )


def test_statuses_frozen_and_live_rows():
    data = submitted(academy(), "IOP")
    # after the submission IOP's data changes: its row keeps what it submitted
    later = attrs.evolve(data, external_learning=[*data.external_learning,
                                                  external("E3", "b", 200)])
    rollup = academy_rollup(later, 2026)
    iop, ioa, cas = rollup.rows
    assert [(r.institute, r.status.label) for r in rollup.rows] == [
        ("IOP", "已提交"), ("IOA", "草稿"), ("CAS", "未创建")]
    assert iop.submitted and iop.submitted_on == D(2026, 12, 20)
    assert (iop.completed_count, iop.required_count, iop.completion_rate) == (
        1, 2, Decimal("0.5"))
    assert (iop.total_hours, iop.in_service_total) == (Decimal(120), 3)
    assert not ioa.submitted and ioa.submitted_on is None
    assert ioa.total_investment == Decimal("1234.50")
    assert (cas.required_count, cas.completion_rate, cas.average_hours) == (0, None, None)


def test_totals_recompute_the_rates_from_the_sums():
    rollup = academy_rollup(academy(), 2026)
    totals = rollup.totals
    assert (totals.completed_count, totals.required_count) == (2, 3)
    assert totals.completion_rate == ratio(2, 3)  # not (50% + 100%) / 2
    assert totals.plans_count == 3 and totals.implemented_count == 0
    assert totals.plan_execution_rate == 0
    assert totals.in_service_total == 4 and totals.total_hours == Decimal(220)
    assert totals.average_hours == Decimal("55.00")
    assert totals.total_person_times == 30 + 12 + 8
    assert (totals.total_investment, totals.investment_missing) == (Decimal("1234.50"), 2)
    assert totals.backbone_quota == Decimal("0.16") and totals.backbone_rate == 0
    assert totals.institutes == 3 and totals.submitted == 0


def test_zero_denominators_are_not_applicable_in_the_totals_too():
    empty = dataset(institutes=[institute("IOP"), institute("IOA")])
    totals = academy_rollup(empty, 2026).totals
    assert (totals.plan_execution_rate, totals.completion_rate, totals.backbone_rate,
            totals.average_hours) == (None, None, None, None)
    assert totals.backbone_quota == 0 and totals.total_hours == 0
    json = academy_rollup(empty, 2026).to_json()["totals"]
    assert (json["completion_rate"], json["average_hours"], json["total_investment"]) == (
        None, None, "0.00")


def test_the_backbone_quota_is_four_percent_of_in_service_not_rounded():
    people = [person(f"p{i}") for i in range(70)]
    rollup = academy_rollup(dataset(people=people), 2026)
    (row,) = rollup.rows
    assert row.backbone_quota == Decimal("2.80")
    assert rollup.to_json()["institutes"][0]["backbone_quota"] == "2.8"


def test_filters_by_status_and_by_a_rate():
    data = submitted(academy(), "IOP")
    by_status = academy_rollup(data, 2026, status=["draft", RollupStatus.MISSING])
    assert [r.institute for r in by_status.rows] == ["IOA", "CAS"]
    assert by_status.totals.institutes == 2 and by_status.institutes == 3
    assert [r.institute for r in academy_rollup(data, 2026, status=["已提交"]).rows] == ["IOP"]
    below = academy_rollup(data, 2026, below="75%")
    assert [r.institute for r in below.rows] == ["IOP"]  # IOA is at 100%; CAS has none
    assert below.totals.completion_rate == Decimal("0.5")
    assert [r.institute for r in academy_rollup(data, 2026, below=Decimal(1)).rows] == ["IOP"]
    assert academy_rollup(data, 2026, below="0.5").rows == ()  # below, not at
    assert [r.institute for r in academy_rollup(
        data, 2026, below="1", rate="plan_execution_rate").rows] == ["IOP", "IOA"]
    assert academy_rollup(data, 2026, below="0.5").to_json()["filters"] == {
        "status": None, "below": {"rate": "completion_rate", "value": "0.5"}}


@pytest.mark.parametrize(("options", "field"), [
    ({"status": ["done"]}, "status"), ({"below": "ninety"}, "below"),
    ({"below": "-1"}, "below"), ({"below": "NaN"}, "below"), ({"rate": "hours"}, "rate")])
def test_bad_filters_are_refused_by_name(options, field):
    with pytest.raises(ArgumentValueError) as info:
        academy_rollup(academy(), 2026, **options)
    assert info.value.field == field


def test_a_summary_submitted_before_casedu_kept_its_counts():
    data = submitted(academy(), "IOA", counts=False)
    (ioa,) = academy_rollup(data, 2026, status=["submitted"]).rows
    assert (ioa.plans_count, ioa.implemented_count) == (2, 0)


def _sums(rows, name):
    return sum((getattr(r, name) for r in rows), start=Decimal(0) if name == "total_hours"
               else 0)


@settings(max_examples=40, deadline=None)
@given(data=datasets(), freeze=st.lists(st.booleans(), min_size=3, max_size=3))
def test_the_totals_equal_a_recomputation_from_the_rows(data, freeze):
    for code, frozen in zip([i.code for i in data.institutes], freeze, strict=False):
        if frozen:
            data = submitted(data, code)
    rollup = academy_rollup(data, 2026)
    rows, totals = rollup.rows, rollup.totals
    assert len(rows) == len(data.institutes)
    for name in ("total_person_times", "plans_count", "implemented_count", "completed_count",
                 "required_count", "in_service_total", "backbone_reported", "total_hours"):
        assert getattr(totals, name) == _sums(rows, name), name
    assert totals.total_investment == sum(
        (r.total_investment for r in rows if r.total_investment is not None), Decimal(0))
    assert totals.completion_rate == ratio(_sums(rows, "completed_count"),
                                           _sums(rows, "required_count"))
    assert totals.plan_execution_rate == ratio(_sums(rows, "implemented_count"),
                                               _sums(rows, "plans_count"))
    in_service = _sums(rows, "in_service_total")
    assert totals.backbone_rate == ratio(_sums(rows, "backbone_reported"),
                                         in_service * Decimal("0.04"))
    assert rollup_totals(rows) == totals
    # every row, frozen or live, holds its institute's figures as the data gives them now
    # (nothing changed since the submissions)
    for row in rows:
        live = annual_figures(data, row.institute, 2026).to_json()
        shown = row.to_json(rollup.policy)
        assert {k: shown[k] for k in live if k in shown} == {
            k: live[k] for k in live if k in shown}
