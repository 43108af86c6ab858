// The commission's concerns replayed (concerns.h states the rules). The
// fold goes in log order; every judgement about a note is an ambiguity of
// that note, so that one bad note never stops the others being judged.
#include "ledger/concerns.h"

#include <algorithm>
#include <map>

#include "core/hash.h"

namespace verity::ledger {
namespace {

Json Evidence(const std::string& concern) { return {{"concern", concern}}; }

class ConcernFolder {
 public:
  ConcernFolder(const treaty::Treaty& t, std::span<const PublicKey> keys,
                std::span<const RegimeEvent> events, std::vector<Ambiguity>* found)
      : t_(t), keys_(keys), events_(events), found_(found) {}

  void Apply(const IndexedNotification& in) {
    const Notification& n = in.notification;
    if (n.typed_body == nullptr) return;
    if (!InForce(in)) return;
    const BodyValue& v = n.typed_body->value;
    if (const auto* b = std::get_if<ConcernRaisedBody>(&v)) return Raise(in, *b);
    if (const auto* b = std::get_if<ConcernAnsweredBody>(&v)) return Answer(in, *b);
    if (const auto* b = std::get_if<ConcernClosedBody>(&v)) return Close(in, *b);
  }

  std::vector<Concern> Finish(Date as_of) {
    const Regime regime = RegimeOn(t_, events_, as_of);
    for (Concern& c : concerns_) c.status = StatusOn(c, regime);
    return std::move(concerns_);
  }

 private:
  void Flag(const IndexedNotification& in, AmbiguityKind kind, const std::string& concern,
            const std::string& why) {
    if (found_ == nullptr) return;
    const Notification& n = in.notification;
    found_->push_back(
        {in.index, n.party, kind, n.occurred,
         std::string(Name(n.type)) + " of concern " + concern + " by " + n.party + ": " + why,
         Evidence(concern)});
  }

  // The regime as the events before the note leave it on the note's day.
  bool InForce(const IndexedNotification& in) {
    std::vector<RegimeEvent> before;
    for (const RegimeEvent& e : events_) {
      if (e.index < in.index) before.push_back(e);
    }
    const Regime r = RegimeOn(t_, before, in.notification.occurred);
    if (r.InForce()) return true;
    const std::string why =
        r.state == TreatyState::kNotYetInForce
            ? "the treaty is not yet in force (from " + r.in_force_from.ToString() + ")"
            : "the treaty is not in force since " + r.ends_on.ToString() + " (" + r.ended_by + ")";
    Flag(in, AmbiguityKind::kTreatyNotInForce, ConcernIdOf(in.notification),
         why + "; the commission exists only with the treaty; ignored");
    return false;
  }

  static std::string ConcernIdOf(const Notification& n) {
    const BodyValue& v = n.typed_body->value;
    if (const auto* b = std::get_if<ConcernRaisedBody>(&v)) return b->concern;
    if (const auto* b = std::get_if<ConcernAnsweredBody>(&v)) return b->concern;
    if (const auto* b = std::get_if<ConcernClosedBody>(&v)) return b->concern;
    return "";
  }

  Concern* Find(const std::string& id) {
    for (Concern& c : concerns_) {
      if (c.id == id) return &c;
    }
    return nullptr;
  }

  void Raise(const IndexedNotification& in, const ConcernRaisedBody& b) {
    const Notification& n = in.notification;
    if (Find(b.concern) != nullptr) {
      return Flag(in, AmbiguityKind::kConcernDuplicate, b.concern,
                  "the id is in use (raised as entry #" + std::to_string(Find(b.concern)->index) +
                      "); ignored");
    }
    if (b.addressed_to == n.party) {
      return Flag(in, AmbiguityKind::kConcernWrongParty, b.concern,
                  "a party cannot address a concern to itself; ignored");
    }
    Concern c;
    c.id = b.concern;
    c.raised_by = n.party;
    c.addressed_to = b.addressed_to;
    c.question = b.question;
    c.provision = b.provision;
    c.index = in.index;
    c.raised_on = n.occurred;
    c.sent = n.sent;
    if (t_.commission.answer_days > 0) c.due = n.sent.date().AddDays(t_.commission.answer_days);
    for (uint64_t e : b.entries) c.references.push_back({e, "", e < in.index});
    for (const AmbiguityRef& a : b.ambiguities) {
      c.references.push_back({a.entry, a.kind, a.entry < in.index});
    }
    for (const ConcernReference& r : c.references) {
      if (r.found) continue;
      Flag(in, AmbiguityKind::kConcernReferenceInvalid, b.concern,
           "entry #" + std::to_string(r.entry) + " is not before the concern (#" +
               std::to_string(in.index) + ")");
    }
    concerns_.push_back(std::move(c));
  }

