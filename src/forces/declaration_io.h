// Reading and writing declarations (docs/declaration-format.md).
//
// A declaration is a JSON document (party, as_of, facilities, types, items);
// its item list may also come from a CSV file named by "items_csv". Groups
// ("count": N) are expanded into N items with generated UIDs.
//
// Every error is InvalidArgument naming the file and the JSON path
// ("us.json: items[17].launcher: unknown launcher 'X'") or CSV line
// ("items.csv: line 4: ..."), and what was expected. On error nothing is
// returned: there is no partially loaded declaration.
#ifndef VERITY_FORCES_DECLARATION_IO_H_
#define VERITY_FORCES_DECLARATION_IO_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/limits.h"
#include "core/status.h"
#include "forces/model.h"

namespace verity::forces {

struct DeclarationOptions {
  // The folder a relative "items_csv" path is read from ("" = the current
  // directory). Without one the document may not name a file: it came from
  // a notification or a checkpoint, not from a file the user gave, and
  // "items_csv" is refused ("items_csv: not allowed here ...").
  std::optional<std::string> base_dir;
  // Items after every group is expanded and every inline missile added
  // (limits::kMaxDeclarationItems; limits::kMaxDataExchangeItems for the
  // declaration a data exchange carries). Checked before any group is
  // expanded: "items[3]: a group of 10000000 brings the declaration to
  // 10000002 items, more than the limit of 100000".
  int64_t max_items = limits::kMaxDeclarationItems;
};

// Parses a declaration document. `source` names it in errors.
StatusOr<Declaration> ParseDeclaration(const Json& doc, std::string_view source,
                                       const DeclarationOptions& options = {});
StatusOr<Declaration> ParseDeclarationText(std::string_view text, std::string_view source,
                                           const DeclarationOptions& options = {});

// Loads a declaration from a file path ("-" = standard input; both read
// with core/file_io.h's limits), or from a shipped declaration by name
// ("us-2020-09-01"). NotFound if neither exists. A relative "items_csv" is
// read beside the file.
StatusOr<Declaration> LoadDeclaration(const std::string& path_or_name);

// The names of the declarations shipped with Verity ("us-2020-09-01", ...),
// sorted. LoadShippedDeclaration loads one of them and never reads a file;
// NotFound lists the shipped names.
std::vector<std::string> ShippedDeclarations();
StatusOr<Declaration> LoadShippedDeclaration(const std::string& name);

// Checks a type as a declaration's "types" list does: its kind fits its
// class, a missile type carries 1 or more warheads, and max_warheads and
// capacity are within 0..kMaxWarheadsPerType. Errors name `path`.<member>.
// For readers that add a type to a declared state (a ledger's new_type).
inline constexpr int64_t kMaxWarheadsPerType = 1000;
Status CheckTypeDef(const TypeDef& t, std::string_view path);

// The itemized JSON form of `d` (one entry per item, no groups). Parsing it
// again gives an equal declaration.
Json DeclarationToJson(const Declaration& d);

}  // namespace verity::forces

#endif  // VERITY_FORCES_DECLARATION_IO_H_
