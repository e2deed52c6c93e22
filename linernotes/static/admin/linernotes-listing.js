// Track-listing preview in the release editor: shows what the parser understood
// (tracks, and every line it did not turn into a track, with the reason) before
// the writer saves. Each uncertain reading is shown beside the lines it concerns
// with a one-click alternative ("read as Title - Artist", "read as a track");
// choosing one records it in the form (order select, hidden listing_options)
// and previews again, so saving stores exactly the reading last shown.
(function () {
  "use strict";
  var ORDER_NAMES = { "artist-title": "Artist – Title", "title-artist": "Title – Artist",
                      "none": "titles only" };
  var LINE_OPTIONS = ["as_headings", "as_tracks", "whole_lines"];

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text != null) { node.textContent = String(text); }
    return node;
  }

  function cell(row, text, tag) {
    row.appendChild(element(tag || "td", "", text == null ? "" : text));
  }

  function duration(seconds) {
    if (seconds == null) { return ""; }
    var hours = Math.floor(seconds / 3600), minutes = Math.floor(seconds / 60) % 60;
    var s = seconds % 60, pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return hours ? hours + ":" + pad(minutes) + ":" + pad(s) : Math.floor(seconds / 60) + ":" + pad(s);
  }

  function artists(list) {
    return list.map(function (a) { return a.name + a.join; }).join("");
  }

  function readOptions(hidden) {
    var options = {};
    try { options = JSON.parse(hidden && hidden.value ? hidden.value : "{}") || {}; }
    catch (error) { options = {}; }
    LINE_OPTIONS.forEach(function (key) {
      if (!Array.isArray(options[key])) { options[key] = []; }
    });
    return options;
  }

  // Warnings by the first line they concern; listing-wide ones under 0.
  function warningsByLine(warnings) {
    var byLine = {};
    warnings.forEach(function (warning) {
      var line = (warning.lines && warning.lines.length) ? warning.lines[0] : (warning.line_no || 0);
      (byLine[line] = byLine[line] || []).push(warning);
    });
    return byLine;
  }

  function warningNode(warning, choose) {
    var box = element("div", "listing-warning");
    box.setAttribute("data-code", warning.code);
    var lines = warning.lines && warning.lines.length > 1 ? " (lines " + warning.lines.join(", ") + ")" : "";
    box.appendChild(element("span", "listing-warning-text", "Check: " + warning.message + lines));
    if (warning.alternative) {
      var button = element("button", "button listing-alternative", warning.alternative.label);
      button.type = "button";
      button.addEventListener("click", function () { choose(warning.alternative); });
      box.appendChild(document.createTextNode(" "));
      box.appendChild(button);
    }
    return box;
  }

  function render(pane, data, choose) {
    pane.textContent = "";
    if (data.error) {
      pane.appendChild(element("p", "errornote", data.error));
      return;
    }
    var byLine = warningsByLine(data.warnings || []);
    var summary = data.tracks.length + " tracks, read as " + ORDER_NAMES[data.order] + ".";
    pane.appendChild(element("p", "listing-summary", summary));
    (byLine[0] || []).forEach(function (w) { pane.appendChild(warningNode(w, choose)); });
    var table = element("table", "listing-preview-tracks");
    var head = document.createElement("tr");
    ["Line", "Disc", "No.", "Title", "Artists", "Time", "Check"].forEach(function (h) { cell(head, h, "th"); });
    table.appendChild(head);
    data.tracks.forEach(function (t) {
      var row = document.createElement("tr");
      row.setAttribute("data-line", t.line_no);
      var title = t.writers ? t.title + " (writers: " + t.writers + ")" : t.title;
      [t.line_no, t.disc, t.position, title, artists(t.artists), duration(t.duration_seconds)]
        .forEach(function (value) { cell(row, value); });
      var check = document.createElement("td");
      (byLine[t.line_no] || []).forEach(function (w) { check.appendChild(warningNode(w, choose)); });
      delete byLine[t.line_no];
      row.appendChild(check);
      table.appendChild(row);
    });
    pane.appendChild(table);
    var unparsed = data.unparsed || [];
    if (unparsed.length) {
      pane.appendChild(element("p", "", "Not turned into tracks:"));
      var list = element("ul", "listing-preview-unparsed");
      unparsed.forEach(function (u) {
        var item = element("li", "", "Line " + u.line_no + " (" + u.reason + "): " + u.line);
        item.setAttribute("data-line", u.line_no);
        (byLine[u.line_no] || []).forEach(function (w) { item.appendChild(warningNode(w, choose)); });
        delete byLine[u.line_no];
        list.appendChild(item);
      });
      pane.appendChild(list);
    }
    Object.keys(byLine).forEach(function (line) {
      if (line !== "0") {
        byLine[line].forEach(function (w) { pane.appendChild(warningNode(w, choose)); });
      }
    });
  }

  function attach(textarea) {
    var form = textarea.form;
    var url = textarea.getAttribute("data-preview-url");
    if (!form || !url) { return; }
    var order = form.querySelector("[name=listing_order]");
    var hidden = form.querySelector("[name=listing_options]");
    var button = element("button", "button listing-preview-button", "Preview the listing");
    button.type = "button";
    var pane = element("div", "markdown-preview listing-preview");
    pane.hidden = true;
    pane.setAttribute("aria-live", "polite");
    textarea.parentNode.insertBefore(button, textarea.nextSibling);
    button.parentNode.insertBefore(pane, button.nextSibling);

    function choose(alternative) {
      if (alternative.option === "order") {
        if (order) { order.value = alternative.value; }
      } else if (hidden) {
        var options = readOptions(hidden);
        alternative.value.forEach(function (line) {
          if (options[alternative.option].indexOf(line) < 0) { options[alternative.option].push(line); }
        });
        hidden.value = JSON.stringify(options);
      }
      preview();
    }

    function preview() {
      var body = new FormData();
      body.append("listing", textarea.value);
      body.append("order", order ? order.value : "");
      body.append("options", hidden ? hidden.value : "");
      var token = form.querySelector("input[name=csrfmiddlewaretoken]");
      fetch(url, { method: "POST", body: body, credentials: "same-origin",
                   headers: { "X-CSRFToken": token ? token.value : "" } })
        .then(function (response) { return response.json(); })
        .then(function (data) { render(pane, data, choose); pane.hidden = false; })
        .catch(function (error) { pane.textContent = error.message; pane.hidden = false; });
    }

    button.addEventListener("click", preview);
    // Choices were made for the text they were made on: new text starts afresh.
    textarea.addEventListener("input", function () { if (hidden) { hidden.value = ""; } });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea.listing-editor").forEach(attach);
  });
})();
