"""CNN speed: neurona against PyTorch CPU and a hand-written NumPy im2col CNN, in one run.

Workloads (float32; every library on the same number of threads, 2 by default):
- one epoch of SGD (lr 0.01, momentum 0.9) on 10,000 random 28x28x1 images, batch 64:
  Conv2D 8 3x3 same + ReLU -> MaxPool 2 -> Conv2D 16 3x3 same + ReLU -> MaxPool 2
  -> Flatten -> Dense 10, softmax cross-entropy;
- one epoch of Keras's mnist_convnet (Adam, batch 128, dropout 0.5) on 60,000 random
  28x28x1 images, against PyTorch with the same model;
- inference (forward only) of Keras's mnist_convnet on a batch of 1,000 images.

Each is timed as the best of a few interleaved runs; the fastest single training
step is printed too, a steadier figure on a shared machine. glibc returns freed
memory to the system eagerly, and the pages of the next step's arrays then fault
in again: ``MALLOC_TOP_PAD_=100000000`` in the environment keeps them (it helps
every library here).

neurona runs its compiled kernels (``neurona.accelerate``, on ``--kernel-threads`` numba
threads, 1 by default: ``NEURONA_KERNEL_THREADS``) unless ``NEURONA_ACCELERATE=0`` asks for the
NumPy reference path.

Run: ``python benchmarks/bench_cnn.py [--threads 2]`` (set before NumPy loads its BLAS).
"""
from __future__ import annotations

import os
import sys
import time

from machine import describe, parser, use_threads

THREADS = 2
if __name__ == "__main__":
    options = parser(__doc__.splitlines()[0])
    options.add_argument("--kernel-threads", type=int, default=1,
                         help="threads of neurona.accelerate's kernels (default 1: numba's OpenMP threads spin for ms "
                              "after each kernel and take the core that BLAS's second thread needs)")
    args = options.parse_args()
    THREADS = use_threads(args.threads)
    os.environ["NEURONA_KERNEL_THREADS"] = str(args.kernel_threads)

import numpy as np  # noqa: E402
import reference_numpy_cnn as ref  # noqa: E402
from timing import best_times, report, torch_or_none  # noqa: E402

import neurona as nr  # noqa: E402
import neurona.functional as F  # noqa: E402
from neurona.layers import Conv2D, Dense, Dropout, Flatten, MaxPooling2D  # noqa: E402
from neurona.models import Sequential  # noqa: E402
from neurona.optimizers import SGD, Adam  # noqa: E402

N, BATCH = 10_000, 64


def batches(rng: np.random.Generator):
    order = rng.permutation(N)
    return [order[start : start + BATCH] for start in range(0, N, BATCH)]


def small_cnn() -> Sequential:
    return Sequential([
        Conv2D(8, 3, padding="same", activation="relu", input_shape=(28, 28, 1)), MaxPooling2D(2),
        Conv2D(16, 3, padding="same", activation="relu"), MaxPooling2D(2), Flatten(), Dense(10),
    ])


def mnist_convnet() -> Sequential:
    return Sequential([
        Conv2D(32, 3, activation="relu", input_shape=(28, 28, 1)), MaxPooling2D(2),
        Conv2D(64, 3, activation="relu"), MaxPooling2D(2), Flatten(), Dropout(0.5), Dense(10, activation="softmax"),
    ])


def trainers(x: np.ndarray, y: np.ndarray) -> dict:
    """For each library, a function that makes a fresh model and returns its training step on a batch index."""
    def neurona_trainer():
        nr.random.seed(0)
        model = small_cnn()
        model.build()
        opt = SGD(model.parameters(), lr=0.01, momentum=0.9)

        def step(index):
            loss = F.cross_entropy(model(nr.Tensor._wrap(x.take(index, axis=0))), y.take(index))
            opt.zero_grad()
            loss.backward()
            opt.step()

        return step

    xc = np.ascontiguousarray(x.transpose(0, 3, 1, 2))

    def numpy_trainer():
        params = ref.init(np.random.default_rng(0))
        opt = ref.SGD(params)
        return lambda index: opt.step(ref.step(params, xc.take(index, axis=0), y.take(index))[1])

    found = {"neurona": neurona_trainer, "numpy": numpy_trainer}
    torch = torch_or_none()
    if torch is not None:
        tx, ty = torch.from_numpy(xc), torch.from_numpy(y)

        def torch_trainer():
            torch.manual_seed(0)
            nn = torch.nn
            model = nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(8, 16, 3, padding=1),
                                  nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(784, 10))
            opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

            def step(index):
                index = torch.from_numpy(index)
                loss = nn.functional.cross_entropy(model(tx[index]), ty[index])
                opt.zero_grad()
                loss.backward()
                opt.step()

            return step

        found["torch"] = torch_trainer
    return found


