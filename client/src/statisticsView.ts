/**
 * "IMR: Show Statistics": a webview with the statistics of `imr stats` over the workspace index
 * (the server computes them: `imr/stats`), grouped as picked in the view, asked again when the
 * index changes. Choosing a bar or a group lists its items (`imr/statsItems`); choosing an item
 * opens its letter at the item. One panel at a time: the command shows the open one.
 *
 * The page is strict: no network, scripts only with the page's nonce (the view's script, bundled
 * with Chart.js into dist/statisticsView.js, the one resource the webview may load), styles only
 * the page's own. Letter text reaches the page as message data, which the script puts in with
 * textContent.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  STATS_ITEMS_REQUEST,
  STATS_REQUEST,
  type StatsAnswer,
  type StatsDimension,
  type StatsItemsAnswer,
  type StatsItemsParams,
  type StatsListedItem,
  type StatsParams,
} from '../../server/src/lsp/statsProtocol';
import type { FromWebview, ToWebview } from './webview/messages';

export const SHOW_STATISTICS_COMMAND = 'imrDetermination.showStatistics';
export const STATISTICS_VIEW_TYPE = 'imrDetermination.statistics';
export const STATISTICS_TITLE = 'IMR Statistics';
/** Index changes arrive in bursts while files are indexed: ask once they stop for this long. */
const UPDATE_DELAY_MS = 500;
const DIMENSIONS: readonly StatsDimension[] = ['outcome', 'region', 'kind', 'guideline', 'specialty', 'month'];

/** Something that says when the workspace index changed (the Determinations view's provider does). */
export interface IndexChanges {
  readonly onDidChangeTreeData: vscode.Event<unknown>;
}

