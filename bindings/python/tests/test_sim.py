"""utskrivning.sim: determinism, the columns (NumPy, pandas, polars), the parameters refused
before any case runs, the summary recomputed from the columns, the command line, and sweeps
that give the same result serially, on a process pool and on a dask cluster."""

from __future__ import annotations

import doctest
import io
import json
import multiprocessing
import pickle
import subprocess
import sys
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from numpy.typing import NDArray

import utskrivning.sim
from utskrivning import InvalidInput, payment_preset
from utskrivning._native import SimRun, sim_params
from utskrivning.sim import (
    LEVELS,
    ProgressBar,
    RunSummary,
    SimResult,
    SweepResult,
    categories,
    params,
    parse_assignment,
    preset,
    presets,
    simulate,
    stockholm_days,
    sweep,
)

# Small runs (2 000 admissions, 2 164 cases with the warm-up's): the tests stay fast.
SMALL: Dict[str, Any] = {"cases": 2000}
NAT = np.iinfo(np.int64).min


@pytest.fixture(scope="module")
def result() -> SimResult:
    return simulate({"cases": 3000, "region": "vastra_gotaland"}, seed=11)


# Determinism -------------------------------------------------------------------------------


def test_the_same_seed_gives_the_same_columns_and_summary_whatever_the_chunk() -> None:
    whole = simulate(SMALL, seed=5)
    for chunk in (1000, 333, 1):
        again = simulate(SMALL, seed=5, chunk=chunk)
        assert again == whole
        assert all(np.array_equal(again.columns[n].view(np.uint8), whole.columns[n].view(np.uint8)) for n in whole.columns)
    assert simulate(SMALL, seed=6) != whole
    assert simulate(SMALL, seed=6).summary != whole.summary


def test_progress_is_reported_after_each_chunk() -> None:
    seen: List[Tuple[int, int]] = []
    run = simulate(SMALL, seed=1, progress=lambda done, total: seen.append((done, total)), chunk=500)
    total = len(run)
    assert seen == [(min(n, total), total) for n in range(500, total + 500, 500)]
    out = io.StringIO()
    bar = ProgressBar(out)
    bar(1, 4)
    bar(4, 4)
    bar.close()
    assert out.getvalue().startswith("\rcases [#######.......................]  25.0 % 1/4")
    assert "100.0 % 4/4" in out.getvalue() and out.getvalue().endswith("\n")


def test_a_year_of_no_admissions_is_empty_not_an_error() -> None:
    empty = simulate({"cases": 0})
    assert len(empty) == 0 and empty.overall["discharges"] == 0 and empty.payment_basis == []
    assert empty.columns["admitted_at"].dtype == np.dtype("datetime64[s]")


# The columns -------------------------------------------------------------------------------

DTYPES = {
    "index": "<u8",
    "municipality": "<u2",
    "care_type": "u1",
    "routine": "u1",
    "municipal_care_at_admission": "?",
    "admitted_at": "<M8[s]",
    "ready_at": "<M8[s]",
    "discharged_at": "<M8[s]",
    "ready_days": "<i4",
    "payment_days": "<i4",
    "phase": "u1",
    "care_request": "u1",
    "color_track": "u1",
    "sip": "u1",
    "events": "<u4",
    "discharged": "?",
}


def _owner(array: NDArray[Any]) -> object:
    """The object at the end of an array's chain of views."""
    base: object = array.base
    while isinstance(base, np.ndarray):
        base = base.base
    return base


def test_columns_are_read_only_views_of_the_simulators_bytes(result: SimResult) -> None:
    assert {n: a.dtype for n, a in result.columns.items()} == {n: np.dtype(d) for n, d in DTYPES.items()}
    n = SimRun(result.params, result.seed).total_cases
    assert len(result) == n and all(len(a) == n for a in result.columns.values())
    assert np.array_equal(result.columns["index"], np.arange(n, dtype=np.uint64))
    assert not any(a.flags.writeable for a in result.columns.values())
    # No copy was made: each array is a view over the bytes object the simulator wrote.
    assert all(isinstance(_owner(a), bytes) for a in result.columns.values())


