"""VAE: the loss is reconstruction + KL from one seeded draw, it matches PyTorch step for step, it saves and loads."""
import numpy as np
import pytest

import neurona as nr
from neurona.function import ShapeError
from neurona.generative import VAE
from neurona.layers import Dense, Input
from neurona.models import Model, Sequential, load_model
from neurona.optimizers import SGD, Adam


def networks(d=6, hidden=8, latent=2, out_activation="sigmoid", activity_regularizer=None):
    x = Input((d,), name="x")
    h = Dense(hidden, activation="relu", name="enc", activity_regularizer=activity_regularizer)(x)
    encoder = Model(x, [Dense(latent, name="mean")(h), Dense(latent, name="log_var")(h)], name="encoder")
    decoder = Sequential([Dense(hidden, activation="relu", input_dim=latent, name="dec"),
                          Dense(d, activation=out_activation, name="out")], name="decoder")
    return encoder, decoder


def data(n=40, d=6, seed=0):
    return np.random.default_rng(seed).random((n, d)).astype(np.float32)


def expected_loss(vae, x, seed, reconstruction="bernoulli"):
    """The loss and its parts in float64 NumPy, with the eps that ``nr.random.seed(seed)`` gives."""
    mean, log_var = (a.astype(np.float64) for a in vae.encode(x))
    eps = np.random.default_rng(seed).standard_normal(mean.shape, dtype=np.float32)
    z = (mean + np.exp(0.5 * log_var) * eps).astype(np.float32)
    decoder = vae.decoder
    hidden = np.maximum(z @ decoder.layers[0].kernel.numpy() + decoder.layers[0].bias.numpy(), 0).astype(np.float64)
    logits = hidden @ decoder.layers[1].kernel.numpy() + decoder.layers[1].bias.numpy()
    if reconstruction == "bernoulli":
        rec = np.sum(np.logaddexp(0, logits) - logits * x) / len(x)
    else:
        rec = 0.5 * np.sum((logits - x) ** 2) / len(x)
    kl = np.mean(-0.5 * np.sum(1 + log_var - mean**2 - np.exp(log_var), axis=1))
    return rec + kl, rec, kl


@pytest.mark.parametrize("reconstruction", ["bernoulli", "gaussian"])
def test_loss_is_reconstruction_plus_kl_reported_separately(reconstruction):
    x = data()
    vae = VAE(*networks(out_activation="sigmoid" if reconstruction == "bernoulli" else None), latent_dim=2,
              reconstruction=reconstruction)
    vae.compile(optimizer=SGD(learning_rate=0.0))
    vae.build((None, 6))  # initializing the weights draws from the generator too
    nr.random.seed(11)
    scores = vae.evaluate(x, batch_size=40, return_dict=True)
    total, rec, kl = expected_loss(vae, x, 11, reconstruction)
    assert scores["loss"] == pytest.approx(total, rel=1e-5)
    assert scores["reconstruction_loss"] == pytest.approx(rec, rel=1e-5) and scores["kl_loss"] == pytest.approx(kl, rel=1e-5)
    nr.random.seed(11)
    history = vae.fit(x, batch_size=40, shuffle=False, verbose=0).history
    assert history["loss"][0] == pytest.approx(total, rel=1e-5) and history["kl_loss"][0] == pytest.approx(kl, rel=1e-5)


def test_losses_added_by_the_networks_join_the_loss():
    x = data()
    vae = VAE(*networks(activity_regularizer="l1"), latent_dim=2)
    vae.compile(optimizer=SGD(learning_rate=0.0))
    vae.build((None, 6))
    nr.random.seed(2)
    scores = vae.evaluate(x, batch_size=40, return_dict=True)
    hidden = np.maximum(x @ vae.encoder.get_layer("enc").kernel.numpy() + vae.encoder.get_layer("enc").bias.numpy(), 0)
    assert scores["loss"] == pytest.approx(scores["reconstruction_loss"] + scores["kl_loss"] + 0.01 * hidden.sum(), rel=1e-5)


