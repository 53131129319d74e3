/*
 * site.js -- small conveniences for the website (progressive enhancement:
 * every page works and reads well without it).
 *  - 「文字を大きく」: a larger text size, remembered on this browser only.
 *  - 「ふりがな」: readings over the glossary terms of the page (<ruby>,
 *    hidden by default), remembered the same way; shown only on pages
 *    that have such terms.
 *  - 「このページを印刷する」: the browser's print dialog (print CSS applies).
 *  - Wide tables scroll in their own box, which can then be reached and
 *    scrolled with the keyboard, with a hint that it scrolls; short cells
 *    with a number (62.6%, 図3-12) are kept on one line.
 *  - Checklist boxes (Markdown task lists) are marks to tick on paper, not
 *    controls: they are hidden from assistive technology, which reads the
 *    item's text alone.
 *  - Links whose text is their own address are marked, so that the print
 *    style does not print the address twice.
 */
(function () {
  'use strict';
  var KEY = 'mamoru-large-text';
  var root = document.documentElement;

  function stored() {
    try { return window.localStorage.getItem(KEY) === '1'; } catch (e) { return false; }
  }
  function store(on) {
    try { window.localStorage.setItem(KEY, on ? '1' : '0'); } catch (e) { /* private mode */ }
  }
  function apply(on, button) {
    root.classList.toggle('large-text', on);
    if (button) {
      button.setAttribute('aria-pressed', on ? 'true' : 'false');
      button.textContent = on ? '文字を元の大きさに' : '文字を大きく';
    }
  }

  /* Tables ------------------------------------------------------------- */
  var scrollers = [];

  function wrapTables() {
    var cells = document.querySelectorAll('.prose td, .prose th');
    for (var c = 0; c < cells.length; c++) {
      var t = cells[c].textContent.trim();
      if (/[0-9０-９]/.test(t) && t.length <= 12) cells[c].classList.add('cell-short');
    }
    var tables = document.querySelectorAll('.prose table');
    for (var i = 0; i < tables.length; i++) {
      var table = tables[i];
      var box = document.createElement('div');
      box.className = 'table-scroll';
      table.parentNode.insertBefore(box, table);
      box.appendChild(table);
      var hint = document.createElement('p');
      hint.className = 'table-scroll__hint';
      hint.textContent = '表は横にずらすと続きが見られます →';
      hint.hidden = true;
      box.parentNode.insertBefore(hint, box.nextSibling);
      scrollers.push({ box: box, hint: hint });
    }
  }

  function updateTables() {
    for (var i = 0; i < scrollers.length; i++) {
      var s = scrollers[i];
      var scrolls = s.box.scrollWidth > s.box.clientWidth + 1;
      s.hint.hidden = !scrolls;
      if (scrolls) {
        s.box.setAttribute('tabindex', '0');
        s.box.setAttribute('role', 'region');
        s.box.setAttribute('aria-label', '表（横にスクロールできます）');
      } else {
        s.box.removeAttribute('tabindex');
        s.box.removeAttribute('role');
        s.box.removeAttribute('aria-label');
      }
    }
  }

  /* Markdown output ---------------------------------------------------- */
  function tidyProse() {
    var boxes = document.querySelectorAll('.prose .task-list-item-checkbox');
    for (var i = 0; i < boxes.length; i++) boxes[i].setAttribute('aria-hidden', 'true');
    var links = document.querySelectorAll('.prose a[href^="http"]');
    for (var j = 0; j < links.length; j++) {
      var text = links[j].textContent.replace(/\s+/g, '');
      var href = links[j].getAttribute('href');
      if (text === href || text === href.replace(/\/$/, '')) links[j].setAttribute('data-url-text', '');
    }
  }

  /* ふりがな: readings over glossary terms, remembered like the text size. */
  var RUBY = 'mamoru-ruby';
  function rubyStored() {
    try { return window.localStorage.getItem(RUBY) === '1'; } catch (e) { return false; }
  }
  function rubyApply(on, button) {
    root.classList.toggle('show-ruby', on);
    if (button) {
      button.setAttribute('aria-pressed', on ? 'true' : 'false');
      button.textContent = on ? 'ふりがなを消す' : 'ふりがな';
    }
  }

  apply(stored(), null);
  rubyApply(rubyStored(), null);
  document.addEventListener('DOMContentLoaded', function () {
    tidyProse();
    wrapTables();
    updateTables();
    var size = document.querySelector('[data-text-size]');
    if (size) {
      size.hidden = false;
      apply(root.classList.contains('large-text'), size);
      size.addEventListener('click', function () {
        var on = !root.classList.contains('large-text');
        apply(on, size);
        store(on);
        updateTables();
      });
    }
    var ruby = document.querySelector('[data-ruby]');
    if (ruby && document.querySelector('.term ruby')) {
      ruby.hidden = false;
      rubyApply(root.classList.contains('show-ruby'), ruby);
      ruby.addEventListener('click', function () {
        var on = !root.classList.contains('show-ruby');
        rubyApply(on, ruby);
        try { window.localStorage.setItem(RUBY, on ? '1' : '0'); } catch (e) { /* private mode */ }
      });
    }
    var print = document.querySelector('[data-print]');
    if (print && window.print) {
      print.hidden = false;
      print.addEventListener('click', function () { window.print(); });
    }
    var pending = 0;
    window.addEventListener('resize', function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(updateTables, 150);
    });
  });
}());
