/*
 * The several-cameras page's player (sync.html, with sync.js): the tiles of one grant's
 * cameras on one clock, in footage time.
 *
 * While a camera plays, the clock follows its picture (so a stalled download holds every
 * camera back instead of letting them drift); while none does (every camera between
 * parts, loading, or in a gap) it runs on by itself at the chosen speed. Every tile shows
 * the clock's footage time: the part of its footage holding it (a resolution or codec
 * change is the next part, another video, loaded when the clock gets there), or, in a
 * gap, why nothing is there. When no camera has anything at the clock's time, playback
 * skips to the next recorded moment and says so, as the single-camera player does
 * (docs/web.md, "Several cameras in sync").
 */
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  /** A camera further than this from the clock is moved to it (a frame and a half at 25 fps). */
  const DRIFT_S = 0.06;
  const FRAME_MS = 40;
  const SYNC_MS = 200;
  /** A seek lands this far inside the wanted picture, never on its edge (where rounding may show the one before). */
  const INSIDE_S = 0.001;

  class SyncPlayer {
    /** Starts playing tiles ({camera, map: Vigil.FootageMap, element, video, status}) of one grant on one clock. */
    constructor(grant, tiles) {
      this.grant = grant;
      this.tiles = tiles;
      this.ended = false;
      this.timer = null;
      this.clock = {at: 0, wall: 0, playing: false, rate: 1};
      this.from = new Date(grant.from).getTime();
      this.to = new Date(grant.to).getTime();
      this.begin();
    }

    rangeQuery(camera) {
      return 'camera=' + encodeURIComponent(camera) + '&from=' + encodeURIComponent(new Date(this.grant.from).toISOString()) +
        '&to=' + encodeURIComponent(new Date(this.grant.to).toISOString());
    }

    /**
     * Each presented picture's own media time (requestVideoFrameCallback): the time shown is
     * the picture's. Armed again for each part loaded and each seek (a new source may drop
     * the callbacks waiting on the old one); a callback of an earlier arming stops itself.
     */
    watchFrames(t) {
      if (!t.video.requestVideoFrameCallback) return;
      const arming = t.arming = (t.arming || 0) + 1;
      const onFrame = (now, meta) => {
        if (arming !== t.arming) return;
        t.frameMedia = meta.mediaTime;
        if (t.part) t.element.dataset.footageTime = new Date(Math.round(t.part.base + meta.mediaTime * 1000)).toISOString();
        if (t === this.clockTile()) this.showClock();
        t.video.requestVideoFrameCallback(onFrame);
      };
      t.video.requestVideoFrameCallback(onFrame);
    }

    // ---------- the clock ----------

    setClock(at) {
      this.clock.at = at;
      this.clock.wall = performance.now();
    }

    clockNow() {
      const c = this.clock;
      return c.playing ? c.at + (performance.now() - c.wall) * c.rate : c.at;
    }

    /** The footage time of the picture a tile shows (its presented frame where known), or null. */
    tileTime(t) {
      if (!t.part || t.video.readyState < 2) return null;
      const media = t.frameMedia !== null && !t.video.seeking ? t.frameMedia : t.video.currentTime;
      return t.part.base + media * 1000;
    }

    /** The first tile showing footage at the clock's time with its picture ready: what the clock reads. */
    clockTile() {
      const now = this.clockNow();
      return this.tiles.find((t) => t.part && t.map.partAt(now) === t.part && t.video.readyState >= 2 && !t.video.seeking) || null;
    }

    /** The footage time shown: the clock tile's picture (within a tick of the clock), else the clock. */
    shownTime() {
      const c = this.clockTile();
      const t = c ? this.tileTime(c) : null;
      return t !== null && Math.abs(t - this.clockNow()) < 500 * Math.max(1, this.clock.rate) ? t : this.clockNow();
    }

    showClock() {
      if (this.ended) return;
      const t = this.shownTime();
      const clock = $('sync-clock');
      clock.textContent = Vigil.fmtDateTime(new Date(t));
      clock.dataset.footageTime = new Date(Math.round(t)).toISOString();
    }

    // ---------- the tiles follow the clock ----------

    /** Loads part p of a tile's footage (another video after a resolution or codec change). */
    load(t, p) {
      t.part = p;
      t.frameMedia = null;
      delete t.element.dataset.footageTime;
      t.video.src = '/api/v1/grants/' + encodeURIComponent(this.grant.grantId) + '/video.mp4?' + this.rangeQuery(t.camera) + '&part=' + p.index;
      this.watchFrames(t);
      // Placed as soon as its header is read, before a first picture at media time 0 could pass for the clock's.
      t.video.addEventListener('loadedmetadata', () => { if (t.part === p && !this.ended) this.place(t, this.clockNow(), true); }, {once: true});
    }

    /** Shows footage time `at` on a tile: the right part at the right moment, or why there is nothing. */
    place(t, at, exact) {
      const p = t.map.partAt(at);
      t.element.classList.toggle('no-footage', !p);
      t.status.hidden = !!p;
      if (!p) {
        t.status.textContent = t.map.absenceText(at);
        if (!t.video.paused) t.video.pause();
        return;
      }
      if (p !== t.part) this.load(t, p);
      const v = t.video;
      if (v.readyState < 1) {
        t.exactPending = t.exactPending || exact; // the next tick places it, once the part's header is read
        return;
      }
      exact = exact || t.exactPending;
      t.exactPending = false;
      const want = (at - p.base) / 1000;
      if (v.playbackRate !== this.clock.rate) v.playbackRate = this.clock.rate;
      if (exact || Math.abs(v.currentTime - want) > DRIFT_S * Math.max(1, this.clock.rate)) {
        v.currentTime = Math.min(want + INSIDE_S, isFinite(v.duration) ? v.duration : want + INSIDE_S);
      }
      if (this.clock.playing && v.paused) v.play().catch(() => {});
      if (!this.clock.playing && !v.paused) v.pause();
    }

    /** Every tick: the clock follows the camera that plays, every other camera follows the clock. */
    follow() {
      if (this.ended) return;
      const c = this.clockTile();
      // The playing camera's current time, not its last picture's: smooth, so the others do not chase a step.
      const leader = c && this.clock.playing && !c.video.paused ? c.part.base + c.video.currentTime * 1000 : null;
      if (leader !== null) this.setClock(leader);
      let now = this.clockNow();
      if (this.clock.playing && !this.tiles.some((t) => t.map.partAt(now))) now = this.skipGap(now);
      for (const t of this.tiles) {
        if (t !== c || leader === null) this.place(t, now, false);
      }
      this.showClock();
    }

    /** No camera has footage now: on to the next recorded moment of any of them, or stop at the end. */
    skipGap(now) {
      const next = this.tiles.map((t) => t.map.nextAfter(now)).filter((x) => x !== null && x < this.to);
      if (!next.length) {
        this.pauseAll();
        Vigil.showMessage('sync-message', 'info', Vigil.t('sync.end'));
        return now;
      }
      const to = Math.min(...next);
      Vigil.showMessage('sync-message', 'info', Vigil.t('sync.skipped', {from: Vigil.fmtTime(new Date(now)), to: Vigil.fmtTime(new Date(to))}));
      this.setClock(to);
      return to;
    }

    playAll() {
      this.setClock(this.clockNow());
      this.clock.playing = true;
      Vigil.showMessage('sync-message', 'info', '');
      for (const t of this.tiles) this.place(t, this.clock.at, false);
      $('sync-play').textContent = Vigil.t('sync.pause');
    }

    pauseAll() {
      this.setClock(this.shownTime());
      this.clock.playing = false;
      // Every camera still on the same moment: the clock tile's picture.
      for (const t of this.tiles) this.place(t, this.clock.at, true);
      $('sync-play').textContent = Vigil.t('sync.play');
    }

    /**
     * Moves the clock by ms, within the grant; every camera goes there at once. From the
     * picture shown while playing; while paused from the clock, where every camera was
     * placed: a picture reported a frame late (a callback of the playback before a pause
     * arriving after it) must not turn one frame step into two.
     */
    shift(ms) {
      const from = this.clock.playing ? this.shownTime() : this.clock.at;
      const at = Math.min(Math.max(from + ms, this.from), this.to - FRAME_MS);
      this.setClock(at);
      Vigil.showMessage('sync-message', 'info', '');
      for (const t of this.tiles) this.place(t, at, true);
      this.showClock();
    }

    /** A frame step stops playback on the picture shown, then moves every camera by whole frames. */
    step(frames) {
      if (this.clock.playing) this.pauseAll();
      this.shift(frames * FRAME_MS);
    }

    setSpeed(rate) {
      this.setClock(this.clockNow());
      this.clock.rate = rate;
      for (const t of this.tiles) t.video.playbackRate = rate;
    }

    begin() {
      for (const t of this.tiles) {
        Object.assign(t, {part: null, frameMedia: null, exactPending: false});
        t.video.addEventListener('seeking', () => {
          // The picture reported may already be the new position's (its callback can come before this event).
          const to = t.video.currentTime;
          if (t.frameMedia !== null && to >= t.frameMedia - INSIDE_S && to < t.frameMedia + FRAME_MS / 1000) return;
          t.frameMedia = null;
          delete t.element.dataset.footageTime;
          this.watchFrames(t); // the picture of the new position is reported even if a callback was lost
        });
        // A seek inside the picture already on screen presents no new picture (no frame callback):
        // then that picture, which holds the position, is the one shown.
        t.video.addEventListener('seeked', () => requestAnimationFrame(() => requestAnimationFrame(() => {
          if (t.frameMedia !== null || t.video.seeking || !t.part) return;
          t.frameMedia = t.video.currentTime;
          t.element.dataset.footageTime = new Date(Math.round(t.part.base + t.video.currentTime * 1000)).toISOString();
        })));
        this.watchFrames(t);
      }
      const firsts = this.tiles.map((t) => t.map.first).filter((x) => x !== null);
      this.setClock(firsts.length ? Math.min(...firsts) : this.from);
      for (const t of this.tiles) this.place(t, this.clock.at, true);
      this.timer = setInterval(() => this.follow(), SYNC_MS);
      this.playAll();
    }

    stop() {
      this.ended = true;
      clearInterval(this.timer);
      for (const t of this.tiles) {
        t.video.pause();
        t.video.removeAttribute('src');
        t.video.load();
      }
    }

    togglePlay() {
      if (this.clock.playing) this.pauseAll(); else this.playAll();
    }

    /** Whether the footage is playing (the viewer is watching). */
    playing() {
      return this.clock.playing && !this.ended;
    }
  }

  window.Vigil = window.Vigil || {};
  window.Vigil.SyncPlayer = SyncPlayer;
})();
