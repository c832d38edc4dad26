#!/usr/bin/env python3
"""test_html_export.py — `descent export --html` (docs/CLI.md §9) in a real browser.

Usage: test_html_export.py DESCENT SOURCE_ROOT.  Prints TAP.

The page is opened in headless Chromium (Debian's chromium), driven over
the DevTools protocol on a pipe (--remote-debugging-pipe: no port, no
network), with the network emulated offline and, where `unshare --net`
works, in a network namespace of its own.  Every request the page makes is
recorded: only the page's own file may be read.  The test scrubs the
timeline to an update, reads the map canvas's pixels and finds each run's
head by its colour: the centre of the head's pixels must lie within
HEAD_TOLERANCE pixels of where `descent trace` puts the run at that update,
mapped through the view as the page documents it (the view widened about
its centre to 4:3, html_page.h).  Without chromium the browser checks are
skipped, saying so; the file's size, its self-containment and the refusals
are checked either way.

A network's page (a lesson's or --model's) is checked against the core the
same way: scrubbed to an update, the numbers its legend exposes (data-*
attributes, as the script read them from the page's data) must be the rows
`descent trace --model ...` prints at that update, and the decision-region
canvas's colour at probe cells must be the class the network gives there,
computed here from θ as trace --format json prints it (the forward pass as
src/core/model.h documents it).  A page in --lang zh must carry every one
of the page's words as po/zh_CN.po translates it, and show none of the
English ones.  Every shipped network lesson's page, en and zh, is at most
2 MB.
"""
import base64
import csv
import glob
import io
import json
import math
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time

from tap import check, finish, run_command, skip

DESCENT, ROOT = sys.argv[1], sys.argv[2]
WORK = tempfile.mkdtemp(prefix="descent-html-")
HEAD_TOLERANCE = 0.75         # pixels (measured: at most 0.21)
ASPECT = 4 / 3                # html_page.h's HTML_MAP_ASPECT
# The page's run colours (the window's dark theme, src/render/theme.c), given
# to specs in the order they first appear on the page.
COLORS = [(0xE6, 0x9F, 0x00), (0x56, 0xB4, 0xE9), (0xCC, 0x79, 0xA7), (0x00, 0x9E, 0x73),
          (0xF0, 0xE4, 0x42), (0xD5, 0x5E, 0x00), (0x00, 0x72, 0xB2)]


def run(*args):
    return run_command([DESCENT, *args], env=dict(os.environ, DESCENT_DATA_DIR=ROOT))


def trace_points(options, steps):
    """{run: [(x, y), ...]} from `descent trace` with the same options."""
    code, out, err = run("trace", *options, "--steps", str(steps))
    assert code == 0, err
    points = {}
    for line in out.splitlines()[1:]:
        fields = line.rsplit(",", 4)
        run_index = int(line.split(",", 1)[0])
        points.setdefault(run_index, []).append((float(fields[2]), float(fields[3])))
    return points


def trace_network(options, steps):
    """(the CSV rows {(run, step): row dict}, the JSON) of `descent trace`
    of a network."""
    code, out, err = run("trace", *options, "--steps", str(steps))
    assert code == 0, err
    rows = {}
    for values in csv.DictReader(io.StringIO(out)):
        rows[(int(values["run"]), int(values["step"]))] = values
    code, out, err = run("trace", *options, "--steps", str(steps), "--format", "json")
    assert code == 0, err
    return rows, json.loads(out)


def mlp_outputs(sizes, act, theta, x):
    """The network's outputs at input x (src/core/model.h: layer by layer,
    W row by row (out x in) then b; act after every layer but the last)."""
    h, at = list(x), 0
    for layer in range(1, len(sizes)):
        n_in, n_out = sizes[layer - 1], sizes[layer]
        w, b = theta[at:at + n_in * n_out], theta[at + n_in * n_out:at + n_in * n_out + n_out]
        at += n_in * n_out + n_out
        a = [sum(w[o * n_in + i] * h[i] for i in range(n_in)) + b[o] for o in range(n_out)]
        h = a if layer == len(sizes) - 1 else [act(v) for v in a]
    return h


