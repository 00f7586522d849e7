"""Interactions: their state, the handle a test holds after dispatching one, and building their options."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from devtools.standin.protocol import InteractionType
from devtools.standin.records import Record
from devtools.standin.specs import AttachmentInput
from devtools.standin.validation import iter_components
from devtools.standin.world import Channel, Guild, Member, Role, User, World

CALLBACKS_FOR: dict[int, frozenset[int]] = {
    InteractionType.APPLICATION_COMMAND: frozenset({4, 5, 9}),
    InteractionType.MESSAGE_COMPONENT: frozenset({4, 5, 6, 7, 9}),
    InteractionType.AUTOCOMPLETE: frozenset({8}),
    InteractionType.MODAL_SUBMIT: frozenset({4, 5, 6, 7}),
}


class InteractionFailed(AssertionError):
    """An interaction got no usable response in time, or its response was rejected."""


@dataclass(eq=False, slots=True)
class InteractionState:
    id: int
    token: str
    type: int
    guild_id: int
    channel_id: int
    user_id: int
    source_message_id: int | None = None
    payload: dict[str, Any] = field(default_factory=dict)
    dispatched_at: float = 0.0
    attempts: list[Record] = field(default_factory=list)
    ack: Record | None = None
    callback_type: int | None = None
    original_message_id: int | None = None
    message_ids: list[int] = field(default_factory=list)
    choices: list[dict[str, Any]] | None = None


@dataclass(frozen=True, slots=True)
class OpenModal:
    data: dict[str, Any]
    interaction: InteractionState


@dataclass(frozen=True, slots=True)
class DispatchContext:
    guild: Guild
    channel: Channel
    member: Member


class OptionBuilder:
    """Turns `{"name": python value}` into Discord's typed option list plus `resolved` data."""

    def __init__(
        self,
        world: World,
        ctx: DispatchContext,
        register_attachment: Callable[[AttachmentInput, int], dict[str, Any]],
        focused: str | None = None,
    ) -> None:
        self._world = world
        self._ctx = ctx
        self._register_attachment = register_attachment
        self._focused = focused
        self.resolved: dict[str, dict[str, Any]] = {}

    def build(
        self, command: Mapping[str, Any], values: Mapping[str, Any], subcommand: str | None
    ) -> list[dict[str, Any]]:
        schema: list[dict[str, Any]] = command.get("options") or []
        top: list[dict[str, Any]] = []
        container = top
        for part in (subcommand or "").split():
            option = next((o for o in schema if o.get("name") == part and o.get("type") in (1, 2)), None)
            if option is None:
                raise ValueError(f"/{command['name']} has no subcommand or group {part!r}")
            node: dict[str, Any] = {"type": option["type"], "name": part, "options": []}
            container.append(node)
            container, schema = node["options"], option.get("options") or []
        if any(o.get("type") in (1, 2) for o in schema):
            names = [o["name"] for o in schema]
            raise ValueError(f"/{command['name']} needs subcommand=... (one of {names})")
        container.extend(self._leaves(str(command["name"]), schema, values))
        return top

    def _leaves(
        self, command: str, schema: list[dict[str, Any]], values: Mapping[str, Any]
    ) -> list[dict[str, Any]]:
        known = {o["name"]: o for o in schema}
        unknown = set(values) - set(known)
        if unknown:
            raise ValueError(f"/{command} has no option(s) {sorted(unknown)}; it has {sorted(known)}")
        if self._focused is not None and self._focused not in known:
            raise ValueError(f"/{command} has no option {self._focused!r} to focus")
        options = []
        for name, option in known.items():
            if name == self._focused:
                # A focused value is whatever the user has typed so far, always as a string.
                options.append(
                    {
                        "type": option["type"],
                        "name": name,
                        "value": str(values.get(name, "")),
                        "focused": True,
                    }
                )
            elif name in values:
                options.append(
                    {"type": option["type"], "name": name, "value": self._value(option, values[name])}
                )
            elif option.get("required") and self._focused is None:
                raise ValueError(f"/{command} requires option {name!r}")
        return options

    def _value(self, option: Mapping[str, Any], raw: Any) -> Any:
        kind = option["type"]
        if kind in (3, 4, 5, 10):
            return self._scalar(option, raw)
        if kind == 6:
            return self._resolve_user(self._world.user(raw))
        if kind == 7:
            return self._resolve_channel(option, self._world.channel(raw, self._ctx.guild))
        if kind == 8:
            return self._resolve_role(self._world.role(raw, self._ctx.guild))
        if kind == 9:
            try:
                return self._resolve_user(self._world.user(raw))
            except ValueError:
                return self._resolve_role(self._world.role(raw, self._ctx.guild))
        if kind == 11:
            if not isinstance(raw, AttachmentInput):
                raise TypeError(f"option {option['name']!r} takes an AttachmentInput")
            attachment = self._register_attachment(raw, self._ctx.channel.id)
            self.resolved.setdefault("attachments", {})[attachment["id"]] = attachment
            return attachment["id"]
        raise ValueError(f"option type {kind} is not supported")

    def _scalar(self, option: Mapping[str, Any], raw: Any) -> Any:
        kind, name = option["type"], option["name"]
        expected: dict[int, tuple[type, ...]] = {3: (str,), 4: (int,), 5: (bool,), 10: (int, float)}
        if not isinstance(raw, expected[kind]) or (kind != 5 and isinstance(raw, bool)):
            raise TypeError(f"option {name!r} (type {kind}) cannot take {raw!r}")
        choices = option.get("choices")
        if choices and raw not in [c["value"] for c in choices]:
            raise ValueError(f"option {name!r} only accepts {[c['value'] for c in choices]}")
        if (
            kind == 3
            and isinstance(raw, str)
            and not option.get("min_length", 0) <= len(raw) <= option.get("max_length", 6000)
        ):
            raise ValueError(f"option {name!r}: length {len(raw)} is outside the allowed range")
        if kind in (4, 10) and not option.get("min_value", -math.inf) <= raw <= option.get(
            "max_value", math.inf
        ):
            raise ValueError(f"option {name!r}: {raw} is outside the allowed range")
        return raw

    def _resolve_user(self, user: User) -> str:
        key = str(user.id)
        self.resolved.setdefault("users", {})[key] = user.payload()
        member = self._ctx.guild.members.get(user.id)
        if member is not None:
            data = self._world.member_payload(self._ctx.guild, member, with_user=False)
            data["permissions"] = str(self._world.permissions(self._ctx.guild, member, self._ctx.channel))
            self.resolved.setdefault("members", {})[key] = data
        return key

    def _resolve_channel(self, option: Mapping[str, Any], channel: Channel) -> str:
        allowed = option.get("channel_types")
        if allowed and channel.type not in allowed:
            raise ValueError(f"option {option['name']!r} accepts channel types {allowed}, not {channel.type}")
        data = self._world.channel_payload(channel)
        data["permissions"] = str(self._world.permissions(self._ctx.guild, self._ctx.member, channel))
        self.resolved.setdefault("channels", {})[str(channel.id)] = data
        return str(channel.id)

    def _resolve_role(self, role: Role) -> str:
        self.resolved.setdefault("roles", {})[str(role.id)] = role.payload()
        return str(role.id)


