// bench.mjs -- `make bench`: mamoru against Hugo on the same synthetic
// Japanese corpus, plus rebuilds, PDF and search-index figures of the real
// content.  A benchmark, never a timed test: it reports figures and which
// targets of issue 9 they meet, and fails only if a build fails.
//
//   node tests/bench/bench.mjs [--pages N] [--runs R] [--work DIR] [--keep]
//
//   --pages N   corpus size (default $BENCH_PAGES or 10000)
//   --runs R    runs of each timed build; the fastest (least disturbed by
//               other load) is reported (default $BENCH_RUNS or 3)
//   --work DIR  scratch folder (default $BENCH_DIR, else a fresh folder in
//               /dev/shm when that is a writable tmpfs -- both generators
//               then write to memory, so the figures are the generators'
//               and not the disk's -- else build/bench/work)
//   --keep      leave the scratch folder in place
//
// Needs build/mamoru, hugo, /usr/bin/time (GNU time), pdfinfo; perf is
// optional (search-index build time, through a uprobe on
// search_add_assets).  Run from the repository root.  Writes
// build/bench/report.md and build/bench/report.csv (and copies named
// report-N.*), and prints as its last line
//   bench: pages=N mamoru_s=X hugo_s=Y speedup=Zx mamoru_rss_mb=A hugo_rss_mb=B
// where X and Y are the wall seconds of the fastest cold build of the
// corpus (mamoru --only site: website and kiosk; Hugo: website), and A and B
// their peak resident set sizes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const top = process.cwd();
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const N = Number(opt('--pages', process.env.BENCH_PAGES || 10000));
const RUNS = Math.max(1, Number(opt('--runs', process.env.BENCH_RUNS || 3)));
const KEEP = argv.includes('--keep') || process.env.BENCH_KEEP === '1';
const MAMORU = path.join(top, 'build/mamoru');
const HUGO_SITE = path.join(top, 'tests/bench/hugo-site');
const REPORT_DIR = path.join(top, 'build/bench');

function die(msg) {
  console.error(`bench: ${msg}`);
  process.exit(1);
}
if (!Number.isInteger(N) || N < 1) die('--pages must be a positive integer');
if (!fs.existsSync(MAMORU)) die('build/mamoru is missing (make build/mamoru)');
const have = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
for (const t of ['hugo', 'pdfinfo']) if (!have(t)) die(`${t} is missing`);
if (!fs.existsSync('/usr/bin/time')) die('/usr/bin/time (Debian package "time") is missing');

function isTmpfs(dir) {
  try {
    const mounts = fs.readFileSync('/proc/mounts', 'utf8');
    return mounts.split('\n').some((l) => l.split(' ')[1] === dir && l.split(' ')[2] === 'tmpfs');
  } catch { return false; }
}
function pickWork() {
  const w = opt('--work', process.env.BENCH_DIR);
  if (w) { fs.mkdirSync(w, { recursive: true }); return path.resolve(w); }
  try {
    if (isTmpfs('/dev/shm')) return fs.mkdtempSync('/dev/shm/mamoru-bench-');
  } catch { /* fall through to the disk */ }
  fs.mkdirSync(path.join(REPORT_DIR, 'work'), { recursive: true });
  return fs.mkdtempSync(path.join(REPORT_DIR, 'work', 'run-'));
}
const work = pickWork();
const fsType = (() => {
  const r = spawnSync('stat', ['-f', '-c', '%T', work], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '?';
})();
const cleanup = () => { if (!KEEP) fs.rmSync(work, { recursive: true, force: true }); };
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

const log = (s) => console.log(s);
const rm = (p) => fs.rmSync(p, { recursive: true, force: true });

// One run of cmd under GNU time -v: wall (from our clock, ns resolution),
// user and system CPU, peak RSS.  Exits on a failed build.
function timed(label, cmd, args, env = {}) {
  const tv = path.join(work, 'time-v.txt');
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-v', '-o', tv, cmd, ...args], {
    encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 28,
  });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) {
    console.error(r.stdout.slice(-4000));
    console.error(r.stderr.slice(-4000));
    die(`${label}: ${cmd} exited with status ${r.status}`);
  }
  const text = fs.readFileSync(tv, 'utf8');
  const num = (re) => { const m = text.match(re); return m ? Number(m[1]) : NaN; };
  const user = num(/User time \(seconds\): ([\d.]+)/);
  const sys = num(/System time \(seconds\): ([\d.]+)/);
  const rssKb = num(/Maximum resident set size \(kbytes\): (\d+)/);
  return { wall, user, sys, cpu: user + sys, rss_mb: rssKb / 1024 };
}

