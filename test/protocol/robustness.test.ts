/** 8. Robustness: binary-ish junk and a 2 MB letter are answered, and the server stays alive. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic, DocumentSymbol, SymbolInformation } from 'vscode-languageserver-protocol/node';
import {
  assertRangeInDocument,
  assertSymbolTreeWellFormed,
  corpusLetter,
  docUri,
  isDocumentSymbols,
  prng,
  sample,
  SEED_000,
} from './support/fixtures';
import { clientCapabilities, startClient, type LspClient } from './support/lspClient';

/** ~64 KB of junk: NUL and other controls, lone surrogates, odd line ends, and fragments of letter syntax. */
function junk(seed: number, length = 64 * 1024): string {
  const random = prng(seed);
  const fragments = [
    '\u0000', '\u0000\u0000', '\ud800', '\udfff', '\udc00\ud83d', '\r', '\n', '\r\n', '\n\r', '\u2028', '\u2029', '\ufeff', '\ufffd', '\u0085', '\f', '\v', '\t',
    '\u00a0\u00a0', '\f ', 'IMR ISSUES, DECISIONS AND RATIONALES', 'CLINICAL CASE SUMMARY', 'HOW THE IMR FINAL DETERMINATION WAS MADE',
    'MAXIMUS guideline:', 'Claims Administrator guideline:', 'Decision rationale:', ': Upheld', ': Overturned', ':', 'Section(s):',
    'Official Disability Guidelines (ODG) Low Back', 'MTUS ACOEM Chapter 8', 'is medically necessary.', 'Case Number:', 'CM99-',
  ];
  let out = '';
  while (out.length < length) {
    const r = random();
    if (r < 0.35) out += fragments[Math.floor(random() * fragments.length)];
    else if (r < 0.7) out += String.fromCharCode(Math.floor(random() * 0x10000));
    else out += String.fromCharCode(0x20 + Math.floor(random() * 0x5f));
  }
  return out;
}

/** Junk of both kinds: everything after a first heading line, and junk from the first line on (the header-table region). */
function junkVariants(seed: number): Array<{ name: string; text: string }> {
  return [
    { name: `junk-${seed}-after-heading.bin`, text: `HOW THE IMR FINAL DETERMINATION WAS MADE\n${junk(seed)}` },
    { name: `junk-${seed}-from-start.bin`, text: junk(seed + 1000) },
  ];
}


/** The seed letter repeated until the text reaches `bytes` UTF-16 units. */
function bigLetter(bytes = 2 * 1024 * 1024): string {
  const letter = corpusLetter(SEED_000);
  return letter.repeat(Math.ceil(bytes / letter.length)).slice(0, bytes);
}

async function exercise(client: LspClient, name: string, text: string): Promise<{ uri: string; symbols: DocumentSymbol[] | SymbolInformation[]; diagnostics: Diagnostic[] }> {
  const uri = docUri(name);
  await client.open(uri, text);
  const symbols = await client.documentSymbols(uri, 10_000);
  assert.ok(Array.isArray(symbols), `${name}: documentSymbol answered ${JSON.stringify(symbols)}`);
  assert.ok(isDocumentSymbols(symbols), `${name}: expected DocumentSymbol[]`);
  assertSymbolTreeWellFormed(text, symbols);
  const diagnostics = await client.pullDiagnostics(uri, 10_000);
  for (const d of diagnostics) {
    assertRangeInDocument(text, d.range, `${name}: ${d.code} diagnostic`);
    for (const r of d.relatedInformation ?? []) assertRangeInDocument(text, r.location.range, `${name}: related information of ${d.code}`);
  }
  assert.ok(client.alive, `${name}: the server died\n${client.describeServer()}`);
  // The request guard turns a crash into an empty answer and an error log: a swallowed crash is still a failure.
  assert.deepEqual(client.errorLogs(), [], `${name}: the server logged errors`);
  return { uri, symbols, diagnostics };
}

