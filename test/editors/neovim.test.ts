/**
 * The server in another real editor: headless Neovim (Debian's `neovim`, 0.7.2) with its built-in
 * LSP client starts dist/server.js --stdio on a real letter (test/editors/neovim.lua). Neovim 0.7
 * asks for hierarchical symbols, has no pull diagnostics (the server pushes) and answers
 * workspace/configuration with null unless `settings` names the section.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Diagnostic, DocumentSymbol } from 'vscode-languageserver-protocol/node';
import { assertRangeInDocument, assertSymbolTreeWellFormed, CORPUS, ISSUES, SECTION_NAMES, SEED_000, SEED_000_CODES, SEED_000_ITEMS, SEED_000_OTHER_CODES } from '../protocol/support/fixtures';
import { REPO_ROOT, SERVER_PATH } from '../protocol/support/lspClient';
import { sandbox } from './support';

const SCRIPT = path.join(__dirname, 'neovim.lua');

interface BufferDiagnostic {
  lnum: number;
  col: number;
  severity: number;
  code: string;
  source: string;
  message: string;
}

interface NeovimResult {
  ok: boolean;
  nvim: string;
  error?: string;
  steps: Array<{ step: string }>;
  capabilities?: { documentSymbolProvider: boolean; diagnosticProvider: boolean };
  symbols?: DocumentSymbol[];
  published: Array<{ version?: number; diagnostics: Diagnostic[] }>;
  diagnostics?: BufferDiagnostic[];
  after_edit?: { published: { version?: number; diagnostics: Diagnostic[] }; symbols: DocumentSymbol[]; diagnostics: BufferDiagnostic[] };
  logs: Array<{ type: number; message: string }>;
  /** workspace/configuration requests and Neovim's answers (an empty Lua table may come back as {}). */
  asked: Array<{ items: Array<{ section?: string; scopeUri?: string }>; answer: unknown[] }> | Record<string, never>;
  server_exit?: { code: number; signal: number };
}

function nvimVersion(): string {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    assert.fail(`Neovim is not installed (nvim --version: ${r.error?.message ?? r.stderr}); on Debian: apt-get install neovim (.ci/run does this)`);
  }
  return r.stdout.split('\n')[0];
}

