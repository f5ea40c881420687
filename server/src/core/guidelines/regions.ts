/**
 * Body regions and the classifier that finds them in a disputed item's title.
 *
 * The region set is deliberately small: one region per body-part chapter of
 * the guidelines (ACOEM 2nd ed. as adopted by the MTUS, and ODG), plus the
 * thoracic spine (covered by two chapters) and two aggregate "limb" regions
 * for titles such as "EMG of the bilateral upper extremities".
 *
 * Pure TypeScript: no Node, DOM or LSP imports. Every regular expression is
 * compiled once when the module loads; `regionsOfTitle` runs on keystrokes.
 */
import { isWhiteSpace } from '../text';

export type Region =
  | 'neck'
  | 'thoracic'
  | 'lowBack'
  | 'spine'
  | 'shoulder'
  | 'elbow'
  | 'forearmWristHand'
  | 'hip'
  | 'knee'
  | 'ankleFoot'
  | 'head'
  | 'eye'
  | 'abdomen'
  | 'upperExtremity'
  | 'lowerExtremity';

export interface RegionInfo {
  readonly id: Region;
  /** Human label, lower case, for messages ("low back"). */
  readonly label: string;
  /** True for the aggregate limb regions. */
  readonly aggregate: boolean;
  readonly source: string;
}

const REGION_TABLE: readonly RegionInfo[] = [
  { id: 'neck', label: 'neck and upper back', aggregate: false, source: 'domain.md: ACOEM table (ch. 8 "neck, upper back")' },
  { id: 'thoracic', label: 'thoracic spine', aggregate: false, source: 'domain.md: traps (thoracic spine covered by ACOEM ch. 8 and ODG Low Back)' },
  { id: 'lowBack', label: 'low back', aggregate: false, source: 'domain.md: ACOEM table (ch. 12)' },
  {
    id: 'spine',
    label: 'spine',
    aggregate: true,
    source: 'issue 14: a title naming the spine without a level ("spine surgery consult") fits each spinal chapter',
  },
  { id: 'shoulder', label: 'shoulder', aggregate: false, source: 'domain.md: ACOEM table (ch. 9)' },
  { id: 'elbow', label: 'elbow', aggregate: false, source: 'domain.md: ACOEM table (ch. 10)' },
  { id: 'forearmWristHand', label: 'forearm, wrist and hand', aggregate: false, source: 'domain.md: ACOEM table (ch. 11)' },
  { id: 'hip', label: 'hip and pelvis', aggregate: false, source: 'domain.md: ODG chapters (Hip & Pelvis)' },
  { id: 'knee', label: 'knee', aggregate: false, source: 'domain.md: ACOEM table (ch. 13)' },
  { id: 'ankleFoot', label: 'ankle and foot', aggregate: false, source: 'domain.md: ACOEM table (ch. 14)' },
  { id: 'head', label: 'head', aggregate: false, source: 'domain.md: ODG chapters (Head)' },
  { id: 'eye', label: 'eye', aggregate: false, source: 'domain.md: ACOEM table (ch. 16)' },
  { id: 'abdomen', label: 'abdomen (hernia)', aggregate: false, source: 'domain.md corpus: ODG Hernia chapter cited for an abdominal CT' },
  { id: 'upperExtremity', label: 'upper extremities', aggregate: true, source: 'domain.md: traps (upper-extremity electrodiagnostics)' },
  { id: 'lowerExtremity', label: 'lower extremities', aggregate: true, source: 'domain.md: traps (lower-extremity electrodiagnostics)' },
];

const REGION_BY_ID: ReadonlyMap<Region, RegionInfo> = new Map(REGION_TABLE.map((r) => [r.id, r]));

/** All regions, in a stable order (spine top to bottom, then limbs, then the rest). */
export const REGIONS: readonly Region[] = REGION_TABLE.map((r) => r.id);

export function regionInfo(region: Region): RegionInfo {
  return REGION_BY_ID.get(region)!;
}

/** "low back", "neck and upper back", "upper extremities", ... */
export function regionLabel(region: Region): string {
  return REGION_BY_ID.get(region)?.label ?? region;
}

export function isRegion(value: string): value is Region {
  return REGION_BY_ID.has(value as Region);
}

// ---------------------------------------------------------------------------
// Title classifier
// ---------------------------------------------------------------------------

