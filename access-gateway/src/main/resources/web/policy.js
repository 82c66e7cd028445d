/*
 * The published policy (no sign-in): facts from GET /api/v1/policy (the running
 * configuration), words from the bundles, change dates from the ledger.
 */
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const T = (key, params) => Vigil.t(key, params);
  const el = (...a) => Vigil.el(...a);

  function orUnset(value) {
    return value === null || value === undefined || value === '' ? T('policy.unset') : value;
  }

  function day(iso) {
    return Vigil.fmtDateTime(iso).slice(0, 10);
  }

  function person(roleKey, p) {
    return el('tr', {'data-role': roleKey}, el('th', {scope: 'row'}, T('policy.art3.' + roleKey)),
      el('td', null, orUnset(p && p.name)), el('td', null, orUnset(p && p.position)), el('td', null, orUnset(p && p.contact)));
  }

  function historyItem(v) {
    const what = v.changed.length
      ? v.changed.map((f) => (Vigil.has('policy.fact.' + f) ? T('policy.fact.' + f) : f)).join(', ')
      : T('policy.history.first');
    return el('li', {'data-entry': v.ledgerEntry}, T('policy.history.item', {date: day(v.publishedAt), what: what}));
  }

  function render(p) {
    $('policy-intro').textContent = T('policy.intro', {site: p.site});
    $('policy-count').textContent = T('policy.art2.count', {n: p.cameraCount});
    const rows = $('policy-camera-rows');
    for (const c of p.cameras) {
      rows.appendChild(el('tr', null, el('td', null, c.name), el('td', null, orUnset(c.location)), el('td', null, orUnset(c.range))));
    }
    const people = $('policy-people-rows');
    people.appendChild(person('officer', p.officer));
    people.appendChild(person('manager', p.manager));
    $('policy-shooting').textContent = T('policy.art4.shooting');
    $('policy-retention').textContent = T('policy.art4.retention', {days: p.retentionDays});
    $('policy-storage').textContent = T('policy.art4.storage', {place: orUnset(p.storagePlace)});
    $('policy-method').textContent = T('policy.art4.method');
    $('policy-how').textContent = T('policy.art5.how', {manager: orUnset(p.manager && p.manager.name),
      contact: orUnset(p.manager && p.manager.contact)});
    $('policy-where').textContent = T('policy.art5.where', {place: orUnset(p.viewingPlace)});
    $('policy-enacted').textContent = p.enacted ? T('policy.art8.enacted', {date: p.enacted}) : T('policy.art8.noEnacted');
    const history = $('policy-history');
    for (const v of p.history.slice().reverse()) history.appendChild(historyItem(v));
    document.body.dataset.policyReady = '1';
  }

  Vigil.i18n().then(async () => {
    $('policy-language').appendChild(Vigil.languagePicker());
    const r = await fetch('/api/v1/policy', {credentials: 'same-origin', headers: {Accept: 'application/json'}});
    if (!r.ok) throw new Error(String(r.status));
    render(await r.json());
  }).catch((err) => {
    Vigil.showMessage('policy-error', 'error', T('policy.error', {detail: String(err && err.message || err)}));
  });
})();
