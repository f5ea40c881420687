/**
 * The HTML report of `imr stats --format html` in a real browser: the bundled CLI writes the
 * report of the corpus to a temporary file, Debian's Chromium (driven by playwright-core) opens
 * it from a file: URL with the network cut off, and the tests check that the page ran without a
 * console error or a refused policy, that every chart was drawn, that it prints, and make the
 * README's screenshots (docs/images/stats-*.png, written with UPDATE_DOCS_IMAGES=1).
 *
 *   npm run test:browser            (builds first)
 *   CHROMIUM=/path/to/chromium      another browser binary (default /usr/bin/chromium)
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/chromium';
import { CLI, imr } from '../cli/support';

/** The few browser globals the page functions below use (the project's type checking has no DOM library). */
interface PageCanvas {
  id: string;
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
}
declare const document: { querySelectorAll(selector: string): ArrayLike<PageCanvas> };
declare const window: { Chart: { getChart(canvas: PageCanvas | string): { data: { labels: string[] } } | undefined } };

const REPO = path.resolve(__dirname, '../..');
const CORPUS = path.resolve(REPO, '../shared/corpus');
/**
 * Where the screenshots go: test-results/, or the README's docs/images/ with UPDATE_DOCS_IMAGES=1
 * (a test run leaves the checkout's tracked files as they were).
 */
const IMAGES = process.env.UPDATE_DOCS_IMAGES === '1' ? path.join(REPO, 'docs', 'images') : path.join(REPO, 'test-results', 'browser');

let browser: Browser;
let profile: string;

before(async () => {
  if (!existsSync(CLI)) assert.fail(`${CLI} is missing: run \`npm run build\` (npm run test:browser does) first.`);
  // Chromium's temporary folder also holds the reports.
  ({ browser, profile } = await launchChromium('imr-stats-report-', ['--font-render-hinting=none']));
});

after(async () => {
  await browser?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Writes the report of `args` with the CLI and returns its file. */
function report(name: string, args: readonly string[]): string {
  const out = path.join(profile, name);
  const run = imr(['stats', '--format', 'html', '--out', out, ...args]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, '', 'with --out nothing goes to stdout');
  return out;
}

interface Opened {
  page: Page;
  /** Console errors and warnings, page errors, and every request that left the file. */
  problems: string[];
  requests: string[];
}

async function open(file: string, width = 1000): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width, height: 1200 }, deviceScaleFactor: 1 });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (r.url() !== pathToFileURL(file).href) requests.push(r.url());
  });
  // Anything that would reach a network is refused here too, not only by the page's policy.
  await page.route(/^(?!file:)/, (route) => route.abort());
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, problems, requests };
}

/** Per canvas: its id, and how many of its pixels are painted (alpha above zero). */
async function paintedPixels(page: Page): Promise<Array<{ id: string; painted: number; total: number }>> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('canvas')).map((c) => {
      const ctx = c.getContext('2d')!;
      const { data } = ctx.getImageData(0, 0, c.width, c.height);
      let painted = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
      return { id: c.id, painted, total: c.width * c.height };
    }),
  );
}

