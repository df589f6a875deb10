"""Virus scanning with ClamAV: clamd's INSTREAM command, spoken directly over its TCP or Unix socket.

The protocol (clamd(8)): `zINSTREAM\\0`, then the data in chunks, each prefixed with its length as a 4-byte
unsigned big-endian integer, then a chunk of length zero. clamd answers with one NUL-terminated line:
`stream: OK`, `stream: <signature> FOUND`, or a line ending in `ERROR`.
"""

from __future__ import annotations

import socket
import struct
import time
from collections.abc import Iterable
from urllib.parse import urlsplit

DEFAULT_PORT = 3310
END_OF_STREAM = struct.pack(">I", 0)
# clamd answers with one short line; anything longer is not clamd.
REPLY_LIMIT = 4096


class ScanError(Exception):
    """clamd gave no verdict: it could not be reached, was too slow, or answered with an error."""


def scan(chunks: Iterable[bytes], *, address: str, timeout: float) -> str | None:
    """The name of what clamd found in the data, or None when it found nothing.

    `timeout` bounds the whole exchange, from connecting to the verdict. Raises ScanError without a verdict.
    """
    deadline = time.monotonic() + timeout
    try:
        with _connect(address, deadline) as sock:
            _send(sock, b"zINSTREAM\0", deadline)
            try:
                for chunk in chunks:
                    if chunk:
                        _send(sock, struct.pack(">I", len(chunk)) + chunk, deadline)
                _send(sock, END_OF_STREAM, deadline)
            except (BrokenPipeError, ConnectionResetError):
                # clamd stops reading when the stream passes its StreamMaxLength; its reply says why.
                pass
            reply = _receive(sock, deadline)
    except OSError as error:
        raise ScanError(f"clamd at {address}: {error.__class__.__name__}: {error}") from error
    if reply == "stream: OK":
        return None
    if reply.startswith("stream: ") and reply.endswith(" FOUND"):
        return reply.removeprefix("stream: ").removesuffix(" FOUND").strip() or "?"
    if not reply:
        raise ScanError(f"clamd at {address} closed the connection without a verdict")
    raise ScanError(f"clamd at {address} answered {reply!r}")


def ping(*, address: str, timeout: float) -> None:
    """Return if clamd answers PING with PONG; raise ScanError otherwise."""
    deadline = time.monotonic() + timeout
    try:
        with _connect(address, deadline) as sock:
            _send(sock, b"zPING\0", deadline)
            reply = _receive(sock, deadline)
    except OSError as error:
        raise ScanError(f"clamd at {address}: {error.__class__.__name__}: {error}") from error
    if reply != "PONG":
        raise ScanError(f"clamd at {address} answered PING with {reply!r}")


def _remaining(deadline: float) -> float:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError("timed out")
    return remaining


def _connect(address: str, deadline: float) -> socket.socket:
    malformed = ScanError(f"clamd address {address!r} is neither tcp://host:port nor unix:///path/to/socket")
    try:
        parts = urlsplit(address)
        host, port = parts.hostname, parts.port or DEFAULT_PORT
    except ValueError as error:  # an unclosed [ or a port that is no number
        raise malformed from error
    if parts.scheme == "unix" and parts.path:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.settimeout(_remaining(deadline))
            sock.connect(parts.path)
        except BaseException:
            sock.close()
            raise
        return sock
    if parts.scheme != "tcp" or not host:
        raise malformed
    return socket.create_connection((host, port), timeout=_remaining(deadline))


def _send(sock: socket.socket, data: bytes, deadline: float) -> None:
    sock.settimeout(_remaining(deadline))
    sock.sendall(data)


def _receive(sock: socket.socket, deadline: float) -> str:
    """clamd's reply up to its terminating NUL or the end of the connection, as text."""
    reply = b""
    while b"\0" not in reply and len(reply) < REPLY_LIMIT:
        sock.settimeout(_remaining(deadline))
        data = sock.recv(1024)
        if not data:
            break
        reply += data
    return reply.split(b"\0", 1)[0].decode("utf-8", errors="replace").strip()
