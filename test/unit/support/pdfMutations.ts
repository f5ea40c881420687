/**
 * Damaged PDFs for the fuzz run and its CI share: a small hand-made PDF (two pages of text) with
 * random bytes changed, runs cut out, junk inserted or its end cut off. Whatever the damage,
 * extraction must resolve, to text or to one of its problem codes, within its time limit.
 */
import fc from 'fast-check';
import { extractPdfText, isPdfProblem } from '../../../server/src/pdf/extract';
import { pdfWithPages, textContent } from './pdfFiles';

const BASE = pdfWithPages([textContent(['Case Number: CM99-0000001', 'IMR ISSUES, DECISIONS AND RATIONALES']), textContent(['MRI of the knee: Upheld'])]);
const CODES = new Set(['not-pdf', 'encrypted', 'corrupt', 'no-text', 'too-many-pages', 'timeout']);
/** Short: a damaged file that makes PDF.js loop must show up as a timeout, not stall the run. */
const TIMEOUT_MS = 3_000;

type Mutation = { kind: 'set'; at: number; byte: number } | { kind: 'cut'; at: number; length: number } | { kind: 'insert'; at: number; bytes: number[] } | { kind: 'truncate'; at: number };

const position = fc.double({ min: 0, max: 1, noNaN: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('set' as const), at: position.map((p) => Math.floor(p * BASE.length)), byte: fc.integer({ min: 0, max: 255 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cut' as const), at: position.map((p) => Math.floor(p * BASE.length)), length: fc.integer({ min: 1, max: 64 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: position.map((p) => Math.floor(p * BASE.length)), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 32 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: position.map((p) => Math.floor(p * BASE.length)) }) },
);

function mutate(mutations: readonly Mutation[]): Uint8Array {
  let bytes = Array.from(BASE);
  for (const m of mutations) {
    const at = Math.min(m.at, bytes.length);
    if (m.kind === 'set' && at < bytes.length) bytes[at] = m.byte;
    else if (m.kind === 'cut') bytes.splice(at, m.length);
    else if (m.kind === 'insert') bytes.splice(at, 0, ...m.bytes);
    else if (m.kind === 'truncate') bytes = bytes.slice(0, at);
  }
  return Uint8Array.from(bytes);
}

export const PDF_MUTATION_PROPERTY = {
  name: 'damaged PDFs: extraction resolves to text or a problem within its time limit',
  ciRuns: 40,
  // About 300 of the fuzz run's 100,000 cases: each case runs PDF.js, milliseconds rather than microseconds.
  weight: 0.4,
  property: () =>
    fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 8 }), async (mutations) => {
      const started = Date.now();
      const result = await extractPdfText(mutate(mutations), { timeoutMs: TIMEOUT_MS });
      const ms = Date.now() - started;
      if (ms > TIMEOUT_MS + 2_000) throw new Error(`extraction took ${ms} ms, past its ${TIMEOUT_MS} ms limit`);
      if (isPdfProblem(result)) {
        if (!CODES.has(result.problem) || typeof result.message !== 'string' || result.message === '') throw new Error(`bad problem ${JSON.stringify(result)}`);
      } else if (typeof result.text !== 'string' || result.pageStarts.length !== result.pages) {
        throw new Error(`bad text result: ${result.pages} pages, ${result.pageStarts.length} page starts`);
      }
    }),
};
