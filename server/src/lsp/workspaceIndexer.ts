/**
 * Keeps the workspace index current: scans the workspace folders for letters
 * in the background, re-reads a file only when its modification time or size
 * changed, follows file events, and lets open documents (their in-memory
 * version) stand in for the files on disk. All work runs in one queue, one
 * task after another; `settled()` waits until it is empty, so a request
 * answered after a file event already sees its effect.
 *
 * Protocol-free: the feature module (workspaceSymbols.ts) wires it to the
 * connection through `IndexerHost`.
 */
import { analyseText, looksLikeDetermination, type Analysis } from '../core';
import { DETECTION_WINDOW } from '../core/detect';
import { withoutByteOrderMark } from '../core/text';
import { DEFAULT_FILES_EXCLUDE, excludeMatcher } from '../core/glob';
import { indexLetter, WorkspaceIndex, type IndexedLetter } from '../core/workspaceIndex';
import { canonicalUri, isInside, isLetterFileName, isPdfFileName, relativePath, type FileStamp, type WorkspaceFiles } from './workspaceFiles';
import { MAX_PDF_BYTES, pdfOfDocumentUri } from './pdfProtocol';
import { pdfTextOf } from './pdfText';

/** Files above this size are logs or dumps, not letters (a letter is 3-15 KB). */
export const MAX_LETTER_BYTES = 5 * 1024 * 1024;
/** The index stops listing beyond this many letter files (`.txt`, `.pdf`) per folder. */
export const MAX_FILES_PER_FOLDER = 200_000;
/** Files read at the same time during a scan. */
const READ_CONCURRENCY = 8;

export interface IndexerProgress {
  report(done: number, total: number): void;
  done(): void;
}

export interface IndexerHost {
  /** The folder's `files.exclude` value (anything a client answers; not an object means the defaults). */
  filesExclude(folderUri: string): Promise<unknown>;
  /** Progress for a scan of `total` files. */
  beginProgress(title: string): Promise<IndexerProgress>;
  /** The index changed (called for every letter that changed: throttle before telling a client). */
  changed(): void;
  log(message: string): void;
}

export interface FolderRef {
  readonly uri: string;
  readonly name: string;
}

export type FileEventKind = 'created' | 'changed' | 'deleted';

interface DiskEntry {
  readonly stamp: FileStamp;
  /** Absent for files that are not letters (or hold nothing to index). */
  readonly letter?: IndexedLetter;
}

interface Folder {
  readonly uri: string;
  readonly name: string;
  excluded: (relativePath: string) => boolean;
}

type Task = () => Promise<void>;

export interface IndexerStatistics {
  readonly letters: number;
  readonly items: number;
  readonly filesSeen: number;
  readonly filesRead: number;
}

/** Whether a summary holds anything to find. */
function worthKeeping(letter: IndexedLetter): boolean {
  return letter.items.length > 0 || letter.caseNumber !== undefined;
}

/** A folder's URI may come with a trailing slash; the files below it are keyed without one. */
function withoutTrailingSlash(uri: string): string {
  const m = /^(file:\/\/[^/]*\/.*?[^/])\/+$/.exec(uri);
  return m ? m[1] : uri;
}

/**
 * The index's key for a document: its file's URI in one spelling. The text of a PDF opened in
 * VS Code (`imr-pdf:…?<the PDF's URI>`) stands in for the PDF itself, as an open `.txt`
 * document stands in for its file.
 */
function indexUriOf(documentUri: string): string {
  return canonicalUri(pdfOfDocumentUri(documentUri) ?? documentUri);
}

export class WorkspaceIndexer {
  readonly index = new WorkspaceIndex();
  private readonly disk = new Map<string, DiskEntry>();
  private readonly open = new Map<string, IndexedLetter | null>();
  private folders: Folder[] = [];
  private readonly queue: Task[] = [];
  private running: Promise<void> | undefined;
  private scanQueued = false;
  private filesRead = 0;
  /** The kinds of PDF problems already logged: one line per kind, however many files have it. */
  private readonly pdfProblemsLogged = new Set<string>();

  constructor(
    private readonly files: WorkspaceFiles | undefined,
    private readonly host: IndexerHost,
  ) {}

  statistics(): IndexerStatistics {
    return { letters: this.index.size, items: this.index.itemCount, filesSeen: this.disk.size, filesRead: this.filesRead };
  }

  /** Resolves once every queued task has run. */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  // ---- open documents ----

  /** An open document's analysis (of its current version) replaces the file on disk. */
  setOpenDocument(analysis: Analysis): void {
    const uri = indexUriOf(analysis.uri);
    const letter = indexLetter({ ...analysis, uri });
    this.open.set(uri, worthKeeping(letter) ? letter : null);
    this.refresh(uri);
  }

  /** The document closed: the file on disk counts again (re-read if it changed meanwhile). */
  closeDocument(documentUri: string): void {
    const uri = indexUriOf(documentUri);
    if (!this.open.delete(uri)) return;
    this.refresh(uri);
    if (this.files && this.folderOf(uri)) this.enqueue(() => this.checkPath(uri, 'changed'));
  }

