"""Who an answer is according to: sources named or described ("the Georgian analyst"), their staff, speakers,
documents described by their subject, and a document asked for itself (a link, a byline).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from bot.factbase.store import EntityRecord
from bot.search import STOPWORDS, EntityIndex
from bot.understanding.question.words import QUESTION_WORDS

# People who write or are quoted as experts: a country or a description before them says which source is meant
# ("the Georgian analyst", "the Virginia researchers").
_SCHOLARS = frozenset(
    {
        "analyst",
        "analysts",
        "academic",
        "academics",
        "lecturer",
        "professor",
        "researcher",
        "researchers",
        "scholar",
        "scholars",
        "expert",
        "experts",
        "commentator",
        "commentators",
        "historian",
        "economist",
        "pundit",
        "guy",  # "the Carnegie Moscow guy", "the Carnegie man"
        "man",
        "woman",
    }
)
# "think-tanker": one of a think tank's people.
_TANKERS = frozenset({"tanker", "tankers"})
# Who or what a country's name can describe rather than be asked about: "the Georgian analyst", "an
# Ankara-based think tank", "the Canberra academic".
_SOURCE_NOUNS = _SCHOLARS | {
    "official",
    "officials",
    "diplomat",
    "diplomats",
    "think",  # "think tank", "think-tank"
    "institute",
    "university",
    "outlet",
    "newspaper",
    "magazine",
    "journal",
    "website",
}
_CREDIT = frozenset({"credit", "credits", "credited", "crediting"})

# The nouns of a source described instead of named, by the kind of entity they describe.
_DESCRIBED_PEOPLE = _SCHOLARS | {"specialist", "fellow"}
_DESCRIBED_ORGANISATIONS = frozenset(
    {
        "lab",
        "laboratory",
        "tank",
        "institute",
        "university",
        "outlet",
        "magazine",
        "newspaper",
        "centre",
        "center",
        "team",  # "the Williamsburg team": the lab
        "study",  # "the Williamsburg study": the lab's
    }
)
_DESCRIBED_MOST = 4  # a description fitting more entities than this is too loose to stand for them
_MODIFIERS_MOST = 3


def _described_sources(
    words: list[str], used: list[bool], entities: EntityIndex
) -> list[tuple[int, int, list[EntityRecord]]]:
    """Sources described by words the question uses for them ("the Virginia lab", "the Virginia research lab",
    "Shanghai academic"): each described noun with the words before it that are no name already, as (start,
    end, the entities that every one of those words describes). Nouns no entity fits are left as they are."""
    out = []
    for at, noun in enumerate(words):
        if used[at]:
            continue
        if noun in _DESCRIBED_PEOPLE or (noun in _TANKERS and words[at - 1 : at] == ["think"]):
            types = {"person"}
        elif noun in _DESCRIBED_ORGANISATIONS and not (noun == "tank" and words[at - 1 : at] != ["think"]):
            types = {"organisation"}
        else:
            continue
        first = at - 1 if noun == "tank" or noun in _TANKERS else at
        start = first
        while (
            start > 0
            and first - start < _MODIFIERS_MOST
            and not used[start - 1]
            and words[start - 1] not in STOPWORDS
            and words[start - 1] not in QUESTION_WORDS
            and not words[start - 1].isdigit()
            and words[start - 1] != "s"  # "the think tank's analyst": whose analyst, no description of her
        ):
            start -= 1
        # ("Virginia-based", "US-funded", "Beijing-backed": a relation to another thing, not the source's own
        # description; "US-funded study" is no sovereign wealth *fund*)
        modifiers = [w for w in words[start:first] if not w.endswith("ed")]
        if not modifiers or words[start - 1 : start] in (["which"], ["what"]):
            # ("which university research lab put together …": the kind of source asked for, not one described)
            continue
        found = entities.described(modifiers, types, head=" ".join(words[first : at + 1]))
        if 0 < len(found) <= _DESCRIBED_MOST:
            out.append((start, at + 1, found))
    return out


# "Serikkaliyeva's view", "Putz's article": whose words they are, which a fact must attribute to her.
# "By the lab's reckoning": whose figures, whatever else the word means in the thesaurus ("reckon" = argue).
_RECKONING = frozenset(
    {"reckoning", "estimate", "estimates", "estimation", "tally", "calculation", "calculations"}
)
_SAYING_NOUNS = frozenset(
    {
        "view",
        "views",
        "opinion",
        "article",
        "paper",
        "report",
        "study",
        "analysis",
        "words",
        "account",
        "argument",
        "assessment",
        "claim",
        "claims",
        "book",
        "piece",
        "essay",
        "remarks",
        "comments",
        "judgement",
        "judgment",
        "reading",  # "per Himalaya's reading of AidData"
        "telling",  # "in the Kazakh scholar's telling"
        "interpretation",
        "verdict",
        "take",
        *_RECKONING,
    }
)


# "What did Nazarbayev say at the forum?", "what does Clarke argue about Xinjiang?": the name before one of these
# verbs is the speaker, whose words the fact must give (the verb frames the question: "said" answers "argue").
_SAYING_VERBS = frozenset(
    {
        "say",
        "said",
        "argue",
        "argued",
        "think",
        "thought",
        "believe",
        "claim",
        "claimed",
        "contend",
        "write",
        "wrote",
        "stress",
        "stressed",
        "suggest",
        "suggested",
        "warn",
        "warned",
        "note",
        "noted",
        "make",  # "what does Putz make of …"
        # "what did Mao Ning announce on 1 July?", "how did she describe Kazakhstan?": her words
        "announce",
        "declare",
        "describe",
    }
)


# A person's words, in the forms a question puts after who says them ("which Kazakh analyst argues …").
_SPEAKING = _SAYING_VERBS | {
    "says",
    "argues",
    "thinks",
    "believes",
    "claims",
    "contends",
    "writes",
    "stresses",
    "suggests",
    "warns",
    "notes",
    "insists",
    "maintains",
    "asserts",
    "spoke",
    "speaks",
}


# "The report on the Shaanxi talks", "AidData's study of Beijing's public outreach": a document named by what it
# is about. The description runs to the next verb or question word (at most a few words).
_DOCUMENT_NOUNS = frozenset({"report", "article", "paper", "piece", "study", "analysis", "story", "essay"})
_ABOUT = frozenset({"on", "about", "of", "covering", "into", "regarding"})
_TOPIC_ENDS = frozenset(
    {
        "that",
        "who",
        "whom",
        "whose",
        "which",
        "what",
        "how",
        "when",
        "where",
        "why",
        "is",
        "was",
        "are",
        "were",
        "does",
        "did",
        "do",
        "has",
        "have",
        "had",
        "say",
        "says",
        "said",
        "cover",
        "covers",
        "describe",
        "describes",
        "published",
        "available",
        "mention",
        "mentions",
        "name",
        "names",
        "per",
        "according",
        # the question's own verb, ending it: "… the AidData study of Chinese outreach start?", "… look at?"
        "start",
        "begin",
        "look",
        "examine",
        "find",
        "argue",
        "claim",
        "conclude",
        "suggest",
        "cite",
        "include",
        "focus",
        "rely",
        "draw",
        "analyse",
        "analyze",
        "assess",
        "measure",
        "track",
    }
)
_TOPIC_MOST = 8
_TOPICS_MOST = 2


# The kind of document, before its noun: "the news report on …", "the research paper on …".
_DOCUMENT_KINDS = frozenset(
    {"news", "newspaper", "press", "magazine", "journal", "research", "policy", "blog", "wire"}
)


def _document_topics(words: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each description of a document by its subject; the words from two before `start` (its
    noun and preposition, and a word for its kind before those) describe it too."""
    out = []
    for at in range(len(words) - 2):
        if words[at] not in _DOCUMENT_NOUNS or words[at + 1] not in _ABOUT:
            continue
        if words[at : at + 2] == ["piece", "of"]:
            continue  # "a piece of infrastructure": a thing, not a document about it
        if at and words[at - 1] in _DOCUMENT_NOUNS:
            continue  # "what did the article report about …": what the document says, not another document
        # "the study on how Beijing tries to win over …": a question word opening the subject is part of it
        end = at + 3 if words[at + 2] in {"how", "why", "what", "whether", "when", "where"} else at + 2
        while (
            end < len(words)
            and end - at - 2 < _TOPIC_MOST
            and words[end] not in _TOPIC_ENDS
            and words[end] not in _DOCUMENT_NOUNS  # "… and the report on …": another document
            # "the study of Beijing's toolkit bankrolled by …": who made or paid for it is no part of its subject
            and not (words[end + 1 : end + 2] == ["by"] and words[end].endswith(("ed", "en")))
        ):
            end += 1
        if any(w not in STOPWORDS for w in words[at + 2 : end]):
            out.append((at + 2, end))
    return out[
        :_TOPICS_MOST
    ]  # each is looked up among the sources: a long line of them costs no more than two


