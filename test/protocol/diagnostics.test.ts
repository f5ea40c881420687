/** 4-5. Diagnostics: pulled (textDocument/diagnostic) on a seed letter, pushed (publishDiagnostics) on a sample. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import {
  assertRangeInDocument,
  codes,
  corpusLetter,
  describeDiagnostics,
  docUri,
  findLine,
  fmt,
  messageOf,
  ofCode,
  sample,
  SEED_000,
  SEED_000_CODES,
  textIn,
} from './support/fixtures';
import { clientCapabilities, startClient } from './support/lspClient';

test('pull diagnostics: exactly two chapter-mismatch on the MAXIMUS guidelines of the EMG and NCV items', { timeout: 15_000 }, async (t) => {
  const client = await startClient(t, { capabilities: clientCapabilities({ pull: true }) });
  const text = corpusLetter(SEED_000);
  const uri = docUri('seed-000.txt');
  await client.open(uri, text);
  const diagnostics = await client.pullDiagnostics(uri);
  for (const d of diagnostics) assertRangeInDocument(text, d.range, `diagnostic ${d.code}`);

  const mismatches = ofCode(diagnostics, 'chapter-mismatch');
  assert.equal(mismatches.length, 2, `expected 2 chapter-mismatch, got:\n${describeDiagnostics(diagnostics)}`);

  const titles = ['Electromyography (EMG) of The Bilateral Upper Extremities: Upheld', 'Nerve Conduction Velocity (NCV) of The Bilateral Upper Extremities: Upheld'];
  mismatches.forEach((d, k) => {
    const titleLine = findLine(text, (l) => l.startsWith(titles[k]), 0, `title "${titles[k]}"`);
    const maximusLine = findLine(text, (l) => l.startsWith('MAXIMUS guideline:'), titleLine, 'MAXIMUS guideline line');
    const rationaleLine = findLine(text, (l) => l.startsWith('Decision rationale:'), maximusLine, 'Decision rationale line');
    assert.ok(
      d.range.start.line >= maximusLine && d.range.end.line < rationaleLine,
      `mismatch ${k + 1} at ${fmt(d.range)} should lie in the MAXIMUS guideline of item "${titles[k]}" (lines ${maximusLine + 1}-${rationaleLine})`,
    );
    assert.match(textIn(text, d.range), /Low Back/, `mismatch ${k + 1} should cover the Low Back citation, covers ${JSON.stringify(textIn(text, d.range))}`);
    assert.equal(d.severity, DiagnosticSeverity.Warning, 'default level of chapter-mismatch');
    assert.equal(d.source, 'imr');
    assert.match(messageOf(d), /Low Back/);
    assert.match(messageOf(d), /MAXIMUS guideline/);
    const related = d.relatedInformation ?? [];
    assert.equal(related.length, 1, 'relatedInformation should point at the item title');
    assert.equal(related[0].location.uri, uri);
    assert.equal(related[0].location.range.start.line, titleLine, `related range ${fmt(related[0].location.range)} should be on the title line ${titleLine + 1}`);
  });

  // Nothing else is wrong with this letter but the two MAXIMUS fields that disown the MTUS their rationales rely on.
  assert.deepEqual(codes(diagnostics), SEED_000_CODES, describeDiagnostics(diagnostics));
  // A pull client is never pushed to.
  assert.deepEqual(client.published, [], 'publishDiagnostics sent to a client that pulls');
  assert.equal(await client.shutdown(), 0);
});

test('pull diagnostics for a document that is not open: an empty full report', { timeout: 10_000 }, async (t) => {
  const client = await startClient(t, { capabilities: clientCapabilities({ pull: true }) });
  assert.deepEqual(await client.pullDiagnostics(docUri('never-opened.txt')), []);
  assert.equal(await client.shutdown(), 0);
});

test('push diagnostics: drafting-problems.txt gets missing-field, missing-outcome and outcome-contradiction', { timeout: 15_000 }, async (t) => {
  const client = await startClient(t, { capabilities: clientCapabilities({ pull: false }) });
  const text = sample('drafting-problems.txt');
  const uri = docUri('drafting-problems.txt');
  await client.open(uri, text, 7);
  const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
  assert.equal(published.version, 7, 'publishDiagnostics should carry the document version');
  const diagnostics = published.diagnostics;
  assert.deepEqual(codes(diagnostics), ['missing-field', 'missing-outcome', 'outcome-contradiction'], describeDiagnostics(diagnostics));
  for (const d of diagnostics) assertRangeInDocument(text, d.range, `diagnostic ${d.code}`);

  const [missingField] = ofCode(diagnostics, 'missing-field');
  assert.equal(missingField.range.start.line, 38, `missing-field at ${fmt(missingField.range)}: expected on the title line 39`);
  assert.equal(textIn(text, missingField.range), 'MRI of the right shoulder without contrast');
  assert.match(messageOf(missingField), /MAXIMUS guideline/);
  assert.equal(missingField.severity, DiagnosticSeverity.Warning);

  const [missingOutcome] = ofCode(diagnostics, 'missing-outcome');
  assert.equal(missingOutcome.range.start.line, 51, `missing-outcome at ${fmt(missingOutcome.range)}: expected on line 52`);
  assert.match(textIn(text, missingOutcome.range), /^Cervical epidural steroid injection at C5-C6/);
  assert.equal(missingOutcome.severity, DiagnosticSeverity.Error);

  const [contradiction] = ofCode(diagnostics, 'outcome-contradiction');
  assert.equal(contradiction.range.start.line, 66, `outcome-contradiction at ${fmt(contradiction.range)}: expected on line 67`);
  assert.equal(textIn(text, contradiction.range), 'Upheld');
  assert.equal(contradiction.severity, DiagnosticSeverity.Error);
  const conclusion = contradiction.relatedInformation?.[0];
  assert.ok(conclusion, 'outcome-contradiction should point at the rationale conclusion');
  assert.ok(
    conclusion.location.range.start.line >= 75 && conclusion.location.range.end.line <= 79,
    `the conclusion ${fmt(conclusion.location.range)} should lie in the rationale (lines 76-80)`,
  );

  // Item 4 (line 82) is clean: nothing spills over.
  assert.ok(diagnostics.every((d) => d.range.start.line < 81), describeDiagnostics(diagnostics));
  assert.deepEqual(client.errorLogs(), []);
  assert.equal(await client.shutdown(), 0);
});
