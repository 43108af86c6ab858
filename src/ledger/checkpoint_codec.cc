#include "ledger/checkpoint_codec.h"

#include <cstdint>

#include "forces/declaration_io.h"

namespace verity::ledger {
namespace {

constexpr std::string_view kMagic = "VCK1";

void PutVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

// Signed values (kNoIndex = -1 is common) zigzag-encoded.
void PutInt(int64_t v, std::string* out) {
  PutVarint((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63), out);
}

void PutString(std::string_view s, std::string* out) {
  PutVarint(s.size(), out);
  out->append(s);
}

// Reads what the Put functions wrote; any overrun sets `ok` to false and
// yields zeros, so decoding checks once at the end of each item.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : in_(bytes) {}

  uint64_t Varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= in_.size()) return Fail();
      const auto b = static_cast<uint8_t>(in_[pos_++]);
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) return v;
    }
    return Fail();
  }
  int64_t Int() {
    const uint64_t z = Varint();
    return static_cast<int64_t>(z >> 1) ^ -static_cast<int64_t>(z & 1);
  }
  // An integer in [lo, hi], or a failure.
  int32_t Bounded(int64_t lo, int64_t hi) {
    const int64_t v = Int();
    if (v < lo || v > hi) return static_cast<int32_t>(Fail());
    return static_cast<int32_t>(v);
  }
  std::string_view String() {
    const uint64_t n = Varint();
    if (n > in_.size() - pos_) {
      Fail();
      return {};
    }
    const std::string_view s = in_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  bool ok() const { return ok_; }
  bool done() const { return pos_ == in_.size(); }

 private:
  uint64_t Fail() {
    ok_ = false;
    pos_ = in_.size();
    return 0;
  }
  std::string_view in_;
  size_t pos_ = 0;
  bool ok_ = true;
};

void PutItem(const forces::Item& it, std::string* out) {
  PutString(it.uid, out);
  for (int64_t v : {it.type, it.facility, it.container, it.submarine, it.warheads, it.source})
    PutInt(v, out);
  for (int64_t v : {static_cast<int64_t>(it.kind), static_cast<int64_t>(it.role),
                    static_cast<int64_t>(it.conversion), static_cast<int64_t>(it.armament),
                    static_cast<int64_t>(it.eliminated)}) {
    PutInt(v, out);
  }
}

bool GetItem(Reader& r, const forces::Declaration& d, size_t item_count, forces::Item* it) {
  using forces::kNoIndex;
  const auto items = static_cast<int64_t>(item_count);
  it->uid = std::string(r.String());
  it->type = r.Bounded(0, static_cast<int64_t>(d.types.size()) - 1);
  it->facility = r.Bounded(kNoIndex, static_cast<int64_t>(d.facilities.size()) - 1);
  it->container = r.Bounded(kNoIndex, items - 1);
  it->submarine = r.Bounded(kNoIndex, items - 1);
  it->warheads = r.Bounded(0, INT32_MAX);
  it->source = r.Bounded(0, static_cast<int64_t>(d.sources.size()) - 1);
  it->kind = static_cast<forces::ItemKind>(r.Bounded(0, treaty::kItemKindCount - 1));
  it->role = static_cast<forces::Role>(r.Bounded(0, treaty::kRoleCount - 1));
  it->conversion = static_cast<forces::Conversion>(r.Bounded(0, treaty::kConversionCount - 1));
  it->armament = static_cast<forces::Armament>(r.Bounded(0, treaty::kArmamentCount - 1));
  it->eliminated = r.Bounded(0, 1) != 0;
  return r.ok() && !it->uid.empty();
}

}  // namespace

std::string EncodeCheckpoint(forces::Declaration state) {
  if (!state.item_ranges.empty()) return forces::DeclarationToJson(state).dump();
  const std::vector<forces::Item> items = std::move(state.items);
  state.items.clear();  // the header: the declaration without its items
  std::string out(kMagic);
  PutString(forces::DeclarationToJson(state).dump(), &out);
  PutVarint(state.sources.size(), &out);
  for (const std::string& s : state.sources) PutString(s, &out);
  PutVarint(items.size(), &out);
  for (const forces::Item& it : items) PutItem(it, &out);
  return out;
}

StatusOr<forces::Declaration> DecodeCheckpoint(std::string_view bytes, const std::string& what) {
  if (bytes.substr(0, kMagic.size()) != kMagic) {
    auto d = forces::ParseDeclarationText(bytes, what);  // the JSON form
    if (!d.ok()) return DataLoss(d.status().message());
    return d;
  }
  auto corrupt = [&what](std::string_view why) { return DataLoss(what + ": " + std::string(why)); };
  Reader r(bytes.substr(kMagic.size()));
  const std::string_view header = r.String();
  if (!r.ok()) return corrupt("truncated header");
  auto parsed = forces::ParseDeclarationText(header, what);
  if (!parsed.ok()) return DataLoss(parsed.status().message());
  forces::Declaration d = std::move(*parsed);
  const uint64_t sources = r.Varint();
  if (!r.ok() || sources == 0 || sources > bytes.size()) return corrupt("bad provenance count");
  d.sources.clear();
  for (uint64_t i = 0; i < sources && r.ok(); ++i) d.sources.emplace_back(r.String());
  const uint64_t count = r.Varint();
  if (!r.ok() || count > bytes.size()) return corrupt("bad item count");
  d.items.resize(count);
  for (uint64_t i = 0; i < count; ++i) {
    if (!GetItem(r, d, count, &d.items[i]))
      return corrupt("item " + std::to_string(i) + " does not decode");
  }
  if (!r.done()) return corrupt("trailing bytes");
  d.BuildIndex();
  if (d.item_index.size() != d.items.size()) return corrupt("repeated item uid");
  return d;
}

}  // namespace verity::ledger
