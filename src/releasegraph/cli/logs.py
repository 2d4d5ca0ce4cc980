"""Credentials out of the server's log lines: query parameters, headers, tokens in messages.

A token sent where it does not belong (``/graphql?token=…``) is refused, but uvicorn logs
the request line first, and at ``debug`` the websocket handshake's headers and frames.
``redact_handlers`` makes every handler write its lines through ``redact``.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import unquote_plus

REDACTED = "[REDACTED]"

CREDENTIAL_NAMES = frozenset(
    {
        "access_token",
        "api_key",
        "apikey",
        "auth",
        "auth_token",
        "authorization",
        "client_secret",
        "cookie",
        "id_token",
        "jwt",
        "passwd",
        "password",
        "proxy_authorization",
        "refresh_token",
        "secret",
        "session",
        "sessionid",
        "set_cookie",
        "token",
        "x_api_key",
    }
)
"""Names whose value is a secret: as a query parameter (``?token=…``), a header
(``authorization: …``) or a key (``{"token": "…"}``). Case does not matter, and ``-``
stands for ``_`` (``X-Api-Key`` is ``x_api_key``)."""

_NAME = "|".join(name.replace("_", "[-_]") for name in sorted(CREDENTIAL_NAMES))
_QUOTED_VALUE = re.compile(
    # {"token": "…"}, {'token': '…'}, (b'authorization', b'…'); the value may be cut short
    rf"""(?P<key>(?P<q>['"])(?:{_NAME})(?P=q)\s*[:,]\s*b?(?P<vq>['"]))"""
    r"""(?:\\.|(?!(?P=vq))[^\\\r\n])*""",
    re.IGNORECASE,
)
_HEADER = re.compile(rf"(?P<key>(?<![\w-])(?:{_NAME})[ \t]*:[ \t]*)[^\r\n]+", re.IGNORECASE)
_PARAMETER = re.compile(r"(?<![\w%.~+-])(?P<name>[\w%.~+-]+)=[^&;\s'\"#]*")
_USERINFO = re.compile(r"(?P<key>[a-z][\w+.-]*://[^\s:/@]*:)[^\s/@]+(?=@)", re.IGNORECASE)
# A websocket's ``connection_init`` message carries a token; a logged frame of it may be cut
# short (websockets logs the head and the tail of a long one), so it goes whole.
_CONNECTION_INIT = re.compile(r"'(?:\\.|[^'\\])*connection_init(?:\\.|[^'\\])*'")


def redact(text: str) -> str:
    """``text`` with the value of every credential replaced by ``[REDACTED]``."""
    text = _CONNECTION_INIT.sub(f"'{REDACTED}'", text)
    text = _QUOTED_VALUE.sub(rf"\g<key>{REDACTED}", text)
    text = _HEADER.sub(rf"\g<key>{REDACTED}", text)
    text = _PARAMETER.sub(_parameter, text)
    return _USERINFO.sub(rf"\g<key>{REDACTED}", text)


def _parameter(match: re.Match[str]) -> str:
    name = unquote_plus(match["name"]).lower().replace("-", "_")
    return f"{match['name']}={REDACTED}" if name in CREDENTIAL_NAMES else match[0]


class RedactingFormatter(logging.Formatter):
    """Formats a record as ``inner`` does, then redacts the line (its traceback too)."""

    def __init__(self, inner: logging.Formatter | None) -> None:
        super().__init__()
        self.inner = inner or logging.Formatter()

    def format(self, record: logging.LogRecord) -> str:
        return redact(self.inner.format(record))


def redact_handlers() -> None:
    """Every handler configured so far (uvicorn's, the root's) writes redacted lines."""
    loggers = [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]
    for logger in loggers:
        for handler in getattr(logger, "handlers", ()):  # a PlaceHolder has none
            if not isinstance(handler.formatter, RedactingFormatter):
                handler.setFormatter(RedactingFormatter(handler.formatter))
