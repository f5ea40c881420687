/**
 * The text of a PDF letter, read with Mozilla's PDF.js (pdfjs-dist) and laid out by `layout.ts`.
 *
 * This module takes bytes and returns text: it never reads the disk and imports nothing from
 * Node, so the Node server and the CLI (bytes read from a file) and the browser server (bytes it
 * is given) share it. PDF.js's own "worker" code runs in the same thread: it is imported beside
 * the library, which then finds it (`globalThis.pdfjsWorker`) instead of starting a Web Worker or
 * loading a script by URL, so nothing is fetched at run time and one bundle holds everything.
 *
 * What the letter's text cannot be built from is reported as a `PdfProblem` with a stable code
 * and one message a person can act on; no input makes this function throw.
 */
import type * as PdfJs from 'pdfjs-dist/legacy/build/pdf.mjs' with { 'resolution-mode': 'import' };
import { layoutText, type PdfText, type TextRun } from './layout';

export type { PdfText, TextRun } from './layout';
export { layoutText, pageAt } from './layout';

export type PdfProblemCode = 'not-pdf' | 'encrypted' | 'corrupt' | 'no-text' | 'too-many-pages' | 'timeout';

export interface PdfProblem {
  readonly problem: PdfProblemCode;
  /** One sentence for a person, about "the PDF" (the caller knows its name). */
  readonly message: string;
}

export interface PdfExtractOptions {
  /** Longer documents are refused, before any page is read (default 200). */
  readonly maxPages?: number;
  /** Time allowed for the whole extraction in milliseconds (default 30,000). */
  readonly timeoutMs?: number;
}

export const DEFAULT_MAX_PAGES = 200;
export const DEFAULT_TIMEOUT_MS = 30_000;

export function isPdfProblem(result: PdfText | PdfProblem): result is PdfProblem {
  return 'problem' in result;
}

/**
 * The text of a PDF, laid out as `pdftotext -layout` would (see `layout.ts`), and where each page
 * starts in it; or the reason there is none. `bytes` is neither changed nor kept.
 */