  // ---- folders, settings, file events ----

  /** Replaces the workspace folders and rescans. */
  setFolders(folders: readonly FolderRef[]): void {
    const previous = new Map(this.folders.map((f) => [f.uri, f]));
    this.folders = folders.map((f) => {
      const uri = canonicalUri(f.uri);
      return previous.get(uri) ?? { uri, name: f.name, excluded: excludeMatcher(DEFAULT_FILES_EXCLUDE) };
    });
    this.rescan();
  }

  /** Reads `files.exclude` again and rescans (unchanged files cost one `stat` each). */
  rescan(): void {
    // Without folders, and without files of earlier ones to forget, there is nothing to scan.
    if (!this.files || this.scanQueued || (this.folders.length === 0 && this.disk.size === 0)) return;
    this.scanQueued = true;
    this.enqueue(async () => {
      this.scanQueued = false;
      await this.scan();
    });
  }

  /**
   * Events name files or folders, whatever their names (a folder may be called `letters.txt`, a
   * file need not end in `.txt` to be a folder's old name), so each path is looked at for what it is.
   */
  fileEvents(events: ReadonlyArray<{ uri: string; kind: FileEventKind }>): void {
    if (!this.files || events.length === 0) return;
    const batch = events.map((e) => ({ uri: withoutTrailingSlash(canonicalUri(e.uri)), kind: e.kind }));
    this.enqueue(async () => {
      for (const { uri, kind } of batch) {
        if (kind === 'deleted') {
          this.forgetDiskFile(uri);
          this.forgetBelow(uri);
        } else {
          await this.checkPath(uri, kind);
        }
      }
    });
  }

  // ---- queue ----

  private enqueue(task: Task): void {
    this.queue.push(task);
    if (!this.running) this.running = this.drain();
  }

  private async drain(): Promise<void> {
    try {
      for (let task = this.queue.shift(); task; task = this.queue.shift()) {
        try {
          await task();
        } catch (err) {
          // A system error's message names the file: its code says enough.
          const code = err instanceof Error && 'code' in err ? String(err.code) : undefined;
          this.host.log(`Workspace index: a task failed: ${code ?? (err instanceof Error ? (err.stack ?? err.message) : String(err))}`);
        }
      }
    } finally {
      this.running = undefined;
    }
  }

  // ---- the work ----

  private folderOf(uri: string): Folder | undefined {
    return this.folders.find((f) => isInside(uri, f.uri));
  }

  private isExcluded(uri: string, folder: Folder): boolean {
    const relative = relativePath(uri, folder.uri);
    if (relative === undefined) return false;
    // A file is excluded when it, or any folder above it, matches.
    let at = relative.indexOf('/');
    while (at >= 0) {
      if (folder.excluded(relative.slice(0, at))) return true;
      at = relative.indexOf('/', at + 1);
    }
    return folder.excluded(relative);
  }

