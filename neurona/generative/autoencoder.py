"""``AutoEncoder``: ``Decoder(Encoder(x)) ≈ x``, trained by backpropagation on the reconstruction error.

The loss of a batch is ``L = loss(X, Dec(Enc(Noise(X)))) + Ω(Enc(Noise(X)))``: the
compiled reconstruction loss (MSE by default) against the clean input, plus the
sparsity penalty ``Ω`` of the code (L1, or KL toward a target activation) and any
loss the layers add. The noise acts only while training.
"""
from __future__ import annotations

import numpy as np

from neurona import regularizers
from neurona.grad_mode import enable_grad
from neurona.layers.base import LAYERS, Layer
from neurona.tensor import Tensor
from neurona.training.model import Model
from neurona.training.serialize import deserialize_module, serialize_module


def _check_parts(encoder, decoder, noise) -> None:
    for role, part in (("encoder", encoder), ("decoder", decoder)):
        if not isinstance(part, Model):
            raise TypeError(f"AutoEncoder: the {role} must be a Model (Sequential or functional), got {type(part).__name__}")
    if encoder is decoder:
        raise ValueError("AutoEncoder: the encoder and the decoder must be two models, got the same one twice")
    if noise is not None and not isinstance(noise, Layer):
        raise TypeError(f"AutoEncoder: noise must be a layer (GaussianNoise, GaussianDropout, Dropout), got {type(noise).__name__}")


