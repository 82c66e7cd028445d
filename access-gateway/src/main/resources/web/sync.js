/*
 * Several cameras of one grant on one clock. One purpose, one grant naming every camera
 * (one grant.issue entry); each video is that grant's video.mp4 for its camera, so each
 * camera's viewing is ledgered as playback always is. The first camera with footage is
 * the clock; the others follow it in footage time (each video starts at its camera's first
 * recorded moment of the range, so the same footage time is a different currentTime).
 */
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const MAX_CAMERAS = 4;
  /** Followers further than this from the clock are moved to it (a frame and a half at 25 fps). */
  const DRIFT_S = 0.06;
  const FRAME_S = 0.04;
  const SYNC_MS = 200;

  const state = {user: null, cameras: [], grant: null, tiles: [], ended: true, timer: null};

  function cameraName(id) {
    const c = state.cameras.find((x) => x.id === id);
    return c && c.name ? c.name + ' (' + id + ')' : id;
  }

  function chosenCameras() {
    return Array.from(document.querySelectorAll('#camera-choices input:checked')).map((i) => i.value);
  }

  /** At most four: the other boxes are disabled once four are ticked. */
  function limitChoices() {
    const full = chosenCameras().length >= MAX_CAMERAS;
    for (const box of document.querySelectorAll('#camera-choices input')) box.disabled = full && !box.checked;
  }

  async function onStart(event) {
    event.preventDefault();
    const cameras = chosenCameras();
    const purpose = $('purpose-category').value;
    const text = $('purpose-text').value.trim();
    const day = $('sync-day').value, time = $('sync-time').value;
    if (!cameras.length) return Vigil.showMessage('sync-error', 'error', Vigil.t('live.error.noCamera'));
    if (!day || !time) return Vigil.showMessage('sync-error', 'error', Vigil.t('camera.error.noTime'));
    if (!purpose) return Vigil.showMessage('sync-error', 'error', Vigil.t('camera.purpose.errorChoose'));
    if (text.length < 3) return Vigil.showMessage('sync-error', 'error', Vigil.t('camera.purpose.errorText'));
    const from = Vigil.atTime(day, time);
    if (from.getTime() >= Date.now()) return Vigil.showMessage('sync-error', 'error', Vigil.t('camera.error.future', {time: Vigil.fmtDateTime(from)}));
    let to = new Date(from.getTime() + Number($('sync-length').value) * 1000);
    if (to.getTime() > Date.now()) to = new Date(Date.now());
    $('sync-start').disabled = true;
    try {
      const grant = await Vigil.postJson('/api/v1/grants', {cameras, from: from.toISOString(), to: to.toISOString(), purpose, purposeText: text});
      Vigil.showMessage('sync-error', 'error', '');
      await open(grant, cameras);
    } catch (err) {
      Vigil.showMessage('sync-error', 'error', Vigil.t('camera.purpose.refused', {detail: Vigil.errorText(err)}));
    } finally {
      $('sync-start').disabled = false;
    }
  }

  function videoUrl(grant, camera) {
    return '/api/v1/grants/' + encodeURIComponent(grant.grantId) + '/video.mp4?camera=' + encodeURIComponent(camera) +
      '&from=' + encodeURIComponent(new Date(grant.from).toISOString()) + '&to=' + encodeURIComponent(new Date(grant.to).toISOString());
  }

  /**
   * Where a camera's video's time 0 lies in footage time: the server says it
   * (X-Vigil-Footage-Start; the video begins at the first whole segment of the range), or
   * null when the camera recorded nothing then.
   */
  async function footageStart(grant, camera) {
    // One byte is enough to read the answer's headers (the playback that follows reuses the same grant).
    const r = await fetch(videoUrl(grant, camera), {credentials: 'same-origin', headers: {Range: 'bytes=0-0'}});
    if (r.status === 404) return null;
    if (!r.ok) throw new Vigil.ApiError(r.status, 'video', 'HTTP ' + r.status);
    const start = Date.parse(r.headers.get('X-Vigil-Footage-Start') || '');
    return isNaN(start) ? null : start;
  }

  async function open(grant, cameras) {
    state.grant = grant;
    state.ended = false;
    const from = new Date(grant.from), to = new Date(grant.to);
    const bases = await Promise.all(cameras.map((c) => footageStart(grant, c)));
    const wall = $('sync-wall');
    wall.textContent = '';
    state.tiles = cameras.map((camera, i) => tile(camera, bases[i], grant));
    for (const t of state.tiles) wall.appendChild(t.element);
    wall.className = 'wall ' + (cameras.length === 1 ? 'tiles-1' : 'tiles-4');
    $('choose-panel').hidden = true;
    $('sync-panel').hidden = false;
    $('sync-summary').textContent = Vigil.t('sync.summary', {cameras: cameras.map(cameraName).join(', '),
      from: Vigil.fmtDateTime(from), to: Vigil.fmtTime(to), purpose: grant.purposeText || ''});
    state.timer = setInterval(follow, SYNC_MS);
    updateWatermarks();
    playAll();
  }

  function tile(camera, base, grant) {
    const video = Vigil.el('video', {muted: true, playsInline: true, preload: 'auto', disablePictureInPicture: true,
      'data-camera': camera, 'aria-label': cameraName(camera)});
    video.setAttribute('controlsList', 'nodownload nofullscreen noremoteplayback');
    video.addEventListener('contextmenu', (e) => e.preventDefault());
    const status = Vigil.el('div', {className: 'tile-status'}, Vigil.t('sync.noFootage'));
    status.hidden = base !== null;
    const element = Vigil.el('div', {className: 'tile', 'data-camera': camera},
      video, status,
      Vigil.el('div', {className: 'tile-label'}, cameraName(camera)),
      Vigil.el('div', {className: 'watermark', 'aria-hidden': 'true'},
        Vigil.el('div', {className: 'wm-name'}), Vigil.el('div', {className: 'wm-sub'})));
    if (base !== null) video.src = videoUrl(grant, camera);
    return {camera, base, video, status, element};
  }

  /** The clock: the first camera with footage. */
  function clockTile() {
    return state.tiles.find((t) => t.base !== null && t.video.readyState > 0) || null;
  }

  /** The footage time now shown by the clock camera (ms), or null. */
  function footageNow() {
    const c = clockTile();
    return c ? c.base + c.video.currentTime * 1000 : null;
  }

  /** Moves every other camera to the clock's footage time; a camera with nothing then shows why. */
  function follow() {
    const clock = clockTile();
    const now = footageNow();
    if (clock === null || now === null) return;
    $('sync-clock').textContent = Vigil.fmtDateTime(new Date(now));
    for (const t of state.tiles) {
      if (t === clock || t.base === null || t.video.readyState === 0) continue;
      const want = (now - t.base) / 1000;
      const inside = want >= 0 && (!isFinite(t.video.duration) || want <= t.video.duration);
      t.status.hidden = inside;
      if (!inside) {
        t.video.pause();
        continue;
      }
      if (t.video.playbackRate !== clock.video.playbackRate) t.video.playbackRate = clock.video.playbackRate;
      if (Math.abs(t.video.currentTime - want) > DRIFT_S * Math.max(1, clock.video.playbackRate)) t.video.currentTime = want;
      if (clock.video.paused !== t.video.paused) {
        if (clock.video.paused) t.video.pause(); else t.video.play().catch(() => {});
      }
    }
  }

  function playAll() {
    for (const t of state.tiles) if (t.base !== null) t.video.play().catch(() => {});
    $('sync-play').textContent = Vigil.t('sync.pause');
  }

  function pauseAll() {
    for (const t of state.tiles) t.video.pause();
    $('sync-play').textContent = Vigil.t('sync.play');
  }

  /** Moves the clock by seconds (all follow at once, not at the next tick). */
  function shift(seconds) {
    const clock = clockTile();
    if (!clock) return;
    const now = footageNow() + seconds * 1000;
    for (const t of state.tiles) {
      if (t.base === null) continue;
      t.video.currentTime = Math.max(0, (now - t.base) / 1000);
    }
    follow();
  }

  function step(frames) {
    pauseAll();
    shift(frames * FRAME_S);
  }

  function setSpeed(rate) {
    for (const t of state.tiles) t.video.playbackRate = rate;
  }

  function updateWatermarks() {
    if (!state.user) return;
    const now = Vigil.fmtDateTime(new Date());
    for (const t of state.tiles) {
      t.element.querySelector('.wm-name').textContent = state.user.user;
      t.element.querySelector('.wm-sub').textContent = now;
    }
  }

  async function onEnd() {
    if (!state.grant || state.ended) return;
    state.ended = true;
    clearInterval(state.timer);
    for (const t of state.tiles) {
      t.video.pause();
      t.video.removeAttribute('src');
      t.video.load();
    }
    try {
      await Vigil.postJson('/api/v1/grants/' + encodeURIComponent(state.grant.grantId) + '/end', {});
      $('ended-message').textContent = Vigil.t('camera.end.done', {time: Vigil.fmtDateTime(new Date())});
      $('ended-message').className = 'message message-ok';
    } catch (err) {
      $('ended-message').textContent = Vigil.t('camera.end.failed', {detail: Vigil.errorText(err)});
      $('ended-message').className = 'message message-error';
    }
    $('sync-panel').hidden = true;
    $('ended-section').hidden = false;
  }

  /** Leaving the page ends the viewing (keepalive fetch: sendBeacon cannot carry the CSRF header). */
  function onPageHide() {
    if (!state.grant || state.ended || !state.user) return;
    state.ended = true;
    fetch('/api/v1/grants/' + encodeURIComponent(state.grant.grantId) + '/end', {method: 'POST', keepalive: true,
      credentials: 'same-origin', headers: {'Content-Type': 'application/json', 'X-CSRF-Token': state.user.csrfToken}, body: '{}'});
  }

  async function start() {
    const user = await Vigil.startPage('sync', ['security-staff', 'privacy-manager', 'administrator']);
    if (!user) return;
    state.user = user;
    const [cameras, purposes] = await Promise.all([Vigil.getJson('/api/v1/cameras'), Vigil.getJson('/api/v1/purposes')]);
    state.cameras = cameras.filter((c) => c.granted !== false);
    const choices = $('camera-choices');
    if (!state.cameras.length) choices.appendChild(Vigil.el('p', {className: 'empty'}, Vigil.t('index.empty')));
    for (const c of state.cameras) {
      const id = 'cam-' + c.id;
      const box = Vigil.el('input', {type: 'checkbox', id: id, value: c.id});
      box.addEventListener('change', limitChoices);
      choices.appendChild(Vigil.el('label', {for: id}, box, ' ' + (c.name || c.id)));
    }
    const select = $('purpose-category');
    for (const p of purposes) {
      select.appendChild(Vigil.el('option', {value: p.code}, Vigil.has('purpose.' + p.code) ? Vigil.t('purpose.' + p.code) : p.label));
    }
    $('sync-day').value = Vigil.isoDay(new Date());
    $('sync-form').addEventListener('submit', onStart);
    $('sync-play').addEventListener('click', () => {
      const clock = clockTile();
      if (clock && clock.video.paused) playAll(); else pauseAll();
    });
    $('sync-back10').addEventListener('click', () => shift(-10));
    $('sync-forward10').addEventListener('click', () => shift(10));
    $('sync-frame-back').addEventListener('click', () => step(-1));
    $('sync-frame-forward').addEventListener('click', () => step(1));
    $('sync-speed').addEventListener('change', () => setSpeed(Number($('sync-speed').value)));
    $('sync-end').addEventListener('click', onEnd);
    window.addEventListener('pagehide', onPageHide);
    setInterval(updateWatermarks, 1000);
    // Watching footage is being at the screen.
    setInterval(() => { const c = clockTile(); if (c && !c.video.paused) Vigil.activity(); }, 5000);
  }

  start().catch((err) => {
    if (err.status !== 401) Vigil.showMessage('page-error', 'error', Vigil.errorText(err));
  });
})();
