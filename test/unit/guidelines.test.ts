import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACOEM_CHAPTERS,
  MTUS_PARTS,
  ODG_CHAPTERS,
  REGIONS,
  acoemChapter,
  acoemChapterByTitle,
  acoemChapterOfPage,
  acoemTitleMatches,
  chapterFitsRegions,
  chaptersOfCitation,
  citationFit,
  classifyCitation,
  findMtusParts,
  mtusPartByName,
  odgChapterByName,
  postsurgicalRegions,
  regionLabel,
  regionsIn,
  regionsInText,
  regionsOfTitle,
  titleFitsChapter,
  type CitationLike,
  type Region,
} from '../../server/src/core/guidelines';
import { analyseText } from '../../server/src/core';
import { corpusLetters } from './support/corpus';

const odg = (text: string): CitationLike => ({ kind: 'odg', text: `Decision based on Non-MTUS Citation ${text}` });
const mtus = (text: string): CitationLike => ({ kind: 'mtus', text: `Decision based on MTUS ${text}` });
const acoem = (chapter: number, title: string): CitationLike => ({
  kind: 'acoem',
  chapter,
  title,
  text: `Decision based on MTUS ACOEM Chapter ${chapter} ${title}`,
});

/** Every distinct ODG citation in the corpus (free text after "Non-MTUS Citation"), with the chapter(s) it names. */
const ODG_SPELLINGS: ReadonlyArray<readonly [string, string | undefined, string[]?]> = [
  ['Official Disability Guidelines (ODG).', undefined],
  ['Official Disability Guidelines (ODG) Low Back Chapter, Preoperative lab testing.', 'ODG Low Back'],
  ['Official Disability Guidelines (ODG) Knee & Leg, Durable medical equipment (DME).', 'ODG Knee & Leg'],
  ['Official Disability Guidelines (ODG), ODG-TWC Low Back Procedure Summary', 'ODG Low Back'],
  ['Official Disability Guidelines (ODG), Neck & Upper Back (Acute & Chronic).', 'ODG Neck and Upper Back'],
  ['Official Disability Guidelines (ODG), Low Back.', 'ODG Low Back'],
  ['Official Disability Guidelines (ODG), Low Back, Lumbar & Thoracic (Acute & Chronic).', 'ODG Low Back'],
  ['Official Disability Guidelines (ODG), Knee.', 'ODG Knee & Leg'],
  ['Official Disability Guidelines (ODG), Knee and Leg Chapter, Durable medical equipment.', 'ODG Knee & Leg'],
  ['Official Disability Guidelines: Physical Therapy Guidelines.', 'ODG Physical Therapy Guidelines'],
  ['Official Disability Guidelines, Pain, Benzodiazepines.', 'ODG Pain (Chronic)'],
  ['Official Disability Guidelines, Neck and upper back.', 'ODG Neck and Upper Back'],
  [
    'Official Disability Guidelines, Neck and Upper Back, TENS (Transcutaneous electrical nerve stimulation); Low Back - Lumbar & Thoracic (Acute & Chronic).',
    'ODG Neck and Upper Back',
    ['ODG Neck and Upper Back', 'ODG Low Back'],
  ],
  ['Official Disability Guidelines, Lumbar & Thoracic (Acute & Chronic), MRI (Magnetic Resonance Imaging).', 'ODG Low Back'],
  ['Official Disability Guidelines, Low Back - MRIs.', 'ODG Low Back'],
  ['Official Disability Guidelines, Knee and Leg Chapter, MRIs (magnetic resonance imaging).', 'ODG Knee & Leg'],
  ['Official Disability Guidelines, Head Chapter (updated 11/3/16): EEG (neurofeedback).', 'ODG Head'],
  [
    'Official Disability Guidelines, Forearm, Wrist, and Hand Chapter (Online Version): Physical/Occupational Therapy, Official Disability Guidelines, Physical/Occupational Therapy Guidelines: Trigger Finger.',
    'ODG Forearm, Wrist & Hand',
    ['ODG Forearm, Wrist & Hand', 'ODG Physical Therapy Guidelines'],
  ],
  ['Official Disability Guidelines, Elbow Chapter, Physical Therapy Guidelines.', 'ODG Elbow', ['ODG Elbow', 'ODG Physical Therapy Guidelines']],
  ['Official Disability Guidelines, 2016, Web Version, Criteria for skilled nursing facility.', undefined],
  ['Official Disability Guidelines online treatment guidelines, http://www.odg-twc.com/odgtwc/Low_Back.html', 'ODG Low Back'],
  ['Official Disability Guidelines - Low Back Procedures.', 'ODG Low Back'],
  ['Official Disability Guidelines (http://www.odg-twc.com/odgtwc/neck.html)', 'ODG Neck and Upper Back'],
  ['MTUS Official Disability Guidelines (http://www.odg-twc.com/odgtwc/neck.html)', 'ODG Neck and Upper Back'],
  ['Official Disability Guidelines (ODG): Physical Therapy Guidelines.', 'ODG Physical Therapy Guidelines'],
  [
    'Official Disability Guidelines (ODG), Work Loss Data Institute (21th Annual Edition), 2016, Neck and Upper Back (Acute & Chronic) Chapter.',
    'ODG Neck and Upper Back',
  ],
  ['Official Disability Guidelines (ODG), Shoulder.', 'ODG Shoulder'],
  ['Official Disability Guidelines (ODG), Shoulder (updated 11/23/16).', 'ODG Shoulder'],
  ['Official Disability Guidelines (ODG), Shoulder (Acute and Chronic), Rotator cuff repair, Acromioplasty, Mumford procedure.', 'ODG Shoulder'],
  ['Official Disability Guidelines (ODG), Physical Therapy Guidelines.', 'ODG Physical Therapy Guidelines'],
  ['Official Disability Guidelines (ODG), Pain Chapter, Meloxicam.', 'ODG Pain (Chronic)'],
  ['Official Disability Guidelines (ODG), Pain (Chronic), Lidoderm (Lidocaine patch).', 'ODG Pain (Chronic)'],
  ['Official Disability Guidelines (ODG), Neck and Upper Back, Magnetic resonance imaging (MRI).', 'ODG Neck and Upper Back'],
  ['Official Disability Guidelines (ODG), Neck and Upper Back (updated 11/16/16), Magnetic Resonance Imaging (MRI).', 'ODG Neck and Upper Back'],
  ['Official Disability Guidelines (ODG), Low back chapter - MRIs (magnetic resonance imaging).', 'ODG Low Back'],
  ['Official Disability Guidelines (ODG), Knee and Leg Chapter.', 'ODG Knee & Leg'],
  ['Official Disability Guidelines (ODG), Knee and Leg (Acute and Chronic): Platelet-rich plasma (2016).', 'ODG Knee & Leg'],
  [
    'Official Disability Guidelines (ODG), Knee Official Disability Guidelines (ODG), Physical Therapy Guidelines.',
    'ODG Knee & Leg',
    ['ODG Knee & Leg', 'ODG Physical Therapy Guidelines'],
  ],
  ['Official Disability Guidelines (ODG), Knee & Leg (updated 11/22/16) Chapter: Skilled nursing facility (SNF) care.', 'ODG Knee & Leg'],
  [
    'Official Disability Guidelines (ODG), Integrated Treatment/ Disability Duration Guidelines, Neck and Upper Back (Acute & Chronic).',
    'ODG Neck and Upper Back',
    ['ODG Neck and Upper Back'],
  ],
  ['Official Disability Guidelines (ODG), Hernia Chapter, Imaging.', 'ODG Hernia'],
  ['Official Disability Guidelines (ODG), Head (updated 11/22/16).', 'ODG Head'],
  ['Official Disability Guidelines (ODG) Shoulder/MR Arthrogram.', 'ODG Shoulder'],
  ['Official Disability Guidelines (ODG) Shoulder, MRI.', 'ODG Shoulder'],
  ['Official Disability Guidelines (ODG) Shoulder Chapter, Surgery for SLAP lesions.', 'ODG Shoulder'],
  ['Official Disability Guidelines (ODG) Pain, MRI.', 'ODG Pain (Chronic)'],
  ['Official Disability Guidelines (ODG) Pain (Chronic), Home Health Services.', 'ODG Pain (Chronic)'],
  ['Official Disability Guidelines (ODG) Pain (Chronic) Acupuncture.', 'ODG Pain (Chronic)'],
  ['Official Disability Guidelines (ODG) Pain (Benzodiazepines).', 'ODG Pain (Chronic)'],
  ['Official Disability Guidelines (ODG) Neck, Magnetic Resonance Imaging', 'ODG Neck and Upper Back'],
  ['Official Disability Guidelines (ODG) Neck section, Physical therapy.', 'ODG Neck and Upper Back'],
  ['Official Disability Guidelines (ODG) Neck and Upper Back.', 'ODG Neck and Upper Back'],
  ['Official Disability Guidelines (ODG) Neck and Upper Back Chapter-MRI.', 'ODG Neck and Upper Back'],
  ['Official Disability Guidelines (ODG) Neck & Upper Back Chapter.', 'ODG Neck and Upper Back'],
  ['Official Disability Guidelines (ODG) Low back section, Physical therapy.', 'ODG Low Back'],
  [
    'Official Disability Guidelines (ODG) Low Back/Intra-operative monitoring and Other Medical Treatment Guidelines http://www.aetna.com/cpb/medical/data/100_199/0181.html.',
    'ODG Low Back',
  ],
  ['Official Disability Guidelines (ODG) Low Back, Nerve Conduction Studies', 'ODG Low Back'],
  ['Official Disability Guidelines (ODG) Low Back, Electromyography', 'ODG Low Back'],
  [
    'Official Disability Guidelines (ODG) Low Back ChapterOther Medical Treatment Guideline or Medical Evidence: Peer-reviewed literature (Segmental Lumbar Spine Instability at Flexion-Extension Radiography can be Predicted by Conventional Radiography).',
    'ODG Low Back',
    ['ODG Low Back'],
  ],
  ['Official Disability Guidelines (ODG) Low Back Chapter, Heat therapy.', 'ODG Low Back'],
  [
    'Official Disability Guidelines (ODG) Knee/DME, Low Back Lumbar and Thoracic/Mattress selection and Other Medical Treatment Guidelines https://www.cms.gov/Regulations-and-Guidance/Guidance/Transmittals/downloads/R148CIM.pdf.',
    'ODG Knee & Leg',
    ['ODG Knee & Leg', 'ODG Low Back'],
  ],
  ['Official Disability Guidelines (ODG) Knee and Leg, Physical medicine treatment.', 'ODG Knee & Leg'],
  ['Official Disability Guidelines (ODG) Knee and Leg Chapter Guidelines.', 'ODG Knee & Leg'],
  ['Official Disability Guidelines (ODG) Knee - Platelet-rich plasma (PRP).', 'ODG Knee & Leg'],
  ['Official Disability Guidelines (ODG) Knee & Leg Chapter, MRI.', 'ODG Knee & Leg'],
  ['Official Disability Guidelines (ODG) Hernia section, Imaging.', 'ODG Hernia'],
  ['Official Disability Guidelines (ODG) Head, CT (computed tomography).', 'ODG Head'],
  ['Official Disability Guidelines (ODG) Head section, Electroencephalography.', 'ODG Head'],
  [
    'Official Disability Guidelines (ODG) Forearm, Wrist and Hand Chapter (updated 11/23/16) Electrodiagnostic studies (EDS), Nerve conduction studies (NCS).',
    'ODG Forearm, Wrist & Hand',
  ],
  ['Official Disability Guidelines (ODG) 2016 Shoulder Chapter: MR arthrogram.', 'ODG Shoulder'],
  ['ODG Neck and Upper Back Chapter.', 'ODG Neck and Upper Back'],
  ['ODG Chiropractic guidelines.', 'ODG Chiropractic Guidelines'],
  ['Neck and Upper Back, Physical Therapy, ODG Preface – Physical Therapy.', 'ODG Neck and Upper Back', ['ODG Neck and Upper Back', 'ODG Preface']],
];

