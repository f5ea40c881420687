/**
 * `imr extract --format csv`, read back with a small RFC 4180 parser written
 * here (independent of the writer): header, one row per item, quoting.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CSV_COLUMNS, csvField, toCsv } from '../../server/src/cli/csv';
import { imr, SAMPLES } from './support';

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
