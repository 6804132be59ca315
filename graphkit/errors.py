"""The one error hierarchy of graphkit.

Messages name the file, the line or the parameter, and what would fix it; only
``graphkit.cli`` turns these errors into one printed line and an exit code.
"""


class GraphkitError(Exception):
    """Base class of every error graphkit raises on purpose."""


class InputError(GraphkitError):
    """An input file or folder cannot be read as documents."""

    def __init__(self, path: str, problem: str, line: int | None = None):
        self.path = path
        self.line = line
        self.problem = problem
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {problem}")


class ModelNotFoundError(GraphkitError):
    """No spaCy pipeline with the requested name is installed."""


class UnknownNameError(GraphkitError, ValueError):
    """A name (extractor, exporter, format) is not registered."""


class ExportError(GraphkitError):
    """An output could not be written."""


class AliasFileError(GraphkitError):
    """A user alias file is malformed."""


def first_line(error: BaseException) -> str:
    """The first non-empty line of an error's message (its class name if it has none)."""
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
