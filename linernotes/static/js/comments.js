// Progressive enhancement for the conversation under a post. Without this file
// "Reply to X" links to ?replyto= and the form posts and redirects; with it the
// form moves under the comment being answered and posts through fetch to the
// same endpoint, asking for JSON, and the new comment appears in place.
//
// The cached page never holds a comment awaiting moderation, yet its writer keeps
// seeing theirs: the reader state (/account/me.json, from this browser's signed
// commenter cookie or the account) lists them as "held", and they are put in
// place here, marked as held, until a writer has looked at them.
(function () {
  "use strict";
  var section = document.querySelector("[data-comments-post]");
  var thread = section && section.querySelector("[data-comment-thread]");
  if (!thread) { return; }

  function insertComment(data) {
    var holder = document.createElement("template");
    holder.innerHTML = data.html.trim();
    var item = holder.content.firstElementChild;
    var parent = data.parent && thread.querySelector("#comment-" + data.parent);
    var next = null;
    if (parent) {
      // Replies sit after the whole of the parent's thread, in thread order.
      var depth = Number(parent.getAttribute("data-depth"));
      next = parent.nextElementSibling;
      while (next && Number(next.getAttribute("data-depth")) > depth) {
        next = next.nextElementSibling;
      }
    }
    if (data.edit_url) {
      var edit = document.createElement("a");
      edit.href = data.edit_url;
      edit.className = "comment-edit";
      edit.textContent = "Edit your comment";
      var actions = document.createElement("p");
      actions.className = "comment-actions";
      actions.appendChild(edit);
      item.appendChild(actions);
    }
    thread.insertBefore(item, next);
    return item;
  }

  function belongsHere(data) {
    if (document.getElementById("comment-" + data.id)) { return false; }
    if (data.parent) { return Boolean(thread.querySelector("#comment-" + data.parent)); }
    // A new thread goes at the end of the conversation: on its last page.
    return !section.querySelector(".comment-pages-newer");
  }

  // When this reader was given the form, signed by the server: the spam check
  // holds a comment sent sooner than a person types. The cached page cannot
  // say it (it knows only when the cache was filled), so it comes from the
  // reader state, and without this script the check simply abstains.
  var LinerNotes = window.LinerNotes;
  if (LinerNotes && LinerNotes.readerState) {
    LinerNotes.readerState.then(function (state) {
      (state && state.held || []).forEach(function (data) {
        if (belongsHere(data)) { insertComment(data); }
      });
      var shown = section.querySelector("form#respond [name=shown]");
      if (shown && state && state.comment_form_shown) {
        shown.value = state.comment_form_shown;
      }
    });
  }

  var form = section.querySelector("form#respond");
  if (!form || !window.fetch || !window.FormData) { return; }
  var title = form.querySelector(".comment-form-title");
  var home = document.createComment("reply form");
  form.parentNode.insertBefore(home, form);
  var plainTitle = "Leave a reply";

  var cancel = document.createElement("button");
  cancel.type = "button";
  cancel.className = "comment-cancel";
  cancel.textContent = "Cancel reply";
  cancel.hidden = true;
  // Beside "Post comment", after it: the lighter of the two buttons.
  var actions = form.querySelector(".comment-form-actions");
  if (actions) { actions.appendChild(cancel); } else { title.parentNode.insertBefore(cancel, title.nextSibling); }

  function field(name) { return form.elements.namedItem(name); }

  function newKey() {
    // A fresh key per comment: a retried or double-clicked send stores it once.
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function replyTo(link) {
    var item = link.closest("li.comment");
    item.appendChild(form);
    field("parent").value = link.getAttribute("data-reply-to");
    title.textContent = plainTitle + " to " + link.getAttribute("data-reply-name");
    cancel.hidden = false;
    field("body").focus();
  }

  function backHome() {
    home.parentNode.insertBefore(form, home.nextSibling);
    field("parent").value = "";
    title.textContent = plainTitle;
    cancel.hidden = true;
  }

  function clearErrors() {
    form.querySelectorAll("[data-js-error]").forEach(function (node) { node.remove(); });
  }

  function showError(name, messages) {
    var note = document.createElement("p");
    note.className = "error field-error";
    note.setAttribute("data-js-error", "");
    note.setAttribute("role", "alert");
    note.textContent = messages.join(" ");
    var input = name === "__all__" ? null : field(name);
    if (input && input.parentNode) {
      input.parentNode.appendChild(note);
    } else {
      title.parentNode.insertBefore(note, cancel.nextSibling);
    }
  }

  section.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.comment-reply");
    if (link) { event.preventDefault(); replyTo(link); }
    if (event.target === cancel) { backHome(); }
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    if (!field("key").value) { field("key").value = newKey(); }
    clearErrors();
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (response.status === 201) {
          var item = insertComment(data);
          field("body").value = "";
          field("key").value = "";
          backHome();
          item.scrollIntoView({ block: "nearest" });
        } else if (data.errors) {
          Object.keys(data.errors).forEach(function (name) {
            showError(name, data.errors[name]);
          });
        } else {
          showError("__all__", ["The comment could not be sent; please try again."]);
        }
      });
    }).catch(function () {
      showError("__all__", ["The comment could not be sent; please try again."]);
    }).then(function () { button.disabled = false; });
  });
})();
