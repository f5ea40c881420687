/** 2-3. textDocument/documentSymbol on a real seed letter, hierarchical and flat. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SymbolKind, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver-protocol/node';
import {
  assertRangeInDocument,
  assertSymbolTreeWellFormed,
  corpusLetter,
  docUri,
  FIELD_NAMES,
  flatten,
  fmt,
  isDocumentSymbols,
  ISSUES,
  rangeContains,
  SECTION_NAMES,
  SEED_000,
  SEED_000_ITEMS,
  textIn,
} from './support/fixtures';
import { clientCapabilities, startClient, type LspClient } from './support/lspClient';

async function symbolsOfSeed(client: LspClient): Promise<{ text: string; uri: string; symbols: DocumentSymbol[] | SymbolInformation[] }> {
  const text = corpusLetter(SEED_000);
  const uri = docUri('seed-000.txt');
  await client.open(uri, text);
  const symbols = await client.documentSymbols(uri);
  assert.ok(Array.isArray(symbols), `documentSymbol answered ${JSON.stringify(symbols)}\n${client.describeServer()}`);
  return { text, uri, symbols };
}

test('hierarchical client: sections, 4 Upheld items with 3 fields each, well-nested ranges', { timeout: 15_000 }, async (t) => {
  const client = await startClient(t, { capabilities: clientCapabilities({ hierarchical: true }) });
  const { text, symbols } = await symbolsOfSeed(client);
  assert.ok(isDocumentSymbols(symbols), `expected DocumentSymbol[] for a hierarchical client, got ${JSON.stringify(symbols).slice(0, 300)}`);

  const sections = symbols.filter((s) => s.kind === SymbolKind.Namespace);
  assert.deepEqual(
    sections.map((s) => s.name),
    [...SECTION_NAMES],
    `top-level symbols: ${symbols.map((s) => `${s.name} (kind ${s.kind})`).join(' | ')}`,
  );
  for (const s of sections) {
    assert.equal(textIn(text, s.selectionRange).trim(), s.name, `the selectionRange of "${s.name}" should select its heading`);
  }
  for (let k = 1; k < sections.length; k++) {
    assert.ok(sections[k - 1].range.end.line < sections[k].range.start.line, `sections overlap: ${fmt(sections[k - 1].range)} / ${fmt(sections[k].range)}`);
  }
  assert.deepEqual(sections[0].children ?? [], [], 'the first section has no items');
  assert.deepEqual(sections[1].children ?? [], [], 'the clinical summary has no items');

  const issues = sections[2];
  const items = issues.children ?? [];
  assert.equal(items.length, 4, `items under ${ISSUES}: ${items.map((i) => i.name).join(' | ')}`);
  items.forEach((item, k) => {
    assert.equal(item.kind, SymbolKind.Constant, `kind of "${item.name}" (an Upheld item)`);
    assert.equal(item.name, `Upheld · ${SEED_000_ITEMS[k]}`, `item ${k + 1}: the outcome first, then the title`);
    assert.equal(textIn(text, item.selectionRange), SEED_000_ITEMS[k], `selectionRange of item ${k + 1} should select its title`);
    const fields = item.children ?? [];
    assert.deepEqual(
      fields.map((f) => f.name),
      [...FIELD_NAMES],
      `fields of "${item.name}"`,
    );
    for (const f of fields) {
      assert.equal(f.kind, SymbolKind.Field);
      assert.equal(textIn(text, f.selectionRange).replace(/:\s*$/, ''), f.name, `the selectionRange of field "${f.name}" should select its label`);
    }
    if (k > 0) assert.ok(items[k - 1].range.end.line < item.range.start.line, `items ${k} and ${k + 1} overlap`);
  });

  assertSymbolTreeWellFormed(text, symbols);
  assert.deepEqual(client.errorLogs(), [], 'the server logged errors');
  assert.equal(await client.shutdown(), 0);
});

test('flat client: SymbolInformation[] with containerName, same symbols as the hierarchy', { timeout: 15_000 }, async (t) => {
  const [flatClient, treeClient] = await Promise.all([
    startClient(t, { name: 'flat', capabilities: clientCapabilities({ hierarchical: false }) }),
    startClient(t, { name: 'tree', capabilities: clientCapabilities({ hierarchical: true }) }),
  ]);
  const flat = await symbolsOfSeed(flatClient);
  const tree = await symbolsOfSeed(treeClient);
  const symbols = flat.symbols;
  assert.ok(symbols.length > 0, 'no symbols');
  assert.ok(!isDocumentSymbols(symbols), 'a client without hierarchicalDocumentSymbolSupport got DocumentSymbol[]');
  const infos = symbols as SymbolInformation[];
  for (const s of infos) {
    assert.ok(!('children' in s) && !('selectionRange' in s), `"${s.name}" is not a plain SymbolInformation: ${JSON.stringify(s).slice(0, 200)}`);
    assert.equal(s.location.uri, flat.uri, `location.uri of "${s.name}"`);
    assertRangeInDocument(flat.text, s.location.range, `location of "${s.name}"`);
  }

  const sections = infos.filter((s) => s.kind === SymbolKind.Namespace);
  assert.deepEqual(sections.map((s) => s.name), [...SECTION_NAMES]);
  for (const s of sections) assert.equal(s.containerName, undefined, `section "${s.name}" should have no container`);

  const items = infos.filter((s) => s.kind === SymbolKind.Constant);
  assert.equal(items.length, 4, `items: ${items.map((i) => i.name).join(' | ')}`);
  items.forEach((item, k) => {
    assert.equal(item.name, `Upheld · ${SEED_000_ITEMS[k]}`, `item ${k + 1}`);
    assert.equal(item.containerName, ISSUES, `containerName of "${item.name}"`);
    assert.ok(rangeContains(sections[2].location.range, item.location.range), `"${item.name}" lies outside the issues section`);
  });

  const fields = infos.filter((s) => s.kind === SymbolKind.Field);
  assert.equal(fields.length, 12);
  for (const f of fields) {
    const owner = items.find((i) => i.name === f.containerName);
    assert.ok(owner, `field "${f.name}" has containerName "${f.containerName}", which names no item`);
    assert.ok(rangeContains(owner.location.range, f.location.range), `field "${f.name}" lies outside "${owner.name}"`);
  }

  // The flat list is the hierarchy in document order, without losing or adding a symbol.
  assert.ok(isDocumentSymbols(tree.symbols));
  const expected = flatten(tree.symbols).map(({ symbol, parent }) => ({ name: symbol.name, kind: symbol.kind, range: symbol.range, containerName: parent }));
  const actual = infos.map((s) => ({ name: s.name, kind: s.kind, range: s.location.range, containerName: s.containerName }));
  assert.deepEqual(actual, expected);

  assert.deepEqual(await Promise.all([flatClient.shutdown(), treeClient.shutdown()]), [0, 0]);
});
