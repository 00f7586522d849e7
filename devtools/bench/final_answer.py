"""What a user finally sees of an interaction the local Discord stand-in dispatched.

Usually the original response (a deferred one once it is filled in). But an error after a public defer deletes
the "thinking…" message and follows up ephemerally (`bot.adapters.discord.discord_io.send_error`), so the original never finishes
loading: waiting for it would wait out the whole timeout, interaction after interaction. The answer is then the
first follow-up.
"""

from __future__ import annotations

from devtools.standin import DiscordStandin, InteractionHandle, StoredMessage


def settled_answer(handle: InteractionHandle) -> StoredMessage | None:
    """The message that answers the interaction, or None while the bot is still working on it."""
    original = handle.message
    if original is not None and not original.deleted:
        return None if original.loading else original
    # No original (not acknowledged yet) or a withdrawn one: the answer, if any, is a follow-up.
    followups = [m for m in handle.followup_messages if not m.deleted]
    return followups[0] if original is not None and followups else None


async def final_answer(standin: DiscordStandin, handle: InteractionHandle, timeout: float) -> StoredMessage:
    """Wait (at most `timeout` seconds) for the interaction's answer; `InteractionFailed` if none arrives."""

    def describe() -> str:
        attempts = ", ".join(f"{r.status} {r.response}" for r in handle.attempts) or "none"
        shown = [
            (m.id, "deleted" if m.deleted else "loading" if m.loading else "shown") for m in handle.messages
        ]
        return (
            f"interaction {handle.id} (type {handle.type}): callback attempts: {attempts}; messages: {shown}"
        )

    return await standin.wait_for(lambda: settled_answer(handle), timeout, describe=describe)
