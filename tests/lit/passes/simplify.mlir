// RUN: srcc-opt %s -p simplify | filecheck %s

// x0*x1 + x1*x0 + 0*x2 + x3**4: one product, doubled; no add of zero; x3**4 in two
// multiplications.
// CHECK-LABEL: func.func @example
func.func @example(%x0: f64, %x1: f64, %x2: f64, %x3: f64) -> f64 {
  // CHECK-NEXT: %[[P:.*]] = sym.mul %x0, %x1
  // CHECK-NEXT: %[[TWO:.*]] = sym.constant 2.0
  // CHECK-NEXT: %[[PP:.*]] = sym.mul %[[P]], %[[TWO]]
  // CHECK-NEXT: %[[S:.*]] = sym.mul %x3, %x3
  // CHECK-NEXT: %[[Q:.*]] = sym.mul %[[S]], %[[S]]
  // CHECK-NEXT: %[[R:.*]] = sym.add %[[PP]], %[[Q]]
  // CHECK-NEXT: func.return %[[R]] : f64
  %a = sym.mul %x0, %x1
  %b = sym.mul %x1, %x0
  %s = sym.add %a, %b
  %zero = sym.constant 0.0
  %c = sym.mul %zero, %x2
  %t = sym.add %s, %c
  %p = sym.powi %x3, 4
  %r = sym.add %t, %p
  func.return %r : f64
}

// square(x) and x**2 are one value; negations cancel; a division by a constant
// becomes a multiplication, merged with the next constant factor, sin(0.5) folded;
// log(-1) stays.
// CHECK-LABEL: func.func @mixed
func.func @mixed(%x: f64, %y: f64) -> (f64, f64, f64) {
  // CHECK-NEXT: %[[SQ:.*]] = sym.mul %x, %x
  // CHECK-NEXT: %[[TWO:.*]] = sym.constant 2.0
  // CHECK-NEXT: %[[SUM:.*]] = sym.mul %[[SQ]], %[[TWO]]
  // CHECK-NEXT: %[[XY:.*]] = sym.mul %x, %y
  // CHECK-NEXT: %[[FACTOR:.*]] = sym.constant 0.958851077208406
  // CHECK-NEXT: %[[SCALED:.*]] = sym.mul %[[XY]], %[[FACTOR]]
  // CHECK-NEXT: %[[M:.*]] = sym.constant -1.0
  // CHECK-NEXT: %[[LOG:.*]] = sym.log %[[M]]
  // CHECK-NEXT: %[[BAD:.*]] = sym.add %x, %[[LOG]]
  // CHECK-NEXT: func.return %[[SUM]], %[[SCALED]], %[[BAD]] : f64, f64, f64
  %sq = sym.square %x
  %p2 = sym.powi %x, 2
  %sum = sym.add %sq, %p2
  %nx = sym.neg %x
  %ny = sym.neg %y
  %nxny = sym.mul %ny, %nx
  %half = sym.constant 0.5
  %sin = sym.sin %half
  %scaled0 = sym.div %nxny, %half
  %scaled = sym.mul %scaled0, %sin
  %m = sym.constant -1.0
  %log = sym.log %m
  %bad = sym.add %log, %x
  func.return %sum, %scaled, %bad : f64, f64, f64
}

// A merge by `cse` exposes a pattern to the next round: x0*x1 - x1*x0 is p - p, then 0.
// CHECK-LABEL: func.func @rounds
func.func @rounds(%x0: f64, %x1: f64) -> f64 {
  // CHECK-NEXT: %[[ZERO:.*]] = sym.constant 0.0
  // CHECK-NEXT: func.return %[[ZERO]] : f64
  %a = sym.mul %x0, %x1
  %b = sym.mul %x1, %x0
  %d = sym.sub %a, %b
  func.return %d : f64
}
