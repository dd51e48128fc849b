// Sound from the server (the rdpsnd channel, decoded to 16-bit PCM in the core)
// played with Web Audio: each block scheduled right after the previous one,
// at least `latencyMs` ahead of the clock (a small jitter buffer; the core
// reports the same delay in its Wave Confirms so the server paces its stream).
// Browsers only let an AudioContext run after a user gesture: start() from a
// click or a key press (Session does it on the first one); blocks that arrive
// before are dropped.
export const AUDIO_LATENCY_MS = 150;

export class AudioPlayer {
  constructor({ latencyMs = AUDIO_LATENCY_MS, AudioContext = globalThis.AudioContext ?? globalThis.webkitAudioContext } = {}) {
    this.latency = latencyMs / 1000;
    this._Ctx = AudioContext;
    this.ctx = null;
    this.gain = null;
    this.muted = false;
    this.next = 0;       // context time the next block starts at
    this.played = 0;     // blocks scheduled
    this.dropped = 0;    // blocks that came before start() (or without Web Audio)
  }

  get supported() { return typeof this._Ctx === 'function'; }
  get running() { return this.ctx?.state === 'running'; }

  /** Creates (or resumes) the AudioContext; call it from a user gesture. */
  start() {
    if (!this.supported) return false;
    if (!this.ctx) {
      this.ctx = new this._Ctx();
      this.gain = this.ctx.createGain();
      this.gain.gain.value = this.muted ? 0 : 1;
      this.gain.connect(this.ctx.destination);
    }
    if (this.ctx.state === 'suspended') this.ctx.resume().catch(() => {});
    return true;
  }

  setMuted(muted) {
    this.muted = !!muted;
    if (this.gain) this.gain.gain.value = this.muted ? 0 : 1;
  }

  /** One block: interleaved int16 samples, `channels` a frame, at `rate` Hz. */
  push({ rate, channels, frames, samples }) {
    const ctx = this.ctx;
    if (!ctx || ctx.state !== 'running' || !frames || !channels) { this.dropped++; return false; }
    const buf = ctx.createBuffer(channels, frames, rate);
    for (let ch = 0; ch < channels; ch++) {
      const out = buf.getChannelData(ch);
      for (let i = 0, j = ch; i < frames; i++, j += channels) out[i] = samples[j] / 32768;
    }
    const src = ctx.createBufferSource();
    src.buffer = buf;
    src.connect(this.gain);
    const now = ctx.currentTime;
    // Late (an underrun, or the first block): start again a jitter buffer ahead.
    if (this.next < now + 0.01) this.next = now + this.latency;
    // Too far ahead (the server sends faster than real time): drop to keep the delay bounded.
    if (this.next > now + this.latency * 4) { this.dropped++; return false; }
    src.start(this.next);
    this.next += frames / rate;
    this.played++;
    return true;
  }

  close() {
    this.ctx?.close().catch(() => {});
    this.ctx = this.gain = null;
  }
}
