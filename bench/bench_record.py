#!/usr/bin/env python3
"""bench_record.py — `descent record` to MP4 against ffmpeg alone.

Usage: bench_record.py [--libav BENCH_LIBAV] DESCENT [FRAMES [WxH...]].  Records the rosenbrock race
(gd lr=0.001, momentum lr=0.0005, rmsprop, adam lr=0.05 from -1.5,2) at each
size (1280x720 and 1920x1080 by default), 300 frames by default, to MP4 with
descent; then encodes the very same raw frames from a file with ffmpeg alone,
using exactly the arguments descent gave its ffmpeg (a stand-in ffmpeg on PATH
captures both the frames and the arguments).  Prints both wall times, their
ratio (the aim is at most 1.2) and the machine's load, since other work on the
machine skews both.  With --libav, the same frames are also encoded in one
process through libavcodec (bench_libav.c, built when Debian's libav*-dev
packages are there), as descent would if it linked the library instead of
piping to ffmpeg.
"""
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

argv = sys.argv[1:]
LIBAV = None
if argv[:1] == ["--libav"]:
    LIBAV, argv = os.path.abspath(argv[1]), argv[2:]
DESCENT = os.path.abspath(argv[0])
FRAMES = int(argv[1]) if len(argv) > 1 else 300
SIZES = [tuple(int(v) for v in size.split("x")) for size in argv[2:]] or [(1280, 720),
                                                                          (1920, 1080)]
RACE = ["--landscape", "rosenbrock", "--opt", "gd:lr=0.001", "--opt", "momentum:lr=0.0005",
        "--opt", "rmsprop", "--opt", "adam:lr=0.05", "--start", "-1.5,2"]
env = dict(os.environ, SDL_VIDEODRIVER=os.environ.get("SDL_VIDEODRIVER", "offscreen"),
           DBUS_SESSION_BUS_ADDRESS="disabled:")
work = tempfile.mkdtemp(prefix="bench_record.")
ffmpeg = shutil.which("ffmpeg")
if not ffmpeg:
    sys.exit("bench_record: ffmpeg not found on PATH")


def load():
    return "load average %.2f %.2f %.2f on %d CPUs" % (*os.getloadavg(), os.cpu_count())


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def record(out, width, height, extra_env=None):
    start = time.monotonic()
    p = subprocess.run([DESCENT, "record", *RACE, "-o", out, "--size", f"{width}x{height}",
                        "--frames", str(FRAMES)], env=dict(env, **(extra_env or {})),
                       stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.exit(f"bench_record: descent record failed: {p.stderr.strip()}")
    return time.monotonic() - start


def bench(width, height):
    """Prints descent's time and ffmpeg's alone at one size; returns the wall ratio."""
    # The stand-in: keeps the raw frames and the argument list, one per line.
    raw, args_file = os.path.join(work, "frames.rgba"), os.path.join(work, "args")
    stand_in = os.path.join(work, "bin")
    os.makedirs(stand_in, exist_ok=True)
    with open(os.path.join(stand_in, "ffmpeg"), "w") as f:
        f.write("#!/bin/sh\n"
                f'printf "%s\\n" "$@" > "{args_file}"\n'
                f'cat > "{raw}"\n'
                'for last; do :; done\necho stand-in > "$last"\n')
    os.chmod(os.path.join(stand_in, "ffmpeg"), 0o755)
    record(os.path.join(work, "capture.mp4"), width, height, {"PATH": stand_in + ":" + env["PATH"]})
    if os.path.getsize(raw) != FRAMES * width * height * 4:
        sys.exit("bench_record: the captured frames have the wrong size")
    args = open(args_file).read().split("\n")[:-1]
    # Same arguments, but frames from the file and another output name.
    args[args.index("-") - 1:args.index("-") + 1] = ["-i", raw]
    args[-1] = os.path.join(work, "ffmpeg_alone.mp4")

    print(f"{FRAMES} frames at {width}x{height} to MP4 (ffmpeg {' '.join(args)})")
    print("before:", load())
    cpu = children_cpu()
    descent_s = record(os.path.join(work, "descent.mp4"), width, height)
    descent_cpu, cpu = children_cpu() - cpu, children_cpu()
    start = time.monotonic()
    subprocess.run([ffmpeg, *args], check=True)
    ffmpeg_s = time.monotonic() - start
    ffmpeg_cpu = children_cpu() - cpu
    if LIBAV:
        fps = args[args.index("-r") + 1]
        out = subprocess.run([LIBAV, raw, f"{width}x{height}", fps,
                              os.path.join(work, "libav.mp4")],
                             check=True, capture_output=True, text=True).stdout.split()
        libav_cpu, libav_s = float(out[0]), float(out[1])
    print("after: ", load())
    os.unlink(raw)
    # CPU seconds (user + system, children included) show where the time
    # goes when the cores are busy: descent's share is rendering on Mesa's
    # software rasteriser plus the readback and the pipe.
    print(f"descent record: {descent_s:.2f} s wall ({FRAMES / descent_s:.1f} frames/s), "
          f"{descent_cpu:.2f} CPU s with its ffmpeg")
    print(f"ffmpeg alone:   {ffmpeg_s:.2f} s wall ({FRAMES / ffmpeg_s:.1f} frames/s), "
          f"{ffmpeg_cpu:.2f} CPU s")
    print(f"ratio:          {descent_s / ffmpeg_s:.2f} wall (aim: at most 1.2), "
          f"{descent_cpu / ffmpeg_cpu:.2f} CPU")
    if LIBAV:
        # No pipe, no read: what linking libavcodec would save descent's
        # encoder, against ffmpeg alone reading the frames from a file.
        print(f"libav in-process: {libav_s:.2f} s wall, {libav_cpu:.2f} CPU s "
              f"({libav_cpu / ffmpeg_cpu:.2f} of ffmpeg alone's CPU)")
    return descent_s / ffmpeg_s


try:
    ratios = [bench(width, height) for width, height in SIZES]
    print("ratios:", ", ".join(f"{w}x{h} {r:.2f}" for (w, h), r in zip(SIZES, ratios)))
finally:
    shutil.rmtree(work, ignore_errors=True)
