"""Whole-model files: the architecture, the weights and the optimizer state in one zip.

:func:`save_model` writes, :func:`load_model` reads; loading never runs stored
code. Classes outside neurona are found by name through
:func:`register_serializable` or ``custom_objects=``.

Examples
--------
>>> import os, tempfile
>>> import numpy as np
>>> from neurona.layers import Dense
>>> from neurona.models import Sequential
>>> from neurona.saving import load_model, save_model
>>> model = Sequential([Dense(2, activation="tanh", input_dim=3)])
>>> model.compile(optimizer="adam", loss="mse")
>>> _ = model.fit(np.ones((4, 3)), np.zeros((4, 2)), epochs=1, verbose=0)
>>> path = os.path.join(tempfile.mkdtemp(), "model.neurona")
>>> save_model(model, path)
>>> again = load_model(path)
>>> bool((again.predict(np.ones((1, 3))) == model.predict(np.ones((1, 3)))).all())
True
"""
from neurona.registry import custom_object_scope, register_serializable
from neurona.saving.model_file import ModelFileError, load_model, save_model

__all__ = ["ModelFileError", "custom_object_scope", "load_model", "register_serializable", "save_model"]
