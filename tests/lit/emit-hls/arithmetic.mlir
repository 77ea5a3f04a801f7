// RUN: srcc-opt %s -t hls | filecheck %s

// One typedef per port, named after it (inputs quantise with AP_RND_CONV + AP_SAT), then one
// per distinct type of the other values.
// CHECK-LABEL: // ==== firmware/model_types.h ====
// CHECK:       #define N_IN 2
// CHECK-NEXT:  #define N_OUT 2
// CHECK:       typedef ap_fixed<8,3,AP_RND_CONV,AP_SAT> a_t;
// CHECK-NEXT:  typedef ap_fixed<8,3,AP_RND_CONV,AP_SAT> b_t;
// CHECK-NEXT:  typedef ap_fixed<12,4> y0_t;
// CHECK-NEXT:  typedef ap_fixed<12,4> y1_t;
// CHECK-EMPTY:
// CHECK:       typedef ap_fixed<2,2> fixed_2_2_t;
// CHECK:       typedef ap_fixed<100,40> fixed_100_40_t;
// CHECK-NEXT:  typedef ap_ufixed<6,2> ufixed_6_2_t;
// CHECK-LABEL: // ==== firmware/model.h ====
// CHECK:       void model(const a_t a, const b_t b, y0_t &y0, y1_t &y1);
// CHECK-LABEL: // ==== firmware/model.cpp ====
// CHECK:       void model(const a_t a, const b_t b, y0_t &y0, y1_t &y1) {
// The body reads the parameters directly.
// CHECK:       #pragma HLS INTERFACE mode=ap_vld port=y1
func.func @model(%a: !fix.fixed<8, 3> {sym.name = "a"}, %b: !fix.fixed<8, 3> {sym.name = "b"}) -> (!fix.fixed<12, 4>, !fix.fixed<12, 4>) {
  // CHECK-NEXT: ufixed_6_2_t t0_cast = b;
  %u = fix.cast %b {round = "trn", overflow = "wrap"} : !fix.fixed<8, 3> -> !fix.ufixed<6, 2>
  // A constant exactly representable in double is a double literal of its typedef...
  // CHECK-NEXT: const fixed_8_2_t t1_const = -0.75;
  %c = fix.constant -0.75 : !fix.fixed<8, 2>
  // ... any other is built from its raw bits.
  // CHECK-NEXT: const fixed_100_40_t t2_const = srcc::from_raw<fixed_100_40_t>(ap_int<100>("633825300114114700748351602687", 10));
  %wide = fix.constant 549755813887.999999999999999999132638262011596452794037759304046630859375 : !fix.fixed<100, 40>
  // CHECK-NEXT: fixed_10_4_t t3_add = a + t1_const;
  %add = fix.add %a, %c : !fix.fixed<8, 3>, !fix.fixed<8, 2> -> !fix.fixed<10, 4>
  // CHECK-NEXT: fixed_11_5_t t4_sub = t3_add - t0_cast;
  %sub = fix.sub %add, %u : !fix.fixed<10, 4>, !fix.ufixed<6, 2> -> !fix.fixed<11, 5>
  // CHECK-NEXT: fixed_17_7_t t5_mul = t4_sub * t0_cast;
  %mul = fix.mul %sub, %u : !fix.fixed<11, 5>, !fix.ufixed<6, 2> -> !fix.fixed<17, 7>
  // CHECK-NEXT: fixed_18_8_t t6_neg = -t5_mul;
  %neg = fix.neg %mul : !fix.fixed<17, 7> -> !fix.fixed<18, 8>
  // CHECK-NEXT: fixed_7_3_t t7_abs = (t0_cast < 0) ? fixed_7_3_t(-t0_cast) : fixed_7_3_t(t0_cast);
  %abs = fix.abs %u : !fix.ufixed<6, 2> -> !fix.fixed<7, 3>
  // CHECK-NEXT: fixed_18_8_t t8_relu = (t6_neg > 0) ? fixed_18_8_t(t6_neg) : fixed_18_8_t(0);
  %relu = fix.relu %neg : !fix.fixed<18, 8> -> !fix.fixed<18, 8>
  // CHECK-NEXT: fixed_2_2_t t9_sign = (a > 0) ? fixed_2_2_t(1) : (a < 0) ? fixed_2_2_t(-1) : fixed_2_2_t(0);
  %sign = fix.sign %a : !fix.fixed<8, 3> -> !fix.fixed<2, 2>
  // min and max compare both operands converted to the result type.
  // CHECK-NEXT: fixed_8_3_t t10_min = (fixed_8_3_t(t0_cast) < fixed_8_3_t(a)) ? fixed_8_3_t(t0_cast) : fixed_8_3_t(a);
  %min = fix.min %a, %u : !fix.fixed<8, 3>, !fix.ufixed<6, 2> -> !fix.fixed<8, 3>
  // CHECK-NEXT: fixed_8_3_t t11_max = (fixed_8_3_t(b) > fixed_8_3_t(a)) ? fixed_8_3_t(b) : fixed_8_3_t(a);
  %max = fix.max %a, %b : !fix.fixed<8, 3>, !fix.fixed<8, 3> -> !fix.fixed<8, 3>
  // A shift reads the same raw bits with the binary point moved.
  // CHECK-NEXT: fixed_18_5_t t12_shift = srcc::reinterpret<fixed_18_5_t>(t8_relu);
  %shift = fix.shift %relu, -3 : !fix.fixed<18, 8> -> !fix.fixed<18, 5>
  // CHECK-NEXT: fixed_12_4_t t13_cast = t12_shift;
  %r = fix.cast %shift {round = "trn", overflow = "wrap"} : !fix.fixed<18, 5> -> !fix.fixed<12, 4>
  // CHECK-NEXT: fixed_12_4_t t14_cast = t10_min;
  %s = fix.cast %min {round = "trn", overflow = "wrap"} : !fix.fixed<8, 3> -> !fix.fixed<12, 4>
  // CHECK-NEXT: y0 = t13_cast;
  // CHECK-NEXT: y1 = t14_cast;
  // CHECK-NEXT: }
  func.return %r, %s : !fix.fixed<12, 4>, !fix.fixed<12, 4>
}
