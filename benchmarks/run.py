"""Benchmark asn-merit against the floor, the typical analyst pipeline and peer libraries.

    /tmp/bench-venv/bin/python benchmarks/run.py --sizes 10000,100000 --repeat 3

Every measurement is a fresh subprocess (``benchmarks/steps.py``); wall time is taken around
it and peak RSS, CPU time from ``os.wait4`` for that one child. The median over ``--repeat``
runs is reported. Results go to ``benchmarks/results.json`` (merged with earlier runs by
measurement id) and ``benchmarks/RESULTS.md``; inputs and scratch to ``benchmarks/data/``.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import platform
import shlex
import shutil
import signal
import statistics
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
STEPS = HERE / "steps.py"
DEFAULT_POLICY = ROOT / "policies" / "kenaikan-pangkat-reguler.yaml"
AUDIT_BY = "Jenis Kelamin,Kelompok Usia,Agama,Status Perkawinan,Unit Kerja"
AUDIT_INTERSECT = "Jenis Kelamin*Kelompok Usia"
PACKAGES = ["asn-merit", "pandas", "numpy", "pyarrow", "python-calamine", "xlsxwriter",
            "openpyxl", "scipy", "fastexcel", "pymcdm", "fairlearn", "scikit-learn"]
ANALYSIS_START, ANALYSIS_END = "<!-- analysis:start -->", "<!-- analysis:end -->"


# --- machine ---------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    """CPU model, cores, RAM, OS, Python and package versions."""
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gib": round(_meminfo("MemTotal") / 2**20, 1),
            "os": f"{platform.system()} {platform.release()}",
            "python": platform.python_version(), "packages": versions}


def _meminfo(key: str) -> int:
    """A /proc/meminfo field in KiB (0 when unknown)."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cpu_busy_seconds() -> float:
    """CPU seconds all cores spent busy since boot (from /proc/stat; 0 when unavailable)."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return 0.0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def background_cores(seconds: float = 1.0) -> float:
    """Cores kept busy by other processes while this harness sleeps."""
    before = _cpu_busy_seconds()
    time.sleep(seconds)
    return round((_cpu_busy_seconds() - before) / seconds, 2)


def code_fingerprint() -> str:
    """Short SHA-256 of the package's sources and policies: which code state a run measured
    (the package is edited while benchmarks run)."""
    import hashlib
    import importlib.util

    spec = importlib.util.find_spec("asn_merit")
    if spec is None or spec.origin is None:
        return ""
    package = Path(spec.origin).parent
    digest = hashlib.sha256()
    for path in sorted([*package.rglob("*.py"), *package.rglob("*.yaml")]):
        try:
            digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
        except OSError:
            continue
    return digest.hexdigest()[:12]


def wait_quiet(limit_s: float, threshold: float = 0.3) -> float:
    """Wait up to ``limit_s`` for other processes to use less than ``threshold`` cores;
    return the last background reading."""
    deadline = time.perf_counter() + limit_s
    idle = background_cores(0.5)
    while idle >= threshold and time.perf_counter() < deadline:
        idle = background_cores(2.0)
    return idle


# --- one subprocess --------------------------------------------------------------------------


@dataclass
class Sample:
    wall_s: float
    cpu_s: float
    peak_rss_mib: float
    exit_code: int
    others_cores: float  # other processes' CPU use during the run, in cores
    ended: str = "exit"  # exit | timeout | rss-limit
    work: dict[str, float] = field(default_factory=dict)
    info: dict[str, Any] = field(default_factory=dict)
    last_stage: str | None = None
    stderr_tail: str = ""
    peak_after: dict[str, float] = field(default_factory=dict)  # stage → VmHWM MiB at its end
    code: str = ""  # code_fingerprint() when the run started
    attempt: int = 1


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def run_process(cmd: list[str], env: dict[str, str], report: Path, log: Path,
                timeout: float, rss_limit_mib: float) -> Sample:
    """Run ``cmd`` alone in a new session; kill it on timeout or above the RSS limit.

    The child raises its own OOM score first, so if memory does run out the kernel picks the
    benchmark, not a neighbour's process.
    """
    import subprocess

    wrapped = ["/bin/sh", "-c", 'echo 1000 > /proc/self/oom_score_adj 2>/dev/null; exec "$@"',
               "sh", *cmd]
    busy_before = _cpu_busy_seconds()
    with log.open("wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(wrapped, stdout=err, stderr=subprocess.STDOUT, env=env,
                                start_new_session=True)
        state = {"done": False, "ended": "exit"}
        lock = threading.Lock()

        def watch() -> None:
            term_sent = 0.0
            while True:
                with lock:
                    if state["done"]:
                        return
                    over = _rss_kib(proc.pid) / 1024 > rss_limit_mib
                    late = time.perf_counter() - start > timeout
                    if over and state["ended"] != "rss-limit":
                        state["ended"] = "rss-limit"
                        os.killpg(proc.pid, signal.SIGKILL)
                    elif late and not term_sent:
                        state["ended"] = "timeout"
                        os.killpg(proc.pid, signal.SIGTERM)
                        term_sent = time.perf_counter()
                    elif term_sent and time.perf_counter() - term_sent > 15:
                        os.killpg(proc.pid, signal.SIGKILL)
                time.sleep(0.2)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)  # exited, not yet reaped
        wall = time.perf_counter() - start
        with lock:
            state["done"] = True
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        watcher.join()
    cpu = usage.ru_utime + usage.ru_stime
    others = max(0.0, (_cpu_busy_seconds() - busy_before - cpu) / wall) if wall > 0 else 0.0
    sample = Sample(round(wall, 3), round(cpu, 3), round(usage.ru_maxrss / 1024, 1),
                    proc.returncode, round(others, 2), state["ended"])
    _read_report(report, sample)
    if proc.returncode not in (0, 1) or sample.ended != "exit":
        sample.stderr_tail = log.read_text(errors="replace")[-1500:]
    return sample


def _read_report(report: Path, sample: Sample) -> None:
    """Fill work timings from the step's JSON lines; for a killed step, the last stage."""
    if not report.exists():
        return
    open_stages: list[tuple[str, float]] = []
    interrupted: str | None = None
    for line in report.read_text().splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if event.get("interrupted") and interrupted is None and "entered_at" in event:
            interrupted = (f"{event['stage']} (entered at {event['entered_at']:.0f} s, stopped "
                           f"at {event['t']:.0f} s; RSS {event.get('VmRSS', 0):.0f} MiB)")
        if event.get("event") == "start":
            open_stages.append((event["stage"], event["t"]))
        elif event.get("event") == "end":
            open_stages = [o for o in open_stages if o[0] != event["stage"]]
            if "VmHWM" in event:
                sample.peak_after[event["stage"]] = event["VmHWM"]
        elif event.get("event") == "summary":
            sample.work = event.get("work", {})
            sample.info = event.get("info", {})
        sample.last_stage = (f"{open_stages[-1][0]} (entered at {open_stages[-1][1]:.0f} s; "
                             f"RSS {event.get('VmRSS', 0):.0f} MiB at the last event)"
                             if open_stages else None)
    if interrupted:
        sample.last_stage = interrupted


