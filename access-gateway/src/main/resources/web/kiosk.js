/*
 * The kiosk (issue 11): the staff member present signs in and opens the viewing with the
 * request number and the subject's one-time code; the page then plays the MASKED copies
 * released for the request only, watermarked with the request number, with no download,
 * picture-in-picture, remote playback or context menu, and hides the staff's navigation.
 */
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const t = (k, p) => Vigil.t(k, p);
  let viewing = null;
  let lastTouch = 0;

  function play(video) {
    const v = $('kiosk-video');
    v.src = video.video;
    v.setAttribute('data-camera', video.camera);
    document.querySelectorAll('#kiosk-cameras button').forEach((b) => b.setAttribute('aria-pressed', String(b.value === video.camera)));
    v.play().catch(() => { /* the subject presses play */ });
  }

  async function open(e) {
    e.preventDefault();
    Vigil.showMessage('kiosk-error', 'error', '');
    try {
      viewing = await Vigil.postJson('/api/v1/kiosk/open', {number: $('kiosk-number').value.trim(), code: $('kiosk-code').value.trim()});
    } catch (err) {
      $('kiosk-code').value = '';
      Vigil.showMessage('kiosk-error', 'error', Vigil.errorText(err));
      return;
    }
    $('kiosk-code').value = '';
    $('kiosk-form').hidden = true;
    $('kiosk-ended').hidden = true;
    document.body.classList.add('kiosk-viewing');
    $('kiosk-viewing-heading').textContent = t('kiosk.viewingHeading', {number: viewing.number,
      from: Vigil.fmtDateTime(viewing.from), to: Vigil.fmtDateTime(viewing.to)});
    $('kiosk-watermark').textContent = t('kiosk.watermark', {number: viewing.number});
    const cams = $('kiosk-cameras');
    cams.textContent = '';
    if (viewing.videos.length > 1) {
      for (const v of viewing.videos) {
        const b = Vigil.el('button', {type: 'button', className: 'button-secondary', value: v.camera}, t('kiosk.camera', {camera: v.camera}));
        b.addEventListener('click', () => play(v));
        cams.appendChild(b);
      }
    }
    $('kiosk-viewing').hidden = false;
    play(viewing.videos[0]);
  }

  async function end() {
    if (!viewing) return;
    const v = $('kiosk-video');
    v.pause();
    v.removeAttribute('src');
    v.load();
    try {
      await Vigil.postJson('/api/v1/kiosk/viewings/' + encodeURIComponent(viewing.viewing) + '/end', {});
    } catch (err) {
      Vigil.showMessage('kiosk-error', 'error', Vigil.errorText(err));
    }
    Vigil.showMessage('kiosk-ended', 'info', t('kiosk.ended', {number: viewing.number}));
    viewing = null;
    document.body.classList.remove('kiosk-viewing');
    $('kiosk-viewing').hidden = true;
    $('kiosk-form').hidden = false;
  }

  function lockDown() {
    const stage = $('kiosk-stage');
    stage.addEventListener('contextmenu', (e) => e.preventDefault());
    stage.addEventListener('dragstart', (e) => e.preventDefault());
    const v = $('kiosk-video');
    v.disablePictureInPicture = true;
    // Watching is activity: the staff member's session must not end in the middle of the viewing.
    v.addEventListener('timeupdate', () => {
      if (Date.now() - lastTouch > 30000) {
        lastTouch = Date.now();
        Vigil.activity();
      }
    });
  }

  Vigil.startPage('kiosk', ['privacy-manager']).then((user) => {
    if (!user) return;
    lockDown();
    const n = new URLSearchParams(location.search).get('n');
    if (n) $('kiosk-number').value = n;
    $('kiosk-form').addEventListener('submit', open);
    $('kiosk-end').addEventListener('click', end);
  }).catch((err) => {
    if (err.status !== 401) Vigil.showMessage('kiosk-error', 'error', Vigil.errorText(err));
  });
})();
