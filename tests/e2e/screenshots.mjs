// screenshots.mjs -- pictures of the built site for a person to look at.
//
//   node tests/e2e/screenshots.mjs out/site /tmp/shots [page ...]
//
// For each page (default: home, guides index, three guides, contacts, 404)
// writes NAME-phone.png (390x844, full page), NAME-desktop.png (1280x900,
// full page), NAME-LABEL-N.png slices of those, and NAME-print.pdf (A4, print media).  Render the PDFs with
// `pdftoppm -r 60 -png NAME-print.pdf NAME-print`.  Not part of `make test`.
import { chromium } from 'playwright-core';
import path from 'node:path';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

const [siteArg, outArg, ...only] = process.argv.slice(2);
if (!siteArg || !outArg) {
  console.error('usage: node tests/e2e/screenshots.mjs SITE_DIR OUT_DIR [page.html ...]');
  process.exit(2);
}
const site = path.resolve(siteArg);
const out = path.resolve(outArg);
fs.mkdirSync(out, { recursive: true });

const pages = only.length ? only : [
  'index.html', 'guides/index.html', 'guides/5kajo/index.html',
  'guides/why-targeted/index.html', 'guides/survey-2024/index.html',
  'contacts/index.html', '404.html',
];
const name = (p) => p.replace(/\/index\.html$/, '').replace(/\.html$/, '')
  .replace(/\//g, '-') || 'home';

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (const p of pages) {
    const url = pathToFileURL(path.join(site, p)).href;
    const n = name(p === 'index.html' ? '' : p);
    for (const [label, viewport] of [['phone', { width: 390, height: 844 }],
      ['desktop', { width: 1280, height: 900 }]]) {
      const ctx = await browser.newContext({ viewport, deviceScaleFactor: 1 });
      const page = await ctx.newPage();
      await page.goto(url);
      await page.screenshot({ path: path.join(out, `${n}-${label}.png`), fullPage: true });
      // Slices a person can read at full size.
      const h = await page.evaluate(() => document.documentElement.scrollHeight);
      const step = label === 'phone' ? 1100 : 1000;
      for (let y = 0, i = 1; y < h; y += step, i++) {
        await page.screenshot({ path: path.join(out, `${n}-${label}-${i}.png`), fullPage: true,
          clip: { x: 0, y, width: viewport.width, height: Math.min(step, h - y) } });
      }
      await ctx.close();
    }
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(url);
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: path.join(out, `${n}-print.pdf`), format: 'A4', preferCSSPageSize: true });
    await ctx.close();
    console.log(n);
  }
} finally {
  await browser.close();
}
