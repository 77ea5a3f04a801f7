// RUN: srcc-opt %s -p sym-canonical-order | filecheck %s
// RUN: srcc-opt %s -p sym-canonical-order,cse | filecheck %s --check-prefix=CSE

// Block arguments by index, then op results in order of definition, constants last.
// CHECK-LABEL: func.func @order
func.func @order(%x0: f64, %x1: f64) -> (f64, f64, f64, f64, f64, f64, f64) {
  // CHECK-NEXT: %c = sym.constant 2.0
  // CHECK-NEXT: %a = sym.mul %x0, %x1
  // CHECK-NEXT: %b = sym.mul %x0, %x1
  // CHECK-NEXT: %s = sym.add %x0, %a
  // CHECK-NEXT: %t = sym.add %a, %b
  // CHECK-NEXT: %k = sym.mul %x1, %c
  // CHECK-NEXT: %l = sym.add %a, %c
  // CHECK-NEXT: %d = sym.sub %x1, %x0
  // CHECK-NEXT: func.return %a, %b, %s, %t, %k, %l, %d
  %c = sym.constant 2.0
  %a = sym.mul %x0, %x1
  %b = sym.mul %x1, %x0
  %s = sym.add %a, %x0
  %t = sym.add %b, %a
  %k = sym.mul %c, %x1
  %l = sym.add %a, %c
  %d = sym.sub %x1, %x0
  func.return %a, %b, %s, %t, %k, %l, %d : f64, f64, f64, f64, f64, f64, f64
}

// With the operands sorted, CSE merges a * b and b * a.
// CSE-LABEL: func.func @order
// CSE-NEXT: %c = sym.constant 2.0
// CSE-NEXT: %a = sym.mul %x0, %x1
// CSE-NEXT: %s = sym.add %x0, %a
// CSE-NEXT: %t = sym.add %a, %a
// CSE-NEXT: %k = sym.mul %x1, %c
// CSE-NEXT: %l = sym.add %a, %c
// CSE-NEXT: %d = sym.sub %x1, %x0
// CSE-NEXT: func.return %a, %a, %s, %t, %k, %l, %d

// Two constants keep their order of definition.
// CHECK-LABEL: func.func @constants
func.func @constants() -> f64 {
  // CHECK-NEXT: %c1 = sym.constant 1.0
  // CHECK-NEXT: %c2 = sym.constant 2.0
  // CHECK-NEXT: %a = sym.add %c1, %c2
  %c1 = sym.constant 1.0
  %c2 = sym.constant 2.0
  %a = sym.add %c2, %c1
  func.return %a : f64
}
