// RUN: srcc-opt %s --verify-diagnostics --parsing-diagnostics --split-input-file | filecheck %s

func.func @f(%x: !fix.fixed<8, 3>) {
  %0 = fix.add %x, %x : !fix.fixed<8, 3>, !fix.fixed<8, 3> -> !fix.fixed<8, 3>
  func.return
}
// CHECK: fix.add result type must be !fix.fixed<9, 4>, got !fix.fixed<8, 3>

// -----

func.func @f(%x: !fix.fixed<8, 3>, %u: !fix.ufixed<8, 3>) {
  %0 = fix.add %x, %u : !fix.fixed<8, 3>, !fix.ufixed<8, 3> -> !fix.fixed<9, 4>
  func.return
}
// CHECK: fix.add result type must be !fix.fixed<10, 5>, got !fix.fixed<9, 4>

// -----

func.func @f(%u: !fix.ufixed<8, 3>) {
  %0 = fix.add %u, %u : !fix.ufixed<8, 3>, !fix.ufixed<8, 3> -> !fix.fixed<9, 4>
  func.return
}
// CHECK: fix.add result type must be !fix.ufixed<9, 4>, got !fix.fixed<9, 4>

// -----

func.func @f(%u: !fix.ufixed<8, 3>) {
  %0 = fix.sub %u, %u : !fix.ufixed<8, 3>, !fix.ufixed<8, 3> -> !fix.ufixed<9, 4>
  func.return
}
// CHECK: fix.sub result type must be !fix.fixed<9, 4>, got !fix.ufixed<9, 4>

// -----

func.func @f(%x: !fix.fixed<8, 3>, %u: !fix.ufixed<8, 3>) {
  %0 = fix.mul %x, %u : !fix.fixed<8, 3>, !fix.ufixed<8, 3> -> !fix.fixed<17, 7>
  func.return
}
// CHECK: fix.mul result type must be !fix.fixed<16, 6>, got !fix.fixed<17, 7>

// -----

func.func @f(%u: !fix.ufixed<8, 3>) {
  %0 = fix.neg %u : !fix.ufixed<8, 3> -> !fix.ufixed<9, 4>
  func.return
}
// CHECK: fix.neg result type must be !fix.fixed<9, 4>, got !fix.ufixed<9, 4>

// -----

func.func @f(%x: !fix.fixed<8, 3>) {
  %0 = fix.abs %x : !fix.fixed<8, 3> -> !fix.fixed<8, 3>
  func.return
}
// CHECK: fix.abs result type must be !fix.fixed<9, 4>, got !fix.fixed<8, 3>

// -----

func.func @f(%x: !fix.fixed<8, 3>) {
  %0 = fix.relu %x : !fix.fixed<8, 3> -> !fix.ufixed<7, 2>
  func.return
}
// CHECK: fix.relu result type must be !fix.fixed<8, 3>, got !fix.ufixed<7, 2>

// -----

func.func @f(%x: !fix.fixed<8, 3>) {
  %0 = fix.sign %x : !fix.fixed<8, 3> -> !fix.fixed<2, 1>
  func.return
}
// CHECK: fix.sign result type must be !fix.fixed<2, 2>, got !fix.fixed<2, 1>

// -----

func.func @f(%x: !fix.fixed<8, 3>, %y: !fix.fixed<6, 5>) {
  %0 = fix.min %x, %y : !fix.fixed<8, 3>, !fix.fixed<6, 5> -> !fix.fixed<8, 5>
  func.return
}
// CHECK: fix.min result type must be !fix.fixed<10, 5>, got !fix.fixed<8, 5>

// -----

func.func @f(%x: !fix.fixed<8, 3>, %u: !fix.ufixed<8, 3>) {
  %0 = fix.max %x, %u : !fix.fixed<8, 3>, !fix.ufixed<8, 3> -> !fix.fixed<8, 3>
  func.return
}
// CHECK: fix.max result type must be !fix.fixed<9, 4>, got !fix.fixed<8, 3>

// -----

func.func @f(%x: !fix.fixed<8, 3>) {
  %0 = fix.shift %x, 2 : !fix.fixed<8, 3> -> !fix.fixed<10, 5>
  func.return
}
// CHECK: fix.shift result type must be !fix.fixed<8, 5>, got !fix.fixed<10, 5>

// -----

