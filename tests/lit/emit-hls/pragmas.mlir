// RUN: srcc-opt %s -t hls | filecheck %s --check-prefix=VITIS
// RUN: srcc-opt %s -t "hls{target=vivado top=poly}" | filecheck %s --check-prefix=VIVADO

// Vitis HLS 2022+ and Vivado HLS 2019/2020 spell the same design differently.
// VITIS-LABEL: // ==== firmware/model.cpp ====
// VIVADO-LABEL: // ==== firmware/poly.cpp ====

func.func @model(%x: !fix.fixed<12, 3>, %z: !fix.fixed<12, 3>) -> (!fix.fixed<8, 1>, !fix.fixed<8, 1>) {
  // Small tables are ROMs in LUTs.
  // VITIS:       static const ap_int<8> table[4] = {25, 71, 106, 125};
  // VITIS-NEXT:  #pragma HLS BIND_STORAGE variable=table type=rom_1p impl=lutram
  // VIVADO:      static const ap_int<8> table[4] = {25, 71, 106, 125};
  // VIVADO-NEXT: #pragma HLS RESOURCE variable=table core=ROM_1P_LUTRAM
  %s = fix.lut %x {function = "sin", shift = -2, offset = 0, mode = "wrap", symmetry = "quarter", interpolate = false, max_error = 0.1, lipschitz = 1.0, entries = [25, 71, 106, 125]} : !fix.fixed<12, 3> -> !fix.fixed<8, 1>
  // Large ones go to block RAM.
  // VITIS:       static const ap_int<8> table[512] = {-64, -64, -64, -64, -63,
  // VITIS:       #pragma HLS BIND_STORAGE variable=table type=rom_1p impl=bram
  // VIVADO:      static const ap_int<8> table[512] = {-64, -64, -64, -64, -63,
  // VIVADO:      #pragma HLS RESOURCE variable=table core=ROM_1P_BRAM
  %r = fix.lut %z {function = "ramp", shift = -7, offset = -256, mode = "clamp", symmetry = "none", interpolate = false, max_error = 0.1, lipschitz = 1.0, entries = [-64, -64, -64, -64, -63, -63, -63, -63, -62, -62, -62, -62, -61, -61, -61, -61, -60, -60, -60, -60, -59, -59, -59, -59, -58, -58, -58, -58, -57, -57, -57, -57, -56, -56, -56, -56, -55, -55, -55, -55, -54, -54, -54, -54, -53, -53, -53, -53, -52, -52, -52, -52, -51, -51, -51, -51, -50, -50, -50, -50, -49, -49, -49, -49, -48, -48, -48, -48, -47, -47, -47, -47, -46, -46, -46, -46, -45, -45, -45, -45, -44, -44, -44, -44, -43, -43, -43, -43, -42, -42, -42, -42, -41, -41, -41, -41, -40, -40, -40, -40, -39, -39, -39, -39, -38, -38, -38, -38, -37, -37, -37, -37, -36, -36, -36, -36, -35, -35, -35, -35, -34, -34, -34, -34, -33, -33, -33, -33, -32, -32, -32, -32, -31, -31, -31, -31, -30, -30, -30, -30, -29, -29, -29, -29, -28, -28, -28, -28, -27, -27, -27, -27, -26, -26, -26, -26, -25, -25, -25, -25, -24, -24, -24, -24, -23, -23, -23, -23, -22, -22, -22, -22, -21, -21, -21, -21, -20, -20, -20, -20, -19, -19, -19, -19, -18, -18, -18, -18, -17, -17, -17, -17, -16, -16, -16, -16, -15, -15, -15, -15, -14, -14, -14, -14, -13, -13, -13, -13, -12, -12, -12, -12, -11, -11, -11, -11, -10, -10, -10, -10, -9, -9, -9, -9, -8, -8, -8, -8, -7, -7, -7, -7, -6, -6, -6, -6, -5, -5, -5, -5, -4, -4, -4, -4, -3, -3, -3, -3, -2, -2, -2, -2, -1, -1, -1, -1, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 7, 8, 8, 8, 8, 9, 9, 9, 9, 10, 10, 10, 10, 11, 11, 11, 11, 12, 12, 12, 12, 13, 13, 13, 13, 14, 14, 14, 14, 15, 15, 15, 15, 16, 16, 16, 16, 17, 17, 17, 17, 18, 18, 18, 18, 19, 19, 19, 19, 20, 20, 20, 20, 21, 21, 21, 21, 22, 22, 22, 22, 23, 23, 23, 23, 24, 24, 24, 24, 25, 25, 25, 25, 26, 26, 26, 26, 27, 27, 27, 27, 28, 28, 28, 28, 29, 29, 29, 29, 30, 30, 30, 30, 31, 31, 31, 31, 32, 32, 32, 32, 33, 33, 33, 33, 34, 34, 34, 34, 35, 35, 35, 35, 36, 36, 36, 36, 37, 37, 37, 37, 38, 38, 38, 38, 39, 39, 39, 39, 40, 40, 40, 40, 41, 41, 41, 41, 42, 42, 42, 42, 43, 43, 43, 43, 44, 44, 44, 44, 45, 45, 45, 45, 46, 46, 46, 46, 47, 47, 47, 47, 48, 48, 48, 48, 49, 49, 49, 49, 50, 50, 50, 50, 51, 51, 51, 51, 52, 52, 52, 52, 53, 53, 53, 53, 54, 54, 54, 54, 55, 55, 55, 55, 56, 56, 56, 56, 57, 57, 57, 57, 58, 58, 58, 58, 59, 59, 59, 59, 60, 60, 60, 60, 61, 61, 61, 61, 62, 62, 62, 62, 63, 63, 63, 63]} : !fix.fixed<12, 3> -> !fix.fixed<8, 1>
  // Interpolating tables read two entries per row: dual-port.
  // VITIS:       #pragma HLS BIND_STORAGE variable=table type=rom_2p impl=lutram
  // VIVADO:      #pragma HLS RESOURCE variable=table core=ROM_2P_LUTRAM
  %i = fix.lut %x {function = "lerp", shift = -1, offset = 0, mode = "clamp", symmetry = "none", interpolate = true, max_error = 0.1, lipschitz = 1.0, entries = [0, 50, 100]} : !fix.fixed<12, 3> -> !fix.fixed<8, 1>
  %sum = fix.add %s, %i : !fix.fixed<8, 1>, !fix.fixed<8, 1> -> !fix.fixed<9, 2>
  %out = fix.cast %sum {round = "rnd", overflow = "sat"} : !fix.fixed<9, 2> -> !fix.fixed<8, 1>
  // Pipelined at II=1; arrays completely partitioned; ap_vld ports (as hls4ml's io_parallel).
  // VITIS:       void model(const input_t x[N_IN], output_t y[N_OUT]) {
  // VITIS-NEXT:  #pragma HLS PIPELINE II=1
  // VITIS-NEXT:  #pragma HLS ARRAY_PARTITION variable=x type=complete dim=1
  // VITIS-NEXT:  #pragma HLS ARRAY_PARTITION variable=y type=complete dim=1
  // VITIS-NEXT:  #pragma HLS INTERFACE mode=ap_vld port=x
  // VITIS-NEXT:  #pragma HLS INTERFACE mode=ap_vld port=y
  // VIVADO:      void poly(const input_t x[N_IN], output_t y[N_OUT]) {
  // VIVADO-NEXT: #pragma HLS PIPELINE II=1
  // VIVADO-NEXT: #pragma HLS ARRAY_PARTITION variable=x complete dim=1
  // VIVADO-NEXT: #pragma HLS ARRAY_PARTITION variable=y complete dim=1
  // VIVADO-NEXT: #pragma HLS INTERFACE ap_vld port=x
  // VIVADO-NEXT: #pragma HLS INTERFACE ap_vld port=y
  // Outputs share their common subexpressions: each op is one statement.
  // VITIS:       fixed_8_1_rnd_sat_t t4_cast = t3_add;
  // VITIS-NEXT:  y[0] = t4_cast;
  // VITIS-NEXT:  y[1] = t1_ramp;
  func.return %out, %r : !fix.fixed<8, 1>, !fix.fixed<8, 1>
}
