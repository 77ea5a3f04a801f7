"""The one kind of error srcc reports to users: a clear line that points at the problem."""

from __future__ import annotations


class SrccError(Exception):
    """Bad user input. `str()` is the message; `render()` is what the CLI prints.

    `source` and `column` (0-based) point into the offending text, which is then shown
    under the message with a caret; `where` names a file and line (`hof.csv:4`).
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        column: int | None = None,
        where: str | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.source = source
        self.column = column
        self.where = where

    def render(self) -> str:
        """The message on one line, then the source and a caret under `column`; characters
        that would break the lines (newlines, other control characters) are escaped."""
        prefix = f"{self.where}: " if self.where else ""
        text = printable(f"srcc: error: {prefix}{self.message}")
        if self.source is not None and self.column is not None:
            caret = len(printable(self.source[: self.column]))
            text += f"\n  {printable(self.source)}\n  {' ' * caret}^"
        return text


class SrccWarning(UserWarning):
    """Something the user should know, though compilation went on (a budget missed)."""


def quoted(value: object, limit: int = 40) -> str:
    """`value` for an error message: its repr, which stays on one line, cut to `limit`."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def printable(text: str) -> str:
    """`text` with every character that is not printable (a newline, a carriage return, a
    terminal escape) written as its Python escape."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
