// RUN: srcc-opt %s -p fix-cost-report | filecheck %s
// RUN: srcc-opt %s -p 'fix-cost-report{clock_ns=2.5}' | filecheck %s --check-prefix=FAST

// Stages are 0-based; a register goes in where the accumulated delay would pass the
// clock period minus 12.5%: 4.375 ns at 5 ns, 2.1875 ns at 2.5 ns.

// CHECK-LABEL: func.func @poly
// FAST-LABEL: func.func @poly
func.func @poly(%x: !fix.fixed<16, 6>, %y: !fix.fixed<16, 6>) -> !fix.fixed<16, 6> {
  // CHECK-NEXT: %c = fix.constant 0.3095703125 : !fix.fixed<10, 0> attributes {fix.stage = 0 : i64, fix.delay_ns = 0.000000e+00 : f64}
  // CHECK-NEXT: %k = fix.mul %x, %c {fix.stage = 0 : i64, fix.delay_ns = 1.780000e+00 : f64}
  // CHECK-NEXT: %m = fix.mul %k, %y {fix.stage = 1 : i64, fix.delay_ns = 2.700000e+00 : f64}
  // CHECK-NEXT: %q = fix.cast %m {round = "rnd", overflow = "sat"} : !fix.fixed<42, 12> -> !fix.fixed<16, 6> attributes {fix.stage = 2 : i64, fix.delay_ns = 2.370000e+00 : f64}
  // CHECK-NEXT: %s = fix.add %q, %y {fix.stage = 2 : i64, fix.delay_ns = 7.550000e-01 : f64}
  // CHECK-NEXT: %h = fix.shift %s, -1 : !fix.fixed<17, 7> -> !fix.fixed<17, 6> attributes {fix.stage = 2 : i64, fix.delay_ns = 0.000000e+00 : f64}
  // CHECK-NEXT: %r = fix.cast %h {round = "trn", overflow = "wrap"} : !fix.fixed<17, 6> -> !fix.fixed<16, 6> attributes {fix.stage = 2 : i64, fix.delay_ns = 0.000000e+00 : f64}
  // CHECK-NEXT: func.return %r
  // FAST:      %k = fix.mul %x, %c {fix.stage = 0 : i64, fix.delay_ns = 1.780000e+00 : f64}
  // FAST-NEXT: %m = fix.mul %k, %y {fix.stage = 2 : i64, fix.delay_ns = 2.700000e+00 : f64}
  // FAST-NEXT: %q = fix.cast %m {{.*}} attributes {fix.stage = 4 : i64, fix.delay_ns = 2.370000e+00 : f64}
  // FAST-NEXT: %s = fix.add %q, %y {fix.stage = 4 : i64, fix.delay_ns = 7.550000e-01 : f64}
  %c = fix.constant 0.3095703125 : !fix.fixed<10, 0>
  %k = fix.mul %x, %c : !fix.fixed<16, 6>, !fix.fixed<10, 0> -> !fix.fixed<26, 6>
  %m = fix.mul %k, %y : !fix.fixed<26, 6>, !fix.fixed<16, 6> -> !fix.fixed<42, 12>
  %q = fix.cast %m {round = "rnd", overflow = "sat"} : !fix.fixed<42, 12> -> !fix.fixed<16, 6>
  %s = fix.add %q, %y : !fix.fixed<16, 6>, !fix.fixed<16, 6> -> !fix.fixed<17, 7>
  %h = fix.shift %s, -1 : !fix.fixed<17, 7> -> !fix.fixed<17, 6>
  %r = fix.cast %h {round = "trn", overflow = "wrap"} : !fix.fixed<17, 6> -> !fix.fixed<16, 6>
  func.return %r : !fix.fixed<16, 6>
}

// An odd table read from LUTs: |x| (8-bit adder + mux, 1.12 ns), the clamp (|x| reaches
// cell 16 of 16: comparator + mux, 1.12 ns), one LUT level (0.5 ns), the negation (0.62 ns).
// CHECK-LABEL: func.func @table
func.func @table(%x: !fix.fixed<8, 3>) -> !fix.fixed<8, 1> {
  // CHECK-NEXT: %t = fix.lut %x {{.*}} attributes {fix.stage = 0 : i64, fix.delay_ns = 3.360000e+00 : f64}
  %t = fix.lut %x {function = "sin", shift = -2, offset = 0, mode = "clamp", symmetry = "odd", interpolate = false, max_error = 0.01, lipschitz = 1.0, entries = [0, 15, 30, 43, 54, 61, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63]} : !fix.fixed<8, 3> -> !fix.fixed<8, 1>
  // CHECK-NEXT: %u = fix.relu %t {fix.stage = 0 : i64, fix.delay_ns = 5.000000e-01 : f64}
  %u = fix.relu %t : !fix.fixed<8, 1> -> !fix.fixed<8, 1>
  func.return %u : !fix.fixed<8, 1>
}
