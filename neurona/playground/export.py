"""Export code: a neurona script that rebuilds a session's data, network and optimizer and trains it.

The script seeds neurona's generator with the set-up's seed, makes the same
points and split, builds the model from the same specs as the session
(:mod:`neurona.playground.network`) and calls ``fit`` for the session's
epochs, so it ends with the same weights and losses. It uses only the public API.
"""
from __future__ import annotations

from neurona.playground import network
from neurona.playground.config import Config
from neurona.playground.features import FEATURES
from neurona.playground.problem import GENERATORS, N_SAMPLES

_TEMPLATE = '''"""A neurona playground run: {title}.

Exported by `neurona playground`; rebuilds the same data (seed {seed}), network and
optimizer, and trains them as the playground did.

Run: python {filename} [--epochs N] [--save model.neurona]
"""
import argparse

import numpy as np

import neurona
from neurona import optimizers, regularizers
from neurona.data import train_test_split
from neurona.data.playground import {generator}
from neurona.layers import Dense
from neurona.models import Sequential

SEED = {seed}
EPOCHS = {epochs}


def features(points):
    """The input features: {feature_labels}."""
    x1, x2 = points[:, 0], points[:, 1]
    return np.column_stack([{feature_sources}]).astype(np.float32)


def main():
    parser = argparse.ArgumentParser(description="A neurona playground run: {title}.")
    parser.add_argument("--epochs", type=int, default=EPOCHS, help="epochs to train (default %(default)s)")
    parser.add_argument("--save", help="write the trained model to this file (load it with neurona.models.load_model)")
    args = parser.parse_args()

    points, targets = {generator}({n_samples}, noise={noise}, seed=SEED)
    p_train, p_test, y_train, y_test = train_test_split(points, targets.astype(np.float32), test_size={n_test}, seed=SEED)
    x_train, x_test = features(p_train), features(p_test)

    neurona.random.seed(SEED)
    model = Sequential([
{layers}
    ])
    model.build((None, {n_features}))
    model.compile(optimizer={optimizer}, loss="{loss}")
    history = model.fit(x_train, y_train, batch_size={batch_size}, epochs=args.epochs,
                        validation_data=(x_test, y_test), verbose=0)
    if args.epochs:
        print(f"epoch {{args.epochs}}: training loss {{history.history['loss'][-1]:.6f}}, "
              f"test loss {{history.history['val_loss'][-1]:.6f}}")
    if args.save:
        model.save(args.save)


if __name__ == "__main__":
    main()
'''


def _call(name: str, options: dict) -> str:
    arguments = []
    for key, value in options.items():
        if value is None:
            continue
        if isinstance(value, tuple):
            value = f"regularizers.{_call(*value)}"
        elif isinstance(value, str):
            value = f'"{value}"'
        arguments.append(f"{key}={value}")
    return f"{name}({', '.join(arguments)})"


def script_name(config: Config) -> str:
    """The file name offered for the download, e.g. ``playground_spiral.py``."""
    return f"playground_{config.dataset}.py"


def export_code(config: Config, epochs: int) -> str:
    """The Python source of a script that reproduces ``epochs`` epochs of the set-up.

    Examples
    --------
    >>> source = export_code(Config(), epochs=5)
    >>> "optimizer=optimizers.SGD(learning_rate=0.03)" in source
    True
    """
    hidden = "-".join(map(str, config.hidden)) or "no"
    title = f"{config.dataset} ({config.problem}), {hidden} hidden {config.activation} units, {config.optimizer}"
    n_samples = N_SAMPLES[config.problem]
    layers = "\n".join(f"        {_call(name, options)}," for name, options in network.layer_specs(config))
    return _TEMPLATE.format(
        title=title, seed=config.seed, epochs=epochs, filename=script_name(config),
        generator=GENERATORS[config.dataset], n_samples=n_samples, noise=config.noise / 100,
        n_test=n_samples - n_samples * config.train_percent // 100, n_features=len(config.features),
        feature_labels=", ".join(FEATURES[name].label for name in config.features),
        feature_sources=", ".join(FEATURES[name].source for name in config.features),
        layers=layers, optimizer=f"optimizers.{_call(*network.optimizer_spec(config))}",
        loss=network.loss_name(config), batch_size=config.batch_size,
    )
