// Progressive enhancement for signed-in readers; every page works without it.
// Cached pages are the same for everyone, so the reply form cannot know who is
// reading. Once window.LinerNotes.readerState (see site.js) says a reader is
// signed in, the form says which account the reply will come from, and the guest
// fields (name, email, website) are hidden and no longer required: the server
// takes an account holder's name and address from the account anyway.
(function () {
  "use strict";
  var LinerNotes = window.LinerNotes;
  if (!LinerNotes || !LinerNotes.readerState) { return; }

  function link(href, text) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  function commentingAs(slot, who) {
    slot.textContent = "";
    if (who.avatar_url) {
      var img = document.createElement("img");
      img.className = "avatar avatar-small";
      img.src = who.avatar_url;
      img.alt = "";
      img.width = 24;
      img.height = 24;
      slot.appendChild(img);
    }
    slot.appendChild(document.createTextNode(
      "You are commenting using your " + who.provider + " account · "
    ));
    slot.title = "Signed in as " + who.name;
    slot.appendChild(link(who.logout_url, "Log out"));
    slot.appendChild(document.createTextNode(" · "));
    slot.appendChild(link(who.change_url, "Change"));
    slot.hidden = false;
  }

  function hideGuestFields(form) {
    var fields = form.querySelector("[data-guest-fields]");
    if (!fields) { return; }
    fields.hidden = true;
    Array.prototype.forEach.call(fields.querySelectorAll("[required]"), function (input) {
      input.removeAttribute("required");
    });
  }

  function headerLinks(state) {
    var slot = document.querySelector("[data-reader-state-url]");
    if (!slot || !state.profile_url) { return; }
    slot.appendChild(document.createTextNode(" · "));
    slot.appendChild(link(state.profile_url, "Profile"));
    if (state.commenting_as) {
      slot.appendChild(document.createTextNode(" · "));
      slot.appendChild(link(state.commenting_as.logout_url, "Log out"));
    }
  }

  LinerNotes.readerState.then(function (state) {
    if (!state || !state.signed_in) { return; }
    headerLinks(state);
    if (!state.commenting_as) { return; }
    Array.prototype.forEach.call(document.querySelectorAll("[data-commenting-as]"), function (slot) {
      commentingAs(slot, state.commenting_as);
      var form = slot.closest("form");
      if (form) { hideGuestFields(form); }
    });
  });
})();
