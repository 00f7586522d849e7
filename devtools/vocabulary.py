"""The facts' own vocabulary by frequency, each word marked by what the thesaurus already does with it.

Questions reach facts written in other words only through the thesaurus, so its coverage is read from the
facts' side: every content word (and frequent two-word phrase) of the statements and quotes, counted, and
marked `group` (its stem is in a synonym group), `measure`, `entity` (a name, alias or entity word),
`name` (capitalised wherever it is not starting a sentence: a proper noun the thesaurus should leave alone)
or `open` (nothing yet). Walking the `open` list, most frequent first, is how the thesaurus grows.

    python -m devtools.vocabulary                 # summary, then every word
    python -m devtools.vocabulary --open --min 3  # only words nothing covers yet, seen at least three times
    python -m devtools.vocabulary --phrases       # two-word phrases instead of words
    python -m devtools.vocabulary --caught        # fact words a group takes in by stem without listing them

The stemmer joins some words of different meaning ("according" takes the stem of "accord", "positive" that of
"position"), so a group can take in fact words nobody put there: `--caught` lists them for review.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot.factbase.loader import FactBase, FactBaseInvalid, load_factbase
from bot.factbase.text import clean, fold
from bot.factbase.thesaurus import Thesaurus, stem_key
from bot.search import STOPWORDS

ROOT = Path(__file__).resolve().parents[1]
STATUSES = ("group", "measure", "entity", "name", "open")

# Function words the search keeps (it has no reason to drop them) but that no researcher asks about.
FUNCTION_WORDS = frozenset(
    [
        "also",
        "although",
        "among",
        "amongst",
        "another",
        "around",
        "despite",
        "either",
        "else",
        "even",
        "ever",
        "every",
        "however",
        "including",
        "less",
        "many",
        "may",
        "might",
        "must",
        "neither",
        "nevertheless",
        "one",
        "onto",
        "per",
        "rather",
        "several",
        "shall",
        "since",
        "still",
        "though",
        "thus",
        "toward",
        "towards",
        "upon",
        "us",
        "via",
        "well",
        "whether",
        "whose",
        "within",
        "without",
        "yet",
    ]
)
_TOKEN = re.compile(r"[^\W_]+")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"'(\[])\s*$")


@dataclass(slots=True)
class Term:
    """One stem key of the facts' vocabulary with its most frequent surface form."""

    key: str
    count: int = 0
    forms: Counter[str] = field(default_factory=Counter)
    capitalised: int = 0  # occurrences capitalised where no sentence starts
    lower: int = 0  # occurrences in lower case where no sentence starts
    opening: int = 0  # occurrences where a sentence starts
    status: str = "open"

    @property
    def text(self) -> str:
        return min(
            self.forms, key=lambda f: (-self.forms[f], len(f), f)
        )  # the most frequent, then the shortest


@dataclass(slots=True)
class Vocabulary:
    words: list[Term]
    phrases: list[Term]

    def summary(self, terms: Sequence[Term]) -> dict[str, int]:
        """Distinct terms and occurrences per status."""
        out: dict[str, int] = {}
        for status in STATUSES:
            chosen = [t for t in terms if t.status == status]
            out[status] = len(chosen)
            out[f"{status} occurrences"] = sum(t.count for t in chosen)
        return out


def _words(text: str) -> Iterator[tuple[str, bool | None]]:
    """Folded words of `text` with whether each is capitalised (None where a sentence starts: it says nothing)."""
    text = clean(text)
    for match in _TOKEN.finditer(text):
        token = match.group()
        starts = bool(_SENTENCE_START.search(text[: match.start()][-3:] or ""))
        for n, word in enumerate(fold(token).split()):
            yield word, (None if starts and n == 0 else token[:1].isupper())


def _is_content(word: str) -> bool:
    return len(word) > 2 and word.isalpha() and word not in STOPWORDS and word not in FUNCTION_WORDS


def _status(term: Term, thesaurus: Thesaurus, entity_keys: set[str]) -> str:
    if term.key in thesaurus.synonyms_by_stem:
        return "group"
    if term.key in thesaurus.measures_by_stem:
        return "measure"
    if term.key in entity_keys:
        return "entity"
    # Statements open with their subject, mostly a name ("Emil Avdaliani argues"): a word only ever seen there
    # is taken for one too.
    if (term.capitalised or term.opening) and term.capitalised >= 4 * term.lower:
        return "name"
    return "open"


def entity_keys(base: FactBase) -> set[str]:
    """Stem keys of every entity name, alias and entity word: words a question already resolves to an entity."""
    names = [n for e in base.entities.values() for n in e.all_names]
    return {stem_key(fold(n)) for n in [*names, *base.thesaurus.entity_words]}


