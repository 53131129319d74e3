// karuta.mjs -- the karuta deck's pages in headless Chromium, from file://.
//
//   node tests/e2e/karuta.mjs out/site
//
// Builds nothing: the site must already be there.  Expectations come from
// outside the pages: the deck's source (content/karuta/deck.yaml, read by
// a small parser here) and Intl.Collator('ja') (ICU, as the generator).
//   gallery/*   one data-testid="karuta-card" per card of the deck, in the
//               order of Intl.Collator('ja') over the readings; each links
//               to an existing page whose 読み札 is that card's verse; the
//               links' accessible names; columns on a phone and a desktop
//   card/*      the 読み札 set vertically (vertical-rl, mixed, BIZ UD
//               Gothic) inside its card on every card page; prev/next
//               follow the gallery's order; the related guide exists
//   play/*      one round with ?seed=1: each 読み札 answered from its verse
//               (looked up in deck.yaml), one wrongly, one from the
//               keyboard; score, feedback, 解説, focus, live region, the
//               result and 「もう一度」; the same seed gives the same cards;
//               を (read お) never beside お;
//               reading aloud with a stand-in speechSynthesis (a Japanese
//               voice, none, one that arrives late) and without any;
//               MamoruKaruta.mount into another element; nothing else global
//   PAGE/*@SIZE axe-core, console and CSP, network, horizontal overflow
//               (390 px phone, desktop, 1080x1920 and 1920x1080 screens),
//               touch targets (絵札 at least 64 px)
//   home, footer  links to the gallery
// Output: "ok - karuta/NAME" or "not ok - karuta/NAME" plus "# detail"
// lines, then "# karuta: P passed, F failed".  Exit status 1 if any failed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { axeViolations, launch, siteArgument, reporter, overflow } from './browser.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const site = siteArgument('karuta.mjs', 'karuta/index.html', 'a built site with its karuta deck');

const PHONE = { name: 'phone', width: 390, height: 844 };
const DESKTOP = { name: 'desktop', width: 1280, height: 900 };
const PORTRAIT = { name: 'portrait', width: 1080, height: 1920 };
const LANDSCAPE = { name: 'landscape', width: 1920, height: 1080 };

const { report, finish } = reporter('karuta');

/* ----- the deck's source ------------------------------------------------ */

