"""Training and inference speed: neurona (``fit`` and a manual loop) against PyTorch CPU and hand-written NumPy.

Workloads (float32; ``--threads`` for BLAS, torch and numba, default 2; all measured in one run).
``fit`` trains the Keras-style model (a softmax output, the loss computed from its logits);
``fit logits`` trains the very model and loss of the manual ``loop`` (logits out,
``F.cross_entropy``), so that the two compare ``fit``'s own cost:
- one epoch of 60,000 MNIST-shaped samples through 784-128(tanh)-10, softmax
  cross-entropy and Adam, at batch 32 and 128;
- 2,000 full-batch Adam steps of a 4-10(ReLU)-3 network on 150 rows (Iris-sized);
- inference: class probabilities of 10,000 samples in batches of 1,000 through the 784-128-10
  model (``fit`` is ``predict``, ``loop`` calls the model under ``no_grad``).

Run: ``python benchmarks/bench_training.py [--threads 2] [--rounds 3]``.
"""
from __future__ import annotations

from machine import compile_line, describe, parser, use_threads

_parser = parser(__doc__.splitlines()[0])
_parser.add_argument("--rounds", type=int, default=3, help="interleaved runs of each candidate (best kept)")
OPTIONS = _parser.parse_args()
use_threads(OPTIONS.threads)

import numpy as np  # noqa: E402
from reference_numpy import Adam, mlp_forward, mlp_init, mlp_step  # noqa: E402
from timing import best_times, report, torch_or_none  # noqa: E402

import neurona as nr  # noqa: E402
import neurona.functional as F  # noqa: E402
from neurona.layers import Dense  # noqa: E402
from neurona.models import Sequential  # noqa: E402
from neurona.optimizers import Adam as NeuronaAdam  # noqa: E402


def batches(n: int, batch_size: int, rng: np.random.Generator):
    order = rng.permutation(n)
    for start in range(0, n, batch_size):
        yield order[start : start + batch_size]


def neurona_model(sizes: list[int], final: str | None, activation: str) -> Sequential:
    layers = [Dense(sizes[1], activation=activation, input_dim=sizes[0])]
    layers += [Dense(sizes[2], activation=final)]
    return Sequential(layers)


def workloads(x: np.ndarray, y: np.ndarray, sizes: list[int], batch_size: int, epochs: int, activation: str = "tanh"):
    """The same training run written four ways: neurona fit, neurona loop, NumPy, torch."""
    n = len(x)

    def neurona_fit():
        nr.random.seed(0)
        model = neurona_model(sizes, "softmax", activation)
        model.compile(optimizer=NeuronaAdam(learning_rate=1e-3), loss="sparse_categorical_crossentropy")
        model.fit(x, y, batch_size=batch_size, epochs=epochs, verbose=0, shuffle=batch_size < n)

    def neurona_fit_logits():
        nr.random.seed(0)
        model = neurona_model(sizes, None, activation)
        model.compile(optimizer=NeuronaAdam(learning_rate=1e-3), loss=F.cross_entropy)
        model.fit(x, y, batch_size=batch_size, epochs=epochs, verbose=0, shuffle=batch_size < n)

    def neurona_loop():
        nr.random.seed(0)
        rng = np.random.default_rng(0)
        model = neurona_model(sizes, None, activation)
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
                _, grads = mlp_step(params, x.take(index, axis=0), y.take(index), activation)
                opt.step(grads)

    runs = {"fit": neurona_fit, "fit logits": neurona_fit_logits, "loop": neurona_loop, "numpy": numpy_loop}
    torch = torch_or_none()
    if torch is not None:
        tx, ty = torch.from_numpy(x), torch.from_numpy(y)

        def torch_loop():
            torch.manual_seed(0)
            rng = np.random.default_rng(0)
            model = torch.nn.Sequential(torch.nn.Linear(sizes[0], sizes[1]), torch.nn.Tanh() if activation == "tanh" else torch.nn.ReLU(), torch.nn.Linear(sizes[1], sizes[2]))
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


def inference(x: np.ndarray, batch_size: int = 1_000) -> dict:
    """Class probabilities of ``x`` through a 784-128(tanh)-10 softmax model, four ways."""
    nr.random.seed(0)
    model = neurona_model([784, 128, 10], "softmax", "tanh")
    model.build((None, 784))
    params = [w.copy() for w in model.get_weights()]
    batches_of_x = [x[start : start + batch_size] for start in range(0, len(x), batch_size)]

    def loop():
        with nr.no_grad():
            return [model(nr.as_tensor(b)).data for b in batches_of_x]

    runs = {"fit": lambda: model.predict(x, batch_size=batch_size), "loop": loop,
            "numpy": lambda: [mlp_forward(params, b) for b in batches_of_x]}
    torch = torch_or_none()
    if torch is not None:
        net = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.Tanh(), torch.nn.Linear(128, 10), torch.nn.Softmax(-1))
        with torch.no_grad():
            for layer, (w, b) in zip((net[0], net[2]), (params[:2], params[2:])):
                layer.weight.copy_(torch.from_numpy(w.T.copy()))
                layer.bias.copy_(torch.from_numpy(b))

        def torch_run():
            with torch.no_grad():
                return [net(torch.from_numpy(b)).numpy() for b in batches_of_x]

        runs["torch"] = torch_run
    reference = np.concatenate(runs["numpy"]())
    for name, run in runs.items():  # all four compute the same probabilities
        out = run()
        np.testing.assert_allclose(out if name == "fit" else np.concatenate(out), reference, rtol=1e-4, atol=1e-6)
    return runs


def main() -> None:
    torch = torch_or_none()
    if torch is not None:
        torch.set_num_threads(OPTIONS.threads)
    print(describe(OPTIONS.threads))
    rng = np.random.default_rng(0)
    x = rng.random((60_000, 784), dtype=np.float32)
    y = rng.integers(0, 10, 60_000)
    for batch_size in (32, 128):
        runs = workloads(x, y, [784, 128, 10], batch_size, epochs=1)
        report(f"one epoch, 60,000 x 784, 784-128(tanh)-10, Adam, batch {batch_size}",
               best_times(runs, number=1, rounds=OPTIONS.rounds), "ms")
    x_small = rng.standard_normal((150, 4)).astype(np.float32)
    y_small = rng.integers(0, 3, 150)
    runs = workloads(x_small, y_small, [4, 10, 3], batch_size=150, epochs=2000, activation="relu")
    report("2,000 full-batch Adam steps, 4-10(ReLU)-3 on 150 rows", best_times(runs, number=1, rounds=OPTIONS.rounds), "ms")
    runs = inference(x[:10_000])
    report("inference, 10,000 x 784 in batches of 1,000, 784-128(tanh)-10 softmax",
           best_times(runs, number=20, rounds=OPTIONS.rounds * 3), "ms")
    print("\n" + compile_line())


if __name__ == "__main__":
    main()
