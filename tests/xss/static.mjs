// static.mjs -- the XSS corpus (tests/xss/site) as built: every payload
// must come out as inert text.  Reads the files of OUT (site/, kiosk/,
// print/), no browser (tests/xss/browser.mjs opens the pages).
//
//   node tests/xss/static.mjs OUT CONTENT_DIR
//
// Checks, as "ok - xss/<check>" lines:
//   html/<file>      every HTML file of site/ and kiosk/: the only <script>
//                    elements are our own, empty, with a src that exists;
//                    no on* attribute; no URL attribute with a javascript:,
//                    vbscript: or data: (except images) scheme; no element
//                    a content author could not have got from the
//                    templates (iframe, object, embed, frame, math, style,
//                    meta refresh, form); no "<!--" at all (the templates
//                    have none, so any would be content's)
//   feed, sitemap    no live markup in feed.xml / sitemap.xml; the titles
//                    escaped exactly once (well-formedness: browser.mjs,
//                    with the browser's XML parser)
//   search-index/... search-index.*.js and search-wasm.*.js are one base64
//                    string (no "</script", no "<!--", nothing else); the
//                    decoded index holds the payload text literally
//   kiosk-scripts    start-kiosk.sh / .bat: each line with content text is
//                    a comment line, and sh -n accepts the script
//   pdf-metadata/... pdfinfo Title, Subject, Author show the text literally
//   markers          the payload markers (XSS-…) of content/ that reach
//                    no output are listed as comments
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const [outArg, contentArg] = process.argv.slice(2);
if (!outArg || !contentArg || !fs.existsSync(path.join(outArg, 'site'))) {
  console.error('usage: node tests/xss/static.mjs OUT CONTENT_DIR');
  process.exit(2);
}
const out = path.resolve(outArg);
const content = path.resolve(contentArg);
let passed = 0, failed = 0;
const ok = (name, note = '') => { passed++; console.log(`ok - xss/${name}${note ? ` (${note})` : ''}`); };
const notOk = (name, why) => {
  failed++;
  console.log(`not ok - xss/${name}`);
  for (const w of [].concat(why).slice(0, 12)) console.log(`# ${String(w).slice(0, 300)}`);
};
const check = (name, problems, note) => (problems.length ? notOk(name, problems) : ok(name, note));

function walk(dir) {
  const r = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) r.push(...walk(p));
    else r.push(p);
  }
  return r;
}
const rel = (p) => path.relative(out, p);

// --- HTML ---------------------------------------------------------------
const ENT = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", colon: ':', tab: '\t', newline: '\n' };
function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (m, e) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) ? String.fromCodePoint(n) : m;
    }
    return ENT[e.toLowerCase()] ?? m;
  });
}

// A tokenizer for the HTML the templates write: tags with quoted or bare
// attribute values, text between them.  Raw text elements (script, style,
// textarea, title) are skipped to their end tag, as a browser does.
function tags(html) {
  const list = [];
  const re = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s"'>\/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/g;
  let m;
  let from = 0;
  while ((m = re.exec(html)) !== null) {
    const [all, close, name, attrText] = m;
    const attrs = [];
    const are = /([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
    let a;
    while ((a = are.exec(attrText)) !== null) attrs.push([a[1].toLowerCase(), decodeEntities(a[2] ?? a[3] ?? a[4] ?? '')]);
    list.push({ close: !!close, name: name.toLowerCase(), attrs, at: m.index, end: m.index + all.length, between: html.slice(from, m.index) });
    from = m.index + all.length;
    const lower = name.toLowerCase();
    if (!close && ['script', 'style', 'textarea', 'title'].includes(lower)) {
      const endTag = html.toLowerCase().indexOf(`</${lower}`, re.lastIndex);
      list[list.length - 1].body = html.slice(re.lastIndex, endTag < 0 ? html.length : endTag);
      if (endTag >= 0) re.lastIndex = endTag;
    }
  }
  return list;
}

const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'data', 'background',
  'cite', 'longdesc', 'usemap', 'manifest', 'ping', 'srcset', 'lowsrc', 'dynsrc']);
// Elements none of the templates writes.
const BANNED = new Set(['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'math', 'portal', 'xmp',
  'plaintext', 'noembed', 'isindex', 'marquee']);
