// Progressive enhancement only: every page works without this file.
// Click-to-play music and video: the player (and any request to its provider)
// is created only when the reader presses play; until then the placeholder is a
// plain link. The server names the player's address (core/embeds.py), and the
// Content-Security-Policy's frame-src lets only those providers' frames load.
// This script refuses the same way, from the origins base.html lists on its own
// tag (data-frame-origins, from core.embeds.frame_sources): a placeholder that
// names any other address stays a link even where no policy is sent.
(function () {
  "use strict";
  var self = document.querySelector("script[data-frame-origins]");
  var frameOrigins = self ? self.getAttribute("data-frame-origins").split(/\s+/) : [];
  // Pages stored before data-embed-src existed name only a video's id.
  var storedVideos = {
    youtube: function (id) { return "https://www.youtube-nocookie.com/embed/" + id + "?autoplay=1"; },
    vimeo: function (id) { return "https://player.vimeo.com/video/" + id + "?autoplay=1&dnt=1"; }
  };
  var validId = /^[A-Za-z0-9_-]{4,20}$/;

  function allowed(src) {
    var address;
    try { address = new URL(src); } catch (error) { return null; }
    return address.protocol === "https:" && frameOrigins.indexOf(address.origin) !== -1 &&
      address.href.indexOf(address.origin + "/") === 0 ? address.href : null;
  }

  function playerAddress(figure) {
    var src = figure.getAttribute("data-embed-src");
    if (src) { return allowed(src); }
    var provider = figure.getAttribute("data-embed-provider");
    var id = figure.getAttribute("data-embed-id");
    return storedVideos[provider] && validId.test(id) ? allowed(storedVideos[provider](id)) : null;
  }

  function play(figure) {
    var src = playerAddress(figure);
    var link = figure.querySelector(".embed-link");
    if (!src || !link) { return false; }
    var frame = document.createElement("iframe");
    frame.src = src;
    frame.title = link.textContent.replace(/^\s+|\s+$/g, "") || "Player";
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen; clipboard-write";
    frame.setAttribute("allowfullscreen", "");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    figure.replaceChild(frame, link);
    frame.focus();
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
