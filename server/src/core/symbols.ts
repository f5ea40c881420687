/**
 * The outline: header, the three sections, and under the issues section one
 * symbol per disputed item with its outcome, the item's fields as children.
 * Every selection range lies inside its range and children inside parents.
 */
import type { Analysis } from './index';
import type { DisputedItem, HeaderKey, Span } from './model';
import type { OutlineSymbol } from './types';
import { collapseWhiteSpace, isWhiteSpace } from './text';

const MAX_NAME = 80;

const HEADER_NAMES: Record<HeaderKey, string> = {
  caseNumber: 'Case Number',
  dateAssigned: 'Date Assigned',
  decisionDate: 'Decision Date',
  dateOfInjury: 'Date of Injury',
  urDenialDate: 'UR Denial Date',
  applicationReceived: 'Application Received',
  priority: 'Priority',
  licensure: 'State(s) of Licensure',
  specialty: 'Certification(s)/Specialty',
};

function clip(s: string): string {
  return s.length <= MAX_NAME ? s : s.slice(0, MAX_NAME - 1).trimEnd() + '…';
}

/** A field label without its colon: `label.replace(/\s*:\s*$/, '')`. */
function withoutColon(label: string): string {
  let end = label.length;
  while (end > 0 && isWhiteSpace(label.charCodeAt(end - 1))) end--;
  if (end === 0 || label.charCodeAt(end - 1) !== 58 /* : */) return label;
  end--;
  while (end > 0 && isWhiteSpace(label.charCodeAt(end - 1))) end--;
  return label.slice(0, end);
}

function contains(outer: Span, inner: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

export function itemSymbolName(item: DisputedItem): string {
  const title = clip(item.shortTitle || '(untitled item)');
  return `${title}: ${item.outcome ?? 'no outcome'}`;
}

export function documentSymbols(analysis: Analysis): OutlineSymbol[] {
  const { model, lines } = analysis;
  const sym = (name: string, kind: OutlineSymbol['kind'], span: Span, selection: Span, detail?: string): OutlineSymbol => {
    const sel = contains(span, selection) ? selection : { start: span.start, end: span.start };
    const out: OutlineSymbol = { name: name || '(empty)', kind, range: lines.range(span), selectionRange: lines.range(sel), children: [] };
    if (detail) out.detail = detail;
    return out;
  };

  const top: OutlineSymbol[] = [];
  const { header } = model;
  if (header.span) {
    const caseNumber = header.caseNumber?.value;
    const h = sym('Header', 'module', header.span, header.span, caseNumber);
    const facts = (Object.keys(HEADER_NAMES) as HeaderKey[])
      .map((k) => ({ k, f: header[k] }))
      .filter((x) => x.f && contains(header.span!, x.f.span))
      .sort((a, b) => a.f!.span.start - b.f!.span.start);
    for (const { k, f } of facts) h.children.push(sym(HEADER_NAMES[k], 'property', f!.span, f!.span, f!.raw));
    top.push(h);
  }

  const itemSymbol = (item: DisputedItem): OutlineSymbol => {
    const selection = item.titleSpan.end > item.titleSpan.start ? item.titleSpan : item.outcomeSpan ?? item.titleSpan;
    const detail = item.partial || item.shortTitle.length > MAX_NAME ? item.title : undefined;
    const s = sym(itemSymbolName(item), 'class', item.span, selection, detail);
    for (const f of item.fieldList) {
      if (!contains(item.span, f.span)) continue;
      // Only the start of the value is shown: folding whole rationales here would cost more than the outline.
      const preview = collapseWhiteSpace(model.text, f.valueSpan.start, Math.min(f.valueSpan.end, f.valueSpan.start + MAX_NAME + 1));
      s.children.push(sym(withoutColon(f.label), 'field', f.span, f.labelSpan, clip(preview)));
    }
    return s;
  };

  // Items belong to the section holding them: the issues section, or wherever they were found
  // when that heading is missing. Sections are disjoint and both lists are in document order.
  const sectionSymbols = model.sections.map((section) => ({ section, symbol: sym(section.name, 'namespace', section.span, section.headingSpan) }));
  let k = 0;
  for (const item of model.items) {
    while (k < sectionSymbols.length && sectionSymbols[k].section.span.end < item.span.end) k++;
    const home = k < sectionSymbols.length && contains(sectionSymbols[k].section.span, item.span) ? sectionSymbols[k] : undefined;
    (home ? home.symbol.children : top).push(itemSymbol(item));
  }
  for (const s of sectionSymbols) top.push(s.symbol);
  return top.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
