"""A stand-in for clamd on 127.0.0.1 or a Unix socket: a real socket speaking clamd's protocol, for tests."""

from __future__ import annotations

import shutil
import socketserver
import struct
import tempfile
import threading
from pathlib import Path
from typing import Any, Literal

# The EICAR anti-virus test string, assembled here so that a virus scanner does not flag this source file.
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
SIGNATURE = "Eicar-Test-Signature"

# scan: FOUND for EICAR, OK otherwise. error: clamd's answer to a stream beyond its StreamMaxLength.
# close: read the stream, then hang up without a verdict. hang: read the stream and never answer.
Behaviour = Literal["scan", "error", "close", "hang"]


class _Handler(socketserver.StreamRequestHandler):
    server: Any  # one of the servers below, with .fake set

    def handle(self) -> None:
        fake: FakeClamd = self.server.fake
        command = b""
        while not command.endswith(b"\0"):
            byte = self.rfile.read(1)
            if not byte:
                return
            command += byte
        fake.commands.append(command.rstrip(b"\0").decode())
        if command == b"zPING\0":
            self.wfile.write(b"PONG\0")
            return
        if command != b"zINSTREAM\0":
            self.wfile.write(b"UNKNOWN COMMAND\0")
            return
        # Every behaviour reads the stream to its end: closing with unread data would reset the connection.
        data = bytearray()
        while True:
            header = self.rfile.read(4)
            if len(header) < 4:
                return
            (length,) = struct.unpack(">I", header)
            if length == 0:
                break
            data += self.rfile.read(length)
        fake.streams.append(bytes(data))
        if fake.behaviour == "close":
            return
        if fake.behaviour == "hang":
            fake.released.wait()
        elif fake.behaviour == "error":
            self.wfile.write(b"INSTREAM size limit exceeded. ERROR\0")
        elif EICAR in data:
            self.wfile.write(f"stream: {SIGNATURE} FOUND\0".encode())
        else:
            self.wfile.write(b"stream: OK\0")


class _TCPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    fake: FakeClamd


class _UnixServer(socketserver.ThreadingUnixStreamServer):
    daemon_threads = True
    fake: FakeClamd


class FakeClamd:
    """A clamd in a thread, used as a context manager; `address` is what CLAMAV_ADDRESS would say.

    `streams` holds every stream it received, `commands` every command.
    """

    def __init__(self, behaviour: Behaviour = "scan", *, unix: bool = False) -> None:
        self.behaviour = behaviour
        self.unix = unix
        self.streams: list[bytes] = []
        self.commands: list[str] = []
        self.released = threading.Event()
        self.address = ""

    def __enter__(self) -> FakeClamd:
        self.server: _TCPServer | _UnixServer
        if self.unix:
            # A short folder of its own: Unix socket paths are limited to about 100 characters.
            self.folder = tempfile.mkdtemp(prefix="clamd-")
            path = str(Path(self.folder) / "clamd.ctl")
            self.server = _UnixServer(path, _Handler)
            self.address = f"unix://{path}"
        else:
            self.server = _TCPServer(("127.0.0.1", 0), _Handler)
            self.address = f"tcp://127.0.0.1:{self.server.server_address[1]}"
        self.server.fake = self
        # A short poll interval: shutdown() waits for the next poll (0.5 s by default) in every test.
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.released.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()
        if self.unix:
            shutil.rmtree(self.folder, ignore_errors=True)


def unused_port() -> int:
    """A port on 127.0.0.1 nothing listens on (bound, then released)."""
    with socketserver.TCPServer(("127.0.0.1", 0), socketserver.BaseRequestHandler) as server:
        return int(server.server_address[1])
