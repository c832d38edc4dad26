// page.js — the script of a page `descent export --html` writes
// (src/scene/html_page.h, docs/ARCHITECTURE.md §9.1).  It only draws: every
// number comes from the page's data, which descent's core computed — the
// landscape's L and ∇L on a grid, every run's path with its loss.  Plain
// JavaScript, no framework, nothing fetched.
//
// Controls: Space plays or pauses, "." takes one update, ← → (PageUp,
// PageDown) switch steps, the timeline scrubs (and pauses), the boxes in
// the legend show or hide runs, the pointer over the map reads L and ∇L.
// The address's #stage=N&update=K opens step N (1 for the first) at
// update K, paused: a link to one moment of a lesson.
"use strict";

(function () {
  const data = JSON.parse(document.getElementById("descent-data").textContent);

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
    for (const run of stage.runs) {
      if (!colorOf.has(run.spec)) colorOf.set(run.spec, RUN_COLORS[colorOf.size % RUN_COLORS.length]);
      run.color = colorOf.get(run.spec);
      run.points = run.path.length / 3;
    }
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
  const previous = element("button", {id: "previous", text: "◀", title: "previous step (←)"}, nav);
  const stageSelect = element("select", {id: "stage", title: "lesson step"}, nav);
  const next = element("button", {id: "next", text: "▶", title: "next step (→)"}, nav);
  data.stages.forEach(function (stage, s) {
    element("option", {value: s, text: (s + 1) + " / " + data.stages.length}, stageSelect);
  });
  if (data.stages.length < 2) nav.hidden = true;

  const main = element("main", {}, document.body);
  const left = element("div", {class: "left"}, main);
  const map = element("canvas", {id: "map", width: MAP_WIDTH, height: MAP_HEIGHT}, left);
  const readout = element("div", {id: "readout"}, left);
  const controls = element("div", {class: "controls"}, left);
  const play = element("button", {id: "play", text: "Play", title: "play / pause (Space)"}, controls);
  const one = element("button", {id: "one", text: "+1", title: "one update (.)"}, controls);
  const timeline = element("input", {id: "timeline", type: "range", min: 0, value: 0}, controls);
  const updateLabel = element("span", {id: "update"}, controls);
  const right = element("div", {class: "right"}, main);
  const caption = element("p", {id: "caption"}, right);
  const leftOut = element("p", {id: "left-out"}, right);
  const legend = element("ul", {id: "legend"}, right);
  const plot = element("canvas", {id: "plot", width: PLOT_WIDTH, height: PLOT_HEIGHT}, right);
  element("footer", {text: "Written by " + data.origin + ". Every number on this page is "
                           + "descent's; L and ∇L under the pointer are at the nearest grid "
                           + "point."}, document.body);

  const state = {stage: 0, update: 0, playing: false, hidden: new Set(), last: 0};
  const pictures = [];

  function stageNow() { return data.stages[state.stage]; }
  function fieldNow() { return data.fields[stageNow().field]; }

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
        label(context, "off view", p[0] + (p[0] > MAP_WIDTH / 2 ? -80 : 8), p[1] + (p[1] < 30 ? 28 : 0));
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
    const stage = stageNow(), context = plot.getContext("2d");
    const pad = {left: 58, right: 10, top: 22, bottom: 28};
    const w = PLOT_WIDTH - pad.left - pad.right, h = PLOT_HEIGHT - pad.top - pad.bottom;
    context.fillStyle = "#12141c";
    context.fillRect(0, 0, PLOT_WIDTH, PLOT_HEIGHT);
    context.fillStyle = "#f2f2f2";
    context.font = "13px sans-serif";
    context.fillText("loss L per update", pad.left, 15);
    const shown = stage.runs.filter(function (run, r) { return !state.hidden.has(r); });
    let lo = Infinity, hi = -Infinity;
    for (const run of shown) {
      for (let i = 0; i < run.points; i++) {
        const v = run.path[3 * i + 2];
        if (v !== null && isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
      }
    }
    if (!(lo <= hi) || stage.updates === 0) return;
    // A loss that reaches 0 sits on the log axis's floor: the smallest
    // positive loss drawn, or 40 decades below the top.
    const log = lo >= 0 && hi > 0;
    if (log) {
      let floor = hi;
      for (const run of shown) {
        for (let i = 0; i < run.points; i++) {
          const v = run.path[3 * i + 2];
          if (v > 0 && v < floor) floor = v;
        }
      }
      lo = Math.max(floor, hi * 1e-40);
    }
    const f = log ? function (v) { return Math.log10(Math.max(v, lo)); } : function (v) { return v; };
    let a = f(lo), b = f(hi);
    if (b - a < 1e-12) { a -= 0.5; b += 0.5; }
    const sx = function (k) { return pad.left + k / stage.updates * w; };
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
    context.fillText(String(stage.updates), pad.left + w - 30, PLOT_HEIGHT - 10);
    context.save();
    context.beginPath();
    context.rect(pad.left, pad.top, w, h);
    context.clip();
    for (const run of shown) {
      context.strokeStyle = run.color;
      context.lineWidth = 1.8;
      context.beginPath();
      let drawing = false;
      for (let i = 0; i < run.points; i++) {
        const v = run.path[3 * i + 2];
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

  function fillLegend() {
    legend.textContent = "";
    stageNow().runs.forEach(function (run, r) {
      const item = element("li", {}, legend);
      const label = element("label", {}, item);
      const box = element("input", {type: "checkbox", "data-run": r}, label);
      box.checked = !state.hidden.has(r);
      box.addEventListener("change", function () {
        if (box.checked) state.hidden.delete(r); else state.hidden.add(r);
        draw();
      });
      element("span", {class: "swatch", style: "background:" + run.color}, label);
      element("code", {text: run.spec}, label);
      element("span", {class: "loss"}, item);
    });
  }

  function updateLegend() {
    const stage = stageNow();
    legend.querySelectorAll(".loss").forEach(function (span, r) {
      const run = stage.runs[r], k = headIndex(run, state.update);
      const diverged = run.diverged && state.update >= run.points - 1;
      span.textContent = diverged ? "diverged at update " + (run.points - 1)
                                  : "L = " + numberText(run.path[3 * k + 2]);
    });
  }

  function draw() {
    drawMap();
    drawPlot();
    updateLegend();
    timeline.value = state.update;
    updateLabel.textContent = "update " + state.update + " / " + stageNow().updates;
    play.textContent = state.playing ? "Pause" : "Play";
  }

  function openStage(s, update) {
    state.stage = Math.min(Math.max(s, 0), data.stages.length - 1);
    const stage = stageNow();
    state.hidden.clear();
    state.update = Math.min(update === undefined ? stage.first_step : update, stage.updates);
    stageSelect.value = state.stage;
    const view = data.fields[stage.field].view;
    readout.textContent = "x from " + numberText(view[0]) + " to " + numberText(view[1])
      + ", y from " + numberText(view[2]) + " to " + numberText(view[3])
      + ": point at the map to read L and ∇L.";
    plot.hidden = stage.runs.length === 0;
    caption.textContent = stage.caption;
    caption.hidden = stage.caption === "";
    leftOut.textContent = "In descent this step also shows a swarm of " + stage.particles_left_out
      + " particles; this page draws its runs only.";
    leftOut.hidden = stage.particles_left_out === 0;
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
  map.addEventListener("mousemove", function (event) {
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
