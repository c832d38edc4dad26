#!/usr/bin/env python3
"""test_sweep.py — sweeps and shared command lines, as a user runs them.

Usage: test_sweep.py DESCENT SOURCE_ROOT.  Prints TAP.

A sweep's runs must be `descent trace` of each value on its own, bit for bit
(the rows compared as text, which %.17g makes exact); bad sweeps are one-line
usage errors naming the bad part; the values are log- or evenly spaced as
computed here independently.  A command line printed by --print-command
(what the window's 's' copies) must rebuild the same stage: traced, it gives
the same rows as the options it came from, and printed again it is the same
line.  A lesson step's sweep is checked by `descent check` (FILE:LINE errors)
and records.
"""
import csv
import io
import math
import os
import shlex
import sys
import tempfile

from tap import check, finish, run_command

DESCENT, ROOT = sys.argv[1], sys.argv[2]


def run(*args, timeout=60):
    return run_command([DESCENT, *args], env=dict(os.environ, DESCENT_DATA_DIR=ROOT),
                       timeout=timeout)


def trace(*args, steps=300):
    code, out, err = run("trace", *args, "--steps", str(steps))
    return code, list(csv.reader(io.StringIO(out))) if code == 0 else [], err


# --- a sweep's runs are the single runs --------------------------------------

SWEEPS = [
    (["--landscape", "rosenbrock", "--opt", "gd"], "lr=0.0002:0.002:5", [0.0002, 0.002], 5, False),
    (["--landscape", "quadratic:l1=1,l2=20", "--opt", "momentum:momentum=0.8,x0=-4,y0=2"],
     "lr=0.01:0.09:4:lin", [0.01, 0.09], 4, True),
    (["--landscape", "himmelblau", "--opt", "adam:lr=0.05", "--start", "0,0"],
     "beta1=0.5:0.95:3:lin", [0.5, 0.95], 3, True),
    (["--landscape", "quadratic", "--opt", "sgd:lr=0.01,noise=0.5", "--seed", "11"],
     "lr=0.001:0.1:3", [0.001, 0.1], 3, False),
]
for base, sweep, (a, b), n, linear in SWEEPS:
    name = f"sweep {' '.join(base[1::2][:2])} {sweep}"
    code, rows, err = trace(*base, "--sweep", sweep)
    if code != 0:
        check(name + ": trace exits 0", False, err)
        continue
    header, body = rows[0], rows[1:]
    specs = []
    for r in body:
        if r[1] not in specs:
            specs.append(r[1])
    param = sweep.split("=")[0]
    values = [float(dict(kv.split("=") for kv in s.split(":", 1)[1].split(","))[param]) for s in specs]
    want = [a + (b - a) * k / (n - 1) if linear else
            math.exp(math.log(a) + (math.log(b) - math.log(a)) * k / (n - 1)) for k in range(n)]
    check(name + ": N runs with the values from A to B",
          len(specs) == n and all(math.isclose(v, w, rel_tol=1e-12) for v, w in zip(values, want))
          and values[0] == a and values[-1] == b, f"{specs} vs {want}")
    other_keys_kept = all(s.split(":")[0] == base[3].split(":")[0] for s in specs)
    check(name + ": each spec keeps the optimizer and its other keys", other_keys_kept and all(
        kv in s for s in specs for kv in (base[3].split(":", 1)[1].split(",") if ":" in base[3] else [])
        if not kv.startswith(param + "=")), str(specs))
    mismatch = ""
    for i, spec in enumerate(specs):
        single_base = [x for x in base]
        single_base[3] = spec
        code, single, err = trace(*single_base)
        mine = [r[2:] for r in body if r[0] == str(i)]
        if code != 0 or [r[2:] for r in single[1:]] != mine or not mine:
            mismatch = f"run {i} ({spec}): {err or 'rows differ'}"
            break
    check(name + ": each run equals `descent trace --opt` of its value, bit for bit",
          not mismatch, mismatch)

# --- bad sweeps ---------------------------------------------------------------

BAD = [
    (["--opt", "gd", "--sweep", "lr=0.1:0.2"], "lr=0.1:0.2"),
    (["--opt", "gd", "--sweep", "lrx=0.1:0.2:3"], "'lrx'"),
    (["--opt", "gd", "--sweep", "nesterov=0:1:3"], "'nesterov'"),
    (["--opt", "gd", "--sweep", "lr=-1:0.2:3"], "A = -1"),
    (["--opt", "gd", "--sweep", "lr=0.1:2e9:3"], "B = 2e9"),
    (["--opt", "gd", "--sweep", "lr=0.1:nan:3"], "B 'nan'"),
    (["--opt", "gd", "--sweep", "lr=0:0.1:3"], "log spacing"),
    (["--opt", "gd", "--sweep", "lr=0.1:0.2:1"], "N '1'"),
    (["--opt", "gd", "--sweep", "lr=0.1:0.2:17"], "N '17'"),
    (["--opt", "gd", "--sweep", "lr=0.1:0.2:2.5"], "N '2.5'"),
    (["--opt", "gd", "--sweep", "lr=0.1:0.2:3:cubic"], "'cubic'"),
    (["--opt", "gd", "--opt", "adam", "--sweep", "lr=0.1:0.2:3"], "not 2"),
    (["--sweep", "lr=0.1:0.2:3"], "--opt"),
    (["--opt", "nope", "--sweep", "lr=0.1:0.2:3"], "'nope'"),
]
for args, part in BAD:
    for cmd in (["trace", *args, "--steps", "1"], ["record", *args, "-o", "/nonexistent/x.png"],
                [*args, "--print-command"]):
        code, out, err = run(*cmd)
        check(f"{' '.join(cmd[:1])} bad sweep {' '.join(args)}: exit 2, one line naming {part}",
              code == 2 and err.startswith("descent: ") and err.count("\n") == 1 and part in err
              and out == "", f"exit {code}: {err!r}")