// RUNS runs (prep() before each, outside the timing); the fastest by wall.
const rows = [];
function bench(name, tool, what, cmd, args, prep = () => {}, runs = RUNS) {
  let best = null;
  const walls = [];
  for (let i = 0; i < runs; i++) {
    prep(i);
    const m = timed(name, cmd, args);
    walls.push(m.wall);
    if (best === null || m.wall < best.wall) best = m;
  }
  const row = { name, tool, what, pages: null, runs, ...best, walls };
  rows.push(row);
  log(`# ${name}: ${f3(best.wall)} s wall, ${f3(best.cpu)} s CPU, ${f1(best.rss_mb)} MB peak` +
    (runs > 1 ? ` (runs: ${walls.map(f3).join(', ')})` : ''));
  return row;
}
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
const f3 = (x) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
const loadavg = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

// Search-index build time: a uprobe pair on search_add_assets (the index
// and its normalisation table, then the base64 script) timed by perf
// around one build.  Undefined when perf or uprobes are unavailable.
function searchIndexSeconds(args) {
  if (!have('perf')) return { s: NaN, why: 'perf is not installed (Debian package linux-perf)' };
  const group = `mbench${process.pid}`;
  const probe = (a) => spawnSync('perf', ['probe', '-q', '-x', MAMORU, ...a], { encoding: 'utf8' });
  let r = probe(['-a', `${group}:enter=search_add_assets`, '-a', `${group}:leave=search_add_assets%return`]);
  if (r.status !== 0) return { s: NaN, why: `perf probe failed: ${(r.stderr || '').trim().split('\n')[0]}` };
  try {
    const data = path.join(work, 'perf.data');
    r = spawnSync('perf', ['record', '-q', '-e', `${group}:*`, '-o', data, '--', MAMORU, ...args],
      { encoding: 'utf8' });
    if (r.status !== 0) return { s: NaN, why: 'perf record failed' };
    r = spawnSync('perf', ['script', '-i', data, '-F', 'time,event'], { encoding: 'utf8' });
    const t = {};
    for (const line of r.stdout.split('\n')) {
      const m = line.match(/([\d.]+):\s+\S+:(enter|leave)/);
      if (m) t[m[2]] = Number(m[1]);
    }
    if (t.enter === undefined || t.leave === undefined) return { s: NaN, why: 'no probe hits' };
    return { s: t.leave - t.enter, why: '' };
  } finally {
    probe(['-d', `${group}:*`]);
  }
}
function searchIndexFile(site) {
  const dir = path.join(site, 'assets/js/search');
  const f = fs.readdirSync(dir).find((n) => /^search-index\..*\.js$/.test(n));
  if (!f) die(`no search-index.*.js in ${dir}`);
  const text = fs.readFileSync(path.join(dir, f), 'utf8');
  const m = text.match(/"([A-Za-z0-9+/=]*)"/);
  return { file: f, bytes: Buffer.byteLength(text), raw: m ? Buffer.from(m[1], 'base64').length : NaN };
}

// ---------------------------------------------------------------------------
const started = new Date();
const load0 = loadavg();
const mamoruVersion = spawnSync(MAMORU, ['--version'], { encoding: 'utf8' }).stdout.trim();
const hugoVersion = spawnSync('hugo', ['version'], { encoding: 'utf8' }).stdout.trim();
log(`# bench: ${N} pages, ${RUNS} run(s) each, scratch ${work} (${fsType}), ${os.cpus().length} CPUs, load ${load0}`);

// The corpus.
const corpus = path.join(work, 'corpus');
let r = spawnSync('node', [path.join(top, 'tests/bench/corpus.mjs'), String(N), corpus], { encoding: 'utf8' });
if (r.status !== 0) die(`corpus: ${r.stderr}`);
const corpusBytes = Number((r.stdout.match(/bytes=(\d+)/) || [])[1]);
log(`# corpus: ${N} pages, ${(corpusBytes / 1e6).toFixed(1)} MB of Markdown`);

