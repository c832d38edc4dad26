#!/usr/bin/env python3
"""test_record.py — `descent record` end to end (docs/CLI.md §6), as a user runs it.

Usage: test_record.py DESCENT.  Prints TAP.  Runs off-screen (the caller sets
SDL_VIDEODRIVER=offscreen and DBUS_SESSION_BUS_ADDRESS=disabled:).  Checks
each format with ffprobe (codec, size, frame count, duration, pixel format),
byte-identical output and identical raw frames across runs, the progress bar
on a terminal, and that every failure is one line, a non-zero exit and no
file left under the output's name or beside it.
"""
import glob
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from tap import check, decode_video, finish, run_command, run_on_terminal, skip

DESCENT = os.path.abspath(sys.argv[1])
SMALL = ["--size", "320x240"]


def run(*args, env=None, stderr=subprocess.PIPE, timeout=300):
    return run_command([DESCENT, "record", *args], env=env, timeout=timeout, stderr=stderr)


def probe(path):
    p = subprocess.run(["ffprobe", "-v", "error", "-count_frames", "-show_streams",
                        "-show_format", "-of", "json", path],
                       capture_output=True, text=True, timeout=120)
    if p.returncode != 0:
        return {}, {}
    data = json.loads(p.stdout)
    return data["streams"][0], data["format"]


def one_error_line(err):
    return err.startswith("descent: ") and err.count("\n") == 1


work = tempfile.mkdtemp(prefix="test_record_py.")


def fresh(name):
    d = os.path.join(work, name)
    os.makedirs(d)
    return d


# --- each format, checked with ffprobe --------------------------------------

d = fresh("formats")
# (output, extra args, codec, frames, duration in s, pixel format or None)
FORMATS = [
    ("a.mp4", ["--frames", "6", "--fps", "30"], "h264", 6, 0.2, "yuv420p"),
    ("a.webm", ["--frames", "6", "--fps", "30"], "vp9", 6, 0.2, "yuv420p"),
    # GIF at 30 fps plays at 25 (delays of 4/100 s): 0.5 s is 13 frames, 0.52 s.
    ("a.gif", ["--seconds", "0.5", "--fps", "30"], "gif", 13, 0.52, None),
    ("a.png", [], "png", 1, None, "rgba"),
]
for out, extra, codec, frames, duration, pix_fmt in FORMATS:
    path = os.path.join(d, out)
    code, _, err = run("-o", path, *SMALL, *extra)
    check(f"{out}: exit 0, quiet when stderr is not a terminal", code == 0 and err == "", err)
    s, f = probe(path)
    check(f"{out}: codec {codec}, 320x240", s.get("codec_name") == codec
          and s.get("width") == 320 and s.get("height") == 240, s)
    check(f"{out}: {frames} frames", int(s.get("nb_read_frames", -1)) == frames, s)
    if duration is not None:
        check(f"{out}: lasts {duration} s", abs(float(f.get("duration", -1)) - duration) < 1e-3, f)
    if pix_fmt:
        check(f"{out}: pixel format {pix_fmt}", s.get("pix_fmt") == pix_fmt, s)
mp4 = open(os.path.join(d, "a.mp4"), "rb").read()
check("mp4: +faststart puts the index (moov) before the data (mdat)",
      0 < mp4.find(b"moov") < mp4.find(b"mdat"))
check("gif: loops forever", b"NETSCAPE2.0" in open(os.path.join(d, "a.gif"), "rb").read(4096))
check("nothing else written beside the outputs",
      sorted(os.listdir(d)) == sorted(f[0] for f in FORMATS), os.listdir(d))

seq = os.path.join(d, "seq")
os.makedirs(seq)
code, _, err = run("-o", os.path.join(seq, "frame_%05d.png"), *SMALL, "--frames", "4")
names = sorted(os.listdir(seq))
check("png sequence: frame_00000.png ... frame_00003.png",
      code == 0 and names == [f"frame_{k:05d}.png" for k in range(4)], (code, err, names))
s, _ = probe(os.path.join(seq, "frame_00003.png"))
check("png sequence: 320x240 PNGs", s.get("codec_name") == "png" and s.get("width") == 320, s)

