"""The demo blog's words. Written for Liner Notes; the facts (titles, years,
track listings, credits) are public record, the prose is ours."""

ROCKY_IV_BODY = """\
Some soundtracks sit quietly behind a film. The **Rocky IV** album does the opposite:
it shoves the film out of the way and runs the training montage itself. Released in
late 1985, it is less a score than a mixtape of everything American radio was doing
that year, compressed into ten tracks and one enormous drum sound.

https://www.youtube.com/watch?v=btPJPFnesV4

# Side by side with the film

The running order follows the film loosely. Survivor open with "Burning Heart",
which carries the Cold War plot on its back more openly than any line of dialogue,
and they come back later with "Eye of the Tiger", borrowed from *Rocky III* and
still the strongest thing here. John Cafferty's "Hearts on Fire" is the real
surprise: a driving, slightly desperate rock song that plays under the snowbound
training scenes and sounds better now than it did then.

Vince DiCola is the album's secret weapon. "War" and "Training Montage" are
synthesiser pieces built like rock songs, all arpeggios and stabs, and they do most
of the emotional work the dialogue leaves undone. If you only know the hits, start
with these two.

> A soundtrack that treats a workout as an opera, and gets away with it.

# What has not aged as well

"Double or Nothing", a duet between Kenny Loggins and Gladys Knight, is two great
singers stranded in a very busy arrangement. "One Way Street" by Go West and "The
Sweetest Victory" by Touch are pleasant and instantly forgettable. Robert Tepper's
"No Easy Way Out", on the other hand, has quietly become the track people quote:
it plays while Rocky drives through the night, and it is the only moment on the
album that admits doubt.

And then there is James Brown. "Living in America" has nothing to do with boxing and
everything to do with spectacle, and it turned into a hit of its own.

# Verdict

Play it loud, skip two tracks, and do not try to run up any stairs afterwards.
The free listening guide below collects the running order and a few notes to read
along with the album. The two short synth sketches in the player are not from the
album: they were made for this blog, to show how an audio file plays in a post.
"""

BACK_TO_THE_FUTURE_BODY = """\
The first part of this series starts where 1985 started for a lot of us: in a
DeLorean. The **Back to the Future** soundtrack is a strange little record, with
two songs by Huey Lewis and the News, a handful of 1950s rock and roll covers and
only a sliver of Alan Silvestri's big orchestral score.

"The Power of Love" is the one everybody remembers, and it deserves it: a tight,
punchy single that sounds like a car engine turning over. "Back in Time" plays over
the end credits and is a lot of fun if you do not think about the lyrics too hard.

The covers are the heart of the film: Marty McFly at the school dance is one of the
great fake-band moments in cinema. On record they are slighter, but "Johnny B.
Goode" still raises a grin.

Next in the series: a training montage, and a lot of synthesisers.
"""

ST_ELMOS_FIRE_BODY = """\
John Parr, David Foster and a lot of saxophone. The third part of the series looks
at **St. Elmo's Fire**, a soundtrack that is more famous than the film it came from.

*(This part is scheduled; it appears by itself when its time comes.)*
"""

PAUL_HARDCASTLE_BODY = """\
A one-hit wonder is not a failure; it is a single that said everything its maker had
to say in one go. Paul Hardcastle's **19** (1985) is one of the strangest records
ever to top the charts across Europe: a collage of news narration, sampled voices and
a stuttering "n-n-n-nineteen" over an electro beat.

It should not work as a pop song. It works because the facts it quotes are hard to
shake off, and because the stutter is the most memorable hook of the year.

This is the first part of a new series about the records that came once and stayed.
"""

WELCOME_BODY = """\
This is a demo blog running on **Liner Notes**, a self-hosted blog engine for people
who write about music. Everything you see here was loaded by `linernotes demo`:

- a series, *Great Soundtracks of 1985*, with a part scheduled for later this week
  that shows as a "Next post" teaser on the latest part;
- a review with an embedded video that loads nothing from the video site until you
  press play, a file to download, and two short synth sketches (made for this
  demo) that play in the page;
- categories, tags, archives, search, and RSS and Atom feeds for all of them.

Sign in to the admin at `/admin/` to write your own. Delete this post whenever you
like.
"""

ABOUT_BODY = """\
**Liner Notes** is a small blog about records: soundtracks, one-hit wonders and the
albums that shaped a year. Reviews come in series, so you can read a year or a theme
from start to finish.

The blog runs on its own server. It loads no fonts, scripts or trackers from anyone
else, and videos load only when you press play.
"""

PRIVACY_BODY = """\
# What this blog keeps about you

Reading the blog stores nothing about you: there are no analytics, no advertising
and no third-party scripts. Reading sets no cookies; commenting or liking as a
guest sets one small cookie, and signing in sets a session cookie. The details
follow below.

Embedded videos are placeholders until you press play. Only then does your browser
contact the video site (YouTube through its privacy-enhanced youtube-nocookie.com
domain, or Vimeo with its "do not track" option), and that site's own policy applies.

Downloads are counted, but only as a number per file; nothing about who downloaded
is stored.
"""

