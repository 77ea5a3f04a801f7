// RUN: not srcc-opt %s 2>&1 | filecheck %s

// CHECK: {{^}}srcc-opt: error: {{.*}}parse-error.mlir:[[# @LINE + 4]]:3: Expected '=' after operation result list{{$}}
// CHECK-NOT: Traceback
func.func @f(%x: f64) -> f64 {
  %0 = sym.sin %x %x
  func.return %0 : f64
}
