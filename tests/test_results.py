"""Results as records and DataFrames, reprs that fit on a screen, and cattrs without private
fields: what a notebook or a service does with casedu's results, without unpacking by hand."""

import datetime as dt
from decimal import Decimal

import cattrs
import pytest

from casedu.metrics import (
    annual_figures,
    class_stats,
    learning_archive,
    screen_backbone,
    staff_overview,
)
from casedu.reports import ReportContext, build_report
from casedu.results import MissingPackageError
from casedu.sample import sample_dataset

DATA = sample_dataset()
PERSON = DATA.people[0].id
SCREEN = screen_backbone(DATA, "DEMO", 2026)
RESULTS = {
    "figures": annual_figures(DATA, "DEMO", 2026),
    "screen": SCREEN,
    "candidate": SCREEN.eligible[0],
    "archive": learning_archive(DATA, PERSON),
    "class_stats": class_stats(DATA, "DEMO", 2026),
    "staff_overview": staff_overview(DATA, "DEMO", 2026),
    "table": build_report("class-stats", ReportContext(DATA, "DEMO", 2026)).tables[0],
}
PLAIN = (str, int, bool, Decimal, dt.date, type(None))


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_records_are_lists_of_dicts_of_plain_values(name):
    records = RESULTS[name].to_records()
    assert records and all(isinstance(r, dict) for r in records)
    for record in records:
        for key, value in record.items():
            assert isinstance(key, str) and isinstance(value, PLAIN), (name, key, value)


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_frames_have_numeric_columns(name):
    records = RESULTS[name].to_records()
    frame = RESULTS[name].to_frame()
    assert len(frame) == len(records)
    for key in records[0]:
        values = [r[key] for r in records if r[key] is not None]
        if values and all(isinstance(v, Decimal) for v in values):  # exact: not float64
            assert str(frame[key].dtype).startswith("decimal128(38, "), (name, key)
            assert frame[key].sum() == sum(values, Decimal(0)), (name, key)
        if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            assert frame[key].dtype == "Int64", (name, key)
        if values and all(isinstance(v, dt.date) for v in values):
            assert str(frame[key].dtype) == "date32[day][pyarrow]", (name, key)


def test_the_figures_records_are_exact_and_the_frame_answers():
    figures = RESULTS["figures"]
    by_key = {r["key"]: r for r in figures.to_records()}
    assert by_key["completion_rate"]["value"] == figures.completion_rate
    assert by_key["in_service_total"]["value"] == len(figures.in_service)
    frame = figures.to_frame().set_index("key")
    assert frame.loc["total_hours", "value"] == figures.total_hours  # exact, not a float
    assert frame.loc["completion_rate", "value"] == figures.completion_rate


def test_overview_frame_sums_to_the_figures():
    overview = RESULTS["staff_overview"]
    frame = overview.to_frame()
    serving = frame[frame["in_service"]]
    assert serving["total_hours"].sum() == RESULTS["figures"].total_hours  # exactly


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_reprs_fit_on_a_screen(name):
    assert len(repr(RESULTS[name])) < 1000
    assert len(repr(DATA)) < 1000 and repr(DATA).startswith("Dataset(institutes=1,")


def test_documents_show_their_size_not_their_rows():
    document = build_report("staff-overview", ReportContext(DATA, "DEMO", 2026))
    assert len(repr(document)) < 300 and "staff-overview" in repr(document)


def test_cattrs_unstructures_the_screen_without_private_fields():
    value = cattrs.unstructure(SCREEN)
    assert not [k for k in value if k.startswith("_")]
    assert len(value["eligible"]) == len(SCREEN.eligible)
    assert SCREEN.candidate(DATA.people[1].id) is not None  # still made on demand


def test_a_table_gives_its_periods_and_marks():
    records = RESULTS["table"].to_records()
    assert {"period_start", "period_end", "marks"} <= set(records[0])
    assert all(r["period_start"] <= r["period_end"] for r in records)
    not_done = [p for p in RESULTS["class_stats"] if not p.implemented]
    assert sum(r["marks"] == "未实施" for r in records) == len(not_done) > 0


@pytest.mark.parametrize("package", ["pandas", "pyarrow"])
def test_to_frame_without_pandas_says_how_to_install_it(monkeypatch, package):
    import builtins

    real = builtins.__import__

    def without(name, *args, **kwargs):
        if name == package:
            raise ImportError(f"no {package}")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without)
    with pytest.raises(MissingPackageError,
                       match=rf"\({package} missing\): pip install pandas pyarrow"):
        RESULTS["figures"].to_frame()
    assert RESULTS["figures"].to_records()  # the records need nothing
