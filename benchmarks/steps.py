"""One benchmark step per process: ``python benchmarks/steps.py STEP --report R.json ...``.

``run.py`` starts every step in a fresh interpreter and takes wall time and peak RSS from
``os.wait4``; the step itself writes ``--report`` (JSON) with its in-process timings (``work``)
so the cost of starting Python and importing libraries can be told apart from the work.

Steps (see ``benchmarks/README.md`` for what each one stands for):

* ``prepare``           generate a roster with ``asn_merit.sample`` and write the input files
* ``floor-xlsx-read``   fastexcel → pandas, the whole sheet
* ``floor-xlsx-write``  XlsxWriter, the ranking table (NIP, name, total, rank, selected)
* ``floor-tabular``     pandas read of parquet/csv + one vectorised weighted sum
* ``analyst``           pandas+openpyxl read, ``DataFrame.apply`` per row, openpyxl write
* ``topsis-pymcdm`` / ``topsis-asn-merit``  TOPSIS on the same decision matrix
* ``fairlearn``         MetricFrame(selection rate, count) by 5 attributes and 1 intersection
* ``cli``               ``asn_merit.cli.main`` (the ``asn-merit`` entry point) with stage timing
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

T0 = time.perf_counter()

# --- the scoring rule every baseline reproduces (policy kenaikan-pangkat-reguler) -----------
AS_OF = date(2026, 10, 1)
PREDIKAT_POINTS = {"Sangat Baik": 100.0, "Baik": 80.0}
WEIGHTS = {"predikat_1": 0.35, "predikat_2": 0.15, "masa_pangkat": 0.30, "jp": 0.20}
QUOTA = 25
ATTRIBUTES = ["Jenis Kelamin", "Kelompok Usia", "Agama", "Status Perkawinan", "Unit Kerja"]
INTERSECTION = ("Jenis Kelamin", "Kelompok Usia")
OUTCOME, SCORE = "Dipilih", "Skor"
RANKING_COLUMNS = ["NIP", "Nama", "Total", "Peringkat", "Terpilih"]


def headers(as_of: date = AS_OF) -> dict[str, str]:
    """Logical name → roster header, as the project's generator spells it."""
    last, previous = as_of.year - 1, as_of.year - 2
    return {
        "nip": "NIP", "nama": "Nama", "tmt_pangkat": "TMT Golongan",
        "tgl_lahir": "Tanggal Lahir", "predikat_1": f"Predikat Kinerja {last}",
        "predikat_2": f"Predikat Kinerja {previous}",
        "jp": f"JP Pengembangan Kompetensi {last}",
    }  # fmt: skip


H = headers()


def _elapsed() -> float:
    return time.perf_counter() - T0


def _rss_mb() -> dict[str, float]:
    """Current and peak RSS of this process from /proc (Linux), in MiB."""
    out: dict[str, float] = {}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = round(int(value.split()[0]) / 1024, 1)
    except OSError:
        pass
    return out


class Report:
    """Timings of one step; written as JSON lines as they happen, so a killed step still
    shows how far it got, then once more as a summary on normal exit."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.work: dict[str, float] = {}
        self.info: dict[str, Any] = {}
        self.path.write_text("")

    def event(self, **fields: Any) -> None:
        with self.path.open("a") as handle:
            handle.write(json.dumps({"t": round(_elapsed(), 4), **fields, **_rss_mb()}) + "\n")

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        self.event(event="start", stage=name)
        start = time.perf_counter()
        interrupted = True
        try:
            yield
            interrupted = False
        except Exception:
            interrupted = False
            raise
        finally:
            self.work[name] = round(time.perf_counter() - start, 4)
            self.event(event="end", stage=name, seconds=self.work[name],
                       **({"interrupted": True} if interrupted else {}))

    def finish(self, **fields: Any) -> None:
        self.info.update(fields)
        self.event(event="summary", work=self.work, info=self.info)


# --- vectorised rule, shared by prepare, the floors and the peers ---------------------------


def criteria_matrix(frame: Any) -> Any:
    """Raw criterion values (rating points ×2, months in rank, training hours) as N×4 floats."""
    import numpy as np
    import pandas as pd

    tmt = pd.to_datetime(frame[H["tmt_pangkat"]], format="%d/%m/%Y")
    months = ((AS_OF.year - tmt.dt.year) * 12 + (AS_OF.month - tmt.dt.month)
              - (tmt.dt.day > AS_OF.day).astype("int64"))  # fmt: skip
    return np.column_stack([
        frame[H["predikat_1"]].map(PREDIKAT_POINTS).fillna(0.0).to_numpy(dtype=float),
        frame[H["predikat_2"]].map(PREDIKAT_POINTS).fillna(0.0).to_numpy(dtype=float),
        months.to_numpy(dtype=float),
        pd.to_numeric(frame[H["jp"]]).fillna(0).to_numpy(dtype=float),
    ])


def weighted_sum(frame: Any) -> Any:
    """Σ weight × points per row, vectorised: the policy's four criteria without its gates."""
    import numpy as np

    x = criteria_matrix(frame)
    masa = np.clip((x[:, 2] - 48.0) / 48.0, 0.0, 1.0) * 100.0
    jp = np.select([x[:, 3] >= 80, x[:, 3] >= 40, x[:, 3] >= 20], [100.0, 80.0, 60.0], 0.0)
    total = (WEIGHTS["predikat_1"] * x[:, 0] + WEIGHTS["predikat_2"] * x[:, 1]
             + WEIGHTS["masa_pangkat"] * masa + WEIGHTS["jp"] * jp)  # fmt: skip
    return np.round(total, 2)


