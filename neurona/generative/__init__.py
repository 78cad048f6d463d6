"""Generative models: ``Model`` subclasses with their own ``train_step``, saved and loaded like any model:
``AutoEncoder`` (plain, denoising, sparse, expanding), ``VAE`` and ``GAN``."""
from neurona.generative.autoencoder import AutoEncoder
from neurona.generative.gan import GAN
from neurona.generative.vae import VAE

__all__ = ["GAN", "VAE", "AutoEncoder"]
