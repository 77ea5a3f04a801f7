// RUN: srcc-opt %s -p 'lower-sym-to-fix{output_error=0.01}' | filecheck %s

// Functions lower to fix.lut: the argument's interval is the table's domain, cells are a
// power of two wide (the index is a bit slice), odd and even functions store half the
// domain, and each table carries its proven max_error, its Lipschitz bound and the domain
// max_error holds over (fix.domain).
// CHECK: fix.lut %{{[0-9]+}} {function = "sin", shift = -8, offset = 0, mode = "clamp", symmetry = "odd", interpolate = false, max_error = 0.0019531237582956285, lipschitz = 1.000000000001, entries = [0, 2, 4, 6, {{.*}}]} : !fix.fixed<12, 3> -> !fix.fixed<11, 2> attributes {fix.domain = #sym.interval<-2.0, 2.0>}
// CHECK: fix.lut %{{[0-9]+}} {function = "log", shift = -4, offset = 8, mode = "clamp", symmetry = "none", interpolate = true, max_error = 0.0025086805556211256, lipschitz = 2.000000000002, entries = [-354, -294, -240, -191, {{.*}}]} : !fix.ufixed<11, 2> -> !fix.fixed<11, 2> attributes {fix.domain = #sym.interval<0.5, 3.0>}
// CHECK: fix.lut %{{[0-9]+}} {function = "gauss", shift = -7, offset = 0, mode = "clamp", symmetry = "even", interpolate = false, max_error = 0.004454868668622784, lipschitz = 0.8577638849615644, entries = [256, 256, 256, 256, {{.*}}]} : !fix.fixed<12, 3> -> !fix.ufixed<9, 1> attributes {fix.domain = #sym.interval<-2.0, 2.0>}
func.func @model(%x0: f64 {sym.name = "x0", sym.range = #sym.interval<-2.0, 2.0>}, %x1: f64 {sym.name = "x1", sym.range = #sym.interval<0.5, 3.0>}) -> (f64, f64) {
  %s = sym.sin %x0
  %l = sym.log %x1
  %g = sym.gauss %x0
  %y = sym.mul %s, %l
  func.return %y, %g : f64, f64
}
