"""`ap_fixed` arithmetic on raw integers, vectorised with numpy.

A value of a fixed-point type T is held as its raw integer r (standing for r * 2**-F). An
array of raw values of T is `int64` when T is at most `INT64_BITS` wide, and otherwise a numpy
object array of Python ints: the exact path, for any width. Functions take either kind and
return the kind their result type asks for.

Casting follows `ap_fixed`'s assignment: quantise first (the rounding mode), then handle
overflow (the overflow mode) on the rounded value. Quantising a float64 is exact, as C++'s
`double` -> `ap_fixed` conversion is: the float's exact binary value is rounded.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from srcc.dialects.fix import FixType, OverflowMode, RoundingMode

INT64_BITS = 62
"""Raw values and every intermediate on the int64 path stay below 2**62 in magnitude."""


def is_exact(bits: int) -> bool:
    """Whether values of `bits` bits need the exact (object) path."""
    return bits > INT64_BITS


def as_raw(raw: np.ndarray | Sequence[int], type_: FixType) -> np.ndarray:
    """Raw values as the array kind of `type_` (int64, or object for wide types)."""
    if is_exact(type_.width):
        array = np.asarray(raw, dtype=object)
        return np.vectorize(int, otypes=[object])(array) if array.size else array
    return np.asarray(raw).astype(np.int64)


def as_exact(raw: np.ndarray | int) -> np.ndarray:
    """An object array of Python ints with the values of `raw` (a constant's raw value may
    be one Python int: a 0-d array then)."""
    array = np.asarray(raw)
    if array.dtype == object:
        return array
    return array.astype(object)


def to_float(raw: np.ndarray, type_: FixType) -> np.ndarray:
    """raw * 2**-F as float64 (rounded to nearest when the raw value has over 53 bits)."""
    as_float = np.asarray(raw).astype(np.float64)
    return np.ldexp(as_float, -type_.frac_bits)


def rounding_increment(
    mode: RoundingMode,
    above_half: np.ndarray,
    at_half: np.ndarray,
    inexact: np.ndarray,
    negative: np.ndarray,
    odd: np.ndarray,
) -> np.ndarray:
    """Whether `mode` rounds the floor of a value up, from the discarded part's comparison
    with half an LSB, the value's sign and the floor's lowest bit (boolean arrays)."""
    if mode == RoundingMode.TRN:
        return np.zeros_like(above_half)
    if mode == RoundingMode.TRN_ZERO:
        return inexact & negative
    if mode == RoundingMode.RND:
        return above_half | at_half
    if mode == RoundingMode.RND_ZERO:
        return above_half | (at_half & negative)
    if mode == RoundingMode.RND_MIN_INF:
        return above_half
    if mode == RoundingMode.RND_INF:
        return above_half | (at_half & ~negative)
    if mode == RoundingMode.RND_CONV:
        return above_half | (at_half & odd)
    raise ValueError(f"unknown rounding mode {mode!r}; expected one of {', '.join(RoundingMode)}")


def round_shift(raw: np.ndarray, shift: int, mode: RoundingMode) -> np.ndarray:
    """raw / 2**shift rounded to an integer by `mode` (raw * 2**-shift when shift <= 0).

    On the int64 path |raw| must be below 2**62 and the result must fit (callers check)."""
    if shift <= 0:
        return raw << -shift
    if raw.dtype != object and shift > INT64_BITS:
        # |raw| / 2**shift < 1/2: floor is the sign, and every rounding to nearest gives 0.
        floor = raw >> INT64_BITS
        never = np.zeros(raw.shape, dtype=bool)
        return floor + rounding_increment(mode, never, never, raw != 0, raw < 0, floor != 0)
    floor = raw >> shift
    if mode == RoundingMode.TRN:
        return floor
    discarded = raw & ((1 << shift) - 1)
    half = 1 << (shift - 1)
    increment = rounding_increment(
        mode,
        np.asarray(discarded > half, dtype=bool),
        np.asarray(discarded == half, dtype=bool),
        np.asarray(discarded != 0, dtype=bool),
        np.asarray(raw < 0, dtype=bool),
        np.asarray(floor & 1, dtype=bool),
    )
    return floor + increment.astype(np.int64)


def overflow_bounds(dst: FixType, mode: OverflowMode, source_signed: bool) -> tuple[int, int]:
    """The raw range values saturate to. AP_SAT_SYM keeps -max (not min) for a signed
    source into a signed type; ap_fixed leaves a 1-bit type's range as it is."""
    low = dst.min_raw
    if mode == OverflowMode.SAT_SYM and dst.signed and source_signed and dst.width > 1:
        low += 1
    return low, dst.max_raw


def handle_overflow(
    value: np.ndarray, dst: FixType, mode: OverflowMode, source_signed: bool
) -> tuple[np.ndarray, np.ndarray]:
    """`value` (rounded integers; |value| <= 2**62 on the int64 path) into `dst`'s raw range
    by the overflow mode; also the mask of elements that were out of range."""
    low, high = overflow_bounds(dst, mode, source_signed)
    outside = np.asarray((value < low) | (value > high), dtype=bool)
    if mode == OverflowMode.WRAP:
        outside = np.asarray((value < dst.min_raw) | (value > dst.max_raw), dtype=bool)
        mask = (1 << dst.width) - 1
        return ((value - dst.min_raw) & mask) + dst.min_raw, outside
    if mode in (OverflowMode.SAT, OverflowMode.SAT_SYM):
        return np.minimum(np.maximum(value, low), high), outside
    if mode == OverflowMode.SAT_ZERO:
        return np.where(outside, 0, value), outside
    raise ValueError(f"unknown overflow mode {mode!r}; expected one of {', '.join(OverflowMode)}")


