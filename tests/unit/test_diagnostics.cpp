// How diagnostics look, and that hostile input is refused cleanly.
#include "parse_helpers.hpp"

#include <catch2/catch.hpp>

using namespace cornu;
using cornu::test::parse;

TEST_CASE("a diagnostic names file, line and column, shows the line and a caret, and a hint", "[diagnostics]") {
    SourceManager sources;
    std::uint32_t file = sources.add("x.mod", "first\n\tsecond line\nthird");
    DiagnosticEngine diags(sources);
    diags.error({file, 2, 3}, "something is wrong", "do this instead");
    CHECK(diags.render_to_string() ==
          "x.mod:2:3: error: something is wrong\n"
          " 2 | \tsecond line\n"
          "   | \t ^\n"
          "hint: do this instead\n");
    CHECK(diags.error_count() == 1);
}

TEST_CASE("line endings: \\n, \\r\\n and \\r", "[diagnostics]") {
    SourceManager sources;
    std::uint32_t file = sources.add("x.mod", "a\r\nb\rc\n");
    CHECK(sources.line(file, 1) == "a");
    CHECK(sources.line(file, 2) == "b");
    CHECK(sources.line(file, 3) == "c");
    CHECK(sources.line(file, 9).empty());
}

TEST_CASE("errors beyond the limit are counted but not kept", "[diagnostics]") {
    SourceManager sources;
    DiagnosticEngine diags(sources, 3);
    for (int i = 0; i < 10; ++i) diags.error({}, "e");
    CHECK(diags.error_count() == 10);
    CHECK(diags.diagnostics().size() == 3);
    CHECK(diags.render_to_string().find("7 more errors not shown") != std::string::npos);
}

TEST_CASE("syntax errors say what was found, what was expected and what to do", "[diagnostics]") {
    auto p = parse("NEURON { SUFFIX s }\nASSIGNED { x }\nINITIAL { x = 1; }\n");
    REQUIRE_FALSE(p.ok());
    const Diagnostic& d = p.diags->diagnostics().at(0);
    CHECK(d.location.line == 3);
    CHECK(d.location.column == 16);
    CHECK(d.message == "unexpected ';'");
    CHECK(d.hint.find("no terminator") != std::string::npos);

    auto keyword = parse("NEURON { SUFFIX s }\nPARAMETER { TO = 1 }\n");
    CHECK(keyword.said("unexpected 'TO'"));

    auto eof = parse("NEURON { SUFFIX s\n");
    CHECK(eof.said("unexpected end of file"));

    auto comment = parse("NEURON { SUFFIX s }\nCOMMENT\nnever closed\n");
    CHECK(comment.said("COMMENT block is never closed"));
}

TEST_CASE("hostile input is refused without crashing", "[diagnostics]") {
    CHECK(parse("").ok());  // an empty file is an (empty) mechanism, as for nocmodl
    CHECK_FALSE(parse(std::string(100000, '(')).ok());
    CHECK(parse(std::string(100000, '(')).said("nesting is deeper than"));
    CHECK_FALSE(parse("NEURON { SUFFIX s }\nASSIGNED { x }\nINITIAL { x = " + std::string(50000, '-') + "1 }").ok());
    std::string sum = "NEURON { SUFFIX s }\nASSIGNED { x }\nINITIAL { x = 1";
    for (int i = 0; i < 5000; ++i) sum += "+1";
    CHECK(parse(sum + " }").said("more than 2000 operators"));
    std::string binary;
    for (int i = 0; i < 4096; ++i) binary += static_cast<char>((i * 7919) % 256);
    auto junk = parse(binary);
    CHECK_FALSE(junk.ok());
    CHECK(junk.diags->diagnostics().size() <= 51);
    CHECK_FALSE(parse(std::string(3u << 20, 'x')).ok());  // above the file size limit
    CHECK(parse(std::string("NEURON { SUFFIX s }\0\0\0", 22)).said("not printable ASCII"));
}

TEST_CASE("names in a NEURON block list need commas, as in nocmodl", "[diagnostics]") {
    auto p = parse("NEURON { SUFFIX s RANGE a b }\nPARAMETER { a = 1 b = 2 }\n");
    REQUIRE_FALSE(p.ok());
    const Diagnostic& d = p.diags->diagnostics().at(0);
    CHECK(d.location.line == 1);
    CHECK(d.location.column == 27);
    CHECK(d.message == "unexpected 'b'");
    CHECK(d.hint.find("separated by commas") != std::string::npos);
}

