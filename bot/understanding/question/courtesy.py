"""The courtesy around a question (greetings, "could you tell me", "thanks", a tag asking to check a claim):
read past, never asked about.
"""

from __future__ import annotations

import re

# Courtesy before the question ("Could you tell me when…", "I wonder how many…"): the intent is read after it.
# A claim to check, read past here and marked as one in intents.py: "is it true that …", "is it true or false that
# …", and without its "that" at the start of a question ("is it true the BRI was launched in 2013?").
IS_IT_TRUE_THAT = (
    r"is it (?:really )?(?:true|correct|right|accurate|the case|so)(?: or (?:false|not|wrong))? that"
)
IS_IT_TRUE_BARE = r"is it (?:really )?(?:true|correct|accurate) (?!(?:that|or|to)\b)"

_PREAMBLE = re.compile(
    r"^(please |kindly )?((could|can|would|will) (you|anyone) (please )?)?(tell|show|remind|give|let) (me|us)"
    r"( know)?( please)? |^(please |kindly )?((could|can|would|will) (you|anyone) (please )?)?(walk|talk|take) (me|us)"
    r" through |^(please |kindly )?(do|does) (you|anyone) (happen to )?know |^(please |kindly )"
    r"|^i (would|d) (like|love) to know |^i (want|need) to know |^i (wonder|am wondering|was wondering)"
    r"( if you could tell me)? |^i (am|m) (trying|keen|curious) to (remember|recall|find out|know|understand) "
    # A claim to check ("is it true that …"): what the sources say of it is the answer, read like the claim.
    rf"|^({IS_IT_TRUE_THAT} |{IS_IT_TRUE_BARE}|(am i|are we) (right|correct) (in thinking|to"
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
# … and a tag without "not" after a claim that has one: "Tashkent wasn't in the Shanghai Five, was it?" (not
# "the 2023 summit, where was it?", which asks).
_POSITIVE_TAG = re.compile(
    r"\b(?:not|never)\b.* ((?:is|was|are|were|did|does|do|has|have|had) (?:it|they|he|she|there|we|that))$"
)
# Courtesy after it ("…, can you list them?"): not what the question is about.
_CODA = re.compile(
    r" ((can|could|would|will) (you|anyone) (please )?(list|name|tell|give|remind|show)( them| it| me| us)?"
    rf"( please)?|please|thanks|thank you|{_CHECK_TAGS})$"
)


# A greeting, read past in the folded words (`_GREETING`) and on the typed line (`_WRAPPER_BEFORE`) alike.
_HELLO = (
    r"(?:hi|hello|hey|greetings|good (?:morning|afternoon|evening))(?: there| all| everyone| team| folks)?"
)
# Greetings and apologies before a question ("Hi, sorry if this is basic - what exactly is AidData?").
_GREETING = re.compile(
    rf"^(?:{_HELLO}"
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
    if coda is None and (tag := _POSITIVE_TAG.search(folded)) is not None:
        return opening, len(tag.group(1).split())
    return opening, len(coda.group(0).split()) if coda else 0


def checks_a_claim_by_tag(folded: str) -> bool:
    """Whether a tag after the question asks to check a claim ("…, true?", "…, wasn't it?", "… wasn't …, was
    it?")."""
    return _CHECK_TAG.search(folded) is not None or _POSITIVE_TAG.search(folded) is not None


def _asked(folded: str) -> str:
    """The question after any courtesy before it."""
    at = _lead(folded)
    if at and not folded[at:].startswith("about "):  # "tell me about X" is itself the question
        return folded[at:]
    return folded


# What wraps a question without being part of it, on the typed line: a greeting or a request before it ("Hi,",
# "Quick question:", "Can you tell me", "For my report, I need to know:"), the scope every answer has anyway
# ("According to the sources,"), and a request about the answer after it ("Please cite the source.", "Thanks!").
# Read past before anything else, so that what opens the question (an asking word, "compare", "timeline:") opens it.
# A claim to check ("is it true that …") is not a wrapper: it makes the question a yes/no one.
_SOURCES = (
    r"(?:the |your |these |our |my |available )?"
    r"(?:sources?|documents?|texts?|records?|fact ?base|facts|materials?|data)"
)
_BREAK = r"\s*[,!.:;—–-]\s*"  # what ends a greeting or a scope
_REQUEST = (
    r"(?:i(?:'d| would|d)? (?:need|want|like|love) to (?:know|find out)|please (?:tell me|let me know)"
    r"|i need an? (?:source|citation|reference|quote) (?:for|on) (?:this|the following)"
    r"|(?:can|could|would) you (?:please )?(?:tell me|let me know|find out))(?:\s*[,:—–-]\s*|\s+(?!about\b))"
    # "can you explain why …": the asking word says what is asked ("explain the SCO's aims" asks what they are)
    r"|(?:please |(?:can|could|would) you (?:please )?)?explain\s+(?=(?:what|why|how|who|when|where|which)\b)"
)
_WRAPPER_BEFORE = re.compile(
    r"^\s*(?:"
    rf"{_HELLO}"
    rf"(?:{_BREAK}|\s+)"
    # a word carrying on from what came before: "Also,", "And", "OK so", "Right,"
    r"|(?:(?:ok|okay|alright|right|well|also|and|so)\b(?: so\b)?(?:\s*,)?\s+)"
    r"|(?:sorry|apologies)(?: if (?:this|it) is (?:a |an )?(?:basic|silly|stupid|dumb|obvious|naive)(?: question| one)?"
    rf"| to (?:bother|trouble) you)?{_BREAK}"
    r"|(?:a |one )?(?:more |quick |short |simple )?(?:question|query|q)(?: for you)?\s*[:—–-]\s*"
    rf"|quick (?:question|check|one|q){_BREAK}"
    r"|(?:for (?:my|a|the|our|this) (?:report|memo|paper|article|essay|thesis|brief|briefing|draft|notes?|"
    rf"footnote|slides|deck|research|piece)\s*[,:—–-]\s*)?{_REQUEST}"
    rf"|(?:according to|based on|from|in|using|going by|per) {_SOURCES}{_BREAK}"
    r")",
    re.IGNORECASE,
)
_EVIDENCE = r"(?:sources?|citations?|quotes?|references?)"
_BRIEFLY = (
    r"briefly|in brief|in short|quickly|in (?:a|one) (?:sentence|line|word)|(?:short|brief|quick) answer"
    r"|keep it (?:short|brief)|be (?:brief|concise)"
)
_WRAPPER_AFTER = re.compile(
    r"(?:"
    # after the question's end or a comma: "… ? Please cite the source.", "…, with citations", "…, thanks"
    r"(?:(?<=[?.!])\s*|\s*[,;—–-]\s*)(?:"
    rf"(?:please )?(?:cite|give|include|show|add|quote|list|name)(?: me)? (?:the |your |all |a |any )?{_EVIDENCE}"
    rf"(?: please)?|(?:with|including) (?:the )?{_EVIDENCE}(?: please)?|{_EVIDENCE} (?:please|pls)"
    rf"|(?:according to|based on|going by|per) {_SOURCES}"
    r"|(?:many )?(?:thanks|thank you|thx|ty|cheers)(?: (?:so|very) much)?(?: in advance)?"
    rf"|(?:{_BRIEFLY})(?: please)?)"
    # in brackets: "… (briefly)", "… (short answer)"; or straight after: "kyrgyzstan china timeline short answer pls"
    rf"|\s*\((?:{_BRIEFLY})\)|\s+(?:short|brief|quick) answer(?: please| pls)?"
    # with nothing between: "kyrgyzstan china timeline please cite the source"
    rf"|\s+(?:please )?cite(?: me)? (?:the |your |all |a |any )?{_EVIDENCE}(?: please)?"
    rf"|\s+please (?:give|include|show|add|quote|list|name)(?: me)? (?:the |your |all |a |any )?{_EVIDENCE}"
    r")[\s.!?]*$",
    re.IGNORECASE,
)


# A sentence after the question saying what it means ("… trade? I mean the Kazakh line on Taipei and Lhasa …"):
# part of what is asked, read as one question with it.
_CLARIFIED = re.compile(
    r"\?\s+(?:i mean|by that i mean|what i mean is|that is|i\.e\.|ie|specifically|in particular|namely)[,:]?\s+",
    re.IGNORECASE,
)


# A short follow-up asking the first question's other side ("… wasn't in it, was it? Who actually was?", "… not
# a member? Which ones are?"): what the answer to the first names already, so no second question of its own.
_FOLLOW_UP = re.compile(
    r"(?<=\?)\s+(?:and |so |then )?(?:who|which(?: ones?| countries| states)?|what)"
    r"(?: (?:actually|really|then|instead))? (?:was|were|is|are|did|does|do)"
    r"(?: (?:then|instead|actually|it|they))?[\s?.!]*$",
    re.IGNORECASE,
)


# A claim someone made, told after the question ("… when did they open ties? a colleague wrote 1993"): the claim is
# what the answer checks ("… ? 1993"), not who made it (a colleague the sources never mention).
_CLAIMED_AFTER = re.compile(
    r"(?<=\?)\s+(?:but\s+)?(?:a|my|our|one|the|some)\s+(?:colleague|friend|student|reviewer|source|editor"
    r"|supervisor|professor|teacher|boss|book|textbook|draft|website|site|article|paper|wiki|wikipedia|encyclopedia"
    r"|note|notes)s?\s+(?:wrote|writes|says|said|thinks|thought|claims|claimed|reckons|reckoned|put|puts|gave|gives"
    r"|has|had|told me|told us|insists|insisted|suggested|suggests)(?:\s+(?:it|that|this))?(?:\s+(?:was|is|at|as))?"
    r"\s+(?P<claim>[^?]+?)[\s.!]*$",
    re.IGNORECASE,
)


# "Is Turkey listed as an SCO dialogue partner?" asks whether it is one ("… listed among the observers?": among
# them): the listing is the asker's way of putting it, not a word a fact must say.
_LISTED_AS = re.compile(
    r"^(?P<asked>(?:is|are|was|were)\s[^?]+?)\s+(?:listed|counted|classed|classified|recorded|named|mentioned)"
    r"\s+(?:(?P<as>as)|(?P<among>among))\b",
    re.IGNORECASE,
)


# A sentence after the question that is the asker's note, not part of what is asked ("… ? Short answer please.",
# "… ? I'm asking for a report.", "… ? need it for a footnote"). Anything else after the mark stays: a second
# question ("…? how do the two compare"), or what qualifies the first ("…? per the Carnegie expert").
_NOTE_AFTER = re.compile(
    r"(?<=\?)\s+(?:i|i'm|im|i've|i'd|i'll|we|we're|we've|my|our|he's|she's|they're|it's|need|needed|needs|this is for"
    r"|that's for|for (?:my|a|an|the|our) (?:memo|footnote|note|notes|report|brief|briefing|draft|paper|thesis|essay"
    r"|article|slides|deck|chapter|piece|class|team|boss|supervisor)|just (?:curious|wondering|checking)"
    r"|thanks|thank you|thx|cheers|ta|please|pls|plz|short|brief|quick|bullet points?|sources?|cite|citations?"
    r"|no rush|asap"
    # where the asker met the thing: "… ? Her name came up in an article and I couldn't place her."
    r"|(?:his|her|their|its|the|that|this) (?:name|term|phrase|word|acronym) (?:came|comes|keeps|kept|popped|pops"
    r"|turned|turns|cropped|crops|appeared|appears|was mentioned|is mentioned)"
    r"|(?:it|this|that|they|he|she) (?:came|comes|keeps coming|kept coming|popped|pops|cropped|crops) up)\b[^?]*$",
    re.IGNORECASE,
)


# The whole question in quotation marks or Markdown emphasis, pasted as it was written elsewhere.
_ENCLOSING = re.compile(
    r"\*\*(?P<bold>(?:(?!\*\*).)+)\*\*|__(?P<under>(?:(?!__).)+)__"
    r"|(?P<mark>[*_`\"'])(?P<plain>(?:(?!(?P=mark)).)+)(?P=mark)|“(?P<curly>[^“”]+)”|‘(?P<single>[^‘’]+)’"
)  # (one pair around all of it: '"NATO of the East" or "Warsaw Pact"' is two quotations)
# The number of a question in a list the asker pastes from: "3. When …", "2) Who …", "- What …", "Q4: …".
_NUMBERED = re.compile(r"^(?:\(?\d{1,2}[.)]|[-•*]|q\d{1,2}[.:)]?)\s+", re.IGNORECASE)


# A claim quoted from a draft to check: "Our draft says X. Fine to keep?", "The piece states that X — accurate?",
# "The draft lists X as … Correct?": read as "Is it true that X?".
_DRAFT_SAYS = re.compile(
    r"^(?:our|the|my|this|a) (?:draft|piece|article|text|copy|story|manuscript|line|sentence|write-?up|chapter)"
    r"(?: \w+){0,2}? (?:says|states|claims|lists|has|reads|asserts|notes|puts|describes|calls|gives|dates|puts it)"
    r"(?: that)?\s+(?P<claim>.+?)[\s.,;:!—–-]*"
    r"(?:(?:is (?:that|this|it) )?(?:fine to keep|ok(?:ay)? to keep|safe to keep|accurate|correct|right|true|ok|okay"
    r"|confirmed|verified|fair|supported|backed up)\??"
    r"|(?:can|could) (?:you|we|i) (?:verify|confirm|check|support)(?: (?:that|this|it|the number|the date|the figure"
    r"|the name))?\??|(?:does|do) (?:that|this|it) (?:hold|hold up|check out|stand up)\??|(?:right|correct|true)\?"
    r"|is (?:that|this) what (?:it|they|he|she) (?:found|finds|said|says|argued|argues|wrote|writes|reported)\?)"
    r"\s*$",
    re.IGNORECASE | re.DOTALL,
)


# A claim the asker heard or read, to check: "Someone told me X. Is that right?", "I read somewhere that X — true?".
# Who said it is not asked about; what follows is the claim (and any question after it).
_HEARSAY = re.compile(
    r"^(?:(?:someone|somebody|a (?:colleague|friend|student|reviewer|source)|my (?:colleague|supervisor|editor"
    r"|professor|boss|friend|students?|reviewers?)|people|they) (?:told|tell|tells|has told|have told|keeps? telling)"
    r" (?:me|us)|i (?:was|have been|'ve been|ve been) told|i (?:have |'ve |ve )?(?:read|heard|seen it (?:said|claimed"
    r"|reported|written))(?: (?:somewhere|online|once|recently|elsewhere|before))?)(?: that)?\s+(?=\S)",
    re.IGNORECASE,
)
# A value the asker has noted for something, to check: "I have 1997 down as the year X — is that correct?" is "Is it
# true that the year X was 1997?".
_NOTED_AS = re.compile(
    r"^i(?: have|'ve|ve| had)(?: got)? (?P<value>.+?) (?:down|noted|written down|listed|pencilled in) as"
    r" (?P<what>.+?)[\s.,;:!—–-]*(?:is (?:that|this|it) )?(?:correct|right|true|accurate|ok|okay)\??\s*$",
    re.IGNORECASE | re.DOTALL,
)


def unwrap(text: str) -> str:
    """The question inside what wraps it on the typed line (see `_WRAPPER_BEFORE`); the line itself when nothing
    does, or when nothing would be left."""
    inner = " ".join(text.split())  # spaces and line breaks as one space: "How\nmany …"
    while (around := _ENCLOSING.fullmatch(inner)) is not None:
        # '"When was …?"', "**When was …?**"
        inner = next(
            part for part in around.group("bold", "under", "plain", "curly", "single") if part
        ).strip()
    inner = _NUMBERED.sub("", inner)
    if (draft := _DRAFT_SAYS.match(inner)) is not None:
        inner = f"Is it true that {draft.group('claim')}?"
    elif (noted := _NOTED_AS.match(inner)) is not None:
        inner = f"Is it true that {noted.group('what')} was {noted.group('value')}?"
    elif (heard := _HEARSAY.match(inner)) is not None:
        inner = inner[heard.end() :]
    inner = _CLARIFIED.sub(", ", inner, count=1)
    inner = _NOTE_AFTER.sub("", inner)
    inner = _CLAIMED_AFTER.sub(lambda m: f" {m.group('claim')}", inner)
    inner = _LISTED_AS.sub(
        lambda m: m.group("asked") + (" among" if m.group("among") else ""), inner, count=1
    )
    inner = _FOLLOW_UP.sub("", inner)
    while (before := _WRAPPER_BEFORE.match(inner)) is not None and inner[before.end() :].strip():
        inner = inner[before.end() :]
    while (after := _WRAPPER_AFTER.search(inner)) is not None and inner[: after.start()].strip():
        # (a question mark after the wrapper ends the question: "when was it founded, according to the sources?")
        mark = "?" if "?" in after.group(0) and not inner[: after.start()].endswith("?") else ""
        inner = inner[: after.start()] + mark
    return inner.strip() if inner is not text else text
