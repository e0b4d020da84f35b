: A FUNCTION defined without its argument list.
NEURON { SUFFIX syn_function_missing_parens }
FUNCTION half {
    half = 0.5
}
