/*
 * The timeline under the player. It zooms (24 h, 1 h, 10 min, 1 min), follows the
 * playhead, shows the time under the pointer (and, inside the viewing grant, the keyframe
 * picture there), marks gaps with their reason, never draws the future as a gap, and is
 * usable by keyboard alone. A click or Enter inside the granted range moves the player
 * there without asking the purpose again; outside it, the page is told (a new purpose is
 * needed: the grant is what was asked for, no more). Inside the grant it draws the camera's
 * activity line (activityline.js) and jumps between its peaks with ] and [.
 *
 * Plain script, no framework: camera.js creates one with new Vigil.PlayerTimeline(...). Over
 * 300 lines on purpose: one widget whose drawing, pointer and keys share the window's state;
 * what can stand apart (the activity line, activityline.js) does.
 */
(function () {
  'use strict';

  const MINUTE = 60000;
  const HOUR = 60 * MINUTE;
  /** Zoom levels: the window's length, the distance between labelled ticks, and the arrow-key step. */
  const ZOOMS = [
    {ms: 24 * HOUR, tick: 2 * HOUR, step: 10 * MINUTE, label: 'camera.ptl.zoom.24h'},
    {ms: HOUR, tick: 10 * MINUTE, step: MINUTE, label: 'camera.ptl.zoom.1h'},
    {ms: 10 * MINUTE, tick: MINUTE, step: 10000, label: 'camera.ptl.zoom.10m'},
    {ms: MINUTE, tick: 10000, step: 1000, label: 'camera.ptl.zoom.1m'},
  ];
  /** Where the playhead is put when the window has to move to follow it. */
  const FOLLOW_AT = 0.1;
  /** Thumbnails exist per stored segment; asking on a coarser grid keeps the cache useful. */
  const THUMB_GRID_MS = 2000;
  const THUMB_DELAY_MS = 120;

  /** The site's offset from UTC at an instant (ms), so ticks fall on the site's round times. */
  function siteOffset(d) {
    const p = Vigil.zoned(d);
    return Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s) - Math.floor(d.getTime() / 1000) * 1000;
  }

  class PlayerTimeline {
    /**
     * @param ids element ids: root, track, ticks, range, hover, hoverTime, hoverThumb, zoom (group of buttons), earlier, later, follow
     * @param opts {spans: () => [{start, end, recorded, gapReason}], onSeek(t), onOutside(t), thumbnailUrl(t) -> url|null,
     *   activity(from, to, buckets) -> Promise (the gateway's activity line), onNote(text)}
     */
    constructor(ids, opts) {
      this.el = {};
      for (const [k, id] of Object.entries(ids)) this.el[k] = document.getElementById(id);
      this.opts = opts;
      this.zoom = 1;
      this.viewStart = Date.now() - HOUR;
      this.grant = null;      // {from: Date, to: Date}
      this.playhead = null;   // Date
      this.cursor = null;     // Date under the keyboard cursor
      this.following = true;
      this.hoverTimer = null;
      this.activity = opts.activity ? new Vigil.ActivityLine(opts.activity, () => this.draw(), opts.onNote || (() => {})) : null;
      this.wire();
    }

    wire() {
      const track = this.el.track;
      track.addEventListener('mousemove', (e) => this.onHover(e));
      track.addEventListener('mouseleave', () => this.hideHover());
      track.addEventListener('click', (e) => this.choose(this.timeAt(e.clientX)));
      track.addEventListener('keydown', (e) => this.onKey(e));
      track.addEventListener('wheel', (e) => {
        e.preventDefault();
        this.setZoom(this.zoom + (e.deltaY < 0 ? 1 : -1), this.timeAt(e.clientX));
      }, {passive: false});
      for (const b of this.el.zoom.querySelectorAll('button[data-zoom]')) {
        b.addEventListener('click', () => this.setZoom(Number(b.dataset.zoom)));
      }
      this.el.earlier.addEventListener('click', () => this.pan(-0.5));
      this.el.later.addEventListener('click', () => this.pan(0.5));
      this.el.follow.addEventListener('click', () => {
        this.following = true;
        if (this.playhead) this.centreOn(this.playhead);
        this.draw();
      });
    }

    get level() {
      return ZOOMS[this.zoom];
    }

    get viewEnd() {
      return this.viewStart + this.level.ms;
    }

    /** A new viewing: the window fits the granted range at the closest zoom that holds it. */
    setGrant(from, to) {
      this.grant = {from: from, to: to};
      const length = to - from;
      let z = 0;
      for (let i = ZOOMS.length - 1; i >= 0; i--) {
        if (ZOOMS[i].ms >= length) { z = i; break; }
      }
      this.zoom = z;
      this.viewStart = from.getTime() - (this.level.ms - length) / 2;
      this.playhead = null;
      this.cursor = null;
      this.following = true;
      this.el.root.hidden = false;
      if (this.activity) this.activity.clear();
      this.draw();
    }

    clear() {
      if (this.activity) this.activity.clear();
      this.grant = null;
      this.playhead = null;
      this.el.root.hidden = true;
      this.hideHover();
    }

    /** The player's footage time; the window moves along when following and the playhead leaves it. */
    setPlayhead(t) {
      this.playhead = t;
      const ms = t.getTime();
      if (this.following && (ms < this.viewStart || ms >= this.viewEnd)) {
        this.viewStart = ms - FOLLOW_AT * this.level.ms;
        this.draw();
        return;
      }
      this.placeMarker('playhead', t);
    }

    setZoom(z, around) {
      z = Math.min(Math.max(z, 0), ZOOMS.length - 1);
      if (z === this.zoom) return;
      const centre = around || this.cursor || this.playhead || new Date(this.viewStart + this.level.ms / 2);
      const fraction = (centre.getTime() - this.viewStart) / this.level.ms;
      this.zoom = z;
      // The time under the pointer (or the playhead) stays where it was on the screen.
      this.viewStart = centre.getTime() - Math.min(Math.max(fraction, 0), 1) * this.level.ms;
      this.draw();
    }

    pan(fraction) {
      this.following = false;
      this.viewStart += fraction * this.level.ms;
      this.draw();
    }

    centreOn(t) {
      this.viewStart = t.getTime() - this.level.ms / 2;
    }

    timeAt(clientX) {
      const r = this.el.track.getBoundingClientRect();
      const f = Math.min(Math.max((clientX - r.left) / r.width, 0), 1);
      return new Date(Math.round(this.viewStart + f * this.level.ms));
    }

    percent(ms) {
      return (100 * (ms - this.viewStart) / this.level.ms) + '%';
    }

    inGrant(t) {
      return !!this.grant && t >= this.grant.from && t < this.grant.to;
    }

    spanAt(t) {
      const ms = t.getTime();
      return this.opts.spans().find((s) => s.start.getTime() <= ms && ms < s.end.getTime()) || null;
    }

    choose(t) {
      this.cursor = t;
      if (this.inGrant(t)) this.opts.onSeek(t); else this.opts.onOutside(t);
      this.draw();
    }

    onKey(e) {
      const step = this.level.step * (e.shiftKey ? 10 : 1);
      let t = (this.cursor || this.playhead || new Date(this.viewStart)).getTime();
      switch (e.key) {
        case 'ArrowLeft': case 'ArrowDown': t -= step; break;
        case 'ArrowRight': case 'ArrowUp': t += step; break;
        case 'Home': t = this.grant ? this.grant.from.getTime() : this.viewStart; break;
        case 'End': t = this.grant ? this.grant.to.getTime() - 1000 : this.viewEnd - 1000; break;
        case '+': case '=': e.preventDefault(); this.setZoom(this.zoom + 1); return;
        case '-': case '_': e.preventDefault(); this.setZoom(this.zoom - 1); return;
        case 'Enter': case ' ': e.preventDefault(); if (this.cursor) this.choose(this.cursor); return;
        case ']': case '[': e.preventDefault(); this.jumpToPeak(e.key === ']' ? 1 : -1); return;
        default: return;
      }
      e.preventDefault();
      this.cursor = new Date(Math.min(t, Date.now()));
      this.following = false;
      if (this.cursor.getTime() < this.viewStart || this.cursor.getTime() >= this.viewEnd) this.centreOn(this.cursor);
      this.draw();
    }

    /** To the next (1) or previous (-1) activity peak of the viewing, and plays from there. */
    async jumpToPeak(direction) {
      if (!this.activity || !this.grant) return;
      const from = (this.cursor || this.playhead || this.grant.from).getTime();
      const at = await this.activity.peakFrom(from, direction, this.grant);
      if (at === null) return;
      this.following = false;
      if (at < this.viewStart || at >= this.viewEnd) this.centreOn(new Date(at));
      this.choose(new Date(at));
    }

    onHover(e) {
      const t = this.timeAt(e.clientX);
      const span = this.spanAt(t);
      const future = t.getTime() > Date.now();
      let text = Vigil.fmtDateTime(t);
      if (future) text += ' · ' + Vigil.t('camera.ptl.future');
      else if (span && !span.recorded) text += ' · ' + (span.gapReason ? Vigil.t('camera.ptl.gapWhy', {reason: span.gapReason}) : Vigil.t('camera.ptl.gap'));
      else if (span && !this.inGrant(t)) text += ' · ' + Vigil.t('camera.ptl.outsideGrant');
      this.el.hoverTime.textContent = text;
      const r = this.el.track.getBoundingClientRect();
      this.el.hover.style.left = Math.min(Math.max(e.clientX - r.left, 0), r.width) + 'px';
      this.el.hover.hidden = false;
      this.placeMarker('hover-cursor', t);
      clearTimeout(this.hoverTimer);
      const url = !future && span && span.recorded && this.inGrant(t)
        ? this.opts.thumbnailUrl(new Date(Math.floor(t.getTime() / THUMB_GRID_MS) * THUMB_GRID_MS)) : null;
      if (!url) {
        this.el.hoverThumb.hidden = true;
        return;
      }
      this.hoverTimer = setTimeout(() => {
        const img = this.el.hoverThumb;
        if (img.dataset.src !== url) {
          img.dataset.src = url;
          img.src = url;
        }
        img.hidden = false;
      }, THUMB_DELAY_MS);
    }

    hideHover() {
      clearTimeout(this.hoverTimer);
      this.el.hover.hidden = true;
      const line = this.el.track.querySelector('.hover-cursor');
      if (line) line.remove();
    }

    placeMarker(cls, t) {
      let m = this.el.track.querySelector('.' + cls);
      const ms = t.getTime();
      if (ms < this.viewStart || ms > this.viewEnd) {
        if (m) m.remove();
        return;
      }
      if (!m) {
        m = Vigil.el('div', {className: cls});
        this.el.track.appendChild(m);
      }
      m.style.left = this.percent(ms);
    }

    draw() {
      const track = this.el.track;
      const start = this.viewStart, end = this.viewEnd, now = Date.now();
      track.textContent = '';
      // The window in the page, for tests and tools that point at a moment (ms since 1970).
      track.dataset.viewStart = String(Math.round(start));
      track.dataset.viewEnd = String(Math.round(end));
      if (this.grant) {
        const g = Vigil.el('div', {className: 'ptl-granted'});
        const from = Math.max(this.grant.from.getTime(), start), to = Math.min(this.grant.to.getTime(), end);
        if (to > from) {
          g.style.left = this.percent(from);
          g.style.width = (100 * (to - from) / this.level.ms) + '%';
          track.appendChild(g);
        }
      }
      for (const s of this.opts.spans()) {
        // Nothing after now is a gap: it has not happened yet.
        const from = Math.max(s.start.getTime(), start), to = Math.min(s.end.getTime(), end, now);
        if (to <= from) continue;
        const bar = Vigil.el('div', {
          className: s.recorded ? 'span-recorded' : 'span-gap',
          title: Vigil.t(s.recorded ? 'camera.span.recorded' : (s.gapReason ? 'camera.span.gapWhy' : 'camera.span.gap'),
            {from: Vigil.fmtTime(s.start), to: Vigil.fmtTime(s.end), reason: s.gapReason}),
        });
        bar.style.left = this.percent(from);
        bar.style.width = Math.max(100 * (to - from) / this.level.ms, 0.15) + '%';
        track.appendChild(bar);
      }
      if (now < end) {
        const future = Vigil.el('div', {className: 'span-future', title: Vigil.t('camera.ptl.future')});
        future.style.left = this.percent(Math.max(now, start));
        future.style.right = '0';
        track.appendChild(future);
      }
      if (this.activity && this.grant) {
        const from = Math.max(this.grant.from.getTime(), start), to = Math.min(this.grant.to.getTime(), end);
        this.activity.want(from, to, track.getBoundingClientRect().width * (to - from) / this.level.ms);
        this.activity.draw(track, start, end, (ms) => this.percent(ms), (ms) => (100 * ms / this.level.ms) + '%', (t) => this.choose(t));
      }
      if (this.cursor) this.placeMarker('cursor', this.cursor);
      if (this.playhead) this.placeMarker('playhead', this.playhead);
      this.drawTicks();
      this.describe();
    }

    drawTicks() {
      const ticks = this.el.ticks;
      ticks.textContent = '';
      const {tick} = this.level;
      const offset = siteOffset(new Date(this.viewStart));
      const first = Math.ceil((this.viewStart + offset) / tick) * tick - offset;
      for (let t = first; t <= this.viewEnd; t += tick) {
        const label = Vigil.fmtTime(new Date(t));
        const span = Vigil.el('span', null, tick >= MINUTE ? label.slice(0, 5) : label);
        span.style.left = this.percent(t);
        ticks.appendChild(span);
      }
      for (const b of this.el.zoom.querySelectorAll('button[data-zoom]')) {
        b.setAttribute('aria-pressed', String(Number(b.dataset.zoom) === this.zoom));
      }
      this.el.follow.setAttribute('aria-pressed', String(this.following));
      this.el.range.textContent = Vigil.t('camera.ptl.range', {from: Vigil.fmtDateTime(new Date(this.viewStart)), to: Vigil.fmtTime(new Date(this.viewEnd))});
    }

    /** The slider's value for assistive technology: the cursor (or playhead) time and what is there. */
    describe() {
      const t = this.cursor || this.playhead;
      const track = this.el.track;
      track.setAttribute('aria-valuemin', String(Math.round(this.viewStart / 1000)));
      track.setAttribute('aria-valuemax', String(Math.round(this.viewEnd / 1000)));
      if (!t) return;
      const span = this.spanAt(t);
      track.setAttribute('aria-valuenow', String(Math.round(t.getTime() / 1000)));
      const what = t.getTime() > Date.now() ? 'camera.ptl.future' : span && span.recorded
        ? (this.inGrant(t) ? 'camera.ptl.recorded' : 'camera.ptl.outsideGrant') : 'camera.ptl.gap';
      track.setAttribute('aria-valuetext', Vigil.fmtDateTime(t) + ', ' + Vigil.t(what));
    }
  }

  window.Vigil = window.Vigil || {};
  window.Vigil.PlayerTimeline = PlayerTimeline;
})();
