"""The kinds of entity and of fact answers are judged by: who can be an actor, a place, an organisation;
facts that list, argue, or tell of a thing that happens once.
"""

from __future__ import annotations

from bot.factbase.models import FACT_KINDS
from bot.factbase.stems import stem

KIND_STEMS = {kind: stem(kind) for kind in FACT_KINDS}
PERSON_TYPES = {"person"}
ACTOR_TYPES = {"person", "organisation", "country"}
LIST_KINDS = frozenset({"membership", "relation"})
# Things that happen once (a treaty signed, a summit held): a date the sources give for one is the date.
ONE_OFF_TYPES = frozenset({"document", "event"})
# Facts that argue or explain: they may answer "why" in any words ("given the leaders' two meetings", "to secure its
# investments"). A fact of another kind (an event, a figure) reports what happened and answers "why" only when it
# gives a reason in REASON_WORDS.
ARGUING_KINDS = frozenset({"opinion", "claim", "background"})
PLACE_TYPES = {"place"}
ORGANISATION_TYPES = {"organisation"}
