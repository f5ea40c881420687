/** Reading assistance over LSP: hover, folding ranges, selection ranges, code lenses and document links from the bundled server. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CodeLensRequest,
  CodeLensResolveRequest,
  DocumentLinkRequest,
  FoldingRangeRequest,
  HoverRequest,
  MarkupKind,
  SelectionRangeRequest,
  type ClientCapabilities,
  type CodeLens,
  type DocumentLink,
  type FoldingRange,
  type Hover,
  type MarkupContent,
  type Position,
  type SelectionRange,
} from 'vscode-languageserver-protocol/node';
import {
  assertRangeInDocument,
  comparePositions,
  corpusLetter,
  docUri,
  findLine,
  fmt,
  indexOfNth,
  positionAt,
  rangeContains,
  sample,
  SECTION_NAMES,
  SEED_000,
  SEED_000_ITEMS,
  textIn,
} from './support/fixtures';
import { clientCapabilities, startClient, type LspClient } from './support/lspClient';

/** A modern client that also declares what the reading features can use. */
function readingCapabilities(extra: ClientCapabilities['textDocument'] = {}): ClientCapabilities {
  const caps = clientCapabilities();
  caps.textDocument = {
    ...caps.textDocument,
    hover: { contentFormat: [MarkupKind.Markdown, MarkupKind.PlainText] },
    foldingRange: { lineFoldingOnly: true },
    documentLink: { tooltipSupport: true },
    ...extra,
  };
  return caps;
}

async function hover(client: LspClient, uri: string, position: Position): Promise<Hover | null> {
  return client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
}

function markdownOf(h: Hover | null): string {
  assert.ok(h, 'a hover');
  const contents = h.contents as MarkupContent;
  assert.equal(typeof contents.value, 'string');
  return contents.value;
}

async function openSeed(client: LspClient): Promise<{ uri: string; text: string }> {
  const uri = docUri('seed-000.txt');
  const text = corpusLetter(SEED_000);
  await client.open(uri, text, 1);
  return { uri, text };
}

test('the server announces hover, folding, selection ranges, code lenses and document links', { timeout: 10_000 }, async (t) => {
  const client = await startClient(t, { capabilities: {} });
  const caps = client.initializeResult!.capabilities;
  assert.equal(caps.hoverProvider, true);
  assert.equal(caps.foldingRangeProvider, true);
  assert.equal(caps.selectionRangeProvider, true);
  assert.deepEqual(caps.codeLensProvider, { resolveProvider: true });
  assert.deepEqual(caps.documentLinkProvider, { resolveProvider: false });
  assert.equal(await client.shutdown(), 0);
});

