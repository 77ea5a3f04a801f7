// RUN: srcc-opt %s -t hls | filecheck %s

// Periodic and symmetric tables.
// CHECK-LABEL: // ==== firmware/model.cpp ====

func.func @model(%x: !fix.fixed<10, 3>) -> (!fix.fixed<8, 1>, !fix.fixed<8, 1>, !fix.fixed<8, 1>, !fix.fixed<8, 1>, !fix.fixed<8, 1>, !fix.fixed<8, 1>) {
  // Wrapping over 8 cells keeps the low 3 bits of j.
  // CHECK:      static fixed_8_1_t lut_t0_saw(x0_t x) {
  // CHECK:          ap_int<4> q = r.range(9, 6);
  // CHECK-NEXT:     ap_int<5> j = q - ap_uint<2>(3);
  // CHECK-NEXT:     ap_uint<3> index = ap_uint<3>(j.range(2, 0));
  // CHECK-NEXT:     ap_int<9> y = table[index];
  %w = fix.lut %x {function = "saw", shift = -1, offset = 3, mode = "wrap", symmetry = "none", interpolate = false, max_error = 0.1, lipschitz = 1.0, entries = [1, 2, 3, 4, 5, 6, 7, 8]} : !fix.fixed<10, 3> -> !fix.fixed<8, 1>
  // Wrapping over a number of cells that is not a power of two takes a remainder.
  // CHECK:      static fixed_8_1_t lut_t1_saw6(x0_t x) {
  // CHECK:          ap_int<5> j = q - ap_int<2>(-2);
  // CHECK-NEXT:     ap_int<5> rem = j % 6;
  // CHECK-NEXT:     ap_uint<3> index = (rem < 0) ? ap_uint<3>(rem + 6) : ap_uint<3>(rem);
  %w6 = fix.lut %x {function = "saw6", shift = -1, offset = -2, mode = "wrap", symmetry = "none", interpolate = false, max_error = 0.1, lipschitz = 1.0, entries = [1, 2, 3, 4, 5, 6]} : !fix.fixed<10, 3> -> !fix.fixed<8, 1>
  // Even: the index is sliced from |r|; only the upper end can clamp.
  // CHECK:      static fixed_8_1_t lut_t2_gauss(x0_t x) {
  // CHECK:          ap_int<10> r = x.range();
  // CHECK-NEXT:     ap_uint<10> u = (r < 0) ? ap_uint<10>(-r) : ap_uint<10>(r);
  // CHECK-NEXT:     ap_uint<5> q = u.range(9, 5);
  // CHECK-NEXT:     ap_uint<5> j = q;
  // CHECK-NEXT:     ap_uint<4> index = (j > 9) ? ap_uint<4>(9) : ap_uint<4>(j);
  // CHECK-NEXT:     ap_int<9> y = table[index];
  // CHECK-NEXT:     return
  %g = fix.lut %x {function = "gauss", shift = -2, offset = 0, mode = "clamp", symmetry = "even", interpolate = false, max_error = 0.1, lipschitz = 1.0, entries = [127, 110, 80, 50, 25, 10, 3, 1, 0, 0]} : !fix.fixed<10, 3> -> !fix.fixed<8, 1>
  // Odd: as even, then negated for a negative argument.
  // CHECK:      static fixed_8_1_t lut_t3_atan(x0_t x) {
  // CHECK:          ap_int<9> y = table[index];
  // CHECK-NEXT:     if (x < 0) y = -y;
  // CHECK-NEXT:     return srcc::from_raw<fixed_8_1_t>(y);
  %o = fix.lut %x {function = "atan", shift = -2, offset = 0, mode = "clamp", symmetry = "odd", interpolate = false, max_error = 0.1, lipschitz = 1.0, entries = [0, 30, 58, 80, 98, 110, 118, 124]} : !fix.fixed<10, 3> -> !fix.fixed<8, 1>
  // Quarter wave: 4 entries for 16 cells; quadrant and position are bit slices of the index.
  // CHECK:      // fix.lut sin: 4 entries, cells 2^-3 wide from cell 0, wrap, symmetry quarter
  // CHECK:          ap_uint<4> index = ap_uint<4>(j.range(3, 0));
  // CHECK-NEXT:     ap_uint<2> quadrant = index.range(3, 2);
  // CHECK-NEXT:     ap_uint<2> p = index.range(1, 0);
  // CHECK-NEXT:     ap_uint<2> folded = quadrant[0] ? ap_uint<2>(3 - p) : p;
  // CHECK-NEXT:     ap_int<9> y = table[folded];
  // CHECK-NEXT:     if (index >= 8) y = -y;
  %s = fix.lut %x {function = "sin", shift = -3, offset = 0, mode = "wrap", symmetry = "quarter", interpolate = false, max_error = 0.1, lipschitz = 1.0, entries = [25, 71, 106, 125]} : !fix.fixed<10, 3> -> !fix.fixed<8, 1>
  // A quarter of 3 entries: 12 cells, divided.
  // CHECK:      static fixed_8_1_t lut_t5_cos(x0_t x) {
  // CHECK:          ap_int<6> rem = j % 12;
  // CHECK-NEXT:     ap_uint<4> index = (rem < 0) ? ap_uint<4>(rem + 12) : ap_uint<4>(rem);
  // CHECK-NEXT:     ap_uint<2> quadrant = index / 3;
  // CHECK-NEXT:     ap_uint<2> p = index % 3;
  // CHECK-NEXT:     ap_uint<2> folded = quadrant[0] ? ap_uint<2>(2 - p) : p;
  // CHECK-NEXT:     ap_int<9> y = table[folded];
  // CHECK-NEXT:     if (index >= 6) y = -y;
  %s3 = fix.lut %x {function = "cos", shift = -2, offset = 5, mode = "wrap", symmetry = "quarter", interpolate = false, max_error = 0.1, lipschitz = 1.0, entries = [40, 100, 125]} : !fix.fixed<10, 3> -> !fix.fixed<8, 1>
  func.return %w, %w6, %g, %o, %s, %s3 : !fix.fixed<8, 1>, !fix.fixed<8, 1>, !fix.fixed<8, 1>, !fix.fixed<8, 1>, !fix.fixed<8, 1>, !fix.fixed<8, 1>
}