LISTENING_GUIDE = """\
ROCKY IV (1985) - A LISTENING GUIDE
A free companion from the Liner Notes demo blog.

 1. Burning Heart - Survivor
    The title theme. Listen for the synth brass that doubles the guitar riff.
 2. Hearts on Fire - John Cafferty
    The training song in the snow, and the album's best-kept secret.
 3. Double or Nothing - Kenny Loggins and Gladys Knight
 4. Eye of the Tiger - Survivor
    Borrowed from Rocky III, still the strongest riff on the record.
 5. War - Vince DiCola
 6. Living in America - James Brown
 7. No Easy Way Out - Robert Tepper
    The night drive. The one moment of doubt.
 8. One Way Street - Go West
 9. The Sweetest Victory - Touch
10. Training Montage - Vince DiCola
    Arpeggios as cardio.

Play it loud. Mind the stairs.
"""

ROCKY_IV_LISTING = """\
Side A
A1. Burning Heart - Survivor
A2. Hearts on Fire - John Cafferty
A3. Double or Nothing - Kenny Loggins and Gladys Knight
A4. Eye of the Tiger - Survivor
A5. War - Vince DiCola
Side B
B1. Living in America - James Brown
B2. No Easy Way Out - Robert Tepper
B3. One Way Street - Go West
B4. The Sweetest Victory - Touch
B5. Training Montage - Vince DiCola
"""

# A conversation under the Rocky IV review: (key, parent key, name, words).
ROCKY_IV_THREAD = [
    (
        "tape",
        None,
        "Dee",
        "I wore out a cassette of this in 1986. The hiss on "
        "*No Easy Way Out* is part of the song for me now.",
    ),
    (
        "tape-reply",
        "tape",
        "Mara Quill",
        "Same here. The tape version also had the "
        "tracks in a slightly different order, which still throws me.",
    ),
    (
        "tape-reply-2",
        "tape-reply",
        "Dee",
        "Side B opening with *Living in America* felt like a different album entirely.",
    ),
    (
        "war",
        None,
        "Kofi",
        "Vince DiCola deserves far more credit. *War* is basically "
        "a symphony played on a Yamaha.",
    ),
    (
        "war-reply",
        "war",
        "Lena",
        "His *Transformers* score from the next year is "
        "worth a listen if you like this one.",
    ),
    (
        "war-reply-2",
        "war-reply",
        "Kofi",
        "Just put it on. Same arpeggios, bigger robots, and Stan Bush's *The "
        "Touch* on the same album, which I had completely forgotten about.",
    ),
    (
        "skip",
        None,
        "Sam",
        "Controversial: *Double or Nothing* is my favourite. "
        "Two great voices and zero restraint.",
    ),
    (
        "skip-reply",
        "skip",
        "Kofi",
        "Not controversial at all. It is the only track that sounds like "
        "everyone in the studio was grinning.",
    ),
    (
        "skip-reply-2",
        "skip-reply",
        "Mara Quill",
        "Agreed, and it is the one I skip least on the vinyl. I will give it "
        "a paragraph of its own when I revisit the album.",
    ),
    (
        "training",
        None,
        "Priya",
        "The *Training Montage* still gets me up the last hill of my Sunday run. "
        "Forty years on and it has not lost a thing.",
    ),
    (
        "training-reply",
        "training",
        "Dee",
        "Ha, mine too. Running in the snow optional.",
    ),
    (
        "training-reply-2",
        "training-reply",
        "Priya",
        "Strictly optional. The beard is also optional.",
    ),
    (
        "cd",
        None,
        "Tomasz",
        "Does anyone know if the CD issue has the same mix as the LP? "
        "Mine sounds brighter, especially the drums on *Burning Heart*.",
    ),
    (
        "cd-reply",
        "cd",
        "Mara Quill",
        "Early CD pressings were mastered separately, so a brighter sound is "
        "likely. I have only compared them by ear, though, so take that lightly.",
    ),
    (
        "cd-reply-2",
        "cd-reply",
        "Lena",
        "I have both. The CD is brighter and a touch quieter; the LP has more "
        "low end on *War*.",
    ),
    (
        "next",
        None,
        "Sam",
        "Looking forward to the next part of the series. Any chance of "
        "*The Breakfast Club*? Simple Minds alone would earn it a place.",
    ),
    (
        "next-reply",
        "next",
        "Mara Quill",
        "It is on the list. Next up is *St. Elmo's Fire*, already scheduled "
        "for later this week, so brace for saxophone first.",
    ),
    (
        "next-reply-2",
        "next-reply",
        "Sam",
        "John Parr first, then Simple Minds. I can live with that order.",
    ),
]

# Who likes what in the demo thread: readers' names by comment key, and how many
# readers like the review itself.
ROCKY_IV_COMMENT_LIKES = {
    "tape": ["Kofi", "Lena", "Sam"],
    "tape-reply-2": ["Priya"],
    "war": ["Dee", "Mara Quill", "Lena", "Tomasz"],
    "war-reply": ["Kofi"],
    "skip": ["Kofi"],
    "training": ["Dee", "Sam", "Tomasz"],
    "cd-reply-2": ["Tomasz", "Mara Quill"],
}
ROCKY_IV_POST_LIKERS = ["Dee", "Kofi", "Lena", "Sam", "Priya", "Tomasz"]