def _compound_topics(
    words: list[str], used: list[bool], spans: Sequence[tuple[int, int, EntityRecord]]
) -> list[int]:
    """Where a document's noun follows one word for its subject: "the vaccines report", "this uranium piece" (not
    a name, "the AidData report"; nor "the report on …", read by `_document_topics`)."""
    return [
        at
        for at in range(2, len(words))
        if words[at] in _DOCUMENT_NOUNS
        and words[at - 2] in {"the", "this", "that"}
        and not used[at - 1]
        and words[at - 1] not in STOPWORDS | _DOCUMENT_NOUNS | _DOCUMENT_KINDS | QUESTION_WORDS
        and not any(a <= at - 1 < b for a, b, _ in spans)
        and (at + 1 == len(words) or words[at + 1] not in _ABOUT)
    ][:_TOPICS_MOST]


def _speaks(words: list[str], start: int, end: int) -> bool:
    """Whether the name at words[start:end] is the speaker of "what did X say …" (a question asking what, not
    who: "who did Xi say …" is not about Xi's words)."""
    return (
        end < len(words)
        and words[end] in _SAYING_VERBS
        and words[end + 1 : end + 2] not in (["tank"], ["tanks"], ["tanker"])  # "the Ankara think tank"
        and words[start - 1 : start] in (["did"], ["does"], ["do"], ["the"])
        and words[0] in {"what", "how"}
    )


