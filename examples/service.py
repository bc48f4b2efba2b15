"""A minimal web service over a casedu store: an institute's annual summary as JSON, xlsx and
pdf, written straight into the response (nothing touches the disk).

    pip install casedu fastapi uvicorn
    CASEDU_WORKSPACE=iop.casedu uvicorn examples.service:app
    CASEDU_DATABASE_URL=postgresql+psycopg://casedu@db/portal uvicorn examples.service:app

One store serves every request (its engine pools the connections); each request reads only the
institute it names: its roster, and its people's hours summed by the database.

A real portal authenticates its users and checks their scope with ``casedu.services.Workflow``
(``Workflow.report(actor, "summary", year)``); this example serves one workspace's figures to
anyone who may read them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import FastAPI, HTTPException
from fastapi.responses import Response

import casedu
from casedu.exporters import export, get_exporter
from casedu.metrics import annual_figures
from casedu.reports import ReportContext, build_report
from casedu.store import SqlStore, open_store

app = FastAPI(title="casedu example service")
_STORES: dict[str, SqlStore] = {}


def _store() -> SqlStore:
    """The store of this process, opened on first use."""
    target = os.environ.get("CASEDU_DATABASE_URL") or os.environ.get("CASEDU_WORKSPACE",
                                                                     "iop.casedu")
    if target not in _STORES:
        _STORES[target] = open_store(target)
    return _STORES[target]


@contextmanager
def _answered() -> Iterator[None]:
    """casedu's refusals of what the request asked as 4xx answers: a record that is not there
    (an unknown institute) is 404, any other mistake of the caller (a year out of range) 422.
    Anything else casedu raises (a damaged workspace) is the server's, a 500."""
    try:
        yield
    except casedu.UnknownRecordError as error:
        raise HTTPException(status_code=404, detail=str(error)) from None
    except casedu.ArgumentError as error:
        raise HTTPException(status_code=422, detail=str(error)) from None


@app.get("/summary/{institute}/{year}.{fmt}")
def summary_file(institute: str, year: int, fmt: str) -> Response:
    """The stamped summary report in any format casedu knows (xlsx, pdf, ods, ...). Declared
    before the JSON route, which would take ``2026.xlsx`` for a year."""
    store = _store()
    try:
        exporter = get_exporter(fmt)
    except casedu.ExporterError as error:
        raise HTTPException(status_code=404, detail=str(error)) from None
    with _answered():
        context = ReportContext(store.roster(institute), institute, year,
                                hours_override=store.year_hours(year, institute=institute))
        body = export(build_report("summary", context), fmt)  # bytes: no file on disk
    return Response(content=body, media_type=exporter.media_type, headers={
        "Content-Disposition": f'attachment; filename="summary-{institute}-{year}'
                               f'{exporter.suffix}"'})


@app.get("/summary/{institute}/{year}")
def summary(institute: str, year: int) -> dict[str, object]:
    """The ten figures of SPEC 7's JSON. FastAPI hands ``year`` over as an int; casedu would
    refuse text."""
    store = _store()
    with _answered():
        figures = annual_figures(store.roster(institute), institute, year,
                                 hours=store.year_hours(year, institute=institute))
    return figures.to_json()