/** Every distinct MTUS citation form in the corpus, with the part(s) it names. */
const MTUS_SPELLINGS: ReadonlyArray<readonly [string, string[]]> = [
  ['Chronic Pain Medical Treatment 2016, Section(s): Topical analgesics.', ['MTUS Chronic Pain Medical Treatment 2016']],
  ['Chronic Pain Medical Treatment 2009, Section(s): Epidural steroid injections (ESIs).', ['MTUS Chronic Pain Medical Treatment 2009']],
  [
    'Chronic Pain Medical Treatment 2016, Section(s): TENS, chronic pain (transcutaneous electrical nerve stimulation).',
    ['MTUS Chronic Pain Medical Treatment 2016'],
  ],
  ['Low Back Complaints 2004, Section(s): Special Studies.', ['MTUS Low Back Complaints 2004']],
  ['Low Back Complaints 2004, Section(s): General Approach.', ['MTUS Low Back Complaints 2004']],
  ['Neck and Upper Back Complaints 2004.', ['MTUS Neck and Upper Back Complaints 2004']],
  ['Shoulder Complaints 2004, Section(s): Surgical Considerations.', ['MTUS Shoulder Complaints 2004']],
  ['Knee Complaints 2004, Section(s): Diagnostic Criteria, Special Studies.', ['MTUS Knee Complaints 2004']],
  ['Acupuncture Treatment 2007.', ['MTUS Acupuncture Treatment 2007']],
  [
    'Opioid Treatment 2016, Section(s): 3.3.9 Opioids for Chronic Pain and Chronic Opioid Treatment: Maintenance of Chronic Opioid Treatment.',
    ['MTUS Opioid Treatment 2016'],
  ],
  ['Opioid Treatment 2016, Section(s): 2. Opioids for Subacute Pain.', ['MTUS Opioid Treatment 2016']],
  ['General Approaches 2004, Section(s): Cornerstones of Disability Prevention and Management.', ['MTUS General Approaches 2004']],
  [
    'General Approaches 2004, Section(s): Initial Approaches to Treatment, and Neck and Upper Back Complaints 2004, Section(s): Summary.',
    ['MTUS General Approaches 2004', 'MTUS Neck and Upper Back Complaints 2004'],
  ],
  [
    'General Approaches 2004, and Chronic Pain Medical Treatment 2016, Section(s): Physical medicine treatment.',
    ['MTUS General Approaches 2004', 'MTUS Chronic Pain Medical Treatment 2016'],
  ],
  ['Forearm, Wrist, and Hand Complaints 2004, Section(s): Diagnostic Criteria.', ['MTUS Forearm, Wrist, and Hand Complaints 2004']],
  [
    'Forearm, Wrist, and Hand Complaints 2004, Section(s): Work-Relatedness, and Postsurgical Treatment 2009, Section(s): Forearm, Wrist, & Hand, and Chronic Pain Medical Treatment 2016, Section(s): Physical medicine treatment.',
    [
      'MTUS Forearm, Wrist, and Hand Complaints 2004',
      'MTUS Postsurgical Treatment 2009 (Forearm, Wrist, & Hand)',
      'MTUS Chronic Pain Medical Treatment 2016',
    ],
  ],
  ['Elbow Complaints 2007, Section(s): 326.', ['MTUS Elbow Complaints 2007']],
  [
    'Elbow Complaints 2007, Section(s): Diagnostic Criteria, and Forearm, Wrist, and Hand Complaints 2004, Section(s): Special Studies, Summary.',
    ['MTUS Elbow Complaints 2007', 'MTUS Forearm, Wrist, and Hand Complaints 2004'],
  ],
  ['Shoulder Complaints 2004, and Low Back Complaints 2004.', ['MTUS Shoulder Complaints 2004', 'MTUS Low Back Complaints 2004']],
  ['Low Back Complaints 2004, and Opioid Treatment 2016.', ['MTUS Low Back Complaints 2004', 'MTUS Opioid Treatment 2016']],
  [
    'Low Back Complaints 2004, Section(s): Initial Care, Physical Methods, and Chronic Pain Medical Treatment 2016, Section(s): Physical medicine treatment.',
    ['MTUS Low Back Complaints 2004', 'MTUS Chronic Pain Medical Treatment 2016'],
  ],
  ['ACOEM Chapter 8 Neck and Upper Back Complaints Page(s): 177-178.', ['ACOEM Chapter 8 Neck and Upper Back Complaints']],
  ['ACOEM Chapter 12 Low Back Complaints Page(s): 303-304.', ['ACOEM Chapter 12 Low Back Complaints']],
];