def fact_texts(base: FactBase) -> Iterator[str]:
    for resolved in base.facts.values():
        yield resolved.fact.statement
        for citation in resolved.citations:
            yield citation.quote


def vocabulary(texts: Iterable[str], thesaurus: Thesaurus, entities: set[str]) -> Vocabulary:
    """Count the content words and two-word phrases of `texts`, most frequent first, each with its status."""
    words: dict[str, Term] = {}
    phrases: dict[str, Term] = {}
    for text in texts:
        previous: tuple[str, bool | None] | None = None
        for word, capitalised in _words(text):
            if not _is_content(word):
                previous = None
                continue
            _count(words, word, capitalised)
            if previous is not None:
                both = None if previous[1] is None or capitalised is None else previous[1] and capitalised
                _count(phrases, f"{previous[0]} {word}", both)
            previous = (word, capitalised)
    for term in [*words.values(), *phrases.values()]:
        term.status = _status(term, thesaurus, entities)
    return Vocabulary(_by_count(words.values()), _by_count(phrases.values()))


def caught(vocab: Vocabulary, thesaurus: Thesaurus) -> list[tuple[Term, list[str], tuple[str, ...]]]:
    """Fact words a synonym group takes in by their stem though none of its terms is that word, with the group."""
    out: list[tuple[Term, list[str], tuple[str, ...]]] = []
    for term in vocab.words:
        group = thesaurus.synonyms_by_stem.get(term.key)
        if term.status != "group" or not group:
            continue
        listed = {word for t in group for word in fold(t).split()}
        if forms := [f for f in term.forms if f not in listed]:
            out.append((term, forms, group))
    return out


def _count(table: dict[str, Term], text: str, capitalised: bool | None) -> None:
    key = stem_key(text)
    term = table.setdefault(key, Term(key))
    term.count += 1
    term.forms[text] += 1
    if capitalised is True:
        term.capitalised += 1
    elif capitalised is False:
        term.lower += 1
    else:
        term.opening += 1


def _by_count(terms: Iterable[Term]) -> list[Term]:
    return sorted(terms, key=lambda t: (-t.count, t.text))


def _print_summary(name: str, vocab: Vocabulary, terms: list[Term]) -> None:
    s = vocab.summary(terms)
    askable = s["group"] + s["measure"] + s["open"]
    covered = s["group"] + s["measure"]
    askable_n = s["group occurrences"] + s["measure occurrences"] + s["open occurrences"]
    covered_n = s["group occurrences"] + s["measure occurrences"]
    print(
        f"{name}: {len(terms)} distinct ({s['entity']} entity names, {s['name']} other names); "
        f"in the thesaurus {covered} of {askable} others ({100 * covered / max(askable, 1):.1f}%), "
        f"{covered_n} of {askable_n} occurrences ({100 * covered_n / max(askable_n, 1):.1f}%)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m devtools.vocabulary", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--phrases", action="store_true", help="two-word phrases instead of single words")
    parser.add_argument("--open", action="store_true", help="only what no group, measure or entity covers")
    parser.add_argument("--status", choices=STATUSES, help="only terms of this status")
    parser.add_argument("--min", type=int, default=1, metavar="N", help="only terms seen at least N times")
    parser.add_argument("--summary", action="store_true", help="the coverage numbers only")
    parser.add_argument("--caught", action="store_true", help="fact words a group takes in by stem, unlisted")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    args = parser.parse_args(argv)
    try:
        base = load_factbase(args.seeds, args.data)
    except FactBaseInvalid as exc:
        print(f"The fact base does not load ({exc}); run `briefbot check`.", file=sys.stderr)
        return 1
    vocab = vocabulary(fact_texts(base), base.thesaurus, entity_keys(base))
    print(f"{len(base.facts)} facts")
    _print_summary("words", vocab, vocab.words)
    _print_summary("two-word phrases", vocab, [t for t in vocab.phrases if t.count >= 2])
    if args.summary:
        return 0
    if args.caught:
        for term, forms, group in caught(vocab, base.thesaurus):
            print(
                f"{term.count:6}  {', '.join(forms)}  <- [{', '.join(group[:6])}{', …' if len(group) > 6 else ''}]"
            )
        return 0
    status = "open" if args.open else args.status
    for term in vocab.phrases if args.phrases else vocab.words:
        if term.count >= args.min and (status is None or term.status == status):
            others = ", ".join(f for f in term.forms if f != term.text)
            print(f"{term.count:6}  {term.status:8} {term.text}" + (f"  ({others})" if others else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
