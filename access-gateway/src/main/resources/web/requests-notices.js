/* The written notices of one subject request on requests.html: print (HTML in a new tab) or
   save as PDF, in Korean or English (docs/requests.md, "Notices"); below, every notice issued so
   far with the state and date it was issued, each printable again as issued. */
window.VigilNotices = (function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const t = (k, p) => Vigil.t(k, p);

  /** One line per notice the request has now; onError shows a refusal in the page's words. */
  async function show(r, onError) {
    const list = $('notice-list');
    list.textContent = '';
    let notices;
    try {
      notices = await Vigil.getJson('/api/v1/requests/' + encodeURIComponent(r.number) + '/notices');
    } catch (err) {
      onError(err);
      return;
    }
    $('viewing-at-field').hidden = !notices.some((n) => n.kind === 'viewing' && n.available);
    for (const n of notices.filter((x) => x.available)) {
      const li = Vigil.el('li', {'data-notice': n.kind}, Vigil.el('span', {className: 'notice-name'}, t('requests.notice.' + n.kind)), ' ');
      for (const lang of ['ko', 'en']) {
        li.appendChild(printLink(r, n.kind, lang));
        li.appendChild(document.createTextNode(' '));
        li.appendChild(pdfButton(r, n.kind, lang, onError));
        li.appendChild(document.createTextNode(' '));
      }
      list.appendChild(li);
    }
    await showIssued(r, onError);
  }

  /** The notices issued so far, oldest first: kind, language, the request's state then, date, who; reprint links. */
  async function showIssued(r, onError) {
    const list = $('issued-notice-list');
    let issued;
    try {
      issued = await Vigil.getJson('/api/v1/requests/' + encodeURIComponent(r.number) + '/issued-notices');
    } catch (err) {
      onError(err);
      return;
    }
    list.textContent = '';
    $('issued-notices-empty').hidden = issued.length > 0;
    for (const n of issued) {
      const li = Vigil.el('li', {'data-issued': String(n.id), 'data-notice': n.kind, 'data-lang': n.language},
        Vigil.el('span', {className: 'issued-what'}, t('requests.issued.entry', {notice: t('requests.notice.' + n.kind),
          language: t('language.' + n.language), state: t('requests.state.' + n.state), time: Vigil.fmtDateTime(n.issuedAt), by: n.issuedBy})), ' ');
      if (n.available) {
        const base = '/api/v1/requests/' + encodeURIComponent(r.number) + '/issued-notices/' + n.id + '?format=';
        const again = Vigil.el('a', {href: '#', className: 'notice-reprint', 'aria-label': t('requests.issued.printLabel',
          {notice: t('requests.notice.' + n.kind), time: Vigil.fmtDateTime(n.issuedAt)})}, t('requests.issued.print'));
        again.addEventListener('click', (e) => {
          e.preventDefault();
          window.open(base + 'html', '_blank', 'noopener');
        });
        li.appendChild(again);
        li.appendChild(document.createTextNode(' '));
        li.appendChild(savePdf(base + 'pdf', r.number + '-' + n.kind + '-' + n.language + '-' + n.id + '.pdf', onError,
          t('requests.issued.pdf'), 'notice-reprint-pdf'));
      } else {
        li.appendChild(Vigil.el('span', {className: 'hint'}, t('requests.issued.erased')));
      }
      list.appendChild(li);
    }
  }

  /** A button that fetches a PDF with the page's session and saves it. */
  function savePdf(href, fallbackName, onError, label, className, ariaLabel, after) {
    const b = Vigil.el('button', {type: 'button', className: 'button-secondary ' + className, 'aria-label': ariaLabel || label}, label);
    b.addEventListener('click', async () => {
      try {
        const response = await Vigil.request('GET', href, null, {accept: 'application/pdf'});
        const blob = await response.blob();
        Vigil.saveBlob(blob, Vigil.fileNameFrom(response, fallbackName));
        if (after) await after();
      } catch (err) {
        onError(err);
      }
    });
    return b;
  }

  function printLink(r, kind, lang) {
    const langName = t('language.' + lang);
    const a = Vigil.el('a', {href: '#', className: 'notice-print', 'data-lang': lang,
      'aria-label': t('requests.notices.printLabel', {notice: t('requests.notice.' + kind), language: langName})},
    t('requests.notices.print', {language: langName}));
    a.addEventListener('click', (e) => {
      e.preventDefault();
      window.open(url(r, kind, lang, 'html'), '_blank', 'noopener');
      // the print issues the notice: list it once the user is back on this page
      window.addEventListener('focus', () => showIssued(r, () => {}), {once: true});
    });
    return a;
  }

  function pdfButton(r, kind, lang, onError) {
    const langName = t('language.' + lang);
    const b = savePdf(url(r, kind, lang, 'pdf'), r.number + '-' + kind + '-' + lang + '.pdf', onError,
      t('requests.notices.pdf', {language: langName}), 'notice-pdf',
      t('requests.notices.pdfLabel', {notice: t('requests.notice.' + kind), language: langName}), () => showIssued(r, onError));
    b.setAttribute('data-lang', lang);
    return b;
  }

  /** The viewing notice carries the agreed time typed on the page (site's clock), if any. */
  function url(r, kind, lang, format) {
    const at = kind === 'viewing' && $('viewing-at').value ? '&at=' + encodeURIComponent($('viewing-at').value) : '';
    return '/api/v1/requests/' + encodeURIComponent(r.number) + '/notices/' + kind + '?lang=' + lang + '&format=' + format + at;
  }

  return {show};
})();
