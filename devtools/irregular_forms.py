"""Regenerate `bot/factbase/irregular_forms.tsv`: the English word forms Snowball cannot join to their lemma.

Snowball strips regular suffixes only, so "sent" never meets "send" and "crises" never meets "crisis".
LemmInflect's lexicon knows every such form; the table keeps the unambiguous ones (a single lemma whatever the
part of speech, so "found" — find or found — and "left" — leave or left — stay as written) whose stem differs
from their lemma's. Verbs and nouns only: a comparative or superlative asks for something more specific than
its adjective ("the largest economy" is not "a large economy"). It is generated rather than read at run time so
that the bot neither loads the lexicon (about 35 MB) nor depends on it: `python -m devtools.irregular_forms`
rewrites the file, and a test checks that the committed table is what the lexicon gives.
"""

from __future__ import annotations

import sys
from pathlib import Path

TABLE = Path(__file__).resolve().parents[1] / "bot" / "factbase" / "irregular_forms.tsv"
HEADER = (
    "# word form<TAB>lemma: forms Snowball cannot join to their lemma (unambiguous ones only).\n"
    "# Generated from LemmInflect's lexicon by `python -m devtools.irregular_forms`; do not edit by hand.\n"
)


def irregular_forms() -> dict[str, str]:
    import lemminflect  # type: ignore[import-untyped]  # ships no type information
    import Stemmer  # type: ignore[import-not-found]

    stemmer = Stemmer.Stemmer("english")
    lemmatizer = lemminflect.Lemmatizer()
    words = list(lemmatizer._getLemmaDict())  # the lexicon's word forms; no public accessor lists them
    table: dict[str, str] = {}
    for word in words:
        if not (word.isascii() and word.isalpha() and word.islower()):
            continue
        found = lemminflect.getAllLemmas(word)
        lemmas = {lemma.lower() for forms in found.values() for lemma in forms}
        if len(lemmas) != 1 or not set(found) <= {"NOUN", "VERB"}:
            continue
        (lemma,) = lemmas
        if lemma.isalpha() and stemmer.stemWord(word) != stemmer.stemWord(lemma):
            table[word] = lemma
    return dict(sorted(table.items()))


def render(table: dict[str, str]) -> str:
    return HEADER + "".join(f"{word}\t{lemma}\n" for word, lemma in table.items())


def main() -> int:
    TABLE.write_text(render(irregular_forms()), encoding="utf-8")
    print(f"wrote {TABLE} ({len(irregular_forms())} forms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
