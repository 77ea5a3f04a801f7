// RUN: srcc-opt %s -p sym-div-to-inv | filecheck %s

// CHECK-LABEL: func.func @divisions
func.func @divisions(%x: f64, %y: f64) -> (f64, f64, f64) {
  %one = sym.constant 1.0
  %two = sym.constant 2.0
  // CHECK:      %a = sym.inv %y
  // CHECK-NEXT: %a_1 = sym.mul %x, %a
  %a = sym.div %x, %y
  // CHECK-NEXT: %b = sym.inv %y
  %b = sym.div %one, %y
  // CHECK-NEXT: %c = sym.div %x, %two
  %c = sym.div %x, %two
  // CHECK-NEXT: func.return %a_1, %b, %c : f64, f64, f64
  func.return %a, %b, %c : f64, f64, f64
}

// A divisor that is a product: one reciprocal per distinct factor, a constant factor's
// reciprocal as a constant, and the product tree no one else reads erased.
// CHECK-LABEL: func.func @product_divisor
// CHECK-NOT:   sym.constant 4.0
func.func @product_divisor(%x: f64, %e: f64, %r: f64) -> f64 {
  %c = sym.constant 4.0
  %ce = sym.mul %c, %e
  %rr = sym.mul %r, %r
  %d = sym.mul %ce, %rr
  // CHECK:       %q = sym.inv %e
  // CHECK-NEXT:  %q_1 = sym.inv %r
  // CHECK-NEXT:  %q_2 = sym.constant 0.25
  // CHECK-NEXT:  %q_3 = sym.mul %q, %q_1
  // CHECK-NEXT:  %q_4 = sym.mul %q_3, %q_1
  // CHECK-NEXT:  %q_5 = sym.mul %q_4, %q_2
  // CHECK-NEXT:  %q_6 = sym.mul %x, %q_5
  // CHECK-NEXT:  func.return %q_6 : f64
  %q = sym.div %x, %d
  func.return %q : f64
}
