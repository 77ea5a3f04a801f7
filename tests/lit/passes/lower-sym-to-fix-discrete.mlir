// RUN: srcc-opt %s --split-input-file -p 'lower-sym-to-fix{width=12 int_bits=4}' | filecheck %s

// Discrete operators lower to bit operations, comparators and muxes: no table, no multiplier
// of two variables. floor drops the fractional bits (AP_TRN); ceil adds 1 - ulp first (one
// adder); round is AP_RND_CONV (ties to even) with one more integer bit. Each bound counts
// the step the input's rounding can cross (1, plus that error).

// CHECK-LABEL: func.func @floor_ceil_round(%x: !fix.fixed<12, 4> {sym.name = "x", sym.range = #sym.interval<-4.0, 4.0>, fix.format = !fix.fixed<12, 4>}) -> (!fix.fixed<12, 4> {fix.format = !fix.fixed<12, 4>, fix.error_bound = 1.0019531260019532 : f64, fix.dominated_by = "sym.floor"}, !fix.fixed<12, 4> {fix.format = !fix.fixed<12, 4>, fix.error_bound = 1.0019531260019532 : f64, fix.dominated_by = "sym.ceil"}, !fix.fixed<12, 4> {fix.format = !fix.fixed<12, 4>, fix.error_bound = 1.0019531260019532 : f64, fix.dominated_by = "sym.round"}) {
// CHECK-NEXT: %0 = fix.cast %x {round = "trn", overflow = "wrap"} : !fix.fixed<12, 4> -> !fix.fixed<4, 4>
// CHECK-NEXT: %1 = fix.cast %0 {round = "trn", overflow = "wrap"} : !fix.fixed<4, 4> -> !fix.fixed<12, 4>
// CHECK-NEXT: %2 = fix.constant 0.99609375 : !fix.ufixed<8, 0>
// CHECK-NEXT: %3 = fix.add %x, %2 : !fix.fixed<12, 4>, !fix.ufixed<8, 0> -> !fix.fixed<13, 5>
// CHECK-NEXT: %4 = fix.cast %3 {round = "trn", overflow = "wrap"} : !fix.fixed<13, 5> -> !fix.fixed<5, 5>
// CHECK-NEXT: %5 = fix.cast %4 {round = "trn", overflow = "wrap"} : !fix.fixed<5, 5> -> !fix.fixed<12, 4>
// CHECK-NEXT: %6 = fix.cast %x {round = "rnd_conv", overflow = "wrap"} : !fix.fixed<12, 4> -> !fix.fixed<5, 5>
// CHECK-NEXT: %7 = fix.cast %6 {round = "trn", overflow = "wrap"} : !fix.fixed<5, 5> -> !fix.fixed<12, 4>
// CHECK-NEXT: func.return %1, %5, %7 : !fix.fixed<12, 4>, !fix.fixed<12, 4>, !fix.fixed<12, 4>
builtin.module {
  func.func @floor_ceil_round(%x: f64 {sym.name = "x", sym.range = #sym.interval<-4.0, 4.0>}) -> (f64, f64, f64) {
    %0 = sym.floor %x
    %1 = sym.ceil %x
    %2 = sym.round %x
    func.return %0, %1, %2 : f64, f64, f64
  }
}

// -----

// greater is one comparator (an ap_ufixed<1,1>); cond a comparator against 0 and a mux;
// logical_and/or the min/max of two 1-bit comparisons, each comparison of a value made once.
// CHECK-LABEL: func.func @compare(%x: !fix.fixed<12, 4> {sym.name = "x", sym.range = #sym.interval<-4.0, 4.0>, fix.format = !fix.fixed<12, 4>}, %y: !fix.fixed<12, 4> {sym.name = "y", sym.range = #sym.interval<-2.0, 2.0>, fix.format = !fix.fixed<12, 4>}) -> (!fix.fixed<12, 4> {fix.format = !fix.fixed<12, 4>, fix.error_bound = 1.0039062510039063 : f64, fix.dominated_by = "sym.greater"}, !fix.fixed<12, 4> {fix.format = !fix.fixed<12, 4>, fix.error_bound = 2.0039062520039064 : f64, fix.dominated_by = "sym.cond"}, !fix.fixed<12, 4> {fix.format = !fix.fixed<12, 4>, fix.error_bound = 1.0039062510039063 : f64, fix.dominated_by = "sym.logical_and"}, !fix.fixed<12, 4> {fix.format = !fix.fixed<12, 4>, fix.error_bound = 1.0039062510039063 : f64, fix.dominated_by = "sym.logical_or"}, !fix.fixed<12, 4> {fix.format = !fix.fixed<12, 4>, fix.error_bound = 0.0019531250019531252 : f64, fix.dominated_by = "input x"}) {
// CHECK-NEXT: %0 = fix.gt %x, %y : !fix.fixed<12, 4>, !fix.fixed<12, 4> -> !fix.ufixed<1, 1>
// CHECK-NEXT: %1 = fix.cast %0 {round = "trn", overflow = "wrap"} : !fix.ufixed<1, 1> -> !fix.fixed<12, 4>
// CHECK-NEXT: %2 = fix.constant 0.0 : !fix.ufixed<1, 1>
// CHECK-NEXT: %3 = fix.gt %x, %2 : !fix.fixed<12, 4>, !fix.ufixed<1, 1> -> !fix.ufixed<1, 1>
// CHECK-NEXT: %4 = fix.select %3, %y, %2 : !fix.ufixed<1, 1>, !fix.fixed<12, 4>, !fix.ufixed<1, 1> -> !fix.fixed<12, 4>
// CHECK-NEXT: %5 = fix.gt %y, %2 : !fix.fixed<12, 4>, !fix.ufixed<1, 1> -> !fix.ufixed<1, 1>
// CHECK-NEXT: %6 = fix.min %3, %5 : !fix.ufixed<1, 1>, !fix.ufixed<1, 1> -> !fix.ufixed<1, 1>
// CHECK-NEXT: %7 = fix.cast %6 {round = "trn", overflow = "wrap"} : !fix.ufixed<1, 1> -> !fix.fixed<12, 4>
// CHECK-NEXT: %8 = fix.max %3, %5 : !fix.ufixed<1, 1>, !fix.ufixed<1, 1> -> !fix.ufixed<1, 1>
// CHECK-NEXT: %9 = fix.cast %8 {round = "trn", overflow = "wrap"} : !fix.ufixed<1, 1> -> !fix.fixed<12, 4>
// CHECK-NEXT: %10 = fix.max %x, %y : !fix.fixed<12, 4>, !fix.fixed<12, 4> -> !fix.fixed<12, 4>
// CHECK-NEXT: func.return %1, %4, %7, %9, %10 : !fix.fixed<12, 4>, !fix.fixed<12, 4>, !fix.fixed<12, 4>, !fix.fixed<12, 4>, !fix.fixed<12, 4>
builtin.module {
  func.func @compare(%x: f64 {sym.name = "x", sym.range = #sym.interval<-4.0, 4.0>}, %y: f64 {sym.name = "y", sym.range = #sym.interval<-2.0, 2.0>}) -> (f64, f64, f64, f64, f64) {
    %0 = sym.greater %x, %y
    %1 = sym.cond %x, %y
    %2 = sym.logical_and %x, %y
    %3 = sym.logical_or %x, %y
    %4 = sym.max %x, %y
    func.return %0, %1, %2, %3, %4 : f64, f64, f64, f64, f64
  }
}

// -----

// select (a Piecewise branch): a comparator and a mux; a flipped choice costs |x - y| <= 6.
// CHECK-LABEL: func.func @select(%x: !fix.fixed<12, 4> {sym.name = "x", sym.range = #sym.interval<-4.0, 4.0>, fix.format = !fix.fixed<12, 4>}, %y: !fix.fixed<12, 4> {sym.name = "y", sym.range = #sym.interval<-2.0, 2.0>, fix.format = !fix.fixed<12, 4>}) -> (!fix.fixed<12, 4> {fix.format = !fix.fixed<12, 4>, fix.error_bound = 6.0039062560039067 : f64, fix.dominated_by = "sym.select"}) {
// CHECK-NEXT: %0 = fix.constant 0.0 : !fix.ufixed<1, 1>
// CHECK-NEXT: %1 = fix.gt %x, %0 : !fix.fixed<12, 4>, !fix.ufixed<1, 1> -> !fix.ufixed<1, 1>
// CHECK-NEXT: %2 = fix.select %1, %x, %y : !fix.ufixed<1, 1>, !fix.fixed<12, 4>, !fix.fixed<12, 4> -> !fix.fixed<12, 4>
// CHECK-NEXT: func.return %2 : !fix.fixed<12, 4>
builtin.module {
  func.func @select(%x: f64 {sym.name = "x", sym.range = #sym.interval<-4.0, 4.0>}, %y: f64 {sym.name = "y", sym.range = #sym.interval<-2.0, 2.0>}) -> f64 {
    %0 = sym.select %x, %x, %y
    func.return %0 : f64
  }
}

// -----

// mod by a power of two keeps the low bits (a cast to an unsigned type that wraps); a
// negative divisor negates around it (Julia's sign of the divisor). mod 3: q = floor(x * r),
// r = 0.34375 ~ 1/3 close enough that q is off by at most one, x - 3q, then one correction
// each way (comparator + mux): no divider.
// CHECK-LABEL: func.func @mod(%x: !fix.fixed<12, 4> {sym.name = "x", sym.range = #sym.interval<-4.0, 4.0>, fix.format = !fix.fixed<12, 4>}) -> (!fix.fixed<12, 4> {fix.format = !fix.fixed<12, 4>, fix.error_bound = 2.0019531270019533 : f64, fix.dominated_by = "sym.mod"}, !fix.fixed<12, 4> {fix.format = !fix.fixed<12, 4>, fix.error_bound = 0.50195312550195315 : f64, fix.dominated_by = "sym.mod"}, !fix.fixed<12, 4> {fix.format = !fix.fixed<12, 4>, fix.error_bound = 3.0058593780058596 : f64, fix.dominated_by = "sym.mod"}) {
// CHECK-NEXT: %0 = fix.cast %x {round = "trn", overflow = "wrap"} : !fix.fixed<12, 4> -> !fix.ufixed<9, 1>
// CHECK-NEXT: %1 = fix.cast %0 {round = "trn", overflow = "wrap"} : !fix.ufixed<9, 1> -> !fix.fixed<12, 4>
// CHECK-NEXT: %2 = fix.neg %x : !fix.fixed<12, 4> -> !fix.fixed<13, 5>
// CHECK-NEXT: %3 = fix.cast %2 {round = "trn", overflow = "wrap"} : !fix.fixed<13, 5> -> !fix.ufixed<7, -1>
// CHECK-NEXT: %4 = fix.neg %3 : !fix.ufixed<7, -1> -> !fix.fixed<8, 0>
// CHECK-NEXT: %5 = fix.cast %4 {round = "trn", overflow = "wrap"} : !fix.fixed<8, 0> -> !fix.fixed<12, 4>
// CHECK-NEXT: %6 = fix.constant 3.0 : !fix.ufixed<2, 2>
// CHECK-NEXT: %7 = fix.constant 0.34375 : !fix.ufixed<5, 0>
// CHECK-NEXT: %8 = fix.mul %x, %7 : !fix.fixed<12, 4>, !fix.ufixed<5, 0> -> !fix.fixed<17, 4>
// CHECK-NEXT: %9 = fix.cast %8 {round = "trn", overflow = "wrap"} : !fix.fixed<17, 4> -> !fix.fixed<4, 4>
// CHECK-NEXT: %10 = fix.mul %9, %6 : !fix.fixed<4, 4>, !fix.ufixed<2, 2> -> !fix.fixed<6, 6>
// CHECK-NEXT: %11 = fix.sub %x, %10 : !fix.fixed<12, 4>, !fix.fixed<6, 6> -> !fix.fixed<15, 7>
// CHECK-NEXT: %12 = fix.constant 0.0 : !fix.ufixed<1, 1>
// CHECK-NEXT: %13 = fix.add %11, %6 : !fix.fixed<15, 7>, !fix.ufixed<2, 2> -> !fix.fixed<16, 8>
// CHECK-NEXT: %14 = fix.gt %12, %11 : !fix.ufixed<1, 1>, !fix.fixed<15, 7> -> !fix.ufixed<1, 1>
// CHECK-NEXT: %15 = fix.select %14, %13, %11 : !fix.ufixed<1, 1>, !fix.fixed<16, 8>, !fix.fixed<15, 7> -> !fix.fixed<16, 8>
// CHECK-NEXT: %16 = fix.sub %15, %6 : !fix.fixed<16, 8>, !fix.ufixed<2, 2> -> !fix.fixed<17, 9>
// CHECK-NEXT: %17 = fix.gt %6, %15 : !fix.ufixed<2, 2>, !fix.fixed<16, 8> -> !fix.ufixed<1, 1>
// CHECK-NEXT: %18 = fix.select %17, %15, %16 : !fix.ufixed<1, 1>, !fix.fixed<16, 8>, !fix.fixed<17, 9> -> !fix.fixed<17, 9>
// CHECK-NEXT: %19 = fix.cast %18 {round = "trn", overflow = "wrap"} : !fix.fixed<17, 9> -> !fix.fixed<12, 4>
// CHECK-NEXT: func.return %1, %5, %19 : !fix.fixed<12, 4>, !fix.fixed<12, 4>, !fix.fixed<12, 4>
builtin.module {
  func.func @mod(%x: f64 {sym.name = "x", sym.range = #sym.interval<-4.0, 4.0>}) -> (f64, f64, f64) {
    %c = sym.constant 2.0
    %0 = sym.mod %x, %c
    %m = sym.constant -0.5
    %1 = sym.mod %x, %m
    %t = sym.constant 3.0
    %2 = sym.mod %x, %t
    func.return %0, %1, %2 : f64, f64, f64
  }
}

// -----

// Division by a variable reaching the lowering (`srcc compile --divider` skips
// sym-div-to-inv) is ap_fixed's `/`, a divider. mod by a variable is Julia's: the quotient
// truncated toward zero (AP_TRN_ZERO) to an integer q, r = x - q y, then r + y where r is
// nonzero and its sign differs from y's (comparators and a mux).
// CHECK-LABEL: func.func @divide(%x: !fix.fixed<12, 4> {sym.name = "x", sym.range = #sym.interval<-4.0, 4.0>, fix.format = !fix.fixed<12, 4>}, %y: !fix.fixed<12, 4> {sym.name = "y", sym.range = #sym.interval<1.0, 3.0>, fix.format = !fix.fixed<12, 4>}) -> (!fix.fixed<12, 4> {fix.format = !fix.fixed<12, 4>, fix.error_bound = 0.013690985825824059 : f64, fix.dominated_by = "input y"}, !fix.fixed<12, 4> {fix.format = !fix.fixed<12, 4>, fix.error_bound = 3.0039062530039065 : f64, fix.dominated_by = "sym.mod"}) {
// CHECK-NEXT: %0 = fix.div %x, %y : !fix.fixed<12, 4>, !fix.fixed<12, 4> -> !fix.fixed<21, 13>
// CHECK-NEXT: %1 = fix.cast %0 {round = "trn", overflow = "wrap"} : !fix.fixed<21, 13> -> !fix.fixed<12, 4>
// CHECK-NEXT: %2 = fix.div %x, %y : !fix.fixed<12, 4>, !fix.fixed<12, 4> -> !fix.fixed<21, 13>
// CHECK-NEXT: %3 = fix.cast %2 {round = "trn_zero", overflow = "wrap"} : !fix.fixed<21, 13> -> !fix.fixed<13, 13>
// CHECK-NEXT: %4 = fix.mul %3, %y : !fix.fixed<13, 13>, !fix.fixed<12, 4> -> !fix.fixed<25, 17>
// CHECK-NEXT: %5 = fix.sub %x, %4 : !fix.fixed<12, 4>, !fix.fixed<25, 17> -> !fix.fixed<26, 18>
// CHECK-NEXT: %6 = fix.constant 0.0 : !fix.ufixed<1, 1>
// CHECK-NEXT: %7 = fix.gt %6, %5 : !fix.ufixed<1, 1>, !fix.fixed<26, 18> -> !fix.ufixed<1, 1>
// CHECK-NEXT: %8 = fix.gt %5, %6 : !fix.fixed<26, 18>, !fix.ufixed<1, 1> -> !fix.ufixed<1, 1>
// CHECK-NEXT: %9 = fix.gt %6, %y : !fix.ufixed<1, 1>, !fix.fixed<12, 4> -> !fix.ufixed<1, 1>
// CHECK-NEXT: %10 = fix.select %9, %8, %7 : !fix.ufixed<1, 1>, !fix.ufixed<1, 1>, !fix.ufixed<1, 1> -> !fix.ufixed<1, 1>
// CHECK-NEXT: %11 = fix.add %5, %y : !fix.fixed<26, 18>, !fix.fixed<12, 4> -> !fix.fixed<27, 19>
// CHECK-NEXT: %12 = fix.select %10, %11, %5 : !fix.ufixed<1, 1>, !fix.fixed<27, 19>, !fix.fixed<26, 18> -> !fix.fixed<27, 19>
// CHECK-NEXT: %13 = fix.cast %12 {round = "trn", overflow = "wrap"} : !fix.fixed<27, 19> -> !fix.fixed<12, 4>
// CHECK-NEXT: func.return %1, %13 : !fix.fixed<12, 4>, !fix.fixed<12, 4>
builtin.module {
  func.func @divide(%x: f64 {sym.name = "x", sym.range = #sym.interval<-4.0, 4.0>}, %y: f64 {sym.name = "y", sym.range = #sym.interval<1.0, 3.0>}) -> (f64, f64) {
    %0 = sym.div %x, %y
    %1 = sym.mod %x, %y
    func.return %0, %1 : f64, f64
  }
}
