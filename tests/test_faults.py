#!/usr/bin/env python3
"""test_faults.py — what the machine around descent can do wrong.

Usage: test_faults.py DESCENT SOURCE_ROOT.  Prints TAP.

Each case breaks one thing in the environment — no display, no OpenGL 3.3,
a data dir missing shaders, colormaps, fonts or lessons, unreadable files,
unwritable or full output, ffmpeg missing or dying — and expects exactly one
line on stderr starting "descent: " (lesson checks: "FILE:LINE: ", docs/CLI.md §7),
a non-zero exit, and nothing new in the output's folder (no file under the
output's name, no half-written file beside it).  A lesson deleted while the
window shows it is not a reason to stop: the window goes on.

Cases that cannot be set up here are reported as skipped, with the reason.
Known bugs in other modules are "not ok ... # TODO" lines: they show in the
log without failing the run, and turn into failures (unexpected passes) when
fixed, so the mark gets removed.
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from tap import finish, report, run_command

DESCENT = os.path.abspath(sys.argv[1])
SOURCE = os.path.abspath(sys.argv[2])
SMALL = ["--size", "160x100"]
# An X server of its own for a test that needs X (see its header).
WITH_XVFB = os.path.join(os.path.dirname(os.path.abspath(__file__)), "with_xvfb.sh")


def base_env(**changes):
    env = dict(os.environ)
    env.update({"SDL_VIDEODRIVER": "offscreen", "DBUS_SESSION_BUS_ADDRESS": "disabled:",
                "DESCENT_DATA_DIR": SOURCE})
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def listing(folder):
    return sorted(os.listdir(folder)) if os.path.isdir(folder) else []


def expect_error(name, args, env, needle, out_dir=None, prefix="descent: ", status=None,
                 timeout=60, todo=None):
    """One line starting with prefix and containing needle, a non-zero exit
    (status when given), and out_dir unchanged."""
    before = listing(out_dir) if out_dir else []
    code, _, err = run_command([DESCENT, *args], env=env, timeout=timeout,
                               stdout=subprocess.DEVNULL)
    after = listing(out_dir) if out_dir else []
    problems = []
    if code == "timeout":
        problems.append(f"still running after {timeout} s")
    elif code == 0 or (status is not None and code != status):
        problems.append(f"exit status {code}")
    if not (err.startswith(prefix) and err.count("\n") == 1):
        problems.append("stderr is not one line starting %r" % prefix)
    if needle not in err:
        problems.append(f"no {needle!r} in the message")
    if after != before:
        problems.append(f"left {sorted(set(after) - set(before))} in the output folder")
    detail = "; ".join(problems) + (" — stderr: " + err.strip()[:400] if problems else "")
    report(name, not problems, detail or err.strip(), todo=todo)


def data_copy(work, name, drop=(), corrupt=None):
    """A copy of the data dir (shaders, assets, lessons) without drop, with
    corrupt = (relative path, text appended)."""
    root = os.path.join(work, name)
    for part in ("shaders", "assets", "lessons"):
        shutil.copytree(os.path.join(SOURCE, part), os.path.join(root, part))
    for relative in drop:
        path = os.path.join(root, relative)
        shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)
    if corrupt:
        with open(os.path.join(root, corrupt[0]), "a") as f:
            f.write(corrupt[1])
    return root


def mounted_tmpfs(work, name, options):
    """Runs descent inside a private mount namespace with a tmpfs at
    work/name (unshare -m: nothing stays mounted if the test dies).  Returns
    (run_inside, point): run_inside(args, env, setup) gives (exit status,
    stderr, the names left on the tmpfs); None when this machine does not
    allow it."""
    point = os.path.join(work, name)
    os.mkdir(point)
    probe = subprocess.run(["unshare", "-m", "sh", "-c", f"mount -t tmpfs -o {options} tmpfs "
                            f"'{point}' && touch '{point}/ok' 2>/dev/null; true"],
                           capture_output=True)
    if probe.returncode != 0 or probe.stderr:
        return None, point

    def run_inside(args, env, setup=""):
        script = (f"mount -t tmpfs -o {options} tmpfs \"$0\" && {setup} "
                  "\"$@\" 2>\"$0.err\"; echo $? > \"$0.status\"; ls -A \"$0\" > \"$0.ls\"")
        subprocess.run(["unshare", "-m", "sh", "-c", script, point, DESCENT, *args], env=env,
                       stdout=subprocess.DEVNULL, timeout=120)
        with open(point + ".err") as f:
            err = f.read()
        with open(point + ".status") as f:
            code = int(f.read())
        with open(point + ".ls") as f:
            left = f.read().split()
        return code, err, left
    return run_inside, point


def check_inside(name, runner, point, args, env, needle, setup=""):
    code, err, left = runner(args, env, setup)
    problems = []
    if code == 0:
        problems.append("exit status 0")
    if not (err.startswith("descent: ") and err.count("\n") == 1):
        problems.append("stderr is not one line starting 'descent: '")
    if needle not in err:
        problems.append(f"no {needle!r} in the message")
    expected_left = ["seq"] if "seq" in setup else []
    if left != expected_left:
        problems.append(f"left {left} on the full/read-only disk")
    detail = "; ".join(problems) + (" — stderr: " + err.strip()[:400] if problems else "")
    report(name, not problems, detail or err.strip())


def fake_ffmpeg(folder, body):
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "ffmpeg")
    with open(path, "w") as f:
        f.write("#!/bin/sh\n" + body + "\n")
    os.chmod(path, 0o755)
    return folder


def main():
    work = tempfile.mkdtemp(prefix="test_faults.")
    out = os.path.join(work, "out")
    os.mkdir(out)
    png = os.path.join(out, "x.png")
    mp4 = os.path.join(out, "x.mp4")
    record_png = ["record", *SMALL, "-o", png]
    record_mp4 = ["record", *SMALL, "--frames", "20", "-o", mp4]
    try:
        # ---- no display
        no_display = base_env(DISPLAY=None, WAYLAND_DISPLAY=None, SDL_VIDEODRIVER="x11")
        expect_error("no display (SDL_VIDEODRIVER=x11): the window says so", [], no_display,
                     "x11 not available", timeout=20)
        expect_error("no display (SDL_VIDEODRIVER=wayland): the window says so", [],
                     base_env(DISPLAY=None, WAYLAND_DISPLAY=None, SDL_VIDEODRIVER="wayland",
                              XDG_RUNTIME_DIR=work),
                     "wayland not available", timeout=20)
        # With no display and no SDL_VIDEODRIVER, SDL 2.26 falls back to its
        # "offscreen" driver: descent must say so, not open an invisible
        # window that runs until killed (as it once did).
        expect_error("no display, no SDL_VIDEODRIVER: an error, not an invisible window", [],
                     base_env(DISPLAY=None, WAYLAND_DISPLAY=None, SDL_VIDEODRIVER=None,
                              XDG_RUNTIME_DIR=work),
                     "display", timeout=10)
        # ---- no OpenGL 3.3 (Mesa told to offer 3.0 only)
        old_gl = base_env(MESA_GL_VERSION_OVERRIDE="3.0", MESA_GLSL_VERSION_OVERRIDE="130")
        expect_error("GL 3.0 only: record says it needs OpenGL 3.3", record_png, old_gl,
                     "OpenGL 3.3", out)
        expect_error("GL 3.0 only: the window says it needs OpenGL 3.3",
                     ["--bench-frames", "2", *SMALL], old_gl, "OpenGL 3.3")
        expect_error("GL 2.1 only: record says it needs OpenGL 3.3", record_png,
                     base_env(MESA_GL_VERSION_OVERRIDE="2.1", MESA_GLSL_VERSION_OVERRIDE="120"),
                     "OpenGL 3.3", out)
        if shutil.which("Xvfb"):
            code, err = None, ""
            try:
                p = subprocess.run([WITH_XVFB, "640x480x24", DESCENT, "--bench-frames", "2", *SMALL],
                                   env=base_env(SDL_VIDEODRIVER="x11",
                                                MESA_GL_VERSION_OVERRIDE="2.1"),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                   timeout=60)
                code, err = p.returncode, p.stderr
            except subprocess.TimeoutExpired:
                code = "timeout"
            lines = [l for l in err.splitlines() if l.startswith("descent: ")]
            report("GL 2.1 under Xvfb (GLX): the window says it needs OpenGL 3.3",
                   code not in (0, "timeout") and len(lines) == 1 and "OpenGL 3.3" in lines[0],
                   err.strip()[:400])
        else:
            report("GL 2.1 under Xvfb (GLX)", None, skip="Xvfb is not installed")

        # ---- the data dir: shaders, colormaps, fonts, lessons
        expect_error("DESCENT_DATA_DIR without shaders/", record_png,
                     base_env(DESCENT_DATA_DIR=os.path.join(work, "nowhere")), "shaders", out)
        expect_error("a missing shader file", record_png,
                     base_env(DESCENT_DATA_DIR=data_copy(work, "d1",
                                                         drop=["shaders/shape.vert.glsl"])),
                     "shape.vert.glsl", out)
        expect_error("a shader that does not compile", record_png,
                     base_env(DESCENT_DATA_DIR=data_copy(
                         work, "d2", corrupt=("shaders/heatmap.frag.glsl", "\nnot glsl(\n"))),
                     "heatmap.frag.glsl", out)
        expect_error("a missing colormap", record_png,
                     base_env(DESCENT_DATA_DIR=data_copy(
                         work, "d3", drop=["assets/colormaps/viridis.txt"])),
                     "viridis.txt", out)
        expect_error("a malformed colormap", record_png,
                     base_env(DESCENT_DATA_DIR=data_copy(
                         work, "d4", corrupt=("assets/colormaps/viridis.txt", "0.5 nan x\n"))),
                     "viridis.txt", out)
        no_lessons = data_copy(work, "d5", drop=["lessons"])
        expect_error("no lessons/ folder: descent list lessons", ["list", "lessons"],
                     base_env(DESCENT_DATA_DIR=no_lessons), "lessons")
        fonts = os.path.join(work, "fonts")
        os.mkdir(fonts)
        with open(os.path.join(fonts, "fonts.conf"), "w") as f:
            f.write(f'<?xml version="1.0"?><fontconfig><dir>{fonts}</dir>'
                    f'<cachedir>{fonts}/cache</cachedir></fontconfig>\n')
        expect_error("no fonts at all (fontconfig finds none)", record_png,
                     base_env(FONTCONFIG_FILE=os.path.join(fonts, "fonts.conf")), "font", out)

        # ---- unreadable input files
        if os.geteuid() == 0:
            report("a lesson with mode 000", None,
                   skip="tests run as root, which reads any file whatever its mode "
                        "(the cases below make reads fail another way)")
        else:
            locked = os.path.join(work, "locked.lua")
            shutil.copy(os.path.join(SOURCE, "lessons", "welcome.lua"), locked)
            os.chmod(locked, 0)
            expect_error("a lesson with mode 000", ["check", locked], base_env(), "cannot read",
                         prefix=locked + ":", status=2)
        lesson_dir = os.path.join(work, "folder.lua")
        os.mkdir(lesson_dir)
        expect_error("a lesson that is a folder (read fails with EISDIR)", ["check", lesson_dir],
                     base_env(), "cannot read", prefix=lesson_dir + ":", status=2)
        expect_error("a lesson whose read fails with EIO (/proc/self/mem)",
                     ["check", "/proc/self/mem"], base_env(), "cannot read",
                     prefix="/proc/self/mem:", status=2)
        expect_error("a missing lesson", ["check", os.path.join(work, "absent.lua")], base_env(),
                     "cannot read", prefix=os.path.join(work, "absent.lua") + ":", status=2)
        expect_error("a dataset that is a folder", ["trace", "--landscape",
                     f"linreg:data={lesson_dir}", "--opt", "gd", "--steps", "3"], base_env(),
                     "folder.lua", status=2)

        # ---- unwritable output
        expect_error("output under /proc (cannot create)", ["record", *SMALL, "-o", "/proc/x.png"],
                     base_env(), "/proc/x.png")
        expect_error("output in a folder that does not exist",
                     ["record", *SMALL, "-o", os.path.join(out, "missing", "x.png")], base_env(),
                     "missing", out)
        expect_error("output that names a folder", ["record", *SMALL, "-o", lesson_dir],
                     base_env(), "folder.lua", work)
        runner, point = mounted_tmpfs(work, "ro", "ro,size=1m")
        if runner:
            check_inside("read-only folder: a PNG", runner, point,
                         ["record", *SMALL, "-o", os.path.join(point, "x.png")], base_env(),
                         "Read-only file system")
            check_inside("read-only folder: an MP4", runner, point,
                         ["record", *SMALL, "--frames", "5", "-o", os.path.join(point, "x.mp4")],
                         base_env(), "Read-only file system")
        else:
            report("read-only folder", None, skip="cannot mount a tmpfs here (unshare -m)")
        runner, point = mounted_tmpfs(work, "full", "size=16k")
        if runner:
            check_inside("full disk: a PNG", runner, point,
                         ["record", "--size", "640x400", "-o", os.path.join(point, "x.png")],
                         base_env(), "No space left on device")
            check_inside("full disk: an MP4 (ffmpeg reports it)", runner, point,
                         ["record", "--size", "1280x720", "--frames", "10", "-o",
                          os.path.join(point, "x.mp4")],
                         base_env(), "No space left on device")
            check_inside("full disk: a PNG sequence", runner, point,
                         ["record", "--size", "640x400", "--frames", "5", "-o",
                          os.path.join(point, "seq", "f_%05d.png")], base_env(), "f_0000",
                         setup=f"mkdir \"$0/seq\" &&")
        else:
            report("full disk", None, skip="cannot mount a tmpfs here (unshare -m)")
        # A file size limit makes write() fail like a full disk, but the
        # kernel first sends SIGXFSZ, whose default action kills the
        # process mid-write: the writers ignore it, so the failed write is an
        # error and the file written aside is removed (once, descent died
        # and left x.png.part behind).
        before = listing(out)
        p = subprocess.run(["sh", "-c", 'ulimit -f 8; exec "$0" "$@"', DESCENT, *record_png],
                           env=base_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           text=True, timeout=60)
        left = sorted(set(listing(out)) - set(before))
        for name in left:
            os.remove(os.path.join(out, name))
        report("file size limit (ulimit -f): one line, nothing left",
               p.returncode not in (0, -25, 128 + 25) and p.stderr.startswith("descent: ")
               and not left,
               f"exit {p.returncode}, left {left}, stderr: {p.stderr.strip()[:300]}")

        # ---- ffmpeg missing or dying
        empty_bin = os.path.join(work, "empty-bin")
        os.mkdir(empty_bin)
        expect_error("ffmpeg missing from PATH", record_mp4, base_env(PATH=empty_bin), "ffmpeg",
                     out)
        dies = fake_ffmpeg(os.path.join(work, "dies"),
                           "head -c 100000 >/dev/null; echo 'fake ffmpeg: encoder exploded' >&2;"
                           " exit 1")
        expect_error("ffmpeg exits with an error mid-stream", record_mp4,
                     base_env(PATH=dies + ":" + os.environ["PATH"]), "encoder exploded", out)
        killed = fake_ffmpeg(os.path.join(work, "killed"),
                             "head -c 100000 >/dev/null; kill -9 $$")
        expect_error("ffmpeg killed by a signal mid-stream", record_mp4,
                     base_env(PATH=killed + ":" + os.environ["PATH"]), "signal 9", out)
        # descent creates the aside file itself: an ffmpeg that exits 0
        # without writing must not become an empty x.mp4 and a success
        # status (as it once did).
        liar = fake_ffmpeg(os.path.join(work, "liar"), "cat >/dev/null; exit 0")
        expect_error("ffmpeg claims success but writes nothing", record_mp4,
                     base_env(PATH=liar + ":" + os.environ["PATH"]), "x.mp4", out)
        for name in listing(out):
            os.remove(os.path.join(out, name))

        # ---- a watched lesson deleted: the window goes on with the lesson
        # it has (tests/test_lesson_player.c checks the stage and the notice),
        # says nothing on stderr, and quits cleanly when asked.
        watched = os.path.join(work, "watched.lua")
        with open(watched, "w") as f:
            f.write("lesson { title = 'Watched', landscape = 'quadratic' }\n"
                    "step { runs = { 'gd:lr=0.01' }, play = 100000 }\n")
        window = subprocess.Popen([DESCENT, watched, "--size", "320x200"], env=base_env(),
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        time.sleep(2.0)
        os.remove(watched)
        time.sleep(2.0)  # four polls of the file
        alive = window.poll() is None
        window.send_signal(signal.SIGTERM)
        try:
            _, stderr = window.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            window.kill()
            _, stderr = window.communicate()
        report("a lesson deleted while the window watches it: it goes on, then quits cleanly",
               alive and window.returncode == 0 and stderr == "",
               f"alive after the deletion: {alive}, exit {window.returncode}, stderr {stderr!r}")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    return finish(show_passed_details=True)


if __name__ == "__main__":
    sys.exit(main())
