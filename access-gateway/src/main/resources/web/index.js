/* Camera list with live recording status (state, reason, last frame), refreshed every few seconds. */
(function () {
  'use strict';
  const REFRESH_MS = 5000;
  const grid = document.getElementById('cameras');
  const refreshedAt = document.getElementById('refreshed-at');

  function stateClass(state) {
    return 'state state-' + String(state || 'unknown').toLowerCase().replace(/[^a-z0-9]+/g, '-');
  }

  /** One card per camera; rebuilt on each refresh while keeping the focused link focused. */
  function card(cam, now) {
    const href = '/camera.html?id=' + encodeURIComponent(cam.id);
    // Officers and administrators see every camera's status, but footage only of cameras on their account.
    const viewable = cam.granted !== false;
    return Vigil.el('article', {className: 'camera-card', 'data-camera': cam.id},
      Vigil.el('h2', null, viewable ? Vigil.el('a', {href: href, className: 'camera-link'}, cam.name || cam.id) : (cam.name || cam.id)),
      Vigil.el('dl', null,
        Vigil.el('dt', null, 'Camera'), Vigil.el('dd', {className: 'mono'}, cam.id),
        Vigil.el('dt', null, 'Location'), Vigil.el('dd', null, cam.location || '—'),
        Vigil.el('dt', null, 'State'), Vigil.el('dd', null,
          Vigil.el('span', {className: stateClass(cam.state) + ' camera-state'}, cam.state || 'unknown')),
        Vigil.el('dt', null, 'Reason'), Vigil.el('dd', {className: 'camera-reason'}, cam.reason || '—'),
        Vigil.el('dt', null, 'Last frame'), Vigil.el('dd', {className: 'camera-last-frame',
          title: cam.lastFrameAt ? Vigil.fmtDateTime(cam.lastFrameAt) : ''},
          cam.lastFrameAt ? Vigil.fmtAgo(cam.lastFrameAt, now) + ' (' + Vigil.fmtTime(cam.lastFrameAt) + ')' : 'never')),
      viewable ? Vigil.el('a', {href: href, className: 'button button-secondary'}, 'Timeline and footage',
        Vigil.el('span', {className: 'visually-hidden'}, ' of ' + (cam.name || cam.id)))
        : Vigil.el('p', {className: 'hint'}, 'Status only: this camera is not on your account.'));
  }

  async function refresh() {
    try {
      const cameras = await Vigil.getJson('/api/v1/cameras');
      const focusedCamera = document.activeElement && document.activeElement.closest
        ? document.activeElement.closest('[data-camera]') : null;
      const focusedId = focusedCamera ? focusedCamera.getAttribute('data-camera') : null;
      const focusedIsButton = focusedCamera && document.activeElement.classList.contains('button');
      const now = Date.now();
      grid.textContent = '';
      if (!cameras.length) {
        grid.appendChild(Vigil.el('p', {className: 'empty'}, 'No cameras are assigned to you.'));
      }
      for (const cam of cameras) grid.appendChild(card(cam, now));
      if (focusedId) {
        const again = grid.querySelector('[data-camera="' + CSS.escape(focusedId) + '"] ' + (focusedIsButton ? '.button' : '.camera-link'));
        if (again) again.focus();
      }
      grid.setAttribute('aria-busy', 'false');
      refreshedAt.textContent = 'Last updated ' + Vigil.fmtTime(new Date()) + '.';
      Vigil.showMessage('cameras-error', 'error', '');
    } catch (err) {
      if (err.status !== 401) Vigil.showMessage('cameras-error', 'error', 'Could not load the cameras: ' + err.message);
    }
  }

  Vigil.startPage('index', null).then((user) => {
    if (!user) return;
    refresh();
    setInterval(refresh, REFRESH_MS);
  }).catch((err) => {
    if (err.status !== 401) Vigil.showMessage('cameras-error', 'error', err.message);
  });
})();