test('hover: outcome, citation, date and abbreviation in the seed letter, as Markdown with the hovered range', { timeout: 15_000 }, async (t) => {
  const client = await startClient(t, { capabilities: readingCapabilities() });
  const { uri, text } = await openSeed(client);

  const titleLine = findLine(text, (l) => l.startsWith(`${SEED_000_ITEMS[0]}: Upheld`));
  const outcome = await hover(client, uri, { line: titleLine, character: SEED_000_ITEMS[0].length + 4 });
  assert.equal((outcome?.contents as MarkupContent).kind, MarkupKind.Markdown);
  assert.match(markdownOf(outcome), /^\*\*Upheld\*\*: the utilization review denial stands: the treatment is \*\*not authorized\*\*/);
  assert.equal(textIn(text, outcome!.range!), 'Upheld');

  const acoem = indexOfNth(text, 'ACOEM Chapter 8');
  const citation = await hover(client, uri, positionAt(text, acoem + 6));
  const c = markdownOf(citation);
  assert.match(c, /ACOEM chapter 8, \*Neck and Upper Back Complaints\*/);
  assert.match(c, /§ 9792\.23\.1/);
  assert.match(c, /Body region\*\*: neck and upper back, thoracic spine/);
  assert.match(c, /about pages 166-195 \(estimated/);
  assert.match(c, /Pages cited\*\*: 177-178, inside the chapter's estimated span/);
  assert.match(c, /Claims Administrator's basis/);
  assert.ok(textIn(text, citation!.range!).startsWith('ACOEM Chapter 8 Neck and'));

  const injury = text.indexOf('01/28/2013');
  assert.ok(injury >= 0, 'fixture: the seed names its date of injury');
  const date = await hover(client, uri, positionAt(text, injury + 3));
  assert.match(markdownOf(date), /^\*\*Monday, January 28, 2013\*\*/);
  assert.match(markdownOf(date), /this is the date of injury/);

  const emg = indexOfNth(text, '(EMG)') + 1;
  const abbreviation = await hover(client, uri, positionAt(text, emg + 1));
  assert.match(markdownOf(abbreviation), /^\*\*EMG\*\*: Electromyography/);
  assert.equal(textIn(text, abbreviation!.range!), 'EMG');

  // An ordinary word, and a line past the end.
  const plain = indexOfNth(text, 'expert reviewer');
  assert.equal(await hover(client, uri, positionAt(text, plain + 2)), null);
  assert.equal(await hover(client, uri, { line: 100_000, character: 0 }), null);
  assert.equal(await client.shutdown(), 0);
});

test('hover for a client without Markdown is plain text without emphasis or escapes', { timeout: 10_000 }, async (t) => {
  const client = await startClient(t, { capabilities: readingCapabilities({ hover: { contentFormat: [MarkupKind.PlainText] } }) });
  const { uri, text } = await openSeed(client);
  const titleLine = findLine(text, (l) => l.startsWith(`${SEED_000_ITEMS[0]}: Upheld`));
  const h = await hover(client, uri, { line: titleLine, character: SEED_000_ITEMS[0].length + 4 });
  const contents = h?.contents as MarkupContent;
  assert.equal(contents.kind, MarkupKind.PlainText);
  assert.match(contents.value, /^Upheld: the utilization review denial stands: the treatment is not authorized\./);
  assert.doesNotMatch(contents.value, /\*\*|\\/);
  assert.equal(await client.shutdown(), 0);
});

test('folding: sorted, one range per start line, each section heading and item title starts one', { timeout: 10_000 }, async (t) => {
  const client = await startClient(t, { capabilities: readingCapabilities() });
  for (const [name, text] of [['seed', corpusLetter(SEED_000)], ['crlf', sample('crlf-nonascii.txt')], ['reading-order', sample('reading-order.txt')]] as const) {
    const uri = docUri(`${name}.txt`);
    await client.open(uri, text, 1);
    const ranges = (await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } })) as FoldingRange[];
    assert.ok(ranges.length > 5, `${name}: ${ranges.length} ranges`);
    const lineCount = text.split(/\r\n|\r|\n/).length;
    let previous = -1;
    for (const r of ranges) {
      assert.ok(r.startLine > previous, `${name}: ${r.startLine} after ${previous}`);
      assert.ok(r.startLine < r.endLine && r.endLine < lineCount, `${name}: ${r.startLine}-${r.endLine}`);
      assert.equal(r.kind, 'region');
      previous = r.startLine;
    }
    const starts = new Set(ranges.map((r) => r.startLine));
    for (const heading of SECTION_NAMES) assert.ok(starts.has(findLine(text, (l) => l.trim() === heading)), `${name}: ${heading}`);
  }
  const seed = corpusLetter(SEED_000);
  const uri = docUri('seed-items.txt');
  await client.open(uri, seed, 1);
  const ranges = (await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } })) as FoldingRange[];
  for (const item of SEED_000_ITEMS) assert.ok(ranges.some((r) => r.startLine === findLine(seed, (l) => l.startsWith(item))), item);
  assert.equal(await client.shutdown(), 0);
});

test('folding: a client range limit keeps the outermost ranges', { timeout: 10_000 }, async (t) => {
  const client = await startClient(t, { capabilities: readingCapabilities({ foldingRange: { rangeLimit: 3 } }) });
  const { uri, text } = await openSeed(client);
  const ranges = (await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } })) as FoldingRange[];
  assert.deepEqual(
    ranges.map((r) => r.startLine),
    SECTION_NAMES.map((h) => findLine(text, (l) => l.trim() === h)),
  );
  assert.equal(await client.shutdown(), 0);
});

