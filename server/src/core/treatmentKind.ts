/**
 * What kind of treatment a disputed item requests, read from its title:
 * imaging, medication, therapy, surgery, injection, equipment, or other
 * (tests, labs, consultations, nursing and everything unrecognised).
 *
 * The terms come from the item titles of the published letters and the
 * treatment names of the MTUS and ODG sections they cite. Titles name one
 * request, but often with words of another kind in it ("Hot/cold therapy
 * wrap" is equipment, "Epidural injection under fluoroscopy" an injection),
 * so the kinds are tried in a fixed order, most specific first:
 * consultations and tests, injection, surgery, imaging, a named drug,
 * equipment, therapy, and last a dose or dosage form ("#60", "5% cream").
 *
 * Pure TypeScript; every expression is compiled once when the module loads.
 */

export type TreatmentKind = 'imaging' | 'medication' | 'therapy' | 'surgery' | 'injection' | 'equipment' | 'other';

/** Every kind, in the order views list them. */
export const TREATMENT_KINDS: readonly TreatmentKind[] = ['imaging', 'medication', 'therapy', 'surgery', 'injection', 'equipment', 'other'];

const LABELS: Record<TreatmentKind, string> = {
  imaging: 'Imaging',
  medication: 'Medication',
  therapy: 'Therapy',
  surgery: 'Surgery',
  injection: 'Injection',
  equipment: 'Equipment',
  other: 'Other',
};

export function treatmentKindLabel(kind: TreatmentKind): string {
  return LABELS[kind];
}

export function isTreatmentKind(value: string): value is TreatmentKind {
  return Object.prototype.hasOwnProperty.call(LABELS, value);
}

/**
 * A list of terms: small patterns where a space stands for "white space or
 * hyphen". Word terms are case-insensitive, abbreviations case-sensitive.
 */
interface Terms {
  readonly words: readonly string[];
  readonly abbreviations?: readonly string[];
}

const WB_BEFORE = '(?<![A-Za-z0-9])';
const WB_AFTER = '(?![A-Za-z0-9])';

function compile(terms: readonly string[], flags: string): RegExp | undefined {
  if (terms.length === 0) return undefined;
  const alternatives = terms.map((t) => t.replace(/ /g, '[\\s\\-]*'));
  return new RegExp(`${WB_BEFORE}(?:${alternatives.join('|')})${WB_AFTER}`, flags);
}

interface Matcher {
  test(title: string): boolean;
}

function matcher(terms: Terms): Matcher {
  const words = compile(terms.words, 'i');
  const abbreviations = compile(terms.abbreviations ?? [], '');
  return { test: (title) => (words?.test(title) ?? false) || (abbreviations?.test(title) ?? false) };
}

/** Requests that are visits, tests or services, whatever treatment words they mention ("Spine surgery evaluation"). */
const CONSULTATION = matcher({
  words: [
    'evaluations?', 'eval', 'consultations?', 'consults?', 'referrals?', 'second opinion', 'follow up visits?', 'office visits?',
    'transfer of care', 'labs?', 'lab work', 'laboratory', 'blood (?:work|tests?|draw)', 'urine drug (?:screens?|tests?|testing)',
    'urinalysis', 'drug screens?', 'medical clearance', 'psychological testing',
  ],
  abbreviations: ['TOC', 'FCE', 'CBC', 'BMP', 'CMP', 'PT/PTT', 'PT/INR', 'PTT', 'INR', 'UA', 'UDS', 'EKG', 'ECG'],
});

const INJECTION = matcher({
  words: [
    'injections?', 'injected', 'inject', 'epidurals?', 'nerve blocks?', '(?:facet|medial branch|stellate ganglion|occipital|genicular|sympathetic|selective nerve root) blocks?',
    'blocks?', 'trigger points?', 'platelet rich plasma', 'botox', 'botulinum', '(?:cortisone|steroid|cortico(?:steroid)?) shots?',
    'viscosupplementation', 'hyaluronic acid', 'synvisc(?: one)?', 'orthovisc', 'euflexxa', 'supartz', 'hyalgan', 'prolotherapy',
    'radiofrequency (?:ablation|neurotomy|rhizotomy|lesioning)', 'rhizotomy', 'neurotomy',
  ],
  abbreviations: ['ESI', 'TFESI', 'LESI', 'CESI', 'PRP', 'RFA', 'MBB', 'SNRB', 'TPI'],
});

