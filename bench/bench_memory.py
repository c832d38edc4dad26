#!/usr/bin/env python3
"""bench_memory.py — descent's resident memory against the floor.

Usage: bench_memory.py DESCENT FLOOR [FRAMES [WxH]].  Runs descent
--bench-frames FRAMES (300) at WxH (1920x1080) off-screen on the rosenbrock
race, on rosenbrock with 100,000 particles and on the welcome lesson in
Chinese (the CJK face's sizes, the word breaker), and FLOOR
(bench_memory_floor: an empty window with a GL 3.3 core context on the same
driver, the same frames), and prints
each one's peak resident memory (the kernel's count at exit, so no sampling
misses a peak) and their ratio; the aim is at most 1.3.  Also prints the
floor with a 64x64 window: the context alone, without the 1920x1080 window's
colour and depth buffers that the floor holds and descent's --bench-frames
(a small window, one off-screen colour buffer of WxH) does not, so that
descent's own share can be read off: descent - (context alone + 4 bytes a
pixel).
"""
import os
import subprocess
import sys

DESCENT, FLOOR = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
FRAMES = sys.argv[3] if len(sys.argv) > 3 else "300"
SIZE = sys.argv[4] if len(sys.argv) > 4 else "1920x1080"
SCENE = ["--landscape", "rosenbrock", "--opt", "gd:lr=0.001", "--opt", "momentum:lr=0.0005",
         "--opt", "rmsprop", "--opt", "adam:lr=0.05", "--start", "-1.5,2"]
WELCOME = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lessons", "welcome.lua")
env = dict(os.environ, SDL_VIDEODRIVER=os.environ.get("SDL_VIDEODRIVER", "offscreen"),
           DBUS_SESSION_BUS_ADDRESS="disabled:")


def peak_mb(argv):
    """Runs argv; returns its peak resident memory in MB and its output."""
    p = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True)
    out = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.exit(f"bench_memory: {argv[0]} failed ({p.returncode}): {out.strip()}")
    return usage.ru_maxrss / 1024.0, out.strip()


floor, floor_out = peak_mb([FLOOR, FRAMES, SIZE])
context, _ = peak_mb([FLOOR, FRAMES, "64x64"])
descent, _ = peak_mb([DESCENT, "--bench-frames", FRAMES, "--size", SIZE, *SCENE])
particles, _ = peak_mb([DESCENT, "--bench-frames", FRAMES, "--size", SIZE, "--particles",
                        "100000", "--landscape", "rosenbrock", "--opt", "sgd:lr=0.0001"])
chinese, _ = peak_mb([DESCENT, WELCOME, "--lang", "zh", "--bench-frames", FRAMES, "--size", SIZE])
print(floor_out)
print("load average %.2f %.2f %.2f on %d CPUs" % (*os.getloadavg(), os.cpu_count()))
print(f"peak resident after {FRAMES} frames at {SIZE}: floor {floor:.1f} MB; descent "
      f"(race) {descent:.1f} MB, ratio {descent / floor:.2f}; descent (100,000 particles) "
      f"{particles:.1f} MB, ratio {particles / floor:.2f}; descent (welcome, zh) {chinese:.1f} MB, "
      f"ratio {chinese / floor:.2f} (aim: at most 1.3)")
width, height = (int(v) for v in SIZE.split("x"))
frame = 4.0 * width * height / 1048576.0
print(f"the context alone (a 64x64 window) {context:.1f} MB: the {SIZE} window's buffers "
      f"{floor - context:.1f} MB of the floor; descent's own (race, less the context and its "
      f"{frame:.1f} MB frame) {descent - context - frame:.1f} MB")
