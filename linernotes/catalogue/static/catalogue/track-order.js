// The release's track table: a handle on each row to drag it to another place,
// or to move it with the arrow keys. Moving a row only renumbers the plain
// "Order" fields, which are what saving reads, so the table works the same
// without this script (type the numbers).
(function () {
  "use strict";
  var dragged = null;

  function rows(body) {
    return Array.prototype.filter.call(body.querySelectorAll("tr.form-row"), function (row) {
      return !row.classList.contains("empty-form") && row.querySelector("input.track-order");
    });
  }

  function renumber(body) {
    rows(body).forEach(function (row, index) {
      row.querySelector("input.track-order").value = index + 1;
    });
  }

  function title(row) {
    var input = row.querySelector("input[name$='-title']");
    return input && input.value ? input.value : "this track";
  }

  function addHandle(row, body) {
    var cell = row.querySelector("td.field-sort_order");
    if (!cell || cell.querySelector(".track-handle")) { return; }
    var handle = document.createElement("button");
    handle.type = "button";
    handle.className = "track-handle";
    handle.textContent = "\u2630";
    handle.setAttribute("aria-label", "Move " + title(row) + " (drag, or arrow keys)");
    cell.insertBefore(handle, cell.firstChild);
    row.draggable = false;
    handle.addEventListener("mousedown", function () { row.draggable = true; });
    handle.addEventListener("keydown", function (event) {
      var all = rows(body), at = all.indexOf(row);
      if (event.key === "ArrowUp" && at > 0) {
        body.insertBefore(row, all[at - 1]);
      } else if (event.key === "ArrowDown" && at < all.length - 1) {
        body.insertBefore(row, all[at + 1].nextSibling);
      } else { return; }
      event.preventDefault();
      renumber(body);
      handle.focus();
    });
    row.addEventListener("dragstart", function (event) {
      dragged = row;
      row.classList.add("track-dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", title(row));
    });
    row.addEventListener("dragend", function () {
      row.classList.remove("track-dragging");
      row.draggable = false;
      dragged = null;
      renumber(body);
    });
    row.addEventListener("dragover", function (event) {
      if (!dragged || dragged === row || dragged.parentNode !== body) { return; }
      event.preventDefault();
      var box = row.getBoundingClientRect();
      var after = event.clientY > box.top + box.height / 2;
      body.insertBefore(dragged, after ? row.nextSibling : row);
    });
    row.addEventListener("drop", function (event) { event.preventDefault(); });
  }

  function attach(group) {
    var body = group.querySelector("tbody");
    if (!body) { return; }
    group.classList.add("track-table-sortable");
    rows(body).forEach(function (row) { addHandle(row, body); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".track-table").forEach(attach);
  });
  // A row added with "Add another Track" gets a handle and the next number.
  document.addEventListener("formset:added", function (event) {
    var row = event.target, body = row && row.parentNode;
    if (!body || !row.querySelector || !row.querySelector("input.track-order")) { return; }
    addHandle(row, body);
    renumber(body);
  });
})();