// content/karuta/deck.yaml: "- kana:" starts a card; verse, yomi, theme and
// kaisetsu (a folded block, >-) follow.  Enough YAML for this file.
function readDeck() {
  const lines = fs.readFileSync(path.join(repo, 'content/karuta/deck.yaml'), 'utf8').split('\n');
  const cards = [];
  let card = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    let m = /^\s*-\s+kana:\s*(\S+)\s*$/.exec(line);
    if (m) { card = { kana: m[1] }; cards.push(card); continue; }
    if (!card) continue;
    m = /^(\s+)(verse|yomi|theme|guide|kaisetsu):\s*(.*)$/.exec(line);
    if (!m) continue;
    const [, indent, key, rest] = m;
    if (/^[>|]-?$/.test(rest)) {
      const body = [];
      while (i + 1 < lines.length && (lines[i + 1].trim() === '' || lines[i + 1].search(/\S/) > indent.length)) {
        body.push(lines[++i].trim());
      }
      card[key] = body.filter(Boolean).join('');
    } else {
      card[key] = rest.replace(/^(["'])(.*)\1$/, '$2');
    }
  }
  return cards;
}

const deck = readDeck();
const byKana = new Map(deck.map((c) => [c.kana, c]));
const byVerse = new Map(deck.map((c) => [c.verse, c]));
const collator = new Intl.Collator('ja');
const expectedOrder = deck.slice().sort((a, b) => collator.compare(a.yomi, b.yomi)).map((c) => c.kana);

// The 解説 as a pattern: {{fact ID}} stands for any figure, and its source
// mark ([1]) may follow it.
function kaisetsuPattern(k) {
  const parts = k.split(/\{\{\s*fact\s+[^}]*\}\}/);
  const esc = (s) => s.replace(/\s+/g, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp('^' + parts.map(esc).join('.{1,20}?') + '$');
}
const squash = (s) => s.replace(/\s+/g, '');

/* ----- pages ------------------------------------------------------------- */

// Opens rel (with ?query) and collects console errors, page errors, CSP
// violations and requests that did not go to file://; page.health() lists them.
async function open(context, rel, query = '') {
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
  await page.goto(pathToFileURL(path.join(site, rel)).href + query, { waitUntil: 'load' });
  page.health = async () => [...log, ...await page.evaluate(() => window.__csp || []).catch(() => [])];
  return page;
}

async function openPlay(context, query = '?seed=1') {
  const page = await open(context, 'karuta/play/index.html', query);
  await page.waitForSelector('[data-karuta-play][data-state]', { state: 'attached', timeout: 5000 });
  const state = await page.getAttribute('[data-karuta-play]', 'data-state');
  if (state !== 'ready') throw new Error(`play mode state is "${state}", not ready`);
  return page;
}

// One check: runs body(page, problems) on a page opened by opener, adds
// what health() found, reports name and closes the page.
async function check(name, opener, body) {
  const problems = [];
  let page = null;
  try {
    page = await opener();
    await body(page, problems);
    problems.push(...await page.health());
  } catch (e) {
    problems.push((e && e.message) || String(e));
  }
  report(name, problems);
  if (page) await page.close();
}


// Visible controls of the game: 絵札 at least 64 px each way, the other
// buttons at least 48 px tall.
async function targets(page) {
  return page.evaluate(() => {
    const bad = [];
    for (const e of document.querySelectorAll('.kp-card, .kp-button, .kp__auto')) {
      if (e.getClientRects().length === 0) continue;
      const r = e.getBoundingClientRect();
      const min = e.classList.contains('kp-card') ? 64 : 44;
      if (r.height < min - 0.5 || (e.classList.contains('kp-card') && r.width < min - 0.5)) {
        bad.push(`${e.className} "${e.textContent.trim().slice(0, 12)}" is ${Math.round(r.width)}x${Math.round(r.height)}, under ${min} px`);
      }
    }
    return bad;
  });
}

const verseOf = (page) => page.$$eval('[data-testid="karuta-verse"] .kp__ku', (ks) => ks.map((k) => k.textContent).join('\u3000'));
const choicesOf = (page) => page.$$eval('[data-testid="karuta-choice"]', (bs) => bs.map((b) => b.getAttribute('data-kana')));
const gameState = (page) => page.getAttribute('[data-karuta-game]', 'data-state');
const textOf = (page, sel) => page.$eval(sel, (e) => e.innerText.trim());
const active = (page) => page.evaluate(() => {
  const a = document.activeElement;
  return a ? `${a.tagName.toLowerCase()}${a.className ? '.' + String(a.className).split(' ').join('.') : ''}` : '';
});

/* ----- gallery ------------------------------------------------------------- */

async function galleryTests(browser) {
  const context = await browser.newContext({ viewport: { width: DESKTOP.width, height: DESKTOP.height } });
  await check('gallery/deck-source', async () => open(context, 'karuta/index.html'), async (page, problems) => {
    if (deck.length !== 46) problems.push(`content/karuta/deck.yaml has ${deck.length} cards, expected 46`);
    for (const c of deck) {
      for (const k of ['verse', 'yomi', 'theme', 'kaisetsu']) if (!c[k]) problems.push(`deck.yaml: 「${c.kana}」 has no ${k} (parser or file)`);
    }
  });

  await check('gallery/count-and-order', async () => open(context, 'karuta/index.html'), async (page, problems) => {
    const cards = await page.$$eval('[data-testid="karuta-card"]', (ls) => ls.map((l) => ({
      kana: l.getAttribute('data-kana'), yomi: l.getAttribute('data-yomi'),
    })));
    if (cards.length !== deck.length) problems.push(`${cards.length} karuta-card elements, the deck has ${deck.length}`);
    const got = cards.map((c) => c.kana);
    if (got.join('') !== expectedOrder.join('')) {
      const i = got.findIndex((k, n) => k !== expectedOrder[n]);
      problems.push(`order differs from Intl.Collator('ja') over the readings at position ${i + 1}: page ${got.slice(i, i + 5).join('')}…, expected ${expectedOrder.slice(i, i + 5).join('')}…`);
    }
    // The readings the page shows are the deck's, and in collation order themselves.
    for (const c of cards) {
      const d = byKana.get(c.kana);
      if (!d) problems.push(`card 「${c.kana}」 is not in deck.yaml`);
      else if (d.yomi !== c.yomi) problems.push(`「${c.kana}」: data-yomi "${c.yomi}", deck.yaml "${d.yomi}"`);
    }
    for (let i = 1; i < cards.length; i++) {
      if (collator.compare(cards[i - 1].yomi, cards[i].yomi) > 0) problems.push(`"${cards[i - 1].yomi}" before "${cards[i].yomi}"`);
    }
  });

  await check('gallery/links', async () => open(context, 'karuta/index.html'), async (page, problems) => {
    const links = await page.$$eval('[data-testid="karuta-card"]', (ls) => ls.map((l) => {
      const a = l.querySelector('a[href]');
      return { kana: l.getAttribute('data-kana'), href: a && a.getAttribute('href'), url: a && a.href };
    }));
    for (const l of links) {
      if (!l.url) { problems.push(`「${l.kana}」: no link`); continue; }
      const file = fileURLToPath(l.url);
      if (!fs.existsSync(file)) { problems.push(`「${l.kana}」: ${l.href} does not exist`); continue; }
      const html = fs.readFileSync(file, 'utf8');
      // The verse's text, its phrases' spans dropped.
      const h1 = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html);
      if (h1) h1[1] = h1[1].replace(/<[^>]+>/g, '');
      const want = byKana.get(l.kana);
      if (!h1 || !want || h1[1].trim() !== want.verse) problems.push(`「${l.kana}」: ${l.href} has h1 "${h1 && h1[1]}", expected the verse "${want && want.verse}"`);
    }
  });

  await check('gallery/accessible-names', async () => open(context, 'karuta/index.html'), async (page, problems) => {
    for (const c of deck) {
      // Whitespace aside (a screen reader pauses there anyway).
      const name = `「${c.kana}」の札：${c.verse}（${c.theme}）`;
      const re = new RegExp('^' + [...squash(name)].map((ch) => ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*') + '$');
      const n = await page.getByRole('link', { name: re }).count();
      if (n !== 1) problems.push(`${n} links named 「${c.kana}」の札：${c.verse}（${c.theme}）`);
    }
    const play = await page.getByRole('link', { name: 'かるたで遊ぶ' }).count();
    if (play !== 1) problems.push(`${play} links to play mode`);
  });

  await check('gallery/print', async () => open(context, 'karuta/index.html'), async (page, problems) => {
    await page.emulateMedia({ media: 'print' });
    const s = await page.evaluate(() => {
      const k = getComputedStyle(document.querySelector('.karuta-card__kana'));
      const play = document.querySelector('.karuta-intro__play');
      return { color: k.color, border: k.borderTopStyle, play: getComputedStyle(play).display };
    });
    if (s.color !== 'rgb(0, 0, 0)' || s.border === 'none') problems.push(`kana in print: color ${s.color}, border ${s.border} (backgrounds do not print)`);
    if (s.play !== 'none') problems.push('the play button prints');
  });
  await context.close();

  for (const [vp, cols] of [[PHONE, 2], [DESKTOP, 4]]) {
    const ctx = await browser.newContext({ viewport: { width: vp.width, height: vp.height } });
    await check(`gallery/columns@${vp.name}`, async () => open(ctx, 'karuta/index.html'), async (page, problems) => {
      const xs = await page.$$eval('[data-testid="karuta-card"]', (ls) => [...new Set(ls.map((l) => Math.round(l.getBoundingClientRect().left)))]);
      if (xs.length !== cols) problems.push(`${xs.length} columns, expected ${cols}`);
      // Each verse stays inside its tile.
      const spill = await page.$$eval('.karuta-card__link', (ls) => ls.filter((l) => {
        const v = l.querySelector('.karuta-card__verse');
        return v.scrollWidth > v.clientWidth + 1 || v.getBoundingClientRect().right > l.getBoundingClientRect().right + 0.5;
      }).map((l) => l.textContent.trim().slice(0, 20)));
      problems.push(...spill.map((s) => `verse spills out of its tile: ${s}`));
    });
    await ctx.close();
  }
}

/* ----- card pages ------------------------------------------------------------ */

async function cardTests(browser) {
  for (const vp of [PHONE, DESKTOP]) {
    const context = await browser.newContext({ viewport: { width: vp.width, height: vp.height } });
    await check(`card/vertical@${vp.name}`, async () => context.newPage().then((p) => { p.health = async () => []; return p; }), async (page, problems) => {
      const gallery = pathToFileURL(path.join(site, 'karuta/index.html')).href;
      await page.goto(gallery);
      const hrefs = await page.$$eval('[data-testid="karuta-card"] a', (as) => as.map((a) => a.href));
      for (const href of hrefs) {
        await page.goto(href);
        const r = await page.evaluate(() => {
          const h = document.querySelector('.karuta-yomifuda__verse');
          const box = document.querySelector('.karuta-yomifuda').getBoundingClientRect();
          const hr = h.getBoundingClientRect();
          const s = getComputedStyle(h);
          return {
            text: h.textContent.trim(), wm: s.writingMode, to: s.textOrientation,
            inside: hr.left >= box.left - 0.5 && hr.right <= box.right + 0.5 && hr.top >= box.top - 0.5 && hr.bottom <= box.bottom + 0.5,
            tall: hr.height > hr.width,
            over: document.documentElement.scrollWidth > window.innerWidth,
          };
        });
        const where = decodeURIComponent(href.slice(gallery.length - 'index.html'.length));
        if (r.wm !== 'vertical-rl' || r.to !== 'mixed') problems.push(`${where}: writing-mode ${r.wm}, text-orientation ${r.to}`);
        if (!r.inside) problems.push(`${where}: the verse is not inside its 読み札`);
        if (!r.tall) problems.push(`${where}: the verse is wider than tall`);
        if (r.over) problems.push(`${where}: horizontal overflow`);
      }
    });
    await context.close();
  }

  const context = await browser.newContext({ viewport: { width: DESKTOP.width, height: DESKTOP.height } });
  await check('card/font', async () => open(context, `karuta/${await firstSlug()}/index.html`), async (page, problems) => {
    const cdp = await context.newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '.karuta-yomifuda__verse' });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    if (!fonts.some((f) => /^BIZ UDP?Gothic/.test(f.familyName))) problems.push(`verse drawn with ${fonts.map((f) => f.familyName).join(', ')}`);
    await cdp.detach();
  });

  await check('card/pager-follows-gallery', async () => open(context, 'karuta/index.html'), async (page, problems) => {
    const hrefs = await page.$$eval('[data-testid="karuta-card"] a', (as) => as.map((a) => a.href));
    for (let i = 0; i < hrefs.length; i++) {
      const html = fs.readFileSync(fileURLToPath(hrefs[i]), 'utf8');
      const base = hrefs[i];
      const link = (cls) => {
        const m = new RegExp(`class="${cls}" href="([^"]+)"`).exec(html);
        return m ? new URL(m[1], base).href : null;
      };
      const prev = link('pager__prev');
      const next = link('pager__next');
      if (prev !== (hrefs[i - 1] || null)) problems.push(`card ${i + 1}: 前の札 ${prev}, expected ${hrefs[i - 1] || 'none'}`);
      if (next !== (hrefs[i + 1] || null)) problems.push(`card ${i + 1}: 次の札 ${next}, expected ${hrefs[i + 1] || 'none'}`);
      const guide = /class="karuta-detail__guide-link" href="([^"]+)"/.exec(html);
      const want = byKana.get(expectedOrder[i]);
      if (want && want.guide && !guide) problems.push(`「${want.kana}」: no link to its guide`);
      if (guide && !fs.existsSync(fileURLToPath(new URL(guide[1], base).href))) problems.push(`「${want.kana}」: guide ${guide[1]} does not exist`);
    }
  });
  await context.close();
}

