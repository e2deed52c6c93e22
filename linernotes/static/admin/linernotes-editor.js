// Markdown preview for the admin editor: sends the text to the admin's preview
// endpoint (the same renderer and sanitiser readers get) and shows the result.
(function () {
  "use strict";
  function csrfToken(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  function attach(textarea) {
    var url = textarea.getAttribute("data-preview-url");
    if (!url || !textarea.form) { return; }
    var bar = document.createElement("div");
    bar.className = "markdown-preview-bar";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button markdown-preview-button";
    button.textContent = "Preview";
    var pane = document.createElement("div");
    pane.className = "markdown-preview";
    pane.hidden = true;
    pane.setAttribute("aria-live", "polite");
    bar.appendChild(button);
    textarea.parentNode.insertBefore(bar, textarea.nextSibling);
    bar.parentNode.insertBefore(pane, bar.nextSibling);
    button.addEventListener("click", function () {
      var body = new FormData();
      body.append("body", textarea.value);
      button.disabled = true;
      fetch(url, { method: "POST", body: body, credentials: "same-origin",
                   headers: { "X-CSRFToken": csrfToken(textarea.form) } })
        .then(function (response) {
          if (!response.ok) { throw new Error("Preview failed: " + response.status); }
          return response.json();
        })
        .then(function (data) { pane.innerHTML = data.html; pane.hidden = false; })
        .catch(function (error) { pane.textContent = error.message; pane.hidden = false; })
        .finally(function () { button.disabled = false; });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea.markdown-editor").forEach(attach);
  });
})();
