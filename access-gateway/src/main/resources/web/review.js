/*
 * The masking review (issue 13): mark the requester on still frames, run the masking in the
 * background with its progress, review the preview (face tracks, flagged frames, the masked
 * video), change what is masked, release the copy. The server checks and ledgers everything.
 */
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const t = (k, p) => Vigil.t(k, p);
  const state = {request: null, camera: null, frame: null, drawn: null, marks: [], regions: [], unmasked: new Set(),
    spans: [], status: null, polling: null, releasedSha: null, path: null};
  const Boxes = window.VigilReviewBoxes;

  function base() {
    return '/api/v1/requests/' + encodeURIComponent(state.request.number) + '/masking/' + encodeURIComponent(state.camera);
  }

  function windowSeconds() {
    return (new Date(state.request.to) - new Date(state.request.from)) / 1000;
  }

  function offsetOf(iso) {
    return Math.round((new Date(iso) - new Date(state.request.from)) / 40) / 25;
  }

  function instantAt(seconds) {
    return new Date(new Date(state.request.from).getTime() + Math.round(seconds * 1000)).toISOString();
  }

  function showError(err) {
    Vigil.showMessage('review-error', 'error', err ? Vigil.errorText(err) : '');
  }

  // ---- Frames and drawing ----

  async function showFrame() {
    showError(null);
    const at = instantAt(Number($('frame-offset').value));
    try {
      const f = await Vigil.getJson(base() + '/frame?at=' + encodeURIComponent(at));
      state.frame = f;
      state.drawn = null;
      const img = $('frame-image');
      img.onload = () => {
        $('frame-stage').hidden = false;
        const c = $('frame-canvas');
        c.width = f.width;
        c.height = f.height;
        redraw();
      };
      img.src = f.jpeg;
      $('frame-info').textContent = t('review.mark.frameInfo', {time: Vigil.fmtDateTime(f.at), offset: offsetOf(f.at).toFixed(2),
        width: f.width, height: f.height});
      $('region-from').value = offsetOf(f.at).toFixed(2);
      updateButtons();
    } catch (err) {
      showError(err);
    }
  }

  function redraw() {
    const c = $('frame-canvas');
    const g = c.getContext('2d');
    g.clearRect(0, 0, c.width, c.height);
    g.lineWidth = Math.max(2, c.width / 320);
    if (!state.frame) return;
    const kept = Boxes.keptBoxAt(state.path, state.frame.at);
    $('frame-legend').hidden = !kept;
    if (kept) {
      Boxes.strokeKept(g, kept);
      c.setAttribute('data-kept', kept.slice(1).join(','));
    } else {
      c.removeAttribute('data-kept');
    }
    for (const m of state.marks) {
      if (m.at !== state.frame.at) continue;
      g.strokeStyle = '#00c853';
      g.strokeRect(m.x, m.y, m.w, m.h);
    }
    if (state.drawn) {
      g.strokeStyle = '#ffd600';
      g.strokeRect(state.drawn.x, state.drawn.y, state.drawn.w, state.drawn.h);
    }
    $('frame-box').textContent = state.drawn ? t('review.mark.boxNow', {box: boxText(state.drawn)}) : '';
  }

  function canvasPoint(e) {
    const c = $('frame-canvas');
    const r = c.getBoundingClientRect();
    return {x: (e.clientX - r.left) * c.width / r.width, y: (e.clientY - r.top) * c.height / r.height};
  }

  function watchDrawing() {
    const c = $('frame-canvas');
    let start = null;
    c.addEventListener('pointerdown', (e) => {
      start = canvasPoint(e);
      try {
        c.setPointerCapture(e.pointerId);
      } catch (ignored) { /* a synthetic pointer cannot be captured; drawing still works */ }
    });
    c.addEventListener('pointermove', (e) => {
      if (!start) return;
      const p = canvasPoint(e);
      state.drawn = {x: Math.round(Math.min(start.x, p.x)), y: Math.round(Math.min(start.y, p.y)),
        w: Math.round(Math.abs(p.x - start.x)), h: Math.round(Math.abs(p.y - start.y))};
      redraw();
    });
    c.addEventListener('pointerup', () => {
      start = null;
      updateButtons();
    });
  }

  function updateButtons() {
    const ok = !!(state.frame && state.drawn && state.drawn.w > 0 && state.drawn.h > 0);
    $('mark-add').disabled = !ok;
    $('region-add').disabled = !ok;
  }

  function addMark() {
    state.marks = state.marks.filter((m) => m.at !== state.frame.at);
    state.marks.push(Object.assign({at: state.frame.at}, state.drawn));
    state.marks.sort((a, b) => a.at.localeCompare(b.at));
    state.drawn = null;
    renderEdits();
    redraw();
    updateButtons();
  }

  function addRegion() {
    const from = Number($('region-from').value), to = Number($('region-to').value);
    if (!(to >= from)) {
      Vigil.showMessage('review-error', 'error', t('review.region.badRange'));
      return;
    }
    state.regions.push(Object.assign({from: instantAt(from), to: instantAt(to)}, state.drawn));
    state.drawn = null;
    renderEdits();
    redraw();
    updateButtons();
  }

  function removeButton(list, i, key) {
    const b = Vigil.el('button', {type: 'button', className: 'button-quiet button-small'}, t(key));
    b.addEventListener('click', () => {
      list.splice(i, 1);
      renderEdits();
      redraw();
    });
    return b;
  }

  function boxText(b) {
    return b.w + '×' + b.h + ' @ ' + b.x + ',' + b.y;
  }

  function renderEdits() {
    const ml = $('marks-list');
    ml.textContent = '';
    state.marks.forEach((m, i) => ml.appendChild(Vigil.el('li', {'data-mark': i},
      t('review.mark.item', {offset: offsetOf(m.at).toFixed(2), box: boxText(m)}), ' ', removeButton(state.marks, i, 'review.remove'))));
    if (!state.marks.length) ml.appendChild(Vigil.el('li', {className: 'empty'}, t('review.mark.none')));
    const rl = $('regions-list');
    rl.textContent = '';
    state.regions.forEach((r, i) => rl.appendChild(Vigil.el('li', {'data-region': i},
      t('review.region.item', {from: offsetOf(r.from).toFixed(2), to: offsetOf(r.to).toFixed(2), box: boxText(r)}), ' ',
      removeButton(state.regions, i, 'review.remove'))));
    const sl = $('spans-list');
    sl.textContent = '';
    state.spans.forEach((u, i) => sl.appendChild(Vigil.el('li', {'data-span': i},
      t('review.spans.item', {track: u.track, from: offsetOf(u.from).toFixed(2), to: offsetOf(u.to).toFixed(2)}), ' ',
      removeButton(state.spans, i, 'review.remove'))));
  }

  function addSpan() {
    const track = Number($('span-track').value);
    const from = Number($('span-from').value), to = Number($('span-to').value);
    if (!$('span-track').value || !(to >= from)) {
      Vigil.showMessage('review-error', 'error', t('review.region.badRange'));
      return;
    }
    state.spans.push({track: track, from: instantAt(from), to: instantAt(to)});
    renderEdits();
  }

  // ---- The job ----

  async function run() {
    showError(null);
    Vigil.showMessage('review-ok', 'ok', '');
    if (!state.marks.length) {
      Vigil.showMessage('review-error', 'error', t('review.run.noMarks'));
      return;
    }
    const body = {mode: $('mode').value, marks: state.marks, unmaskedTracks: Array.from(state.unmasked),
      addedRegions: state.regions, unmaskedSpans: state.spans};
    try {
      render(await Vigil.postJson(base() + '/run', body));
      poll();
    } catch (err) {
      showError(err);
    }
  }

  function poll() {
    clearTimeout(state.polling);
    state.polling = setTimeout(async () => {
      try {
        render(await Vigil.getJson(base(), {background: true}));
      } catch (err) {
        showError(err);
        return;
      }
      if (state.status && (state.status.state === 'queued' || state.status.state === 'running')) poll();
    }, 1000);
  }

  function render(s) {
    const before = state.status;
    state.status = s;
    const busy = s.state === 'queued' || s.state === 'running';
    $('run-progress').hidden = !busy;
    $('run-progress').max = Math.max(1, s.segmentsTotal);
    $('run-progress').value = s.segmentsRead;
    $('run-state').textContent = t('review.state.' + s.state, {read: s.segmentsRead, total: s.segmentsTotal, by: s.startedBy || '',
      position: s.queuePosition});
    $('run-state').setAttribute('data-state', s.state);
    $('run-state').setAttribute('data-position', String(s.queuePosition || 0));
    $('cancel-button').hidden = !busy; // masking.css makes [hidden] win over the buttons' display
    if (!busy && s.cancelledBy && (!before || !before.cancelledAt || before.cancelledAt !== s.cancelledAt)) {
      Vigil.showMessage('review-ok', 'ok', t(s.preview ? 'review.run.cancelledKept' : 'review.run.cancelled',
        {by: s.cancelledBy, time: Vigil.fmtDateTime(s.cancelledAt)}));
    }
    $('run-button').disabled = busy;
    $('rerun-button').disabled = busy;
    $('release-button').disabled = busy || s.state !== 'ready';
    if (s.error) showError({key: s.error.key, params: s.error.params, message: s.error.message});
    const changed = !before || !before.preview || !s.preview || before.preview.sha256 !== s.preview.sha256;
    if (changed) renderPreview(s.preview);
    renderReleased(s.released);
  }

  function renderPreview(p) {
    $('preview-section').hidden = !p;
    const v = $('preview-video');
    state.path = null;
    redraw();
    if (!p) {
      v.removeAttribute('src');
      v.removeAttribute('data-sha256');
      v.load();
      return;
    }
    loadPath(p);
    v.src = p.video + '?sha256=' + p.sha256;
    v.setAttribute('data-sha256', p.sha256);
    $('preview-facts').textContent = t('review.preview.facts', {frames: p.frames, seconds: (p.durationMillis / 1000).toFixed(2),
      width: p.width, height: p.height, sha256: p.sha256, took: (p.wallMillis / 1000).toFixed(1)});
    const tl = $('tracks-list');
    tl.textContent = '';
    for (const tr of p.tracks) {
      const box = Vigil.el('input', {type: 'checkbox', id: 'track-' + tr.id, 'data-track': tr.id,
        checked: !tr.requester && !state.unmasked.has(tr.id), disabled: tr.requester});
      box.addEventListener('change', () => {
        if (box.checked) state.unmasked.delete(tr.id);
        else state.unmasked.add(tr.id);
      });
      tl.appendChild(Vigil.el('li', {'data-track': tr.id, className: tr.requester ? 'requester' : null},
        tr.thumbnail ? Vigil.el('img', {src: tr.thumbnail, alt: t('review.tracks.thumbAlt', {id: tr.id})}) : null,
        Vigil.el('div', null, t(tr.requester ? 'review.tracks.requester' : 'review.tracks.other', {id: tr.id,
          from: offsetOf(tr.firstAt).toFixed(2), to: offsetOf(tr.lastAt).toFixed(2), n: tr.detections})),
        Vigil.el('label', {for: 'track-' + tr.id}, box, ' ', t('review.tracks.masked'))));
    }
    if (!p.tracks.length) tl.appendChild(Vigil.el('li', {className: 'empty'}, t('review.tracks.none')));
    const sel = $('span-track');
    sel.textContent = '';
    for (const tr of p.tracks) {
      if (!tr.requester) sel.appendChild(Vigil.el('option', {value: tr.id}, t('review.spans.option', {id: tr.id,
        from: offsetOf(tr.firstAt).toFixed(2), to: offsetOf(tr.lastAt).toFixed(2)})));
    }
    const fillRange = () => {
      const tr = p.tracks.find((x) => String(x.id) === sel.value);
      if (!tr) return;
      $('span-from').value = offsetOf(tr.firstAt).toFixed(2);
      $('span-to').value = offsetOf(tr.lastAt).toFixed(2);
    };
    sel.onchange = fillRange;
    fillRange();
    $('span-add').disabled = !sel.options.length;
    const fl = $('flags-list');
    fl.textContent = '';
    for (const f of p.flags) {
      fl.appendChild(Vigil.el('li', {'data-flag-track': f.track}, t('review.flags.item', {track: f.track,
        from: offsetOf(f.from).toFixed(2), to: offsetOf(f.to).toFixed(2), first: f.firstFrame, last: f.lastFrame})));
    }
    if (!p.flags.length) fl.appendChild(Vigil.el('li', {className: 'empty'}, t('review.flags.none')));
  }

  /** The requester's box on every frame of this preview: drawn over the video and over marking frames. */
  async function loadPath(p) {
    try {
      const path = await Vigil.getJson(base() + '/requester', {background: true});
      if (!state.status || !state.status.preview || state.status.preview.sha256 !== path.sha256) return;
      state.path = path;
      redraw();
      drawOverlay();
    } catch (err) {
      showError(err);
    }
  }

  function drawOverlay() {
    Boxes.drawOverlay($('preview-video'), $('preview-overlay'), state.path, $('preview-show-box').checked);
  }

  async function cancel() {
    showError(null);
    try {
      render(await Vigil.postJson(base() + '/cancel', {}));
      poll();
    } catch (err) {
      showError(err);
    }
  }

  function renderReleased(r) {
    $('released-section').hidden = !r;
    if (!r) return;
    $('released-facts').textContent = t('review.released.facts', {by: r.by, time: Vigil.fmtDateTime(r.at), sha256: r.sha256,
      seconds: (r.durationMillis / 1000).toFixed(2)});
    $('released-facts').setAttribute('data-sha256', r.sha256);
    $('copy-link').href = r.copy;
    $('copy-link').setAttribute('download', '');
    $('manifest-link').href = r.manifest;
    $('manifest-link').setAttribute('download', '');
  }

  async function release() {
    showError(null);
    try {
      render(await Vigil.postJson(base() + '/release', {}));
      Vigil.showMessage('review-ok', 'ok', t('review.released.done', {number: state.request.number}));
    } catch (err) {
      showError(err);
    }
  }

  // ---- Start ----

  function adopt(s) {
    state.marks = s.marks.slice();
    state.regions = s.addedRegions.slice();
    state.unmasked = new Set(s.unmaskedTracks);
    state.spans = (s.unmaskedSpans || []).slice();
    $('mode').value = s.mode;
    renderEdits();
    render(s);
    if (s.state === 'queued' || s.state === 'running') poll();
  }

  async function load(camera) {
    state.camera = camera;
    state.status = null;
    state.frame = null;
    $('frame-stage').hidden = true;
    history.replaceState(null, '', '/review.html?n=' + encodeURIComponent(state.request.number) + '&camera=' + encodeURIComponent(camera));
    adopt(await Vigil.getJson(base()));
  }

  async function start() {
    const q = new URLSearchParams(location.search);
    const number = q.get('n');
    if (!number) {
      Vigil.showMessage('review-error', 'error', t('review.noRequest'));
      return;
    }
    state.request = await Vigil.getJson('/api/v1/requests/' + encodeURIComponent(number));
    const r = state.request;
    $('review-heading').textContent = t('review.headingFor', {number: r.number});
    $('review-request').textContent = t('review.request', {from: Vigil.fmtDateTime(r.from), to: Vigil.fmtDateTime(r.to),
      cameras: r.cameras.join(', '), state: t('requests.state.' + r.state)});
    const sel = $('review-camera');
    for (const c of r.cameras) sel.appendChild(Vigil.el('option', {value: c}, c));
    $('camera-field').hidden = r.cameras.length < 2;
    sel.addEventListener('change', () => load(sel.value).catch(showError));
    const range = $('frame-offset');
    range.max = String(Math.max(0, windowSeconds() - 0.04));
    $('region-to').value = windowSeconds().toFixed(2);
    const showOffset = () => {
      $('frame-time').textContent = Vigil.fmtDateTime(instantAt(Number(range.value))) + ' (+' + Number(range.value).toFixed(2) + ' s)';
    };
    range.addEventListener('input', showOffset);
    showOffset();
    $('frame-show').addEventListener('click', showFrame);
    $('mark-add').addEventListener('click', addMark);
    $('region-add').addEventListener('click', addRegion);
    $('run-button').addEventListener('click', run);
    $('rerun-button').addEventListener('click', run);
    $('release-button').addEventListener('click', release);
    $('cancel-button').addEventListener('click', cancel);
    $('span-add').addEventListener('click', addSpan);
    watchDrawing();
    Boxes.watchKeys($('frame-canvas'), {frame: () => state.frame, drawn: () => state.drawn,
      setDrawn: (b) => { state.drawn = b; }, changed: () => { redraw(); updateButtons(); },
      confirm: () => { if (!$('mark-add').disabled) addMark(); }});
    Boxes.watchOverlay($('preview-video'), drawOverlay);
    $('preview-show-box').addEventListener('change', drawOverlay);
    const camera = q.get('camera') && r.cameras.includes(q.get('camera')) ? q.get('camera') : r.cameras[0];
    sel.value = camera;
    await load(camera);
  }

  Vigil.startPage('review', ['privacy-manager']).then((user) => (user ? start() : null)).catch((err) => {
    if (err.status !== 401) showError(err);
  });
})();
