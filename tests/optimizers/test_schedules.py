"""Learning-rate schedules: values at a few steps, config round trip, use by an optimizer."""
import json
import math

import numpy as np
import pytest

import neurona as nr
from neurona.optimizers import SGD, CosineDecay, ExponentialDecay, StepDecay, get
from neurona.optimizers.schedules import deserialize, serialize


def test_step_decay():
    schedule = StepDecay(0.1, drop=0.5, every=10)
    assert [schedule(k) for k in (0, 9, 10, 19, 20, 35)] == pytest.approx([0.1, 0.1, 0.05, 0.05, 0.025, 0.0125])


def test_exponential_decay():
    schedule = ExponentialDecay(0.1, decay_rate=0.5, decay_steps=100)
    assert [schedule(k) for k in (0, 50, 100, 200)] == pytest.approx([0.1, 0.1 * 0.5**0.5, 0.05, 0.025])
    stairs = ExponentialDecay(0.1, decay_rate=0.5, decay_steps=100, staircase=True)
    assert [stairs(k) for k in (0, 99, 100, 250)] == pytest.approx([0.1, 0.1, 0.05, 0.025])


def test_cosine_decay():
    schedule = CosineDecay(0.1, decay_steps=100, alpha=0.2)
    expected = [0.1 * (0.8 * 0.5 * (1 + math.cos(math.pi * k / 100)) + 0.2) for k in (0, 25, 50, 100)]
    assert [schedule(k) for k in (0, 25, 50, 100)] == pytest.approx(expected)
    assert schedule(1000) == pytest.approx(0.02)


@pytest.mark.parametrize("schedule", [StepDecay(0.1, 0.5, 3), ExponentialDecay(0.1, 0.9, 7), CosineDecay(0.1, 50, 0.1)])
def test_config_round_trip(schedule):
    config = json.loads(json.dumps(serialize(schedule)))
    again = deserialize(config)
    assert type(again) is type(schedule)
    assert [again(k) for k in range(20)] == [schedule(k) for k in range(20)]


def test_bad_schedule_arguments():
    with pytest.raises(ValueError, match="StepDecay: every"):
        StepDecay(0.1, 0.5, 0)
    with pytest.raises(ValueError, match="CosineDecay: alpha"):
        CosineDecay(0.1, 10, alpha=2.0)
    with pytest.raises(ValueError, match="unknown schedule"):
        deserialize({"class_name": "Nope", "config": {}})


def test_optimizer_evaluates_the_schedule_at_iterations():
    w = nr.tensor([0.0], requires_grad=True)
    opt = SGD([w], learning_rate=StepDecay(1.0, drop=0.5, every=2))
    moves = []
    for _ in range(5):
        assert opt.learning_rate == 0.5 ** (opt.iterations // 2)
        before = w.data.copy()
        w.grad = np.float32([1.0])
        opt.step()
        moves.append(float(before[0] - w.data[0]))
    assert moves == [1.0, 1.0, 0.5, 0.5, 0.25]


def test_optimizer_config_with_a_schedule_round_trips():
    opt = SGD(learning_rate=CosineDecay(0.1, 100), momentum=0.5)
    again = get(json.loads(json.dumps(opt.get_config())))
    again.iterations = opt.iterations = 30
    assert again.learning_rate == opt.learning_rate
    assert again.momentum == 0.5
