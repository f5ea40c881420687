/**
 * PDF letters on the server: the `imr/pdfText` request (see pdfProtocol.ts), and the reading and
 * extraction it shares with the workspace index. Extraction (server/src/pdf/) runs in this
 * process, or in this Web Worker for the browser server: a client never runs PDF.js itself.
 */
import { extractPdfText, isPdfProblem } from '../pdf/extract';
import type { Feature, ServerContext } from './context';
import { canonicalUri, isInside } from './workspaceFiles';
import {
  MAX_PDF_BYTES,
  MAX_PDF_PAGES,
  PDF_TEXT_REQUEST,
  PDF_TIMEOUT_MS,
  type PdfTextParams,
  type PdfTextResult,
} from './pdfProtocol';

type Problem = Extract<PdfTextResult, { problem: string }>;

const unreadable = (message: string): Problem => ({ problem: 'unreadable', message });

/** The text of a PDF's bytes, within the page and time limits; never rejects. */
export async function pdfTextOf(bytes: Uint8Array): Promise<PdfTextResult> {
  try {
    const result = await extractPdfText(bytes, { maxPages: MAX_PDF_PAGES, timeoutMs: PDF_TIMEOUT_MS });
    if (isPdfProblem(result)) return { problem: result.problem, message: result.message };
    return { text: result.text, pages: result.pages, pageStarts: [...result.pageStarts] };
  } catch (err) {
    // The module promises not to throw; should it ever, the letter is unreadable, not the server down.
    return { problem: 'corrupt', message: `The PDF cannot be read (${err instanceof Error ? err.name : 'unknown error'}).` };
  }
}

/**
 * base64 to bytes, or undefined when `data` is not base64 or decodes to more than `maxBytes`
 * (checked on the length before decoding, so an oversized message costs no copy).
 */
export function bytesOfBase64(data: string, maxBytes: number): Uint8Array | undefined {
  if (Math.floor((data.length * 3) / 4) > maxBytes + 3) return undefined;
  let binary: string;
  try {
    binary = atob(data);
  } catch {
    return undefined;
  }
  if (binary.length > maxBytes) return undefined;
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * A PDF named by a client, read from this server's disk. Only a `file:` URI of a regular file, not
 * a symbolic link (opened without following one), at most MAX_PDF_BYTES. Inside a workspace folder
 * the index's rule holds too: the file must be reached from the folder without a link. Outside
 * every folder the client chose the file (a picker, a path typed by the user); the last name is
 * still never followed. Messages name no path (they may reach a log).
 */
async function readPdfFromDisk(ctx: ServerContext, uri: string): Promise<Uint8Array | Problem> {
  const files = ctx.files;
  if (!files) return unreadable('This server cannot read files: send the PDF\'s bytes with the request (`data`, base64).');
  if (!/^file:/i.test(uri)) return unreadable('Only file: URIs are read from disk: send the PDF\'s bytes with the request (`data`, base64).');
  const file = canonicalUri(uri);
  const folder = ctx.workspaceFolders().map((f) => canonicalUri(f.uri).replace(/\/+$/, '')).find((f) => isInside(file, f));
  if (folder !== undefined) {
    const s = await files.stat(file, folder);
    if (!s?.file) return unreadable('The PDF is not a regular file of the workspace (missing, a folder, or a symbolic link).');
  }
  try {
    const bytes = await files.readBytes(file, MAX_PDF_BYTES);
    if (!bytes) return unreadable(`The PDF is larger than ${MAX_PDF_BYTES / (1024 * 1024)} MB; it was not read.`);
    return bytes;
  } catch (err) {
    // A system error's message names the file: its code says enough.
    const code = err instanceof Error && 'code' in err ? ` (${String(err.code)})` : '';
    return unreadable(`The PDF could not be read: it is missing, not a regular file, or a symbolic link${code}.`);
  }
}

export const pdfTextFeature: Feature = {
  capabilities: () => ({}),
  register(ctx) {
    ctx.connection.onRequest(PDF_TEXT_REQUEST, (params: PdfTextParams | undefined, token) =>
      ctx.guard('pdfText', unreadable('The PDF could not be read.') as PdfTextResult, token, async (): Promise<PdfTextResult> => {
        if (typeof params?.uri !== 'string') return unreadable('The request names no PDF (`uri`).');
        let bytes: Uint8Array | Problem;
        if (typeof params.data === 'string') {
          bytes = bytesOfBase64(params.data, MAX_PDF_BYTES) ?? unreadable(`The PDF's data is not base64, or larger than ${MAX_PDF_BYTES / (1024 * 1024)} MB.`);
        } else {
          bytes = await readPdfFromDisk(ctx, params.uri);
        }
        if (!(bytes instanceof Uint8Array)) return bytes;
        return pdfTextOf(bytes);
      }),
    );
  },
};
