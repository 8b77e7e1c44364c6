// Live updates: GET /api/events read as a server-sent event stream through fetch (EventSource
// cannot send the bearer token), reconnecting with a fresh token when the stream ends.

import {accessToken, problem} from './api.js';

export class LiveEvents {
  /** path: the event stream to read (default the platform's events; a service's logs are one too). */
  constructor(onEvent, onStatus, path = '/api/events') {
    this.onEvent = onEvent;
    this.onStatus = onStatus;
    this.path = path;
    this.controller = null;
    this.stopped = true;
    this.generation = 0;
  }

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop(++this.generation);
  }

  stop() {
    this.stopped = true;
    if (this.controller) this.controller.abort();
  }

  /** One reading loop per start: a loop left over from before a stop ends even if started again meanwhile. */
  async loop(generation) {
    let wait = 1000;
    const current = () => !this.stopped && generation === this.generation;
    while (current()) {
      try {
        const token = await accessToken();
        if (!token) break;
        this.controller = new AbortController();
        const r = await fetch(this.path, {
          headers: {Authorization: `Bearer ${token}`, Accept: 'text/event-stream'},
          signal: this.controller.signal,
          cache: 'no-store',
        });
        if (!r.ok) throw await problem(r);
        this.onStatus('live', 'live updates on');
        wait = 1000;
        await this.read(r.body);
        if (current()) this.onStatus('reconnecting', 'reconnecting live updates…');
      } catch (e) {
        if (!current()) break;
        this.onStatus('off', `live updates off: ${e.detail || e.message}; retrying`);
        wait = Math.min(wait * 2, 15000);
      }
      if (current()) await new Promise(resolve => setTimeout(resolve, wait));
    }
  }

  async read(stream) {
    const reader = stream.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const {value, done} = await reader.read();
      if (done) return;
      buffer += value.replace(/\r\n?/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        this.dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  }

  dispatch(block) {
    let type = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':') || line === '') continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') type = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length === 0) return;
    let body;
    try {
      body = JSON.parse(data.join('\n'));
    } catch {
      return;
    }
    this.onEvent(type, body);
  }
}
