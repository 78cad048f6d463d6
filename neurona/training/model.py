"""``Model``: compile / fit / evaluate / predict for any Module (the Keras-style API).

``fit`` is a loop around :meth:`Model.train_step` (Keras 3's design): one batch
in, its logs out. The default step is the PyTorch-style loop: forward,
:meth:`Model.compute_loss` (the compiled losses, the losses that layers added
and the weight penalties), then :meth:`Model.minimize` (clear every gradient,
backward, the optimizers' steps). A subclass overrides ``train_step`` for a GAN
or anything else and keeps ``fit``'s progress bar, callbacks and History.

``Model(inputs, outputs)`` builds a functional model (see
:mod:`neurona.training.functional`); ``Model(module)`` wraps any Module.
"""
from __future__ import annotations

import math
import time
from typing import Callable

import numpy as np

from neurona import backend
from neurona import random as nr_random
from neurona.callbacks import Callback, CallbackList, History, ProgressBar
from neurona.grad_mode import enable_grad, no_grad
from neurona.layers.base import _snake_case, unique_name
from neurona.nn import Module
from neurona.nn.node import is_symbolic
from neurona.serialization import load_arrays, save_arrays
from neurona.tensor import Tensor
from neurona.training import optimizer_binding
from neurona.training.compiled import Compiled
from neurona.training.data_adapter import Data, as_arrays, check_batch_size, check_epochs
from neurona.training.summary import summarize


def _functional_call(args: tuple, kwargs: dict) -> bool:
    first = args[0] if args else kwargs.get("inputs")
    return "outputs" in kwargs or len(args) > 1 or (first is not None and (
        is_symbolic(first) or (isinstance(first, dict) and first and is_symbolic(list(first.values())))))


