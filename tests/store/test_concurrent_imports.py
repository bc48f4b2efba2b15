"""Eight ``casedu import external`` commands at once into one store, on every engine: every
row of every file is added, each record with an id of its own, nothing lost and nothing twice.
The ids come from the store's ids as they are when the import commits: an import that finds
its ids taken meanwhile plans them again (casedu.services.retry), so no importer fails with
"is not as expected" and no row is lost."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.engines import ENGINES, new_store, server_url
from tests.importers.files import write_rows
from tests.services.world import accounts, world_dataset

PROCESSES = 8
ROWS = 25  # external-learning records of each file


def _file(folder: Path, worker: int) -> Path:
    rows: list[list[object]] = [["人员", "类别", "名称", "开始日期", "学时"]]
    rows += [[("s1", "s2")[row % 2], "学术会议", f"w{worker}-r{row:02d}",
              f"2026-{1 + row % 12:02d}-{1 + worker:02d}", 1 + row % 5] for row in range(ROWS)]
    return write_rows(folder / f"external-{worker}.csv", rows)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ENGINES)
def test_eight_importers_at_once_add_every_row_of_every_file(kind, tmp_path):
    with new_store(kind, tmp_path) as store:
        store.replace_all(world_dataset(), accounts=accounts())
        before = {r.id for r in store.find("external_learning")}
        if kind == "sqlite":
            where = [str(store.path)]
        else:
            where = ["--prefix", store.tables.prefix, server_url(kind)]
        files = [_file(tmp_path, worker) for worker in range(PROCESSES)]
        casedu = Path(sys.executable).parent / "casedu"
        started = time.perf_counter()
        commands = [subprocess.Popen(
            [str(casedu), "import", "--institute", "IOP", *where, "external", str(file)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "COLUMNS": "200"}) for file in files]
        results = [command.communicate(timeout=600) for command in commands]
        seconds = time.perf_counter() - started
        for command, (out, err) in zip(commands, results, strict=True):
            assert command.returncode == 0, err
            assert f"imported: {ROWS} records written" in out, out + err
        added = [r for r in store.find("external_learning") if r.id not in before]
        titles = sorted(r.title for r in added)
        assert titles == sorted(f"w{w}-r{r:02d}" for w in range(PROCESSES) for r in range(ROWS))
        assert len({r.id for r in added}) == PROCESSES * ROWS  # an id of its own each
        events = [e for e in store.events() if e.action == "create_external"]
        assert sum(1 for e in events if e.outcome == "done") == PROCESSES * ROWS
        print(f"\n{kind}: {PROCESSES} processes x {ROWS} rows: {len(added)} records added, "
              f"{len(before) + len(added)} in the store, {seconds:.1f} s")