test('binary-ish junk with NUL bytes and lone surrogates', { timeout: 15_000 }, async (t) => {
  const client = await startClient(t, { capabilities: clientCapabilities({ pull: true }) });
  for (const seed of [1, 2, 3]) {
    for (const { name, text } of junkVariants(seed)) {
      assert.ok(text.includes('\u0000') && /[\ud800-\udbff](?![\udc00-\udfff])/.test(text), 'the junk should hold NULs and lone surrogates');
      await exercise(client, name, text);
    }
  }
  await exercise(client, 'empty.txt', '');
  await exercise(client, 'nul-only.txt', '\u0000'.repeat(4096));
  await exercise(client, 'long-line.txt', 'MAXIMUS guideline: '.repeat(20_000));

  // Still serving other documents properly.
  const text = sample('clean-2017-layout.txt');
  const { symbols, diagnostics } = await exercise(client, 'after-junk.txt', text);
  assert.deepEqual(diagnostics, []);
  const issues = (symbols as DocumentSymbol[]).find((s) => s.name === 'IMR ISSUES, DECISIONS AND RATIONALES');
  assert.equal(issues?.children?.length, 3, 'clean-2017-layout.txt has 3 items');
  assert.equal(await client.shutdown(), 0);
});

test('junk in push mode: diagnostics are published, the server stays alive', { timeout: 10_000 }, async (t) => {
  const client = await startClient(t, { capabilities: clientCapabilities({ pull: false }) });
  const [{ text }] = junkVariants(4);
  const uri = docUri('junk-push.bin');
  await client.open(uri, text, 1);
  const published = await client.waitForDiagnostics(uri, (p) => p.version === 1);
  for (const d of published.diagnostics) assertRangeInDocument(text, d.range, `${d.code}`);
  const next = docUri('drafting-problems.txt');
  await client.open(next, sample('drafting-problems.txt'), 1);
  const ok = await client.waitForDiagnostics(next, (p) => p.version === 1);
  assert.equal(ok.diagnostics.length, 3);
  assert.deepEqual(client.errorLogs(), []);
  assert.equal(await client.shutdown(), 0);
});

test('a 2 MB document of repeated letter text', { timeout: 20_000 }, async (t) => {
  const client = await startClient(t, { capabilities: clientCapabilities({ pull: true }) });
  const text = bigLetter();
  assert.equal(text.length, 2 * 1024 * 1024);
  const started = Date.now();
  const { uri, symbols, diagnostics } = await exercise(client, 'big.txt', text);
  const elapsed = Date.now() - started;
  assert.ok(elapsed < 10_000, `documentSymbol + diagnostics on 2 MB took ${elapsed} ms`);
  assert.ok(symbols.length > 0, 'no symbols for 2 MB of letters');
  assert.ok(diagnostics.length > 0, 'repeated letters should produce diagnostics (chapter mismatches at least)');

  // An incremental edit at the end of the big document is applied and re-analysed.
  const lines = text.split(/\r\n|\r|\n/);
  const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
  await client.change(uri, [{ range: { start: end, end }, text: '\nIMR ISSUES, DECISIONS AND RATIONALES\nTail item: Upheld\n' }]);
  const edited = await client.documentSymbols(uri, 10_000);
  assert.ok(edited && isDocumentSymbols(edited));
  assert.ok(
    edited.some((s) => (s.children ?? []).some((c) => c.name === 'Upheld · Tail item')),
    'the item appended at the end of the 2 MB document is missing from the outline',
  );

  // Another document is still served.
  const other = docUri('after-big.txt');
  await client.open(other, sample('drafting-problems.txt'));
  const otherSymbols = await client.documentSymbols(other);
  assert.ok(otherSymbols && otherSymbols.length > 0);
  assert.equal((await client.pullDiagnostics(other)).length, 3);
  assert.equal(await client.shutdown(), 0);
});

test('white space other than space/tab in the header lines', { timeout: 10_000 }, async (t) => {
  const clean = sample('clean-2017-layout.txt');
  const cases = [
    // A header table padded with non-breaking spaces, as some PDF extractors write it.
    { name: 'nbsp-header.txt', text: clean.replace('Case Number:          ', 'Case Number:\u00a0\u00a0\u00a0') },
    // pdftotext's page-break form feed, then a space, on the first line.
    { name: 'form-feed.txt', text: `\f ${clean}` },
  ];
  const clients = await Promise.all(cases.map((c) => startClient(t, { name: c.name, capabilities: clientCapabilities({ pull: true }) })));
  await Promise.all(
    cases.map(async ({ name, text }, k) => {
      const uri = docUri(name);
      await clients[k].open(uri, text);
      const symbols = await clients[k].documentSymbols(uri, 3_000);
      assert.ok(symbols && symbols.length > 0, `${name}: no symbols`);
      assert.deepEqual(await clients[k].pullDiagnostics(uri, 3_000), [], `${name}: the letter is clean apart from its white space`);
    }),
  );
  assert.deepEqual(await Promise.all(clients.map((c) => c.shutdown())), [0, 0]);
});
