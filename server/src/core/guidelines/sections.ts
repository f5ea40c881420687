/**
 * Section names that letters cite after "Section(s):" for each MTUS part
 * ("Decision based on MTUS Knee Complaints 2004, Section(s): Special Studies").
 * Completion offers them; nothing checks a citation against this list, so a
 * section missing here is only a missing suggestion.
 *
 * Most entries are spelled as a real letter of the shared corpus spells them
 * (the case number is the source). The 2004 ACOEM body-part chapters share
 * their headings, so a heading cited for one of those parts is offered for the
 * others too, with a source that says so.
 */
export interface MtusSection {
  /** The MTUS part's id (see mtus.ts), e.g. "knee-complaints". */
  readonly part: string;
  /** As cited, e.g. "Special Studies", "Physical medicine treatment". */
  readonly name: string;
  readonly source: string;
}

const corpus = (...cases: string[]) => `corpus: cited in ${cases.join(', ')}`;

/** Cited for one part, per part: [part id, name, case numbers...]. Most cited first within a part. */
const CITED: ReadonlyArray<readonly [string, string, ...string[]]> = [
  ['chronic-pain-medical-treatment', 'Physical medicine treatment', 'CM16-0228949', 'CM16-0231745'],
  ['chronic-pain-medical-treatment', 'Topical analgesics', 'CM16-0247802', 'CM17-0009995'],
  ['chronic-pain-medical-treatment', 'Muscle relaxants (for pain)', 'CM16-0233904', 'CM16-0237163'],
  ['chronic-pain-medical-treatment', 'Electrodiagnostic testing (EMG/NCS)', 'CM16-0247287', 'CM17-0003619'],
  ['chronic-pain-medical-treatment', 'NSAIDs, GI symptoms & cardiovascular risk', 'CM16-0245466', 'CM17-0009995'],
  ['chronic-pain-medical-treatment', 'Cyclobenzaprine (Flexeril)', 'CM16-0237163', 'CM16-0245466'],
  ['chronic-pain-medical-treatment', 'Proton Pump Inhibitors (PPIs)', 'CM16-0245466', 'CM17-0013625'],
  ['chronic-pain-medical-treatment', 'NSAIDs (non-steroidal anti-inflammatory drugs)', 'CM16-0245466', 'CM17-0013320'],
  ['chronic-pain-medical-treatment', 'Office visits', 'CM16-0231745', 'CM16-0236380'],
  ['chronic-pain-medical-treatment', 'Manual therapy & manipulation', 'CM16-0231706', 'CM16-0231745'],
  ['chronic-pain-medical-treatment', 'TENS, chronic pain (transcutaneous electrical nerve stimulation)', 'CM16-0231745', 'CM17-0017776'],
  ['chronic-pain-medical-treatment', 'NSAIDs, specific drug list & adverse effects', 'CM16-0245466', 'CM17-0019171'],
  ['chronic-pain-medical-treatment', 'NSAIDs, hypertension and renal function', 'CM17-0019171'],
  ['chronic-pain-medical-treatment', 'Flector patch (diclofenac epolamine)', 'CM16-0245466'],
  ['chronic-pain-medical-treatment', 'Gabapentin (Neurontin)', 'CM17-0013625'],
  ['chronic-pain-medical-treatment', 'Antiepilepsy drugs (AEDs) for pain', 'CM17-0013625'],
  ['chronic-pain-medical-treatment', 'Celebrex (celecoxib)', 'CM17-0013625'],
  ['chronic-pain-medical-treatment', 'Lidoderm (lidocaine patch)', 'CM16-0245466'],
  ['chronic-pain-medical-treatment', 'Home health services', 'CM16-0249726', 'CM16-0249735'],
  ['chronic-pain-medical-treatment', 'Insomnia treatment', 'CM17-0013625'],
  ['chronic-pain-medical-treatment', 'Epidural steroid injections (ESIs)', 'CM17-0006287'],
  ['chronic-pain-medical-treatment', 'Psychological treatment', 'CM16-0231884'],
  ['chronic-pain-medical-treatment', 'Ultrasound, therapeutic', 'CM16-0231745'],
  ['chronic-pain-medical-treatment', 'Naproxen (Naprosyn, EC-Naprosyn, EC-Naprosyn, Anaprox, Anaprox DS [otc], Naprelan)', 'CM17-0013716'],
  ['general-approaches', 'Initial Approaches to Treatment', 'CM17-0017776', 'CM17-0019011'],
  ['general-approaches', 'Cornerstones of Disability Prevention and Management', 'CM17-0007142'],
  ['elbow-complaints', 'Diagnostic Criteria', 'CM16-0240259'],
  ['low-back-complaints', 'Physical Methods', 'CM16-0245466', 'CM17-0003890'],
  ['low-back-complaints', 'General Approach', 'CM17-0009282'],
  ['forearm-wrist-and-hand-complaints', 'Work-Relatedness', 'CM16-0228949'],
  ['opioid-treatment', '3.3.9 Opioids for Chronic Pain and Chronic Opioid Treatment: Maintenance of Chronic Opioid Treatment', 'CM16-0247802', 'CM17-0014438'],
  ['opioid-treatment', '1.3 Opioids for Acute Pain: Severe Acute Injuries', 'CM16-0239110'],
  ['opioid-treatment', '1.4 Opioids for Acute Pain: Opioids for Post-operative Pain', 'CM16-0234202'],
  ['opioid-treatment', '2. Opioids for Subacute Pain', 'CM17-0013077'],
  ['opioid-treatment', '4.1 Tapering Opioids: Indications for Tapering Opioids', 'CM17-0015790'],
  ['postsurgical-treatment', 'Forearm, Wrist, & Hand', 'CM16-0228949'],
];

