/*
 * The "which cameras, and why" part that every page opening footage or a live wall shares
 * (camera.html's purpose dialog, live.html, sync.html): the purposes in words, the lengths
 * of footage offered, the user's own cameras as boxes, and the check of the purpose typed.
 * The fields are the pages' own #purpose-category, #purpose-text and #camera-choices and
 * their length select; every word comes from the bundles
 * (purpose.<code> through Vigil.purposeLabel, camera.purpose.*, index.empty).
 */
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);

  /** One option per purpose of GET /api/v1/purposes in #purpose-category. */
  function fill(purposes) {
    const select = $('purpose-category');
    for (const p of purposes) select.appendChild(Vigil.el('option', {value: p.code}, Vigil.purposeLabel(p.code, p.label)));
  }

  /** The lengths of footage one purpose may cover, as every purpose form offers them; 15 minutes unless changed. */
  const LENGTHS = [
    {seconds: 300, label: 'camera.purpose.len5'},
    {seconds: 900, label: 'camera.purpose.len15', chosen: true},
    {seconds: 1800, label: 'camera.purpose.len30'},
    {seconds: 3600, label: 'camera.purpose.len60'},
  ];

  /** The lengths as the options of {@code select} (values in seconds). */
  function lengths(select) {
    for (const l of LENGTHS) select.appendChild(Vigil.el('option', {value: l.seconds, selected: l.chosen}, Vigil.t(l.label)));
  }

  /** The end of the footage asked for: {@code from} plus the length chosen in {@code select}, cut at now. */
  function footageEnd(from, select) {
    const to = new Date(from.getTime() + Number(select.value) * 1000);
    return to.getTime() > Date.now() ? new Date(Date.now()) : to;
  }

  /** The cameras the user may view (status-only ones left out) and the purposes, asked together. */
  async function load() {
    const [cameras, purposes] = await Promise.all([Vigil.getJson('/api/v1/cameras'), Vigil.getJson('/api/v1/purposes')]);
    return {cameras: cameras.filter((c) => c.granted !== false), purposes: purposes};
  }

  /** One box per camera in #camera-choices (or that there is none); returns the boxes. */
  function cameraBoxes(cameras, checked) {
    const choices = $('camera-choices');
    if (!cameras.length) choices.appendChild(Vigil.el('p', {className: 'empty'}, Vigil.t('index.empty')));
    return cameras.map((c) => {
      const id = 'cam-' + c.id;
      const box = Vigil.el('input', {type: 'checkbox', id: id, value: c.id, checked: checked});
      choices.appendChild(Vigil.el('label', {for: id}, box, ' ' + (c.name || c.id)));
      return box;
    });
  }

  /** The ids of the ticked cameras, in the order shown. */
  function chosenCameras() {
    return Array.from(document.querySelectorAll('#camera-choices input:checked')).map((i) => i.value);
  }

  /** What was chosen and typed: {purpose, purposeText}, as the API takes them. */
  function value() {
    return {purpose: $('purpose-category').value, purposeText: $('purpose-text').value.trim()};
  }

  /**
   * What is wrong with the purpose, or null: {key: the bundle key saying so, field: the
   * element to fix}. A category must be chosen and the details be 3 to 500 characters.
   */
  function problem() {
    const v = value();
    if (!v.purpose) return {key: 'camera.purpose.errorChoose', field: $('purpose-category')};
    if (v.purposeText.length < 3 || v.purposeText.length > 500) return {key: 'camera.purpose.errorText', field: $('purpose-text')};
    return null;
  }

  window.Vigil.PurposeForm = {fill, lengths, footageEnd, load, cameraBoxes, chosenCameras, value, problem};
})();
