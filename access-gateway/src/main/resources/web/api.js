/*
 * Vigil web pages: the shared helpers every page loads first.
 *
 * Plain script (no modules, no framework) so it works under the gateway's
 * Content-Security-Policy "default-src 'self'": nothing here is inline, nothing is
 * fetched from anywhere but the gateway, and styles are set through the CSSOM
 * (element.style), which that policy allows, never through style attributes.
 */
(function () {
  'use strict';

  /**
   * An error answer of the gateway ({"error", "message", "key", "params"}) or a network
   * failure. Pages show Vigil.errorText(err): the bundle text of its key in the user's language.
   */
  class ApiError extends Error {
    constructor(status, code, message, retryAfterSeconds, key, params) {
      super(message);
      this.name = 'ApiError';
      this.status = status;
      this.code = code;
      this.retryAfterSeconds = retryAfterSeconds;
      this.key = key || (code ? 'error.' + code : undefined);
      this.params = params || {};
    }
  }

  // ---- Words and clock (see docs/web.md "Korean and English") ----

  /** {language, languages, timeZone, site, messages} from GET /api/v1/i18n, once loaded. */
  let bundle = null;
  let i18nPromise = null;

  /**
   * Loads the bundle of the user's language (cookie, else the site's default) and
   * translates the page: every [data-i18n] element's text, every [data-i18n-attr]
   * attribute, <html lang>. Pages await it (startPage does) before building text.
   */
  function i18n() {
    if (!i18nPromise) {
      i18nPromise = fetch('/api/v1/i18n', {credentials: 'same-origin', headers: {Accept: 'application/json'}})
        .then((r) => {
          if (!r.ok) throw new Error('the server answered ' + r.status + ' for the page texts');
          return r.json();
        })
        .then((b) => {
          bundle = b;
          zoneFormat = null;
          document.documentElement.lang = b.language;
          translate(document);
          return b;
        })
        .finally(() => document.documentElement.setAttribute('data-i18n-ready', ''));
    }
    return i18nPromise;
  }

  /** Whether the bundle has a text for key. */
  function has(key) {
    return !!(bundle && Object.prototype.hasOwnProperty.call(bundle.messages, key));
  }

  /**
   * The text of key in the user's language, {name} placeholders filled from params.
   * A missing key is a bug: it is logged as a console error (the Selenium tests fail on
   * any) and shown as [key].
   */
  function t(key, params) {
    if (!has(key)) {
      console.error('i18n: no text for key "' + key + '"');
      return '[' + key + ']';
    }
    return fill(bundle.messages[key], params);
  }

  function fill(text, params) {
    if (!params) return text;
    return text.replace(/\{([A-Za-z0-9_]+)\}/g, (m, name) =>
      Object.prototype.hasOwnProperty.call(params, name) && params[name] !== undefined && params[name] !== null
        ? String(params[name]) : m);
  }

  /**
   * Translates a page or a built fragment: <x data-i18n="key"> gets the text of key;
   * <x data-i18n-attr="placeholder:key1;aria-label:key2"> gets those attributes.
   */
  function translate(root) {
    const scope = root || document;
    scope.querySelectorAll('[data-i18n]').forEach((n) => {
      n.textContent = t(n.getAttribute('data-i18n'));
    });
    scope.querySelectorAll('[data-i18n-attr]').forEach((n) => {
      for (const pair of n.getAttribute('data-i18n-attr').split(';')) {
        const i = pair.indexOf(':');
        if (i > 0) n.setAttribute(pair.slice(0, i).trim(), t(pair.slice(i + 1).trim()));
      }
    });
    return scope;
  }

  /** What to show for an error: its key's text in the user's language, else its message. */
  function errorText(err) {
    if (err && err.key && has(err.key)) return t(err.key, err.params);
    if (err && err.status === 0) return t('error.network', {detail: err.message || ''});
    return (err && err.message) || t('error.unknown');
  }

  /** The current language ("ko" or "en"). */
  function language() {
    return bundle ? bundle.language : (document.documentElement.lang || 'ko');
  }

  /** Remembers a language choice (cookie, and the account when signed in) and reloads the page in it. */
  async function chooseLanguage(lang) {
    const headers = {'Content-Type': 'application/json', Accept: 'application/json'};
    if (mePromise) {
      try {
        headers['X-CSRF-Token'] = (await mePromise).csrfToken;
      } catch (ignored) { /* not signed in: the cookie alone remembers it */ }
    }
    await fetch('/api/v1/language', {method: 'POST', credentials: 'same-origin', headers: headers,
      body: JSON.stringify({language: lang})});
    location.reload();
  }

  /** A <select> of the languages, labelled, that switches the page's language. */
  function languagePicker() {
    const id = 'language-select';
    const select = el('select', {id: id, className: 'language-select'});
    for (const lang of (bundle ? bundle.languages : ['ko', 'en'])) {
      select.appendChild(el('option', {value: lang, selected: lang === language()}, t('language.' + lang)));
    }
    select.addEventListener('change', () => chooseLanguage(select.value));
    return el('span', {className: 'language-picker'},
      el('label', {for: id, className: 'visually-hidden'}, t('language.label')), select);
  }

  // ---- Theme: light, or dark for the monitoring room; a choice remembered by this browser ----

  const THEME_KEY = 'vigil.theme';

  function storedTheme() {
    try {
      return localStorage.getItem(THEME_KEY);
    } catch (e) {
      return null; // storage refused (private mode): the system preference decides
    }
  }

  function theme() {
    return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
  }

  // Applied as the script loads, before the page is drawn: a dark room never sees a white flash.
  document.documentElement.dataset.theme = storedTheme()
    || (window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');

  /** The header button that switches between the themes; its label names the theme it switches to. */
  function themeToggle() {
    const button = el('button', {type: 'button', id: 'theme-toggle', className: 'button-quiet theme-toggle'});
    const label = () => { button.textContent = t(theme() === 'dark' ? 'theme.toLight' : 'theme.toDark'); };
    button.addEventListener('click', () => {
      const next = theme() === 'dark' ? 'light' : 'dark';
      document.documentElement.dataset.theme = next;
      try {
        localStorage.setItem(THEME_KEY, next);
      } catch (e) {
        // not remembered, still applied to this page
      }
      label();
    });
    label();
    return button;
  }

  let mePromise = null;

  /** Where the user goes to sign in, remembering the page to come back to (and why, when known). */
  /** Set once the page signs itself out: the first reason given is the one the login page shows. */
  let leaving = false;

  function toLogin(reason) {
    // A background refresh sent just before the idle sign-out may come back 401 after it
    // ended the session; it must not turn "left unattended" into "ended".
    if (leaving) return;
    leaving = true;
    const here = location.pathname + location.search;
    const next = here === '/login.html' ? '/' : here;
    location.replace('/login.html?next=' + encodeURIComponent(next) + (reason ? '&reason=' + encodeURIComponent(reason) : ''));
  }

  /**
   * A signed-out page shows nothing it showed before: the page is hidden at once (its
   * scripts may still be finishing a request, so the elements stay) and videos stop,
   * before the browser leaves for the login page.
   */
  function forget() {
    document.querySelectorAll('video').forEach((v) => v.pause());
    document.querySelectorAll('dialog[open]').forEach((d) => d.close());
    document.documentElement.removeAttribute('data-i18n-ready');
    document.body.hidden = true;
  }

  // ---- Idle sign-out (see docs/web.md "Idle sign-out") ----

  const IDLE_WARNING_MS = 60000;
  /**
   * The page signs out this much before the server's deadline. The remaining time is
   * counted from when the request was sent (the server counted from a moment after that),
   * and the margin covers the clock ticks between: on a busy computer a background refresh
   * could otherwise reach the server just after its deadline and the page would say the
   * session "ended" rather than that it was left unattended.
   */
  const IDLE_MARGIN_MS = 2000;
  const idle = {deadline: 0, lastTouch: 0, timer: null, dialog: null, timeoutMs: 0};

  function idleDeadline(sentAt, remainingSeconds) {
    return sentAt + remainingSeconds * 1000 - IDLE_MARGIN_MS;
  }

  /** Tells the server a person is here (a request without the background header) and learns the new deadline. */
  async function touch() {
    const sentAt = Date.now();
    idle.lastTouch = sentAt;
    try {
      const r = await fetch('/api/v1/me', {credentials: 'same-origin', headers: {Accept: 'application/json'}});
      if (r.status === 401) return signOutIdle('ended');
      const body = await r.json();
      idle.deadline = idleDeadline(sentAt, body.idleRemainingSeconds);
    } catch (ignored) {
      // Network trouble: the countdown goes on; the server decides anyway.
    }
  }

  function onActivity() {
    if (idle.dialog && idle.dialog.open) return; // only the dialog's button keeps the session then
    if (Date.now() - idle.lastTouch > Math.min(10000, idle.timeoutMs / 10)) touch();
  }

  function idleDialog() {
    if (!idle.dialog) {
      const stay = el('button', {type: 'button', id: 'idle-stay'}, t('idle.stay'));
      stay.addEventListener('click', async () => {
        await touch();
        idle.dialog.close();
      });
      idle.dialog = el('dialog', {id: 'idle-dialog', 'aria-labelledby': 'idle-heading'},
        el('h2', {id: 'idle-heading'}, t('idle.heading')),
        el('p', {id: 'idle-text', role: 'timer', 'aria-live': 'polite'}),
        el('div', {className: 'actions'}, stay));
      idle.dialog.addEventListener('cancel', (e) => e.preventDefault());
      document.body.appendChild(idle.dialog);
    }
    return idle.dialog;
  }

  async function signOutIdle(reason) {
    clearInterval(idle.timer);
    forget();
    try {
      await request('POST', '/api/v1/logout', {}, {noLoginRedirect: true, keepalive: true});
    } catch (ignored) {
      // already ended on the server
    }
    mePromise = null;
    toLogin(reason);
  }

  function idleTick() {
    const left = idle.deadline - Date.now();
    if (left <= 0) {
      signOutIdle('idle');
      return;
    }
    if (left <= IDLE_WARNING_MS) {
      const d = idleDialog();
      document.getElementById('idle-text').textContent = t('idle.text', {seconds: Math.ceil(left / 1000)});
      if (!d.open) d.showModal();
    } else if (idle.dialog && idle.dialog.open) {
      idle.dialog.close();
    }
  }

  /** Starts the idle watch of a signed-in page: warning a minute before, then sign-out. */
  function watchIdle(user) {
    idle.timeoutMs = user.idleTimeoutSeconds * 1000;
    idle.deadline = idleDeadline(user.fetchedAt || Date.now(), user.idleRemainingSeconds);
    idle.lastTouch = Date.now();
    for (const type of ['keydown', 'mousedown', 'pointerdown', 'wheel', 'touchstart']) {
      document.addEventListener(type, onActivity, {capture: true, passive: true});
    }
    idle.timer = setInterval(idleTick, 1000);
  }

  // A page brought back from the browser's back-forward cache is loaded again, so it asks the server first.
  window.addEventListener('pageshow', (e) => {
    if (e.persisted) location.reload();
  });

  /** The signed-in user {user, role, cameras, csrfToken}; sends to the login page when there is none. */
  function me() {
    if (!mePromise) {
      const sentAt = Date.now();
      mePromise = fetch('/api/v1/me', {credentials: 'same-origin', headers: {Accept: 'application/json'}})
        .then(async (r) => {
          if (r.status === 401) {
            toLogin();
            throw new ApiError(401, 'unauthenticated', 'Not signed in.', undefined, 'error.session.none');
          }
          if (!r.ok) throw await errorFrom(r);
          const body = await r.json();
          body.role = normaliseRole(body.role);
          body.fetchedAt = sentAt; // the idle deadline counts from here (watchIdle)
          return body;
        })
        .catch((e) => {
          mePromise = null;
          throw e;
        });
    }
    return mePromise;
  }

  /** Roles arrive as "security-staff" (config spelling); accept the enum spelling too. */
  function normaliseRole(role) {
    return String(role || '').toLowerCase().replace(/_/g, '-');
  }

  /** A role in words: bundle key role.<role>. */
  function roleLabel(role) {
    const r = normaliseRole(role);
    return has('role.' + r) ? t('role.' + r) : r;
  }

  /** A viewing purpose in words: bundle key purpose.<code>, else the server's label, else the code. */
  function purposeLabel(code, serverLabel) {
    return has('purpose.' + code) ? t('purpose.' + code) : (serverLabel || String(code));
  }

  async function errorFrom(response) {
    let code = 'http-' + response.status;
    let message = '';
    let key;
    let params;
    try {
      const text = await response.text();
      try {
        const body = JSON.parse(text);
        if (body && typeof body === 'object') {
          code = body.error || code;
          message = body.message || '';
          key = body.key;
          params = body.params;
        }
      } catch (ignored) {
        message = text.length < 300 ? text : '';
      }
    } catch (ignored) {
      // body unreadable: fall back to the status text below
    }
    const retry = parseInt(response.headers.get('Retry-After') || '', 10);
    if (!message) message = 'HTTP ' + response.status + ' ' + (response.statusText || '');
    if (!key) {
      key = 'error.http';
      params = {status: response.status};
    }
    return new ApiError(response.status, code, message, Number.isFinite(retry) ? retry : undefined, key, params);
  }

  /**
   * One call to the gateway. Adds the CSRF header to every non-GET request, sends to
   * the login page on 401 (unless told not to), and throws ApiError for every failure,
   * so pages only show err.message.
   */
  async function request(method, path, body, options) {
    const opts = options || {};
    const headers = {Accept: opts.accept || 'application/json'};
    // A page's timed refresh is no sign of a person at the screen: it must not keep the session alive.
    if (opts.background) headers['X-Vigil-Background'] = '1';
    if (body !== undefined && body !== null) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && method !== 'HEAD') {
      const user = await me();
      headers['X-CSRF-Token'] = user.csrfToken;
    }
    let response;
    try {
      response = await fetch(path, {
        method: method,
        headers: headers,
        credentials: 'same-origin',
        body: body !== undefined && body !== null ? JSON.stringify(body) : undefined,
        keepalive: !!opts.keepalive,
      });
    } catch (e) {
      throw new ApiError(0, 'network', 'Cannot reach the Vigil server (' + (e && e.message ? e.message : 'network error') + ').',
        undefined, 'error.network', {detail: e && e.message ? e.message : ''});
    }
    if (response.status === 401 && !opts.noLoginRedirect) {
      forget();
      toLogin('ended');
      throw new ApiError(401, 'unauthenticated', 'Your session has ended; please sign in again.', undefined, 'error.session.ended');
    }
    if (!response.ok) throw await errorFrom(response);
    return response;
  }

  /** GET as JSON; options.background for a page's own timed refreshes. */
  async function getJson(path, options) {
    const r = await request('GET', path, undefined, options);
    return r.json();
  }

  async function postJson(path, body) {
    const r = await request('POST', path, body === undefined ? {} : body);
    const text = await r.text();
    return text ? JSON.parse(text) : {};
  }

  /** Builds an element: el('a', {href: '/'}, 'text', child...). Attributes never carry styles or handlers. */
  function el(tag, attrs) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v === undefined || v === null || v === false) continue;
        if (k === 'className') node.className = v;
        else if (k === 'text') node.textContent = v;
        else node.setAttribute(k, v === true ? '' : String(v));
      }
    }
    for (let i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  function append(node, child) {
    if (child === undefined || child === null || child === false) return;
    if (Array.isArray(child)) child.forEach((c) => append(node, c));
    else if (child instanceof Node) node.appendChild(child);
    else node.appendChild(document.createTextNode(String(child)));
  }

  function pad(n) {
    return String(n).padStart(2, '0');
  }

  let zoneFormat = null;

  /** The parts of an instant on the site's clock (time zone from the config, 24-hour). */
  function zoned(value) {
    const d = value instanceof Date ? value : new Date(value);
    if (!zoneFormat) {
      zoneFormat = new Intl.DateTimeFormat('en-US', {
        timeZone: bundle ? bundle.timeZone : undefined, hourCycle: 'h23',
        year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
      });
    }
    const p = {};
    for (const part of zoneFormat.formatToParts(d)) p[part.type] = part.value;
    return {y: Number(p.year), mo: Number(p.month), d: Number(p.day), h: Number(p.hour) % 24, mi: Number(p.minute), s: Number(p.second)};
  }

  /** The instant at a wall-clock time of the site's time zone (month 1-12). */
  function zonedTime(y, mo, d, h, mi, s) {
    const wanted = Date.UTC(y, mo - 1, d, h || 0, mi || 0, s || 0);
    let guess = wanted;
    for (let i = 0; i < 3; i++) {
      const p = zoned(new Date(guess));
      const shown = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s);
      if (shown === wanted) break;
      guess += wanted - shown;
    }
    return new Date(guess);
  }

  /** "2026-11-25 14:03:07" on the site's clock: one 24-hour format everywhere, sortable for auditors. */
  function fmtDateTime(value) {
    if (value === undefined || value === null || value === '') return '';
    const d = value instanceof Date ? value : new Date(value);
    if (isNaN(d.getTime())) return String(value);
    return isoDay(d) + ' ' + fmtTime(d);
  }

  /** "14:03:07" on the site's clock. */
  function fmtTime(value) {
    const d = value instanceof Date ? value : new Date(value);
    if (isNaN(d.getTime())) return '';
    const p = zoned(d);
    return pad(p.h) + ':' + pad(p.mi) + ':' + pad(p.s);
  }

  /** "2026-11-25": the site's calendar day of an instant, the format of <input type=date>. */
  function isoDay(d) {
    const p = zoned(d);
    return p.y + '-' + pad(p.mo) + '-' + pad(p.d);
  }

  /** Midnight of a "YYYY-MM-DD" day in the site's time zone. */
  function dayStart(isoDate) {
    const [y, m, dd] = isoDate.split('-').map(Number);
    return zonedTime(y, m, dd, 0, 0, 0);
  }

  /** The day n days after a "YYYY-MM-DD" day. */
  function addDays(isoDate, n) {
    const [y, m, dd] = isoDate.split('-').map(Number);
    const d = new Date(Date.UTC(y, m - 1, dd + n));
    return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate());
  }

  /** A time of day "HH:mm[:ss]" on a "YYYY-MM-DD" day of the site, or null when it is not a time. */
  function atTime(isoDate, hhmmss) {
    const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(String(hhmmss || '').trim());
    if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3] || 0) > 59) return null;
    const [y, mo, d] = isoDate.split('-').map(Number);
    return zonedTime(y, mo, d, Number(m[1]), Number(m[2]), Number(m[3] || 0));
  }

  /** An <input type=datetime-local> value ("2026-11-20T08:00[:00]") on the site's clock, or null. */
  function fromLocalInput(value) {
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(String(value || ''));
    if (!m) return null;
    return zonedTime(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] || 0));
  }

  /** "12 s ago", "5 min ago": how fresh a camera's last frame is. */
  function fmtAgo(value, now) {
    if (!value) return t('time.never');
    const v = new Date(value).getTime();
    if (isNaN(v)) return String(value);
    const s = Math.max(0, Math.round(((now || Date.now()) - v) / 1000));
    if (s < 60) return t('time.ago.seconds', {n: s});
    if (s < 3600) return t('time.ago.minutes', {n: Math.floor(s / 60)});
    if (s < 86400) return t('time.ago.hours', {n: Math.floor(s / 3600)});
    return t('time.ago.days', {n: Math.floor(s / 86400)});
  }

  /** Shows a message in a page's status area; kind is "error", "ok" or "info". */
  function showMessage(target, kind, text) {
    const box = typeof target === 'string' ? document.getElementById(target) : target;
    if (!box) return;
    box.textContent = text || '';
    box.className = 'message' + (text ? ' message-' + kind : '');
    box.hidden = !text;
  }

  /** The header's pages; label is a bundle key. Later pages add themselves here. */
  const NAV = [
    {href: '/', label: 'nav.cameras', page: 'index', roles: null},
    {href: '/live.html', label: 'nav.live', page: 'live', roles: ['security-staff', 'privacy-manager', 'administrator']},
    {href: '/sync.html', label: 'nav.sync', page: 'sync', roles: ['security-staff', 'privacy-manager', 'administrator']},
    {href: '/exports.html', label: 'nav.exports', page: 'exports', roles: null},
    {href: '/ledger.html', label: 'nav.ledger', page: 'ledger', roles: ['privacy-officer', 'privacy-manager', 'administrator']},
    {href: '/holds.html', label: 'nav.holds', page: 'holds', roles: ['privacy-officer', 'privacy-manager']},
    {href: '/requests.html', label: 'nav.requests', page: 'requests', roles: ['privacy-officer', 'privacy-manager']},
    {href: '/kiosk.html', label: 'nav.kiosk', page: 'kiosk', roles: ['privacy-manager']},
    {href: '/admin.html', label: 'nav.admin', page: 'admin', roles: ['administrator']},
    {href: '/approvals.html', label: 'nav.approvals', page: 'approvals', roles: ['privacy-officer', 'administrator']},
  ];

  /** Fills <header id="app-header"> with the site name, navigation, the user's name and role, and logout. */
  function renderHeader(user, currentPage) {
    const header = document.getElementById('app-header');
    if (!header) return;
    header.textContent = '';
    const nav = el('nav', {'aria-label': t('nav.main')});
    const list = el('ul');
    for (const item of NAV) {
      if (item.roles && !item.roles.includes(user.role)) continue;
      const link = el('a', {href: item.href, 'aria-current': item.page === currentPage ? 'page' : null}, t(item.label));
      list.appendChild(el('li', null, link));
    }
    nav.appendChild(list);
    const logout = el('button', {type: 'button', id: 'logout', className: 'button-quiet'}, t('nav.signout'));
    logout.addEventListener('click', logoutNow);
    header.appendChild(el('a', {href: '/', className: 'brand'}, t('app.name')));
    header.appendChild(nav);
    header.appendChild(el('div', {className: 'who'},
      el('span', {id: 'user-name', className: 'user-name'}, user.user),
      el('span', {id: 'user-role', className: 'user-role'}, roleLabel(user.role)),
      el('a', {href: '/password.html', id: 'password-link', 'aria-current': currentPage === 'password' ? 'page' : null}, t('nav.password')),
      languagePicker(),
      themeToggle(),
      logout));
  }

  async function logoutNow() {
    try {
      await request('POST', '/api/v1/logout', {}, {noLoginRedirect: true});
    } catch (e) {
      // Signing out of an already-ended session is still signing out.
    }
    mePromise = null;
    forget();
    location.replace('/login.html');
  }

  /**
   * What every signed-in page does first: who is this, draw the header, and refuse
   * politely when the role may not use the page (the server refuses the data anyway).
   */
  async function startPage(currentPage, allowedRoles) {
    await i18n();
    const user = await me();
    if (user.mustChangePassword && currentPage !== 'password') {
      // Signed in with a one-time password: nothing else until the user has chosen their own.
      location.assign('/password.html?next=' + encodeURIComponent(location.pathname + location.search));
      return new Promise(() => {});
    }
    renderHeader(user, currentPage);
    watchIdle(user);
    if (allowedRoles && !allowedRoles.includes(user.role)) {
      const main = document.querySelector('main');
      if (main) {
        main.textContent = '';
        main.appendChild(el('h1', null, t('page.forbidden.title')));
        main.appendChild(el('p', {className: 'message message-error'},
          t('page.forbidden.text', {roles: allowedRoles.map(roleLabel).join(', '), role: roleLabel(user.role)})));
      }
      return null;
    }
    return user;
  }

  /** The file name from a Content-Disposition header, or the fallback. */
  function fileNameFrom(response, fallback) {
    const cd = response.headers.get('Content-Disposition') || '';
    const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
    if (star) return decodeURIComponent(star[1]);
    const plain = /filename="?([^";]+)"?/i.exec(cd);
    return plain ? plain[1] : fallback;
  }

  /** Offers a Blob as a download to the browser. */
  function saveBlob(blob, name) {
    const url = URL.createObjectURL(blob);
    const a = el('a', {href: url, download: name, className: 'visually-hidden'}, name);
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  window.Vigil = {
    ApiError, me, request, getJson, postJson, el, fmtDateTime, fmtTime, fmtAgo, isoDay, dayStart, addDays, atTime, fromLocalInput,
    zoned, zonedTime, showMessage, renderHeader, startPage, roleLabel, purposeLabel, normaliseRole, toLogin, fileNameFrom, saveBlob,
    i18n, t, has, translate, errorText, language, chooseLanguage, languagePicker, theme, NAV, activity: onActivity, forget,
  };
})();
