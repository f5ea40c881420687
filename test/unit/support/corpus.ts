/** Access to the shared letter corpus beside the repository (../shared/corpus). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export const CORPUS = path.resolve(__dirname, '../../../../shared/corpus');
export const SAMPLES = path.resolve(__dirname, '../../../samples');

export interface CorpusLetter {
  /** Path relative to the corpus root, e.g. "letters/CM16-0249320.txt". */
  name: string;
  text: string;
}

export function corpusLetters(): CorpusLetter[] {
  if (!existsSync(CORPUS)) {
    throw new Error(`The shared corpus is missing: expected it at ${CORPUS} (the repository's sibling folder shared/corpus).`);
  }
  const out: CorpusLetter[] = [];
  for (const dir of ['seeds', 'letters', 'reading-order']) {
    for (const f of readdirSync(path.join(CORPUS, dir)).sort()) {
      if (f.endsWith('.txt')) out.push({ name: `${dir}/${f}`, text: readFileSync(path.join(CORPUS, dir, f), 'utf8') });
    }
  }
  return out;
}

export function sample(name: string): string {
  return readFileSync(path.join(SAMPLES, name), 'utf8');
}

/** Other extractions of the same text, as a parser meets them in the wild. */
export const VARIANTS: Record<string, (text: string) => string> = {
  crlf: (t) => t.replace(/\r?\n/g, '\r\n'),
  'double-spaced': (t) => t.replace(/\r?\n/g, ' \n\n'),
  'no-blank-lines': (t) => t.replace(/(\r?\n)(?:[ \t]*\r?\n)+/g, '$1'),
  'page-breaks': (t) => t.replace(/(\n[^\n]{60,}\n)/g, (m, line: string, offset: number) => (offset % 7 === 0 ? `${line}\n\n` : m)),
  'trailing-spaces': (t) => t.replace(/\r?\n/g, '   \n'),
};