def test_codes_index_their_categories(result: SimResult) -> None:
    words = categories()
    assert words["care_type"] == ("somatic", "psychiatric")
    assert result.categories["municipality"] == tuple(m["code"] for m in result.params["municipalities"])
    for name, known in result.categories.items():
        assert int(result.columns[name].max()) < len(known), name
    phase = result.columns["phase"]
    discharged = result.columns["discharged"]
    assert set(np.unique(phase[discharged]).tolist()) <= {words["phase"].index(w) for w in ("discharged", "closed")}
    # Not discharged: no times of discharge, no ready days.
    assert np.isnat(result.columns["discharged_at"][~discharged]).all()
    assert (result.columns["ready_days"][~discharged] == -1).all()
    assert not np.isnat(result.columns["admitted_at"]).any()


def test_a_result_pickles_and_compares(result: SimResult) -> None:
    back = pickle.loads(pickle.dumps(result))
    assert back == result and back is not result
    assert not back.columns["ready_at"].flags.writeable
    summary = RunSummary(result.params, result.seed, result.summary)
    assert pickle.loads(pickle.dumps(summary)) == summary
    assert summary != result  # a summary is not a whole result, though they agree
    assert len(pickle.dumps(summary)) < len(pickle.dumps(result)) / 10


def test_the_columns_reach_pandas(result: SimResult) -> None:
    pd = pytest.importorskip("pandas")
    df = result.to_pandas()
    assert list(df.columns) == list(DTYPES) and len(df) == len(result)
    assert isinstance(df["care_type"].dtype, pd.CategoricalDtype)
    assert list(df["care_type"].cat.categories) == ["somatic", "psychiatric"]
    assert list(df["municipality"].cat.categories) == list(result.categories["municipality"])
    assert (df["municipality"].astype(str).to_numpy() == np.array(result.categories["municipality"])[result.columns["municipality"]]).all()
    assert str(df["discharged_at"].dt.tz) == "UTC"
    assert int(df["discharged_at"].isna().sum()) == int((~result.columns["discharged"]).sum())
    first = result.columns["admitted_at"][0].astype(np.int64)
    assert df["admitted_at"].iloc[0] == pd.Timestamp(int(first), unit="s", tz="UTC")
    assert (df["ready_days"].to_numpy() == result.columns["ready_days"]).all()


def test_the_columns_reach_polars(result: SimResult) -> None:
    pl = pytest.importorskip("polars")
    df = result.to_polars()
    assert df.columns == list(DTYPES) and df.height == len(result)
    assert df.schema["care_request"] == pl.Enum(list(categories()["care_request"]))
    assert df.schema["ready_at"] == pl.Datetime("ms", "UTC")
    assert df["discharged_at"].null_count() == int((~result.columns["discharged"]).sum())
    words = np.array(result.categories["municipality"])[result.columns["municipality"]]
    assert df["municipality"].cast(pl.String).to_list() == words.tolist()
    seconds = result.columns["discharged_at"].view(np.int64)
    assert df["discharged_at"].dt.epoch("s").fill_null(NAT).to_numpy().tolist() == seconds.tolist()
    assert df["events"].sum() == result.summary["events"]


def test_duplicate_kommunkoder_still_make_a_categorical() -> None:
    pd = pytest.importorskip("pandas")
    twice = [{"code": "1480", "weight": 1.0}, {"code": "1480", "weight": 1.0}, {"code": "0180", "weight": 1.0}]
    run = simulate({"cases": 300, "municipalities": twice})
    assert list(run.to_pandas()["municipality"].cat.categories) == ["1480", "0180"]


# Parameters refused before any case runs ---------------------------------------------------

REFUSED = [
    ({"probabilities": {"rejected": 1.5}}, {"field": "probabilities.rejected", "problem": "out_of_range"}),
    ({"probabilities": {"rejected": -0.01}}, {"field": "probabilities.rejected", "problem": "out_of_range"}),
    ({"cases": -1}, {"field": "cases", "problem": "out_of_range"}),
    ({"cases": "many"}, {"field": "cases", "problem": "wrong_type"}),
    ({"ready_wait": {"somatic": {"mean_days": "2"}}}, {"field": "ready_wait.somatic.mean_days", "problem": "wrong_type"}),
    ({"probabilities": "none"}, {"field": "probabilities", "problem": "not_an_object"}),
    ({"beds": 3}, {"field": "beds", "problem": "unknown_field"}),
    ({"probabilities": {"snow": 0.1}}, {"field": "probabilities.snow", "problem": "unknown_field"}),
    (
        {"region": "gotland"},
        {"field": "region", "problem": "unknown_value", "allowed": ["national", "vastra_gotaland", "stockholm"]},
    ),
    ({"year": 2019}, {"field": "year", "problem": "unknown_value", "allowed": ["2017", "2020"]}),
]


