// browser.mjs -- what the e2e scripts share: the built site named on the
// command line, headless Debian Chromium (no browser downloads), and
// axe-core.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

// The site folder given as the first argument; it must hold `marker`.
export function siteArgument(script, marker, what) {
  const arg = process.argv[2];
  if (!arg || !fs.existsSync(path.join(arg, marker))) {
    console.error(`usage: node tests/e2e/${script} SITE_DIR (${what}, e.g. out/site)`);
    process.exit(2);
  }
  return path.resolve(arg);
}

export function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// axe is evaluated through the DevTools protocol rather than added with
// page.addScriptTag: an added <script> is inline code, which the pages' own
// CSP (script-src 'self') rightly refuses -- and we test with that CSP on.
const axeSource = fs.readFileSync(path.resolve(here, '../../node_modules/axe-core/axe.min.js'), 'utf8');

// WCAG 2.0/2.1 A and AA violations on the page as it is now.
export async function axeViolations(page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] },
      // No fetching of stylesheets: from file:// axe would fetch them,
      // which the pages' CSP (connect-src 'none') refuses, as it should.
      preload: false,
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} -- ${v.nodes.slice(0, 3)
      .map((n) => n.target.join(' ')).join(' | ')}`);
  });
}

// Problems when the page is wider than the window: the scroll width, and
// the outermost elements that stick out (where to look).  Shared by the
// e2e scripts.
export async function overflow(page) {
  return page.evaluate(() => {
    const w = window.innerWidth;
    const sw = document.documentElement.scrollWidth;
    if (sw <= w) return [];
    const wide = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > w + 0.5)
      .filter((e) => !e.parentElement || e.parentElement.getBoundingClientRect().right <= w + 0.5)
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}${e.className ? '.' + String(e.className).split(' ').join('.') : ''} right=${Math.round(e.getBoundingClientRect().right)}`);
    return [`scrollWidth ${sw} > innerWidth ${w}`, ...wide];
  });
}

// The result lines of one suite: report(name, problems) records "ok -
// SUITE/NAME", or "not ok - SUITE/NAME" with up to 15 "# " lines of
// problems; finish() prints them and "# SUITE: P passed, F failed", and
// exits 1 if any failed.
export function reporter(suite) {
  let passed = 0;
  let failed = 0;
  const out = [];
  return {
    report(name, problems) {
      if (problems.length === 0) {
        passed++;
        out.push(`ok - ${suite}/${name}`);
      } else {
        failed++;
        out.push(`not ok - ${suite}/${name}`);
        for (const p of problems.slice(0, 15)) out.push(`# ${String(p).replace(/\n/g, ' ')}`);
        if (problems.length > 15) out.push(`# ... and ${problems.length - 15} more`);
      }
    },
    finish() {
      console.log(out.join('\n'));
      console.log(`# ${suite}: ${passed} passed, ${failed} failed`);
      process.exit(failed ? 1 : 0);
    },
  };
}