  private async scan(): Promise<void> {
    const files = this.files!;
    for (const folder of this.folders) {
      // The problem names no pattern and no folder: both may say what the files are about.
      folder.excluded = excludeMatcher(await this.filesExcludeOf(folder.uri), (problem) => this.host.log(`Workspace index: ${problem}`));
    }
    // Entries of removed folders, or of files now excluded or gone, are dropped after the listing.
    const listed = new Set<string>();
    const todo: Array<{ uri: string; stamp: FileStamp }> = [];
    for (const folder of this.folders) {
      const found = await files.findLetterFiles(folder.uri, folder.uri, folder.excluded, MAX_FILES_PER_FOLDER);
      if (found.length >= MAX_FILES_PER_FOLDER) this.host.log(`Workspace index: ${folder.name} holds more than ${MAX_FILES_PER_FOLDER} .txt and .pdf files; the rest are not indexed.`);
      for (const f of found) {
        if (listed.has(f.uri)) continue; // nested workspace folders
        listed.add(f.uri);
        const known = this.disk.get(f.uri);
        if (!known || known.stamp.mtime !== f.stamp.mtime || known.stamp.size !== f.stamp.size) todo.push(f);
      }
    }
    for (const uri of [...this.disk.keys()]) if (!listed.has(uri)) this.forgetDiskFile(uri);
    if (todo.length === 0) return;

    const progress = await this.host.beginProgress('Indexing determination letters');
    try {
      let done = 0;
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < todo.length) {
          const f = todo[next++];
          await this.readFile(f.uri, f.stamp);
          done++;
          progress.report(done, todo.length);
        }
      };
      await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, todo.length) }, worker));
    } finally {
      progress.done();
    }
  }

  private async filesExcludeOf(folderUri: string): Promise<unknown> {
    try {
      const answer = await this.host.filesExclude(folderUri);
      return typeof answer === 'object' && answer !== null && !Array.isArray(answer) ? answer : DEFAULT_FILES_EXCLUDE;
    } catch {
      return DEFAULT_FILES_EXCLUDE;
    }
  }

  /**
   * A path after an event or a close. Only a regular `.txt` or `.pdf` file is read, and a folder is listed
   * only when it was created (or moved in): a changed event for a folder says nothing about its
   * files. What is gone, excluded, a link, a pipe or a device, or reached through a link (the file
   * access says so by answering nothing), drops whatever the index held at or below the path.
   */
  private async checkPath(uri: string, kind: 'created' | 'changed'): Promise<void> {
    const folder = this.folderOf(uri);
    if (!folder) return; // outside every workspace folder: nothing there is indexed
    if (this.folders.some((f) => f.uri === uri)) {
      // A workspace folder itself (which may be a link the user chose): back again means a scan.
      if (kind === 'created') this.rescan();
      return;
    }
    const s = this.isExcluded(uri, folder) ? undefined : await this.files!.stat(uri, folder.uri);
    const letterFile = s?.file === true && isLetterFileName(uri);
    if (!letterFile) this.forgetDiskFile(uri);
    if (!s?.directory) this.forgetBelow(uri);
    if (letterFile) {
      const known = this.disk.get(uri);
      if (known && known.stamp.mtime === s.mtime && known.stamp.size === s.size) return;
      await this.readFile(uri, { mtime: s.mtime, size: s.size });
    } else if (s?.directory && kind === 'created') {
      await this.scanCreatedFolder(uri, folder);
    }
  }

  /** A folder created (or moved) into the workspace: its letters arrive without events of their own. */
  private async scanCreatedFolder(uri: string, folder: Folder): Promise<void> {
    const found = await this.files!.findLetterFiles(uri, folder.uri, folder.excluded, MAX_FILES_PER_FOLDER);
    // A folder moved in over one of the same name replaces it: entries not listed now are gone.
    if (found.length < MAX_FILES_PER_FOLDER) {
      const listed = new Set(found.map((f) => f.uri));
      for (const known of [...this.disk.keys()]) if (isInside(known, uri) && !listed.has(known)) this.forgetDiskFile(known);
    }
    for (const f of found) {
      const known = this.disk.get(f.uri);
      if (!known || known.stamp.mtime !== f.stamp.mtime || known.stamp.size !== f.stamp.size) await this.readFile(f.uri, f.stamp);
    }
  }

  private async readFile(uri: string, stamp: FileStamp): Promise<void> {
    let letter: IndexedLetter | undefined;
    try {
      if (isPdfFileName(uri)) {
        letter = await this.readPdf(uri, stamp);
      } else if (stamp.size <= MAX_LETTER_BYTES) {
        const start = await this.files!.readStart(uri, DETECTION_WINDOW);
        if (looksLikeDetermination(start.text)) {
          const text = start.complete ? start.text : await this.files!.readText(uri, MAX_LETTER_BYTES);
          if (text !== undefined) {
            this.filesRead++;
            // Editors drop a byte order mark; positions must agree with theirs.
            const summary = indexLetter(analyseText(uri, 0, withoutByteOrderMark(text)));
            if (worthKeeping(summary)) letter = summary;
          } // else it grew past the limit since its size was taken
        }
      }
    } catch {
      // Unreadable (permissions, vanished, no longer a regular file): indexed as holding nothing until its stamp changes.
    }
    this.disk.set(uri, letter ? { stamp, letter } : { stamp });
    this.refresh(uri);
  }

  /**
   * A PDF's letter, from its extracted text (the same text the editor opens, so positions agree).
   * A PDF whose text cannot be read is not a letter: it is skipped quietly, with one log line per
   * kind of problem and never a path. Extraction is asynchronous (PDF.js yields between its
   * steps), so requests are still answered while the queue works through a folder of PDFs.
   */
  private async readPdf(uri: string, stamp: FileStamp): Promise<IndexedLetter | undefined> {
    if (stamp.size > MAX_PDF_BYTES) return undefined;
    const bytes = await this.files!.readBytes(uri, MAX_PDF_BYTES);
    if (!bytes) return undefined; // it grew past the limit since its size was taken
    const result = await pdfTextOf(bytes);
    if ('problem' in result) {
      if (!this.pdfProblemsLogged.has(result.problem)) {
        this.pdfProblemsLogged.add(result.problem);
        this.host.log(`Workspace index: skipped a PDF without a readable text (${result.problem}); other PDFs with this problem are skipped silently.`);
      }
      return undefined;
    }
    this.filesRead++;
    const summary = indexLetter(analyseText(uri, 0, result.text));
    return worthKeeping(summary) ? summary : undefined;
  }

  private forgetDiskFile(uri: string): void {
    if (this.disk.delete(uri)) this.refresh(uri);
  }

  /** Drops every file below `uri` (a deleted folder, or one replaced by a file or a link). */
  private forgetBelow(uri: string): void {
    const below = `${uri}/`;
    for (const known of [...this.disk.keys()]) if (known.startsWith(below)) this.forgetDiskFile(known);
  }

  /** Puts the effective letter of `uri` into the index: the open document's, else the file's. */
  private refresh(uri: string): void {
    const letter = (this.open.has(uri) ? this.open.get(uri) : this.disk.get(uri)?.letter) ?? undefined;
    if (letter === this.index.get(uri)) return;
    if (letter) this.index.set(letter);
    else this.index.delete(uri);
    this.host.changed();
  }
}
