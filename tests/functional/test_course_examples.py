"""Worked examples from the course slides."""
import numpy as np

import neurona as nr
import neurona.functional as F

SCORES = [-2.18, -10.5, -7.14]


def test_softmax_of_the_slide_scores():
    np.testing.assert_allclose(F.softmax(nr.tensor(SCORES, dtype="float64")).numpy(), [0.99280, 0.00024, 0.00696], atol=5e-6)


def test_cross_entropy_of_that_prediction_against_class_0():
    prob = F.softmax(nr.tensor([SCORES], dtype="float64"))
    loss = F.categorical_cross_entropy(prob, np.array([[1.0, 0.0, 0.0]]))
    assert abs(loss.item() - 0.00723) < 5e-6
    from_logits = F.cross_entropy(nr.tensor([SCORES], dtype="float64"), np.array([0]))
    assert abs(from_logits.item() - 0.00723) < 5e-6
