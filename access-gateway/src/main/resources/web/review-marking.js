/*
 * Marking in the masking review (issue 13): still frames of the window shown on request, the
 * requester's box drawn on them with the mouse (the keyboard: review-boxes.js), marks of the
 * requester, regions to mask as well and tracks left unmasked on a range, listed with their
 * remove buttons. The requester's box of the last masking is drawn over the frame.
 */
window.VigilReviewMarking = (function () {
  'use strict';
  const R = window.VigilReview;
  const {$, t, state} = R;
  const Boxes = window.VigilReviewBoxes;

  async function showFrame() {
    R.showError(null);
    const at = R.instantAt(Number($('frame-offset').value));
    try {
      const f = await Vigil.getJson(R.base() + '/frame?at=' + encodeURIComponent(at));
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
      $('frame-info').textContent = t('review.mark.frameInfo', {time: Vigil.fmtDateTime(f.at), offset: R.offsetOf(f.at).toFixed(2),
        width: f.width, height: f.height});
      $('region-from').value = R.offsetOf(f.at).toFixed(2);
      updateButtons();
    } catch (err) {
      R.showError(err);
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
    $('frame-box').textContent = state.drawn ? t('review.mark.boxNow', {box: R.boxText(state.drawn)}) : '';
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
    state.regions.push(Object.assign({from: R.instantAt(from), to: R.instantAt(to)}, state.drawn));
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

  function renderEdits() {
    const ml = $('marks-list');
    ml.textContent = '';
    state.marks.forEach((m, i) => ml.appendChild(Vigil.el('li', {'data-mark': i},
      t('review.mark.item', {offset: R.offsetOf(m.at).toFixed(2), box: R.boxText(m)}), ' ', removeButton(state.marks, i, 'review.remove'))));
    if (!state.marks.length) ml.appendChild(Vigil.el('li', {className: 'empty'}, t('review.mark.none')));
    const rl = $('regions-list');
    rl.textContent = '';
    state.regions.forEach((r, i) => rl.appendChild(Vigil.el('li', {'data-region': i},
      t('review.region.item', {from: R.offsetOf(r.from).toFixed(2), to: R.offsetOf(r.to).toFixed(2), box: R.boxText(r)}), ' ',
      removeButton(state.regions, i, 'review.remove'))));
    const sl = $('spans-list');
    sl.textContent = '';
    state.spans.forEach((u, i) => sl.appendChild(Vigil.el('li', {'data-span': i},
      t('review.spans.item', {track: u.track, from: R.offsetOf(u.from).toFixed(2), to: R.offsetOf(u.to).toFixed(2)}), ' ',
      removeButton(state.spans, i, 'review.remove'))));
  }

  function addSpan() {
    const track = Number($('span-track').value);
    const from = Number($('span-from').value), to = Number($('span-to').value);
    if (!$('span-track').value || !(to >= from)) {
      Vigil.showMessage('review-error', 'error', t('review.region.badRange'));
      return;
    }
    state.spans.push({track: track, from: R.instantAt(from), to: R.instantAt(to)});
    renderEdits();
  }

  /** Wires the frame, its drawing and keys, and the buttons that add marks, regions and spans. */
  function watch() {
    $('frame-show').addEventListener('click', showFrame);
    $('mark-add').addEventListener('click', addMark);
    $('region-add').addEventListener('click', addRegion);
    $('span-add').addEventListener('click', addSpan);
    watchDrawing();
    Boxes.watchKeys($('frame-canvas'), {frame: () => state.frame, drawn: () => state.drawn,
      setDrawn: (b) => { state.drawn = b; }, changed: () => { redraw(); updateButtons(); },
      confirm: () => { if (!$('mark-add').disabled) addMark(); }});
  }

  return {watch: watch, redraw: redraw, renderEdits: renderEdits};
})();
