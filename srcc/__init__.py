"""srcc: compile symbolic-regression expressions to fixed-point FPGA firmware."""
