// RUN: not srcc-opt %s 2>&1 | filecheck %s

// CHECK: {{^}}srcc-opt: error: sym.powi at model.expr:2:5: sym.powi exponent must not be 0 or 1, got 1{{$}}
// CHECK-NOT: Traceback
func.func @f(%x: f64) -> f64 {
  %0 = sym.powi %x, 1 loc("model.expr":2:5)
  func.return %0 : f64
}
