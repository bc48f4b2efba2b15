"""What the command line prints: tables for people, the pinned JSON for programs, and the
warnings of a year that looks mistyped."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from casedu.errors import visible
from casedu.metrics import stored_figures
from casedu.model import AnnualSummary, Dataset
from casedu.policy import DEFAULT_POLICY, Policy
from casedu.quantities import decimal_text, hours_text
from casedu.text_width import display_width

if TYPE_CHECKING:  # the figures' modules are imported by the commands that compute them
    from casedu.metrics import AnnualFigures, BackboneCandidate, BackboneScreen, YearHours

__all__ = [
    "candidate_json",
    "candidate_text",
    "eligible_json",
    "frozen_summary_table",
    "print_json",
    "render_table",
    "screen_table",
    "summary_table",
    "warn_if_empty",
    "warn_if_empty_hours",
]


def render_table(headers: Sequence[str], rows: Sequence[Sequence[str]],
                 right: Sequence[bool] | None = None) -> str:
    """A table with a header and a rule, columns padded to their widest cell; every control
    character of a cell escaped (:func:`casedu.errors.visible`), so that no text from a file or
    the audit drives the terminal.

    >>> rows = [["张伟", "120"], ["Li", "8.5"]]
    >>> print(render_table(["姓名", "hours"], rows, right=[False, True]))
    姓名  hours
    ----  -----
    张伟    120
    Li      8.5
    """
    align = list(right) if right is not None else [False] * len(headers)
    rows = [[visible(cell) for cell in row] for row in rows]
    widths = [display_width(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], display_width(cell))

    def line(cells: Sequence[str]) -> str:
        parts = []
        for i, cell in enumerate(cells):
            pad = " " * (widths[i] - display_width(cell))
            parts.append(pad + cell if align[i] else cell + pad)
        return "  ".join(parts).rstrip()

    out = [line(headers), line(["-" * w for w in widths])]
    out.extend(line(row) for row in rows)
    return "\n".join(out)


def print_json(value: object) -> None:
    """``value`` as indented JSON, Chinese as it is."""
    print(json.dumps(value, ensure_ascii=False, indent=2))


def summary_table(dataset: Dataset, figures: AnnualFigures) -> str:
    """The summary as the manual's table: figure, value, source, entered or extracted."""
    name = dataset.institute(figures.institute).name
    rows = [
        [f.label, f.value_text(), "填写" if f.entered else "抽取", f.source]
        for f in figures.figures()
    ]
    table = render_table(["数据 figure", "数值 value", "类型", "来源 source"], rows,
                         right=[False, True, False, False])
    notes = [
        f"{name} ({figures.institute}) {figures.year} 年度培训总结",
        "",
        table,
        "",
        f"计划 plans: {len(figures.implemented_plans)} of {len(figures.plans)} implemented; "
        f"system person-times {figures.total_person_times_system}",
    ]
    return "\n".join(notes)


def frozen_summary_table(dataset: Dataset, summary: AnnualSummary,
                         policy: Policy = DEFAULT_POLICY) -> str:
    """A submitted summary's frozen figures."""
    figures = stored_figures(summary, policy) or ()
    name = dataset.institute(summary.institute).name
    rows = [[f.label, f.value_text(), "填写" if f.entered else "抽取", f.source]
            for f in figures]
    when = summary.submitted_on.isoformat() if summary.submitted_on else "—"
    return "\n".join([
        f"{name} ({summary.institute}) {summary.year} 年度培训总结 — submitted {when} (已提交)",
        "",
        render_table(["数据 figure", "数值 value", "类型", "来源 source"], rows,
                     right=[False, True, False, False]),
    ])


def eligible_json(candidate: BackboneCandidate) -> dict[str, Any]:
    """One eligible person in the pinned JSON of ``casedu backbone``."""
    return {
        "person": candidate.person.id,
        "name": candidate.person.name,
        "department": candidate.person.department,
        "total_hours": hours_text(candidate.verdict.total_hours),
        "max_single_hours": hours_text(candidate.verdict.max_single_hours),
        "reported": candidate.reported,
    }


