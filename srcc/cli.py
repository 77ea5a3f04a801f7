"""The `srcc` command."""

import sys


def main(argv: list[str] | None = None) -> int:
    print("srcc: under construction", file=sys.stderr)
    return 1
