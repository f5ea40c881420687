/**
 * `imr/letterSummary`, a request of this server's own: the Markdown summary of
 * an open letter, for the client's "Copy Letter Summary" command.
 * Params `{ uri }`; result `{ markdown, items }`, or null when the document is not open.
 */
import { letterSummaryMarkdown } from '../core/summary';
import type { Feature } from './context';

export const LETTER_SUMMARY_METHOD = 'imr/letterSummary';

export interface LetterSummaryParams {
  uri: string;
}

export interface LetterSummaryResult {
  markdown: string;
  /** How many disputed items the summary lists. */
  items: number;
  caseNumber?: string;
}

/** The last segment of a document's URI, decoded ("CM16-0229336.txt", "Untitled-1"). */
function fileNameOf(uri: string): string {
  const last = uri.replace(/[?#].*$/, '').replace(/\/+$/, '').split('/').pop() ?? uri;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

export const letterSummaryFeature: Feature = {
  capabilities: () => ({}),
  register(ctx) {
    ctx.connection.onRequest(LETTER_SUMMARY_METHOD, (params: LetterSummaryParams, token) =>
      ctx.guard('letterSummary', null as LetterSummaryResult | null, token, () => {
        const doc = typeof params?.uri === 'string' ? ctx.documents.get(params.uri) : undefined;
        if (!doc) return null;
        const { model } = ctx.service.analyse(doc);
        // The file's name heads a letter without a case number, and stands under the heading of one with it.
        const result: LetterSummaryResult = { markdown: letterSummaryMarkdown(model, { source: fileNameOf(doc.uri) }), items: model.items.length };
        if (model.header.caseNumber) result.caseNumber = model.header.caseNumber.value;
        return result;
      }),
    );
  },
};
