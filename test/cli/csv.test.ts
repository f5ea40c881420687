/**
 * `imr extract --format csv`, read back with a small RFC 4180 parser written
 * here (independent of the writer): header, one row per item, quoting.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CSV_COLUMNS, csvField, csvRows, toCsv } from '../../server/src/cli/csv';
import { analyseText, type Finding } from '../../server/src/core';
import { computeDiagnostics } from '../../server/src/core/diagnostics';
import { imr, SAMPLES } from './support';

/**
 * A letter of `n` items whose findings are known by construction: every fourth item (4, 8, ...) is
 * a knee MRI decided on the Low Back Complaints chapter (chapter-mismatch), every item after it
 * (1, 5, 9, ...) lacks its MAXIMUS guideline (missing-field), the others are clean.
 */
function letterWithFindings(n: number): { text: string; expected: string[] } {
  const parts = [
    'HOW THE IMR FINAL DETERMINATION WAS MADE\nThe expert reviewer is Board Certified in Orthopaedic Surgery.\n',
    'CLINICAL CASE SUMMARY\nThe injured worker has chronic pain.\n',
    'IMR ISSUES, DECISIONS AND RATIONALES\nThe Final Determination was based on decisions for the disputed items/services set forth below:\n',
  ];
  const expected: string[] = [];
  for (let i = 1; i <= n; i++) {
    const kind = i % 4;
    const outcome = i % 3 === 0 ? 'Overturned' : 'Upheld';
    parts.push(kind === 0 ? `MRI of the left knee number ${i}: ${outcome}\n` : `Physical therapy visit ${i} for the lumbar spine: ${outcome}\n`);
    parts.push('Claims Administrator guideline: Decision based on MTUS Low Back Complaints 2004, Section(s): Physical Methods.\n');
    if (kind === 0) parts.push('MAXIMUS guideline: Decision based on MTUS Low Back Complaints 2004, Section(s): Special Studies.\n');
    else if (kind !== 1) parts.push('MAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment Guidelines, Section(s): Physical Medicine.\n');
    parts.push(`Decision rationale: The guidelines apply. Item ${i} ${outcome === 'Upheld' ? 'is not medically necessary' : 'is medically necessary'}.\n`);
    expected.push(kind === 0 ? 'chapter-mismatch' : kind === 1 ? 'missing-field' : '');
  }
  return { text: parts.join(''), expected };
}

