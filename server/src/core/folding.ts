/**
 * Folding ranges: the header, each section, each disputed item, and each
 * field that spans more than one line.
 *
 * The model's spans nest, but lines are coarser than offsets: in
 * reading-order text an item can start on the line where the previous
 * rationale ends. Editors want ranges sorted by start line, at most one per
 * start line, and nested (VS Code keeps only the first range starting on a
 * line and drops ranges that cross). So an earlier sibling gives up its last
 * line to the next one, children are clipped to their parent, and a final
 * pass keeps the result valid whatever the spans were.
 */
import type { Analysis } from './index';
import type { DisputedItem, Span } from './model';
import { spanContains } from './locate';

export interface FoldingRegion {
  readonly startLine: number;
  /** The last line folded away (inclusive), as in the LSP. */
  readonly endLine: number;
  readonly kind: 'region';
  /** 0 for the header and sections, 1 for items inside a section, and so on. */
  readonly depth: number;
}

interface Node {
  start: number;
  end: number;
  children: Node[];
}

/** `fields: false` leaves out the fields' ranges (a document above the size limit, like its outline). */
export function foldingRanges(analysis: Analysis, options: { fields?: boolean } = {}): FoldingRegion[] {
  const { model, lines } = analysis;
  const withFields = options.fields !== false;
  const node = (span: Span, children: Node[] = []): Node => ({
    start: lines.positionAt(span.start).line,
    // The line of the last character: a span ending right after a line break does not reach the next line.
    end: lines.positionAt(Math.max(span.start, span.end - 1)).line,
    children,
  });
  const itemNode = (item: DisputedItem): Node =>
    node(item.span, withFields ? item.fieldList.filter((f) => spanContains(item.span, f.span)).map((f) => node(f.span)) : []);

  const top: Node[] = [];
  if (model.header.span) top.push(node(model.header.span));
  // Items belong to the section holding them; both lists are in document order and sections are disjoint.
  const sections = model.sections.map((s) => ({ span: s.span, node: node(s.span) }));
  let k = 0;
  for (const item of model.items) {
    while (k < sections.length && sections[k]!.span.end < item.span.end) k++;
    const home = k < sections.length && spanContains(sections[k]!.span, item.span) ? sections[k]! : undefined;
    (home ? home.node.children : top).push(itemNode(item));
  }
  for (const s of sections) top.push(s.node);
  top.sort((a, b) => a.start - b.start);

  const candidates: Array<{ start: number; end: number }> = [];
  collect(top, Number.MAX_SAFE_INTEGER, candidates);
  return sanitize(candidates);
}

/** Pre-order, siblings trimmed so that none ends on the line where the next one starts, children clipped to their parent. */
function collect(siblings: Node[], parentEnd: number, out: Array<{ start: number; end: number }>): void {
  for (let i = 0; i < siblings.length; i++) {
    const n = siblings[i]!;
    let end = Math.min(n.end, parentEnd);
    const next = siblings[i + 1];
    if (next && end >= next.start) end = next.start - 1;
    out.push({ start: n.start, end });
    collect(n.children, end, out);
  }
}

/** Sorted by start line, one range per start line, start < end, every range inside the one it starts in. */
function sanitize(candidates: Array<{ start: number; end: number }>): FoldingRegion[] {
  const sorted = candidates.filter((c) => c.end > c.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: FoldingRegion[] = [];
  const open: Array<{ start: number; end: number }> = [];
  for (const c of sorted) {
    while (open.length > 0 && open[open.length - 1]!.end < c.start) open.pop();
    const parent = open[open.length - 1];
    if (parent && parent.start === c.start) continue;
    const end = parent ? Math.min(c.end, parent.end) : c.end;
    if (end <= c.start) continue;
    out.push({ startLine: c.start, endLine: end, kind: 'region', depth: open.length });
    open.push({ start: c.start, end });
  }
  return out;
}
