// RUN: srcc-opt %s -p 'lower-sym-to-fix{output_error=1.0e-09 max_width=16 max_intermediate_width=32}' | filecheck %s

// A reciprocal fused into a composite (what sym-composite makes of G*m/r**2 and x/(exp(y)+1))
// is offered a divider too: the chain un-fused, with a divider, against the composite's
// table, by the bound of the whole plan. inv(u*u) over [1, 3]: its 16-bit entries bound
// the output worse than r*r and a divider, which replaces it, with why on the fix.div.
// inv(exp(u) + 1.0) over [-3, 5]: its entries hold (0, 1); un-fused, exp's hold up to 149
// in as many bits, so the composite's table stays.

// CHECK-LABEL: func.func @gravitation
// CHECK-SAME:  fix.error_bound = 0.00039676111518782865 : f64
// CHECK-NOT:   fix.lut
// CHECK:       %8 = fix.mul %7, %7 : !fix.ufixed<16, 2>, !fix.ufixed<16, 2> -> !fix.ufixed<32, 4>
// CHECK-NEXT:  %9 = fix.mul %1, %3 : !fix.ufixed<16, 1>, !fix.ufixed<16, 1> -> !fix.ufixed<32, 2>
// CHECK-NEXT:  %10 = fix.cast %9 {round = "trn", overflow = "wrap"} : !fix.ufixed<32, 2> -> !fix.ufixed<32, 3>
// CHECK-NEXT:  %11 = fix.div %10, %8 {fix.divider = "with the composite table inv(u*u), output 0's bound 0.000595 misses its budget 1e-09; with a divider it is 0.000397"} : !fix.ufixed<32, 3>, !fix.ufixed<32, 4> -> !fix.ufixed<60, 31>
// CHECK-NEXT:  %12 = fix.cast %11 {round = "rnd", overflow = "sat"} : !fix.ufixed<60, 31> -> !fix.ufixed<16, 2>
// CHECK-NEXT:  func.return %12 : !fix.ufixed<16, 2>

// CHECK-LABEL: func.func @logistic
// CHECK-SAME:  fix.error_bound = 0.00035200611223633788 : f64
// CHECK-NOT:   fix.div
// CHECK:       %4 = fix.lut %3 {function = "inv(exp(u) + 1.0)", shift = -5, offset = -96, mode = "clamp", symmetry = "none", interpolate = true, max_error = 2.760695357070491e-05, lipschitz = 0.25002203940525114, entries = [{{.*}}]} : !fix.fixed<16, 4> -> !fix.ufixed<16, 0> attributes {fix.domain = #sym.interval<-3.0, 5.0>}
// CHECK-NEXT:  %5 = fix.mul %x, %4 : !fix.fixed<16, 3>, !fix.ufixed<16, 0> -> !fix.fixed<32, 3>
// CHECK-NOT:   fix.div
// CHECK:       func.return
builtin.module {
  func.func @gravitation(%G: f64 {sym.name = "G", sym.range = #sym.interval<1.0, 2.0>}, %m: f64 {sym.name = "m", sym.range = #sym.interval<1.0, 2.0>}, %r: f64 {sym.name = "r", sym.range = #sym.interval<1.0, 3.0>}) -> f64 {
    %0 = sym.composite %r {
    ^bb0(%u: f64):
      %1 = sym.mul %u, %u
      %2 = sym.inv %1
      sym.yield %2
    }
    %3 = sym.mul %G, %m
    %4 = sym.mul %0, %3
    func.return %4 : f64
  }
  func.func @logistic(%x: f64 {sym.name = "x", sym.range = #sym.interval<-4.0, 4.0>}, %y: f64 {sym.name = "y", sym.range = #sym.interval<-3.0, 5.0>}) -> f64 {
    %0 = sym.composite %y {
    ^bb0(%u: f64):
      %1 = sym.exp %u
      %2 = sym.constant 1.0
      %3 = sym.add %1, %2
      %4 = sym.inv %3
      sym.yield %4
    }
    %5 = sym.mul %x, %0
    func.return %5 : f64
  }
}
