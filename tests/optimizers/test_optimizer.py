"""The Optimizer contract: both API styles, the learning rate, missing gradients, state, config, errors."""
import io
import json

import numpy as np
import pytest

import neurona as nr
from neurona import optimizers
from neurona.optimizers import SGD, Adagrad, Adam, AdamW, RMSprop

ALL = [SGD, Adagrad, RMSprop, Adam, AdamW]


def tensors(*shapes, seed=0, dtype=None):
    rng = np.random.default_rng(seed)
    return [nr.tensor(rng.standard_normal(s), requires_grad=True, dtype=dtype) for s in shapes]


def set_grads(params, k):
    for i, p in enumerate(params):
        p.grad = np.cos(p.data + k + i).astype(p.data.dtype)


def test_pytorch_and_keras_styles_agree():
    a, b = tensors((2, 3)), tensors((2, 3))
    torch_style = Adam(a, lr=0.01)
    keras_style = Adam(learning_rate=0.01)
    keras_style.set_parameters(b)
    for k in range(3):
        set_grads(a, k)
        set_grads(b, k)
        torch_style.step()
        keras_style.step()
    np.testing.assert_array_equal(a[0].data, b[0].data)
    assert torch_style.iterations == keras_style.iterations == 3


def test_lr_and_learning_rate_are_one_attribute():
    opt = SGD(lr=0.5)
    assert opt.learning_rate == opt.lr == 0.5
    opt.lr = 0.25
    assert opt.learning_rate == 0.25
    assert SGD().learning_rate == 0.01 and Adam().lr == 0.001 and RMSprop().lr == 0.001
    with pytest.raises(TypeError, match="not both"):
        SGD(lr=0.1, learning_rate=0.2)


def test_changing_the_learning_rate_between_steps_takes_effect():
    (w,) = tensors((3,))
    opt = SGD([w], lr=0.1)
    for rate in (0.1, 1.0, 0.0):
        opt.learning_rate = rate
        before = w.data.copy()
        w.grad = np.ones(3, np.float32)
        opt.step()
        np.testing.assert_allclose(before - w.data, rate, atol=1e-6)


def test_zero_grad_sets_none():
    params = tensors((2,), (3,))
    opt = SGD(params)
    set_grads(params, 0)
    opt.zero_grad()
    assert all(p.grad is None for p in params)


@pytest.mark.parametrize("opt_class", ALL)
def test_parameters_without_gradient_are_untouched(opt_class):
    a, b = tensors((2, 2), (3,))
    opt = opt_class([a, b], lr=0.1, momentum=0.9) if opt_class is SGD else opt_class([a, b], lr=0.1)
    set_grads([a, b], 0)
    opt.step()                                  # builds up momentum / running averages for b
    frozen = b.data.copy()
    state = {k: v for k, v in opt.state_dict().items() if k.endswith("/1") and not k.startswith("iterations")}
    a.grad, b.grad = np.ones((2, 2), np.float32), None
    opt.step()
    np.testing.assert_array_equal(b.data, frozen)
    for key, value in state.items():
        np.testing.assert_array_equal(opt.state_dict()[key], value)


@pytest.mark.parametrize("opt_class, whole", [(SGD, True), (RMSprop, True), (Adagrad, True), (Adam, False)])
def test_after_a_skipped_gradient_only_adam_leaves_the_whole_run(opt_class, whole):
    # Adam's bias correction needs each parameter's own t; the other rules do not read t.
    a, b = tensors((2,), (3,))
    opt = opt_class([a, b], lr=0.1)
    a.grad, b.grad = np.ones(2, np.float32), None
    opt.step()
    b.grad = np.ones(3, np.float32)
    opt.step()
    (group,) = opt._groups
    assert (group.updated_grads is group.grad_views) == whole
    assert (opt.state_dict()["step/0"], opt.state_dict()["step/1"]) == (2, 1)


def test_adam_counts_steps_per_parameter_like_torch():
    # b skips step 2, so its second update uses t = 2, exactly as Adam run on b alone.
    a, b = tensors((2,), (3,))
    solo_a, solo_b = tensors((2,), (3,))
    opt, opt_a, opt_b = Adam([a, b], lr=0.1), Adam([solo_a], lr=0.1), Adam([solo_b], lr=0.1)
    grads_a = [np.float32([1.0, -2.0]), np.float32([0.5, 0.5]), np.float32([-1.0, 3.0])]
    grads_b = [np.float32([1.0, 2.0, 3.0]), None, np.float32([-1.0, 0.0, 2.0])]
    for ga, gb in zip(grads_a, grads_b):
        a.grad, b.grad, solo_a.grad = ga, gb, ga
        opt.step()
        opt_a.step()
        if gb is not None:
            solo_b.grad = gb
            opt_b.step()
    np.testing.assert_array_equal(a.data, solo_a.data)
    np.testing.assert_array_equal(b.data, solo_b.data)
    state = opt.state_dict()
    assert (state["step/0"], state["step/1"], state["iterations/1"]) == (3, 2, 3)


