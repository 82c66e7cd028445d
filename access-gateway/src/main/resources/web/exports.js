/* The export list: every clip that left Vigil (the caller's own, or all for those who may read the ledger), with its hash. */
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);

  function footage(x) {
    if (!x.footageFrom || !x.footageTo) return '';
    return Vigil.fmtDateTime(new Date(x.footageFrom)) + ' – ' + Vigil.fmtTime(new Date(x.footageTo));
  }

  function row(x) {
    return Vigil.el('tr', {'data-entry': String(x.entry)},
      Vigil.el('td', null, Vigil.fmtDateTime(new Date(x.time))),
      Vigil.el('td', null, x.by),
      Vigil.el('td', null, x.cameras.join(', ')),
      Vigil.el('td', null, footage(x)),
      Vigil.el('td', {className: 'recipient'}, x.recipient || Vigil.t('exports.noRecipient')),
      Vigil.el('td', {className: 'basis'}, x.legalBasis ? Vigil.t('export.basis.' + x.legalBasis) : (x.legalBasisText || Vigil.t('exports.noBasis'))),
      Vigil.el('td', null, x.purpose || ''),
      Vigil.el('td', {className: 'mono hash'}, x.sha256 || ''),
      Vigil.el('td', null, String(x.entry)));
  }

  async function load() {
    const body = await Vigil.getJson('/api/v1/exports');
    $('exports-scope').textContent = Vigil.t(body.scope === 'all' ? 'exports.scope.all' : 'exports.scope.own');
    const rows = $('exports-rows');
    rows.textContent = '';
    for (const x of body.exports) rows.appendChild(row(x));
    if (!body.exports.length) rows.appendChild(Vigil.el('tr', null, Vigil.el('td', {colspan: 9, className: 'empty'}, Vigil.t('exports.empty'))));
  }

  Vigil.startPage('exports', null).then((user) => (user ? load() : null)).catch((err) => {
    if (err.status !== 401) Vigil.showMessage('exports-error', 'error', Vigil.errorText(err));
  });
})();
