"""``GAN``: a generative adversarial network (Goodfellow et al.), a ``Model`` with its own training step.

Each batch of real data ``x`` makes two steps, each with its own optimizer:

1. the discriminator learns to tell ``x`` from ``G(z)``:
   ``d_loss = BCE(D(x), 1 − label_smoothing) + BCE(D(G(z)), 0)``;
2. the generator, with the discriminator frozen, learns to fool it with the
   non-saturating loss ``g_loss = BCE(D(G(z')), 1) = −log D(G(z'))`` on fresh codes ``z'``.

The cross-entropies are computed from the discriminator's logits (the input of its final sigmoid).
"""
from __future__ import annotations

import contextlib
from collections.abc import Iterator

import numpy as np

import neurona.functional as F
from neurona.function import ShapeError
from neurona.grad_mode import enable_grad, no_grad
from neurona.layers.base import LAYERS, deserialize, serialize
from neurona.layers.kernel_bias import positive_int
from neurona.nn import Module
from neurona.optimizers import Adam
from neurona.tensor import Tensor
from neurona.training import Model
from neurona.generative._common import logits_of, run_batched, standard_normal

NETWORKS = ("generator", "discriminator")


@LAYERS.register
class GAN(Model):
    """A GAN: ``GAN(generator, discriminator, latent_dim)``, trained by ``compile`` and ``fit(x)``.

    ``generator(z)`` maps codes of shape ``(batch, latent_dim)`` to samples shaped like
    the data; ``discriminator(x)`` returns ``D(x)``, the probability that ``x`` is real,
    of shape ``(batch, 1)`` (it must end in a sigmoid). ``label_smoothing`` lowers the
    discriminator's target for real data to ``1 - label_smoothing`` (one-sided, as
    Salimans et al. advise). ``fit`` reports ``d_loss``, ``g_loss`` and the means of
    ``D(x)`` (``d_real``) and ``D(G(z))`` (``d_fake``) in the discriminator's step.

    Examples
    --------
    >>> import numpy as np
    >>> from neurona.generative import GAN
    >>> from neurona.layers import Dense
    >>> from neurona.models import Sequential
    >>> generator = Sequential([Dense(16, activation="relu", input_dim=4), Dense(2)])
    >>> discriminator = Sequential([Dense(16, activation="relu", input_dim=2), Dense(1, activation="sigmoid")])
    >>> gan = GAN(generator, discriminator, latent_dim=4)
    >>> gan.compile()   # Adam(2e-4, beta_1=0.5) for each network
    >>> history = gan.fit(np.random.default_rng(0).random((64, 2)), epochs=2, batch_size=16, verbose=0)
    >>> sorted(history.history)
    ['d_fake', 'd_loss', 'd_real', 'g_loss']
    >>> gan.generate(5).shape
    (5, 2)
    """

    def __init__(self, generator: Module, discriminator: Module, latent_dim: int, label_smoothing: float = 0.0,
                 name: str | None = None) -> None:
        super().__init__(name=name)
        if not isinstance(generator, Module) or not isinstance(discriminator, Module):
            raise TypeError(f"{self.name}: generator and discriminator must be Modules (models or layers), got "
                            f"{type(generator).__name__} and {type(discriminator).__name__}")
        if isinstance(label_smoothing, bool) or not isinstance(label_smoothing, (int, float)) \
                or not 0.0 <= label_smoothing < 1.0:
            raise ValueError(f"{self.name}: label_smoothing must be a number in [0, 1), got {label_smoothing!r}")
        self.generator, self.discriminator = generator, discriminator
        self.latent_dim = positive_int(self.name, "latent_dim", latent_dim)
        self.label_smoothing = float(label_smoothing)

    def compile(self, optimizer=None, loss=None, metrics=None, loss_weights=None) -> None:
        """One optimizer per network: ``{"generator": ..., "discriminator": ...}`` (default: Adam(2e-4, beta_1=0.5) each).

        The losses are the GAN's own, so ``loss``, ``metrics`` and ``loss_weights`` must stay None.
        """
        if optimizer is None:
            optimizer = {net: Adam(learning_rate=2e-4, beta_1=0.5) for net in NETWORKS}
        if not isinstance(optimizer, dict) or sorted(optimizer) != sorted(NETWORKS):
            raise ValueError(f"{self.name}: compile needs one optimizer per network, "
                             f"optimizer={{'generator': ..., 'discriminator': ...}}; got {optimizer!r}")
        if loss is not None or metrics or loss_weights is not None:
            raise ValueError(f"{self.name}: the losses are the GAN's own; compile takes only the optimizers")
        super().compile(optimizer=optimizer)

    # -------------------------------------------------------------- training
    def _setup(self, data, method: str) -> None:
        """Build both networks on the first sample (and a zero code), and check that G(z) is shaped like the data."""
        x, _, _ = data.rows(slice(0, 1))
        fake = run_batched(self.generator, np.zeros((1, self.latent_dim), x.dtype), 1)[0]
        if fake.shape[1:] != tuple(x.shape[1:]):
            raise ShapeError(f"{self.name}: the generator makes samples of shape {fake.shape[1:]}, "
                             f"but the data's samples have shape {tuple(x.shape[1:])}")
        judged = run_batched(self.discriminator, x.numpy(), 1)[0]
        if judged.shape != (1, 1):
            raise ShapeError(f"{self.name}: the discriminator must return one probability per sample (batch, 1), "
                             f"got shape {(None, *judged.shape[1:])}")

    def train_step(self, data: tuple) -> dict:
        """A discriminator step, then a generator step with the discriminator frozen, on the batch ``(x, _)``."""
        logs = self._discriminator_loss(data[0])
        self.minimize(logs["d_loss"], "discriminator")
        with _frozen(self.discriminator):
            logs["g_loss"] = self._generator_loss(len(data[0]))
            self.minimize(logs["g_loss"], "generator")
        return logs

    def test_step(self, data: tuple) -> dict:
        """The same losses and means on a batch (fresh codes), without training."""
        with enable_grad():  # the graph holds the discriminator's logits
            logs = self._discriminator_loss(data[0])
            logs["g_loss"] = self._generator_loss(len(data[0]))
        return logs

    def _discriminator_loss(self, real) -> dict:
        """``d_loss`` on real data and as many generated samples (no graph through G), and the mean of D on each."""
        n = len(real)
        with no_grad():
            fake = self.generator(standard_normal((n, self.latent_dim)))
        d_real, d_fake = self.discriminator(real), self.discriminator(fake)
        d_loss = self._cross_entropy(d_real, 1.0 - self.label_smoothing) + self._cross_entropy(d_fake, 0.0)
        return {"d_loss": d_loss, "d_real": d_real.data.mean(), "d_fake": d_fake.data.mean()}

    def _generator_loss(self, n: int) -> Tensor:
        """The non-saturating loss ``-log D(G(z))`` on ``n`` fresh codes."""
        return self._cross_entropy(self.discriminator(self.generator(standard_normal((n, self.latent_dim)))), 1.0)

    def _cross_entropy(self, judged: Tensor, target: float) -> Tensor:
        logits = logits_of(judged, self.name, "discriminator")
        return F.binary_cross_entropy_with_logits(logits, np.full(judged.shape, target, judged.dtype))

    # ------------------------------------------------------------- inference
    def generate(self, n: int, batch_size: int = 1024) -> np.ndarray:
        """``n`` samples ``G(z)`` from codes ``z ~ N(0, I)`` drawn from the seeded generator (evaluation mode)."""
        n = positive_int(f"{self.name}.generate", "n", n)
        return run_batched(self.generator, standard_normal((n, self.latent_dim)).numpy(), batch_size)[0]

    # ---------------------------------------------------------------- config
    def get_config(self) -> dict:
        return {"generator": serialize(self.generator), "discriminator": serialize(self.discriminator),
                "latent_dim": self.latent_dim, "label_smoothing": self.label_smoothing, "name": self.name}

    @classmethod
    def from_config(cls, config: dict) -> "GAN":
        config = dict(config)
        return cls(deserialize(config.pop("generator")), deserialize(config.pop("discriminator")), **config)


@contextlib.contextmanager
def _frozen(module: Module) -> Iterator[None]:
    """No gradient for ``module``'s parameters inside (they are constants of the step); as they were afterwards."""
    params = module.parameters()
    wanted = [p.requires_grad for p in params]
    for p in params:
        p.requires_grad = False
    try:
        yield
    finally:
        for p, flag in zip(params, wanted):
            p.requires_grad = flag
