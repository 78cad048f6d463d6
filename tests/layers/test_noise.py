"""GaussianNoise, GaussianDropout, ActivityRegularization and the KL sparsity penalty."""
import json

import numpy as np
import pytest

import neurona as nr
import neurona.functional as F
from neurona import layers, regularizers
from neurona.layers import ActivityRegularization, Dense, GaussianDropout, GaussianNoise
from neurona.models import Sequential
from neurona.regularizers import KLSparsity


def test_gaussian_noise_adds_noise_of_the_given_stddev_while_training_only():
    x = nr.tensor(np.full((400, 50), 3.0, dtype=np.float32))
    out = GaussianNoise(0.5)(x).numpy()
    assert out.dtype == np.float32
    assert abs(out.mean() - 3.0) < 0.01 and abs(out.std() - 0.5) < 0.01
    assert GaussianNoise(0.5).eval()(x) is x


def test_gaussian_dropout_multiplies_by_noise_of_mean_one_and_dropout_variance():
    x = nr.tensor(np.full((400, 50), 2.0))
    out = GaussianDropout(0.2)(x).numpy() / 2.0
    assert abs(out.mean() - 1.0) < 0.01 and abs(out.var() - 0.2 / 0.8) < 0.01
    assert GaussianDropout(0.2).eval()(x) is x


@pytest.mark.parametrize("cls", [GaussianNoise, GaussianDropout])
def test_noise_comes_from_the_one_seeded_generator(cls):
    x = nr.tensor(np.ones((3, 4)))
    nr.random.seed(7)
    first = cls(0.3)(x).numpy()
    nr.random.seed(7)
    np.testing.assert_array_equal(cls(0.3)(x).numpy(), first)
    assert not np.array_equal(cls(0.3)(x).numpy(), first)


@pytest.mark.parametrize("cls", [GaussianNoise, GaussianDropout])
def test_noise_gradient_flows_to_the_input(cls):
    x = nr.tensor(np.ones((2, 3)), requires_grad=True)
    nr.random.seed(0)
    out = cls(0.3)(x)
    out.sum().backward()
    expected = np.ones((2, 3)) if cls is GaussianNoise else out.numpy()  # d(x·ε)/dx = ε = out for x = 1
    np.testing.assert_allclose(x.grad, expected, rtol=1e-6)


@pytest.mark.parametrize("bad", [-0.1, float("nan"), float("inf"), True, "0.5", None])
def test_gaussian_noise_refuses_a_bad_stddev_naming_the_layer(bad):
    with pytest.raises(ValueError, match="gaussian_noise.*stddev"):
        GaussianNoise(bad)


@pytest.mark.parametrize("bad", [-0.1, 1.0, 1.5, float("nan"), False])
def test_gaussian_dropout_refuses_a_rate_outside_0_1(bad):
    with pytest.raises(ValueError, match=r"gaussian_dropout.*rate.*\[0, 1\)"):
        GaussianDropout(bad)
    with pytest.raises(ValueError, match="gaussian_dropout: rate"):
        F.gaussian_dropout(nr.tensor([1.0]), bad)


def test_noise_of_zero_and_integer_inputs():
    assert GaussianNoise(0.0)(x := nr.tensor([1.0, 2.0])) is x
    out = GaussianNoise(0.1)(nr.tensor(np.arange(4)))
    assert out.dtype == nr.get_default_dtype()


def test_noise_layers_train_inside_a_model_and_keep_their_config():
    nr.random.seed(0)
    model = Sequential([GaussianNoise(0.1, input_dim=3), Dense(1), GaussianDropout(0.1)])
    model.compile(optimizer="sgd", loss="mse")
    history = model.fit(np.ones((16, 3)), np.ones(16), epochs=2, verbose=0)
    assert np.all(np.isfinite(history.history["loss"]))
    assert model.predict(np.ones((2, 3))).tolist() == model.predict(np.ones((2, 3))).tolist()
    config = json.loads(json.dumps(layers.serialize(model.layers[0])))
    assert layers.deserialize(config).stddev == 0.1


# ------------------------------------------------------------ ActivityRegularization
def test_activity_regularization_adds_l1_and_l2_of_its_input():
    layer = ActivityRegularization(l1=0.1, l2=0.01)
    x = nr.tensor([[1.0, -2.0], [3.0, 0.5]])
    assert layer(x) is x
    expected = 0.1 * 6.5 + 0.01 * (1 + 4 + 9 + 0.25)
    assert sum(t.item() for t in layer.losses) == pytest.approx(expected, rel=1e-6)
    clone = layers.deserialize(json.loads(json.dumps(layers.serialize(layer))))
    assert (clone.l1, clone.l2) == (0.1, 0.01) and clone.get_config() == layer.get_config()