describe('regions', () => {
  it('has a label for every region', () => {
    for (const r of REGIONS) assert.ok(regionLabel(r).length > 0, r);
    assert.equal(regionLabel('neck'), 'neck and upper back');
    assert.equal(regionLabel('lowBack'), 'low back');
    assert.equal(REGIONS.length, 15);
  });

  it('finds anatomy words with their spans', () => {
    const title = 'MRI of the cervical spine without contrast';
    const [m, ...rest] = regionsOfTitle(title);
    assert.equal(rest.length, 0);
    assert.equal(m!.region, 'neck');
    assert.equal(title.slice(m!.start, m!.end), m!.text);
    assert.equal(m!.text, 'cervical spine');
  });

  const cases: ReadonlyArray<readonly [string, Region[]]> = [
    ['Cervical spine x-rays', ['neck']],
    ['MRI Cervical', ['neck']],
    ['Initial acupuncture, 1 to 2 times per week for 4 weeks, for the neck', ['neck']],
    ['CT scan of the thoracic spine', ['thoracic']],
    ['T-spine MRI', ['thoracic']],
    ['MRI of The Lumbar Spine', ['lowBack']],
    ['Physical therapy two times a week for three weeks for lumbar', ['lowBack']],
    ['Lumbosacral orthosis', ['lowBack']],
    ['Back support', ['lowBack']],
    ['Back brace', ['lowBack']],
    ['Right shoulder arthroscopy RCR (rotator cuff repair) and decompression', ['shoulder']],
    ['Operative arthroscopy, superior labral anterior posterior repair, right shoulder', ['shoulder']],
    ['physical therapy 2 times a week for 6 weeks (12 sessions) to the right elbow', ['elbow']],
    // An electrodiagnostic study of a limb part studies the whole limb's nerves.
    ['EMG/NCS of the bilateral hand', ['upperExtremity']],
    ['Carpal tunnel MRI of the left hand', ['forearmWristHand']],
    ['Carpal tunnel release, left wrist', ['forearmWristHand']],
    ['Trigger finger injection', ['forearmWristHand']],
    ['Associated surgical service: Hip pad', ['hip']],
    ['Left knee MRI without contrast', ['knee']],
    ['Acute inpatient rehabilitation 7-10 days for left foot fracture', ['ankleFoot']],
    ['Custom orthotics for both feet', ['ankleFoot']],
    ['Right ankle brace', ['ankleFoot']],
    ['CT scan of the head', ['head']],
    ['Headache evaluation', ['head']],
    ['Brain MRI', ['head']],
    ['Eye examination', ['eye']],
    ['CT scan of abdomen and pelvis with contrast', ['abdomen', 'hip']],
    ['Inguinal hernia repair', ['abdomen']],
    ['Electromyography (EMG) of The Bilateral Upper Extremities', ['upperExtremity']],
    ['EMG of the left upper extremity', ['upperExtremity']],
    ['NCV BUE', ['upperExtremity']],
    ['EMG of the bilateral lower extremities', ['lowerExtremity']],
    ['Associated surgical service: 2 leg wraps', ['lowerExtremity']],
    ['EMG of the upper and lower extremities', ['upperExtremity', 'lowerExtremity']],
    ['SSEP of the lumbar and lower extremities', ['lowBack', 'lowerExtremity']],
    ['Physical therapy treatments for the left shoulder wrist and hip', ['shoulder', 'forearmWristHand', 'hip']],
    ['TENS unit, daily trial, cervical and thoracic spine, #30', ['neck', 'thoracic']],
    ['Six physical therapy sessions for the neck, left trapezius and low back', ['neck', 'lowBack']],
    ['Thoracolumbar brace', ['thoracic', 'lowBack']],
    ['SI joint injection', ['lowBack', 'hip']],
    // The spine without a level is the spine in general; a level or a part's name says which part.
    ['TOC to ortho spine surgeon eval and treatment', ['spine']],
    ['CT of the spine and sacrum', ['spine', 'lowBack']],
    ['Spinal manipulation 1 times 8', ['spine']],
    ['Spine surgery evaluation for the lumbar', ['lowBack']],
    ['Spine surgery at L4-5', ['lowBack']],
    ['Spinal cord stimulator trial', []],
    // A study of limb parts named with the spine looks where the title says: no whole limb.
    ['EMG/NCS of the hip and low back', ['hip', 'lowBack']],
    ['EMG of the left knee', ['lowerExtremity']],
  ];
  for (const [title, expected] of cases) {
    it(`classifies "${title}"`, () => assert.deepEqual(regionsIn(title), expected));
  }

  it('has no region for titles that name none', () => {
    for (const title of [
      'Norco 10/325mg #60',
      'Cyclobenzaprine 7.5mg #60',
      'Flurbiprofen 10%/Dextromethorphan 5%/Lidocaine 5%, 120grams #1',
      'Oxycodone HCL ER 20mg #60 day supply: 30',
      'Comprehensive psychological testing',
      'Hospital bed for an unspecified rental',
      'Sit-stand workstation',
      'Associated surgical service: Arc sling',
      'Pre-operative PT/PTT',
    ]) {
      assert.deepEqual(regionsOfTitle(title), [], title);
    }
  });
});

