"""A local stand-in for Discord (REST v10 + gateway) that the real discord.py client can run against.

Modules, along the seams: `protocol` (Discord's vocabulary), `specs` and `records` (what a test configures and
inspects), `validation` and `command_validation` (Discord's limits), `mentions`, `world` (guilds, channels,
users), `faults` (failures and rate limits), `http_io` (REST plumbing helpers), `interactions` (interaction
state and the test's handle), the server assembled in `server` from `base` (state, inspection, fault
injection), `gateway`, `rest`, `messages`, `command_routes`, `interaction_routes` and `driving`, and `client`
(running it, logging a bot in) with `discord_patch` (pointing discord.py at it).
"""

from __future__ import annotations

from devtools.standin.client import connected_bot, running_standin, sync_commands
from devtools.standin.command_validation import validate_command, validate_commands
from devtools.standin.discord_patch import patch_discord
from devtools.standin.faults import ChannelRateLimit, Fault
from devtools.standin.handle import InteractionHandle
from devtools.standin.interactions import InteractionFailed
from devtools.standin.mentions import compute_pings
from devtools.standin.protocol import (
    DEFAULT_TOKEN,
    CallbackType,
    ChannelType,
    InteractionType,
    MessageFlag,
    Perm,
)
from devtools.standin.records import (
    CommandSync,
    GatewayConnection,
    Record,
    StoredMessage,
    UploadedFile,
    Violation,
)
from devtools.standin.server import DiscordStandin
from devtools.standin.specs import (
    DEFAULT_CHANNELS,
    DEFAULT_USERS,
    AttachmentInput,
    ChannelSpec,
    GuildSpec,
    RoleSpec,
    UserSpec,
)
from devtools.standin.validation import (
    FieldError,
    errors_tree,
    validate_choices,
    validate_components,
    validate_embeds,
    validate_message,
    validate_modal,
)

__all__ = [
    "DEFAULT_CHANNELS",
    "DEFAULT_TOKEN",
    "DEFAULT_USERS",
    "AttachmentInput",
    "CallbackType",
    "ChannelRateLimit",
    "ChannelSpec",
    "ChannelType",
    "CommandSync",
    "DiscordStandin",
    "Fault",
    "FieldError",
    "GatewayConnection",
    "GuildSpec",
    "InteractionFailed",
    "InteractionHandle",
    "InteractionType",
    "MessageFlag",
    "Perm",
    "Record",
    "RoleSpec",
    "StoredMessage",
    "UploadedFile",
    "UserSpec",
    "Violation",
    "compute_pings",
    "connected_bot",
    "errors_tree",
    "patch_discord",
    "running_standin",
    "sync_commands",
    "validate_choices",
    "validate_command",
    "validate_commands",
    "validate_components",
    "validate_embeds",
    "validate_message",
    "validate_modal",
]
