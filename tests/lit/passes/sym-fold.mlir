// RUN: srcc-opt %s -p sym-fold | filecheck %s

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
