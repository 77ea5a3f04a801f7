"""Reading the files a user names: expression files, halls of fame, calibration samples.

Every file is read whole, at most `MAX_FILE_BYTES`, as UTF-8 (a byte-order mark is
skipped); a file that cannot be read, is too large or is not UTF-8 is one `SrccError`
naming the file (and the line of a bad byte).
"""

from __future__ import annotations

import math
import os

import numpy as np

from srcc.errors import SrccError, quoted
from srcc.limits import MAX_FILE_BYTES


def read_text(path: str | os.PathLike[str]) -> str:
    """The text of the file at `path`."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise SrccError(f"cannot read {name}: {error.strerror or error}") from None
    if len(data) > MAX_FILE_BYTES:
        raise SrccError(f"{name} is larger than the limit of {MAX_FILE_BYTES} bytes")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SrccError(
            f"byte 0x{data[error.start]:02x} is not UTF-8 text", where=f"{name}:{line}"
        ) from None


def read_sample(path: str | os.PathLike[str]) -> np.ndarray:
    """A calibration sample: one row of comma-separated finite numbers per non-blank line,
    every row as long as the first."""
    name = os.fspath(path)
    rows: list[list[float]] = []
    for number, line in enumerate(read_text(name).splitlines(), start=1):
        if line.strip():
            rows.append(_sample_row(line, f"{name}:{number}"))
            if len(rows[-1]) != len(rows[0]):
                raise SrccError(
                    f"{len(rows[-1])} values, but the first row has {len(rows[0])}",
                    where=f"{name}:{number}",
                )
    if not rows:
        raise SrccError("the calibration sample holds no numbers", where=name)
    return np.array(rows, dtype=np.float64)


def _sample_row(line: str, where: str) -> list[float]:
    values = []
    for field in line.split(","):
        try:
            value = float(field)
        except ValueError:
            raise SrccError(f"{quoted(field.strip())} is not a number", where=where) from None
        if not math.isfinite(value):
            raise SrccError(f"{field.strip()} is not a finite number", where=where)
        values.append(value)
    return values
