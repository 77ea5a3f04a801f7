// RUN: srcc-opt %s -p 'lower-sym-to-fix{output_error=0.01}' | filecheck %s
// RUN: srcc-opt %s -p 'lower-sym-to-fix{width=16 int_bits=6}' | filecheck %s --check-prefix=UNIFORM

// x0 in [-2, 2], x1 in [0, 1.5]: y = 0.3 * x0 * x1 + x1, to within 0.01.
// Auto: each input arrives in its own format (its port's type) and is clamped to its range
// (x1 >= 0 is unsigned: no clamp below); casts truncate and wrap where the exact result is
// wider than its planned format. The function records each input's own type, and each
// output's type, proven bound and budget.
// CHECK: func.func @model(%x0: !fix.fixed<11, 3> {sym.name = "x0", sym.range = #sym.interval<-2.0, 2.0>, fix.format = !fix.fixed<11, 3>}, %x1: !fix.ufixed<10, 1> {sym.name = "x1", sym.range = #sym.interval<0.0, 1.5>, fix.format = !fix.ufixed<10, 1>}) -> (!fix.fixed<12, 3> {fix.format = !fix.fixed<12, 3>, fix.error_bound = 0.0085023895083594751 : f64, fix.output_error = 1.000000e-02 : f64, fix.dominated_by = "sym.mul"}) {
// CHECK-NEXT: %0 = fix.constant -2.0 : !fix.fixed<11, 3>
// CHECK-NEXT: %1 = fix.max %x0, %0 : !fix.fixed<11, 3>, !fix.fixed<11, 3> -> !fix.fixed<11, 3>
// CHECK-NEXT: %2 = fix.constant 2.0 : !fix.fixed<11, 3>
// CHECK-NEXT: %3 = fix.min %1, %2 : !fix.fixed<11, 3>, !fix.fixed<11, 3> -> !fix.fixed<11, 3>
// CHECK-NEXT: %4 = fix.constant 1.5 : !fix.ufixed<10, 1>
// CHECK-NEXT: %5 = fix.min %x1, %4 : !fix.ufixed<10, 1>, !fix.ufixed<10, 1> -> !fix.ufixed<10, 1>
// CHECK-NEXT: %6 = fix.constant 0.30078125 : !fix.ufixed<7, -1>
// CHECK-NEXT: %7 = fix.mul %3, %6 : !fix.fixed<11, 3>, !fix.ufixed<7, -1> -> !fix.fixed<18, 2>
// CHECK-NEXT: %8 = fix.cast %7 {round = "trn", overflow = "wrap"} : !fix.fixed<18, 2> -> !fix.fixed<10, 1>
// CHECK-NEXT: %9 = fix.mul %8, %5 : !fix.fixed<10, 1>, !fix.ufixed<10, 1> -> !fix.fixed<20, 2>
// CHECK-NEXT: %10 = fix.cast %9 {round = "trn", overflow = "wrap"} : !fix.fixed<20, 2> -> !fix.fixed<10, 1>
// CHECK-NEXT: %11 = fix.add %10, %5 : !fix.fixed<10, 1>, !fix.ufixed<10, 1> -> !fix.fixed<12, 3>
// CHECK-NEXT: func.return %11 : !fix.fixed<12, 3>
// CHECK-NEXT: }

// Uniform: every value in ap_fixed<16,6>, as hls4ml does; no budget, only the bound.
// UNIFORM: func.func @model(%x0: !fix.fixed<16, 6> {sym.name = "x0", sym.range = #sym.interval<-2.0, 2.0>, fix.format = !fix.fixed<16, 6>}, %x1: !fix.fixed<16, 6> {sym.name = "x1", sym.range = #sym.interval<0.0, 1.5>, fix.format = !fix.fixed<16, 6>}) -> (!fix.fixed<16, 6> {fix.format = !fix.fixed<16, 6>, fix.error_bound = 0.0040292025182365569 : f64, fix.dominated_by = "sym.mul"}) {
// UNIFORM-NEXT: %0 = fix.constant 0.2998046875 : !fix.fixed<16, 6>
// UNIFORM-NEXT: %1 = fix.mul %x0, %0 : !fix.fixed<16, 6>, !fix.fixed<16, 6> -> !fix.fixed<32, 12>
// UNIFORM-NEXT: %2 = fix.cast %1 {round = "trn", overflow = "wrap"} : !fix.fixed<32, 12> -> !fix.fixed<16, 6>
// UNIFORM-NEXT: %3 = fix.mul %2, %x1 : !fix.fixed<16, 6>, !fix.fixed<16, 6> -> !fix.fixed<32, 12>
// UNIFORM-NEXT: %4 = fix.cast %3 {round = "trn", overflow = "wrap"} : !fix.fixed<32, 12> -> !fix.fixed<16, 6>
// UNIFORM-NEXT: %5 = fix.add %4, %x1 : !fix.fixed<16, 6>, !fix.fixed<16, 6> -> !fix.fixed<17, 7>
// UNIFORM-NEXT: %6 = fix.cast %5 {round = "trn", overflow = "wrap"} : !fix.fixed<17, 7> -> !fix.fixed<16, 6>
// UNIFORM-NEXT: func.return %6 : !fix.fixed<16, 6>
func.func @model(%x0: f64 {sym.name = "x0", sym.range = #sym.interval<-2.0, 2.0>}, %x1: f64 {sym.name = "x1", sym.range = #sym.interval<0.0, 1.5>}) -> f64 {
  %c = sym.constant 0.3
  %a = sym.mul %x0, %c
  %b = sym.mul %a, %x1
  %y = sym.add %b, %x1
  func.return %y : f64
}
