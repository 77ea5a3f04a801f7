"""Suite-wide settings: hypothesis runs derandomized under CI (`CI=true`), so CI is
deterministic; elsewhere it explores new examples on every run."""

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")
