"""Fixtures of the hostile-input tests: a guard that stored data is byte-for-byte unchanged by a test."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from bot.core import Core
from tests.conftest import CURATED_DIR, SEEDS_DIR, RealBase
from tests.hostile.checks import (
    StoreFingerprint,
    describe_tree_change,
    file_sha256,
    store_fingerprint,
    tree_fingerprint,
)


@dataclass(frozen=True, slots=True)
class DataState:
    compiled_sha256: str
    snapshot: dict[str, tuple[int, str]]
    repo: dict[str, tuple[int, str]]
    store: StoreFingerprint


async def data_state(real_base: RealBase, core: Core) -> DataState:
    return DataState(
        compiled_sha256=file_sha256(real_base.db_path),
        snapshot=tree_fingerprint([real_base.seeds_dir, real_base.curated_dir]),
        repo=tree_fingerprint([SEEDS_DIR, CURATED_DIR]),
        store=await store_fingerprint(core),
    )


def assert_same_data(before: DataState, after: DataState) -> None:
    assert after.store == before.store, "the fact store changed (fact count or export output)"
    assert after.compiled_sha256 == before.compiled_sha256, "the compiled fact base file changed"
    assert after.snapshot == before.snapshot, (
        f"the seeds/data snapshot changed: {describe_tree_change(before.snapshot, after.snapshot)}"
    )
    assert after.repo == before.repo, (
        f"the repository's seeds/ or data/ changed: {describe_tree_change(before.repo, after.repo)}"
    )


@pytest.fixture
async def guarded_core(real_base: RealBase, core: Core) -> AsyncIterator[Core]:
    """The shared `core`, with the compiled file, seeds/, data/ and the store's export checked after the test."""
    before = await data_state(real_base, core)
    yield core
    assert_same_data(before, await data_state(real_base, core))
