#!/usr/bin/env python3
"""test_slides.py — slide-ready recordings: --transparent, --theme light, --crop.

Usage: test_slides.py DESCENT.  Prints TAP.  Runs off-screen (the caller sets
SDL_VIDEODRIVER=offscreen).  Frames are read back with ffmpeg as raw RGBA.

The stage is a square view (-2..2, -1..3 on rosenbrock) in a 320x240 frame,
the landscape at the left and the strips beside it off the landscape; a flat
landscape (expr:0) makes every pixel that no panel, path or mark covers the
colormap's lowest colour, which is how "no panel" and "a light panel" are
told.
"""
import glob
import json
import os
import subprocess
import sys
import tempfile

from tap import check, decode_video, finish, run_command

DESCENT = os.path.abspath(sys.argv[1])
W, H = 320, 240
STAGE = ["--landscape", "rosenbrock", "--view", "-2,2,-1,3", "--size", f"{W}x{H}"]
FLAT = ["--landscape", "expr:0", "--opt", "gd", "--start", "0,0", "--view", "-1,1,-1,1",
        "--size", f"{W}x{H}"]


def record(*args):
    code, _, err = run_command([DESCENT, "record", *args], timeout=300)
    return code, err


def frames(path, decoder=None):
    """Every frame of path as a list of bytes objects (RGBA, top row first)."""
    data = decode_video(path, decoder=decoder)
    size = W * H * 4
    return [data[k:k + size] for k in range(0, len(data) - size + 1, size)]


def pixel(frame, x, y):
    k = 4 * (y * W + x)
    return tuple(frame[k:k + 4])


work = tempfile.mkdtemp(prefix="test_slides.")
# At this size the map stands at the right, full height, the legend at the
# top left and the colour bar and the loss plot under it at the bottom left,
# empty frame between (layout.h; a recording's legend has no status line);
# the asked-for view is fitted into the map.
OFF = [(2, 120), (60, 100), (100, 150), (105, 60)]     # beside the landscape, no panel there
ON = [(200, 60), (150, 200), (280, 120)]               # on the landscape, no panel there
PLOT_PANEL = (86, 191)                                 # the loss plot's panel, bottom left

# --- transparent PNG ------------------------------------------------------------

out = os.path.join(work, "t.png")
code, err = record(*STAGE, "--transparent", "-o", out)
f = frames(out)
check("transparent PNG: recorded", code == 0 and len(f) == 1, err)
if f:
    off, on = [pixel(f[0], *p)[3] for p in OFF], [pixel(f[0], *p)[3] for p in ON]
    check("transparent PNG: alpha 0 off the landscape", off == [0] * len(OFF), str(off))
    check("transparent PNG: alpha 255 on the landscape", on == [255] * len(ON), str(on))
    r, g, b, a = pixel(f[0], *PLOT_PANEL)
    # The dark panel (0.07, 0.08, 0.11) at alpha 0.8 over nothing: straight colour, not darkened.
    check("transparent PNG: a panel off the landscape keeps its alpha and its own colour",
          abs(a - 204) <= 2 and abs(r - 18) <= 3 and abs(g - 20) <= 3 and abs(b - 28) <= 3,
          str((r, g, b, a)))
out = os.path.join(work, "opaque.png")
code, err = record(*STAGE, "-o", out)
f = frames(out)
check("without --transparent every pixel is opaque",
      code == 0 and f and all(f[0][k] == 255 for k in range(3, len(f[0]), 4)), err)

# --- transparent sequence, WebM and GIF -----------------------------------------

pattern = os.path.join(work, "seq", "f_%03d.png")
os.makedirs(os.path.dirname(pattern))
code, err = record(*STAGE, "--transparent", "--frames", "3", "-o", pattern)
seq = sorted(glob.glob(os.path.join(work, "seq", "*.png")))
check("transparent PNG sequence: each frame clear off the landscape",
      code == 0 and len(seq) == 3 and all(pixel(frames(p)[0], *OFF[0])[3] == 0 for p in seq), err)

out = os.path.join(work, "t.webm")
code, err = record(*STAGE, "--transparent", "--frames", "4", "-o", out)
p = subprocess.run(["ffprobe", "-v", "error", "-show_streams", "-of", "json", out],
                   capture_output=True, text=True, timeout=60)
