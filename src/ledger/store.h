// The ledger store: one SQLite database (WAL) in a data folder holding the
// log entries, party keys, signed tree heads and ambiguities, plus the log's
// secret key file (docs/ledger-format.md).
//
// Append is all-or-nothing: every notification of a batch is parsed,
// schema-checked, its key looked up (the key must belong to the
// notification's party), its signature verified and its serial checked
// (greater than the party's last) before one transaction stores the batch,
// its ambiguities and a new signed tree head. A batch with any error changes
// nothing. A committed append survives a crash (synchronous=FULL).
//
// Thread safety: a Ledger is used by one thread at a time. Several
// processes may open one folder; appends are serialised by SQLite's write
// lock and each append re-reads the log's state inside its transaction.
#ifndef VERITY_LEDGER_STORE_H_
#define VERITY_LEDGER_STORE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/hash.h"
#include "core/status.h"
#include "ledger/ambiguity.h"
#include "ledger/keys.h"
#include "ledger/notification.h"
#include "ledger/tree_head.h"
#include "tlog/merkle.h"

namespace verity::ledger {

namespace internal {
class Db;
// Ledger::StoredTree on a database handle, for use inside a transaction.
StatusOr<tlog::CompactTree> ReadStoredTree(Db* db);
}  // namespace internal

inline constexpr char kDefaultDataDir[] = "verity-data";
inline constexpr char kDatabaseFile[] = "ledger.sqlite";
inline constexpr char kLogKeyFile[] = "log.key";

// One notification of a batch, with where it came from ("f.jsonl: line 3").
struct BatchItem {
  Json json;
  std::string where;
};

// Finds ambiguities in notifications about to be appended at `first_index`
// (after the notifications already in the log). Supplied by replay.
using AmbiguityFinder =
    std::function<std::vector<Ambiguity>(std::span<const Notification>, uint64_t first_index)>;

struct AppendResult {
  uint64_t first_index = 0;
  uint64_t count = 0;
  TreeHead head;
  std::vector<Ambiguity> ambiguities;
  std::map<std::string, Date> earliest_change;  // by party: the earliest `occurred` in the batch
};

// A stored row as it is in the database, for verification and export.
struct StoredRow {
  int64_t index = 0;
  std::string party;
  int64_t serial = 0;
  std::string type;
  std::string occurred;
  std::string sent;
  std::string entry;      // the canonical JSON of the signed notification
  std::string leaf_hash;  // hex
  std::string seal;       // hex: SealOf(index, leaf hash)
};

// Binds a leaf to its position: SHA-256(0x02 || index as 8 bytes big-endian
// || leaf hash). Lets verify name a row that was moved to another index.
Hash256 SealOf(uint64_t index, const Hash256& leaf);

class Ledger {
 public:
  // Creates the folder (if needed), the database and the log key.
  // AlreadyExists if a ledger is there already.
  static Status Init(const std::string& dir, std::span<const PublicKey> party_keys);
  // Opens an existing ledger. NotFound "<dir>: no ledger (run 'verity ledger init')".
  static StatusOr<std::unique_ptr<Ledger>> Open(const std::string& dir);
  ~Ledger();

  // Registers a party's public key. AlreadyExists if registered with
  // another party; registering the same key again is a no-op.
  Status AddPartyKey(const PublicKey& key);
  // InvalidArgument "<where>: key_id: ..." if the notification's key is not
  // registered or belongs to another party, or its signature does not verify.
  // If `entry` is given, it receives the notification's entry bytes.
  Status CheckKeyAndSignature(const Notification& n, const std::string& where,
                              std::string* entry = nullptr) const;
  std::vector<PublicKey> PartyKeys() const;
  const PublicKey& log_key() const { return log_key_.pub; }

  // Appends a batch (see the file comment). InvalidArgument names the item's
  // `where` and the field; nothing is stored on any error. `now` stamps the
  // tree head. If `expected_root` is set the batch is stored only if the
  // new root equals it (DataLoss otherwise).
  StatusOr<AppendResult> Append(std::span<const BatchItem> batch, Timestamp now,
                                std::optional<Hash256> expected_root = std::nullopt);
  // Appends already parsed notifications (same checks and guarantees).
  StatusOr<AppendResult> AppendParsed(std::vector<Notification> batch, Timestamp now,
                                      std::optional<Hash256> expected_root = std::nullopt);
  void set_ambiguity_finder(AmbiguityFinder f) { finder_ = std::move(f); }

  // The number of entries: one more than the largest index (an indexed
  // lookup; verify is what checks that no index is missing).
  StatusOr<uint64_t> Size() const;
  // The Merkle tree as stored: its size and its perfect-subtree roots.
  // DataLoss if the entries, the stored frontier and the newest signed head
  // disagree about the size (rows removed or added behind the log's back).
  StatusOr<tlog::CompactTree> StoredTree() const;
  // The newest signed tree head; NotFound if nothing was appended yet.
  StatusOr<TreeHead> LatestTreeHead() const;
  StatusOr<std::vector<TreeHead>> TreeHeads() const;
  // The signed tree head of exactly `size` entries, if one was signed.
  StatusOr<std::optional<TreeHead>> TreeHeadOfSize(uint64_t size) const;
  // The stored leaf hashes in index order (as stored; verify recomputes them).
  StatusOr<std::vector<Hash256>> LeafHashes() const;
  // Calls `fn` for each stored row in index order; stops at the first error.
  Status ForEachRow(const std::function<Status(const StoredRow&)>& fn) const;
  // The same for the rows of notification type `type` with index below
  // `before` only, by an index on (type, idx): proportional to those rows,
  // not to the log. (The type column is a copy of the entry's; verify
  // checks it, and readers check the entries they parse.)
  Status ForEachRowOfType(NotificationType type, uint64_t before,
                          const std::function<Status(const StoredRow&)>& fn) const;
  // The notifications with index in [from, to), parsed.
  StatusOr<std::vector<Notification>> Entries(uint64_t from, uint64_t to) const;
  StatusOr<std::vector<Ambiguity>> Ambiguities() const;

  internal::Db* db() const { return db_.get(); }
  const std::string& dir() const { return dir_; }

 private:
  Ledger(std::string dir, std::unique_ptr<internal::Db> db, SecretKey log_key);
  Status LoadKeys();
  // The registered key for n.key_id, if it belongs to n's party;
  // InvalidArgument "<where>: key_id: ..." otherwise.
  StatusOr<const PublicKey*> KeyOf(const Notification& n, const std::string& where) const;
  // CheckKeyAndSignature for every notification of `batch` (where[i] names
  // item i); returns the error met first in item order, else fills `entries`.
  Status CheckBatch(std::span<const Notification> batch, std::span<const std::string> where,
                    std::vector<std::string>* entries) const;
  // Parses `batch` and checks it as CheckBatch does; a parse error counts as
  // the item's first error.
  StatusOr<std::vector<Notification>> ParseAndVerify(std::span<const BatchItem> batch,
                                                     std::span<const std::string> where,
                                                     std::vector<std::string>* entries) const;
  StatusOr<AppendResult> Store(std::vector<Notification> batch,
                               std::span<const std::string> entries,
                               std::span<const std::string> where, Timestamp now,
                               std::optional<Hash256> expected_root);

  std::string dir_;
  std::unique_ptr<internal::Db> db_;
  SecretKey log_key_;
  bool has_log_secret_ = false;
  std::map<std::string, PublicKey> keys_;  // by key id
  AmbiguityFinder finder_;
};

}  // namespace verity::ledger

#endif  // VERITY_LEDGER_STORE_H_
