/** Drafting assistance over LSP: completion, semantic tokens and the imr/letterSummary request, on the bundled server. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import {
  CompletionRequest,
  InsertTextFormat,
  SemanticTokensRequest,
  type ClientCapabilities,
  type CompletionItem,
  type CompletionList,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { CORPUS, corpusLetter, docUri, findLine, offsetAt, sample, SEED_000, textIn } from './support/fixtures';
import { clientCapabilities, REPO_ROOT, startClient, type LspClient } from './support/lspClient';

function withCompletion(snippetSupport: boolean): ClientCapabilities {
  const caps = clientCapabilities();
  caps.textDocument!.completion = { completionItem: { snippetSupport, documentationFormat: ['markdown', 'plaintext'] } };
  caps.textDocument!.semanticTokens = {
    requests: { full: true },
    tokenTypes: ['class', 'string', 'number', 'function'],
    tokenModifiers: ['declaration', 'defaultLibrary'],
    formats: ['relative'],
  };
  return caps;
}

async function complete(client: LspClient, uri: string, line: number, character: number): Promise<CompletionItem[]> {
  const result = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character } })) as CompletionItem[] | CompletionList | null;
  if (!result) return [];
  return Array.isArray(result) ? result : result.items;
}

const endOf = (text: string, line: number) => text.split(/\r\n|\r|\n/)[line].length;

function apply(text: string, edit: TextEdit): string {
  return text.slice(0, offsetAt(text, edit.range.start)) + edit.newText + text.slice(offsetAt(text, edit.range.end));
}

interface DecodedToken {
  line: number;
  character: number;
  text: string;
  type: string;
  modifiers: string[];
}

function decode(text: string, data: number[], types: string[], modifiers: string[]): DecodedToken[] {
  assert.equal(data.length % 5, 0);
  const lines = text.split(/\r\n|\r|\n/);
  const out: DecodedToken[] = [];
  let line = 0;
  let character = 0;
  for (let k = 0; k < data.length; k += 5) {
    line += data[k];
    character = data[k] === 0 ? character + data[k + 1] : data[k + 1];
    const mods = modifiers.filter((_, bit) => (data[k + 4] & (1 << bit)) !== 0);
    out.push({ line, character, text: lines[line].slice(character, character + data[k + 2]), type: types[data[k + 3]], modifiers: mods });
  }
  return out;
}

test('capabilities: completion on ":" and " ", full-document semantic tokens with a standard legend', { timeout: 15_000 }, async (t) => {
  const client = await startClient(t, { capabilities: withCompletion(true) });
  const caps = client.initializeResult!.capabilities;
  assert.deepEqual(caps.completionProvider?.triggerCharacters, [':', ' ']);
  const provider = caps.semanticTokensProvider;
  assert.ok(provider && 'legend' in provider, 'semanticTokensProvider with a legend');
  assert.deepEqual(provider.legend.tokenTypes, ['class', 'string', 'number', 'function']);
  assert.deepEqual(provider.legend.tokenModifiers, ['declaration', 'defaultLibrary']);
  assert.equal(provider.full, true);
  assert.ok(!provider.range, 'no range requests');
  assert.equal(await client.shutdown(), 0);
});

test('completion: the outcome after a title\'s colon, citation forms in a guideline field, nothing in prose', { timeout: 15_000 }, async (t) => {
  const client = await startClient(t, { capabilities: withCompletion(true) });
  const uri = docUri('drafting-problems.txt');
  const text = sample('drafting-problems.txt');
  await client.open(uri, text);

  const titleLine = findLine(text, (l) => l.startsWith('Cervical epidural steroid injection at C5-C6'), 0, 'the title without an outcome');
  const outcomes = await complete(client, uri, titleLine, endOf(text, titleLine));
  assert.deepEqual(outcomes.map((i) => i.label), ['Upheld', 'Overturned']);
  assert.equal(outcomes[0].preselect, true);
  const edit = outcomes[0].textEdit as TextEdit;
  assert.equal(apply(text, edit).split('\n')[titleLine], 'Cervical epidural steroid injection at C5-C6 under fluoroscopic guidance: Upheld');

  const fieldLine = findLine(text, (l) => l.startsWith('MAXIMUS guideline:'), titleLine, 'a MAXIMUS guideline');
  const forms = await complete(client, uri, fieldLine, 'MAXIMUS guideline:'.length);
  const best = [...forms].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1))[0];
  assert.equal(best.label, 'MTUS Neck and Upper Back Complaints 2004', 'the cervical item ranks the neck chapter first');
  assert.equal(best.insertTextFormat, InsertTextFormat.PlainText);
  assert.equal(typeof best.documentation === 'object' && best.documentation.kind, 'markdown');

  const prose = findLine(text, (l) => l.startsWith('Decision rationale:'), titleLine, 'a rationale');
  assert.deepEqual(await complete(client, uri, prose, 25), []);
  assert.deepEqual(await complete(client, uri, prose + 1, endOf(text, prose + 1)), []);
  assert.equal(await client.shutdown(), 0);
});

test('completion: a citation form ending in "Section(s): " asks the client to open the section names, when the client named its command', { timeout: 15_000 }, async (t) => {
  const text = sample('drafting-problems.txt');
  const uri = docUri('drafting-problems.txt');
  const fieldLine = findLine(text, (l) => l.startsWith('MAXIMUS guideline:'), 0, 'a MAXIMUS guideline');
  const formsOf = async (initializationOptions: unknown) => {
    const client = await startClient(t, { capabilities: withCompletion(true), initializationOptions });
    await client.open(uri, text);
    const forms = await complete(client, uri, fieldLine, 'MAXIMUS guideline:'.length);
    assert.equal(await client.shutdown(), 0);
    return forms;
  };
  const vscodeLike = await formsOf({ suggestCommand: 'editor.action.triggerSuggest' });
  const mtus = vscodeLike.filter((i) => (i.textEdit as TextEdit).newText.endsWith('Section(s): '));
  assert.ok(mtus.length > 0, 'MTUS forms end in "Section(s): "');
  assert.ok(mtus.every((i) => i.command?.command === 'editor.action.triggerSuggest'), JSON.stringify(mtus.map((i) => i.command)));
  assert.ok(vscodeLike.filter((i) => !mtus.includes(i)).every((i) => i.command === undefined), 'other forms run no command');
  // A client that named no command (or something that is not a command name) is never asked to run one.
  for (const options of [undefined, { suggestCommand: 'rm -rf /' }, { suggestCommand: 42 }]) {
    assert.ok((await formsOf(options)).every((i) => i.command === undefined), JSON.stringify(options));
  }
});

test('completion: snippets where the client takes them, their text with defaults where it does not', { timeout: 15_000 }, async (t) => {
  const [rich, plain] = await Promise.all([
    startClient(t, { name: 'snippets', capabilities: withCompletion(true) }),
    startClient(t, { name: 'no snippets', capabilities: withCompletion(false) }),
  ]);
  const text = sample('clean-2017-layout.txt');
  const blank = findLine(text, (l) => l.includes('set forth below:'), 0, 'the issues lead-in') + 1;
  for (const [client, format] of [[rich, InsertTextFormat.Snippet], [plain, InsertTextFormat.PlainText]] as const) {
    const uri = docUri('clean.txt');
    await client.open(uri, text);
    const items = await complete(client, uri, blank, 0);
    assert.deepEqual(items.map((i) => i.label), ['New disputed item'], client.name);
    assert.equal(items[0].insertTextFormat, format, client.name);
    const newText = (items[0].textEdit as TextEdit).newText;
    if (format === InsertTextFormat.PlainText) {
      assert.ok(!newText.includes('$'), `${client.name}: no snippet syntax: ${newText}`);
      assert.ok(newText.startsWith('Item title: Upheld\n'), newText);
    } else {
      assert.ok(newText.includes('${1:Item title}'), newText);
    }
    const empty = docUri('empty.imr.txt');
    await client.open(empty, '');
    assert.deepEqual((await complete(client, empty, 0, 0)).map((i) => i.label), ['IMR letter skeleton']);
  }
  assert.deepEqual(await Promise.all([rich.shutdown(), plain.shutdown()]), [0, 0]);
});

test('semantic tokens: relative encoding decodes to titles, outcomes and cited chapters, wrapped names a token per line', { timeout: 15_000 }, async (t) => {
  const client = await startClient(t, { capabilities: withCompletion(true) });
  const provider = client.initializeResult!.capabilities.semanticTokensProvider!;
  const { tokenTypes, tokenModifiers } = provider.legend;

  const text = sample('chapter-mismatch.txt');
  const uri = docUri('chapter-mismatch.txt');
  await client.open(uri, text);
  const result = await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } });
  assert.ok(result);
  const tokens = decode(text, result.data, tokenTypes, tokenModifiers);
  assert.deepEqual(tokens.slice(0, 4).map((x) => [x.text, x.type]), [
    ['MRI of the left knee without contrast', 'class'],
    ['Upheld', 'string'],
    ['Knee Complaints 2004', 'function'],
    ['Knee and Leg Chapter', 'function'],
  ]);
  assert.deepEqual(tokens[0].modifiers, ['declaration']);
  assert.deepEqual(tokens[2].modifiers, ['defaultLibrary']);
  assert.deepEqual(tokens.filter((x) => x.type === 'number').map((x) => x.text), ['Overturned']);

  const seed = corpusLetter(SEED_000);
  const seedUri = docUri('seed.txt');
  await client.open(seedUri, seed);
  const seedResult = await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri: seedUri } });
  const seedTokens = decode(seed, seedResult!.data, tokenTypes, tokenModifiers);
  const wrapped = seedTokens.findIndex((x) => x.text === 'Chapter 8 Neck and');
  assert.ok(wrapped >= 0, seedTokens.map((x) => x.text).join(' | '));
  assert.equal(seedTokens[wrapped + 1].text, 'Upper Back Complaints');
  assert.ok(seedTokens[wrapped + 1].line > seedTokens[wrapped].line);
  assert.equal(await client.shutdown(), 0);
});

test('imr/letterSummary: the Markdown table of the open version; null for a document that is not open', { timeout: 15_000 }, async (t) => {
  const client = await startClient(t, { capabilities: withCompletion(true) });
  const uri = docUri('chapter-mismatch.txt');
  const text = sample('chapter-mismatch.txt');
  await client.open(uri, text);
  type Summary = { markdown: string; items: number; caseNumber?: string } | null;
  const first = (await client.connection.sendRequest('imr/letterSummary', { uri })) as Summary;
  assert.ok(first);
  assert.equal(first.items, 3);
  assert.equal(first.caseNumber, 'CM99-0000104');
  assert.ok(first.markdown.includes('| 1 | MRI of the left knee without contrast | Upheld | knee | MTUS Knee Complaints 2004; ODG Knee & Leg | MTUS Low Back Complaints 2004 (another region) |'), first.markdown);
  assert.match(first.markdown, /^## Case CM99-0000104\n\nFile: \d+-chapter-mismatch\.txt · decided 2016-10-05/, 'the file name stands under the case number');

  const line = findLine(text, (l) => l.startsWith('MRI of the left knee without contrast: Upheld'));
  const col = 'MRI of the left knee without contrast: '.length;
  await client.change(uri, [{ range: { start: { line, character: col }, end: { line, character: col + 'Upheld'.length } }, text: 'Overturned' }]);
  const second = (await client.connection.sendRequest('imr/letterSummary', { uri })) as Summary;
  assert.ok(second?.markdown.includes('| 1 | MRI of the left knee without contrast | Overturned |'), 'the summary follows the edit');

  // Without a case number, the file's name heads the summary; the decision date stays.
  const noCase = docUri('no case number.txt');
  await client.open(noCase, text.replace(/Case Number:\s*CM99-0000104/, 'Case Number:'));
  const unnamed = (await client.connection.sendRequest('imr/letterSummary', { uri: noCase })) as Summary;
  assert.match(unnamed?.markdown ?? '', /^## \d+-no case number\.txt\n\ndecided 2016-10-05 · 3 items/);

  assert.equal(await client.connection.sendRequest('imr/letterSummary', { uri: docUri('never-opened.txt') }), null);
  assert.equal(await client.connection.sendRequest('imr/letterSummary', {}), null);
  assert.deepEqual(client.errorLogs(), []);
  assert.equal(await client.shutdown(), 0);
});

test('a 2 MB concatenation of letters: completion, tokens and summary answer, and the server stays up', { timeout: 60_000 }, async (t) => {
  const client = await startClient(t, { capabilities: withCompletion(true) });
  const letter = sample('drafting-problems.txt');
  const text = Array.from({ length: Math.ceil((2 * 1024 * 1024) / letter.length) }, () => letter).join('\n\n');
  const uri = docUri('big.txt');
  await client.open(uri, text);
  const last = text.split('\n').length - 1;
  const titleLine = findLine(text, (l) => l.startsWith('Cervical epidural steroid injection at C5-C6'), last - 80);
  assert.deepEqual((await complete(client, uri, titleLine, endOf(text, titleLine))).map((i) => i.label), ['Upheld', 'Overturned']);
  const tokens = await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } });
  assert.ok(tokens && tokens.data.length > 5 * 1000);
  const summary = (await client.connection.sendRequest('imr/letterSummary', { uri })) as { items: number } | null;
  assert.ok(summary && summary.items > 100);
  assert.ok(textIn(text, { start: { line: titleLine, character: 0 }, end: { line: titleLine, character: 10 } }).startsWith('Cervical'));
  assert.equal(await client.shutdown(), 0);
});

function imr(args: string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist/cli.js'), ...args], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('imr extract --format markdown: one section per letter with its case number and table; the same on worker threads', { timeout: 60_000 }, () => {
  const r = imr(['extract', '--format', 'markdown', 'samples/chapter-mismatch.txt', 'samples/reading-order.txt']);
  assert.equal(r.code, 0, r.stderr);
  const sections = r.stdout.split(/^(?=## )/m);
  assert.deepEqual(sections.map((s) => s.split('\n')[0]), ['## Case CM99-0000104', '## Case CM99-0000103']);
  assert.match(sections[0], /^File: samples\/chapter-mismatch\.txt · decided 2016-10-05 · 3 items: 2 Upheld, 1 Overturned$/m);
  assert.ok(sections[0].includes('| 3 | Knee scooter (purchase) | Overturned | — | ODG Ankle & Foot | ODG Ankle & Foot |'), sections[0]);

  const folder = path.join(CORPUS, 'letters');
  const single = imr(['extract', '--format', 'markdown', folder], { IMR_WORKERS: '1' });
  const threaded = imr(['extract', '--format', 'markdown', folder], { IMR_WORKERS: '2' });
  assert.equal(single.code, 0, single.stderr);
  assert.equal(single.stdout.match(/^## Case CM1[67]-\d{7}$/gm)?.length, 64);
  assert.equal(threaded.stdout, single.stdout);

  const check = imr(['check', '--format', 'markdown', 'samples']);
  assert.equal(check.code, 2);
  assert.match(check.stderr, /check does not write markdown/);
});
