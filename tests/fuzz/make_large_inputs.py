#!/usr/bin/env python3
"""Writes adversarial .mod files of up to 2 MiB (the parser's size limit) into OUTDIR.

The fuzzer's inputs are at most a few kB, too short for costs that grow with the square of the
input or with its nesting; these files cover that instead. run_fuzzer.sh runs the sanitized fuzz
target over each of them (with its -timeout and -rss_limit_mb) before it starts fuzzing. Several
of them once overflowed the stack or took 30 s to several minutes (see tests/fuzz/README.md).

    tests/fuzz/make_large_inputs.py OUTDIR
"""
import os
import sys

LIMIT = 2 * 1024 * 1024 - 64


def fill(head, unit, tail=""):
    """head, then unit(0), unit(1), ... as many as fit under LIMIT, then tail."""
    parts, size, i = [head], len(head) + len(tail), 0
    while True:
        u = unit(i)
        if size + len(u) > LIMIT:
            break
        parts.append(u)
        size += len(u)
        i += 1
    parts.append(tail)
    return "".join(parts)


def inputs():
    n = "NEURON { SUFFIX e }\n"
    functions = "".join("FUNCTION f%d() {}\n" % i for i in range(20000))
    derivatives = "".join("DERIVATIVE d%d {}\n" % i for i in range(20000))
    states = "NEURON { SUFFIX e }\nSTATE {" + " ".join("s%d" % i for i in range(5000)) + "}\n"
    yield "named_blocks", fill(n, lambda i: "DERIVATIVE d%d {}\n" % i)
    yield "same_named_blocks", fill(n, lambda i: "KINETIC k {}\n")
    yield "functions", fill(n, lambda i: "FUNCTION f%d() {}\n" % i)
    yield "calls", fill(n + functions + "INITIAL {\n", lambda i: "f%d()\n" % (i % 20000), "}\n")
    yield "undefined_calls", fill(n + functions + "INITIAL {\n", lambda i: "g%d()\n" % i, "}\n")
    yield "undeclared_names", fill(n + "ASSIGNED {" + " ".join("a%d" % i for i in range(50000)) +
                                   "}\nINITIAL {\n", lambda i: "q%d = 1\n" % i, "}\n")
    yield "unknown_solves", fill(n + derivatives + "BREAKPOINT {\n", lambda i: "SOLVE x%d METHOD cnexp\n" % i, "}\n")
    yield "solves", fill("NEURON { SUFFIX e }\nSTATE { s }\n" +
                         "".join("DERIVATIVE d%d { s' = 1 }\n" % i for i in range(20000)) + "BREAKPOINT {\n",
                         lambda i: "SOLVE d%d METHOD cnexp\n" % (i % 20000), "}\n")
    yield "useions", fill("NEURON { SUFFIX e\n", lambda i: "USEION i%d READ ei%d\n" % (i, i), "}\n")
    yield "currents", fill("NEURON { SUFFIX e\nNONSPECIFIC_CURRENT i", lambda i: ", i%d" % i, "}\n")
    yield "range_names", fill("NEURON { SUFFIX e\nRANGE r", lambda i: ", r%d" % i, "}\n")
    yield "assigned", fill("NEURON { SUFFIX e }\nASSIGNED {", lambda i: " a%d" % i, "}\n")
    yield "locals", fill("NEURON { SUFFIX e }\nINITIAL { LOCAL l", lambda i: ", l%d" % i, "\n}\n")
    yield "tables", fill(n + functions + "PROCEDURE p(v) {\n", lambda i: "TABLE DEPEND a FROM 1 TO 2 WITH 2\n", "}\n")
    yield "reactions", fill(states + "KINETIC k {\n", lambda i: "~ s%d <-> s%d (1, 1)\n" % (i % 5000, (i + 1) % 5000), "}\n")
    yield "statements", fill("NEURON { SUFFIX e }\nASSIGNED { a }\nINITIAL {\n", lambda i: "a = a + 1\n", "}\n")
    yield "watches", fill("NEURON { POINT_PROCESS e }\nNET_RECEIVE(w) {\n", lambda i: "WATCH (v > 1) 2\n", "}\n")
    yield "else_if_chain", fill("NEURON { SUFFIX e }\nASSIGNED { a }\nINITIAL {\n if(a){}", lambda i: "else if(a){}", "\n}\n")
    yield "operator_chains_in_parens", ("NEURON { SUFFIX e }\nASSIGNED { a }\nINITIAL {\n a = " + "(" * 200 + "a" +
                                        ("+a" * 1900 + ")") * 200 + "\n}\n")
    yield "parens", "NEURON { SUFFIX e }\nINITIAL { a = " + "(" * 1000000 + "\n}\n"
    yield "unary_minus", "NEURON { SUFFIX e }\nINITIAL { a = " + "-" * 1000000 + "a\n}\n"
    yield "powers", "NEURON { SUFFIX e }\nINITIAL { a = a" + "^a" * 500000 + "\n}\n"
    yield "braces", "NEURON { SUFFIX e }\nINITIAL " + "{" * 1000000 + "\n"
    yield "long_flat_sum", "NEURON { SUFFIX e }\nINITIAL { a = a" + "+a" * 900000 + "\n}\n"
    yield "deep_parens_long_body", fill("NEURON { SUFFIX e }\nASSIGNED { a }\nINITIAL {" + "(" * 250,
                                        lambda i: "a ", ")" * 250 + "}\n")
    yield "syntax_junk", fill("", lambda i: ["{", "(", "a", "=", "+", "}", ")", "FROM", "TO", "~", "<->"][i * 7 % 11] + " ")
    yield "unclosed_comment", "NEURON { SUFFIX e }\nCOMMENT " + "x" * (LIMIT - 40)
    yield "unclosed_verbatim", "NEURON { SUFFIX e }\nVERBATIM " + "x " * ((LIMIT - 40) // 2)
    yield "stray_endcomments", fill(n, lambda i: "ENDCOMMENT\n")
    yield "long_name", "NEURON { SUFFIX e }\nASSIGNED { " + "a" * 1000000 + " }\nINITIAL { " + "a" * 999990 + "b = 1 }\n"
    yield "long_title", "TITLE " + "x" * (LIMIT - 10)
    yield "long_string", "NEURON { SUFFIX e }\nINITIAL { printf(\"" + "x" * (LIMIT - 60) + "\") }\n"
    yield "binary", "".join(chr((i * 7919) % 256) for i in range(LIMIT))
    yield "ontology_ids", fill(n, lambda i: "e:]\n")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, text in inputs():
        data = text.encode("latin-1")
        assert len(data) <= 2 * 1024 * 1024, name
        with open(os.path.join(out, name + ".mod"), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
