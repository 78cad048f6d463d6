"""The live chart's diagnosis comes from ``neurona.plot.diagnose`` when that module exists, and is absent otherwise."""
import importlib.machinery
import sys
import types

from neurona.playground import diagnosis

HISTORY = {"loss": [1.0 - 0.05 * i for i in range(12)], "val_loss": [1.0 - 0.01 * i for i in range(12)]}


def test_without_the_plot_module_there_is_no_diagnosis(monkeypatch):
    monkeypatch.setattr(diagnosis, "available", lambda: False)
    assert diagnosis.diagnose(HISTORY) is None


def test_with_it_the_regime_and_remedies_are_sent(monkeypatch):
    seen = []

    class Result:
        regime = "over-fitting"
        remedies = ["more data", "regularization"]

        def __str__(self):
            return "over-fitting (varianza alta)"

    plot = types.ModuleType("neurona.plot")
    plot.diagnose = lambda history: seen.append(history) or Result()
    module = types.ModuleType("neurona.plot.diagnosis")
    module.__spec__ = importlib.machinery.ModuleSpec("neurona.plot.diagnosis", None)
    monkeypatch.setitem(sys.modules, "neurona.plot", plot)
    monkeypatch.setitem(sys.modules, "neurona.plot.diagnosis", module)
    assert diagnosis.available()
    assert diagnosis.diagnose(HISTORY) == {"regime": "over-fitting", "remedies": ["more data", "regularization"],
                                          "text": "over-fitting (varianza alta)"}
    assert seen == [HISTORY]
    assert diagnosis.diagnose({"loss": [1.0], "val_loss": [1.0]}) is None  # too short to judge
