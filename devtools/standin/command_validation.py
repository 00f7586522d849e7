"""Application command registrations checked against Discord's limits: names, descriptions, options, choices."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Mapping
from typing import Any

from devtools.standin.validation import FieldError, Path, check_list, check_range, check_str

COMMAND_LIMITS = {1: 100, 2: 15, 3: 15}
VALUE_OPTION_TYPES = frozenset(range(3, 12))
CHOICE_OPTION_TYPES = frozenset({3, 4, 10})


def valid_chat_input_name(name: Any) -> bool:
    """`^[-_\\p{L}\\p{N}]{1,32}$`, and lowercase wherever a letter has a lowercase form."""
    if not isinstance(name, str) or not 1 <= len(name) <= 32 or name != name.lower():
        return False
    return all(ch in "-_" or unicodedata.category(ch)[0] in "LN" for ch in name)


def _command_size(node: Mapping[str, Any]) -> int:
    size = len(str(node.get("name") or "")) + len(str(node.get("description") or ""))
    for choice in node.get("choices") or []:
        if isinstance(choice, dict):
            size += len(str(choice.get("name") or "")) + len(str(choice.get("value") or ""))
    return size + sum(_command_size(o) for o in node.get("options") or [] if isinstance(o, dict))


def _validate_choices_of(errors: list[FieldError], path: Path, option: Mapping[str, Any]) -> None:
    kind = option.get("type")
    choices = option.get("choices")
    if choices is None:
        return
    if kind not in CHOICE_OPTION_TYPES:
        errors.append(
            FieldError(
                (*path, "choices"),
                "APPLICATION_COMMAND_OPTION_CHOICES_INVALID",
                "Choices are only allowed on string, integer and number options",
            )
        )
    if option.get("autocomplete") and choices:
        errors.append(
            FieldError(
                (*path, "autocomplete"),
                "APPLICATION_COMMAND_OPTION_CHOICES_AUTOCOMPLETE",
                "Autocomplete cannot be enabled on an option with choices",
            )
        )
    for index, choice in enumerate(check_list(errors, (*path, "choices"), choices, 25)):
        choice = choice if isinstance(choice, dict) else {}
        cpath = (*path, "choices", index)
        check_str(errors, (*cpath, "name"), choice.get("name"), 100, minimum=1, required=True)
        value = choice.get("value")
        if kind == 3:
            check_str(errors, (*cpath, "value"), value, 100, minimum=1, required=True)
        elif (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or (kind == 4 and not isinstance(value, int))
        ):
            errors.append(
                FieldError(
                    (*cpath, "value"),
                    "NUMBER_TYPE_COERCE",
                    f"Value {value!r} is not a valid {'int' if kind == 4 else 'number'}.",
                )
            )


def _validate_value_option(errors: list[FieldError], path: Path, option: Mapping[str, Any]) -> None:
    kind = option.get("type")
    _validate_choices_of(errors, path, option)
    if option.get("autocomplete") and kind not in CHOICE_OPTION_TYPES:
        errors.append(
            FieldError(
                (*path, "autocomplete"),
                "APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_INVALID",
                "Autocomplete is only allowed on string, integer and number options",
            )
        )
    if kind == 3:
        check_range(errors, (*path, "min_length"), option.get("min_length"), 0, 6000)
        check_range(errors, (*path, "max_length"), option.get("max_length"), 1, 6000)
    if kind in (4, 10):
        check_range(errors, (*path, "min_value"), option.get("min_value"), -(2**53), 2**53)
        check_range(errors, (*path, "max_value"), option.get("max_value"), -(2**53), 2**53)


def _validate_options(errors: list[FieldError], path: Path, options: Any, level: str) -> None:
    """`level` is "top" (a command), "group" (children must be subcommands) or "sub" (values only)."""
    items = check_list(errors, path, options, 25)
    kinds = {o.get("type") for o in items if isinstance(o, dict)}
    nested = kinds & {1, 2}
    if nested and kinds - {1, 2}:
        errors.append(
            FieldError(
                path,
                "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
                "Sub-command and sub-command group option types are mutually exclusive to all other types",
            )
        )
    allowed = {"top": {1, 2, *VALUE_OPTION_TYPES}, "group": {1}, "sub": set(VALUE_OPTION_TYPES)}[level]
    seen_names: set[str] = set()
    optional_seen = False
    for index, option in enumerate(items):
        option = option if isinstance(option, dict) else {}
        opath = (*path, index)
        kind = option.get("type")
        if kind not in allowed:
            errors.append(
                FieldError(
                    (*opath, "type"),
                    "APPLICATION_COMMAND_OPTION_TYPE_INVALID",
                    f"Option type {kind} is not allowed here",
                )
            )
        name = option.get("name")
        if not valid_chat_input_name(name):
            errors.append(
                FieldError((*opath, "name"), "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
            )
        elif name in seen_names:
            errors.append(
                FieldError(
                    (*opath, "name"),
                    "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS",
                    "Option names must be unique",
                )
            )
        seen_names.add(str(name))
        check_str(errors, (*opath, "description"), option.get("description"), 100, minimum=1, required=True)
        if kind in (1, 2):
            _validate_options(
                errors, (*opath, "options"), option.get("options"), "group" if kind == 2 else "sub"
            )
            continue
        if option.get("required") and optional_seen:
            errors.append(
                FieldError(
                    (*opath, "required"),
                    "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                    "Required options must be placed before non-required options",
                )
            )
        optional_seen = optional_seen or not option.get("required")
        _validate_value_option(errors, opath, option)


def validate_command(command: Any, path: Path = ()) -> list[FieldError]:
    """One command: name, description (1–100; empty for context menus), ≤ 25 options, size ≤ 4000."""
    errors: list[FieldError] = []
    if not isinstance(command, dict):
        return [FieldError(path, "DICT_TYPE_CONVERT", "Only dictionaries may be used.")]
    kind = command.get("type", 1)
    name = command.get("name")
    if kind == 1:
        if not valid_chat_input_name(name):
            errors.append(
                FieldError((*path, "name"), "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
            )
        check_str(errors, (*path, "description"), command.get("description"), 100, minimum=1, required=True)
        _validate_options(errors, (*path, "options"), command.get("options"), "top")
    elif kind in (2, 3):
        check_str(errors, (*path, "name"), name, 32, minimum=1, required=True)
        if command.get("description"):
            errors.append(
                FieldError(
                    (*path, "description"),
                    "APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION",
                    "Context menu commands cannot have a description",
                )
            )
        if command.get("options"):
            errors.append(
                FieldError(
                    (*path, "options"),
                    "APPLICATION_COMMAND_CONTEXT_MENU_OPTIONS",
                    "Context menu commands cannot have options",
                )
            )
    else:
        errors.append(FieldError((*path, "type"), "BASE_TYPE_CHOICES", "Value must be one of (1, 2, 3)."))
    permissions = command.get("default_member_permissions")
    if permissions is not None and not str(permissions).isdigit():
        errors.append(
            FieldError(
                (*path, "default_member_permissions"), "NUMBER_TYPE_COERCE", "Not a valid permission bitfield"
            )
        )
    if _command_size(command) > 4000:
        errors.append(
            FieldError(path, "APPLICATION_COMMAND_TOO_LARGE", "Command exceeds maximum size (4000)")
        )
    return errors


def validate_commands(commands: Any) -> list[FieldError]:
    """A bulk overwrite: each command valid, names unique per type, ≤ 100 slash and ≤ 15 of each context menu."""
    if not isinstance(commands, list):
        return [FieldError((), "BASE_TYPE_LIST", "Must be an array.")]
    errors: list[FieldError] = []
    for index, command in enumerate(commands):
        errors += validate_command(command, (index,))
    good = [c for c in commands if isinstance(c, dict)]
    for kind, count in Counter(c.get("type", 1) for c in good).items():
        if count > COMMAND_LIMITS.get(kind, 0):
            errors.append(
                FieldError(
                    (),
                    "APPLICATION_COMMANDS_TOO_MANY",
                    f"Maximum number of type {kind} application commands reached ({COMMAND_LIMITS.get(kind, 0)})",
                )
            )
    keys = Counter((c.get("type", 1), c.get("name")) for c in good)
    for index, command in enumerate(good):
        if keys[(command.get("type", 1), command.get("name"))] > 1:
            errors.append(
                FieldError(
                    (index, "name"),
                    "APPLICATION_COMMANDS_DUPLICATE_NAME",
                    "Application command names must be unique",
                )
            )
    return errors
