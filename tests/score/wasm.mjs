// wasm.mjs -- the scoring core compiled to WebAssembly (build/score.wasm)
// gives exactly the native results (tests/unit/test_score.c --vectors).
//
//   node tests/score/wasm.mjs build/score.wasm VECTORS.jsonl
//
// Each program line {"name","prog"} is followed by vector lines {"answers",
// "inputs","rc","out"}; every vector is evaluated in the wasm through the
// same interface the browser uses (score_arena, score_eval) and compared
// slot by slot.  Prints "ok - score-wasm/<program>" per program.
import fs from 'node:fs';
import readline from 'node:readline';

const [wasmPath, vecPath] = process.argv.slice(2);
let passed = 0, failed = 0;
const ok = (name) => { passed++; console.log(`ok - score-wasm/${name}`); };
const notOk = (name, why) => { failed++; console.log(`not ok - score-wasm/${name}\n# ${why}`); };

const bytes = fs.readFileSync(wasmPath);
const LIMIT = 16 * 1024;
if (bytes.length <= LIMIT) ok(`size (${bytes.length} bytes <= ${LIMIT})`);
else notOk('size', `${bytes.length} bytes > ${LIMIT}`);

const { instance } = await WebAssembly.instantiate(bytes, {});
const ex = instance.exports;
for (const f of ['memory', 'score_arena', 'score_eval', 'score_validate', 'score_out_len']) {
  if (!(f in ex)) notOk(`export-${f}`, 'missing export');
}

// Arena layout (the same as assets/js/calc/calc.js): program, answers,
// inputs, then the int64 results, each 8-byte aligned.
function evaluate(prog, answers, inputs) {
  const base = ex.score_arena();
  const align = (n) => (n + 7) & ~7;
  const pOff = base;
  const aOff = align(pOff + prog.length * 4);
  const iOff = align(aOff + answers.length);
  const oOff = align(iOff + inputs.length * 4);
  const mem = ex.memory.buffer;
  new Int32Array(mem, pOff, prog.length).set(prog);
  new Uint8Array(mem, aOff, answers.length).set(answers);
  new Int32Array(mem, iOff, inputs.length).set(inputs);
  const nout = ex.score_out_len(pOff, prog.length);
  const rc = ex.score_eval(pOff, prog.length, aOff, answers.length, iOff,
    inputs.length, oOff, nout);
  return { rc, out: Array.from(new BigInt64Array(ex.memory.buffer, oOff, nout)) };
}

const rl = readline.createInterface({ input: fs.createReadStream(vecPath) });
let prog = null, name = '', count = 0, bad = [], total = 0;
const finish = () => {
  if (prog === null) return;
  if (bad.length === 0) ok(`${name} (${count} vectors agree)`);
  else notOk(name, `${bad.length} of ${count} vectors differ; first: ${bad[0]}`);
  total += count;
};
for await (const line of rl) {
  const v = JSON.parse(line);
  if (v.prog) {
    finish();
    prog = Int32Array.from(v.prog); name = v.name; count = 0; bad = [];
    continue;
  }
  count++;
  const got = evaluate(prog, Uint8Array.from(v.answers), Int32Array.from(v.inputs));
  const want = v.out.map((x) => BigInt(x));
  const same = got.rc === v.rc && got.out.length === want.length &&
    got.out.every((x, i) => x === want[i]);
  if (!same && bad.length < 3) {
    bad.push(`answers ${v.answers.join('')} inputs ${v.inputs}: native rc ${v.rc} [${want.slice(0, 12)}] wasm rc ${got.rc} [${got.out.slice(0, 12)}]`);
  } else if (!same) bad.push('');
}
finish();
if (total >= 10000) ok(`at least 10,000 vectors (${total})`);
else notOk('vector-count', `only ${total} vectors`);
console.log(`# score-wasm: ${passed} passed, ${failed} failed (${total} vectors)`);
process.exit(failed ? 1 : 0);
