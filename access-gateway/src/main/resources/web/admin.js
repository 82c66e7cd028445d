/*
 * User administration: health, the accounts with their actions (disable/enable, reset
 * password, cameras, remove), adding a user. Every change is ledgered by the server.
 */
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const T = (key, params) => Vigil.t(key, params);
  let allCameras = [];
  let me = null;

  function statusText(u) {
    const parts = [T(u.disabled ? 'admin.status.disabled' : 'admin.status.active')];
    if (u.mustChangePassword) parts.push(T('admin.status.mustChange'));
    if (u.failedLogins) parts.push(T('admin.status.failed', {n: u.failedLogins}));
    if (u.createdAt) parts.push(T('admin.status.since', {day: Vigil.isoDay(new Date(u.createdAt))}));
    return parts.join(', ');
  }

  function camerasCell(u) {
    const held = u.cameras.length ? u.cameras.join(', ') : T('admin.users.none');
    if (!u.proposal) return held;
    return Vigil.el('span', null, held, Vigil.el('br'),
      Vigil.el('span', {className: 'pending', 'data-pending': u.proposal.cameras.join(',')},
        T('admin.users.pending', {cameras: u.proposal.cameras.join(', '), by: u.proposal.proposedBy})));
  }

  function actionButton(u, action, key, danger) {
    const b = Vigil.el('button', {type: 'button', className: danger ? 'button-danger button-small' : 'button-secondary button-small',
      'data-action': action, 'data-user': u.username}, T(key));
    b.addEventListener('click', () => ACTIONS[action](u));
    return b;
  }

  function row(u) {
    const self = me && me.user === u.username;
    return Vigil.el('tr', {'data-user': u.username},
      Vigil.el('td', null, u.username),
      Vigil.el('td', null, Vigil.roleLabel(u.role)),
      Vigil.el('td', {className: 'user-cameras'}, camerasCell(u)),
      Vigil.el('td', {className: 'user-status'}, statusText(u)),
      Vigil.el('td', {className: 'row-actions'},
        self ? T('admin.users.you') : [
          u.disabled ? actionButton(u, 'enable', 'admin.action.enable') : actionButton(u, 'disable', 'admin.action.disable'),
          actionButton(u, 'reset', 'admin.action.reset'),
          actionButton(u, 'cameras', 'admin.action.cameras'),
          actionButton(u, 'remove', 'admin.action.remove', true),
        ]));
  }

  async function load() {
    try {
      const users = await Vigil.getJson('/api/v1/users');
      const rows = $('users-rows');
      rows.textContent = '';
      for (const u of users) rows.appendChild(row(u));
      if (!users.length) rows.appendChild(Vigil.el('tr', null, Vigil.el('td', {colspan: 5, className: 'empty'}, T('admin.users.empty'))));
    } catch (err) {
      if (err.status !== 401) Vigil.showMessage('users-error', 'error', T('admin.error.load', {detail: Vigil.errorText(err)}));
    }
  }

  function done(key, params) {
    Vigil.showMessage('users-error', 'error', '');
    Vigil.showMessage('users-ok', 'ok', T(key, params));
    return load();
  }

  /** A yes/no dialog for a change that cannot be taken back lightly. */
  function confirmThen(headingKey, textKey, buttonKey, u, run) {
    $('confirm-heading').textContent = T(headingKey, {user: u.username});
    $('confirm-text').textContent = T(textKey, {user: u.username});
    $('confirm-submit').textContent = T(buttonKey);
    Vigil.showMessage('confirm-error', 'error', '');
    const form = $('confirm-form');
    form.onsubmit = async (event) => {
      event.preventDefault();
      $('confirm-submit').disabled = true;
      try {
        await run();
        $('confirm-dialog').close();
      } catch (err) {
        Vigil.showMessage('confirm-error', 'error', Vigil.errorText(err));
      } finally {
        $('confirm-submit').disabled = false;
      }
    };
    $('confirm-dialog').showModal();
    $('confirm-cancel').focus();
  }

  const path = (u, tail) => '/api/v1/users/' + encodeURIComponent(u.username) + (tail || '');

  const ACTIONS = {
    disable: (u) => confirmThen('admin.disable.heading', 'admin.disable.text', 'admin.action.disable', u, async () => {
      await Vigil.postJson(path(u, '/disable'));
      await done('admin.done.disabled', {user: u.username});
    }),
    enable: async (u) => {
      try {
        await Vigil.postJson(path(u, '/enable'));
        await done('admin.done.enabled', {user: u.username});
      } catch (err) {
        Vigil.showMessage('users-error', 'error', Vigil.errorText(err));
      }
    },
    remove: (u) => confirmThen('admin.remove.heading', 'admin.remove.text', 'admin.action.remove', u, async () => {
      await Vigil.request('DELETE', path(u));
      await done('admin.done.removed', {user: u.username});
    }),
    reset: (u) => confirmThen('admin.reset.heading', 'admin.reset.text', 'admin.action.reset', u, async () => {
      const answer = await Vigil.postJson(path(u, '/password-reset'));
      $('otp-text').textContent = T('admin.otp.text', {user: u.username});
      $('otp-value').textContent = answer.oneTimePassword;
      $('otp-dialog').showModal();
      await done('admin.done.reset', {user: u.username});
    }),
    cameras: (u) => openCameras(u),
  };

  let editing = null;

  function openCameras(u) {
    editing = u;
    $('cameras-summary').textContent = T('admin.cameras.summary', {user: u.username, role: Vigil.roleLabel(u.role)});
    const box = $('cameras-choices');
    box.textContent = '';
    const wanted = new Set(u.cameras.concat(u.proposal ? u.proposal.cameras : []));
    for (const c of allCameras) {
      const id = 'edit-cam-' + c.id.replace(/[^A-Za-z0-9_-]/g, '_');
      box.appendChild(Vigil.el('label', {for: id},
        Vigil.el('input', {type: 'checkbox', id: id, value: c.id, checked: wanted.has(c.id)}), T('admin.cameraChoice', {name: c.name || c.id, id: c.id})));
    }
    Vigil.showMessage('cameras-error', 'error', '');
    $('cameras-dialog').showModal();
  }

  async function onCameras(event) {
    event.preventDefault();
    const chosen = Array.from(document.querySelectorAll('#cameras-choices input:checked')).map((c) => c.value);
    $('cameras-submit').disabled = true;
    try {
      const after = await Vigil.request('PUT', path(editing, '/cameras'), {cameras: chosen}).then((r) => r.json());
      $('cameras-dialog').close();
      await done(after.proposal ? 'admin.done.camerasProposed' : 'admin.done.cameras',
        {user: editing.username, cameras: after.proposal ? after.proposal.cameras.join(', ') : ''});
    } catch (err) {
      Vigil.showMessage('cameras-error', 'error', Vigil.errorText(err));
    } finally {
      $('cameras-submit').disabled = false;
    }
  }

  function chosenCameras() {
    const ids = Array.from(document.querySelectorAll('#new-cameras input:checked')).map((c) => c.value);
    for (const extra of $('new-camera-ids').value.split(',')) {
      const id = extra.trim();
      if (id && !ids.includes(id)) ids.push(id);
    }
    return ids;
  }

  async function onAdd(event) {
    event.preventDefault();
    const username = $('new-username').value.trim();
    const password = $('new-password').value;
    const problem = !username ? ['admin.add.errorName', $('new-username')]
      : password.length < 12 ? ['admin.add.errorLength', $('new-password')]
        : password !== $('new-password2').value ? ['admin.add.errorDiffer', $('new-password2')] : null;
    if (problem) {
      Vigil.showMessage('add-error', 'error', T(problem[0]));
      problem[1].focus();
      return;
    }
    $('add-submit').disabled = true;
    const cameras = chosenCameras();
    try {
      await Vigil.postJson('/api/v1/users', {username: username, role: $('new-role').value, cameras: cameras, password: password});
      Vigil.showMessage('add-error', 'error', '');
      $('add-form').reset();
      await done(cameras.length ? 'admin.done.addedProposed' : 'admin.done.added', {user: username, cameras: cameras.join(', ')});
    } catch (err) {
      Vigil.showMessage('add-error', 'error', T('admin.add.refused', {detail: Vigil.errorText(err)}));
    } finally {
      $('new-password').value = '';
      $('new-password2').value = '';
      $('add-submit').disabled = false;
    }
  }

  function healthClass(status) {
    return 'state state-' + ({UP: 'ok', DEGRADED: 'degraded', DOWN: 'down'}[status] || 'unknown');
  }

  function healthWord(status) {
    const key = 'health.status.' + String(status || 'unknown').toLowerCase();
    return Vigil.has(key) ? T(key) : String(status);
  }

  /** /health answers 503 with the same body when DOWN, so the body is read whatever the status. */
  async function loadHealth() {
    const badge = $('health-status');
    const list = $('health-checks');
    try {
      const r = await fetch('/health', {credentials: 'same-origin', headers: {Accept: 'application/json', 'X-Vigil-Background': '1'}});
      if (r.status === 401) return Vigil.toLogin('ended');
      const body = await r.json();
      badge.textContent = healthWord(body.status);
      badge.className = healthClass(body.status);
      badge.dataset.status = body.status || 'UNKNOWN';
      window.VigilHealth.render(list, $('health-details'), body);
    } catch (err) {
      badge.textContent = T('admin.health.unreachable');
      badge.className = healthClass('DOWN');
    }
  }

  async function start() {
    me = await Vigil.startPage('admin', ['administrator']);
    if (!me) return;
    $('add-form').addEventListener('submit', onAdd);
    $('cameras-form').addEventListener('submit', onCameras);
    $('cameras-cancel').addEventListener('click', () => $('cameras-dialog').close());
    $('confirm-cancel').addEventListener('click', () => $('confirm-dialog').close());
    try {
      allCameras = await Vigil.getJson('/api/v1/cameras');
      for (const c of allCameras) {
        const id = 'new-cam-' + c.id.replace(/[^A-Za-z0-9_-]/g, '_');
        $('new-cameras').appendChild(Vigil.el('label', {for: id},
          Vigil.el('input', {type: 'checkbox', id: id, value: c.id}), T('admin.cameraChoice', {name: c.name || c.id, id: c.id})));
      }
    } catch (ignored) {
      // Camera ids can still be typed.
    }
    loadHealth();
    setInterval(loadHealth, 10000);
    await load();
  }

  start().catch((err) => {
    if (err.status !== 401) Vigil.showMessage('users-error', 'error', Vigil.errorText(err));
  });
})();
