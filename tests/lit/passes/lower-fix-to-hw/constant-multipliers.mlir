// RUN: srcc-opt %s -p 'lower-fix-to-hw{constant_multipliers="shift-add"}' | filecheck %s --check-prefix=SHIFT
// RUN: srcc-opt %s -p 'lower-fix-to-hw{constant_multipliers="dsp"}' | filecheck %s --check-prefix=DSP
// RUN: srcc-opt %s -p lower-fix-to-hw | filecheck %s --check-prefix=AUTO

// x * 0.4375 (raw 7 = 8 - 1 in canonical signed digits): x<<3 - x as a shift-add tree, or
// one comb.mul. `auto` asks the device model: a 2-digit tree is cheaper than a DSP.
// SHIFT:      %[[X:.*]] = comb.concat %{{.*}}, %x : i4, i8
// SHIFT-NEXT: %[[ZERO:.*]] = hw.constant 0 : i3
// SHIFT-NEXT: %[[X8:.*]] = comb.concat %[[X]], %[[ZERO]] : i12, i3
// SHIFT-NEXT: %[[X8LOW:.*]] = comb.extract %[[X8]] from 0 :  (i15) -> i12
// SHIFT-NEXT: %[[DIFF:.*]] = comb.sub %[[X8LOW]], %[[X]] : i12
// SHIFT-NEXT: hw.output %[[DIFF]] : i12
// SHIFT-NOT:  comb.mul
// DSP:        %[[P:.*]] = comb.mul %{{.*}}, %{{.*}} : i12
// DSP-NEXT:   hw.output %[[P]] : i12
// AUTO-NOT:   comb.mul
func.func @scale(%x: !fix.fixed<8, 4> {sym.name = "x"}) -> !fix.fixed<12, 4> {
  %c = fix.constant 0.4375 : !fix.fixed<4, 0>
  %p = fix.mul %x, %c : !fix.fixed<8, 4>, !fix.fixed<4, 0> -> !fix.fixed<12, 4>
  func.return %p : !fix.fixed<12, 4>
}
