// RUN: srcc-opt %s -p sym-composite | filecheck %s
// RUN: srcc-opt %s -p sym-composite --print-op-generic | srcc-opt | filecheck %s
// RUN: srcc-opt %s -p 'sym-composite{max_width=16}' | filecheck %s --check-prefix=WIDTH

// Planck's x**3/(exp(x) - 1): a function of the input x alone, one composite.
// CHECK-LABEL: func.func @planck
// CHECK-NEXT:    %0 = sym.composite %x {
// CHECK-NEXT:    ^bb0(%1: f64):
// CHECK-NEXT:      %2 = sym.mul %1, %1
// CHECK-NEXT:      %3 = sym.mul %2, %1
// CHECK-NEXT:      %4 = sym.exp %1
// CHECK-NEXT:      %5 = sym.constant -1.0
// CHECK-NEXT:      %6 = sym.add %4, %5
// CHECK-NEXT:      %7 = sym.inv %6
// CHECK-NEXT:      %8 = sym.mul %3, %7
// CHECK-NEXT:      sym.yield %8
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return %0 : f64
func.func @planck(%x: f64 {sym.range = #sym.interval<0.5, 3.0>}) -> f64 {
  %0 = sym.mul %x, %x
  %1 = sym.mul %0, %x
  %2 = sym.exp %x
  %3 = sym.constant -1.0
  %4 = sym.add %2, %3
  %5 = sym.inv %4
  %6 = sym.mul %1, %5
  func.return %6 : f64
}

// Bose-Einstein's 1/(exp(u) - 1) of the computed u = e * inv(t): the chain starts at u.
// CHECK-LABEL: func.func @bose_einstein
// CHECK-NEXT:    %0 = sym.inv %t
// CHECK-NEXT:    %1 = sym.mul %e, %0
// CHECK-NEXT:    %2 = sym.composite %1 {
// CHECK-NEXT:    ^bb0(%3: f64):
// CHECK-NEXT:      %4 = sym.exp %3
// CHECK-NEXT:      %5 = sym.constant -1.0
// CHECK-NEXT:      %6 = sym.add %4, %5
// CHECK-NEXT:      %7 = sym.inv %6
// CHECK-NEXT:      sym.yield %7
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return %2 : f64
func.func @bose_einstein(%e: f64 {sym.range = #sym.interval<0.5, 3.0>},
                         %t: f64 {sym.range = #sym.interval<1.0, 6.0>}) -> f64 {
  %0 = sym.inv %t
  %1 = sym.mul %e, %0
  %2 = sym.exp %1
  %3 = sym.constant -1.0
  %4 = sym.add %2, %3
  %5 = sym.inv %4
  func.return %5 : f64
}

// sin(x) has two readers: computed once, as before; 0.5 * sin(x) alone holds no table.
// CHECK-LABEL: func.func @shared
// CHECK-NOT:     sym.composite
// CHECK:         func.return
func.func @shared(%x: f64 {sym.range = #sym.interval<-1.0, 1.0>},
                  %y: f64 {sym.range = #sym.interval<-1.0, 1.0>}) -> (f64, f64) {
  %0 = sym.sin %x
  %1 = sym.constant 0.5
  %2 = sym.mul %0, %1
  %3 = sym.mul %0, %y
  func.return %2, %3 : f64, f64
}

// A table the user fixed (sym.table_size) keeps its own: the chain starts after it.
// CHECK-LABEL: func.func @fixed_by_user
// CHECK-NEXT:    %0 = sym.exp %x {sym.table_size = 64 : i64}
// CHECK-NEXT:    %1 = sym.composite %0 {
// CHECK-NEXT:    ^bb0(%2: f64):
// CHECK-NEXT:      %3 = sym.sin %2
// CHECK-NEXT:      %4 = sym.constant 2.0
// CHECK-NEXT:      %5 = sym.mul %3, %4
// CHECK-NEXT:      sym.yield %5
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return %1 : f64
func.func @fixed_by_user(%x: f64 {sym.range = #sym.interval<0.0, 1.0>}) -> f64 {
  %0 = sym.exp %x {sym.table_size = 64 : i64}
  %1 = sym.sin %0
  %2 = sym.constant 2.0
  %3 = sym.mul %1, %2
  func.return %3 : f64
}

// 1/cos(x) near its poles: the largest table of the whole function is less accurate than
// the chain's (cos, then 1/u over [0.07, 1]); the chain stays.
// CHECK-LABEL: func.func @secant
// CHECK-NEXT:    %0 = sym.cos %x
// CHECK-NEXT:    %1 = sym.inv %0
// CHECK-NEXT:    func.return %1 : f64
func.func @secant(%x: f64 {sym.range = #sym.interval<-1.5, 1.5>}) -> f64 {
  %0 = sym.cos %x
  %1 = sym.inv %0
  func.return %1 : f64
}

// sqrt(x) * exp(x) over [0, 1]: f' is unbounded at 0, so no table of f has a bound; the
// chain stays.
// CHECK-LABEL: func.func @unbounded_slope
// CHECK-NOT:     sym.composite
// CHECK:         func.return
func.func @unbounded_slope(%x: f64 {sym.range = #sym.interval<0.0, 1.0>}) -> f64 {
  %0 = sym.sqrt %x
  %1 = sym.exp %x
  %2 = sym.mul %0, %1
  func.return %2 : f64
}

// A sign is no smooth op: the chain, cos(s) * 3 of s = sign(x), starts after it.
// CHECK-LABEL: func.func @after_a_step
// CHECK-NEXT:    %0 = sym.sign %x
// CHECK-NEXT:    %1 = sym.composite %0 {
// CHECK-NEXT:    ^bb0(%2: f64):
// CHECK-NEXT:      %3 = sym.cos %2
// CHECK-NEXT:      %4 = sym.constant 3.0
// CHECK-NEXT:      %5 = sym.mul %3, %4
// CHECK-NEXT:      sym.yield %5
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return %1 : f64
func.func @after_a_step(%x: f64 {sym.range = #sym.interval<-1.0, 1.0>}) -> f64 {
  %0 = sym.sign %x
  %1 = sym.cos %0
  %2 = sym.constant 3.0
  %3 = sym.mul %1, %2
  func.return %3 : f64
}

// 3 * p * cos(t) * sin(t): the product is reassociated so that cos(t) * sin(t), two
// functions of t, multiply first; that product is a chain of t. 1/r, read by three
// products of one chain, joins it: (1/r)**3 is a chain of r, fused when its table's
// entries round as coarsely as the chain's (max_width=16), not with exact entries.
// CHECK-LABEL: func.func @regrouped
// CHECK-NEXT:    %0 = sym.constant 3.0
// CHECK-NEXT:    %1 = sym.inv %r
// CHECK-NEXT:    %2 = sym.composite %t {
// CHECK-NEXT:    ^bb0(%3: f64):
// CHECK-NEXT:      %4 = sym.cos %3
// CHECK-NEXT:      %5 = sym.sin %3
// CHECK-NEXT:      %6 = sym.mul %4, %5
// CHECK-NEXT:      sym.yield %6
// CHECK-NEXT:    }
// CHECK-NEXT:    %3 = sym.mul %1, %1
// CHECK-NEXT:    %4 = sym.mul %3, %1
// CHECK-NEXT:    %5 = sym.mul %2, %4
// CHECK-NEXT:    %6 = sym.mul %5, %p
// CHECK-NEXT:    %7 = sym.mul %6, %0
// CHECK-NEXT:    func.return %7 : f64
// WIDTH-LABEL: func.func @regrouped
// WIDTH:         sym.composite %t {
// WIDTH:         %{{[0-9]+}} = sym.composite %r {
// WIDTH-NEXT:    ^bb{{[0-9]+}}(%[[U:[0-9]+]]: f64):
// WIDTH-NEXT:      %[[I:[0-9]+]] = sym.inv %[[U]]
// WIDTH-NEXT:      %[[S:[0-9]+]] = sym.mul %[[I]], %[[I]]
// WIDTH-NEXT:      %[[C:[0-9]+]] = sym.mul %[[S]], %[[I]]
// WIDTH-NEXT:      sym.yield %[[C]]
func.func @regrouped(%p: f64 {sym.range = #sym.interval<1.0, 5.0>},
                     %t: f64 {sym.range = #sym.interval<0.0, 3.14>},
                     %r: f64 {sym.range = #sym.interval<1.0, 3.0>}) -> f64 {
  %0 = sym.constant 3.0
  %1 = sym.mul %p, %0
  %2 = sym.cos %t
  %3 = sym.mul %1, %2
  %4 = sym.sin %t
  %5 = sym.mul %3, %4
  %6 = sym.inv %r
  %7 = sym.mul %5, %6
  %8 = sym.mul %7, %6
  %9 = sym.mul %8, %6
  func.return %9 : f64
}
