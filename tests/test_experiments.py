#!/usr/bin/env python3
"""test_experiments.py — `descent experiment` run as a user runs it
(docs/CLI.md §8): every experiment's --quick form with a fixed seed and its
verdict, the table against the laws written here again, a verdict that
fails (exit 1, table still printed), the CSV, determinism and the progress
bar.  Bad keys are in tests/test_cli.py's BAD list.

Usage: test_experiments.py DESCENT SOURCE_ROOT.  Prints TAP.
"""
import csv
import math
import os
import re
import sys
import tempfile

from tap import check, finish, run_command, run_on_terminal

DESCENT, ROOT = sys.argv[1], sys.argv[2]
VERDICT = re.compile(r"^(\w+): (\d+)/(\d+) points within ([\d.]+) % of theory(.*)$")


def run(*args):
    return run_command([DESCENT, *args])


def verdict(out):
    lines = out.rstrip("\n").split("\n")
    return VERDICT.match(lines[-1]) if lines else None


def table(out):
    """The markdown table's rows, as lists of cells, header first."""
    return [[c.strip() for c in line.strip("|").split("|")] for line in out.splitlines()
            if line.startswith("|") and not re.fullmatch(r"[|:-]+", line)]


code, out, err = run("list", "experiments")
names = [line.split()[0] for line in out.splitlines() if line and not line.startswith(" ")]
check("list experiments: sde_variance, kramers, sharp_escape, label_noise, noise_scale, catapult, edge_of_stability, "
      "max_margin_rate, each with its law and keys",
      code == 0 and names == ["sde_variance", "kramers", "sharp_escape", "label_noise", "noise_scale",
                              "catapult", "edge_of_stability", "max_margin_rate"] and out.count("    law: ") == len(names)
      and re.search(r"^    tol\s", out, re.M), out)

# --- the laws, written again: the theory column of each quick form ---------


def sde_exact(row):   # eta a, with a = sigma = 1
    ea = float(row["eta*a"])
    return ea / (2 - ea)


def kramers_plain(row):   # double_well h = c = 1: (2 pi/4) sqrt(8/16) exp(dV/eps)
    return math.pi / (2 * math.sqrt(2)) * math.exp(float(row["dV/eps"]))


def sharp_escape_ratio(row):
    """parabolic_wells' defaults: sharp 4, flat 2, cap 4, h = 1; eta = 0.02, sigma = 5.
    Isotropic: Eyring-Kramers' prefactors 2 pi/sqrt(cap k) alone differ: sqrt(4/2).
    Hessian-shaped: eps' = eta sigma^2/(2B) = 0.25/B and tau = (2 pi/k) exp((h/eps')(s/k + (1 - s)/cap)),
    s = cap/(k + cap): 1/4 for the sharp well, 5/12 for the flat one, so the ratio is
    (4/2) exp(4B (5/12 - 1/4)) = 2 exp(2B/3)."""
    if row["noise"] == "isotropic":
        return math.sqrt(2)
    return 2 * math.exp(2 * float(row["B"]) / 3)


def label_noise_rate(row):
    """uv:y=1 from u^2 - v^2 = 0.3 on the valley, so lambda = u^2 + v^2 = sqrt(0.3^2 + 4);
    sigma = 0.5.  Label noise: eta^2 2 sigma^2/(2 - eta lambda); isotropic noise of the same size:
    eta lambda/4 of that."""
    eta, lam = float(row["eta"]), math.sqrt(0.09 + 4)
    rate = eta * eta * 2 * 0.25 / (2 - eta * lam)
    return rate if row["noise"] == "label noise" else rate * eta * lam / 4


def catapult_edge(row):   # lazy below eta = 2/lambda0, divergent above 4/lambda0
    return {"lazy/catapult": 2, "catapult/divergent": 4}[row["edge"]] / float(row["lambda0"])


LAWS = {"sde_variance": (sde_exact, "variance", 9), "kramers": (kramers_plain, "E[tau]", 5),
        "sharp_escape": (sharp_escape_ratio, "tau_flat/tau_sharp", 4),
        "label_noise": (label_noise_rate, "fall per step", 6),
        "noise_scale": (lambda row: float(row["theory"]), "|theta - w*|^2", 6),
        # the norm rows' 1/gamma is checked in tests/test_experiment.c (it needs the dataset)
        "max_margin_rate": (lambda row: float(row["theory"]) if row["law"] == "norm per ln t" else -1.0,
                            "fitted rate", 6),
        "catapult": (catapult_edge, "eta at the edge", 6),
        "edge_of_stability": (lambda row: 1.0, "lambda/edge", 8)}
