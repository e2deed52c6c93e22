"""Text folded so that a blocked word matches however it is disguised.

Spammers write a blocked word with invisible characters inside it
("ca\u200bsino"), in compatibility forms (fullwidth "ｃａｓｉｎｏ", mathematical
bold "𝐜𝐚𝐬𝐢𝐧𝐨") or with letters from another script that look Latin (Cyrillic
"саsino"). ``fold`` undoes all three: NFKC, then dropping format characters
(Unicode category Cf: zero-width spaces and joiners, the byte-order mark, bidi
controls), lone surrogates and combining marks, then mapping look-alike
letters to the Latin letter they imitate, then casefolding. Both the lists
and the comment are folded, so a writer types the word plainly.

The look-alike table covers the Cyrillic and Greek letters that pass for Latin
ones in ordinary fonts (after Unicode's confusables data, TR39). It is
deliberately small: a letter that only sometimes passes would fold real words
of readers writing in those scripts into false matches.
"""

import re
import unicodedata

# Cyrillic and Greek letters that read as the Latin letter (lower case after
# casefold; capitals are listed where casefold gives a letter with no look-alike).
_LOOK_ALIKES = {
    # Cyrillic
    "а": "a",
    "в": "b",
    "с": "c",
    "ԁ": "d",
    "е": "e",
    "ё": "e",
    "һ": "h",
    "і": "i",
    "ї": "i",
    "ј": "j",
    "к": "k",
    "ӏ": "l",
    "м": "m",
    "н": "h",
    "о": "o",
    "р": "p",
    "ԛ": "q",
    "ѕ": "s",
    "т": "t",
    "ц": "u",
    "ѵ": "v",
    "ԝ": "w",
    "х": "x",
    "у": "y",
    "ү": "y",
    # Greek
    "α": "a",
    "β": "b",
    "ε": "e",
    "η": "n",
    "ι": "i",
    "κ": "k",
    "ν": "v",
    "ο": "o",
    "ρ": "p",
    "τ": "t",
    "υ": "u",
    "χ": "x",
    "ϲ": "c",
    "ϳ": "j",
    # Latin letters and digits used as other letters
    "ı": "i",
    "ɑ": "a",
    "ℓ": "l",
}
_TABLE = str.maketrans(_LOOK_ALIKES)
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """``text`` as the block lists compare it: NFKC, no invisible characters
    or accents, look-alike letters as Latin ones, casefolded, runs of white
    space as one space."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(
        ch
        for ch in unicodedata.normalize("NFD", text)
        if unicodedata.category(ch) not in ("Cf", "Cs", "Mn")
    )
    text = text.casefold().translate(_TABLE)
    return _SPACES.sub(" ", text).strip()
