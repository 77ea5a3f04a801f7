// RUN: srcc-opt %s -p sym-expand-powi | filecheck %s

// Repeated squaring, most significant bit first.
// CHECK-LABEL: func.func @positive
func.func @positive(%x: f64) -> (f64, f64, f64, f64, f64) {
  // CHECK-NEXT: %p2 = sym.mul %x, %x
  // CHECK-NEXT: %p3 = sym.mul %x, %x
  // CHECK-NEXT: %p3_1 = sym.mul %x, %p3
  // CHECK-NEXT: %p4 = sym.mul %x, %x
  // CHECK-NEXT: %p4_1 = sym.mul %p4, %p4
  // CHECK-NEXT: %p5 = sym.mul %x, %x
  // CHECK-NEXT: %p5_1 = sym.mul %p5, %p5
  // CHECK-NEXT: %p5_2 = sym.mul %x, %p5_1
  // CHECK-NEXT: %p6 = sym.mul %x, %x
  // CHECK-NEXT: %p6_1 = sym.mul %x, %p6
  // CHECK-NEXT: %p6_2 = sym.mul %p6_1, %p6_1
  // CHECK-NEXT: func.return %p2, %p3_1, %p4_1, %p5_2, %p6_2
  %p2 = sym.powi %x, 2
  %p3 = sym.powi %x, 3
  %p4 = sym.powi %x, 4
  %p5 = sym.powi %x, 5
  %p6 = sym.powi %x, 6
  func.return %p2, %p3, %p4, %p5, %p6 : f64, f64, f64, f64, f64
}

// A negative power is the inverse of the positive one.
// CHECK-LABEL: func.func @negative
func.func @negative(%x: f64) -> (f64, f64) {
  // CHECK-NEXT: %m1 = sym.inv %x
  // CHECK-NEXT: %m2 = sym.mul %x, %x
  // CHECK-NEXT: %m2_1 = sym.inv %m2
  // CHECK-NEXT: func.return %m1, %m2_1
  %m1 = sym.powi %x, -1
  %m2 = sym.powi %x, -2
  func.return %m1, %m2 : f64, f64
}

// `square` and `cube` are powers too; other ops are left alone.
// CHECK-LABEL: func.func @square_cube
func.func @square_cube(%x: f64) -> (f64, f64, f64) {
  // CHECK-NEXT: %sq = sym.mul %x, %x
  // CHECK-NEXT: %cu = sym.mul %x, %x
  // CHECK-NEXT: %cu_1 = sym.mul %x, %cu
  // CHECK-NEXT: %inv = sym.inv %x
  // CHECK-NEXT: func.return %sq, %cu_1, %inv
  %sq = sym.square %x
  %cu = sym.cube %x
  %inv = sym.inv %x
  func.return %sq, %cu, %inv : f64, f64, f64
}
