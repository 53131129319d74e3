// karuta-geometry.mjs -- check the karuta sheets' layout dump (print_main
// karuta OUT.pdf DUMP) against the print spec, computed here on its own
// from the spec's numbers (docs/print.md, "Karuta"):
//
//   node karuta-geometry.mjs sheets DUMP QPDF.json CARDS
//       A4 portrait; cards 52 x 73 mm, 3 mm bleed, 15 mm between trims,
//       at least 12 mm of paper around the grid, which is centred; the
//       same grid on every sheet; every card's trim where the grid puts it
//       (within 0.1 mm); each back sheet the mirror image of its front
//       (long-edge flip); the JIS crop marks at every corner and nothing
//       else; the background over the whole bleed; text inside the card;
//       TrimBox and BleedBox of every page in the PDF (qpdf --json);
//       CARDS 読み札 and CARDS 絵札, each once.
//   node karuta-geometry.mjs tate DUMP
//       vertical text: ー, brackets, 〜 and … turned; kana, kanji, ？！
//       upright; 、。 and small kana moved right in their column;
//       Wi-Fi turned as one piece, USB upright letter by letter.
//
// Prints "# ..." notes and problems; exits 1 if there is a problem.
import { readFileSync } from "node:fs";

const SHEET = { w: 210, h: 297 };
const CARD = { w: 52, h: 73 };
const BLEED = 3;
const GUTTER = 15;
const MARGIN = 12;
const MARK = 4;
const TOL = 0.1;
const PT = 72 / 25.4;

const problems = [];
const fail = (msg) => problems.push(msg);
const near = (a, b, tol = TOL) => Math.abs(a - b) <= tol;
const nums = (s) => s.split(",").map(Number);

function parse(path) {
	const pages = [];
	let grid = null;
	for (const line of readFileSync(path, "utf8").split("\n")) {
		if (line === "" || line.startsWith("#")) continue;
		const bar = line.indexOf("|");
		const text = bar >= 0 ? line.slice(bar + 1, line.lastIndexOf("|")) : null;
		const head = (bar >= 0 ? line.slice(0, bar) : line).trim().split(/ +/);
		const f = { type: head[0], text };
		for (const kv of head.slice(1)) {
			const eq = kv.indexOf("=");
			if (eq > 0) f[kv.slice(0, eq)] = kv.slice(eq + 1);
			else f.n = Number(kv);
		}
		if (f.type === "grid") grid = f;
		else if (f.type === "page")
			pages.push({ ...f, cards: [], marks: [], rects: [], texts: [] });
		else {
			const p = pages[Number(f.page) - 1];
			if (!p) { fail(`${f.type} on unknown page ${f.page}`); continue; }
			({ card: p.cards, mark: p.marks, rect: p.rects, text: p.texts })[f.type]?.push(f);
		}
	}
	return { grid, pages };
}

// The grid the spec asks for: as many cards as fit with the margin, the
// whole centred on the sheet.
function specGrid() {
	const fit = (sheet, card) =>
		Math.floor((sheet - 2 * MARGIN + GUTTER) / (card + GUTTER));
	const cols = fit(SHEET.w, CARD.w), rows = fit(SHEET.h, CARD.h);
	const gw = cols * CARD.w + (cols - 1) * GUTTER;
	const gh = rows * CARD.h + (rows - 1) * GUTTER;
	const x0 = (SHEET.w - gw) / 2, y0 = (SHEET.h - gh) / 2;
	const xs = [], ys = [];
	for (let c = 0; c < cols; c++) xs.push(x0 + c * (CARD.w + GUTTER));
	for (let r = 0; r < rows; r++) ys.push(y0 + r * (CARD.h + GUTTER));
	return { cols, rows, x0, y0, gw, gh, xs, ys };
}

// JIS corner marks of a card: at each corner, outside the bleed, a line
// on the trim line and one on the bleed line, along both cuts.
function specMarks(x, y) {
	const out = [];
	for (const [cx, sx] of [[x, -1], [x + CARD.w, 1]])
		for (const [cy, sy] of [[y, -1], [y + CARD.h, 1]]) {
			const bx = cx + sx * BLEED, by = cy + sy * BLEED;
			out.push([bx, cy, bx + sx * MARK, cy]);
			out.push([bx, by, bx + sx * MARK, by]);
			out.push([cx, by, cx, by + sy * MARK]);
			out.push([bx, by, bx, by + sy * MARK]);
		}
	return out;
}

const sameSeg = (a, b) =>
	(near(a[0], b[0]) && near(a[1], b[1]) && near(a[2], b[2]) && near(a[3], b[3])) ||
	(near(a[0], b[2]) && near(a[1], b[3]) && near(a[2], b[0]) && near(a[3], b[1]));

// Does segment s enter the open rectangle r (x, y, w, h)?
function enters(s, r) {
	const [x1, y1, x2, y2] = s;
	const lo = (a, b) => Math.min(a, b), hi = (a, b) => Math.max(a, b);
	return hi(x1, x2) > r[0] + 1e-6 && lo(x1, x2) < r[0] + r[2] - 1e-6 &&
		hi(y1, y2) > r[1] + 1e-6 && lo(y1, y2) < r[1] + r[3] - 1e-6;
}

