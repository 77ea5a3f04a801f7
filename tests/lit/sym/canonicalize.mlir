// RUN: srcc-opt %s -p canonicalize | filecheck %s

// Every canonicalization pattern of `sym` (srcc.passes.canonicalization.sym), as xDSL's
// `canonicalize` applies them: folding, identities, division by a constant, power expansion.

// Constant folding

// CHECK-LABEL: func.func @arithmetic
func.func @arithmetic() -> (f64, f64, f64, f64, f64) {
  // CHECK-NEXT: %add = sym.constant 3.5
  // CHECK-NEXT: %sub = sym.constant -0.5
  // CHECK-NEXT: %mul = sym.constant 3.0
  // CHECK-NEXT: %div = sym.constant 0.6666666666666666
  // CHECK-NEXT: %powi = sym.constant 0.25
  // CHECK-NEXT: func.return %add, %sub, %mul, %div, %powi : f64, f64, f64, f64, f64
  %a = sym.constant 1.5
  %b = sym.constant 2.0
  %add = sym.add %a, %b
  %sub = sym.sub %a, %b
  %mul = sym.mul %a, %b
  %div = sym.div %b, %mul
  %powi = sym.powi %b, -2
  func.return %add, %sub, %mul, %div, %powi : f64, f64, f64, f64, f64
}

// Functions of constants fold too, through chains of ops.
// CHECK-LABEL: func.func @functions
func.func @functions() -> (f64, f64, f64) {
  // CHECK-NEXT: %sin = sym.constant 0.479425538604203
  // CHECK-NEXT: %gauss = sym.constant 0.7788007830714049
  // CHECK-NEXT: %chain = sym.constant -1.0
  // CHECK-NEXT: func.return %sin, %gauss, %chain : f64, f64, f64
  %h = sym.constant 0.5
  %sin = sym.sin %h
  %gauss = sym.gauss %h
  %cube = sym.cube %h
  %inv = sym.inv %cube
  %log = sym.log_abs %inv
  %sign = sym.sign %log
  %chain = sym.neg %sign
  func.return %sin, %gauss, %chain : f64, f64, f64
}

// Non-finite results stay unfolded; ops with a non-constant operand too.
// CHECK-LABEL: func.func @not_folded
func.func @not_folded(%x: f64) -> (f64, f64, f64, f64, f64) {
  // CHECK-NEXT: %m = sym.constant -1.0
  // CHECK-NEXT: %zero = sym.constant 0.0
  // CHECK-NEXT: %big = sym.constant 1.0e+300
  // CHECK-NEXT: %log = sym.log %m
  // CHECK-NEXT: %div = sym.div %m, %zero
  // CHECK-NEXT: %overflow = sym.mul %big, %big
  // CHECK-NEXT: %sqrt = sym.sqrt %m
  // CHECK-NEXT: %add = sym.add %x, %m
  // CHECK-NEXT: func.return %log, %div, %overflow, %sqrt, %add : f64, f64, f64, f64, f64
  %m = sym.constant -1.0
  %zero = sym.constant 0.0
  %big = sym.constant 1.0e300
  %log = sym.log %m
  %div = sym.div %m, %zero
  %overflow = sym.mul %big, %big
  %sqrt = sym.sqrt %m
  %add = sym.add %x, %m
  func.return %log, %div, %overflow, %sqrt, %add : f64, f64, f64, f64, f64
}

// Identities

// CHECK-LABEL: func.func @add
func.func @add(%x: f64, %y: f64) -> (f64, f64, f64, f64, f64) {
  // CHECK-NEXT: %plusneg = sym.sub %x, %y
  // CHECK-NEXT: %negplus = sym.sub %x, %y
  // CHECK-NEXT: %twice = sym.constant 2.0
  // CHECK-NEXT: %twice_1 = sym.mul %x, %twice
  // CHECK-NEXT: func.return %x, %x, %plusneg, %negplus, %twice_1
  %zero = sym.constant 0.0
  %right = sym.add %x, %zero
  %left = sym.add %zero, %x
  %ny = sym.neg %y
  %plusneg = sym.add %x, %ny
  %negplus = sym.add %ny, %x
  %twice = sym.add %x, %x
  func.return %right, %left, %plusneg, %negplus, %twice : f64, f64, f64, f64, f64
}

// CHECK-LABEL: func.func @sub
func.func @sub(%x: f64, %y: f64) -> (f64, f64, f64, f64, f64) {
  // CHECK-NEXT: %left = sym.neg %x
  // CHECK-NEXT: %self = sym.constant 0.0
  // CHECK-NEXT: %minusneg = sym.add %x, %y
  // CHECK-NEXT: %kept = sym.sub %y, %x
  // CHECK-NEXT: func.return %x, %left, %self, %minusneg, %kept
  %zero = sym.constant 0.0
  %right = sym.sub %x, %zero
  %left = sym.sub %zero, %x
  %self = sym.sub %x, %x
  %ny = sym.neg %y
  %minusneg = sym.sub %x, %ny
  %kept = sym.sub %y, %x
  func.return %right, %left, %self, %minusneg, %kept : f64, f64, f64, f64, f64
}