def _to_kind(raw: np.ndarray, type_: FixType) -> np.ndarray:
    if is_exact(type_.width):
        return as_exact(raw)
    return raw.astype(np.int64) if raw.dtype == object else raw


def cast_counting(
    raw: np.ndarray,
    src: FixType,
    dst: FixType,
    round: RoundingMode = RoundingMode.TRN,
    overflow: OverflowMode = OverflowMode.WRAP,
) -> tuple[np.ndarray, np.ndarray]:
    """`cast`, and the mask of elements whose rounded value was out of `dst`'s range."""
    shift = src.frac_bits - dst.frac_bits
    bits = max(src.width + max(-shift, 0), dst.width) + 1
    value = np.asarray(raw)
    if is_exact(bits):
        value = as_exact(value)
    rounded = round_shift(value, shift, round)
    result, outside = handle_overflow(rounded, dst, overflow, src.signed)
    return _to_kind(result, dst), outside


def cast(
    raw: np.ndarray,
    src: FixType,
    dst: FixType,
    round: RoundingMode = RoundingMode.TRN,
    overflow: OverflowMode = OverflowMode.WRAP,
) -> np.ndarray:
    """Raw values of `src` assigned to `dst` with the given rounding and overflow modes,
    as `dst_t y = x;` does for `ap_fixed` types with those modes."""
    return cast_counting(raw, src, dst, round, overflow)[0]


def quantize(
    values: np.ndarray | Sequence[float],
    dst: FixType,
    round: RoundingMode = RoundingMode.RND_CONV,
    overflow: OverflowMode = OverflowMode.SAT,
) -> np.ndarray:
    """Float64 values converted exactly into `dst` (raw), as `dst_t y = double_value;`.
    NaN becomes 0; infinities overflow."""
    floats = np.asarray(values, dtype=np.float64)
    if np.isnan(floats).any():
        floats = np.where(np.isnan(floats), 0.0, floats)
    if is_exact(dst.width):
        return _quantize_exact(floats, dst, round, overflow)
    with np.errstate(all="ignore"):  # infinities are handled explicitly
        if round == RoundingMode.RND_CONV and overflow == OverflowMode.SAT:
            return _quantize_nearest_saturate(floats, dst)
        return _quantize_int64(floats, dst, round, overflow)


def _quantize_nearest_saturate(floats: np.ndarray, dst: FixType) -> np.ndarray:
    """The fast path of how inputs enter the firmware: scaling by a power of two is exact,
    `rint` rounds ties to even (AP_RND_CONV) and the clip saturates (AP_SAT)."""
    scaled = np.rint(np.ldexp(floats, dst.frac_bits))
    limit = float(2**INT64_BITS)  # the raw limits themselves may not be doubles
    integers = np.clip(scaled, -limit, limit).astype(np.int64)
    return np.clip(integers, dst.min_raw, dst.max_raw)


def _quantize_int64(
    floats: np.ndarray, dst: FixType, round: RoundingMode, overflow: OverflowMode
) -> np.ndarray:
    scaled = np.ldexp(floats, dst.frac_bits)
    floor = np.floor(scaled)
    # A negative value too small for a subnormal: floor -1, discarded part in (1/2, 1).
    vanished = (scaled == 0) & (floats < 0)
    floor = np.where(vanished, -1.0, floor)
    discarded = np.where(vanished, 0.75, scaled - floor)
    increment = rounding_increment(
        round,
        discarded > 0.5,
        discarded == 0.5,
        discarded != 0,
        floats < 0,
        np.fmod(floor, 2.0) != 0,
    )
    rounded = floor + increment
    if overflow == OverflowMode.WRAP:
        # fmod by a power of two is exact; integer values at or beyond 2**1024 wrap to 0.
        wrapped = np.fmod(rounded, float(2**dst.width))
        rounded = np.where(np.isfinite(wrapped), wrapped, 0.0)
    limit = float(2**INT64_BITS)
    integers = np.clip(rounded, -limit, limit).astype(np.int64)
    return handle_overflow(integers, dst, overflow, True)[0]


def _quantize_exact(
    floats: np.ndarray, dst: FixType, round: RoundingMode, overflow: OverflowMode
) -> np.ndarray:
    """The object path: every float is an exact multiple of 2**-frac, with one common frac."""
    finite = np.isfinite(floats)
    limit = 2.0 ** min(max(dst.int_bits + 1, 1), 1023)
    clipped = np.where(finite, floats, np.copysign(limit, floats)).ravel()
    ratios = [value.as_integer_ratio() for value in clipped.tolist()]
    frac = max((den.bit_length() - 1 for _, den in ratios), default=0)
    raw = np.empty(len(ratios), dtype=object)
    raw[:] = [num << (frac - den.bit_length() + 1) for num, den in ratios]
    rounded = round_shift(raw, frac - dst.frac_bits, round)
    result = handle_overflow(rounded, dst, overflow, True)[0]
    if overflow == OverflowMode.WRAP:
        result = np.where(finite.ravel(), result, 0)
    return _to_kind(np.asarray(result, dtype=object), dst).reshape(floats.shape)
