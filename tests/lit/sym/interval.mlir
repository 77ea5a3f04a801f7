// RUN: srcc-opt %s | filecheck %s
// RUN: srcc-opt %s | srcc-opt | filecheck %s
// RUN: srcc-opt %s --print-op-generic | srcc-opt | filecheck %s
// RUN: srcc-opt %s -p sym-range-analysis | srcc-opt | filecheck %s --check-prefix=RANGES

// `#sym.interval<lo, hi>` is an input's declared range and an op's `sym.range` and
// `sym.domain`. Bounds print as the shortest text that parses back to the same double.

// CHECK-LABEL: func.func @bounds
// CHECK-SAME: %x: f64 {sym.name = "x", sym.range = #sym.interval<-0.1, 1.0e+300>}
// CHECK-SAME: %y: f64 {sym.name = "y", sym.range = #sym.interval<-0.0, 3.0>}
func.func @bounds(%x: f64 {sym.name = "x", sym.range = #sym.interval<-0.1, 1.0e300>}, %y: f64 {sym.name = "y", sym.range = #sym.interval<-0.0, 3>}) -> f64 {
  // CHECK-NEXT: %s = sym.sin %y {sym.domain = #sym.interval<-8.0, 0.7853981633974483>}
  %s = sym.sin %y {sym.domain = #sym.interval<-8, 0.7853981633974483>}
  // CHECK-NEXT: %a = sym.add %x, %s
  %a = sym.add %x, %s
  func.return %a : f64
}
// The clamp bounds sin's argument: [-0.0, 3] clamped into [-8, pi/4]; bounds are rounded
// outward (by two ulps), down to subnormals.
// RANGES: %s = sym.sin %y {sym.domain = #sym.interval<-8.0, 0.7853981633974483>, sym.range = #sym.interval<-1.0e-323, 0.70710678118654{{[0-9]+}}>}
// RANGES-NEXT: %a = sym.add %x, %s {sym.range = #sym.interval<-0.10000000000000002, 1.0000000000000002e+300>}
