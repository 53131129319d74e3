// bench.mjs -- query time of the search core as WebAssembly over a large
// index (written by `test_search --bench N DIR`, see tests/search/bench.sh).
//
//   node tests/search/bench.mjs build/search.wasm DIR [LIMIT_MS]
//
// Loads DIR/bench.idx the way the browser does (base64 text decoded with
// atob into the wasm memory), then runs every query of
// DIR/bench-queries.txt with the browser's flags and k, as typed one
// character at a time (each prefix of the query is a search, as with
// search-as-you-type).  Prints "ok - search-bench/..." lines: the slowest
// query must stay under LIMIT_MS (default 50).
import fs from 'node:fs';
import path from 'node:path';

const [wasmPath, dir, limitArg] = process.argv.slice(2);
const LIMIT = Number(limitArg || 50);
const K = 30;                 // what search.js asks for
const PREFIX = 4;             // SEARCH_PREFIX
let passed = 0, failed = 0;
const ok = (name) => { passed++; console.log(`ok - search-bench/${name}`); };
const notOk = (name, why) => { failed++; console.log(`not ok - search-bench/${name}\n# ${why}`); };

const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmPath), {});
const ex = instance.exports;
const raw = fs.readFileSync(path.join(dir, 'bench.idx'));
const b64 = raw.toString('base64');

let t0 = performance.now();
const bin = atob(b64);
const data = new Uint8Array(bin.length);
for (let i = 0; i < bin.length; i++) data[i] = bin.charCodeAt(i);
const tDecode = performance.now() - t0;

const align = (n, a) => Math.ceil(n / a) * a;
const ix = align(ex.__heap_base.value, 16);
const input = align(ix + ex.search_index_size(), 16);
const hits = input + 4096;
const res = hits + K * ex.search_hit_size();
const at = align(res + 16, 16);
function ensure(end) {
  const have = ex.memory.buffer.byteLength;
  if (end > have) ex.memory.grow(Math.ceil((end - have) / 65536));
}
t0 = performance.now();
ensure(at + data.length);
new Uint8Array(ex.memory.buffer, at, data.length).set(data);
const rc = ex.search_open(ix, at, data.length);
const work = align(at + data.length, 16);
const workLen = ex.search_work_size(ix);
ensure(work + workLen);
const tOpen = performance.now() - t0;
if (rc !== 0) { notOk('open', `search_open = ${rc}`); process.exit(1); }
const ndocs = new Uint32Array(ex.memory.buffer, ix, 4)[2];
console.log(`# bench: ${ndocs} pages; index ${raw.length} bytes, base64 ${b64.length} characters`);
console.log(`# bench: base64 decode ${tDecode.toFixed(0)} ms, copy + open ${tOpen.toFixed(0)} ms; wasm memory ${(ex.memory.buffer.byteLength / 1048576).toFixed(1)} MiB`);

const enc = new TextEncoder();
function run(q) {
  const b = enc.encode(q);
  new Uint8Array(ex.memory.buffer, input, b.length).set(b);
  const s = performance.now();
  const r = ex.search_query(ix, input, b.length, PREFIX, res, hits, K, work, workLen);
  const t = performance.now() - s;
  if (r !== 0) throw new Error(`search_query(${q}) = ${r}`);
  return t;
}

const queries = fs.readFileSync(path.join(dir, 'bench-queries.txt'), 'utf8').split('\n').filter(Boolean);
for (let i = 0; i < 3; i++) run(queries[i % queries.length]);   // warm up
const times = [];
let worst = 0, worstQ = '';
for (const q of queries) {
  const chars = [...q];
  for (let n = 1; n <= chars.length; n++) {
    const t = run(chars.slice(0, n).join(''));
    times.push(t);
    if (t > worst) { worst = t; worstQ = chars.slice(0, n).join(''); }
  }
}
times.sort((a, b) => a - b);
const mean = times.reduce((a, b) => a + b, 0) / times.length;
const p = (f) => times[Math.min(times.length - 1, Math.floor(f * times.length))];
console.log(`# bench: wasm: ${times.length} searches (${queries.length} queries typed one character at a time), mean ${mean.toFixed(2)} ms, median ${p(0.5).toFixed(2)} ms, p95 ${p(0.95).toFixed(2)} ms, slowest ${worst.toFixed(2)} ms (${worstQ})`);
if (worst < LIMIT) ok(`slowest search under ${LIMIT} ms (${worst.toFixed(1)} ms)`);
else notOk('slowest', `${worst.toFixed(1)} ms for "${worstQ}" (limit ${LIMIT} ms)`);
console.log(`# search-bench: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