describe('region traps', () => {
  it('a knee scooter is not a knee item', () => {
    assert.ok(!regionsIn('Knee scooter rental').includes('knee'));
    assert.ok(!regionsIn('Purchase of a knee-scooter').includes('knee'));
    assert.ok(!regionsIn('Knee walker for left ankle fracture').includes('knee'));
    assert.deepEqual(regionsIn('Knee walker for left ankle fracture'), ['ankleFoot']);
  });

  it('wheelchair does not contain a heel', () => {
    assert.deepEqual(regionsIn('Standard wheelchair for a 3 month rental'), []);
    assert.deepEqual(regionsIn('Wheelchair cushion'), []);
  });

  it('a heel lift is a foot device', () => {
    assert.deepEqual(regionsIn('Heel lift'), ['ankleFoot']);
  });

  it('matches whole words only', () => {
    assert.deepEqual(regionsIn('Overhead pulley'), []);
    assert.deepEqual(regionsIn('Herniated disc workup'), []);
    assert.deepEqual(regionsIn('Forearm splint'), ['forearmWristHand']); // not "arm"
    assert.deepEqual(regionsIn('Right-handed grip strength test'), []);
    assert.deepEqual(regionsIn('Hand-held shower'), []);
    assert.deepEqual(regionsIn('Armchair'), []);
  });

  it('EMDR is a psychotherapy, not an eye treatment', () => {
    assert.deepEqual(regionsIn('Eye movement desensitization and reprocessing, 6 sessions'), []);
  });

  it('a femoral neck fracture is a hip item', () => {
    assert.deepEqual(regionsIn('ORIF femoral neck fracture'), ['hip']);
  });

  it('is case-insensitive for words and ignores sides', () => {
    assert.deepEqual(regionsIn('BILATERAL KNEE X-RAYS'), ['knee']);
    assert.deepEqual(regionsIn('left Shoulder and right SHOULDER'), ['shoulder']);
  });
});

