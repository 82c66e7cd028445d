/*
 * What the parts of the masking review (issue 13) share: the request and camera under review,
 * the frame shown and the box being drawn, the marks and edits being made, the job's last
 * status and the requester's tracked path; the window's time arithmetic (seconds in the
 * window, 25 frames a second) and the page's error line.
 */
window.VigilReview = (function () {
  'use strict';
  const state = {request: null, camera: null, frame: null, drawn: null, marks: [], regions: [], unmasked: new Set(),
    spans: [], status: null, polling: null, releasedSha: null, path: null};

  function base() {
    return '/api/v1/requests/' + encodeURIComponent(state.request.number) + '/masking/' + encodeURIComponent(state.camera);
  }

  function windowSeconds() {
    return (new Date(state.request.to) - new Date(state.request.from)) / 1000;
  }

  function offsetOf(iso) {
    return Math.round((new Date(iso) - new Date(state.request.from)) / 40) / 25;
  }

  function instantAt(seconds) {
    return new Date(new Date(state.request.from).getTime() + Math.round(seconds * 1000)).toISOString();
  }

  function showError(err) {
    Vigil.showMessage('review-error', 'error', err ? Vigil.errorText(err) : '');
  }

  function boxText(b) {
    return b.w + '×' + b.h + ' @ ' + b.x + ',' + b.y;
  }

  const $ = (id) => document.getElementById(id);
  const t = (k, p) => Vigil.t(k, p);

  return {$: $, t: t, state: state, base: base, windowSeconds: windowSeconds, offsetOf: offsetOf, instantAt: instantAt, showError: showError,
    boxText: boxText};
})();
