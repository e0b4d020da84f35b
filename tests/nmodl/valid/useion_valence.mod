: Exercises USEION with VALENCE for an ion NEURON does not know (here a custom calcium pool
: `nca` with valence 2) and a negative valence (a chloride-like anion), writing concentrations
: and reversal potentials.
NEURON {
    SUFFIX useion_valence
    USEION nca READ ncai, ncao WRITE inca, enca VALENCE 2
    USEION an READ ean WRITE ian VALENCE -1
    RANGE g, gan
}

UNITS {
    (mM) = (milli/liter)
    (mV) = (millivolt)
}

PARAMETER {
    g = 1e-4 (S/cm2)
    gan = 1e-5 (S/cm2)
}

ASSIGNED {
    v (mV)
    celsius (degC)
    ncai (mM)
    ncao (mM)
    enca (mV)
    inca (mA/cm2)
    ean (mV)
    ian (mA/cm2)
}

BREAKPOINT {
    enca = 8.617e-2*(celsius + 273.15)/2*log(ncao/ncai)
    inca = g*(v - enca)
    ian = gan*(v - ean)
}
