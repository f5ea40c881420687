/**
 * The statistics view's page script (bundled by esbuild with Chart.js into dist/statisticsView.js,
 * loaded by the webview with the page's nonce). It draws what the extension sends: the headline,
 * the charts of core/statsReport.ts recoloured with the theme's colours, a table per grouping, and
 * the items of a chosen bar or group. Choosing an item asks the extension to open it.
 *
 * Every text that comes from letters (titles, case numbers, specialties, chapter names) is put in
 * with `textContent` or handed to Chart.js, which draws it on a canvas: never parsed as HTML.
 */
import { Chart, registerables, type ChartConfiguration, type ChartEvent, type ActiveElement } from 'chart.js';
import type { ChartSpec, StatsAnswer, StatsDimension } from '../../../server/src/lsp/statsProtocol';
import type { FromWebview, ListedItem, ToWebview } from './messages';

declare function acquireVsCodeApi(): { postMessage(message: FromWebview): void };

Chart.register(...registerables);
const vscode = acquireVsCodeApi();
const post = (message: FromWebview): void => vscode.postMessage(message);

const DIMENSIONS: ReadonlyArray<{ id: StatsDimension; label: string }> = [
  { id: 'kind', label: 'Treatment kind' },
  { id: 'region', label: 'Body region' },
  { id: 'guideline', label: 'Guideline (MAXIMUS)' },
  { id: 'specialty', label: 'Reviewer specialty' },
  { id: 'month', label: 'Decision month' },
  { id: 'outcome', label: 'Outcome' },
];

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

function percent(x: number | null): string {
  return x === null ? '–' : `${(x * 100).toFixed(1)}%`;
}

// ---------------------------------------------------------------- theme colours

interface Palette {
  foreground: string;
  grid: string;
  upheld: string;
  overturned: string;
  none: string;
  interval: string;
  intervalBorder: string;
}

const probe = document.createElement('canvas').getContext('2d');

/** A CSS colour with an alpha: the canvas normalises any colour it accepts to #rrggbb or rgba(). */
function withAlpha(colour: string, alpha: number): string {
  if (!probe) return colour;
  probe.fillStyle = '#000000';
  probe.fillStyle = colour;
  const normal = String(probe.fillStyle);
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(normal);
  if (hex) return `rgba(${parseInt(hex[1], 16)}, ${parseInt(hex[2], 16)}, ${parseInt(hex[3], 16)}, ${alpha})`;
  const rgba = /^rgba?\(([^,]+),([^,]+),([^,)]+)/.exec(normal);
  return rgba ? `rgba(${rgba[1].trim()}, ${rgba[2].trim()}, ${rgba[3].trim()}, ${alpha})` : colour;
}

/**
 * The theme's colours, read from the variables VS Code sets on the page (they change with the
 * theme: light, dark and high contrast themes each define the chart colours to be legible on
 * their background). The fallbacks are for a page shown outside VS Code.
 */
function palette(): Palette {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  const foreground = read('--vscode-foreground', '#cccccc');
  const overturned = read('--vscode-charts-red', '#e15759');
  return {
    foreground,
    grid: withAlpha(read('--vscode-charts-lines', foreground), 0.35),
    upheld: read('--vscode-charts-blue', '#4e79a7'),
    overturned,
    none: read('--vscode-charts-lines', '#bab0ac'),
    interval: withAlpha(overturned, 0.3),
    intervalBorder: withAlpha(overturned, 0.85),
  };
}

interface Dataset {
  label?: string;
  backgroundColor?: string;
  borderColor?: string;
}

/** The report's fixed colours replaced by the theme's, dataset by dataset (statsReport.ts names them). */
function recolour(config: ChartConfiguration, p: Palette): void {
  for (const d of config.data.datasets as Dataset[]) {
    const set = (fill: string, line = fill): void => {
      d.backgroundColor = fill;
      d.borderColor = line;
    };
    switch (d.label) {
      case 'Upheld':
      case 'Decided items':
        set(p.upheld);
        break;
      case 'Overturned':
      case 'Overturn rate':
        set(p.overturned);
        break;
      case 'No outcome':
        set(p.none);
        break;
      case '95% interval (Wilson)':
        set(p.interval, p.intervalBorder);
        break;
      case 'All items':
        set(p.foreground);
        break;
    }
  }
}

// ---------------------------------------------------------------- charts

let charts: Chart[] = [];
let answer: StatsAnswer | undefined;
let by: StatsDimension[] = [];

function pct(v: number): string {
  return `${(v * 100).toFixed(v === 0 || v === 1 ? 0 : 1)}%`;
}

