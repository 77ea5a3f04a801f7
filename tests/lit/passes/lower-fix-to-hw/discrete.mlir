// RUN: srcc-opt %s -p lower-fix-to-hw | filecheck %s

// A comparison: both operands on their common type (fixed<5, 2> for fixed<5, 2> and
// ufixed<4, 1>), compared signed; the 1-bit result is the comparator's.
// CHECK-LABEL: hw.module @greater
// CHECK-SAME:   (in %clk: !seq.clock, in %a: i5, in %b: i4, out y0: i1)
// CHECK:        %[[GT:.*]] = comb.icmp sgt %{{.*}}, %{{.*}} : i5
// CHECK-NEXT:   hw.output %[[GT]] : i1
func.func @greater(%a: !fix.fixed<5, 2> {sym.name = "a"}, %b: !fix.ufixed<4, 1> {sym.name = "b"}) -> !fix.ufixed<1, 1> {
  %g = fix.gt %a, %b : !fix.fixed<5, 2>, !fix.ufixed<4, 1> -> !fix.ufixed<1, 1>
  func.return %g : !fix.ufixed<1, 1>
}

// A select: a mux of the operands aligned to the result type.
// CHECK-LABEL: hw.module @choose
// CHECK-SAME:   (in %clk: !seq.clock, in %c: i1, in %a: i5, in %b: i4, out y0: i5)
// CHECK:        %[[M:.*]] = comb.mux %c, %{{.*}}, %{{.*}} : i5
// CHECK-NEXT:   hw.output %[[M]] : i5
func.func @choose(%c: !fix.ufixed<1, 1> {sym.name = "c"}, %a: !fix.fixed<5, 2> {sym.name = "a"}, %b: !fix.ufixed<4, 1> {sym.name = "b"}) -> !fix.fixed<5, 2> {
  %m = fix.select %c, %a, %b : !fix.ufixed<1, 1>, !fix.fixed<5, 2>, !fix.ufixed<4, 1> -> !fix.fixed<5, 2>
  func.return %m : !fix.fixed<5, 2>
}

// A signed quotient: the dividend shifted left by the divisor's 3 fraction bits (8 bits);
// the magnitudes, in 8 bits, divided unsigned (a signed Verilog division inside a mux would
// be exported unsigned), negated where the signs differ; 0 for a 0 divisor. The divider's
// delay makes two pipeline stages at the default clock.
// CHECK-LABEL: hw.module @quotient
// CHECK-SAME:   (in %clk: !seq.clock, in %a: i5, in %b: i4, out y0: i9)
// CHECK:        %[[Z3:.*]] = hw.constant 0 : i3
// CHECK-NEXT:   %[[SH:.*]] = comb.concat %a, %[[Z3]] : i5, i3
// CHECK:        %[[A:.*]] = comb.mux %{{.*}}, %{{.*}}, %[[SH]] : i8
// CHECK:        %[[B:.*]] = comb.mux %{{.*}}, %{{.*}}, %{{.*}} : i8
// CHECK-NEXT:   %[[Q:.*]] = comb.divu %[[A]], %[[B]] : i8
// CHECK-NEXT:   %[[F:.*]] = hw.constant false
// CHECK-NEXT:   %[[Q9:.*]] = comb.concat %[[F]], %[[Q]] : i1, i8
// CHECK-NEXT:   %[[SA:.*]] = comb.extract %a from 4 :  (i5) -> i1
// CHECK-NEXT:   %[[SB:.*]] = comb.extract %b from 3 :  (i4) -> i1
// CHECK-NEXT:   %[[NEG:.*]] = comb.xor %[[SA]], %[[SB]] : i1
// CHECK-NEXT:   %[[Z9:.*]] = hw.constant 0 : i9
// CHECK-NEXT:   %[[MINUS:.*]] = comb.sub %[[Z9]], %[[Q9]] : i9
// CHECK-NEXT:   %[[SIGNED:.*]] = comb.mux %[[NEG]], %[[MINUS]], %[[Q9]] : i9
// CHECK-NEXT:   %[[Z4:.*]] = hw.constant 0 : i4
// CHECK-NEXT:   %[[IS0:.*]] = comb.icmp eq %b, %[[Z4]] : i4
// CHECK-NEXT:   %[[ZERO:.*]] = hw.constant 0 : i9
// CHECK-NEXT:   %[[R:.*]] = comb.mux %[[IS0]], %[[ZERO]], %[[SIGNED]] : i9
// CHECK-NEXT:   %[[R1:.*]] = seq.compreg %[[R]], %clk : i9
// CHECK-NEXT:   %[[R2:.*]] = seq.compreg %[[R1]], %clk : i9
// CHECK-NEXT:   hw.output %[[R2]] : i9
func.func @quotient(%a: !fix.fixed<5, 2> {sym.name = "a"}, %b: !fix.fixed<4, 1> {sym.name = "b"}) -> !fix.fixed<9, 6> {
  %q = fix.div %a, %b : !fix.fixed<5, 2>, !fix.fixed<4, 1> -> !fix.fixed<9, 6>
  func.return %q : !fix.fixed<9, 6>
}

// Unsigned operands: no magnitudes, no sign.
// CHECK-LABEL: hw.module @unsigned_quotient
// CHECK:        %[[Q:.*]] = comb.divu %{{.*}}, %{{.*}} : i6
// CHECK-NEXT:   %[[Z:.*]] = hw.constant 0 : i3
// CHECK-NEXT:   %[[IS0:.*]] = comb.icmp eq %x1, %[[Z]] : i3
// CHECK:        comb.mux %[[IS0]], %{{.*}}, %[[Q]] : i6
func.func @unsigned_quotient(%a: !fix.ufixed<4, 2>, %b: !fix.ufixed<3, 1>) -> !fix.ufixed<6, 4> {
  %q = fix.div %a, %b : !fix.ufixed<4, 2>, !fix.ufixed<3, 1> -> !fix.ufixed<6, 4>
  func.return %q : !fix.ufixed<6, 4>
}