def test_training_lowers_the_loss_and_the_api_decodes_codes():
    nr.random.seed(0)
    x = (data(256) > 0.5).astype(np.float32)
    vae = VAE(*networks(), latent_dim=2)
    vae.compile(optimizer=Adam(learning_rate=0.01))
    history = vae.fit(x, batch_size=32, epochs=15, verbose=0).history
    assert sorted(history) == ["kl_loss", "loss", "reconstruction_loss"]
    assert history["loss"][-1] < 0.9 * history["loss"][0]
    mean, log_var = vae.encode(x)
    assert mean.shape == log_var.shape == (256, 2)
    np.testing.assert_allclose(vae.predict(x), vae.decode(mean), rtol=1e-6)  # a call decodes the mean code
    nr.random.seed(5)
    samples = vae.sample(7)
    nr.random.seed(5)
    assert samples.shape == (7, 6) and np.all((samples >= 0) & (samples <= 1))
    np.testing.assert_array_equal(samples, vae.sample(7))
    path = vae.interpolate(x[:2], x[2:4], steps=5)
    assert path.shape == (5, 2, 6)
    np.testing.assert_allclose(path[0], vae.decode(mean[:2]), rtol=1e-5)
    np.testing.assert_allclose(path[-1], vae.decode(mean[2:4]), rtol=1e-5)
    np.testing.assert_allclose(path[2], vae.decode((mean[:2] + mean[2:4]) / 2), rtol=1e-4, atol=1e-6)


def test_saved_and_loaded_like_any_model_and_training_resumes_exactly(tmp_path):
    nr.random.seed(0)
    x = data(64)
    vae = VAE(*networks(), latent_dim=2)
    vae.compile(optimizer=Adam(learning_rate=0.01))
    vae.fit(x, batch_size=16, epochs=2, verbose=0)
    vae.save(tmp_path / "vae.neurona")
    again = load_model(tmp_path / "vae.neurona")
    assert type(again) is VAE and again.get_config() == vae.get_config()
    for (name, a), b in zip(vae.state_dict().items(), again.state_dict().values()):
        np.testing.assert_array_equal(a, b, err_msg=name)
    np.testing.assert_array_equal(again.encode(x)[0], vae.encode(x)[0])
    nr.random.seed(9)
    resumed = again.fit(x, batch_size=16, epochs=1, shuffle=False, verbose=0).history
    nr.random.seed(9)
    assert resumed == vae.fit(x, batch_size=16, epochs=1, shuffle=False, verbose=0).history


def test_bad_networks_and_arguments_are_named():
    x = data(8)
    encoder, decoder = networks()
    with pytest.raises(ValueError, match="vae.*reconstruction must be one of"):
        VAE(encoder, decoder, 2, reconstruction="poisson", name="vae")
    with pytest.raises(ValueError, match="latent_dim must be a positive integer"):
        VAE(encoder, decoder, 0)
    with pytest.raises(TypeError, match="encoder and decoder must be Modules"):
        VAE(encoder, "decoder", 2)
    with pytest.raises(ValueError, match="the loss is the VAE's own"):
        VAE(encoder, decoder, 2).compile(optimizer="adam", loss="mse")
    one_output = Sequential([Dense(2, input_dim=6)])
    with pytest.raises(ValueError, match=r"the encoder must return \(mean, log_var\), got Tensor"):
        VAE(one_output, decoder, 2).predict(x)
    with pytest.raises(ShapeError, match=r"must both have shape \(8, 3\) \(batch, latent_dim\)"):
        VAE(encoder, decoder, 3).predict(x)
    linear_out = VAE(encoder, networks(out_activation=None)[1], 2)
    linear_out.compile(optimizer="sgd")
    with pytest.raises(ValueError, match="the decoder .*must end in a sigmoid.*comes from Linear"):
        linear_out.fit(x, verbose=0)
    wide = VAE(encoder, networks(d=5)[1], 2)
    wide.compile(optimizer="sgd")
    with pytest.raises(ShapeError, match=r"decoder's output \(8, 5\) must have the input's shape \(8, 6\)"):
        wide.fit(x, verbose=0)
    with pytest.raises(ShapeError, match=r"decode: codes must have shape \(n, 2\), got \(4, 3\)"):
        linear_out.decode(np.zeros((4, 3)))
    with pytest.raises(ValueError, match="steps must be an integer >= 2"):
        linear_out.interpolate(x[:1], x[1:2], steps=1)
    with pytest.raises(ShapeError, match="must be batches of the same shape"):
        linear_out.interpolate(x[0], x[1])


