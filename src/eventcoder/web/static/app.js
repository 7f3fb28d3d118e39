// Keyboard shortcuts, an enhancement only: every page works without this script.
//   j / k   move to the next / previous row of a table of events and focus its link
//   /       focus the text search box
// and leaves empty fields out of a filter form's URL.
(function () {
  "use strict";
  // Empty filter fields need not clutter the URL (the server ignores them either way).
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form || form.method.toLowerCase() !== "get") return;
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && !el.disabled && (el.value === "" || el.value == null) && el.type !== "checkbox") el.disabled = true;
    });
  });
  window.addEventListener("pageshow", function () {  // coming back: re-enable what was disabled
    Array.prototype.forEach.call(document.querySelectorAll("form [disabled]"), function (el) { el.disabled = false; });
  });
  function rows() { return Array.prototype.slice.call(document.querySelectorAll("a.rowlink")); }
  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA")) return;
    if (ev.key === "/") {
      var box = document.getElementById("text-search");
      if (box) { ev.preventDefault(); box.focus(); }
      return;
    }
    if (ev.key !== "j" && ev.key !== "k") return;
    var links = rows();
    if (!links.length) return;
    var i = links.indexOf(document.activeElement);
    i = ev.key === "j" ? Math.min(i + 1, links.length - 1) : Math.max(i - 1, 0);
    ev.preventDefault();
    links[i].focus();
  });
})();
