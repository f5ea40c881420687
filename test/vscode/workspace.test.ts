/**
 * Many letters at once, as VS Code's API sees them: workspace symbols (Go to Symbol in
 * Workspace) from the server's workspace index, and the Determinations view's groups and items,
 * its grouping command, and an item opening its letter at the item's title.
 *
 * The workspace (test/vscode/fixtures.mjs) holds two letters on disk: the seed letter
 * 000_302bd7f50b142580.txt (four Upheld items: two MRIs, an EMG and an NCV of the upper
 * extremities; no case number) and sample.imr.txt (case CM99-0000104: a knee MRI, an EMG/NCV,
 * and a knee scooter, Overturned). Letters opened by earlier tests (an untitled buffer) may
 * count too, so the checks name these two files.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from './harness';
import { SEED } from './letters.test';

const EXTENSION_ID = 'imr-determinations.imr-determinations';
const SAMPLE = 'sample.imr.txt';
const GROUP_BY_COMMAND = 'imrDetermination.determinations.groupBy';

/** The parts of the view's provider the tests use (the extension exports it as `determinations`). */
interface GroupNode {
  type: 'group';
  group: { id: string; label: string; count: number };
}
interface ItemNode {
  type: 'item';
  item: { uri: string; letter: string; title: string; outcome?: string; range: { start: { line: number; character: number } } };
}
interface Determinations {
  groupBy: string;
  getChildren(node?: GroupNode | ItemNode): Promise<Array<GroupNode | ItemNode>>;
  getTreeItem(node: GroupNode | ItemNode): vscode.TreeItem;
}

async function determinations(): Promise<Determinations> {
  const extension = vscode.extensions.getExtension<{ determinations?: Determinations }>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is installed`);
  const api = extension.isActive ? extension.exports : await extension.activate();
  assert.ok(api?.determinations, 'the extension exports the Determinations view provider');
  return api.determinations;
}

function fileName(uri: string | vscode.Uri): string {
  const path = typeof uri === 'string' ? vscode.Uri.parse(uri).path : uri.path;
  return path.slice(path.lastIndexOf('/') + 1);
}

async function groups(view: Determinations): Promise<GroupNode[]> {
  return (await view.getChildren()).filter((n): n is GroupNode => n.type === 'group');
}

async function itemsOf(view: Determinations, group: GroupNode): Promise<ItemNode['item'][]> {
  return (await view.getChildren(group)).filter((n): n is ItemNode => n.type === 'item').map((n) => n.item);
}

test('workspace symbols: items of both letters on disk, with their case number or file name as container', async () => {
  const found = (await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'mri')) ?? [];
  const summary = found.map((s) => `${s.name} [${s.containerName}] ${fileName(s.location.uri)}`);
  assert.ok(summary.includes(`MRI of The Cervical Spine: Upheld [${SEED}] ${SEED}`), summary.join('\n'));
  assert.ok(summary.includes(`MRI of The Lumbar Spine: Upheld [${SEED}] ${SEED}`), summary.join('\n'));
  assert.ok(summary.includes(`MRI of the left knee without contrast: Upheld [CM99-0000104] ${SAMPLE}`), summary.join('\n'));
  const caseNumber = (await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'CM99-0000104')) ?? [];
  assert.equal(caseNumber[0]?.name, 'CM99-0000104');
  assert.equal(fileName(caseNumber[0].location.uri), SAMPLE);
});

test('the Determinations view: groups by outcome with counts, switched to treatment kind and body region by its command', async () => {
  const view = await determinations();
  await vscode.commands.executeCommand(GROUP_BY_COMMAND, 'outcome');
  assert.equal(view.groupBy, 'outcome');
  const byOutcome = await groups(view);
  assert.deepEqual(byOutcome.map((g) => g.group.id), ['Upheld', 'Overturned']);
  for (const g of byOutcome) {
    const label = view.getTreeItem(g).label;
    assert.equal(label, `${g.group.label} (${g.group.count})`, 'the count is in the label');
    const items = await itemsOf(view, g);
    assert.equal(items.length, g.group.count, `${g.group.label}: as many items as counted`);
  }
  const overturned = await itemsOf(view, byOutcome[1]);
  assert.ok(overturned.some((i) => i.title === 'Knee scooter (purchase)' && fileName(i.uri) === SAMPLE), JSON.stringify(overturned));

  await vscode.commands.executeCommand(GROUP_BY_COMMAND, 'kind');
  assert.equal(view.groupBy, 'kind');
  const byKind = await groups(view);
  const labels = byKind.map((g) => g.group.label);
  assert.ok(['Imaging', 'Equipment', 'Other'].every((l) => labels.includes(l)), labels.join(', '));
  const imaging = await itemsOf(view, byKind.find((g) => g.group.label === 'Imaging')!);
  const onDisk = imaging.filter((i) => [SEED, SAMPLE].includes(fileName(i.uri))).map((i) => `${i.letter}: ${i.title}`);
  // By letter (case number or file name, in code-point order), then in letter order.
  assert.deepEqual(onDisk, [
    `${SEED}: MRI of The Cervical Spine`,
    `${SEED}: MRI of The Lumbar Spine`,
    `CM99-0000104: MRI of the left knee without contrast`,
  ]);

  await vscode.commands.executeCommand(GROUP_BY_COMMAND, 'region');
  const byRegion = await groups(view);
  const knee = byRegion.find((g) => g.group.label === 'Knee');
  assert.ok(knee, byRegion.map((g) => g.group.label).join(', '));
  const kneeItems = (await itemsOf(view, knee)).filter((i) => fileName(i.uri) === SAMPLE).map((i) => i.title);
  assert.deepEqual(kneeItems, ['MRI of the left knee without contrast']);
  await vscode.commands.executeCommand(GROUP_BY_COMMAND, 'outcome');
});

test('choosing an item in the Determinations view opens its letter at the item title', async () => {
  const view = await determinations();
  await vscode.commands.executeCommand(GROUP_BY_COMMAND, 'outcome');
  const upheld = (await groups(view)).find((g) => g.group.id === 'Upheld')!;
  const node = (await view.getChildren(upheld)).find((n): n is ItemNode => n.type === 'item' && n.item.title === 'MRI of The Lumbar Spine' && fileName(n.item.uri) === SEED);
  assert.ok(node, 'the lumbar MRI of the seed letter is listed under Upheld');
  const treeItem = view.getTreeItem(node);
  assert.match(String(treeItem.description), new RegExp(`${SEED.replace('.', '\\.')} · Upheld`));
  assert.ok(treeItem.command, 'the item has a command');
  await vscode.commands.executeCommand(treeItem.command.command, ...(treeItem.command.arguments ?? []));
  const editor = vscode.window.activeTextEditor;
  assert.ok(editor && fileName(editor.document.uri) === SEED, `the active editor shows ${editor ? fileName(editor.document.uri) : 'nothing'}`);
  assert.equal(editor.selection.start.line, node.item.range.start.line);
  assert.ok(editor.document.lineAt(editor.selection.start.line).text.startsWith('MRI of The Lumbar Spine'), editor.document.lineAt(editor.selection.start.line).text);
});
