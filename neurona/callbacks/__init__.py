"""Callbacks: objects whose hooks ``fit`` calls during training."""
from neurona.callbacks.base import Callback, CallbackList
from neurona.callbacks.convergence import Convergence
from neurona.callbacks.csv_logger import CSVLogger
from neurona.callbacks.early_stopping import EarlyStopping
from neurona.callbacks.history import History
from neurona.callbacks.lr_scheduler import LearningRateScheduler
from neurona.callbacks.model_checkpoint import ModelCheckpoint
from neurona.callbacks.progress import ProgressBar
from neurona.callbacks.terminate_on_nan import TerminateOnNaN

__all__ = [
    "CSVLogger", "Callback", "CallbackList", "Convergence", "EarlyStopping", "History",
    "LearningRateScheduler", "ModelCheckpoint", "ProgressBar", "TerminateOnNaN",
]