def _cites(words: list[str], start: int, end: int) -> bool:
    """Whether the name at words[start:end] is who the question asks the answer according to."""
    # (past an article: "per the Corridors of Power report", "according to the Central Asia Barometer")
    at = start - 1 if words[start - 1 : start] == ["the"] else start
    before = words[max(at - 2, 0) : at]
    after = words[end : end + 3]
    return (
        before == ["according", "to"]
        or before[-1:] == ["per"]
        or (
            after[:1] == ["s"]
            and not _SAYING_NOUNS.isdisjoint(after[1:])
            and not _after_work(words, start, end)
        )
    )


# "the base that Avdaliani mentions", "the loan which AidData reports": the thing as a source tells of it, so a
# fact not citing that source does not answer; the verb frames the question.
_MENTIONING = frozenset(
    {
        "mentions",
        "mentioned",
        "cites",
        "cited",
        "describes",
        "described",
        "claims",
        "claimed",
        "says",
        "said",
        "reports",
        "reported",
        "notes",
        "noted",
        "refers",
        "referred",
        "alleges",
        "alleged",
        "writes",
        "wrote",
    }
)


def _mentioned_by(words: list[str], start: int, end: int) -> bool:
    """Whether the name at words[start:end] is whoever a relative clause says tells of the thing asked about."""
    at = start - 1 if words[start - 1 : start] == ["the"] else start
    return (
        at >= 2  # a relative "that"/"which" after the thing it tells of, not "which AidData reports are …"
        and words[at - 1] in {"that", "which"}
        and words[end : end + 1] != []
        and words[end] in _MENTIONING
        and words[end + 1 : end + 2] not in (["are"], ["is"], ["were"], ["was"])
    )


def _staff_after(words: list[str], end: int) -> int:
    """How many words after a source's name are its possessive and the role of someone of it ("'s policy
    chief"), if they are; else 0."""
    if words[end : end + 1] != ["s"]:
        return 0
    size = 0
    for k in range(end + 1, min(end + 4, len(words))):
        if words[k] in _STAFF_NOUNS:
            size = k + 1 - end
        elif words[k] not in _STAFF_QUALIFIERS:
            break
    return size


def _after_work(words: list[str], start: int, end: int) -> bool:
    """Whether the name at words[start:end] dates what is asked as later than its work: "since Serikkaliyeva's
    article was written", "after Putz's piece"."""
    at = start - 1 if words[start - 1 : start] == ["the"] else start
    return words[at - 1 : at] in (["since"], ["after"]) and words[end : end + 1] == ["s"]


SOURCE_TYPES = frozenset({"organisation", "person"})  # who can publish or write a source document
# Someone of a source cited by its possessive: "according to The Diplomat's writer", "per AidData's policy chief".
# The role says whose words are meant, not what they are about. (A run of these ending in a noun of them.)
_STAFF_NOUNS = _SCHOLARS | {
    "writer",
    "writers",
    "author",
    "authors",
    "reporter",
    "reporters",
    "correspondent",
    "journalist",
    "columnist",
    "editor",
    "editors",
    "staffer",
    "staffers",
    "chief",
    "head",
    "director",
    "boss",
    "people",
    "team",
}
_STAFF_QUALIFIERS = frozenset(
    {"policy", "research", "lead", "senior", "chief", "own", "top", "managing", "staff"}
)
_WORK_DONE = frozenset({"written", "wrote", "published", "appeared", "released", "came", "out"})


