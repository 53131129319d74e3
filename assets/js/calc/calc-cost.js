/*
 * calc-cost.js -- cost pages (kind: cost): number fields and switches, and
 * a table of every cost line with its amount from the scoring core
 * (calc.js), recalculated as the reader types.  The values are kept in the
 * address as #v=<n>,<n>,… in input order (docs/calculators.md).
 */
(function () {
  'use strict';
  var C = window.MAMORU_CALC = window.MAMORU_CALC || {};

  function all(root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }
  function one(root, sel) { return root.querySelector(sel); }
  function show(el, on) { if (el) el.hidden = !on; }

  /* "３０万", "300,000", " 300000 円" -> "300000"; null if not a whole number. */
  function digitsOf(text) {
    var t = String(text).replace(/[０-９]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xFEE0); })
      .replace(/[,，、\s]/g, '');
    return /^[0-9]{1,12}$/.test(t) ? t : null;
  }

  function Cost(root) {
    this.root = root;
    this.fields = all(root, '[data-input]').sort(function (a, b) {
      return a.getAttribute('data-input') - b.getAttribute('data-input');
    });
    this.values = new Int32Array(this.fields.length);
    this.core = null;
    this.resultUrl = root.getAttribute('data-result-url') || '';
    this.qrText = '';
    this.liveTimer = 0;
  }

  Cost.prototype.range = function (f) {
    return { min: +f.getAttribute('data-min'), max: +f.getAttribute('data-max'), def: +f.getAttribute('data-default') };
  };

  Cost.prototype.start = function () {
    var self = this;
    var root = this.root;
    this.enhance(true);
    this.fields.forEach(function (f, i) {
      self.setField(i, self.range(f).def);
      f.addEventListener(f.type === 'checkbox' ? 'change' : 'input', function () { self.edit(i); });
      if (f.type !== 'checkbox') f.addEventListener('blur', function () { self.tidy(i); });
    });
    one(root, '[data-reset]').addEventListener('click', function () { self.reset(); });
    all(root, '[data-print-result]').forEach(function (b) {
      b.addEventListener('click', function () { window.print(); });
    });
    window.addEventListener('hashchange', function () { self.fromHash(false); });
    this.fromHash(true);
  };

  Cost.prototype.ready = function (core) {
    this.core = core;
    this.update(false);
  };

  /* The parts that need the core: shown with it, hidden (as without the
   * script) when it cannot run. */
  Cost.prototype.enhance = function (on) {
    var root = this.root;
    root.classList.toggle('calc--js', on);
    show(one(root, '[data-nojs]'), !on);
    all(root, '[data-cost-total], [data-amount-head], [data-cost-tools], [data-cost-share], [data-cost-sticky], [data-line-amount]')
      .forEach(function (el) { show(el, on); });
  };

  Cost.prototype.fail = function () {
    var root = this.root;
    this.enhance(false);
    one(root, '[data-notice]').textContent = 'この端末のブラウザでは、金額を自動で計算できませんでした。費用の項目と出典は下の表にあります。';
  };

  /* Shows value in field i (and keeps it). */
  Cost.prototype.setField = function (i, value) {
    var f = this.fields[i];
    this.values[i] = value;
    if (f.type === 'checkbox') f.checked = value !== 0;
    else f.value = String(value);
    this.hint(i, '');
  };

  /* The line under a number field: the value in words, or a problem. */
  Cost.prototype.hint = function (i, problem) {
    var f = this.fields[i];
    if (f.type === 'checkbox') return;
    var hint = document.getElementById(f.id + '-hint');
    var r = this.range(f);
    var unit = f.getAttribute('data-unit') || '';
    f.setAttribute('aria-invalid', problem ? 'true' : 'false');
    hint.classList.toggle('is-problem', !!problem);
    hint.textContent = problem ||
      ('＝' + C.man(this.values[i]) + unit + '（' + C.man(r.min) + '〜' + C.man(r.max) + unit + 'まで）');
  };

  Cost.prototype.edit = function (i) {
    var f = this.fields[i];
    var r = this.range(f);
    if (f.type === 'checkbox') {
      this.values[i] = f.checked ? 1 : 0;
    } else {
      var d = digitsOf(f.value);
      if (f.value.trim() === '') {
        this.values[i] = r.min;
        this.hint(i, '空欄のときは' + C.grouped(r.min) + 'として計算します。');
      } else if (d === null) {
        this.hint(i, '数字だけで入れてください（例：' + C.grouped(r.def).replace(/,/g, '') + '）。');
        return;
      } else {
        var v = Number(d);
        this.values[i] = Math.max(r.min, Math.min(r.max, v));
        if (v > r.max) this.hint(i, '入れられるのは' + C.grouped(r.max) + 'までです。' + C.grouped(r.max) + 'として計算しています。');
        else if (v < r.min) this.hint(i, C.grouped(r.min) + '以上で入れてください。' + C.grouped(r.min) + 'として計算しています。');
        else this.hint(i, '');
      }
    }
    this.update(true);
    C.writeHash('v=' + Array.prototype.join.call(this.values, ','), false);
  };

  /* On leaving a field: show the number it was counted as. */
  Cost.prototype.tidy = function (i) {
    var f = this.fields[i];
    if (digitsOf(f.value) !== null || f.value.trim() === '') this.setField(i, this.values[i]);
  };

  Cost.prototype.reset = function () {
    this.fields.forEach(function (f, i) { this.setField(i, this.range(f).def); }, this);
    C.writeHash('', false);
    this.update(true);
    this.fields[0].focus();
  };

  Cost.prototype.fromHash = function (atLoad) {
    var n = this.fields.length;
    var h = C.readHash('v', function (t) {
      var parts = t.split(',');
      return parts.length === n && parts.every(function (p) { return /^-?[0-9]{1,12}$/.test(p); });
    });
    if (h.state === 'bad') {
      one(this.root, '[data-notice]').textContent =
        'アドレスの「#v=」のあとの数字の形が正しくなかったので、はじめの値で計算しています。';
      return;
    }
    if (h.state !== 'ok') return;
    h.text.split(',').forEach(function (p, i) {
      var r = this.range(this.fields[i]);
      this.setField(i, Math.max(r.min, Math.min(r.max, Number(p))));
    }, this);
    if (!atLoad) one(this.root, '[data-notice]').textContent = '';
    this.update(!atLoad);
  };

  Cost.prototype.update = function (announce) {
    var self = this;
    if (!this.core) return;
    var res = this.core.evaluate(new Uint8Array(0), this.values);
    var whenOf = this.core.shape.lineWhen;
    all(this.root, '[data-line]').forEach(function (tr) {
      var k = +tr.getAttribute('data-line');
      var line = res.lines[k];
      var cell = one(tr, '[data-line-amount]');
      var off = whenOf[k] >= 0 && self.values[whenOf[k]] === 0;
      tr.classList.toggle('is-off', off);
      cell.setAttribute('data-yen-min', line.min);
      cell.setAttribute('data-yen-max', line.max);
      if (off) cell.textContent = '今回は含めていません';
      else C.yenRange(cell, line.min, line.max);
    });
    C.yenRange(one(this.root, '[data-cost-range]'), res.costMin, res.costMax);
    var lo = one(this.root, '[data-cost-min]');
    var hi = one(this.root, '[data-cost-max]');
    lo.textContent = C.yen(res.costMin);
    hi.textContent = C.yen(res.costMax);
    lo.setAttribute('data-yen', res.costMin);
    hi.setAttribute('data-yen', res.costMax);
    this.fillQr();
    if (announce) {
      window.clearTimeout(this.liveTimer);
      this.liveTimer = window.setTimeout(function () {
        one(self.root, '[data-live]').textContent =
          '合計の目安は' + C.yen(res.costMin) + 'から' + C.yen(res.costMax) + 'です。';
      }, 800);
    }
  };

  Cost.prototype.fillQr = function () {
    var text = this.resultUrl + '#v=' + Array.prototype.join.call(this.values, ',');
    if (text === this.qrText) return;
    this.qrText = text;
    var svg = C.qrSvg(text, 'この計算を開くQRコード');
    C.fill(one(this.root, '[data-qr-code]'), svg);
    show(one(this.root, '[data-qr]'), !!svg);
  };

  C.cost = function (root) { return new Cost(root); };
}());