@LAYERS.register
class AutoEncoder(Model):
    """An autoencoder of two models: plain, denoising (``noise``), sparse (``sparsity``) or expanding.

    Parameters
    ----------
    encoder, decoder : Model
        Sequential or functional models: ``encoder(x)`` is the code, ``decoder(code)``
        has the shape of ``x``. They are nested models: ``ae.encoder.trainable = False``
        freezes one, and ``compile(optimizer={"encoder": ..., "decoder": ...})`` gives
        each its own optimizer.
    noise : Layer, optional
        Corrupts the input while training (``GaussianNoise(0.5)``, ``GaussianDropout``,
        ``Dropout`` for masking noise); the loss is taken against the clean input:
        a denoising autoencoder. ``predict`` and ``evaluate`` see the input as given.
    sparsity : str, dict or regularizer, optional
        A penalty on the code added to the loss: ``"l1"`` / ``L1(λ)`` (``λ Σ|code|``)
        or ``KLSparsity(rho, beta)`` (a code in [0, 1]): a sparse autoencoder.

    A code wider than the input (an expanding, overcomplete autoencoder) trains as
    well, but without ``sparsity`` or ``noise`` it can learn the identity and its
    code is then of no use: give it one of them.

    ``fit(x)`` and ``evaluate(x)`` take the inputs as their own targets (or
    ``fit(x_noisy, x_clean)`` for given pairs); the History holds ``loss``,
    ``reconstruction`` and, with ``sparsity``, ``sparsity``. ``encode``, ``decode``
    and ``reconstruct`` map NumPy arrays as ``predict`` does.

    Examples
    --------
    >>> import numpy as np
    >>> from neurona.generative import AutoEncoder
    >>> from neurona.layers import Dense, GaussianNoise
    >>> from neurona.models import Sequential
    >>> encoder = Sequential([Dense(4, activation="sigmoid", input_dim=16)])
    >>> decoder = Sequential([Dense(16, activation="sigmoid")])
    >>> ae = AutoEncoder(encoder, decoder, noise=GaussianNoise(0.1), sparsity="l1")
    >>> ae.compile(optimizer="adam")
    >>> images = np.random.default_rng(0).random((64, 16))
    >>> sorted(ae.fit(images, epochs=2, verbose=0).history)
    ['loss', 'reconstruction', 'sparsity']
    >>> ae.encode(images).shape, ae.reconstruct(images).shape
    ((64, 4), (64, 16))
    """

    def __init__(self, encoder: Model, decoder: Model, noise: Layer | None = None, sparsity=None,
                 name: str | None = None) -> None:
        _check_parts(encoder, decoder, noise)
        super().__init__(name=name)
        self.encoder, self.decoder = encoder, decoder
        self.noise = noise
        self.sparsity = regularizers.get(sparsity)

    def forward(self, x):
        """The reconstruction ``Dec(Enc(Noise(x)))``; adds the code's sparsity penalty (see :attr:`losses`)."""
        code = self.encoder(x if self.noise is None else self.noise(x))
        if self.sparsity is not None:
            if not isinstance(code, Tensor):
                raise ValueError(f"{self.name}: sparsity needs an encoder with one output (the code), got {type(code).__name__}")
            self.add_loss(self.sparsity(code))
        return self.decoder(code)

    # ------------------------------------------------------------- training
    def compile(self, optimizer="rmsprop", loss="mse", metrics=None, loss_weights=None) -> None:
        """As :meth:`Model.compile`, with the reconstruction loss (MSE by default) required."""
        if loss is None:
            raise ValueError(f"{self.name}: an autoencoder needs a reconstruction loss (e.g. 'mse' or 'binary_crossentropy')")
        super().compile(optimizer=optimizer, loss=loss, metrics=metrics, loss_weights=loss_weights)

    def train_step(self, data: tuple) -> dict:
        """One step on a batch ``(x, target)``: reconstruct the (noisy) ``x``, minimize loss + penalties."""
        x, target = data
        reconstruction = self(x)
        loss, logs = self._objective(target, reconstruction)
        self.minimize(loss)
        self.update_metrics(target, reconstruction)
        return logs

    def test_step(self, data: tuple) -> dict:
        """The losses of a batch ``(x, target)`` without noise and without training."""
        x, target = data
        with enable_grad():
            reconstruction = self(x)
            _, logs = self._objective(target, reconstruction)
        self.update_metrics(target, reconstruction)
        return logs

    def _objective(self, target, reconstruction) -> tuple[Tensor, dict]:
        """The reconstruction loss plus every added term (the sparsity first), and its logs."""
        error = self.compiled.loss(target, reconstruction)
        loss = error
        for term in self._losses_of(self._bound[2] if self._bound else self.modules()):
            loss = loss + term
        logs = {"loss": float(loss._data), "reconstruction": float(error._data)}
        if self.sparsity is not None:
            logs["sparsity"] = float(sum(term._data for term in self._losses_of([self])))
        return loss, logs

    def _adapt(self, x, y, method: str):
        data = super()._adapt(x, y, method)
        if y is None and method.startswith(("fit", "evaluate")):
            if len(data.xs) != 1:
                raise ValueError(f"{method}: an autoencoder reconstructs one input, got {len(data.xs)}")
            data.ys = list(data.xs)
        return data

    # ----------------------------------------------------------- inference
    def encode(self, x, batch_size: int | None = None) -> np.ndarray:
        """The codes of ``x`` (NumPy in, NumPy out; no noise)."""
        return self.encoder.predict(x, batch_size=batch_size)

    def decode(self, codes, batch_size: int | None = None) -> np.ndarray:
        """The decoder's outputs for ``codes``."""
        return self.decoder.predict(codes, batch_size=batch_size)

    def reconstruct(self, x, batch_size: int | None = None) -> np.ndarray:
        """``Dec(Enc(x))`` for ``x`` (the same as :meth:`predict`)."""
        return self.predict(x, batch_size=batch_size)

    # --------------------------------------------------------------- config
    def get_config(self) -> dict:
        """The two models, the noise layer and the sparsity penalty, as JSON-able data."""
        return {
            "name": self.name,
            "encoder": serialize_module(self.encoder),
            "decoder": serialize_module(self.decoder),
            "noise": None if self.noise is None else serialize_module(self.noise),
            "sparsity": regularizers.serialize(self.sparsity),
        }

    @classmethod
    def from_config(cls, config: dict) -> "AutoEncoder":
        """A new AutoEncoder from :meth:`get_config` (registered classes only; no code is run)."""
        noise = config.get("noise")
        return cls(
            deserialize_module(config["encoder"]),
            deserialize_module(config["decoder"]),
            noise=None if noise is None else deserialize_module(noise),
            sparsity=config.get("sparsity"),
            name=config.get("name"),
        )
