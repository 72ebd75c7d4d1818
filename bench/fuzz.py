"""Long fuzz runs of the harnesses in tests/fuzz/harnesses.py, with the time and memory caps.

Run: python bench/fuzz.py --minutes N [--harness plan_file|docx|xlsx|legacy] [--jobs J] [--inputs M] [--out DIR]
     python bench/fuzz.py --replay FILE --harness NAME       (one saved input, with its traceback)

Each harness runs for N minutes (or until M inputs) in J worker processes side by side (a plain
random-mutation loop with the same mutators as the hypothesis tests: no example database to
grow). The worker's address space is capped at 3 GB so a runaway input fails instead of taking
the machine. Prints inputs/second (of wall-clock time and of the workers' CPU time: on a shared
machine the second is the one to compare) and totals: results, refusals, crashes (any exception
other than the app's own Vietnamese refusal), hangs (> 5 s of CPU time: wall-clock time on a
busy machine is mostly waiting; inputs over 5 s of it are counted and saved too) and runs whose
peak RSS passed 300 MB (Linux: the peak is read after every input slower than 10 ms, which a
300 MB input always is, and every 256 inputs; it is reset after each reading and before an input
over 1 MB). Inputs that broke a rule are saved under --out for --replay. Never passes or fails:
the figures go to docs/reliability.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import warnings
from collections import Counter
from pathlib import Path
from random import Random

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "fuzz"))

import harnesses  # noqa: E402

STUCK_S = 120  # a worker stuck this long on one input is ended and restarted
RSS_CHECK_S, RSS_EVERY = 0.01, 256  # when the peak RSS is read (Worker.check_memory)
BIG_INPUT = 1 << 20  # bytes or characters: the peak is reset before such an input
ADDRESS_SPACE_GB = 3


def _where(exc: BaseException) -> str:
    """The exception's kind and the innermost frame of the project's code: one line per distinct crash."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if str(ROOT) in f.filename]
    last = frames[-1] if frames else None
    place = f"{Path(last.filename).relative_to(ROOT)}:{last.lineno}" if last else "?"
    return f"{type(exc).__name__} at {place}: {str(exc)[:120]}"


class Worker:
    def __init__(self, name: str, out: Path, seed: int) -> None:
        self.h = harnesses.HARNESSES[name]
        self.out, self.rng = out, Random(seed)
        self.stats: Counter = Counter()
        self.kinds: Counter = Counter()
        self.slowest = self.slowest_cpu = self.peak = 0.0
        self.current: object = None
        self.started = 0.0
        self.hang_saved = False

    def watchdog(self) -> None:
        while True:
            time.sleep(0.5)
            started = self.started
            if not started:
                continue
            held = time.monotonic() - started
            if held > harnesses.TIME_LIMIT_S and not self.hang_saved:
                self.hang_saved = True
                harnesses.save_input(self.out, f"{self.h.name}-hang-{os.getpid()}-{self.stats['inputs']}", self.current)
            if held > STUCK_S:
                self.report(stuck=True)
                os._exit(3)

    def report(self, stuck: bool = False) -> None:
        line = dict(
            self.stats,
            slowest=round(self.slowest, 3),
            slowest_cpu=round(self.slowest_cpu, 3),
            peak_mb=round(self.peak),
            kinds=dict(self.kinds),
        )
        line["stuck"] = stuck
        line["cpu_s"] = round(time.process_time(), 1)
        print(json.dumps(line), flush=True)

    def one(self, workdir: Path, pool: list) -> None:
        try:
            value = self.h.mutate(self.rng, self.rng.choice(pool), pool)
        except Exception:
            self.stats["mutator_errors"] += 1
            return
        self.current, self.hang_saved = value, False
        if len(value) > BIG_INPUT:
            # Building it took memory of the mutator's own (json's indenting encoder holds a
            # 70 MB text in millions of pieces): the peak since the last reading is that and fast
            # inputs', none of which can reach 300 MB. This input's own peak starts here.
            harnesses.reset_peak_rss()
        self.started = t0 = time.monotonic()
        c0 = time.thread_time()
        try:
            self.stats[self.h.run(value, workdir)] += 1
        except Exception as exc:
            kind = _where(exc)
            self.stats["crashes"] += 1
            self.kinds[kind] += 1
            if self.kinds[kind] <= 3:
                harnesses.save_input(self.out, f"{self.h.name}-crash-{os.getpid()}-{self.stats['inputs']}", value)
        dt, cpu = time.monotonic() - t0, time.thread_time() - c0
        self.started = 0.0
        self.stats["inputs"] += 1
        self.slowest, self.slowest_cpu = max(self.slowest, dt), max(self.slowest_cpu, cpu)
        # A hang is 5 s of the worker's own CPU time: on a shared machine (and under nice) an
        # input can wait seconds for a core. Inputs over 5 s of wall-clock time are counted
        # apart, and saved by the watchdog for --replay.
        if cpu > harnesses.TIME_LIMIT_S:
            self.stats["hangs"] += 1
        if dt > harnesses.TIME_LIMIT_S:
            self.stats["slow_wall"] += 1
        if dt > RSS_CHECK_S or self.stats["inputs"] % RSS_EVERY == 0:
            self.check_memory(value)

    def check_memory(self, value: object) -> None:
        """The peak RSS since the last check, then a new measurement. Checked after every input
        slower than RSS_CHECK_S (touching 300 MB takes longer than that) and every RSS_EVERY
        inputs: reading /proc on each of 300 inputs a second cost more than some inputs."""
        peak = harnesses.rss_mb() or 0.0
        self.peak = max(self.peak, peak)
        if peak > harnesses.MEMORY_LIMIT_MB:
            self.stats["over_memory"] += 1
            harnesses.save_input(self.out, f"{self.h.name}-memory-{os.getpid()}-{self.stats['inputs']}", value)
        harnesses.reset_peak_rss()

    def run(self, seconds: float, max_inputs: int) -> None:
        with tempfile.TemporaryDirectory(prefix="kehoach-fuzz-") as tmp:
            pool = harnesses.build_seeds(Path(tmp) / "seeds")[self.h.name]
            workdir = Path(tmp) / "work"
            workdir.mkdir()
            threading.Thread(target=self.watchdog, daemon=True).start()
            harnesses.reset_peak_rss()
            end = time.monotonic() + seconds
            next_report = time.monotonic() + 10
            while time.monotonic() < end and self.stats["inputs"] < max_inputs:
                self.one(workdir, pool)
                if time.monotonic() > next_report:
                    self.report()
                    next_report = time.monotonic() + 10
            self.check_memory(self.current)
        self.report()