# --- determinism --------------------------------------------------------------

a, b = fresh("run_a"), fresh("run_b")
scene = ["--landscape", "himmelblau", "--opt", "sgd:lr=0.01,noise=2,seed=5", "--opt", "adam:lr=0.1",
         "--particles", "50"]
for out in (a, b):
    run("-o", os.path.join(out, "f%03d.png"), *SMALL, "--frames", "5", *scene)
    run("-o", os.path.join(out, "last.png"), *SMALL, "--seconds", "1", *scene)
    run("-o", os.path.join(out, "still.png"), *SMALL, "--seconds", "0.1", "--fps", "30", *scene)
same = all(open(os.path.join(a, n), "rb").read() == open(os.path.join(b, n), "rb").read()
           for n in ["last.png", "still.png"] + [f"f{k:03d}.png" for k in range(5)])
check("the same command gives byte-identical PNGs", same and len(os.listdir(a)) == 7,
      os.listdir(a))
check("a still --seconds 0.1 in at 30 fps is frame 3 of the sequence",
      decode_video(os.path.join(a, "still.png")) == decode_video(os.path.join(a, "f003.png")))
frames = [decode_video(os.path.join(a, f"f{k:03d}.png")) for k in range(5)]
check("frames move: frame 0 and frame 4 differ", frames[0] != frames[4])

# A network training (docs/ARCHITECTURE.md §2.5): its slice is refined
# frame by frame, and the frames are the same run after run.
a, b = fresh("net_a"), fresh("net_b")
net = ["--model", "mlp:layers=2-8-2", "--data", "moons:n=60,noise=0.2", "--opt",
       "sgd:lr=0.1,batch=8", "--opt", "adam:lr=0.01", "--speed", "4"]
for out in (a, b):
    code, _, err = run("-o", os.path.join(out, "f%03d.png"), *SMALL, "--frames", "40", *net)
names = [f"f{k:03d}.png" for k in range(40)]
same = all(open(os.path.join(a, n), "rb").read() == open(os.path.join(b, n), "rb").read()
           for n in names)
check("a network scene records byte-identical PNGs", code == 0 and same and
      sorted(os.listdir(a)) == names, err)
check("... and it trains: frame 0 and frame 39 differ",
      decode_video(os.path.join(a, names[0])) != decode_video(os.path.join(a, names[39])))



def bottom_up(frames, width):
    """RGBA frames with each one's rows bottom row first, as descent hands
    them to ffmpeg (GL's order, the cheapest read-back) with -vf vflip."""
    stride, size = width * 4, len(frames[0])
    return b"".join(frame[y:y + stride] for frame in frames
                    for y in range(size - stride, -1, -stride))


# A stand-in ffmpeg that keeps the raw frames descent feeds it: the frames
# of two runs must be identical, and equal to the PNG sequence's pixels.
bin_dir = fresh("tee_bin")
raw_log = os.path.join(work, "raw")
with open(os.path.join(bin_dir, "ffmpeg"), "w") as f:
    f.write("#!/bin/sh\n"
            f'printf "%s\\n" "$@" > "{raw_log}.args"\n'
            'for last; do :; done\n'              # the output name is the last argument
            f'cat > "{raw_log}.$$"; echo stand-in > "$last"\n')
os.chmod(os.path.join(bin_dir, "ffmpeg"), 0o755)
tee_env = dict(os.environ, PATH=bin_dir + ":" + os.environ["PATH"])
raws = []
for out in (a, b):
    for old in glob.glob(raw_log + ".*"):
        os.remove(old)
    code, _, err = run("-o", os.path.join(out, "x.mp4"), *SMALL, "--frames", "5", *scene,
                       env=tee_env)
    logs = [log for log in glob.glob(raw_log + ".*") if not log.endswith(".args")]
    raws.append(open(logs[0], "rb").read() if code == 0 and len(logs) == 1 else b"")
check("raw frames fed to ffmpeg: 5 frames of 320x240 RGBA", len(raws[0]) == 5 * 320 * 240 * 4,
      len(raws[0]))