func.func @f() {
  %0 = "fix.constant"() <{raw = #builtin.int<128>}> : () -> !fix.fixed<8, 2>
  func.return
}
// CHECK: fix.constant raw value 128 is out of range for !fix.fixed<8, 2> ([-128, 127])

// -----

func.func @f() {
  %0 = fix.constant 0.3 : !fix.fixed<8, 2>
  func.return
}
// CHECK: 0.3 is not exactly representable in !fix.fixed<8, 2>

// -----

func.func @f() {
  %0 = fix.constant 2.0 : !fix.fixed<8, 2>
  func.return
}
// CHECK: 2.0 is not exactly representable in !fix.fixed<8, 2>

// -----

func.func @f() {
  %0 = fix.constant -1.0 : !fix.ufixed<8, 2>
  func.return
}
// CHECK: -1.0 is not exactly representable in !fix.ufixed<8, 2>

// -----

func.func @f() {
  %0 = fix.constant 1.0 : f64
  func.return
}
// CHECK: expected a !fix.fixed or !fix.ufixed type, got f64

// -----

func.func @f() {
  %0 = fix.constant 1.0 : !fix.fixed<0, 0>
  func.return
}
// CHECK: fix.fixed width must be at least 1, got 0

// -----

func.func @f(%x: !fix.fixed<8, 3>) {
  %0 = fix.cast %x {round = "nearest", overflow = "sat"} : !fix.fixed<8, 3> -> !fix.fixed<4, 2>
  func.return
}
// CHECK: fix.cast round must be one of trn, trn_zero, rnd, rnd_zero, rnd_min_inf, rnd_inf, rnd_conv, got nearest

// -----

func.func @f(%x: !fix.fixed<8, 3>) {
  %0 = fix.cast %x {round = "rnd", overflow = "clip"} : !fix.fixed<8, 3> -> !fix.fixed<4, 2>
  func.return
}
// CHECK: fix.cast overflow must be one of wrap, sat, sat_zero, sat_sym, got clip

// -----

func.func @f(%x: !fix.fixed<8, 3>) {
  %0 = fix.cast %x {round = "rnd"} : !fix.fixed<8, 3> -> !fix.fixed<4, 2>
  func.return
}
// CHECK: missing properties: overflow

// -----

func.func @f(%x: !fix.fixed<8, 3>) {
  %0 = fix.cast %x {round = "rnd", overflow = "sat", round = "trn"} : !fix.fixed<8, 3> -> !fix.fixed<4, 2>
  func.return
}
// CHECK: unexpected or repeated property `round`

// -----

func.func @f(%x: !fix.fixed<8, 3>) {
  %0 = fix.add %x, %x : i32, i32 -> i32
  func.return
}
// CHECK: Unexpected attribute i32

// -----

func.func @f(%x: !fix.fixed<8, 3>, %i: i32) {
  %0 = "fix.add"(%x, %i) : (!fix.fixed<8, 3>, i32) -> !fix.fixed<9, 4>
  func.return
}
// CHECK: operand 'rhs' at position 1 does not verify

// -----

func.func @f(%x: !fix.fixed<8, 3>) {
  %0 = fix.lut %x {function = "f", shift = -2, offset = 0, mode = "reflect", symmetry = "none", interpolate = false, max_error = 0.0, lipschitz = 0.0, entries = [1, 2, 3]} : !fix.fixed<8, 3> -> !fix.fixed<8, 1>
  func.return
}
// CHECK: fix.lut mode must be one of clamp, wrap, got reflect

// -----

func.func @f(%x: !fix.fixed<8, 3>) {
  %0 = fix.lut %x {function = "f", shift = -2, offset = 0, mode = "clamp", symmetry = "half", interpolate = false, max_error = 0.0, lipschitz = 0.0, entries = [1, 2, 3]} : !fix.fixed<8, 3> -> !fix.fixed<8, 1>
  func.return
}
// CHECK: fix.lut symmetry must be one of none, even, odd, quarter, got half

// -----

func.func @f(%x: !fix.fixed<8, 3>) {
  %0 = fix.lut %x {function = "f", shift = -2, offset = 0, mode = "clamp", symmetry = "quarter", interpolate = false, max_error = 0.0, lipschitz = 0.0, entries = [1, 2, 3]} : !fix.fixed<8, 3> -> !fix.fixed<8, 1>
  func.return
}
// CHECK: fix.lut with symmetry "quarter" needs mode "wrap"

// -----

func.func @f(%x: !fix.fixed<8, 3>) {
  %0 = fix.lut %x {function = "f", shift = -2, offset = 0, mode = "clamp", symmetry = "none", interpolate = false, max_error = 0.0, lipschitz = 0.0, entries = []} : !fix.fixed<8, 3> -> !fix.fixed<8, 1>
  func.return
}
// CHECK: fix.lut needs at least one entry

// -----

func.func @f(%x: !fix.fixed<8, 3>) {
  %0 = fix.lut %x {function = "f", shift = -2, offset = 0, mode = "wrap", symmetry = "quarter", interpolate = true, max_error = 0.0, lipschitz = 0.0, entries = [1, 2, 3]} : !fix.fixed<8, 3> -> !fix.fixed<8, 1>
  func.return
}
// CHECK: fix.lut cannot interpolate with symmetry "quarter"

// -----

func.func @f(%x: !fix.fixed<8, 3>) {
  %0 = fix.lut %x {function = "f", shift = -2, offset = 0, mode = "clamp", symmetry = "none", interpolate = true, max_error = 0.0, lipschitz = 0.0, entries = [1]} : !fix.fixed<8, 3> -> !fix.fixed<8, 1>
  func.return
}
// CHECK: fix.lut with interpolation needs at least two entries

// -----

func.func @f(%x: !fix.fixed<8, 3>) {
  %0 = fix.lut %x {function = "f", shift = -5, offset = 0, mode = "clamp", symmetry = "none", interpolate = true, max_error = 0.0, lipschitz = 0.0, entries = [1, 2, 3]} : !fix.fixed<8, 3> -> !fix.fixed<8, 1>
  func.return
}
// CHECK: fix.lut interpolation needs argument bits below the index (k = F + shift > 0), got k = 0

// -----

func.func @f(%x: !fix.fixed<8, 3>) {
  %0 = fix.lut %x {function = "f", shift = -2, offset = 0, mode = "clamp", symmetry = "odd", interpolate = false, max_error = 0.0, lipschitz = 0.0, entries = [1, 2, 3]} : !fix.fixed<8, 3> -> !fix.ufixed<8, 1>
  func.return
}
// CHECK: fix.lut with symmetry odd needs a signed result type

// -----

func.func @f(%x: !fix.fixed<8, 3>) {
  %0 = fix.lut %x {function = "f", shift = -2, offset = 0, mode = "clamp", symmetry = "odd", interpolate = false, max_error = 0.0, lipschitz = 0.0, entries = [-128, 0]} : !fix.fixed<8, 3> -> !fix.fixed<8, 1>
  func.return
}
// CHECK: fix.lut entry -128 is out of range for !fix.fixed<8, 1> ([-127, 127])

// -----

func.func @f(%x: !fix.fixed<8, 3>) {
  %0 = fix.lut %x {function = "f", shift = -2, offset = 0, mode = "clamp", symmetry = "none", interpolate = false, max_error = 0.0, lipschitz = 0.0, entries = [0, 128]} : !fix.fixed<8, 3> -> !fix.fixed<8, 1>
  func.return
}
// CHECK: fix.lut entry 128 is out of range for !fix.fixed<8, 1> ([-128, 127])

// -----

func.func @f(%x: !fix.fixed<8, 3>) {
  %0 = fix.lut %x {function = "f", shift = -2, offset = 0, mode = "clamp", symmetry = "none", interpolate = false, max_error = -1.0, lipschitz = 0.0, entries = [1, 2, 3]} : !fix.fixed<8, 3> -> !fix.fixed<8, 1>
  func.return
}
// CHECK: fix.lut max_error must be finite and >= 0, got -1.0

// -----

func.func @f(%x: !fix.fixed<8, 3>) {
  %0 = fix.lut %x {function = "f", shift = -2, mode = "clamp", symmetry = "none", interpolate = false, max_error = 0.0, lipschitz = 0.0, entries = [1, 2, 3]} : !fix.fixed<8, 3> -> !fix.fixed<8, 1>
  func.return
}
// CHECK: missing properties: offset

// -----

func.func @f(%x: !fix.fixed<8, 3>) {
  %0 = fix.lut %x {function = "f", shift = -2, index = 0, mode = "clamp", symmetry = "none", interpolate = false, max_error = 0.0, lipschitz = 0.0, entries = [1, 2, 3]} : !fix.fixed<8, 3> -> !fix.fixed<8, 1>
  func.return
}
// CHECK: unexpected or repeated property `index`

// -----

func.func @f(%x: !fix.fixed<8, 3>) {
  %0 = "fix.lut"(%x) <{function = "f", shift = #builtin.int<0>, offset = #builtin.int<0>, mode = "clamp", symmetry = "none", interpolate = false, max_error = 0.0 : f64, lipschitz = 0.0 : f64, entries = array<i32: 1, 2>}> : (!fix.fixed<8, 3>) -> !fix.fixed<8, 1>
  func.return
}
// CHECK: fix.lut entries must be an array<i64>

// -----

func.func @f(%x: !fix.fixed<8, 3>) {
  %0 = fix.select %x, %x, %x : !fix.fixed<8, 3>, !fix.fixed<8, 3>, !fix.fixed<8, 3> -> !fix.fixed<8, 3>
  func.return
}
// CHECK: fix.select condition must be !fix.ufixed<1, 1>, got !fix.fixed<8, 3>
