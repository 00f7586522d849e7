"""The courtesy around a question (greetings, "could you tell me", "thanks", a tag asking to check a claim):
read past, never asked about.
"""

from __future__ import annotations

import re

# Courtesy before the question ("Could you tell me when…", "I wonder how many…"): the intent is read after it.
_PREAMBLE = re.compile(
    r"^(please |kindly )?((could|can|would|will) (you|anyone) (please )?)?(tell|show|remind|give|let) (me|us)"
    r"( know)?( please)? |^(please |kindly )?((could|can|would|will) (you|anyone) (please )?)?(walk|talk|take) (me|us)"
    r" through |^(please |kindly )?(do|does) (you|anyone) (happen to )?know |^(please |kindly )"
    r"|^i (would|d) (like|love) to know |^i (want|need) to know |^i (wonder|am wondering|was wondering)"
    r"( if you could tell me)? |^i (am|m) (trying|keen|curious) to (remember|recall|find out|know|understand) "
    # A claim to check ("is it true that …"): what the sources say of it is the answer, read like the claim.
    r"|^(is it (really )?(true|correct|right|accurate|the case|so) that |(am i|are we) (right|correct) (in thinking|to"
    r" (think|say)) that |(can|could) (you|anyone) (confirm|check|verify) (that |whether |if )?|(true or false|fact"
    r" check|check|confirm|verify)( that)? )"
)


# A claim put with a tag asking to check it ("40% of Kazakhs unfavourable toward China, true?"): courtesy after
# the question, and a yes/no question.
_CHECK_TAGS = (
    r"true|correct|true or false|right or wrong|yes or no|right|am i right|is that right|is that so"
    # a tag question: "the charter was signed in 2006, wasn't it?" (the tokens read "was not it")
    r"|(?:is|was|are|were|did|does|do|has|have|had|will|would|can|could)"
    r" (?:not (?:it|they|he|she|there|we|that)|(?:it|they|he|she|there|we|that) not)"
)
_CHECK_TAG = re.compile(rf" ({_CHECK_TAGS})$")
# Courtesy after it ("…, can you list them?"): not what the question is about.
_CODA = re.compile(
    r" ((can|could|would|will) (you|anyone) (please )?(list|name|tell|give|remind|show)( them| it| me| us)?"
    rf"( please)?|please|thanks|thank you|{_CHECK_TAGS})$"
)


# Greetings and apologies before a question ("Hi, sorry if this is basic - what exactly is AidData?").
_GREETING = re.compile(
    r"^(?:(?:hi|hello|hey|greetings|good (?:morning|afternoon|evening))(?: there| all| everyone| team| folks)?"
    r"|(?:sorry|apologies)(?: if (?:this|it) (?:is|s) (?:a |an )?(?:basic|silly|stupid|dumb|obvious|naive|newbie)"
    r"(?: question| one)?| to (?:bother|trouble|disturb|pester) you)?|quick (?:question|check|one)|one more "
    r"(?:question|thing)|quick q"
    # what the answer is for ("for my memo:", "for a footnote -"): the asker's purpose, not the question's subject
    r"|for (?:my|a|the|our|this) (?:memo|footnote|note|notes|brief|briefing|draft|slides|deck|thesis))(?: |$)"
)


def _lead(folded: str, *, please: bool = True) -> int:
    """How many characters of courtesy open the question: greetings and apologies, then a request ("could you
    tell me"); 0 when none. `please`: whether a bare "please" counts."""
    at = 0
    while (greeting := _GREETING.match(folded[at:])) is not None:
        at += greeting.end()
    lead = _PREAMBLE.match(folded[at:])
    if lead and (please or lead.group(0).strip() != "please"):
        at += lead.end()
    return at


def _courtesy(folded: str) -> tuple[int, int]:
    """How many words of courtesy open and close the question (none are what it asks about)."""
    opening = len(folded[: _lead(folded, please=False)].split())
    coda = _CODA.search(folded)
    return opening, len(coda.group(0).split()) if coda else 0


def _asked(folded: str) -> str:
    """The question after any courtesy before it."""
    at = _lead(folded)
    if at and not folded[at:].startswith("about "):  # "tell me about X" is itself the question
        return folded[at:]
    return folded
