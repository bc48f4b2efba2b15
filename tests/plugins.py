"""Installing an export format for a test as pip would: a ``.dist-info`` folder on the path
that declares its entry points (and nothing else)."""

from __future__ import annotations

from pathlib import Path


def declare(folder: Path, distribution: str, entry_points: dict[str, str]) -> Path:
    """Declare ``entry_points`` (name -> module:attribute) of the group ``casedu.exporters`` as
    the distribution ``distribution``, in ``folder`` (put ``folder`` on ``sys.path``)."""
    info = folder / f"{distribution.replace('-', '_')}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {distribution}\nVersion: 1.0\n", encoding="utf-8")
    lines = "".join(f"{name} = {target}\n" for name, target in entry_points.items())
    (info / "entry_points.txt").write_text(f"[casedu.exporters]\n{lines}", encoding="utf-8")
    return info