describe('spine levels', () => {
  const levels: ReadonlyArray<readonly [string, Region[]]> = [
    ['Lumbar Spine Epidural Injection at L4-5 under fluoroscopy', ['lowBack']],
    ['Epidural injection L5-S1', ['lowBack']],
    ['ACDF C5-6', ['neck']],
    ['ACDF C5-C6 and C6-C7', ['neck']],
    ['Facet injection T9-10', ['thoracic']],
    ['Kyphoplasty T12', ['thoracic']],
    ['Fusion L3-L5', ['lowBack']],
    ['Medial branch block L4/5', ['lowBack']],
    ['C7-T1 epidural', ['neck', 'thoracic']],
    ['T12-L1 laminectomy', ['thoracic', 'lowBack']],
    ['S1 transforaminal injection', ['lowBack']],
  ];
  for (const [title, expected] of levels) {
    it(`reads "${title}"`, () => assert.deepEqual(regionsIn(title), expected));
  }

  it('reads a range of ranges ("C3-C4 to C6-7") as two neck mentions with exact spans', () => {
    const title = 'Cervical disc protrusion at C3-C4 to C6-7';
    const found = regionsOfTitle(title);
    assert.deepEqual(
      found.map((m) => [m.region, m.text]),
      [
        ['neck', 'Cervical'],
        ['neck', 'C3-C4'],
        ['neck', 'C6-7'],
      ],
    );
    for (const m of found) assert.equal(title.slice(m.start, m.end), m.text);
  });

  it('splits a junction range into its two regions', () => {
    const title = 'Injection at C7-T1';
    const found = regionsOfTitle(title);
    assert.deepEqual(
      found.map((m) => [m.region, m.text]),
      [
        ['neck', 'C7'],
        ['thoracic', 'T1'],
      ],
    );
  });

  it('rejects things that only look like levels', () => {
    assert.deepEqual(regionsIn('Labs: TSH, free T4, T3'), []);
    assert.deepEqual(regionsIn('MRI with T1-weighted images'), []);
    assert.deepEqual(regionsIn('C9-10'), []); // no C9
    assert.deepEqual(regionsIn('L7'), []);
    assert.deepEqual(regionsIn('Guidelines S1-20'), []);
    assert.deepEqual(regionsIn('Vitamin C1000'), []);
    assert.deepEqual(regionsIn('Norco 10/325mg #60'), []);
  });
});

describe('ACOEM chapters', () => {
  it('knows the body-part chapters with their 8 CCR sections', () => {
    assert.equal(acoemChapter(8)?.title, 'Neck and Upper Back Complaints');
    assert.equal(acoemChapter(8)?.ccr, '9792.23.1');
    assert.deepEqual(acoemChapter(8)?.regions, ['neck', 'thoracic']);
    assert.equal(acoemChapter(9)?.title, 'Shoulder Complaints');
    assert.equal(acoemChapter(11)?.title, 'Forearm, Wrist, and Hand Complaints');
    assert.equal(acoemChapter(12)?.ccr, '9792.23.5');
    assert.equal(acoemChapter(13)?.ccr, '9792.23.6');
    assert.equal(acoemChapter(16)?.ccr, '9792.23.9');
    assert.deepEqual(acoemChapter(15)?.regions, []);
    assert.equal(acoemChapter(17), undefined);
    assert.equal(acoemChapter(0), undefined);
  });

  it('only chapter 12 has a sourced page span', () => {
    const sourced = ACOEM_CHAPTERS.filter((c) => c.pages?.sourced);
    assert.deepEqual(sourced.map((c) => c.number), [12]);
    assert.deepEqual([acoemChapter(12)?.pages?.from, acoemChapter(12)?.pages?.to], [286, 326]);
    assert.equal(acoemChapter(8)?.pages?.sourced, false);
    assert.deepEqual([acoemChapter(8)?.pages?.from, acoemChapter(8)?.pages?.to], [166, 195]);
    assert.equal(acoemChapterOfPage(303)?.number, 12);
    assert.equal(acoemChapterOfPage(177)?.number, 8);
    assert.equal(acoemChapterOfPage(338)?.number, 13);
    assert.equal(acoemChapterOfPage(20), undefined);
  });

  it('general chapters 1-7 are adopted by 9792.22 and cover no region', () => {
    for (let n = 1; n <= 7; n++) {
      assert.equal(acoemChapter(n)?.ccr, '9792.22');
      assert.deepEqual(acoemChapter(n)?.regions, []);
    }
    assert.equal(acoemChapter(3)?.title, 'Initial Approaches to Treatment');
  });

  it('every entry says where it comes from', () => {
    for (const c of ACOEM_CHAPTERS) assert.ok(c.source.length > 0);
    for (const p of MTUS_PARTS) assert.ok(p.source.length > 0);
    for (const o of ODG_CHAPTERS) assert.ok(o.source.length > 0);
  });

  it('finds chapters by title and checks titles against numbers', () => {
    assert.equal(acoemChapterByTitle('Low Back Complaints')?.number, 12);
    assert.equal(acoemChapterByTitle('Neck & Upper Back Complaints')?.number, 8);
    assert.equal(acoemChapterByTitle('Elbow Complaints 2007')?.number, 10);
    assert.equal(acoemChapterByTitle('Elbow Disorders')?.number, 10);
    assert.equal(acoemChapterByTitle('Knee')?.number, 13);
    assert.equal(acoemTitleMatches(8, 'Neck and Upper Back Complaints'), true);
    assert.equal(acoemTitleMatches(8, 'Low Back Complaints'), false);
  });
});

