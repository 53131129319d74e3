// kiosk.mjs -- the offline kiosk (out/kiosk) in headless Chromium, from
// file://, as a visitor would use it.
//
//   node tests/e2e/kiosk.mjs out/kiosk          (KIOSK_SHOTS=DIR: screenshots)
//   KIOSK_SOAK=N (default 200) visitors in the soak loop; KIOSK_ONLY=WORD
//   runs only the checks whose name holds WORD
//
// Checks:
//   files      the folder: fonts and licence, launchers with their flags,
//              the guide; no <a href>, no module, fetch, XHR or storage in
//              any script the page loads
//   start      cold start to interactive (median of 5 loads)
//   journey    attract -> menu -> 自社診断 (25 answers by touch) -> result
//              -> QR (= the public result URL) -> はじめから -> attract,
//              answers gone, nothing in the address, storage empty
//   idle       ?idle=3&warn=2: 「続けますか？」, 続ける keeps the answers;
//              no touch clears them and returns to the attract screen
//   network    the request log of all of the above: file:// only
//   screens    every screen at 1920x1080 and 1080x1920 (and with 大きな文字):
//              axe-core, no horizontal overflow, targets >= 48 px, text
//              >= 20 px, no console error or CSP violation (screenshots)
//   dialogs    the idle, term and QR dialogs pass axe too
//   keyboard   every control of every screen is reached with Tab, focus is
//              visible, and the diagnosis can be done with the keyboard
//   print      the diagnosis and cost results print on one A4 page
//   touch      no text selection, no long-press menu, no pinch zoom
//   links      no link leaves the kiosk: QR codes carry the addresses
//   search     kana keyboard and suggested words find pages; a result opens
//              its screen or a QR code
//   karuta     the game runs and its cards can be answered
//   fonts      with only DejaVu installed (FONTCONFIG_FILE), the Japanese is
//              drawn with the bundled BIZ UDPGothic
//   soak       N visitors in a row; the JS heap after GC shows no growth;
//              and one visit doing the same things N times without starting
//              over: no growth either
// Output: "ok - kiosk/…" / "not ok - kiosk/…" with "# …" details, then
// "# kiosk: P passed, F failed".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import { axeViolations, launch, overflow, siteArgument } from './browser.mjs';

const kiosk = siteArgument('kiosk.mjs', 'index.html', 'a built kiosk');
const indexUrl = pathToFileURL(path.join(kiosk, 'index.html')).href;
const shots = process.env.KIOSK_SHOTS || '';
const SOAK = parseInt(process.env.KIOSK_SOAK || '200', 10);
if (shots) fs.mkdirSync(shots, { recursive: true });

const LAND = { name: 'landscape', width: 1920, height: 1080 };
const PORT = { name: 'portrait', width: 1080, height: 1920 };

let passed = 0;
let failed = 0;
function report(name, problems) {
  if (problems.length === 0) {
    passed++;
    console.log(`ok - kiosk/${name}`);
  } else {
    failed++;
    console.log(`not ok - kiosk/${name}`);
    for (const p of problems.slice(0, 15)) console.log(`# ${String(p).replace(/\n/g, ' ')}`);
    if (problems.length > 15) console.log(`# ... and ${problems.length - 15} more`);
  }
}
function note(text) { console.log(`# ${text}`); }

// Every request any page makes, and every error, over the whole run.
const requests = [];
const errors = [];

async function open(browser, vp, query = '', options = {}) {
  const context = await browser.newContext({ viewport: { width: vp.width, height: vp.height }, hasTouch: true, ...options });
  const page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
    });
  });
  await page.goto(indexUrl + query);
  await ready(page);
  return { context, page };
}

async function ready(page) {
  await page.waitForSelector('html[data-k-ready]', { state: 'attached', timeout: 15000 });
}

const screenOf = (page) => page.evaluate(() => window.MAMORU_KIOSK.screen);
const show = (page, id) => page.evaluate((s) => window.MAMORU_KIOSK.show(s), id);

async function storage(page) {
  return page.evaluate(async () => ({
    local: window.localStorage.length,
    session: window.sessionStorage.length,
    cookie: document.cookie,
    idb: indexedDB.databases ? (await indexedDB.databases()).length : 0,
    hash: window.location.hash,
    name: window.name,
  }));
}
function storageProblems(s) {
  const p = [];
  if (s.local) p.push(`localStorage has ${s.local} items`);
  if (s.session) p.push(`sessionStorage has ${s.session} items`);
  if (s.cookie) p.push(`cookies: ${s.cookie}`);
  if (s.idb) p.push(`${s.idb} IndexedDB databases`);
  if (s.hash) p.push(`the address holds ${s.hash}`);
  if (s.name) p.push(`window.name is "${s.name}"`);
  return p;
}

/* ----- the folder ------------------------------------------------------ */

