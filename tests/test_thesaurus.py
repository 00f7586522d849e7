"""The curated vocabulary's own rules, checked where `briefbot check` checks them."""

from __future__ import annotations

import pytest

from bot.factbase.thesaurus import ThesaurusFile


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