test('selection ranges: one chain per position, each range strictly inside its parent, ending at the whole document', { timeout: 10_000 }, async (t) => {
  const client = await startClient(t, { capabilities: readingCapabilities() });
  const { uri, text } = await openSeed(client);
  const rationale = indexOfNth(text, 'Decision rationale:', 1);
  const positions = [positionAt(text, rationale + 30), positionAt(text, 5), { line: 0, character: 0 }];
  const answer = (await client.connection.sendRequest(SelectionRangeRequest.type, { textDocument: { uri }, positions })) as SelectionRange[];
  assert.equal(answer.length, positions.length);
  const lastLine = text.split(/\r\n|\r|\n/).length - 1;
  answer.forEach((chain, i) => {
    const ranges = [];
    for (let s: SelectionRange | undefined = chain; s; s = s.parent) ranges.push(s.range);
    assert.ok(rangeContains(ranges[0]!, { start: positions[i]!, end: positions[i]! }), `position ${i} inside ${fmt(ranges[0]!)}`);
    for (let k = 1; k < ranges.length; k++) {
      assertRangeInDocument(text, ranges[k]!, `level ${k}`);
      assert.ok(rangeContains(ranges[k]!, ranges[k - 1]!), `${fmt(ranges[k]!)} contains ${fmt(ranges[k - 1]!)}`);
      assert.ok(
        comparePositions(ranges[k]!.start, ranges[k - 1]!.start) !== 0 || comparePositions(ranges[k]!.end, ranges[k - 1]!.end) !== 0,
        `level ${k} equals its child ${fmt(ranges[k]!)}`,
      );
    }
    assert.deepEqual(ranges[ranges.length - 1]!.start, { line: 0, character: 0 });
    assert.equal(ranges[ranges.length - 1]!.end.line, lastLine);
  });
  // The rationale chain: word, line, field, item, section, document.
  const first: string[] = [];
  for (let s: SelectionRange | undefined = answer[0]; s; s = s.parent) first.push(textIn(text, s.range));
  assert.equal(first.length, 6);
  assert.match(first[2]!, /^Decision rationale:/);
  assert.ok(first[3]!.startsWith(`${SEED_000_ITEMS[1]}: Upheld`));
  assert.match(first[4]!, /^IMR ISSUES, DECISIONS AND RATIONALES/);
  assert.equal(await client.shutdown(), 0);
});

test('code lenses: the outcome count at the top and each item\'s regions and chapters, titles without an action', { timeout: 10_000 }, async (t) => {
  const client = await startClient(t, { capabilities: readingCapabilities() });
  const { uri, text } = await openSeed(client);
  const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) as CodeLens[];
  assert.equal(lenses.length, 1 + SEED_000_ITEMS.length);
  assert.deepEqual(lenses[0], { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, command: { title: '4 items: 4 Upheld', command: '' } });
  SEED_000_ITEMS.forEach((item, i) => {
    const lens = lenses[i + 1]!;
    assert.equal(lens.range.start.line, findLine(text, (l) => l.startsWith(item)), item);
    assert.equal(lens.command?.command, '');
    assert.match(lens.command!.title, /^Region: .+ · Cites: /);
  });
  assert.match(lenses[3]!.command!.title, /^Region: upper extremities · Cites: .*ODG Low Back \(another region\)/);
  assert.equal(await client.shutdown(), 0);
});