let slugCache = null;
async function firstSlug() {
  if (!slugCache) {
    const html = fs.readFileSync(path.join(site, 'karuta/index.html'), 'utf8');
    slugCache = /data-testid="karuta-card"[^>]*>\s*<a class="karuta-card__link" href="([^/"]+)\//.exec(html)[1];
  }
  return slugCache;
}

/* ----- play ------------------------------------------------------------------ */

// Presses Tab until the focus is on an element matching sel.
async function tabTo(page, sel, max = 12) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement && document.activeElement.matches(s), sel)) return true;
  }
  return false;
}

async function playRound(browser) {
  const context = await browser.newContext({ viewport: { width: PHONE.width, height: PHONE.height } });
  const WRONG = 3;     // the 3rd card is answered wrongly
  const KEYBOARD = 5;  // the 5th from the keyboard
  await check('play/round', async () => openPlay(context), async (page, problems) => {
    const seen = [];
    let score = 0;
    const total = await page.$eval('[data-karuta-play]', (e) => +e.getAttribute('data-rounds'));
    if (total !== 10) problems.push(`data-rounds is ${total}, expected 10`);
    for (let n = 1; n <= total; n++) {
      if (await gameState(page) !== 'question') { problems.push(`card ${n}: state ${await gameState(page)}`); break; }
      const progress = await textOf(page, '.kp__progress');
      if (!progress.startsWith(`${n}枚目`)) problems.push(`card ${n}: progress "${progress}"`);
      const verse = await verseOf(page);
      const card = byVerse.get(verse);
      if (!card) { problems.push(`card ${n}: the verse "${verse}" is not in deck.yaml`); break; }
      if (seen.includes(card.kana)) problems.push(`card ${n}: 「${card.kana}」 shown twice in a round`);
      seen.push(card.kana);
      const choices = await choicesOf(page);
      if (choices.length < 4 || choices.length > 6) problems.push(`card ${n}: ${choices.length} 絵札 to pick from`);
      if (new Set(choices).size !== choices.length) problems.push(`card ${n}: the same 絵札 twice: ${choices.join('')}`);
      if (!choices.includes(card.kana)) { problems.push(`card ${n}: 「${card.kana}」 is not among ${choices.join('')}`); break; }
      if (n === 1) problems.push(...await targets(page));

      const wrong = n === WRONG;
      const kana = wrong ? choices.find((k) => k !== card.kana) : card.kana;
      if (n === KEYBOARD) {
        if (!await tabTo(page, `[data-testid="karuta-choice"][data-kana="${kana}"]`)) { problems.push('keyboard: Tab never reached the 絵札'); break; }
        await page.keyboard.press('Enter');
      } else {
        await page.click(`[data-testid="karuta-choice"][data-kana="${kana}"]`);
      }
      if (!wrong) score++;

      if (await gameState(page) !== 'answered') { problems.push(`card ${n}: no feedback after the answer`); break; }
      const verdict = await textOf(page, '.kp__verdict');
      if (wrong ? !verdict.includes(`「${card.kana}」`) || verdict.includes('正解') : !verdict.includes('正解')) {
        problems.push(`card ${n} (${wrong ? 'wrong' : 'right'}): verdict "${verdict}"`);
      }
      const marks = await page.evaluate(() => ({
        right: [...document.querySelectorAll('.kp-card.is-right')].map((b) => b.getAttribute('data-kana')),
        wrong: [...document.querySelectorAll('.kp-card.is-wrong')].map((b) => b.getAttribute('data-kana')),
        enabled: [...document.querySelectorAll('.kp-card')].filter((b) => !b.disabled).length,
      }));
      if (marks.right.join() !== card.kana) problems.push(`card ${n}: marked right [${marks.right}], expected ${card.kana}`);
      if (marks.wrong.join() !== (wrong ? kana : '')) problems.push(`card ${n}: marked wrong [${marks.wrong}]`);
      if (marks.enabled) problems.push(`card ${n}: ${marks.enabled} 絵札 still take answers`);
      const got = await page.$eval('[data-testid="karuta-score"]', (e) => +e.textContent);
      if (got !== score) problems.push(`card ${n}: score ${got}, expected ${score}`);
      const kaisetsu = squash(await textOf(page, '[data-testid="karuta-kaisetsu"]'));
      if (!kaisetsuPattern(card.kaisetsu).test(kaisetsu)) problems.push(`card ${n}: 解説 "${kaisetsu.slice(0, 40)}…" is not 「${card.kana}」's`);
      const marksOk = await page.$$eval('[data-testid="karuta-kaisetsu"] a[href*="#cite-"]', (as) => as.every((a) => !a.getAttribute('href').startsWith('#')));
      if (!marksOk) problems.push(`card ${n}: a source mark still points into the play page`);
      const focus = await active(page);
      if (!focus.startsWith('h2.kp__verdict')) problems.push(`card ${n}: focus on ${focus} after the answer, not the verdict`);
      await page.waitForTimeout(100);
      const live = await textOf(page, '[data-karuta-game] [role="status"]');
      if (!(wrong ? live.includes(`「${card.kana}」`) : live.includes('正解'))) problems.push(`card ${n}: live region says "${live}"`);
      if (n === WRONG) {
        const over = await overflow(page);
        problems.push(...over.map((o) => `answered@phone: ${o}`));
      }

      if (n === KEYBOARD) {
        if (!await tabTo(page, '[data-next]')) { problems.push('keyboard: Tab never reached 次の札へ'); break; }
        await page.keyboard.press('Enter');
      } else {
        await page.click('[data-next]');
      }
      if (n < total) {
        const f = await active(page);
        if (!f.startsWith('p.kp__verse')) problems.push(`card ${n + 1}: focus on ${f}, not the 読み札`);
      }
    }
    if (await gameState(page) !== 'result') { problems.push(`after ${total} cards: state ${await gameState(page)}`); return; }
    const result = await page.$eval('[data-testid="karuta-result"]', (e) => ({
      score: +e.getAttribute('data-score'), total: +e.getAttribute('data-total'), text: e.innerText,
    }));
    if (result.score !== total - 1 || result.total !== total || !result.text.includes(String(total - 1))) {
      problems.push(`result ${JSON.stringify(result)}, expected ${total - 1} of ${total}`);
    }
    const history = await page.$$eval('.kp__past', (ls) => ls.map((l) => `${l.classList.contains('is-right') ? 'o' : 'x'}${l.querySelector('.kp__past-kana').textContent}`));
    const want = seen.map((k, i) => `${i + 1 === WRONG ? 'x' : 'o'}${k}`);
    if (history.join() !== want.join()) problems.push(`history [${history}], expected [${want}]`);
    const focus = await active(page);
    if (!focus.startsWith('h2.kp__end-title')) problems.push(`focus on ${focus} at the result`);
    problems.push(...(await overflow(page)).map((o) => `result@phone: ${o}`));
    // もう一度: a new round from the first card, score 0.
    await page.click('[data-again]');
    const again = await page.evaluate(() => ({
      state: document.querySelector('[data-karuta-game]').getAttribute('data-state'),
      score: document.querySelector('[data-testid="karuta-score"]').textContent,
      progress: document.querySelector('.kp__progress').textContent,
      focus: document.activeElement && document.activeElement.className,
    }));
    if (again.state !== 'question' || again.score !== '0' || !again.progress.startsWith('1枚目') || again.focus !== 'kp__verse') {
      problems.push(`after もう一度: ${JSON.stringify(again)}`);
    }
  });

  await check('play/seed', async () => openPlay(context), async (page, problems) => {
    const run = async (q) => {
      await page.goto(pathToFileURL(path.join(site, 'karuta/play/index.html')).href + q);
      await page.waitForSelector('[data-karuta-play][data-state="ready"]', { state: 'attached' });
      const verses = [];
      for (let i = 0; i < 3; i++) {
        verses.push(await verseOf(page));
        verses.push((await choicesOf(page)).join(''));
        await page.click('[data-testid="karuta-choice"] >> nth=0');
        await page.click('[data-next]');
      }
      return verses.join('|');
    };
    const a = await run('?seed=1');
    const b = await run('?seed=1');
    const c = await run('?seed=2');
    if (a !== b) problems.push('?seed=1 twice gave different cards');
    if (a === c) problems.push('?seed=1 and ?seed=2 gave the same cards');
    const d = await run('');
    if (!d) problems.push('no cards without a seed');
  });

  await check('play/globals', async () => openPlay(context), async (page, problems) => {
    const keys = await page.evaluate(() => Object.keys(window));
    const other = await context.newPage();
    await other.goto(pathToFileURL(path.join(site, 'karuta/index.html')).href);
    const base = new Set(await other.evaluate(() => Object.keys(window)));
    await other.close();
    const extra = keys.filter((k) => !base.has(k) && !k.startsWith('__'));
    if (extra.join() !== 'MamoruKaruta') problems.push(`globals added by play mode: [${extra}]`);
  });

  await check('play/mount-api', async () => openPlay(context), async (page, problems) => {
    const r = await page.evaluate(() => {
      const box = document.createElement('div');
      box.className = 'kiosk-test';
      box.appendChild(document.querySelector('[data-karuta-deck]').cloneNode(true));
      document.body.appendChild(box);
      const events = [];
      box.addEventListener('karuta:answer', (e) => events.push(e.detail.right));
      const game = window.MamoruKaruta.mount(box, { rounds: 3, choices: 4, seed: 5, links: false });
      const first = game.state();
      const choices = box.querySelectorAll('.kp-card').length;
      box.querySelector(`.kp-card[data-kana="${first.kana}"]`).click();
      const links = box.querySelectorAll('.kp__feedback a[href]').length;
      const after = game.state();
      game.destroy();
      return { first, choices, after, events, links, left: box.querySelectorAll('[data-karuta-game]').length };
    });
    if (r.first.total !== 3 || r.first.state !== 'question') problems.push(`state ${JSON.stringify(r.first)}`);
    if (r.choices !== 4) problems.push(`${r.choices} 絵札 with choices: 4`);
    if (r.after.score !== 1 || r.after.state !== 'answered') problems.push(`after a right answer: ${JSON.stringify(r.after)}`);
    if (r.events.join() !== 'true') problems.push(`karuta:answer events [${r.events}]`);
    if (r.links !== 0) problems.push(`${r.links} links in the 解説 with links: false`);
    if (r.left !== 0) problems.push('destroy() left the game in place');
  });
  // を is read お: a question on one never offers the other.  Every card of
  // the deck once, over a few seeds.
  await check('play/wo-never-beside-o', async () => openPlay(context), async (page, problems) => {
    const bad = await page.evaluate((n) => {
      const found = [];
      for (let seed = 1; seed <= 5; seed++) {
        const box = document.createElement('div');
        box.appendChild(document.querySelector('[data-karuta-deck]').cloneNode(true));
        document.body.appendChild(box);
        const game = window.MamoruKaruta.mount(box, { rounds: n, choices: 6, seed });
        for (let i = 0; i < n; i++) {
          const k = game.state().kana;
          const choices = [...box.querySelectorAll('.kp-card')].map((b) => b.getAttribute('data-kana'));
          if ((k === 'を' && choices.includes('お')) || (k === 'お' && choices.includes('を'))) found.push(`seed ${seed}: 「${k}」 with ${choices.join('')}`);
          box.querySelector(`.kp-card[data-kana="${k}"]`).click();
          box.querySelector('[data-next]').click();
        }
        game.destroy();
        box.remove();
      }
      return found;
    }, deck.length);
    problems.push(...bad);
  });
  await context.close();
}

