/*
 * The admin page's health panel: every check with its problems in the reader's language,
 * the cameras (down ones first, with the recorder's reason), the disk, retention and the
 * ledger, from /health's full body (administrators and monitoring networks only).
 */
(function () {
  'use strict';
  const T = (key, params) => Vigil.t(key, params);
  const el = (...a) => Vigil.el(...a);

  function stateClass(status) {
    return 'state state-' + ({UP: 'ok', DEGRADED: 'degraded', DOWN: 'down', RECORDING: 'recording', FAILED: 'failed',
      STALLED: 'degraded', CONNECTING: 'starting', IDLE: 'unknown'}[status] || 'unknown');
  }

  function word(prefix, value) {
    const key = prefix + value;
    return Vigil.has(key) ? T(key) : String(value);
  }

  function bytes(n) {
    if (n === null || n === undefined) return '?';
    const units = ['B', 'KB', 'MB', 'GB', 'TB'];
    let v = n;
    let i = 0;
    while (v >= 1000 && i < units.length - 1) { v /= 1000; i++; }
    return (i === 0 ? String(v) : v.toFixed(1)) + ' ' + units[i];
  }

  function duration(seconds) {
    if (seconds === null || seconds === undefined) return '?';
    const d = Math.floor(seconds / 86400);
    const h = Math.floor((seconds % 86400) / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    return d ? d + 'd ' + h + 'h' : h ? h + 'h ' + m + 'm' : m + 'm';
  }

  /** The server words each problem in the reader's language (a camera's reason inside it too). */
  function problemText(p) {
    return p.text || (Vigil.has(p.key) ? T(p.key, p.params) : p.key);
  }

  function checkItem(name, check) {
    const li = el('li', {'data-check': name}, word('health.check.', name) + ': ',
      el('span', {className: stateClass(check.status), 'data-status': check.status}, word('health.status.', String(check.status).toLowerCase())));
    if (check.problems && check.problems.length) {
      const ul = el('ul', {className: 'problems'});
      for (const p of check.problems) ul.appendChild(el('li', {'data-key': p.key}, problemText(p)));
      li.appendChild(ul);
    }
    return li;
  }

  function camerasTable(c) {
    const rows = (c.cameras || []).slice().sort((a, b) => (a.state === 'RECORDING') - (b.state === 'RECORDING'));
    const tbody = el('tbody');
    for (const cam of rows) {
      tbody.appendChild(el('tr', {'data-camera': cam.id, 'data-state': cam.state},
        el('td', null, cam.name + ' (' + cam.id + ')'),
        el('td', null, cam.location || ''),
        el('td', null, el('span', {className: stateClass(cam.state)}, word('health.state.', cam.state))),
        el('td', {className: 'reason'}, cam.state === 'RECORDING' ? '' : (cam.reason || '')),
        el('td', null, cam.downSince ? Vigil.fmtDateTime(cam.downSince) : '')));
    }
    const head = el('tr', null, ...['name', 'location', 'state', 'reason', 'downSince']
      .map((k) => el('th', {scope: 'col'}, T('health.cameras.' + k))));
    return el('div', {className: 'table-scroll'}, el('table', {id: 'health-cameras'}, el('thead', null, head), tbody));
  }

  function summaries(checks) {
    const out = [];
    const c = checks.cameras;
    if (c) {
      out.push(el('p', {id: 'health-cameras-summary'}, T('health.cameras.summary',
        {recording: c.recording, configured: c.configured, minutes: Math.round(c.downAfterSeconds / 60)})));
    }
    const d = checks.disk;
    if (d && d.freeBytes !== undefined) {
      out.push(el('p', {id: 'health-disk'}, d.daysLeft === null || d.daysLeft === undefined
        ? T('health.disk.summaryNoRate', {free: bytes(d.freeBytes), total: bytes(d.totalBytes)})
        : T('health.disk.summary', {free: bytes(d.freeBytes), total: bytes(d.totalBytes), rate: bytes(d.writeBytesPerSecond), days: d.daysLeft})));
    }
    const r = checks.retention;
    if (r && r.retentionDays !== undefined) {
      out.push(el('p', {id: 'health-retention'}, T('health.retention.summary', {days: r.retentionDays,
        minutes: Math.round(r.intervalSeconds / 60), age: duration(r.oldestUnheldFootageAgeAtMostSeconds)})));
    }
    const l = checks.ledger;
    if (l && l.entries !== undefined) {
      const h = l.lastHead;
      out.push(el('p', {id: 'health-ledger'}, h
        ? T('health.ledger.summary', {entries: l.entries, headEntries: h.entries, headTime: Vigil.fmtDateTime(h.time), hash: h.hash.slice(0, 16) + '…'})
        : T('health.ledger.noHead', {entries: l.entries}), ' ', T(l.verified ? 'health.ledger.verified' : 'health.ledger.notVerified')));
    }
    return out;
  }

  /** Fills the check list and the details from one /health body. */
  function render(list, details, body) {
    const checks = body.checks || {};
    list.textContent = '';
    for (const name of Object.keys(checks)) list.appendChild(checkItem(name, checks[name]));
    details.textContent = '';
    for (const p of summaries(checks)) details.appendChild(p);
    if (checks.cameras && checks.cameras.cameras) {
      details.appendChild(el('h3', null, T('health.cameras.heading')));
      details.appendChild(camerasTable(checks.cameras));
    }
  }

  window.VigilHealth = {render, stateClass};
})();
