"""Random 2-D convolution geometries for the property tests: sizes, kernels, strides, dilations, paddings."""
from hypothesis import strategies as st


def _pair(low: int, high: int):
    return st.tuples(st.integers(low, high), st.integers(low, high))


GEOMETRY = dict(size=_pair(1, 7), kernel=_pair(1, 3), strides=_pair(1, 3), dilation=_pair(1, 2),
                pads=st.tuples(_pair(0, 2), _pair(0, 2)))
"""Keyword strategies for ``hypothesis.given``."""


def fits(size, kernel, dilation, pads) -> bool:
    """Whether the dilated kernel fits in the padded image."""
    span = [(k - 1) * d + 1 for k, d in zip(kernel, dilation)]
    return all(n + a + b >= s for n, (a, b), s in zip(size, pads, span))