/** Headings of the ACOEM 2nd ed. body-part chapters, with the parts the corpus cites each for. */
const BODY_PART_HEADINGS: ReadonlyArray<readonly [string, ReadonlyArray<readonly [string, string]>]> = [
  ['Special Studies', [['knee-complaints', 'CM16-0249320'], ['low-back-complaints', 'CM16-0239479'], ['neck-and-upper-back-complaints', 'CM16-0224814'], ['shoulder-complaints', 'CM17-0002106'], ['forearm-wrist-and-hand-complaints', 'CM16-0240259']]],
  ['Initial Care', [['knee-complaints', 'CM17-0008633'], ['low-back-complaints', 'CM17-0003890'], ['neck-and-upper-back-complaints', 'CM17-0010885'], ['shoulder-complaints', 'CM17-0011517']]],
  ['Surgical Considerations', [['shoulder-complaints', 'CM16-0238035']]],
  ['Diagnostic Criteria', [['knee-complaints', 'CM17-0019120'], ['forearm-wrist-and-hand-complaints', 'CM16-0247287']]],
  ['Summary', [['low-back-complaints', 'CM17-0006287'], ['neck-and-upper-back-complaints', 'CM17-0017776'], ['forearm-wrist-and-hand-complaints', 'CM16-0240259']]],
];

/**
 * The 2004 body-part parts, whose chapters share one layout. The Elbow part is the 2007 revision
 * with its own layout, and no letter here cites a section of the Eye part: both keep only what is cited.
 */
const SHARED_LAYOUT_PARTS = [
  'neck-and-upper-back-complaints',
  'shoulder-complaints',
  'forearm-wrist-and-hand-complaints',
  'low-back-complaints',
  'knee-complaints',
  'ankle-and-foot-complaints',
];

const OPIOIDS_TOC = 'MTUS Opioids Treatment Guidelines (8 CCR 9792.24.4), table of contents; numbered as the corpus cites the other sections';
const DOMAIN_POSTSURGICAL = 'domain.md: Postsurgical Treatment Guidelines sections name a body part';

/** Well-known sections the corpus does not cite, each with its source. */
const KNOWN: ReadonlyArray<readonly [string, string, string]> = [
  ['opioid-treatment', '1.1 Opioids for Acute Pain: Mild Acute Injuries', OPIOIDS_TOC],
  ['opioid-treatment', '1.2 Opioids for Acute Pain: Moderate to Severe Acute Soft-Tissue Injuries', OPIOIDS_TOC],
  ['opioid-treatment', '3.1 Opioids for Chronic Pain and Chronic Opioid Treatment: Comprehensive Evaluation and Assessment of Patient', OPIOIDS_TOC],
  ['postsurgical-treatment', 'Knee', DOMAIN_POSTSURGICAL],
  ['postsurgical-treatment', 'Shoulder', DOMAIN_POSTSURGICAL],
  ['postsurgical-treatment', 'Elbow & Upper Arm', DOMAIN_POSTSURGICAL],
];

function build(): MtusSection[] {
  const out: MtusSection[] = [];
  const add = (part: string, name: string, source: string) => {
    if (!out.some((s) => s.part === part && s.name === name)) out.push({ part, name, source });
  };
  for (const [heading, citedFor] of BODY_PART_HEADINGS) {
    for (const part of SHARED_LAYOUT_PARTS) {
      const own = citedFor.find(([p]) => p === part);
      const others = citedFor.map(([p, c]) => `${p} (${c})`).join(', ');
      add(part, heading, own ? corpus(own[1]) : `the 2004 ACOEM body-part chapters share this heading; corpus cites it for ${others}`);
    }
  }
  for (const [part, name, ...cases] of CITED) add(part, name, corpus(...cases));
  for (const [part, name, source] of KNOWN) add(part, name, source);
  return out;
}

export const MTUS_SECTIONS: readonly MtusSection[] = build();

const BY_PART: ReadonlyMap<string, readonly MtusSection[]> = (() => {
  const map = new Map<string, MtusSection[]>();
  for (const s of MTUS_SECTIONS) {
    const list = map.get(s.part) ?? [];
    list.push(s);
    map.set(s.part, list);
  }
  return map;
})();

/** The sections known for an MTUS part, most cited first (empty for a part with none known). */
export function sectionsOfPart(partId: string): readonly MtusSection[] {
  return BY_PART.get(partId) ?? [];
}