workdir = tempfile.mkdtemp(prefix="descent-test-experiments-")
for name, (law, measured, points) in LAWS.items():
    path = os.path.join(workdir, name + ".csv")
    code, out, err = run("experiment", name, "--quick", "--seed", "1", "-o", path)
    v = verdict(out)
    check(f"{name} --quick: exit 0, its verdict last, every counted point within",
          code == 0 and v and v.group(1) == name and v.group(2) == v.group(3) and int(v.group(3)) >= 3
          and "FAILED" not in out, f"exit {code}\n{out}\n{err}")
    rows = list(csv.DictReader(open(path))) if os.path.exists(path) else []
    check(f"{name} --quick: the CSV has the table's {points} rows",
          len(rows) == points and len(table(out)) == points + 1, f"{len(rows)} rows\n{out}")
    check(f"{name} --quick: theory is the law, ratio measured/theory, interval around it",
          rows and all(math.isclose(float(r["theory"]), law(r), rel_tol=1e-12)
                       and math.isclose(float(r["ratio"]), float(r[measured]) / float(r["theory"]), rel_tol=1e-12)
                       and float(r["low"]) <= float(r[measured]) <= float(r["high"]) for r in rows),
          str(rows[:2]))

# noise_scale: the law's spread is one figure for every batch size (equal eta (N/B - 1)), the
# discrete step's exact figure differs with eta, and B doubles from 1 to N/2 = 32.
rows = list(csv.DictReader(open(os.path.join(workdir, "noise_scale.csv"))))
check("noise_scale: B = 1 ... 32, one law for all, the discrete figure beside it",
      [r["B"] for r in rows] == ["1", "2", "4", "8", "16", "32"]
      and len({r["theory"] for r in rows}) == 1 and len({r["discrete"] for r in rows}) == 6, str(rows))

# label_noise's claim: isotropic noise drifts at most 5 % as fast as label noise.
code, out, err = run("experiment", "label_noise", "--quick", "--seed", "1")
v = verdict(out)
check("label_noise: its verdict holds the isotropic drift below 5 % of the label-noise law",
      code == 0 and v and re.search(r"largest isotropic drift / label noise's law 0\.0[34]\d* \(below 0\.05\)",
                                    v.group(5)), out)

# sde_variance's second column is the SDE's eta sigma^2/(2a): at eta a = 1.9
# the exact variance is 19 times 1.9/2 = 0.95, twenty times the SDE's.
rows = list(csv.DictReader(open(os.path.join(workdir, "sde_variance.csv"))))
check("sde_variance: the SDE's figure beside it, off twentyfold at eta a = 1.9",
      rows and math.isclose(float(rows[-1]["sde"]), 0.95, rel_tol=1e-12)
      and 19 < float(rows[-1]["ratio_sde"]) < 21, str(rows[-1:]))
for f in os.listdir(workdir):
    os.remove(os.path.join(workdir, f))

# The README: catapult's full form finds both edges to 1e-5 (the lazy one
# lies at 2/lambda0 times 1 + 2 f0^2 + ..., f0 = 0.001).
path = os.path.join(workdir, "catapult_full.csv")
code, out, err = run("experiment", "catapult", "-o", path)
rows = list(csv.DictReader(open(path))) if code == 0 else []
check("README: catapult's full form finds both edges to 1e-5",
      len(rows) == 8 and all(abs(float(r["ratio"]) - 1) < 1e-5 for r in rows), out)
if os.path.exists(path):
    os.remove(path)

# --- a verdict that fails -------------------------------------------------

code, out, err = run("experiment", "sde_variance", "--quick", "tol=0.001")
v = verdict(out)
check("an impossible tolerance: exit 1, the table printed, the verdict says so",
      code == 1 and len(table(out)) == 10 and v and int(v.group(2)) < int(v.group(3))
      and v.group(4) == "0.001" and out.rstrip().endswith("FAILED") and err == "", f"exit {code}\n{out}\n{err}")
code, out, err = run("experiment", "kramers", "--quick", "slope_tol=0.01", "escapes=100", "to=5",
                     "points=3", "check_from=3")
v = verdict(out)
check("kramers: a slope tolerance it cannot meet fails the verdict (exit 1)",
      code == 1 and v and "NOT within 0.01 %" in v.group(5), f"exit {code}\n{out}\n{err}")

# --- files, determinism ----------------------------------------------------

