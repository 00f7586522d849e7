"""The core's process-wide settling before a long-running process serves."""

from __future__ import annotations

import gc
import weakref

from bot.core import settle_heap


class _Node:
    link: _Node | None = None


def test_settling_hides_what_is_alive_from_the_collector_and_a_later_settling_gives_it_back() -> None:
    node = _Node()
    node.link = node  # a cycle: only the cyclic collector frees it
    gone = weakref.ref(node)
    try:
        settle_heap()
        assert gc.get_freeze_count() > 0
        del node
        gc.collect()
        assert gone() is not None  # settled: a full collection no longer walks it
        settle_heap()  # a reload settles again: what the old core left is collected, not kept for ever
        assert gone() is None
    finally:
        gc.unfreeze()