/** "Post-surgical" and "pre-operative" describe timing, not a surgery. */
const NOT_TIMING = '(?<!(?:post|pre)[\\s\\-]?)';

const SURGERY = matcher({
  words: [
    `${NOT_TIMING}surgery`, `${NOT_TIMING}surgical`, `${NOT_TIMING}surgeries`, 'surgeon', 'operative arthroscopy', 'arthroscopy', 'arthroscopic',
    '[a-z]*ectomy', '[a-z]*ectomies', '[a-z]+plasty', '[a-z]+otomy', 'arthrodesis', 'tenodesis', 'fusions?', 'repairs?', 'reconstructions?',
    '(?<!myofascial[\\s\\-]*)releases?', 'decompressions?', 'debridement', 'open reduction', 'internal fixation', 'hardware removal', 'removal of hardware',
    'implant(?:ation)?', 'replacements?', 'transposition', 'excision', 'amputation', 'manipulation under an(?:a)?esthesia',
    'spinal cord stimulators?', 'intrathecal pump', 'assistant surgeon',
  ],
  abbreviations: ['ORIF', 'ACDF', 'TLIF', 'PLIF', 'ALIF', 'TKA', 'TKR', 'THA', 'THR', 'MUA', 'SCS', 'RCR', 'SLAP'],
});

const IMAGING = matcher({
  words: [
    'magnetic resonance(?: imaging)?', 'computed tomography', 'cat scans?', 'x rays?', 'xrays?', 'radiographs?', 'radiography',
    'bone scans?', 'bone density', 'sonograms?', 'myelograms?', 'myelography', 'arthrograms?', 'arthrography', 'discograms?',
    'discography', 'imaging', 'scans?', 'mammograms?', 'venous doppler', 'doppler',
  ],
  abbreviations: ['MRI', 'MRIs', 'MRA', 'MR', 'CT', 'DEXA', 'DXA', 'PET'],
});

/** Ultrasound is imaging, unless it is given in sessions ("Ultrasound 1 times 8"): then it is a therapy. */
const ULTRASOUND = /(?<![A-Za-z])ultrasound/i;
const SESSIONS =
  /\b\d+\s*(?:x|times)\s*\d+\b|\b(?:\d+|one|two|three|four|five|six)\s*(?:x|times)\s*(?:a|per)\s*week\b|\bsessions?\b|\bvisits?\b|\btherap(?:y|ies)\b/i;

const EQUIPMENT = matcher({
  words: [
    '(?<!\\d\\s*)units?', 'devices?', 'braces?', 'bracing', 'slings?', 'ultrasling', 'splints?', 'orthos[ie]s', 'orthotics?', 'insoles?', 'canes?',
    'crutch(?:es)?', 'walkers?', 'wheel chairs?', 'scooters?', 'hospital beds?', 'beds?', 'mattress(?:es)?', 'commodes?', 'chairs?',
    'toilet seats?', 'grab bars?', 'workstations?', 'desks?', 'pillows?', 'pads?', 'wraps?', 'supports?', 'collars?', 'belts?', 'boots?',
    'shoes?', 'stockings?', 'compression (?:garments?|sleeves?|hose)', 'h wave', 'interferential', 'muscle stimulators?',
    'continuous passive motion', 'pneumatic compression', 'rentals?', 'rent', 'purchase', 'durable medical equipment', 'vascutherm',
    'game ready', 'cold therapy', 'hot/cold', 'heat(?:ing)? (?:pads?|wraps?)', 'reachers?', 'glucometers?',
  ],
  abbreviations: ['TENS', 'NMES', 'EMS', 'CPM', 'DME', 'IF', 'LSO', 'TLSO'],
});

const THERAPY = matcher({
  words: [
    'physical therap(?:y|ies|ist)', 'physiotherapy', 'occupational therap(?:y|ies)', 'aquatic therap(?:y|ies)', 'pool therap(?:y|ies)',
    'acupuncture', 'electroacupuncture', 'chiropractic', 'chiropractor', 'manipulations?', 'manual therap(?:y|ies)', 'massage',
    'myofascial release', 'work hardening', 'work conditioning', 'functional restoration', 'rehabilitation', 'rehab', 'cognitive behavio(?:u)?ral',
    'psychotherapy', 'counsel(?:l)?ing', 'biofeedback', 'neurofeedback', 'home exercise', 'exercises?', 'traction', 'iontophoresis',
    'electrical stimulation', 'e stim', 'shock wave', 'speech therap(?:y|ies)', 'vestibular', 'therap(?:y|ies)', 'sessions?', 'visits?',
  ],
  abbreviations: ['PT', 'OT', 'CBT', 'FRP', 'ESWT', 'HEP'],
});

