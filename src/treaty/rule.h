// The rule language: boolean expressions over an item's facts, compiled
// once into a flat program of integer comparisons.
//
// Grammar (docs/treaty-format.md):
//   expr    := or
//   or      := and ("or" and)*
//   and     := unary ("and" unary)*
//   unary   := "not" unary | "(" expr ")" | atom
//   atom    := FIELD ("==" | "!=") VALUE
//            | FIELD "in" "[" VALUE ("," VALUE)* "]"
//            | FIELD ("<" | "<=" | ">" | ">=") INTEGER    (integer fields)
//            | FIELD                                       (boolean fields)
//            | CATEGORY                                    (an earlier category)
//   FIELD   := a name from treaty/facts.h, e.g. kind, launcher.facility
//   VALUE   := a symbol of the field's domain (icbm_base), true/false, or an integer
//
// Thread safety: a compiled Rule is immutable and may be evaluated from
// many threads at once.
#ifndef VERITY_TREATY_RULE_H_
#define VERITY_TREATY_RULE_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "treaty/facts.h"

namespace verity::treaty {

class Rule {
 public:
  // Resolves a name that is not a field to an earlier category's rule;
  // nullptr if there is no such category.
  using CategoryLookup = std::function<const Rule*(std::string_view)>;

  // Compiles `text`. InvalidArgument names the column and what was expected,
  // e.g. "column 12: unknown value 'icbm_bse' for facility (expected one of: ...)".
  static StatusOr<Rule> Compile(std::string_view text, const CategoryLookup& categories);

  // Evaluates the rule on one item's facts.
  bool Matches(const FactRow& facts) const;

  const std::string& text() const { return text_; }

  // A program step. Comparisons push a bool; kAnd/kOr/kNot combine the top
  // of the stack. kJumpIfFalse/kJumpIfTrue short-circuit "and"/"or": they
  // inspect the top without popping and jump to `value` (a step index).
  enum class Op : uint8_t {
    kEq,
    kNe,
    kLt,
    kLe,
    kGt,
    kGe,
    kIn,
    kAnd,
    kOr,
    kNot,
    kJumpIfFalse,
    kJumpIfTrue
  };
  struct Step {
    Op op;
    Field field;
    int32_t value;  // constant, jump target, or (kIn) a bit set of values
  };

 private:
  static constexpr int kMaxDepth = 64;
  std::string text_;
  std::vector<Step> program_;
  friend class RuleCompiler;
};

}  // namespace verity::treaty

#endif  // VERITY_TREATY_RULE_H_
