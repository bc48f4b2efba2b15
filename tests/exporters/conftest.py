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


# -- the large year, printed once per test session ----------------------------------------------

#: The formats that print, and how: the PDF as casedu draws it, the spreadsheets as
#: LibreOffice prints them (standing for the Print button of WPS and Excel).
PRINTS = ("pdf", "xlsx", "ods")


@pytest.fixture(scope="session")
def large_context():
    from casedu.sample import large_sample_dataset

    return ReportContext(large_sample_dataset(), "DEMO", 2026)


@pytest.fixture(scope="session")
def large_documents(large_context):
    person = large_context.dataset.people[0].id
    return {name: build_report(name, large_context, person=person) for name in REPORTS}


@pytest.fixture(scope="session")
def large_files(large_documents, tmp_path_factory):
    """Every report of the large year in every format: {(report, format): path}."""
    from casedu.exporters import export
    from tests.exporters.test_pdf import has_font

    folder = tmp_path_factory.mktemp("large")
    written = {}
    for name, document in large_documents.items():
        for fmt in ("xlsx", "ods", "pdf", "csv", "json", "html"):
            if fmt == "pdf" and not has_font():
                continue
            written[name, fmt] = export(document, fmt, folder / f"{name}-{fmt}.{fmt}")
    return written


@pytest.fixture(scope="session")
def printed(large_files, tmp_path_factory):
    """Every report of the large year on paper, as a PDF: {(report, format): path}; the
    spreadsheets printed by LibreOffice in one run (``soffice --convert-to pdf``)."""
    import os
    import shutil
    import subprocess

    soffice = shutil.which("soffice")
    if soffice is None or shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("CI installs libreoffice-calc-nogui and poppler-utils (.ci/run)")
        pytest.skip("LibreOffice or poppler is not installed")
    folder = tmp_path_factory.mktemp("printed")
    sheets = [path for (_, fmt), path in large_files.items() if fmt in ("xlsx", "ods")]
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{folder}/profile",
                    "--convert-to", "pdf", "--outdir", str(folder), *map(str, sheets)],
                   check=True, capture_output=True, timeout=900)
    found = {}
    for (name, fmt), path in large_files.items():
        if fmt == "pdf":
            found[name, fmt] = path
        elif fmt in ("xlsx", "ods"):
            found[name, fmt] = folder / f"{name}-{fmt}.pdf"
            assert found[name, fmt].exists(), (name, fmt)
    return found
