// The writer's editor. Everything here enhances a form that works without it:
// the Preview button, Save and the upload inlines all do their job with plain
// requests. With the script, the post page is drawn beside the text as it is
// typed (by the blog's own template, in a frame), the text is autosaved into a
// revision every few seconds, a writer is told when someone else has the post
// open, files dropped or pasted into the text are uploaded at once (an image
// as a body image, anything else as the post's attachment; a post never saved
// is first saved as a draft, and the page becomes that draft's) and what the
// post page needs for each put where the cursor is, the words are counted, choosing a
// series fills in the next part number, and a track listing pasted into its box
// is read beside it as the paste page reads it. No inline code: the page's policy
// allows only our own files.
(function () {
  "use strict";

  var AUTOSAVE_EVERY = 5000; // ms between autosaves while the text changes
  var HEARTBEAT_EVERY = 20000; // ms: tell the server we are still here
  var PREVIEW_DELAY = 700; // ms of quiet typing before the preview redraws
  var LISTING_DELAY = 300; // ms of quiet typing before the listing is read again
  var WORDS_PER_MINUTE = 230; // as posts.services.reading_stats counts

  function csrfToken(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function post(url, form, data) {
    return fetch(url, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(form), "Accept": "application/json" }
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        if (!response.ok) {
          throw new Error(json.error || ("The server answered " + response.status + "."));
        }
        return json;
      });
    });
  }

  // Word count and reading time, counted as the server counts them.
  function readingStats(text) {
    var stripped = text.replace(/\]\([^)]*\)|https?:\/\/\S+/g, "]");
    var words = (stripped.match(/[\p{L}\p{N}_’'-]+/gu) || []).length;
    return { words: words, minutes: words ? Math.ceil(words / WORDS_PER_MINUTE) : 0 };
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  // ---- The Pages editor (and any other Markdown field): a preview button.
  function attachSimplePreview(textarea) {
    var url = textarea.getAttribute("data-preview-url");
    if (!url || !textarea.form) { return; }
    var bar = element("div", "markdown-preview-bar");
    var button = element("button", "button markdown-preview-button", "Preview");
    button.type = "button";
    var pane = element("div", "markdown-preview");
    pane.hidden = true;
    pane.setAttribute("aria-live", "polite");
    bar.appendChild(button);
    textarea.parentNode.insertBefore(bar, textarea.nextSibling);
    bar.parentNode.insertBefore(pane, bar.nextSibling);
    button.addEventListener("click", function () {
      var body = new FormData();
      body.append("body", textarea.value);
      button.disabled = true;
      post(url, textarea.form, body)
        .then(function (data) { pane.innerHTML = data.html; pane.hidden = false; })
        .catch(function (error) { pane.textContent = error.message; pane.hidden = false; })
        .finally(function () { button.disabled = false; });
    });
  }

  // ---- The post editor.
  function PostEditor(config) {
    this.config = config;
    this.body = document.getElementById("id_body");
    this.form = this.body.form;
    this.title = document.getElementById("id_title");
    this.excerpt = document.getElementById("id_excerpt");
    this.series = document.getElementById("id_series");
    this.position = document.getElementById("id_series_position");
    this.urls = {
      preview: config.getAttribute("data-preview-url"),
      autosave: config.getAttribute("data-autosave-url"),
      images: config.getAttribute("data-images-url"),
      attachments: config.getAttribute("data-attachments-url"),
      draft: config.getAttribute("data-draft-url"),
      position: config.getAttribute("data-series-position-url"),
      listing: config.getAttribute("data-listing-preview-url")
    };
    this.lastSent = this.snapshot();
    this.lastSentAt = Date.now();
    this.saved = this.snapshot();
    this.submitting = false;
    this.buildStatusBar();
    this.buildPreview();
    this.watchTyping();
    this.watchFiles();
    this.watchSeries();
    this.watchListing();
    this.startAutosave();
    this.guardLeaving();
    this.updateCount();
  }

  PostEditor.prototype.value = function (field) { return field ? field.value : ""; };

  PostEditor.prototype.snapshot = function () {
    return [this.value(this.title), this.value(this.body), this.value(this.excerpt)].join("\u0000");
  };

  PostEditor.prototype.buildStatusBar = function () {
    var bar = element("div", "editor-status");
    this.count = element("span", "editor-count");
    this.autosaveState = element("span", "editor-autosave");
    this.autosaveState.setAttribute("role", "status");
    this.problem = element("p", "editor-problem");
    this.problem.setAttribute("role", "alert");
    this.problem.hidden = true;
    this.presence = element("p", "editor-presence");
    this.presence.setAttribute("role", "status");
    this.presence.hidden = true;
    bar.appendChild(this.count);
    var savedLength = document.querySelector(".form-row.field-reading_time");
    if (savedLength) { savedLength.hidden = true; } // the live count replaces it
    bar.appendChild(this.autosaveState);
    this.body.parentNode.insertBefore(bar, this.body.nextSibling);
    bar.parentNode.insertBefore(this.problem, bar.nextSibling);
    bar.parentNode.insertBefore(this.presence, this.problem.nextSibling);
    this.autosaveState.textContent = this.urls.autosave
      ? "Autosave is on."
      : "Autosave starts once the post is saved.";
    var help = element("p", "editor-hint",
      "Drop or paste images, audio or other files into the text to upload them: " +
      "an image shows where you put it, audio plays in the post's Listen " +
      "section, any other file becomes a download link.");
    bar.parentNode.insertBefore(help, this.presence.nextSibling);
  };

  PostEditor.prototype.updateCount = function () {
    var stats = readingStats(this.body.value);
    this.count.textContent = stats.words + (stats.words === 1 ? " word" : " words") +
      " · " + stats.minutes + " min read";
  };

  // One line per refused file: several may be dropped at once.
  PostEditor.prototype.showProblem = function (message) {
    this.problems = message ? (this.problems || []).concat([message]) : [];
    this.problem.textContent = "";
    var self = this;
    this.problems.forEach(function (line, index) {
      if (index) { self.problem.appendChild(document.createElement("br")); }
      self.problem.appendChild(document.createTextNode(line));
    });
    this.problem.hidden = !this.problems.length;
  };

  // The preview: a frame beside the text, loaded by posting a small form of our
  // own to the preview endpoint (the whole admin form would carry its files).
  PostEditor.prototype.buildPreview = function () {
    var row = this.body.closest(".form-row") || this.body.parentNode;
    var panel = element("div", "editor-preview-panel");
    var heading = element("p", "editor-preview-heading", "Preview, as readers will see it");
    this.frame = element("iframe", "editor-preview-frame");
    this.frame.name = "linernotes-preview";
    this.frame.title = "Preview of the post as readers will see it";
    panel.appendChild(heading);
    panel.appendChild(this.frame);
    row.classList.add("has-preview");
    row.appendChild(panel);
    var fallback = document.querySelector(".editor-preview-row");
    if (fallback) { fallback.hidden = true; }
    this.previewForm = element("form", "editor-preview-form");
    this.previewForm.method = "post";
    this.previewForm.action = this.urls.preview;
    this.previewForm.target = "linernotes-preview";
    this.previewForm.hidden = true;
    document.body.appendChild(this.previewForm);
    var self = this;
    this.frame.addEventListener("load", function () {
      try { self.frame.contentWindow.scrollTo(0, self.previewScroll || 0); } catch (e) { /* not ours */ }
    });
    this.refreshPreview();
  };

  PostEditor.prototype.refreshPreview = function () {
    try {
      this.previewScroll = this.frame.contentWindow ? this.frame.contentWindow.scrollY : 0;
    } catch (e) { this.previewScroll = 0; }
    var fields = {
      csrfmiddlewaretoken: csrfToken(this.form),
      title: this.value(this.title),
      body: this.value(this.body),
      excerpt: this.value(this.excerpt),
      series: this.value(this.series)
    };
    this.previewForm.textContent = "";
    for (var name in fields) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = fields[name];
      this.previewForm.appendChild(input);
    }
    this.previewForm.submit();
  };

  PostEditor.prototype.watchTyping = function () {
    var self = this;
    var timer = null;
    function changed() {
      self.updateCount();
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { self.refreshPreview(); }, PREVIEW_DELAY);
    }
    [this.title, this.body, this.excerpt].forEach(function (field) {
      if (field) { field.addEventListener("input", changed); }
    });
    this.onSeriesChange = changed;
  };

  // ---- Autosave into a revision, and who else is editing.
  PostEditor.prototype.startAutosave = function () {
    if (!this.urls.autosave || this.autosaving) { return; }
    this.autosaving = true;
    var self = this;
    window.setInterval(function () { self.autosave(false); }, AUTOSAVE_EVERY);
  };

  PostEditor.prototype.autosave = function (force) {
    var now = this.snapshot();
    var changed = now !== this.lastSent;
    if (!force && !changed && Date.now() - this.lastSentAt < HEARTBEAT_EVERY) { return null; }
    if (this.inFlight) { return this.inFlight; }
    var data = new FormData();
    data.append("title", this.value(this.title));
    data.append("body", this.value(this.body));
    data.append("excerpt", this.value(this.excerpt));
    var self = this;
    this.inFlight = post(this.urls.autosave, this.form, data)
      .then(function (answer) {
        self.lastSent = now;
        self.lastSentAt = Date.now();
        if (changed) {
          self.autosaveState.textContent = answer.revision
            ? "Autosaved at " + answer.saved_at +
              " (a revision; readers see the post when you save)."
            : "No changes since the post was saved.";
        }
        self.presence.textContent = answer.notice || "";
        self.presence.hidden = !answer.notice;
      })
      .catch(function (error) {
        self.autosaveState.textContent = "Autosave failed: " + error.message +
          " Your text is still here; Save keeps it.";
      })
      .finally(function () { self.inFlight = null; });
    return this.inFlight;
  };

  PostEditor.prototype.guardLeaving = function () {
    var self = this;
    this.form.addEventListener("submit", function () { self.submitting = true; });
    window.addEventListener("beforeunload", function (event) {
      if (!self.submitting && self.snapshot() !== self.saved) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
  };

  // ---- Files dropped or pasted into the text.
  PostEditor.prototype.watchFiles = function () {
    var self = this;
    this.body.addEventListener("dragover", function (event) {
      if (event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, "Files") >= 0) {
        event.preventDefault();
        self.body.classList.add("is-drop-target");
      }
    });
    this.body.addEventListener("dragleave", function () {
      self.body.classList.remove("is-drop-target");
    });
    this.body.addEventListener("drop", function (event) {
      self.body.classList.remove("is-drop-target");
      var files = event.dataTransfer ? event.dataTransfer.files : [];
      if (!files.length) { return; }
      event.preventDefault();
      self.uploadAll(files);
    });
    this.body.addEventListener("paste", function (event) {
      var files = event.clipboardData ? event.clipboardData.files : [];
      if (!files.length) { return; }
      event.preventDefault();
      self.uploadAll(files);
    });
  };

  PostEditor.prototype.insertAtCursor = function (text) {
    var start = this.body.selectionStart;
    var end = this.body.selectionEnd;
    var before = this.body.value.slice(0, start);
    var after = this.body.value.slice(end);
    var padBefore = before && !/\n\n$/.test(before) ? (/\n$/.test(before) ? "\n" : "\n\n") : "";
    var padAfter = after && !/^\n/.test(after) ? "\n\n" : "";
    var inserted = padBefore + text + padAfter;
    this.body.value = before + inserted + after;
    var caret = before.length + padBefore.length + text.length;
    this.body.setSelectionRange(caret, caret);
    return inserted;
  };

  PostEditor.prototype.uploadAll = function (files) {
    this.showProblem("");
    // A post never saved becomes a draft first, from the text as it is before
    // the files' markers go in; every file of the drop waits for that one draft.
    if (!this.urls.images && this.urls.draft && !this.draftReady) {
      this.draftReady = this.makeDraft();
    }
    Array.prototype.forEach.call(files, this.upload, this);
  };

  // Save the add page's title and text as a draft, then make this page that
  // draft's change page: the address (history.replaceState, so a reload opens
  // the draft) and where the form is sent, so the writer's Save updates the
  // draft instead of adding a second post. What the writer typed stays.
  PostEditor.prototype.makeDraft = function () {
    var self = this;
    var data = new FormData();
    data.append("title", this.value(this.title));
    data.append("body", this.value(this.body));
    return post(this.urls.draft, this.form, data).then(function (answer) {
      var address = answer.change_url + window.location.search;
      self.urls.images = answer.images;
      self.urls.attachments = answer.attachments;
      self.urls.autosave = answer.autosave;
      self.urls.preview = answer.preview;
      self.urls.draft = "";
      self.previewForm.action = answer.preview;
      self.form.action = address;
      window.history.replaceState(window.history.state, "", address);
      self.autosaveState.textContent = "Saved as a draft to keep the files you " +
        "dropped; Save keeps the rest. Autosave is on.";
      self.startAutosave();
      return answer;
    }, function (error) {
      self.draftReady = null; // the next drop tries again
      throw error;
    });
  };

  // An image goes to the body images, anything else to the attachments; the
  // server checks the bytes either way (a name may lie about its type).
  PostEditor.prototype.upload = function (file) {
    var self = this;
    var image = /^image\//.test(file.type);
    if (!this.urls.images && !this.draftReady) {
      this.showProblem("Not uploaded: " + file.name + ". Save the post once, then " +
        "drop files into the text: they are stored with the post.");
      return;
    }
    var marker = (image ? "!" : "") + "[Uploading " + file.name + "…]()";
    this.insertAtCursor(marker);
    var data = new FormData();
    data.append(image ? "image" : "file", file, file.name);
    Promise.resolve(this.urls.images ? null : this.draftReady)
      .then(function () {
        return post(image ? self.urls.images : self.urls.attachments, self.form, data);
      })
      .then(function (answer) {
        self.body.value = self.body.value.replace(marker, answer.markdown);
      })
      .catch(function (error) {
        self.body.value = self.body.value.replace(marker, "");
        self.showProblem("Not uploaded: " + error.message);
      })
      .finally(function () {
        self.body.dispatchEvent(new Event("input"));
      });
  };

  // ---- The series' next part number.
  PostEditor.prototype.watchSeries = function () {
    if (!this.series || !this.position || !this.urls.position) { return; }
    var self = this;
    var filled = null; // the number this script put in, if the writer kept it
    function chosen() {
      var seriesId = self.series.value;
      var mine = self.position.value === "" || self.position.value === filled;
      if (self.onSeriesChange) { self.onSeriesChange(); }
      if (!mine) { return; }
      if (!seriesId) {
        self.position.value = "";
        filled = null;
        return;
      }
      fetch(self.urls.position + "?series=" + encodeURIComponent(seriesId), {
        credentials: "same-origin", headers: { "Accept": "application/json" }
      }).then(function (response) { return response.ok ? response.json() : null; })
        .then(function (answer) {
          if (answer && (self.position.value === "" || self.position.value === filled)) {
            filled = String(answer.position);
            self.position.value = filled;
          }
        });
    }
    this.series.addEventListener("change", chosen);
    // The admin's autocomplete (Select2) announces changes through jQuery only.
    if (window.django && window.django.jQuery) {
      window.django.jQuery(this.series).on("select2:select select2:clear", chosen);
    }
  };

  // ---- The track listing box: read beside it while the writer types. The
  // answer is the paste page's own partial, drawn by the server (its text is
  // escaped there); an answer to an older text is dropped.
  PostEditor.prototype.watchListing = function () {
    var box = document.getElementById("id_listing");
    if (!box || !this.urls.listing) { return; }
    var self = this;
    var pane = element("div", "editor-listing-preview");
    pane.id = "editor-listing-preview";
    pane.setAttribute("aria-live", "polite");
    pane.hidden = true;
    box.parentNode.insertBefore(pane, box.nextSibling);
    box.setAttribute("aria-describedby",
      ((box.getAttribute("aria-describedby") || "") + " " + pane.id).trim());
    var timer = null;
    var asked = 0;
    function read() {
      var text = box.value;
      var mine = ++asked;
      if (!text.trim()) { pane.textContent = ""; pane.hidden = true; return; }
      var data = new FormData();
      data.append("listing", text);
      fetch(self.urls.listing, {
        method: "POST", body: data, credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(self.form), "Accept": "text/html" }
      }).then(function (response) {
        // 400 is the parser's refusal, drawn in the same partial.
        if (!response.ok && response.status !== 400) {
          throw new Error("The server answered " + response.status + ".");
        }
        return response.text();
      }).then(function (html) {
        if (mine !== asked) { return; }
        pane.innerHTML = html;
        pane.hidden = false;
      }).catch(function (error) {
        if (mine !== asked) { return; }
        pane.textContent = "The listing could not be read just now: " + error.message +
          " “Save and add the music” still reads it.";
        pane.hidden = false;
      });
    }
    box.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(read, LISTING_DELAY);
    });
    if (box.value.trim()) { read(); }
  };

  // Name the admin's widgets that come without a label of their own: the
  // autocomplete boxes Select2 draws (it re-draws their search field after
  // each choice, hence the observer) and file inputs under a fieldset legend.
  function fieldName(row) {
    var label = row.querySelector("label[for], legend");
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }

  function labelWidgets(form) {
    form.querySelectorAll(".form-row").forEach(function (row) {
      var name = fieldName(row);
      if (!name) { return; }
      row.querySelectorAll(".select2-selection--single, .select2-selection__rendered[role=textbox], .select2-search__field, input[type=file]")
        .forEach(function (widget) {
          if (widget.matches("input[type=file]") && widget.labels && widget.labels.length) { return; }
          if (widget.getAttribute("aria-label") !== name) { widget.setAttribute("aria-label", name); }
        });
    });
    // Select2's "remove all" cross is a bare span inside its list of choices:
    // a pointer shortcut that a screen reader cannot use (Backspace removes a
    // choice), and a list may hold only items. Hidden from assistive technology.
    form.querySelectorAll(".select2-selection__rendered > .select2-selection__clear:not([aria-hidden])")
      .forEach(function (cross) { cross.setAttribute("aria-hidden", "true"); });
  }

  function watchWidgetLabels(form) {
    labelWidgets(form);
    var pending = false;
    new MutationObserver(function () {
      if (pending) { return; }
      pending = true;
      window.requestAnimationFrame(function () { pending = false; labelWidgets(form); });
    }).observe(form, { childList: true, subtree: true });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var config = document.getElementById("linernotes-editor");
    if (config && document.getElementById("id_body")) {
      window.linernotesEditor = new PostEditor(config);
      watchWidgetLabels(document.getElementById("id_body").form);
      return;
    }
    document.querySelectorAll("textarea.markdown-editor").forEach(attachSimplePreview);
  });
})();
