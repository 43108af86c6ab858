#include "ledger/mirror.h"

#include <filesystem>
#include <map>

#include "core/file_io.h"
#include "ledger/notification.h"
#include "ledger/tile_export.h"
#include "tlog/checkpoint.h"
#include "tlog/limits.h"
#include "tlog/tiled_tree.h"

namespace verity::ledger {
namespace {

Status BadPath(std::string_view path, std::string_view why) {
  return InvalidArgument("mirror path '" + std::string(path.substr(0, 200)) +
                         "': " + std::string(why));
}

// The index of a verity/entries/<N> path (tile-path digits, no width).
StatusOr<uint64_t> RecordedEntryIndex(std::string_view path) {
  const std::string tile =
      "tile/entries/" + std::string(path.substr(std::string_view(kRecordedEntriesDir).size()));
  auto id = tlog::ParseTilePath(tile);
  if (!id.ok() || !id->full()) return BadPath(path, "not verity/entries/<N>");
  return id->index;
}

// The mirror's check of a signed checkpoint, as trust says.
StatusOr<tlog::Checkpoint> OpenTrusted(std::string_view note, const MirrorTrust& trust,
                                       MirrorReport* report) {
  VERITY_ASSIGN_OR_RETURN(tlog::PolicyVerdict v, tlog::CheckCheckpoint(trust.policy, note));
  for (const auto& c : v.cosigned) report->cosigned_by.push_back(c.witness);
  return v.checkpoint;
}

class EntryChecker {
 public:
  EntryChecker(MirrorSource& source, const std::vector<PublicKey>& keys, MirrorReport* report)
      : source_(source), report_(report) {
    for (const PublicKey& k : keys) keys_[k.key_id] = k;
  }

  Status operator()(uint64_t index, std::string_view item) {
    ++report_->entries;
    if (Status s = Check(index, item); !s.ok()) {
      if (report_->problems.size() < kMaxMirrorProblems) {
        report_->problems.push_back("entry " + std::to_string(index) + ": " +
                                    std::string(s.message()));
      }
      ++report_->problem_count;
    }
    return Status::Ok();  // the other entries are still checked
  }

 private:
  Status Check(uint64_t index, std::string_view item) {
    if (!IsLeafRecord(item)) return CheckEntry(item);
    ++report_->recorded;
    VERITY_ASSIGN_OR_RETURN(std::string entry, source_.Read(RecordedEntryPath(index)));
    if (entry.size() <= kMaxInlineEntryBytes) {
      return DataLoss("served beside the tiles but small enough to be in its bundle");
    }
    VERITY_RETURN_IF_ERROR(CheckRecord(item, entry));
    return CheckEntry(entry);
  }
  Status CheckEntry(std::string_view entry) {
    auto j = ParseJson(entry, "entry");
    if (!j.ok()) return DataLoss("not JSON");
    auto canonical = CanonicalJson(*j);
    if (!canonical.ok() || *canonical != entry) return DataLoss("not in canonical form");
    VERITY_ASSIGN_OR_RETURN(Notification n, ParseNotification(*j, Draft::kSigned, "entry"));
    const auto it = keys_.find(n.key_id);
    if (it == keys_.end()) return DataLoss("key_id: no party key " + n.key_id);
    if (it->second.party != n.party) {
      return DataLoss("key_id: key " + n.key_id + " is " + it->second.party + "'s, not " + n.party +
                      "'s");
    }
    return VerifyNotification(n, it->second);
  }

  MirrorSource& source_;
  MirrorReport* report_;
  std::map<std::string, PublicKey> keys_;
};

}  // namespace

StatusOr<size_t> MirrorFileLimit(std::string_view path) {
  if (path == "checkpoint") return tlog::kMaxNoteBytes;
  if (path == kPartyKeysPath) return kMaxPartyKeysBytes;
  if (path.starts_with(kRecordedEntriesDir)) {
    VERITY_RETURN_IF_ERROR(RecordedEntryIndex(path).status());
    return kMaxMirrorEntryBytes;
  }
  if (!tlog::ParseTilePath(path).ok()) return BadPath(path, "not a file of a ledger mirror");
  return tlog::kMaxEntryBundleBytes;
}

StatusOr<std::string> DirectoryMirror::Read(std::string_view path) {
  VERITY_ASSIGN_OR_RETURN(const size_t limit, MirrorFileLimit(path));
  const std::string file = root_ + "/" + std::string(path);
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return NotFound(std::string(path) + ": not in " + root_);
  auto bytes = ReadFile(file, limit);
  if (!bytes.ok()) return bytes.status().WithContext("mirror");
  return bytes;
}

StatusOr<std::vector<PublicKey>> ParsePartyKeys(std::string_view text, std::string_view where) {
  VERITY_ASSIGN_OR_RETURN(Json j, ParseJson(text, where));
  if (!j.is_array()) return InvalidArgument(std::string(where) + ": expected a JSON array");
  std::vector<PublicKey> out;
  for (size_t i = 0; i < j.size(); ++i) {
    VERITY_ASSIGN_OR_RETURN(PublicKey k, ParsePublicKey(j.at(i), JsonPathIndex(where, i)));
    out.push_back(std::move(k));
  }
  return out;
}

StatusOr<MirrorReport> VerifyMirror(MirrorSource& source, const MirrorTrust& trust) {
  MirrorReport report;
  VERITY_ASSIGN_OR_RETURN(std::string note, source.Read("checkpoint"));
  VERITY_ASSIGN_OR_RETURN(tlog::Checkpoint cp, OpenTrusted(note, trust, &report));
  report.origin = cp.origin;
  report.size = cp.size;
  report.root = cp.root;
  std::vector<PublicKey> keys = trust.party_keys;
  report.party_keys_pinned = !keys.empty();
  if (keys.empty()) {
    VERITY_ASSIGN_OR_RETURN(std::string text, source.Read(kPartyKeysPath));
    VERITY_ASSIGN_OR_RETURN(keys, ParsePartyKeys(text, kPartyKeysPath));
  }
  EntryChecker check(source, keys, &report);
  VERITY_RETURN_IF_ERROR(tlog::VerifyTiledTree(
      source, cp.size, cp.root,
      [&check](uint64_t index, std::string_view item) { return check(index, item); }));
  return report;
}

}  // namespace verity::ledger
