#include "tlog/policy.h"

#include <algorithm>
#include <map>

#include "tlog/cosignature.h"
#include "tlog/encoding.h"

namespace verity::tlog {
namespace {

using Items = std::vector<std::string_view>;

Items Tokens(std::string_view line) {
  Items out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    const size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  return out;
}

// The parser's state: the policy so far and the names it defines.
class PolicyParser {
 public:
  Status Line(std::string_view line);
  StatusOr<Policy> Finish();

 private:
  Status Log(const Items& items);
  Status Witness(const Items& items);
  Status Group(const Items& items);
  Status Quorum(const Items& items);
  Status NewName(std::string_view name);
  StatusOr<Verifier> Key(std::string_view vkey, SignatureType type, std::string_view role);
  Status AddKey(const Verifier& key);

  Policy policy_;
  std::vector<std::string> names_;  // witnesses and groups
  bool has_quorum_ = false;
  VerifierSet keys_;
};

Status PolicyParser::Line(std::string_view line) {
  const Items items = Tokens(line);
  if (items.empty() || items[0][0] == '#') return Status::Ok();
  const std::string_view kw = items[0];
  if (kw == "log") return Log(items);
  if (kw == "witness") return Witness(items);
  if (kw == "group") return Group(items);
  if (kw == "quorum") return Quorum(items);
  return InvalidArgument("unknown keyword '" + std::string(kw.substr(0, 32)) + "'");
}

StatusOr<Verifier> PolicyParser::Key(std::string_view vkey, SignatureType type,
                                     std::string_view role) {
  VERITY_ASSIGN_OR_RETURN(Verifier key, Verifier::Parse(vkey));
  if (key.type() != type) {
    return InvalidArgument(std::string(role) +
                           (type == SignatureType::kEd25519
                                ? " key must be an Ed25519 note key (type 0x01)"
                                : " key must be an Ed25519 cosignature/v1 key (type 0x04)"));
  }
  return key;
}

Status PolicyParser::AddKey(const Verifier& key) {
  const Status s = keys_.Add(key);
  if (!s.ok()) return InvalidArgument(s.message());
  return Status::Ok();
}

Status PolicyParser::Log(const Items& items) {
  if (items.size() < 2 || items.size() > 3) return InvalidArgument("expected log <vkey> [<url>]");
  if (policy_.logs.size() == kMaxPolicyLogs) return InvalidArgument("too many logs");
  VERITY_ASSIGN_OR_RETURN(Verifier key, Key(items[1], SignatureType::kEd25519, "a log"));
  for (const PolicyLog& l : policy_.logs) {
    if (l.key.public_key() == key.public_key()) return InvalidArgument("duplicate log key");
  }
  VERITY_RETURN_IF_ERROR(AddKey(key));
  policy_.logs.push_back(PolicyLog{key, items.size() == 3 ? std::string(items[2]) : ""});
  return Status::Ok();
}

Status PolicyParser::NewName(std::string_view name) {
  if (name == kQuorumNone) return InvalidArgument("'none' is a reserved name");
  if (name.size() > kMaxKeyNameBytes) return InvalidArgument("name too long");
  if (std::find(names_.begin(), names_.end(), name) != names_.end()) {
    return InvalidArgument("name '" + std::string(name) + "' is defined twice");
  }
  names_.emplace_back(name);
  return Status::Ok();
}

Status PolicyParser::Witness(const Items& items) {
  if (items.size() < 3 || items.size() > 4) {
    return InvalidArgument("expected witness <name> <vkey> [<url>]");
  }
  if (policy_.witnesses.size() == kMaxPolicyWitnesses) return InvalidArgument("too many witnesses");
  VERITY_ASSIGN_OR_RETURN(Verifier key, Key(items[2], SignatureType::kCosignatureV1, "a witness"));
  for (const PolicyWitness& w : policy_.witnesses) {
    if (w.key.public_key() == key.public_key()) {
      return InvalidArgument("witness " + std::string(items[1]) + " has the key of " + w.name);
    }
  }
  VERITY_RETURN_IF_ERROR(NewName(items[1]));
  VERITY_RETURN_IF_ERROR(AddKey(key));
  policy_.witnesses.push_back(
      PolicyWitness{std::string(items[1]), key, items.size() == 4 ? std::string(items[3]) : ""});
  return Status::Ok();
}

Status PolicyParser::Group(const Items& items) {
  if (items.size() < 4) return InvalidArgument("expected group <name> all|any|<k> <name>...");
  if (policy_.groups.size() == kMaxPolicyGroups) return InvalidArgument("too many groups");
  PolicyGroup g{std::string(items[1]), 0, {}};
  for (size_t i = 3; i < items.size(); ++i) {
    const std::string name(items[i]);
    if (std::find(names_.begin(), names_.end(), name) == names_.end()) {
      return InvalidArgument("group " + g.name + ": '" + name + "' is not defined above");
    }
    if (std::find(g.members.begin(), g.members.end(), name) != g.members.end()) {
      return InvalidArgument("group " + g.name + ": '" + name + "' is listed twice");
    }
    g.members.push_back(name);
  }
  const std::string_view k = items[2];
  if (k == "all") {
    g.threshold = g.members.size();
  } else if (k == "any") {
    g.threshold = 1;
  } else {
    auto v = ParseDecimal(k, "group " + g.name + ": threshold", g.members.size());
    if (!v.ok()) {
      return InvalidArgument("group " + g.name + ": the threshold must be all, any or 1 to " +
                             std::to_string(g.members.size()));
    }
    g.threshold = static_cast<size_t>(*v);
    if (g.threshold == 0) return InvalidArgument("group " + g.name + ": the threshold is 0");
  }
  VERITY_RETURN_IF_ERROR(NewName(items[1]));
  policy_.groups.push_back(std::move(g));
  return Status::Ok();
}

Status PolicyParser::Quorum(const Items& items) {
  if (items.size() != 2) return InvalidArgument("expected quorum <name>");
  if (has_quorum_) return InvalidArgument("a second quorum line");
  const std::string name(items[1]);
  if (name != kQuorumNone && std::find(names_.begin(), names_.end(), name) == names_.end()) {
    return InvalidArgument("quorum: '" + name + "' is not defined above");
  }
  policy_.quorum = name;
  has_quorum_ = true;
  return Status::Ok();
}

StatusOr<Policy> PolicyParser::Finish() {
  if (!has_quorum_) return InvalidArgument("policy: no quorum line");
  return std::move(policy_);
}

// Whether each witness and group witnessed, by name.
using Witnessed = std::map<std::string, bool, std::less<>>;

Witnessed Evaluate(const Policy& policy, const std::vector<WitnessCosignature>& cosigned) {
  Witnessed w;
  for (const PolicyWitness& pw : policy.witnesses) {
    w[pw.name] = std::any_of(cosigned.begin(), cosigned.end(),
                             [&](const WitnessCosignature& c) { return c.witness == pw.name; });
  }
  for (const PolicyGroup& g : policy.groups) {
    const size_t n = std::count_if(g.members.begin(), g.members.end(),
                                   [&](const std::string& m) { return w.at(m); });
    w[g.name] = n >= g.threshold;
  }
  return w;
}

std::string Explain(const Policy& policy, const Witnessed& w, const std::string& name) {
  for (const PolicyGroup& g : policy.groups) {
    if (g.name != name) continue;
    std::vector<std::string> why;
    size_t have = 0;
    for (const std::string& m : g.members) {
      if (w.at(m)) {
        ++have;
      } else {
        why.push_back(Explain(policy, w, m));
      }
    }
    std::string s = "group " + name + " needs " + std::to_string(g.threshold) + " of its " +
                    std::to_string(g.members.size()) + " members, has " + std::to_string(have);
    std::string sep = ": ";
    for (const std::string& y : why) s += std::exchange(sep, "; ") + y;
    return s;
  }
  return "witness " + name + " did not cosign";
}

}  // namespace

VerifierSet Policy::Keys() const {
  VerifierSet set;
  for (const PolicyLog& l : logs) (void)set.Add(l.key);  // distinct: checked when parsed
  for (const PolicyWitness& w : witnesses) (void)set.Add(w.key);
  return set;
}

StatusOr<Policy> ParsePolicy(std::string_view text) {
  if (text.size() > kMaxPolicyBytes) {
    return InvalidArgument("policy: longer than " + std::to_string(kMaxPolicyBytes) + " bytes");
  }
  if (!text.empty() && text.back() != '\n') {
    return InvalidArgument("policy: the last line does not end in a newline");
  }
  PolicyParser parser;
  size_t number = 0;
  for (std::string_view line : SplitLines(text)) {
    ++number;
    const std::string where = "policy line " + std::to_string(number);
    for (char c : line) {
      const auto u = static_cast<unsigned char>(c);
      if ((u < 0x20 && c != '\t') || u == 0x7F) {
        return InvalidArgument(where + ": a control character");
      }
    }
    VERITY_RETURN_IF_ERROR(parser.Line(line).WithContext(where));
  }
  return parser.Finish();
}

StatusOr<PolicyVerdict> EvaluateCheckpoint(const Policy& policy, std::string_view note) {
  VERITY_ASSIGN_OR_RETURN(SignedCheckpoint cp, OpenCheckpoint(note, policy.Keys()));
  PolicyVerdict v;
  v.checkpoint = cp.checkpoint;
  for (const PolicyLog& l : policy.logs) {
    if (l.key.name() == cp.checkpoint.origin && v.log.empty()) {
      for (const Verifier& k : cp.note.verified) {
        if (k.key_id() == l.key.key_id() && k.name() == l.key.name()) v.log = l.key.ToString();
      }
    }
  }
  for (const PolicyWitness& w : policy.witnesses) {
    for (const NoteSignature& s : cp.note.note.signatures) {
      const bool known = s.name == w.key.name() && s.key_id == w.key.key_id();
      // OpenNote verified every signature of a known key.
      if (known) {
        v.cosigned.push_back(WitnessCosignature{w.name, CosignatureTimestamp(s.signature)});
        break;
      }
    }
  }
  if (policy.quorum == kQuorumNone) {
    v.quorum_met = true;
    return v;
  }
  const Witnessed w = Evaluate(policy, v.cosigned);
  v.quorum_met = w.at(policy.quorum);
  if (!v.quorum_met) v.missing = Explain(policy, w, policy.quorum);
  return v;
}

StatusOr<PolicyVerdict> CheckCheckpoint(const Policy& policy, std::string_view note) {
  VERITY_ASSIGN_OR_RETURN(PolicyVerdict v, EvaluateCheckpoint(policy, note));
  if (!v.quorum_met) {
    return PermissionDenied("checkpoint: quorum " + policy.quorum + " not met: " + v.missing);
  }
  return v;
}

}  // namespace verity::tlog
