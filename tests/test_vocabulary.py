"""The vocabulary listing that shows which of the facts' words the thesaurus already bridges."""

from __future__ import annotations

from bot.factbase.thesaurus import Thesaurus, ThesaurusFile
from devtools.vocabulary import caught, vocabulary


def _thesaurus() -> Thesaurus:
    file = ThesaurusFile.model_validate(
        {
            "synonyms": [{"terms": ["border", "frontier"]}, {"terms": ["sister cities", "town twinning"]}],
            "measures": [{"words": ["length"], "units": ["km"]}],
        }
    )
    return Thesaurus.from_files([file])


def test_words_are_counted_by_stem_and_marked_by_what_covers_them() -> None:
    texts = [
        "The borders of Kazakhstan run along the frontier; their length is 1,700 km.",
        "China and Kazakhstan share a border. Pipelines cross it near Khorgos, and a pipeline runs on.",
    ]
    vocab = vocabulary(texts, _thesaurus(), entities={"kazakhstan", "china"})
    by_word = {t.text: t for t in vocab.words}
    assert by_word["border"].count == 2 and by_word["border"].status == "group"
    assert set(by_word["border"].forms) == {"borders", "border"}
    assert by_word["frontier"].status == "group"
    assert by_word["length"].status == "measure"
    assert by_word["kazakhstan"].status == "entity"
    assert by_word["khorgos"].status == "name"
    assert by_word["pipeline"].status == "open" and by_word["pipeline"].count == 2
    # stopwords, numbers and units too short to ask about are not vocabulary
    assert not {"the", "and", "1", "700", "km", "their"} & set(by_word)
    assert vocab.words[0].count >= vocab.words[-1].count


def test_a_capitalised_word_that_also_appears_in_lower_case_is_not_a_name() -> None:
    texts = [
        "The Silk Road Initiative began.",
        "A new initiative, then another initiative, then an initiative.",
    ]
    by_word = {t.text: t for t in vocabulary(texts, _thesaurus(), entities=set()).words}
    assert by_word["initiative"].status == "open"
    assert by_word["silk"].status == "name"


def test_phrases_join_adjacent_content_words_only() -> None:
    texts = ["Town twinning grew: sister cities and twinning of towns.", "More sister cities."]
    phrases = {t.text: t for t in vocabulary(texts, _thesaurus(), entities=set()).phrases}
    assert phrases["sister cities"].count == 2 and phrases["sister cities"].status == "group"
    assert phrases["town twinning"].status == "group"
    assert "twinning towns" not in phrases  # "of" stands between them
    assert "cities twinning" not in phrases  # "and" stands between them


def test_fact_words_a_group_takes_in_by_stem_alone_are_listed_for_review() -> None:
    file = ThesaurusFile.model_validate(
        {"synonyms": [{"terms": ["position", "stance"]}, {"terms": ["border", "borders", "frontier"]}]}
    )
    thesaurus = Thesaurus.from_files([file])
    texts = ["Views were positive about the position.", "The borders and a border."]
    found = {
        tuple(forms): group[0]
        for _term, forms, group in caught(vocabulary(texts, thesaurus, set()), thesaurus)
    }
    assert found == {("positive",): "position"}  # "border" and "borders" are listed, so not caught
