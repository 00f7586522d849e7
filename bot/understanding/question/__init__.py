"""What a question asks: its intent, the entities it names, what it asks about them, and the answer it expects.

Read in small modules by concern: the text typed to words (`tokens`), courtesy read past (`courtesy`), the
intent (`intents`), the words that shape a question (`words`), the kind of thing asked for (`kinds`), time
(`dates`), amounts and counts (`amounts`), sources (`sources`), names that describe (`names`), people and
places (`people`), all put together by `understand` (`reading`) into a `Question` (`model`).
"""

from __future__ import annotations

from bot.understanding.question.intents import detect_intent, topic_first
from bot.understanding.question.model import Concept, Question, Stated
from bot.understanding.question.reading import understand

__all__ = ["Concept", "Question", "Stated", "detect_intent", "topic_first", "understand"]