def row_score(row: Any) -> float:
    """The same rule for one row, written the way an analyst writes it for ``apply``."""
    tmt = row[H["tmt_pangkat"]]
    months = (AS_OF.year - tmt.year) * 12 + (AS_OF.month - tmt.month) - (tmt.day > AS_OF.day)
    masa = min(max((months - 48) / 48, 0.0), 1.0) * 100
    hours = row[H["jp"]] or 0
    jp = 100 if hours >= 80 else 80 if hours >= 40 else 60 if hours >= 20 else 0
    total = (WEIGHTS["predikat_1"] * PREDIKAT_POINTS.get(row[H["predikat_1"]], 0)
             + WEIGHTS["predikat_2"] * PREDIKAT_POINTS.get(row[H["predikat_2"]], 0)
             + WEIGHTS["masa_pangkat"] * masa + WEIGHTS["jp"] * jp)  # fmt: skip
    return round(total, 2)


def ranking_table(frame: Any, total: Any) -> Any:
    """NIP, name, total, rank (1…n by total desc, NIP asc) and selected (top QUOTA)."""
    import pandas as pd

    table = pd.DataFrame({"NIP": frame[H["nip"]].astype(str), "Nama": frame[H["nama"]],
                          "Total": total})
    table = table.sort_values(["Total", "NIP"], ascending=[False, True], kind="stable")
    table["Peringkat"] = range(1, len(table) + 1)
    table["Terpilih"] = table["Peringkat"] <= QUOTA
    return table.reset_index(drop=True)


# --- steps ---------------------------------------------------------------------------------


def step_prepare(args: argparse.Namespace, report: Report) -> None:
    """Roster files (parquet, csv, optional xlsx), the ranking table and a decisions file."""
    import numpy as np
    import pandas as pd

    from asn_merit.sample import generate_roster, write_roster

    data, rows = Path(args.data), args.rows
    with report.phase("generate"):
        frame = generate_roster(rows, args.seed)
    deep = int(frame.memory_usage(deep=True).sum())
    files: dict[str, Any] = {}
    for fmt in args.formats.split(","):
        path = data / f"roster-{rows}.{fmt}"
        with report.phase(f"write-{fmt}"):
            write_roster(frame, path)
        files[fmt] = {"path": str(path), "bytes": path.stat().st_size,
                      "write_s": report.work[f"write-{fmt}"]}
    with report.phase("derived-files"):
        total = weighted_sum(frame)
        ranking = ranking_table(frame, total)
        ranking.to_parquet(data / f"ranking-{rows}.parquet", index=False)
        birth = frame[H["tgl_lahir"]]
        age = (AS_OF.year - birth.dt.year) - (
            (birth.dt.month > AS_OF.month)
            | ((birth.dt.month == AS_OF.month) & (birth.dt.day > AS_OF.day))).astype("int64")
        band = pd.cut(age, [0, 30, 40, 50, 200], right=False,
                      labels=["<30", "30-39", "40-49", "50+"]).astype("string")
        cut = np.quantile(total, 0.9)
        decisions = pd.DataFrame({
            "NIP": frame[H["nip"]], "Jenis Kelamin": frame["Jenis Kelamin"],
            "Kelompok Usia": band, "Agama": frame["Agama"],
            "Status Perkawinan": frame["Status Perkawinan"], "Unit Kerja": frame["Unit Kerja"],
            OUTCOME: (total >= cut).astype("int64"), SCORE: total,
        })  # fmt: skip
        decisions.to_parquet(data / f"decisions-{rows}.parquet", index=False)
    report.finish(rows=rows, seed=args.seed, deep_memory_bytes=deep, files=files,
                  decisions_deep_memory_bytes=int(decisions.memory_usage(deep=True).sum()),
                  selected=int(decisions[OUTCOME].sum()))


