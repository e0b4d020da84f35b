#include "diffeq.hpp"

#include "c_expression.hpp"

#include <cctype>
#include <vector>

namespace cornu::nmodl {

namespace {

// ---------------------------------------------------------------------------------------------
// The tokens nocmodl's diffeq parser sees
// ---------------------------------------------------------------------------------------------

struct Token {
    enum Kind { atom, plus, minus, star, slash, lparen, rparen, comma, end } kind = end;
    std::string text;
    bool state = false;
};

// nocmodl writes an integer literal used as a real with ".0" appended (parse1.ypp `real`).
std::string c_number(const std::string& text) {
    bool digits = !text.empty();
    for (char c : text) digits = digits && std::isdigit(static_cast<unsigned char>(c));
    return digits ? text + ".0" : text;
}

class Tokeniser {
public:
    explicit Tokeniser(const std::string& state) : state_(state) {}

    bool run(const Expr& e, std::vector<Token>& out) {
        out_ = &out;
        ok_ = true;
        expr(e);
        out.push_back({Token::end, "", false});
        return ok_;
    }

private:
    void push(Token::Kind k, std::string text = {}, bool state = false) { out_->push_back({k, std::move(text), state}); }

    void expr(const Expr& e) {
        for (int i = 0; i < e.parens; ++i) push(Token::lparen);
        core(e);
        for (int i = 0; i < e.parens; ++i) push(Token::rparen);
    }

    void core(const Expr& e) {
        switch (e.kind) {
            case ExprKind::number: push(Token::atom, c_number(as<NumberExpr>(e).text)); return;
            case ExprKind::name: {
                auto& n = as<NameExpr>(e);
                if (n.primes > 0) { ok_ = false; return; }
                std::string text = n.name;
                if (n.index) text.append("[").append(c_text(*n.index)).append("]");
                push(Token::atom, text, n.name == state_);
                return;
            }
            case ExprKind::unary: {
                auto& u = as<UnaryExpr>(e);
                if (u.op != UnaryOp::negate) { ok_ = false; return; }
                push(Token::minus);
                expr(*u.operand);
                return;
            }
            case ExprKind::binary: {
                auto& b = as<BinaryExpr>(e);
                Token::Kind op;
                switch (b.op) {
                    case BinaryOp::add: op = Token::plus; break;
                    case BinaryOp::sub: op = Token::minus; break;
                    case BinaryOp::mul: op = Token::star; break;
                    case BinaryOp::div: op = Token::slash; break;
                    case BinaryOp::pow:
                        // nocmodl's own diffeq parser fails on '^'; cornu reads it as pow(a, b).
                        push(Token::atom, "pow");
                        push(Token::lparen);
                        expr(*b.lhs);
                        push(Token::comma);
                        expr(*b.rhs);
                        push(Token::rparen);
                        return;
                    default: ok_ = false; return;
                }
                expr(*b.lhs);
                push(op);
                expr(*b.rhs);
                return;
            }
            case ExprKind::call: {
                auto& c = as<CallExpr>(e);
                push(Token::atom, c.callee);
                push(Token::lparen);
                for (std::size_t i = 0; i < c.args.size(); ++i) {
                    if (i) push(Token::comma);
                    expr(*c.args[i]);
                }
                push(Token::rparen);
                return;
            }
            case ExprKind::string: ok_ = false; return;
        }
    }

    const std::string& state_;
    std::vector<Token>* out_ = nullptr;
    bool ok_ = true;
};

// ---------------------------------------------------------------------------------------------
// The four strings of each sub-expression, built with diffeq.ypp's templates
// ---------------------------------------------------------------------------------------------

const char* zero = "0.0";

struct Parts {
    std::string expr, de, a, b;  // text, d/dy, coefficient of y, y-free part ("0.0" = none)
};

bool is_zero(const std::string& s) { return s == zero; }

class DiffeqParser {
public:
    explicit DiffeqParser(const std::vector<Token>& tokens) : tokens_(tokens) {}

