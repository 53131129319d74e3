// site.mjs -- every page of a built site in headless Chromium, from file://.
//
//   node tests/e2e/site.mjs out/site
//
// Builds nothing: the site must already be there.  Each page is opened at
// 1280x900 (desktop) and 390x844 (phone) and checked for
//   axe       axe-core finds no WCAG 2.0/2.1 A/AA violation
//   console   no console error, page error or CSP violation
//   network   no request other than file://
//   overflow  nothing wider than the window (also with 「文字を大きく」 on)
//   textsize  the 「文字を大きく」 button is visible, reachable with Tab,
//             and toggles html.large-text (and aria-pressed) from the keyboard
// and once per page for
//   anchors   every link with a #fragment points at an existing id
//   breaks    (pages with Markdown, .prose) no paragraph or list item keeps
//             a source line break between two Japanese characters
// Output: "ok - e2e/PAGE/CHECK" or "not ok - e2e/PAGE/CHECK" plus "# detail"
// lines, then "# e2e: P passed, F failed".  Exit status 1 if any failed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { axeViolations, launch, siteArgument, overflow } from './browser.mjs';

const site = siteArgument('site.mjs', 'index.html', 'a built site');

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];
const JA = '[\\u3040-\\u30ff\\u4e00-\\u9fff]';

let passed = 0;
let failed = 0;
// Each window size writes to its own list of lines, printed in order at the end.
function report(lines, page, check, problems) {
  if (problems.length === 0) {
    passed++;
    lines.push(`ok - e2e/${page}/${check}`);
  } else {
    failed++;
    lines.push(`not ok - e2e/${page}/${check}`);
    for (const p of problems.slice(0, 15)) lines.push(`# ${String(p).replace(/\n/g, ' ')}`);
    if (problems.length > 15) lines.push(`# ... and ${problems.length - 15} more`);
  }
}

function htmlFiles(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...htmlFiles(p));
    else if (e.name.endsWith('.html')) out.push(p);
  }
  return out;
}
const pages = htmlFiles(site).map((p) => path.relative(site, p).split(path.sep).join('/')).sort();

// The ids of a page, read once (the anchors check follows links between pages).
const idCache = new Map();
async function idsOf(context, file) {
  if (!idCache.has(file)) {
    const p = await context.newPage();
    await p.goto(pathToFileURL(file).href);
    idCache.set(file, new Set(await p.$$eval('[id], a[name]', (els) => els.map((e) => e.id || e.getAttribute('name')))));
    await p.close();
  }
  return idCache.get(file);
}

async function checkAnchors(context, page, file) {
  const links = await page.$$eval('a[href*="#"]', (as) => as.map((a) => ({
    raw: a.getAttribute('href'), url: a.href, text: a.textContent.trim().slice(0, 40),
  })));
  const problems = [];
  const here = new Set(await page.$$eval('[id], a[name]', (els) => els.map((e) => e.id || e.getAttribute('name'))));
  for (const l of links) {
    const u = new URL(l.url);
    if (u.protocol !== 'file:') continue; // an external page's anchors are not ours to check
    const id = decodeURIComponent(u.hash.slice(1));
    if (id === '') { problems.push(`"${l.raw}" (${l.text}): empty fragment`); continue; }
    const target = fileURLToPath(u.href.split('#')[0]);
    let ids;
    if (target === file) ids = here;
    else if (!fs.existsSync(target)) { problems.push(`"${l.raw}" (${l.text}): ${path.relative(site, target)} does not exist`); continue; }
    else ids = await idsOf(context, target);
    if (!ids.has(id)) problems.push(`"${l.raw}" (${l.text}): no id="${id}" on ${path.relative(site, target)}`);
  }
  return problems;
}

async function checkBreaks(page) {
  return page.$$eval('.prose p, .prose li', (els, ja) => {
    const re = new RegExp(`${ja}\\s*\\n\\s*${ja}`);
    return els.filter((e) => re.test(e.textContent))
      .map((e) => `line break kept between Japanese characters: "${e.textContent.trim().slice(0, 60)}"`);
  }, JA);
}


async function checkTextSize(page) {
  const problems = [];
  const button = page.locator('[data-text-size]');
  if (await button.count() !== 1) return ['no single [data-text-size] button'];
  if (!(await button.isVisible())) problems.push('the button is not visible');
  const label = (await button.textContent()).trim();
  if (label !== '文字を大きく') problems.push(`label is "${label}", expected 文字を大きく`);
  // Reach it with the keyboard from the top of the page.
  await page.evaluate(() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); });
  let reached = false;
  for (let i = 0; i < 8 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement && document.activeElement.matches('[data-text-size]'));
  }
  if (!reached) return [...problems, 'not reached within 8 presses of Tab'];
  const state = () => page.evaluate(() => ({
    large: document.documentElement.classList.contains('large-text'),
    pressed: document.querySelector('[data-text-size]').getAttribute('aria-pressed'),
    outline: getComputedStyle(document.activeElement).outlineStyle,
  }));
  let s = await state();
  if (s.large) problems.push('html.large-text is on before any press');
  if (s.outline === 'none') problems.push('no visible focus outline on the button');
  await page.keyboard.press('Enter');
  s = await state();
  if (!s.large || s.pressed !== 'true') problems.push(`after Enter: large-text=${s.large}, aria-pressed=${s.pressed}`);
  const over = await overflow(page);
  if (over.length) problems.push(`with large text: ${over.join('; ')}`);
  await page.keyboard.press('Space');
  s = await state();
  if (s.large || s.pressed !== 'false') problems.push(`after Space: large-text=${s.large}, aria-pressed=${s.pressed}`);
  return problems;
}