def step_floor_xlsx_read(args: argparse.Namespace, report: Report) -> None:
    with report.phase("import"):
        import fastexcel
    with report.phase("read"):
        frame = fastexcel.read_excel(args.input).load_sheet(0, header_row=args.header_row)
        frame = frame.to_pandas()
    report.finish(rows=len(frame), columns=len(frame.columns),
                  fastexcel=getattr(fastexcel, "__version__", "?"))


def step_floor_xlsx_write(args: argparse.Namespace, report: Report) -> None:
    with report.phase("import"):
        import pandas as pd
        import xlsxwriter
    with report.phase("load-table"):
        table = pd.read_parquet(args.input)
        columns = [table[c].tolist() for c in RANKING_COLUMNS]
    options = {"strings_to_formulas": False, "strings_to_urls": False,
               "strings_to_numbers": False}
    with report.phase("write"), xlsxwriter.Workbook(args.output, options) as book:
        sheet = book.add_worksheet("Peringkat")
        sheet.write_row(0, 0, RANKING_COLUMNS)
        for column, values in enumerate(columns):
            sheet.write_column(1, column, values)
    report.finish(rows=len(table))


def step_floor_tabular(args: argparse.Namespace, report: Report) -> None:
    with report.phase("import"):
        import pandas as pd
    with report.phase("read"):
        if args.input.endswith(".parquet"):
            frame = pd.read_parquet(args.input)
        else:
            frame = pd.read_csv(args.input, sep=";")
    with report.phase("weighted-sum"):
        total = weighted_sum(frame)
    report.finish(rows=len(frame), checksum=round(float(total.sum()), 2))


def step_analyst(args: argparse.Namespace, report: Report) -> None:
    with report.phase("import"):
        import pandas as pd
    with report.phase("read"):
        frame = pd.read_excel(args.input, sheet_name=0, header=args.header_row,
                              engine="openpyxl", dtype={"NIP": str})
    with report.phase("apply"):
        frame["Total"] = frame.apply(row_score, axis=1)
    with report.phase("rank"):
        ranked = frame.sort_values(["Total", "NIP"], ascending=[False, True], kind="stable")
        ranked["Peringkat"] = range(1, len(ranked) + 1)
        ranked["Terpilih"] = ranked["Peringkat"] <= QUOTA
    with report.phase("write"):
        ranked[RANKING_COLUMNS].to_excel(args.output, index=False, engine="openpyxl")
    report.finish(rows=len(frame), checksum=round(float(frame["Total"].sum()), 2))


def _decision_matrix(args: argparse.Namespace, report: Report) -> Any:
    with report.phase("import"):
        import pandas as pd
    with report.phase("read"):
        frame = pd.read_parquet(args.input)
    with report.phase("matrix"):
        return criteria_matrix(frame)


def step_topsis_pymcdm(args: argparse.Namespace, report: Report) -> None:
    matrix = _decision_matrix(args, report)
    with report.phase("import-peer"):
        import numpy as np
        from pymcdm.methods import TOPSIS
    with report.phase("topsis"):
        score = TOPSIS()(matrix, np.array(list(WEIGHTS.values())), np.ones(4), validation=False)
    report.finish(rows=len(matrix), checksum=round(float(np.sum(score)), 6))


def step_topsis_asn_merit(args: argparse.Namespace, report: Report) -> None:
    matrix = _decision_matrix(args, report)
    with report.phase("import-peer"):
        import numpy as np

        from asn_merit.scoring.methods.base import Criterion
        from asn_merit.scoring.methods.topsis import topsis
    criteria = [Criterion(name, weight) for name, weight in WEIGHTS.items()]
    with report.phase("topsis"):
        score = topsis(matrix, criteria, normalisation="minmax").score
    report.finish(rows=len(matrix), checksum=round(float(np.sum(score)), 6))


