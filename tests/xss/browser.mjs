// browser.mjs -- the XSS corpus (tests/xss/site) in headless Chromium: no
// payload may run.  Every page of OUT/site and OUT/kiosk is opened from
// file:// with window.alert, confirm and prompt replaced by a trap (and
// native dialogs caught too); then the pages whose scripts put content
// into the page are used: the search (results and a query in the
// address), the calculators (answers, the result, a forged #a=), the
// karuta game, and every screen of the kiosk.
//
//   node tests/xss/browser.mjs OUT [--only REL] [--bypass-csp]
//
// --only REL opens that one page (a path under OUT) and nothing else;
// --bypass-csp turns the pages' CSP off, so that injected code would run
// and meet the trap (tests/xss/run.sh uses both on a tampered copy, to
// show that this script sees an injection).
//
// For each page, "ok - xss/browser/<page>" when: no dialog and no trapped
// call; no console error and no uncaught exception (the pages' own CSP
// stays on, so markup that slipped through would show up here as a
// refused inline handler); no request that failed (an injected <img
// src=x> would); and in the live DOM, after the scripts ran: no on*
// attribute, no <script> without src or with inline code, no
// javascript:/vbscript:/data: URL (except data:image on <img>), no
// iframe/object/embed.  A few pages also show the payload as literal
// text where it was written.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const outArg = process.argv[2];
if (!outArg || !fs.existsSync(path.join(outArg, 'site', 'index.html'))) {
  console.error('usage: node tests/xss/browser.mjs OUT (with OUT/site/index.html)');
  process.exit(2);
}
const out = path.resolve(outArg);
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt > 0 ? process.argv[onlyAt + 1] : null;
const bypassCSP = process.argv.includes('--bypass-csp');
let passed = 0, failed = 0;
function report(name, problems) {
  if (problems.length === 0) { passed++; console.log(`ok - xss/browser/${name}`); return; }
  failed++;
  console.log(`not ok - xss/browser/${name}`);
  for (const p of [...new Set(problems)].slice(0, 12)) console.log(`# ${String(p).slice(0, 300)}`);
}

function walk(dir) {
  const r = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) r.push(...walk(p));
    else if (e.name.endsWith('.html')) r.push(p);
  }
  return r;
}

const TRAP = () => {
  window.__xss = [];
  for (const f of ['alert', 'confirm', 'prompt']) {
    const record = (...a) => { window.__xss.push(`${f}(${a.map(String).join(', ')})`); return f === 'prompt' ? null : undefined; };
    try { Object.defineProperty(window, f, { value: record, writable: false, configurable: false }); } catch { window[f] = record; }
  }
};

// The live DOM, after the page's scripts ran.
const DOM_CHECK = () => {
  const bad = [];
  const URL_ATTRS = ['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'data', 'srcset', 'background'];
  for (const el of document.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    for (const a of el.attributes) {
      const n = a.name.toLowerCase();
      if (n.startsWith('on')) bad.push(`<${tag} ${n}="${a.value.slice(0, 60)}">`);
      if (n === 'srcdoc') bad.push(`<${tag} srcdoc>`);
      if (URL_ATTRS.includes(n)) {
        const v = a.value.replace(/[\u0000-\u0020\u007f]+/g, '').toLowerCase();
        if (/^(javascript|vbscript|livescript):/.test(v)) bad.push(`<${tag} ${n}="${a.value.slice(0, 80)}">`);
        if (/^data:/.test(v) && !(tag === 'img' && /^data:image\/(png|gif|jpeg|webp);/.test(v)))
          bad.push(`<${tag} ${n}="${a.value.slice(0, 60)}">`);
      }
    }
    if (tag === 'script') {
      if (!el.getAttribute('src')) bad.push(`inline <script>: ${el.textContent.slice(0, 80)}`);
      else if (el.textContent.trim()) bad.push(`<script src> with content: ${el.textContent.slice(0, 80)}`);
      else if (!/^file:/.test(el.src)) bad.push(`<script src="${el.src}"> from outside the site`);
    }
    if (['iframe', 'frame', 'object', 'embed', 'applet'].includes(tag)) bad.push(`<${tag}>`);
  }
  return bad;
};

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP });
await context.addInitScript(TRAP);

