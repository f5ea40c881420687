/**
 * PDF extraction bundled by esbuild as the server and CLI are (one CommonJS file for Node,
 * pdfjs-dist and its worker code inside, nothing external): the bundle builds without warnings,
 * runs in a fresh process, reads a corpus letter and writes nothing but its own output.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { bundlePdfSmoke } from '../../scripts/pdf-smoke';
import { CORPUS } from './support/corpus';

test('the bundled extraction reads a corpus PDF', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'imr-pdf-bundle-'));
  try {
    const outfile = path.join(dir, 'pdf-smoke.js');
    assert.deepEqual(await bundlePdfSmoke(outfile), [], 'no esbuild warnings');
    const pdf = path.join(CORPUS, 'pdf', 'CM16-0224814.pdf');
    // Run from the temporary folder: the bundle must not need node_modules beside it.
    const run = spawnSync(process.execPath, [outfile, pdf], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.status, 0, run.stderr);
    const result = JSON.parse(run.stdout.trim());
    assert.equal(result.firstLine, 'Case Number:          CM16-0224814');
    assert.equal(result.pages, 2);
    // Only the smoke entry's timing line on stderr: no PDF.js warnings.
    assert.match(run.stderr.trim(), /^1 PDFs in \d+ ms/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
