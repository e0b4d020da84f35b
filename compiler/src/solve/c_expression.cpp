#include "c_expression.hpp"

#include <cctype>
#include <cstdlib>

namespace cornu::nmodl {

namespace {

class CParser {
public:
    CParser(const std::string& text, SourceLocation loc) : text_(text), loc_(loc) {}

    ExprPtr parse() {
        ExprPtr e = additive();
        skip_space();
        return e && pos_ == text_.size() ? std::move(e) : nullptr;
    }

private:
    void skip_space() {
        while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    }

    bool accept(char c) {
        skip_space();
        if (pos_ < text_.size() && text_[pos_] == c) {
            ++pos_;
            return true;
        }
        return false;
    }

    char peek() {
        skip_space();
        return pos_ < text_.size() ? text_[pos_] : '\0';
    }

    ExprPtr additive() {
        ExprPtr lhs = multiplicative();
        while (lhs) {
            char c = peek();
            if (c != '+' && c != '-') break;
            ++pos_;
            ExprPtr rhs = multiplicative();
            if (!rhs) return nullptr;
            lhs = std::make_unique<BinaryExpr>(c == '+' ? BinaryOp::add : BinaryOp::sub, std::move(lhs),
                                               std::move(rhs), loc_);
        }
        return lhs;
    }

    ExprPtr multiplicative() {
        ExprPtr lhs = unary();
        while (lhs) {
            char c = peek();
            if (c != '*' && c != '/') break;
            ++pos_;
            ExprPtr rhs = unary();
            if (!rhs) return nullptr;
            lhs = std::make_unique<BinaryExpr>(c == '*' ? BinaryOp::mul : BinaryOp::div, std::move(lhs),
                                               std::move(rhs), loc_);
        }
        return lhs;
    }

    ExprPtr unary() {
        if (accept('-')) {
            ExprPtr operand = unary();
            return operand ? std::make_unique<UnaryExpr>(UnaryOp::negate, std::move(operand), loc_) : nullptr;
        }
        if (accept('+')) return unary();
        return primary();
    }

    ExprPtr primary() {
        char c = peek();
        if (c == '(') {
            ++pos_;
            ExprPtr inner = additive();
            if (!inner || !accept(')')) return nullptr;
            ++inner->parens;
            return inner;
        }
        if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') return number();
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') return name_or_call();
        return nullptr;
    }

    ExprPtr number() {
        const char* begin = text_.c_str() + pos_;
        char* end = nullptr;
        double value = std::strtod(begin, &end);
        if (end == begin) return nullptr;
        std::string written(begin, static_cast<std::size_t>(end - begin));
        pos_ += written.size();
        return std::make_unique<NumberExpr>(value, written, loc_);
    }

    ExprPtr name_or_call() {
        std::size_t start = pos_;
        while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_'))
            ++pos_;
        std::string name = text_.substr(start, pos_ - start);
        if (accept('(')) {
            auto call = std::make_unique<CallExpr>(name, loc_);
            if (!accept(')')) {
                do {
                    ExprPtr arg = additive();
                    if (!arg) return nullptr;
                    call->args.push_back(std::move(arg));
                } while (accept(','));
                if (!accept(')')) return nullptr;
            }
            return call;
        }
        auto ref = std::make_unique<NameExpr>(name, loc_);
        if (accept('[')) {
            ref->index = additive();
            if (!ref->index || !accept(']')) return nullptr;
        }
        return ref;
    }

    const std::string& text_;
    SourceLocation loc_;
    std::size_t pos_ = 0;
};

}  // namespace

ExprPtr parse_c_expression(const std::string& text, SourceLocation loc) { return CParser(text, loc).parse(); }

}  // namespace cornu::nmodl