# --- the plan ----------------------------------------------------------------------------------


@dataclass
class Measurement:
    id: str
    group: str
    tool: str
    rows: int
    fmt: str
    argv: Callable[[Path], list[str]]  # scratch dir → step arguments
    equivalent: str  # the plain command a reader would type
    timeout: float | None = None


@dataclass
class Config:
    python: str
    data: Path
    policy: Path
    repeat: int
    timeout: float
    long_run: float
    rss_limit_mib: float
    seed: int
    wait_quiet: float = 0.0
    retries: int = 1


def step(cfg: Config, name: str, report: Path, *extra: str) -> list[str]:
    return [cfg.python, str(STEPS), name, "--report", str(report), *extra]


def plan(args: argparse.Namespace, cfg: Config) -> list[Measurement]:
    """Every measurement the options ask for, smallest inputs first."""
    data = cfg.data
    ms: list[Measurement] = [
        Measurement("startup/python-pandas", "startup", "python -c 'import pandas'", 0, "-",
                    lambda s: ["-c", "import pandas"], "python -c 'import pandas'"),
        Measurement("startup/asn-merit", "startup", "asn-merit version", 0, "-",
                    lambda s: ["--", "version"], "asn-merit version"),
    ]
    score_sizes = sorted(set(args.xlsx_sizes) | set(args.sizes))
    for rows in score_sizes:
        if rows in args.xlsx_sizes:
            xlsx = data / f"roster-{rows}.xlsx"
            ranking = data / f"ranking-{rows}.parquet"
            ms += [
                Measurement(f"xlsx/{rows}/floor-read", "floor", "fastexcel read", rows, "xlsx",
                            lambda s, x=xlsx: ["--input", str(x)],
                            f"fastexcel.read_excel('{xlsx.name}').load_sheet(0, header_row=4)"
                            ".to_pandas()"),
                Measurement(f"xlsx/{rows}/floor-write", "floor", "XlsxWriter write", rows,
                            "xlsx", lambda s, r=ranking: ["--input", str(r), "--output",
                                                          str(s / "ranking.xlsx")],
                            "XlsxWriter write_column × 5 (NIP, Nama, Total, Peringkat, "
                            "Terpilih)"),
                _score(cfg, rows, "xlsx", xlsx),
                Measurement(f"xlsx/{rows}/analyst", "analyst", "pandas+openpyxl+apply", rows,
                            "xlsx", lambda s, x=xlsx: ["--input", str(x), "--output",
                                                       str(s / "analyst.xlsx")],
                            "pd.read_excel(engine='openpyxl'); df.apply(row_score, axis=1); "
                            "to_excel(engine='openpyxl')"),
            ]
        if rows in args.sizes:
            for fmt in ("parquet", "csv"):
                path = data / f"roster-{rows}.{fmt}"
                ms += [
                    Measurement(f"{fmt}/{rows}/floor", "floor", "pandas read + vectorised sum",
                                rows, fmt, lambda s, p=path: ["--input", str(p)],
                                f"pd.read_{fmt}('{path.name}'); weighted_sum(frame)"),
                    _score(cfg, rows, fmt, path),
                ]
            if not args.no_peers:
                parquet = data / f"roster-{rows}.parquet"
                for tool in ("topsis-pymcdm", "topsis-asn-merit"):
                    ms.append(Measurement(f"peers/{rows}/{tool}", "peers", tool, rows,
                                          "parquet", lambda s, p=parquet: ["--input", str(p)],
                                          f"{tool} on the 4-criterion matrix of "
                                          f"{parquet.name}"))
        if rows in args.audit_sizes:
            ms += _audit(cfg, rows, "audit")
    for rows in sorted(set(args.audit_sizes) - set(score_sizes)):
        ms += _audit(cfg, rows, "audit")
    if args.big:
        big = _score(cfg, args.big, "parquet", data / f"roster-{args.big}.parquet", group="big",
                     timeout=args.big_timeout)
        big.id = f"big/{args.big}/score"
        audit = _audit(cfg, args.big, "big", timeout=args.big_timeout)[1]
        audit.id = f"big/{args.big}/audit"
        ms += [big, audit]
    return ms