function checkSheets(dumpPath, qpdfPath, cards) {
	const { grid, pages } = parse(dumpPath);
	const g = specGrid();
	let nmarks = 0, ntexts = 0;

	if (!grid || Number(grid.cols) !== g.cols || Number(grid.rows) !== g.rows)
		fail(`grid ${grid?.cols}x${grid?.rows}, spec ${g.cols}x${g.rows}`);
	const perSheet = g.cols * g.rows;
	const wantSheets = Math.ceil(2 * cards / perSheet);
	if (pages.length !== 2 * wantSheets)
		fail(`${pages.length} pages, want ${2 * wantSheets} (${wantSheets} sheets, each front and back)`);

	const trimBox = [g.x0, g.y0, g.gw, g.gh];
	const bleedBox = [g.x0 - BLEED, g.y0 - BLEED, g.gw + 2 * BLEED, g.gh + 2 * BLEED];
	const seen = { front: new Map(), back: new Map() };
	const cutX = new Set(), cutY = new Set();

	pages.forEach((p, i) => {
		const side = i % 2 ? "back" : "front";
		if (p.side !== side) fail(`page ${i + 1}: ${p.side}, want ${side}`);
		const media = nums(p.media);
		if (!near(media[0], SHEET.w) || !near(media[1], SHEET.h))
			fail(`page ${i + 1}: media ${p.media}`);
		nums(p.trim).forEach((v, k) => near(v, trimBox[k]) ||
			fail(`page ${i + 1}: trim box ${p.trim}, want ${trimBox.map((n) => n.toFixed(3))}`));
		nums(p.bleed).forEach((v, k) => near(v, bleedBox[k]) ||
			fail(`page ${i + 1}: bleed box ${p.bleed}, want ${bleedBox.map((n) => n.toFixed(3))}`));
		if (p.cards.length === 0) fail(`page ${i + 1}: no cards`);

		const want = [];
		for (const c of p.cards) {
			const [x, y, w, h] = nums(c.trim);
			const row = Number(c.row) - 1, col = Number(c.col) - 1;
			// The grid's slot, mirrored on a back sheet.
			const sx = side === "front" ? g.xs[col] : SHEET.w - g.xs[g.cols - 1 - col] - CARD.w;
			const sy = g.ys[row];
			if (!(near(x, sx) && near(y, sy) && near(w, CARD.w) && near(h, CARD.h)))
				fail(`page ${i + 1} ${c.kind} ${c.kana}: trim ${c.trim}, spec ${sx},${sy},${CARD.w},${CARD.h}`);
			cutX.add(x.toFixed(1)).add((x + w).toFixed(1));
			cutY.add(y.toFixed(1)).add((y + h).toFixed(1));
			const key = `${c.kind} ${c.number}`;
			if (seen[side].has(key)) fail(`${side} ${key} printed twice`);
			seen[side].set(key, { page: i, x, y });
			want.push(...specMarks(x, y));
			// The background covers the whole bleed.
			const bleed = [x - BLEED, y - BLEED, CARD.w + 2 * BLEED, CARD.h + 2 * BLEED];
			if (!p.rects.some((r) => nums(r.box).every((v, k) => near(v, bleed[k]))))
				fail(`page ${i + 1} ${c.kind} ${c.kana}: no background over the bleed ${bleed}`);
		}
		// Crop marks: exactly the spec's, none inside any card's bleed,
		// none closer than 5 mm to the paper's edge.
		const got = p.marks.map((m) => nums(m.line));
		nmarks += got.length;
		for (const s of want)
			if (!got.some((m) => sameSeg(m, s)))
				fail(`page ${i + 1}: crop mark ${s.map((v) => v.toFixed(2))} missing`);
		for (const m of got) {
			if (!want.some((s) => sameSeg(m, s)))
				fail(`page ${i + 1}: crop mark ${m} not in the spec`);
			for (const c of p.cards) {
				const [x, y] = nums(c.trim);
				if (enters(m, [x - BLEED, y - BLEED, CARD.w + 2 * BLEED, CARD.h + 2 * BLEED]))
					fail(`page ${i + 1}: crop mark ${m} inside the bleed of ${c.kana}`);
			}
			if (Math.min(m[0], m[2], m[1], m[3], SHEET.w - Math.max(m[0], m[2]),
				SHEET.h - Math.max(m[1], m[3])) < 5 - TOL)
				fail(`page ${i + 1}: crop mark ${m} within 5 mm of the edge`);
		}
		// Text stays 3 mm inside its card's trim (em box of each item).
		for (const t of p.texts) {
			ntexts++;
			const [x, y] = nums(t.at), s = Number(t.size) / PT, w = Number(t.w);
			const box = t.turned === "1" ? [x - 0.12 * s, y, x + 0.88 * s, y + w]
				: [x, y - 0.88 * s, x + w, y + 0.12 * s];
			const inside = p.cards.some((c) => {
				const [cx, cy] = nums(c.trim);
				return box[0] >= cx + 3 - TOL && box[2] <= cx + CARD.w - 3 + TOL &&
					box[1] >= cy + 3 - TOL && box[3] <= cy + CARD.h - 3 + TOL;
			});
			if (!inside) fail(`page ${i + 1}: text |${t.text}| at ${t.at} leaves its card's safe area`);
		}
	});

	// Duplex: each card's back behind its front, on the next page.
	for (const [key, f] of seen.front) {
		const b = seen.back.get(key);
		if (!b) { fail(`${key}: no back`); continue; }
		if (b.page !== f.page + 1 || !near(b.x, SHEET.w - f.x - CARD.w) || !near(b.y, f.y))
			fail(`${key}: back on page ${b.page + 1} at ${b.x},${b.y}; front on page ${f.page + 1} at ${f.x},${f.y}`);
	}
	for (const kind of ["yomi", "e"])
		for (let n = 1; n <= cards; n++)
			if (!seen.front.has(`${kind} ${n}`)) fail(`${kind} card ${n} missing`);
	if (seen.front.size !== 2 * cards) fail(`${seen.front.size} cards, want ${2 * cards}`);
	// Cut lines line up: every sheet uses the same cuts.
	if (cutX.size !== 2 * g.cols || cutY.size !== 2 * g.rows)
		fail(`cut lines: ${cutX.size} across, ${cutY.size} down; want ${2 * g.cols} and ${2 * g.rows}`);

	// The PDF's own page boxes (points, from the bottom left).
	const q = JSON.parse(readFileSync(qpdfPath, "utf8"));
	const objs = q.qpdf[1];
	const pdfBox = (b) => [b[0] * PT, (SHEET.h - b[1] - b[3]) * PT,
		(b[0] + b[2]) * PT, (SHEET.h - b[1]) * PT];
	if (q.pages.length !== pages.length)
		fail(`the PDF has ${q.pages.length} pages, the dump ${pages.length}`);
	q.pages.forEach((pg, i) => {
		const d = objs[`obj:${pg.object}`]?.value ?? {};
		for (const [name, want] of [["/TrimBox", pdfBox(trimBox)], ["/BleedBox", pdfBox(bleedBox)],
			["/MediaBox", [0, 0, SHEET.w * PT, SHEET.h * PT]]]) {
			const got = d[name];
			if (!Array.isArray(got) || got.length !== 4 ||
				!got.every((v, k) => near(Number(v), want[k], TOL * PT)))
				fail(`PDF page ${i + 1}: ${name} ${JSON.stringify(got)}, want ${want.map((v) => v.toFixed(2))}`);
		}
	});
	console.log(`# ${pages.length} pages, ${seen.front.size} cards, ${nmarks} crop marks, ` +
		`${ntexts} texts; grid ${g.cols}x${g.rows} at ${g.x0},${g.y0} mm`);
}

