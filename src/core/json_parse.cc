// ParseJson: nlohmann's SAX parser (which keeps its own state on the heap,
// not the call stack) feeding a DOM builder that refuses, as they occur, a
// container nested deeper than the limit and a key that repeats in its
// object. Nothing here recurses, so no input can exhaust the stack.
#include <iterator>
#include <vector>

#include "core/json.h"
#include "core/limits.h"
#include "core/text.h"

namespace verity {
namespace {

// A pointer iterator that publishes how far the parser has read, so SAX
// callbacks (which nlohmann gives no position) can say where they are.
class TrackingIterator {
 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  TrackingIterator(const char* p, const char** seen) : p_(p), seen_(seen) {}
  reference operator*() const { return *p_; }
  TrackingIterator& operator++() {
    *seen_ = ++p_;
    return *this;
  }
  TrackingIterator operator++(int) {
    TrackingIterator old = *this;
    ++*this;
    return old;
  }
  bool operator==(const TrackingIterator& o) const { return p_ == o.p_; }
  bool operator!=(const TrackingIterator& o) const { return p_ != o.p_; }

 private:
  const char* p_;
  const char** seen_;
};

class DomBuilder {
 public:
  DomBuilder(std::string_view text, std::string_view source, int max_depth)
      : text_(text), source_(source), max_depth_(max_depth), seen_(text.data()) {}

  const char** seen() { return &seen_; }
  Json& root() { return root_; }
  Status& status() { return status_; }

  bool null() { return Add(Json(nullptr)); }
  bool boolean(bool v) { return Add(Json(v)); }
  bool number_integer(Json::number_integer_t v) { return Add(Json(v)); }
  bool number_unsigned(Json::number_unsigned_t v) { return Add(Json(v)); }
  bool number_float(Json::number_float_t v, const std::string&) { return Add(Json(v)); }
  bool string(std::string& v) { return Add(Json(std::move(v))); }
  bool binary(Json::binary_t& v) { return Add(Json::binary(std::move(v))); }
  bool start_object(size_t) { return Open(Json::object()); }
  bool start_array(size_t) { return Open(Json::array()); }
  bool end_object() { return Close(); }
  bool end_array() { return Close(); }
  bool key(std::string& k);
  bool parse_error(size_t position, const std::string& last_token,
                   const nlohmann::json::exception& e);

 private:
  struct Frame {
    Json* value;
    Json* member = nullptr;            // objects: the member whose value comes next
    const std::string* key = nullptr;  // ... and its key
  };

  bool Add(Json v);
  bool Open(Json container);
  bool Close() {
    stack_.pop_back();
    return true;
  }
  bool Fail(size_t offset, const std::string& what);
  std::string PathOfTop() const;
  size_t KeyStart(size_t after) const;

