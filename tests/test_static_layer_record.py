#!/usr/bin/env python3
"""test_static_layer_record.py — a recording is the same with the static layer
(render.h) as without it (DESCENT_STATIC_LAYER=off), byte for byte.

Usage: test_static_layer_record.py DESCENT LESSONS_DIR FIXTURES_DIR.  Prints
TAP.  Runs off-screen.  A stand-in ffmpeg on PATH keeps the raw frames descent
sends it, so every pixel of every frame is compared, not a lossy video.  The
lessons change the view between steps: static_views (a fixture) moves it
keeping its shape, so only the landscape in the map changes, and sharp_flat
looks close at the sharp valley in step 5 and wide again in step 6.  A layer
kept across a view change shows the old landscape; the layer's report must
show it was used.
"""
import os
import re
import shutil
import sys
import tempfile

from tap import check, finish, run_command

DESCENT = os.path.abspath(sys.argv[1])
LESSONS = os.path.abspath(sys.argv[2])
FIXTURES = os.path.abspath(sys.argv[3])
work = tempfile.mkdtemp(prefix="test_static_layer_record.")
stand_in = os.path.join(work, "bin")
os.makedirs(stand_in)
with open(os.path.join(stand_in, "ffmpeg"), "w") as f:
    f.write('#!/bin/sh\ncat > "$RAW_OUT"\nfor last; do :; done\necho stand-in > "$last"\n')
os.chmod(os.path.join(stand_in, "ffmpeg"), 0o755)


def record(args, setting):
    """The raw frames of a recording with DESCENT_STATIC_LAYER=setting, and stderr."""
    raw = os.path.join(work, setting + ".rgba")
    env = dict(os.environ, PATH=stand_in + ":" + os.environ["PATH"], RAW_OUT=raw,
               DESCENT_STATIC_LAYER=setting)
    code, _, err = run_command([DESCENT, "record", *args, "-o", os.path.join(work, "x.mp4")],
                               env=env, timeout=600)
    with open(raw, "rb") as f:
        return code, f.read(), err


try:
    for name, args in [
            ("views of one shape", [os.path.join(FIXTURES, "static_views.lua"), "--size",
                                    "320x180", "--fps", "10", "--hold", "0.5"]),
            ("sharp_flat lesson", [os.path.join(LESSONS, "sharp_flat.lua"), "--size", "320x180",
                                   "--fps", "5", "--hold", "0.2"]),
            ("3D race", ["--landscape", "himmelblau", "--opt", "gd:lr=0.01", "--opt", "adam:lr=0.1",
                         "--3d", "--size", "320x180", "--frames", "30"]),
            ("light theme, projector", ["--landscape", "rosenbrock", "--opt", "momentum:lr=0.001",
                                        "--theme", "light", "--projector", "--size", "320x240",
                                        "--frames", "20"])]:
        code_on, on, err = record(args, "report")
        code_off, off, _ = record(args, "off")
        used = re.search(r"static layer: (\d+) frames, (\d+) over its copy", err)
        check(f"{name}: recorded both ways", code_on == 0 and code_off == 0 and len(on) > 0, err)
        check(f"{name}: the layer was used", used and int(used.group(2)) > int(used.group(1)) // 2,
              err)
        same = on == off
        first = None if same else next(
            (k for k in range(min(len(on), len(off))) if on[k] != off[k]), min(len(on), len(off)))
        check(f"{name}: the same bytes with the layer and without ({len(on)} bytes)", same,
              f"first difference at byte {first}")
finally:
    shutil.rmtree(work, ignore_errors=True)
sys.exit(finish())
