// RUN: srcc-opt %s -p lower-fix-to-hw | filecheck %s

// fix.cast as explicit logic: the floor is a bit slice; `rnd` adds the top discarded bit;
// `sat` compares the rounded value with the target's ends, one bit wider than both.
// CHECK-LABEL: hw.module @round_saturate
// CHECK-NEXT:    %0 = comb.extract %x from 3 :  (i8) -> i5
// CHECK-NEXT:    %1 = comb.extract %x from 0 :  (i8) -> i3
// CHECK-NEXT:    %2 = comb.extract %1 from 2 :  (i3) -> i1
// CHECK-NEXT:    %3 = comb.extract %0 from 4 :  (i5) -> i1
// CHECK-NEXT:    %4 = comb.concat %3, %0 : i1, i5
// CHECK-NEXT:    %5 = hw.constant 0 : i5
// CHECK-NEXT:    %6 = comb.concat %5, %2 : i5, i1
// CHECK-NEXT:    %7 = comb.add %4, %6 : i6
// CHECK-NEXT:    %8 = comb.extract %7 from 0 :  (i6) -> i4
// CHECK-NEXT:    %9 = comb.extract %7 from 5 :  (i6) -> i1
// CHECK-NEXT:    %10 = comb.concat %9, %7 : i1, i6
// CHECK-NEXT:    %11 = hw.constant -8 : i7
// CHECK-NEXT:    %12 = comb.icmp slt %10, %11 : i7
// CHECK-NEXT:    %13 = hw.constant 7 : i7
// CHECK-NEXT:    %14 = comb.icmp sgt %10, %13 : i7
// CHECK-NEXT:    %15 = hw.constant 7 : i4
// CHECK-NEXT:    %16 = comb.mux %14, %15, %8 : i4
// CHECK-NEXT:    %17 = hw.constant -8 : i4
// CHECK-NEXT:    %18 = comb.mux %12, %17, %16 : i4
// CHECK-NEXT:    hw.output %18 : i4
func.func @round_saturate(%x: !fix.fixed<8, 3> {sym.name = "x"}) -> !fix.fixed<4, 2> {
  %c = fix.cast %x {round = "rnd", overflow = "sat"} : !fix.fixed<8, 3> -> !fix.fixed<4, 2>
  func.return %c : !fix.fixed<4, 2>
}

// Ties to even: above half, or at half with an odd floor. Wrapping keeps the low bits.
// CHECK-LABEL: hw.module @convergent_wrap
// CHECK:         %[[ABOVE:.*]] = comb.icmp ugt %{{.*}}, %{{.*}} : i3
// CHECK-NEXT:    %[[TIE:.*]] = comb.icmp eq %{{.*}}, %{{.*}} : i3
// CHECK-NEXT:    %[[LSB:.*]] = comb.extract %{{.*}} from 0 :  (i5) -> i1
// CHECK-NEXT:    %[[ODD:.*]] = comb.and %[[TIE]], %[[LSB]] : i1
// CHECK-NEXT:    %[[UP:.*]] = comb.or %[[ABOVE]], %[[ODD]] : i1
// CHECK:         %[[SUM:.*]] = comb.add %{{.*}}, %{{.*}} : i6
// CHECK-NEXT:    %[[LOW:.*]] = comb.extract %[[SUM]] from 0 :  (i6) -> i4
// CHECK-NEXT:    hw.output %[[LOW]] : i4
func.func @convergent_wrap(%x: !fix.fixed<8, 3> {sym.name = "x"}) -> !fix.fixed<4, 2> {
  %c = fix.cast %x {round = "rnd_conv", overflow = "wrap"} : !fix.fixed<8, 3> -> !fix.fixed<4, 2>
  func.return %c : !fix.fixed<4, 2>
}

// Truncation into a type that holds the whole range: a slice, no comparator.
// CHECK-LABEL: hw.module @truncate
// CHECK-NEXT:    %0 = comb.extract %x from 2 :  (i8) -> i6
// CHECK-NEXT:    hw.output %0 : i6
func.func @truncate(%x: !fix.fixed<8, 3> {sym.name = "x"}) -> !fix.fixed<6, 3> {
  %c = fix.cast %x {round = "trn", overflow = "sat"} : !fix.fixed<8, 3> -> !fix.fixed<6, 3>
  func.return %c : !fix.fixed<6, 3>
}