test('code lenses in a file of many letters: positions first, each title on codeLens/resolve, the same as in the letter alone', { timeout: 20_000 }, async (t) => {
  const client = await startClient(t, { capabilities: readingCapabilities() });
  const letters = ['clean-2017-layout.txt', 'chapter-mismatch.txt', 'drafting-problems.txt'].map(sample);
  const many = Array.from({ length: 33 }, (_, i) => letters[i % 3]!).join('\n\n'); // 110 items
  const uri = docUri('many.txt');
  await client.open(uri, many, 1);
  const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) as CodeLens[];
  assert.equal(lenses.length, 1 + 11 * (3 + 3 + 4));
  assert.ok(lenses.every((l) => l.command === undefined && l.data !== undefined), 'no titles yet');
  const resolve = (lens: CodeLens) => client.connection.sendRequest(CodeLensResolveRequest.type, lens) as Promise<CodeLens>;
  assert.deepEqual((await resolve(lenses[0]!)).command, { title: '110 items: 77 Upheld, 22 Overturned, 11 without an outcome', command: '' });
  const single = docUri('single.txt');
  await client.open(single, letters[1]!, 1);
  const alone = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: single } })) as CodeLens[];
  for (let i = 1; i <= 3; i++) {
    const resolved = await resolve(lenses[3 + i]!);
    assert.deepEqual(resolved.range, { start: { line: lenses[3 + i]!.range.start.line, character: 0 }, end: { line: lenses[3 + i]!.range.start.line, character: 0 } });
    assert.equal(resolved.command?.title, alone[i]!.command?.title, `item ${i} of the second letter`);
  }
  // A lens whose document is gone, or with data from elsewhere, resolves to an empty title rather than an error.
  await client.close(uri);
  assert.deepEqual((await resolve(lenses[5]!)).command, { title: '', command: '' });
  assert.deepEqual((await resolve({ range: lenses[0]!.range, data: { bogus: true } })).command, { title: '', command: '' });
  assert.equal(await client.shutdown(), 0);
});

test('document links: addresses, joined when broken, and 8 CCR sections to Cornell LII with a tooltip', { timeout: 10_000 }, async (t) => {
  const client = await startClient(t, { capabilities: readingCapabilities() });
  const uri = docUri('links.txt');
  const text = `${sample('clean-2017-layout.txt')}\nSee 8 CCR 9792.23.6 and https://www.cms.gov/Regulations-and-\nGuidance/R148CIM.pdf.\n`;
  await client.open(uri, text, 1);
  const links = (await client.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri } })) as DocumentLink[];
  assert.deepEqual(
    links.map((l) => [textIn(text, l.range), l.target, l.tooltip]),
    [
      ['8 CCR 9792.23.6', 'https://www.law.cornell.edu/regulations/california/8-CCR-9792.23.6', '8 CCR § 9792.23.6 (MTUS Knee Complaints) at Cornell LII'],
      ['https://www.cms.gov/Regulations-and-\nGuidance/R148CIM.pdf', 'https://www.cms.gov/Regulations-and-Guidance/R148CIM.pdf', undefined],
    ],
  );
  assert.equal(await client.shutdown(), 0);
});

test('every reading request on junk, an empty document and an unknown document is answered, and the server lives on', { timeout: 20_000 }, async (t) => {
  const client = await startClient(t, { capabilities: readingCapabilities() });
  const junk = '\u0000\ud800IMR ISSUES, DECISIONS AND RATIONALES\r\rX: Upheld\u2028Decision rationale:\ufeff http://a- \n\n9792.2 ' + 'EMG '.repeat(5000);
  const documents = [docUri('junk.bin'), docUri('empty.txt')];
  await client.open(documents[0]!, junk, 1);
  await client.open(documents[1]!, '', 1);
  for (const uri of [...documents, docUri('never-opened.txt')]) {
    const position = { line: 0, character: 40 };
    const textDocument = { uri };
    await client.connection.sendRequest(HoverRequest.type, { textDocument, position });
    assert.ok(Array.isArray(await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument })));
    assert.ok(Array.isArray(await client.connection.sendRequest(SelectionRangeRequest.type, { textDocument, positions: [position] })));
    assert.ok(Array.isArray(await client.connection.sendRequest(CodeLensRequest.type, { textDocument })));
    assert.ok(Array.isArray(await client.connection.sendRequest(DocumentLinkRequest.type, { textDocument })));
  }
  const { uri } = await openSeed(client);
  assert.ok(((await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) as CodeLens[]).length > 0, 'still answering');
  assert.doesNotMatch(client.stderr, /failed/);
  assert.equal(await client.shutdown(), 0);
});
