"""Five steps of each optimizer match ``torch.optim`` to float32 tolerance.

neurona's defaults are Keras 3's, so every case spells out the arguments that
give PyTorch's formula: ε outside the root for Adagrad and RMSprop
(``epsilon_inside_sqrt=False``), ε added to √v̂ for Adam (``epsilon_hat=False``),
torch's ``alpha`` as ρ; ε is large in some cases so that its place shows.
Nesterov: both hold the look-ahead point.
"""
import numpy as np
import pytest

import neurona as nr
from neurona.optimizers import SGD, Adagrad, Adam, AdamW, RMSprop

torch = pytest.importorskip("torch")

TORCH_ADAM = {"epsilon_hat": False}
TORCH_ROOT = {"epsilon_inside_sqrt": False}

CASES = {
    "sgd": (lambda p: SGD(p, lr=0.1), lambda p: torch.optim.SGD(p, lr=0.1)),
    "momentum": (lambda p: SGD(p, lr=0.1, momentum=0.9), lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9)),
    "nesterov": (
        lambda p: SGD(p, lr=0.1, momentum=0.9, nesterov=True),
        lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True),
    ),
    "momentum+decay": (
        lambda p: SGD(p, lr=0.1, momentum=0.9, weight_decay=0.05),
        lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, weight_decay=0.05),
    ),
    "adagrad": (
        lambda p: Adagrad(p, lr=0.1, epsilon=1e-10, initial_accumulator_value=0.0, **TORCH_ROOT),
        lambda p: torch.optim.Adagrad(p, lr=0.1, eps=1e-10),
    ),
    "adagrad+eps": (
        lambda p: Adagrad(p, lr=0.1, epsilon=0.3, initial_accumulator_value=0.1, **TORCH_ROOT),
        lambda p: torch.optim.Adagrad(p, lr=0.1, eps=0.3, initial_accumulator_value=0.1),
    ),
    "adagrad+decay": (
        lambda p: Adagrad(p, lr=0.1, epsilon=1e-10, initial_accumulator_value=0.0, weight_decay=0.05, **TORCH_ROOT),
        lambda p: torch.optim.Adagrad(p, lr=0.1, eps=1e-10, weight_decay=0.05),
    ),
    "rmsprop": (
        lambda p: RMSprop(p, lr=0.01, rho=0.99, epsilon=1e-8, **TORCH_ROOT),
        lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.99, eps=1e-8),
    ),
    "rmsprop+eps": (
        lambda p: RMSprop(p, lr=0.01, rho=0.9, epsilon=0.3, **TORCH_ROOT),
        lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.9, eps=0.3),
    ),
    "rmsprop+decay": (
        lambda p: RMSprop(p, lr=0.01, rho=0.9, epsilon=1e-8, weight_decay=0.05, **TORCH_ROOT),
        lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.9, eps=1e-8, weight_decay=0.05),
    ),
    "adam": (
        lambda p: Adam(p, lr=0.01, beta_1=0.8, beta_2=0.99, epsilon=1e-8, **TORCH_ADAM),
        lambda p: torch.optim.Adam(p, lr=0.01, betas=(0.8, 0.99), eps=1e-8),
    ),
    "adam+eps": (
        lambda p: Adam(p, lr=0.01, epsilon=0.05, **TORCH_ADAM),
        lambda p: torch.optim.Adam(p, lr=0.01, eps=0.05),
    ),
    "adam+decay": (
        lambda p: Adam(p, lr=0.01, epsilon=1e-8, weight_decay=0.1, **TORCH_ADAM),
        lambda p: torch.optim.Adam(p, lr=0.01, eps=1e-8, weight_decay=0.1),
    ),
    "adamw": (
        lambda p: AdamW(p, lr=0.01, epsilon=1e-8, weight_decay=0.01, **TORCH_ADAM),
        lambda p: torch.optim.AdamW(p, lr=0.01, eps=1e-8, weight_decay=0.01),
    ),
}


def gradient(theta: np.ndarray, k: int, signs: np.ndarray) -> np.ndarray:
    """A gradient that depends on θ and on the step, bounded away from 0 (|g| in [0.25, 0.75])."""
    return (signs * (0.5 + 0.25 * np.sin(3 * theta + k))).astype(np.float32)


@pytest.mark.parametrize("name", list(CASES))
def test_five_steps_match_torch(name):
    ours_factory, torch_factory = CASES[name]
    rng = np.random.default_rng(0)
    values = [rng.standard_normal((3, 2)).astype(np.float32), rng.standard_normal(2).astype(np.float32)]
    signs = [np.sign(rng.standard_normal(v.shape)) for v in values]
    ours = [nr.tensor(v, requires_grad=True) for v in values]
    theirs = [torch.tensor(v, requires_grad=True) for v in values]
    opt, reference = ours_factory(ours), torch_factory(theirs)
    for k in range(5):
        for p, t, s in zip(ours, theirs, signs):
            p.grad = gradient(p.data, k, s)
            t.grad = torch.from_numpy(gradient(t.detach().numpy(), k, s))
        opt.step()
        reference.step()
        for p, t in zip(ours, theirs):
            np.testing.assert_allclose(p.data, t.detach().numpy(), rtol=1e-5, atol=1e-6)
