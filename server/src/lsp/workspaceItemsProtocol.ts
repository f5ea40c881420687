/**
 * The custom requests behind the Determinations view, shared by the server and
 * the client (types and method names only, no imports of either side).
 *
 * `imr/workspaceItems` with a grouping and no group answers the groups with
 * their item counts; with a group, that group's items. `imr/workspaceItemsChanged`
 * (server to client, no parameters) says the index changed: ask again.
 */
import type { GroupBy, ItemGroup } from '../core/workspaceIndex';
import type { Range } from '../core/types';

export const WORKSPACE_ITEMS_REQUEST = 'imr/workspaceItems';
export const WORKSPACE_ITEMS_CHANGED_NOTIFICATION = 'imr/workspaceItemsChanged';

export type { GroupBy, ItemGroup };

export interface WorkspaceItemsParams {
  groupBy: GroupBy;
  /** A group id from an earlier answer; absent to get the groups. */
  group?: string;
}

export interface WorkspaceItem {
  uri: string;
  /** The letter's case number, else its file name. */
  letter: string;
  /** The item's short title (the outline shows it with the outcome). */
  title: string;
  outcome?: 'Upheld' | 'Overturned';
  /** The item's title in the letter. */
  range: Range;
}

export interface WorkspaceItemsResult {
  /** Letters and items in the whole index. */
  letters: number;
  items: number;
  /** With no group asked: the non-empty groups in display order. */
  groups?: ItemGroup[];
  /** With a group asked: its items, by letter and then in letter order. */
  groupItems?: WorkspaceItem[];
}
