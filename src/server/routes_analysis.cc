// Post-treaty analysis over the shipped data: upload potential of a shipped
// declaration under its party's shipped assumptions, and the shipped
// declarations counted under several shipped treaties side by side.
//
// Only shipped names are accepted (never file paths), so a request cannot
// make the server read a file. The answers are pure functions of embedded
// data; the default comparison is computed once at start.
#include <algorithm>
#include <memory>
#include <set>
#include <sstream>

#include "forces/compare.h"
#include "forces/declaration_io.h"
#include "server/routes.h"
#include "upload/upload_report.h"

namespace verity::server {
namespace {

// Splits "a,b,c" (empty parts dropped).
std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, ',')) {
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

// The shipped names in `param` (a comma list), or every shipped name when
// the parameter is absent. InvalidArgument names the parameter and lists
// what is shipped.
StatusOr<std::vector<std::string>> ShippedNames(const ApiRequest& req, std::string_view param,
                                                const std::vector<std::string>& shipped) {
  const auto value = req.Query(param);
  if (!value) return shipped;
  const std::vector<std::string> names = SplitList(*value);
  std::string known;
  for (const auto& n : shipped) known += (known.empty() ? "" : ", ") + n;
  if (names.empty()) {
    return InvalidArgument("query parameter '" + std::string(param) +
                           "': expected one or more of " + known);
  }
  const std::set<std::string> allowed(shipped.begin(), shipped.end());
  std::vector<std::string> unique;  // in the order given, each once
  for (const auto& n : names) {
    if (!allowed.contains(n)) {
      return InvalidArgument("query parameter '" + std::string(param) + "': '" + n +
                             "' is not shipped (shipped: " + known + ")");
    }
    if (std::find(unique.begin(), unique.end(), n) == unique.end()) unique.push_back(n);
  }
  return unique;
}

StatusOr<Json> CompareNames(const std::vector<std::string>& declarations,
                            const std::vector<std::string>& treaties) {
  std::vector<treaty::Treaty> loaded_treaties;
  for (const auto& name : treaties) {
    VERITY_ASSIGN_OR_RETURN(treaty::Treaty t, treaty::LoadTreaty(name));
    loaded_treaties.push_back(std::move(t));
  }
  std::vector<forces::Declaration> loaded_decls;
  for (const auto& name : declarations) {
    VERITY_ASSIGN_OR_RETURN(forces::Declaration d, forces::LoadShippedDeclaration(name));
    loaded_decls.push_back(std::move(d));
  }
  std::vector<const treaty::Treaty*> tp;
  for (const auto& t : loaded_treaties) tp.push_back(&t);
  std::vector<const forces::Declaration*> dp;
  for (const auto& d : loaded_decls) dp.push_back(&d);
  Json out = forces::CompareJson(forces::Compare(tp, dp));
  out["declarations"] = declarations;
  return out;
}

StatusOr<ApiResponse> Catalogue() {
  Json decls = Json::array();
  for (const auto& name : forces::ShippedDeclarations()) {
    VERITY_ASSIGN_OR_RETURN(forces::Declaration d, forces::LoadShippedDeclaration(name));
    decls.push_back({{"name", name}, {"party", d.party}, {"as_of", d.as_of.ToString()}});
  }
  return ApiResponse{200, Json{{"declarations", decls}, {"treaties", treaty::ShippedTreaties()}}};
}

StatusOr<ApiResponse> Upload(const ApiRequest& req) {
  const auto name = req.Query("declaration");
  if (!name)
    return InvalidArgument("query parameter 'declaration' (a shipped declaration) is required");
  VERITY_ASSIGN_OR_RETURN(forces::Declaration d, forces::LoadShippedDeclaration(*name));
  VERITY_ASSIGN_OR_RETURN(upload::Assumptions a, upload::DefaultAssumptions(d.party));
  VERITY_ASSIGN_OR_RETURN(upload::UploadResult r, upload::ComputeUpload(d, a));
  Json out = upload::UploadJson(d, a, r);
  out["declaration"] = *name;
  return ApiResponse{200, std::move(out)};
}

StatusOr<ApiResponse> Compare(const ApiRequest& req,
                              const std::shared_ptr<const std::string>& whole) {
  VERITY_ASSIGN_OR_RETURN(auto decls,
                          ShippedNames(req, "declarations", forces::ShippedDeclarations()));
  VERITY_ASSIGN_OR_RETURN(auto treaties, ShippedNames(req, "treaties", treaty::ShippedTreaties()));
  if (whole && !req.Query("declarations") && !req.Query("treaties")) return ApiResponse(200, whole);
  VERITY_ASSIGN_OR_RETURN(Json out, CompareNames(decls, treaties));
  return ApiResponse{200, std::move(out)};
}

}  // namespace

void AddAnalysisRoutes(ApiRouter& router) {
  // Every shipped declaration under every shipped treaty, serialised once.
  std::shared_ptr<const std::string> whole;
  if (auto all = CompareNames(forces::ShippedDeclarations(), treaty::ShippedTreaties()); all.ok()) {
    whole = std::make_shared<const std::string>(all->dump());
  }
  router.Get("/analysis/catalogue", Access::kPublic, [](const ApiRequest&) { return Catalogue(); });
  router.Get("/analysis/upload", Access::kPublic, [](const ApiRequest& r) { return Upload(r); });
  router.Get("/analysis/compare", Access::kPublic,
             [whole](const ApiRequest& r) { return Compare(r, whole); });
}

}  // namespace verity::server
