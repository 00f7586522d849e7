"""Application commands built from their declarations in `bot.command_set`, never declared again here.

`@slash(spec, sources)` turns a cog method `async def x(self, interaction, **options)` into the application
command `spec` describes: discord.py reads the options from the callback's signature, so the signature is
written from the declaration (types, limits, choices, defaults), and descriptions, autocomplete, permissions
and guild-only follow from it too.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Coroutine, Mapping
from typing import Any, Literal, Optional

import discord
from discord import app_commands
from discord.utils import is_inside_class

from bot.adapters.discord.autocomplete import SOURCES
from bot.command_set import COMMANDS_BY_NAME, Command, DeclarationError, Option

AutocompleteCallback = Callable[..., Coroutine[Any, Any, list[app_commands.Choice[Any]]]]
Callback = Callable[..., Coroutine[Any, Any, None]]
SlashCommand = app_commands.Command[Any, ..., None]


def _annotation(option: Option) -> Any:
    """The type discord.py turns into this option's payload: its type, limits and choices."""
    annotation: Any
    if option.choices:
        annotation = Literal[option.choices]
    elif option.type == "channel":
        annotation = discord.TextChannel | discord.Thread
    elif option.type == "integer":
        has_limits = option.min_value is not None or option.max_value is not None
        annotation = app_commands.Range[int, option.min_value, option.max_value] if has_limits else int
    else:
        annotation = app_commands.Range[str, option.min_length, option.max_length]
    return annotation if option.required else Optional[annotation]  # noqa: UP045 - a runtime annotation


def _parameter(option: Option) -> inspect.Parameter:
    default = inspect.Parameter.empty if option.required else option.default
    return inspect.Parameter(
        option.name, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=_annotation(option), default=default
    )


def _permissions(spec: Command, target: Any) -> Any:
    if spec.permission is not None:
        target = app_commands.default_permissions(**{spec.permission: True})(target)
    if spec.guild_only:
        target = app_commands.guild_only()(target)
    return target


def slash(
    spec: Command, own_sources: Mapping[str, AutocompleteCallback] | None = None
) -> Callable[[Callback], SlashCommand]:
    """The command `spec` declares, answered by the decorated callback (options as keyword arguments).

    Autocomplete callbacks are the shared `SOURCES`, and `own_sources` for those only a cog can answer.
    """
    sources = {**SOURCES, **(own_sources or {})}

    def build(callback: Callback) -> SlashCommand:
        wanted = {o.name: o.autocomplete for o in spec.options if o.autocomplete}
        missing = sorted(source for source in wanted.values() if source not in sources)
        if missing:
            raise DeclarationError(f"/{spec.name}: no autocomplete callback for {', '.join(missing)}")
        # Every callback is called as (cog, interaction, **options). discord.py reads the options from the
        # signature after skipping the interaction, and the cog too when the function is defined in a class.
        own = list(inspect.signature(callback).parameters.values())
        leading, named = own[: is_inside_class(callback) + 1], own[2:]
        takes_any = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in named)
        if not takes_any and [p.name for p in named] != [o.name for o in spec.options]:
            raise DeclarationError(f"/{spec.name}: the callback's parameters are not the declared options")
        callback.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
            [*leading, *map(_parameter, spec.options)]
        )
        if spec.options:
            callback = app_commands.describe(**{o.name: o.description for o in spec.options})(callback)
        if wanted:
            callback = app_commands.autocomplete(**{n: sources[s] for n, s in wanted.items()})(callback)
        callback = _permissions(spec, callback)
        return app_commands.command(name=spec.name, description=spec.description)(callback)

    return build


def group_permissions(spec: Command) -> Callable[[type[Any]], type[Any]]:
    """A `GroupCog` class decorator: the group's permissions and guild-only flag, as declared."""
    return lambda cls: _permissions(spec, cls)


def answer_command(name: str) -> SlashCommand:
    """A look-up command for a cog with a `bot`: answered by `run_command`, the path the console takes."""
    spec = COMMANDS_BY_NAME[name]

    async def answer(cog: Any, interaction: discord.Interaction[Any], **options: Any) -> None:
        await cog.bot.answers.respond(interaction, spec.name, options)

    return slash(spec)(answer)