stream = json.loads(p.stdout)["streams"][0] if p.returncode == 0 else {}
# ffmpeg's native VP9 decoder ignores the alpha plane; ffprobe marks it with
# alpha_mode, and libvpx's decoder gives it back as yuva420p.
check("transparent WebM: VP9 with an alpha plane (alpha_mode 1)",
      code == 0 and stream.get("codec_name") == "vp9"
      and stream.get("tags", {}).get("alpha_mode") == "1", err + p.stdout)
f = frames(out, decoder="libvpx-vp9")
check("transparent WebM: decodes with alpha 0 off the landscape and opaque on it",
      len(f) == 4 and all(pixel(fr, *OFF[0])[3] <= 8 and pixel(fr, *ON[0])[3] >= 247 for fr in f),
      str([(pixel(fr, *OFF[0]), pixel(fr, *ON[0])) for fr in f]))
p = subprocess.run(["ffmpeg", "-v", "error", "-c:v", "libvpx-vp9", "-i", out, "-frames:v", "1",
                    "-f", "null", "-", "-v", "info"], capture_output=True, text=True, timeout=60)
check("transparent WebM: libvpx decodes it as yuva420p", "yuva420p" in p.stderr, p.stderr[-300:])

out = os.path.join(work, "t.gif")
code, err = record(*STAGE, "--transparent", "--seconds", "0.2", "-o", out)
f = frames(out)
check("transparent GIF: a transparent colour off the landscape, opaque on it",
      code == 0 and f and pixel(f[0], *OFF[0])[3] == 0 and pixel(f[0], *ON[0])[3] == 255, err)

out = os.path.join(work, "mp4", "t.mp4")
os.makedirs(os.path.dirname(out))
code, err = record(*STAGE, "--transparent", "-o", out)
check("--transparent with MP4: exit 2, one line, nothing written",
      code == 2 and err.startswith("descent: ") and err.count("\n") == 1 and "MP4" in err
      and os.listdir(os.path.dirname(out)) == [], err)

# --- theme and crop ---------------------------------------------------------------

# At 320x240 the legend is at the top left, the loss plot at the bottom
# left, the map right of them (each panel 3 px in from the frame's edges).
LEGEND = [(5, 5), (60, 6), (60, 15)]       # inside the legend panel's padding
PLOT = [(4, 200), (4, 230)]                # inside the loss plot panel's margin


def flat(*extra):
    out = os.path.join(work, "flat%s.png" % "".join(extra).replace("-", "_").replace(" ", ""))
    code, err = record(*FLAT, *extra, "-o", out)
    f = frames(out)
    return (f[0] if f else b""), code, err


dark, code1, err1 = flat()
light, code2, err2 = flat("--theme", "light")
MAP = [(200, 200), (100, 60)]              # on the map, beside the start mark
background = pixel(dark, *MAP[0]) if dark else None
check("flat stage recorded in both themes", code1 == 0 and code2 == 0 and dark and light, err1 + err2)
if dark and light:
    lum = lambda p: 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2]
    d, l = [lum(pixel(dark, *p)) for p in LEGEND + PLOT], [lum(pixel(light, *p)) for p in LEGEND + PLOT]
    check("--theme light: panel backgrounds are light where the dark theme's are dark",
          all(v < 60 for v in d) and all(v > 190 for v in l), f"dark {d} light {l}")
    # For paper the light theme draws the colormap mixed 60% towards white
    # (viridis' low end, 68,1,84, becomes about 180,153,186).
    paper = tuple(round(c + 0.6 * (255 - c)) for c in background[:3])
    check("--theme light: the landscape is the dark theme's colour mixed 60% towards white",
          pixel(dark, *MAP[0]) == pixel(dark, *MAP[1])
          and pixel(light, *MAP[0]) == pixel(light, *MAP[1])
          and all(abs(a - b) <= 2 for a, b in zip(pixel(light, *MAP[0])[:3], paper)),
          f"dark {background} light {pixel(light, *MAP[0])} expected {paper}")

crop, code, err = flat("--crop")
check("--crop: recorded", code == 0 and crop, err)
if crop and dark:
    stray = [(x, y) for y in range(H) for x in range(W)
             if pixel(crop, x, y) != background and not (140 <= x < 180 and 100 <= y < 140)]
    check("--crop: every pixel off the start mark is the landscape's (no legend, plot or caption)",
          not stray, f"{len(stray)} other pixels, first {stray[:5]}")
    check("without --crop the same places hold panels",
          all(pixel(dark, *p) != background for p in LEGEND + PLOT))

sys.exit(finish())
