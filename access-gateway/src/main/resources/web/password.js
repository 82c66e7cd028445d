/* Change one's own password; after a reset (one-time password) this page comes first. */
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);

  /** Only a path on this site: no open redirect. */
  function nextPage() {
    const next = new URLSearchParams(location.search).get('next');
    return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
  }

  async function onSubmit(event, forced) {
    event.preventDefault();
    const current = $('current-password').value;
    const next = $('new-password').value;
    const problem = !current ? ['password.errorCurrent', $('current-password')]
      : next.length < 12 ? ['admin.add.errorLength', $('new-password')]
        : next !== $('new-password2').value ? ['admin.add.errorDiffer', $('new-password2')]
          : next === current ? ['password.errorSame', $('new-password')] : null;
    if (problem) {
      Vigil.showMessage('password-error', 'error', Vigil.t(problem[0]));
      problem[1].focus();
      return;
    }
    $('password-submit').disabled = true;
    try {
      await Vigil.postJson('/api/v1/me/password', {currentPassword: current, newPassword: next});
      Vigil.showMessage('password-error', 'error', '');
      Vigil.showMessage('password-ok', 'ok', Vigil.t('password.done'));
      $('password-form').reset();
      if (forced) location.assign(nextPage());
    } catch (err) {
      Vigil.showMessage('password-error', 'error', Vigil.errorText(err));
    } finally {
      $('current-password').value = '';
      $('new-password').value = '';
      $('new-password2').value = '';
      $('password-submit').disabled = false;
    }
  }

  Vigil.startPage('password', null).then((user) => {
    if (!user) return;
    const forced = !!user.mustChangePassword;
    $('password-forced').hidden = !forced;
    $('password-form').addEventListener('submit', (e) => onSubmit(e, forced));
    $('current-password').focus();
  }).catch((err) => {
    if (err.status !== 401) Vigil.showMessage('password-error', 'error', Vigil.errorText(err));
  });
})();
