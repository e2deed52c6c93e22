// Progressive enhancement of the post's audio playlist (posts/_audio_player.html).
// Without this file every track is still an <audio controls> element with its
// download link. With it: a format this browser cannot play shows a note pointing
// at the download link instead of a dead player, starting one track pauses the
// others, and a track that ends starts the next one.
(function () {
  "use strict";
  var tracks = Array.prototype.slice.call(document.querySelectorAll(".audio-playlist audio"));

  function cannotPlay(audio) {
    if (audio.hidden) { return; }
    audio.hidden = true;
    var note = document.createElement("p");
    note.className = "audio-track-cannot-play";
    note.textContent = "This browser cannot play this format: use the download link.";
    audio.parentNode.insertBefore(note, audio.nextSibling);
  }

  tracks.forEach(function (audio, index) {
    var type = audio.getAttribute("data-audio-type") || "";
    if (!audio.canPlayType || audio.canPlayType(type) === "") { cannotPlay(audio); return; }
    var sources = audio.querySelectorAll("source");
    if (sources.length) {
      sources[sources.length - 1].addEventListener("error", function () { cannotPlay(audio); });
    }
    audio.addEventListener("play", function () {
      tracks.forEach(function (other) { if (other !== audio) { other.pause(); } });
      audio.closest(".audio-track").classList.add("is-playing");
    });
    audio.addEventListener("pause", function () {
      audio.closest(".audio-track").classList.remove("is-playing");
    });
    audio.addEventListener("ended", function () {
      for (var next = index + 1; next < tracks.length; next += 1) {
        if (!tracks[next].hidden) { tracks[next].play(); return; }
      }
    });
  });
})();