def test_weight_decay_and_clipping_leave_grad_alone():
    (w,) = tensors((4,))
    w.grad = np.full(4, 10.0, np.float32)
    Adam([w], weight_decay=0.5, clipnorm=1.0, clipvalue=0.1).step()
    np.testing.assert_array_equal(w.grad, np.full(4, 10.0, np.float32))


def test_mixed_dtypes_update_like_separate_optimizers():
    a, b = tensors((3,), dtype="float32")[0], tensors((2,), dtype="float64")[0]
    c, d = tensors((3,), dtype="float32")[0], tensors((2,), dtype="float64")[0]
    together, alone_c, alone_d = Adam([a, b], lr=0.1), Adam([c], lr=0.1), Adam([d], lr=0.1)
    for k in range(3):
        set_grads([a, b], k)
        set_grads([c, d], k)
        together.step()
        alone_c.step()
        alone_d.step()
    assert b.data.dtype == np.float64
    np.testing.assert_array_equal(a.data, c.data)
    np.testing.assert_array_equal(b.data, d.data)


def test_rebinding_param_data_is_noticed():
    (w,) = tensors((2, 2))
    opt = SGD([w], lr=0.5)
    w.data = np.zeros((2, 2), np.float32)       # other code replaces the array
    w.grad = np.ones((2, 2), np.float32)
    opt.step()
    np.testing.assert_allclose(w.data, -0.5)
    w.data = np.zeros((3,), np.float32)
    with pytest.raises(ValueError, match=r"SGD: parameter '0' now holds float32 \(3,\) but was bound as float32 \(2, 2\)"):
        opt.step()


def test_in_place_writes_to_param_data_are_seen():
    (w,) = tensors((2,))
    opt = SGD([w], lr=1.0)
    w.data[...] = 5.0
    w.grad = np.ones(2, np.float32)
    opt.step()
    np.testing.assert_allclose(w.data, 4.0)


def test_duplicate_parameters_are_updated_once():
    (w,) = tensors((2,))
    start = w.data.copy()
    opt = SGD([w, w], lr=1.0)
    w.grad = np.ones(2, np.float32)
    opt.step()
    np.testing.assert_allclose(w.data, start - 1.0)
    assert len(opt.params) == 1


def test_binding_the_same_parameters_again_keeps_the_state():
    params = tensors((2,), (3,))
    opt = SGD(params, lr=0.1, momentum=0.9)
    set_grads(params, 0)
    opt.step()
    velocity = opt.state_dict()["v/0"]
    opt.set_parameters(params)
    np.testing.assert_array_equal(opt.state_dict()["v/0"], velocity)
    opt.set_parameters(tensors((2,), (3,), seed=1))
    np.testing.assert_array_equal(opt.state_dict()["v/0"], 0.0)


@pytest.mark.parametrize("opt_class", ALL)
def test_state_dict_round_trip_resumes_identically(opt_class):
    params = tensors((3, 2), (2,))
    opt = opt_class(params, lr=0.05)
    for k in range(3):
        set_grads(params, k)
        opt.step()
    saved_values = [p.data.copy() for p in params]
    buffer = io.BytesIO()
    np.savez(buffer, **opt.state_dict())
    for k in range(3, 6):
        set_grads(params, k)
        opt.step()

    resumed = [nr.tensor(v, requires_grad=True) for v in saved_values]
    again = opt_class(resumed, lr=0.05)
    buffer.seek(0)
    with np.load(buffer, allow_pickle=False) as archive:
        again.load_state_dict(dict(archive))
    assert again.iterations == 3
    for k in range(3, 6):
        set_grads(resumed, k)
        again.step()
    for p, q in zip(params, resumed):
        np.testing.assert_array_equal(p.data, q.data)


def test_load_state_dict_reports_what_does_not_fit():
    opt = Adam(tensors((3,), (2,)))
    state = opt.state_dict()
    state.pop("m/1")
    state["v/0"] = np.zeros(5)
    state["extra"] = np.zeros(1)
    with pytest.raises(ValueError, match=r"missing keys: m/1.*unexpected keys: extra.*shape of 'v/0'"):
        opt.load_state_dict(state)


def test_state_dict_has_one_entry_per_parameter_and_slot():
    opt = Adam(tensors((3, 2), (2,)))
    assert sorted(opt.state_dict()) == [
        "iterations/0", "iterations/1", "m/0", "m/1", "step/0", "step/1", "v/0", "v/1",
    ]
    assert opt.state_dict()["m/0"].shape == (3, 2)
    assert sorted(SGD(tensors((2,))).state_dict()) == ["iterations/0", "step/0"]


def test_get_by_name():
    assert type(optimizers.get("adam")) is Adam
    assert type(optimizers.get("AdamW")) is AdamW
    assert optimizers.get("momentum").momentum == 0.9
    assert optimizers.get("nesterov").nesterov
    assert optimizers.get("sgd") is not optimizers.get("sgd")
    opt = Adam()
    assert optimizers.get(opt) is opt


