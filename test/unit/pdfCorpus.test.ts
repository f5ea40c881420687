/**
 * Every published PDF of ../shared/corpus/pdf read by server/src/pdf against its
 * `pdftotext -layout` text in ../shared/corpus/letters: both texts parsed and checked by the core
 * must give the same letter. Columns and spaces may differ (the extraction lays out gaps on its
 * own grid); what a reader of the letter gets may not: the items (count, titles with white space
 * folded, outcomes, fields), the header facts (case number and every date), each item's
 * citations, and the findings of the checks, item by item.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyseText, looksLikeDetermination, type Analysis } from '../../server/src/core';
import { computeDiagnostics } from '../../server/src/core/diagnostics';
import { extractPdfText, isPdfProblem } from '../../server/src/pdf/extract';
import { CORPUS } from './support/corpus';

const PDFS = path.join(CORPUS, 'pdf');
const LETTERS = path.join(CORPUS, 'letters');
const names = readdirSync(PDFS)
  .filter((f) => f.endsWith('.pdf'))
  .sort()
  .map((f) => f.slice(0, -'.pdf'.length));

const fold = (s: string) => s.replace(/\s+/g, ' ').trim();

/** What a reader of the letter gets, without offsets and columns. */
function letterOf(analysis: Analysis) {
  const { model } = analysis;
  const header: Record<string, string> = {};
  for (const [key, fact] of Object.entries(model.header)) if (key !== 'span' && fact && 'value' in fact) header[key] = fact.value;
  // Findings are told by the item they start in (or none), in order, by code.
  const starts = model.items.map((item) => item.span.start);
  const findings = computeDiagnostics(analysis, { enabled: true, rules: {} }).map((finding) => {
    const offset = analysis.lines.offsetAt(finding.range.start);
    let item = -1;
    while (item + 1 < starts.length && starts[item + 1] <= offset) item++;
    return `${item < 0 ? 'letter' : `item ${item + 1}`}: ${finding.code}`;
  });
  return {
    layout: model.layout,
    isLetter: looksLikeDetermination(model.text),
    sections: model.sections.map((s) => s.kind),
    header,
    items: model.items.map((item) => ({
      title: fold(item.title),
      shortTitle: fold(item.shortTitle),
      partial: item.partial,
      outcome: item.outcome ?? null,
      fields: item.fieldList.map((f) => `${f.kind}: ${fold(f.text)}`),
      // A citation as the model exposes it, its location left out.
      citations: item.citations.map((c) => ({
        kind: c.kind,
        field: c.field,
        mtus: c.mtus,
        text: fold(c.text),
        chapter: c.chapter ?? null,
        title: c.title ?? null,
        year: c.year ?? null,
        pages: c.pages?.map((p) => `${p.from}-${p.to}`) ?? null,
        sections: c.sections?.map(fold) ?? null,
        url: c.url ?? null,
      })),
    })),
    findings,
  };
}

test('the corpus has a PDF for every letter and a letter for every PDF (64)', () => {
  const letters = readdirSync(LETTERS)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => f.slice(0, -'.txt'.length))
    .sort();
  assert.deepEqual(names, letters);
  assert.equal(names.length, 64);
});

for (const name of names) {
  test(`${name}.pdf reads as its pdftotext -layout text`, async () => {
    const result = await extractPdfText(new Uint8Array(readFileSync(path.join(PDFS, `${name}.pdf`))));
    assert.ok(!isPdfProblem(result), isPdfProblem(result) ? result.message : '');
    const expected = readFileSync(path.join(LETTERS, `${name}.txt`), 'utf8');

    const fromPdf = letterOf(analyseText(`${name}.pdf`, 1, result.text));
    const fromText = letterOf(analyseText(`${name}.txt`, 1, expected));
    assert.ok(fromText.items.length > 0 && fromText.header.caseNumber, 'the text letter has items and a case number');
    assert.deepEqual(fromPdf, fromText);

    // The same lines too, with spaces folded: the layout is pdftotext's but for column widths.
    const lines = (text: string) => text.split('\n').map(fold);
    assert.deepEqual(lines(result.text), lines(expected));

    // Page starts: each page begins after the previous page's break, the first at 0.
    assert.equal(result.pageStarts.length, result.pages);
    assert.equal(result.pageStarts[0], 0);
    for (let i = 1; i < result.pages; i++) assert.equal(result.text.slice(result.pageStarts[i] - 2, result.pageStarts[i]), '\n\n', `page ${i + 1} follows a page break`);
  });
}
