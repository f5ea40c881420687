/**
 * IMR: Show Statistics, as VS Code's API sees it: the command opens one webview panel titled
 * "IMR Statistics" (a second run shows the same one), and the server's statistics behind it count
 * the letters of the workspace (test/vscode/fixtures.mjs: the seed letter and sample.imr.txt).
 * What the page draws is checked from the DOM by the end-to-end run (scripts/e2e/run.mjs).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from './harness';

const EXTENSION_ID = 'imr-determinations.imr-determinations';
const COMMAND = 'imrDetermination.showStatistics';
const TITLE = 'IMR Statistics';

interface StatsJson {
  letters: number;
  items: number;
  groups: Record<string, Array<{ key: string | string[]; items: number }>>;
}

function statisticsTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.label === TITLE);
}

async function until<T>(what: string, probe: () => T | undefined, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('statistics: the command is contributed and opens one webview panel "IMR Statistics"', async () => {
  assert.ok((await vscode.commands.getCommands(true)).includes(COMMAND));
  const answer = await vscode.commands.executeCommand<{ title: string }>(COMMAND);
  assert.equal(answer?.title, TITLE);
  const tab = await until('the statistics tab', () => statisticsTabs()[0]);
  assert.ok(tab.isActive, 'the panel is the active tab');
  assert.equal((tab.input as vscode.TabInputWebview).viewType.endsWith('imrDetermination.statistics'), true, (tab.input as vscode.TabInputWebview).viewType);
  // A second run shows the open panel instead of making another.
  await vscode.commands.executeCommand(COMMAND);
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(statisticsTabs().length, 1);
  await vscode.window.tabGroups.close(statisticsTabs());
  assert.equal(statisticsTabs().length, 0);
});

test('statistics: imr/stats counts the letters of the workspace, and a group lists its items', async () => {
  const extension = vscode.extensions.getExtension<{ languageClient?: { sendRequest<R>(method: string, params: unknown): Promise<R> } }>(EXTENSION_ID);
  assert.ok(extension);
  const api = extension.isActive ? extension.exports : await extension.activate();
  const client = api.languageClient;
  assert.ok(client, 'the extension exports its language client');
  const answer = await client.sendRequest<{ report: { stats: StatsJson }; selections: Record<string, { dimensions: string[]; bars: Array<{ keys: unknown[] }> }> }>('imr/stats', { by: ['outcome'] });
  const stats = answer.report.stats;
  // The seed letter (4 Upheld) and the sample (3 items, one Overturned) at least; letters opened by other tests may add.
  assert.ok(stats.letters >= 2 && stats.items >= 7, JSON.stringify({ letters: stats.letters, items: stats.items }));
  const upheld = stats.groups.outcome.find((g) => g.key === 'Upheld');
  assert.ok(upheld && upheld.items >= 4, JSON.stringify(stats.groups.outcome));
  const listed = await client.sendRequest<{ total: number; items: Array<{ uri: string; title: string; outcome?: string }> }>('imr/statsItems', { dimensions: ['outcome'], keys: ['Upheld'] });
  assert.equal(listed.total, upheld.items);
  assert.ok(listed.items.some((i) => i.title === 'MRI of The Cervical Spine' && i.outcome === 'Upheld'), JSON.stringify(listed.items.map((i) => i.title)));
});
