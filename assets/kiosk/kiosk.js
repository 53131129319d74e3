/*
 * kiosk.js -- the kiosk (templates/kiosk/index.mustache): one page with
 * screens, for a touch screen in a lobby.
 *
 *  - Screens: one [data-screen] is shown at a time; [data-go=ID] buttons
 *    open a screen, 「もどる」 goes back, 「はじめから」 starts over.
 *  - Attract screen: the facts take turns; a touch opens the menu.
 *  - Idle: after data-idle seconds without a touch (not on the attract
 *    screen), 「続けますか？」 counts down data-warning seconds, then the
 *    kiosk starts over.  Starting over reloads the page: every answer,
 *    every DOM state and every timer is gone, and nothing was ever
 *    written anywhere (no storage, no cookies, nothing in the address:
 *    the calculators' #a= is switched off here, so that the browser's
 *    history never holds a visitor's answers).
 *  - Calculators (assets/js/calc/, unchanged): one question at a time on
 *    top of their DOM contract, moving on after an answer; +/- for the
 *    numbers of the cost page; print only when the launcher has a printer.
 *  - Search (assets/js/search/search.js): a kana keyboard and suggested
 *    words; results open their screen, or a QR code of the page.
 *  - Karuta (assets/js/karuta/play.js): mounted when its screen opens.
 *  - Links that leave the kiosk are QR codes (drawn when a screen opens);
 *    glossary terms open their definition.
 *  - Touch: no text selection, no long-press menu, no zoom gestures.
 *
 * Address parameters, used by the launcher and the tests only:
 * ?print=0 (no printer), ?idle=S&warn=S (seconds), ?seed=N (karuta).
 * They survive starting over.
 */
