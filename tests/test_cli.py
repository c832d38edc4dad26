#!/usr/bin/env python3
"""test_cli.py — the command line of docs/CLI.md, run as a user runs it.

Usage: test_cli.py DESCENT SOURCE_ROOT.  Prints TAP.  Checks outputs,
formats, exit codes and one-line errors; the landscape formulas are written
here again, independently of the code, as `descent list landscapes` prints
them (docs/CLI.md §3.2).
"""
import csv
import io
import json
import math
import os
import re
import sys
import tempfile

from tap import check, finish, run_command

DESCENT, ROOT = sys.argv[1], sys.argv[2]


def run(*args):
    return run_command([DESCENT, *args], env=dict(os.environ, DESCENT_DATA_DIR=ROOT))


def close(a, b, rel):
    return abs(a - b) <= rel * max(1.0, abs(b))


# --- eval -----------------------------------------------------------------

code, out, err = run("eval", "--landscape", "expr:x^2+3*y^2", "--at", "1,2")
e = json.loads(out) if code == 0 else {}
check("eval expr: exit 0 and JSON", code == 0, err)
check("eval expr: fields", list(e) == ["landscape", "x", "y", "loss", "grad", "hessian", "eigenvalues"], out)
check("eval expr: value, gradient, Hessian, eigenvalues",
      e.get("loss") == 13 and e.get("grad") == [2, 12] and e.get("hessian") == [[2, 0], [0, 6]]
      and e.get("eigenvalues") == [2, 6], out)

