// RUN: srcc-opt %s -p sym-range-analysis --verify-diagnostics --split-input-file | filecheck %s

// CHECK-LABEL: func.func @poly
func.func @poly(%x: f64 {sym.name = "x", sym.range = #sym.interval<-2.0, 3.0>}, %y: f64 {sym.name = "y", sym.range = #sym.interval<0.5, 4.0>}) -> f64 {
  // CHECK-NEXT: %c = sym.constant 2.0 {sym.range = #sym.interval<2.0, 2.0>}
  %c = sym.constant 2.0
  // CHECK-NEXT: sym.mul %x, %c {sym.range = #sym.interval<-4.0, 6.0>}
  %a = sym.mul %x, %c
  // CHECK-NEXT: sym.mul %x, %x {sym.range = #sym.interval<0.0, 9.0>}
  %s = sym.mul %x, %x
  // CHECK-NEXT: sym.powi %x, 2 {sym.range = #sym.interval<0.0, 9.0>}
  %p = sym.powi %x, 2
  // CHECK-NEXT: sym.sin %x {sym.range = #sym.interval<-1.0, 1.0>}
  %sn = sym.sin %x
  // CHECK-NEXT: sym.log %y {sym.range = #sym.interval<-0.693147180559945{{[0-9]*}}, 1.38629436111989{{[0-9]*}}>}
  %l = sym.log %y
  // CHECK-NEXT: sym.div %x, %y {sym.range = #sym.interval<-4.0, 6.0>}
  %d = sym.div %x, %y
  // CHECK-NEXT: sym.gauss %x {sym.range = #sym.interval<0.0001234098040866{{[0-9]*}}, 1.0>}
  %g = sym.gauss %x
  func.return %g : f64
}

// -----

func.func @log_of_negative(%x: f64 {sym.name = "x", sym.range = #sym.interval<-2.0, 3.0>}) -> f64 {
  %l = sym.log %x
  func.return %l : f64
}
// CHECK: sym.log is undefined on its argument's range [-2, 3]: it reaches values <= 0; narrow the input ranges or use log_abs

// -----

func.func @div_by_zero(%x: f64 {sym.name = "x", sym.range = #sym.interval<-2.0, 3.0>}) -> f64 {
  %d = sym.div %x, %x
  func.return %d : f64
}
// CHECK: sym.div is undefined on its argument's range [-2, 3]: it contains 0; narrow the input ranges so the divisor cannot reach 0

// -----

func.func @asin_outside(%x: f64 {sym.name = "x", sym.range = #sym.interval<-2.0, 3.0>}) -> f64 {
  %d = sym.asin %x
  func.return %d : f64
}
// CHECK: sym.asin is undefined on its argument's range [-2, 3]: it leaves [-1, 1]; narrow the input ranges or clamp the argument

// -----

func.func @tan_pole(%x: f64 {sym.name = "x", sym.range = #sym.interval<-2.0, 3.0>}) -> f64 {
  %d = sym.tan %x
  func.return %d : f64
}
// CHECK: sym.tan is undefined on its argument's range [-2, 3]: it reaches the pole of tan at -1.5708; narrow the input ranges

// -----

func.func @no_range(%x: f64 {sym.name = "pt"}) -> f64 {
  %d = sym.sin %x
  func.return %d : f64
}
// CHECK: input pt has no range: give one (e.g. --range pt=-1:1) or calibrate on a sample

// -----

func.func @range_not_interval(%x: f64 {sym.name = "x", sym.range = [-2.0, 3.0]}) -> f64 {
  %d = sym.sin %x
  func.return %d : f64
}
// CHECK: input x: sym.range must be a #sym.interval<lo, hi>, not [-2.000000e+00 : f64, 3.000000e+00 : f64]

// -----

func.func @log_abs_at_zero(%x: f64 {sym.name = "x", sym.range = #sym.interval<-2.0, 3.0>}) -> f64 {
  %l = sym.log_abs %x
  func.return %l : f64
}
// CHECK: sym.log_abs is undefined on its argument's range [-2, 3]: it contains 0; narrow the input ranges so the logarithm's argument cannot reach 0

// -----

func.func @power_of_a_base_reaching_zero(%x: f64 {sym.name = "x", sym.range = #sym.interval<0.0, 3.0>}) -> f64 {
  %c = sym.constant 1.5
  %l = sym.log %x {sym.power_base}
  %m = sym.mul %c, %l
  %e = sym.exp %m
  func.return %e : f64
}
// CHECK: sym.log: a non-integer power x ** y (computed as exp(y * log(x))) needs a positive base range, and the base's range is [0, 3]; narrow the input ranges{{$}}

// -----

func.func @beyond_the_width_limit(%x: f64 {sym.name = "x", sym.range = #sym.interval<-1.0e300, 1.0e300>}) -> f64 {
  %s = sym.mul %x, %x
  func.return %s : f64
}
// CHECK: the value of sym.mul reaches [-inf, inf], beyond ±2**1023: its type would need more integer bits than srcc's limit of 1024 (fix.MAX_WIDTH); narrow the input ranges or rescale the expression

// -----

// Each interval is the hull over 16 x 16 sub-boxes of the ranges of u and v (both used
// twice); whole-range intervals would give the quotient +-9.47 and u - u +-1.8.
// CHECK-LABEL: func.func @correlated
func.func @correlated(%u: f64 {sym.name = "u", sym.range = #sym.interval<-0.9, 0.9>}, %v: f64 {sym.name = "v", sym.range = #sym.interval<-0.9, 0.9>}) -> f64 {
  // CHECK-NEXT: sym.add %u, %v {sym.range = #sym.interval<-1.8, 1.8>}
  %s = sym.add %u, %v
  // CHECK-NEXT: sym.mul %u, %v {sym.range = #sym.interval<-0.81, 0.81>}
  %p = sym.mul %u, %v
  %one = sym.constant 1.0
  // CHECK: sym.add %one, %p {sym.range = #sym.interval<0.18999999999999995, 1.81>}
  %d = sym.add %one, %p
  // CHECK-NEXT: sym.div %s, %d {sym.range = #sym.interval<-1.111003954093934, 1.111003954093934>}
  %q = sym.div %s, %d
  // CHECK-NEXT: sym.sub %u, %u {sym.range = #sym.interval<-0.11250000000000004, 0.11250000000000004>}
  %x = sym.sub %u, %u
  func.return %q : f64
}
