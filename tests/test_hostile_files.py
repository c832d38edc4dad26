#!/usr/bin/env python3
"""test_hostile_files.py — files and arguments chosen to break descent
(issue 13): FIFOs, devices, huge lines and byte-order marks as data; planted
symlinks, concurrent and interrupted recordings; control characters, broken
UTF-8 and huge arguments in messages; numbers at the edges of their ranges.

Usage: test_hostile_files.py DESCENT SOURCE_ROOT.  Prints TAP.

A case that could hang runs with a timeout far above the time it needs
(60 s against well under one), so a "still running" result means a hang,
never a slow machine.
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from tap import check, finish, run_command, run_on_terminal, skip

DESCENT = os.path.abspath(sys.argv[1])
SOURCE = os.path.abspath(sys.argv[2])
SMALL = ["--size", "160x100"]
# An X server of its own for a test that needs X (see its header).
WITH_XVFB = os.path.join(os.path.dirname(os.path.abspath(__file__)), "with_xvfb.sh")
HANG = 60  # seconds: far above any case's real time


def env(**changes):
    e = dict(os.environ, SDL_VIDEODRIVER="offscreen", DBUS_SESSION_BUS_ADDRESS="disabled:",
             DESCENT_DATA_DIR=SOURCE)
    e.update(changes)
    return e


def descent(*args, timeout=HANG, environment=None):
    return run_command([DESCENT, *args], env=environment or env(), timeout=timeout)


def refused(name, args, needle, status=2, prefix="descent: "):
    """One line starting with prefix and holding needle, exit status, no hang."""
    code, _, err = descent(*args)
    problems = []
    if code == "timeout":
        problems.append(f"still running after {HANG} s")
    elif code != status:
        problems.append(f"exit status {code}, expected {status}")
    if not (err.startswith(prefix) and err.count("\n") == 1):
        problems.append(f"stderr is not one line starting {prefix!r}")
    if needle not in err:
        problems.append(f"no {needle!r} in the message")
    check(name, not problems, "; ".join(problems) + " — stderr: " + err[:600])
    return err


def data_cases(work):
    """FIFOs, devices, folders and oversized files as data= (issue 13, 3-4)."""
    fifo = os.path.join(work, "fifo.csv")
    os.mkfifo(fifo)
    zero = os.path.join(work, "zero.csv")
    os.symlink("/dev/zero", zero)
    for what, path, needle in (("a FIFO", fifo, "it is a FIFO"),
                               ("a symlink to /dev/zero", zero, "it is a device"),
                               ("a folder", work, "it is a folder")):
        refused(f"eval: {what} as data is refused at once", ["eval", "--landscape",
                f"linreg:data={path}", "--at", "0,0"], needle)
        refused(f"trace: {what} as data is refused at once", ["trace", "--landscape",
                f"logreg:data={path}", "--opt", "gd", "--steps", "2"], needle)
        refused(f"record: {what} as data is refused at once",
                ["record", *SMALL, "--landscape", f"linreg:data={path}", "-o",
                 os.path.join(work, "never.png")], needle)
    lesson_dir = os.path.join(work, "lesson")
    os.mkdir(lesson_dir)
    os.mkfifo(os.path.join(lesson_dir, "pipe.csv"))
    lesson = os.path.join(lesson_dir, "pipe.lua")
    with open(lesson, "w") as f:
        f.write('lesson { title = "t", landscape = "linreg:data=pipe.csv" }\n'
                'step { runs = { "gd" } }\n')
    # The lesson loader refuses it first, naming the file and what it is not.
    refused("check: a FIFO beside a lesson as its data= is refused at once", ["check", lesson],
            "data=pipe.csv: not a regular file", prefix=lesson + ":")
    refused("record: a FIFO beside a lesson as its data= is refused at once",
            ["record", *SMALL, lesson, "-o", os.path.join(work, "never.png")],
            "data=pipe.csv: not a regular file")

    long_line = os.path.join(work, "long.csv")
    with open(long_line, "w") as f:
        f.write("x1,x2,y\n" + "1" * 10_000_000)
    refused("a 10 MB line: an error naming the line limit",
            ["eval", "--landscape", f"linreg:data={long_line}", "--at", "0,0"],
            "line longer than 1024 bytes")
    huge = os.path.join(work, "huge.csv")
    with open(huge, "w") as f:
        f.truncate(1 << 30)
    refused("a 1 GB file: an error naming the size limit",
            ["eval", "--landscape", f"linreg:data={huge}", "--at", "0,0"],
            "larger than 16777216 bytes")
    bom = os.path.join(work, "bom.csv")
    with open(bom, "wb") as f:
        f.write(b"\xef\xbb\xbfx1,x2,y\r\n1,2,3\r\n")
    code, out, err = descent("eval", "--landscape", f"linreg:data={bom}", "--at", "0,0")
    check("a CSV with a UTF-8 byte-order mark is read", code == 0 and '"loss": 4.5' in out,
          f"exit {code}: {out} {err}")


def message_cases(work):
    """Messages stay one line of valid UTF-8 whatever they quote."""
    strange = os.path.join(work, "new\nline\x1b[31mred.lua")
    err = refused("a path with a newline and an escape sequence is printed escaped",
                  ["check", strange], "new\\nline\\x1b[31mred.lua", prefix="")
    check("... with no raw control character", not any(c < " " for c in err.rstrip("\n")),
          repr(err))
    csi = os.path.join(work, "c1\u009b31mred.lua")
    refused("a C1 control (U+009B, the 8-bit CSI) in a path is printed escaped",
            ["check", csi], "c1\\xc2\\x9b31mred.lua", prefix="")
    printed_cases(work)
    for spec in ("expr:x²", "expr:x+é"):
        p = subprocess.run([DESCENT, "eval", "--landscape", spec, "--at", "1,2"], env=env(),
                           capture_output=True, timeout=HANG)
        try:
            text = p.stderr.decode("utf-8")
            valid = True
        except UnicodeDecodeError:
            text, valid = repr(p.stderr), False
        check(f"eval {spec}: the error is valid UTF-8 and names the character",
              p.returncode == 2 and valid and f"unexpected '{spec[-1]}'" in text, text)
    deep = os.path.join(work, *(["d" * 200] * 20), "lesson.lua")
    refused("a 4 KB lesson path keeps the reason of its error",
            ["check", deep], "cannot read the lesson: No such file or directory", prefix=work)
    big = "1" * 120_000
    err = refused("a 120 KB argument is not echoed whole", ["--view", big], "expected XMIN")
    check("... the message is shortened with an ellipsis", len(err) < 1100 and "…" in err,
          f"{len(err)} bytes")


def raw_controls(text):
    """The C0 and C1 control characters and DEL in text, newline excepted."""
    return [c for c in text if c != "\n" and (c < " " or "\x7f" <= c <= "\x9f")]


def printed_cases(work):
    """What descent prints when all goes well is escaped as its messages
    are: a lesson's path and title, a recording's name on its progress bar
    (a downloaded file's name drove the terminal through check's "ok"
    line and list lessons)."""
    name = "ok\nnew\x1b[31m\u009b2J.lua"
    lesson = os.path.join(work, name)
    with open(lesson, "w", encoding="utf-8") as f:
        f.write('lesson { title = "t\\27[2J\\u{9b}2J", landscape = "quadratic" }\n'
                'step { caption = "x" }\n')
    code, out, err = descent("check", lesson)
    escaped = "ok\\nnew\\x1b[31m\\xc2\\x9b2J.lua"
    check("check: a good lesson's path is printed escaped on its ok line",
          code == 0 and out == os.path.join(work, escaped) + ": ok, 1 step\n"
          and not raw_controls(out), f"exit {code}: {out!r} {err!r}")

    data = os.path.join(work, "data")
    os.makedirs(os.path.join(data, "lessons"))
    os.symlink(os.path.join(SOURCE, "shaders"), os.path.join(data, "shaders"))
    shutil.copy(lesson, os.path.join(data, "lessons", name))
    code, out, err = descent("list", "lessons", environment=env(DESCENT_DATA_DIR=data))
    check("list lessons: a lesson's file name and title are printed escaped",
          code == 0 and out.count("\n") == 1 and escaped[:-4] in out
          and "t\\x1b[2J\\xc2\\x9b2J" in out and not raw_controls(out),
          f"exit {code}: {out!r} {err!r}")

    output = os.path.join(work, "rec\x1b[2J\u009b2J.png")
    code, shown = run_on_terminal([DESCENT, "record", *SMALL, "--frames", "3", "-o", output],
                                  env=env())
    shown = shown.decode("utf-8", "replace").replace("\x1b[K", "")
    check("record: the output's name on the progress bar is printed escaped",
          code == 0 and "rec\\x1b[2J\\xc2\\x9b2J.png" in shown and not raw_controls(shown.replace("\r", "")),
          f"exit {code}: {shown!r}")


def number_cases(work):
    """Numbers at the edges of their ranges."""
    code, out, err = descent("trace", "--start", "1e-310,-4.9e-324", "--opt", "gd", "--steps", "1")
    check("--start with subnormal numbers is accepted (they are finite)",
          code == 0 and out.splitlines()[1] == "0,gd,0,9.9999999999999694e-311,-4.9406564584124654e-324,1", err or out)
    code, out, err = descent("trace", "--opt", "gd", "--sweep", "lr=1e-310:1e-300:2", "--steps",
                             "1")
    check("--sweep from a subnormal learning rate is accepted", code == 0, err)
    refused("--seed 2^53 + 1 is refused (2^53 is the maximum)",
            ["trace", "--opt", "sgd", "--seed", "9007199254740993", "--steps", "1"], "2^53")
    code, _, err = descent("trace", "--opt", "sgd", "--seed", "9007199254740992", "--steps", "1")
    check("--seed 2^53 is accepted", code == 0, err)
    refused("a spec's seed=2^53 + 1 is refused, not read as 2^53",
            ["trace", "--opt", "sgd:noise=1,seed=9007199254740993", "--steps", "1"], "seed")
    code, _, err = descent("trace", "--opt", "sgd:noise=1,seed=9007199254740992", "--steps", "1")
    check("a spec's seed=2^53 is accepted", code == 0, err)
    lesson = os.path.join(work, "seed.lua")
    with open(lesson, "w") as f:
        f.write('lesson { title = "s", model = "mlp:layers=2-4-2", data = "moons:n=20",\n'
                '  init_seed = 9007199254740993 }\nstep { runs = "gd" }\n')
    refused("a lesson's init_seed = 2^53 + 1 is refused with FILE:LINE",
            ["check", lesson], "seed.lua:1: init_seed must be a whole number from 0 to 2^53",
            prefix="")
    fake = os.path.join(work, "bin")
    os.mkdir(fake)
    started = os.path.join(work, "ffmpeg-started")
    with open(os.path.join(fake, "ffmpeg"), "w") as f:
        f.write(f"#!/bin/sh\ntouch '{started}'\ncat >/dev/null\n")
    os.chmod(os.path.join(fake, "ffmpeg"), 0o755)
    code, _, err = descent("record", *SMALL, "--seconds", "1e-300", "-o",
                           os.path.join(work, "short.mp4"),
                           environment=env(PATH=fake + ":" + os.environ["PATH"]))
    check("--seconds 1e-300 (less than a frame) is a usage error before ffmpeg starts",
          code == 2 and "shorter than one frame" in err and not os.path.exists(started),
          f"exit {code}, ffmpeg started: {os.path.exists(started)}, stderr: {err}")


def decodes(path):
    """True when ffmpeg decodes path (a PNG) without a word of complaint."""
    p = subprocess.run(["ffmpeg", "-v", "error", "-i", path, "-f", "null", "-"],
                       capture_output=True, timeout=HANG)
    return p.returncode == 0 and not p.stderr


def hidden(folder):
    return sorted(n for n in os.listdir(folder) if n.startswith("."))


def wait_for(condition, timeout=HANG):
    end = time.time() + timeout
    while time.time() < end:
        if condition():
            return True
        time.sleep(0.05)
    return False


def temp_file_cases(work):
    """Hidden files: unique, never following a planted symlink, never
    costing an earlier sequence its frames, swept once their process is
    dead (issue 13, 6-8 and 10)."""
    out = os.path.join(work, "race")
    os.mkdir(out)
    png = os.path.join(out, "same.png")
    good = 0
    for _ in range(3):
        procs = [subprocess.Popen([DESCENT, "record", "--size", "960x600", "-o", png], env=env(),
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                 for _ in range(4)]
        codes = [p.wait(timeout=HANG) for p in procs]
        good += all(c == 0 for c in codes) and decodes(png) and hidden(out) == []
    check("four records to the same PNG at once, three times: all exit 0, the PNG decodes",
          good == 3, f"{good} of 3 rounds good; left {os.listdir(out)}")

    traps = os.path.join(work, "traps")
    os.mkdir(traps)
    target = os.path.join(work, "precious.txt")
    with open(target, "w") as f:
        f.write("precious\n")
    victim = os.path.join(traps, "victim.png")
    os.symlink(target, victim + ".part")
    with open("/proc/sys/kernel/ns_last_pid") as f:
        last = int(f.read())
    for pid in range(last + 1, last + 200):
        for name in (f".victim.mp4.part-{pid}", f".victim.png.part-{pid}"):
            os.symlink(target, os.path.join(traps, name))
    code_png, _, err_png = descent("record", *SMALL, "-o", victim)
    code_mp4, _, err_mp4 = descent("record", *SMALL, "--frames", "3", "-o",
                                   os.path.join(traps, "victim.mp4"))
    with open(target, "rb") as f:
        intact = f.read() == b"precious\n"
    check("symlinks planted under old and PID-predictable hidden names are never followed",
          code_png == 0 and code_mp4 == 0 and intact and not os.path.islink(victim)
          and os.path.isfile(os.path.join(traps, "victim.mp4")),
          f"exits {code_png} {code_mp4}, target intact {intact}, victim.png a symlink "
          f"{os.path.islink(victim)}: {err_png} {err_mp4}")

    seq = os.path.join(work, "seq")
    os.mkdir(seq)
    pattern = os.path.join(seq, "f_%03d.png")
    code, _, err = descent("record", *SMALL, "--frames", "41", "-o", pattern)
    before = {}
    for name in sorted(os.listdir(seq)):
        with open(os.path.join(seq, name), "rb") as f:
            before[name] = f.read()
    second = subprocess.Popen([DESCENT, "record", *SMALL, "--frames", "2000", "--landscape",
                               "himmelblau", "-o", pattern], env=env(),
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def frames_written():
        return any(os.path.isdir(os.path.join(seq, d)) and len(os.listdir(os.path.join(seq, d)))
                   > 50 for d in hidden(seq))
    started = wait_for(frames_written)
    second.send_signal(signal.SIGTERM)
    second.wait(timeout=HANG)
    after = {}
    for name in sorted(os.listdir(seq)):
        with open(os.path.join(seq, name), "rb") as f:
            after[name] = f.read()
    check("an interrupted re-record leaves the earlier sequence exactly as it was",
          code == 0 and len(before) == 41 and started and after == before,
          f"first exit {code} ({err.strip()}), {len(before)} frames; second wrote 50 frames: "
          f"{started}; changed or new: {sorted(k for k in after if after[k] != before.get(k))}, "
          f"gone: {sorted(set(before) - set(after))}")

    killed = os.path.join(work, "killed")
    os.mkdir(killed)
    for output in ("k.mp4", "f_%04d.png", "k.gif"):
        # Its own process group, so the kill takes its ffmpeg too: an
        # orphaned ffmpeg would go on writing its hidden file while the
        # next record sweeps the folder (a race, not what is tested here).
        victim = subprocess.Popen([DESCENT, "record", *SMALL, "--frames", "3000", "-o",
                                   os.path.join(killed, output)], env=env(),
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  start_new_session=True)
        wait_for(lambda: hidden(killed))
        time.sleep(0.5)
        os.killpg(victim.pid, signal.SIGKILL)
        victim.wait()
    left = hidden(killed)
    code, _, err = descent("record", *SMALL, "-o", os.path.join(killed, "next.png"))
    check("hidden files left by SIGKILL are removed by the next record into the folder",
          left and code == 0 and hidden(killed) == [],
          f"left by the killed runs: {left}; after the next run: {hidden(killed)} {err}")


def memory_cases():
    """Out of memory is an error, never a run status (issue 13, 9)."""
    if "ASAN_OPTIONS" in os.environ:
        # AddressSanitizer reserves terabytes of shadow memory at start-up:
        # under ulimit -v the program cannot even begin.
        skip("trace out of memory (ulimit -v)", "AddressSanitizer cannot run under ulimit -v")
        return
    p = subprocess.run(["sh", "-c", 'ulimit -v 400000; exec "$0" "$@"', DESCENT, "trace",
                        "--landscape", "quadratic", "--opt", "gd:lr=0.001", "--steps",
                        "100000000", "--format", "json"], env=env(), capture_output=True,
                       text=True, timeout=300)
    check("trace out of memory (ulimit -v): exit 1, one line, no output cut short",
          p.returncode == 1 and p.stderr.startswith("descent: out of memory after ")
          and p.stderr.count("\n") == 1 and p.stdout == "",
          f"exit {p.returncode}, {len(p.stdout)} bytes out, stderr {p.stderr.strip()[:300]}")


RESIZE_SCRIPT = r"""
"$0" --size 320x200 --landscape quadratic --opt gd 2>"$1.err" &
pid=$!
wid=$(timeout 60 xdotool search --sync --onlyvisible --pid $pid | head -1)
for size in "32767 32767" "16000 16000" "30000 200"; do
    xdotool windowsize $wid $size
    # Frames of 8192x8192 take seconds in llvmpipe: wait up to 60 s for the
    # shrink (a still window draws nothing, so the pointer stirs it).
    for wait in $(seq 60); do
        sleep 1
        kill -0 $pid || break 2
        xdotool mousemove --window $wid $((wait % 50 + 10)) 20
        geometry=$(xdotool getwindowgeometry $wid | sed -n 's/.*Geometry: //p')
        [ "${geometry%x*}" -le 8192 ] && [ "${geometry#*x}" -le 8192 ] && break
    done
    echo "$geometry" >> "$1.sizes"
