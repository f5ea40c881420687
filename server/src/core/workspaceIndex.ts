/**
 * The workspace index: a small summary of every letter in the workspace (its
 * case number and its disputed items, each with outcome, body regions,
 * treatment kind and where it stands), searchable by fuzzy query and grouped
 * for views. A summary keeps no letter text, so thousands of letters cost
 * little memory; the adapter decides which letters go in (files on disk, open
 * documents) and keeps the index current.
 */
import type { Analysis } from './index';
import type { Outcome } from './model';
import type { Range } from './types';
import { REGIONS, regionLabel, type Region } from './guidelines';
import { regionsOfItem } from './itemRegions';
import { itemSymbolName } from './symbols';
import { TREATMENT_KINDS, treatmentKindLabel, treatmentKindOf, type TreatmentKind } from './treatmentKind';
import { consumed, fuzzyScore, normalizeQuery } from './fuzzy';
import { letterStatsFacts, type LetterStatsFacts } from './workspaceStats';

export interface IndexedItem {
  /** Zero-based position among the letter's items. */
  readonly index: number;
  /** The outline's name for the item: short title and outcome ("MRI of the left knee: Upheld"). */
  readonly name: string;
  /** The short title alone. */
  readonly title: string;
  readonly outcome?: Outcome;
  readonly regions: readonly Region[];
  readonly kind: TreatmentKind;
  /** The item's title in the letter, where navigation lands. */
  readonly range: Range;
}

export interface IndexedLetter {
  readonly uri: string;
  readonly caseNumber?: string;
  /** Where the case number stands. */
  readonly caseRange?: Range;
  readonly items: readonly IndexedItem[];
  /** What the statistics view counts beyond the above (workspaceStats.ts). */
  readonly stats?: LetterStatsFacts;
}

/** The summary of one analysed letter. */
export function indexLetter(analysis: Analysis): IndexedLetter {
  const { model, lines } = analysis;
  const items = model.items.map((item): IndexedItem => {
    const at = item.titleSpan.end > item.titleSpan.start ? item.titleSpan : item.span;
    const out: { -readonly [K in keyof IndexedItem]: IndexedItem[K] } = {
      index: item.index,
      name: itemSymbolName(item),
      title: item.shortTitle,
      regions: regionsOfItem(model, item).regions,
      kind: treatmentKindOf(item.shortTitle),
      range: lines.range(at),
    };
    if (item.outcome) out.outcome = item.outcome;
    return out;
  });
  const fact = model.header.caseNumber;
  const stats = letterStatsFacts(analysis);
  return fact ? { uri: analysis.uri, caseNumber: fact.value, caseRange: lines.range(fact.span), items, stats } : { uri: analysis.uri, items, stats };
}

