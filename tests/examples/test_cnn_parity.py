"""Parity with PyTorch: the same CNN, the same initial weights and the same batches give the same loss.

Keras's ``mnist_convnet`` (without its dropout, whose masks no two libraries draw
alike) trains for one epoch of SGD with momentum on 2,000 real MNIST images, in
float32, in neurona (``fit`` without shuffling) and in torch; the losses after the
epoch agree to 1e-4 relative. The weights move from neurona's layouts to torch's:
kernels ``(kh, kw, in, out) -> (out, in, kh, kw)``, and the dense kernel's rows
from channels-last ``(h, w, c)`` order to torch's ``(c, h, w)``.
"""
import numpy as np
import pytest

import neurona as nr
from neurona.data import one_hot
from neurona.datasets import load_mnist
from neurona.optimizers import SGD

IMAGES, BATCH, LR, MOMENTUM = 2000, 64, 0.01, 0.9


def torch_twin(torch, model):
    """torch's mnist_convnet carrying a copy of ``model``'s weights."""
    nn = torch.nn
    twin = nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3), nn.ReLU(),
                         nn.MaxPool2d(2), nn.Flatten(), nn.Linear(1600, 10))
    conv1, conv2, dense = (layer for layer in model.layers if layer.count_params())
    with torch.no_grad():
        for theirs, ours in ((twin[0], conv1), (twin[3], conv2)):
            theirs.weight.copy_(torch.from_numpy(ours.kernel.numpy().transpose(3, 2, 0, 1).copy()))
            theirs.bias.copy_(torch.from_numpy(ours.bias.numpy()))
        kernel = dense.kernel.numpy().reshape(5, 5, 64, 10).transpose(3, 2, 0, 1).reshape(10, 1600)
        twin[7].weight.copy_(torch.from_numpy(kernel.copy()))
        twin[7].bias.copy_(torch.from_numpy(dense.bias.numpy()))
    return twin


def torch_epoch(torch, twin, x, y) -> float:
    """One epoch in order, then the mean loss over all images."""
    tx, ty = torch.from_numpy(np.ascontiguousarray(x.transpose(0, 3, 1, 2))), torch.from_numpy(y)
    opt = torch.optim.SGD(twin.parameters(), lr=LR, momentum=MOMENTUM)
    for start in range(0, len(x), BATCH):
        loss = torch.nn.functional.cross_entropy(twin(tx[start : start + BATCH]), ty[start : start + BATCH])
        opt.zero_grad()
        loss.backward()
        opt.step()
    with torch.no_grad():
        return float(torch.nn.functional.cross_entropy(twin(tx), ty))


@pytest.mark.slow
def test_one_epoch_of_sgd_gives_torchs_loss(load_example, data_dir, monkeypatch):
    torch = pytest.importorskip("torch")
    torch.set_num_threads(2)
    monkeypatch.setenv("NEURONA_DATA", str(data_dir))
    (x, y), _ = load_mnist()
    x, y = (x[:IMAGES] / np.float32(255))[..., None], y[:IMAGES].astype(np.int64)
    nr.random.seed(0)
    model = load_example("mnist_cnn").build_model(dropout=0)
    model.build()
    twin = torch_twin(torch, model)
    model.compile(optimizer=SGD(model.parameters(), lr=LR, momentum=MOMENTUM), loss="categorical_crossentropy")
    before = model.evaluate(x, one_hot(y, 10), batch_size=IMAGES)
    model.fit(x, one_hot(y, 10), batch_size=BATCH, epochs=1, shuffle=False, verbose=0)
    loss = model.evaluate(x, one_hot(y, 10), batch_size=IMAGES)
    expected = torch_epoch(torch, twin, x, y)
    assert loss < 0.8 * before  # it learned, so the comparison is not of two untrained networks
    assert loss == pytest.approx(expected, rel=1e-4)
