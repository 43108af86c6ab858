#include "treaty/rule.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "core/text.h"

namespace verity::treaty {
// Named (not anonymous) because RuleCompiler, a friend of Rule declared in
// rule.h, holds tokens.
namespace rule_lexer {

enum class Tok { kIdent, kInt, kOp, kLParen, kRParen, kLBracket, kRBracket, kComma, kEnd };

struct Token {
  Tok kind;
  std::string text;
  size_t column;  // 1-based
};

bool IsIdentChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
}

StatusOr<std::vector<Token>> Lex(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    const size_t col = i + 1;
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '(' || c == ')' || c == '[' || c == ']' || c == ',') {
      static constexpr std::pair<char, Tok> kSingle[] = {{'(', Tok::kLParen},
                                                         {')', Tok::kRParen},
                                                         {'[', Tok::kLBracket},
                                                         {']', Tok::kRBracket},
                                                         {',', Tok::kComma}};
      for (auto [ch, t] : kSingle) {
        if (ch == c) out.push_back({t, std::string(1, c), col});
      }
      ++i;
    } else if (c == '=' || c == '!' || c == '<' || c == '>') {
      std::string op(1, c);
      if (i + 1 < s.size() && s[i + 1] == '=') op += '=';
      if (op == "=" || op == "!") {
        return InvalidArgument("column " + std::to_string(col) + ": unexpected " + Quote(op) +
                               " (comparisons are ==, !=, <, <=, >, >=)");
      }
      out.push_back({Tok::kOp, op, col});
      i += op.size();
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      size_t j = i;
      while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
      out.push_back({Tok::kInt, std::string(s.substr(i, j - i)), col});
      i = j;
    } else if (IsIdentChar(c)) {
      size_t j = i;
      while (j < s.size() && IsIdentChar(s[j])) ++j;
      out.push_back({Tok::kIdent, std::string(s.substr(i, j - i)), col});
      i = j;
    } else {
      size_t j = i + 1;  // the whole UTF-8 character, for the message
      while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) ++j;
      return InvalidArgument("column " + std::to_string(col) + ": unexpected character " +
                             Quote(s.substr(i, j - i)));
    }
  }
  out.push_back({Tok::kEnd, "", s.size() + 1});
  return out;
}

}  // namespace rule_lexer

using rule_lexer::Lex;
using rule_lexer::Tok;
using rule_lexer::Token;

// Recursive-descent compiler from tokens to Rule::program_ (postfix with
// short-circuit jumps). Each "(" and "not" descends one level, counted
// against limits::kMaxRuleDepth before the descent; "and"/"or" chains loop.
// A category reference is one kCategory step.
class RuleCompiler {
 public:
  RuleCompiler(std::vector<Token> toks, const Rule::CategoryLookup& lookup)
      : toks_(std::move(toks)), lookup_(lookup) {}

  Status Compile(Rule* rule) {
    VERITY_RETURN_IF_ERROR(Or(&rule->program_));
    if (Peek().kind != Tok::kEnd) return Error("expected 'and', 'or' or the end of the rule");
    return Status::Ok();
  }

 private:
  using Program = std::vector<Rule::Step>;

  const Token& Peek() const { return toks_[pos_]; }
  const Token& Next() { return toks_[pos_++]; }
  bool AcceptWord(std::string_view w) {
    if (Peek().kind == Tok::kIdent && Peek().text == w) {
      ++pos_;
      return true;
    }
    return false;
  }
  Status Error(const std::string& what) const {
    const Token& t = Peek();
    std::string at = t.kind == Tok::kEnd ? "end of rule" : Quote(t.text);
    return InvalidArgument("column " + std::to_string(t.column) + ": " + what + ", found " + at);
  }

