// RUN: srcc-opt %s -p lower-fix-to-hw | filecheck %s

// A table is hw.array_create of hw.constant entries (listed from the highest index down)
// read by hw.array_get; the index is a bit slice of the argument minus the offset,
// clamped into the table.
// CHECK-LABEL: hw.module @clamped
// CHECK-NEXT:    %0 = comb.extract %x from 3 :  (i6) -> i3
// CHECK-NEXT:    %1 = comb.extract %0 from 2 :  (i3) -> i1
// CHECK-NEXT:    %2 = comb.concat %1, %0 : i1, i3
// CHECK-NEXT:    %3 = hw.constant -2 : i4
// CHECK-NEXT:    %4 = comb.sub %2, %3 : i4
// CHECK-NEXT:    %5 = hw.constant 3 : i4
// CHECK-NEXT:    %6 = comb.icmp sgt %4, %5 : i4
// CHECK-NEXT:    %7 = comb.mux %6, %5, %4 : i4
// CHECK-NEXT:    %8 = comb.extract %7 from 3 :  (i4) -> i1
// CHECK-NEXT:    %9 = hw.constant 0 : i4
// CHECK-NEXT:    %10 = comb.mux %8, %9, %7 : i4
// CHECK-NEXT:    %11 = hw.constant 7 : i5
// CHECK-NEXT:    %12 = hw.constant 5 : i5
// CHECK-NEXT:    %13 = hw.constant -3 : i5
// CHECK-NEXT:    %14 = hw.constant -9 : i5
// CHECK-NEXT:    %15 = hw.array_create %11, %12, %13, %14 : i5
// CHECK-NEXT:    %16 = comb.extract %10 from 0 :  (i4) -> i2
// CHECK-NEXT:    %17 = hw.array_get %15[%16] : !hw.array<4xi5>, i2
// CHECK-NEXT:    hw.output %17 : i5
func.func @clamped(%x: !fix.fixed<6, 3> {sym.name = "x"}) -> !fix.fixed<5, 2> {
  %t = fix.lut %x {function = "f", shift = 0, offset = -2, mode = "clamp", symmetry = "none", interpolate = false, max_error = 0.0, lipschitz = 0.0, entries = [-9, -3, 5, 7]} : !fix.fixed<6, 3> -> !fix.fixed<5, 2>
  func.return %t : !fix.fixed<5, 2>
}

// A quarter-wave table: the cell modulo the period (low bits), the quadrant's two bits
// mirror the index and negate the entry.
// CHECK-LABEL: hw.module @quarter
// CHECK:         %[[P:.*]] = comb.extract %{{.*}} from 0 :  (i{{.*}}) -> i2
// CHECK:         %[[Q:.*]] = comb.extract %{{.*}} from 2 :  (i{{.*}}) -> i2
// CHECK:         %[[MIRROR:.*]] = comb.extract %[[Q]] from 0 :  (i2) -> i1
// CHECK-NEXT:    %[[INDEX:.*]] = comb.mux %[[MIRROR]], %{{.*}}, %{{.*}}
// CHECK:         %[[ARRAY:.*]] = hw.array_create %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : i6
// CHECK:         %[[ENTRY:.*]] = hw.array_get %[[ARRAY]][%{{.*}}] : !hw.array<4xi6>, i2
// CHECK-NEXT:    %[[NEGATE:.*]] = comb.extract %[[Q]] from 1 :  (i2) -> i1
// CHECK:         %[[MINUS:.*]] = comb.sub %{{.*}}, %[[ENTRY]] : i6
// CHECK-NEXT:    %{{.*}} = comb.mux %[[NEGATE]], %[[MINUS]], %[[ENTRY]] : i6
func.func @quarter(%x: !fix.fixed<8, 4> {sym.name = "x"}) -> !fix.fixed<6, 1> {
  %t = fix.lut %x {function = "sin", shift = -2, offset = 0, mode = "wrap", symmetry = "quarter", interpolate = false, max_error = 0.0, lipschitz = 0.0, entries = [3, 9, 15, 21]} : !fix.fixed<8, 4> -> !fix.fixed<6, 1>
  func.return %t : !fix.fixed<6, 1>
}

// Interpolation: two arrays (left and right entries), their difference times the bits
// below the index, shifted down by k.
// CHECK-LABEL: hw.module @interpolated
// CHECK:         %[[LEFT:.*]] = hw.array_get %{{.*}} : !hw.array<2xi6>, i1
// CHECK:         %[[RIGHT:.*]] = hw.array_get %{{.*}} : !hw.array<2xi6>, i1
// CHECK:         %[[DIFF:.*]] = comb.sub %{{.*}}, %{{.*}} : i7
// CHECK:         %[[PRODUCT:.*]] = comb.mul %{{.*}}, %{{.*}} : i10
// CHECK-NEXT:    %[[STEP:.*]] = comb.extract %[[PRODUCT]] from 2 :  (i10) -> i6
// CHECK-NEXT:    %{{.*}} = comb.add %[[LEFT]], %[[STEP]] : i6
func.func @interpolated(%x: !fix.ufixed<6, 2> {sym.name = "x"}) -> !fix.fixed<6, 1> {
  %t = fix.lut %x {function = "f", shift = -2, offset = 0, mode = "clamp", symmetry = "none", interpolate = true, max_error = 0.0, lipschitz = 0.0, entries = [0, 10, 20]} : !fix.ufixed<6, 2> -> !fix.fixed<6, 1>
  func.return %t : !fix.fixed<6, 1>
}
