/* Subject requests: the privacy manager registers, the privacy officer decides (docs/requests.md). */
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const t = (k, p) => Vigil.t(k, p);
  let user = null;
  let current = null;

  function kinds(list) {
    return (list || []).map((k) => t('requests.kind.' + k)).join(', ');
  }

  function footage(r) {
    return (r.cameras || []).join(', ') + ' · ' + Vigil.fmtDateTime(r.from) + ' – ' + Vigil.fmtDateTime(r.to);
  }

  function flagBadge(r) {
    if (r.deadlineFlag === 'near' || r.deadlineFlag === 'overdue') {
      return Vigil.el('span', {className: 'state flag-' + r.deadlineFlag, 'data-flag': r.deadlineFlag}, t('requests.flag.' + r.deadlineFlag));
    }
    return '';
  }

  function row(r) {
    const link = Vigil.el('a', {href: '/requests.html?n=' + encodeURIComponent(r.number), 'aria-label': t('requests.open', {number: r.number})}, r.number);
    link.addEventListener('click', (e) => {
      e.preventDefault();
      history.replaceState(null, '', '/requests.html?n=' + encodeURIComponent(r.number));
      openDetail(r.number);
    });
    return Vigil.el('tr', {'data-request': r.number},
      Vigil.el('td', null, link),
      Vigil.el('td', {className: 'request-state'}, t('requests.state.' + r.state)),
      Vigil.el('td', null, kinds(r.kinds)),
      Vigil.el('td', null, r.requesterName || ''),
      Vigil.el('td', null, footage(r)),
      Vigil.el('td', null, Vigil.fmtDateTime(r.receivedAt)),
      Vigil.el('td', null, r.lastDay),
      Vigil.el('td', {className: 'days-left'}, t('requests.daysLeft', {days: r.daysLeft}), ' ', flagBadge(r)));
  }

  async function load() {
    try {
      const list = await Vigil.getJson('/api/v1/requests');
      const rows = $('requests-rows');
      rows.textContent = '';
      for (const r of list) rows.appendChild(row(r));
      if (!list.length) rows.appendChild(Vigil.el('tr', null, Vigil.el('td', {colspan: 8, className: 'empty'}, t('requests.empty'))));
    } catch (err) {
      if (err.status !== 401) Vigil.showMessage('requests-error', 'error', t('requests.error.load', {error: Vigil.errorText(err)}));
    }
  }

  function fact(dl, labelKey, value) {
    dl.appendChild(Vigil.el('dt', null, t(labelKey)));
    dl.appendChild(Vigil.el('dd', null, value == null ? '' : String(value)));
  }

  async function openDetail(number) {
    Vigil.showMessage('action-error', 'error', '');
    let r;
    try {
      r = await Vigil.getJson('/api/v1/requests/' + encodeURIComponent(number));
    } catch (err) {
      Vigil.showMessage('requests-error', 'error', Vigil.errorText(err));
      return;
    }
    if (!current || current.number !== r.number) {
      Vigil.showMessage('kiosk-code', 'info', '');
      $('kiosk-code').removeAttribute('data-code');
      $('action-reason').value = '';
      $('existence-statement').hidden = true;
      Vigil.showMessage('fulfil-result', 'ok', '');
    }
    current = r;
    $('detail-heading').textContent = t('requests.detail.heading', {number: r.number});
    const dl = $('detail-fields');
    dl.textContent = '';
    fact(dl, 'requests.detail.state', t('requests.state.' + r.state));
    fact(dl, 'requests.field.kinds', kinds(r.kinds));
    fact(dl, 'requests.field.requesterName', r.requesterName);
    fact(dl, 'requests.field.requesterContact', r.requesterContact);
    fact(dl, 'requests.field.documentType', r.documentType ? t('requests.doc.' + r.documentType) : '');
    fact(dl, 'requests.field.checkedBy', (r.checkedBy || '') + (r.checkedAt ? ', ' + Vigil.fmtDateTime(r.checkedAt) : ''));
    if (r.childUnder14) {
      fact(dl, 'requests.field.representative', [r.representativeName, r.representativeRelationship, r.representativeProof].join(' · '));
    }
    fact(dl, 'requests.col.footage', footage(r));
    fact(dl, 'requests.field.description', r.description);
    fact(dl, 'requests.field.reason', r.reason);
    fact(dl, 'requests.detail.deadline', r.lastDay + ' (' + t('requests.daysLeft', {days: r.daysLeft}) + ')');
    fact(dl, 'requests.detail.registeredBy', r.registeredBy);
    fact(dl, 'requests.detail.hold', r.holdId);
    if (r.decision) {
      const grounds = (r.decision.grounds || []).map((g) => t('requests.ground.' + g)).join('; ');
      fact(dl, 'requests.detail.decision', [t('requests.state.' + r.decision.outcome), r.decision.by, grounds, r.decision.text,
        r.decision.deferredUntil].filter((x) => x).join(' · '));
    }
    if (r.personalDataErasedAt) {
      dl.appendChild(Vigil.el('dd', null, t('requests.detail.erased', {time: Vigil.fmtDateTime(r.personalDataErasedAt)})));
    }
    const hist = $('detail-history');
    hist.textContent = '';
    for (const h of r.history || []) {
      hist.appendChild(Vigil.el('li', null, t('requests.history.entry',
        {time: Vigil.fmtDateTime(h.at), state: t('requests.state.' + h.state), by: h.by, reason: h.reason || ''})));
    }
    const decides = user.role === 'privacy-officer' && ['received', 'in-review', 'deferred'].includes(r.state);
    $('decide-actions').hidden = !decides;
    // style.display, not hidden: the stylesheet gives buttons a display that would win over [hidden]
    $('fulfil-button').style.display = r.state === 'approved' ? '' : 'none';
    // The masking review (review.html) of an approved viewing: mark the requester, mask, release the copy.
    // The privacy manager's only: it shows footage, which officers never see (docs/security.md).
    $('masking-link').style.display = user.role === 'privacy-manager' && (r.state === 'approved' || r.state === 'fulfilled')
      && (r.kinds || []).includes('view') ? '' : 'none';
    $('masking-link').href = '/review.html?n=' + encodeURIComponent(r.number);
    $('close-button').style.display = r.state === 'closed' ? 'none' : '';
    $('handle-actions').hidden = r.state === 'closed';
    showFulfil(r);
    await VigilMaskingStatus.show(r);
    await VigilNotices.show(r, (err) => Vigil.showMessage('action-error', 'error', problemText(err, {at: 'requests.notices.viewingAt'})));
    $('detail-section').hidden = false;
  }

  /** The buttons for what an approved request asks: confirm existence, erase (after a confirmation), a new kiosk code. */
  function showFulfil(r) {
    const approved = r.state === 'approved';
    const asks = (k) => (r.kinds || []).includes(k);
    const done = (a) => (r.fulfilments || []).some((f) => f.action === a);
    const existence = approved && asks('confirm-existence');
    const erase = approved && asks('delete') && !done('delete');
    const kiosk = approved && asks('view') && user.role === 'privacy-officer' && user.user !== r.registeredBy;
    // style.display, not hidden: the stylesheet gives buttons a display that would win over [hidden]
    $('existence-button').style.display = existence ? '' : 'none';
    $('kiosk-code-button').style.display = kiosk ? '' : 'none';
    $('erase-box').hidden = !erase;
    $('erase-confirm').checked = false;
    $('fulfil-section').hidden = !(existence || erase || kiosk);
  }

  async function confirmExistence() {
    Vigil.showMessage('action-error', 'error', '');
    try {
      const out = await Vigil.postJson(requestPath('existence'), {});
      const rows = $('existence-rows');
      rows.textContent = '';
      for (const c of out.cameras) {
        for (const s of c.spans) {
          const what = s.recorded ? t('requests.existence.recorded') : t('requests.existence.gap') + (s.gapReason ? ' · ' + s.gapReason : '');
          rows.appendChild(Vigil.el('tr', {className: s.recorded ? 'span-recorded' : 'span-gap'},
            Vigil.el('td', null, c.camera), Vigil.el('td', null, Vigil.fmtDateTime(s.start)),
            Vigil.el('td', null, Vigil.fmtDateTime(s.end)), Vigil.el('td', null, what)));
        }
      }
      $('existence-statement').hidden = false;
      Vigil.showMessage('fulfil-result', 'ok', t('requests.existence.done', {number: current.number}));
      await openDetail(current.number);
    } catch (err) {
      Vigil.showMessage('action-error', 'error', problemText(err, ACTION_LABELS));
    }
  }

  async function erase() {
    Vigil.showMessage('action-error', 'error', '');
    if (!$('erase-confirm').checked) {
      Vigil.showMessage('action-error', 'error', t('requests.fulfil.eraseNotConfirmed'));
      return;
    }
    try {
      const out = await Vigil.postJson(requestPath('erase'), {});
      const kept = out.keptSegments > 0
        ? ' ' + t('requests.erase.kept', {kept: out.keptSegments, references: (out.keptReferences || []).join(', ')}) : '';
      await load();
      await openDetail(current.number);
      // Shown at the top of the page: once erased, the request has nothing left to fulfil and
      // its fulfilment section (where the other results appear) is hidden.
      Vigil.showMessage('requests-ok', 'ok', t('requests.erase.done', {erased: out.erasedSegments}) + kept);
    } catch (err) {
      Vigil.showMessage('action-error', 'error', problemText(err, ACTION_LABELS));
    }
  }

  function requestPath(tail) {
    return '/api/v1/requests/' + encodeURIComponent(current.number) + '/' + tail;
  }



  async function act(path, body) {
    Vigil.showMessage('action-error', 'error', '');
    try {
      const r = await Vigil.postJson('/api/v1/requests/' + encodeURIComponent(current.number) + '/' + path, body);
      Vigil.showMessage('requests-ok', 'ok', t('requests.action.done', {number: r.number, state: t('requests.state.' + r.state)}));
      if (r.kioskCode) {
        Vigil.showMessage('kiosk-code', 'info', t('requests.kioskCode', {code: r.kioskCode, time: Vigil.fmtDateTime(r.kiosk.expiresAt)}));
        $('kiosk-code').setAttribute('data-code', r.kioskCode);
      }
      $('action-reason').value = '';
      await load();
      await openDetail(r.number);
    } catch (err) {
      Vigil.showMessage('action-error', 'error', problemText(err, ACTION_LABELS));
    }
  }

  /** Labels of the decision fields (the form's fields are labelled requests.field.<name>). */
  const ACTION_LABELS = {until: 'requests.action.until', grounds: 'requests.action.grounds', text: 'requests.action.text',
    reason: 'requests.action.reason', note: 'requests.action.reason'};

  /**
   * The words of a refusal in the user's language: a bad field is named by its label on this
   * page ({label} in requests.invalid.*), not by its JSON name.
   */
  function problemText(err, labels) {
    const field = err && err.params && err.params.field;
    if (field) {
      const key = (labels && labels[field]) || 'requests.field.' + field;
      err.params = Object.assign({}, err.params, {label: Vigil.has(key) ? t(key) : field});
    }
    return Vigil.errorText(err);
  }

  function reason() {
    return $('action-reason').value.trim() || null;
  }

  async function fillGrounds() {
    const box = $('refuse-grounds');
    const grounds = await Vigil.getJson('/api/v1/requests/grounds');
    for (const g of grounds) {
      const id = 'ground-' + g.code;
      box.appendChild(Vigil.el('label', {htmlFor: id},
        Vigil.el('input', {type: 'checkbox', id: id, name: 'ground', value: g.code}), ' ', t('requests.ground.' + g.code)));
    }
  }

  async function fillCameras() {
    const box = $('request-cameras');
    const cams = await Vigil.getJson('/api/v1/cameras');
    for (const c of cams) {
      const id = 'camera-' + c.id;
      box.appendChild(Vigil.el('label', {htmlFor: id},
        Vigil.el('input', {type: 'checkbox', id: id, name: 'camera', value: c.id}), ' ', c.name || c.id));
    }
  }

  function checked(selector) {
    return Array.from(document.querySelectorAll(selector + ':checked')).map((c) => c.value);
  }

  function instant(id) {
    const v = $(id).value;
    return v ? Vigil.fromLocalInput(v) : null;
  }

  async function register(e) {
    e.preventDefault();
    Vigil.showMessage('register-error', 'error', '');
    const child = $('child-under-14').checked;
    const body = {
      requesterName: $('requester-name').value.trim() || null,
      requesterContact: $('requester-contact').value.trim() || null,
      documentType: $('document-type').value || null,
      checkedBy: $('checked-by').value.trim() || null,
      checkedAt: instant('checked-at'),
      childUnder14: child,
      representativeName: child ? $('rep-name').value.trim() || null : null,
      representativeRelationship: child ? $('rep-relationship').value.trim() || null : null,
      representativeProof: child ? $('rep-proof').value.trim() || null : null,
      kinds: checked('input[name="kind"]'),
      cameras: checked('input[name="camera"]'),
      from: instant('window-from'),
      to: instant('window-to'),
      description: $('description').value.trim() || null,
      reason: $('reason').value.trim() || null,
      urgent: $('urgent').checked,
    };
    try {
      const r = await Vigil.postJson('/api/v1/requests', body);
      Vigil.showMessage('requests-ok', 'ok', t('requests.register.done', {number: r.number, day: r.lastDay}));
      $('register-form').reset();
      $('checked-by').value = user.user;
      $('representative-fields').hidden = true;
      await load();
    } catch (err) {
      Vigil.showMessage('register-error', 'error', problemText(err));
    }
  }

  async function main() {
    user = await Vigil.startPage('requests', ['privacy-manager', 'privacy-officer']);
    if (!user) return;
    $('register-section').hidden = false;
    $('checked-by').value = user.user;
    $('child-under-14').addEventListener('change', () => { $('representative-fields').hidden = !$('child-under-14').checked; });
    $('register-form').addEventListener('submit', register);
    $('review-button').addEventListener('click', () => act('review', {reason: reason()}));
    $('approve-button').addEventListener('click', () => act('approve', {reason: reason()}));
    $('defer-button').addEventListener('click', () => act('defer', {until: $('defer-until').value || null, reason: reason()}));
    $('refuse-button').addEventListener('click', () => act('refuse', {grounds: checked('input[name="ground"]'), text: $('refuse-text').value.trim() || null}));
    $('fulfil-button').addEventListener('click', () => act('fulfil', {note: reason()}));
    $('close-button').addEventListener('click', () => act('close', {reason: reason()}));
    $('existence-button').addEventListener('click', confirmExistence);
    $('erase-button').addEventListener('click', erase);
    $('kiosk-code-button').addEventListener('click', () => act('kiosk-code', {}));
    await Promise.all([fillGrounds(), fillCameras(), load()]);
    const n = new URLSearchParams(location.search).get('n');
    if (n) await openDetail(n);
  }

  main();
})();
