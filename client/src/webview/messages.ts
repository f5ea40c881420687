/**
 * The messages between the statistics view's extension side (statisticsView.ts) and its webview
 * script (statistics.ts). Types only: the two run in different worlds (the extension host and the
 * webview's iframe) and share nothing but these shapes.
 */
import type { StatsAnswer, StatsDimension } from '../../../server/src/lsp/statsProtocol';

/** An item as the webview lists it: no URI; the extension keeps those and opens by position. */
export interface ListedItem {
  letter: string;
  title: string;
  outcome?: string;
}

export type ToWebview =
  | { type: 'stats'; by: StatsDimension[]; answer: StatsAnswer }
  | { type: 'items'; heading: string; total: number; items: ListedItem[] }
  | { type: 'error'; message: string };

export type FromWebview =
  /** The script is running (first load, or the view shown again): send what there is. */
  | { type: 'ready' }
  /** Another grouping was picked. */
  | { type: 'by'; by: StatsDimension[] }
  /** A bar (or the time line's month) was chosen: the index of the bar in its chart. */
  | { type: 'bar'; chart: string; bar: number }
  /** A group of a table was chosen (keyboard route to the same list). */
  | { type: 'group'; table: string; group: number }
  /** An item of the list was chosen: its position in the last list. */
  | { type: 'open'; item: number };
