"""The slash-command tree: mirrors the shared command registry and obeys Discord's naming and size rules."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.adapters.discord.client import create_bot, walk_extensions
from bot.commands import COMMANDS
from bot.config import Settings

NAME = re.compile(r"^[-_\w]{1,32}$")


@pytest.fixture
async def bot(tmp_path: Path):
    settings = Settings.from_env(env_file=None, environ={"BRIEFBOT_DATA_DIR": str(tmp_path)})
    instance = create_bot(settings)

    async def no_sync(**_: object) -> str:  # registering needs Discord; the end-to-end tests cover it
        return "skipped"

    instance.sync_commands = no_sync  # type: ignore[method-assign]
    await instance.setup_hook()
    try:
        yield instance
    finally:
        await instance.close()


def test_cogs_are_discovered_and_private_modules_skipped() -> None:
    found = set(walk_extensions())
    assert {"cogs.lookup", "cogs.meta", "cogs.digest"} <= found
    assert not any(name.rsplit(".", 1)[-1].startswith("_") for name in found)


async def test_every_shared_command_has_a_slash_twin_with_the_same_options(bot) -> None:
    tree = {c.name: c for c in bot.tree.get_commands()}
    for spec in COMMANDS:
        assert spec.name in tree, spec.name
        payload = tree[spec.name].to_dict(bot.tree)
        assert [o["name"] for o in payload.get("options", [])] == [o.name for o in spec.options]
        for option, want in zip(payload.get("options", []), spec.options, strict=True):
            assert option.get("required", False) == want.required
            assert bool(option.get("autocomplete")) == bool(want.autocomplete)


async def test_registration_payload_follows_discord_rules(bot) -> None:
    payloads = [c.to_dict(bot.tree) for c in bot.tree.get_commands()]
    assert len(payloads) <= 100

    def check(node: dict, depth: int = 0) -> int:
        assert NAME.match(node["name"]) and node["name"] == node["name"].lower(), node["name"]
        assert 1 <= len(node["description"]) <= 100, node["name"]
        options = node.get("options", [])
        assert len(options) <= 25
        required_seen_optional = False
        size = len(node["name"]) + len(node["description"])
        for option in options:
            if option["type"] in (1, 2):
                size += check(option, depth + 1)
                continue
            if not option.get("required", False):
                required_seen_optional = True
            else:
                assert not required_seen_optional, f"required option after optional in {node['name']}"
            assert NAME.match(option["name"]) and 1 <= len(option["description"]) <= 100
            assert len(option.get("choices", [])) <= 25
            size += len(option["name"]) + len(option["description"])
        return size

    for payload in payloads:
        assert check(payload) <= 4000
    assert len(json.dumps(payloads)) < 100_000


async def test_digest_commands_are_declared_for_manage_server_only(bot) -> None:
    digest = next(c for c in bot.tree.get_commands() if c.name == "digest")
    payload = digest.to_dict(bot.tree)
    assert int(payload["default_member_permissions"]) == 1 << 5  # MANAGE_GUILD
    assert payload.get("contexts") in (None, [0]) or payload.get("dm_permission") is False
