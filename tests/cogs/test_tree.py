"""The slash-command tree: exactly the declared command set, and within Discord's naming and size rules."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from bot.adapters.discord.client import create_bot, walk_extensions
from bot.adapters.discord.slash import slash
from bot.command_set import SLASH_COMMANDS, Command, DeclarationError, Option
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


# Discord's numbers for what the declarations name: option types, the channel types a "channel" option
# offers (text, announcement, announcement thread, private thread, public thread), and permission bits.
OPTION_TYPES = {"string": 3, "integer": 4, "channel": 7}
CHANNEL_TYPES = [0, 5, 10, 12, 11]
PERMISSION_BITS = {"administrator": 1 << 3, "manage_guild": 1 << 5}


def expected_option(option: Option) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": option.name,
        "description": option.description,
        "type": OPTION_TYPES[option.type],
        "required": option.required,
    }
    if option.choices:
        out["choices"] = [{"name": c, "value": c} for c in option.choices]
    elif option.type == "string":
        out |= {"min_length": option.min_length, "max_length": option.max_length}
    elif option.type == "integer":
        out |= {
            k: v
            for k, v in (("min_value", option.min_value), ("max_value", option.max_value))
            if v is not None
        }
    else:
        out["channel_types"] = CHANNEL_TYPES
    if option.autocomplete:
        out["autocomplete"] = True
    return out


def expected_command(command: Command, *, top: bool = True) -> dict[str, Any]:
    """The registration payload Discord must receive for a declared command, written out independently of
    the code that builds the application commands."""
    out: dict[str, Any] = {
        "name": command.name,
        "description": command.description,
        "type": 1,
        "options": [expected_command(c, top=False) for c in command.subcommands]
        or [expected_option(o) for o in command.options],
    }
    if top:
        out |= {
            "nsfw": False,
            "default_member_permissions": PERMISSION_BITS[command.permission] if command.permission else None,
            "dm_permission": not command.guild_only,
            "contexts": [0] if command.guild_only else None,
            "integration_types": None,
        }
    return out


async def test_the_synced_tree_is_exactly_the_declared_command_set(bot) -> None:
    synced = {c.name: c.to_dict(bot.tree) for c in bot.tree.get_commands()}
    declared = {c.name: expected_command(c) for c in SLASH_COMMANDS}
    assert synced.keys() == declared.keys()
    for name, payload in declared.items():
        assert synced[name] == payload, name


@pytest.mark.parametrize(
    ("declare", "problem"),
    [
        (lambda: Option("Name", "x"), "lower-case"),
        (lambda: Option("name", ""), "description"),
        (lambda: Option("name", "x" * 101), "description"),
        (lambda: Option("kind", "x", choices=tuple(f"c{i}" for i in range(26))), "25 choices"),
        (lambda: Option("name", "x", autocomplete="country", choices=("a",)), "not both"),
        (lambda: Option("size", "x", type="integer", default=5, required=True), "no default"),
        (lambda: Option("name", "x", max_length=6001), "lengths"),
        (lambda: Command("x" * 33, "x"), "1-32"),
        (lambda: Command("cmd", "x", tuple(Option(f"o{i}", "x") for i in range(26))), "25 options"),
        (lambda: Command("cmd", "x", (Option("a", "x"), Option("b", "x", True))), "required options come"),
        (lambda: Command("cmd", "x", (Option("a", "x"), Option("a", "y"))), "must differ"),
    ],
)
def test_declarations_discord_would_refuse_fail_at_import(declare: Any, problem: str) -> None:
    with pytest.raises(DeclarationError, match=problem):
        declare()


def test_a_callback_must_take_exactly_the_declared_options() -> None:
    spec = Command("cmd", "A command", (Option("a", "First"), Option("b", "Second")))

    class Cog:
        async def fine(self, interaction: object, a: str | None, b: str | None) -> None: ...

        async def short(self, interaction: object, a: str | None) -> None: ...

    assert [p.name for p in slash(spec)(Cog.fine).parameters] == ["a", "b"]
    with pytest.raises(DeclarationError, match="not the declared options"):
        slash(spec)(Cog.short)


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
