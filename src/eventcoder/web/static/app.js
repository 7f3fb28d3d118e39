// Keyboard shortcuts, an enhancement only: every page works without this script.
//   j / k   move to the next / previous row of a table of events and focus its link
//   /       focus the text search box
(function () {
  "use strict";
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
