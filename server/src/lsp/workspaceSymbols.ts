/**
 * workspace/symbol: every disputed item and case number of every letter in the
 * workspace, found by fuzzy query; and `imr/workspaceItems`, the same index
 * grouped for the Determinations view. The index (workspaceIndexer.ts) is
 * built in the background with progress, follows file events and open
 * documents, and respects `files.exclude`. Requests wait for it to settle.
 */
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  SymbolKind,
  WatchKind,
  type CancellationToken,
  type SymbolInformation,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { GROUPINGS, type GroupBy } from '../core/workspaceIndex';
import { CLIENT_ANSWER_MS, within } from './clientAnswer';
import type { Feature, ServerContext } from './context';
import { registerStatsRequests } from './stats';
import { WorkspaceIndexer, type FileEventKind, type IndexerHost, type IndexerProgress } from './workspaceIndexer';
import {
  WORKSPACE_ITEMS_CHANGED_NOTIFICATION,
  WORKSPACE_ITEMS_REQUEST,
  type WorkspaceItemsParams,
  type WorkspaceItemsResult,
} from './workspaceItemsProtocol';

/** At most this many symbols per answer, best first (an empty query matches every item). */
export const MAX_WORKSPACE_SYMBOLS = 1000;
/** Edits to open documents reach the index after this pause. */
const OPEN_DOCUMENT_DELAY_MS = 200;
/**
 * A document longer than this (UTF-16 units, about 1 MB of letters) takes tens of milliseconds to
 * index: it is indexed only after LARGE_DOCUMENT_DELAY_MS without edits, so that indexing does
 * not compete with the diagnostics and outline requests that follow each edit. Workspace requests
 * index it at once whenever they need it.
 */
const LARGE_DOCUMENT_LENGTH = 1_000_000;
const LARGE_DOCUMENT_DELAY_MS = 1_500;
/** How many times indexing an open document waits another pause for requests to be answered. */
const MAX_POSTPONED = 5;
/** The client hears that the index changed at most this often. */
const CHANGED_NOTIFICATION_MS = 300;
/**
 * Requests wait this long at most for the index to settle, then answer from what is indexed so far
 * (a first scan of a very large workspace; the view is refreshed when the scan ends).
 */
const INDEX_WAIT_MS = 10_000;

const FILE_EVENT_KINDS: Record<number, FileEventKind> = {
  [FileChangeType.Created]: 'created',
  [FileChangeType.Changed]: 'changed',
  [FileChangeType.Deleted]: 'deleted',
};

const NO_PROGRESS: IndexerProgress = { report: () => undefined, done: () => undefined };

function host(ctx: ServerContext): IndexerHost {
  const { connection } = ctx;
  let pending: ReturnType<typeof setTimeout> | undefined;
  return {
    filesExclude(folderUri) {
      if (ctx.client().workspace?.configuration !== true) return Promise.resolve(undefined);
      return within(CLIENT_ANSWER_MS, connection.workspace.getConfiguration({ scopeUri: folderUri, section: 'files.exclude' }) as Promise<unknown>, undefined);
    },
    async beginProgress(title) {
      const reporter = await within(CLIENT_ANSWER_MS, connection.window.createWorkDoneProgress(), undefined);
      if (!reporter) return NO_PROGRESS;
      reporter.begin(title, 0, undefined, false);
      let shown = -1;
      return {
        report(done, total) {
          const percentage = Math.floor((done / Math.max(total, 1)) * 100);
          if (percentage === shown) return;
          shown = percentage;
          reporter.report(percentage, `${done}/${total} files`);
        },
        done: () => reporter.done(),
      };
    },
    changed() {
      if (pending) return;
      pending = setTimeout(() => {
        pending = undefined;
        void connection.sendNotification(WORKSPACE_ITEMS_CHANGED_NOTIFICATION).catch(() => undefined);
      }, CHANGED_NOTIFICATION_MS);
    },
    log: (message) => connection.console.log(message),
  };
}

function isGroupBy(value: unknown): value is GroupBy {
  return typeof value === 'string' && (GROUPINGS as readonly string[]).includes(value);
}

