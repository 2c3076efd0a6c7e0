/* ssa-site: filters and sorting for the evaluations index.
   The page works without this script: it is a plain table listing every evaluation.
   The script shows the filter form, hides rows that do not match, and turns the
   sortable column headers into buttons (with aria-sort on the sorted column).
   No dependencies, nothing loaded from anywhere else. */
(function () {
  "use strict";

  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    var value = cell.getAttribute("data-value");
    return (value !== null ? value : cell.textContent).trim();
  }

  function compare(a, b, numeric) {
    if (numeric) return (parseFloat(a) || 0) - (parseFloat(b) || 0);
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
  }

  function setUpFilters(root, rows) {
    var form = root.querySelector("form.ssa-filters");
    var status = root.querySelector("[data-ssa-count]");
    if (!form) return;
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));

    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var match = selects.every(function (select) {
          if (!select.value) return true;
          var values = (row.getAttribute("data-" + select.name) || "").split(" ");
          return values.indexOf(select.value) !== -1;
        });
        row.hidden = !match;
        if (match) shown += 1;
      });
      if (status) {
        status.textContent = "Showing " + shown + " of " + rows.length + " evaluations.";
      }
    }

    form.hidden = false;
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      apply();
    });
    form.addEventListener("reset", function () {
      window.setTimeout(apply, 0);
    });
    apply();
  }

  function setUpSorting(table) {
    var body = table.tBodies[0];
    var headers = Array.prototype.slice.call(table.querySelectorAll("thead th[data-sort]"));
    headers.forEach(function (header) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ssa-sort";
      while (header.firstChild) button.appendChild(header.firstChild);
      header.appendChild(button);
      button.addEventListener("click", function () {
        var current = header.getAttribute("aria-sort");
        var direction = current === "ascending" ? "descending" : "ascending";
        var numeric = header.getAttribute("data-sort") === "number";
        var index = header.cellIndex;
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var order = compare(cellValue(a, index), cellValue(b, index), numeric);
          return direction === "ascending" ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        header.setAttribute("aria-sort", direction);
      });
    });
  }

  function init() {
    var roots = document.querySelectorAll("[data-ssa-evaluations]");
    Array.prototype.forEach.call(roots, function (root) {
      if (root.getAttribute("data-ssa-ready")) return;
      root.setAttribute("data-ssa-ready", "true");
      var table = root.querySelector("table[data-ssa-sortable]");
      if (!table || !table.tBodies.length) return;
      setUpFilters(root, Array.prototype.slice.call(table.tBodies[0].rows));
      setUpSorting(table);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  /* mkdocs-material's instant navigation swaps pages without reloading scripts. */
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  }
})();
