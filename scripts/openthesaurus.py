#!/usr/bin/env python3
"""Turns the OpenThesaurus text dump into templates/openthesaurus.txt.

Source: Debian's `openthesaurus-de-text` (LGPL-2.1+), installed as
/usr/share/openthesaurus-de/openthesaurus.txt:

    apt-get install openthesaurus-de-text
    python3 scripts/openthesaurus.py [DUMP] [OUT]

The output holds one synonym set per line, words separated by `;`. Kept are
single words (hyphenated compounds count as one word); phrases, markers such
as "(ugs.)" and fragments ("Deputat...") are dropped. Removed entirely:

- words marked derogatory or vulgar (abwertend, derb, vulg., Schimpfwort,
  beleidigend, pejorativ, ...), and the whole set when such words are a
  large part of it (the set then names people by an insult);
- slurs that the dump does not mark, by a list of stems below.

The licence text stays beside the file (templates/openthesaurus.LICENSE).
"""

import re
import sys

DUMP = "/usr/share/openthesaurus-de/openthesaurus.txt"
OUT = "templates/openthesaurus.txt"

# Markers of the dump that mean "derogatory, vulgar or insulting".
DEROGATORY = {
    "abwertend",
    "stark abwertend",
    "leicht abwertend",
    "meist abwertend",
    "oft abwertend",
    "derb",
    "vulg.",
    "vulgär",
    "Schimpfwort",
    "beleidigend",
    "pejorativ",
    "diskriminierend",
    "rassistisch",
    "menschenverachtend",
}

# Slurs, also inside compounds, whether marked or not (lower case).
SLUR_PARTS = (
    "neger",
    "nigger",
    "zigeuner",
    "kanake",
    "kanacke",
    "asylant",
    "mohrenkopf",
    "mohrenköpf",
    "bimbo",
    "kümmeltürke",
    "itaker",
    "polacke",
    "schlitzauge",
    "spasti",
    "krüppel",
    "schwuchtel",
    "tunte",
    "fidschi",
    "kaffer",
    "mongo",
    "hottentott",
    "eskimo",
)
# Slurs only as whole words.
SLUR_WORDS = {"mohr", "spast", "musel", "tussi", "schlampe", "nutte", "homo"}

# A set is dropped when this many of its words, or this share, are marked.
DROP_SET_MARKED = 3
DROP_SET_SHARE = 0.25

MARKER = re.compile(r"\(([^()]*)\)")


def markers(term):
    out = set()
    for m in MARKER.findall(term):
        for part in m.split(","):
            out.add(part.strip())
    return out


def is_slur(word):
    low = word.lower()
    if low in SLUR_WORDS:
        return True
    return any(p in low for p in SLUR_PARTS)


def clean(term):
    """The word of a term without its usage markers (trailing brackets), or
    None for phrases and fragments ("(verdreckte) Wohnung" is a phrase)."""
    word = term.strip()
    while word.endswith(")") and "(" in word:
        word = word[: word.rindex("(")].strip()
    if not word or "..." in word or "…" in word:
        return None
    if any(c in word for c in " ()[]/;,.'\"!?"):
        return None
    if len(word) < 2:
        return None
    return word


def convert(lines):
    sets = []
    dropped_sets = 0
    dropped_words = 0
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        terms = line.split(";")
        marked = [t for t in terms if markers(t) & DEROGATORY]
        if len(marked) >= DROP_SET_MARKED or len(marked) >= DROP_SET_SHARE * len(terms) > 1:
            dropped_sets += 1
            continue
        words = []
        for t in terms:
            if markers(t) & DEROGATORY:
                dropped_words += 1
                continue
            w = clean(t)
            if w is None:
                continue
            if is_slur(w):
                dropped_words += 1
                continue
            if w not in words:
                words.append(w)
        if len(words) >= 2:
            sets.append(words)
    return sets, dropped_sets, dropped_words


def main():
    dump = sys.argv[1] if len(sys.argv) > 1 else DUMP
    out = sys.argv[2] if len(sys.argv) > 2 else OUT
    with open(dump, encoding="utf-8") as f:
        lines = f.readlines()
    generated = next((l[1:].strip() for l in lines if l.startswith("# Automatically")), "")
    sets, dropped_sets, dropped_words = convert(lines)
    sets.sort(key=lambda s: [w.lower() for w in s])
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("# OpenThesaurus - German thesaurus, http://www.openthesaurus.de\n")
        f.write("# Copyright (C) 2003-2014 Daniel Naber and the OpenThesaurus contributors\n")
        f.write("# LGPL-2.1 or later, see openthesaurus.LICENSE beside this file.\n")
        f.write(f"# From Debian's openthesaurus-de-text ({generated}),\n")
        f.write("# converted by scripts/openthesaurus.py: single words only, one set per\n")
        f.write("# line; derogatory and vulgar words and slurs removed.\n")
        for s in sets:
            f.write(";".join(s) + "\n")
    print(
        f"{len(sets)} sets written to {out}; "
        f"{dropped_sets} sets and {dropped_words} words removed as derogatory",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
