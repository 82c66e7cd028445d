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

  /** An error answer of the gateway ({"error", "message"}) or a network failure, in words. */
  class ApiError extends Error {
    constructor(status, code, message, retryAfterSeconds) {
      super(message);
      this.name = 'ApiError';
      this.status = status;
      this.code = code;
      this.retryAfterSeconds = retryAfterSeconds;
    }
  }

  let mePromise = null;

  /** Where the user goes to sign in, remembering the page to come back to. */
  function toLogin() {
    const here = location.pathname + location.search;
    const next = here === '/login.html' ? '/' : here;
    location.assign('/login.html?next=' + encodeURIComponent(next));
  }

  /** The signed-in user {user, role, cameras, csrfToken}; sends to the login page when there is none. */
  function me() {
    if (!mePromise) {
      mePromise = fetch('/api/v1/me', {credentials: 'same-origin', headers: {Accept: 'application/json'}})
        .then(async (r) => {
          if (r.status === 401) {
            toLogin();
            throw new ApiError(401, 'unauthenticated', 'Not signed in.');
          }
          if (!r.ok) throw await errorFrom(r);
          const body = await r.json();
          body.role = normaliseRole(body.role);
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

  const ROLE_LABELS = {
    'security-staff': 'Security staff',
    'privacy-manager': 'Privacy manager',
    'privacy-officer': 'Privacy officer',
    'administrator': 'Administrator',
  };

  function roleLabel(role) {
    const r = normaliseRole(role);
    return ROLE_LABELS[r] || r;
  }

  async function errorFrom(response) {
    let code = 'http-' + response.status;
    let message = '';
    try {
      const text = await response.text();
      try {
        const body = JSON.parse(text);
        if (body && typeof body === 'object') {
          code = body.error || code;
          message = body.message || '';
        }
      } catch (ignored) {
        message = text.length < 300 ? text : '';
      }
    } catch (ignored) {
      // body unreadable: fall back to the status text below
    }
    const retry = parseInt(response.headers.get('Retry-After') || '', 10);
    if (!message) message = 'The server answered ' + response.status + ' ' + (response.statusText || '') + '.';
    return new ApiError(response.status, code, message, Number.isFinite(retry) ? retry : undefined);
  }

  /**
   * One call to the gateway. Adds the CSRF header to every non-GET request, sends to
   * the login page on 401 (unless told not to), and throws ApiError for every failure,
   * so pages only show err.message.
   */
  async function request(method, path, body, options) {
    const opts = options || {};
    const headers = {Accept: opts.accept || 'application/json'};
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
      throw new ApiError(0, 'network', 'Cannot reach the Vigil server (' + (e && e.message ? e.message : 'network error') + ').');
    }
    if (response.status === 401 && !opts.noLoginRedirect) {
      toLogin();
      throw new ApiError(401, 'unauthenticated', 'Your session has ended; please sign in again.');
    }
    if (!response.ok) throw await errorFrom(response);
    return response;
  }

  async function getJson(path) {
    const r = await request('GET', path);
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

  /** Local date and time, "2026-11-25 14:03:07": unambiguous and sortable for staff and auditors. */
  function fmtDateTime(value) {
    if (value === undefined || value === null || value === '') return '';
    const d = value instanceof Date ? value : new Date(value);
    if (isNaN(d.getTime())) return String(value);
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + fmtTime(d);
  }

  function fmtTime(value) {
    const d = value instanceof Date ? value : new Date(value);
    if (isNaN(d.getTime())) return '';
    return pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  }

  /** "2026-11-25" of a Date in local time, the format of <input type=date>. */
  function isoDay(d) {
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());
  }

  /** Local midnight of a "YYYY-MM-DD" string. */
  function dayStart(isoDate) {
    const [y, m, dd] = isoDate.split('-').map(Number);
    return new Date(y, m - 1, dd, 0, 0, 0, 0);
  }

  /** "12 s ago", "5 min ago": how fresh a camera's last frame is. */
  function fmtAgo(value, now) {
    if (!value) return 'never';
    const t = new Date(value).getTime();
    if (isNaN(t)) return String(value);
    const s = Math.max(0, Math.round(((now || Date.now()) - t) / 1000));
    if (s < 60) return s + ' s ago';
    if (s < 3600) return Math.floor(s / 60) + ' min ago';
    if (s < 86400) return Math.floor(s / 3600) + ' h ago';
    return Math.floor(s / 86400) + ' d ago';
  }

  /** Shows a message in a page's status area; kind is "error", "ok" or "info". */
  function showMessage(target, kind, text) {
    const box = typeof target === 'string' ? document.getElementById(target) : target;
    if (!box) return;
    box.textContent = text || '';
    box.className = 'message' + (text ? ' message-' + kind : '');
    box.hidden = !text;
  }

  const NAV = [
    {href: '/', label: 'Cameras', page: 'index', roles: null},
    {href: '/ledger.html', label: 'Ledger', page: 'ledger', roles: ['privacy-officer', 'privacy-manager', 'administrator']},
    {href: '/holds.html', label: 'Legal holds', page: 'holds', roles: ['privacy-officer', 'privacy-manager']},
    {href: '/admin.html', label: 'Users', page: 'admin', roles: ['administrator']},
  ];

  /** Fills <header id="app-header"> with the site name, navigation, the user's name and role, and logout. */
  function renderHeader(user, currentPage) {
    const header = document.getElementById('app-header');
    if (!header) return;
    header.textContent = '';
    const nav = el('nav', {'aria-label': 'Main'});
    const list = el('ul');
    for (const item of NAV) {
      if (item.roles && !item.roles.includes(user.role)) continue;
      const link = el('a', {href: item.href, 'aria-current': item.page === currentPage ? 'page' : null}, item.label);
      list.appendChild(el('li', null, link));
    }
    nav.appendChild(list);
    const logout = el('button', {type: 'button', id: 'logout', className: 'button-quiet'}, 'Sign out');
    logout.addEventListener('click', logoutNow);
    header.appendChild(el('a', {href: '/', className: 'brand'}, 'Vigil'));
    header.appendChild(nav);
    header.appendChild(el('div', {className: 'who'},
      el('span', {id: 'user-name', className: 'user-name'}, user.user),
      el('span', {id: 'user-role', className: 'user-role'}, roleLabel(user.role)),
      logout));
  }

  async function logoutNow() {
    try {
      await request('POST', '/api/v1/logout', {}, {noLoginRedirect: true});
    } catch (e) {
      // Signing out of an already-ended session is still signing out.
    }
    mePromise = null;
    location.assign('/login.html');
  }

  /**
   * What every signed-in page does first: who is this, draw the header, and refuse
   * politely when the role may not use the page (the server refuses the data anyway).
   */
  async function startPage(currentPage, allowedRoles) {
    const user = await me();
    renderHeader(user, currentPage);
    if (allowedRoles && !allowedRoles.includes(user.role)) {
      const main = document.querySelector('main');
      if (main) {
        main.textContent = '';
        main.appendChild(el('h1', null, 'Not available for your role'));
        main.appendChild(el('p', {className: 'message message-error'},
          'This page is for ' + allowedRoles.map(roleLabel).join(', ') + '. You are signed in as ' + roleLabel(user.role) + '.'));
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
    ApiError, me, request, getJson, postJson, el, fmtDateTime, fmtTime, fmtAgo, isoDay, dayStart,
    showMessage, renderHeader, startPage, roleLabel, normaliseRole, toLogin, fileNameFrom, saveBlob,
  };
})();
