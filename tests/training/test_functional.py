"""Functional models: the Keras functional-API guide's examples with neurona imports, and the graph's rules."""
import json

import numpy as np
import pytest

import neurona as nr
from neurona.layers import Concatenate, Dense, Input, Layer
from neurona.models import Model, Sequential
from neurona.optimizers import Adam


def test_multi_input_multi_output_ticket_model():
    """The guide's ticket classifier (title, body, tags -> priority, department), with bag-of-words inputs."""
    num_tags, num_words, num_departments = 12, 50, 4
    title_input = Input(shape=(num_words,), name="title")
    body_input = Input(shape=(num_words,), name="body")
    tags_input = Input(shape=(num_tags,), name="tags")
    title_features = Dense(16, activation="relu")(title_input)
    body_features = Dense(8, activation="relu")(body_input)
    x = Concatenate()([title_features, body_features, tags_input])
    priority_pred = Dense(1, activation="sigmoid", name="priority")(x)
    department_pred = Dense(num_departments, activation="softmax", name="department")(x)
    model = Model(inputs=[title_input, body_input, tags_input], outputs={"priority": priority_pred, "department": department_pred})

    model.compile(
        optimizer=Adam(learning_rate=0.01),
        loss={"priority": "binary_crossentropy", "department": "sparse_categorical_crossentropy"},
        loss_weights={"priority": 1.0, "department": 0.2},
        metrics={"department": "accuracy"},
    )
    rng = np.random.default_rng(0)
    title_data = rng.integers(0, 2, (64, num_words)).astype(np.float32)
    body_data = rng.integers(0, 2, (64, num_words)).astype(np.float32)
    tags_data = rng.integers(0, 2, (64, num_tags)).astype(np.float32)
    priority_targets = (title_data[:, 0] > 0).astype(np.float32)
    dept_targets = body_data[:, :num_departments].argmax(axis=1)
    history = model.fit({"title": title_data, "body": body_data, "tags": tags_data},
                        {"priority": priority_targets, "department": dept_targets}, epochs=20, batch_size=16, verbose=0)
    logs = history.history
    assert set(logs) == {"loss", "priority_loss", "department_loss", "department_accuracy"}
    assert logs["loss"][-1] < 0.5 * logs["loss"][0]
    assert logs["loss"][0] == pytest.approx(logs["priority_loss"][0] + 0.2 * logs["department_loss"][0], rel=1e-5)
    predictions = model.predict([title_data, body_data, tags_data])
    assert predictions["priority"].shape == (64, 1) and predictions["department"].shape == (64, 4)
    scores = model.evaluate([title_data, body_data, tags_data], [priority_targets[:, None], dept_targets], return_dict=True)
    assert scores["department_accuracy"] > 0.6


def test_shared_layer_has_one_set_of_weights_found_once():
    shared = Dense(4, activation="tanh", name="shared")
    a, b = Input((3,), name="a"), Input((3,), name="b")
    merged = Concatenate()([shared(a), shared(b)])
    model = Model([a, b], Dense(1, name="out")(merged))
    assert [name for name, _ in model.named_parameters()] == ["shared.kernel", "shared.bias", "out.kernel", "out.bias"]
    assert sum(layer is shared for layer in model.layers) == 1
    x = np.random.default_rng(0).standard_normal((5, 3)).astype(np.float32)
    out = model.predict([x, x])
    with nr.no_grad():
        h = shared(nr.tensor(x))
        expected = model.get_layer("out")(nr.tensor(np.concatenate([h.numpy(), h.numpy()], axis=1)))
    np.testing.assert_allclose(out, expected.numpy(), rtol=1e-6)
    lines = []
    model.summary(print_fn=lines.append)
    text = "\n".join(lines)
    assert "shared[0][0], shared[1][0]" in text and "Connected to" in text and "a[0][0], b[0][0]" in text


def test_autoencoder_whose_encoder_and_decoder_work_alone_after_training():
    nr.random.seed(0)
    rng = np.random.default_rng(0)
    codes = rng.standard_normal((256, 3))
    data = np.tanh(codes @ rng.standard_normal((3, 12))).astype(np.float32)

    encoder_input = Input(shape=(12,), name="original")
    encoder_output = Dense(3, name="code")(Dense(16, activation="tanh")(encoder_input))
    encoder = Model(encoder_input, encoder_output, name="encoder")
    decoder_input = Input(shape=(3,), name="encoded")
    decoder_output = Dense(12, activation="tanh", name="reconstruction")(Dense(16, activation="tanh")(decoder_input))
    decoder = Model(decoder_input, decoder_output, name="decoder")
    autoencoder_input = Input(shape=(12,), name="img")
    autoencoder = Model(autoencoder_input, decoder(encoder(autoencoder_input)), name="autoencoder")

    assert [name for name, _ in autoencoder.named_children()] == ["img", "encoder", "decoder"]
    autoencoder.compile(optimizer=Adam(learning_rate=0.01), loss="mse")
    history = autoencoder.fit(data, data, epochs=40, batch_size=32, verbose=0)
    assert history.history["loss"][-1] < 0.2 * history.history["loss"][0]
    reconstructed = decoder.predict(encoder.predict(data))
    np.testing.assert_allclose(reconstructed, autoencoder.predict(data), rtol=1e-5, atol=1e-6)
    assert encoder.predict(data).shape == (256, 3)

    same_input = Model(encoder_input, decoder(encoder(encoder_input)))
    np.testing.assert_allclose(same_input.predict(data), autoencoder.predict(data), rtol=1e-6)


