/**
 * The statistics report: the chart specifications (Chart.js configurations as plain JSON) and
 * one self-contained HTML page holding them, the tables and the item lists. Pure TypeScript: the
 * caller hands in the charting library's code (the CLI inlines the copy bundled into dist/) or
 * its address (a webview), and a nonce for the Content-Security-Policy.
 *
 * Everything taken from letters (titles, case numbers, specialties, file names) is untrusted:
 * it reaches the page only through `escapeHtml`, or inside the JSON data block with every
 * character that could end the block escaped; the policy lets no script run but the page's own
 * and allows no network access at all.
 */
import {
  CROSS,
  countItems,
  dimensionTitle,
  groupLabel,
  statsJson,
  type Counts,
  type ItemRef,
  type StatsDimension,
  type StatsGroup,
  type StatsJson,
  type StatsLetter,
  type StatsResult,
  type StatsTable,
} from './stats';

/** A chart: where it goes, its fixed size in CSS pixels (for print), and its Chart.js configuration. */
export interface ChartSpec {
  readonly id: string;
  readonly kind: 'rate' | 'counts' | 'timeline';
  readonly title: string;
  readonly width: number;
  readonly height: number;
  /** A Chart.js configuration without functions; the page adds the number formatting. */
  readonly config: unknown;
  /** For rate charts: overturned and decided items per label, for the tooltips. */
  readonly decided?: ReadonlyArray<{ overturned: number; decided: number }>;
}

/** What the page's script reads: the statistics as `imr stats --format json` gives them, and the charts. */
export interface StatsReportData {
  readonly stats: StatsJson;
  readonly charts: readonly ChartSpec[];
}

/** A chart shows at most this many groups; the rest are folded into one bar. */
export const MAX_CHART_GROUPS = 12;
/** Groups of fewer items are folded into one bar: their rates say little. */
export const MIN_CHART_ITEMS = 3;

/** Fits an A4 page with 12 mm margins (186 mm, about 700 CSS pixels). */
const CHART_WIDTH = 680;

const COLOURS = {
  upheld: '#4e79a7',
  overturned: '#e15759',
  none: '#bab0ac',
  interval: 'rgba(225, 87, 89, 0.28)',
  intervalBorder: 'rgba(225, 87, 89, 0.75)',
  rate: '#9c2b2d',
  overall: '#555555',
} as const;

interface Bar {
  readonly label: string;
  readonly counts: Counts;
  /** The keys of the table's groups the bar shows: one, or several for "Other groups". */
  readonly keys: ReadonlyArray<string | readonly string[]>;
}

/**
 * The bars of a table's charts: its groups in table order, except that groups beyond the
 * first MAX_CHART_GROUPS or with fewer than MIN_CHART_ITEMS items become one bar "Other groups
 * (n)" (its items counted once each), if that folds at least two. Months are never folded:
 * they are a time line.
 */
export function chartBars(table: StatsTable, letters: readonly StatsLetter[]): Bar[] {
  const isMonth = table.dimensions.length === 1 && table.dimensions[0] === 'month';
  const label = (g: StatsGroup) => groupLabel(table.dimensions, g.key);
  const bar = (g: StatsGroup): Bar => ({ label: label(g), counts: g, keys: [g.key] });
  if (isMonth) return table.groups.map(bar);
  const kept: StatsGroup[] = [];
  const folded: StatsGroup[] = [];
  table.groups.forEach((g, i) => (i < MAX_CHART_GROUPS && g.items >= MIN_CHART_ITEMS ? kept : folded).push(g));
  if (folded.length < 2) return table.groups.map(bar);
  const refs: ItemRef[] = folded.flatMap((g) => g.members);
  return [...kept.map(bar), { label: `Other groups (${folded.length})`, counts: countItems(letters, refs), keys: folded.map((g) => g.key) }];
}

function barHeight(rows: number): number {
  return 70 + 26 * Math.max(1, rows);
}

