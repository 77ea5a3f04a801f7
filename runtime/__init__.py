"""What runs a compiled model: the bit-accurate emulator, C++ headers, C simulation."""
