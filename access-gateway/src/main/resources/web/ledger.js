/*
 * The officers' ledger: filters (who, camera, when, footage, purpose, action), one row per
 * viewing or live session that opens to every step as labelled fields, whether the hash
 * chain verifies, the CSV of the same search, and a legal hold on a row's footage.
 */
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const FIELDS = ['user', 'camera', 'from', 'to', 'footageFrom', 'footageTo', 'purpose', 'action', 'limit'];
  const TIMES = ['from', 'to', 'footageFrom', 'footageTo'];
  const form = $('ledger-filters');
  const purposeLabels = {};
  let user = null;
  let holding = null;

  /** The filters as API query parameters; typed local times become instants on the site's clock. */
  function query(withLimit) {
    const q = new URLSearchParams();
    const data = new FormData(form);
    for (const name of FIELDS) {
      const value = String(data.get(name) || '').trim();
      if (!value || (name === 'limit' && !withLimit)) continue;
      q.set(name, TIMES.includes(name) ? Vigil.fromLocalInput(value).toISOString() : value);
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
    if (q.get('viewer') !== null && q.get('user') === null) q.set('user', q.get('viewer')); // older bookmarks
    for (const name of FIELDS) {
      const value = q.get(name);
      if (value !== null && form.elements[name]) form.elements[name].value = value;
    }
  }

  /** "Everything ... this month": the first of this month 00:00 to the first of the next, on the site's clock. */
  function thisMonth() {
    const today = Vigil.isoDay(new Date());
    const first = today.slice(0, 8) + '01';
    const next = Vigil.isoDay(new Date(Vigil.dayStart(first).getTime() + 32 * 86400000)).slice(0, 8) + '01';
    form.elements.from.value = first + 'T00:00:00';
    form.elements.to.value = next + 'T00:00:00';
    search();
  }

  function holdButton(row) {
    if (!user || user.role !== 'privacy-officer' || !row.cameras.length || !row.footageFrom || !row.footageTo) return null;
    const b = Vigil.el('button', {type: 'button', className: 'button-secondary hold-button', 'data-key': row.key},
      Vigil.t('ledger.hold.open'));
    b.addEventListener('click', () => openHold(row));
    return b;
  }

  function detailRow(row, id, bad) {
    const cell = Vigil.el('td', {colspan: 6});
    for (const e of row.entries) {
      const section = Vigil.el('section', {className: 'ledger-entry' + (bad === String(e.number) ? ' row-bad' : ''), 'data-number': e.number},
        Vigil.el('h3', null, Vigil.t('ledger.entryHeading', {number: e.number, action: LedgerWords.typeLabel(e.type)})),
        LedgerWords.fields(e, purposeLabels));
      cell.appendChild(section);
    }
    const hold = holdButton(row);
    if (hold) cell.appendChild(Vigil.el('div', {className: 'actions'}, hold));
    return Vigil.el('tr', {id: id, className: 'ledger-detail', hidden: true}, cell);
  }

  function rowsOf(row, index, bad) {
    const id = 'ledger-detail-' + index;
    const numbers = row.entries.map((e) => String(e.number));
    const toggle = Vigil.el('button', {type: 'button', className: 'button-quiet expand-button', 'aria-expanded': 'false',
      'aria-controls': id}, Vigil.t('ledger.expand'));
    const summary = Vigil.el('tr', {className: 'ledger-item kind-' + row.kind, 'data-key': row.key, 'data-number': row.number,
      'data-numbers': numbers.join(' ')},
      Vigil.el('td', {className: 'entry-time'}, Vigil.fmtDateTime(row.time)),
      Vigil.el('td', {className: 'entry-summary'}, LedgerWords.sentence(row, purposeLabels)),
      Vigil.el('td', {className: 'entry-actor'}, row.actor || ''),
      Vigil.el('td', {className: 'entry-cameras'}, LedgerWords.cameraText(row)),
      Vigil.el('td', {className: 'entry-footage'}, LedgerWords.range(row.footageFrom, row.footageTo)),
      Vigil.el('td', null, toggle));
    const detail = detailRow(row, id, bad);
    toggle.addEventListener('click', () => {
      const open = detail.hidden;
      detail.hidden = !open;
      toggle.setAttribute('aria-expanded', String(open));
      toggle.textContent = Vigil.t(open ? 'ledger.collapse' : 'ledger.expand');
    });
    if (bad && numbers.includes(bad)) {
      summary.classList.add('row-bad');
      if (row.entries.length === 1) summary.setAttribute('data-number', bad);
    }
    return [summary, detail];
  }

  function banner(verified, problem) {
    const b = $('ledger-banner');
    b.hidden = false;
    b.className = 'banner ' + (verified ? 'banner-ok' : 'banner-bad');
    b.textContent = verified ? Vigil.t('ledger.verified') : Vigil.t('ledger.tampered', {problem: problem || Vigil.t('ledger.tamperedUnknown')});
  }

  async function search() {
    const q = query(true);
    const pq = pageQuery().toString();
    history.replaceState(null, '', location.pathname + (pq ? '?' + pq : ''));
    const csvQuery = query(false).toString();
    $('ledger-csv').href = '/api/v1/ledger.csv' + (csvQuery ? '?' + csvQuery : '');
    $('ledger-count').textContent = Vigil.t('ledger.searching');
    try {
      const body = await Vigil.getJson('/api/v1/ledger/activities' + (q.toString() ? '?' + q.toString() : ''));
      banner(body.verified, body.problem);
      const rows = $('ledger-rows');
      rows.textContent = '';
      // The verifier names the first bad entry: mark its row.
      const bad = body.verified || body.firstBadEntry == null ? null : String(body.firstBadEntry);
      const activities = body.activities || [];
      activities.forEach((row, i) => rowsOf(row, i, bad).forEach((tr) => rows.appendChild(tr)));
      if (!activities.length) rows.appendChild(Vigil.el('tr', null, Vigil.el('td', {colspan: 6, className: 'empty'}, Vigil.t('ledger.none'))));
      $('ledger-count').textContent = Vigil.t('ledger.count', {shown: activities.length, size: body.size});
      Vigil.showMessage('ledger-error', 'error', '');
    } catch (err) {
      $('ledger-count').textContent = '';
      if (err.status !== 401) Vigil.showMessage('ledger-error', 'error', Vigil.t('ledger.loadFailed', {error: Vigil.errorText(err)}));
    }
  }

  function openHold(row) {
    holding = row;
    $('hold-cameras').textContent = LedgerWords.cameraText(row) + ' (' + row.cameras.join(', ') + ')';
    $('hold-footage').textContent = Vigil.fmtDateTime(row.footageFrom) + ' – ' + Vigil.fmtDateTime(row.footageTo);
    $('hold-expires').value = Vigil.addDays(Vigil.isoDay(new Date()), 90);
    $('hold-reason').value = '';
    $('hold-reference').value = '';
    Vigil.showMessage('hold-error', 'error', '');
    $('hold-dialog').showModal();
    $('hold-reason').focus();
  }

  async function onHold(event) {
    event.preventDefault();
    const reason = $('hold-reason').value.trim();
    const day = $('hold-expires').value;
    const problem = !day ? ['ledger.hold.needUntil', $('hold-expires')] : !reason ? ['ledger.hold.needReason', $('hold-reason')] : null;
    if (problem) {
      Vigil.showMessage('hold-error', 'error', Vigil.t(problem[0]));
      problem[1].focus();
      return;
    }
    $('hold-submit').disabled = true;
    try {
      await Vigil.postJson('/api/v1/holds', {cameras: holding.cameras, from: holding.footageFrom, to: holding.footageTo,
        reason: reason, reference: $('hold-reference').value.trim(), expiresAt: Vigil.dayStart(Vigil.addDays(day, 1)).toISOString()});
      $('hold-dialog').close();
      Vigil.showMessage('ledger-ok', 'ok', Vigil.t('ledger.hold.placed', {cameras: holding.cameras.join(', '),
        footage: Vigil.fmtDateTime(holding.footageFrom) + ' – ' + Vigil.fmtDateTime(holding.footageTo)}));
      await search();
    } catch (err) {
      Vigil.showMessage('hold-error', 'error', Vigil.t('ledger.hold.failed', {error: Vigil.errorText(err)}));
    } finally {
      $('hold-submit').disabled = false;
    }
  }

  async function loadChoices() {
    try {
      for (const p of await Vigil.getJson('/api/v1/purposes')) {
        purposeLabels[p.code] = Vigil.purposeLabel(p.code, p.label);
        $('f-purpose').appendChild(Vigil.el('option', {value: p.code}, purposeLabels[p.code]));
      }
      for (const c of await Vigil.getJson('/api/v1/cameras')) $('camera-list').appendChild(Vigil.el('option', {value: c.id}, c.name || c.id));
    } catch (err) {
      if (err.status === 401) throw err; // Otherwise the filters still take typed values.
    }
  }

  async function start() {
    user = await Vigil.startPage('ledger', ['privacy-officer', 'privacy-manager', 'administrator']);
    if (!user) return;
    await loadChoices();
    fillFormFromAddress();
    form.addEventListener('submit', (e) => { e.preventDefault(); search(); });
    form.addEventListener('reset', () => setTimeout(search, 0));
    $('ledger-this-month').addEventListener('click', thisMonth);
    $('hold-form').addEventListener('submit', onHold);
    $('hold-cancel').addEventListener('click', () => $('hold-dialog').close());
    search();
  }

  start().catch((err) => {
    if (err.status !== 401) Vigil.showMessage('ledger-error', 'error', Vigil.errorText(err));
  });
})();