function checkFiles() {
  const p = [];
  const need = ['index.html', 'README-kiosk.html', 'start-kiosk.sh', 'start-kiosk.bat',
    'fonts/BIZUDPGothic-Regular.ttf', 'fonts/BIZUDPGothic-Bold.ttf', 'fonts/LICENSE-BIZUDGothic.txt'];
  for (const f of need) if (!fs.existsSync(path.join(kiosk, f))) p.push(`missing ${f}`);
  if (p.length) return p;
  if (!(fs.statSync(path.join(kiosk, 'start-kiosk.sh')).mode & 0o111)) p.push('start-kiosk.sh is not executable');
  const sh = fs.readFileSync(path.join(kiosk, 'start-kiosk.sh'), 'utf8');
  for (const flag of ['--kiosk', '--noerrdialogs', '--disable-pinch', '--overscroll-history-navigation=0',
    '--incognito', '--disable-session-crashed-bubble', 'xset s off', 'xset -dpms']) {
    if (!sh.includes(flag)) p.push(`start-kiosk.sh lacks ${flag}`);
  }
  if (!/SIL OPEN FONT LICENSE Version 1\.1/.test(fs.readFileSync(path.join(kiosk, 'fonts/LICENSE-BIZUDGothic.txt'), 'utf8'))) {
    p.push('the font licence is not the SIL OFL 1.1');
  }
  const guide = fs.readFileSync(path.join(kiosk, 'README-kiosk.html'), 'utf8');
  for (const w of ['Windows', 'Linux', 'start-kiosk.bat', 'start-kiosk.sh', 'Alt']) {
    if (!guide.includes(w)) p.push(`README-kiosk.html does not mention ${w}`);
  }
  const html = fs.readFileSync(path.join(kiosk, 'index.html'), 'utf8');
  if (/<a\s[^>]*href=/i.test(html)) p.push('index.html has a link (<a href>)');
  if (/<script(?![^>]*\bsrc=)[^>]*>/i.test(html)) p.push('index.html has an inline script');
  if (/type="module"/.test(html)) p.push('a module script');
  if (/(src|href)="(https?:)?\/\//.test(html)) p.push('index.html loads something from another site');
  const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]);
  if (scripts.length < 5) p.push(`only ${scripts.length} scripts`);
  for (const s of scripts) {
    const js = fs.readFileSync(path.join(kiosk, s), 'utf8');
    for (const [re, what] of [[/\bfetch\s*\(/, 'fetch'], [/XMLHttpRequest/, 'XHR'], [/\bimport\s*\(/, 'import()'],
      [/localStorage|sessionStorage/, 'Web Storage'], [/document\.cookie/, 'cookies'], [/indexedDB/, 'IndexedDB'],
      [/navigator\.sendBeacon|new WebSocket|EventSource/, 'a network API']]) {
      if (re.test(js)) p.push(`${s} uses ${what}`);
    }
  }
  return p;
}

/* ----- per screen checks --------------------------------------------- */

// Visible controls smaller than 48 x 48 CSS px, and visible text under 20 px.
async function sizes(page) {
  return page.evaluate(() => {
    const out = [];
    const visible = (e) => {
      const r = e.getBoundingClientRect();
      const s = getComputedStyle(e);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && !e.closest('[hidden]');
    };
    const scope = document.querySelector('dialog[open]') || document.body;
    const controls = scope.querySelectorAll('button, a[href], input:not([type=radio]):not([type=checkbox]), label.calc-choice, .calc-field--toggle, select, textarea, [tabindex="0"]');
    for (const e of controls) {
      if (!visible(e)) continue;
      const r = e.getBoundingClientRect();
      if (r.width < 48 || r.height < 48) {
        out.push(`target ${e.tagName.toLowerCase()}.${String(e.className).split(' ')[0]} "${e.textContent.trim().slice(0, 20)}" is ${Math.round(r.width)}x${Math.round(r.height)}`);
      }
    }
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    const small = new Map();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent.trim()) continue;
      const e = n.parentElement;
      if (!e || !visible(e) || e.closest('svg, rt, .visually-hidden')) continue;
      const fs = parseFloat(getComputedStyle(e).fontSize);
      if (fs < 20) small.set(`${e.tagName.toLowerCase()}.${String(e.className).split(' ')[0]} ${fs.toFixed(1)}px "${n.textContent.trim().slice(0, 16)}"`, 1);
    }
    for (const k of small.keys()) out.push(`text ${k}`);
    return out;
  });
}

async function shot(page, name) {
  if (!shots) return;
  await page.waitForTimeout(250);
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
}

// Every screen of the page, in turn, with something in it where it has
// states (a question, a result, search results, an answered card).
async function screenStates(page) {
  const ids = await page.$$eval('[data-screen]', (els) => els.map((e) => e.getAttribute('data-screen')));
  const states = [];
  for (const id of ids) {
    states.push({ name: id, go: async () => show(page, id) });
    if (id.startsWith('calc-') && await page.$(`#${id} [data-k-begin]`)) {
      states.push({
        name: `${id}-question`,
        go: async () => { await show(page, id); await page.click(`#${id} [data-k-begin]`); },
      });
      states.push({
        name: `${id}-result`,
        go: async () => {
          await show(page, id);
          await page.evaluate((sid) => {
            const root = document.getElementById(sid);
            const begin = root.querySelector('[data-k-begin]');
            if (!root.querySelector('.k-intro') || begin.offsetParent) begin.click();
            for (const f of root.querySelectorAll('[data-item]')) {
              const r = f.querySelectorAll('input[type=radio]');
              r[(+f.getAttribute('data-item')) % r.length].click();
              root.querySelector('[data-k-next]').click();
            }
          }, id);
        },
      });
    }
    if (id === 'search') {
      states.push({
        name: 'search-results',
        go: async () => {
          await show(page, 'search');
          await page.click('#search [data-k-word]');
          await page.waitForSelector('#search [data-testid=search-result]');
        },
      });
    }
    if (id === 'karuta') {
      states.push({
        name: 'karuta-answered',
        go: async () => {
          await show(page, 'karuta');
          await page.click('#karuta [data-testid=karuta-choice]');
          await page.waitForSelector('#karuta [data-testid=karuta-feedback]:not([hidden])');
        },
      });
    }
  }
  return states;
}

// axe-core on what is on screen: the bar, the open screen and any open
// dialog (the other screens are hidden, so axe would skip them anyway; this
// only saves time).  The page-level rules run once, on the whole page.
const axeSource = fs.readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
async function axeScreen(page) {
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const include = ['.k-bar', '.k-screen:not([hidden])', 'dialog[open]']
      .filter((s) => document.querySelector(s)).map((s) => [s]);
    const r = await window.axe.run({ include }, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] },
      preload: false, resultTypes: ['violations'],
    });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} -- ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
}

