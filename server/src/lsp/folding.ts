/** textDocument/foldingRange: header, sections, items and multi-line fields (not above the size limit), within the client's range limit. */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import { foldingRanges, type FoldingRegion } from '../core/folding';
import type { Feature } from './context';
import { analyseWithinLimit } from './sizeLimit';

/** The outermost ranges first when the client asks for fewer than there are; the answer stays sorted by line. */
function limit(regions: FoldingRegion[], max: number | undefined): FoldingRegion[] {
  if (max === undefined || max < 0 || regions.length <= max) return regions;
  return regions
    .map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.depth - b.r.depth || a.i - b.i)
    .slice(0, max)
    .sort((a, b) => a.i - b.i)
    .map((x) => x.r);
}

export const foldingRangeFeature: Feature = {
  capabilities: () => ({ foldingRangeProvider: true }),
  register(ctx) {
    ctx.connection.onFoldingRanges((params, token) =>
      ctx.guard('foldingRange', [] as FoldingRange[], token, async () => {
        const doc = ctx.documents.get(params.textDocument.uri);
        if (!doc) return [];
        const { analysis, reduced } = await analyseWithinLimit(ctx, doc);
        const regions = limit(foldingRanges(analysis, { fields: !reduced }), ctx.client().textDocument?.foldingRange?.rangeLimit);
        return regions.map((r) => ({ startLine: r.startLine, endLine: r.endLine, kind: FoldingRangeKind.Region }));
      }),
    );
  },
};
