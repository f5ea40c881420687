/**
 * Content detection for the client: a plain-text document whose content is a
 * determination letter switches to the `imr-determination` language. Shared by
 * the desktop extension (extension.ts) and the web one (browserExtension.ts).
 */
import * as vscode from 'vscode';
import { DETECTION_WINDOW, looksLikeDetermination } from '../../server/src/core/detect';

export const LANGUAGE_ID = 'imr-determination';
const PLAINTEXT = 'plaintext';
/** Settings namespace. */
const SECTION = 'imrDetermination';
/** Plain-text documents above this many characters are logs or dumps, not one letter. */
const MAX_DETECTION_SIZE = 5 * 1024 * 1024;
/** Wait for typing or pasting into an untitled buffer to settle before looking at it. */
const UNTITLED_DEBOUNCE_MS = 400;
/** Views that VS Code or other extensions own: never switch their language. PDF texts (`imr-pdf`) are switched by pdfLetters.ts. */
const SKIPPED_SCHEMES = new Set(['output', 'debug', 'vscode-scm', 'imr-pdf']);

/**
 * `.txt` files always open as plain text (a `firstLine` pattern never wins over
 * the `.txt` association), so letters are recognised by their content instead.
 */
export class ContentDetector implements vscode.Disposable {
  /**
   * Documents this extension switched, by URI. Seeing one as plain text again
   * means the user switched it back, and that choice holds for the session.
   */
  private readonly switched = new Set<string>();
  private readonly pendingUntitled = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly log: (message: string) => void) {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((doc) => this.consider(doc)),
      vscode.workspace.onDidChangeTextDocument((event) => this.scheduleUntitled(event)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.closed(doc)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${SECTION}.detectContent.enabled`)) this.considerOpenDocuments();
      }),
    ];
    this.considerOpenDocuments();
  }

  dispose(): void {
    for (const timer of this.pendingUntitled.values()) clearTimeout(timer);
    this.pendingUntitled.clear();
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private considerOpenDocuments(): void {
    for (const doc of vscode.workspace.textDocuments) this.consider(doc);
  }

  private consider(doc: vscode.TextDocument): void {
    if (!this.isCandidate(doc) || !looksLikeDetermination(leadingText(doc))) return;
    const key = doc.uri.toString();
    this.switched.add(key);
    vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID).then(
      () => this.log(`Recognised ${key} as an IMR determination letter.`),
      // Usually the document closed in the meantime; let a later open try again.
      () => this.switched.delete(key),
    );
  }

  /** Pasting a letter into a new untitled buffer switches it once the edits settle. */
  private scheduleUntitled(event: vscode.TextDocumentChangeEvent): void {
    const doc = event.document;
    if (!doc.isUntitled || doc.languageId !== PLAINTEXT || event.contentChanges.length === 0) return;
    const key = doc.uri.toString();
    if (this.switched.has(key)) return;
    const previous = this.pendingUntitled.get(key);
    if (previous !== undefined) clearTimeout(previous);
    this.pendingUntitled.set(
      key,
      setTimeout(() => {
        this.pendingUntitled.delete(key);
        if (!doc.isClosed) this.consider(doc);
      }, UNTITLED_DEBOUNCE_MS),
    );
  }

  private closed(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const timer = this.pendingUntitled.get(key);
    if (timer !== undefined) {
      clearTimeout(timer);
      this.pendingUntitled.delete(key);
    }
    // VS Code reuses untitled names (Untitled-1) for new, unrelated buffers. A
    // language change reopens the document at once, so one that is still gone a
    // moment later was really closed and its name may be given to a fresh buffer.
    if (doc.isUntitled && this.switched.has(key)) {
      setTimeout(() => {
        if (!vscode.workspace.textDocuments.some((open) => open.uri.toString() === key)) {
          this.switched.delete(key);
        }
      }, 0);
    }
  }

  private isCandidate(doc: vscode.TextDocument): boolean {
    return (
      doc.languageId === PLAINTEXT &&
      !SKIPPED_SCHEMES.has(doc.uri.scheme) &&
      !this.switched.has(doc.uri.toString()) &&
      vscode.workspace.getConfiguration(SECTION, doc.uri).get<boolean>('detectContent.enabled', true) &&
      textLength(doc) <= MAX_DETECTION_SIZE
    );
  }
}

/** The document's length in characters, without copying its text. */
function textLength(doc: vscode.TextDocument): number {
  return doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
}

/** Only the part detection reads, so large documents are never copied whole. */
function leadingText(doc: vscode.TextDocument): string {
  return doc.getText(new vscode.Range(new vscode.Position(0, 0), doc.positionAt(DETECTION_WINDOW)));
}
