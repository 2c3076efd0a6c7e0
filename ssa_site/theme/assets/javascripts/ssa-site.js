/* ssa-site: small aids of every page. No dependencies, nothing loaded from anywhere else;
   each page works without them.
   - Print: the print stylesheet (ssa.css, @media print) writes the address of each in-text
     link after it. The HTML holds relative addresses, useless on paper: this copies each
     link's absolute address into data-ssa-href, which the stylesheet prefers.
   - Folded sections (details.ssa-fold) open for printing, and close again after, so that
     paper holds the whole page.
   - Wide tables: on a narrow screen a table wider than the page scrolls inside itself
     (ssa.css); such a table is made focusable so that it can be scrolled with the keyboard
     (WCAG 2.1.1). Tables that fit stay out of the tab order. */
(function () {
  "use strict";

  function markLinks() {
    var links = document.querySelectorAll(".md-content a[href]");
    Array.prototype.forEach.call(links, function (link) {
      var href = link.getAttribute("href");
      if (href && href.charAt(0) !== "#") link.setAttribute("data-ssa-href", link.href);
    });
  }

  function markScrollingTables() {
    var tables = document.querySelectorAll(".md-typeset table.ssa-table");
    Array.prototype.forEach.call(tables, function (table) {
      if (table.scrollWidth > table.clientWidth + 1) {
        table.setAttribute("tabindex", "0");
      } else if (table.getAttribute("tabindex") === "0") {
        table.removeAttribute("tabindex");
      }
    });
  }

  function start() {
    markLinks();
    markScrollingTables();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
  var opened = [];
  window.addEventListener("beforeprint", function () {
    markLinks();
    opened = Array.prototype.filter.call(
      document.querySelectorAll("details.ssa-fold:not([open])"),
      function (fold) { fold.setAttribute("open", ""); return true; }
    );
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (fold) { fold.removeAttribute("open"); });
    opened = [];
  });
  var pending = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(markScrollingTables, 150);
  });
})();
