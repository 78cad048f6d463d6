"""``CLIError``: a user's mistake (unknown preset, missing file, absent dataset), shown as one line."""
from __future__ import annotations


class CLIError(Exception):
    """An error the user can fix; the command prints its message on one line and exits with status 2.

    Examples
    --------
    >>> str(CLIError("unknown preset 'x'"))
    "unknown preset 'x'"
    """


def user_errors() -> tuple[type[BaseException], ...]:
    """The exception classes reported as one line (status 2) rather than as a traceback.

    They are imported here, when an error happens, so that ``neurona --help`` stays fast.

    Examples
    --------
    >>> CLIError in user_errors()
    True
    """
    from neurona.datasets.errors import DatasetIntegrityError, DatasetNotFoundError
    from neurona.saving import ModelFileError

    return (CLIError, DatasetNotFoundError, DatasetIntegrityError, ModelFileError, FileNotFoundError,
            IsADirectoryError, NotADirectoryError, PermissionError)