// mamoru on the corpus.
const outM = path.join(work, 'out-mamoru');
const siteArgs = ['build', '-q', '--only', 'site', '-C', corpus, '-o', outM];
const mCold = bench('mamoru-cold', 'mamoru', 'cold build, --only site (website + kiosk)',
  MAMORU, siteArgs, () => rm(outM));
const mNoop = bench('mamoru-noop', 'mamoru', 'rebuild, nothing changed (--only site)', MAMORU, siteArgs);
const page1 = path.join(corpus, 'content/guides/g00001.md');
const page1Text = fs.readFileSync(page1, 'utf8');
const mOne = bench('mamoru-one-page', 'mamoru', 'rebuild after changing one page (--only site)',
  MAMORU, siteArgs, (i) => fs.writeFileSync(page1, `${page1Text}\n追記 ${i + 1}：一つのページだけを書き換えました。\n`));
fs.writeFileSync(page1, page1Text);
const outF = path.join(work, 'out-full');
const mFull = bench('mamoru-full', 'mamoru', 'cold full build (website + kiosk + print)',
  MAMORU, ['build', '-q', '-C', corpus, '-o', outF], () => rm(outF));
rm(outF);
const corpusIndex = searchIndexFile(path.join(outM, 'site'));
const corpusSearch = searchIndexSeconds(siteArgs);
const mamoruFiles = Number(spawnSync('sh', ['-c', `find '${outM}/site' -type f | wc -l`], { encoding: 'utf8' }).stdout);

// Hugo on the same corpus.
const outH = path.join(work, 'out-hugo');
const hugoArgs = ['--quiet', '--source', HUGO_SITE, '--contentDir', path.join(corpus, 'content'),
  '--destination', outH, '--cacheDir', path.join(work, 'hugo-cache')];
const hCold = bench('hugo-cold', 'hugo', 'cold build (website)', 'hugo', hugoArgs, () => rm(outH));
const hNoop = bench('hugo-noop', 'hugo', 'rebuild, nothing changed', 'hugo', hugoArgs, () => {}, 1);
const hugoFiles = Number(spawnSync('sh', ['-c', `find '${outH}' -type f | wc -l`], { encoding: 'utf8' }).stdout);
rm(outH);
rm(outM);

// The real content: full build, PDFs, search index.
const real = path.join(work, 'real');
fs.cpSync(path.join(top, 'content'), path.join(real, 'content'), { recursive: true });
const outR = path.join(work, 'out-real');
// These builds take tens of milliseconds, where one slow run in three
// (the machine's other load) moves the ratio by points: ten runs each,
// the full build's as well, so that both are the fastest of as many.
const REAL_RUNS = Math.max(RUNS, 10);
// What a run costs beyond the program (spawning GNU time, which spawns
// the command), included in every wall figure.
const overhead = bench('overhead', 'none', 'measurement overhead: GNU time running /bin/true',
  '/bin/true', [], () => {}, REAL_RUNS);
const rFull = bench('real-full', 'mamoru', 'content/: cold full build', MAMORU,
  ['build', '-q', '-C', real, '-o', outR], () => rm(outR), REAL_RUNS);
// Incremental rebuilds of the real content (issue 8): nothing changed, a
// guide outside the handout, a guide of the handout (handout.pdf again).
const realArgs = ['build', '-q', '-C', real, '-o', outR];
const rNoop = bench('real-noop', 'mamoru', 'content/: rebuild, nothing changed', MAMORU, realArgs,
  () => {}, REAL_RUNS);
const editPage = (rel) => {
  const f = path.join(real, 'content', rel);
  const text = fs.readFileSync(f, 'utf8');
  return [(i) => fs.writeFileSync(f, `${text}\n追記 ${i + 1}：このページだけを書き換えました。\n`),
    () => fs.writeFileSync(f, text)];
};
const [editGuide, undoGuide] = editPage('guides/backup.md');
const rOne = bench('real-one-page', 'mamoru', 'content/: rebuild after changing a guide (not in the handout)',
  MAMORU, realArgs, editGuide, REAL_RUNS);
undoGuide();
const [editHandout, undoHandout] = editPage('guides/passwords.md');
const rOneHandout = bench('real-one-handout-page', 'mamoru',
  'content/: rebuild after changing a guide of the handout (handout.pdf laid out again)', MAMORU, realArgs, editHandout);
