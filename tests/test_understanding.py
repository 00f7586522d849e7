"""Question understanding: intent, entities, focus and expected answer; vocabulary bridging; ranking by what was
asked; honest coverage; direct answer lines; the structured answer for scripts."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from bot.adapters.cli.console import ask_answer_json
from bot.commands import run_command
from bot.core import Core
from bot.factbase.loader import FactBaseInvalid, load_factbase
from bot.factbase.store import SearchRow
from bot.factbase.thesaurus import Thesaurus, ThesaurusFile
from bot.understanding import answer_question, topic_match
from bot.understanding.answer.dates import _dated_too_coarsely
from bot.understanding.answer.results import Judged
from bot.understanding.pairs import (
    TwoViews,
    events_in_order,
    two_amounts,
    two_events,
    two_questions,
    two_views,
)
from bot.understanding.question import topic_first
from bot.understanding.spelling import could_be_english, is_degree, one_slip, slips_undone
from tests.conftest import RealBase


async def _leads_with(core: Core, question: str, first: str) -> None:
    """The question is answered, and its answer leads with the fact `first`."""
    answer = await answer_question(core, question)
    assert answer.covered and answer.fact_ids[0] == first, (question, answer.fact_ids)


async def _read_past(core: Core, question: str, word: str, first: str) -> None:
    """The word frames the question (it is no concept a fact must say), and the answer leads with `first`."""
    assert word not in {c.text for c in core.answerer.understand(question).concepts}, question
    await _leads_with(core, question, first)


# --------------------------------------------------------------------------- reading the question


@pytest.mark.parametrize(
    ("text", "intent", "answer_type"),
    [
        ("When was the Shanghai Cooperation Organisation founded?", "when", "date"),
        ("In what year did the SCO come into being?", "when", "date"),
        ("How many states does the SCO bring together?", "how_many", "figure"),
        ("How much did Beijing lend to Samruk-Kazyna?", "how_much", "figure"),
        ("Length in kilometres of the Sino-Kazakh boundary", "how_much", "figure"),
        ("Who said the SCO is the NATO of the East?", "who", "person"),
        ("Where did Xi Jinping and Tokayev meet in 2023?", "where", "place"),
        ("Why does China seek a bigger presence in Central Asia?", "why", "text"),
        ("Which countries are observers of the SCO?", "list", "entities"),
        ("A timeline of the SCO's founding documents", "timeline", "date"),
        ("Compare Kazakhstan and Kyrgyzstan on unfavourable views of China", "compare", "text"),
        ("What is the New Security Concept?", "what_is", "text"),
        # Courtesy before the question is not the question.
        ("Please remind me when the SCO was originally founded", "when", "date"),
        ("Could you tell me who described the SCO as the NATO of the East?", "who", "person"),
        ("I wonder which countries are observers of the SCO", "list", "entities"),
        ("Tell me about the SCO", "what_is", "text"),
    ],
)
def test_intent_and_expected_answer(core: Core, text: str, intent: str, answer_type: str) -> None:
    q = core.answerer.understand(text)
    assert (q.intent, q.answer_type) == (intent, answer_type)


def test_entities_focus_and_time_are_separated(core: Core) -> None:
    q = core.answerer.understand("China–Kazakhstan trade turnover in 2023?")
    assert {e.id for e in q.entities} == {"china", "kazakhstan"}
    assert [c.text for c in q.concepts] == ["trade", "turnover"]
    assert q.years == [2023]


def test_hedges_and_courtesy_are_not_what_is_asked_about(core: Core) -> None:
    q = core.answerer.understand(
        "Could you tell me how long the frontier Kazakhstan and the PRC famously share is?"
    )
    assert [c.text for c in q.concepts] == ["frontier", "share"] and q.unknown == []
    q = core.answerer.understand(
        "When did Kazakhstan and China establish diplomatic relations, historically speaking?"
    )
    assert "historically" not in q.focus and "speaking" not in q.focus


async def test_a_hedged_question_gets_the_same_answer_as_a_plain_one(core: Core) -> None:
    plain = await answer_question(core, "When did Kazakhstan and China establish diplomatic relations?")
    hedged = await answer_question(
        core, "Do you know when Kazakhstan and China established diplomatic relations, historically speaking?"
    )
    assert hedged.covered and hedged.fact_ids[:1] == plain.fact_ids[:1] and hedged.answer == plain.answer


def test_a_capitalised_first_word_is_just_a_word(core: Core) -> None:
    q = core.answerer.understand("Size of the 2011 Chinese loan to Kazakhstan's National Welfare Fund")
    assert q.answer_type == "figure" and q.years == [2011]
    assert "samruk-kazyna" in {e.id for e in q.entities}


def test_short_names_that_are_words_typed_in_lower_case_are_words_not_names(core: Core) -> None:
    assert "united-states" not in {e.id for e in core.answerer.understand("tell us about the SCO").entities}
    assert "united-states" in {e.id for e in core.answerer.understand("What did the US propose?").entities}
    # After "the" no such word stands as itself: "the us government" is the US's, however typed.
    typed = core.answerer.understand("what did the us government say about xinjiang")
    assert "united-states" in {e.id for e in typed.entities}


def test_acronyms_typed_in_lower_case_still_name_things(core: Core) -> None:
    q = core.answerer.understand("where is the sco's anti-terror structure headquartered")
    assert [e.id for e in q.entities] == ["sco"]
    answer = core.answerer.understand("when did the prc and kazakhstan establish ties")
    assert {"china", "kazakhstan"} <= {e.id for e in answer.entities}


def test_thesaurus_gives_each_concept_its_alternatives(core: Core) -> None:
    q = core.answerer.understand("How long is the frontier between Kazakhstan and the PRC?")
    frontier = next(c for c in q.concepts if c.text == "frontier")
    assert "border" in frontier.alternatives and "boundary" in frontier.alternatives
    assert q.units and "km" in q.units
    # "Ordinary" before a people's name ("ordinary Kazakhs") is the general public, as the sources put it.
    q = core.answerer.understand("How do ordinary Uzbeks see China?")
    assert "general public" in next(c for c in q.concepts if c.text == "ordinary").alternatives
    # "Group diplomacy" is multilateral diplomacy.
    q = core.answerer.understand("Does China prefer group diplomacy with the Central Asian states?")
    assert "multilateral" in next(c for c in q.concepts if c.text == "group diplomacy").alternatives


def test_a_term_in_two_synonym_groups_is_refused() -> None:
    with pytest.raises(ValueError, match="belongs to one group"):
        ThesaurusFile.model_validate(
            {"synonyms": [{"terms": ["border", "frontier"]}, {"terms": ["border", "edge"]}]}
        )


def test_a_term_made_only_of_numbers_is_refused() -> None:
    # Matched as its words, "5+1" would be met by any fact giving a 5 and a 1.
    with pytest.raises(ValueError, match="only numbers"):
        ThesaurusFile.model_validate({"synonyms": [{"terms": ["format", "5+1"]}]})
    ThesaurusFile.model_validate({"synonyms": [{"terms": ["format", "five plus one", "covid-19"]}]})


def test_thesaurus_survives_the_compiled_store() -> None:
    file = ThesaurusFile.model_validate(
        {"synonyms": [{"terms": ["founded", "set up"]}], "measures": [{"words": ["length"], "units": ["km"]}]}
    )
    thesaurus = Thesaurus.from_files([file])
    again = Thesaurus.from_json(thesaurus.to_json())
    assert again.synonyms == thesaurus.synonyms and again.measures_by_stem == thesaurus.measures_by_stem
    assert "found" in again.synonyms_by_stem  # "founding" finds the group through its stem


def test_origin_words_are_marked_and_survive_the_compiled_store() -> None:
    file = ThesaurusFile.model_validate(
        {"synonyms": [{"terms": ["founded", "set up"], "role": "origin"}, {"terms": ["signed", "inked"]}]}
    )
    again = Thesaurus.from_json(Thesaurus.from_files([file]).to_json())
    assert again.origins == {"founded", "set up"} and "found" in again.origins_by_stem
    with pytest.raises(ValueError, match="role"):
        ThesaurusFile.model_validate({"synonyms": [{"terms": ["a", "b"], "role": "beginning"}]})


# --------------------------------------------------------------------------- answers


@pytest.mark.parametrize(
    ("question", "fact_id", "value"),
    [
        (
            "How long is the frontier between Kazakhstan and the PRC?",
            "ser-kz-china-border-length",
            "1,700 km",
        ),
        ("Length in kilometres of the Sino-Kazakh boundary", "ser-kz-china-border-length", "1,700 km"),
        ("How long is the border between China and Kazakhstan?", "ser-kz-china-border-length", "1,700 km"),
        ("When was the Shanghai Cooperation Organisation founded?", "ser-sco-established-2001", "2001"),
        ("In what year did the SCO come into being?", "ser-sco-established-2001", "2001"),
        (
            "Size of the 2011 Chinese loan to Kazakhstan's National Welfare Fund",
            "ank-samruk-kazyna-loan-2011",
            "$1.7 billion",
        ),
        (
            "On what date did Kazakhstan and the PRC set up diplomatic ties?",
            "ser-kz-china-diplomatic-relations-1992",
            "3 January 1992",
        ),
    ],
)
async def test_direct_answer_line_from_the_best_fact(
    core: Core, question: str, fact_id: str, value: str
) -> None:
    answer = await answer_question(core, question)
    assert answer.covered and answer.fact_ids[0] == fact_id, answer.fact_ids
    assert answer.answer is not None and answer.answer.startswith(f"{value} — ") and "[1]" in answer.answer


async def test_who_holds_a_role_needs_a_person_named_next_to_it(core: Core) -> None:
    # A scholar quoted on "Central Asian leaders" does not make him a president.
    answer = await answer_question(core, "Who is the president of Turkmenistan?")
    assert not answer.covered, answer.fact_ids
    answer = await answer_question(core, "Who is the foreign ministry spokesperson of China?")
    assert answer.covered and answer.answer is not None and answer.answer.startswith("Mao Ning — ")
    answer = await answer_question(core, "Who was the president of China in 2000?")
    assert answer.covered and answer.answer is not None and answer.answer.startswith("Jiang Zemin — ")


async def test_the_holder_of_a_role_is_the_one_named_beside_it_and_beside_the_country(core: Core) -> None:
    # One fact names a spokesperson, China's president and Kazakhstan's: each question gets its own holder.
    for question, holder in [
        ("Who's the president of Kazakhstan?", "Kassym-Jomart Tokayev"),
        ("who is the president of tajikistan", "Emomali Rahmon"),
        ("Who is China's leader?", "Xi Jinping"),
    ]:
        answer = await answer_question(core, question)
        assert answer.covered and answer.answer is not None, question
        assert answer.answer.startswith(f"{holder} — "), (question, answer.answer)


async def test_who_are_a_bodys_partners_names_countries(core: Core) -> None:
    answer = await answer_question(core, "Who are the SCO's observers?")
    assert answer.covered and answer.fact_ids[0] == "ser-sco-observers"
    assert answer.answer is not None and answer.answer.startswith("Afghanistan, ")


async def test_the_answer_line_names_the_whole_list_of_holders(core: Core) -> None:
    # Eight members listed after the role: the line names them all, not the three standing nearest to it.
    answer = await answer_question(core, "Who were the full members of the SCO at the time?")
    assert answer.covered and answer.fact_ids[0] == "ser-sco-full-members", answer.fact_ids
    assert answer.answer is not None
    listed = "China, Kazakhstan, Kyrgyzstan, Russia, Tajikistan, Uzbekistan, India, Pakistan"
    assert answer.answer.split(" — ")[0] == listed, answer.answer


async def test_holders_named_in_the_statement_come_before_holders_only_quoted(core: Core) -> None:
    # The observers fact quotes a sentence that lists the full members too: its statement names only observers.
    answer = await answer_question(core, "who are the full members of the shanghai cooperation organisation")
    assert answer.covered and answer.fact_ids[0] == "ser-sco-full-members", answer.fact_ids
    assert answer.answer is not None and answer.answer.startswith("China, ")


async def test_a_name_the_sources_never_mention_is_what_they_lack(core: Core) -> None:
    answer = await answer_question(core, "What does China think of the Qambarov bridge in Tajikistan?")
    assert not answer.covered
    assert answer.notice is not None and "qambarov" in answer.notice


async def test_an_unknown_word_of_wording_does_not_hide_the_answer(core: Core) -> None:
    # "outfit" is found nowhere in the sources, but security and economics are what is asked about.
    answer = await answer_question(core, "Is the SCO mostly a security outfit, or also about economic ties?")
    assert answer.covered and "ser-sco-primarily-security-institution" in answer.fact_ids[:3], answer.fact_ids
    # With fewer than two of the question's words left, what is left no longer says what was asked.
    answer = await answer_question(core, "What was the price of the SCO's ceremonial banquet?")
    assert not answer.covered, answer.fact_ids


def test_contractions_are_read_as_the_words_they_stand_for(core: Core) -> None:
    q = core.answerer.understand("What's the population of Kyrgyzstan?")
    assert (q.intent, q.answer_type, q.measure) == ("how_much", "figure", "population")
    q = core.answerer.understand("Who's the president of Kazakhstan?")
    assert q.intent == "who_is" and q.current


async def test_who_did_something_is_not_who_is_quoted_about_it(core: Core) -> None:
    # "Who financed the Ozodi Tunnel?": the fact on Chinese financing of it, not an analyst's claim about it,
    # and no answer line naming the analyst.
    answer = await answer_question(core, "Who financed the Ozodi tunnel?")
    assert answer.covered and answer.fact_ids[0] == "ank-tj-projects-financing-1-billion", answer.fact_ids
    assert answer.answer is None or "ANKASAM" not in answer.answer
    assert core.answerer.understand("Who said the SCO is the NATO of the East?").actor is False
    # "Which bank" asks for an organisation that is a bank, not for whoever financed it.
    q = core.answerer.understand("Which bank financed the pipeline?")
    assert (q.wanted, q.kind_word) == ("organisation", "bank")


async def test_a_comparison_shows_each_side_before_facts_about_all(core: Core) -> None:
    # Regional totals name both countries but do not compare them: each country's own figure comes first.
    answer = await answer_question(core, "Compare Chinese financing of Kazakhstan and Turkmenistan")
    first_two = answer.facts[:2]
    assert answer.covered and len(first_two) == 2, answer.fact_ids
    assert {"kazakhstan" in f.entity_ids and "turkmenistan" in f.entity_ids for f in first_two} == {False}
    assert {"kazakhstan" in f.entity_ids for f in first_two} == {True, False}
    assert "him-turkmenistan-9-billion" in answer.fact_ids[:2]
    # Like with like: Kazakhstan's dollars set against Turkmenistan's, before its share of the total.
    answer = await answer_question(core, "compare chinese financing for turkmenistan and kazakhstan")
    assert answer.fact_ids[:2] == ["him-turkmenistan-9-billion", "him-kazakhstan-33-billion"], answer.fact_ids


async def test_a_measure_that_many_figures_share_must_be_said(core: Core) -> None:
    # Dollars can be a loan, a cost or trade: a loan for the pipeline is not the pipeline's cost.
    answer = await answer_question(core, "What was the cost of the Central Asia-China gas pipeline?")
    assert not answer.covered and (answer.notice or "").startswith("The sources do not give the cost")
    # A measure whose unit says what it is (km for a length) needs no word for it in the fact.
    answer = await answer_question(core, "What is the Kazakhstan China border length?")
    assert answer.covered and answer.fact_ids[:1] == ["ser-kz-china-border-length"], answer.fact_ids
    answer = await answer_question(core, "How long is the Ozodi tunnel?")
    assert not answer.covered and (answer.notice or "").startswith("The sources do not give that figure")
    answer = await answer_question(core, "How much is the Samruk-Kazyna loan worth?")
    assert answer.covered and answer.fact_ids[:1] == ["ank-samruk-kazyna-loan-2011"], answer.fact_ids


async def test_a_question_about_a_change_is_not_answered_by_one_year_s_figure(core: Core) -> None:
    # The sources give the members' GDP in 2015, not how it grew.
    question = "How much did the SCO members' combined GDP grow between 2001 and 2015?"
    answer = await answer_question(core, question)
    assert not answer.covered and "ser-sco-gdp-2015" in answer.fact_ids  # shown as related, not as the answer
    answer = await answer_question(core, "How large was the SCO members' combined GDP in 2015?")
    assert answer.covered and "ser-sco-gdp-2015" in answer.fact_ids[:2]


def test_measures_that_must_be_said_survive_the_compiled_store() -> None:
    file = ThesaurusFile.model_validate(
        {
            "measures": [
                {"words": ["cost", "price"], "units": ["USD"], "said": True},
                {"words": ["km"], "units": ["km"]},
            ]
        }
    )
    again = Thesaurus.from_json(Thesaurus.from_files([file]).to_json())
    assert again.said_measures_by_stem == {"cost": ("cost", "price"), "price": ("cost", "price")}


async def test_when_something_began_falls_back_to_its_earliest_date_saying_so(core: Core) -> None:
    # No fact says the Shanghai Five was "set up"; the one about it dated 1996 is its earliest date, and the
    # answer says that is what it is — not a 2000 event that merely mentions it.
    answer = await answer_question(core, "When was the Shanghai Five set up?")
    assert answer.covered and answer.fact_ids == ["ser-shanghai-five-1996"], answer.fact_ids
    assert answer.answer is not None and answer.answer.startswith("1996 — ")
    assert "earliest date the sources give for Shanghai Five" in answer.answer
    # A fund whose first dated fact is a loan to it: the loan does not date the fund, so "not covered",
    # with the earliest date offered as what the sources do have.
    answer = await answer_question(core, "When was Samruk-Kazyna founded?")
    assert not answer.covered and answer.fact_ids[:1] == ["ank-samruk-kazyna-loan-2011"], answer.fact_ids
    assert (answer.notice or "").startswith("The sources do not say when Samruk-Kazyna began")
    # Where a fact says it in other words, that fact answers, with no "earliest" hedge.
    answer = await answer_question(core, "When was the SCO set up?")
    assert answer.covered and answer.fact_ids[0] == "ser-sco-established-2001", answer.fact_ids
    assert answer.answer is not None and "earliest" not in answer.answer


async def test_paraphrase_with_the_sources_words_unsaid_is_answered(core: Core) -> None:
    answer = await answer_question(
        core, "Which Central Asian countries does China court with town twinning and study grants?"
    )
    assert answer.covered and answer.fact_ids[0] == "dip-report-exchange-diplomacy-kz-kg", answer.fact_ids


async def test_no_padding_when_one_fact_answers(core: Core) -> None:
    answer = await answer_question(core, "How long is the border between China and Kazakhstan?")
    assert answer.fact_ids == ["ser-kz-china-border-length"]


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Annual capacity of the Central Asia–China gas pipeline?", "do not give the annual capacity"),
        ("China–Kazakhstan trade turnover in 2023?", "Not mentioned anywhere: turnover"),
        ("When did Kazakhstan join the WTO?", "do not say when"),
        ("What is the population of Mars?", "do not give the population"),
    ],
)
async def test_questions_the_sources_do_not_answer_say_so_first(core: Core, question: str, said: str) -> None:
    answer = await answer_question(core, question)
    assert not answer.covered and answer.answer is None
    assert answer.notice is not None and said in answer.notice
    assert len(answer.facts) <= 3


async def test_an_editors_note_is_never_the_answer(core: Core) -> None:
    # The WTO fact's caveat says when Kazakhstan joined (outside knowledge): it is shown as an editor's note of
    # a related fact, and the question stays unanswered.
    answer = await answer_question(core, "When did Kazakhstan join the WTO?")
    assert not answer.covered and "ank-china-supports-kz-wto-accession" in answer.fact_ids
    brief = await core.briefs.facts_sections("t", {}, [("s", ["ank-china-supports-kz-wto-accession"])])
    notes = [n for s in brief.sections for i in s.items for n in i.notes]
    assert any(n.startswith("Editor's note: ") and "2015" in n for n in notes)


async def test_who_said_names_the_holder_of_the_claim(core: Core) -> None:
    answer = await answer_question(core, "Who called the SCO a New Warsaw Pact?")
    assert answer.covered and answer.fact_ids[0] == "ser-sco-new-warsaw-pact"
    assert answer.answer is not None and answer.answer.lower().startswith("analysts")


async def test_country_and_kind_filters_apply(core: Core) -> None:
    answer = await answer_question(core, "unfavourable views of China", country="Kyrgyzstan", kind="poll")
    assert answer.covered and answer.facts
    assert all("kyrgyzstan" in f.entity_ids and f.kind == "poll" for f in answer.facts)


async def test_a_named_thing_with_no_focus_lists_what_the_sources_say_about_it(core: Core) -> None:
    answer = await answer_question(core, "Samruk-Kazyna")
    assert answer.covered and answer.fact_ids[0] == "ank-samruk-kazyna-loan-2011"


async def test_structured_answer_for_scripts(core: Core) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert (
        await ask_answer_json(
            core, "How long is the frontier between Kazakhstan and the PRC?", out=out, err=err
        )
        == 0
    )
    data = json.loads(out.getvalue())
    assert set(data) == {"covered", "answer", "facts"} and data["covered"] is True
    first = data["facts"][0]
    assert first["id"] == "ser-kz-china-border-length" and set(first) == {"id", "statement", "citations"}
    assert set(first["citations"][0]) == {"source", "quote", "start", "end"}
    source = (core.store.path.parent.parent / "seeds").glob("*.txt")
    assert any(first["citations"][0]["quote"] in p.read_text(encoding="utf-8") for p in source)


@pytest.mark.parametrize(
    "line",
    ["/country Kazakhstan", "/search query:gas kind:rumour", "   ", "/search country:Narnia query:gas"],
)
async def test_structured_answer_refuses_bad_requests_politely(core: Core, line: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert await ask_answer_json(core, line, out=out, err=err) == 1
    assert out.getvalue() == "" and err.getvalue().strip().endswith((".", "?"))


def test_digest_topic_focus_reads_the_topic_like_a_question(core: Core) -> None:
    match = topic_match(core.entities, core.store.thesaurus, "town twinning")
    assert match is not None and '"sister cities"' in match
    assert topic_match(core.entities, core.store.thesaurus, "the of and") is None


def test_a_broken_thesaurus_fails_the_check_with_file_and_field(real_base: RealBase, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(real_base.curated_dir, data)
    (data / "thesaurus-extra.yaml").write_text(
        "entity_words:\n  - entity: atlantis\n    words: [atlantean]\nsynonyms:\n  - terms: [lonely]\n",
        encoding="utf-8",
    )
    with pytest.raises(FactBaseInvalid) as info:
        load_factbase(real_base.seeds_dir, data)
    problems = [str(p) for p in info.value.problems]
    assert any("thesaurus-extra.yaml" in p and "terms" in p for p in problems), problems


async def test_project_on_a_name_that_is_no_entity_falls_back_to_the_facts_text(core: Core) -> None:
    reply = await run_command(core, "project", {"name": "grand Eurasian passageway of interconnectivity"})
    assert reply.ok and reply.brief is not None
    assert [i.fact_id for s in reply.brief.sections for i in s.items][:1] == ["vac-eurasian-passageway"]


async def test_timeline_of_a_topic_lists_its_dated_facts_in_order(core: Core) -> None:
    reply = await run_command(core, "timeline", {"about": "the SCO's founding documents"})
    assert reply.ok and reply.brief is not None
    items = [i.fact_id for s in reply.brief.sections for i in s.items]
    assert items[0] == "ser-sco-established-2001" and "ser-sco-charter-2002" in items
    years = [s.title for s in reply.brief.sections]
    assert years == sorted(years)


async def test_article_agrees_with_the_type(core: Core) -> None:
    reply = await run_command(core, "country", {"name": "SCO"})
    assert reply.error is not None and "is an organisation, not a country" in reply.error


async def test_how_many_prefers_the_figure_counting_what_was_asked(core: Core) -> None:
    # One quote gives 5,000 companies, 20 of them abroad and 3,200 personnel: "guards" are the personnel.
    answer = await answer_question(core, "How many guards do Chinese security companies employ?")
    assert answer.covered and answer.fact_ids[0] == "dip-merics-3200-personnel", answer.fact_ids


async def test_which_month_is_not_answered_by_a_year(core: Core) -> None:
    answer = await answer_question(core, "In which month of 2011 did China lend money to Samruk-Kazyna?")
    assert not answer.covered and answer.notice is not None
    assert answer.notice.startswith("The sources do not give the month")
    answer = await answer_question(core, "On what date did Kazakhstan and China sign the friendship treaty?")
    assert answer.covered and answer.answer is not None and answer.answer.startswith("23 December 2002")


async def test_one_countrys_figure_is_not_its_groups_total(core: Core) -> None:
    # The $127 billion went to the five Central Asian countries and South Asia together: not Uzbekistan's figure.
    answer = await answer_question(core, "How much Chinese financing has Uzbekistan received?")
    assert not answer.covered, answer.fact_ids
    # Kazakhstan's own figure is there.
    answer = await answer_question(core, "How much Chinese financing has Kazakhstan received?")
    assert answer.covered and answer.answer is not None and "$33 billion" in answer.answer, answer.answer


def test_how_much_is_never_answered_by_a_count_of_things() -> None:
    from bot.understanding.answer.counts import _counts_things

    assert _counts_things("countries") and _counts_things("security personnel")
    assert not any(_counts_things(u) for u in ("usd", "percent", "km", "years"))


def test_courtesy_around_a_question_is_not_what_it_asks_about(core: Core) -> None:
    q = core.answerer.understand(
        "I'm trying to recall which countries the SCO observers are, can you list them?"
    )
    assert q.intent == "list"
    assert [c.text for c in q.concepts] == ["observers"]


async def test_exactly_is_not_answered_by_an_estimate(core: Core) -> None:
    # Central Asia Barometer gives Russia's unfavourable share only as "single-digit".
    answer = await answer_question(
        core, "Exactly what share of people in Kazakhstan view Russia unfavourably?"
    )
    assert not answer.covered, answer.answer
    # China's 30% (its quote names Russia) is never given as Russia's figure.
    answer = await answer_question(core, "What share of people in Kazakhstan view Russia unfavourably?")
    assert "vac-cab-kazakhstan-unfavourable-china" not in answer.fact_ids[:1] or not answer.covered


def test_the_unit_after_how_many_is_the_measure_asked_for(core: Core) -> None:
    q = core.answerer.understand("Kazakhstan and China share how many km of border?")
    assert q.measure == "km" and q.answer_type == "figure"


# --------------------------------------------------------------------------- what the question sets aside


@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        (
            "Apart from soldiers and politics, which areas does cooperative security cover?",
            "security",
            "soldiers",
        ),
        ("Protests aside, in what ways do ordinary Kazakhs value dealing with China?", "dealing", "protests"),
        ("Besides loans, what did China offer Kazakhstan?", "offer", "loans"),
    ],
)
def test_what_a_question_sets_aside_is_not_what_it_asks_about(
    core: Core, text: str, kept: str, dropped: str
) -> None:
    focus = [c.text for c in core.answerer.understand(text).concepts]
    assert kept in focus
    assert not any(dropped in c for c in focus)
    assert not {"apart", "aside", "besides"} & set(focus)


def test_a_name_set_aside_is_not_one_asked_about(core: Core) -> None:
    for text in (
        "Which countries other than China are SCO members?",
        "Apart from China, which countries are SCO members?",
    ):
        assert [e.id for e in core.answerer.understand(text).entities] == ["sco"]


def test_an_aside_ends_before_a_verb_that_says_what_is_asked(core: Core) -> None:
    # "besides Russia" sets aside Russia; "have defence ties with Kazakhstan" is what is asked, comma or not.
    q = core.answerer.understand(
        "Which powers besides Russia have defence ties with Kazakhstan, according to Temur Umarov?"
    )
    assert {"defence", "ties"} <= {c.text for c in q.concepts}, q.concepts
    assert "russia" in q.set_aside


def test_the_frame_of_a_question_is_neither_a_concept_nor_missing(core: Core) -> None:
    q = core.answerer.understand("In what ways did the later AidData study differ?")
    assert not {"ways", "later"} & {c.text for c in q.concepts}


def test_a_name_shared_across_and_names_both_places(core: Core) -> None:
    q = core.answerer.understand("How much did China lend to Central and South Asia?")
    assert "south-and-central-asia" in [e.id for e in q.entities]
    assert "central" not in [c.text for c in q.concepts]


# --------------------------------------------------------------------------- yes/no membership, counted lists


async def test_part_of_asks_about_membership(core: Core) -> None:
    answer = await answer_question(core, "Is Turkey part of the SCO?")
    assert answer.covered and answer.fact_ids[0] == "ser-sco-dialogue-partners"
    answer = await answer_question(core, "Is Japan part of the SCO?")
    assert not answer.covered


@pytest.mark.parametrize(
    ("question", "count", "fact"),
    [
        ("How many full members does the SCO have?", 8, "ser-sco-full-members"),
        ("How many dialogue partners did the SCO have?", 6, "ser-sco-dialogue-partners"),
        (
            "How many Central Asian foreign ministers did Wang Yi meet in Xian?",
            5,
            "vac-cc5-second-meeting-xian",
        ),
        # People counted by the role the sources give them ("President Tokayev and … President Rahmon").
        (
            "how many presidents was Xi Jinping going to visit, per Mao Ning?",
            2,
            "ank-mao-ning-announces-xi-visits",
        ),
    ],
)
async def test_how_many_is_counted_in_a_list_when_no_figure_counts_it(
    core: Core, question: str, count: int, fact: str
) -> None:
    answer = await answer_question(core, question)
    assert answer.covered and answer.fact_ids[0] == fact
    assert answer.answer is not None and answer.answer.startswith(f"{count} (counted in the list) — ")
    # The total of all three kinds of SCO state (18) is not the number of any one of them.
    assert "18 states" not in answer.answer


async def test_a_figure_that_counts_what_was_asked_beats_a_list(core: Core) -> None:
    answer = await answer_question(core, "How many states did the SCO bring together?")
    assert answer.answer is not None and answer.answer.startswith("18 states — ")


async def test_a_number_before_the_thing_counts_it_beside_a_figure_of_something_else(core: Core) -> None:
    # The fact's own figure is 30 years of relations: it does not count the countries, "the five … countries" does.
    answer = await answer_question(
        core, "How many Central Asian states did China establish diplomatic relations with in 1992?"
    )
    assert answer.covered and answer.fact_ids[0] == "him-diplomatic-relations-january-1992"
    assert answer.answer is not None and answer.answer.startswith("five — ")


async def test_how_many_a_source_names_counts_the_names_given_as_examples(core: Core) -> None:
    # "Most Chinese experts, such as Chien Chung, Pan Guang and Jing-Dong Yuan, agree …": three named, not all.
    answer = await answer_question(
        core, "How many Chinese experts does Serikkaliyeva cite on the SCO as a Chinese initiative?"
    )
    assert answer.covered and answer.fact_ids[0] == "ser-chinese-experts-sco-chinese-initiative"
    assert answer.answer is not None and answer.answer.startswith("3 named — ")
    answer = await answer_question(core, "How many Chinese experts see the SCO as a Chinese initiative?")
    assert not (answer.answer or "").startswith("3")


async def test_a_list_of_some_is_not_counted_as_all(core: Core) -> None:
    answer = await answer_question(core, "How many members does the SCO have?")
    assert answer.answer is not None and not answer.answer.startswith("3 ")
    assert "vac-sco-includes-russia-india-pakistan" not in answer.question.listed


@pytest.mark.parametrize(
    ("question", "first"),
    [
        # The observers' fact quotes the sentence that lists the full members too; its statement does not.
        ("Which countries are full members of the SCO?", "ser-sco-full-members"),
        ("Which countries are the SCO's dialogue partners?", "ser-sco-dialogue-partners"),
    ],
)
async def test_a_fact_whose_statement_says_what_was_asked_comes_first(
    core: Core, question: str, first: str
) -> None:
    answer = await answer_question(core, question)
    assert answer.fact_ids[0] == first


def test_an_exclusion_at_the_end_of_a_question_is_set_aside_too(core: Core) -> None:
    q = core.answerer.understand(
        "Which states sit in the Shanghai bloc as onlookers without full membership?"
    )
    assert [c.text for c in q.concepts] == ["onlookers"]


@pytest.mark.parametrize(
    "question",
    [
        # "analysts" and "think tank" are said only by ANKASAM's own description, nothing asked by any fact.
        "What languages do ANKASAM's analysts speak?",
        "In what city is the ANKASAM think tank based?",
    ],
)
async def test_a_description_of_a_linked_thing_alone_does_not_answer(core: Core, question: str) -> None:
    answer = await answer_question(core, question)
    assert not answer.covered


async def test_how_many_is_never_answered_by_money_or_a_name_that_looks_like_a_list(core: Core) -> None:
    # "National" in "the National Welfare Fund, Samruk-Kazyna" stems like "nationals", and a $1.7 billion loan
    # is no count of people.
    answer = await answer_question(core, "How many Chinese nationals live in Kazakhstan?")
    assert not answer.covered and not answer.question.listed


def test_a_list_is_counted_only_as_an_enumeration_of_names(core: Core) -> None:
    from bot.understanding.answer.counts import listed_after

    [members] = core.answerer.understand("how many members").concepts
    assert listed_after("The full members were China, Kazakhstan and Russia.", members) == 3
    assert listed_after("Members include Russia, India and Pakistan.", members) == 0  # some of them
    assert listed_after("It lent to the Members Fund, Samruk-Kazyna, in 2011.", members) == 0  # a name
    assert listed_after("The members were China and Russia.", members) == 2


async def test_a_word_that_only_looks_like_the_one_asked_does_not_answer(core: Core) -> None:
    # The only "form" near AidData is "in the form of sister cities".
    answer = await answer_question(core, "Who founded AidData?")
    assert not answer.covered
    answer = await answer_question(core, "When was the SCO formed?")
    assert answer.covered and answer.fact_ids[0] == "ser-sco-established-2001"


async def test_a_fact_saying_the_opposite_does_not_answer(core: Core) -> None:
    answer = await answer_question(core, "What percentage of Kazakhs view China favourably?")
    assert not answer.covered  # the sources give the share viewing China *un*favourably
    answer = await answer_question(core, "What share of Kazakhs view China unfavourably?")
    assert answer.covered and answer.answer is not None and answer.answer.startswith("30 per cent")


async def test_a_figure_question_in_other_words_is_answered_from_the_words_the_sources_use(
    core: Core,
) -> None:
    # "refining and chemicals" is nowhere in the sources ("petrochemical" is): the asker's wording, not a gap,
    # and with those words unread, only the best fact's value makes the answer line.
    answer = await answer_question(
        core, "How big was the loan Beijing provided in 2011 for Kazakh refining and chemicals?"
    )
    assert answer.covered and answer.question.unknown == ["refining", "chemicals"]
    assert answer.answer == (
        "$5 billion — In early 2011 Beijing provided a $5 billion loan for Kazakhstan's petrochemical industry [1]"
    )


async def test_the_second_largest_does_not_answer_which_is_the_largest(core: Core) -> None:
    question = "Which country is the largest recipient of Chinese financing in Central Asia?"
    answer = await answer_question(core, question)
    assert answer.covered and answer.fact_ids[0] != "him-turkmenistan-9-billion"  # "the second-largest …"
    answer = await answer_question(core, question.replace("largest", "second-largest"))
    assert answer.fact_ids[0] == "him-turkmenistan-9-billion"


async def test_who_leads_a_country_asks_who_holds_the_role(core: Core) -> None:
    # Not Temur Umarov, who said criticising China "would lead to economic consequences".
    answer = await answer_question(core, "Who leads Tajikistan?")
    assert answer.question.intent == "who_is"
    assert answer.answer is not None and answer.answer.startswith("Emomali Rahmon — ")


async def test_an_amount_the_question_names_is_what_it_is_about_not_its_answer(core: Core) -> None:
    answer = await answer_question(core, "How much of the US$127 billion went to Central Asia?")
    assert "united-states" not in [e.id for e in answer.question.entities]  # US$ is a currency
    # "$127 billion" is where the question starts, not what it asks: "most of it" is the part asked for.
    assert "him-most-to-central-asia" in answer.fact_ids[:3]
    assert answer.answer is not None and answer.answer.startswith("Most — ")


async def test_a_timeline_has_no_single_answer_line(core: Core) -> None:
    answer = await answer_question(core, "Timeline of the SCO")
    assert answer.covered and answer.answer is None
    # in date order, from the forerunner's first step
    assert answer.fact_ids[:3] == [
        "ser-shanghai-five-1996",
        "ser-shanghai-spirit-jiang-zemin-2000",
        "ser-sco-established-2001",
    ]


async def test_where_a_thing_is_read_from_its_name_in_a_country(core: Core) -> None:
    answer = await answer_question(core, "Where is the Ozodi tunnel?")
    assert answer.answer is not None and answer.answer.startswith("Tajikistan — ")
    # "in Xi'an and in Beijing" does not say where Xi'an is.
    assert (await answer_question(core, "Where is Xian?")).answer is None


async def test_how_many_counts_the_noun_asked_about_not_a_span_of_years(core: Core) -> None:
    # The noun counted is the last of "registered private security companies", met by the unit "companies".
    answer = await answer_question(core, "How many registered private security companies does China have?")
    assert answer.answer is not None and answer.answer.startswith("5,000 — ")
    # "30 years of relations" counts no countries.
    answer = await answer_question(
        core, "How many countries did China establish relations with in January 1992?"
    )
    assert answer.answer is None or not answer.answer.startswith("30 years")


def test_a_year_after_before_or_since_bounds_the_period_asked_about(core: Core) -> None:
    assert core.answerer.understand("What did China lend Kazakhstan before 2015?").period == (None, 2014)
    assert core.answerer.understand("What has happened since 1997?").period == (1997, None)
    assert core.answerer.understand("Loans prior to 2011").period == (None, 2010)
    q = core.answerer.understand("What did the SCO do in 2010?")
    assert (q.years, q.period) == ([2010], None)


async def test_a_fact_outside_the_period_asked_about_does_not_answer(core: Core) -> None:
    # The only dated visits are announced in 2024: none is before it.
    answer = await answer_question(core, "When did Xi last visit Tajikistan before 2024?")
    assert not (answer.answer or "").startswith("1 July 2024")
    answer = await answer_question(core, "What loans did China give Kazakhstan after 2010?")
    assert set(answer.fact_ids[:2]) == {"ank-petrochemical-loan-2011", "ank-samruk-kazyna-loan-2011"}
    answer = await answer_question(core, "What loans did China give Kazakhstan before 2010?")
    assert "ank-samruk-kazyna-loan-2011" not in answer.fact_ids or not answer.covered


async def test_everything_named_in_the_year_named_answers_a_question_in_other_words(core: Core) -> None:
    # "react" and "unrest" are not the source's words ("paralysed", "crisis"), but the fact puts the SCO in
    # Kyrgyzstan in 2010.
    answer = await answer_question(core, "How did the SCO react to the 2010 unrest in Kyrgyzstan?")
    assert answer.covered and answer.fact_ids[0] == "ser-sco-paralysis-kyrgyzstan-2010"
    # A thing asked for that the fact does not say is still missing.
    answer = await answer_question(
        core, "What interest rate did Beijing charge on the 2011 Samruk-Kazyna loan?"
    )
    assert not answer.covered


async def test_which_official_asks_for_a_person_the_fact_names(core: Core) -> None:
    # Not the fact that says more of the words ("visit … announced in July 2024") but names no one new.
    answer = await answer_question(core, "Which Chinese official announced Xi's 2024 trip to Central Asia?")
    assert answer.question.intent == "who"
    assert answer.answer is not None and answer.answer.startswith("Mao Ning — ")


async def test_who_runs_an_institute_asks_for_its_head(core: Core) -> None:
    answer = await answer_question(core, "Who runs the Institute of Eurasian Studies in Shanghai?")
    assert answer.answer is not None and answer.answer.startswith("Yu Jianhua — ")


async def test_a_bare_how_much_prefers_a_sum_of_money_to_a_share(core: Core) -> None:
    q = core.answerer.understand("How much did AidData say China spent in Central Asia?")
    assert q.money
    answer = await answer_question(core, "How much did AidData say China spent in Central Asia?")
    assert answer.answer is not None and not answer.answer.startswith("26%")
    assert not core.answerer.understand("How much of China's financing went to Kazakhstan?").money


async def test_a_country_describing_a_source_is_met_by_a_source_from_there(core: Core) -> None:
    # Avdaliani's think tank is Georgian; no fact is about Georgia itself.
    q = core.answerer.understand("What does the Georgian analyst say about China's military presence?")
    assert "georgia" in q.descriptors
    answer = await answer_question(
        core, "What does the Georgian analyst say about China's military presence?"
    )
    assert answer.covered and answer.fact_ids[0].startswith("him-avdaliani-")
    # Asked about, not describing: Georgia stays a country the facts must concern.
    assert not core.answerer.understand("What does China invest in Georgia?").descriptors


async def test_where_someone_works_asks_for_an_institution(core: Core) -> None:
    answer = await answer_question(core, "Where does Zhao Long work?")
    assert answer.answer is not None
    assert answer.answer.startswith("Shanghai Institutes for International Studies — ")


def test_under_whose_asks_who(core: Core) -> None:
    assert core.answerer.understand("Under whose leadership did relations develop?").intent == "who"


async def test_a_region_named_in_a_question_is_met_by_a_country_in_it(core: Core) -> None:
    # The 2019 facts name Kazakhstan and Kyrgyzstan, not "Central Asia".
    answer = await answer_question(core, "What happened in China's relations with Central Asia in 2019?")
    assert answer.covered and all(fid.endswith("2019") for fid in answer.fact_ids[:2])


async def test_the_role_asked_about_is_who_holds_it_not_who_is_named_near_another_word(core: Core) -> None:
    # Tokayev "met" Xi in Xi'an: he is no foreign minister.
    answer = await answer_question(
        core, "Who was Kazakhstan's foreign minister at the Xian meeting with Wang Yi?"
    )
    assert not answer.covered
    assert (await answer_question(core, "Who is the president of Kazakhstan?")).answer.startswith(  # type: ignore[union-attr]
        "Kassym-Jomart Tokayev — "
    )


async def test_a_look_up_prefers_facts_that_name_the_thing(core: Core) -> None:
    answer = await answer_question(core, 'What is the "Corridors of Power" report?')
    assert {"him-aiddata-127-billion", "him-corridors-of-power-released"} <= set(answer.fact_ids[:3])


async def test_a_region_only_mentioned_beside_another_country_s_figure_is_not_its_figure(core: Core) -> None:
    # 26% is Kazakhstan's share of financing to Central and South Asia, not South Asia's.
    answer = await answer_question(
        core, "What share of China's US$127 billion in financial assistance went to South Asia?"
    )
    assert not answer.covered
    answer = await answer_question(
        core, "What share of Chinese financing to Central and South Asia went to Kazakhstan?"
    )
    assert answer.answer is not None and answer.answer.startswith("26% — ")


async def test_what_is_set_aside_at_the_end_of_a_question_is_not_asked_about(core: Core) -> None:
    answer = await answer_question(
        core, "How much did Beijing lend Kazakhstan in early 2011, not counting the uranium purchase?"
    )
    assert answer.fact_ids[0] != "ank-uranium-purchase-2011"
    assert "uranium" not in [c.text for c in answer.question.concepts]


async def test_a_word_the_sources_never_use_does_not_silence_a_who_question(core: Core) -> None:
    answer = await answer_question(
        core, "Which Canberra academic said the region matters to Beijing for its energy riches?"
    )
    assert answer.answer is not None and answer.answer.startswith("Michael Clarke, ")


async def test_the_source_described_is_the_one_asked_about(core: Core) -> None:
    # ANKASAM's analysis, not a report that also "describes" the ties.
    question = "How does the Ankara think tank characterise the relationship between Dushanbe and the PRC?"
    q = core.answerer.understand(question)
    assert q.descriptors == {"turkey"} and "think tank" not in [c.text for c in q.concepts]
    answer = await answer_question(core, question)
    assert answer.covered and all(fid.startswith("ank-") for fid in answer.fact_ids)
    # "analysts think": the verb (whose view is asked, the question's frame), not a think tank.
    q = core.answerer.understand("Which Russian analysts think the SCO is a security body?")
    assert q.descriptors == {"russia"} and not {"think", "think tank"} & {c.text for c in q.concepts}
    assert q.describes_people == {"russia"}


async def test_a_source_described_by_its_own_description_is_that_source(core: Core) -> None:
    # AidData's description: "Research lab at William & Mary (…, Virginia)". William & Mary is in Virginia too, but
    # its description says it is a university; the lab is AidData.
    q = core.answerer.understand("What time span does the Virginia research lab's study cover?")
    assert "aiddata" in {e.id for e in q.entities} and "aiddata" in q.sources
    assert not {"virginia", "lab", "research"} & {c.text for c in q.concepts}
    # Two Shanghai researchers are described: a fact quoting either of them is about "the Shanghai academic".
    q = core.answerer.understand("What does the Shanghai academic think the SCO is for?")
    assert q.described == [("zhao-long", "yu-jianhua")] or q.described == [("yu-jianhua", "zhao-long")]
    answer = await answer_question(
        core, "Which Shanghai academic holds that the SCO is about non-traditional security?"
    )
    assert answer.covered and answer.fact_ids[0] == "ser-yu-jianhua-non-traditional-security"
    # A description nobody in the fact base fits is left as the question's words.
    q = core.answerer.understand("What does the Oxford lab say about gas?")
    assert not q.described and "oxford" in {c.text for c in q.concepts}


@pytest.mark.parametrize(
    ("typed", "word", "slip"),
    [
        ("abraod", "abroad", True),  # two letters swapped
        ("vacines", "vaccines", True),  # one left out
        ("pipelinne", "pipeline", True),  # one typed twice
        ("marked", "market", False),  # a letter for another: as often a word of its own
        ("cross", "crops", False),
        ("abroad", "abroad", False),
        ("hwo", "who", True),  # the first two letters swapped
        ("sample", "ample", False),  # a first letter in excess: a word of its own
        ("ample", "sample", False),
    ],
)
def test_a_slip_of_the_keyboard_is_one_swap_or_one_letter_too_many_or_few(
    typed: str, word: str, slip: bool
) -> None:
    assert one_slip(typed, word) is slip
    # The words looked up for a misspelt one are exactly those one slip away.
    assert (word in slips_undone(typed)) is slip


async def test_a_misspelt_word_is_read_as_the_word_the_sources_use_and_the_answer_says_so(core: Core) -> None:
    answer = await answer_question(core, "How many Chinese security firms sell their services abraod?")
    assert answer.question.respelled == [("abraod", "abroad")]
    assert answer.covered and answer.fact_ids[0] == "dip-merics-20-international-pscs"
    # A question word too: "waht is the lenght" asks for a length.
    answer = await answer_question(core, "waht is the lenght of the border between kazakhstan and china")
    assert answer.covered and answer.answer is not None and answer.answer.startswith("1,700 km")
    reply = await run_command(core, "search", {"query": "Did China offer vacines to Central Asia?"})
    assert reply.brief is not None and (reply.brief.description or "").startswith(
        "(Read vacines as vaccines.)"
    )
    # A word that is no slip of one the sources use stays as it was asked, and is reported as unknown.
    answer = await answer_question(core, "How many Chinese security firms operate in Ruritania?")
    assert not answer.question.respelled and "ruritania" in answer.question.unknown
    # A four-letter word that is no English word is a slip too.
    answer = await answer_question(core, "what is the kazakh veiw of china in the barometer poll?")
    assert answer.question.respelled == [("veiw", "view")]
    # Nor does an English word one slip from one the sources use: "status" is not "stats", "quiet" not "quite".
    for text, word in (
        ("What is the status of the Rogun dam?", "status"),
        ("Was Bishkek quiet during the 2010 crisis?", "quiet"),
    ):
        answer = await answer_question(core, text)
        assert not answer.question.respelled and word in answer.question.unknown, text


@pytest.mark.parametrize(
    ("question", "first", "second", "unit"),
    [
        (
            "How many years passed between the Shanghai Five and the founding of the SCO?",
            "the Shanghai Five",
            "the founding of the SCO",
            "years",
        ),
        (
            "How many years separated the founding of the SCO and the signing of its Charter?",
            "the founding of the SCO",
            "the signing of its Charter",
            "years",
        ),
        (
            "How long after independence did Kazakhstan open relations with China?",
            "independence",
            "did Kazakhstan open relations with China",
            "years",
        ),
        (
            "how long before the SCO was the Shanghai Five set up",
            "was the Shanghai Five set up",
            "the SCO",
            "years",
        ),
        (
            "How much time was there between Nazarbayev's resignation and the forum?",
            "Nazarbayev's resignation",
            "the forum",
            "years",
        ),
        (
            "How far apart were the treaty and the Charter?",
            "the treaty",
            "the Charter",
            "years",
        ),
        (
            "Was the SCO Charter signed before or after the friendship treaty?",
            "the SCO Charter signed",
            "the friendship treaty",
            None,
        ),
        (
            "Which came first: the SCO Charter or the friendship treaty?",
            "SCO Charter",
            "the friendship treaty",
            None,
        ),
        (
            # what each did, said once for both
            "Which joined the SCO first, India or Pakistan?",
            "India joined the SCO",
            "Pakistan joined the SCO",
            None,
        ),
        (
            "how many yrs between the treaty and the charter",
            "the treaty",
            "the charter",
            "years",
        ),
        (
            "How many years separate the Charter and the trade programme?",
            "the Charter",
            "the trade programme",
            "years",
        ),
        (
            # the event told first, then how long until the one asked: the first is the earlier
            "The Shanghai Five met in 1996; how long before the SCO was founded?",
            "The Shanghai Five met in 1996",
            "the SCO was founded",
            "years",
        ),
        (
            "Kazakhstan became independent - how many years until it opened ties with Beijing?",
            "Kazakhstan became independent",
            "it opened ties with Beijing",
            "years",
        ),
    ],
)
def test_a_question_about_the_time_between_two_events_names_both(
    question: str, first: str, second: str, unit: str | None
) -> None:
    events = two_events(question)
    assert events is not None and (events.first, events.second, events.unit) == (first, second, unit)
    assert two_events("When was the SCO founded?") is None


async def test_the_time_between_two_events_is_worked_out_from_both_cited_dates(core: Core) -> None:
    answer = await answer_question(
        core, "How many years passed between the Shanghai Five Mechanism and the establishment of the SCO?"
    )
    assert answer.covered and answer.fact_ids == ["ser-shanghai-five-1996", "ser-sco-established-2001"]
    assert (answer.answer or "").startswith("about 5 years — 1996: ")
    # An event naming nothing ("independence") is the other event's country's.
    answer = await answer_question(
        core, "How many years after independence did Kazakhstan establish diplomatic relations with China?"
    )
    assert answer.covered and answer.fact_ids[0] == "ank-kz-independence-1991"
    # Two dates in the same year, one of them only to the year: the order is not in the sources.
    answer = await answer_question(core, "Was the SCO Charter signed before or after the friendship treaty?")
    assert not answer.covered and answer.notice is not None and "2002" in answer.notice
    assert set(answer.fact_ids) == {"ser-sco-charter-2002", "ser-kz-china-treaty-2002-signed"}
    answer = await answer_question(core, "Was the SCO established before or after the friendship treaty?")
    assert answer.covered and (answer.answer or "").startswith("Before — 2001: ")
    # "Which came first" names the earlier one; whose a thing is ("Jiang Zemin's") does not date it.
    answer = await answer_question(
        core, "Which came first, Jiang Zemin's Shanghai Spirit or the SCO Charter?"
    )
    assert answer.covered and (answer.answer or "").startswith(
        "Jiang Zemin's Shanghai Spirit came first — 2000: "
    )
    # Echoed, the asker's words can neither ping nor format.
    answer = await answer_question(
        core, "How many years between @everyone __x__ **bold** and the founding of the SCO?"
    )
    assert not answer.covered and not any(mark in (answer.notice or "") for mark in ("@", "__", "**"))
    # An event the sources do not date is named as such.
    answer = await answer_question(
        core, "How many years passed between the SCO's founding and the Ozodi tunnel's opening?"
    )
    assert not answer.covered and (answer.notice or "").startswith("The sources do not date")


async def test_whose_idea_names_the_person_the_fact_names_with_it_not_whoever_it_quotes(core: Core) -> None:
    answer = await answer_question(core, "Whose idea was the Harmonious World?")
    assert answer.covered and (answer.answer or "").startswith("Hu Jintao — ")
    assert "idea" not in [c.text for c in answer.question.concepts]
    # No fact names who proposed the New Security Concept: said so, not a quoted author offered instead.
    answer = await answer_question(core, "Whose brainchild is the New Security Concept?")
    assert not answer.covered


async def test_figures_a_question_quotes_pin_the_facts_that_give_them(core: Core) -> None:
    answer = await answer_question(
        core,
        "Does Kazakhstan's 26% share square with $33 billion out of the $127 billion in the Corridors of Power figures?",
    )
    assert answer.covered and {"him-kazakhstan-26-percent", "him-kazakhstan-33-billion"} <= set(
        answer.fact_ids[:3]
    )


async def test_a_year_and_a_region_with_no_other_topic_asks_what_happened_then(core: Core) -> None:
    answer = await answer_question(core, "anything notable in 2006 re china and central asia?")
    assert answer.covered and all("2006" in (f.date or "") for f in answer.facts[:3])


def test_a_question_setting_two_amounts_side_by_side_names_both() -> None:
    amounts = two_amounts(
        "Which was larger in the 2011 package: the uranium purchase or the petrochemical loan?"
    )
    assert amounts is not None
    assert (amounts.first, amounts.second, amounts.context) == (
        "the uranium purchase",
        "the petrochemical loan",
        "in the 2011 package",
    )
    amounts = two_amounts("By how many points does Kyrgyz dislike of China exceed Kazakh dislike?")
    assert amounts is not None and (amounts.first, amounts.second) == (
        "Kyrgyz dislike of China",
        "Kazakh dislike",
    )
    assert two_amounts("How much did Beijing lend to Samruk-Kazyna?") is None


async def test_two_amounts_are_shown_side_by_side_with_their_difference(core: Core) -> None:
    answer = await answer_question(
        core,
        "By how many points does Kyrgyz antipathy toward Beijing exceed Kazakh antipathy in the regional survey?",
    )
    assert answer.covered and answer.fact_ids == [
        "vac-cab-kyrgyzstan-unfavourable-china",
        "vac-cab-kazakhstan-unfavourable-china",
    ]
    assert (answer.answer or "").startswith("A difference of 5 percentage points — 35 per cent: ")
    # "The two credits put together" is a sum of two figures: no difference is worked out from one of them.
    answer = await answer_question(
        core,
        "Which loomed larger in Beijing's early-2011 package for Kazakhstan: the nuclear fuel purchase or the two "
        "credits put together?",
    )
    assert answer.covered and "ank-uranium-purchase-2011" in answer.fact_ids
    assert not (answer.answer or "").startswith("A difference")
    # Two things that are not amounts are compared as before.
    answer = await answer_question(core, "Compare Kazakhstan and Kyrgyzstan on unfavourable views of China")
    assert answer.covered and answer.answer is None


def test_a_question_setting_two_views_side_by_side_names_both_sources_and_the_thing() -> None:
    views = two_views("How do Emil Avdaliani and Temur Umarov differ on Russia's role in Central Asia?")
    assert views is not None
    assert (views.first, views.second, views.topic) == (
        "Emil Avdaliani",
        "Temur Umarov",
        "Russia's role in Central Asia",
    )
    views = two_views("Do the Ankara think tank and Clarke both see the region as a source of gas?")
    assert views is not None and (views.first, views.second) == ("the Ankara think tank", "Clarke")
    assert views.topic == "the region as a source of gas"
    assert two_views("Did China and Kazakhstan sign a treaty?") is None


async def test_two_sources_views_are_shown_side_by_side_each_cited(core: Core) -> None:
    # No fact holds both views: each document has its own author.
    answer = await answer_question(
        core,
        "Do ANKASAM and Michael Clarke agree that Central Asia is important to China for its oil and gas?",
    )
    assert answer.covered and answer.answer is not None
    sides = [(f.attribution or {}).get("entity") for f in answer.facts]
    assert "michael-clarke" in sides and any(f.id.startswith("ank-") for f in answer.facts)
    assert answer.answer.startswith("ANKASAM: ") and " Michael Clarke: " in answer.answer
    # Two states are not two sources: the question is read as a whole, as before.
    answer = await answer_question(core, "Do China and Kazakhstan agree on the importance of the SCO?")
    assert not (answer.answer or "").startswith("China: ")


def test_comparisons_typed_as_keywords_name_both_sides() -> None:
    events = two_events("the SCO Charter vs the 2002 treaty - which came first?")
    assert (
        events is not None
        and events.which
        and (events.first, events.second)
        == (
            "the SCO Charter",
            "the 2002 treaty",
        )
    )
    events = two_events("Which is older: the Charter or the treaty?")
    assert events is not None and events.which and events.second == "the treaty"
    amounts = two_amounts("uranium deal vs the petrochemical loan - which is bigger")
    assert amounts is not None and (amounts.first, amounts.second) == (
        "uranium deal",
        "the petrochemical loan",
    )
    events = two_events("How soon after independence did Kazakhstan open relations with China?")
    assert events is not None and events.ordered and events.first == "independence"


def test_events_to_put_in_order_are_each_named() -> None:
    assert events_in_order("Timeline: the Charter, the treaty and the SCO's founding") == [
        "the Charter",
        "the treaty",
        "the SCO's founding",
    ]
    assert events_in_order("Put the treaty and the Charter in order") == ["the treaty", "the Charter"]
    assert events_in_order("Put in order: the treaty, the Charter and the founding") == [
        "the treaty",
        "the Charter",
        "the founding",
    ]
    assert events_in_order("Timeline of China's loans to Kazakhstan") is None  # a topic, not events
    assert events_in_order("Timeline: the Charter, the treaty") is None  # two: "which came first"


async def test_a_claim_to_check_is_answered_by_what_the_sources_say_of_it(core: Core) -> None:
    for line in (
        "Is it true that the SCO was established in 2001?",
        "sorry to bother you - is it correct that the SCO was established in 2001?",
        "True or false: the SCO was established in 2001",
        "Can you confirm that the SCO was established in 2001?",
    ):
        answer = await answer_question(core, line)
        assert answer.covered and answer.fact_ids[0] == "ser-sco-established-2001", line
        assert not {"true", "correct", "confirm", "bother"} & set(answer.question.unknown), line


def test_an_auxiliary_inside_the_first_event_does_not_end_it() -> None:
    # "was launched" is the first event's passive; "did Nazarbayev …" starts the question about the second.
    events = two_events("How many years after the BRI was launched did Nazarbayev attend the forum?")
    assert events is not None and (events.first, events.second) == (
        "the BRI was launched",
        "did Nazarbayev attend the forum",
    )
    events = two_events("How long after the SCO was founded was its Charter signed?")
    assert events is not None and (events.first, events.second) == (
        "the SCO was founded",
        "was its Charter signed",
    )


def test_two_events_in_the_same_year_are_read_with_the_verb_they_share() -> None:
    events = two_events("Were the SCO Charter and the friendship treaty signed in the same year?")
    assert events is not None and events.same == "year"
    assert (events.first, events.second) == ("the SCO Charter signed", "the friendship treaty signed")
    events = two_events("Was the Shanghai Five set up in the same month as the Shanghai Spirit?")
    assert events is not None and events.same == "month" and events.second == "the Shanghai Spirit"
    # "before or on the same day as" asks for an order.
    events = two_events("Did the UN clash happen before or on the same day as the Xian meeting?")
    assert events is None or events.same is None


async def test_whether_two_events_fell_in_the_same_year_is_told_from_both_cited_dates(core: Core) -> None:
    answer = await answer_question(
        core, "Were the SCO Charter and the friendship treaty signed in the same year?"
    )
    assert answer.covered and (answer.answer or "").startswith("Yes, both in 2002 — ")
    assert set(answer.fact_ids) == {"ser-sco-charter-2002", "ser-kz-china-treaty-2002-signed"}
    answer = await answer_question(core, "Was the SCO founded in the same year as the Shanghai Five?")
    assert answer.covered and (answer.answer or "").startswith("No — ")
    assert set(answer.fact_ids) == {"ser-sco-established-2001", "ser-shanghai-five-1996"}
    # The same month, with one date given only to the year: the sources cannot tell.
    answer = await answer_question(
        core, "Were the SCO Charter and the friendship treaty signed in the same month?"
    )
    assert not answer.covered and "month" in (answer.notice or "")


async def test_an_event_named_alone_dates_from_when_it_happened_not_from_a_founding(core: Core) -> None:
    answer = await answer_question(
        core, "Did the 2016 land code protests in Kazakhstan come before or after the launch of the BRI?"
    )
    assert answer.covered and (answer.answer or "").startswith("After — 2016: ")


async def test_events_are_put_in_the_order_of_their_cited_dates(core: Core) -> None:
    answer = await answer_question(core, "Chronology: founding of the SCO, Shanghai Spirit, Shanghai Five")
    assert answer.covered and answer.answer is not None
    assert [f.date[:4] for f in answer.facts if f.date] == ["1996", "2000", "2001"]
    assert answer.answer.startswith("1996: ") and " → 2000: " in answer.answer


async def test_going_up_or_down_asks_for_a_change_not_a_level(core: Core) -> None:
    # One survey wave gives a level; nothing says how it moved.
    answer = await answer_question(
        core, "Did the share of Kazakhs who view China unfavourably go up or down since the last survey?"
    )
    assert not answer.covered and "vac-cab-kazakhstan-unfavourable-china" in answer.fact_ids
    answer = await answer_question(core, "Did China's financial diplomacy go up after the launch of the BRI?")
    assert answer.covered and answer.fact_ids[0] == "dip-bri-financial-diplomacy-growth"
    # A power station "going up" is being built.
    q = core.answerer.understand("On which river is the power station in Tajikistan going up?")
    assert "change" not in [c.text for c in q.concepts]


async def test_the_noun_asked_for_is_the_last_word_of_its_phrase(core: Core) -> None:
    # A bank is asked for by its kind, past the word that qualifies it.
    q = core.answerer.understand("Which Chinese policy bank put up the money?")
    assert (q.wanted, q.kind_word) == ("organisation", "bank") and "policy" in {c.text for c in q.concepts}
    # Past a qualifying word and a name used as an adjective.
    q = core.answerer.understand("Which big Chinese bank was behind the loan?")
    assert (q.wanted, q.kind_word) == ("organisation", "bank")
    q = core.answerer.understand("Which country signed the treaty?")
    assert not any(c.head and c.text == "signed" for c in q.concepts)
    # No source names a bank behind the report's total: a thing nowhere in the sources is what they lack.
    answer = await answer_question(
        core, "Which Chinese policy bank put up most of the money in Corridors of Power?"
    )
    assert not answer.covered


async def test_which_projects_wants_projects_the_sources_name(core: Core) -> None:
    for text in (
        "Which large Chinese projects did Umarov say were shelved?",
        "Which New Silk Road projects in Kazakhstan does the article discuss?",
    ):
        q = core.answerer.understand(text)
        assert q.answer_type == "entities" and q.wanted == "project", text
    # "Which cities": places the sources name; a verb ends the noun ("which sources mention sister-city …").
    assert core.answerer.understand("Which Kazakh cities host a Confucius Institute?").wanted == "place"
    assert core.answerer.understand("Which sources mention sister-city ties?").wanted is None
    # Umarov speaks of a shift away from vast projects and names none.
    answer = await answer_question(core, "Which large Chinese projects did Umarov say were shelved?")
    assert not answer.covered


async def test_frames_of_whether_and_how_things_connect_are_not_topics(core: Core) -> None:
    # "how is A linked to B": a fact about both says how.
    answer = await answer_question(core, "In what way is the SCO tied to the Harmonious World concept?")
    assert answer.covered and answer.fact_ids[0] == "ser-sco-harmonious-world-framework"
    # "does the piece discuss X": an article's facts about X.
    q = core.answerer.understand("Does the ANKASAM piece discuss the SCO at all?")
    assert not {"piece", "discuss"} & {c.text for c in q.concepts}
    q = core.answerer.understand("Does the ANKASAM piece bring up the SCO?")
    assert not q.concepts
    # "How far back does the data go": since when.
    q = core.answerer.understand("How far back does the Williamsburg team's data go?")
    assert q.intent == "when" and "aiddata" in {i for group in q.described for i in group}


def test_a_line_asking_two_questions_is_split_into_both() -> None:
    assert two_questions("When was the treaty signed, and why does it matter?") == (
        "When was the treaty signed?",
        "why does it matter?",
    )
    assert two_questions("In which year was the treaty signed, and who signed it?") == (
        "In which year was the treaty signed?",
        "who signed it?",
    )
    assert two_questions("How long is the border between China and Kazakhstan?") is None
    assert two_questions("Trade and investment between China and Kazakhstan") is None


async def test_two_questions_in_one_line_are_each_answered_or_said_not_covered(core: Core) -> None:
    answer = await answer_question(
        core,
        "When did Kazakhstan and China sign the good-neighbourliness treaty and when was it ratified?",
    )
    assert answer.covered and answer.fact_ids[0] == "ser-kz-china-treaty-2002-signed"
    assert answer.answer is not None and answer.answer.startswith("23 December 2002 — ")
    assert answer.answer.endswith("The sources do not answer: when was it ratified.")


async def test_where_something_is_held_or_based_wants_a_place_the_sources_name(core: Core) -> None:
    # The Secretariat is one of the SCO's two standing organs; where it sits, no fact says.
    answer = await answer_question(core, "Where is the SCO Secretariat headquartered?")
    assert not answer.covered
    answer = await answer_question(
        core, "Where was the second China–Central Asia foreign ministers' meeting held?"
    )
    assert answer.covered and answer.answer is not None and answer.answer.startswith("Xi'an")


async def test_what_caused_something_wants_a_fact_that_states_a_cause(core: Core) -> None:
    # The sources mention the 2019 protests but say nothing of what sparked them.
    answer = await answer_question(core, "What sparked the 2019 protests in Kazakhstan?")
    assert answer.question.intent == "why" and not answer.covered
    assert "dip-protests-2019" in answer.fact_ids  # shown as related
    answer = await answer_question(core, "What caused the negative attitudes toward China in Kazakhstan?")
    assert answer.covered and "dip-putz-exchange-counterweight" in answer.fact_ids[:3]


async def test_why_is_answered_by_an_argument_or_a_stated_reason_not_by_a_report_of_the_event(
    core: Core,
) -> None:
    # The sources tell of the two meetings but not what they were for.
    answer = await answer_question(core, "Why did Xi Jinping and Tokayev meet twice in 2023?")
    assert (
        not answer.covered
        and answer.notice is not None
        and answer.notice.startswith("The sources do not say why")
    )
    assert "ank-xi-tokayev-met-twice-2023" in answer.fact_ids  # shown as related
    # An analyst's argument answers in its own words ("fosters future markets … through exchanges"), beside one
    # giving a reason in so many words (Putz's "a counterweight to negative attitudes").
    answer = await answer_question(core, "Why does China run exchanges for Central Asian students?")
    assert answer.covered
    assert set(answer.fact_ids[:2]) == {"him-future-markets-exchanges", "dip-putz-exchange-counterweight"}
    # An event that gives its reason answers too.
    answer = await answer_question(core, "Why was the SCO paralysed in 2010?")
    assert answer.covered and answer.fact_ids[0] == "ser-sco-paralysis-kyrgyzstan-2010"


async def test_what_someone_said_is_answered_by_their_words_not_by_what_they_did(core: Core) -> None:
    # The sources say Nazarbayev attended the forum, not what he said there.
    answer = await answer_question(core, "What did Nazarbayev say at the 2019 Belt and Road Forum?")
    assert answer.question.speakers == {"nursultan-nazarbayev"} and not answer.covered
    assert answer.notice is not None and "do not give what Nursultan Nazarbayev said" in answer.notice
    assert "dip-nazarbayev-brf-2019" in answer.fact_ids  # shown as related
    # The verb frames the question: "argue" is answered by what he said.
    answer = await answer_question(core, "What does Michael Clarke argue about Xinjiang?")
    assert answer.covered and answer.fact_ids[0] == "vac-clarke-bri-stability-stakes"
    # An organisation speaks through its report: whatever the report gives is what it says.
    answer = await answer_question(core, "What does AidData say about the 2016 protests?")
    assert not answer.question.speakers
    assert answer.covered and answer.fact_ids[0] == "dip-land-code-protests-2016"
    # "Think tank" is a noun, not a verb of saying.
    question = core.answerer.understand("How does the Ankara think tank see Tajikistan?")
    assert not question.speakers


async def test_a_year_to_check_for_a_one_off_thing_is_answered_with_the_sources_date(core: Core) -> None:
    answer = await answer_question(
        core,
        "Was the China-Kazakhstan Treaty on Good-Neighborliness, Friendship and Cooperation signed in 2001?",
    )
    assert answer.covered and answer.fact_ids == ["ser-kz-china-treaty-2002-signed"]
    assert answer.answer is not None and answer.answer.startswith(
        "The sources give 23 December 2002, not 2001 — "
    )
    answer = await answer_question(core, "Was the SCO founded in 1999?")
    assert answer.answer is not None and answer.answer.startswith("The sources give 2001, not 1999 — ")
    answer = await answer_question(core, "Was the SCO charter signed in 2002?")
    assert answer.answer is not None and answer.answer.startswith("Yes, 2002 — The SCO Charter")
    # A visit dated 2024 says nothing of one in 2019.
    answer = await answer_question(core, "Did Xi visit Kazakhstan in 2019?")
    assert not answer.covered


async def test_an_amount_to_check_is_answered_with_the_sources_amount(core: Core) -> None:
    answer = await answer_question(core, "Did China lend Samruk-Kazyna $2 billion in 2011?")
    assert answer.question.stated[0].written == "$2 billion"
    assert answer.answer is not None
    assert answer.answer.startswith("The sources give $1.7 billion, not $2 billion — In early 2011 Beijing")
    answer = await answer_question(core, "Did China lend Samruk-Kazyna $1.7 billion?")
    assert answer.answer is not None and answer.answer.startswith("Yes, $1.7 billion — ")
    answer = await answer_question(core, "Did 40 per cent of Kyrgyz view China unfavourably?")
    assert answer.answer is not None and answer.answer.startswith(
        "The sources give 35 per cent, not 40 per cent"
    )
    # Facts on the things named that give no amount neither confirm nor correct one.
    answer = await answer_question(core, "Did China give Central Asia $50 billion?")
    assert not answer.covered and answer.notice == "The sources give no figure to check this against."


async def test_a_source_described_by_country_is_met_by_the_author_of_the_document_quoted(core: Core) -> None:
    # Serikkaliyeva's facts quote her by name but are not linked to her: her article is where they come from.
    answer = await answer_question(core, "How does the Kazakh scholar rate the SCO's crisis management?")
    assert answer.question.descriptors == {"kazakhstan"}
    assert answer.covered and answer.fact_ids[0] == "ser-sco-crisis-management-weak"


async def test_a_part_of_a_year_is_that_year(core: Core) -> None:
    answer = await answer_question(core, "What did Mao Ning say in mid-2024 about Kazakhstan?")
    assert answer.question.years == [2024] and not answer.question.concepts
    assert answer.covered and answer.fact_ids[0].startswith("ank-kz-")
    q = core.answerer.understand("What happened at the end of 2019 in Kazakhstan?")
    assert q.years == [2019] and not q.concepts


@pytest.mark.parametrize(
    ("text", "read"),
    [
        (
            "the big Chinese bank behind the loan - which one was it?",
            "which big Chinese bank behind the loan?",
        ),
        (
            "the tunnel in the Tajik mountains — when was the deal for it signed?",
            "when was the deal for the tunnel in the Tajik mountains signed?",
        ),
        ("SCO founding: when was that?", "when was SCO founding?"),
        ("Xi and Tokayev - where did they meet?", "where did Xi and Tokayev meet?"),
        # Two questions, courtesy, or nothing referred back to: unchanged.
        ("what is Beijing after in Astana — is it just about money?", None),
        ("Quick one: how does the Kazakh academic rate it?", None),
        ("The SCO - when was the Charter signed?", None),
    ],
)
def test_a_thing_put_before_the_question_is_put_back_where_the_question_refers_to_it(
    text: str, read: str | None
) -> None:
    assert topic_first(text) == (read or text)


async def test_a_question_about_a_thing_put_first_is_answered_as_if_asked_in_one(core: Core) -> None:
    answer = await answer_question(core, "Xi and Tokayev - where did they meet in 2023?")
    assert answer.question.text == "Xi and Tokayev - where did they meet in 2023?"  # shown as asked
    assert answer.question.intent == "where" and answer.covered
    assert answer.answer is not None and answer.answer.startswith("Xi'an")


async def test_how_much_of_a_thing_wants_a_figure_for_that_thing(core: Core) -> None:
    # Financing figures are no amount of debt relief.
    answer = await answer_question(core, "How much debt relief has China given the Central Asian countries?")
    assert not answer.covered
    # A comparative after "how much" asks for a difference between figures the facts give.
    q = core.answerer.understand(
        "How much bigger was the 2011 petrochemical loan than the Samruk-Kazyna loan?"
    )
    assert not any(c.required for c in q.concepts)


async def test_what_someone_agreed_or_offered_wants_a_fact_saying_the_deed(core: Core) -> None:
    # The talks are reported; no agreement is.
    answer = await answer_question(core, "What did Wang Yi and the Kazakh foreign minister agree?")
    assert not answer.covered and "vac-cc5-second-meeting-xian" in answer.fact_ids
    answer = await answer_question(core, "What did Wang Yi offer the Central Asian ministers at Xian?")
    assert answer.covered and answer.fact_ids[0].endswith("-cooperation-offer")


async def test_facts_that_answer_as_well_but_share_fewer_words_are_shown_after_the_best(core: Core) -> None:
    # "began" and "building" put the establishment fact alone at the top; the fact on the shift to multilateral
    # diplomacy answers as well by every other test and is shown after it, not cut.
    answer = await answer_question(
        core, "How did China's approach to Central Asia change when it began building the SCO?"
    )
    ids = answer.fact_ids
    assert ids[0] == "ser-sco-establishment-began-shanghai-spirit"
    assert "ser-china-multilateral-over-bilateral-central-asia" in ids[1:3] and len(ids) <= 3


def test_the_kinds_and_types_the_answer_rules_name_are_declared_ones() -> None:
    from bot.factbase.models import FACT_KINDS, EntityType
    from bot.understanding.answer.kinds import ARGUING_KINDS, LIST_KINDS, ONE_OFF_TYPES

    assert ARGUING_KINDS.issubset(FACT_KINDS) and LIST_KINDS.issubset(FACT_KINDS)
    assert ONE_OFF_TYPES.issubset(t.value for t in EntityType)


async def test_which_reports_wants_facts_that_name_a_report(core: Core) -> None:
    answer = await answer_question(core, "Which AidData reports are cited in the sources?")
    assert answer.question.wanted == "document" and "reports" not in [
        c.text for c in answer.question.concepts
    ]
    assert answer.covered and {"dip-silk-road-diplomacy-report", "him-corridors-of-power-released"} & set(
        answer.fact_ids[:3]
    )


def test_a_country_s_capital_is_the_country_not_money(core: Core) -> None:
    q = core.answerer.understand("What did Xi sign in the Kazakh capital in 2024?")
    assert "kazakhstan" in [e.id for e in q.entities] and "capital" not in [c.text for c in q.concepts]
    # Capital as money stays a topic.
    q = core.answerer.understand("How much Chinese capital went to Kazakhstan?")
    assert "capital" in [c.text for c in q.concepts]


def test_whose_judgement_frames_the_question(core: Core) -> None:
    q = core.answerer.understand("Is the SCO institutionally underdeveloped, in Serikkaliyeva's judgement?")
    assert "judgement" not in [c.text for c in q.concepts] and "azhar-serikkaliyeva" in q.sources


@pytest.mark.parametrize(
    "text",
    [
        "Hi, sorry if this is basic - what exactly is AidData?",
        "Hello there, quick question: what exactly is AidData?",
        "Apologies if this is a silly question, could you tell me what AidData is?",
    ],
)
def test_greetings_and_apologies_are_not_what_is_asked(core: Core, text: str) -> None:
    q = core.answerer.understand(text)
    assert [e.id for e in q.entities] == ["aiddata"] and not q.concepts


async def test_hurried_typing_still_names_what_it_means(core: Core) -> None:
    # A possessive without its apostrophe, "the Kazakh republic", "whether … and in what capacity".
    q = core.answerer.understand("what fraction of beijings lending did the kazakh republic receive")
    assert {"china", "kazakhstan"} <= {e.id for e in q.entities}
    assert not {"beijings", "republic"} & {c.text for c in q.concepts}
    answer = await answer_question(
        core, "Could you remind me whether Tehran sits in the SCO, and in what capacity?"
    )
    assert answer.covered and answer.fact_ids[0] == "ser-sco-observers"


async def test_where_a_person_is_based_is_their_institution_and_a_body_s_a_place(core: Core) -> None:
    answer = await answer_question(core, "Where is Michael Clarke based?")
    assert answer.covered and (answer.answer or "").startswith("Australian National University — ")
    answer = await answer_question(core, "Where is the SCO Secretariat based?")
    assert not answer.covered


async def test_a_source_s_country_is_met_by_who_is_quoted_not_by_a_report_covering_it(core: Core) -> None:
    # AidData's report covers Kyrgyzstan among others; the lecturer in Bishkek is Srdjan Uljevic.
    answer = await answer_question(
        core,
        "What's expected of the republics in return for Beijing's money, according to the Bishkek lecturer?",
    )
    assert answer.covered and answer.fact_ids[0] == "vac-uljevic-investment-and-core-interests"


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("What did China and Kazakhstan agree in the 1990s?", (1990, 1999)),
        ("What did Beijing sponsor in the mid-nineties?", (1993, 1997)),
        ("Chinese lending since the early 2000s", (2000, None)),
        ("Chinese lending before the 2010s", (None, 2009)),
        ("Chinese lending after the 1990s", (2000, None)),
    ],
)
def test_a_decade_bounds_the_years_asked_about(
    core: Core, text: str, period: tuple[int | None, int | None]
) -> None:
    q = core.answerer.understand(text)
    assert q.period == period and not {"nineties", "mid", "1990s"} & {c.text for c in q.concepts}


async def test_which_universities_wants_a_university_not_any_organisation(core: Core) -> None:
    # The scholarships fact names the Communist Party of China, an organisation but no university.
    answer = await answer_question(
        core, "Which Chinese universities offer the scholarships for Central Asian students?"
    )
    assert not answer.covered
    answer = await answer_question(core, "Which university does Srdjan Uljevic lecture at?")
    assert answer.covered and "american-university-of-central-asia" in answer.facts[0].entity_ids


async def test_which_kazakh_official_wants_one_named_person_from_there(core: Core) -> None:
    # The sources put the priority to "Kazakhstani officials" and name none; Mao Ning is Chinese.
    answer = await answer_question(
        core, "Which Kazakh official said good-neighbourly relations with China are a top priority?"
    )
    assert answer.question.one_person and "kazakhstan" in answer.question.descriptors and not answer.covered
    answer = await answer_question(core, "Which Georgian analyst says China's military presence is growing?")
    assert answer.covered and (answer.answer or "").startswith("Emil Avdaliani")


def test_one_name_or_another_asks_for_a_comparison(core: Core) -> None:
    q = core.answerer.understand("Do Kyrgyz respondents see Moscow or Beijing in a worse light?")
    assert q.intent == "compare"
    assert core.answerer.understand("Did Beijing lend to Samruk-Kazyna?").intent != "compare"


async def test_a_person_named_as_whose_a_thing_is_need_not_be_in_the_fact(core: Core) -> None:
    # "Xi's connectivity programme" is the BRI; the fact about funding before it does not name Xi.
    q = core.answerer.understand("Did Chinese development lending predate Xi's connectivity programme?")
    assert q.owners == {"xi-jinping"}
    answer = await answer_question(
        core, "Did Chinese development lending predate Xi's connectivity programme?"
    )
    assert answer.fact_ids[0] == "dip-chinese-development-funding-2008"
    # Whose words they are is asked about: a fact must attribute them to her.
    assert not core.answerer.understand("What is Serikkaliyeva's view of the SCO?").owners


async def test_the_source_a_question_asks_according_to_must_be_cited(core: Core) -> None:
    question = (
        "Why might China put so much emphasis on exchange diplomacy with Kazakhstan and Kyrgyzstan, "
        "according to Catherine Putz?"
    )
    q = core.answerer.understand(question)
    assert q.sources == {"catherine-putz"} and "might" not in [c.text for c in q.concepts]
    answer = await answer_question(core, question)
    assert answer.fact_ids[0] == "dip-putz-exchange-counterweight"  # not AidData's finding that she reports
    assert core.answerer.understand("What is in Umarov's view the risk for Central Asia?").sources == {
        "temur-umarov"
    }


def test_which_element_names_the_shape_of_the_answer_not_its_topic(core: Core) -> None:
    q = core.answerer.understand("Which element of the New Security Concept stresses interdependence?")
    assert "element" not in [c.text for c in q.concepts]


async def test_which_company_is_not_answered_by_a_fact_naming_no_company(core: Core) -> None:
    assert core.answerer.understand("Which Chinese company built the Ozodi Tunnel?").wanted == "organisation"
    assert not (await answer_question(core, "Which Chinese company built the Ozodi Tunnel?")).covered
    answer = await answer_question(core, "Which countries are observers of the SCO?")
    assert answer.covered and "ser-sco-observers" in answer.fact_ids[:3]


async def test_what_total_asks_for_a_figure_about_what_is_named(core: Core) -> None:
    q = core.answerer.understand("What total does the Corridors of Power report give for Tajikistan?")
    assert q.answer_type == "figure"
    # $127 billion is the five countries' total, not Tajikistan's.
    answer = await answer_question(core, "What total does the Corridors of Power report give for Tajikistan?")
    assert not answer.covered


def test_a_counted_noun_keeps_its_role_beside_a_word_of_the_same_meaning(core: Core) -> None:
    # "vaccine doses": one concept, still what "how many" counts (a figure in "meetings" does not answer).
    q = core.answerer.understand("How many Covid-19 vaccine doses did China pledge at the Xian meeting?")
    assert [c.counted for c in q.concepts if "doses" in c.alternatives] == [True]


async def test_an_outlet_or_institute_is_met_by_a_fact_citing_someone_who_works_there(core: Core) -> None:
    # Uljevic is "of the American University of Central Asia"; the fact names him, not the university.
    answer = await answer_question(
        core,
        "What does the AUCA lecturer say Central Asian states are expected to give Beijing in return for its money?",
    )
    assert answer.fact_ids[0] == "vac-uljevic-investment-and-core-interests"


def test_a_measure_word_used_as_a_verb_asks_for_no_figure(core: Core) -> None:
    assert (
        core.answerer.understand("Does Beijing share media content with outlets in the region?").units == ()
    )
    assert core.answerer.understand("Kazakhstan share of Chinese financing").units == ("percent",)


async def test_a_fact_from_a_document_is_about_its_outlet_and_author_but_not_their_words(core: Core) -> None:
    # The SCO's full members are stated in Serikkaliyeva's article; no fact links her to them.
    answer = await answer_question(
        core, "How many full members did the SCO have when Serikkaliyeva wrote her article?"
    )
    assert answer.covered and answer.fact_ids[0] == "ser-sco-full-members"
    # "According to Putz" asks for her words, not for anything her article reports.
    answer = await answer_question(
        core,
        "Why might China put so much emphasis on exchange diplomacy with Kazakhstan and Kyrgyzstan, "
        "according to Catherine Putz?",
    )
    assert answer.fact_ids[0] == "dip-putz-exchange-counterweight"


async def test_a_place_is_met_by_a_fact_about_a_place_within_it(core: Core) -> None:
    # The facts say "the Xian meeting"; Xi'an is the capital of Shaanxi.
    answer = await answer_question(
        core, "Did the six ministers in Shaanxi talk about a vast transport corridor spanning the continent?"
    )
    assert answer.covered and answer.fact_ids[0] == "vac-eurasian-passageway"


async def test_how_many_reads_a_number_the_fact_puts_before_the_thing_counted(core: Core) -> None:
    answer = await answer_question(
        core, "How many Central Asian countries gained independence after the Soviet Union broke up?"
    )
    assert answer.answer is not None and answer.answer.startswith("five — ")
    # "Four of the five": five is the whole; "Covid-19 vaccines": 19 is part of a name.
    answer = await answer_question(core, "How many Central Asian countries are SCO members?")
    assert answer.answer is not None and not answer.answer.startswith("five")
    answer = await answer_question(
        core, "How many Covid-19 vaccine doses did China pledge at the Xian meeting?"
    )
    assert not (answer.answer or "").startswith("19")


def test_the_noun_counted_ends_where_its_verb_begins(core: Core) -> None:
    q = core.answerer.understand("How many Central Asian countries gained independence?")
    assert [c.text for c in q.concepts if c.counted] == ["central asian countries"]


def test_prepositions_are_not_topics(core: Core) -> None:
    q = core.answerer.understand(
        "What are experts reading into Beijing's charm offensive toward the five republics?"
    )
    assert not {"toward", "within", "among"} & {c.text for c in q.concepts}


async def test_who_did_it_needs_a_fact_that_says_the_deed(core: Core) -> None:
    # The facts only say AidData's report refers to the protests; nobody organised them in the sources.
    assert not (
        await answer_question(core, "Who organised the 2016 land code protests in Kazakhstan?")
    ).covered
    answer = await answer_question(core, "Who financed the Ozodi Tunnel?")
    assert answer.covered


def test_the_deed_is_read_after_a_which_phrase_too(core: Core) -> None:
    q = core.answerer.understand("Which AidData researchers wrote the Silk Road Diplomacy report?")
    assert q.deed == "wrote" and not q.actor  # researchers are people: no government or bank answers
    assert core.answerer.understand("Who announced that Xi would visit Kazakhstan?").deed is None  # a speaker


def test_a_question_opened_by_a_condition_asks_what_follows_it(core: Core) -> None:
    q = core.answerer.understand(
        "When peaceful mass demonstrations break out in a member state, can the Shanghai grouping's leaders agree?"
    )
    assert q.intent != "when"
    assert (
        core.answerer.understand("When did Kazakhstan and China sign the treaty, and where?").intent == "when"
    )
    assert core.answerer.understand("If the SCO was founded in 2001, who founded it?").intent == "who"


async def test_who_is_the_source_a_country_describes(core: Core) -> None:
    answer = await answer_question(core, "Who is the Georgian analyst quoted on China's military presence?")
    assert answer.answer is not None and answer.answer.startswith("Emil Avdaliani")


@pytest.mark.parametrize(
    ("text", "intent", "first"),
    [
        ("SCO founding year", "when", "ser-sco-established-2001"),
        ("BRI launch date", "when", "dip-bri-launched-2013"),
        ("Shanghai Five 1996 purpose", "why", "ser-shanghai-five-1996"),
    ],
)
async def test_a_keyword_query_says_what_it_wants_by_its_last_word(
    core: Core, text: str, intent: str, first: str
) -> None:
    answer = await answer_question(core, text)
    assert answer.question.intent == intent and answer.fact_ids[0] == first


async def test_a_question_pinned_by_its_names_and_year_is_not_silenced_by_an_unknown_verb(core: Core) -> None:
    answer = await answer_question(core, "Did the SCO act during the 2010 Kyrgyz upheaval?")
    assert answer.covered and answer.fact_ids[0] == "ser-sco-paralysis-kyrgyzstan-2010"


def test_hedges_of_frequency_are_not_topics(core: Core) -> None:
    q = core.answerer.understand("Why do Kazakhs sometimes resent Chinese investment?")
    assert "sometimes" not in [c.text for c in q.concepts]


async def test_who_produced_a_study_is_a_deed_the_fact_must_say(core: Core) -> None:
    q = core.answerer.understand("Who produced the Silk Road Diplomacy study?")
    assert q.deed == "produced"
    answer = await answer_question(core, "Who produced the Silk Road Diplomacy study?")
    assert set(answer.fact_ids[:2]) <= {"dip-report-partners", "dip-silk-road-diplomacy-report"}


async def test_asking_for_a_document_itself_is_not_answered_by_a_fact(core: Core) -> None:
    answer = await answer_question(core, "Where can I read the full Silk Road Diplomacy report?")
    assert not answer.covered and answer.notice is not None and "links" in answer.notice
    assert not (
        await answer_question(core, "Whose byline appears at the top of the Himalaya article?")
    ).covered
    # "links" between governments is a topic, not a link to a document.
    assert not core.answerer.understand("How are Beijing's links with Astana kept up?").access
    # The rest of an article and its author's job title are in no fact either; the rest of the world is a topic.
    assert core.answerer.understand("How can I read the rest of Serikkaliyeva's article?").access
    assert core.answerer.understand("What is Zeynep Çağla Erin's job title at ANKASAM?").access
    assert not core.answerer.understand("Has Beijing cut itself off from the rest of the world?").access


async def test_a_month_is_when_not_what(core: Core) -> None:
    q = core.answerer.understand(
        "What agreements did Xi Jinping sign during his July 2024 visit to Kazakhstan?"
    )
    assert "july" not in [c.text for c in q.concepts] and q.years == [2024]
    # The visit's announcement names no agreement.
    assert not (
        await answer_question(
            core, "What agreements did Xi Jinping sign during his July 2024 visit to Kazakhstan?"
        )
    ).covered
    answer = await answer_question(core, "When in 2004 did Hu Jintao propose the New Development Approach?")
    assert answer.answer is not None and answer.answer.startswith("March 2004")


async def test_a_fact_about_another_country_does_not_stand_in_for_the_one_asked_about(core: Core) -> None:
    # Russia's single-digit ratings and China's 30% are not the US's ratings.
    answer = await answer_question(
        core,
        "What were the United States' unfavourable ratings in Kazakhstan in the Central Asia Barometer poll?",
    )
    assert not answer.covered


async def test_what_a_share_is_of_must_be_said(core: Core) -> None:
    # 27.1% is the SCO's share of the world's GDP, not of world trade.
    answer = await answer_question(core, "What share of world trade did SCO states account for in 2015?")
    assert not answer.covered
    answer = await answer_question(core, "What share of world GDP did SCO states account for in 2015?")
    assert answer.answer is not None and answer.answer.startswith("27.1 percent")


async def test_who_succeeded_someone_needs_a_fact_that_says_so(core: Core) -> None:
    answer = await answer_question(core, "Who succeeded Nazarbayev as Kazakhstan's president in 2019?")
    assert not answer.covered


async def test_a_word_the_facts_use_in_another_form_is_not_unknown(core: Core) -> None:
    # The facts write "lies"; the index stems it apart from "lie".
    answer = await answer_question(
        core, "Where does Kazakhstan lie strategically, according to Serikkaliyeva?"
    )
    assert "lie" not in answer.question.unknown
    assert answer.covered and answer.fact_ids[0] == "ser-kz-routes-china-europe"


def test_an_opening_word_that_only_looks_like_a_measure_asks_for_no_figure(core: Core) -> None:
    q = core.answerer.understand(
        "Shared worries about extremism: do Beijing, Astana and Dushanbe work together?"
    )
    assert q.answer_type != "figure"
    assert core.answerer.understand("Share of China's financing that went to Kazakhstan").units == (
        "percent",
    )


def test_which_two_asks_for_the_noun_after_the_number(core: Core) -> None:
    q = core.answerer.understand("On which two territorial questions does Astana side with Beijing?")
    assert [c.text for c in q.concepts if c.head] != ["two"]


async def test_an_amount_written_out_is_checked_like_one_written_with_a_sign(core: Core) -> None:
    q = core.answerer.understand("Did China lend Samruk-Kazyna two billion dollars in 2011?")
    assert [s.written for s in q.stated] == ["$2 billion"]
    assert "dollars" not in [c.text for c in q.concepts]
    for text in (
        "Did China lend Samruk-Kazyna 2 billion US dollars in 2011?",
        "Did China lend Samruk-Kazyna $2 billion in 2011?",
    ):
        answer = await answer_question(core, text)
        assert answer.answer is not None and answer.answer.startswith("The sources give $1.7 billion, not $2")
    # The amount pins the fact giving it, whatever else the question calls the thing.
    answer = await answer_question(
        core, "Which Kazakh export did Beijing agree to buy up for roughly eight billion dollars?"
    )
    assert answer.covered and "ank-uranium-purchase-2011" in answer.fact_ids[:3]


def test_a_decade_written_short_is_that_decade(core: Core) -> None:
    for text in ("What did the Shanghai Five do in the '90s?", "What did the Shanghai Five do in the 90s?"):
        assert core.answerer.understand(text).period == (1990, 1999)
    assert core.answerer.understand("What did the Shanghai Five do in the mid-90s?").period == (1993, 1997)


async def test_what_topics_asks_for_what_was_discussed_not_for_the_word(core: Core) -> None:
    q = core.answerer.understand("What topics did the six countries discuss at the Xian meeting?")
    assert "topics" not in [c.text for c in q.concepts]
    answer = await answer_question(core, "What topics did the six countries discuss at the Xian meeting?")
    assert answer.covered and "vac-scholarships" in answer.fact_ids


async def test_a_country_and_a_body_of_other_kinds_are_not_two_sides_of_a_comparison(core: Core) -> None:
    # "Chinese and Western readings of the SCO": China is whose reading, the SCO what is read; a fact on China
    # alone (Xinjiang) and one on the SCO alone (its partners) are no sides of it.
    answer = await answer_question(core, "Compare Chinese and Western readings of what the SCO is for.")
    assert answer.fact_ids[:1] == ["ser-western-view-authoritarian-regime-change"], answer.fact_ids


async def test_a_source_described_as_one_side_of_a_comparison_is_not_asked_of_the_other(core: Core) -> None:
    # "Chinese analysts versus Western interpretations": the Western side's facts cite no Chinese analyst.
    answer = await answer_question(
        core, "Chinese analysts versus Western interpretations of the SCO: how do they compare?"
    )
    assert answer.fact_ids[:1] == ["ser-western-view-authoritarian-regime-change"], answer.fact_ids


async def test_who_between_two_named_things_compares_them(core: Core) -> None:
    text = "Who got more Chinese money over the two decades, Kazakhstan or Turkmenistan?"
    assert core.answerer.understand(text).intent == "compare"
    shown = (await answer_question(core, text)).fact_ids[:3]
    assert "him-turkmenistan-9-billion" in shown
    assert {"him-kazakhstan-33-billion", "him-kazakhstan-26-percent"} & set(shown)
    # A "who" question naming one thing after "or" inside it is not a choice.
    assert core.answerer.understand("Who signed for China or its bank in Astana?").intent != "compare"


async def test_how_long_after_is_answered_by_a_source_that_says_so(core: Core) -> None:
    # Both dated only to 2019, but a source says "a month after resigning".
    answer = await answer_question(
        core,
        "How long after stepping down as Kazakh leader did Nazarbayev turn up at Beijing's big BRI summit?",
    )
    assert answer.covered and answer.answer is not None
    assert answer.answer.startswith("A month after — Nursultan Nazarbayev attended")
    # Said of the forum, the month says nothing of how far the resignation was from another event.
    answer = await answer_question(
        core, "Did Nazarbayev step down before or after Xi's January 2019 press conference in Bishkek?"
    )
    assert answer.answer is None or "month" not in answer.answer


async def test_what_percent_written_with_the_sign_asks_for_a_percentage(core: Core) -> None:
    q = core.answerer.understand("what % of kazakhs view china unfavourably?")
    assert q.answer_type == "figure" and q.units == ("percent",)
    answer = await answer_question(core, "what % of kazakhs view china unfavourably?")
    assert answer.answer is not None and answer.answer.startswith("30 per cent")
    # No poll covers Uzbekistan: the Kazakh and Kyrgyz figures are not its answer.
    assert not (await answer_question(core, "what % of uzbeks view china unfavourably?")).covered


def test_what_dates_and_in_which_read_as_their_singular_forms(core: Core) -> None:
    assert core.answerer.understand("On what dates did Xi visit Kazakhstan?").intent == "when"
    assert (
        core.answerer.understand("In which other languages is the ANKASAM analysis available?").intent
        == "list"
    )


async def test_list_the_cities_asks_for_places_as_which_cities_does(core: Core) -> None:
    q = core.answerer.understand("list the central asian cities that host confucius institutes")
    assert q.wanted == "place"
    # The facts tell of Confucius Institutes in the region but name no city.
    answer = await answer_question(core, "list the central asian cities that host confucius institutes")
    assert not answer.covered


async def test_a_keyword_query_for_a_figure_wants_one_and_gdp_is_a_measure(core: Core) -> None:
    answer = await answer_question(core, "kazakhstan GDP figure, biggest economy in central asia")
    assert not answer.covered
    assert answer.notice is not None and answer.notice.startswith("The sources do not give the GDP")
    answer = await answer_question(core, "SCO GDP figures")
    assert answer.covered and answer.fact_ids[:2] == ["ser-sco-gdp-2015", "ser-sco-gdp-share-2015"]
    # A yes/no question about a figure is not a request for one: whether it is exact is what the fact says.
    answer = await answer_question(
        core, "Is the $8 billion figure for China's 2011 uranium purchase commitment exact or an estimate?"
    )
    assert answer.covered and answer.fact_ids[0] == "ank-uranium-purchase-2011"


async def test_how_many_countries_counts_those_a_fact_names_besides_the_ones_asked_about(core: Core) -> None:
    answer = await answer_question(
        core, "How many countries clashed with China at the UN over its treatment of Uyghurs?"
    )
    assert answer.covered and answer.answer is not None
    assert answer.answer.startswith("3 ") and answer.fact_ids[0] == "vac-un-clash-over-uyghurs"


def test_framing_nouns_and_verbs_are_not_what_a_fact_must_say(core: Core) -> None:
    for text, frame in (
        ("What year marked the first big jump in Beijing's lending for development schemes?", "marked"),
        ("Which track did Beijing come to favour with the five republics?", "track"),
        ("Does Minsk have a seat in the Shanghai grouping, and with what standing?", "standing"),
    ):
        assert frame not in [c.text for c in core.answerer.understand(text).concepts]


async def test_which_researchers_did_it_asks_for_people_not_a_country(core: Core) -> None:
    q = core.answerer.understand("Which AidData researchers wrote the Silk Road Diplomacy report?")
    assert not q.actor
    answer = await answer_question(core, "Which AidData researchers wrote the Silk Road Diplomacy report?")
    assert answer.answer is None or not answer.answer.startswith("China")
    # Without a word for people, whoever did it may be a government or a bank.
    assert core.answerer.understand("Who financed the Samruk-Kazyna loan?").actor


async def test_who_were_the_ministers_asks_for_people_not_a_grouping(core: Core) -> None:
    # No fact names the five ministers: a grouping or a country they came from is no answer to "who were they".
    question = "Who were the Central Asian foreign ministers Wang Yi hosted in Xi'an?"
    assert not core.answerer.understand(question).actor
    answer = await answer_question(core, question)
    assert not answer.covered, answer.answer


async def test_a_document_described_by_its_subject_is_the_source_asked_about(core: Core) -> None:
    text = (
        "Where do the worries about Beijing's growing presence come from, according to the report on the Shaanxi "
        "talks?"
    )
    q = core.answerer.understand(text)
    assert q.document_topics == ["the Shaanxi talks"] and q.topic_entities == {"shaanxi"}
    answer = await answer_question(core, text)
    assert answer.question.documents == {"china-vaccines-central-asia"}
    assert answer.covered and "vac-concerns-russia-central-asia-footprint" in answer.fact_ids[:3]
    # "News report" is the kind of document, and the SCO as that report describes it is what is asked.
    answer = await answer_question(core, "How does the news report on the Xian meeting describe the SCO?")
    assert answer.covered and answer.fact_ids[0] == "vac-sco-includes-russia-india-pakistan"
    assert {f.citations[0].source_id for f in answer.facts} == {"china-vaccines-central-asia"}


async def test_a_documents_title_names_it_before_the_count_of_its_facts(core: Core) -> None:
    answer = await answer_question(
        core, "According to the article on CCP money in Central Asia, how much did Kazakhstan absorb?"
    )
    assert answer.question.documents == {"himalaya-ccp-central-asia"}
    assert answer.covered and answer.fact_ids[0] == "him-kazakhstan-33-billion"


async def test_a_document_described_by_nothing_else_asked_is_read_as_before(core: Core) -> None:
    answer = await answer_question(core, "What does the report on the Xian meeting say?")
    assert not answer.question.documents and answer.covered


async def test_a_fact_telling_of_something_since_a_year_covers_the_years_after(core: Core) -> None:
    answer = await answer_question(
        core, "Why did relations between Kazakhstan and China develop rapidly after 1997?"
    )
    assert answer.covered and answer.fact_ids[0] == "ser-kz-china-relations-rapid-since-1997"
    # A fact dated a year before the period, that says no "since", still does not fall in it.
    answer = await answer_question(core, "What did Kazakhstan and China sign after 2003?")
    assert "ser-kz-china-treaty-2002-signed" not in answer.fact_ids[:1] or not answer.covered


async def test_what_drove_is_answered_by_a_fact_that_says_what_drove_it(core: Core) -> None:
    answer = await answer_question(
        core,
        "What drove up the volume of Beijing's cash-based statecraft, especially in South and Central Asia?",
    )
    assert answer.covered and answer.fact_ids[0] == "dip-bri-financial-diplomacy-growth"


def test_what_was_the_point_of_asks_for_a_purpose(core: Core) -> None:
    q = core.answerer.understand("What was the original point of the Shanghai Five?")
    assert q.intent == "why" and "point" not in [c.text for c in q.concepts]
    assert "point" in [c.text for c in core.answerer.understand("Which talking point came first?").concepts]


async def test_a_yes_no_question_naming_the_wrong_person_gets_whom_the_sources_say_it_of(core: Core) -> None:
    answer = await answer_question(core, "Is it true that Jiang Zemin proposed the New Development Approach?")
    assert answer.covered and answer.fact_ids == ["ser-nda-proposed-hu-jintao-2004"]
    assert answer.answer is not None
    assert answer.answer.startswith(
        "The sources say this of Hu Jintao, not of Jiang Zemin — President Hu Jintao"
    )
    # Whose words are asked about is no deed someone else may have done.
    answer = await answer_question(core, "Did Catherine Putz say that the SCO was founded in 2001?")
    assert answer.answer is None or "not of Catherine Putz" not in answer.answer


def test_a_claim_to_check_is_a_yes_no_question(core: Core) -> None:
    for text in (
        "Is it true that China lent Samruk-Kazyna $2 billion?",
        "Can you confirm that the SCO was founded in 2001?",
        "Did China lend Samruk-Kazyna $2 billion?",
    ):
        assert core.answerer.understand(text).polar, text
    assert not core.answerer.understand("How much did China lend Samruk-Kazyna?").polar


async def test_a_document_named_by_its_kind_has_its_year_checked(core: Core) -> None:
    answer = await answer_question(
        core, "Is it true that the China-Kazakhstan treaty on good-neighborliness was signed in 2001?"
    )
    assert answer.covered and answer.answer is not None
    assert answer.answer.startswith("The sources give 23 December 2002, not 2001 — ")


async def test_key_moments_over_the_years_asks_for_a_history(core: Core) -> None:
    q = core.answerer.understand("key moments in dushanbe–beijing ties over the years")
    # (the ties of the two are what the history is of: every step of it, not only facts saying "ties")
    assert q.intent == "timeline" and [c.text for c in q.concepts] == []
    answer = await answer_question(core, "key moments in dushanbe–beijing ties over the years")
    dates = [f.date or "" for f in answer.facts]
    assert answer.covered and dates == sorted(dates)
    # How a thing changed is answered by a fact telling of the change, not by a history.
    assert core.answerer.understand(
        "How has political confidence between Beijing and Dushanbe evolved lately?"
    ).intent != ("timeline")


async def test_where_was_it_signed_needs_a_place_the_sources_name(core: Core) -> None:
    q = core.answerer.understand(
        "Where was the SCO's 2003 program of multilateral trade and economic cooperation signed?"
    )
    assert q.located
    answer = await answer_question(
        core, "Where was the SCO's 2003 program of multilateral trade and economic cooperation signed?"
    )
    assert not answer.covered and "ser-sco-trade-program-2003" in answer.fact_ids  # shown as related


async def test_a_line_of_several_described_documents_looks_up_two(core: Core) -> None:
    text = (
        "What does the report on " + " and the report on ".join(["the Xian meeting"] * 5) + " say of the SCO?"
    )
    q = core.answerer.understand(text)
    assert len(q.document_topics) == 2
    answer = await answer_question(core, text)
    assert answer.covered and answer.fact_ids[0] == "vac-sco-includes-russia-india-pakistan"


async def test_an_announcement_of_a_visit_does_not_date_the_visit(core: Core) -> None:
    answer = await answer_question(
        core, "On what dates did Xi actually visit Kazakhstan and Tajikistan in 2024?"
    )
    assert not answer.covered and "ank-mao-ning-announces-xi-visits" in answer.fact_ids  # shown as related
    # The announcement itself is dated by it, and so is the plan it announced.
    for text in (
        "When did Mao Ning announce Xi's visits to Kazakhstan and Tajikistan?",
        "When did Beijing reveal that Xi would visit Tajikistan?",
        "When was Xi due to visit Kazakhstan?",
    ):
        answer = await answer_question(core, text)
        assert answer.answer is not None and answer.answer.startswith("1 July 2024 — "), text


async def test_countries_compared_only_in_regional_totals_are_not_covered(core: Core) -> None:
    answer = await answer_question(
        core, "compare chinese financing to uzbekistan and tajikistan in the corridors of power report"
    )
    assert not answer.covered and "him-aiddata-127-billion" in answer.fact_ids  # the total, shown as related
    # Countries with figures of their own are set side by side, like with like (dollars beside dollars).
    answer = await answer_question(core, "compare chinese financing to kazakhstan and turkmenistan")
    assert answer.covered and {"him-turkmenistan-9-billion", "him-kazakhstan-33-billion"} <= set(
        answer.fact_ids[:3]
    )


async def test_goodwill_worn_away_is_favourable_attitudes_diminishing(core: Core) -> None:
    answer = await answer_question(core, "is china's money chipping away at the goodwill it had?")
    assert answer.covered and answer.fact_ids[0] == "dip-report-reversing-favorable-attitudes"


async def test_a_comparison_of_two_sources_figures_shows_each_sides_own(core: Core) -> None:
    # No fact gives both the article's figure and AidData's: each side has its own, and "it cites" frames which.
    answer = await answer_question(
        core, "Himalaya's 'hundreds of billions' versus the AidData figure it cites"
    )
    assert answer.covered and answer.fact_ids[0] == "him-hundreds-of-billions-claim"
    assert "him-kazakhstan-33-billion" in answer.fact_ids[:3]  # AidData's, as the article relays it


async def test_what_stands_in_the_way_of_an_advance_asks_for_its_obstacles(core: Core) -> None:
    answer = await answer_question(
        core,
        "According to the Georgian analyst, what stands in the way of Beijing's advance into Central Asia?",
    )
    assert answer.covered and answer.fact_ids == ["him-avdaliani-obstacles"]


async def test_awkward_to_speak_out_on_asks_why_it_is_hard_to_criticise(core: Core) -> None:
    answer = await answer_question(
        core, "why do the Central Asian states find it awkward to speak out on Xinjiang?"
    )
    assert answer.covered and answer.fact_ids[:1] == ["vac-uljevic-hard-to-criticise-xinjiang"]


async def test_keen_on_something_is_wanting_it(core: Core) -> None:
    answer = await answer_question(core, "is kazakhstan keen on more than transit fees?")
    assert answer.covered and "ser-kz-benefit-beyond-transit-fees" in answer.fact_ids[:3]


async def test_an_energy_artery_is_a_pipeline(core: Core) -> None:
    answer = await answer_question(core, "which energy artery got most of the Chinese money for Kazakhstan?")
    assert answer.covered and answer.fact_ids[:1] == ["him-kazakhstan-gas-pipeline"]


def test_compared_to_in_a_comparison_frames_it(core: Core) -> None:
    # ("compared to" is also how a fact says what something was called: "likened to", "dubbed".)
    q = core.answerer.understand("kazakhstan's unfavourable view of china compared to kyrgyzstan's")
    assert q.intent == "compare" and not {"compared", "compared to"} & {c.text for c in q.concepts}


async def test_someone_of_a_source_named_by_role_is_whose_words_not_what_is_asked(core: Core) -> None:
    q = core.answerer.understand(
        "per aiddata's policy chief, where is chinese financial diplomacy concentrated?"
    )
    assert q.sources == {"aiddata"} and not {"policy", "chief"} & {c.text for c in q.concepts}
    answer = await answer_question(
        core, "according to the diplomat's writer, what might exchange diplomacy counter?"
    )
    assert answer.covered and answer.fact_ids[0] == "dip-putz-exchange-counterweight"


async def test_a_comparison_one_of_whose_countries_has_nothing_of_its_own_says_which(core: Core) -> None:
    answer = await answer_question(
        core, "How does Chinese financing for Uzbekistan compare with that for Turkmenistan?"
    )
    assert not answer.covered and answer.notice == "The sources give nothing for Uzbekistan to compare."
    assert answer.fact_ids == ["him-turkmenistan-9-billion"]  # the other side's own figure, shown as related
    # A yes/no question is settled by its best fact, whatever else it names.
    answer = await answer_question(core, "Do fewer than one in ten Kazakhs take a dim view of Moscow?")
    assert answer.covered and answer.fact_ids[0] == "vac-cab-russia-single-digit-unfavourable"


async def test_what_how_many_counts_may_be_said_before_it_or_after_its_verb(core: Core) -> None:
    counted = {
        "Of the Chinese private security firms, how many provide services abroad?": "private security firms",
        "Standing bodies: how many does the SCO have?": "standing bodies",
        "SCO partners: how many are observers?": "observers",
        # The closing verb only says whose they are.
        "How many permanent bodies does the SCO run?": "permanent bodies",
    }
    for text, noun in counted.items():
        q = core.answerer.understand(text)
        assert [c.text for c in q.concepts if c.counted] == [noun], text
    assert [
        c.text for c in core.answerer.understand("How many permanent bodies does the SCO run?").concepts
    ] == ["permanent bodies"]
    answer = await answer_question(
        core, "Of the Chinese private security firms, how many provide services abroad?"
    )
    assert answer.covered and answer.fact_ids[0] == "dip-merics-20-international-pscs"
    # "Outside China" is abroad: the twenty firms with international services, not all 5,000.
    answer = await answer_question(core, "Of all the Chinese security outfits, how many work outside China?")
    assert answer.answer is not None and answer.answer.startswith("20 ")


async def test_ca_is_central_asia_and_a_think_tanker_is_a_described_source(core: Core) -> None:
    answer = await answer_question(core, "what obstacles does China face in CA according to Avdaliani?")
    assert answer.covered and answer.fact_ids[0] == "him-avdaliani-obstacles"
    answer = await answer_question(
        core, "who is the Georgian think-tanker saying China took part in military exercises?"
    )
    assert answer.covered and answer.fact_ids[0] == "him-avdaliani-military-exercises"
    assert answer.answer is not None and answer.answer.startswith("Emil Avdaliani")


async def test_a_list_of_n_things_needs_a_fact_naming_them(core: Core) -> None:
    # A fact counting the countries ("examined 12 … countries") and one naming a single one of them do not list them.
    for text in (
        "Name the 12 countries AidData examined",
        "Which twelve countries did the AidData report look at?",
    ):
        answer = await answer_question(core, text)
        assert not answer.covered, text
        assert "dip-report-12-sca-countries" in answer.fact_ids  # shown as related
    answer = await answer_question(core, "which two countries does China woo with exchange diplomacy?")
    assert answer.covered and answer.fact_ids[0] == "dip-report-exchange-diplomacy-kz-kg"
    # Names joined by "and" before the noun still say what kind of thing is asked for.
    q = core.answerer.understand("which Kazakh and Kyrgyz cities have sister-city agreements?")
    assert q.wanted == "place"
    assert not (
        await answer_question(core, "which Kazakh and Kyrgyz cities have sister-city agreements?")
    ).covered


async def test_where_needs_a_fact_about_the_thing_asked_and_the_one_of_a_series_asked(core: Core) -> None:
    # A fact linked to the grouping's members but not to it does not place its meetings.
    answer = await answer_question(
        core, "Where was the first China–Central Asia foreign ministers' meeting held?"
    )
    assert "vac-umarov-russia-no-conflict" not in answer.fact_ids
    # The second meeting is not the first, or the third.
    for ordinal in ("first", "third"):
        q = core.answerer.understand(f"Where did the {ordinal} China + Central Asia meeting take place?")
        assert q.ordinal == ordinal
        answer = await answer_question(
            core, f"Where did the {ordinal} China + Central Asia meeting take place?"
        )
        assert not answer.covered or answer.fact_ids[0] != "vac-cc5-second-meeting-xian"
    answer = await answer_question(core, "Where did the second China + Central Asia meeting take place?")
    assert answer.covered and answer.fact_ids[0] == "vac-cc5-second-meeting-xian"
    assert core.answerer.understand("What came first, independence or diplomatic relations?").ordinal is None


async def test_a_yes_no_question_giving_the_wrong_year_of_an_announcement_is_corrected(core: Core) -> None:
    answer = await answer_question(
        core, "Did Xi and Rahmon announce the China–Tajikistan community with a shared future in 2021?"
    )
    assert answer.covered and answer.answer is not None
    assert answer.answer.startswith("The sources give May 2023, not 2021 — ")
    assert answer.fact_ids[0] == "ank-tj-community-shared-future-2023"


async def test_which_documents_is_answered_by_a_fact_naming_one(core: Core) -> None:
    answer = await answer_question(core, "Which SCO documents enshrined non-alignment and non-confrontation?")
    assert answer.covered
    assert set(answer.fact_ids[:2]) == {"ser-sco-charter-2002", "ser-sco-fifth-anniversary-declaration-2006"}


async def test_how_often_is_answered_by_a_count_or_else_by_a_frequency_in_words(core: Core) -> None:
    answer = await answer_question(
        core, "How many times has China taken part in exercises in Central Asia, per Avdaliani?"
    )
    assert answer.covered and "him-avdaliani-military-exercises" in answer.fact_ids[:3]
    # A count of the occasions comes first where there is one.
    answer = await answer_question(core, "How often did the leaders of China and Kazakhstan meet in 2023?")
    assert answer.covered and answer.fact_ids[0] == "ank-xi-tokayev-met-twice-2023"
    assert answer.answer is not None and answer.answer.startswith("twice — ")


async def test_the_region_in_a_question_is_central_asia_and_a_scholars_country_is_hers(core: Core) -> None:
    region = core.answerer.understand("What is China after in the region?")
    assert any("central asia" in c.alternatives for c in region.concepts)
    named = core.answerer.understand("What is China after in Central Asia?")
    assert not any("region" in c.alternatives for c in named.concepts)
    # "The Kazakh scholar" is met by her article, not by any fact about Kazakhstan.
    answer = await answer_question(
        core, "Is the SCO the main channel of Beijing's policy in the region, per the Kazakh scholar?"
    )
    assert answer.covered and answer.fact_ids[0] == "ser-sco-main-mechanism-china-central-asia"
    # The Diplomat's figure for Kazakhstan is not hers.
    answer = await answer_question(
        core, "What share of China's financial diplomacy went to Kazakhstan, per the Kazakh scholar?"
    )
    assert (
        not answer.covered and "dip-kazakhstan-quarter-financial-diplomacy" in answer.fact_ids
    )  # as related


async def test_which_two_says_how_many_answers_not_a_word_the_fact_must_use(core: Core) -> None:
    q = core.answerer.understand("Which two sensitive questions does Astana side with Beijing on?")
    assert "two" not in [c.text for c in q.concepts]
    answer = await answer_question(
        core,
        "Per the news report on the Xian talks, what two inducements does Beijing use to firm up ties in the region?",
    )
    assert answer.covered and answer.fact_ids[0] == "vac-shore-up-ties-bri-pledges"
    assert "firm up" in [c.text for c in answer.question.concepts]  # strengthening, not companies


async def test_a_name_typed_with_a_slip_is_read_as_the_name(core: Core) -> None:
    answer = await answer_question(core, "When did China and Kazahkstan establish diplomatic relations?")
    assert answer.question.respelled == [("kazahkstan", "kazakhstan")]
    assert answer.covered and answer.fact_ids[0] == "ser-kz-china-diplomatic-relations-1992"
    # A name that is no slip of one the sources know stays unknown.
    answer = await answer_question(core, "When did China and Ruritania establish diplomatic relations?")
    assert not answer.question.respelled and not answer.covered


async def test_a_second_question_about_someone_the_sources_do_not_name_is_not_answered(core: Core) -> None:
    answer = await answer_question(
        core, "Who is Ayesha Qureshi and what did she claim about military exercises?"
    )
    assert not answer.covered
    # A name the sources know still carries over to the second part.
    answer = await answer_question(core, "Who is Emil Avdaliani and what did he claim about a military base?")
    assert answer.covered and "him-avdaliani-military-base-tajikistan" in answer.fact_ids


async def test_for_how_long_is_answered_by_a_span_in_words_where_no_figure_gives_it(core: Core) -> None:
    answer = await answer_question(
        core, "For how long has China been extending its soft power in the five Central Asian countries?"
    )
    assert answer.covered and answer.fact_ids[0] == "him-soft-power-two-decades"
    assert core.answerer.understand("What time span does the AidData study cover?").intent == "when"


async def test_an_initiative_named_alone_in_which_came_first_is_dated_when_proposed(core: Core) -> None:
    answer = await answer_question(
        core,
        "Which came first, the SCO trade and economic cooperation program or the New Development Approach?",
    )
    assert answer.covered and answer.answer is not None
    assert "came first" in answer.answer and "March 2004" in answer.answer


async def test_a_yes_no_question_about_a_country_a_list_leaves_out_is_answered_with_the_list(
    core: Core,
) -> None:
    answer = await answer_question(core, "Does Xinjiang share a border with Turkmenistan?")
    assert answer.covered and answer.answer is not None
    assert answer.answer.startswith("The sources name ") and ", not Turkmenistan — " in answer.answer
    assert "China" not in answer.answer.split(" — ")[0]  # the country Xinjiang is part of is no answer
    assert answer.fact_ids == ["vac-xinjiang-borders-central-asia"]
    # A country the list includes is answered from it as before.
    answer = await answer_question(core, "Does Xinjiang share a border with Kyrgyzstan?")
    assert answer.covered and answer.fact_ids[0] == "vac-xinjiang-borders-central-asia"
    assert answer.answer is None or not answer.answer.startswith("The sources name ")
    # A fact on a group the country is in ("four of the five Central Asian countries are members") does not say
    # whether it is one: the list leaving it out answers first, that fact after it.
    answer = await answer_question(
        core, "Is Turkmenistan among the members of the Shanghai Cooperation Organisation?"
    )
    assert (answer.answer or "").startswith("The sources name ") and ", not Turkmenistan — " in (
        answer.answer or ""
    )
    assert answer.fact_ids[:2] == ["ser-sco-full-members", "vac-sco-four-of-five-members"], answer.fact_ids


async def test_a_list_of_the_regions_states_says_nothing_of_a_country_outside_it(core: Core) -> None:
    # The SCO's members are listed, but Japan is never placed beside them: not covered, not "not Japan".
    answer = await answer_question(core, "Is Japan a full member of the SCO?")
    assert not answer.covered


async def test_which_organisation_does_someone_work_for_asks_for_the_organisation(core: Core) -> None:
    answer = await answer_question(core, "Which Georgian think tank does Avdaliani work for?")
    assert answer.covered and "him-avdaliani-aid-and-security" in answer.fact_ids[:3]


async def test_a_phrasal_verb_split_by_its_object_is_read_as_the_phrase(core: Core) -> None:
    q = core.answerer.understand("What is holding Beijing back in Central Asia, per Avdaliani?")
    assert "holding back" in [c.text for c in q.concepts]
    assert "china" in [e.id for e in q.entities]  # the object is still a name
    answer = await answer_question(core, "What is holding Beijing back in Central Asia, per Avdaliani?")
    assert answer.covered and answer.fact_ids[0] == "him-avdaliani-obstacles"
    answer = await answer_question(core, "Who wrote the SCO off as a failure?")
    assert answer.covered and answer.fact_ids[0] == "ser-weitz-miller-security-failure"
    # "Set … up" is the founding it asks about, with the SCO still named.
    q = core.answerer.understand("When did China and Russia set the SCO up?")
    assert "set up" in [c.text for c in q.concepts] and "sco" in [e.id for e in q.entities]


async def test_a_figure_for_another_country_does_not_answer_when_a_source_is_named_too(core: Core) -> None:
    # Three things named; the one a figure may leave out is never the country it must be for.
    answer = await answer_question(
        core, "What share of Kazakhs see Russia unfavourably according to the Central Asia Barometer?"
    )
    assert not answer.covered  # "single digits" is no share, and China's 30 per cent is not Russia's
    answer = await answer_question(
        core,
        "What percentage of people in Kyrgyzstan view China unfavourably according to the Central Asia Barometer?",
    )
    assert answer.covered and answer.fact_ids == ["vac-cab-kyrgyzstan-unfavourable-china"]


async def test_per_the_named_document_is_whom_the_answer_must_be_according_to(core: Core) -> None:
    q = core.answerer.understand(
        "How much Chinese financing did Tajikistan get per the Corridors of Power report?"
    )
    assert "corridors-of-power-report" in q.sources
    # ANKASAM's figure for Tajik projects is not the report's.
    answer = await answer_question(
        core, "How much Chinese financing did Tajikistan get per the Corridors of Power report?"
    )
    assert not answer.covered


async def test_an_authors_own_statements_are_according_to_her_and_not_what_came_after(core: Core) -> None:
    # Her article's own account is hers, without her name in the fact.
    answer = await answer_question(core, "Which countries were SCO observers according to Serikkaliyeva?")
    assert answer.covered and answer.fact_ids[0] == "ser-sco-observers"
    # What changed since she wrote, her article cannot tell.
    q = core.answerer.understand(
        "Which countries have become full SCO members since Serikkaliyeva's article?"
    )
    assert "azhar-serikkaliyeva" in q.later_than and not q.sources
    answer = await answer_question(
        core, "Which countries have become full SCO members since Serikkaliyeva's article was written?"
    )
    assert not answer.covered


@pytest.mark.parametrize(
    ("text", "intent", "answer_type"),
    [
        ("how long ago did beijing set up formal ties with dushanbe?", "when", "date"),
        ("How does Moscow's image among Kazakhs stack up against Beijing's?", "compare", "text"),
        # "Where … go, sector-wise" asks for sectors, not a place.
        ("where does the bulk of China's financing in central asia go, sector-wise", "where", "text"),
        # How high a thing is ranked is a priority, not a figure.
        ("How high do Kazakh officials rank good relations with China?", "how_much", "text"),
        # "Which <thing>" that is no kind of entity asks for what a fact says; "which countries" for entities.
        ("Which legal labels has Washington pinned on Beijing's conduct?", "list", "text"),
        ("Which countries are observers of the SCO?", "list", "entities"),
    ],
)
def test_asking_words_in_other_shapes(core: Core, text: str, intent: str, answer_type: str) -> None:
    q = core.answerer.understand(text)
    assert (q.intent, q.answer_type) == (intent, answer_type)
    assert not {"ago", "stack", "bulk", "wise"} & {c.text for c in q.concepts}


async def test_a_phrase_naming_an_entity_outranks_a_name_inside_it(core: Core) -> None:
    # "The Uyghur homeland" is Xinjiang, not the Uyghurs.
    q = core.answerer.understand(
        "Did the Central Asian ministers side with Beijing over the Uyghur homeland?"
    )
    assert "xinjiang" in {e.id for e in q.entities} and "uyghurs" not in {e.id for e in q.entities}
    answer = await answer_question(
        core,
        "Did the Central Asian ministers side with Beijing over the Uyghur homeland, according to Chinese readouts?",
    )
    assert answer.covered and answer.fact_ids[0] == "vac-ca-support-xinjiang"


async def test_a_season_dates_and_an_eruption_is_a_crisis(core: Core) -> None:
    answer = await answer_question(
        core, "What did the Shanghai bloc do when Kyrgyzstan erupted in the summer of 2010?"
    )
    assert answer.covered and answer.fact_ids[0] == "ser-sco-paralysis-kyrgyzstan-2010"


async def test_where_in_a_country_needs_a_place_within_it(core: Core) -> None:
    q = core.answerer.understand("Where exactly in Tajikistan is the Chinese military base?")
    assert q.within == {"tajikistan"}
    # The claim names only the country; "in different Central Asian countries" does not say where in it.
    answer = await answer_question(core, "Where exactly in Tajikistan is the Chinese military base?")
    assert not answer.covered
    answer = await answer_question(core, "Where is China's military base in Tajikistan located?")
    assert not answer.covered


async def test_where_a_thing_was_done_needs_a_fact_that_places_it(core: Core) -> None:
    # Linked to China and Tajikistan, the announcement is not placed in either.
    answer = await answer_question(
        core, "Where did Xi and Rahmon announce their shared-future community in May 2023?"
    )
    assert not answer.covered
    answer = await answer_question(
        core, "Where did Xi hold a press conference with Kyrgyz President Jeenbekov?"
    )
    assert answer.covered and answer.fact_ids[0] == "him-xi-jeenbekov-bishkek-2019"
    answer = await answer_question(core, "where did Xi and Tokayev meet in 2023?")
    assert answer.covered and answer.fact_ids[0] == "ank-xi-tokayev-met-twice-2023"


async def test_a_rank_asked_needs_a_fact_giving_that_rank(core: Core) -> None:
    q = core.answerer.understand("which central asian country ranks third for chinese financing?")
    assert (q.ordinal, q.ranked) == ("third", True)
    answer = await answer_question(
        core, "which central asian country ranks third for chinese financing in the AidData numbers?"
    )
    assert not answer.covered  # Kazakhstan's 26% and Turkmenistan's second place give no third
    answer = await answer_question(core, "Which Central Asian country ranks second for Chinese financing?")
    assert answer.covered and answer.fact_ids[0] == "him-turkmenistan-9-billion"
    # "Which came first" orders two things; it asks for no rank.
    assert not core.answerer.understand("The resignation and the forum - which came first?").ranked


async def test_more_than_between_two_countries_compares_their_own_figures(core: Core) -> None:
    q = core.answerer.understand("did Kyrgyzstan get more Chinese financing than Tajikistan, per AidData?")
    assert q.intent == "compare"
    # AidData's totals for the whole region give neither country's share.
    answer = await answer_question(
        core, "did Kyrgyzstan get more Chinese financing than Tajikistan, per AidData?"
    )
    assert not answer.covered


async def test_a_comparison_between_years_needs_each_year(core: Core) -> None:
    answer = await answer_question(core, "How did the SCO members' combined GDP in 2020 compare with 2015?")
    assert not answer.covered and answer.notice is not None and "2020" in answer.notice
    assert "ser-sco-gdp-2015" in answer.fact_ids  # shown as related


async def test_a_history_between_two_points_shows_the_steps_between(core: Core) -> None:
    q = core.answerer.understand(
        "Timeline of Chinese development funding and loans to Kazakhstan from 2008 to the launch of the BRI"
    )
    assert q.spanned and q.ends == {"bri"} and q.period == (2008, None)
    answer = await answer_question(
        core,
        "Timeline of Chinese development funding and loans to Kazakhstan from 2008 to the launch of the BRI",
    )
    # The 2011 loans are steps though they do not name the BRI; the launch is a step though it names no loan.
    assert {"ank-samruk-kazyna-loan-2011", "ank-petrochemical-loan-2011", "dip-bri-launched-2013"} <= set(
        answer.fact_ids
    )
    dates = [f.date or "" for f in answer.facts]
    assert dates == sorted(dates)
    assert max(dates) == "2013"  # the launch ends it: the protests of 2016 and 2019 come after
    # A year at an end bounds the history; a fact said later about an earlier event is dated by the event.
    answer = await answer_question(
        core,
        "for my KZ chapter: key dates in Astana–Beijing ties from recognition up to the big 2002 treaty?",
    )
    assert answer.covered and "ser-kz-china-diplomatic-relations-1992" in answer.fact_ids
    assert "ank-kz-china-32-years-relations" not in answer.fact_ids  # said in 2024
    answer = await answer_question(
        core,
        "from the soviet breakup to ties with beijing - sequence of events for the five central asian republics",
    )
    assert answer.covered and answer.fact_ids[0] == "him-soviet-dissolution-independence"


async def test_what_the_sources_record_in_order_is_a_history(core: Core) -> None:
    answer = await answer_question(
        core,
        "Xi's face-to-face meetings with Central Asian presidents over the years - what do the sources record, "
        "in order?",
    )
    assert answer.covered and answer.fact_ids[0] == "him-xi-jeenbekov-bishkek-2019"


async def test_keeping_quiet_is_not_criticising_and_a_people_is_met_by_its_homeland(core: Core) -> None:
    # The Uyghurs are native to Xinjiang: a fact on China's policies in Xinjiang is about them.
    for text in (
        "Why do the five republics hold their tongues about how Beijing treats the Uighurs?",
        "why do CA capitals stay quiet on Beijing's Uyghur policies, according to the analysts quoted?",
    ):
        answer = await answer_question(core, text)
        assert answer.covered and "vac-uljevic-hard-to-criticise-xinjiang" in answer.fact_ids[:3], text


async def test_a_comparable_five_plus_one_format_is_a_similar_one(core: Core) -> None:
    answer = await answer_question(
        core, "which other powers run a comparable five-plus-one setup with the central asian republics?"
    )
    assert answer.covered and answer.fact_ids[0] == "vac-uljevic-similar-formats"


async def test_how_long_after_is_answered_by_one_fact_telling_of_both(core: Core) -> None:
    # Both events date from the one fact that says how far apart they were.
    answer = await answer_question(
        core,
        "how long after leaving office did kazakstan's first president turn up at the beijing BRI forum?",
    )
    assert answer.covered and answer.answer is not None and answer.answer.startswith("A month after")
    # An event told with its own verb ("broke free") is dated as "when did they break free" would date it.
    answer = await answer_question(
        core,
        "How long after the five republics broke free of the USSR did Beijing open formal ties with them?",
    )
    assert answer.covered and answer.fact_ids[0] == "him-soviet-dissolution-independence"


async def test_which_did_a_thing_first_names_the_earlier_doing_it(core: Core) -> None:
    answer = await answer_question(core, "Which was created first, the SCO or the Shanghai Five?")
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("The Shanghai Five was created first — "), answer.answer
    # Neither date given: said plainly, in the asker's words, not answered from the lists of observers.
    answer = await answer_question(core, "Who was admitted as a full member first, Belarus or Iran?")
    assert not answer.covered
    assert answer.notice == "The sources do not say when Belarus was admitted as a full member."


async def test_the_event_told_first_is_dated_with_the_one_asked_after_it(core: Core) -> None:
    # "A - how many years until B": the asker states the first event, then asks how long until the second.
    answer = await answer_question(
        core, "Kazakhstan became independent - how many years until it opened ties with Beijing?"
    )
    assert answer.covered, answer.notice
    assert (answer.answer or "").startswith("about 1 year — "), answer.answer
    assert answer.fact_ids == ["ank-kz-independence-1991", "ser-kz-china-diplomatic-relations-1992"]


async def test_who_joined_later_needs_a_fact_telling_of_the_joining(core: Core) -> None:
    # A list of the members at the time of an article does not say who joined since.
    for text in (
        "Which countries have become full SCO members since India and Pakistan joined?",
        "Which of the SCO's observer states later became full members?",
    ):
        answer = await answer_question(core, text)
        assert not answer.covered and "ser-sco-observers" in answer.fact_ids, text
    answer = await answer_question(core, "Which countries are full members of the SCO?")
    assert answer.covered and answer.fact_ids[0] == "ser-sco-full-members"


async def test_who_took_or_supplied_a_photo_asks_for_its_credit_line(core: Core) -> None:
    for text in (
        "Who took the photo of Nazarbayev at the Belt and Road Forum?",
        "Which outlet supplied the photo of Xi with Jeenbekov?",
    ):
        answer = await answer_question(core, text)
        assert not answer.covered and answer.notice is not None and "page furniture" in answer.notice, text
    # When the pictured event happened is in a fact (from the caption).
    answer = await answer_question(core, "When was the photo of Xi and Jeenbekov taken?")
    assert answer.covered and answer.fact_ids[0] == "him-xi-jeenbekov-bishkek-2019"


async def test_a_figure_for_where_money_went_must_be_for_that_destination(core: Core) -> None:
    q = core.answerer.understand(
        "How much of the Chinese financing to Kazakhstan went into the China–Central Asia gas pipeline?"
    )
    assert q.destinations
    # Kazakhstan's $33 billion and 26% are not the pipeline's share.
    answer = await answer_question(
        core,
        "How much of the Chinese financing to Kazakhstan went into the China–Central Asia gas pipeline specifically?",
    )
    assert not answer.covered
    answer = await answer_question(
        core,
        "What share of China's financial diplomacy in Central Asia went to transport, as opposed to energy?",
    )
    assert not answer.covered
    # A destination described by its rank is not a word the figure's fact must use.
    q = core.answerer.understand(
        "How big a slice of the $127bn went to the top recipient among the five republics?"
    )
    assert not any(c.required for c in q.concepts if c.text.startswith("top"))


async def test_crediting_someone_with_a_thing_frames_whose_it_was(core: Core) -> None:
    q = core.answerer.understand(
        "Which Chinese leaders does Serikkaliyeva credit with the Shanghai Spirit and the New Development Approach?"
    )
    assert "credit" not in {c.text for c in q.concepts}
    answer = await answer_question(
        core,
        "Which Chinese leaders does Serikkaliyeva credit with the Shanghai Spirit and the New Development Approach?",
    )
    assert answer.covered
    assert {"ser-shanghai-spirit-jiang-zemin-2000", "ser-nda-proposed-hu-jintao-2004"} <= set(answer.fact_ids)
    # A credit with no "with" is a word asked about (export credit, a credit line).
    q = core.answerer.understand("How much export credit did China extend to Kazakhstan?")
    assert "credit" in {c.text for c in q.concepts}


async def test_a_place_after_a_source_says_where_the_source_is(core: Core) -> None:
    q = core.answerer.understand("What does the Carnegie man in Moscow say about Chinese projects?")
    assert q.descriptors == {"russia"} and "russia" in q.describes_people
    answer = await answer_question(
        core,
        "Why has Beijing been moving away from giant schemes toward ones that give locals work, per the Carnegie "
        "man in Moscow?",
    )
    assert answer.covered and answer.fact_ids[0] == "vac-umarov-shift-to-local-jobs"
    # The Kyrgyzstan-based lecturer is no analyst from Kazakhstan, though the SCO he speaks of counts it as a
    # member: a body of many countries is from none of them.
    answer = await answer_question(core, "What does the analyst from Kazakhstan say about the SCO?")
    assert answer.covered and "vac-uljevic-sco-back-seat" not in answer.fact_ids
    assert all(i.startswith("ser-") for i in answer.fact_ids)


async def test_what_a_thing_is_leads_with_a_fact_saying_what_its_description_does(core: Core) -> None:
    # AidData's description: a research lab at William & Mary. Its figures come after the fact that says so.
    answer = await answer_question(core, "Hi, sorry if this is basic - what exactly is AidData?")
    assert answer.covered and answer.fact_ids[0] in {
        "him-corridors-of-power-released",
        "dip-silk-road-diplomacy-report",
    }
    answer = await answer_question(core, "Who is Temur Umarov?")
    assert (
        answer.covered and answer.fact_ids[0] == "vac-umarov-russia-no-conflict"
    )  # "of the Carnegie Moscow Centre"
    # Who someone is needs no fact naming another person: her role is the description told.
    answer = await answer_question(core, "who is samantha custer")
    assert (
        answer.covered and answer.fact_ids[0] == "him-corridors-of-power-released"
    )  # "director of policy …"


async def test_what_time_span_a_study_covers_is_answered_by_the_span_it_gives(core: Core) -> None:
    q = core.answerer.understand("What time span does the AidData study cover?")
    assert q.spanning and not {"time", "cover"} & {c.text for c in q.concepts}
    answer = await answer_question(
        core, "What time span does the Virginia research lab's study of Beijing's public outreach cover?"
    )
    assert answer.covered and answer.fact_ids[0] == "dip-report-scope-since-2000"
    assert answer.answer is not None and answer.answer.startswith("Since 2000 — ")


async def test_a_phrase_split_by_its_object_may_end_on_a_noun(core: Core) -> None:
    # "putting its new diplomacy into practice" is "put into practice", with the New Diplomacy still named.
    q = core.answerer.understand(
        "was the SCO china's first attempt at putting its new diplomacy into practice"
    )
    assert "putting into practice" in {c.text for c in q.concepts}
    assert "china-new-diplomacy" in {e.id for e in q.entities}
    answer = await answer_question(
        core, "was the SCO china's first attempt at putting its new diplomacy into practice"
    )
    assert answer.covered and answer.fact_ids[0] == "ser-sco-first-new-diplomacy-experience"


@pytest.mark.parametrize(
    ("text", "answer_start"),
    [
        (
            "do fewer than a third of kazakhs take a dim veiw of beijing",
            "Yes, 30 per cent (below a third) — ",
        ),
        ("do fewer than 35% of kazakhs view china unfavourably?", "Yes, 30 per cent (below 35%) — "),
        ("Do more than half of Kyrgyz view China unfavourably?", "No, 35 per cent (below half) — "),
        ("Did China lend Samruk-Kazyna more than $1 billion?", "Yes, $1.7 billion (above $1 billion) — "),
    ],
)
async def test_a_figure_asked_as_a_bound_is_checked_against_the_sources(
    core: Core, text: str, answer_start: str
) -> None:
    # The bound is no amount a fact must give: 35% does not pin Kyrgyzstan's 35 per cent to a question on Kazakhs.
    answer = await answer_question(core, text)
    assert answer.covered and answer.answer is not None and answer.answer.startswith(answer_start), (
        answer.answer
    )


async def test_a_reading_or_a_take_is_whose_words_the_answer_must_be(core: Core) -> None:
    q = core.answerer.understand(
        "what did Beijing's lending to Kazakhstan pay for, per Himalaya's reading of AidData?"
    )
    assert "himalaya-network" in q.sources and "reading" not in {c.text for c in q.concepts}
    answer = await answer_question(
        core,
        "what did the bulk of beijing's lending to kazakhstan pay for, per himalaya's reading of aiddata?",
    )
    assert answer.covered and "him-kazakhstan-gas-pipeline" in answer.fact_ids[:3]


def test_an_adverb_of_manner_is_made_from_a_word() -> None:
    from bot.understanding.spelling import is_manner

    assert all(is_manner(w) for w in ("tightly", "closely", "heavily", "rapidly"))
    assert not any(is_manner(w) for w in ("supply", "family", "assembly", "monopoly", "early", "only"))


async def test_an_adverb_of_manner_found_nowhere_is_the_askers_wording(core: Core) -> None:
    # "tightly" is in no fact; it says how the economies are knit, not a thing the sources lack.
    answer = await answer_question(
        core, "where are the kazakh and chinese economies most tightly knit together?"
    )
    assert answer.covered and answer.fact_ids[0] == "ank-kz-border-region-integration"
    assert "tightly" not in answer.question.unknown


async def test_ties_that_accelerate_develop_rapidly(core: Core) -> None:
    answer = await answer_question(
        core, "How many years after Beijing and Astana opened relations did their ties begin to accelerate?"
    )
    assert answer.covered and answer.answer is not None and answer.answer.startswith("about 5 years — ")


async def test_a_decade_is_as_closely_as_the_sources_date_a_thing(core: Core) -> None:
    # The sources date the New Civilization Outlook only as "the early 2000s": that is their answer to "when".
    answer = await answer_question(
        core, "roughly when did beijing come up with its new civilization outlook?"
    )
    assert answer.covered and answer.fact_ids[0] == "ser-new-diplomacy-three-pillars"
    assert answer.answer is not None and answer.answer.startswith("The early 2000s — "), answer.answer


async def test_a_decade_does_not_answer_which_year(core: Core) -> None:
    answer = await answer_question(core, "what year did the new civilization outlook first appear?")
    assert not answer.covered
    assert answer.notice is not None and answer.notice.startswith("The sources do not give the year"), (
        answer.notice
    )


async def test_a_date_beats_a_decade_for_the_same_thing(core: Core) -> None:
    # The New Development Approach is one of the pillars of "the early 2000s", and proposed in March 2004.
    answer = await answer_question(core, "when was the new development approach introduced?")
    assert answer.fact_ids[0] == "ser-nda-proposed-hu-jintao-2004"
    assert "March 2004" in (answer.answer or answer.notice or "")


async def test_routes_that_traverse_a_country_pass_through_it(core: Core) -> None:
    answer = await answer_question(core, "which country does most freight from china to europe traverse?")
    assert answer.covered and "ser-kz-routes-china-europe" in answer.fact_ids[:3]


async def test_a_claim_the_curators_attribute_to_an_author_is_hers(core: Core) -> None:
    # Her article's statement, attributed to her, though it does not say "according to Serikkaliyeva".
    answer = await answer_question(
        core, "in Serikkaliyeva's account, what have the SCO's leaders been deadlocked about?"
    )
    assert answer.covered and answer.fact_ids[0] == "ser-sco-deadlock-nonviolent-challenges"


async def test_an_epithet_before_a_country_is_no_thing_asked_about(core: Core) -> None:
    q = core.answerer.understand("how much did beijing lend the gas-rich turkmen republic?")
    assert [e.id for e in q.entities if e.type == "country"][-1] == "turkmenistan"
    assert not {"gas", "rich", "republic"} & {c.text for c in q.concepts}
    answer = await answer_question(
        core, "what sum in chinese funding did the gas-rich turkmen republic receive?"
    )
    assert answer.covered and answer.fact_ids[0] == "him-turkmenistan-9-billion"


async def test_what_an_opinion_refers_to_is_in_its_statement(core: Core) -> None:
    # Putz's "this" is the sister cities and scholarships of the sentence before: the fact says so itself.
    answer = await answer_question(
        core, "what is behind china's emphasis on twin towns and scholarships, in putz's reading?"
    )
    assert answer.covered and answer.fact_ids[0] == "dip-putz-exchange-counterweight"


async def test_everything_asks_for_all_of_what_follows(core: Core) -> None:
    answer = await answer_question(core, "name everything the ministers talked about at the xian meeting")
    assert "everything" not in answer.question.unknown
    assert answer.covered and "vac-vaccine-cooperation-offer" in answer.fact_ids


async def test_why_a_thing_began_is_told_by_its_first_dated_fact_giving_a_reason(core: Core) -> None:
    # "Beijing encouraged the Shanghai Five Mechanism in 1996 to resolve border issues …": its beginning, in
    # other words than "created", and why.
    answer = await answer_question(core, "why was the shanghai five mechanism created?")
    assert answer.covered and answer.fact_ids[0] == "ser-shanghai-five-1996"


async def test_a_beginning_that_gives_no_reason_does_not_answer_why(core: Core) -> None:
    # The BRI's launch in 2013 is told without a reason: the sources do not say why it was launched.
    answer = await answer_question(core, "why was the belt and road initiative set up in 2013?")
    assert not answer.covered


async def test_one_of_a_series_is_not_ranked_below_the_first(core: Core) -> None:
    # "the second meeting" is one meeting of a series, not a lower rank of one ("the second-largest recipient").
    answer = await answer_question(core, "which china + central asia meetings were in xian?")
    assert answer.covered and answer.fact_ids[0] == "vac-cc5-second-meeting-xian"


async def test_how_things_unfolded_asks_for_their_course(core: Core) -> None:
    for text in (
        "how did relations between beijing and dushanbe unfold?",
        "how have china-tajikistan ties played out?",
    ):
        answer = await answer_question(core, text)
        assert answer.question.intent == "timeline" and not answer.question.unknown, text
        assert answer.covered and "ank-tj-community-shared-future-2023" in answer.fact_ids, text
        dates = [f.date for f in answer.facts if f.date]
        assert dates == sorted(dates), text


async def test_a_decade_describing_an_idea_does_not_ask_for_dated_facts(core: Core) -> None:
    # The New Security Concept's tenets are stated without a year: "early-2000s" says which doctrine is meant.
    text = "what does china's early-2000s security doctrine say replaces confrontation?"
    assert core.answerer.understand(text).period_describes
    answer = await answer_question(core, text)
    assert answer.covered and answer.fact_ids[0] == "ser-nsc-cooperation-not-confrontation"
    # Talks of the 1990s are dated then: the decade still bounds them.
    assert not core.answerer.understand("which 1990s border talks involved china?").period_describes
    answer = await answer_question(core, "what happened in the 1990s between china and its neighbours?")
    assert not answer.question.period_describes


async def test_a_fact_that_only_refers_to_an_event_does_not_say_what_it_was_about(core: Core) -> None:
    # "AidData's report refers to 2019 protests in Kazakhstan": they happened, not what they were over.
    for text in (
        "what were kazakhstan's 2019 protesters angry about?",
        "how did kazakh officials react to the 2016 land code protests?",
    ):
        assert not (await answer_question(core, text)).covered, text
    answer = await answer_question(core, "in which year did kazakhs protest over the land code?")
    assert answer.covered and answer.fact_ids[0] == "dip-land-code-protests-2016"


async def test_member_states_are_countries(core: Core) -> None:
    # The deadlock over mass protests names no member: "which member states" wants countries a fact names.
    text = "which SCO member states stood in the way of a collective answer to mass protests?"
    assert core.answerer.understand(text).wanted == "country"
    assert not (await answer_question(core, text)).covered


async def test_a_country_described_by_its_region_is_found_by_it(core: Core) -> None:
    # Mongolia is "Country in East Asia", Cambodia "Country in Southeast Asia": the lists that name them answer.
    answer = await answer_question(core, "which SCO observer lies in east asia?")
    assert answer.covered and answer.fact_ids[0] == "ser-sco-observers"
    answer = await answer_question(core, "which of the SCO's dialogue partners is a southeast asian country?")
    assert answer.covered and answer.fact_ids[0] == "ser-sco-dialogue-partners"


async def test_a_country_lies_in_the_region_its_description_names(core: Core) -> None:
    # Belarus, an SCO observer, is "Country in Eastern Europe": a fact listing it is about a European country.
    answer = await answer_question(core, "is any of the SCO's observers a country of europe?")
    assert answer.covered and answer.fact_ids[0] == "ser-sco-observers"


async def test_an_itinerary_is_the_visits_on_it(core: Core) -> None:
    answer = await answer_question(core, "which countries were on xi's itinerary in july 2024?")
    assert "itinerary" not in answer.question.unknown
    assert answer.covered and "ank-mao-ning-announces-xi-visits" in answer.fact_ids[:3]


async def test_who_wrote_a_source_is_its_author_in_her_own_words(core: Core) -> None:
    answer = await answer_question(
        core, "who wrote the paper on Chinese institutional diplomacy toward Kazakhstan?"
    )
    assert answer.covered and (answer.answer or "").startswith("Azhar Serikkaliyeva — "), answer.answer


async def test_a_sources_title_quoted_names_that_document(core: Core) -> None:
    answer = await answer_question(
        core, 'who is the author of "China Seeks Cooperation with Kazakhstan and Tajikistan"?'
    )
    assert answer.question.documents == {"ankasam-china-kazakhstan-tajikistan"}
    assert answer.covered and (answer.answer or "").startswith("Zeynep Çağla Erin"), answer.answer
    # A report the sources tell of, whose title's words are a few of a source's title, is not that source.
    answer = await answer_question(core, "Who put out the 'Silk Road Diplomacy' report?")
    assert not answer.question.documents


async def test_the_eurasian_security_bloc_is_the_sco(core: Core) -> None:
    read = core.answerer.understand("Which earlier body did Beijing's Eurasian security bloc grow out of?")
    assert "sco" in {e.id for e in read.entities}


async def test_the_thing_behind_a_name_is_what_is_asked_about(core: Core) -> None:
    # "the ethos behind the Shanghai bloc": the Shanghai Spirit, announced at a Shanghai Five summit (no SCO in it).
    text = "which chinese president announced the ethos behind the shanghai bloc?"
    q = core.answerer.understand(text)
    assert "sco" in q.owners and "behind" not in {c.text for c in q.concepts}
    answer = await answer_question(core, text)
    assert answer.covered and answer.fact_ids[0] == "ser-shanghai-spirit-jiang-zemin-2000"
    # "Who is behind X" asks who: the name is what the answer must be about.
    assert not core.answerer.understand("who is behind the silk road diplomacy report?").owners


async def test_a_things_forerunner_is_the_one_its_description_says_went_before(core: Core) -> None:
    # The Shanghai Five's description: "… forerunner of the Shanghai Cooperation Organisation".
    q = core.answerer.understand("which countries were in the SCO's predecessor?")
    assert [e.id for e in q.entities] == ["shanghai-five"]
    answer = await answer_question(core, "what issues was the SCO's 1990s precursor meant to settle?")
    assert answer.covered and answer.fact_ids[0] == "ser-shanghai-five-1996"


async def test_a_particle_that_makes_a_phrase_with_the_word_before_it_stays_there(core: Core) -> None:
    from bot.understanding.question.tokens import _rejoin_particles, _tokens

    thesaurus = core.answerer.thesaurus
    _, words, _ = _rejoin_particles(*_tokens("what was the border club set up to sort out?"), thesaurus)
    assert words[-2:] == ["sort", "out"]
    _, words, _ = _rejoin_particles(*_tokens("what is holding China back?"), thesaurus)
    assert words[2:4] == ["holding", "back"]


async def test_a_proposal_dated_wrongly_is_answered_with_the_sources_date(core: Core) -> None:
    # A proposal is made once, like a signing: "did he propose it in 2010?" is answered with the year given.
    answer = await answer_question(core, "was the new development approach proposed by hu jintao in 2010?")
    assert answer.covered and answer.answer is not None
    assert answer.answer.startswith("The sources give March 2004, not 2010 — "), answer.answer


async def test_a_thing_described_by_what_it_came_before_need_not_name_that(core: Core) -> None:
    # "the grouping that preceded the SCO": the Shanghai Five, the SCO's forerunner; its 1996 fact names no SCO.
    text = "when was the grouping that preceded the SCO formed to settle border questions?"
    q = core.answerer.understand(text)
    named = {e.id for e in q.entities}
    assert "shanghai-five" in named and "sco" not in named and "preceded" not in {c.text for c in q.concepts}
    answer = await answer_question(core, text)
    assert answer.covered and answer.fact_ids[0] == "ser-shanghai-five-1996"


async def test_who_did_something_wants_someone_the_fact_names(core: Core) -> None:
    # The New Security Concept is dated "the early 2000s", by nobody: who proposed it is not in the sources.
    answer = await answer_question(core, "who originally floated the new security concept?")
    assert not answer.covered
    answer = await answer_question(core, "who proposed the new development approach?")
    assert answer.covered and answer.answer is not None and answer.answer.startswith("Hu Jintao — ")
    # The signatories of a treaty between two countries are the countries.
    answer = await answer_question(core, "who signed the 2002 treaty between kazakhstan and china?")
    assert answer.covered and answer.fact_ids[0] == "ser-kz-china-treaty-2002-signed"


async def test_troops_stationed_somewhere_are_a_military_base(core: Core) -> None:
    answer = await answer_question(
        core, "does china have troops stationed in tajikistan, according to anyone?"
    )
    assert "stationed" not in answer.question.unknown
    assert answer.covered and answer.fact_ids[0] == "him-avdaliani-military-base-tajikistan"


async def test_a_things_early_years_are_its_history_up_to_the_decade_named(core: Core) -> None:
    text = "a timeline of the SCO's formative years through the mid-2000s"
    q = core.answerer.understand(text)
    assert q.intent == "timeline" and q.period == (None, 2007)
    assert not {"formative", "years"} & {c.text for c in q.concepts}
    answer = await answer_question(core, text)
    assert answer.covered and "ser-sco-charter-2002" in answer.fact_ids
    assert all((f.date or "")[:4] <= "2007" for f in answer.facts)


async def test_a_part_of_an_amount_is_not_answered_by_the_whole(core: Core) -> None:
    # The four Tajik projects' "almost $1 billion" is a total: how much one of them took is not in the sources.
    text = "how much of the roughly $1bn did the Zarafshan hydropower plant take?"
    q = core.answerer.understand(text)
    assert [s.whole for s in q.stated] == [True]
    assert not {"roughly", "1bn"} & {c.text for c in q.concepts}
    answer = await answer_question(core, text)
    assert not answer.covered
    # The total itself is still the answer to what the projects took together.
    answer = await answer_question(
        core, "how much chinese money went to the tajik highway, tunnel, power line and hydropower plant?"
    )
    assert answer.covered and answer.fact_ids[0] == "ank-tj-projects-financing-1-billion"


async def test_over_what_period_is_answered_by_a_span_in_words(core: Core) -> None:
    # "over the past two decades" dates the $127 billion as closely as the sources do.
    text = "Across which period did Beijing channel $127bn to the region, by AidData's tally?"
    q = core.answerer.understand(text)
    assert q.intent == "when" and q.spanning
    assert not {"period", "tally"} & {c.text for c in q.concepts}
    answer = await answer_question(core, text)
    assert answer.covered and answer.fact_ids[0] == "him-aiddata-127-billion"
    assert answer.answer is not None and answer.answer.startswith("Over the past two decades — ")


async def test_a_phrase_particle_may_come_without_the_noun_after_it(core: Core) -> None:
    from bot.understanding.question.tokens import _rejoin_particles, _tokens

    # "pumped … into" is a phrase of the thesaurus; "pumped … into central" is none.
    thesaurus = core.answerer.thesaurus
    _, words, _ = _rejoin_particles(
        *_tokens("how much did beijing pour its savings into the region?"), thesaurus
    )
    assert words[4:6] == ["pour", "into"] and words[-2:] == ["the", "region"]


async def test_the_thing_a_ranking_starts_from_need_not_be_named(core: Core) -> None:
    # Turkmenistan's fact gives its rank without naming Kazakhstan, the one ahead of it.
    text = "after Kazakhstan, which republic is the second-biggest recipient of Chinese financing?"
    q = core.answerer.understand(text)
    assert "kazakhstan" in q.owners
    answer = await answer_question(core, text)
    assert answer.covered and answer.fact_ids[0] == "him-turkmenistan-9-billion"
    # Without a ranking, "after" is only a time: "joined after Kazakhstan" still asks about Kazakhstan.
    assert "kazakhstan" not in core.answerer.understand("who joined the talks after Kazakhstan?").owners


async def test_post_soviet_says_what_the_states_were_not_what_is_asked_about(core: Core) -> None:
    for text in (
        "which post-Soviet republics have full seats in the SCO?",
        "which former Soviet states have full seats in the SCO?",
    ):
        q = core.answerer.understand(text)
        assert "soviet-union" not in [e.id for e in q.entities], text
        assert not {"post", "former"} & {c.text for c in q.concepts}, text
    # The Soviet Union itself is still asked about.
    assert "soviet-union" in [
        e.id for e in core.answerer.understand("when did the Soviet Union break up?").entities
    ]


async def test_things_one_actor_did_are_put_in_order(core: Core) -> None:
    from bot.understanding.pairs import events_in_order

    text = "In which order did the SCO sign its charter, its trade and economic programme, and its anniversary declaration?"
    assert events_in_order(text) == [
        "the SCO's charter",
        "the SCO's trade and economic programme",
        "the SCO's anniversary declaration",
    ]
    answer = await answer_question(core, text)
    assert answer.covered and answer.answer is not None
    assert answer.answer.startswith("2002: The SCO Charter"), answer.answer
    assert answer.answer.index("2003:") < answer.answer.index("2006:")


async def test_a_long_questions_last_words_are_looked_up_before_called_unknown(core: Core) -> None:
    # Eleven concepts: the thesaurus alternatives of the first fill the search's terms, but "regional" is in the
    # facts and must not be reported as found nowhere.
    text = (
        "talks meetings summit ministers clash row world body one-on-one bilateral ties during the week of "
        "regional diplomacy"
    )
    answer = await answer_question(core, text)
    assert "regional" not in answer.question.unknown


async def test_idioms_of_agreeing_and_turning_up(core: Core) -> None:
    answer = await answer_question(core, "is kazakhstan on board with china's stance on taiwan?")
    assert answer.covered and answer.fact_ids[0] == "ank-kz-one-china-taiwan-tibet"
    answer = await answer_question(core, "which beijing summit did nazarbayev turn up to after resigning?")
    assert answer.covered and answer.fact_ids[0] == "dip-nazarbayev-brf-2019"


async def test_why_puts_the_fact_giving_a_reason_before_the_one_restating_the_question(core: Core) -> None:
    # Both facts say as much of the question; only one says why ("which is one reason it wants …").
    answer = await answer_question(
        core, "why does kazakhstan want more from china's outreach to europe than transit fees?"
    )
    assert answer.covered and answer.fact_ids[0] == "ser-kz-break-oil-dependence"
    assert "ser-kz-benefit-beyond-transit-fees" in answer.fact_ids


async def test_countries_named_together_qualify_the_thing_after_them(core: Core) -> None:
    # No source has a railway between these countries: the thing asked about is missing.
    answer = await answer_question(
        core, "how is the Kazakhstan–Kyrgyzstan–China railway project currently progressing?"
    )
    assert not answer.covered and "railway" in answer.question.unknown
    # The border between two of them is in the sources.
    answer = await answer_question(core, "what do we know about the China–Kazakhstan border?")
    assert answer.covered and "ser-kz-china-border-length" in answer.fact_ids[:3]


async def test_every_thing_that_asks_for_those_things(core: Core) -> None:
    q = core.answerer.understand("every state that holds a full seat in the SCO")
    assert q.intent == "list" and q.wanted == "country"
    assert "every" not in {c.text for c in q.concepts}


async def test_when_an_author_was_writing_is_the_time_of_her_article(core: Core) -> None:
    # "At the time of the article, the SCO's full members were …": neither she nor writing is asked about.
    text = "which states were SCO members while Serikkaliyeva was writing?"
    q = core.answerer.understand(text)
    assert "azhar-serikkaliyeva" not in [e.id for e in q.entities]
    assert "writing" not in {c.text for c in q.concepts}
    answer = await answer_question(core, text)
    assert answer.covered and "ser-sco-full-members" in answer.fact_ids[:3]


async def test_two_figures_compared_put_the_facts_giving_figures_first(core: Core) -> None:
    # The sides are the figures, not AidData, China and Kazakhstan.
    text = "do AidData's two studies square on the Kazakh share of chinese financing, 26% against more than a quarter?"
    answer = await answer_question(core, text)
    assert answer.covered
    assert set(answer.fact_ids[:2]) == {
        "him-kazakhstan-26-percent",
        "dip-kazakhstan-quarter-financial-diplomacy",
    }


async def test_a_thing_showing_up_is_it_becoming_visible_not_attending(core: Core) -> None:
    q = core.answerer.understand("where did the new diplomacy first show up?")
    show = next(c for c in q.concepts if c.text == "show up")
    assert "visible" in show.alternatives and "attended" not in show.alternatives


async def test_what_a_thing_was_likened_to_is_no_comparison(core: Core) -> None:
    text = "which alliances have commentators compared the Shanghai bloc with?"
    q = core.answerer.understand(text)
    assert q.intent != "compare" and q.answer_type != "person" and q.wanted == "organisation"
    answer = await answer_question(core, text)
    assert answer.covered
    assert {"ser-sco-nato-of-the-east", "ser-sco-new-warsaw-pact"} <= set(answer.fact_ids[:3])
    # Two things side by side are still compared, and "which analysts" still asks who.
    assert core.answerer.understand("how does the SCO compare with NATO?").intent == "compare"
    assert core.answerer.understand("which Chinese analysts see the SCO as a security body?").intent == "who"


async def test_lending_asked_about_is_met_by_financing(core: Core) -> None:
    # The sources give Kazakhstan's 26% of China's "financing"; lending is part of it.
    answer = await answer_question(
        core, "what percentage of chinese lending to central and south asia went to kazakhstan?"
    )
    assert answer.covered and answer.fact_ids[0] == "him-kazakhstan-26-percent"
    # One way: "financing" is not answered by loans alone any more than before.
    q = core.answerer.understand("how much financing went to kazakhstan?")
    assert "loan" not in next(c for c in q.concepts if c.text == "financing").alternatives


async def test_being_credited_frames_the_question(core: Core) -> None:
    q = core.answerer.understand("who is credited for the photo in the diplomat?")
    assert "credited" not in {c.text for c in q.concepts}
    # A credit to a fund is a loan.
    q = core.answerer.understand("how big was the 2011 credit to the kazakh wealth fund?")
    assert "credit" in {c.text for c in q.concepts}


async def test_a_concept_whose_alternatives_were_not_looked_up_is_not_called_unknown(core: Core) -> None:
    # "lending" brings the financing group's many words, filling the search's terms before "schemes" gets any:
    # "schemes" (projects) must not be reported as found nowhere.
    answer = await answer_question(
        core, "in which year did beijing's lending for development schemes first surge?"
    )
    assert "schemes" not in answer.question.unknown
    assert answer.covered and answer.fact_ids[0] == "dip-chinese-development-funding-2008"


async def test_a_fact_pinned_only_by_the_year_does_not_settle_a_dated_yes_no_question(core: Core) -> None:
    # "Friendly since 1991" names both countries and the year but says nothing of establishing relations.
    answer = await answer_question(
        core, "were diplomatic relations between china and kazakhstan established in 1991?"
    )
    assert answer.covered and answer.fact_ids[0] == "ser-kz-china-diplomatic-relations-1992"
    assert answer.answer is not None and answer.answer.startswith(
        "The sources give 3 January 1992, not 1991 — "
    )


async def test_the_stans_and_inside_are_the_askers_wording(core: Core) -> None:
    answer = await answer_question(core, "how many of the five post-soviet stans are inside the SCO?")
    assert "soviet-union" not in [e.id for e in answer.question.entities]
    assert not answer.question.unknown
    assert answer.covered and answer.fact_ids[0] == "vac-sco-four-of-five-members"


async def test_why_someone_cares_about_a_thing_asks_why_it_matters_to_them(core: Core) -> None:
    answer = await answer_question(
        core, "why does china care about central asia, according to michael clarke?"
    )
    assert "care" not in answer.question.unknown
    assert answer.covered and answer.fact_ids[0] == "vac-clarke-natural-resources"


async def test_why_a_thing_matters_is_the_frame_of_a_why_question(core: Core) -> None:
    answer = await answer_question(
        core, "According to Himalaya, why did the unrest in Kazakhstan matter so much?"
    )
    assert "matter" not in answer.question.unknown
    assert answer.covered and answer.fact_ids[0] == "him-kazakhstan-turmoil-exposed"


async def test_a_statement_marking_years_is_asked_as_an_anniversary_declaration(core: Core) -> None:
    answer = await answer_question(core, "When did the SCO sign its statement marking five years?")
    assert not answer.question.unknown
    assert answer.covered and answer.fact_ids[0] == "ser-sco-fifth-anniversary-declaration-2006"
    assert answer.answer is not None and answer.answer.startswith("2006")


async def test_an_organisation_that_is_part_of_another_is_named_by_it(core: Core) -> None:
    # AidData is a research lab at William & Mary: "the William & Mary lab" is AidData.
    answer = await answer_question(core, "What does William & Mary's lab say Kazakhstan absorbed?")
    assert answer.covered and set(answer.fact_ids[:2]) == {
        "him-kazakhstan-26-percent",
        "him-kazakhstan-33-billion",
    }
    # Only what it is counts, not what else it is to others: the Shanghai Five's description calls it the SCO's
    # forerunner, which does not make a fact about the Shanghai Five one about the SCO.
    sco = core.entities.by_id.get("sco")
    assert sco is not None and not core.answerer._part_of("shanghai-five", sco)


async def test_outside_powers_are_foreign_ones_but_outside_alone_is_a_preposition(core: Core) -> None:
    answer = await answer_question(
        core, "Which outside powers have similar formats with the five Central Asian nations?"
    )
    assert answer.covered and answer.fact_ids[0] == "vac-uljevic-similar-formats"
    q = core.answerer.understand("What share of people live outside the SCO's member states?")
    assert all(("foreign",) not in c.stems for c in q.concepts if c.text == "outside")


async def test_a_timeline_of_one_thing_becoming_another_steps_from_one_to_the_other(core: Core) -> None:
    # Each step names one of the two (the 1996 forum, the 2001 founding), not both.
    answer = await answer_question(core, "Give me a timeline of how the Shanghai Five turned into the SCO")
    assert answer.covered
    shown = answer.fact_ids
    assert {"ser-shanghai-five-1996", "ser-sco-established-2001"} <= set(shown)
    assert shown.index("ser-shanghai-five-1996") < shown.index("ser-sco-established-2001")


async def test_which_pipeline_or_plant_wants_one_by_name_not_the_kind_in_general(core: Core) -> None:
    # The sources say only that China invests in pipelines in Tajikistan: that names none of them.
    answer = await answer_question(core, "Which gas pipeline in Tajikistan has China invested in?")
    assert not answer.covered
    assert "ank-energy-pipelines" in answer.fact_ids  # shown as related
    # A fact linked to a pipeline by its name answers.
    answer = await answer_question(core, "Which pipeline did Chinese money for Kazakhstan mostly go to?")
    assert answer.covered and answer.fact_ids[0] == "him-kazakhstan-gas-pipeline"
    answer = await answer_question(core, "Which power plant on the Zarafshan was started with China's help?")
    assert answer.covered and answer.fact_ids[0] == "ank-zarafshan-hydropower-initiated"


async def test_a_thing_named_in_a_clause_describing_another_need_not_be_in_the_answer(core: Core) -> None:
    # "the spirit the SCO grew out of": the SCO only says which spirit; the fact dating it is not about the SCO.
    answer = await answer_question(core, "In what year was the spirit the SCO grew out of first announced?")
    assert answer.covered and answer.fact_ids[0] == "ser-shanghai-spirit-jiang-zemin-2000"
    assert answer.answer is not None and answer.answer.startswith("2000")
    # An ordinal before a name is no noun a clause describes: the meeting is what is asked about.
    q = core.answerer.understand("When was the first China + Central Asia foreign ministers' meeting held?")
    assert not q.owners
    # A "that" clause after "true" or "the claim" is what is checked, not a description.
    assert not core.answerer.understand("Is it true that Hu Jintao proposed the Harmonious World?").owners


async def test_a_word_qualifying_the_noun_of_a_phrase_naming_a_thing_still_names_it(core: Core) -> None:
    # "five-nation forum" names the Shanghai Five; so does "five-nation border forum".
    q = core.answerer.understand("Who founded the five-nation border forum?")
    assert [e.id for e in q.entities] == ["shanghai-five"]
    assert "border" not in [c.text for c in q.concepts]


async def test_a_decade_before_a_name_says_when_the_thing_was_not_what_is_asked(core: Core) -> None:
    # The successor fact is undated: "the 1990s" describes the forum, it does not ask for facts dated then.
    answer = await answer_question(
        core, "What is the link between the 1990s five-nation forum and today's SCO?"
    )
    assert answer.covered and "ser-sco-successor-of-shanghai-five" in answer.fact_ids[:3]


async def test_walk_me_through_the_key_years_asks_for_a_timeline(core: Core) -> None:
    answer = await answer_question(
        core, "Walk me through the key years as the five-nation border club grew into the SCO"
    )
    assert answer.question.intent == "timeline" and not answer.question.unknown
    assert answer.fact_ids[:3] == [
        "ser-shanghai-five-1996",
        "ser-shanghai-spirit-jiang-zemin-2000",
        "ser-sco-established-2001",
    ]


async def test_how_much_more_one_got_than_another_sets_their_figures_side_by_side(core: Core) -> None:
    answer = await answer_question(
        core, "How much more Chinese financing did Kazakhstan absorb than Turkmenistan?"
    )
    assert answer.question.intent == "compare"
    assert answer.covered
    assert {"him-kazakhstan-33-billion", "him-turkmenistan-9-billion"} <= set(answer.fact_ids[:4])


async def test_what_were_the_exact_dates_of_asks_when(core: Core) -> None:
    # The sources date only the announcement of the visit, not the visit.
    answer = await answer_question(core, "What were the precise dates of Xi's visit to Kazakhstan in 2024?")
    assert answer.question.intent == "when"
    assert not answer.covered


async def test_which_oil_or_gas_pipelines_asks_for_pipelines_by_name(core: Core) -> None:
    answer = await answer_question(core, "Which oil and gas pipelines in Tajikistan does China invest in?")
    assert not answer.covered


async def test_how_one_view_of_a_thing_differs_from_another_sets_the_two_side_by_side(core: Core) -> None:
    answer = await answer_question(
        core, "How does the Western reading of the SCO differ from the perspective of Chinese experts?"
    )
    assert answer.covered and answer.answer is not None
    assert answer.answer.startswith("The Western reading: ")
    shown = answer.fact_ids
    # each side's own view, the West's first
    assert shown[0] == "ser-western-view-authoritarian-regime-change"
    assert {"ser-yu-jianhua-non-traditional-security", "ser-chinese-experts-sco-chinese-initiative"} & set(
        shown
    )
    assert two_views("How do readings of the bloc from the West differ from those of scholars in China?") == (
        TwoViews("readings from the West", "scholars in China", "the bloc", named=True)
    )


async def test_do_two_sources_both_point_to_a_thing_sets_their_views_side_by_side(core: Core) -> None:
    answer = await answer_question(
        core, "Do Michael Clarke and Samantha Custer both point to oil as what draws China to Central Asia?"
    )
    assert answer.covered and answer.answer is not None
    assert answer.answer.startswith("Michael Clarke: ")
    assert answer.fact_ids[0] == "vac-clarke-natural-resources"


async def test_whether_one_thing_squares_with_another_finds_each_side_on_its_own(core: Core) -> None:
    # The Himalaya claim does not name AidData, and AidData's total is not the Himalaya claim: each side apart.
    answer = await answer_question(
        core, "Is the Himalaya article's claim of hundreds of billions in line with AidData's total?"
    )
    assert answer.question.sides
    assert answer.covered and answer.fact_ids[0] == "him-hundreds-of-billions-claim"
    # Amounts stated side by side are checked against the facts giving them instead.
    assert not core.answerer.understand("Does 26% square with $33 billion of the $127 billion?").sides


async def test_a_superlative_found_nowhere_is_the_askers_degree_not_a_thing_the_sources_lack(
    core: Core,
) -> None:
    answer = await answer_question(
        core, "Where is Kazakhstan's economic integration with China at its strongest?"
    )
    assert "strongest" not in answer.question.unknown
    assert answer.covered and answer.fact_ids[0] == "ank-kz-border-region-integration"
    # (only a superlative: a word ending the same way but with no comparative is a thing asked about)
    assert (
        is_degree("furthest")
        and is_degree("earliest")
        and not is_degree("interest")
        and not is_degree("forest")
    )


async def test_what_a_thing_was_supposed_to_do_is_the_askers_frame(core: Core) -> None:
    answer = await answer_question(
        core, "where was the tajik hydropower plant that china backed supposed to be built - on what river?"
    )
    assert "supposed" not in answer.question.unknown
    assert answer.covered and answer.fact_ids[0] == "ank-zarafshan-hydropower-initiated"


async def test_the_american_university_in_bishkek_is_auca_not_the_united_states(core: Core) -> None:
    answer = await answer_question(
        core, "What does the lecturer at the American University in Bishkek say about the SCO?"
    )
    assert "united-states" not in [e.id for e in answer.question.entities]
    assert answer.covered and answer.fact_ids[0] == "vac-uljevic-sco-back-seat"


async def test_who_after_a_noun_is_a_relative_clause_not_the_question(core: Core) -> None:
    q = core.answerer.understand("where is the think tank analyst who wrote about xi's trips based?")
    assert q.intent == "where"
    assert core.answerer.understand("the SCO a NATO of the East - who said that?").intent == "who"
    assert core.answerer.understand("and who argued that the SCO failed?").intent == "who"


async def test_how_many_of_a_thing_wants_a_fact_naming_it(core: Core) -> None:
    # No fact counts Confucius Institutes; 32 years of relations count something else.
    answer = await answer_question(core, "how many Confucius Institutes operate in Kazakhstan?")
    assert answer.question.counted_entity == "confucius-institutes"
    assert not answer.covered


async def test_an_adjective_before_the_noun_asked_for_describes_it(core: Core) -> None:
    # "Theoretical" is found nowhere in the sources; the lens (balance of power) is.
    text = "which theoretical approach dominates explanations of the SCO's geopolitics, per Serikkaliyeva?"
    q = core.answerer.understand(text)
    assert [c.text for c in q.concepts if c.head] == ["approach"]
    answer = await answer_question(core, text)
    assert answer.covered and answer.fact_ids[0] == "ser-balance-of-power-approaches"
    # A noun before the noun still names the thing: "which repayment terms" is what the sources lack.
    q = core.answerer.understand("which repayment terms came with the tunnel financing?")
    assert {"repayment", "terms"} <= {c.text for c in q.concepts if c.head}


async def test_town_level_diplomacy_is_city_diplomacy(core: Core) -> None:
    answer = await answer_question(
        core, "what town-level diplomacy has china conducted with the five central asian countries?"
    )
    assert "town" not in answer.question.unknown
    assert answer.covered and answer.fact_ids[0].startswith("him-city-diplomacy")


async def test_an_interest_rate_must_be_given_as_one(core: Core) -> None:
    # The 2011 loans are given in dollars; no source gives their terms.
    for text in (
        "what was the interest rate on samruk-kazyna's 2011 chinese loan?",
        "what interest rate did beijing charge astana in 2011?",
    ):
        answer = await answer_question(core, text)
        assert not answer.covered, text
        assert answer.notice is not None and answer.notice.startswith(
            "The sources do not give the interest rate"
        )


async def test_an_exact_percentage_asked_for_is_not_a_bound(core: Core) -> None:
    answer = await answer_question(
        core, "what exact percentage of kyrgyz respondents saw russia unfavourably?"
    )
    assert answer.question.answer_type == "figure" and answer.question.exact
    assert not answer.covered  # "single digits" is all the sources say


async def test_how_long_compared_compares_lengths(core: Core) -> None:
    # Only the China–Kazakhstan border is measured (1,700 km).
    text = "how long is the Chinese border with Tajikistan compared with Kyrgyzstan's?"
    q = core.answerer.understand(text)
    assert q.intent == "compare" and q.answer_type == "figure" and "km" in q.units
    assert not (await answer_question(core, text)).covered


async def test_staying_safe_is_security_and_every_season_is_year_round(core: Core) -> None:
    answer = await answer_question(
        core, "in china's new security concept, what replaces rivalry as the way for states to stay safe?"
    )
    assert answer.covered and answer.fact_ids[0] == "ser-nsc-cooperation-not-confrontation"
    answer = await answer_question(
        core, "can tajiks now drive across their country in every season thanks to chinese help?"
    )
    assert answer.covered and answer.fact_ids[0] == "ank-tj-year-round-road-network"


@pytest.mark.parametrize(
    ("text", "intent", "answer_type"),
    [
        # Chat shorthand stands for the words it abbreviates.
        ("what yr was the sco charter signed", "when", "date"),
        ("sco observers list pls", "list", "entities"),
        ("run me thru the key milestones of the sco", "timeline", "date"),
        # A keyword query naming what it wants of a thing.
        ("tajikistan's share of chinese lending?", "how_much", "figure"),
        ("founding year of the shanghai five", "when", "date"),
        ("dates of the xian ministerial", "when", "date"),
        ("uzbekistan's economy - what is the real number?", "how_much", "figure"),
        ("for my memo: dollar amount of the samruk-kazyna loan", "how_much", "figure"),
        # A claim to check ends on the amount it states: not a request for the figure.
        ("the SCO's share of world population 45 percent?", "other", "text"),
    ],
)
def test_questions_typed_in_a_hurry_are_read_for_what_they_want(
    core: Core, text: str, intent: str, answer_type: str
) -> None:
    q = core.answerer.understand(text)
    assert (q.intent, q.answer_type) == (intent, answer_type)
    assert not {"yr", "pls", "memo", "dollar", "thru"} & {c.text for c in q.concepts}


async def test_a_report_the_sources_tell_of_is_a_thing_asked_about_not_a_source(core: Core) -> None:
    # The report is described by its title's words; no source document is titled so (The Diplomat relays it).
    text = "Which US department backed the lab's report on Beijing's toolkit to influence South and Central Asia?"
    answer = await answer_question(core, text)
    assert answer.covered and answer.fact_ids[0] == "dip-report-state-department-support"
    assert "silk-road-diplomacy-report" in {e.id for e in answer.question.entities}
    assert not answer.question.documents


async def test_cultivating_tomorrows_markets_is_fostering_future_ones(core: Core) -> None:
    for text in (
        "what does china do to nurture tomorrow's buyers in central asia",
        "how does china cultivate tomorrow's customers in the region, per himalaya",
    ):
        answer = await answer_question(core, text)
        assert answer.covered and answer.fact_ids[0] == "him-future-markets-exchanges", text


async def test_a_total_for_several_projects_is_not_one_projects_figure(core: Core) -> None:
    # The sources give almost $1 billion for four Tajik projects together, nothing for any one of them.
    answer = await answer_question(core, "how much chinese financing went to the zarafshan hydropower plant?")
    assert not answer.covered
    assert "ank-tj-projects-financing-1-billion" in answer.fact_ids  # shown as related
    # Asked about all four, the total is the answer.
    answer = await answer_question(
        core,
        "How much Chinese financing went to the Tajikistan-China highway, the Ozodi Tunnel, the North-South "
        "transmission line and the Zarafshan hydropower plant?",
    )
    assert answer.covered and answer.fact_ids[0] == "ank-tj-projects-financing-1-billion"


async def test_the_years_data_runs_over_is_the_span_it_covers(core: Core) -> None:
    for text in (
        "which years does the Silk Road Diplomacy data run over?",
        "from what year does AidData's public diplomacy data run?",
    ):
        answer = await answer_question(core, text)
        assert answer.covered and answer.fact_ids[0] == "dip-report-scope-since-2000", text


async def test_a_few_keywords_ask_for_the_measure_they_name(core: Core) -> None:
    answer = await answer_question(core, "som to dollar exchange rate in kyrgyzstan")
    assert answer.question.intent == "how_much" and not answer.covered
    assert answer.notice is not None and answer.notice.startswith("The sources do not give the exchange rate")
    q = core.answerer.understand("kazakhstan china border, length in km")
    assert (q.intent, q.units) == ("how_much", ("km",))
    # Stating the figure, the keywords are a claim to check.
    assert core.answerer.understand("SCO's 2015 share of world GDP a quarter?").intent != "how_much"


async def test_a_persons_role_is_said_in_the_words_the_sources_give_it(core: Core) -> None:
    # Umarov's role (an expert at the Carnegie Moscow Centre) is said where a fact names him "of the Carnegie
    # Moscow Centre", though no fact uses the word "position".
    answer = await answer_question(core, "what position does temur umarov hold")
    assert answer.covered
    assert "carnegie" in answer.facts[0].statement.casefold()


async def test_building_blocks_are_pillars_not_construction(core: Core) -> None:
    answer = await answer_question(core, "which building blocks make up China's New Diplomacy?")
    assert answer.covered and answer.fact_ids[0] == "ser-new-diplomacy-three-pillars"


async def test_less_popular_is_viewed_unfavourably(core: Core) -> None:
    answer = await answer_question(core, "which is less popular among kyrgyz people, china or russia?")
    assert answer.covered and "vac-cab-kyrgyzstan-unfavourable-china" in answer.fact_ids[:3]


async def test_a_place_described_by_its_geography_is_that_place(core: Core) -> None:
    # Taiwan and Tibet carry what they are ("the self-governing island", "the Himalayan plateau"), as a reader
    # would call them; no fact uses those words.
    answer = await answer_question(core, "does kazakhstan side with beijing over the self-governing island?")
    assert answer.covered and "ank-kz-one-china-taiwan-tibet" in answer.fact_ids[:3]
    # Two states lie on the Caspian; the desert one is Turkmenistan.
    answer = await answer_question(
        core, "chinese money that went to the desert state on the caspian, per aiddata"
    )
    assert answer.covered and "him-turkmenistan-9-billion" in answer.fact_ids[:3]


async def test_a_things_own_creation_is_its_initiative(core: Core) -> None:
    answer = await answer_question(core, "who calls the SCO china's own creation?")
    assert answer.covered and answer.fact_ids[0] == "ser-chinese-experts-sco-chinese-initiative"


async def test_the_kind_of_text_a_source_is_quoted_from_is_not_asked_about(core: Core) -> None:
    # "Teaser": the summary The Diplomat quotes MERICS from; no fact says the word.
    answer = await answer_question(
        core, "where do chinese security firms' staff work, per the merics teaser?"
    )
    assert answer.covered and "dip-merics-3200-personnel" in answer.fact_ids[:3]


async def test_in_which_province_asks_where_and_the_province_is_the_answer(core: Core) -> None:
    answer = await answer_question(
        core, "in which province of north-west china was the second c+c5 ministerial?"
    )
    assert answer.question.intent == "where" and answer.covered
    assert answer.fact_ids[0] == "vac-cc5-second-meeting-xian" and "Shaanxi" in (answer.answer or "")


async def test_an_event_undated_but_measured_from_the_other_tells_how_far_apart(core: Core) -> None:
    # "His visit to the belt and road summit" is dated by no fact in those words, but the resignation's fact
    # says it came "about a month before the 2019 Belt and Road Forum" (a summit, its description says).
    answer = await answer_question(
        core,
        "which happened earlier: nazarbayev stepping down as president or his visit to the belt and road summit?",
    )
    assert answer.covered and answer.fact_ids == ["dip-nazarbayev-resignation-2019"]
    assert (answer.answer or "").startswith(
        "Nazarbayev stepping down as president came first (about a month before)"
    )


async def test_which_came_first_of_two_events_one_fact_tells_both_says_which_and_how_far_apart(
    core: Core,
) -> None:
    # One fact dates both ("resigned … about a month before the 2019 Belt and Road Forum"): the order asked for is
    # named, whichever of the two is asked first, with how far apart they were …
    for question in (
        "Which came first, the 2019 Belt and Road Forum or Nazarbayev's resignation?",
        "Which came first in 2019: Nazarbayev's resignation or the Belt and Road Forum?",
    ):
        answer = await answer_question(core, question)
        assert (answer.answer or "").startswith(
            "Nazarbayev's resignation came first (about a month before) — "
        ), (
            question,
            answer.answer,
        )
    # … also when the question asks how far apart they were as well.
    answer = await answer_question(
        core,
        "The 2019 Belt and Road Forum vs Nazarbayev's resignation: which came first, and how far apart were they?",
    )
    assert (answer.answer or "").startswith(
        "Nazarbayev's resignation came first (about a month before) — "
    ), (
        answer.answer,
        answer.notice,
    )


async def test_a_role_of_a_country_is_held_by_someone_of_that_country(core: Core) -> None:
    # Wang Yi stands next to "foreign minister" in the Xian facts, but he is China's: Kyrgyzstan's is not named.
    answer = await answer_question(core, "who was the kyrgyz foreign minister at the xi'an meeting?")
    assert (
        not answer.covered
        and answer.notice is not None
        and answer.notice.startswith("The sources do not say who")
    )
    answer = await answer_question(core, "who was the foreign minister of china at the xi'an meeting?")
    assert answer.covered and (answer.answer or "").startswith("Wang Yi")


async def test_the_name_of_a_role_asks_who_holds_it(core: Core) -> None:
    answer = await answer_question(core, "what's the name of the kazakh president?")
    assert answer.question.intent == "who_is"
    assert answer.covered and (answer.answer or "").startswith("Kassym-Jomart Tokayev")


async def test_where_a_thing_is_based_is_where_a_fact_describing_it_puts_it(core: Core) -> None:
    # "AidData (a research lab at the College of William and Mary in Virginia)": Virginia is no entity, but it is
    # where the description puts the lab.
    answer = await answer_question(core, "where is aiddata headquartered?")
    assert answer.covered and (answer.answer or "").startswith("Virginia")
    assert answer.fact_ids == ["him-corridors-of-power-released"]
    # A place the SCO is only mentioned with ("paralysed during the crisis in Kyrgyzstan") is not its seat.
    answer = await answer_question(core, "where is the sco located?")
    assert not answer.covered


async def test_a_history_from_one_thing_to_another_is_dated_step_by_step(core: Core) -> None:
    # "From a five-nation border forum (the Shanghai Five) to a full organisation", the SCO named first.
    answer = await answer_question(
        core, "chronology: how did the sco get from a five-nation border forum to a full organisation?"
    )
    assert answer.question.intent == "timeline" and answer.covered
    assert {"ser-shanghai-five-1996", "ser-sco-established-2001"} <= set(answer.fact_ids)
    # Each step names one end or the other.
    assert all({"sco", "shanghai-five"} & set(f.entity_ids) for f in answer.facts)
    answer = await answer_question(core, "how did the shanghai five turn into the sco, step by step?")
    assert answer.covered and {"ser-shanghai-five-1996", "ser-sco-established-2001"} <= set(answer.fact_ids)


async def test_which_official_said_it_is_not_answered_by_someone_who_said_half_of_it(core: Core) -> None:
    # ANKASAM quotes unnamed Kazakhstani officials; Tokayev is a Kazakh named in a fact about relations, but not
    # as having said they are the top priority.
    answer = await answer_question(
        core, "Which Kazakh official said good ties with China are the nation's first priority?"
    )
    assert not answer.covered and answer.fact_ids == ["ank-kz-officials-china-top-priority"]


async def test_a_claim_with_a_tag_asking_to_check_it_is_checked(core: Core) -> None:
    answer = await answer_question(core, "the sco was founded in 2001, correct?")
    assert answer.question.polar and answer.covered
    assert (answer.answer or "").startswith("Yes, 2001")
    answer = await answer_question(core, "35% of kyrgyz view china unfavourably, true?")
    assert answer.covered and (answer.answer or "").startswith("Yes")


async def test_how_many_years_ago_asks_when(core: Core) -> None:
    answer = await answer_question(core, "how many years ago did china launch the belt and road?")
    assert answer.question.intent == "when" and answer.covered
    assert (answer.answer or "").startswith("2013")


async def test_uranium_ore_is_uranium(core: Core) -> None:
    answer = await answer_question(core, "what was the uranium ore deal with kazakhstan worth?")
    assert answer.covered and answer.fact_ids[0] == "ank-uranium-purchase-2011"


async def test_a_thing_set_aside_is_no_answer_nor_is_a_country_outside_the_region_asked(core: Core) -> None:
    # The one base the sources tell of is in Tajikistan, set aside; Russia, named beside the five, is not one of
    # the Central Asian countries asked for.
    answer = await answer_question(
        core, "Other than Tajikistan, which Central Asian state has a Chinese military base?"
    )
    assert answer.question.intent == "list" and not answer.covered
    answer = await answer_question(core, "apart from kazakhstan, which central asian states are sco members?")
    assert answer.covered and "ser-sco-full-members" in answer.fact_ids[:3]


async def test_us_dollars_are_a_unit_and_narrow_the_measure_to_it(core: Core) -> None:
    # Not the United States; and GDP "in US dollars" is the amount, not the share of the world's.
    answer = await answer_question(core, "what was the sco members' combined gdp in 2015, in US dollars?")
    assert answer.covered and "united-states" not in {e.id for e in answer.question.entities}
    assert answer.fact_ids == ["ser-sco-gdp-2015"]


async def test_for_how_many_decades_is_told_by_since_when(core: Core) -> None:
    # No figure counts the decades; "friendly since Kazakhstan's independence in 1991" tells the span.
    answer = await answer_question(
        core, "for how many decades have china-kazakhstan relations been friendly?"
    )
    assert answer.covered and answer.fact_ids[0] == "ank-kz-china-friendly-since-1991"


async def test_spent_on_is_used_for(core: Core) -> None:
    # "China's financing to Kazakhstan was mainly used for the China–Central Asia gas pipeline."
    for text in (
        "the lion's share of chinese lending to kazakhstan was spent on what?",
        "what were beijing's credits to kazakhstan largely used for?",
    ):
        answer = await answer_question(core, text)
        assert answer.covered and answer.fact_ids[0] == "him-kazakhstan-gas-pipeline", text


async def test_which_never_did_is_not_answered_by_those_that_did(core: Core) -> None:
    # The protests the sources tell of were in Kazakhstan; no fact says where there were none.
    for text in (
        "which central asian country has never seen anti-chinese demonstrations?",
        "which of the central asian states has never had anti-china protests?",
    ):
        answer = await answer_question(core, text)
        assert answer.question.intent == "list" and not answer.covered, text


async def test_where_people_are_put_to_work_is_the_places_a_fact_puts_them_in(core: Core) -> None:
    # The contractors' personnel work "in countries such as Iraq, Sudan and Pakistan"; "European interests" puts
    # nobody in Europe.
    answer = await answer_question(
        core, "Where are the guards of Chinese private security firms stationed abroad?"
    )
    assert answer.question.located
    assert answer.covered and answer.fact_ids[0] == "dip-merics-3200-personnel"
    assert (answer.answer or "").startswith("Iraq, Sudan, Pakistan")


async def test_a_total_the_sources_never_give_is_added_up_from_parts_measured_alike(core: Core) -> None:
    # The two 2011 loans are measured alike (each commitment's value); no source adds them up.
    answer = await answer_question(core, "What did Beijing lend Kazakhstan in 2011 in all?")
    assert answer.question.intent == "how_much" and answer.question.summed
    assert (answer.answer or "").startswith("The sources give no total; the 2 parts add up to $6.7 billion")
    assert set(answer.fact_ids[:2]) == {"ank-petrochemical-loan-2011", "ank-samruk-kazyna-loan-2011"}
    # One part found for a sum is no total either.
    answer = await answer_question(core, "How much was the 2011 uranium deal and the loans worth combined?")
    assert (answer.answer or "").startswith("The sources give no total")
    # A total the source gives is the answer as it stands ("… totalled almost $1 billion").
    answer = await answer_question(
        core, "How much did China pay altogether for the Tajik highway, tunnel and grid?"
    )
    assert (answer.answer or "").startswith("almost $1 billion")


async def test_the_sum_of_things_asks_how_much(core: Core) -> None:
    for question in (
        "What was the sum of the two Chinese loans to Kazakhstan in 2011?",
        "What has China spent altogether on Tajik roads and tunnels?",
    ):
        assert core.answerer.understand(question).intent == "how_much", question


async def test_a_document_named_by_its_subject_before_its_noun_is_the_one_whose_title_says_it(
    core: Core,
) -> None:
    # "China offers vaccines, projects …" is the only title saying "vaccines".
    answer = await answer_question(core, "Per the vaccines story, what is ETIM?")
    assert answer.question.titled_topics == ["vaccines"]
    assert answer.covered and answer.fact_ids[0] == "vac-etim-blamed-for-xinjiang-violence"
    # No title says "academic": the word is read as the question's own.
    q = core.answerer.understand("From what year did relations speed up, per the academic article?")
    answer = await answer_question(core, "From what year did relations speed up, per the academic article?")
    assert q.titled_topics == ["academic"] and not answer.question.documents


async def test_what_is_to_come_is_what_will_soon_be(core: Core) -> None:
    answer = await answer_question(core, "When was Xi's forthcoming trip to Tajikistan announced?")
    assert answer.covered and answer.fact_ids[0] == "ank-mao-ning-announces-xi-visits"


async def test_a_studys_coverage_is_the_span_it_covers(core: Core) -> None:
    for question in (
        "Silk Road Diplomacy report: coverage from which year?",
        "From which year does the coverage of the Silk Road Diplomacy report start?",
    ):
        answer = await answer_question(core, question)
        assert answer.covered and (answer.answer or "").startswith("Since 2000"), question


async def test_what_is_set_aside_at_the_end_without_a_comma_is_not_asked_about(core: Core) -> None:
    q = core.answerer.understand("What does Kazakhstan sell to China apart from oil and gas")
    assert {c.text for c in q.concepts} == {"sell"}


async def test_a_figure_the_fact_puts_in_other_places_is_no_answer_for_the_place_asked(core: Core) -> None:
    # The 3,200 guards work "in countries such as Iraq, Sudan and Pakistan".
    for question in (
        "how many guards do chinese private security companies employ across central asia",
        "How many security staff do Chinese private security companies have in the Central Asian states?",
    ):
        answer = await answer_question(core, question)
        assert not answer.covered, question
        assert "dip-merics-3200-personnel" in answer.fact_ids[:3], question  # shown as related
    # Asked for abroad at large, it is the answer.
    answer = await answer_question(
        core, "how many guards do chinese private security companies employ abroad"
    )
    assert answer.covered and (answer.answer or "").startswith("3,200")


async def test_one_thing_becoming_another_is_answered_by_facts_about_both(core: Core) -> None:
    for question in (
        "How did the Shanghai Five morph into the SCO?",
        "In what way did the Shanghai Five become the Shanghai Cooperation Organisation?",
    ):
        answer = await answer_question(core, question)
        assert answer.covered and "ser-sco-successor-of-shanghai-five" in answer.fact_ids[:2], question
    # "Became" before no name is a word asked about.
    q = core.answerer.understand("Which Shanghai Five states became full members of the SCO?")
    assert "became" in {c.text for c in q.concepts}


async def test_the_origins_of_a_thing_are_its_founding(core: Core) -> None:
    for question in (
        "What are the origins of the SCO?",
        "Where did the Shanghai Cooperation Organisation originate?",
    ):
        answer = await answer_question(core, question)
        assert answer.covered and "ser-sco-established-2001" in answer.fact_ids[:3], question


async def test_a_place_asked_by_its_noun_asks_where(core: Core) -> None:
    for question in ("aiddata hq", "What is the location of AidData?", "AidData whereabouts"):
        answer = await answer_question(core, question)
        assert answer.question.intent == "where", question
        assert answer.covered and (answer.answer or "").startswith("Virginia"), question
    answer = await answer_question(core, "venue of the second China plus Central Asia meeting")
    assert answer.covered and (answer.answer or "").startswith("Xi'an"), answer.answer
    # The sources name the SCO's Secretariat but never say where it sits.
    answer = await answer_question(core, "sco secretariat location")
    assert (
        not answer.covered
        and answer.notice is not None
        and answer.notice.startswith("The sources do not say where")
    )


async def test_which_person_of_a_country_is_someone_of_that_country(core: Core) -> None:
    # Mao Ning (China) announced the visits; Tokayev is only named in her announcement.
    answer = await answer_question(
        core, "Which Kazakh spokesman announced that Xi would visit Astana and Dushanbe?"
    )
    assert answer.question.person_of == {"kazakhstan"}
    assert not answer.covered and "ank-mao-ning-announces-xi-visits" in answer.fact_ids
    answer = await answer_question(
        core, "Which Chinese spokeswoman announced that Xi would visit Astana and Dushanbe?"
    )
    assert answer.covered and (answer.answer or "").startswith("Mao Ning")
    # "Central Asian": any of the five; Wang Yi hosted the Xian talks for China.
    answer = await answer_question(
        core, "which central asian diplomat put forward the eurasian passageway at xian"
    )
    assert len(answer.question.person_of) == 5 and not answer.covered


async def test_what_how_many_counts_runs_past_a_name_used_as_an_adjective(core: Core) -> None:
    q = core.answerer.understand("How many licensed Chinese security firms does the MERICS teaser count?")
    assert [c.text for c in q.concepts if c.counted] == ["security firms"]
    answer = await answer_question(
        core, "How many licensed Chinese security firms does the MERICS teaser count?"
    )
    assert answer.covered and (answer.answer or "").startswith("5,000")


async def test_the_source_of_a_claim_is_whose_claim_it_is(core: Core) -> None:
    answer = await answer_question(
        core, "Who was the source for the claim of a Chinese military base in Tajikistan?"
    )
    assert answer.question.intent == "who"
    assert answer.covered and (answer.answer or "").startswith("Emil Avdaliani")


async def test_a_body_that_seized_up_was_paralysed(core: Core) -> None:
    answer = await answer_question(core, "When did the SCO grind to a halt over the Kyrgyz crisis?")
    assert answer.covered and (answer.answer or "").startswith("July 2010")


async def test_a_share_asked_for_in_a_currency_is_the_amount(core: Core) -> None:
    answer = await answer_question(
        core, "How large was Kazakhstan's portion of the Chinese financing, in dollars?"
    )
    assert [u.casefold() for u in answer.question.units] == ["usd"]
    assert answer.covered and (answer.answer or "").startswith("$33 billion")
    # Asked for as a share, it is the share.
    answer = await answer_question(core, "How large was Kazakhstan's portion of the Chinese financing?")
    assert answer.covered and (answer.answer or "").startswith("26%")


async def test_a_described_author_s_own_statements_are_hers(core: Core) -> None:
    # Serikkaliyeva (Kazakhstan) states it in her own article, naming no one else.
    question = "Since when have Sino-Kazakh relations grown quickly, according to the Kazakh academic?"
    answer = await answer_question(core, question)
    assert answer.covered and (answer.answer or "").startswith("1997")
    # "Took off" is grew quickly.
    answer = await answer_question(core, "In what year did relations between Kazakhstan and China take off?")
    assert answer.covered and "ser-kz-china-relations-rapid-since-1997" in answer.fact_ids[:3]


async def test_what_money_was_spent_on_is_the_thing_not_its_share(core: Core) -> None:
    for question in (
        "What was Kazakhstan's portion of the Chinese financing mostly used for?",
        "what was the share of chinese financing to kazakhstan used for",
    ):
        answer = await answer_question(core, question)
        assert answer.question.answer_type == "text", question
        assert answer.covered and answer.fact_ids[0] == "him-kazakhstan-gas-pipeline", question


async def test_a_measure_of_the_thing_the_money_went_to_is_asked_of_that_thing(core: Core) -> None:
    # The clause says which line is measured; the sources give its financing, not its capacity.
    question = (
        "What's the yearly capacity of the gas line that the bulk of Kazakhstan's Chinese money paid for?"
    )
    answer = await answer_question(core, question)
    assert answer.question.answer_type == "figure"
    assert not answer.covered and "capacity" in (answer.notice or "")


async def test_a_thing_described_as_of_the_past_is_still_the_thing(core: Core) -> None:
    q = core.answerer.understand("When was the erstwhile Shanghai Five formed?")
    assert "erstwhile" not in {c.text for c in q.concepts}
    answer = await answer_question(core, "When was the erstwhile Shanghai Five formed?")
    assert answer.covered and (answer.answer or "").startswith("1996")


async def test_a_things_own_project_is_its_initiative(core: Core) -> None:
    answer = await answer_question(core, "Which experts from China see the SCO as Beijing's own project?")
    assert answer.covered and answer.fact_ids[0] == "ser-chinese-experts-sco-chinese-initiative"


async def test_a_date_asked_to_the_day_is_not_given_by_a_fact_dated_to_the_year(core: Core) -> None:
    for question in (
        "precise day Nazarbayev stepped down",
        "What was the exact day Nazarbayev resigned as president?",
    ):
        answer = await answer_question(core, question)
        assert answer.question.intent == "when", question
        assert not answer.covered and answer.fact_ids[0] == "dip-nazarbayev-resignation-2019", question
        assert answer.notice is not None and answer.notice.startswith("The sources do not give the day")


def test_a_fact_saying_more_but_dated_too_coarsely_outweighs_one_dated_to_the_day() -> None:
    def judged(fact_id: str, date: str, matched: int, fits: bool) -> Judged:
        row = SearchRow(rid=len(fact_id), id=fact_id, entity_ids=[], figure_value=None, words=" ", date=date)
        return Judged(row, 1.0, 0.5, matched, 1, 1, fits, matched=matched, relevant=True, fits=fits)

    resigned = judged(
        "resigned-2019", "2019", 2, fits=False
    )  # "resigned … in 2019": says it all, to the year
    press = judged("press-conference", "2019-01-13", 1, fits=True)  # another president's day
    assert _dated_too_coarsely([resigned, press], [press]) is resigned
    as_fully = judged("resigned-to-the-day", "2019-03-19", 2, fits=True)
    assert _dated_too_coarsely([resigned, as_fully], [as_fully]) is None


async def test_which_other_kind_still_asks_for_that_kind(core: Core) -> None:
    for question in (
        "Which other nations hold similar setups with Central Asia?",
        "which powers hold such setups?",
    ):
        assert core.answerer.understand(question).wanted == "country", question
    answer = await answer_question(core, "Which other nations hold similar setups with Central Asia?")
    assert answer.covered and answer.fact_ids[0] == "vac-uljevic-similar-formats"


async def test_a_things_era_is_its_time_not_a_word_asked_about(core: Core) -> None:
    q = core.answerer.understand("When did the Hu Jintao-era New Development Approach appear?")
    assert "era" not in {c.text for c in q.concepts}


async def test_which_officials_said_it_asks_for_people_by_name(core: Core) -> None:
    # ANKASAM reports unnamed "Kazakhstani officials"; Serikkaliyeva names the Chinese experts.
    answer = await answer_question(
        core, "Which Kazakh officials say good-neighbourly ties with Beijing are the top priority?"
    )
    assert not answer.covered and answer.fact_ids[0] == "ank-kz-officials-china-top-priority"
    answer = await answer_question(core, "Which Chinese experts call the SCO largely a Chinese initiative?")
    assert answer.covered and (answer.answer or "").startswith("Chien Chung")


async def test_far_and_long_ask_for_a_measure_only_after_how(core: Core) -> None:
    question = "What is the highest estimate of Uyghurs held in camps in China's far-western region?"
    assert "km" not in core.answerer.understand(question).units
    answer = await answer_question(core, question)
    assert answer.covered and answer.fact_ids[0] == "vac-uyghur-detention-accusation"
    assert core.answerer.understand("How far is it from Almaty to Urumqi?").units == ("km",)


async def test_whose_source_a_possessive_names_is_no_description_of_it(core: Core) -> None:
    # "The Ankara think tank's analyst": ANKASAM's analyst, not anyone whose description has an "'s" in it.
    q = core.answerer.understand(
        "What does the Ankara think tank's analyst say drives trade between Beijing and Astana?"
    )
    assert not q.described
    answer = await answer_question(
        core, "What does the Ankara think tank's analyst say drives trade between Beijing and Astana?"
    )
    assert answer.covered and answer.fact_ids[0] == "ank-kz-investment-drives-trade"


def test_a_piece_of_something_is_no_document_about_it(core: Core) -> None:
    q = core.answerer.understand("Which piece of infrastructure got most of China's money in Kazakhstan?")
    assert q.document_topics == []
    assert core.answerer.understand(
        "What does the piece on the Xian talks say about vaccines?"
    ).document_topics


async def test_to_what_extent_frames_the_question(core: Core) -> None:
    question = (
        "To what degree does the intensity of China's engagement shape public attitudes, according to Putz?"
    )
    assert "degree" not in {c.text for c in core.answerer.understand(question).concepts}
    answer = await answer_question(core, question)
    assert answer.covered and answer.fact_ids[0] == "dip-putz-engagement-intensity"


async def test_the_askers_context_before_a_question_is_not_asked_about(core: Core) -> None:
    # What the asker is doing or believed, then the question: only the question is read.
    for question in (
        "I'm drafting a chapter on rail freight and energy - when was the SCO set up?",
        "We always believed it started in the nineties. When was the SCO set up?",
        "I had it down as 1999, but when was the SCO set up?",
    ):
        read = core.answerer.understand(question)
        assert read.text == question and read.period is None
        await _leads_with(core, question, "ser-sco-established-2001")
    # A pronoun of the question stands for what the context names.
    question = "I was told Astana and Beijing made ties official in 1994, but on which day did they do it?"
    assert {e.id for e in core.answerer.understand(question).entities} == {"kazakhstan", "china"}
    answer = await answer_question(core, question)
    assert answer.covered and (answer.answer or "").startswith("3 January 1992")
    # A context naming nothing leaves the pronoun to the question; one with nothing after it keeps the line.
    question = (
        "I want my numbers right: how many countries did AidData's team examine when they did the study?"
    )
    assert "numbers" not in {c.text for c in core.answerer.understand(question).concepts}
    read = core.answerer.understand("I read the pipeline got loans - from what year?")
    assert "pipeline" in {c.text for c in read.concepts}


async def test_what_the_answer_is_for_said_first_is_not_asked_about(core: Core) -> None:
    # The asker's purpose or premise, before a colon or a comma: only the question after it is read.
    for question in (
        "For a lecture handout on Eurasian diplomacy: when did the SCO come into existence?",
        "Writing about rival security blocs, when did the SCO come into existence?",
        "Given all the talk of pipelines and railways, when did the SCO come into existence?",
    ):
        read = core.answerer.understand(question)
        assert not {"handout", "rival", "pipelines", "railways"} & {c.text for c in read.concepts}, question
        await _leads_with(core, question, "ser-sco-established-2001")
    # A hedge may open the question after it.
    question = "For a chart of the polls: exactly what share of Kazakhs hold an unfavourable view of Russia?"
    assert "chart" not in {c.text for c in core.answerer.understand(question).concepts}
    # "For Kazakhstan, …" is no purpose: it names what is asked about.
    assert "kazakhstan" in {
        e.id for e in core.answerer.understand("For Kazakhstan, what is China's share?").entities
    }
    # A thing pointed back to ("that summit") keeps the whole line: the question cannot stand alone.
    read = core.answerer.understand(
        "Given that Jiang Zemin spoke at a Shanghai Five gathering in 2000, where was that summit held?"
    )
    assert {"shanghai-five", "jiang-zemin"} <= {e.id for e in read.entities}


async def test_who_is_the_person_who_said_asks_whose_words_they_are(core: Core) -> None:
    answer = await answer_question(
        core, "who is the Georgian analyst who claimed Beijing keeps a base in Tajikistan"
    )
    assert answer.covered and (answer.answer or "").startswith("Emil Avdaliani"), answer.answer
    # One person, by name: officials the sources leave unnamed are not one.
    answer = await answer_question(
        core, "who was the Kazakh official that said ties with Beijing come first among priorities?"
    )
    assert not answer.covered and answer.fact_ids[:1] == ["ank-kz-officials-china-top-priority"]


async def test_what_the_asker_assumed_is_not_a_word_a_fact_must_say(core: Core) -> None:
    question = (
        "I had assumed Beijing's lending for development began with the BRI, but it grew earlier - when?"
    )
    assert not {"assumed", "had"} & {c.text for c in core.answerer.understand(question).concepts}
    answer = await answer_question(core, question)
    assert answer.covered and answer.fact_ids[0] == "dip-chinese-development-funding-2008"


async def test_a_reason_given_first_is_context_not_a_time(core: Core) -> None:
    question = (
        "Given that Kazakhstan is said to lead the region's economies, how large is its GDP in dollars?"
    )
    read = core.answerer.understand(question)
    assert [e.id for e in read.entities] == ["kazakhstan"] and "lead" not in {c.text for c in read.concepts}
    answer = await answer_question(core, question)
    assert not answer.covered and answer.notice and "GDP" in answer.notice
    # "Since 2015, …" is a time, not a reason.
    assert core.answerer.understand("Since 2015, how many observers has the SCO had?").period == (2015, None)


async def test_giving_a_loan_is_providing_it(core: Core) -> None:
    answer = await answer_question(core, "how much money china gave samruk-kazyna in 2011")
    assert answer.covered and answer.fact_ids[0] == "ank-samruk-kazyna-loan-2011"


async def test_after_a_name_which_asks_for_the_next_one_down(core: Core) -> None:
    question = "After Kazakhstan, which Central Asian country got the largest share of Chinese financing?"
    read = core.answerer.understand(question)
    assert read.intent == "list" and "kazakhstan" in read.owners
    answer = await answer_question(core, question)
    assert answer.covered and answer.fact_ids[0] == "him-turkmenistan-9-billion"


async def test_in_any_capacity_is_a_standing_not_a_measure(core: Core) -> None:
    question = "How many states take part in the SCO in any capacity at all?"
    read = core.answerer.understand(question)
    # ("take part in" is one phrase, not "take … in" around its object)
    assert not read.units and "take part" in {c.text for c in read.concepts}
    answer = await answer_question(core, question)
    assert answer.covered and answer.fact_ids[0] == "ser-sco-eighteen-states"


async def test_was_it_the_first_is_answered_by_the_fact_giving_its_order(core: Core) -> None:
    answer = await answer_question(core, "Were the Xian talks the first China + Central Asia meeting?")
    assert answer.covered and "vac-cc5-second-meeting-xian" in answer.fact_ids[:3]


async def test_non_coercive_influence_is_soft_power(core: Core) -> None:
    answer = await answer_question(core, "How has China spread non-coercive influence in Central Asia?")
    assert answer.covered and answer.fact_ids[0] == "him-soft-power-two-decades"


async def test_a_thing_that_someone_mentions_is_as_they_tell_it(core: Core) -> None:
    question = "When was the Chinese base in Tajikistan that Avdaliani refers to built?"
    read = core.answerer.understand(question)
    assert read.sources == {"emil-avdaliani"}
    answer = await answer_question(core, question)
    assert not answer.covered and answer.fact_ids[0] == "him-avdaliani-military-base-tajikistan"
    # An interrogative "which" is no relative clause.
    assert not core.answerer.understand("Which AidData reports say Kazakhstan gets most?").sources


async def test_how_long_is_the_thing_the_money_went_into_asks_for_its_length(core: Core) -> None:
    question = "How long is the pipeline that China's financing for Kazakhstan mostly went into?"
    assert core.answerer.understand(question).units == ("km", "years")
    answer = await answer_question(core, question)
    assert not answer.covered


async def test_a_picture_is_a_photo(core: Core) -> None:
    answer = await answer_question(core, "On what day was the picture of Xi and Jeenbekov in Bishkek taken?")
    assert answer.covered and (answer.answer or "").startswith("13 January 2019")


async def test_the_verb_after_a_described_speaker_frames_the_question(core: Core) -> None:
    question = "Which Georgian analyst contends that China's military presence has taken over Russia's role?"
    read = core.answerer.understand(question)
    assert "contends" not in {c.text for c in read.concepts}
    answer = await answer_question(core, question)
    assert answer.covered and (answer.answer or "").startswith("Emil Avdaliani")


async def test_found_that_is_a_finding_not_a_founding(core: Core) -> None:
    question = "Who found that Chinese money went mostly to well-disposed areas?"
    read = core.answerer.understand(question)
    assert not any(c.origin for c in read.concepts)
    answer = await answer_question(core, question)
    assert answer.covered and answer.fact_ids[0] == "dip-report-allocation-to-favorable-areas"


async def test_a_countrys_line_on_something_is_its_stance(core: Core) -> None:
    answer = await answer_question(core, "what is astana's line on tibet?")
    assert answer.covered and answer.fact_ids[0] == "ank-kz-one-china-taiwan-tibet"


async def test_sian_is_xian(core: Core) -> None:
    assert [e.id for e in core.answerer.understand("What was agreed in Sian in 2021?").entities] == ["xian"]


async def test_what_two_countries_share_is_no_share_asked_for(core: Core) -> None:
    question = "How much border do China and Kazakhstan share?"
    assert "percent" not in core.answerer.understand(question).units
    answer = await answer_question(core, question)
    assert answer.covered and (answer.answer or "").startswith("1,700 km")
    assert core.answerer.understand("How much of the financing was Kazakhstan's share?").units == ("percent",)


async def test_how_much_before_things_counted_one_by_one_asks_how_many(core: Core) -> None:
    question = "how much companies does MERICS count among China's registered security firms?"
    read = core.answerer.understand(question)
    assert read.intent == "how_many"
    answer = await answer_question(core, question)
    assert answer.covered and (answer.answer or "").startswith("5,000")
    # Money, shares and parts of something keep "how much".
    for text in (
        "how much money did china lend countries",
        "how much of the financing went to the republics",
    ):
        assert core.answerer.understand(text).intent == "how_much", text


async def test_russian_transliterations_and_a_ministrys_speaker(core: Core) -> None:
    read = core.answerer.understand("where did xi meet dzheenbekov?")
    assert "sooronbay-jeenbekov" in {e.id for e in read.entities}
    answer = await answer_question(
        core, "who was the foreign ministry speaker that announced Xi's 2024 trips?"
    )
    assert answer.covered and (answer.answer or "").startswith("Mao Ning")


async def test_per_an_outlets_piece_its_own_statements_count(core: Core) -> None:
    question = "In what month did China open formal ties with the five republics, per the Himalaya article?"
    assert core.answerer.understand(question).outlets == {"himalaya-network"}
    answer = await answer_question(core, question)
    assert answer.covered and (answer.answer or "").startswith("January 1992")


async def test_a_year_checked_is_not_confirmed_by_a_fact_saying_nothing_asked(core: Core) -> None:
    # The charter was signed in 2002; the SCO was founded in 2001.
    answer = await answer_question(core, "Is it correct that the SCO came into being in 2002?")
    assert answer.covered and (answer.answer or "").startswith("The sources give 2001, not 2002")


async def test_the_value_of_something_is_an_amount_of_money(core: Core) -> None:
    question = "what was the value of trade between China and Kazakhstan in 2023?"
    read = core.answerer.understand(question)
    assert read.intent == "how_much" and read.units == ("usd",)
    answer = await answer_question(core, question)
    assert not answer.covered  # no source gives it ("met twice" in 2023 is no value of trade)


async def test_what_per_cent_asks_for_a_share(core: Core) -> None:
    answer = await answer_question(
        core, "What per cent of Tajiks view China unfavourably, per the Barometer?"
    )
    assert not answer.covered and answer.question.intent == "how_much"


async def test_a_count_of_a_named_thing_is_not_the_length_of_a_list_naming_it(core: Core) -> None:
    # "Confucius Institutes and Mandarin test centres" names two kinds of thing; it counts no institutes. Nor do
    # 30 years of relations since China established them.
    for question in (
        "how many Confucius Institutes China established in the five Central Asian countries",
        "number of Confucius Institutes China established in the Central Asian states?",
    ):
        answer = await answer_question(core, question)
        assert not answer.covered and answer.answer is None, question


async def test_who_represented_a_country_is_someone_of_that_country(core: Core) -> None:
    answer = await answer_question(core, "who represented Tajikistan at the Xian meeting?")
    assert not answer.covered  # the sources name no Tajik minister; Wang Yi hosted them
    assert core.answerer.understand("who represented Tajikistan at the Xian meeting?").person_of == {
        "tajikistan"
    }


async def test_in_which_part_of_a_country_asks_for_a_place_within_it(core: Core) -> None:
    question = "In which region of Tajikistan does China keep its base, according to Avdaliani?"
    assert core.answerer.understand(question).within == {"tajikistan"}
    answer = await answer_question(core, question)
    assert not answer.covered and answer.fact_ids[0] == "him-avdaliani-military-base-tajikistan"


async def test_a_history_up_till_a_described_end_shows_the_steps_between(core: Core) -> None:
    # Every word asked describes the end ("the declaration on its fifth anniversary"): the steps between the
    # Shanghai Five and it need say none of them.
    answer = await answer_question(
        core, "Key dates of the SCO, from the Shanghai Five till its fifth-anniversary declaration"
    )
    ids = answer.fact_ids
    assert answer.covered and {"ser-shanghai-five-1996", "ser-sco-established-2001"} <= set(ids)
    assert ids.index("ser-shanghai-five-1996") < ids.index("ser-sco-fifth-anniversary-declaration-2006")


async def test_the_askers_own_words_for_the_shape_of_an_answer(core: Core) -> None:
    # "traits", "tier", "what happens to": how the answer is put, not words a fact must say.
    cases = [
        ("Which traits does Custer say the recipient countries share?", "him-custer-oil-gas-hydro"),
        ("What tier of partner did Mao Ning call Kazakhstan?", "ank-kz-friendly-neighbour-strategic-partner"),
        (
            "What happens to Chinese firms' presence where Beijing's financial diplomacy goes?",
            "dip-report-migrants-firms",
        ),
    ]
    for question, fact in cases:
        answer = await answer_question(core, question)
        assert answer.covered and fact in answer.fact_ids[:3], question


async def test_a_transcontinental_corridor_is_eurasian(core: Core) -> None:
    answer = await answer_question(core, "what transcontinental project came up at the Xian meeting")
    assert answer.covered and answer.fact_ids[0] == "vac-eurasian-passageway"


async def test_a_guess_tagged_on_after_a_comma_is_checked_not_required(core: Core) -> None:
    question = "In which city did Xi and Jeenbekov give their 2019 press conference, Almaty?"
    assert "almaty" not in {c.text for c in core.answerer.understand(question).concepts}
    answer = await answer_question(core, question)
    assert answer.covered and answer.fact_ids[0] == "him-xi-jeenbekov-bishkek-2019"
    # … or put as a question of its own, or with its article: the thing asked for stays the head.
    for question in (
        "Which city hosted the Xi–Jeenbekov press conference in 2019, was it Osh?",
        "In which city did Xi and Jeenbekov meet the press in 2019, the Kyrgyz capital Osh?",
    ):
        read = core.answerer.understand(question)
        assert "osh" not in {c.text for c in read.concepts}, question


async def test_a_guess_after_a_dash_in_a_keyword_query_is_checked_not_required(core: Core) -> None:
    answer = await answer_question(
        core, "second largest central asian recipient of chinese financing - was it tajikistan?"
    )
    assert answer.covered, answer.notice
    assert answer.fact_ids[:1] == ["him-turkmenistan-9-billion"]


async def test_a_year_given_in_a_when_question_is_the_askers_premise(core: Core) -> None:
    answer = await answer_question(core, "When in 2003 was the SCO set up?")
    assert answer.covered and (answer.answer or "").startswith("The sources give 2001, not 2003")


async def test_a_yes_no_question_dating_an_event_named_by_its_kind_gets_the_year_the_sources_give(
    core: Core,
) -> None:
    answer = await answer_question(core, "were the kazakh rallies over land rules held in 2015")
    assert answer.covered and (answer.answer or "").startswith("The sources give 2016, not 2015"), (
        answer.answer
    )


async def test_a_yes_no_question_after_whose_account_it_goes_by_is_still_yes_no(core: Core) -> None:
    # A choice between two countries is settled by the fact naming one of them, once the question is read as one.
    question = "Per the Turkish think tank, is Kazakhstan or Uzbekistan the region's largest economy?"
    assert core.answerer.understand(question).polar
    answer = await answer_question(core, question)
    assert answer.covered and answer.fact_ids[:1] == ["ank-kz-largest-economy-central-asia"]


async def test_a_tag_question_checks_the_claim_before_it(core: Core) -> None:
    # The fifth-anniversary declaration of 2006 names the charter in its quote; the charter itself is of 2002.
    answer = await answer_question(core, "The SCO charter was adopted in 2006, was it not?")
    assert answer.question.polar
    assert answer.covered and (answer.answer or "").startswith("The sources give 2002, not 2006")
    answer = await answer_question(core, "China and Kazakhstan share a long border, right?")
    assert answer.question.polar and not answer.question.units
    assert answer.covered and answer.fact_ids[0] == "ser-kz-china-border-length"


async def test_figures_and_units_asked_in_an_analysts_words(core: Core) -> None:
    # A hedge before "how long after" still asks the time between two events.
    answer = await answer_question(
        core, "Approximately how long after he resigned did Nazarbayev attend the Belt and Road Forum?"
    )
    assert answer.covered and (answer.answer or "").startswith("A month after")
    # A unit named is what the figure is in, never a word the sources lack.
    answer = await answer_question(core, "Is the China-Kazakhstan frontier longer than 1,500 kilometres?")
    assert answer.covered and "kilometres" not in answer.question.unknown
    assert answer.fact_ids[0] == "ser-kz-china-border-length"
    # "Bilateral trade" is trade: a fact saying "bilateral" of something else gives no figure for it.
    answer = await answer_question(
        core, "How much bilateral trade did Mao Ning report between China and Kazakhstan?"
    )
    assert not answer.covered and answer.answer is None


async def test_becoming_sovereign_and_land_ownership(core: Core) -> None:
    answer = await answer_question(core, "When did Kazakhstan become sovereign?")
    assert answer.covered and (answer.answer or "").startswith("1991")
    answer = await answer_question(core, "what year were the protests over land ownership in kazakhstan")
    assert answer.covered and answer.fact_ids[0] == "dip-land-code-protests-2016"


async def test_a_described_speaker_who_spoke_of_a_widening_divide(core: Core) -> None:
    question = "Which Australian scholar spoke of a widening divide between elites and publics over the BRI?"
    answer = await answer_question(core, question)
    assert not {"spoke", "widening"} & set(answer.question.unknown)
    assert answer.covered and (answer.answer or "").startswith("Michael Clarke")


async def test_where_something_ranks_asks_for_a_rank_not_a_place(core: Core) -> None:
    question = "Where does Turkmenistan rank among Central Asian recipients of Chinese financing?"
    assert core.answerer.understand(question).answer_type != "place"
    answer = await answer_question(core, question)
    assert answer.covered and answer.fact_ids[0] == "him-turkmenistan-9-billion"


async def test_the_kind_of_source_asked_for_is_not_a_source_described(core: Core) -> None:
    # "Which university research lab …" asks for a lab; it does not describe the Australian National University.
    question = "Which university research lab put together the Silk Road Diplomacy report?"
    read = core.answerer.understand(question)
    assert "australian-national-university" not in {e.id for e in read.entities}
    answer = await answer_question(core, question)
    assert answer.covered and answer.fact_ids[0] == "dip-silk-road-diplomacy-report"


async def test_what_how_many_counts_stops_at_a_preposition(core: Core) -> None:
    question = "How many nations across South and Central Asia did AidData examine?"
    counted = [c.text for c in core.answerer.understand(question).concepts if c.counted]
    assert counted == ["nations"]
    answer = await answer_question(core, question)
    assert answer.covered and (answer.answer or "").startswith("12")


async def test_the_askers_framing_words_on_the_four_other_republics(core: Core) -> None:
    cases = [
        # "meant to", "besides …", "what went wrong", "which pair of …"
        (
            "When was the deal signed for the power line meant to cross Tajikistan?",
            "ank-north-south-line-agreement-2006",
        ),
        (
            "What did the SCO get wrong during the 2010 Kyrgyz crisis, and what went wrong?",
            "ser-sco-paralysis-kyrgyzstan-2010",
        ),
        (
            "Which pair of republics does Beijing court most with town twinning?",
            "dip-report-exchange-diplomacy-kz-kg",
        ),
    ]
    for question, fact in cases:
        answer = await answer_question(core, question)
        assert answer.covered and fact in answer.fact_ids[:3], question


async def test_a_thing_described_by_who_funds_or_leads_it_need_not_name_them(core: Core) -> None:
    # "the US-funded study": the study need not name the US; nor is "funded" a description of a wealth fund.
    read = core.answerer.understand("What did the US-funded study find about Kazakh elites?")
    assert "united-states" in read.owners and "samruk-kazyna" not in {e.id for e in read.entities}
    answer = await answer_question(
        core, "What did the Beijing-led grouping do during Kyrgyzstan's 2010 crisis?"
    )
    assert answer.covered and answer.fact_ids[0] == "ser-sco-paralysis-kyrgyzstan-2010"


async def test_going_abroad_to_study_is_about_students(core: Core) -> None:
    answer = await answer_question(core, "What does China offer Central Asians studying abroad?")
    assert answer.covered and answer.fact_ids[0] == "him-study-destination-scholarships"


async def test_a_fact_comparing_the_things_compared_answers_first(core: Core) -> None:
    # Russia's ratings "well below China's" compares the two; each country's own China figure comes after.
    answer = await answer_question(core, "Is Russia seen less negatively than China by Kazakhs and Kyrgyz?")
    assert answer.covered and answer.fact_ids[0] == "vac-cab-russia-single-digit-unfavourable"
    # A survey naming many countries compares none of them.
    answer = await answer_question(
        core, "How does Chinese money for Kazakhstan compare with that for Turkmenistan?"
    )
    assert answer.covered and answer.fact_ids[0] != "dip-report-migrants-firms"


async def test_comparable_to_is_a_likeness_not_a_name(core: Core) -> None:
    question = "Which powers have formats comparable to China's with the five republics?"
    assert any("similar" in c.alternatives for c in core.answerer.understand(question).concepts)
    answer = await answer_question(core, question)
    assert answer.covered and "vac-uljevic-similar-formats" in answer.fact_ids[:2]


async def test_what_wraps_a_question_on_the_line_changes_nothing_of_its_answer(core: Core) -> None:
    # A greeting or request before the question, the scope every answer has, and a request after it: the answer
    # is the bare question's, whatever opens it ("timeline of …", "compare …", a yes/no verb).
    bare_questions = (
        "timeline of the SCO's founding documents",
        "compare the financing Kazakhstan and Turkmenistan received from China",
        "did Tajikistan sign up to the Belt and Road before Kazakhstan did?",
        "how many years separate the Shanghai Five from the SCO?",
        "what did the Rogun dam cost?",
    )
    wrappers = (
        "Hello, {}",
        "hey {}",
        "One question: {}",
        "For a footnote: I'd like to know {}",
        "Could you please tell me {}",
        "Going by the documents, {}",
        "{} - with sources please",
        "{}. Cite your references.",
        "{}, many thanks!",
        "Also, {}",
        "OK so {}",
        "{} (briefly)",
        "{} - keep it short",
        # pasted from elsewhere: quoted, in bold, numbered in a list, broken across lines
        "“{}”",
        "**{}**",
        "4) {}",
        "Q2: {}",
        "\n {} \n",
    )
    for bare in bare_questions:
        expected = await answer_question(core, bare)
        for wrapper in wrappers:
            wrapped = await answer_question(core, wrapper.format(bare))
            assert (wrapped.covered, wrapped.fact_ids[:3]) == (expected.covered, expected.fact_ids[:3]), (
                wrapper
            )
            assert not {"hello", "hey", "footnote", "documents", "sources", "references", "thanks"} & {
                c.text for c in wrapped.question.concepts
            }
    # A sentence after the question that asks nothing is the asker's note; one that asks something is not.
    bare = "When did the SCO come into being?"
    noted = await answer_question(core, bare + " I'm putting together a memo for my team.")
    assert noted.fact_ids[:3] == (await answer_question(core, bare)).fact_ids[:3]
    assert "memo" not in {c.text for c in noted.question.concepts}
    assert "tajikistan" in {
        e.id for e in core.answerer.understand(bare + " and how long after that did Tajikistan join").entities
    }
    # What qualifies the question after its mark is part of it.
    assert core.answerer.understand("What is the SCO for? per Serikkaliyeva").sources == {
        "azhar-serikkaliyeva"
    }
    # A claim to check is no wrapper: it still asks yes or no. Nor is a named source the answer is asked from.
    assert core.answerer.understand("Can you tell me: is it true that the SCO began in 2001?").polar
    assert core.answerer.understand("According to Serikkaliyeva, what is the SCO for?").sources == {
        "azhar-serikkaliyeva"
    }


async def test_a_word_saying_what_a_thing_is_about_is_no_word_a_fact_must_say(core: Core) -> None:
    question = "Which principle involving Taiwan and Tibet does Astana endorse?"
    assert "involving" not in {c.text for c in core.answerer.understand(question).concepts}
    answer = await answer_question(core, question)
    assert answer.covered and answer.fact_ids[0] == "ank-kz-one-china-taiwan-tibet"


async def test_since_someone_last_did_a_thing_asks_how_long_ago(core: Core) -> None:
    question = "How many years had passed since the Chinese president last visited Tajikistan?"
    assert "last" not in {c.text for c in core.answerer.understand(question).concepts}
    answer = await answer_question(core, question)
    assert answer.covered and answer.fact_ids[0] == "ank-xi-tajikistan-first-in-five-years"
    assert (answer.answer or "").startswith("five years")


async def test_two_cities_may_be_written_as_their_governments(core: Core) -> None:
    # "in Xi'an and in Beijing": Beijing stands for China in the entity base, but it is one of the two cities.
    answer = await answer_question(
        core, "Name the two cities where Xi Jinping and Tokayev held their 2023 meetings"
    )
    assert answer.covered and answer.fact_ids[0] == "ank-xi-tokayev-met-twice-2023"


async def test_over_what_span_a_thing_has_gone_on_asks_how_long(core: Core) -> None:
    question = "For what length of time has Beijing been cultivating soft power in Central Asia?"
    assert core.answerer.understand(question).intent == "how_much"
    answer = await answer_question(core, question)
    assert answer.covered and answer.fact_ids[0] == "him-soft-power-two-decades"
    # A span of a thing over and done still asks when.
    assert core.answerer.understand("Over what period did Beijing lend the $127 billion?").intent == "when"


def test_the_letters_of_a_dollar_are_no_country_and_a_demonym_is_no_place(core: Core) -> None:
    read = core.answerer.understand("What share of the US $127 billion ended up in Kazakhstan?")
    assert [e.id for e in read.entities] == ["kazakhstan"] and read.stated[0].whole
    assert not core.answerer.understand("Where did the money in Chinese development loans go?").within
    assert core.answerer.understand("Where in Tajikistan is the base?").within == {"tajikistan"}


async def test_a_name_no_fact_says_is_not_covered_however_common_its_words(core: Core) -> None:
    question = "Which states belong to the Collective Security Treaty Organization?"
    assert core.answerer.understand(question).proper_names == ["Collective Security Treaty Organization"]
    answer = await answer_question(core, question)
    assert not answer.covered and "Collective Security Treaty Organization" in (answer.notice or "")
    # A name the facts do say is asked about as before; describing words and title case make no name.
    answer = await answer_question(core, "Did China open Confucius Institutes in the region?")
    assert answer.covered and answer.fact_ids[0] == "him-city-diplomacy-confucius-mandarin"
    assert not core.answerer.understand("Did Beijing court the Turkic Muslim minority?").proper_names
    assert not core.answerer.understand("What Is The Role Of The Shanghai Cooperation Body?").proper_names


async def test_a_country_flaring_up_is_unrest(core: Core) -> None:
    answer = await answer_question(core, "Why was the SCO frozen when Kyrgyzstan flared up in 2010?")
    assert answer.covered and answer.fact_ids[0] == "ser-sco-paralysis-kyrgyzstan-2010"


def test_how_people_explain_why_asks_their_reasons(core: Core) -> None:
    read = core.answerer.understand(
        "How do analysts in Europe and America account for why the SCO was created?"
    )
    assert read.intent == "why" and "analysts" not in {c.text for c in read.concepts}


async def test_a_describing_word_before_the_kind_asked_for_is_not_required(core: Core) -> None:
    question = "Which outside institutes partnered with AidData on the report?"
    answer = await answer_question(core, question)
    assert answer.covered and answer.fact_ids[0] == "dip-report-partners"


async def test_the_office_in_a_capital_is_held_by_someone_of_that_country(core: Core) -> None:
    # "was scheduled to call on": a plan, and a visit; "the head of state in Astana": Kazakhstan's, not the visitor.
    question = "Who was the head of state in Astana that Xi was scheduled to call on in 2024?"
    assert "scheduled" not in {c.text for c in core.answerer.understand(question).concepts}
    answer = await answer_question(core, question)
    assert answer.covered and answer.fact_ids[0] == "ank-mao-ning-announces-xi-visits"
    assert (answer.answer or "").startswith("Kassym-Jomart Tokayev")


async def test_a_speech_is_when_something_was_announced(core: Core) -> None:
    answer = await answer_question(core, "In what year did Jiang give his Shanghai Spirit speech?")
    assert answer.covered and (answer.answer or "").startswith("2000")


async def test_which_members_a_group_united_are_the_things_of_that_kind_it_names(core: Core) -> None:
    await _read_past(
        core, "Which states did the Shanghai Five mechanism unite in 1996?", "unite", "ser-shanghai-five-1996"
    )


async def test_what_someone_wishes_for_is_what_they_look_forward_to(core: Core) -> None:
    answer = await answer_question(core, "What does Mao Ning wish for in China's ties with Tajikistan?")
    assert answer.covered and answer.fact_ids[0] == "ank-mao-tj-political-trust-bri"


async def test_a_definition_asked_is_not_met_by_a_fact_that_only_names_the_thing(core: Core) -> None:
    question = "How is the Beijing Consensus defined in the SCO paper?"
    assert core.answerer.understand(question).defined
    answer = await answer_question(core, question)
    assert not answer.covered and answer.fact_ids[0] == "ser-sco-beijing-consensus"  # shown as related
    # A fact that goes on to say what the thing holds does define it.
    answer = await answer_question(core, "What is meant by the New Security Concept?")
    assert answer.covered and answer.fact_ids[0].startswith("ser-nsc-")
    # The thing defined is the one the definition is asked of, not another named beside it.
    read = core.answerer.understand(
        "What does the Beijing Consensus that China is said to pursue via the SCO mean?"
    )
    assert read.defined == {"beijing-consensus"}
    assert not (
        await answer_question(core, "What does the Beijing Consensus mean, in the SCO paper?")
    ).covered
    # What a thing is "meant to define" is what it sets out, not a definition of it.
    assert not core.answerer.understand("What was the 2003 SCO trade programme meant to define?").defined


@pytest.mark.parametrize(
    "question",
    [
        "What does Catherine Putz mean by financial diplomacy?",
        "What counts as financial diplomacy, in Putz's reading?",
    ],
)
async def test_a_term_asked_to_be_defined_is_answered_by_the_fact_saying_what_it_holds(
    core: Core, question: str
) -> None:
    # "financial diplomacy — infrastructure projects, budget support, debt relief and humanitarian assistance —"
    # says what the term holds; the dozen other facts using it say something of it.
    assert core.answerer.understand(question).defined_term == "financial diplomacy"
    answer = await answer_question(core, question)
    assert answer.covered, answer.notice
    assert answer.fact_ids[:1] == ["dip-bri-financial-diplomacy-growth"]


def test_whether_something_counts_as_a_thing_asks_no_definition(core: Core) -> None:
    assert core.answerer.understand("Does Turkmenistan count as an SCO member?").defined_term is None


async def test_who_someone_worked_with_may_be_a_body(core: Core) -> None:
    answer = await answer_question(core, "Who did AidData collaborate with on its Silk Road Diplomacy study?")
    assert answer.covered and answer.fact_ids[0] == "dip-report-partners"


async def test_a_grouping_beijing_pushed_is_one_it_encouraged(core: Core) -> None:
    answer = await answer_question(
        core, "What was the original aim of the five-nation body Beijing pushed in the mid-1990s?"
    )
    assert answer.covered and answer.fact_ids[0] == "ser-shanghai-five-1996"


async def test_a_claim_quoted_from_a_draft_is_checked(core: Core) -> None:
    question = "The draft says Kazakhstan and China share a 1,700 km frontier. Correct?"
    read = core.answerer.understand(question)
    assert read.polar and not {"draft", "correct"} & {c.text for c in read.concepts}
    answer = await answer_question(core, question)
    assert answer.covered and answer.fact_ids[0] == "ser-kz-china-border-length"


async def test_an_event_that_took_place_somewhere_is_not_a_thing_taken_in(core: Core) -> None:
    question = "Which year did the Kazakh land code protests take place in?"
    assert "take in" not in {c.text for c in core.answerer.understand(question).concepts}
    answer = await answer_question(
        core, "When did the anti-Chinese protests over land take place in Kazakhstan?"
    )
    assert answer.covered and (answer.answer or "").startswith("2016")


@pytest.mark.parametrize(
    ("typed", "spelled"),
    [
        ("Which Central Asian state isnt in the SCO as a full member?", "is not"),
        ("doesnt the SCO count Turkmenistan as a member?", "does not"),
        ("whats the length of the border between Kazakhstan and China", "what is"),
    ],
)
async def test_a_contraction_typed_without_its_apostrophe_is_read_as_one(
    core: Core, typed: str, spelled: str
) -> None:
    read = core.answerer.understand(typed)
    assert not read.unknown and spelled.split()[0] not in {c.text for c in read.concepts}
    answer = await answer_question(core, typed)
    assert answer.covered and not answer.question.unknown


async def test_a_slip_inside_a_longer_name_is_undone_and_the_name_kept(core: Core) -> None:
    answer = await answer_question(core, "Who put forward the New Developmnet Approach, and in which year?")
    assert answer.question.respelled == [("developmnet", "development")]
    assert answer.covered and answer.fact_ids[0] == "ser-nda-proposed-hu-jintao-2004"
    # A name no fact says stays unknown: nothing the sources use is one slip from it.
    answer = await answer_question(core, "When was the Zzyzx Cooperation Council founded?")
    assert not answer.covered and not answer.question.respelled


async def test_where_someone_stands_on_a_thing_asks_their_stance_not_a_place(core: Core) -> None:
    read = core.answerer.understand("Where does Kazakhstan stand on Tibet?")
    assert read.intent != "where" and read.answer_type != "place" and read.intent != "how_much"
    answer = await answer_question(core, "Where did Kazakhstan stand regarding Taiwan, per the sources?")
    assert answer.covered and answer.fact_ids[0] == "ank-kz-one-china-taiwan-tibet"
    # Where a country stands among others is still a rank.
    assert core.answerer.understand(
        "Where does Kazakhstan stand among recipients of Chinese loans?"
    ).intent == ("how_much")


async def test_a_document_described_by_its_country_is_that_country_s_source(core: Core) -> None:
    question = "Per the Turkish report, does China back Kazakhstan's bid to join the WTO?"
    read = core.answerer.understand(question)
    assert "turkey" in read.descriptors
    answer = await answer_question(core, question)
    assert answer.covered and answer.fact_ids[0] == "ank-china-supports-kz-wto-accession"


async def test_how_someone_characterises_a_thing_is_met_by_their_words_on_it(core: Core) -> None:
    answer = await answer_question(core, "How does Yu Jianhua portray the Shanghai Cooperation Organisation?")
    assert answer.covered and answer.fact_ids[0] == "ser-yu-jianhua-non-traditional-security"
    # A fact in the verb's own words comes before one reporting them in another.
    answer = await answer_question(core, "How did Mao Ning characterise Kazakhstan?")
    assert answer.covered and "ank-kz-friendly-neighbour-strategic-partner" in answer.fact_ids[:3]
    # What a named holder concluded is their view, in whatever verb the fact reports it.
    answer = await answer_question(core, "what did daniel miller and richard weitz conclude about the sco")
    assert answer.covered and answer.fact_ids[0] == "ser-weitz-miller-security-failure"


async def test_the_post_a_person_holds_is_the_role_the_sources_give_them(core: Core) -> None:
    for question, fact in (
        ("which office does Mao Ning hold", "ank-mao-ning-announces-xi-visits"),
        ("Michael Clarke - what's his academic rank?", "vac-clarke-natural-resources"),
    ):
        answer = await answer_question(core, question)
        assert answer.covered and answer.fact_ids[0] == fact, (question, answer.fact_ids)


async def test_well_before_a_thing_existed_is_before_it(core: Core) -> None:
    question = "In which year did China's development funding jump, well before the Belt and Road existed?"
    read = core.answerer.understand(question)
    assert not {"well", "existed"} & {c.text for c in read.concepts}
    answer = await answer_question(core, question)
    assert answer.covered and answer.fact_ids[0] == "dip-chinese-development-funding-2008"


async def test_the_questions_own_verb_ends_the_subject_of_a_document(core: Core) -> None:
    read = core.answerer.understand(
        "Which year does the data of the study on Chinese public diplomacy begin?"
    )
    assert read.document_topics == ["Chinese public diplomacy"]


async def test_facts_about_the_one_the_sources_number_otherwise_do_not_answer_for_another(core: Core) -> None:
    # "… in Xian, at the second meeting": facts "at the Xian meeting" are about the second, not the first.
    answer = await answer_question(
        core, "Where did the first China + Central Asia meeting of foreign ministers take place?"
    )
    assert not answer.covered and "vac-cc5-second-meeting-xian" in answer.fact_ids
    answer = await answer_question(
        core, "Where did the second China + Central Asia meeting of foreign ministers take place?"
    )
    assert answer.covered and answer.fact_ids[0] == "vac-cc5-second-meeting-xian"


async def test_the_first_years_of_a_thing_are_a_span_not_the_first_of_a_series(core: Core) -> None:
    assert core.answerer.understand("What did the SCO do in its first five years?").ordinal is None
    assert core.answerer.understand("Where was the first China + Central Asia meeting?").ordinal == "first"
    answer = await answer_question(
        core, "which year saw the SCO's declaration on its first five years signed?"
    )
    assert answer.covered and answer.fact_ids[0] == "ser-sco-fifth-anniversary-declaration-2006"


async def test_ahead_of_is_before(core: Core) -> None:
    assert core.answerer.understand("What did Beijing lend ahead of 2013?").period == (None, 2012)
    question = "Chinese money for development projects began to surge when, ahead of the Belt and Road?"
    await _read_past(core, question, "ahead", "dip-chinese-development-funding-2008")


async def test_when_a_planned_visit_will_be_is_not_when_it_was_announced(core: Core) -> None:
    # The spokesperson said on 1 July 2024 that Xi would visit "soon": no date for the visits themselves.
    answer = await answer_question(core, "So when will Xi Jinping be in Astana and in Dushanbe?")
    assert not answer.covered and answer.fact_ids[:1] == ["ank-mao-ning-announces-xi-visits"]
    answer = await answer_question(core, "What day did China's foreign ministry say Xi would visit Tokayev?")
    assert answer.covered and (answer.answer or "").startswith("1 July 2024")


async def test_the_things_a_which_question_asks_for_are_the_answer_not_other_things(core: Core) -> None:
    # The fact naming six powers with such formats is about them: naming many is no mark against it.
    answer = await answer_question(
        core, "which other powers hold a five-plus-one style dialogue with the central asian republics?"
    )
    assert answer.covered and "vac-uljevic-similar-formats" in answer.fact_ids[:2], answer.fact_ids


async def test_a_capital_of_a_country_asked_about_is_one_of_the_cities_asked_for(core: Core) -> None:
    # "met twice, in Xi'an and in Beijing": Beijing is China's capital, and China is asked about.
    answer = await answer_question(
        core, "In which two cities did the presidents of China and Kazakhstan meet during 2023?"
    )
    assert answer.covered and answer.fact_ids[:1] == ["ank-xi-tokayev-met-twice-2023"], answer.notice


async def test_back_in_a_year_is_when_not_a_backing(core: Core) -> None:
    read = core.answerer.understand("Was the SCO launched back in 1999?")
    assert "back" not in {c.text for c in read.concepts} and read.years == [1999]
    assert "back" in {c.text for c in core.answerer.understand("Did Russia back the SCO?").concepts}


async def test_the_number_of_things_counts_the_noun_past_the_names_qualifying_it(core: Core) -> None:
    read = core.answerer.understand("number of chinese government scholarships offered at the xian meeting")
    assert read.intent == "how_many" and [c.text for c in read.concepts if c.counted] == ["scholarships"]
    # The sources discuss new scholarships but count none: no other figure ("met twice") stands in for it.
    answer = await answer_question(core, "number of new scholarships china offered central asian students")
    assert not answer.covered


async def test_a_death_toll_is_a_count_of_people_the_sources_must_say_died(core: Core) -> None:
    read = core.answerer.understand("fatalities in the 2010 unrest in kyrgyzstan")
    assert read.answer_type == "figure" and read.units == ("people",)
    answer = await answer_question(core, "What was the death toll of Kyrgyzstan's July 2010 crisis?")
    assert not answer.covered and "death toll" in (answer.notice or "")


async def test_a_population_is_a_count_of_people_the_sources_must_say_live_there(core: Core) -> None:
    # "Up to 1 million Uyghurs" detained in Xinjiang is a figure of people, not Xinjiang's population …
    answer = await answer_question(core, "How large is Xinjiang's population?")
    assert not answer.covered and "population" in (answer.notice or ""), (answer.answer, answer.notice)
    # … while the SCO states "inhabited by over 3 billion people" is one.
    answer = await answer_question(core, "What was the combined population of the SCO's states?")
    assert (answer.answer or "").startswith("over 3 billion people — "), (answer.answer, answer.notice)


async def test_a_word_no_dictionary_knows_before_a_kind_of_thing_is_a_name_however_typed(core: Core) -> None:
    answer = await answer_question(core, "who is building the kambarata hydropower plant?")
    assert not answer.covered and "kambarata" in answer.question.unknown
    # A British spelling or two words run together is no name: "the chequebook" and "the defence" are words.
    answer = await answer_question(
        core, "is china's chequebook diplomacy in central asia linked to more chinese firms?"
    )
    assert answer.covered


@pytest.mark.parametrize(
    ("word", "english"),
    [("defence", True), ("programme", True), ("headcount", True), ("roadworks", True), ("kambarata", False)],
)
def test_a_british_spelling_or_two_words_run_together_could_be_english(word: str, english: bool) -> None:
    assert could_be_english(word) is english


async def test_a_timeline_typed_as_one_thing_to_another_goes_between_the_two(core: Core) -> None:
    read = core.answerer.understand("shanghai five to sco: timeline please")
    assert read.intent == "timeline" and set(read.ends) == {"shanghai-five", "sco"}
    answer = await answer_question(core, "Shanghai Five to SCO timeline")
    assert (
        answer.covered
        and "ser-shanghai-five-1996" in answer.fact_ids
        and "ser-sco-established-2001" in answer.fact_ids
    )


async def test_from_what_year_onwards_asks_since_when(core: Core) -> None:
    question = "From which year onwards does AidData's Silk Road Diplomacy data run?"
    assert "onwards" not in {c.text for c in core.answerer.understand(question).concepts}
    answer = await answer_question(core, question)
    assert answer.covered and "dip-report-scope-since-2000" in answer.fact_ids[:3]


async def test_relations_after_a_body_named_for_its_members_are_between_the_members(core: Core) -> None:
    read = core.answerer.understand("In what year did china-central asia diplomatic ties start?")
    assert "china" in {e.id for e in read.entities}
    assert "china-central-asia-format" not in {e.id for e in read.entities}
    answer = await answer_question(core, "In what year did china-central asia diplomatic ties start?")
    assert answer.covered and answer.fact_ids[0] == "him-diplomatic-relations-january-1992"
    # Its meetings are the body's own.
    read = core.answerer.understand("Who attended the China-Central Asia ministerial meeting in Xian?")
    assert "china-central-asia-format" in {e.id for e in read.entities}


async def test_what_someone_tries_to_do_asks_what_they_do(core: Core) -> None:
    question = "How is Beijing trying to become the first choice of Central Asian students going abroad?"
    assert "trying" not in {c.text for c in core.answerer.understand(question).concepts}
    answer = await answer_question(core, question)
    assert answer.covered and "him-study-destination-scholarships" in answer.fact_ids[:3]


def test_a_phrasal_verb_after_the_kind_asked_is_no_part_of_its_name(core: Core) -> None:
    read = core.answerer.understand("which sectors soak up the bulk of chinese lending?")
    assert [c.text for c in read.concepts if c.head] == ["sectors"]
    # A noun run is still one: "which policy bank" asks for a policy bank.
    read = core.answerer.understand("which policy bank lent Kazakhstan money?")
    assert "bank" in {c.text for c in read.concepts if c.head} or read.wanted is not None


async def test_a_fact_that_says_the_kind_of_thing_listed_comes_before_one_that_does_not(core: Core) -> None:
    answer = await answer_question(
        core, "Which standing organs does the security bloc founded in Shanghai keep up?"
    )
    assert answer.covered and "ser-sco-two-standing-organs" in answer.fact_ids[:3]


async def test_a_keyword_query_naming_a_total_asks_for_a_figure(core: Core) -> None:
    read = core.answerer.understand("kyrgyzstan chinese lending total corridors of power")
    assert read.intent == "how_much" and read.answer_type == "figure"
    # A total for the five countries together is no total for one of them.
    answer = await answer_question(core, "uzbekistan total chinese financing per aiddata")
    assert not answer.covered


async def test_giving_up_the_top_job_is_resigning_the_presidency(core: Core) -> None:
    answer = await answer_question(core, "In which year did Nazarbayev give up the top job in Astana?")
    assert answer.covered and (answer.answer or "").startswith("2019")


async def test_an_event_described_by_what_it_left_something_unable_to_do(core: Core) -> None:
    answer = await answer_question(
        core, "In what year was the Kyrgyz crisis that left the SCO powerless to act?"
    )
    assert answer.covered and (answer.answer or "").startswith("July 2010")


async def test_how_far_a_border_runs_is_its_length(core: Core) -> None:
    read = core.answerer.understand("How far does the Kazakh–Chinese border stretch?")
    assert read.intent == "how_much" and read.units == ("km",) and not read.concepts[1:]
    answer = await answer_question(core, "how far does the border between china and kazakhstan run")
    assert answer.covered and (answer.answer or "").startswith("1,700 km")


async def test_ex_soviet_republics_of_a_region_are_what_the_states_were(core: Core) -> None:
    question = "How many of the ex-Soviet Central Asian states belong to the SCO?"
    assert "soviet-union" not in {e.id for e in core.answerer.understand(question).entities}
    answer = await answer_question(core, question)
    assert answer.covered and answer.fact_ids[0] == "vac-sco-four-of-five-members"
    # A former head of state is still one: "former" before a person's office describes no states.
    read = core.answerer.understand("Which former Chinese head of state proclaimed the Shanghai Spirit?")
    assert "china" in {e.id for e in read.entities}


async def test_a_document_described_by_its_subject_is_the_named_outlet_s(core: Core) -> None:
    question = (
        "What does Chinese financial diplomacy include, according to The Diplomat's article on Kazakhstan?"
    )
    answer = await answer_question(core, question)
    assert answer.question.documents == {"diplomat-kazakhstan-silk-road"}
    assert answer.covered and "dip-bri-financial-diplomacy-growth" in answer.fact_ids[:3]


async def test_what_tends_to_follow_in_terms_of_something_asks_what_follows(core: Core) -> None:
    read = core.answerer.understand("What tends to come with Chinese lending in terms of migrants and firms?")
    assert not {"tends", "terms"} & {c.text for c in read.concepts}
    answer = await answer_question(
        core, "What tends to come with Chinese lending in terms of migrants and firms?"
    )
    assert answer.covered and "dip-report-migrants-firms" in answer.fact_ids[:3]


async def test_from_what_year_a_dataset_begins_is_where_its_span_starts(core: Core) -> None:
    answer = await answer_question(core, "From which year does AidData's public diplomacy dataset start?")
    assert answer.covered and (answer.answer or "").startswith("Since 2000")


async def test_how_many_people_see_something_a_poll_answers_with_its_share(core: Core) -> None:
    answer = await answer_question(
        core, "How many people in Kyrgyzstan view China unfavourably, per the barometer?"
    )
    assert answer.covered and (answer.answer or "").startswith("35 per cent")
    # How many were asked is the sample, which a share does not give.
    answer = await answer_question(
        core, "How many people in Kyrgyzstan were surveyed by the Central Asia Barometer?"
    )
    assert not answer.covered


async def test_a_branch_of_industry_is_a_sector(core: Core) -> None:
    answer = await answer_question(
        core, "Which branch of industry did China's $5 billion 2011 loan to Kazakhstan go to?"
    )
    assert answer.covered and answer.fact_ids[0] == "ank-petrochemical-loan-2011"


async def test_the_sequence_from_one_thing_to_another_is_a_timeline(core: Core) -> None:
    question = "Take me through the steps from the Shanghai Five to the SCO Charter"
    read = core.answerer.understand(question)
    assert read.intent == "timeline" and set(read.ends) == {"shanghai-five", "sco-charter"}
    answer = await answer_question(core, question)
    assert answer.covered and {"ser-shanghai-five-1996", "ser-sco-charter-2002"} <= set(answer.fact_ids)


async def test_caught_off_guard_is_paralysed(core: Core) -> None:
    answer = await answer_question(
        core, "In which year was the SCO caught off guard by the crisis in Kyrgyzstan?"
    )
    assert answer.covered and (answer.answer or "").startswith("July 2010")


async def test_what_a_source_is_against_describes_it(core: Core) -> None:
    question = "According to the anti-CCP website, which sectors got most of China's money in Central Asia?"
    read = core.answerer.understand(question)
    assert "communist-party-of-china" not in {e.id for e in read.entities}
    answer = await answer_question(core, question)
    assert answer.covered and "him-energy-transport-concentration" in answer.fact_ids[:3]


async def test_which_exercises_or_vaccines_asks_for_ones_the_sources_name(core: Core) -> None:
    # The sources say China took part in exercises "many times" and offered vaccine cooperation, naming neither.
    for question in (
        "Which joint military drills has China taken part in in the region?",
        "Which Chinese vaccines went to Kyrgyzstan and Tajikistan?",
    ):
        answer = await answer_question(core, question)
        assert not answer.covered, question
    read = core.answerer.understand("Which military exercises has China taken part in in Central Asia?")
    assert "taken in" not in {c.text for c in read.concepts}


async def test_the_members_a_group_brought_together_may_include_the_one_it_is_named_by(core: Core) -> None:
    question = "Which five states did China's 1996 border grouping bring together?"
    assert core.answerer.understand(question).members
    answer = await answer_question(core, question)
    assert answer.covered and answer.fact_ids[0] == "ser-shanghai-five-1996"


async def test_what_a_body_runs_is_what_it_has(core: Core) -> None:
    answer = await answer_question(core, "Where does China run a military base, per Avdaliani?")
    assert answer.covered and answer.fact_ids[0] == "him-avdaliani-military-base-tajikistan"


async def test_a_claim_to_check_may_drop_its_that(core: Core) -> None:
    answer = await answer_question(core, "is it correct the SCO was set up in 2002?")
    assert answer.question.polar and (answer.answer or "").startswith("The sources give 2001, not 2002")
    answer = await answer_question(
        core, "Is it true or false that the Belt and Road Initiative began in 2013?"
    )
    assert answer.covered and (answer.answer or "").startswith("Yes, 2013")


async def test_what_an_event_left_behind_is_what_it_did(core: Core) -> None:
    answer = await answer_question(
        core, "When did the Soviet collapse leave Kazakhstan and its neighbours independent?"
    )
    assert answer.covered and (answer.answer or "").startswith("1991")


async def test_in_a_nutshell_and_in_someone_s_telling_frame_the_question(core: Core) -> None:
    answer = await answer_question(
        core, "In a nutshell, what are China's interests in Tajikistan, per ANKASAM?"
    )
    assert answer.covered and "ank-china-interests-economic-strategic-security" in answer.fact_ids[:3]
    answer = await answer_question(
        core, "In Serikkaliyeva's telling, since when have Kazakh-Chinese relations grown fast?"
    )
    assert answer.covered and answer.fact_ids[0] == "ser-kz-china-relations-rapid-since-1997"


async def test_public_health_help_is_covid_cooperation(core: Core) -> None:
    answer = await answer_question(core, "What public-health cooperation did Wang Yi offer in Xian?")
    assert answer.covered and "vac-vaccine-cooperation-offer" in answer.fact_ids[:3]


async def test_the_make_up_of_a_thing_is_the_thing(core: Core) -> None:
    question = "How is the make-up of China-Kazakhstan trade changing, per the Ankara analysis?"
    assert "make up of" not in {c.text for c in core.answerer.understand(question).concepts}
    answer = await answer_question(core, question)
    assert answer.covered and "ank-kz-trade-beyond-oil-gas" in answer.fact_ids[:3]


async def test_how_soon_afterwards_asks_when(core: Core) -> None:
    question = "The Central Asian republics became independent in 1991; how soon afterwards did Beijing open relations?"
    assert "afterwards" not in {c.text for c in core.answerer.understand(question).concepts}


async def test_a_fact_about_the_thing_set_aside_comes_after_the_others(core: Core) -> None:
    answer = await answer_question(
        core, "Apart from the 2016 land code protests, which other Kazakh protests does AidData cite?"
    )
    assert answer.covered and answer.fact_ids[0] == "dip-protests-2019"


async def test_a_long_question_need_not_have_a_third_of_its_words_said(core: Core) -> None:
    question = (
        "Why does the Canberra-based associate professor quoted on the Xian meeting believe China is expanding its "
        "footprint across the region?"
    )
    assert len(core.answerer.understand(question).concepts) >= 6
    answer = await answer_question(core, question)
    assert answer.covered and answer.fact_ids[0] == "vac-clarke-natural-resources"


async def test_a_report_named_in_a_description_is_the_report_asked_about(core: Core) -> None:
    # "Silk Road diplomacy" names the AidData report the sources tell of, not the journal article on the New Silk
    # Road, which says more of those words.
    answer = await answer_question(
        core,
        "According to the AidData report on China's Silk Road diplomacy, how many South and Central Asian "
        "countries were examined?",
    )
    assert answer.covered and answer.fact_ids[0] == "dip-report-12-sca-countries", answer.fact_ids
    assert answer.answer is not None and answer.answer.startswith("12 ")


async def test_a_year_set_aside_is_not_the_year_asked_for(core: Core) -> None:
    for question in (
        "Other than 2016, in which later year were there anti-Chinese protests in Kazakhstan?",
        "Besides 2016, when did Kazakhs protest against China?",
    ):
        answer = await answer_question(core, question)
        assert answer.covered and answer.fact_ids[0] == "dip-protests-2019", (question, answer.fact_ids)
        assert answer.answer is not None and answer.answer.startswith("2019 — "), answer.answer
    # Set aside with a side to look on: an earlier year than 2019 is asked for.
    read = core.answerer.understand(
        "Apart from 2019, in what earlier year did Kazakhs protest against China?"
    )
    assert read.intent == "when" and read.period == (None, 2018) and not read.years


async def test_the_adjective_of_a_compass_point_is_the_point(core: Core) -> None:
    # The sources write "North-South"; "northern" and "southern" are found nowhere in them.
    answer = await answer_question(
        core,
        "When was the agreement on the line linking Tajikistan's northern and southern power grids signed?",
    )
    assert answer.covered and answer.fact_ids[0] == "ank-north-south-line-agreement-2006", answer.fact_ids


async def test_a_state_falling_apart_is_its_collapse(core: Core) -> None:
    answer = await answer_question(core, "When did the USSR fall apart?")
    assert answer.covered and answer.fact_ids[0] == "him-soviet-dissolution-independence", answer.fact_ids


async def test_a_measure_word_whose_view_is_asked_is_not_a_figure_asked_for(core: Core) -> None:
    # "local populations" are whose wariness is asked about, not a population to give in figures.
    read = core.answerer.understand("What are local populations wary of, in Clarke's view?")
    assert read.answer_type != "figure"
    answer = await answer_question(core, "What are local populations wary of, in Clarke's view?")
    assert answer.covered and answer.fact_ids[0] == "vac-clarke-elite-public-divide", answer.fact_ids
    # Asked for, it is still a figure: "what is the population of …", "what was Kazakhstan's share?"
    assert (
        core.answerer.understand("What is the population of the SCO's member states?").answer_type == "figure"
    )
    assert core.answerer.understand("What was Kazakhstan's share?").answer_type == "figure"


async def test_aid_and_outreach_are_met_by_the_financing_and_diplomacy_the_sources_write_of(
    core: Core,
) -> None:
    # The sources write "financial diplomacy investments": aid is a kind of financing, outreach of diplomacy.
    answer = await answer_question(
        core, "What fraction of China's aid went to Kazakhstan according to The Diplomat?"
    )
    assert answer.covered and answer.fact_ids[0] == "dip-kazakhstan-quarter-financial-diplomacy", (
        answer.fact_ids
    )
    answer = await answer_question(
        core, "According to AidData, which country receives the most Chinese outreach in the region?"
    )
    assert answer.covered and answer.fact_ids[0] == "dip-kazakhstan-greatest-volume", answer.fact_ids


async def test_what_grew_out_of_a_thing_is_what_it_became(core: Core) -> None:
    answer = await answer_question(core, "What organisation grew out of the Shanghai Five?")
    assert answer.covered and answer.fact_ids[0] == "ser-shanghai-five-to-sco-transformation", answer.fact_ids


async def test_mankind_is_the_worlds_population(core: Core) -> None:
    answer = await answer_question(core, "SCO member states: what portion of mankind?")
    assert answer.covered and answer.fact_ids[0] == "ser-sco-population-45-percent", answer.fact_ids


async def test_a_figure_for_one_project_alone_is_not_a_total_over_several(core: Core) -> None:
    # The sources give one total for a highway, a tunnel, a power line and a plant: not the tunnel's own share.
    answer = await answer_question(core, "How much did China lend for the Ozodi Tunnel alone?")
    assert not answer.covered, answer.fact_ids
    assert "ank-tj-projects-financing-1-billion" in answer.fact_ids, answer.fact_ids  # shown as related
    answer = await answer_question(
        core, "How much did Chinese lenders provide for the Ozodi Tunnel on its own?"
    )
    assert not answer.covered, answer.fact_ids
    # Asked without "alone", the total that includes the tunnel is what the sources give.
    answer = await answer_question(core, "What sum did Beijing put up for the Ozodi Tunnel?")
    assert answer.covered and answer.fact_ids[0] == "ank-tj-projects-financing-1-billion", answer.fact_ids


async def test_the_thing_set_up_is_what_a_when_question_dates(core: Core) -> None:
    # No source dates the base; that China established relations with the region in 1992 dates something else.
    answer = await answer_question(core, "When was China's military base in Tajikistan set up?")
    assert not answer.covered, answer.fact_ids
    assert answer.fact_ids[0] == "him-avdaliani-military-base-tajikistan", answer.fact_ids  # shown as related


async def test_who_founded_a_body_need_not_be_named_by_the_fact_dating_it(core: Core) -> None:
    answer = await answer_question(core, "When did China found the SCO?")
    assert answer.covered and answer.fact_ids[0] == "ser-sco-established-2001", answer.fact_ids
    assert answer.answer is not None and answer.answer.startswith("2001 — ")
    # … nor is a fact naming only the founder an answer: China's ties with Kazakhstan were set up in 1992.
    assert "ser-kz-china-diplomatic-relations-1992" not in answer.fact_ids, answer.fact_ids
    # A country's ties are dated by the facts naming it, not by another country's.
    answer = await answer_question(
        core, "On which day did Turkmenistan establish diplomatic relations with China?"
    )
    assert not answer.covered and "ser-kz-china-diplomatic-relations-1992" not in answer.fact_ids, (
        answer.fact_ids
    )


async def test_places_in_a_series_offered_to_choose_from_are_what_is_asked(core: Core) -> None:
    # "the first or the second?": the fact numbering the Xian meeting answers, whichever number it gives.
    question = "Which China + Central Asia meeting took place in Xian, the first or the second?"
    assert core.answerer.understand(question).ordinal is None
    answer = await answer_question(core, question)
    assert answer.covered and answer.fact_ids[0] == "vac-cc5-second-meeting-xian", answer.fact_ids
    # One place named is still the one asked about.
    assert (
        core.answerer.understand("Where was the first China + Central Asia meeting held?").ordinal == "first"
    )


async def test_a_year_after_a_lasting_things_name_says_which_one_is_meant(core: Core) -> None:
    # "The Shanghai Five of 1996" is the body set up then; what it turned into happened in 2001.
    question = "What did the Shanghai Five of 1996 turn into?"
    assert core.answerer.understand(question).years == []
    answer = await answer_question(core, question)
    assert answer.covered and answer.fact_ids[0] == "ser-shanghai-five-to-sco-transformation", answer.fact_ids
    # An event's year still says when: the forum of 2019 is not the forum of another year.
    assert core.answerer.understand("Who spoke at the Belt and Road Forum of 2019?").years == [2019]


async def test_which_end_of_a_span_asked_for_asks_when(core: Core) -> None:
    question = "From what start year does AidData's Silk Road Diplomacy report analyse data?"
    read = core.answerer.understand(question)
    assert read.intent == "when" and "start" not in {c.text for c in read.concepts}
    answer = await answer_question(core, question)
    assert answer.covered and answer.answer is not None and answer.answer.startswith("2000 — "), answer.answer


async def test_keywords_ending_on_dates_ask_when_and_a_span_of_years_does_not(core: Core) -> None:
    assert core.answerer.understand("xi visit kazakhstan 2024 dates").intent == "when"
    # (the visit was announced for "soon": no date is given)
    assert not (await answer_question(core, "xi visit kazakhstan 2024 dates")).covered
    assert core.answerer.understand("china kazakhstan ties over 30 years").intent != "when"


async def test_a_percent_sign_or_a_count_per_hundred_asks_for_a_share(core: Core) -> None:
    for question, share in (
        ("% of kyrgyz unfavourable to china", "35 per cent"),
        ("how many in every hundred Kazakhs dislike China", "30 per cent"),
    ):
        answer = await answer_question(core, question)
        assert answer.answer is not None and answer.answer.startswith(f"{share} — "), (
            question,
            answer.answer,
        )
    # Russia's ratings are "single-digit": no share is given.
    answer = await answer_question(core, "precise % of kyrgyz unfavourable to russia")
    assert not answer.covered, answer.fact_ids


async def test_a_word_before_islands_is_a_name(core: Core) -> None:
    answer = await answer_question(core, "spratly islands china dispute")
    assert not answer.covered and answer.notice is not None and "spratly" in answer.notice, answer.notice


async def test_he_in_a_second_question_is_the_person_the_first_could_not_name(core: Core) -> None:
    answer = await answer_question(
        core, "Who is Beijing's envoy to Astana, and what did he say about the pipeline?"
    )
    assert not answer.covered, (answer.answer, answer.fact_ids)
    # A person the sources do name is still answered for: what Mao Ning said.
    answer = await answer_question(core, "Who is Mao Ning and what did she say about Kazakhstan?")
    assert answer.covered and "ank-kz-friendly-neighbour-strategic-partner" in answer.fact_ids, (
        answer.fact_ids
    )


async def test_the_askers_words_for_the_sources_words(core: Core) -> None:
    for question, expected in (
        ("What is the headcount of the 18 states the SCO brings together?", "ser-sco-population-3-billion"),
        (
            "Which city in northwest China hosted the second China + Central Asia meeting?",
            "vac-cc5-second-meeting-xian",
        ),
        ("Which pillars did Beijing's new foreign policy rest on?", "ser-new-diplomacy-three-pillars"),
        ("What share of Kyrgyz have a low opinion of China?", "vac-cab-kyrgyzstan-unfavourable-china"),
        (
            "When did Astana and Beijing put pen to paper on their friendship treaty?",
            "ser-kz-china-treaty-2002-signed",
        ),
        (
            "How many face-to-face encounters did Xi and Tokayev have in 2023?",
            "ank-xi-tokayev-met-twice-2023",
        ),
    ):
        answer = await answer_question(core, question)
        assert answer.covered and answer.fact_ids[0] == expected, (question, answer.fact_ids)


async def test_an_adjective_asked_is_said_by_its_adverb(core: Core) -> None:
    # The source has funding that "increased sharply"; "sharp" is not a word found nowhere.
    answer = await answer_question(
        core, "When was the sharp rise in Chinese funding of development projects?"
    )
    assert answer.covered and answer.answer is not None and answer.answer.startswith("2008 — "), answer.answer


async def test_name_the_one_person_asks_who_it_is(core: Core) -> None:
    # The sources name no Central Asian minister at the Xian talks: no one is the answer.
    answer = await answer_question(core, "Name the Kyrgyz foreign minister who met Wang Yi in Xian.")
    assert not answer.covered and answer.answer is None, (answer.answer, answer.fact_ids)
    answer = await answer_question(
        core, "Name the Chinese foreign ministry spokesperson who announced Xi's 2024 visits."
    )
    assert answer.answer is not None and answer.answer.startswith("Mao Ning — "), answer.answer


async def test_how_many_times_is_not_answered_by_a_span_of_years(core: Core) -> None:
    # "His first visit there in five years" says how long since, not how many visits.
    answer = await answer_question(core, "How many times had Xi been to Tajikistan before his 2024 visit?")
    assert not answer.covered and answer.answer is None, answer.answer
    # … while a count of the occasions in words answers.
    answer = await answer_question(core, "How many times did Xi and Tokayev meet in 2023?")
    assert answer.answer is not None and answer.answer.startswith("twice — "), answer.answer


async def test_looking_kindly_on_and_souring_on_are_views(core: Core) -> None:
    answer = await answer_question(core, "Which Kazakhs look kindly on Beijing and which are souring on it?")
    assert answer.covered and "dip-kazakhstan-elite-vs-public" in answer.fact_ids[:3], answer.fact_ids


async def test_the_value_of_a_deal_is_the_value_of_what_it_is_in(core: Core) -> None:
    # "The uranium contract": what the figure measures is the uranium; the fact need not call it a contract.
    answer = await answer_question(core, "What was the value of the 2011 Kazakh uranium contract?")
    assert answer.answer is not None and answer.answer.startswith("an estimated $8 billion — "), answer.answer
    # … and a deal in a thing no figure is given for is still not covered.
    answer = await answer_question(
        core, "What was the value of the gas contract China signed with Kazakhstan in 2011?"
    )
    assert not answer.covered and answer.answer is None, answer.answer


async def test_a_name_after_the_thing_measured_starts_a_clause_about_it(core: Core) -> None:
    # "… the uranium deal China agreed with Kazakhstan": the uranium is measured, not what China agreed.
    answer = await answer_question(
        core, "What was the value of the uranium deal China agreed with Kazakhstan?"
    )
    assert answer.answer is not None and answer.answer.startswith("an estimated $8 billion — "), answer.answer


async def test_the_year_before_a_dated_thing_is_the_year_asked(core: Core) -> None:
    answer = await answer_question(
        core, "How often did Xi and Tokayev meet in the year prior to the 2024 state visit?"
    )
    assert answer.answer is not None and answer.answer.startswith("twice — "), answer.answer
    # … and the year after it is one the sources say nothing of.
    answer = await answer_question(
        core, "How often did Xi and Tokayev meet in the year after the 2024 state visit?"
    )
    assert not answer.covered and answer.answer is None, answer.answer


async def test_it_in_a_second_question_is_the_thing_the_first_names_and_the_sources_do_not(
    core: Core,
) -> None:
    answer = await answer_question(
        core, "What is the Zhetysu Logistics Hub near the China-Kazakhstan frontier, and who runs it?"
    )
    assert not answer.covered, answer.answer


async def test_an_amount_after_a_possessive_of_is_the_whole_a_part_is_asked_of(core: Core) -> None:
    # "Of Tajikistan's almost $1 billion": the total, which does not say what the tunnel got.
    for question in (
        "Of Tajikistan's almost $1 billion in Chinese money, how much paid for the Ozodi Tunnel?",
        "How much of Kazakhstan's $33 billion from China went to the gas pipeline?",
    ):
        answer = await answer_question(core, question)
        assert not answer.covered, (question, answer.answer)


async def test_a_thing_pointed_back_to_by_its_kind_is_the_one_the_context_names(core: Core) -> None:
    # "That grouping" is the Shanghai Five the asker's note names: the question after the context is read with it.
    answer = await answer_question(
        core, "My notes mention the Shanghai Five. In which year was that grouping set up?"
    )
    assert answer.answer is not None and answer.answer.startswith("1996 — "), answer.answer
    # "Those trips" are the visits announced, which no source dates: not the day they were announced.
    answer = await answer_question(
        core,
        "We are drafting a chronology: Mao Ning says Xi will soon visit Kazakhstan and Tajikistan. "
        "On which days did those trips happen?",
    )
    assert not answer.covered, answer.answer
    # "Those two meetings": the count is the context's; the question is not read alone as asking how many.
    answer = await answer_question(
        core,
        "I'm writing up Xi's summits and know he met Tokayev twice in 2023. Where did those two meetings take place?",
    )
    assert answer.answer is None or not answer.answer.startswith("twice"), answer.answer


async def test_a_question_naming_only_a_measure_measures_what_the_context_tells_of(core: Core) -> None:
    answer = await answer_question(
        core,
        "My draft says Kazakhstan and China share a frontier of some 1,500 km. What is the exact length?",
    )
    assert answer.covered and answer.fact_ids[0] == "ser-kz-china-border-length", answer.fact_ids


async def test_a_number_before_a_name_of_many_words_counts_the_things_named(core: Core) -> None:
    # "… of the 12 South and Central Asian countries it examined": 12 counts them (and "of the" is no part of a
    # whole here: no number or "most" before it).
    answer = await answer_question(
        core,
        "Kazakhstan gets more of Beijing's public diplomacy than any other country in the AidData study; "
        "out of how many countries?",
    )
    assert answer.answer is not None and answer.answer.startswith("12 — "), answer.answer
    # … but not twelve Central Asian countries: the "and" joins the South Asian ones to them.
    answer = await answer_question(core, "How many Central Asian countries are there?")
    assert answer.answer is not None and answer.answer.startswith("five — "), answer.answer


async def test_two_views_named_one_after_the_other_are_set_side_by_side(core: Core) -> None:
    answer = await answer_question(
        core, "How do Yu Jianhua's reading of the Shanghai bloc and Western perspectives on it differ?"
    )
    assert answer.covered and answer.answer is not None, answer.notice
    assert {"ser-yu-jianhua-non-traditional-security", "ser-western-view-authoritarian-regime-change"} <= set(
        answer.fact_ids[:3]
    ), answer.fact_ids
    # "Chinese and Western interpretations": the Chinese side is not given the Western view found by its noun.
    answer = await answer_question(
        core, "How do Chinese and Western interpretations of the Shanghai bloc differ?"
    )
    assert not (answer.answer or "").startswith("Chinese interpretations: Western"), answer.answer


async def test_sharing_the_askers_time_frame_is_not_saying_what_was_asked(core: Core) -> None:
    # "Over the past two decades" (of Chinese financing) says nothing of trade over the last decade.
    answer = await answer_question(
        core,
        "For a chart of Sino-Kyrgyz commerce: how has the yearly value of China–Kyrgyzstan trade moved over the "
        "last decade, in figures?",
    )
    assert not answer.covered, answer.fact_ids


async def test_how_many_compared_with_asks_for_a_figure_on_each_side(core: Core) -> None:
    # No source counts students or scholarships by country: not answered by facts saying Beijing courts both.
    for question in (
        "How many Chinese students study in Kazakhstan compared with Kyrgyzstan?",
        "How many scholarships did Beijing give Kyrgyzstan compared with Kazakhstan?",
    ):
        answer = await answer_question(core, question)
        assert not answer.covered, (question, answer.fact_ids)
    # … while each side's own figure answers, though no fact names both countries.
    answer = await answer_question(
        core, "How much Chinese financing did Kazakhstan get compared with Turkmenistan?"
    )
    assert answer.covered and {"him-kazakhstan-33-billion", "him-turkmenistan-9-billion"} <= set(
        answer.fact_ids[:3]
    )


async def test_a_country_described_by_its_mountains_is_that_country(core: Core) -> None:
    # Tajikistan is the Pamir country and Kyrgyzstan the Tian Shan one: words no fact says, but the countries'
    # descriptions do, so they neither block the answer nor leave the country out.
    answer = await answer_question(
        core, "Which hydroelectric scheme did Chinese money help get going in the Pamir country?"
    )
    assert answer.covered and "ank-zarafshan-hydropower-initiated" in answer.fact_ids[:3], (
        answer.notice,
        answer.fact_ids,
    )
    answer = await answer_question(core, "In which year was the mountainous Tian Shan republic in crisis?")
    assert answer.covered and answer.fact_ids[:1] == ["ser-sco-paralysis-kyrgyzstan-2010"], (
        answer.notice,
        answer.fact_ids,
    )


async def test_an_analysts_republics_are_countries(core: Core) -> None:
    answer = await answer_question(
        core, "How many post-Soviet republics in the region gained independence when the USSR fell apart?"
    )
    assert (answer.answer or "").startswith("five — "), (answer.answer, answer.notice)


async def test_an_amount_written_as_one_adjective_names_the_thing_and_is_not_what_is_asked(
    core: Core,
) -> None:
    # "The billion-dollar package" is the package; the question counts the schemes it paid for, listed by name.
    for question in (
        "How many individual schemes did the near billion-dollar Chinese financing for Tajikistan include?",
        "how many different projects did China's billion-dollar Tajik package comprise",
    ):
        answer = await answer_question(core, question)
        assert (answer.answer or "").startswith("4 (counted in the list) — "), (question, answer.answer)


async def test_things_counted_by_their_kind_must_be_named_as_a_list(core: Core) -> None:
    # "Turkmenistan is the second-largest Central Asian recipient of Chinese financing" names two countries in a
    # clause each: it counts none. Nor does "the five Central Asian countries and South Asia" count five.
    answer = await answer_question(core, "How many countries did the Corridors of Power study cover?")
    assert not answer.covered, (answer.answer, answer.fact_ids)


async def test_a_capitalised_phrase_the_thesaurus_knows_as_an_entity_is_a_known_name(core: Core) -> None:
    # "the Middle Kingdom" is China: written with capitals it is no name the sources lack.
    answer = await answer_question(
        core, "Which country do most land routes from the Middle Kingdom to Europe cross, per Serikkaliyeva?"
    )
    assert answer.covered and answer.fact_ids[:1] == ["ser-kz-routes-china-europe"], (
        answer.notice,
        answer.fact_ids,
    )


async def test_overland_paths_are_routes(core: Core) -> None:
    answer = await answer_question(core, "Most overland paths between China and Europe cross which country?")
    assert answer.covered and answer.fact_ids[:1] == ["ser-kz-routes-china-europe"], (
        answer.notice,
        answer.fact_ids,
    )


async def test_a_body_named_by_the_year_it_dates_from_is_that_body(core: Core) -> None:
    # "The 2001 bloc" is the SCO (its description gives the year): the year names it and asks for nothing of 2001.
    answer = await answer_question(
        core, "What share of the world's people live in the member states of the 2001 bloc?"
    )
    assert (answer.answer or "").startswith("over 45 percent — "), (answer.answer, answer.notice)
    assert "sco" in {e.id for e in answer.question.entities}


async def test_a_year_before_words_describing_a_body_it_dates_from_names_that_body(core: Core) -> None:
    # "The 2001 regional security bloc": the year and the words after it describe the SCO, founded then; it
    # asks for nothing of 2001 …
    answer = await answer_question(
        core, "How many people live in the 18 states of the 2001 regional security bloc?"
    )
    assert (answer.answer or "").startswith("over 3 billion people — "), (answer.answer, answer.notice)
    # … but a year not that body's, or one the words after it do not follow at once, is still asked about.
    assert core.answerer.understand("What did the 2023 SCO declaration say about terrorism?").years == [2023]
    assert core.answerer.understand("In which month of 2001 was the SCO established?").years == [2001]


async def test_the_forerunner_of_a_named_body_is_the_one_asked_about(core: Core) -> None:
    # "The predecessor of the SCO", as "the SCO's predecessor": the Shanghai Five, set up in 1996.
    answer = await answer_question(
        core, "When was the predecessor of the Shanghai Cooperation Organisation set up?"
    )
    assert (answer.answer or "").startswith("1996 — "), (answer.answer, answer.notice)
    # … and a year with words describing the body it dates, after "forerunner of", names that body.
    q = core.answerer.understand("Who led the forerunner of the 2001 Asian security grouping?")
    assert [e.id for e in q.entities] == ["shanghai-five"] and not q.years


async def test_a_city_of_the_one_country_asked_about_is_named_by_the_country_s_seat(core: Core) -> None:
    # The entity base keeps Dushanbe as a name of Tajikistan: "which Tajik city" is answered by a fact saying
    # "in Dushanbe" …
    answer = await answer_question(
        core, "Which Tajik city did the Shanghai Five summit of 2000 take place in?"
    )
    assert answer.covered and answer.fact_ids[:1] == ["ser-shanghai-spirit-jiang-zemin-2000"], answer.notice
    # … and where a fact puts something in a country's seat, the answer line names the city, then the country.
    answer = await answer_question(core, "Where did Xi and Jeenbekov hold their press conference?")
    assert (answer.answer or "").startswith("Bishkek (Kyrgyzstan) — "), answer.answer
    # Of two countries asked about, "Beijing" in a quote is not the city a meeting was held in.
    answer = await answer_question(
        core, "In which cities did the Chinese and Kazakh presidents meet in 2023?"
    )
    assert answer.fact_ids[:1] == ["ank-xi-tokayev-met-twice-2023"], answer.fact_ids


async def test_a_multi_billion_dollar_amount_describes_the_thing_asked_about(core: Core) -> None:
    answer = await answer_question(
        core, "When did China pledge its multi-billion-dollar Kazakh uranium purchase?"
    )
    assert (answer.answer or "").startswith("2011 — "), (answer.answer, answer.notice)


async def test_the_river_a_plant_stands_on_says_where_the_plant_is(core: Core) -> None:
    answer = await answer_question(core, "Where is the hydropower plant China helped finance in Tajikistan?")
    assert (answer.answer or "").startswith("Zarafshan River — "), (answer.answer, answer.notice)


async def test_the_larger_part_asked_for_is_told_by_a_fact_saying_where_most_went(core: Core) -> None:
    # "The bulk of … pay for": the fact saying what it was mainly used for, before the figures for all of it.
    answer = await answer_question(core, "What did the bulk of Chinese credit to Kazakhstan pay for?")
    assert answer.covered and answer.fact_ids[:1] == ["him-kazakhstan-gas-pipeline"], answer.fact_ids
    # … and where most of a whole went is not every place the whole went to ("… and South Asia").
    answer = await answer_question(core, "Where did most of China's 127 billion dollars of aid go?")
    assert not (answer.answer or "").startswith("South Asia"), answer.answer


async def test_which_two_things_may_be_named_by_a_fact_each(core: Core) -> None:
    # NATO in one fact ("the NATO of the East"), the Warsaw Pact in another: two between them, as asked.
    answer = await answer_question(core, "Which two military alliances have analysts compared the SCO with?")
    assert answer.covered and set(answer.fact_ids[:2]) == {
        "ser-sco-nato-of-the-east",
        "ser-sco-new-warsaw-pact",
    }, (
        answer.notice,
        answer.fact_ids,
    )
    # Three asked for, two named: not an answer.
    answer = await answer_question(
        core, "Which three military alliances have analysts compared the SCO with?"
    )
    assert not answer.covered, answer.fact_ids


async def test_a_count_of_things_listed_by_name_allows_a_word_of_the_askers_own(core: Core) -> None:
    # "summary" is the asker's word, and "out of all proportion" asks for no share; the fact names the two
    # countries as a list.
    answer = await answer_question(
        core,
        "How many republics did China court out of all proportion with twinned towns and study grants, per the "
        "AidData study's summary?",
    )
    assert (answer.answer or "").startswith("2 (counted in the list) — "), (answer.answer, answer.notice)


async def test_who_did_a_deed_the_sources_never_tell_of_is_not_covered(core: Core) -> None:
    # No source says who translated anything: the analyst making the claim is no answer.
    answer = await answer_question(
        core, "Who translated the Himalaya piece relaying the claim of a Chinese base in Tajikistan?"
    )
    assert not answer.covered and answer.answer is None, answer.answer
    assert "translated" in (answer.notice or ""), answer.notice


async def test_months_asked_for_are_not_answered_by_a_year(core: Core) -> None:
    for question in (
        "In what months did Xi Jinping and Tokayev meet in 2023?",
        "What year and month did Xi and Tokayev meet in Xi'an?",
    ):
        answer = await answer_question(core, question)
        assert not answer.covered and "month" in (answer.notice or ""), (question, answer.answer)


async def test_a_number_quoted_with_its_unit_pins_only_figures_in_that_unit(core: Core) -> None:
    # "The survey with 30 per cent": not "30 years of relations", dated 1992.
    answer = await answer_question(
        core,
        "When did the Barometer survey finding 30 per cent of Kazakhs viewing China unfavourably take place?",
    )
    assert "1992" not in (answer.answer or ""), answer.answer


async def test_a_sum_asked_for_one_country_is_not_another_countrys_or_a_share(core: Core) -> None:
    # No source gives an amount for Uzbekistan: Kazakhstan's $33 billion is not it, "in AidData reports" being
    # whose figures they are, not a thing the figure is for; nor is "more than a quarter" a sum of funding.
    for question in (
        "how much money China gave to Uzbekistan by financial diplomacy in AidData reports?",
        "How much funding did the State Department give AidData for its report on Chinese influence?",
    ):
        answer = await answer_question(core, question)
        assert not answer.covered, (question, answer.answer)


async def test_a_fact_naming_every_country_compared_compares_them_itself(core: Core) -> None:
    # "Russia's ratings in Kazakhstan and Kyrgyzstan were in single digits, well below China's" is Russia's side,
    # though it names two more countries than those compared.
    answer = await answer_question(
        core, "How do unfavourable opinions of Moscow in the Barometer polls compare with those of Beijing?"
    )
    assert answer.covered and "vac-cab-russia-single-digit-unfavourable" in answer.fact_ids, (
        answer.notice,
        answer.fact_ids,
    )


async def test_two_people_compared_are_the_sides_and_the_countries_what_they_speak_of(core: Core) -> None:
    answer = await answer_question(
        core, "Compare what Umarov and Avdaliani say about Russia's role in Central Asia"
    )
    assert answer.covered and {"vac-umarov-russia-no-conflict", "him-avdaliani-replaced-russia"} <= set(
        answer.fact_ids[:3]
    ), (answer.notice, answer.fact_ids)


async def test_trace_or_outline_frames_the_question(core: Core) -> None:
    answer = await answer_question(
        core, "Trace Chinese development funding over time: in what year did it first rise sharply?"
    )
    assert (answer.answer or "").startswith("2008 — "), (answer.answer, answer.notice)


async def test_china_may_go_unsaid_in_a_fact_about_the_other_things_named(core: Core) -> None:
    # China is the constant party of the field: "the Central Asian recipient countries share abundant oil" is about
    # the recipients of Chinese money without naming China, and so is a fact about the SCO without its members.
    for question, expected in (
        (
            "What natural riches do the Central Asian beneficiaries of Chinese lending have, according to Samantha "
            "Custer?",
            "him-custer-oil-gas-hydro",
        ),
        (
            "Does the SCO impose military duties by treaty on Beijing's partners in it?",
            "ser-sco-no-military-obligations",
        ),
    ):
        answer = await answer_question(core, question)
        assert answer.covered and answer.fact_ids[:1] == [expected], (question, answer.fact_ids)


async def test_china_unsaid_still_needs_the_thing_asked_about_not_only_whose_it_is(core: Core) -> None:
    # "The border grouping that came before the SCO" is the Shanghai Five: the SCO's own founding is not it.
    answer = await answer_question(
        core, "When did China create the border grouping that came before the SCO?"
    )
    assert (answer.answer or "").startswith("1996"), (answer.answer, answer.notice)


async def test_the_thing_that_went_before_a_body_is_its_forerunner(core: Core) -> None:
    # "The grouping that preceded the SCO" is the Shanghai Five, as "the SCO's forerunner" is: not a Chinese
    # announcement of 2023, nor the SCO's own founding.
    for question in (
        "When did Beijing set up the grouping that preceded the SCO?",
        "When did China set up the group that came before the SCO?",
    ):
        answer = await answer_question(core, question)
        assert (answer.answer or "").startswith("1996 — "), (question, answer.answer, answer.notice)


async def test_a_year_in_a_clause_after_a_name_says_which_thing_is_meant(core: Core) -> None:
    # "The security bloc set up in Shanghai in 2001" is the SCO; what is asked of it is not dated 2001, so the
    # SCO's founding is not the answer. Asked about the clause itself, the year is what is checked.
    answer = await answer_question(
        core, "Does the security bloc set up in Shanghai in 2001 pursue economic and soft-power aims too?"
    )
    assert answer.fact_ids[:1] == ["ser-sco-primarily-security-institution"], (answer.fact_ids, answer.answer)
    assert "2001" not in (answer.answer or ""), answer.answer
    answer = await answer_question(
        core, "How many standing organs does the regional security bloc founded in 2001 have?"
    )
    assert (answer.answer or "").startswith("only two standing organs — "), (answer.answer, answer.notice)
    answer = await answer_question(core, "Was the SCO founded in 2001?")
    assert (answer.answer or "").startswith("Yes, 2001 — "), answer.answer


async def test_everyday_words_for_starting_and_for_a_press_conference(core: Core) -> None:
    # "Get going" is when a thing started; Beijing's connectivity scheme is the Belt and Road, by its description;
    # briefing the press is holding a press conference.
    answer = await answer_question(core, "When did Beijing's worldwide connectivity scheme get going?")
    assert (answer.answer or "").startswith("2013 — "), (answer.answer, answer.notice)
    answer = await answer_question(core, "On what date did Xi brief the press with the Kyrgyz president?")
    assert (answer.answer or "").startswith("13 January 2019 — "), (answer.answer, answer.notice)


async def test_the_region_s_states_a_list_leaves_out_answer_which_is_not_in_it(core: Core) -> None:
    # "The SCO's full members were China, Kazakhstan, Kyrgyzstan, Russia, Tajikistan, Uzbekistan …" leaves out
    # Turkmenistan; Xinjiang's border with three of the five leaves out two.
    answer = await answer_question(
        core, "What Central Asian nation is left out of the SCO's full membership?"
    )
    assert (answer.answer or "").startswith("Turkmenistan — "), (answer.answer, answer.notice)
    assert answer.fact_ids == ["ser-sco-full-members"], answer.fact_ids
    answer = await answer_question(
        core, "Which two of the five Central Asian states does Xinjiang not border?"
    )
    assert (answer.answer or "").startswith("Turkmenistan and Uzbekistan — "), (answer.answer, answer.notice)


async def test_a_list_leaving_out_another_number_than_asked_for_is_no_such_answer(core: Core) -> None:
    # Xinjiang borders three of the five: "which three does it not border" is not answered by the other two, and
    # a format all five belong to leaves none out.
    for question in (
        "Which three Central Asian countries does Xinjiang not border?",
        "Which Central Asian country is not part of the China + Central Asia format?",
    ):
        answer = await answer_question(core, question)
        assert "Turkmenistan" not in (answer.answer or ""), (question, answer.answer)


async def test_a_visit_someone_was_due_to_make_is_a_plan_not_a_word_to_say(core: Core) -> None:
    answer = await answer_question(
        core, "Xi was due in Dushanbe in July 2024. How long had it been since he went to Tajikistan?"
    )
    assert (answer.answer or "").startswith("five years — "), (answer.answer, answer.notice)


async def test_what_a_thing_was_set_up_for_asks_its_purpose_not_its_founding(core: Core) -> None:
    answer = await answer_question(
        core, "In Western eyes, what was the Shanghai Cooperation Organisation really created for?"
    )
    assert answer.fact_ids[:1] == ["ser-western-view-authoritarian-regime-change"], answer.fact_ids
    assert answer.question.intent == "why", answer.question.intent


async def test_calling_someone_out_is_asked_as_criticising_them(core: Core) -> None:
    answer = await answer_question(
        core, "Why won't the five Central Asian governments call out China over what it does in Xinjiang?"
    )
    assert answer.fact_ids[:1] == ["vac-uljevic-hard-to-criticise-xinjiang"], answer.fact_ids


async def test_according_to_a_think_tank_is_its_own_documents_own_statements(core: Core) -> None:
    # "Kazakhstan became independent in 1991" is the ANKASAM analysis's own statement, though it does not name
    # ANKASAM; a fact saying "the ANKASAM analysis says … friendly since 1991" is not the independence.
    answer = await answer_question(
        core, "According to ANKASAM, in what year did Kazakhstan become independent?"
    )
    assert answer.fact_ids[:1] == ["ank-kz-independence-1991"], (answer.fact_ids, answer.answer)
    answer = await answer_question(
        core, "How many years had passed since Xi's previous visit to Tajikistan, according to ANKASAM?"
    )
    assert (answer.answer or "").startswith("five years — "), (answer.answer, answer.notice)


async def test_a_fact_the_asker_states_before_but_is_the_premise_not_the_question(core: Core) -> None:
    answer = await answer_question(
        core,
        "Tajikistan is in the Shanghai bloc, but how many of the five Central Asian countries are members of the SCO?",
    )
    assert (answer.answer or "").startswith("Four of the five — "), (answer.answer, answer.notice)


async def test_it_after_a_name_of_several_words_the_sources_lack_is_that_unnamed_thing(core: Core) -> None:
    # "It" is the Collective Security Treaty Organization, which no source names: the SCO's founding is not its.
    answer = await answer_question(
        core, "What is the Collective Security Treaty Organization, and when was it set up?"
    )
    assert not answer.covered and "2001" not in (answer.answer or ""), (answer.answer, answer.notice)


async def test_second_after_a_country_is_a_rank_not_a_second_meeting(core: Core) -> None:
    # "Turkmenistan is the second-largest recipient" gives the rank; "the second China + Central Asia meeting"
    # does not, and Kazakhstan, where the ranking starts, is no reason to prefer a fact naming it.
    answer = await answer_question(
        core, "Which Central Asian country is second after Kazakhstan in Chinese financing?"
    )
    assert answer.fact_ids[:1] == ["him-turkmenistan-9-billion"], answer.fact_ids
    assert "vac-cc5-second-meeting-xian" not in answer.fact_ids, answer.fact_ids


async def test_where_most_of_it_went_in_a_fact_s_own_words_is_kept_though_it_says_one_word_less(
    core: Core,
) -> None:
    # "Most of China's financing to Kazakhstan went to the gas pipeline" says where the majority went, short of
    # "loans"; Kazakhstan's 26% says "loans" and nothing of where they went.
    answer = await answer_question(
        core,
        "In the later AidData report, into which piece of infrastructure did the majority of China's loans to "
        "Kazakhstan go?",
    )
    assert answer.fact_ids[:1] == ["him-kazakhstan-gas-pipeline"], answer.fact_ids


@pytest.mark.parametrize(
    ("question", "period"),
    [
        ("What did China agree with Kazakhstan at the end of the 2000s?", (2007, 2009)),
        ("What loans did Beijing make to Astana at the beginning of the 2010s?", (2010, 2013)),
        ("Which agreements were signed in the middle of the nineties?", (1993, 1997)),
    ],
)
def test_the_start_or_end_of_a_decade_in_words_is_its_early_or_late_years(
    core: Core, question: str, period: tuple[int, int]
) -> None:
    read = core.answerer.understand(question)
    assert read.period == period
    assert not {"end", "beginning", "middle"} & {c.text for c in read.concepts}


async def test_half_a_decade_is_five_years(core: Core) -> None:
    answer = await answer_question(core, "did xi go half a decade without visiting tajikistan")
    assert answer.covered and answer.fact_ids[:1] == ["ank-xi-tajikistan-first-in-five-years"], (
        answer.fact_ids,
        answer.notice,
    )


async def test_whether_one_place_touches_another_asks_whether_they_share_a_border(core: Core) -> None:
    answer = await answer_question(core, "Does the Uighur region touch Kyrgyzstan?")
    assert answer.covered and answer.fact_ids[:1] == ["vac-xinjiang-borders-central-asia"], (
        answer.fact_ids,
        answer.notice,
    )


def test_the_five_former_soviet_republics_are_central_asia(core: Core) -> None:
    read = core.answerer.understand("How much did China lend the five former Soviet states?")
    assert "five republics" in {c.text for c in read.concepts}
    assert "soviet-union" not in {e.id for e in read.entities}


@pytest.mark.parametrize(
    "question",
    [
        "When was the grouping that eventually evolved into the SCO set up?",
        "In what year was the grouping which later turned into the Shanghai Cooperation Organisation set up?",
    ],
)
async def test_the_thing_that_grew_into_a_body_is_its_forerunner(core: Core, question: str) -> None:
    answer = await answer_question(core, question)
    assert (answer.answer or "").startswith("1996 — "), (answer.answer, answer.fact_ids)


@pytest.mark.parametrize(
    "question",
    ["kyrgyz respondents negative on china percent", "chinese financing kazakhstan share", "poll russia pct"],
)
def test_a_keyword_query_ending_on_a_share_asks_for_the_figure(core: Core, question: str) -> None:
    read = core.answerer.understand(question)
    assert read.intent == "how_much" and read.answer_type == "figure"


async def test_a_share_asked_in_keywords_for_a_country_the_poll_left_out_is_not_another_countrys(
    core: Core,
) -> None:
    answer = await answer_question(
        core, "central asia barometer tajikistan respondents unfavourable to china percent"
    )
    assert not answer.covered and "Tajikistan" in (answer.notice or ""), answer.answer


async def test_a_count_of_governments_is_the_states_a_fact_names(core: Core) -> None:
    # The fact names the US, Germany and Britain, never "governments".
    answer = await answer_question(
        core, "How many governments clashed with China at the UN on the Xian meeting day?"
    )
    assert (answer.answer or "").startswith("3 (counted in the list)"), (answer.answer, answer.notice)


async def test_a_government_department_asked_for_is_no_country(core: Core) -> None:
    answer = await answer_question(
        core, "Which American government department funded AidData's Silk Road report?"
    )
    assert answer.covered and [f.id for f in answer.facts][:1] == ["dip-report-state-department-support"]


@pytest.mark.parametrize(
    "question",
    [
        "Chronology, please: how did the Shanghai Cooperation Organisation grow out of the Shanghai 5?",
        "timeline of how the SCO emerged from the grouping of 1996",
    ],
)
async def test_a_history_of_one_thing_growing_out_of_another_is_told_by_the_steps_of_either(
    core: Core, question: str
) -> None:
    answer = await answer_question(core, question)
    assert answer.covered, answer.notice
    assert {"ser-shanghai-five-1996", "ser-sco-established-2001"} <= set(answer.fact_ids), answer.fact_ids


async def test_a_sentence_saying_what_the_question_means_is_part_of_it(core: Core) -> None:
    # (not an asker's note, like "I need it for a memo", that is read past: "they" are the two it names)
    answer = await answer_question(core, "When did they meet? I mean Xi and Tokayev.")
    assert (answer.answer or "").startswith("2023 — "), answer.answer
    answer = await answer_question(
        core, "Which framework did they announce? Specifically, Xi and Emomali Rahmon."
    )
    assert answer.fact_ids[:1] == ["ank-tj-community-shared-future-2023"], answer.fact_ids


@pytest.mark.parametrize(
    "question",
    [
        "In which capital was the Shanghai Spirit first announced by Jiang Zemin?",
        "what capital hosted the 2000 Shanghai Five summit",
    ],
)
async def test_which_capital_asks_for_a_city_the_sources_name(core: Core, question: str) -> None:
    # The fact says "in Dushanbe", never "capital".
    answer = await answer_question(core, question)
    assert answer.covered, answer.notice
    assert answer.fact_ids[:1] == ["ser-shanghai-spirit-jiang-zemin-2000"], answer.fact_ids


def test_which_capitals_and_a_described_capital_are_not_read_as_a_city_asked_for(core: Core) -> None:
    # "which capitals run …" asks for governments; "which Central Asian capital" keeps the region to be met.
    assert (
        core.answerer.understand("Which capitals run a five-plus-one format with the region?").answer_type
        != "place"
    )
    read = core.answerer.understand("In which Central Asian capital was the Shanghai Spirit first announced?")
    assert "capital" in {c.text for c in read.concepts}
