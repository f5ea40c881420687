/**
 * The custom requests behind the statistics view (IMR: Show Statistics), shared by the server,
 * the client and the webview's script (types and method names only, no imports of either side).
 *
 * `imr/stats` answers the report data of `imr stats` (the JSON statistics and the Chart.js
 * specifications of core/statsReport.ts) over the whole workspace index, and for each chart which
 * groups its bars stand for; `imr/statsItems` answers the items of some groups of a table. The
 * client asks again when the server sends `imr/workspaceItemsChanged`.
 */
import type { StatsDimension } from '../core/stats';
import type { ChartSpec, StatsReportData } from '../core/statsReport';
import type { Range } from '../core/types';

export const STATS_REQUEST = 'imr/stats';
export const STATS_ITEMS_REQUEST = 'imr/statsItems';

export type { ChartSpec, StatsDimension, StatsReportData };

export interface StatsParams {
  /** The tables to compute, as `imr stats --by`; absent or empty for the default set. */
  by?: StatsDimension[];
}

/** A chart's bars (or the time line's months): the groups of a table each one shows. */
export interface ChartSelection {
  dimensions: StatsDimension[];
  /** Per bar, in chart order: the keys of the groups it shows (several for "Other groups"). */
  bars: Array<{ label: string; keys: Array<string | string[]> }>;
}

export interface StatsAnswer {
  report: StatsReportData;
  /** By chart id. */
  selections: Record<string, ChartSelection>;
}

export interface StatsItemsParams {
  dimensions: StatsDimension[];
  keys: Array<string | string[]>;
}

export interface StatsListedItem {
  uri: string;
  /** The letter's case number, else its file name. */
  letter: string;
  title: string;
  outcome?: 'Upheld' | 'Overturned';
  /** The item's title in the letter. */
  range: Range;
}

export interface StatsItemsAnswer {
  /** How many items the groups hold; at most MAX_LISTED_ITEMS are listed. */
  total: number;
  items: StatsListedItem[];
}

/** A list longer than this is cut (its total still given): nobody reads further in a webview. */
export const MAX_LISTED_ITEMS = 1000;
