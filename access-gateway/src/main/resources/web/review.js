/*
 * The masking review (issue 13): mark the requester on still frames (review-marking.js), run
 * the masking in the background with its progress (here), review the preview (face tracks,
 * flagged frames, the masked video: review-preview.js), change what is masked, release the
 * copy. The server checks and ledgers everything. Shared state: review-state.js.
 */
(function () {
  'use strict';
  const R = window.VigilReview;
  const {$, t, state} = R;
  const Marking = window.VigilReviewMarking;
  const Preview = window.VigilReviewPreview;

  // ---- The job ----

  async function run() {
    R.showError(null);
    Vigil.showMessage('review-ok', 'ok', '');
    if (!state.marks.length) {
      Vigil.showMessage('review-error', 'error', t('review.run.noMarks'));
      return;
    }
    const body = {mode: $('mode').value, marks: state.marks, unmaskedTracks: Array.from(state.unmasked),
      addedRegions: state.regions, unmaskedSpans: state.spans};
    try {
      render(await Vigil.postJson(R.base() + '/run', body));
      poll();
    } catch (err) {
      R.showError(err);
    }
  }

  function poll() {
    clearTimeout(state.polling);
    state.polling = setTimeout(async () => {
      try {
        render(await Vigil.getJson(R.base(), {background: true}));
      } catch (err) {
        R.showError(err);
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
    if (s.error) R.showError({key: s.error.key, params: s.error.params, message: s.error.message});
    const changed = !before || !before.preview || !s.preview || before.preview.sha256 !== s.preview.sha256;
    if (changed) Preview.show(s.preview);
    Preview.showReleased(s.released);
  }

  async function cancel() {
    R.showError(null);
    try {
      render(await Vigil.postJson(R.base() + '/cancel', {}));
      poll();
    } catch (err) {
      R.showError(err);
    }
  }

  async function release() {
    R.showError(null);
    try {
      render(await Vigil.postJson(R.base() + '/release', {}));
      Vigil.showMessage('review-ok', 'ok', t('review.released.done', {number: state.request.number}));
    } catch (err) {
      R.showError(err);
    }
  }

  // ---- Start ----

  function adopt(s) {
    state.marks = s.marks.slice();
    state.regions = s.addedRegions.slice();
    state.unmasked = new Set(s.unmaskedTracks);
    state.spans = (s.unmaskedSpans || []).slice();
    $('mode').value = s.mode;
    Marking.renderEdits();
    render(s);
    if (s.state === 'queued' || s.state === 'running') poll();
  }

  async function load(camera) {
    state.camera = camera;
    state.status = null;
    state.frame = null;
    $('frame-stage').hidden = true;
    history.replaceState(null, '', '/review.html?n=' + encodeURIComponent(state.request.number) + '&camera=' + encodeURIComponent(camera));
    adopt(await Vigil.getJson(R.base()));
  }

  /** The request's window, its cameras and the frame slider. */
  function showRequest(r) {
    $('review-heading').textContent = t('review.headingFor', {number: r.number});
    $('review-request').textContent = t('review.request', {from: Vigil.fmtDateTime(r.from), to: Vigil.fmtDateTime(r.to),
      cameras: r.cameras.join(', '), state: t('requests.state.' + r.state)});
    const sel = $('review-camera');
    for (const c of r.cameras) sel.appendChild(Vigil.el('option', {value: c}, c));
    $('camera-field').hidden = r.cameras.length < 2;
    sel.addEventListener('change', () => load(sel.value).catch(R.showError));
    const range = $('frame-offset');
    range.max = String(Math.max(0, R.windowSeconds() - 0.04));
    $('region-to').value = R.windowSeconds().toFixed(2);
    const showOffset = () => {
      $('frame-time').textContent = Vigil.fmtDateTime(R.instantAt(Number(range.value))) + ' (+' + Number(range.value).toFixed(2) + ' s)';
    };
    range.addEventListener('input', showOffset);
    showOffset();
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
    showRequest(r);
    Marking.watch();
    $('run-button').addEventListener('click', run);
    $('rerun-button').addEventListener('click', run);
    $('release-button').addEventListener('click', release);
    $('cancel-button').addEventListener('click', cancel);
    Preview.watch();
    const camera = q.get('camera') && r.cameras.includes(q.get('camera')) ? q.get('camera') : r.cameras[0];
    $('review-camera').value = camera;
    await load(camera);
  }

  Vigil.startPage('review', ['privacy-manager']).then((user) => (user ? start() : null)).catch((err) => {
    if (err.status !== 401) R.showError(err);
  });
})();
