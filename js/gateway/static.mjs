// Static files for the demo page, served from the gateway's port: GET and HEAD
// only, MIME types the browser needs (application/wasm for streaming
// compilation), index.html for a directory, and nothing outside the root
// (no "..", no symbolic link leading out).
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/** (req, res) handler serving files under dir. */
export function staticHandler(dir) {
  const rootPromise = realpath(path.resolve(dir));
  return async (req, res) => {
    const send = (status, text) => {
      if (res.headersSent) return res.destroy();
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(req.method === 'HEAD' ? undefined : `${text}\n`);
    };
    try {
      const root = await rootPromise;
      let rel;
      try {
        rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      } catch {
        return send(400, 'bad request');
      }
      if (rel.includes('\0') || rel.split(/[\\/]/).includes('..')) return send(403, 'forbidden');
      let file = path.resolve(root, `.${rel}`);
      if (!inside(root, file)) return send(403, 'forbidden');
      let st;
      try {
        file = await realpath(file);
        if (!inside(root, file)) return send(403, 'forbidden');
        st = await stat(file);
        if (st.isDirectory()) {
          if (!rel.endsWith('/')) {
            res.writeHead(301, { location: `${rel}/` });
            return res.end();
          }
          file = await realpath(path.join(file, 'index.html'));
          if (!inside(root, file)) return send(403, 'forbidden');
          st = await stat(file);
        }
      } catch {
        return send(404, 'not found');
      }
      if (!st.isFile()) return send(404, 'not found');
      res.writeHead(200, {
        'content-type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': st.size,
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      });
      if (req.method === 'HEAD') return res.end();
      const stream = createReadStream(file);
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    } catch {
      send(500, 'internal error');
    }
  };
}

function inside(root, file) {
  return file === root || file.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}
