"""A session trains by ``fit`` in chunks, on its own random stream, and reports fields, weights and files."""
import base64

import numpy as np
import pytest

import neurona
from neurona.playground import session as session_module
from neurona.playground.config import MessageError, parse_config
from neurona.playground.fields import GRID, NODE_STRIDE
from neurona.playground.network import build
from neurona.playground.problem import make_problem
from neurona.playground.session import Session

SPIRAL = parse_config({"dataset": "spiral", "hidden": [8, 8], "features": ["x1", "x2", "sin_x1", "sin_x2"],
                       "learning_rate": 0.1})


def _fit_at_once(config, epochs):
    problem = make_problem(config)
    neurona.random.seed(config.seed)
    model = build(config)
    history = model.fit(problem.x_train, problem.y_train, batch_size=config.batch_size, epochs=epochs,
                        validation_data=(problem.x_test, problem.y_test), verbose=0)
    return model, history.history


@pytest.mark.parametrize("changes", [{}, {"optimizer": "adam", "regularization": "l2", "regularization_rate": 0.01},
                                     {"problem": "regression", "dataset": "multi_gaussian", "hidden": [],
                                      "optimizer": "rmsprop", "batch_size": 7}])
def test_chunks_of_epochs_are_one_fit(changes):
    config = parse_config(changes)
    session = Session(config)
    for chunk in (1, 3, 2):
        session.train(chunk)
    model, history = _fit_at_once(config, 6)
    assert session.history == history
    for ours, theirs in zip(session.model.parameters(), model.parameters()):
        np.testing.assert_array_equal(ours.data, theirs.data)


def test_sessions_side_by_side_do_not_disturb_each_other():
    alone = Session(SPIRAL)
    alone.train(4)
    first, second = Session(SPIRAL), Session(parse_config({"dataset": "xor"}))
    neurona.random.seed(123)
    outside = neurona.random.get_rng().random()
    neurona.random.seed(123)
    for _ in range(4):
        first.train(1)
        second.train(1)
    assert first.history == alone.history
    assert neurona.random.get_rng().random() == outside  # the global stream is left where it was


def test_the_spiral_is_learned():
    session = Session(SPIRAL)
    session.train(150)
    assert session.history["val_loss"][-1] < 0.15 < session.initial["val_loss"]


def test_a_diverging_run_stops_with_a_message():
    session = Session(parse_config({"learning_rate": 10, "activation": "relu", "hidden": [8, 8, 8],
                                    "problem": "regression", "dataset": "plane"}))
    for _ in range(50):
        if session.diverged:
            break
        session.train(1)
    assert session.diverged
    with pytest.raises(MessageError, match="diverged"):
        session.train(1)
    session.reset()
    assert session.train(1) == 1


def test_the_epoch_limit_is_kept(monkeypatch):
    monkeypatch.setattr(session_module, "MAX_EPOCHS", 3)
    session = Session()
    assert session.train(5) == 3
    with pytest.raises(MessageError, match="stops at 3 epochs"):
        session.train(1)


def test_train_for_adapts_the_chunk():
    session = Session()
    done = sum(session.train_for(0.05) for _ in range(3))
    assert session.epoch == done >= 3
    assert session._epochs_per_chunk >= 1


def test_a_frame_holds_every_node_and_the_new_losses():
    session = Session(SPIRAL)
    session.train(5)
    frame = session.frame(since=2)
    assert frame["epoch"] == 5 and frame["first_epoch"] == 3 and len(frame["loss"]) == 3
    output = np.frombuffer(base64.b64decode(frame["output"]), np.uint8)
    nodes = np.frombuffer(base64.b64decode(frame["nodes"]), np.uint8)
    assert output.size == GRID * GRID
    assert nodes.size == (4 + 8 + 8) * (GRID // NODE_STRIDE) ** 2
    assert len(np.unique(output)) > 10  # a field, not a constant
    kernels = [np.array(layer["kernel"]) for layer in frame["weights"]]
    assert [k.shape for k in kernels] == [(4, 8), (8, 8), (8, 1)]
    np.testing.assert_allclose(kernels[0], session.model.layers[0].kernel.data, rtol=1e-6)


def test_the_output_field_is_the_model_s_prediction():
    session = Session()
    session.train(20)
    output = np.frombuffer(base64.b64decode(session.frame()["output"]), np.uint8).reshape(GRID, GRID)
    top_left, centre = np.array([[-6.0, 6.0]], np.float32), np.zeros((1, 2), np.float32)
    for point, pixel in ((top_left, output[0, 0]), (centre, output[GRID // 2, GRID // 2])):
        probability = session.model.predict(point)[0, 0]
        assert abs(pixel / 255 - probability) < 0.05


def test_points_are_the_split_data():
    session = Session()
    data = session.points()
    assert len(data["train"]) == 250 and len(data["test"]) == 250
    assert data["config"] == session.config.to_json()


def test_the_model_file_loads_back(tmp_path):
    session = Session(SPIRAL)
    session.train(3)
    path = tmp_path / "model.neurona"
    path.write_bytes(session.model_file())
    loaded = neurona.models.load_model(path)
    grid = np.random.default_rng(0).uniform(-6, 6, (20, 4)).astype(np.float32)
    np.testing.assert_allclose(loaded.predict(grid), session.model.predict(grid), rtol=1e-6)
