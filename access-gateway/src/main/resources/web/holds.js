/* Legal holds: what they keep and until when; privacy officers place and release them. */
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  let user = null;
  let releasing = null;

  /** The hold's state in the reader's words (active, released, expired). */
  function stateText(s) {
    return Vigil.has('holds.state.' + s) ? Vigil.t('holds.state.' + s) : s;
  }

  function status(h, now) {
    if (h.state) return h.state;
    if (h.releasedAt) return 'released';
    if (h.expiresAt && new Date(h.expiresAt).getTime() <= now) return 'expired';
    return 'active';
  }

  function cameraList(h) {
    const cams = h.cameras || h.cameraIds || [];
    return Array.isArray(cams) ? cams.join(', ') : String(cams);
  }

  function row(h, now) {
    const s = status(h, now);
    const canRelease = user.role === 'privacy-officer' && s === 'active';
    let action = '';
    if (canRelease) {
      const which = Vigil.el('span', {className: 'visually-hidden'}, ' ' + Vigil.t('holds.which', {hold: h.reference || h.id}));
      const extend = Vigil.el('button', {type: 'button', className: 'button-secondary extend-button', 'data-hold': h.id},
        Vigil.t('holds.extend.button'), which.cloneNode(true));
      extend.addEventListener('click', () => openExtend(h));
      const release = Vigil.el('button', {type: 'button', className: 'button-secondary release-button', 'data-hold': h.id},
        Vigil.t('holds.release.button'), which);
      release.addEventListener('click', () => openRelease(h));
      action = Vigil.el('div', {className: 'actions'}, extend, release);
    }
    return Vigil.el('tr', {'data-hold': h.id},
      Vigil.el('td', null, Vigil.el('span', {className: 'state ' + (s === 'active' ? 'state-ok' : 'state-unknown')}, stateText(s))),
      Vigil.el('td', null, cameraList(h)),
      Vigil.el('td', null, Vigil.fmtDateTime(h.from) + ' – ' + Vigil.fmtDateTime(h.to)),
      Vigil.el('td', null, h.expiresAt ? Vigil.fmtDateTime(h.expiresAt) : Vigil.t('holds.untilReleased')),
      Vigil.el('td', null, h.reason || ''),
      Vigil.el('td', null, h.reference || ''),
      Vigil.el('td', null, (h.placedBy || '') + (h.placedAt ? ', ' + Vigil.fmtDateTime(h.placedAt) : '')),
      Vigil.el('td', null, h.releasedAt ? (h.releasedBy || '') + ', ' + Vigil.fmtDateTime(h.releasedAt) : ''),
      Vigil.el('td', null, action));
  }

  async function load() {
    try {
      const holds = await Vigil.getJson('/api/v1/holds');
      const rows = $('holds-rows');
      rows.textContent = '';
      const now = Date.now();
      for (const h of holds) rows.appendChild(row(h, now));
      if (!holds.length) rows.appendChild(Vigil.el('tr', null, Vigil.el('td', {colspan: 9, className: 'empty'}, Vigil.t('holds.none'))));
    } catch (err) {
      if (err.status !== 401) Vigil.showMessage('holds-error', 'error', Vigil.t('holds.loadFailed', {error: Vigil.errorText(err)}));
    }
  }

  function chosenCameras() {
    const ids = Array.from(document.querySelectorAll('#hold-cameras input:checked')).map((c) => c.value);
    for (const extra of $('hold-camera-ids').value.split(',')) {
      const id = extra.trim();
      if (id && !ids.includes(id)) ids.push(id);
    }
    return ids;
  }

  async function onPlace(event) {
    event.preventDefault();
    const cameras = chosenCameras();
    const from = $('hold-from').value;
    const to = $('hold-to').value;
    const expires = $('hold-expires').value;
    const reason = $('hold-reason').value.trim();
    const problem = !cameras.length ? ['holds.place.needCamera', $('hold-camera-ids')]
      : !from ? ['holds.place.needFrom', $('hold-from')]
        : !to ? ['holds.place.needTo', $('hold-to')]
          : Vigil.fromLocalInput(to) <= Vigil.fromLocalInput(from) ? ['holds.place.endBeforeStart', $('hold-to')]
            : !expires ? ['holds.place.needUntil', $('hold-expires')]
              : !reason ? ['holds.place.needReason', $('hold-reason')] : null;
    if (problem) {
      Vigil.showMessage('place-error', 'error', Vigil.t(problem[0]));
      problem[1].focus();
      return;
    }
    const expiresAt = Vigil.dayStart(Vigil.addDays(expires, 1)); // kept through the whole chosen day (site's clock)
    $('place-submit').disabled = true;
    try {
      await Vigil.postJson('/api/v1/holds', {
        cameras: cameras, from: Vigil.fromLocalInput(from).toISOString(), to: Vigil.fromLocalInput(to).toISOString(),
        reason: reason, reference: $('hold-reference').value.trim(), expiresAt: expiresAt.toISOString(),
      });
      Vigil.showMessage('place-error', 'error', '');
      Vigil.showMessage('holds-ok', 'ok', Vigil.t('holds.place.done', {cameras: cameras.join(', ')}));
      $('place-form').reset();
      await load();
    } catch (err) {
      Vigil.showMessage('place-error', 'error', Vigil.t('holds.place.failed', {error: Vigil.errorText(err)}));
    } finally {
      $('place-submit').disabled = false;
    }
  }

  let extending = null;

  function openExtend(hold) {
    extending = hold;
    $('extend-summary').textContent = Vigil.t(hold.reference ? 'holds.extend.summaryRef' : 'holds.extend.summary',
      {cameras: cameraList(hold), reference: hold.reference, until: Vigil.fmtDateTime(hold.expiresAt)});
    const current = new Date(hold.expiresAt);
    $('extend-until').value = isNaN(current.getTime()) ? '' : Vigil.isoDay(current);
    Vigil.showMessage('extend-error', 'error', '');
    $('extend-dialog').showModal();
    $('extend-until').focus();
  }

  async function onExtend(event) {
    event.preventDefault();
    const day = $('extend-until').value;
    if (!day) {
      Vigil.showMessage('extend-error', 'error', Vigil.t('holds.extend.needUntil'));
      $('extend-until').focus();
      return;
    }
    const until = Vigil.dayStart(Vigil.addDays(day, 1)); // kept through the whole chosen day (site's clock)
    $('extend-submit').disabled = true;
    try {
      await Vigil.postJson('/api/v1/holds/' + encodeURIComponent(extending.id) + '/extend', {expiresAt: until.toISOString()});
      $('extend-dialog').close();
      Vigil.showMessage('holds-ok', 'ok', Vigil.t('holds.extend.done', {until: Vigil.fmtDateTime(until)}));
      await load();
    } catch (err) {
      Vigil.showMessage('extend-error', 'error', Vigil.t('holds.extend.failed', {error: Vigil.errorText(err)}));
    } finally {
      $('extend-submit').disabled = false;
    }
  }

  function openRelease(hold) {
    releasing = hold;
    $('release-summary').textContent = Vigil.t(hold.reference ? 'holds.release.summaryRef' : 'holds.release.summary',
      {cameras: cameraList(hold), from: Vigil.fmtDateTime(hold.from), to: Vigil.fmtDateTime(hold.to), reference: hold.reference});
    $('release-reason').value = '';
    Vigil.showMessage('release-error', 'error', '');
    $('release-dialog').showModal();
    $('release-reason').focus();
  }

  async function onRelease(event) {
    event.preventDefault();
    const reason = $('release-reason').value.trim();
    if (!reason) {
      Vigil.showMessage('release-error', 'error', Vigil.t('holds.release.needReason'));
      $('release-reason').focus();
      return;
    }
    $('release-submit').disabled = true;
    try {
      await Vigil.postJson('/api/v1/holds/' + encodeURIComponent(releasing.id) + '/release', {reason: reason});
      $('release-dialog').close();
      Vigil.showMessage('holds-ok', 'ok', Vigil.t('holds.release.done'));
      await load();
    } catch (err) {
      Vigil.showMessage('release-error', 'error', Vigil.t('holds.release.failed', {error: Vigil.errorText(err)}));
    } finally {
      $('release-submit').disabled = false;
    }
  }

  async function start() {
    user = await Vigil.startPage('holds', ['privacy-officer', 'privacy-manager']);
    if (!user) return;
    $('release-form').addEventListener('submit', onRelease);
    $('release-cancel').addEventListener('click', () => $('release-dialog').close());
    $('extend-form').addEventListener('submit', onExtend);
    $('extend-cancel').addEventListener('click', () => $('extend-dialog').close());
    if (user.role === 'privacy-officer') {
      $('place-section').hidden = false;
      $('place-form').addEventListener('submit', onPlace);
      try {
        const cameras = await Vigil.getJson('/api/v1/cameras');
        for (const c of cameras) {
          const id = 'hold-cam-' + c.id.replace(/[^A-Za-z0-9_-]/g, '_');
          $('hold-cameras').appendChild(Vigil.el('label', {for: id},
            Vigil.el('input', {type: 'checkbox', id: id, value: c.id}), Vigil.t('holds.place.camera', {name: c.name || c.id, id: c.id})));
        }
      } catch (ignored) {
        // Without a camera list the ids are typed in.
      }
    }
    await load();
  }

  start().catch((err) => {
    if (err.status !== 401) Vigil.showMessage('holds-error', 'error', Vigil.errorText(err));
  });
})();