/** One body-region mention inside a title: `title.slice(start, end) === text`. */
export interface RegionMatch {
  readonly region: Region;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * A term: a small pattern where a space stands for "white space or hyphen"
 * (write an optional separator as `(?: )?`; no spaces inside character classes)
 * and the regions it names. An empty region list marks a trap: the words are
 * consumed so that no shorter term inside them can match ("knee scooter").
 */
type Term = readonly [pattern: string, regions: readonly Region[]];

/**
 * Case-insensitive terms. Order matters where two terms can start at the same
 * position: the longer phrase comes first.
 */
const WORD_TERMS: readonly Term[] = [
  // Traps: devices and therapies whose names contain anatomy words.
  ['knee (?:scooters?|walkers?)', []], // mobility aid for foot and ankle injuries
  ['eye movement desensiti[sz]ation(?: and reprocessing)?', []], // EMDR, a psychotherapy
  ['hand(?: )?held', []],
  ['back(?: )?up', []],
  ['bladder neck', []],

  // Multi-region phrases.
  ['upper (?:and|&|/|or) lower (?:extremit(?:y|ies)|limbs?)', ['upperExtremity', 'lowerExtremity']],
  ['lower (?:and|&|/|or) upper (?:extremit(?:y|ies)|limbs?)', ['upperExtremity', 'lowerExtremity']],
  ['(?:all )?(?:four|4) (?:extremities|limbs)', ['upperExtremity', 'lowerExtremity']],
  ['cervicothoracic', ['neck', 'thoracic']],
  ['cervico thoracic', ['neck', 'thoracic']],
  ['thoracolumbar', ['thoracic', 'lowBack']],
  ['thoraco lumbar', ['thoracic', 'lowBack']],
  ['sacroiliac', ['lowBack', 'hip']], // ACOEM treats it with the low back, ODG with hip & pelvis
  ['SI joints?', ['lowBack', 'hip']],

  // Neck.
  ['femoral neck', ['hip']], // a hip fracture, not the neck
  ['neck of (?:the )?femur', ['hip']],
  ['neck and upper back', ['neck']],
  ['neck & upper back', ['neck']],
  ['cervical spine', ['neck']],
  ['cervical', ['neck']],
  ['c spine', ['neck']],
  ['neck', ['neck']],
  ['trapezi(?:us|al)', ['neck']],
  ['whiplash', ['neck']],

  // Thoracic.
  ['thoracic spine', ['thoracic']],
  ['thoracic', ['thoracic']],
  ['t spine', ['thoracic']],
  ['upper back', ['thoracic']],
  ['mid(?:dle)? back', ['thoracic']],
  ['dorsal spine', ['thoracic']],

  // Low back.
  ['low(?:er)? back', ['lowBack']],
  ['lumbosacral', ['lowBack']],
  ['lumbo sacral', ['lowBack']],
  ['lumbar spine', ['lowBack']],
  ['lumbar', ['lowBack']],
  ['l spine', ['lowBack']],
  ['ls spine', ['lowBack']],
  ['sacral', ['lowBack']],
  ['sacrum', ['lowBack']],
  ['coccyx', ['lowBack']],
  ['coccygeal', ['lowBack']],
  ['sciatica', ['lowBack']],
  ['back', ['lowBack']],

  // The spine without a level: any spinal chapter fits. A spinal cord stimulator treats the
  // limbs' pain as much as the back's, so it names no region.
  ['spinal cord(?: stimulat(?:or|ors|ion))?', []],
  ['spines?', ['spine']],
  ['spinal', ['spine']],

  // Shoulder.
  ['shoulders?', ['shoulder']],
  ['rotator cuffs?', ['shoulder']],
  ['subacromial', ['shoulder']],
  ['acromioplasty', ['shoulder']],
  ['acromioclavicular', ['shoulder']],
  ['acromion', ['shoulder']],
  ['clavicle', ['shoulder']],
  ['scapula', ['shoulder']],
  ['scapular', ['shoulder']],
  ['glenohumeral', ['shoulder']],
  ['glenoid', ['shoulder']],
  ['supraspinatus', ['shoulder']],
  ['infraspinatus', ['shoulder']],
  ['mumford', ['shoulder']],
  ['adhesive capsulitis', ['shoulder']],

  // Elbow.
  ['elbows?', ['elbow']],
  ['epicondyl(?:e|es|itis|ar)', ['elbow']],
  ['olecranon', ['elbow']],
  ['cubital tunnel', ['elbow']],

  // Forearm, wrist and hand.
  ['carpal tunnel', ['forearmWristHand']],
  ['trigger (?:finger|thumb)s?', ['forearmWristHand']],
  ["de(?: )?quervain(?:'?s)?", ['forearmWristHand']],
  ['forearms?', ['forearmWristHand']],
  ['wrists?', ['forearmWristHand']],
  ['hands?', ['forearmWristHand']],
  ['fingers?', ['forearmWristHand']],
  ['thumbs?', ['forearmWristHand']],
  ['carpal', ['forearmWristHand']],
  ['metacarpal(?:s|phalangeal)?', ['forearmWristHand']],
  ['palmar', ['forearmWristHand']],
  ['knuckles?', ['forearmWristHand']],

  // Hip.
  ['hips?', ['hip']],
  ['pelvis', ['hip']],
  ['pelvic', ['hip']],
  ['acetabul(?:um|ar)', ['hip']],
  ['trochanter(?:ic)?', ['hip']],

  // Knee.
  ['knees?', ['knee']],
  ['patell(?:a|ar)', ['knee']],
  ['patellofemoral', ['knee']],
  ['menisc(?:us|i|al|ectomy)', ['knee']],
  ['cruciate', ['knee']],

  // Ankle and foot.
  ['ankles?', ['ankleFoot']],
  ['foot', ['ankleFoot']],
  ['feet', ['ankleFoot']],
  ['heels?', ['ankleFoot']],
  ['toes?', ['ankleFoot']],
  ['plantar', ['ankleFoot']],
  ['achilles', ['ankleFoot']],
  ['calcane(?:us|al)', ['ankleFoot']],
  ['metatarsal(?:s|gia)?', ['ankleFoot']],
  ['bunions?', ['ankleFoot']],
  ['hallux', ['ankleFoot']],

  // Head and eye.
  ['head', ['head']],
  ['headaches?', ['head']],
  ['migraines?', ['head']],
  ['brain', ['head']],
  ['skull', ['head']],
  ['(?:intra)?cranial', ['head']],
  ['concussion', ['head']],
  ['eyes?', ['eye']],
  ['ocular', ['eye']],
  ['ophthalmolog(?:y|ic|ical|ist)', ['eye']],
  ['retina[l]?', ['eye']],
  ['cornea[l]?', ['eye']],

  // Abdomen.
  ['abdomen', ['abdomen']],
  ['abdominal', ['abdomen']],
  ['hernias?', ['abdomen']], // "herniated disc" does not match: whole words only
  ['herni(?:orrhaphy|oplasty)', ['abdomen']],
  ['inguinal', ['abdomen']],
  ['umbilical', ['abdomen']],

  // Limbs.
  ['upper extremit(?:y|ies)', ['upperExtremity']],
  ['upper limbs?', ['upperExtremity']],
  ['upper arms?', ['upperExtremity']],
  ['arms?', ['upperExtremity']],
  ['lower extremit(?:y|ies)', ['lowerExtremity']],
  ['lower limbs?', ['lowerExtremity']],
  ['legs?', ['lowerExtremity']],
  ['thighs?', ['lowerExtremity']],
  ['calf', ['lowerExtremity']],
  ['calves', ['lowerExtremity']],
  ['shins?', ['lowerExtremity']],
];

/** Case-sensitive abbreviations (upper case as written in titles). */
const ABBREVIATION_TERMS: readonly Term[] = [
  ['TLSO', ['thoracic', 'lowBack']],
  ['LSO', ['lowBack']],
  ['SLAP', ['shoulder']],
  ['RCR', ['shoulder']],
  ['TFCC', ['forearmWristHand']],
  ['CTS', ['forearmWristHand']],
  ['ACL', ['knee']],
  ['TKA', ['knee']],
  ['TKR', ['knee']],
  ['THA', ['hip']],
  ['THR', ['hip']],
  ['TBI', ['head']],
  ['BUE', ['upperExtremity']],
  ['RUE', ['upperExtremity']],
  ['LUE', ['upperExtremity']],
  ['UEs?', ['upperExtremity']],
  ['BLE', ['lowerExtremity']],
  ['RLE', ['lowerExtremity']],
  ['LLE', ['lowerExtremity']],
  ['LEs?', ['lowerExtremity']],
];

const WB_BEFORE = '(?<![A-Za-z0-9])';
const WB_AFTER = '(?![A-Za-z0-9])';

function compileTerms(terms: readonly Term[], flags: string): RegExp {
  const alternatives = terms.map(([pattern]) => `(${pattern.replace(/ /g, '[\\s\\-]+')})`);
  return new RegExp(`${WB_BEFORE}(?:${alternatives.join('|')})${WB_AFTER}`, flags);
}

const WORD_RE = compileTerms(WORD_TERMS, 'gi');
const ABBREVIATION_RE = compileTerms(ABBREVIATION_TERMS, 'g');

// ---------------------------------------------------------------------------
// A faster reading of WORD_RE. The alternation of some 120 terms costs the
// regex engine a lot at every character. But a term can only start after a
// character that is not a letter or digit, and only with one of about a
// hundred three-character beginnings ("kne", "low", "c s", ...), worked out
// from the patterns below. So the text is walked in JavaScript, and the regex
// is tried (sticky) only where such a beginning stands; it then decides as
// before. The matches found are exactly those of WORD_RE's global scan.
// ---------------------------------------------------------------------------

/** A character as the beginnings see it: ASCII lower-cased, any white space as a space, other non-ASCII as 0. */
function beginningSymbol(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c === 9 || c === 10 || c === 11 || c === 12 || c === 13 ? 32 : c;
  return isWhiteSpace(c) ? 32 : 0;
}

const BEGINNING = 3;

/**
 * Every way a term pattern can begin, as strings of BEGINNING beginning symbols, or undefined
 * when the pattern uses anything beyond literals, `(?:...)`, `|`, `?`, `+`, `*`, simple letter
 * classes and spaces (a space stands for `[\s\-]+`).
 */
function beginningsOf(pattern: string): Set<string> | undefined {
  let i = 0;
  const cat = (a: Set<string>, b: Set<string>): Set<string> | undefined => {
    const out = new Set<string>();
    for (const x of a) {
      if (x.length >= BEGINNING) out.add(x);
      else for (const y of b) out.add((x + y).slice(0, BEGINNING));
    }
    return out.size > 5000 ? undefined : out;
  };
  const alternatives = (): Set<string> | undefined => {
    const out = new Set<string>();
    for (;;) {
      const s = sequence();
      if (!s) return undefined;
      for (const x of s) out.add(x);
      if (pattern[i] !== '|') return out;
      i++;
    }
  };
  const sequence = (): Set<string> | undefined => {
    let acc: Set<string> | undefined = new Set(['']);
    while (acc && i < pattern.length && pattern[i] !== '|' && pattern[i] !== ')') {
      const a = atom();
      if (!a) return undefined;
      let repeated: Set<string> | undefined = a;
      const q = pattern[i];
      if (q === '?' || q === '*' || q === '+') {
        i++;
        const twice = cat(a, a);
        const thrice = twice && cat(twice, a);
        if (!twice || !thrice) return undefined;
        repeated = q === '?' ? new Set(['', ...a]) : new Set([...(q === '*' ? [''] : []), ...a, ...twice, ...thrice]);
      } else if (q === '{') {
        return undefined;
      }
      acc = cat(acc, repeated);
    }
    return acc;
  };
  const atom = (): Set<string> | undefined => {
    const c = pattern[i];
    if (c === '(') {
      if (!pattern.startsWith('(?:', i)) return undefined;
      i += 3;
      const inner = alternatives();
      if (!inner || pattern[i] !== ')') return undefined;
      i++;
      return inner;
    }
    if (c === '[') {
      const end = pattern.indexOf(']', i);
      const body = pattern.slice(i + 1, end);
      if (end < 0 || !/^[a-z]+$/i.test(body)) return undefined;
      i = end + 1;
      return new Set([...body.toLowerCase()]);
    }
    if (c === ' ') {
      // "[\s\-]+": one to three separators are enough for a beginning of three.
      i++;
      const one = [' ', '-'];
      return new Set([...one, ...one.flatMap((a) => one.map((b) => a + b)), ...one.flatMap((a) => one.flatMap((b) => one.map((d) => a + b + d)))]);
    }
    if (c === undefined || '\\^$.|?*+{}()[]'.includes(c)) return undefined;
    i++;
    return new Set([String.fromCharCode(beginningSymbol(c.charCodeAt(0)))]);
  };
  const all = alternatives();
  if (!all || i !== pattern.length) return undefined;
  // A shorter beginning (a term shorter than three characters) is beyond this reading.
  for (const x of all) if (x.length < BEGINNING) return undefined;
  return all;
}

/**
 * The beginnings as a table: for each pair of first two symbols (128 x 128) the number of its row
 * in WORD_THIRDS (0: no term begins so), a row being a 128-bit set of the third symbols.
 */
const WORD_PAIRS = new Uint16Array(128 * 128);
let WORD_THIRDS = new Uint32Array(0);

/** For each beginning (its three symbols as one number, see beginningKey), the terms that can begin so, in order. */
const TERMS_BY_BEGINNING = new Map<number, TermsAtBeginning>();

interface TermsAtBeginning {
  /** Indices into WORD_TERMS, ascending. */
  readonly terms: number[];
  /** Each of those terms as WORD_RE would try it at one position (sticky); compiled on first use. */
  res?: RegExp[];
}

function beginningKey(first: number, second: number, third: number): number {
  return (first * 128 + second) * 128 + third;
}

const WORD_BEGINNINGS_KNOWN = WORD_TERMS.every(([pattern], term) => {
  const beginnings = beginningsOf(pattern);
  if (!beginnings) return false;
  for (const b of beginnings) {
    const pair = b.charCodeAt(0) * 128 + b.charCodeAt(1);
    if (WORD_PAIRS[pair] === 0) {
      const rows = WORD_THIRDS.length / 4;
      const grown = new Uint32Array((rows + 1) * 4);
      grown.set(WORD_THIRDS);
      WORD_THIRDS = grown;
      WORD_PAIRS[pair] = rows + 1;
    }
    const third = b.charCodeAt(2);
    WORD_THIRDS[(WORD_PAIRS[pair] - 1) * 4 + (third >> 5)] |= 1 << (third & 31);
    const key = beginningKey(b.charCodeAt(0), b.charCodeAt(1), third);
    const entry = TERMS_BY_BEGINNING.get(key);
    if (!entry) TERMS_BY_BEGINNING.set(key, { terms: [term] });
    else if (entry.terms[entry.terms.length - 1] !== term) entry.terms.push(term);
  }
  return true;
});

/**
 * WORD_RE tried at one position where the text begins with the given symbols comes down to trying,
 * in WORD_RE's order, only the terms that can begin so: the others cannot match there. An
 * alternation takes its first alternative that matches (followed by the word boundary), with the
 * end that alternative alone would reach, so the terms are tried one at a time (sticky, with the
 * same boundaries), and the first that matches is the term WORD_RE takes, with the same end.
 */
function wordRegexesAt(entry: TermsAtBeginning): RegExp[] {
  entry.res ??= entry.terms.map((k) => new RegExp(`${WB_BEFORE}(?:${WORD_TERMS[k][0].replace(/ /g, '[\\s\\-]+')})${WB_AFTER}`, 'iy'));
  return entry.res;
}

/** For each UTF-16 code unit its beginning symbol, plus ALPHANUMERIC for ASCII letters and digits. */
const ALPHANUMERIC = 128;
const SYMBOL_OF = new Uint8Array(65536);
for (let c = 0; c < 65536; c++) {
  const alphanumeric = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  SYMBOL_OF[c] = beginningSymbol(c) | (alphanumeric ? ALPHANUMERIC : 0);
}

/**
 * The last match nextWordTerm found: where, and the index of the term (alternative) that matched.
 * One object, overwritten by each call (read it before the next).
 */
const WORD_FOUND = { start: 0, end: 0, term: 0 };

/** Finds the next match of WORD_RE's global scan at or after `from` and puts it in WORD_FOUND; false at the end. */
function nextWordTerm(text: string, from: number): boolean {
  if (!WORD_BEGINNINGS_KNOWN) {
    WORD_RE.lastIndex = from;
    const m = WORD_RE.exec(text);
    if (!m) return false;
    WORD_FOUND.start = m.index;
    WORD_FOUND.end = m.index + m[0].length;
    WORD_FOUND.term = termIndex(m);
    return true;
  }
  const last = text.length - BEGINNING;
  let after = from > 0 && SYMBOL_OF[text.charCodeAt(from - 1)] >= ALPHANUMERIC;
  for (let i = from; i <= last; i++) {
    const symbol = SYMBOL_OF[text.charCodeAt(i)];
    if (!after) {
      const first = symbol & 127;
      const second = SYMBOL_OF[text.charCodeAt(i + 1)] & 127;
      const row = WORD_PAIRS[first * 128 + second];
      const third = row === 0 ? 0 : SYMBOL_OF[text.charCodeAt(i + 2)] & 127;
      if (row !== 0 && (WORD_THIRDS[(row - 1) * 4 + (third >> 5)] & (1 << (third & 31))) !== 0) {
        const entry = TERMS_BY_BEGINNING.get(beginningKey(first, second, third))!;
        const res = wordRegexesAt(entry);
        for (let k = 0; k < res.length; k++) {
          const re = res[k];
          re.lastIndex = i;
          if (re.test(text)) {
            WORD_FOUND.start = i;
            WORD_FOUND.end = re.lastIndex;
            WORD_FOUND.term = entry.terms[k];
            return true;
          }
        }
      }
    }
    after = symbol >= ALPHANUMERIC;
  }
  return false;
}

/**
 * Spine levels: "C5", "C5-6", "C5-C6", "L5-S1", "C7-T1", "L4/5". The letter
 * and the number are written together; ranges join with a hyphen, en dash or
 * slash. Ranges of ranges ("C3-C4 to C6-7") are two tokens.
 */
const SPINE_LEVEL_RE =
  /(?<![A-Za-z0-9])([CTLS])(\d{1,2})(?:\s?[-\u2013/]\s?([CTLS])?(\d{1,2}))?(?![A-Za-z0-9])(?!\s?-?\s?weighted)/gi;

/** Whether a text names a spine level at all (SPINE_LEVEL_RE without its global state). */
const SPINE_LEVEL_NAMED_RE = new RegExp(SPINE_LEVEL_RE.source, 'i');

/** Titles that talk about thyroid labs (T3, T4) rather than thoracic levels. */
const THYROID_RE = /(?<![A-Za-z0-9])(?:thyroid|TSH|free\s+T[34]|T3\s+uptake)(?![A-Za-z0-9])/i;

const LEVEL_LIMITS: Readonly<Record<string, readonly [number, Region]>> = {
  C: [8, 'neck'],
  T: [12, 'thoracic'],
  L: [5, 'lowBack'],
  S: [5, 'lowBack'],
};

function levelRegion(letter: string, n: number): Region | undefined {
  const limit = LEVEL_LIMITS[letter.toUpperCase()];
  return limit && n >= 1 && n <= limit[0] ? limit[1] : undefined;
}

interface RawMatch {
  start: number;
  end: number;
  regions: readonly Region[];
}

function collectTerms(re: RegExp, terms: readonly Term[], title: string, out: RawMatch[]): void {
  if (re === WORD_RE) {
    for (let more = nextWordTerm(title, 0); more; more = nextWordTerm(title, WORD_FOUND.end)) {
      const term = terms[WORD_FOUND.term];
      if (term) out.push({ start: WORD_FOUND.start, end: WORD_FOUND.end, regions: term[1] });
    }
    return;
  }
  re.lastIndex = 0;
  for (let m = re.exec(title); m; m = re.exec(title)) {
    const term = terms[termIndex(m)];
    if (term) out.push({ start: m.index, end: m.index + m[0].length, regions: term[1] });
  }
}

/** Which alternative (term) a match of a compiled term list took: the first capture group that is set. */
function termIndex(m: RegExpExecArray): number {
  let k = 1;
  while (k < m.length && m[k] === undefined) k++;
  return k - 1;
}

/** Earlier first; at the same start the longer match first (a stable sort keeps ties in insertion order). */
function byPosition(a: RawMatch, b: RawMatch): number {
  return a.start - b.start || b.end - a.end;
}

function collectSpineLevels(title: string, out: RawMatch[]): void {
  const thyroid = lazyTest(THYROID_RE, title);
  SPINE_LEVEL_RE.lastIndex = 0;
  for (let m = SPINE_LEVEL_RE.exec(title); m; m = SPINE_LEVEL_RE.exec(title)) spineEntries(m, thyroid, out);
}

/** A test of a non-global regex on a text, run on first need only. */
function lazyTest(re: RegExp, text: string): () => boolean {
  let answer: boolean | undefined;
  return () => (answer ??= re.test(text));
}

/** The entries of one spine-level match: none, one, or two ("C7-T1"). `thyroid`: the text is about thyroid labs. */
function spineEntries(m: RegExpExecArray, thyroid: () => boolean, out: RawMatch[]): void {
  const first = levelRegion(m[1]!, Number(m[2]));
  if (!first) return;
  const start = m.index;
  const end = start + m[0].length;
  if (m[4] === undefined) {
    if (m[1]!.toUpperCase() === 'T' && thyroid()) return;
    out.push({ start, end, regions: [first] });
    return;
  }
  const secondLetter = m[3] ?? m[1]!;
  const second = levelRegion(secondLetter, Number(m[4]));
  if (!second) return; // "S1-20": not a level range
  if (m[1]!.toUpperCase() === 'T' && secondLetter.toUpperCase() === 'T' && thyroid()) return;
  if (second === first) {
    out.push({ start, end, regions: [first] });
  } else {
    // "C7-T1": each end keeps its own span.
    const firstEnd = start + m[1]!.length + m[2]!.length;
    const secondStart = end - (m[3] ?? '').length - m[4].length;
    out.push({ start, end: firstEnd, regions: [first] });
    out.push({ start: secondStart, end, regions: [second] });
  }
}

/**
 * Every abbreviation term begins with two capital letters ("TLSO", "UEs?"), and a spine level is
 * a letter C, T, L or S (either case) directly followed by a digit. A text with neither can have
 * no such match, and a quick look at its characters says so without running the two regexes.
 */
const ABBREVIATIONS_BEGIN_WITH_TWO_CAPITALS = ABBREVIATION_TERMS.every(([pattern]) => /^[A-Z]{2}/.test(pattern));
const MAY_ABBREVIATE = 1;
const MAY_NAME_LEVEL = 2;

/** Two capital letters in a row: where an abbreviation term can begin. */
const TWO_CAPITALS_RE = /[A-Z][A-Z]/;
/** A spine level's letter directly followed by a digit. */
const LEVEL_START_RE = /[CTLSctls][0-9]/;

/**
 * Which of ABBREVIATION_RE (MAY_ABBREVIATE) and SPINE_LEVEL_RE (MAY_NAME_LEVEL) could match in the
 * text. Two one-pair regexes: the regex engine reads characters several times faster than a
 * charCodeAt loop does, and it is asked on every title.
 */
function possibleMatches(text: string): number {
  let could = ABBREVIATIONS_BEGIN_WITH_TWO_CAPITALS ? 0 : MAY_ABBREVIATE;
  if (could === 0 && TWO_CAPITALS_RE.test(text)) could |= MAY_ABBREVIATE;
  if (LEVEL_START_RE.test(text)) could |= MAY_NAME_LEVEL;
  return could;
}

/**
 * The body regions a title names, in text order, each with the span of the
 * words that name it. Case-insensitive, whole words; sides ("left",
 * "bilateral") are ignored. A phrase naming two regions ("thoracolumbar")
 * yields two matches with the same span.
 */
export function regionsOfTitle(title: string): RegionMatch[] {
  const raw: RawMatch[] = [];
  collectTerms(WORD_RE, WORD_TERMS, title, raw);
  const could = possibleMatches(title);
  if (could & MAY_ABBREVIATE) collectTerms(ABBREVIATION_RE, ABBREVIATION_TERMS, title, raw);
  if (could & MAY_NAME_LEVEL) collectSpineLevels(title, raw);
  if (raw.length === 0) return [];
  // Earlier first; at the same start the longer match wins; overlaps are dropped.
  raw.sort(byPosition);
  const result: RegionMatch[] = [];
  let covered = -1;
  for (const r of raw) {
    if (r.start < covered) continue;
    covered = r.end;
    const text = title.slice(r.start, r.end);
    for (const region of r.regions) result.push({ region, start: r.start, end: r.end, text });
  }
  const named = withoutBareSpine(result, (m) => m.region, title);
  if (!studiesLimbs(named.map((m) => m.region), title)) return named;
  return named.map((m) => {
    const limb = LIMB_OF_PART[m.region];
    return limb ? { ...m, region: limb } : m;
  });
}

/** The regions whose chapters a bare "spine" fits; a title naming one of them says which. */
const SPINAL_REGIONS: readonly Region[] = ['neck', 'thoracic', 'lowBack'];

/**
 * A title's "spine" is the spine in general ("CT of the spine and sacrum", "spine surgery consult")
 * unless the title says which part of it, by a level or by name ("spine surgery at L4-5", "spine
 * surgery evaluation for the lumbar").
 */
function withoutBareSpine<T>(list: T[], regionOf: (x: T) => Region, title: string): T[] {
  if (!list.some((x) => regionOf(x) === 'spine') || !list.some((x) => SPINAL_REGIONS.includes(regionOf(x)))) return list;
  const partNamed = SPINE_PART_NAMED_RE.test(title) || SPINE_LEVEL_NAMED_RE.test(title);
  return partNamed ? list.filter((x) => regionOf(x) !== 'spine') : list;
}

/** The words that say which part of the spine ("cervical", "thoracolumbar", "lumbosacral"). */
const SPINE_PART_NAMED_RE = /(?<![A-Za-z])(?:cervic|thora[cx]|lumb)/i;

/**
 * Whether a title's limb parts stand for their whole limbs: an electrodiagnostic study of a limb
 * part tests the limb's nerves from the spine down (domain.md: upper-extremity studies fit neck,
 * shoulder, elbow and hand chapters). Not when the title names the spine itself ("EMG/NCS of the
 * hip and low back"): the title then says where the study looks, and a chapter must fit one of the
 * places it names.
 */
function studiesLimbs(regions: readonly Region[], title: string): boolean {
  if (!regions.some((r) => LIMB_OF_PART[r] !== undefined)) return false;
  if (regions.some((r) => r === 'spine' || SPINAL_REGIONS.includes(r))) return false;
  return ELECTRODIAGNOSTIC_RE.test(title);
}

const ELECTRODIAGNOSTIC_RE =
  /\b(?:EMG|NCS|NCV|EDS|SSEPs?|electromyograph\w*|electro-?diagnostic\w*|nerve\s+conduction|somatosensory)\b/i;

const LIMB_OF_PART: Readonly<Partial<Record<Region, Region>>> = {
  shoulder: 'upperExtremity',
  elbow: 'upperExtremity',
  forearmWristHand: 'upperExtremity',
  hip: 'lowerExtremity',
  knee: 'lowerExtremity',
  ankleFoot: 'lowerExtremity',
};

/**
 * The distinct regions a text names, in order of first mention, as
 * `regionsInUntil` lists them, reading the text only until more than `limit`
 * regions are known (the answer then holds `limit + 1` of them). Long texts
 * (a clinical summary) often settle the question in their first lines.
 */
export function regionsInUpTo(text: string, limit: number): Region[] {
  return regionsInUntil(text, (found) => found.length > limit);
}

/**
 * The distinct regions a text (a summary, a rationale) names, in order of first mention, read only
 * until `enough(found)` holds (asked each time a new region is found). As a title's words are read,
 * with two differences: the spine named without a level counts for nothing (the text's other
 * words say which part of it), and limb parts stand for their limbs wherever the text speaks of an
 * electrodiagnostic study.
 */
export function regionsInUntil(text: string, enough: (found: readonly Region[]) => boolean): Region[] {
  // The three kinds of matches are read lazily and merged in regionsOfTitle's order.
  const thyroid = lazyTest(THYROID_RE, text);
  const limbs = lazyTest(ELECTRODIAGNOSTIC_RE, text);
  let wordFrom = 0;
  ABBREVIATION_RE.lastIndex = 0;
  SPINE_LEVEL_RE.lastIndex = 0;
  // In regionsOfTitle's insertion order: a stable sort keeps ties in this order.
  const streams = [
    new MatchStream((out) => {
      if (!nextWordTerm(text, wordFrom)) return false;
      const { start, end } = WORD_FOUND;
      wordFrom = end;
      const term = WORD_TERMS[WORD_FOUND.term];
      if (term) out.push({ start, end, regions: term[1] });
      return true;
    }),
    new MatchStream((out) => {
      const m = ABBREVIATION_RE.exec(text);
      if (!m) return false;
      const term = ABBREVIATION_TERMS[termIndex(m)];
      if (term) out.push({ start: m.index, end: m.index + m[0].length, regions: term[1] });
      return true;
    }),
    new MatchStream((out) => {
      const m = SPINE_LEVEL_RE.exec(text);
      if (!m) return false;
      spineEntries(m, thyroid, out);
      return true;
    }),
  ];
  const seen: Region[] = [];
  let covered = -1;
  for (;;) {
    let best: MatchStream | undefined;
    let bestMatch: RawMatch | undefined;
    for (const stream of streams) {
      const r = stream.peek();
      if (r && (!bestMatch || byPosition(r, bestMatch) < 0)) {
        best = stream;
        bestMatch = r;
      }
    }
    if (!best || !bestMatch) return seen;
    best.take();
    if (bestMatch.start < covered) continue;
    covered = bestMatch.end;
    for (const found of bestMatch.regions) {
      // A text's "spine" without a level names no region it does not name otherwise.
      if (found === 'spine') continue;
      const limb = LIMB_OF_PART[found];
      const region = limb !== undefined && limbs() ? limb : found;
      if (!seen.includes(region)) {
        seen.push(region);
        if (enough(seen)) return seen;
      }
    }
  }
}

/** Matches of one global regex, read one at a time; each regex match gives zero or more entries. */
class MatchStream {
  private readonly buffer: RawMatch[] = [];
  private at = 0;
  private done = false;

