"""Dates written in running text, as documents and questions write them."""

from __future__ import annotations

import pytest

from bot.ingest.dates import dates_in


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("relations opened on January 3, 1992", "1992-01-03"),
        ("relations opened on 3 January 1992", "1992-01-03"),
        ("relations opened on the 3rd of January 1992", "1992-01-03"),
        ("the state visit of 2–3 July 2024", "2024-07-02"),  # a span of days is dated by its first
        ("in March 2019", "2019-03"),
        ("in 2013", "2013"),
    ],
)
def test_a_date_in_running_text_is_read_as_closely_as_it_is_written(text: str, iso: str) -> None:
    assert [d.iso for d in dates_in(text)] == [iso]
