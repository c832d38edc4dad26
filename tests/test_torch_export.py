#!/usr/bin/env python3
"""test_torch_export.py — `descent export --torch` (docs/CLI.md §9) against `descent trace`.

Usage: test_torch_export.py DESCENT SOURCE_ROOT.  Prints TAP.  For every
optimizer, on an analytic landscape, an expression, and data landscapes
with minibatches, and networks (--model, --data) with minibatches, each run
with a mid-run learning-rate change (--change, the window's [ ] keys), the
exported script, run by a python3 that has torch
(Debian's python3-torch), must print trace's CSV: the same rows, every
number within 1e-9 of trace's relative to max(1, |trace's|) over 300
updates.  Without torch those checks are skipped, saying so; the refusals
and the script's form are checked either way.
"""
import atexit
import csv
import io
import os
import shutil
import subprocess
import sys
import tempfile

from tap import check, finish, run_command, skip

DESCENT, ROOT = sys.argv[1], sys.argv[2]
STEPS = "300"
TOLERANCE = 1e-9


def run(*args):
    return run_command([DESCENT, *args], env=dict(os.environ, DESCENT_DATA_DIR=ROOT))


def torch_python():
    """A python3 that imports torch, or None."""
    for candidate in (sys.executable, "/usr/bin/python3"):
        try:
            probe = subprocess.run([candidate, "-c", "import torch"], capture_output=True,
                                   timeout=120)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if probe.returncode == 0:
            return candidate
    return None


PYTHON = torch_python()
WORK = tempfile.mkdtemp(prefix="descent-torch-")
atexit.register(shutil.rmtree, WORK, ignore_errors=True)


def compare(ours, theirs):
    """(worst error relative to max(1, |trace's|) per run, worst plain relative
    error, mismatch): the rows must match in run, optimizer and step."""
    a = list(csv.reader(io.StringIO(ours)))
    b = list(csv.reader(io.StringIO(theirs)))
    if not a or a[0] != b[0]:
        return {}, 0.0, f"header {a[:1]} != {b[:1]}"
    if len(a) != len(b):
        return {}, 0.0, f"{len(a) - 1} rows, trace has {len(b) - 1}"
    worst, plain = {}, 0.0
    for u, v in zip(a[1:], b[1:]):
        if u[:3] != v[:3]:
            return {}, 0.0, f"row {u[:3]} != trace's {v[:3]}"
        for p, q in zip(u[3:], v[3:]):
            if p == q or "" in (p, q):
                # The same text, or a column one of them leaves empty
                # (trace's network columns measured only with --every).
                if p != q:
                    return {}, 0.0, f"row {u[:3]}: {p!r} != trace's {q!r}"
                worst.setdefault(u[1], 0.0)
                continue
            p, q = float(p), float(q)
            if p != q and not (p != p and q != q):
                error = abs(p - q) / max(1.0, abs(q))
                worst[u[1]] = max(worst.get(u[1], 0.0), error)
                plain = max(plain, abs(p - q) / max(abs(p), abs(q)))
            else:
                worst.setdefault(u[1], 0.0)
    return worst, plain, ""


