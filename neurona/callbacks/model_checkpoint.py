"""``ModelCheckpoint``: save the weights after each epoch, or only the best ones."""
from __future__ import annotations

import string


from neurona.callbacks.base import Callback
from neurona.callbacks.monitor import Monitor


class ModelCheckpoint(Callback):
    """Write the model's weights to ``filepath`` (``.npz`` or ``.safetensors``, atomically) at the end of epochs.

    ``filepath`` may hold format fields such as ``"w-{epoch:02d}-{val_loss:.3f}.npz"``
    (epochs are numbered from 1): ``epoch`` and the quantities the model logs
    (``loss``, its metrics, and their ``val_`` versions). The fields are checked
    when training begins. With ``save_best_only`` a file is written only when
    ``monitor`` improves.

    Examples
    --------
    >>> from neurona.callbacks import ModelCheckpoint
    >>> checkpoint = ModelCheckpoint("best.npz", monitor="val_loss", save_best_only=True)
    """

    def __init__(self, filepath: str, monitor: str = "val_loss", save_best_only: bool = False,
                 mode: str = "auto", verbose: int = 0) -> None:
        self.filepath, self.save_best_only, self.verbose = str(filepath), save_best_only, verbose
        self.watch = Monitor(monitor, mode)
        self._fields = _fields(self.filepath)

    def on_train_begin(self, logs=None):
        logged = self._logged_names()
        if logged is None:
            return
        available = ["epoch", *logged]
        if self.save_best_only and self.watch.monitor not in available:
            raise KeyError(
                f"ModelCheckpoint: monitor={self.watch.monitor!r} is not a quantity the model logs; "
                f"available: {', '.join(available[1:])}"
            )
        unknown = [field for field in self._fields if field not in available]
        if unknown:
            raise KeyError(
                f"ModelCheckpoint: the path {self.filepath!r} names {', '.join(map(repr, unknown))}, which the "
                f"model does not log; available fields: {', '.join(available)}"
            )
        try:
            self.filepath.format(epoch=1, **{name: 0.0 for name in available[1:]})
        except (ValueError, TypeError) as error:
            raise ValueError(f"ModelCheckpoint: the path {self.filepath!r} cannot be formatted: {error}") from None

    def _logged_names(self) -> list[str] | None:
        """``loss``, the compiled metrics' log names, and their ``val_`` versions.

        None when the model's own ``train_step`` decides what it logs (a GAN's
        ``d_loss``): then the fields are checked against each epoch's logs.
        """
        from neurona.training import Model  # the training loop imports the callbacks

        model = self.model
        if type(model).train_step is not Model.train_step or getattr(model, "compiled", None) is None:
            return None
        names = model.compiled.log_names()
        return names + [f"val_{name}" for name in names]

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        if self.save_best_only:
            value = self.watch.value(logs, "ModelCheckpoint")
            if not self.watch.improves(value):
                return
            self.watch.best = value
        try:
            path = self.filepath.format(epoch=epoch + 1, **logs)
        except KeyError as error:
            raise KeyError(
                f"ModelCheckpoint: the path {self.filepath!r} names {error}, which is not in this epoch's logs "
                f"(is validation data given?); available: {', '.join(['epoch', *logs])}"
            ) from None
        self.model.save_weights(path)
        if self.verbose:
            print(f"ModelCheckpoint: saved weights to {path}")



def _fields(filepath: str) -> list[str]:
    """The names of the format fields of ``filepath`` (``{val_loss:.3f}`` → ``val_loss``)."""
    names = []
    try:
        parsed = list(string.Formatter().parse(filepath))
    except ValueError as error:
        raise ValueError(f"ModelCheckpoint: the path {filepath!r} is not a valid format string: {error}") from None
    for _, field, _, _ in parsed:
        if field is None:
            continue
        root = field.split(".", 1)[0].split("[", 1)[0]
        if not root or root.isdigit():
            raise ValueError(f"ModelCheckpoint: the path {filepath!r} has a positional field {{{field}}}; name it")
        names.append(root)
    return names
