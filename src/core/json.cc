#include "core/json.h"

#include <algorithm>

#include "core/text.h"

namespace verity {
namespace {

constexpr size_t kMaxPlainKey = 64;

bool IsPlainKey(std::string_view key) {
  if (key.empty() || key.size() > kMaxPlainKey) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
  });
}

}  // namespace

Status CheckIntegral(const Json& value, std::string_view path) {
  if (value.is_number_float()) {
    return InvalidArgument(std::string(path) + ": " + value.dump() +
                           " is not an integer (canonical JSON here holds integers only)");
  }
  if (value.is_object()) {
    for (const auto& [key, child] : value.items()) {
      VERITY_RETURN_IF_ERROR(CheckIntegral(child, JsonPathField(path, key)));
    }
  } else if (value.is_array()) {
    for (size_t i = 0; i < value.size(); ++i) {
      VERITY_RETURN_IF_ERROR(CheckIntegral(value[i], JsonPathIndex(path, i)));
    }
  }
  return Status::Ok();
}

std::string JsonPathIndex(std::string_view base, size_t index) {
  return std::string(base) + "[" + std::to_string(index) + "]";
}

std::string JsonPathField(std::string_view base, std::string_view key) {
  const std::string k = IsPlainKey(key) ? std::string(key) : Quote(key, kMaxPlainKey);
  if (base.empty()) return k;
  return std::string(base) + "." + k;
}

std::string JsonTypeName(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::boolean:
      return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      return "an integer";
    case Json::value_t::number_float:
      return "a decimal number";
    default:
      return "an unsupported value";
  }
}

namespace {

// One rule for null: a member that is present is read, and null is not a
// value of any field ("<path>: null is not allowed"), never taken as absent.
Status RefuseNull(const Json& obj, std::string_view key, const std::string& path) {
  const auto it = obj.find(key);
  if (it != obj.end() && it->is_null()) return InvalidArgument(path + ": null is not allowed");
  return Status::Ok();
}

}  // namespace

FieldReader::FieldReader(const Json& obj, std::string path) : obj_(obj), path_(std::move(path)) {}

Status FieldReader::CheckObject() const {
  if (obj_.is_object()) return Status::Ok();
  return InvalidArgument((path_.empty() ? std::string("document") : path_) +
                         ": expected an object, got " + JsonTypeName(obj_));
}

const Json* FieldReader::Find(std::string_view key) const {
  if (!obj_.is_object()) return nullptr;
  const auto it = obj_.find(key);  // a transparent comparator: no key copy
  if (it == obj_.end() || it->is_null()) return nullptr;
  return &*it;
}

bool FieldReader::Has(std::string_view key) const {
  return obj_.is_object() && obj_.contains(key);  // a null is there, and refused when read
}

StatusOr<const Json*> FieldReader::Member(std::string_view key) const {
  VERITY_RETURN_IF_ERROR(CheckObject());
  VERITY_RETURN_IF_ERROR(RefuseNull(obj_, key, PathOf(key)));
  const Json* v = Find(key);
  if (v == nullptr) return InvalidArgument(PathOf(key) + ": missing (required)");
  return v;
}

StatusOr<const Json*> FieldReader::OptArray(std::string_view key) const {
  VERITY_RETURN_IF_ERROR(CheckObject());
  VERITY_RETURN_IF_ERROR(RefuseNull(obj_, key, PathOf(key)));
  const Json* v = Find(key);
  if (v == nullptr) return v;
  if (!v->is_array())
    return InvalidArgument(PathOf(key) + ": expected an array, got " + JsonTypeName(*v));
  return v;
}

StatusOr<std::optional<std::string>> FieldReader::OptString(std::string_view key) const {
  VERITY_RETURN_IF_ERROR(CheckObject());
  VERITY_RETURN_IF_ERROR(RefuseNull(obj_, key, PathOf(key)));
  const Json* v = Find(key);
  if (v == nullptr) return std::optional<std::string>();
  if (!v->is_string())
    return InvalidArgument(PathOf(key) + ": expected a string, got " + JsonTypeName(*v));
  return std::optional<std::string>(v->get_ref<const std::string&>());
}

StatusOr<std::string> FieldReader::String(std::string_view key) const {
  VERITY_ASSIGN_OR_RETURN(auto v, OptString(key));
  if (!v) return InvalidArgument(PathOf(key) + ": missing (required string)");
  if (v->empty()) return InvalidArgument(PathOf(key) + ": expected a non-empty string");
  return *v;
}

StatusOr<std::optional<int64_t>> FieldReader::OptInt(std::string_view key, int64_t min,
                                                     int64_t max) const {
  VERITY_RETURN_IF_ERROR(CheckObject());
  VERITY_RETURN_IF_ERROR(RefuseNull(obj_, key, PathOf(key)));
  const Json* found = Find(key);
  if (found == nullptr) return std::optional<int64_t>();
  const Json& v = *found;
  if (!v.is_number_integer()) {
    return InvalidArgument(PathOf(key) + ": expected an integer, got " + JsonTypeName(v));
  }
  if (v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
    return InvalidArgument(PathOf(key) + ": " + v.dump() + " is out of range");
  }
  const int64_t n = v.get<int64_t>();
  if (n < min || n > max) {
    return InvalidArgument(PathOf(key) + ": " + std::to_string(n) + " is out of range (expected " +
                           std::to_string(min) + ".." + std::to_string(max) + ")");
  }
  return std::optional<int64_t>(n);
}

StatusOr<int64_t> FieldReader::Int(std::string_view key, int64_t min, int64_t max) const {
  VERITY_ASSIGN_OR_RETURN(auto v, OptInt(key, min, max));
  if (!v) return InvalidArgument(PathOf(key) + ": missing (required integer)");
  return *v;
}

StatusOr<bool> FieldReader::OptBool(std::string_view key, bool fallback) const {
  VERITY_RETURN_IF_ERROR(CheckObject());
  VERITY_RETURN_IF_ERROR(RefuseNull(obj_, key, PathOf(key)));
  const Json* found = Find(key);
  if (found == nullptr) return fallback;
  const Json& v = *found;
  if (!v.is_boolean())
    return InvalidArgument(PathOf(key) + ": expected true or false, got " + JsonTypeName(v));
  return v.get<bool>();
}

StatusOr<std::optional<Date>> FieldReader::OptDate(std::string_view key) const {
  VERITY_ASSIGN_OR_RETURN(auto s, OptString(key));
  if (!s) return std::optional<Date>();
  auto d = Date::Parse(*s);
  if (!d.ok()) return d.status().WithContext(PathOf(key));
  return std::optional<Date>(*d);
}

StatusOr<Date> FieldReader::DateField(std::string_view key) const {
  VERITY_ASSIGN_OR_RETURN(auto d, OptDate(key));
  if (!d) return InvalidArgument(PathOf(key) + ": missing (required date YYYY-MM-DD)");
  return *d;
}

Status FieldReader::RejectUnknown(std::initializer_list<std::string_view> known) const {
  VERITY_RETURN_IF_ERROR(CheckObject());
  for (const auto& [k, v] : obj_.items()) {
    if (std::find(known.begin(), known.end(), k) == known.end()) {
      std::string list;
      for (auto n : known) list += (list.empty() ? "" : ", ") + std::string(n);
      return InvalidArgument(PathOf(k) + ": unknown field (expected one of: " + list + ")");
    }
  }
  return Status::Ok();
}

}  // namespace verity
