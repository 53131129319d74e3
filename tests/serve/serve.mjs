// serve.mjs -- `mamoru serve` as an editor uses it, in headless Chromium:
// the preview answers on 127.0.0.1 only, an open page reloads by itself
// after its file is saved, a broken file shows its path:line:col over the
// last good page, and fixing it reloads again.  Bounded: every wait has a
// timeout, and the server is stopped at the end.
//   node tests/serve/serve.mjs build/mamoru SITE_COPY_DIR
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { launch } from '../e2e/browser.mjs';

const [mamoru, site] = process.argv.slice(2);
let passed = 0, failed = 0;
const report = (name, problems) => {
  if (problems.length === 0) { passed++; console.log(`ok - serve/${name}`); return; }
  failed++;
  console.log(`not ok - serve/${name}`);
  for (const p of problems) console.log(`# ${p}`);
};
const page = path.join(site, 'content/guides/page.md');
const write = (body) => fs.writeFileSync(page, `---\ntitle: プレビュー\n---\n${body}\n`);
write('最初の版です。');

const server = spawn(path.resolve(mamoru), ['serve', '--port', '0'], { cwd: site });
let out = '';
server.stdout.on('data', (d) => { out += d; });
server.stderr.on('data', () => {});
const port = await new Promise((resolve, reject) => {
  const t = setTimeout(() => reject(new Error(`no address printed: ${out}`)), 10000);
  const poll = setInterval(() => {
    const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
    if (m) { clearTimeout(t); clearInterval(poll); resolve(Number(m[1])); }
  }, 50);
});
const base = `http://127.0.0.1:${port}`;

const browser = await launch();
try {
  const tab = await browser.newPage();
  const requests = [];
  tab.on('request', (r) => requests.push(r.url()));
  await tab.goto(`${base}/guides/page/`);
  report('answers-on-localhost', (await tab.textContent('main')).includes('最初の版です。') ? [] :
    ['the page does not show its text']);

  const t0 = Date.now();
  write('二番目の版です。');
  await tab.waitForFunction(() => document.body.textContent.includes('二番目の版です。'), null, { timeout: 5000 })
    .then(() => report(`reloads-after-save (${Date.now() - t0} ms)`, []),
      (e) => report('reloads-after-save', [String(e.message).split('\n')[0]]));

  write('壊れた版 {{fact nothing-like-this}}');
  await tab.waitForSelector('#mamoru-problems', { timeout: 5000 })
    .then(async () => {
      const text = await tab.textContent('#mamoru-problems');
      const problems = [];
      if (!/content\/guides\/page\.md:4:\d+: error: /.test(text)) problems.push(`overlay: ${text.slice(0, 200)}`);
      if (!(await tab.textContent('main')).includes('二番目の版です。')) problems.push('the last good page is gone');
      report('error-overlay-over-last-good-page', problems);
    }, (e) => report('error-overlay-over-last-good-page', [String(e.message).split('\n')[0]]));

  write('直した版です。');
  await tab.waitForFunction(() => document.body.textContent.includes('直した版です。') &&
    !document.getElementById('mamoru-problems'), null, { timeout: 5000 })
    .then(() => report('fixed-file-reloads', []), (e) => report('fixed-file-reloads', [String(e.message).split('\n')[0]]));

  const other = requests.filter((u) => !u.startsWith(base));
  report('no-other-requests', other.length ? other.slice(0, 3) : []);
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
// Only the loopback interface: the same port on another address refuses.
const ifaces = (await import('node:os')).networkInterfaces();
const external = Object.values(ifaces).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
if (external) {
  const r = await fetch(`http://${external.address}:${port}/`, { signal: AbortSignal.timeout(2000) })
    .then(() => 'answered', () => 'refused');
  report('bound-to-127.0.0.1', r === 'refused' ? [] : [`answered on ${external.address}`]);
}
console.log(`# serve: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
