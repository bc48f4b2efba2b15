"""From a file to an import plan: every row read, checked and compared with the workspace.

Nothing is written here. A file with any problem is refused whole, with every problem by sheet,
row, column and value; a clean file gives an :class:`ImportPlan` of what would be added, updated
and left unchanged, which ``--dry-run`` prints and an import applies in one transaction.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from casedu.errors import (
    DatasetError,
    FileRefusedError,
    InvalidValueError,
    Problem,
    UnknownRecordError,
    expect,
    shown,
)
from casedu.importers.fields import Field
from casedu.importers.kinds import KINDS, ImportKind, RowContext
from casedu.importers.reading import Limits, SheetRow, read_rows
from casedu.model import Account, AttendanceStatus, Dataset, TrainingPlan
from casedu.progress import advance, task
from casedu.services.imports import NEW_ID

__all__ = ["ImportPlan", "plan_import"]


@attrs.frozen
class ImportPlan:
    """What an import would do."""

    kind: ImportKind
    source: str
    institute: str
    plan: str | None
    added: tuple[Any, ...]
    updated: tuple[tuple[Any, Any], ...]  # (before, after)
    unchanged: tuple[Any, ...]
    ignored_columns: tuple[str, ...]

    @property
    def changes(self) -> int:
        """How many records the import would add or update."""
        return len(self.added) + len(self.updated)

    def report(self) -> str:
        """One line for the user: added, updated, unchanged, refused (none: it is a plan)."""
        line = (f"{self.source}: {self.kind.name}: {len(self.added)} to add, "
                f"{len(self.updated)} to update, {len(self.unchanged)} unchanged, 0 refused")
        if self.ignored_columns:
            line += f" (columns ignored: {', '.join(self.ignored_columns)})"
        return line


def plan_import(kind: str, path: str | os.PathLike[str], *, dataset: Dataset,
                accounts: Mapping[str, Account], institute: str, plan: str | None = None,
                limits: Limits | None = None,
                progress: Callable[[int], None] | None = None) -> ImportPlan:
    """Read ``path`` as an import of ``kind`` into ``institute``; :class:`DatasetError` lists
    every problem of the file. ``progress`` is told the rows read, every 1,000 rows (as is a
    listener of :mod:`casedu.progress`)."""
    expect("kind", kind, str, what="an import kind such as 'people'")
    expect("path", path, str, os.PathLike, what="a file's path (str or pathlib.Path)")
    if not Path(path).is_file():
        raise FileRefusedError(f"{path}: no such file")
    spec = KINDS[kind]
    source = os.fspath(path)
    dataset.institute(institute)
    if kind == "attendees" and (plan is None or plan not in dataset.plan_by_id):
        raise UnknownRecordError(f"no plan {plan!r}: name the class with --plan ID")
    context = RowContext(dataset, accounts, institute, plan)
    problems: list[Problem] = []
    rows = read_rows(Path(path), limits=limits or Limits())
    header, columns, ignored = _header(rows, spec, problems)
    records: list[tuple[SheetRow, Any]] = []
    if header is not None:
        with task(f"reading {Path(path).name}", unit="rows"):
            count = 0
            for count, row in enumerate(rows, start=1):
                if count % 1000 == 0:
                    advance(1000)
                    if progress is not None:
                        progress(count)
                record = _record(row, columns, spec, context, problems)
                if record is not None:
                    records.append((row, record))
            advance(count % 1000)
    if header is None and not problems:
        problems.append(Problem("", "the file has no rows"))
    records = _without_duplicates(records, spec, problems)
    added, updated, unchanged = _compare(spec, records, context, problems)
    if problems:
        problems.sort(key=_row_order)
        raise DatasetError(source, problems)
    return ImportPlan(spec, source, institute, plan, tuple(added), tuple(updated),
                      tuple(unchanged), tuple(ignored))


def _row_order(problem: Problem) -> tuple[int, str]:
    """Problems in the order of the file's rows."""
    match = re.search(r" row ([0-9]+)", problem.place)
    return (int(match.group(1)) if match else 0, problem.place)


