"""Named 3x3 kernels of the slides and :func:`apply_filter`, which slides one over an image.

A filter is a small matrix ``w``; at each position ``(p, q)`` of the image ``x`` it
gives ``sum_i sum_j w[i, j] * x[p + i, q + j]`` (the library's ``conv2d``). An
identity kernel copies the image, sharpen adds the difference to its neighbours,
edge detection keeps only that difference (zero on flat regions), and the blurs
average a neighbourhood.
"""
from __future__ import annotations

import numpy as np

from neurona import backend
from neurona.functional.convolution import conv2d
from neurona.grad_mode import no_grad
from neurona.tensor import Tensor

KERNELS: dict[str, np.ndarray] = {
    "identity": np.array([[0, 0, 0], [0, 1, 0], [0, 0, 0]], dtype=float),
    "sharpen": np.array([[0, -1, 0], [-1, 5, -1], [0, -1, 0]], dtype=float),
    "edge_detect": np.array([[0, -1, 0], [-1, 4, -1], [0, -1, 0]], dtype=float),
    "strong_edge_detect": np.array([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]], dtype=float),
    "box_blur": np.ones((3, 3)) / 9,
    "gaussian_blur": np.array([[1, 2, 1], [2, 4, 2], [1, 2, 1]], dtype=float) / 16,
}
"""The slides' filters by name (read-only; :func:`get_kernel` returns a copy)."""
for _kernel in KERNELS.values():
    _kernel.flags.writeable = False


def get_kernel(name: str) -> np.ndarray:
    """A copy of the named kernel.

    Examples
    --------
    >>> get_kernel("sharpen")
    array([[ 0., -1.,  0.],
           [-1.,  5., -1.],
           [ 0., -1.,  0.]])
    """
    if name not in KERNELS:
        raise ValueError(f"apply_filter: unknown kernel {name!r}; known kernels: {', '.join(KERNELS)}")
    return KERNELS[name].copy()


def apply_filter(image, kernel, padding: str = "valid") -> np.ndarray:
    """Slide ``kernel`` over ``image`` and return the feature map.

    Parameters
    ----------
    image : array_like
        ``(height, width)``, or ``(height, width, channels)``, each channel filtered alike.
    kernel : str or array_like
        A name of :data:`KERNELS` or a 2-D matrix.
    padding : 'valid' or 'same'
        ``'valid'`` gives ``(height - kh + 1, width - kw + 1)``; ``'same'`` keeps the
        size, with zeros around the image.

    Examples
    --------
    The course's 5x5 image and filter:

    >>> image = [[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]]
    >>> apply_filter(image, [[1, 0, 1], [0, 1, 0], [1, 0, 1]])
    array([[4., 3., 4.],
           [2., 4., 3.],
           [2., 3., 4.]], dtype=float32)
    """
    x = np.asarray(image)
    w = get_kernel(kernel) if isinstance(kernel, str) else np.asarray(kernel)
    if x.ndim not in (2, 3):
        raise ValueError(f"apply_filter: expected an image (height, width) or (height, width, channels), got shape {x.shape}")
    if w.ndim != 2:
        raise ValueError(f"apply_filter: expected a 2-D kernel, got shape {w.shape}")
    if padding == "valid" and (w.shape[0] > x.shape[0] or w.shape[1] > x.shape[1]):
        raise ValueError(
            f"apply_filter: the kernel of shape {w.shape} is larger than the image of shape {x.shape}; "
            "use padding='same'"
        )
    dtype = x.dtype if x.dtype.kind == "f" else backend.get_default_dtype()
    channels = x.reshape(*x.shape[:2], -1).transpose(2, 0, 1)[..., None].astype(dtype)
    with no_grad():
        maps = conv2d(Tensor(channels, dtype=dtype), Tensor(w[:, :, None, None], dtype=dtype), padding=padding).numpy()
    out = maps[..., 0].transpose(1, 2, 0)
    return out[..., 0] if x.ndim == 2 else out