  constructor(private readonly read: (out: RawMatch[]) => boolean) {}

  peek(): RawMatch | undefined {
    while (this.at >= this.buffer.length && !this.done) {
      this.buffer.length = 0;
      this.at = 0;
      if (!this.read(this.buffer)) this.done = true;
    }
    return this.at < this.buffer.length ? this.buffer[this.at] : undefined;
  }

  take(): void {
    this.at++;
  }
}

/** The distinct regions a title names, in order of first mention: an item's regions from its title. */
export function regionsIn(title: string): Region[] {
  return ofTitle(namedRegions(title), title);
}

/** What regionsInUntil gives when read to the end, read plainly: the named regions as a text's. */
export function regionsInText(text: string): Region[] {
  const named = namedRegions(text).filter((r) => r !== 'spine');
  return named.some((r) => LIMB_OF_PART[r] !== undefined) && ELECTRODIAGNOSTIC_RE.test(text) ? limbsOf(named) : named;
}

/**
 * The distinct regions a text's words name, in order of first mention: regionsOfTitle's raw
 * matches (overlaps dropped), before the spine and limb readings.
 */
function namedRegions(title: string): Region[] {
  const could = possibleMatches(title);
  if (could !== 0) {
    // regionsOfTitle's regions without its matches' objects and texts: the same raw matches,
    // order, overlaps dropped and limb parts mapped the same way, then each region once.
    const seen: Region[] = [];
    const raw: RawMatch[] = [];
    collectTerms(WORD_RE, WORD_TERMS, title, raw);
    if (could & MAY_ABBREVIATE) collectTerms(ABBREVIATION_RE, ABBREVIATION_TERMS, title, raw);
    if (could & MAY_NAME_LEVEL) collectSpineLevels(title, raw);
    if (raw.length === 0) return seen;
    raw.sort(byPosition);
    let covered = -1;
    for (const r of raw) {
      if (r.start < covered) continue;
      covered = r.end;
      for (const region of r.regions) if (!seen.includes(region)) seen.push(region);
    }
    return seen;
  }
  // Word terms only: they come in order and never overlap, so regionsOfTitle would keep them all.
  // Gathered in a scratch array and copied at their number: an array grown by push takes room
  // for some seventeen elements, and this runs on every title.
  const found = FOUND;
  let n = 0;
  for (let more = nextWordTerm(title, 0); more; more = nextWordTerm(title, WORD_FOUND.end)) {
    const term = WORD_TERMS[WORD_FOUND.term];
    if (!term) continue;
    next: for (const region of term[1]) {
      for (let k = 0; k < n; k++) if (found[k] === region) continue next;
      found[n++] = region;
    }
  }
  return found.slice(0, n);
}

/** The distinct regions a title names as an item's regions: a bare spine and limb studies read as regionsOfTitle reads them. */
function ofTitle(named: Region[], title: string): Region[] {
  const seen = withoutBareSpine(named, (r) => r, title);
  return studiesLimbs(seen, title) ? limbsOf(seen) : seen;
}

/** regionsIn's scratch list of the regions found so far in a title (only its first entries are read). */
const FOUND: Region[] = [];

/** Distinct regions with each limb part standing for its limb, at the place of the first region that maps to it. */
function limbsOf(seen: readonly Region[]): Region[] {
  const limbs: Region[] = [];
  for (const found of seen) {
    const region = LIMB_OF_PART[found] ?? found;
    if (!limbs.includes(region)) limbs.push(region);
  }
  return limbs;
}

// ---------------------------------------------------------------------------
// Compatibility between an item's regions and a chapter's regions
// ---------------------------------------------------------------------------

/**
 * Which chapter regions an item region also fits, beyond the region itself.
 * Directional: a thoracic item fits a neck or low back chapter, but a neck
 * item does not fit a chapter just because that chapter also covers the
 * thoracic spine (ODG Low Back covers lumbar and thoracic).
 */
const ITEM_FITS_ALSO: Readonly<Partial<Record<Region, readonly Region[]>>> = {
  thoracic: ['neck', 'lowBack'],
  spine: ['neck', 'thoracic', 'lowBack'],
  upperExtremity: ['neck', 'shoulder', 'elbow', 'forearmWristHand'],
  lowerExtremity: ['lowBack', 'hip', 'knee', 'ankleFoot'],
  // A chapter about a whole limb covers each of its parts.
  shoulder: ['upperExtremity'],
  elbow: ['upperExtremity'],
  forearmWristHand: ['upperExtremity'],
  hip: ['lowerExtremity'],
  knee: ['lowerExtremity'],
  ankleFoot: ['lowerExtremity'],
};

/** Whether an item in `itemRegion` can be governed by a chapter covering `chapterRegion`. */
export function regionFits(itemRegion: Region, chapterRegion: Region): boolean {
  return itemRegion === chapterRegion || (ITEM_FITS_ALSO[itemRegion]?.includes(chapterRegion) ?? false);
}

/**
 * True when the chapter is general (no regions), when the item names no
 * region, or when some item region fits some chapter region.
 */
export function chapterFitsRegions(chapterRegions: readonly Region[], itemRegions: readonly Region[]): boolean {
  if (chapterRegions.length === 0 || itemRegions.length === 0) return true;
  for (const item of itemRegions) {
    for (const chapter of chapterRegions) if (regionFits(item, chapter)) return true;
  }
  return false;
}
