"""Golden outputs: the IR of every stage, the HLS C++ and report.json of every example and of
the benchmark formula sets (bench/compile.py's halls of fame, bench/corpus.py), byte for byte.

A refactor must leave them unchanged; an intended change regenerates them with
`SRCC_UPDATE_GOLDEN=1 pytest tests/test_golden.py` and names the change in its commit.
Test vectors enter as a digest (they are the emulator's outputs on 1000 points).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
import tempfile
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import srcc

REPOSITORY = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("SRCC_UPDATE_GOLDEN") == "1"


def _bench_module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        f"bench_{name}", REPOSITORY / "bench" / f"{name}.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _example_cases() -> Iterator[tuple[str, Callable[[Path], Any]]]:
    examples = REPOSITORY / "examples"
    yield (
        "example_jet_tagger",
        lambda _: srcc.compile(str(examples / "jet_tagger.txt"), ranges=(-3, 3)),
    )
    yield (
        "example_polynomial",
        lambda _: srcc.compile(str(examples / "polynomial.txt"), ranges=(-3, 3)),
    )
    yield (
        "example_hall_of_fame",
        lambda _: srcc.compile(str(examples / "hall_of_fame.csv"), ranges=(-3, 3)),
    )


def _throughput_cases() -> Iterator[tuple[str, Callable[[Path], Any]]]:
    bench = _bench_module("compile")
    for complexity in range(1, len(bench.TEMPLATES) + 1):

        def build(scratch: Path, complexity: int = complexity) -> Any:
            paths = bench.write_halls_of_fame(scratch, 5, len(bench.TEMPLATES), seed=1)
            return srcc.compile([str(p) for p in paths], complexity=complexity, ranges=(-3, 3))

        yield f"throughput_c{complexity:02d}", build


def _corpus_cases() -> Iterator[tuple[str, Callable[[Path], Any]]]:
    corpus = _bench_module("corpus")
    for entry in corpus.corpus():

        def build(_: Path, entry: Any = entry) -> Any:
            return srcc.compile(entry.source, names=list(entry.names), ranges=entry.range_map)

        yield f"corpus_{entry.name}", build


CASES = dict([*_example_cases(), *_throughput_cases(), *_corpus_cases()])


def _snapshot(model: Any, scratch: Path) -> str:
    """Every text file of the written project, the test vectors as digests."""
    project = model.write(scratch / "prj")
    parts = []
    for path in sorted(p for p in project.rglob("*") if p.is_file()):
        relative = path.relative_to(project).as_posix()
        data = path.read_bytes()
        if relative.startswith("tb_data/"):
            parts.append(f"==== {relative} sha256 {hashlib.sha256(data).hexdigest()}\n")
        else:
            parts.append(f"==== {relative}\n{data.decode()}")
    return "".join(parts)


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str) -> None:
    with tempfile.TemporaryDirectory() as scratch, warnings.catch_warnings():
        warnings.simplefilter("ignore", srcc.SrccWarning)
        root = Path(scratch)
        text = _snapshot(CASES[name](root), root)
    golden = GOLDEN / f"{name}.txt"
    if UPDATE:
        golden.write_text(text)
    assert golden.read_text() == text, f"{golden} differs (regenerate: SRCC_UPDATE_GOLDEN=1)"
