// The ledger store: one SQLite database (WAL) in a data folder holding the
// log entries, party keys, signed tree heads, ambiguities and replay
// checkpoints, plus the log's secret key file (docs/ledger-format.md). All
// SQL lives behind this class (and its internal files); nothing else sees
// the database.
//
// Append is all-or-nothing: every notification of a batch is parsed,
// schema-checked, its key looked up (the key must belong to the
// notification's party), its signature verified and its serial checked
// (greater than the party's last) before one transaction stores the batch,
// its ambiguities (sealed by the log key), a new signed tree head, and
// drops the checkpoints the batch makes stale. A batch with any error
// changes nothing. A committed append survives a crash (synchronous=FULL).
//
// Derived rows are never trusted as stored: the frontier is checked against
// the newest signed head before an append uses it; checkpoints are read only
// when the log's checkpoint seal authenticates them for the current log;
// verify (verify.h) recomputes or authenticates every derived row.
//
// Errors of the database itself: DataLoss when the file is corrupt or a
// stored row is not what the ledger wrote; Unavailable when the disk is full,
// an I/O error occurs or the database is busy (the message says which).
//
// Files: the data folder is created mode 0700, the database (and so its
// -wal and -shm files) and log.key mode 0600.
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
#include "ledger/leaf.h"
#include "ledger/notification.h"
#include "ledger/tree_head.h"
#include "tlog/merkle.h"
#include "tlog/note.h"

namespace verity::ledger {

namespace internal {
class Db;
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

// A stored row that fails a check: its table, the row's key ("size=12",
// "party=US occurred=2015-03-01", "key=frontier") and what is wrong.
struct RowProblem {
  std::string table;
  std::string row;
  std::string message;
};

// A replay checkpoint as the store keeps it: the encoded state of `party`
// after every change that occurred on or before `day` (replay.h). The store
// does not interpret `state`; it authenticates it.
struct StoredCheckpoint {
  std::string party;
  Date day;
  uint64_t index = 0;  // the log index of the last change applied
  std::string state;   // checkpoint_codec.h
};

// Makes the checkpoints of a party from `base` (the newest authenticated
// checkpoint kept, if any), inside the store's write transaction.
using CheckpointMaker =
    std::function<StatusOr<std::vector<StoredCheckpoint>>(std::optional<StoredCheckpoint> base)>;

// Binds a leaf to its position: SHA-256(0x02 || index as 8 bytes big-endian
// || leaf hash). Lets verify name a row that was moved to another index.
Hash256 SealOf(uint64_t index, const Hash256& leaf);

class Ledger {
 public:
  // Creates the folder (if needed, mode 0700), the database and the log key
  // (mode 0600). AlreadyExists if a ledger is there already.
  // `origin` names the log in its checkpoints (checkpoint_note.h; empty:
  // DefaultOrigin); InvalidArgument "origin: ..." if it cannot be one.
  static Status Init(const std::string& dir, std::span<const PublicKey> party_keys,
                     std::string_view origin = {});
  // Opens an existing ledger. NotFound "<dir>: no ledger (run 'verity ledger
  // init')". Opening checks the schema (DataLoss naming the table if it is
  // not the ledger's), the meta rows and party keys (DataLoss naming the
  // row), and log.key: absent, the ledger opens read-only (no appends);
  // readable by group or others, PermissionDenied (keys.h, LoadSecretKey);
  // not the key in meta, DataLoss. A ledger of schema version 1 or 2 is
  // upgraded in place (FailedPrecondition without log.key); it gets the
  // default origin, a note signature for every stored tree head and leaf
  // format 1 (its leaves stay as they are).
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
  // The stored leaf hash of entry `index`. NotFound if there is no such entry.
  StatusOr<Hash256> LeafHashAt(uint64_t index) const;
  // Calls `fn` for each stored row in index order; stops at the first error.
  Status ForEachRow(const std::function<Status(const StoredRow&)>& fn) const;
  // The same for the rows of notification type `type` with index below
  // `before` only, by an index on (type, idx): proportional to those rows,
  // not to the log; at most the first `limit` of them. (The type column is
  // a copy of the entry's; verify checks it, and readers check the entries
  // they parse.)
  Status ForEachRowOfType(NotificationType type, uint64_t before,
                          const std::function<Status(const StoredRow&)>& fn,
                          uint64_t limit = UINT64_MAX) const;
  // The notifications with index in [from, to), parsed.
  StatusOr<std::vector<Notification>> Entries(uint64_t from, uint64_t to) const;
  // Calls `fn(index, entry)` for each entry of `party` whose stored
  // `occurred` is in (after, until] (after empty: from the start) and whose
  // index is below `max_index`, in order of (occurred, index); stops at the
  // first error. `entry` is the canonical JSON, valid during the call.
  Status ForEachEntryOf(const std::string& party, std::optional<Date> after, Date until,
                        uint64_t max_index,
                        const std::function<Status(uint64_t, std::string_view)>& fn) const;
  // The number of entries of `party` whose stored `occurred` is after
  // `after` (all if empty). An indexed count, no row is read.
  StatusOr<uint64_t> CountEntriesOf(const std::string& party, std::optional<Date> after) const;
  // The largest serial of `party`'s entries, 0 when it has none (so the
  // party's next notification takes LastSerial + 1). An indexed lookup
  // (entries_by_party_serial); `party` is not checked against the keys: an
  // unknown party simply has no entry. Append checks serials with it.
  StatusOr<int64_t> LastSerial(const std::string& party) const;
  // The ambiguities as stored, in the order they were found (verify
  // authenticates them against the log's seals).
  StatusOr<std::vector<Ambiguity>> Ambiguities() const;

