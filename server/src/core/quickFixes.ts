/**
 * Quick fixes for findings whose fix is known: the outcome that matches the
 * rationale, a missing outcome, heading or field label, and a mismatched
 * chapter replaced by the chapter for the item's region. Each fix is a list of
 * text edits against the analysed version of the document.
 */
import type { Analysis } from './index';
import type { DisputedItem, GuidelineCitation } from './model';
import type { DiagnosticCode, Range } from './types';
import { rationaleConclusion } from './conclusion';
import { fold, spanOf } from './text';
import { regionsOfItem } from './itemRegions';
import {
  ACOEM_CHAPTERS,
  MTUS_PARTS,
  ODG_CHAPTERS,
  chapterFitsRegions,
  findMtusParts,
  findOdgChapters,
  type Region,
} from './guidelines';

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface QuickFix {
  title: string;
  edits: TextEdit[];
  /** The fix to apply when the user asks for "the" fix (only when there is one clear choice). */
  preferred: boolean;
}

/** What a fix needs of a finding: its code, range and payload, as a client sends them back. */
export interface FindingRef {
  code: string;
  range: Range;
  data?: unknown;
}

type Fixer = (analysis: Analysis, finding: FindingRef, data: Record<string, unknown>) => QuickFix[];

const FIXERS: Partial<Record<DiagnosticCode, Fixer>> = {
  'outcome-contradiction': (_a, finding, data) => {
    const expected = data.expected;
    if (expected !== 'Upheld' && expected !== 'Overturned') return [];
    return [{ title: `Change the outcome to ${expected}`, edits: [{ range: finding.range, newText: expected }], preferred: true }];
  },

  'missing-outcome': (analysis, _f, data) => {
    const { model, lines } = analysis;
    const titleEnd = typeof data.titleEnd === 'number' ? data.titleEnd : undefined;
    const item = model.items.find((i) => i.titleSpan.end === titleEnd && !i.outcome);
    if (!item || item.titleSpan.end <= item.titleSpan.start) return [];
    const hasColon = model.text.charCodeAt(item.titleSpan.end) === 58; /* : */
    const at = hasColon ? item.titleSpan.end + 1 : item.titleSpan.end;
    const rationale = item.fields.decisionRationale;
    const verdict = rationale ? rationaleConclusion(model.text, rationale)?.verdict : undefined;
    const suggested = verdict === 'necessary' ? 'Overturned' : verdict === 'not-necessary' ? 'Upheld' : undefined;
    return (['Upheld', 'Overturned'] as const).map((outcome) => ({
      title: `Add the outcome ${outcome}`,
      edits: [{ range: lines.range({ start: at, end: at }), newText: `${hasColon ? '' : ':'} ${outcome}` }],
      preferred: outcome === suggested,
    }));
  },

  'missing-section': (analysis, _f, data) => {
    const { model, lines } = analysis;
    const heading = typeof data.heading === 'string' ? data.heading : undefined;
    if (!heading) return [];
    const before = typeof data.insertBefore === 'number' ? data.insertBefore : undefined;
    const at = before !== undefined ? lines.lineStart(lines.positionAt(before).line) : issuesInsertionPoint(analysis);
    const atEnd = at >= model.text.length;
    const newText = atEnd ? `${/\n$/.test(model.text) || model.text === '' ? '' : '\n'}${heading}\n` : `${heading}\n`;
    return [{ title: `Insert the heading "${heading}"`, edits: [{ range: lines.range({ start: at, end: at }), newText }], preferred: true }];
  },

  'missing-field': (analysis, _f, data) => {
    const { model, lines } = analysis;
    const label = typeof data.label === 'string' ? data.label : undefined;
    if (!label) return [];
    if (typeof data.insertBefore === 'number') {
      const at = lines.lineStart(lines.positionAt(data.insertBefore).line);
      return [{ title: `Insert "${label}"`, edits: [{ range: lines.range({ start: at, end: at }), newText: `${label} \n` }], preferred: true }];
    }
    if (typeof data.insertAfter === 'number') {
      const at = data.insertAfter;
      const eol = /\r\n/.test(model.text) ? '\r\n' : '\n';
      return [{ title: `Insert "${label}"`, edits: [{ range: lines.range({ start: at, end: at }), newText: `${eol}${label} ` }], preferred: true }];
    }
    return [];
  },

  'chapter-mismatch': (analysis, finding) => {
    const { model, lines } = analysis;
    const start = lines.offsetAt(finding.range.start);
    const end = lines.offsetAt(finding.range.end);
    // The finding is drawn over the citation's start, up to an empty line it would cross (diagnostics.ts).
    for (const item of model.items) {
      const citation = item.citations.find((c) => c.span.start === start && c.span.end >= end);
      if (citation) return chapterFixes(analysis, item, citation);
    }
    return [];
  },
};

