/*
 * One camera: the day's timeline (recorded spans and gaps), the purpose dialog, and
 * the player. No footage is requested before the gateway has issued a viewing grant
 * for a stated purpose; the grant is ended explicitly, and on leaving the page.
 */
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const TIMELINE_REFRESH_MS = 30000;

  const params = new URLSearchParams(location.search);
  const cameraId = params.get('id') || '';

  const state = {
    user: null,
    camera: null,
    day: null,            // "YYYY-MM-DD", local
    spans: [],
    pendingFrom: null,    // Date chosen on the timeline, awaiting a purpose
    keyCursor: null,      // Date under the keyboard cursor of the timeline
    grant: null,          // the active grant, while the player shows it
    videoBase: null,      // footage time (ms) at video.currentTime 0 of the part playing
    footage: null,        // the footage map: parts, spans, gaps (GET .../footage)
    part: 0,              // index of the part playing
    frameMediaTime: null, // media time (s) of the picture on screen, from requestVideoFrameCallback
    ended: true,
    purposes: [],
    timeline: null,       // the timeline under the player (playertimeline.js)
  };

  // ---------- day and timeline ----------

  function dayBounds(isoDate) {
    // Days are the site's days (its time zone from the config), whatever the browser's zone.
    const start = Vigil.dayStart(isoDate);
    const end = Vigil.dayStart(Vigil.addDays(isoDate, 1));
    return {start, end};
  }

  function setDay(isoDate) {
    state.day = isoDate;
    state.keyCursor = null;
    $('day').value = isoDate;
    params.set('day', isoDate);
    history.replaceState(null, '', location.pathname + '?' + params.toString());
    loadTimeline();
  }

  function shiftDay(days) {
    setDay(Vigil.addDays(state.day, days));
  }

  async function loadTimeline(background) {
    const {start, end} = dayBounds(state.day);
    const timeline = $('timeline');
    timeline.setAttribute('aria-busy', 'true');
    try {
      const q = '?from=' + encodeURIComponent(start.toISOString()) + '&to=' + encodeURIComponent(end.toISOString());
      const body = await Vigil.getJson('/api/v1/cameras/' + encodeURIComponent(cameraId) + '/timeline' + q, {background: !!background});
      state.spans = (body.spans || []).map((s) => ({
        start: new Date(s.start), end: new Date(s.end), recorded: !!s.recorded, gapReason: s.gapReason || '',
      }));
      drawTimeline(start, end);
      if (state.grant && !state.ended) state.timeline.draw();
      Vigil.showMessage('page-error', 'error', '');
    } catch (err) {
      state.spans = [];
      drawTimeline(start, end);
      if (err.status !== 401) Vigil.showMessage('page-error', 'error', Vigil.t('camera.error.timeline', {detail: Vigil.errorText(err)}));
    } finally {
      timeline.setAttribute('aria-busy', 'false');
    }
  }

  function drawTimeline(start, end) {
    const timeline = $('timeline');
    const total = end - start;
    timeline.textContent = '';
    let recordedMs = 0;
    let gaps = 0;
    const rows = $('span-rows');
    rows.textContent = '';
    const nowOffset = Date.now() - start;
    for (const s of state.spans) {
      const from = Math.max(s.start - start, 0);
      // What has not happened yet is not a gap: spans are cut at now.
      const to = Math.min(s.end - start, total, nowOffset);
      if (to <= from) continue;
      const bar = Vigil.el('div', {
        className: s.recorded ? 'span-recorded' : 'span-gap',
        title: Vigil.t(s.recorded ? 'camera.span.recorded' : (s.gapReason ? 'camera.span.gapWhy' : 'camera.span.gap'),
          {from: Vigil.fmtTime(s.start), to: Vigil.fmtTime(s.end), reason: s.gapReason}),
      });
      bar.style.left = (100 * from / total) + '%';
      bar.style.width = Math.max(100 * (to - from) / total, 0.08) + '%';
      timeline.appendChild(bar);
      if (s.recorded) recordedMs += to - from; else gaps++;
      rows.appendChild(Vigil.el('tr', null,
        Vigil.el('td', null, Vigil.fmtDateTime(s.start)),
        Vigil.el('td', null, Vigil.fmtDateTime(s.end)),
        Vigil.el('td', null, Vigil.t(s.recorded ? 'common.yes' : 'common.no')),
        Vigil.el('td', null, s.recorded ? '' : (s.gapReason || Vigil.t('camera.span.notRecorded')))));
    }
    if (nowOffset < total) {
      const future = Vigil.el('div', {className: 'span-future', title: Vigil.t('camera.ptl.future')});
      future.style.left = (100 * Math.max(nowOffset, 0) / total) + '%';
      future.style.right = '0';
      timeline.appendChild(future);
    }
    const marked = state.keyCursor || state.pendingFrom;
    if (marked && marked >= start && marked < end) {
      const cursor = Vigil.el('div', {className: 'cursor'});
      cursor.style.left = (100 * (marked - start) / total) + '%';
      timeline.appendChild(cursor);
    }
    const hours = $('timeline-hours');
    hours.textContent = '';
    for (let h = 0; h <= 24; h += 2) {
      const tick = Vigil.el('span', null, String(h).padStart(2, '0') + ':00');
      tick.style.left = (100 * h / 24) + '%';
      if (h === 0) tick.style.transform = 'none';
      if (h === 24) tick.style.transform = 'translateX(-100%)';
      hours.appendChild(tick);
    }
    const summary = Vigil.t(gaps === 1 ? 'camera.summary.one' : 'camera.summary', {recorded: fmtDuration(recordedMs), gaps: gaps, day: state.day});
    $('timeline-summary').textContent = summary;
    timeline.setAttribute('aria-label', Vigil.t('camera.timeline.labelDay', {day: state.day, summary: summary}));
    describeCursor();
    if (!state.spans.length && rows.childElementCount === 0) {
      rows.appendChild(Vigil.el('tr', null, Vigil.el('td', {colspan: 4, className: 'empty'}, Vigil.t('camera.spans.none'))));
    }
  }

  function fmtDuration(ms) {
    const minutes = Math.round(ms / 60000);
    if (minutes < 60) return Vigil.t('time.duration.minutes', {m: minutes});
    return Vigil.t('time.duration.hours', {h: Math.floor(minutes / 60), m: minutes % 60});
  }

  /** A click on the timeline picks that moment; in a gap, the next recorded moment of the day. */
  function onTimelineClick(event) {
    const rect = $('timeline').getBoundingClientRect();
    const fraction = Math.min(Math.max((event.clientX - rect.left) / rect.width, 0), 1);
    const {start, end} = dayBounds(state.day);
    let t = new Date(start.getTime() + Math.round(fraction * (end - start) / 1000) * 1000);
    const inRecorded = state.spans.some((s) => s.recorded && s.start <= t && t < s.end);
    if (!inRecorded) {
      const next = state.spans.find((s) => s.recorded && s.start > t);
      if (next) t = new Date(next.start);
    }
    $('start-time').value = Vigil.fmtTime(t);
    state.keyCursor = t;
    describeCursor();
    askPurpose(t);
  }

  /** The keyboard cursor's value for assistive technology: "14:05:00, recorded". */
  function describeCursor() {
    const timeline = $('timeline');
    const t = state.keyCursor;
    if (!t) return;
    const {start} = dayBounds(state.day);
    const recorded = state.spans.some((s) => s.recorded && s.start <= t && t < s.end);
    timeline.setAttribute('aria-valuenow', String(Math.round((t - start) / 1000)));
    timeline.setAttribute('aria-valuetext', Vigil.t(recorded ? 'camera.cursor.recorded' : 'camera.cursor.notRecorded', {time: Vigil.fmtTime(t)}));
  }

  /** Arrow keys move a cursor over the day; Enter asks for the purpose at the cursor. */
  function onTimelineKey(event) {
    const {start, end} = dayBounds(state.day);
    const minute = 60000;
    const steps = {
      ArrowLeft: -minute, ArrowRight: minute, ArrowDown: -minute, ArrowUp: minute,
      PageDown: -60 * minute, PageUp: 60 * minute,
    };
    let t = state.keyCursor && state.keyCursor >= start && state.keyCursor < end ? state.keyCursor.getTime() : start.getTime();
    if (event.key in steps) {
      t += steps[event.key] * (event.shiftKey && event.key.startsWith('Arrow') ? 10 : 1);
    } else if (event.key === 'Home') {
      t = start.getTime();
    } else if (event.key === 'End') {
      t = Math.min(end.getTime(), Date.now()) - 1000;
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const chosen = new Date(t);
      $('start-time').value = Vigil.fmtTime(chosen);
      askPurpose(chosen);
      return;
    } else {
      return;
    }
    event.preventDefault();
    t = Math.min(Math.max(t, start.getTime()), end.getTime() - 1000);
    state.keyCursor = new Date(t);
    $('start-time').value = Vigil.fmtTime(state.keyCursor);
    drawTimeline(start, end);
  }

  /** The time typed in the form, on the chosen day. */
  function chosenTime() {
    const value = $('start-time').value;
    if (!value) return null;
    return Vigil.atTime(state.day, value);
  }

  // ---------- purpose dialog and grant ----------

  /** A purpose category in words (bundle key purpose.<code>). */
  function purposeName(code) {
    const known = state.purposes.find((p) => p.code === code);
    return Vigil.purposeLabel(code, known && known.label);
  }

  function stateName(st) {
    const key = 'camera.state.' + String(st || 'unknown').toLowerCase();
    return Vigil.has(key) ? Vigil.t(key) : String(st);
  }

  async function loadPurposes() {
    state.purposes = await Vigil.getJson('/api/v1/purposes');
    Vigil.PurposeForm.fill(state.purposes);
    Vigil.PurposeForm.lengths($('purpose-length'));
  }

  function askPurpose(from) {
    if (!state.ended) {
      Vigil.showMessage('page-error', 'error', Vigil.t('camera.error.endFirst'));
      $('end-button').focus();
      return;
    }
    if (from.getTime() >= Date.now()) {
      Vigil.showMessage('page-error', 'error', Vigil.t('camera.error.future', {time: Vigil.fmtDateTime(from)}));
      return;
    }
    Vigil.showMessage('page-error', 'error', '');
    state.pendingFrom = from;
    drawTimeline(dayBounds(state.day).start, dayBounds(state.day).end);
    $('purpose-summary').textContent = Vigil.t('camera.purpose.summary', {camera: cameraLabel(), time: Vigil.fmtDateTime(from)});
    Vigil.showMessage('purpose-error', 'error', '');
    const dialog = $('purpose-dialog');
    if (!dialog.open) dialog.showModal();
    $('purpose-category').focus();
  }

  function cameraLabel() {
    return state.camera && state.camera.name ? state.camera.name + ' (' + cameraId + ')' : cameraId;
  }

  async function onPurposeSubmit(event) {
    event.preventDefault();
    const problem = Vigil.PurposeForm.problem();
    if (problem) {
      Vigil.showMessage('purpose-error', 'error', Vigil.t(problem.key));
      problem.field.focus();
      return;
    }
    const from = state.pendingFrom;
    const to = Vigil.PurposeForm.footageEnd(from, $('purpose-length'));
    $('purpose-submit').disabled = true;
    try {
      const grant = await Vigil.postJson('/api/v1/grants',
        Object.assign({cameras: [cameraId], from: from.toISOString(), to: to.toISOString()}, Vigil.PurposeForm.value()));
      $('purpose-dialog').close();
      $('purpose-text').value = '';
      startPlayer(grant);
    } catch (err) {
      Vigil.showMessage('purpose-error', 'error', Vigil.t('camera.purpose.refused', {detail: Vigil.errorText(err)}));
    } finally {
      $('purpose-submit').disabled = false;
    }
  }

  // ---------- player ----------

  async function startPlayer(grant) {
    state.grant = grant;
    state.ended = false;
    state.footage = null;
    const from = new Date(grant.from);
    const to = new Date(grant.to);

    const purposeLabel = purposeName(grant.purpose);
    $('info-camera').textContent = cameraLabel();
    $('info-range').textContent = Vigil.fmtDateTime(from) + ' – ' + Vigil.fmtTime(to);
    $('info-purpose').textContent = Vigil.t('camera.info.purposeText', {purpose: purposeLabel, text: grant.purposeText || ''});
    // The grant's id is the system's reference, not a guard's: kept out of sight (tests and support read it here).
    $('player').dataset.grant = grant.grantId;
    $('info-expires').textContent = Vigil.fmtDateTime(grant.expiresAt);
    $('info-position').textContent = '';
    $('export-recipient').value = '';
    $('export-basis').value = '';
    Vigil.showMessage('export-message', 'info', '');
    Vigil.showMessage('player-message', 'info', '');
    $('ended-section').hidden = true;
    $('player-section').hidden = false;
    state.timeline.setGrant(from, to);
    $('player-section').scrollIntoView({block: 'start'});
    updateWatermark();

    // What the range really holds (parts, gaps and their reasons) before a byte of video.
    try {
      state.footage = await Vigil.getJson('/api/v1/grants/' + encodeURIComponent(grant.grantId) + '/footage?' + rangeQuery(grant));
    } catch (err) {
      Vigil.showMessage('player-message', 'error', Vigil.t('camera.player.failed', {why: Vigil.errorText(err)}));
      return;
    }
    showGaps();
    if (!state.footage.parts.length) {
      Vigil.showMessage('player-message', 'error', Vigil.t('camera.footage.none'));
      return;
    }
    playPart(0, true);
    // The picture's real height is known only now; bring the whole player into view again.
    $('video').addEventListener('loadedmetadata', () => $('player-section').scrollIntoView({block: 'start'}), {once: true});
  }

  function rangeQuery(grant) {
    return 'camera=' + encodeURIComponent(cameraId) + '&from=' + encodeURIComponent(new Date(grant.from).toISOString()) +
      '&to=' + encodeURIComponent(new Date(grant.to).toISOString());
  }

  /**
   * Plays part i of the footage (from {@code atSeconds} of it, when given). Media time is
   * footage time within a part: footage time = part start − the first picture's
   * presentation delay + media time (docs/export.md).
   */
  function playPart(i, first, atSeconds) {
    const part = state.footage.parts[i];
    state.part = i;
    state.videoBase = new Date(part.from).getTime() - (part.presentationDelayMs || 0);
    state.frameMediaTime = null;
    const video = $('video');
    video.src = videoUrl(state.grant, i);
    watchFrames();
    if (atSeconds) video.addEventListener('loadedmetadata', () => { video.currentTime = atSeconds; }, {once: true});
    if (first) video.focus();
    video.play().catch(() => {
      // Autoplay may be refused by the browser; the native controls still start it.
    });
    updatePosition();
  }

  /** The gaps of the footage under the player, each with its reason. */
  function showGaps() {
    const list = $('footage-gaps');
    list.textContent = '';
    const gaps = state.footage ? state.footage.gaps : [];
    $('footage-gaps-section').hidden = gaps.length === 0;
    for (const g of gaps) list.appendChild(Vigil.el('li', {'data-kind': g.kind}, gapText(g)));
  }

  function gapWhy(g) {
    const kind = Vigil.t('camera.footage.kind.' + (Vigil.has('camera.footage.kind.' + g.kind) ? g.kind : 'unreadable'));
    return g.reason ? Vigil.t('camera.footage.kindWhy', {kind: kind, reason: g.reason}) : kind;
  }

  function gapText(g) {
    return Vigil.t('camera.footage.gapLine', {from: Vigil.fmtTime(new Date(g.from)), to: Vigil.fmtTime(new Date(g.to)), why: gapWhy(g)});
  }

  /** The gap of the footage map at footage time t (ms), if any. */
  function gapAt(t) {
    if (!state.footage) return null;
    return state.footage.gaps.find((g) => new Date(g.from).getTime() <= t && t < new Date(g.to).getTime()) || null;
  }

  /**
   * The footage time (ms) of the picture on screen: from the presented frame's media time
   * where the browser reports it (so the time shown is the picture's, also right after a
   * seek), else from the player's current time.
   */
  function footageTime() {
    const media = state.frameMediaTime !== null ? state.frameMediaTime : $('video').currentTime;
    return state.videoBase + media * 1000;
  }

  /** Follows every presented picture (requestVideoFrameCallback) to show its own footage time. */
  function watchFrames() {
    const video = $('video');
    if (!video.requestVideoFrameCallback) return;
    // Armed again for each part (a new source may drop the callback waiting on the old one); an older arming stops.
    const arming = state.frameArming = (state.frameArming || 0) + 1;
    const onFrame = (now, meta) => {
      if (arming !== state.frameArming) return;
      state.frameMediaTime = meta.mediaTime;
      updatePosition();
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  }

  /** Shows the footage time; inside a gap while playing, says so and moves on to the footage after it. */
  function updatePosition() {
    const video = $('video');
    if (!state.grant || state.ended || state.videoBase === null || isNaN(video.currentTime) || !state.footage) return;
    const t = footageTime();
    const pos = $('info-position');
    pos.dataset.footageTime = new Date(Math.round(t)).toISOString();
    pos.dataset.mediaTime = String(state.frameMediaTime !== null ? state.frameMediaTime : video.currentTime);
    pos.textContent = Vigil.t('camera.info.positionAt', {time: Vigil.fmtDateTime(new Date(t))});
    const gap = gapAt(state.videoBase + video.currentTime * 1000);
    const part = state.footage.parts[state.part];
    if (gap && !video.paused && new Date(gap.to).getTime() < new Date(part.to).getTime()) {
      Vigil.showMessage('player-message', 'info', Vigil.t('camera.footage.skipped', {gap: gapText(gap)}));
      video.currentTime = (new Date(gap.to).getTime() - state.videoBase) / 1000;
    }
  }

  /** At the end of a part, the next part (after a resolution or codec change) plays on. */
  function onVideoEnded() {
    if (!state.footage || state.ended) return;
    const next = state.part + 1;
    if (next >= state.footage.parts.length) return;
    const part = state.footage.parts[next];
    Vigil.showMessage('player-message', 'info', Vigil.t('camera.footage.nextPart', {
      time: Vigil.fmtTime(new Date(part.from)), size: part.width + '×' + part.height,
    }));
    playPart(next, false);
  }

  /** The footage time the player shows now. */
  function playheadTime() {
    return new Date(footageTime());
  }

  /** From the timeline under the player, inside the grant: play from there, no new purpose needed. */
  function seekTo(t) {
    const video = $('video');
    const parts = state.footage ? state.footage.parts : [];
    // The part holding t (or the first after it): after a resolution change that is another video.
    const k = parts.findIndex((p) => t.getTime() < new Date(p.to).getTime());
    if (k >= 0 && k !== state.part) {
      const part = parts[k];
      const base = new Date(part.from).getTime() - (part.presentationDelayMs || 0);
      playPart(k, false, Math.max(0, (t.getTime() - base) / 1000));
      Vigil.showMessage('player-message', 'info', '');
      return;
    }
    const seconds = Math.max(0, (t.getTime() - state.videoBase) / 1000);
    video.currentTime = isFinite(video.duration) ? Math.min(seconds, Math.max(video.duration - 0.1, 0)) : seconds;
    Vigil.showMessage('player-message', 'info', '');
    video.play().catch(() => {});
  }

  /** Outside the grant the viewer needs a new purpose: say so, never stretch the grant. */
  function outsideGrant(t) {
    Vigil.showMessage('player-message', 'info', Vigil.t('camera.ptl.outside', {time: Vigil.fmtDateTime(t),
      from: Vigil.fmtDateTime(new Date(state.grant.from)), to: Vigil.fmtTime(new Date(state.grant.to))}));
  }

  /** The keyframe picture at t, through the grant (a thumbnail is footage). */
  function thumbnailUrl(t) {
    if (!state.grant || state.ended) return null;
    const to = new Date(Math.min(t.getTime() + 1000, new Date(state.grant.to).getTime()));
    return '/api/v1/grants/' + encodeURIComponent(state.grant.grantId) + '/thumbnail.jpg?camera=' + encodeURIComponent(cameraId) +
      '&from=' + encodeURIComponent(t.toISOString()) + '&to=' + encodeURIComponent(to.toISOString());
  }

  /** The activity line of [from, to) in `buckets` peaks, through the grant (activity is footage). */
  function activityLine(from, to, buckets) {
    if (!state.grant || state.ended) return Promise.reject(new Error(Vigil.t('camera.ptl.activity.noViewing')));
    return Vigil.getJson('/api/v1/grants/' + encodeURIComponent(state.grant.grantId) + '/activity?camera=' + encodeURIComponent(cameraId) +
      '&from=' + encodeURIComponent(from.toISOString()) + '&to=' + encodeURIComponent(to.toISOString()) + '&buckets=' + buckets);
  }

  /** Fullscreen is the player element (video + watermark), so the watermark stays on screen. */
  function toggleFullscreen() {
    if (document.fullscreenElement) {
      document.exitFullscreen().catch(() => {});
      return;
    }
    $('player').requestFullscreen().catch((err) => Vigil.showMessage('player-message', 'error', Vigil.t('camera.player.fullscreenFailed', {detail: err.message})));
  }

  function onFullscreenChange() {
    const full = document.fullscreenElement;
    // Anything but the player in fullscreen (the bare video) would show footage without the watermark.
    if (full && full !== $('player')) document.exitFullscreen().catch(() => {});
    $('fullscreen-button').textContent = Vigil.t(full === $('player') ? 'camera.player.exitFullscreen' : 'camera.player.fullscreen');
  }

  function videoUrl(grant, part) {
    return '/api/v1/grants/' + encodeURIComponent(grant.grantId) + '/video.mp4?' + rangeQuery(grant) + '&part=' + part;
  }

  /** Name and wall-clock time over the picture, so a photo of the screen still says who watched and when. */
  function updateWatermark() {
    if (!state.user) return;
    const now = new Date();
    $('watermark-name').textContent = state.user.user;
    $('watermark-time').textContent = Vigil.fmtDateTime(now);
    $('watermark-corner').textContent = state.user.user + ' · ' + Vigil.fmtTime(now);
    updatePosition();
  }

  function onVideoError() {
    const video = $('video');
    if (state.ended || !video.getAttribute('src')) return;
    const code = video.error ? video.error.code : 0;
    const why = Vigil.t([1, 2, 3, 4].includes(code) ? 'camera.player.error' + code : 'camera.player.errorOther');
    Vigil.showMessage('player-message', 'error', Vigil.t('camera.player.failed', {why: why}));
  }

  async function onExport() {
    if (!state.grant || state.ended) return;
    const button = $('export-button');
    const recipient = $('export-recipient').value.trim();
    const basis = $('export-basis').value;
    if (!basis) { // required: the management ledger records on what ground footage left the server
      Vigil.showMessage('export-message', 'error', Vigil.t('camera.export.basisMissing'));
      $('export-basis').focus();
      return;
    }
    button.disabled = true;
    Vigil.showMessage('export-message', 'info', Vigil.t('camera.export.preparing'));
    try {
      const r = await Vigil.request('POST', '/api/v1/grants/' + encodeURIComponent(state.grant.grantId) +
        '/export?camera=' + encodeURIComponent(cameraId), recipient ? {recipient: recipient, legalBasis: basis} : {legalBasis: basis}, {accept: 'application/zip'});
      const blob = await r.blob();
      const name = Vigil.fileNameFrom(r, 'vigil-export-' + cameraId + '-' + state.grant.grantId + '.zip');
      Vigil.saveBlob(blob, name);
      Vigil.showMessage('export-message', 'ok', Vigil.t(recipient ? 'camera.export.doneFor' : 'camera.export.done',
        {name: name, size: Math.round(blob.size / 1024), recipient: recipient}));
    } catch (err) {
      Vigil.showMessage('export-message', 'error', Vigil.t('camera.export.failed', {detail: Vigil.errorText(err)}));
    } finally {
      button.disabled = false;
    }
  }

  function stopVideo() {
    const video = $('video');
    video.pause();
    video.removeAttribute('src');
    video.load();
  }

  async function onEnd() {
    if (!state.grant || state.ended) return;
    const grant = state.grant;
    state.ended = true;
    stopVideo();
    try {
      await Vigil.postJson('/api/v1/grants/' + encodeURIComponent(grant.grantId) + '/end', {});
      $('ended-message').textContent = Vigil.t('camera.end.done', {time: Vigil.fmtDateTime(new Date())});
      $('ended-message').className = 'message message-ok';
    } catch (err) {
      $('ended-message').textContent = Vigil.t('camera.end.failed', {detail: Vigil.errorText(err)});
      $('ended-message').className = 'message message-error';
    }
    $('player-section').hidden = true;
    $('ended-section').hidden = false;
    state.grant = null;
    state.timeline.clear();
    $('start-time').focus();
  }

  /**
   * Leaving the page ends the viewing. sendBeacon cannot carry the CSRF header the
   * gateway requires, so this is a keepalive fetch, which outlives the page.
   */
  function onPageHide() {
    if (!state.grant || state.ended || !state.user) return;
    state.ended = true;
    try {
      fetch('/api/v1/grants/' + encodeURIComponent(state.grant.grantId) + '/end', {
        method: 'POST',
        keepalive: true,
        credentials: 'same-origin',
        headers: {'Content-Type': 'application/json', 'X-CSRF-Token': state.user.csrfToken},
        body: '{}',
      });
    } catch (ignored) {
      // The grant's own expiry closes it when the request cannot be sent.
    }
  }

  // ---------- start ----------

  function wire() {
    state.timeline = new Vigil.PlayerTimeline({root: 'ptl', track: 'ptl-track', ticks: 'ptl-ticks', range: 'ptl-range', hover: 'ptl-hover',
      hoverTime: 'ptl-hover-time', hoverThumb: 'ptl-thumb', zoom: 'ptl-zoom', earlier: 'ptl-earlier', later: 'ptl-later', follow: 'ptl-follow'},
    {spans: () => state.spans, onSeek: seekTo, onOutside: outsideGrant, thumbnailUrl: thumbnailUrl, activity: activityLine,
      onNote: (text) => Vigil.showMessage('player-message', 'info', text)});
    $('prev-day').addEventListener('click', () => shiftDay(-1));
    $('next-day').addEventListener('click', () => shiftDay(1));
    $('refresh-timeline').addEventListener('click', loadTimeline);
    $('day').addEventListener('change', () => { if ($('day').value) setDay($('day').value); });
    $('day-form').addEventListener('submit', (e) => e.preventDefault());
    $('timeline').addEventListener('click', onTimelineClick);
    $('timeline').addEventListener('keydown', onTimelineKey);
    $('time-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const t = chosenTime();
      if (!t) {
        Vigil.showMessage('page-error', 'error', Vigil.t('camera.error.noTime'));
        $('start-time').focus();
        return;
      }
      askPurpose(t);
    });
    $('purpose-form').addEventListener('submit', onPurposeSubmit);
    $('purpose-cancel').addEventListener('click', () => $('purpose-dialog').close());
    $('purpose-dialog').addEventListener('close', () => {
      if (!state.grant) $('view-button').focus();
    });
    $('video').addEventListener('error', onVideoError);
    $('fullscreen-button').addEventListener('click', toggleFullscreen);
    // A double click would fullscreen the bare video in some browsers: fullscreen the player instead.
    $('video').addEventListener('dblclick', (e) => { e.preventDefault(); toggleFullscreen(); });
    document.addEventListener('fullscreenchange', onFullscreenChange);
    $('video').addEventListener('seeked', updateWatermark);
    $('video').addEventListener('timeupdate', updatePosition);
    $('video').addEventListener('pause', updatePosition);
    $('video').addEventListener('ended', onVideoEnded);
    // The picture reported may already be the new position's (its callback can come before this event): keep it then.
    $('video').addEventListener('seeking', () => {
      const m = state.frameMediaTime, to = $('video').currentTime;
      if (m === null || to < m - 0.001 || to >= m + 0.04) state.frameMediaTime = null;
    });
    watchFrames();
    $('export-button').addEventListener('click', onExport);
    $('end-button').addEventListener('click', onEnd);
    window.addEventListener('pagehide', onPageHide);
    setInterval(updateWatermark, 1000);
  }

  async function start() {
    wire();
    const user = await Vigil.startPage('camera', null);
    if (!user) return;
    state.user = user;
    if (!cameraId) {
      Vigil.showMessage('page-error', 'error', Vigil.t('camera.error.noCamera'));
      return;
    }
    document.title = Vigil.t('camera.titleOf', {camera: cameraId});
    const [cameras] = await Promise.all([Vigil.getJson('/api/v1/cameras'), loadPurposes()]);
    state.camera = cameras.find((c) => c.id === cameraId) || null;
    if (!state.camera) {
      Vigil.showMessage('page-error', 'error', Vigil.t('camera.error.unknown', {camera: cameraId}));
    }
    $('camera-title').textContent = state.camera && state.camera.name ? state.camera.name : Vigil.t('camera.headingId', {camera: cameraId});
    document.title = Vigil.t('camera.titleOf', {camera: $('camera-title').textContent});
    if (state.camera) {
      $('camera-meta').textContent = Vigil.t(state.camera.reason ? 'camera.metaReason' : 'camera.meta', {camera: cameraId,
        location: state.camera.location || '—', state: stateName(state.camera.state), reason: state.camera.reason});
    }
    const day = params.get('day');
    if (state.camera && state.camera.granted === false) {
      // Officers and administrators see every camera's status, never footage of cameras not on their account.
      Vigil.showMessage('page-error', 'info', Vigil.t('camera.statusOnly'));
      $('timeline').closest('section').hidden = true;
      return;
    }
    // From a live tile: the purpose dialog opens at the moment asked for (?at=ISO time).
    const at = params.get('at') ? new Date(params.get('at')) : null;
    const atValid = at && !isNaN(at.getTime());
    setDay(atValid ? Vigil.isoDay(at) : day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : Vigil.isoDay(new Date()));
    if (atValid) askPurpose(at);
    // Today's timeline grows while the camera records.
    setInterval(() => {
      if (state.day === Vigil.isoDay(new Date()) && !document.hidden) loadTimeline(true);
    }, TIMELINE_REFRESH_MS);
  }

  // Watching footage is being at the screen, even without touching anything.
  $('video').addEventListener('timeupdate', () => {
    if (state.grant && !state.ended && state.videoBase !== null && !isNaN($('video').currentTime)) state.timeline.setPlayhead(playheadTime());
    if (!$('video').paused) Vigil.activity();
  });

  start().catch((err) => {
    if (err.status !== 401) Vigil.showMessage('page-error', 'error', Vigil.errorText(err));
  });
})();