code, out, err = run("experiment", "sde_variance", "--quick", "-o", os.path.join(workdir, "no", "t.csv"))
check("an unwritable -o: exit 1, one line naming it, nothing printed",
      code == 1 and err.startswith("descent: ") and err.count("\n") == 1 and "no/t.csv" in err
      and out == "", f"exit {code}, {err!r}")
check("nothing is left behind", os.listdir(workdir) == [], os.listdir(workdir))
os.rmdir(workdir)

small = ["experiment", "sde_variance", "walkers=50", "samples=5000", "tol=50"]
a, b, c = run(*small, "--seed", "3"), run(*small, "--seed", "3"), run(*small, "--seed", "4")
check("the same seed gives the same table; another seed another",
      a[0] == 0 and a[1] == b[1] and a[1] != c[1], a[1])

# --- progress: on a terminal, only when it runs longer than a second -------


def on_terminal(*args, timeout=60):
    return run_on_terminal([DESCENT, *args], timeout=timeout)


code, shown = on_terminal(*small)
check("a run shorter than a second draws no progress bar", code == 0 and shown == b"", shown[-200:])
# Some 6 s of walker steps (about 3 s on two idle cores): well past the
# second the bar waits for, on a fast machine too (ΔV/ε = 7 to 7.5 took
# under a second once the walks ran in lanes).  The limit only keeps a hung
# run from hanging the suite: under ASan on a loaded machine (load 8) the
# run passed 60 s and was killed at 100 %, its verdict still to come.
code, shown = on_terminal("experiment", "kramers", "from=8.5", "to=9", "points=2", "escapes=600",
                          "check_from=0", "slope_tol=100", timeout=280)
check("a longer run draws one on stderr, ending at 100 %",
      code == 0 and b"kramers [" in shown and b"100/100 %" in shown, shown[-200:])

# --- --plot: a PNG of the asked size that decodes -----------------------------


def decode_png(path):
    """(width, height, rows of RGBA bytes) of an 8-bit RGBA PNG, filters undone."""
    import struct
    import zlib
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    pos, idat, width = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if zlib.crc32(kind + body) != struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0]:
            return None
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            if (depth, colour) != (8, 6):
                return None
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride, rows, prev = zlib.decompress(idat), 4 * width, [], bytearray(4 * width)
    if len(raw) != height * (stride + 1):
        return None
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - 4] if x >= 4 else 0
            b, c = prev[x], prev[x - 4] if x >= 4 else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, rows


with tempfile.TemporaryDirectory() as folder:
    plot = os.path.join(folder, "catapult.png")
    code, out, err = run("experiment", "catapult", "--quick", "--plot", plot, "--size", "640x400",
                         "--lang", "zh")
    png = decode_png(plot) if os.path.exists(plot) else None
    # The catapult's two kinds of points are drawn in the theme's first two
    # run colours (src/render/theme.c's dark palette: 0xE69F00, 0x56B4E9).
    colours = {bytes(row[x:x + 3]) for row in (png[2] if png else []) for x in range(0, len(row), 4)}
    check("--plot writes a 640x400 RGBA PNG that decodes, with both kinds of points' colours, "
          "beside the table and its verdict",
          code == 0 and png is not None and png[:2] == (640, 400) and
          bytes([0xE6, 0x9F, 0x00]) in colours and bytes([0x56, 0xB4, 0xE9]) in colours and
          verdict(out) and sorted(os.listdir(folder)) == ["catapult.png"], (code, err, png and png[:2]))
    code, out, err = run("experiment", "catapult", "--quick", "--plot",
                         os.path.join(folder, "missing", "x.png"))
    check("--plot into a missing folder: exit 1, one line, nothing written",
          code == 1 and err.startswith("descent: ") and err.count("\n") == 1 and
          sorted(os.listdir(folder)) == ["catapult.png"], (code, err))
    code, out, err = run("experiment", "catapult", "--quick", "--size", "640x400")
    check("--size without --plot is bad usage (exit 2)",
          code == 2 and err.startswith("descent: ") and "--plot" in err, (code, err))

# --- the README's sample is the full form's output ---------------------------

with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
    sample = re.search(r"^\$ descent experiment sde_variance\n(.*?)^```", f.read(), re.M | re.S)
shown = [line for line in sample.group(1).splitlines() if line != "…"] if sample else []
code, out, err = run("experiment", "sde_variance")
check("README: the sde_variance sample's lines are the full form's, verdict included",
      code == 0 and len(shown) >= 4 and all(line in out.splitlines() for line in shown),
      "\n".join(line for line in shown if line not in out.splitlines()))

sys.exit(finish())
