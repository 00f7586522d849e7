"""The real curated fact base: it loads cleanly, every quote is verbatim, and nothing cites page furniture."""

from __future__ import annotations

import hashlib

from bot.factbase.loader import load_factbase
from bot.factbase.models import SpanKind
from tests.conftest import REPO_ROOT, SEEDS_DIR, RealBase

SHARED_SEEDS = REPO_ROOT.parent / "shared" / "seeds"
MANIFEST = SEEDS_DIR / "SHA256SUMS"


def test_real_curated_data_loads_without_problems(real_base: RealBase) -> None:
    # load_factbase raises FactBaseInvalid (listing every problem) if anything is wrong.
    fb = load_factbase(real_base.seeds_dir, real_base.curated_dir)
    assert len(fb.sources) == len(list(SEEDS_DIR.glob("*.txt")))
    assert len(fb.facts) > 100
    assert {"kazakhstan", "kyrgyzstan", "tajikistan", "turkmenistan", "uzbekistan", "china"} <= set(
        fb.entities
    )


def test_every_citation_slice_of_its_seed_equals_the_quote(real_base: RealBase) -> None:
    fb = real_base.factbase
    checked = 0
    for rf in fb.facts.values():
        assert rf.citations, rf.id
        for c in rf.citations:
            seed = (real_base.seeds_dir / fb.sources[c.source].meta.file).read_text(encoding="utf-8")
            assert seed[c.start : c.end] == c.quote, (
                f"{rf.file}: {rf.id}: quote does not match {c.start}:{c.end}"
            )
            checked += 1
    assert checked >= len(fb.facts)


def test_every_figure_is_written_in_one_of_its_quotes(real_base: RealBase) -> None:
    for rf in real_base.factbase.facts.values():
        if rf.fact.figure is not None:
            assert any(rf.fact.figure.as_written in c.quote for c in rf.citations), rf.id


def test_no_quote_lies_in_furniture_or_off_subject_text(real_base: RealBase) -> None:
    fb = real_base.factbase
    excluded = {SpanKind.FURNITURE, SpanKind.OFF_SUBJECT}
    for rf in fb.facts.values():
        for c in rf.citations:
            for span in fb.sources[c.source].spans:
                if span.kind in excluded:
                    assert c.end <= span.start or c.start >= span.end, (
                        f"{rf.id} quotes {span.kind.value} text ({span.reason})"
                    )


def test_quotes_from_labelled_excerpts_name_their_publication(real_base: RealBase) -> None:
    fb = real_base.factbase
    for rf in fb.facts.values():
        for c in rf.citations:
            inside = fb.sources[c.source].excerpt_at(c.start, c.end)
            assert c.excerpt_of == (inside.publication if inside else None), rf.id


def test_every_span_of_every_source_resolved(real_base: RealBase) -> None:
    for source in real_base.factbase.sources.values():
        assert len(source.spans) == len(source.meta.spans), source.id
        for span in source.spans:
            assert 0 <= span.start < span.end <= len(source.text)


def test_every_fact_names_only_known_entities(real_base: RealBase) -> None:
    fb = real_base.factbase
    for rf in fb.facts.values():
        assert set(rf.fact.entities) <= set(fb.entities), rf.id


def _manifest() -> dict[str, str]:
    """seeds/SHA256SUMS (`sha256sum` format, so `cd seeds && sha256sum -c SHA256SUMS` checks it too)."""
    entries = {}
    for line in MANIFEST.read_text(encoding="utf-8").splitlines():
        digest, name = line.split(maxsplit=1)
        entries[name.lstrip("*")] = digest
    return entries


def test_every_seed_is_byte_identical_to_its_recorded_sha256() -> None:
    recorded = _manifest()
    ours = sorted(p.name for p in SEEDS_DIR.glob("*.txt"))
    assert ours, "no seed documents"
    unrecorded = sorted(set(ours) - set(recorded))
    assert not unrecorded, (
        f"seeds without a recorded hash: {unrecorded}. A new document is added as received; record it with "
        "`cd seeds && sha256sum NAME.txt >> SHA256SUMS`."
    )
    missing = sorted(set(recorded) - set(ours))
    assert not missing, f"seeds listed in seeds/SHA256SUMS but absent: {missing}"
    changed = [n for n in ours if hashlib.sha256((SEEDS_DIR / n).read_bytes()).hexdigest() != recorded[n]]
    assert not changed, f"seeds/*.txt must stay byte for byte as received; these changed: {changed}"
    # Where the shared originals sit beside the checkout, compare with them byte for byte as well.
    shared = sorted(SHARED_SEEDS.glob("*.txt")) if SHARED_SEEDS.is_dir() else []
    for original in shared:
        ours_copy = SEEDS_DIR / original.name
        assert ours_copy.is_file(), f"seeds/{original.name} is missing"
        assert ours_copy.read_bytes() == original.read_bytes(), (
            f"seeds/{original.name} differs from {original}"
        )
