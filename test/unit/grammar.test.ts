// The TextMate grammar, tokenized with vscode-textmate + oniguruma as VS Code does, on the real letters.
import { before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IGrammar } from 'vscode-textmate';
import { GRAMMAR_PATH, SCOPE_NAME, loadImrGrammar, tokenizeText, type TokenizedLine } from './textmate-harness';

const CORPUS_DIR = path.resolve(__dirname, '../../../shared/corpus');
const CORPUS_FOLDERS = ['letters', 'seeds', 'reading-order'];

const UPHELD = 'markup.deleted.upheld.imr-determination';
const OVERTURNED = 'markup.inserted.overturned.imr-determination';
const HEADING = 'markup.heading.section.imr-determination';
const DATE = 'constant.numeric.date.imr-determination';

const TITLE_OUTCOME = /:\s*(Upheld|Overturned)\s*$/;
const LONE_OUTCOME = /^\s*(Upheld|Overturned)\s*$/;

interface CorpusLetter {
	file: string;
	lines: TokenizedLine[];
}

let grammar: IGrammar;
const tokenized = new Map<string, TokenizedLine[]>();

function corpusFiles(): string[] {
	assert.ok(
		fs.existsSync(CORPUS_DIR),
		`The letter corpus is missing: expected ${CORPUS_DIR} (the shared corpus next to the repository checkout).`,
	);
	const files = CORPUS_FOLDERS.flatMap((folder) => {
		const dir = path.join(CORPUS_DIR, folder);
		assert.ok(fs.existsSync(dir), `Corpus folder missing: ${dir}`);
		return fs
			.readdirSync(dir)
			.filter((name) => name.endsWith('.txt'))
			.sort()
			.map((name) => path.join(folder, name));
	});
	assert.ok(files.length > 0, `No .txt letters found under ${CORPUS_DIR}`);
	return files;
}

function letter(relativePath: string): TokenizedLine[] {
	let lines = tokenized.get(relativePath);
	if (!lines) {
		const fullPath = path.join(CORPUS_DIR, relativePath);
		assert.ok(fs.existsSync(fullPath), `Corpus letter missing: ${fullPath}`);
		lines = tokenizeText(grammar, fs.readFileSync(fullPath, 'utf8'));
		tokenized.set(relativePath, lines);
	}
	return lines;
}

function allLetters(): CorpusLetter[] {
	return corpusFiles().map((file) => ({ file, lines: letter(file) }));
}

/** The first line whose text (trailing blanks and "\r" ignored) equals or contains `text`. */
function findLine(lines: TokenizedLine[], text: string, where: string): TokenizedLine {
	const found = lines.find((line) => line.line.trimEnd() === text) ?? lines.find((line) => line.line.includes(text));
	assert.ok(found, `No line containing ${JSON.stringify(text)} in ${where}`);
	return found;
}

/** Asserts that `text` is exactly one token of `line` and that the token carries `scope`. */
function assertToken(line: TokenizedLine, text: string, scope: string): void {
	const token = line.tokens.find((candidate) => candidate.text === text);
	assert.ok(
		token,
		`${JSON.stringify(text)} is not a token of ${JSON.stringify(line.line)}; tokens: ${JSON.stringify(line.tokens.map((t) => t.text))}`,
	);
	assert.ok(
		token.scopes.includes(scope),
		`${JSON.stringify(text)} in ${JSON.stringify(line.line)} has scopes ${token.scopes.join(' ')}, expected ${scope}`,
	);
}

function scopesAt(line: TokenizedLine, text: string): string[] {
	const start = line.line.indexOf(text);
	assert.ok(start >= 0, `${JSON.stringify(text)} not in ${JSON.stringify(line.line)}`);
	const end = start + text.length;
	return line.tokens
		.filter((token) => token.startIndex < end && token.endIndex > start)
		.flatMap((token) => token.scopes);
}

function isOutcomeScope(scope: string): boolean {
	return scope === UPHELD || scope === OVERTURNED;
}

function outcomeTokens(line: TokenizedLine): string[] {
	return line.tokens.filter((token) => token.scopes.some(isOutcomeScope)).map((token) => token.text);
}

function tokenizeSnippet(text: string): TokenizedLine[] {
	return tokenizeText(grammar, text);
}

before(async () => {
	grammar = await loadImrGrammar();
});

