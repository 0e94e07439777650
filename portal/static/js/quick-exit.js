/* Quick exit: blank the page and replace it with a neutral site, leaving no back entry.
   Also on the Esc key, but never at the cost of what a reader is typing: in a text field, a
   single Esc is left to the field (it may clear a search box or close a picker) and only a
   second Esc within a second leaves. The link works without this script. */
(function () {
  "use strict";
  var link = document.getElementById("quick-exit");
  if (!link) return;
  var TYPING = /^(INPUT|TEXTAREA|SELECT)$/;
  var NOT_TEXT = /^(button|checkbox|radio|submit|reset|image|file|range|color)$/;
  var lastEscape = 0;
  function leave(event) {
    if (event) event.preventDefault();
    document.title = "";
    document.body.textContent = "";
    window.location.replace(link.href);
  }
  function inTextField(target) {
    if (!target || !target.tagName) return false;
    if (target.isContentEditable) return true;
    if (!TYPING.test(target.tagName)) return false;
    return target.tagName !== "INPUT" || !NOT_TEXT.test(target.type);
  }
  link.addEventListener("click", leave);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") return;
    if (!inTextField(event.target)) return leave(event);
    var now = Date.now();
    if (now - lastEscape < 1000) return leave(event);
    lastEscape = now;
  });
})();
