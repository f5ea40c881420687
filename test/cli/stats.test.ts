/**
 * `imr stats` as a user runs it: its JSON and CSV against counts made here, item for item, from
 * what `imr extract` says of the same files (JSON for outcomes, titles, header facts and cited
 * chapters; CSV for the body regions and the findings inside each item); empty input, folders
 * without letters, letters without dates, the HTML report written with --out, usage errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { treatmentKindOf } from '../../server/src/core/treatmentKind';
import { wilson } from '../../server/src/core/stats';
import type { ExtractedLetter } from '../../server/src/core/extract';
import { imr, ROOT } from './support';
import type { StatsJson, StatsJsonGroup } from '../../server/src/core/stats';

const CORPUS = path.resolve(ROOT, '../shared/corpus');
const DIMENSIONS = ['outcome', 'region', 'kind', 'guideline', 'specialty', 'month'] as const;
type Dimension = (typeof DIMENSIONS)[number];

/** The documented contract, as the core declares it. */
type JsonGroup = StatsJsonGroup;
type StatsOutput = StatsJson;

/** A minimal RFC 4180 reader (quoted fields, doubled quotes, CRLF records). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && s[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

/** The chapter groups as documented: MTUS parts without year or sections, ACOEM chapters 8-16 as the MTUS parts adopting them. */
function guidelineKey(name: string): string {
  const acoem = /^ACOEM Chapter (\d+) (.*)$/.exec(name);
  if (acoem && Number(acoem[1]) >= 8 && Number(acoem[1]) <= 16) return `MTUS ${acoem[2]}`;
  if (name.startsWith('MTUS ')) return name.replace(/ \d{4}( \(.*\))?$/, '');
  return name;
}

function specialties(s: string | undefined): string[] {
  const out = [...new Set((s ?? '').split(',').map((p) => p.replace(/\s+/g, ' ').trim().replace(/ and /gi, ' & ')).filter((p) => p !== ''))];
  return out.length > 0 ? out : ['unknown'];
}

interface Expected {
  letters: Set<string>;
  items: number;
  upheld: number;
  overturned: number;
  findings: Map<string, number>;
}

/** Counts per dimension and key, made from `imr extract` alone. */
function expectedFromExtract(paths: readonly string[]): { letters: number; items: Expected; groups: Map<Dimension, Map<string, Expected>> } {
  const extracted = JSON.parse(imr(['extract', '--format', 'json', ...paths]).stdout) as { files: ExtractedLetter[] };
  const csv = parseCsv(imr(['extract', '--format', 'csv', ...paths]).stdout);
  const header = csv[0];
  const col = (name: string) => header.indexOf(name);
  // One CSV row per item, in the JSON's order; a letter without items has one row without an item number.
  const rows = csv.slice(1).filter((r) => r[col('itemNumber')] !== '');
  const fresh = (): Expected => ({ letters: new Set(), items: 0, upheld: 0, overturned: 0, findings: new Map() });
  const add = (e: Expected, file: string, outcome: string | null, codes: string[]) => {
    e.letters.add(file);
    e.items++;
    if (outcome === 'Upheld') e.upheld++;
    if (outcome === 'Overturned') e.overturned++;
    for (const c of codes) e.findings.set(c, (e.findings.get(c) ?? 0) + 1);
  };
  const all = fresh();
  const groups = new Map<Dimension, Map<string, Expected>>(DIMENSIONS.map((d) => [d, new Map()]));
  let r = 0;
  for (const letter of extracted.files) {
    for (const item of letter.items) {
      const row = rows[r++];
      assert.equal(row[col('file')], letter.path);
      assert.equal(row[col('item')], item.title, 'the CSV row is the same item');
      const regions = row[col('regions')] === '' ? [] : row[col('regions')].split('; ');
      const codes = row[col('findings')] === '' ? [] : row[col('findings')].split('; ');
      const chapters = [...new Set(item.citations.filter((c) => c.field === 'maximusGuideline' && c.guideline).map((c) => guidelineKey(c.guideline!)))];
      const keys: Record<Dimension, string[]> = {
        outcome: [item.outcome ?? 'none'],
        region: regions.length > 0 ? regions : ['none'],
        kind: [treatmentKindOf(item.shortTitle)],
        guideline: chapters.length > 0 ? chapters : ['none'],
        specialty: specialties(letter.header.specialty),
        month: [letter.header.decisionDate ? letter.header.decisionDate.slice(0, 7) : 'unknown'],
      };
      add(all, letter.path, item.outcome, codes);
      for (const d of DIMENSIONS) {
        for (const k of keys[d]) {
          const m = groups.get(d)!;
          if (!m.has(k)) m.set(k, fresh());
          add(m.get(k)!, letter.path, item.outcome, codes);
        }
      }
    }
  }
  assert.equal(r, rows.length);
  return { letters: extracted.files.length, items: all, groups };
}