check("raw frames are identical run after run", raws[0] == raws[1] and raws[0] != b"")
check("raw frames equal the PNG sequence's pixels, rows bottom first",
      raws[0] == bottom_up(frames, 320))
args = open(raw_log + ".args").read().split("\n")
check("... and ffmpeg turns them first: -vf vflip", args[args.index("-vf") + 1] == "vflip", args)

# Frames of a megabyte and more are handed to ffmpeg by vmsplice (frame_sink.c):
# the pipe holds descent's own buffers until ffmpeg reads them, so a buffer
# reused too early would change a frame that is still waiting.  A stand-in
# that reads slowly keeps the pipe full while descent renders ahead; what it
# reads must still be the PNG sequence's pixels, frame by frame.
slow_bin = fresh("slow_bin")
slow_log = os.path.join(work, "slow_raw")
with open(os.path.join(slow_bin, "ffmpeg"), "w") as f:
    f.write(f"#!{sys.executable}\n"
            "import sys, time\n"
            f"with open({slow_log!r}, 'wb') as out:\n"
            "    while True:\n"
            "        chunk = sys.stdin.buffer.read1(65536)\n"
            "        if not chunk:\n"
            "            break\n"
            "        out.write(chunk)\n"
            "        time.sleep(0.002)\n"
            "open(sys.argv[-1], 'w').write('stand-in')\n")
os.chmod(os.path.join(slow_bin, "ffmpeg"), 0o755)
big, big_frames = ["--size", "640x480"], 6
seq = fresh("big_seq")
run("-o", os.path.join(seq, "f%03d.png"), *big, "--frames", str(big_frames), *scene)
code, _, err = run("-o", os.path.join(seq, "x.mp4"), *big, "--frames", str(big_frames), *scene,
                   env=dict(os.environ, PATH=slow_bin + ":" + os.environ["PATH"]))
slow_raw = open(slow_log, "rb").read() if code == 0 and os.path.exists(slow_log) else b""
check("megabyte frames through a slow ffmpeg are the PNG sequence's pixels",
      len(slow_raw) == big_frames * 640 * 480 * 4 and slow_raw == bottom_up(
          [decode_video(os.path.join(seq, f"f{k:03d}.png")) for k in range(big_frames)], 640),
      err or len(slow_raw))

# --- progress on a terminal ------------------------------------------------------

code, shown = run_on_terminal([DESCENT, "record", "-o", os.path.join(fresh("tty"), "t.mp4"), *SMALL,
                               "--frames", "8"], timeout=300)
check("a terminal gets a progress bar with frames done",
      code == 0 and b"8/8 frames" in shown and b"recording" in shown, shown[-200:])

# --- failures: one line, exit status, nothing left behind ------------------------


def fails_cleanly(name, args, status, message=None, env=None, directory=None):
    code, out, err = run(*args, env=env)
    ok = code == status and one_error_line(err) and out == ""
    if message is not None:
        ok = ok and message in err
    if directory is not None:
        ok = ok and os.listdir(directory) == []
    check(name, ok, (code, err, directory and os.listdir(directory)))


d = fresh("no_ffmpeg")
empty_bin = fresh("empty_bin")
fails_cleanly("no ffmpeg on PATH: the install hint", ["-o", os.path.join(d, "x.mp4"), *SMALL],
              1, "descent: ffmpeg not found on PATH (install ffmpeg)\n",
              env=dict(os.environ, PATH=empty_bin), directory=d)

d = fresh("unwritable")
fails_cleanly("a missing directory", ["-o", os.path.join(d, "nope", "x.mp4"), *SMALL], 1,
              "No such file or directory", directory=d)
open(os.path.join(d, "file"), "w").close()
for out in ("x.gif", "x.png", "f%03d.png"):
    fails_cleanly(f"a path through a file ({out})", ["-o", os.path.join(d, "file", out), *SMALL],
                  1, "Not a directory")
check("... and nothing else appeared", os.listdir(d) == ["file"], os.listdir(d))

