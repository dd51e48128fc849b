// The renderer: damage in, pixels out. The wasm image is RGBA8888 top-down,
// the byte order of ImageData, so a dirty rectangle goes from wasm memory to
// the canvas without a copy in JS: an ImageData over the rows it spans, and
// putImageData with the rectangle as the dirty region. Damage is coalesced and
// painted once per animation frame (with a timer as a fallback for hidden tabs).

const MAX_RECTS = 24;       // more pending rectangles than this are merged into their bounds
const FALLBACK_MS = 250;    // paint even when no animation frame comes (background tab)

export class Renderer {
  /** @param canvas an HTMLCanvasElement; image() → { ptr, width, height, stride }; memory() → ArrayBuffer */
  constructor(canvas, image, memory) {
    this.canvas = canvas;
    this.image = image;
    this.memory = memory;
    this.ctx = canvas.getContext('2d', { alpha: false });
    this.rects = [];
    this.scale = 'fit';
    this.frames = 0;
    this._scheduled = false;
    const { width, height } = image();
    this.resize(width, height);
    if (typeof ResizeObserver === 'function' && canvas.parentElement) {
      this._ro = new ResizeObserver(() => this.layout());
      this._ro.observe(canvas.parentElement);
    }
  }

  /** The framebuffer changed size (activation or reactivation). */
  resize(width, height) {
    this.width = width;
    this.height = height;
    this.canvas.width = width;
    this.canvas.height = height;
    this.rects = [{ x: 0, y: 0, width, height }];
    this.layout();
    this.schedule();
  }

  /** A rectangle of the image changed. */
  damage(x, y, width, height) {
    const r = clip({ x, y, width, height }, this.width, this.height);
    if (!r) return;
    const rs = this.rects;
    rs.push(r);
    if (rs.length > MAX_RECTS) this.rects = [bounds(rs)];
    this.schedule();
  }

  schedule() {
    if (this._scheduled || this._gone) return;
    this._scheduled = true;
    const run = () => {
      if (!this._scheduled) return;
      this._scheduled = false;
      if (typeof cancelAnimationFrame === 'function') cancelAnimationFrame(this._raf);
      clearTimeout(this._timer);
      this.paint();
    };
    this._raf = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(run) : 0;
    this._timer = setTimeout(run, FALLBACK_MS);
  }

  /** Copies every pending rectangle into the canvas now. */
  paint() {
    const rects = this.rects;
    if (!rects.length) return;
    this.rects = [];
    const { ptr, width, height, stride } = this.image();
    if (!ptr || width !== this.width || height !== this.height) return;
    const buffer = this.memory();
    const rowPixels = stride >> 2;
    for (const r of rects) {
      // Rows y .. y+h of the image, full stride: the rectangle is the dirty region inside it.
      const data = new Uint8ClampedArray(buffer, ptr + r.y * stride, r.height * stride);
      const img = new ImageData(data, rowPixels, r.height);
      this.ctx.putImageData(img, 0, r.y, r.x, 0, r.width, r.height);
    }
    this.frames++;
  }

  /** 'fit': as large as the container allows, aspect kept; 'real': one image pixel per device pixel. */
  setScale(mode) {
    this.scale = mode === 'real' ? 'real' : 'fit';
    this.layout();
  }

  layout() {
    const c = this.canvas, dpr = globalThis.devicePixelRatio || 1;
    let cssW = this.width / dpr, cssH = this.height / dpr;
    if (this.scale === 'fit' && c.parentElement) {
      const p = c.parentElement;
      const cs = getComputedStyle(p);
      const aw = p.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      const ah = p.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom);
      if (aw > 0) {
        const k = ah > 0 ? Math.min(aw / this.width, ah / this.height) : aw / this.width;
        cssW = this.width * k;
        cssH = this.height * k;
      }
    }
    c.style.width = `${cssW}px`;
    c.style.height = `${cssH}px`;
    // Crisp pixels when an image pixel covers more than one device pixel.
    c.style.imageRendering = cssW * dpr > this.width + 0.5 ? 'pixelated' : 'auto';
  }

  /** Maps a client (CSS) point to an image pixel, clamped to the image. */
  toImage(clientX, clientY) {
    const b = this.canvas.getBoundingClientRect();
    const x = b.width ? (clientX - b.left) * this.width / b.width : 0;
    const y = b.height ? (clientY - b.top) * this.height / b.height : 0;
    return { x: Math.max(0, Math.min(this.width - 1, Math.floor(x))),
      y: Math.max(0, Math.min(this.height - 1, Math.floor(y))) };
  }

  destroy() {
    this._gone = true;
    this._scheduled = false;
    clearTimeout(this._timer);
    if (typeof cancelAnimationFrame === 'function') cancelAnimationFrame(this._raf);
    this._ro?.disconnect();
  }
}

function clip(r, w, h) {
  const x0 = Math.max(0, r.x | 0), y0 = Math.max(0, r.y | 0);
  const x1 = Math.min(w, (r.x | 0) + (r.width | 0)), y1 = Math.min(h, (r.y | 0) + (r.height | 0));
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : null;
}

function bounds(rs) {
  let x0 = Infinity, y0 = Infinity, x1 = 0, y1 = 0;
  for (const r of rs) {
    x0 = Math.min(x0, r.x); y0 = Math.min(y0, r.y);
    x1 = Math.max(x1, r.x + r.width); y1 = Math.max(y1, r.y + r.height);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
