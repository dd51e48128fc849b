// The PDU vector cases: every line of tests/vectors/pdu/cases/*.tsv is
// `kind<TAB>path relative to tests/<TAB>expect` (roundtrip | decode | error);
// blank lines and lines starting with # are comments.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const TESTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_DIR = path.resolve(TESTS_DIR, '..');
export const CASES_DIR = path.join(TESTS_DIR, 'vectors', 'pdu', 'cases');
export const EXPECTS = ['roundtrip', 'decode', 'error'];

/** [{ file, line, kind, path, expect, problem? }] — a malformed line gets a `problem`. */
export function readCases() {
  let files = [];
  try {
    files = readdirSync(CASES_DIR).filter((f) => f.endsWith('.tsv')).sort();
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
  }
  const cases = [];
  for (const file of files) {
    const lines = readFileSync(path.join(CASES_DIR, file), 'utf8').split(/\r?\n/);
    lines.forEach((text, i) => {
      if (!text.trim() || text.trimStart().startsWith('#')) return;
      const [kind, rel, expect, ...rest] = text.split('\t').map((s) => s.trim());
      const c = { file, line: i + 1, kind, path: rel, expect };
      if (!kind || !rel || !EXPECTS.includes(expect) || rest.some((s) => s))
        c.problem = `malformed line (want kind<TAB>path<TAB>${EXPECTS.join('|')}): ${JSON.stringify(text)}`;
      cases.push(c);
    });
  }
  return cases;
}

export function readVector(rel) {
  return new Uint8Array(readFileSync(path.join(TESTS_DIR, rel)));
}
