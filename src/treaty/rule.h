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
// Limits (core/limits.h): parentheses and `not`s nest at most
// limits::kMaxRuleDepth deep, checked as the compiler descends, so no rule
// can exhaust the stack. A category reference compiles to one step that
// reads the earlier category's result, so a program is linear in its own
// text whatever the categories it names (an inlined copy would double with
// each `c and c` level).
//
// Thread safety: a compiled Rule is immutable and may be evaluated from
// many threads at once.
#ifndef VERITY_TREATY_RULE_H_
#define VERITY_TREATY_RULE_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/limits.h"
#include "core/status.h"
#include "treaty/facts.h"

namespace verity::treaty {

class Rule {
 public:
  // Resolves a name that is not a field to the index of an earlier
  // category (0..63); -1 if there is no such category.
  using CategoryLookup = std::function<int(std::string_view)>;

  // Compiles `text`. InvalidArgument names the column and what was expected,
  // e.g. "column 12: unknown value 'icbm_bse' for facility (expected one of: ...)",
  // or "column 130: parentheses and 'not' nested deeper than the limit of 64".
  static StatusOr<Rule> Compile(std::string_view text, const CategoryLookup& categories);

  // Evaluates the rule on one item's facts. Bit i of `earlier` says whether
  // the item is in category i. REQUIRES: the bits of the categories the
  // rule names are set as those categories decide (Treaty::CategoriesOf
  // evaluates them in order).
  bool Matches(const FactRow& facts, uint64_t earlier = 0) const;

  const std::string& text() const { return text_; }
  // Steps in the compiled program: linear in the rule's own text.
  size_t size() const { return program_.size(); }

  // A program step. Comparisons push a bool; kCategory pushes bit `value`
  // of `earlier`; kAnd/kOr/kNot combine the top of the stack.
  // kJumpIfFalse/kJumpIfTrue short-circuit "and"/"or": they inspect the top
  // without popping and jump to `value` (a step index).
  enum class Op : uint8_t {
    kEq,
    kNe,
    kLt,
    kLe,
    kGt,
    kGe,
    kIn,
    kCategory,
    kAnd,
    kOr,
    kNot,
    kJumpIfFalse,
    kJumpIfTrue
  };
  struct Step {
    Op op;
    Field field;
    int32_t value;  // constant, jump target, category, or (kIn) a bit set of values
  };

 private:
  // Values a program can hold on its stack at once: one pending left
  // operand per level of parentheses, and the value being computed.
  static constexpr int kStackSize = limits::kMaxRuleDepth + 2;
  std::string text_;
  std::vector<Step> program_;
  friend class RuleCompiler;
};

}  // namespace verity::treaty

#endif  // VERITY_TREATY_RULE_H_
