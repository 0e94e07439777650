/* Offline search: looks for every word of the query in the prebuilt index (titles and the
   beginning of each page), readers' language first. No network, no dependencies. */
(function () {
  "use strict";
  var index = window.PORTAL_SEARCH_INDEX || [];
  var list = document.getElementById("offline-search-results");
  var status = document.getElementById("offline-search-status");
  var input = document.getElementById("offline-search-q");
  var script = document.currentScript;
  if (!list || !status || !input || !script) return;
  // This script is static/offline/search.js: the copy's root is two folders up.
  var root = script.src.replace(/static\/offline\/search\.js.*$/, "");
  var lang = document.documentElement.lang;
  var query = (new URLSearchParams(window.location.search).get("q") || "").trim();
  input.value = query;
  if (!query) return;
  var words = query.toLocaleLowerCase().split(/\s+/);
  var hits = [];
  index.forEach(function (entry) {
    var title = entry.t.toLocaleLowerCase();
    var text = title + " " + entry.x.toLocaleLowerCase();
    if (!words.every(function (word) { return text.indexOf(word) !== -1; })) return;
    var score = (entry.l === lang ? 4 : 0) + (words.every(function (word) {
      return title.indexOf(word) !== -1;
    }) ? 2 : 0);
    hits.push({ entry: entry, score: score });
  });
  hits.sort(function (a, b) { return b.score - a.score; });
  hits.forEach(function (hit) {
    var item = document.createElement("li");
    item.className = "result";
    var heading = document.createElement("h2");
    heading.className = "result__title";
    var link = document.createElement("a");
    link.href = root + hit.entry.u;
    link.lang = hit.entry.l;
    link.textContent = hit.entry.t;
    heading.appendChild(link);
    var summary = document.createElement("p");
    summary.lang = hit.entry.l;
    summary.textContent = hit.entry.x.slice(0, 200) + (hit.entry.x.length > 200 ? "…" : "");
    item.appendChild(heading);
    item.appendChild(summary);
    list.appendChild(item);
  });
  status.textContent = hits.length
    ? status.getAttribute("data-some").replace("{count}", hits.length)
    : status.getAttribute("data-none");
})();
