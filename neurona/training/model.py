"""``Model``: compile / fit / evaluate / predict for any Module (the Keras-style API).

The training step is the PyTorch-style loop underneath: forward, loss,
``zero_grad``, ``backward``, ``optimizer.step()``. A final softmax or sigmoid
followed by a crossentropy loss is trained from the logits (see
:mod:`neurona.training.losses`); ``predict`` still returns probabilities.
"""
from __future__ import annotations

import math
from typing import Callable

import numpy as np

from neurona import backend, optimizers
from neurona import random as nr_random
from neurona.callbacks import Callback, CallbackList, History, ProgressBar
from neurona.grad_mode import no_grad
from neurona.nn import Module
from neurona.serialization import load_arrays, save_arrays
from neurona.tensor import Tensor
from neurona.training import losses, metrics
from neurona.training.summary import summarize

SPARSE = "sparse_categorical_crossentropy"


class Model(Module):
    """A trainable model: wraps ``module`` (any Module), or is subclassed with a ``forward``.

    Examples
    --------
    >>> import numpy as np
    >>> from neurona.models import Sequential
    >>> from neurona.layers import Dense
    >>> model = Sequential([Dense(1, input_dim=2)])
    >>> model.compile(optimizer="sgd", loss="mse")
    >>> history = model.fit(np.ones((8, 2)), np.ones(8), epochs=2, verbose=0)
    >>> sorted(history.history)
    ['loss']
    """

    def __init__(self, module: Module | None = None) -> None:
        super().__init__()
        if module is not None:
            self.module = module
        self.optimizer = None
        self.stop_training = False

    def forward(self, x):
        if "module" not in self._modules:
            raise NotImplementedError(f"{type(self).__name__}: pass a module to Model(module) or define forward()")
        return self.module(x)

    # ------------------------------------------------------------- compile
    def compile(self, optimizer="rmsprop", loss: str | Callable = "mse", metrics: list | None = None) -> None:
        """Choose the optimizer (a name or an instance), the loss (a name or callable) and the metrics."""
        self.optimizer = optimizers.get(optimizer)
        self.loss_name, self.loss_fn = losses.get(loss)
        self.metric_names = list(metrics or [])

    def _require_compiled(self, method: str) -> None:
        if self.optimizer is None:
            raise RuntimeError(f"{method}: call compile(optimizer, loss) before {method}()")

    def final_activation(self) -> tuple[Callable, Callable] | None:
        """``(logits_of, activation)`` when the output is ``activation(logits_of(x))``, else None.

        Subclasses that end in an activation override this so that crossentropy
        losses are computed from the logits.
        """
        return None

    # ---------------------------------------------------------------- data
    def _prepare(self, x, y, method: str) -> tuple[np.ndarray, np.ndarray | None]:
        x = x.data if isinstance(x, Tensor) else np.asarray(x)
        if x.dtype != backend.get_default_dtype():
            x = x.astype(backend.get_default_dtype())
        if x.ndim == 0 or len(x) == 0:
            raise ValueError(f"{method}: x is empty (shape {x.shape})")
        bad = np.isnan(x.reshape(len(x), -1)).any(axis=1)
        if bad.any():
            raise ValueError(f"{method}: x contains NaN (first at sample {int(np.argmax(bad))}); clean or impute it first")
        if y is None:
            return x, None
        y = y.data if isinstance(y, Tensor) else np.asarray(y)
        if len(x) != len(y):
            raise ValueError(f"{method}: x has {len(x)} samples but y has {len(y)}; they must match")
        return x, y

    def _shape_targets(self, y: np.ndarray, output_shape: tuple, method: str) -> np.ndarray:
        """Targets in the form a named loss expects: integer labels for sparse losses, else the output's shape.

        Targets of a custom loss callable are passed as they are (floats in the default dtype);
        those of the other named losses become floats of the default dtype.
        """
        if self.loss_name == SPARSE:
            if y.ndim == len(output_shape) and y.shape[-1] == 1:
                y = y.reshape(len(y))
            if y.dtype.kind == "f":
                if not np.all(y == np.round(y)):
                    raise ValueError(f"{method}: {SPARSE} needs integer class labels, got non-integer values")
                y = y.astype(np.int64)
            return y
        if self.loss_name not in losses.LOSSES:
            return y.astype(backend.get_default_dtype(), copy=False) if y.dtype.kind == "f" else y
        y = y.astype(backend.get_default_dtype(), copy=False)
        if y.ndim == len(output_shape) - 1 and output_shape[-1] == 1:
            y = y.reshape(len(y), 1)
        if y.shape[1:] != tuple(output_shape[1:]):
            raise ValueError(
                f"{method}: targets of shape {y.shape} do not match the model's output shape "
                f"{(None, *output_shape[1:])} for loss {self.loss_name!r}"
            )
        return y

    def _setup(self, x: np.ndarray, y: np.ndarray, method: str) -> np.ndarray:
        """Build the model on one sample, bind the optimizer, and shape the targets."""
        output_shape = self._probe(x[:1])
        self.optimizer.set_parameters(self.named_parameters())
        head = self.final_activation()
        self._logits_of = None
        if head is not None and (self.loss_name, head[1]) in losses.FROM_LOGITS:
            self._logits_of, self._activation = head
            self._train_loss = losses.FROM_LOGITS[(self.loss_name, head[1])]
        else:
            self._train_loss = self.loss_fn
        self._penalized = any(m._penalties for m in self.modules())
        self._output_shape = output_shape
        return self._shape_targets(y, output_shape, method)

    # ---------------------------------------------------------------- steps
    def _loss_and_output(self, xb: np.ndarray, yb: np.ndarray) -> tuple[Tensor, Tensor]:
        inputs = Tensor._wrap(xb)
        if self._logits_of is not None:
            logits = self._logits_of(inputs)
            loss = self._train_loss(logits, yb)
            output = logits
        else:
            output = self(inputs)
            loss = self._train_loss(output, yb)
        if self._penalized:
            for penalty in self.regularization_losses():
                loss = loss + penalty
        return loss, output

    def _predictions(self, output: Tensor) -> np.ndarray:
        if self._logits_of is None:
            return output.data
        with no_grad():
            return self._activation(output).data

    def _new_metrics(self, y: np.ndarray) -> list:
        return [metrics.get(m, self.loss_name, self._output_shape, y) for m in self.metric_names]

    def fit(
        self,
        x,
        y,
        batch_size: int = 32,
        epochs: int = 1,
        verbose: int = 1,
        callbacks: list[Callback] | None = None,
        validation_split: float = 0.0,
        validation_data: tuple | None = None,
        shuffle: bool = True,
        initial_epoch: int = 0,
    ) -> History:
        """Train on mini-batches for ``epochs`` epochs; return the :class:`History` of losses and metrics.

        ``validation_split`` holds out the last fraction of the data (before shuffling)
        as validation data, as Keras does; ``validation_data=(x_val, y_val)`` gives it explicitly.
        """
        self._require_compiled("fit")
        if batch_size < 1:
            raise ValueError(f"fit: batch_size must be a positive integer, got {batch_size}")
        x, y = self._prepare(x, y, "fit")
        if validation_data is None and validation_split:
            if not 0.0 < validation_split < 1.0:
                raise ValueError(f"fit: validation_split must be in (0, 1), got {validation_split}")
            cut = int(len(x) * (1.0 - validation_split))
            x, y, validation_data = x[:cut], y[:cut], (x[cut:], y[cut:])
        y = self._setup(x, y, "fit")
        if validation_data is not None:
            x_val, y_val = self._prepare(*validation_data, "fit (validation_data)")
            y_val = self._shape_targets(y_val, self._output_shape, "fit (validation_data)")
        train_metrics = self._new_metrics(y)

        n = len(x)
        steps = math.ceil(n / batch_size)
        history = History()
        shown = [ProgressBar(verbose, epochs, steps)] if verbose else []
        callback_list = CallbackList([*(callbacks or []), history, *shown], self)
        per_batch = callback_list.wants_batch_end
        rng = nr_random.get_rng()
        self.stop_training = False
        logs: dict = {}
        callback_list.on_train_begin(logs)
        for epoch in range(initial_epoch, epochs):
            callback_list.on_epoch_begin(epoch, logs)
            self.train()
            for metric in train_metrics:
                metric.reset()
            order = rng.permutation(n) if shuffle else None
            loss_sum, seen = 0.0, 0
            for batch, start in enumerate(range(0, n, batch_size)):
                if order is None:
                    xb, yb = x[start : start + batch_size], y[start : start + batch_size]
                else:
                    index = order[start : start + batch_size]
                    xb, yb = x.take(index, axis=0), y.take(index, axis=0)
                loss, output = self._loss_and_output(xb, yb)
                self.optimizer.zero_grad()
                loss.backward()
                self.optimizer.step()
                loss_sum += float(loss.data) * len(xb)
                seen += len(xb)
                if train_metrics:
                    predictions = self._predictions(output)
                    for metric in train_metrics:
                        metric.update(yb, predictions)
                if per_batch:
                    callback_list.on_train_batch_end(batch, self._logs(loss_sum / seen, train_metrics))
                    if self.stop_training:
                        break
            logs = self._logs(loss_sum / seen, train_metrics)
            if validation_data is not None:
                scores = self._evaluate_prepared(x_val, y_val, batch_size)
                logs.update({f"val_{name}": value for name, value in scores.items()})
            callback_list.on_epoch_end(epoch, logs)
            if self.stop_training:
                break
        callback_list.on_train_end(logs)
        return history

    @staticmethod
    def _logs(loss: float, metric_list: list) -> dict:
        logs = {"loss": loss}
        for metric in metric_list:
            logs[metric.name] = metric.result()
        return logs

    def _evaluate_prepared(self, x: np.ndarray, y: np.ndarray, batch_size: int) -> dict:
        was_training = self.training
        self.eval()
        metric_list = self._new_metrics(y)
        loss_sum = 0.0
        with no_grad():
            for start in range(0, len(x), batch_size):
                xb, yb = x[start : start + batch_size], y[start : start + batch_size]
                loss, output = self._loss_and_output(xb, yb)
                loss_sum += float(loss.data) * len(xb)
                if metric_list:
                    predictions = self._predictions(output)
                    for metric in metric_list:
                        metric.update(yb, predictions)
        self.train(was_training)
        return self._logs(loss_sum / len(x), metric_list)

    def evaluate(self, x, y, batch_size: int = 32, verbose: int = 0, return_dict: bool = False):
        """Return the loss (and the metrics, as a list ``[loss, *metrics]`` or a dict) on ``(x, y)``."""
        self._require_compiled("evaluate")
        x, y = self._prepare(x, y, "evaluate")
        y = self._setup(x, y, "evaluate")
        scores = self._evaluate_prepared(x, y, batch_size)
        if verbose:
            print(" - ".join(f"{k}: {v:.4f}" for k, v in scores.items()))
        if return_dict:
            return scores
        values = list(scores.values())
        return values[0] if len(values) == 1 else values

    def predict(self, x, batch_size: int = 32) -> np.ndarray:
        """Return the model's outputs (probabilities after a final softmax/sigmoid) as a NumPy array."""
        x, _ = self._prepare(x, None, "predict")
        was_training = self.training
        self.eval()
        with no_grad():
            outputs = [self(Tensor._wrap(x[start : start + batch_size])).data for start in range(0, len(x), batch_size)]
        self.train(was_training)
        return np.concatenate(outputs)

    # -------------------------------------------------------------- weights
    def get_weights(self) -> list[np.ndarray]:
        """Copies of every parameter and buffer, in ``state_dict`` order."""
        return list(self.state_dict().values())

    def set_weights(self, weights: list[np.ndarray]) -> None:
        """Load arrays given in ``get_weights`` order (in place)."""
        keys = list(self.state_dict())
        if len(keys) != len(weights):
            raise ValueError(f"set_weights: the model has {len(keys)} weights, got {len(weights)}")
        self.load_state_dict(dict(zip(keys, weights)))

    def save_weights(self, path) -> None:
        """Save the weights to an ``.npz`` file, atomically (no pickle)."""
        save_arrays(path, self.state_dict())

    def build(self, input_shape: tuple | None = None) -> None:
        """Create the weights for inputs of ``input_shape`` (batch axis included) by calling the model on zeros.

        Without a shape there is nothing to build from, and this does nothing.
        """
        if input_shape is None:
            return
        shape = tuple(1 if n is None else n for n in input_shape)
        self._probe(np.zeros(shape, dtype=backend.get_default_dtype()))

    def _probe(self, sample: np.ndarray) -> tuple:
        """Call the model on ``sample`` in eval mode, recording no graph (this builds lazy layers); return the output shape."""
        was_training = self.training
        self.eval()
        with no_grad():
            shape = self(Tensor(sample)).shape
        self.train(was_training)
        return shape

    def load_weights(self, path) -> None:
        """Load weights saved by :meth:`save_weights` (building the model first if it can; names and shapes must match)."""
        self.build()
        self.load_state_dict(load_arrays(path))

    def summary(self, print_fn: Callable[[str], None] = print) -> None:
        """Print a table of layers, output shapes and parameter counts."""
        print_fn(summarize(self))
