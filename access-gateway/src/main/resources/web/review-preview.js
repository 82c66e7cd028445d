/*
 * The preview under review in the masking review (issue 13): the masked video with the
 * requester's tracked box over it, its facts, the face tracks (thumbnail, masked or not), the
 * track chooser for leaving a face unmasked on a range, the flagged overlaps; and the released
 * copy with its download links.
 */
window.VigilReviewPreview = (function () {
  'use strict';
  const R = window.VigilReview;
  const {$, t, state} = R;
  const Boxes = window.VigilReviewBoxes;
  const Marking = window.VigilReviewMarking;

  function show(p) {
    $('preview-section').hidden = !p;
    const v = $('preview-video');
    state.path = null;
    Marking.redraw();
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
    tracks(p);
    spanChooser(p);
    flags(p);
  }

  function tracks(p) {
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
          from: R.offsetOf(tr.firstAt).toFixed(2), to: R.offsetOf(tr.lastAt).toFixed(2), n: tr.detections})),
        Vigil.el('label', {for: 'track-' + tr.id}, box, ' ', t('review.tracks.masked'))));
    }
    if (!p.tracks.length) tl.appendChild(Vigil.el('li', {className: 'empty'}, t('review.tracks.none')));
  }

  function spanChooser(p) {
    const sel = $('span-track');
    sel.textContent = '';
    for (const tr of p.tracks) {
      if (!tr.requester) sel.appendChild(Vigil.el('option', {value: tr.id}, t('review.spans.option', {id: tr.id,
        from: R.offsetOf(tr.firstAt).toFixed(2), to: R.offsetOf(tr.lastAt).toFixed(2)})));
    }
    const fillRange = () => {
      const tr = p.tracks.find((x) => String(x.id) === sel.value);
      if (!tr) return;
      $('span-from').value = R.offsetOf(tr.firstAt).toFixed(2);
      $('span-to').value = R.offsetOf(tr.lastAt).toFixed(2);
    };
    sel.onchange = fillRange;
    fillRange();
    $('span-add').disabled = !sel.options.length;
  }

  function flags(p) {
    const fl = $('flags-list');
    fl.textContent = '';
    for (const f of p.flags) {
      fl.appendChild(Vigil.el('li', {'data-flag-track': f.track}, t('review.flags.item', {track: f.track,
        from: R.offsetOf(f.from).toFixed(2), to: R.offsetOf(f.to).toFixed(2), first: f.firstFrame, last: f.lastFrame})));
    }
    if (!p.flags.length) fl.appendChild(Vigil.el('li', {className: 'empty'}, t('review.flags.none')));
  }

  /** The requester's box on every frame of this preview: drawn over the video and over marking frames. */
  async function loadPath(p) {
    try {
      const path = await Vigil.getJson(R.base() + '/requester', {background: true});
      if (!state.status || !state.status.preview || state.status.preview.sha256 !== path.sha256) return;
      state.path = path;
      Marking.redraw();
      drawOverlay();
    } catch (err) {
      R.showError(err);
    }
  }

  function drawOverlay() {
    Boxes.drawOverlay($('preview-video'), $('preview-overlay'), state.path, $('preview-show-box').checked);
  }

  function showReleased(r) {
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

  /** Keeps the requester's box over the playing preview, and its tick box. */
  function watch() {
    Boxes.watchOverlay($('preview-video'), drawOverlay);
    $('preview-show-box').addEventListener('change', drawOverlay);
  }

  return {show: show, showReleased: showReleased, watch: watch};
})();
