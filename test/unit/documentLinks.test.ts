/** Document links: web addresses (joined across hyphen breaks) and 8 CCR sections linked to Cornell LII. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseText, type Analysis, type Range } from '../../server/src/core';
import { documentLinks, REGULATION_BASE } from '../../server/src/core/documentLinks';
import { corpusLetters } from './support/corpus';

function analyse(text: string): Analysis {
  return analyseText('link://letter', 1, text);
}

function textOf(a: Analysis, r: Range): string {
  return a.model.text.slice(a.lines.offsetAt(r.start), a.lines.offsetAt(r.end));
}

function links(text: string): Array<{ text: string; target: string; tooltip?: string }> {
  const a = analyse(text);
  return documentLinks(a).map((l) => ({ text: textOf(a, l.range), target: l.target, ...(l.tooltip ? { tooltip: l.tooltip } : {}) }));
}

function letter(name: string): string {
  const found = corpusLetters().find((l) => l.name === name);
  assert.ok(found, `corpus letter ${name}`);
  return found.text;
}

test('8 CCR references: with the prefix, bare MTUS numbers, "Section", "§"; named from the guideline data', () => {
  assert.deepEqual(links('Per 8 CCR 9792.23.5 and 9792.24.2, see Section 9792.20(ef) and § 9792.22. Also 8 C.C.R. § 10451.2.'), [
    { text: '8 CCR 9792.23.5', target: `${REGULATION_BASE}9792.23.5`, tooltip: '8 CCR § 9792.23.5 (MTUS Low Back Complaints) at Cornell LII' },
    { text: '9792.24.2', target: `${REGULATION_BASE}9792.24.2`, tooltip: '8 CCR § 9792.24.2 (MTUS Chronic Pain Medical Treatment) at Cornell LII' },
    { text: 'Section 9792.20', target: `${REGULATION_BASE}9792.20`, tooltip: '8 CCR § 9792.20 at Cornell LII' },
    { text: '§ 9792.22', target: `${REGULATION_BASE}9792.22`, tooltip: '8 CCR § 9792.22 (MTUS General Approaches) at Cornell LII' },
    { text: '8 C.C.R. § 10451.2', target: `${REGULATION_BASE}10451.2`, tooltip: '8 CCR § 10451.2 at Cornell LII' },
  ]);
  assert.equal(REGULATION_BASE, 'https://www.law.cornell.edu/regulations/california/8-CCR-');
});

test('numbers that are not MTUS sections are not links', () => {
  assert.deepEqual(links('Norco 10/325mg #60, 19792.2 units, 9792 alone, page 9792.'), []);
});

test('web addresses: sentence punctuation dropped, balanced parentheses kept, www. given a scheme', () => {
  assert.deepEqual(
    links('See http://www.drugs.com/famotidine.html. And (http://www.odg-twc.com/odgtwc/neck.html) or https://en.wikipedia.org/wiki/Foo_(bar), www.example.org/a?b=1;'),
    [
      { text: 'http://www.drugs.com/famotidine.html', target: 'http://www.drugs.com/famotidine.html' },
      { text: 'http://www.odg-twc.com/odgtwc/neck.html', target: 'http://www.odg-twc.com/odgtwc/neck.html' },
      { text: 'https://en.wikipedia.org/wiki/Foo_(bar)', target: 'https://en.wikipedia.org/wiki/Foo_(bar)' },
      { text: 'www.example.org/a?b=1', target: 'http://www.example.org/a?b=1' },
    ],
  );
});

test('an address broken after a hyphen continues on the next line (also across the blank line of a double-spaced letter)', () => {
  assert.deepEqual(links('Citation https://www.cms.gov/Regulations-and-\nGuidance/Guidance/R148CIM.pdf. Next.'), [
    { text: 'https://www.cms.gov/Regulations-and-\nGuidance/Guidance/R148CIM.pdf', target: 'https://www.cms.gov/Regulations-and-Guidance/Guidance/R148CIM.pdf' },
  ]);
  assert.deepEqual(links('at http://example.org/skilled- \r\n\r\nnursing-care, then'), [
    { text: 'http://example.org/skilled- \r\n\r\nnursing-care', target: 'http://example.org/skilled-nursing-care' },
  ]);
  // Not a break: text follows on the same line, or the address ends in a slash, or a paragraph lies between.
  assert.deepEqual(links('http://a.org/x- y').map((l) => l.target), ['http://a.org/x-']);
  assert.deepEqual(links('http://a.org/\nThe patient').map((l) => l.target), ['http://a.org/']);
  assert.deepEqual(links('http://a.org/x-\n\n\n\n\nThe end').map((l) => l.target), ['http://a.org/x-']);
});

test('a regulation number inside an address belongs to the address', () => {
  assert.deepEqual(links('https://www.law.cornell.edu/regulations/california/8-CCR-9792.23.5 and 9792.23.6').map((l) => l.target), [
    'https://www.law.cornell.edu/regulations/california/8-CCR-9792.23.5',
    `${REGULATION_BASE}9792.23.6`,
  ]);
});

test('real letters: the broken addresses of CM16-0229336 and CM17-0009996, the section references of CM17-0006287 and CM16-0242419', () => {
  assert.deepEqual(links(letter('letters/CM16-0229336.txt')).map((l) => l.target), [
    'http://www.slideshare.net/julenemcalister/differences-between-inpatient-rehabilitation-skilled-nursing-care',
    'https://medicalinsider.holy-cross.com/acute-inpatient-rehabilitation-versus-skilled-nursing-facility-rehabilitation',
  ]);
  assert.deepEqual(links(letter('letters/CM17-0009996.txt')).map((l) => l.target), [
    'https://www.cms.gov/Regulations-and-Guidance/Guidance/Transmittals/downloads/R148CIM.pdf',
  ]);
  // "8 C.C.R." ends one line and the number starts the next: the number alone is the link.
  assert.deepEqual(links(letter('letters/CM17-0006287.txt')), [
    { text: '9792.24.2', target: `${REGULATION_BASE}9792.24.2`, tooltip: '8 CCR § 9792.24.2 (MTUS Chronic Pain Medical Treatment) at Cornell LII' },
  ]);
  assert.deepEqual(links(letter('letters/CM16-0242419.txt')).map((l) => l.text), ['Section 9792.20']);
});

test('corpus: every link is an address its text spells (white space removed) or a Cornell LII page', () => {
  let addresses = 0;
  let sections = 0;
  for (const l of corpusLetters()) {
    const a = analyse(l.text);
    for (const link of documentLinks(a)) {
      const text = textOf(a, link.range);
      if (link.target.startsWith(REGULATION_BASE)) {
        assert.ok(text.endsWith(link.target.slice(REGULATION_BASE.length)), `${l.name}: ${text}`);
        sections++;
      } else {
        assert.equal(link.target.replace(/^http:\/\/(?=www\.)/, ''), text.replace(/\s+/g, '').replace(/^http:\/\/(?=www\.)/, ''), l.name);
        assert.match(link.target, /^https?:\/\/[^\s]+[^.,;:)\s]$/);
        addresses++;
      }
    }
  }
  assert.ok(addresses >= 10 && sections >= 3, `${addresses} addresses, ${sections} sections`);
});
