// page.js — the script of a page `descent export --html` writes
// (src/scene/html_page.h, docs/ARCHITECTURE.md §9.1).  It only draws: every
// number comes from the page's data, which descent's core computed — the
// landscape's L and ∇L on a grid, every run's path with its loss; for a
// network, every run's training and test loss and accuracy per update and
// its decision regions (class and confidence on a grid over the data's
// square) at a set of updates.  Its own words are the page's data too
// (data.ui, from descent's message catalog, in the page's language).
// Plain JavaScript, no framework, nothing fetched.
//
// Controls: Space plays or pauses, "." takes one update, ← → (PageUp,
// PageDown) switch steps, the timeline scrubs (and pauses), the boxes in
// the legend show or hide runs (the round ones pick the run whose regions
// a network's stage draws), the pointer over the map reads L and ∇L (over
// the regions, the network's class).
// The address's #stage=N&update=K opens step N (1 for the first) at
// update K, paused: a link to one moment of a lesson.
"use strict";

(function () {
  const data = JSON.parse(document.getElementById("descent-data").textContent);
  const ui = data.ui;

  // One of the page's words, each %s filled by the next of args.
  function say(name) {
    const args = Array.prototype.slice.call(arguments, 1);
    return ui[name].replace(/%s/g, function () { return String(args.shift()); });
  }

  // Fixed facts of the drawing, as the window draws them:
  // the dark theme's run colours and contour strength (src/render/theme.c),
  // the contour levels (src/render/heatmap.c) and the log scale's decades
  // (src/render/value_scale.h).
  const RUN_COLORS = ["#e69f00", "#56b4e9", "#cc79a7", "#009e73", "#f0e442", "#d55e00",
                      "#0072b2"];
  const CONTOUR_STRENGTH = 0.35;
  const CONTOUR_LEVELS = 16;
  const LOG_DECADES = 5;
  const MAP_WIDTH = 720, MAP_HEIGHT = 540;   // html_page.h's HTML_MAP_ASPECT
  const PLOT_WIDTH = 420, PLOT_HEIGHT = 240;
  const HEAD_RADIUS = 6;
  const DEFAULT_SPEED = 60;                  // updates per second
  // A network's data panel (src/render/net_view.c): the classes' colours
  // (src/render/theme.c's theme_class_colors, none a run's colour), the
  // panel's ground they are mixed into by how sure the network is, the
  // ring around a misclassified sample.
  const CLASS_COLORS = [[136, 85, 238], [102, 204, 68], [238, 17, 136], [136, 102, 51]];
  const NO_CLASS = [128, 128, 128];
  const GROUND = [18, 20, 28];
  const WARN = "#ff8c73";
  const REGIONS_SIDE = 540;

  // ---------------------------------------------------------------- numbers

  // A number as the window writes one: 4 significant digits, no trailing
  // zeros, exponent form outside 1e-3 .. 1e5.
  function numberText(v) {
    if (v === null || !isFinite(v)) return v > 0 ? "∞" : v < 0 ? "−∞" : "NaN";
    if (v === 0) return "0";
    const a = Math.abs(v);
    let s = a >= 1e-3 && a < 1e5 ? String(Number(v.toPrecision(4)))
                                 : v.toExponential(3).replace(/\.?0+e/, "e");
    return s.replace("-", "−");
  }

  // ---------------------------------------------------------------- fields

  function parseColormap(text) {
    const rgb = [];
    for (const line of text.split("\n")) {
      if (line === "" || line[0] === "#") continue;
      rgb.push(line.trim().split(/\s+/).map(function (c) { return Math.round(255 * Number(c)); }));
    }
    return rgb;
  }
  const colormap = parseColormap(data.colormap);

  // A field's cells: L, ∂L/∂x, ∂L/∂y per cell, row 0 at the view's ymin,
  // float32 little-endian (html_page.c).
  function decodeField(field) {
    const bytes = atob(field.cells);
    const view = new DataView(new ArrayBuffer(bytes.length));
    for (let i = 0; i < bytes.length; i++) view.setUint8(i, bytes.charCodeAt(i));
    const cells = new Float32Array(bytes.length / 4);
    for (let i = 0; i < cells.length; i++) cells[i] = view.getFloat32(4 * i, true);
    field.values = cells;
    let lo = Infinity, hi = -Infinity;
    for (let i = 0; i < cells.length; i += 3) {
      const v = cells[i];
      if (isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    }
    field.scale = valueScale(lo, hi, field.log);
  }

  // Values to t in [0, 1], linear or over LOG_DECADES decades below the top
  // (src/render/value_scale.c).
  function valueScale(lo, hi, log) {
    const any = lo <= hi, range = hi - lo;
    const floor = range > 0 ? range * Math.pow(10, -LOG_DECADES) : 1;
    const logFloor = Math.log(floor), logSpan = Math.log(range + floor) - logFloor;
    return function (v) {
      let t;
      if (!isFinite(v) || !any) t = 1;
      else if (!(range > 0)) t = 0;
      else if (log) t = (Math.log(v - lo + floor) - logFloor) / logSpan;
      else t = (v - lo) / range;
      return t > 1 ? 1 : t >= 0 ? t : 0;
    };
  }

  function smoothstep(a, b, x) {
    const t = Math.min(Math.max((x - a) / (b - a), 0), 1);
    return t * t * (3 - 2 * t);
  }

  // The map's picture: L between cell centres interpolated bilinearly,
  // coloured by the colormap, darkened along contour lines at evenly
  // spaced t (shaders/contour.glsl, with its fwidth taken from the
  // neighbouring pixels).
  function paintField(field) {
    const w = field.width, h = field.height, cells = field.values;
    const t = new Float32Array(MAP_WIDTH * MAP_HEIGHT);
    for (let py = 0; py < MAP_HEIGHT; py++) {
      const gy = Math.min(Math.max((1 - (py + 0.5) / MAP_HEIGHT) * h - 0.5, 0), h - 1);
      const j = Math.min(Math.floor(gy), h - 2), fy = gy - j;
      for (let px = 0; px < MAP_WIDTH; px++) {
        const gx = Math.min(Math.max((px + 0.5) / MAP_WIDTH * w - 0.5, 0), w - 1);
        const i = Math.min(Math.floor(gx), w - 2), fx = gx - i;
        const a = cells[3 * (j * w + i)], b = cells[3 * (j * w + i + 1)];
        const c = cells[3 * ((j + 1) * w + i)], d = cells[3 * ((j + 1) * w + i + 1)];
        const v = (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
        t[py * MAP_WIDTH + px] = field.scale(v);
      }
    }
    const canvas = document.createElement("canvas");
    canvas.width = MAP_WIDTH;
    canvas.height = MAP_HEIGHT;
    const context = canvas.getContext("2d");
    const image = context.createImageData(MAP_WIDTH, MAP_HEIGHT);
    for (let py = 0; py < MAP_HEIGHT; py++) {
      for (let px = 0; px < MAP_WIDTH; px++) {
        const k = py * MAP_WIDTH + px, v = t[k];
        const right = px + 1 < MAP_WIDTH ? t[k + 1] : t[k - 1];
        const below = py + 1 < MAP_HEIGHT ? t[k + MAP_WIDTH] : t[k - MAP_WIDTH];
        const f = v * CONTOUR_LEVELS;
        const fw = (Math.abs(right - v) + Math.abs(below - v)) * CONTOUR_LEVELS;
        const dist = Math.abs(f + 0.5 - Math.floor(f + 0.5) - 0.5) / Math.max(fw, 1e-6);
        const line = 1 - smoothstep(0.5 * 1.2 - 0.5, 0.5 * 1.2 + 0.5, dist);
        const fade = 1 - smoothstep(0.12, 0.3, fw);
        const dark = 1 - line * fade * (f >= 0.5 ? 1 : 0) * CONTOUR_STRENGTH;
        const rgb = colormap[Math.min(Math.floor(v * 256), 255)];
        image.data[4 * k] = rgb[0] * dark;
        image.data[4 * k + 1] = rgb[1] * dark;
        image.data[4 * k + 2] = rgb[2] * dark;
        image.data[4 * k + 3] = 255;
      }
    }
    context.putImageData(image, 0, 0);
    return canvas;
  }

  // ---------------------------------------------------------------- runs

  // A run keeps one colour across the page: the palette's places go to
  // specs in the order they first appear (as the window remembers a run's
  // colour by its settings).
  const colorOf = new Map();
  for (const stage of data.stages) {
    const network = stage.network === undefined ? null : data.networks[stage.network];
    if (network) stage.runs = network.runs;
    for (const run of stage.runs) {
      if (!colorOf.has(run.spec)) colorOf.set(run.spec, RUN_COLORS[colorOf.size % RUN_COLORS.length]);
      run.color = colorOf.get(run.spec);
      run.points = network ? run.train_loss.length : run.path.length / 3;
    }
    if (!network)
      stage.updates = stage.runs.reduce(function (m, r) { return Math.max(m, r.points - 1); }, 0);
  }

  // The point of run after update k: its last finite point when it
  // diverged before k.
  function headIndex(run, k) {
    const last = run.points - 1;
    if (k < last) return k;
    return run.diverged ? Math.max(last - 1, 0) : last;
  }

  // ---------------------------------------------------------------- page

  function element(tag, attributes, parent) {
    const e = document.createElement(tag);
    for (const name in attributes) {
      if (name === "text") e.textContent = attributes[name];
      else e.setAttribute(name, attributes[name]);
    }
    if (parent) parent.appendChild(e);
    return e;
  }

  document.title = data.title;
  const header = element("header", {}, document.body);
  element("h1", {text: data.title}, header);
  const nav = element("nav", {}, header);
  const previous = element("button", {id: "previous", text: "◀", title: say("previous")}, nav);
  const stageSelect = element("select", {id: "stage", title: say("step")}, nav);
  const next = element("button", {id: "next", text: "▶", title: say("next")}, nav);
  data.stages.forEach(function (stage, s) {
    element("option", {value: s, text: (s + 1) + " / " + data.stages.length}, stageSelect);
  });
  if (data.stages.length < 2) nav.hidden = true;

  const main = element("main", {}, document.body);
  const left = element("div", {class: "left"}, main);
  const map = element("canvas", {id: "map", width: MAP_WIDTH, height: MAP_HEIGHT}, left);
  const regionsTitle = element("div", {id: "regions-title"}, left);
  const regions = element("canvas", {id: "regions", width: REGIONS_SIDE, height: REGIONS_SIDE},
                          left);
  const regionsKey = element("div", {id: "regions-key", text: say("regions_key")}, left);
  const readout = element("div", {id: "readout"}, left);
  const controls = element("div", {class: "controls"}, left);
  const play = element("button", {id: "play", text: say("play"), title: say("play_title")},
                       controls);
  const one = element("button", {id: "one", text: "+1", title: say("one_title")}, controls);
  const timeline = element("input", {id: "timeline", type: "range", min: 0, value: 0}, controls);
  const updateLabel = element("span", {id: "update"}, controls);
  const right = element("div", {class: "right"}, main);
  const caption = element("p", {id: "caption"}, right);
  const leftOut = element("p", {id: "left-out"}, right);
  const legend = element("ul", {id: "legend"}, right);
  const plot = element("canvas", {id: "plot", width: PLOT_WIDTH, height: PLOT_HEIGHT}, right);
  const accuracy = element("canvas", {id: "accuracy", width: PLOT_WIDTH, height: PLOT_HEIGHT},
                           right);
  element("footer", {text: say(data.fields.length ? "footer" : "footer_net", data.origin)},
          document.body);

  const state = {stage: 0, update: 0, playing: false, hidden: new Set(), last: 0, regionRun: 0};
  const pictures = [];

  function stageNow() { return data.stages[state.stage]; }
  function fieldNow() { return data.fields[stageNow().field]; }
  function networkNow() {
    const stage = stageNow();
    return stage.network === undefined ? null : data.networks[stage.network];
  }

  function toMap(field, x, y) {
    const v = field.view;
    return [(x - v[0]) / (v[1] - v[0]) * MAP_WIDTH, (v[3] - y) / (v[3] - v[2]) * MAP_HEIGHT];
  }

  // A label on a dark panel, its bottom-left corner at (x, y).
  function label(context, text, x, y) {
    context.font = "14px sans-serif";
    const width = context.measureText(text).width;
    context.fillStyle = "rgba(0,0,0,0.6)";
    context.fillRect(x, y - 20, width + 8, 20);
    context.fillStyle = "#f2f2f2";
    context.fillText(text, x + 4, y - 5);
  }

  function drawMap() {
    const field = fieldNow(), stage = stageNow(), context = map.getContext("2d");
    if (!pictures[stage.field]) {
      if (!field.values) decodeField(field);
      pictures[stage.field] = paintField(field);
    }
    context.drawImage(pictures[stage.field], 0, 0);
    context.lineJoin = context.lineCap = "round";
    for (const m of field.minima) {
      const p = toMap(field, m[0], m[1]);
      context.strokeStyle = "rgba(255,255,255,0.95)";
      context.lineWidth = 1.5;
      context.beginPath();
      context.arc(p[0], p[1], 5, 0, 2 * Math.PI);
      context.stroke();
    }
    for (const m of stage.marks) {
      const p = toMap(field, m.x, m.y);
      context.fillStyle = "rgba(255,255,255,0.95)";
      context.beginPath();
      context.arc(p[0], p[1], 3, 0, 2 * Math.PI);
      context.fill();
      if (m.radius > 0) {
        const r = m.radius / (field.view[1] - field.view[0]) * MAP_WIDTH;
        context.strokeStyle = "rgba(255,255,255,0.95)";
        context.beginPath();
        context.arc(p[0], p[1], r, 0, 2 * Math.PI);
        context.stroke();
      }
      if (m.label) label(context, m.label, p[0] + 8, p[1]);
    }
    const shown = stage.runs.filter(function (run, r) { return !state.hidden.has(r); });
    for (const run of shown) drawPath(context, field, run);
    // Heads last, over every path: an opaque disc of the run's colour; a
    // head off the map is held at its edge, labelled.
    for (const run of shown) {
      const k = headIndex(run, state.update), p = toMap(field, run.path[3 * k], run.path[3 * k + 1]);
      const inside = p[0] >= 0 && p[0] <= MAP_WIDTH && p[1] >= 0 && p[1] <= MAP_HEIGHT;
      if (!inside) {
        p[0] = isFinite(p[0]) ? Math.min(Math.max(p[0], HEAD_RADIUS), MAP_WIDTH - HEAD_RADIUS) : MAP_WIDTH / 2;
        p[1] = isFinite(p[1]) ? Math.min(Math.max(p[1], HEAD_RADIUS), MAP_HEIGHT - HEAD_RADIUS) : MAP_HEIGHT / 2;
        label(context, say("off_view"), p[0] + (p[0] > MAP_WIDTH / 2 ? -80 : 8), p[1] + (p[1] < 30 ? 28 : 0));
      }
      context.beginPath();
      context.arc(p[0], p[1], HEAD_RADIUS, 0, 2 * Math.PI);
      context.fillStyle = run.color;
      context.fill();
      context.strokeStyle = "rgba(0,0,0,0.8)";
      context.lineWidth = 1.5;
      context.stroke();
    }
  }

  // The path up to the shown update: a dark casing, then the run's colour,
  // a cross at the start.
  function drawPath(context, field, run) {
    const k = headIndex(run, state.update);
    const line = new Path2D();
    for (let i = 0; i <= k; i++) {
      const p = toMap(field, run.path[3 * i], run.path[3 * i + 1]);
      if (i === 0) line.moveTo(p[0], p[1]); else line.lineTo(p[0], p[1]);
    }
    context.strokeStyle = "rgba(0,0,0,0.55)";
    context.lineWidth = 4.5;
    context.stroke(line);
    context.strokeStyle = run.color;
    context.globalAlpha = 0.85;
    context.lineWidth = 2.5;
    context.stroke(line);
    context.globalAlpha = 1;
    const s = toMap(field, run.path[0], run.path[1]);
    context.strokeStyle = "rgba(255,255,255,0.95)";
    context.lineWidth = 1.5;
    context.beginPath();
    context.moveTo(s[0] - 5, s[1] - 5); context.lineTo(s[0] + 5, s[1] + 5);
    context.moveTo(s[0] + 5, s[1] - 5); context.lineTo(s[0] - 5, s[1] + 5);
    context.stroke();
  }

  // Loss against update for every shown run, the whole stage's range on a
  // log axis when every loss is positive, with the shown update marked.
  function drawPlot() {
    const stage = stageNow();
    const shown = stage.runs.filter(function (run, r) { return !state.hidden.has(r); });
    drawCurves(plot, say("loss_plot"), shown.map(function (run) {
      return {color: run.color, dashed: false, count: run.points,
              value: function (i) { return run.path[3 * i + 2]; }};
    }), stage.updates, null);
  }

  // A network's shown runs: training (solid) and test (dashed) loss, on a
  // log axis when every loss is positive, and accuracy on 0 .. 1.
  function drawNetworkPlots() {
    const stage = stageNow();
    const shown = stage.runs.filter(function (run, r) { return !state.hidden.has(r); });
    for (const kind of [["loss", plot, null], ["acc", accuracy, [0, 1]]]) {
      const series = [];
      for (const run of shown) {
        for (const set of ["train", "test"]) {
          const values = run[set + "_" + kind[0]];
          series.push({color: run.color, dashed: set === "test",
                       count: Math.min(values.length, stage.updates + 1),
                       value: function (i) { return values[i]; }});
        }
      }
      drawCurves(kind[1], say(kind[0] === "loss" ? "loss_curves" : "accuracy_curves"), series,
                 stage.updates, kind[2]);
    }
  }

  // Curves of series ({color, dashed, count, value(i)}) against update
  // 0 .. updates on canvas, titled, with the shown update marked: over
  // range [lo, hi] when given, else the values' range, on a log axis when
  // every value is positive.
  function drawCurves(canvas, title, series, updates, range) {
    const context = canvas.getContext("2d");
    const pad = {left: 58, right: 10, top: 22, bottom: 28};
    const w = PLOT_WIDTH - pad.left - pad.right, h = PLOT_HEIGHT - pad.top - pad.bottom;
    context.fillStyle = "#12141c";
    context.fillRect(0, 0, PLOT_WIDTH, PLOT_HEIGHT);
    context.fillStyle = "#f2f2f2";
    context.font = "13px sans-serif";
    context.fillText(title, pad.left, 15);
    let lo = Infinity, hi = -Infinity;
    for (const one of series) {
      for (let i = 0; i < one.count; i++) {
        const v = one.value(i);
        if (v !== null && isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
      }
    }
    if (!(lo <= hi) || updates === 0) return;
    if (range) { lo = range[0]; hi = range[1]; }
    // A loss that reaches 0 sits on the log axis's floor: the smallest
    // positive loss drawn, or 40 decades below the top.
    const log = !range && lo >= 0 && hi > 0;
    if (log) {
      let floor = hi;
      for (const one of series) {
        for (let i = 0; i < one.count; i++) {
          const v = one.value(i);
          if (v > 0 && v < floor) floor = v;
        }
      }
      lo = Math.max(floor, hi * 1e-40);
    }
    const f = log ? function (v) { return Math.log10(Math.max(v, lo)); } : function (v) { return v; };
    let a = f(lo), b = f(hi);
    if (b - a < 1e-12) { a -= 0.5; b += 0.5; }
    const sx = function (k) { return pad.left + k / updates * w; };
    const sy = function (v) { return pad.top + (1 - (f(v) - a) / (b - a)) * h; };
    context.strokeStyle = "rgba(255,255,255,0.35)";
    context.lineWidth = 1;
    context.strokeRect(pad.left, pad.top, w, h);
    context.fillStyle = "rgba(242,242,242,0.7)";
    context.font = "11px sans-serif";
    const ticks = [];
    if (log) {
      const every = Math.max(1, Math.ceil((Math.floor(b) - Math.ceil(a)) / 5));
      for (let d = Math.floor(b); d >= Math.ceil(a); d -= every) ticks.push(Math.pow(10, d));
    } else {
      ticks.push(lo, hi);
    }
    for (const v of ticks) {
      context.fillText(numberText(v), 4, sy(v) + 4);
      context.strokeStyle = "rgba(255,255,255,0.12)";
      context.beginPath();
      context.moveTo(pad.left, sy(v));
      context.lineTo(pad.left + w, sy(v));
      context.stroke();
    }
    context.fillText("0", pad.left, PLOT_HEIGHT - 10);
    context.fillText(String(updates), pad.left + w - 30, PLOT_HEIGHT - 10);
    context.save();
    context.beginPath();
    context.rect(pad.left, pad.top, w, h);
    context.clip();
    for (const one of series) {
      context.strokeStyle = one.color;
      context.lineWidth = 1.8;
      context.setLineDash(one.dashed ? [5, 4] : []);
      context.beginPath();
      let drawing = false;
      for (let i = 0; i < one.count; i++) {
        const v = one.value(i);
        if (v === null || !isFinite(v)) { drawing = false; continue; }
        if (drawing) context.lineTo(sx(i), sy(v)); else context.moveTo(sx(i), sy(v));
        drawing = true;
      }
      context.stroke();
    }
    context.restore();
    context.strokeStyle = "rgba(255,255,255,0.6)";
    context.beginPath();
    context.moveTo(sx(state.update), pad.top);
    context.lineTo(sx(state.update), pad.top + h);
    context.stroke();
  }

  // ---------------------------------------------------------------- networks

  // Run's regions at every frame: per point (the square's cells row by row
  // from its top, then the training and the test samples) its class (255:
  // none) and confidence × 255 (html_page.c).
  function regionBytes(run) {
    if (!run.bytes) {
      const text = atob(run.regions);
      run.bytes = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) run.bytes[i] = text.charCodeAt(i);
    }
    return run.bytes;
  }

  // The frame shown at update k: the last taken at or before it.
  function frameAt(network, k) {
    let f = 0;
    while (f + 1 < network.frames.length && network.frames[f + 1] <= k) f++;
    return f;
  }

  // A cell's colour: its class's mixed into the ground by how sure the
  // network is, from chance (1 / classes) to certain (net_view.c).
  function cellColor(network, c, confidence) {
    const color = c === 255 ? NO_CLASS : CLASS_COLORS[c % CLASS_COLORS.length];
    const k = network.classes;
    const sure = (confidence / 255 - 1 / k) / (1 - 1 / k);
    const t = 0.2 + 0.4 * Math.min(1, Math.max(0, sure));
    return [0, 1, 2].map(function (i) { return Math.round(GROUND[i] + t * (color[i] - GROUND[i])); });
  }

  function toSquare(network, x, y) {
    const lo = network.square[0], hi = network.square[1];
    return [(x - lo) / (hi - lo) * REGIONS_SIDE, (hi - y) / (hi - lo) * REGIONS_SIDE];
  }

  // The selected run's regions at the shown update, the test samples
  // hollow and the training samples filled in their class's colour, those
  // it gets wrong ringed.
  function drawRegions() {
    const network = networkNow(), context = regions.getContext("2d");
    const run = network.runs[state.regionRun], f = frameAt(network, state.update);
    const n = network.cells, points = n * n + network.train.y.length + network.test.y.length;
    context.fillStyle = "rgb(" + GROUND.join(",") + ")";
    context.fillRect(0, 0, REGIONS_SIDE, REGIONS_SIDE);
    const every = network.frames.length > 1 ? network.frames[1] - network.frames[0] : 1;
    regionsTitle.textContent = say("regions", state.regionRun + 1, run.spec,
                                   network.frames[f], every);
    if (!run.regions) return;
    const bytes = regionBytes(run), base = 2 * f * points;
    const cells = document.createElement("canvas");
    cells.width = cells.height = n;
    const cellContext = cells.getContext("2d"), image = cellContext.createImageData(n, n);
    for (let k = 0; k < n * n; k++) {
      const rgb = cellColor(network, bytes[base + 2 * k], bytes[base + 2 * k + 1]);
      image.data.set([rgb[0], rgb[1], rgb[2], 255], 4 * k);
    }
    cellContext.putImageData(image, 0, 0);
    context.imageSmoothingEnabled = false;
    context.drawImage(cells, 0, 0, REGIONS_SIDE, REGIONS_SIDE);
    let sample = n * n;
    for (const set of [network.train, network.test]) {
      const train = set === network.train;
      for (let s = 0; s < set.y.length; s++, sample++) {
        const p = toSquare(network, set.x[2 * s], set.x[2 * s + 1]);
        const label = set.y[s], color = "rgb(" + CLASS_COLORS[label % CLASS_COLORS.length] + ")";
        if (bytes[base + 2 * sample] !== label) {
          context.strokeStyle = WARN;
          context.lineWidth = 1.5;
          context.beginPath();
          context.arc(p[0], p[1], 7.5, 0, 2 * Math.PI);
          context.stroke();
        }
        context.beginPath();
        if (train) {
          context.arc(p[0], p[1], 4, 0, 2 * Math.PI);
          context.fillStyle = "rgba(0,0,0,0.55)";
          context.fill();
          context.beginPath();
          context.arc(p[0], p[1], 3, 0, 2 * Math.PI);
          context.fillStyle = color;
          context.fill();
        } else {
          context.arc(p[0], p[1], 3.4, 0, 2 * Math.PI);
          context.strokeStyle = color;
          context.lineWidth = 1.2;
          context.stroke();
        }
      }
    }
  }

  // A share as a percentage, as the window writes one.
  function percent(v) {
    return v === null || !isFinite(v) ? "—" : numberText(100 * v) + " %";
  }

  function fillLegend() {
    legend.textContent = "";
    const network = networkNow();
    stageNow().runs.forEach(function (run, r) {
      const item = element("li", network ? {class: "network"} : {}, legend);
      const label = element("label", {}, item);
      const box = element("input", {type: "checkbox", "data-run": r}, label);
      box.checked = !state.hidden.has(r);
      box.addEventListener("change", function () {
        if (box.checked) state.hidden.delete(r); else state.hidden.add(r);
        draw();
      });
      if (network && network.classes > 0) {
        const pick = element("input", {type: "radio", name: "regions-of", "data-run": r,
                                       title: say("regions_title")}, item);
        pick.checked = r === state.regionRun;
        pick.addEventListener("change", function () { state.regionRun = r; draw(); });
        item.insertBefore(pick, label);
      }
      element("span", {class: "swatch", style: "background:" + run.color}, label);
      element("code", {text: run.spec}, label);
      element("span", {class: "loss"}, item);
    });
  }

  function updateLegend() {
    const stage = stageNow(), network = networkNow();
    legend.querySelectorAll(".loss").forEach(function (span, r) {
      const run = stage.runs[r];
      const diverged = run.diverged && state.update >= run.points - 1;
      if (!network) {
        const k = headIndex(run, state.update);
        span.textContent = diverged ? say("diverged", run.points - 1)
                                    : "L = " + numberText(run.path[3 * k + 2]);
        return;
      }
      // The numbers after the shown update (a run that stopped: its end),
      // also as they are for whoever reads the page's data.
      const k = Math.min(state.update, run.points - 1);
      const values = {"train-loss": run.train_loss[k], "test-loss": run.test_loss[k],
                      "train-acc": run.train_acc[k], "test-acc": run.test_acc[k]};
      span.setAttribute("data-update", k);
      for (const name in values) span.setAttribute("data-" + name, String(values[name]));
      span.textContent = diverged ? say("diverged", run.points - 1)
        : say("metrics", numberText(values["train-loss"]), numberText(values["test-loss"]),
              percent(values["train-acc"]), percent(values["test-acc"]));
    });
  }

  function draw() {
    if (networkNow()) {
      drawRegions();
      drawNetworkPlots();
    } else {
      drawMap();
      drawPlot();
    }
    updateLegend();
    timeline.value = state.update;
    updateLabel.textContent = say("update", state.update, stageNow().updates);
    play.textContent = say(state.playing ? "pause" : "play");
  }

  function openStage(s, update) {
    state.stage = Math.min(Math.max(s, 0), data.stages.length - 1);
    const stage = stageNow(), network = networkNow();
    state.hidden.clear();
    state.update = Math.min(update === undefined ? stage.first_step : update, stage.updates);
    stageSelect.value = state.stage;
    map.hidden = network !== null;
    regions.hidden = regionsTitle.hidden = regionsKey.hidden = !network || network.classes === 0;
    accuracy.hidden = !network || network.classes === 0;
    if (network) {
      state.regionRun = stage.region_run;
      readout.textContent = say("square", numberText(network.square[0]),
                                numberText(network.square[1]));
      leftOut.textContent = stage.notes.join(" ");
      leftOut.hidden = false;
    } else {
      const view = data.fields[stage.field].view;
      readout.textContent = say("view", numberText(view[0]), numberText(view[1]),
                                numberText(view[2]), numberText(view[3]));
      leftOut.textContent = say("swarm", stage.particles_left_out);
      leftOut.hidden = stage.particles_left_out === 0;
    }
    plot.hidden = stage.runs.length === 0;
    caption.textContent = stage.caption;
    caption.hidden = stage.caption === "";
    timeline.max = stage.updates;
    timeline.disabled = play.disabled = one.disabled = stage.updates === 0;
    previous.disabled = state.stage === 0;
    next.disabled = state.stage === data.stages.length - 1;
    fillLegend();
    setPlaying(false);
  }

  function setPlaying(on) {
    state.playing = on && state.update < stageNow().updates;
    state.last = performance.now();
    state.carry = 0;
    draw();
    if (state.playing) requestAnimationFrame(tick);
  }

  function tick(now) {
    if (!state.playing) return;
    const stage = stageNow();
    state.carry += (now - state.last) / 1000 * (stage.speed || DEFAULT_SPEED);
    state.last = now;
    const whole = Math.floor(state.carry);
    state.carry -= whole;
    state.update = Math.min(state.update + whole, stage.updates);
    if (state.update >= stage.updates) state.playing = false;
    draw();
    if (state.playing) requestAnimationFrame(tick);
  }

  // ---------------------------------------------------------------- input

  play.addEventListener("click", function () {
    if (!state.playing && state.update >= stageNow().updates) state.update = 0;
    setPlaying(!state.playing);
  });
  one.addEventListener("click", function () {
    state.update = Math.min(state.update + 1, stageNow().updates);
    setPlaying(false);
  });
  timeline.addEventListener("input", function () {
    state.update = Number(timeline.value);
    setPlaying(false);
  });
  stageSelect.addEventListener("change", function () { openStage(Number(stageSelect.value)); });
  previous.addEventListener("click", function () { openStage(state.stage - 1); });
  next.addEventListener("click", function () { openStage(state.stage + 1); });
  document.addEventListener("keydown", function (event) {
    // Focused controls keep their own keys: a button clicks on Space, the
    // step list and the timeline move on arrows.
    const tag = event.target.tagName;
    if (tag === "INPUT" || tag === "SELECT") return;
    if (tag === "BUTTON" && (event.key === " " || event.key === "Enter")) return;
    if (event.key === " ") play.click();
    else if (event.key === ".") one.click();
    else if (event.key === "ArrowRight" || event.key === "PageDown") openStage(state.stage + 1);
    else if (event.key === "ArrowLeft" || event.key === "PageUp") openStage(state.stage - 1);
    else return;
    event.preventDefault();
  });

  // The grid point nearest the pointer, with the core's L and ∇L there.
  // Over the regions: the cell under the pointer, with the class and
  // confidence the core gave there for the frame shown.
  regions.addEventListener("mousemove", function (event) {
    const network = networkNow();
    if (!network || network.classes === 0) return;
    const run = network.runs[state.regionRun];
    const box = regions.getBoundingClientRect(), n = network.cells;
    const i = Math.min(Math.max(Math.floor((event.clientX - box.left) / box.width * n), 0), n - 1);
    const j = Math.min(Math.max(Math.floor((event.clientY - box.top) / box.height * n), 0), n - 1);
    const lo = network.square[0], hi = network.square[1];
    const points = n * n + network.train.y.length + network.test.y.length;
    const at = 2 * (frameAt(network, state.update) * points + j * n + i), bytes = regionBytes(run);
    readout.textContent = say("probe", numberText(lo + (i + 0.5) * (hi - lo) / n),
                              numberText(hi - (j + 0.5) * (hi - lo) / n),
                              bytes[at] === 255 ? "—" : bytes[at],
                              numberText(bytes[at + 1] / 255));
  });

  map.addEventListener("mousemove", function (event) {
    if (networkNow()) return;
    const field = fieldNow(), box = map.getBoundingClientRect();
    const u = (event.clientX - box.left) / box.width, v = (event.clientY - box.top) / box.height;
    const i = Math.min(Math.max(Math.floor(u * field.width), 0), field.width - 1);
    const j = Math.min(Math.max(Math.floor((1 - v) * field.height), 0), field.height - 1);
    const view = field.view, cell = 3 * (j * field.width + i);
    const x = view[0] + (i + 0.5) * (view[1] - view[0]) / field.width;
    const y = view[2] + (j + 0.5) * (view[3] - view[2]) / field.height;
    readout.textContent = "θ = (" + numberText(x) + ", " + numberText(y) + ")   L = "
      + numberText(field.values[cell]) + "   ∇L = (" + numberText(field.values[cell + 1])
      + ", " + numberText(field.values[cell + 2]) + ")";
  });

  const asked = new URLSearchParams(location.hash.slice(1));
  openStage(Number(asked.get("stage") || 1) - 1,
            asked.has("update") ? Number(asked.get("update")) : undefined);
})();
