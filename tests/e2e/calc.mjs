// calc.mjs -- the calculator and checklist pages in headless Chromium, from
// file://, driven the way a person uses them.
//
//   node tests/e2e/calc.mjs out/site
//
// Builds nothing: the site must already be there.  Every expected number
// comes from outside the scoring core: the points printed next to each
// choice, the bands table of the page, or (cost page) the amounts in
// content/calculators/higai.md, read by a small parser here.
//   shindan/*     answer all 25 through the UI; a mixed pattern against the
//                 sum of the printed points; #a= full, partial, invalid;
//                 hashchange; restart and Back; keyboard; unanswered items;
//                 the QR code's text and modules; print on one A4 page
//   higai/*       fields and switches through the UI against the YAML;
//                 #v= in and out; out-of-range and full-width input
//   checklist/*   5kajo-check count, band and advice; incident-first-steps
//   PAGE/VIEW@SIZE  each calculator's question and result view at desktop
//                 and phone size: axe-core, console and CSP, network,
//                 overflow, touch targets of at least 48 px
// Output: "ok - calc/NAME" or "not ok - calc/NAME" plus "# detail" lines,
// then "# calc: P passed, F failed".  Exit status 1 if any failed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { axeViolations, launch, siteArgument, reporter } from './browser.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const site = siteArgument('calc.mjs', 'shindan/index.html', 'a built site with its calculators');

const DESKTOP = { name: 'desktop', width: 1280, height: 900 };
const PHONE = { name: 'phone', width: 390, height: 844 };

const { report, finish } = reporter('calc');

/* ----- pages ------------------------------------------------------------- */

