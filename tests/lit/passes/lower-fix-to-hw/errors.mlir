// RUN: not srcc-opt %s -p 'lower-fix-to-hw{constant_multipliers="luts"}' 2>&1 | filecheck %s --check-prefix=OPTION
// RUN: not srcc-opt %s --split-input-file -p lower-fix-to-hw 2>&1 | filecheck %s --check-prefix=OP

// OPTION: srcc-opt: error: constant_multipliers must be one of auto, dsp, shift-add, got 'luts'
func.func @scale(%x: !fix.fixed<8, 4>) -> !fix.fixed<8, 4> {
  func.return %x : !fix.fixed<8, 4>
}

// -----

// An op the lowering does not know is refused by name (the cost model, which schedules
// the function first, meets it).
// OP: srcc-opt: error: no cost model for builtin.unrealized_conversion_cast
func.func @mixed(%x: !fix.fixed<8, 4>) -> f64 {
  %f = builtin.unrealized_conversion_cast %x : !fix.fixed<8, 4> to f64
  func.return %f : f64
}
