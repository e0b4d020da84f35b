// Semantic analysis: NEURON's storage and ion rules, and the errors nocmodl (or the C compiler
// after it) would give.
#include "parse_helpers.hpp"

#include <catch2/catch.hpp>

using namespace cornu;
using namespace cornu::nmodl;
using cornu::test::parse;

TEST_CASE("storage follows NEURON's rules", "[analysis]") {
    auto p = parse(R"(NEURON {
    SUFFIX s
    USEION na READ ena WRITE ina
    NONSPECIFIC_CURRENT il
    RANGE gbar, g
    GLOBAL tau
}
UNITS { FARADAY = (faraday) (coulomb) }
PARAMETER { gbar = 0.1  q = 2  celsius = 36 }
ASSIGNED { v ena ina il g tau hidden }
STATE { m }
LOCAL shared
CONSTANT { c = 3 }
BREAKPOINT { ina = gbar*m*(v - ena)  il = 0 }
)");
    INFO(p.messages());
    REQUIRE(p.ok());
    CHECK(p.info.name == "s");
    CHECK(p.info.kind == MechanismKind::density);
    CHECK(p.info.find("gbar")->storage == Storage::range);
    CHECK(p.info.find("q")->storage == Storage::global);
    CHECK(p.info.find("celsius")->storage == Storage::builtin);
    CHECK(p.info.find("v")->storage == Storage::builtin);
    CHECK(p.info.find("ena")->storage == Storage::range);
    CHECK(p.info.find("ena")->ion->kind == IonVariableKind::reversal);
    CHECK(p.info.find("ena")->ion->read);
    CHECK(p.info.find("ina")->is_current());
    CHECK(p.info.find("il")->nonspecific_current);
    CHECK(p.info.find("tau")->storage == Storage::global);
    CHECK(p.info.find("hidden")->storage == Storage::range);
    CHECK_FALSE(p.info.find("hidden")->range);
    CHECK(p.info.find("m")->storage == Storage::range);
    CHECK(p.info.find("shared")->storage == Storage::global);
    CHECK(p.info.find("c")->storage == Storage::constant);
    CHECK(p.info.find("FARADAY")->storage == Storage::constant);
    CHECK(p.said("default 36 of PARAMETER celsius is ignored"));
    CHECK(p.info.has_currents());
}

TEST_CASE("a UNITS constant assigned in code becomes a mutable global", "[analysis]") {
    auto p = parse("NEURON { SUFFIX s }\nUNITS { F = (faraday) (coulomb) }\nINITIAL { F = 96484.56 }\n");
    REQUIRE(p.ok());
    CHECK(p.info.find("F")->storage == Storage::global);
    CHECK(p.said("changes it for all instances"));
}

TEST_CASE("mechanism kinds and names", "[analysis]") {
    CHECK(parse("NEURON { POINT_PROCESS Syn }").info.kind == MechanismKind::point_process);
    CHECK(parse("NEURON { ARTIFICIAL_CELL Gen }").info.kind == MechanismKind::artificial_cell);
    // Without a NEURON block nocmodl names the mechanism after the file.
    CHECK(parse("PARAMETER { g = 1 }").info.name == "test");
}

TEST_CASE("ions: what is read and written", "[analysis]") {
    auto p = parse(R"(NEURON {
    SUFFIX pool
    USEION ca READ ica, cao WRITE cai
    USEION x READ ex WRITE ix VALENCE -1
}
ASSIGNED { ica cao ex ix }
STATE { cai }
BREAKPOINT { ix = 0 }
)");
    INFO(p.messages());
    REQUIRE(p.ok());
    REQUIRE(p.info.ions.size() == 2);
    CHECK(p.info.ions[0].reads(IonVariableKind::current));
    CHECK(p.info.ions[0].writes(IonVariableKind::conc_inside));
    CHECK(*p.info.ions[1].valence == -1);
    CHECK(p.info.find("cai")->ion->written);
}

