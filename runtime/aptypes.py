"""Where the `ap_fixed.h` headers are: a given path, `$XILINX_HLS/include`, or hls4ml's copy."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

HEADER = "ap_fixed.h"
HLS4ML_SUBDIR = Path("templates", "vivado", "ap_types")


class ApTypesNotFoundError(FileNotFoundError):
    """No directory with `ap_fixed.h` in any of the places srcc looks."""


def _hls4ml_ap_types() -> Path | None:
    # find_spec locates the package without importing it (importing hls4ml takes seconds).
    spec = importlib.util.find_spec("hls4ml")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / HLS4ML_SUBDIR


def find_ap_types(path: str | os.PathLike[str] | None = None) -> Path:
    """The directory holding `ap_fixed.h`: `path` if given (it must hold the header), else
    `$XILINX_HLS/include`, else the copy inside the installed hls4ml package."""
    if path is not None:
        if (Path(path) / HEADER).is_file():
            return Path(path)
        raise ApTypesNotFoundError(f"no {HEADER} in the ap_types directory given: {path}")
    xilinx_hls = os.environ.get("XILINX_HLS")
    candidates = [
        ("$XILINX_HLS/include", Path(xilinx_hls, "include") if xilinx_hls else None, "unset"),
        (f"hls4ml's {HLS4ML_SUBDIR.as_posix()}", _hls4ml_ap_types(), "hls4ml not installed"),
    ]
    looked = ["an explicit path (none given)"]
    for description, directory, missing in candidates:
        if directory is not None and (directory / HEADER).is_file():
            return directory
        looked.append(f"{description} ({directory or missing})")
    raise ApTypesNotFoundError(
        f"cannot find {HEADER}; looked at: {'; '.join(looked)}. Install hls4ml "
        "(`pip install hls4ml`), set $XILINX_HLS, or pass the ap_types directory."
    )