def _score(cfg: Config, rows: int, fmt: str, roster: Path, group: str = "score",
           timeout: float | None = None) -> Measurement:
    def argv(scratch: Path) -> list[str]:
        return ["--", "score", str(roster), "--policy", str(cfg.policy),
                "--out", str(scratch / "run"), "--force"]

    return Measurement(f"{fmt}/{rows}/score", group, "asn-merit score", rows, fmt, argv,
                       f"ASN_MERIT_LEDGER=$(mktemp -u) asn-merit score {roster.name} --policy "
                       f"policies/{cfg.policy.name} --out $(mktemp -u -d) --force", timeout)


def _audit(cfg: Config, rows: int, group: str, timeout: float | None = None
           ) -> list[Measurement]:
    decisions = cfg.data / f"decisions-{rows}.parquet"
    cli = ["--", "audit", str(decisions), "--outcome", "Dipilih", "--by", AUDIT_BY,
           "--intersect", AUDIT_INTERSECT, "--score", "Skor", "--fail-on", "never"]
    return [
        Measurement(f"audit/{rows}/fairlearn", group, "fairlearn MetricFrame", rows, "parquet",
                    lambda s: ["--input", str(decisions)],
                    "MetricFrame(selection_rate, count) × (5 attributes + 1 intersection)",
                    timeout),
        Measurement(f"audit/{rows}/asn-merit", group, "asn-merit audit", rows, "parquet",
                    lambda s: cli, "asn-merit audit " + shlex.join(cli[2:]).replace(
                        str(decisions), decisions.name), timeout),
    ]


STEP_OF_TOOL = {"fastexcel read": "floor-xlsx-read", "XlsxWriter write": "floor-xlsx-write",
                "pandas read + vectorised sum": "floor-tabular",
                "pandas+openpyxl+apply": "analyst", "topsis-pymcdm": "topsis-pymcdm",
                "topsis-asn-merit": "topsis-asn-merit", "fairlearn MetricFrame": "fairlearn",
                "asn-merit score": "cli", "asn-merit audit": "cli",
                "asn-merit version": "cli"}


def command(cfg: Config, m: Measurement, scratch: Path, report: Path) -> list[str]:
    if m.group == "startup" and m.tool.startswith("python"):
        return [cfg.python, *m.argv(scratch)]
    return step(cfg, STEP_OF_TOOL[m.tool], report, *m.argv(scratch))


# --- data --------------------------------------------------------------------------------------


