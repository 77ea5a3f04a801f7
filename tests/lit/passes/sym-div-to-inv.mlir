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