@pytest.mark.parametrize(("given", "details"), REFUSED)
def test_a_bad_parameter_is_refused_naming_it_before_any_case(given: Dict[str, Any], details: Dict[str, Any]) -> None:
    with pytest.raises(InvalidInput) as native:
        SimRun(given, 1)  # the run is never made, so no case is written
    assert native.value.details == details
    reported: List[int] = []
    with pytest.raises(InvalidInput) as wrapped:
        simulate({**given}, progress=lambda done, total: reported.append(done))
    assert wrapped.value.details == details and reported == []
    with pytest.raises(InvalidInput) as checked:
        params(given)
    assert checked.value.details == details


@pytest.mark.parametrize(
    ("call", "details"),
    [
        (lambda: simulate(SMALL, seed=-1), {"field": "seed", "problem": "out_of_range"}),
        (lambda: simulate(SMALL, seed=2**64), {"field": "seed", "problem": "out_of_range"}),
        (lambda: simulate(SMALL, seed=True), {"field": "seed", "problem": "wrong_type"}),
        (lambda: simulate(SMALL, chunk=0), {"field": "chunk", "problem": "out_of_range"}),
        (lambda: simulate("{not json"), {"field": "params", "problem": "not_json"}),
        (lambda: simulate({"payment_model": "oslo"}), {"field": "payment_model", "problem": "unknown_value",
                                                      "allowed": ["law", "vastra_gotaland", "stockholm", "pre_2018"]}),
        (lambda: params(paths={"snow.depth": 1}), {"field": "snow", "problem": "unknown_field"}),
        (lambda: params(paths={"cases.x": 1}), {"field": "cases.x", "problem": "unknown_field"}),
        (lambda: params(paths={"municipalities[10].weight": 1}), {"field": "municipalities[10]", "problem": "out_of_range"}),
        (lambda: params(paths={"municipalities[0].weight": 0}), {"field": "municipalities[0].weight", "problem": "out_of_range"}),
        (lambda: params(paths={"probabilities..x": 1}), {"field": "probabilities..x", "problem": "unknown_field"}),
    ],
)
def test_the_wrapper_names_its_own_fields_too(call: Callable[[], Any], details: Dict[str, Any]) -> None:
    with pytest.raises(InvalidInput) as e:
        call()
    assert e.value.details == details
    assert str(e.value).startswith(f"Invalid input (field={details['field']}, problem={details['problem']}")


def test_params_lay_changes_over_a_preset() -> None:
    assert presets() == {"regions": ["national", "vastra_gotaland", "stockholm"], "years": [2017, 2020]}
    stockholm = preset("stockholm", 2017)
    assert params() == preset() == sim_params(None)
    changed = params(region="stockholm", year=2017, probabilities={"rejected": 0.1})
    assert changed == {**stockholm, "probabilities": {**stockholm["probabilities"], "rejected": 0.1}}
    assert params(payment_model="vastra_gotaland")["payment_model"] == payment_preset("vastra_gotaland")
    # A path inside the payment model keeps the rest of it; region and year go first.
    by_path = params(paths={"payment_model.daily_amount_sek": 5000, "region": "stockholm"})
    assert by_path["payment_model"] == {**payment_preset("stockholm"), "daily_amount_sek": 5000}
    assert by_path["municipalities"] == preset("stockholm")["municipalities"]
    assert params(changed, cases=10)["probabilities"]["rejected"] == 0.1
    assert parse_assignment("probabilities.rejected=0.1") == ("probabilities.rejected", 0.1)
    assert parse_assignment("region=stockholm") == ("region", "stockholm")
    assert parse_assignment("daily_amount_sek=null") == ("daily_amount_sek", None)
    assert simulate(changed | {"cases": 100}).params == changed | {"cases": 100}


# The summary, recomputed from the columns --------------------------------------------------


def test_stockholm_dates_agree_with_the_tz_database() -> None:
    zone = ZoneInfo("Europe/Stockholm")
    rng = np.random.default_rng(3)
    # Every hour around both 2020 transitions, and random instants over 2016-2022.
    hours = np.arange(-48, 48) * 3600
    edges = [int(datetime(2020, 3, 29, 1, tzinfo=timezone.utc).timestamp()),
             int(datetime(2020, 10, 25, 1, tzinfo=timezone.utc).timestamp())]
    seconds = np.concatenate([e + hours for e in edges] + [rng.integers(1_451_606_400, 1_672_531_200, 2000)])
    expected = [
        (datetime.fromtimestamp(int(s), zone).date() - datetime(1970, 1, 1).date()).days for s in seconds
    ]
    assert stockholm_days(seconds.astype(np.int64)).tolist() == expected


