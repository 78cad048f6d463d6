"""The course's image filters: a small kernel slid over an image gives a feature map.

Examples
--------
>>> from neurona.vision import apply_filter
>>> apply_filter([[0, 0, 0], [0, 9, 0], [0, 0, 0]], "box_blur")
array([[1.]], dtype=float32)
"""
from neurona.vision.filters import KERNELS, apply_filter, get_kernel

__all__ = ["KERNELS", "apply_filter", "get_kernel"]
