// RUN: srcc-opt %s -t hls | filecheck %s

// Clamped tables: each fix.lut is an inlined function holding its table; the index is a bit
// slice of the argument's raw bits, clamped to the table only where it can leave it.
// CHECK-LABEL: // ==== firmware/model.cpp ====

func.func @model(%x: !fix.fixed<10, 3>) -> (!fix.fixed<8, 1>, !fix.fixed<8, 1>, !fix.fixed<8, 1>, !fix.fixed<8, 1>) {
  // k = F + shift = 5: the index is bits 9..5; the domain starts at cell -8.
  // CHECK:      // fix.lut tanh: 8 entries, cells 2^-2 wide from cell -8, clamp, symmetry none
  // CHECK-NEXT: static fixed_8_1_t lut_t0_tanh(x0_t x) {
  // CHECK-NEXT: #pragma HLS INLINE
  // CHECK-NEXT:     static const ap_int<8> table[8] = {-127, -120, -100, -60, 0, 60, 100, 120};
  // CHECK-NEXT: #pragma HLS BIND_STORAGE variable=table type=rom_1p impl=lutram
  // CHECK-NEXT:     ap_int<10> r = x.range();
  // CHECK-NEXT:     ap_int<5> q = r.range(9, 5);
  // CHECK-NEXT:     ap_int<6> j = q - ap_int<4>(-8);
  // CHECK-NEXT:     ap_uint<3> index = (j < 0) ? ap_uint<3>(0) : (j > 7) ? ap_uint<3>(7) : ap_uint<3>(j);
  // CHECK-NEXT:     ap_int<9> y = table[index];
  // CHECK-NEXT:     return srcc::from_raw<fixed_8_1_t>(y);
  // CHECK-NEXT: }
  %t = fix.lut %x {function = "tanh", shift = -2, offset = -8, mode = "clamp", symmetry = "none", interpolate = false, max_error = 0.1, lipschitz = 1.0, entries = [-127, -120, -100, -60, 0, 60, 100, 120]} : !fix.fixed<10, 3> -> !fix.fixed<8, 1> attributes {fix.storage = "lutram"}
  %n = fix.cast %x {round = "trn", overflow = "wrap"} : !fix.fixed<10, 3> -> !fix.fixed<4, 1>
  // k = 3 - 5 < 0: cells are finer than the argument's LSB, so q = r * 2^2.
  // CHECK:      static fixed_8_1_t lut_t2_exp(fixed_4_1_t x) {
  // CHECK:          ap_int<4> r = x.range();
  // CHECK-NEXT:     ap_int<6> q = ap_int<6>(r) << 2;
  // CHECK-NEXT:     ap_int<7> j = q - ap_int<6>(-20);
  // CHECK-NEXT:     ap_uint<6> index = (j < 0) ? ap_uint<6>(0) : (j > 39) ? ap_uint<6>(39) : ap_uint<6>(j);
  %fine = fix.lut %n {function = "exp", shift = -5, offset = -20, mode = "clamp", symmetry = "none", interpolate = false, max_error = 0.1, lipschitz = 1.0, entries = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40]} : !fix.fixed<4, 1> -> !fix.fixed<8, 1>
  // k = 5 >= W = 4: every bit is below the index; q is the sign, and j never leaves the table.
  // CHECK:      static fixed_8_1_t lut_t3_step(fixed_4_1_t x) {
  // CHECK:          ap_int<4> r = x.range();
  // CHECK-NEXT:     ap_int<6> wide = r;
  // CHECK-NEXT:     ap_int<1> q = wide.range(5, 5);
  // CHECK-NEXT:     ap_uint<1> j = q - ap_int<1>(-1);
  // CHECK-NEXT:     ap_uint<2> index = ap_uint<2>(j);
  %coarse = fix.lut %n {function = "step", shift = 2, offset = -1, mode = "clamp", symmetry = "none", interpolate = false, max_error = 0.1, lipschitz = 1.0, entries = [-5, 7, 9]} : !fix.fixed<4, 1> -> !fix.fixed<8, 1>
  %u = fix.cast %x {round = "trn", overflow = "wrap"} : !fix.fixed<10, 3> -> !fix.ufixed<8, 2>
  // An unsigned argument can only fall below the table when the offset is positive.
  // CHECK:      static fixed_8_1_t lut_t5_sqrt(ufixed_8_2_t x) {
  // CHECK:          ap_uint<8> r = x.range();
  // CHECK-NEXT:     ap_uint<4> q = r.range(7, 4);
  // CHECK-NEXT:     ap_int<5> j = q - ap_uint<2>(2);
  // CHECK-NEXT:     ap_uint<4> index = (j < 0) ? ap_uint<4>(0) : ap_uint<4>(j);
  %sqrt = fix.lut %u {function = "sqrt", shift = -2, offset = 2, mode = "clamp", symmetry = "none", interpolate = false, max_error = 0.1, lipschitz = 1.0, entries = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 127, 127]} : !fix.ufixed<8, 2> -> !fix.fixed<8, 1>
  // The top function calls each table's function once.
  // CHECK:      void model(const x0_t x0, y0_t &y0, y1_t &y1, y2_t &y2, y3_t &y3) {
  // CHECK:          #pragma HLS INTERFACE mode=ap_vld port=y3
  // CHECK-NEXT:     fixed_8_1_t t0_tanh = lut_t0_tanh(x0);
  // CHECK-NEXT:     fixed_4_1_t t1_cast = x0;
  // CHECK-NEXT:     fixed_8_1_t t2_exp = lut_t2_exp(t1_cast);
  // CHECK-NEXT:     fixed_8_1_t t3_step = lut_t3_step(t1_cast);
  // CHECK-NEXT:     ufixed_8_2_t t4_cast = x0;
  // CHECK-NEXT:     fixed_8_1_t t5_sqrt = lut_t5_sqrt(t4_cast);
  func.return %t, %fine, %coarse, %sqrt : !fix.fixed<8, 1>, !fix.fixed<8, 1>, !fix.fixed<8, 1>, !fix.fixed<8, 1>
}
