// RUN: srcc-opt %s -p sym-merge-exp | filecheck %s

// exp(a) * y * inv(exp(b)) * exp(y): one exponential of a - b + y.
// CHECK-LABEL: func.func @product
func.func @product(%a: f64, %b: f64, %y: f64) -> f64 {
  %0 = sym.exp %a
  %1 = sym.mul %0, %y
  %2 = sym.exp %b
  %3 = sym.inv %2
  %4 = sym.mul %1, %3
  %5 = sym.exp %y
  %6 = sym.mul %4, %5
  func.return %6 : f64
  // CHECK:      %0 = sym.sub %a, %b
  // CHECK-NEXT: %1 = sym.add %0, %y
  // CHECK-NEXT: %2 = sym.exp %1
  // CHECK-NEXT: %3 = sym.mul %2, %y
  // CHECK-NEXT: func.return %3 : f64
}

// An exponential read outside the product stays; one left alone is not merged.
// CHECK-LABEL: func.func @shared
func.func @shared(%a: f64, %b: f64) -> (f64, f64) {
  // CHECK-NEXT: %0 = sym.exp %a
  // CHECK-NEXT: %1 = sym.exp %b
  // CHECK-NEXT: %2 = sym.mul %0, %1
  // CHECK-NEXT: func.return %2, %0 : f64, f64
  %0 = sym.exp %a
  %1 = sym.exp %b
  %2 = sym.mul %0, %1
  func.return %2, %0 : f64, f64
}
