"""Canonicalization patterns of srcc's dialects, one module per dialect.

Ops name their patterns through `HasCanonicalizationPatternsTrait` traits that import these
modules on first use, as xDSL's ops do with `xdsl.transforms.canonicalization_patterns`;
xDSL's `canonicalize` pass applies them.
"""
