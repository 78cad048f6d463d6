"""The messages a page may send, and their validation (size, JSON, type, fields).

Each is a JSON object with a ``"type"``: ``config`` (with ``"config"``: some or all
settings, see :mod:`neurona.playground.config`), ``play``, ``pause``, ``step`` (one
epoch), ``reset``, ``regenerate`` (new data and weights), ``export_code``,
``export_model`` and ``drawn`` (the page drew a frame). Anything else raises
:class:`~neurona.playground.config.MessageError`.
"""
from __future__ import annotations

import json

from neurona.playground.config import MessageError

MAX_MESSAGE_BYTES = 4096
SIMPLE = ("play", "pause", "step", "reset", "regenerate", "export_code", "export_model", "drawn")
TYPES = ("config",) + SIMPLE


def _reject_constant(name: str):
    raise MessageError(f"message: {name} is not a number JSON allows")


def _load_object(text) -> dict:
    """A JSON object from at most ``MAX_MESSAGE_BYTES`` of text (no NaN or Infinity)."""
    if not isinstance(text, str):
        raise MessageError("message: expected a JSON text frame")
    if len(text.encode("utf-8", "replace")) > MAX_MESSAGE_BYTES:
        raise MessageError(f"message: larger than {MAX_MESSAGE_BYTES} bytes")
    try:
        message = json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as error:
        if isinstance(error, MessageError):
            raise
        raise MessageError(f"message: not valid JSON ({str(error)[:80]})") from None
    if not isinstance(message, dict):
        raise MessageError(f"message: expected a JSON object, got {type(message).__name__}")
    return message


def parse_setup(text: str) -> dict:
    """The settings a page asks for when it connects (``/ws?setup=<JSON object>``), before validation.

    Examples
    --------
    >>> parse_setup('{"dataset": "spiral"}')
    {'dataset': 'spiral'}
    """
    return _load_object(text)


def parse_message(text) -> dict:
    """The validated message of a WebSocket text frame.

    Examples
    --------
    >>> parse_message('{"type": "config", "config": {"noise": 10}}')
    {'type': 'config', 'config': {'noise': 10}}
    >>> parse_message('{"type": "launch"}')
    Traceback (most recent call last):
    ...
    neurona.playground.config.MessageError: message: unknown type 'launch'; known: config, play, pause, step, reset, regenerate, export_code, export_model, drawn
    """
    message = _load_object(text)
    kind = message.get("type")
    if not isinstance(kind, str) or kind not in TYPES:
        raise MessageError(f"message: unknown type {str(kind)[:40]!r}; known: {', '.join(TYPES)}")
    allowed = {"type", "config"} if kind == "config" else {"type"}
    extra = sorted(str(key)[:40] for key in message if key not in allowed)
    if extra or (kind == "config" and "config" not in message):
        raise MessageError(f"message: a {kind!r} message has only the keys {sorted(allowed)}; got {sorted(message)}"[:300])
    return message