// visit(name, url, act): open url, run act(page, problems), then check.
async function visit(name, url, act = async () => {}) {
  const problems = [];
  const page = await context.newPage();
  page.on('dialog', async (d) => { problems.push(`dialog ${d.type()}: ${d.message()}`); await d.dismiss().catch(() => {}); });
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('requestfailed', (r) => {
    if (!r.url().startsWith('data:')) problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 20000 });
    await page.waitForTimeout(150);
    await act(page, problems);
    await page.waitForTimeout(150);
    problems.push(...await page.evaluate(DOM_CHECK));
    // The 404 page's <base href="base_url"> (for the web server) is
    // refused under file:// by its CSP (base-uri 'self'), as
    // tests/e2e/site.mjs explains; that one refusal is expected.
    const base = await page.$eval('base[href]', (b) => b.getAttribute('href')).catch(() => null);
    if (base && /^https:\/\//.test(base)) {
      for (let i = problems.length - 1; i >= 0; i--)
        if (/^console: .*base URI/i.test(problems[i]) && problems[i].includes(base)) problems.splice(i, 1);
    }
    const trapped = await page.evaluate(() => window.__xss || []);
    problems.push(...trapped.map((t) => `called ${t}`));
  } catch (e) {
    problems.push(`error: ${e.message.split('\n')[0]}`);
  }
  await page.close();
  report(name, problems);
}
const fileUrl = (rel) => pathToFileURL(path.join(out, rel)).href;
const text = (page, sel) => page.$eval(sel, (e) => e.innerText).catch(() => '');
function wantText(problems, where, got, want) {
  if (!got.includes(want)) problems.push(`${where} does not show ${JSON.stringify(want)} as text`);
}

