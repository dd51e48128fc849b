// A PNG encoder for Node (no canvas there): RGBA8888 rows → 8-bit RGBA PNG,
// deflated with node:zlib. Browsers use canvas.toBlob instead.

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes, crc = 0xffffffff) {
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return crc;
}

function chunk(type, data) {
  const out = new Uint8Array(12 + data.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  dv.setUint32(8 + data.length, (crc32(out.subarray(4, 8 + data.length)) ^ 0xffffffff) >>> 0);
  return out;
}

/** PNG bytes of an RGBA image (`stride` bytes per row; alpha forced opaque when `opaque`). */
export async function encodePng(rgba, width, height, stride = width * 4, { opaque = true } = {}) {
  const { deflateSync } = await import('node:zlib');
  const raw = new Uint8Array((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    const o = y * (width * 4 + 1);
    raw[o] = 0; // filter: none
    raw.set(rgba.subarray(y * stride, y * stride + width * 4), o + 1);
    if (opaque) for (let i = o + 4; i < o + 1 + width * 4; i += 4) raw[i] = 255;
  }
  const ihdr = new Uint8Array(13);
  const dv = new DataView(ihdr.buffer);
  dv.setUint32(0, width);
  dv.setUint32(4, height);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit, RGBA, deflate, no filter method, no interlace
  const parts = [new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 6 })), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

/** Decodes a PNG from encodePng or ImageMagick (8-bit RGB/RGBA, non-interlaced): { width, height, data (RGBA) }. */
export async function decodePng(bytes) {
  const { inflateSync } = await import('node:zlib');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let o = 8, width = 0, height = 0, depth = 0, type = 0;
  const idat = [];
  while (o < bytes.length) {
    const len = dv.getUint32(o);
    const t = String.fromCharCode(...bytes.subarray(o + 4, o + 8));
    const d = bytes.subarray(o + 8, o + 8 + len);
    if (t === 'IHDR') { width = dv.getUint32(o + 8); height = dv.getUint32(o + 12); depth = d[8]; type = d[9]; }
    if (t === 'IDAT') idat.push(d);
    o += 12 + len;
  }
  const bpp = { 2: 3, 6: 4, 0: 1, 4: 2 }[type];
  if (depth !== 8 || !bpp) throw new Error(`unsupported PNG: depth ${depth}, colour type ${type}`);
  const raw = inflateSync(Buffer.concat(idat));
  const rowLen = width * bpp;
  const cur = new Uint8Array(rowLen), prev = new Uint8Array(rowLen);
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (rowLen + 1)];
    const src = raw.subarray(y * (rowLen + 1) + 1, (y + 1) * (rowLen + 1));
    for (let i = 0; i < rowLen; i++) {
      const a = i >= bpp ? cur[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
      let v = src[i];
      if (f === 1) v += a;
      else if (f === 2) v += b;
      else if (f === 3) v += (a + b) >> 1;
      else if (f === 4) { const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c); v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c; }
      cur[i] = v & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const s = x * bpp, d = (y * width + x) * 4;
      if (bpp >= 3) { out[d] = cur[s]; out[d + 1] = cur[s + 1]; out[d + 2] = cur[s + 2]; out[d + 3] = bpp === 4 ? cur[s + 3] : 255; }
      else { out[d] = out[d + 1] = out[d + 2] = cur[s]; out[d + 3] = bpp === 2 ? cur[s + 1] : 255; }
    }
    prev.set(cur);
  }
  return { width, height, data: out };
}
