// RUN: srcc-opt %s -p 'lower-sym-to-fix{output_error=0.01}' | filecheck %s

// erf, erfc, gamma, asinh, acosh, atanh and atanh_clip lower to fix.lut like every other
// function: erf, asinh and atanh are odd (half the domain stored), gamma is tabulated on
// its branch x > 0, atanh_clip on the branch of atanh between the poles at 1 and 3.
// CHECK: fix.lut %{{[0-9]+}} {function = "erf", shift = -8, offset = 0, mode = "clamp", symmetry = "odd", interpolate = false, max_error = 0.0034778216629214685, lipschitz = 1.128379167096641, entries = [0, 2, 3, 4, {{.*}}]} : !fix.fixed<13, 3> -> !fix.fixed<9, 1> attributes {fix.domain = #sym.interval<-2.0, 2.0>}
// CHECK: fix.lut %{{[0-9]+}} {function = "erfc", shift = -3, offset = -16, mode = "clamp", symmetry = "none", interpolate = true, max_error = 0.0029806674101561176, lipschitz = 1.128379167096641, entries = [1022, 1020, 1018, 1013, {{.*}}]} : !fix.fixed<13, 3> -> !fix.ufixed<10, 1> attributes {fix.domain = #sym.interval<-2.0, 2.0>}
// CHECK: fix.lut %{{[0-9]+}} {function = "gamma", shift = -5, offset = 48, mode = "clamp", symmetry = "none", interpolate = true, max_error = 0.0011551172854949924, lipschitz = 1.845568670198794, entries = [908, 909, 912, 915, {{.*}}]} : !fix.ufixed<12, 2> -> !fix.ufixed<12, 2> attributes {fix.domain = #sym.interval<1.5, 3.0>}
// CHECK: fix.lut %{{[0-9]+}} {function = "asinh", shift = -9, offset = 0, mode = "clamp", symmetry = "odd", interpolate = false, max_error = 0.0009765623448626735, lipschitz = 1.000000000001, entries = [0, 2, 4, 6, {{.*}}]} : !fix.fixed<13, 3> -> !fix.fixed<12, 2> attributes {fix.domain = #sym.interval<-2.0, 2.0>}
// CHECK: fix.lut %{{[0-9]+}} {function = "acosh", shift = -9, offset = 768, mode = "clamp", symmetry = "none", interpolate = false, max_error = 0.0009008180612513755, lipschitz = 0.8944271910008103, entries = [986, 988, 990, 991, {{.*}}]} : !fix.ufixed<12, 2> -> !fix.ufixed<11, 1> attributes {fix.domain = #sym.interval<1.5, 3.0>}
// CHECK: fix.lut %{{[0-9]+}} {function = "atanh", shift = -10, offset = 0, mode = "clamp", symmetry = "odd", interpolate = false, max_error = 0.0008232175747758159, lipschitz = 1.3333333333346666, entries = [0, 1, 2, 3, {{.*}}]} : !fix.fixed<11, 1> -> !fix.fixed<11, 1> attributes {fix.domain = #sym.interval<-0.5, 0.5>}
// CHECK: fix.lut %{{[0-9]+}} {function = "atanh_clip", shift = -5, offset = 40, mode = "clamp", symmetry = "none", interpolate = true, max_error = 0.0013153116463929173, lipschitz = 2.2857142857165713, entries = [-996, -926, -863, -805, {{.*}}]} : !fix.ufixed<12, 2> -> !fix.fixed<11, 1> attributes {fix.domain = #sym.interval<1.25, 2.75>}
func.func @model(%x0: f64 {sym.name = "x0", sym.range = #sym.interval<-2.0, 2.0>}, %x1: f64 {sym.name = "x1", sym.range = #sym.interval<1.5, 3.0>}) -> (f64, f64) {
  %e = sym.erf %x0
  %c = sym.erfc %x0
  %g = sym.gamma %x1
  %s = sym.asinh %x0
  %a = sym.acosh %x1
  %h = sym.constant 0.25
  %q = sym.mul %x0, %h
  %t = sym.atanh %q
  %m = sym.sub %x1, %h
  %k = sym.atanh_clip %m
  %y0 = sym.add %e, %c
  %y1 = sym.add %g, %s
  %y2 = sym.add %y1, %a
  %y3 = sym.add %y2, %t
  %y4 = sym.add %y3, %k
  func.return %y0, %y4 : f64, f64
}