undoHandout();
const realIndex = searchIndexFile(path.join(outR, 'site'));
const realSearch = searchIndexSeconds(['build', '-q', '--only', 'site', '-C', real, '-o', outR]);
const rPrint = bench('real-print', 'mamoru', 'content/: --only print --clean (PDF packs, none reused)', MAMORU,
  ['build', '-q', '--only', 'print', '--clean', '-C', real, '-o', outR]);
const pdfs = fs.readdirSync(path.join(outR, 'print')).filter((n) => n.endsWith('.pdf')).sort();
let pdfPages = 0;
const pdfList = [];
for (const p of pdfs) {
  const info = spawnSync('pdfinfo', [path.join(outR, 'print', p)], { encoding: 'utf8' }).stdout;
  const k = Number((info.match(/^Pages:\s+(\d+)/m) || [])[1] || 0);
  pdfPages += k;
  pdfList.push(`${p} ${k}`);
}
const pagesPerSec = pdfPages / rPrint.wall;
const pagesPerCpuSec = pdfPages / rPrint.cpu;
const load1 = loadavg();

// ---------------------------------------------------------------------------
const speedup = hCold.wall / mCold.wall;
const cpuRatio = hCold.cpu / mCold.cpu;
const rssRatio = mCold.rss_mb / hCold.rss_mb;
const onePct = (mOne.wall / mCold.wall) * 100;
const realOnePct = (rOne.wall / rFull.wall) * 100;
const targets = [
  ['10,000-page build ≥ 10× faster than Hugo (wall)', `${f1(speedup)}×`, speedup >= 10],
  ['peak memory ≤ 1/5 of Hugo\'s', `${f2(rssRatio)} of Hugo's`, rssRatio <= 0.2],
  ['one-page rebuild ≤ 5 % of a full build', `${f1(onePct)} %`, onePct <= 5],
  ['≥ 100 typeset PDF pages per second', `${f1(pagesPerSec)} pages/s`, pagesPerSec >= 100],
  ['content/: one-page rebuild < 10 % of a full build (issue 8)', `${f1(realOnePct)} %`, realOnePct < 10],
];
if (N !== 10000) targets[0][0] += ` (this run: ${N} pages)`;

fs.mkdirSync(REPORT_DIR, { recursive: true });
const csv = ['name,tool,what,pages,runs,wall_s,user_s,sys_s,cpu_s,peak_rss_mb,all_walls_s'];
for (const x of rows) {
  const pages = x.name.startsWith('real') ? '' : N;
  csv.push([x.name, x.tool, `"${x.what}"`, pages, x.runs, f3(x.wall), f3(x.user), f3(x.sys),
    f3(x.cpu), f1(x.rss_mb), x.walls.map(f3).join(' ')].join(','));
}
const extra = [
  ['corpus_markdown_bytes', corpusBytes],
  ['speedup_wall', f2(speedup)],
  ['speedup_cpu', f2(cpuRatio)],
  ['rss_ratio', f3(rssRatio)],
  ['one_page_rebuild_pct', f1(onePct)],
  ['noop_rebuild_s', f3(mNoop.wall)],
  ['real_full_s', f3(rFull.wall)],
  ['real_noop_rebuild_s', f3(rNoop.wall)],
  ['real_one_page_rebuild_s', f3(rOne.wall)],
  ['real_one_page_rebuild_pct', f1(realOnePct)],
  ['real_one_handout_page_rebuild_s', f3(rOneHandout.wall)],
  ['corpus_search_index_js_bytes', corpusIndex.bytes],
  ['corpus_search_index_raw_bytes', corpusIndex.raw],
  ['corpus_search_index_build_s', f3(corpusSearch.s)],
  ['real_search_index_js_bytes', realIndex.bytes],
  ['real_search_index_raw_bytes', realIndex.raw],
  ['real_search_index_build_s', f3(realSearch.s)],
  ['pdf_pages', pdfPages],
  ['pdf_pages_per_s', f1(pagesPerSec)],
  ['pdf_pages_per_cpu_s', f1(pagesPerCpuSec)],
];
csv.push('', 'metric,value');
for (const [k, v] of extra) csv.push(`${k},${v}`);

