/*
 * The activity line inside the player's timeline (issue 12): how much the camera's picture
 * changed, measured at ingest from keyframes, drawn as bars rising from the bottom of the
 * track at every zoom (the gateway gives each bucket's peak for the window shown). A click
 * on a bar plays from the keyframe that made its peak; ] and [ jump to the next and the
 * previous peak of the whole viewing. Read only through the viewing grant (activity is
 * footage); the page never asks outside the granted range.
 *
 * Plain script: playertimeline.js creates one with new Vigil.ActivityLine(load, onData, note).
 */
(function () {
  'use strict';

  /** About one bucket per 3 pixels: fine enough to see a short event, few enough to fetch quickly. */
  const PIXELS_PER_BUCKET = 3;
  /** Buckets over the whole viewing for the jump keys: the gateway's most. */
  const GRANT_BUCKETS = 2000;
  /** A peak for the jump keys: at least this much of the picture changed (thousandths), and more than its neighbours. */
  const PEAK_MIN = 60;
  /** The line of a viewing still being recorded grows: fetched again when older than this. */
  const STALE_MS = 30000;

  class ActivityLine {
    /**
     * @param load (from: Date, to: Date, buckets) -> Promise of the gateway's answer ({max, bucketMillis, buckets: [{from, max, at}]})
     * @param onData called when data for the window shown arrived (the timeline redraws)
     * @param note (text) tells the viewer something (no further peak, the line could not be loaded)
     */
    constructor(load, onData, note) {
      this.load = load;
      this.onData = onData;
      this.note = note;
      this.clear();
    }

    clear() {
      this.view = null;       // {key, max, bucketMillis, buckets, loadedAt}
      this.wanted = null;     // key of the window being fetched
      this.peaks = null;      // [ms] over the whole viewing, in time order
      this.peaksAt = 0;
    }

    /** The window [from, to) of the granted range is shown `width` pixels wide: fetches its line when not at hand. */
    want(from, to, width) {
      from = Math.ceil(from);
      to = Math.floor(to);
      if (to - from < 1000) return; // nothing of the grant worth a request in view (and never a range the grant refuses)
      const buckets = Math.max(1, Math.min(GRANT_BUCKETS, Math.round(width / PIXELS_PER_BUCKET)));
      const key = from + '|' + to + '|' + buckets;
      const fresh = this.view && this.view.key === key && Date.now() - this.view.loadedAt < STALE_MS;
      if (fresh || this.wanted === key) return;
      this.wanted = key;
      this.load(new Date(from), new Date(to), buckets).then((data) => {
        if (this.wanted !== key) return; // the view moved on meanwhile
        this.wanted = null;
        this.view = {key: key, max: data.max, bucketMillis: data.bucketMillis, loadedAt: Date.now(),
          buckets: data.buckets.map((b) => ({from: Date.parse(b.from), max: b.max, at: Date.parse(b.at)}))};
        this.onData();
      }).catch((err) => {
        if (this.wanted !== key) return; // not asked for any more (the view moved, the viewing ended)
        this.wanted = null;
        this.note(Vigil.t('camera.ptl.activity.failed', {detail: Vigil.errorText(err)}));
      });
    }

    /**
     * Draws the bars of [start, end) into `track`; `place(ms)` is a left edge in percent,
     * `share(ms)` a length in percent; `seek(Date)` plays from a moment.
     */
    draw(track, start, end, place, share, seek) {
      if (!this.view) return;
      const layer = Vigil.el('div', {className: 'ptl-activity'});
      for (const b of this.view.buckets) {
        if (b.max <= 0 || b.from + this.view.bucketMillis <= start || b.from >= end) continue;
        const percent = Math.round(100 * b.max / this.view.max);
        const bar = Vigil.el('div', {className: 'activity-bar',
          title: Vigil.t('camera.ptl.activity.bar', {percent: percent, time: Vigil.fmtDateTime(new Date(b.at))})});
        bar.dataset.at = String(b.at);
        bar.dataset.max = String(b.max);
        bar.style.left = place(b.from);
        bar.style.width = 'max(' + share(this.view.bucketMillis) + ', 2px)';
        bar.style.height = Math.max(100 * b.max / this.view.max, 4) + '%';
        bar.addEventListener('click', (e) => {
          e.stopPropagation(); // the track's own click would play from the pointer, not from the peak
          seek(new Date(b.at));
        });
        layer.appendChild(bar);
      }
      track.appendChild(layer);
    }

    /**
     * The peak after (direction 1) or before (-1) `ms` over the whole viewing (grant {from, to}),
     * or null, having told the viewer why there is none.
     */
    async peakFrom(ms, direction, grant) {
      try {
        if (!this.peaks || Date.now() - this.peaksAt > STALE_MS) {
          const data = await this.load(grant.from, grant.to, GRANT_BUCKETS);
          this.peaks = peaksOf(data.buckets.map((b) => ({max: b.max, at: Date.parse(b.at)})));
          this.peaksAt = Date.now();
        }
      } catch (err) {
        this.note(Vigil.t('camera.ptl.activity.failed', {detail: Vigil.errorText(err)}));
        return null;
      }
      // A second's margin: the player stands a little after a peak it was sent to.
      const list = direction > 0 ? this.peaks.filter((p) => p > ms + 1000) : this.peaks.filter((p) => p < ms - 1000);
      if (list.length === 0) {
        this.note(Vigil.t(direction > 0 ? 'camera.ptl.activity.noNext' : 'camera.ptl.activity.noPrevious', {time: Vigil.fmtDateTime(new Date(ms))}));
        return null;
      }
      return direction > 0 ? list[0] : list[list.length - 1];
    }
  }

  /** Local maxima of at least PEAK_MIN: where something happened, one moment per event. */
  function peaksOf(buckets) {
    const out = [];
    for (let i = 0; i < buckets.length; i++) {
      const b = buckets[i];
      const before = i > 0 ? buckets[i - 1].max : -1;
      const after = i + 1 < buckets.length ? buckets[i + 1].max : -1;
      if (b.max >= PEAK_MIN && b.max >= before && b.max > after) out.push(b.at);
    }
    return out;
  }

  window.Vigil = window.Vigil || {};
  window.Vigil.ActivityLine = ActivityLine;
})();
