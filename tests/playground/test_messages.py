"""Messages from the page: size, JSON, type and fields are checked before anything acts on them."""
import json

import pytest

from neurona.playground.config import MessageError
from neurona.playground.messages import MAX_MESSAGE_BYTES, SIMPLE, parse_message


@pytest.mark.parametrize("kind", SIMPLE)
def test_every_simple_type_is_read(kind):
    assert parse_message(json.dumps({"type": kind})) == {"type": kind}


def test_a_config_message_carries_its_settings():
    assert parse_message('{"type": "config", "config": {}}') == {"type": "config", "config": {}}


@pytest.mark.parametrize("text,match", [
    (None, "text frame"),
    (b'{"type": "play"}', "text frame"),
    ("x" * (MAX_MESSAGE_BYTES + 1), "larger than"),
    ('{"type": "config", "config": {"noise": ' + " " * MAX_MESSAGE_BYTES + "1}}", "larger than"),
    ("not json", "not valid JSON"),
    ('{"type": "play"', "not valid JSON"),
    ('{"type": "config", "config": {"learning_rate": NaN}}', "NaN"),
    ('{"type": "config", "config": {"learning_rate": Infinity}}', "Infinity"),
    ("[" * 3000 + "]" * 3000, "larger than|not valid JSON"),
    ("[1, 2]", "JSON object"),
    ('"play"', "JSON object"),
    ("{}", "unknown type"),
    ('{"type": 1}', "unknown type"),
    ('{"type": "shutdown"}', "unknown type"),
    ('{"type": "play", "now": true}', "only the keys"),
    ('{"type": "config"}', "only the keys"),
])
def test_a_malformed_message_is_refused(text, match):
    with pytest.raises(MessageError, match=match):
        parse_message(text)


def test_deep_nesting_is_an_error_not_a_crash():
    with pytest.raises(MessageError):
        parse_message("[" * 2000 + "]" * 2000)
