: Exercises UTF-8 text in comments (µm, °C, José) and in a COMMENT block. A cornu leniency for
: line comments: nocmodl 8.2 refuses non-ASCII bytes outside COMMENT blocks ("Non-Ascii
: character in file"); cornu accepts them in comments, strings and VERBATIM, never in code.
NEURON {
    SUFFIX nonascii_comments
    RANGE d   : diameter in µm
}

COMMENT
Written by José at 36 °C.
ENDCOMMENT

PARAMETER {
    d = 1 (um)   ? µm
}
