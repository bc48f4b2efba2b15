"""``casedu demo``: a sample institute, every report in every format, in one folder."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import attrs

from casedu.dataset import save_dataset
from casedu.errors import ExporterError
from casedu.exporters import export, formats
from casedu.metrics import screen_backbone
from casedu.model import Dataset
from casedu.progress import advance, task
from casedu.reports import REPORTS, ReportContext, build_report
from casedu.sample import SAMPLE_INSTITUTE, sample_dataset

__all__ = ["DemoResult", "run_demo"]


@attrs.frozen
class DemoResult:
    """What the demo wrote, and what it could not write with the reason."""

    folder: Path
    written: tuple[Path, ...]
    skipped: tuple[str, ...]
    notices: tuple[str, ...]


def run_demo(folder: str | os.PathLike[str], *, year: int = 2026,
             progress: Callable[[Path], None] | None = None) -> DemoResult:
    """Build the sample institute and write its dataset and every report in every format."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    dataset = sample_dataset(year)
    written: list[Path] = []
    skipped: list[str] = []
    notices: list[str] = []

    def wrote(path: Path) -> None:
        written.append(path)
        advance()
        if progress is not None:
            progress(path)

    files = 1 + len(REPORTS) * sum(1 for info in formats() if info.exporter is not None)
    with task(f"writing {target}", total=files, unit="files"):
        _write_demo(target, year, dataset, wrote, skipped, notices)
    return DemoResult(folder=target, written=tuple(written), skipped=tuple(skipped),
                      notices=tuple(notices))


def _write_demo(target: Path, year: int, dataset: Dataset, wrote: Callable[[Path], None],
                skipped: list[str], notices: list[str]) -> None:
    data_path = target / "dataset.json"
    save_dataset(dataset, data_path)
    wrote(data_path)
    context = ReportContext(dataset, SAMPLE_INSTITUTE, year)
    screen = screen_backbone(dataset, SAMPLE_INSTITUTE, year, hours=context.hours)
    person = screen.eligible[0].person.id if screen.eligible else dataset.people[0].id
    documents = [build_report(name, context, person=person) for name in REPORTS]
    for info in formats():
        if info.exporter is None:
            skipped.append(f"{info.name}: {info.error}")
            continue
        options = {}
        if info.name == "pdf":
            options = {"allow_unembedded_font": True}
        for name, document in zip(REPORTS, documents, strict=True):
            path = target / f"{name}{info.exporter.suffix}"
            try:
                export(document, info.name, path, **options)
            except ExporterError as error:
                skipped.append(f"{path.name}: {error}")
                continue
            wrote(path)
        if info.name == "pdf":
            from casedu.exporters.fonts import choose_font

            font = choose_font(allow_unembedded=True)
            if not font.embedded:
                notices.append(
                    "The PDFs use reportlab's built-in STSong-Light, which is not embedded: "
                    "install fonts-wqy-zenhei (or set CASEDU_PDF_FONT) for self-contained PDFs."
                )
