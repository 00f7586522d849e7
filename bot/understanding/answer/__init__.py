"""The facts that answer a question, and the answer made of them.

In small modules by concern: the facts judged (`candidates`), whether a fact names the things asked about
(`naming`), carries the kind of answer expected (`expected`) and is judged to answer (`judging`); places
(`places`), roles and office holders (`roles`), counts and lists (`counts`), time (`dates`), what a statement
says (`statements`); claims checked and fallbacks (`claims`), questions in parts (`parts`), answer lines
(`lines`); all composed into the `Answerer` (`answerer`), which gives an `Answer` (`results`).
"""

from __future__ import annotations

from bot.understanding.answer.answerer import Answerer
from bot.understanding.answer.results import Answer

__all__ = ["Answer", "Answerer"]