function rateChart(id: string, title: string, bars: readonly Bar[], overall: Counts): ChartSpec {
  const labels = bars.map((b) => b.label);
  const datasets: unknown[] = [
    {
      type: 'line',
      label: 'Overturn rate',
      data: bars.map((b) => b.counts.rate),
      showLine: false,
      pointStyle: 'rectRot',
      pointRadius: 6,
      pointHoverRadius: 7,
      backgroundColor: COLOURS.rate,
      borderColor: COLOURS.rate,
      indexAxis: 'y',
      order: 1,
    },
    {
      type: 'bar',
      label: '95% interval (Wilson)',
      data: bars.map((b) => [b.counts.low, b.counts.high]),
      backgroundColor: COLOURS.interval,
      borderColor: COLOURS.intervalBorder,
      borderWidth: 1,
      barPercentage: 0.55,
      order: 2,
    },
  ];
  if (overall.rate !== null) {
    // A vertical line at the overall rate: the same value on every row, joined.
    datasets.push({
      type: 'line',
      label: 'All items',
      data: bars.map(() => overall.rate),
      borderColor: COLOURS.overall,
      borderDash: [4, 4],
      borderWidth: 1,
      pointRadius: 0,
      pointHoverRadius: 0,
      indexAxis: 'y',
      order: 3,
    });
  }
  return {
    id,
    kind: 'rate',
    title,
    width: CHART_WIDTH,
    height: barHeight(bars.length),
    decided: bars.map((b) => ({ overturned: b.counts.overturned, decided: b.counts.upheld + b.counts.overturned })),
    config: {
      type: 'bar',
      data: { labels, datasets },
      options: {
        indexAxis: 'y',
        scales: {
          x: { min: 0, max: 1, title: { display: true, text: 'Overturned, share of decided items' } },
          y: { ticks: { autoSkip: false } },
        },
        plugins: { legend: { position: 'bottom' }, title: { display: true, text: title } },
      },
    },
  };
}

function countsChart(id: string, title: string, bars: readonly Bar[]): ChartSpec {
  const datasets: unknown[] = [
    { label: 'Upheld', data: bars.map((b) => b.counts.upheld), backgroundColor: COLOURS.upheld },
    { label: 'Overturned', data: bars.map((b) => b.counts.overturned), backgroundColor: COLOURS.overturned },
  ];
  if (bars.some((b) => b.counts.items > b.counts.upheld + b.counts.overturned)) {
    datasets.push({ label: 'No outcome', data: bars.map((b) => b.counts.items - b.counts.upheld - b.counts.overturned), backgroundColor: COLOURS.none });
  }
  return {
    id,
    kind: 'counts',
    title,
    width: CHART_WIDTH,
    height: barHeight(bars.length),
    config: {
      type: 'bar',
      data: { labels: bars.map((b) => b.label), datasets },
      options: {
        indexAxis: 'y',
        scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'Items' } }, y: { stacked: true, ticks: { autoSkip: false } } },
        plugins: { legend: { position: 'bottom' }, title: { display: true, text: title } },
      },
    },
  };
}

/** Every month from the first to the last, so that a month without decisions shows as zero, not as a gap closed over. */
function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number);
  const [ly, lm] = last.split('-').map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

function timelineChart(timeline: readonly StatsGroup[]): ChartSpec | undefined {
  if (timeline.length === 0) return undefined;
  const byMonth = new Map(timeline.map((g) => [g.key as string, g]));
  const months = monthRange(timeline[0].key as string, timeline[timeline.length - 1].key as string);
  const title = 'Decisions and overturns by month';
  return {
    id: 'chart-timeline',
    kind: 'timeline',
    title,
    width: CHART_WIDTH,
    height: 300,
    config: {
      type: 'line',
      data: {
        labels: months,
        datasets: [
          { label: 'Decided items', data: months.map((k) => { const g = byMonth.get(k); return g ? g.upheld + g.overturned : 0; }), borderColor: COLOURS.upheld, backgroundColor: COLOURS.upheld, tension: 0 },
          { label: 'Overturned', data: months.map((k) => byMonth.get(k)?.overturned ?? 0), borderColor: COLOURS.overturned, backgroundColor: COLOURS.overturned, tension: 0 },
        ],
      },
      options: {
        scales: { y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'Items' } } },
        plugins: { legend: { position: 'bottom' }, title: { display: true, text: title } },
      },
    },
  };
}

function tableId(table: StatsTable): string {
  return table.dimensions.join('-');
}

