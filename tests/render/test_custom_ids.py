"""Button custom ids: what the renderer writes is what the buttons read back."""

from __future__ import annotations

import re

from bot.render.custom_ids import (
    PAGE_TEMPLATE,
    QUOTES_TEMPLATE,
    counter_custom_id,
    is_page_turn,
    key_hash,
    page_custom_id,
    quotes_custom_id,
)

HANDLE = key_hash({"command": "country", "name": "kazakhstan"})


def test_a_quotes_id_reads_back_as_its_handle_and_page() -> None:
    match = re.fullmatch(QUOTES_TEMPLATE, quotes_custom_id(HANDLE, 3))
    assert match is not None and (match["handle"], match["page"]) == (HANDLE, "3")


def test_a_page_id_reads_back_with_its_asker_and_anyone_is_zero() -> None:
    match = re.fullmatch(PAGE_TEMPLATE, page_custom_id(HANDLE, -1, 42))
    assert match is not None and (match["handle"], match["page"], match["user"]) == (HANDLE, "-1", "42")
    anyone = re.fullmatch(PAGE_TEMPLATE, page_custom_id(HANDLE, 2, None))
    assert anyone is not None and anyone["user"] == "0"


def test_only_page_ids_turn_pages_and_the_counter_answers_nothing() -> None:
    assert is_page_turn(page_custom_id(HANDLE, 0, 1))
    assert not is_page_turn(quotes_custom_id(HANDLE, 0)) and not is_page_turn(counter_custom_id(HANDLE, 0))
    counter = counter_custom_id(HANDLE, 0)
    assert not re.fullmatch(QUOTES_TEMPLATE, counter) and not re.fullmatch(PAGE_TEMPLATE, counter)


def test_handles_are_stable_and_fit_the_templates() -> None:
    assert key_hash({"b": 1, "a": 2}) == key_hash({"a": 2, "b": 1})
    assert re.fullmatch(r"[0-9a-f]{16}", HANDLE)
