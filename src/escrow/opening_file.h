// The opening file: what the committing party keeps to open its leaves
// later (salts, items, leaf order). It must stay with the party: it is
// written with mode 0600 and refused when others may read it.
//
//   {"format":"verity-escrow-opening/1","escrow":..,"party":..,"treaty":..,
//    "as_of":"YYYY-MM-DD","root":"<64 hex>",
//    "leaves":[{"salt":"<64 hex>","item":{..}}, ...]}   (tree order)
//
// Reading recomputes every leaf and the root from the salts and items, so a
// damaged or edited file is refused rather than opened wrongly.
#ifndef VERITY_ESCROW_OPENING_FILE_H_
#define VERITY_ESCROW_OPENING_FILE_H_

#include <string>

#include "core/json.h"
#include "core/status.h"
#include "escrow/commitment.h"

namespace verity::escrow {

inline constexpr char kOpeningFormat[] = "verity-escrow-opening/1";
inline constexpr char kOpeningFile[] = "opening.json";

Json OpeningFileJson(const Escrow& e);

// Reads an opening file document. Errors name `source` and the member:
// InvalidArgument for a malformed member or a salt that repeats
// ("leaves[7].salt: the same salt as leaves[3] ..."), DataLoss if the
// leaves do not give the stated root.
StatusOr<Escrow> ParseOpeningFile(const Json& doc, std::string_view source);

// Writes `e` to `path` (mode 0600 from creation; AlreadyExists if the file
// is there: salts are never overwritten).
Status WriteOpeningFile(const Escrow& e, const std::string& path);

// Reads `path`: FailedPrecondition "<path>: readable by others (mode 0644)
// ..." if its mode lets the group or others read it; otherwise as
// ParseOpeningFile, with the limits of core/limits.h.
StatusOr<Escrow> ReadOpeningFile(const std::string& path);

}  // namespace verity::escrow

#endif  // VERITY_ESCROW_OPENING_FILE_H_