def reproduce(name, stage, specs, changes):
    """Exports and traces the same scene (stage: a landscape's spec, or the options
    of a network); checks that the script prints trace's CSV."""
    stage = ["--landscape", stage] if isinstance(stage, str) else stage
    scene = [*stage, "--steps", STEPS]
    for spec in specs:
        scene += ["--opt", spec]
    for change in changes:
        scene += ["--change", change]
    script = os.path.join(WORK, name + ".py")
    code, _, err = run("export", "--torch", *scene, "-o", script)
    check(f"{name}: export exits 0", code == 0 and os.path.exists(script), err)
    code, theirs, err = run("trace", *scene)
    check(f"{name}: trace exits 0", code == 0, err)
    if PYTHON is None:
        skip(f"{name}: the script prints trace's CSV to {TOLERANCE:g}",
             "no python3 with torch here (Debian: python3-torch)")
        return
    done = subprocess.run([PYTHON, script], capture_output=True, text=True, timeout=600)
    worst, plain, mismatch = compare(done.stdout, theirs)
    detail = mismatch or done.stderr[-2000:] or "\n".join(
        f"{spec}: {error:.3g}" for spec, error in sorted(worst.items(), key=lambda e: -e[1]))
    check(f"{name}: the script prints trace's CSV to {TOLERANCE:g}",
          done.returncode == 0 and not mismatch and worst and max(worst.values()) <= TOLERANCE,
          detail)
    # The figures for the report: worst error per run, relative to max(1, |x|).
    print(f"# {name}: worst {max(worst.values(), default=0):.3g} (max(1,|v|)), "
          f"{plain:.3g} (plain relative)")
    for spec, error in worst.items():
        print(f"#   {error:.3g}  {spec}")


# Every optimizer but flow (refused below), each with an lr change at update
# 150 as the window's ] key makes it (×1.25), from the same start.
ANALYTIC = [
    ("gd:lr=0.001", "gd:lr=0.00125"),
    ("sgd:lr=0.0005,noise=2,seed=7", "sgd:lr=0.000625,noise=2,seed=7"),
    ("momentum:lr=0.0005,dampening=0.1,weight_decay=0.01", "momentum:lr=0.000625,dampening=0.1,weight_decay=0.01"),
    ("nesterov:lr=0.0005", "nesterov:lr=0.000625"),
    ("adagrad:lr=0.3,lr_decay=0.01", "adagrad:lr=0.375,lr_decay=0.01"),
    ("rmsprop:lr=0.01,centered=1,momentum=0.5", "rmsprop:lr=0.0125,centered=1,momentum=0.5"),
    ("adam:lr=0.05,amsgrad=1", "adam:lr=0.0625,amsgrad=1"),
    ("adamw:lr=0.05,weight_decay=0.1", "adamw:lr=0.0625,weight_decay=0.1"),
    ("newton:lr=0.5,damping=1", "newton:lr=0.625,damping=1"),
    ("adam:lr=0.05,schedule=cosine,warmup=20,total=200,lr_min=0.001",
     "adam:lr=0.0625,schedule=cosine,warmup=20,total=200,lr_min=0.001"),
    ("momentum:lr=0.0005,noise=0.5,seed=3,schedule=step,every=50,gamma=0.5",
     "momentum:lr=0.000625,noise=0.5,seed=3,schedule=step,every=50,gamma=0.5"),
]


def with_changes(pairs):
    return [a for a, _ in pairs], [f"{i}:150:{b}" for i, (_, b) in enumerate(pairs)]


specs, changes = with_changes(ANALYTIC)
reproduce("rosenbrock", "rosenbrock", specs, changes)

# The same optimizers minibatched on data landscapes (batch=B: epochs
# shuffled by descent's seed), one sampled independently, one noisy too.
DATA = [
    ("gd:lr=0.05,batch=8", "gd:lr=0.0625,batch=8"),
    ("sgd:lr=0.05,batch=5,seed=4", "sgd:lr=0.0625,batch=5,seed=4"),
    ("momentum:lr=0.02,batch=8,seed=1", "momentum:lr=0.025,batch=8,seed=1"),
    ("nesterov:lr=0.02,batch=8,sampling=independent", "nesterov:lr=0.025,batch=8,sampling=independent"),
    ("adagrad:lr=0.2,batch=8", "adagrad:lr=0.25,batch=8"),
    ("rmsprop:lr=0.01,batch=8", "rmsprop:lr=0.0125,batch=8"),
    ("adam:lr=0.05,batch=8,noise=0.3", "adam:lr=0.0625,batch=8,noise=0.3"),
    ("adamw:lr=0.05,batch=8", "adamw:lr=0.0625,batch=8"),
    ("newton:lr=0.3,batch=8", "newton:lr=0.375,batch=8"),
]
specs, changes = with_changes(DATA)
reproduce("linreg", "linreg:n=40,seed=2,rho=0.6", specs, changes)
reproduce("logreg", "logreg:n=60,seed=5,l2=0.01", specs, changes)