class TokenMean(Layer):
    """Mean of the embeddings of integer token ids (stands in for Embedding + pooling)."""

    def __init__(self, vocab, dim, **kwargs):
        super().__init__(**kwargs)
        self.vocab, self.dim = vocab, dim
        self.dtypes = []

    def build(self, input_shape):
        self.add_weight("table", (self.vocab, self.dim))
        super().build(input_shape)

    def forward(self, ids):
        self.dtypes.append(ids.dtype)
        return self.table[ids.numpy()].mean(axis=1)


def test_integer_inputs_keep_their_dtype_and_float_inputs_are_cast():
    ids, extra = Input((None,), dtype="int64", name="ids"), Input((2,), name="extra")
    tokens = TokenMean(20, 4)
    model = Model([ids, extra], Dense(1)(Concatenate()([tokens(ids), extra])))
    model.compile(optimizer="adam", loss="mse")
    rng = np.random.default_rng(0)
    x = [rng.integers(0, 20, (16, 7)), rng.standard_normal((16, 2))]          # float64 extra
    model.fit(x, rng.standard_normal(16), batch_size=4, verbose=0)
    assert set(tokens.dtypes) == {np.dtype("int64")}
    assert model.predict(x).dtype == np.float32


def test_config_round_trip_rebuilds_the_same_graph():
    a, b = Input((3,), name="a"), Input((2,), name="b")
    shared = Dense(4, name="shared")
    top = Dense(2, activation="softmax", name="top")
    model = Model({"a": a, "b": b}, [top(Concatenate(name="cat")([shared(a), b])), shared(a)], name="net")
    config = json.loads(json.dumps(model.get_config()))
    clone = Model.from_config(config)
    assert json.loads(json.dumps(clone.get_config())) == config
    clone.load_state_dict(model.state_dict())
    x = {"a": np.ones((2, 3)), "b": np.zeros((2, 2))}
    for got, want in zip(clone.predict(x), model.predict(x)):
        np.testing.assert_array_equal(got, want)


def test_nested_sequential_config_round_trip():
    inner = Sequential([Dense(3, input_dim=2, name="d1"), Dense(1, name="d2")], name="inner")
    config = json.loads(json.dumps(inner.get_config()))
    clone = Sequential.from_config(config)
    assert clone.name == "inner" and [layer.name for layer in clone.layers] == ["d1", "d2"]
    x = Input((2,), name="x")
    outer = Model(x, inner(x), name="outer")
    again = Model.from_config(json.loads(json.dumps(outer.get_config())))
    again.load_state_dict(outer.state_dict())
    np.testing.assert_array_equal(again.predict(np.ones((1, 2))), outer.predict(np.ones((1, 2))))


class TestGraphErrors:
    def test_an_input_that_is_not_given(self):
        a, b = Input((2,), name="a"), Input((2,), name="b")
        with pytest.raises(ValueError, match="depend on the input 'b', which is not in inputs"):
            Model(a, Concatenate()([a, b]))

    def test_two_layers_with_one_name(self):
        x = Input((2,))
        with pytest.raises(ValueError, match="two different layers are named 'twin'"):
            Model(x, Dense(1, name="twin")(Dense(2, name="twin")(x)))

    def test_inputs_must_be_symbolic_and_from_input(self):
        x = Input((2,))
        hidden = Dense(2)(x)
        with pytest.raises(ValueError, match="inputs must come from Input"):
            Model(hidden, Dense(1)(hidden))
        with pytest.raises(TypeError, match="symbolic tensors"):
            Model(x, np.ones(3))

    def test_wrong_inputs_when_called(self):
        a, b = Input((2,), name="a"), Input((2,), name="b")
        model = Model([a, b], Concatenate()([a, b]))
        with pytest.raises(ValueError, match=r"x must be a list of 2 arrays \(a, b\)"):
            model.predict(np.ones((3, 2)))
        with pytest.raises(ValueError, match=r"x has keys \['a'\]; expected \['a', 'b'\]"):
            model.predict({"a": np.ones((3, 2))})

    def test_symbolic_tensors_have_no_values(self):
        with pytest.raises(TypeError, match="has no values"):
            np.asarray(Input((2,)))