  std::string_view text_, source_;
  int max_depth_;
  const char* seen_;  // one past the last byte the parser has read
  Json root_;
  std::vector<Frame> stack_;
  Status status_;
};

bool DomBuilder::Add(Json v) {
  if (stack_.empty()) {
    root_ = std::move(v);
    return true;
  }
  Frame& top = stack_.back();
  if (top.value->is_array()) {
    top.value->get_ref<Json::array_t&>().push_back(std::move(v));
  } else {
    *top.member = std::move(v);
  }
  return true;
}

bool DomBuilder::Open(Json container) {
  // The parser has just read the '[' or '{'.
  if (static_cast<int>(stack_.size()) >= max_depth_) {
    return Fail(
        static_cast<size_t>(seen_ - text_.data()) - 1,
        "nested deeper than the limit of " + std::to_string(max_depth_) + " arrays and objects");
  }
  Add(std::move(container));
  Json* added = stack_.empty()                    ? &root_
                : stack_.back().value->is_array() ? &stack_.back().value->back()
                                                  : stack_.back().member;
  stack_.push_back({added});
  return true;
}

bool DomBuilder::key(std::string& k) {
  Frame& top = stack_.back();
  auto& members = top.value->get_ref<Json::object_t&>();
  // try_emplace leaves `k` alone when the key is already there.
  auto [it, inserted] = members.try_emplace(std::move(k), nullptr);
  if (!inserted) {
    const size_t at = KeyStart(static_cast<size_t>(seen_ - text_.data()));
    return Fail(at, JsonPathField(PathOfTop(), it->first) +
                        ": duplicate key (a key may appear once in an object)");
  }
  top.member = &it->second;
  top.key = &it->first;
  return true;
}

// What the lexer refused, in Verity's words (its own name the first
// phrase of its message; the message itself is not passed on).
constexpr std::pair<std::string_view, std::string_view> kLexerErrors[] = {
    {"surrogate", "a \\u escape of a lone UTF-16 surrogate (U+D800..U+DFFF come in pairs)"},
    {"control character", "a control character in a string (it must be escaped)"},
    {"must be followed by 4 hex digits", "\\u must be followed by four hex digits"},
    {"after backslash", "an unknown escape after a backslash"},
    {"missing closing quote", "a string that is not closed"},
    {"invalid number", "a malformed number"},
    {"invalid literal", "an unknown word (expected true, false or null)"},
};

// The character of valid UTF-8 `text` that starts at `at`.
std::string_view CharAt(std::string_view text, size_t at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  const size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  return text.substr(at, len);
}

// The parser's own words are not passed on: what it says depends on its
// version and names its grammar's tokens. The error says where, and what
// was found there.
bool DomBuilder::parse_error(size_t position, const std::string& last_token,
                             const nlohmann::json::exception& e) {
  const size_t at = position == 0 ? 0 : position - 1;
  if (text_.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Fail(0, "empty (expected a JSON value)");
  }
  if (dynamic_cast<const nlohmann::json::out_of_range*>(&e) != nullptr) {
    return Fail(at, "invalid JSON: the number " + Quote(last_token, 40) + " is out of range");
  }
  const std::string_view what = e.what();
  for (const auto& [says, means] : kLexerErrors) {
    if (what.find(says) != std::string_view::npos) {
      return Fail(at, "invalid JSON: " + std::string(means));
    }
  }
  if (at >= text_.size()) {
    return Fail(at, "invalid JSON: the text ends before the value is complete");
  }
  return Fail(at, "invalid JSON: unexpected " + Quote(CharAt(text_, at)));
}

bool DomBuilder::Fail(size_t offset, const std::string& what) {
  const auto [line, col] = LineColumn(text_, offset);
  status_ = InvalidArgument(std::string(source_) + ": line " + std::to_string(line) + ", column " +
                            std::to_string(col) + ": " + what);
  return false;
}

// The JSON path of the innermost open container ("" for the root).
std::string DomBuilder::PathOfTop() const {
  std::string path;
  for (size_t i = 0; i + 1 < stack_.size(); ++i) {
    const Frame& f = stack_[i];
    if (f.value->is_array()) {
      path = JsonPathIndex(path, f.value->size() - 1);
    } else {
      path = JsonPathField(path, *f.key);
    }
  }
  return path;
}

// The offset of the opening quote of the key whose closing quote is just
// before `after`.
size_t DomBuilder::KeyStart(size_t after) const {
  size_t i = after >= 2 ? after - 2 : 0;
  while (i > 0) {
    if (text_[i] == '"') {
      size_t slashes = 0;
      while (slashes < i && text_[i - 1 - slashes] == '\\') ++slashes;
      if (slashes % 2 == 0) return i;
    }
    --i;
  }
  return 0;
}

}  // namespace

StatusOr<Json> ParseJson(std::string_view text, std::string_view source, int max_depth) {
  VERITY_RETURN_IF_ERROR(CheckUtf8Text(text, source));
  DomBuilder builder(text, source, max_depth);
  const char* const begin = text.data();
  const bool ok = Json::sax_parse(TrackingIterator(begin, builder.seen()),
                                  TrackingIterator(begin + text.size(), builder.seen()), &builder,
                                  nlohmann::json::input_format_t::json, /*strict=*/true,
                                  /*ignore_comments=*/false);
  if (!ok) {
    if (!builder.status().ok()) return builder.status();
    return InvalidArgument(std::string(source) + ": invalid JSON");
  }
  return std::move(builder.root());
}

StatusOr<Json> ParseJson(std::string_view text, std::string_view source) {
  return ParseJson(text, source, limits::kMaxJsonDepth);
}

}  // namespace verity