TEST_CASE("solve statements resolve to their blocks and methods", "[analysis]") {
    auto p = parse(R"(NEURON { SUFFIX s }
STATE { m A B }
BREAKPOINT { SOLVE states METHOD cnexp SOLVE kin METHOD sparse SOLVE advance }
DERIVATIVE states { m' = -m }
KINETIC kin { ~ A <-> B (1, 2) }
PROCEDURE advance() { }
INITIAL { SOLVE kin STEADYSTATE sparse }
)");
    INFO(p.messages());
    REQUIRE(p.ok());
    REQUIRE(p.info.solves.size() == 4);
    CHECK(p.info.solves[0].target->proc == ProcKind::derivative);
    CHECK(p.info.solves[1].method == "sparse");
    CHECK(p.info.solves[2].target->proc == ProcKind::procedure);
    CHECK(p.info.solves[3].steadystate);
    CHECK(p.info.solves[3].in_block == ProcKind::initial);
    CHECK(p.info.unsupported.empty());
}

TEST_CASE("semantic errors nocmodl reports", "[analysis]") {
    CHECK(parse("NEURON { SUFFIX s }\nPARAMETER { g }\nASSIGNED { g }").said("declared twice"));
    CHECK(parse("NEURON { SUFFIX s }\nASSIGNED { x }\nBREAKPOINT { SOLVE d METHOD cnexp }\n"
                "DERIVATIVE d { x' = 1 }").said("must be declared as a STATE"));
    CHECK(parse("NEURON { SUFFIX s }\nSTATE { m }\nBREAKPOINT { SOLVE d METHOD sparse }\n"
                "DERIVATIVE d { m' = 1 }").said("METHOD sparse cannot solve a DERIVATIVE"));
    CHECK(parse("NEURON { SUFFIX s }\nSTATE { A B }\nBREAKPOINT { SOLVE k METHOD cnexp }\n"
                "KINETIC k { ~ A <-> B (1, 1) }").said("METHOD cnexp cannot solve a KINETIC"));
    CHECK(parse("NEURON { SUFFIX s USEION na READ nax }").said("'nax' is not a variable of ion na"));
    CHECK(parse("NEURON { SUFFIX s }\nNET_RECEIVE(w) { }").said("only allowed in a POINT_PROCESS"));
    CHECK(parse("NEURON { POINT_PROCESS s }\nNET_RECEIVE() { }").said("at least one argument"));
    CHECK(parse("NEURON { SUFFIX s }\nFUNCTION f(x, y) { TABLE FROM 0 TO 1 WITH 10 f = x }")
              .said("exactly one argument"));
    CHECK(parse("NEURON { POINT_PROCESS s }\nASSIGNED { v }\nBREAKPOINT { WATCH (v > 1) 2 }")
              .said("WATCH is only allowed in a NET_RECEIVE"));
    CHECK(parse("NEURON { POINT_PROCESS s }\nBREAKPOINT { net_send(0, 1) }").said("net_send is only allowed"));
    CHECK(parse("NEURON { SUFFIX s GLOBAL m }\nSTATE { m }").said("cannot be GLOBAL"));
    CHECK(parse("NEURON { SUFFIX s }\nASSIGNED { x[3] }\nINITIAL { x = 1 }").said("needs an index"));
    CHECK(parse("NEURON { SUFFIX s }\nASSIGNED { x }\nINITIAL { x[1] = 1 }").said("is not an array"));
    CHECK(parse("NEURON { SUFFIX s }\nPARAMETER { _x = 1 }").said("begins with '_'"));
    CHECK(parse("NEURON { SUFFIX s }\nFUNCTION f() { f = 1 }\nFUNCTION f() { f = 2 }").said("defined twice"));
}

TEST_CASE("names and calls are resolved, with suggestions", "[analysis]") {
    auto undefined = parse("NEURON { SUFFIX s }\nPARAMETER { gbar = 1 }\nASSIGNED { x }\nINITIAL { x = gbaar }");
    CHECK(undefined.said("'gbaar' is not declared"));
    bool suggested = false;
    for (const auto& d : undefined.diags->diagnostics())
        if (d.hint.find("did you mean 'gbar'") != std::string::npos) suggested = true;
    CHECK(suggested);

    auto unknown = parse("NEURON { SUFFIX s }\nASSIGNED { x }\nINITIAL { x = epx(1) }");
    CHECK(unknown.said("unknown function 'epx'"));

    CHECK(parse("NEURON { SUFFIX s }\nASSIGNED { x }\nFUNCTION f(a) { f = a }\nINITIAL { x = f(1, 2) }")
              .said("'f' takes 1 argument, not 2"));
    CHECK(parse("NEURON { SUFFIX s }\nASSIGNED { x }\nINITIAL { x = exp(1, 2) }").said("'exp' takes 1 argument"));
    CHECK(parse("NEURON { SUFFIX s }\nASSIGNED { x }\nFUNCTION f(a) { f = a }\nINITIAL { x = f }")
              .said("is a function"));
    // With VERBATIM present, unknown names may be C: a warning, not an error.
    auto verbatim = parse("NEURON { SUFFIX s }\nVERBATIM\nstatic double y;\nENDVERBATIM\nASSIGNED { x }\nINITIAL { x = y }");
    CHECK(verbatim.ok());
    CHECK(verbatim.said("perhaps in VERBATIM"));
}

TEST_CASE("locals, arguments and scopes", "[analysis]") {
    auto p = parse(R"(NEURON { SUFFIX s }
ASSIGNED { x }
FUNCTION f(v) { LOCAL a  a = v  f = a }
PROCEDURE p(y) { LOCAL b[2]  b[0] = y  FROM i = 0 TO 1 { b[i] = i } x = b[1] }
INITIAL { LOCAL a  a = f(1) { LOCAL c  c = a } }
)");
    INFO(p.messages());
    CHECK(p.ok());
    CHECK(parse("NEURON { SUFFIX s }\nINITIAL { { LOCAL c  c = 1 } c = 2 }").said("'c' is not declared"));
    CHECK(parse("NEURON { SUFFIX s }\nINITIAL { LOCAL a, a }").said("declared twice in the same block"));
}

TEST_CASE("unsupported constructs are listed with their lines", "[analysis]") {
    auto p = parse(R"(NEURON { SUFFIX s POINTER p }
ASSIGNED { p x }
STATE { m }
BREAKPOINT { SOLVE d }
DERIVATIVE d { m' = -m }
INITIAL {
VERBATIM
  x = *some_c_pointer;
ENDVERBATIM
}
LINEAR lin { ~ x = 1 }
)");
    INFO(p.messages());
    REQUIRE(p.ok());
    std::vector<std::string> constructs;
    for (const auto& u : p.info.unsupported) constructs.push_back(u.construct);
    CHECK(std::find(constructs.begin(), constructs.end(), "POINTER") != constructs.end());
    CHECK(std::find(constructs.begin(), constructs.end(), "VERBATIM") != constructs.end());
    CHECK(std::find(constructs.begin(), constructs.end(), "SOLVE without METHOD") != constructs.end());
    CHECK(std::find(constructs.begin(), constructs.end(), "LINEAR") != constructs.end());
    // A trivial VERBATIM is not listed.
    auto trivial = parse("NEURON { SUFFIX s }\nPROCEDURE f() {\nVERBATIM\n return 0;\nENDVERBATIM\n}\n");
    CHECK(trivial.info.unsupported.empty());
}

TEST_CASE("SOLVE methods follow nocmodl's methods table", "[analysis]") {
    auto solve = [](const std::string& block, const std::string& solve_stmt) {
        return parse("NEURON { SUFFIX s }\nSTATE { a b }\nBREAKPOINT { " + solve_stmt + " }\n" + block);
    };
    const std::string kinetic = "KINETIC k { ~ a <-> b (1, 1) }";
    const std::string derivative = "DERIVATIVE k { a' = -a }";
    const std::string linear = "LINEAR k { ~ a + b = 1 ~ a - b = 0 }";
    const std::string nonlinear = "NONLINEAR k { ~ a*a = b ~ b = 1 }";
    // NEURON integrates a KINETIC block with the explicit methods too (cornu lists them as unsupported).
    CHECK(solve(kinetic, "SOLVE k METHOD euler").ok());
    CHECK(solve(kinetic, "SOLVE k METHOD runge").ok());
    CHECK(solve(kinetic, "SOLVE k").ok());
    CHECK(solve(kinetic, "SOLVE k METHOD derivimplicit").said("METHOD derivimplicit cannot solve a KINETIC"));
    CHECK(solve(derivative, "SOLVE k METHOD adams").ok());
    CHECK(solve(derivative, "SOLVE k METHOD newton").said("METHOD newton cannot solve a DERIVATIVE"));
    CHECK(solve(derivative, "SOLVE k METHOD _advance").said("cannot solve a DERIVATIVE"));
    CHECK(solve(linear, "SOLVE k METHOD simeq").ok());
    CHECK(solve(linear, "SOLVE k METHOD newton").said("METHOD newton cannot solve a LINEAR"));
    CHECK(solve(nonlinear, "SOLVE k METHOD newton").ok());
    CHECK(solve(nonlinear, "SOLVE k METHOD simeq").said("METHOD simeq cannot solve a NONLINEAR"));
    CHECK(solve("PROCEDURE k() { a = 1 }", "SOLVE k METHOD after_cvode").ok());
    CHECK(solve("PROCEDURE k() { a = 1 }", "SOLVE k METHOD cvode_t_v").said("cannot solve a PROCEDURE"));
    CHECK(solve(derivative, "SOLVE k METHOD foo").said("unknown METHOD 'foo'"));
    // In INITIAL: steady states.
    auto steady = [&](const std::string& block, const std::string& method) {
        return parse("NEURON { SUFFIX s }\nSTATE { a b }\nINITIAL { SOLVE k STEADYSTATE " + method + " }\n" + block);
    };
    CHECK(steady(kinetic, "sparse").ok());
    auto runge = steady(kinetic, "runge");
    CHECK(runge.ok());
    REQUIRE(runge.info.unsupported.size() == 1);  // cornu itself only has STEADYSTATE sparse
    CHECK(runge.info.unsupported[0].construct == "STEADYSTATE runge");
    CHECK(steady(derivative, "derivimplicit").ok());
    CHECK(steady(derivative, "cnexp").said("STEADYSTATE cnexp cannot solve a DERIVATIVE"));
}

TEST_CASE("blocks with nothing to solve are refused, as nocmodl does", "[analysis]") {
    CHECK(parse("NEURON { SUFFIX s }\nSTATE { m }\nASSIGNED { x }\nDERIVATIVE d { x = 1 }")
              .said("DERIVATIVE block 'd' has no derivative equations"));
    CHECK(parse("NEURON { SUFFIX s }\nSTATE { m }\nKINETIC k { }").said("KINETIC block 'k' has no reactions"));
    CHECK(parse("NEURON { SUFFIX s }\nSTATE { m }\nLINEAR l { }").said("LINEAR block 'l' has no equations"));
    CHECK(parse("NEURON { SUFFIX s }\nSTATE { m }\nNONLINEAR l { }").said("NONLINEAR block 'l' has no equations"));
    // A derivative inside an if, and a flux alone, count.
    CHECK(parse("NEURON { SUFFIX s }\nSTATE { m }\nDERIVATIVE d { if (m > 0) { m' = -m } }").ok());
    CHECK(parse("NEURON { SUFFIX s }\nSTATE { m }\nKINETIC k { ~ m << (1) }").ok());
}

TEST_CASE("names of built-in functions and methods are reserved", "[analysis]") {
    auto exp = parse("NEURON { SUFFIX s }\nPARAMETER { exp = 1 }");
    CHECK(exp.said("'exp' is the name of a built-in function"));
    CHECK_FALSE(exp.ok());
    CHECK(parse("NEURON { SUFFIX s }\nPROCEDURE step() { }").said("'step' is the name of a built-in function"));
    CHECK(parse("NEURON { SUFFIX s }\nSTATE { m }\nDERIVATIVE exp { m' = -m }").said("'exp' is the name of a built-in"));
    CHECK(parse("NEURON { SUFFIX s }\nASSIGNED { euler }").said("'euler' is the name of an integration method"));
    CHECK(parse("NEURON { SUFFIX s }\nINITIAL { LOCAL cnexp  cnexp = 1 }")
              .said("'cnexp' is the name of an integration method"));
    // A LOCAL or an argument may shadow a function's name, as in nocmodl.
    CHECK(parse("NEURON { SUFFIX s }\nFUNCTION f(exp) { LOCAL log  log = exp  f = log }").ok());
    CHECK(parse("NEURON { SUFFIX s }\nASSIGNED { t }").said("'t' is the simulation time"));
    // Names nocmodl does not reserve stay free, even where cornu knows a function of that name.
    CHECK(parse("NEURON { SUFFIX s }\nASSIGNED { erfc unirand play_time }").ok());
}

TEST_CASE("array indices and FROM bounds are integer expressions", "[analysis]") {
    auto index = [](const std::string& statement) {
        return parse("NEURON { SUFFIX s }\nDEFINE N 3\nASSIGNED { x[3] y[3] z }\nINITIAL { " + statement + " }");
    };
    CHECK(index("z = 1  x[z + 1] = x[N/2] + x[(N - 1)*1]").ok());
    CHECK(index("x[0.5] = 1").said("an array index must be an integer expression"));
    CHECK(index("z = x[-z + 1]").said("an array index must be an integer expression"));
    CHECK(index("x[floor(1.5)] = 1").said("an array index must be an integer expression"));
    CHECK(index("x[y[0]] = 1").said("an array index must be an integer expression"));
    CHECK(index("x[2^1] = 1").said("an array index must be an integer expression"));
    CHECK(index("FROM i = 0 TO N - 1 BY 2 { x[i] = i }").ok());
    CHECK(index("FROM i = 0 TO 2.5 { x[i] = i }").said("a FROM loop bound must be an integer expression"));
    // The error points at the offending part.
    auto located = index("x[1 + 0.5] = 1");
    REQUIRE(located.said("integer expression"));
    CHECK(located.diags->diagnostics().at(0).location.column == 17);  // the 0.5
}

TEST_CASE("declaration forms nocmodl refuses", "[analysis]") {
    CHECK(parse("NEURON { SUFFIX s }\nPARAMETER { w[3] = 1 }").said("PARAMETER array 'w' cannot have a value"));
    CHECK(parse("NEURON { SUFFIX s }\nPARAMETER { e = -70 (mV) <-100, 100> }").said("PARAMETER limit -100 is negative"));
    CHECK(parse("NEURON { SUFFIX s }\nPARAMETER { g = 1 <0, 1e9> }").ok());
    CHECK(parse("NEURON { SUFFIX s }\nSTATE { m <-1e-3> }").said("tolerance -1e-3 is negative"));
    CHECK(parse("NEURON { SUFFIX s USEION na }").said("USEION na has neither READ nor WRITE"));
    CHECK(parse("NEURON { POINT_PROCESS s }\nASSIGNED { v }\nNET_RECEIVE(w) { WATCH (v > 0) -1 }")
              .said("WATCH flag -1 is negative"));
}

TEST_CASE("what NEURON accepts with a warning, and cornu too", "[analysis]") {
    // nocmodl makes a CONSTANT a C static: assigning it compiles, and changes it everywhere.
    auto constant = parse("NEURON { SUFFIX s }\nCONSTANT { c = 1 }\nINITIAL { c = 2 }");
    CHECK(constant.ok());
    CHECK(constant.said("assigning to CONSTANT 'c'"));
    CHECK(constant.info.find("c")->storage == Storage::global);
    // nocmodl takes one LOCAL statement, first in its block.
    auto locals = parse("NEURON { SUFFIX s }\nINITIAL { LOCAL a\nLOCAL b\na = 1 b = a }");
    CHECK(locals.ok());
    CHECK(locals.said("second LOCAL statement"));
    // NEURON's translator cannot handle derivatives of STATE arrays; cornu can.
    auto arrays = parse("NEURON { SUFFIX s }\nSTATE { c[2] }\nBREAKPOINT { SOLVE d METHOD cnexp }\n"
                        "DERIVATIVE d { c'[0] = -c[0]  c'[1] = c[0] - c[1] }");
    CHECK(arrays.ok());
    CHECK(arrays.said("NEURON cannot translate derivatives of STATE arrays"));
}

TEST_CASE("an EXTERNAL name is another mechanism's global even when declared here", "[analysis]") {
    auto p = parse("NEURON { SUFFIX s EXTERNAL clamp_resist }\nASSIGNED { clamp_resist r }\nINITIAL { r = clamp_resist }");
    INFO(p.messages());
    REQUIRE(p.ok());
    CHECK(p.info.find("clamp_resist")->storage == Storage::global);
    CHECK(p.info.find("clamp_resist")->origin == VariableOrigin::undeclared);
}

TEST_CASE("a STATE's derivative outside a DERIVATIVE block is NEURON's variable Dx", "[analysis]") {
    // nocmodl accepts it (it assigns the variable Dm); cornu warns and lists it as unsupported.
    auto p = parse("NEURON { SUFFIX s }\nSTATE { m }\nBREAKPOINT { m' = -m }");
    CHECK(p.ok());
    CHECK(p.said("derivative m' outside a DERIVATIVE block is only a variable"));
    REQUIRE(p.info.unsupported.size() == 1);
    CHECK(p.info.unsupported[0].construct == "derivative outside DERIVATIVE");
    // For anything but a STATE there is no such variable: NEURON's C fails.
    CHECK(parse("NEURON { SUFFIX s }\nASSIGNED { x }\nBREAKPOINT { x' = 1 }").said("must be declared as a STATE"));
}

TEST_CASE("suggestions cover swapped letters and arity hints show the definition", "[analysis]") {
    auto hint_of = [](const std::string& text) {
        auto p = parse(text);
        for (const auto& d : p.diags->diagnostics())
            if (d.severity == Severity::error) return d.hint;
        return std::string();
    };
    CHECK(hint_of("NEURON { SUFFIX s }\nASSIGNED { x }\nINITIAL { x = epx(1) }") == "did you mean 'exp'?");
    CHECK(hint_of("NEURON { SUFFIX s }\nASSIGNED { x }\nFUNCTION alpha(v) { alpha = v }\nINITIAL { x = alpah(1) }") ==
          "did you mean 'alpha'?");
    CHECK(hint_of("NEURON { SUFFIX s }\nPARAMETER { gnabar = 1 }\nASSIGNED { x }\nINITIAL { x = gnbaar }") ==
          "did you mean 'gnabar'?");
    CHECK(hint_of("NEURON { SUFFIX s }\nASSIGNED { x }\nFUNCTION b(v, vh, k) { b = v }\nINITIAL { x = b(1) }") ==
          "it is defined at line 3 as b(v, vh, k)");
    // Very long names get no suggestion (and cost no quadratic time).
    std::string longname(5000, 'q');
    auto p = parse("NEURON { SUFFIX s }\nASSIGNED { " + longname + " x }\nINITIAL { x = " + longname + "r }");
    CHECK(p.said("is not declared"));
}

TEST_CASE("names nocmodl declares implicitly", "[analysis]") {
    // Every STATE x has a global x0, its value before INITIAL; NEURON's docs use a0 in GLOBAL.
    auto start = parse("NEURON { SUFFIX s GLOBAL a0 }\nSTATE { a m }\nASSIGNED { x }\nINITIAL { a = a0  x = m0 }");
    INFO(start.messages());
    REQUIRE(start.ok());
    CHECK(start.diags->warning_count() == 0);
    CHECK(start.info.find("a0")->storage == Storage::global);
    CHECK(start.info.find("m0")->value == 0.0);
    CHECK(parse("NEURON { SUFFIX s }\nASSIGNED { b x }\nINITIAL { x = b0 }").said("'b0' is not declared"));
    // LAG v BY d makes lag_v_d.
    auto lag = parse("NEURON { POINT_PROCESS s }\nPARAMETER { dur = 1 }\nASSIGNED { v vl }\n"
                     "BEFORE STEP { LAG v BY dur  vl = lag_v_dur }");
    INFO(lag.messages());
    REQUIRE(lag.ok());
    CHECK(lag.info.find("lag_v_dur")->storage == Storage::global);
    CHECK(parse("NEURON { SUFFIX s }\nASSIGNED { v w }\nBEFORE STEP { LAG v BY w }").said("needs a PARAMETER or CONSTANT"));
}

TEST_CASE("DISCRETE blocks and a@1", "[analysis]") {
    auto p = parse("NEURON { SUFFIX s }\nPARAMETER { k = 1 }\nSTATE { a }\nBREAKPOINT { SOLVE dis }\n"
                   "DISCRETE dis { a = a - k*a@1 }");
    INFO(p.messages());
    REQUIRE(p.ok());
    auto& assign = as<AssignStmt>(*p.proc(ProcKind::discrete)->body->statements.at(0));
    CHECK(to_nmodl(*assign.value) == "a - k * a@1");
    CHECK(parse("NEURON { SUFFIX s }\nASSIGNED { x b }\nINITIAL { x = b@1 }").said("'b' must be a STATE to be used as b@1"));
}