describe('grammar file', () => {
	test('declares the language scope and only scope names of this language', () => {
		const raw = JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8')) as Record<string, unknown>;
		assert.equal(raw.scopeName, SCOPE_NAME);
		const names: string[] = [];
		const collect = (node: unknown): void => {
			if (Array.isArray(node)) {
				node.forEach(collect);
			} else if (node && typeof node === 'object') {
				for (const [key, value] of Object.entries(node)) {
					if ((key === 'name' || key === 'contentName') && typeof value === 'string' && node !== raw) {
						names.push(value);
					} else {
						collect(value);
					}
				}
			}
		};
		collect(raw);
		assert.ok(names.length > 10, 'expected the grammar to name its scopes');
		for (const name of names) {
			assert.match(name, /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*\.imr-determination$/, `scope ${name}`);
		}
	});
});

describe('outcomes', () => {
	test('Upheld ending an item title is markup.deleted (older layout, trailing blank)', () => {
		const line = findLine(letter('seeds/000_302bd7f50b142580.txt'), 'MRI of The Cervical Spine: Upheld', 'seed 000');
		assertToken(line, 'Upheld', UPHELD);
		assert.ok(!scopesAt(line, 'MRI of The Cervical Spine').some(isOutcomeScope), 'the title is not an outcome');
	});

	test('Overturned ending an item title is markup.inserted', () => {
		const line = findLine(letter('letters/CM17-0019011.txt'), 'Naproxen 500mg #60: Overturned', 'CM17-0019011');
		assertToken(line, 'Overturned', OVERTURNED);
		const wrapped = findLine(
			letter('letters/CM16-0229336.txt'),
			'and occupational therapy 7-10 days for left foot fracture is: Overturned',
			'CM16-0229336',
		);
		assertToken(wrapped, 'Overturned', OVERTURNED);
	});

	test('an outcome alone on the line after a wrapped title is scoped', () => {
		const lines = letter('letters/CM17-0002857.txt');
		const index = lines.findIndex((line) => line.line.trim() === 'Upheld');
		assert.ok(index > 0, 'CM17-0002857 has an outcome on a line of its own');
		assert.match(lines[index - 1].line, /:\s*$/);
		assertToken(lines[index], 'Upheld', UPHELD);
	});

	test('the outcome word inside prose is not an outcome', () => {
		const prose = [
			'The prior utilization review decision was Upheld on appeal and the request remains denied.',
			'Upheld decisions are final unless appealed under Labor Code 4610.6(h).',
			'Outcome: Upheld, as discussed above.',
			'The reviewer noted the request was Overturned in part',
			'Decision rationale: the denial is Upheld because the request is not medically necessary.',
		];
		for (const line of tokenizeSnippet(prose.join('\n'))) {
			assert.deepEqual(outcomeTokens(line), [], `no outcome token in ${JSON.stringify(line.line)}`);
		}
	});

	test('a title with colons inside takes the outcome after the last one', () => {
		const [line] = tokenizeSnippet('Retrospective: Norco 10/325mg #60, day supply: 30:  Overturned');
		assert.deepEqual(outcomeTokens(line), ['Overturned']);
		assertToken(line, 'Overturned', OVERTURNED);
	});
});

