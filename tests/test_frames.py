"""to_frame keeps hours and money exact (pyarrow decimal128), dates as dates, statuses as
categories; the wide form of hours, a row a person and a column a year."""

import datetime as dt
from decimal import Decimal

import pytest

pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")

from casedu.errors import (  # noqa: E402
    ArgumentTypeError,
    ArgumentValueError,
    UnknownRecordError,
)
from casedu.metrics import (  # noqa: E402
    hours_by_year,
    learning_archive,
    staff_overview,
)
from casedu.results import frame_of  # noqa: E402
from casedu.sample import sample_dataset  # noqa: E402

DATA = sample_dataset(2026)
YEARS = [2025, 2026]


def test_a_sum_of_hours_is_exact_where_floats_are_not():
    records = [{"hours": Decimal("0.10")} for _ in range(10)]
    assert sum(float(r["hours"]) for r in records) != 1  # what float64 gave: 0.9999999999999999
    total = frame_of(records)["hours"].sum()
    assert total == Decimal("1.00") and isinstance(total, Decimal)


def test_the_overview_sums_exactly_to_the_records():
    overview = staff_overview(DATA, "DEMO", 2026)
    frame = overview.to_frame()
    assert str(frame["total_hours"].dtype) == "decimal128(38, 2)[pyarrow]"
    expected = sum((r["total_hours"] for r in overview.to_records()), Decimal(0))
    assert frame["total_hours"].sum() == expected
    by_department: dict[str, Decimal] = {}
    for record in overview.to_records():
        by_department[record["department"]] = (by_department.get(record["department"], 0)
                                               + record["total_hours"])
    grouped = frame.groupby("department")["total_hours"].sum()
    assert {k: grouped[k] for k in by_department} == by_department


def test_each_kind_of_value_has_its_dtype():
    frame = frame_of([
        {"date": dt.date(2026, 3, 2), "count": 3, "flag": True, "money": Decimal("11800.50"),
         "text": "已通过", "mixed": 7, "status": "待审核"},
        {"date": None, "count": None, "flag": None, "money": Decimal("0"), "text": None,
         "mixed": Decimal("0.125"), "status": "已通过"},
    ], categories=["status"])
    dtypes = {k: str(v) for k, v in frame.dtypes.items()}
    assert dtypes["date"] == "date32[day][pyarrow]"
    assert frame["date"].iloc[0] == dt.date(2026, 3, 2)
    assert frame["date"].dt.year.iloc[0] == 2026 and frame["date"].isna().tolist() == [False, True]
    assert dtypes["count"] == "Int64" and frame["count"].isna().tolist() == [False, True]
    assert dtypes["flag"] == "boolean"
    assert dtypes["money"] == "decimal128(38, 2)[pyarrow]"
    assert dtypes["mixed"] == "decimal128(38, 3)[pyarrow]"  # whole numbers among decimals
    assert frame["mixed"].sum() == Decimal("7.125")
    assert dtypes["status"] == "category"
    assert set(frame["status"].cat.categories) == {"待审核", "已通过"}


def test_a_decimal_beyond_38_digits_or_not_finite_stays_a_python_decimal():
    huge = Decimal("1" * 37 + ".25")  # 39 digits
    assert frame_of([{"v": huge}])["v"].dtype == object
    assert frame_of([{"v": huge}])["v"][0] == huge
    assert frame_of([{"v": Decimal("NaN")}, {"v": Decimal(1)}])["v"].dtype == object
    fits = Decimal("1" * 36 + ".25")  # 38 digits
    assert frame_of([{"v": fits}])["v"][0] == fits


def test_empty_records_give_an_empty_frame():
    frame = frame_of([])
    assert len(frame) == 0 and list(frame.columns) == []


def test_the_archive_frame_has_statuses_as_categories():
    archive = learning_archive(DATA, DATA.people[0].id)
    frame = archive.to_frame()
    assert frame["status"].dtype == "category" and frame["source"].dtype == "category"
    assert str(frame["start"].dtype) == "date32[day][pyarrow]"


def test_the_wide_form_is_the_archives_hours_by_person_and_year():
    """Each cell against the person's learning archive, a path of its own to the hours."""
    table = hours_by_year(DATA, YEARS, institute="DEMO")
    wide = table.to_frame(wide=True)
    people = [p for p in DATA.people if p.institute == "DEMO"]
    assert list(wide.columns) == YEARS and wide.columns.name == "year"
    assert list(wide.index.names) == ["person", "name", "department"]
    assert len(wide) == len(people)
    expected = {(p.id, y): learning_archive(DATA, p.id).total(y) for p in people for y in YEARS}
    got = {(person, year): wide.loc[person, year].item()
           for person in wide.index.get_level_values(0) for year in YEARS}
    assert got == expected
    assert wide[2026].sum() == sum((v for (_, y), v in expected.items() if y == 2026),
                                   Decimal(0))
    assert any(v for v in expected.values())  # the sample has hours to compare


def test_the_long_form_holds_the_same_hours():
    table = hours_by_year(DATA, YEARS, institute="DEMO")
    records = table.to_records()
    assert len(records) == len(table.people) * len(YEARS)
    long = table.to_frame()
    pivoted = long.pivot(index="person", columns="year", values="hours")
    wide = table.to_frame(wide=True).droplevel(["name", "department"])
    assert list(pivoted.index) == list(wide.index)
    assert all(pivoted.loc[p, y] == wide.loc[p, y] for p in wide.index for y in YEARS)


def test_an_archive_wide_is_one_row_of_its_years():
    person = DATA.people[1]
    archive = learning_archive(DATA, person.id)
    wide = archive.to_frame(wide=True)
    assert len(wide) == 1 and list(wide.columns) == sorted(archive.years())
    for year in archive.years():
        assert wide[year].iloc[0] == archive.total(year)


def test_wide_of_a_result_without_years_is_refused():
    with pytest.raises(ArgumentValueError, match="no wide frame"):
        staff_overview(DATA, "DEMO", 2026).to_frame(wide=True)


@pytest.mark.parametrize(("years", "error"), [
    ([], ArgumentValueError), ("2026", ArgumentTypeError), (2026, ArgumentTypeError),
    ([99999], ArgumentValueError), (["2026"], ArgumentTypeError)])
def test_hours_by_year_refuses_bad_years(years, error):
    with pytest.raises(error):
        hours_by_year(DATA, years)


def test_hours_by_year_of_an_unknown_institute_names_the_known_ones():
    with pytest.raises(UnknownRecordError, match="DEMO"):
        hours_by_year(DATA, YEARS, institute="NOPE")


def test_every_institute_when_none_is_named_and_no_people_is_an_empty_frame():
    from casedu.model import Dataset

    assert len(hours_by_year(DATA, YEARS).people) == len(DATA.people)
    empty = hours_by_year(Dataset(), [2026]).to_frame(wide=True)
    assert len(empty) == 0 and str(empty[2026].dtype) == "decimal128(38, 2)[pyarrow]"
