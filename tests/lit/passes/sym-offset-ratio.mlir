// RUN: srcc-opt %s -p sym-offset-ratio | filecheck %s

// f*(c + vr)/(c + vs) is f*(1 + (vr - vs)/(c + vs)): c cancels.
// CHECK-LABEL: func.func @close_values
func.func @close_values(%f: f64, %c: f64, %vr: f64, %vs: f64) -> f64 {
  %0 = sym.add %c, %vr
  %1 = sym.mul %f, %0
  %2 = sym.add %c, %vs
  %3 = sym.inv %2
  %4 = sym.mul %1, %3
  func.return %4 : f64
  // CHECK:      %0 = sym.add %c, %vs
  // CHECK-NEXT: %1 = sym.inv %0
  // CHECK-NEXT: %2 = sym.sub %vr, %vs
  // CHECK-NEXT: %3 = sym.mul %2, %1
  // CHECK-NEXT: %4 = sym.constant 1.0
  // CHECK-NEXT: %5 = sym.add %4, %3
  // CHECK-NEXT: %6 = sym.mul %f, %5
  // CHECK-NEXT: func.return %6 : f64
}

// (u + v)/(2 + w) is (u + v)*(1 - w/(2 + w))/2; the reciprocal stays one op.
// CHECK-LABEL: func.func @constant_offset
func.func @constant_offset(%u: f64, %v: f64, %w: f64) -> f64 {
  %two = sym.constant 2.0
  %0 = sym.add %u, %v
  %1 = sym.add %w, %two
  %2 = sym.inv %1
  %3 = sym.mul %0, %2
  func.return %3 : f64
  // CHECK:      %two = sym.constant 2.0
  // CHECK-NEXT: %0 = sym.add %u, %v
  // CHECK-NEXT: %1 = sym.add %w, %two
  // CHECK-NEXT: %2 = sym.inv %1
  // CHECK-NEXT: %3 = sym.mul %w, %2
  // CHECK-NEXT: %4 = sym.constant 1.0
  // CHECK-NEXT: %5 = sym.sub %4, %3
  // CHECK-NEXT: %6 = sym.constant 0.5
  // CHECK-NEXT: %7 = sym.mul %5, %6
  // CHECK-NEXT: %8 = sym.mul %0, %7
  // CHECK-NEXT: func.return %8 : f64
}

// Nothing shared, no constant offset: nothing changes.
// CHECK-LABEL: func.func @unrelated
func.func @unrelated(%x: f64, %y: f64) -> f64 {
  // CHECK-NEXT: %0 = sym.inv %y
  // CHECK-NEXT: %1 = sym.mul %x, %0
  // CHECK-NEXT: func.return %1 : f64
  %0 = sym.inv %y
  %1 = sym.mul %x, %0
  func.return %1 : f64
}