def test_get_unknown_name_lists_the_valid_ones():
    with pytest.raises(ValueError, match="unknown optimizer 'nope'; valid names: sgd, adagrad, rmsprop, adam, adamw"):
        optimizers.get("nope")
    with pytest.raises(TypeError):
        optimizers.get(3)


@pytest.mark.parametrize("name", ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"])
def test_config_is_json_and_round_trips(name):
    opt = optimizers.get(name)
    config = json.loads(json.dumps(opt.get_config()))
    again = optimizers.get(config)
    assert type(again) is type(opt)
    assert again.get_config() == opt.get_config()


def test_step_before_binding_explains():
    with pytest.raises(RuntimeError, match=r"Adam.step: no parameters are bound.*set_parameters"):
        Adam().step()


def test_gradient_of_the_wrong_shape_is_an_error():
    (w,) = tensors((2, 3))
    opt = SGD([w])
    w.grad = np.ones((3, 2), np.float32)
    with pytest.raises(ValueError, match=r"SGD: parameter '0' has shape \(2, 3\) but its .grad has shape \(3, 2\)"):
        opt.step()


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: Adam(lr=-0.1), "Adam: learning_rate must be >= 0, got -0.1"),
        (lambda: Adam(beta_1=1.0), r"Adam: beta_1 must be in \[0, 1\), got 1.0"),
        (lambda: AdamW(beta_2=-0.5), r"AdamW: beta_2 must be in \[0, 1\)"),
        (lambda: Adam(epsilon=-1e-8), "Adam: epsilon must be >= 0"),
        (lambda: SGD(momentum=1.5), r"SGD: momentum must be in \[0, 1\)"),
        (lambda: SGD(nesterov=True), "SGD: nesterov=True needs a momentum > 0"),
        (lambda: RMSprop(rho=1.0), r"RMSprop: rho must be in \[0, 1\)"),
        (lambda: Adagrad(initial_accumulator_value=-1), "Adagrad: initial_accumulator_value must be >= 0"),
        (lambda: SGD(weight_decay=-1), "SGD: weight_decay must be >= 0"),
        (lambda: SGD(clipnorm=0), "SGD: clipnorm must be > 0"),
        (lambda: SGD([]), "SGD: got an empty list of parameters"),
    ],
)
def test_bad_hyperparameters_name_the_optimizer_and_value(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_bad_parameters_and_rates_are_type_errors():
    with pytest.raises(TypeError, match="Adam: params must be an iterable of Tensors.*learning_rate="):
        Adam(0.001)
    with pytest.raises(TypeError, match="SGD: parameter '1' is a ndarray, not a neurona Tensor"):
        SGD([nr.tensor([1.0], requires_grad=True), np.zeros(2)])
    with pytest.raises(TypeError, match="SGD: learning_rate must be a number"):
        SGD(lr="fast")
    opt = SGD()
    with pytest.raises(ValueError, match="SGD: learning_rate must be >= 0"):
        opt.learning_rate = -1.0


def test_repr_shows_the_config():
    assert repr(SGD(lr=0.1, momentum=0.9)) == (
        "SGD(learning_rate=0.1, momentum=0.9, nesterov=False, weight_decay=0.0, clipnorm=None, "
        "global_clipnorm=None, clipvalue=None)"
    )


KERAS_3_DEFAULTS = {
    SGD: {"learning_rate": 0.01, "momentum": 0.0, "nesterov": False},
    RMSprop: {"learning_rate": 0.001, "rho": 0.9, "epsilon": 1e-7, "epsilon_inside_sqrt": True},
    Adagrad: {"learning_rate": 0.001, "initial_accumulator_value": 0.1, "epsilon": 1e-7, "epsilon_inside_sqrt": True},
    Adam: {"learning_rate": 0.001, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-7, "epsilon_hat": True},
    AdamW: {"learning_rate": 0.001, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-7, "epsilon_hat": True, "weight_decay": 0.004},
}


@pytest.mark.parametrize("opt_class", ALL)
def test_defaults_are_keras_3s(opt_class):
    config = opt_class().get_config()
    assert {key: config[key] for key in KERAS_3_DEFAULTS[opt_class]} == KERAS_3_DEFAULTS[opt_class]


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: SGD(momentum=0.9, nesterov="yes"), "SGD: nesterov must be True, False or 'course', got 'yes'"),
        (lambda: SGD(nesterov="course"), "SGD: nesterov='course' needs a momentum > 0"),
        (lambda: RMSprop(epsilon_inside_sqrt="False"), "RMSprop: epsilon_inside_sqrt must be True or False, got 'False'"),
        (lambda: Adagrad(epsilon_inside_sqrt=0), "Adagrad: epsilon_inside_sqrt must be True or False, got 0"),
        (lambda: Adam(epsilon_hat=None), "Adam: epsilon_hat must be True or False, got None"),
    ],
)
def test_bad_flags_name_the_optimizer_and_value(make, message):
    with pytest.raises((TypeError, ValueError), match=message):
        make()