  // Binary operator chain with short-circuit: left J(target) pop? We keep
  // the left value on the stack, jump past the right side if it decides the
  // result, otherwise combine.
  template <typename Sub>
  Status Chain(Program* p, std::string_view word, Rule::Op jump, Rule::Op combine, Sub sub) {
    VERITY_RETURN_IF_ERROR((this->*sub)(p));
    while (AcceptWord(word)) {
      const size_t jump_at = p->size();
      p->push_back({jump, Field::kKind, 0});
      VERITY_RETURN_IF_ERROR((this->*sub)(p));
      p->push_back({combine, Field::kKind, 0});
      (*p)[jump_at].value = static_cast<int32_t>(p->size());
    }
    return Status::Ok();
  }

  Status Or(Program* p) {
    return Chain(p, "or", Rule::Op::kJumpIfTrue, Rule::Op::kOr, &RuleCompiler::And);
  }
  Status And(Program* p) {
    return Chain(p, "and", Rule::Op::kJumpIfFalse, Rule::Op::kAnd, &RuleCompiler::Unary);
  }

  Status Unary(Program* p) {
    const bool is_not = Peek().kind == Tok::kIdent && Peek().text == "not";
    if (!is_not && Peek().kind != Tok::kLParen) return Atom(p);
    if (depth_ == limits::kMaxRuleDepth) {
      return InvalidArgument("column " + std::to_string(Peek().column) +
                             ": parentheses and 'not' nested deeper than the limit of " +
                             std::to_string(limits::kMaxRuleDepth));
    }
    Next();
    ++depth_;
    if (is_not) {
      VERITY_RETURN_IF_ERROR(Unary(p));
      p->push_back({Rule::Op::kNot, Field::kKind, 0});
    } else {
      VERITY_RETURN_IF_ERROR(Or(p));
      if (Peek().kind != Tok::kRParen) return Error("expected ')'");
      Next();
    }
    --depth_;
    return Status::Ok();
  }

  Status Atom(Program* p) {
    if (Peek().kind != Tok::kIdent) return Error("expected a field, a category or '('");
    const Token name = Next();
    const FieldInfo* f = FindField(name.text);
    if (f == nullptr) return Category(name, p);
    if (Peek().kind == Tok::kOp) return Comparison(*f, p);
    if (AcceptWord("in")) return InList(*f, p);
    if (f->domain != FieldDomain::kBool) {
      return Error("field " + Quote(std::string(f->name)) + " needs a comparison (==, !=, in)");
    }
    p->push_back({Rule::Op::kEq, f->field, 1});
    return Status::Ok();
  }

  Status Category(const Token& name, Program* p) {
    const int index = lookup_ ? lookup_(name.text) : -1;
    if (index < 0 || index >= limits::kMaxCategories) {
      return InvalidArgument("column " + std::to_string(name.column) + ": " + Quote(name.text) +
                             " is neither a field (" + FieldNames() + ") nor an earlier category");
    }
    p->push_back({Rule::Op::kCategory, Field::kKind, index});
    return Status::Ok();
  }

  StatusOr<int32_t> Value(const FieldInfo& f) {
    const Token& t = Peek();
    if (f.domain == FieldDomain::kInt) {
      if (t.kind != Tok::kInt) return Error("expected an integer for " + std::string(f.name));
      int32_t v = 0;
      auto [ptr, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), v);
      if (ec != std::errc()) return Error("integer out of range");
      Next();
      return v;
    }
    if (t.kind != Tok::kIdent) return Error("expected a value for " + std::string(f.name));
    auto v = ParseValue(f.domain, t.text);
    if (!v) {
      return InvalidArgument("column " + std::to_string(t.column) + ": unknown value " +
                             Quote(t.text) + " for " + std::string(f.name) +
                             " (expected one of: " + DomainValueNames(f.domain) + ")");
    }
    Next();
    return *v;
  }

  Status Comparison(const FieldInfo& f, Program* p) {
    const Token op = Next();
    static constexpr std::pair<std::string_view, Rule::Op> kOps[] = {
        {"==", Rule::Op::kEq}, {"!=", Rule::Op::kNe}, {"<", Rule::Op::kLt},
        {"<=", Rule::Op::kLe}, {">", Rule::Op::kGt},  {">=", Rule::Op::kGe}};
    Rule::Op code = Rule::Op::kEq;
    for (auto [text, c] : kOps) {
      if (text == op.text) code = c;
    }
    const bool ordered = code != Rule::Op::kEq && code != Rule::Op::kNe;
    if (ordered && f.domain != FieldDomain::kInt) {
      return InvalidArgument("column " + std::to_string(op.column) + ": " + Quote(op.text) +
                             " needs an integer field, and " + std::string(f.name) + " is not one");
    }
    VERITY_ASSIGN_OR_RETURN(int32_t v, Value(f));
    p->push_back({code, f.field, v});
    return Status::Ok();
  }

  Status InList(const FieldInfo& f, Program* p) {
    if (f.domain == FieldDomain::kInt || f.domain == FieldDomain::kBool) {
      return Error("'in' needs a field with named values");
    }
    if (Peek().kind != Tok::kLBracket) return Error("expected '[' after 'in'");
    Next();
    int32_t bits = 0;
    do {
      VERITY_ASSIGN_OR_RETURN(int32_t v, Value(f));
      bits |= int32_t{1} << v;
    } while (Peek().kind == Tok::kComma && (Next(), true));
    if (Peek().kind != Tok::kRBracket) return Error("expected ',' or ']'");
    Next();
    p->push_back({Rule::Op::kIn, f.field, bits});
    return Status::Ok();
  }

  std::vector<Token> toks_;
  size_t pos_ = 0;
  int depth_ = 0;  // "(" and "not" levels open
  const Rule::CategoryLookup& lookup_;
};

