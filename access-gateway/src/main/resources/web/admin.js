/* User administration: list the accounts, add one with a role, cameras and a password. */
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);

  function row(u) {
    const cameras = Array.isArray(u.cameras) ? (u.cameras.length ? u.cameras.join(', ') : 'none') : (u.cameras || '');
    let status = u.disabled ? 'disabled' : 'active';
    if (u.failedLogins) status += ', ' + u.failedLogins + ' failed sign-in' + (u.failedLogins === 1 ? '' : 's');
    if (u.createdAt) status += ' (since ' + Vigil.fmtDateTime(u.createdAt).slice(0, 10) + ')';
    return Vigil.el('tr', {'data-user': u.username || u.user},
      Vigil.el('td', null, u.username || u.user || u.name),
      Vigil.el('td', null, Vigil.roleLabel(u.role)),
      Vigil.el('td', null, cameras),
      Vigil.el('td', null, status));
  }

  async function load() {
    try {
      const users = await Vigil.getJson('/api/v1/users');
      const rows = $('users-rows');
      rows.textContent = '';
      for (const u of users) rows.appendChild(row(u));
      if (!users.length) rows.appendChild(Vigil.el('tr', null, Vigil.el('td', {colspan: 4, className: 'empty'}, 'No users.')));
    } catch (err) {
      if (err.status !== 401) Vigil.showMessage('users-error', 'error', 'Could not load the users: ' + err.message);
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
    const problem = !username ? ['Enter the user name.', $('new-username')]
      : password.length < 12 ? ['The password must have at least 12 characters.', $('new-password')]
        : password !== $('new-password2').value ? ['The two passwords differ.', $('new-password2')] : null;
    if (problem) {
      Vigil.showMessage('add-error', 'error', problem[0]);
      problem[1].focus();
      return;
    }
    $('add-submit').disabled = true;
    try {
      await Vigil.postJson('/api/v1/users', {username: username, role: $('new-role').value, cameras: chosenCameras(), password: password});
      Vigil.showMessage('add-error', 'error', '');
      Vigil.showMessage('users-ok', 'ok', 'User ' + username + ' added.');
      $('add-form').reset();
      await load();
    } catch (err) {
      Vigil.showMessage('add-error', 'error', 'The user was not added: ' + err.message);
    } finally {
      $('new-password').value = '';
      $('new-password2').value = '';
      $('add-submit').disabled = false;
    }
  }

  function healthClass(status) {
    return 'state state-' + ({UP: 'ok', DEGRADED: 'degraded', DOWN: 'down'}[status] || 'unknown');
  }

  /** /health answers 503 with the same body when DOWN, so the body is read whatever the status. */
  async function loadHealth() {
    const badge = $('health-status');
    const list = $('health-checks');
    try {
      const r = await fetch('/health', {credentials: 'same-origin', headers: {Accept: 'application/json'}});
      if (r.status === 401) return Vigil.toLogin();
      const body = await r.json();
      badge.textContent = body.status || 'unknown';
      badge.className = healthClass(body.status);
      list.textContent = '';
      for (const [name, status] of Object.entries(body.checks || {})) {
        list.appendChild(Vigil.el('li', {'data-check': name}, name + ': ',
          Vigil.el('span', {className: healthClass(status)}, status)));
      }
    } catch (err) {
      badge.textContent = 'unreachable';
      badge.className = healthClass('DOWN');
    }
  }

  async function start() {
    const user = await Vigil.startPage('admin', ['administrator']);
    if (!user) return;
    $('add-form').addEventListener('submit', onAdd);
    try {
      const cameras = await Vigil.getJson('/api/v1/cameras');
      for (const c of cameras) {
        const id = 'new-cam-' + c.id.replace(/[^A-Za-z0-9_-]/g, '_');
        $('new-cameras').appendChild(Vigil.el('label', {for: id},
          Vigil.el('input', {type: 'checkbox', id: id, value: c.id}), (c.name || c.id) + ' (' + c.id + ')'));
      }
    } catch (ignored) {
      // Camera ids can still be typed.
    }
    loadHealth();
    setInterval(loadHealth, 10000);
    await load();
  }

  start().catch((err) => {
    if (err.status !== 401) Vigil.showMessage('users-error', 'error', err.message);
  });
})();
