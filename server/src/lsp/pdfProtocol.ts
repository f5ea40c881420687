/**
 * `imr/pdfText`, a request of this server's own, and the URI form of a PDF letter opened as text.
 * Shared by the server and both VS Code clients (names and types only, no imports of either side).
 *
 * Request params `{ uri, data? }`: `uri` names the PDF; `data` is its bytes in base64, sent by a
 * client that reads the file itself (VS Code for the Web, or any file that is not on the server's
 * disk). Without `data` the Node server reads the `file:` URI itself (a regular file, not a
 * symbolic link, at most MAX_PDF_BYTES). The result is the extracted text, or a problem with one
 * sentence for a person; the request never fails and never hangs (extraction has a time limit).
 */

export const PDF_TEXT_REQUEST = 'imr/pdfText';

export interface PdfTextParams {
  uri: string;
  /** The PDF's bytes, base64. */
  data?: string;
}

export type PdfTextProblemCode = 'not-pdf' | 'encrypted' | 'corrupt' | 'no-text' | 'too-many-pages' | 'timeout' | 'unreadable';

export type PdfTextResult = { text: string; pages: number; pageStarts: number[] } | { problem: PdfTextProblemCode; message: string };

/** Larger files are not read (the corpus letters are 20-100 KB). */
export const MAX_PDF_BYTES = 20 * 1024 * 1024;
/** Longer PDFs are refused with a message before any page is read. */
export const MAX_PDF_PAGES = 200;
/** Time allowed for one extraction. */
export const PDF_TIMEOUT_MS = 30_000;

/**
 * The scheme of a PDF letter's text in VS Code: `imr-pdf:<the PDF's path>?<the PDF's URI>`. The
 * path keeps the PDF's own name, which is what the editor's tab shows; the query holds the real
 * URI (any scheme), so that the client can read the file and the server can let the open text
 * stand in for the PDF in its workspace index.
 */
export const PDF_DOCUMENT_SCHEME = 'imr-pdf';

/** Whether a URI string names a PDF by its file name (any scheme but ours). */
export function isPdfUri(uri: string): boolean {
  return !uri.startsWith(`${PDF_DOCUMENT_SCHEME}:`) && /\.pdf$/i.test(uri.replace(/[?#].*$/, ''));
}

/**
 * The PDF's own URI from the URI of its text document (as a client spells it: the query
 * percent-encoded), or undefined for any other URI.
 */
export function pdfOfDocumentUri(uri: string): string | undefined {
  const m = /^imr-pdf:[^?#]*\?([^#]+)/i.exec(uri);
  if (!m) return undefined;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return undefined;
  }
}
