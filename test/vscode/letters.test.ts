/**
 * The extension as VS Code's API sees it: language switching, diagnostics from the
 * language server, document symbols, edits and undo, settings, and the optional
 * features (hover, folding, completion) when the server announces them.
 *
 * The workspace is made by test/vscode/fixtures.mjs: the seed letter
 * 000_302bd7f50b142580.txt (four items, all Upheld; items 3 and 4 cite ODG Low Back
 * for an upper-extremity test), a sample letter named *.imr.txt, and a plain note.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { skip, test } from './harness';

const LANGUAGE_ID = 'imr-determination';
const EXTENSION_ID = 'imr-determinations.imr-determinations';
export const SEED = '000_302bd7f50b142580.txt';
const NOTE = 'note.txt';
const IMR_TXT = 'sample.imr.txt';

const SECTIONS = ['HOW THE IMR FINAL DETERMINATION WAS MADE', 'CLINICAL CASE SUMMARY', 'IMR ISSUES, DECISIONS AND RATIONALES'];
const ITEMS = [
  'Upheld · MRI of The Cervical Spine',
  'Upheld · MRI of The Lumbar Spine',
  'Upheld · Electromyography (EMG) of The Bilateral Upper Extremities',
  'Upheld · Nerve Conduction Velocity (NCV) of The Bilateral Upper Extremities',
];
/** 0-based lines of the two chapter-mismatch warnings (157 and 195 in an editor). */
const MISMATCH_LINES = [156, 194];

// ---------------------------------------------------------------- helpers

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns something truthy; fails with `what` and the last value seen. */
async function waitFor<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    const value = await probe();
    if (value) return value;
    last = value;
    if (Date.now() > until) throw new Error(`waited ${timeoutMs} ms for ${what}; last value: ${JSON.stringify(last)}`);
    await sleep(50);
  }
}

function fileUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test run needs a workspace folder (made by test/vscode/fixtures.mjs)');
  return vscode.Uri.joinPath(folder.uri, name);
}

function openDoc(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
}

/** Opens a file in an editor and waits until it has the IMR language. */
async function openLetter(name: string): Promise<vscode.TextEditor> {
  const uri = fileUri(name);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false });
  await waitFor(`${name} to switch to ${LANGUAGE_ID}`, () => openDoc(uri)?.languageId === LANGUAGE_ID, 10_000);
  return waitFor(`an editor for ${name}`, () => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()));
}

const codeOf = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' ? d.code.value : d.code ?? '');
const imrDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'imr');
const summary = (ds: vscode.Diagnostic[]) => ds.map((d) => `${codeOf(d)}@${d.range.start.line + 1}:${d.range.start.character + 1}`);

/**
 * Waits for the diagnostics of `uri` to satisfy `ok`: checks the current state, then
 * every onDidChangeDiagnostics event for that document.
 */
function waitForDiagnostics(uri: vscode.Uri, what: string, ok: (ds: vscode.Diagnostic[]) => boolean, timeoutMs = 15_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const ds = imrDiagnostics(uri);
      if (!ok(ds)) return false;
      finish();
      resolve(ds);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`waited ${timeoutMs} ms for diagnostics: ${what}; have ${JSON.stringify(summary(imrDiagnostics(uri)))}`));
    }, timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      subscription.dispose();
    };
    check();
  });
}

const mismatchesAtExpectedLines = (ds: vscode.Diagnostic[]) => {
  const lines = ds.filter((d) => codeOf(d) === 'chapter-mismatch').map((d) => d.range.start.line);
  return JSON.stringify(lines.sort((a, b) => a - b)) === JSON.stringify(MISMATCH_LINES);
};

async function symbolsOf(uri: vscode.Uri): Promise<vscode.DocumentSymbol[]> {
  const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', uri);
  return symbols ?? [];
}

function lineIndex(doc: vscode.TextDocument, predicate: (text: string) => boolean, from = 0): number {
  for (let i = from; i < doc.lineCount; i++) if (predicate(doc.lineAt(i).text)) return i;
  throw new Error('line not found');
}

/** Undoes the last edit in the active editor and checks the text is back. */
async function undoTo(editor: vscode.TextEditor, original: string): Promise<void> {
  await vscode.window.showTextDocument(editor.document, { preview: false, preserveFocus: false });
  await vscode.commands.executeCommand('undo');
  await waitFor('undo to restore the text', () => editor.document.getText() === original, 5_000);
}

interface ServerCapabilities {
  hoverProvider?: unknown;
  foldingRangeProvider?: unknown;
  completionProvider?: { triggerCharacters?: string[] };
}

