// RUN: srcc-opt %s -t hls | filecheck %s

// A cast is an assignment into a typedef carrying its rounding and overflow modes.
// CHECK-LABEL: // ==== firmware/model_types.h ====
// CHECK:     typedef ap_fixed<6,-1,AP_RND,AP_SAT> fixed_6_m1_rnd_sat_t;
// CHECK-NEXT: typedef ap_fixed<6,2> fixed_6_2_t;
// CHECK-NEXT: typedef ap_fixed<6,2,AP_RND_CONV,AP_SAT_SYM> fixed_6_2_rnd_conv_sat_sym_t;
// CHECK-NEXT: typedef ap_fixed<6,2,AP_RND_INF,AP_SAT_ZERO> fixed_6_2_rnd_inf_sat_zero_t;
// CHECK-NEXT: typedef ap_fixed<6,2,AP_RND_MIN_INF,AP_WRAP> fixed_6_2_rnd_min_inf_wrap_t;
// CHECK-NEXT: typedef ap_fixed<6,2,AP_RND,AP_SAT> fixed_6_2_rnd_sat_t;
// CHECK-NEXT: typedef ap_fixed<6,2,AP_RND_ZERO,AP_SAT> fixed_6_2_rnd_zero_sat_t;
// CHECK-NEXT: typedef ap_fixed<6,2,AP_TRN_ZERO,AP_SAT> fixed_6_2_trn_zero_sat_t;
// CHECK-NEXT: typedef ap_ufixed<5,7,AP_TRN,AP_SAT> ufixed_5_7_trn_sat_t;
// CHECK-LABEL: // ==== firmware/model.cpp ====

func.func @model(%a: !fix.fixed<8, 3> {sym.name = "a"}) -> (!fix.fixed<6, 2>, !fix.fixed<6, 2>, !fix.fixed<6, 2>, !fix.fixed<6, 2>, !fix.fixed<6, 2>, !fix.fixed<6, 2>, !fix.fixed<6, 2>, !fix.fixed<6, 2>) {
  // CHECK:      fixed_6_2_t t0_cast = a;
  %trn = fix.cast %a {round = "trn", overflow = "wrap"} : !fix.fixed<8, 3> -> !fix.fixed<6, 2>
  // CHECK-NEXT: fixed_6_2_trn_zero_sat_t t1_cast = a;
  %trn_zero = fix.cast %a {round = "trn_zero", overflow = "sat"} : !fix.fixed<8, 3> -> !fix.fixed<6, 2>
  // CHECK-NEXT: fixed_6_2_rnd_sat_t t2_cast = a;
  %rnd = fix.cast %a {round = "rnd", overflow = "sat"} : !fix.fixed<8, 3> -> !fix.fixed<6, 2>
  // CHECK-NEXT: fixed_6_2_rnd_zero_sat_t t3_cast = a;
  %rnd_zero = fix.cast %a {round = "rnd_zero", overflow = "sat"} : !fix.fixed<8, 3> -> !fix.fixed<6, 2>
  // CHECK-NEXT: fixed_6_2_rnd_min_inf_wrap_t t4_cast = a;
  %rnd_min_inf = fix.cast %a {round = "rnd_min_inf", overflow = "wrap"} : !fix.fixed<8, 3> -> !fix.fixed<6, 2>
  // CHECK-NEXT: fixed_6_2_rnd_inf_sat_zero_t t5_cast = a;
  %rnd_inf = fix.cast %a {round = "rnd_inf", overflow = "sat_zero"} : !fix.fixed<8, 3> -> !fix.fixed<6, 2>
  // CHECK-NEXT: fixed_6_2_rnd_conv_sat_sym_t t6_cast = a;
  %rnd_conv = fix.cast %a {round = "rnd_conv", overflow = "sat_sym"} : !fix.fixed<8, 3> -> !fix.fixed<6, 2>
  // Negative integer bits, more integer bits than width, unsigned destinations.
  // CHECK-NEXT: fixed_6_m1_rnd_sat_t t7_cast = a;
  %small = fix.cast %a {round = "rnd", overflow = "sat"} : !fix.fixed<8, 3> -> !fix.fixed<6, -1>
  // CHECK-NEXT: ufixed_5_7_trn_sat_t t8_cast = a;
  %coarse = fix.cast %a {round = "trn", overflow = "sat"} : !fix.fixed<8, 3> -> !fix.ufixed<5, 7>
  // The value of a cast result keeps its modes' typedef wherever it is used.
  // CHECK-NEXT: fixed_6_2_t t9_cast = t7_cast;
  %back = fix.cast %small {round = "trn", overflow = "wrap"} : !fix.fixed<6, -1> -> !fix.fixed<6, 2>
  // CHECK-NEXT: fixed_6_2_t t10_cast = t8_cast;
  %back2 = fix.cast %coarse {round = "trn", overflow = "wrap"} : !fix.ufixed<5, 7> -> !fix.fixed<6, 2>
  func.return %trn, %trn_zero, %rnd, %rnd_zero, %rnd_min_inf, %rnd_inf, %rnd_conv, %back : !fix.fixed<6, 2>, !fix.fixed<6, 2>, !fix.fixed<6, 2>, !fix.fixed<6, 2>, !fix.fixed<6, 2>, !fix.fixed<6, 2>, !fix.fixed<6, 2>, !fix.fixed<6, 2>
}
