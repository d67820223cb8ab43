// Print buttons ([data-print]) and print preparation for every page: collapsed sections print open.
(function () {
  "use strict";
  function openAll() {
    document.querySelectorAll("details:not([open])").forEach((details) => {
      details.setAttribute("open", "");
      details.dataset.printOpened = "";
    });
  }
  function restore() {
    document.querySelectorAll("details[data-print-opened]").forEach((details) => {
      details.removeAttribute("open");
      delete details.dataset.printOpened;
    });
  }
  window.addEventListener("beforeprint", openAll);
  window.addEventListener("afterprint", restore);
  document.addEventListener("click", (event) => {
    if (event.target.closest("[data-print]")) {
      openAll();
      window.print();
    }
  });
})();
