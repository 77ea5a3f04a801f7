"""The benchmark corpus: symbolic-regression style expressions with the input ranges they are
compiled for.

The jet-like examples (`examples/jet_tagger.txt`, inputs in [-3, 3]) and physics formulas of
the kind SR benchmarks use (the Feynman / AI Feynman equations), in dimensionless form. Each
range keeps every function defined (no division by zero, square roots of non-negative values,
logarithms of positive ones, `asin` inside [-1, 1]) and every value of moderate magnitude, so a
uniform `ap_fixed<16,6>` (range ±32, step 2**-10) has a fair chance.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Formula:
    """One corpus entry: expression(s) in Python/sympy syntax over `names`, one range each."""

    name: str
    expressions: tuple[str, ...]
    names: tuple[str, ...]
    ranges: tuple[tuple[float, float], ...]
    description: str

    @property
    def source(self) -> list[str]:
        """What srcc compiles: one expression per output."""
        return list(self.expressions)

    @property
    def range_map(self) -> dict[str, tuple[float, float]]:
        return dict(zip(self.names, self.ranges))


def formula(
    name: str, expression: str, ranges: dict[str, tuple[float, float]], what: str
) -> Formula:
    return Formula(name, (expression,), tuple(ranges), tuple(ranges.values()), what)


def jet_tagger() -> Formula:
    """examples/jet_tagger.txt: two outputs over x0..x15, inputs in [-3, 3]."""
    lines = (REPOSITORY / "examples" / "jet_tagger.txt").read_text().split("\n")
    expressions = tuple(line.strip() for line in lines if line.strip())
    names = tuple(f"x{i}" for i in range(16))
    return Formula(
        "jet_tagger",
        expressions,
        names,
        ((-3.0, 3.0),) * len(names),
        "jet-tagger-like SR model, 2 outputs (examples/jet_tagger.txt)",
    )


PHYSICS: tuple[Formula, ...] = (
    formula(
        "gravitation",
        "G*m1*m2/r**2",
        {"G": (1, 2), "m1": (1, 2), "m2": (1, 2), "r": (1, 3)},
        "Newton's gravitation (Feynman I.9.18 form)",
    ),
    formula(
        "coulomb",
        "q1*q2/(4*pi*eps*r**2)",
        {"q1": (-5, 5), "q2": (1, 5), "eps": (1, 5), "r": (1, 5)},
        "Coulomb force (I.12.2)",
    ),
    formula(
        "kinetic_energy",
        "m*v**2/2",
        {"m": (1, 5), "v": (-3, 3)},
        "kinetic energy (I.13.4 part)",
    ),
    formula(
        "relativistic_mass",
        "m0/sqrt(1 - v**2/c**2)",
        {"m0": (1, 5), "v": (0, 1), "c": (3, 10)},
        "relativistic mass, v < c (I.10.7)",
    ),
    formula(
        "lorentz_factor",
        "1/sqrt(1 - v**2)",
        {"v": (0, 0.9)},
        "Lorentz factor gamma, v/c < 1",
    ),
    formula(
        "relativistic_energy",
        "m*c**2/sqrt(1 - v**2/c**2)",
        {"m": (1, 2), "v": (0, 0.5), "c": (1, 2)},
        "relativistic energy (I.48.2)",
    ),
    formula(
        "gaussian",
        "exp(-(x - mu)**2/(2*s**2))/(sqrt(2*pi)*s)",
        {"x": (-3, 3), "mu": (-1, 1), "s": (0.5, 2)},
        "normal density (I.6.20b)",
    ),
    formula(
        "gaussian_std",
        "exp(-theta**2/2)/sqrt(2*pi)",
        {"theta": (-3, 3)},
        "standard normal density (I.6.20a)",
    ),
    formula(
        "planck",
        "x**3/(exp(x) - 1)",
        {"x": (0.5, 3)},
        "Planck's law, dimensionless (x = h nu / kT)",
    ),
    formula(
        "dipole_potential",
        "p*cos(theta)/(4*pi*eps*r**2)",
        {"p": (1, 5), "theta": (0, 3.14), "eps": (1, 3), "r": (1, 3)},
        "electric dipole potential (II.6.11)",
    ),
    formula(
        "dipole_field",
        "3*p*cos(theta)*sin(theta)/(4*pi*eps*r**3)",
        {"p": (1, 5), "theta": (0, 3.14), "eps": (1, 3), "r": (1, 3)},
        "electric dipole field, transverse component (II.6.15a)",
    ),
    formula(
        "pendulum_period",
        "2*pi*sqrt(L/g)",
        {"L": (0.1, 2), "g": (9, 10)},
        "period of a simple pendulum",
    ),
    formula(
        "pendulum_energy",
        "m*g*L*(1 - cos(theta))",
        {"m": (0.5, 2), "g": (9, 10), "L": (0.5, 1), "theta": (-1.5, 1.5)},
        "potential energy of a pendulum",
    ),
    formula(
        "doppler_relativistic",
        "f*sqrt((1 + beta)/(1 - beta))",
        {"f": (1, 5), "beta": (-0.5, 0.5)},
        "relativistic Doppler shift",
    ),
    formula(
        "doppler_classical",
        "f*(c + vr)/(c + vs)",
        {"f": (1, 5), "c": (5, 10), "vr": (-1, 1), "vs": (-1, 1)},
        "classical Doppler shift",
    ),
    formula(
        "harmonic_oscillator",
        "A*cos(omega*t + phi)",
        {"A": (0.5, 2), "omega": (0.5, 2), "t": (0, 3), "phi": (-1, 1)},
        "harmonic oscillation",
    ),
    formula(
        "damped_oscillator",
        "A*exp(-gamma*t)*cos(omega*t)",
        {"A": (0.5, 2), "gamma": (0, 1), "t": (0, 3), "omega": (0.5, 2)},
        "damped oscillation",
    ),
    formula(
        "projectile_range",
        "v**2*sin(2*theta)/g",
        {"v": (1, 5), "theta": (0.1, 1.4), "g": (9, 10)},
        "range of a projectile",
    ),
    formula(
        "ideal_gas",
        "n*k*T/V",
        {"n": (1, 2), "k": (1, 2), "T": (1, 5), "V": (1, 5)},
        "ideal-gas pressure (I.39.22)",
    ),
    formula(
        "spring_energy",
        "k*x**2/2",
        {"k": (1, 5), "x": (-2, 2)},
        "elastic energy (I.14.4)",
    ),
    formula(
        "snell",
        "asin(n1*sin(theta1)/n2)",
        {"n1": (1, 1.3), "theta1": (0, 1.5), "n2": (1.4, 2)},
        "refraction angle, Snell's law (I.26.2)",
    ),
    formula(
        "malus",
        "I0*cos(theta)**2",
        {"I0": (1, 5), "theta": (-3, 3)},
        "Malus's law",
    ),
    formula(
        "escape_velocity",
        "sqrt(2*G*M/r)",
        {"G": (1, 2), "M": (1, 5), "r": (1, 5)},
        "escape velocity",
    ),
    formula(
        "orbital_period",
        "2*pi*sqrt(a**3/(G*M))",
        {"a": (1, 2), "G": (1, 2), "M": (1, 2)},
        "Kepler's third law",
    ),
    formula(
        "boltzmann_factor",
        "exp(-E/(k*T))",
        {"E": (0.1, 3), "k": (1, 2), "T": (0.5, 3)},
        "Boltzmann factor",
    ),
    formula(
        "fermi_dirac",
        "1/(exp((E - mu)/(k*T)) + 1)",
        {"E": (0, 3), "mu": (1, 2), "k": (1, 2), "T": (0.5, 2)},
        "Fermi-Dirac occupation (I.41.16 family)",
    ),
    formula(
        "bose_einstein",
        "1/(exp(E/(k*T)) - 1)",
        {"E": (0.5, 3), "k": (1, 2), "T": (1, 3)},
        "Bose-Einstein occupation",
    ),
    formula(
        "binary_entropy",
        "-p*log(p) - (1 - p)*log(1 - p)",
        {"p": (0.05, 0.95)},
        "entropy of a two-state system",
    ),
    formula(
        "isothermal_work",
        "n*T*log(V2/V1)",
        {"n": (1, 2), "T": (1, 3), "V1": (1, 2), "V2": (2, 5)},
        "isothermal work of an ideal gas (I.44.4)",
    ),
    formula(
        "lennard_jones",
        "4*eps*((s/r)**12 - (s/r)**6)",
        {"eps": (0.5, 2), "s": (0.9, 1.1), "r": (1.1, 2.5)},
        "Lennard-Jones potential",
    ),
    formula(
        "interference",
        "I0*sin(n*theta/2)**2/sin(theta/2)**2",
        {"I0": (1, 2), "n": (1, 3), "theta": (0.5, 3)},
        "N-slit interference (I.30.3)",
    ),
    formula(
        "wire_field",
        "mu*I/(2*pi*r)",
        {"mu": (1, 2), "I": (1, 5), "r": (0.5, 3)},
        "magnetic field of a straight wire",
    ),
    formula(
        "velocity_addition",
        "(u + v)/(1 + u*v/c**2)",
        {"u": (-0.9, 0.9), "v": (-0.9, 0.9), "c": (1, 1.5)},
        "relativistic velocity addition (I.16.6)",
    ),
    formula(
        "langevin_magnetization",
        "n*mu*tanh(mu*B/(k*T))",
        {"n": (1, 3), "mu": (0.5, 2), "B": (-2, 2), "k": (1, 2), "T": (0.5, 3)},
        "paramagnet magnetisation (II.35.21)",
    ),
    formula(
        "incline_angle",
        "atan(y/x)",
        {"x": (1, 5), "y": (-5, 5)},
        "angle of a slope",
    ),
    formula(
        "thin_lens",
        "1/(1/d1 + n/d2)",
        {"d1": (1, 5), "n": (1, 2), "d2": (1, 5)},
        "thin-lens image distance (I.27.6)",
    ),
    formula(
        "stefan_boltzmann",
        "sigma*T**4",
        {"sigma": (0.5, 1), "T": (0.5, 2)},
        "radiated power per area",
    ),
    formula(
        "diffraction",
        "I0*(sin(a)/a)**2",
        {"I0": (1, 5), "a": (0.1, 3)},
        "single-slit diffraction, a away from 0",
    ),
    formula(
        "banked_curve",
        "sqrt(r*g*tan(theta))",
        {"r": (1, 3), "g": (9, 10), "theta": (0.1, 1.2)},
        "speed on a banked curve",
    ),
    formula(
        "catenary",
        "a*cosh(x/a)",
        {"a": (1, 3), "x": (-3, 3)},
        "catenary",
    ),
    formula(
        "lorentz_force",
        "q*(E + v*B*sin(theta))",
        {"q": (-2, 2), "E": (-2, 2), "v": (0, 2), "B": (0, 2), "theta": (0, 3.14)},
        "Lorentz force magnitude (I.12.11)",
    ),
)
"""Physics formulas of the Feynman / AI Feynman kind."""


def corpus() -> list[Formula]:
    """Every corpus entry: the jet-like examples, then the physics formulas."""
    return [jet_tagger(), *PHYSICS]
