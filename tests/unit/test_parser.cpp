// The NMODL parser: what it builds from each construct.
#include "parse_helpers.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace cornu;
using namespace cornu::nmodl;
using cornu::test::initial_rhs;
using cornu::test::parse;

TEST_CASE("operator precedence and associativity follow nocmodl", "[parser]") {
    CHECK(initial_rhs("a + b * c") == "(+ a (* b c))");
    CHECK(initial_rhs("a - b - c") == "(- (- a b) c)");
    CHECK(initial_rhs("a / b / c") == "(/ (/ a b) c)");
    CHECK(initial_rhs("a ^ b ^ c") == "(^ a (^ b c))");
    CHECK(initial_rhs("-a ^ b") == "(- (^ a b))");
    CHECK(initial_rhs("-a * b") == "(* (- a) b)");
    CHECK(initial_rhs("a < b && c > d || !a") == "(|| (&& (< a b) (> c d)) (! a))");
    CHECK(initial_rhs("!a == b") == "(== (! a) b)");
    CHECK(initial_rhs("(a + b) * c") == "(* (+ a b) c)");
    CHECK(initial_rhs("a ^ -b") == "(^ a (- b))");
    CHECK(initial_rhs("a <= b") == "(<= a b)");
    CHECK(initial_rhs("a != b") == "(!= a b)");
}

TEST_CASE("numbers keep their text and units", "[parser]") {
    auto p = parse("NEURON { SUFFIX t }\nASSIGNED { x }\nINITIAL { x = .1(1/mV) * 18 (mV) + 1e-4 + 5. }\n", false);
    REQUIRE(p.ok());
    auto& assign = as<AssignStmt>(*p.proc(ProcKind::initial)->body->statements.at(0));
    CHECK(to_nmodl(*assign.value) == ".1(1/mV) * 18(mV) + 1e-4 + 5.");
    auto& sum = as<BinaryExpr>(*assign.value);
    auto& product = as<BinaryExpr>(*as<BinaryExpr>(*sum.lhs).lhs);
    CHECK(as<NumberExpr>(*product.lhs).value == Approx(0.1));
    CHECK(as<NumberExpr>(*product.lhs).unit == "1/mV");
    CHECK(as<NumberExpr>(*product.rhs).unit == "mV");
}

TEST_CASE("statements need no separators", "[parser]") {
    auto p = parse("NEURON { SUFFIX t }\nASSIGNED { a b }\nINITIAL { a = 1  b = a rates(a) }\n"
                   "PROCEDURE rates(x) { }\n", false);
    REQUIRE(p.ok());
    auto& body = p.proc(ProcKind::initial)->body->statements;
    REQUIRE(body.size() == 3);
    CHECK(is<AssignStmt>(*body[0]));
    CHECK(is<AssignStmt>(*body[1]));
    CHECK(is<CallStmt>(*body[2]));
}

TEST_CASE("declaration blocks", "[parser]") {
    auto p = parse(R"(TITLE  a title: with a colon
NEURON {
    SUFFIX chan
    USEION ca READ cai, cao WRITE ica VALENCE 2 REPRESENTS CHEBI:29108
    RANGE g, i
    GLOBAL q
    THREADSAFE
}
UNITS {
    (mV) = (millivolt)
    FARADAY = (faraday) (coulomb)
    R = (k-mole) (joule/degC)
    F = 96485.3 (coul)
    foot2inch = (foot) -> (inch)
}
DEFINE N 3
PARAMETER {
    g = .002 (S/cm2) <0, 1e9>
    e = -70 (mV)
    q
    w[N] (1)
}
CONSTANT { c0 = 3 (mM) }
ASSIGNED { v (mV) i (mA/cm2) cai cao ica }
STATE { s (1) <1e-6>  arr[4] }
INDEPENDENT { t FROM 0 TO 1 WITH 100 (ms) }
)", false);
    REQUIRE(p.ok());
    CHECK(p.item<TitleItem>()->text == "a title: with a colon");
    auto* neuron = p.item<NeuronItem>();
    REQUIRE(neuron);
    CHECK(neuron->suffixes.at(0).name.name == "chan");
    REQUIRE(neuron->ions.size() == 1);
    CHECK(neuron->ions[0].read.size() == 2);
    CHECK(neuron->ions[0].write.at(0).name == "ica");
    CHECK(*neuron->ions[0].valence == 2);
    CHECK(neuron->ions[0].represents == "CHEBI:29108");
    CHECK(neuron->threadsafe.size() == 1);
    auto* units = p.item<UnitsItem>();
    REQUIRE(units->aliases.size() == 1);
    REQUIRE(units->factors.size() == 4);
    CHECK(units->factors[0].from == "faraday");
    CHECK(units->factors[1].to == "joule/degC");
    CHECK(*units->factors[2].value == Approx(96485.3));
    CHECK(units->factors[3].to == "inch");
    auto* params = p.item<ParameterItem>();
    REQUIRE(params->decls.size() == 4);
    CHECK(params->decls[0].value->text == ".002");
    CHECK(params->decls[0].unit == "S/cm2");
    CHECK(params->decls[0].high->value == Approx(1e9));
    CHECK(params->decls[1].value->value == -70);
    CHECK_FALSE(params->decls[2].value);
    CHECK(params->decls[3].size.define_name == "N");
    auto* state = [&]() -> const VarBlockItem* {
        for (const auto& i : p.module.items)
            if (auto* v = dyn<VarBlockItem>(i.get()); v && v->block == VarBlockKind::state) return v;
        return nullptr;
    }();
    REQUIRE(state);
    CHECK(state->decls[0].tolerance->value == Approx(1e-6));
    CHECK(state->decls[1].size.value == 4);
}

