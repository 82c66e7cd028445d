/*
 * The boxes of the masking review (issue 13): the requester's tracked box of the last masking,
 * drawn over the preview's current frame and over the marking frame (what is kept, and where the
 * tracker lags), and entering a box with the keyboard on the marking frame (arrow keys move it,
 * Shift with the arrow keys resizes it, Enter confirms), besides the mouse.
 */
window.VigilReviewBoxes = (function () {
  'use strict';
  /** Keyboard steps on the frame, in the frame's pixels. */
  const STEP = 8;
  const KEPT_COLOUR = '#00b8d4';

  /** The path's frame ([ms, x, y, w, h]) nearest {@code iso}, or null when none is within two frames (a gap). */
  function keptBoxAt(path, iso) {
    if (!path || !path.frames.length) return null;
    const ms = new Date(iso) - new Date(path.from);
    let best = null;
    for (const f of path.frames) {
      if (!best || Math.abs(f[0] - ms) < Math.abs(best[0] - ms)) best = f;
    }
    return Math.abs(best[0] - ms) <= 2000 / path.frameRate ? best : null;
  }

  /** A dashed outline of a path frame's box. */
  function strokeKept(g, f) {
    g.save();
    g.setLineDash([10, 6]);
    g.strokeStyle = KEPT_COLOUR;
    g.strokeRect(f[1], f[2], f[3], f[4]);
    g.restore();
  }

  /**
   * Keyboard entry on {@code canvas}. {@code ctl}: frame() (the frame shown, with width and
   * height, or null), drawn() and setDrawn(box), changed() after every change, confirm() on Enter.
   * The first arrow puts a quarter-size box in the middle of the frame.
   */
  function watchKeys(canvas, ctl) {
    const arrows = {ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1]};
    canvas.addEventListener('keydown', (e) => {
      const frame = ctl.frame();
      if (!frame) return;
      if (e.key === 'Enter') {
        e.preventDefault();
        ctl.confirm();
        return;
      }
      const d = arrows[e.key];
      if (!d) return;
      e.preventDefault();
      const W = frame.width, H = frame.height;
      const b = ctl.drawn();
      if (!b) {
        ctl.setDrawn({x: Math.round(W * 3 / 8), y: Math.round(H * 3 / 8), w: Math.round(W / 4), h: Math.round(H / 4)});
      } else if (e.shiftKey) {
        b.w = Math.max(STEP, Math.min(W - b.x, b.w + d[0] * STEP));
        b.h = Math.max(STEP, Math.min(H - b.y, b.h + d[1] * STEP));
      } else {
        b.x = Math.max(0, Math.min(W - b.w, b.x + d[0] * STEP));
        b.y = Math.max(0, Math.min(H - b.h, b.y + d[1] * STEP));
      }
      ctl.changed();
    });
  }

  /** The requester's box of the frame {@code video} shows now, over it on {@code canvas} (data-frame, data-box say which). */
  function drawOverlay(video, canvas, path, show) {
    if (!path) return;
    if (canvas.width !== path.width || canvas.height !== path.height) {
      canvas.width = path.width;
      canvas.height = path.height;
    }
    const g = canvas.getContext('2d');
    g.clearRect(0, 0, canvas.width, canvas.height);
    const i = Math.min(path.frames.length - 1, Math.max(0, Math.floor(video.currentTime * path.frameRate + 1e-3)));
    const f = path.frames[i];
    canvas.setAttribute('data-frame', String(i));
    canvas.setAttribute('data-box', f ? f.slice(1).join(',') : '');
    if (!f || !show) return;
    g.lineWidth = Math.max(2, canvas.width / 320);
    strokeKept(g, f);
  }

  /** Calls {@code draw} on every frame the video presents (and on seeks), so the box follows playback. */
  function watchOverlay(video, draw) {
    const each = () => {
      draw();
      if (video.requestVideoFrameCallback) video.requestVideoFrameCallback(each);
    };
    if (video.requestVideoFrameCallback) video.requestVideoFrameCallback(each);
    for (const ev of ['timeupdate', 'seeked', 'loadeddata']) video.addEventListener(ev, draw);
  }

  return {keptBoxAt: keptBoxAt, strokeKept: strokeKept, watchKeys: watchKeys, drawOverlay: drawOverlay, watchOverlay: watchOverlay};
})();