// The corpus's payloads as markup: none may appear unescaped.
const RAW = ['<script>alert', '<script>alert("XSS', '<img src=x', '<svg onload', '<svg><script', '<iframe',
  '<style>body', '<div onclick', '<math', '</textarea>', '<a href="javascript', '</td></tr></table>',
  '</code></pre><script', '<mi xlink', '<svg/onload'];

function checkHtml(file) {
  const html = fs.readFileSync(file, 'utf8');
  const problems = [];
  const list = tags(html);
  const scriptOpen = (html.match(/<script\b/gi) || []).length;
  let scripts = 0;
  const where = (t) => `${rel(file)}@${t.at}`;
  for (const r of RAW) {
    const i = html.toLowerCase().indexOf(r.toLowerCase());
    if (i >= 0) problems.push(`raw payload "${r}" at ${rel(file)}@${i}: …${html.slice(Math.max(0, i - 60), i + 60)}…`);
  }
  if (/<!--/.test(html)) problems.push(`"<!--" at ${html.indexOf('<!--')}: …${html.slice(html.indexOf('<!--') - 60, html.indexOf('<!--') + 40)}…`);
  for (const t of list) {
    if (t.close) continue;
    if (BANNED.has(t.name)) problems.push(`<${t.name}> element at ${where(t)}`);
    if (t.name === 'meta' && t.attrs.some(([k, v]) => k === 'http-equiv' && /refresh/i.test(v)))
      problems.push(`<meta http-equiv=refresh> at ${where(t)}`);
    for (const [k, v] of t.attrs) {
      if (/^on/.test(k)) problems.push(`<${t.name} ${k}=…> at ${where(t)}`);
      if (k === 'srcdoc') problems.push(`srcdoc at ${where(t)}`);
      if (URL_ATTRS.has(k)) {
        const u = v.replace(/[\u0000-\u0020\u007f]+/g, '').toLowerCase();
        if (/^(javascript|vbscript|livescript):/.test(u)) problems.push(`${k}="${v}" on <${t.name}> at ${where(t)}`);
        if (/^data:/.test(u) && !(t.name === 'img' && /^data:image\/(png|jpeg|gif|webp);/.test(u)))
          problems.push(`${k}="${v.slice(0, 60)}" on <${t.name}> at ${where(t)}`);
      }
      if (k === 'style' && /expression\(|javascript:|url\(/i.test(v)) problems.push(`style="${v}" at ${where(t)}`);
    }
    if (t.name === 'script') {
      scripts++;
      const src = t.attrs.find(([k]) => k === 'src');
      const type = t.attrs.find(([k]) => k === 'type');
      if (!src) problems.push(`<script> without src at ${where(t)}: ${(t.body || '').slice(0, 80)}`);
      else {
        if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(src[1])) problems.push(`<script src="${src[1]}"> is not a file of the site`);
        else if (!fs.existsSync(path.resolve(path.dirname(file), src[1].split(/[?#]/)[0])))
          problems.push(`<script src="${src[1]}"> does not exist (${where(t)})`);
      }
      if (type && !/^(module|text\/javascript)$/i.test(type[1])) problems.push(`<script type="${type[1]}"> at ${where(t)}`);
      if ((t.body || '').trim() !== '') problems.push(`<script> with content at ${where(t)}`);
    }
  }
  if (scriptOpen !== scripts) problems.push(`${scriptOpen} "<script" in the text but ${scripts} script elements parsed`);
  // Text between tags never holds a bare "<" that a browser would start a
  // tag with (the tokenizer above did not take it as a tag).
  for (const t of list) {
    const s = t.between;
    const i = s.replace(/^\s*<!doctype html>/i, (d) => ' '.repeat(d.length)).search(/<[a-zA-Z!\/?]/);
    if (i >= 0) problems.push(`unparsed "<" in text at ${rel(file)}@${t.at - s.length + i}: ${s.slice(i, i + 60)}`);
  }
  return problems;
}

const htmlFiles = walk(out).filter((f) => f.endsWith('.html') && (f.includes(`${path.sep}site${path.sep}`) || f.includes(`${path.sep}kiosk${path.sep}`)));
if (!htmlFiles.some((f) => f.includes(`${path.sep}kiosk${path.sep}`))) notOk('kiosk', 'no kiosk HTML in OUT/kiosk');
for (const f of htmlFiles.sort()) check(`html/${rel(f)}`, checkHtml(f));

// --- feed and sitemap -----------------------------------------------------
function xmlProblems(file) {
  const x = fs.readFileSync(file, 'utf8');
  const p = [];
  if (/<script|<img|<svg|<!--|<!\[CDATA\[/i.test(x)) p.push(`live markup: ${x.match(/<script|<img|<svg|<!--|<!\[CDATA\[/i)[0]}`);
  // Escaped once: "&lt;script&gt;", never "&amp;lt;".
  if (/&amp;(lt|gt|quot|amp|#\d+);/.test(x)) p.push(`escaped twice: ${x.match(/.{0,40}&amp;(lt|gt|quot|amp|#\d+);.{0,20}/)[0]}`);
  if (!x.includes('&lt;script&gt;alert(1)&lt;/script&gt;')) p.push('the payload text is not in the file');
  return p;
}
check('feed', xmlProblems(path.join(out, 'site/feed.xml')));
const sm = fs.readFileSync(path.join(out, 'site/sitemap.xml'), 'utf8');
check('sitemap', /<script|<!--|javascript:/i.test(sm) ? ['live markup or javascript: in sitemap.xml'] : []);

// --- search index -----------------------------------------------------------
for (const base of ['site', 'kiosk']) {
  const dir = path.join(out, base, 'assets/js/search');
  if (!fs.existsSync(dir)) { notOk(`search-index/${base}`, `no ${dir}`); continue; }
  for (const f of fs.readdirSync(dir).filter((n) => /^search-(index|wasm)\..*\.js$/.test(n))) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    const p = [];
    const m = text.match(/^\/\*[^*]*\*\/\nwindow\.MAMORU_SEARCH_(INDEX|WASM) = "([A-Za-z0-9+/]*={0,2})";\n$/);
    if (!m) p.push(`not one comment and one base64 string: ${text.slice(0, 120)}`);
    if (/<\/script|<!--/i.test(text)) p.push('contains "</script" or "<!--"');
    if (m && m[1] === 'INDEX') {
      const raw = Buffer.from(m[2], 'base64').toString('latin1');
      const bytes = Buffer.from(raw, 'latin1');
      for (const want of ['XSS-B1 <script>alert(1)</script>', 'XSS-F1 "><img src=x onerror=alert(1)>'])
        if (!bytes.includes(Buffer.from(want))) p.push(`the decoded index does not hold "${want}" literally`);
    }
    check(`search-index/${base}/${f.replace(/\.[0-9a-f]+\.js$/, '.js')}`, p);
  }
}

// --- kiosk launch scripts -------------------------------------------------
{
  const p = [];
  const sh = path.join(out, 'kiosk/start-kiosk.sh');
  const bat = path.join(out, 'kiosk/start-kiosk.bat');
  if (fs.existsSync(sh)) {
    const lines = fs.readFileSync(sh, 'utf8').split('\n');
    lines.forEach((l, i) => { if (/XSS-|PWNED/.test(l) && !/^\s*#/.test(l)) p.push(`start-kiosk.sh:${i + 1} runs content text: ${l}`); });
    const n = spawnSync('sh', ['-n', sh], { encoding: 'utf8' });
    if (n.status !== 0) p.push(`sh -n start-kiosk.sh: ${n.stderr.trim()}`);
  } else p.push('no start-kiosk.sh');
  if (fs.existsSync(bat)) {
    const lines = fs.readFileSync(bat, 'utf8').split(/\r?\n/);
    lines.forEach((l, i) => {
      if (/XSS-|PWNED/.test(l) && !/^\s*rem(\s|$)/i.test(l)) p.push(`start-kiosk.bat:${i + 1} runs content text: ${l}`);
      if (/^\s*rem\b/i.test(l) && /%|\^|&(?!amp;|lt;|gt;|quot;|#)/.test(l.replace(/%%/g, ''))) p.push(`start-kiosk.bat:${i + 1} has % ^ or & in a rem line: ${l}`);
    });
  } else p.push('no start-kiosk.bat');
  check('kiosk-scripts', p);
}

// --- PDF metadata -------------------------------------------------------------
function yamlString(file, key) {
  // The double-quoted value of the first "key:" line, YAML escapes undone.
  const m = fs.readFileSync(file, 'utf8').match(new RegExp(`^\\s*${key}: "((?:[^"\\\\]|\\\\.)*)"`, 'm'));
  return m ? JSON.parse(`"${m[1]}"`) : null;
}
const siteTitle = yamlString(path.join(content, 'site.yaml'), 'title');
const orgName = yamlString(path.join(content, 'site.yaml'), '  name');
const tagline = yamlString(path.join(content, 'site.yaml'), 'tagline');
const pdfWant = {
  'handout.pdf': { Title: siteTitle, Subject: tagline, Author: orgName },
  'poster-a4.pdf': { Title: siteTitle, Author: orgName },
  'karuta.pdf': { Title: yamlString(path.join(content, 'karuta/deck.yaml'), 'title'), Author: orgName },
  'xss-check.pdf': { Title: yamlString(path.join(content, 'calculators/xss-check.md'), 'title'),
    Subject: yamlString(path.join(content, 'calculators/xss-check.md'), 'summary') },
  'xss-score-worksheet.pdf': { Title: yamlString(path.join(content, 'calculators/xss-score.md'), 'title'),
    Subject: yamlString(path.join(content, 'calculators/xss-score.md'), 'summary') },
};
for (const [pdf, want] of Object.entries(pdfWant)) {
  const file = path.join(out, 'print', pdf);
  if (!fs.existsSync(file)) { notOk(`pdf-metadata/${pdf}`, `no ${rel(file)}`); continue; }
  const r = spawnSync('pdfinfo', ['-enc', 'UTF-8', file], { encoding: 'utf8' });
  const got = {};
  for (const l of r.stdout.split('\n')) {
    const m = l.match(/^(Title|Subject|Author|Keywords|Creator):\s*(.*)$/);
    if (m) got[m[1]] = m[2];
  }
  const p = [];
  if (r.status !== 0) p.push(`pdfinfo: ${r.stderr.trim()}`);
  for (const [k, v] of Object.entries(want)) {
    if (v === null) { p.push(`cannot read the expected ${k} from content/`); continue; }
    // Title and Subject may carry a suffix (「（セミナー配布資料）」);
    // the author is the organisation's name exactly.
    const good = k === 'Author' ? got[k] === v : (got[k] || '').startsWith(v);
    if (!good) p.push(`${k}: got ${JSON.stringify(got[k])}, want ${JSON.stringify(v)}${k === 'Author' ? '' : '…'}`);
  }
  if (got.Title && /^\s*$/.test(got.Title)) p.push('empty Title');
  check(`pdf-metadata/${pdf}`, p);
}

// --- markers that reach no output ----------------------------------------------
{
  const markers = new Set();
  for (const f of walk(content)) for (const m of fs.readFileSync(f, 'utf8').matchAll(/XSS-[A-Z]+\d+/g)) markers.add(m[0]);
  const texts = [];
  for (const f of walk(out)) {
    if (f.endsWith('.ttf')) continue;
    if (f.endsWith('.pdf')) {
      const r = spawnSync('pdftotext', ['-enc', 'UTF-8', f, '-'], { encoding: 'utf8', maxBuffer: 1 << 26 });
      texts.push(r.stdout || '');
      const i = spawnSync('pdfinfo', ['-enc', 'UTF-8', f], { encoding: 'utf8' });
      texts.push(i.stdout || '');
    } else {
      const t = fs.readFileSync(f, 'utf8');
      texts.push(t);
      const m = t.match(/MAMORU_SEARCH_INDEX = "([A-Za-z0-9+/=]*)"/);
      if (m) texts.push(Buffer.from(m[1], 'base64').toString('utf8'));
    }
  }
  const all = texts.join('\n');
  const missing = [...markers].filter((m) => !new RegExp(`${m}(?!\\d)`).test(all)).sort();
  ok('markers', `${markers.size - missing.length} of ${markers.size} payload markers reach an output`);
  if (missing.length) console.log(`# not in any output (not shown by the templates): ${missing.join(' ')}`);
}

console.log(`# xss-static: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
