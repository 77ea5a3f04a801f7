// RUN: srcc-opt %s -t hls | filecheck %s
// RUN: srcc-opt %s -t "hls{target=vivado}" | filecheck %s --check-prefix=VIVADO

// Every input and every output is a port of its own type: G in [0, 2) keeps no sign bit and
// its 15 fractional bits beside m's 4 integer bits. Ports are named as the Verilog module's
// (sym.name, outputs y<j>), made C++ identifiers the emitter does not use otherwise: a
// keyword (int), a value typedef (fixed_8_4_t), the helpers' namespace (srcc), a library
// prefix (ap_), a standard typedef (size_t) and an input called y0 get a suffix or prefix.
// CHECK-LABEL: // ==== firmware/model_types.h ====
// CHECK:       #define N_IN 7
// CHECK-NEXT:  #define N_OUT 2
// CHECK-EMPTY:
// CHECK-NEXT:  // Inputs enter by AP_TRN and AP_SAT, as srcc's Model.predict does.
// CHECK-NEXT:  typedef ap_ufixed<16,1,AP_TRN,AP_SAT> G_t;
// CHECK-NEXT:  typedef ap_fixed<8,4,AP_TRN,AP_SAT> int_1_t;
// CHECK-NEXT:  typedef ap_fixed<6,-1,AP_TRN,AP_SAT> fixed_8_4_1_t;
// CHECK-NEXT:  typedef ap_ufixed<4,4,AP_TRN,AP_SAT> srcc_1_t;
// CHECK-NEXT:  typedef ap_fixed<5,2,AP_TRN,AP_SAT> y0_t;
// CHECK-NEXT:  typedef ap_fixed<5,2,AP_TRN,AP_SAT> v_ap_x_t;
// CHECK-NEXT:  typedef ap_fixed<5,2,AP_TRN,AP_SAT> size_1_t;
// CHECK-NEXT:  typedef ap_fixed<12,5> y0_1_t;
// CHECK-NEXT:  typedef ap_ufixed<9,3> y1_t;
// CHECK-EMPTY:
// CHECK-NEXT:  typedef ap_fixed<9,6> fixed_9_6_t;
// CHECK-NOT:   input_t
// CHECK-NOT:   output_t
// CHECK-LABEL: // ==== firmware/model.h ====
// CHECK:       void model(const G_t G, const int_1_t int_1, const fixed_8_4_1_t fixed_8_4_1, const srcc_1_t srcc_1, const y0_t y0, const v_ap_x_t v_ap_x, const size_1_t size_1, y0_1_t &y0_1, y1_t &y1);
// CHECK-LABEL: // ==== firmware/model.cpp ====
// CHECK:       void model(const G_t G, const int_1_t int_1, const fixed_8_4_1_t fixed_8_4_1, const srcc_1_t srcc_1, const y0_t y0, const v_ap_x_t v_ap_x, const size_1_t size_1, y0_1_t &y0_1, y1_t &y1) {
// CHECK-NEXT:  #pragma HLS PIPELINE II=1
// CHECK-NEXT:  #pragma HLS INTERFACE mode=ap_vld port=G
// CHECK-NEXT:  #pragma HLS INTERFACE mode=ap_vld port=int_1
// CHECK-NEXT:  #pragma HLS INTERFACE mode=ap_vld port=fixed_8_4_1
// CHECK-NEXT:  #pragma HLS INTERFACE mode=ap_vld port=srcc_1
// CHECK-NEXT:  #pragma HLS INTERFACE mode=ap_vld port=y0
// CHECK-NEXT:  #pragma HLS INTERFACE mode=ap_vld port=v_ap_x
// CHECK-NEXT:  #pragma HLS INTERFACE mode=ap_vld port=size_1
// CHECK-NEXT:  #pragma HLS INTERFACE mode=ap_vld port=y0_1
// CHECK-NEXT:  #pragma HLS INTERFACE mode=ap_vld port=y1
// VIVADO:      #pragma HLS INTERFACE ap_vld port=G
// VIVADO:      #pragma HLS INTERFACE ap_vld port=y1
func.func @model(%g: !fix.ufixed<16, 1> {sym.name = "G", fix.modes = ["trn", "sat"]}, %m: !fix.fixed<8, 4> {sym.name = "int", fix.modes = ["trn", "sat"]}, %f: !fix.fixed<6, -1> {sym.name = "fixed_8_4", fix.modes = ["trn", "sat"]}, %s: !fix.ufixed<4, 4> {sym.name = "srcc", fix.modes = ["trn", "sat"]}, %y: !fix.fixed<5, 2> {sym.name = "y0", fix.modes = ["trn", "sat"]}, %a: !fix.fixed<5, 2> {sym.name = "ap_x", fix.modes = ["trn", "sat"]}, %z: !fix.fixed<5, 2> {sym.name = "size", fix.modes = ["trn", "sat"]}) -> (!fix.fixed<12, 5>, !fix.ufixed<9, 3>) {
  // The body reads the parameters directly.
  // CHECK-NEXT:  fixed_24_5_t t0_mul = G * int_1;
  %p = fix.mul %g, %m : !fix.ufixed<16, 1>, !fix.fixed<8, 4> -> !fix.fixed<24, 5>
  // CHECK-NEXT:  fixed_25_6_t t1_add = t0_mul + fixed_8_4_1;
  %q = fix.add %p, %f : !fix.fixed<24, 5>, !fix.fixed<6, -1> -> !fix.fixed<25, 6>
  // CHECK-NEXT:  fixed_12_5_rnd_sat_t t2_cast = t1_add;
  %o0 = fix.cast %q {round = "rnd", overflow = "sat"} : !fix.fixed<25, 6> -> !fix.fixed<12, 5>
  // CHECK-NEXT:  fixed_9_6_t t3_add = srcc_1 + y0;
  %r = fix.add %s, %y : !fix.ufixed<4, 4>, !fix.fixed<5, 2> -> !fix.fixed<9, 6>
  // CHECK-NEXT:  ufixed_9_3_trn_sat_t t4_cast = t3_add;
  %o1 = fix.cast %r {round = "trn", overflow = "sat"} : !fix.fixed<9, 6> -> !fix.ufixed<9, 3>
  // Each output is assigned in its own type.
  // CHECK-NEXT:  y0_1 = t2_cast;
  // CHECK-NEXT:  y1 = t4_cast;
  // CHECK-NEXT:  }
  func.return %o0, %o1 : !fix.fixed<12, 5>, !fix.ufixed<9, 3>
}
