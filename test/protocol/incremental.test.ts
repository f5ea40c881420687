/** 6. Incremental didChange edits: diagnostics and symbols follow the edited text, in push and in pull mode. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic, DocumentSymbol, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import {
  codes,
  describeDiagnostics,
  docUri,
  fmt,
  indexOfNth,
  isDocumentSymbols,
  messageOf,
  ofCode,
  offsetAt,
  positionAt,
  prng,
  rangeOf,
  sample,
  textIn,
} from './support/fixtures';
import { ConfigurationRequest, FoldingRangeRequest } from 'vscode-languageserver-protocol/node';
import { clientCapabilities, startClient, type LspClient } from './support/lspClient';

const RATIONALE = 'Decision rationale:';

/** Applies incremental changes to a local copy, independently of the server's implementation. */
function apply(text: string, changes: TextDocumentContentChangeEvent[]): string {
  for (const c of changes) {
    if (!('range' in c)) {
      text = c.text;
      continue;
    }
    const start = offsetAt(text, c.range.start);
    const end = offsetAt(text, c.range.end);
    text = text.slice(0, start) + c.text + text.slice(end);
  }
  return text;
}

/** The edits of the scenario, computed on the text each one applies to. */
function scenario(original: string) {
  const labelAt = indexOfNth(original, RATIONALE, 0);
  const deleteLabel: TextDocumentContentChangeEvent = { range: rangeOf(original, labelAt, labelAt + RATIONALE.length), text: '' };
  const withoutLabel = apply(original, [deleteLabel]);
  const restoreLabel: TextDocumentContentChangeEvent = { range: rangeOf(withoutLabel, labelAt, labelAt), text: RATIONALE };
  const restored = apply(withoutLabel, [restoreLabel]);
  assert.equal(restored, original);
  // Item 1 (MRI of the right knee) is Upheld with a "not medically necessary" rationale.
  const outcomeAt = indexOfNth(original, 'contrast: Upheld', 0) + 'contrast: '.length;
  const overturn: TextDocumentContentChangeEvent = { range: rangeOf(original, outcomeAt, outcomeAt + 'Upheld'.length), text: 'Overturned' };
  assert.equal(textIn(original, overturn.range), 'Upheld');
  return { deleteLabel, restoreLabel, overturn, overturned: apply(original, [overturn]), labelLine: positionAt(original, labelAt).line };
}

function symbolNames(symbols: DocumentSymbol[]): string[] {
  return symbols.flatMap((s) => [s.name, ...symbolNames(s.children ?? [])]);
}

async function hierarchicalSymbols(client: LspClient, uri: string): Promise<DocumentSymbol[]> {
  const symbols = await client.documentSymbols(uri);
  assert.ok(symbols && isDocumentSymbols(symbols), `documentSymbol: ${JSON.stringify(symbols)?.slice(0, 200)}`);
  return symbols;
}

function assertMissingRationale(diagnostics: Diagnostic[], labelLine: number): void {
  const missing = ofCode(diagnostics, 'missing-field');
  assert.equal(missing.length, 1, `expected one missing-field after deleting the label on line ${labelLine + 1}:\n${describeDiagnostics(diagnostics)}`);
  assert.match(messageOf(missing[0]), /Decision rationale/);
  assert.ok(missing[0].range.start.line < labelLine, `missing-field at ${fmt(missing[0].range)} should point at the first item, above line ${labelLine + 1}`);
}

function assertContradiction(diagnostics: Diagnostic[], text: string): void {
  assert.deepEqual(codes(diagnostics), ['outcome-contradiction'], describeDiagnostics(diagnostics));
  assert.equal(textIn(text, diagnostics[0].range), 'Overturned');
}

