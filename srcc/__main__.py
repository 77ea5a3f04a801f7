"""`python -m srcc` is the `srcc` command."""

import sys

from srcc.cli import main

sys.exit(main())
