/**
 * The server in Emacs (Debian's emacs-nox 28 with elpa-eglot 1.9), configured exactly as the README
 * shows (test/editors/eglot-init.el), driven headless by test/editors/eglot-collect.el: the letter
 * opens in imr-mode, eglot connects to `imr-language-server --stdio`, flymake shows the findings at
 * the levels the configuration sets, and the outline answers.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Diagnostic, DocumentSymbol } from 'vscode-languageserver-protocol/node';
import { ISSUES, SECTION_NAMES, SEED_000_CODES, SEED_000_ITEMS } from '../protocol/support/fixtures';
import { requireProgram, sandbox } from './support';

interface EglotResult {
  mode?: string;
  error?: string;
  diagnostics?: Array<{ line: number; type: string; text: string }>;
  published?: Diagnostic[];
  symbols?: DocumentSymbol[];
}

test('Emacs eglot with the README configuration: imr-mode, flymake findings at the configured levels, the outline', { timeout: 120_000 }, (t) => {
  t.diagnostic(requireProgram('emacs', ['--version'], 'emacs-nox elpa-eglot'));
  const box = sandbox('letter.imr.txt');
  const out = path.join(box.dir, 'result.json');
  const started = Date.now();
  const r = spawnSync('emacs', ['--batch', '-Q', '-l', path.join(__dirname, 'eglot-collect.el')], {
    env: { ...box.env, IMR_INIT: path.join(__dirname, 'eglot-init.el'), IMR_FILE: box.file, IMR_OUT: out, IMR_WANT_DIAGNOSTICS: String(SEED_000_CODES.length) },
    encoding: 'utf8',
    timeout: 90_000,
  });
  assert.ok(existsSync(out), `Emacs wrote no result (status ${r.status}, signal ${r.signal}; is elpa-eglot installed?); stderr:\n${r.stderr}`);
  const result = JSON.parse(readFileSync(out, 'utf8')) as EglotResult;
  assert.equal(result.error, undefined, `the Emacs run failed: ${result.error}\nstderr:\n${r.stderr}`);
  assert.equal(result.mode, 'imr-mode', 'auto-mode-alist: *.imr.txt opens in imr-mode');

  // flymake's view: the configuration made chapter-mismatch an error, the rest keep their default (warning).
  const shown = (result.diagnostics ?? []).map((d) => ({ code: /\[([a-z-]+)\]/.exec(d.text)?.[1], type: d.type }));
  assert.deepEqual(shown.map((d) => d.code).sort(), SEED_000_CODES);
  for (const d of shown) assert.equal(d.type, d.code === 'chapter-mismatch' ? 'eglot-error' : 'eglot-warning', JSON.stringify(d));
  assert.deepEqual((result.published ?? []).map((d) => String(d.code)).sort(), SEED_000_CODES);

  // eglot asks for hierarchical symbols.
  const symbols = result.symbols ?? [];
  assert.deepEqual(symbols.map((s) => s.name), [...SECTION_NAMES]);
  assert.deepEqual(symbols.find((s) => s.name === ISSUES)?.children?.map((c) => c.name), SEED_000_ITEMS.map((i) => `Upheld · ${i}`));
  t.diagnostic(`Emacs + eglot: whole run ${Date.now() - started} ms`);
});