async function checkScreens(browser, vp) {
  // Screens fade in; axe measures contrast after that (no motion here).
  const { context, page } = await open(browser, vp, '', { reducedMotion: 'reduce' });
  const axe = [];
  const over = [];
  const size = [];
  const large = [];
  for (const st of await screenStates(page)) {
    await st.go();
    await page.waitForTimeout(60);
    for (const v of await (st.name === 'home' ? axeViolations(page) : axeScreen(page))) axe.push(`${st.name}: ${v}`);
    for (const o of await overflow(page)) over.push(`${st.name}: ${o}`);
    if (vp === LAND) for (const s of await sizes(page)) size.push(`${st.name}: ${s}`);
    await shot(page, `${vp.name}-${st.name}`);
    // 大きな文字: no overflow either.
    await page.evaluate(() => document.documentElement.classList.add('k-large'));
    for (const o of await overflow(page)) large.push(`${st.name}: ${o}`);
    if (st.name === 'home' || st.name === 'calc-shindan-question') await shot(page, `${vp.name}-${st.name}-large`);
    await page.evaluate(() => document.documentElement.classList.remove('k-large'));
  }
  report(`screens/axe@${vp.name}`, axe);
  report(`screens/overflow@${vp.name}`, over);
  report(`screens/overflow-large-text@${vp.name}`, large);
  if (vp === LAND) report('screens/targets-48px-text-20px@landscape', size);
  await context.close();
}

/* ----- the visitor journey ------------------------------------------- */

const POINTS = [4, 2, 0, -1];

