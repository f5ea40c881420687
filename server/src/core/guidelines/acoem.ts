/**
 * ACOEM Practice Guidelines, 2nd edition (2004), chapters as adopted by the
 * MTUS (8 CCR 9792.22 and 9792.23.x) until 1 December 2017.
 *
 * Facts come from /work/shared/notes/domain.md (the "ACOEM table"); each entry
 * says so in `source`, and says when a chapter number or page span is an
 * estimate rather than a sourced fact.
 */
import { BoundedMap, detached } from '../boundedMap';
import type { Region } from './regions';

export interface PageSpan {
  readonly from: number;
  readonly to: number;
  /** True only when a source gives the span; otherwise an estimate. */
  readonly sourced: boolean;
  readonly source: string;
}

export interface AcoemChapter {
  readonly number: number;
  /** Canonical title as cited in letters ("Low Back Complaints"). */
  readonly title: string;
  /** Other accepted spellings of the title (matched case-insensitively, whole title). */
  readonly spellings: readonly string[];
  /** The 8 CCR section that adopts the chapter into the MTUS. */
  readonly ccr: string;
  /** Regions the chapter covers; empty for general chapters (fit any item). */
  readonly regions: readonly Region[];
  readonly general: boolean;
  /** Whether the chapter number itself is confirmed by a source. */
  readonly numberSourced: boolean;
  readonly pages?: PageSpan;
  /** Page references seen in real letters citing the chapter. */
  readonly pagesCited: readonly string[];
  /** Edition note, e.g. the revised Elbow Disorders chapter of 2007. */
  readonly note?: string;
  readonly source: string;
}

const TABLE = 'domain.md: ACOEM table';
const UNCONFIRMED = 'domain.md: ACOEM table (chapter number not confirmed by a source)';
const ESTIMATE = 'domain.md: estimated from chapter lengths (±10 pages)';

export const ACOEM_CHAPTERS: readonly AcoemChapter[] = [
  {
    number: 1, title: 'Prevention', spellings: [], ccr: '9792.22', regions: [], general: true,
    numberSourced: false, pagesCited: [], source: UNCONFIRMED,
  },
  {
    number: 2, title: 'General Approach to Initial Assessment and Documentation', spellings: [], ccr: '9792.22',
    regions: [], general: true, numberSourced: false, pagesCited: [], source: UNCONFIRMED,
  },
  {
    number: 3, title: 'Initial Approaches to Treatment', spellings: [], ccr: '9792.22', regions: [], general: true,
    numberSourced: true, pagesCited: ['48-49'], source: TABLE,
  },
  {
    number: 4, title: 'Work-Relatedness', spellings: ['Work Relatedness'], ccr: '9792.22', regions: [], general: true,
    numberSourced: false, pagesCited: [], source: UNCONFIRMED,
  },
  {
    number: 5, title: 'Cornerstones of Disability Prevention and Management', spellings: [], ccr: '9792.22',
    regions: [], general: true, numberSourced: false, pagesCited: [], source: UNCONFIRMED,
  },
  {
    number: 6, title: 'Pain, Suffering, and the Restoration of Function',
    spellings: ['Pain, Suffering and the Restoration of Function'], ccr: '9792.22', regions: [], general: true,
    numberSourced: true, pagesCited: [], source: TABLE,
  },
  {
    number: 7, title: 'Independent Medical Examinations and Consultations', spellings: [], ccr: '9792.22',
    regions: [], general: true, numberSourced: true, pagesCited: ['137'], source: TABLE,
  },
  {
    number: 8, title: 'Neck and Upper Back Complaints', spellings: ['Neck & Upper Back Complaints'],
    ccr: '9792.23.1', regions: ['neck', 'thoracic'], general: false, numberSourced: true,
    pages: { from: 166, to: 195, sourced: false, source: ESTIMATE },
    pagesCited: ['177-178', '179-180', '181', '182'], source: TABLE,
  },
  {
    number: 9, title: 'Shoulder Complaints', spellings: [], ccr: '9792.23.2', regions: ['shoulder'], general: false,
    numberSourced: true, pages: { from: 196, to: 226, sourced: false, source: ESTIMATE },
    pagesCited: ['213', '214'], source: TABLE,
  },
  {
    number: 10, title: 'Elbow Complaints', spellings: ['Elbow Disorders', 'Elbow Disorders (Revised 2007)'],
    ccr: '9792.23.3', regions: ['elbow'], general: false, numberSourced: true, pagesCited: [],
    note: 'The MTUS adopts the revised Elbow Disorders chapter (2007), cited "Elbow Complaints 2007"; it has its own pagination.',
    source: TABLE,
  },
  {
    number: 11, title: 'Forearm, Wrist, and Hand Complaints',
    spellings: ['Forearm, Wrist and Hand Complaints', 'Forearm, Wrist, & Hand Complaints', 'Forearm, Wrist & Hand Complaints'],
    ccr: '9792.23.4', regions: ['forearmWristHand'], general: false, numberSourced: true,
    pages: { from: 252, to: 285, sourced: false, source: ESTIMATE }, pagesCited: ['261', '269'], source: TABLE,
  },
  {
    number: 12, title: 'Low Back Complaints', spellings: [], ccr: '9792.23.5', regions: ['lowBack'], general: false,
    numberSourced: true,
    pages: { from: 286, to: 326, sourced: true, source: 'domain.md: National Guideline Clearinghouse entry for the chapter' },
    pagesCited: ['300', '303', '303-304', '309'], source: TABLE,
  },
  {
    number: 13, title: 'Knee Complaints', spellings: [], ccr: '9792.23.6', regions: ['knee'], general: false,
    numberSourced: true, pages: { from: 327, to: 357, sourced: false, source: ESTIMATE },
    pagesCited: ['335-336', '338'], source: TABLE,
  },
  {
    number: 14, title: 'Ankle and Foot Complaints', spellings: ['Ankle & Foot Complaints'], ccr: '9792.23.7',
    regions: ['ankleFoot'], general: false, numberSourced: false, pagesCited: [], source: UNCONFIRMED,
  },
  {
    number: 15, title: 'Stress-Related Conditions', spellings: ['Stress Related Conditions'], ccr: '9792.23.8',
    regions: [], general: true, numberSourced: false, pagesCited: [], source: UNCONFIRMED,
  },
  {
    number: 16, title: 'Eye', spellings: ['Eye Complaints', 'Eye Disorders'], ccr: '9792.23.9', regions: ['eye'],
    general: false, numberSourced: false, pagesCited: [], source: UNCONFIRMED,
  },
];