def torch_vae(vae):
    """The same networks in PyTorch, with the VAE's current weights."""
    torch = pytest.importorskip("torch")

    def linear(layer):
        module = torch.nn.Linear(*layer.kernel.shape)
        with torch.no_grad():
            module.weight.copy_(torch.from_numpy(layer.kernel.numpy().T.copy()))
            module.bias.copy_(torch.from_numpy(layer.bias.numpy().copy()))
        return module

    enc = vae.encoder
    return torch.nn.ModuleList([linear(enc.get_layer(n)) for n in ("hidden", "mean", "log_var")]
                               + [linear(layer) for layer in vae.decoder.layers])


def pytorch_example_vae(latent=20):
    """PyTorch's example model: 784-400-(20, 20), 20-400-784."""
    x = Input((784,))
    h = Dense(400, activation="relu", name="hidden")(x)
    encoder = Model(x, [Dense(latent, name="mean")(h), Dense(latent, name="log_var")(h)])
    decoder = Sequential([Dense(400, activation="relu", input_dim=latent), Dense(784, activation="sigmoid")])
    return VAE(encoder, decoder, latent)


def test_one_epoch_on_mnist_matches_pytorch_with_the_same_weights_batches_and_eps(data_dir, monkeypatch):
    torch = pytest.importorskip("torch")
    from neurona.datasets import load_mnist

    monkeypatch.setenv("NEURONA_DATA", str(data_dir))
    (images, _), _ = load_mnist()
    x = (images[:1280] / np.float32(255)).reshape(-1, 784)
    nr.random.seed(0)
    vae = pytorch_example_vae()
    vae.compile(optimizer=Adam(learning_rate=1e-3, epsilon=1e-8, epsilon_hat=False))  # PyTorch's Adam
    vae.build((None, 784))
    net = torch_vae(vae)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    nr.random.seed(42)
    history = vae.fit(x, batch_size=128, epochs=1, shuffle=False, verbose=0).history
    rng, losses = np.random.default_rng(42), []
    for start in range(0, len(x), 128):
        batch = torch.from_numpy(x[start:start + 128])
        h = torch.relu(net[0](batch))
        mean, log_var = net[1](h), net[2](h)
        eps = torch.from_numpy(rng.standard_normal(tuple(mean.shape), dtype=np.float32))
        logits = net[4](torch.relu(net[3](mean + torch.exp(0.5 * log_var) * eps)))
        rec = torch.nn.functional.binary_cross_entropy_with_logits(logits, batch, reduction="sum")
        kl = -0.5 * torch.sum(1 + log_var - mean.pow(2) - log_var.exp())
        loss = (rec + kl) / len(batch)
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item() * len(batch))
    assert history["loss"][0] == pytest.approx(sum(losses) / len(x), rel=1e-5)
    ours = torch_vae(vae)
    for mine, theirs in zip(ours.parameters(), net.parameters()):
        # ten Adam steps of 1e-3 move a weight by up to 1e-2; float32 sums in another order drift by ~1e-5
        np.testing.assert_allclose(mine.detach().numpy(), theirs.detach().numpy(), atol=1e-4, rtol=1e-4)
