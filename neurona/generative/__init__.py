"""Generative models: ``Model`` subclasses with their own ``train_step``, saved and loaded like any model."""
from neurona.generative.autoencoder import AutoEncoder

__all__ = ["AutoEncoder"]
