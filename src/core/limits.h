// Every input limit of Verity, with its default, in one place.
//
// Each reader checks its limit before it does work proportional to what the
// limit bounds, and refuses with InvalidArgument naming the input (file and
// path or line) and the limit. docs/limits.md lists each one with where it
// is checked and the error it gives; a new limit goes in both places.
//
// Raising a limit is always safe. Lowering one can make stored data (a
// ledger's entries, a shipped file) unreadable, so the values that bound
// stored notifications are part of the ledger format.
#ifndef VERITY_CORE_LIMITS_H_
#define VERITY_CORE_LIMITS_H_

#include <cstddef>
#include <cstdint>

namespace verity::limits {

// --- Files (core/file_io.h) ----------------------------------------------

// A document read whole: declaration, item CSV, treaty, scenario,
// assumptions, key, draft, proof or tree head file, and standard input.
// The shipped files are under 100 KB; a 100,000-item declaration is ~10 MB.
inline constexpr size_t kMaxInputFileBytes = size_t{32} << 20;  // 32 MiB

// A ledger export read by `ledger import` and a batch read by `ledger
// append` (one notification per line, each line parsed on its own).
inline constexpr size_t kMaxLedgerFileBytes = size_t{2} << 30;  // 2 GiB

// --- JSON (core/json.h) ---------------------------------------------------

// Arrays and objects nested in one another. Declarations nest 5 deep, a
// notification with its envelope 7.
inline constexpr int kMaxJsonDepth = 64;

// --- TOML (core/toml.h) ---------------------------------------------------

// '.' on one line outside strings and comments: bounds the segments of a
// dotted key or a table header; toml++ itself stops arrays and inline
// tables at 256 nested values (TOML_MAX_NESTED_VALUES), so nothing nests
// deeper than 3 * 256 levels. The shipped files have at most 6 on a line.
inline constexpr int kMaxTomlDotsPerLine = 256;

// --- Treaty rules (treaty/rule.h) ----------------------------------------

// Parentheses and `not`s nested in one rule. The shipped rules nest 2 deep.
inline constexpr int kMaxRuleDepth = 64;

// Categories in one treaty: a category set is a 64-bit mask.
inline constexpr int kMaxCategories = 64;

// [[limits]], [[inspections]] and [[deadlines]] of one treaty, and terms of
// one limit, each (New START has 3 limits, 2 inspection types, 4 deadlines).
inline constexpr int kMaxTreatyTables = 64;

// Treaty files that start from a base treaty, nested (a cycle stops here).
inline constexpr int kMaxBaseTreaties = 8;

// --- Declarations (forces/declaration_io.h) -------------------------------

// Items of one declaration after every group's `count` is expanded and
// every launcher's inline missile is added, and so of one data exchange
// (its body is a declaration). A New START party declares a few thousand
// items (the shipped US 2020 declaration: 2,005); 100,000 is 50 times that.
inline constexpr int64_t kMaxDeclarationItems = 100'000;

// The declaration a data exchange notification carries, the same way.
inline constexpr int64_t kMaxDataExchangeItems = kMaxDeclarationItems;

// One group's `count`. A count above the item limit fails the total anyway;
// this bound keeps the total from overflowing.
inline constexpr int64_t kMaxGroupCount = 10'000'000;

// --- Exercises (exercise/script.h) ----------------------------------------

// An exercise script (TOML). The shipped scripts are under 8 KB.
inline constexpr size_t kMaxExerciseScriptBytes = size_t{1} << 20;  // 1 MiB

// Treaty years one exercise plays.
inline constexpr int kMaxExerciseYears = 10;

// Items of the host's force after every group is expanded: every data
// exchange of the run carries them all (two a year).
inline constexpr int64_t kMaxExerciseItems = 5'000;

// Deviations of one script.
inline constexpr int kMaxExerciseDeviations = 32;

// Inspections of one kind a year (the treaty's quota bounds them too).
inline constexpr int64_t kMaxExerciseInspectionsPerYear = 100;

// An id, UID, site or treaty name in a script, in bytes.
inline constexpr size_t kMaxExerciseIdBytes = 128;

// A script's name, teaching point and each deviation's note, in bytes.
inline constexpr size_t kMaxExerciseTextBytes = 4096;

// A run's report read back from a data folder (GET /exercise).
inline constexpr size_t kMaxExerciseReportBytes = size_t{8} << 20;  // 8 MiB

// --- Declarations in escrow (src/escrow, docs/escrow.md) --------------------

// Leaves of one commitment: one per item, so the declaration limit.
inline constexpr int64_t kMaxEscrowLeaves = kMaxDeclarationItems;

// Openings in one escrow_reveal or escrow_opening notification (a larger
// stage is revealed in several stages): ~1.5 KB each for the shipped US
// declaration's tree, so about 15 MB at most.
inline constexpr int64_t kMaxEscrowOpenings = 10'000;

// Leaves one designation may draw.
inline constexpr int64_t kMaxEscrowDesignated = kMaxEscrowOpenings;

// Hashes in one inclusion proof: a tree of kMaxEscrowLeaves needs 17.
inline constexpr int64_t kMaxEscrowProofLength = 64;

// The canonical encoding of one escrow item record (a shipped item: ~200 B).
inline constexpr size_t kMaxEscrowItemBytes = 4096;

// A stage spec on the command line ("ID:BY=V1,V2,...").
inline constexpr size_t kMaxEscrowStageSpecBytes = 4096;

// An id of an escrow, a designation or a stage.
inline constexpr size_t kMaxEscrowIdLength = 64;

// A drand beacon file, and a beacon signature (drand's are 48 or 96 bytes).
inline constexpr size_t kMaxBeaconFileBytes = size_t{64} << 10;  // 64 KiB
inline constexpr size_t kMaxBeaconSignatureBytes = 512;

// An opening file (salts and items of every leaf: ~350 B a leaf).
inline constexpr size_t kMaxEscrowOpeningFileBytes = size_t{256} << 20;  // 256 MiB

// --- Server (src/server) ---------------------------------------------------

// --- Ledger (src/ledger) ---------------------------------------------------

// --- The treaty's own process (treaty/treaty_process.cc, ledger/concern_body.cc)

// [[commission.sessions]] of one treaty file (New START lists fewer than 20).
inline constexpr int kMaxCommissionSessions = 256;

// A concern's id: 1 to 64 of A-Z a-z 0-9 . _ - (e.g. "RU-2022-01").
inline constexpr size_t kMaxConcernIdBytes = 64;

// The question, answer, note, provision and joint statement text of a
// concern notification, each (the 2022 question is under 1 KB).
inline constexpr size_t kMaxConcernTextBytes = 16 * 1024;

// Entries and ambiguities one concern refers to, together (the 2022
// concern refers to 102 entries).
inline constexpr int kMaxConcernReferences = 1024;

// Signatures on one joint statement (two parties sign; a few more are
// read so that the record can say whose they are).
inline constexpr int kMaxStatementSignatures = 8;

// Duties one treaty event names as withheld or resumed (there are 4).
inline constexpr int kMaxTreatyEventDuties = 16;

// Treaty events one ledger applies (New START's history has six). Later
// ones are stored with a treaty_event_conflict and change nothing, so that
// judging a batch against the regime stays proportional to the batch.
inline constexpr int kMaxTreatyEvents = 256;

}  // namespace verity::limits

#endif  // VERITY_CORE_LIMITS_H_
