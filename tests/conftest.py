"""Shared fixtures: the real curated fact base (snapshotted and compiled once per session), a `Core` per test,
a tiny synthetic fact base for validation and compile tests, and the runtime state database. Everything lives
in tmp dirs; no network."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.core import Core, open_core
from bot.factbase.compile import compile_factbase
from bot.factbase.loader import FactBase, load_factbase
from bot.state.db import StateDB, open_state_db

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO_ROOT / "seeds"
CURATED_DIR = REPO_ROOT / "data"


# --------------------------------------------------------------------------- the real curated fact base


@dataclass(frozen=True)
class RealBase:
    seeds_dir: Path
    curated_dir: Path
    db_path: Path
    factbase: FactBase


@pytest.fixture(scope="session")
def real_base(tmp_path_factory: pytest.TempPathFactory) -> RealBase:
    """A snapshot of seeds/ and data/ (curators edit them while tests run), loaded and compiled once."""
    root = tmp_path_factory.mktemp("real-factbase")
    seeds = root / "seeds"
    seeds.mkdir()
    for path in sorted(SEEDS_DIR.iterdir()):
        if path.suffix in {".txt", ".yaml"}:
            shutil.copy2(path, seeds / path.name)
    curated = root / "data"
    for sub in ("entities", "facts"):
        (curated / sub).mkdir(parents=True)
        for path in sorted((CURATED_DIR / sub).glob("*.yaml")):
            shutil.copy2(path, curated / sub / path.name)
    for path in sorted(CURATED_DIR.glob("thesaurus*.yaml")):
        shutil.copy2(path, curated / path.name)
    fb = load_factbase(seeds, curated)
    db = root / "compiled" / "factbase.db"
    compile_factbase(fb, db)
    return RealBase(seeds, curated, db, fb)


@pytest.fixture
async def core(real_base: RealBase) -> AsyncIterator[Core]:
    """A `Core` on the session's compiled real fact base (opened per test: async fixtures are function-scoped)."""
    opened = await open_core(real_base.seeds_dir, real_base.curated_dir, real_base.db_path)
    try:
        yield opened
    finally:
        await opened.close()


# --------------------------------------------------------------------------- a tiny synthetic fact base

TINY_TEXT = (
    "Skip to main content | Menu\n"
    "China’s gas pipeline to Kazakhstan opened in 2009.\n"
    "Kazakhstan and China share a border of 1,700 km.\n"
    "Subscribe now: just $5 a month.\n"
    "China and Kazakhstan signed a treaty.\n"
)


def _tiny_source() -> dict[str, Any]:
    return {
        "id": "tiny-source",
        "file": "000_tiny.txt",
        "title": "Tiny source",
        "outlet": "Test Outlet",
        "published": "2020-01-02",
        "doc_type": "news report",
        "spans": [
            {"kind": "furniture", "reason": "navigation", "start": "Skip to main content | Menu"},
            {
                "kind": "furniture",
                "reason": "subscription advert",
                "start": "Subscribe now:",
                "end": "a month.",
            },
        ],
    }


def _tiny_entities() -> list[dict[str, Any]]:
    return [
        {"id": "china", "name": "China", "type": "country"},
        {
            "id": "kazakhstan",
            "name": "Kazakhstan",
            "type": "country",
            "central_asia": True,
            "aliases": ["Astana"],
        },
    ]


def _tiny_facts() -> list[dict[str, Any]]:
    return [
        {
            "id": "tiny-pipeline",
            "statement": "China's gas pipeline to Kazakhstan opened in 2009.",
            "kind": "event",
            "entities": ["china", "kazakhstan"],
            "date": "2009",
            "citations": [
                {"source": "tiny-source", "quote": "China’s gas pipeline to Kazakhstan opened in 2009."}
            ],
        },
        {
            "id": "tiny-border",
            "statement": "Kazakhstan and China share a 1,700 km border.",
            "kind": "figure",
            "entities": ["kazakhstan", "china"],
            "figure": {"amount": 1700, "unit": "km", "as_written": "1,700 km"},
            "citations": [
                {"source": "tiny-source", "quote": "Kazakhstan and China share a border of 1,700 km."}
            ],
        },
        {
            "id": "tiny-treaty",
            "statement": "China and Kazakhstan signed a treaty.",
            "kind": "relation",
            "entities": ["china", "kazakhstan"],
            "citations": [{"source": "tiny-source", "quote": "China and Kazakhstan signed a treaty."}],
        },
    ]


