/*
 * site.js -- small conveniences for the website (progressive enhancement:
 * every page works without it).
 *  - 「文字を大きく」: a larger text size, remembered on this browser only.
 *  - 「このページを印刷する」: the browser's print dialog (print CSS applies).
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

  apply(stored(), null);
  document.addEventListener('DOMContentLoaded', function () {
    var size = document.querySelector('[data-text-size]');
    if (size) {
      size.hidden = false;
      apply(root.classList.contains('large-text'), size);
      size.addEventListener('click', function () {
        var on = !root.classList.contains('large-text');
        apply(on, size);
        store(on);
      });
    }
    var print = document.querySelector('[data-print]');
    if (print && window.print) {
      print.hidden = false;
      print.addEventListener('click', function () { window.print(); });
    }
  });
}());
