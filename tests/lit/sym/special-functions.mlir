// RUN: srcc-opt %s | filecheck %s
// RUN: srcc-opt %s --print-op-generic | srcc-opt | filecheck %s

// PySR's special functions and inverse hyperbolics, and a guarded op (sym.guard: its
// argument is kept at least eps from 0).
func.func @special(%x: f64) -> f64 {
  // CHECK:      %0 = sym.erf %x
  // CHECK-NEXT: %1 = sym.erfc %0
  // CHECK-NEXT: %2 = sym.gamma %1
  // CHECK-NEXT: %3 = sym.asinh %2
  // CHECK-NEXT: %4 = sym.acosh %3
  // CHECK-NEXT: %5 = sym.atanh %4
  // CHECK-NEXT: %6 = sym.atanh_clip %5
  // CHECK-NEXT: %7 = sym.log_abs %6 {sym.guard = 7.812500e-03 : f64}
  // CHECK-NEXT: func.return %7 : f64
  %0 = sym.erf %x
  %1 = sym.erfc %0
  %2 = sym.gamma %1
  %3 = sym.asinh %2
  %4 = sym.acosh %3
  %5 = sym.atanh %4
  %6 = sym.atanh_clip %5
  %7 = sym.log_abs %6 {sym.guard = 0.0078125 : f64}
  func.return %7 : f64
}
