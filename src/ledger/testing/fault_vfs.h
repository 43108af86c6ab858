// A fault-injecting SQLite VFS for tests: real SQLite on the real file
// system, with write and sync failures injected on command.
//
// FaultVfs::Install() registers a sqlite3_vfs that wraps the default one
// and makes it the default, so every connection opened afterwards in the
// process (a Ledger, a server's ledger) goes through it. Until a fault is
// armed it forwards every call unchanged.
//
// Thread safety: the counters are atomic; arm and clear faults from any
// thread.
#ifndef VERITY_LEDGER_TESTING_FAULT_VFS_H_
#define VERITY_LEDGER_TESTING_FAULT_VFS_H_

namespace verity::ledger::testing {

class FaultVfs {
 public:
  // Registers the VFS (once per process) and returns it.
  static FaultVfs& Install();

  // After `n` more successful writes (xWrite, to any file), every write
  // fails with `rc` (SQLITE_FULL for a full disk, SQLITE_IOERR_WRITE ...).
  void FailWritesAfter(int n, int rc);
  // After `n` more successful syncs (xSync), every sync fails with `rc`.
  void FailSyncsAfter(int n, int rc);
  // No more faults; the counters restart.
  void Clear();
  // Writes that succeeded since the last Clear or arming.
  int writes() const;

 private:
  FaultVfs() = default;
};

}  // namespace verity::ledger::testing

#endif  // VERITY_LEDGER_TESTING_FAULT_VFS_H_
