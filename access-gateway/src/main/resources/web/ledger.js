/* The officers' ledger: filters, entries, whether the hash chain verifies, and the CSV export. */
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const FIELDS = ['viewer', 'camera', 'footageFrom', 'footageTo', 'purpose', 'action', 'limit'];
  const form = $('ledger-filters');
  let purposeLabels = {};

  /** The filters as API query parameters; footage days become instants at local midnight. */
  function query() {
    const q = new URLSearchParams();
    const data = new FormData(form);
    for (const name of FIELDS) {
      const value = String(data.get(name) || '').trim();
      if (!value) continue;
      if (name === 'footageFrom') q.set(name, Vigil.dayStart(value).toISOString());
      else if (name === 'footageTo') {
        q.set(name, Vigil.dayStart(Vigil.addDays(value, 1)).toISOString());
      } else q.set(name, value);
    }
    return q;
  }

  /** The form's own values in the page address, so a search can be bookmarked or shared with a colleague. */
  function pageQuery() {
    const q = new URLSearchParams();
    const data = new FormData(form);
    for (const name of FIELDS) {
      const value = String(data.get(name) || '').trim();
      if (value) q.set(name, value);
    }
    return q;
  }

  function fillFormFromAddress() {
    const q = new URLSearchParams(location.search);
    for (const name of FIELDS) {
      const value = q.get(name);
      if (value !== null && form.elements[name]) form.elements[name].value = value;
    }
  }

  function details(value) {
    if (value === undefined || value === null || value === '') return '';
    if (typeof value === 'string') return value;
    if (typeof value === 'object') {
      return Object.entries(value).map(([k, v]) => k + '=' + (typeof v === 'object' ? JSON.stringify(v) : v)).join(', ');
    }
    return String(value);
  }

  /** The ledger keeps "code: free text"; the policy's wording of the code goes in the tooltip. */
  function purposeTitle(purpose) {
    if (!purpose) return null;
    const code = String(purpose).split(':')[0].trim();
    return purposeLabels[code] || null;
  }

  function row(e) {
    const cameras = Array.isArray(e.cameras) ? e.cameras.join(', ') : (e.cameras || '');
    return Vigil.el('tr', {'data-number': e.number},
      Vigil.el('td', {className: 'num'}, e.number),
      Vigil.el('td', null, Vigil.fmtDateTime(e.time)),
      Vigil.el('td', {className: 'mono entry-type'}, e.type),
      Vigil.el('td', {className: 'entry-actor'}, e.actor || ''),
      Vigil.el('td', {className: 'entry-cameras'}, cameras),
      Vigil.el('td', {className: 'entry-footage-from'}, Vigil.fmtDateTime(e.footageFrom)),
      Vigil.el('td', {className: 'entry-footage-to'}, Vigil.fmtDateTime(e.footageTo)),
      Vigil.el('td', {className: 'entry-purpose', title: purposeTitle(e.purpose)}, e.purpose || ''),
      Vigil.el('td', {className: 'entry-recipient'}, e.recipient || ''),
      Vigil.el('td', {className: 'entry-details'}, details(e.details)));
  }

  function banner(verified, problem) {
    const b = $('ledger-banner');
    b.hidden = false;
    if (verified) {
      b.className = 'banner banner-ok';
      b.textContent = 'Ledger chain verifies';
    } else {
      b.className = 'banner banner-bad';
      b.textContent = 'LEDGER TAMPERED: ' + (problem || 'the hash chain does not verify');
    }
  }

  async function search() {
    const q = query();
    const pq = pageQuery().toString();
    history.replaceState(null, '', location.pathname + (pq ? '?' + pq : ''));
    $('ledger-count').textContent = 'Searching…';
    try {
      const body = await Vigil.getJson('/api/v1/ledger' + (q.toString() ? '?' + q.toString() : ''));
      banner(body.verified, body.problem);
      const rows = $('ledger-rows');
      rows.textContent = '';
      const entries = body.entries || [];
      // The verifier names the first bad entry ("entry 12 was edited ..."): mark its row.
      const bad = body.verified ? null : /entry (\d+)/.exec(body.problem || '');
      for (const e of entries) {
        const tr = row(e);
        if (bad && String(e.number) === bad[1]) {
          tr.classList.add('row-bad');
          tr.title = body.problem;
        }
        rows.appendChild(tr);
      }
      if (!entries.length) rows.appendChild(Vigil.el('tr', null, Vigil.el('td', {colspan: 10, className: 'empty'}, 'No entries match these filters.')));
      $('ledger-count').textContent = entries.length + ' shown of ' + (body.size !== undefined ? body.size : '?') + ' entries in the ledger.';
      Vigil.showMessage('ledger-error', 'error', '');
    } catch (err) {
      $('ledger-count').textContent = '';
      if (err.status !== 401) Vigil.showMessage('ledger-error', 'error', 'Could not load the ledger: ' + err.message);
    }
  }

  async function start() {
    const user = await Vigil.startPage('ledger', ['privacy-officer', 'privacy-manager', 'administrator']);
    if (!user) return;
    try {
      const purposes = await Vigil.getJson('/api/v1/purposes');
      const select = $('f-purpose');
      for (const p of purposes) {
        purposeLabels[p.code] = p.label;
        select.appendChild(Vigil.el('option', {value: p.code}, p.label || p.code));
      }
    } catch (err) {
      if (err.status === 401) return;
    }
    try {
      const cameras = await Vigil.getJson('/api/v1/cameras');
      for (const c of cameras) $('camera-list').appendChild(Vigil.el('option', {value: c.id}, c.name || c.id));
    } catch (ignored) {
      // Officers may see no cameras; the camera filter still takes a typed id.
    }
    fillFormFromAddress();
    form.addEventListener('submit', (e) => { e.preventDefault(); search(); });
    form.addEventListener('reset', () => setTimeout(search, 0));
    search();
  }

  start().catch((err) => {
    if (err.status !== 401) Vigil.showMessage('ledger-error', 'error', err.message);
  });
})();