StatusOr<Rule> Rule::Compile(std::string_view text, const CategoryLookup& categories) {
  VERITY_ASSIGN_OR_RETURN(auto toks, Lex(text));
  if (toks.size() == 1) return InvalidArgument("the rule is empty");
  Rule rule;
  rule.text_ = std::string(text);
  RuleCompiler compiler(std::move(toks), categories);
  VERITY_RETURN_IF_ERROR(compiler.Compile(&rule));
  // Matches() uses a fixed stack. The depth limit keeps every program within
  // it; this check keeps that true whatever the compiler becomes.
  int depth = 0, deepest = 0;
  for (const Step& s : rule.program_) {
    if (s.op == Op::kAnd || s.op == Op::kOr)
      --depth;
    else if (s.op != Op::kNot && s.op != Op::kJumpIfFalse && s.op != Op::kJumpIfTrue)
      ++depth;
    deepest = std::max(deepest, depth);
  }
  if (deepest > kStackSize) return Internal("a compiled rule needs more stack than Matches has");
  return rule;
}

bool Rule::Matches(const FactRow& facts, uint64_t earlier) const {
  bool stack[kStackSize];
  int top = -1;
  const size_t n = program_.size();
  for (size_t pc = 0; pc < n; ++pc) {
    const Step& s = program_[pc];
    const int32_t x = facts[static_cast<size_t>(s.field)];
    switch (s.op) {
      case Op::kEq:
        stack[++top] = x == s.value;
        break;
      case Op::kNe:
        stack[++top] = x != s.value;
        break;
      case Op::kLt:
        stack[++top] = x < s.value;
        break;
      case Op::kLe:
        stack[++top] = x <= s.value;
        break;
      case Op::kGt:
        stack[++top] = x > s.value;
        break;
      case Op::kGe:
        stack[++top] = x >= s.value;
        break;
      case Op::kIn:
        stack[++top] = x >= 0 && ((s.value >> x) & 1);
        break;
      case Op::kCategory:
        stack[++top] = (earlier >> s.value) & 1;
        break;
      case Op::kAnd:
        stack[top - 1] = stack[top - 1] && stack[top];
        --top;
        break;
      case Op::kOr:
        stack[top - 1] = stack[top - 1] || stack[top];
        --top;
        break;
      case Op::kNot:
        stack[top] = !stack[top];
        break;
      case Op::kJumpIfFalse:
        if (!stack[top]) pc = static_cast<size_t>(s.value) - 1;
        break;
      case Op::kJumpIfTrue:
        if (stack[top]) pc = static_cast<size_t>(s.value) - 1;
        break;
    }
  }
  return top == 0 && stack[0];
}

}  // namespace verity::treaty