// CHECK-LABEL: func.func @mul_div
func.func @mul_div(%x: f64) -> (f64, f64, f64, f64, f64, f64, f64) {
  // CHECK-NEXT: %three = sym.constant 3.0
  // CHECK-NEXT: %times_zero = sym.constant 0.0
  // CHECK-NEXT: %times_minus_one = sym.neg %x
  // CHECK-NEXT: %over_minus_one = sym.neg %x
  // CHECK-NEXT: %kept = sym.mul %x, %three
  // CHECK-NEXT: func.return %x, %x, %times_zero, %times_minus_one, %x, %over_minus_one, %kept
  %zero = sym.constant 0.0
  %one = sym.constant 1.0
  %minus_one = sym.constant -1.0
  %three = sym.constant 3.0
  %times_one = sym.mul %x, %one
  %one_times = sym.mul %one, %x
  %times_zero = sym.mul %zero, %x
  %times_minus_one = sym.mul %x, %minus_one
  %over_one = sym.div %x, %one
  %over_minus_one = sym.div %x, %minus_one
  %kept = sym.mul %x, %three
  func.return %times_one, %one_times, %times_zero, %times_minus_one, %over_one, %over_minus_one, %kept : f64, f64, f64, f64, f64, f64, f64
}

// Negations float to the root: through products and quotients, odd functions and
// odd powers; even functions and powers drop them.
// CHECK-LABEL: func.func @signs
func.func @signs(%x: f64, %y: f64) -> (f64, f64, f64, f64, f64, f64, f64, f64) {
  // CHECK-NEXT: %both = sym.mul %x, %y
  // CHECK-NEXT: %left = sym.mul %x, %y
  // CHECK-NEXT: %left_1 = sym.neg %left
  // CHECK-NEXT: %right = sym.div %y, %x
  // CHECK-NEXT: %right_1 = sym.neg %right
  // CHECK-NEXT: %quotient = sym.div %x, %y
  // CHECK-NEXT: %cos = sym.cos %x
  // CHECK-NEXT: %sin = sym.sin %x
  // CHECK-NEXT: %sin_1 = sym.neg %sin
  // CHECK-NEXT: %even = sym.mul %x, %x
  // CHECK-NEXT: %even_1 = sym.mul %even, %even
  // CHECK-NEXT: %odd = sym.mul %x, %x
  // CHECK-NEXT: %odd_1 = sym.mul %x, %odd
  // CHECK-NEXT: %odd_2 = sym.inv %odd_1
  // CHECK-NEXT: %odd_3 = sym.neg %odd_2
  // CHECK-NEXT: func.return %both, %left_1, %right_1, %quotient, %cos, %sin_1, %even_1, %odd_3
  %nx = sym.neg %x
  %ny = sym.neg %y
  %both = sym.mul %nx, %ny
  %left = sym.mul %nx, %y
  %right = sym.div %y, %nx
  %quotient = sym.div %nx, %ny
  %cos = sym.cos %nx
  %sin = sym.sin %nx
  %even = sym.powi %nx, 4
  %odd = sym.powi %nx, -3
  func.return %both, %left, %right, %quotient, %cos, %sin, %even, %odd : f64, f64, f64, f64, f64, f64, f64, f64
}

// CHECK-LABEL: func.func @neg
func.func @neg(%x: f64, %y: f64) -> (f64, f64, f64) {
  // CHECK-NEXT: %negc = sym.constant -2.5
  // CHECK-NEXT: %negd = sym.sub %y, %x
  // CHECK-NEXT: func.return %x, %negc, %negd
  %nx = sym.neg %x
  %nnx = sym.neg %nx
  %c = sym.constant 2.5
  %negc = sym.neg %c
  %d = sym.sub %x, %y
  %negd = sym.neg %d
  func.return %nnx, %negc, %negd : f64, f64, f64
}

