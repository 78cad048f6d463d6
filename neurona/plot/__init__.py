"""The figures of the course from one call (matplotlib, imported only when a figure is drawn).

Every function returns the :class:`~matplotlib.figure.Figure` and takes ``ax=``
to draw into the caller's axes (one Axes per panel); with no display, the Agg
backend is used unless the user chose another. :func:`diagnose` needs no
matplotlib.

Examples
--------
>>> from neurona.plot import diagnose, learning_curves
>>> history = {"loss": [0.9, 0.6, 0.5, 0.45], "val_loss": [0.95, 0.7, 0.6, 0.55]}
>>> diagnose(history).regime
'good fit'
>>> fig = learning_curves(history)
>>> fig.savefig("curves.png")          # doctest: +SKIP
"""
from neurona.plot.activations import activations
from neurona.plot.boundary import decision_boundary
from neurona.plot.confusion import confusion_counts, confusion_matrix
from neurona.plot.convolution import feature_maps, filters
from neurona.plot.curves import learning_curves
from neurona.plot.diagnosis import Diagnosis, diagnose
from neurona.plot.gradient_norms import gradient_norms_through_time
from neurona.plot.history_data import read_history
from neurona.plot.images import image_grid
from neurona.plot.optimizer_paths import optimizer_paths
from neurona.plot.weights import weights_histogram

__all__ = [
    "Diagnosis", "activations", "confusion_counts", "confusion_matrix", "decision_boundary", "diagnose",
    "feature_maps", "filters", "gradient_norms_through_time", "image_grid", "learning_curves",
    "optimizer_paths", "read_history", "weights_histogram",
]
