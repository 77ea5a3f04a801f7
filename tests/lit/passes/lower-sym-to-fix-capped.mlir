// RUN: srcc-opt %s -p 'lower-sym-to-fix{output_error=0.000000001 max_width=16}' | filecheck %s

// Under a width cap: x0 in [1, 2] and x1 in [0, 2] each arrive in ap_ufixed<16,1> (no sign
// bit; their power-of-two top 2.0 saturates to 2 - 2^-15 instead of taking an integer
// bit), and y = x0 * x1 in [0, 4] is cast to ap_ufixed<16,2> rounding to nearest and
// saturating (4.0 becomes 4 - 2^-14). The bound counts half an ulp of each rounding and
// the one-ulp saturations.
// CHECK: func.func @model(%x0: !fix.ufixed<16, 1> {sym.name = "x0", sym.range = #sym.interval<1.0, 2.0>, fix.format = !fix.ufixed<16, 1>}, %x1: !fix.ufixed<16, 1> {sym.name = "x1", sym.range = #sym.interval<0.0, 2.0>, fix.format = !fix.ufixed<16, 1>}) -> (!fix.ufixed<16, 2> {fix.format = !fix.ufixed<16, 2>, fix.error_bound = 0.00015258882222223563 : f64, fix.output_error = 1.000000e-09 : f64, fix.dominated_by = "input x0"}) {
// CHECK-NEXT: %0 = fix.constant 1.0 : !fix.ufixed<16, 1>
// CHECK-NEXT: %1 = fix.max %x0, %0 : !fix.ufixed<16, 1>, !fix.ufixed<16, 1> -> !fix.ufixed<16, 1>
// CHECK-NEXT: %2 = fix.mul %1, %x1 : !fix.ufixed<16, 1>, !fix.ufixed<16, 1> -> !fix.ufixed<32, 2>
// CHECK-NEXT: %3 = fix.cast %2 {round = "rnd", overflow = "sat"} : !fix.ufixed<32, 2> -> !fix.ufixed<16, 2>
// CHECK-NEXT: func.return %3 : !fix.ufixed<16, 2>
func.func @model(%x0: f64 {sym.name = "x0", sym.range = #sym.interval<1.0, 2.0>}, %x1: f64 {sym.name = "x1", sym.range = #sym.interval<0.0, 2.0>}) -> f64 {
  %y = sym.mul %x0, %x1
  func.return %y : f64
}
