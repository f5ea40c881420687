/**
 * The golden snapshot of what the core answers: `imr extract --format json` and
 * `imr check --format json` for every corpus letter, every re-extracted variant
 * the unit tests make of it, and every sample letter. Any change to what the
 * parser or the rules answer shows up as a difference here, so a refactor can
 * prove it changed nothing, and a deliberate change is reviewed line by line.
 *
 * The snapshot is stored as JSON Lines, one file a line with its path relative
 * to the input folder, so that `git diff` shows which letters changed.
 * `npm run golden` compares; `npm run golden -- --update` rewrites the snapshot.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { corpusLetters, VARIANTS } from '../unit/support/corpus';
import { imr, SAMPLES } from '../cli/support';
import { readdirSync } from 'node:fs';

export const GOLDEN_DIR = __dirname;
export const KINDS = ['extract', 'check'] as const;
export type Kind = (typeof KINDS)[number];

export function goldenPath(kind: Kind): string {
  return path.join(GOLDEN_DIR, `${kind}.jsonl`);
}

/** Writes every input letter under a fresh folder: corpus/<dir>/<name>.txt, variants/<variant>/<dir>/<name>.txt, samples/<name>.txt. */
function writeInputs(root: string): void {
  const put = (relative: string, text: string) => {
    const file = path.join(root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  };
  for (const letter of corpusLetters()) {
    put(path.join('corpus', letter.name), letter.text);
    for (const [variant, make] of Object.entries(VARIANTS)) put(path.join('variants', variant, letter.name), make(letter.text));
  }
  for (const name of readdirSync(SAMPLES)) {
    if (name.endsWith('.txt')) put(path.join('samples', name), readFileSync(path.join(SAMPLES, name), 'utf8'));
  }
}

/** One JSON line per file, sorted by path, paths relative to the input folder with `/`. */
function toLines(output: string, root: string): string {
  const parsed = JSON.parse(output) as { files: Array<{ path: string }> };
  const rows = parsed.files.map((f) => ({ ...f, path: path.relative(root, f.path).split(path.sep).join('/') }));
  rows.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

/** What the bundled CLI (dist/cli.js, built beforehand) answers today, per kind. */
export function currentAnswers(): Record<Kind, string> {
  const root = mkdtempSync(path.join(tmpdir(), 'imr-golden-'));
  try {
    writeInputs(root);
    const out = {} as Record<Kind, string>;
    for (const kind of KINDS) {
      const run = imr([kind, '--format', 'json', root], { IMR_WORKERS: '1' });
      // check exits 1 when a letter has an error-level finding: that is an answer, not a failure.
      if (run.code !== 0 && run.code !== 1) throw new Error(`imr ${kind} exited ${run.code}: ${run.stderr}`);
      out[kind] = toLines(run.stdout, root);
    }
    return out;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export function storedAnswers(kind: Kind): string | undefined {
  const file = goldenPath(kind);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** The paths whose lines differ between two snapshots (added, removed or changed). */
export function changedPaths(stored: string, current: string): string[] {
  const byPath = (s: string) => new Map(s.split('\n').filter(Boolean).map((line) => [(JSON.parse(line) as { path: string }).path, line]));
  const a = byPath(stored);
  const b = byPath(current);
  const changed: string[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) if (a.get(key) !== b.get(key)) changed.push(key);
  return changed.sort();
}
