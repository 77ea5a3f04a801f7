// RUN: srcc-opt %s -p lower-fix-to-hw | filecheck %s
// RUN: srcc-opt %s -p 'lower-fix-to-hw{clock_ns=2.5}' | filecheck %s --check-prefix=FAST

// Registers go where fix-cost-report puts the stage boundaries (tests/lit/passes/
// fix-cost-report.mlir has the same function): at 5 ns the second product and the cast
// start stages 1 and 2; at 2.5 ns the product and the cast each span two stages (one
// register inside, after their logic) and the latency is 4. A value crosses one
// seq.compreg per stage boundary; an input read late (%y) is delayed with the rest.

// CHECK:      hw.module @poly(in %clk: !seq.clock, in %x: i16, in %y: i16, out y0: i16) attributes {srcc.latency = 2 : i64}
// CHECK:        %[[K1:.*]] = seq.compreg %{{.*}}, %clk : i26
// CHECK-NEXT:   %[[Y1:.*]] = seq.compreg %y, %clk : i16
// CHECK:        %[[M:.*]] = comb.mul %{{.*}}, %{{.*}} : i42
// CHECK-NEXT:   %[[M2:.*]] = seq.compreg %[[M]], %clk : i42
// CHECK:        %[[Y2:.*]] = seq.compreg %[[Y1]], %clk : i16
// CHECK-NOT:    seq.compreg
// CHECK:        hw.output
// FAST:       hw.module @poly({{.*}}) attributes {srcc.latency = 4 : i64}
// FAST-COUNT-8: seq.compreg
// FAST-NOT:   seq.compreg
func.func @poly(%x: !fix.fixed<16, 6> {sym.name = "x"}, %y: !fix.fixed<16, 6> {sym.name = "y"}) -> !fix.fixed<16, 6> {
  %c = fix.constant 0.3095703125 : !fix.fixed<10, 0>
  %k = fix.mul %x, %c : !fix.fixed<16, 6>, !fix.fixed<10, 0> -> !fix.fixed<26, 6>
  %m = fix.mul %k, %y : !fix.fixed<26, 6>, !fix.fixed<16, 6> -> !fix.fixed<42, 12>
  %q = fix.cast %m {round = "rnd", overflow = "sat"} : !fix.fixed<42, 12> -> !fix.fixed<16, 6>
  %s = fix.add %q, %y : !fix.fixed<16, 6>, !fix.fixed<16, 6> -> !fix.fixed<17, 7>
  %h = fix.shift %s, -1 : !fix.fixed<17, 7> -> !fix.fixed<17, 6>
  %r = fix.cast %h {round = "trn", overflow = "wrap"} : !fix.fixed<17, 6> -> !fix.fixed<16, 6>
  func.return %r : !fix.fixed<16, 6>
}
