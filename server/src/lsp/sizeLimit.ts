/**
 * Answers of a document above imrDetermination.maxDocumentSize: such a document is not checked, and
 * its outline, folds and semantic tokens are reduced to what its sections and items give, without
 * the fields (as the document-too-large notice says). A 40 MB text would otherwise get an outline of
 * tens of MB, for every outline, breadcrumb and sticky-scroll request.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../core';
import { sizeNotice } from '../core/limits';
import type { ServerContext } from './context';

/** The limit each analysis was last measured against: counting a large text's UTF-8 bytes takes a while. */
const measured = new WeakMap<Analysis, { limit: number; above: boolean }>();

/** The document's analysis (after its settings are known), and whether it is above the size limit. */
export async function analyseWithinLimit(ctx: ServerContext, doc: TextDocument): Promise<{ analysis: Analysis; reduced: boolean }> {
  const { maxDocumentSize } = await ctx.settingsFor(doc.uri);
  const analysis = ctx.service.analyse(doc);
  let known = measured.get(analysis);
  if (!known || known.limit !== maxDocumentSize) {
    known = { limit: maxDocumentSize, above: sizeNotice(doc.getText(), maxDocumentSize) !== undefined };
    measured.set(analysis, known);
  }
  return { analysis, reduced: known.above };
}
