// RUN: srcc-opt %s -t hls | filecheck %s

// Linear interpolation: two neighbouring entries, weighted by the bits below the index.
// CHECK-LABEL: // ==== firmware/model.cpp ====

func.func @model(%x: !fix.fixed<10, 3>) -> (!fix.fixed<8, 1>, !fix.fixed<8, 1>, !fix.fixed<8, 1>) {
  // CHECK:      // fix.lut tanh: 9 entries, cells 2^-1 wide from cell -4, clamp, symmetry none, interpolated
  // CHECK-NEXT: static fixed_8_1_t lut_t0_tanh(x0_t x) {
  // CHECK-NEXT: #pragma HLS INLINE
  // CHECK-NEXT:     static const ap_int<8> table[9] = {-120, -110, -90, -50, 0, 50, 90, 110, 120};
  // Two reads per row: a dual-port ROM keeps II=1.
  // CHECK-NEXT: #pragma HLS BIND_STORAGE variable=table type=rom_2p impl=lutram
  // CHECK-NEXT:     ap_int<10> r = x.range();
  // CHECK-NEXT:     ap_int<4> q = r.range(9, 6);
  // CHECK-NEXT:     ap_uint<6> frac = r.range(5, 0);
  // CHECK-NEXT:     ap_int<5> j = q - ap_int<3>(-4);
  // CHECK-NEXT:     ap_uint<3> index = (j < 0) ? ap_uint<3>(0) : (j > 7) ? ap_uint<3>(7) : ap_uint<3>(j);
  // CHECK-NEXT:     ap_int<9> left = table[index];
  // CHECK-NEXT:     ap_int<9> right = table[index + 1];
  // CHECK-NEXT:     ap_int<10> step = right - left;
  // CHECK-NEXT:     ap_int<17> scaled = step * frac;
  // CHECK-NEXT:     ap_int<10> y = left + ap_int<10>(scaled >> 6);
  // CHECK-NEXT:     if (j < 0) y = table[0];
  // CHECK-NEXT:     if (j > 7) y = table[8];
  // CHECK-NEXT:     return srcc::from_raw<fixed_8_1_t>(y);
  %t = fix.lut %x {function = "tanh", shift = -1, offset = -4, mode = "clamp", symmetry = "none", interpolate = true, max_error = 0.1, lipschitz = 1.0, entries = [-120, -110, -90, -50, 0, 50, 90, 110, 120]} : !fix.fixed<10, 3> -> !fix.fixed<8, 1> attributes {fix.storage = "lutram"}
  // CHECK:      static fixed_8_1_t lut_t1_wave(x0_t x) {
  // CHECK:          ap_uint<5> frac = r.range(4, 0);
  // CHECK-NEXT:     ap_int<6> j = q - ap_uint<2>(2);
  // CHECK-NEXT:     ap_uint<3> index = ap_uint<3>(j.range(2, 0));
  // CHECK-NEXT:     ap_int<9> left = table[index];
  // CHECK-NEXT:     ap_int<9> right = table[index + 1];
  // CHECK:          ap_int<10> y = left + ap_int<10>(scaled >> 5);
  // CHECK-NEXT:     return srcc::from_raw<fixed_8_1_t>(y);
  %w = fix.lut %x {function = "wave", shift = -2, offset = 2, mode = "wrap", symmetry = "none", interpolate = true, max_error = 0.1, lipschitz = 1.0, entries = [0, 90, 127, 90, 0, -90, -127, -90, 0]} : !fix.fixed<10, 3> -> !fix.fixed<8, 1>
  // |r| <= 512 puts j in [0, 4]: the last cell's right edge needs no clamp.
  // CHECK:      static fixed_8_1_t lut_t2_atan(x0_t x) {
  // CHECK:          ap_uint<10> u = (r < 0) ? ap_uint<10>(-r) : ap_uint<10>(r);
  // CHECK-NEXT:     ap_uint<3> q = u.range(9, 7);
  // CHECK-NEXT:     ap_uint<7> frac = u.range(6, 0);
  // CHECK:          ap_int<10> y = left + ap_int<10>(scaled >> 7);
  // CHECK-NEXT:     if (x < 0) y = -y;
  %o = fix.lut %x {function = "atan", shift = 0, offset = 0, mode = "clamp", symmetry = "odd", interpolate = true, max_error = 0.1, lipschitz = 1.0, entries = [0, 100, 110, 118, 122, 124]} : !fix.fixed<10, 3> -> !fix.fixed<8, 1>
  func.return %t, %w, %o : !fix.fixed<8, 1>, !fix.fixed<8, 1>, !fix.fixed<8, 1>
}
