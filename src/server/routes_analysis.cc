// Post-treaty analysis over the shipped data: upload potential of a shipped
// declaration under its party's shipped assumptions, and the shipped
// declarations counted under several shipped treaties side by side.
//
// Only shipped names are accepted (never file paths), so a request cannot
// make the server read a file. The answers are pure functions of embedded
// data, so each fixed answer is computed once at start.
#include <algorithm>
#include <map>
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

StatusOr<Json> CatalogueJson() {
  Json decls = Json::array();
  for (const auto& name : forces::ShippedDeclarations()) {
    VERITY_ASSIGN_OR_RETURN(forces::Declaration d, forces::LoadShippedDeclaration(name));
    decls.push_back({{"name", name}, {"party", d.party}, {"as_of", d.as_of.ToString()}});
  }
  return Json{{"declarations", decls}, {"treaties", treaty::ShippedTreaties()}};
}

StatusOr<Json> UploadJsonOf(const std::string& name) {
  VERITY_ASSIGN_OR_RETURN(forces::Declaration d, forces::LoadShippedDeclaration(name));
  VERITY_ASSIGN_OR_RETURN(upload::Assumptions a, upload::DefaultAssumptions(d.party));
  VERITY_ASSIGN_OR_RETURN(upload::UploadResult r, upload::ComputeUpload(d, a));
  Json out = upload::UploadJson(d, a, r);
  out["declaration"] = name;
  return out;
}

// The answers computed once at start, serialised: the catalogue, each
// shipped declaration's upload potential, and the whole comparison. A null
// entry (never expected: shipped data is tested) is computed per request,
// which reports its error.
struct Precomputed {
  std::shared_ptr<const std::string> catalogue, compare;
  std::map<std::string, std::shared_ptr<const std::string>> upload;
};

std::shared_ptr<const std::string> Serialised(const StatusOr<Json>& j) {
  return j.ok() ? std::make_shared<const std::string>(j->dump()) : nullptr;
}

// The precomputed text if there is one, else `compute()` now.
template <typename Fn>
StatusOr<ApiResponse> Answer(const std::shared_ptr<const std::string>& text, Fn compute) {
  if (text) return ApiResponse(200, text);
  VERITY_ASSIGN_OR_RETURN(Json j, compute());
  return ApiResponse{200, std::move(j)};
}

StatusOr<ApiResponse> Upload(const Precomputed& pre, const ApiRequest& req) {
  const auto name = req.Query("declaration");
  if (!name)
    return InvalidArgument("query parameter 'declaration' (a shipped declaration) is required");
  const auto it = pre.upload.find(*name);
  return Answer(it == pre.upload.end() ? nullptr : it->second, [&] { return UploadJsonOf(*name); });
}

StatusOr<ApiResponse> Compare(const Precomputed& pre, const ApiRequest& req) {
  VERITY_ASSIGN_OR_RETURN(auto decls,
                          ShippedNames(req, "declarations", forces::ShippedDeclarations()));
  VERITY_ASSIGN_OR_RETURN(auto treaties, ShippedNames(req, "treaties", treaty::ShippedTreaties()));
  const bool whole = !req.Query("declarations") && !req.Query("treaties");
  return Answer(whole ? pre.compare : nullptr, [&] { return CompareNames(decls, treaties); });
}

}  // namespace

void AddAnalysisRoutes(ApiRouter& router) {
  auto pre = std::make_shared<Precomputed>();
  pre->catalogue = Serialised(CatalogueJson());
  pre->compare = Serialised(CompareNames(forces::ShippedDeclarations(), treaty::ShippedTreaties()));
  for (const auto& name : forces::ShippedDeclarations())
    pre->upload[name] = Serialised(UploadJsonOf(name));
  router.Get("/analysis/catalogue", Access::kPublic,
             [pre](const ApiRequest&) { return Answer(pre->catalogue, CatalogueJson); });
  router.Get("/analysis/upload", Access::kPublic,
             [pre](const ApiRequest& r) { return Upload(*pre, r); });
  router.Get("/analysis/compare", Access::kPublic,
             [pre](const ApiRequest& r) { return Compare(*pre, r); });
}

}  // namespace verity::server
