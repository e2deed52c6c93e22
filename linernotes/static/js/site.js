// Progressive enhancement only: every page works without this file.
// Click-to-play video: the player (and any request to the video host) is created
// only when the reader presses play; until then the placeholder is a plain link.
(function () {
  "use strict";
  var players = {
    youtube: function (id) { return "https://www.youtube-nocookie.com/embed/" + id + "?autoplay=1"; },
    vimeo: function (id) { return "https://player.vimeo.com/video/" + id + "?autoplay=1&dnt=1"; }
  };
  var validId = /^[A-Za-z0-9_-]{4,20}$/;

  function play(figure) {
    var provider = figure.getAttribute("data-embed-provider");
    var id = figure.getAttribute("data-embed-id");
    if (!players[provider] || !validId.test(id)) { return false; }
    var frame = document.createElement("iframe");
    frame.src = players[provider](id);
    frame.title = "Video player";
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.setAttribute("allowfullscreen", "");
    var link = figure.querySelector(".embed-link");
    figure.replaceChild(frame, link);
    return true;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".embed-link");
    if (!link) { return; }
    var figure = link.closest("figure.embed");
    if (figure && play(figure)) { event.preventDefault(); }
  });
})();

// The reader's own state: cached pages are the same for everyone, so who is
// signed in (and what they liked, may edit, ...) comes from one small uncached
// request after the page has loaded. Other scripts wait on
// window.LinerNotes.readerState (a promise of the state, or null) instead of
// asking again. A page names its post with data-post-pk, so the state can cover it.
(function () {
  "use strict";
  var LinerNotes = window.LinerNotes = window.LinerNotes || {};
  var slot = document.querySelector("[data-reader-state-url]");
  if (!slot || !window.fetch) { LinerNotes.readerState = Promise.resolve(null); return; }
  var url = slot.getAttribute("data-reader-state-url");
  var post = document.querySelector("[data-post-pk]");
  if (post) { url += "?post=" + encodeURIComponent(post.getAttribute("data-post-pk")); }
  LinerNotes.readerState = fetch(url, { credentials: "same-origin" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .catch(function () { return null; });
  LinerNotes.readerState.then(function (state) {
    if (!state || !state.signed_in) { return; }
    slot.textContent = "Signed in as " + state.name;
    if (state.admin_url) {
      var link = document.createElement("a");
      link.href = state.admin_url;
      link.textContent = "Write";
      slot.appendChild(document.createTextNode(" · "));
      slot.appendChild(link);
    }
  });
})();
