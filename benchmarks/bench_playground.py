"""Playground speed: epochs per second of the default set-up on the server, against PyTorch CPU and NumPy.

The default set-up (TensorFlow Playground's): circle, features x₁ x₂, hidden layers
of 4 and 2 tanh units, a sigmoid output with binary crossentropy, SGD (lr 0.03),
250 training points in batches of 10 (25 steps an epoch), 250 test points.
- ``session``: what the server runs, ``Session.train`` (``fit`` with the test loss each epoch);
- ``loop``: neurona in a PyTorch-style loop (forward, backward, step), no test loss;
- ``numpy``: the same network and updates written by hand in NumPy;
- ``torch``: the same loop in PyTorch CPU.
Then the cost of one frame (every node's field on the 64×64 grid, quantized, base64).
The issue asks for ≥ 100 epochs/s (≤ 10 ms an epoch, ≤ 400 µs a step).

Run: ``python benchmarks/bench_playground.py [--threads 2]`` (set before NumPy loads its BLAS).
"""
from __future__ import annotations


from machine import describe, parser, use_threads

THREADS = use_threads(parser(__doc__.splitlines()[0]).parse_args().threads) if __name__ == "__main__" else 2

import numpy as np  # noqa: E402
from timing import best_times, report, torch_or_none  # noqa: E402

import neurona as nr  # noqa: E402
import neurona.functional as F  # noqa: E402
from neurona.optimizers import SGD  # noqa: E402
from neurona.playground.network import build  # noqa: E402
from neurona.playground.session import Session  # noqa: E402

EPOCHS, BATCH, LR = 10, 10, 0.03


def _batches(n: int, rng: np.random.Generator):
    order = rng.permutation(n)
    return [order[i:i + BATCH] for i in range(0, n, BATCH)]


def numpy_epochs(x: np.ndarray, y: np.ndarray, rng: np.random.Generator):
    """The 2-4-2-1 tanh net trained by hand: backprop through tanh layers and sigmoid-crossentropy."""
    w = [rng.uniform(-1, 1, shape).astype(np.float32) for shape in ((2, 4), (4, 2), (2, 1))]
    b = [np.zeros(shape[1], np.float32) for shape in ((2, 4), (4, 2), (2, 1))]

    def run():
        for _ in range(EPOCHS):
            for index in _batches(len(x), rng):
                a = [x[index]]
                for layer in range(3):
                    z = a[-1] @ w[layer] + b[layer]
                    a.append(np.tanh(z) if layer < 2 else 1 / (1 + np.exp(-z)))
                delta = (a[3] - y[index, None]) / len(index)
                for layer in (2, 1, 0):
                    grad_w, grad_b = a[layer].T @ delta, delta.sum(axis=0)
                    if layer:
                        delta = (delta @ w[layer].T) * (1 - a[layer] ** 2)
                    w[layer] -= LR * grad_w
                    b[layer] -= LR * grad_b
    return run


def main() -> None:
    session = Session()
    p = session.problem
    rng = np.random.default_rng(0)
    model = build(session.config)
    opt = SGD(model.parameters(), lr=LR)

    def neurona_loop():
        for _ in range(EPOCHS):
            for index in _batches(len(p.x_train), rng):
                loss = F.binary_cross_entropy(model(nr.tensor(p.x_train[index]))[:, 0], p.y_train[index])
                opt.zero_grad()
                loss.backward()
                opt.step()

    fns = {"session": lambda: session.train(EPOCHS), "loop": neurona_loop, "numpy": numpy_epochs(p.x_train, p.y_train, rng)}
    torch = torch_or_none()
    if torch is not None:
        torch.set_num_threads(THREADS)
        net = torch.nn.Sequential(torch.nn.Linear(2, 4), torch.nn.Tanh(), torch.nn.Linear(4, 2), torch.nn.Tanh(),
                                  torch.nn.Linear(2, 1))
        topt = torch.optim.SGD(net.parameters(), lr=LR)
        tx, ty = torch.from_numpy(p.x_train), torch.from_numpy(p.y_train)

        def torch_loop():
            for _ in range(EPOCHS):
                for index in _batches(len(tx), rng):
                    index = torch.from_numpy(index)
                    loss = torch.nn.functional.binary_cross_entropy_with_logits(net(tx[index])[:, 0], ty[index])
                    topt.zero_grad()
                    loss.backward()
                    topt.step()

        fns["torch"] = torch_loop
    print(describe(THREADS))
    times = best_times(fns, number=3)
    report(f"{EPOCHS} epochs of the default set-up (25 steps each)", times)
    for name, seconds in times.items():
        print(f"  {name:<10} {EPOCHS / seconds:7.0f} epochs/s   {seconds / EPOCHS / 25 * 1e6:6.0f} µs a step")
    frame = best_times({"frame": session.frame}, number=20)
    print(f"\none frame (fields of every node, weights): {frame['frame'] * 1e3:.2f} ms")


if __name__ == "__main__":
    main()
