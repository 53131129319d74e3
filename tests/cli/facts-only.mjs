// facts-only.mjs -- every survey figure on the built pages comes from the
// fact store: outside <span class="fact">, charts and the 出典 lists, no number
// followed by a unit of a figure (%, 社, 万円, 億円, 人, 件) is left in the
// main text of the home page, the guides and the calculators' introductions.
//   node tests/cli/facts-only.mjs OUT/site
// Thresholds written in words by editors ("100万円以上") are allowed.
import fs from 'node:fs';
import path from 'node:path';

const site = process.argv[2];
const allowed = [/^100万円$/];
const pages = ['index.html'];
for (const dir of ['guides']) {
  for (const name of fs.readdirSync(path.join(site, dir))) {
    const f = path.join(dir, name, 'index.html');
    if (fs.existsSync(path.join(site, f))) pages.push(f);
  }
}
let bad = [];
for (const rel of pages) {
  let s = fs.readFileSync(path.join(site, rel), 'utf8');
  const m = s.match(/<main[\s\S]*?<\/main>/);
  s = m ? m[0] : '';
  // Charts are drawn from groups of the fact store.
  s = s.replace(/<span class="fact"[^>]*>[\s\S]*?<\/span>/g, '')
    .replace(/<figure class="chart-figure">[\s\S]*?<\/figure>/g, '')
    .replace(/<section class="citations"[\s\S]*?<\/section>/g, '')
    .replace(/<[^>]+>/g, '');
  for (const x of s.matchAll(/[0-9０-９][0-9,.０-９]*\s*(?:%|％|社|万円|億円|人|件)/g)) {
    if (!allowed.some((re) => re.test(x[0]))) bad.push(`${rel}: ${x[0]}`);
  }
}
if (pages.length < 5) bad.push(`only ${pages.length} pages found`);
console.log(bad.length ? `not ok - cli/facts/every-figure-from-the-store\n# ${bad.slice(0, 10).join('\n# ')}` :
  `ok - cli/facts/every-figure-from-the-store (${pages.length} pages)`);
