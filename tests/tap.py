"""tap.py — what the Python tests share: their results reported as TAP for
meson (`protocol : 'tap'`), and running programs with their output read back.

A test script imports it from its own folder (tests/ is on sys.path as the
script's folder), records each result with check(), skip() or report(), and
ends with sys.exit(finish()).
"""
import os
import pty
import subprocess
import threading

results = []


def report(name, ok, detail="", todo=None, skip=None):
    """One result.  todo: why a failure is known and expected (TAP # TODO);
    skip: why it was not checked here (TAP # SKIP, ok is then ignored)."""
    results.append((name, bool(ok), str(detail), todo, skip))


def check(name, ok, detail=""):
    """One result: ok true passes; detail is shown under a failure."""
    report(name, ok, detail)


def skip(name, why):
    """One result not checked on this machine, and why."""
    report(name, True, skip=why)


def finish(show_passed_details=False):
    """Prints the results as TAP, each failure's detail (and with
    show_passed_details every result's) as # comments, at most 20 lines of
    400 characters.  Returns the exit status: 1 when a result failed that is
    neither a TODO nor skipped."""
    print(f"1..{len(results)}")
    failed = 0
    for i, (name, ok, detail, todo, skipped) in enumerate(results, 1):
        if skipped:
            print(f"ok {i} - {name} # SKIP {skipped}")
            continue
        line = f"{'ok' if ok else 'not ok'} {i} - {name}"
        if todo:
            line += f" # TODO {todo}"
        print(line)
        failed += not ok and not todo
        if not ok or show_passed_details:
            for text in detail.splitlines()[:20]:
                print(f"# {text[:400]}")
    return 1 if failed else 0


def run_command(command, env=None, timeout=60, stdout=subprocess.PIPE, stderr=subprocess.PIPE):
    """Runs command (a list) with its output read as text.  Returns (exit
    status, stdout, stderr), "" for a stream not captured; the exit status is
    "timeout" when it ran past timeout seconds, stderr then what it wrote
    before."""
    try:
        p = subprocess.run(command, env=env, stdout=stdout, stderr=stderr, text=True,
                           timeout=timeout)
        return p.returncode, p.stdout or "", p.stderr or ""
    except subprocess.TimeoutExpired as e:
        err = e.stderr.decode() if isinstance(e.stderr, bytes) else (e.stderr or "")
        return "timeout", "", err


def run_on_terminal(command, env=None, timeout=60):
    """Runs command with its stderr on a pseudo-terminal (a progress bar
    draws only there).  Returns (exit status, the bytes it wrote there).
    The terminal is read while the command runs: a terminal holds only a few
    kilobytes, and a slow run's many redraws would otherwise block it."""
    master, slave = pty.openpty()
    chunks = []

    def drain():
        try:
            while True:
                chunk = os.read(master, 4096)
                if not chunk:
                    break
                chunks.append(chunk)
        except OSError:  # the last writer closed the terminal (Linux: EIO)
            pass

    reader = threading.Thread(target=drain)
    reader.start()
    code, _, _ = run_command(command, env=env, timeout=timeout, stderr=slave)
    os.close(slave)
    reader.join()
    os.close(master)
    return code, b"".join(chunks)


def decode_video(path, pix_fmt="rgba", decoder=None):
    """Every frame of path (an image, a sequence pattern or a video) decoded
    by ffmpeg as raw pixels of pix_fmt, as one bytes object; decoder names
    ffmpeg's decoder when its default would be wrong (libvpx-vp9 for
    WebM's alpha)."""
    command = ["ffmpeg", "-v", "error"] + (["-c:v", decoder] if decoder else []) + \
              ["-i", path, "-f", "rawvideo", "-pix_fmt", pix_fmt, "-"]
    return subprocess.run(command, capture_output=True, timeout=120).stdout
