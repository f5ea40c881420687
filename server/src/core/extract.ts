/**
 * The documented JSON contract of `imr extract`: the model of each letter with
 * LSP ranges (0-based lines, UTF-16 columns) and ISO 8601 dates. Fields named
 * here stay; new ones may be added.
 */
import type { Analysis } from './index';
import type { Field, GuidelineCitation, HeaderKey } from './model';
import type { Range } from './types';
import { classifyCitation, regionsOfTitle } from './guidelines';

export interface ExtractedCitation {
  kind: GuidelineCitation['kind'];
  field: GuidelineCitation['field'];
  mtus: boolean;
  text: string;
  range: Range;
  chapter?: number;
  title?: string;
  year?: number;
  pages?: Array<{ from: number; to: number }>;
  sections?: string[];
  url?: string;
  /** Canonical name of the chapter or part, where known. */
  guideline?: string;
  regions?: string[];
}

export interface ExtractedField {
  label: string;
  text: string;
  range: Range;
}

export interface ExtractedItem {
  title: string;
  shortTitle: string;
  partial: boolean;
  outcome: string | null;
  range: Range;
  titleRange: Range;
  outcomeRange: Range | null;
  regions: string[];
  fields: Partial<Record<Field['kind'], ExtractedField>>;
  citations: ExtractedCitation[];
}

export interface ExtractedLetter {
  path: string;
  layout: string;
  header: Partial<Record<HeaderKey, string>>;
  headerDetails: Partial<Record<HeaderKey, { raw: string; range: Range }>>;
  sections: Array<{ name: string; kind: string; range: Range }>;
  items: ExtractedItem[];
}

export function extractLetter(path: string, analysis: Analysis): ExtractedLetter {
  const { model, lines } = analysis;
  const header: ExtractedLetter['header'] = {};
  const headerDetails: ExtractedLetter['headerDetails'] = {};
  for (const [key, fact] of Object.entries(model.header)) {
    if (key === 'span' || !fact || !('value' in fact)) continue;
    header[key as HeaderKey] = fact.value;
    headerDetails[key as HeaderKey] = { raw: fact.raw, range: lines.range(fact.span) };
  }
  return {
    path,
    layout: model.layout,
    header,
    headerDetails,
    sections: model.sections.map((s) => ({ name: s.name, kind: s.kind, range: lines.range(s.span) })),
    items: model.items.map((item) => {
      const fields: ExtractedItem['fields'] = {};
      for (const f of item.fieldList) {
        if (!fields[f.kind]) fields[f.kind] = { label: f.label, text: f.text, range: lines.range(f.span) };
      }
      return {
        title: item.title,
        shortTitle: item.shortTitle,
        partial: item.partial,
        outcome: item.outcome ?? null,
        range: lines.range(item.span),
        titleRange: lines.range(item.titleSpan),
        outcomeRange: item.outcomeSpan ? lines.range(item.outcomeSpan) : null,
        regions: [...new Set(regionsOfTitle(item.title).map((r) => r.region))],
        fields,
        citations: item.citations.map((c) => {
          const out: ExtractedCitation = { kind: c.kind, field: c.field, mtus: c.mtus, text: c.text, range: lines.range(c.span) };
          if (c.chapter !== undefined) out.chapter = c.chapter;
          if (c.title !== undefined) out.title = c.title;
          if (c.year !== undefined) out.year = c.year;
          if (c.pages) out.pages = c.pages.map((p) => ({ from: p.from, to: p.to }));
          if (c.sections) out.sections = [...c.sections];
          if (c.url) out.url = c.url;
          const chapter = classifyCitation(c);
          if (chapter) {
            out.guideline = chapter.name;
            out.regions = [...chapter.regions];
          }
          return out;
        }),
      };
    }),
  };
}

export function extractJson(letters: ReadonlyArray<{ path: string; analysis: Analysis }>): { files: ExtractedLetter[] } {
  return { files: letters.map((l) => extractLetter(l.path, l.analysis)) };
}