/* ----- reading aloud ------------------------------------------------------------ */

// A stand-in for speechSynthesis (headless Chromium has no voices): it
// records what it is asked to say.  voices: the voices at first; window.
// __fireVoices(list) changes them and fires voiceschanged.
function fakeSpeech(voices) {
  return `(() => {
    const listeners = [];
    window.__spoken = [];
    window.__voices = ${JSON.stringify(voices)};
    const fake = {
      getVoices: () => window.__voices,
      speak: (u) => window.__spoken.push({ text: u.text, lang: u.lang, voice: u.voice && u.voice.name }),
      cancel: () => {}, pause: () => {}, resume: () => {},
      speaking: false, pending: false, paused: false,
      addEventListener: (t, f) => { if (t === 'voiceschanged') listeners.push(f); },
      removeEventListener: () => {},
    };
    window.__fireVoices = (v) => { window.__voices = v; listeners.forEach((f) => f()); };
    Object.defineProperty(window, 'speechSynthesis', { value: fake, configurable: true });
    window.SpeechSynthesisUtterance = function (text) { this.text = text; this.lang = ''; this.voice = null; };
  })();`;
}

async function speechTests(browser) {
  const JA = [{ name: 'en', lang: 'en-US', localService: true }, { name: 'kyoko', lang: 'ja-JP', localService: true }];
  const cases = [
    ['speech/japanese-voice', JA, true],
    ['speech/no-japanese-voice', [{ name: 'en', lang: 'en-US', localService: true }], false],
  ];
  for (const [name, voices, want] of cases) {
    const context = await browser.newContext({ viewport: { width: PHONE.width, height: PHONE.height } });
    await context.addInitScript(fakeSpeech(voices));
    await check(name, async () => openPlay(context), async (page, problems) => {
      const shown = await page.isVisible('[data-speak]');
      if (shown !== want) problems.push(`読み上げ button ${shown ? 'shown' : 'hidden'}`);
      // No reading before the visitor has touched the page.
      if ((await page.evaluate(() => window.__spoken.length)) !== 0) problems.push('spoke before any touch');
      if (!want) {
        await page.click('[data-testid="karuta-choice"] >> nth=0');
        await page.click('[data-next]');
        if ((await page.evaluate(() => window.__spoken.length)) !== 0) problems.push('spoke without a Japanese voice');
        return;
      }
      const verse = await verseOf(page);
      const card = byVerse.get(verse);
      await page.click('[data-speak]');
      let spoken = await page.evaluate(() => window.__spoken);
      const expect = card.yomi.split(' ').join('、') + '。';
      if (spoken.length !== 1 || spoken[0].text !== expect || spoken[0].voice !== 'kyoko' || !/^ja/.test(spoken[0].lang)) {
        problems.push(`読み上げ said ${JSON.stringify(spoken)}, expected "${expect}" in kyoko`);
      }
      // After a touch, each new card is read by itself; unless switched off.
      await page.click('[data-testid="karuta-choice"] >> nth=0');
      await page.click('[data-next]');
      spoken = await page.evaluate(() => window.__spoken);
      const second = byVerse.get(await verseOf(page));
      if (spoken.length !== 2 || !second || spoken[1].text !== second.yomi.split(' ').join('、') + '。') problems.push(`the next card was not read: ${JSON.stringify(spoken.slice(1))}`);
      await page.click('.kp__auto');
      await page.click('[data-testid="karuta-choice"] >> nth=0');
      await page.click('[data-next]');
      if ((await page.evaluate(() => window.__spoken.length)) !== 2) problems.push('read aloud with 札が出たら読み上げる off');
      problems.push(...await targets(page));
      problems.push(...(await axeViolations(page)).map((v) => `axe: ${v}`));
    });
    await context.close();
  }

  {
    const context = await browser.newContext({ viewport: { width: PHONE.width, height: PHONE.height } });
    await context.addInitScript(fakeSpeech([]));
    await check('speech/voice-arrives-late', async () => openPlay(context), async (page, problems) => {
      if (await page.isVisible('[data-speak]')) problems.push('button shown before any voice');
      await page.evaluate((v) => window.__fireVoices(v), JA);
      if (!await page.isVisible('[data-speak]')) problems.push('button not shown after voiceschanged');
      await page.evaluate(() => window.__fireVoices([]));
      if (await page.isVisible('[data-speak]')) problems.push('button still shown after the voice went away');
    });
    await context.close();
  }

  {
    const context = await browser.newContext({ viewport: { width: PHONE.width, height: PHONE.height } });
    await context.addInitScript(() => {
      Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
      window.SpeechSynthesisUtterance = undefined;
    });
    await check('speech/none', async () => openPlay(context), async (page, problems) => {
      if (await page.isVisible('[data-speak]')) problems.push('読み上げ button shown without speechSynthesis');
      await page.click('[data-testid="karuta-choice"] >> nth=0');
      await page.click('[data-next]');
      if (await gameState(page) !== 'question') problems.push('the game stopped without speechSynthesis');
    });
    await context.close();
  }
}

