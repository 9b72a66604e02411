"""The plumbing the HTTP simulators share: an aiohttp app on a loopback socket (port 0: any free
port), started and stopped on the running loop, with an event that releases slow handlers."""

from __future__ import annotations

import asyncio
import socket

from aiohttp import web


class LocalHttpServer:
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self._runner: web.AppRunner | None = None
        self._sock: socket.socket | None = None
        self._stopping = asyncio.Event()  # set on stop: slow or endless handlers give up

    def build_app(self) -> web.Application:
        raise NotImplementedError

    async def start_serving(self) -> None:
        self._runner = web.AppRunner(self.build_app(), access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        self._stopping.clear()
        try:
            self._sock = socket.create_server((self.host, self.port))
            self.port = self._sock.getsockname()[1]
            await web.SockSite(self._runner, self._sock).start()
        except BaseException:
            await self.stop()
            raise

    async def stop(self) -> None:
        self._stopping.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._sock is not None:
            self._sock.close()
            self._sock = None