/** The report's data: the JSON statistics and one rate and one counts chart per table, and the time line. */
export function statsReportData(result: StatsResult, letters: readonly StatsLetter[]): StatsReportData {
  const charts: ChartSpec[] = [];
  const timeline = timelineChart(result.timeline);
  if (timeline) charts.push(timeline);
  for (const table of result.tables) {
    const bars = chartBars(table, letters);
    const title = dimensionTitle(table.dimensions);
    charts.push(rateChart(`chart-${tableId(table)}-rate`, `Overturn rate ${title.charAt(0).toLowerCase()}${title.slice(1)}`, bars, result));
    charts.push(countsChart(`chart-${tableId(table)}-counts`, `Outcomes ${title.charAt(0).toLowerCase()}${title.slice(1)}`, bars));
  }
  return { stats: statsJson(result), charts };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe inside HTML elements and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * JSON for a `<script type="application/json">` block: `<`, `>` and `&` written as \u escapes,
 * so that no "</script>" or "<!--" in letter text can end or change the block, and the line and
 * paragraph separators too, which older JavaScript engines took for line ends.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function percent(x: number | null): string {
  return x === null ? '–' : `${(x * 100).toFixed(1)}%`;
}

function interval(c: Counts): string {
  return c.rate === null ? '–' : `${(c.low * 100).toFixed(1)}–${(c.high * 100).toFixed(1)}%`;
}

function findingsText(findings: Readonly<Record<string, number>>): string {
  return Object.entries(findings)
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function countsTable(table: StatsTable): string {
  const rows = table.groups
    .map(
      (g) =>
        `<tr><th scope="row">${escapeHtml(groupLabel(table.dimensions, g.key))}</th><td>${g.letters}</td><td>${g.items}</td><td>${g.upheld}</td><td>${g.overturned}</td>` +
        `<td>${percent(g.rate)}</td><td>${interval(g)}</td><td class="findings">${escapeHtml(findingsText(g.findings))}</td></tr>`,
    )
    .join('\n');
  return (
    `<table class="counts"><thead><tr><th scope="col">Group</th><th scope="col">Letters</th><th scope="col">Items</th><th scope="col">Upheld</th>` +
    `<th scope="col">Overturned</th><th scope="col">Overturn rate</th><th scope="col">95% interval</th><th scope="col">Findings (items)</th></tr></thead>\n<tbody>${rows}</tbody></table>`
  );
}

function itemLists(table: StatsTable, letters: readonly StatsLetter[]): string {
  return table.groups
    .map((g) => {
      const rows = g.members
        .map((ref) => {
          const letter = letters[ref.letter];
          const item = letter.items[ref.item];
          return (
            `<tr><td>${escapeHtml(letter.caseNumber ?? '')}</td><td>${escapeHtml(item.title)}</td><td>${escapeHtml(item.outcome ?? 'none')}</td>` +
            `<td class="file">${escapeHtml(`${letter.file}:${item.line + 1}`)}</td></tr>`
          );
        })
        .join('\n');
      return (
        `<details><summary>${escapeHtml(groupLabel(table.dimensions, g.key))}: ${plural(g.items, 'item')}</summary>\n` +
        `<table class="items"><thead><tr><th scope="col">Case</th><th scope="col">Item</th><th scope="col">Outcome</th><th scope="col">File</th></tr></thead>\n<tbody>${rows}</tbody></table></details>`
      );
    })
    .join('\n');
}

/** Notes under a table's heading: how its groups are made. */
function tableNote(table: StatsTable): string {
  const notes: Partial<Record<StatsDimension, string>> = {
    region: 'An item that names several body regions counts in each; regions come from the title, else from the letter when it names one.',
    guideline: 'Chapters and MTUS parts the MAXIMUS guideline field cites, without edition year; an item counts once in each chapter it cites.',
    specialty: "The reviewer's certifications as the header lists them; a reviewer with several counts in each.",
    month: 'Month of the decision date; letters without one are under "No decision date".',
    kind: 'Treatment kind read from the item title.',
  };
  const parts = table.dimensions.map((d) => notes[d]).filter((n): n is string => n !== undefined);
  if (table.dimensions.length > 1) parts.unshift(`Every combination of ${table.dimensions.join(` ${CROSS} `)} that occurs.`);
  return parts.length > 0 ? `<p class="note">${escapeHtml(parts.join(' '))}</p>` : '';
}

function canvas(spec: ChartSpec): string {
  return `<figure class="chart" id="figure-${spec.id}"><canvas id="${spec.id}" width="${spec.width}" height="${spec.height}" role="img" aria-label="${escapeHtml(spec.title)}"></canvas></figure>`;
}

export interface HtmlOptions {
  /** Random, fresh for every page: the only scripts and styles the page runs carry it. */
  readonly nonce: string;
  /** The charting library's code (Chart.js UMD build), inlined. */
  readonly chartLibrary?: string;
  /** Or its address, for a webview that serves it (then also give `cspSource`). */
  readonly chartLibraryUri?: string;
  /** Sources the policy allows scripts from besides the nonce (a webview's `cspSource`). */
  readonly cspSource?: string;
  readonly title?: string;
}

const STYLE = `
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5f6368; --line: #d6d6d6; }
* { box-sizing: border-box; }
body { margin: 24px auto; max-width: 980px; padding: 0 16px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); background: #fff; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.25em; margin: 32px 0 4px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.headline { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; padding: 0; list-style: none; }
.headline li { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 140px; }
.headline .value { display: block; font-size: 1.5em; font-weight: 600; }
.headline .label { color: var(--muted); font-size: 0.9em; }
.note { color: var(--muted); margin: 4px 0 12px; }
figure.chart { margin: 12px 0; position: relative; }
figure.chart canvas { display: block; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 0.92em; }
th, td { border-bottom: 1px solid var(--line); padding: 3px 8px; text-align: right; vertical-align: top; }
th[scope="row"], td.findings, td.file, table.items td { text-align: left; }
table.counts td:not(.findings) { white-space: nowrap; }
thead th { text-align: left; border-bottom: 2px solid #999; }
td.file { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.9em; word-break: break-all; }
details { margin: 2px 0; }
summary { cursor: pointer; }
footer { margin-top: 32px; color: var(--muted); font-size: 0.85em; }
@page { size: A4; margin: 12mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 9.5pt; }
  h2 { break-after: avoid; }
  figure.chart, tr, .headline li { break-inside: avoid; }
  thead { display: table-header-group; }
  summary { list-style: none; font-weight: 600; }
  a { color: inherit; text-decoration: none; }
}
`;

/**
 * The whole page, ready to be written to a file: a headline, the time line of decisions where
 * decision dates exist, then for each table a rate chart, a counts chart, the table and the item
 * lists of its groups.
 */
export function renderStatsHtml(result: StatsResult, letters: readonly StatsLetter[], options: HtmlOptions): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(options.nonce)) throw new Error('the nonce must be at least 16 base64 characters');
  const data = statsReportData(result, letters);
  const chart = new Map(data.charts.map((c) => [c.id, c]));
  const title = options.title ?? 'IMR determinations: statistics';
  const nonce = options.nonce;
  const scriptSources = [`'nonce-${nonce}'`, ...(options.cspSource ? [options.cspSource] : [])].join(' ');
  const csp = `default-src 'none'; script-src ${scriptSources}; style-src 'nonce-${nonce}'; img-src data:; font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'`;

  const decided = result.upheld + result.overturned;
  const headline = [
    [String(result.letters), result.letters === 1 ? 'letter' : 'letters'],
    [String(result.items), result.items === 1 ? 'disputed item' : 'disputed items'],
    [percent(result.rate), `overturned (${result.overturned} of ${decided} decided; 95% interval ${interval(result)})`],
    [result.decisionDates ? `${result.decisionDates.first} – ${result.decisionDates.last}` : '–', result.decisionDates ? 'decision dates' : 'no decision dates'],
  ]
    .map(([value, label]) => `<li><span class="value">${escapeHtml(value)}</span><span class="label">${escapeHtml(label)}</span></li>`)
    .join('');

  const sections: string[] = [];
  const timeline = chart.get('chart-timeline');
  if (timeline) {
    const rows = result.timeline
      .map((g) => `<tr><th scope="row">${escapeHtml(g.key as string)}</th><td>${g.letters}</td><td>${g.items}</td><td>${g.upheld + g.overturned}</td><td>${g.overturned}</td><td>${percent(g.rate)}</td><td>${interval(g)}</td></tr>`)
      .join('\n');
    const undated = result.items - result.timeline.reduce((n, g) => n + g.items, 0);
    sections.push(
      `<section id="timeline"><h2>Over time</h2><p class="note">Items by the month of their letter's decision date${undated > 0 ? `; ${plural(undated, 'item')} in letters without a decision date are not shown` : ''}.</p>\n${canvas(timeline)}\n` +
        `<table class="counts"><thead><tr><th scope="col">Month</th><th scope="col">Letters</th><th scope="col">Items</th><th scope="col">Decided</th><th scope="col">Overturned</th><th scope="col">Overturn rate</th><th scope="col">95% interval</th></tr></thead>\n<tbody>${rows}</tbody></table></section>`,
    );
  }
  for (const table of result.tables) {
    const id = tableId(table);
    const rate = chart.get(`chart-${id}-rate`)!;
    const counts = chart.get(`chart-${id}-counts`)!;
    const body =
      table.groups.length === 0
        ? '<p class="note">No items.</p>'
        : `${canvas(rate)}\n${canvas(counts)}\n${countsTable(table)}\n<h3>Items by group</h3>\n${itemLists(table, letters)}`;
    sections.push(`<section id="by-${id}"><h2>${escapeHtml(dimensionTitle(table.dimensions))}</h2>${tableNote(table)}\n${body}</section>`);
  }

  // Fixed sizes, so that print lays out the charts as the screen does; in the style sheet, since the policy refuses style attributes.
  const chartSizes = data.charts.map((c) => `#figure-${c.id} { width: ${c.width}px; height: ${c.height}px; }`).join('\n');
  const library = options.chartLibrary !== undefined
    ? `<script nonce="${nonce}">${options.chartLibrary.replace(/<\/(script)/gi, '<\\/$1')}</script>`
    : options.chartLibraryUri !== undefined
      ? `<script nonce="${nonce}" src="${escapeHtml(options.chartLibraryUri)}"></script>`
      : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${STYLE}${chartSizes}</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1>
<p class="note">Upheld: the utilization review denial stands. Overturned: the treatment is authorised. Rates are shares of the decided items, with 95% Wilson score intervals; an item without an outcome counts in the items only.</p>
<ul class="headline">${headline}</ul></header>
<main>
${sections.join('\n')}
</main>
<footer>Made by imr stats from ${plural(result.letters, 'letter')}. Charts drawn with Chart.js (MIT License).</footer>
<script type="application/json" id="imr-stats-data">${jsonForScript(data)}</script>
${library}
<script nonce="${nonce}">${PAGE_SCRIPT}</script>
</body>
</html>
`;
}

/**
 * The page's own script: draws each chart from its specification, adds the number formatting
 * (functions cannot travel in JSON), opens the item lists for printing, and records on <body>
 * how many charts were drawn (data-charts) or what failed (data-chart-error), for tests.
 */
const PAGE_SCRIPT = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('imr-stats-data').textContent);
  var pct = function (v) { return (v * 100).toFixed(v === 0 || v === 1 ? 0 : 1) + '%'; };
  if (typeof Chart === 'undefined') {
    document.body.setAttribute('data-chart-error', 'Chart.js did not load');
    return;
  }
  Chart.defaults.animation = false;
  Chart.defaults.responsive = false;
  Chart.defaults.devicePixelRatio = Math.max(2, window.devicePixelRatio || 1);
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
  var drawn = 0;
  data.charts.forEach(function (spec) {
    var canvas = document.getElementById(spec.id);
    if (!canvas) return;
    var config = spec.config;
    if (spec.kind === 'rate') {
      config.options.scales.x.ticks = { callback: function (v) { return Math.round(v * 100) + '%'; } };
      config.options.plugins.tooltip = { callbacks: { label: function (ctx) {
        var d = spec.decided[ctx.dataIndex];
        if (ctx.datasetIndex === 0) return ctx.raw === null ? 'No decided items' : 'Overturned ' + pct(ctx.raw) + ' (' + d.overturned + ' of ' + d.decided + ')';
        if (ctx.datasetIndex === 1) return '95% interval ' + pct(ctx.raw[0]) + ' to ' + pct(ctx.raw[1]);
        return 'All items ' + pct(ctx.raw);
      } } };
    }
    new Chart(canvas, config);
    drawn++;
  });
  document.body.setAttribute('data-charts', String(drawn));
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details').forEach(function (d) { d.open = true; });
  });
})();
`;
