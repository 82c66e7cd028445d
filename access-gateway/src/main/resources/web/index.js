/* Camera list with live recording status (state, reason, last frame), refreshed every few seconds. */
(function () {
  'use strict';
  const REFRESH_MS = 5000;
  const grid = document.getElementById('cameras');
  const refreshedAt = document.getElementById('refreshed-at');

  function stateClass(state) {
    return 'state state-' + String(state || 'unknown').toLowerCase().replace(/[^a-z0-9]+/g, '-');
  }

  /** A camera state in words (bundle key camera.state.<state>); an unknown state as sent. */
  function stateLabel(state) {
    const key = 'camera.state.' + String(state || 'unknown').toLowerCase();
    return Vigil.has(key) ? Vigil.t(key) : String(state);
  }

  /** One card per camera; rebuilt on each refresh while keeping the focused link focused. */
  function card(cam, now) {
    const href = '/camera.html?id=' + encodeURIComponent(cam.id);
    // Officers and administrators see every camera's status, but footage only of cameras on their account.
    const viewable = cam.granted !== false;
    return Vigil.el('article', {className: 'camera-card', 'data-camera': cam.id},
      Vigil.el('h2', null, viewable ? Vigil.el('a', {href: href, className: 'camera-link'}, cam.name || cam.id) : (cam.name || cam.id)),
      Vigil.el('dl', null,
        Vigil.el('dt', null, Vigil.t('index.card.camera')), Vigil.el('dd', {className: 'mono'}, cam.id),
        Vigil.el('dt', null, Vigil.t('index.card.location')), Vigil.el('dd', null, cam.location || '—'),
        Vigil.el('dt', null, Vigil.t('index.card.state')), Vigil.el('dd', null,
          Vigil.el('span', {className: stateClass(cam.state) + ' camera-state', 'data-state': cam.state || 'unknown'}, stateLabel(cam.state))),
        Vigil.el('dt', null, Vigil.t('index.card.reason')), Vigil.el('dd', {className: 'camera-reason'}, cam.reason || '—'),
        Vigil.el('dt', null, Vigil.t('index.card.lastFrame')), Vigil.el('dd', {className: 'camera-last-frame',
          title: cam.lastFrameAt ? Vigil.fmtDateTime(cam.lastFrameAt) : ''},
          cam.lastFrameAt ? Vigil.fmtAgo(cam.lastFrameAt, now) + ' (' + Vigil.fmtTime(cam.lastFrameAt) + ')' : Vigil.t('time.never'))),
      viewable ? Vigil.el('a', {href: href, className: 'button button-secondary'}, Vigil.t('index.card.open'),
        Vigil.el('span', {className: 'visually-hidden'}, ' ' + Vigil.t('index.card.openOf', {camera: cam.name || cam.id})))
        : Vigil.el('p', {className: 'hint'}, Vigil.t('index.card.statusOnly')));
  }

  async function refresh() {
    try {
      const cameras = await Vigil.getJson('/api/v1/cameras', {background: true});
      const focusedCamera = document.activeElement && document.activeElement.closest
        ? document.activeElement.closest('[data-camera]') : null;
      const focusedId = focusedCamera ? focusedCamera.getAttribute('data-camera') : null;
      const focusedIsButton = focusedCamera && document.activeElement.classList.contains('button');
      const now = Date.now();
      grid.textContent = '';
      if (!cameras.length) {
        grid.appendChild(Vigil.el('p', {className: 'empty'}, Vigil.t('index.empty')));
      }
      for (const cam of cameras) grid.appendChild(card(cam, now));
      if (focusedId) {
        const again = grid.querySelector('[data-camera="' + CSS.escape(focusedId) + '"] ' + (focusedIsButton ? '.button' : '.camera-link'));
        if (again) again.focus();
      }
      grid.setAttribute('aria-busy', 'false');
      refreshedAt.textContent = Vigil.t('index.updated', {time: Vigil.fmtTime(new Date())});
      Vigil.showMessage('cameras-error', 'error', '');
    } catch (err) {
      if (err.status !== 401) Vigil.showMessage('cameras-error', 'error', Vigil.t('index.error.load', {detail: Vigil.errorText(err)}));
    }
  }

  Vigil.startPage('index', null).then((user) => {
    if (!user) return;
    refresh();
    setInterval(refresh, REFRESH_MS);
  }).catch((err) => {
    if (err.status !== 401) Vigil.showMessage('cameras-error', 'error', Vigil.errorText(err));
  });
})();
