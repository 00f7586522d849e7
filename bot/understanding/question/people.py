"""People and places asked for: who did something, who holds a role now, whose idea a thing was, which
official said it; where a thing is, is held or is from, and where someone works.
"""

from __future__ import annotations

import re

from bot.factbase.stems import stem
from bot.understanding.question.intents import _PLACE_ASKED, _SEAT_ASKED

# "Which Central Asian country / states …": the kind asked for is one of the five.
_REGIONAL = re.compile(r"\b(which|what)( other)? central asian (countr|states?\b|republics?\b|nations?\b)")


# "Who financed / built / signed …" asks for whoever did it — a government, a bank or a person — not for whoever
# is quoted in a fact about it.
_ACTOR = re.compile(
    r"^(?:who|whom|which(?: \w+){1,3}?) (financed|funded|finances|funds|bankrolled|bankrolls|underwrote|underwrites|"
    r"built|builds|constructed|paid|pays|lent|lends|loaned|"
    r"signed|founded|established|created|launched|initiated|owns|owned|operates|operated|runs|ran|invested|"
    r"invests|bought|buys|sold|sells|supplied|supplies|donated|provided|provides|hosted|hosts|organised|"
    r"organized|backed|sponsored|supported|supports|controls|controlled|wrote|authored|published|released|"
    r"issued|drafted|commissioned|produced|prepared|conducted|succeeded|replaced|translated|edited|compiled|"
    r"photographed|interviewed|designed|coined)\b"
)
# "Who is the author of …", "who was the writer of …": who wrote it.
_AUTHOR_OF = re.compile(r"^who(?:'s| is| was| are| were) (?:the )?(?:author|authors|writer|writers) of\b")


def deed_asked(asked: str) -> str | None:
    """The deed a "who" question asks the doer of ("who financed …": "financed"; "who is the author of …":
    "wrote"), or None."""
    if (found := _ACTOR.match(asked)) is not None:
        return found.group(1)
    return "wrote" if _AUTHOR_OF.match(asked) else None


# "Who did AidData partner with on the report?": whoever it worked with, a body as much as a person.
_WORKED_WITH = re.compile(
    r"^(?:who|whom) (?:did|does|do|has|have|had) (?:\w+ ){1,4}?(?:partner|partnered|team up|teamed up|work|worked"
    r"|cooperate|cooperated|collaborate|collaborated|ally|allied|join forces|joined forces) with\b"
)
_WHO_DID = re.compile(r"^who (?:first |originally |actually |really )?(?!is\b|are\b|was\b|were\b|s\b)\w+")
_PLURAL = re.compile(r"^who (are|were)\b")
_CURRENT = re.compile(r"^(who (is|are)|what (is|s|are) the names? of)\b")

# Where people or forces are put to work ("where are the contractors' staff deployed?"): the question's frame, the
# places a fact puts them in its answer.
_AT_WORK = ("deployed", "stationed", "posted", "employed", "operate", "operates", "operating", "operated")
_LOCATED = re.compile(
    r"\b(headquartered|headquarters|based|located|situated|seated|housed|hosted|held|host|hold|convened|sited"
    rf"|{'|'.join(_PLACE_ASKED)}"
    # where a one-off thing was done: "where was the 2003 program signed?"
    r"|signed|founded|established|announced|proclaimed|launched|unveiled|adopted"
    rf"|{'|'.join(_AT_WORK)}"
    r"|sign|found|establish|announce|proclaim|launch|unveil|adopt)\b"
)
_WHOSE = re.compile(
    r"^whose (idea|ideas|brainchild|initiative|proposal|concept|plan|vision|invention|doing|notion) (was|is|were|are)\b"
)
# "Which Kazakh official said …" (one, by name): a claim the sources put to "Kazakhstani officials" names nobody.
_PEOPLE = (
    r"(person|official|expert|analyst|scholar|minister|leader|president|diplomat|spokesperson|spokesman|spokeswoman|"
    r"researcher|author|academic|lecturer|professor|commentator|economist|journalist|writer)"
)
# (and "which Kazakh officials / analysts …": people who said it, by name; "which ministers attended" may be
# answered by the countries whose ministers they were)
_ONE_PERSON = re.compile(
    rf"\bwhich (\w+ ){{0,3}}({_PEOPLE}|(official|expert|analyst|scholar|researcher|academic|commentator|economist"
    r"|journalist|writer|author)s)\b"
    # "who is the Kazakh official who said …": one person, by name, as "which official said …"
    rf"|^who (is|was) (the|a|an) (\w+ ){{0,3}}{_PEOPLE} (who|that)\b"
)
# "Which AidData researchers wrote …", "which ministers signed …": whoever did it, but people, not a government.
# ("Who were the five foreign ministers who met Wang Yi?": the ministers, by name, not their countries.)
_PEOPLE_ASKED = re.compile(
    rf"^which (\w+ ){{0,3}}{_PEOPLE}s?\b|^who (?:are|were) the (\w+ ){{0,4}}{_PEOPLE}s\b"
)
# "Where does the bulk of the financing go, by sector?" asks for sectors.
_SECTORS = frozenset({"sector", "sectors", "industry", "industries"})
_WHERE_FRAME = frozenset({"located", "situated", "headquartered", "based", *_SEAT_ASKED})
# "Where does Zhao Long work?" asks for the institution, not a place.
_AFFILIATION = re.compile(
    r"^where (does|did|do|is|was) (.+ )?(work|works|worked|teach|teaches|taught|employed|study|studies|studied"
    r"|based)\b"
)


# "What did X agree / sign / decide …": the thing done is what the question asks for.
_WHAT_DID = re.compile(r"^what (did|does|do|has|have|will|would)\b")
_DEEDS = frozenset(
    stem(w)
    for w in (
        "agree",
        "sign",
        "decide",
        "propose",
        "offer",
        "announce",
        "pledge",
        "promise",
        "adopt",
        "approve",
        "launch",
        "demand",
        "request",
        "recommend",
    )
)
