// The server's pointer as a CSS cursor: the RGBA shape becomes a PNG data URL
// with its hotspot (`cursor: url(...) x y, auto`); hidden → none; the system
// default → default. Browsers ignore cursors larger than 128×128 (and some
// larger than 32×32 near the screen edge); larger shapes are cut to 128.

const MAX = 128;

/** Builds the CSS `cursor` value for a pointer event; `rgba` is a copy of the shape's pixels. */
export function cursorCss(ev, rgba, doc = globalThis.document) {
  if (ev.hidden) return 'none';
  if (ev.default || !ev.width || !ev.height || !rgba || !doc) return 'default';
  const w = Math.min(ev.width, MAX), h = Math.min(ev.height, MAX);
  const canvas = doc.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(w, h);
  for (let y = 0; y < h; y++) img.data.set(rgba.subarray(y * ev.width * 4, y * ev.width * 4 + w * 4), y * w * 4);
  ctx.putImageData(img, 0, 0);
  const hx = Math.min(ev.hotspotX | 0, w - 1), hy = Math.min(ev.hotspotY | 0, h - 1);
  return `url(${canvas.toDataURL('image/png')}) ${hx} ${hy}, auto`;
}
