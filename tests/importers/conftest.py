"""Every importer test runs with both xlsx readers: python-calamine and openpyxl."""

import pytest

from casedu.importers.reading import READER_ENV


@pytest.fixture(autouse=True, params=["calamine", "openpyxl"])
def xlsx_reader(request, monkeypatch):
    if request.param == "calamine":
        pytest.importorskip("python_calamine")
    monkeypatch.setenv(READER_ENV, request.param)
    return request.param
