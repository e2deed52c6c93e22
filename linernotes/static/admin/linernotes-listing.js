// Track-listing preview in the release editor: shows what the parser understood
// (tracks, and every line it did not turn into a track, with the reason) before
// the writer saves. Saving parses again on the server; this only previews.
(function () {
  "use strict";
  var ORDER_NAMES = { "artist-title": "Artist – Title", "title-artist": "Title – Artist",
                      "none": "titles only" };

  function cell(row, text, tag) {
    var element = document.createElement(tag || "td");
    element.textContent = text == null ? "" : String(text);
    row.appendChild(element);
  }

  function duration(seconds) {
    if (seconds == null) { return ""; }
    var s = seconds % 60;
    return Math.floor(seconds / 60) + ":" + (s < 10 ? "0" : "") + s;
  }

  function artists(list) {
    return list.map(function (a) { return a.name + a.join; }).join("");
  }

  function render(pane, data) {
    pane.textContent = "";
    if (data.error) {
      var error = document.createElement("p");
      error.className = "errornote";
      error.textContent = data.error;
      pane.appendChild(error);
      return;
    }
    var summary = document.createElement("p");
    summary.className = "listing-summary";
    summary.textContent = data.tracks.length + " tracks, read as " + ORDER_NAMES[data.order] + ".";
    pane.appendChild(summary);
    var table = document.createElement("table");
    table.className = "listing-preview-tracks";
    var head = document.createElement("tr");
    ["Line", "Disc", "No.", "Title", "Artists", "Time"].forEach(function (h) { cell(head, h, "th"); });
    table.appendChild(head);
    data.tracks.forEach(function (t) {
      var row = document.createElement("tr");
      [t.line_no, t.disc, t.position, t.title, artists(t.artists), duration(t.duration_seconds)]
        .forEach(function (value) { cell(row, value); });
      table.appendChild(row);
    });
    pane.appendChild(table);
    var notes = (data.unparsed || []).map(function (u) {
      return "Line " + u.line_no + " (" + u.reason + "): " + u.line;
    }).concat((data.warnings || []).map(function (w) {
      return "Warning" + (w.line_no ? " on line " + w.line_no : "") + ": " + (w.message || w.code);
    }));
    if (notes.length) {
      var heading = document.createElement("p");
      heading.textContent = "Not turned into tracks:";
      pane.appendChild(heading);
      var list = document.createElement("ul");
      list.className = "listing-preview-unparsed";
      notes.forEach(function (note) {
        var item = document.createElement("li");
        item.textContent = note;
        list.appendChild(item);
      });
      pane.appendChild(list);
    }
  }

  function attach(textarea) {
    var form = textarea.form;
    var url = textarea.getAttribute("data-preview-url");
    if (!form || !url) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button listing-preview-button";
    button.textContent = "Preview the listing";
    var pane = document.createElement("div");
    pane.className = "markdown-preview listing-preview";
    pane.hidden = true;
    pane.setAttribute("aria-live", "polite");
    textarea.parentNode.insertBefore(button, textarea.nextSibling);
    button.parentNode.insertBefore(pane, button.nextSibling);
    button.addEventListener("click", function () {
      var body = new FormData();
      body.append("listing", textarea.value);
      var order = form.querySelector("[name=listing_order]");
      body.append("order", order ? order.value : "");
      var token = form.querySelector("input[name=csrfmiddlewaretoken]");
      fetch(url, { method: "POST", body: body, credentials: "same-origin",
                   headers: { "X-CSRFToken": token ? token.value : "" } })
        .then(function (response) { return response.json(); })
        .then(function (data) { render(pane, data); pane.hidden = false; })
        .catch(function (error) { pane.textContent = error.message; pane.hidden = false; });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea.listing-editor").forEach(attach);
  });
})();
