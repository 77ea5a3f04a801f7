// RUN: srcc-opt %s | filecheck %s
// RUN: srcc-opt %s --print-op-generic | srcc-opt | filecheck %s

// CHECK-LABEL: func.func @arith
// CHECK-SAME: (%x: !fix.fixed<8, 3>, %u: !fix.ufixed<6, 2>) -> !fix.fixed<12, 4>
func.func @arith(%x: !fix.fixed<8, 3>, %u: !fix.ufixed<6, 2>) -> !fix.fixed<12, 4> {
  // CHECK-NEXT: %c = fix.constant -0.75 : !fix.fixed<8, 2>
  %c = fix.constant -0.75 : !fix.fixed<8, 2>
  // CHECK-NEXT: %a = fix.add %x, %c : !fix.fixed<8, 3>, !fix.fixed<8, 2> -> !fix.fixed<10, 4>
  %a = fix.add %x, %c : !fix.fixed<8, 3>, !fix.fixed<8, 2> -> !fix.fixed<10, 4>
  // CHECK-NEXT: %b = fix.sub %a, %u : !fix.fixed<10, 4>, !fix.ufixed<6, 2> -> !fix.fixed<11, 5>
  %b = fix.sub %a, %u : !fix.fixed<10, 4>, !fix.ufixed<6, 2> -> !fix.fixed<11, 5>
  // CHECK-NEXT: %m = fix.mul %b, %u : !fix.fixed<11, 5>, !fix.ufixed<6, 2> -> !fix.fixed<17, 7>
  %m = fix.mul %b, %u : !fix.fixed<11, 5>, !fix.ufixed<6, 2> -> !fix.fixed<17, 7>
  // CHECK-NEXT: %n = fix.neg %m : !fix.fixed<17, 7> -> !fix.fixed<18, 8>
  %n = fix.neg %m : !fix.fixed<17, 7> -> !fix.fixed<18, 8>
  // CHECK-NEXT: %abs = fix.abs %u : !fix.ufixed<6, 2> -> !fix.fixed<7, 3>
  %abs = fix.abs %u : !fix.ufixed<6, 2> -> !fix.fixed<7, 3>
  // CHECK-NEXT: %relu = fix.relu %n : !fix.fixed<18, 8> -> !fix.fixed<18, 8>
  %relu = fix.relu %n : !fix.fixed<18, 8> -> !fix.fixed<18, 8>
  // CHECK-NEXT: %sign = fix.sign %x : !fix.fixed<8, 3> -> !fix.fixed<2, 2>
  %sign = fix.sign %x : !fix.fixed<8, 3> -> !fix.fixed<2, 2>
  // CHECK-NEXT: %min = fix.min %x, %u : !fix.fixed<8, 3>, !fix.ufixed<6, 2> -> !fix.fixed<8, 3>
  %min = fix.min %x, %u : !fix.fixed<8, 3>, !fix.ufixed<6, 2> -> !fix.fixed<8, 3>
  // CHECK-NEXT: %max = fix.max %u, %u : !fix.ufixed<6, 2>, !fix.ufixed<6, 2> -> !fix.ufixed<6, 2>
  %max = fix.max %u, %u : !fix.ufixed<6, 2>, !fix.ufixed<6, 2> -> !fix.ufixed<6, 2>
  // CHECK-NEXT: %gt = fix.gt %x, %u : !fix.fixed<8, 3>, !fix.ufixed<6, 2> -> !fix.ufixed<1, 1>
  %gt = fix.gt %x, %u : !fix.fixed<8, 3>, !fix.ufixed<6, 2> -> !fix.ufixed<1, 1>
  // CHECK-NEXT: %div = fix.div %x, %u : !fix.fixed<8, 3>, !fix.ufixed<6, 2> -> !fix.fixed<12, 7>
  %div = fix.div %x, %u : !fix.fixed<8, 3>, !fix.ufixed<6, 2> -> !fix.fixed<12, 7>
  // CHECK-NEXT: %select = fix.select %gt, %x, %u : !fix.ufixed<1, 1>, !fix.fixed<8, 3>, !fix.ufixed<6, 2> -> !fix.fixed<8, 3>
  %select = fix.select %gt, %x, %u : !fix.ufixed<1, 1>, !fix.fixed<8, 3>, !fix.ufixed<6, 2> -> !fix.fixed<8, 3>
  // CHECK-NEXT: %s = fix.shift %relu, -3 : !fix.fixed<18, 8> -> !fix.fixed<18, 5>
  %s = fix.shift %relu, -3 : !fix.fixed<18, 8> -> !fix.fixed<18, 5>
  // CHECK-NEXT: %r = fix.cast %s {round = "rnd_conv", overflow = "sat_sym"} : !fix.fixed<18, 5> -> !fix.fixed<12, 4>
  %r = fix.cast %s {overflow = "sat_sym", round = "rnd_conv"} : !fix.fixed<18, 5> -> !fix.fixed<12, 4>
  func.return %r : !fix.fixed<12, 4>
}

// CHECK-LABEL: func.func @constants
func.func @constants() -> (!fix.ufixed<4, 6>, !fix.fixed<4, -2>, !fix.fixed<100, 40>) {
  // CHECK-NEXT: %big = fix.constant 48.0 : !fix.ufixed<4, 6>
  %big = fix.constant 48 : !fix.ufixed<4, 6>
  // CHECK-NEXT: %tiny = fix.constant -0.03125 : !fix.fixed<4, -2>
  %tiny = fix.constant -3.125e-2 : !fix.fixed<4, -2>
  // CHECK-NEXT: %wide = fix.constant 549755813887.999999999999999999132638262011596452794037759304046630859375 : !fix.fixed<100, 40>
  %wide = fix.constant 549755813887.999999999999999999132638262011596452794037759304046630859375 : !fix.fixed<100, 40>
  func.return %big, %tiny, %wide : !fix.ufixed<4, 6>, !fix.fixed<4, -2>, !fix.fixed<100, 40>
}

// CHECK-LABEL: func.func @luts
func.func @luts(%x: !fix.fixed<10, 3>) -> (!fix.fixed<8, 1>, !fix.fixed<8, 1>) {
  // CHECK-NEXT: %sin = fix.lut %x {function = "sin", shift = -2, offset = 0, mode = "wrap", symmetry = "quarter", interpolate = false, max_error = 0.0625, lipschitz = 1.0, entries = [25, 71, 106, 125]} : !fix.fixed<10, 3> -> !fix.fixed<8, 1>
  %sin = fix.lut %x {function = "sin", shift = -2, offset = 0, mode = "wrap", symmetry = "quarter", interpolate = false, max_error = 0.0625, lipschitz = 1.0, entries = [25, 71, 106, 125]} : !fix.fixed<10, 3> -> !fix.fixed<8, 1>
  // CHECK-NEXT: %g = fix.lut %x {function = "gauss", shift = 0, offset = 0, mode = "clamp", symmetry = "even", interpolate = true, max_error = 1.0e-05, lipschitz = 0.86, entries = [127, 47, 2, 0, 0]} : !fix.fixed<10, 3> -> !fix.fixed<8, 1>
  %g = fix.lut %x {function = "gauss", shift = 0, offset = 0, mode = "clamp", symmetry = "even", interpolate = true, max_error = 1.0e-05, lipschitz = 0.86, entries = [127, 47, 2, 0, 0]} : !fix.fixed<10, 3> -> !fix.fixed<8, 1>
  func.return %sin, %g : !fix.fixed<8, 1>, !fix.fixed<8, 1>
}
