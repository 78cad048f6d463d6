import numpy as np
import pytest

from neurona.plot import image_grid
from neurona.plot.images import as_images, tile, value_range

from .picture import assert_picture


def test_tiles_keep_each_image_in_place():
    images = np.arange(5 * 2 * 3, dtype=float).reshape(5, 2, 3)
    mosaic = tile(images, ncols=3)
    assert mosaic.shape == (2 * 2 + 1, 3 * 3 + 2)
    np.testing.assert_array_equal(mosaic[3:5, 4:7], images[4])
    assert np.isnan(mosaic[2]).all() and np.isnan(mosaic[3:, 8:]).all()


def test_shapes_are_read_as_images():
    assert as_images(np.zeros((3, 784))).shape == (3, 28, 28)
    assert as_images(np.zeros((3, 5, 5, 1))).shape == (3, 5, 5)
    assert as_images(np.zeros((3, 5, 5, 3))).shape == (3, 5, 5, 3)
    for bad in (np.zeros((3, 10)), np.zeros((3, 5, 5, 2)), np.zeros((0, 5, 5)), np.zeros(5)):
        with pytest.raises(ValueError, match="image_grid: expected images"):
            as_images(bad)
    with pytest.raises(TypeError, match="must be numbers"):
        as_images(np.array([["a"]]))


def test_value_ranges():
    assert value_range(np.array([0, 200], dtype=np.uint8)) == (0.0, 255.0)
    assert value_range(np.array([0.2, 0.9])) == (0.0, 1.0)
    assert value_range(np.array([-0.7, 0.9])) == (-1.0, 1.0)
    assert value_range(np.array([3.0, 7.0, np.nan])) == (3.0, 7.0)
    assert value_range(np.array([2.0, 2.0])) == (1.5, 2.5)


def test_grey_and_colour_grids_are_pictures():
    rng = np.random.default_rng(0)
    fig = image_grid(rng.random((12, 8, 8)), ncols=4)
    assert fig.axes[0].images[0].get_array().shape == (3 * 9 - 1, 4 * 9 - 1)
    assert_picture(fig, axes=1, min_size=100)
    fig = image_grid((rng.random((4, 6, 6, 3)) * 255).astype(np.uint8), title="samples")
    assert fig.axes[0].get_title() == "samples"
    assert_picture(fig, axes=1, min_size=100)
