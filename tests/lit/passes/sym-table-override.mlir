// RUN: srcc-opt %s -p 'sym-table-override{function="sin" size=64 domain=-1.0,1.0}' | filecheck %s
// RUN: srcc-opt %s -p 'sym-table-override{function="sin" size=64 domain=-1.0,1.0},lower-sym-to-fix{output_error=0.01}' | filecheck %s --check-prefix=LOWERED

// Every sym.sin gets the table size and domain; other functions keep their own tables.
// CHECK:      %s = sym.sin %x0 {sym.table_size = 64 : i64, sym.domain = #sym.interval<-1.0, 1.0>}
// CHECK-NEXT: %c = sym.cos %x0
// CHECK-NEXT: %t = sym.sin %c {sym.table_size = 64 : i64, sym.domain = #sym.interval<-1.0, 1.0>}

// The lowering designs the marked tables from them: 64 cells of 2^-6 over [0, 1] (odd
// symmetry), whatever the argument's range; cos keeps a table over its argument's range.
// LOWERED:      fix.lut %{{[0-9]+}} {function = "sin", shift = -6, offset = 0, mode = "clamp", symmetry = "odd"{{.*}} attributes {fix.domain = #sym.interval<-1.0, 1.0>}
// LOWERED:      fix.lut %{{[0-9]+}} {function = "cos", shift = -9, {{.*}} attributes {fix.domain = #sym.interval<-2.0, 2.0>}
// LOWERED:      fix.lut %{{[0-9]+}} {function = "sin", shift = -6, offset = 0, mode = "clamp", symmetry = "odd"{{.*}} attributes {fix.domain = #sym.interval<-1.0, 1.0>}
func.func @model(%x0: f64 {sym.name = "x0", sym.range = #sym.interval<-2.0, 2.0>}) -> (f64, f64) {
  %s = sym.sin %x0
  %c = sym.cos %x0
  %t = sym.sin %c
  func.return %s, %t : f64, f64
}