/** RFC 4180 records: quoted fields may hold commas, CR, LF and doubled quotes. Throws on malformed input. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  const n = text.length;
  if (n === 0) return records;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= n) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else {
          field += text[i++];
        }
      }
    } else {
      while (i < n && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`a quote inside an unquoted field at ${i}`);
        field += text[i++];
      }
    }
    record.push(field);
    if (i >= n) {
      records.push(record);
      return records;
    }
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] !== '\r' || text[i + 1] !== '\n') throw new Error(`a record ends without CRLF at ${i}`);
    i += 2;
    records.push(record);
    record = [];
    if (i >= n) return records;
  }
}

function rowsOf(stdout: string): Array<Record<string, string>> {
  assert.ok(stdout.startsWith('\uFEFF'), 'starts with a UTF-8 byte order mark');
  const [header, ...rows] = parseCsv(stdout.slice(1));
  assert.deepEqual(header, [...CSV_COLUMNS]);
  for (const r of rows) assert.equal(r.length, header.length);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

test('the parser in this test reads what it should and refuses what it should', () => {
  assert.deepEqual(parseCsv('a,"b,c"\r\n"d ""e""","f\r\ng"\r\n'), [['a', 'b,c'], ['d "e"', 'f\r\ng']]);
  assert.throws(() => parseCsv('a,b"c\r\n'), /quote inside/);
  assert.throws(() => parseCsv('a,b\nc,d\r\n'), /without CRLF/);
  assert.throws(() => parseCsv('"a,b\r\n'), /unterminated/);
});

test('fields with commas, quotes, CR and LF round-trip; plain fields stay unquoted', () => {
  const awkward = ['plain', 'comma, inside', 'say "no"', 'two\r\nlines', 'lone\nLF', 'lone\rCR', '', ' spaces ', 'é ü 😀', '"'];
  const text = toCsv([awkward, [...awkward].reverse()]);
  const [header, ...rows] = parseCsv(text.slice(1));
  assert.deepEqual(header, [...CSV_COLUMNS]);
  assert.deepEqual(rows, [awkward, [...awkward].reverse()]);
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('say "no"'), '"say ""no"""');
  // The parser refuses records that end in anything but CRLF, so reading it back checked those too.
  assert.ok(text.endsWith('\r\n'));
});

test('one row per disputed item, with header facts, regions, guidelines and findings', () => {
  const r = imr(['extract', '--format', 'csv', 'samples']);
  assert.equal(r.code, 0);
  assert.equal(r.stderr, '');
  const rows = rowsOf(r.stdout);
  assert.equal(rows.length, 19, 'the samples hold 19 items in all');
  const knee = rows.find((x) => x.file === 'samples/chapter-mismatch.txt' && x.itemNumber === '1');
  assert.ok(knee);
  assert.deepEqual(knee, {
    file: 'samples/chapter-mismatch.txt',
    caseNumber: 'CM99-0000104',
    decisionDate: '2016-10-05',
    dateOfInjury: '2016-05-02',
    urDenialDate: '2016-08-24',
    applicationReceived: '2016-09-01',
    dateAssigned: '2016-09-12',
    specialty: 'Family Practice',
    itemNumber: '1',
    item: 'MRI of the left knee without contrast',
    outcome: 'Upheld',
    regions: 'knee',
    guidelines: 'MTUS Knee Complaints 2004; ODG Knee & Leg; MTUS Low Back Complaints 2004',
    findings: 'chapter-mismatch',
    page: '',
  });
  // Findings are those inside the item: the drafting sample's three findings fall on three items.
  const drafting = rows.filter((x) => x.file === 'samples/drafting-problems.txt');
  assert.deepEqual(
    drafting.map((x) => x.findings).filter(Boolean).sort(),
    ['missing-field', 'missing-outcome', 'outcome-contradiction'],
  );
  const noOutcome = drafting.find((x) => x.findings === 'missing-outcome');
  assert.equal(noOutcome?.outcome, '');
  // Dates are ISO 8601 where the letter has them (older letters state fewer of them).
  for (const x of rows) {
    for (const key of ['decisionDate', 'dateOfInjury', 'urDenialDate', 'applicationReceived', 'dateAssigned']) {
      assert.match(x[key], /^(\d{4}-\d{2}-\d{2})?$/, `${x.file}: ${key}`);
    }
  }
  assert.equal(rows.find((x) => x.file === 'samples/clean-older-layout.txt')?.dateOfInjury, '2013-03-11');
});

test('a title with commas and quotes survives the trip through a letter; a letter without items keeps a row', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'imr-csv-'));
  try {
    const source = readFileSync(path.join(SAMPLES, 'chapter-mismatch.txt'), 'utf8');
    const title = 'MRI of the left knee, "open" MRI, without contrast';
    assert.ok(source.includes('MRI of the left knee without contrast'));
    writeFileSync(path.join(dir, 'quoted.txt'), source.replace('MRI of the left knee without contrast', title));
    // The issues section cut off after its heading: no items, and a no-items finding.
    const cut = source.slice(0, source.indexOf('IMR ISSUES, DECISIONS AND RATIONALES') + 'IMR ISSUES, DECISIONS AND RATIONALES'.length) + '\n';
    writeFileSync(path.join(dir, 'short.txt'), cut);
    const r = imr(['extract', '--format', 'csv', dir]);
    assert.equal(r.code, 0, r.stderr);
    const rows = rowsOf(r.stdout);
    const quoted = rows.filter((x) => x.file.endsWith('quoted.txt'));
    assert.equal(quoted[0].item, title);
    assert.ok(r.stdout.includes('"MRI of the left knee, ""open"" MRI, without contrast"'), 'quoted, quotes doubled');
    const short = rows.filter((x) => x.file.endsWith('short.txt'));
    assert.equal(short.length, 1);
    assert.equal(short[0].item, '');
    assert.equal(short[0].caseNumber, 'CM99-0000104');
    assert.match(short[0].findings, /no-items/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('csv is for extract only; check refuses it with a usage error', () => {
  const r = imr(['check', '--format', 'csv', 'samples']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^imr: check does not write csv \(that is imr extract\)/);
});

test('a letter of many items: each row lists the findings of its own item', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'imr-csv-'));
  try {
    const { text, expected } = letterWithFindings(3000);
    writeFileSync(path.join(dir, 'many.txt'), text);
    const r = imr(['extract', '--format', 'csv', 'many.txt'], {}, dir);
    assert.equal(r.code, 0, r.stderr);
    const rows = rowsOf(r.stdout);
    assert.deepEqual(
      rows.map((x) => x.itemNumber),
      expected.map((_, i) => String(i + 1)),
    );
    assert.deepEqual(
      rows.map((x) => x.findings),
      expected,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('rows are made with one pass over the findings, not one per item', () => {
  const { text, expected } = letterWithFindings(400);
  const analysis = analyseText('many.txt', 0, text);
  const findings = computeDiagnostics(analysis, { enabled: true, rules: {} });
  assert.equal(findings.length, 300, '100 items with two chapter mismatches, 100 with a missing field');
  // Counts the reads of findings by index, the work of matching findings to items.
  let reads = 0;
  const counted = new Proxy(findings, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  }) as readonly Finding[];
  const rows = csvRows('many.txt', analysis, counted);
  assert.deepEqual(
    rows.map((row) => row[CSV_COLUMNS.indexOf('findings')]),
    expected,
  );
  assert.ok(reads <= 2 * findings.length, `${reads} reads of ${findings.length} findings for ${rows.length} items`);
});
