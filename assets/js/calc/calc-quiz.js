/*
 * calc-quiz.js -- score and checklist pages (kind: score | checklist).
 *
 * Score pages show one part at a time with a progress line, 次へ / 戻る, and
 * then a result view; checklist pages show every item at once with a live
 * count.  The result view's content is in the page (calculator.mustache);
 * this file shows the parts that apply and writes in the numbers of the
 * scoring core (calc.js).  The answers are kept in the address as
 * #a=<one digit per item> (docs/calculators.md, "The result URL").
 */
(function () {
  'use strict';
  var C = window.MAMORU_CALC = window.MAMORU_CALC || {};
  var PRINT_FULL_ADVICE = 10;

  function all(root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }
  function one(root, sel) { return root.querySelector(sel); }
  function show(el, on) { if (el) el.hidden = !on; }

  function Quiz(root) {
    this.root = root;
    this.stepped = root.getAttribute('data-kind') === 'score';
    this.score = this.stepped;
    this.sheet = one(root, '[data-sheet]');
    this.result = one(root, '[data-result]');
    this.parts = all(root, '[data-part]');
    this.items = all(root, '[data-item]');
    this.n = this.items.length;
    this.nchoices = this.items.length ? this.items[0].querySelectorAll('input[type=radio]').length : 0;
    this.answers = new Uint8Array(this.n);
    this.adviceFor = (root.getAttribute('data-advice-for') || '').split(',').filter(Boolean).map(Number);
    this.resultUrl = root.getAttribute('data-result-url') || '';
    this.part = 0;
    this.view = 'questions';
    this.core = null;
    this.res = null;
    this.qrText = '';
    this.bands = all(root, '[data-band]').map(function (tr) {
      return { index: +tr.getAttribute('data-band'), label: one(tr, '[data-band-name]').textContent.trim(), row: tr };
    });
  }

  /* Item number (1-based) of a radio button. */
  Quiz.prototype.itemOf = function (input) {
    var f = input.closest('[data-item]');
    return f ? +f.getAttribute('data-item') : 0;
  };

  Quiz.prototype.partItems = function (p) {
    var part = this.parts[p];
    var first = +part.getAttribute('data-first');
    var last = +part.getAttribute('data-last');
    var list = [];
    for (var k = first; k <= last; k++) list.push(k);
    return list;
  };

  /* ----- set-up ----------------------------------------------------------- */

  Quiz.prototype.start = function () {
    var self = this;
    var root = this.root;
    root.classList.add('calc--js', this.stepped ? 'calc--stepped' : 'calc--list');
    show(one(root, '[data-nojs]'), false);
    show(one(root, '[data-progress]'), true);
    show(one(root, '[data-nav]'), true);
    root.addEventListener('change', function (e) {
      var t = e.target;
      if (t && t.type === 'radio' && t.closest('[data-item]')) self.answer(self.itemOf(t), +t.value);
    });
    one(root, '[data-next]').addEventListener('click', function () { self.next(); });
    one(root, '[data-back]').addEventListener('click', function () { self.back(); });
    one(root, '[data-restart]').addEventListener('click', function () { self.restart(); });
    one(root, '[data-review]').addEventListener('click', function () { self.review(); });
    all(root, '[data-print-result]').forEach(function (b) {
      b.addEventListener('click', function () { window.print(); });
    });
    all(root, '[data-advice-choice]').forEach(function (s) {
      show(s, self.adviceFor.indexOf(+s.getAttribute('data-advice-choice')) >= 0);
    });
    window.addEventListener('hashchange', function () { self.fromHash(false); });
    this.showPart(0, false);
    // Fill in answers from the address at once, so that nothing jumps
    // when the core is ready.
    this.fromHash(true);
  };

  Quiz.prototype.ready = function (core) {
    this.core = core;
    this.update();
    if (this.view === 'result') this.showResult(false);
  };

  /* Without the core the page stays the worksheet it is without scripts. */
  Quiz.prototype.fail = function () {
    var root = this.root;
    root.classList.remove('calc--js', 'calc--stepped', 'calc--list', 'is-result');
    show(one(root, '[data-nojs]'), true);
    show(one(root, '[data-progress]'), false);
    show(one(root, '[data-nav]'), false);
    show(this.result, false);
    show(this.sheet, true);
    this.parts.forEach(function (p) { p.classList.remove('is-off'); });
    this.notice('この端末のブラウザでは、点数を自動で計算できませんでした。質問と「点数の見方」の表を使って、手で数えることができます。');
  };

  Quiz.prototype.notice = function (text) {
    one(this.root, '[data-notice]').textContent = text;
  };

  /* ----- answers and the address ---------------------------------------- */

  Quiz.prototype.digits = function () {
    return Array.prototype.join.call(this.answers, '');
  };

  Quiz.prototype.complete = function () {
    for (var i = 0; i < this.n; i++) if (!this.answers[i]) return false;
    return true;
  };

  Quiz.prototype.answer = function (k, choice) {
    this.answers[k - 1] = choice;
    this.notice('');
    var f = this.items[k - 1];
    f.classList.remove('is-missing');
    show(one(f, '[data-missing]'), false);
    this.update();
    this.toHash();
  };

  Quiz.prototype.toHash = function () {
    var d = this.digits();
    C.writeHash(/[1-9]/.test(d) ? 'a=' + d : '', false);
  };

  /* Sets the radio buttons from this.answers. */
  Quiz.prototype.syncInputs = function () {
    for (var k = 1; k <= this.n; k++) {
      var radios = this.items[k - 1].querySelectorAll('input[type=radio]');
      for (var i = 0; i < radios.length; i++) radios[i].checked = +radios[i].value === this.answers[k - 1];
    }
  };

  /* Reads #a= (at load, or when the address changes). */
  Quiz.prototype.fromHash = function (atLoad) {
    var self = this;
    var h = C.readHash('a', function (t) {
      if (t.length !== self.n || !/^[0-9]+$/.test(t)) return false;
      for (var i = 0; i < t.length; i++) if (+t[i] > self.nchoices) return false;
      return true;
    });
    if (h.state === 'none') return;
    if (h.state === 'bad') {
      this.notice('アドレスの「#a=」のあとの答えの形が正しくなかったので、読み込みませんでした。最初から答えてください。');
      return;
    }
    if (h.state === 'empty') {
      if (atLoad || !/[1-9]/.test(this.digits())) return;
      this.answers.fill(0);
    } else {
      if (h.text === this.digits() && !atLoad) return;
      for (var i = 0; i < this.n; i++) this.answers[i] = +h.text[i];
      if (!atLoad) this.notice('');
    }
    this.syncInputs();
    this.update();
    if (this.complete()) {
      this.view = 'result';
      if (this.core) this.showResult(!atLoad);
    } else {
      var p = this.firstOpenPart();
      this.showQuestions(p, !atLoad && h.state === 'ok');
      if (atLoad && h.state === 'ok') this.scrollTo(this.sheet);
    }
  };

  Quiz.prototype.firstOpenPart = function () {
    if (!this.stepped) return 0;
    for (var p = 0; p < this.parts.length; p++) {
      var items = this.partItems(p);
      for (var i = 0; i < items.length; i++) if (!this.answers[items[i] - 1]) return p;
    }
    return 0;
  };

  /* ----- numbers from the core ------------------------------------------ */

  Quiz.prototype.update = function () {
    if (!this.core) return;
    var res = this.res = this.core.evaluate(this.answers, new Int32Array(0));
    var count = one(this.root, '[data-progress-count]');
    var fill = one(this.root, '[data-progress-fill]');
    if (this.score) {
      count.textContent = res.answered + '/' + this.n + ' 問 回答済み';
    } else {
      count.textContent = '回答済み ' + res.answered + '/' + this.n;
      one(this.root, '[data-progress-step]').textContent = this.n + '項目中' + res.total + '項目できています';
    }
    fill.style.width = (this.n ? (res.answered / this.n) * 100 : 0) + '%';
    if (this.view === 'result') this.fillResult();
  };

  /* ----- the question view ---------------------------------------------- */

  Quiz.prototype.showQuestions = function (p, focus) {
    this.view = 'questions';
    this.root.classList.remove('is-result');
    show(this.result, false);
    show(this.sheet, true);
    this.showPart(p, focus);
  };

  Quiz.prototype.showPart = function (p, focus) {
    var last = this.parts.length - 1;
    this.part = p;
    if (this.stepped) {
      this.parts.forEach(function (el, i) { el.classList.toggle('is-off', i !== p); });
      this.root.classList.toggle('is-later', p > 0);
      var title = one(this.parts[p], '.calc-part__name');
      one(this.root, '[data-progress-step]').textContent = this.parts.length > 1
        ? '第' + (p + 1) + '部 ' + (title ? title.textContent : '') + '（' + (p + 1) + '/' + this.parts.length + '）'
        : (title ? title.textContent : '');
    }
    var back = one(this.root, '[data-back]');
    var next = one(this.root, '[data-next]');
    back.hidden = !this.stepped || p === 0;
    next.textContent = this.stepped && p < last ? '次へ' : '結果を見る';
    next.classList.toggle('calc-button--result', !(this.stepped && p < last));
    this.alert('');
    if (focus) {
      var h = one(this.parts[p], '.calc-part__title');
      this.scrollTo(h);
      h.focus({ preventScroll: true });
    }
  };

  Quiz.prototype.scrollTo = function (el) {
    if (el && el.scrollIntoView) el.scrollIntoView({ block: 'start' });
  };

  Quiz.prototype.alert = function (html) {
    var el = one(this.root, '[data-alert]');
    el.innerHTML = html;
    el.hidden = !html;
  };

  /* In-page links (calc.js): the alert's 問N to that question, 「さっそく
   * 答える」 to the current part's heading. */
  Quiz.prototype.jump = function (target) {
    if (target.hasAttribute('data-item')) this.focusItem(+target.getAttribute('data-item'));
    else if (target === this.sheet && this.view === 'questions') {
      var h = one(this.parts[this.part], '.calc-part__title');
      this.scrollTo(this.sheet);
      h.focus({ preventScroll: true });
    } else C.jump(target);
  };

  Quiz.prototype.focusItem = function (k) {
    var f = this.items[k - 1];
    var input = f.querySelector('input:checked') || f.querySelector('input');
    this.scrollTo(f);
    input.focus({ preventScroll: true });
  };

  Quiz.prototype.next = function () {
    var items = this.stepped ? this.partItems(this.part) : this.items.map(function (f, i) { return i + 1; });
    var missing = items.filter(function (k) { return !this.answers[k - 1]; }, this);
    if (missing.length) {
      var word = this.score ? '問' : '';
      missing.forEach(function (k) {
        this.items[k - 1].classList.add('is-missing');
        show(one(this.items[k - 1], '[data-missing]'), true);
      }, this);
      var links = missing.map(function (k) { return '<a href="#q' + k + '">' + word + k + '</a>'; }).join('、');
      this.alert('まだ答えていない' + (this.score ? '質問' : '項目') + 'が' + missing.length + 'つあります（' + links +
        '）。答えてから進んでください。' + (this.score ? '分からないときは「わからない」を選べます。' : ''));
      this.focusItem(missing[0]);
      return;
    }
    if (this.stepped && this.part < this.parts.length - 1) this.showPart(this.part + 1, true);
    else this.showResult(true);
  };

  Quiz.prototype.back = function () {
    if (this.part > 0) this.showPart(this.part - 1, true);
  };

  Quiz.prototype.review = function () {
    this.showQuestions(0, true);
  };

  /* A new history entry: the browser's Back button brings the result back. */
  Quiz.prototype.restart = function () {
    this.answers.fill(0);
    this.syncInputs();
    this.items.forEach(function (f) { f.classList.remove('is-missing'); show(one(f, '[data-missing]'), false); });
    C.writeHash('', true);
    this.notice('');
    this.update();
    this.showQuestions(0, true);
  };

  /* ----- the result view ------------------------------------------------- */

  Quiz.prototype.showResult = function (focus) {
    this.view = 'result';
    this.root.classList.add('is-result');
    this.root.classList.remove('is-later');
    show(this.sheet, false);
    show(this.result, true);
    this.alert('');
    this.fillResult();
    this.toHash();
    var res = this.res;
    var band = this.bandOf(res.band);
    one(this.root, '[data-live]').textContent = (this.score
      ? '結果が出ました。合計' + C.grouped(res.total) + '点'
      : '結果が出ました。' + this.n + '項目中' + res.total + '項目できています') +
      (band ? '。' + band.label + '。' : '。');
    if (focus) {
      var h = one(this.result, '.calc-result__title');
      this.scrollTo(one(this.root, '[data-head]'));
      h.focus({ preventScroll: true });
    }
  };

  Quiz.prototype.bandOf = function (index) {
    for (var i = 0; i < this.bands.length; i++) if (this.bands[i].index === index) return this.bands[i];
    return null;
  };

  Quiz.prototype.fillResult = function () {
    var res = this.res;
    var root = this.root;
    if (!res) return;
    // Just the number, with an ASCII minus: tests and people both read it.
    one(root, '[data-total]').textContent = String(res.total);
    var done = one(root, '[data-done-text]');
    if (done) done.textContent = this.n + '項目中' + res.total + '項目できています';
    var band = this.bandOf(res.band);
    var label = one(root, '[data-band-label]');
    if (label) label.textContent = band ? band.label : '';
    all(root, '[data-band-message]').forEach(function (m) {
      show(m, +m.getAttribute('data-band-message') === res.band);
    });
    this.bands.forEach(function (b) { b.row.classList.toggle('is-you', b.index === res.band); });
    this.fillParts(res);
    this.fillComparison(res);
    this.fillLevels(res);
    this.fillAdvice();
    this.fillQr();
  };

  Quiz.prototype.fillParts = function (res) {
    var unit = this.score ? '点' : '項目';
    all(this.root, '[data-part-bar]').forEach(function (row) {
      var p = res.parts[+row.getAttribute('data-part-bar') - 1];
      if (!p) return;
      C.fill(one(row, '[data-chart]'), C.barSvg(p.points, 0, p.max));
      one(row, '[data-value]').textContent = C.grouped(p.points) + '/' + p.max + unit;
    });
  };

  Quiz.prototype.fillComparison = function (res) {
    var mean = one(this.root, '[data-mean-bars]');
    if (!mean) return;
    var rows = all(mean, '.calc-bars__row');
    C.fill(one(rows[0], '[data-chart]'), C.barSvg(res.total, res.min, res.max, 'calc-bar--you'));
    one(rows[0], '[data-value]').textContent = C.grouped(res.total) + '点';
    C.fill(one(rows[1], '[data-chart]'), C.barSvg(+mean.getAttribute('data-mean-x10') / 10, res.min, res.max, 'calc-bar--mean'));
    all(this.root, '[data-dist]').forEach(function (row) {
      var you = +row.getAttribute('data-dist') === res.band;
      row.classList.toggle('is-you', you);
      show(one(row, '[data-you]'), you);
      C.fill(one(row, '[data-chart]'), C.barSvg(+row.getAttribute('data-national-x10') / 10, 0, 100,
        you ? 'calc-bar--you' : 'calc-bar--other'));
    });
  };

  Quiz.prototype.fillLevels = function (res) {
    all(this.root, '[data-level]').forEach(function (lv) {
      var reached = res.level >= +lv.getAttribute('data-level');
      lv.classList.toggle('is-reached', reached);
      one(lv, '[data-level-status]').textContent = reached ? '届いています' : 'まだ届いていません';
      show(one(lv, '[data-level-message]'), reached);
      all(lv, '[data-slots]').forEach(function (req) {
        var met = req.getAttribute('data-slots').split(',').every(function (s) { return res.reqs[+s]; });
        req.classList.toggle('is-met', met);
        one(req, '[data-req-state]').textContent = met ? '（できています）' : '（まだです）';
      });
    });
  };

  Quiz.prototype.fillAdvice = function () {
    var shown = 0;
    all(this.root, '[data-advice-item]').forEach(function (li) {
      var k = +li.getAttribute('data-advice-item');
      var a = this.answers[k - 1];
      var on = a > 0 && this.adviceFor.indexOf(a) >= 0;
      show(li, on);
      if (!on) return;
      shown++;
      var chosen = this.items[k - 1].querySelector('input:checked');
      var label = chosen && one(chosen.parentNode, '.calc-choice__label');
      one(li, '[data-advice-answer]').textContent = label ? 'あなたの答え：' + label.textContent : '';
    }, this);
    // Many items do not fit on one printed page with their text: print
    // them as a list to tick (calc.css).
    this.result.classList.toggle('is-many-advice', shown > PRINT_FULL_ADVICE);
    show(one(this.root, '[data-advice-none]'), shown === 0);
    show(one(this.root, '[data-advice-lead]'), shown > 0);
    var source = one(this.root, '.calc-advice__source');
    if (source) show(source, !!one(this.root, '[data-advice-item]:not([hidden]) .calc-advice__national'));
  };

  Quiz.prototype.fillQr = function () {
    var text = this.resultUrl + '#a=' + this.digits();
    if (text === this.qrText) return;
    this.qrText = text;
    var slot = one(this.root, '[data-qr-code]');
    var svg = C.qrSvg(text, 'この結果を開くQRコード');
    C.fill(slot, svg);
    show(one(this.root, '[data-qr]'), !!svg);
  };

  C.quiz = function (root) { return new Quiz(root); };
}());
