"""Generative models, each a ``Model`` with its own training step: ``VAE`` and ``GAN``."""
from neurona.generative.gan import GAN
from neurona.generative.vae import VAE

__all__ = ["GAN", "VAE"]