E, PI = math.e, math.pi
FORMULAS = {
    "quadratic:l1=2,l2=30,angle=25": lambda x, y: 0.5 * (
        2 * (math.cos(math.radians(25)) * x + math.sin(math.radians(25)) * y) ** 2
        + 30 * (-math.sin(math.radians(25)) * x + math.cos(math.radians(25)) * y) ** 2),
    "quadratic": lambda x, y: 0.5 * (x * x + 10 * y * y),
    "rosenbrock": lambda x, y: (1 - x) ** 2 + 100 * (y - x * x) ** 2,
    "rosenbrock:a=2,b=5": lambda x, y: (2 - x) ** 2 + 5 * (y - x * x) ** 2,
    "beale": lambda x, y: (1.5 - x + x * y) ** 2 + (2.25 - x + x * y ** 2) ** 2 + (2.625 - x + x * y ** 3) ** 2,
    "himmelblau": lambda x, y: (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2,
    "rastrigin": lambda x, y: 20 + x * x - 10 * math.cos(2 * PI * x) + y * y - 10 * math.cos(2 * PI * y),
    "ackley": lambda x, y: (-20 * math.exp(-0.2 * math.sqrt(0.5 * (x * x + y * y)))
                            - math.exp(0.5 * (math.cos(2 * PI * x) + math.cos(2 * PI * y))) + E + 20),
    "booth": lambda x, y: (x + 2 * y - 7) ** 2 + (2 * x + y - 5) ** 2,
    "matyas": lambda x, y: 0.26 * (x * x + y * y) - 0.48 * x * y,
    "three_hump_camel": lambda x, y: 2 * x * x - 1.05 * x ** 4 + x ** 6 / 6 + x * y + y * y,
    "styblinski_tang": lambda x, y: 0.5 * sum(t ** 4 - 16 * t * t + 5 * t for t in (x, y)),
    "saddle": lambda x, y: x * x - y * y,
    "monkey_saddle": lambda x, y: x ** 3 - 3 * x * y * y,
    "double_well": lambda x, y: (x * x - 1) ** 2 + y * y,
    "double_well:h=2.5,c=0.3": lambda x, y: 2.5 * (x * x - 1) ** 2 + 0.3 * y * y,
    "uv": lambda u, v: 0.5 * (u * v - 1) ** 2,
    "uv:y=-1.7": lambda u, v: 0.5 * (u * v + 1.7) ** 2,
    # defaults h = 1, sharp = 4, flat = 2, cap = 4, c = 1: the sharp well meets the cap where
    # 4(j - m) = -4j and 2(j - m)^2 = 1 - 2j^2, so j = -1/2, m = -1; the flat one where
    # 2(j - m) = -4j and (j - m)^2 = 1 - 2j^2, so j = 1/sqrt(6), m = 3/sqrt(6)
    "parabolic_wells": lambda x, y: y * y + (2 * (x + 1) ** 2 if x < -0.5 else
                                              (x - 3 / math.sqrt(6)) ** 2 if x > 1 / math.sqrt(6) else
                                              1 - 2 * x * x),
}
POINTS = [(0.3, -0.7), (-1.2, 0.9), (1.7, 1.1), (-0.45, -1.3)]
for spec, f in FORMULAS.items():
    worst = ""
    for x, y in POINTS:
        code, out, err = run("eval", "--landscape", spec, "--at", f"{x},{y}")
        if code != 0:
            worst = err
            break
        e = json.loads(out)
        h = 1e-5
        gx = (f(x + h, y) - f(x - h, y)) / (2 * h)
        gy = (f(x, y + h) - f(x, y - h)) / (2 * h)
        if not close(e["loss"], f(x, y), 1e-12):
            worst = f"{spec} at {x},{y}: loss {e['loss']} != {f(x, y)}"
        elif not (close(e["grad"][0], gx, 1e-6) and close(e["grad"][1], gy, 1e-6)):
            worst = f"{spec} at {x},{y}: grad {e['grad']} != ({gx}, {gy})"
        elif e["hessian"][0][1] != e["hessian"][1][0] or e["eigenvalues"][0] > e["eigenvalues"][1]:
            worst = f"{spec}: Hessian not symmetric or eigenvalues not ascending: {out}"
    check(f"eval {spec} agrees with the formula", not worst, worst)

# --- trace ----------------------------------------------------------------

RACE = ["trace", "--landscape", "rosenbrock", "--start", "-1.5,2", "--steps", "300",
        "--opt", "gd:lr=0.001", "--opt", "momentum:lr=0.0005", "--opt", "rmsprop", "--opt", "adam:lr=0.05"]
code, out, err = run(*RACE)
check("trace race: exit 0", code == 0, err)
rows = list(csv.reader(io.StringIO(out)))
check("trace: CSV header", rows and rows[0] == ["run", "optimizer", "step", "x", "y", "loss"], rows[:1])
with open(os.path.join(ROOT, "tests", "data", "torch_race.csv")) as fh:
    ref = list(csv.reader(fh))
worst, where, mismatch = 0.0, "", ""
if len(rows) != len(ref):
    mismatch = f"{len(rows)} rows, torch has {len(ref)}"
else:
    for a, b in zip(rows[1:], ref[1:]):
        if a[:3] != b[:3]:
            mismatch = f"row {a[:3]} != {b[:3]}"
            break
        for u, v in zip(a[3:], b[3:]):
            rel = abs(float(u) - float(v)) / max(1.0, abs(float(v)))
            if rel > worst:
                worst, where = rel, f"run {a[0]} step {a[2]}"
check("trace race matches torch.optim float64 to 1e-9 relative", worst <= 1e-9 and not mismatch,
      mismatch or f"worst {worst:.3g} at {where}")

code, out, err = run("trace", "--landscape", "quadratic", "--steps", "2", "--start", "0.1,0.3",
                     "--opt", "gd:lr=0.1,momentum=0.5")
rows = list(csv.reader(io.StringIO(out)))
check("trace: spec with commas is quoted per RFC 4180", '"gd:lr=0.1,momentum=0.5"' in out and rows[1][1] == "gd:lr=0.1,momentum=0.5", out)
check("trace: step 0 is the start", rows[1][2:5] == ["0", "0.10000000000000001", "0.29999999999999999"], rows[1])
check("trace: numbers round-trip (%.17g)", all(repr(float(v)) == repr(float(v)) and len(v) >= 1 for r in rows[1:] for v in r[3:]), out)

code, out, err = run("trace", "--landscape", "quadratic:l1=1,l2=10", "--steps", "500", "--opt", "gd:lr=1", "--start", "1,1")
rows = list(csv.reader(io.StringIO(out)))[1:]
last = rows[-1]
check("trace: a diverging run stops at its first non-finite row",
      code == 0 and len(rows) < 501 and not all(math.isfinite(float(v)) for v in last[3:])
      and all(math.isfinite(float(v)) for r in rows[:-1] for v in r[3:]), last)

code, out, err = run("trace", "--landscape", "himmelblau", "--steps", "3", "--format", "json",
                     "--opt", "adam:lr=0.1", "--opt", "gd:lr=1e6", "--start", "1,1")
try:
    j = json.loads(out)
    ok = (j["landscape"] == "himmelblau" and len(j["runs"]) == 2 and j["runs"][0]["optimizer"] == "adam:lr=0.1"
          and len(j["runs"][0]["rows"]) == 4 and j["runs"][1]["status"] == "diverged")
except (ValueError, KeyError) as ex:
    ok, out = False, f"{ex}: {out}"
check("trace --format json holds the same data", ok, out)

code, out, err = run("trace", "--landscape", "rosenbrock", "--steps", "50", "--opt", "sgd:lr=0.0001,noise=2",
                     "--particles", "3", "--seed", "7")
code2, out2, _ = run("trace", "--landscape", "rosenbrock", "--steps", "50", "--opt", "sgd:lr=0.0001,noise=2,seed=8")
rows = [r for r in list(csv.reader(io.StringIO(out)))[1:] if r[0] == "1"]
rows2 = list(csv.reader(io.StringIO(out2)))[1:]
check("trace --particles: run i is the run with seed+i", code == 0 and [r[2:] for r in rows] == [r[2:] for r in rows2], err)
code3, out3, _ = run("trace", "--landscape", "rosenbrock", "--steps", "50", "--opt", "sgd:lr=0.0001,noise=2,seed=8")
check("trace: noise is reproducible run after run", out3 == out2)

# --- networks ---------------------------------------------------------------

NET = ["--model", "mlp:layers=2-5-2", "--data", "moons:n=40"]
code, out, err = run("trace", *NET, "--opt", "adam:lr=0.01", "--opt", "sgd:lr=0.1,batch=7",
                     "--steps", "9", "--every", "4", "--format", "json")
check("trace --model: exit 0 and JSON", code == 0, err)
net = json.loads(out) if code == 0 else {}
runs = net.get("runs", [{}, {}])
check("trace --model JSON: the contract's shape (docs/CLI.md §4.2)",
      list(net) == ["model", "data", "runs"] and list(net["data"]) == ["spec", "train", "test"]
      and list(net["data"]["train"]) == ["x", "y"] and len(net["data"]["train"]["x"]) == 20
      and list(runs[0]) == ["optimizer", "theta0", "steps", "theta"]
      and list(runs[1]) == ["optimizer", "theta0", "batches", "steps", "theta"]
      and len(runs[0]["theta0"]) == 2 * 5 + 5 + 5 * 2 + 2, out[:400])
check("trace --model: every run starts at the same theta0", runs[0].get("theta0") == runs[1].get("theta0"), out[:400])
check("trace --model: minibatches of 7 from 20 samples, an epoch a permutation (7, 7, 6)",
      [len(b) for b in runs[1].get("batches", [])] == [7, 7, 6, 7, 7, 6, 7, 7, 6]
      and sorted(sum(runs[1]["batches"][:3], [])) == list(range(20)), out[:400])
steps = runs[0].get("steps", [])
check("trace --model: sharpness at steps 0, 4, 8 only; adam's preconditioned one after its first update",
      [s["step"] for s in steps if "sharpness" in s] == [0, 4, 8]
      and [s["step"] for s in steps if "preconditioned_sharpness" in s] == [4, 8]
      and "preconditioned_sharpness" not in str(runs[1].get("steps")), out[:400])
code, out, err = run("trace", *NET, "--opt", "adam:lr=0.01", "--steps", "3", "--every", "2")
rows = list(csv.reader(io.StringIO(out)))
check("trace --model CSV: header and one row per step, empty where not measured",
      code == 0 and rows[0] == ["run", "optimizer", "step", "train_loss", "train_acc", "test_loss", "test_acc",
                                "norm", "sharpness", "preconditioned_sharpness", "noise_scale"]
      and len(rows) == 5 and rows[2][8:] == ["", "", ""] and rows[3][8] != "", out)
check("trace --model CSV matches its JSON", code == 0 and [float(r[3]) for r in rows[1:]] ==
      [s["train_loss"] for s in steps[:4]], out)
# --change on a network: from its update on, with θ, buffers and stream
# kept; the JSON's batches are those each update drew (7 before, 3 after).
code, out, err = run("trace", *NET, "--opt", "adam:lr=0.01", "--opt", "sgd:lr=0.1,batch=7",
                     "--steps", "9", "--change", "1:4:sgd:lr=0.3,batch=3", "--format", "json")
changed = json.loads(out)["runs"] if code == 0 else [{}, {}]
check("trace --model --change: the same updates before update 4, others after",
      code == 0 and changed[0] == runs[0] | {"steps": changed[0]["steps"]}
      and changed[1]["steps"][:5] == [{k: v for k, v in s.items() if k not in ("sharpness", "noise_scale")}
                                      for s in runs[1]["steps"][:5]]
      and changed[1]["steps"][5]["train_loss"] != runs[1]["steps"][5]["train_loss"], err + out[:400])
check("trace --model --change: batches of 7, then of 3 from update 4",
      [len(b) for b in changed[1].get("batches", [])] == [7, 7, 6, 7, 3, 3, 2, 3, 3]
      and changed[1]["batches"][:4] == runs[1]["batches"][:4], out[:400])
code, _, err = run("trace", *NET, "--opt", "adam", "--steps", "9", "--change", "0:4:sgd:lr=0.3")
check("trace --model --change to another optimizer: exit 2, saying why",
      code == 2 and "cannot turn adam into sgd" in err, err)
with tempfile.TemporaryDirectory(prefix="descent-test-cli-theta-") as theta_dir:
    theta_file = os.path.join(theta_dir, "theta.json")
    with open(theta_file, "w") as f:
        json.dump(runs[0].get("theta", []), f)
    code, out, err = run("eval", *NET, "--theta", theta_file)
ev = json.loads(out) if code == 0 else {}
check("eval --model at trace's final theta: its loss, five eigenvalues descending",
      code == 0 and ev.get("loss") == steps[-1]["train_loss"] and len(ev["eigenvalues"]) == 5
      and ev["eigenvalues"] == sorted(ev["eigenvalues"], reverse=True), out + err)
code, out, _ = run("list", "models")
check("list models: mlp with its keys", code == 0 and out.startswith("mlp") and "init_scale" in out, out)
code, out, _ = run("list", "datasets")
check("list datasets: every dataset", code == 0 and all(k in out for k in
      ["moons", "circles", "spirals", "xor", "blobs", "gaussian_linear", "csv"]), out)

# --- list, help, version ---------------------------------------------------

code, out, err = run("list", "optimizers")
check("list optimizers names all ten with defaults",
      code == 0 and all(n in out for n in ["gd ", "sgd ", "momentum ", "nesterov ", "adagrad ", "rmsprop ",
                                            "adam ", "adamw ", "newton ", "flow "]) and "0.999" in out, out[:200])
code, out, err = run("list", "landscapes")
check("list landscapes names every landscape of docs/CLI.md §3.2",
      code == 0 and all(n in out for n in ["quadratic", "rosenbrock", "beale", "himmelblau", "rastrigin", "ackley",
                                            "booth", "matyas", "three_hump_camel", "styblinski_tang", "saddle",
                                            "monkey_saddle", "double_well", "uv", "parabolic_wells", "sharp_flat", "linreg", "logreg",
                                            "expr"]), out[:200])
code, out, err = run("list", "schedules")
check("list schedules", code == 0 and "cosine" in out and "warmup" in out, out)
code, out, err = run("list", "lessons")
names = [line.split()[0] for line in out.splitlines() if line.strip()]
check("list lessons names every shipped lesson with its title",
      code == 0 and names == sorted(f[:-4] for f in os.listdir(os.path.join(ROOT, "lessons")) if f.endswith(".lua"))
      and "welcome" in names and all(len(line.split()) > 1 for line in out.splitlines()), out)
path = os.path.join(ROOT, "tests", "lessons", "window_key.lua")
code, out, err = run("check", path)
check("check: a lesson cannot bind a key the window's help lists ('e'), FILE:LINE, exit 2",
      code == 2 and err == f"{path}:2: keys: 'e' is one of descent's own controls; pick another key\n",
      f"exit {code}, stderr {err!r}")
code, out, err = run("--help")
check("--help exits 0 and shows usage", code == 0 and "descent trace" in out)
# docs/CLI.md describes the same options --help lists, no more, no fewer
# (--output is -o's long spelling, which --help shows as -o).
with open(os.path.join(ROOT, "docs", "CLI.md"), encoding="utf-8") as f:
    documented = set(re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*", f.read())) - {"--output"}
listed = set(re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*", out))
check("docs/CLI.md and --help name the same options", documented == listed,
      f"only in docs/CLI.md: {sorted(documented - listed)}, only in --help: {sorted(listed - documented)}")
code, out, err = run("--version")
check("--version", code == 0 and out.startswith("descent "), out)

# --- bad input: exit 2, one line starting "descent: " naming the problem ----

OUTPUT_DIR = tempfile.mkdtemp(prefix="descent-test-cli-")
BAD_LESSON = os.path.join(ROOT, "tests", "lessons", "bad_spec.lua")
BAD_LESSON_ERROR = f"{BAD_LESSON}:3: optimizer 'adam': unknown key 'beta3'"
CAMERA_RANGES = ("expected YAW,PITCH[,DISTANCE]: degrees about the vertical, 5 to 89 degrees "
                 "above the plane, 0.25 to 4 times the distance that frames the landscape")
BAD = [
    (["trace", "--steps", "5", "--opt", "adamm"], "unknown optimizer 'adamm'"),
    (["trace", "--steps", "5", "--opt", "adam:beta3=1"], "unknown key 'beta3'"),
    (["trace", "--steps", "5", "--opt", "adam:lr=abc"], "lr=abc is not a number"),
    (["trace", "--steps", "5", "--opt", "adam:beta1=1"], "beta1=1 is out of range"),
    (["trace", "--steps", "5", "--opt", "gd:lr=-1"], "lr=-1 is out of range"),
    (["trace", "--steps", "5", "--opt", "sgd:batch=4"], "batch=4 needs a data landscape"),
    (["trace", "--steps", "5", "--opt", "sgd:noise_model=diagonal"], "noise_model=diagonal"),
    (["trace", "--steps", "5", "--opt", "sgd:label_noise=1"], "label_noise needs a landscape fitted to labels"),
    (["trace", "--steps", "5", "--opt", "gd", "--landscape", "nowhere"], "unknown landscape 'nowhere'"),
    (["trace", "--steps", "5", "--opt", "gd", "--landscape", "quadratic:l3=1"], "unknown key 'l3'"),
    (["trace", "--steps", "5", "--opt", "gd", "--landscape", "expr:x^^2"], "column"),
    (["trace", "--steps", "-1", "--opt", "gd"], "--steps -1"),
    (["trace", "--opt", "gd"], "needs --steps"),
    (["trace", "--steps", "5"], "needs at least one --opt"),
    (["trace", "--steps", "5", "--opt", "gd", "--start", "1"], "--start 1"),
    (["trace", "--steps", "5", "--opt", "gd", "--view", "1,0,0,1"], "--view 1,0,0,1"),
    (["trace", "--steps", "5", "--opt", "gd", "--format", "xml"], "--format xml"),
    (["trace", "--steps", "5", "--opt", "gd", "--bogus"], "unknown option '--bogus'"),
    (["trace", "--steps", "5", "--opt", "gd", "--seed", "x"], "--seed x"),
    (["eval", "--landscape", "rosenbrock"], "usage: descent eval"),
    (["eval", "--landscape", "rosenbrock", "--at", "1,b"], "--at 1,b"),
    (["eval", "--landscape", "rosenbrock", "--at"], "--at needs a value"),
    (["list", "colours"], "usage: descent list"),
    # experiments (docs/CLI.md §8): keys come from each experiment's table
    (["experiment"], "usage: descent experiment NAME"),
    (["experiment", "nope"], "unknown experiment 'nope'"),
    (["experiment", "kramers", "sde_variance"], "one experiment at a time"),
    (["experiment", "kramers", "beta=3"], "experiment 'kramers': unknown key 'beta'"),
    (["experiment", "sde_variance", "to=2.5"], "to=2.5 is out of range"),
    (["experiment", "sde_variance", "points=many"], "points=many is not a number"),
    (["experiment", "sde_variance", "from=1.95"], "from=1.95 must be below to=1.9"),
    (["experiment", "kramers", "lr=0.5"], "SGD must take small steps"),
    (["experiment", "kramers", "to=40"], "walker steps is more than"),
    (["experiment", "sharp_escape", "lr=0.3"], "SGD must take small steps"),
    (["experiment", "label_noise", "to=0.6"], "eta lambda well below 2"),
    (["experiment", "noise_scale", "g=2"], "must stay well below the stability edge"),
    (["trace", "--steps", "5", "--landscape", "linreg", "--opt", "sgd:sampling=independent,batch=0"],
     "sampling=independent needs batch=B"),
    (["experiment", "max_margin_rate", "window=1000", "steps=2000"], "fewer than 4 updates"),
    (["experiment", "label_noise", "from=0.1"], "from=0.1 must be below to=0.09"),
    (["experiment", "sharp_escape", "from=5"], "from=5 must be below to=4"),
    (["experiment", "sharp_escape", "noise=2", "to=10"], "walker steps is more than"),
    (["experiment", "kramers", "--seed", "x"], "--seed x"),
    (["experiment", "kramers", "--quik"], "unknown option '--quik'"),
    (["experiment", "kramers", "-o"], "-o needs a value"),
    # networks (docs/CLI.md §3.6): bad specs name the part
    (["trace", "--steps", "5", "--opt", "gd", "--model", "mlp:layers=0-2", "--data", "moons"], "layers=0-2"),
    (["trace", "--steps", "5", "--opt", "gd", "--model", "mlp:act=swish", "--data", "moons"], "act=swish"),
    (["trace", "--steps", "5", "--opt", "gd", "--model", "mlp", "--data", "moons:n=0"], "n=0 is out of range"),
    (["trace", "--steps", "5", "--opt", "gd", "--model", "mlp", "--data", "moons:test=1.5"], "test=1.5 is out of range"),
    (["trace", "--steps", "5", "--opt", "gd", "--model", "mlp", "--data",
      "csv:" + os.path.join(ROOT, "tests", "data", "one_class.csv")], "two classes"),
    (["trace", "--steps", "5", "--opt", "gd", "--model", "mlp"], "--model needs --data"),
    (["trace", "--steps", "5", "--opt", "gd", "--data", "moons"], "--data needs --model"),
    (["trace", "--steps", "5", "--opt", "newton", "--model", "mlp", "--data", "moons"], "two-parameter landscapes only"),
    (["trace", "--steps", "5", "--opt", "adam:x0=1,y0=1", "--model", "mlp", "--data", "moons"], "x0/y0"),
    (["trace", "--steps", "5", "--opt", "sgd:batch=101", "--model", "mlp", "--data", "moons"], "batch=101 is larger than the dataset (100 samples)"),
    (["trace", "--steps", "5", "--opt", "gd", "--model", "mlp", "--data", "moons", "--landscape", "rosenbrock"], "--landscape applies to a two-parameter landscape"),
    (["trace", "--steps", "5", "--opt", "gd", "--model", "mlp", "--data", "moons", "--every", "0"], "--every 0"),
    (["trace", "--steps", "5", "--opt", "gd", "--every", "3"], "--every applies to a network"),
    (["trace", "--steps", "5", "--opt", "gd", "--model", "mlp:layers=2-3", "--data", "moons"], "3 outputs"),
    (["--print-command", "--model", "mlp", "--data", "moons", "--opt", "gd", "--slice", "flat"],
     "--slice flat: expected init, pca or random"),
    (["--print-command", "--opt", "gd", "--slice", "pca"], "--slice pca: needs --model"),
    (["eval", "--model", "mlp", "--data", "moons"], "usage: descent eval --model"),
    (["eval", "--model", "mlp", "--data", "moons", "--theta", "/nonexistent/theta"], "--theta /nonexistent/theta"),
    # the window's options, refused before any window opens
    (["--size", "0x10"], "--size 0x10: expected WxH"),
    (["--size", "640"], "--size 640: expected WxH"),
    (["--bench-frames", "0"], "--bench-frames 0: expected a whole number from 1 to 1000000"),
    (["--frobnicate"], "unknown option '--frobnicate'"),
    (["--landscape", "nope"], "unknown landscape 'nope'"),
    (["--output-dir"], "--output-dir needs a value"),
    # the representation view and ensembles: their ranges and their network
    (["--print-command", "--representation", "0"] + NET + ["--opt", "gd"],
     "--representation 0: expected a hidden layer, 1 to 14"),
    (["--print-command", "--representation", "2"] + NET + ["--opt", "gd"],
     "--representation 2: the network has 1 hidden layers"),
    (["--print-command", "--ensemble", "65"] + NET + ["--opt", "gd"],
     "--ensemble 65: expected a whole number from 1 to 64"),
    (["--print-command", "--ensemble", "3", "--opt", "gd"], "--ensemble 3: needs --model"),
] + [
    (["--print-command", "--camera", camera], f"--camera {camera}: {CAMERA_RANGES}")
    for camera in ["10", "10,95", "10,30,9", "10,30,x", "nan,30"]
] + [
    # a broken lesson is bad input, found before any file exists
    (["record", BAD_LESSON, "-o", os.path.join(OUTPUT_DIR, "broken.png")], BAD_LESSON_ERROR),
]
for args, part in BAD:
    code, out, err = run(*args)
    lines = err.strip().split("\n")
    check(f"bad input {' '.join(args)!r}: exit 2, one line naming it",
          code == 2 and len(lines) == 1 and lines[0].startswith("descent: ") and part in lines[0] and out == "",
          f"exit {code}, stderr {err!r}")
check("a refused recording leaves nothing behind", os.listdir(OUTPUT_DIR) == [], os.listdir(OUTPUT_DIR))
os.rmdir(OUTPUT_DIR)

# check reports a broken lesson as FILE:LINE: alone (editors jump there) and
# goes on with the next file.
good_lesson = os.path.join(ROOT, "lessons", "adaptive.lua")
code, out, err = run("check", good_lesson, BAD_LESSON)
check("check: a broken lesson among good ones: exit 2, FILE:LINE: message, the good one ok",
      code == 2 and err.startswith(BAD_LESSON_ERROR) and err.count("\n") == 1
      and err.endswith("\n") and out.startswith(f"{good_lesson}: ok, ") and out.count("\n") == 1,
      f"exit {code}, stdout {out!r}, stderr {err!r}")

# --- the README's numbers are the command line's -------------------------

with open(os.path.join(ROOT, "README.md")) as f:
    readme = f.read()
claim = re.search(r"`--particles N` runs N noisy copies \(up to ([\d,]+)", readme)
code, _, err = run("trace", "--opt", "sgd", "--particles", "99999999", "--steps", "1")
limit = re.search(r"from 1 to (\d+)", err)
check("README: --particles goes up to the maximum the command line takes",
      claim and limit and int(claim.group(1).replace(",", "")) == int(limit.group(1)),
      f"README {claim and claim.group(1)}, command line: {err.strip()}")

example = re.search(r"^descent (trace --model .*?) \| head$", readme, re.M)
code, out, err = run(*example.group(1).split()) if example else (None, "", "no example")
check("README: the network example runs, one CSV row per update after the header",
      code == 0 and out.startswith("run,optimizer,step,train_loss") and out.count("\n") == 202, err)

sys.exit(finish())
