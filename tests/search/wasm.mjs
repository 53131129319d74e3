// wasm.mjs -- the search core compiled to WebAssembly (build/search.wasm)
// tokenises and ranks exactly as the native build does
// (tests/unit/test_search.c --vectors DIR).
//
//   node tests/search/wasm.mjs build/search.wasm DIR
//
// DIR/tokens.jsonl: {"in","flags","out"} -- every input is tokenised in the
// wasm (search_tokens_dump) and the dump compared byte for byte.
// DIR/queries.jsonl: {"index","q","flags","k","out"} -- every query runs in
// the wasm over DIR/<index> (search_query, search_result_dump) and the
// ranked hits, snippets and highlights are compared.
// Prints "ok - search-wasm/<case>"; "# search-wasm: N passed, M failed".
import fs from 'node:fs';
import path from 'node:path';

const [wasmPath, dir] = process.argv.slice(2);
let passed = 0, failed = 0;
const ok = (name) => { passed++; console.log(`ok - search-wasm/${name}`); };
const notOk = (name, why) => { failed++; console.log(`not ok - search-wasm/${name}\n# ${why}`); };

const bytes = fs.readFileSync(wasmPath);
const LIMIT = 48 * 1024;
if (bytes.length <= LIMIT) ok(`size (${bytes.length} bytes <= ${LIMIT})`);
else notOk('size', `${bytes.length} bytes > ${LIMIT}`);

const mod = await WebAssembly.compile(bytes);
if (WebAssembly.Module.imports(mod).length === 0) ok('no-imports');
else notOk('no-imports', JSON.stringify(WebAssembly.Module.imports(mod)));
const instance = await WebAssembly.instantiate(mod, {});
const ex = instance.exports;
const need = ['memory', '__heap_base', 'search_open', 'search_work_size',
  'search_query', 'search_doc_get', 'search_index_table', 'search_index_size',
  'search_hit_size', 'search_tokens_dump', 'search_result_dump'];
const missing = need.filter((f) => !(f in ex));
if (missing.length === 0) ok('exports');
else notOk('exports', `missing ${missing.join(', ')}`);

// Memory layout, as assets/js/search/search.js does it: the index struct,
// a buffer for inputs, one for dumps, the hits, the result, then the index
// bytes and the work area.
const align = (n, a) => Math.ceil(n / a) * a;
const IN_CAP = 1 << 16, OUT_CAP = 1 << 20;
const L = {};
L.ix = align(ex.__heap_base.value, 16);
L.input = align(L.ix + ex.search_index_size(), 16);
L.out = L.input + IN_CAP;
L.hits = L.out + OUT_CAP;
L.res = L.hits + 100 * ex.search_hit_size();
L.data = align(L.res + 16, 16);

function ensure(end) {
  const have = ex.memory.buffer.byteLength;
  if (end > have) ex.memory.grow(Math.ceil((end - have) / 65536));
}

let current = null, work = 0, workLen = 0;
function load(name) {
  if (current === name) return;
  const data = fs.readFileSync(path.join(dir, name));
  ensure(L.data + data.length + 16);
  new Uint8Array(ex.memory.buffer, L.data, data.length).set(data);
  const rc = ex.search_open(L.ix, L.data, data.length);
  if (rc !== 0) throw new Error(`search_open(${name}) = ${rc}`);
  work = align(L.data + data.length, 16);
  workLen = ex.search_work_size(L.ix);
  ensure(work + workLen);
  current = name;
}

const hex = (u8) => Buffer.from(u8).toString('hex');
function putInput(h) {
  const b = Buffer.from(h, 'hex');
  new Uint8Array(ex.memory.buffer, L.input, b.length).set(b);
  return b.length;
}
const show = (h) => Buffer.from(h, 'hex').toString('utf8').replace(/\n/g, '⏎');

// ----- tokens ----------------------------------------------------------------
load('fixtures.idx');
const table = ex.search_index_table(L.ix);
let count = 0, bad = [];
for (const line of fs.readFileSync(path.join(dir, 'tokens.jsonl'), 'utf8').split('\n')) {
  if (!line) continue;
  const v = JSON.parse(line);
  const n = putInput(v.in);
  const len = ex.search_tokens_dump(table, L.input, n, v.flags, L.out, OUT_CAP);
  const got = len < 0 ? `error ${len}` : hex(new Uint8Array(ex.memory.buffer, L.out, len));
  count++;
  if (got !== v.out && bad.length < 3) {
    bad.push(`input [${show(v.in)}] flags ${v.flags}: native [${show(v.out)}] wasm [${len < 0 ? got : show(got)}]`);
  } else if (got !== v.out) bad.push('');
}
if (bad.length === 0) ok(`tokens (${count} strings agree)`);
else notOk('tokens', `${bad.length} of ${count} differ; ${bad.filter(Boolean).join(' | ')}`);
if (count >= 2000) ok(`at least 2,000 token strings (${count})`);
else notOk('token-count', `only ${count}`);

// ----- queries ---------------------------------------------------------------
const perIndex = {};
for (const line of fs.readFileSync(path.join(dir, 'queries.jsonl'), 'utf8').split('\n')) {
  if (!line) continue;
  const v = JSON.parse(line);
  load(v.index);
  const n = putInput(v.q);
  const rc = ex.search_query(L.ix, L.input, n, v.flags, L.res, L.hits, v.k, work, workLen);
  let got = `error ${rc}`;
  if (rc === 0) {
    const len = ex.search_result_dump(L.res, L.hits, L.out, OUT_CAP);
    got = hex(new Uint8Array(ex.memory.buffer, L.out, len));
  }
  const s = perIndex[v.index] ||= { count: 0, bad: [], hits: 0 };
  s.count++;
  if (!v.out.startsWith('746f74616c203020')) s.hits++;   // not "total 0 "
  if (got !== v.out) {
    s.bad.push(s.bad.length < 3
      ? `query [${show(v.q)}] flags ${v.flags} k ${v.k}: native [${show(v.out)}] wasm [${rc === 0 ? show(got) : got}]`
      : '');
  }
}
let queries = 0;
for (const [name, s] of Object.entries(perIndex)) {
  queries += s.count;
  if (s.bad.length === 0) ok(`queries/${name} (${s.count} queries agree, ${s.hits} with hits)`);
  else notOk(`queries/${name}`, `${s.bad.length} of ${s.count} differ; ${s.bad.filter(Boolean).join(' | ')}`);
}
if (queries >= 800) ok(`at least 800 queries (${queries})`);
else notOk('query-count', `only ${queries}`);
console.log(`# search-wasm: ${passed} passed, ${failed} failed (${count} strings, ${queries} queries)`);
process.exit(failed ? 1 : 0);
