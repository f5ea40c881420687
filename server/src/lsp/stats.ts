/**
 * `imr/stats` and `imr/statsItems` (statsProtocol.ts): the statistics of `imr stats` computed
 * from the workspace index, for the statistics view. Registered by workspaceSymbols.ts, which
 * owns the index; every request first waits for the index to settle, as the others do.
 */
import type { CancellationToken } from 'vscode-languageserver';
import { computeStats, isStatsDimension, type StatsDimension } from '../core/stats';
import { chartBars, statsReportData } from '../core/statsReport';
import { letterLabel, type WorkspaceIndex, type IndexedLetter } from '../core/workspaceIndex';
import { itemInGroups, statsLetterOfSource } from '../core/workspaceStats';
import type { ServerContext } from './context';
import {
  MAX_LISTED_ITEMS,
  STATS_ITEMS_REQUEST,
  STATS_REQUEST,
  type ChartSelection,
  type StatsAnswer,
  type StatsItemsAnswer,
  type StatsItemsParams,
  type StatsListedItem,
  type StatsParams,
} from './statsProtocol';

/** The dimensions asked for, each once, unknown ones dropped (the client's message is not trusted to be well formed). */
function dimensionsOf(value: unknown): StatsDimension[] {
  if (!Array.isArray(value)) return [];
  const out: StatsDimension[] = [];
  for (const v of value) if (typeof v === 'string' && isStatsDimension(v) && !out.includes(v)) out.push(v);
  return out;
}

function keysOf(value: unknown, dimensions: number): Array<string | string[]> {
  if (!Array.isArray(value)) return [];
  return value.filter((k): k is string | string[] =>
    dimensions === 1 ? typeof k === 'string' : Array.isArray(k) && k.length === dimensions && k.every((p) => typeof p === 'string'),
  );
}

/** The index's letters in a fixed order (by label, then URI), so that answers do not depend on the order files were read. */
function lettersOf(index: WorkspaceIndex): Array<{ source: IndexedLetter; label: string }> {
  const out: Array<{ source: IndexedLetter; label: string }> = [];
  for (const uri of index.uris()) {
    const source = index.get(uri)!;
    out.push({ source, label: letterLabel(source) });
  }
  return out.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : a.source.uri < b.source.uri ? -1 : a.source.uri > b.source.uri ? 1 : 0));
}

export function registerStatsRequests(ctx: ServerContext, index: WorkspaceIndex, ready: () => Promise<void>): void {
  const { connection } = ctx;

  const emptyStats = (): StatsAnswer => ({ report: statsReportData(computeStats([]), []), selections: {} });
  connection.onRequest(STATS_REQUEST, (params: StatsParams | undefined, token: CancellationToken) =>
    ctx.guard('stats', emptyStats(), token, async (): Promise<StatsAnswer> => {
      await ready();
      const letters = lettersOf(index).map((l) => statsLetterOfSource(l.source));
      const result = computeStats(letters, dimensionsOf(params?.by));
      const selections: Record<string, ChartSelection> = {};
      // The chart ids are statsReport.ts's: the time line, and a rate and a counts chart per table.
      if (result.timeline.length > 0) {
        selections['chart-timeline'] = { dimensions: ['month'], bars: [] };
      }
      for (const table of result.tables) {
        const selection: ChartSelection = {
          dimensions: [...table.dimensions],
          bars: chartBars(table, letters).map((b) => ({ label: b.label, keys: b.keys.map((k) => (typeof k === 'string' ? k : [...k])) })),
        };
        const id = table.dimensions.join('-');
        selections[`chart-${id}-rate`] = selection;
        selections[`chart-${id}-counts`] = selection;
      }
      const report = statsReportData(result, letters);
      // The time line shows every month from the first to the last, also those without decisions.
      const timeline = report.charts.find((c) => c.id === 'chart-timeline');
      if (timeline) {
        const labels = (timeline.config as { data: { labels: string[] } }).data.labels;
        selections['chart-timeline'].bars = labels.map((month) => ({ label: month, keys: [month] }));
      }
      return { report, selections };
    }),
  );

  connection.onRequest(STATS_ITEMS_REQUEST, (params: StatsItemsParams | undefined, token: CancellationToken) =>
    ctx.guard('statsItems', { total: 0, items: [] } as StatsItemsAnswer, token, async (): Promise<StatsItemsAnswer> => {
      await ready();
      const dimensions = dimensionsOf(params?.dimensions);
      const keys = keysOf(params?.keys, dimensions.length);
      const items: StatsListedItem[] = [];
      let total = 0;
      if (dimensions.length === 0 || keys.length === 0) return { total, items };
      for (const { source, label } of lettersOf(index)) {
        const letter = statsLetterOfSource(source);
        letter.items.forEach((item, k) => {
          if (!itemInGroups(dimensions, keys, letter, item)) return;
          total++;
          if (items.length >= MAX_LISTED_ITEMS) return;
          const indexed = source.items[k];
          const out: StatsListedItem = { uri: source.uri, letter: label, title: indexed.title, range: indexed.range };
          if (indexed.outcome) out.outcome = indexed.outcome;
          items.push(out);
        });
      }
      return { total, items };
    }),
  );
}