async function journey(browser) {
  const p = [];
  const { context, page } = await open(browser, LAND);
  if (await screenOf(page) !== 'attract') p.push(`starts on ${await screenOf(page)}, not the attract screen`);
  const facts = await page.$$eval('[data-fact-slide]', (els) => els.map((e) => e.textContent));
  if (facts.length < 2) p.push(`${facts.length} facts on the attract screen`);
  if (!facts.every((t) => t.includes('出典'))) p.push('a fact without its source');
  await shot(page, 'journey-1-attract');
  await page.tap('[data-start]');
  if (await screenOf(page) !== 'home') p.push('the start button does not open the menu');
  await page.tap('[data-go="calc-shindan"]');
  await page.tap('#calc-shindan [data-k-begin]');
  const digits = [];
  let expected = 0;
  for (let i = 1; i <= 25; i++) {
    const choice = [1, 2, 1, 3, 4, 1, 2][i % 7];
    digits.push(choice);
    expected += POINTS[choice - 1];
    if (!(await page.isVisible(`#calc-shindan-q${i}`))) { p.push(`問${i} is not shown`); break; }
    await page.tap(`#calc-shindan-q${i} label[for="calc-shindan-q${i}-${choice}"]`);
    // The next question follows the answer by itself.
    if (i < 25) await page.waitForSelector(`#calc-shindan-q${i + 1}.is-current`, { timeout: 3000 });
    if (i === 3) await shot(page, 'journey-2-question');
  }
  await page.waitForSelector('#calc-shindan [data-result]:not([hidden])', { timeout: 5000 });
  const total = await page.textContent('#calc-shindan [data-testid=score-total]');
  if (Number(total) !== expected) p.push(`total ${total}, expected ${expected}`);
  const qr = await page.getAttribute('#calc-shindan [data-qr-code] svg', 'data-qr-text');
  const base = await page.getAttribute('body', 'data-base-url');
  const want = `${base}shindan/#a=${digits.join('')}`;
  if (qr !== want) p.push(`QR holds ${qr}, expected ${want}`);
  if (!base || !/^https:\/\//.test(base)) p.push(`base URL "${base}"`);
  const during = await storage(page);
  if (during.hash) p.push(`the answers are in the address: ${during.hash}`);
  await shot(page, 'journey-3-result');
  await page.tap('[data-restart-kiosk]');
  await page.waitForLoadState('load');
  await ready(page);
  if (await screenOf(page) !== 'attract') p.push(`after はじめから: ${await screenOf(page)}`);
  const after = await page.evaluate(() => ({
    checked: document.querySelectorAll('input:checked').length,
    result: !document.querySelector('#calc-shindan [data-result]').hidden,
    total: document.querySelector('#calc-shindan [data-testid=score-total]').textContent,
  }));
  if (after.checked) p.push(`${after.checked} answers still checked after はじめから`);
  if (after.result || after.total) p.push('the result is still there after はじめから');
  p.push(...storageProblems(await storage(page)).map((x) => `after はじめから: ${x}`));
  await context.close();
  return p;
}

// A checklist in parts (もしもの時の準備チェック): one item at a time too,
// never a 「まだ答えていません」 on the way.
async function checklist(browser) {
  const p = [];
  const { context, page } = await open(browser, PORT);
  const id = await page.evaluate(() => {
    const c = [...document.querySelectorAll('[data-calc][data-kind=checklist]')]
      .find((x) => x.querySelectorAll('[data-part]').length > 1) || document.querySelector('[data-calc][data-kind=checklist]');
    return c && c.closest('[data-screen]').id;
  });
  if (!id) return ['no checklist'];
  await page.tap('[data-start]');
  await page.tap(`[data-go="${id}"]`);
  await page.tap(`#${id} [data-k-begin]`);
  const n = await page.$$eval(`#${id} [data-item]`, (f) => f.length);
  for (let i = 1; i <= n; i++) {
    await page.tap(`#${id} [data-item="${i}"] label:nth-of-type(${1 + (i % 2)})`);
    if (i < n) await page.waitForSelector(`#${id} [data-item="${i + 1}"].is-current`, { timeout: 3000 });
    const bad = await page.$$eval(`#${id} [data-missing]:not([hidden]), #${id} [data-alert]:not([hidden])`, (e) => e.length);
    if (bad) { p.push(`item ${i}: a warning about unanswered items shows`); break; }
  }
  await page.waitForSelector(`#${id} [data-result]:not([hidden])`, { timeout: 5000 });
  const done = await page.textContent(`#${id} [data-testid=score-total]`);
  if (Number(done) !== Math.floor(n / 2)) p.push(`${done} done, expected ${Math.floor(n / 2)}`);
  await context.close();
  return p;
}

async function idle(browser) {
  const p = [];
  const { context, page } = await open(browser, LAND, '?idle=3&warn=2');
  await page.tap('[data-start]');
  await page.tap('[data-go="calc-shindan"]');
  await page.tap('#calc-shindan [data-k-begin]');
  await page.tap('#calc-shindan-q1 label[for="calc-shindan-q1-1"]');
  await page.waitForSelector('#calc-shindan-q2.is-current');
  // 続ける keeps everything.
  await page.waitForSelector('[data-idle-dialog][open]', { timeout: 6000 });
  await page.tap('[data-idle-continue]');
  if (await page.$('[data-idle-dialog][open]')) p.push('続ける does not close the warning');
  if (!(await page.isChecked('#calc-shindan-q1-1'))) p.push('続ける lost the answer');
  // No touch: the warning, then the attract screen with nothing kept.
  await page.waitForSelector('[data-idle-dialog][open]', { timeout: 6000 });
  await page.waitForEvent('load', { timeout: 6000 });
  await ready(page);
  if (await screenOf(page) !== 'attract') p.push(`after the timeout: ${await screenOf(page)}`);
  const left = await page.evaluate(() => document.querySelectorAll('input:checked').length);
  if (left) p.push(`${left} answers left after the timeout`);
  if (!page.url().endsWith('?idle=3&warn=2')) p.push(`address after the timeout: ${page.url()}`);
  p.push(...storageProblems(await storage(page)).map((x) => `after the timeout: ${x}`));
  // The attract screen itself never times out.
  await page.waitForTimeout(3600);
  if (await page.$('[data-idle-dialog][open]')) p.push('the attract screen asks 続けますか？');
  await context.close();
  // The warning itself, long enough to look at.
  const slow = await open(browser, LAND, '?idle=2&warn=90');
  await slow.page.tap('[data-start]');
  await slow.page.waitForSelector('[data-idle-dialog][open]', { timeout: 6000 });
  const text = await slow.page.textContent('[data-idle-dialog]');
  if (!text.includes('続けますか')) p.push('the warning does not ask 続けますか？');
  for (const v of await axeViolations(slow.page)) p.push(`idle dialog: ${v}`);
  for (const v of await sizes(slow.page)) p.push(`idle dialog: ${v}`);
  await shot(slow.page, 'idle-warning');
  await slow.context.close();
  return p;
}

/* ----- dialogs, links, search, karuta -------------------------------- */

async function dialogsAndLinks(browser) {
  const p = [];
  const { context, page } = await open(browser, LAND);
  await page.tap('[data-start]');
  await page.tap('[data-go="guides"]');
  const guide = await page.getAttribute('#guides [data-go]', 'data-go');
  await page.tap(`#guides [data-go="${guide}"]`);
  const term = await page.$(`#${guide} [data-term]`);
  if (!term) p.push(`${guide} has no glossary term`);
  else {
    await term.tap();
    await page.waitForSelector('[data-term-dialog][open]');
    const def = await page.textContent('[data-term-def]');
    if (!def.trim()) p.push('the term dialog is empty');
    for (const v of await axeViolations(page)) p.push(`term dialog: ${v}`);
    await shot(page, 'dialog-term');
    await page.tap('[data-term-dialog] [data-dialog-close]');
  }
  // Ruby over the terms.
  await page.tap('[data-ruby]');
  const rt = await page.$eval(`#${guide} .k-term rt`, (e) => getComputedStyle(e).display).catch(() => 'none');
  if (rt === 'none') p.push('ふりがな shows no reading');
  await page.tap('[data-ruby]');
  // Every screen's QR codes say what they hold.
  const codes = await page.evaluate(() => {
    const out = [];
    for (const id of Object.keys(document.querySelectorAll('[data-screen]')).map((i) => document.querySelectorAll('[data-screen]')[i].getAttribute('data-screen'))) {
      window.MAMORU_KIOSK.show(id);
      for (const q of document.querySelectorAll(`#${id} [data-qr-url]`)) {
        const svg = q.querySelector('svg');
        const shown = q.querySelector('.k-url');
        out.push({ id, url: q.getAttribute('data-qr-url'), text: svg && svg.getAttribute('data-qr-text'), shown: shown && shown.textContent });
      }
    }
    return out;
  });
  if (codes.length < 3) p.push(`only ${codes.length} QR codes of links`);
  for (const c of codes) {
    if (c.text !== c.url) p.push(`${c.id}: QR code of ${c.url} holds ${c.text}`);
    if (c.shown !== c.url) p.push(`${c.id}: the URL under the QR code is "${c.shown}"`);
    if (!/^https?:\/\//.test(c.url)) p.push(`${c.id}: QR of a relative address ${c.url}`);
  }
  note(`QR codes of links: ${codes.length} on ${new Set(codes.map((c) => c.id)).size} screens`);
  await context.close();
  return p;
}

async function search(browser) {
  const p = [];
  const { context, page } = await open(browser, PORT);
  await page.tap('[data-start]');
  await page.tap('[data-go="search"]');
  // ぱすわーど on the kana keyboard: は + ゜, す, わ, ー, と + ゛.
  for (const k of ['は', 'p', 'す', 'わ', 'ー', 'と', 'd']) {
    if (k === 'p') await page.tap('#search [data-k-mod="handakuten"]');
    else if (k === 'd') await page.tap('#search [data-k-mod="dakuten"]');
    else await page.tap(`#search [data-k-key="${k}"]`);
  }
  const typed = await page.inputValue('#search-q');
  if (typed !== 'ぱすわーど') p.push(`typed "${typed}"`);
  // The search runs 80 ms after the last key: wait for the whole word's results.
  await page.waitForFunction(() => [...document.querySelectorAll('#search [data-testid=search-result] a')]
    .some((a) => a.textContent.includes('パスワード')), null, { timeout: 5000 }).catch(async () => {
    const titles = await page.$$eval('#search [data-testid=search-result] a', (as) => as.map((a) => a.textContent));
    p.push(`no page about パスワード for ぱすわーど: ${titles.slice(0, 3).join(' / ')}`);
  });
  await shot(page, 'search-kana');
  // A result the kiosk has opens its screen; another one a QR code.
  const kinds = await page.$$eval('#search [data-testid=search-result] a', (as) => as.map((a) => a.getAttribute('href')));
  if (!kinds.every((h) => h.startsWith('#k-go='))) p.push(`result links: ${kinds.join(' ')}`);
  await page.tap('#search [data-k-clear]');
  await page.tap('#search [data-k-word]');
  await page.waitForSelector('#search [data-testid=search-result]');
  const targets = await page.$$eval('#search [data-testid=search-result] a', (as) => as.map((a) => a.getAttribute('href').slice(6)));
  const routes = await page.$$eval('[data-routes] li', (ls) => ls.map((l) => l.getAttribute('data-out')));
  const inKiosk = targets.find((t) => routes.includes(t));
  const outside = targets.find((t) => !routes.includes(t));
  if (inKiosk) {
    await page.tap(`#search a[href="#k-go=${inKiosk}"]`);
    const now = await screenOf(page);
    if (now === 'search') p.push(`${inKiosk} did not open its screen`);
    await page.tap('[data-back-screen]');
  }
  if (outside) {
    await page.tap(`#search a[href="#k-go=${outside}"]`);
    await page.waitForSelector('[data-qr-dialog][open]');
    const qr = await page.getAttribute('[data-qr-dialog] svg', 'data-qr-text');
    const base = await page.getAttribute('body', 'data-base-url');
    if (!qr || !qr.startsWith(base)) p.push(`the QR code of ${outside} holds ${qr}`);
    for (const v of await axeViolations(page)) p.push(`QR dialog: ${v}`);
    await shot(page, 'dialog-qr');
    await page.tap('[data-qr-dialog] [data-dialog-close]');
  }
  await page.tap('[data-restart-kiosk]');
  await page.waitForLoadState('load');
  await ready(page);
  if (page.url() !== indexUrl) p.push(`after はじめから the address is ${page.url()}`);
  if (await page.inputValue('#search-q')) p.push('after はじめから the search box is not empty');
  await context.close();
  return p;
}

async function karuta(browser) {
  const p = [];
  const { context, page } = await open(browser, LAND, '?seed=7');
  await page.tap('[data-start]');
  await page.tap('[data-go="karuta"]');
  await page.waitForSelector('#karuta [data-testid=karuta-choice]', { timeout: 5000 }).catch(() => p.push('the game did not start'));
  for (let i = 0; i < 3 && p.length === 0; i++) {
    const kana = await page.evaluate(() => {
      const verse = document.querySelector('#karuta [data-testid=karuta-verse]').textContent;
      const li = [...document.querySelectorAll('#karuta [data-karuta-deck] li')]
        .find((l) => l.querySelector('[data-verse]').textContent.replace(/\s/g, '') === verse.replace(/\s/g, ''));
      return li && li.getAttribute('data-kana');
    });
    await page.tap(`#karuta [data-testid=karuta-choice][data-kana="${kana}"]`);
    const verdict = await page.textContent('#karuta [data-testid=karuta-feedback] .kp__verdict');
    if (!verdict.includes('正解')) p.push(`card ${i + 1}: "${verdict}"`);
    if (await page.$('#karuta [data-karuta-game] a[href]')) p.push('the game shows a link');
    await page.tap('#karuta [data-karuta-game] [data-next]');
  }
  const score = await page.textContent('#karuta [data-testid=karuta-score]');
  if (score !== '3') p.push(`score ${score} after 3 right answers`);
  await context.close();
  return p;
}

/* ----- keyboard ---------------------------------------------------------- */

async function keyboard(browser) {
  const p = [];
  const { context, page } = await open(browser, LAND);
  const active = () => page.evaluate(() => {
    const e = document.activeElement;
    const label = e && e.closest('label');
    const box = label || e;
    const s = getComputedStyle(box);
    return {
      what: e ? `${e.tagName.toLowerCase()}${e.getAttribute('data-go') ? '[' + e.getAttribute('data-go') + ']' : ''} "${(e.textContent || e.value || '').trim().slice(0, 16)}"` : 'none',
      visible: e && e.matches(':focus-visible') ? (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) : true,
      start: e && e.hasAttribute('data-start'),
      go: e && e.getAttribute('data-go'),
      begin: e && e.hasAttribute('data-k-begin'),
      restart: e && e.hasAttribute('data-restart-kiosk'),
    };
  });
  await page.keyboard.press('Tab');
  let a = await active();
  if (!a.start) p.push(`first Tab reaches ${a.what}, not the start button`);
  await page.keyboard.press('Enter');
  let found = false;
  for (let i = 0; i < 20 && !found; i++) {
    await page.keyboard.press('Tab');
    a = await active();
    if (!a.visible) p.push(`no visible focus on ${a.what}`);
    found = a.go === 'calc-shindan';
  }
  if (!found) return [...p, '自社診断 not reached with Tab from the menu'];
  await page.keyboard.press('Enter');
  for (let i = 0; i < 6 && !(await active()).begin; i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  for (let i = 1; i <= 25; i++) {
    await page.keyboard.press('Space');           // the first choice
    a = await active();
    if (!a.visible) p.push(`問${i}: no visible focus`);
    for (let t = 0; t < 3 && !(await page.evaluate(() => document.activeElement.hasAttribute('data-k-next'))); t++) {
      await page.keyboard.press('Tab');           // (前の質問), 次へ / 結果を見る
    }
    await page.keyboard.press('Enter');
  }
  const total = await page.textContent('#calc-shindan [data-testid=score-total]').catch(() => '');
  if (total !== '100') p.push(`keyboard diagnosis: total "${total}", expected 100`);
  let back = false;
  for (let i = 0; i < 8 && !back; i++) {
    await page.keyboard.press('Shift+Tab');
    back = (await active()).restart;
  }
  if (!back) p.push('はじめから not reached with Shift+Tab from the result');
  // Every control of every screen is in the Tab order.
  for (const id of await page.$$eval('[data-screen]', (els) => els.map((e) => e.getAttribute('data-screen')))) {
    if (id === 'attract') continue;
    await show(page, id);
    const missing = await page.evaluate(async () => {
      const vis = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden' && !e.closest('[hidden]');
      const all = [...document.querySelectorAll('button, a[href], input, select, textarea, [tabindex="0"]')]
        .filter((e) => vis(e) && !e.disabled && !e.closest('.k-data'));
      return all.map((e, i) => { e.setAttribute('data-kb', String(i)); return i; });
    });
    const reached = new Set();
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    for (let i = 0; i < missing.length + 40; i++) {
      await page.keyboard.press('Tab');
      const k = await page.evaluate(() => document.activeElement && document.activeElement.getAttribute('data-kb'));
      if (k != null) reached.add(Number(k));
    }
    const lost = missing.filter((k) => !reached.has(k) && !(k > 0 && false));
    // Radio groups are one Tab stop: count a group as reached when any of it was.
    const names = await page.evaluate((ks) => ks.map((k) => {
      const e = document.querySelector(`[data-kb="${k}"]`);
      return e.type === 'radio' ? `radio:${e.name}:${e.closest('form') ? e.closest('form').querySelector('[data-calc]') ? 1 : 0 : 0}` : `${e.tagName.toLowerCase()} "${(e.textContent || e.value || e.name).trim().slice(0, 20)}"`;
    }), lost);
    const groups = await page.evaluate((ks) => [...ks].map((k) => { const e = document.querySelector(`[data-kb="${k}"]`); return e.type === 'radio' ? e.name : null; }).filter(Boolean), [...reached]);
    const really = names.filter((n) => !(n.startsWith('radio:') && groups.includes(n.split(':')[1])));
    for (const n of really) p.push(`${id}: ${n} is not reached with Tab`);
    await page.evaluate(() => document.querySelectorAll('[data-kb]').forEach((e) => e.removeAttribute('data-kb')));
  }
  await context.close();
  return p;
}

/* ----- print, touch ---------------------------------------------------- */

async function pages(pdf) {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
}

async function print(browser) {
  const p = [];
  const { context, page } = await open(browser, LAND);
  await show(page, 'calc-shindan');
  await page.evaluate(() => {
    const root = document.getElementById('calc-shindan');
    root.querySelector('[data-k-begin]').click();
    for (const f of root.querySelectorAll('[data-item]')) {
      f.querySelectorAll('input[type=radio]')[(+f.getAttribute('data-item')) % 4].click();
      root.querySelector('[data-k-next]').click();
    }
  });
  await page.emulateMedia({ media: 'print' });
  let n = await pages(await page.pdf({ format: 'A4', preferCSSPageSize: true }));
  if (n !== 1) p.push(`the diagnosis result prints on ${n} pages`);
  await page.emulateMedia({ media: 'screen' });
  await show(page, 'calc-higai');
  await page.emulateMedia({ media: 'print' });
  n = await pages(await page.pdf({ format: 'A4', preferCSSPageSize: true }));
  if (n !== 1) p.push(`the cost result prints on ${n} pages`);
  await context.close();
  // No printer: ?print=0 hides the buttons.
  const quiet = await open(browser, LAND, '?print=0');
  await show(quiet.page, 'calc-higai');
  if (await quiet.page.isVisible('#calc-higai [data-k-print]')) p.push('?print=0 still shows 印刷する');
  await quiet.context.close();
  return p;
}

async function touch(browser) {
  const p = [];
  const { context, page } = await open(browser, LAND);
  await show(page, 'guide-5kajo').catch(() => {});
  const r = await page.evaluate(() => {
    const b = getComputedStyle(document.body);
    const menu = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
    const sel = new Event('selectstart', { bubbles: true, cancelable: true });
    const p = document.querySelector('.k-screen:not([hidden]) p');
    p.dispatchEvent(menu);
    p.dispatchEvent(sel);
    return {
      select: b.userSelect || b.webkitUserSelect, callout: b.webkitTouchCallout, action: b.touchAction,
      menu: menu.defaultPrevented, selectstart: sel.defaultPrevented,
      viewport: document.querySelector('meta[name=viewport]').content,
    };
  });
  if (r.select !== 'none') p.push(`user-select: ${r.select}`);
  if (!/pan-x pan-y|pan-y pan-x/.test(r.action)) p.push(`touch-action: ${r.action} (pinch zoom not off)`);
  if (!r.menu) p.push('the long-press menu is not prevented');
  if (!r.selectstart) p.push('text selection is not prevented');
  await context.close();
  return p;
}

/* ----- fonts without the system's ------------------------------------- */

async function fonts() {
  const p = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-fc-'));
  const conf = path.join(dir, 'fonts.conf');
  fs.writeFileSync(conf, `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
    `  <dir>/usr/share/fonts/truetype/dejavu</dir>\n  <cachedir>${dir}/cache</cachedir>\n</fontconfig>\n`);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    env: { ...process.env, FONTCONFIG_FILE: conf },
  });
  try {
    const { context, page } = await open(browser, LAND);
    const cdp = await context.newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const fontsOf = async (sel) => {
      const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: sel });
      return (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })).fonts;
    };
    for (const sel of ['#attract-title', '.k-fact__label']) {
      const f = await fontsOf(sel);
      if (!f.some((x) => x.familyName === 'BIZ UDPGothic' && x.isCustomFont)) {
        p.push(`${sel}: ${f.map((x) => `${x.familyName}${x.isCustomFont ? ' (web font)' : ''}`).join(', ')}`);
      }
    }
    // The system really has no Japanese font in this browser.
    await page.evaluate(() => {
      const q = document.createElement('p');
      q.id = 'sys-probe';
      q.style.fontFamily = 'sans-serif';
      q.textContent = '情報セキュリティ';
      document.body.appendChild(q);
    });
    const sys = await fontsOf('#sys-probe');
    if (sys.some((x) => /BIZ|Noto|IPA|Takao|VL/.test(x.familyName))) p.push(`the system still has ${sys[0].familyName}`);
    await shot(page, 'fonts-no-system-japanese');
    await context.close();
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return p;
}

/* ----- cold start and soak --------------------------------------------- */

async function coldStart(browser) {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(indexUrl);
    await ready(page);
    times.push(await page.evaluate(() => window.MAMORU_KIOSK.readyAt));
    await context.close();
  }
  times.sort((a, b) => a - b);
  const median = times[2];
  note(`cold start to interactive (file://, headless): median ${median.toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(', ')})`);
  return median < 3000 ? [] : [`${median.toFixed(0)} ms`];
}

async function soak(browser) {
  const { context, page } = await open(browser, LAND);
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  const heap = [];
  const dom = [];
  const visitor = async (n) => {
    await page.evaluate((kind) => {
      const K = window.MAMORU_KIOSK;
      const $ = (s) => document.querySelector(s);
      $('[data-start]').click();
      if (kind === 0) {
        K.show('calc-shindan');
        const root = $('#calc-shindan');
        root.querySelector('[data-k-begin]').click();
        for (const f of root.querySelectorAll('[data-item]')) {
          f.querySelectorAll('input[type=radio]')[Math.floor(Math.random() * 4)].click();
          root.querySelector('[data-k-next]').click();
        }
        if (!root.querySelector('[data-qr-code] svg')) throw new Error('no result');
      } else if (kind === 1) {
        K.show('search');
        const q = $('#search-q');
        q.value = 'ばっくあっぷ';
        q.dispatchEvent(new Event('input', { bubbles: true }));
        $('#search [data-k-word]').click();
      } else if (kind === 2) {
        K.show('guides');
        $('#guides [data-go]').click();
        const t = $('.k-screen:not([hidden]) [data-term]');
        if (t) { t.click(); $('[data-term-dialog] [data-dialog-close]').click(); }
        $('[data-large]').click();
      } else {
        K.show('karuta');
        for (let i = 0; i < 3; i++) {
          const c = $('#karuta [data-testid=karuta-choice]:not(:disabled)');
          if (c) c.click();
          const nx = $('#karuta [data-karuta-game] [data-next]');
          if (nx) nx.click();
        }
        K.show('calc-higai');
        for (let i = 0; i < 5; i++) $('#calc-higai [data-k-stepper="1"]').click();
      }
    }, n % 4);
    if (n % 4 === 1) await page.waitForTimeout(120); // the search runs after typing stops
    await Promise.all([page.waitForEvent('load'), page.evaluate(() => document.querySelector('[data-restart-kiosk]').click())]);
    await ready(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const h = await cdp.send('Runtime.getHeapUsage');
    const d = await cdp.send('Memory.getDOMCounters');
    heap.push(h.usedSize);
    dom.push(d);
  };
  const t0 = Date.now();
  for (let n = 0; n < SOAK; n++) await visitor(n);
  const secs = (Date.now() - t0) / 1000;
  await context.close();
  const mb = (x) => (x / 1048576).toFixed(2);
  const mean = (a) => a.reduce((s, x) => s + x, 0) / a.length;
  // Least-squares slope over visitors 11..N (the first ones warm up).
  const ys = heap.slice(10);
  const xs = ys.map((_, i) => i);
  const mx = mean(xs);
  const my = mean(ys);
  const slope = xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  const first = mean(heap.slice(10, 30));
  const last = mean(heap.slice(-20));
  const nodes = dom.map((d) => d.nodes);
  const listeners = dom.map((d) => d.jsEventListeners);
  const docs = dom.map((d) => d.documents);
  note(`soak: ${SOAK} visitors in ${secs.toFixed(0)} s; JS heap after GC (MB) every 20th: ${heap.filter((_, i) => i % 20 === 0 || i === heap.length - 1).map(mb).join(' ')}`);
  note(`soak: heap visitors 11-30 mean ${mb(first)} MB, last 20 mean ${mb(last)} MB, trend ${(slope / 1024).toFixed(2)} KB per visitor (${mb(slope * ys.length)} MB over the run); min ${mb(Math.min(...heap))} max ${mb(Math.max(...heap))}`);
  note(`soak: DOM nodes ${Math.min(...nodes)}-${Math.max(...nodes)}, listeners ${Math.min(...listeners)}-${Math.max(...listeners)}, documents ${Math.min(...docs)}-${Math.max(...docs)}`);
  const p = [];
  if (slope * ys.length > 1048576) p.push(`the heap grows ${mb(slope * ys.length)} MB over ${ys.length} visitors`);
  if (last - first > 1048576) p.push(`the heap grew from ${mb(first)} to ${mb(last)} MB`);
  if (Math.max(...listeners.slice(10)) - Math.min(...listeners.slice(10)) > 50) p.push('event listeners pile up');
  if (Math.max(...docs.slice(10)) > Math.min(...docs.slice(10)) + 2) p.push('documents pile up');
  return p;
}

// One long visit without starting over: the same things again and again
// must not pile up (search results, QR codes, dialogs, karuta rounds).
async function session(browser) {
  const { context, page } = await open(browser, LAND, '?idle=3600&warn=60');
  const cdp = await context.newCDPSession(page);
  const heap = [];
  const words = ['ばっくあっぷ', 'ぱすわーど', 'らんさむ', 'めーる', 'うぃるす'];
  await page.tap('[data-start]');
  for (let n = 0; n < SOAK; n++) {
    await page.evaluate(([word, n]) => {
      const K = window.MAMORU_KIOSK;
      const $ = (s) => document.querySelector(s);
      K.show('calc-security-action');
      const root = $('#calc-security-action');
      const begin = root.querySelector('[data-k-begin]');
      if (root.querySelector('.k-intro')) begin.click();
      else root.querySelector('[data-restart]').click();
      for (const f of root.querySelectorAll('[data-item]')) {
        f.querySelectorAll('input[type=radio]')[(n + +f.getAttribute('data-item')) % 4].click();
        root.querySelector('[data-k-next]').click();
      }
      K.show('search');
      const q = $('#search-q');
      q.value = word;
      q.dispatchEvent(new Event('input', { bubbles: true }));
      q.form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
      const hit = $('#search [data-testid=search-result] a');
      if (hit) hit.click();
      const d = $('dialog[open]');
      if (d) d.querySelector('[data-dialog-close]').click();
      K.show('guide-5kajo');
      const t = $('#guide-5kajo [data-term]');
      if (t) { t.click(); $('[data-term-dialog] [data-dialog-close]').click(); }
      K.show('karuta');
      const c = $('#karuta [data-testid=karuta-choice]:not(:disabled)');
      if (c) c.click();
      const nx = $('#karuta [data-karuta-game] [data-next]:not([hidden])');
      if (nx && nx.offsetParent) nx.click();
      const again = $('#karuta [data-again]');
      if (again && again.offsetParent) again.click();
      K.show('calc-higai');
      $('#calc-higai [data-k-stepper="' + (n % 2 ? '1' : '-1') + '"]').click();
      K.show('home');
    }, [words[n % words.length], n]);
    if (n % 10 === 9) {
      await cdp.send('HeapProfiler.collectGarbage');
      heap.push((await cdp.send('Runtime.getHeapUsage')).usedSize);
    }
  }
  const d = await cdp.send('Memory.getDOMCounters');
  await context.close();
  const mb = (x) => (x / 1048576).toFixed(2);
  note(`one visit, ${SOAK} rounds without starting over: JS heap after GC (MB) every 10 rounds: ${heap.map(mb).join(' ')}; DOM nodes ${d.nodes}, listeners ${d.jsEventListeners}`);
  const p = [];
  const early = Math.min(...heap.slice(1, 4));
  const late = Math.min(...heap.slice(-3));
  if (late - early > 1048576) p.push(`the heap grew from ${mb(early)} to ${mb(late)} MB in one visit`);
  // After warming up (the engine's caches fill in the first rounds), flat.
  const half = heap.slice(Math.floor(heap.length / 2));
  if (half.length > 2 && half[half.length - 1] - half[0] > 262144) {
    p.push(`the heap still grows in the second half: ${mb(half[0])} -> ${mb(half[half.length - 1])} MB`);
  }
  return p;
}

/* ----- run ---------------------------------------------------------------- */

// One check; an exception (a timeout, a missing element) is its failure.
async function run(name, fn) {
  let problems;
  // KIOSK_ONLY=word: only the checks whose name holds it (when debugging).
  if (process.env.KIOSK_ONLY && !(name || 'screens').includes(process.env.KIOSK_ONLY)) return;
  try {
    problems = await fn();
  } catch (e) {
    problems = [`${e.message.split('\n')[0]}`];
  }
  if (name) report(name, problems);
  else if (problems && problems.length) report('screens', problems);
}

const browser = await launch();
try {
  report('files', checkFiles());
  await run('start', () => coldStart(browser));
  await run('journey', () => journey(browser));
  await run('checklist', () => checklist(browser));
  await run('idle', () => idle(browser));
  await run('dialogs-links', () => dialogsAndLinks(browser));
  await run('search', () => search(browser));
  await run('karuta', () => karuta(browser));
  await run('keyboard', () => keyboard(browser));
  await run('print', () => print(browser));
  await run('touch', () => touch(browser));
  await run(null, () => checkScreens(browser, LAND));
  await run(null, () => checkScreens(browser, PORT));
  await run('fonts-without-system-fonts', () => fonts());
  await run('soak', () => soak(browser));
  await run('soak-one-visit', () => session(browser));
  const outside = requests.filter((u) => !u.startsWith('file://'));
  note(`requests: ${requests.length}, not file://: ${outside.length}`);
  report('network', outside.map((u) => `request to ${u}`));
  report('console', [...new Set(errors)]);
} finally {
  await browser.close();
}
console.log(`# kiosk: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