describe('structure', () => {
	test('the three headings are markup.heading, with or without leading spaces', () => {
		const lines = letter('letters/CM16-0236906.txt');
		for (const heading of [
			'HOW THE IMR FINAL DETERMINATION WAS MADE',
			'CLINICAL CASE SUMMARY',
			'IMR ISSUES, DECISIONS AND RATIONALES',
		]) {
			const line = findLine(lines, heading, 'CM16-0236906');
			assert.match(line.line, /^\s+/, 'centred heading in the layout extraction');
			assertToken(line, heading, HEADING);
			assertToken(findLine(letter('seeds/001_93108e6c0227f45b.txt'), heading, 'seed 001'), heading, HEADING);
			assertToken(findLine(letter('reading-order/CM16-0249320.txt'), heading, 'reading-order'), heading, HEADING);
		}
	});

	test('every corpus letter has its three headings scoped', () => {
		for (const { file, lines } of allLetters()) {
			const headings = lines.flatMap((line) =>
				line.tokens.filter((token) => token.scopes.includes(HEADING)).map((token) => token.text),
			);
			assert.deepEqual(
				headings,
				['HOW THE IMR FINAL DETERMINATION WAS MADE', 'CLINICAL CASE SUMMARY', 'IMR ISSUES, DECISIONS AND RATIONALES'],
				file,
			);
		}
	});

	test('field labels are keywords', () => {
		const lines = letter('letters/CM16-0236906.txt');
		assertToken(
			findLine(lines, 'Claims Administrator guideline:', 'CM16-0236906'),
			'Claims Administrator guideline:',
			'keyword.other.field.claims-administrator-guideline.imr-determination',
		);
		assertToken(
			findLine(lines, 'MAXIMUS guideline:', 'CM16-0236906'),
			'MAXIMUS guideline:',
			'keyword.other.field.maximus-guideline.imr-determination',
		);
		assertToken(
			findLine(lines, 'Decision rationale:', 'CM16-0236906'),
			'Decision rationale:',
			'keyword.other.field.decision-rationale.imr-determination',
		);
	});

	test('header labels and values, layout and reading-order extraction', () => {
		const label = 'keyword.other.label.header.imr-determination';
		const layout = letter('letters/CM16-0229336.txt');
		const caseLine = findLine(layout, 'Case Number:', 'CM16-0229336');
		assertToken(caseLine, 'Case Number:', label);
		assertToken(caseLine, 'CM16-0229336', 'entity.name.type.case-number.imr-determination');
		const assigned = findLine(layout, 'Date Assigned:', 'CM16-0229336');
		assertToken(assigned, 'Date Assigned:', label);
		assertToken(assigned, '12/05/2016', DATE);
		assertToken(assigned, 'Date of Injury:', label);
		assertToken(assigned, '10/20/2016', DATE);
		const decision = findLine(layout, 'Decision Date:', 'CM16-0229336');
		assertToken(decision, 'Decision Date:', label);
		assertToken(decision, 'UR Denial Date:', label);
		const priority = findLine(layout, 'Priority:', 'CM16-0229336');
		assertToken(priority, 'Priority:', label);
		assertToken(priority, 'Standard', 'constant.language.priority.imr-determination');
		assertToken(priority, 'Application', label);
		assertToken(priority, '11/28/2016', DATE);
		assertToken(findLine(layout, 'Received:', 'CM16-0229336'), 'Received:', label);
		const licensure = findLine(layout, 'State(s) of Licensure:', 'CM16-0229336');
		assertToken(licensure, 'State(s) of Licensure:', label);
		assertToken(licensure, 'California', 'string.unquoted.credential.imr-determination');
		const specialty = findLine(layout, 'Certification(s)/Specialty:', 'CM16-0229336');
		assertToken(specialty, 'Certification(s)/Specialty:', label);
		assertToken(specialty, 'Preventive Medicine, Occupational Medicine', 'string.unquoted.credential.imr-determination');

		const readingOrder = letter('reading-order/CM16-0229336.txt');
		assertToken(findLine(readingOrder, 'Application', 'reading-order'), 'Application', label);
		assertToken(findLine(readingOrder, 'CM16-0229336', 'reading-order'), 'CM16-0229336', 'entity.name.type.case-number.imr-determination');
		assertToken(findLine(readingOrder, 'Standard', 'reading-order'), 'Standard', 'constant.language.priority.imr-determination');
	});

	test('"Application Received:" written on one line is one header label', () => {
		const label = 'keyword.other.label.header.imr-determination';
		const [alone, row] = tokenizeSnippet('Application Received: 11/28/2016\nPriority:    Standard    Application Received:    11/28/2016');
		assertToken(alone, 'Application Received:', label);
		assertToken(alone, '11/28/2016', DATE);
		assertToken(row, 'Application Received:', label);
		assertToken(row, 'Standard', 'constant.language.priority.imr-determination');
	});

	test('"Application" ending a prose line is not a header label', () => {
		const [line] = tokenizeSnippet('The provider submitted a Request for Authorization Application');
		assert.ok(!scopesAt(line, 'Application').some((scope) => scope.startsWith('keyword.')));
	});
});

