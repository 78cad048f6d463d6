"""Training speed: neurona (through ``fit`` and a manual loop) against PyTorch CPU and hand-written NumPy.

Workloads (float32; torch threads = cores; all measured in one run). ``fit`` trains the
Keras-style model (a softmax output, the loss computed from its logits); ``fit logits``
trains the very model and loss of the manual ``loop`` (logits out, ``F.cross_entropy``),
so that the two compare ``fit``'s own cost:
- one epoch of 60,000 MNIST-shaped samples through 784-128(tanh)-10, softmax
  cross-entropy and Adam, at batch 32 and 128;
- 2,000 full-batch Adam steps of a 4-10-3 network on 150 rows.

Run: ``python benchmarks/bench_training.py``.
"""
from __future__ import annotations

import numpy as np
from reference_numpy import Adam, mlp_init, mlp_step
from timing import best_times, report, torch_or_none

import neurona as nr
import neurona.functional as F
from neurona.layers import Dense
from neurona.models import Sequential
from neurona.optimizers import Adam as NeuronaAdam


def batches(n: int, batch_size: int, rng: np.random.Generator):
    order = rng.permutation(n)
    for start in range(0, n, batch_size):
        yield order[start : start + batch_size]


def neurona_model(sizes: list[int], final: str | None) -> Sequential:
    layers = [Dense(sizes[1], activation="tanh", input_dim=sizes[0])]
    layers += [Dense(sizes[2], activation=final)]
    return Sequential(layers)


def workloads(x: np.ndarray, y: np.ndarray, sizes: list[int], batch_size: int, epochs: int):
    """The same training run written four ways: neurona fit, neurona loop, NumPy, torch."""
    n = len(x)

    def neurona_fit():
        nr.random.seed(0)
        model = neurona_model(sizes, "softmax")
        model.compile(optimizer=NeuronaAdam(learning_rate=1e-3), loss="sparse_categorical_crossentropy")
        model.fit(x, y, batch_size=batch_size, epochs=epochs, verbose=0, shuffle=batch_size < n)

    def neurona_fit_logits():
        nr.random.seed(0)
        model = neurona_model(sizes, None)
        model.compile(optimizer=NeuronaAdam(learning_rate=1e-3), loss=F.cross_entropy)
        model.fit(x, y, batch_size=batch_size, epochs=epochs, verbose=0, shuffle=batch_size < n)

    def neurona_loop():
        nr.random.seed(0)
        rng = np.random.default_rng(0)
        model = neurona_model(sizes, None)
        model.build((None, sizes[0]))
        opt = NeuronaAdam(model.parameters(), lr=1e-3)
        for _ in range(epochs):
            for index in batches(n, batch_size, rng):
                loss = F.cross_entropy(model(nr.Tensor._wrap(x.take(index, axis=0))), y.take(index))
                opt.zero_grad()
                loss.backward()
                opt.step()

    def numpy_loop():
        rng = np.random.default_rng(0)
        params = mlp_init(sizes, rng)
        opt = Adam(params)
        for _ in range(epochs):
            for index in batches(n, batch_size, rng):
                _, grads = mlp_step(params, x.take(index, axis=0), y.take(index))
                opt.step(grads)

    runs = {"fit": neurona_fit, "fit logits": neurona_fit_logits, "loop": neurona_loop, "numpy": numpy_loop}
    torch = torch_or_none()
    if torch is not None:
        tx, ty = torch.from_numpy(x), torch.from_numpy(y)

        def torch_loop():
            torch.manual_seed(0)
            rng = np.random.default_rng(0)
            model = torch.nn.Sequential(torch.nn.Linear(sizes[0], sizes[1]), torch.nn.Tanh(), torch.nn.Linear(sizes[1], sizes[2]))
            opt = torch.optim.Adam(model.parameters(), lr=1e-3)
            for _ in range(epochs):
                for index in batches(n, batch_size, rng):
                    index = torch.from_numpy(index)
                    loss = torch.nn.functional.cross_entropy(model(tx[index]), ty[index])
                    opt.zero_grad()
                    loss.backward()
                    opt.step()

        runs["torch"] = torch_loop
    return runs


def main() -> None:
    rng = np.random.default_rng(0)
    x = rng.random((60_000, 784), dtype=np.float32)
    y = rng.integers(0, 10, 60_000)
    for batch_size in (32, 128):
        runs = workloads(x, y, [784, 128, 10], batch_size, epochs=1)
        report(f"one epoch, 60,000 x 784, 784-128(tanh)-10, Adam, batch {batch_size}",
               best_times(runs, number=1, rounds=3), "ms")
    x_small = rng.standard_normal((150, 4)).astype(np.float32)
    y_small = rng.integers(0, 3, 150)
    runs = workloads(x_small, y_small, [4, 10, 3], batch_size=150, epochs=2000)
    report("2,000 full-batch Adam steps, 4-10-3 on 150 rows", best_times(runs, number=1, rounds=3), "ms")


if __name__ == "__main__":
    main()
