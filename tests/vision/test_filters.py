"""The course's filters: the 5x5 worked example, the named kernels, and the "X vs X" example."""
import numpy as np
import pytest

from neurona.vision import KERNELS, apply_filter, get_kernel

IMAGE = [[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]]


def test_course_feature_map():
    out = apply_filter(IMAGE, [[1, 0, 1], [0, 1, 0], [1, 0, 1]])
    np.testing.assert_array_equal(out, [[4, 3, 4], [2, 4, 3], [2, 3, 4]])
    assert out.dtype == np.float32


def test_named_kernels():
    rng = np.random.default_rng(0)
    image = rng.uniform(0, 1, (6, 7))
    np.testing.assert_allclose(apply_filter(image, "identity", padding="same"), image)
    np.testing.assert_allclose(apply_filter(image, "sharpen"), image[1:-1, 1:-1] + apply_filter(image, "edge_detect"))
    flat = np.full((5, 5), 3.0)
    for name in ("edge_detect", "strong_edge_detect"):
        np.testing.assert_allclose(apply_filter(flat, name), 0.0, atol=1e-12)
    for name in ("box_blur", "gaussian_blur", "identity", "sharpen"):
        np.testing.assert_allclose(apply_filter(flat, name), 3.0)
    assert apply_filter(image, "strong_edge_detect").shape == (4, 5)


def test_strong_edge_detect_responds_more_than_edge_detect():
    step = np.zeros((5, 6))
    step[:, 3:] = 1.0
    weak, strong = apply_filter(step, "edge_detect"), apply_filter(step, "strong_edge_detect")
    assert np.abs(strong).max() > np.abs(weak).max() > 0


def test_each_channel_of_a_color_image_is_filtered_alike():
    image = np.random.default_rng(0).integers(0, 256, (6, 5, 3)).astype(np.uint8)
    out = apply_filter(image, "gaussian_blur")
    assert out.shape == (4, 3, 3) and out.dtype == np.float32
    for c in range(3):
        np.testing.assert_allclose(out[..., c], apply_filter(image[..., c], "gaussian_blur"), rtol=1e-6)


def test_kernels_are_read_only_and_copied():
    with pytest.raises(ValueError):
        KERNELS["sharpen"][1, 1] = 0
    kernel = get_kernel("sharpen")
    kernel[1, 1] = 0
    assert KERNELS["sharpen"][1, 1] == 5


def _x(size=9, shift=(0, 0)):
    """An X of +1 on a background of -1 (the seed's example), optionally moved."""
    image = -np.ones((size, size))
    for k in range(1, size - 1):
        image[k, k] = image[k, size - 1 - k] = 1
    return np.roll(image, shift, axis=(0, 1))


# small filters: the two diagonals and the crossing of an X
FEATURES = {
    "diagonal": np.array([[1, -1, -1], [-1, 1, -1], [-1, -1, 1]]),
    "antidiagonal": np.array([[-1, -1, 1], [-1, 1, -1], [1, -1, -1]]),
    "crossing": np.array([[1, -1, 1], [-1, 1, -1], [1, -1, 1]]),
}


def test_x_and_a_moved_distorted_x_match_the_same_filters_at_different_places():
    x = _x()
    distorted = _x(shift=(1, -1))
    distorted[7, 6], distorted[7, 7] = -1, 1  # one arm bent
    for name, feature in FEATURES.items():
        a, b = apply_filter(x, feature) / 9, apply_filter(distorted, feature) / 9
        assert a.max() == b.max() == 1.0, name  # a perfect match in both
        assert np.argmax(a) != np.argmax(b), name  # found somewhere else
    assert np.corrcoef(x.ravel(), distorted.ravel())[0, 1] < 0.5  # pixel by pixel they differ


@pytest.mark.parametrize("image, kernel, kwargs, message", [
    (np.zeros(5), "sharpen", {}, r"apply_filter: expected an image .* got shape \(5,\)"),
    (np.zeros((5, 5)), np.ones(3), {}, r"apply_filter: expected a 2-D kernel"),
    (np.zeros((5, 5)), "emboss", {}, r"apply_filter: unknown kernel 'emboss'; known kernels: identity, sharpen"),
    (np.zeros((2, 5)), "sharpen", {}, r"apply_filter: the kernel of shape \(3, 3\) is larger than the image of shape \(2, 5\)"),
])
def test_bad_inputs(image, kernel, kwargs, message):
    with pytest.raises(ValueError, match=message):
        apply_filter(image, kernel, **kwargs)
