#include "tlog/tiles.h"

#include <cstring>
#include <filesystem>
#include <system_error>

#include "core/file_io.h"
#include "tlog/encoding.h"

namespace verity::tlog {
namespace {

Status BadPath(std::string_view path, std::string_view why) {
  return InvalidArgument("tile path '" + std::string(path.substr(0, kMaxTilePathBytes)) +
                         "': " + std::string(why));
}

// Three decimal digits, all of them.
bool ThreeDigits(std::string_view s, uint64_t* v) {
  if (s.size() != 3) return false;
  *v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    *v = *v * 10 + static_cast<uint64_t>(c - '0');
  }
  return true;
}

std::string Pad3(uint64_t v) {
  std::string s = std::to_string(v);
  return std::string(3 - s.size(), '0') + s;
}

// Parses the <N> segments; false unless canonical (no superfluous x000).
bool ParseIndex(const std::vector<std::string_view>& segs, uint64_t* index) {
  if (segs.empty() || segs.size() > 7) return false;
  uint64_t n = 0;
  for (size_t i = 0; i < segs.size(); ++i) {
    std::string_view s = segs[i];
    const bool last = i + 1 == segs.size();
    if (!last) {
      if (s.empty() || s[0] != 'x') return false;
      s.remove_prefix(1);
    }
    uint64_t d;
    if (!ThreeDigits(s, &d)) return false;
    if (i == 0 && !last && d == 0) return false;
    if (n > (kMaxTreeSize - d) / 1000) return false;
    n = n * 1000 + d;
  }
  *index = n;
  return true;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    const size_t p = s.find(sep, start);
    out.push_back(s.substr(start, p == std::string_view::npos ? s.npos : p - start));
    if (p == std::string_view::npos) return out;
    start = p + 1;
  }
}

}  // namespace

std::string TilePath(const TileId& id) {
  std::string n = Pad3(id.index % 1000);
  for (uint64_t v = id.index / 1000; v > 0; v /= 1000) n = "x" + Pad3(v % 1000) + "/" + n;
  std::string path = "tile/";
  path += id.level == kEntriesLevel ? "entries" : std::to_string(id.level);
  path += "/" + n;
  if (!id.full()) path += ".p/" + std::to_string(id.width);
  return path;
}

StatusOr<TileId> ParseTilePath(std::string_view path) {
  if (path.size() > kMaxTilePathBytes) return BadPath(path, "too long");
  std::vector<std::string_view> segs = Split(path, '/');
  if (segs.size() < 3 || segs[0] != "tile") return BadPath(path, "expected tile/<L>/<N>");
  TileId id;
  if (segs[1] == "entries") {
    id.level = kEntriesLevel;
  } else {
    auto level = ParseDecimal(segs[1], "level", kMaxTileLevel);
    if (!level.ok()) return BadPath(path, "the level is not a number from 0 to 63");
    id.level = static_cast<int>(*level);
  }
  segs.erase(segs.begin(), segs.begin() + 2);
  if (segs.size() >= 2 && segs[segs.size() - 2].ends_with(".p")) {
    auto width = ParseDecimal(segs.back(), "width", kTileWidth - 1);
    if (!width.ok() || *width == 0) return BadPath(path, "the width is not from 1 to 255");
    id.width = static_cast<size_t>(*width);
    segs.pop_back();
    segs.back().remove_suffix(2);
  }
  if (!ParseIndex(segs, &id.index)) return BadPath(path, "the index is not in x000/000 form");
  return id;
}

std::optional<TileId> PartialTile(int level, uint64_t size) {
  const int shift = 8 * (level == kEntriesLevel ? 0 : level);
  if (shift >= 64) return std::nullopt;
  const uint64_t row = size >> shift;
  const size_t width = row % kTileWidth;
  if (width == 0) return std::nullopt;
  return TileId{level, row / kTileWidth, width};
}

std::vector<TileId> NewTiles(uint64_t old_size, uint64_t new_size) {
  std::vector<TileId> out;
  for (int level = kEntriesLevel; level <= kMaxTileLevel; ++level) {
    const int shift = 8 * (level == kEntriesLevel ? 0 : level);
    if (shift >= 64 || (new_size >> shift) == 0) break;
    const uint64_t old_row = old_size >> shift, new_row = new_size >> shift;
    for (uint64_t n = old_row / kTileWidth; n < new_row / kTileWidth; ++n) {
      out.push_back(TileId{level, n});
    }
    const auto partial = PartialTile(level, new_size);
    if (partial && partial != PartialTile(level, old_size)) out.push_back(*partial);
  }
  return out;
}

StatusOr<std::string> EncodeEntryBundle(const std::vector<std::string>& entries) {
  std::string out;
  for (const std::string& e : entries) {
    if (e.size() > kMaxEntryBytes) {
      return InvalidArgument("entry bundle: an entry of " + std::to_string(e.size()) +
                             " bytes is above the 65,535 a bundle can hold");
    }
    out.push_back(static_cast<char>(e.size() >> 8));
    out.push_back(static_cast<char>(e.size() & 0xFF));
    out += e;
  }
  return out;
}

StatusOr<std::vector<std::string>> ParseEntryBundle(std::string_view bytes, size_t count) {
  if (bytes.size() > kMaxEntryBundleBytes) return InvalidArgument("entry bundle: too large");
  std::vector<std::string> out;
  out.reserve(count);
  size_t pos = 0;
  while (out.size() < count) {
    if (bytes.size() - pos < 2) {
      return InvalidArgument("entry bundle: ends after " + std::to_string(out.size()) + " of " +
                             std::to_string(count) + " entries");
    }
    const size_t len = static_cast<size_t>(static_cast<unsigned char>(bytes[pos])) << 8 |
                       static_cast<unsigned char>(bytes[pos + 1]);
    pos += 2;
    if (bytes.size() - pos < len) {
      return InvalidArgument("entry bundle: entry " + std::to_string(out.size()) + " is cut short");
    }
    out.emplace_back(bytes.substr(pos, len));
    pos += len;
  }
  if (pos != bytes.size()) {
    return InvalidArgument("entry bundle: bytes after the last of " + std::to_string(count) +
                           " entries");
  }
  return out;
}

StatusOr<std::vector<Hash256>> ParseHashTile(std::string_view bytes, size_t width) {
  if (bytes.size() != width * 32) {
    return InvalidArgument("hash tile: " + std::to_string(bytes.size()) + " bytes, expected " +
                           std::to_string(width * 32));
  }
  std::vector<Hash256> out(width);
  for (size_t i = 0; i < width; ++i) std::memcpy(out[i].data(), bytes.data() + 32 * i, 32);
  return out;
}

std::string EncodeHashTile(const std::vector<Hash256>& hashes) {
  std::string out;
  out.reserve(hashes.size() * 32);
  for (const Hash256& h : hashes) out.append(reinterpret_cast<const char*>(h.data()), 32);
  return out;
}

StatusOr<std::string> DirectoryTileReader::Read(std::string_view path) {
  if (path != "checkpoint") VERITY_RETURN_IF_ERROR(ParseTilePath(path).status());
  const std::string file = root_ + "/" + std::string(path);
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) return NotFound(std::string(path) + ": not found in " + root_);
  if (size > kMaxEntryBundleBytes) return InvalidArgument(std::string(path) + ": too large");
  return ReadFile(file);
}

}  // namespace verity::tlog
