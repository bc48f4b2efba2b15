"""Memory and time of loading the academy's dataset file, against ``json.load`` of the same file
(the floor: the standard library's parser, making dicts and nothing checked) and the same
records as the generator makes them (shared objects): each in a new process, taking turns,
resident memory after the load and the peak on the way; wall and processor seconds (on a busy
machine the second says more: it leaves out the time the process waited for a core), casedu
imported before the clock starts, as json is.

    python -m benchmarks.loading [--scale 1.0] [--runs 3] [--file academy.json]
                                 [--save] [--no-generator]
                                 [--compare OTHER/src]

``--compare`` loads the same file with another casedu source tree too (a git worktree of an
earlier commit), in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

__all__ = ["main", "measure_load"]

_CHILD = """
import gc, json, os, sys, time
if len(sys.argv) > 3:
    sys.path.insert(0, sys.argv[3])
if sys.argv[1] == "load":  # imported before the clock, as json is
    from casedu.dataset import load_dataset
start, cpu = time.perf_counter(), time.process_time()
if sys.argv[1] == "load":
    data = load_dataset(sys.argv[2])
elif sys.argv[1] == "save":  # load, then save again beside it: the peak of saving alone
    import hashlib
    from casedu.dataset import load_dataset, save_dataset
    data = load_dataset(sys.argv[2])
    with open("/proc/self/status") as stream:
        loaded = next(int(line.split()[1]) for line in stream
                      if line.startswith("VmHWM:")) / 1024
    with open("/proc/self/clear_refs", "w") as stream:  # reset VmHWM to the resident size
        stream.write("5")
    start, cpu = time.perf_counter(), time.process_time()
    save_dataset(data, sys.argv[2] + ".saved")
    seconds, processor = time.perf_counter() - start, time.process_time() - cpu
    with open(sys.argv[2], "rb") as one, open(sys.argv[2] + ".saved", "rb") as other:
        same = hashlib.file_digest(one, "sha256").digest() == \
            hashlib.file_digest(other, "sha256").digest()
    os.remove(sys.argv[2] + ".saved")
    if not same:
        raise SystemExit("the file saved is not the file loaded, byte for byte")
elif sys.argv[1] == "json":
    with open(sys.argv[2], "rb") as stream:
        value = json.load(stream)
    seconds, processor = time.perf_counter() - start, time.process_time() - cpu
    data = type("Counted", (), {name: value.get(name, []) for name in (
        "attendance", "external_learning", "online_learning")})
else:
    from benchmarks.academy import academy
    data = academy(float(sys.argv[2]))
if sys.argv[1] not in ("json", "save"):
    seconds, processor = time.perf_counter() - start, time.process_time() - cpu
gc.collect()
with open("/proc/self/statm") as stream:
    resident = int(stream.read().split()[1]) * 4096 / 2**20
records = len(data.attendance) + len(data.external_learning) + len(data.online_learning)
with open("/proc/self/status") as stream:  # VmHWM: this program's peak (ru_maxrss would
    peak = next(int(line.split()[1]) for line in stream  # keep the parent's across exec)
                if line.startswith("VmHWM:")) / 1024
print(json.dumps({"seconds": seconds, "processor": processor, "resident_mib": resident,
                  "records": records, "peak_mib": peak}))
"""


def measure_load(how: str, what: str, source: str | None = None) -> dict[str, float]:
    """One child process: ``load`` a dataset file (with the casedu of the ``source`` tree,
    when given), ``json`` (``json.load`` of it), or ``generate`` the academy at a scale."""
    command = [sys.executable, "-c", _CHILD, how, what, *([source] if source else [])]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.loading")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--file", type=Path, help="a dataset file of the academy at --scale "
                        "already written (default: written to a temporary folder)")
    parser.add_argument("--compare", help="another casedu's src folder, loading the same file")
    parser.add_argument("--save", action="store_true",
                        help="also save the loaded dataset again (checked byte for byte)")
    parser.add_argument("--no-generator", action="store_true",
                        help="leave out the generator's objects (half a minute a run)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = args.file
        if path is None:
            from benchmarks.academy import academy
            from casedu.dataset import save_dataset

            path = Path(folder) / "academy.json"
            save_dataset(academy(args.scale), path)
        size = path.stat().st_size / 2**20
        runs: dict[str, list[dict[str, float]]] = {"load_dataset(file)": [],
                                                   "json.load(file)": [],
                                                   "the generator's objects": []}
        if args.compare:
            runs[f"load_dataset(file) of {args.compare}"] = []
        load = os.getloadavg()
        for _ in range(args.runs):
            runs["load_dataset(file)"].append(measure_load("load", str(path)))
            runs["json.load(file)"].append(measure_load("json", str(path)))
            if not args.no_generator:
                runs["the generator's objects"].append(
                    measure_load("generate", str(args.scale)))
            if args.compare:
                runs[f"load_dataset(file) of {args.compare}"].append(
                    measure_load("load", str(path), args.compare))
            if args.save:
                runs.setdefault("save_dataset (peak: while saving)", []).append(
                    measure_load("save", str(path)))
    records = runs["load_dataset(file)"][0]["records"]
    runs = {name: results for name, results in runs.items() if results}
    for name in ("the generator's objects", "json.load(file)"):
        if name in runs and records != runs[name][0]["records"]:
            raise SystemExit(f"the file and {name} hold different numbers of records")
    print(f"academy at scale {args.scale}: {records:,.0f} records, file {size:,.0f} MiB, "
          f"{args.runs} runs each in new processes\n")
    print(f"load average {load[0]:.1f} before, {os.getloadavg()[0]:.1f} after\n")
    print("| contender | seconds | × json.load | processor s | × json.load | "
          "resident after (MiB) | peak (MiB) |")
    print("|---|---|---|---|---|---|---|")
    for name, results in runs.items():
        cells = []
        for key in ("seconds", "processor", "resident_mib", "peak_mib"):
            values = sorted(r[key] for r in results)
            digits = 0 if key.endswith("mib") else 2
            cells.append(f"{statistics.median(values):.{digits}f} "
                         f"({values[0]:.{digits}f}–{values[-1]:.{digits}f})")
            if not key.endswith("mib"):
                floor = statistics.median(r[key] for r in runs["json.load(file)"])
                cells.append(f"{statistics.median(values) / floor:.2f}"
                             if name.startswith(("load", "json")) else "—")
        print(f"| {name} | {' | '.join(cells)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
