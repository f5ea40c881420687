/**
 * The Determinations view in the Explorer: every disputed item of every letter
 * in the workspace, grouped by outcome, body region or treatment kind (the
 * view's title button switches), with the number of items in each group's
 * label. Choosing an item opens its letter at the item's title.
 *
 * The language server owns the index (`imr/workspaceItems`); this view asks it
 * for the groups, and for a group's items when that group is expanded, and
 * asks again when the server says the index changed.
 */
import * as vscode from 'vscode';
import { State, type BaseLanguageClient } from 'vscode-languageclient';
import {
  WORKSPACE_ITEMS_CHANGED_NOTIFICATION,
  WORKSPACE_ITEMS_REQUEST,
  type GroupBy,
  type ItemGroup,
  type WorkspaceItem,
  type WorkspaceItemsParams,
  type WorkspaceItemsResult,
} from '../../server/src/lsp/workspaceItemsProtocol';
import { letterDocumentUri } from './pdfLetters';

export const VIEW_ID = 'imrDeterminations';
export const GROUP_BY_COMMAND = 'imrDetermination.determinations.groupBy';
/** Where the chosen grouping is remembered (per workspace). */
const GROUP_BY_STATE_KEY = 'imrDetermination.determinations.groupBy';

const GROUPINGS: ReadonlyArray<{ id: GroupBy; label: string; description: string }> = [
  { id: 'outcome', label: 'Outcome', description: 'Upheld, Overturned' },
  { id: 'region', label: 'Body region', description: 'knee, low back, shoulder, ...' },
  { id: 'kind', label: 'Treatment kind', description: 'imaging, medication, therapy, surgery, injection, equipment' },
];

export type DeterminationsNode =
  | { readonly type: 'group'; readonly groupBy: GroupBy; readonly group: ItemGroup }
  | { readonly type: 'item'; readonly groupBy: GroupBy; readonly groupId: string; readonly item: WorkspaceItem };

const OUTCOME_ICONS: Record<string, string> = { Upheld: 'circle-slash', Overturned: 'pass' };

export class DeterminationsProvider implements vscode.TreeDataProvider<DeterminationsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<DeterminationsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Letters and items in the index, from the last answer (for the view's message). */
  private totals: { letters: number; items: number } | undefined;
  private view: vscode.TreeView<DeterminationsNode> | undefined;

  constructor(
    private readonly client: BaseLanguageClient,
    private readonly state: vscode.Memento,
  ) {}

  get groupBy(): GroupBy {
    const stored = this.state.get<string>(GROUP_BY_STATE_KEY);
    return GROUPINGS.find((g) => g.id === stored)?.id ?? 'outcome';
  }

  async setGroupBy(groupBy: GroupBy): Promise<void> {
    await this.state.update(GROUP_BY_STATE_KEY, groupBy);
    this.describe();
    this.refresh();
  }

  attach(view: vscode.TreeView<DeterminationsNode>): void {
    this.view = view;
    this.describe();
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.changed.dispose();
  }

  getTreeItem(node: DeterminationsNode): vscode.TreeItem {
    if (node.type === 'group') {
      const item = new vscode.TreeItem(`${node.group.label} (${node.group.count})`, vscode.TreeItemCollapsibleState.Collapsed);
      // Stable ids keep groups expanded across refreshes.
      item.id = `${node.groupBy}/${node.group.id}`;
      item.contextValue = 'group';
      return item;
    }
    const { item } = node;
    const treeItem = new vscode.TreeItem(item.title, vscode.TreeItemCollapsibleState.None);
    const at = `${item.range.start.line}:${item.range.start.character}`;
    treeItem.id = `${node.groupBy}/${node.groupId}/${item.uri}#${at}`;
    treeItem.description = `${item.letter} · ${item.outcome ?? 'no outcome'}`;
    treeItem.tooltip = `${item.title}: ${item.outcome ?? 'no outcome'}\n${item.letter}`;
    treeItem.iconPath = new vscode.ThemeIcon(OUTCOME_ICONS[item.outcome ?? ''] ?? 'question');
    treeItem.contextValue = 'item';
    const selection = this.client.protocol2CodeConverter.asRange(item.range);
    treeItem.command = {
      command: 'vscode.open',
      title: 'Open at the item',
      // An item of a PDF letter opens the PDF's text, where its range lies.
      arguments: [letterDocumentUri(this.client.protocol2CodeConverter.asUri(item.uri)), { selection, preview: true } satisfies vscode.TextDocumentShowOptions],
    };
    return treeItem;
  }

  async getChildren(node?: DeterminationsNode): Promise<DeterminationsNode[]> {
    if (node?.type === 'item') return [];
    const groupBy = node?.type === 'group' ? node.groupBy : this.groupBy;
    const params: WorkspaceItemsParams = node?.type === 'group' ? { groupBy, group: node.group.id } : { groupBy };
    let result: WorkspaceItemsResult;
    try {
      // Starts the language server if no letter has started it yet.
      result = await this.client.sendRequest<WorkspaceItemsResult>(WORKSPACE_ITEMS_REQUEST, params);
    } catch {
      // The server is not running (stopped, or failed to start: the client has reported why).
      return [];
    }
    this.totals = { letters: result.letters, items: result.items };
    this.describe();
    if (node?.type === 'group') return (result.groupItems ?? []).map((item) => ({ type: 'item', groupBy, groupId: node.group.id, item }));
    return (result.groups ?? []).map((group) => ({ type: 'group', groupBy, group }));
  }

  private describe(): void {
    if (!this.view) return;
    const grouping = GROUPINGS.find((g) => g.id === this.groupBy)!;
    this.view.description = `by ${grouping.label.toLowerCase()}`;
    this.view.message = this.totals && this.totals.letters === 0 ? 'No determination letters in this workspace.' : undefined;
  }
}

/** Registers the view, its grouping command, and the refresh on index changes. */
export function registerDeterminationsView(context: vscode.ExtensionContext, client: BaseLanguageClient): DeterminationsProvider {
  const provider = new DeterminationsProvider(client, context.workspaceState);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  provider.attach(view);
  context.subscriptions.push(
    provider,
    view,
    vscode.commands.registerCommand(GROUP_BY_COMMAND, async (groupBy?: unknown) => {
      const given = GROUPINGS.find((g) => g.id === groupBy);
      const chosen =
        given ??
        (await vscode.window.showQuickPick(
          GROUPINGS.map((g) => ({ ...g, picked: g.id === provider.groupBy, label: g.id === provider.groupBy ? `$(check) ${g.label}` : g.label })),
          { title: 'Group Determinations By' },
        ));
      if (chosen) await provider.setGroupBy(chosen.id);
    }),
    client.onNotification(WORKSPACE_ITEMS_CHANGED_NOTIFICATION, () => provider.refresh()),
    // A restarted server rebuilds its index: show what it finds.
    client.onDidChangeState((event) => {
      if (event.newState === State.Running) provider.refresh();
    }),
  );
  return provider;
}