test('push mode: delete a field label, restore it, flip an outcome; versions increase', { timeout: 15_000 }, async (t) => {
  const client = await startClient(t, { capabilities: clientCapabilities({ pull: false }) });
  const original = sample('clean-2017-layout.txt');
  const s = scenario(original);
  const uri = docUri('clean-2017-layout.txt');

  await client.open(uri, original, 1);
  const opened = await client.waitForDiagnostics(uri, (p) => p.version === 1);
  assert.deepEqual(opened.diagnostics, [], `clean sample:\n${describeDiagnostics(opened.diagnostics)}`);
  const originalSymbols = await hierarchicalSymbols(client, uri);

  assert.equal(await client.change(uri, [s.deleteLabel]), 2);
  const deleted = await client.waitForDiagnostics(uri, (p) => p.version === 2);
  assertMissingRationale(deleted.diagnostics, s.labelLine);

  assert.equal(await client.change(uri, [s.restoreLabel]), 3);
  const restored = await client.waitForDiagnostics(uri, (p) => p.version === 3);
  assert.deepEqual(restored.diagnostics, [], `after restoring the label:\n${describeDiagnostics(restored.diagnostics)}`);
  assert.deepEqual(await hierarchicalSymbols(client, uri), originalSymbols, 'the restored text should give the original outline');

  assert.equal(await client.change(uri, [s.overturn]), 4);
  const flipped = await client.waitForDiagnostics(uri, (p) => p.version === 4);
  assertContradiction(flipped.diagnostics, s.overturned);
  const names = symbolNames(await hierarchicalSymbols(client, uri));
  assert.ok(names.some((n) => n.startsWith('Overturned · MRI of the right knee without contrast')), names.join(' | '));

  const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version ?? -1);
  assert.deepEqual([...versions].sort((a, b) => a - b), versions, `publishDiagnostics versions out of order: ${versions.join(', ')}`);
  assert.deepEqual([...new Set(versions)], [1, 2, 3, 4], `published versions: ${versions.join(', ')}`);
  assert.equal(await client.shutdown(), 0);
});

test('pull mode: the same edits, diagnostics requested after each', { timeout: 15_000 }, async (t) => {
  const client = await startClient(t, { capabilities: clientCapabilities({ pull: true }) });
  const original = sample('clean-2017-layout.txt');
  const s = scenario(original);
  const uri = docUri('clean-2017-layout.txt');

  await client.open(uri, original, 10);
  assert.deepEqual(await client.pullDiagnostics(uri), []);
  await client.change(uri, [s.deleteLabel], 11);
  assertMissingRationale(await client.pullDiagnostics(uri), s.labelLine);
  await client.change(uri, [s.restoreLabel], 12);
  assert.deepEqual(await client.pullDiagnostics(uri), []);
  await client.change(uri, [s.overturn], 13);
  assertContradiction(await client.pullDiagnostics(uri), s.overturned);
  // And back, in one didChange holding two edits applied in order.
  const outcome = s.overturn.range.start;
  await client.change(
    uri,
    [
      { range: { start: outcome, end: { line: outcome.line, character: outcome.character + 'Overturned'.length } }, text: '' },
      { range: { start: outcome, end: outcome }, text: 'Upheld' },
    ],
    14,
  );
  assert.deepEqual(await client.pullDiagnostics(uri), []);
  assert.equal(await client.shutdown(), 0);
});

test('a burst of random incremental edits ends in the same state as opening the final text', { timeout: 20_000 }, async (t) => {
  const client = await startClient(t, { capabilities: clientCapabilities({ pull: false }) });
  const random = prng(20240611);
  const pieces = ['', 'Upheld', ': Overturned', '\n', '\r\n', 'MAXIMUS guideline: ', 'Decision rationale: ', 'é×–“”', '😀', ' is medically necessary.', 'IMR ISSUES, DECISIONS AND RATIONALES\n'];
  let text = sample('drafting-problems.txt');
  const uri = docUri('burst.txt');
  await client.open(uri, text, 1);

  let version = 1;
  for (let round = 0; round < 40; round++) {
    const changes: TextDocumentContentChangeEvent[] = [];
    const count = 1 + Math.floor(random() * 3);
    for (let k = 0; k < count; k++) {
      // A position can't name the place between \r and \n (the LSP clamps a column to the line's end).
      const snap = (o: number) => (text[o - 1] === '\r' && text[o] === '\n' ? o - 1 : o);
      const a = snap(Math.floor(random() * (text.length + 1)));
      const b = snap(Math.min(text.length, a + Math.floor(random() * 40)));
      const change = { range: rangeOf(text, a, random() < 0.3 ? a : b), text: pieces[Math.floor(random() * pieces.length)] };
      changes.push(change);
      text = apply(text, [change]);
    }
    version = await client.change(uri, changes);
  }

  // Pushed diagnostics settle on the last version; no older version is published after a newer one.
  const last = await client.waitForDiagnostics(uri, (p) => p.version === version, 5_000);
  const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version ?? -1);
  assert.deepEqual([...versions].sort((x, y) => x - y), versions, `versions out of order: ${versions.join(', ')}`);

  // The server's copy equals ours: a fresh document with the final text has the same outline and diagnostics.
  const reference = docUri('burst-reference.txt');
  await client.open(reference, text, 1);
  const fresh = await client.waitForDiagnostics(reference, (p) => p.version === 1);
  const strip = (ds: Diagnostic[]) => JSON.parse(JSON.stringify(ds).split(reference).join(uri)) as Diagnostic[];
  assert.deepEqual(last.diagnostics, strip(fresh.diagnostics), 'incrementally edited document and fresh document disagree on diagnostics');
  assert.deepEqual(await client.documentSymbols(uri), await client.documentSymbols(reference), 'incrementally edited document and fresh document disagree on symbols');
  assert.deepEqual(client.errorLogs(), []);
  assert.equal(await client.shutdown(), 0);
});

