// CanonicalJson: the RFC 8785 (JCS) encoding, written directly rather than
// through nlohmann's dump(), whose objects come out in UTF-8 byte order.
#include <algorithm>
#include <vector>

#include "core/json.h"
#include "core/limits.h"
#include "core/text.h"

namespace verity {
namespace {

// The first byte of a UTF-8 sequence is never 10xxxxxx.
bool IsLead(unsigned char c) { return (c & 0xC0) != 0x80; }

// The code point whose UTF-8 sequence starts at s[i], for well-formed
// UTF-8 (on other bytes some number, never a read past the end).
uint32_t DecodeAt(std::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return c;
  const size_t n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  uint32_t cp = c & (0x7F >> n);
  for (size_t k = 1; k < n && i + k < s.size(); ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  }
  return cp;
}

// A key that orders code points as their UTF-16 code units do: the BMP
// above the surrogates (U+E000..U+FFFF) sorts after every supplementary
// code point, whose lead surrogate is 0xD800..0xDBFF.
uint32_t Utf16Rank(uint32_t cp) { return cp >= 0xE000 && cp <= 0xFFFF ? cp + 0x200000 : cp; }

void AppendString(std::string_view s, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  size_t run = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(s, run, i - run);
    run = i + 1;
    out->push_back('\\');
    switch (c) {
      case '"':
      case '\\':
        out->push_back(static_cast<char>(c));
        break;
      case '\b':
        out->push_back('b');
        break;
      case '\t':
        out->push_back('t');
        break;
      case '\n':
        out->push_back('n');
        break;
      case '\f':
        out->push_back('f');
        break;
      case '\r':
        out->push_back('r');
        break;
      default:
        out->append("u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 15]);
    }
  }
  out->append(s, run, s.size() - run);
  out->push_back('"');
}

class Writer {
 public:
  explicit Writer(std::string* out) : out_(out) {}

  Status Write(const Json& v, int depth) {
    switch (v.type()) {
      case Json::value_t::null:
        out_->append("null");
        return Status::Ok();
      case Json::value_t::boolean:
        out_->append(v.get<bool>() ? "true" : "false");
        return Status::Ok();
      case Json::value_t::number_integer:
        out_->append(std::to_string(v.get<int64_t>()));
        return Status::Ok();
      case Json::value_t::number_unsigned:
        out_->append(std::to_string(v.get<uint64_t>()));
        return Status::Ok();
      case Json::value_t::string:
        return WriteString(v.get_ref<const std::string&>());
      case Json::value_t::array:
        return WriteArray(v, depth + 1);
      case Json::value_t::object:
        return WriteObject(v, depth + 1);
      case Json::value_t::number_float:
        return InvalidArgument("canonical JSON allows only integral numbers");
      default:
        return InvalidArgument("canonical JSON holds only JSON values (not " + JsonTypeName(v) +
                               ")");
    }
  }

 private:
  Status CheckDepth(int depth) const {
    if (depth <= limits::kMaxJsonDepth) return Status::Ok();
    return InvalidArgument("canonical JSON: nested deeper than the limit of " +
                           std::to_string(limits::kMaxJsonDepth) + " arrays and objects");
  }

  Status WriteString(std::string_view s) {
    if (auto bad = FindInvalidUtf8(s)) {
      return InvalidArgument("canonical JSON: a string is not valid UTF-8 (" +
                             std::string(bad->reason) + " at byte " + std::to_string(bad->offset) +
                             ")");
    }
    AppendString(s, out_);
    return Status::Ok();
  }

  Status WriteArray(const Json& v, int depth) {
    VERITY_RETURN_IF_ERROR(CheckDepth(depth));
    out_->push_back('[');
    bool first = true;
    for (const Json& e : v) {
      if (!first) out_->push_back(',');
      first = false;
      VERITY_RETURN_IF_ERROR(Write(e, depth));
    }
    out_->push_back(']');
    return Status::Ok();
  }

  Status WriteObject(const Json& v, int depth) {
    VERITY_RETURN_IF_ERROR(CheckDepth(depth));
    using Member = Json::object_t::const_pointer;
    const auto& members = v.get_ref<const Json::object_t&>();
    std::vector<Member> order;
    order.reserve(members.size());
    for (const auto& m : members) order.push_back(&m);
    // The map holds UTF-8 byte order, which differs from UTF-16 order only
    // for keys with characters at or above U+E000: sort only then.
    auto less = [](Member a, Member b) { return JcsKeyLess(a->first, b->first); };
    if (!std::is_sorted(order.begin(), order.end(), less))
      std::sort(order.begin(), order.end(), less);
    out_->push_back('{');
    for (size_t i = 0; i < order.size(); ++i) {
      if (i > 0) out_->push_back(',');
      VERITY_RETURN_IF_ERROR(WriteString(order[i]->first));
      out_->push_back(':');
      VERITY_RETURN_IF_ERROR(Write(order[i]->second, depth));
    }
    out_->push_back('}');
    return Status::Ok();
  }

  std::string* out_;
};

}  // namespace

bool JcsKeyLess(std::string_view a, std::string_view b) {
  const size_t n = std::min(a.size(), b.size());
  size_t i = 0;
  while (i < n && a[i] == b[i]) ++i;
  if (i == n) return a.size() < b.size();  // one is a prefix of the other
  // Both differ inside the same character: step back to its first byte.
  while (i > 0 && !IsLead(static_cast<unsigned char>(a[i]))) --i;
  return Utf16Rank(DecodeAt(a, i)) < Utf16Rank(DecodeAt(b, i));
}

StatusOr<std::string> CanonicalJson(const Json& value) {
  std::string out;
  VERITY_RETURN_IF_ERROR(Writer(&out).Write(value, 0));
  return out;
}

}  // namespace verity
