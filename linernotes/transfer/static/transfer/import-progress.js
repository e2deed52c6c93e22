// A running WordPress import's page: poll its status and move the progress bar,
// then reload once the run ends so the server-rendered report shows. Without
// this script the page reloads itself (<noscript> meta refresh) instead.
(function () {
  "use strict";
  var box = document.querySelector("[data-import-status-url]");
  if (!box) {
    return;
  }
  var url = box.getAttribute("data-import-status-url");
  var wasStale = box.getAttribute("data-stale") === "true";
  var count = box.querySelector("[data-import-count]");
  var heading = document.getElementById("import-progress-label");
  var every = 1500;

  function show(status) {
    if (!status.total) {
      return;
    }
    var bar = box.querySelector("progress");
    bar.max = status.total;
    bar.value = status.done;
    bar.textContent = status.percent + "%";
    heading.textContent = "Importing…";
    count.textContent = status.done.toLocaleString() + " of " +
      status.total.toLocaleString() + " items written (" + status.percent + "%).";
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (status) {
        if (status && (!status.active || status.stale !== wasStale)) {
          window.location.reload();
          return;
        }
        if (status) {
          show(status);
        }
        window.setTimeout(poll, every);
      })
      .catch(function () {
        window.setTimeout(poll, every * 2);
      });
  }

  window.setTimeout(poll, every);
})();