def candidate_json(candidate: BackboneCandidate) -> dict[str, Any]:
    """One person's figures and reasons (``casedu backbone --person``)."""
    verdict = candidate.verdict
    return {
        **eligible_json(candidate),
        "eligible": candidate.eligible,
        "in_service": verdict.in_service,
        "meets_total": verdict.meets_total,
        "meets_single": verdict.meets_single,
        "reasons": list(verdict.reasons),
        "single_trainings_over_threshold": [
            {"source": s.source.value, "id": s.key, "title": s.title,
             "start": s.start.isoformat(), "end": s.end.isoformat(),
             "hours": decimal_text(s.hours)}
            for s in verdict.long_singles
        ],
    }


def candidate_text(candidate: BackboneCandidate, screen: BackboneScreen) -> str:
    """One person's verdict for a person to read."""
    verdict = candidate.verdict
    person = candidate.person
    head = "eligible 符合条件" if candidate.eligible else "not eligible 不符合条件"
    lines = [
        f"{person.name} ({person.id}) {candidate.department} — {screen.year}: {head}",
        *(f"  - {reason}" for reason in verdict.reasons),
        f"  reported 已上报: {'yes' if candidate.reported else 'no'}",
    ]
    for single in verdict.long_singles:
        lines.append(f"  * {single.source.label} {single.title} "
                     f"{single.start.isoformat()}~{single.end.isoformat()} "
                     f"{decimal_text(single.hours)} h")
    return "\n".join(lines)


def screen_table(dataset: Dataset, screen: BackboneScreen) -> str:
    """The screen: the eligible, then the near misses with their reasons."""
    name = dataset.institute(screen.institute).name
    out = [f"{name} ({screen.institute}) {screen.year} 骨干人才筛选: "
           f"{len(screen.eligible)} eligible, {screen.reported_count} reported"]
    rows = [
        [c.person.id, c.person.name, c.department, decimal_text(c.verdict.total_hours),
         decimal_text(c.verdict.max_single_hours), "已上报" if c.reported else ""]
        for c in screen.eligible
    ]
    out.append(render_table(["人员 id", "姓名", "部门", "总学时", "最长单次", "上报"], rows,
                            right=[False, False, False, True, True, False]))
    if screen.near_misses:
        out.append("")
        out.append("near misses 接近条件:")
        out.extend(f"  {c.person.id} {c.person.name}: {'; '.join(c.verdict.reasons)}"
                   for c in screen.near_misses)
    if screen.reported_ineligible:
        out.append("")
        out.append("reported but not eligible 已上报但不符合条件:")
        out.extend(f"  {c.person.id} {c.person.name}: {'; '.join(c.verdict.reasons)}"
                   for c in screen.reported_ineligible)
    return "\n".join(out)


def warn_if_empty_hours(dataset: Dataset, institute: str, year: int,
                        hours: YearHours | None) -> None:
    """As :func:`warn_if_empty`; a workspace's roster holds no records, its sums tell."""
    if hours is None:
        warn_if_empty(dataset, institute, year)
        return
    people = {p.id for p in dataset.people_by_institute.get(institute, ())}
    plans = any(p.actual_start.year == year for p in dataset.plans_by_institute.get(institute, ()))
    if not plans and not any(p in hours.by_person for p in people):
        print(f"warning: {institute} has no plans and no learning records in {year}: is the "
              "year right?", file=sys.stderr)


def warn_if_empty(dataset: Dataset, institute: str, year: int) -> None:
    """A year with nothing in it is most often a mistyped year: say so (the figures stand)."""
    if any(True for _ in _records_of(dataset, institute, year)):
        return
    print(f"warning: {institute} has no plans and no learning records in {year}: is the year "
          "right?", file=sys.stderr)


def _records_of(dataset: Dataset, institute: str, year: int) -> Iterator[object]:
    people = {p.id for p in dataset.people_by_institute.get(institute, ())}
    yield from (p for p in dataset.plans_by_institute.get(institute, ())
                if p.actual_start.year == year or p.actual_end.year == year)
    yield from (r for r in dataset.external_learning
                if r.person in people and year in (r.start.year, r.end.year))
    yield from (r for r in dataset.online_learning if r.person in people and r.date.year == year)
