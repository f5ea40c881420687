/**
 * `imr stats`: the core's statistics (core/stats.ts) written as text tables, JSON, CSV or the
 * HTML report (core/statsReport.ts), to stdout or to the file --out names.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import chartLibrary from 'imr-vendor:chart.js';
import { escapeControls } from '../core/escape';
import { computeStats, dimensionTitle, groupLabel, statsJson, CROSS, type Counts, type StatsLetter, type StatsResult } from '../core/stats';
import { percent, renderStatsHtml } from '../core/statsReport';
import type { Options } from './args';
import { BOM, csvRecord } from './csv';
import type { FileResult } from './work';

type Letter = Extract<FileResult, { kind: 'letter' }>;

function interval(c: Counts): string {
  return c.rate === null ? '–' : `${(c.low * 100).toFixed(1)}–${(c.high * 100).toFixed(1)}%`;
}

function findingsText(findings: Readonly<Record<string, number>>, separator: string): string {
  return Object.entries(findings)
    .map(([code, n]) => `${code} ${n}`)
    .join(separator);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `67 letters, 164 items: 143 Upheld, 21 Overturned; overturned 12.8% (95% interval 8.5–18.8%); decisions 2016-12-05 to 2017-02-28` */
export function headlineText(result: StatsResult): string {
  const dates = result.decisionDates ? `decisions ${result.decisionDates.first} to ${result.decisionDates.last}` : 'no decision dates';
  const rate = result.rate === null ? 'no decided items' : `overturned ${percent(result.rate)} (95% interval ${interval(result)})`;
  return `${plural(result.letters, 'letter')}, ${plural(result.items, 'item')}: ${result.upheld} Upheld, ${result.overturned} Overturned; ${rate}; ${dates}`;
}

/** Columns padded to their widest cell: the first left-aligned, numbers right-aligned, the last (findings) as it is. */
function alignedRows(rows: readonly string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => [...r[c]].length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => {
          if (c === r.length - 1) return cell;
          const pad = ' '.repeat(widths[c] - [...cell].length);
          return c === 0 ? cell + pad : pad + cell;
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function statsText(result: StatsResult): string {
  let out = headlineText(result) + '\n';
  for (const table of result.tables) {
    const rows = [['group', 'letters', 'items', 'upheld', 'overturned', 'rate', '95% interval', 'findings (items)']];
    for (const g of table.groups) {
      // Letter text (specialties, chapters as cited) reaches the terminal: no control characters.
      rows.push([escapeControls(groupLabel(table.dimensions, g.key)), String(g.letters), String(g.items), String(g.upheld), String(g.overturned), percent(g.rate), interval(g), findingsText(g.findings, ', ')]);
    }
    out += `\n${dimensionTitle(table.dimensions)}\n${table.groups.length > 0 ? alignedRows(rows) : '(no items)'}\n`;
  }
  return out;
}

export const STATS_CSV_COLUMNS = ['by', 'key', 'letters', 'items', 'upheld', 'overturned', 'rate', 'low', 'high', 'findings'] as const;

/**
 * One row per group, after a first row `all` of the totals. A cross-table's key is its keys
 * joined by " × " (JSON keys, not labels: "imaging × knee"); rate is empty when no item of the
 * group was decided; findings read "chapter-mismatch 3; missing-field 1".
 */
export function statsCsv(result: StatsResult): string {
  const row = (by: string, key: string, c: Counts): string[] => [
    by,
    key,
    String(c.letters),
    String(c.items),
    String(c.upheld),
    String(c.overturned),
    c.rate === null ? '' : String(c.rate),
    String(c.low),
    String(c.high),
    findingsText(c.findings, '; '),
  ];
  let out = BOM + csvRecord(STATS_CSV_COLUMNS);
  out += csvRecord(row('all', 'all', result));
  for (const table of result.tables) {
    for (const g of table.groups) out += csvRecord(row(table.name, typeof g.key === 'string' ? g.key : g.key.join(` ${CROSS} `), g));
  }
  return out;
}

/** Writes the chosen format to --out or stdout; the exit code: 2 when files could not be read or the output not written. */
export function writeStats(options: Options, letters: readonly Letter[], problems: readonly string[]): number {
  const summaries: StatsLetter[] = letters.map((l) => l.stats!);
  const result = computeStats(summaries, options.by);
  let output: string;
  if (options.format === 'json') output = JSON.stringify(statsJson(result), null, 2) + '\n';
  else if (options.format === 'csv') output = statsCsv(result);
  else if (options.format === 'html') output = renderStatsHtml(result, summaries, { nonce: randomBytes(18).toString('base64'), chartLibrary });
  else output = statsText(result);
  if (options.out === undefined) {
    process.stdout.write(output);
  } else {
    try {
      fs.writeFileSync(options.out, output);
    } catch (err) {
      process.stderr.write(`imr: ${escapeControls(`cannot write ${options.out}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`)}\n`);
      return 2;
    }
  }
  return problems.length > 0 ? 2 : 0;
}
