/** Quick fixes over LSP: offered for the diagnostics the client sends back, applied, and the diagnostic is gone. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CodeActionKind, CodeActionRequest, type CodeAction, type TextEdit } from 'vscode-languageserver-protocol/node';
import { describeDiagnostics, docUri, offsetAt, ofCode, sample } from './support/fixtures';
import { clientCapabilities, startClient } from './support/lspClient';

function apply(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offsetAt(out, e.range.start)) + e.newText + out.slice(offsetAt(out, e.range.end));
  return out;
}

test('quick fixes: outcome-contradiction and chapter-mismatch fixed through code actions', { timeout: 15_000 }, async (t) => {
  const client = await startClient(t, { capabilities: clientCapabilities({ pull: true }) });
  for (const [name, code, expectedTitle] of [
    ['drafting-problems.txt', 'outcome-contradiction', 'Change the outcome to Overturned'],
    ['chapter-mismatch.txt', 'chapter-mismatch', 'Cite MTUS Knee Complaints 2004 instead'],
  ] as const) {
    const uri = docUri(name);
    const text = sample(name);
    await client.open(uri, text, 1);
    const diagnostics = await client.pullDiagnostics(uri);
    const target = ofCode(diagnostics, code)[0];
    assert.ok(target, `${code} in ${name}:\n${describeDiagnostics(diagnostics)}`);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: target.range,
      context: { diagnostics: [target], only: [CodeActionKind.QuickFix] },
    })) as CodeAction[];
    const preferred = actions.find((a) => a.isPreferred);
    assert.ok(preferred, `a preferred fix among: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(preferred.title, expectedTitle);
    assert.equal(preferred.kind, CodeActionKind.QuickFix);
    assert.deepEqual(preferred.diagnostics, [target]);
    const edits = preferred.edit?.changes?.[uri];
    assert.ok(edits && edits.length > 0);
    const fixed = apply(text, edits);
    await client.change(uri, [{ text: fixed }], 2);
    const after = await client.pullDiagnostics(uri);
    assert.ok(!after.some((d) => d.message === target.message), `still reported after the fix:\n${describeDiagnostics(after)}`);
    assert.equal(after.length, diagnostics.length - 1);
  }
  assert.equal(await client.shutdown(), 0);
});

test('no code actions for diagnostics of other sources or unknown codes', { timeout: 10_000 }, async (t) => {
  const client = await startClient(t, { capabilities: clientCapabilities({ pull: true }) });
  const uri = docUri('clean.txt');
  await client.open(uri, sample('clean-2017-layout.txt'), 1);
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } };
  const actions = await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range,
    context: {
      diagnostics: [
        { range, message: 'x', source: 'other', code: 'outcome-contradiction', data: { expected: 'Upheld' } },
        { range, message: 'y', source: 'imr', code: 'made-up' },
      ],
    },
  });
  assert.deepEqual(actions, []);
  assert.equal(await client.shutdown(), 0);
});