  // The open concern `id`, or null with the note flagged.
  Concern* Open(const IndexedNotification& in, const std::string& id) {
    Concern* c = Find(id);
    if (c == nullptr) {
      Flag(in, AmbiguityKind::kConcernUnknown, id, "no such concern was raised before; ignored");
      return nullptr;
    }
    if (c->closed) {
      Flag(in, AmbiguityKind::kConcernAlreadyClosed, id,
           "closed already (" + std::string(Name(c->closed->outcome)) + ", entry #" +
               std::to_string(c->closed->index) + "); ignored");
      return nullptr;
    }
    return c;
  }

  void Answer(const IndexedNotification& in, const ConcernAnsweredBody& b) {
    const Notification& n = in.notification;
    Concern* c = Open(in, b.concern);
    if (c == nullptr) return;
    if (n.party != c->addressed_to) {
      return Flag(in, AmbiguityKind::kConcernWrongParty, b.concern,
                  "addressed to " + c->addressed_to + ", answered by " + n.party + "; ignored");
    }
    ConcernAnswer a{in.index, n.occurred, n.sent, b.answer, b.provision, false};
    a.late = c->due && n.sent.date() > *c->due;
    if (a.late) {
      Flag(in, AmbiguityKind::kConcernAnswerLate, b.concern,
           "answered " + n.sent.date().ToString() + ", after the commission's deadline " +
               c->due->ToString() + " (" + std::to_string(t_.commission.answer_days) +
               " days after it was raised); kept");
    }
    c->answers.push_back(std::move(a));
  }

  // Why the statement does not carry a valid signature of `party`, or "".
  std::string SignatureProblem(const JointStatement& s, const std::string& party) const {
    const std::string bytes = s.SigningBytes();
    std::string problem = "no signature of " + party;
    for (const StatementSignature& sig : s.signatures) {
      if (sig.party != party) continue;
      const auto key = std::find_if(keys_.begin(), keys_.end(),
                                    [&](const PublicKey& k) { return k.key_id == sig.key_id; });
      if (key == keys_.end() || key->party != party) {
        problem =
            party + "'s signature is by key " + sig.key_id + ", not a key registered to " + party;
      } else if (!VerifyBytes(*key, bytes, sig.signature)) {
        problem = party + "'s signature (key " + sig.key_id + ") does not verify";
      } else {
        return "";
      }
    }
    return problem;
  }

  bool CheckClose(const IndexedNotification& in, const Concern& c, const ConcernClosedBody& b) {
    const std::string& party = in.notification.party;
    const Date day = in.notification.occurred;
    switch (b.outcome) {
      case ConcernOutcome::kWithdrawn:
        if (party == c.raised_by) return true;
        Flag(in, AmbiguityKind::kConcernWrongParty, b.concern,
             "only " + c.raised_by + ", which raised it, may withdraw it; ignored");
        return false;
      case ConcernOutcome::kSettled:
        for (const std::string& p : {c.raised_by, c.addressed_to}) {
          const std::string problem = SignatureProblem(*b.joint_statement, p);
          if (problem.empty()) continue;
          Flag(in, AmbiguityKind::kJointStatementInvalid, b.concern,
               problem + "; the concern stays open");
          return false;
        }
        return true;
      case ConcernOutcome::kUnresolved:
        if (party != c.raised_by && party != c.addressed_to) {
          Flag(in, AmbiguityKind::kConcernWrongParty, b.concern,
               "only " + c.raised_by + " or " + c.addressed_to + " may record it; ignored");
          return false;
        }
        if (t_.commission.SessionOn(day) != nullptr) return true;
        Flag(in, AmbiguityKind::kConcernNotAtSession, b.concern,
             "recorded unresolved on " + day.ToString() + ", not a day of a session of the " +
                 (t_.commission.name.empty() ? "commission" : t_.commission.name) +
                 " in the treaty file; ignored");
        return false;
    }
    return false;
  }

  void Close(const IndexedNotification& in, const ConcernClosedBody& b) {
    Concern* c = Open(in, b.concern);
    if (c == nullptr) return;
    if (in.notification.party != c->raised_by && in.notification.party != c->addressed_to) {
      return Flag(in, AmbiguityKind::kConcernWrongParty, b.concern,
                  "closed by " + in.notification.party + ", not a party to it; ignored");
    }
    if (!CheckClose(in, *c, b)) return;
    c->closed = ConcernClose{in.index, in.notification.party, in.notification.occurred, b.outcome,
                             b.note,   b.joint_statement};
  }