/* ----- every page at every size ---------------------------------------------------- */

async function viewChecks(browser) {
  const slug = await firstSlug();
  const views = [
    ['gallery', async (ctx) => open(ctx, 'karuta/index.html')],
    ['card', async (ctx) => open(ctx, `karuta/${slug}/index.html`)],
    ['play-question', async (ctx) => openPlay(ctx)],
    ['play-answered', async (ctx) => {
      const p = await openPlay(ctx);
      const right = byVerse.get(await verseOf(p));
      const wrong = (await choicesOf(p)).find((k) => k !== right.kana);
      await p.click(`[data-testid="karuta-choice"][data-kana="${wrong}"]`);
      return p;
    }],
    ['play-result', async (ctx) => {
      const p = await openPlay(ctx);
      for (let i = 0; i < 10; i++) {
        await p.click('[data-testid="karuta-choice"] >> nth=0');
        await p.click('[data-next]');
      }
      return p;
    }],
  ];
  for (const vp of [PHONE, DESKTOP, PORTRAIT, LANDSCAPE]) {
    const context = await browser.newContext({ viewport: { width: vp.width, height: vp.height } });
    for (const [name, opener] of views) {
      const big = vp === PORTRAIT || vp === LANDSCAPE;
      if (big && !name.startsWith('play')) continue;
      await check(`${name}@${vp.name}`, async () => opener(context), async (page, problems) => {
        problems.push(...(await axeViolations(page)).map((v) => `axe: ${v}`));
        problems.push(...await overflow(page));
        if (name.startsWith('play')) problems.push(...await targets(page));
        // On the touch screens the whole question fits on the screen.
        if (big && name === 'play-question') {
          const low = await page.evaluate(() => Math.max(...[...document.querySelectorAll('.kp-card, .kp__yomifuda')].map((e) => e.getBoundingClientRect().bottom)));
          if (low > vp.height) problems.push(`the 絵札 end at ${Math.round(low)} px, below the ${vp.height} px screen`);
        }
      });
    }
    await context.close();
  }
}

