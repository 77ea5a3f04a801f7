// RUN: srcc-opt %s -p sym-reassociate | filecheck %s

// Sum and product chains rebuilt smallest magnitude first (|a| <= 1, |b| <= 2, |big| <= 100);
// the sum starts with a term it adds.
// CHECK-LABEL: func.func @reorder
func.func @reorder(%big: f64 {sym.range = #sym.interval<-100.0, 100.0>}, %a: f64 {sym.range = #sym.interval<-1.0, 1.0>}, %b: f64 {sym.range = #sym.interval<0.0, 2.0>}) -> (f64, f64, f64) {
  %0 = sym.add %big, %a
  %1 = sym.sub %0, %b
  %2 = sym.mul %big, %a
  %3 = sym.mul %2, %b
  %4 = sym.sub %big, %a
  %5 = sym.add %4, %b
  func.return %1, %3, %5 : f64, f64, f64
  // CHECK:      %0 = sym.sub %a, %b
  // CHECK-NEXT: %1 = sym.add %0, %big
  // CHECK-NEXT: %2 = sym.mul %a, %b
  // CHECK-NEXT: %3 = sym.mul %2, %big
  // CHECK-NEXT: %4 = sym.sub %b, %a
  // CHECK-NEXT: %5 = sym.add %4, %big
  // CHECK-NEXT: func.return %1, %3, %5 : f64, f64, f64
}

// Already in order, or only two operands: nothing changes.
// CHECK-LABEL: func.func @in_order
func.func @in_order(%a: f64 {sym.range = #sym.interval<-1.0, 1.0>}, %b: f64 {sym.range = #sym.interval<0.0, 2.0>}, %big: f64 {sym.range = #sym.interval<-100.0, 100.0>}) -> (f64, f64) {
  // CHECK-NEXT: %0 = sym.add %a, %b
  // CHECK-NEXT: %1 = sym.add %0, %big
  // CHECK-NEXT: %2 = sym.mul %big, %a
  // CHECK-NEXT: func.return %1, %2 : f64, f64
  %0 = sym.add %a, %b
  %1 = sym.add %0, %big
  %2 = sym.mul %big, %a
  func.return %1, %2 : f64, f64
}
