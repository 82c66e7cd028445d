/* The written notices of one subject request on requests.html: print (HTML in a new tab) or
   save as PDF, in Korean or English (docs/requests.md, "Notices"). */
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
  }

  function printLink(r, kind, lang) {
    const langName = t('language.' + lang);
    const a = Vigil.el('a', {href: '#', className: 'notice-print', 'data-lang': lang,
      'aria-label': t('requests.notices.printLabel', {notice: t('requests.notice.' + kind), language: langName})},
    t('requests.notices.print', {language: langName}));
    a.addEventListener('click', (e) => {
      e.preventDefault();
      window.open(url(r, kind, lang, 'html'), '_blank', 'noopener');
    });
    return a;
  }

  function pdfButton(r, kind, lang, onError) {
    const langName = t('language.' + lang);
    const b = Vigil.el('button', {type: 'button', className: 'button-secondary notice-pdf', 'data-lang': lang,
      'aria-label': t('requests.notices.pdfLabel', {notice: t('requests.notice.' + kind), language: langName})},
    t('requests.notices.pdf', {language: langName}));
    b.addEventListener('click', async () => {
      try {
        const response = await Vigil.request('GET', url(r, kind, lang, 'pdf'), null, {accept: 'application/pdf'});
        const blob = await response.blob();
        Vigil.saveBlob(blob, Vigil.fileNameFrom(response, r.number + '-' + kind + '-' + lang + '.pdf'));
      } catch (err) {
        onError(err);
      }
    });
    return b;
  }

  /** The viewing notice carries the agreed time typed on the page (site's clock), if any. */
  function url(r, kind, lang, format) {
    const at = kind === 'viewing' && $('viewing-at').value ? '&at=' + encodeURIComponent($('viewing-at').value) : '';
    return '/api/v1/requests/' + encodeURIComponent(r.number) + '/notices/' + kind + '?lang=' + lang + '&format=' + format + at;
  }

  return {show};
})();
