"""One page's playground: the data, the model and the training, advanced epoch by epoch.

Training is ``Model.fit`` itself, run in chunks of whole epochs
(``fit(initial_epoch=e, epochs=e + k)``): chunks give the same weights and
losses as one call of ``fit`` for all the epochs, which is what the exported
script makes. Each session draws from its own random stream (swapped in for
the call), so sessions side by side do not disturb each other's runs.
"""
from __future__ import annotations

import contextlib
import math
import os
import tempfile
import time
from typing import Iterator

import numpy as np

from neurona import random as nr_random
from neurona.playground import network
from neurona.playground.config import Config, MessageError
from neurona.playground.fields import FieldMaker
from neurona.playground.problem import make_problem

MAX_EPOCHS = 100_000
CHUNK_SECONDS = 0.01


class Session:
    """The state of one page: set-up, data, model, epoch counter and loss history.

    Examples
    --------
    >>> session = Session(Config(dataset="xor"))
    >>> session.train(3)
    3
    >>> session.epoch, len(session.history["val_loss"])
    (3, 3)
    """

    def __init__(self, config: Config | None = None) -> None:
        self.reset(config or Config())

    def reset(self, config: Config | None = None) -> None:
        """Start afresh (epoch 0, new weights from the seed), with a new set-up if one is given."""
        self.config = config or self.config
        self.problem = make_problem(self.config)
        self.fields = FieldMaker(list(self.config.features), self.config.problem == "classification")
        self._rng_state = np.random.PCG64(self.config.seed).state
        with self._own_rng():
            self.model = network.build(self.config)
        self.epoch = 0
        self.history: dict[str, list[float]] = {"loss": [], "val_loss": []}
        self.initial = self._losses()
        self.diverged = False
        self._epochs_per_chunk = 1

    @contextlib.contextmanager
    def _own_rng(self) -> Iterator[None]:
        generator = nr_random.get_rng().bit_generator
        saved, generator.state = generator.state, self._rng_state
        try:
            yield
        finally:
            self._rng_state, generator.state = generator.state, saved

    def _losses(self) -> dict[str, float]:
        p = self.problem
        size = max(len(p.x_train), len(p.x_test))
        return {"loss": float(self.model.evaluate(p.x_train, p.y_train, batch_size=size)),
                "val_loss": float(self.model.evaluate(p.x_test, p.y_test, batch_size=size))}

    def train(self, epochs: int) -> int:
        """Train ``epochs`` more epochs (fewer at the epoch limit); return how many were run."""
        if self.diverged:
            raise MessageError("training diverged (the loss is not finite): lower the learning rate, then reset")
        epochs = min(epochs, MAX_EPOCHS - self.epoch)
        if epochs <= 0:
            raise MessageError(f"the playground stops at {MAX_EPOCHS} epochs: reset to train again")
        p, c = self.problem, self.config
        with self._own_rng(), np.errstate(over="ignore", invalid="ignore"):  # divergence is reported below
            logs = self.model.fit(p.x_train, p.y_train, batch_size=c.batch_size, epochs=self.epoch + epochs,
                                  initial_epoch=self.epoch, validation_data=(p.x_test, p.y_test), verbose=0).history
        for key in self.history:
            self.history[key].extend(logs[key])
        self.epoch += epochs
        self.diverged = not all(math.isfinite(logs[key][-1]) for key in self.history)
        return epochs

    def train_for(self, seconds: float = CHUNK_SECONDS) -> int:
        """Train whole epochs for about ``seconds`` (the chunk size adapts to the speed); return how many."""
        start = time.perf_counter()
        done = self.train(self._epochs_per_chunk)
        per_epoch = (time.perf_counter() - start) / done
        self._epochs_per_chunk = max(1, min(100, int(seconds / max(per_epoch, 1e-6))))
        return done

    def weights(self) -> list[dict]:
        """Each layer's kernel (inputs × units) and bias, as lists of floats."""
        return [{"kernel": layer.kernel.data.tolist(), "bias": layer.bias.data.tolist()} for layer in self.model.layers]

    def frame(self, since: int = 0) -> dict:
        """What the page draws: epoch, losses from epoch ``since + 1`` on, fields and weights."""
        return {"type": "frame", "epoch": self.epoch, "first_epoch": since + 1,
                "loss": self.history["loss"][since:], "val_loss": self.history["val_loss"][since:],
                "weights": self.weights(), **self.fields.frame(self.model)}

    def points(self) -> dict:
        """The data for the page: the training and test points and their targets."""
        p = self.problem
        return {"type": "data", "config": self.config.to_json(), "initial": self.initial,
                "train": np.column_stack([p.points_train, p.y_train]).round(4).tolist(),
                "test": np.column_stack([p.points_test, p.y_test]).round(4).tolist()}

    def model_file(self) -> bytes:
        """The trained model as a ``Model.save`` file (JSON config and safetensors weights, in a zip)."""
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "playground.neurona")
            self.model.save(path)
            with open(path, "rb") as file:
                return file.read()
