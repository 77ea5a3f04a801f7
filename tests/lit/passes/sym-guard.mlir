// RUN: srcc-opt %s -p sym-guard | filecheck %s
// RUN: srcc-opt %s -p 'sym-guard{eps=0.125}' | filecheck %s --check-prefix=EPS
// RUN: srcc-opt %s -p 'sym-guard,lower-sym-to-fix{output_error=0.05}' | filecheck %s --check-prefix=LOWERED
// RUN: not srcc-opt %s -p 'sym-guard{eps=8.0}' 2>&1 | filecheck %s --check-prefix=TOO-WIDE

// Ops whose argument reaches 0 are guarded, by default with the largest power of two at
// most 1/256 of the argument's extent (max |u|, or the upper end for log and sqrt): log|x0|
// over [-2, 4] with 2^-6; 1/x1 over [-1, 0.5] with 2^-8; log(x1) over [-1, 0.5] with 2^-9
// (its extent is 0.5); sqrt(x1) as log. Ops clear of 0 are left alone.
// CHECK:      %l = sym.log_abs %x0 {sym.guard = 1.562500e-02 : f64}
// CHECK-NEXT: %i = sym.inv %x1 {sym.guard = 3.906250e-03 : f64}
// CHECK-NEXT: %g = sym.log %x1 {sym.guard = 0.001953125 : f64}
// CHECK-NEXT: %r = sym.sqrt %x1 {sym.guard = 0.001953125 : f64}
// CHECK-NEXT: %c = sym.constant 5.0
// CHECK-NEXT: %p = sym.add %x0, %c
// CHECK-NEXT: %q = sym.log %p{{$}}
// EPS:      %l = sym.log_abs %x0 {sym.guard = 1.250000e-01 : f64}
// EPS-NEXT: %i = sym.inv %x1 {sym.guard = 1.250000e-01 : f64}

// The tables cover the guarded arguments: log_abs an even table of |x0| >= 2^-6 (fix.guard),
// log and sqrt plain tables from eps (their clamp), inv an odd table of |x1| >= 2^-8.
// LOWERED: fix.lut %{{[0-9]+}} {function = "log_abs", {{.*}}symmetry = "even"{{.*}} attributes {fix.domain = #sym.interval<-4.0, 4.0>, fix.guard = 1.562500e-02 : f64}
// LOWERED: fix.lut %{{[0-9]+}} {function = "inv", {{.*}}symmetry = "odd"{{.*}} attributes {fix.domain = #sym.interval<-1.0, 1.0>, fix.guard = 3.906250e-03 : f64}
// LOWERED: fix.lut %{{[0-9]+}} {function = "log", {{.*}}symmetry = "none"{{.*}} attributes {fix.domain = #sym.interval<0.001953125, 0.5>}
// LOWERED: fix.lut %{{[0-9]+}} {function = "sqrt", {{.*}}symmetry = "none"{{.*}} attributes {fix.domain = #sym.interval<0.001953125, 0.5>}

// TOO-WIDE: srcc-opt: error: guard eps 8 of sym.log_abs leaves nothing of its argument's range [-2, 4]: give an eps below 4
func.func @model(%x0: f64 {sym.name = "x0", sym.range = #sym.interval<-2.0, 4.0>}, %x1: f64 {sym.name = "x1", sym.range = #sym.interval<-1.0, 0.5>}) -> (f64, f64) {
  %l = sym.log_abs %x0
  %i = sym.inv %x1
  %g = sym.log %x1
  %r = sym.sqrt %x1
  %c = sym.constant 5.0
  %p = sym.add %x0, %c
  %q = sym.log %p
  %s0 = sym.add %l, %i
  %s1 = sym.add %g, %r
  %s2 = sym.add %s1, %q
  func.return %s0, %s2 : f64, f64
}
