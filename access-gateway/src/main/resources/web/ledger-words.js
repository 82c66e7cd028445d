/*
 * The officer's ledger in words: one sentence per row (a viewing, a live session, a single
 * entry) and each entry as labelled fields. Every word comes from the bundles
 * (ledger.say.*, ledger.type.*, ledger.field.*, ledger.detail.*).
 */
(function () {
  'use strict';

  /** The action's name in the reader's language; an unknown code shows as itself. */
  function typeLabel(code) {
    return Vigil.has('ledger.type.' + code) ? Vigil.t('ledger.type.' + code) : code;
  }

  /** "crime-prevention: wallet reported stolen" -> {category: label of the code, text: what was typed}. */
  function splitPurpose(purpose, labels) {
    if (!purpose) return {category: '', text: ''};
    const i = purpose.indexOf(':');
    const code = (i < 0 ? purpose : purpose.slice(0, i)).trim();
    const text = i < 0 ? '' : purpose.slice(i + 1).trim();
    const category = labels[code] || Vigil.purposeLabel(code);
    return {category: category, text: text || category};
  }

  /** A footage range; the end's day is left out when it is the start's day. */
  function range(from, to) {
    if (!from) return '';
    if (!to) return Vigil.fmtDateTime(from);
    const a = Vigil.fmtDateTime(from);
    const b = Vigil.fmtDateTime(to);
    const end = a.slice(0, 10) === b.slice(0, 10) ? Vigil.fmtTime(to) : b;
    return Vigil.t('ledger.say.range', {from: a, to: end});
  }

  function cameraText(row) {
    const names = row.cameraNames && row.cameraNames.length ? row.cameraNames : (row.cameras || []);
    return names.join(', ');
  }

  function viewingSentence(row, labels) {
    const parts = [Vigil.t('ledger.say.viewing', {actor: row.actor, cameras: cameraText(row),
      footage: range(row.footageFrom, row.footageTo), purpose: splitPurpose(row.purpose, labels).text})];
    if (!row.started) parts.push(Vigil.t('ledger.say.notPlayed'));
    else if (!row.ended) parts.push(Vigil.t('ledger.say.stillOpen', {start: Vigil.fmtDateTime(row.started)}));
    else parts.push(Vigil.t('ledger.say.played', {start: Vigil.fmtDateTime(row.started), end: Vigil.fmtTime(row.ended)}));
    if (row.exports > 0 && row.recipients && row.recipients.length) {
      parts.push(Vigil.t('ledger.say.exportedFor', {count: row.exports, recipients: row.recipients.join(', ')}));
    } else if (row.exports > 0) {
      parts.push(Vigil.t('ledger.say.exported', {count: row.exports}));
    }
    return parts.join(' ');
  }

  function liveSentence(row, labels) {
    const parts = [Vigil.t('ledger.say.live', {actor: row.actor, cameras: cameraText(row), purpose: splitPurpose(row.purpose, labels).text})];
    if (!row.ended) parts.push(Vigil.t('ledger.say.stillOpen', {start: Vigil.fmtDateTime(row.started || row.time)}));
    else parts.push(Vigil.t('ledger.say.played', {start: Vigil.fmtDateTime(row.started || row.time), end: Vigil.fmtTime(row.ended)}));
    return parts.join(' ');
  }

  function entrySentence(row) {
    const action = typeLabel(row.type);
    const request = row.entries && row.entries[0] && row.entries[0].details ? row.entries[0].details.request : null;
    if (request) {
      return Vigil.t('ledger.say.entryRequest', {actor: row.actor, action: action, request: request, cameras: cameraText(row),
        footage: range(row.footageFrom, row.footageTo)});
    }
    if (row.cameras && row.cameras.length && row.footageFrom) {
      return Vigil.t('ledger.say.entryFootage', {actor: row.actor, action: action, cameras: cameraText(row),
        footage: range(row.footageFrom, row.footageTo)});
    }
    return Vigil.t('ledger.say.entry', {actor: row.actor, action: action});
  }

  /** The row in one or a few sentences. */
  function sentence(row, labels) {
    if (row.kind === 'viewing') return viewingSentence(row, labels);
    if (row.kind === 'live') return liveSentence(row, labels);
    return entrySentence(row);
  }

  function detailValue(value) {
    return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
  }

  /** One entry as a definition list: every field that has a value, with its label. */
  function fields(e, labels) {
    const dl = Vigil.el('dl', {className: 'fields'});
    const add = (key, value, cls) => {
      if (value === undefined || value === null || value === '') return;
      dl.appendChild(Vigil.el('dt', null, Vigil.t(key)));
      dl.appendChild(Vigil.el('dd', {className: cls || null}, value));
    };
    const purpose = splitPurpose(e.purpose, labels);
    add('ledger.field.time', Vigil.fmtDateTime(e.time), 'field-time');
    add('ledger.field.type', typeLabel(e.type) + ' (' + e.type + ')', 'field-type');
    add('ledger.field.actor', e.actor, 'field-actor');
    add('ledger.field.cameras', (e.cameras || []).join(', '), 'field-cameras');
    add('ledger.field.footageFrom', e.footageFrom ? Vigil.fmtDateTime(e.footageFrom) : '', 'field-footage-from');
    add('ledger.field.footageTo', e.footageTo ? Vigil.fmtDateTime(e.footageTo) : '', 'field-footage-to');
    add('ledger.field.purposeCategory', e.purpose ? purpose.category : '', 'field-purpose-category');
    add('ledger.field.purpose', e.purpose ? purpose.text : '', 'field-purpose');
    add('ledger.field.recipient', e.recipient, 'field-recipient');
    add('ledger.field.legalBasis', e.legalBasis, 'field-legal-basis');
    add('ledger.field.form', e.form, 'field-form');
    add('ledger.field.period', e.period, 'field-period');
    for (const [k, v] of Object.entries(e.details || {})) {
      const label = Vigil.has('ledger.detail.' + k) ? Vigil.t('ledger.detail.' + k) : k;
      dl.appendChild(Vigil.el('dt', null, label));
      dl.appendChild(Vigil.el('dd', {className: 'field-detail', 'data-detail': k}, detailValue(v)));
    }
    return dl;
  }

  window.LedgerWords = {sentence: sentence, fields: fields, typeLabel: typeLabel, range: range, cameraText: cameraText};
})();
