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
    if (!seconds || seconds <= 0) return 'a while';
    if (seconds < 90) return seconds + ' seconds';
    return Math.ceil(seconds / 60) + ' minutes';
  }

  /** Turns a refused sign-in into a sentence the user can act on. */
  function explain(err) {
    if (err.status === 0) return 'Cannot reach the Vigil server. Check the network connection and try again.';
    if (err.status === 401) return 'Wrong user name or password.';
    if (err.status === 429) {
      // The gateway throttles per user name and per client address; either may be the one locked.
      return 'Too many failed sign-ins: signing in is locked for this account or this computer. Try again in ' +
        waitText(err.retryAfterSeconds) + '.';
    }
    if (err.status === 403) {
      return 'Signing in is not allowed from this network or for this account' +
        (err.message ? ': ' + err.message : '.');
    }
    if (err.status === 400) return err.message || 'Enter both the user name and the password.';
    return 'Sign-in failed: ' + (err.message || ('server answered ' + err.status));
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    Vigil.showMessage('login-error', 'error', '');
    if (!username.value.trim() || !password.value) {
      Vigil.showMessage('login-error', 'error', 'Enter both the user name and the password.');
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
        let code = '', message = '';
        try {
          const body = await response.json();
          code = body.error || '';
          message = body.message || '';
        } catch (ignored) { /* no JSON body: the status says enough */ }
        const retry = parseInt(response.headers.get('Retry-After') || '', 10);
        throw new Vigil.ApiError(response.status, code, message, Number.isFinite(retry) ? retry : undefined);
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
