"""The fix type as srcc's one format (bounds, C++ spelling, parsing), the mode enums, and the
`#sym.interval` attribute (exact print/parse round trip, conversion to the analysis interval)."""

import math
import struct
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from xdsl.context import Context
from xdsl.parser import Parser
from xdsl.utils.exceptions import VerifyException

import srcc
from srcc.analysis.fixed_format import wrap_into
from srcc.analysis.interval import Interval
from srcc.dialects import fix
from srcc.dialects.fix import FixedType, UFixedType
from srcc.dialects.sym import IntervalAttr, Sym


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ap_fixed<16,6>", FixedType(16, 6)),
        (" ap_fixed < 16 , 6 > ", FixedType(16, 6)),
        ("ap_ufixed<8,-2>", UFixedType(8, -2)),
        ("ap_fixed<3,40>", FixedType(3, 40)),
    ],
)
def test_parse_cxx(text: str, expected: fix.FixType) -> None:
    assert fix.parse_cxx(text) == expected
    assert fix.parse_cxx(expected.cxx()) == expected


@pytest.mark.parametrize("text", ["ap_fixed<0,1>", "fixed<16,6>", "ap_fixed<16>", "ap_int<8>"])
def test_parse_cxx_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="ap_fixed<W,I>|width of at least 1"):
        fix.parse_cxx(text)


def test_cxx_spelling_has_no_spaces_and_modes_only_when_not_default() -> None:
    assert FixedType(16, 6).cxx() == "ap_fixed<16,6>"
    assert UFixedType(5, -1).cxx(fix.DEFAULT_MODES) == "ap_ufixed<5,-1>"
    assert FixedType(14, 3).cxx(fix.INPUT_ROUNDING) == "ap_fixed<14,3,AP_RND_CONV,AP_SAT>"
    modes = (fix.RoundingMode.TRN_ZERO, fix.OverflowMode.SAT_SYM)
    assert FixedType(6, 2).cxx(modes) == "ap_fixed<6,2,AP_TRN_ZERO,AP_SAT_SYM>"


@pytest.mark.parametrize(
    "type_",
    [FixedType(16, 6), FixedType(9, -2), FixedType(1, 1), UFixedType(8, 2), UFixedType(4, 7)],
)
def test_value_bounds_are_the_raw_bounds(type_: fix.FixType) -> None:
    assert type_.min_value == type_.value_of(type_.min_raw)
    assert type_.max_value == type_.value_of(type_.max_raw)
    assert type_.ulp == type_.value_of(1)
    assert type_.holds(Interval(type_.min_value, type_.max_value))
    assert not type_.holds(Interval(type_.min_value, type_.max_value + type_.ulp))
    assert not type_.holds(Interval(type_.min_value - type_.ulp, type_.max_value))


def test_from_bits_is_the_cached_signed_type() -> None:
    assert FixedType.from_bits(6, 10) == FixedType(16, 6)
    assert FixedType.from_bits(6, 10) is FixedType.from_bits(6, 10)
    assert UFixedType.from_bits(-2, 10) == UFixedType(8, -2)


@pytest.mark.parametrize(
    ("value", "type_", "wrapped"),
    [
        (Fraction(-81), FixedType(16, 6), Fraction(-17)),
        (Fraction(32), FixedType(16, 6), Fraction(-32)),
        (Fraction(9, 2), UFixedType(4, 2), Fraction(1, 2)),
        (Fraction(-1, 4), UFixedType(4, 2), Fraction(15, 4)),
    ],
)
def test_wrap_into(value: Fraction, type_: fix.FixType, wrapped: Fraction) -> None:
    assert wrap_into(value, type_) == wrapped


def test_modes_are_the_ir_spellings() -> None:
    assert [str(m) for m in fix.RoundingMode] == [
        "trn",
        "trn_zero",
        "rnd",
        "rnd_zero",
        "rnd_min_inf",
        "rnd_inf",
        "rnd_conv",
    ]
    assert [m.cxx for m in fix.OverflowMode] == ["AP_WRAP", "AP_SAT", "AP_SAT_ZERO", "AP_SAT_SYM"]
    assert [str(m) for m in fix.LutSymmetry] == ["none", "even", "odd", "quarter"]


def test_unsigned_precision_is_refused() -> None:
    with pytest.raises(srcc.SrccError, match=r"precision 'ap_ufixed<16,6>' must be a signed"):
        srcc.compile("x0 + 1", ranges=(0, 1), precision="ap_ufixed<16,6>")


def _bits(value: float) -> int:
    return struct.unpack("<Q", struct.pack("<d", value))[0]


finite = st.floats(allow_nan=False, allow_infinity=False)


@given(finite, finite)
def test_interval_attribute_prints_and_parses_back_exactly(a: float, b: float) -> None:
    lo, hi = min(a, b), max(a, b)
    attr = Interval(lo, hi).to_attr()
    text = str(attr)
    assert text.startswith("#sym.interval<")
    ctx = Context()
    ctx.load_dialect(Sym)
    parsed = Parser(ctx, text).parse_attribute()
    assert isinstance(parsed, IntervalAttr)
    assert (_bits(parsed.lo), _bits(parsed.hi)) == (_bits(lo), _bits(hi))
    assert Interval.from_attr(parsed) == Interval(lo, hi)


@pytest.mark.parametrize(("lo", "hi"), [(1.0, 0.0), (0.0, math.inf), (math.nan, 1.0)])
def test_interval_attribute_rejects(lo: float, hi: float) -> None:
    with pytest.raises(VerifyException, match="finite bounds lo <= hi"):
        IntervalAttr(lo, hi)
