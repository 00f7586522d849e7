"""The stand-in server: an aiohttp app on 127.0.0.1 assembled from the gateway and the REST route groups.

The real discord.py client logs in against it, receives its guilds, syncs app commands and answers the
interactions that a test dispatches. Every REST request is recorded, every message is checked against
Discord's limits, and any route or channel can be made to fail, stall or be rate limited on demand."""

from __future__ import annotations

from aiohttp import web

from devtools.standin.command_routes import CommandRoutes
from devtools.standin.driving import Driving
from devtools.standin.http_io import Handler
from devtools.standin.interaction_routes import InteractionRoutes
from devtools.standin.protocol import API_PREFIX, GATEWAY_PATH


class DiscordStandin(Driving, InteractionRoutes, CommandRoutes):
    """An aiohttp server on 127.0.0.1 that speaks enough of Discord's REST API and gateway for discord.py."""

    async def start(self) -> None:
        app = web.Application(middlewares=[self._middleware], client_max_size=64 * 1024 * 1024)
        for method, path, handler in self._routes():
            app.router.add_route(method, API_PREFIX + path, handler)
        app.router.add_get(GATEWAY_PATH, self._h_gateway)
        app.router.add_get("/attachments/{channel_id}/{attachment_id}/{filename}", self._h_attachment)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self._port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        for link in list(self._links):
            await link.close(1001, "stand-in shutting down")
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> DiscordStandin:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    def _routes(self) -> list[tuple[str, str, Handler]]:
        commands = "/applications/{application_id}/commands"
        guild_commands = "/applications/{application_id}/guilds/{guild_id}/commands"
        webhook_message = "/webhooks/{application_id}/{token}/messages/{message_id}"
        message = "/channels/{channel_id}/messages/{message_id}"
        routes: list[tuple[str, str, Handler]] = [
            ("GET", "/users/@me", self._h_me),
            ("GET", "/oauth2/applications/@me", self._h_application),
            ("GET", "/applications/@me", self._h_application),
            ("GET", "/gateway", self._h_gateway_info),
            ("GET", "/gateway/bot", self._h_gateway_bot),
            ("POST", "/interactions/{interaction_id}/{token}/callback", self._h_callback),
            ("POST", "/webhooks/{application_id}/{token}", self._h_followup),
            ("GET", webhook_message, self._h_get_webhook_message),
            ("PATCH", webhook_message, self._h_edit_webhook_message),
            ("DELETE", webhook_message, self._h_delete_webhook_message),
            ("GET", "/channels/{channel_id}", self._h_get_channel),
            ("GET", "/channels/{channel_id}/messages", self._h_list_messages),
            ("POST", "/channels/{channel_id}/messages", self._h_create_message),
            ("GET", message, self._h_get_message),
            ("PATCH", message, self._h_edit_message),
            ("DELETE", message, self._h_delete_message),
            ("POST", "/channels/{channel_id}/typing", self._h_typing),
            ("GET", "/guilds/{guild_id}", self._h_get_guild),
            ("GET", "/guilds/{guild_id}/channels", self._h_guild_channels),
            ("GET", "/guilds/{guild_id}/roles", self._h_guild_roles),
            ("GET", "/guilds/{guild_id}/members/{user_id}", self._h_guild_member),
        ]
        for base in (commands, guild_commands):
            routes += [
                ("GET", base, self._h_list_commands),
                ("PUT", base, self._h_bulk_commands),
                ("POST", base, self._h_create_command),
                ("GET", base + "/{command_id}", self._h_get_command),
                ("PATCH", base + "/{command_id}", self._h_edit_command),
                ("DELETE", base + "/{command_id}", self._h_delete_command),
            ]
        return routes