/** The last segment of a URI's path, decoded ("CM16-0249320.txt"). */
export function fileNameOfUri(uri: string): string {
  const path = uri.replace(/[?#].*$/, '').replace(/\/+$/, '');
  const name = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** How a letter is named in lists: its case number, else its file name. */
export function letterLabel(letter: IndexedLetter): string {
  return letter.caseNumber ?? fileNameOfUri(letter.uri);
}

export interface WorkspaceSymbolMatch {
  readonly kind: 'item' | 'caseNumber';
  readonly name: string;
  /** The letter's case number (or file name) for items; the file name for case numbers. */
  readonly container: string;
  readonly uri: string;
  readonly range: Range;
  readonly score: number;
}

export type GroupBy = 'outcome' | 'region' | 'kind';

export const GROUPINGS: readonly GroupBy[] = ['outcome', 'region', 'kind'];

export interface ItemGroup {
  readonly id: string;
  readonly label: string;
  readonly count: number;
}

export interface GroupedItem {
  readonly uri: string;
  /** The letter's case number, else its file name. */
  readonly letter: string;
  readonly item: IndexedItem;
}

interface SearchEntry {
  readonly kind: WorkspaceSymbolMatch['kind'];
  readonly name: string;
  readonly nameLower: string;
  readonly container: string;
  readonly containerLower: string;
  readonly range: Range;
}

interface Entry {
  readonly letter: IndexedLetter;
  readonly label: string;
  readonly search: readonly SearchEntry[];
}

/** A match found only through the container ("CM16 knee") ranks below matches of the name itself. */
const CONTAINER_MATCH_FACTOR = 0.5;
const NO_GROUP = 'none';

function searchEntries(letter: IndexedLetter, label: string): SearchEntry[] {
  const out: SearchEntry[] = [];
  if (letter.caseNumber && letter.caseRange) {
    out.push(searchEntry('caseNumber', letter.caseNumber, fileNameOfUri(letter.uri), letter.caseRange));
  }
  for (const item of letter.items) out.push(searchEntry('item', item.name, label, item.range));
  return out;
}

function searchEntry(kind: SearchEntry['kind'], name: string, container: string, range: Range): SearchEntry {
  return { kind, name, nameLower: name.toLowerCase(), container, containerLower: container.toLowerCase(), range };
}

function capitalised(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function groupIdsOf(item: IndexedItem, by: GroupBy): readonly string[] {
  switch (by) {
    case 'outcome':
      return [item.outcome ?? NO_GROUP];
    case 'region':
      return item.regions.length > 0 ? item.regions : [NO_GROUP];
    case 'kind':
      return [item.kind];
  }
}

/** Every possible group of a grouping, in display order, with its label. */
function groupOrder(by: GroupBy): ReadonlyArray<{ id: string; label: string }> {
  switch (by) {
    case 'outcome':
      return [
        { id: 'Upheld', label: 'Upheld' },
        { id: 'Overturned', label: 'Overturned' },
        { id: NO_GROUP, label: 'No outcome' },
      ];
    case 'region':
      return [...REGIONS.map((r) => ({ id: r, label: capitalised(regionLabel(r)) })), { id: NO_GROUP, label: 'No body region' }];
    case 'kind':
      return TREATMENT_KINDS.map((k) => ({ id: k, label: treatmentKindLabel(k) }));
  }
}

export class WorkspaceIndex {
  private readonly entries = new Map<string, Entry>();

  /** Adds or replaces the letter at `letter.uri`. */
  set(letter: IndexedLetter): void {
    const label = letterLabel(letter);
    this.entries.set(letter.uri, { letter, label, search: searchEntries(letter, label) });
  }

  delete(uri: string): boolean {
    return this.entries.delete(uri);
  }

  has(uri: string): boolean {
    return this.entries.has(uri);
  }

  get(uri: string): IndexedLetter | undefined {
    return this.entries.get(uri)?.letter;
  }

  uris(): IterableIterator<string> {
    return this.entries.keys();
  }

  /** Number of letters. */
  get size(): number {
    return this.entries.size;
  }

  /** Number of disputed items in all letters. */
  get itemCount(): number {
    let n = 0;
    for (const e of this.entries.values()) n += e.letter.items.length;
    return n;
  }

  /**
   * Items and case numbers whose name holds the query as a subsequence (or,
   * ranked lower, whose container and name together do), best first, at most
   * `limit`. Ties go to the shorter name, then to alphabetical order. The
   * empty query matches everything: the first `limit` in index order.
   */
  search(query: string, limit = Number.POSITIVE_INFINITY): WorkspaceSymbolMatch[] {
    const q = normalizeQuery(query);
    const found: WorkspaceSymbolMatch[] = [];
    if (q === '') {
      for (const [uri, entry] of this.entries) {
        for (const s of entry.search) {
          if (found.length >= limit) return found;
          found.push({ kind: s.kind, name: s.name, container: s.container, uri, range: s.range, score: 0 });
        }
      }
      return found;
    }
    const qLower = q.toLowerCase();
    const hits: Array<{ uri: string; s: SearchEntry; score: number }> = [];
    for (const [uri, entry] of this.entries) {
      // Items share their container: how much of the query it takes is found once per letter.
      let containerLower: string | undefined;
      let taken = 0;
      for (const s of entry.search) {
        let score = fuzzyScore(q, s.name, s.nameLower, qLower);
        if (score === undefined && s.containerLower !== containerLower) {
          containerLower = s.containerLower;
          taken = consumed(qLower, containerLower);
        }
        if (score === undefined && consumed(qLower, s.nameLower, taken) === qLower.length) {
          const both = fuzzyScore(q, `${s.container} ${s.name}`, `${s.containerLower} ${s.nameLower}`, qLower);
          if (both !== undefined) score = both * CONTAINER_MATCH_FACTOR;
        }
        if (score !== undefined) hits.push({ uri, s, score });
      }
    }
    // Only the best `limit` are sorted: the others are dropped by their score alone.
    let ranked = hits;
    if (hits.length > limit) {
      const scores = hits.map((h) => h.score).sort((a, b) => a - b);
      const threshold = scores[scores.length - limit];
      ranked = hits.filter((h) => h.score >= threshold);
    }
    ranked.sort((a, b) => b.score - a.score || a.s.name.length - b.s.name.length || (a.s.name < b.s.name ? -1 : a.s.name > b.s.name ? 1 : 0) || (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
    for (const h of ranked.length > limit ? ranked.slice(0, limit) : ranked) {
      found.push({ kind: h.s.kind, name: h.s.name, container: h.s.container, uri: h.uri, range: h.s.range, score: h.score });
    }
    return found;
  }

  /** The non-empty groups of a grouping, in display order, each with its number of items. */
  groups(by: GroupBy): ItemGroup[] {
    const counts = new Map<string, number>();
    for (const e of this.entries.values()) {
      for (const item of e.letter.items) for (const id of groupIdsOf(item, by)) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return groupOrder(by)
      .filter((g) => counts.has(g.id))
      .map((g) => ({ id: g.id, label: g.label, count: counts.get(g.id)! }));
  }

  /** The items of one group, ordered by letter (case number or file name), then by their order in the letter. */
  itemsOf(by: GroupBy, groupId: string): GroupedItem[] {
    const out: GroupedItem[] = [];
    const letters = [...this.entries.values()].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : a.letter.uri < b.letter.uri ? -1 : 1));
    for (const e of letters) {
      for (const item of e.letter.items) if (groupIdsOf(item, by).includes(groupId)) out.push({ uri: e.letter.uri, letter: e.label, item });
    }
    return out;
  }
}
