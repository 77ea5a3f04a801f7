"""The least integer that passes a monotone test, in few tests when a good guess is known."""

from __future__ import annotations

from collections.abc import Callable


def least_passing(test: Callable[[int], bool], guess: int, lo: int, hi: int) -> int | None:
    """The least n in [lo, hi] that passes `test` (monotone: failing below some n, passing
    from there on), or None if `hi` fails. Gallops from `guess` until the answer is
    bracketed, then bisects: a guess d away from the answer costs about 2 log2(d) + 2
    tests."""
    fail, ok, step = lo - 1, hi + 1, 1
    while ok - fail > 1:
        if fail < lo and ok > hi:
            probe = min(max(guess, lo), hi)
        elif fail < lo:
            probe, step = max(ok - step, lo), 2 * step
        elif ok > hi:
            probe, step = min(fail + step, hi), 2 * step
        else:
            probe = (fail + ok) // 2
        if test(probe):
            ok = probe
        else:
            fail = probe
    return ok if ok <= hi else None
