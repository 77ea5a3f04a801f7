// RUN: srcc-opt %s -p sym-factor | filecheck %s

// u**12 - u**6 with u**6 shared: u**6 * (u**6 - 1), each u**6 rebuilt by squaring (CSE
// merges them); the old chain is dead and erased.
// CHECK-LABEL: func.func @difference_of_powers
func.func @difference_of_powers(%u: f64) -> f64 {
  %2 = sym.mul %u, %u
  %3 = sym.mul %u, %2
  %6 = sym.mul %3, %3
  %12 = sym.mul %6, %6
  %d = sym.sub %12, %6
  func.return %d : f64
  // CHECK:      %d = sym.mul %u, %u
  // CHECK-NEXT: %d_1 = sym.mul %u, %d
  // CHECK-NEXT: %d_2 = sym.mul %d_1, %d_1
  // CHECK-NEXT: %d_3 = sym.constant 1.0
  // CHECK-NEXT: %d_4 = sym.sub %d_2, %d_3
  // CHECK-NEXT: %d_5 = sym.mul %u, %u
  // CHECK-NEXT: %d_6 = sym.mul %u, %d_5
  // CHECK-NEXT: %d_7 = sym.mul %d_6, %d_6
  // CHECK-NEXT: %d_8 = sym.mul %d_7, %d_4
  // CHECK-NEXT: func.return %d_8 : f64
}

// A polynomial becomes Horner's form; the constant term stays outside.
// CHECK-LABEL: func.func @horner
func.func @horner(%x: f64) -> f64 {
  %c0 = sym.constant 0.5
  %c1 = sym.constant 2.0
  %c2 = sym.constant 3.0
  %c3 = sym.constant -1.5
  %a = sym.mul %x, %c1
  %xx = sym.mul %x, %x
  %b = sym.mul %xx, %c2
  %xxx = sym.mul %x, %xx
  %c = sym.mul %xxx, %c3
  %s1 = sym.add %a, %c0
  %s2 = sym.add %s1, %b
  %s3 = sym.add %s2, %c
  func.return %s3 : f64
  // CHECK:      %c0 = sym.constant 0.5
  // CHECK-NEXT: %s3 = sym.constant 2.0
  // CHECK-NEXT: %s3_1 = sym.constant 3.0
  // CHECK-NEXT: %s3_2 = sym.constant -1.5
  // CHECK-NEXT: %s3_3 = sym.mul %x, %s3_2
  // CHECK-NEXT: %s3_4 = sym.add %s3_1, %s3_3
  // CHECK-NEXT: %s3_5 = sym.mul %x, %s3_4
  // CHECK-NEXT: %s3_6 = sym.add %s3, %s3_5
  // CHECK-NEXT: %s3_7 = sym.mul %x, %s3_6
  // CHECK-NEXT: %s3_8 = sym.add %s3_7, %c0
  // CHECK-NEXT: func.return %s3_8 : f64
}

// x*y - x is x*(y - 1); a term without the factor (z) and a shared product (p, read twice)
// are left as they are.
// CHECK-LABEL: func.func @partial
func.func @partial(%x: f64, %y: f64, %z: f64) -> (f64, f64) {
  %xy = sym.mul %x, %y
  %p = sym.mul %y, %z
  %s1 = sym.sub %xy, %x
  %s2 = sym.add %s1, %z
  %s3 = sym.add %s2, %p
  func.return %s3, %p : f64, f64
  // CHECK:      %p = sym.mul %y, %z
  // CHECK-NEXT: %s3 = sym.constant 1.0
  // CHECK-NEXT: %s3_1 = sym.sub %y, %s3
  // CHECK-NEXT: %s3_2 = sym.mul %x, %s3_1
  // CHECK-NEXT: %s3_3 = sym.add %s3_2, %z
  // CHECK-NEXT: %s3_4 = sym.add %s3_3, %p
  // CHECK-NEXT: func.return %s3_4, %p : f64, f64
}

// No factor is shared: nothing changes.
// CHECK-LABEL: func.func @unchanged
func.func @unchanged(%x: f64, %y: f64) -> f64 {
  // CHECK-NEXT: %xx = sym.mul %x, %x
  // CHECK-NEXT: %s = sym.add %xx, %y
  // CHECK-NEXT: func.return %s : f64
  %xx = sym.mul %x, %x
  %s = sym.add %xx, %y
  func.return %s : f64
}
