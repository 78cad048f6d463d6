"""The live chart's diagnosis is neurona.plot's, sent as regime, remedies and text."""
from neurona.playground import diagnosis
from neurona.plot import diagnose

OVER = {"loss": [1.0 - 0.08 * i for i in range(12)], "val_loss": [1.0 - 0.01 * i for i in range(12)]}
GOOD = {"loss": [1.0 - 0.08 * i for i in range(12)], "val_loss": [1.02 - 0.08 * i for i in range(12)]}


def test_the_regime_and_remedies_of_the_plot_module_are_sent():
    sent = diagnosis.diagnose(OVER)
    expected = diagnose(OVER)
    assert sent == {"regime": "over-fitting", "remedies": list(expected.remedies), "text": str(expected)}
    assert sent["remedies"] and "varianza" in sent["text"]
    assert diagnosis.diagnose(GOOD)["regime"] == diagnose(GOOD).regime != "over-fitting"


def test_a_short_run_is_not_judged():
    assert diagnosis.diagnose({"loss": OVER["loss"][:9], "val_loss": OVER["val_loss"][:9]}) is None