def _figures(ready_days: NDArray[Any], days: int) -> Dict[str, Any]:
    n = len(ready_days)
    same = int((ready_days == 0).sum())
    total = int(ready_days.sum())
    return {
        "discharges": n,
        "same_day": same,
        "same_day_share": same / n if n else None,
        "episodes_with_days": n - same,
        "ready_days_total": total,
        "mean_ready_days": total / (n - same) if n - same else None,
        "beds_per_day": total / days,
    }


@pytest.mark.parametrize("region", ["vastra_gotaland", "stockholm"])
def test_the_summary_agrees_with_the_columns(region: str) -> None:
    run = simulate({"cases": 4000, "region": region, "year": 2017}, seed=2)
    c = run.columns
    counted = run.in_year()
    assert run.indicators["days"] == 365
    # Ready days as the engine counts them: Stockholm dates, discharge minus notice.
    discharged = c["discharged"]
    ready = stockholm_days(c["discharged_at"][discharged].view(np.int64)) - stockholm_days(c["ready_at"][discharged].view(np.int64))
    assert ready.tolist() == c["ready_days"][discharged].tolist()
    days = c["ready_days"][counted]
    assert run.overall == _figures(days, 365)
    for code, care_type in enumerate(run.categories["care_type"]):
        mask = c["care_type"][counted] == code
        assert run.by_care_type[care_type] == _figures(days[mask], 365)  # type: ignore[literal-required]
    municipalities = np.array(run.categories["municipality"])[c["municipality"][counted]]
    for group in run.indicators["groups"]:
        mask = (municipalities == group["municipality"]) & (
            c["care_type"][counted] == run.categories["care_type"].index(group["care_type"])
        )
        figures = {k: v for k, v in group.items() if k not in ("municipality", "care_type")}
        assert figures == _figures(days[mask], 365)
    # The old law's rule (2017): each case's own payable days, at the daily amount.
    amount = run.params["payment_model"]["daily_amount_sek"]
    for row in run.payment_basis:
        mine = municipalities == row["municipality"]
        assert row["discharges"] == int(mine.sum())
        assert row["payable_days"] == float(c["payment_days"][counted][mine].sum())
        assert row["amount_sek"] == row["payable_days"] * amount
    assert run.summary["events"] == int(c["events"].sum()) and run.summary["cases"] == len(run)


def test_beds_held_per_day_adds_up_to_the_ready_days(result: SimResult) -> None:
    days, beds = result.beds_held()
    assert days[0] == np.datetime64("2020-01-01") and len(days) == 366 and beds.min() >= 0
    # Each case's bed-days inside the year: the overlap of [ready date, discharge date) with it.
    c = result.columns
    both = c["discharged"]
    first = int(np.datetime64("2020-01-01", "D").astype(np.int64))
    start = np.clip(stockholm_days(c["ready_at"][both].view(np.int64)) - first, 0, 366)
    stop = np.clip(stockholm_days(c["discharged_at"][both].view(np.int64)) - first, 0, 366)
    assert int(beds.sum()) == int((stop - start).sum())
    # The daily mean and the summary's (ready days of the year's discharges over its days)
    # count nearly the same bed-days: they differ only at the year's two ends.
    assert abs(beds.mean() - result.overall["beds_per_day"]) < 0.05 * result.overall["beds_per_day"]


def test_the_package_docstring_runs() -> None:
    done = doctest.testmod(utskrivning.sim)
    assert done.attempted > 0 and done.failed == 0


# The command line --------------------------------------------------------------------------


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "utskrivning.sim", *args], capture_output=True, text=True, timeout=120)


def test_the_command_line_prints_the_table() -> None:
    done = cli("--cases", "2000", "--region", "vastra_gotaland", "--year", "2020", "--seed", "3")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    expected = simulate({"cases": 2000, "region": "vastra_gotaland"}, seed=3)
    events = f"{expected.summary['events']:,}".replace(",", " ")
    assert lines[0].startswith(f"vastra_gotaland 2020, seed 3: 2 164 cases, {events} events applied by the engine in ")
    overall = next(line for line in lines if line.startswith("overall"))
    o = expected.overall
    assert o["same_day_share"] is not None and o["mean_ready_days"] is not None
    assert overall.split() == ["overall", str(o["discharges"]), f"{o['same_day_share'] * 100:.1f}", "%",
                               f"{o['mean_ready_days']:.2f}", f"{o['beds_per_day']:.2f}"]
    assert any(line.startswith("somatic ") for line in lines) and any(line.startswith("psychiatric ") for line in lines)
    assert "payment basis, model vastra_gotaland (average: days over 3.0 on average" in done.stdout
    assert sum(line.split()[0] in expected.categories["municipality"] for line in lines if line) == len(expected.payment_basis)
    assert lines[-1].split()[:2] == ["total", str(o["discharges"])]
    assert done.stderr == ""  # no bar: stderr is not a terminal here


