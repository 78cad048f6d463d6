"""Generative models' speed: a VAE epoch and a GAN epoch in neurona, PyTorch CPU and hand-written NumPy, in one run.

Workloads (float32; every library on the same number of threads, 2 by default), on
random MNIST-shaped data (pixels in [0, 1]):
- VAE: PyTorch's example model (784-400-(20, 20) encoder, 20-400-784 Bernoulli
  decoder, summed BCE from logits + KL), Adam 1e-3, batch 128;
- GAN: the dense GAN of ``examples/gan.py`` (generator 64-256-512-784 with LeakyReLU
  0.2 and batch normalization, tanh; discriminator 784-512-256-1 with LeakyReLU 0.2,
  sigmoid), one discriminator and one generator Adam step (2e-4, beta_1 0.5) per
  batch of 64, one-sided label smoothing 0.1; and its ``dense-large`` pair (the recipe that
  scores 8.0: 100-256-512-1024-784 and 784-1024-512-256-1 with dropout 0.3), against torch only.

Each epoch is timed as the best of ``--repeats`` interleaved runs (the machine is
shared: quote the load with the figures).

Run: ``python benchmarks/bench_generative.py [--threads 2] [--samples 60000] [--repeats 3]``.
"""
from __future__ import annotations

import argparse
import os
import sys

from machine import describe, parser, use_threads


def _options() -> argparse.Namespace:
    options = parser(__doc__.splitlines()[0])
    options.add_argument("--samples", type=int, default=60_000, help="samples in an epoch (default 60,000)")
    options.add_argument("--repeats", type=int, default=3, help="timed epochs per library (default 3)")
    options = options.parse_args()
    use_threads(options.threads)
    return options


OPTIONS = _options() if __name__ == "__main__" else argparse.Namespace(threads=2, samples=2_000, repeats=1)

import numpy as np  # noqa: E402
import reference_numpy_generative as ref  # noqa: E402
from timing import best_times, report, torch_or_none  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples"))
import gan as gan_example  # noqa: E402
import vae as vae_example  # noqa: E402

import neurona as nr  # noqa: E402
from neurona.optimizers import Adam  # noqa: E402


def neurona_vae_epoch(x: np.ndarray):
    def run():
        nr.random.seed(0)
        vae = vae_example.build_vae()
        vae.compile(optimizer=Adam(learning_rate=1e-3, epsilon=1e-8, epsilon_hat=False))
        vae.fit(x, batch_size=128, epochs=1, verbose=0)

    return run


def neurona_gan_epoch(x: np.ndarray, model: str = "dense"):
    def run():
        nr.random.seed(0)
        gan = gan_example.BUILDERS[model]()
        gan.compile()
        gan.fit(x * 2 - 1, batch_size=64, epochs=1, verbose=0)

    return run


def torch_vae_epoch(torch, x: np.ndarray):
    nn = torch.nn

    def run():
        torch.manual_seed(0)
        enc, mean, log_var = nn.Linear(784, 400), nn.Linear(400, 20), nn.Linear(400, 20)
        dec = nn.Sequential(nn.Linear(20, 400), nn.ReLU(), nn.Linear(400, 784))
        params = [*enc.parameters(), *mean.parameters(), *log_var.parameters(), *dec.parameters()]
        opt = torch.optim.Adam(params, lr=1e-3)
        data = torch.from_numpy(x)
        for idx in torch.randperm(len(x)).split(128):
            batch = data[idx]
            h = torch.relu(enc(batch))
            mu, lv = mean(h), log_var(h)
            logits = dec(mu + torch.exp(0.5 * lv) * torch.randn_like(mu))
            rec = nn.functional.binary_cross_entropy_with_logits(logits, batch, reduction="sum")
            loss = (rec - 0.5 * torch.sum(1 + lv - mu.pow(2) - lv.exp())) / len(batch)
            opt.zero_grad()
            loss.backward()
            opt.step()

    return run


def _torch_pair(nn, model: str) -> tuple:
    """The generator and discriminator of ``examples/gan.py``'s ``model`` (logits out), and the latent size."""
    def block(n_in, n_out, dropout=None):
        extra = [nn.BatchNorm1d(n_out, momentum=0.2, eps=1e-3)] if dropout is None else [nn.Dropout(dropout)] if dropout else []
        return [nn.Linear(n_in, n_out), nn.LeakyReLU(0.2), *extra]

    widths = {"dense": ([64, 256, 512], [784, 512, 256], 0.0), "dense-large": ([100, 256, 512, 1024], [784, 1024, 512, 256], 0.3)}
    g_widths, d_widths, dropout = widths[model]
    generator = nn.Sequential(*[layer for a, b in zip(g_widths, g_widths[1:]) for layer in block(a, b)],
                              nn.Linear(g_widths[-1], 784), nn.Tanh())
    discriminator = nn.Sequential(*[layer for a, b in zip(d_widths, d_widths[1:]) for layer in block(a, b, dropout)],
                                  nn.Linear(d_widths[-1], 1))
    return generator, discriminator, g_widths[0]


def torch_gan_epoch(torch, x: np.ndarray, model: str = "dense"):
    nn = torch.nn

    def run():
        torch.manual_seed(0)
        generator, discriminator, latent = _torch_pair(nn, model)
        g_opt = torch.optim.Adam(generator.parameters(), lr=2e-4, betas=(0.5, 0.999))
        d_opt = torch.optim.Adam(discriminator.parameters(), lr=2e-4, betas=(0.5, 0.999))
        bce = nn.functional.binary_cross_entropy_with_logits
        data = torch.from_numpy(x * 2 - 1)
        for idx in torch.randperm(len(x)).split(64):
            real = data[idx]
            n = len(real)
            with torch.no_grad():
                fake = generator(torch.randn(n, latent))
            d_loss = bce(discriminator(real), torch.full((n, 1), 0.9)) + bce(discriminator(fake), torch.zeros(n, 1))
            d_opt.zero_grad()
            d_loss.backward()
            d_opt.step()
            for p in discriminator.parameters():
                p.requires_grad_(False)
            g_loss = bce(discriminator(generator(torch.randn(n, latent))), torch.ones(n, 1))
            g_opt.zero_grad()
            g_loss.backward()
            g_opt.step()
            for p in discriminator.parameters():
                p.requires_grad_(True)

    return run


def main() -> None:
    x = np.random.default_rng(0).random((OPTIONS.samples, 784), dtype=np.float32)
    torch = torch_or_none()
    print(describe(OPTIONS.threads))
    workloads = {
        "VAE epoch (784-400-20, batch 128)": (neurona_vae_epoch(x), lambda: ref.vae_epoch(x),
                                               torch and torch_vae_epoch(torch, x)),
        "dense GAN epoch (batch 64)": (neurona_gan_epoch(x), lambda: ref.gan_epoch(x), torch and torch_gan_epoch(torch, x)),
        "large dense GAN epoch (the 8.0 recipe: 100-256-512-1024-784, 784-1024-512-256-1, batch 64)": (
            neurona_gan_epoch(x, "dense-large"), None, torch and torch_gan_epoch(torch, x, "dense-large")),
    }
    for title, (ours, numpy_run, torch_run) in workloads.items():
        runs = {"neurona": ours, **({"numpy": numpy_run} if numpy_run else {}), **({"torch": torch_run} if torch_run else {})}
        report(f"{title}, {OPTIONS.samples:,} samples", best_times(runs, number=1, rounds=OPTIONS.repeats), unit="ms")


if __name__ == "__main__":
    main()