const BY_NUMBER: ReadonlyMap<number, AcoemChapter> = new Map(ACOEM_CHAPTERS.map((c) => [c.number, c]));

/** Lower case, "&" as "and", punctuation and white space folded. */
export function foldTitle(s: string): string {
  return s
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const BY_TITLE: ReadonlyMap<string, AcoemChapter> = (() => {
  const map = new Map<string, AcoemChapter>();
  for (const c of ACOEM_CHAPTERS) {
    for (const t of [c.title, ...c.spellings]) map.set(foldTitle(t), c);
  }
  return map;
})();

/** The chapter with this number (1-16), or undefined. */
export function acoemChapter(n: number): AcoemChapter | undefined {
  return BY_NUMBER.get(n);
}

/** The chapter whose title (or accepted spelling) is `title`; a trailing year is ignored. */
/**
 * Chapters by cited title, remembered for at most 4096 titles: letters cite the same few titles
 * over and over, and folding a title takes several passes. Null stands for "no chapter has this title".
 */
const byCitedTitle = new BoundedMap<string, AcoemChapter | null>(4096);

export function acoemChapterByTitle(title: string): AcoemChapter | undefined {
  const known = byCitedTitle.get(title);
  if (known !== undefined) return known ?? undefined;
  const folded = foldTitle(title).replace(/\s(?:19|20)\d\d$/, '');
  const chapter = BY_TITLE.get(folded) ?? BY_TITLE.get(folded.replace(/\s(?:complaints|disorders)$/, '') + ' complaints');
  // A copy as the key: the cited title is a slice of a document the map outlives.
  byCitedTitle.set(detached(title), chapter ?? null);
  return chapter;
}

/** Whether a cited title agrees with the chapter number (undefined when either is unknown). */
export function acoemTitleMatches(n: number, title: string): boolean | undefined {
  const byNumber = acoemChapter(n);
  const byTitle = acoemChapterByTitle(title);
  if (!byNumber || !byTitle) return undefined;
  return byNumber === byTitle;
}

/** The body-part chapter whose page span contains `page` (spans may be estimates: check `pages.sourced`). */
export function acoemChapterOfPage(page: number): AcoemChapter | undefined {
  return ACOEM_CHAPTERS.find((c) => c.pages !== undefined && page >= c.pages.from && page <= c.pages.to);
}