TEST_CASE("semantic errors say what to do", "[diagnostics]") {
    // Each of these once had no hint.
    for (const char* text : {
             "NEURON { POINT_PROCESS s }\nBREAKPOINT { net_send(0, 1) }\nNET_RECEIVE(w) { }",
             "NEURON { POINT_PROCESS s }\nINITIAL { net_event(t) }\nNET_RECEIVE(w) { }",
             "NEURON { POINT_PROCESS s }\nINITIAL { FOR_NETCONS(w) { } }\nNET_RECEIVE(w) { }",
             "NEURON { SUFFIX s }\nASSIGNED { x }\nINITIAL { TABLE x FROM 0 TO 1 WITH 2 }",
             "NEURON { SUFFIX s }\nSTATE { a b }\nINITIAL { ~ a <-> b (1, 1) }",
             "NEURON { SUFFIX s }\nDEFINE N 3\nINITIAL { N = 2 }",
             "NEURON { SUFFIX s }\nFUNCTION f() { f = 1 }\nINITIAL { f = 2 }",
             "NEURON { SUFFIX s }\nASSIGNED { x }\nINITIAL { x = exp(1, 2) }",
             "NEURON { SUFFIX s }\nFUNCTION f(a) { f = a }\nINITIAL { printf(\"%g\", f(\"x\")) }",
             "NEURON { SUFFIX s }\nINITIAL { LOCAL a[M] }",
         }) {
        auto p = parse(text);
        INFO(text << "\n" << p.messages());
        REQUIRE_FALSE(p.ok());
        for (const auto& d : p.diags->diagnostics())
            if (d.severity == Severity::error) CHECK_FALSE(d.hint.empty());
    }
}

TEST_CASE("lexical problems are reported once, where they are", "[diagnostics]") {
    // An unclosed VERBATIM runs to the end of the file: the C after it is not parsed as NMODL.
    auto verbatim = parse("NEURON { SUFFIX s }\nINITIAL {\nVERBATIM\n  x = 2;\n}\n");
    REQUIRE(verbatim.diags->error_count() == 1);
    CHECK(verbatim.said("VERBATIM block is never closed"));
    // An unclosed string is one error, not one per character after the quote.
    auto string = parse("NEURON { SUFFIX s }\nINITIAL { printf(\"a\\n) }\n");
    REQUIRE(string.diags->error_count() == 1);
    const Diagnostic& d = string.diags->diagnostics().at(0);
    CHECK(d.message == "string is never closed");
    CHECK(d.location.column == 18);
    // Bytes outside ASCII are refused inside units too (nocmodl refuses them everywhere but in
    // comments; cornu also allows them in strings and VERBATIM). A UTF-8 character is one error.
    auto unit = parse("NEURON { SUFFIX s }\nPARAMETER { d = 1 (\xc2\xb5m) }\n");
    REQUIRE(unit.diags->error_count() == 1);
    CHECK(unit.said("not printable ASCII"));
    CHECK(unit.diags->diagnostics().at(0).location.column == 20);
    CHECK(parse("NEURON { SUFFIX s }\n: \xc2\xb5 in a comment\nINITIAL { printf(\"\xc2\xb5\") }\n").ok());
    // A stray ENDCOMMENT is reported, and so is the text before it that was meant as a comment.
    auto stray = parse("NEURON { SUFFIX s }\nsome words\nENDCOMMENT\n");
    CHECK(stray.said("'ENDCOMMENT' without a block to close"));
    CHECK(stray.said("unexpected 'some'"));
}

TEST_CASE("syntax error hints fit what went wrong", "[diagnostics]") {
    auto hint_of = [](const std::string& text) {
        auto p = parse(text);
        return p.diags->diagnostics().empty() ? std::string() : p.diags->diagnostics().at(0).hint;
    };
    // A block keyword inside a block: the block before it is not closed.
    CHECK_THAT(hint_of("NEURON { SUFFIX s\nPARAMETER { g = 1 }\n"),
               Catch::Contains("'PARAMETER' begins a new block, so the block before it is not closed"));
    CHECK_THAT(hint_of("NEURON { SUFFIX s }\nSTATE { m }\nBREAKPOINT {\nDERIVATIVE d { m' = -m }\n"),
               Catch::Contains("the block before it is not closed"));
    // A keyword where a name belongs: a name may be missing, or the keyword was meant as a name.
    CHECK_THAT(hint_of("NEURON { SUFFIX s USEION na READ WRITE ina }\n"),
               Catch::Contains("if a name is missing before it, add one"));
    // The hint of the construct being written, not of the innermost rule (a number, a name).
    CHECK_THAT(hint_of("NEURON { SUFFIX s }\nPARAMETER { g = (S/cm2) }\n"), Catch::Contains("a PARAMETER entry is"));
    CHECK_THAT(hint_of("DEFINE N 2.5\n"), Catch::Contains("DEFINE is written DEFINE NAME integer"));
    CHECK_THAT(hint_of("NEURON { SUFFIX s }\nASSIGNED { x }\nPROCEDURE f(v) { TABLE x FROM 0 TO 1 }\n"),
               Catch::Contains("TABLE is written"));
    CHECK_THAT(hint_of("NEURON { SUFFIX s }\nSTATE { a b }\nKINETIC k { ~ a b (1, 2) }\n"),
               Catch::Contains("after '~' comes a reaction"));
    CHECK_THAT(hint_of("NEURON { SUFFIX s }\nASSIGNED { x }\nINITIAL { x = 1 else { x = 2 } }\n"),
               Catch::Contains("follows the closing '}' of an if"));
}