def test_the_command_line_as_json_with_sets_and_a_bar() -> None:
    done = cli("--cases", "2000", "--set", "probabilities.rejected=0.2", "--set", "payment_model=stockholm", "--json",
               "--progress", "--chunk", "1000")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    expected = simulate(params(cases=2000, probabilities={"rejected": 0.2}, payment_model="stockholm"), seed=1)
    assert out == {"params": expected.params, "seed": 1, "summary": expected.summary}
    # (text mode reads the bar's "\r" as a line end)
    assert done.stderr.splitlines()[-1].startswith("cases [##############################] 100.0 % 2164/2164")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--set", "probabilities.rejected=1.5"], "invalid parameter probabilities.rejected: out_of_range"),
        (["--cases", "-1"], "invalid parameter cases: out_of_range"),
        (["--year", "2019"], "invalid parameter year: unknown_value (allowed: 2017, 2020)"),
        (["--region", "gotland"], "invalid parameter region: unknown_value (allowed: national, vastra_gotaland, stockholm)"),
        (["--set", "cases=\"many\""], "invalid parameter cases: wrong_type"),
        (["--set", "snow=1"], "invalid parameter snow: unknown_field"),
        (["--set", "rejected"], "invalid parameter rejected: unknown_field"),
        (["--seed", "-1"], "invalid parameter seed: out_of_range"),
        (["--year", "twenty"], "argument --year: invalid int value"),
    ],
)
def test_the_command_line_refuses_bad_parameters_with_2(args: List[str], message: str) -> None:
    done = cli("--cases", "1000", *args) if "--cases" not in args else cli(*args)
    assert done.returncode == 2
    assert message in done.stderr and done.stdout == ""


def test_the_command_line_writes_three_plots(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    done = cli("--cases", "2000", "--plot", str(tmp_path / "plots"))
    assert done.returncode == 0, done.stderr
    pngs = sorted((tmp_path / "plots").glob("*.png"))
    assert [p.name for p in pngs] == ["beds_per_day.png", "payment_by_municipality.png", "ready_days_by_outcome.png"]
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and p.stat().st_size > 5000 for p in pngs)
    assert "plots: " in done.stdout


# Sweeps -------------------------------------------------------------------------------------

GRID: Dict[str, List[Any]] = {
    "region": ["national", "stockholm"],
    "year": [2017, 2020],
    "seed": [1, 2],
    "payment_model": ["law", "stockholm"],
}


def test_a_grid_is_its_product_in_order() -> None:
    done = sweep({"seed": [4, 5], "probabilities.rejected": [0.0, 0.5]}, base=SMALL)
    assert [c for c in done.coordinates] == [
        {"seed": 4, "probabilities.rejected": 0.0},
        {"seed": 4, "probabilities.rejected": 0.5},
        {"seed": 5, "probabilities.rejected": 0.0},
        {"seed": 5, "probabilities.rejected": 0.5},
    ]
    assert [(r.seed, r.params["probabilities"]["rejected"]) for r in done] == [(4, 0.0), (4, 0.5), (5, 0.0), (5, 0.5)]
    one = simulate(params(SMALL, probabilities={"rejected": 0.5}), seed=5)
    assert done[3] == RunSummary(one.params, one.seed, one.summary)
    assert type(done[3]) is RunSummary
    with pytest.raises(ValueError):
        done.result(0)
    # NumPy values and ranges make a grid too.
    assert sweep({"seed": range(4, 6), "probabilities.rejected": np.array([0.0, 0.5])}, base=SMALL) == done
    as_list = sweep([({"probabilities": {"rejected": 0.0}}, 4), ({"probabilities": {"rejected": 0.5}}, 5)], base=SMALL)
    assert as_list.runs == (done[0], done[3]) and as_list.coordinates == ({"seed": 4}, {"seed": 5})


