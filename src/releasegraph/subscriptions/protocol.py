"""uvicorn's websocket protocol, with a way for the app to write a framed message at once.

Fanning one payload out to thousands of sockets, ASGI's ``websocket.send`` (a coroutine
per layer, and the framing of the same bytes again for every socket) costs more than the
write itself. This protocol (uvicorn's ``websockets-sansio``, which ``releasegraph serve``
runs) puts an ASGI extension in the scope, ``SEND_NOW``: ``{"write": write}``, where
``write(frame)`` writes one text frame, framed by the app (``text_frame_header``), if the socket
takes it at once: open, not closing, its write buffer below the high-water mark, and no
compression negotiated. Otherwise it writes nothing and returns False, and the app sends
the message as any other, with ``websocket.send``.
"""

from __future__ import annotations

import functools
import struct

from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from websockets.protocol import State

SEND_NOW = "releasegraph.send_now"


_FIN_TEXT = 0x81


@functools.lru_cache(maxsize=256)  # a group writes one length to all but a few members
def text_frame_header(length: int) -> bytes:
    """The header of a whole text message of ``length`` bytes as a server sends it: one
    frame, not masked, not compressed (RFC 6455 §5.2)."""
    if length < 126:
        return struct.pack("!BB", _FIN_TEXT, length)
    if length < 1 << 16:
        return struct.pack("!BBH", _FIN_TEXT, 126, length)
    return struct.pack("!BBQ", _FIN_TEXT, 127, length)


class WebSocketProtocol(WebSocketsSansIOProtocol):
    async def run_asgi(self) -> None:
        self.scope.setdefault("extensions", {})[SEND_NOW] = {"write": self.write_now}
        await super().run_asgi()

    def write_now(self, frame: bytes) -> bool:
        """Writes ``frame`` if ``websocket.send`` would write it without waiting."""
        if (
            not self.handshake_complete
            or self.initial_response is not None
            or self.close_sent
            or self.disconnected
            or not self.writable.is_set()
            or self.conn.state is not State.OPEN
            or self.conn.extensions
        ):
            return False
        self.transport.write(frame)
        return True