TEST_CASE("control flow, loops and tables", "[parser]") {
    auto p = parse(R"(NEURON { SUFFIX t }
ASSIGNED { x y[3] }
PROCEDURE rates(v) {
    TABLE x DEPEND celsius FROM -100 TO 100 WITH 200
    if (v < 0) { x = 1 } else if (v < 1) { x = 2 } else { x = 3 }
    FROM i = 0 TO 2 BY 1 { y[i] = i }
    while (x > 0) { x = x - 1 }
}
)", false);
    REQUIRE(p.ok());
    auto& body = p.item<ProcItem>()->body->statements;
    REQUIRE(body.size() == 4);
    auto& table = as<TableStmt>(*body[0]);
    CHECK(table.tabled.at(0).name == "x");
    CHECK(table.depends.at(0).name == "celsius");
    CHECK(table.with == 200);
    auto& chain = as<IfStmt>(*body[1]);
    auto* else_if = dyn<IfStmt>(chain.else_branch.get());
    REQUIRE(else_if);
    CHECK(is<Block>(*else_if->else_branch));
    auto& loop = as<FromStmt>(*body[2]);
    CHECK(loop.var.name == "i");
    CHECK(loop.by);
    CHECK(is<WhileStmt>(*body[3]));
}

TEST_CASE("kinetic schemes", "[parser]") {
    auto p = parse(R"(NEURON { SUFFIX k }
STATE { C O I ca[2] }
PARAMETER { kf kb }
BREAKPOINT { SOLVE scheme METHOD sparse }
KINETIC scheme {
    COMPARTMENT i, 2*i {ca}
    COMPARTMENT 3 {C O}
    ~ C <-> O (kf, kb)
    ~ 2 O + C <-> I (kf*2, 0)
    ~ ca[0] << (kf)
    ~ I -> (kb)
    CONSERVE C + O + I = 1
}
)", false);
    REQUIRE(p.ok());
    auto& body = p.proc(ProcKind::kinetic)->body->statements;
    REQUIRE(body.size() == 7);
    CHECK(as<CompartmentStmt>(*body[0]).index.name == "i");
    CHECK(as<CompartmentStmt>(*body[1]).species.size() == 2);
    auto& r = as<ReactionStmt>(*body[3]);
    CHECK(r.reactants.at(0).coefficient == 2);
    CHECK(r.reactants.at(1).species->name == "C");
    CHECK(r.products.at(0).species->name == "I");
    CHECK(as<ReactionStmt>(*body[4]).reaction == ReactionKind::flux_in);
    CHECK(as<ReactionStmt>(*body[5]).reaction == ReactionKind::flux_out);
    CHECK(as<ConserveStmt>(*body[6]).terms.size() == 3);
}

TEST_CASE("events: NET_RECEIVE, INITIAL, WATCH, FOR_NETCONS", "[parser]") {
    auto p = parse(R"(NEURON { POINT_PROCESS syn }
ASSIGNED { v tpost }
NET_RECEIVE(w, A, tpre) {
    INITIAL { tpre = -1e9 }
    if (flag == 1) {
        WATCH (v > -10) 2, (v < -60) 3
    } else if (flag == 2) {
        FOR_NETCONS(w1, A1, tp) { A1 = A1 + 1 }
    } else {
        net_send(0, 1)
        net_event(t)
    }
}
)", false);
    REQUIRE(p.ok());
    auto* nr = p.proc(ProcKind::net_receive);
    REQUIRE(nr->args.size() == 3);
    CHECK(is<NetInitialStmt>(*nr->body->statements.at(0)));
    auto& branch = as<IfStmt>(*nr->body->statements.at(1));
    auto& watch = as<WatchStmt>(*branch.then_block->statements.at(0));
    REQUIRE(watch.clauses.size() == 2);
    CHECK(watch.clauses[0].greater);
    CHECK(watch.clauses[0].flag == 2);
    CHECK_FALSE(watch.clauses[1].greater);
}