    bool parse(Parts& result) {
        result = sum();
        return !failed_ && tokens_[pos_].kind == Token::end;
    }

    bool d_invalid = false;   // y in a denominator or a function argument: no derivative
    bool eq_invalid = false;  // not linear in y: no a*y + b form

private:
    Token::Kind peek() const { return tokens_[pos_].kind; }

    Parts sum() {
        Parts lhs = product();
        while (!failed_ && (peek() == Token::plus || peek() == Token::minus)) {
            bool plus = tokens_[pos_++].kind == Token::plus;
            Parts rhs = product();
            lhs = plus ? add(lhs, rhs) : subtract(lhs, rhs);
        }
        return lhs;
    }

    Parts product() {
        Parts lhs = unary();
        while (!failed_ && (peek() == Token::star || peek() == Token::slash)) {
            bool times = tokens_[pos_++].kind == Token::star;
            Parts rhs = unary();
            lhs = times ? multiply(lhs, rhs) : divide(lhs, rhs);
        }
        return lhs;
    }

    Parts unary() {
        if (peek() == Token::minus) {
            ++pos_;
            Parts p = unary();
            Parts r{"- " + p.expr, zero, zero, zero};
            if (!is_zero(p.de)) r.de = "- " + p.de;
            if (!is_zero(p.a)) r.a = "- " + p.a;
            if (!is_zero(p.b)) r.b = "- " + p.b;
            return r;
        }
        return primary();
    }

    Parts primary() {
        const Token& t = tokens_[pos_];
        if (t.kind == Token::lparen) {
            ++pos_;
            Parts p = sum();
            if (peek() != Token::rparen) { failed_ = true; return p; }
            ++pos_;
            Parts r{"( " + p.expr + " )", zero, zero, zero};
            if (!is_zero(p.de)) r.de = "( " + p.de + " )";
            if (!is_zero(p.a)) r.a = "( " + p.a + " )";
            if (!is_zero(p.b)) r.b = "( " + p.b + " )";
            return r;
        }
        if (t.kind != Token::atom) { failed_ = true; return {zero, zero, zero, zero}; }
        ++pos_;
        if (peek() == Token::lparen) return call(t.text);
        if (t.state) return {t.text, "1.0", "1.0", zero};
        return {t.text, zero, zero, t.text};
    }

    Parts call(const std::string& name) {
        ++pos_;  // '('
        std::string args;
        bool first = true;
        if (peek() != Token::rparen) {
            while (true) {
                Parts arg = sum();
                if (!is_zero(arg.de)) d_invalid = eq_invalid = true;
                args = first ? arg.expr : args + " , " + arg.expr;
                first = false;
                if (peek() != Token::comma) break;
                ++pos_;
            }
        }
        if (peek() != Token::rparen) { failed_ = true; return {zero, zero, zero, zero}; }
        ++pos_;
        std::string text = name + " ( " + args + " )";
        return {text, zero, zero, text};
    }

    static std::string either(const std::string& x, const std::string& y, const char* both, const char* second_only) {
        if (!is_zero(x) && !is_zero(y)) return x + both + y;
        if (!is_zero(x)) return x;
        if (!is_zero(y)) return std::string(second_only) + y + (second_only[0] ? " )" : "");
        return zero;
    }

    Parts add(const Parts& l, const Parts& r) {
        return {l.expr + " + " + r.expr, either(l.de, r.de, " + ", ""), either(l.a, r.a, " + ", ""),
                either(l.b, r.b, " + ", "")};
    }

    Parts subtract(const Parts& l, const Parts& r) {
        return {l.expr + " - " + r.expr, either(l.de, r.de, " - ", "( - "), either(l.a, r.a, " - ", "( - "),
                either(l.b, r.b, " - ", "( - ")};
    }

