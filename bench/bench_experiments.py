#!/usr/bin/env python3
"""bench_experiments.py — every experiment's full form, timed.

Usage: bench_experiments.py DESCENT [NAME...].  Runs `descent experiment NAME
--seed 0` for each experiment `descent list experiments` names (or those
given), prints its table and verdict, its wall time (the aim: at most 60 s on
2 cores) and the machine's load, since other work on the machine skews the
times.  Exits 1 when a verdict fails or a run takes longer than 60 s.
"""
import os
import subprocess
import sys
import time

DESCENT = os.path.abspath(sys.argv[1])
AIM_SECONDS = 60.0

listed = subprocess.run([DESCENT, "list", "experiments"], capture_output=True, text=True, check=True)
names = sys.argv[2:] or [line.split()[0] for line in listed.stdout.splitlines()
                         if line and not line.startswith(" ")]
status = 0
for name in names:
    started = time.monotonic()
    run = subprocess.run([DESCENT, "experiment", name, "--seed", "0"], capture_output=True, text=True)
    seconds = time.monotonic() - started
    print(run.stdout, end="")
    print(run.stderr, end="", file=sys.stderr)
    print(f"{name}: {seconds:.1f} s on {os.cpu_count()} cores (load {os.getloadavg()[0]:.1f}), "
          f"exit {run.returncode}\n")
    if run.returncode != 0 or seconds > AIM_SECONDS:
        status = 1
sys.exit(status)
