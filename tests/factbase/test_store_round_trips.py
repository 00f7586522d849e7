"""A read of the fact base is one hand-over to the connection's thread. Each hand-over is a switch between threads
and a wake-up of the event loop: at 1,000x the curated size, three of them per query (execute, fetch, close) cost
more than most of the queries, and added a third to a /country or /fact lookup's time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from bot.core import Core


def count_trips(core: Core, monkeypatch: pytest.MonkeyPatch) -> Callable[[], int]:
    """How many functions the store has handed to its connection's thread so far."""
    conn = core.store._db
    trips = 0
    handed = conn._execute

    async def counted(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        nonlocal trips
        trips += 1
        return await handed(fn, *args, **kwargs)

    monkeypatch.setattr(conn, "_execute", counted)
    return lambda: trips


async def test_a_full_text_search_is_one_trip_to_the_database_thread(
    core: Core, monkeypatch: pytest.MonkeyPatch
) -> None:
    trips = count_trips(core, monkeypatch)
    found = await core.store.search('"pipeline"', 10)
    assert found, "the curated base has facts about pipelines"
    assert trips() == 1


async def test_reading_a_list_of_rows_is_one_trip_per_query(
    core: Core, monkeypatch: pytest.MonkeyPatch
) -> None:
    trips = count_trips(core, monkeypatch)
    counts = await core.store.counts()  # three queries: by kind, by source, entities
    assert counts["facts"] > 0 and counts["entities"] > 0
    assert trips() == 3
