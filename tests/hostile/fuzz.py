"""Fuzz targets, one per reader, seeded from valid files: bytes flipped, cut, inserted and
repeated, in the file itself or inside a zip's entries. A target passes when every input is read
or refused with a CaseduError; anything else (another exception, or the process dying) fails.

Each target runs in a process of its own, so that a reader that takes the process down fails
the test instead of ending the test run::

    python -m tests.hostile.fuzz dataset --examples 2000
    python -m tests.hostile.fuzz all --examples 2000     # the long run of docs/security.md
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casedu.errors import CaseduError

Target = Callable[[Path], object]


def _dataset_seed(folder: Path) -> Path:
    from casedu.dataset import save_dataset
    from tests.services.world import world_dataset

    path = folder / "seed.json"
    save_dataset(world_dataset(), path)
    return path


def _sheet_seed(folder: Path, suffix: str) -> Path:
    from tests.importers.files import write_rows

    rows = [["人员编号", "姓名", "部门", "邮箱", "在职", "有学时要求", "入职时间", "类别"],
            ["q1", "张伟", "一处", "zw@x.cn", "是", "是", "2015-07-01", "职工"],
            ["q2", "王芳", None, None, "否", "是", None, None],
            ["q3", "李娜", "二处", None, "是", "否", "2026-01-01", "学生"]]
    return write_rows(folder / f"seed{suffix}", rows)


def _workbook_seed(folder: Path) -> Path:
    from casedu.importers.templates import write_template

    path = folder / "seed-workbook.xlsx"
    write_template("workbook", path)
    return path


def _xapi_seed(folder: Path, lines: bool) -> Path:
    statement = {
        "id": "s-1", "actor": {"account": {"name": "staff1"}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/terminated"},
        "object": {"id": "c42", "definition": {"name": {"zh-CN": "科研诚信"}}},
        "result": {"duration": "PT1H30M"}, "timestamp": "2026-06-01T10:00:00+08:00"}
    items = [statement, {**statement, "id": "s-2", "result": {"duration": "PT20M"}},
             {"id": "v", "verb": {"id": "http://adlnet.gov/expapi/verbs/voided"},
              "object": {"objectType": "StatementRef", "id": "s-2"}}]
    path = folder / ("seed.jsonl" if lines else "seed.json")
    text = "\n".join(json.dumps(i) for i in items) if lines else json.dumps(items)
    path.write_text(text, encoding="utf-8")
    return path


def _workspace_seed(folder: Path) -> Path:
    from casedu.store import SqliteStore
    from tests.services.world import world_dataset

    path = folder / "seed.casedu"
    store = SqliteStore.open(path, create=True)
    store.replace_all(world_dataset())
    store.close()
    import sqlite3

    db = sqlite3.connect(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("PRAGMA journal_mode = DELETE")
    db.close()
    return path


def _read_rows(path: Path) -> object:
    from casedu.importers import read_rows

    return list(read_rows(path, all_sheets=True))


def _plan_people(path: Path) -> object:
    from casedu.importers import plan_import
    from tests.services.world import accounts, world_dataset

    return plan_import("people", path, dataset=world_dataset(),
                       accounts={a.username: a for a in accounts()}, institute="IOP")


def _read_workbook(path: Path) -> object:
    from casedu.importers.workbook import read_workbook

    return read_workbook(path)


def _read_dataset(path: Path) -> object:
    from casedu.dataset import load_dataset

    return load_dataset(path)


def _read_statements(path: Path) -> object:
    from casedu.importers import read_statements
    from tests.services.world import accounts, world_dataset

    return read_statements(path, dataset=world_dataset(),
                           accounts={a.username: a for a in accounts()}, institute="IOP")


def _read_workspace(path: Path) -> object:
    from casedu.store import SqliteStore

    with SqliteStore.open(path) as store:
        return store.state(), store.events(), store.year_hours(2026), store.roster()


#: name -> (seed maker, reader, environment)
TARGETS: dict[str, tuple[Callable[[Path], Path], Target, dict[str, str]]] = {
    "dataset": (_dataset_seed, _read_dataset, {}),
    "xlsx-calamine": (lambda f: _sheet_seed(f, ".xlsx"), _read_rows,
                      {"CASEDU_XLSX_READER": "calamine"}),
    "xlsx-openpyxl": (lambda f: _sheet_seed(f, ".xlsx"), _read_rows,
                      {"CASEDU_XLSX_READER": "openpyxl"}),
    "ods": (lambda f: _sheet_seed(f, ".ods"), _read_rows, {}),
    "csv": (lambda f: _sheet_seed(f, ".csv"), _plan_people, {}),
    "import-xlsx": (lambda f: _sheet_seed(f, ".xlsx"), _plan_people, {}),
    "workbook": (_workbook_seed, _read_workbook, {}),
    "xapi-array": (lambda f: _xapi_seed(f, False), _read_statements, {}),
    "xapi-lines": (lambda f: _xapi_seed(f, True), _read_statements, {}),
    "workspace": (_workspace_seed, _read_workspace, {}),
}

_EDIT = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 2**31), st.integers(1, 255)),
    st.tuples(st.just("cut"), st.integers(0, 2**31), st.integers(1, 4096)),
    st.tuples(st.just("insert"), st.integers(0, 2**31), st.binary(min_size=1, max_size=64)),
    st.tuples(st.just("repeat"), st.integers(0, 2**31), st.integers(1, 512)),
    st.tuples(st.just("truncate"), st.integers(0, 2**31), st.just(0)),
    st.tuples(st.just("token"), st.integers(0, 2**31), st.sampled_from([
        b"\x00", b'"', b"{", b"[", b"]", b"}", b"<", b">", b"&", b"1e400", b"NaN", b"-1",
        b"99999999999999999999", b"7" * 5000, b'r="XFD1048576"',
        b' table:number-rows-repeated="99999"',
        b"\xe2\x80\xae", b"\xff\xfe", b"null", b"true", b",", b":"])),
)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=30)
    | st.sampled_from(["PT1H", "P1M", "2026-02-30", "staff1", "mailto:a@b", "\u202e", "1e400"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12)


def _paths(value: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def replace_values(data: bytes, choices: list[tuple[int, object]], lines: bool) -> bytes:
    """The JSON (or JSON lines) ``data`` with values at chosen places replaced by arbitrary
    JSON: wrong types, huge numbers, odd text (the mutations that bytes alone rarely make)."""
    text = data.decode("utf-8")
    values = [json.loads(line) for line in text.splitlines()] if lines else [json.loads(text)]
    root: object = values
    for index, replacement in choices:
        paths = [p for p in _paths(root) if p]
        path = paths[index % len(paths)]
        parent = root
        for key in path[:-1]:
            parent = parent[key]  # type: ignore[index]
        parent[path[-1]] = replacement  # type: ignore[index]
    if lines:
        return "\n".join(json.dumps(v, ensure_ascii=False) for v in values).encode()
    return json.dumps(values[0], ensure_ascii=False).encode()


def mutate(data: bytes, edits: list[tuple[str, int, object]]) -> bytes:
    """``data`` with ``edits`` applied in turn (positions wrap around the data's length)."""
    out = bytearray(data)
    for kind, position, value in edits:
        at = position % (len(out) + 1)
        if kind == "flip" and out:
            out[at % len(out)] ^= int(value)  # type: ignore[call-overload]
        elif kind == "cut":
            del out[at:at + int(value)]  # type: ignore[call-overload]
        elif kind in ("insert", "token"):
            out[at:at] = bytes(value)  # type: ignore[arg-type]
        elif kind == "repeat":
            out[at:at] = out[at:at + int(value)]  # type: ignore[call-overload]
        elif kind == "truncate":
            del out[at:]
    return bytes(out)


def mutate_entry(data: bytes, entry_index: int, edits: list[tuple[str, int, object]]) -> bytes:
    """A zip with one entry's content mutated (so the parsers behind the zip are reached)."""
    with zipfile.ZipFile(io.BytesIO(data)) as old:
        infos = old.infolist()
        chosen = infos[entry_index % len(infos)].filename
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
            for info in infos:
                content = old.read(info.filename)
                new.writestr(info.filename, mutate(content, edits)
                             if info.filename == chosen else content)
    return out.getvalue()


def run(name: str, examples: int) -> tuple[int, int]:
    """Fuzz one target; returns how many inputs were tried and how many of them refused."""
    make_seed, reader, environment = TARGETS[name]
    os.environ.update(environment)
    folder = Path(tempfile.mkdtemp(prefix=f"casedu-fuzz-{name}-"))
    seed = make_seed(folder)
    original = seed.read_bytes()
    is_zip = original.startswith(b"PK")
    tried = refused = 0

    is_json = seed.suffix in (".json", ".jsonl")

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(edits=st.lists(_EDIT, min_size=1, max_size=6), inside=st.booleans(),
           entry=st.integers(0, 50),
           values=st.lists(st.tuples(st.integers(0, 10_000), _JSON), min_size=1, max_size=3))
    def one(edits: list[tuple[str, int, object]], inside: bool, entry: int,
            values: list[tuple[int, object]]) -> None:
        nonlocal tried, refused
        tried += 1
        if is_json and inside:
            data = replace_values(original, values, seed.suffix == ".jsonl")
        elif is_zip and inside:
            data = mutate_entry(original, entry, edits)
        else:
            data = mutate(original, edits)
        path = folder / f"input{seed.suffix}"
        for leftover in folder.glob("input*"):
            leftover.unlink()
        path.write_bytes(data)
        try:
            reader(path)
        except CaseduError:
            refused += 1

    one()
    return tried, refused


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.hostile.fuzz")
    parser.add_argument("target", choices=(*TARGETS, "all"))
    parser.add_argument("--examples", type=int, default=100)
    args = parser.parse_args(argv)
    names = list(TARGETS) if args.target == "all" else [args.target]
    total = 0
    for name in names:
        started = time.perf_counter()
        tried, refused = run(name, args.examples)
        total += tried
        print(f"{name}: {tried} inputs ({refused} refused, {tried - refused} read), "
              f"{time.perf_counter() - started:.1f} s; none escaped as anything but a "
              "CaseduError", flush=True)
    if len(names) > 1:
        print(f"all: {total} inputs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
