/**
 * `imr/stats` and `imr/statsItems` over the bundled server (the statistics view of VS Code): on a
 * workspace folder of corpus letters the numbers are those of `imr stats --format json` on the
 * same folder, and they follow a letter added to the folder (a watched-file event).
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, FileChangeType, type ConfigurationItem } from 'vscode-languageserver-protocol/node';
import { imr } from '../cli/support';
import { CORPUS, SEED_000, textIn, corpusLetter } from './support/fixtures';
import { clientCapabilities, startClient } from './support/lspClient';
import type { StatsAnswer, StatsItemsAnswer } from '../../server/src/lsp/statsProtocol';

function capabilities() {
  const caps = clientCapabilities();
  caps.workspace = { ...caps.workspace, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } };
  return caps;
}

function configuration(item: ConfigurationItem): unknown {
  return item.section === 'files.exclude' ? { '**/.git': true } : {};
}

function cliStats(folder: string, by: string[] = []): unknown {
  const run = imr(['stats', '--format', 'json', ...by.flatMap((d) => ['--by', d]), folder]);
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout);
}

test('imr/stats: the numbers of imr stats on the same folder, also after a letter is added', { timeout: 120_000 }, async (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'imr-stats-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const letters = readdirSync(path.join(CORPUS, 'letters')).filter((f) => f.endsWith('.txt')).sort();
  mkdirSync(path.join(root, 'letters'));
  for (const f of letters.slice(0, 40)) copyFileSync(path.join(CORPUS, 'letters', f), path.join(root, 'letters', f));

  const client = await startClient(t, { capabilities: capabilities(), configuration, workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'letters' }] });
  const stats = (by?: string[]) => client.connection.sendRequest<StatsAnswer>('imr/stats', by ? { by } : {});

  const first = await stats();
  assert.equal(first.report.stats.letters, 40);
  assert.deepEqual(first.report.stats, cliStats(root), 'the default tables');
  const crossed = await stats(['kind', 'region']);
  assert.deepEqual(crossed.report.stats, cliStats(root, ['kind', 'region']), 'two groupings and their cross-table');
  assert.deepEqual(Object.keys(crossed.report.stats.groups), ['kind', 'region', 'kind×region']);
  // Unknown dimensions are dropped, not an error.
  assert.deepEqual((await stats(['kind', 'nonsense'])).report.stats.by, ['kind']);

  // Each chart's bars name their groups: the items of the first bar of the kind chart are that group's.
  const kind = first.selections['chart-kind-rate'];
  assert.deepEqual(kind.dimensions, ['kind']);
  const group = first.report.stats.groups.kind[0];
  assert.deepEqual(kind.bars[0].keys, [group.key]);
  const listed = await client.connection.sendRequest<StatsItemsAnswer>('imr/statsItems', { dimensions: kind.dimensions, keys: kind.bars[0].keys });
  assert.equal(listed.total, group.items);
  assert.equal(listed.items.length, group.items);
  const one = listed.items[0];
  const file = path.join(root, 'letters', path.basename(new URL(one.uri).pathname));
  assert.equal(textIn(corpusLetter(path.join('letters', path.basename(file))), one.range), one.title, 'the range selects the title');
  // A cross-table's key has one part per dimension; a malformed one lists nothing.
  const cross = crossed.report.stats.groups['kind×region'][0];
  const crossItems = await client.connection.sendRequest<StatsItemsAnswer>('imr/statsItems', { dimensions: ['kind', 'region'], keys: [cross.key] });
  assert.equal(crossItems.total, cross.items);
  assert.equal((await client.connection.sendRequest<StatsItemsAnswer>('imr/statsItems', { dimensions: ['kind', 'region'], keys: ['imaging'] })).total, 0);
  // The time line's months.
  assert.ok(first.selections['chart-timeline'].bars.every((b) => /^\d{4}-\d{2}$/.test(b.label) && b.keys[0] === b.label));

  // A letter added: the watched-file event brings it into the numbers.
  copyFileSync(path.join(CORPUS, SEED_000), path.join(root, 'letters', 'seed.txt'));
  await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
    changes: [{ uri: pathToFileURL(path.join(root, 'letters', 'seed.txt')).href, type: FileChangeType.Created }],
  });
  const after = await stats();
  assert.equal(after.report.stats.letters, 41);
  assert.deepEqual(after.report.stats, cliStats(root));
  assert.deepEqual(client.errorLogs(), []);
  assert.equal(await client.shutdown(), 0);
});
