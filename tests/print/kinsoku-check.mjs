// kinsoku-check.mjs -- check every line of a typeset PDF page against the
// JIS X 4051 kinsoku rules and the measure, from what poppler extracts
// (pdftotext -bbox-layout), independently of the typesetter's own table.
//
//   node kinsoku-check.mjs BBOX.html LEFT RIGHT [DUMP.txt]
//
// A line may not start with a closing bracket, 、。，．・：；？！, a
// prolonged sound or iteration mark, or a small kana; it may not end with
// an opening bracket.  No line may reach past the measure, except that
// 、。，． may hang past it by up to an em (burasage) and a line-end
// closing bracket or punctuation by its blank part (half an em; a
// quarter for ・：；).  Prints one
// "# " line per violation and exits 1 if there was any.
import { readFileSync } from "node:fs";

const NO_START = new Set([..."、。，．）」』】〕〉》］｝・：；？！ーゝゞヽヾ々" +
	"ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ"]);
const NO_END = new Set([..."（「『【〔〈《［｛"]);
const HANG = new Set([..."、。，．"]);
const CLOSE = new Set([..."、。，．）」』】〕〉》］｝"]);
const MIDDLE = new Set([..."・：；"]);

const [file, leftArg, rightArg, dump] = process.argv.slice(2);
const left = Number(leftArg), right = Number(rightArg), eps = 0.05;
const html = readFileSync(file, "utf8");
const unescape = (s) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">")
	.replace(/&quot;/g, '"').replace(/&amp;/g, "&");
const num = (tag, k) => Number(new RegExp(`${k}="([-0-9.]+)"`).exec(tag)[1]);

let bad = 0, lines = 0, page = 0;
const report = (msg) => { bad++; console.log(`# ${msg}`); };

// Poppler may cut a justified line into several <line>s or blocks: group
// the words of a page by baseline instead, left to right.
for (const pg of html.split("<page ").slice(1)) {
	page++;
	const rows = new Map();
	for (const w of pg.matchAll(/<word ([^>]*)>([^<]*)<\/word>/g)) {
		const key = Math.round(num(w[1], "yMax") * 2) / 2;
		if (!rows.has(key))
			rows.set(key, []);
		rows.get(key).push({ x0: num(w[1], "xMin"), x1: num(w[1], "xMax"),
		    em: num(w[1], "yMax") - num(w[1], "yMin"),
		    text: unescape(w[2]) });
	}
	for (const words of rows.values()) {
		words.sort((a, b) => a.x0 - b.x0);
		const text = words.map((w) => w.text).join("");
		const first = [...text][0], last = [...text].at(-1);
		const xMin = words[0].x0, xMax = words.at(-1).x1;
		const em = words[0].em;
		lines++;
		if (NO_START.has(first))
			report(`p${page}: line starts with ${first}: ${text}`);
		if (NO_END.has(last))
			report(`p${page}: line ends with ${last}: ${text}`);
		if (xMin < left - eps)
			report(`p${page}: line starts left of the measure (${xMin}): ${text}`);
		let allow = 0;
		if (HANG.has(last))
			allow = em;
		else if (CLOSE.has(last))
			allow = em / 2;
		else if (MIDDLE.has(last))
			allow = em / 4;
		if (xMax > right + allow + eps)
			report(`p${page}: line overflows the measure by ` +
			    `${(xMax - right).toFixed(2)}pt: ${text}`);
	}
}
// The layout dump says the same of every typeset line.
if (dump) {
	for (const l of readFileSync(dump, "utf8").split("\n")) {
		const m = /\|(.*)\|$/.exec(l);
		if (!m || m[1].startsWith("[chart:"))
			continue;
		const t = [...m[1]];
		if (t.length && NO_START.has(t[0]))
			report(`dump: line starts with ${t[0]}: ${m[1]}`);
		if (t.length && NO_END.has(t.at(-1)))
			report(`dump: line ends with ${t.at(-1)}: ${m[1]}`);
	}
}
console.log(`# ${lines} lines checked, ${bad} violations`);
process.exit(bad ? 1 : 0);