describe('classifyCitation', () => {
  it('classifies ACOEM chapters by number', () => {
    const c = classifyCitation(acoem(12, 'Low Back Complaints'));
    assert.equal(c?.name, 'ACOEM Chapter 12 Low Back Complaints');
    assert.deepEqual(c?.regions, ['lowBack']);
    assert.equal(c?.ccr, '9792.23.5');
    assert.equal(c?.pages?.sourced, true);
    assert.equal(classifyCitation(acoem(8, 'Neck and Upper Back Complaints'))?.name, 'ACOEM Chapter 8 Neck and Upper Back Complaints');
    assert.equal(classifyCitation({ kind: 'acoem', chapter: 12, text: 'ACOEM Chapter 12' })?.id, 'acoem:12');
  });

  it('classifies an ACOEM citation named by topic only', () => {
    const c = classifyCitation({
      kind: 'other',
      text: 'Decision based on Non-MTUS Citation ACOEM: Low back disorders, diagnostic and treatment recommendations, low back pain/radicular pain, diagnostic recommendations, MRI.',
    });
    assert.deepEqual(c?.regions, ['lowBack']);
    assert.equal(c?.family, 'acoem');
  });

  it('classifies MTUS parts from a parsed title', () => {
    const c = classifyCitation({ kind: 'mtus', title: 'Knee Complaints', year: 2004, text: 'Decision based on MTUS Knee Complaints 2004.' });
    assert.equal(c?.name, 'MTUS Knee Complaints 2004');
    assert.deepEqual(c?.regions, ['knee']);
    assert.equal(c?.acoemChapter, 13);
    assert.equal(classifyCitation({ kind: 'mtus', title: 'Chronic Pain Medical Treatment', year: 2009, text: '' })?.name, 'MTUS Chronic Pain Medical Treatment 2009');
    assert.equal(mtusPartByName('Chronic Pain Medical Treatment Guidelines')?.id, 'chronic-pain-medical-treatment');
    assert.equal(mtusPartByName('Opioids Treatment 2016')?.id, 'opioid-treatment');
    assert.equal(mtusPartByName('Neck and Upper Back')?.id, 'neck-and-upper-back-complaints');
    assert.equal(mtusPartByName('Stress-Related Conditions')?.id, 'stress-related-conditions');
    assert.equal(mtusPartByName('Something else'), undefined);
  });

  for (const [text, expected] of MTUS_SPELLINGS) {
    it(`MTUS: ${text.slice(0, 70)}`, () => {
      const c = text.startsWith('ACOEM')
        ? { kind: 'acoem' as const, chapter: Number(/Chapter (\d+)/.exec(text)![1]), text: `Decision based on MTUS ${text}` }
        : mtus(text);
      assert.equal(classifyCitation(c)?.name, expected[0]);
      assert.deepEqual(chaptersOfCitation(c).map((x) => x.name), expected);
    });
  }

  it('gives a Postsurgical Treatment citation the region of its section', () => {
    const withTitle = classifyCitation({
      kind: 'mtus',
      title: 'Postsurgical Treatment',
      year: 2009,
      sections: ['Knee'],
      text: 'Decision based on MTUS Postsurgical Treatment 2009, Section(s): Knee.',
    });
    assert.deepEqual(withTitle?.regions, ['knee']);
    assert.equal(withTitle?.name, 'MTUS Postsurgical Treatment 2009 (Knee)');
    assert.deepEqual(postsurgicalRegions(['Shoulder']), ['shoulder']);
    assert.deepEqual(postsurgicalRegions(['Elbow & Upper Arm']), ['elbow']);
    assert.deepEqual(postsurgicalRegions(['Forearm, Wrist, & Hand']), ['forearmWristHand']);
    assert.deepEqual(postsurgicalRegions(['Burns']), []);
    const general = classifyCitation(mtus('Postsurgical Treatment 2009.'));
    assert.deepEqual(general?.regions, []);
    const fromText = classifyCitation(mtus('Postsurgical Treatment 2009, Section(s): Shoulder, and Chronic Pain Medical Treatment 2016.'));
    assert.deepEqual(fromText?.regions, ['shoulder']);
  });

  it('finds MTUS parts with their years in running text', () => {
    const found = findMtusParts('Decision based on MTUS Low Back Complaints 2004, and Opioid Treatment 2016.');
    assert.deepEqual(found.map((f) => [f.part.id, f.year]), [
      ['low-back-complaints', 2004],
      ['opioid-treatment', 2016],
    ]);
  });

  for (const [text, first, all] of ODG_SPELLINGS) {
    it(`ODG: ${text.slice(0, 80)}`, () => {
      assert.equal(classifyCitation(odg(text))?.name, first);
      if (all) assert.deepEqual(chaptersOfCitation(odg(text)).map((c) => c.name), all);
    });
  }

  it('maps ODG chapters to regions', () => {
    const regions = (t: string) => classifyCitation(odg(`Official Disability Guidelines (ODG) ${t}`))?.regions;
    assert.deepEqual(regions('Low Back - Lumbar & Thoracic (Acute & Chronic)'), ['lowBack', 'thoracic']);
    assert.deepEqual(regions('Neck and Upper Back Chapter'), ['neck', 'thoracic']);
    assert.deepEqual(regions('Hip & Pelvis Chapter'), ['hip']);
    assert.deepEqual(regions('Ankle & Foot Chapter'), ['ankleFoot']);
    assert.deepEqual(regions('Carpal Tunnel Syndrome Chapter'), ['forearmWristHand']);
    assert.deepEqual(regions('Forearm/Wrist & Hand'), ['forearmWristHand']);
    assert.deepEqual(regions('Eye Chapter'), ['eye']);
    assert.deepEqual(regions('Hernia'), ['abdomen']);
    assert.deepEqual(regions('Mental Illness & Stress'), []);
    assert.deepEqual(regions('Fitness for Duty'), []);
    assert.deepEqual(regions('Preface'), []);
    assert.deepEqual(regions('Integrated Treatment/Disability Duration Guidelines'), []);
  });

  it('reads ODG URL forms in "other" citations', () => {
    assert.equal(classifyCitation({ kind: 'other', text: 'http://www.odg-twc.com/odgtwc/Low_Back.html' })?.name, 'ODG Low Back');
    assert.equal(classifyCitation({ kind: 'other', text: 'www.odg-twc.com/odgtwc/shoulder.htm' })?.name, 'ODG Shoulder');
    assert.equal(classifyCitation({ kind: 'other', text: 'http://www.drugs.com/famotidine.html.' }), undefined);
    assert.equal(
      classifyCitation({ kind: 'other', text: 'Medicare Physicians Fee Schedule (MPFS); Chapter 12-Surgeons and Global Surgery' }),
      undefined,
    );
  });

  it('uses a parsed ODG title when there is one', () => {
    assert.equal(classifyCitation({ kind: 'odg', title: 'Knee and Leg Chapter', text: '' })?.name, 'ODG Knee & Leg');
    assert.equal(odgChapterByName('Pain (Chronic)')?.id, 'pain');
    assert.equal(odgChapterByName('Low Back - Lumbar & Thoracic (Acute & Chronic)')?.id, 'low-back');
  });

  it('does not take a topic for a chapter', () => {
    // "low back pain" after the chapter is a topic, not a second chapter.
    const c = odg('Official Disability Guidelines (ODG) Neck and Upper Back, Magnetic resonance imaging, for chronic pain and low back pain.');
    assert.deepEqual(chaptersOfCitation(c).map((x) => x.name), ['ODG Neck and Upper Back']);
  });
});