export async function extractPdfText(bytes: Uint8Array, options: PdfExtractOptions = {}): Promise<PdfText | PdfProblem> {
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // A file named .pdf may be anything: PDF.js would try to repair it as a damaged PDF and report
  // a structure error. A PDF starts with "%PDF-" within its first 1024 bytes (readers tolerate
  // some leading garbage), so anything else is told apart before PDF.js sees it.
  if (!hasPdfSignature(bytes)) {
    return problem('not-pdf', 'The file is not a PDF (it does not start with "%PDF-").');
  }
  let pdfjs: typeof PdfJs;
  try {
    pdfjs = await loadPdfJs();
  } catch (error) {
    return problem('corrupt', `PDF.js could not be loaded: ${describe(error)}`);
  }
  const task = pdfjs.getDocument({
    // PDF.js hands the buffer over to its worker side (detaching it): give it a copy.
    data: bytes.slice(),
    // Nothing from outside the bundle: no font, CMap or WebAssembly files (no URLs are given, so
    // none is fetched), no system fonts, no generated code, no font faces (text is not drawn).
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWasm: false,
    enableXfa: false,
    // Warnings (a standard font it would like to load, a broken object it recovers from) would
    // reach the server's or the command's console; the result says what matters.
    verbosity: 0,
    // A damaged object inside a page (a broken stream, a bad font) is skipped, as pdftotext and
    // viewers skip it, rather than failing the whole letter: the rest of the text is still read.
    stopAtErrors: false,
  });
  // No onPassword handler: PDF.js would wait on it for a password; without one it rejects the
  // loading with a PasswordException at once (see problemOf). PDFs that restrict permissions
  // only (every corpus letter) have an empty user password and open as usual.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<PdfProblem>((resolve) => {
    timer = setTimeout(
      () => resolve(problem('timeout', `Reading the PDF took longer than ${Math.round(timeoutMs / 1000)} s; it was abandoned.`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([readDocument(task, maxPages), timeout]);
  } catch (error) {
    return problemOf(error);
  } finally {
    clearTimeout(timer);
    // Destroying the loading task destroys the document and its worker side with every cache
    // (fonts, parsed objects): nothing of this PDF stays in memory, however many follow it.
    await task.destroy().catch(() => undefined);
  }
}

async function readDocument(task: PdfJs.PDFDocumentLoadingTask, maxPages: number): Promise<PdfText | PdfProblem> {
  const doc = await task.promise;
  if (doc.numPages > maxPages) {
    return problem('too-many-pages', `The PDF has ${doc.numPages} pages, more than the ${maxPages} a letter is read to; it was not read.`);
  }
  const runs: TextRun[] = [];
  for (let number = 1; number <= doc.numPages; number++) {
    const page = await doc.getPage(number);
    try {
      const content = await page.getTextContent();
      for (const item of content.items) {
        if (!('str' in item)) continue; // marked-content boundaries
        const run = toRun(item, number);
        if (run) runs.push(run);
      }
    } finally {
      // Releases the page's parsed resources (fonts, operator lists) on both sides.
      page.cleanup();
    }
  }
  const text = layoutText(runs, doc.numPages);
  if (text.text.trim() === '') {
    return problem('no-text', 'The PDF has no text layer (a scanned image?): run OCR on it first.');
  }
  return text;
}

/**
 * A text item as a run. `transform` maps the run's text space to the page: [a b c d e f] with
 * (e, f) the start of the baseline and the length of (c, d) the font size. A run turned away from
 * the horizontal (a stamp, a watermark, a note written up the margin) is left out: it belongs to
 * no line of the letter.
 */
function toRun(item: TextItem, page: number): TextRun | undefined {
  const [a, b, c, d, e, f] = item.transform as number[];
  const size = Math.hypot(c, d);
  if (!(size > 0) || Math.abs(b) > 0.05 * Math.abs(a) || a <= 0) return undefined;
  return { str: item.str, x: e, y: f, width: item.width, size, page };
}

/** A string run of `getTextContent` (the package does not export its type by name). */
type TextItem = Extract<Awaited<ReturnType<PdfJs.PDFPageProxy['getTextContent']>>['items'][number], { str: string }>;

function hasPdfSignature(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 1024) - 5;
  for (let i = 0; i <= end; i++) {
    // "%PDF-"
    if (bytes[i] === 0x25 && bytes[i + 1] === 0x50 && bytes[i + 2] === 0x44 && bytes[i + 3] === 0x46 && bytes[i + 4] === 0x2d) return true;
  }
  return false;
}

/** What went wrong, from PDF.js's exception classes (told by name: they cross its worker boundary). */
function problemOf(error: unknown): PdfProblem {
  const name = error instanceof Error || (typeof error === 'object' && error !== null) ? String((error as { name?: unknown }).name) : '';
  if (name === 'PasswordException') {
    return problem('encrypted', 'The PDF is protected by a password; save a copy without the password and read that.');
  }
  return problem('corrupt', `The PDF is damaged or incomplete and cannot be read (${describe(error)}).`);
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
  return message.replace(/\.$/, '') || 'no reason given';
}

function problem(code: PdfProblemCode, message: string): PdfProblem {
  return { problem: code, message };
}

let loading: Promise<typeof PdfJs> | undefined;

/**
 * Built-ins that the legacy build's core-js polyfills replace in every engine, Node's included,
 * for corner cases PDF.js never meets: `Array.prototype.push` (V8 does not throw when pushing
 * nothing onto an array whose length is read-only), `JSON.parse` and `JSON.stringify` (newer
 * proposals), and `Function.prototype.toString` (to make the polyfills look native). The
 * replacements are written in JavaScript and stay for the whole process: after the first PDF,
 * every `push` of the parser and the rules, and every JSON answer, ran several times slower
 * (the CLI spent about a tenth of its time checking 192 PDFs in the polyfilled `push`).
 */
const KEPT_BUILT_INS: ReadonlyArray<readonly [object, string]> = [
  [Array.prototype, 'push'],
  [JSON, 'parse'],
  [JSON, 'stringify'],
  [Function.prototype, 'toString'],
];

/** Remembers the built-ins above, to put back once PDF.js has loaded. Added polyfills stay. */
function keepBuiltIns(): { restore(): void } {
  const saved = KEPT_BUILT_INS.map(([owner, key]) => [owner, key, Object.getOwnPropertyDescriptor(owner, key)] as const);
  return {
    restore() {
      for (const [owner, key, descriptor] of saved) if (descriptor) Object.defineProperty(owner, key, descriptor);
    },
  };
}

/**
 * PDF.js makes a `DOMMatrix` when it loads (a constant of its canvas code). Browsers and their
 * Web Workers have the class; Node has not, and PDF.js would take it from the native
 * @napi-rs/canvas package, which a bundle does not carry (and the extension does not ship). Only
 * drawing computes with it, never text extraction: where the class is missing, a stand-in that
 * holds the six numbers of a 2D matrix lets PDF.js load, and would fail loudly if drawing ever
 * used it.
 */
function provideDomMatrix(): void {
  const scope = globalThis as { DOMMatrix?: unknown };
  if (scope.DOMMatrix !== undefined) return;
  scope.DOMMatrix = class DOMMatrix {
    a = 1;
    b = 0;
    c = 0;
    d = 1;
    e = 0;
    f = 0;
    constructor(init?: ArrayLike<number>) {
      if (init && init.length === 6) [this.a, this.b, this.c, this.d, this.e, this.f] = Array.from(init);
    }
  };
}

/**
 * PDF.js, loaded on first use: a server that never meets a PDF does not pay for it (the Node
 * bundles import it from dist/pdfjs/, so they do not even parse it at start: scripts/build.mjs).
 * Its worker code is imported first so that the library finds it in `globalThis.pdfjsWorker` and
 * runs it in this thread (the supported way in Node, and in a Web Worker, which cannot start
 * another).
 */
function loadPdfJs(): Promise<typeof PdfJs> {
  loading ??= (async () => {
    // In Node, PDF.js reports on loading that it cannot find the canvas package it would draw
    // with (console.warn, before any option can silence it). Text needs no canvas: those
    // warnings are held back while it loads; any other message passes.
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].startsWith('Warning: ')) return;
      warn.apply(console, args);
    };
    const replaced = keepBuiltIns();
    try {
      provideDomMatrix();
      await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
      return await import('pdfjs-dist/legacy/build/pdf.mjs');
    } finally {
      replaced.restore();
      console.warn = warn;
    }
  })();
  // A failed load is tried again next time rather than remembered.
  loading.catch(() => (loading = undefined));
  return loading;
}