def _describes_source(words: list[str], end: int) -> int:
    """How many words after a name ending before `end` make it an adjective of a source ("Georgian analyst":
    1, "Ankara think tank": 2, "Ankara-based think tank": 3); 0 when it is not one."""
    at = end + 1 if words[end : end + 1] == ["based"] else end
    # "Georgian think-tank analyst": every source noun of the run.
    while at < len(words) and words[at] in _SOURCE_NOUNS:
        if words[at] == "think":
            if words[at + 1 : at + 2] not in (["tank"], ["tanker"], ["tankers"]):
                break  # "Georgian analysts think …": the verb
            at += 1
        at += 1
    return at - end


def _source_before(words: list[str], start: int) -> int | None:
    """Where the source noun is that a place after it says where the source is ("the Carnegie man in Moscow",
    "an analyst from Kazakhstan", "the scholar based in Almaty"), if one is."""
    at = start - 1 - (words[start - 2 : start] in (["based", "in"], ["based", "at"]))
    if at < 1 or words[start - 1] not in {"in", "from", "at"}:
        return None
    return at - 1 if words[at - 1] in _SOURCE_NOUNS and words[at - 1] != "think" else None


_CITING = frozenset({"cites", "cite", "cited", "quotes", "quote", "quoted"})
_CITING_WHO = frozenset({"it", "they", "she", "he"})


# Asking for a document itself (a link, the full text, where to read it): no fact holds that.
# Or for the page around it (a byline, an advert, the cookie notice): page furniture never becomes a fact.
_ACCESS = re.compile(
    r"\b(source link|original link|link to (the|this|that)|url|web address|download|pdf|full text|"
    r"full (report|article|paper|study)|read the (whole|full|rest|remainder)|"
    r"(rest|remainder) of (the|her|his|their|this|that) (\w+ )?(article|report|paper|piece|text|study|document)|"
    r"where can i (read|find|get|access|download)|how (can|do) i (read|get|access|download)|job title|"
    r"research interests|contact details|email address|biography|bio|"
    r"subscribe|subscription|paywall|bylines?|photo credits?|adverts?|advertisements?|cookies?|newsletters?|"
    r"sidebar|breadcrumbs?|comment section|comments section|share buttons?|section label|login|photographer|"
    # who took or supplied a picture: its credit line
    r"(took|take|taken|shot|supplied|supply|provided|credited|credit for) (the |that |this )?"
    r"(photo|photograph|picture|image|pic)s?)\b"
)


_WRITING = frozenset({"wrote", "writing", "written", "published"})
_WHEN_WRITTEN = frozenset({"when", "time"})  # "when she wrote", "at / by the time the paper was written"
_WRITERS = _SCHOLARS | _DOCUMENT_NOUNS | {"author", "authors", "writer", "she", "he", "they"}
_WORK_AFTER = frozenset({"her", "his", "their", "its", "the", "this", "that"})
# A question asked after a clause opening with "when" ("When the paper was written, how many …"): the clause
# frames it.
_ASKED_AFTER = frozenset(
    {
        "how",
        "what",
        "which",
        "who",
        "whom",
        "where",
        "why",
        "did",
        "was",
        "were",
        "is",
        "are",
        "does",
        "do",
        "had",
    }
)


def time_of_writing(words: Sequence[str], writers: AbstractSet[int]) -> list[int]:
    """Positions of the words saying that a source was written, in a clause giving the time of writing ("when the
    Kazakh scholar wrote her piece", "by the time the paper was written"): that time is what "at the time of the
    article" says, and neither the writing nor the work is a thing asked about. `writers`: positions of the names
    of those who can write a source (people, organisations)."""
    out: list[int] = []
    for i, word in enumerate(words):
        if word not in _WRITING:
            continue
        starts = [k for k in range(max(0, i - 8), i) if words[k] in _WHEN_WRITTEN]
        if not starts:
            continue
        between = range(starts[-1] + 1, i)
        if not any(words[k] in _WRITERS or k in writers for k in between):
            continue
        if starts[-1] == 0 and _ASKED_AFTER.isdisjoint(words[i + 1 :]):
            continue  # "When was the article written?" asks for that time
        out.append(i)
        if i + 2 < len(words) and words[i + 1] in _WORK_AFTER and words[i + 2] in _DOCUMENT_NOUNS:
            out += [i + 1, i + 2]  # "… wrote her piece"
    return out
