"""The curated vocabulary's own rules, checked where `briefbot check` checks them."""

from __future__ import annotations

import pytest

from bot.factbase.thesaurus import Thesaurus, ThesaurusFile


def test_two_groups_whose_terms_share_a_stem_are_refused() -> None:
    # "transition" and "transit" share the stem "transit": one question word would bring both groups.
    with pytest.raises(ValueError, match="the same stem"):
        ThesaurusFile.model_validate(
            {
                "synonyms": [
                    {"terms": ["transit", "transshipment"]},
                    {"terms": ["transformation", "transition"]},
                ]
            }
        )


def test_inflections_of_one_word_may_share_a_group() -> None:
    file = ThesaurusFile.model_validate({"synonyms": [{"terms": ["found", "founded", "founding", "set up"]}]})
    assert len(file.synonyms[0].terms) == 4


def test_a_word_asked_as_a_group_takes_its_terms_but_they_do_not_take_it() -> None:
    file = ThesaurusFile.model_validate(
        {"synonyms": [{"terms": ["central asia", "five stans"], "asked_as": ["region"]}]}
    )
    thesaurus = Thesaurus.from_files([file])
    assert set(thesaurus.synonyms["region"]) == {"region", "central asia", "five stans"}
    assert "region" not in thesaurus.synonyms["central asia"]
    # It is a term like any other for the one-group rule.
    with pytest.raises(ValueError, match="the same stem"):
        ThesaurusFile.model_validate(
            {
                "synonyms": [
                    {"terms": ["central asia", "five stans"], "asked_as": ["region"]},
                    {"terms": ["regional", "local"]},
                ]
            }
        )


def test_a_narrower_group_takes_the_broader_groups_terms_but_not_the_other_way() -> None:
    from bot.factbase.thesaurus import Thesaurus

    file = ThesaurusFile.model_validate(
        {
            "synonyms": [
                {"terms": ["loan", "lending"], "within": "financing"},
                {"terms": ["financing", "funding"]},
            ]
        }
    )
    thesaurus = Thesaurus.from_files([file])
    assert set(thesaurus.synonyms["lending"]) == {"loan", "lending", "financing", "funding"}
    assert set(thesaurus.synonyms["funding"]) == {"financing", "funding"}


def test_a_broader_group_must_exist() -> None:
    with pytest.raises(ValueError, match="a term of no other group"):
        ThesaurusFile.model_validate({"synonyms": [{"terms": ["loan", "lending"], "within": "financing"}]})
    with pytest.raises(ValueError, match="a term of no other group"):
        ThesaurusFile.model_validate({"synonyms": [{"terms": ["loan", "lending"], "within": "loan"}]})


def test_a_word_asking_for_a_measure_is_named_by_the_measure_and_survives_the_compiled_copy() -> None:
    from bot.factbase.thesaurus import Thesaurus

    file = ThesaurusFile.model_validate(
        {
            "measures": [
                {"words": ["debt", "debts"], "units": ["USD"], "said": True, "asked_as": ["owe", "owed"]}
            ]
        }
    )
    thesaurus = Thesaurus.from_files([file])
    assert thesaurus.measures["owe"] == ("usd",)
    assert thesaurus.said_measures["owe"] == ("debt", "debts")  # a figure must say the debt, not only "owe"
    assert thesaurus.measure_names == {"owe": "debt", "owed": "debt"}
    assert Thesaurus.from_json(thesaurus.to_json()).measure_names == thesaurus.measure_names
