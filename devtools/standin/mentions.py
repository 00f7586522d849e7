"""Who a message pings, as Discord works it out from its content and `allowed_mentions`."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

USER_MENTION = re.compile(r"<@!?(\d+)>")
_ROLE_MENTION = re.compile(r"<@&(\d+)>")
_EVERYONE_MENTION = re.compile(r"@(everyone|here)\b")


@dataclass(frozen=True, slots=True)
class Pings:
    user_ids: list[int]
    role_ids: list[int]
    everyone: bool


def compute_pings(
    content: str, allowed_mentions: Mapping[str, Any] | None, replied_user_id: int | None = None
) -> Pings:
    """Who a message notifies. With no `allowed_mentions` Discord parses everything (and pings a reply's author).

    Deliberately conservative: the MENTION_EVERYONE permission and roles' mentionability are not considered, so
    a message counts as pinging whenever its content and `allowed_mentions` would let it.
    """
    users = list(dict.fromkeys(int(m) for m in USER_MENTION.findall(content)))
    roles = list(dict.fromkeys(int(m) for m in _ROLE_MENTION.findall(content)))
    if allowed_mentions is None:
        parse, listed_users, listed_roles, replied = {"users", "roles", "everyone"}, set(), set(), True
    else:
        parse = set(allowed_mentions.get("parse") or [])
        listed_users = {int(u) for u in allowed_mentions.get("users") or []}
        listed_roles = {int(r) for r in allowed_mentions.get("roles") or []}
        replied = bool(allowed_mentions.get("replied_user", False))
    pinged_users = [u for u in users if "users" in parse or u in listed_users]
    if replied_user_id is not None and replied and replied_user_id not in pinged_users:
        pinged_users.append(replied_user_id)
    pinged_roles = [r for r in roles if "roles" in parse or r in listed_roles]
    everyone = bool(_EVERYONE_MENTION.search(content)) and "everyone" in parse
    return Pings(pinged_users, pinged_roles, everyone)