done
kill $pid
wait $pid
echo $? > "$1.status"
"""


# The window is grown to 32767x32767 again and again while it plays: each
# frame has to be drawn at the size descent set just before, not at one
# another client chose during the frame (with no size check this crashed 3
# of 3 times; with a check before each frame, 3 of 14 under ASan; the
# drawable is a child window only descent sizes, docs/ARCHITECTURE.md
# §2.1).
FLIP_SCRIPT = r"""
"$0" --size 400x300 --landscape rosenbrock --opt gd:lr=0.001 --opt adam 2>"$1.err" &
pid=$!
wid=$(timeout 60 xdotool search --sync --onlyvisible --pid $pid | head -1)
for k in $(seq 30); do
    xdotool windowsize $wid 32767 32767
    sleep 0.$((k % 3 + 1))
    kill -0 $pid || break
    xdotool windowsize $wid 400 300
    sleep 0.3
    kill -0 $pid || break
done
kill $pid
wait $pid
echo $? > "$1.status"
"""


def run_window_script(work, name, script):
    """Runs a shell script against a window of its own X server; returns a
    reader of the files it leaves (base + suffix)."""
    base = os.path.join(work, name)
    subprocess.run([WITH_XVFB, "1280x800x24", "sh", "-c", script, DESCENT, base],
                   env=env(SDL_VIDEODRIVER="x11"), timeout=400,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def read(suffix):
        try:
            with open(base + suffix) as f:
                return f.read().strip()
        except OSError:
            return ""
    return read


def resize_cases(work):
    """A window made huge from outside shrinks back to a size the driver can
    draw before it draws again (issue 13, 5): it crashed in llvmpipe at
    32767x32767."""
    if not (shutil.which("Xvfb") and shutil.which("xdotool")):
        skip("the window resized to 32767x32767 from outside", "needs Xvfb and xdotool")
        return
    read = run_window_script(work, "resize", RESIZE_SCRIPT)
    sizes = [tuple(int(v) for v in line.split("x"))
             for line in read(".sizes").splitlines()]
    # 143: ended by the SIGTERM sent at the end, as a window is when closed.
    check("the window resized to 32767x32767, 16000x16000, 30000x200 from outside: it lives "
          "on, shrunk to at most 8192 pixels a side",
          read(".status") in ("0", "143") and len(sizes) == 3
          and all(w <= 8192 and h <= 8192 for w, h in sizes),
          f"exit {read('.status')!r}, sizes {sizes}, stderr {read('.err')[:300]!r}")
    read = run_window_script(work, "flip", FLIP_SCRIPT)
    check("the window grown to 32767x32767 30 times while it plays: it lives on",
          read(".status") in ("0", "143"),
          f"exit {read('.status')!r}, stderr {read('.err')[:300]!r}")


def main():
    work = tempfile.mkdtemp(prefix="test_hostile_files.")
    try:
        data_cases(work)
        message_cases(work)
        number_cases(work)
        temp_file_cases(work)
        memory_cases()
        resize_cases(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
