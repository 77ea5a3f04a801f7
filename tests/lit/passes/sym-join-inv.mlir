// RUN: srcc-opt %s -p sym-join-inv | filecheck %s

// G*m*inv(r)*inv(r): one reciprocal of r*r, in the place of the first.
// CHECK-LABEL: func.func @square
func.func @square(%g: f64, %m: f64, %r: f64) -> f64 {
  %0 = sym.mul %g, %m
  %1 = sym.inv %r
  %2 = sym.mul %1, %1
  %3 = sym.mul %0, %2
  func.return %3 : f64
  // CHECK:      %0 = sym.mul %r, %r
  // CHECK-NEXT: %1 = sym.inv %0
  // CHECK-NEXT: %2 = sym.mul %g, %m
  // CHECK-NEXT: %3 = sym.mul %2, %1
  // CHECK-NEXT: func.return %3 : f64
}

// Reciprocals of different values join; one read outside the product stays.
// CHECK-LABEL: func.func @shared
func.func @shared(%x: f64, %a: f64, %b: f64, %c: f64) -> (f64, f64) {
  %ia = sym.inv %a
  %ib = sym.inv %b
  %ic = sym.inv %c
  %0 = sym.mul %x, %ia
  %1 = sym.mul %0, %ic
  %2 = sym.mul %1, %ib
  func.return %2, %ic : f64, f64
  // CHECK:      %ic = sym.inv %c
  // CHECK-NEXT: %0 = sym.mul %a, %b
  // CHECK-NEXT: %1 = sym.inv %0
  // CHECK-NEXT: %2 = sym.mul %x, %1
  // CHECK-NEXT: %3 = sym.mul %2, %ic
  // CHECK-NEXT: func.return %3, %ic : f64, f64
}

// One reciprocal: nothing to join.
// CHECK-LABEL: func.func @single
func.func @single(%x: f64, %a: f64) -> f64 {
  // CHECK-NEXT: %ia = sym.inv %a
  // CHECK-NEXT: %0 = sym.mul %x, %ia
  // CHECK-NEXT: func.return %0 : f64
  %ia = sym.inv %a
  %0 = sym.mul %x, %ia
  func.return %0 : f64
}
