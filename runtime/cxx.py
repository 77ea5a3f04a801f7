"""Compile a C++ program with g++ against the ap_types headers, and run it.

Binaries are cached by a hash of the source and flags, so a test suite that compiles the
same program twice (or a second run of it) pays for g++ once.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from srcc.runtime.aptypes import find_ap_types

DEFAULT_FLAGS = ("-std=c++14", "-O2")


class CxxError(RuntimeError):
    """g++ failed, or the compiled program exited with an error; the message has its output."""


def default_cache_dir() -> Path:
    """`$SRCC_CACHE_DIR`, else `$XDG_CACHE_HOME/srcc/cxx`, else `~/.cache/srcc/cxx`."""
    if "SRCC_CACHE_DIR" in os.environ:
        return Path(os.environ["SRCC_CACHE_DIR"])
    xdg = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(xdg, "srcc", "cxx")


def compile_cxx(
    source: str,
    *,
    include_dirs: Sequence[str | os.PathLike[str]] = (),
    flags: Sequence[str] = DEFAULT_FLAGS,
    ap_types: str | os.PathLike[str] | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    compiler: str = "g++",
) -> Path:
    """The path of an executable built from `source` (cached by source, flags and headers)."""
    includes = [str(find_ap_types(ap_types)), *map(str, include_dirs)]
    command = [compiler, *flags, *(f"-I{d}" for d in includes)]
    key = hashlib.sha256("\0".join([*command, source]).encode()).hexdigest()[:24]
    cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    binary = cache / f"prog-{key}"
    if binary.is_file():
        return binary
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="srcc-cxx-") as work:
        source_path = Path(work, "main.cpp")
        source_path.write_text(source)
        built = Path(work, "prog")
        result = subprocess.run(
            [*command, str(source_path), "-o", str(built)], capture_output=True, text=True
        )
        if result.returncode != 0:
            raise CxxError(f"{compiler} failed:\n{result.stderr}")
        # Move into place atomically: parallel test workers may build the same program.
        staged = cache / f".{binary.name}.{os.getpid()}"
        shutil.move(built, staged)
        os.replace(staged, binary)
    return binary


def run_binary(binary: str | os.PathLike[str], stdin: str = "", args: Sequence[str] = ()) -> str:
    """Run a program, feeding `stdin`; its stdout, or `CxxError` if it fails."""
    result = subprocess.run([str(binary), *args], input=stdin, capture_output=True, text=True)
    if result.returncode != 0:
        raise CxxError(f"{binary} exited with {result.returncode}:\n{result.stderr}")
    return result.stdout


def run_cxx(source: str, stdin: str = "", **compile_options: object) -> str:
    """Compile `source` (see `compile_cxx`) and run it on `stdin`; its stdout."""
    return run_binary(compile_cxx(source, **compile_options), stdin)  # type: ignore[arg-type]
