"""Emitters: HLS C++ and the HLS project writer."""