EXPR = [
    ("gd:lr=0.01", "gd:lr=0.0125"),
    ("sgd:lr=0.01,noise=0.3", "sgd:lr=0.0125,noise=0.3"),
    ("adam:lr=0.05", "adam:lr=0.0625"),
    ("newton:lr=0.5,damping=2", "newton:lr=0.625,damping=2"),
]
specs, changes = with_changes(EXPR)
reproduce("expr", "expr:0.5*x^2 + sin(3*x)*cos(y) + -y^2/4 + y^4/8 + abs(sqrt(pi))*e^-1",
          specs, changes)

# Networks: every optimizer a network takes (newton needs the dense Hessian
# and is refused by the core), minibatched, from descent's theta0, noise,
# a schedule and a weight decay among them; each activation and both losses.
NETWORK = [
    ("gd:lr=0.1,batch=16", "gd:lr=0.125,batch=16"),
    ("sgd:lr=0.1,batch=10,seed=4", "sgd:lr=0.125,batch=10,seed=4"),
    ("momentum:lr=0.05,batch=16,seed=1,dampening=0.1,weight_decay=0.01",
     "momentum:lr=0.0625,batch=16,seed=1,dampening=0.1,weight_decay=0.01"),
    ("nesterov:lr=0.05,batch=16,sampling=independent", "nesterov:lr=0.0625,batch=16,sampling=independent"),
    ("adagrad:lr=0.1,batch=16,lr_decay=0.01", "adagrad:lr=0.125,batch=16,lr_decay=0.01"),
    ("rmsprop:lr=0.005,batch=16,centered=1,momentum=0.5", "rmsprop:lr=0.00625,batch=16,centered=1,momentum=0.5"),
    ("adam:lr=0.02,batch=16,noise=0.05,seed=9", "adam:lr=0.025,batch=16,noise=0.05,seed=9"),
    ("adam:lr=0.02,batch=16,amsgrad=1", "adam:lr=0.025,batch=16,amsgrad=1"),
    ("adamw:lr=0.02,batch=16,weight_decay=0.1", "adamw:lr=0.025,batch=16,weight_decay=0.1"),
    ("adam:lr=0.02,batch=16,schedule=cosine,warmup=20,total=200,lr_min=0.001",
     "adam:lr=0.025,batch=16,schedule=cosine,warmup=20,total=200,lr_min=0.001"),
]
specs, changes = with_changes(NETWORK)
reproduce("network-tanh-ce", ["--model", "mlp:layers=2-8-8-2,act=tanh", "--data",
                              "moons:n=120,noise=0.2,seed=3", "--init-seed", "5"], specs, changes)
SMALL = NETWORK[1:2] + NETWORK[6:7]
for act, data, loss in (("relu", "circles:n=80,test=0", "ce"), ("gelu", "xor:n=80", "mse"),
                        ("sigmoid", "gaussian_linear:n=80", "mse")):
    outputs = 1 if data.startswith("gaussian") else 2
    specs, changes = with_changes(SMALL)
    reproduce(f"network-{act}-{loss}",
              ["--model", f"mlp:layers=2-6-{outputs},act={act},loss={loss}", "--data", data],
              specs, changes)

# --- what is refused: one line, exit 2, no file ------------------------------

