/*
 * search.js -- the site search page (templates/search.mustache): the glue
 * between the page and the search core.
 *
 * The core is generator/search/ compiled to WebAssembly; search-wasm.js
 * carries it as base64 (window.MAMORU_SEARCH_WASM), and search-index.js
 * the index the generator built, with the normalisation table inside
 * (window.MAMORU_SEARCH_INDEX).  The query is tokenised by the same C code
 * that tokenised the pages, so the two always agree; this file only copies
 * the query in and the hits out (memory layout in docs/search.md) and
 * builds the list of results.  Classic scripts, no fetch: it works from
 * file:// too.
 *
 * Progressive enhancement: without this script the form still sends
 * ?q= to the page itself and a <noscript> note points to the guides.
 * The scripts load with `defer` in order (search.js, search-wasm.js,
 * search-index.js), so everything starts at DOMContentLoaded.
 */
(function () {
  'use strict';
  var K = 30;                 /* hits shown */
  var PREFIX = 4;             /* SEARCH_PREFIX: the last word as typed */
  var QUERY_MAX = 4096;       /* bytes of query copied in */
  var HIT_WORDS = 54;         /* struct search_hit, in 32-bit words */
  var DEBOUNCE_MS = 80;

  function decodeBase64(text) {
    var bin = window.atob(text);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  }

  function align(n, to) { return Math.ceil(n / to) * to; }

  /*
   * The core with the index loaded.  Memory, from __heap_base: the index
   * struct, the query, the result and hits, a document reference, then the
   * index bytes and the work area; the memory grows to fit.
   */
  function Engine(ex, index) {
    if (ex.search_hit_size() !== HIT_WORDS * 4) throw new Error('search.wasm does not match search.js');
    this.ex = ex;
    this.ix = align(ex.__heap_base.value, 16);
    this.query = align(this.ix + ex.search_index_size(), 16);
    this.res = this.query + QUERY_MAX;
    this.hits = this.res + 16;
    this.doc = this.hits + K * HIT_WORDS * 4;
    this.data = align(this.doc + 32, 16);
    this.grow(this.data + index.length);
    new Uint8Array(ex.memory.buffer, this.data, index.length).set(index);
    var rc = ex.search_open(this.ix, this.data, index.length);
    if (rc !== 0) throw new Error('the search index is damaged (' + rc + ')');
    this.work = align(this.data + index.length, 16);
    this.workLen = ex.search_work_size(this.ix);
    this.grow(this.work + this.workLen);
    this.encoder = new window.TextEncoder();
    this.decoder = new window.TextDecoder('utf-8');
  }

  Engine.prototype.grow = function (end) {
    var have = this.ex.memory.buffer.byteLength;
    if (end > have) this.ex.memory.grow(Math.ceil((end - have) / 65536));
  };

  Engine.prototype.text = function (ptr, from, to) {
    return this.decoder.decode(new Uint8Array(this.ex.memory.buffer, ptr + from, to - from));
  };

  /* Pieces of [from, to) of the string at ptr: [{text, mark}] */
  Engine.prototype.pieces = function (ptr, from, to, marks) {
    var out = [], at = from;
    for (var i = 0; i < marks.length; i++) {
      var a = Math.max(marks[i][0], at), b = Math.min(marks[i][1], to);
      if (a >= b) continue;
      if (a > at) out.push({ text: this.text(ptr, at, a), mark: false });
      out.push({ text: this.text(ptr, a, b), mark: true });
      at = b;
    }
    if (at < to) out.push({ text: this.text(ptr, at, to), mark: false });
    return out;
  };

  /*
   * -> { total, terms, matched, hits: [{ url, title: pieces, snippet:
   *    pieces, before, after }] }; before/after: the snippet is cut there.
   */
  Engine.prototype.search = function (q) {
    var ex = this.ex, bytes = this.encoder.encode(q);
    if (bytes.length > QUERY_MAX) bytes = bytes.subarray(0, QUERY_MAX);
    new Uint8Array(ex.memory.buffer, this.query, bytes.length).set(bytes);
    var flags = /\s$/.test(q) ? 0 : PREFIX;
    var rc = ex.search_query(this.ix, this.query, bytes.length, flags, this.res, this.hits, K, this.work, this.workLen);
    if (rc !== 0) throw new Error('search failed (' + rc + ')');
    var r = new Uint32Array(ex.memory.buffer, this.res, 4);
    var out = { total: r[0], terms: r[2], matched: r[3], hits: [] };
    var nhits = r[1];
    for (var i = 0; i < nhits; i++) {
      var h = new Uint32Array(ex.memory.buffer, this.hits + i * HIT_WORDS * 4, HIT_WORDS);
      var marks = [], tmarks = [], k;
      for (k = 0; k < h[4]; k++) marks.push([h[5 + 2 * k], h[6 + 2 * k]]);
      for (k = 0; k < h[37]; k++) tmarks.push([h[38 + 2 * k], h[39 + 2 * k]]);
      if (ex.search_doc_get(this.ix, h[0], this.doc) !== 0) continue;
      var d = new Uint32Array(ex.memory.buffer, this.doc, 6);
      out.hits.push({
        url: this.text(d[0], 0, d[1]),
        title: this.pieces(d[2], 0, d[3], tmarks),
        snippet: this.pieces(d[4], h[2], h[3], marks),
        before: h[2] > 0,
        after: h[3] < d[5]
      });
    }
    return out;
  };

  function loadEngine() {
    if (typeof window.WebAssembly !== 'object' || typeof window.MAMORU_SEARCH_WASM !== 'string' ||
        typeof window.MAMORU_SEARCH_INDEX !== 'string') {
      return Promise.reject(new Error('WebAssembly or the index is not available'));
    }
    return window.WebAssembly.instantiate(decodeBase64(window.MAMORU_SEARCH_WASM), {}).then(function (r) {
      var engine = new Engine(r.instance.exports, decodeBase64(window.MAMORU_SEARCH_INDEX));
      window.MAMORU_SEARCH_INDEX = null;      /* the copy in the wasm is enough */
      return engine;
    });
  }

  /* ----- the page ------------------------------------------------------- */

  function appendPieces(el, pieces) {
    for (var i = 0; i < pieces.length; i++) {
      var text = pieces[i].text.replace(/\s+/g, ' ');
      if (pieces[i].mark) {
        var m = document.createElement('mark');
        m.textContent = text;
        el.appendChild(m);
      } else {
        el.appendChild(document.createTextNode(text));
      }
    }
  }

  function renderHit(hit, root) {
    var li = document.createElement('li');
    li.className = 'search-result';
    li.setAttribute('data-testid', 'search-result');
    var h = document.createElement('h2');
    h.className = 'search-result__title';
    var a = document.createElement('a');
    a.className = 'search-result__link';
    a.href = root + hit.url;
    appendPieces(a, hit.title);
    h.appendChild(a);
    li.appendChild(h);
    var p = document.createElement('p');
    p.className = 'search-result__snippet';
    if (hit.before) p.appendChild(document.createTextNode('…'));
    appendPieces(p, hit.snippet);
    if (hit.after) p.appendChild(document.createTextNode('…'));
    li.appendChild(p);
    return li;
  }

  function statusText(q, r) {
    if (r.total === 0) return '「' + q + '」に一致するページは見つかりませんでした。';
    var s = r.matched < r.terms
      ? '「' + q + '」をすべて含むページはありませんでした。一部を含むページが' + r.total + '件見つかりました'
      : r.total + '件見つかりました';
    if (r.total > r.hits.length) s += '（上位' + r.hits.length + '件を表示）';
    return s;
  }

  function init() {
    var form = document.querySelector('[data-search]');
    if (!form) return;
    var input = form.querySelector('input[name="q"]');
    var status = document.querySelector('[data-search-status]');
    var list = document.querySelector('[data-search-results]');
    var root = form.getAttribute('data-root') || '';
    var engine = null, timer = 0, shown = null;

    function show(q) {
      var trimmed = q.replace(/^\s+|\s+$/g, '');
      if (!engine || q === shown) return;
      shown = q;
      list.textContent = '';
      if (trimmed === '') {
        status.textContent = '';
        return;
      }
      var r;
      try {
        r = engine.search(q);
      } catch (e) {
        status.textContent = '検索できませんでした。';
        return;
      }
      for (var i = 0; i < r.hits.length; i++) list.appendChild(renderHit(r.hits[i], root));
      status.textContent = statusText(trimmed, r);
    }

    function remember(q) {
      try {
        var url = window.location.pathname + (q ? '?q=' + encodeURIComponent(q) : '') + window.location.hash;
        window.history.replaceState(null, '', url);
      } catch (e) { /* file:// in some browsers */ }
    }

    input.addEventListener('input', function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        show(input.value);
        remember(input.value);
      }, DEBOUNCE_MS);
    });
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      window.clearTimeout(timer);
      show(input.value);
      remember(input.value);
    });

    var initial = new window.URLSearchParams(window.location.search).get('q') || '';
    if (initial) {
      input.value = initial;
      status.textContent = '検索の準備をしています…';
    }
    form.setAttribute('data-state', 'loading');
    loadEngine().then(function (e) {
      engine = e;
      form.setAttribute('data-state', 'ready');
      show(input.value);
    }, function () {
      form.setAttribute('data-state', 'failed');
      status.textContent = 'このブラウザーでは検索を使えません。ガイドの一覧からお探しください。';
    });
  }

  document.addEventListener('DOMContentLoaded', init);
})();