def input_square(data):
    """scene/net_repr.h's square around every sample, train and test."""
    values = [v for s in ("train", "test") for point in data[s]["x"] for v in point]
    lo, hi = min(values), max(values)
    pad = 0.08 * (hi - lo) + 1e-9
    return lo - pad, hi + pad


def catalog(path):
    """{msgid: msgstr} of a .po file."""
    entries = {}
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for block in text.split("\n\n"):
        parts = re.findall(r'^(msgid|msgstr) ((?:".*"\n?)+)', block + "\n", re.M)
        if len(parts) == 2:
            msgid, msgstr = ("".join(re.findall(r'"((?:[^"\\]|\\.)*)"', p[1]))
                             .encode().decode("unicode_escape").encode("latin-1").decode()
                             for p in parts)
            entries[msgid] = msgstr
    return entries


def widened(view):
    xmin, xmax, ymin, ymax = view
    w, h = xmax - xmin, ymax - ymin
    if w < h * ASPECT:
        mid, half = (xmin + xmax) / 2, h * ASPECT / 2
        return mid - half, mid + half, ymin, ymax
    mid, half = (ymin + ymax) / 2, w / ASPECT / 2
    return xmin, xmax, mid - half, mid + half


def to_pixel(view, width, height, x, y):
    xmin, xmax, ymin, ymax = widened(view)
    return (x - xmin) / (xmax - xmin) * width, (ymax - y) / (ymax - ymin) * height


