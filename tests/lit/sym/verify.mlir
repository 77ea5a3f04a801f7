// RUN: srcc-opt %s --verify-diagnostics --parsing-diagnostics --split-input-file | filecheck %s

func.func @bad_exponent(%x: f64) -> f64 {
  %0 = sym.powi %x, 1
  func.return %0 : f64
}
// CHECK: sym.powi exponent must not be 0 or 1, got 1

// -----

func.func @not_real(%x: i32) -> f64 {
  %0 = sym.sin %x
  func.return %0 : f64
}
// CHECK: operand is used with type f64, but has been previously used or defined with type i32

// -----

func.func @nan_constant() -> f64 {
  %0 = "sym.constant"() <{value = 0x7FF8000000000000 : f64}> : () -> f64
  func.return %0 : f64
}
// CHECK: sym.constant must be finite, got nan

// -----

func.func @empty_interval(%x: f64 {sym.name = "x", sym.range = #sym.interval<2.0, 1.0>}) -> f64 {
  func.return %x : f64
}
// CHECK: sym.interval needs finite bounds lo <= hi, got [2.0, 1.0]

// -----

func.func @domain_not_interval(%x: f64) -> f64 {
  %0 = sym.sin %x {sym.domain = [-1.0, 1.0]}
  func.return %0 : f64
}
// CHECK: sym.sin sym.domain must be a #sym.interval, got [-1.000000e+00 : f64, 1.000000e+00 : f64]

// -----

func.func @guard_on_a_smooth_op(%x: f64) -> f64 {
  %0 = sym.sin %x {sym.guard = 0.01 : f64}
  func.return %0 : f64
}
// CHECK: sym.sin is nowhere singular: it takes no sym.guard

// -----

func.func @negative_guard(%x: f64) -> f64 {
  %0 = sym.inv %x {sym.guard = -0.01 : f64}
  func.return %0 : f64
}
// CHECK: sym.inv sym.guard must be a positive finite f64, got -1.000000e-02 : f64