function assertCounts(actual: Omit<JsonGroup, 'key'>, expected: Expected, what: string): void {
  assert.equal(actual.items, expected.items, `${what}: items`);
  assert.equal(actual.upheld, expected.upheld, `${what}: upheld`);
  assert.equal(actual.overturned, expected.overturned, `${what}: overturned`);
  assert.deepEqual(actual.findings, Object.fromEntries(expected.findings), `${what}: findings`);
  const w = wilson(expected.overturned, expected.upheld + expected.overturned);
  assert.deepEqual({ rate: actual.rate, low: actual.low, high: actual.high }, { rate: w.rate, low: w.low, high: w.high }, `${what}: rate`);
  assert.ok(actual.low >= 0 && actual.high <= 1);
}

test('JSON: every group of every dimension agrees with counts made from imr extract on the corpus', () => {
  const expected = expectedFromExtract([CORPUS]);
  const run = imr(['stats', '--format', 'json', ...DIMENSIONS.flatMap((d) => ['--by', d]), CORPUS]);
  assert.equal(run.code, 0, run.stderr);
  const out = JSON.parse(run.stdout) as StatsOutput;
  assert.equal(out.letters, expected.letters);
  assertCounts(out, expected.items, 'all');
  assert.ok(out.items >= 160);
  assert.deepEqual(out.by, [...DIMENSIONS]);
  for (const d of DIMENSIONS) {
    const groups = out.groups[d];
    const want = expected.groups.get(d)!;
    assert.deepEqual(groups.map((g) => g.key).sort(), [...want.keys()].sort(), `${d}: the same keys`);
    for (const g of groups) {
      const e = want.get(g.key as string)!;
      assertCounts(g, e, `${d} ${g.key}`);
      assert.equal(g.letters, e.letters.size, `${d} ${g.key}: letters`);
    }
    // Largest first (months in calendar order).
    if (d !== 'month') for (let i = 1; i < groups.length; i++) assert.ok(groups[i - 1].items >= groups[i].items, d);
  }
  // Items without an outcome, regions or a cited chapter stand in "none"; each item counts once per outcome.
  assert.equal(
    out.groups.outcome.reduce((n, g) => n + g.items, 0),
    out.items,
  );
  assert.ok(out.groups.region.some((g) => g.key === 'none'));
  assert.deepEqual(out.decisionDates, { first: '2016-12-30', last: '2017-02-28' });
  // The six dimensions together make one cross-table too.
  assert.ok(Array.isArray(out.groups[DIMENSIONS.join('×')][0].key));
});

test('JSON: the cross-table of kind by region, keyed by [kind, region], adds up to the items of each kind', () => {
  const out = JSON.parse(imr(['stats', '--format', 'json', '--by', 'kind', '--by', 'region', CORPUS]).stdout) as StatsOutput;
  assert.deepEqual(Object.keys(out.groups), ['kind', 'region', 'kind×region']);
  const expected = expectedFromExtract([CORPUS]);
  for (const kind of out.groups.kind) {
    const cells = out.groups['kind×region'].filter((g) => (g.key as string[])[0] === kind.key);
    // An item of several regions is in several cells: at least the kind's items, and no more than its region memberships.
    const sum = cells.reduce((n, g) => n + g.items, 0);
    assert.ok(sum >= kind.items, String(kind.key));
    for (const cell of cells) {
      const [, region] = cell.key as string[];
      assert.ok(expected.groups.get('region')!.has(region));
      assert.ok(cell.items <= kind.items);
    }
  }
});

test('CSV: a totals row and one row per group, with the JSON numbers', () => {
  const json = JSON.parse(imr(['stats', '--format', 'json', '--by', 'kind', '--by', 'region', CORPUS]).stdout) as StatsOutput;
  const run = imr(['stats', '--format', 'csv', '--by', 'kind', '--by', 'region', CORPUS]);
  assert.equal(run.code, 0, run.stderr);
  assert.ok(run.stdout.startsWith('\uFEFFby,key,letters,items,upheld,overturned,rate,low,high,findings\r\n'));
  const rows = parseCsv(run.stdout).slice(1);
  const expectedRows: string[][] = [];
  const row = (by: string, key: string, g: Omit<JsonGroup, 'key'>) => [
    by,
    key,
    String(g.letters),
    String(g.items),
    String(g.upheld),
    String(g.overturned),
    g.rate === null ? '' : String(g.rate),
    String(g.low),
    String(g.high),
    Object.entries(g.findings)
      .map(([c, n]) => `${c} ${n}`)
      .join('; '),
  ];
  expectedRows.push(row('all', 'all', json));
  for (const [by, groups] of Object.entries(json.groups)) for (const g of groups) expectedRows.push(row(by, Array.isArray(g.key) ? g.key.join(' × ') : g.key, g));
  assert.deepEqual(rows, expectedRows);
});

