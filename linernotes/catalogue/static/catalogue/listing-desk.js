// The paste page without reloading: "Read the listing" and each one-click
// alternative send the same form with the header X-Desk-Fragment, and the
// preview the server renders replaces the old one. Confirming is an ordinary
// submit. Without this script every button still works as a full page.
(function () {
  "use strict";

  function attach(form) {
    var result = form.querySelector("#listing-desk-result");
    if (!result) { return; }
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!button || button.name === "confirm") { return; }
      event.preventDefault();
      var body = new FormData(form);
      body.append(button.name, button.value);
      result.setAttribute("aria-busy", "true");
      fetch(form.action, { method: "POST", body: body, credentials: "same-origin",
                           headers: { "X-Desk-Fragment": "1" } })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          result.innerHTML = html;
          var options = result.querySelector("[data-options]");
          var hidden = form.querySelector("[name=listing_options]");
          if (options && hidden) { hidden.value = options.getAttribute("data-options"); }
        })
        .catch(function (error) { result.textContent = error.message; })
        .then(function () { result.removeAttribute("aria-busy"); });
    });
    // Choices were made for the text they were made on: new text starts afresh.
    var textarea = form.querySelector("textarea[name=listing]");
    var hidden = form.querySelector("[name=listing_options]");
    if (textarea && hidden) {
      textarea.addEventListener("input", function () { hidden.value = ""; });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.listing-desk").forEach(attach);
  });
})();