test('the corpus report: no console error, no request, every chart drawn, screenshots for the README', { timeout: 120_000 }, async () => {
  const file = report('corpus.html', [CORPUS]);
  const { page, problems, requests } = await open(file);
  try {
    assert.deepEqual(problems, []);
    assert.deepEqual(requests, []);
    assert.equal(await page.getAttribute('body', 'data-chart-error'), null);
    const canvases = await page.locator('canvas').count();
    // The time line, and a rate and a counts chart for each of the five default tables.
    assert.equal(canvases, 11);
    assert.equal(await page.getAttribute('body', 'data-charts'), String(canvases));
    const instances = await page.evaluate(() => Array.from(document.querySelectorAll('canvas')).filter((c) => window.Chart.getChart(c) !== undefined).length);
    assert.equal(instances, canvases);
    for (const c of await paintedPixels(page)) {
      // Axes, labels and bars: a drawn chart paints a good part of its canvas, an empty one nothing.
      assert.ok(c.painted > c.total * 0.02, `${c.id}: only ${c.painted} of ${c.total} pixels painted`);
    }
    // The headline: letters, items and the overall rate as the JSON gives them.
    const json = JSON.parse(imr(['stats', '--format', 'json', CORPUS]).stdout);
    const headline = await page.locator('.headline').innerText();
    assert.match(headline, new RegExp(`\\b${json.letters}\\s+letters`));
    assert.match(headline, new RegExp(`\\b${json.items}\\s+disputed items`));
    assert.match(headline, new RegExp(`${json.overturned} of ${json.upheld + json.overturned} decided`));

    mkdirSync(IMAGES, { recursive: true });
    await page.screenshot({ path: path.join(IMAGES, 'stats-report.png'), clip: { x: 0, y: 0, width: 1000, height: 1150 } });
    await shootCharts(page, '#by-guideline', 'stats-guideline.png');

    // Printing: the item lists open, and the page makes a PDF of a sensible number of A4 pages.
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    assert.ok(pdf.length > 10_000);
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
    assert.ok(pages >= 3 && pages < 200, `${pages} pages`);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('a cross-table report (--by kind --by region) draws its charts too', { timeout: 60_000 }, async () => {
  const file = report('cross.html', ['--by', 'kind', '--by', 'region', CORPUS]);
  const { page, problems } = await open(file);
  try {
    assert.deepEqual(problems, []);
    // Time line, kind, region and kind × region: two charts each but the time line.
    assert.equal(await page.getAttribute('body', 'data-charts'), '7');
    assert.equal(await page.locator('#by-kind-region canvas').count(), 2);
    // Small groups are folded into one bar in the charts, but every group keeps its table row.
    const labels = await page.evaluate(() => window.Chart.getChart('chart-kind-region-rate')?.data.labels ?? []);
    assert.ok(labels.length <= 13);
    assert.match(labels[labels.length - 1], /^Other groups \(\d+\)$/);
    const rows = await page.locator('#by-kind-region table.counts tbody tr').count();
    const json = JSON.parse(imr(['stats', '--format', 'json', '--by', 'kind', '--by', 'region', CORPUS]).stdout);
    assert.equal(rows, json.groups['kind×region'].length);
    await shootCharts(page, '#by-kind-region', 'stats-cross.png');
  } finally {
    await page.close();
  }
});

test('letter text is shown as text: a hostile title and file name run no script', { timeout: 60_000 }, async () => {
  const dir = path.join(profile, 'hostile');
  mkdirSync(dir, { recursive: true });
  const seed = readFileSync(path.join(CORPUS, 'letters', readdirFirst(path.join(CORPUS, 'letters'))), 'utf8');
  // The first item's title gets markup; the file name too.
  const hostile = seed.replace(/^(\s*)(\S.*?)(:\s*(?:Upheld|Overturned))/m, '$1<img src=x onerror="document.title=\'pwned\'"></script><script>document.title=\'pwned\'</script> $2$3');
  assert.notEqual(hostile, seed);
  const name = path.join(dir, '<b>letter<script>.txt');
  writeFileSync(name, hostile);
  const file = report('hostile.html', ['--by', 'kind', dir]);
  const { page, problems, requests } = await open(file);
  try {
    assert.notEqual(await page.title(), 'pwned');
    assert.deepEqual(requests, []);
    assert.deepEqual(problems, []);
    assert.equal(await page.locator('main img, main script, main b').count(), 0);
    const lists = (await page.locator('table.items').first().textContent()) ?? '';
    assert.match(lists, /<b>letter<script>\.txt/);
    assert.match((await page.locator('#by-kind').textContent()) ?? '', /<img src=x onerror=/);
  } finally {
    await page.close();
  }
});

/** A screenshot of a section's heading and charts, down to its table (the README shows the charts; the tables are long). */
async function shootCharts(page: Page, section: string, name: string): Promise<void> {
  const box = await page.locator(section).boundingBox();
  const table = await page.locator(`${section} table.counts`).boundingBox();
  assert.ok(box && table);
  await page.screenshot({ path: path.join(IMAGES, name), fullPage: true, clip: { x: box.x, y: box.y, width: box.width, height: table.y - box.y } });
}

function readdirFirst(dir: string): string {
  return readdirSync(dir).filter((n) => n.endsWith('.txt')).sort()[0];
}
