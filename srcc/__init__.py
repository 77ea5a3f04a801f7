"""srcc: compile symbolic-regression expressions to fixed-point FPGA firmware.

>>> import srcc
>>> model = srcc.compile("x0*x1 + 0.5*x2", ranges=(-4, 4))
>>> model.predict(X), model.error_bound
"""

from srcc.api import Program, parse
from srcc.driver import compile
from srcc.errors import SrccError, SrccWarning
from srcc.fitting import fit
from srcc.model import Model
from srcc.sweeping import sweep

__all__ = ["Model", "Program", "SrccError", "SrccWarning", "compile", "fit", "parse", "sweep"]
