import numpy as np
import pytest

from neurona.plot import gradient_norms_through_time

from .picture import assert_picture

STEPS = np.arange(25)


def test_a_dict_of_models_on_a_log_scale():
    norms = {"SimpleRNN": 0.6 ** (24 - STEPS), "LSTM": 0.97 ** (24 - STEPS)}
    fig = gradient_norms_through_time(norms)
    axes = fig.axes[0]
    assert [line.get_label() for line in axes.lines] == ["SimpleRNN", "LSTM"]
    np.testing.assert_allclose(axes.lines[0].get_ydata(), norms["SimpleRNN"])
    assert axes.get_yscale() == "log"
    assert_picture(fig, axes=1, lines=[2])


def test_arrays_of_steps_by_models():
    fig = gradient_norms_through_time(np.stack([STEPS + 1.0, STEPS * 0 + 1.0], axis=1))
    assert [line.get_label() for line in fig.axes[0].lines] == ["model 0", "model 1"]
    fig = gradient_norms_through_time(np.r_[0.0, STEPS])          # a zero norm: linear scale
    assert fig.axes[0].get_yscale() == "linear"


def test_bad_norms_are_refused():
    with pytest.raises(ValueError, match="negative norms"):
        gradient_norms_through_time({"rnn": [1.0, -1.0]})
    with pytest.raises(ValueError, match=r"expected \(steps,\) or \(steps, models\)"):
        gradient_norms_through_time(np.ones((2, 2, 2)))
    with pytest.raises(ValueError, match="non-empty"):
        gradient_norms_through_time({"rnn": []})
    with pytest.raises(ValueError, match="no norms"):
        gradient_norms_through_time({})