class Model(Module):
    """A trainable model: ``Model(inputs, outputs)``, ``Model(module)``, or a subclass with a ``forward``.

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

    def __new__(cls, *args, **kwargs):
        if cls is Model and _functional_call(args, kwargs):
            from neurona.training.functional import Functional

            return super().__new__(Functional)
        return super().__new__(cls)

    def __init__(self, module: Module | None = None, name: str | None = None) -> None:
        super().__init__()
        if module is not None:
            self.module = module
        self.name = name or unique_name("model" if type(self) is Model else _snake_case(type(self).__name__))
        self.optimizer = None
        self._bound: tuple[list, list, list] | None = None
        self.optimizers: dict = {}
        self.compiled: Compiled | None = None
        self.stop_training = False

    def forward(self, x):
        if "module" not in self._modules:
            raise NotImplementedError(f"{type(self).__name__}: pass a module to Model(module) or define forward()")
        return self.module(x)

    # ------------------------------------------------------------- compile
    def compile(self, optimizer="rmsprop", loss=None, metrics=None, loss_weights=None) -> None:
        """Choose the optimizer(s), the loss(es) and the metrics; names are case-insensitive.

        ``optimizer``: a name or an Optimizer; or several, as a dict ``{sub-module name:
        optimizer}`` or a list aligned with the direct sub-modules (see
        :mod:`neurona.training.optimizer_binding`); they are in ``self.optimizers``.
        ``loss``: a name or callable ``loss(pred, target)``, None (only the losses that
        layers add), or one per output (list or dict by output name), weighted by
        ``loss_weights``. ``metrics``: a name, a list, or per output (list of lists, dict).
        """
        self.optimizers = optimizer_binding.resolve(optimizer, self)
        self.optimizer = self.optimizers.get("") if len(self.optimizers) == 1 else None
        self.compiled = Compiled(loss, loss_weights, metrics)

    def _require_compiled(self, method: str) -> None:
        if self.compiled is None:
            raise RuntimeError(f"{method}: call compile(optimizer, loss) before {method}()")

    # ---------------------------------------------------------------- steps
    def train_step(self, data: tuple) -> dict:
        """One training step on a batch ``data = (x, y)`` (``y`` None without targets); return its logs.

        ``fit`` reports each returned value averaged over the epoch's batches, and
        the compiled metrics (which :meth:`update_metrics` feeds).
        """
        x, y = data
        y_pred = self(x)
        loss = self.compute_loss(x, y, y_pred)
        self.minimize(loss)
        self.update_metrics(y, y_pred)
        return self.compiled.loss_logs(loss)

    def test_step(self, data: tuple) -> dict:
        """The loss and metrics of a batch ``(x, y)``, without training (``evaluate`` and validation call it).

        The graph is recorded (never walked) so that a crossentropy after a softmax
        or sigmoid is computed from the logits, as in training.
        """
        x, y = data
        with enable_grad():
            y_pred = self(x)
            loss = self.compute_loss(x, y, y_pred)
        self.update_metrics(y, y_pred)
        return self.compiled.loss_logs(loss)

    def compute_loss(self, x=None, y=None, y_pred=None) -> Tensor:
        """The loss to minimize: the compiled losses of ``y_pred`` against ``y`` (weighted per output),
        plus :attr:`losses` (terms that layers added in the latest call, and weight penalties).

        Override it for a custom loss; ``x`` is there for losses that need the inputs.
        """
        total = self.compiled.loss(y, y_pred) if self.compiled is not None else None
        for term in self._losses_of(self._bound[2] if self._bound else self.modules()):
            total = term if total is None else total + term
        if total is None:
            raise ValueError(
                f"{self.name}: there is no loss to minimize; compile(loss=...) or add losses with add_loss() in forward"
            )
        return total

    def minimize(self, loss: Tensor, optimizer: str | None = None) -> None:
        """Clear every gradient of the model, backpropagate ``loss``, and step the optimizers (or the one named).

        A custom ``train_step`` with several optimizers calls ``self.minimize(d_loss, "discriminator")``.
        """
        params, stepping, _ = self._bound or (self.parameters(), list(self.optimizers.values()), None)
        for param in params:
            param.grad = None
        if not loss.requires_grad:
            return
        loss.backward()
        for opt in stepping if optimizer is None else [self.optimizers[optimizer]]:
            opt.step()

    def update_metrics(self, y, y_pred) -> None:
        """Feed one batch to the compiled metrics (their results go to the epoch's logs)."""
        self.compiled.update_metrics(y, y_pred)

    def reset_metrics(self) -> None:
        """Start the compiled metrics afresh (``fit`` does it at each epoch)."""
        if self.compiled is not None:
            self.compiled.reset_metrics()

    # ---------------------------------------------------------------- data
    @property
    def input_names(self) -> list[str] | None:
        """The names of the declared inputs (functional models), else None."""
        return None

    @property
    def output_names(self) -> list[str] | None:
        """The names of the outputs (functional models), else None."""
        return None

    def _input_dtypes(self) -> list | None:
        return None

    def _adapt(self, x, y, method: str) -> Data:
        xs = as_arrays(x, self.input_names, "x", method, self._input_dtypes())
        ys = None if y is None else as_arrays(y, self.output_names, "y", method)
        return Data(xs, ys, method)

    def _outputs_of(self, data: Data) -> tuple[list[str], list[tuple]]:
        """Output names and shapes, from a run on the first sample (this also builds lazy layers)."""
        x, _, _ = data.rows(slice(0, 1))
        modes = [(m, m.training) for m in self.modules()]
        self.eval()
        try:
            with no_grad():
                out = self(x)
        finally:
            for m, mode in modes:
                m.training = mode
        flat = list(out.values()) if isinstance(out, dict) else list(out) if isinstance(out, (list, tuple)) else [out]
        names = self.output_names or (["output"] if len(flat) == 1 else [f"output_{i}" for i in range(len(flat))])
        return names, [(None, *o.shape[1:]) for o in flat]

    def _setup(self, data: Data, method: str) -> None:
        """Match the compiled losses and metrics with the outputs, and prepare the targets."""
        if type(self).forward is Model.forward and "module" not in self._modules:
            names, shapes = [], []
        else:
            names, shapes = self._outputs_of(data)
        self._output_shapes = shapes
        if names:
            data.ys = self.compiled.setup(names, shapes, data.ys, method)

    def _validation(self, validation_data, method: str) -> Data:
        if not isinstance(validation_data, (tuple, list)) or len(validation_data) != 2:
            raise ValueError(
                f"{method}: validation_data must be a tuple (x_val, y_val), got "
                f"{type(validation_data).__name__}{'' if not isinstance(validation_data, (tuple, list)) else f' of length {len(validation_data)}'}"
            )
        data = self._adapt(*validation_data, method)
        if data.ys is not None and self.compiled.outputs:
            data.ys = self.compiled.prepare_targets(data.ys, self._output_shapes, method)
        return data

    # ------------------------------------------------------------------ fit
    def fit(
        self,
        x=None,
        y=None,
        batch_size: int | None = None,
        epochs: int = 1,
        verbose: int = 1,
        callbacks: list[Callback] | None = None,
        validation_split: float = 0.0,
        validation_data: tuple | None = None,
        shuffle: bool = True,
        initial_epoch: int = 0,
    ) -> History:
        """Train on mini-batches (32 by default) for epochs ``initial_epoch .. epochs-1``; return the History.

        ``x`` / ``y``: arrays, lists of arrays or dicts by input / output name.
        ``validation_split`` holds out the last fraction of the data (before
        shuffling), as Keras does; ``validation_data=(x_val, y_val)`` gives it
        explicitly. ``epochs=0`` checks the data and trains nothing (an empty History).
        """
        self._require_compiled("fit")
        batch_size = check_batch_size(batch_size, "fit")
        check_epochs(epochs, initial_epoch)
        train, val = self._fit_data(x, y, validation_split, validation_data)
        history = History()
        if not epochs:
            return history
        shown = [ProgressBar(verbose, epochs, math.ceil(train.n / batch_size))] if verbose else []
        callback_list = CallbackList([*(callbacks or []), history, *shown], self)
        self.stop_training = False
        self.train()  # evaluation in between restores the mode it found
        logs: dict = {}
        callback_list.on_train_begin(logs)
        for epoch in range(initial_epoch, epochs):
            callback_list.on_epoch_begin(epoch, logs)
            logs = self._train_epoch(train, batch_size, shuffle, callback_list)
            if val is not None:
                logs.update({f"val_{key}": value for key, value in self._evaluate_data(val, batch_size).items()})
            callback_list.on_epoch_end(epoch, logs)
            if self.stop_training:
                break
        callback_list.on_train_end(logs)
        return history

    def _fit_data(self, x, y, validation_split, validation_data) -> tuple[Data, Data | None]:
        """Check the data, split off validation rows, build the model and bind the optimizers."""
        train, val = self._adapt(x, y, "fit"), None
        if validation_data is None and validation_split:
            train, val = train.split(validation_split)
        self._setup(train, "fit")
        if validation_data is not None:
            val = self._validation(validation_data, "fit (validation_data)")
        self._bound = (self.parameters(), list(optimizer_binding.bind(self, "fit").values()), self.modules())
        return train, val

    def _train_epoch(self, data: Data, batch_size: int, shuffle: bool, callbacks: CallbackList) -> dict:
        """One pass over ``data`` in batches; the epoch's logs (batch logs averaged, then the metrics)."""
        self.reset_metrics()
        order = nr_random.get_rng().permutation(data.n) if shuffle else None
        totals: dict = {}
        seen = 0
        for batch, (x, y, count) in enumerate(data.batches(batch_size, order)):
            logs = self.train_step((x, y))
            seen += count
            for key, value in logs.items():
                totals[key] = totals.get(key, 0.0) + float(value) * count
            if callbacks.wants_batch_end:
                callbacks.on_train_batch_end(batch, self._logs(totals, seen))
                if self.stop_training:
                    break
        return self._logs(totals, seen)

    def _logs(self, totals: dict, seen: int) -> dict:
        logs = {key: value / seen for key, value in totals.items()}
        if self.compiled is not None:
            logs.update(self.compiled.metric_logs())
        return logs

    # ------------------------------------------------------------ one batch
    def train_on_batch(self, x, y=None, return_dict: bool = False):
        """One training step on one batch (Keras's ``train_on_batch``): the loss, or with metrics
        ``[loss, *metrics]`` (a dict with ``return_dict``), all of this batch alone.

        Examples
        --------
        >>> import numpy as np
        >>> from neurona.layers import Dense
        >>> from neurona.models import Sequential
        >>> model = Sequential([Dense(1, input_dim=2)])
        >>> model.compile(optimizer="sgd", loss="mse")
        >>> loss = model.train_on_batch(np.ones((4, 2)), np.zeros((4, 1)))
        """
        self._require_compiled("train_on_batch")
        data = self._adapt(x, y, "train_on_batch")
        self._setup(data, "train_on_batch")
        self._bound = (self.parameters(), list(optimizer_binding.bind(self, "train_on_batch").values()), self.modules())
        self.train()
        self.reset_metrics()
        logs = self.train_step(data.rows(slice(None))[:2])
        return self._scores(self._logs({key: float(value) for key, value in logs.items()}, 1), return_dict)

    def test_on_batch(self, x, y=None, return_dict: bool = False):
        """The loss (and metrics) of one batch without training, as Keras's ``test_on_batch``."""
        self._require_compiled("test_on_batch")
        data = self._adapt(x, y, "test_on_batch")
        self._setup(data, "test_on_batch")
        return self._scores(self._evaluate_data(data, data.n), return_dict)

    def predict_on_batch(self, x):
        """The model's outputs on one batch, as :meth:`predict` gives them."""
        data = self._adapt(x, None, "predict_on_batch")
        return self._predict_data(data, max(1, data.n))

    @staticmethod
    def _scores(scores: dict, return_dict: bool):
        """``evaluate``'s return shape: the dict, or its values (one alone as a number)."""
        if return_dict:
            return scores
        values = list(scores.values())
        return values[0] if len(values) == 1 else values

    # ------------------------------------------------------ evaluate, predict
    def _evaluate_data(self, data: Data, batch_size: int) -> dict:
        was_training = self.training
        self.eval()
        self.reset_metrics()
        totals: dict = {}
        for x, y, count in data.batches(batch_size):
            for key, value in self.test_step((x, y)).items():
                totals[key] = totals.get(key, 0.0) + float(value) * count
        self.train(was_training)
        return self._logs(totals, data.n)

    def evaluate(self, x=None, y=None, batch_size: int | None = None, verbose: int = 0, return_dict: bool = False):
        """Return the loss (and the metrics, as a list ``[loss, *metrics]`` or a dict) on ``(x, y)``.

        Evaluating leaves the optimizers as they are (nothing is bound or reset).
        """
        self._require_compiled("evaluate")
        batch_size = check_batch_size(batch_size, "evaluate")
        data = self._adapt(x, y, "evaluate")
        self._setup(data, "evaluate")
        scores = self._evaluate_data(data, batch_size)
        if verbose:
            print(" - ".join(f"{k}: {v:.4f}" for k, v in scores.items()))
        return self._scores(scores, return_dict)

    def predict(self, x, batch_size: int | None = None, verbose: int = 0):
        """The model's outputs (probabilities after a final softmax/sigmoid) as NumPy arrays.

        One array, or a list (a dict for a functional model with named outputs) for several outputs.
        ``verbose`` prints how many samples were predicted, in how long.
        """
        batch_size = check_batch_size(batch_size, "predict")
        return self._predict_data(self._adapt(x, None, "predict"), batch_size, verbose)

    def _predict_data(self, data: Data, batch_size: int, verbose: int = 0):
        start = time.perf_counter()
        was_training = self.training
        self.eval()
        with no_grad():
            batches = [self(x_batch) for x_batch, _, _ in data.batches(batch_size)]
        self.train(was_training)
        if verbose:
            print(f"predict: {data.n} samples in {math.ceil(data.n / batch_size)} batches - {time.perf_counter() - start:.2f}s")
        return self._concatenate(batches)

    @staticmethod
    def _concatenate(batches: list):
        first = batches[0]
        if isinstance(first, dict):
            return {key: np.concatenate([b[key].data for b in batches]) for key in first}
        if isinstance(first, (list, tuple)):
            return [np.concatenate([b[i].data for b in batches]) for i in range(len(first))]
        return np.concatenate([b.data for b in batches])

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

    def save(self, path, include_optimizer: bool = True) -> None:
        """Save the whole model (architecture, weights, optionally the optimizer state) to one file.

        See :func:`neurona.saving.save_model`; :func:`neurona.models.load_model` reads it back.
        """
        from neurona.saving import save_model  # saving builds on the training classes

        save_model(self, path, include_optimizer=include_optimizer)

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
        self._outputs_of(Data([np.zeros(shape, dtype=backend.get_default_dtype())], None, "build"))

    def load_weights(self, path) -> None:
        """Load weights saved by :meth:`save_weights` (building the model first if it can; names and shapes must match)."""
        self.build()
        self.load_state_dict(load_arrays(path))

    def get_config(self) -> dict:
        """Sequential and functional models have configs; a subclassed model is rebuilt by its own code."""
        raise NotImplementedError(f"{type(self).__name__}: a subclassed model has no config; define get_config()")

    @classmethod
    def from_config(cls, config: dict) -> "Model":
        """``Model.from_config`` rebuilds a functional model from its ``get_config()``."""
        if cls is not Model:
            raise NotImplementedError(f"{cls.__name__}: a subclassed model has no config; define from_config()")
        from neurona.training.functional import Functional

        return Functional.from_config(config)

    def summary(self, print_fn: Callable[[str], None] = print) -> None:
        """Print a table of layers, output shapes and parameter counts (trainable and not)."""
        print_fn(summarize(self))
