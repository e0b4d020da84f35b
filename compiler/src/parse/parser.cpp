// The parse driver: reading files, guarding against hostile input, running the ANTLR lexer and
// parser with readable syntax errors, and splicing in INCLUDEd files.
#include "cornu/compiler/parser.hpp"

#include "NMODLLexer.h"
#include "NMODLParser.h"
#include "antlr4-runtime.h"
#include "ast_builder.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace cornu::nmodl {

namespace fs = std::filesystem;

namespace {

// ---------------------------------------------------------------------------------------------
// Input sanitising
// ---------------------------------------------------------------------------------------------

// ANTLR's input stream decodes UTF-8 and throws on invalid bytes. Give it one ASCII character
// per byte instead, so that token offsets are byte offsets into the original text: bytes outside
// printable ASCII become \x01, which only comments, strings and VERBATIM blocks may contain.
std::string sanitise(const std::string& text) {
    std::string out(text);
    for (char& c : out) {
        auto u = static_cast<unsigned char>(c);
        if (u == 0 || u >= 0x80) c = '\x01';
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Syntax errors
// ---------------------------------------------------------------------------------------------

bool is_keyword_token(const antlr4::Token* token) {
    std::size_t type = token->getType();
    return type >= NMODLParser::NEURON && type <= NMODLParser::CONDUCTANCE;
}

std::string display(const antlr4::Token* token) {
    if (token->getType() == antlr4::Token::EOF) return "end of file";
    std::string text = token->getText();
    if (text.size() > 40) text = text.substr(0, 37) + "...";
    for (char& c : text)
        if (static_cast<unsigned char>(c) < 0x20) c = '?';
    return "'" + text + "'";
}

// What a user is expected to write in a rule; "" when the rule says nothing specific (a number,
// a name), and the rule around it is asked instead.
std::string rule_hint(std::size_t rule) {
    using P = NMODLParser;
    switch (rule) {
        case P::RuleFile:
        case P::RuleTopItem:
            return "at file level NMODL expects blocks such as NEURON { }, PARAMETER { }, "
                   "ASSIGNED { }, STATE { }, INITIAL { }, BREAKPOINT { }, DERIVATIVE name { }, "
                   "PROCEDURE name() { } or FUNCTION name() { }";
        case P::RuleNeuronBlock:
        case P::RuleNeuronStmt:
        case P::RuleNameList:
            return "the NEURON block takes SUFFIX, POINT_PROCESS, ARTIFICIAL_CELL, USEION, "
                   "NONSPECIFIC_CURRENT, ELECTRODE_CURRENT, RANGE, GLOBAL, POINTER, "
                   "BBCOREPOINTER, EXTERNAL and THREADSAFE, each followed by names separated by "
                   "commas: RANGE a, b";
        case P::RuleParameterBlock:
        case P::RuleParameterDecl:
            return "a PARAMETER entry is 'name = value (units) <low, high>'; units and limits are optional";
        case P::RuleConstantDecl:
        case P::RuleConstantBlock:
            return "a CONSTANT entry is 'name = value (units)'";
        case P::RuleVarDecl:
            return "an ASSIGNED or STATE entry is 'name (units)' or 'name[size] (units)'";
        case P::RuleUnitsBlock:
        case P::RuleUnitsStmt:
            return "a UNITS entry is '(mV) = (millivolt)' or 'NAME = (unit) (unit)', e.g. FARADAY = (faraday) (coulomb)";
        case P::RuleUnit:
        case P::RuleUnitPart:
            return "units are written in parentheses on one line, e.g. (mA/cm2)";
        case P::RuleLimits:
            return "limits are written '<low, high>'";
        case P::RuleArgList:
        case P::RuleArg:
            return "arguments are names separated by commas, each optionally with units: f(v (mV), x)";
        case P::RuleSolveFor:
            return "SOLVEFOR is followed by state names separated by commas";
        case P::RuleExpr:
        case P::RuleCallArg:
            return "an expression is built from numbers, names, calls f(x), parentheses and the "
                   "operators + - * / ^ < > <= >= == != && || !";
        case P::RuleWatchClause:
            return "WATCH is written WATCH (a > b) flag, with a number as the flag";
        case P::RuleTableNames:
            return "TABLE is written TABLE names DEPEND names FROM low TO high WITH count";
        case P::RuleReactionSide:
        case P::RuleReactionTerm:
            return "a reaction is written ~ A + B <-> C (kf, kb), or ~ A << (flux)";
        case P::RuleProcBlock:
            return "a block of code is written INITIAL { }, BREAKPOINT { }, DERIVATIVE name { }, "
                   "PROCEDURE name(args) { } or FUNCTION name(args) (units) { }";
        case P::RuleBlock:
        case P::RuleStatement:
            return "statements are assignments (x = expr), calls (f(x)), if/while/FROM blocks, "
                   "SOLVE, TABLE, LOCAL, reactions (~ A <-> B (kf, kb)) and WATCH";
        default:
            return {};
    }
}

// What to write for the labelled alternatives of the file-level and statement rules.
std::string alternative_hint(antlr4::ParserRuleContext* ctx) {
    using P = NMODLParser;
    if (dynamic_cast<P::AssignedItemContext*>(ctx) || dynamic_cast<P::StateItemContext*>(ctx) ||
        dynamic_cast<P::DependentItemContext*>(ctx))
        return rule_hint(P::RuleVarDecl);
    if (dynamic_cast<P::IndependentItemContext*>(ctx)) return "an INDEPENDENT entry is 't FROM 0 TO 1 WITH 1 (ms)'";
    if (dynamic_cast<P::DefineItemContext*>(ctx)) return "DEFINE is written DEFINE NAME integer, e.g. DEFINE NSHELL 4";
    if (dynamic_cast<P::IncludeItemContext*>(ctx)) return "INCLUDE is written INCLUDE \"file.inc\"";
    if (dynamic_cast<P::TableStmtContext*>(ctx)) return rule_hint(P::RuleTableNames);
    if (dynamic_cast<P::ReactionStmtContext*>(ctx)) return rule_hint(P::RuleReactionSide);
    // A statement that failed before the parser chose between a reaction and an equation.
    if (dynamic_cast<P::StatementContext*>(ctx) && ctx->getStart() && ctx->getStart()->getType() == P::TILDE)
        return "after '~' comes a reaction, ~ A + B <-> C (kf, kb) or ~ A << (flux), or an equation, ~ lhs = rhs";
    if (dynamic_cast<P::IfStmtContext*>(ctx) || dynamic_cast<P::ElseIfContext*>(ctx))
        return "an if is written if (condition) { ... } else if (condition) { ... } else { ... }";
    if (dynamic_cast<P::WhileStmtContext*>(ctx)) return "a while loop is written while (condition) { ... }";
    if (dynamic_cast<P::FromStmtContext*>(ctx)) return "a loop is written FROM i = low TO high BY step { ... }; BY is optional";
    if (dynamic_cast<P::SolveStmtContext*>(ctx))
        return "SOLVE is written SOLVE block METHOD method, e.g. SOLVE states METHOD cnexp";
    return {};
}

// The hint of the innermost rule around the error that has one.
std::string context_hint(antlr4::ParserRuleContext* ctx) {
    using P = NMODLParser;
    for (; ctx; ctx = dynamic_cast<antlr4::ParserRuleContext*>(ctx->parent)) {
        std::string hint = alternative_hint(ctx);
        if (!hint.empty()) return hint;
        hint = rule_hint(ctx->getRuleIndex());
        if (!hint.empty()) return hint;
    }
    return rule_hint(P::RuleStatement);
}

// Keywords that only begin a file-level block: met inside a block, they show that the block
// before them lacks its closing brace.
bool starts_file_level_block(const antlr4::Token* token) {
    using P = NMODLParser;
    switch (token->getType()) {
        case P::TITLE_LINE: case P::DEFINE: case P::INCLUDE: case P::NEURON: case P::UNITS:
        case P::PARAMETER: case P::CONSTANT: case P::ASSIGNED: case P::STATE: case P::DEPENDENT:
        case P::INDEPENDENT: case P::BREAKPOINT: case P::DERIVATIVE: case P::KINETIC: case P::LINEAR:
        case P::NONLINEAR: case P::DISCRETE: case P::PROCEDURE: case P::FUNCTION:
        case P::FUNCTION_TABLE: case P::NET_RECEIVE: case P::CONSTRUCTOR: case P::DESTRUCTOR:
        case P::BEFORE: case P::AFTER:
            return true;
        default:
            return false;
    }
}

class SyntaxErrorListener : public antlr4::BaseErrorListener {
public:
    SyntaxErrorListener(std::uint32_t file, DiagnosticEngine& diags) : file_(file), diags_(diags) {}

    void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, std::size_t line,
                     std::size_t column, const std::string& antlr_message, std::exception_ptr) override {
        ++count_;
        SourceLocation where{file_, static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(column + 1)};
        auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
        if (!parser || !offending) {
            diags_.error(where, antlr_message);
            return;
        }
        std::string message, hint;
        describe(*parser, offending, message, hint);
        diags_.error(where, message, hint);
        // An unclosed COMMENT or VERBATIM block runs to the end of the file (as nocmodl reads it):
        // whatever the parser would say about the text after it is noise.
        std::size_t type = offending->getType();
        if (type == NMODLParser::UNCLOSED_COMMENT || type == NMODLParser::UNCLOSED_VERBATIM)
            throw antlr4::ParseCancellationException("unclosed block");
        // Stop early on hopeless input: error recovery over megabytes of junk only produces noise.
        if (diags_.too_many_errors()) throw antlr4::ParseCancellationException("too many errors");
    }

    std::size_t count() const { return count_; }

private:
    void describe(antlr4::Parser& parser, antlr4::Token* token, std::string& message, std::string& hint) {
        using P = NMODLParser;
        switch (token->getType()) {
            case P::UNCLOSED_COMMENT:
                message = "COMMENT block is never closed";
                hint = "end the comment with ENDCOMMENT";
                return;
            case P::UNCLOSED_VERBATIM:
                message = "VERBATIM block is never closed";
                hint = "end the block with ENDVERBATIM";
                return;
            case P::UNCLOSED_STRING:
                message = "string is never closed";
                hint = "end the string with '\"' on the same line";
                return;
            case P::UNPRINTABLE:
                message = "unexpected byte that is not printable ASCII";
                hint = "outside comments, strings and VERBATIM blocks a .mod file must be plain ASCII";
                return;
            case P::OTHER: {
                std::string text = token->getText();
                if (text == ";") {
                    message = "unexpected ';'";
                    hint = "NMODL statements have no terminator: remove the ';'";
                } else {
                    message = "unexpected character '" + text + "'";
                    hint = "this character has no meaning in NMODL outside units, comments and VERBATIM blocks";
                }
                return;
            }
            case antlr4::Token::EOF:
                message = "unexpected end of file";
                hint = "a block is not finished: check that every '{' has its '}' and every '(' its ')'";
                return;
            default: break;
        }
        message = "unexpected " + display(token);
        std::string expected = expected_tokens(parser);
        if (!expected.empty()) message += "; expected " + expected;
        std::string word = token->getText();
        if (token->getType() == P::REPRESENTS)  // without an id after it, it is not a REPRESENTS_ID
            hint = "REPRESENTS is followed by an ontology id such as NCIT:C17145 or [CHEBI:29101]";
        else if (token->getType() == P::ELSE)
            hint = "'" + word + "' follows the closing '}' of an if: if (condition) { ... } else { ... }";
        else if (starts_file_level_block(token) && expects(parser, P::RBRACE))
            hint = "'" + word + "' begins a new block, so the block before it is not closed: add its '}'";
        else if (is_keyword_token(token) && expects(parser, P::IDENT))
            hint = "'" + word + "' is a reserved word of NMODL and cannot be a name: if a name is missing "
                   "before it, add one; if you meant a name '" + word + "', rename it";
        else if (token->getType() == P::PRIME_NAME)
            hint = "a name with a prime (x') is a derivative and is only assigned in DERIVATIVE blocks: x' = expr";
        else
            hint = context_hint(parser.getContext());
    }

    static bool expects(antlr4::Parser& parser, std::size_t type) {
        try {
            return parser.getExpectedTokens().contains(type);
        } catch (...) {
            return false;
        }
    }

    static std::string expected_tokens(antlr4::Parser& parser) {
        antlr4::misc::IntervalSet set;
        try {
            set = parser.getExpectedTokens();
        } catch (...) {
            return {};
        }
        std::vector<std::string> names;
        for (const auto& interval : set.getIntervals()) {
            for (ssize_t t = interval.a; t <= static_cast<ssize_t>(interval.b); ++t) {
                if (names.size() > 6) return {};  // too many alternatives to be helpful
                if (t == static_cast<ssize_t>(antlr4::Token::EOF)) { names.push_back("end of file"); continue; }
                std::string name = parser.getVocabulary().getDisplayName(t);
                if (name == "IDENT") name = "a name";
                else if (name == "INTEGER") name = "an integer";
                else if (name == "REAL") name = "a number";
                else if (name == "STRING") name = "a string";
                else if (name == "PRIME_NAME") name = "a derivative x'";
                else if (name.size() > 0 && name[0] != '\'') name = "'" + name + "'";
                names.push_back(name);
            }
        }
        if (names.empty()) return {};
        std::string out;
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (i) out += i + 1 == names.size() ? " or " : ", ";
            out += names[i];
        }
        return out;
    }

    std::uint32_t file_;
    DiagnosticEngine& diags_;
    std::size_t count_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Limits on nesting, checked on the token stream before parsing
// ---------------------------------------------------------------------------------------------

// The ANTLR parser and every AST walk recurse once per level of nesting. Brackets, right-nested
// operators (^ and unary - and !) and chains of binary operators each add levels, so their sum is
// bounded here, before anything recurses.
class NestingGuard {
public:
    NestingGuard(std::uint32_t file, const ParseOptions& options, DiagnosticEngine& diags)
        : file_(file), options_(options), diags_(diags) {}

    bool check(const std::vector<antlr4::Token*>& tokens) {
        using P = NMODLParser;
        levels_.assign(1, Level{});
        bool previous_is_operand = false;
        for (antlr4::Token* t : tokens) {
            std::size_t type = t->getType();
            Level& level = levels_.back();
            switch (type) {
                case P::LPAREN: case P::LBRACKET: case P::LBRACE:
                    levels_.push_back(Level{});
                    if (!within_limits(t)) return false;
                    previous_is_operand = false;
                    continue;
                case P::RPAREN: case P::RBRACKET: case P::RBRACE:
                    if (levels_.size() > 1) levels_.pop_back();
                    if (type == P::RBRACE) levels_.back() = Level{};
                    previous_is_operand = type != P::RBRACE;
                    continue;
                case P::CARET:
                    ++level.right_nested;
                    break;
                case P::MINUS: case P::NOT:
                    if (previous_is_operand) ++level.operators;
                    else ++level.right_nested;
                    break;
                case P::PLUS: case P::STAR: case P::SLASH: case P::LT: case P::GT: case P::LE:
                case P::GE: case P::EQ: case P::NE: case P::AND: case P::OR:
                    ++level.operators;
                    level.right_nested = 0;  // lower precedence: the right-nested chain unwinds
                    break;
                case P::IDENT: case P::PRIME_NAME: case P::INTEGER: case P::REAL: case P::STRING:
                    // Two operands in a row start a new statement.
                    if (previous_is_operand) level = Level{};
                    break;
                default:
                    level = Level{};  // keywords, '=', ',', '~' ... end the expression
                    break;
            }
            previous_is_operand = type == P::IDENT || type == P::PRIME_NAME || type == P::INTEGER ||
                                  type == P::REAL || type == P::STRING;
            if (!within_limits(t)) return false;
        }
        return true;
    }

private:
    struct Level {
        std::size_t right_nested = 0;
        std::size_t operators = 0;
    };

    bool within_limits(antlr4::Token* t) {
        std::size_t depth = levels_.size();
        for (const Level& l : levels_) depth += l.right_nested;
        SourceLocation where{file_, static_cast<std::uint32_t>(t->getLine()),
                             static_cast<std::uint32_t>(t->getCharPositionInLine() + 1)};
        if (depth > options_.max_nesting) {
            diags_.error(where, "nesting is deeper than " + std::to_string(options_.max_nesting) + " levels",
                         "split deeply nested expressions and blocks into LOCAL variables or functions");
            return false;
        }
        if (levels_.back().operators > options_.max_operators_per_expression) {
            diags_.error(where, "expression has more than " +
                                std::to_string(options_.max_operators_per_expression) + " operators",
                         "split the expression into several assignments to LOCAL variables");
            return false;
        }
        return true;
    }

    std::uint32_t file_;
    const ParseOptions& options_;
    DiagnosticEngine& diags_;
    std::vector<Level> levels_;
};

// ---------------------------------------------------------------------------------------------
// Limit on the depth of the parse tree, checked after parsing
// ---------------------------------------------------------------------------------------------

// The NestingGuard bounds what makes ANTLR itself recurse. ANTLR builds two kinds of nesting in
// a loop, so they pass it, yet the AstBuilder, every AST pass and the AST's destructors recurse
// once per level of them (found by hand-made inputs while setting up the fuzzer, whose inputs are
// too short to reach them; both overflowed the stack with inputs well under 2 MiB):
//  - a left-associative chain of up to max_operators_per_expression operators inside each of up
//    to max_nesting parentheses, `((a+a+...)+a+...)+a+...`, nests chain length x parentheses;
//  - `if () {} else if () {} else if ...` is flat in the parse tree but becomes nested IfStmts.
// So the parse tree's depth is measured here, without recursion, with else-ifs counted as nested.
bool tree_depth_ok(antlr4::tree::ParseTree* root, std::uint32_t file, const ParseOptions& options,
                   DiagnosticEngine& diags) {
    std::vector<std::pair<antlr4::tree::ParseTree*, std::size_t>> stack{{root, 1}};
    while (!stack.empty()) {
        auto [node, depth] = stack.back();
        stack.pop_back();
        if (depth > options.max_tree_depth) {
            antlr4::Token* t = nullptr;
            if (auto* rule = dynamic_cast<antlr4::ParserRuleContext*>(node)) t = rule->getStart();
            else if (auto* leaf = dynamic_cast<antlr4::tree::TerminalNode*>(node)) t = leaf->getSymbol();
            SourceLocation where{file, t ? static_cast<std::uint32_t>(t->getLine()) : 1,
                                 t ? static_cast<std::uint32_t>(t->getCharPositionInLine() + 1) : 1};
            diags.error(where, "expressions and blocks are nested more than " +
                                   std::to_string(options.max_tree_depth) + " levels deep",
                        "split long expressions and else-if chains into LOCAL variables, "
                        "functions or separate statements");
            return false;
        }
        // Children are pushed last first, so that the first node found too deep is the leftmost.
        std::size_t else_ifs = 0;
        if (dynamic_cast<NMODLParser::IfStmtContext*>(node))
            for (antlr4::tree::ParseTree* child : node->children)
                if (dynamic_cast<NMODLParser::ElseIfContext*>(child) ||
                    dynamic_cast<NMODLParser::ElseBlockContext*>(child))
                    ++else_ifs;
        for (auto it = node->children.rbegin(); it != node->children.rend(); ++it) {
            std::size_t extra = 0;
            if (else_ifs && (dynamic_cast<NMODLParser::ElseIfContext*>(*it) ||
                             dynamic_cast<NMODLParser::ElseBlockContext*>(*it)))
                extra = --else_ifs;  // the k-th else (from 0) is nested k levels deeper
            stack.emplace_back(*it, depth + 1 + extra);
        }
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// One file
// ---------------------------------------------------------------------------------------------

class FileParser {
public:
    FileParser(SourceManager& sources, DiagnosticEngine& diags, const ParseOptions& options)
        : sources_(sources), diags_(diags), options_(options) {}

    // Parses `text` registered under `name` and appends its items (with includes spliced in) to
    // `items`. Returns false on any error.
    bool parse(const std::string& name, std::string text, std::vector<ItemPtr>& items,
               std::uint32_t* file_id, std::size_t depth) {
        const std::size_t errors_before = diags_.error_count();
        std::uint32_t file = sources_.add(name, std::move(text));
        if (file_id) *file_id = file;
        const std::string& source = sources_.text(file);
        if (source.size() > options_.max_file_bytes) {
            diags_.error({file, 1, 1}, "file is " + std::to_string(source.size()) +
                         " bytes; cornu reads .mod files of at most " +
                         std::to_string(options_.max_file_bytes) + " bytes",
                         "check that this is really an NMODL file");
            return false;
        }

        std::string sanitised = sanitise(source);
        antlr4::ANTLRInputStream input(sanitised);
        NMODLLexer lexer(&input);
        lexer.removeErrorListeners();  // every character is some token: the lexer cannot fail
        antlr4::CommonTokenStream tokens(&lexer);
        tokens.fill();
        report_stray_block_ends(tokens, file);

        NestingGuard guard(file, options_, diags_);
        if (!guard.check(tokens.getTokens())) return false;

        NMODLParser parser(&tokens);
        NMODLParser::FileContext* tree = run_parser(parser, tokens, file);
        if (!tree) return false;
        if (!tree_depth_ok(tree, file, options_, diags_)) return false;

        std::size_t first = items.size();
        Module scratch;
        AstBuilder(file, source, diags_).build(*tree, scratch);
        for (auto& item : scratch.items) items.push_back(std::move(item));
        bool includes_ok = splice_includes(name, items, first, depth);
        return includes_ok && diags_.error_count() == errors_before;
    }

private:
    // ENDCOMMENT or ENDVERBATIM without its opening keyword is reported here, and hidden from the
    // parser: the parser then reports the text before it (meant as a comment) where it starts,
    // and the user sees both ends of the problem.
    void report_stray_block_ends(antlr4::CommonTokenStream& tokens, std::uint32_t file) {
        for (antlr4::Token* t : tokens.getTokens()) {
            if (t->getType() != NMODLParser::STRAY_ENDCOMMENT) continue;
            diags_.error({file, static_cast<std::uint32_t>(t->getLine()),
                          static_cast<std::uint32_t>(t->getCharPositionInLine() + 1)},
                         fmt::format("'{}' without a block to close", t->getText()),
                         fmt::format("remove it, or add the matching {} before it",
                                     t->getText() == "ENDCOMMENT" ? "COMMENT" : "VERBATIM"));
            if (auto* writable = dynamic_cast<antlr4::WritableToken*>(t))
                writable->setChannel(antlr4::Token::HIDDEN_CHANNEL);
        }
    }

    // Two-stage parse: the fast SLL mode first, then full LL with error reporting if SLL fails.
    NMODLParser::FileContext* run_parser(NMODLParser& parser, antlr4::CommonTokenStream& tokens,
                                         std::uint32_t file) {
        parser.removeErrorListeners();
        parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
            antlr4::atn::PredictionMode::SLL);
        parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
        try {
            return parser.file();
        } catch (const antlr4::ParseCancellationException&) {
        } catch (const antlr4::RecognitionException&) {
        }

        tokens.seek(0);
        parser.reset();
        SyntaxErrorListener listener(file, diags_);
        parser.addErrorListener(&listener);
        parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
        parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
            antlr4::atn::PredictionMode::LL);
        NMODLParser::FileContext* tree = nullptr;
        try {
            tree = parser.file();
        } catch (const antlr4::ParseCancellationException&) {
            tree = nullptr;
        }
        if (listener.count() > 0 || !tree) {
            if (listener.count() == 0)
                diags_.error({file, 1, 1}, "could not parse the file", "check the file's syntax");
            return nullptr;
        }
        return tree;
    }

    bool splice_includes(const std::string& including, std::vector<ItemPtr>& items, std::size_t first,
                         std::size_t depth) {
        bool ok = true;
        for (std::size_t i = first; i < items.size(); ++i) {
            auto* include = dyn<IncludeItem>(items[i].get());
            if (!include) continue;
            std::vector<ItemPtr> included;
            if (!read_include(including, *include, included, depth)) {
                ok = false;
                continue;
            }
            items.insert(items.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                         std::make_move_iterator(included.begin()), std::make_move_iterator(included.end()));
            i += included.size();
        }
        return ok;
    }

    bool read_include(const std::string& including, IncludeItem& include, std::vector<ItemPtr>& out,
                      std::size_t depth) {
        if (depth >= options_.max_include_depth) {
            diags_.error(include.loc, "INCLUDEs are nested more than " +
                         std::to_string(options_.max_include_depth) + " deep",
                         "check for a file that includes itself");
            return false;
        }
        std::vector<fs::path> candidates;
        fs::path written(include.path);
        if (written.is_absolute()) {
            candidates.push_back(written);
        } else {
            candidates.push_back(fs::path(including).parent_path() / written);
            for (const auto& dir : options_.include_dirs) candidates.push_back(fs::path(dir) / written);
            candidates.push_back(written);
        }
        for (const fs::path& candidate : candidates) {
            std::error_code ec;
            if (!fs::is_regular_file(candidate, ec)) continue;
            fs::path canonical = fs::weakly_canonical(candidate, ec);
            if (active_.count(canonical.string())) {
                diags_.error(include.loc, "file \"" + include.path + "\" includes itself",
                             "remove the circular INCLUDE");
                return false;
            }
            std::string text;
            if (!read_text(candidate.string(), text, include.loc)) return false;
            include.resolved_path = candidate.string();
            active_.insert(canonical.string());
            bool ok = parse(candidate.string(), std::move(text), out, nullptr, depth + 1);
            active_.erase(canonical.string());
            return ok;
        }
        diags_.error(include.loc, "cannot find INCLUDE file \"" + include.path + "\"",
                     "it is searched next to the including file, in -I folders and in the current folder");
        return false;
    }

public:
    bool read_text(const std::string& path, std::string& text, SourceLocation where) {
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            diags_.error(where, "'" + path + "' is a directory, not a .mod file", "pass the path of a .mod file");
            return false;
        }
        auto size = fs::file_size(path, ec);
        if (!ec && size > 4 * options_.max_file_bytes) {
            // Do not even read absurdly large files into memory.
            diags_.error(where, "'" + path + "' is " + std::to_string(size) +
                         " bytes; cornu reads .mod files of at most " +
                         std::to_string(options_.max_file_bytes) + " bytes",
                         "check that this is really an NMODL file");
            return false;
        }
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            diags_.error(where, "cannot open '" + path + "': " + std::strerror(errno),
                         "check that the file exists and is readable");
            return false;
        }
        std::ostringstream buffer;
        buffer << in.rdbuf();
        text = buffer.str();
        return true;
    }

    void remember(const std::string& path) {
        std::error_code ec;
        active_.insert(fs::weakly_canonical(path, ec).string());
    }

private:
    SourceManager& sources_;
    DiagnosticEngine& diags_;
    const ParseOptions& options_;
    std::set<std::string> active_;  // files being parsed, to catch INCLUDE cycles
};

}  // namespace

Module parse_text(const std::string& name, std::string text, SourceManager& sources,
                  DiagnosticEngine& diags, const ParseOptions& options) {
    Module module;
    module.path = name;
    FileParser parser(sources, diags, options);
    parser.remember(name);
    if (!parser.parse(name, std::move(text), module.items, &module.file, 0)) module.items.clear();
    return module;
}

Module parse_file(const std::string& path, SourceManager& sources, DiagnosticEngine& diags,
                  const ParseOptions& options) {
    FileParser reader(sources, diags, options);
    std::string text;
    if (!reader.read_text(path, text, {})) {
        Module empty;
        empty.path = path;
        return empty;
    }
    return parse_text(path, std::move(text), sources, diags, options);
}

}  // namespace cornu::nmodl
