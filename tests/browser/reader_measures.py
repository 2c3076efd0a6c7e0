"""What a reader sees on a page, measured in the browser (scripts run with page.evaluate).

Each script returns plain data; the tests say what it must be. Nothing here starts a browser.
"""

from __future__ import annotations

#: The smallest text of every chart on the page, in CSS pixels as the reader sees it. A chart
#: is an <img> (the drawing its <picture> chose for this screen) or an <object> (the map) of an
#: SVG file: the file is loaded, laid out at the size the page gives it, and each visible
#: <text>'s font size is multiplied by its scale on screen (viewBoxes, nested SVGs, transforms).
CHART_TEXT = """
async () => {
  const charts = [...document.querySelectorAll(
      ".md-content img, .md-content object, main.ssa-embed img")]
    .filter(e => /\\.svg($|[?#])/.test(e.currentSrc || e.src || e.data || ""));
  const found = [];
  for (const element of charts) {
    if (element.tagName === "IMG") {
      element.loading = "eager";
      try { await element.decode(); } catch (error) { /* measured from its file anyway */ }
    }
    const width = element.getBoundingClientRect().width;
    if (!width) continue;  // not shown at this width (the other drawing is)
    const src = element.currentSrc || element.src || element.data;
    const text = await (await fetch(src)).text();
    const svg = document.importNode(
      new DOMParser().parseFromString(text, "image/svg+xml").documentElement, true);
    const box = svg.viewBox.baseVal;
    const host = document.createElement("div");
    host.style.cssText = "position:absolute;left:-10000px;top:0;width:" + width + "px";
    svg.setAttribute("width", width);
    svg.setAttribute("height", width * box.height / box.width);
    host.appendChild(svg);
    document.body.appendChild(host);
    let smallest = null;
    for (const t of svg.querySelectorAll("text")) {
      if (!t.textContent.trim() || getComputedStyle(t).display === "none") continue;
      const m = t.getScreenCTM();
      const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
      if (smallest === null || px < smallest.px) smallest = {px: px, text: t.textContent.trim()};
    }
    host.remove();
    if (smallest) found.push({src: src.split("/").slice(-3).join("/"), width: width,
                              px: smallest.px, text: smallest.text});
  }
  return found;
}
"""

#: Header cells of the page's tables whose right edge is past the window's (a reader would
#: have to scroll sideways to find them), with the table's caption.
OFFSCREEN_HEADERS = """
(selector) => {
  const found = [];
  for (const table of document.querySelectorAll(selector)) {
    const caption = table.caption ? table.caption.textContent.trim() : "";
    const head = table.tHead;
    // A header row kept for screen readers only (cards on a phone) is out of sight.
    const hidden = head && head.getBoundingClientRect().width <= 1;
    for (const cell of table.querySelectorAll(hidden ? "tbody th, tbody td" : "th, td")) {
      const label = cell.getAttribute("data-label") || cell.textContent.trim();
      const r = cell.getBoundingClientRect();
      if (r.width && getComputedStyle(cell).display !== "none" && r.right > innerWidth + 0.5)
        found.push(caption + ": " + label.slice(0, 40));
    }
  }
  return found;
}
"""

#: Glossary marks of the page: term (lower case), and whether it sits in a heading, caption,
#: figure, table or name-like place where the glossary must not mark.
GLOSSARY_MARKS = """
() => [...document.querySelectorAll(".md-content abbr[title]")].map(a => ({
  term: a.textContent.trim().toLowerCase(),
  title: a.title,
  where: (a.closest("h1,h2,h3,h4,h5,h6,caption,figcaption,figure,th,summary") || {}).tagName
    || "",
}))
"""

#: The logic model drawing: its boxes (with their result's id) and connectors (with the ids
#: of the two results each joins), and the page's width overflow.
LOGIC_MODEL = """
() => {
  const svg = document.querySelector(".ssa-lm-drawing svg");
  if (!svg) return null;
  const r = svg.getBoundingClientRect();
  return {
    boxes: [...svg.querySelectorAll("[data-result]")].map(b => b.getAttribute("data-result")),
    links: [...svg.querySelectorAll("[data-from][data-to]")].map(
      l => [l.getAttribute("data-from"), l.getAttribute("data-to")]),
    markers: svg.querySelectorAll("marker").length,
    width: r.width,
    pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    smallestText: Math.min(...[...svg.querySelectorAll("text")].map(t => {
      const m = t.getScreenCTM();
      return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
    })),
  };
}
"""