def prepare(cfg: Config, rows: int, formats: list[str], regenerate: bool) -> dict[str, Any]:
    """Generate the roster files once per size and seed; reuse them afterwards."""
    meta_path = cfg.data / f"roster-{rows}.meta.json"
    if meta_path.exists() and not regenerate:
        meta = json.loads(meta_path.read_text())
        have = set(meta.get("files", {}))
        paths_ok = all(Path(f["path"]).exists() for f in meta.get("files", {}).values())
        if meta.get("seed") == cfg.seed and set(formats) <= have and paths_ok:
            return meta
        formats = [f for f in ("parquet", "csv", "xlsx") if f in {*formats, *have}]
    print(f"[prepare] {rows:,} rows: {', '.join(formats)}", flush=True)
    report = cfg.data / f"prepare-{rows}.jsonl"
    cmd = step(cfg, "prepare", report, "--data", str(cfg.data), "--rows", str(rows),
               "--seed", str(cfg.seed), "--formats", ",".join(formats))
    sample = run_process(cmd, dict(os.environ), report, cfg.data / f"prepare-{rows}.log",
                         cfg.timeout * 4, cfg.rss_limit_mib)
    if sample.exit_code != 0:
        sys.exit(f"preparing {rows} rows failed:\n{sample.stderr_tail}")
    meta = {**sample.info, "work": sample.work, "generated_at": _now()}
    meta_path.write_text(json.dumps(meta, indent=2))
    return meta


# --- measuring ---------------------------------------------------------------------------------


def measure_all(cfg: Config, ms: list[Measurement], results: dict[str, Any],
                save: Callable[[], None]) -> None:
    """Run repetitions in rounds inside each (group, rows) block so drifting background load
    hits every tool alike; stop repeating a measurement once one run took ``long_run`` s."""
    blocks: dict[tuple[str, int], list[Measurement]] = {}
    for m in ms:
        blocks.setdefault((m.group if m.group in ("startup", "big") else "main", m.rows),
                          []).append(m)
    scratch_root = cfg.data / "scratch"
    for block in blocks.values():
        samples: dict[str, list[Sample]] = {m.id: [] for m in block}
        for rep in range(cfg.repeat):
            for m in block:
                done = samples[m.id]
                if rep and (not done or any(s.wall_s > cfg.long_run or s.ended != "exit"
                                            or s.exit_code not in (0, 1) for s in done)):
                    continue
                scratch = scratch_root / f"{m.id.replace('/', '-')}-{rep}"
                report = scratch / "report.jsonl"
                env = {**os.environ, "ASN_MERIT_LEDGER": str(scratch / "ledger.sqlite"),
                       "ASN_MERIT_TRACEBACK": "1"}
                cmd = command(cfg, m, scratch, report)
                for attempt in range(1, cfg.retries + 2):
                    shutil.rmtree(scratch, ignore_errors=True)
                    scratch.mkdir(parents=True)
                    idle = wait_quiet(cfg.wait_quiet)
                    print(f"[{m.id}] run {rep + 1}/{cfg.repeat} (background {idle} cores)…",
                          end=" ", flush=True)
                    code = code_fingerprint()
                    sample = run_process(cmd, env, report,
                                         scratch.parent / f"{scratch.name}.log",
                                         m.timeout or cfg.timeout, cfg.rss_limit_mib)
                    sample.info["background_cores_before"] = idle
                    sample.code, sample.attempt = code, attempt
                    print(f"{sample.wall_s:.2f} s, {sample.peak_rss_mib:.0f} MiB, exit "
                          f"{sample.exit_code} ({sample.ended}), others {sample.others_cores}",
                          flush=True)
                    if sample.ended != "exit" or sample.exit_code in (0, 1):
                        break
                    if attempt <= cfg.retries:
                        print(f"    failed (code state {code}); retrying in 60 s", flush=True)
                        time.sleep(60)
                done.append(sample)
                if sample.last_stage:
                    print(f"    stopped in {sample.last_stage}", flush=True)
                results["measurements"][m.id] = summarise(m, done, cmd, cfg)
                save()
                shutil.rmtree(scratch, ignore_errors=True)


def reproduce(m: Measurement) -> str:
    """The harness command that re-measures just this figure."""
    sizes = {"sizes": "", "xlsx-sizes": "", "audit-sizes": ""}
    if m.group == "big":
        extra = f"--big {m.rows}"
    else:
        key = ("xlsx-sizes" if m.fmt == "xlsx" else "audit-sizes" if m.id.startswith("audit/")
               else "sizes")
        if m.rows:
            sizes[key] = str(m.rows)
        extra = ""
    parts = ["python", "benchmarks/run.py", "--only", m.id,
             *(f"--{k}={v}" for k, v in sizes.items()), "--profile", "none"]
    return shlex.join(parts) + (f" {extra}" if extra else "")


