/*
 * The live wall: a purpose first (a monitoring session, ledgered), then one tile per
 * camera, all fed by the wall's one WebSocket (each message tagged with its tile) with
 * fMP4 pictures appended to Media Source Extensions. Every picture starts with a prft box (when it reached Vigil); the tile
 * strips it, and notes it so the latency to presentation can be measured
 * (requestVideoFrameCallback). The watermark (viewer, time) lies over every tile.
 */
(function () {
  'use strict';
  const PRFT_BYTES = 32;
  const NTP_UNIX_SECONDS = 2208988800;
  const RECONNECT_MS = 2000;
  const STATUS_REFRESH_MS = 5000;
  const RECORDED_MINUTES = 5;
  /** Live-edge following (seconds of buffered picture ahead of the playhead): see followLiveEdge. */
  const TARGET_LAG = 0.15;
  const CATCH_UP_LAG = 0.3;
  const SEEK_LAG = 0.6;
  const CATCH_UP_RATE = 1.15;
  const $ = (id) => document.getElementById(id);
  const state = {user: null, cameras: [], session: null, tiles: [], ws: null, ended: false, lastPing: 0, layout: 4};
  /** Figures for the benchmark and the tests: latency (arrival -> shown) and time to first frame, per tile. */
  const stats = {latencies: [], firstFrames: []};
  window.vigilLive = stats;

  function cameraName(id) {
    const c = state.cameras.find((x) => x.id === id);
    return c && c.name ? c.name : id;
  }

  /** Arrival time at Vigil (ms since 1970) and media time (s) from a prft box (version 1). */
  function readPrft(bytes) {
    const v = new DataView(bytes.buffer, bytes.byteOffset, PRFT_BYTES);
    const seconds = v.getUint32(16);
    const fraction = v.getUint32(20);
    const media = v.getUint32(24) * 4294967296 + v.getUint32(28);
    return {arrival: (seconds - NTP_UNIX_SECONDS) * 1000 + fraction / 4294967296 * 1000, media: media / 90000};
  }

  // ---------- one tile ----------

  function makeTile(cameraId) {
    const video = Vigil.el('video', {muted: true, autoplay: true, playsInline: true, disablePictureInPicture: true,
      'aria-label': Vigil.t('live.tile.video', {camera: cameraName(cameraId)})});
    video.muted = true;
    video.setAttribute('controlsList', 'nodownload noplaybackrate noremoteplayback');
    video.setAttribute('disableremoteplayback', '');
    const status = Vigil.el('div', {className: 'tile-status', role: 'status'}, Vigil.t('live.tile.connecting'));
    const recorded = Vigil.el('a', {className: 'tile-recorded', href: '#'}, Vigil.t('live.tile.recorded', {minutes: RECORDED_MINUTES}));
    // Said while the camera's own live stream fails and the tile shows the recorded stream instead.
    const note = Vigil.el('div', {className: 'tile-note', role: 'status', hidden: true}, Vigil.t('live.tile.fallback'));
    const node = Vigil.el('div', {className: 'tile', tabIndex: 0, 'data-camera': cameraId,
      'aria-label': Vigil.t('live.tile.label', {camera: cameraName(cameraId)})},
      video,
      Vigil.el('div', {className: 'tile-label'}, cameraName(cameraId)),
      Vigil.el('div', {className: 'watermark', 'aria-hidden': 'true'},
        Vigil.el('div', {className: 'wm-name'}, state.user.user), Vigil.el('div', {className: 'wm-sub wm-time'}, '')),
      status, note, recorded);
    const tile = {camera: cameraId, node, video, status, note, source: null, buffer: null, queue: [], codecs: null,
      expectInit: false, openedAt: 0, firstShown: false, arrivals: new Map()};
    recorded.addEventListener('click', (e) => {
      e.preventDefault();
      e.stopPropagation();
      // Recorded footage goes through the camera page's own purpose and grant.
      const at = new Date(Date.now() - RECORDED_MINUTES * 60000);
      location.assign('/camera.html?id=' + encodeURIComponent(cameraId) + '&at=' + encodeURIComponent(at.toISOString()));
    });
    node.addEventListener('click', () => toggleEnlarged(tile));
    node.addEventListener('keydown', (e) => {
      if (e.target === node && (e.key === 'Enter' || e.key === ' ')) {
        e.preventDefault();
        toggleEnlarged(tile);
      }
    });
    watchFrames(tile);
    return tile;
  }

  function toggleEnlarged(tile) {
    const wall = $('wall');
    const was = tile.node.classList.contains('enlarged');
    for (const t of state.tiles) t.node.classList.remove('enlarged');
    wall.classList.toggle('enlarged', !was);
    if (!was) tile.node.classList.add('enlarged');
    tile.node.focus();
  }

  /** Presentation of each picture: latency from its arrival at Vigil, and the first frame's delay. */
  function watchFrames(tile) {
    if (!tile.video.requestVideoFrameCallback) return;
    const onFrame = (now, meta) => {
      const key = Math.round(meta.mediaTime * 1000);
      const arrival = tile.arrivals.get(key);
      if (arrival !== undefined) {
        stats.latencies.push(Date.now() - arrival);
        if (stats.latencies.length > 100000) stats.latencies.splice(0, 50000);
        tile.arrivals.delete(key);
      }
      if (!tile.firstShown && tile.openedAt) {
        tile.firstShown = true;
        stats.firstFrames.push(performance.now() - tile.openedAt);
      }
      tile.video.requestVideoFrameCallback(onFrame);
    };
    tile.video.requestVideoFrameCallback(onFrame);
  }

  /**
   * One WebSocket for the whole wall, every tile's pictures tagged with its index: a
   * browser opens sockets to a host one at a time, and sixteen handshakes in a row made
   * the last tile wait seconds for its first picture.
   */
  function connectWall() {
    if (state.ended) return;
    const url = 'wss://' + location.host + '/api/v1/live/socket?session=' + encodeURIComponent(state.session.id)
      + state.tiles.map((t) => '&camera=' + encodeURIComponent(t.camera)).join('');
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    state.ws = ws;
    const now = performance.now();
    for (const tile of state.tiles) {
      tile.openedAt = now;
      tile.firstShown = false;
      tile.source = null;
      tile.expectInit = false;
      tile.note.hidden = true; // the new socket says again which stream each tile gets
    }
    ws.onmessage = (ev) => onMessage(ev.data);
    ws.onclose = () => {
      if (state.ws !== ws || state.ended) return;
      setTimeout(connectWall, RECONNECT_MS);
    };
  }

  /** Asks for a tile's stream again from its init and last keyframe (its decoder was reset). */
  function restartTile(tile) {
    tile.source = null;
    tile.expectInit = false;
    const ws = state.ws;
    if (ws && ws.readyState === WebSocket.OPEN) {
      ws.send(JSON.stringify({type: 'restart', tile: state.tiles.indexOf(tile)}));
    }
  }

  function onMessage(data) {
    if (typeof data === 'string') {
      const m = JSON.parse(data);
      const tile = state.tiles[m.tile];
      if (m.type === 'init' && tile) {
        tile.codecs = m.codecs;
        tile.expectInit = true;
      } else if (m.type === 'source' && tile) {
        tile.note.hidden = m.source !== 'recorded';
        tile.node.dataset.source = m.source;
      } else if (m.type === 'end') {
        wallEnded(m.reason);
      }
      return;
    }
    const all = new Uint8Array(data);
    const tile = state.tiles[all[0]];
    if (!tile) return;
    const bytes = all.subarray(1);
    if (tile.expectInit) {
      tile.expectInit = false;
      newSource(tile, bytes);
      return;
    }
    if (!tile.source) return;
    const prft = readPrft(bytes);
    tile.arrivals.set(Math.round(prft.media * 1000), prft.arrival);
    if (tile.arrivals.size > 600) tile.arrivals.delete(tile.arrivals.keys().next().value);
    append(tile, bytes.subarray(PRFT_BYTES));
  }

  /** A new stream (first, reconnect, new resolution or codec): a fresh MediaSource with its init segment. */
  function newSource(tile, init) {
    const type = 'video/mp4; codecs="' + tile.codecs + '"';
    if (!window.MediaSource || !MediaSource.isTypeSupported(type)) {
      showStatus(tile, Vigil.t('live.tile.unsupported'));
      tile.source = null;
      return;
    }
    const source = new MediaSource();
    tile.source = source;
    tile.buffer = null;
    tile.queue = [init];
    tile.arrivals.clear();
    if (tile.video.src) URL.revokeObjectURL(tile.video.src);
    tile.video.src = URL.createObjectURL(source);
    source.addEventListener('sourceopen', () => {
      if (tile.source !== source) return;
      const buffer = source.addSourceBuffer(type);
      tile.buffer = buffer;
      buffer.addEventListener('updateend', () => onAppended(tile, buffer));
      pump(tile);
    }, {once: true});
  }

  function append(tile, bytes) {
    tile.queue.push(bytes);
    if (tile.queue.length > 300) tile.queue.splice(1, tile.queue.length - 300); // a hidden tab: keep it bounded
    pump(tile);
  }

  function pump(tile) {
    const b = tile.buffer;
    if (!b || b.updating || !tile.queue.length || tile.source.readyState !== 'open') return;
    try {
      b.appendBuffer(tile.queue.shift());
    } catch (e) {
      // QuotaExceeded or a closed source: start again from a fresh init.
      restartTile(tile);
    }
  }

  /** Keeps the tile at the live edge and the buffer short, then appends what waits. */
  function onAppended(tile, buffer) {
    if (tile.buffer !== buffer) return;
    const v = tile.video;
    const r = buffer.buffered;
    if (r.length) {
      const end = r.end(r.length - 1);
      const start = r.start(r.length - 1);
      followLiveEdge(v, start, end);
      if (v.paused) v.play().catch(() => {});
      if (!buffer.updating && r.start(0) < end - 30 && tile.queue.length === 0) {
        buffer.remove(0, end - 10);
        return;
      }
      hideStatus(tile);
    }
    pump(tile);
  }

  /**
   * Keeps the picture close to the newest one received. A new viewer's first append holds
   * the pictures since the last keyframe (up to a GOP, often a second or more): playing
   * them from the start would leave the tile that far behind for good, so a lag beyond
   * SEEK_LAG jumps to just before the end. A smaller lag, built up by network jitter or a
   * brief underflow, is played off by running slightly fast instead of a visible jump.
   * The margin left (TARGET_LAG) absorbs the jitter of pictures arriving one by one.
   */
  function followLiveEdge(v, start, end) {
    const lag = end - v.currentTime;
    if (v.currentTime < start || lag > SEEK_LAG) {
      v.currentTime = Math.max(start, end - TARGET_LAG);
      v.playbackRate = 1;
    } else if (lag > CATCH_UP_LAG) {
      if (v.playbackRate === 1) v.playbackRate = CATCH_UP_RATE;
    } else if (lag <= TARGET_LAG && v.playbackRate !== 1) {
      v.playbackRate = 1;
    }
  }

  function showStatus(tile, text) {
    tile.status.textContent = text;
    tile.status.hidden = false;
  }

  function hideStatus(tile) {
    tile.status.hidden = true;
  }

  // ---------- the wall ----------

  function stateName(s) {
    const key = 'camera.state.' + String(s || 'unknown').toLowerCase();
    return Vigil.has(key) ? Vigil.t(key) : String(s);
  }

  /** A camera that is not recording says why (the recorder's reason), not a black tile. */
  async function refreshStatus() {
    if (state.ended) return;
    try {
      const cameras = await Vigil.getJson('/api/v1/cameras');
      for (const tile of state.tiles) {
        const c = cameras.find((x) => x.id === tile.camera);
        if (!c) continue;
        const down = c.state && String(c.state).toUpperCase() !== 'RECORDING';
        if (down) {
          showStatus(tile, c.reason ? Vigil.t('live.tile.downReason', {state: stateName(c.state), reason: c.reason})
            : stateName(c.state));
        } else if (!tile.buffer) {
          showStatus(tile, Vigil.t('live.tile.connecting'));
        }
      }
    } catch (err) {
      if (err.status !== 401) Vigil.showMessage('page-error', 'error', Vigil.errorText(err));
    }
  }

  function setLayout(n) {
    state.layout = n;
    const wall = $('wall');
    wall.className = 'wall tiles-' + n;
    for (const b of document.querySelectorAll('.layout')) b.setAttribute('aria-pressed', String(Number(b.dataset.tiles) === n));
    state.tiles.forEach((t, i) => { t.node.hidden = i >= n; });
  }

  function updateWatermarks() {
    const now = Vigil.fmtDateTime(new Date());
    for (const el of document.querySelectorAll('.wm-time')) el.textContent = now;
  }

  /** The viewer is at the wall: tell the server now and then, so the idle timeout counts from here. */
  function activity() {
    if (!state.session || state.ended) return;
    const every = Math.min(20000, state.session.idleTimeoutSeconds * 1000 / 3);
    if (Date.now() - state.lastPing < every) return;
    state.lastPing = Date.now();
    Vigil.postJson('/api/v1/live/sessions/' + encodeURIComponent(state.session.id) + '/activity', {}).catch(() => {});
  }

  function wallEnded(reason) {
    if (state.ended) return;
    state.ended = true;
    if (state.ws) state.ws.close();
    state.ws = null;
    for (const t of state.tiles) {
      t.source = null;
      t.video.removeAttribute('src');
      t.video.load();
    }
    $('wall').textContent = '';
    state.tiles = [];
    $('wall-panel').hidden = true;
    $('start-panel').hidden = false;
    const key = 'live.ended.' + reason;
    Vigil.showMessage('page-error', 'info', Vigil.has(key) ? Vigil.t(key) : Vigil.t('live.ended.other', {reason: reason}));
    document.body.dataset.liveEnded = reason;
  }

  async function openWall(e) {
    e.preventDefault();
    const cameras = Vigil.PurposeForm.chosenCameras();
    const problem = Vigil.PurposeForm.problem();
    if (!cameras.length) return Vigil.showMessage('start-error', 'error', Vigil.t('live.error.noCamera'));
    if (problem) return Vigil.showMessage('start-error', 'error', Vigil.t(problem.key));
    $('start-button').disabled = true;
    try {
      state.session = await Vigil.postJson('/api/v1/live/sessions', Object.assign({cameras}, Vigil.PurposeForm.value()));
    } catch (err) {
      Vigil.showMessage('start-error', 'error', Vigil.t('live.error.refused', {detail: Vigil.errorText(err)}));
      return;
    } finally {
      $('start-button').disabled = false;
    }
    Vigil.showMessage('start-error', 'error', '');
    Vigil.showMessage('page-error', 'info', '');
    delete document.body.dataset.liveEnded;
    state.ended = false;
    state.lastPing = Date.now();
    $('start-panel').hidden = true;
    $('wall-panel').hidden = false;
    $('wall-summary').textContent = Vigil.t('live.wall.summary', {purpose: Vigil.t('purpose.' + state.session.purpose),
      text: state.session.purposeText, since: Vigil.fmtTime(state.session.startedAt), until: Vigil.fmtDateTime(state.session.endsAt)});
    const wall = $('wall');
    wall.textContent = '';
    state.tiles = cameras.map(makeTile);
    for (const t of state.tiles) wall.appendChild(t.node);
    const fit = [1, 4, 9, 16].find((n) => n >= cameras.length) || 16;
    setLayout(fit);
    updateWatermarks();
    connectWall();
    refreshStatus();
  }

  async function endWall() {
    if (!state.session || state.ended) return;
    try {
      await Vigil.postJson('/api/v1/live/sessions/' + encodeURIComponent(state.session.id) + '/end', {});
    } catch (err) {
      // Already ended by the server: the socket says why.
    }
    wallEnded('closed');
  }

  async function start() {
    const user = await Vigil.startPage('live', null);
    if (!user) return;
    state.user = user;
    const choices = await Vigil.PurposeForm.load();
    state.cameras = choices.cameras;
    Vigil.PurposeForm.cameraBoxes(state.cameras.slice(0, 16), true);
    Vigil.PurposeForm.fill(choices.purposes);
    $('start-form').addEventListener('submit', openWall);
    $('end-button').addEventListener('click', endWall);
    for (const b of document.querySelectorAll('.layout')) b.addEventListener('click', () => setLayout(Number(b.dataset.tiles)));
    for (const ev of ['mousemove', 'keydown', 'click', 'wheel', 'touchstart']) document.addEventListener(ev, activity, {passive: true});
    window.addEventListener('pagehide', () => {
      if (state.session && !state.ended) {
        fetch('/api/v1/live/sessions/' + encodeURIComponent(state.session.id) + '/end',
          {method: 'POST', keepalive: true, headers: {'X-CSRF-Token': user.csrfToken || '', 'Content-Type': 'application/json'}, body: '{}'});
      }
    });
    setInterval(updateWatermarks, 1000);
    setInterval(refreshStatus, STATUS_REFRESH_MS);
  }

  start().catch((err) => {
    if (err.status !== 401) Vigil.showMessage('page-error', 'error', Vigil.errorText(err));
  });
})();
