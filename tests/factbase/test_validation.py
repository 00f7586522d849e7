"""Broken curated input is rejected with the file, the id and the field named, and every problem at once."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.factbase.loader import FactBaseInvalid, Problem
from tests.conftest import TinyBase, dump

FACTS = "data/facts/x.yaml"
SOURCE_META = "seeds/000_tiny.yaml"


def problems_of(base: TinyBase) -> list[Problem]:
    base.write()
    with pytest.raises(FactBaseInvalid) as info:
        base.load()
    assert str(len(info.value.problems)) in str(info.value)
    return info.value.problems


def only(problems: list[Problem], *, file: str, item: str | None, field: str | None, says: str) -> Problem:
    """Exactly one problem, naming this file, item and field, with a message containing `says`."""
    assert len(problems) == 1, "\n".join(map(str, problems))
    problem = problems[0]
    assert (problem.file, problem.item, problem.field) == (file, item, field), str(problem)
    assert says.lower() in problem.message.lower(), str(problem)
    for part in (file, item, field):
        if part:
            assert part in str(problem)
    return problem


def only_in_metadata(problems: list[Problem], *, field: str | None, says: str) -> Problem:
    """Broken source metadata: one problem in the metadata file; facts citing the unloadable source may add
    consequential problems on their `citations[n].source`, but nothing else, and no claim of missing metadata."""
    own = [p for p in problems if p.file == SOURCE_META]
    others = [p for p in problems if p.file != SOURCE_META]
    assert all(p.file == FACTS and p.field and p.field.endswith(".source") for p in others), others
    return only(own, file=SOURCE_META, item="tiny-source", field=field, says=says)


def test_tiny_base_is_valid_and_resolves_quotes_to_offsets(make_tiny_base: Callable[..., TinyBase]) -> None:
    base = make_tiny_base()
    fb = base.load()
    assert set(fb.facts) == {"tiny-pipeline", "tiny-border", "tiny-treaty"}
    text = fb.sources["tiny-source"].text
    for rf in fb.facts.values():
        for c in rf.citations:
            assert text[c.start : c.end] == c.quote


def test_straight_apostrophe_for_a_curly_one_is_not_verbatim(make_tiny_base: Callable[..., TinyBase]) -> None:
    base = make_tiny_base()
    base.fact("tiny-pipeline")["citations"][0]["quote"] = "China's gas pipeline to Kazakhstan opened in 2009."
    only(
        problems_of(base),
        file=FACTS,
        item="tiny-pipeline",
        field="citations[0].quote",
        says="not found verbatim",
    )


def test_quote_with_collapsed_whitespace_is_not_verbatim(make_tiny_base: Callable[..., TinyBase]) -> None:
    base = make_tiny_base()
    base.fact("tiny-treaty")["citations"][0]["quote"] = "China and  Kazakhstan signed a treaty."
    only(
        problems_of(base),
        file=FACTS,
        item="tiny-treaty",
        field="citations[0].quote",
        says="not found verbatim",
    )


def test_quote_inside_a_furniture_span_is_rejected(make_tiny_base: Callable[..., TinyBase]) -> None:
    base = make_tiny_base()
    base.fact("tiny-treaty")["citations"][0]["quote"] = "just $5 a month"
    problem = only(
        problems_of(base), file=FACTS, item="tiny-treaty", field="citations[0].quote", says="furniture"
    )
    assert "subscription advert" in problem.message


def test_quote_overlapping_a_furniture_span_is_rejected(make_tiny_base: Callable[..., TinyBase]) -> None:
    base = make_tiny_base()
    base.fact("tiny-treaty")["citations"][0]["quote"] = "a month.\nChina and Kazakhstan signed a treaty."
    only(problems_of(base), file=FACTS, item="tiny-treaty", field="citations[0].quote", says="excluded")


def test_unknown_entity_id_is_rejected(make_tiny_base: Callable[..., TinyBase]) -> None:
    base = make_tiny_base()
    base.fact("tiny-treaty")["entities"] = ["china", "narnia"]
    only(
        problems_of(base),
        file=FACTS,
        item="tiny-treaty",
        field="entities[1]",
        says="unknown entity id 'narnia'",
    )


def test_unknown_attribution_entity_is_rejected(make_tiny_base: Callable[..., TinyBase]) -> None:
    base = make_tiny_base()
    base.fact("tiny-treaty")["attribution"] = {"who": "A spokesman", "entity": "nobody"}
    only(
        problems_of(base),
        file=FACTS,
        item="tiny-treaty",
        field="attribution.entity",
        says="unknown entity id",
    )


def test_unknown_country_of_an_entity_is_rejected(make_tiny_base: Callable[..., TinyBase]) -> None:
    base = make_tiny_base()
    base.entities.append(
        {"id": "astana-city", "name": "Astana city", "type": "place", "countries": ["kazakstan"]}
    )
    only(
        problems_of(base),
        file="data/entities/x.yaml",
        item="astana-city",
        field="countries[0]",
        says="unknown entity id 'kazakstan'",
    )


def test_unknown_source_id_is_rejected(make_tiny_base: Callable[..., TinyBase]) -> None:
    base = make_tiny_base()
    base.fact("tiny-border")["citations"][0]["source"] = "no-such-source"
    only(
        problems_of(base),
        file=FACTS,
        item="tiny-border",
        field="citations[0].source",
        says="unknown source id",
    )


def test_duplicate_fact_id_in_one_file_is_rejected(make_tiny_base: Callable[..., TinyBase]) -> None:
    base = make_tiny_base()
    twin = dict(base.fact("tiny-treaty"), statement="Another statement.")
    base.facts.append(twin)
    only(problems_of(base), file=FACTS, item="tiny-treaty", field="id", says="duplicate fact id")


def test_duplicate_fact_id_across_files_names_both_files(make_tiny_base: Callable[..., TinyBase]) -> None:
    base = make_tiny_base()
    dump(base.curated_dir / "facts" / "y.yaml", {"added": "2024-02-01", "facts": [base.fact("tiny-treaty")]})
    problem = only(
        problems_of(base), file="data/facts/y.yaml", item="tiny-treaty", field="id", says="duplicate fact id"
    )
    assert FACTS in problem.message


def test_duplicate_entity_id_is_rejected(make_tiny_base: Callable[..., TinyBase]) -> None:
    base = make_tiny_base()
    dump(
        base.curated_dir / "entities" / "y.yaml",
        {"entities": [{"id": "china", "name": "PRC", "type": "country"}]},
    )
    problem = only(
        problems_of(base), file="data/entities/y.yaml", item="china", field="id", says="duplicate entity id"
    )
    assert "data/entities/x.yaml" in problem.message


def test_duplicate_source_id_is_rejected(make_tiny_base: Callable[..., TinyBase]) -> None:
    base = make_tiny_base()
    (base.seeds_dir / "001_other.txt").write_text("Other text.\n", encoding="utf-8")
    dump(base.seeds_dir / "001_other.yaml", dict(base.source, file="001_other.txt", spans=[]))
    only(
        problems_of(base),
        file="seeds/001_other.yaml",
        item="tiny-source",
        field="id",
        says="duplicate source id",
    )


@pytest.mark.parametrize("statement", ["", "   "])
def test_empty_statement_is_rejected(make_tiny_base: Callable[..., TinyBase], statement: str) -> None:
    base = make_tiny_base()
    base.fact("tiny-treaty")["statement"] = statement
    only(problems_of(base), file=FACTS, item="tiny-treaty", field="statement", says="at least 1 character")


def test_missing_citations_are_rejected(make_tiny_base: Callable[..., TinyBase]) -> None:
    base = make_tiny_base()
    del base.fact("tiny-treaty")["citations"]
    only(problems_of(base), file=FACTS, item="tiny-treaty", field="citations", says="required")


def test_empty_citation_list_is_rejected(make_tiny_base: Callable[..., TinyBase]) -> None:
    base = make_tiny_base()
    base.fact("tiny-treaty")["citations"] = []
    only(problems_of(base), file=FACTS, item="tiny-treaty", field="citations", says="at least 1 item")


def test_figure_as_written_must_appear_in_a_quote(make_tiny_base: Callable[..., TinyBase]) -> None:
    base = make_tiny_base()
    base.fact("tiny-border")["figure"]["as_written"] = "1700 km"
    only(
        problems_of(base),
        file=FACTS,
        item="tiny-border",
        field="figure.as_written",
        says="not in any citation quote",
    )


def test_figure_fact_without_a_figure_is_rejected(make_tiny_base: Callable[..., TinyBase]) -> None:
    base = make_tiny_base()
    del base.fact("tiny-border")["figure"]
    problem = only(problems_of(base), file=FACTS, item="tiny-border", field=None, says="needs a `figure`")
    assert "tiny-border" in str(problem)


def test_unknown_field_is_rejected(make_tiny_base: Callable[..., TinyBase]) -> None:
    base = make_tiny_base()
    base.fact("tiny-treaty")["statment"] = "typo in the key"
    only(
        problems_of(base),
        file=FACTS,
        item="tiny-treaty",
        field="statment",
        says="extra inputs are not permitted",
    )


def test_unknown_field_in_a_citation_is_rejected(make_tiny_base: Callable[..., TinyBase]) -> None:
    base = make_tiny_base()
    base.fact("tiny-treaty")["citations"][0]["page"] = 3
    only(problems_of(base), file=FACTS, item="tiny-treaty", field="citations.0.page", says="extra inputs")


def test_unknown_field_in_source_metadata_is_rejected(make_tiny_base: Callable[..., TinyBase]) -> None:
    base = make_tiny_base()
    base.source["publisher"] = "Someone"
    only_in_metadata(problems_of(base), field="publisher", says="extra inputs")


@pytest.mark.parametrize("date", ["03/01/1992", "1992-13", "1992-01-32", "92", "January 1992"])
def test_bad_fact_date_format_is_rejected(make_tiny_base: Callable[..., TinyBase], date: str) -> None:
    base = make_tiny_base()
    base.fact("tiny-treaty")["date"] = date
    only(problems_of(base), file=FACTS, item="tiny-treaty", field="date", says="string should match pattern")


@pytest.mark.parametrize("date", ["1992", "1992-01", "1992-01-03"])
def test_partial_iso_dates_are_accepted(make_tiny_base: Callable[..., TinyBase], date: str) -> None:
    base = make_tiny_base()
    base.fact("tiny-treaty")["date"] = date
    assert base.write().load().facts["tiny-treaty"].fact.date == date


def test_bad_published_date_of_a_source_is_rejected(make_tiny_base: Callable[..., TinyBase]) -> None:
    base = make_tiny_base()
    base.source["published"] = "2020-02-30"
    only_in_metadata(problems_of(base), field="published", says="date")


def test_undated_source_needs_a_date_note(make_tiny_base: Callable[..., TinyBase]) -> None:
    base = make_tiny_base()
    base.source["published"] = None
    problem = only_in_metadata(problems_of(base), field=None, says="undated source needs")
    assert "date_note" in str(problem)


def test_undated_source_with_a_date_note_is_accepted(make_tiny_base: Callable[..., TinyBase]) -> None:
    base = make_tiny_base()
    base.source["published"] = None
    base.source["date_note"] = "The page states no date."
    assert base.write().load().sources["tiny-source"].meta.published is None


def test_span_start_anchor_not_found_is_rejected(make_tiny_base: Callable[..., TinyBase]) -> None:
    base = make_tiny_base()
    base.source["spans"][0]["start"] = "Skip to the main content"
    only(problems_of(base), file=SOURCE_META, item="tiny-source", field="spans[0].start", says="not found")


def test_ambiguous_span_anchor_is_rejected(make_tiny_base: Callable[..., TinyBase]) -> None:
    base = make_tiny_base()
    base.source["spans"][0]["start"] = "Kazakhstan"
    only(
        problems_of(base), file=SOURCE_META, item="tiny-source", field="spans[0].start", says="found 3 times"
    )


def test_span_end_anchor_not_found_is_rejected(make_tiny_base: Callable[..., TinyBase]) -> None:
    base = make_tiny_base()
    base.source["spans"][1]["end"] = "a year."
    only(problems_of(base), file=SOURCE_META, item="tiny-source", field="spans[1].end", says="not found")


def test_metadata_naming_a_missing_document_is_rejected(make_tiny_base: Callable[..., TinyBase]) -> None:
    base = make_tiny_base()
    base.source["file"] = "999_missing.txt"
    problems = problems_of(base)
    assert any((p.file, p.item, p.field) == (SOURCE_META, "tiny-source", "file") for p in problems), problems
    # The orphaned document is reported too.
    assert any(p.file == "seeds/000_tiny.txt" and "no metadata" in p.message for p in problems), problems


def test_invalid_yaml_is_reported_with_its_file(make_tiny_base: Callable[..., TinyBase]) -> None:
    base = make_tiny_base().write()
    base.facts_file.write_text("added: 2024-01-01\nfacts: [\n", encoding="utf-8")
    with pytest.raises(FactBaseInvalid) as info:
        base.load()
    assert [(p.file, p.message.split(":")[0]) for p in info.value.problems] == [(FACTS, "not valid YAML")]


def test_a_key_written_twice_in_one_mapping_is_reported_not_lost(
    make_tiny_base: Callable[..., TinyBase],
) -> None:
    base = make_tiny_base().write()
    text = base.facts_file.read_text(encoding="utf-8")
    base.facts_file.write_text(text.replace("added: '2024-01-01'", "added: 2024-01-01\nadded: 2024-02-01"))
    with pytest.raises(FactBaseInvalid) as info:
        base.load()
    [problem] = info.value.problems
    assert (problem.file, problem.message.split(":")[0]) == (FACTS, "not valid YAML")
    assert "duplicate" in problem.message


def test_unquoted_and_quoted_dates_read_alike(make_tiny_base: Callable[..., TinyBase]) -> None:
    base = make_tiny_base().write()
    quoted = base.load()
    text = base.facts_file.read_text(encoding="utf-8")
    assert "added: '2024-01-01'" in text
    base.facts_file.write_text(text.replace("added: '2024-01-01'", "added: 2024-01-01"), encoding="utf-8")
    unquoted = base.load()
    assert {f.id: f.added for f in unquoted.facts.values()} == {f.id: f.added for f in quoted.facts.values()}
    assert {f.added.isoformat() for f in unquoted.facts.values()} == {"2024-01-01"}


def test_link_to_unknown_fact_is_rejected(make_tiny_base: Callable[..., TinyBase]) -> None:
    base = make_tiny_base()
    base.fact("tiny-treaty")["links"] = [{"fact": "tiny-nothing", "relation": "corroborates"}]
    only(problems_of(base), file=FACTS, item="tiny-treaty", field="links[0].fact", says="unknown fact id")


# --------------------------------------------------------------------------- every problem at once


def test_three_semantic_errors_in_one_file_yield_three_problems(
    make_tiny_base: Callable[..., TinyBase],
) -> None:
    base = make_tiny_base()
    base.fact("tiny-pipeline")["citations"][0]["quote"] = "China's gas pipeline"
    base.fact("tiny-border")["entities"] = ["kazakhstan", "narnia"]
    base.fact("tiny-treaty")["citations"][0]["source"] = "nowhere"
    problems = problems_of(base)
    assert {(p.file, p.item, p.field) for p in problems} == {
        (FACTS, "tiny-pipeline", "citations[0].quote"),
        (FACTS, "tiny-border", "entities[1]"),
        (FACTS, "tiny-treaty", "citations[0].source"),
    }


def test_three_schema_errors_in_one_file_yield_three_problems(
    make_tiny_base: Callable[..., TinyBase],
) -> None:
    base = make_tiny_base()
    base.fact("tiny-pipeline")["statement"] = ""
    base.fact("tiny-border")["date"] = "1/1/2000"
    base.fact("tiny-treaty")["colour"] = "red"
    problems = problems_of(base)
    assert {(p.file, p.item, p.field) for p in problems} == {
        (FACTS, "tiny-pipeline", "statement"),
        (FACTS, "tiny-border", "date"),
        (FACTS, "tiny-treaty", "colour"),
    }


def test_schema_and_quote_errors_in_one_file_are_all_reported(
    make_tiny_base: Callable[..., TinyBase],
) -> None:
    """A typo'd field in one fact must not hide a wrong quote or unknown entity in its neighbours."""
    base = make_tiny_base()
    base.fact("tiny-pipeline")["statment"] = "typo"
    base.fact("tiny-border")["citations"][0]["quote"] = "a border of 1700 km"
    base.fact("tiny-treaty")["entities"] = ["china", "narnia"]
    problems = problems_of(base)
    assert {(p.file, p.item, p.field) for p in problems} == {
        (FACTS, "tiny-pipeline", "statment"),
        (FACTS, "tiny-border", "citations[0].quote"),
        (FACTS, "tiny-treaty", "entities[1]"),
    }


def test_errors_in_different_files_are_reported_together(make_tiny_base: Callable[..., TinyBase]) -> None:
    base = make_tiny_base()
    base.source["spans"][0]["start"] = "not in the text"
    base.entities.append({"id": "bad-entity", "name": "Bad", "type": "planet"})
    base.fact("tiny-treaty")["citations"][0]["quote"] = "China and Kazakhstan signed a pact."
    problems = problems_of(base)
    files = {p.file for p in problems}
    assert {SOURCE_META, "data/entities/x.yaml", FACTS} <= files, problems
    assert any(p.item == "bad-entity" and p.field == "type" for p in problems), problems