def convnet_epochs(x: np.ndarray, y: np.ndarray) -> dict:
    """One epoch of mnist_convnet with Adam, batch 128, in neurona and in torch (same model, same order)."""
    order = np.random.default_rng(2).permutation(len(x))
    index = [order[start : start + 128] for start in range(0, len(x), 128)]

    def neurona_epoch():
        nr.random.seed(0)
        model = mnist_convnet()
        model.build()
        opt = Adam(model.parameters())
        for rows in index:
            loss = F.categorical_cross_entropy(model(nr.Tensor._wrap(x.take(rows, axis=0))), nr.Tensor._wrap(y.take(rows, axis=0)))
            opt.zero_grad()
            loss.backward()
            opt.step()

    runs = {"neurona": neurona_epoch}
    torch = torch_or_none()
    if torch is not None:
        nn = torch.nn
        tx = torch.from_numpy(np.ascontiguousarray(x.transpose(0, 3, 1, 2)))
        ty = torch.from_numpy(y.argmax(axis=1))

        def torch_epoch():
            torch.manual_seed(0)
            model = nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3), nn.ReLU(),
                                  nn.MaxPool2d(2), nn.Flatten(), nn.Dropout(0.5), nn.Linear(1600, 10))
            opt = torch.optim.Adam(model.parameters())
            for rows in index:
                rows = torch.from_numpy(rows)
                loss = nn.functional.cross_entropy(model(tx[rows]), ty[rows])
                opt.zero_grad()
                loss.backward()
                opt.step()

        runs["torch"] = torch_epoch
    return runs


def epoch_runs(found: dict) -> dict:
    def epoch(make):
        step = make()
        for index in batches(np.random.default_rng(0)):
            step(index)

    return {name: (lambda make=make: epoch(make)) for name, make in found.items()}


def best_steps(found: dict, steps: int = 60) -> dict:
    """The fastest single training step of each library, steps interleaved (robust on a busy machine)."""
    trainers_now = {name: make() for name, make in found.items()}
    index = batches(np.random.default_rng(1))
    best = {name: float("inf") for name in found}
    for k in range(steps):
        for name, step in trainers_now.items():
            start = time.perf_counter()
            step(index[k % len(index)])
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def inference_runs(x: np.ndarray) -> dict:
    nr.random.seed(0)
    model = mnist_convnet()
    model.build()
    model.eval()
    tensor = nr.Tensor._wrap(x)

    def neurona_forward():
        with nr.no_grad():
            model(tensor)

    runs = {"neurona": neurona_forward}
    torch = torch_or_none()
    if torch is not None:
        nn = torch.nn
        reference = nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3), nn.ReLU(),
                                  nn.MaxPool2d(2), nn.Flatten(), nn.Dropout(0.5), nn.Linear(1600, 10), nn.Softmax(-1)).eval()
        tx = torch.from_numpy(np.ascontiguousarray(x.transpose(0, 3, 1, 2)))

        def torch_forward():
            with torch.no_grad():
                reference(tx)

        runs["torch"] = torch_forward
    return runs


def main() -> None:
    print(describe(THREADS))
    rng = np.random.default_rng(0)
    x = rng.random((N, 28, 28, 1), dtype=np.float32)
    y = rng.integers(0, 10, N)
    found = trainers(x, y)
    report(f"one epoch of SGD, {N:,} images 28x28x1, batch {BATCH} (conv8-pool-conv16-pool-dense10)",
           best_times(epoch_runs(found), number=1, rounds=3))
    report(f"its fastest training step of {BATCH} images (x{N // BATCH + 1} steps make the epoch)", best_steps(found))
    report("inference, Keras mnist_convnet, batch 1,000", best_times(inference_runs(x[:1000]), number=3, rounds=5))
    images = rng.random((60_000, 28, 28, 1), dtype=np.float32)
    labels = np.eye(10, dtype=np.float32)[rng.integers(0, 10, len(images))]
    report("one epoch of Keras mnist_convnet (Adam, batch 128), 60,000 images 28x28x1",
           best_times(convnet_epochs(images, labels), number=1, rounds=2))


if __name__ == "__main__":
    sys.exit(main())
