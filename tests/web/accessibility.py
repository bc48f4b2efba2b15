"""Accessibility checks in the browser: axe-core (vendored in ``tests/web/axe``) run on the page
as it stands, and what keyboard focus looks like.

axe checks the rules of WCAG 2.0 and 2.1 at levels A and AA (labels, names, contrast, landmarks,
language, headings, tables) and Deque's best practices; a page passes with no violation at all.
"""

from __future__ import annotations

from pathlib import Path

AXE = Path(__file__).with_name("axe") / "axe.min.js"
#: The axe rule sets a page must pass: WCAG 2.0 and 2.1, levels A and AA, and best practices.
TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice")

_RUN = """async tags => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                          resultTypes: ['violations']});
  return result.violations.map(v => `${v.id} (${v.impact}): ${v.help}\\n` + v.nodes.map(
      n => `    ${n.target.join(' ')}: ${n.failureSummary.replace(/\\n/g, ' ')}`).join('\\n'));
}"""

#: The elements a person reaches with Tab: every visible link, button and field.
CONTROLS = ("a[href], button, input:not([type=hidden]), select, textarea, "
            "[tabindex]:not([tabindex='-1'])")

_FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const style = getComputedStyle(e);
  const box = e.getBoundingClientRect();
  const label = e.labels && e.labels.length ? e.labels[0].innerText : '';
  return {key: e.dataset.walk, tag: e.tagName.toLowerCase(),
          text: (e.getAttribute('aria-label') || label || e.innerText || e.value || '').trim(),
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
          outlineColor: style.outlineColor, shadow: style.boxShadow,
          onScreen: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0};
}"""

_MARK = """selector => {
  const found = [...document.querySelectorAll(selector)].filter(e => {
    const box = e.getBoundingClientRect();
    return !e.disabled && (box.width > 0 || e.classList.contains('skip'))
        && getComputedStyle(e).visibility !== 'hidden';
  });
  found.forEach((e, i) => { e.dataset.walk = String(i); });
  return found.length;
}"""


def violations(page) -> list[str]:
    """axe's violations on the page as it is now, each with the elements it found."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(_RUN, list(TAGS))


def tab_to(page, text: str, *, limit: int = 200) -> dict:
    """Press Tab until the control named ``text`` has the focus (its label, its own text or
    value); what is focused then."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused is not None and focused["text"] == text:
            return focused
    raise AssertionError(f"Tab never reached {text!r}")


def tab_through(page, *, limit: int = 400) -> tuple[int, list[dict]]:
    """Press Tab until focus comes back round to a control it reached already: the number of
    controls on the page, and what each Tab focused, once each (its number among the controls,
    its text, whether its outline shows), in the order reached."""
    total = page.evaluate(_MARK, CONTROLS)
    seen: list[dict] = []
    keys: set[str] = set()
    outside = 0
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused is None:  # past the last control, before the first again
            outside += 1
            if outside > 2:
                break
            continue
        if focused["key"] in keys:
            break
        keys.add(focused["key"])
        seen.append(focused)
    return total, seen
