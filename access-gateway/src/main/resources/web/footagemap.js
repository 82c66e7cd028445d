/*
 * What a camera's footage map (GET /api/v1/grants/{id}/footage) says about a footage
 * time: which part plays it (a resolution or codec change starts the next part, another
 * video), whether it falls in a gap and why, and where the footage goes on after it.
 * Times are milliseconds since 1970; a part's video has media time 0 at
 * part.from − presentationDelayMs (docs/api.md), so media time is footage time.
 */
(function () {
  'use strict';
  const ms = (iso) => new Date(iso).getTime();

  class FootageMap {
    constructor(body) {
      this.parts = (body.parts || []).map((p, i) => ({index: i, from: ms(p.from), to: ms(p.to),
        base: ms(p.from) - (p.presentationDelayMs || 0), width: p.width, height: p.height}));
      this.gaps = (body.gaps || []).map((g) => ({from: ms(g.from), to: ms(g.to), kind: g.kind, reason: g.reason || ''}));
    }

    /** Whether any footage is there to play. */
    get empty() {
      return this.parts.length === 0;
    }

    /** The first recorded moment, or null. */
    get first() {
      return this.empty ? null : this.parts[0].from;
    }

    /** The gap holding t, or null. */
    gapAt(t) {
      return this.gaps.find((g) => g.from <= t && t < g.to) || null;
    }

    /** The part whose footage shows t, or null (before, after, between parts, or in a gap). */
    partAt(t) {
      const part = this.parts.find((p) => p.from <= t && t < p.to) || null;
      return part && !this.gapAt(t) ? part : null;
    }

    /** The first moment after t with footage, or null when nothing is recorded after t. */
    nextAfter(t) {
      const starts = this.parts.map((p) => p.from).concat(this.gaps.map((g) => g.to)).filter((x) => x > t).sort((a, b) => a - b);
      return starts.find((x) => this.partAt(x) !== null) ?? null;
    }

    /** Why nothing is shown at t, in the viewer's words: the gap's kind and the recorder's reason. */
    absenceText(t) {
      const g = this.gapAt(t);
      if (!g) return Vigil.t('sync.noFootage');
      const key = 'camera.footage.kind.' + (Vigil.has('camera.footage.kind.' + g.kind) ? g.kind : 'unreadable');
      const kind = Vigil.t(key);
      const why = g.reason ? Vigil.t('camera.footage.kindWhy', {kind: kind, reason: g.reason}) : kind;
      return Vigil.t('camera.footage.gapLine', {from: Vigil.fmtTime(new Date(g.from)), to: Vigil.fmtTime(new Date(g.to)), why: why});
    }
  }

  window.Vigil = window.Vigil || {};
  window.Vigil.FootageMap = FootageMap;
})();