/** Where a missing issues heading goes: before the first item, else at the end. */
function issuesInsertionPoint(analysis: Analysis): number {
  const first = analysis.model.items[0];
  if (first) return analysis.lines.lineStart(analysis.lines.positionAt(first.span.start).line);
  return analysis.model.text.length;
}

function fitsAll(chapter: readonly Region[], itemRegions: readonly Region[]): boolean {
  return itemRegions.every((r) => chapterFitsRegions(chapter, [r]));
}

/** Replacements for a mismatched citation: chapters of the same guideline that fit every region the title names. */
function chapterFixes(analysis: Analysis, item: DisputedItem, citation: GuidelineCitation): QuickFix[] {
  const itemRegions = regionsOfItem(analysis.model, item).regions;
  if (itemRegions.length === 0) return [];
  const f = fold(analysis.model.text, citation.span.start, citation.span.end);
  const replace = (from: number, to: number, newText: string): TextEdit[] | undefined =>
    to > from ? [{ range: analysis.lines.range(spanOf(f, from, to)), newText }] : undefined;

  const fixes: Array<{ title: string; edits?: TextEdit[] }> = [];
  if (citation.kind === 'acoem' && citation.chapter !== undefined) {
    const m = new RegExp(`Chapter\\s+${citation.chapter}\\b\\s*,?\\s*`, 'i').exec(f.text);
    if (!m) return [];
    const titleEnd = citation.title ? f.text.indexOf(citation.title, m.index) : -1;
    const to = titleEnd >= 0 ? titleEnd + citation.title!.length : m.index + m[0].trimEnd().length;
    for (const ch of ACOEM_CHAPTERS.filter((c) => !c.general && c.regions.length > 0 && fitsAll(c.regions, itemRegions))) {
      const text = `Chapter ${ch.number} ${ch.title}`;
      fixes.push({ title: `Cite ACOEM ${text} instead`, edits: replace(m.index, to, text) });
    }
  } else if (citation.kind === 'mtus') {
    const wrong = findMtusParts(f.text).find((p) => !p.part.general && !fitsAll(p.part.regions, itemRegions));
    if (!wrong) return [];
    const candidates = MTUS_PARTS.filter((p) => !p.general && p.regions.length > 0 && fitsAll(p.regions, itemRegions));
    for (const part of candidates) {
      const mention = f.text.slice(wrong.start, wrong.end);
      const year = /((?:19|20)\d{2})\s*$/.exec(mention);
      const text = year ? `${part.name} ${part.years.includes(Number(year[1])) ? year[1] : part.years[0]}` : part.name;
      fixes.push({ title: `Cite MTUS ${text} instead`, edits: replace(wrong.start, wrong.end, text) });
    }
  } else if (citation.kind === 'odg' && !citation.url) {
    const mention = findOdgChapters(f.text).find((m) => !m.chapter.general && !fitsAll(m.chapter.regions, itemRegions));
    if (!mention) return [];
    const length = odgMentionLength(f.text, mention.index, mention.chapter);
    if (!length) return [];
    for (const ch of ODG_CHAPTERS.filter((c) => !c.general && !c.umbrella && c.regions.length > 0 && fitsAll(c.regions, itemRegions))) {
      fixes.push({ title: `Cite ODG ${ch.shortName} instead`, edits: replace(mention.index, mention.index + length, ch.shortName) });
    }
  }
  const usable = fixes.filter((x): x is { title: string; edits: TextEdit[] } => x.edits !== undefined);
  return usable.map((x) => ({ title: x.title, edits: x.edits, preferred: usable.length === 1 }));
}

/** Length of the chapter words at `index`: the longest of the chapter's spellings that matches there. */
function odgMentionLength(text: string, index: number, chapter: (typeof ODG_CHAPTERS)[number]): number {
  let best = 0;
  for (const source of [...chapter.strong, ...chapter.weak]) {
    const re = new RegExp(source, 'iy');
    re.lastIndex = index;
    const m = re.exec(text);
    if (m && m[0].length > best) best = m[0].length;
  }
  return best;
}

export function quickFixes(analysis: Analysis, finding: FindingRef): QuickFix[] {
  const fixer = FIXERS[finding.code as DiagnosticCode];
  if (!fixer) return [];
  const data = typeof finding.data === 'object' && finding.data !== null ? (finding.data as Record<string, unknown>) : {};
  return fixer(analysis, finding, data);
}