describe('chapterFitsRegions', () => {
  it('general chapters and region-less items always fit', () => {
    assert.equal(chapterFitsRegions([], ['knee']), true);
    assert.equal(chapterFitsRegions(['lowBack'], []), true);
  });

  it('applies the compatibility rules', () => {
    assert.equal(chapterFitsRegions(['knee'], ['knee']), true);
    assert.equal(chapterFitsRegions(['neck'], ['thoracic']), true);
    assert.equal(chapterFitsRegions(['lowBack'], ['thoracic']), true);
    assert.equal(chapterFitsRegions(['shoulder'], ['upperExtremity']), true);
    assert.equal(chapterFitsRegions(['forearmWristHand'], ['upperExtremity']), true);
    assert.equal(chapterFitsRegions(['hip'], ['lowerExtremity']), true);
    assert.equal(chapterFitsRegions(['neck'], ['shoulder']), false);
    assert.equal(chapterFitsRegions(['lowBack', 'thoracic'], ['neck']), false); // ODG Low Back for a neck item
    assert.equal(chapterFitsRegions(['lowBack', 'thoracic'], ['upperExtremity']), false);
    assert.equal(chapterFitsRegions(['neck', 'thoracic'], ['lowerExtremity']), false);
    assert.equal(chapterFitsRegions(['knee'], ['hip']), false);
  });
});

describe('seed and corpus mismatches', () => {
  const misfit = (title: string, c: CitationLike) => {
    const ch = classifyCitation(c);
    assert.ok(ch, `classified: ${c.text}`);
    return !titleFitsChapter(title, ch);
  };

  it('upper-extremity EMG with ODG Low Back', () => {
    assert.ok(
      misfit(
        'Electromyography (EMG) of The Bilateral Upper Extremities',
        odg('Official Disability Guidelines (ODG) Low Back, Electromyography'),
      ),
    );
  });

  it('lower-extremity EMG with ACOEM Chapter 8', () => {
    assert.ok(misfit('EMG of the bilateral lower extremities', acoem(8, 'Neck and Upper Back Complaints')));
  });

  it('cervical X-ray with ACOEM Chapter 12', () => {
    assert.ok(misfit('Cervical extension and flexion X-Ray', acoem(12, 'Low Back Complaints')));
  });

  it('knee MRI with MTUS Low Back Complaints 2004', () => {
    assert.ok(misfit('Left knee MRI without contrast', mtus('Low Back Complaints 2004, Section(s): Special Studies.')));
  });

  it('lumbar SSEP with ODG Neck and Upper Back', () => {
    assert.ok(misfit('SSEP of the lumbar and lower extremities', odg('ODG Neck and Upper Back Chapter.')));
  });

  it('shoulder MRI with MTUS Elbow Complaints 2007', () => {
    assert.ok(misfit('MRI of the left shoulder', mtus('Elbow Complaints 2007, Section(s): 326.')));
  });
});

describe('fits (traps that are not mismatches)', () => {
  const fits = (title: string, c: CitationLike) => {
    const ch = classifyCitation(c);
    assert.ok(ch, `classified: ${c.text}`);
    return titleFitsChapter(title, ch);
  };

  it('thoracic spine with Neck and Upper Back and with ODG Low Back', () => {
    assert.ok(fits('MRI of the thoracic spine without contrast, #1', mtus('Neck and Upper Back Complaints 2004, Section(s): Summary.')));
    assert.ok(fits('MRI of the thoracic spine without contrast, #1', acoem(8, 'Neck and Upper Back Complaints')));
    assert.ok(
      fits('MRI of the thoracic spine without contrast, #1', odg('Official Disability Guidelines, Lumbar & Thoracic (Acute & Chronic), MRI.')),
    );
    assert.ok(fits('CT scan of the thoracic spine', mtus('Low Back Complaints 2004.')));
  });

  it('upper-extremity electrodiagnostics with shoulder, hand and neck chapters', () => {
    assert.ok(fits('EMG of the left upper extremity', mtus('Shoulder Complaints 2004.')));
    assert.ok(fits('EMG of the left upper extremity', mtus('Forearm, Wrist, and Hand Complaints 2004, Section(s): Diagnostic Criteria.')));
    assert.ok(fits('Electromyography (EMG) of The Bilateral Upper Extremities', acoem(8, 'Neck and Upper Back Complaints')));
    assert.ok(fits('Nerve Conduction Velocity (NCV) of The Bilateral Upper Extremities', odg('Official Disability Guidelines (http://www.odg-twc.com/odgtwc/neck.html)')));
  });

  it('lower-extremity electrodiagnostics with low back, hip, knee and ankle chapters', () => {
    assert.ok(fits('NCV of the bilateral lower extremities', acoem(12, 'Low Back Complaints')));
    assert.ok(fits('NCV of the bilateral lower extremities', odg('Official Disability Guidelines (ODG) Hip & Pelvis')));
    assert.ok(fits('NCV of the bilateral lower extremities', mtus('Knee Complaints 2004.')));
    assert.ok(fits('NCV of the bilateral lower extremities', odg('Official Disability Guidelines (ODG) Ankle & Foot')));
  });

  it('general parts fit anything', () => {
    for (const c of [
      mtus('Chronic Pain Medical Treatment 2016, Section(s): Electrodiagnostic testing (EMG/NCS).'),
      odg('Official Disability Guidelines (ODG) Pain (Chronic), Diclofenac.'),
      mtus('Opioid Treatment 2016, Section(s): 4.1 Tapering Opioids: Indications for Tapering Opioids.'),
      mtus('General Approaches 2004, Section(s): Cornerstones of Disability Prevention and Management.'),
      mtus('Acupuncture Treatment 2007.'),
      odg('Official Disability Guidelines (ODG) Physical Therapy Guidelines.'),
    ]) {
      assert.ok(fits('Left knee MRI without contrast', c), c.text);
      assert.ok(fits('SSEP of the lumbar and lower extremities', c), c.text);
    }
  });

  it('a knee scooter does not clash with an ankle chapter', () => {
    assert.ok(fits('Knee scooter rental', odg('Official Disability Guidelines (ODG) Ankle & Foot Chapter, Walking aids.')));
    assert.ok(fits('Knee scooter rental', odg('Official Disability Guidelines (ODG) Knee & Leg Chapter, Walking aids.')));
  });

  it('a wheelchair does not clash with any chapter', () => {
    assert.ok(fits('Standard wheelchair for a 2 month rental', odg('Official Disability Guidelines (ODG) Knee & Leg Chapter.')));
  });

  it('a citation naming several chapters fits when one of them does', () => {
    const c = mtus('Elbow Complaints 2007, Section(s): Diagnostic Criteria, and Forearm, Wrist, and Hand Complaints 2004, Section(s): Special Studies, Summary.');
    const fit = citationFit(c, 'Splint for the left wrist');
    assert.equal(fit.fits, true);
    assert.deepEqual(fit.misfits.map((m) => m.name), ['MTUS Elbow Complaints 2007']);
    // For an electrodiagnostic study of the hand both chapters fit (upper-extremity study).
    assert.deepEqual(citationFit(c, 'EMG/NCS of the bilateral hand').misfits, []);
    const bad = citationFit(mtus('Low Back Complaints 2004, Section(s): Special Studies.'), 'Left knee MRI without contrast');
    assert.equal(bad.fits, false);
    assert.deepEqual(bad.itemRegions, ['knee']);
    assert.equal(citationFit(odg('Official Disability Guidelines (ODG).'), 'Left knee MRI').fits, true);
  });
});