TEST_CASE("VERBATIM text is kept exactly and COMMENT is dropped", "[parser]") {
    auto p = parse("COMMENT\n anything { ( at all\nENDCOMMENT\nNEURON { SUFFIX t }\n"
                   "VERBATIM\nstatic int x = 1; /* \xc3\xa9 */\nENDVERBATIM\n"
                   "PROCEDURE f() {\nVERBATIM\n  return 0;\nENDVERBATIM\n}\n", false);
    REQUIRE(p.ok());
    auto* v = p.item<VerbatimItem>();
    REQUIRE(v);
    CHECK(v->text == "\nstatic int x = 1; /* \xc3\xa9 */\n");
    auto& stmt = as<VerbatimStmt>(*p.item<ProcItem>()->body->statements.at(0));
    CHECK(stmt.text == "\n  return 0;\n");
}

TEST_CASE("comments: colon and question mark lines", "[parser]") {
    auto p = parse("? interface\nNEURON { SUFFIX t : a comment { \n RANGE g ? another\n}\nPARAMETER { g = 1 }\n", false);
    CHECK(p.ok());
}

TEST_CASE("INCLUDE splices the included file's items", "[parser]") {
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / "cornu_include_test";
    fs::create_directories(dir);
    std::ofstream(dir / "params.inc") << "PARAMETER { gbar = 0.1 }\n";
    std::ofstream(dir / "main.mod") << "NEURON { SUFFIX inc RANGE gbar }\nINCLUDE \"params.inc\"\n";
    SourceManager sources;
    DiagnosticEngine diags(sources);
    Module m = parse_file((dir / "main.mod").string(), sources, diags);
    INFO(diags.render_to_string());
    REQUIRE_FALSE(diags.has_errors());
    REQUIRE(m.items.size() == 3);
    CHECK(is<IncludeItem>(*m.items[1]));
    CHECK(is<ParameterItem>(*m.items[2]));
    MechanismInfo info = analyse(m, diags);
    CHECK(info.find("gbar")->storage == Storage::range);

    std::ofstream(dir / "loop.mod") << "INCLUDE \"loop.mod\"\n";
    SourceManager sources2;
    DiagnosticEngine diags2(sources2);
    parse_file((dir / "loop.mod").string(), sources2, diags2);
    CHECK(diags2.render_to_string().find("includes itself") != std::string::npos);
    fs::remove_all(dir);
}

TEST_CASE("printing statements as NMODL and parsing them again gives the same tree", "[parser]") {
    const char* text = R"(NEURON { POINT_PROCESS t }
STATE { a b }
ASSIGNED { x y[2] v }
INITIAL {
    LOCAL l
    x = -(a + b) ^ 2 / (3 - -a) * 2(mV)
    if (x > 1 && !(y[0] < 2)) { x = 1 } else if (x == 0) { x = 2 } else { x = 3 }
    FROM i = 0 TO 1 { y[i] = exp(-x) }
    PROTECT x = x + 1
    net_send(0, 1)
}
)";
    auto first = parse(text, false);
    REQUIRE(first.ok());
    std::ostringstream printed;
    printed << "NEURON { POINT_PROCESS t }\nSTATE { a b }\nASSIGNED { x y[2] v }\nINITIAL {\n";
    for (const auto& s : first.proc(ProcKind::initial)->body->statements) print_nmodl(printed, *s, 4);
    printed << "}\n";
    auto second = parse(printed.str(), false);
    INFO(printed.str());
    REQUIRE(second.ok());
    std::ostringstream a, b;
    dump_ast(a, first.module);
    dump_ast(b, second.module);
    // Locations differ; compare the dumps without them.
    auto strip = [](std::string s) {
        std::string out;
        bool skipping = false;
        for (char c : s) {
            if (c == '@') skipping = true;
            else if (skipping && c == ' ') skipping = false;
            else if (!skipping) out += c;
        }
        return out;
    };
    CHECK(strip(a.str()) == strip(b.str()));
}

TEST_CASE("a DEFINEd name stands for its integer where a number belongs, as in nocmodl", "[parser]") {
    auto p = parse(R"(DEFINE rise 2
DEFINE Z 3
NEURON { POINT_PROCESS s USEION x READ ex VALENCE Z }
PARAMETER { n = rise <0, Z> }
ASSIGNED { v ex }
NET_RECEIVE(w) { WATCH (v > -55) rise }
)", false);
    INFO(p.messages());
    REQUIRE(p.ok());
    auto* params = p.item<ParameterItem>();
    CHECK(params->decls.at(0).value->value == 2);
    CHECK(params->decls.at(0).high->value == 3);
    CHECK(*p.item<NeuronItem>()->ions.at(0).valence == 3);
    auto& watch = as<WatchStmt>(*p.proc(ProcKind::net_receive)->body->statements.at(0));
    CHECK(watch.clauses.at(0).flag == 2);
    CHECK(watch.clauses.at(0).flag_text == "2");
    // A name that was not DEFINEd (or only later) is an error.
    CHECK(parse("NEURON { SUFFIX s }\nPARAMETER { n = N }\nDEFINE N 2\n", false).said("'N' stands where a number belongs"));
}
