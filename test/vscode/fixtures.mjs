// Workspaces for the VS Code tests: letters from the shared corpus, one sample letter
// named *.imr.txt, an ordinary note, a corpus PDF letter and a text file named .pdf. Used by test/vscode/run-electron.mjs and by the
// e2e harness (scripts/e2e/run.mjs).
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CORPUS = process.env.IMR_CORPUS || join(repo, '..', 'shared', 'corpus');
export const SEED_NAME = '000_302bd7f50b142580.txt';
export const NOTE_NAME = 'note.txt';
export const IMR_TXT_NAME = 'sample.imr.txt';
export const API_MARKER = 'imr-vscode-tests.json';
/** A corpus PDF letter (three Upheld items, two chapter-mismatch warnings in its text). */
export const PDF_NAME = 'CM17-0002106.pdf';
/** A text file named .pdf: opening it as a letter gives the not-pdf message. */
export const NOT_PDF_NAME = 'scan-notes.pdf';

const NOTE = `Groceries and errands

- milk, bread, apples
- return the library books
- call the plumber about the kitchen tap

Nothing in this note is a determination letter.
`;

/**
 * Fills `dir` with the seed letter, `extraLetters` more corpus letters (paths relative to the
 * corpus), samples/chapter-mismatch.txt as sample.imr.txt, note.txt, the PDF letter PDF_NAME and
 * NOT_PDF_NAME (the note's text under a .pdf name).
 */
export function writeWorkspace(dir, { extraLetters = [], resultsFile } = {}) {
  const seed = join(CORPUS, 'seeds', SEED_NAME);
  if (!existsSync(seed)) throw new Error(`the corpus letter ${seed} is missing (set IMR_CORPUS to the corpus folder)`);
  mkdirSync(dir, { recursive: true });
  copyFileSync(seed, join(dir, SEED_NAME));
  for (const rel of extraLetters) copyFileSync(join(CORPUS, rel), join(dir, rel.split('/').pop()));
  copyFileSync(join(repo, 'samples', 'chapter-mismatch.txt'), join(dir, IMR_TXT_NAME));
  writeFileSync(join(dir, NOTE_NAME), NOTE);
  copyFileSync(join(CORPUS, 'pdf', PDF_NAME), join(dir, PDF_NAME));
  writeFileSync(join(dir, NOT_PDF_NAME), NOTE);
  if (resultsFile) writeFileSync(join(dir, API_MARKER), JSON.stringify({ resultsFile }, null, 2));
  return dir;
}
