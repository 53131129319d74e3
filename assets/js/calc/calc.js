/*
 * calc.js -- calculators and checklists (templates/calculator.mustache):
 * the glue between the page and the scoring core.
 *
 * The core is generator/score/score.c compiled to WebAssembly; score-wasm.js
 * carries it as base64 (window.MAMORU_SCORE_WASM).  Every number the page
 * shows -- totals, bands, levels, part scores, costs -- comes from the
 * core's score_eval(); this file only copies the answers in and the result
 * out (the layout is in docs/calculators.md).  calc-quiz.js (score and
 * checklist pages) and calc-cost.js (cost pages) build the views on top of
 * the helpers here: the core, the result URL (#a=, #v=), the QR code and
 * small SVG bars.
 *
 * Progressive enhancement: without this script the page is a worksheet.
 * Answers live only in the page and its address: no storage, no network.
 * The scripts load with `defer` in name order (calc-cost.js, calc-quiz.js,
 * calc.js, qrcode.js, score-wasm.js), so everything starts at
 * DOMContentLoaded, when all of them have run.
 */
(function () {
  'use strict';
  var C = window.MAMORU_CALC = window.MAMORU_CALC || {};
  var SVG_NS = 'http://www.w3.org/2000/svg';

  /* ----- the scoring core ---------------------------------------------- */

  /* Header words of a program (docs/calculators.md, "The compact form"). */
  function shapeOf(prog) {
    var s = {
      choices: prog[1], items: prog[2], parts: prog[3], bands: prog[4],
      levels: prog[5], reqs: prog[6], inputs: prog[7], lines: prog[8],
      inputRange: [], lineWhen: []
    };
    var at = 9 + s.choices + s.items + 2 * s.bands + s.levels + 3 * s.reqs;
    for (var i = 0; i < s.inputs; i++, at += 3) {
      s.inputRange.push({ min: prog[at], max: prog[at + 1], def: prog[at + 2] });
    }
    for (var k = 0; k < s.lines; k++, at += 7) s.lineWhen.push(prog[at + 5]);
    return s;
  }

  function decodeBase64(text) {
    var bin = window.atob(text);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  }

  function align(n, to) { return Math.ceil(n / to) * to; }

  /*
   * Instantiates the core for one program (the page's data-program, a
   * comma-separated list of int32 words).  Resolves to
   *   { shape, evaluate(answers Uint8Array, inputs Int32Array) -> result }.
   * The program is copied into the core's scratch area once; answers,
   * inputs and the result follow it at aligned offsets.
   */
  C.loadCore = function (programText) {
    var prog;
    try {
      prog = new Int32Array(programText.split(',').map(function (w) { return parseInt(w, 10); }));
    } catch (e) {
      return Promise.reject(e);
    }
    if (typeof window.WebAssembly !== 'object' || typeof window.MAMORU_SCORE_WASM !== 'string') {
      return Promise.reject(new Error('WebAssembly is not available'));
    }
    var shape = shapeOf(prog);
    return window.WebAssembly.instantiate(decodeBase64(window.MAMORU_SCORE_WASM), {}).then(function (r) {
      var ex = r.instance.exports;
      var base = align(ex.score_arena() >>> 0, 8);
      var words = prog.length;
      new Int32Array(ex.memory.buffer, base, words).set(prog);
      var nout = ex.score_out_len(base, words);
      if (!nout) throw new Error('the program is not valid');
      var ansAt = base + words * 4;
      var inAt = align(ansAt + shape.items, 4);
      var outAt = align(inAt + shape.inputs * 4, 8);
      if (outAt + nout * 8 - (ex.score_arena() >>> 0) > 65536) throw new Error('the program is too large');

      function evaluate(answers, inputs) {
        var buf = ex.memory.buffer;
        if (shape.items) new Uint8Array(buf, ansAt, shape.items).set(answers);
        if (shape.inputs) new Int32Array(buf, inAt, shape.inputs).set(inputs);
        var status = ex.score_eval(base, words, ansAt, shape.items, inAt, shape.inputs, outAt, nout);
        var o = new BigInt64Array(ex.memory.buffer, outAt, nout);
        var v = function (i) { return Number(o[i]); };
        var res = {
          status: status, total: v(1), answered: v(2), band: v(3), level: v(4),
          min: v(5), max: v(6), costMin: v(7), costMax: v(8), best: v(9),
          parts: [], items: [], reqs: [], lines: []
        };
        var at = 10, i;
        for (i = 0; i < shape.parts; i++, at += 2) res.parts.push({ points: v(at), max: v(at + 1) });
        for (i = 0; i < shape.items; i++) res.items.push(v(at++));
        for (i = 0; i < shape.reqs; i++) res.reqs.push(v(at++) === 1);
        for (i = 0; i < shape.lines; i++, at += 2) res.lines.push({ min: v(at), max: v(at + 1) });
        return res;
      }
      return { shape: shape, evaluate: evaluate };
    });
  };

  /* ----- the result URL: #a=<digits>, #v=<n>,<n>,… --------------------- */

  /* { state: 'none' } when the address has no #KEY=, { state: 'ok', text }
   * or { state: 'bad', text } after checking it with test(text). */
  C.readHash = function (key, test) {
    var h = window.location.hash.replace(/^#/, '');
    try { h = decodeURIComponent(h); } catch (e) { /* keep it as it is */ }
    if (h.indexOf(key + '=') !== 0) return { state: h === '' ? 'empty' : 'none' };
    var text = h.slice(key.length + 1);
    return { state: test(text) ? 'ok' : 'bad', text: text };
  };

  /* Replaces the address's fragment without a new history entry (or with
   * one when push is true); an empty fragment removes it. */
  C.writeHash = function (fragment, push) {
    var url = window.location.pathname + window.location.search + (fragment ? '#' + fragment : '');
    var current = window.location.pathname + window.location.search + window.location.hash;
    if (url === current) return;
    try {
      if (push) window.history.pushState(null, '', url);
      else window.history.replaceState(window.history.state, '', url);
    } catch (e) { /* some file:// setups refuse; the page still works */ }
  };

  /* ----- numbers for people -------------------------------------------- */

  C.grouped = function (n) {
    var s = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return (n < 0 ? '\u2212' : '') + s;
  };

  /* 300万, 1億2,000万, 8,500, 123万4,567: exact, in 億/万 units. */
  C.man = function (n) {
    if (n === 0) return '0';
    var a = Math.abs(n);
    var oku = Math.floor(a / 100000000);
    var man = Math.floor((a % 100000000) / 10000);
    var rest = a % 10000;
    return (n < 0 ? '\u2212' : '') + (oku ? C.grouped(oku) + '億' : '') +
      (man ? C.grouped(man) + '万' : '') + (rest ? C.grouped(rest) : '');
  };

  C.yen = function (n) { return C.man(n) + '円'; };

  /* "300万円〜400万円" into el, each amount kept on one line; one amount
   * when both are the same. */
  C.yenRange = function (el, lo, hi) {
    while (el.firstChild) el.removeChild(el.firstChild);
    var part = function (v) {
      var s = document.createElement('span');
      s.className = 'calc-nowrap';
      s.textContent = C.yen(v);
      el.appendChild(s);
    };
    part(lo);
    if (hi !== lo) {
      el.appendChild(document.createTextNode('〜'));
      part(hi);
    }
  };

  /* ----- pictures: QR code and bars ------------------------------------ */

  function svgEl(name, attrs) {
    var el = document.createElementNS(SVG_NS, name);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) el.setAttribute(k, attrs[k]);
    return el;
  }

  /* The QR code of text as an <svg> (qrcode-generator, error correction M,
   * a quiet zone of 4 modules), or null without the library. */
  C.qrSvg = function (text, label) {
    if (typeof window.qrcode !== 'function') return null;
    var q = window.qrcode(0, 'M');
    q.addData(text);
    q.make();
    var n = q.getModuleCount();
    var quiet = 4;
    var size = n + 2 * quiet;
    var d = [];
    for (var r = 0; r < n; r++) {
      for (var c = 0; c < n; c++) {
        if (q.isDark(r, c)) d.push('M' + (c + quiet) + ' ' + (r + quiet) + 'h1v1h-1z');
      }
    }
    var svg = svgEl('svg', {
      viewBox: '0 0 ' + size + ' ' + size, role: 'img', 'aria-label': label,
      'shape-rendering': 'crispEdges', class: 'calc-qr__svg', 'data-qr-text': text
    });
    svg.appendChild(svgEl('rect', { width: size, height: size, class: 'calc-qr__bg' }));
    svg.appendChild(svgEl('path', { d: d.join(''), class: 'calc-qr__fg' }));
    return svg;
  };

  /*
   * A horizontal bar of value on the scale lo..hi, drawn from 0 (or from
   * lo when 0 is not on the scale), as an <svg> to put in a [data-chart]
   * slot; a thin line marks 0 when the scale has negative values.
   */
  C.barSvg = function (value, lo, hi, cls) {
    var span = hi - lo || 1;
    var x = function (v) { return Math.max(0, Math.min(100, ((v - lo) / span) * 100)); };
    var origin = x(lo < 0 && hi > 0 ? 0 : lo);
    var end = x(value);
    var svg = svgEl('svg', {
      viewBox: '0 0 100 10', preserveAspectRatio: 'none', 'aria-hidden': 'true',
      focusable: 'false', class: 'calc-bar ' + (cls || '')
    });
    svg.appendChild(svgEl('rect', { x: 0, y: 0, width: 100, height: 10, class: 'calc-bar__track' }));
    var w = Math.abs(end - origin);
    svg.appendChild(svgEl('rect', {
      x: Math.min(origin, end), y: 0, width: w > 0 ? Math.max(w, 0.6) : 0, height: 10,
      class: 'calc-bar__fill' + (value < 0 ? ' calc-bar__fill--minus' : '')
    }));
    if (origin > 0) {
      svg.appendChild(svgEl('line', { x1: origin, x2: origin, y1: 0, y2: 10, class: 'calc-bar__zero' }));
    }
    return svg;
  };

  /* Puts an <svg> (or nothing) into a slot, replacing what was there. */
  C.fill = function (slot, node) {
    while (slot.firstChild) slot.removeChild(slot.firstChild);
    if (node) slot.appendChild(node);
  };

  /* ----- start ----------------------------------------------------------- */

  /* Links within the page (「さっそく答える」, 「内訳を見る」) scroll and
   * move focus without replacing the #a= / #v= the address holds. */
  C.jump = function (target) {
    if (!target) return;
    if (!target.hasAttribute('tabindex') && !/^(A|BUTTON|INPUT)$/.test(target.tagName)) target.setAttribute('tabindex', '-1');
    target.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
  };

  function start(root) {
    var kind = root.getAttribute('data-kind');
    var view = kind === 'cost' ? C.cost && C.cost(root) : C.quiz && C.quiz(root);
    if (!view) return;
    root.addEventListener('click', function (e) {
      var a = e.target.closest && e.target.closest('a[href^="#"]');
      if (!a || /^#[av]=/.test(a.getAttribute('href'))) return;
      var target = document.getElementById(a.getAttribute('href').slice(1));
      if (!target || !root.contains(target)) return;
      e.preventDefault();
      if (view.jump) view.jump(target);
      else C.jump(target);
    });
    view.start();
    // data-state says when the page is ready (tests wait for it).
    C.loadCore(root.getAttribute('data-program')).then(function (core) {
      view.ready(core);
      root.setAttribute('data-state', 'ready');
    }, function (err) {
      view.fail(err);
      root.setAttribute('data-state', 'failed');
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var roots = document.querySelectorAll('[data-calc]');
    for (var i = 0; i < roots.length; i++) start(roots[i]);
  });
}());
