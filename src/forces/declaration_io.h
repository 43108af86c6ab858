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

#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/status.h"
#include "forces/model.h"

namespace verity::forces {

// Parses a declaration document. `source` names it in errors; `base_dir`
// resolves a relative "items_csv" path ("" = current directory).
StatusOr<Declaration> ParseDeclaration(const Json& doc, std::string_view source,
                                       const std::string& base_dir = "");
StatusOr<Declaration> ParseDeclarationText(std::string_view text, std::string_view source,
                                           const std::string& base_dir = "");

// Loads a declaration from a file path ("-" = standard input), or from a
// shipped declaration by name ("us-2020-09-01"). NotFound if neither exists.
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