(function () {
  'use strict';
  var C = window.MAMORU_CALC = window.MAMORU_CALC || {};
  var doc = document;
  var root = doc.documentElement;
  var K = window.MAMORU_KIOSK = { readyAt: null, screen: 'attract' };

  // The calculators keep their answers in the address (#a=) on the
  // website; here the answers stay in the page only.
  C.writeHash = function () {};

  var FACT_MS = 8000;
  var ADVANCE_MS = 450;

  /* ----- settings ---------------------------------------------------------- */

  var params = (function () {
    var out = {}, keep = [];
    var q = window.location.search.replace(/^\?/, '').split('&');
    for (var i = 0; i < q.length; i++) {
      var m = /^(idle|warn|print|seed)=([0-9]+)$/.exec(q[i]);
      if (m) {
        out[m[1]] = parseInt(m[2], 10);
        keep.push(m[0]);
      }
    }
    out.search = keep.length ? '?' + keep.join('&') : '';
    return out;
  }());

  function all(el, sel) { return Array.prototype.slice.call(el.querySelectorAll(sel)); }
  function one(el, sel) { return el.querySelector(sel); }

  /* ----- screens ------------------------------------------------------------- */

  var screens = {};
  var stack = [];
  var current = 'attract';
  var bar, backButton;

  function focusTitle(screen) {
    var h = one(screen, '.k-title, h1');
    if (h) h.focus({ preventScroll: true });
  }

  function show(id, fromBack) {
    var next = screens[id];
    if (!next) return;
    if (id === 'home') stack = [];
    else if (id !== current && !fromBack && current !== 'attract') stack = stack.concat(current).slice(-20);
    if (id !== current) {
      screens[current].hidden = true;
      next.hidden = false;
      current = K.screen = id;
    }
    doc.body.classList.toggle('is-attract', id === 'attract');
    backButton.hidden = id === 'attract' || id === 'home' || stack.length === 0;
    window.scrollTo(0, 0);
    drawQrs(next);
    if (id === 'karuta') mountKaruta(next);
    var step = steppers[id];
    if (step) step.shown();
    else focusTitle(next);
    attract(id === 'attract');
    armIdle();
  }

  function back() {
    var id = stack.pop();
    show(id || 'home', true);
  }

  /* Start over: the page is loaded again from disk, clean. */
  function reset() {
    clearTimeout(idleTimer);
    clearInterval(countTimer);
    attract(false);
    try { window.name = ''; } catch (e) { /* nothing to clear */ }
    if (idleDialog && idleDialog.open) idleDialog.close();
    for (var id in screens) if (Object.prototype.hasOwnProperty.call(screens, id)) screens[id].hidden = id !== 'attract';
    doc.body.classList.add('is-attract');
    window.location.replace(window.location.href.replace(/[?#].*$/, '') + params.search);
  }
  K.reset = reset;
  K.show = show;

  /* ----- the attract screen ----------------------------------------------- */

  var factTimer = 0;
  var factAt = 0;

  function attract(on) {
    clearInterval(factTimer);
    factTimer = 0;
    var slides = all(doc, '[data-fact-slide]');
    if (!on || slides.length < 2) return;
    factTimer = setInterval(function () {
      factAt = (factAt + 1) % slides.length;
      slides.forEach(function (s, i) { s.hidden = i !== factAt; });
      all(doc, '[data-fact-dot]').forEach(function (d, i) { d.classList.toggle('is-on', i === factAt); });
    }, FACT_MS);
  }

  /* ----- idle ----------------------------------------------------------------- */

  var idleTimer = 0;
  var countTimer = 0;
  var idleDialog = null;

  function idleSeconds() { return Math.max(2, params.idle || +doc.body.getAttribute('data-idle') || 90); }
  function warnSeconds() { return Math.max(2, params.warn || +doc.body.getAttribute('data-warning') || 15); }

  function armIdle() {
    clearTimeout(idleTimer);
    if (current === 'attract' || (idleDialog && idleDialog.open)) return;
    idleTimer = setTimeout(warn, idleSeconds() * 1000);
  }

  function warn() {
    var left = warnSeconds();
    all(doc, 'dialog[open]').forEach(function (d) { d.close(); });
    opener = null;
    var count = one(idleDialog, '[data-idle-count]');
    count.textContent = String(left);
    openDialog(idleDialog, one(idleDialog, '[data-idle-continue]'));
    clearInterval(countTimer);
    countTimer = setInterval(function () {
      left--;
      count.textContent = String(Math.max(0, left));
      if (left <= 0) reset();
    }, 1000);
  }

  function keepGoing() {
    clearInterval(countTimer);
    if (idleDialog.open) closeDialog(idleDialog);
    armIdle();
  }

  /* ----- dialogs -------------------------------------------------------------- */

  var opener = null;

  function openDialog(d, focus) {
    if (d.open) return;
    opener = doc.activeElement;
    d.showModal();
    if (focus) focus.focus();
  }

  function closeDialog(d) {
    d.close();
    if (opener && opener.focus && doc.contains(opener)) opener.focus({ preventScroll: true });
    opener = null;
  }

  function showTerm(id) {
    var d = one(doc, '[data-term-dialog]');
    var li = null;
    all(doc, '[data-terms] li').some(function (x) { return x.getAttribute('data-id') === id && (li = x); });
    if (!d || !li) return;
    one(d, '[data-term-name]').textContent = li.getAttribute('data-term');
    var reading = li.getAttribute('data-reading');
    one(d, '[data-term-reading]').textContent = reading && reading !== li.getAttribute('data-term') ? '（' + reading + '）' : '';
    one(d, '[data-term-def]').textContent = li.textContent;
    var en = li.getAttribute('data-en');
    one(d, '[data-term-en]').textContent = en ? '英語：' + en : '';
    openDialog(d, one(d, '[data-dialog-close]'));
  }

  function showQr(title, url) {
    var d = one(doc, '[data-qr-dialog]');
    one(d, '[data-qr-dialog-title]').textContent = title;
    one(d, '[data-qr-dialog-url]').textContent = url;
    C.fill(one(d, '[data-qr-dialog-code]'), C.qrSvg ? C.qrSvg(url, '「' + title + '」を開くQRコード') : null);
    openDialog(d, one(d, '[data-dialog-close]'));
  }

  /* ----- links: QR codes, routes ---------------------------------------- */

  function drawQrs(screen) {
    all(screen, '[data-qr-url]').forEach(function (el) {
      if (el.hasAttribute('data-drawn') || !C.qrSvg) return;
      var url = el.getAttribute('data-qr-url');
      var svg = C.qrSvg(url, (el.getAttribute('data-qr-label') || '') + 'のQRコード');
      C.fill(one(el, '[data-qr-slot]'), svg);
      el.setAttribute('data-drawn', '');
    });
  }

  var routes = {};

  function publicUrl(out) {
    return (doc.body.getAttribute('data-base-url') || '') + out.replace(/index\.html$/, '');
  }

  /* A search result: its screen, or the page's QR code. */
  function follow(a) {
    var out = decodeURIComponent(a.getAttribute('href').replace(/^#k-go=/, ''));
    if (routes[out]) show(routes[out]);
    else showQr(a.textContent.trim(), publicUrl(out));
  }

  /* ----- one question at a time ------------------------------------------- */

  var steppers = {};
  var lastInput = 'pointer';

  function Stepper(screen) {
    var self = this;
    this.screen = screen;
    this.root = one(screen, '[data-calc]');
    this.items = all(this.root, '[data-item]');
    this.parts = all(this.root, '[data-part]');
    // calc-quiz.js shows score pages one part at a time; checklists whole.
    this.stepped = this.root.getAttribute('data-kind') === 'score';
    this.nav = one(this.root, '[data-k-step]');
    this.nextButton = one(this.root, '[data-k-next]');
    this.at = 0;
    this.mode = 'intro';
    this.timer = 0;
    this.root.classList.add('k-stepped', 'k-intro');
    one(this.root, '[data-k-begin]').addEventListener('click', function () { self.begin(); });
    one(this.root, '[data-k-prev]').addEventListener('click', function () { self.prev(); });
    this.nextButton.addEventListener('click', function () { self.next(); });
    this.root.addEventListener('change', function (e) {
      if (!e.target || e.target.type !== 'radio') return;
      self.update();
      var f = e.target.closest('[data-item]');
      if (lastInput === 'key' || f !== self.items[self.at]) return;
      clearTimeout(self.timer);
      self.timer = setTimeout(function () {
        if (self.mode === 'questions' && f === self.items[self.at]) self.next();
      }, ADVANCE_MS);
    });
    // 答えを見直す / もう一度答える (calc-quiz.js) show the first part.
    all(this.root, '[data-review], [data-restart]').forEach(function (b) {
      b.addEventListener('click', function () { self.mode = 'questions'; self.go(0); });
    });
    // The alert's 問N links (calc-quiz.js) go to that question.
    this.root.addEventListener('click', function (e) {
      var a = e.target.closest && e.target.closest('[data-alert] a[href^="#q"]');
      if (!a) return;
      e.preventDefault();
      e.stopPropagation();
      self.go(parseInt(a.getAttribute('href').slice(2), 10) - 1);
    }, true);
  }

  Stepper.prototype.answered = function (i) {
    return !!this.items[i].querySelector('input:checked');
  };

  Stepper.prototype.partOf = function (i) {
    var k = i + 1;
    for (var p = 0; p < this.parts.length; p++) {
      if (k >= +this.parts[p].getAttribute('data-first') && k <= +this.parts[p].getAttribute('data-last')) return p;
    }
    return 0;
  };

  /* The part calc-quiz.js shows (the others have is-off). */
  Stepper.prototype.shownPart = function () {
    for (var p = 0; p < this.parts.length; p++) if (!this.parts[p].classList.contains('is-off')) return p;
    return 0;
  };

  Stepper.prototype.shown = function () {
    if (this.mode === 'questions') this.focusItem();
    else focusTitle(this.screen);
  };

  Stepper.prototype.begin = function () {
    this.mode = 'questions';
    this.root.classList.remove('k-intro');
    this.go(0);
  };

  /* Show question i, moving calc-quiz.js to its part first. */
  Stepper.prototype.go = function (i) {
    clearTimeout(this.timer);
    i = Math.max(0, Math.min(this.items.length - 1, i));
    var want = this.partOf(i);
    var guard = this.stepped ? this.parts.length : 0;
    while (guard-- > 0 && this.shownPart() !== want) {
      one(this.root, this.shownPart() < want ? '[data-next]' : '[data-back]').click();
    }
    this.at = i;
    this.root.classList.remove('is-result');
    this.root.classList.add('k-one');
    this.items.forEach(function (f, k) { f.classList.toggle('is-current', k === i); });
    this.nav.hidden = false;
    window.scrollTo(0, 0);
    this.update();
    this.focusItem();
  };

  Stepper.prototype.focusItem = function () {
    var f = this.items[this.at];
    var input = f.querySelector('input:checked') || f.querySelector('input');
    if (input) input.focus({ preventScroll: true });
  };

  Stepper.prototype.update = function () {
    if (this.mode !== 'questions') return;
    var last = this.at === this.items.length - 1;
    one(this.root, '[data-k-prev]').hidden = this.at === 0;
    this.nextButton.disabled = !this.answered(this.at);
    one(this.nextButton, '[data-k-next-label]').textContent = last ? '結果を見る' : '次へ';
    this.nextButton.classList.toggle('is-result', last);
  };

  Stepper.prototype.next = function () {
    if (!this.answered(this.at)) return;
    if (this.at < this.items.length - 1) {
      this.go(this.at + 1);
      return;
    }
    // The last answer: calc-quiz.js checks every part and shows the result.
    one(this.root, '[data-next]').click();
    if (this.root.classList.contains('is-result')) {
      this.mode = 'result';
      this.root.classList.remove('k-one');
      this.nav.hidden = true;
      drawQrs(this.screen);
      window.scrollTo(0, 0);
      var h = one(this.root, '[data-result] .calc-result__title');
      if (h) h.focus({ preventScroll: true });
    }
  };

  Stepper.prototype.prev = function () {
    if (this.at > 0) this.go(this.at - 1);
  };

  /* ----- the cost page: +/- in steps of 1, 2, 3, 5 × 10^n ----------------- */

  function nice(v, up, min, max) {
    var steps = [min, max];
    for (var p = 1; p <= 1e9; p *= 10) [1, 2, 3, 5].forEach(function (m) { steps.push(m * p); });
    steps = steps.filter(function (s) { return s >= min && s <= max; }).sort(function (a, b) { return a - b; });
    if (up) { for (var i = 0; i < steps.length; i++) if (steps[i] > v) return steps[i]; return max; }
    for (var k = steps.length - 1; k >= 0; k--) if (steps[k] < v) return steps[k];
    return min;
  }

  function stepField(button) {
    var input = one(button.closest('.k-stepper'), 'input');
    var min = +input.getAttribute('data-min'), max = +input.getAttribute('data-max');
    var now = parseInt(String(input.value).replace(/[^0-9]/g, ''), 10);
    if (!isFinite(now)) now = +input.getAttribute('data-default');
    input.value = String(nice(now, +button.getAttribute('data-k-stepper') > 0, min, max));
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }

  /* ----- search: kana keyboard, suggestions, results ---------------------- */

  var KANA = {
    dakuten: ['かきくけこさしすせそたちつてとはひふへほう', 'がぎぐげござじずぜぞだぢづでどばびぶべぼゔ'],
    handakuten: ['はひふへほ', 'ぱぴぷぺぽ'],
    small: ['あいうえおつやゆよわ', 'ぁぃぅぇぉっゃゅょゎ']
  };

  function modify(text, mod) {
    if (mod === 'delete') return text.slice(0, -1);
    var last = text.slice(-1), pair = KANA[mod];
    if (!pair || !last) return text;
    // ば + ゛ undoes it, ぱ + ゛ makes ば, as on a phone.
    var at = pair[0].indexOf(last);
    if (at >= 0) return text.slice(0, -1) + pair[1][at];
    at = pair[1].indexOf(last);
    if (at >= 0) return text.slice(0, -1) + pair[0][at];
    var other = mod === 'dakuten' ? KANA.handakuten : mod === 'handakuten' ? KANA.dakuten : null;
    if (other && (at = other[1].indexOf(last)) >= 0) return modify(text.slice(0, -1) + other[0][at], mod);
    return text;
  }

  function typeInto(input, text) {
    input.value = text.slice(0, 60);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }

  /* ----- karuta -------------------------------------------------------------- */

  var karuta = null;

  function mountKaruta(screen) {
    var el = one(screen, '[data-karuta-play]');
    if (karuta || !el || !window.MamoruKaruta) return;
    try {
      karuta = window.MamoruKaruta.mount(el, {
        rounds: +el.getAttribute('data-rounds') || 10,
        choices: +el.getAttribute('data-choices') || 6,
        seed: params.seed != null ? params.seed : null,
        speech: false, // a voice may be a network service; the kiosk sends nothing
        links: false,
        focus: false
      });
      el.setAttribute('data-state', 'ready');
    } catch (e) {
      el.setAttribute('data-state', 'failed');
    }
    // After an answer: the card's guide, when the kiosk has it.
    el.addEventListener('karuta:answer', function (e) {
      var card = null;
      all(el, '[data-karuta-deck] li').some(function (li) {
        return li.getAttribute('data-kana') === e.detail.kana && (card = li);
      });
      var go = card && one(card, '[data-go]');
      var list = one(el, '.kp__links');
      if (!go || !list) return;
      var li = doc.createElement('li');
      var b = go.cloneNode(true);
      b.className = 'k-button k-karuta__guide';
      b.textContent = 'ガイドを読む：' + go.textContent;
      li.appendChild(b);
      list.appendChild(li);
      list.hidden = false;
    });
  }

  /* ----- touch: no selection, menus or zoom ---------------------------- */

  function editable(t) {
    return t && t.nodeType === 1 && /^(INPUT|TEXTAREA)$/.test(t.tagName);
  }

  function guard() {
    doc.addEventListener('contextmenu', function (e) { e.preventDefault(); });
    doc.addEventListener('selectstart', function (e) { if (!editable(e.target)) e.preventDefault(); });
    doc.addEventListener('dragstart', function (e) { e.preventDefault(); });
    doc.addEventListener('auxclick', function (e) { e.preventDefault(); });
    doc.addEventListener('submit', function (e) { e.preventDefault(); }, true);
    window.addEventListener('wheel', function (e) { if (e.ctrlKey) e.preventDefault(); }, { passive: false });
    doc.addEventListener('keydown', function (e) {
      // Ctrl/Cmd + +, -, 0, S, O, P, F: no zoom, saving, opening or printing from the keyboard.
      if ((e.ctrlKey || e.metaKey) && /^[-=+0sopf]$/i.test(e.key)) e.preventDefault();
    });
  }

  /* ----- start -------------------------------------------------------------- */

  function onActivity(e) {
    lastInput = e.type === 'keydown' ? 'key' : 'pointer';
    if (!idleDialog || !idleDialog.open) armIdle();
  }

  function onClick(e) {
    var t = e.target;
    if (!t || !t.closest) return;
    var el;
    if ((el = t.closest('a[href]'))) {
      e.preventDefault();
      if (/^#k-go=/.test(el.getAttribute('href'))) follow(el);
      return;
    }
    if ((el = t.closest('[data-go]'))) show(el.getAttribute('data-go'));
    else if ((el = t.closest('[data-term]'))) showTerm(el.getAttribute('data-term'));
    else if (t.closest('[data-restart-kiosk]')) reset();
    else if (t.closest('[data-back-screen]')) back();
    else if ((el = t.closest('[data-large]'))) toggle(el, 'k-large');
    else if ((el = t.closest('[data-ruby]'))) toggle(el, 'show-ruby');
    else if ((el = t.closest('[data-dialog-close]'))) closeDialog(el.closest('dialog'));
    else if ((el = t.closest('[data-k-stepper]'))) stepField(el);
    else if ((el = t.closest('[data-k-key]'))) {
      var q = one(el.closest('.k-search'), 'input[name="q"]');
      typeInto(q, q.value + el.getAttribute('data-k-key'));
    } else if ((el = t.closest('[data-k-mod]'))) {
      var q2 = one(el.closest('.k-search'), 'input[name="q"]');
      typeInto(q2, modify(q2.value, el.getAttribute('data-k-mod')));
    } else if ((el = t.closest('[data-k-word]'))) {
      typeInto(one(el.closest('.k-search'), 'input[name="q"]'), el.getAttribute('data-k-word'));
    } else if ((el = t.closest('[data-k-clear]'))) {
      typeInto(one(el.closest('.k-search'), 'input[name="q"]'), '');
    }
  }

  function toggle(button, cls) {
    var on = !root.classList.contains(cls);
    root.classList.toggle(cls, on);
    button.setAttribute('aria-pressed', on ? 'true' : 'false');
  }

  /* Ready when the fonts are in and the cores are running (the tests and
   * the cold-start measurement wait for data-k-ready). */
  function whenReady() {
    var pending = all(doc, '[data-calc], [data-search]').some(function (el) {
      var s = el.getAttribute('data-state');
      return s !== 'ready' && s !== 'failed';
    });
    if (pending) { setTimeout(whenReady, 10); return; }
    (doc.fonts && doc.fonts.ready ? doc.fonts.ready : Promise.resolve()).then(function () {
      K.readyAt = window.performance ? window.performance.now() : 0;
      root.setAttribute('data-k-ready', '');
    });
  }

  function init() {
    bar = one(doc, '[data-bar]');
    backButton = one(bar, '[data-back-screen]');
    idleDialog = one(doc, '[data-idle-dialog]');
    all(doc, '[data-screen]').forEach(function (s) {
      screens[s.getAttribute('data-screen')] = s;
      s.hidden = s.getAttribute('data-screen') !== 'attract';
    });
    all(doc, '[data-routes] li').forEach(function (li) {
      routes[li.getAttribute('data-out')] = li.getAttribute('data-to');
    });
    all(doc, '[data-calc][data-kind="score"], [data-calc][data-kind="checklist"]').forEach(function (c) {
      var s = c.closest('[data-screen]');
      steppers[s.getAttribute('data-screen')] = new Stepper(s);
    });
    // Checklists of the guides are boxes to tick on paper, not controls.
    all(doc, '.prose .task-list-item-checkbox').forEach(function (b) { b.setAttribute('aria-hidden', 'true'); });
    if (params.print === 0) root.classList.add('k-no-print');
    all(doc, '[data-fact-dot]').forEach(function (d, i) { d.classList.toggle('is-on', i === 0); });

    guard();
    ['pointerdown', 'keydown', 'wheel', 'touchstart', 'input'].forEach(function (t) {
      doc.addEventListener(t, onActivity, { capture: true, passive: true });
    });
    doc.addEventListener('click', onClick);
    one(screens.attract, '[data-start]').addEventListener('click', function (e) {
      e.stopPropagation();
      show('home');
    });
    screens.attract.addEventListener('click', function () { if (current === 'attract') show('home'); });
    one(idleDialog, '[data-idle-continue]').addEventListener('click', keepGoing);
    one(idleDialog, '[data-idle-end]').addEventListener('click', reset);
    idleDialog.addEventListener('cancel', function (e) { e.preventDefault(); keepGoing(); });
    // A touch beside the box (on the backdrop) also means 「続ける」.
    idleDialog.addEventListener('click', function (e) { if (e.target === idleDialog) keepGoing(); });
    all(doc, 'dialog:not([data-idle-dialog])').forEach(function (d) {
      d.addEventListener('click', function (e) { if (e.target === d) closeDialog(d); });
    });
    attract(true);
    whenReady();
  }

  doc.addEventListener('DOMContentLoaded', init);
}());