def test_activity_regularization_takes_another_penalty_but_not_both():
    layer = ActivityRegularization(activity_regularizer=KLSparsity(0.2, 1.0))
    layer(nr.tensor([[0.2, 0.6], [0.2, 0.2]]))
    kl = 0.2 * np.log(0.2 / 0.4) + 0.8 * np.log(0.8 / 0.6)
    assert layer.losses[0].item() == pytest.approx(kl, rel=1e-5)
    assert isinstance(layers.deserialize(layers.serialize(layer)).activity_regularizer, KLSparsity)
    with pytest.raises(ValueError, match="not both"):
        ActivityRegularization(l1=0.1, activity_regularizer="l2")
    with pytest.raises(ValueError, match="l2 must be a finite number >= 0"):
        ActivityRegularization(l2=-1.0)
    assert ActivityRegularization()(nr.tensor([1.0])) is not None and ActivityRegularization().losses == []


# ------------------------------------------------------------------- KL sparsity
def test_kl_sparsity_is_the_sum_of_the_units_kl_to_the_target():
    rng = np.random.default_rng(0)
    a = rng.uniform(0.0, 1.0, (20, 6))
    rho, beta = 0.05, 3.0
    rho_hat = a.mean(axis=0)
    expected = beta * np.sum(rho * np.log(rho / rho_hat) + (1 - rho) * np.log((1 - rho) / (1 - rho_hat)))
    assert F.kl_sparsity(nr.tensor(a, dtype="float64"), rho, beta).item() == pytest.approx(expected, rel=1e-12)
    assert regularizers.get("kl_sparsity")(nr.tensor(a)).item() == pytest.approx(expected / 3.0 * 1.0, rel=1e-5)


def test_kl_sparsity_gradient_pulls_each_mean_toward_the_target():
    a = nr.tensor([[0.5, 0.01], [0.5, 0.03]], requires_grad=True)
    F.kl_sparsity(a, rho=0.1).backward()
    assert np.all(a.grad[:, 0] > 0) and np.all(a.grad[:, 1] < 0)  # descent lowers unit 0, raises unit 1
    b = nr.tensor([[0.1, 0.1]], requires_grad=True)
    loss = F.kl_sparsity(b, rho=0.1)
    loss.backward()
    assert loss.item() == pytest.approx(0.0, abs=1e-6)
    np.testing.assert_allclose(b.grad, 0.0, atol=1e-5)


def test_kl_sparsity_is_finite_at_saturated_units():
    a = nr.tensor(np.array([[0.0, 1.0], [0.0, 1.0]], dtype=np.float32), requires_grad=True)
    loss = F.kl_sparsity(a, 0.05)
    loss.backward()
    assert np.isfinite(loss.item()) and np.all(np.isfinite(a.grad))


@pytest.mark.parametrize("values", [[[0.5, 1.5]], [[-0.1, 0.5]], [[np.nan, 0.5]], np.zeros((0, 3))])
def test_kl_sparsity_refuses_activations_outside_0_1_or_an_empty_batch(values):
    with pytest.raises(ValueError, match=r"kl_sparsity: activations must lie in \[0, 1\]"):
        F.kl_sparsity(nr.tensor(np.asarray(values, dtype=np.float32)), 0.05)


@pytest.mark.parametrize("kwargs, match", [({"rho": 0.0}, "rho"), ({"rho": 1.0}, "rho"), ({"rho": True}, "rho"),
                                           ({"beta": -1.0}, "beta"), ({"beta": float("nan")}, "beta")])
def test_kl_sparsity_regularizer_refuses_bad_settings(kwargs, match):
    with pytest.raises(ValueError, match=f"KLSparsity: .*{match}"):
        KLSparsity(**kwargs)


def test_kl_sparsity_regularizer_round_trips_its_config():
    reg = KLSparsity(rho=0.1, beta=0.5)
    assert regularizers.serialize(reg) == {"class_name": "KLSparsity", "config": {"rho": 0.1, "beta": 0.5}}
    assert repr(regularizers.get(regularizers.serialize(reg))) == "KLSparsity(rho=0.1, beta=0.5)"
