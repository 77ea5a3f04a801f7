// RUN: srcc-opt %s -p 'lower-sym-to-fix{output_error=0.01}' --verify-diagnostics --split-input-file | filecheck %s

// An input type narrower than the declared range saturates: the bound counts it (3 - 127/128).
// CHECK-LABEL: func.func @model
// CHECK-SAME: fix.modes = ["trn", "sat"], fix.format = !fix.fixed<8, 1>
// CHECK-SAME: fix.error_bound = 2.00781250{{[0-9]*}} : f64
func.func @model(%x0: f64 {sym.name = "x0", sym.range = #sym.interval<-3.0, 3.0>, fix.format = !fix.fixed<8, 1>, fix.modes = ["trn", "sat"]}) -> f64 {
  func.return %x0 : f64
}

// -----

// With wrap it would not saturate: refused.
func.func @model(%x0: f64 {sym.name = "x0", sym.range = #sym.interval<-3.0, 3.0>, fix.format = !fix.fixed<8, 1>, fix.modes = ["trn", "wrap"]}) -> f64 {
  func.return %x0 : f64
}
// CHECK: input x0: ap_fixed<8,1> holds [-1, 0.992188], not the declared range [-3, 3]; values outside it would wrap (AP_WRAP), which no useful error bound covers: use AP_SAT (the bound then counts the saturation), a wider type or a narrower range

// -----

func.func @model(%x0: f64 {sym.name = "x0", sym.range = #sym.interval<-1.0, 1.0>, fix.format = !fix.fixed<8, 2>, fix.modes = ["trn", "sat"]}, %x1: f64 {sym.name = "x1", sym.range = #sym.interval<-1.0, 1.0>, fix.format = !fix.fixed<8, 2>}) -> f64 {
  %s = sym.add %x0, %x1
  func.return %s : f64
}
// CHECK: the inputs must share rounding and overflow modes; got AP_RND_CONV,AP_SAT and AP_TRN,AP_SAT