class Browser:
    """Headless Chromium over the DevTools protocol on fds 3 and 4."""

    def __init__(self, chromium, isolate):
        to_child, self.writer = os.pipe()
        self.reader, from_child = os.pipe()

        def wire():
            a, b = os.dup(to_child), os.dup(from_child)
            os.dup2(a, 3)
            os.dup2(b, 4)

        command = [chromium, "--headless", "--remote-debugging-pipe", "--disable-gpu",
                   "--no-first-run", "--disable-extensions", "--hide-scrollbars",
                   f"--user-data-dir={WORK}/profile", "--window-size=1300,900", "about:blank"]
        if os.geteuid() == 0:
            command.insert(1, "--no-sandbox")
        self.process = subprocess.Popen(isolate + command, preexec_fn=wire, close_fds=False,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        env=dict(os.environ, DBUS_SESSION_BUS_ADDRESS="disabled:"))
        os.close(to_child)
        os.close(from_child)
        self.buffer, self.events, self.next_id = b"", [], 0

    def receive(self, deadline):
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.reader], [], [], left)[0]:
                raise TimeoutError("chromium did not answer")
            chunk = os.read(self.reader, 1 << 20)
            if not chunk:
                raise EOFError("chromium closed its pipe")
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        message = json.loads(raw)
        if "method" in message:
            self.events.append(message)
        return message

    def send(self, method, params=None, session=None, timeout=60):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.writer, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            answer = self.receive(deadline)
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer["result"]

    def open(self, path):
        """A new tab, offline, on file path; returns its session."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"]
        for domain in ("Network", "Page", "Runtime", "Log"):
            self.send(f"{domain}.enable", session=session)
        self.send("Network.emulateNetworkConditions",
                  {"offline": True, "latency": 0, "downloadThroughput": -1,
                   "uploadThroughput": -1}, session)
        self.send("Page.navigate", {"url": "file://" + path}, session)
        # Loaded when the page's own document is complete (an event could be
        # the blank tab's).
        deadline = time.monotonic() + 60
        while self.evaluate(session, "location.href + ' ' + document.readyState") != \
                f"file://{path} complete":
            if time.monotonic() > deadline:
                raise TimeoutError(f"{path} did not load")
            time.sleep(0.05)
        return session

    def evaluate(self, session, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True},
                           session)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:60]}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def close(self):
        self.process.kill()
        self.process.wait()


# Scrubs to an update (as a student drags the timeline: an input event) and
# returns the map's pixels as (width, height, RGBA bytes).
SCRUB = """(function (update) {
  const timeline = document.getElementById("timeline");
  timeline.value = update;
  timeline.dispatchEvent(new Event("input"));
})(%d)"""
PIXELS = """(function () {
  const map = document.getElementById("map");
  const data = map.getContext("2d").getImageData(0, 0, map.width, map.height).data;
  let text = "";
  for (let i = 0; i < data.length; i += 8192)
    text += String.fromCharCode.apply(null, data.subarray(i, i + 8192));
  return [map.width, map.height, btoa(text)];
})()"""


def map_pixels(browser, session):
    width, height, encoded = browser.evaluate(session, PIXELS)
    return width, height, base64.b64decode(encoded)


def head_centre(pixels, width, color):
    """Centre and count of the pixels of exactly color (a head's fill)."""
    sx = sy = n = 0
    for k in range(0, len(pixels), 4):
        if pixels[k] == color[0] and pixels[k + 1] == color[1] and pixels[k + 2] == color[2]:
            i = k // 4
            sx += i % width + 0.5
            sy += i // width + 0.5
            n += 1
    return (sx / n, sy / n, n) if n else (None, None, 0)


def check_heads(name, browser, session, view, expected_runs, update):
    """Each (color, points) run's head drawn where its point at update maps."""
    browser.evaluate(session, SCRUB % update)
    width, height, pixels = map_pixels(browser, session)
    for color, points in expected_runs:
        want = to_pixel(view, width, height, *points[update])
        x, y, n = head_centre(pixels, width, color)
        ok = n >= 40 and abs(x - want[0]) <= HEAD_TOLERANCE and abs(y - want[1]) <= HEAD_TOLERANCE
        check(f"{name}: run #{color[0]:02x}{color[1]:02x}{color[2]:02x}'s head at update {update} "
              f"on the canvas where trace puts it",
              ok, f"head pixels {n} centred at ({x}, {y}); trace maps to {want}")
    return width, height, pixels


def chromium_path():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def isolation():
    """A new network namespace for the browser when this machine allows one."""
    try:
        ok = subprocess.run(["unshare", "--net", "--", "true"], capture_output=True,
                            timeout=20).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        ok = False
    return ["unshare", "--net", "--"] if ok else []


# --- the pages ---------------------------------------------------------------
SCENE = ["--landscape", "rosenbrock", "--view", "-2,2,-1,3", "--opt", "gd:lr=0.001,x0=-1.5,y0=2",
         "--opt", "adam:lr=0.05,x0=-1.5,y0=2", "--opt", "momentum:lr=0.0005,x0=1.5,y0=-0.5"]
scene_page = os.path.join(WORK, "scene.html")
code, out, err = run("export", "--html", *SCENE, "--steps", "300", "-o", scene_page)
check("a scene exports: exit 0, nothing said", code == 0 and out == "" and err == "", err)

welcome_page = os.path.join(WORK, "welcome.html")
code, _, err = run("export", "--html", os.path.join(ROOT, "lessons", "welcome.lua"),
                   "-o", welcome_page)
size = os.path.getsize(welcome_page) if code == 0 else None
check("the welcome lesson exports, at most 2 MB", code == 0 and size <= 2_000_000,
      f"exit {code}, {size} bytes; {err}")

# Self-contained: nothing in the page names something outside it.
with open(welcome_page, encoding="utf-8") as f:
    text = f.read()
outside = [m for m in ("src=", "href=", "url(", "@import", "http:", "https:", "fetch(",
                       "XMLHttpRequest", "WebSocket") if m in text]
check("the page names nothing outside itself", not outside, f"found {outside}")
check("the page forbids every fetch (Content-Security-Policy default-src 'none')",
      "default-src 'none'" in text)

# Every shipped network lesson, en and zh: exported, at most 2 MB.
NET_LESSONS = sorted(path for path in glob.glob(os.path.join(ROOT, "lessons", "*.lua"))
                     if re.search(r"^\s*model\s*=", open(path, encoding="utf-8").read(), re.M))
net_pages = {}
for path in NET_LESSONS:
    for lang in ("en", "zh"):
        name = os.path.basename(path)[:-4]
        page = os.path.join(WORK, f"{name}_{lang}.html")
        code, _, err = run("export", "--html", path, "--lang", lang, "-o", page)
        size = os.path.getsize(page) if code == 0 else None
        net_pages[(name, lang)] = page
        check(f"{name} ({lang}) exports, at most 2 MB", code == 0 and size <= 2_000_000,
              f"exit {code}, {size} bytes; {err}")
check("the shipped network lessons are found (4 or more)", len(NET_LESSONS) >= 4,
      f"{NET_LESSONS}")
code, _, err = run("export", "--html", "--model", "mlp:layers=2-4-2", "--data", "moons", "--opt",
                   "gd", "--steps", "5", "--change", "0:2:gd:lr=0.5", "-o",
                   os.path.join(WORK, "net_scene.html"))
check("a network scene (--model, --change) exports", code == 0, err)
welcome_zh = os.path.join(WORK, "welcome_zh.html")
code, _, err = run("export", "--html", os.path.join(ROOT, "lessons", "welcome.lua"), "--lang",
                   "zh", "-o", welcome_zh)
check("the welcome lesson exports in zh", code == 0, err)


def page_data(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    start = text.index('id="descent-data">') + len('id="descent-data">')
    return json.loads(text[start:text.index("</script>", start)])


# The page's words in zh are the catalog's translations of its English ones,
# and the notes of what a network's page leaves out are the catalog's too.
CATALOG = catalog(os.path.join(ROOT, "po", "zh_CN.po"))
en_data = page_data(net_pages[("trained_not_derived", "en")])
zh_data = page_data(net_pages[("trained_not_derived", "zh")])
wrong = [k for k, v in en_data["ui"].items()
         if v not in CATALOG or zh_data["ui"].get(k) != CATALOG[v] or CATALOG[v] == v]
check("every word of the zh page (data.ui) is po/zh_CN.po's msgstr of the en page's msgid",
      en_data["ui"] and not wrong, f"{wrong}")
en_notes = [n for st in en_data["stages"] for n in st["notes"]]
zh_notes = [n for st in zh_data["stages"] for n in st["notes"]]
check("a network's stage says what it leaves out (the slice; the ensemble of 8), translated",
      any("(the slice)" in n for n in en_notes) and any("ensemble of 8" in n for n in en_notes)
      and en_notes[0] in CATALOG and zh_notes[0] == CATALOG[en_notes[0]]
      and len(zh_notes) == len(en_notes) and not set(zh_notes) & set(en_notes),
      f"{en_notes} {zh_notes}")
# The English words of the page's own texts, which no zh page may show.
EN_WORDS = {w.lower() for text in list(en_data["ui"].values()) + en_notes
            for w in re.findall(r"[A-Za-z]{3,}", text)} - {"descent", "javascript"}

# A lesson's network as trace runs it (lessons/batch_and_flatness.lua).
BF_OPTIONS = ["--model", "mlp:layers=2-16-16-2,act=tanh,loss=mse", "--data",
              "moons:n=200,noise=0.2", "--init-seed", "0", "--opt", "gd:lr=0.3", "--opt",
              "sgd:lr=0.3,batch=16"]
REGIONS_SIDE, REGION_CELLS = 540, 32
CLASS_COLORS = [(136, 85, 238), (102, 204, 68)]  # src/render/theme.c
GROUND = (18, 20, 28)


def pixel_class(rgb):
    """The class whose colour, mixed into the ground (net_view.c), is nearest rgb."""
    best = None
    for c, color in enumerate(CLASS_COLORS):
        d = [color[i] - GROUND[i] for i in range(3)]
        t = sum((rgb[i] - GROUND[i]) * d[i] for i in range(3)) / sum(v * v for v in d)
        t = min(max(t, 0.2), 0.6)
        dist = sum((rgb[i] - GROUND[i] - t * d[i]) ** 2 for i in range(3))
        if best is None or dist < best[0]:
            best = (dist, c)
    return best[1]


def probe_cells(data, theta, others):
    """Cells of the regions' grid well inside a class (margin 0.05 for theta
    and each of others) and 12 px from every sample: {class at theta: a few
    cells}, and for each of others a few cells where the class at theta
    differs from the class there (so a picture of another update or run
    fails)."""
    lo, hi = input_square(data)
    samples = [((x - lo) / (hi - lo) * REGIONS_SIDE, (hi - y) / (hi - lo) * REGIONS_SIDE)
               for s in ("train", "test") for x, y in data[s]["x"]]
    by_class, differ = {}, [[] for _ in others]
    for j in range(REGION_CELLS):
        for i in range(REGION_CELLS):
            px, py = [(k + 0.5) * REGIONS_SIDE / REGION_CELLS for k in (i, j)]
            if any((px - sx) ** 2 + (py - sy) ** 2 < 144 for sx, sy in samples):
                continue
            x = lo + (i + 0.5) * (hi - lo) / REGION_CELLS
            y = hi - (j + 0.5) * (hi - lo) / REGION_CELLS
            z = [mlp_outputs([2, 16, 16, 2], math.tanh, t, (x, y)) for t in [theta] + others]
            if all(abs(o[0] - o[1]) > 0.05 for o in z):
                c = [0 if o[0] >= o[1] else 1 for o in z]
                by_class.setdefault(c[0], []).append((px, py))
                for k, v in enumerate(c[1:]):
                    if v != c[0]:
                        differ[k].append((c[0], (px, py)))
    return ({c: cells[::max(1, len(cells) // 4)][:4] for c, cells in by_class.items()},
            [cells[::max(1, len(cells) // 3)][:3] for cells in differ])


# --- in the browser ------------------------------------------------------------
chromium = chromium_path()
if not chromium:
    skip("the pages in headless Chromium", "no chromium here (Debian's chromium package)")
else:
    isolate = isolation()
    browser = Browser(chromium, isolate)
    try:
        session = browser.open(scene_page)
        points = trace_points(SCENE, 300)
        runs = [(COLORS[r], points[r]) for r in range(3)]
        view = (-2, 2, -1, 3)
        check_heads("scene", browser, session, view, runs, 120)
        check_heads("scene", browser, session, view, runs, 300)
        moved = [to_pixel(view, 720, 540, *points[r][300]) for r in range(3)]
        early = [to_pixel(view, 720, 540, *points[r][120]) for r in range(3)]
        check("the heads move more than the tolerance between updates 120 and 300 "
              "(so scrubbing is what put them there)",
              all(abs(a[0] - b[0]) + abs(a[1] - b[1]) > 10 for a, b in zip(moved, early)),
              f"{early} -> {moved}")

        # Toggling a run off removes its head and path from the map.
        browser.evaluate(session, """(function () {
          const box = document.querySelector('#legend input[data-run="1"]');
          box.checked = false;
          box.dispatchEvent(new Event("change"));
        })()""")
        width, _, pixels = map_pixels(browser, session)
        check("a run toggled off is not drawn", head_centre(pixels, width, COLORS[1])[2] == 0
              and head_centre(pixels, width, COLORS[0])[2] >= 40)

        # The pointer reads the core's L and ∇L at the nearest grid point.
        i, j = 50, 100     # a grid cell (200 x 150 over the widened view)
        xmin, xmax, ymin, ymax = widened(view)
        x = xmin + (i + 0.5) * (xmax - xmin) / 200
        y = ymin + (j + 0.5) * (ymax - ymin) / 150
        px, py = to_pixel(view, 720, 540, x, y)
        readout = browser.evaluate(session, """(function (px, py) {
          const map = document.getElementById("map"), box = map.getBoundingClientRect();
          map.dispatchEvent(new MouseEvent("mousemove", {clientX: box.left + px,
                                                          clientY: box.top + py}));
          return document.getElementById("readout").textContent;
        })(%r, %r)""" % (px, py))
        code, out, _ = run("eval", "--landscape", "rosenbrock", "--at", f"{x!r},{y!r}")
        truth = json.loads(out)
        shown = [float(v.replace("−", "-")) for v in
                 readout.replace("(", " ").replace(")", " ").replace(",", " ").split()
                 if v.replace("−", "-").lstrip("-").replace(".", "", 1).replace("e-", "")
                 .replace("e", "").isdigit()]
        want = [x, y, truth["loss"], *truth["grad"]]
        check("hovering reads θ, L and ∇L of the grid point, as descent eval gives them "
              "(4 significant digits)",
              len(shown) == 5 and all(abs(a - b) <= 6e-4 * max(abs(b), 1e-12)
                                      for a, b in zip(shown, want)),
              f"readout {readout!r} -> {shown}; eval {want}")

        # The welcome lesson: switch to step 4 (four valleys), scrub.
        session = browser.open(welcome_page)
        browser.evaluate(session, """(function () {
          const select = document.getElementById("stage");
          select.value = 3;
          select.dispatchEvent(new Event("change"));
        })()""")
        starts = ["x0=1,y0=1", "x0=-1,y0=1", "x0=-1,y0=-1", "x0=1,y0=-1"]
        options = ["--landscape", "himmelblau"]
        for s in starts:
            options += ["--opt", f"gd:lr=0.01,{s}"]
        points = trace_points(options, 600)
        # gd:lr=0.05 (step 2) took the first colour; these four the next.
        runs = [(COLORS[1 + r], points[r]) for r in range(4)]
        check_heads("welcome step 4", browser, session, (-6, 6, -5.5, 5.5), runs, 40)
        caption = browser.evaluate(session, "document.getElementById('caption').textContent")
        check("welcome step 4 shows its caption", caption.startswith("Seeing only the local slope"),
              caption)

        # Keys: "." one update, Space plays and pauses, → the next step.
        def press(key, code):
            for kind in ("keyDown", "keyUp"):
                event = {"type": kind, "key": key, "code": code}
                if kind == "keyDown" and len(key) == 1:
                    event["text"] = key
                browser.send("Input.dispatchKeyEvent", event, session)

        def shown():
            return browser.evaluate(session, "[document.getElementById('stage').value, "
                                    "document.getElementById('timeline').value, "
                                    "document.getElementById('play').textContent]")

        browser.evaluate(session, "document.activeElement.blur()")
        press(".", "Period")
        after_one = shown()
        press(" ", "Space")
        playing = shown()
        press(" ", "Space")
        paused = shown()
        press("ArrowRight", "ArrowRight")
        check("keys: '.' takes one update, Space plays and pauses, → opens the next step",
              after_one == ["3", "41", "Play"] and playing[2] == "Pause" and paused[2] == "Play"
              and shown()[0] == "4", f"{after_one} {playing} {paused} {shown()}")

        # Texts that look like markup stay text: nothing ends the data's script.
        hostile = os.path.join(WORK, "hostile.lua")
        with open(hostile, "w", encoding="utf-8") as f:
            f.write('lesson { title = "<b>bold</b> & </title>", landscape = "booth" }\n'
                    'step { caption = "</script><script>document.title=\'owned\'</script> "'
                    '  .. "<!--", runs = { "sgd:lr=0.05,noise=0.5" }, particles = 5, play = 20 }\n')
        page = os.path.join(WORK, "hostile.html")
        code, _, err = run("export", "--html", hostile, "-o", page)
        session = browser.open(page)
        texts = browser.evaluate(session, "[document.title, document.querySelector('h1')"
                                          ".textContent, document.getElementById('caption')"
                                          ".textContent]")
        note = browser.evaluate(session, "document.getElementById('left-out').hidden ? '' : "
                                         "document.getElementById('left-out').textContent")
        check("a step's swarm left out is said under the caption", "swarm of 5 particles" in note,
              repr(note))
        check("a title and caption holding markup show as the text they are", code == 0 and texts == [
            "<b>bold</b> & </title>", "<b>bold</b> & </title>",
            "</script><script>document.title='owned'</script> <!--"], f"{err} {texts}")

        # A network's page: scrubbed to an update, the legend's numbers are
        # trace's rows there, and the regions are the network's classes.
        bf_page = net_pages[("batch_and_flatness", "en")]
        session = browser.open(bf_page)
        rows, traced = trace_network(BF_OPTIONS, 1024)
        LEGEND = """Array.from(document.querySelectorAll('#legend .loss')).map(function (s) {
          return [s.dataset.update, s.dataset.trainLoss, s.dataset.testLoss, s.dataset.trainAcc,
                  s.dataset.testAcc, s.textContent]; })"""
        for update in (777, 1024):
            browser.evaluate(session, SCRUB % update)
            legend = browser.evaluate(session, LEGEND)
            want = [[str(update)] + [rows[(r, update)][m] for m in
                                     ("train_loss", "test_loss", "train_acc", "test_acc")]
                    for r in range(2)]
            same = len(legend) == 2 and all(
                got[0] == w[0] and all(float(a) == float(b) for a, b in zip(got[1:5], w[1:]))
                for got, w in zip(legend, want))
            check(f"batch_and_flatness at update {update}: the legend's losses and accuracies "
                  f"are trace's rows there, to the last bit", same, f"page {legend}; trace {want}")
        cursor = browser.evaluate(session, "document.getElementById('update').textContent")
        check("the timeline reads the update scrubbed to", cursor == "update 1024 / 2000", cursor)
        note = browser.evaluate(session, "document.getElementById('left-out').hidden ? '' : "
                                         "document.getElementById('left-out').textContent")
        check("a network's page says under the caption that it does not draw the slice",
              "(the slice)" in note, note)

        PROBE = """(function (points) {
          const c = document.getElementById("regions").getContext("2d");
          return points.map(function (p) {
            return Array.from(c.getImageData(Math.floor(p[0]), Math.floor(p[1]), 1, 1).data);
          });
        })(%s)"""

        def check_regions(what, update, theta, others):
            browser.evaluate(session, SCRUB % update)
            cells, differ = probe_cells(traced["data"], theta, others)
            points = [(c, p) for c, ps in sorted(cells.items()) for p in ps]
            points += [point for group in differ for point in group]
            pixels = browser.evaluate(session, PROBE % json.dumps([p for _, p in points]))
            got = [pixel_class(px) for px in pixels]
            check(f"{what}: the regions at update {update} are the network's class at "
                  f"{len(points)} probe cells, both classes among them, "
                  f"{[len(group) for group in differ]} where each other θ differs",
                  len(cells) == 2 and all(differ) and got == [c for c, _ in points],
                  f"want {[c for c, _ in points]}, drawn {got} {pixels}")

        gd, sgd = traced["runs"][0], traced["runs"][1]
        check_regions("run 1 (gd)", 1024, gd["theta"], [gd["theta0"], sgd["theta"]])
        check_regions("run 1 (gd)", 0, gd["theta0"], [gd["theta"]])
        browser.evaluate(session, """(function () {
          const pick = document.querySelector('#legend input[type="radio"][data-run="1"]');
          pick.checked = true;
          pick.dispatchEvent(new Event("change"));
        })()""")
        check_regions("run 2 (sgd), picked in the legend", 1024, sgd["theta"],
                      [gd["theta"], gd["theta0"]])

        # zh pages: no English word of the page's own texts anywhere in what
        # they show, step by step (lesson texts, specs and the command left aside).
        UI_TEXT = """(function () {
          const copy = document.body.cloneNode(true);
          for (const e of copy.querySelectorAll("#caption, h1, code, script, noscript"))
            e.remove();
          const titles = Array.from(document.querySelectorAll("[title]")).map(function (e) {
            return e.title; });
          return copy.innerText + " " + titles.join(" ");
        })()"""
        english = {}
        for page in (net_pages[("trained_not_derived", "zh")],
                     net_pages[("adam_vs_sgd_network", "zh")], welcome_zh):
            session = browser.open(page)
            data = page_data(page)
            for stage in range(len(data["stages"])):
                browser.evaluate(session, """(function (s) {
                  const select = document.getElementById("stage");
                  select.value = s;
                  select.dispatchEvent(new Event("change"));
                  for (const id of ["map", "regions"]) {
                    const e = document.getElementById(id), box = e.getBoundingClientRect();
                    e.dispatchEvent(new MouseEvent("mousemove", {clientX: box.left + 50,
                                                                 clientY: box.top + 50}));
                  }
                })(%d)""" % stage)
                text = browser.evaluate(session, UI_TEXT).replace(data["origin"], "")
                specs = [r["spec"] for n in data["networks"] for r in n["runs"]]
                specs += [r["spec"] for st in data["stages"] for r in st.get("runs", [])]
                for spec in sorted(specs, key=len, reverse=True):
                    text = text.replace(spec, "")
                found = {w for w in re.findall(r"[A-Za-z]{3,}", text) if w.lower() in EN_WORDS}
                if found:
                    english[f"{os.path.basename(page)} step {stage + 1}"] = sorted(found)
        check("the zh pages (two network lessons, welcome) show no English word of the "
              "page's own texts, at any step", not english, f"{english}")

        requests = sorted({e["params"]["request"]["url"] for e in browser.events
                           if e["method"] == "Network.requestWillBeSent"})
        own = {"file://" + p for p in [scene_page, welcome_page, welcome_zh,
                                       os.path.join(WORK, "hostile.html")]
               + list(net_pages.values())}
        foreign = [u for u in requests if u not in own and not u.startswith("data:")]
        check("the pages asked for nothing but themselves (network offline%s)"
              % (", own network namespace" if isolate else ""), not foreign, f"{foreign}")
        problems = [e["params"] for e in browser.events
                    if e["method"] in ("Runtime.exceptionThrown", "Log.entryAdded")
                    and (e["method"] == "Runtime.exceptionThrown"
                         or e["params"]["entry"]["level"] == "error")]
        check("no script errors and no refused fetch in the browser's log", not problems,
              json.dumps(problems)[:800])
    except (RuntimeError, TimeoutError, EOFError, AssertionError) as e:
        check("chromium drove the pages", False, repr(e))
    finally:
        browser.close()

# --- refusals: one line, exit 2, no file --------------------------------------
REFUSED = [
    ("an unknown landscape", ["--landscape", "nowhere", "--opt", "gd", "--steps", "10"], 2),
    ("a bad optimizer", ["--opt", "gd:lr=fast", "--steps", "10"], 2),
    ("no runs", ["--steps", "10"], 2),
    ("no --steps", ["--opt", "gd"], 2),
    ("--step with --html", [os.path.join(ROOT, "lessons", "welcome.lua"), "--step", "2"], 2),
    ("a lesson with --opt", [os.path.join(ROOT, "lessons", "welcome.lua"), "--opt", "gd"], 2),
    ("a missing lesson", [os.path.join(WORK, "missing.lua")], 2),
    ("a lesson with --model", [os.path.join(ROOT, "lessons", "representation.lua"),
                               "--model", "mlp:layers=2-4-2"], 2),
    ("a network with --view", ["--model", "mlp:layers=2-4-2", "--data", "moons", "--opt", "gd",
                               "--steps", "5", "--view", "0,1,0,1"], 2),
]
for name, args, status in REFUSED:
    target = os.path.join(WORK, "refused", "page.html")
    os.makedirs(os.path.dirname(target), exist_ok=True)
    code, out, err = run("export", "--html", *args, "-o", target)
    lines = err.splitlines()
    check(f"refuses {name}: exit {status}, one line 'descent: ...', no file",
          code == status and len(lines) == 1 and lines[0].startswith("descent: ")
          and not os.listdir(os.path.dirname(target)), f"exit {code}: {err!r}")
code, _, err = run("export", "--html", *SCENE, "--steps", "5", "-o",
                   os.path.join(WORK, "no-such-folder", "page.html"))
check("an unwritable path: exit 1, one line", code == 1 and len(err.splitlines()) == 1, err)
code, _, err = run("export", "--html", *SCENE, "--steps", "5")
check("no -o: exit 2, one line", code == 2 and len(err.splitlines()) == 1, err)

shutil.rmtree(WORK, ignore_errors=True)
sys.exit(finish())
