"""Analyses of srcc: what passes and reports compute about IR without rewriting it.

Sound interval arithmetic (`interval`), range analysis of `sym` (`range_analysis`), the error
model and precision planning (`precision`, with `fixed_format` and `monotone_search`), lookup
table design (`lut_tables`), and the device model with the latency and resource estimate of
`fix` (`device_model`, `schedule`). The passes in `srcc.passes` call them; nothing here
rewrites IR or imports a pass.
"""