// Powers merge before they expand: nested powers multiply their exponents (x ** 6 is
// x * x, x * x ** 2, x ** 3 * x ** 3), x ** -1 is `inv`, x ** -n is `inv` of x ** n.
// CHECK-LABEL: func.func @powers
func.func @powers(%x: f64) -> (f64, f64, f64, f64, f64, f64, f64, f64) {
  // CHECK-NEXT: %square = sym.mul %x, %x
  // CHECK-NEXT: %cube = sym.mul %x, %x
  // CHECK-NEXT: %cube_1 = sym.mul %x, %cube
  // CHECK-NEXT: %nested = sym.mul %x, %x
  // CHECK-NEXT: %nested_1 = sym.mul %x, %nested
  // CHECK-NEXT: %nested_2 = sym.mul %nested_1, %nested_1
  // CHECK-NEXT: %minus_one = sym.inv %x
  // CHECK-NEXT: %of_inv = sym.mul %x, %x
  // CHECK-NEXT: %of_inv_1 = sym.inv %of_inv
  // CHECK-NEXT: %inv_of = sym.mul %x, %x
  // CHECK-NEXT: %inv_of_1 = sym.mul %x, %inv_of
  // CHECK-NEXT: %inv_of_2 = sym.inv %inv_of_1
  // CHECK-NEXT: func.return %square, %cube_1, %nested_2, %x, %minus_one, %of_inv_1, %inv_of_2, %x
  %square = sym.square %x
  %cube = sym.cube %x
  %nested = sym.powi %square, 3
  %m = sym.powi %x, -1
  %back = sym.powi %m, -1
  %minus_one = sym.powi %x, -1
  %of_inv = sym.powi %minus_one, 2
  %inv_of = sym.inv %cube
  %inv_inv = sym.inv %minus_one
  func.return %square, %cube, %nested, %back, %minus_one, %of_inv, %inv_of, %inv_inv : f64, f64, f64, f64, f64, f64, f64, f64
}

// Constants of a chain of `add` or `mul` merge, unless the merged constant overflows.
// CHECK-LABEL: func.func @merge_constants
func.func @merge_constants(%x: f64) -> (f64, f64, f64, f64) {
  // CHECK-NEXT: %big = sym.constant 1.0e+300
  // CHECK-NEXT: %sum = sym.constant 3.5
  // CHECK-NEXT: %sum_1 = sym.add %x, %sum
  // CHECK-NEXT: %product = sym.constant 3.0
  // CHECK-NEXT: %product_1 = sym.mul %x, %product
  // CHECK-NEXT: %overflow = sym.mul %x, %big
  // CHECK-NEXT: %overflow_1 = sym.mul %overflow, %big
  // CHECK-NEXT: %constminus = sym.sub %big, %x
  // CHECK-NEXT: func.return %sum_1, %product_1, %overflow_1, %constminus
  %big = sym.constant 1.0e300
  %c1 = sym.constant 1.5
  %c2 = sym.constant 2.0
  %inner = sym.add %c1, %x
  %sum = sym.add %inner, %c2
  %innerp = sym.mul %x, %c1
  %product = sym.mul %c2, %innerp
  %overflow = sym.mul %x, %big
  %overflow_1 = sym.mul %overflow, %big
  %nx = sym.neg %x
  %constminus = sym.add %big, %nx
  func.return %sum, %product, %overflow_1, %constminus : f64, f64, f64, f64
}

// Division by a constant: x / c is x * (1/c)

// A quotient of constants folds (exactly: 0.5 / -10.0, not 0.5 * -0.1).
// CHECK-LABEL: func.func @rewritten
func.func @rewritten(%x: f64) -> (f64, f64, f64) {
  // CHECK-NEXT: %a = sym.constant 2.0
  // CHECK-NEXT: %a_1 = sym.mul %x, %a
  // CHECK-NEXT: %b = sym.constant -0.05
  // CHECK-NEXT: %c = sym.constant 9.999999999999999e+299
  // CHECK-NEXT: %c_1 = sym.mul %x, %c
  // CHECK-NEXT: func.return %a_1, %b, %c_1
  %half = sym.constant 0.5
  %ten = sym.constant -10.0
  %tiny = sym.constant 1.0e-300
  %a = sym.div %x, %half
  %b = sym.div %half, %ten
  %c = sym.div %x, %tiny
  func.return %a, %b, %c : f64, f64, f64
}

// No rewrite for a zero divisor, a divisor whose reciprocal overflows, or a variable one.
// CHECK-LABEL: func.func @kept
func.func @kept(%x: f64, %y: f64) -> (f64, f64, f64, f64) {
  // CHECK-NEXT: %zero = sym.constant 0.0
  // CHECK-NEXT: %negzero = sym.constant -0.0
  // CHECK-NEXT: %subnormal = sym.constant 5.0e-324
  // CHECK-NEXT: %a = sym.div %x, %zero
  // CHECK-NEXT: %b = sym.div %x, %negzero
  // CHECK-NEXT: %c = sym.div %x, %subnormal
  // CHECK-NEXT: %d = sym.div %x, %y
  // CHECK-NEXT: func.return %a, %b, %c, %d
  %zero = sym.constant 0.0
  %negzero = sym.constant -0.0
  %subnormal = sym.constant 5.0e-324
  %a = sym.div %x, %zero
  %b = sym.div %x, %negzero
  %c = sym.div %x, %subnormal
  %d = sym.div %x, %y
  func.return %a, %b, %c, %d : f64, f64, f64, f64
}