export const workspaceSymbolFeature: Feature = {
  capabilities: () => ({
    workspaceSymbolProvider: true,
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  }),
  register(ctx) {
    const { connection, documents } = ctx;
    const indexer = new WorkspaceIndexer(ctx.files, host(ctx));

    // Open documents: their latest version, after a pause in typing (or at once when a request needs them).
    const dirty = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = (): void => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      for (const uri of dirty) {
        const doc = documents.get(uri);
        if (doc) indexer.setOpenDocument(ctx.service.analyse(doc));
      }
      dirty.clear();
    };
    // Indexing a large document takes a while: it waits while requests are being answered (an
    // editor asks for diagnostics and the outline right after each edit), a few pauses at most.
    let postponed = 0;
    let timerDelay = OPEN_DOCUMENT_DELAY_MS;
    const onTimer = (): void => {
      timer = undefined;
      if (ctx.busy() && postponed < MAX_POSTPONED) {
        postponed++;
        timer = setTimeout(onTimer, timerDelay);
        return;
      }
      postponed = 0;
      timerDelay = OPEN_DOCUMENT_DELAY_MS;
      void ctx.guard('workspace index', undefined, undefined, flush);
    };
    const schedule = (uri: string): void => {
      dirty.add(uri);
      const large = (documents.get(uri)?.getText().length ?? 0) > LARGE_DOCUMENT_LENGTH;
      if (large) {
        // Waits for a pause in editing: every edit of a large document starts the wait again.
        if (timer) clearTimeout(timer);
        timerDelay = LARGE_DOCUMENT_DELAY_MS;
        timer = setTimeout(onTimer, timerDelay);
      } else if (!timer) {
        timer = setTimeout(onTimer, timerDelay);
      }
    };
    documents.onDidOpen((e) => schedule(e.document.uri));
    documents.onDidChangeContent((e) => schedule(e.document.uri));
    documents.onDidClose((e) => {
      dirty.delete(e.document.uri);
      indexer.closeDocument(e.document.uri);
    });

    const ready = async (): Promise<void> => {
      flush();
      await within(INDEX_WAIT_MS, indexer.settled(), undefined);
    };
    registerStatsRequests(ctx, indexer.index, ready);

    connection.onWorkspaceSymbol((params, token) =>
      ctx.guard('workspaceSymbol', [] as SymbolInformation[], token, async () => {
        await ready();
        if (token.isCancellationRequested) return [];
        return indexer.index.search(params.query ?? '', MAX_WORKSPACE_SYMBOLS).map(
          (m): SymbolInformation => ({
            name: m.name,
            kind: m.kind === 'item' ? SymbolKind.Class : SymbolKind.File,
            location: { uri: m.uri, range: m.range },
            containerName: m.container,
          }),
        );
      }),
    );

    const empty = (): WorkspaceItemsResult => ({ letters: 0, items: 0 });
    connection.onRequest(WORKSPACE_ITEMS_REQUEST, (params: WorkspaceItemsParams | undefined, token: CancellationToken) =>
      ctx.guard('workspaceItems', empty(), token, async (): Promise<WorkspaceItemsResult> => {
        await ready();
        const { index } = indexer;
        const by = isGroupBy(params?.groupBy) ? params.groupBy : 'outcome';
        const result: WorkspaceItemsResult = { letters: index.size, items: index.itemCount };
        if (typeof params?.group !== 'string') {
          result.groups = index.groups(by);
          return result;
        }
        result.groupItems = index.itemsOf(by, params.group).map(({ uri, letter, item }) => {
          const out: NonNullable<WorkspaceItemsResult['groupItems']>[number] = { uri, letter, title: item.title, range: item.range };
          if (item.outcome) out.outcome = item.outcome;
          return out;
        });
        return result;
      }),
    );

    let folders: WorkspaceFolder[] = [];
    return {
      onInitialized() {
        folders = [...ctx.workspaceFolders()];
        indexer.setFolders(folders);
        const client = ctx.client();
        if (!ctx.files) return;
        if (client.workspace?.workspaceFolders === true) {
          connection.workspace.onDidChangeWorkspaceFolders((event) => {
            const removed = new Set(event.removed.map((f) => f.uri));
            folders = [...folders.filter((f) => !removed.has(f.uri)), ...event.added];
            indexer.setFolders(folders);
          });
        }
        if (client.workspace?.didChangeWatchedFiles?.dynamicRegistration === true) {
          // Letters (text and PDF), and folders (a folder moved in or deleted brings no event per file inside it).
          void connection.client
            .register(DidChangeWatchedFilesNotification.type, {
              watchers: [{ globPattern: '**/*.txt' }, { globPattern: '**/*.pdf' }, { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete }],
            })
            .catch((err: unknown) => connection.console.error(`Registering the file watcher failed: ${String(err)}`));
        }
      },
      onSettingsChanged() {
        indexer.rescan();
      },
      onWatchedFilesChanged(changes) {
        indexer.fileEvents(changes.filter((c) => FILE_EVENT_KINDS[c.type]).map((c) => ({ uri: c.uri, kind: FILE_EVENT_KINDS[c.type] })));
      },
    };
  },
};
