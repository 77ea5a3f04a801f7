// RUN: srcc-opt %s -p 'lower-sym-to-fix{output_error=0.05}' | filecheck %s

// sin over several periods: the argument is scaled into turns by a constant ĉ ≈ 1/(2π)
// and one period is tabulated (wrap mode), a quarter stored (quarter symmetry), when that
// takes fewer bits than a table over the whole domain.
// CHECK:      %[[C:.*]] = fix.constant 0.1591{{[0-9]*}} : !fix.fixed<{{[0-9]+}}, 0>
// CHECK-NEXT: %[[T:.*]] = fix.mul %{{.*}}, %[[C]]
// CHECK-NEXT: fix.lut %[[T]] {function = "sin", shift = -{{[0-9]+}}, offset = 0, mode = "wrap", symmetry = "quarter", interpolate = false
func.func @model(%x0: f64 {sym.name = "x0", sym.range = #sym.interval<-20.0, 20.0>}) -> f64 {
  %s = sym.sin %x0
  func.return %s : f64
}