test('text: a headline and one aligned table per dimension', () => {
  const run = imr(['stats', '--by', 'outcome', CORPUS]);
  assert.equal(run.code, 0, run.stderr);
  const json = JSON.parse(imr(['stats', '--format', 'json', '--by', 'outcome', CORPUS]).stdout) as StatsOutput;
  const lines = run.stdout.split('\n');
  assert.equal(lines[0].startsWith(`${json.letters} letters, ${json.items} items: ${json.upheld} Upheld, ${json.overturned} Overturned; overturned `), true, lines[0]);
  assert.match(run.stdout, /\nBy outcome\ngroup +letters +items +upheld +overturned +rate +95% interval +findings \(items\)\nUpheld +\d+ +\d+ +\d+ +0 +0\.0% +0\.0–\d+\.\d%/);
});

test('empty input and a folder with no letters: zero counts, no rate, exit 0', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'imr-stats-'));
  try {
    const empty = path.join(dir, 'empty');
    mkdirSync(empty);
    const notes = path.join(dir, 'notes');
    mkdirSync(notes);
    writeFileSync(path.join(notes, 'shopping.txt'), 'Milk, eggs, bread.\n');
    writeFileSync(path.join(notes, 'readme.md'), '# Not a letter\n');
    for (const folder of [empty, notes]) {
      const run = imr(['stats', '--format', 'json', '--by', 'kind', folder]);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stderr, /no determination letters found/);
      assert.deepEqual(JSON.parse(run.stdout), {
        letters: 0,
        items: 0,
        upheld: 0,
        overturned: 0,
        rate: null,
        low: 0,
        high: 1,
        findings: {},
        decisionDates: null,
        by: ['kind'],
        groups: { kind: [] },
      });
      const csv = parseCsv(imr(['stats', '--format', 'csv', folder]).stdout);
      assert.deepEqual(csv.slice(1), [['all', 'all', '0', '0', '0', '0', '', '0', '1', '']]);
      assert.match(imr(['stats', folder]).stdout, /^0 letters, 0 items: 0 Upheld, 0 Overturned; no decided items; no decision dates\n/);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('letters without decision dates: month "unknown", no date span', () => {
  const seeds = path.join(CORPUS, 'seeds');
  const extracted = JSON.parse(imr(['extract', '--format', 'json', seeds]).stdout) as { files: ExtractedLetter[] };
  assert.ok(extracted.files.every((f) => !f.header.decisionDate), 'the seed letters carry no decision date');
  const out = JSON.parse(imr(['stats', '--format', 'json', '--by', 'month', seeds]).stdout) as StatsOutput;
  assert.equal(out.decisionDates, null);
  assert.deepEqual(
    out.groups.month.map((g) => [g.key, g.letters, g.items]),
    [['unknown', extracted.files.length, extracted.files.reduce((n, f) => n + f.items.length, 0)]],
  );
});

test('--format html --out writes one self-contained page and nothing to stdout', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'imr-stats-'));
  try {
    const out = path.join(dir, 'report.html');
    const run = imr(['stats', '--format', 'html', '--out', out, '--by', 'kind', CORPUS]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '');
    const html = readFileSync(out, 'utf8');
    assert.ok(html.startsWith('<!DOCTYPE html>'));
    assert.match(html, /Chart\.js v4\.\d+\.\d+/, 'the library is inlined');
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-[^']+'/);
    // Nothing is loaded from anywhere: no src or href attribute, no stylesheet link.
    assert.doesNotMatch(html, /<(?:script|img|link|iframe)[^>]*\s(?:src|href)=/i);
    // A fresh nonce each time.
    const again = imr(['stats', '--format', 'html', '--by', 'kind', CORPUS]).stdout;
    const nonce = (s: string) => /'nonce-([^']+)'/.exec(s)![1];
    assert.notEqual(nonce(again), nonce(html));
    // --out into a folder that does not exist: an I/O problem, exit 2.
    const bad = imr(['stats', '--format', 'json', '--out', path.join(dir, 'missing', 'x.json'), CORPUS]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /cannot write .*ENOENT/);
    assert.equal(existsSync(path.join(dir, 'missing')), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('usage: --by and --out belong to stats; unknown and repeated dimensions are refused', () => {
  for (const [args, message] of [
    [['extract', '--by', 'kind', CORPUS], /--by is an option of imr stats/],
    [['check', '--out', 'x', CORPUS], /--out is an option of imr stats/],
    [['stats', '--by', 'colour', CORPUS], /--by takes outcome, region, kind, guideline, specialty or month, not "colour"/],
    [['stats', '--by', 'kind', '--by=kind', CORPUS], /--by kind is given twice/],
    [['stats', '--format', 'sarif', CORPUS], /stats does not write sarif \(that is imr check\)/],
    [['stats', '--out', CORPUS], /no PATH given/],
  ] as Array<[string[], RegExp]>) {
    const run = imr(args);
    assert.equal(run.code, 2, args.join(' '));
    assert.match(run.stderr, message);
  }
  assert.match(imr(['--help']).stdout, /imr stats \[--by outcome\|region\|kind\|guideline\|specialty\|month\]\.\.\./);
});
