// Converts an ANTLR parse tree of a syntactically valid file into the AST.
#pragma once

#include "NMODLParser.h"
#include "cornu/compiler/ast.hpp"
#include "cornu/compiler/diagnostics.hpp"

#include <map>
#include <string>

namespace cornu::nmodl {

class AstBuilder {
public:
    // `text` is the file's original bytes: VERBATIM text, strings and titles are sliced from it
    // (the lexer saw a sanitised copy).
    AstBuilder(std::uint32_t file, const std::string& text, DiagnosticEngine& diags)
        : file_(file), text_(text), diags_(diags) {}

    void build(NMODLParser::FileContext& tree, Module& module);

private:
    using P = NMODLParser;

    ItemPtr top_item(P::TopItemContext& ctx);
    ItemPtr neuron(P::NeuronBlockContext& ctx);
    ItemPtr units(P::UnitsBlockContext& ctx);
    ItemPtr parameters(P::ParameterBlockContext& ctx);
    ItemPtr constants(P::ConstantBlockContext& ctx);
    ItemPtr var_block(VarBlockKind kind, antlr4::Token* start, const std::vector<P::VarDeclContext*>& decls);
    ItemPtr independent(P::IndependentItemContext& ctx);
    ItemPtr proc(P::ProcBlockContext& ctx);

    BlockPtr block(P::BlockContext* ctx);
    StmtPtr statement(P::StatementContext& ctx);
    StmtPtr if_statement(P::ExprContext* cond, P::BlockContext* then, antlr4::Token* start,
                         const std::vector<P::ElseIfContext*>& else_ifs, std::size_t next,
                         P::ElseBlockContext* else_block);
    StmtPtr watch(P::WatchStmtContext& ctx);
    std::vector<ReactionTerm> reaction_side(P::ReactionSideContext* ctx);

    ExprPtr expr(P::ExprContext* ctx);
    std::unique_ptr<CallExpr> call(P::CallContext* ctx);
    std::unique_ptr<NameExpr> var_ref(P::VarRefContext* ctx);

    std::vector<Arg> args(P::ArgListContext* ctx);
    std::vector<Ident> idents(const std::vector<antlr4::tree::TerminalNode*>& nodes);
    std::vector<LocalVar> locals(P::LocalDeclContext& ctx);
    ArraySize array_size(P::ArraySizeContext* ctx);
    SignedNumber signed_number(P::SignedNumberContext* ctx);
    std::string unit_text(P::UnitContext* ctx);

    Ident ident(antlr4::Token* token);
    Ident ident(antlr4::tree::TerminalNode* node);
    SourceLocation loc(antlr4::Token* token) const;
    SourceLocation loc(antlr4::ParserRuleContext* ctx) const;
    std::string source_text(antlr4::Token* token) const;
    double number_value(antlr4::Token* token);

    std::uint32_t file_;
    const std::string& text_;
    DiagnosticEngine& diags_;
    std::map<std::string, long> defines_;  // the DEFINEs seen so far, in file order
};

}  // namespace cornu::nmodl
