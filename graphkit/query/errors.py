"""The error of the query package, shared by the engine and the sandbox that runs it."""

from graphkit.errors import GraphkitError


class QueryError(GraphkitError):
    """A query is malformed, refused, or stopped for time or memory."""


class UpdateRefusedError(QueryError):
    """An update (LOAD, INSERT, DELETE ...) was sent to graphkit, which only reads."""


class QueryLimitError(QueryError):
    """A query was stopped by its time or memory limit (or its process died)."""

