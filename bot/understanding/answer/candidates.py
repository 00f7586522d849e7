"""The facts a question is judged against: full-text and per-entity candidates, documents described by their
subject, and slips of the keyboard read again undone.
"""

from __future__ import annotations

import re

from bot.factbase.compile import fts_entity_tag
from bot.factbase.stems import stems_of
from bot.factbase.store import EntityRecord, SearchRow
from bot.factbase.text import fold
from bot.factbase.thesaurus import stem_key
from bot.search import MAX_TERMS
from bot.understanding.answer.dates import _years_said
from bot.understanding.answer.expected import PUBLISHING_STEMS
from bot.understanding.answer.judging import JudgingMixin
from bot.understanding.answer.roles import STOPWORD_STEMS
from bot.understanding.answer.statements import inflections
from bot.understanding.question.model import Question
from bot.understanding.question.sources import SOURCE_TYPES
from bot.understanding.spelling import ASKING_WORDS, RESPELL_SHORTEST, is_english, one_slip, slips_undone

ENTITY_CANDIDATES = 60  # facts per named entity considered besides the full-text matches
# Full-text candidates rescored. Reading and judging them is most of a slow /search's time at 1,000x: 60 rather than
# 100 took its p99 there from 22-23 ms to 16-18 ms, and answers one more of the 6,810 development questions right
# and none fewer (200 had taken the p99 to 36 ms). The facts about each named entity are candidates besides these.
RANKED = 60


# A title quoted in the question: "Who wrote 'China Seeks Cooperation with Kazakhstan and Tajikistan'?" (the marks
# open and close it at a word's edge, so "China's" holds no quotation).
# (an apostrophe between letters is inside the title: "'Kazakhstan on China's Diplomatic Silk Road'")
def quotation(least: int, most: int | None = None) -> re.Pattern[str]:
    """Words in quotation marks of `least` to `most` characters, as group "quoted"."""
    return re.compile(
        r"(?:^|(?<=\s))['‘\"“](?P<quoted>(?:[^'‘’\"“”]|(?<=\w)['’](?=\w))"
        + f"{{{least},{most if most is not None else ''}}}?"
        + r")['’\"”](?=[\s?.,!:;)]|$)"
    )


QUOTED = quotation(12)
TITLE_SHARE = 0.8  # of a quotation's words a source's title must have, and of the title's the quotation


def _phrase_docs(docs: dict[str, int], phrase: str) -> int:
    """How many facts a phrase the search did not look up as one can match: as many as its rarest word."""
    words = phrase.split()
    return min((docs.get(w, 0) for w in words), default=0) if len(words) > 1 else 0


def _most_relayed(
    relevant: list[SearchRow], reports: dict[str, tuple[int, EntityRecord]]
) -> EntityRecord | None:
    """Of the reports the facts on a subject tell of, the one most of those facts are about (None where two
    are)."""
    relaying: dict[str, int] = {}
    for row in relevant:
        for i in row.entity_ids:
            if i in reports:
                relaying[i] = relaying.get(i, 0) + 1
    most = max(relaying.values(), default=0)
    best = [i for i, n in relaying.items() if n == most]
    return reports[best[0]][1] if most and len(best) == 1 else None