def _header(rows: Iterator[SheetRow], spec: ImportKind, problems: list[Problem]) -> tuple[
        SheetRow | None, dict[int, Field], list[str]]:
    """The first row that is not blank names the columns."""
    for row in rows:
        if not any(c not in (None, "") for c in row.cells):
            continue
        columns: dict[int, Field] = {}
        ignored: list[str] = []
        for index, cell in enumerate(row.cells):
            if cell in (None, ""):
                continue
            field = next((f for f in spec.fields if f.matches(cell)), None)
            if field is None:
                ignored.append(str(cell))
            elif field in columns.values():
                problems.append(Problem(_place(row, str(cell)), "this column is given twice"))
            else:
                columns[index] = field
        missing = [f.header for f in spec.fields if f.required and f not in columns.values()]
        if missing:
            found = ", ".join(str(c) for c in row.cells if c not in (None, ""))
            problems.append(Problem(
                f"sheet {row.sheet!r} row {row.number}",
                f"missing column(s) {', '.join(missing)} (the header row has: {found}); "
                f"`casedu template {spec.name}` writes the expected columns"))
        return row, columns, ignored
    return None, {}, []


def _record(row: SheetRow, columns: dict[int, Field], spec: ImportKind, context: RowContext,
            problems: list[Problem]) -> Any:
    if not any(c not in (None, "") for c in row.cells):
        return None  # blank rows are skipped
    values: dict[str, Any] = {f.key: f.default for f in spec.fields}
    ok = True
    for index, field in columns.items():
        cell = row.cells[index] if index < len(row.cells) else None
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            if field.required:
                problems.append(Problem(_place(row, field.header), "required, but empty"))
                ok = False
            continue
        try:
            values[field.key] = field.read(cell)
        except ValueError as error:
            problems.append(Problem(_place(row, field.header, cell), str(error)))
            ok = False
    if not ok:
        return None
    try:
        return spec.build(values, context)
    except InvalidValueError as error:
        header = next((f.header for f in spec.fields if f.key == error.field), error.field)
        problems.append(Problem(_place(row, header or "", values.get(error.field or "")),
                                error.reason))
    except (ValueError, UnknownRecordError) as error:
        problems.append(Problem(_place(row, ""), str(error)))
    return None


def _place(row: SheetRow, column: str, value: Any = None) -> str:
    place = f"sheet {row.sheet!r} row {row.number}"
    if column:
        place += f" column {column}"
    if value not in (None, ""):
        place += f" value {shown(value)}"
    return place


def _without_duplicates(records: list[tuple[SheetRow, Any]], spec: ImportKind,
                        problems: list[Problem]) -> list[tuple[SheetRow, Any]]:
    seen: dict[Any, SheetRow] = {}
    kept = []
    for row, record in records:
        key = spec.key(record)
        if spec.name == "plans" and record.id == NEW_ID:
            kept.append((row, record))
            continue
        if key in seen:
            problems.append(Problem(_place(row, ""),
                                    f"the same as row {seen[key].number}"))
            continue
        seen[key] = row
        kept.append((row, record))
    return kept


def _compare(spec: ImportKind, records: list[tuple[SheetRow, Any]], context: RowContext,
             problems: list[Problem]) -> tuple[list[Any], list[tuple[Any, Any]], list[Any]]:
    added: list[Any] = []
    updated: list[tuple[Any, Any]] = []
    unchanged: list[Any] = []
    dataset = context.dataset
    if spec.name in ("people", "plans"):
        existing = dataset.person_by_id if spec.name == "people" else dataset.plan_by_id
        for row, record in records:
            before = existing.get(record.id) if record.id else None
            if before is None:
                added.append(record)
            elif before.institute != context.institute:
                problems.append(Problem(_place(row, ""), f"{record.id} belongs to "
                                        f"{before.institute}, not to {context.institute}"))
            elif isinstance(before, TrainingPlan) and before.implemented and before != record:
                problems.append(Problem(_place(row, ""), f"plan {record.id} is implemented: "
                                        "its figures are kept in its implementation"))
            elif before == record:
                unchanged.append(record)
            else:
                updated.append((before, record))
    elif spec.name == "attendees":
        on_plan = {a.person: a for a in dataset.attendance if a.plan == context.plan}
        for _, (person, confirmed) in records:
            current = on_plan.get(person)
            if current is None:
                added.append((person, confirmed))
            elif confirmed and current.status is AttendanceStatus.ADDED:
                updated.append((current, (person, True)))
            else:
                unchanged.append((person, confirmed))
    else:
        section = dataset.external_learning if spec.name == "external" \
            else dataset.online_learning
        present = {spec.key(r) for r in section}
        for _, record in records:
            (unchanged if spec.key(record) in present else added).append(record)
    return added, updated, unchanged
