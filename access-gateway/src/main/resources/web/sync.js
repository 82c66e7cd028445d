/*
 * Several cameras of one grant on one clock. One purpose, one grant naming every camera
 * (one grant.issue entry); each tile plays that grant's video.mp4 of its camera, part by
 * part, so each camera's viewing is ledgered as playback always is. This file is the page
 * (choosing, the grant, the tiles, ending); syncplayer.js keeps the tiles on one clock.
 */
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const MAX_CAMERAS = 4;

  const state = {user: null, cameras: [], grant: null, tiles: [], ended: true, player: null};

  function cameraName(id) {
    const c = state.cameras.find((x) => x.id === id);
    return c && c.name ? c.name + ' (' + id + ')' : id;
  }

  /** At most four: the other boxes are disabled once four are ticked. */
  function limitChoices() {
    const full = Vigil.PurposeForm.chosenCameras().length >= MAX_CAMERAS;
    for (const box of document.querySelectorAll('#camera-choices input')) box.disabled = full && !box.checked;
  }

  async function onStart(event) {
    event.preventDefault();
    const cameras = Vigil.PurposeForm.chosenCameras();
    const problem = Vigil.PurposeForm.problem();
    const day = $('sync-day').value, time = $('sync-time').value;
    if (!cameras.length) return Vigil.showMessage('sync-error', 'error', Vigil.t('live.error.noCamera'));
    if (!day || !time) return Vigil.showMessage('sync-error', 'error', Vigil.t('camera.error.noTime'));
    if (problem) return Vigil.showMessage('sync-error', 'error', Vigil.t(problem.key));
    const from = Vigil.atTime(day, time);
    if (from.getTime() >= Date.now()) return Vigil.showMessage('sync-error', 'error', Vigil.t('camera.error.future', {time: Vigil.fmtDateTime(from)}));
    const to = Vigil.PurposeForm.footageEnd(from, $('sync-length'));
    $('sync-start').disabled = true;
    try {
      const grant = await Vigil.postJson('/api/v1/grants',
        Object.assign({cameras, from: from.toISOString(), to: to.toISOString()}, Vigil.PurposeForm.value()));
      Vigil.showMessage('sync-error', 'error', '');
      await open(grant, cameras);
    } catch (err) {
      Vigil.showMessage('sync-error', 'error', Vigil.t('camera.purpose.refused', {detail: Vigil.errorText(err)}));
    } finally {
      $('sync-start').disabled = false;
    }
  }

  function rangeQuery(grant, camera) {
    return 'camera=' + encodeURIComponent(camera) + '&from=' + encodeURIComponent(new Date(grant.from).toISOString()) +
      '&to=' + encodeURIComponent(new Date(grant.to).toISOString());
  }

  function grantPath(grant) {
    return '/api/v1/grants/' + encodeURIComponent(grant.grantId);
  }

  async function open(grant, cameras) {
    state.grant = grant;
    state.ended = false;
    // What each camera's range holds (parts, gaps and why) before a byte of video.
    const maps = await Promise.all(cameras.map((c) => Vigil.getJson(grantPath(grant) + '/footage?' + rangeQuery(grant, c))));
    const wall = $('sync-wall');
    wall.textContent = '';
    state.tiles = cameras.map((camera, i) => tile(camera, new Vigil.FootageMap(maps[i])));
    for (const t of state.tiles) wall.appendChild(t.element);
    wall.className = 'wall ' + (cameras.length === 1 ? 'tiles-1' : 'tiles-4');
    $('choose-panel').hidden = true;
    $('sync-panel').hidden = false;
    $('sync-summary').textContent = Vigil.t('sync.summary', {cameras: cameras.map(cameraName).join(', '),
      from: Vigil.fmtDateTime(new Date(grant.from)), to: Vigil.fmtTime(new Date(grant.to)), purpose: grant.purposeText || ''});
    updateWatermarks();
    state.player = new Vigil.SyncPlayer(grant, state.tiles);
  }

  function tile(camera, map) {
    const video = Vigil.el('video', {muted: true, playsInline: true, preload: 'auto', disablePictureInPicture: true,
      'data-camera': camera, 'aria-label': cameraName(camera)});
    video.setAttribute('controlsList', 'nodownload nofullscreen noremoteplayback');
    video.addEventListener('contextmenu', (e) => e.preventDefault());
    const status = Vigil.el('div', {className: 'tile-status'}, Vigil.t('sync.noFootage'));
    const element = Vigil.el('div', {className: 'tile', 'data-camera': camera},
      video, status,
      Vigil.el('div', {className: 'tile-label'}, cameraName(camera)),
      Vigil.el('div', {className: 'watermark', 'aria-hidden': 'true'},
        Vigil.el('div', {className: 'wm-name'}), Vigil.el('div', {className: 'wm-sub'})));
    return {camera, map, video, status, element};
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
    state.player.stop();
    try {
      await Vigil.postJson(grantPath(state.grant) + '/end', {});
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
    fetch(grantPath(state.grant) + '/end', {method: 'POST', keepalive: true,
      credentials: 'same-origin', headers: {'Content-Type': 'application/json', 'X-CSRF-Token': state.user.csrfToken}, body: '{}'});
  }

  function wire() {
    $('sync-form').addEventListener('submit', onStart);
    const player = () => state.player;
    $('sync-play').addEventListener('click', () => player() && player().togglePlay());
    $('sync-back10').addEventListener('click', () => player() && player().shift(-10000));
    $('sync-forward10').addEventListener('click', () => player() && player().shift(10000));
    $('sync-frame-back').addEventListener('click', () => player() && player().step(-1));
    $('sync-frame-forward').addEventListener('click', () => player() && player().step(1));
    $('sync-speed').addEventListener('change', () => player() && player().setSpeed(Number($('sync-speed').value)));
    $('sync-end').addEventListener('click', onEnd);
    window.addEventListener('pagehide', onPageHide);
    setInterval(updateWatermarks, 1000);
    // Watching footage is being at the screen.
    setInterval(() => { if (state.player && state.player.playing()) Vigil.activity(); }, 5000);
  }

  async function start() {
    const user = await Vigil.startPage('sync', ['security-staff', 'privacy-manager', 'administrator']);
    if (!user) return;
    state.user = user;
    const choices = await Vigil.PurposeForm.load();
    state.cameras = choices.cameras;
    for (const box of Vigil.PurposeForm.cameraBoxes(state.cameras, false)) box.addEventListener('change', limitChoices);
    Vigil.PurposeForm.fill(choices.purposes);
    Vigil.PurposeForm.lengths($('sync-length'));
    $('sync-day').value = Vigil.isoDay(new Date());
    wire();
  }

  start().catch((err) => {
    if (err.status !== 401) Vigil.showMessage('page-error', 'error', Vigil.errorText(err));
  });
})();
