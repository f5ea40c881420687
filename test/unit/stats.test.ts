/** The statistics of the core (core/stats.ts) and the report built on them (core/statsReport.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseText } from '../../server/src/core/index';
import { computeDiagnostics } from '../../server/src/core/diagnostics';
import { classifyCitation } from '../../server/src/core/guidelines';
import {
  computeStats,
  DEFAULT_DIMENSIONS,
  guidelineGroup,
  keyLabel,
  monthOf,
  specialtiesOf,
  statsJson,
  statsLetterOf,
  wilson,
  type StatsItem,
  type StatsLetter,
} from '../../server/src/core/stats';
import { chartBars, escapeHtml, jsonForScript, MAX_CHART_GROUPS, renderStatsHtml, statsReportData } from '../../server/src/core/statsReport';
import { corpusLetters } from './support/corpus';

// ---------------------------------------------------------------- Wilson

const close = (actual: number, expected: number, digits = 4) =>
  assert.ok(Math.abs(actual - expected) < 0.5 * 10 ** -digits, `${actual} is not ${expected} to ${digits} decimals`);

test('wilson: the published values of Newcombe (1998), Table I, method 3', () => {
  // R. G. Newcombe, Two-sided confidence intervals for the single proportion: comparison of
  // seven methods, Statistics in Medicine 17 (1998) 857-872: score method without continuity correction.
  const table: Array<[number, number, number, number]> = [
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ];
  for (const [k, n, low, high] of table) {
    const w = wilson(k, n);
    close(w.low, low);
    close(w.high, high);
    assert.equal(w.rate, k / n);
  }
});

test('wilson: 0 of 3 reaches up to z²/(n+z²), 5 of 10 is symmetric about one half, 49 of 439 solves the score equation', () => {
  const z2 = 1.96 * 1.96;
  const w0 = wilson(0, 3);
  assert.equal(w0.rate, 0);
  assert.equal(w0.low, 0);
  close(w0.high, z2 / (3 + z2), 12);
  close(w0.high, 0.5615);

  const w5 = wilson(5, 10);
  close(w5.low, 0.2366);
  close(w5.high, 0.7634);
  close(w5.low + w5.high, 1, 12);

  // The bounds are the two roots p of (k/n - p)² = z² p (1 - p) / n.
  const w49 = wilson(49, 439);
  for (const p of [w49.low, w49.high]) close((49 / 439 - p) ** 2, (z2 * p * (1 - p)) / 439, 12);
  close(w49.low, 0.0855);
  close(w49.high, 0.1445);
});

test('wilson: no trials is no estimate (rate null, interval [0, 1]); bounds stay ordered inside [0, 1]', () => {
  assert.deepEqual(wilson(0, 0), { rate: null, low: 0, high: 1 });
  for (let n = 1; n <= 40; n++) {
    for (let k = 0; k <= n; k++) {
      const w = wilson(k, n);
      assert.ok(w.low >= 0 && w.low <= w.rate! && w.rate! <= w.high && w.high <= 1, `${k}/${n}`);
      // Overturned and upheld are mirror images.
      close(w.low, 1 - wilson(n - k, n).high, 12);
    }
  }
  assert.equal(wilson(7, 7).high, 1);
});

// ---------------------------------------------------------------- grouping

function item(over: Partial<StatsItem> = {}): StatsItem {
  return { title: 'MRI of the knee', outcome: 'Upheld', regions: ['knee'], kind: 'imaging', guidelines: ['MTUS Knee Complaints'], findings: [], line: 0, ...over };
}

const LETTERS: StatsLetter[] = [
  {
    file: 'a.txt',
    caseNumber: 'CM1',
    decisionDate: '2017-01-12',
    specialty: 'Physical Medicine and Rehabilitation, Pain Management',
    items: [
      item(),
      item({ title: 'EMG of both legs', outcome: 'Overturned', regions: ['lowBack', 'knee'], kind: 'other', guidelines: ['ODG Low Back', 'MTUS Chronic Pain Medical Treatment'], findings: ['chapter-mismatch'] }),
      item({ title: 'Norco', outcome: null, regions: [], kind: 'medication', guidelines: [] }),
    ],
  },
  {
    file: 'b.txt',
    caseNumber: 'CM2',
    decisionDate: '2017-03-01',
    specialty: 'Physical Medicine & Rehabilitation',
    items: [item({ outcome: 'Overturned', findings: ['chapter-mismatch', 'missing-field'] })],
  },
  // No decision date, no specialty, no items: still a letter read.
  { file: 'c.txt', items: [] },
  { file: 'd.txt', items: [item({ title: 'Physical therapy', kind: 'therapy', regions: ['lowBack'], guidelines: ['MTUS Chronic Pain Medical Treatment'] })] },
];

test('computeStats: totals; an item without an outcome counts in the items only', () => {
  const r = computeStats(LETTERS, ['outcome']);
  assert.equal(r.letters, 4);
  assert.equal(r.items, 5);
  assert.equal(r.upheld, 2);
  assert.equal(r.overturned, 2);
  assert.equal(r.rate, 0.5);
  assert.deepEqual({ low: r.low, high: r.high }, { low: wilson(2, 4).low, high: wilson(2, 4).high });
  assert.deepEqual(r.findings, { 'chapter-mismatch': 2, 'missing-field': 1 });
  assert.deepEqual(r.decisionDates, { first: '2017-01-12', last: '2017-03-01' });
  const outcome = r.tables[0];
  assert.deepEqual(
    outcome.groups.map((g) => [g.key, g.items, g.letters, g.upheld, g.overturned, g.rate]),
    [
      ['Overturned', 2, 2, 0, 2, 1],
      ['Upheld', 2, 2, 2, 0, 0],
      ['none', 1, 1, 0, 0, null],
    ],
  );
  const none = outcome.groups[2];
  assert.deepEqual([none.low, none.high], [0, 1]);
});

test('computeStats: an item of several regions or chapters counts in each; "none" for items without', () => {
  const r = computeStats(LETTERS, ['region']);
  const byKey = new Map(r.tables[0].groups.map((g) => [g.key as string, g]));
  assert.deepEqual([...byKey.keys()], ['knee', 'lowBack', 'none'], 'largest first');
  assert.equal(byKey.get('knee')!.items, 3);
  assert.equal(byKey.get('knee')!.letters, 2);
  assert.equal(byKey.get('lowBack')!.items, 2);
  assert.equal(byKey.get('none')!.items, 1);
  // Findings are counted per item holding the code, in each group of the item.
  assert.deepEqual(byKey.get('knee')!.findings, { 'chapter-mismatch': 2, 'missing-field': 1 });
  assert.deepEqual(byKey.get('lowBack')!.findings, { 'chapter-mismatch': 1 });
  const members = byKey.get('lowBack')!.members;
  assert.deepEqual(members, [
    { letter: 0, item: 1 },
    { letter: 3, item: 0 },
  ]);

  const g = computeStats(LETTERS, ['guideline']).tables[0].groups;
  assert.deepEqual(
    g.map((x) => [x.key, x.items]),
    [
      // Equal in items and letters: by name.
      ['MTUS Chronic Pain Medical Treatment', 2],
      ['MTUS Knee Complaints', 2],
      ['ODG Low Back', 1],
      ['none', 1],
    ],
  );
});

test('computeStats: specialties split at commas, "and" read as "&"; letters without one are "unknown"', () => {
  assert.deepEqual(specialtiesOf('Physical Medicine and Rehabilitation, Pain Management'), ['Physical Medicine & Rehabilitation', 'Pain Management']);
  assert.deepEqual(specialtiesOf('  Orthopedic   Surgery '), ['Orthopedic Surgery']);
  assert.deepEqual(specialtiesOf(undefined), ['unknown']);
  assert.deepEqual(specialtiesOf(' , '), ['unknown']);
  const groups = computeStats(LETTERS, ['specialty']).tables[0].groups;
  assert.deepEqual(
    groups.map((x) => [x.key, x.letters, x.items]),
    [
      ['Physical Medicine & Rehabilitation', 2, 4],
      ['Pain Management', 1, 3],
      ['unknown', 1, 1],
    ],
  );
});

test('computeStats: months in calendar order with letters without a decision date last; the time line leaves them out', () => {
  assert.equal(monthOf('2017-02-28'), '2017-02');
  assert.equal(monthOf(undefined), 'unknown');
  assert.equal(monthOf('28/02/2017'), 'unknown');
  const r = computeStats(LETTERS, ['month']);
  assert.deepEqual(
    r.tables[0].groups.map((g) => [g.key, g.items]),
    [
      ['2017-01', 3],
      ['2017-03', 1],
      ['unknown', 1],
    ],
  );
  assert.deepEqual(
    r.timeline.map((g) => g.key),
    ['2017-01', '2017-03'],
  );
});

test('computeStats: letters without dates give one "unknown" month, no date span and an empty time line', () => {
  const undated = LETTERS.map(({ decisionDate: _, ...rest }) => rest);
  const r = computeStats(undated, ['month']);
  assert.equal(r.decisionDates, null);
  assert.deepEqual(r.timeline, []);
  assert.deepEqual(
    r.tables[0].groups.map((g) => [g.key, g.items, g.letters]),
    [['unknown', 5, 3]],
  );
  assert.equal(keyLabel('month', 'unknown'), 'No decision date');
});

test('computeStats: two dimensions give both tables and their cross-table, keyed by arrays', () => {
  const r = computeStats(LETTERS, ['kind', 'region']);
  assert.deepEqual(
    r.tables.map((t) => t.name),
    ['kind', 'region', 'kind×region'],
  );
  const cross = r.tables[2].groups;
  assert.deepEqual(
    cross.map((g) => [g.key, g.items]),
    [
      [['imaging', 'knee'], 2],
      [['medication', 'none'], 1],
      [['other', 'knee'], 1],
      [['other', 'lowBack'], 1],
      [['therapy', 'lowBack'], 1],
    ],
  );
  const json = statsJson(r);
  assert.deepEqual(json.by, ['kind', 'region']);
  assert.deepEqual(Object.keys(json.groups), ['kind', 'region', 'kind×region']);
  assert.deepEqual(json.groups['kind×region'][0].key, ['imaging', 'knee']);
  assert.equal('members' in json.groups.kind[0], false, 'the JSON holds counts, not item lists');
});

test('computeStats: without dimensions, the default tables and no cross-table', () => {
  const r = computeStats(LETTERS);
  assert.deepEqual(
    r.tables.map((t) => t.name),
    [...DEFAULT_DIMENSIONS],
  );
  assert.deepEqual(r.by, DEFAULT_DIMENSIONS);
});

test('computeStats: empty input', () => {
  const r = computeStats([], ['kind', 'region']);
  const json = statsJson(r);
  assert.deepEqual(json, {
    letters: 0,
    items: 0,
    upheld: 0,
    overturned: 0,
    rate: null,
    low: 0,
    high: 1,
    findings: {},
    decisionDates: null,
    by: ['kind', 'region'],
    groups: { kind: [], region: [], 'kind×region': [] },
  });
  assert.deepEqual(r.timeline, []);
  // The report of nothing still renders.
  const html = renderStatsHtml(r, [], { nonce: 'abcdefghijklmnop1234', chartLibrary: '' });
  assert.match(html, /No items\./);
});

// ---------------------------------------------------------------- from letters

test('guidelineGroup: one group per chapter or MTUS part, without year or sections; ACOEM chapters by number are the MTUS parts that adopted them', () => {
  const group = (text: string, kind: 'acoem' | 'mtus' | 'odg', extra: Record<string, unknown> = {}) => {
    const chapter = classifyCitation({ kind, text, ...extra });
    assert.ok(chapter, text);
    return guidelineGroup(chapter);
  };
  assert.equal(group('Chronic Pain Medical Treatment 2016', 'mtus', { title: 'Chronic Pain Medical Treatment', year: 2016 }), 'MTUS Chronic Pain Medical Treatment');
  assert.equal(group('Chronic Pain Medical Treatment 2009', 'mtus', { title: 'Chronic Pain Medical Treatment', year: 2009 }), 'MTUS Chronic Pain Medical Treatment');
  assert.equal(group('ACOEM Chapter 12 Low Back Complaints', 'acoem', { chapter: 12, title: 'Low Back Complaints' }), 'MTUS Low Back Complaints');
  assert.equal(group('Low Back Complaints 2004', 'mtus', { title: 'Low Back Complaints', year: 2004 }), 'MTUS Low Back Complaints');
  assert.equal(group('Official Disability Guidelines (ODG) Low Back', 'odg', { title: 'Low Back' }), 'ODG Low Back');
});

test('statsLetterOf: every corpus letter, item for item as the model and the findings say', () => {
  for (const { name, text } of corpusLetters()) {
    const analysis = analyseText(name, 0, text);
    const findings = computeDiagnostics(analysis, { enabled: true, rules: {} });
    const s = statsLetterOf(name, analysis, findings);
    assert.equal(s.items.length, analysis.model.items.length, name);
    assert.equal(s.caseNumber, analysis.model.header.caseNumber?.value, name);
    assert.equal(s.decisionDate, analysis.model.header.decisionDate?.value, name);
    s.items.forEach((it, k) => {
      const model = analysis.model.items[k];
      assert.equal(it.outcome, model.outcome ?? null);
      assert.equal(it.title, model.shortTitle);
      for (const code of it.findings) assert.ok(findings.some((f) => f.code === code), `${name}: ${code}`);
    });
  }
});

test('statsLetterOf: a seed letter citing ACOEM chapters by number groups them with the MTUS parts', () => {
  const seeds = corpusLetters().filter((l) => l.name.startsWith('seeds/'));
  const groups = new Set<string>();
  for (const { name, text } of seeds) {
    const analysis = analyseText(name, 0, text);
    for (const it of statsLetterOf(name, analysis, []).items) for (const g of it.guidelines) groups.add(g);
  }
  assert.ok(groups.has('MTUS Neck and Upper Back Complaints') || groups.has('MTUS Low Back Complaints'), [...groups].join(', '));
  assert.ok(![...groups].some((g) => /^ACOEM Chapter/.test(g)), [...groups].join(', '));
});

// ---------------------------------------------------------------- report

test('chartBars: small groups and groups beyond the first twelve fold into one bar, items counted once', () => {
  const many: StatsLetter[] = [];
  for (let i = 0; i < 20; i++) {
    const items = Array.from({ length: i < 14 ? 3 : 1 }, () => item({ regions: [], guidelines: [`Guideline ${String(i).padStart(2, '0')}`] }));
    many.push({ file: `${i}.txt`, items });
  }
  // One item citing two small guidelines: counted once in the folded bar.
  many.push({ file: 'both.txt', items: [item({ guidelines: ['Tiny A', 'Tiny B'] })] });
  const r = computeStats(many, ['guideline']);
  const bars = chartBars(r.tables[0], many);
  assert.equal(bars.length, MAX_CHART_GROUPS + 1);
  const other = bars[bars.length - 1];
  // Guidelines 12 and 13 (3 items each, beyond the twelfth), six of one item, and the item of Tiny A and B.
  assert.equal(other.label, 'Other groups (10)');
  assert.equal(other.counts.items, 3 + 3 + 6 + 1);
  assert.equal(r.tables[0].groups.length, 22, 'the table keeps every group');
  // Months are a time line: never folded.
  const months = computeStats(
    Array.from({ length: 30 }, (_, i) => ({ file: `${i}`, decisionDate: `20${10 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`, items: [item()] })),
    ['month'],
  );
  assert.equal(chartBars(months.tables[0], []).length, 30);
});

test('the report escapes letter text and keeps the data block closed', () => {
  const hostile: StatsLetter[] = [
    {
      file: '</script><script>alert(1)</script>.txt',
      caseNumber: '<b>CM</b>',
      specialty: '"><img src=x onerror=alert(1)>',
      items: [item({ title: '<script>alert(2)</script> & co', guidelines: ['</script>'] })],
    },
  ];
  const r = computeStats(hostile, ['specialty', 'guideline']);
  const html = renderStatsHtml(r, hostile, { nonce: 'abcdefghijklmnop1234', chartLibrary: 'window.Chart = function () {}; // </script> inside' });
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  // Only the page's own three scripts: the data block, the library and the drawing script.
  assert.equal(html.match(/<script/gi)?.length, 3);
  assert.equal(html.match(/<\/script>/gi)?.length, 3);
  assert.doesNotMatch(html, /<img/);
  assert.doesNotMatch(html, /<b>CM/);
  assert.match(html, /&lt;script&gt;alert\(2\)&lt;\/script&gt; &amp; co/);
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-abcdefghijklmnop1234'; style-src 'nonce-abcdefghijklmnop1234'; img-src data:;/);
  const data = /<script type="application\/json" id="imr-stats-data">([^<]*)<\/script>/.exec(html);
  assert.ok(data, 'the data block holds no "<" at all');
  assert.deepEqual(JSON.parse(data[1]), JSON.parse(JSON.stringify(statsReportData(r, hostile))));
  assert.equal(jsonForScript({ a: '</script>\u2028&' }), '{"a":"\\u003c/script\\u003e\\u2028\\u0026"}');
  assert.throws(() => renderStatsHtml(r, hostile, { nonce: 'short' }));
});

test('the report data: a time line, then a rate chart and a counts chart per table, with fixed sizes', () => {
  const r = computeStats(LETTERS, ['kind', 'region']);
  const data = statsReportData(r, LETTERS);
  assert.deepEqual(
    data.charts.map((c) => c.id),
    ['chart-timeline', 'chart-kind-rate', 'chart-kind-counts', 'chart-region-rate', 'chart-region-counts', 'chart-kind-region-rate', 'chart-kind-region-counts'],
  );
  const timeline = data.charts[0].config as { data: { labels: string[]; datasets: Array<{ data: number[] }> } };
  // January to March, February without decisions shown as zero.
  assert.deepEqual(timeline.data.labels, ['2017-01', '2017-02', '2017-03']);
  assert.deepEqual(timeline.data.datasets[0].data, [2, 0, 1]);
  assert.deepEqual(timeline.data.datasets[1].data, [1, 0, 1]);
  for (const c of data.charts) assert.ok(c.width > 0 && c.height > 0);
  assert.deepEqual(data.stats, statsJson(r));
});
