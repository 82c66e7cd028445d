/* The printable management ledger for a period: rows from /api/v1/ledger/management, print, CSV. */
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const COLUMNS = ['number', 'typeLabel', 'time', 'footage', 'staff', 'purpose', 'party', 'legalBasis', 'form', 'period', 'entry'];

  /** The chosen days as the API's instants: from the first day's midnight to the midnight after the last day. */
  function period() {
    const from = $('report-from').value;
    const to = $('report-to').value;
    if (!from || !to) return null;
    return {from: Vigil.dayStart(from).toISOString(), to: Vigil.dayStart(Vigil.addDays(to, 1)).toISOString(), fromDay: from, toDay: to};
  }

  function row(r) {
    const tr = Vigil.el('tr', {'data-type': r.type, 'data-entry': r.entry});
    for (const c of COLUMNS) {
      tr.appendChild(Vigil.el('td', {className: 'col-' + c}, c === 'time' ? Vigil.fmtDateTime(r.time) : String(r[c] === null ? '' : r[c])));
    }
    return tr;
  }

  async function show() {
    const p = period();
    if (!p) {
      Vigil.showMessage('report-error', 'error', Vigil.t('report.needDays'));
      return;
    }
    history.replaceState(null, '', location.pathname + '?from=' + p.fromDay + '&to=' + p.toDay);
    const q = '?from=' + encodeURIComponent(p.from) + '&to=' + encodeURIComponent(p.to);
    $('report-csv').href = '/api/v1/ledger/management.csv' + q;
    try {
      const body = await Vigil.getJson('/api/v1/ledger/management' + q);
      const rows = $('report-rows');
      rows.textContent = '';
      for (const r of body.rows) rows.appendChild(row(r));
      if (!body.rows.length) rows.appendChild(Vigil.el('tr', null, Vigil.el('td', {colspan: COLUMNS.length, className: 'empty'}, Vigil.t('report.none'))));
      $('report-summary').textContent = Vigil.t('report.summary', {site: body.site, from: p.fromDay, to: p.toDay, count: body.rows.length,
        by: body.generatedBy, at: Vigil.fmtDateTime(body.generatedAt)});
      Vigil.showMessage('report-error', 'error', '');
    } catch (err) {
      if (err.status !== 401) Vigil.showMessage('report-error', 'error', Vigil.t('report.failed', {error: Vigil.errorText(err)}));
    }
  }

  async function start() {
    const user = await Vigil.startPage('ledger', ['privacy-officer', 'privacy-manager', 'administrator']);
    if (!user) return;
    const q = new URLSearchParams(location.search);
    const today = Vigil.isoDay(new Date());
    $('report-from').value = q.get('from') || today.slice(0, 8) + '01';
    $('report-to').value = q.get('to') || today;
    $('report-form').addEventListener('submit', (e) => { e.preventDefault(); show(); });
    $('report-print').addEventListener('click', () => window.print());
    await show();
  }

  start().catch((err) => {
    if (err.status !== 401) Vigil.showMessage('report-error', 'error', Vigil.errorText(err));
  });
})();