/** Copies the seed letter into a fresh folder and runs the Lua driver on it. */
function runNeovim(env: Record<string, string>): { result: NeovimResult; text: string; ms: number } {
  assert.ok(existsSync(SERVER_PATH), `${SERVER_PATH} is missing: npm run build first`);
  const dir = mkdtempSync(path.join(tmpdir(), 'imr-nvim-'));
  const file = path.join(dir, 'letter.txt');
  copyFileSync(path.join(CORPUS, SEED_000), file);
  const out = path.join(dir, 'result.json');
  const started = Date.now();
  const r = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${SCRIPT}`], {
    cwd: REPO_ROOT,
    // Neovim's own stdout is its UI channel: the result comes back through IMR_OUT.
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    timeout: 90_000,
    env: {
      ...process.env,
      // Keep Neovim's state and logs (lsp.log) out of the home folder.
      XDG_STATE_HOME: path.join(dir, 'state'),
      XDG_CACHE_HOME: path.join(dir, 'cache'),
      XDG_DATA_HOME: path.join(dir, 'data'),
      XDG_CONFIG_HOME: path.join(dir, 'config'),
      IMR_LSP_CMD: JSON.stringify([process.execPath, SERVER_PATH, '--stdio']),
      IMR_FILE: file,
      IMR_OUT: out,
      ...env,
    },
  });
  const ms = Date.now() - started;
  assert.ok(existsSync(out), `Neovim wrote no result (status ${r.status}, signal ${r.signal}); stderr:\n${r.stderr}`);
  const result = JSON.parse(readFileSync(out, 'utf8')) as NeovimResult;
  assert.ok(result.ok, `the Neovim run failed: ${result.error}\nsteps: ${JSON.stringify(result.steps)}\nstderr:\n${r.stderr}`);
  assert.equal(r.status, 0, `nvim exited with ${r.status}; stderr:\n${r.stderr}`);
  return { result, text: readFileSync(file, 'utf8'), ms };
}

const codesOf = (list: Array<{ code?: unknown }>) => list.map((d) => String(d.code)).sort();
const FIRST_ITEM = `${SEED_000_ITEMS[0]}: Upheld`;

test('Neovim 0.7: hierarchical symbols and pushed diagnostics for a real letter, then an edit typed in the buffer', { timeout: 120_000 }, (t) => {
  t.diagnostic(nvimVersion());
  const { result, text, ms } = runNeovim({ IMR_EDIT: `${FIRST_ITEM}=>${SEED_000_ITEMS[0]}: Overturned` });

  assert.equal(result.capabilities?.documentSymbolProvider, true);
  assert.equal(result.capabilities?.diagnosticProvider, false, 'Neovim 0.7 cannot pull: the server must not offer pull diagnostics');

  // Symbols: Neovim declares hierarchicalDocumentSymbolSupport, so it gets the tree.
  const symbols = result.symbols ?? [];
  assert.ok(symbols.every((s) => 'selectionRange' in s), 'expected DocumentSymbol[] (hierarchical)');
  assert.deepEqual(symbols.map((s) => s.name), [...SECTION_NAMES]);
  const issues = symbols.find((s) => s.name === ISSUES);
  assert.deepEqual(issues?.children?.map((c) => c.name), SEED_000_ITEMS.map((i) => `Upheld · ${i}`));
  assertSymbolTreeWellFormed(text, symbols);

  // Pushed diagnostics, as received and as vim.diagnostic holds them for the buffer.
  const first = result.published[0];
  assert.equal(typeof first.version, 'number', 'diagnostics are published for a version');
  assert.deepEqual(codesOf(first.diagnostics), SEED_000_CODES);
  for (const d of first.diagnostics) assertRangeInDocument(text, d.range, String(d.code));
  assert.deepEqual(codesOf(result.diagnostics ?? []), SEED_000_CODES);
  assert.ok((result.diagnostics ?? []).every((d) => d.source === 'imr' && d.severity === 2), 'every finding of the seed letter is a warning (vim.diagnostic.severity.WARN)');

  // The edit went over Neovim's incremental didChange: the outcome now contradicts the rationale.
  const after = result.after_edit;
  assert.ok(after, 'no result for the edit');
  assert.deepEqual(codesOf(after.published.diagnostics), [...SEED_000_CODES, 'outcome-contradiction'].sort());
  const contradiction = after.diagnostics.find((d) => d.code === 'outcome-contradiction');
  const editedLine = text.split(/\r\n|\r|\n/).findIndex((l) => l.includes(FIRST_ITEM));
  assert.equal(contradiction?.lnum, editedLine, 'the contradiction is reported on the edited title');
  assert.equal(contradiction?.severity, 1, 'outcome-contradiction is an error (vim.diagnostic.severity.ERROR)');
  assert.equal(after.symbols.find((s) => s.name === ISSUES)?.children?.[0]?.name, `Overturned · ${SEED_000_ITEMS[0]}`);

  assert.deepEqual(result.logs.filter((l) => l.type === 1), [], 'the server logged errors');
  assert.deepEqual(result.server_exit, { code: 0, signal: 0 }, 'the server ends cleanly when Neovim stops it');
  t.diagnostic(`Neovim ${result.nvim}: whole run ${ms} ms`);
});

const askedOf = (r: NeovimResult) => (Array.isArray(r.asked) ? r.asked : []);
const SETTINGS = { imrDetermination: { validate: { chapterMismatch: 'ignore', mtusBasisContradiction: 'error' } } };

test('Neovim 0.7: settings pushed with didChangeConfiguration (as nvim-lspconfig sends them) are applied', { timeout: 120_000 }, () => {
  nvimVersion();
  const { result } = runNeovim({ IMR_SETTINGS: JSON.stringify(SETTINGS), IMR_SETTINGS_VIA: 'push' });
  assert.deepEqual(askedOf(result), [], 'Neovim 0.7 declares no workspace/configuration: the server must not ask');
  assert.deepEqual(codesOf(result.published[0].diagnostics), SEED_000_OTHER_CODES);
  assert.ok((result.diagnostics ?? []).every((d) => d.code === 'mtus-basis-contradiction' && d.severity === 1), JSON.stringify(result.diagnostics));
});

test('Neovim 0.7 with workspace.configuration declared: the server asks, Neovim answers from its settings (null when unset)', { timeout: 120_000 }, () => {
  nvimVersion();
  const { result } = runNeovim({ IMR_SETTINGS: JSON.stringify(SETTINGS), IMR_SETTINGS_VIA: 'configuration' });
  const asked = askedOf(result);
  assert.ok(asked.some((a) => a.items.some((i) => i.section === 'imrDetermination')), `the server asked: ${JSON.stringify(result.asked)}`);
  assert.deepEqual(codesOf(result.published[0].diagnostics), SEED_000_OTHER_CODES);

  // No settings: Neovim answers null for the section, and the defaults apply.
  const unset = runNeovim({ IMR_SETTINGS_VIA: 'configuration' }).result;
  const answers = askedOf(unset).flatMap((a) => a.answer);
  assert.ok(answers.length > 0 && answers.every((a) => a === null), `Neovim's answers: ${JSON.stringify(unset.asked)}`);
  assert.deepEqual(codesOf(unset.published[0].diagnostics), SEED_000_CODES);
  assert.deepEqual(unset.logs.filter((l) => l.type === 1), []);
});

test('Neovim 0.7 with the README configuration: *.imr.txt opens as imr, attaches imr-language-server, applies its settings', { timeout: 120_000 }, (t) => {
  nvimVersion();
  const box = sandbox('letter.imr.txt');
  const out = path.join(box.dir, 'result.json');
  const r = spawnSync(
    'nvim',
    ['--headless', '-u', path.join(__dirname, 'neovim-init.lua'), '-i', 'NONE', '-n', box.file, '-c', `luafile ${path.join(__dirname, 'neovim-collect.lua')}`],
    { env: { ...box.env, IMR_OUT: out, IMR_WANT_DIAGNOSTICS: String(SEED_000_CODES.length) }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 90_000 },
  );
  assert.ok(existsSync(out), `Neovim wrote no result (status ${r.status}); stderr:\n${r.stderr}`);
  const result = JSON.parse(readFileSync(out, 'utf8')) as { filetype: string; clients: string[]; diagnostics: BufferDiagnostic[]; symbols?: DocumentSymbol[]; error?: string };
  assert.equal(result.error, undefined, result.error);
  assert.equal(result.filetype, 'imr');
  assert.deepEqual(result.clients, ['imr']);
  assert.deepEqual(codesOf(result.diagnostics), SEED_000_CODES);
  // The snippet's settings make chapter-mismatch an error (1); the others stay warnings (2).
  for (const d of result.diagnostics) assert.equal(d.severity, d.code === 'chapter-mismatch' ? 1 : 2, JSON.stringify(d));
  assert.deepEqual(result.symbols?.map((s) => s.name), [...SECTION_NAMES]);
  t.diagnostic(`README snippet: ${result.diagnostics.length} findings, ${result.symbols?.length} top-level symbols`);
});