@dataclass
class TinyBase:
    """seeds/000_tiny.{txt,yaml}, data/entities/x.yaml and data/facts/x.yaml; edit the dicts, then `write()`."""

    root: Path
    text: str = TINY_TEXT
    source: dict[str, Any] = field(default_factory=_tiny_source)
    entities: list[dict[str, Any]] = field(default_factory=_tiny_entities)
    facts: list[dict[str, Any]] = field(default_factory=_tiny_facts)

    @property
    def seeds_dir(self) -> Path:
        return self.root / "seeds"

    @property
    def curated_dir(self) -> Path:
        return self.root / "data"

    @property
    def facts_file(self) -> Path:
        return self.curated_dir / "facts" / "x.yaml"

    def fact(self, fact_id: str) -> dict[str, Any]:
        return next(f for f in self.facts if f["id"] == fact_id)

    def write(self) -> TinyBase:
        for folder in (self.seeds_dir, self.curated_dir / "entities", self.curated_dir / "facts"):
            folder.mkdir(parents=True, exist_ok=True)
        (self.seeds_dir / "000_tiny.txt").write_text(self.text, encoding="utf-8")
        dump(self.seeds_dir / "000_tiny.yaml", self.source)
        dump(self.curated_dir / "entities" / "x.yaml", {"entities": self.entities})
        dump(self.facts_file, {"added": "2024-01-01", "facts": self.facts})
        return self

    def load(self) -> FactBase:
        return load_factbase(self.seeds_dir, self.curated_dir)


def dump(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def make_tiny_base(tmp_path: Path) -> Callable[..., TinyBase]:
    """Factory for a valid tiny fact base under tmp_path (pass `name=` for several in one test)."""

    def make(name: str = "tiny") -> TinyBase:
        return TinyBase(tmp_path / name).write()

    return make


ENV_VARS = (
    "DISCORD_TOKEN",
    "DISCORD_DEV_GUILD_ID",
    "BRIEFBOT_OWNER_IDS",
    "BRIEFBOT_DATA_DIR",
    "BRIEFBOT_SEEDS_DIR",
    "BRIEFBOT_CURATED_DIR",
    "BRIEFBOT_LOG_LEVEL",
    "BRIEFBOT_TIMEZONE",
    "BRIEFBOT_DIGEST_GRACE_HOURS",
    "BRIEFBOT_DIGEST_CONCURRENCY",
)


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, real_base: RealBase) -> Path:
    """No token, no .env (cwd is an empty tmp dir), the real curated data, and a data dir in tmp_path.

    The session's compiled file is copied in, so the CLI finds it up to date instead of compiling again."""
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    data_dir = tmp_path / "state"
    data_dir.mkdir()
    shutil.copy2(real_base.db_path, data_dir / "factbase.db")
    monkeypatch.setenv("BRIEFBOT_DATA_DIR", str(data_dir))
    monkeypatch.setenv("BRIEFBOT_SEEDS_DIR", str(real_base.seeds_dir))
    monkeypatch.setenv("BRIEFBOT_CURATED_DIR", str(real_base.curated_dir))
    return data_dir


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where the runtime state database goes: a fresh data folder per test."""
    return tmp_path / "data" / "state.db"


@pytest.fixture
async def db(db_path: Path) -> AsyncIterator[StateDB]:
    state = await open_state_db(db_path)
    yield state
    await state.close()