def _cap_address_space() -> None:
    try:
        import resource
    except ImportError:
        return
    cap = ADDRESS_SPACE_GB << 30
    resource.setrlimit(resource.RLIMIT_AS, (cap, resource.getrlimit(resource.RLIMIT_AS)[1]))


def worker_main(name: str, seconds: float, out: Path, seed: int, max_inputs: int) -> None:
    warnings.simplefilter("ignore")  # openpyxl's complaints about the broken files it is given
    _cap_address_space()
    Worker(name, out, seed).run(seconds, max_inputs)


KEYS = ("inputs", "ok", "refused", "crashes", "hangs", "slow_wall", "over_memory", "mutator_errors")


def progress(report: dict) -> str:
    """A worker's report so far, in one line: a run stopped before its summary still leaves every
    figure of each worker in the log (its last line)."""
    return (
        f"{report.get('crashes', 0)} crashes, {report.get('hangs', 0)} hangs > 5 s CPU, "
        f"{report.get('slow_wall', 0)} > 5 s wall, {report.get('over_memory', 0)} > 300 MB; "
        f"{report.get('ok', 0)} read, {report.get('refused', 0)} refused; "
        f"slowest {report.get('slowest_cpu', 0):.2f} s CPU ({report.get('slowest', 0):.2f} s wall), "
        f"peak {report.get('peak_mb', 0)} MB, {report.get('cpu_s', 0):.0f} CPU-s"
    )


class Line:
    """One worker at a time until the time is up or its share of the inputs is done (a worker
    stuck or killed is replaced by a new one, with a new seed)."""

    def __init__(self, name: str, end: float, max_inputs: int, out: Path) -> None:
        self.name, self.end, self.max_inputs, self.out = name, end, max_inputs, out
        self.total: Counter = Counter()
        self.kinds: Counter = Counter()
        self.slowest = self.slowest_cpu = self.peak = self.cpu = 0.0
        self.restarts = 0

    def run(self) -> None:
        while (left := self.end - time.monotonic()) > 5 and self.total["inputs"] < self.max_inputs:
            self.one_worker(left)

    def one_worker(self, left: float) -> None:
        seed = int.from_bytes(os.urandom(4), "big")
        cmd = [sys.executable, __file__, "--worker", self.name, "--seconds", str(left), "--out", str(self.out)]
        cmd += ["--seed", str(seed), "--inputs", str(self.max_inputs - self.total["inputs"])]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
        last: dict = {}
        assert proc.stdout is not None
        for line in proc.stdout:
            last = json.loads(line)
            done = self.total["inputs"] + last.get("inputs", 0)
            print(f"  {self.name} [{seed:08x}]: {done} inputs; {progress(last)}", flush=True)
        code = proc.wait()
        if code != 0 and not last.get("stuck"):
            self.total["crashes"] += 1  # the worker died (a signal, a crash in C code)
            self.kinds[f"worker ended with code {code}"] += 1
        if code != 0:
            self.restarts += 1
        for key in KEYS:
            self.total[key] += last.get(key, 0)
        self.kinds.update(last.get("kinds", {}))
        self.slowest, self.peak = max(self.slowest, last.get("slowest", 0)), max(self.peak, last.get("peak_mb", 0))
        self.slowest_cpu = max(self.slowest_cpu, last.get("slowest_cpu", 0))
        self.cpu += last.get("cpu_s", 0)