def test_a_sweep_keeps_columns_only_when_asked() -> None:
    done = sweep([(SMALL, 8)], keep_columns=True)
    assert done.result(0) == simulate(SMALL, seed=8)


class Counting(Executor):
    """Runs in this thread and counts what it was given."""

    def __init__(self) -> None:
        self.submitted = 0

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.submitted += 1
        f: Future[Any] = Future()
        f.set_result(fn(*args, **kwargs))
        return f


def test_a_bad_point_stops_the_sweep_before_any_run() -> None:
    counting = Counting()
    with pytest.raises(InvalidInput) as e:
        sweep({"cases": [2000], "year": [2020, 2019]}, counting)
    assert e.value.details["field"] == "year" and counting.submitted == 0
    with pytest.raises(InvalidInput) as e:
        sweep([(SMALL, 1), ({"probabilities": {"rejected": 2}}, 1)], counting)
    assert e.value.details["field"] == "probabilities.rejected" and counting.submitted == 0
    with pytest.raises(InvalidInput) as e:
        sweep({"seed": 3}, counting)  # type: ignore[dict-item]
    assert e.value.details == {"field": "seed", "problem": "wrong_type"}
    with pytest.raises(InvalidInput) as e:
        sweep({"seed": [-3]}, counting)
    assert e.value.details == {"field": "seed", "problem": "out_of_range"}
    assert sweep([(SMALL, 1)], counting) == sweep([(SMALL, 1)]) and counting.submitted == 1


@pytest.fixture(scope="module")
def serial() -> SweepResult:
    return sweep(GRID, base=SMALL)


def test_the_tidy_tables(serial: SweepResult) -> None:
    assert len(serial) == 16
    runs = serial.rows()
    assert [(r["region"], r["year"], r["seed"], r["payment_model"]) for r in runs[:3]] == [
        ("national", 2017, 1, "law"), ("national", 2017, 1, "stockholm"), ("national", 2017, 2, "law")]
    assert all(r["cases"] == 2000 for r in runs)
    assert runs[0]["discharges"] == serial[0].overall["discharges"]
    assert runs[1]["amount_sek"] == sum(p["amount_sek"] for p in serial[1].payment_basis)
    by_care = serial.rows("care_type")
    assert len(by_care) == 48 and [r["care_type"] for r in by_care[:3]] == ["all", "somatic", "psychiatric"]
    payment = serial.rows("payment")
    assert len(payment) == sum(len(r.payment_basis) for r in serial)
    assert {r["excess_days"] is None for r in payment if r["payment_model"] == "law"} == {True}
    assert all(r["excess_days"] is not None for r in payment if r["payment_model"] == "stockholm")
    groups = serial.rows("group")
    assert len(groups) == sum(len(r.indicators["groups"]) for r in serial)
    assert all(list(row)[:6] == ["run", "seed", "region", "year", "cases", "payment_model"] for row in runs + payment)
    with pytest.raises(InvalidInput) as e:
        serial.rows("day")
    assert e.value.details == {"field": "level", "problem": "unknown_value", "allowed": list(LEVELS)}
    pd = pytest.importorskip("pandas")
    frame = serial.to_pandas("care_type")
    assert isinstance(frame, pd.DataFrame) and frame.shape[0] == 48
    assert pickle.loads(pickle.dumps(serial)) == serial


def test_a_process_pool_gives_the_same_sweep(serial: SweepResult) -> None:
    # The default start method (fork on Linux before 3.14): the child makes its own threads.
    with ProcessPoolExecutor(2) as pool:
        assert sweep(GRID, pool, base=SMALL) == serial
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        assert sweep(GRID, pool, base=SMALL) == serial


def test_a_dask_cluster_gives_the_same_sweep(serial: SweepResult) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        assert sweep(GRID, client.get_executor(), base=SMALL) == serial
        kept = sweep([(SMALL, 1)], client.get_executor(), keep_columns=True)
    assert kept.result(0) == simulate(SMALL, seed=1)


def test_sweep_results_do_not_depend_on_completion_order(serial: SweepResult) -> None:
    class Reversed(Executor):
        """Finishes the last submitted first."""

        def __init__(self) -> None:
            self.pending: List[Tuple[Future[Any], Callable[..., Any], Tuple[Any, ...]]] = []

        def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
            f: Future[Any] = Future()
            self.pending.append((f, fn, args))
            if len(self.pending) == 16:
                for future, fn_, args_ in reversed(self.pending):
                    future.set_result(fn_(*args_))
            return f

    assert sweep(GRID, Reversed(), base=SMALL) == serial
