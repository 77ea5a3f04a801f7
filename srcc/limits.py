"""The limits srcc enforces on what it reads, in one place (docs/security.md lists them).

Each is checked where the value first arrives (the command line and `srcc.compile` /
`Model.write` share the checks), before any allocation it would size, and a value beyond
it is refused with an error naming the limit.
"""

MAX_TABLE_SIZE = 2**16
"""Entries of one lookup table (`--max-table-size`, `--lut FUNC:size=N`)."""

MAX_VECTORS = 100_000
"""Testbench vectors of a written project (`--vectors`): tb_data grows with them."""

MAX_INPUTS = 10_000
"""Inputs of one model (`x9999`, or the length of `--names`)."""

MAX_NAME_LENGTH = 64
"""Characters of an input name or top function name."""

MAX_PART_LENGTH = 64
"""Characters of an FPGA part name (`--part`)."""

MIN_CLOCK_NS = 0.1
MAX_CLOCK_NS = 10_000.0
"""The clock periods a project may be written for (`--clock`), in ns."""

MAX_FILE_BYTES = 64 * 2**20
"""Size of a file srcc reads: an expression file, hall of fame or calibration sample."""

MAX_EXPRESSION_LENGTH = 4_000_000
"""Characters of one expression (a 10,000-term sum is about 150,000)."""