describe('regions named in a letter text (a summary, a rationale)', () => {
  it('lists each region once, in order of first mention', () => {
    assert.deepEqual(regionsInText('Pain in the right knee. MRI of the lumbar spine. The knee improved; L4-5 tender.'), ['knee', 'lowBack']);
  });
  it('counts the spine named without a level for nothing', () => {
    assert.deepEqual(regionsInText('She saw a spine surgeon. Her spine hurts.'), []);
    assert.deepEqual(regionsInText('Spine pain radiating from the neck.'), ['neck']);
  });
  it('reads limb parts as their limbs where the text speaks of an electrodiagnostic study', () => {
    assert.deepEqual(regionsInText('Numbness of the hand and elbow. EMG/NCS was requested.'), ['upperExtremity']);
    assert.deepEqual(regionsInText('Numbness of the hand and elbow.'), ['forearmWristHand', 'elbow']);
  });
  it('does not read thoracic levels in a text about thyroid labs, wherever the labs are named', () => {
    assert.deepEqual(regionsInText('T3 was low. Free T4 and TSH were ordered.'), []);
    assert.deepEqual(regionsInText('T3 was low. Free T4 and TSH were ordered. Knee pain.'), ['knee']);
    assert.deepEqual(regionsInText('Tenderness at T7-8. C5-6 disc.'), ['thoracic', 'neck']);
  });
  it('reads words across a line break or a hyphen, but not across a full stop', () => {
    assert.deepEqual(regionsInText('low\nback pain'), ['lowBack']);
    assert.deepEqual(regionsInText('Follow-up is low. Back pain persists.'), ['lowBack']);
    assert.deepEqual(regionsInText('It was low. Cost was high.'), []);
  });
  it('stops reading once the caller has enough', () => {
    const text = 'Knee pain. Low back pain. Neck pain. Shoulder pain.';
    assert.deepEqual(regionsInText(text, (found) => found.length > 1), ['knee', 'lowBack']);
    assert.deepEqual(regionsInText(text), ['knee', 'lowBack', 'neck', 'shoulder']);
  });
});

describe('spellings read in any case', () => {
  // The readers match patterns written in small letters against the text with A-Z made small.
  const capitals = (pattern: string) => /[A-Z]/.test(pattern.replace(/\\./g, ''));

  it('ODG chapter spellings and MTUS part patterns are written in small letters', () => {
    for (const c of ODG_CHAPTERS) for (const p of [...c.strong, ...c.weak]) assert.equal(capitals(p), false, `${c.id}: ${p}`);
    for (const p of MTUS_PARTS) assert.equal(capitals(p.pattern), false, `${p.id}: ${p.pattern}`);
  });

  it('finds parts, chapters and titles in capitals, small letters and mixed case', () => {
    for (const text of ['KNEE COMPLAINTS 2004', 'knee complaints 2004', 'Knee Complaints 2004']) {
      assert.deepEqual(findMtusParts(text).map((m) => [m.part.id, m.year, m.start, m.end]), [['knee-complaints', 2004, 0, 20]], text);
      assert.equal(mtusPartByName(text)?.id, 'knee-complaints', text);
    }
    for (const name of ['LOW BACK - LUMBAR & THORACIC', 'low back - lumbar & thoracic', 'Knee & Leg', 'KNEE AND LEG']) assert.ok(odgChapterByName(name), name);
  });

  it('keeps the offsets of a text with letters that change length in small letters', () => {
    const text = 'Citation \u0130 \u0130 ODG Knee & Leg Chapter';
    const [mention] = findMtusParts(`\u0130\u0130 Knee Complaints 2004`);
    assert.equal(mention.start, 3);
    assert.equal(classifyCitation({ kind: 'odg', text })?.id, classifyCitation({ kind: 'odg', text: 'ODG Knee & Leg Chapter' })?.id);
  });
});

describe('classifyCitation remembers its answers', () => {
  it('answers a citation asked again, or a copy of it, as its first chapter', () => {
    for (const { name, text } of corpusLetters()) {
      for (const item of analyseText('x', 1, text).model.items) {
        for (const c of item.citations) {
          const expected = chaptersOfCitation(c)[0];
          assert.deepEqual(classifyCitation(c), expected, `${name}: class of "${c.text}"`);
          assert.deepEqual(classifyCitation({ ...c }), expected, `${name}: class of "${c.text}", asked again`);
        }
      }
    }
  });
  it('tells apart citations of the same text with other fields', () => {
    const text = 'Decision based on MTUS Postsurgical Treatment Guidelines 2009, Section(s): Knee.';
    const knee: CitationLike = { kind: 'mtus', text, title: 'Postsurgical Treatment Guidelines', year: 2009, sections: ['Knee'] };
    const shoulder: CitationLike = { ...knee, sections: ['Shoulder'] };
    assert.deepEqual(classifyCitation(knee)?.regions, ['knee']);
    assert.deepEqual(classifyCitation(shoulder)?.regions, ['shoulder']);
    assert.deepEqual(classifyCitation({ ...knee, sections: ['Knee'] })?.regions, ['knee']);
  });
});