class CandidatesMixin(JudgingMixin):
    """The facts judged for a question."""

    async def _date_things(self, q: Question, rows: list[SearchRow]) -> None:
        """For a question asking a year or a period: the years other facts date the projects of each undated
        candidate in. "Chinese financing for the highway, the tunnel, the power line and the hydropower plant
        totalled almost $1 billion" gives no year; the agreements on those projects were signed in 2006, so it is
        about the money for Tajikistan's 2006 projects."""
        undated = [
            row for row in rows if row.date is None and row.as_of is None and not _years_said(row.words)
        ]
        self.entities.by_id.prefetch(i for row in undated for i in row.entity_ids)
        projects = {
            row.id: [
                e.rid
                for i in row.entity_ids
                if (e := self.entities.by_id.get(i)) is not None and e.type == "project"
            ]
            for row in undated
        }
        years = await self.store.years_of_entities(
            sorted({rid for rids in projects.values() for rid in rids})
        )
        q.things_dated = {
            fact_id: dated
            for fact_id, rids in projects.items()
            if (dated := frozenset(y for rid in rids for y in years.get(rid, ())))
        }

    # ------------------------------------------------------------------ a document described by its subject

    async def _described_documents(self, q: Question, filters: list[list[str]]) -> None:
        """ "Per the report on the Shaanxi talks": the source documents most of whose facts are about what the
        description says. Found, they stand for the description: its words and the things it names are no
        longer what a fact must say, but a fact must come from one of them. Not found (or nothing else asked),
        the question is read as it was."""
        kept = [c for c in q.concepts if not c.topic]
        others = [e for e in q.entities if e.id not in q.topic_entities]
        if not kept and not others:
            return  # "what does the report on the Xian meeting say?": its subject is what is asked
        found: set[str] = set()
        reports: list[EntityRecord] = []
        published = q.answer_type == "person" and any(c.said_in(PUBLISHING_STEMS) for c in kept)
        for topic, by_title in [
            *((t, False) for t in q.document_topics),
            *((t, True) for t in q.titled_topics),
        ]:
            about = self.understand(topic)
            if not about.entities and not about.concepts:
                continue
            named = [e for e in about.entities if e.type == "document"]
            if len(named) == 1 and not by_title:
                # "The AidData report on China's Silk Road diplomacy": the description names a report the sources
                # tell of ("Silk Road Diplomacy"), so that report is asked about, not the source saying most on
                # its words (the journal article on the New Silk Road).
                reports.append(named[0])
                continue
            rows, _, bm25 = await self._candidates(about, filters, None, None)
            counts: dict[str, int] = {}
            cited: set[str] = set()  # the documents the relevant facts are about (a report a source relays)
            relevant = [
                row for row in rows if row.source and self._judge(about, row, bm25.get(row.rid, 0.0)).relevant
            ]
            for row in relevant:
                if row.source is not None:  # (always, as kept above: the type does not know it)
                    counts[row.source] = counts.get(row.source, 0) + 1
                cited.update(row.entity_ids)
            outlets = [e for e in q.entities if e.id in q.sources and e.type in SOURCE_TYPES]
            if outlets and counts:
                # "The Diplomat's piece on Kazakhstan": of the documents about Kazakhstan, the one The Diplomat
                # published (when one is).
                await self._load_source_stems(set(counts))
                counts = {
                    source: n
                    for source, n in counts.items()
                    if any(self._from_source(e, source) for e in outlets)
                } or counts
            if not counts:
                continue
            # A title saying more of the description than any other names the document ("the paper on Beijing's
            # diplomacy toward Astana": "Chinese Institutional Diplomacy toward Kazakhstan"); else the document
            # with the most facts about it.
            titled = {
                sid: self._title_says(about, src.title)
                for sid, src in (await self.store.cached_sources_by_id(counts)).items()
            }
            best = max(titled.values(), default=0)
            # "The W&M lab's study of Beijing's toolkit in South and Central Asia" is a report the sources tell of
            # ("Silk Road Diplomacy: Deconstructing Beijing's toolkit …"), not one of the sources: when a report's
            # title says more of the description than any source's, the report is a thing asked about.
            said = {
                e.id: (max(self._title_says(about, n) for n in (e.name, *e.aliases)), e)
                for i in sorted(cited)
                if (e := self.entities.by_id.get(i)) is not None and e.type == "document"
            }
            most_said = max((n for n, _ in said.values()), default=0)
            fitting = [e for n, e in said.values() if n == most_said]
            if most_said >= 2 and most_said > best and len(fitting) == 1:
                reports.append(fitting[0])
                continue
            if published and (report := _most_relayed(relevant, said)) is not None:
                # "Who at AidData put out the study on Beijing's money flows into the five 'stans?": a study
                # someone put out is a report the sources tell of, the one the facts on its subject relay most.
                reports.append(report)
                continue
            if best >= (1 if by_title else 2) and sum(1 for n in titled.values() if n == best) == 1:
                found.update(sid for sid, n in titled.items() if n == best)
                continue
            if by_title:
                continue  # "the academic paper": no title says it, so it is read as the question's own words
            most = max(counts.values())
            found.update(source for source, n in counts.items() if n == most)
        if reports or found:
            q.concepts, q.entities = kept, [*others, *(r for r in reports if r not in others)]
        if found:
            q.documents = found

    async def _quoted_title(self, q: Question) -> None:
        """A source's title quoted in the question names that document: a fact must come from it, and the title's
        words and things are no longer what a fact must say."""
        for found in QUOTED.finditer(q.text):
            quoted = set(stems_of(found.group("quoted"))) - STOPWORD_STEMS
            if len(quoted) < 3:
                continue
            for source in await self.store.sources():
                title = set(stems_of(source.title)) - STOPWORD_STEMS
                # (most of the title, too: "'Silk Road Diplomacy'" is a report the sources tell of, whose words
                # are three of the journal article's title)
                shared = len(quoted & title)
                if shared >= TITLE_SHARE * len(quoted) and shared >= TITLE_SHARE * len(title):
                    q.documents = {source.id}
                    q.concepts = [c for c in q.concepts if not set(stems_of(c.text)) <= quoted]
                    q.entities = [e for e in q.entities if not self._name_stems(e) <= quoted]
                    q.proper_names = [n for n in q.proper_names if not set(stems_of(n)) <= quoted]
                    return

    def _title_says(self, about: Question, title: str) -> int:
        """How many of the things and words a description gives a document's title says."""
        stems = set(stems_of(title))
        line = f" {' '.join(stems)} "
        return sum(1 for c in about.concepts if c.said_in(stems)) + sum(
            1 for e in about.entities if self._named_in(e, line)
        )

    # ------------------------------------------------------------------ slips of the keyboard

    async def _slips(self, q: Question) -> dict[str, str]:
        """The words found nowhere that are slips of the keyboard ("abraod", "vacines"), each with the word the
        sources or the thesaurus use one swapped, dropped or doubled letter away."""
        typed = [
            c.text
            for c in q.concepts
            if c.text in q.unknown
            and (len(c.text) >= RESPELL_SHORTEST or c.text[:1] in "whm")
            and not c.named
            and stem_key(c.text) not in self.thesaurus.synonyms_by_stem
            and stem_key(c.text) not in self.thesaurus.measures_by_stem
            and not is_english(c.text)
        ]
        fixes: dict[str, str] = {}
        for word in typed:
            # A question word first: "waht", "hwo", "mcuh" (the shortest are read only as one).
            found = [(0, t) for t in ASKING_WORDS if one_slip(word, t)]
            if not found and len(word) >= RESPELL_SHORTEST:
                # Every word one slip away, looked up at once: a few hundred exact keys, whatever the base's size.
                near = slips_undone(word)
                indexed = await self.store.term_docs(near, cap=1, probe=())
                found = [(n, t) for t, n in indexed.items() if n] + [
                    (0, t) for t in near if t in self.thesaurus.synonyms or t in self.thesaurus.measures
                ]
            if found:
                fixes[word] = min(found, key=lambda f: (-f[0], f[1]))[1]
        # A name typed with a slip ("Kazahkstan"): the one-word name of an entity one slip away.
        for c in q.concepts:
            word = c.text
            if not (c.named and word in q.unknown and len(word) >= RESPELL_SHORTEST) or is_english(word):
                continue
            names = {fold(m.matched) for m in self.entities.suggest(word, limit=3, cutoff=80)}
            near = sorted(n for n in names if " " not in n and one_slip(word, n))
            if len(near) == 1:
                fixes[word] = near[0]
            elif not near:
                # A word of a longer name ("the New Developmnet Approach"): the one word the sources use one slip
                # away, where there is just one.
                indexed = await self.store.term_docs(slips_undone(word), cap=1, probe=())
                used = sorted(t for t, n in indexed.items() if n)
                if len(used) == 1:
                    fixes[word] = used[0]
        return fixes

    # ------------------------------------------------------------------ candidates

    async def _candidates(
        self, q: Question, filters: list[list[str]], country: EntityRecord | None, kind: str | None
    ) -> tuple[list[SearchRow], dict[str, int], dict[int, float]]:
        tokens = [alt for c in q.concepts for alt in c.alternatives][: MAX_TERMS * 3]
        tokens += [fold(e.name) for e in q.entities[:MAX_TERMS]]
        tokens += [str(y) for y in q.years]
        tokens = list(dict.fromkeys(t for t in tokens if t))
        tags = [tag for group in filters for tag in group]
        # One query: the question's own words may be inflections the table lacks ("financings") and are probed;
        # a thesaurus phrase counts as often as its rarest word (an upper bound, enough to rank and to cost).
        words = {w for t in tokens for w in t.split()}
        asked = {w for c in q.concepts for w in c.text.split()}
        # The index's own stemmer parts some forms the question's does not ("lies" from "lie"): the asked words'
        # plain inflections are looked up too (never probed), so a word the facts use is not taken for unknown.
        # (The asked words themselves too: a long question's last concepts lose their alternatives to the cap
        # above, and a word not looked up would be taken for one found nowhere.)
        forms = {f for w in asked for f in (w, *inflections(w))} - words
        docs = await self.store.term_docs([*words, *tags, *forms], cap=4_001, probe=asked & words)
        for token in tokens:
            if " " in token:
                docs[token] = min(docs.get(w, 0) for w in token.split())
        present = [t for t in tokens if docs.get(t)]
        favoured = [[fts_entity_tag(e.rid) for e in q.entities[:MAX_TERMS]]] if q.entities else []
        alike = [list(c.alternatives) for c in q.concepts]
        scores = (
            await self.searcher.candidates(present, docs, filters, favoured, 40, alike) if present else {}
        )
        ranked = sorted(scores, key=lambda rid: -scores[rid])[:RANKED]
        seen = set(ranked)
        for value in q.numbers:
            for rid in await self.store.facts_with_value(value, entity_rid=country.rid if country else None):
                q.valued.add(rid)
                if rid not in seen:
                    seen.add(rid)
                    ranked.append(rid)
        # Facts about the named entities, whatever their words: "When was the SCO founded?" is answered by "The
        # SCO was established in 2001" even before the thesaurus is consulted. Rarest entity first: its facts
        # are the most specific.
        described = [
            e for group in q.described for i in group if (e := self.entities.by_id.get(i)) is not None
        ]
        for entity in [*sorted(q.entities, key=lambda e: e.fact_count)[:3], *described]:
            for rid in await self.store.fact_rids_for_entity(entity.rid, ENTITY_CANDIDATES):
                if rid not in seen:
                    seen.add(rid)
                    ranked.append(rid)
        rows = await self.store.search_rows(ranked)
        out = []
        for rid in ranked:
            row = rows.get(rid)
            if row is None:
                continue
            if country is not None and country.id not in row.entity_ids:
                continue
            if kind is not None and row.kind != kind:
                continue
            out.append(row)
        return out, docs, scores
