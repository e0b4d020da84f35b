#include "ast_builder.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace cornu::nmodl {

namespace {

using TerminalNode = antlr4::tree::TerminalNode;

antlr4::Token* token_of(TerminalNode* node) { return node ? node->getSymbol() : nullptr; }

BinaryOp binary_op(std::size_t token_type) {
    using P = NMODLParser;
    switch (token_type) {
        case P::PLUS: return BinaryOp::add;
        case P::MINUS: return BinaryOp::sub;
        case P::STAR: return BinaryOp::mul;
        case P::SLASH: return BinaryOp::div;
        case P::CARET: return BinaryOp::pow;
        case P::LT: return BinaryOp::less;
        case P::GT: return BinaryOp::greater;
        case P::LE: return BinaryOp::less_equal;
        case P::GE: return BinaryOp::greater_equal;
        case P::EQ: return BinaryOp::equal;
        case P::NE: return BinaryOp::not_equal;
        case P::AND: return BinaryOp::logical_and;
        default: return BinaryOp::logical_or;
    }
}

// "REPRESENTS NCIT:C17145" -> "NCIT:C17145": the grammar lexes the keyword and the id as one token.
std::string ontology_id(NMODLParser::RepresentsContext* ctx) {
    std::string text = ctx->REPRESENTS_ID()->getText();
    std::size_t start = text.find_first_not_of(" \t\r\n\f", std::string("REPRESENTS").size());
    return start == std::string::npos ? std::string() : text.substr(start);
}

// Strips a block's opening and closing keywords: "VERBATIM ... ENDVERBATIM" -> " ... ".
std::string between(const std::string& text, std::size_t open_length, std::size_t close_length) {
    if (text.size() < open_length + close_length) return {};
    return text.substr(open_length, text.size() - open_length - close_length);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Tokens and locations
// ---------------------------------------------------------------------------------------------

SourceLocation AstBuilder::loc(antlr4::Token* token) const {
    if (!token) return {file_, 0, 0};
    return {file_, static_cast<std::uint32_t>(token->getLine()),
            static_cast<std::uint32_t>(token->getCharPositionInLine() + 1)};
}

SourceLocation AstBuilder::loc(antlr4::ParserRuleContext* ctx) const {
    return ctx ? loc(ctx->getStart()) : SourceLocation{file_, 0, 0};
}

// The token's text from the original bytes (the lexer worked on a sanitised copy).
std::string AstBuilder::source_text(antlr4::Token* token) const {
    if (!token) return {};
    std::size_t start = token->getStartIndex(), stop = token->getStopIndex();
    if (start > stop || stop >= text_.size()) return token->getText();
    return text_.substr(start, stop - start + 1);
}

Ident AstBuilder::ident(antlr4::Token* token) { return {token ? token->getText() : "", loc(token)}; }

Ident AstBuilder::ident(TerminalNode* node) { return ident(token_of(node)); }

double AstBuilder::number_value(antlr4::Token* token) {
    std::string text = token ? token->getText() : "0";
    errno = 0;
    double value = std::strtod(text.c_str(), nullptr);
    if (errno == ERANGE && std::isinf(value))
        diags_.error(loc(token), "number '" + text + "' is too large for a double",
                     "use a value below 1.8e308");
    return value;
}

std::vector<Ident> AstBuilder::idents(const std::vector<TerminalNode*>& nodes) {
    std::vector<Ident> out;
    out.reserve(nodes.size());
    for (TerminalNode* n : nodes) out.push_back(ident(n));
    return out;
}

SignedNumber AstBuilder::signed_number(P::SignedNumberContext* ctx) {
    SignedNumber n;
    if (!ctx) return n;
    n.loc = loc(ctx);
    if (ctx->defined) {
        std::string name = ctx->defined->getText();
        auto found = defines_.find(name);
        if (found == defines_.end()) {
            diags_.error(loc(ctx->defined), "'" + name + "' stands where a number belongs but is not DEFINEd",
                         "write a number, or DEFINE " + name + " <integer> before this line");
            return n;
        }
        n.value = static_cast<double>(found->second);
        n.text = std::to_string(found->second);
    } else if (ctx->number()) {
        antlr4::Token* token = ctx->number()->getStart();
        n.value = number_value(token);
        n.text = token->getText();
    }
    if (ctx->MINUS()) {
        n.value = -n.value;
        n.text = "-" + n.text;
    }
    return n;
}

// Units are kept as written, with the spacing between their tokens normalised to one blank
// where the source had any.
std::string AstBuilder::unit_text(P::UnitContext* ctx) {
    if (!ctx) return {};
    std::string out;
    antlr4::Token* previous = nullptr;
    for (P::UnitPartContext* part : ctx->unitPart()) {
        antlr4::Token* t = part->getStart();
        if (previous && t->getStartIndex() > previous->getStopIndex() + 1) out += ' ';
        out += source_text(t);
        previous = t;
    }
    return out;
}

ArraySize AstBuilder::array_size(P::ArraySizeContext* ctx) {
    ArraySize size;
    if (!ctx) return size;
    size.loc = loc(ctx);
    if (ctx->INTEGER()) {
        double v = number_value(token_of(ctx->INTEGER()));
        if (v < 1 || v > 1e6) {
            diags_.error(size.loc, "array size " + ctx->INTEGER()->getText() + " is out of range",
                         "an array needs between 1 and 1000000 elements");
            v = 1;
        }
        size.value = static_cast<long>(v);
    } else if (ctx->IDENT()) {
        size.define_name = ctx->IDENT()->getText();
    }
    return size;
}

std::vector<Arg> AstBuilder::args(P::ArgListContext* ctx) {
    std::vector<Arg> out;
    if (!ctx) return out;
    for (P::ArgContext* a : ctx->arg()) out.push_back({ident(a->IDENT()), unit_text(a->unit())});
    return out;
}

std::vector<LocalVar> AstBuilder::locals(P::LocalDeclContext& ctx) {
    std::vector<LocalVar> out;
    for (P::LocalNameContext* n : ctx.localName())
        out.push_back({ident(n->IDENT()), array_size(n->arraySize())});
    return out;
}

// ---------------------------------------------------------------------------------------------
// File and top-level items
// ---------------------------------------------------------------------------------------------

void AstBuilder::build(NMODLParser::FileContext& tree, Module& module) {
    for (P::TopItemContext* item : tree.topItem())
        if (ItemPtr built = top_item(*item)) module.items.push_back(std::move(built));
}

ItemPtr AstBuilder::top_item(P::TopItemContext& ctx) {
    if (auto* c = dynamic_cast<P::TitleItemContext*>(&ctx)) {
        std::string text = source_text(token_of(c->TITLE_LINE()));
        text = text.size() > 5 ? text.substr(5) : std::string();
        std::size_t first = text.find_first_not_of(" \t");
        std::size_t last = text.find_last_not_of(" \t\r");
        text = first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
        return std::make_unique<TitleItem>(text, loc(c));
    }
    if (auto* c = dynamic_cast<P::DefineItemContext*>(&ctx)) {
        auto item = std::make_unique<DefineItem>(loc(c));
        item->name = ident(c->name);
        double v = number_value(c->value);
        if (v > 1e9) {
            diags_.error(loc(c->value), "DEFINE value " + c->value->getText() + " is too large",
                         "DEFINE takes an integer below 1e9");
            v = 0;
        }
        item->value = static_cast<long>(v);
        defines_[item->name.name] = item->value;
        return item;
    }
    if (auto* c = dynamic_cast<P::IncludeItemContext*>(&ctx)) {
        auto item = std::make_unique<IncludeItem>(loc(c));
        std::string quoted = source_text(c->path);
        item->path = quoted.size() >= 2 ? quoted.substr(1, quoted.size() - 2) : quoted;
        return item;
    }
    if (auto* c = dynamic_cast<P::NeuronItemContext*>(&ctx)) return neuron(*c->neuronBlock());
    if (auto* c = dynamic_cast<P::UnitsItemContext*>(&ctx)) return units(*c->unitsBlock());
    if (auto* c = dynamic_cast<P::ParameterItemContext*>(&ctx)) return parameters(*c->parameterBlock());
    if (auto* c = dynamic_cast<P::ConstantItemContext*>(&ctx)) return constants(*c->constantBlock());
    if (auto* c = dynamic_cast<P::AssignedItemContext*>(&ctx))
        return var_block(VarBlockKind::assigned, c->getStart(), c->varDecl());
    if (auto* c = dynamic_cast<P::StateItemContext*>(&ctx))
        return var_block(VarBlockKind::state, c->getStart(), c->varDecl());
    if (auto* c = dynamic_cast<P::DependentItemContext*>(&ctx))
        return var_block(VarBlockKind::dependent, c->getStart(), c->varDecl());
    if (auto* c = dynamic_cast<P::IndependentItemContext*>(&ctx)) return independent(*c);
    if (auto* c = dynamic_cast<P::TopLocalItemContext*>(&ctx)) {
        auto item = std::make_unique<TopLocalItem>(loc(c));
        item->vars = locals(*c->localDecl());
        return item;
    }
    if (auto* c = dynamic_cast<P::ProcItemContext*>(&ctx)) return proc(*c->procBlock());
    if (auto* c = dynamic_cast<P::VerbatimItemContext*>(&ctx))
        return std::make_unique<VerbatimItem>(between(source_text(token_of(c->VERBATIM_BLOCK())), 8, 11),
                                              loc(c));
    if (auto* c = dynamic_cast<P::UnitsToggleItemContext*>(&ctx))
        return std::make_unique<UnitsToggleItem>(c->unitsToggle()->UNITSON() != nullptr, loc(c));
    return nullptr;
}

ItemPtr AstBuilder::neuron(P::NeuronBlockContext& ctx) {
    auto item = std::make_unique<NeuronItem>(loc(&ctx));
    for (P::NeuronStmtContext* s : ctx.neuronStmt()) {
        if (auto* c = dynamic_cast<P::SuffixStmtContext*>(s)) {
            SuffixDecl d;
            d.kind = c->SUFFIX() ? MechanismKind::density
                     : c->POINT_PROCESS() ? MechanismKind::point_process
                                          : MechanismKind::artificial_cell;
            d.name = ident(c->name);
            d.loc = loc(c);
            item->suffixes.push_back(std::move(d));
            continue;
        }
        if (auto* c = dynamic_cast<P::UseIonStmtContext*>(s)) {
            UseIonDecl d;
            d.ion = ident(c->ion);
            if (c->readList) d.read = idents(c->readList->IDENT());
            if (c->writeList) d.write = idents(c->writeList->IDENT());
            if (c->valence) d.valence = signed_number(c->valence).value;
            if (c->represents()) d.represents = ontology_id(c->represents());
            d.loc = loc(c);
            item->ions.push_back(std::move(d));
            continue;
        }
        if (auto* c = dynamic_cast<P::NameListStmtContext*>(s)) {
            NameListDecl d;
            switch (c->kind->getType()) {
                case P::NONSPECIFIC_CURRENT: d.kind = NameListKind::nonspecific_current; break;
                case P::ELECTRODE_CURRENT: d.kind = NameListKind::electrode_current; break;
                case P::RANGE: d.kind = NameListKind::range; break;
                case P::GLOBAL: d.kind = NameListKind::global; break;
                case P::POINTER: d.kind = NameListKind::pointer; break;
                case P::BBCOREPOINTER: d.kind = NameListKind::bbcorepointer; break;
                default: d.kind = NameListKind::external; break;
            }
            d.names = idents(c->nameList()->IDENT());
            d.loc = loc(c);
            item->lists.push_back(std::move(d));
            continue;
        }
        if (dynamic_cast<P::ThreadsafeStmtContext*>(s)) {
            item->threadsafe.push_back(loc(s));
            continue;
        }
        if (auto* c = dynamic_cast<P::RepresentsStmtContext*>(s)) {
            item->represents.push_back(ontology_id(c->represents()));
        }
    }
    return item;
}

ItemPtr AstBuilder::units(P::UnitsBlockContext& ctx) {
    auto item = std::make_unique<UnitsItem>(loc(&ctx));
    for (P::UnitsStmtContext* s : ctx.unitsStmt()) {
        if (auto* c = dynamic_cast<P::UnitAliasContext*>(s)) {
            item->aliases.push_back({unit_text(c->from), unit_text(c->to), loc(c)});
            continue;
        }
        if (auto* c = dynamic_cast<P::UnitValueFactorContext*>(s)) {
            UnitFactor f;
            f.name = ident(c->name);
            f.value = number_value(c->number()->getStart());
            f.value_text = c->number()->getText();
            f.to = unit_text(c->unit());
            f.loc = loc(c);
            item->factors.push_back(std::move(f));
            continue;
        }
        if (auto* c = dynamic_cast<P::UnitRatioFactorContext*>(s)) {
            UnitFactor f;
            f.name = ident(c->name);
            f.from = unit_text(c->from);
            f.to = unit_text(c->to);
            f.loc = loc(c);
            item->factors.push_back(std::move(f));
        }
    }
    return item;
}

ItemPtr AstBuilder::parameters(P::ParameterBlockContext& ctx) {
    auto item = std::make_unique<ParameterItem>(loc(&ctx));
    for (P::ParameterDeclContext* c : ctx.parameterDecl()) {
        ParameterDecl d;
        d.ident = ident(c->IDENT());
        d.size = array_size(c->arraySize());
        if (c->signedNumber()) d.value = signed_number(c->signedNumber());
        d.unit = unit_text(c->unit());
        if (P::LimitsContext* lim = c->limits()) {
            d.low = signed_number(lim->signedNumber(0));
            d.high = signed_number(lim->signedNumber(1));
        }
        item->decls.push_back(std::move(d));
    }
    return item;
}

ItemPtr AstBuilder::constants(P::ConstantBlockContext& ctx) {
    auto item = std::make_unique<ConstantItem>(loc(&ctx));
    for (P::ConstantDeclContext* c : ctx.constantDecl())
        item->decls.push_back({ident(c->IDENT()), signed_number(c->signedNumber()), unit_text(c->unit())});
    return item;
}

ItemPtr AstBuilder::var_block(VarBlockKind kind, antlr4::Token* start,
                              const std::vector<P::VarDeclContext*>& decls) {
    auto item = std::make_unique<VarBlockItem>(kind, loc(start));
    for (P::VarDeclContext* c : decls) {
        VarDecl d;
        if (c->PRIME_NAME()) {
            std::string text = c->PRIME_NAME()->getText();
            std::size_t quote = text.find('\'');
            d.ident = {text.substr(0, quote), loc(token_of(c->PRIME_NAME()))};
            d.primes = static_cast<int>(text.size() - quote);
        } else {
            d.ident = ident(c->IDENT());
        }
        d.size = array_size(c->arraySize());
        std::size_t n = 0;
        auto numbers = c->signedNumber();
        if (c->FROM() && numbers.size() >= 2) {
            d.from = signed_number(numbers[n++]);
            d.to = signed_number(numbers[n++]);
        }
        if (c->START() && n < numbers.size()) d.start = signed_number(numbers[n++]);
        if (c->tolerance()) d.tolerance = signed_number(c->tolerance()->signedNumber());
        d.unit = unit_text(c->unit());
        item->decls.push_back(std::move(d));
    }
    return item;
}

ItemPtr AstBuilder::independent(P::IndependentItemContext& ctx) {
    auto item = std::make_unique<IndependentItem>(loc(&ctx));
    for (P::IndependentDeclContext* c : ctx.independentDecl()) {
        IndependentDecl d;
        d.ident = ident(c->IDENT());
        d.sweep = c->SWEEP() != nullptr;
        auto numbers = c->signedNumber();
        if (numbers.size() >= 2) {
            d.from = signed_number(numbers[0]);
            d.to = signed_number(numbers[1]);
        }
        if (numbers.size() >= 3) d.start = signed_number(numbers[2]);
        d.with = static_cast<long>(number_value(token_of(c->INTEGER())));
        d.unit = unit_text(c->unit());
        item->decls.push_back(std::move(d));
    }
    return item;
}

ItemPtr AstBuilder::proc(P::ProcBlockContext& ctx) {
    auto make = [&](ProcKind kind, P::BlockContext* body) {
        auto item = std::make_unique<ProcItem>(kind, loc(&ctx));
        item->body = block(body);
        return item;
    };
    if (auto* c = dynamic_cast<P::InitialBlockContext*>(&ctx)) return make(ProcKind::initial, c->block());
    if (auto* c = dynamic_cast<P::BreakpointBlockContext*>(&ctx)) return make(ProcKind::breakpoint, c->block());
    if (auto* c = dynamic_cast<P::ConstructorBlockContext*>(&ctx)) return make(ProcKind::constructor, c->block());
    if (auto* c = dynamic_cast<P::DestructorBlockContext*>(&ctx)) return make(ProcKind::destructor, c->block());
    if (auto* c = dynamic_cast<P::DerivativeBlockContext*>(&ctx)) {
        auto item = make(ProcKind::derivative, c->block());
        item->name = ident(c->name);
        return item;
    }
    if (auto* c = dynamic_cast<P::DiscreteBlockContext*>(&ctx)) {
        auto item = make(ProcKind::discrete, c->block());
        item->name = ident(c->name);
        return item;
    }
    auto with_solve_for = [&](ProcKind kind, antlr4::Token* name, P::SolveForContext* sf, P::BlockContext* body) {
        auto item = make(kind, body);
        item->name = ident(name);
        if (sf) item->solve_for = idents(sf->IDENT());
        return item;
    };
    if (auto* c = dynamic_cast<P::KineticBlockContext*>(&ctx))
        return with_solve_for(ProcKind::kinetic, c->name, c->solveFor(), c->block());
    if (auto* c = dynamic_cast<P::LinearBlockContext*>(&ctx))
        return with_solve_for(ProcKind::linear, c->name, c->solveFor(), c->block());
    if (auto* c = dynamic_cast<P::NonlinearBlockContext*>(&ctx))
        return with_solve_for(ProcKind::nonlinear, c->name, c->solveFor(), c->block());
    auto callable = [&](ProcKind kind, antlr4::Token* name, P::ArgListContext* arglist,
                        P::UnitContext* unit, P::BlockContext* body) {
        auto item = std::make_unique<ProcItem>(kind, loc(&ctx));
        item->name = ident(name);
        item->args = args(arglist);
        item->unit = unit_text(unit);
        if (body) item->body = block(body);
        return item;
    };
    if (auto* c = dynamic_cast<P::ProcedureBlockContext*>(&ctx))
        return callable(ProcKind::procedure, c->name, c->argList(), c->unit(), c->block());
    if (auto* c = dynamic_cast<P::FunctionBlockContext*>(&ctx))
        return callable(ProcKind::function, c->name, c->argList(), c->unit(), c->block());
    if (auto* c = dynamic_cast<P::FunctionTableBlockContext*>(&ctx))
        return callable(ProcKind::function_table, c->name, c->argList(), c->unit(), nullptr);
    if (auto* c = dynamic_cast<P::NetReceiveBlockContext*>(&ctx)) {
        auto item = make(ProcKind::net_receive, c->block());
        item->args = args(c->argList());
        return item;
    }
    if (auto* c = dynamic_cast<P::BeforeAfterBlockContext*>(&ctx)) {
        bool before = c->when->getType() == P::BEFORE;
        ProcKind kind;
        switch (c->what->getType()) {
            case P::BREAKPOINT: kind = before ? ProcKind::before_breakpoint : ProcKind::after_breakpoint; break;
            case P::SOLVE: kind = before ? ProcKind::before_solve : ProcKind::after_solve; break;
            case P::INITIAL: kind = before ? ProcKind::before_initial : ProcKind::after_initial; break;
            default: kind = before ? ProcKind::before_step : ProcKind::after_step; break;
        }
        return make(kind, c->block());
    }
    return nullptr;
}

// ---------------------------------------------------------------------------------------------
// Statements
// ---------------------------------------------------------------------------------------------

BlockPtr AstBuilder::block(P::BlockContext* ctx) {
    auto b = std::make_unique<Block>(loc(ctx));
    if (!ctx) return b;
    b->end_loc = loc(token_of(ctx->RBRACE()));
    for (P::StatementContext* s : ctx->statement())
        if (StmtPtr built = statement(*s)) b->statements.push_back(std::move(built));
    return b;
}

StmtPtr AstBuilder::statement(P::StatementContext& ctx) {
    SourceLocation at = loc(&ctx);
    if (auto* c = dynamic_cast<P::AssignStmtContext*>(&ctx)) {
        auto s = std::make_unique<AssignStmt>(at);
        s->protect = c->PROTECT() != nullptr;
        s->target = var_ref(c->varRef());
        s->value = expr(c->expr());
        return s;
    }
    if (auto* c = dynamic_cast<P::CallStmtContext*>(&ctx)) {
        auto s = std::make_unique<CallStmt>(at);
        s->call = call(c->call());
        return s;
    }
    if (auto* c = dynamic_cast<P::LocalStmtContext*>(&ctx)) {
        auto s = std::make_unique<LocalStmt>(at);
        s->vars = locals(*c->localDecl());
        return s;
    }
    if (auto* c = dynamic_cast<P::IfStmtContext*>(&ctx))
        return if_statement(c->expr(), c->block(), c->getStart(), c->elseIf(), 0, c->elseBlock());
    if (auto* c = dynamic_cast<P::WhileStmtContext*>(&ctx)) {
        auto s = std::make_unique<WhileStmt>(at);
        s->condition = expr(c->expr());
        s->body = block(c->block());
        return s;
    }
    if (auto* c = dynamic_cast<P::FromStmtContext*>(&ctx)) {
        auto s = std::make_unique<FromStmt>(at);
        s->var = ident(c->IDENT());
        s->from = expr(c->expr(0));
        s->to = expr(c->expr(1));
        if (c->BY()) s->by = expr(c->expr(2));
        s->body = block(c->block());
        return s;
    }
    if (auto* c = dynamic_cast<P::SolveStmtContext*>(&ctx)) {
        auto s = std::make_unique<SolveStmt>(at);
        s->block = ident(c->name);
        if (c->method) s->method = ident(c->method);
        s->steadystate = c->STEADYSTATE() != nullptr;
        if (c->IFERROR()) s->if_error = block(c->block());
        return s;
    }
    if (auto* c = dynamic_cast<P::TableStmtContext*>(&ctx)) {
        auto s = std::make_unique<TableStmt>(at);
        if (c->tabled) s->tabled = idents(c->tabled->IDENT());
        if (c->depends) s->depends = idents(c->depends->IDENT());
        s->from = expr(c->from);
        s->to = expr(c->to);
        double with = number_value(token_of(c->INTEGER()));
        s->with = with > 1e8 ? 100000001L : static_cast<long>(with);
        s->with_loc = loc(token_of(c->INTEGER()));
        return s;
    }
    if (auto* c = dynamic_cast<P::ReactionStmtContext*>(&ctx)) {
        auto s = std::make_unique<ReactionStmt>(at);
        s->reactants = reaction_side(c->reactants);
        if (c->REACT_BOTH()) {
            s->reaction = ReactionKind::reversible;
            s->products = reaction_side(c->products);
            s->forward = expr(c->forward);
            s->backward = expr(c->backward);
        } else {
            s->reaction = c->FLUX_IN() ? ReactionKind::flux_in : ReactionKind::flux_out;
            s->forward = expr(c->flux);
        }
        return s;
    }
    if (auto* c = dynamic_cast<P::EquationStmtContext*>(&ctx)) {
        auto s = std::make_unique<EquationStmt>(at);
        s->lhs = expr(c->lhs);
        s->rhs = expr(c->rhs);
        return s;
    }
    if (auto* c = dynamic_cast<P::ConserveStmtContext*>(&ctx)) {
        auto s = std::make_unique<ConserveStmt>(at);
        s->terms = reaction_side(c->reactionSide());
        s->total = expr(c->expr());
        return s;
    }
    if (auto* c = dynamic_cast<P::CompartmentStmtContext*>(&ctx)) {
        auto s = std::make_unique<CompartmentStmt>(at);
        s->longitudinal = c->LONGITUDINAL_DIFFUSION() != nullptr;
        if (c->index) s->index = ident(c->index);
        s->volume = expr(c->expr());
        auto names = c->IDENT();
        // The index variable, when present, is the first IDENT token of the statement.
        std::size_t first = c->index ? 1 : 0;
        for (std::size_t i = first; i < names.size(); ++i) s->species.push_back(ident(names[i]));
        return s;
    }
    if (auto* c = dynamic_cast<P::WatchStmtContext*>(&ctx)) return watch(*c);
    if (auto* c = dynamic_cast<P::ForNetconsStmtContext*>(&ctx)) {
        auto s = std::make_unique<ForNetconsStmt>(at);
        s->args = args(c->argList());
        s->body = block(c->block());
        return s;
    }
    if (auto* c = dynamic_cast<P::NetInitialStmtContext*>(&ctx)) {
        auto s = std::make_unique<NetInitialStmt>(at);
        s->body = block(c->block());
        return s;
    }
    if (auto* c = dynamic_cast<P::LagStmtContext*>(&ctx)) {
        auto s = std::make_unique<LagStmt>(at);
        s->var = ident(c->IDENT(0));
        s->by = ident(c->IDENT(1));
        return s;
    }
    if (auto* c = dynamic_cast<P::ConductanceStmtContext*>(&ctx)) {
        auto s = std::make_unique<ConductanceStmt>(at);
        s->name = ident(c->IDENT(0));
        if (c->USEION()) s->ion = ident(c->IDENT(1));
        return s;
    }
    if (auto* c = dynamic_cast<P::MutexStmtContext*>(&ctx))
        return std::make_unique<MutexStmt>(c->MUTEXLOCK() != nullptr, at);
    if (auto* c = dynamic_cast<P::UnitsToggleStmtContext*>(&ctx))
        return std::make_unique<UnitsToggleStmt>(c->unitsToggle()->UNITSON() != nullptr, at);
    if (auto* c = dynamic_cast<P::VerbatimStmtContext*>(&ctx))
        return std::make_unique<VerbatimStmt>(between(source_text(token_of(c->VERBATIM_BLOCK())), 8, 11), at);
    if (auto* c = dynamic_cast<P::NestedBlockStmtContext*>(&ctx)) return block(c->block());
    return nullptr;
}

// `if (a) {} else if (b) {} else {}` becomes nested IfStmts, built from the else-if list.
StmtPtr AstBuilder::if_statement(P::ExprContext* cond, P::BlockContext* then, antlr4::Token* start,
                                 const std::vector<P::ElseIfContext*>& else_ifs, std::size_t next,
                                 P::ElseBlockContext* else_block) {
    auto s = std::make_unique<IfStmt>(loc(start));
    s->condition = expr(cond);
    s->then_block = block(then);
    if (next < else_ifs.size()) {
        P::ElseIfContext* e = else_ifs[next];
        s->else_branch = if_statement(e->expr(), e->block(), e->IF()->getSymbol(), else_ifs, next + 1, else_block);
    } else if (else_block) {
        s->else_branch = block(else_block->block());
    }
    return s;
}

StmtPtr AstBuilder::watch(P::WatchStmtContext& ctx) {
    auto s = std::make_unique<WatchStmt>(loc(&ctx));
    for (P::WatchClauseContext* c : ctx.watchClause()) {
        WatchClause clause;
        clause.loc = loc(c);
        auto* cmp = dynamic_cast<P::CompareExprContext*>(c->condition);
        // nocmodl only accepts `(a > b)` and `(a < b)` here.
        if (!cmp || (cmp->op->getType() != P::GT && cmp->op->getType() != P::LT)) {
            diags_.error(loc(c->condition), "WATCH needs a condition of the form (a > b) or (a < b)",
                         "write the condition as one comparison with > or <, e.g. WATCH (v > thresh) 2");
            continue;
        }
        clause.greater = cmp->op->getType() == P::GT;
        clause.lhs = expr(cmp->expr(0));
        clause.rhs = expr(cmp->expr(1));
        SignedNumber flag = signed_number(c->flag);
        clause.flag = flag.value;
        clause.flag_text = flag.text;
        s->clauses.push_back(std::move(clause));
    }
    return s;
}

std::vector<ReactionTerm> AstBuilder::reaction_side(P::ReactionSideContext* ctx) {
    std::vector<ReactionTerm> terms;
    if (!ctx) return terms;
    for (P::ReactionTermContext* t : ctx->reactionTerm()) {
        ReactionTerm term;
        if (t->INTEGER()) {
            double c = number_value(token_of(t->INTEGER()));
            if (c < 1 || c > 1000) {
                diags_.error(loc(token_of(t->INTEGER())), "stoichiometric coefficient " +
                             t->INTEGER()->getText() + " is out of range", "use a whole number from 1 to 1000");
                c = 1;
            }
            term.coefficient = static_cast<int>(c);
        }
        term.species = var_ref(t->varRef());
        terms.push_back(std::move(term));
    }
    return terms;
}

// ---------------------------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------------------------

std::unique_ptr<NameExpr> AstBuilder::var_ref(P::VarRefContext* ctx) {
    if (!ctx) return std::make_unique<NameExpr>("", SourceLocation{file_, 0, 0});
    std::unique_ptr<NameExpr> e;
    if (ctx->PRIME_NAME()) {
        std::string text = ctx->PRIME_NAME()->getText();
        std::size_t quote = text.find('\'');
        e = std::make_unique<NameExpr>(text.substr(0, quote), loc(ctx));
        e->primes = static_cast<int>(text.size() - quote);
    } else {
        e = std::make_unique<NameExpr>(ctx->IDENT() ? ctx->IDENT()->getText() : "", loc(ctx));
    }
    if (ctx->history) e->history = static_cast<long>(std::min(number_value(ctx->history), 1e9));
    if (ctx->expr()) e->index = expr(ctx->expr());
    return e;
}

std::unique_ptr<CallExpr> AstBuilder::call(P::CallContext* ctx) {
    auto e = std::make_unique<CallExpr>(ctx && ctx->IDENT() ? ctx->IDENT()->getText() : "", loc(ctx));
    if (!ctx) return e;
    for (P::CallArgContext* a : ctx->callArg()) {
        if (a->STRING()) {
            std::string quoted = source_text(token_of(a->STRING()));
            e->args.push_back(std::make_unique<StringExpr>(quoted.substr(1, quoted.size() - 2), loc(a)));
        } else {
            e->args.push_back(expr(a->expr()));
        }
    }
    return e;
}

ExprPtr AstBuilder::expr(P::ExprContext* ctx) {
    if (!ctx) return std::make_unique<NumberExpr>(0.0, "0", SourceLocation{file_, 0, 0});
    SourceLocation at = loc(ctx);
    if (auto* c = dynamic_cast<P::NumberExprContext*>(ctx)) {
        antlr4::Token* t = c->number()->getStart();
        auto e = std::make_unique<NumberExpr>(number_value(t), t->getText(), at);
        e->unit = unit_text(c->unit());
        return e;
    }
    if (auto* c = dynamic_cast<P::VarExprContext*>(ctx)) return var_ref(c->varRef());
    if (auto* c = dynamic_cast<P::CallExprContext*>(ctx)) return call(c->call());
    if (auto* c = dynamic_cast<P::ParenExprContext*>(ctx)) {
        ExprPtr inner = expr(c->expr());
        ++inner->parens;
        return inner;
    }
    if (auto* c = dynamic_cast<P::UnaryExprContext*>(ctx)) {
        UnaryOp op = c->op->getType() == P::MINUS ? UnaryOp::negate : UnaryOp::logical_not;
        // The operator's location is the expression's; keep it (the operand has its own).
        return std::make_unique<UnaryExpr>(op, expr(c->expr()), at);
    }
    auto binary = [&](antlr4::Token* op, P::ExprContext* a, P::ExprContext* b) -> ExprPtr {
        return std::make_unique<BinaryExpr>(binary_op(op->getType()), expr(a), expr(b), loc(op));
    };
    if (auto* c = dynamic_cast<P::PowerExprContext*>(ctx))
        return binary(token_of(c->CARET()), c->expr(0), c->expr(1));
    if (auto* c = dynamic_cast<P::MulExprContext*>(ctx)) return binary(c->op, c->expr(0), c->expr(1));
    if (auto* c = dynamic_cast<P::AddExprContext*>(ctx)) return binary(c->op, c->expr(0), c->expr(1));
    if (auto* c = dynamic_cast<P::CompareExprContext*>(ctx)) return binary(c->op, c->expr(0), c->expr(1));
    if (auto* c = dynamic_cast<P::AndExprContext*>(ctx)) return binary(token_of(c->AND()), c->expr(0), c->expr(1));
    if (auto* c = dynamic_cast<P::OrExprContext*>(ctx)) return binary(token_of(c->OR()), c->expr(0), c->expr(1));
    return std::make_unique<NumberExpr>(0.0, "0", at);
}

}  // namespace cornu::nmodl