def step_fairlearn(args: argparse.Namespace, report: Report) -> None:
    with report.phase("import"):
        import pandas as pd
        from fairlearn.metrics import MetricFrame, count, selection_rate
    with report.phase("read"):
        frame = pd.read_parquet(args.input)
    groups = 0
    with report.phase("metricframes"):
        y = frame[OUTCOME].to_numpy()
        for features in [*ATTRIBUTES, list(INTERSECTION)]:
            result = MetricFrame(metrics={"selection_rate": selection_rate, "count": count},
                                 y_true=y, y_pred=y, sensitive_features=frame[features])
            groups += len(result.by_group)
    report.finish(rows=len(frame), groups=groups)


def step_cli(args: argparse.Namespace, report: Report) -> None:
    """Run ``asn_merit.cli.main`` with ``args.argv``; time every call the pipeline makes to
    another asn_merit module (read, contract, evaluate, traces, audit, writers, hashing)."""
    with report.phase("import"):
        import asn_merit.cli as cli
        import asn_merit.pipeline as pipeline
    totals: dict[str, list[float]] = {}
    for name, target in list(vars(pipeline).items()):
        module = getattr(target, "__module__", "") or ""
        if (callable(target) and not isinstance(target, type) and module.startswith("asn_merit.")
                and module != "asn_merit.pipeline"):
            setattr(pipeline, name, _timed(name, target, totals, report))
    # large runs call these through a module attribute or a function-level import
    import asn_merit.scoring.people_table as people_table

    for owner, names in ((pipeline.large_run, ("write_people_parquet", "traces")),
                         (people_table, ("people_table",))):
        for name in names:
            setattr(owner, name, _timed(name, getattr(owner, name), totals, report))
    sys.argv = ["asn-merit", *args.argv]
    code = 0
    try:
        with report.phase("main"):
            cli.main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    stages = {name: {"calls": int(calls), "seconds": round(seconds, 4)}
              for name, (calls, seconds) in totals.items()}
    report.finish(exit_code=code, stages=stages)
    sys.exit(code)


def _timed(name: str, function: Callable[..., Any], totals: dict[str, list[float]],
           report: Report) -> Callable[..., Any]:
    """Wrap ``function``: add its time to ``totals[name]``; log the first calls as events."""

    def wrapper(*a: Any, **k: Any) -> Any:
        entry = totals.setdefault(name, [0, 0.0])
        entry[0] += 1
        logged = entry[0] <= 3
        if logged:
            report.event(event="start", stage=name)
        start = time.perf_counter()
        interrupted = True
        try:
            result = function(*a, **k)
            interrupted = False
            return result
        except Exception:
            interrupted = False
            raise
        finally:
            seconds = time.perf_counter() - start
            entry[1] += seconds
            if interrupted:  # SIGTERM (timeout) or Ctrl-C while this stage ran
                report.event(event="end", stage=name, seconds=round(seconds, 4),
                             interrupted=True, entered_at=round(_elapsed() - seconds, 1))
            elif logged or seconds > 1:
                report.event(event="end", stage=name, seconds=round(seconds, 4))

    return wrapper


STEPS: dict[str, Callable[[argparse.Namespace, Report], None]] = {
    "prepare": step_prepare,
    "floor-xlsx-read": step_floor_xlsx_read,
    "floor-xlsx-write": step_floor_xlsx_write,
    "floor-tabular": step_floor_tabular,
    "analyst": step_analyst,
    "topsis-pymcdm": step_topsis_pymcdm,
    "topsis-asn-merit": step_topsis_asn_merit,
    "fairlearn": step_fairlearn,
    "cli": step_cli,
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=sorted(STEPS))
    parser.add_argument("--report", required=True, help="JSON-lines file for timings")
    parser.add_argument("--input", default="")
    parser.add_argument("--output", default="")
    parser.add_argument("--header-row", type=int, default=4, help="0-based header row (xlsx)")
    parser.add_argument("--data", default="", help="prepare: output folder")
    parser.add_argument("--rows", type=int, default=0, help="prepare: roster rows")
    parser.add_argument("--seed", type=int, default=2026, help="prepare: generator seed")
    parser.add_argument("--formats", default="parquet,csv", help="prepare: roster formats")
    argv = sys.argv[1:] if argv is None else argv
    cut = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:cut])
    args.argv = argv[cut + 1 :]  # cli: the arguments after 'asn-merit'
    STEPS[args.step](args, Report(Path(args.report)))


if __name__ == "__main__":
    main()