# --- shared command lines -------------------------------------------------------

SCENES = [
    ["--landscape", "rosenbrock", "--opt", "gd", "--sweep", "lr=0.0002:0.002:5"],
    ["--landscape", "expr:x^2+3*y^2 - 0.5*x*y", "--opt", "adam:lr=0.05,x0=1,y0=2",
     "--opt", "sgd:noise=0.5,lr=0.02", "--seed", "7", "--start", "-2.5,1.25"],
    ["--landscape", "quadratic:l1=1,l2=50,angle=30", "--opt", "momentum", "--opt", "nesterov:lr=0.005",
     "--view", "-3,3,-2,2.5", "--theme", "light", "--projector"],
    ["--landscape", "sharp_flat", "--opt", "sgd:lr=0.01,noise=1.5", "--particles", "20", "--seed", "3"],
    ["--landscape", "himmelblau", "--opt", "rmsprop:lr=0.01,x0=0.1,y0=-0.2", "--opt",
     "adagrad:lr=0.3", "--sweep", "lr=0.1:0.3:3"],
]
for args in SCENES[:4]:
    name = "shared line of " + " ".join(args[:4])
    code, line, err = run(*args, "--print-command")
    if code != 0:
        check(name + ": printed", False, err)
        continue
    line = line.rstrip("\n")
    words = shlex.split(line)
    check(name + ": one line starting 'descent --landscape'",
          "\n" not in line and words[:2] == ["descent", "--landscape"], line)
    code, again, err = run(*words[1:], "--print-command")
    check(name + ": printed again from itself, the same line", code == 0 and again.rstrip("\n") == line,
          f"{line}\n{again}")
    code, mine, err1 = trace(*args)
    code2, theirs, err2 = trace(*words[1:])
    same = code == 0 and code2 == 0 and [r[:1] + r[2:] for r in mine] == [r[:1] + r[2:] for r in theirs]
    check(name + ": traces the same runs, bit for bit", same and len(mine) > 1, err1 + err2)

code, out, err = run(*SCENES[4], "--print-command")
check("a sweep needs exactly one run, in --print-command too", code == 2 and "not 2" in err, err)
code, out, err = run("--landscape", "quadratic", "--opt", "gd:lr=0.01,x0=1,y0=1", "--start", "1,1",
                     "--print-command")
check("a run's x0/y0 equal to the start is not repeated", code == 0 and "x0" not in out, out)
code, out, err = run("--landscape", "expr:x^2+y^2", "--opt", "gd", "--print-command")
check("an expression with spaces-free shell specials is single-quoted",
      code == 0 and "'expr:x^2+y^2'" in out, out)

# --- a lesson step's sweep ---------------------------------------------------------

folder = tempfile.mkdtemp(prefix="test_sweep.")
HEAD = 'lesson { title = "sweep", landscape = "quadratic:l1=1,l2=20", start = { -4, 1 } }\n'
LESSONS = [
    ('step { runs = "gd", sweep = "lr=0.01:0.09:5", play = 10 }\nstep { play = 5 }\n'
     'step { runs = { "gd", "adam" } }\n', None),
    ('step { runs = { "gd", "adam" }, sweep = "lr=0.01:0.09:5" }\n', ":2: sweep lr=0.01:0.09:5 applies to exactly one run"),
    ('step { runs = "gd", sweep = "beta1=0.1:0.9:3" }\n', ":2: sweep beta1=0.1:0.9:3: optimizer 'gd' has no parameter 'beta1'"),
    ('step { runs = "gd" }\nstep { sweep = "lr=0.01:0.09:3", keep = true }\n', ":3: keep = true"),
    ('step { runs = "gd", sweep = 5 }\n', ":2: sweep must be"),
    ('step { runs = "adam" }\nstep { sweep = "beta1=0.5:0.99:3:lin" }\n', None),
]
for k, (steps, error) in enumerate(LESSONS):
    path = os.path.join(folder, f"l{k}.lua")
    with open(path, "w") as f:
        f.write(HEAD + steps)
    code, out, err = run("check", path)
    if error is None:
        check(f"lesson sweep {k}: descent check accepts it", code == 0 and "ok" in out, err)
    else:
        check(f"lesson sweep {k}: FILE:LINE error '{error}'", code == 2 and (path + error) in err, err)
png = os.path.join(folder, "l0.png")
code, out, err = run("record", os.path.join(folder, "l0.lua"), "--frames", "3", "--size", "320x180",
                     "-o", png, timeout=120)
check("a lesson with a sweep records", code == 0 and os.path.getsize(png) > 0, err)

sys.exit(finish())