def summarise(m: Measurement, samples: list[Sample], cmd: list[str], cfg: Config
              ) -> dict[str, Any]:
    ok = [s for s in samples if s.ended == "exit" and s.exit_code in (0, 1)]
    use = ok or samples
    middle = sorted(use, key=lambda s: s.wall_s)[(len(use) - 1) // 2]
    return {
        "id": m.id, "group": m.group, "tool": m.tool, "rows": m.rows, "format": m.fmt,
        "status": "ok" if ok else samples[-1].ended if samples[-1].ended != "exit" else "error",
        "n": len(use), "median_wall_s": round(statistics.median(s.wall_s for s in use), 3),
        "min_wall_s": min(s.wall_s for s in use), "max_wall_s": max(s.wall_s for s in use),
        "median_peak_rss_mib": round(statistics.median(s.peak_rss_mib for s in use), 1),
        "median_cpu_s": round(statistics.median(s.cpu_s for s in use), 3),
        "median_others_cores": round(statistics.median(s.others_cores for s in use), 2),
        "work": middle.work, "stages": middle.info.get("stages", {}),
        "last_stage": middle.last_stage, "samples": [vars(s) for s in samples],
        "command": shlex.join(cmd), "equivalent": m.equivalent, "reproduce": reproduce(m),
        "measured_at": _now(),
        "timeout_s": m.timeout or cfg.timeout,
        "code_states": sorted({s.code for s in samples if s.code}),
    }


# --- ratios and targets ------------------------------------------------------------------------


def ratios(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Every ratio the targets name, at every size measured; ``is_target`` marks the size the
    target is about. Time ratios use median wall times; ``value_cpu`` is the same ratio on
    median CPU seconds, which a loaded machine inflates far less than wall time."""
    ms = results["measurements"]
    datasets = results.get("datasets", {})

    def get(key: str, metric: str) -> float | None:
        m = ms.get(key)
        return m[metric] if m and m["status"] == "ok" else None

    out: list[dict[str, Any]] = []
    sizes = sorted({m["rows"] for m in ms.values() if m["rows"]})
    for rows in sizes:
        specs = [
            ("xlsx score ÷ (fastexcel read + XlsxWriter write)", [f"xlsx/{rows}/score"],
             [f"xlsx/{rows}/floor-read", f"xlsx/{rows}/floor-write"], "<=", 1.5, 100_000),
            ("analyst pipeline ÷ xlsx score (speed-up)", [f"xlsx/{rows}/analyst"],
             [f"xlsx/{rows}/score"], ">=", 15, 100_000),
            *((f"{fmt} score ÷ (pandas read + vectorised sum)", [f"{fmt}/{rows}/score"],
               [f"{fmt}/{rows}/floor"], "<=", 3, 1_000_000) for fmt in ("parquet", "csv")),
            ("asn-merit audit ÷ fairlearn MetricFrame", [f"audit/{rows}/asn-merit"],
             [f"audit/{rows}/fairlearn"], "<=", 1, 1_000_000),
        ]
        for name, top, bottom, op, target, target_rows in specs:
            walls = [get(k, "median_wall_s") for k in (*top, *bottom)]
            cpus = [get(k, "median_cpu_s") for k in (*top, *bottom)]
            if not all(walls):
                continue
            num, den = sum(walls[: len(top)]), sum(walls[len(top):])
            formula = (f"{num:.2f} / " + (f"({' + '.join(f'{w:.2f}' for w in walls[1:])})"
                                          if len(bottom) > 1 else f"{den:.2f}"))
            cpu = (sum(cpus[: len(top)]) / sum(cpus[len(top):])) if all(cpus) else None
            out.append(_ratio(name, rows, num / den, op, target, target_rows, formula, cpu))
        deep = datasets.get(str(rows), {}).get("deep_memory_bytes")
        for fmt in ("xlsx", "parquet", "csv"):
            m = ms.get(f"{fmt}/{rows}/score")
            if deep and m and m["status"] == "ok":
                peak = m["median_peak_rss_mib"]
                largest = max(x["rows"] for x in ms.values()
                              if x["id"].startswith(f"{fmt}/") and x["id"].endswith("/score")
                              and x["status"] == "ok")
                out.append(_ratio(f"{fmt} score peak RSS ÷ roster deep memory", rows,
                                  peak * 2**20 / deep, "<=", 3, largest,
                                  f"{peak:.0f} MiB / {deep / 2**20:.1f} MiB"))
    return out


def _ratio(name: str, rows: int, value: float, op: str, target: float, target_rows: int | None,
           formula: str, value_cpu: float | None = None) -> dict[str, Any]:
    met = value <= target if op == "<=" else value >= target
    miss = (value / target if op == "<=" else target / value) if not met and value else None
    return {"name": name, "rows": rows, "value": round(value, 3),
            "value_cpu": None if value_cpu is None else round(value_cpu, 3), "op": op,
            "target": target, "met": met, "missed_by_factor": round(miss, 2) if miss else None,
            "is_target": target_rows is None or rows == target_rows, "formula": formula}


# --- profile -----------------------------------------------------------------------------------


def profile(cfg: Config, spec: str, results: dict[str, Any]) -> None:
    """cProfile one ``asn-merit score`` run (``ROWS:FORMAT``) and keep the top asn_merit
    functions by cumulative time and the top functions overall by own time."""
    import pstats
    import subprocess

    rows, fmt = spec.split(":")
    roster = cfg.data / f"roster-{rows}.{fmt}"
    if not roster.exists():
        print(f"[profile] {roster} not generated; skipped", flush=True)
        return
    scratch = cfg.data / "scratch" / f"profile-{rows}-{fmt}"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    prof = cfg.data / f"profile-{rows}-{fmt}.prof"
    cmd = [cfg.python, "-m", "cProfile", "-o", str(prof), "-m", "asn_merit.cli", "score",
           str(roster), "--policy", str(cfg.policy), "--out", str(scratch / "run"), "--force",
           "--quiet"]
    print(f"[profile] {shlex.join(cmd)}", flush=True)
    env = {**os.environ, "ASN_MERIT_LEDGER": str(scratch / "ledger.sqlite")}
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=False, timeout=cfg.timeout * 2,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    shutil.rmtree(scratch, ignore_errors=True)
    stats = pstats.Stats(str(prof))
    total = max(stats.total_tt, 1e-9)  # type: ignore[attr-defined]

    def rows_of(key: str, only_project: bool, limit: int) -> list[dict[str, Any]]:
        items = []
        for (path, line, name), (_, calls, tt, ct, _) in stats.stats.items():  # type: ignore[attr-defined]
            if only_project and ("asn_merit" not in path or path.endswith("cli.py")):
                continue
            short = path.split("site-packages/")[-1].replace(str(ROOT) + "/", "")
            items.append({"function": f"{short}:{line}({name})", "calls": calls,
                          "own_s": round(tt, 3), "cumulative_s": round(ct, 3),
                          "cumulative_share": round(ct / total, 3)})
        return sorted(items, key=lambda i: -i[key])[:limit]

    results["profiles"][spec] = {
        "command": shlex.join(cmd), "wall_s": round(wall, 2), "profiled_total_s": round(total, 2),
        "by_cumulative": rows_of("cumulative_s", True, 30),
        "by_own_time": rows_of("own_s", False, 20), "measured_at": _now(),
    }


# --- report ------------------------------------------------------------------------------------


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _fmt_s(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def _fmt_ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def render(results: dict[str, Any], previous: str) -> str:
    """RESULTS.md from results.json; the hand-written analysis block is carried over."""
    mc = results["machine"]
    pk = mc["packages"]
    lines = [
        "# asn-merit benchmark results",
        "",
        "Generated by `benchmarks/run.py` from `benchmarks/results.json`; do not edit by hand "
        "except between the analysis markers.",
        "",
        "## Machine",
        "",
        f"- CPU: {mc['cpu']}, {mc['cores']} cores; RAM {mc['ram_gib']} GiB; {mc['os']}",
        f"- Python {mc['python']}; " + ", ".join(f"{k} {v}" for k, v in pk.items() if v),
        "- Harness runs merged into these results (UTC):",
        *(f"  - `{r['command']}` ({r['started_at']} – {r['finished_at']})"
          for r in results.get("invocations", [])),
        f"- Median background load (other processes, in cores, during each run): "
        f"{_background_summary(results)}",
        f"- asn-merit code states measured (SHA-256 prefix of asn_merit/**/*.py and *.yaml, "
        f"taken before each run; the package was edited while the benchmarks ran): "
        f"{_code_summary(results)}",
        "",
        "## Targets",
        "",
        "`ratio` uses median wall seconds (the target's measure); `on CPU s` is the same ratio "
        "on median CPU seconds, less distorted when other processes load the cores.",
        "",
        "| target | rows | measured (wall s or MiB) | ratio | on CPU s | target | status |",
        "|---|---:|---|---:|---:|---:|---|",
    ]
    for r in results["ratios"]:
        if not r["is_target"]:
            continue
        status = "met" if r["met"] else f"**missed** ({r['missed_by_factor']}× off)"
        lines.append(f"| {r['name']} | {r['rows']:,} | {r['formula']} | {r['value']:.2f} | "
                     f"{_fmt_ratio(r.get('value_cpu'))} | {r['op']} {r['target']} | {status} |")
    for m in results["measurements"].values():
        if m["group"] == "big":
            lines.append(f"| {m['rows']:,}-row parquet on {mc['cores']} cores: {m['tool']} | "
                         f"{m['rows']:,} | "
                         f"{_fmt_s(m['median_wall_s'])} s, {m['median_peak_rss_mib']:.0f} MiB "
                         f"| — | — | report | {m['status']}"
                         f"{'; stopped in ' + m['last_stage'] if m.get('last_stage') else ''} |")
    lines += ["", "Ratios at the other sizes (for the trend, not targets):", "",
              "| ratio | rows | measured | value | on CPU s |", "|---|---:|---|---:|---:|"]
    lines += [f"| {r['name']} | {r['rows']:,} | {r['formula']} | {r['value']:.2f} | "
              f"{_fmt_ratio(r.get('value_cpu'))} |"
              for r in results["ratios"] if not r["is_target"]]
    lines += ["", "## Inputs", "", "| rows | roster deep memory | files |", "|---:|---:|---|"]
    for rows, d in sorted(results["datasets"].items(), key=lambda kv: int(kv[0])):
        files = ", ".join(f"{k} {v['bytes'] / 2**20:.1f} MiB (written in {v['write_s']:.1f} s)"
                          for k, v in d.get("files", {}).items())
        lines.append(f"| {int(rows):,} | {d['deep_memory_bytes'] / 2**20:.1f} MiB | {files} |")
    lines += ["", "## Every measurement", "",
              "Median over n fresh processes; wall includes interpreter start and imports. "
              "`work` is the step's own in-process timing of its phases (median run). "
              "`others` = cores used by other processes during the run.", "",
              "| id | tool | n | wall s (min–max) | peak RSS MiB | CPU s | others | work | "
              "status | code |", "|---|---|---:|---|---:|---:|---:|---|---|---|"]
    for m in results["measurements"].values():
        work = ", ".join(f"{k} {v:.2f}" for k, v in m["work"].items() if k != "main")
        lines.append(f"| `{m['id']}` | {m['tool']} | {m['n']} | {_fmt_s(m['median_wall_s'])} "
                     f"({_fmt_s(m['min_wall_s'])}–{_fmt_s(m['max_wall_s'])}) | "
                     f"{m['median_peak_rss_mib']:.0f} | {_fmt_s(m['median_cpu_s'])} | "
                     f"{m['median_others_cores']:.2f} | {work} | {m['status']} | "
                     f"{' '.join(m.get('code_states', []))} |")
    lines += ["", "## Where `asn-merit` spends its time (stage timer)", "",
              "Calls `asn_merit.pipeline` makes into other modules, timed inside the measured "
              "process (median run); the rest of `main` is CLI, rendering and small helpers.",
              ""]
    for m in results["measurements"].values():
        if not m.get("stages"):
            continue
        main = m["work"].get("main") or m["median_wall_s"]
        top = sorted(m["stages"].items(), key=lambda kv: -kv[1]["seconds"])[:8]
        parts = ", ".join(f"{k} {v['seconds']:.2f} s ({v['seconds'] / main:.0%})"
                          for k, v in top if v["seconds"] >= 0.01)
        lines.append(f"- `{m['id']}` (import {m['work'].get('import', 0):.2f} s, main "
                     f"{main:.2f} s): {parts}")
    for spec, p in results.get("profiles", {}).items():
        lines += ["", f"## cProfile of `score` at {spec}", "",
                  f"`{p['command']}` — {p['wall_s']} s under the profiler.", "",
                  "| asn_merit function | calls | own s | cumulative s | share |",
                  "|---|---:|---:|---:|---:|"]
        lines += [f"| `{r['function']}` | {r['calls']} | {r['own_s']} | {r['cumulative_s']} | "
                  f"{r['cumulative_share']:.0%} |" for r in p["by_cumulative"]]
        lines += ["", "Top functions by own time (any package):", "",
                  "| function | calls | own s |", "|---|---:|---:|"]
        lines += [f"| `{r['function']}` | {r['calls']} | {r['own_s']} |"
                  for r in p["by_own_time"]]
    lines += ["", "## Reproducing a figure", "",
              "Run from the repository root with the benchmark venv's python "
              "(`/tmp/bench-venv/bin/python`). For each id: the harness command that "
              "re-measures it alone, what it stands for, and the exact step command run.", ""]
    for m in results["measurements"].values():
        lines.append(f"- `{m['id']}`: `{m.get('reproduce', '')}`  \n  stands for "
                     f"`{m['equivalent']}`  \n  ran `{m['command']}`")
    analysis = _analysis_block(previous)
    lines += ["", "## Analysis", "", analysis, ""]
    return "\n".join(lines)


def _code_summary(results: dict[str, Any]) -> str:
    states: dict[str, int] = {}
    for m in results["measurements"].values():
        for sample in m["samples"]:
            if sample.get("code"):
                states[sample["code"]] = states.get(sample["code"], 0) + 1
    if not states:
        return "not recorded"
    return (f"{len(states)} distinct states over {sum(states.values())} runs (per measurement in "
            "the `code` column below; `results.json` has them per run)")


def _background_summary(results: dict[str, Any]) -> str:
    values = [m["median_others_cores"] for m in results["measurements"].values()]
    if not values:
        return "—"
    busy = sum(v > 0.3 for v in values)
    return (f"{min(values):.2f}–{max(values):.2f} (median {statistics.median(values):.2f}); "
            f"{busy} of {len(values)} measurements ran while other processes used > 0.3 core"
            + (", so those wall times are inflated" if busy else ""))


def _analysis_block(previous: str) -> str:
    if ANALYSIS_START in previous and ANALYSIS_END in previous:
        body = previous.split(ANALYSIS_START, 1)[1].split(ANALYSIS_END, 1)[0]
        return f"{ANALYSIS_START}{body}{ANALYSIS_END}"
    return f"{ANALYSIS_START}\n(not written yet)\n{ANALYSIS_END}"


# --- main --------------------------------------------------------------------------------------


def _sizes(text: str) -> list[int]:
    return [int(float(v)) for v in text.replace("_", "").split(",") if v.strip()]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=_sizes, default=[10_000, 100_000, 1_000_000],
                        help="rows for the csv/parquet rosters (default 10000,100000,1000000)")
    parser.add_argument("--xlsx-sizes", type=_sizes, default=[10_000, 100_000],
                        help="rows for the xlsx rosters (default 10000,100000)")
    parser.add_argument("--xlsx-1m", action="store_true",
                        help="also 1,000,000 rows as xlsx (generating it takes minutes)")
    parser.add_argument("--audit-sizes", type=_sizes, default=[1_000_000],
                        help="rows for the decisions file audited (default 1000000)")
    parser.add_argument("--big", type=int, default=0,
                        help="also score and audit this many rows from parquet (e.g. 4300000)")
    parser.add_argument("--big-timeout", type=float, default=900,
                        help="seconds allowed to each --big run (default 900)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--long-run", type=float, default=600,
                        help="after one run longer than this (s), do not repeat it")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per run")
    parser.add_argument("--rss-limit-mib", type=float, default=_meminfo("MemTotal") / 1024 * 0.7,
                        help="kill a run above this RSS (default 70%% of RAM)")
    parser.add_argument("--wait-quiet", type=float, default=0,
                        help="before each run, wait up to this many seconds for other "
                             "processes to drop below 0.3 busy cores")
    parser.add_argument("--retries", type=int, default=1,
                        help="re-run a failed run (exit other than 0/1) after 60 s this often")
    parser.add_argument("--only", default="", help="comma-separated id globs, e.g. 'audit/*'")
    parser.add_argument("--no-peers", action="store_true", help="skip the TOPSIS peers")
    parser.add_argument("--profile", default=None,
                        help="ROWS:FORMAT of the score run to cProfile, or 'none' (default: "
                             "100000:xlsx on a full run, none with --only)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--policy", type=Path, default=DEFAULT_POLICY)
    parser.add_argument("--data", type=Path, default=HERE / "data")
    parser.add_argument("--regenerate", action="store_true", help="rewrite the input files")
    parser.add_argument("--fresh", action="store_true", help="forget earlier results.json")
    parser.add_argument("--render-only", action="store_true", help="rewrite RESULTS.md only")
    args = parser.parse_args(argv)
    if args.xlsx_1m:
        args.xlsx_sizes = sorted({*args.xlsx_sizes, 1_000_000})

    results_path, md_path = HERE / "results.json", HERE / "RESULTS.md"
    previous_md = md_path.read_text() if md_path.exists() else ""
    results: dict[str, Any] = {"measurements": {}, "datasets": {}, "profiles": {}}
    if results_path.exists() and not args.fresh:
        results.update(json.loads(results_path.read_text()))
    command_line = shlex.join(["python", "benchmarks/run.py", *(argv or sys.argv[1:])])

    invocation = {"command": command_line, "started_at": _now(), "finished_at": None}

    def save() -> None:
        if not args.render_only:
            invocation["finished_at"] = _now()
            results["machine"] = machine()
            runs = results.setdefault("invocations", [])
            if invocation not in runs:
                runs.append(invocation)
        results["ratios"] = ratios(results)
        results_path.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
        md_path.write_text(render(results, previous_md))

    if args.render_only:
        save()
        return
    args.data.mkdir(parents=True, exist_ok=True)
    cfg = Config(sys.executable, args.data.resolve(), args.policy.resolve(), args.repeat,
                 args.timeout, args.long_run, args.rss_limit_mib, args.seed, args.wait_quiet,
                 args.retries)
    ms = plan(args, cfg)
    if args.only:
        globs = [g.strip() for g in args.only.split(",") if g.strip()]
        ms = [m for m in ms if any(fnmatch.fnmatch(m.id, g) for g in globs)]
    needed: dict[int, set[str]] = {}
    for m in ms:
        if m.rows:
            needed.setdefault(m.rows, {"parquet"}).add(m.fmt if m.fmt != "-" else "parquet")
    for rows, formats in sorted(needed.items()):
        if rows == args.big:
            formats = {"parquet"}
        order = [f for f in ("parquet", "csv", "xlsx") if f in formats]
        meta = prepare(cfg, rows, order, args.regenerate)
        results["datasets"][str(rows)] = meta
    measure_all(cfg, ms, results, save)
    wanted = args.profile or ("none" if args.only else "100000:xlsx")
    if wanted != "none":
        profile(cfg, wanted, results)
    save()
    print(f"wrote {results_path.relative_to(ROOT)} and {md_path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
