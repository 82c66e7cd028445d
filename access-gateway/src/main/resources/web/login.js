/* Sign-in page: posts the credentials and says in words why a sign-in failed. */
(function () {
  'use strict';
  const form = document.getElementById('login-form');
  const username = document.getElementById('username');
  const password = document.getElementById('password');
  const submit = document.getElementById('login-submit');

  /** Only a path on this site, never "//elsewhere" or "https://...": no open redirect. */
  function nextPage() {
    const next = new URLSearchParams(location.search).get('next');
    if (next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') && !next.startsWith('/login.html')) {
      return next;
    }
    return '/';
  }

  function waitText(seconds) {
    if (!seconds || seconds <= 0) return Vigil.t('login.wait.while');
    if (seconds < 90) return Vigil.t('login.wait.seconds', {n: seconds});
    return Vigil.t('login.wait.minutes', {n: Math.ceil(seconds / 60)});
  }

  /** Turns a refused sign-in into a sentence the user can act on. */
  function explain(err) {
    if (err.status === 0) return Vigil.t('login.error.network');
    if (err.status === 401) return Vigil.t('login.error.wrong');
    // The gateway throttles per user name and per client address; either may be the one locked.
    if (err.status === 429) return Vigil.t('login.error.locked', {wait: waitText(err.retryAfterSeconds)});
    if (err.status === 403) return Vigil.t('login.error.forbidden', {detail: Vigil.errorText(err)});
    if (err.status === 400) return Vigil.t('login.error.missing');
    return Vigil.t('login.error.other', {detail: Vigil.errorText(err)});
  }

  /** Why the user landed here (signed out for inactivity, session ended), from ?reason=. */
  function showReason() {
    const reason = new URLSearchParams(location.search).get('reason');
    if (reason && Vigil.has('login.reason.' + reason)) {
      Vigil.showMessage('login-notice', 'info', Vigil.t('login.reason.' + reason));
    }
  }

  Vigil.i18n().then(() => {
    document.getElementById('login-language').appendChild(Vigil.languagePicker());
    showReason();
    // autofocus does not reach a field that was hidden while the words loaded
    if (document.activeElement === document.body || !document.activeElement) username.focus();
  }).catch((err) => Vigil.showMessage('login-error', 'error', String(err.message || err)));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    Vigil.showMessage('login-error', 'error', '');
    if (!username.value.trim() || !password.value) {
      Vigil.showMessage('login-error', 'error', Vigil.t('login.error.missing'));
      (username.value.trim() ? password : username).focus();
      return;
    }
    submit.disabled = true;
    try {
      let response;
      try {
        response = await fetch('/api/v1/login', {
          method: 'POST',
          credentials: 'same-origin',
          headers: {'Content-Type': 'application/json', Accept: 'application/json'},
          body: JSON.stringify({username: username.value.trim(), password: password.value}),
        });
      } catch (e) {
        throw new Vigil.ApiError(0, 'network', 'network error');
      }
      if (!response.ok) {
        let code = '', message = '', key, params;
        try {
          const body = await response.json();
          code = body.error || '';
          message = body.message || '';
          key = body.key;
          params = body.params;
        } catch (ignored) { /* no JSON body: the status says enough */ }
        const retry = parseInt(response.headers.get('Retry-After') || '', 10);
        throw new Vigil.ApiError(response.status, code, message, Number.isFinite(retry) ? retry : undefined, key, params);
      }
      password.value = '';
      location.assign(nextPage());
    } catch (err) {
      Vigil.showMessage('login-error', 'error', explain(err));
      password.value = '';
      password.focus();
    } finally {
      submit.disabled = false;
    }
  });
})();