function checkTate(dumpPath) {
	const { pages } = parse(dumpPath);
	const texts = pages.flatMap((p) => p.texts).filter((t) => Number(t.size) > 12);
	const turned = new Set([..."ー「」（）『』〜…"]);
	const moved = new Set([..."、。ぁぃぅぇぉっゃゅょァィゥェォッャュョヵヶ"]);
	let checked = 0;
	texts.forEach((t, i) => {
		const [x, y] = nums(t.at), s = Number(t.size) / PT;
		if (t.text === "Wi-Fi" || turned.has(t.text)) {
			if (t.turned !== "1") fail(`|${t.text}| at ${t.at} is upright, want turned`);
		} else if (t.turned !== "0")
			fail(`|${t.text}| at ${t.at} is turned, want upright`);
		// 、。 and small kana: further right than a full kana of the
		// same column (the one before it), by a tenth of an em or more.
		const prev = texts[i - 1];
		if (moved.has(t.text) && prev && !moved.has(prev.text) && !turned.has(prev.text) &&
			near(nums(prev.at)[1], y - s, s) && /^[\u3041-\u30f6]$/.test(prev.text)) {
			checked++;
			if (x < nums(prev.at)[0] + 0.1 * s)
				fail(`|${t.text}| at ${t.at} not moved right of |${prev.text}| at ${prev.at}`);
		}
	});
	for (const c of ["U", "S", "B"])
		if (!texts.some((t) => t.text === c && t.turned === "0")) fail(`no upright ${c}`);
	if (!texts.some((t) => t.text === "Wi-Fi")) fail("Wi-Fi is not one piece");
	console.log(`# ${texts.length} verse characters, ${checked} moved ones checked`);
}

const [mode, ...args] = process.argv.slice(2);
if (mode === "sheets") checkSheets(args[0], args[1], Number(args[2]));
else if (mode === "tate") checkTate(args[0]);
else { console.error("usage: karuta-geometry.mjs sheets DUMP QPDF.json CARDS | tate DUMP"); process.exit(2); }
for (const p of problems.slice(0, 40)) console.log(`# ${p}`);
if (problems.length) {
	console.log(`# ${problems.length} problems`);
	process.exit(1);
}
