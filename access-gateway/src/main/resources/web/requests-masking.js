/*
 * The masking of an approved viewing request, on the request's page (issue 13): for each camera
 * the job's state (waiting with its place, running with its progress, masked, cancelled, failed
 * with the reason in words), who started it and when, its settings, the released copy's SHA-256,
 * and the state of the request's one-time kiosk code. Words and numbers only: the privacy
 * officer decides the request and never sees footage, so this reads the job's status (which
 * carries no picture links for the officer) and nothing else.
 */
window.VigilMaskingStatus = (function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const t = (k, p) => Vigil.t(k, p);
  const POLL_MS = 2000;
  /** With no job waiting or running the page still looks every 10 s: the privacy manager
   *  starts, reviews and releases masking on other pages, and the officer's open page follows. */
  const IDLE_POLL_MS = 10000;
  /** The request shown; a newer show() makes older polls stop. */
  let shown = null;
  let timer = null;

  function statePhrase(s) {
    const time = (iso) => Vigil.fmtDateTime(iso);
    switch (s.state) {
      case 'queued': return t('requests.masking.state.queued', {position: s.queuePosition});
      case 'running': return t('requests.masking.state.running', {read: s.segmentsRead, total: s.segmentsTotal});
      case 'ready': return t(s.released ? 'requests.masking.state.released' : 'requests.masking.state.ready');
      case 'cancelled': return t('requests.masking.state.cancelled', {by: s.cancelledBy || '', time: time(s.cancelledAt)});
      case 'failed': return t('requests.masking.state.failed', {reason: s.error
        ? Vigil.errorText({key: s.error.key, params: s.error.params, message: s.error.message}) : ''});
      default: return t('requests.masking.state.idle');
    }
  }

  function stateCell(s) {
    const busy = s.state === 'queued' || s.state === 'running';
    const cell = Vigil.el('td', {className: 'masking-state', 'data-state': s.state, 'data-position': s.queuePosition || 0},
      statePhrase(s));
    if (s.state === 'running') {
      cell.appendChild(Vigil.el('progress', {max: Math.max(1, s.segmentsTotal), value: s.segmentsRead,
        'aria-label': t('requests.masking.progress', {camera: s.camera})}));
    }
    if (busy && s.cancelledBy) cell.appendChild(Vigil.el('div', {className: 'hint'}, t('requests.masking.stopping', {by: s.cancelledBy})));
    return cell;
  }

  function settings(s) {
    if (s.state === 'idle') return '';
    return t('review.mode.' + s.mode) + ' · ' + t('requests.masking.edits', {marks: s.marks.length,
      regions: s.addedRegions.length, unmasked: s.unmaskedTracks.length + (s.unmaskedSpans || []).length});
  }

  function releasedCell(s) {
    const r = s.released;
    if (!r) return Vigil.el('td', {className: 'masking-released'}, t('requests.masking.notReleased'));
    return Vigil.el('td', {className: 'masking-released', 'data-sha256': r.sha256},
      t('requests.masking.releasedBy', {by: r.by, time: Vigil.fmtDateTime(r.at), seconds: (r.durationMillis / 1000).toFixed(2)}),
      Vigil.el('div', null, 'SHA-256 ', Vigil.el('code', {className: 'sha256'}, r.sha256)));
  }

  function row(s) {
    return Vigil.el('tr', {'data-camera': s.camera},
      Vigil.el('th', {scope: 'row'}, s.camera),
      stateCell(s),
      Vigil.el('td', {className: 'masking-started'}, s.startedBy
        ? t('requests.masking.startedBy', {by: s.startedBy, time: Vigil.fmtDateTime(s.startedAt)}) : ''),
      Vigil.el('td', {className: 'masking-settings'}, settings(s)),
      releasedCell(s));
  }

  /** The one-time kiosk code: none, issued and valid, used, or expired; and whether the kiosk has a copy to play. */
  function kioskText(r, anyReleased) {
    const k = r.kiosk;
    let state, text;
    if (!k) {
      state = 'none';
      text = t('requests.masking.kiosk.none');
    } else if (k.usedAt) {
      state = 'used';
      text = t('requests.masking.kiosk.used', {time: Vigil.fmtDateTime(k.usedAt), by: k.usedBy || ''});
    } else if (new Date(k.expiresAt) <= new Date()) {
      state = 'expired';
      text = t('requests.masking.kiosk.expired', {time: Vigil.fmtDateTime(k.expiresAt)});
    } else {
      state = 'issued';
      text = t('requests.masking.kiosk.issued', {issued: Vigil.fmtDateTime(k.issuedAt), until: Vigil.fmtDateTime(k.expiresAt)});
    }
    if (state !== 'used' && !anyReleased) text += ' ' + t('requests.masking.kiosk.nothingToPlay');
    $('masking-kiosk').setAttribute('data-kiosk-state', state);
    $('masking-kiosk').textContent = text;
  }

  async function refresh(r) {
    const base = '/api/v1/requests/' + encodeURIComponent(r.number) + '/masking/';
    const list = await Promise.all(r.cameras.map((c) => Vigil.getJson(base + encodeURIComponent(c), {background: true})));
    if (shown !== r.number) return;
    const rows = $('masking-status-rows');
    rows.textContent = '';
    for (const s of list) rows.appendChild(row(s));
    kioskText(r, list.some((s) => s.released));
    const busy = list.some((s) => s.state === 'queued' || s.state === 'running');
    timer = setTimeout(() => refresh(r).catch(failed), busy ? POLL_MS : IDLE_POLL_MS);
  }

  function failed(err) {
    if (err && err.status === 401) return;
    Vigil.showMessage('masking-status-error', 'error', Vigil.errorText(err));
  }

  /** Shows the masking of request {@code r} (an approved or fulfilled viewing), or hides the section for any other. */
  function show(r) {
    clearTimeout(timer);
    const open = (r.state === 'approved' || r.state === 'fulfilled') && (r.kinds || []).includes('view');
    shown = open ? r.number : null;
    $('masking-status-section').hidden = !open;
    Vigil.showMessage('masking-status-error', 'error', '');
    if (!open) return Promise.resolve();
    return refresh(r).catch(failed);
  }

  return {show: show};
})();
