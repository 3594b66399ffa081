/* werkdruk: the one script of every page. The pages work without it; it only
   - makes a table's scroll box reachable by keyboard when the table is wider than the page,
   - folds the navigation on narrow screens. */
(function () {
  "use strict";
  function scrollBoxes() {
    var boxes = document.querySelectorAll(".table-scroll");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        var caption = box.parentNode.querySelector("figcaption, summary");
        box.setAttribute("aria-label", (caption ? caption.textContent : "Tabel") + " (schuifbaar)");
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    }
  }
  function foldNavigation() {
    var fold = document.querySelector(".site-nav details");
    if (fold && window.matchMedia("(max-width: 60rem)").matches) {
      fold.removeAttribute("open");
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    foldNavigation();
    scrollBoxes();
  });
  window.addEventListener("resize", scrollBoxes);
})();