// Opens a page and waits until the calculator says it is ready; the
// returned health() lists console errors, CSP violations and requests that
// did not go to file://.
async function open(context, rel, hash = '') {
  const page = await context.newPage();
  const log = { errors: [], requests: [] };
  page.on('console', (m) => { if (m.type() === 'error') log.errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => log.errors.push(`page error: ${e.message}`));
  page.on('request', (r) => { if (!r.url().startsWith('file://')) log.requests.push(`request: ${r.url()}`); });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`CSP ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
    });
  });
  await page.goto(pathToFileURL(path.join(site, rel)).href + hash, { waitUntil: 'load' });
  await page.waitForSelector('[data-calc][data-state]', { state: 'attached', timeout: 5000 });
  const state = await page.getAttribute('[data-calc]', 'data-state');
  if (state !== 'ready') log.errors.push(`calculator state is "${state}", not ready`);
  page.health = async () => [
    ...log.errors, ...log.requests,
    ...await page.evaluate(() => window.__csp || []).catch(() => []),
  ];
  return page;
}

// One check: opens rel#hash, runs body(page, problems), adds what health()
// found, reports name and closes the page.
async function check(context, name, rel, hash, body) {
  const problems = [];
  let page = null;
  try {
    page = await open(context, rel, hash);
    await body(page, problems);
    problems.push(...await page.health());
  } catch (e) {
    problems.push(e.message);
  }
  report(name, problems);
  if (page) await page.close();
}

async function overflow(page) {
  const o = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, w: window.innerWidth }));
  return o.sw > o.w ? [`scrollWidth ${o.sw} > innerWidth ${o.w}`] : [];
}

// Every visible control a finger needs: at least 48 px tall and wide.
async function targets(page) {
  return page.evaluate(() => {
    const sel = '.calc-choice, .calc-button, .calc-field__input, .calc-field--toggle, .calc-jump__link';
    return [...document.querySelectorAll(sel)]
      .filter((e) => e.getClientRects().length > 0)
      .map((e) => ({ e, r: e.getBoundingClientRect() }))
      .filter(({ r }) => r.height < 47.5 || r.width < 47.5)
      .slice(0, 10)
      .map(({ e, r }) => `${e.className} "${e.textContent.trim().slice(0, 20)}" is ${Math.round(r.width)}x${Math.round(r.height)}`);
  });
}

const text = (page, sel) => page.$eval(sel, (e) => e.textContent.trim());
const visible = (page, sel) => page.locator(sel).first().isVisible();

/* ----- score pages --------------------------------------------------------- */

// The band whose range holds total, read from the page's own bands table.
async function bandFor(page, total) {
  const bands = await page.$$eval('[data-band]', (rows) => rows.map((r) => ({
    index: +r.getAttribute('data-band'), min: +r.getAttribute('data-min'), max: +r.getAttribute('data-max'),
    label: r.querySelector('[data-band-name]').textContent.trim(),
  })));
  return bands.find((b) => b.min <= total && total <= b.max);
}

// Answers every item through the UI (choice(k) for item k), part by part,
// pressing 次へ after each part, until the result shows.
async function answerAll(page, choice) {
  for (let guard = 0; guard < 25; guard++) {
    if (await visible(page, '[data-result]')) return;
    const items = await page.$$eval('.calc-part:not(.is-off) [data-item]', (fs) => fs.map((f) => +f.getAttribute('data-item')));
    for (const k of items) await page.click(`label[for="q${k}-${choice(k)}"]`);
    await page.click('[data-next]');
  }
  throw new Error('the result did not show');
}

// The points printed next to choice c of item k ("4点", "−1点").
async function printedPoints(page, k, c) {
  const t = await text(page, `label[for="q${k}-${c}"] .calc-choice__points`);
  return parseInt(t.replace('\u2212', '-'), 10);
}

async function total(page) {
  const t = await text(page, '[data-testid="score-total"]');
  if (!/^-?[0-9]+$/.test(t)) throw new Error(`score-total is "${t}", not a number`);
  return parseInt(t, 10);
}

async function checkScore(page, expected, problems) {
  const got = await total(page);
  if (got !== expected) problems.push(`total ${got}, expected ${expected}`);
  const band = await bandFor(page, expected);
  if (!band) { problems.push(`no band in the table holds ${expected}`); return; }
  const label = await text(page, '[data-testid="score-band"]');
  if (label !== band.label) problems.push(`band "${label}", expected "${band.label}"`);
  const shown = await page.$$eval('[data-band-message]', (ms) => ms.filter((m) => !m.hidden && m.getClientRects().length)
    .map((m) => +m.getAttribute('data-band-message')));
  if (shown.length !== 1 || shown[0] !== band.index) problems.push(`band messages shown: [${shown}], expected [${band.index}]`);
}

const focusId = (page) => page.evaluate(() => document.activeElement && document.activeElement.id);
const hashOf = (page) => page.evaluate(() => location.hash);

async function shindanTests(context) {
  const N = 25;
  const S = 'shindan/index.html';

  // (a) all 25 through the UI with choice 1.
  await check(context, 'shindan/ui-all-best', S, '', async (page, problems) => {
    await answerAll(page, () => 1);
    await checkScore(page, 100, problems);
    const hash = await hashOf(page);
    if (hash !== '#a=' + '1'.repeat(N)) problems.push(`address fragment "${hash}"`);
    const focus = await focusId(page);
    if (focus !== 'calc-result-title') problems.push(`focus on "${focus}" after the last 次へ, not the result heading`);
    const live = await text(page, '[data-live]');
    if (!live.includes('100')) problems.push(`live region says "${live}"`);
  });

  // (b) a mixed pattern, checked against the points printed on the page.
  const pick = (k) => ((k * 7 + 3) % 4) + 1;
  await check(context, 'shindan/ui-mixed', S, '', async (page, problems) => {
    let sum = 0;
    for (let k = 1; k <= N; k++) sum += await printedPoints(page, k, pick(k));
    await answerAll(page, pick);
    const got = await total(page);
    if (got !== sum) problems.push(`total ${got}, sum of the printed points ${sum}`);
    await checkScore(page, sum, problems);
    // Advice for exactly the items answered with a choice in data-advice-for.
    const adviceFor = (await page.getAttribute('[data-calc]', 'data-advice-for')).split(',').map(Number);
    const want = [];
    for (let k = 1; k <= N; k++) if (adviceFor.includes(pick(k))) want.push(k);
    const shown = await page.$$eval('[data-advice-item]:not([hidden])', (ls) => ls.map((l) => +l.getAttribute('data-advice-item')));
    if (shown.join() !== want.join()) problems.push(`advice for [${shown}], expected [${want}]`);
    // Part bars add up to the total.
    const parts = await page.$$eval('[data-part-bar] [data-value]', (vs) => vs.map((v) => parseInt(v.textContent.replace('\u2212', '-'), 10)));
    if (parts.reduce((a, b) => a + b, 0) !== sum) problems.push(`part bars [${parts}] do not add up to ${sum}`);
    // (h) the QR code carries result_url#a=digits, and draws every module
    // of that text's code.
    const digits = Array.from({ length: N }, (_, i) => pick(i + 1)).join('');
    const qr = await page.evaluate(() => {
      const svg = document.querySelector('[data-qr-code] svg');
      if (!svg) return null;
      const t = svg.getAttribute('data-qr-text');
      const q = window.qrcode(0, 'M');
      q.addData(t);
      q.make();
      const n = q.getModuleCount();
      let dark = 0;
      for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (q.isDark(r, c)) dark++;
      const drawn = (svg.querySelector('path').getAttribute('d').match(/M/g) || []).length;
      return { text: t, dark, drawn, url: document.querySelector('[data-calc]').getAttribute('data-result-url'),
        box: svg.getBoundingClientRect().width };
    });
    if (!qr) { problems.push('no QR code <svg>'); return; }
    if (!/^https?:\/\/.+\/shindan\/$/.test(qr.url)) problems.push(`data-result-url "${qr.url}"`);
    if (qr.text !== qr.url + '#a=' + digits) problems.push(`QR text "${qr.text}", expected "${qr.url}#a=${digits}"`);
    if (qr.dark !== qr.drawn) problems.push(`QR draws ${qr.drawn} modules, the code has ${qr.dark}`);
    if (qr.box < 120) problems.push(`QR code only ${qr.box}px wide`);
  });

  // (c) complete #a= opens the result directly.
  for (const [digit, expected] of [['1', 100], ['4', -25]]) {
    await check(context, `shindan/hash-all-${digit}`, S, '#a=' + digit.repeat(N), async (page, problems) => {
      if (!await visible(page, '[data-result]')) problems.push('the result view is not shown');
      if (await visible(page, '[data-sheet]')) problems.push('the questions are still shown');
      await checkScore(page, expected, problems);
    });
  }

  // (d) a partial #a= fills in the answers and opens the first open part.
  await check(context, 'shindan/hash-partial', S, '#a=' + '2'.repeat(7) + '0'.repeat(N - 7), async (page, problems) => {
    if (await visible(page, '[data-result]')) problems.push('result shown for a partial answer');
    const open2 = await page.$$eval('[data-part]', (ps) => ps.filter((p) => p.getClientRects().length).map((p) => +p.getAttribute('data-part')));
    if (open2.join() !== '2') problems.push(`parts shown: [${open2}], expected [2] (item 8 is the first open one)`);
    const checked = await page.$$eval('input[type=radio]:checked', (rs) => rs.map((r) => r.id));
    const want = Array.from({ length: 7 }, (_, i) => `q${i + 1}-2`);
    if (checked.join() !== want.join()) problems.push(`checked [${checked}], expected [${want}]`);
    const count = await text(page, '[data-progress-count]');
    if (!count.startsWith('7/25')) problems.push(`progress "${count}"`);
    const step = await text(page, '[data-progress-step]');
    if (!/第2部.*（2\/3）/.test(step)) problems.push(`step "${step}"`);
    // 戻る goes to part 1, with focus on its heading.
    await page.click('[data-back]');
    const focus = await focusId(page);
    if (focus !== 'calc-part-1-title') problems.push(`focus on "${focus}" after 戻る`);
  });

  // 「さっそく答える」 moves to the questions and keeps the answers in the address.
  const one3 = '#a=3' + '0'.repeat(N - 1);
  await check(context, 'shindan/jump-link', S, one3, async (page, problems) => {
    await page.click('.calc-jump__link');
    const hash = await hashOf(page);
    if (hash !== one3) problems.push(`address "${hash}" after the link`);
    const focus = await focusId(page);
    if (focus !== 'calc-part-1-title') problems.push(`focus on "${focus}" after the link`);
  });

  // Invalid #a= values are ignored with a notice.
  for (const [name, hash] of [['short', '#a=12'], ['letter', '#a=' + '1'.repeat(N - 1) + 'x'], ['choice', '#a=' + '5'.repeat(N)]]) {
    await check(context, `shindan/hash-invalid-${name}`, S, hash, async (page, problems) => {
      const notice = await text(page, '[data-notice]');
      if (!notice.includes('#a=')) problems.push(`notice "${notice}"`);
      if (await page.$$eval('input:checked', (l) => l.length)) problems.push('answers were filled in');
      if (await visible(page, '[data-result]')) problems.push('the result view is shown');
    });
  }

  // hashchange, 最初からやり直す, and Back bringing the result back.
  await check(context, 'shindan/hashchange-restart-back', S, '', async (page, problems) => {
    await page.evaluate((n) => { location.hash = '#a=' + '4'.repeat(n); }, N);
    await page.waitForSelector('[data-result]:not([hidden])', { timeout: 3000 });
    if (await total(page) !== -25) problems.push(`after hashchange: total ${await total(page)}`);
    await page.click('[data-restart]');
    if (await hashOf(page) !== '') problems.push('the address keeps a fragment after restart');
    if (await page.$$eval('input:checked', (l) => l.length)) problems.push('answers remain after restart');
    const focus = await focusId(page);
    if (focus !== 'calc-part-1-title') problems.push(`focus on "${focus}" after restart`);
    await page.goBack();
    await page.waitForSelector('[data-result]:not([hidden])', { timeout: 3000 });
    if (await total(page) !== -25) problems.push(`after Back: total ${await total(page)}`);
  });

  // Keyboard: Space and arrows choose, Enter on 次へ moves on; an
  // unanswered question stops 次へ with an alert.
  await check(context, 'shindan/keyboard', S, '', async (page, problems) => {
    await page.click('[data-next]');
    const alert = await page.locator('[data-alert]').isVisible() ? await text(page, '[data-alert]') : '';
    if (!alert.includes('問1')) problems.push(`alert "${alert}" after 次へ with nothing answered`);
    const missing = await page.$$eval('.is-missing', (l) => l.length);
    if (missing !== 5) problems.push(`${missing} questions marked as missing, expected 5`);
    const f1 = await page.evaluate(() => document.activeElement && document.activeElement.closest('[data-item]')?.getAttribute('data-item'));
    if (f1 !== '1') problems.push(`focus in item ${f1}, expected 1`);
    await page.focus('#q1-1');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    const c1 = await page.$eval('input[name=q1]:checked', (r) => r.id).catch(() => null);
    if (c1 !== 'q1-2') problems.push(`after Space and ArrowDown item 1 is ${c1}, expected q1-2`);
    if (!(await text(page, '[data-progress-count]')).startsWith('1/25')) problems.push('progress did not count the keyboard answer');
    for (let k = 2; k <= 5; k++) await page.click(`label[for="q${k}-1"]`);
    await page.focus('[data-next]');
    await page.keyboard.press('Enter');
    const focus = await focusId(page);
    if (focus !== 'calc-part-2-title') problems.push(`focus on "${focus}" after 次へ, expected the part 2 heading`);
    const outline = await page.evaluate(() => {
      const l = document.querySelector('label[for="q6-1"]');
      document.getElementById('q6-1').focus();
      return getComputedStyle(l).outlineStyle;
    });
    if (outline === 'none') problems.push('no focus ring on the choice');
  });

  // Print: on one A4 page, without the site's header or the buttons -- with
  // advice for the 10 items with the longest advice (the most printed with
  // their text) and the others answered to land in the lowest band (the
  // longest message), and with advice for all 25 (printed as a list to tick).
  const longest = await (async () => {
    const page = await open(context, S);
    const lengths = await page.$$eval('[data-advice-item]', (ls) => ls.map((l) => [+l.getAttribute('data-advice-item'),
      l.querySelector('.calc-advice__text').textContent.length]));
    await page.close();
    const top = lengths.sort((a, b) => b[1] - a[1]).slice(0, 10).map(([k]) => k);
    return Array.from({ length: N }, (_, i) => (top.includes(i + 1) ? '4' : '2')).join('');
  })();
  for (const [name, digits] of [['10-advice', longest], ['25-advice', '3'.repeat(N)]]) {
    await check(context, `shindan/print-${name}`, S, '#a=' + digits, async (page, problems) => {
      await page.emulateMedia({ media: 'print' });
      const shown = await page.evaluate(() => ['.site-header', '.calc-actions', '.site-nav', '.calc-notice']
        .filter((s) => { const e = document.querySelector(s); return e && e.getClientRects().length > 0; }));
      if (shown.length) problems.push(`printed: ${shown.join(', ')}`);
      for (const sel of ['.calc-summary', '.calc-compare', '.calc-advice', '[data-qr-code] svg', '.calc-sources']) {
        if (!await visible(page, sel)) problems.push(`${sel} is not printed`);
      }
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
      if (pages !== 1) problems.push(`the result prints on ${pages} pages`);
    });
  }
}

/* ----- the cost page --------------------------------------------------------- */

// The inputs and lines of a cost calculator's front matter.  Enough YAML
// for that file: "- key: value" list entries with scalars and [a, b] lists.
function readCostYaml(file) {
  const src = fs.readFileSync(file, 'utf8').split('\n---\n')[0];
  const lists = { inputs: [], lines: [] };
  let current = null;
  for (const line of src.split('\n')) {
    const top = line.match(/^([a-z_]+):/);
    if (top) { current = lists[top[1]] ? top[1] : null; continue; }
    if (!current) continue;
    const m = line.match(/^\s+(- )?([a-z_]+):\s*(.*)$/);
    if (!m) continue;
    if (m[1]) lists[current].push({});
    let v = m[3].trim();
    if (/^\[.*\]$/.test(v)) v = v.slice(1, -1).split(',').map((x) => x.trim()).filter(Boolean);
    else if (/^-?[0-9]+$/.test(v)) v = Number(v);
    lists[current][lists[current].length - 1][m[2]] = v;
  }
  return lists;
}

// Each line: min and max times its `per` inputs, divided (rounded down),
// or nothing when its `when` input is 0; the totals are the sums.
function costOracle(yaml, values) {
  const lines = yaml.lines.map((l) => {
    if (l.when && values[l.when] === 0) return [0, 0];
    const mul = (l.per || []).reduce((a, id) => a * values[id], 1);
    const div = l.divide || 1;
    return [Math.floor((l.min * mul) / div), Math.floor((l.max * mul) / div)];
  });
  return {
    min: lines.reduce((a, [x]) => a + x, 0),
    max: lines.reduce((a, [, y]) => a + y, 0),
    lines,
  };
}

// 5530000 -> "553万円", independent of the page's own formatter.
function yenText(n) {
  const oku = Math.floor(n / 1e8);
  const man = Math.floor((n % 1e8) / 1e4);
  const rest = n % 1e4;
  const g = (x) => x.toLocaleString('en-US');
  return n === 0 ? '0円' : `${oku ? g(oku) + '億' : ''}${man ? g(man) + '万' : ''}${rest ? g(rest) : ''}円`;
}

// The page's totals and every line against the oracle.
async function compareCosts(page, yaml, values, what, problems) {
  const want = costOracle(yaml, values);
  const got = {
    min: +(await page.getAttribute('[data-testid="cost-min"]', 'data-yen')),
    max: +(await page.getAttribute('[data-testid="cost-max"]', 'data-yen')),
    minText: await text(page, '[data-testid="cost-min"]'),
    maxText: await text(page, '[data-testid="cost-max"]'),
  };
  if (got.min !== want.min || got.max !== want.max) problems.push(`${what}: total ${got.min}..${got.max}, expected ${want.min}..${want.max}`);
  if (got.minText !== yenText(want.min) || got.maxText !== yenText(want.max)) {
    problems.push(`${what}: shown "${got.minText}〜${got.maxText}", expected "${yenText(want.min)}〜${yenText(want.max)}"`);
  }
  const cells = await page.$$eval('[data-line]', (rows) => rows.map((r) => {
    const c = r.querySelector('[data-line-amount]');
    return [+c.getAttribute('data-yen-min'), +c.getAttribute('data-yen-max')];
  }));
  want.lines.forEach(([a, b], i) => {
    if (!cells[i] || cells[i][0] !== a || cells[i][1] !== b) problems.push(`${what}: line ${i + 1} is ${cells[i]}, expected ${a},${b}`);
  });
}

async function costTests(context) {
  const H = 'higai/index.html';
  const yaml = readCostYaml(path.join(repo, 'content/calculators/higai.md'));
  const ids = yaml.inputs.map((i) => i.id);
  const defaults = Object.fromEntries(yaml.inputs.map((i) => [i.id, i.default ?? 0]));
  const values = { ...defaults, people: 5000, card: 1, months: 3, days: 10, sales: 200000, callcenter: 1, enjo: 1 };
  const vHash = '#v=' + ids.map((id) => values[id]).join(',');

  await check(context, 'higai/ui-against-yaml', H, '', async (page, problems) => {
    await compareCosts(page, yaml, defaults, 'defaults', problems);
    await page.fill('#calc-in-people', '5000');
    await page.click('label[for="calc-in-card"]');
    await page.fill('#calc-in-months', '3');
    await page.fill('#calc-in-days', '１０'); // full-width digits, as a Japanese keyboard types them
    await page.fill('#calc-in-sales', '200,000');
    await page.click('label[for="calc-in-callcenter"]');
    await page.click('label[for="calc-in-enjo"]');
    await compareCosts(page, yaml, values, 'after typing', problems);
    const hash = await hashOf(page);
    if (hash !== vHash) problems.push(`address "${hash}", expected "${vHash}"`);
    // 「内訳を見る」 keeps #v= in the address.
    await page.click('.calc-cost__sticky-link');
    if (await hashOf(page) !== vHash) problems.push('「内訳を見る」 replaced the address fragment');
    // Over the maximum: counted as the maximum, with a visible reason.
    const maxPeople = yaml.inputs.find((i) => i.id === 'people').max;
    await page.fill('#calc-in-people', String(maxPeople * 3));
    await compareCosts(page, yaml, { ...values, people: maxPeople }, 'over the maximum', problems);
    if (!await page.$eval('#calc-in-people-hint', (h) => h.classList.contains('is-problem'))) problems.push('no problem shown for a value over the maximum');
    if (await page.getAttribute('#calc-in-people', 'aria-invalid') !== 'true') problems.push('aria-invalid not set');
    // The QR code carries the values.
    const qr = await page.getAttribute('[data-qr-code] svg', 'data-qr-text').catch(() => null);
    if (!qr || !qr.endsWith('#v=' + ids.map((id) => (id === 'people' ? maxPeople : values[id])).join(','))) problems.push(`QR text "${qr}"`);
  });

  await check(context, 'higai/hash-values', H, vHash, async (page, problems) => {
    await compareCosts(page, yaml, values, 'from #v=', problems);
    const field = await page.inputValue('#calc-in-sales');
    if (field !== '200000') problems.push(`sales field shows "${field}" from #v=`);
    if (!await page.isChecked('#calc-in-enjo')) problems.push('enjo switch not on from #v=');
  });

  await check(context, 'higai/print-one-page', H, vHash, async (page, problems) => {
    await page.emulateMedia({ media: 'print' });
    for (const sel of ['.calc-total', '.calc-table--costs', '[data-qr-code] svg', '.calc-meyasu']) {
      if (!await visible(page, sel)) problems.push(`${sel} is not printed`);
    }
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    if (pages !== 1) problems.push(`the calculation prints on ${pages} pages`);
  });

  await check(context, 'higai/hash-invalid', H, '#v=1,2', async (page, problems) => {
    const notice = await text(page, '[data-notice]');
    if (!notice.includes('#v=')) problems.push(`notice "${notice}" for a short #v=`);
    await compareCosts(page, yaml, defaults, 'after a short #v=', problems);
  });
}