/** Strength, quantity and dosage form as written in medication requests ("10/325mg #60", "5%, 240 grams"). */
const DOSE =
  /\d(?:[\d.,/-]*\d)?\s*(?:mg|mcg|µg|g|gm|gms|grams?|ml|cc|iu|units?|meq)(?![A-Za-z])|\d\s*%|#\s*\d|\b(?:tabs?|tablets?|capsules?|caps|cream|gel|ointment|lotion|patch(?:es)?|suspension|solution|spray|drops|suppositor(?:y|ies)|compound(?:ed)?|transdermal|topical|refills?|oral)\b/i;

/** Drugs often disputed in workers' compensation, by generic and brand name; suffixes catch the rest of their classes. */
const DRUG = matcher({
  words: [
    'norco', 'vicodin', 'hydrocodone', 'oxycodone', 'oxycontin', 'percocet', 'tramadol', 'ultram', 'tapentadol', 'nucynta', 'morphine',
    'fentanyl', 'duragesic', 'buprenorphine', 'butrans', 'suboxone', 'methadone', 'hydromorphone', 'dilaudid', 'codeine', 'gabapentin',
    'neurontin', 'pregabalin', 'lyrica', 'cyclobenzaprine', 'flexeril', 'baclofen', 'tizanidine', 'zanaflex', 'orphenadrine', 'norflex',
    'methocarbamol', 'robaxin', 'carisoprodol', 'soma', 'metaxalone', 'skelaxin', 'naproxen', 'anaprox', 'ibuprofen', 'motrin', 'meloxicam',
    'mobic', 'celecoxib', 'celebrex', 'diclofenac', 'voltaren', 'flector', 'etodolac', 'nabumetone', 'ketoprofen', 'flurbiprofen',
    'ketorolac', 'toradol', 'indomethacin', 'aspirin', 'acetaminophen', 'tylenol', 'omeprazole', 'prilosec', 'pantoprazole', 'protonix',
    'esomeprazole', 'nexium', 'lansoprazole', 'ranitidine', 'famotidine', 'lidocaine', 'lidoderm', 'lidopro', 'capsaicin', 'terocin',
    'menthoderm', 'duloxetine', 'cymbalta', 'amitriptyline', 'nortriptyline', 'trazodone', 'sertraline', 'zoloft', 'fluoxetine', 'prozac',
    'bupropion', 'wellbutrin', 'venlafaxine', 'effexor', 'zolpidem', 'ambien', 'eszopiclone', 'lunesta', 'diazepam', 'valium', 'alprazolam',
    'xanax', 'clonazepam', 'klonopin', 'lorazepam', 'ativan', 'topiramate', 'topamax', 'sumatriptan', 'imitrex', 'ondansetron', 'zofran',
    'docusate', 'colace', 'senna', 'senokot', 'prednisone', 'medrol', 'methylprednisolone', 'synapryn', 'tabradol', 'deprizine',
    'dicopanol', 'fanatrex', 'theramine', 'sentra', 'cyclophene', 'ketophene', 'misoprostol', 'dextromethorphan',
    '[a-z]+(?:profen|coxib|azepam|azolam|prazole|tidine|triptyline|codone|morphone|caine|xicam|barbital|setron|triptan|statin|sartan)',
  ],
});

/** Prefixes that frame a request without saying what it is. */
const FRAMING =
  /^(?:\s*(?:associated surgical services?|retrospective(?: request)?|retro|prospective|labs to include|request(?:ed)? for|dos\s*[\d/]+)\b\s*[:\-,]?\s*)+/i;

export function treatmentKindOf(title: string): TreatmentKind {
  const t = title.replace(FRAMING, '');
  if (CONSULTATION.test(t)) return 'other';
  if (INJECTION.test(t)) return 'injection';
  if (SURGERY.test(t)) return 'surgery';
  if (ULTRASOUND.test(t) && !IMAGING.test(t)) return SESSIONS.test(t) ? 'therapy' : 'imaging';
  if (IMAGING.test(t)) return 'imaging';
  if (DRUG.test(t)) return 'medication';
  if (EQUIPMENT.test(t)) return 'equipment';
  if (THERAPY.test(t)) return 'therapy';
  if (DOSE.test(t)) return 'medication';
  return 'other';
}
