/**
 * `imr check --format sarif`, validated against the SARIF 2.1.0 JSON schema
 * (the copy @microsoft/jest-sarif ships, draft-04, checked with Ajv) and read
 * back for its rules, levels, regions and related locations.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { pathToFileURL } from 'node:url';
import { imr, SAMPLES } from './support';

const SCHEMA_FILE = path.join(path.dirname(require.resolve('@microsoft/jest-sarif/package.json')), 'lib/schemas/sarif-2.1.0-rtm.5.json');

function validator() {
  // unicodeRegExp off: the schema's pattern for `language` has a stray "]" that only the non-Unicode
  // regular expression syntax (the one JSON Schema draft-04 validators used) accepts.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
}

const validate = validator();

function assertValid(log: unknown): void {
  const ok = validate(log);
  assert.ok(ok, `not valid SARIF 2.1.0: ${JSON.stringify(validate.errors?.slice(0, 5), null, 2)}`);
}

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

interface Result {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string; index: number }; region: Region } }>;
  relatedLocations?: Array<{ id: number; message: { text: string }; physicalLocation: { region: Region } }>;
}

function sarifOf(args: string[]): { code: number | null; log: any; results: Result[] } {
  const r = imr(['check', '--format', 'sarif', ...args]);
  assert.equal(r.stderr.includes('letters,'), false, 'no text summary on stderr with --format sarif');
  const log = JSON.parse(r.stdout);
  return { code: r.code, log, results: log.runs[0].results };
}

test('the samples make a valid SARIF 2.1.0 log with one rule per check', () => {
  const { code, log, results } = sarifOf(['samples']);
  assert.equal(code, 1, 'exit status as for text output: errors were found');
  assertValid(log);
  assert.equal(log.version, '2.1.0');
  assert.match(log.$schema, /sarif-2\.1\.0/);
  const run = log.runs[0];
  assert.equal(run.columnKind, 'utf16CodeUnits');
  assert.equal(run.tool.driver.name, 'imr');
  const rules = run.tool.driver.rules as Array<{ id: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }>;
  const codes = ['missing-section', 'no-items', 'missing-outcome', 'missing-field', 'duplicate-item', 'chapter-mismatch', 'chapter-title-mismatch', 'page-out-of-range', 'outcome-contradiction', 'mtus-basis-contradiction'];
  assert.deepEqual(rules.map((r) => r.id).sort(), [...codes].sort());
  for (const r of rules) assert.ok(r.shortDescription.text.length > 20, r.id);
  const levelOf = (id: string) => rules.find((r) => r.id === id)?.defaultConfiguration.level;
  assert.equal(levelOf('missing-outcome'), 'error');
  assert.equal(levelOf('outcome-contradiction'), 'error');
  assert.equal(levelOf('chapter-mismatch'), 'warning');
  // The same six findings as the text output, each pointing at its rule.
  assert.equal(results.length, 6);
  for (const res of results) assert.equal(rules[res.ruleIndex].id, res.ruleId);
  assert.deepEqual(results.map((r) => r.level).sort(), ['error', 'error', 'warning', 'warning', 'warning', 'warning']);
  // Every sample is an artifact, also those without findings.
  assert.equal(run.artifacts.length, 7);
  assert.deepEqual(run.invocations[0], { executionSuccessful: true, toolExecutionNotifications: [] });
});

test('regions are 1-based and agree with the text output; related information becomes relatedLocations', () => {
  const { results } = sarifOf(['samples/chapter-mismatch.txt']);
  const first = results[0];
  assert.equal(first.ruleId, 'chapter-mismatch');
  const loc = first.locations[0].physicalLocation;
  assert.equal(loc.artifactLocation.uri, 'samples/chapter-mismatch.txt');
  assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
  // Text output: samples/chapter-mismatch.txt:47:43
  assert.equal(loc.region.startLine, 47);
  assert.equal(loc.region.startColumn, 43);
  assert.ok(loc.region.endLine > loc.region.startLine || loc.region.endColumn > loc.region.startColumn, 'a non-empty region');
  assert.ok(first.relatedLocations && first.relatedLocations.length > 0, 'chapter-mismatch names the item it concerns');
  for (const rel of first.relatedLocations) {
    assert.ok(rel.message.text.length > 0);
    assert.ok(rel.physicalLocation.region.startLine >= 1 && rel.physicalLocation.region.startColumn >= 1);
  }
  const text = imr(['check', 'samples/chapter-mismatch.txt']).stdout.trim().split('\n')[0];
  assert.ok(text.startsWith(`samples/chapter-mismatch.txt:${loc.region.startLine}:${loc.region.startColumn}: warning chapter-mismatch ${first.message.text}`));
});

test('columns count UTF-16 code units; file names are percent-encoded URIs', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'imr-sarif-'));
  try {
    const sub = path.join(dir, 'with space é');
    mkdirSync(sub);
    const letter = readFileSync(path.join(SAMPLES, 'chapter-mismatch.txt'), 'utf8').replace(
      'MAXIMUS guideline: Decision based on MTUS Low Back',
      'MAXIMUS guideline: \u{1F600} Decision based on MTUS Low Back',
    );
    writeFileSync(path.join(sub, 'letter.txt'), letter);
    const relative = path.join('with space é', 'letter.txt');
    const run = imr(['check', '--format', 'sarif', relative], {}, dir);
    const log = JSON.parse(run.stdout);
    assertValid(log);
    const result = log.runs[0].results[0] as Result;
    const json = JSON.parse(imr(['check', '--format', 'json', relative], {}, dir).stdout);
    const lsp = json.files[0].diagnostics[0];
    const region = result.locations[0].physicalLocation.region;
    // The emoji is two UTF-16 code units (one code point), and a space follows it.
    assert.equal(lsp.range.start.character, 42 + 3);
    assert.equal(region.startColumn, lsp.range.start.character + 1);
    assert.equal(region.startLine, lsp.range.start.line + 1);
    assert.equal(region.endColumn, lsp.range.end.character + 1);
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'with%20space%20%C3%A9/letter.txt');
    assert.equal(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri, pathToFileURL(dir).href + '/');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a file outside the working folder gets an absolute file URI; I/O problems are tool notifications', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'imr-sarif-'));
  try {
    const file = path.join(dir, 'letter.txt');
    copyFileSync(path.join(SAMPLES, 'drafting-problems.txt'), file);
    const { code, log, results } = sarifOf([file, 'no-such-letter.txt']);
    assert.equal(code, 2);
    assertValid(log);
    const location = results[0].locations[0].physicalLocation.artifactLocation;
    assert.match(location.uri, /^file:\/\/\/.*\/letter\.txt$/);
    assert.equal(location.uriBaseId, undefined);
    const invocation = log.runs[0].invocations[0];
    assert.equal(invocation.executionSuccessful, false);
    assert.match(invocation.toolExecutionNotifications[0].message.text, /cannot read no-such-letter\.txt/);
    assert.equal(invocation.toolExecutionNotifications[0].level, 'error');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--rule levels reach the results: information and hint are notes', () => {
  const { log, results } = sarifOf(['--rule', 'chapter-mismatch=information', '--rule', 'missing-field=hint', 'samples/chapter-mismatch.txt', 'samples/drafting-problems.txt']);
  assertValid(log);
  assert.deepEqual(
    results.filter((r) => r.ruleId === 'chapter-mismatch' || r.ruleId === 'missing-field').map((r) => r.level),
    ['note', 'note', 'note'],
  );
});

test('the validator itself rejects a log that breaks the schema', () => {
  const { log } = sarifOf(['samples/chapter-mismatch.txt']);
  const broken = structuredClone(log);
  broken.runs[0].results[0].level = 'warn';
  assert.equal(validate(broken), false);
  const noVersion = structuredClone(log);
  delete noVersion.version;
  assert.equal(validate(noVersion), false);
});
