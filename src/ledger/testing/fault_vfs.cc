#include "ledger/testing/fault_vfs.h"

#include <sqlite3.h>

#include <atomic>
#include <climits>
#include <cstring>

namespace verity::ledger::testing {
namespace {

std::atomic<int> g_writes_left{INT_MAX};
std::atomic<int> g_write_rc{SQLITE_OK};
std::atomic<int> g_syncs_left{INT_MAX};
std::atomic<int> g_sync_rc{SQLITE_OK};
std::atomic<int> g_writes{0};

sqlite3_vfs* g_real = nullptr;
sqlite3_vfs g_vfs;

// Our file: its methods, then the real VFS's file right behind it.
struct FaultFile {
  sqlite3_file base;
  sqlite3_file* real;
};

sqlite3_file* Real(sqlite3_file* f) { return reinterpret_cast<FaultFile*>(f)->real; }

// Consumes one allowance of `left`; the injected code once it is spent.
int Spend(std::atomic<int>& left, const std::atomic<int>& rc) {
  if (rc.load() == SQLITE_OK) return SQLITE_OK;
  return left.fetch_sub(1) > 0 ? SQLITE_OK : rc.load();
}

int Close(sqlite3_file* f) {
  sqlite3_file* r = Real(f);
  return r->pMethods != nullptr ? r->pMethods->xClose(r) : SQLITE_OK;
}
int Read(sqlite3_file* f, void* p, int n, sqlite3_int64 off) {
  return Real(f)->pMethods->xRead(Real(f), p, n, off);
}
int Write(sqlite3_file* f, const void* p, int n, sqlite3_int64 off) {
  if (int rc = Spend(g_writes_left, g_write_rc); rc != SQLITE_OK) return rc;
  const int rc = Real(f)->pMethods->xWrite(Real(f), p, n, off);
  if (rc == SQLITE_OK) ++g_writes;
  return rc;
}
int Truncate(sqlite3_file* f, sqlite3_int64 size) {
  return Real(f)->pMethods->xTruncate(Real(f), size);
}
int Sync(sqlite3_file* f, int flags) {
  if (int rc = Spend(g_syncs_left, g_sync_rc); rc != SQLITE_OK) return rc;
  return Real(f)->pMethods->xSync(Real(f), flags);
}
int FileSize(sqlite3_file* f, sqlite3_int64* size) {
  return Real(f)->pMethods->xFileSize(Real(f), size);
}
int Lock(sqlite3_file* f, int l) { return Real(f)->pMethods->xLock(Real(f), l); }
int Unlock(sqlite3_file* f, int l) { return Real(f)->pMethods->xUnlock(Real(f), l); }
int CheckReservedLock(sqlite3_file* f, int* out) {
  return Real(f)->pMethods->xCheckReservedLock(Real(f), out);
}
int FileControl(sqlite3_file* f, int op, void* arg) {
  return Real(f)->pMethods->xFileControl(Real(f), op, arg);
}
int SectorSize(sqlite3_file* f) { return Real(f)->pMethods->xSectorSize(Real(f)); }
int DeviceCharacteristics(sqlite3_file* f) {
  return Real(f)->pMethods->xDeviceCharacteristics(Real(f));
}
int ShmMap(sqlite3_file* f, int page, int size, int extend, void volatile** p) {
  return Real(f)->pMethods->xShmMap(Real(f), page, size, extend, p);
}
int ShmLock(sqlite3_file* f, int offset, int n, int flags) {
  return Real(f)->pMethods->xShmLock(Real(f), offset, n, flags);
}
void ShmBarrier(sqlite3_file* f) { Real(f)->pMethods->xShmBarrier(Real(f)); }
int ShmUnmap(sqlite3_file* f, int del) { return Real(f)->pMethods->xShmUnmap(Real(f), del); }
int Fetch(sqlite3_file* f, sqlite3_int64 off, int n, void** p) {
  return Real(f)->pMethods->xFetch(Real(f), off, n, p);
}
int Unfetch(sqlite3_file* f, sqlite3_int64 off, void* p) {
  return Real(f)->pMethods->xUnfetch(Real(f), off, p);
}

const sqlite3_io_methods kMethods = {3,
                                     Close,
                                     Read,
                                     Write,
                                     Truncate,
                                     Sync,
                                     FileSize,
                                     Lock,
                                     Unlock,
                                     CheckReservedLock,
                                     FileControl,
                                     SectorSize,
                                     DeviceCharacteristics,
                                     ShmMap,
                                     ShmLock,
                                     ShmBarrier,
                                     ShmUnmap,
                                     Fetch,
                                     Unfetch};

int Open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
  auto* ff = reinterpret_cast<FaultFile*>(f);
  ff->real = reinterpret_cast<sqlite3_file*>(ff + 1);
  ff->base.pMethods = nullptr;
  const int rc = g_real->xOpen(g_real, name, ff->real, flags, out_flags);
  // Only a file the real VFS opened gets methods (SQLite closes only those).
  if (ff->real->pMethods != nullptr) ff->base.pMethods = &kMethods;
  return rc;
}

}  // namespace

FaultVfs& FaultVfs::Install() {
  static FaultVfs* vfs = [] {
    g_real = sqlite3_vfs_find(nullptr);
    g_vfs = *g_real;
    g_vfs.zName = "verity-fault";
    g_vfs.szOsFile = static_cast<int>(sizeof(FaultFile)) + g_real->szOsFile;
    g_vfs.xOpen = Open;
    g_vfs.pNext = nullptr;
    sqlite3_vfs_register(&g_vfs, 1);
    return new FaultVfs();
  }();
  return *vfs;
}

void FaultVfs::FailWritesAfter(int n, int rc) {
  g_writes = 0;
  g_writes_left = n;
  g_write_rc = rc;
}

void FaultVfs::FailSyncsAfter(int n, int rc) {
  g_syncs_left = n;
  g_sync_rc = rc;
}

void FaultVfs::Clear() {
  g_write_rc = SQLITE_OK;
  g_sync_rc = SQLITE_OK;
  g_writes_left = INT_MAX;
  g_syncs_left = INT_MAX;
  g_writes = 0;
}

int FaultVfs::writes() const { return g_writes.load(); }

}  // namespace verity::ledger::testing