    Parts multiply(const Parts& l, const Parts& r) {
        Parts p{l.expr + " * " + r.expr, zero, zero, zero};
        if (!is_zero(l.de) && !is_zero(r.de))
            p.de = "(( " + l.de + " )*( " + r.expr + " ) + ( " + l.expr + " )*( " + r.de + " ))";
        else if (!is_zero(l.de))
            p.de = "( " + l.de + " )*( " + r.expr + " )";
        else if (!is_zero(r.de))
            p.de = "( " + l.expr + " )*( " + r.de + " )";
        if (!is_zero(l.a) && !is_zero(r.a)) {
            eq_invalid = true;
        } else if (!is_zero(l.a)) {
            if (!is_zero(r.b)) p.a = "( " + l.a + " )*( " + r.b + " )";
        } else if (!is_zero(r.a)) {
            if (!is_zero(l.b)) p.a = "( " + l.b + " )*( " + r.a + " )";
        }
        if (!is_zero(l.b) && !is_zero(r.b)) p.b = "( " + l.b + " )*( " + r.b + " )";
        return p;
    }

    Parts divide(const Parts& l, const Parts& r) {
        Parts p{l.expr + " / " + r.expr, zero, zero, zero};
        if (!is_zero(r.de)) d_invalid = true;
        else if (!is_zero(l.de)) p.de = "( " + l.de + " ) / " + r.expr;
        if (!is_zero(r.a)) eq_invalid = true;
        else if (!is_zero(l.a)) p.a = "( " + l.a + " ) / " + r.expr;
        if (!is_zero(l.b)) p.b = "( " + l.b + " ) / " + r.expr;
        return p;
    }

    const std::vector<Token>& tokens_;
    std::size_t pos_ = 0;
    bool failed_ = false;
};

}  // namespace

std::string c_text(const Expr& e) {
    std::vector<Token> tokens;
    if (!Tokeniser("").run(e, tokens)) return {};
    std::string out;
    for (const Token& t : tokens) {
        switch (t.kind) {
            case Token::atom: out += t.text; break;
            case Token::plus: out += '+'; break;
            case Token::minus: out += '-'; break;
            case Token::star: out += '*'; break;
            case Token::slash: out += '/'; break;
            case Token::lparen: out += '('; break;
            case Token::rparen: out += ')'; break;
            case Token::comma: out += ','; break;
            case Token::end: break;
        }
    }
    return out;
}

std::optional<CnexpUpdate> cnexp_update(const NameExpr& derivative, const Expr& rhs) {
    const std::string& state_name = derivative.name;
    std::string state = state_name;
    if (derivative.index) state.append("[").append(c_text(*derivative.index)).append("]");
    std::vector<Token> tokens;
    if (!Tokeniser(state_name).run(rhs, tokens)) return std::nullopt;
    DiffeqParser parser(tokens);
    Parts parts;
    if (!parser.parse(parts) || parser.d_invalid) return std::nullopt;

    // cvode_parse: the y-free part becomes -(b)/(a); nocmodl leaves it empty when f is not
    // linear in y, which turns the update into y*exp(dt*df/dy) (NEURON_SEMANTICS §E1).
    std::string b = parser.eq_invalid ? std::string() : "- ( " + parts.b + " ) / ( " + parts.a + " )";
    std::string text;
    if (is_zero(parts.de)) {
        // No y in f: forward Euler, exact for a constant rate. nocmodl cuts "/ ( 0.0 )" off b.
        const std::string tail = "/ ( 0.0 )";
        if (b.size() >= tail.size() && b.compare(b.size() - tail.size(), tail.size(), tail) == 0)
            b.resize(b.size() - tail.size());
        text = state + " - dt*(" + b + ")";
    } else {
        text = state + " + (1. - exp(dt*(" + parts.de + ")))*(" + b + " - " + state + ")";
    }
    ExprPtr value = parse_c_expression(text, rhs.loc);
    if (!value) return std::nullopt;
    return CnexpUpdate{text, std::move(value)};
}

}  // namespace cornu::nmodl
