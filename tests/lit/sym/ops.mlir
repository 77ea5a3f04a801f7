// RUN: srcc-opt %s | filecheck %s
// RUN: srcc-opt %s --print-op-generic | srcc-opt | filecheck %s

// CHECK-LABEL: func.func @ops
// CHECK-SAME: %x0: f64 {sym.name = "x0", sym.range = #sym.interval<-4.0, 4.0>}
func.func @ops(%x0: f64 {sym.name = "x0", sym.range = #sym.interval<-4.0, 4.0>}, %x1: f64 {sym.name = "x1"}) -> (f64, f64) {
  // CHECK-NEXT: %c = sym.constant -1.0e-05
  %c = sym.constant -1.0e-05
  // CHECK-NEXT: %h = sym.constant 0.5
  %h = sym.constant 0.5
  // CHECK-NEXT: %add = sym.add %x0, %c
  %add = sym.add %x0, %c
  // CHECK-NEXT: %sub = sym.sub %add, %x1
  %sub = sym.sub %add, %x1
  // CHECK-NEXT: %mul = sym.mul %sub, %h
  %mul = sym.mul %sub, %h
  // CHECK-NEXT: %div = sym.div %mul, %x1
  %div = sym.div %mul, %x1
  // CHECK-NEXT: %pow = sym.powi %div, -3
  %pow = sym.powi %div, -3
  // CHECK-NEXT: %max = sym.max %pow, %x1
  %max = sym.max %pow, %x1
  // CHECK-NEXT: %mod = sym.mod %max, %h
  %mod = sym.mod %max, %h
  // CHECK-NEXT: %gt = sym.greater %mod, %x0
  %gt = sym.greater %mod, %x0
  // CHECK-NEXT: %sel = sym.select %gt, %mod, %x1
  %sel = sym.select %gt, %mod, %x1
  // CHECK-NEXT: %neg = sym.neg %pow
  %neg = sym.neg %pow
  func.return %neg, %pow : f64, f64
}

// CHECK-LABEL: func.func @unary
func.func @unary(%x: f64) -> f64 {
  // CHECK-NEXT: %0 = sym.sin %x
  // CHECK-NEXT: %1 = sym.cos %0
  // CHECK-NEXT: %2 = sym.tan %1
  // CHECK-NEXT: %3 = sym.exp %2
  // CHECK-NEXT: %4 = sym.log %3
  // CHECK-NEXT: %5 = sym.sqrt %4
  // CHECK-NEXT: %6 = sym.abs %5
  // CHECK-NEXT: %7 = sym.sinh %6
  // CHECK-NEXT: %8 = sym.cosh %7
  // CHECK-NEXT: %9 = sym.tanh %8
  // CHECK-NEXT: %10 = sym.asin %9
  // CHECK-NEXT: %11 = sym.acos %10
  // CHECK-NEXT: %12 = sym.atan %11
  // CHECK-NEXT: %13 = sym.square %12
  // CHECK-NEXT: %14 = sym.cube %13
  // CHECK-NEXT: %15 = sym.inv %14
  // CHECK-NEXT: %16 = sym.sign %15
  // CHECK-NEXT: %17 = sym.relu %16
  // CHECK-NEXT: %18 = sym.log_abs %17
  // CHECK-NEXT: %19 = sym.sqrt_abs %18
  // CHECK-NEXT: %20 = sym.gauss %19
  // CHECK-NEXT: func.return %20 : f64
  %0 = sym.sin %x
  %1 = sym.cos %0
  %2 = sym.tan %1
  %3 = sym.exp %2
  %4 = sym.log %3
  %5 = sym.sqrt %4
  %6 = sym.abs %5
  %7 = sym.sinh %6
  %8 = sym.cosh %7
  %9 = sym.tanh %8
  %10 = sym.asin %9
  %11 = sym.acos %10
  %12 = sym.atan %11
  %13 = sym.square %12
  %14 = sym.cube %13
  %15 = sym.inv %14
  %16 = sym.sign %15
  %17 = sym.relu %16
  %18 = sym.log_abs %17
  %19 = sym.sqrt_abs %18
  %20 = sym.gauss %19
  func.return %20 : f64
}