/** The capabilities the running language server announced (the extension exports its client). */
async function serverCapabilities(): Promise<ServerCapabilities> {
  const extension = vscode.extensions.getExtension<{ languageClient?: { initializeResult?: { capabilities?: ServerCapabilities } } }>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is installed`);
  const api = extension.isActive ? extension.exports : await extension.activate();
  return waitFor('the language server to initialise', () => api?.languageClient?.initializeResult?.capabilities, 15_000);
}

// ---------------------------------------------------------------- tests

test('the extension is installed and active once a .txt file is open', async () => {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fileUri(NOTE)));
  await waitFor('the extension to activate', () => vscode.extensions.getExtension(EXTENSION_ID)?.isActive, 15_000);
});

test('a letter in a .txt file switches to the IMR Determination language', async () => {
  const editor = await openLetter(SEED);
  assert.equal(editor.document.languageId, LANGUAGE_ID);
  const languages = await vscode.languages.getLanguages();
  assert.ok(languages.includes(LANGUAGE_ID), 'the language is contributed');
});

test('letters are prose: word wrap on, indentation guides and bracket pair colours off for the language', async () => {
  const editor = vscode.workspace.getConfiguration('editor', { languageId: LANGUAGE_ID });
  assert.equal(editor.get('wordWrap'), 'on');
  assert.equal(editor.get('guides.indentation'), false);
  assert.equal(editor.get('guides.bracketPairs'), false);
  assert.equal(editor.get('bracketPairColorization.enabled'), false);
  // Other languages keep the user's (here the default) settings.
  assert.equal(vscode.workspace.getConfiguration('editor', { languageId: 'plaintext' }).get('wordWrap'), 'off');
});

test('an ordinary .txt note stays Plain Text and gets no diagnostics', async () => {
  const uri = fileUri(NOTE);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
  await sleep(1_000); // content detection answers within ~100 ms; give it ten times that
  assert.equal(openDoc(uri)?.languageId, 'plaintext');
  assert.deepEqual(summary(imrDiagnostics(uri)), []);
});

test('a *.imr.txt file opens as IMR Determination without content detection', async () => {
  const uri = fileUri(IMR_TXT);
  const doc = await vscode.workspace.openTextDocument(uri);
  assert.equal(doc.languageId, LANGUAGE_ID);
});

test('the seed letter reports its two chapter-mismatch warnings at 157:37 and 195:37', async () => {
  const editor = await openLetter(SEED);
  const ds = await waitForDiagnostics(editor.document.uri, 'two chapter-mismatch warnings', mismatchesAtExpectedLines, 20_000);
  for (const d of ds.filter((x) => codeOf(x) === 'chapter-mismatch')) {
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(d.message, /ODG Low Back/);
    assert.match(d.message, /upper extremities/);
    // The range covers the cited chapter on the MAXIMUS guideline line.
    assert.match(editor.document.getText(d.range), /Low Back/);
  }
  assert.deepEqual(summary(ds.filter((x) => codeOf(x) === 'chapter-mismatch')), ['chapter-mismatch@157:37', 'chapter-mismatch@195:37']);
});

test('document symbols: the three sections, and the four items with their outcomes under the issues section', async () => {
  const editor = await openLetter(SEED);
  const symbols = await waitFor('document symbols', async () => {
    const s = await symbolsOf(editor.document.uri);
    return s.length > 0 ? s : undefined;
  });
  const names = symbols.map((s) => s.name);
  for (const section of SECTIONS) assert.ok(names.includes(section), `top level has "${section}": ${JSON.stringify(names)}`);
  const issues = symbols.find((s) => s.name === SECTIONS[2]);
  assert.ok(issues);
  const items = issues.children.filter((c) => /^(Upheld|Overturned|No outcome) · /.test(c.name));
  assert.deepEqual(items.map((i) => i.name), ITEMS);
  // The icon tells the outcome: every item of the seed letter is Upheld.
  assert.ok(items.every((i) => i.kind === vscode.SymbolKind.Constant), JSON.stringify(items.map((i) => i.kind)));
  for (const item of items) {
    assert.ok(issues.range.contains(item.range), `${item.name} lies inside its section`);
    assert.ok(item.range.contains(item.selectionRange), `${item.name}: selection inside range`);
    const fields = item.children.map((c) => c.name);
    assert.deepEqual(fields, ['Claims Administrator guideline', 'MAXIMUS guideline', 'Decision rationale'], `${item.name} fields`);
  }
  // The item's selection is its title line in the text.
  assert.match(editor.document.getText(items[0]!.selectionRange), /MRI of The Cervical Spine/);
});

test('deleting a "Decision rationale:" label reports missing-field; undo clears it', async () => {
  const editor = await openLetter(SEED);
  const doc = editor.document;
  const uri = doc.uri;
  await waitForDiagnostics(uri, 'the initial warnings', mismatchesAtExpectedLines, 20_000);
  const original = doc.getText();
  const line = lineIndex(doc, (t) => t.startsWith('Decision rationale:'));
  assert.ok(await editor.edit((b) => b.delete(new vscode.Range(line, 0, line, 'Decision rationale:'.length))));
  const ds = await waitForDiagnostics(uri, 'a missing-field warning', (d) => d.some((x) => codeOf(x) === 'missing-field'));
  const missing = ds.find((x) => codeOf(x) === 'missing-field')!;
  assert.match(missing.message, /Decision rationale/);
  assert.match(missing.message, /MRI of The Cervical Spine/);
  await undoTo(editor, original);
  await waitForDiagnostics(uri, 'missing-field to go away after undo', (d) => !d.some((x) => codeOf(x) === 'missing-field') && mismatchesAtExpectedLines(d));
});

test('changing an outcome to Overturned reports outcome-contradiction and renames the symbol; undo clears it', async () => {
  const editor = await openLetter(SEED);
  const doc = editor.document;
  const uri = doc.uri;
  await waitForDiagnostics(uri, 'the initial warnings', mismatchesAtExpectedLines, 20_000);
  const original = doc.getText();
  const line = lineIndex(doc, (t) => t.startsWith('MRI of The Cervical Spine: Upheld'));
  const col = doc.lineAt(line).text.indexOf('Upheld');
  assert.ok(await editor.edit((b) => b.replace(new vscode.Range(line, col, line, col + 'Upheld'.length), 'Overturned')));
  const ds = await waitForDiagnostics(uri, 'an outcome-contradiction error', (d) => d.some((x) => codeOf(x) === 'outcome-contradiction'));
  const contradiction = ds.find((x) => codeOf(x) === 'outcome-contradiction')!;
  assert.equal(contradiction.severity, vscode.DiagnosticSeverity.Error);
  assert.equal(contradiction.range.start.line, line);
  const renamed = await symbolsOf(uri);
  const issues = renamed.find((s) => s.name === SECTIONS[2]);
  const flipped = issues?.children.find((c) => c.name === 'Overturned · MRI of The Cervical Spine');
  assert.ok(flipped, `outline follows the edit: ${JSON.stringify(issues?.children.map((c) => c.name))}`);
  assert.equal(flipped.kind, vscode.SymbolKind.Event, 'an Overturned item has its own icon');
  await undoTo(editor, original);
  await waitForDiagnostics(uri, 'outcome-contradiction to go away after undo', (d) => !d.some((x) => codeOf(x) === 'outcome-contradiction') && mismatchesAtExpectedLines(d));
});

test('setting imrDetermination.validate.chapterMismatch to "ignore" removes the warnings; resetting brings them back', async () => {
  const editor = await openLetter(SEED);
  const uri = editor.document.uri;
  await waitForDiagnostics(uri, 'the initial warnings', mismatchesAtExpectedLines, 20_000);
  const config = vscode.workspace.getConfiguration('imrDetermination');
  try {
    await config.update('validate.chapterMismatch', 'ignore', vscode.ConfigurationTarget.Global);
    await waitForDiagnostics(uri, 'no chapter-mismatch with the check set to ignore', (d) => !d.some((x) => codeOf(x) === 'chapter-mismatch'));
  } finally {
    await config.update('validate.chapterMismatch', undefined, vscode.ConfigurationTarget.Global);
  }
  await waitForDiagnostics(uri, 'the warnings back after resetting the setting', mismatchesAtExpectedLines);
});

test('a letter pasted into an untitled buffer switches to IMR Determination and is checked', async () => {
  const seedText = (await vscode.workspace.openTextDocument(fileUri(SEED))).getText();
  const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: seedText });
  await vscode.window.showTextDocument(doc, { preview: false });
  const uri = doc.uri;
  try {
    await waitFor('the untitled letter to switch language', () => openDoc(uri)?.languageId === LANGUAGE_ID, 10_000);
    await waitForDiagnostics(uri, 'the chapter-mismatch warnings in the untitled buffer', mismatchesAtExpectedLines, 20_000);
  } finally {
    await vscode.window.showTextDocument(openDoc(uri) ?? doc, { preview: false });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
});

test('hover on an outcome (when the server offers hover)', async () => {
  const capabilities = await serverCapabilities();
  if (!capabilities.hoverProvider) skip('the server does not announce hoverProvider');
  const editor = await openLetter(SEED);
  const doc = editor.document;
  const line = lineIndex(doc, (t) => t.startsWith('MRI of The Cervical Spine: Upheld'));
  const position = new vscode.Position(line, doc.lineAt(line).text.indexOf('Upheld') + 2);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
  const text = (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
  assert.ok(text.trim().length > 0, 'a hover with some content');
});

test('folding ranges for the sections (when the server offers folding)', async () => {
  const capabilities = await serverCapabilities();
  if (!capabilities.foldingRangeProvider) skip('the server does not announce foldingRangeProvider');
  const editor = await openLetter(SEED);
  const doc = editor.document;
  const ranges = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', doc.uri);
  assert.ok(ranges && ranges.length > 0, 'some folding ranges');
  const headingLines = SECTIONS.map((s) => lineIndex(doc, (t) => t.trim() === s));
  for (const heading of headingLines) {
    assert.ok(ranges.some((r) => r.start === heading && r.end > heading), `a folding range starts at the heading on line ${heading + 1}: ${JSON.stringify(ranges.map((r) => [r.start + 1, r.end + 1]))}`);
  }
});

test('completion inside a disputed item (when the server offers completion)', async () => {
  const capabilities = await serverCapabilities();
  if (!capabilities.completionProvider) skip('the server does not announce completionProvider');
  const editor = await openLetter(SEED);
  const doc = editor.document;
  const title = lineIndex(doc, (t) => t.startsWith('MRI of The Cervical Spine: Upheld'));
  const blank = lineIndex(doc, (t) => t.trim() === '', title + 1);
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(blank, 0));
  assert.ok(list && list.items.length > 0, 'some completion items on a blank line inside an item');
  // In a guideline field, an MTUS form ends in "Section(s): " and opens the section names at once.
  const field = lineIndex(doc, (t) => t.startsWith('MAXIMUS guideline:'), title);
  const forms = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(field, 'MAXIMUS guideline:'.length));
  const mtus = forms.items.filter((i) => typeof i.label === 'string' && i.label.startsWith('MTUS '));
  assert.ok(mtus.length > 0, 'MTUS citation forms in a guideline field');
  assert.ok(mtus.every((i) => i.command?.command === 'editor.action.triggerSuggest'), JSON.stringify(mtus.map((i) => i.command)));
});

test('IMR: Copy Letter Summary puts the letter\'s items on the clipboard as a Markdown table', async () => {
  await serverCapabilities();
  const editor = await openLetter(SEED);
  await vscode.window.showTextDocument(editor.document, { preview: false });
  const commands = await vscode.commands.getCommands(true);
  assert.ok(commands.includes('imrDetermination.copySummary'), 'the command is registered');
  type Outcome = { copied: string } | { skipped: string };
  const within = <T>(ms: number, what: string, p: Thenable<T>): Promise<T> =>
    Promise.race([Promise.resolve(p), sleep(ms).then(() => Promise.reject(new Error(`no answer within ${ms} ms: ${what}`)))]);
  // The server may still be reading the letter just opened: the command then says so and copies nothing.
  const outcome = await waitFor('the command to copy a summary', async () => {
    const o = await within(8_000, 'the command', vscode.commands.executeCommand<Outcome | undefined>('imrDetermination.copySummary'));
    return o && 'copied' in o ? o : undefined;
  });
  for (const item of ITEMS) {
    const [decided, title] = item.split(' · ');
    assert.ok(outcome.copied.includes(`| ${title} | ${decided} |`), `a row for ${title}: ${outcome.copied}`);
  }
  // The seed letter has no case number: its file's name heads the summary; the EMG and NCV cite a
  // chapter of another region, marked as the code lens marks it.
  // (Markdown: the name's underscores escaped.)
  assert.ok(outcome.copied.startsWith(`## ${SEED.replace(/_/g, '\\_')}\n`), outcome.copied.split('\n')[0]);
  assert.ok(outcome.copied.includes('(another region)'), outcome.copied);
  // The command answers only once the clipboard write has resolved. Reading it back works in the
  // desktop host; in a browser, reading waits for a clipboard permission nobody grants.
  if (vscode.env.uiKind === vscode.UIKind.Desktop) {
    assert.equal(await within(5_000, 'clipboard.readText', vscode.env.clipboard.readText()), outcome.copied);
  }
});