const md = [];
md.push(`# mamoru benchmark: ${N} pages`, '');
md.push(`${started.toISOString()} · mamoru ${mamoruVersion.replace(/^mamoru\s*/, '')} · ${hugoVersion.split(' ')[0]} ${hugoVersion.split(' ')[1] || ''}`);
md.push(`· ${os.cpus().length} CPUs (${os.cpus()[0]?.model || '?'}) · scratch on ${fsType} · load average ${load0} → ${load1}`);
md.push(`· fastest of ${RUNS} run(s) for each build (Hugo no-op rebuild: 1 run; content/ full, no-op and one-guide builds: ${REAL_RUNS}).`);
md.push(`· every wall figure includes ${f1(overhead.wall * 1000)} ms of measurement (spawning GNU time, which spawns the command).`, '');
md.push(`Corpus: ${N} Japanese guides (tests/bench/corpus.mjs), ${(corpusBytes / 1e6).toFixed(1)} MB of Markdown, ` +
  `${(corpusBytes / N / 1000).toFixed(2)} KB per page. mamoru wrote ${mamoruFiles} files into site/, Hugo ${hugoFiles}.`, '');
md.push('| build | wall s | user s | sys s | CPU s | peak RSS MB |', '|---|---:|---:|---:|---:|---:|');
for (const x of rows)
  md.push(`| ${x.name}: ${x.what} | ${f3(x.wall)} | ${f3(x.user)} | ${f3(x.sys)} | ${f3(x.cpu)} | ${f1(x.rss_mb)} |`);
md.push('', '## Ratios', '');
md.push(`- wall: Hugo / mamoru = **${f2(speedup)}×**; CPU time: **${f2(cpuRatio)}×**`);
md.push(`- peak RSS: mamoru / Hugo = **${f3(rssRatio)}** (${f1(mCold.rss_mb)} MB vs ${f1(hCold.rss_mb)} MB)`);
md.push(`- no-op rebuild: ${f3(mNoop.wall)} s (${f1(mNoop.wall / mCold.wall * 100)} % of a cold build); Hugo ${f3(hNoop.wall)} s`);
md.push(`- one-page rebuild: ${f3(mOne.wall)} s (${f1(onePct)} % of a cold build)`);
md.push(`- content/: full ${f3(rFull.wall)} s; no-op rebuild ${f3(rNoop.wall)} s (${f1(rNoop.wall / rFull.wall * 100)} %); ` +
  `one guide changed ${f3(rOne.wall)} s (**${f1(realOnePct)} %**); one guide of the handout changed ` +
  `${f3(rOneHandout.wall)} s (${f1(rOneHandout.wall / rFull.wall * 100)} %)`);
md.push('', '## Search index', '');
md.push(`- corpus: ${corpusIndex.file}, ${corpusIndex.bytes} bytes (${corpusIndex.raw} bytes decoded), built in ${f3(corpusSearch.s)} s${corpusSearch.why ? ` (${corpusSearch.why})` : ''}`);
md.push(`- content/: ${realIndex.file}, ${realIndex.bytes} bytes (${realIndex.raw} bytes decoded), built in ${f3(realSearch.s)} s${realSearch.why ? ` (${realSearch.why})` : ''}`);
md.push('', '## PDF', '');
md.push(`- content/ --only print: ${pdfPages} pages in ${pdfs.length} PDFs in ${f3(rPrint.wall)} s wall = **${f1(pagesPerSec)} pages/s** (${f1(pagesPerCpuSec)} per CPU second)`);
md.push(`- ${pdfList.join(' · ')}`);
md.push('', '## Targets (issues 8 and 9)', '', '| target | measured | met |', '|---|---|---|');
for (const [t, v, ok] of targets) md.push(`| ${t} | ${v} | ${ok ? 'yes' : 'no'} |`);
md.push('');
const last = `bench: pages=${N} mamoru_s=${f3(mCold.wall)} hugo_s=${f3(hCold.wall)} speedup=${f1(speedup)}x ` +
  `mamoru_rss_mb=${Math.round(mCold.rss_mb)} hugo_rss_mb=${Math.round(hCold.rss_mb)}`;
md.push('```', last, '```', '');

for (const [name, text] of [['report.md', md.join('\n')], ['report.csv', `${csv.join('\n')}\n`]]) {
  fs.writeFileSync(path.join(REPORT_DIR, name), text);
  fs.writeFileSync(path.join(REPORT_DIR, name.replace('.', `-${N}.`)), text);
}
for (const [t, v, ok] of targets) log(`# target ${ok ? 'met' : 'NOT met'}: ${t}: ${v}`);
log(`# report: build/bench/report.md, build/bench/report.csv (and report-${N}.*)`);
log(last);
