/* Two-person camera grant, second person: a privacy officer approves or rejects what an administrator proposed. */
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  let me = null;

  function button(u, action, key) {
    const b = Vigil.el('button', {type: 'button', className: action === 'approve' ? 'button-small' : 'button-secondary button-small',
      'data-action': action, 'data-user': u.username}, Vigil.t(key));
    b.addEventListener('click', () => decide(u, action));
    return b;
  }

  async function decide(u, action) {
    try {
      await Vigil.postJson('/api/v1/users/' + encodeURIComponent(u.username) + '/cameras/' + action, {});
      Vigil.showMessage('approvals-error', 'error', '');
      Vigil.showMessage('approvals-ok', 'ok', Vigil.t(action === 'approve' ? 'approvals.done.approved' : 'approvals.done.rejected',
        {user: u.username, cameras: u.proposal.cameras.join(', ')}));
      await load();
    } catch (err) {
      Vigil.showMessage('approvals-error', 'error', Vigil.errorText(err));
    }
  }

  async function load() {
    const rows = $('approvals-rows');
    const list = await Vigil.getJson('/api/v1/camera-proposals');
    rows.textContent = '';
    for (const u of list) {
      const actions = me.role === 'privacy-officer'
        ? [button(u, 'approve', 'approvals.approve'), button(u, 'reject', 'approvals.reject')]
        : [button(u, 'reject', 'approvals.withdraw')];
      rows.appendChild(Vigil.el('tr', {'data-user': u.username},
        Vigil.el('td', null, u.username),
        Vigil.el('td', null, Vigil.roleLabel(u.role)),
        Vigil.el('td', null, u.cameras.length ? u.cameras.join(', ') : Vigil.t('admin.users.none')),
        Vigil.el('td', {className: 'proposed'}, u.proposal.cameras.join(', ')),
        Vigil.el('td', null, Vigil.t('approvals.byAt', {by: u.proposal.proposedBy, time: Vigil.fmtDateTime(u.proposal.proposedAt)})),
        Vigil.el('td', {className: 'row-actions'}, actions)));
    }
    if (!list.length) rows.appendChild(Vigil.el('tr', null, Vigil.el('td', {colspan: 6, className: 'empty'}, Vigil.t('approvals.empty'))));
  }

  Vigil.startPage('approvals', ['privacy-officer', 'administrator']).then((user) => {
    me = user;
    if (user) return load();
    return null;
  }).catch((err) => {
    if (err.status !== 401) Vigil.showMessage('approvals-error', 'error', Vigil.errorText(err));
  });
})();