/** Number formatting and tooltips (functions cannot travel in the JSON the server sends), as the report's page adds them. */
function withFormatting(spec: ChartSpec, config: ChartConfiguration): void {
  if (spec.kind !== 'rate') return;
  const options = config.options as { scales: { x: { ticks?: unknown } }; plugins: { tooltip?: unknown } };
  options.scales.x.ticks = { callback: (v: number | string) => `${Math.round(Number(v) * 100)}%` };
  options.plugins.tooltip = {
    callbacks: {
      label: (ctx: { datasetIndex: number; dataIndex: number; raw: unknown }) => {
        const d = spec.decided?.[ctx.dataIndex];
        if (ctx.datasetIndex === 0) return ctx.raw === null ? 'No decided items' : `Overturned ${pct(ctx.raw as number)} (${d?.overturned} of ${d?.decided})`;
        if (ctx.datasetIndex === 1) return `95% interval ${pct((ctx.raw as number[])[0])} to ${pct((ctx.raw as number[])[1])}`;
        return `All items ${pct(ctx.raw as number)}`;
      },
    },
  };
}

/**
 * Where the first bar (or point) of a chart stands, in CSS pixels of the canvas, on the canvas
 * as `data-first-bar`: the end-to-end test clicks there (Chart.js draws no DOM of its own).
 */
function markFirstBar(chart: Chart, canvas: HTMLCanvasElement): void {
  const datasets = chart.data.datasets.length;
  for (let i = 0; i < datasets; i++) {
    const meta = chart.getDatasetMeta(i);
    if (meta.type !== 'bar' || meta.data.length === 0) continue;
    const bar = meta.data[0] as unknown as { x: number; y: number; base: number };
    // The middle of the bar: halfway between its base and its end along the value axis.
    canvas.dataset.firstBar = `${Math.round((bar.x + bar.base) / 2)},${Math.round(bar.y)}`;
    return;
  }
}

function drawChart(spec: ChartSpec, into: HTMLElement, p: Palette): void {
  const figure = element('figure', undefined, 'chart');
  const box = element('div', undefined, 'canvas-box');
  // Sizes through the CSS object model, which the policy allows (it refuses style attributes).
  box.style.height = `${spec.height}px`;
  const canvas = element('canvas');
  canvas.id = spec.id;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `${spec.title}; the table below lists the same numbers`);
  box.append(canvas);
  figure.append(box);
  into.append(figure);
  // A copy: the answer is kept for redrawing in another theme.
  const config = JSON.parse(JSON.stringify(spec.config)) as ChartConfiguration;
  recolour(config, p);
  withFormatting(spec, config);
  const options = config.options as Record<string, unknown>;
  options.responsive = true;
  options.maintainAspectRatio = false;
  options.onClick = (_event: ChartEvent, elements: ActiveElement[], chart: Chart) => {
    // A click between a bar's interval and its marker still means that row: the nearest index.
    const hit = elements[0] ?? chart.getElementsAtEventForMode(_event.native as Event, 'index', { intersect: false }, false)[0];
    if (hit) post({ type: 'bar', chart: spec.id, bar: hit.index });
  };
  options.onHover = (_event: ChartEvent, elements: ActiveElement[]) => {
    canvas.style.cursor = elements.length > 0 ? 'pointer' : 'default';
  };
  const chart = new Chart(canvas, config);
  charts.push(chart);
  markFirstBar(chart, canvas);
}

// ---------------------------------------------------------------- page

function headline(stats: StatsAnswer['report']['stats']): void {
  const list = $('headline');
  list.replaceChildren();
  const decided = stats.upheld + stats.overturned;
  const interval = stats.rate === null ? '' : `; 95% interval ${percent(stats.low)}–${percent(stats.high)}`;
  const facts: Array<[string, string]> = [
    [String(stats.letters), stats.letters === 1 ? 'letter' : 'letters'],
    [String(stats.items), stats.items === 1 ? 'disputed item' : 'disputed items'],
    [percent(stats.rate), `overturned (${stats.overturned} of ${decided} decided${interval})`],
    [stats.decisionDates ? `${stats.decisionDates.first} – ${stats.decisionDates.last}` : '–', stats.decisionDates ? 'decision dates' : 'no decision dates'],
  ];
  for (const [value, label] of facts) {
    const li = element('li');
    li.append(element('span', value, 'value'), element('span', label, 'label'));
    list.append(li);
  }
}

/** A table's groups with their numbers; each group's name is a button listing its items. */
function groupsTable(name: string, groups: StatsAnswer['report']['stats']['groups'][string], labels: Map<string, string>): HTMLTableElement {
  const table = element('table', undefined, 'counts');
  const head = element('tr');
  for (const h of ['Group', 'Letters', 'Items', 'Upheld', 'Overturned', 'Overturn rate', '95% interval']) {
    const th = element('th', h);
    th.scope = 'col';
    head.append(th);
  }
  table.createTHead().append(head);
  const body = table.createTBody();
  groups.forEach((g, i) => {
    const row = element('tr');
    const th = element('th');
    th.scope = 'row';
    const key = typeof g.key === 'string' ? g.key : g.key.join(' × ');
    const button = element('button', labels.get(key) ?? key, 'link');
    button.addEventListener('click', () => post({ type: 'group', table: name, group: i }));
    th.append(button);
    row.append(th);
    for (const cell of [String(g.letters), String(g.items), String(g.upheld), String(g.overturned), percent(g.rate), g.rate === null ? '–' : `${percent(g.low)}–${percent(g.high)}`]) {
      row.append(element('td', cell));
    }
    body.append(row);
  });
  return table;
}

