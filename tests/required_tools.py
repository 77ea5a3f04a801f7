"""Tools a test module needs: skipped where they are missing, except under `CI=true`, where a
missing tool fails the suite (CI must run every test)."""

import os
import shutil

import pytest

from srcc.runtime.aptypes import ApTypesNotFoundError, find_ap_types


def _missing_csim_tool() -> str | None:
    try:
        find_ap_types()
    except ApTypesNotFoundError as error:
        return str(error)
    if shutil.which("g++") is None:
        return "g++ is not installed"
    return None


def require_csim_tools() -> None:
    """g++ and the `ap_fixed.h` headers, for C simulation; call at module level."""
    missing = _missing_csim_tool()
    if missing is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{missing} (under CI=true a missing tool fails)", pytrace=False)
    pytest.skip(missing, allow_module_level=True)


def require_fit_tools() -> None:
    """The `fit` extra (pyoperon, dask[distributed], matplotlib, tqdm); call at module level."""
    import importlib.util

    missing = [
        name
        for name in ("pyoperon", "distributed", "matplotlib", "tqdm")
        if importlib.util.find_spec(name) is None
    ]
    if not missing:
        return
    message = f"{', '.join(missing)} not installed (pip install -e '.[fit]')"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (under CI=true a missing tool fails)", pytrace=False)
    pytest.skip(message, allow_module_level=True)