if (only) {
  await visit(only, fileUrl(only));
  await browser.close();
  console.log(`# xss-browser: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

// Every page as it loads.
const pages = [...walk(path.join(out, 'site')), ...(fs.existsSync(path.join(out, 'kiosk')) ? walk(path.join(out, 'kiosk')) : [])]
  .map((f) => path.relative(out, f)).sort();
for (const rel of pages) {
  await visit(rel, fileUrl(rel), async (page, problems) => {
    if (rel === 'site/guides/xss-body/index.html') {
      const t = await text(page, '.prose');
      wantText(problems, rel, t, 'XSS-B1 <script>alert(1)</script>');
      wantText(problems, rel, t, '<img src=x onerror=alert(1)> XSS-B3');
      wantText(problems, rel, t, '<!-- XSS-B6');
    }
    if (rel === 'site/guides/xss-front/index.html') {
      wantText(problems, `${rel} <h1>`, await text(page, 'h1'), 'XSS-F1 "><img src=x onerror=alert(1)> </title><script>alert(1)</script>');
      wantText(problems, `${rel} <title>`, await page.title(), 'XSS-F1 "><img src=x onerror=alert(1)>');
      const desc = await page.getAttribute('meta[name="description"]', 'content').catch(() => null);
      if (desc !== null) wantText(problems, `${rel} meta description`, desc, "XSS-F2 '><svg onload=alert(1)>");
    }
  });
}

// The search: results hold the payload text; a query in the address is
// text too.
for (const [q, want] of [['alert', '<script>alert(1)</script>'], ['XSS-B1', null],
  ['<img src=x onerror=alert(1)>', null], ['"><svg onload=alert(1)>', null], ['</script><script>alert(1)</script>', null]]) {
  for (const base of ['site/search/index.html']) {
    await visit(`${base}?q=${q}`, `${fileUrl(base)}?q=${encodeURIComponent(q)}`, async (page, problems) => {
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="search-result"]').length > 0
        || /見つかりません/.test(document.querySelector('[data-search-status]')?.textContent || ''), null, { timeout: 5000 })
        .catch(() => problems.push('no results and no status after 5 s'));
      if (want) wantText(problems, 'the results', await text(page, 'main'), want);
      const box = await page.inputValue('#search-q').catch(() => null);
      if (box !== null && box !== q) problems.push(`the search box holds ${JSON.stringify(box)}, not the query`);
    });
  }
}

// The calculators: answer everything, see the result and the advice; then
// a forged #a= in the address.
for (const slug of ['xss-check', 'xss-score']) {
  const rel = `site/${slug}/index.html`;
  if (!fs.existsSync(path.join(out, rel))) { report(`${rel}#answered`, [`no ${rel}`]); continue; }
  await visit(`${rel}#answered`, fileUrl(rel), async (page, problems) => {
    const names = await page.$$eval('fieldset.calc-q', (fs) => fs.map((f) => f.id));
    for (const [i, id] of names.entries()) {
      const labels = await page.$$(`fieldset#${id} label.calc-choice`);
      if (labels.length) await labels[i % labels.length].click().catch(() => {});
    }
    for (let k = 0; k < 6; k++) {
      const next = await page.$('[data-next]:visible');
      if (!next) break;
      await next.click().catch(() => {});
      await page.waitForTimeout(80);
    }
    wantText(problems, `${rel} result`, await text(page, 'main'), slug === 'xss-check' ? 'XSS-C' : 'XSS-Q');
  });
  for (const h of ['#a=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', '#a=1,"><svg onload=alert(1)>',
    "#a=');alert(1);//", '#a=__proto__', '#a=javascript:alert(1)']) {
    await visit(`${rel}${h}`, fileUrl(rel) + h);
  }
}

// The karuta game: two cards answered, their 解説 shown.
if (fs.existsSync(path.join(out, 'site/karuta/play/index.html'))) {
  await visit('site/karuta/play/index.html#played', fileUrl('site/karuta/play/index.html'), async (page) => {
    for (let k = 0; k < 2; k++) {
      await page.click('[data-testid="karuta-choice"] >> nth=0', { timeout: 3000 }).catch(() => {});
      await page.waitForTimeout(100);
      await page.click('[data-next]', { timeout: 3000 }).catch(() => {});
    }
  });
  await visit('site/karuta/play/index.html?seed=<script>', `${fileUrl('site/karuta/play/index.html')}?seed=%3Cscript%3Ealert(1)%3C/script%3E`);
}

// The kiosk: every screen opened in turn.
if (fs.existsSync(path.join(out, 'kiosk/index.html'))) {
  await visit('kiosk/index.html#screens', `${fileUrl('kiosk/index.html')}?print=0`, async (page, problems) => {
    const targets = await page.$$eval('[data-go]', (els) => [...new Set(els.map((e) => e.getAttribute('data-go')))]);
    if (targets.length === 0) problems.push('no [data-go] screens');
    for (const t of targets) {
      await page.evaluate((id) => { const b = document.querySelector(`[data-go="${CSS.escape(id)}"]`); if (b) b.click(); }, t);
      await page.waitForTimeout(60);
    }
  });
}

// The feed and the sitemap: well-formed XML, the titles escaped exactly
// once (the browser's XML parser gives back the text of the front matter).
{
  const problems = [];
  const page = await context.newPage();
  await page.goto(fileUrl('site/index.html'));
  for (const f of ['site/feed.xml', 'site/sitemap.xml']) {
    const xml = fs.readFileSync(path.join(out, f), 'utf8');
    const r = await page.evaluate((x) => {
      const d = new DOMParser().parseFromString(x, 'application/xml');
      const err = d.querySelector('parsererror');
      return { err: err ? err.textContent : null, titles: [...d.getElementsByTagName('title')].map((t) => t.textContent) };
    }, xml);
    if (r.err) problems.push(`${f} is not well-formed: ${r.err.slice(0, 200)}`);
    if (f.endsWith('feed.xml') && !r.titles.includes('XSS-F1 "><img src=x onerror=alert(1)> </title><script>alert(1)</script>'))
      problems.push(`feed.xml titles: ${JSON.stringify(r.titles).slice(0, 200)}`);
  }
  await page.close();
  report('feed-and-sitemap-xml', problems);
}

await browser.close();
console.log(`# xss-browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