REFUSED = [
    ("flow", ["--landscape", "rosenbrock", "--opt", "flow:lr=0.01"], "flow"),
    ("piecewise landscape", ["--landscape", "parabolic_wells", "--opt", "gd"], "parabolic_wells"),
    ("Hessian-shaped noise", ["--landscape", "rosenbrock", "--opt", "sgd:noise=1,noise_model=hessian"],
     "noise_model=hessian"),
    ("label noise", ["--landscape", "linreg", "--opt", "gd:label_noise=0.1"], "label_noise"),
    ("momentum turned on mid-run", ["--opt", "gd", "--change", "0:5:gd:momentum=0.9"], "momentum"),
    ("flow on a network", ["--model", "mlp:layers=2-4-2", "--data", "moons", "--opt", "flow"],
     "flow"),
    ("a network's noise past the numbers written in",
     ["--model", "mlp:layers=2-700-700-2", "--data", "moons", "--opt", "sgd:lr=0.01,noise=0.1"],
     "at most 4000000"),
    ("a landscape with a network",
     ["--model", "mlp:layers=2-4-2", "--data", "moons", "--landscape", "quadratic", "--opt", "gd"],
     "--landscape"),
]
for name, args, word in REFUSED + [("flow with no update", ["--opt", "flow"], "flow")]:
    target = os.path.join(WORK, "refused.py")
    steps = "0" if name.endswith("no update") else "10"
    code, out, err = run("export", "--torch", *args, "--steps", steps, "-o", target)
    lines = err.strip().splitlines()
    check(f"refuses {name}: exit 2, one line naming it, no file",
          code == 2 and len(lines) == 1 and lines[0].startswith("descent: ") and word in lines[0]
          and not os.path.exists(target) and not [f for f in os.listdir(WORK) if f.startswith(".descent-")],
          f"exit {code}: {err}")

# --- a lesson's step ---------------------------------------------------------

lesson = os.path.join(ROOT, "lessons", "momentum.lua")
target = os.path.join(WORK, "lesson.py")
code, _, err = run("export", "--torch", lesson, "--step", "2", "-o", target)
check("exports a lesson's step", code == 0 and os.path.exists(target), err)
code, _, err = run("export", "--torch", lesson, "--step", "99", "-o", target + "x")
check("a lesson step out of range: exit 2", code == 2 and "steps 1 to" in err, err)
code, _, err = run("export", "--torch", os.path.join(ROOT, "lessons", "welcome.lua"), "--step", "1",
                   "-o", target + "x")
check("a lesson step without runs: exit 2, saying so", code == 2 and "has no runs" in err, err)
if PYTHON is not None and os.path.exists(target):
    done = subprocess.run([PYTHON, target], capture_output=True, text=True, timeout=600)
    rows = list(csv.reader(io.StringIO(done.stdout)))
    check("the lesson's script runs and prints trace's header",
          done.returncode == 0 and rows and rows[0] == ["run", "optimizer", "step", "x", "y", "loss"]
          and len(rows) > 2, done.stderr[-2000:])

# A lesson's network step: its model, data, init_seed and runs, its play
# as the steps (2000 updates: step 2 keeps going from step 1's none), or
# --steps; the script prints what trace prints for the same network.
lesson = os.path.join(ROOT, "lessons", "representation.lua")
code, _, err = run("export", "--torch", lesson, "--step", "2", "-o", target)
with open(target, encoding="utf-8") if code == 0 else io.StringIO("") as f:
    text = f.read()
check("exports a lesson's network step, its play as the steps",
      code == 0 and "STEPS = 2000 " in text and "SIZES = (2, 16, 16, 2)" in text, err)
code, _, err = run("export", "--torch", lesson, "--step", "2", "--steps", "40", "-o", target)
_, theirs, _ = run("trace", "--model", "mlp:layers=2-16-16-2,act=tanh", "--data", "spirals:n=200,turns=2",
                   "--init-seed", "0", "--opt", "adam:lr=0.01", "--steps", "40")
if PYTHON is None:
    skip("the lesson's network script prints trace's CSV", "no python3 with torch here")
else:
    done = subprocess.run([PYTHON, target], capture_output=True, text=True, timeout=600)
    worst, _, mismatch = compare(done.stdout, theirs)
    check("the lesson's network script prints trace's CSV",
          code == 0 and done.returncode == 0 and not mismatch and worst
          and max(worst.values()) <= TOLERANCE, mismatch or err + done.stderr[-2000:])

sys.exit(finish())
