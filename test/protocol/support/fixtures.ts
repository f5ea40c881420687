/** Fixture letters, text positions and range checks shared by the protocol tests. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, DocumentSymbol, Position, Range, SymbolInformation } from 'vscode-languageserver-protocol/node';
import { REPO_ROOT } from './lspClient';

export const CORPUS = path.resolve(REPO_ROOT, '../shared/corpus');
export const SAMPLES = path.join(REPO_ROOT, 'samples');
export const SEED_000 = 'seeds/000_302bd7f50b142580.txt';
/** What the seed letter has wrong, as `codes()` lists it: two mismatched chapters, two MAXIMUS fields disowning the MTUS their rationales use. */
export const SEED_000_CODES = ['chapter-mismatch', 'chapter-mismatch', 'mtus-basis-contradiction', 'mtus-basis-contradiction'];
/** The same without the chapter-mismatch check. */
export const SEED_000_OTHER_CODES = ['mtus-basis-contradiction', 'mtus-basis-contradiction'];

export const SECTION_NAMES = ['HOW THE IMR FINAL DETERMINATION WAS MADE', 'CLINICAL CASE SUMMARY', 'IMR ISSUES, DECISIONS AND RATIONALES'] as const;
export const ISSUES = SECTION_NAMES[2];
export const FIELD_NAMES = ['Claims Administrator guideline', 'MAXIMUS guideline', 'Decision rationale'] as const;

/** The four disputed items of seeds/000, in order; all Upheld. */
export const SEED_000_ITEMS = [
  'MRI of The Cervical Spine',
  'MRI of The Lumbar Spine',
  'Electromyography (EMG) of The Bilateral Upper Extremities',
  'Nerve Conduction Velocity (NCV) of The Bilateral Upper Extremities',
] as const;

export function corpusLetter(relative: string): string {
  const file = path.join(CORPUS, relative);
  if (!existsSync(file)) {
    assert.fail(`Corpus letter missing: expected ${relative} at ${file} (the shared corpus lives in the repository's sibling folder ../shared/corpus).`);
  }
  return readFileSync(file, 'utf8');
}

export function sample(name: string): string {
  const file = path.join(SAMPLES, name);
  if (!existsSync(file)) assert.fail(`Sample letter missing: ${file}`);
  return readFileSync(file, 'utf8');
}

let counter = 0;
/** A distinct file URI per call, so documents never collide between tests sharing a server. */
export function docUri(name: string): string {
  counter++;
  return pathToFileURL(path.join(REPO_ROOT, '.protocol-test', `${counter}-${name}`)).toString();
}

// ---- lines and positions (LSP rules: \r\n, \n and \r each end a line; columns are UTF-16 units) ----

let cachedText: string | undefined;
let cachedStarts: number[] = [];

/** Offsets where lines start (cached for the last text: range checks on a 2 MB document call this thousands of times). */
export function lineStarts(text: string): number[] {
  if (text === cachedText) return cachedStarts;
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) starts.push(i + 1);
  }
  cachedText = text;
  cachedStarts = starts;
  return starts;
}

export function positionAt(text: string, offset: number): Position {
  const starts = lineStarts(text);
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}

export function offsetAt(text: string, pos: Position): number {
  const starts = lineStarts(text);
  return starts[pos.line] + pos.character;
}

export function rangeOf(text: string, start: number, end: number): Range {
  return { start: positionAt(text, start), end: positionAt(text, end) };
}

export function textIn(text: string, range: Range): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

/** 0-based line of the first line at or after `fromLine` that satisfies `test`; fails when there is none. */
export function findLine(text: string, test: (line: string) => boolean, fromLine = 0, what = 'line'): number {
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = fromLine; i < lines.length; i++) if (test(lines[i])) return i;
  return assert.fail(`fixture changed? no ${what} found from line ${fromLine + 1}`);
}

/** Offset of the n-th (0-based) occurrence of `needle`; fails when missing. */
export function indexOfNth(text: string, needle: string, n = 0): number {
  let at = -1;
  for (let k = 0; k <= n; k++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) assert.fail(`fixture changed? occurrence ${n + 1} of ${JSON.stringify(needle)} not found`);
  }
  return at;
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function rangeContains(outer: Range, inner: Range): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}

export function fmt(r: Range): string {
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
}

/** Every position is a real place in `text`: an existing line, a column within that line's content. */
export function assertRangeInDocument(text: string, range: Range, what: string): void {
  const starts = lineStarts(text);
  for (const p of [range.start, range.end]) {
    assert.ok(Number.isInteger(p.line) && Number.isInteger(p.character), `${what}: non-integer position ${JSON.stringify(p)}`);
    assert.ok(p.line >= 0 && p.line < starts.length, `${what}: line ${p.line} outside the document's ${starts.length} lines`);
    const lineEnd = p.line + 1 < starts.length ? starts[p.line + 1] : text.length;
    const contentEnd = text.slice(starts[p.line], lineEnd).replace(/(\r\n|\r|\n)$/, '').length;
    assert.ok(p.character >= 0 && p.character <= contentEnd, `${what}: column ${p.character} outside line ${p.line} (length ${contentEnd})`);
  }
  assert.ok(comparePositions(range.start, range.end) <= 0, `${what}: range ${fmt(range)} ends before it starts`);
}

// ---- symbols and diagnostics ----

export function isDocumentSymbols(symbols: DocumentSymbol[] | SymbolInformation[]): symbols is DocumentSymbol[] {
  return symbols.every((s) => 'range' in s && 'selectionRange' in s && !('location' in s));
}

/** Depth-first, document order, with the parent's name. */
export function flatten(symbols: DocumentSymbol[], parent?: string, out: Array<{ symbol: DocumentSymbol; parent?: string }> = []): Array<{ symbol: DocumentSymbol; parent?: string }> {
  for (const s of symbols) {
    out.push({ symbol: s, parent });
    flatten(s.children ?? [], s.name, out);
  }
  return out;
}

/** selectionRange inside range, children inside their parent, everything inside the document. */
export function assertSymbolTreeWellFormed(text: string, symbols: DocumentSymbol[], parent?: DocumentSymbol): void {
  for (const s of symbols) {
    assertRangeInDocument(text, s.range, `range of "${s.name}"`);
    assertRangeInDocument(text, s.selectionRange, `selectionRange of "${s.name}"`);
    assert.ok(rangeContains(s.range, s.selectionRange), `selectionRange ${fmt(s.selectionRange)} of "${s.name}" is outside its range ${fmt(s.range)}`);
    if (parent) assert.ok(rangeContains(parent.range, s.range), `"${s.name}" ${fmt(s.range)} is outside its parent "${parent.name}" ${fmt(parent.range)}`);
    assertSymbolTreeWellFormed(text, s.children ?? [], s);
  }
}

export function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code)).sort();
}

export function ofCode(diagnostics: Diagnostic[], code: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

/** The message as plain text: the client declared no markup support for diagnostic messages. */
export function messageOf(d: Diagnostic): string {
  assert.equal(typeof d.message, 'string', `diagnostic ${d.code} has a non-string message: ${JSON.stringify(d.message)}`);
  return d.message as string;
}

export function describeDiagnostics(diagnostics: Diagnostic[]): string {
  return diagnostics.map((d) => `  ${fmt(d.range)} [${d.code}] sev ${d.severity}: ${typeof d.message === 'string' ? d.message : d.message.value}`).join('\n') || '  (none)';
}

/** Deterministic pseudo-random numbers (mulberry32), so a failing fuzz case can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