describe('citations, links and dates', () => {
	test('older layout: ACOEM chapter, wrapped chapter title and Page(s) numbers', () => {
		const lines = letter('seeds/000_302bd7f50b142580.txt');
		const claims = findLine(
			lines,
			'Claims Administrator guideline: Decision based on MTUS ACOEM Chapter 8 Neck and',
			'seed 000',
		);
		assertToken(claims, 'MTUS', 'support.type.guideline.mtus.imr-determination');
		assertToken(claims, 'ACOEM', 'support.type.guideline.acoem.imr-determination');
		assertToken(claims, 'Chapter 8', 'entity.name.function.citation.acoem-chapter.imr-determination');
		assertToken(claims, 'Neck and', 'entity.name.function.citation.mtus-part.imr-determination');
		const pages = findLine(lines, 'Upper Back Complaints Page(s): 177-178.', 'seed 000');
		assertToken(pages, 'Upper Back Complaints', 'entity.name.function.citation.mtus-part.imr-determination');
		assertToken(pages, 'Page(s):', 'keyword.other.citation.pages.imr-determination');
		assertToken(pages, '177-178', 'constant.numeric.page.imr-determination');
		const odg = findLine(lines, 'Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) Neck', 'seed 000');
		assertToken(odg, 'Non-MTUS Citation', 'support.type.guideline.non-mtus.imr-determination');
		assertToken(odg, 'Official Disability Guidelines', 'support.type.guideline.odg.imr-determination');
		assertToken(odg, 'ODG', 'support.type.guideline.odg.imr-determination');
		assertToken(odg, 'Neck', 'entity.name.function.citation.odg-chapter.imr-determination');
	});

	test('2016-17 layout: MTUS part with year, Section(s), ODG chapter', () => {
		const lines = letter('letters/CM16-0249320.txt');
		const lowBack = findLine(lines, 'MTUS Low Back Complaints 2004', 'CM16-0249320');
		assertToken(lowBack, 'Low Back Complaints 2004', 'entity.name.function.citation.mtus-part.imr-determination');
		const chronic = findLine(letter('letters/CM17-0002324.txt'), 'Chronic Pain Medical Treatment 2016, Section(s): Physical medicine treatment.', 'CM17-0002324');
		assertToken(chronic, 'Chronic Pain Medical Treatment 2016', 'entity.name.function.citation.mtus-part.imr-determination');
		assertToken(chronic, 'Section(s):', 'keyword.other.citation.sections.imr-determination');
		const odg = findLine(letter('letters/CM16-0236906.txt'), 'Official Disability Guidelines, Head Chapter (updated 11/3/16)', 'CM16-0236906');
		assertToken(odg, 'Head Chapter', 'entity.name.function.citation.odg-chapter.imr-determination');
		assertToken(odg, '11/3/16', DATE);
	});

	test('regulation references', () => {
		const [line] = tokenizeSnippet('MTUS adopts ACOEM chapter 12 at 8 CCR 9792.23.5; see also Labor Code 4610.6(h).');
		assertToken(line, '8 CCR 9792.23.5', 'entity.name.function.citation.regulation.imr-determination');
		assertToken(line, 'Labor Code 4610.6(h)', 'entity.name.function.citation.regulation.imr-determination');
	});

	test('URLs are links, without trailing punctuation', () => {
		const seed = findLine(letter('seeds/000_302bd7f50b142580.txt'), 'http://www.odg-twc.com/odgtwc/Low_Back.html', 'seed 000');
		assertToken(seed, 'http://www.odg-twc.com/odgtwc/Low_Back.html', 'markup.underline.link.imr-determination');
		const [bare] = tokenizeSnippet('(see odg-twc.com/odgtwc/neck.html).');
		assertToken(bare, 'odg-twc.com/odgtwc/neck.html', 'markup.underline.link.imr-determination');
	});

	test('dates in every written form', () => {
		const seed = letter('seeds/000_302bd7f50b142580.txt');
		assertToken(findLine(seed, 'from the progress report of 9/19/14', 'seed 000'), '9/19/14', DATE);
		assertToken(findLine(seed, 'utilization reviews dated 09/2/14', 'seed 000'), '09/2/14', DATE);
		const letterLines = letter('letters/CM16-0236906.txt');
		assertToken(findLine(letterLines, 'industrial injury on 10-27-2016', 'CM16-0236906'), '10-27-2016', DATE);
		assertToken(findLine(letterLines, 'injury is October 27, 2016', 'CM16-0236906'), 'October 27, 2016', DATE);
		const [line] = tokenizeSnippet('Seen December 19, 2016 and 9/2/14; Norco 10/325mg #60; C5-6-7; 11-21-2016.');
		assertToken(line, 'December 19, 2016', DATE);
		assertToken(line, '9/2/14', DATE);
		assertToken(line, '11-21-2016', DATE);
		assert.ok(!scopesAt(line, '10/325').includes(DATE), 'a dose is not a date');
		assert.ok(!scopesAt(line, '5-6-7').includes(DATE), 'spinal levels are not a date');
	});
});

