"""The one random split of the question pool into a development half and a held-out quarter.

Made once, before any tuning, and recorded in the files (each names its seed); rerunning it on the same pool
gives the same split. A quarter of each group (plain questions, paraphrases, not covered) is held out, spread
evenly over the group's intents and reasons for not being covered, so the held-out file has the same mix as the
whole.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from bot.evaluation.questions import GROUPS, Question

HELDOUT_SHARE = 0.25
SPLIT_SEED = 20261203


def split_questions(
    questions: Sequence[Question], seed: int = SPLIT_SEED, share: float = HELDOUT_SHARE
) -> tuple[list[Question], list[Question]]:
    """(dev, heldout), each in the pool's order."""
    rng = random.Random(seed)
    held: set[str] = set()
    for group in GROUPS:
        members = [q for q in questions if q.group == group]
        # Systematic sampling over the group shuffled within strata: every stratum gets its share, give or take one.
        keyed = sorted(((q.unanswerable or "", q.intent, rng.random()), q.id) for q in members)
        wanted = round(len(members) * share)
        if not wanted:
            continue
        step = len(members) / wanted
        offset = rng.random() * step
        held.update(keyed[int(offset + i * step)][1] for i in range(wanted))
    return [q for q in questions if q.id not in held], [q for q in questions if q.id in held]