function render(): void {
  for (const c of charts) c.destroy();
  charts = [];
  const main = $('charts');
  main.replaceChildren();
  if (!answer) return;
  const { stats, charts: specs } = answer.report;
  headline(stats);
  $('empty').hidden = stats.letters > 0;
  const p = palette();
  Chart.defaults.color = p.foreground;
  Chart.defaults.borderColor = p.grid;
  Chart.defaults.animation = false;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  let drawn = 0;
  const section = (title: string): HTMLElement => {
    const s = element('section');
    s.append(element('h2', title));
    main.append(s);
    return s;
  };
  const timeline = specs.find((s) => s.id === 'chart-timeline');
  if (timeline && stats.items > 0) {
    drawChart(timeline, section('Over time'), p);
    drawn++;
  }
  for (const [name, groups] of Object.entries(stats.groups)) {
    const id = name.split('×').join('-');
    const rate = specs.find((s) => s.id === `chart-${id}-rate`);
    const counts = specs.find((s) => s.id === `chart-${id}-counts`);
    const title = rate ? rate.title.replace(/^Overturn rate by /, 'By ') : name;
    const s = section(title);
    if (groups.length === 0) {
      s.append(element('p', 'No items.', 'note'));
      continue;
    }
    for (const spec of [rate, counts]) {
      if (!spec) continue;
      drawChart(spec, s, p);
      drawn++;
    }
    // The charts' labels are the groups' labels, by bar; folded bars are not groups, so labels come from the selection.
    const labels = new Map<string, string>();
    const selection = answer.selections[`chart-${id}-rate`];
    for (const bar of selection?.bars ?? []) {
      if (bar.keys.length === 1) labels.set(typeof bar.keys[0] === 'string' ? bar.keys[0] : bar.keys[0].join(' × '), bar.label);
    }
    s.append(groupsTable(name, groups, labels));
  }
  // For tests: how many charts were drawn.
  document.body.dataset.charts = String(drawn);
}

function showItems(heading: string, total: number, items: readonly ListedItem[]): void {
  const box = $('items');
  box.hidden = false;
  box.replaceChildren();
  box.append(element('h2', heading));
  const shown = items.length < total ? `; the first ${items.length} are listed` : '';
  box.append(element('p', `${total} ${total === 1 ? 'item' : 'items'}${shown}. Choose one to open its letter at the item.`, 'note'));
  const list = element('ul', undefined, 'items');
  items.forEach((item, i) => {
    const li = element('li');
    const button = element('button', undefined, 'link');
    button.append(element('span', item.title, 'title'), element('span', ` · ${item.letter} · ${item.outcome ?? 'no outcome'}`, 'meta'));
    button.addEventListener('click', () => post({ type: 'open', item: i }));
    li.append(button);
    list.append(li);
  });
  box.append(list);
  box.scrollIntoView({ block: 'nearest' });
}

function setUpPicker(): void {
  const first = $<HTMLSelectElement>('by');
  const second = $<HTMLSelectElement>('cross');
  first.append(new Option('All groupings (as imr stats)', ''));
  second.append(new Option('nothing else', ''));
  for (const d of DIMENSIONS) {
    first.append(new Option(d.label, d.id));
    second.append(new Option(d.label, d.id));
  }
  const changed = (): void => {
    const chosen = [first.value, second.value].filter((v, i, all): v is StatsDimension => v !== '' && all.indexOf(v) === i);
    // A cross-table needs a first grouping.
    second.disabled = first.value === '';
    post({ type: 'by', by: first.value === '' ? [] : chosen });
  };
  first.addEventListener('change', changed);
  second.addEventListener('change', changed);
}

function showPicked(): void {
  const first = $<HTMLSelectElement>('by');
  const second = $<HTMLSelectElement>('cross');
  first.value = by[0] ?? '';
  second.value = by[1] ?? '';
  second.disabled = by.length === 0;
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  if (message.type === 'stats') {
    answer = message.answer;
    by = message.by;
    showPicked();
    $('error').hidden = true;
    render();
  } else if (message.type === 'items') {
    showItems(message.heading, message.total, message.items);
  } else if (message.type === 'error') {
    const box = $('error');
    box.textContent = message.message;
    box.hidden = false;
  }
});

// VS Code changes the body's class and the colour variables when the theme changes: redraw in the new colours.
new MutationObserver(() => render()).observe(document.body, { attributes: true, attributeFilter: ['class'] });

setUpPicker();
post({ type: 'ready' });