  static ConcernStatus StatusOn(const Concern& c, const Regime& regime) {
    if (c.closed) {
      switch (c.closed->outcome) {
        case ConcernOutcome::kWithdrawn:
          return ConcernStatus::kWithdrawn;
        case ConcernOutcome::kSettled:
          return ConcernStatus::kSettled;
        case ConcernOutcome::kUnresolved:
          return ConcernStatus::kUnresolved;
      }
    }
    if (!regime.InForce()) return ConcernStatus::kLapsed;
    if (!c.answers.empty()) return ConcernStatus::kAnswered;
    if (c.due && regime.as_of > *c.due) return ConcernStatus::kOverdue;
    return ConcernStatus::kOpen;
  }

  const treaty::Treaty& t_;
  std::span<const PublicKey> keys_;
  std::span<const RegimeEvent> events_;
  std::vector<Ambiguity>* found_;
  std::vector<Concern> concerns_;
};

Json AnswerJson(const ConcernAnswer& a) {
  return {{"index", a.index},
          {"occurred", a.occurred.ToString()},
          {"sent", a.sent.ToString()},
          {"answer", a.answer},
          {"provision", a.provision ? Json(*a.provision) : Json(nullptr)},
          {"late", a.late}};
}

Json CloseJson(const std::optional<ConcernClose>& c) {
  if (!c) return nullptr;
  return {{"index", c->index},
          {"party", c->party},
          {"occurred", c->occurred.ToString()},
          {"outcome", std::string(Name(c->outcome))},
          {"note", c->note ? Json(*c->note) : Json(nullptr)},
          {"joint_statement", c->statement ? c->statement->ToJson() : Json(nullptr)}};
}

}  // namespace

std::string_view Name(ConcernStatus s) {
  switch (s) {
    case ConcernStatus::kOpen:
      return "open";
    case ConcernStatus::kOverdue:
      return "overdue";
    case ConcernStatus::kAnswered:
      return "answered";
    case ConcernStatus::kWithdrawn:
      return "withdrawn";
    case ConcernStatus::kSettled:
      return "settled";
    case ConcernStatus::kUnresolved:
      return "unresolved";
    case ConcernStatus::kLapsed:
      return "lapsed";
  }
  return "?";
}

Json Concern::ToJson() const {
  Json refs = Json::array();
  for (const ConcernReference& r : references) {
    Json j = {{"entry", r.entry}, {"found", r.found}};
    if (!r.kind.empty()) j["ambiguity"] = r.kind;
    refs.push_back(std::move(j));
  }
  Json ans = Json::array();
  for (const ConcernAnswer& a : answers) ans.push_back(AnswerJson(a));
  return {{"concern", id},
          {"status", std::string(Name(status))},
          {"raised_by", raised_by},
          {"addressed_to", addressed_to},
          {"question", question},
          {"provision", provision},
          {"index", index},
          {"raised_on", raised_on.ToString()},
          {"sent", sent.ToString()},
          {"due", due ? Json(due->ToString()) : Json(nullptr)},
          {"references", refs},
          {"answers", ans},
          {"closed", CloseJson(closed)}};
}

std::vector<Concern> DeriveConcerns(const treaty::Treaty& t, std::span<const PublicKey> keys,
                                    std::span<const IndexedNotification> notes,
                                    std::span<const RegimeEvent> events, Date as_of,
                                    std::vector<Ambiguity>* found) {
  std::vector<const IndexedNotification*> order;
  for (const IndexedNotification& n : notes) {
    if (n.notification.occurred <= as_of) order.push_back(&n);
  }
  std::sort(order.begin(), order.end(),
            [](const auto* a, const auto* b) { return a->index < b->index; });
  ConcernFolder f(t, keys, events, found);
  for (const IndexedNotification* n : order) f.Apply(*n);
  return f.Finish(as_of);
}

void SignStatement(JointStatement* statement, const SecretKey& key) {
  auto& sigs = statement->signatures;
  sigs.erase(std::remove_if(sigs.begin(), sigs.end(),
                            [&](const StatementSignature& s) { return s.party == key.pub.party; }),
             sigs.end());
  sigs.push_back({key.pub.party, key.pub.key_id, SignBytes(key, statement->SigningBytes())});
}

}  // namespace verity::ledger
