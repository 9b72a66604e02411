"""Loopback network simulators for training mode, manual tests and the network probes' tests.

Each runs on the running asyncio loop (``async with Sim() as sim``, or ``await start()`` /
``await stop()``), and its mode can change while it runs.

- ``PaymentHostSim`` (TCP): ``healthy`` accepts; ``refused`` holds the port bound but not
  listening, so connects get a RST; ``timeout`` listens with a full accept queue (backlog 0 plus
  one connection nobody accepts), so new SYNs are dropped and connects time out. Connect
  latency cannot be delayed on loopback without netem: "slow" is simulated at the TLS layer.
- ``TlsHostSim``: a TLS server whose certificate is ``valid``, ``expired``, ``wrong_name``,
  ``untrusted`` (signed by a CA the client does not trust) or ``expiring`` (5 days left), made
  at run time by a throwaway training CA (``sim.certs``; its file: ``cafile``);
  ``handshake_delay_s`` makes it slow.
- ``HttpCheckSim``: the internet check URL: ``ok`` (204), ``captive`` (302 to a login page),
  ``portal`` (200 with a login page instead of the expected answer), ``error`` (500).

    python -m posguide.sim.network tls --cert expired
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import socket
import ssl
import sys
import tempfile
import threading
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Literal, Self, cast, get_args

from aiohttp import web

from posguide.sim.certs import CertKind, TrainingCA, server_certificate

TcpMode = Literal["healthy", "refused", "timeout"]
HttpMode = Literal["ok", "captive", "portal", "error"]
PORTAL_PAGE = b"<html><body><h1>Wi-Fi login</h1><form>Phone number: <input></form></body></html>"


class _Loopback:
    """Start/stop plumbing shared by the simulators."""

    async def start(self) -> Self:
        raise NotImplementedError

    async def stop(self) -> None:
        raise NotImplementedError

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()


class PaymentHostSim(_Loopback):
    def __init__(self, mode: TcpMode = "healthy", host: str = "127.0.0.1", port: int = 0) -> None:
        self.mode: TcpMode = mode
        self.host, self.port = host, port
        self.accepted = 0  # connections served in healthy mode
        self._sock: socket.socket | None = None
        self._server: asyncio.Server | None = None
        self._fillers: list[socket.socket] = []
        self._clients: set[asyncio.StreamWriter] = set()
        # One mode change at a time: two interleaved ones closed a socket the other had just
        # given the loop to serve, and the loop then accepted on a closed descriptor (EBADF).
        self._changing = asyncio.Lock()

    @property
    def address(self) -> tuple[str, int]:
        return self.host, self.port

    async def start(self) -> Self:
        await self.set_mode(self.mode)
        return self

    async def set_mode(self, mode: TcpMode) -> None:
        async with self._changing:
            await self._stop()
            await self._listen(mode)

    async def _listen(self, mode: TcpMode) -> None:
        self.mode = mode
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # rebind across modes
        sock.bind((self.host, self.port))
        self.port = sock.getsockname()[1]
        self._sock = sock
        if mode == "healthy":
            sock.listen(64)
            self._server = await asyncio.start_server(self._serve, sock=sock)
        elif mode == "timeout":
            sock.listen(0)
            sock.setblocking(False)
            await self._fill_queue(family)
        # "refused": bound but never listening; the port stays ours and connects get a RST.

    async def stop(self) -> None:
        async with self._changing:
            await self._stop()

    async def _stop(self) -> None:
        for writer in list(self._clients):
            writer.close()
        if self._server is not None:
            # Under qasync a readiness of the listening socket may already be queued as a
            # callback: stop watching it, let that callback run while the socket is still open
            # (accept() then finds nothing, or a last client), and only then close it. Closed
            # first, the callback accepted on a closed descriptor (EBADF; seen by the monkey
            # test while a trainee restarted the router).
            loop = asyncio.get_running_loop()
            for sock in self._server.sockets:
                loop.remove_reader(sock.fileno())
            await asyncio.sleep(0)
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        elif self._sock is not None:
            self._sock.close()
        self._sock = None
        for filler in self._fillers:
            filler.close()
        self._fillers.clear()

    async def _fill_queue(self, family: socket.AddressFamily) -> None:
        loop = asyncio.get_running_loop()
        for _ in range(64):
            filler = socket.socket(family, socket.SOCK_STREAM)
            filler.setblocking(False)
            try:
                async with asyncio.timeout(0.3):
                    await loop.sock_connect(filler, self.address)
            except TimeoutError:
                filler.close()  # the queue is full: this SYN went unanswered, as will others
                return
            except OSError as err:
                filler.close()
                await self.stop()
                raise RuntimeError("this system refuses instead of queueing connections") from err
            self._fillers.append(filler)
        await self.stop()
        raise RuntimeError("the accept queue never filled up")

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.accepted += 1
        self._clients.add(writer)
        try:
            while await reader.read(4096):  # a payment host waits for the client to speak
                pass
        except OSError:
            pass
        finally:
            self._clients.discard(writer)
            writer.close()


class TlsHostSim(_Loopback):
    def __init__(
        self,
        cert: CertKind = "valid",
        handshake_delay_s: float = 0.0,
        host: str = "127.0.0.1",
        port: int = 0,
        name: str = "localhost",
    ) -> None:
        self.cert: CertKind = cert
        self.handshake_delay_s = handshake_delay_s  # may change while running
        self.host, self.port, self.name = host, port, name
        self.cafile = ""  # while running: the training CA's file, to give to TlsProbe
        self._ca = TrainingCA()
        self._dir: tempfile.TemporaryDirectory[str] | None = None
        self._context: ssl.SSLContext | None = None
        self._listener: socket.socket | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._transports: set[asyncio.BaseTransport] = set()

    @property
    def address(self) -> tuple[str, int]:
        return self.host, self.port

    def set_cert(self, kind: CertKind) -> None:
        """Serve a new certificate of this kind from the next connection on."""
        assert self._dir is not None, "start() first"
        chain = Path(self._dir.name) / "server.pem"
        chain.write_bytes(server_certificate(self._ca, kind, [self.name, self.host]))
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(chain)
        self.cert, self._context = kind, context

    async def start(self) -> Self:
        self._dir = tempfile.TemporaryDirectory(prefix="posguide-tls-")
        self.cafile = str(Path(self._dir.name) / "training-ca.pem")
        Path(self.cafile).write_bytes(self._ca.pem())
        await asyncio.to_thread(self.set_cert, self.cert)  # key generation: off the loop
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        self._listener = socket.socket(family, socket.SOCK_STREAM)
        self._listener.bind((self.host, self.port))
        self._listener.listen(64)
        self._listener.setblocking(False)
        self.port = self._listener.getsockname()[1]
        self._tasks.add(asyncio.create_task(self._accept(self._listener)))
        return self

    async def stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        for transport in list(self._transports):
            transport.close()
        self._transports.clear()
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        if self._dir is not None:
            self._dir.cleanup()
            self._dir = None

    async def _accept(self, listener: socket.socket) -> None:
        loop = asyncio.get_running_loop()
        while True:
            conn, _peer = await loop.sock_accept(listener)
            task = asyncio.create_task(self._serve(conn))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _serve(self, conn: socket.socket) -> None:
        # The accepted socket is handed to TLS unread: upgrading a stream that already
        # buffered the ClientHello would lose it.
        loop = asyncio.get_running_loop()
        try:
            await asyncio.sleep(self.handshake_delay_s)
            assert self._context is not None
            await loop.connect_accepted_socket(
                lambda: _Held(self._transports), conn, ssl=self._context, ssl_handshake_timeout=10
            )
        except OSError:
            conn.close()  # clients that reject the certificate hang up mid-handshake
        except asyncio.CancelledError:
            conn.close()
            raise


class _Held(asyncio.Protocol):
    """Keeps a served connection open (in ``held``) until the client hangs up."""

    def __init__(self, held: set[asyncio.BaseTransport]) -> None:
        self.held = held
        self.transport: asyncio.BaseTransport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport
        self.held.add(transport)

    def connection_lost(self, exc: Exception | None) -> None:
        self.held.discard(self.transport)


class HttpCheckSim(_Loopback):
    def __init__(self, mode: HttpMode = "ok", host: str = "127.0.0.1", port: int = 0) -> None:
        self.mode: HttpMode = mode  # may change while running
        self.host, self.port = host, port
        self.requests = 0
        self._runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/generate_204"

    async def start(self) -> Self:
        app = web.Application()
        app.router.add_get("/generate_204", self._check)
        app.router.add_get("/portal", self._portal)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()
        self.port = self._runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _check(self, request: web.Request) -> web.StreamResponse:
        self.requests += 1
        if self.mode == "captive":
            raise web.HTTPFound(f"http://{self.host}:{self.port}/portal?mac=00-11-22-33-44-55")
        if self.mode == "portal":
            return await self._portal(request)
        if self.mode == "error":
            return web.Response(status=500, text="upstream error")
        return web.Response(status=204)

    async def _portal(self, request: web.Request) -> web.StreamResponse:
        return web.Response(body=PORTAL_PAGE, content_type="text/html")


async def _run(sim: PaymentHostSim | TlsHostSim | HttpCheckSim) -> None:
    async with sim:
        if isinstance(sim, HttpCheckSim):
            print(f"internet check URL: {sim.url} ({sim.mode})", flush=True)
        elif isinstance(sim, TlsHostSim):
            print(f"TLS host {sim.host}:{sim.port} ({sim.cert}); CA file: {sim.cafile}", flush=True)
        else:
            print(f"payment host {sim.host}:{sim.port} ({sim.mode})", flush=True)
        print("type a mode name to switch, or 'quit'", flush=True)
        async for line in _stdin_lines():
            if line == "quit":
                return
            if isinstance(sim, PaymentHostSim) and line in get_args(TcpMode):
                await sim.set_mode(cast(TcpMode, line))
            elif isinstance(sim, TlsHostSim) and line in get_args(CertKind):
                sim.set_cert(cast(CertKind, line))
            elif isinstance(sim, HttpCheckSim) and line in get_args(HttpMode):
                sim.mode = cast(HttpMode, line)
            elif line:
                print(f"unknown mode {line!r}", flush=True)
                continue
            print("ok", flush=True)
        await asyncio.Event().wait()  # stdin closed (run in the background): serve until killed


async def _stdin_lines() -> AsyncIterator[str]:
    # A daemon thread, not to_thread: a read blocked on the console must not delay exit.
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[str | None] = asyncio.Queue()

    def pump() -> None:
        with contextlib.suppress(RuntimeError):  # the loop closed first: we are exiting
            for raw in sys.stdin:
                loop.call_soon_threadsafe(queue.put_nowait, raw.strip())
            loop.call_soon_threadsafe(queue.put_nowait, None)

    threading.Thread(target=pump, name="sim-stdin", daemon=True).start()
    while (line := await queue.get()) is not None:
        yield line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m posguide.sim.network", description="Loopback network simulators."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="default: any free port")
    kinds = parser.add_subparsers(dest="kind", required=True)
    tcp = kinds.add_parser("tcp", help="a payment host (TCP)")
    tcp.add_argument("--mode", choices=get_args(TcpMode), default="healthy")
    tls = kinds.add_parser("tls", help="a TLS server with a generated certificate")
    tls.add_argument("--cert", choices=get_args(CertKind), default="valid")
    tls.add_argument("--delay", type=float, default=0.0, help="handshake delay, seconds")
    http = kinds.add_parser("http", help="the internet check URL")
    http.add_argument("--mode", choices=get_args(HttpMode), default="ok")
    args = parser.parse_args(argv)
    sim: PaymentHostSim | TlsHostSim | HttpCheckSim
    if args.kind == "tcp":
        sim = PaymentHostSim(args.mode, args.host, args.port)
    elif args.kind == "tls":
        sim = TlsHostSim(args.cert, args.delay, args.host, args.port)
    else:
        sim = HttpCheckSim(args.mode, args.host, args.port)
    # SIGTERM unwinds like Ctrl-C, so the certificate files are removed.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_run(sim))
    return 0


if __name__ == "__main__":
    sys.exit(main())
