// facts-only.mjs -- every survey figure on the built pages comes from the
// fact store: outside <span class="fact">, charts and the 出典 lists, no number
// followed by a unit of a figure (%, 社, 万円, 億円, 人, 件) is left in the
// main text of the home page and the guides.  On the calculator pages (folders
// of the site root whose index.html has a data-calc element) the introduction
// and the messages are checked the same way, with 日 and 点 as units too:
// the elements of class calc-intro or prose, the band and level messages and
// the items' advice.  The rest of a calculator page is drawn from its
// definition (points of the choices, band ranges, the cost lines' rates, the
// national rates, which come from the store with their own citations) and is
// not scanned.
//   node tests/cli/facts-only.mjs OUT/site
// Thresholds written in words by editors ("100万円以上", "2人以上") are
// allowed; so are scores that are a choice's points or a band's bound
// ("70点以上", "100点満点").
import fs from 'node:fs';
import path from 'node:path';

const site = process.argv[2];
const allowed = [/^100万円$/, /^2人$/];
const UNITS = '%|％|社|万円|億円|人|件';
const CALC_UNITS = UNITS + '|日|点';
// Containers scanned on a calculator page (class names in
// templates/calculator.mustache).
const CALC_SCAN = ['calc-intro', 'prose', 'calc-summary__message',
  'calc-level__message', 'calc-advice__text'];
// Never scanned even when nested in one of them.
const CALC_SKIP = ['calc-choice__points', 'calc-table__range', 'calc-bars__label',
  'calc-line__rate', 'calc-advice__national', 'calc-source-note'];

const pages = ['index.html'];
for (const dir of ['guides']) {
  for (const name of fs.readdirSync(path.join(site, dir))) {
    const f = path.join(dir, name, 'index.html');
    if (fs.existsSync(path.join(site, f))) pages.push(f);
  }
}
const calcs = [];
for (const name of fs.readdirSync(site).sort()) {
  const f = path.join(name, 'index.html');
  const full = path.join(site, f);
  if (!fs.existsSync(full) || !fs.statSync(path.join(site, name)).isDirectory())
    continue;
  if (/<[a-z][^>]*\sdata-calc(?=[\s>=\/])/.test(fs.readFileSync(full, 'utf8')))
    calcs.push(f);
}

const hasClass = (tag, names) => {
  const m = tag.match(/\sclass="([^"]*)"/);
  return m ? m[1].split(/\s+/).some((c) => names.includes(c)) : false;
};

// The elements (start tag to matching end tag) whose class is one of `names`,
// outermost only.
function elements(s, names) {
  const out = [];
  const open = /<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g;
  let m;
  while ((m = open.exec(s)) !== null) {
    if (!hasClass(m[0], names) || m[0].endsWith('/>')) continue;
    const name = m[1].toLowerCase();
    const re = new RegExp(`<(/?)${name}\\b[^>]*>`, 'gi');
    re.lastIndex = m.index + m[0].length;
    let depth = 1, t, end = s.length;
    while ((t = re.exec(s)) !== null) {
      depth += t[1] ? -1 : 1;
      if (depth === 0) { end = t.index + t[0].length; break; }
    }
    out.push([m.index, end]);
    open.lastIndex = end;
  }
  return out;
}

const cut = (s, ranges) => {
  let r = '', at = 0;
  for (const [a, b] of ranges) { r += s.slice(at, a); at = b; }
  return r + s.slice(at);
};

function strip(s) {
  // Charts are drawn from groups of the fact store.
  return s.replace(/<span class="fact"[^>]*>[\s\S]*?<\/span>/g, '')
    .replace(/<sup class="cite"[^>]*>[\s\S]*?<\/sup>/g, '')
    .replace(/<figure class="chart-figure">[\s\S]*?<\/figure>/g, '')
    .replace(/<section class="citations"[\s\S]*?<\/section>/g, '')
    .replace(/<[^>]+>/g, '');
}

let bad = [];
function scan(rel, text, units, ok) {
  const re = new RegExp(`[0-9０-９][0-9,.０-９]*\\s*(?:${units})`, 'g');
  for (const x of text.matchAll(re)) {
    if (!allowed.some((a) => a.test(x[0])) && !(ok && ok(x[0])))
      bad.push(`${rel}: ${x[0]}`);
  }
}

for (const rel of pages) {
  const s = fs.readFileSync(path.join(site, rel), 'utf8');
  const m = s.match(/<main[\s\S]*?<\/main>/);
  scan(rel, strip(m ? m[0] : ''), UNITS);
}

let scanned = 0;
for (const rel of calcs) {
  const s = fs.readFileSync(path.join(site, rel), 'utf8');
  // Scores that are not figures: the points of the choices and the bounds
  // of the bands, as the page's own markup gives them.
  const scores = new Set();
  for (const x of s.matchAll(/\sdata-points="(-?\d+)"/g)) scores.add(String(Math.abs(+x[1])));
  for (const x of s.matchAll(/<tr data-band="\d+" data-min="(-?\d+)" data-max="(-?\d+)"/g)) {
    scores.add(String(Math.abs(+x[1])));
    scores.add(String(Math.abs(+x[2])));
  }
  const ok = (t) => {
    const m = t.match(/^([0-9]+)\s*点$/);
    return m !== null && scores.has(String(+m[1]));
  };
  const found = elements(s, CALC_SCAN);
  if (!found.some(([a, b]) => hasClass(s.slice(a, b).match(/^<[^>]*>/)[0], ['calc-intro'])))
    bad.push(`${rel}: no calc-intro element`);
  for (const [a, b] of found) {
    const part = s.slice(a, b);
    scan(rel, strip(cut(part, elements(part, CALC_SKIP))), CALC_UNITS, ok);
    scanned++;
  }
}

if (pages.length < 5) bad.push(`only ${pages.length} pages found`);
if (calcs.length < 6) bad.push(`only ${calcs.length} calculator pages found`);
console.log(bad.length ? `not ok - cli/facts/every-figure-from-the-store\n# ${bad.slice(0, 10).join('\n# ')}` :
  `ok - cli/facts/every-figure-from-the-store (${pages.length} pages, ` +
  `${calcs.length} calculators, ${scanned} blocks)`);
