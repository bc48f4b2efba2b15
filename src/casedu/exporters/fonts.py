"""Finding a font that draws Chinese for the PDF exporter.

reportlab embeds TrueType fonts (``.ttf``, and ``.ttc`` collections) but refuses OpenType fonts
with CFF outlines (Noto CJK, Source Han: "postscript outlines are not supported"). The search
order is: the font the caller names, the ``CASEDU_PDF_FONT`` environment variable, well-known
font files of Linux, Windows and macOS, then whatever fontconfig lists for Chinese.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from casedu.errors import FontNotFoundError

__all__ = ["FONT_ENV", "ChosenFont", "choose_font"]

FONT_ENV = "CASEDU_PDF_FONT"

#: Well-known TrueType fonts with Chinese, most preferred first.
KNOWN_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wenquanyi/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
    "C:/Windows/Fonts/simhei.ttf",
    "C:/Windows/Fonts/simsun.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/System/Library/Fonts/Supplemental/Songti.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
)

FIX = (
    "install a TrueType font with Chinese (Debian/Ubuntu: apt-get install fonts-wqy-zenhei; "
    "Fedora: dnf install wqy-zenhei-fonts), or name one with --pdf-font FILE or the "
    f"{FONT_ENV} environment variable (.ttf or .ttc; OpenType CFF fonts such as Noto CJK "
    "cannot be embedded)"
)


@attrs.frozen
class ChosenFont:
    """The font the PDF uses: its reportlab name, file, and whether it is embedded."""

    name: str
    path: Path | None
    embedded: bool


_registered: dict[tuple[str, int], str] = {}


def choose_font(explicit: str | os.PathLike[str] | None = None, *,
                allow_unembedded: bool = False) -> ChosenFont:
    """Register and return the font for Chinese text.

    With ``allow_unembedded``, and no TrueType font found, fall back to reportlab's built-in
    ``STSong-Light``, which is not embedded: a viewer must supply it. Otherwise raise
    :class:`FontNotFoundError` saying how to fix it.
    """
    tried: list[str] = []
    if explicit is not None:
        path = Path(explicit)
        name = _register(path, tried)
        if name is None:
            raise FontNotFoundError(f"cannot use the font {path}: {tried[-1]}; {FIX}")
        return ChosenFont(name, path, True)
    for path in _candidates():
        name = _register(path, tried)
        if name is not None:
            return ChosenFont(name, path, True)
    if allow_unembedded:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont

        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        return ChosenFont("STSong-Light", None, False)
    detail = f" (tried: {'; '.join(tried)})" if tried else ""
    raise FontNotFoundError(f"no font that draws Chinese was found for the PDF{detail}; {FIX}")


def _candidates() -> Iterator[Path]:
    env = os.environ.get(FONT_ENV)
    if env:
        yield Path(env)
    for known in KNOWN_FONTS:
        path = Path(known)
        if path.is_file():
            yield path
    yield from _fontconfig()


def _fontconfig() -> Iterator[Path]:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return
    try:
        result = subprocess.run([fc_list, ":lang=zh", "file"], capture_output=True, text=True,
                                timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return
    for line in sorted(result.stdout.splitlines()):
        path = Path(line.strip().rstrip(":"))
        if path.suffix.lower() in (".ttf", ".ttc"):
            yield path


def _register(path: Path, tried: list[str]) -> str | None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    key = (str(path), 0)
    if key in _registered:
        return _registered[key]
    if not path.is_file():
        tried.append(f"{path}: no such file")
        return None
    name = f"CaseduCJK{len(_registered)}"
    try:
        pdfmetrics.registerFont(_font_class(TTFont)(name, str(path), subfontIndex=0))
    except (TTFError, OSError, ValueError) as error:
        tried.append(f"{path}: {error}")
        return None
    if pdfmetrics.getFont(name).face.charToGlyph.get(ord("学")) is None:
        tried.append(f"{path}: has no Chinese characters")
        return None
    _registered[key] = name
    return name


def _font_class(base: type[Any]) -> type[Any]:
    """reportlab's TrueType font, remembering within a PDF how each text it has drawn is
    split into its subsets' codes (a page's column titles, names, dates and numbers repeat
    on every page): a character's code, once given in a PDF, never changes, so the split of
    a text whose characters all have theirs is the same every time."""

    class SplitsRemembered(base):  # type: ignore[misc]
        def splitString(self, text: Any, doc: Any, encoding: str = "utf-8") -> Any:
            state = self.state.get(doc)
            known = getattr(state, "casedu_splits", None)
            if known is not None:
                found = known.get(text)
                if found is not None:
                    return list(found)
            result = super().splitString(text, doc, encoding)
            if known is None:
                known = self.state[doc].casedu_splits = {}
            if len(known) < _SPLITS:
                known[text] = tuple(result)
            return result

    return SplitsRemembered


#: Texts whose split a PDF remembers (its longest texts are a 培训成效's lines).
_SPLITS = 20_000
