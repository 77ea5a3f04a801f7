// RUN: srcc-opt %s -p 'lower-sym-to-fix{width=200 int_bits=100}' --verify-diagnostics --split-input-file | filecheck %s --check-prefix=ENTRIES
// RUN: srcc-opt %s -p 'lower-sym-to-fix{width=1024 int_bits=512}' --verify-diagnostics --split-input-file | filecheck %s --check-prefix=WIDTH

func.func @table(%x0: f64 {sym.name = "x0", sym.range = #sym.interval<-1.0, 1.0>}) -> f64 {
  %e = sym.exp %x0
  func.return %e : f64
}
// ENTRIES: a table of exp over [-1, 1] needs 103-bit entries, and a table's entries have at most 64 bits (fix.MAX_TABLE_ENTRY_WIDTH); narrow the input ranges (or, under a uniform precision, use fewer fractional bits)
// WIDTH: a table of exp over [-1, 1] needs 515-bit entries

// -----

func.func @product(%x0: f64 {sym.name = "x0", sym.range = #sym.interval<-1.0, 1.0>}) -> f64 {
  %p = sym.mul %x0, %x0
  func.return %p : f64
}
// WIDTH: sym.mul: its exact result is fix.fixed<2048, 1024>: width 2048 beyond srcc's limit of 1024 (fix.MAX_WIDTH, ap_fixed's default AP_INT_MAX_W)