d = fresh("not_a_file")
os.makedirs(os.path.join(d, "x.mp4"))
fails_cleanly("an output name taken by a directory", ["-o", os.path.join(d, "x.mp4"), *SMALL], 1,
              "it exists and is not a regular file")
check("... which is left as it was", os.listdir(d) == ["x.mp4"]
      and os.path.isdir(os.path.join(d, "x.mp4")), os.listdir(d))

d = fresh("dies")
dying_bin = fresh("dying_bin")
with open(os.path.join(dying_bin, "ffmpeg"), "w") as f:
    f.write("#!/bin/sh\nhead -c 500000 >/dev/null\necho 'Conversion failed: fake encoder broke' >&2\n"
            "exit 1\n")
os.chmod(os.path.join(dying_bin, "ffmpeg"), 0o755)
dying_env = dict(os.environ, PATH=dying_bin + ":" + os.environ["PATH"])
for out in ("x.mp4", "x.webm", "x.gif"):
    fails_cleanly(f"ffmpeg dying mid-way ({out}): its last line quoted",
                  ["-o", os.path.join(d, out), *SMALL, "--frames", "40"], 1,
                  "descent: ffmpeg failed (exit status 1): Conversion failed: fake encoder broke\n",
                  env=dying_env, directory=d)

# A real full disk: an 8 KiB tmpfs in a private mount namespace (needs
# unshare and the right to mount; skipped where that is not allowed).
full = fresh("full")
unshare = shutil.which("unshare")
probe_mount = unshare and subprocess.run(
    [unshare, "-m", "sh", "-c", f"mount -t tmpfs -o size=8k none '{full}'"],
    capture_output=True).returncode == 0
if not probe_mount:
    skip("full disk", "cannot mount a small tmpfs here")
else:
    # Every writer says why with the system's words.
    for out, reason in (("x.mp4", "No space left on device"), ("x.gif", "No space left on device"),
                        ("f%03d.png", "No space left on device"),
                        ("x.png", "No space left on device")):
        script = (f"mount -t tmpfs -o size=8k none '{full}' && "
                  f"'{DESCENT}' record -o '{full}/{out}' --size 640x480 --frames 30 "
                  "--landscape rastrigin; echo \"status $?\"; ls -A '" + full + "'")
        p = subprocess.run([unshare, "-m", "sh", "-c", script], capture_output=True, text=True,
                           timeout=300)
        lines = p.stdout.split("\n")
        check(f"full disk ({out}): exit 1, one line, nothing left",
              lines[0] == "status 1" and lines[1:] == [""] and one_error_line(p.stderr)
              and reason in p.stderr, (p.stdout, p.stderr))