def run_harness(name: str, minutes: float, out: Path, jobs: int = 1, max_inputs: int = 0) -> dict:
    """`jobs` lines of workers side by side, each with its share of `max_inputs` (0: no limit)."""
    start = time.monotonic()
    share = -(-max_inputs // jobs) if max_inputs else sys.maxsize
    lines = [Line(name, start + minutes * 60, share, out) for _ in range(jobs)]
    threads = [threading.Thread(target=line.run) for line in lines]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    total: Counter = sum((line.total for line in lines), Counter())
    cpu = sum(line.cpu for line in lines)
    return dict(
        harness=name,
        seconds=round(elapsed),
        rate=round(total["inputs"] / elapsed, 1),
        cpu_s=round(cpu),
        rate_per_cpu_s=round(total["inputs"] / cpu, 1) if cpu else 0,
        jobs=jobs,
        **{k: total[k] for k in KEYS},
        slowest_s=max(line.slowest for line in lines),
        slowest_cpu_s=max(line.slowest_cpu for line in lines),
        peak_rss_mb=max(line.peak for line in lines),
        restarts=sum(line.restarts for line in lines),
        crash_kinds=dict(sum((line.kinds for line in lines), Counter())),
    )


def replay(name: str, path: Path) -> None:
    h = harnesses.HARNESSES[name]
    data = path.read_bytes()
    value = data.decode("utf-8", "surrogatepass") if name == "legacy" else data
    with tempfile.TemporaryDirectory() as tmp:
        harnesses.reset_peak_rss()
        t0, c0 = time.monotonic(), time.thread_time()
        try:
            print(h.run(value, Path(tmp)))
        except Exception:
            traceback.print_exc()
        dt, cpu = time.monotonic() - t0, time.thread_time() - c0
        print(f"{dt:.2f} s ({cpu:.2f} s CPU), peak RSS {harnesses.rss_mb() or 0:.0f} MB")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--minutes", type=float, default=1.0, help="per harness")
    p.add_argument("--harness", choices=sorted(harnesses.HARNESSES))
    p.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "kehoach-fuzz")
    p.add_argument("--jobs", type=int, default=1, help="worker processes side by side per harness")
    p.add_argument("--inputs", type=int, default=0, help="stop a harness after this many inputs (0: no limit)")
    p.add_argument("--replay", type=Path)
    p.add_argument("--worker", help=argparse.SUPPRESS)
    p.add_argument("--seconds", type=float, help=argparse.SUPPRESS)
    p.add_argument("--seed", type=int, default=0, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.worker:
        return worker_main(args.worker, args.seconds, args.out, args.seed, args.inputs or sys.maxsize)
    if args.replay:
        return replay(args.harness or "plan_file", args.replay)
    for name in [args.harness] if args.harness else sorted(harnesses.HARNESSES):
        r = run_harness(name, args.minutes, args.out, args.jobs, args.inputs)
        print(
            f"{name}: {r['inputs']:,} inputs in {r['seconds']} s ({r['rate']}/s; {r['cpu_s']} CPU-s, "
            f"{r['rate_per_cpu_s']}/CPU-s; {r['jobs']} jobs): {r['ok']:,} read, "
            f"{r['refused']:,} refused; {r['crashes']} crashes, {r['hangs']} hangs > 5 s CPU "
            f"({r['slow_wall']} inputs > 5 s wall-clock), {r['over_memory']} runs > 300 MB; "
            f"slowest {r['slowest_cpu_s']:.2f} s CPU ({r['slowest_s']:.2f} s wall), peak RSS {r['peak_rss_mb']} MB"
        )
        for kind, n in sorted(r["crash_kinds"].items(), key=lambda kv: -kv[1]):
            print(f"    {n} × {kind}")
        print(json.dumps(r), flush=True)
    print(f"inputs that broke a rule: {args.out}")


if __name__ == "__main__":
    main()
