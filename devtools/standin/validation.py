"""Message payloads checked against Discord's documented limits: content, embeds, components, modals,
autocomplete choices and allowed mentions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import yarl

from devtools.standin.protocol import MessageFlag

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class FieldError:
    path: Path
    code: str
    message: str

    def __str__(self) -> str:
        return f"{'.'.join(map(str, self.path)) or '<body>'}: {self.message}"


def errors_tree(errors: Sequence[FieldError]) -> dict[str, Any]:
    """Nest field errors the way Discord does: {"embeds": {"0": {"title": {"_errors": [...]}}}}."""
    root: dict[str, Any] = {}
    for error in errors:
        node = root
        for key in error.path:
            node = node.setdefault(str(key), {})
        node.setdefault("_errors", []).append({"code": error.code, "message": error.message})
    return root


def check_str(
    errors: list[FieldError],
    path: Path,
    value: Any,
    maximum: int,
    *,
    minimum: int = 0,
    required: bool = False,
) -> None:
    if value is None:
        if required:
            errors.append(FieldError(path, "BASE_TYPE_REQUIRED", "This field is required"))
        return
    if not isinstance(value, str):
        errors.append(FieldError(path, "BASE_TYPE_STRING", "Must be a string."))
        return
    if len(value) > maximum:
        if minimum:
            errors.append(
                FieldError(
                    path, "BASE_TYPE_BAD_LENGTH", f"Must be between {minimum} and {maximum} in length."
                )
            )
        else:
            errors.append(FieldError(path, "BASE_TYPE_MAX_LENGTH", f"Must be {maximum} or fewer in length."))
    elif len(value) < minimum:
        code = "BASE_TYPE_REQUIRED" if not value else "BASE_TYPE_BAD_LENGTH"
        errors.append(FieldError(path, code, f"Must be between {minimum} and {maximum} in length."))


def check_list(
    errors: list[FieldError], path: Path, value: Any, maximum: int, *, minimum: int = 0
) -> list[Any]:
    if value is None:
        if minimum:
            errors.append(FieldError(path, "BASE_TYPE_REQUIRED", "This field is required"))
        return []
    if not isinstance(value, list):
        errors.append(FieldError(path, "BASE_TYPE_LIST", "Must be an array."))
        return []
    if len(value) > maximum:
        errors.append(FieldError(path, "BASE_TYPE_MAX_LENGTH", f"Must be {maximum} or fewer in length."))
    elif len(value) < minimum:
        errors.append(FieldError(path, "BASE_TYPE_MIN_LENGTH", f"Must be {minimum} or more in length."))
    return value


def check_range(errors: list[FieldError], path: Path, value: Any, lowest: float, highest: float) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float):
        errors.append(FieldError(path, "NUMBER_TYPE_COERCE", f"Value {value!r} is not a number."))
    elif not lowest <= value <= highest:
        code = "NUMBER_TYPE_MIN" if value < lowest else "NUMBER_TYPE_MAX"
        errors.append(FieldError(path, code, f"Must be between {lowest} and {highest}."))


def check_url(errors: list[FieldError], path: Path, value: Any, *, attachments: bool = False) -> None:
    if value is None:
        return
    schemes = ("http", "https", "attachment") if attachments else ("http", "https")
    parsed = yarl.URL(value) if isinstance(value, str) else None
    if parsed is None or parsed.scheme not in schemes or not (parsed.host or parsed.scheme == "attachment"):
        errors.append(
            FieldError(
                path, "URL_TYPE_INVALID_URL", f"Not a well formed URL, scheme must be one of {schemes}."
            )
        )


def _embed_text_length(embed: Mapping[str, Any]) -> int:
    parts = [embed.get("title"), embed.get("description")]
    parts += [(embed.get("footer") or {}).get("text"), (embed.get("author") or {}).get("name")]
    for item in embed.get("fields") or []:
        if isinstance(item, dict):
            parts += [item.get("name"), item.get("value")]
    return sum(len(p) for p in parts if isinstance(p, str))


def _validate_embed(errors: list[FieldError], path: Path, embed: Mapping[str, Any]) -> None:
    check_str(errors, (*path, "title"), embed.get("title"), 256)
    check_str(errors, (*path, "description"), embed.get("description"), 4096)
    check_url(errors, (*path, "url"), embed.get("url"))
    check_range(errors, (*path, "color"), embed.get("color"), 0, 0xFFFFFF)
    timestamp = embed.get("timestamp")
    if timestamp is not None:
        try:
            datetime.fromisoformat(str(timestamp))
        except ValueError:
            errors.append(FieldError((*path, "timestamp"), "DATE_TYPE_PARSE", "Could not parse timestamp."))
    for index, item in enumerate(check_list(errors, (*path, "fields"), embed.get("fields"), 25)):
        item = item if isinstance(item, dict) else {}
        check_str(errors, (*path, "fields", index, "name"), item.get("name"), 256, minimum=1, required=True)
        check_str(
            errors, (*path, "fields", index, "value"), item.get("value"), 1024, minimum=1, required=True
        )
    footer = embed.get("footer")
    if isinstance(footer, dict):
        check_str(errors, (*path, "footer", "text"), footer.get("text"), 2048, minimum=1, required=True)
        check_url(errors, (*path, "footer", "icon_url"), footer.get("icon_url"), attachments=True)
    author = embed.get("author")
    if isinstance(author, dict):
        check_str(errors, (*path, "author", "name"), author.get("name"), 256, minimum=1, required=True)
        check_url(errors, (*path, "author", "url"), author.get("url"))
        check_url(errors, (*path, "author", "icon_url"), author.get("icon_url"), attachments=True)
    for key in ("image", "thumbnail"):
        media = embed.get(key)
        if isinstance(media, dict):
            if media.get("url") is None:
                errors.append(FieldError((*path, key, "url"), "BASE_TYPE_REQUIRED", "This field is required"))
            check_url(errors, (*path, key, "url"), media.get("url"), attachments=True)


def validate_embeds(embeds: Any, path: Path = ("embeds",)) -> list[FieldError]:
    """Per-embed limits, at most 10 embeds, and at most 6000 characters of embed text per message."""
    errors: list[FieldError] = []
    items = check_list(errors, path, embeds, 10)
    for index, embed in enumerate(items):
        if not isinstance(embed, dict):
            errors.append(FieldError((*path, index), "DICT_TYPE_CONVERT", "Only dictionaries may be used."))
            continue
        _validate_embed(errors, (*path, index), embed)
    total = sum(_embed_text_length(e) for e in items if isinstance(e, dict))
    if total > 6000:
        errors.append(FieldError(path, "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000"))
    return errors


SELECT_TYPES = frozenset({3, 5, 6, 7, 8})
INTERACTIVE_TYPES = frozenset({2, 4, *SELECT_TYPES, 19, 21, 22, 23})


def _validate_button(errors: list[FieldError], path: Path, button: Mapping[str, Any]) -> None:
    style = button.get("style")
    if style not in (1, 2, 3, 4, 5, 6):
        errors.append(
            FieldError((*path, "style"), "BASE_TYPE_CHOICES", "Value must be one of (1, 2, 3, 4, 5, 6).")
        )
    check_str(errors, (*path, "label"), button.get("label"), 80)
    if style == 5:
        if button.get("custom_id") is not None:
            errors.append(
                FieldError(
                    (*path, "custom_id"),
                    "BUTTON_COMPONENT_CUSTOM_ID_FORBIDDEN",
                    "A link button cannot have a custom id",
                )
            )
        if button.get("url") is None:
            errors.append(
                FieldError((*path, "url"), "BUTTON_COMPONENT_URL_REQUIRED", "A link button must have a url")
            )
        check_url(errors, (*path, "url"), button.get("url"))
    elif style != 6:
        check_str(errors, (*path, "custom_id"), button.get("custom_id"), 100, minimum=1, required=True)
    if style != 6 and not button.get("label") and not button.get("emoji"):
        errors.append(
            FieldError(path, "BUTTON_COMPONENT_MISSING_LABEL", "A button must have a label or an emoji")
        )


def _validate_select(errors: list[FieldError], path: Path, select: Mapping[str, Any]) -> None:
    check_str(errors, (*path, "custom_id"), select.get("custom_id"), 100, minimum=1, required=True)
    check_str(errors, (*path, "placeholder"), select.get("placeholder"), 150)
    check_range(errors, (*path, "min_values"), select.get("min_values"), 0, 25)
    check_range(errors, (*path, "max_values"), select.get("max_values"), 1, 25)
    if select.get("type") != 3:
        return
    options = check_list(errors, (*path, "options"), select.get("options"), 25, minimum=1)
    for index, option in enumerate(options):
        option = option if isinstance(option, dict) else {}
        opath = (*path, "options", index)
        check_str(errors, (*opath, "label"), option.get("label"), 100, minimum=1, required=True)
        check_str(errors, (*opath, "value"), option.get("value"), 100, minimum=1, required=True)
        check_str(errors, (*opath, "description"), option.get("description"), 100)


def _validate_text_input(
    errors: list[FieldError], path: Path, text_input: Mapping[str, Any], *, labelled: bool
) -> None:
    check_str(errors, (*path, "custom_id"), text_input.get("custom_id"), 100, minimum=1, required=True)
    if text_input.get("style") not in (1, 2):
        errors.append(FieldError((*path, "style"), "BASE_TYPE_CHOICES", "Value must be one of (1, 2)."))
    if not labelled:
        check_str(errors, (*path, "label"), text_input.get("label"), 45, minimum=1, required=True)
    check_str(errors, (*path, "placeholder"), text_input.get("placeholder"), 100)
    check_str(errors, (*path, "value"), text_input.get("value"), 4000)
    check_range(errors, (*path, "min_length"), text_input.get("min_length"), 0, 4000)
    check_range(errors, (*path, "max_length"), text_input.get("max_length"), 1, 4000)


def _validate_leaf(
    errors: list[FieldError],
    path: Path,
    component: Mapping[str, Any],
    *,
    in_modal: bool,
    labelled: bool = False,
) -> None:
    kind = component.get("type")
    if kind == 2:
        _validate_button(errors, path, component)
    elif kind in SELECT_TYPES:
        _validate_select(errors, path, component)
    elif kind == 4 and in_modal:
        _validate_text_input(errors, path, component, labelled=labelled)
    elif kind in INTERACTIVE_TYPES and in_modal:
        check_str(errors, (*path, "custom_id"), component.get("custom_id"), 100, minimum=1, required=True)
    else:
        errors.append(
            FieldError((*path, "type"), "COMPONENT_TYPE_INVALID", f"Component type {kind} is not valid here.")
        )


def _validate_row(errors: list[FieldError], path: Path, row: Mapping[str, Any], *, in_modal: bool) -> None:
    children = check_list(errors, (*path, "components"), row.get("components"), 5, minimum=1)
    wide = [c for c in children if isinstance(c, dict) and c.get("type") in SELECT_TYPES | {4}]
    if wide and len(children) > 1:
        errors.append(
            FieldError(
                (*path, "components"),
                "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
                "The specified component exceeds the maximum width",
            )
        )
    for index, child in enumerate(children):
        child = child if isinstance(child, dict) else {}
        _validate_leaf(errors, (*path, "components", index), child, in_modal=in_modal)


def iter_components(components: Any) -> Iterator[dict[str, Any]]:
    """Every component in a tree: rows, containers, sections' accessories and labels' children included."""
    for component in components if isinstance(components, list) else []:
        if not isinstance(component, dict):
            continue
        yield component
        yield from iter_components(component.get("components"))
        for key in ("accessory", "component"):
            if isinstance(component.get(key), dict):
                yield from iter_components([component[key]])


def _check_custom_ids(errors: list[FieldError], path: Path, components: Any) -> None:
    ids = Counter(c["custom_id"] for c in iter_components(components) if isinstance(c.get("custom_id"), str))
    if any(count > 1 for count in ids.values()):
        errors.append(
            FieldError(path, "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated")
        )


def _validate_layout_v2(errors: list[FieldError], path: Path, components: Any) -> None:
    # Components V2 is only checked for the limits that matter most; its per-type rules are not modelled.
    items = check_list(errors, path, components, 40, minimum=1)
    every = list(iter_components(items))
    if len(every) > 40:
        errors.append(
            FieldError(path, "COMPONENT_MAX_TOTAL_EXCEEDED", "Must be 40 or fewer components in total.")
        )
    text = sum(len(c.get("content") or "") for c in every if c.get("type") == 10)
    if text > 4000:
        errors.append(
            FieldError(path, "COMPONENT_MAX_TEXT_EXCEEDED", "Text displays exceed 4000 characters in total.")
        )
    for index, component in enumerate(every):
        if component.get("type") in INTERACTIVE_TYPES:
            _validate_leaf(errors, (*path, index), component, in_modal=False)


def validate_components(components: Any, *, flags: int = 0, path: Path = ("components",)) -> list[FieldError]:
    """Message components: ≤ 5 action rows of ≤ 5 buttons (or one select), custom_id ≤ 100, label ≤ 80."""
    errors: list[FieldError] = []
    if components is None:
        return errors
    if flags & MessageFlag.IS_COMPONENTS_V2:
        _validate_layout_v2(errors, path, components)
    else:
        for index, row in enumerate(check_list(errors, path, components, 5)):
            row = row if isinstance(row, dict) else {}
            if row.get("type") != 1:
                errors.append(
                    FieldError(
                        (*path, index, "type"),
                        "COMPONENT_TYPE_INVALID",
                        "Top-level components must be action rows.",
                    )
                )
                continue
            _validate_row(errors, (*path, index), row, in_modal=False)
    _check_custom_ids(errors, path, components)
    return errors


def _validate_allowed_mentions(errors: list[FieldError], path: Path, allowed: Any) -> None:
    if allowed is None:
        return
    if not isinstance(allowed, dict):
        errors.append(FieldError(path, "DICT_TYPE_CONVERT", "Only dictionaries may be used."))
        return
    parse = allowed.get("parse") or []
    for index, kind in enumerate(parse):
        if kind not in ("users", "roles", "everyone"):
            errors.append(
                FieldError(
                    (*path, "parse", index),
                    "BASE_TYPE_CHOICES",
                    "Value must be one of users, roles, everyone.",
                )
            )
    for kind in ("users", "roles"):
        listed = check_list(errors, (*path, kind), allowed.get(kind), 100)
        if listed and kind in parse:
            errors.append(
                FieldError(
                    path,
                    "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE",
                    f'parse:["{kind}"] and {kind}: [ids] are mutually exclusive.',
                )
            )


def validate_message(payload: Mapping[str, Any], path: Path = ()) -> list[FieldError]:
    """Field limits of a message create/edit body (emptiness is checked separately, against the result)."""
    errors: list[FieldError] = []
    flags = payload.get("flags") or 0
    check_str(errors, (*path, "content"), payload.get("content"), 2000)
    errors += validate_embeds(payload.get("embeds"), (*path, "embeds"))
    errors += validate_components(payload.get("components"), flags=flags, path=(*path, "components"))
    _validate_allowed_mentions(errors, (*path, "allowed_mentions"), payload.get("allowed_mentions"))
    check_list(errors, (*path, "attachments"), payload.get("attachments"), 10)
    check_list(errors, (*path, "sticker_ids"), payload.get("sticker_ids"), 3)
    if flags & MessageFlag.IS_COMPONENTS_V2:
        for key in ("content", "embeds"):
            if payload.get(key):
                errors.append(
                    FieldError(
                        (*path, key),
                        "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2",
                        "The 'content' and 'embeds' fields cannot be used when using MessageFlags.IS_COMPONENTS_V2",
                    )
                )
    return errors


def validate_modal(data: Mapping[str, Any], path: Path = ("data",)) -> list[FieldError]:
    """Modal: title ≤ 45, custom_id ≤ 100, 1–5 top-level components (rows with one text input, or labels)."""
    errors: list[FieldError] = []
    check_str(errors, (*path, "title"), data.get("title"), 45, minimum=1, required=True)
    check_str(errors, (*path, "custom_id"), data.get("custom_id"), 100, minimum=1, required=True)
    components = check_list(errors, (*path, "components"), data.get("components"), 5, minimum=1)
    for index, component in enumerate(components):
        component = component if isinstance(component, dict) else {}
        cpath = (*path, "components", index)
        kind = component.get("type")
        if kind == 1:
            _validate_row(errors, cpath, component, in_modal=True)
        elif kind == 18:
            check_str(errors, (*cpath, "label"), component.get("label"), 45, minimum=1, required=True)
            check_str(errors, (*cpath, "description"), component.get("description"), 100)
            inner = component.get("component")
            if not isinstance(inner, dict):
                errors.append(
                    FieldError((*cpath, "component"), "BASE_TYPE_REQUIRED", "This field is required")
                )
            else:
                _validate_leaf(errors, (*cpath, "component"), inner, in_modal=True, labelled=True)
        elif kind != 10:
            errors.append(
                FieldError(
                    (*cpath, "type"),
                    "COMPONENT_TYPE_INVALID",
                    f"Component type {kind} is not valid in a modal.",
                )
            )
    _check_custom_ids(errors, (*path, "components"), components)
    return errors


def validate_choices(choices: Any, path: Path = ("data", "choices")) -> list[FieldError]:
    """Autocomplete result: ≤ 25 choices, names 1–100 characters, string values ≤ 100 characters."""
    errors: list[FieldError] = []
    for index, choice in enumerate(check_list(errors, path, choices, 25)):
        choice = choice if isinstance(choice, dict) else {}
        check_str(errors, (*path, index, "name"), choice.get("name"), 100, minimum=1, required=True)
        value = choice.get("value")
        if isinstance(value, str):
            check_str(errors, (*path, index, "value"), value, 100)
        elif value is None or isinstance(value, bool) or not isinstance(value, int | float):
            errors.append(FieldError((*path, index, "value"), "BASE_TYPE_REQUIRED", "This field is required"))
    return errors
