"""The fuzz targets of :mod:`tests.hostile.fuzz`, a short run each, every one in a process of its
own: a reader that took the process down (as python-calamine once did) fails here instead of
ending the test run. ``CASEDU_FUZZ_EXAMPLES`` sets the number of inputs per target; the long
run and its counts are in docs/security.md."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.fuzz import TARGETS

EXAMPLES = int(os.environ.get("CASEDU_FUZZ_EXAMPLES", "60"))
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_no_input_escapes_a_reader_as_anything_but_a_casedu_error(target):
    result = subprocess.run(
        [sys.executable, "-m", "tests.hostile.fuzz", target, "--examples", str(EXAMPLES)],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    assert f"{target}: {EXAMPLES} inputs" in result.stdout
