// RUN: srcc-opt %s -p 'lower-sym-to-fix{output_error=0.01}' | filecheck %s --check-prefix=MET
// RUN: srcc-opt %s -p 'lower-sym-to-fix{output_error=1.0e-09 max_width=12}' | filecheck %s --check-prefix=MISSED
// RUN: srcc-opt %s -p 'lower-sym-to-fix{output_error=1.0e-09 max_width=12 divider=false}' | filecheck %s --check-prefix=TABLE
// RUN: srcc-opt %s -p 'lower-sym-to-fix{width=16 int_bits=4 divider=true}' | filecheck %s --check-prefix=FORCED

// x * inv(y) (what sym-div-to-inv makes of x / y): a reciprocal table where it meets the
// budget; a divider where the table misses it and the divider lowers the bound by 10% or
// more (0.0137 to 0.0117 here), with why on the fix.div; none with divider=false; a
// divider for every reciprocal with divider=true.

// MET-NOT: fix.div
// MET: fix.lut %{{.*}} {function = "inv"

// MISSED-NOT: fix.lut
// MISSED: fix.div %{{.*}}, %{{.*}} {fix.divider = "with a reciprocal table, output 0's bound {{.*}} misses its budget 1e-09; with a divider it is {{.*}}"}

// TABLE-NOT: fix.div
// TABLE: fix.lut %{{.*}} {function = "inv"

// FORCED-NOT: fix.lut
// FORCED: fix.div %{{.*}}, %{{.*}} {fix.divider = "divider=True"}
builtin.module {
  func.func @ratio(%x: f64 {sym.name = "x", sym.range = #sym.interval<-4.0, 4.0>}, %y: f64 {sym.name = "y", sym.range = #sym.interval<1.0, 16.0>}) -> f64 {
    %0 = sym.inv %y
    %1 = sym.mul %x, %0
    func.return %1 : f64
  }
}