def find_component(components: Any, custom_id: str) -> dict[str, Any] | None:
    return next((c for c in iter_components(components) if c.get("custom_id") == custom_id), None)


def modal_submit_components(
    components: Any, values: Mapping[str, Any], used: set[str]
) -> list[dict[str, Any]]:
    """Mirror a modal's layout the way Discord reports a submission: rows and labels kept, inputs filled."""
    submitted: list[dict[str, Any]] = []
    for component in components if isinstance(components, list) else []:
        kind = component.get("type")
        base = {"type": kind} | ({"id": component["id"]} if "id" in component else {})
        if kind == 1:
            submitted.append(
                base | {"components": modal_submit_components(component.get("components"), values, used)}
            )
        elif kind == 18:
            inner = modal_submit_components([component.get("component") or {}], values, used)
            submitted.append(base | {"component": inner[0]} if inner else base)
        elif isinstance(component.get("custom_id"), str):
            custom_id = component["custom_id"]
            used.add(custom_id)
            value = values.get(custom_id, component.get("value", "") if kind == 4 else [])
            key = "values" if isinstance(value, list | tuple) else "value"
            submitted.append(
                base | {"custom_id": custom_id, key: list(value) if key == "values" else str(value)}
            )
        elif kind == 10:
            submitted.append(base)
    return submitted
