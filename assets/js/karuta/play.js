/*
 * karuta/play.js -- play mode of the karuta deck (karuta/play/index.html,
 * and the kiosk, which mounts the same game into its own element).
 *
 * A 読み札 is shown (and read aloud when the device has a Japanese voice);
 * the player picks the matching 絵札 among a few; each answer shows whether
 * it was right, the right card and the 解説; after a round (10 cards) the
 * result and 「もう一度」.  Nothing is stored and nothing is sent.
 *
 *   window.MamoruKaruta.mount(element, options) -> game
 *   window.MamoruKaruta.readDeck(deckElement)   -> [card, ...]
 *
 * element holds (or options.deck is) the deck data of karuta-play.mustache:
 * [data-karuta-deck] > li[data-kana][data-theme][data-yomi][data-url]
 * ([data-guide-url], [data-guide-title]) with [data-verse] and
 * <template data-kaisetsu>.  Every [data-karuta-play] element of a page is
 * mounted at DOMContentLoaded unless it carries data-karuta-manual.
 * docs/templates.md describes the options and events.
 */
(function () {
  'use strict';

  var DEFAULTS = {
    rounds: 10,       // cards in a round (at most the deck's size)
    choices: 6,       // 絵札 to pick from, 4 to 6
    seed: null,       // a number: the same cards every time (tests); null: Math.random
    speech: true,     // offer reading aloud when a Japanese voice exists
    autoSpeak: true,  // read each new card aloud (after the first touch or key)
    galleryUrl: null, // link on the result screen; default: the deck's data-gallery-url
    links: true,      // links to the card's page and guide under the 解説
    focus: false      // move focus to the first 読み札 when mounted
  };

  /* ----- random numbers ------------------------------------------------- */

  // mulberry32: a small seeded generator, good enough to shuffle cards.
  function seeded(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6D2B79F5) >>> 0;
      var t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function shuffle(list, random) {
    var a = list.slice();
    for (var i = a.length - 1; i > 0; i--) {
      var j = Math.floor(random() * (i + 1));
      var t = a[i]; a[i] = a[j]; a[j] = t;
    }
    return a;
  }

  /* ----- the deck ------------------------------------------------------- */

  function readDeck(el) {
    var items = el ? el.querySelectorAll('li[data-kana]') : [];
    var cards = [];
    for (var i = 0; i < items.length; i++) {
      var li = items[i];
      var verse = li.querySelector('[data-verse]');
      cards.push({
        kana: li.getAttribute('data-kana'),
        theme: li.getAttribute('data-theme') || '',
        yomi: li.getAttribute('data-yomi') || '',
        url: li.getAttribute('data-url') || '',
        guideUrl: li.getAttribute('data-guide-url') || '',
        guideTitle: li.getAttribute('data-guide-title') || '',
        verse: verse ? verse.textContent.trim() : '',
        kaisetsu: li.querySelector('template[data-kaisetsu]')
      });
    }
    return cards;
  }

  // を is read お (deck.yaml): a を card never has お beside it, nor the
  // other way round, since the ear cannot tell them apart.
  function sameSound(a, b) {
    return (a === 'お' && b === 'を') || (a === 'を' && b === 'お');
  }

  // The phrases of a verse (五・七・五), as written: separated by spaces.
  function phrases(verse) {
    return verse.split(/[\s\u3000]+/).filter(function (s) { return s !== ''; });
  }

  /* ----- reading aloud --------------------------------------------------- */

  // speechSynthesis with a Japanese voice, or nothing: every call is safe
  // on browsers without it, without voices, or when speaking is refused.
  function createSpeech() {
    var synth = null;
    var voice = null;
    var listeners = [];
    try {
      if (window.speechSynthesis && typeof window.SpeechSynthesisUtterance === 'function') {
        synth = window.speechSynthesis;
      }
    } catch (e) { synth = null; }

    function pick() {
      var before = voice;
      voice = null;
      if (!synth) return;
      var voices = [];
      try { voices = synth.getVoices() || []; } catch (e) { voices = []; }
      var ja = [];
      for (var i = 0; i < voices.length; i++) {
        if (voices[i] && /^ja([-_]|$)/i.test(String(voices[i].lang || ''))) ja.push(voices[i]);
      }
      // A voice on the device first (no text leaves it), then ja-JP.
      ja.sort(function (a, b) {
        return (b.localService ? 2 : 0) + (/^ja[-_]jp$/i.test(b.lang) ? 1 : 0) -
          ((a.localService ? 2 : 0) + (/^ja[-_]jp$/i.test(a.lang) ? 1 : 0));
      });
      voice = ja.length ? ja[0] : null;
      if (voice !== before) {
        for (var k = 0; k < listeners.length; k++) listeners[k]();
      }
    }

    if (synth) {
      pick();
      try {
        if (typeof synth.addEventListener === 'function') synth.addEventListener('voiceschanged', pick);
        else synth.onvoiceschanged = pick;
      } catch (e) { /* no event: the voices read above stay */ }
    }

    return {
      ready: function () { return !!voice; },
      onchange: function (fn) { listeners.push(fn); },
      cancel: function () {
        if (!synth) return;
        try { synth.cancel(); } catch (e) { /* nothing to stop */ }
      },
      speak: function (text) {
        if (!synth || !voice || !text) return false;
        try {
          synth.cancel();
          var u = new window.SpeechSynthesisUtterance(text);
          u.voice = voice;
          u.lang = voice.lang || 'ja-JP';
          u.rate = 0.85;
          synth.speak(u);
          return true;
        } catch (e) {
          return false;
        }
      }
    };
  }

  // What the voice reads: the reading in kana (a voice may misread the
  // kanji of the verse), with a pause between the phrases.
  function spoken(card) {
    return phrases(card.yomi || card.verse).join('、') + '。';
  }

  /* ----- small DOM helpers ----------------------------------------------- */

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text != null) e.textContent = text;
    return e;
  }

  function button(className, text) {
    var b = el('button', className, text);
    b.type = 'button';
    return b;
  }

  var uid = 0;

  function userHasInteracted() {
    var ua = navigator.userActivation;
    return ua ? ua.hasBeenActive : true;
  }

  /* ----- the game -------------------------------------------------------- */

  function mount(root, options) {
    if (!root) throw new Error('MamoruKaruta.mount: no element');
    var opts = {};
    var key;
    for (key in DEFAULTS) opts[key] = DEFAULTS[key];
    if (options) for (key in options) if (options[key] !== undefined) opts[key] = options[key];

    var deckEl = opts.deck && opts.deck.nodeType === 1 ? opts.deck
      : root.querySelector('[data-karuta-deck]') || document.querySelector('[data-karuta-deck]');
    var deck = Array.isArray(opts.deck) ? opts.deck : readDeck(deckEl);
    if (deck.length < 2) throw new Error('MamoruKaruta.mount: the deck has fewer than 2 cards');
    var galleryUrl = opts.galleryUrl || (deckEl && deckEl.getAttribute('data-gallery-url')) || '';
    var nChoices = Math.max(2, Math.min(6, deck.length, parseInt(opts.choices, 10) || 6));
    var nRounds = Math.max(1, Math.min(deck.length, parseInt(opts.rounds, 10) || 10));
    var random = opts.seed != null && isFinite(opts.seed) ? seeded(Number(opts.seed)) : Math.random;
    var speech = opts.speech ? createSpeech() : createSpeechless();
    var id = 'karuta-' + (++uid);

    /* The screen. */
    var game = el('div', 'kp');
    game.setAttribute('data-karuta-game', '');

    var bar = el('div', 'kp__bar');
    var progress = el('p', 'kp__progress');
    var progressNum = el('span', 'kp__num');
    progress.appendChild(progressNum);
    progress.appendChild(document.createTextNode('枚目'));
    progress.appendChild(el('span', 'kp__of', '／' + nRounds + '枚'));
    var scoreLine = el('p', 'kp__score');
    var scoreNum = el('span', 'kp__num');
    scoreNum.setAttribute('data-testid', 'karuta-score');
    scoreLine.appendChild(document.createTextNode('正解 '));
    scoreLine.appendChild(scoreNum);
    scoreLine.appendChild(document.createTextNode(' 枚'));
    bar.appendChild(progress);
    bar.appendChild(scoreLine);

    var board = el('div', 'kp__board');

    var yomi = el('section', 'kp__yomi');
    yomi.setAttribute('aria-labelledby', id + '-yomi');
    var yomiTitle = el('h2', 'kp__label', '読み札');
    yomiTitle.id = id + '-yomi';
    var fuda = el('div', 'kp__yomifuda');
    var verse = el('p', 'kp__verse');
    verse.setAttribute('lang', 'ja');
    verse.setAttribute('tabindex', '-1');
    verse.setAttribute('data-testid', 'karuta-verse');
    fuda.appendChild(verse);
    var speak = el('div', 'kp__speech');
    var speakButton = button('kp-button kp-button--speak', '読み上げ');
    speakButton.setAttribute('data-speak', '');
    var autoLabel = el('label', 'kp__auto');
    var autoBox = el('input', 'kp__auto-box');
    autoBox.type = 'checkbox';
    autoBox.checked = !!opts.autoSpeak;
    autoLabel.appendChild(autoBox);
    autoLabel.appendChild(el('span', 'kp__auto-text', '札が出たら読み上げる'));
    speak.appendChild(speakButton);
    speak.appendChild(autoLabel);
    var side = el('div', 'kp__side');
    var hint = el('p', 'kp__hint', 'この読み札の頭の文字と同じ絵札を選んでください。');
    side.appendChild(hint);
    side.appendChild(speak);
    yomi.appendChild(yomiTitle);
    yomi.appendChild(fuda);
    yomi.appendChild(side);

    var pick = el('section', 'kp__pick');
    pick.setAttribute('aria-labelledby', id + '-pick');
    var pickTitle = el('h2', 'kp__label', '絵札を選ぶ');
    pickTitle.id = id + '-pick';
    var choiceList = el('ul', 'kp__choices');
    choiceList.setAttribute('data-count', String(nChoices));
    pick.appendChild(pickTitle);
    pick.appendChild(choiceList);

    board.appendChild(yomi);
    board.appendChild(pick);

    var feedback = el('section', 'kp__feedback');
    feedback.setAttribute('aria-labelledby', id + '-fb');
    feedback.setAttribute('data-testid', 'karuta-feedback');
    var fbTitle = el('h2', 'kp__verdict');
    fbTitle.id = id + '-fb';
    fbTitle.setAttribute('tabindex', '-1');
    var fbAnswer = el('p', 'kp__answer');
    var fbReading = el('p', 'kp__reading');
    var fbKaisetsuTitle = el('h3', 'kp__subhead', '解説');
    var fbKaisetsu = el('div', 'kp__kaisetsu prose');
    fbKaisetsu.setAttribute('data-testid', 'karuta-kaisetsu');
    var fbLinks = el('ul', 'kp__links');
    var nextButton = button('kp-button kp-button--primary kp-button--next', '次の札へ');
    nextButton.setAttribute('data-next', '');
    feedback.appendChild(fbTitle);
    feedback.appendChild(fbAnswer);
    feedback.appendChild(fbReading);
    feedback.appendChild(fbKaisetsuTitle);
    feedback.appendChild(fbKaisetsu);
    feedback.appendChild(fbLinks);
    feedback.appendChild(nextButton);

    var end = el('section', 'kp__end');
    end.setAttribute('aria-labelledby', id + '-end');
    var endTitle = el('h2', 'kp__end-title', '結果');
    endTitle.id = id + '-end';
    endTitle.setAttribute('tabindex', '-1');
    var endTotal = el('p', 'kp__total');
    endTotal.setAttribute('data-testid', 'karuta-result');
    var endMessage = el('p', 'kp__message');
    var historyTitle = el('h3', 'kp__subhead', 'この回の札');
    var history = el('ol', 'kp__history');
    var endActions = el('div', 'kp__actions');
    var againButton = button('kp-button kp-button--primary', 'もう一度');
    againButton.setAttribute('data-again', '');
    endActions.appendChild(againButton);
    if (galleryUrl) {
      var galleryLink = el('a', 'kp-button kp-button--secondary', '札の一覧を見る');
      galleryLink.href = galleryUrl;
      endActions.appendChild(galleryLink);
    }
    end.appendChild(endTitle);
    end.appendChild(endTotal);
    end.appendChild(endMessage);
    end.appendChild(historyTitle);
    end.appendChild(history);
    end.appendChild(endActions);

    var live = el('p', 'visually-hidden');
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');

    game.appendChild(bar);
    game.appendChild(board);
    game.appendChild(feedback);
    game.appendChild(end);
    game.appendChild(live);
    root.appendChild(game);

    /* State. */
    var round = [];   // the cards of this round
    var at = 0;       // index into round
    var score = 0;
    var answers = []; // {card, picked, right}
    var offered = []; // the 絵札 of the current card
    var answered = false;
    var destroyed = false;

    function announce(text) {
      // Emptied first, so that the same words are announced again.
      live.textContent = '';
      window.setTimeout(function () { if (!destroyed) live.textContent = text; }, 60);
    }

    function emit(name, detail) {
      var ev;
      try {
        ev = new CustomEvent(name, { bubbles: true, detail: detail });
      } catch (e) {
        ev = document.createEvent('CustomEvent');
        ev.initCustomEvent(name, true, false, detail);
      }
      root.dispatchEvent(ev);
    }

    function updateSpeech() {
      var ok = speech.ready();
      speak.hidden = !ok;
    }
    speech.onchange(function () { if (!destroyed) updateSpeech(); });
    updateSpeech();

    function say(card) {
      speech.speak(spoken(card));
    }

    function setState(state) {
      game.setAttribute('data-state', state);
      board.hidden = state === 'result';
      bar.hidden = state === 'result';
      feedback.hidden = state !== 'answered';
      end.hidden = state !== 'result';
    }

    // focus: false only for the first card when the page opens (the
    // reader starts at the top of the page, as on any page).
    function newRound(focus) {
      round = shuffle(deck, random).slice(0, nRounds);
      at = 0;
      score = 0;
      answers = [];
      show(focus !== false);
    }

    function renderVerse(card) {
      verse.textContent = '';
      var ps = phrases(card.verse);
      for (var i = 0; i < ps.length; i++) {
        // One column per phrase (display: block in vertical writing).
        verse.appendChild(el('span', 'kp__ku', ps[i]));
      }
    }

    function renderChoices(card) {
      var others = shuffle(deck.filter(function (c) {
        return c !== card && !sameSound(c.kana, card.kana);
      }), random).slice(0, nChoices - 1);
      offered = shuffle(others.concat([card]), random);
      choiceList.textContent = '';
      for (var i = 0; i < offered.length; i++) {
        var c = offered[i];
        var li = el('li', 'kp__choice');
        var b = button('kp-card');
        b.setAttribute('data-kana', c.kana);
        b.setAttribute('data-testid', 'karuta-choice');
        b.setAttribute('data-index', String(i));
        var kana = el('span', 'kp-card__kana', c.kana);
        var theme = el('span', 'kp-card__theme', c.theme);
        var state = el('span', 'kp-card__state');
        b.appendChild(kana);
        b.appendChild(theme);
        b.appendChild(state);
        li.appendChild(b);
        choiceList.appendChild(li);
      }
    }

    function show(focus) {
      var card = round[at];
      answered = false;
      renderVerse(card);
      renderChoices(card);
      progressNum.textContent = String(at + 1);
      scoreNum.textContent = String(score);
      setState('question');
      game.setAttribute('data-card', String(at + 1));
      if (focus) {
        // The whole question into view (a phone has scrolled down to the
        // 解説), then the focus on the verse, which a screen reader reads.
        reveal(game);
        verse.focus({ preventScroll: true });
        announce((at + 1) + '枚目の読み札です（' + nRounds + '枚中）。');
      }
      if (opts.autoSpeak && autoBox.checked && userHasInteracted()) say(card);
      emit('karuta:card', { index: at, total: nRounds, kana: card.kana });
    }

    // The 解説 for this page: a copy of the card's HTML whose source marks
    // ([1] -> #cite-1) point at the card's own page, where the list is.
    function kaisetsuOf(card) {
      var box = document.createDocumentFragment();
      if (card.kaisetsu && card.kaisetsu.content) {
        box.appendChild(document.importNode(card.kaisetsu.content, true));
      } else if (card.kaisetsuHtml) {
        var t = document.createElement('template');
        t.innerHTML = card.kaisetsuHtml;
        box.appendChild(t.content);
      }
      var links = box.querySelectorAll('a[href]');
      for (var i = 0; i < links.length; i++) {
        var a = links[i];
        var href = a.getAttribute('href');
        if (opts.links && href.charAt(0) !== '#') continue;
        if (opts.links && card.url) {
          a.setAttribute('href', card.url + href);
          continue;
        }
        // No links wanted (or nowhere to point): the words stay, as text.
        while (a.firstChild) a.parentNode.insertBefore(a.firstChild, a);
        a.parentNode.removeChild(a);
      }
      return box;
    }

    function answer(index) {
      if (answered || destroyed) return;
      var card = round[at];
      var picked = offered[index];
      if (!picked) return;
      answered = true;
      speech.cancel();
      var right = picked === card;
      if (right) score++;
      answers.push({ card: card, picked: picked, right: right });
      scoreNum.textContent = String(score);

      var buttons = choiceList.querySelectorAll('.kp-card');
      for (var i = 0; i < buttons.length; i++) {
        var b = buttons[i];
        var c = offered[i];
        var state = b.querySelector('.kp-card__state');
        b.disabled = true;
        if (c === card) {
          b.classList.add('is-right');
          state.textContent = right ? '正解' : '正しい札';
        } else if (i === index) {
          b.classList.add('is-wrong');
          state.textContent = '選んだ札';
        } else {
          b.classList.add('is-other');
        }
      }

      fbTitle.textContent = right ? '正解です！' : '残念！ 正しい札は「' + card.kana + '」です';
      fbTitle.className = 'kp__verdict ' + (right ? 'kp__verdict--right' : 'kp__verdict--wrong');
      feedback.className = 'kp__feedback ' + (right ? 'kp__feedback--right' : 'kp__feedback--wrong');
      fbAnswer.textContent = right
        ? '「' + card.kana + '」の札です。'
        : 'あなたが選んだのは「' + picked.kana + '」の札でした。';
      fbReading.textContent = '';
      fbReading.appendChild(el('span', 'kp__reading-label', '読み方'));
      var r = el('span', 'kp__reading-text', card.yomi);
      r.setAttribute('lang', 'ja');
      fbReading.appendChild(r);
      fbKaisetsu.textContent = '';
      fbKaisetsu.appendChild(kaisetsuOf(card));
      fbKaisetsuTitle.hidden = fbKaisetsu.childNodes.length === 0;
      fbLinks.textContent = '';
      if (opts.links && card.url) {
        var li = el('li');
        var a = el('a', null, '「' + card.kana + '」の札のページ');
        a.href = card.url;
        li.appendChild(a);
        fbLinks.appendChild(li);
      }
      if (opts.links && card.guideUrl) {
        var lg = el('li');
        var g = el('a', null, 'くわしいガイド：' + card.guideTitle);
        g.href = card.guideUrl;
        lg.appendChild(g);
        fbLinks.appendChild(lg);
      }
      fbLinks.hidden = fbLinks.childNodes.length === 0;
      nextButton.textContent = at + 1 < round.length ? '次の札へ' : '結果を見る';
      setState('answered');
      announce(right ? '正解です。正解は' + score + '枚になりました。'
        : '残念。正しい札は「' + card.kana + '」です。');
      fbTitle.focus({ preventScroll: true });
      reveal(feedback);
      emit('karuta:answer', { index: at, kana: card.kana, picked: picked.kana, right: right, score: score });
    }

    // Scrolls the least that shows all of box, but never past its top.
    function reveal(box) {
      var r = box.getBoundingClientRect();
      var h = window.innerHeight || document.documentElement.clientHeight;
      var by = Math.min(r.bottom - h + 16, r.top - 16);
      if (r.bottom > h && by > 0) window.scrollBy(0, by);
      else if (r.top < 0) window.scrollBy(0, r.top - 16);
    }

    function message() {
      var n = round.length;
      if (score === n) return '全部正解です。すばらしい！ 職場のみなさんとも遊んでみてください。';
      if (score >= n * 0.7) return 'よくできました。まちがえた札の解説を、もう一度読んでおきましょう。';
      if (score >= n * 0.4) {
        return 'その調子です。' + (opts.links ? '下の札を押すと、解説のページが開きます。' : '解説を思い出しながら、もう一度どうぞ。');
      }
      return '解説を読んでから、もう一度挑戦してみましょう。';
    }

    function finish() {
      speech.cancel();
      endTotal.textContent = '';
      endTotal.appendChild(el('span', 'kp__total-of', round.length + '枚中'));
      var big = el('strong', 'kp__total-num', String(score));
      endTotal.appendChild(big);
      endTotal.appendChild(el('span', 'kp__total-unit', '枚正解'));
      endTotal.setAttribute('data-score', String(score));
      endTotal.setAttribute('data-total', String(round.length));
      endMessage.textContent = message();
      history.textContent = '';
      for (var i = 0; i < answers.length; i++) {
        var x = answers[i];
        var li = el('li', 'kp__past ' + (x.right ? 'is-right' : 'is-wrong'));
        var inner = opts.links && x.card.url ? el('a', 'kp__past-link') : el('span', 'kp__past-link');
        if (inner.tagName === 'A') inner.href = x.card.url;
        var mark = el('span', 'kp__past-mark', x.right ? '○' : '×');
        mark.setAttribute('aria-hidden', 'true');
        inner.appendChild(mark);
        inner.appendChild(el('span', 'visually-hidden', x.right ? '正解：' : 'まちがい：'));
        inner.appendChild(el('span', 'kp__past-kana', x.card.kana));
        inner.appendChild(el('span', 'kp__past-verse', x.card.verse));
        li.appendChild(inner);
        history.appendChild(li);
      }
      setState('result');
      reveal(game);
      announce('おわりです。' + round.length + '枚中' + score + '枚正解でした。');
      endTitle.focus({ preventScroll: true });
      emit('karuta:result', { score: score, total: round.length });
    }

    function onChoice(e) {
      var b = e.target.closest ? e.target.closest('.kp-card') : null;
      if (!b || !choiceList.contains(b)) return;
      answer(parseInt(b.getAttribute('data-index'), 10));
    }
    function onNext() {
      if (!answered) return;
      at++;
      if (at < round.length) show(true);
      else finish();
    }
    function onSpeak() { say(round[at]); }

    choiceList.addEventListener('click', onChoice);
    nextButton.addEventListener('click', onNext);
    function onAgain() { newRound(true); }
    againButton.addEventListener('click', onAgain);
    speakButton.addEventListener('click', onSpeak);

    newRound(!!opts.focus);

    return {
      element: game,
      restart: onAgain,
      speak: function () { say(round[at]); },
      state: function () {
        return {
          state: game.getAttribute('data-state'), index: at, total: round.length, score: score,
          kana: round[at] ? round[at].kana : null
        };
      },
      destroy: function () {
        destroyed = true;
        speech.cancel();
        choiceList.removeEventListener('click', onChoice);
        nextButton.removeEventListener('click', onNext);
        againButton.removeEventListener('click', onAgain);
        speakButton.removeEventListener('click', onSpeak);
        if (game.parentNode) game.parentNode.removeChild(game);
      }
    };
  }

  function createSpeechless() {
    return {
      ready: function () { return false; },
      onchange: function () {},
      cancel: function () {},
      speak: function () { return false; }
    };
  }

  function seedFromAddress() {
    var m = /[?&]seed=(-?[0-9]+)(?:&|$)/.exec(window.location.search);
    return m ? parseInt(m[1], 10) : null;
  }

  function intAttr(e, name) {
    var v = parseInt(e.getAttribute(name), 10);
    return isFinite(v) ? v : undefined;
  }

  window.MamoruKaruta = {
    mount: mount,
    readDeck: readDeck,
    phrases: phrases
  };

  document.addEventListener('DOMContentLoaded', function () {
    var roots = document.querySelectorAll('[data-karuta-play]:not([data-karuta-manual])');
    for (var i = 0; i < roots.length; i++) {
      var root = roots[i];
      try {
        mount(root, {
          rounds: intAttr(root, 'data-rounds'),
          choices: intAttr(root, 'data-choices'),
          seed: seedFromAddress()
        });
        root.setAttribute('data-state', 'ready');
      } catch (e) {
        root.setAttribute('data-state', 'failed');
        var p = el('p', 'karuta-play__nojs', 'かるたを始められませんでした。札の一覧から、読み札と解説を読めます。');
        root.appendChild(p);
      }
    }
  });
}());
