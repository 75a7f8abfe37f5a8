/// The explorer's one page: HTML, CSS and script, no external resources.
///
/// The script holds the state (the query string, kept in the URL with `history.replaceState`),
/// asks `/api/view` for each new state (debounced, the stale request aborted) and copies what comes
/// back into SVG overlays: the fitted curve, the path and the point on the landscape, the marker
/// on the loss curve and the line of numbers. It computes no model, axis transform or number
/// format: a click on the landscape goes to `/api/start` as the picture's pixel, and every word
/// comes with the view in the page's language.
enum LivePage {
    static let html = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>descent live</title>
<link rel="icon" href="data:,">
<style>
:root { --ink: #1d2330; --muted: #5b6474; --line: #d9dee7; --panel: #f6f7fa; --accent: #0b62c4; --warn: #b3261e; }
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body { font: 14px/1.35 "DejaVu Sans", "Segoe UI", system-ui, sans-serif; color: var(--ink); background: #fff; display: flex; flex-direction: column; }
header { display: flex; align-items: center; gap: 16px; padding: 8px 16px; border-bottom: 1px solid var(--line); background: #fbfcfd; }
header h1 { font-size: 18px; margin: 0; white-space: nowrap; }
header .hint { color: var(--muted); font-size: 12.5px; flex: 1; min-width: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
header select, header button, header a.button { font: inherit; font-size: 13px; }
main { flex: 1; display: flex; min-height: 0; }
aside { width: 272px; flex: none; padding: 10px 14px; border-right: 1px solid var(--line); background: var(--panel); overflow-y: auto; }
aside label { display: block; font-size: 12px; color: var(--muted); margin: 9px 0 3px; font-weight: 600; letter-spacing: .01em; }
aside select, aside input[type=number], aside input[type=text] { width: 100%; font: inherit; padding: 4px 6px; border: 1px solid #c6ccd6; border-radius: 5px; background: #fff; }
.row { display: flex; gap: 8px; }
.row > div { flex: 1; min-width: 0; }
.lr-value { font-variant-numeric: tabular-nums; font-weight: 600; color: var(--ink); float: right; }
.slider-wrap { position: relative; padding-top: 2px; }
.slider-wrap input[type=range] { width: 100%; margin: 4px 0 0; }
.limit-tick { position: absolute; top: 0; width: 2px; height: 22px; background: var(--warn); pointer-events: none; }
.limit-text { font-size: 11.5px; color: var(--warn); margin-top: 2px; }
.limit-text.ok { color: var(--muted); }
section.stage-area { flex: 1; display: flex; flex-direction: column; padding: 8px 14px; min-width: 0; gap: 6px; }
.stage { position: relative; width: 100%; }
.stage img { display: block; width: 100%; height: auto; user-select: none; }
.stage svg { position: absolute; left: 0; top: 0; width: 100%; height: 100%; }
#overlay { cursor: crosshair; }
.lower { display: flex; gap: 12px; align-items: flex-start; }
/* The loss panel is as tall as its picture, so its overlay lies exactly over it. */
.loss { position: relative; width: 38%; flex: none; }
.side { flex: 1; display: flex; flex-direction: column; gap: 8px; min-width: 0; }
.numbers { font: 13px/1.45 "DejaVu Sans Mono", ui-monospace, monospace; background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; white-space: pre-wrap; }
.player { display: flex; align-items: center; gap: 8px; }
.player button { font: inherit; min-width: 64px; padding: 5px 10px; border-radius: 5px; border: 1px solid #b8c0cc; background: #fff; cursor: pointer; }
.player button.primary { background: var(--accent); color: #fff; border-color: var(--accent); }
.player input[type=range] { flex: 1; }
.status { font-size: 12.5px; color: var(--muted); min-height: 1.3em; }
.status.error { color: var(--warn); font-weight: 600; }
.export { display: flex; gap: 6px; align-items: center; font-size: 13px; }
.export a { color: var(--accent); text-decoration: none; border: 1px solid #c6ccd6; border-radius: 5px; padding: 3px 8px; background: #fff; }
.badge { display: inline-block; padding: 1px 7px; border-radius: 9px; background: var(--warn); color: #fff; font-size: 12px; margin-left: 6px; }
</style>
</head>
<body>
<header>
  <h1 id="title">descent live</h1>
  <span class="hint" id="hint"></span>
  <span class="export"><span id="w-export">Export</span>
    <a id="export-png" href="#" download>PNG</a><a id="export-svg" href="#" download>SVG</a><a id="export-pdf" href="#" download>PDF</a><a id="export-yaml" href="#" download>YAML</a></span>
  <select id="lang" aria-label="Language"><option value="en">English</option><option value="fi">Suomi</option></select>
</header>
<main>
<aside>
  <label for="model" id="w-model">Model</label>
  <div class="row"><div><select id="model"><option value="linear">linear</option><option value="cubic">cubic</option><option value="degree">degree</option>
  <optgroup id="surface-group" label="surface"><option value="rosenbrock">rosenbrock</option><option value="beale">beale</option><option value="himmelblau">himmelblau</option><option value="saddle">saddle</option><option value="rastrigin">rastrigin</option><option value="styblinski-tang">styblinski-tang</option><option value="formula">formula</option></optgroup></select></div>
  <div id="degree-box" hidden><input id="degree" type="number" min="1" max="9" step="1" value="2" aria-label="degree"></div></div>
  <div id="formula-box" hidden><input id="formula" type="text" spellcheck="false" placeholder="x^2 + 10*y^2" aria-label="f(x, y)"></div>
  <label for="optimizer" id="w-optimizer">Optimizer</label>
  <select id="optimizer"><option value="sgd">sgd</option><option value="gd">gd</option><option value="minibatch">minibatch</option><option value="momentum">momentum</option><option value="adam">adam</option></select>
  <label for="lr"><span id="w-lr">Learning rate η</span> <span class="lr-value" id="lr-value"></span></label>
  <div class="slider-wrap"><input id="lr" type="range" min="-5" max="1" step="0.01" value="-3" aria-label="learning rate (log10)"><div class="limit-tick" id="limit-tick"></div></div>
  <div class="limit-text" id="limit-text"></div>
  <div class="row">
    <div id="batch-box"><label for="batch" id="w-batch">Batch size</label><input id="batch" type="number" min="1" max="10" step="1" value="4"></div>
    <div id="beta-box"><label for="beta" id="w-beta">Momentum β</label><input id="beta" type="number" min="0" max="0.999" step="0.05" value="0.9"></div>
  </div>
  <label for="schedule" id="w-schedule">Schedule</label>
  <select id="schedule"><option value="constant">constant</option><option value="step">step</option><option value="exponential">exponential</option><option value="cosine">cosine</option><option value="warmup">warmup</option></select>
  <div class="row">
    <div><label for="epochs" id="w-epochs">Epochs</label><input id="epochs" type="number" min="1" max="5000" step="1"></div>
    <div id="seed-box"><label for="seed" id="w-seed">Seed</label><input id="seed" type="number" min="0" step="1"></div>
  </div>
  <label for="init">θ₀</label>
  <input id="init" type="text" spellcheck="false">
</aside>
<section class="stage-area">
  <div class="stage" id="stage"><img id="picture" alt=""><svg id="overlay" preserveAspectRatio="none"></svg></div>
  <div class="lower">
    <div class="loss stage"><img id="loss-picture" alt=""><svg id="loss-overlay" preserveAspectRatio="none"></svg></div>
    <div class="side">
      <div class="player">
        <button id="play" class="primary">Play</button><button id="step">Step</button>
        <input id="scrub" type="range" min="0" max="0" value="0" step="1" aria-label="epoch">
      </div>
      <div class="numbers" id="numbers"></div>
      <div class="status" id="status"></div>
    </div>
  </div>
</section>
</main>
<script>
(function () {
  'use strict';
  var ns = 'http://www.w3.org/2000/svg';
  var $ = function (id) { return document.getElementById(id); };
  // The state is the query string: what the user set; the server fills in the notebook's defaults.
  var state = {};
  new URLSearchParams(location.search).forEach(function (value, key) { state[key] = value; });
  var view = null, at = state.at ? parseInt(state.at, 10) || 0 : 0, playing = state.playing !== '0';
  var position = at, pending = null, timer = null, lastFrame = 0, pictureURL = '';

  function element(parent, name, attributes) {
    var e = document.createElementNS(ns, name);
    for (var key in attributes) e.setAttribute(key, attributes[key]);
    parent.appendChild(e);
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function query(extra) {
    var q = new URLSearchParams();
    Object.keys(state).sort().forEach(function (key) {
      if (key !== 'at' && key !== 'playing' && state[key] !== '' && state[key] != null) q.set(key, state[key]);
    });
    if (extra) Object.keys(extra).forEach(function (key) { q.set(key, extra[key]); });
    return q.toString();
  }
  function remember() {
    var q = new URLSearchParams(query());
    q.set('at', String(Math.round(position)));
    if (!playing) q.set('playing', '0');
    history.replaceState(null, '', '?' + q.toString());
    var base = query();
    // A surface exports its landscape with the whole path; a model the training view at this epoch.
    var figure = state.surface ? 'landscape' : 'training', extra = state.surface ? null : {epoch: String(Math.round(position))};
    ['png', 'svg', 'pdf'].forEach(function (ext) { $('export-' + ext).href = '/api/figure/' + figure + '.' + ext + '?' + query(extra); });
    $('export-yaml').href = '/api/yaml?' + base;
    $('export-yaml').hidden = !!state.surface;
  }

  function status(text, error) {
    var s = $('status');
    s.textContent = text || '';
    s.className = error ? 'status error' : 'status';
  }

  // Asks for the view of the current state: debounced, a stale request aborted.
  function request(delay) {
    clearTimeout(timer);
    timer = setTimeout(function () {
      if (pending) pending.abort();
      var controller = new AbortController();
      pending = controller;
      if (view) status(view.words.working);
      fetch('/api/view?' + query(), {signal: controller.signal}).then(function (response) {
        return response.json().then(function (body) { return {ok: response.ok, body: body}; });
      }).then(function (result) {
        if (controller !== pending) return;
        pending = null;
        if (!result.ok) { status(result.body.error, true); return; }
        status('');
        show(result.body);
      }).catch(function (error) {
        if (error.name !== 'AbortError') status(String(error), true);
      });
      remember();
    }, delay);
  }

  var overlay = $('overlay'), lossOverlay = $('loss-overlay');
  var marks = null;
  function show(next) {
    var first = view === null;
    view = next;
    if (view.picture !== pictureURL) { pictureURL = view.picture; $('picture').src = view.picture; }
    // A surface's picture is narrower than the model's 1250x500: the same height, centred.
    $('stage').style.width = Math.min(100, 100 * (view.width / view.height) / 2.5) + '%';
    $('stage').style.margin = '0 auto';
    $('loss-picture').src = view.loss.picture;
    overlay.setAttribute('viewBox', '0 0 ' + view.width + ' ' + view.height);
    lossOverlay.setAttribute('viewBox', '0 0 ' + view.loss.width + ' ' + view.loss.height);
    if (!marks) {
      marks = {};
      var defs = element(overlay, 'defs', {});
      marks.fitClip = element(element(defs, 'clipPath', {id: 'clip-fit'}), 'rect', {});
      marks.landscapeClip = element(element(defs, 'clipPath', {id: 'clip-landscape'}), 'rect', {});
      marks.curve = element(overlay, 'polyline', {fill: 'none', 'stroke-linejoin': 'round', 'clip-path': 'url(#clip-fit)'});
      marks.path = element(overlay, 'polyline', {fill: 'none', 'stroke-linejoin': 'round', 'clip-path': 'url(#clip-landscape)'});
      marks.start = element(overlay, 'rect', {fill: '#FFFFFF', stroke: '#000000', 'clip-path': 'url(#clip-landscape)'});
      marks.dot = element(overlay, 'circle', {'clip-path': 'url(#clip-landscape)'});
      var lossDefs = element(lossOverlay, 'defs', {});
      marks.lossClip = element(element(lossDefs, 'clipPath', {id: 'clip-loss'}), 'rect', {});
      marks.lossDot = element(lossOverlay, 'circle', {'clip-path': 'url(#clip-loss)'});
    }
    var f = view.frame;
    [[marks.fitClip, f.fitClip], [marks.landscapeClip, f.landscapeClip], [marks.lossClip, view.loss.clip]].forEach(function (c) {
      c[0].setAttribute('x', c[1][0]); c[0].setAttribute('y', c[1][1]); c[0].setAttribute('width', c[1][2]); c[0].setAttribute('height', c[1][3]);
    });
    marks.curve.setAttribute('stroke', f.curveColor); marks.curve.setAttribute('stroke-width', f.lineWidth);
    marks.path.setAttribute('stroke', f.pathColor); marks.path.setAttribute('stroke-width', f.lineWidth);
    marks.dot.setAttribute('r', f.markerRadius * 1.3); marks.dot.setAttribute('fill', f.pathColor);
    marks.dot.setAttribute('stroke', f.haloColor); marks.dot.setAttribute('stroke-width', f.lineWidth / 2);
    var side = f.markerRadius * 2.2, start = view.frames.path[0].split(',');
    marks.start.setAttribute('x', start[0] - side / 2); marks.start.setAttribute('y', start[1] - side / 2);
    marks.start.setAttribute('width', side); marks.start.setAttribute('height', side); marks.start.setAttribute('stroke-width', f.lineWidth / 2);
    marks.lossDot.setAttribute('r', f.markerRadius * 1.6); marks.lossDot.setAttribute('fill', f.curveColor);
    marks.lossDot.setAttribute('stroke', '#FFFFFF'); marks.lossDot.setAttribute('stroke-width', 2);
    words(view.words);
    controls();
    var last = view.frames.path.length - 1;
    $('scrub').max = String(last);
    if (first && !state.at) position = playing ? 0 : last;
    position = Math.min(position, last);
    draw();
    document.body.setAttribute('data-ready', String((parseInt(document.body.getAttribute('data-ready') || '0', 10)) + 1));
  }

  function draw() {
    if (!view) return;
    var i = Math.max(0, Math.min(Math.round(position), view.frames.path.length - 1));
    marks.curve.setAttribute('points', view.frames.curves[i]);
    marks.path.setAttribute('points', view.frames.path.slice(0, i + 1).join(' '));
    var here = view.frames.path[i].split(',');
    marks.dot.setAttribute('cx', here[0]); marks.dot.setAttribute('cy', here[1]);
    var loss = view.loss.points[i].split(',');
    marks.lossDot.setAttribute('cx', loss[0]); marks.lossDot.setAttribute('cy', loss[1]);
    $('numbers').textContent = view.frames.numbers[i].split(' | ').join('\n') + (view.diverged && i === view.frames.path.length - 1 ? '  (' + view.words.diverged + ')' : '');
    $('scrub').value = String(i);
  }

  function words(w) {
    document.documentElement.lang = state.lang === 'fi' ? 'fi' : 'en';
    $('title').textContent = w.title; $('hint').textContent = w.hint;
    [['w-model', w.model], ['w-optimizer', w.optimizer], ['w-lr', w.learningRate], ['w-batch', w.batchSize], ['w-beta', w.momentum],
     ['w-schedule', w.schedule], ['w-epochs', w.epochs], ['w-seed', w.seed], ['w-export', w.export], ['step', w.step]].forEach(function (p) { $(p[0]).textContent = p[1]; });
    $('play').textContent = playing ? w.pause : w.play;
    var m = $('model').options; m[0].textContent = w.linear; m[1].textContent = w.cubic; m[2].textContent = w.degree;
    $('surface-group').label = w.surface;
    Array.prototype.forEach.call(m, function (o) { if (w.surfaces[o.value]) o.textContent = w.surfaces[o.value]; });
    $('model').querySelector('option[value=formula]').textContent = w.formula;
    Array.prototype.forEach.call($('optimizer').options, function (o) { o.textContent = w.optimizers[o.value]; });
    Array.prototype.forEach.call($('schedule').options, function (o) { o.textContent = w.schedules[o.value]; });
    $('export-yaml').textContent = 'YAML';
    $('export-yaml').title = w.buildFile;
  }

  // The controls show the run the server trained (its defaults included).
  function controls() {
    var names = view.parameterNames, surface = view.surface;
    var named = surface && $('model').querySelector('option[value="' + surface + '"]');
    $('model').value = surface ? (named ? surface : 'formula') : state.degree ? 'degree' : (names.length === 4 ? 'cubic' : 'linear');
    $('degree-box').hidden = !state.degree;
    $('formula-box').hidden = !surface || !!named;
    if (surface && !named && document.activeElement !== $('formula')) $('formula').value = surface;
    // Sample-drawing optimizers and the shuffle's seed do not apply to a surface.
    ['sgd', 'minibatch'].forEach(function (v) { $('optimizer').querySelector('option[value=' + v + ']').disabled = !!surface; });
    $('seed-box').hidden = !!surface;
    if (state.degree) $('degree').value = state.degree;
    $('optimizer').value = view.optimizer;
    $('lr').value = String(Math.log10(view.learningRate));
    $('lr-value').textContent = String(view.learningRate);
    var min = parseFloat($('lr').min), max = parseFloat($('lr').max);
    var fraction = view.stableLimit ? (Math.log10(view.stableLimit) - min) / (max - min) : -1;
    var tick = $('limit-tick');
    tick.hidden = !(fraction >= 0 && fraction <= 1);
    tick.style.left = 'calc(' + (fraction * 100) + '% - 1px)';
    var text = $('limit-text');
    text.textContent = view.words.stableLimitValue;
    text.className = view.stableLimit && view.learningRate > view.stableLimit ? 'limit-text' : 'limit-text ok';
    if (view.batch != null) $('batch').value = String(view.batch);
    $('batch-box').hidden = view.optimizer !== 'minibatch';
    $('beta').value = String(view.beta); $('beta-box').hidden = view.optimizer !== 'momentum';
    $('schedule').value = view.schedule;
    $('epochs').value = String(view.epochs);
    if (view.seed != null) $('seed').value = String(view.seed);
    if (document.activeElement !== $('init')) $('init').value = view.initial;
    $('lang').value = state.lang === 'fi' ? 'fi' : 'en';
  }

  function set(key, value, delay) {
    if (value === null || value === '') delete state[key]; else state[key] = value;
    request(delay === undefined ? 60 : delay);
  }
  $('model').addEventListener('change', function () {
    var choice = this.value, surface = choice !== 'linear' && choice !== 'cubic' && choice !== 'degree';
    ['lr', 'epochs', 'init', 'model', 'degree', 'surface'].forEach(function (k) { delete state[k]; });
    if (surface) {
      // A surface has no samples: no seed or batch, and a full-gradient optimizer.
      ['seed', 'batch', 'no-shuffle', 'stop', 'tol'].forEach(function (k) { delete state[k]; });
      if (state.optimizer === 'sgd' || state.optimizer === 'minibatch') delete state.optimizer;
      state.surface = choice === 'formula' ? ($('formula').value.trim() || 'x^2 + 10*y^2') : choice;
    } else if (choice === 'degree') state.degree = $('degree').value || '2';
    else state.model = choice;
    $('degree-box').hidden = choice !== 'degree';
    $('formula-box').hidden = choice !== 'formula';
    request(0);
  });
  $('formula').addEventListener('change', function () {
    ['lr', 'epochs', 'init'].forEach(function (k) { delete state[k]; });
    set('surface', this.value.trim() || 'x^2 + 10*y^2', 0);
  });
  $('degree').addEventListener('change', function () { delete state.init; set('degree', this.value); });
  $('optimizer').addEventListener('change', function () {
    if (this.value !== 'momentum') delete state.beta;
    if (this.value !== 'minibatch') delete state.batch;
    set('optimizer', this.value, 0);
  });
  $('lr').addEventListener('input', function () {
    var value = Math.pow(10, parseFloat(this.value));
    var text = value.toPrecision(3).replace(/\.?0+$/, '').replace(/\.?0+e/, 'e');
    $('lr-value').textContent = text;
    set('lr', text);
  });
  $('batch').addEventListener('change', function () { set('batch', this.value); });
  $('beta').addEventListener('change', function () { set('beta', this.value); });
  $('schedule').addEventListener('change', function () { set('schedule', this.value === 'constant' ? null : this.value, 0); });
  $('epochs').addEventListener('change', function () { set('epochs', this.value); });
  $('seed').addEventListener('change', function () { set('seed', this.value); });
  $('init').addEventListener('change', function () { set('init', this.value.replace(/\s+/g, '')); });
  $('lang').addEventListener('change', function () { set('lang', this.value === 'en' ? null : this.value, 0); });
  $('overlay').addEventListener('click', function (event) {
    if (!view) return;
    var box = overlay.getBoundingClientRect();
    var x = (event.clientX - box.left) * view.width / box.width, y = (event.clientY - box.top) * view.height / box.height;
    var c = view.frame.landscapeClip;
    if (x < c[0] || x > c[0] + c[2] || y < c[1] || y > c[1] + c[3]) return;
    fetch('/api/start?' + query({x: x.toFixed(1), y: y.toFixed(1)})).then(function (r) { return r.json(); }).then(function (body) {
      if (body.error) { status(body.error, true); return; }
      position = 0;
      set('init', body.init, 0);
    });
  });
  $('play').addEventListener('click', function () {
    playing = !playing;
    if (playing && view && position >= view.frames.path.length - 1) position = 0;
    if (view) $('play').textContent = playing ? view.words.pause : view.words.play;
    remember();
  });
  $('step').addEventListener('click', function () {
    playing = false;
    if (view) { position = Math.min(Math.round(position) + 1, view.frames.path.length - 1); $('play').textContent = view.words.play; draw(); }
    remember();
  });
  $('scrub').addEventListener('input', function () {
    playing = false;
    if (view) $('play').textContent = view.words.play;
    position = parseInt(this.value, 10);
    draw();
    remember();
  });

  // About six seconds for a whole run, whatever its length; never fewer than 20 frames a second.
  var remembered = 0;
  function tick(now) {
    if (playing && view) {
      var last = view.frames.path.length - 1;
      var elapsed = lastFrame ? Math.min(now - lastFrame, 100) : 16;
      position = Math.min(last, position + Math.max(last / 6000, 1 / 60) * elapsed);
      draw();
      if (position >= last) { playing = false; $('play').textContent = view.words.play; remember(); }
      else if (now - remembered > 500) { remembered = now; remember(); }
    }
    lastFrame = now;
    requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);
  request(0);
})();
</script>
</body>
</html>
"""#
}
