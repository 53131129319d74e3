// page.mjs -- the search page (search/index.html) in headless Chromium, from
// file://, used the way a visitor uses it.
//
//   node tests/search/page.mjs out/site
//
// Builds nothing: the site must already be there, with search/index.html,
// assets/js/search/search.js, search-wasm.js and search-index.js.
//   q/*        ?q= on load: results, the live count 「N件見つかりました」,
//              <mark> around the query in titles and snippets, links that
//              lead to pages of the site
//   variants   ﾗﾝｻﾑｳｪｱ (half width) and らんさむうぇあ (hiragana) find
//              what ランサムウェア finds, in the same order
//   typing     typing ぱすわーど into the box searches as you type and
//              puts ?q= into the address
//   none       a query nothing matches says so, with no results
//   health     no console errors, no CSP violations, no network requests
//   axe        axe-core finds no WCAG 2.1 AA violation with results shown
//   nojs       without JavaScript: the form and the <noscript> note
// Output: "ok - search-page/NAME" or "not ok - ..." plus "# detail" lines,
// then "# search-page: P passed, F failed".
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { axeViolations, launch, siteArgument } from '../e2e/browser.mjs';

const site = siteArgument('../search/page.mjs', 'search/index.html', 'a built site with its search page');
const pageUrl = pathToFileURL(path.join(site, 'search/index.html')).href;

let passed = 0, failed = 0;
function report(name, problems) {
  if (problems.length === 0) { passed++; console.log(`ok - search-page/${name}`); return; }
  failed++;
  console.log(`not ok - search-page/${name}`);
  for (const p of problems.slice(0, 10)) console.log(`# ${String(p).replace(/\n/g, ' ')}`);
}

async function open(context, query) {
  const page = await context.newPage();
  const log = [];
  page.on('console', (m) => { if (m.type() === 'error') log.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => log.push(`page error: ${e.message}`));
  page.on('request', (r) => { if (!r.url().startsWith('file://')) log.push(`request: ${r.url()}`); });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`CSP ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
    });
  });
  const t0 = Date.now();
  await page.goto(pageUrl + (query === undefined ? '' : `?q=${encodeURIComponent(query)}`));
  await page.waitForSelector('[data-search][data-state="ready"], [data-search][data-state="failed"]',
    { state: 'attached', timeout: 10000 });
  page.readyMs = Date.now() - t0;
  if (await page.getAttribute('[data-search]', 'data-state') !== 'ready') log.push('the search did not start');
  page.health = async () => [...log, ...await page.evaluate(() => window.__csp || [])];
  return page;
}

const results = (page) => page.$$eval('[data-testid="search-result"]', (els) => els.map((e) => ({
  href: e.querySelector('a').getAttribute('href'),
  title: e.querySelector('a').textContent,
  marks: [...e.querySelectorAll('mark')].map((m) => m.textContent),
})));
const status = (page) => page.$eval('[data-search-status]', (e) => e.textContent.trim());

async function check(context, name, query, body) {
  const problems = [];
  let page = null;
  try {
    page = await open(context, query);
    await body(page, problems);
    problems.push(...await page.health());
  } catch (e) {
    problems.push(e.message);
  }
  report(name, problems);
  if (page) await page.close();
}

const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });

const base = {};
for (const q of ['ランサムウェア', 'パスワード']) {
  await check(context, `q/${q}`, q, async (page, problems) => {
    const r = await results(page);
    base[q] = r.map((x) => x.href);
    const s = await status(page);
    if (r.length === 0) problems.push('no results');
    if (!/^\d+件見つかりました/.test(s)) problems.push(`status "${s}"`);
    else if (Number(s.match(/^\d+/)[0]) < r.length) problems.push(`status "${s}" but ${r.length} results`);
    if (!r.some((x) => x.marks.includes(q))) problems.push(`no <mark>${q}</mark>`);
    for (const x of r) {
      const file = path.resolve(site, 'search', x.href);
      if (!fs.existsSync(file)) problems.push(`link ${x.href} leads nowhere`);
    }
    console.log(`# ${q}: ${r.length} results, ready in ${page.readyMs} ms; first ${r[0] && r[0].href}`);
  });
}

// The right page first (the site's own content): a katakana loanword, a
// kanji compound, ASCII in any width or case.
for (const [q, want] of [['パスワード', 'guides/passwords/'], ['バックアップ', 'guides/backup/'],
  ['ランサムウェア', 'guides/backup/'], ['utm', 'glossary/'], ['ＵＴＭ', 'glossary/'],
  ['自社診断', 'shindan/'], ['私物', 'guides/byod/'], ['SECURITY ACTION', 'security-action/']]) {
  await check(context, `first/${q}`, q, async (page, problems) => {
    const r = await results(page);
    if (r.length === 0 || !r[0].href.includes(want)) {
      problems.push(`first result ${r[0] && r[0].href}, want …${want}`);
    }
  });
}

for (const [q, same] of [['ﾗﾝｻﾑｳｪｱ', 'ランサムウェア'], ['らんさむうぇあ', 'ランサムウェア'], ['ﾊﾟｽﾜｰﾄﾞ', 'パスワード']]) {
  await check(context, `variants/${q}`, q, async (page, problems) => {
    const r = (await results(page)).map((x) => x.href);
    if (JSON.stringify(r) !== JSON.stringify(base[same])) {
      problems.push(`${q}: [${r.join(' ')}] but ${same}: [${(base[same] || []).join(' ')}]`);
    }
  });
}

await check(context, 'typing', undefined, async (page, problems) => {
  await page.click('#search-q');
  await page.keyboard.type('ぱすわーど', { delay: 30 });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="search-result"]').length > 0,
    null, { timeout: 3000 });
  // Results appear while typing (for ぱすわー too); compare those of the
  // whole word, once the address says it was searched.
  await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'ぱすわーど',
    null, { timeout: 2000 }).catch(() => problems.push(`address not updated: ${page.url()}`));
  await page.waitForTimeout(300);
  const r = await results(page);
  if (JSON.stringify(r.map((x) => x.href)) !== JSON.stringify(base['パスワード'])) {
    problems.push(`typed ぱすわーど: [${r.map((x) => x.href).join(' ')}]`);
  }
  await page.fill('#search-q', '');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="search-result"]').length === 0,
    null, { timeout: 2000 }).catch(() => problems.push('clearing the box keeps results'));
});

await check(context, 'none', 'ぬぬぬぬzzqx', async (page, problems) => {
  const s = await status(page);
  if ((await results(page)).length !== 0) problems.push('results for nonsense');
  if (!/見つかりませんでした/.test(s)) problems.push(`status "${s}"`);
});

await check(context, 'axe', 'パスワード', async (page, problems) => {
  problems.push(...await axeViolations(page));
});

{
  const problems = [];
  const nojs = await browser.newContext({ javaScriptEnabled: false });
  const page = await nojs.newPage();
  await page.goto(`${pageUrl}?q=test`);
  if (!await page.locator('form[role="search"] input[name="q"]').isVisible()) problems.push('no search box');
  if (await page.getAttribute('form[role="search"]', 'method') !== 'get') problems.push('the form is not GET');
  if (!/JavaScript/.test(await page.textContent('.search-noscript').catch(() => ''))) problems.push('no <noscript> note');
  report('nojs', problems);
  await nojs.close();
}

await browser.close();
console.log(`# search-page: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
