// Every bad pipeline is one error line and exit status 1.
// RUN: not srcc-opt %s -p no-such-pass 2>&1 | filecheck %s --check-prefix=UNKNOWN
// RUN: not srcc-opt %s -p 'sym-range-analysis{depth=3}' 2>&1 | filecheck %s --check-prefix=OPTION
// RUN: not srcc-opt %s -p 'lower-sym-to-fix{max_width=wide}' 2>&1 | filecheck %s --check-prefix=VALUE
// RUN: not srcc-opt %s -p 'sym-range-analysis{' 2>&1 | filecheck %s --check-prefix=SYNTAX
// RUN: not srcc-opt %s -p sym-range-analysis 2>&1 | filecheck %s --check-prefix=PRECONDITION

// UNKNOWN: {{^}}srcc-opt: error: -p 'no-such-pass': Unrecognized passes: ['no-such-pass']{{$}}
// UNKNOWN-NOT: Traceback
// OPTION: {{^}}srcc-opt: error: -p 'sym-range-analysis{depth=3}': Provided arguments ["depth"] not found in expected arguments []{{$}}
// VALUE: {{^}}srcc-opt: error: -p 'lower-sym-to-fix{max_width=wide}': Incompatible types: given ('wide',), expected int | None{{$}}
// SYNTAX: {{^}}srcc-opt: error: pass-pipeline:1:20: Expected argument name here{{$}}
// PRECONDITION: {{^}}srcc-opt: error: sym.log at model.expr:1:3 is undefined on its argument's range [-1, 1]: it reaches values <= 0; narrow the input ranges or use log_abs{{$}}
// PRECONDITION-NOT: Traceback

func.func @f(%x: f64 {sym.name = "x", sym.range = #sym.interval<-1.0, 1.0>}) -> f64 {
  %0 = sym.log %x loc("model.expr":1:3)
  func.return %0 : f64
}