// The fonts Chromium really drew the page title and the first paragraph
// with (CDP CSS.getPlatformFontsForNode): Japanese must come out in BIZ UD
// Gothic (the package fonts-morisawa-bizud-gothic), not in a fallback or as
// empty boxes.
async function checkFonts(context, page) {
  const cdp = await context.newCDPSession(page);
  const problems = [];
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    for (const sel of ['h1', 'main p']) {
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: sel });
      if (!nodeId) continue;
      const node = await cdp.send('DOM.describeNode', { nodeId, depth: 1 });
      const text = (node.node.children || []).find((c) => c.nodeType === 3);
      if (!text) continue;
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      const names = fonts.map((f) => `${f.familyName} (${f.glyphCount})`);
      if (!fonts.some((f) => /^BIZ UDP?Gothic/.test(f.familyName))) {
        problems.push(`${sel} drawn with ${names.join(', ') || 'no font'}, not BIZ UD Gothic`);
      }
    }
  } finally {
    await cdp.detach();
  }
  return problems;
}

// All checks of one page at one window size; returns its report lines.
async function checkPage(context, vp, rel, once) {
  const lines = [];
  const file = path.join(site, rel);
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('request', (r) => { if (!r.url().startsWith('file://')) requests.push(r.url()); });
  // CSP violations are logged to the console too; this catches them even if not.
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`CSP ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  try {
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });

    report(lines, rel, `axe@${vp.name}`, await axeViolations(page));
    report(lines, rel, `overflow@${vp.name}`, await overflow(page));
    report(lines, rel, `textsize@${vp.name}`, await checkTextSize(page));
    if (once) {
      report(lines, rel, 'anchors', await checkAnchors(context, page, file));
      report(lines, rel, 'fonts', await checkFonts(context, page));
      if (await page.locator('.prose').count() > 0) report(lines, rel, 'breaks', await checkBreaks(page));
    }
    // Last, so that everything above had its chance to raise an error.
    errors.push(...await page.evaluate(() => window.__cspViolations || []));
    // The 404 page carries <base href="site.base_url"> for the web server,
    // where any URL may show it.  Opened from file:// that base is another
    // origin, and base-uri 'self' refuses it -- which keeps the page's links
    // relative and working.  That one refusal is expected; anything else counts.
    const base = await page.$eval('base[href]', (b) => b.getAttribute('href')).catch(() => null);
    const errorsLeft = base && !base.startsWith('file:')
      ? errors.filter((e) => !(/base[- ]URI/i.test(e) && e.includes(base.replace(/\/$/, ''))))
      : errors;
    if (errorsLeft.length < errors.length) {
      lines.push(`# ${rel}@${vp.name}: <base href="${base}"> refused under file:// (expected)`);
    }
    report(lines, rel, `console@${vp.name}`, errorsLeft);
    report(lines, rel, `network@${vp.name}`, requests);
  } catch (e) {
    report(lines, rel, `run@${vp.name}`, [String((e && e.message) || e)]);
  } finally {
    await page.close();
  }
  return lines;
}

// A few pages at a time per window size.  Each worker has its own browser
// context, so that one page's 「文字を大きく」 (kept in localStorage) cannot
// leak into another page being checked at the same moment.
const WORKERS = 2;
async function runViewport(browser, vp, once) {
  const results = new Map();
  let next = 0;
  await Promise.all(Array.from({ length: WORKERS }, async () => {
    const context = await browser.newContext({ viewport: { width: vp.width, height: vp.height } });
    try {
      while (next < pages.length) {
        const rel = pages[next++];
        results.set(rel, await checkPage(context, vp, rel, once));
      }
    } finally {
      await context.close();
    }
  }));
  return pages.map((rel) => results.get(rel)).flat();
}

const browser = await launch();
let outputs = [];
try {
  // The two window sizes run side by side.
  outputs = await Promise.all(VIEWPORTS.map((vp, i) => runViewport(browser, vp, i === 0)));
} catch (e) {
  failed++;
  outputs.push(['not ok - e2e/run', `# ${String((e && e.stack) || e).split('\n').join('\n# ')}`]);
} finally {
  await browser.close();
}
console.log(outputs.flat().join('\n'));
console.log(`# e2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
