"""REST routes of interactions: callbacks, and the webhook follow-ups and @original edits that come after."""

from __future__ import annotations

import copy
import time
from typing import Any

from aiohttp import web

from devtools.standin.http_io import RECORD_KEY, Abort, json_response
from devtools.standin.interactions import CALLBACKS_FOR, InteractionState, OpenModal
from devtools.standin.messages import MessageRoutes
from devtools.standin.protocol import (
    ALREADY_ACKNOWLEDGED,
    INVALID_WEBHOOK_TOKEN,
    UNKNOWN_INTERACTION,
    UNKNOWN_MESSAGE,
    UNKNOWN_WEBHOOK,
    CallbackType,
    to_int,
)
from devtools.standin.records import Record, StoredMessage
from devtools.standin.validation import FieldError, validate_choices, validate_modal


class InteractionRoutes(MessageRoutes):
    """Interaction callbacks (with their contract checked) and interaction webhooks."""

    async def _h_callback(self, request: web.Request) -> web.StreamResponse:
        record = request[RECORD_KEY]
        state = self._interactions.get(to_int(request.match_info["interaction_id"]) or 0)
        if state is None or state.token != request.match_info["token"]:
            detail = "callback for an interaction the stand-in never dispatched"
            return self._violation(record, "unknown_interaction", 404, UNKNOWN_INTERACTION, detail)
        state.attempts.append(record)
        self._check_callback_timing(record, state)
        payload: dict[str, Any] = record.json if isinstance(record.json, dict) else {}
        kind = payload.get("type")
        data: dict[str, Any] = payload["data"] if isinstance(payload.get("data"), dict) else {}
        self._check_callback(record, state, kind, data)
        assert isinstance(kind, int)  # _check_callback rejected anything but a callback type
        resource = await self._apply_callback(state, kind, data, record)
        state.ack, state.callback_type = record, kind
        if record.query.get("with_response", "").lower() not in ("1", "true"):
            return web.Response(status=204)
        return json_response({"interaction": self._callback_interaction(state), "resource": resource})

    def _check_callback_timing(self, record: Record, state: InteractionState) -> None:
        if state.ack is not None:
            detail = f"interaction {state.id} was already acknowledged"
            raise Abort(self._violation(record, "double_ack", 400, ALREADY_ACKNOWLEDGED, detail))
        elapsed = time.perf_counter() - state.dispatched_at
        if elapsed > self.interaction_deadline:
            detail = f"callback arrived {elapsed:.3f}s after dispatch; the deadline is {self.interaction_deadline}s"
            raise Abort(self._violation(record, "deadline", 404, UNKNOWN_INTERACTION, detail))

    def _check_callback(
        self, record: Record, state: InteractionState, kind: Any, data: dict[str, Any]
    ) -> None:
        allowed = CALLBACKS_FOR.get(state.type, frozenset())
        if state.source_message_id is None:
            allowed -= {CallbackType.DEFERRED_UPDATE_MESSAGE, CallbackType.UPDATE_MESSAGE}
        if kind not in allowed:
            message = f"Callback type {kind} is not valid for interaction type {state.type}"
            raise Abort(
                self._invalid(record, [FieldError(("type",), "INTERACTION_CALLBACK_TYPE_INVALID", message)])
            )
        if kind == CallbackType.CHANNEL_MESSAGE:
            self._check_message(record, data, record.files, existing=None, path=("data",))
        elif kind == CallbackType.UPDATE_MESSAGE:
            source = self.messages[state.source_message_id or 0]
            self._check_message(record, data, record.files, existing=source, path=("data",))
        elif kind == CallbackType.AUTOCOMPLETE_RESULT:
            errors = validate_choices(data.get("choices"))
            if errors:
                raise Abort(self._invalid(record, errors))
        elif kind == CallbackType.MODAL:
            errors = validate_modal(data)
            if errors:
                raise Abort(self._invalid(record, errors))

    async def _apply_callback(
        self, state: InteractionState, kind: int, data: dict[str, Any], record: Record
    ) -> dict[str, Any]:
        if kind in (CallbackType.CHANNEL_MESSAGE, CallbackType.DEFERRED_CHANNEL_MESSAGE):
            loading = kind == CallbackType.DEFERRED_CHANNEL_MESSAGE
            message = self._interaction_message(state, data, record.files, loading=loading)
            state.original_message_id = record.message_id = message.id
            await self._emit_message("MESSAGE_CREATE", message)
            return {"type": kind, "message": message.to_payload()}
        if kind in (CallbackType.DEFERRED_UPDATE_MESSAGE, CallbackType.UPDATE_MESSAGE):
            source = self.messages[state.source_message_id or 0]
            state.original_message_id = record.message_id = source.id
            if kind == CallbackType.DEFERRED_UPDATE_MESSAGE:
                return {"type": kind}
            self._apply_payload(source, data, record.files, creating=False)
            await self._emit_message("MESSAGE_UPDATE", source)
            return {"type": kind, "message": source.to_payload()}
        if kind == CallbackType.AUTOCOMPLETE_RESULT:
            state.choices = list(data.get("choices") or [])
        elif kind == CallbackType.MODAL:
            self._modals[str(data["custom_id"])] = OpenModal(copy.deepcopy(data), state)
        return {"type": kind}

    def _callback_interaction(self, state: InteractionState) -> dict[str, Any]:
        original = self.messages.get(state.original_message_id or 0)
        data: dict[str, Any] = {
            "id": str(state.id),
            "type": state.type,
            "response_message_loading": bool(original and original.loading),
            "response_message_ephemeral": bool(original and original.ephemeral),
        }
        if original is not None:
            data["response_message_id"] = str(original.id)
        return data

    # ---- REST: interaction webhooks (follow-ups and @original) -------------------------------------------------------

    def _webhook_state(self, request: web.Request) -> InteractionState:
        record = request[RECORD_KEY]
        if to_int(request.match_info["application_id"]) != self.application_id:
            raise Abort(self._fail(404, UNKNOWN_WEBHOOK))
        state = self._by_token.get(request.match_info["token"])
        if state is None:
            raise Abort(self._fail(401, INVALID_WEBHOOK_TOKEN))
        if time.perf_counter() - state.dispatched_at > self.token_lifetime:
            detail = "interaction token used after it expired"
            raise Abort(self._violation(record, "expired_token", 401, INVALID_WEBHOOK_TOKEN, detail))
        if state.ack is None:
            detail = f"interaction {state.id} has not been acknowledged"
            raise Abort(self._violation(record, "unacknowledged", 404, UNKNOWN_WEBHOOK, detail))
        return state

    def _webhook_message(self, request: web.Request, state: InteractionState) -> StoredMessage:
        ref = request.match_info["message_id"]
        message_id = state.original_message_id if ref == "@original" else to_int(ref)
        belongs = message_id is not None and (
            message_id == state.original_message_id or message_id in state.message_ids
        )
        message = self.messages.get(message_id or 0) if belongs else None
        if message is None or message.deleted:
            raise Abort(self._fail(404, UNKNOWN_MESSAGE))
        return message

    async def _h_followup(self, request: web.Request) -> web.StreamResponse:
        record = request[RECORD_KEY]
        state = self._webhook_state(request)
        payload = record.json if isinstance(record.json, dict) else {}
        original = self.messages.get(state.original_message_id or 0)
        if original is not None and original.loading and not original.deleted:
            # Documented legacy behaviour: the first follow-up after a deferred response fills in the loading
            # message instead of creating a new one, keeping the defer's ephemeral state. Once the loading
            # message is deleted there is nothing to fill in, and a follow-up is a new message with its own flags.
            self._check_message(record, payload, record.files, existing=original)
            self._complete_loading(original, payload, record.files)
            message, event = original, "MESSAGE_UPDATE"
        else:
            self._check_message(record, payload, record.files, existing=None)
            message, event = self._interaction_message(state, payload, record.files), "MESSAGE_CREATE"
        record.message_id = message.id
        await self._emit_message(event, message)
        if record.query.get("wait", "").lower() in ("1", "true"):
            return json_response(message.to_payload())
        return web.Response(status=204)

    async def _h_get_webhook_message(self, request: web.Request) -> web.StreamResponse:
        state = self._webhook_state(request)
        return json_response(self._webhook_message(request, state).to_payload())

    async def _h_edit_webhook_message(self, request: web.Request) -> web.StreamResponse:
        record = request[RECORD_KEY]
        state = self._webhook_state(request)
        message = self._webhook_message(request, state)
        payload = record.json if isinstance(record.json, dict) else {}
        self._check_message(record, payload, record.files, existing=message)
        if message.loading:
            self._complete_loading(message, payload, record.files)
        else:
            self._apply_payload(message, payload, record.files, creating=False)
        record.message_id = message.id
        await self._emit_message("MESSAGE_UPDATE", message)
        return json_response(message.to_payload())

    async def _h_delete_webhook_message(self, request: web.Request) -> web.StreamResponse:
        state = self._webhook_state(request)
        message = self._webhook_message(request, state)
        message.deleted = True
        await self._emit_message("MESSAGE_DELETE", message)
        return web.Response(status=204)
