from decimal import Decimal

from casedu.metrics import check_year
from casedu.model import AnnualSummary, BackboneReport, ExternalStatus, Implementation
from tests.builders import D, attend, dataset, external, person, plan

PAID = [AnnualSummary(institute="IOP", year=2026, total_investment=Decimal("1.00"))]


def codes(data, today=D(2026, 12, 31)):
    return [f.code for f in check_year(data, "IOP", 2026, today=today)]


def test_a_clean_year_has_nothing_to_fix():
    assert codes(dataset(people=[person("a")], summaries=PAID)) == []


def test_overdue_plan_depends_on_today():
    data = dataset(plans=[plan("tp1", start=D(2026, 3, 1), end=D(2026, 3, 5))], summaries=PAID)
    assert codes(data, today=D(2026, 3, 5)) == []  # ends today: not yet overdue
    assert codes(data, today=D(2026, 3, 6)) == ["plan-not-implemented"]


def test_people_without_hire_date():
    data = dataset(people=[person("a", hire_date=None), person("b", hire_date=None,
                                                               in_service=False)],
                   summaries=PAID)
    findings = check_year(data, "IOP", 2026, today=D(2026, 1, 1))
    assert [(f.code, f.record) for f in findings] == [("no-hire-date", "person a")]


def test_confirmed_attendance_in_a_draft_and_implemented_drafts():
    impl = Implementation(attendees=1, staff=0)
    data = dataset(people=[person("a")], plans=[plan("d", published=False, implementation=impl)],
                   attendance=[attend("d", "a")], summaries=PAID)
    assert codes(data, today=D(2026, 1, 1)) == ["draft-implemented", "attendance-in-draft"]


def test_unconfirmed_attendees_of_implemented_classes():
    impl = Implementation(attendees=1, staff=0)
    data = dataset(people=[person("a"), person("b")], plans=[plan("tp1", implementation=impl)],
                   attendance=[attend("tp1", "a", confirmed=False),
                               attend("tp1", "b", confirmed=False)], summaries=PAID)
    findings = check_year(data, "IOP", 2026, today=D(2026, 1, 1))
    assert [f.code for f in findings] == ["attendance-not-confirmed"]
    assert "2 attendee(s)" in findings[0].message


def test_pending_external_learning():
    data = dataset(people=[person("a")], summaries=PAID,
                   external_learning=[external("e", "a", 5, status=ExternalStatus.PENDING)])
    assert codes(data) == ["external-pending"]


def test_reported_backbone_no_longer_eligible_and_missing_investment():
    data = dataset(people=[person("a")],
                   backbone_reports=[BackboneReport(institute="IOP", year=2026, person="a")])
    found = check_year(data, "IOP", 2026, today=D(2026, 1, 1))
    assert [f.code for f in found] == ["backbone-not-eligible", "no-investment"]
    assert "0 h of 100 needed" in found[0].message


def test_a_submitted_summary_that_the_data_left_behind():
    from casedu.metrics import annual_figures
    from casedu.model import SummaryStatus

    data = dataset(people=[person("a")], summaries=PAID)
    figures = annual_figures(data, "IOP", 2026).to_json()
    submitted = AnnualSummary(institute="IOP", year=2026, total_investment=Decimal("1.00"),
                              status=SummaryStatus.SUBMITTED, figures=figures)
    assert codes(dataset(people=[person("a")], summaries=[submitted])) == []
    later = dataset(people=[person("a"), person("b")], summaries=[submitted])
    found = check_year(later, "IOP", 2026, today=D(2026, 12, 31))
    assert [f.code for f in found] == ["submitted-summary-outdated"]
    assert "in_service_total" in found[0].message and "required_count" in found[0].message
