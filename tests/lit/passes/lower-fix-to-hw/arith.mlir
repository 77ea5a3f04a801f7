// RUN: srcc-opt %s -p lower-fix-to-hw | filecheck %s

// Exact ops: operands move to the result's binary point (zero bits below) and width (sign
// or zero extension), then one comb op in the result width. Ports keep the names.

// CHECK:      hw.module @sum(in %clk: !seq.clock, in %a: i6, in %b: i5, out y0: i7) attributes {srcc.latency = 0 : i64} {
// CHECK-NEXT:   %0 = comb.extract %a from 5 :  (i6) -> i1
// CHECK-NEXT:   %1 = comb.concat %0, %a : i1, i6
// CHECK-NEXT:   %2 = hw.constant 0 : i2
// CHECK-NEXT:   %3 = comb.concat %2, %b : i2, i5
// CHECK-NEXT:   %4 = comb.add %1, %3 : i7
// CHECK-NEXT:   hw.output %4 : i7
func.func @sum(%a: !fix.fixed<6, 2> {sym.name = "a"}, %b: !fix.ufixed<5, 1> {sym.name = "b"}) -> !fix.fixed<7, 3> {
  %s = fix.add %a, %b : !fix.fixed<6, 2>, !fix.ufixed<5, 1> -> !fix.fixed<7, 3>
  func.return %s : !fix.fixed<7, 3>
}

// A product: both operands extended to the result width, whose low bits are exact.
// CHECK-LABEL: hw.module @product
// CHECK-SAME:   (in %clk: !seq.clock, in %x0: i4, in %x1: i4, out y0: i8)
// CHECK:        %[[A:.*]] = comb.concat %{{.*}}, %x0 : i4, i4
// CHECK:        %[[B:.*]] = comb.concat %{{.*}}, %x1 : i4, i4
// CHECK-NEXT:   %[[P:.*]] = comb.mul %[[A]], %[[B]] : i8
// CHECK-NEXT:   hw.output %[[P]] : i8
func.func @product(%a: !fix.fixed<4, 2>, %b: !fix.ufixed<4, 1>) -> !fix.fixed<8, 3> {
  %p = fix.mul %a, %b : !fix.fixed<4, 2>, !fix.ufixed<4, 1> -> !fix.fixed<8, 3>
  func.return %p : !fix.fixed<8, 3>
}

// Comparisons and muxes: min/max compare signed when the result is signed; relu and abs
// select on the sign bit; sign is -1/0/1 in two bits; a shift is a wire.
// CHECK-LABEL: hw.module @select
// CHECK:        %[[LT:.*]] = comb.icmp slt %{{.*}}, %{{.*}} : i5
// CHECK-NEXT:   %[[MIN:.*]] = comb.mux %[[LT]], %{{.*}}, %{{.*}} : i5
// CHECK:        %[[SIGN:.*]] = comb.extract %x0 from 3 :  (i4) -> i1
// CHECK-NEXT:   %[[ZERO:.*]] = hw.constant 0 : i4
// CHECK-NEXT:   %[[RELU:.*]] = comb.mux %[[SIGN]], %[[ZERO]], %x0 : i4
// CHECK:        %[[NEG:.*]] = comb.sub %{{.*}}, %{{.*}} : i5
// CHECK-NEXT:   %[[ABS:.*]] = comb.mux %{{.*}}, %[[NEG]], %{{.*}} : i5
// CHECK:        %[[IS0:.*]] = comb.icmp eq %x0, %{{.*}} : i4
// CHECK:        %[[M1:.*]] = hw.constant -1 : i2
// CHECK-NEXT:   %[[SG:.*]] = comb.mux %{{.*}}, %[[M1]], %{{.*}} : i2
// CHECK-NEXT:   hw.output %[[MIN]], %[[RELU]], %[[ABS]], %[[SG]], %x0 : i5, i4, i5, i2, i4
func.func @select(%x: !fix.fixed<4, 2>, %u: !fix.ufixed<4, 2>) -> (!fix.fixed<5, 3>, !fix.fixed<4, 2>, !fix.fixed<5, 3>, !fix.fixed<2, 2>, !fix.fixed<4, 5>) {
  %m = fix.min %x, %u : !fix.fixed<4, 2>, !fix.ufixed<4, 2> -> !fix.fixed<5, 3>
  %r = fix.relu %x : !fix.fixed<4, 2> -> !fix.fixed<4, 2>
  %a = fix.abs %x : !fix.fixed<4, 2> -> !fix.fixed<5, 3>
  %s = fix.sign %x : !fix.fixed<4, 2> -> !fix.fixed<2, 2>
  %h = fix.shift %x, 3 : !fix.fixed<4, 2> -> !fix.fixed<4, 5>
  func.return %m, %r, %a, %s, %h : !fix.fixed<5, 3>, !fix.fixed<4, 2>, !fix.fixed<5, 3>, !fix.fixed<2, 2>, !fix.fixed<4, 5>
}