async function linkChecks(browser) {
  const context = await browser.newContext({ viewport: { width: DESKTOP.width, height: DESKTOP.height } });
  for (const rel of ['index.html', 'guides/index.html', 'karuta/play/index.html']) {
    await check(`footer-link/${rel}`, async () => open(context, rel), async (page, problems) => {
      const hrefs = await page.$$eval('.site-footer a', (as) => as.map((a) => a.href));
      const gallery = pathToFileURL(path.join(site, 'karuta/index.html')).href;
      if (!hrefs.includes(gallery)) problems.push('no link to the karuta gallery in the footer');
    });
  }
  await check('home/karuta-section', async () => open(context, 'index.html'), async (page, problems) => {
    const hrefs = await page.$$eval('.karuta-promo a', (as) => as.map((a) => a.href));
    const gallery = pathToFileURL(path.join(site, 'karuta/index.html')).href;
    if (!hrefs.includes(gallery)) problems.push(`home: the karuta section links to [${hrefs}], not the gallery`);
    for (const h of hrefs) if (!fs.existsSync(fileURLToPath(h))) problems.push(`home: ${h} does not exist`);
  });
  await context.close();
}

/* ----- run ------------------------------------------------------------------------ */

const browser = await launch();
try {
  await galleryTests(browser);
  await cardTests(browser);
  await playRound(browser);
  await speechTests(browser);
  await viewChecks(browser);
  await linkChecks(browser);
} catch (e) {
  report('run', [String((e && e.stack) || e)]);
} finally {
  await browser.close();
}
finish();