# Stopped by Ctrl+C or kill half-way: one line, exit 1, nothing left (the
# hidden file and the frames of a sequence are removed).
for out, sig in (("x.mp4", signal.SIGINT), ("f%04d.png", signal.SIGTERM), ("x.gif", signal.SIGINT)):
    d = fresh("stopped_" + out.replace("%", ""))
    p = subprocess.Popen([DESCENT, "record", "-o", os.path.join(d, out), *SMALL, "--frames",
                          "100000"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for _ in range(200):  # until it has written something
        time.sleep(0.05)
        if os.listdir(d):
            break
    started = bool(os.listdir(d))
    p.send_signal(sig)
    out_text, err = p.communicate(timeout=60)
    check(f"stopped by {sig.name} ({out}): exit 1, one line, nothing left",
          started and p.returncode == 1 and one_error_line(err) and "interrupted" in err
          and os.listdir(d) == [], (started, p.returncode, err, os.listdir(d)))

d = fresh("usage")
for args, message in [
    (["--size", "0x10"], "--size 0x10"),
    (["--size", "641x480"], "needs an even width and height"),
    (["--size", "640"], "--size 640"),
    (["--fps", "0"], "--fps 0"),
    (["--fps", "1000"], "--fps 1000"),
    (["--frames", "0"], "--frames 0"),
    (["--seconds", "-1"], "--seconds -1"),
    (["--frames", "3", "--seconds", "1"], "not both"),
    (["--landscape", "nope"], "nope"),
    (["--frobnicate"], "--frobnicate"),
]:
    fails_cleanly("bad usage " + " ".join(args) + ": exit 2",
                  ["-o", os.path.join(d, "x.mp4"), *args], 2, message, directory=d)
for out, message in [("x.avi", "unknown output format"), ("f%d_%d.png", "exactly one frame number"),
                     ("f%s.png", "exactly one frame number")]:
    fails_cleanly(f"bad output name {out}: exit 2", ["-o", os.path.join(d, out)], 2, message,
                  directory=d)
fails_cleanly("no -o: exit 2", [*SMALL], 2, "needs -o OUT", directory=d)

# --- a lesson: held to be read, subtitled ------------------------------------------

WELCOME = os.path.join(os.environ.get("DESCENT_DATA_DIR", "."), "lessons", "welcome.lua")
LESSON_SMALL = ["--size", "160x90", "--fps", "10"]


def reading_seconds(text):
    """The reading time lesson_player.h documents, counted here on its own:
    1.5 s, plus 3 words (runs of non-space characters) and 3.4 CJK
    characters (ideographs, kana, hangul) a second; CJK punctuation is free."""
    def cjk(c):
        o = ord(c)
        return (0x3040 <= o <= 0x30FF or 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF
                or 0xAC00 <= o <= 0xD7AF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF)

    def separator(c):
        o = ord(c)
        return (c.isspace() or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFF0F
                or 0xFF1A <= o <= 0xFF20)
    words = chars = 0
    in_word = False
    for c in text:
        if cjk(c):
            chars += 1
            in_word = False
        elif separator(c):
            in_word = False
        elif not in_word:
            words += 1
            in_word = True
    return 1.5 + words / 3 + chars / 3.4


def srt_seconds(stamp):
    h, m, rest = stamp.split(":")
    s, ms = rest.split(",")
    return int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000


def parse_srt(text):
    """[(start, end, text)] of an SRT, its times in seconds."""
    cues = []
    for block in text.replace("\r\n", "\n").strip().split("\n\n"):
        lines = block.split("\n")
        start, end = lines[1].split(" --> ")
        cues.append((srt_seconds(start), srt_seconds(end), "\n".join(lines[2:])))
    return cues


def streams(path):
    p = subprocess.run(["ffprobe", "-v", "error", "-show_streams", "-show_format", "-of", "json",
                        path], capture_output=True, text=True, timeout=120)
    data = json.loads(p.stdout) if p.returncode == 0 else {"streams": [], "format": {}}
    return data["streams"], data["format"]


def track_cues(path):
    """The video's subtitle track read back by ffmpeg, as parse_srt gives it."""
    p = subprocess.run(["ffmpeg", "-v", "error", "-i", path, "-map", "0:s", "-c:s", "srt",
                        "-f", "srt", "-"], capture_output=True, timeout=120)
    return parse_srt(p.stdout.decode("utf-8")) if p.returncode == 0 and p.stdout else []


d = fresh("lesson")
video, srt = os.path.join(d, "w.mp4"), os.path.join(d, "w.srt")
code, _, err = run(WELCOME, "-o", video, "--subtitles", srt, *LESSON_SMALL)
check("welcome -o w.mp4 --subtitles w.srt: exit 0", code == 0 and err == "", err)
cues = parse_srt(open(srt, encoding="utf-8").read()) if code == 0 else []
check("the SRT has the five steps' captions, one after the other from 0",
      len(cues) == 5 and cues[0][0] == 0
      and all(cues[k][1] == cues[k + 1][0] for k in range(len(cues) - 1)), cues)
short = [(c[2][:30], round(c[1] - c[0], 3), round(reading_seconds(c[2]), 3)) for c in cues
         if c[1] - c[0] < reading_seconds(c[2]) - 0.0005]  # SRT times are whole ms
check("every caption stays on screen at least its reading time", cues and not short, short)
vs, vf = streams(video)
kinds = [(s.get("codec_type"), s.get("codec_name")) for s in vs]
check("the MP4 carries a mov_text subtitle track", kinds == [("video", "h264"),
                                                            ("subtitle", "mov_text")], kinds)
check("... in English, under the lesson's title",
      len(vs) == 2 and vs[1].get("tags", {}).get("language") == "eng"
      and vf.get("tags", {}).get("title") == "Welcome: walking downhill", (vs, vf))
check("... which says what the SRT says, at the same times", track_cues(video) == cues,
      track_cues(video)[:2])
decoded = len(decode_video(video, "rgb24")) // (160 * 90 * 3) if code == 0 else 0
check("the video's frames last as long as the captions (decoded: frames = end × fps)",
      cues and decoded == round(cues[-1][1] * 10), (decoded, cues and cues[-1][1]))
check("nothing else is left beside them", sorted(os.listdir(d)) == ["w.mp4", "w.srt"],
      os.listdir(d))

# Chinese: the SRT, the WebM's WebVTT track and the title come through as UTF-8.
webm, zh_srt = os.path.join(d, "zh.webm"), os.path.join(d, "zh.srt")
code, _, err = run(WELCOME, "--lang", "zh", "-o", webm, "--subtitles", zh_srt, "--frames", "30",
                   *LESSON_SMALL)
raw = open(zh_srt, "rb").read() if code == 0 else b""
zh_cues = parse_srt(raw.decode("utf-8", errors="replace"))
check("zh: the SRT is UTF-8 with the first caption's Chinese, cut at the clip's 3 s",
      code == 0 and raw.decode("utf-8") and len(zh_cues) == 1 and zh_cues[0][:2] == (0, 3)
      and "颜色表示损失" in zh_cues[0][2], (code, err, zh_cues))
vs, vf = streams(webm)
check("zh: the WebM carries a WebVTT track in Chinese under the Chinese title",
      [s.get("codec_name") for s in vs] == ["vp9", "webvtt"]
      and vs[1].get("tags", {}).get("language") == "zho"
      and vf.get("tags", {}).get("title") == "欢迎：一步一步走下坡", (vs, vf))
check("zh: the track says what the SRT says", track_cues(webm) == zh_cues, track_cues(webm))

# --hold replaces the reading time: welcome's first and last steps have no
# play, so they last exactly the hold.
held = os.path.join(d, "held.srt")
code, _, err = run(WELCOME, "-o", os.path.join(d, "held.mp4"), "--subtitles", held, "--hold", "2",
                   *LESSON_SMALL)
held_cues = parse_srt(open(held, encoding="utf-8").read()) if code == 0 else []
check("--hold 2: the steps without play last 2 s",
      len(held_cues) == 5 and all(round(held_cues[k][1] - held_cues[k][0], 3) == 2.0
                                  for k in (0, 4)), held_cues)

d = fresh("lesson_unwritable")
fails_cleanly("--subtitles into a missing folder: exit 1, naming it, no video either",
              [WELCOME, "-o", os.path.join(d, "x.mp4"), "--subtitles",
               os.path.join(d, "nope", "x.srt"), *LESSON_SMALL], 1,
              f"descent: cannot write {d}/nope/x.srt: No such file or directory\n", directory=d)

d = fresh("lesson_usage")
for args, message in [
    ([WELCOME, "--hold", "abc"], "--hold abc: expected a number of seconds"),
    ([WELCOME, "--hold", "-1"], "--hold -1: expected seconds from 0 to 600"),
    ([WELCOME, "--hold", "nan"], "--hold nan: expected seconds from 0 to 600"),
    ([WELCOME, "--hold", "601"], "--hold 601: expected seconds from 0 to 600"),
    (["--hold", "2"], "--hold needs a lesson"),
    (["--subtitles", os.path.join(d, "x.srt")], "--subtitles needs a lesson"),
    ([WELCOME, "--subtitles", os.path.join(d, "x.txt")], "expected a FILE.srt"),
]:
    fails_cleanly("bad usage " + " ".join(a.replace(d, "D") for a in args[-2:]) + ": exit 2",
                  ["-o", os.path.join(d, "x.mp4"), *args], 2, message, directory=d)

shutil.rmtree(work, ignore_errors=True)

sys.exit(finish())
