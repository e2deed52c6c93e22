// The name check while writing: a textarea with data-name-check-url sends its
// text there (POST, at most once per pause in typing) and shows each near miss
// against the catalogue's names ("Survivr" looks like "Survivor") in a polite
// live region under it. data-name-check-releases="3,7" adds those releases'
// track titles. The text is never changed. Attach later-made textareas with
// window.linernotesNameCheck.attach(textarea).
(function () {
  "use strict";
  var PAUSE = 700;

  function token(textarea) {
    var field = (textarea.form || document).querySelector("input[name=csrfmiddlewaretoken]");
    if (field) { return field.value; }
    var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function attach(textarea) {
    if (textarea.linernotesNameCheck) { return textarea.linernotesNameCheck; }
    var url = textarea.getAttribute("data-name-check-url");
    var box = document.createElement("div");
    box.className = "name-check";
    box.setAttribute("role", "status");
    box.setAttribute("aria-live", "polite");
    textarea.parentNode.insertBefore(box, textarea.nextSibling);
    // One request at a time: a change made while one is out is checked when
    // it answers, so a slow check never piles up requests on the server.
    var timer = null, busy = false, again = false;

    function show(warnings) {
      box.textContent = "";
      if (!warnings.length) { return; }
      var list = document.createElement("ul");
      list.className = "name-check-warnings";
      warnings.forEach(function (warning) {
        var item = document.createElement("li");
        item.textContent = warning.message;
        item.setAttribute("data-suggestion", warning.suggestion);
        list.appendChild(item);
      });
      box.appendChild(list);
    }

    function check() {
      if (busy) { again = true; return; }
      busy = true;
      var body = new FormData();
      body.append("text", textarea.value);
      (textarea.getAttribute("data-name-check-releases") || "").split(",")
        .filter(function (id) { return /^\d+$/.test(id.trim()); })
        .forEach(function (id) { body.append("release", id.trim()); });
      fetch(url, { method: "POST", body: body, credentials: "same-origin",
                   headers: { "X-CSRFToken": token(textarea) } })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          if (data.error) { box.textContent = data.error; return; }
          show(data.warnings || []);
        })
        .catch(function () { /* offline: the check on saving still runs */ })
        .then(function () {
          busy = false;
          if (again) { again = false; check(); }
        });
    }

    textarea.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(check, PAUSE);
    });
    textarea.linernotesNameCheck = { check: check };
    if (textarea.value.trim()) { check(); }
    return textarea.linernotesNameCheck;
  }

  window.linernotesNameCheck = { attach: attach };
  function start() {
    document.querySelectorAll("textarea[data-name-check-url]").forEach(attach);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
