"""The figures of the course from one call (matplotlib, imported only when a figure is drawn).

Every function returns the :class:`~matplotlib.figure.Figure` and takes ``ax=``
to draw into the caller's axes; with no display, the Agg backend is used unless
the user chose another. :func:`diagnose` needs no matplotlib.

Examples
--------
>>> from neurona.plot import diagnose, learning_curves
>>> history = {"loss": [0.9, 0.6, 0.5, 0.45], "val_loss": [0.95, 0.7, 0.6, 0.55]}
>>> diagnose(history).regime
'good fit'
>>> fig = learning_curves(history)
>>> fig.savefig("curves.png")          # doctest: +SKIP
"""
from neurona.plot.confusion import confusion_counts, confusion_matrix
from neurona.plot.curves import learning_curves
from neurona.plot.diagnosis import Diagnosis, diagnose
from neurona.plot.history_data import read_history

__all__ = ["Diagnosis", "confusion_counts", "confusion_matrix", "diagnose", "learning_curves", "read_history"]