/* ----- checklists -------------------------------------------------------------- */

async function checklistTests(context) {
  await check(context, '5kajo-check/ui-count', '5kajo-check/index.html', '', async (page, problems) => {
    const picks = [1, 2, 1, 2, 1];
    for (let k = 1; k <= 5; k++) await page.click(`label[for="q${k}-${picks[k - 1]}"]`);
    const step = await text(page, '[data-progress-step]');
    if (step !== '5項目中3項目できています') problems.push(`count "${step}"`);
    await page.click('[data-next]');
    if (await total(page) !== 3) problems.push(`total ${await total(page)}`);
    const done = await text(page, '[data-testid="checklist-done"]');
    if (done !== '5項目中3項目できています') problems.push(`done text "${done}"`);
    const band = await bandFor(page, 3);
    const label = await text(page, '[data-testid="score-band"]');
    if (!band || label !== band.label) problems.push(`band "${label}", expected "${band && band.label}"`);
    const advice = await page.$$eval('[data-advice-item]:not([hidden])', (ls) => ls.map((l) => +l.getAttribute('data-advice-item')));
    if (advice.join() !== '2,4') problems.push(`advice for [${advice}], expected [2,4]`);
    if (await hashOf(page) !== '#a=12121') problems.push('address not #a=12121');
  });

  await check(context, 'incident-first-steps/all-done', 'incident-first-steps/index.html', '', async (page, problems) => {
    const n = await page.$$eval('[data-item]', (l) => l.length);
    await page.evaluate((k) => { location.hash = '#a=' + '1'.repeat(k); }, n);
    await page.waitForSelector('[data-result]:not([hidden])', { timeout: 3000 });
    if (await total(page) !== n) problems.push(`total ${await total(page)}, expected ${n}`);
    const parts = await page.$$eval('[data-part-bar] [data-value]', (vs) => vs.map((v) => parseInt(v.textContent, 10)));
    if (parts.reduce((a, b) => a + b, 0) !== n) problems.push(`part bars [${parts}]`);
    if (await page.$$eval('[data-advice-item]:not([hidden])', (l) => l.length)) problems.push('advice shown with every item done');
  });
}