describe('whole corpus', () => {
	test('every line of every letter tokenizes completely', () => {
		for (const { file, lines } of allLetters()) {
			lines.forEach((line, index) => {
				const where = `${file}:${index + 1}`;
				assert.equal(line.stoppedEarly, false, where);
				assert.ok(line.tokens.length > 0, where);
				assert.equal(line.tokens[0].startIndex, 0, where);
				for (let i = 1; i < line.tokens.length; i++) {
					assert.equal(line.tokens[i].startIndex, line.tokens[i - 1].endIndex, `${where}: tokens are contiguous`);
				}
				assert.ok(line.tokens[line.tokens.length - 1].endIndex >= line.line.length, `${where}: tokens cover the line`);
				for (const token of line.tokens) {
					assert.equal(token.scopes[0], SCOPE_NAME, where);
				}
			});
		}
	});

	test('outcome tokens are exactly the outcomes that end a title line or stand alone', () => {
		let expected = 0;
		let scoped = 0;
		let overturned = 0;
		for (const { file, lines } of allLetters()) {
			lines.forEach((line, index) => {
				const where = `${file}:${index + 1}: ${JSON.stringify(line.line)}`;
				const match = TITLE_OUTCOME.exec(line.line) ?? LONE_OUTCOME.exec(line.line);
				const tokens = line.tokens.filter((token) => token.scopes.some(isOutcomeScope));
				scoped += tokens.length;
				if (!match) {
					assert.deepEqual(tokens, [], where);
					return;
				}
				expected++;
				assert.equal(tokens.length, 1, where);
				assert.equal(tokens[0].text, match[1], where);
				assert.ok(tokens[0].scopes.includes(match[1] === 'Upheld' ? UPHELD : OVERTURNED), where);
				if (match[1] === 'Overturned') {
					overturned++;
				}
			});
		}
		assert.ok(expected >= 161, `expected the corpus's disputed items, found ${expected} outcome lines`);
		assert.ok(overturned > 0, 'the corpus has Overturned items');
		assert.equal(scoped, expected);
	});
});

describe('robustness', () => {
	test('CRLF line ends do not change the scopes', () => {
		const text = fs.readFileSync(path.join(CORPUS_DIR, 'letters/CM16-0229336.txt'), 'utf8');
		const crlf = tokenizeText(grammar, text.replace(/\r?\n/g, '\r\n'));
		const lf = letter('letters/CM16-0229336.txt');
		assert.equal(crlf.length, lf.length);
		crlf.forEach((line, index) => {
			assert.ok(line.line.endsWith('\r') || index === crlf.length - 1);
			const scopes = (l: TokenizedLine) =>
				l.tokens.filter((token) => token.text.trim() !== '').map((token) => `${token.text.trim()}|${token.scopes.join(' ')}`);
			assert.deepEqual(scopes(line), scopes(lf[index]), `line ${index + 1}`);
		});
		const outcome = findLine(crlf, 'and occupational therapy 7-10 days for left foot fracture is: Overturned', 'CRLF letter');
		assertToken(outcome, 'Overturned', OVERTURNED);
		assertToken(findLine(crlf, 'CLINICAL CASE SUMMARY', 'CRLF letter'), 'CLINICAL CASE SUMMARY', HEADING);
	});

	test('non-ASCII characters keep offsets and scopes right', () => {
		const degrees = findLine(letter('letters/CM17-0013716.txt'), 'extension was 15° and flexion was 110°', 'CM17-0013716');
		assert.equal(degrees.tokens[degrees.tokens.length - 1].endIndex >= degrees.line.length, true);
		const lines = tokenizeSnippet(
			[
				'Lidoderm® 5% patch “as needed” × 30 – 12/05/2016: Overturned',
				'Flexion 90°, the patient’s “pain” began December 19, 2016: Upheld',
				'ODG Preface – Physical Therapy, see http://www.odg-twc.com/odgtwc/Low_Back.html “quoted”',
			].join('\n'),
		);
		assertToken(lines[0], '12/05/2016', DATE);
		assertToken(lines[0], 'Overturned', OVERTURNED);
		assertToken(lines[1], 'December 19, 2016', DATE);
		assertToken(lines[1], 'Upheld', UPHELD);
		assertToken(lines[2], 'Preface', 'entity.name.function.citation.odg-chapter.imr-determination');
		assertToken(lines[2], 'http://www.odg-twc.com/odgtwc/Low_Back.html', 'markup.underline.link.imr-determination');
	});
});