function nonce(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

class StatisticsPanel implements vscode.Disposable {
  private by: StatsDimension[] = [];
  private answer: StatsAnswer | undefined;
  private items: StatsListedItem[] = [];
  private lastItemsMessage: ToWebview | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The index changed while the panel was hidden: ask when it is shown again. */
  private stale = false;
  /** Counts requests, so that an answer overtaken by a later request is dropped. */
  private asked = 0;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly client: BaseLanguageClient,
    private readonly extensionUri: vscode.Uri,
    changes: IndexChanges,
    onDispose: () => void,
  ) {
    panel.webview.html = this.html();
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: FromWebview) => void this.receive(m)),
      changes.onDidChangeTreeData(() => this.scheduleUpdate()),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.stale) this.scheduleUpdate();
      }),
      panel.onDidDispose(() => {
        this.dispose();
        onDispose();
      }),
    );
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
    this.disposables.length = 0;
  }

  private post(message: ToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  private scheduleUpdate(): void {
    if (!this.panel.visible) {
      this.stale = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.update();
    }, UPDATE_DELAY_MS);
  }

  /** Asks the server for the statistics and sends them to the page. */
  async update(): Promise<void> {
    this.stale = false;
    const ask = ++this.asked;
    try {
      const params: StatsParams = { by: this.by };
      // Starts the language server if no letter has started it yet.
      const answer = await this.client.sendRequest<StatsAnswer>(STATS_REQUEST, params);
      if (ask !== this.asked) return;
      this.answer = answer;
      this.post({ type: 'stats', by: this.by, answer });
    } catch {
      if (ask === this.asked) this.post({ type: 'error', message: 'The language server did not answer; the statistics are shown again once it runs.' });
    }
  }

  private async receive(message: FromWebview): Promise<void> {
    switch (message?.type) {
      case 'ready':
        // A new page (first load, or shown again after being hidden): what there is, then fresh numbers.
        if (this.answer) this.post({ type: 'stats', by: this.by, answer: this.answer });
        if (this.lastItemsMessage) this.post(this.lastItemsMessage);
        await this.update();
        return;
      case 'by':
        this.by = Array.isArray(message.by) ? message.by.filter((d) => DIMENSIONS.includes(d)) : [];
        await this.update();
        return;
      case 'bar': {
        const selection = this.answer?.selections[message.chart];
        const bar = selection?.bars[message.bar];
        const chart = this.answer?.report.charts.find((c) => c.id === message.chart);
        if (!selection || !bar) return;
        await this.list(`${chart?.title ?? 'Chart'}: ${bar.label}`, { dimensions: selection.dimensions, keys: bar.keys });
        return;
      }
      case 'group': {
        const group = this.answer?.report.stats.groups[message.table]?.[message.group];
        if (!group) return;
        const dimensions = message.table.split('×') as StatsDimension[];
        const label = typeof group.key === 'string' ? group.key : group.key.join(' × ');
        await this.list(`${dimensions.join(' × ')}: ${label}`, { dimensions, keys: [group.key] });
        return;
      }
      case 'open': {
        const item = this.items[message.item];
        if (!item) return;
        const selection = this.client.protocol2CodeConverter.asRange(item.range);
        // Beside the statistics, so that the list stays in view for the next item.
        const column = this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
        await vscode.window.showTextDocument(this.client.protocol2CodeConverter.asUri(item.uri), { selection, viewColumn: column, preview: true });
        return;
      }
    }
  }

  private async list(heading: string, params: StatsItemsParams): Promise<void> {
    try {
      const answer = await this.client.sendRequest<StatsItemsAnswer>(STATS_ITEMS_REQUEST, params);
      this.items = answer.items;
      this.lastItemsMessage = {
        type: 'items',
        heading,
        total: answer.total,
        items: answer.items.map((i) => (i.outcome ? { letter: i.letter, title: i.title, outcome: i.outcome } : { letter: i.letter, title: i.title })),
      };
      this.post(this.lastItemsMessage);
    } catch {
      this.post({ type: 'error', message: 'The language server did not answer; choose the bar again in a moment.' });
    }
  }

  private html(): string {
    const webview = this.panel.webview;
    const n = nonce();
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'statisticsView.js'));
    // Chart.js sets sizes and the cursor through the CSS object model, which style-src does not govern: no 'unsafe-inline'.
    const csp = [
      "default-src 'none'",
      `script-src 'nonce-${n}'`,
      `style-src ${webview.cspSource} 'nonce-${n}'`,
      `img-src ${webview.cspSource} data:`,
      `font-src ${webview.cspSource}`,
      "connect-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${STATISTICS_TITLE}</title>
<style nonce="${n}">${STYLE}</style>
</head>
<body>
<header>
<h1>Statistics of the determination letters in this workspace</h1>
<p class="note">Upheld: the utilization review denial stands. Overturned: the treatment is authorised. Rates are shares of the decided items with 95% Wilson score intervals. Choose a bar or a group to list its items.</p>
<div class="picker"><label for="by">Group by</label> <select id="by"></select> <label for="cross">and by</label> <select id="cross"></select></div>
<ul class="headline" id="headline"></ul>
<p class="note" id="empty" hidden>No determination letters in this workspace yet (in VS Code for the Web: open letters count).</p>
<p class="error" id="error" role="alert" hidden></p>
</header>
<section id="items" class="items" aria-live="polite" hidden></section>
<main id="charts"></main>
<script nonce="${n}" src="${script.toString()}"></script>
</body>
</html>`;
  }
}

/** Colours and fonts only from the theme's variables, so that light, dark and high contrast themes all read. */
const STYLE = `
body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 20px 24px; max-width: 1000px; }
h1 { font-size: 1.4em; margin: 16px 0 4px; }
h2 { font-size: 1.15em; margin: 24px 0 6px; padding-bottom: 4px; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-foreground)); }
.note { color: var(--vscode-descriptionForeground); margin: 4px 0 10px; }
.error { color: var(--vscode-errorForeground); }
.picker { margin: 10px 0; }
select { background: var(--vscode-dropdown-background); color: var(--vscode-dropdown-foreground); border: 1px solid var(--vscode-dropdown-border, var(--vscode-foreground)); padding: 2px 4px; font: inherit; }
select:focus, button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 1px; }
.headline { display: flex; flex-wrap: wrap; gap: 10px; list-style: none; padding: 0; margin: 12px 0; }
.headline li { border: 1px solid var(--vscode-panel-border, var(--vscode-foreground)); border-radius: 4px; padding: 6px 12px; min-width: 120px; }
.headline .value { display: block; font-size: 1.4em; font-weight: 600; }
.headline .label { color: var(--vscode-descriptionForeground); }
figure.chart { margin: 10px 0; }
.canvas-box { position: relative; width: 100%; }
table.counts { border-collapse: collapse; margin: 6px 0 14px; }
table.counts th, table.counts td { padding: 2px 8px; text-align: right; border-bottom: 1px solid var(--vscode-panel-border, transparent); }
table.counts th[scope="row"], table.counts thead th { text-align: left; }
button.link { background: none; border: none; padding: 0; margin: 0; font: inherit; color: var(--vscode-textLink-foreground); cursor: pointer; text-align: left; }
button.link:hover { color: var(--vscode-textLink-activeForeground); text-decoration: underline; }
section.items { border: 1px solid var(--vscode-panel-border, var(--vscode-foreground)); border-radius: 4px; padding: 0 12px 8px; margin: 12px 0; max-height: 40vh; overflow: auto; }
ul.items { list-style: none; padding: 0; margin: 0; }
ul.items li { padding: 2px 0; }
ul.items .meta { color: var(--vscode-descriptionForeground); }
`;

/** Registers the command; `changes` says when the index changed. */
export function registerStatisticsView(context: vscode.ExtensionContext, client: BaseLanguageClient, changes: IndexChanges): void {
  let current: StatisticsPanel | undefined;
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_STATISTICS_COMMAND, () => {
      if (current) {
        current.panel.reveal();
        return { title: STATISTICS_TITLE };
      }
      const panel = vscode.window.createWebviewPanel(STATISTICS_VIEW_TYPE, STATISTICS_TITLE, vscode.ViewColumn.Active, {
        enableScripts: true,
        // The view's script is the one file it loads.
        localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist')],
      });
      current = new StatisticsPanel(panel, client, context.extensionUri, changes, () => {
        current = undefined;
      });
      return { title: STATISTICS_TITLE };
    }),
    { dispose: () => current?.panel.dispose() },
  );
}
