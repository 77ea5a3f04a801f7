// RUN: srcc-opt %s -p sym-identities | filecheck %s

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
  // CHECK-NEXT: %even = sym.powi %x, 4
  // CHECK-NEXT: %odd = sym.powi %x, -3
  // CHECK-NEXT: %odd_1 = sym.neg %odd
  // CHECK-NEXT: func.return %both, %left_1, %right_1, %quotient, %cos, %sin_1, %even, %odd_1
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

// Integer powers are `powi`, except x ** -1, which is `inv`.
// CHECK-LABEL: func.func @powers
func.func @powers(%x: f64) -> (f64, f64, f64, f64, f64, f64, f64, f64) {
  // CHECK-NEXT: %square = sym.powi %x, 2
  // CHECK-NEXT: %cube = sym.powi %x, 3
  // CHECK-NEXT: %nested = sym.powi %x, 6
  // CHECK-NEXT: %minus_one = sym.inv %x
  // CHECK-NEXT: %of_inv = sym.powi %x, -2
  // CHECK-NEXT: %inv_of = sym.powi %x, -3
  // CHECK-NEXT: func.return %square, %cube, %nested, %x, %minus_one, %of_inv, %inv_of, %x
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