// Integer powers: multiplications by repeated squaring

// Repeated squaring, most significant bit first.
// CHECK-LABEL: func.func @positive
func.func @positive(%x: f64) -> (f64, f64, f64, f64, f64) {
  // CHECK-NEXT: %p2 = sym.mul %x, %x
  // CHECK-NEXT: %p3 = sym.mul %x, %x
  // CHECK-NEXT: %p3_1 = sym.mul %x, %p3
  // CHECK-NEXT: %p4 = sym.mul %x, %x
  // CHECK-NEXT: %p4_1 = sym.mul %p4, %p4
  // CHECK-NEXT: %p5 = sym.mul %x, %x
  // CHECK-NEXT: %p5_1 = sym.mul %p5, %p5
  // CHECK-NEXT: %p5_2 = sym.mul %x, %p5_1
  // CHECK-NEXT: %p6 = sym.mul %x, %x
  // CHECK-NEXT: %p6_1 = sym.mul %x, %p6
  // CHECK-NEXT: %p6_2 = sym.mul %p6_1, %p6_1
  // CHECK-NEXT: func.return %p2, %p3_1, %p4_1, %p5_2, %p6_2
  %p2 = sym.powi %x, 2
  %p3 = sym.powi %x, 3
  %p4 = sym.powi %x, 4
  %p5 = sym.powi %x, 5
  %p6 = sym.powi %x, 6
  func.return %p2, %p3, %p4, %p5, %p6 : f64, f64, f64, f64, f64
}

// A negative power is the inverse of the positive one.
// CHECK-LABEL: func.func @negative
func.func @negative(%x: f64) -> (f64, f64) {
  // CHECK-NEXT: %m1 = sym.inv %x
  // CHECK-NEXT: %m2 = sym.mul %x, %x
  // CHECK-NEXT: %m2_1 = sym.inv %m2
  // CHECK-NEXT: func.return %m1, %m2_1
  %m1 = sym.powi %x, -1
  %m2 = sym.powi %x, -2
  func.return %m1, %m2 : f64, f64
}

// `square` and `cube` are powers too; other ops are left alone.
// CHECK-LABEL: func.func @square_cube
func.func @square_cube(%x: f64) -> (f64, f64, f64) {
  // CHECK-NEXT: %sq = sym.mul %x, %x
  // CHECK-NEXT: %cu = sym.mul %x, %x
  // CHECK-NEXT: %cu_1 = sym.mul %x, %cu
  // CHECK-NEXT: %inv = sym.inv %x
  // CHECK-NEXT: func.return %sq, %cu_1, %inv
  %sq = sym.square %x
  %cu = sym.cube %x
  %inv = sym.inv %x
  func.return %sq, %cu, %inv : f64, f64, f64
}

// A power that feeds another power, directly or through a negation, merges into it
// first: (-(x ** 2)) ** 3 is -(x ** 6), 1 / -(x ** 2) is -(x ** -2).
// CHECK-LABEL: func.func @merged_through_negation
func.func @merged_through_negation(%x: f64) -> (f64, f64) {
  // CHECK-NEXT: %q = sym.mul %x, %x
  // CHECK-NEXT: %q_1 = sym.mul %x, %q
  // CHECK-NEXT: %q_2 = sym.mul %q_1, %q_1
  // CHECK-NEXT: %q_3 = sym.neg %q_2
  // CHECK-NEXT: %i = sym.mul %x, %x
  // CHECK-NEXT: %i_1 = sym.inv %i
  // CHECK-NEXT: %i_2 = sym.neg %i_1
  // CHECK-NEXT: func.return %q_3, %i_2
  %p = sym.powi %x, 2
  %n = sym.neg %p
  %q = sym.powi %n, 3
  %i = sym.inv %n
  func.return %q, %i : f64, f64
}

// A power with other users is expanded for them too.
// CHECK-LABEL: func.func @shared_power
func.func @shared_power(%x: f64) -> (f64, f64) {
  // CHECK-NEXT: %p = sym.mul %x, %x
  // CHECK-NEXT: %q = sym.mul %x, %x
  // CHECK-NEXT: %q_1 = sym.mul %x, %q
  // CHECK-NEXT: %q_2 = sym.mul %q_1, %q_1
  // CHECK-NEXT: func.return %p, %q_2
  %p = sym.powi %x, 2
  %q = sym.powi %p, 3
  func.return %p, %q : f64, f64
}
