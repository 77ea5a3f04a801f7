"""Optional packages of the `fit` extra, imported only when a command needs them."""

from __future__ import annotations

import importlib
from types import ModuleType

from srcc.errors import SrccError

FIT_EXTRA = "pip install 'srcc[fit]'"


def require(module: str, purpose: str) -> ModuleType:
    """`module` imported, or one SrccError saying which extra brings it."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise SrccError(f"{purpose} needs {module.split('.')[0]} ({error}): {FIT_EXTRA}") from None
