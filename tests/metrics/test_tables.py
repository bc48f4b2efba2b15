"""The class statistics rows, the staff overview and the learning archive."""

from decimal import Decimal

from casedu.metrics import class_stats, learning_archive, staff_overview
from casedu.model import Department, ExternalStatus, Implementation
from tests.builders import D, attend, dataset, external, online, person, plan


def test_class_stats_rows_take_actual_figures_and_mark_unimplemented():
    impl = Implementation(attendees=38, staff=4, expense=Decimal("11800.00"),
                          location="新址")
    data = dataset(plans=[plan("tp2", start=D(2026, 5, 1)),
                          plan("tp1", start=D(2026, 3, 1), implementation=impl,
                               participants=40),
                          plan("draft", published=False)])
    rows = class_stats(data, "IOP", 2026)
    assert [r.plan.id for r in rows] == ["tp1", "tp2"]
    first, second = rows
    assert (first.figures.attendees, first.figures.staff, first.figures.expense,
            first.figures.location) == (38, 4, Decimal("11800.00"), "新址")
    assert first.implemented and not second.implemented
    assert (second.figures.attendees, second.figures.staff) == (0, 0)


def test_staff_overview():
    data = dataset(
        departments=[Department(id="D1", institute="IOP", name="一处"),
                     Department(id="D2", institute="IOP", name="二处")],
        people=[person("b", department="D2"), person("a", department="D1"),
                person("new", department="D1", hire_date=D(2026, 4, 1)),
                person("stu", department="D2", hours_required=False)],
        external_learning=[external("e", "a", 100), external("e2", "b", "99.5")],
        online_learning=[online("b", "c1", "0.5")],
    )
    rows = staff_overview(data, "IOP", 2026)
    assert [r.person.id for r in rows] == ["a", "new", "b", "stu"]
    by_id = {r.person.id: r for r in rows}
    assert by_id["a"].completed is True
    assert by_id["b"].completed is True and by_id["b"].total == 100
    assert by_id["new"].assessed is False and by_id["new"].completed is None
    assert by_id["new"].new_hire
    assert by_id["stu"].completed is None


def test_archive_lists_every_record_with_its_credit():
    data = dataset(
        people=[person("a")],
        plans=[plan("tp1", hours=8, start=D(2025, 3, 1)), plan("tp2", hours=4)],
        attendance=[attend("tp1", "a"), attend("tp2", "a", confirmed=False)],
        external_learning=[external("e1", "a", 6),
                           external("e2", "a", 9, status=ExternalStatus.REJECTED)],
        online_learning=[online("a", "c1", 1)],
    )
    archive = learning_archive(data, "a")
    assert archive.years() == (2026, 2025)
    assert archive.total(2025) == 8
    assert archive.total(2026) == 7  # 6 approved + 1 online; unconfirmed and rejected excluded
    # by date: the class of March, the two records of May, the course of June
    assert [e.status for e in archive.of_year(2026)] == ["未确认", "已通过", "未通过", "已记录"]
