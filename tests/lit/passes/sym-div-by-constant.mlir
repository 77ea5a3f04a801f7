// RUN: srcc-opt %s -p sym-div-by-constant | filecheck %s

// CHECK-LABEL: func.func @rewritten
func.func @rewritten(%x: f64) -> (f64, f64, f64) {
  // CHECK-NEXT: %half = sym.constant 0.5
  // CHECK-NEXT: %a = sym.constant 2.0
  // CHECK-NEXT: %a_1 = sym.mul %x, %a
  // CHECK-NEXT: %b = sym.constant -0.1
  // CHECK-NEXT: %b_1 = sym.mul %half, %b
  // CHECK-NEXT: %c = sym.constant 9.999999999999999e+299
  // CHECK-NEXT: %c_1 = sym.mul %x, %c
  // CHECK-NEXT: func.return %a_1, %b_1, %c_1
  %half = sym.constant 0.5
  %ten = sym.constant -10.0
  %tiny = sym.constant 1.0e-300
  %a = sym.div %x, %half
  %b = sym.div %half, %ten
  %c = sym.div %x, %tiny
  func.return %a, %b, %c : f64, f64, f64
}

// No rewrite for a zero divisor, a divisor whose reciprocal overflows, or a variable one.
// CHECK-LABEL: func.func @kept
func.func @kept(%x: f64, %y: f64) -> (f64, f64, f64, f64) {
  // CHECK-NEXT: %zero = sym.constant 0.0
  // CHECK-NEXT: %negzero = sym.constant -0.0
  // CHECK-NEXT: %subnormal = sym.constant 5.0e-324
  // CHECK-NEXT: %a = sym.div %x, %zero
  // CHECK-NEXT: %b = sym.div %x, %negzero
  // CHECK-NEXT: %c = sym.div %x, %subnormal
  // CHECK-NEXT: %d = sym.div %x, %y
  // CHECK-NEXT: func.return %a, %b, %c, %d
  %zero = sym.constant 0.0
  %negzero = sym.constant -0.0
  %subnormal = sym.constant 5.0e-324
  %a = sym.div %x, %zero
  %b = sym.div %x, %negzero
  %c = sym.div %x, %subnormal
  %d = sym.div %x, %y
  func.return %a, %b, %c, %d : f64, f64, f64, f64
}
