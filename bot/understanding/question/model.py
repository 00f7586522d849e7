"""What a question is read into: the `Question`, the things it asks about (`Concept`) and the amounts it
states (`Stated`).
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from bot.factbase.stems import stem
from bot.factbase.store import EntityRecord


@dataclass(frozen=True, slots=True)
class Stated:
    """An amount or share a question writes out with its unit: "$2 billion" is (2e9, "USD", "$2 billion")."""

    value: float
    unit: str  # as the facts' figures give it: "USD" or "percent"
    written: str
    # "below" or "above" when asked as a bound ("fewer than a third", "over $5 billion")
    bound: str | None = None
    # The whole a part of which is asked for ("how much of the $1 billion went to the tunnel"): the figure the
    # asker already has, so a fact giving only it does not answer.
    whole: bool = False
    # A share put in words that round it ("one in three"): met by a figure near it, not only by one equal to it.
    rounded: bool = False


@dataclass(frozen=True, slots=True)
class Concept:
    """One thing asked about, with the words that say it: a word or phrase and its thesaurus alternatives."""

    text: str  # as asked (folded)
    alternatives: tuple[str, ...]  # folded words or phrases, the asked one first
    stems: tuple[tuple[str, ...], ...]  # each alternative's word stems
    counted: bool = False  # the noun of "how many …": also met by a figure in that unit
    head: bool = False  # the noun after "which"/"what": the thing asked for, not a detail
    singles: frozenset[str] = frozenset()  # the stems of its one-word alternatives (one set test for all)
    phrases: tuple[frozenset[str], ...] = ()  # the stems of each of its phrases
    own: frozenset[str] = frozenset()  # the stems of the words as asked
    origin: bool = False  # asks when something began ("founded", "set up")
    required: bool = False  # every answering fact must say it (a measure word such as "cost")
    named: bool = False  # written with a capital inside the question: a name ("Rogun", "Senkaku")
    # Says what a source document is about ("the report on the Shaanxi talks"), not what is asked of it.
    topic: bool = False
    end: bool = False  # names an end of a history asked between two points (see `Question.ends`)

    def said_in(self, stems: AbstractSet[str]) -> bool:
        """Whether any alternative is said in a text with these stems (a phrase: all its words)."""
        return not self.singles.isdisjoint(stems) or any(p <= stems for p in self.phrases)


@dataclass(slots=True)
class Question:
    text: str
    intent: str
    answer_type: str  # date, figure, person, place, entities, text
    entities: list[EntityRecord]
    concepts: list[Concept]
    years: list[int]
    numbers: list[float]
    # Countries named only to say where a source is from ("the Georgian analyst", "the Ankara think tank"): met
    # by a fact whose analyst or think tank is from there, not only by a fact about the country.
    descriptors: set[str] = field(default_factory=set)
    describes_people: set[str] = field(
        default_factory=set
    )  # of those, the ones describing a person ("scholar")
    # Whoever the question says the answer is according to ("according to Catherine Putz", "per Serikkaliyeva",
    # "in Umarov's view"): a fact that does not cite them does not answer.
    sources: set[str] = field(default_factory=set)
    # Of those, the ones named as their document ("per the Himalaya piece", "in the Diplomat article"): the
    # document's own statements are what it says, whoever it quotes.
    outlets: set[str] = field(default_factory=set)
    # Authors of a document the question asks what came after ("which countries joined since Serikkaliyeva's
    # article was written?"): their document cannot tell.
    later_than: set[str] = field(default_factory=set)
    # Of those, whoever the question asks what they said ("what did Nazarbayev say at the forum?"): a fact telling
    # what they did, not what they said, does not answer.
    speakers: set[str] = field(default_factory=set)
    # Sources described, not named, that fit several entities ("the Shanghai academic": Yu Jianhua or Zhao Long):
    # each group is met by a fact naming any one of them.
    described: list[tuple[str, ...]] = field(default_factory=list)
    # People named only as whose a thing is ("Xi's connectivity programme"): a fact may leave them out.
    owners: set[str] = field(default_factory=set)
    # Of those, what the thing asked about is measured against ("the way NATO allies are", "NATO-style"): a fact
    # naming it is no nearer the question.
    measured_against: set[str] = field(default_factory=set)
    # Documents described by what they are about ("per the report on the Shaanxi talks"): each description's
    # words, and the things it names (those describe the document, not what is asked of it).
    document_topics: list[str] = field(default_factory=list)
    titled_topics: list[str] = field(
        default_factory=list
    )  # "the vaccines report": a document its title names
    topic_entities: set[str] = field(default_factory=set)
    # The source documents those descriptions fit, once looked up: a fact from another does not answer.
    documents: set[str] = field(default_factory=set)
    affiliation: bool = False  # "where does X work": the organisation, not a place
    wanted: str | None = None  # the kind of thing "which company" asks for (an entity type), if it says
    wanted_count: int | None = None  # how many of them "which two countries" asks for
    # "which five countries did Beijing's grouping bring together": the members, among them what is named
    members: bool = False
    kind_word: str | None = (
        None  # a narrower kind than the type ("which universities"): its name or description says it
    )
    # The years asked about as a range ("before 2024": (None, 2023), "since 1997": (1997, None)); either end open.
    period: tuple[int | None, int | None] | None = None
    year_set_aside: int | None = None  # "besides 2016, when …": a year the answer is not in
    # The period describes a thing asked about ("the early-2000s doctrine"): a fact that gives no year at all may
    # still be about it.
    period_describes: bool = False
    # The years other facts date the projects of an undated fact in (by fact id), looked up once a year or a period
    # is asked: "Chinese financing for the highway and the tunnel totalled $1 billion" is about the projects agreed
    # in 2006.
    things_dated: dict[str, frozenset[int]] = field(default_factory=dict)
    # "Who first put forward X?": who did something (not "who is", "which ministers")
    asks_doer: bool = False
    units: tuple[str, ...] = ()  # figure units the question asks for (folded), from a measure word
    measure: str | None = None  # the measure word as asked ("length", "annual capacity")
    measure_noun: bool = False  # the measure word names the quantity ("length"), unlike "how long"
    actor: bool = False  # "who financed …": whoever did it (a person, organisation or country), not a speaker
    deed: str | None = None  # what the actor did, as asked ("financed")
    current: bool = False  # "who is the president": the holder now, not a former one
    whose: bool = False  # "whose idea was X": who came up with it (a look-up that still wants a name)
    # "which official said …", "which Kazakh officials said …": people the fact names, not a group it quotes
    one_person: bool = False
    person_of: frozenset[str] = frozenset()  # "which Kazakh minister …": the countries that person is of
    cause: bool = False  # "what triggered X": a fact must state a cause, not only tell of X
    summed: bool = False  # "in total", "combined", "add up": one amount over several things is asked for
    portion: bool = (
        False  # "the bulk of", "most of", "the lion's share": where the larger part of a whole went
    )
    # "Where is X headquartered/held/based?": a place the sources name, not a description ("in border regions").
    located: bool = False
    # "Where is AidData based / located?": where the thing itself is, as a fact describing it says.
    seated: bool = False
    # Things the question sets aside ("apart from Tajikistan, which country …"): not an answer to it.
    set_aside: set[str] = field(default_factory=set)
    regional: bool = False  # "which Central Asian country …": one of the five
    # "Which Central Asian republic is not in the SCO?": the states of the five a fact's list leaves out
    left_out: bool = False
    # Countries a place question puts the thing in ("where exactly in Tajikistan is the base?"): answered by a
    # place within one of them, not by another country nor the region around it.
    within: set[str] = field(default_factory=set)
    precision: str | None = None  # "day", "month" or "year": "which month" wants more than a year
    amount: bool = False  # "how much": an amount (money, a share, a length), never a count of things
    exact: bool = False  # "exactly how many": an estimate or a bound does not answer
    money: bool = False  # a bare "how much" (no measure, no "of"): a sum of money is the likelier answer
    polar: bool = False  # a yes/no question ("Did the SCO act …?"): what the sources say about it answers
    # "Which country did X, A or B?": a choice between two things that ranks neither; the one that did it answers.
    choice: bool = False
    # "Does the Himalaya piece's figure square with the AidData total?": two things held up against each other,
    # each told by facts of its own.
    sides: bool = False
    # "Which pipeline …": a kind of thing the sources name one by one, asked for by its name (see `INSTANCE_KINDS`).
    instance: Concept | None = None
    # Asks about an announcement or a plan ("when did Beijing reveal …", "when was Xi due to visit?"): a fact
    # telling that something would happen dates it.
    announced: bool = False
    # "When will Xi be in Astana?": a date still to come, which sources written before it cannot give (a fact
    # that he "would soon visit" is dated by its announcement).
    future: bool = False
    # "The first meeting": a fact telling of another one ("the second meeting") is not about it.
    ordinal: str | None = None
    ranked: bool = False  # the ordinal is a rank ("ranks third"): a fact must give that rank
    # "Is Beijing the only outside power running such a format?": whether others do it too is the answer;
    # `exclusive_doer` is the kind of doer it names ("outside power"), the concept right after "the only".
    exclusive: bool = False
    exclusive_doer: str | None = None
    # "How many countries were observers": the whole a count of several kinds is made of is not what is asked,
    # unless the question asks for it ("counting observers", "in total"); the kinds it names only to set the kind
    # asked against them ("as onlookers rather than full members").
    whole_counted: bool = False
    kinds_set_against: set[str] = field(default_factory=set)
    # "A timeline of China's agreements and top-level contacts with Tajikistan": the concept the second of two
    # things joined starts with; a step of the history is one of them.
    joined_from: str | None = None
    # What a superlative ranks by ("the most Chinese tourists", "the largest rare-earth reserves"): found nowhere in
    # the sources, they cannot say which has the most.
    extreme_of: set[str] = field(default_factory=set)
    # Where a figure asked for went ("… went into the gas pipeline"): a fact must be linked to it.
    destinations: set[str] = field(default_factory=set)
    # A history between two points ("loans to Kazakhstan from 2008 to the launch of the BRI"): the things named
    # at the ends. A step between them need not name them, only what the history is of.
    ends: set[str] = field(default_factory=set)
    spanned: bool = False
    often: bool = False  # "how often", "how many times": a frequency in words ("many times") answers too
    # "How many Confucius Institutes …": the thing counted is an entity, which a fact must name (a count of years
    # of relations between the countries named counts something else).
    counted_entity: str | None = None
    lasting: bool = False  # "for how long has …": a span in words ("over the past two decades") answers too
    # "Up to which year does the data run?": where a span ends, which "since 2000" does not say.
    span_end: bool = False
    spanning: bool = False  # "what time span does it cover": a fact giving a span ("since 2000") answers best
    access: bool = (
        False  # asks for a document itself ("the original link", "where can I read the full report")
    )
    holders: dict[str, list[str]] = field(default_factory=dict)  # fact id -> who holds the role asked about
    # "What's her role at AidData?": the stems of the roles the people named hold (set when answering)
    roles: list[frozenset[str]] = field(default_factory=list)
    # fact id -> how many things it lists ("how many"), or the number it says before them, as written ("five")
    listed: dict[str, int | str] = field(default_factory=dict)
    # "How many experts does she name …": the names a statement gives count, even as examples ("experts such as
    # A, B and C"), which otherwise are some of the things, not all.
    names_counted: bool = False
    valued: set[int] = field(default_factory=set)  # rids of facts giving an amount the question names
    stated: list[Stated] = field(default_factory=list)  # amounts and shares written with their unit
    # A date written to the month or the day ("on 5 January 1992"), ISO partial: a claim's date, checked whole.
    dated: str | None = None
    unknown: list[str] = field(default_factory=list)  # concept words found nowhere in the sources
    # "How does she define X", "what is meant by X": X, which a fact must say what it is, not only name.
    defined: frozenset[str] = frozenset()
    # … and where X is no entity, the concept naming it ("what counts as financial diplomacy"): the facts saying
    # what it holds answer, where any does.
    defined_term: str | None = None
    # Names written as names ("the Organization of Turkic States") that are no entity: the facts must say them,
    # or the question is about something the sources do not cover.
    proper_names: list[str] = field(default_factory=list)
    respelled: list[tuple[str, str]] = field(default_factory=list)  # (as typed, as read): slips undone
    # "How did Mao Ning describe Kazakhstan?": the words a source put on a thing (a fact saying how it was
    # "described" or "called" says them).
    describing: bool = False

    def by_publication(self, entity_id: str) -> bool:
        """Whether a fact from a document the entity published counts as naming it: not for a source the answer
        must be according to ("per Putz": her own words), unless it was named as its document ("per the Himalaya
        piece")."""
        return entity_id not in self.sources or entity_id in self.outlets

    @property
    def focus(self) -> str:
        """What is asked about the entities, in the question's own words."""
        return " ".join(c.text for c in self.concepts)


def _concept(
    text: str,
    alternatives: tuple[str, ...],
    counted: bool = False,
    head: bool = False,
    origin: bool = False,
    required: bool = False,
    named: bool = False,
) -> Concept:
    alts = tuple(dict.fromkeys((text, *alternatives)))
    stems = tuple(tuple(stem(w) for w in a.split()) for a in alts)
    singles = frozenset(s[0] for s in stems if len(s) == 1)
    return Concept(
        text,
        alts,
        stems,
        counted,
        head,
        singles,
        tuple(frozenset(s) for s in stems if len(s) > 1),
        frozenset(stems[0]),
        origin,
        required,
        named,
    )