test('an edit while the previous version is being analysed: only the newest version is published', { timeout: 10_000 }, async (t) => {
  // The client holds its answer to workspace/configuration, so the server's first run waits mid-way.
  let release!: () => void;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const client = await startClient(t, {
    capabilities: clientCapabilities({ pull: false }),
    configuration: async () => {
      await held;
      return {};
    },
  });
  const uri = docUri('race.txt');
  const original = sample('clean-2017-layout.txt');
  const s = scenario(original);
  await client.open(uri, original, 1);
  await client.waitForServerRequest(ConfigurationRequest.method, 5_000, 0);
  await client.change(uri, [s.overturn], 2);
  release();
  const published = await client.waitForDiagnostics(uri, (p) => p.version === 2);
  assertContradiction(published.diagnostics, s.overturned);
  // Barrier: the diagnostics of a later document come after anything left over for `uri`.
  const other = docUri('race-barrier.txt');
  await client.open(other, original, 1);
  await client.waitForDiagnostics(other, (p) => p.version === 1);
  const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version);
  // (The held run may publish version 2 as well: the server's document object is updated in place.)
  assert.ok(versions.length > 0 && versions.every((v) => v === 2), `diagnostics of a superseded version were published: versions ${versions.join(', ')}`);
  assert.equal(await client.shutdown(), 0);
});

test('a close while the document is being analysed: nothing is published after the empty list', { timeout: 10_000 }, async (t) => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const client = await startClient(t, {
    capabilities: clientCapabilities({ pull: false }),
    configuration: async () => {
      await held;
      return {};
    },
  });
  const uri = docUri('race-close.txt');
  await client.open(uri, sample('drafting-problems.txt'), 1);
  await client.waitForServerRequest(ConfigurationRequest.method, 5_000, 0);
  await client.close(uri);
  await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
  release();
  // Barrier: a later document's diagnostics (its settings request is answered at once now).
  const other = docUri('race-close-barrier.txt');
  await client.open(other, sample('drafting-problems.txt'), 1);
  await client.waitForDiagnostics(other, (p) => p.version === 1);
  const counts = client.published.filter((p) => p.uri === uri).map((p) => p.diagnostics.length);
  assert.deepEqual(counts, [0], `diagnostics were published for a closed document: ${JSON.stringify(counts)}`);
  assert.equal(await client.shutdown(), 0);
});

test('a version number that comes again (a change back to version 1, a second open of an open uri) answers for the new text', { timeout: 15_000 }, async (t) => {
  const client = await startClient(t, { capabilities: clientCapabilities({ pull: true }) });
  const letter = sample('chapter-mismatch.txt');
  const short = 'CLINICAL CASE SUMMARY\nTwo lines.';
  // Related information names the document: the answers are compared with the uri left out.
  const answers = async (uri: string) =>
    JSON.parse(
      JSON.stringify({
        symbols: await client.documentSymbols(uri),
        folds: await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } }),
        diagnostics: await client.pullDiagnostics(uri),
      }).replaceAll(JSON.stringify(uri), '"(uri)"'),
    ) as { symbols: unknown; folds: unknown; diagnostics: Diagnostic[] };
  // The texts opened fresh, each under its own uri.
  const freshShort = docUri('fresh-short.txt');
  await client.open(freshShort, short);
  const expectedShort = await answers(freshShort);
  const freshLetter = docUri('fresh-letter.txt');
  await client.open(freshLetter, letter);
  const expectedLetter = await answers(freshLetter);
  assert.ok(codes(expectedLetter.diagnostics).includes('chapter-mismatch'), 'the fixture changed: no chapter-mismatch');

  const uri = docUri('reused-version.txt');
  await client.open(uri, letter, 1);
  assert.deepEqual(await answers(uri), expectedLetter);
  await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }], 2);
  await answers(uri);
  await client.change(uri, [{ text: short }], 1);
  assert.deepEqual(await answers(uri), expectedShort, 'version 1 again, with two lines: the old letter\'s answers came back');

  // Opened again as version 1 while open: first the letter, then the two lines.
  await client.open(uri, letter, 1);
  assert.deepEqual(await answers(uri), expectedLetter);
  await client.open(uri, short, 1);
  assert.deepEqual(await answers(uri), expectedShort, 'opened again as version 1: the old letter\'s answers came back');
  assert.deepEqual(client.errorLogs(), []);
  assert.equal(await client.shutdown(), 0);
});
