// Likes in place. Without this file the like buttons are plain forms that post
// and come back to the page. With it: buttons show whether this reader already
// likes the post or a comment (from the reader state, since the cached page is
// the same for everyone), and a click asks for JSON and updates the count.
(function () {
  "use strict";
  var LinerNotes = window.LinerNotes;
  if (!window.fetch || !window.URLSearchParams || !LinerNotes || !LinerNotes.readerState) { return; }
  document.documentElement.classList.add("js-likes");

  function phrase(kind, count) {
    if (kind === "post") {
      if (!count) { return "Be the first to like this"; }
      return count + (count === 1 ? " reader likes this" : " readers like this");
    }
    if (!count) { return ""; }
    return "Liked by " + count + (count === 1 ? " person" : " people");
  }

  function show(form, liked, count) {
    var button = form.querySelector(".like-button");
    button.setAttribute("aria-pressed", liked ? "true" : "false");
    button.value = liked ? "0" : "1";
    button.querySelector(".like-label").textContent = liked ? "Liked" : "Like";
    if (typeof count !== "number") { return; }
    var summary = form.closest("[data-like-box]").querySelector(".like-summary");
    summary.textContent = phrase(form.getAttribute("data-like-kind"), count);
    summary.setAttribute("data-like-count", String(count));
  }

  function complain(form, message) {
    var box = form.closest("[data-like-box]");
    var note = box.querySelector(".like-error");
    if (!note) {
      note = document.createElement("span");
      note.className = "like-error";
      note.setAttribute("role", "status");
      box.appendChild(note);
    }
    note.textContent = message;
  }

  LinerNotes.readerState.then(function (state) {
    var likes = state && state.likes;
    if (!likes) { return; }
    document.querySelectorAll(".like-form").forEach(function (form) {
      var pk = Number(form.getAttribute("data-like-pk"));
      var kind = form.getAttribute("data-like-kind");
      var liked = kind === "post" ? likes.post : likes.comments.indexOf(pk) !== -1;
      if (liked) { show(form, true); }
    });
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("like-form")) { return; }
    event.preventDefault();
    var button = form.querySelector(".like-button");
    var wanted = button.getAttribute("aria-pressed") !== "true";
    var body = new URLSearchParams();
    body.set("liked", wanted ? "1" : "0");
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    })
      .then(function (response) {
        var parsed = response.json().catch(function () { return {}; });
        return parsed.then(function (data) {
          if (!response.ok) { throw new Error(data.error || "The like was not saved."); }
          var note = form.closest("[data-like-box]").querySelector(".like-error");
          if (note) { note.textContent = ""; }
          show(form, data.liked, data.count);
        });
      })
      .catch(function (error) {
        // A network failure's own message means nothing to a reader.
        var known = error instanceof Error && error.name === "Error" && error.message;
        complain(form, known || "The like was not saved; try again.");
      })
      .then(function () { button.disabled = false; });
  });
})();