  // Runs `fn` in one read transaction, so that everything it reads is one
  // state of the log even while another process appends. Inside a
  // transaction already (a finder during an append), runs `fn` as it is.
  Status InSnapshot(const std::function<Status()>& fn) const;

  // Checkpoints (checkpoint_store.cc). The set of all checkpoints is sealed
  // by the log key for one state of the log (its size and root); an append
  // drops the checkpoints it makes stale and seals the rest for the new
  // state, in its own transaction.
  //
  // The newest checkpoint of `party` on or before `as_of` that the seal
  // authenticates for the entries with index below `max_index` (UINT64_MAX:
  // all entries). None if there is none; also none, with `*problem` (if
  // given) saying why, when the checkpoints do not authenticate (edited,
  // deleted, inserted, or sealed for another state of the log) - the caller
  // then replays from the entries. Errors only if the store cannot be read.
  StatusOr<std::optional<StoredCheckpoint>> FindCheckpoint(const std::string& party, Date as_of,
                                                           uint64_t max_index,
                                                           std::string* problem = nullptr) const;
  // The newest day of `party`'s stored checkpoints, as stored (a hint for
  // deciding whether to rebuild; never used to answer a query).
  StatusOr<std::optional<Date>> NewestCheckpointDay(const std::string& party) const;
  // In one write transaction: removes `party`'s checkpoints on or after
  // `from` (all if empty), calls `make` with the newest remaining
  // authenticated checkpoint, stores what it returns (each of `party`, days
  // after the base's) and seals the set for the current log. If the stored
  // set does not authenticate, every other checkpoint is dropped with it.
  // REQUIRES: `make` computes the checkpoints from the current entries
  // (verify checks that they replay). FailedPrecondition without log.key.
  Status RewriteCheckpoints(const std::string& party, std::optional<Date> from,
                            const CheckpointMaker& make);
  // Calls `fn` for every stored checkpoint in order of (party, day), as
  // stored; stops at the first error.
  Status ForEachCheckpoint(const std::function<Status(const StoredCheckpoint&)>& fn) const;

  // Checks every derived row against what it is derived from (audit.cc):
  // the stored frontier against `tree` (recomputed from the entries), each
  // ambiguity against the log's seal of its batch, the checkpoints against
  // their seal, and SQLite's own integrity check (indexes included).
  StatusOr<std::vector<RowProblem>> AuditDerivedRows(const tlog::CompactTree& tree) const;

  // How an entry is a leaf (leaf.h; meta 'leaf_format', checked on opening).
  LeafFormat leaf_format() const { return leaf_format_; }
  // Calls `fn` for each stored row with index in [from, to), in index order.
  Status ForEachRowFrom(uint64_t from, uint64_t to,
                        const std::function<Status(const StoredRow&)>& fn) const;

  // Checkpoint notes and cosignatures (checkpoint_note.h, note_store.cc).
  // The origin as stored in meta (checked on opening).
  const std::string& origin() const { return origin_; }
  // The stored note signature of the head of `size`; none if there is none.
  // DataLoss if it is not a signature's hex.
  StatusOr<std::optional<Signature>> NoteSignatureOf(uint64_t size) const;
  // The stored cosignature lines (without newline) of the checkpoint of
  // `size`, ordered by key name and ID.
  StatusOr<std::vector<std::string>> CosignatureLines(uint64_t size) const;
  // Stores parsed cosignatures in one transaction, each replacing the line
  // of its key; InvalidArgument (nothing stored) if the checkpoint would
  // then have more than `max_per_checkpoint`. FailedPrecondition without
  // log.key. REQUIRES: a head of `size` is stored (AddCosignatures checks).
  Status PutCosignatures(uint64_t size, std::span<const tlog::NoteSignature> sigs,
                         size_t max_per_checkpoint);

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
  Status MigrateFrom(int version);
  // Version 1 to 2: the version-2 tables and the ambiguities sealed.
  Status SealV1Ambiguities();
  // Version 2 to 3: the default origin and a note signature for every head.
  Status MigrateNotes();
  // The tree as stored, its frontier checked against the newest signed head
  // (rebuilt from the leaf hashes if it does not match).
  StatusOr<tlog::CompactTree> ReadTree() const;
  // meta 'frontier' as stored; none if it does not parse.
  StatusOr<std::optional<std::vector<Hash256>>> StoredFrontier() const;
  // After an append from (`old_size`, `old_root`) to (`size`, `root`):
  // drops each party's checkpoints from its day in `stale` on (all
  // checkpoints if the set does not authenticate for the old state) and
  // seals the rest for the new state (inside the append's transaction).
  Status ResealCheckpoints(const std::map<std::string, Date>& stale, uint64_t old_size,
                           const Hash256& old_root, uint64_t size, const Hash256& root);
  StatusOr<AppendResult> Store(std::vector<Notification> batch,
                               std::span<const std::string> entries,
                               std::span<const std::string> where, Timestamp now,
                               std::optional<Hash256> expected_root);

  std::string dir_;
  std::unique_ptr<internal::Db> db_;
  SecretKey log_key_;
  std::string origin_;
  LeafFormat leaf_format_ = kCurrentLeafFormat;
  bool has_log_secret_ = false;
  std::map<std::string, PublicKey> keys_;  // by key id
  AmbiguityFinder finder_;
};

}  // namespace verity::ledger

#endif  // VERITY_LEDGER_STORE_H_