/* ----- every calculator, both views, both sizes -------------------------------- */

function calculatorPages() {
  return fs.readdirSync(site, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(site, e.name, 'index.html')))
    .map((e) => `${e.name}/index.html`)
    .filter((rel) => fs.readFileSync(path.join(site, rel), 'utf8').includes('data-calc'))
    .sort();
}

async function viewChecks(browser, vp, pages) {
  const context = await browser.newContext({ viewport: { width: vp.width, height: vp.height } });
  try {
    for (const rel of pages) {
      const name = rel.replace(/\/index\.html$/, '');
      const html = fs.readFileSync(path.join(site, rel), 'utf8');
      const items = (html.match(/data-item="/g) || []).length;
      const views = html.includes('data-kind="cost"') ? [['questions', '']] : [['questions', ''], ['result', '#a=' + '1'.repeat(items)]];
      for (const [view, hash] of views) {
        await check(context, `${name}/${view}@${vp.name}`, rel, hash, async (page, problems) => {
          if (view === 'result' && !await visible(page, '[data-result]')) problems.push('no result view');
          problems.push(...await axeViolations(page));
          problems.push(...await overflow(page));
          problems.push(...await targets(page));
        });
      }
    }
  } finally {
    await context.close();
  }
}

const browser = await launch();
try {
  const pages = calculatorPages();
  if (pages.length === 0) report('pages', ['no calculator pages in the site']);
  const context = await browser.newContext({ viewport: { width: DESKTOP.width, height: DESKTOP.height } });
  await shindanTests(context);
  await costTests(context);
  await checklistTests(context);
  await context.close();
  for (const vp of [DESKTOP, PHONE]) await viewChecks(browser, vp, pages);
} catch (e) {
  report('run', [String((e && e.stack) || e)]);
} finally {
  await browser.close();
}
finish();
