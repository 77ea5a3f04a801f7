"""Frontends: build `sym` IR straight from strings, sympy and PySR halls of fame."""
