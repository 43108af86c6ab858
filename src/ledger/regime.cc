#include "ledger/regime.h"

#include <algorithm>
#include <map>

namespace verity::ledger {
namespace {

std::string Entry(uint64_t index) { return "treaty event #" + std::to_string(index); }

std::string SinceText(const Since& s) {
  return "since " + s.date.ToString() + " (" + Entry(s.index) + ")";
}

class Folder {
 public:
  Folder(const treaty::Treaty& t, Date as_of, std::vector<Ambiguity>* conflicts)
      : t_(t), conflicts_(conflicts) {
    r_.treaty = t.name;
    r_.as_of = as_of;
    r_.in_force_from = t.dates.entry_into_force;
    r_.ends_on = t.dates.expiry;
    r_.ended_by = "expiry";
  }

  Standing& Of(const std::string& party) {
    for (Standing& s : r_.parties) {
      if (s.party == party) return s;
    }
    r_.parties.push_back({party, std::nullopt, {}, std::nullopt});
    return r_.parties.back();
  }

  void Apply(const RegimeEvent& e) {
    Standing& s = Of(e.party);
    if (e.event == TreatyEvent::kExpiry) return Expiry(e);
    if (e.occurred < t_.dates.entry_into_force) {
      return Conflict(e, "the treaty is not yet in force on " + e.occurred.ToString());
    }
    if (e.occurred >= r_.ends_on) {
      return Conflict(e, "the treaty is not in force on " + e.occurred.ToString() + " (it ended " +
                             r_.ends_on.ToString() + " by " + r_.ended_by + ")");
    }
    switch (e.event) {
      case TreatyEvent::kSuspension:
        return Suspend(e, s);
      case TreatyEvent::kResumption:
        return Resume(e, s);
      case TreatyEvent::kCountermeasure:
        return Withhold(e, s);
      case TreatyEvent::kWithdrawal:
        return Withdraw(e, s);
      case TreatyEvent::kExpiry:
        return;
    }
  }

  Regime Finish() {
    const Date d = r_.as_of;
    r_.state = d < r_.in_force_from ? TreatyState::kNotYetInForce
               : d >= r_.ends_on    ? TreatyState::kEnded
                                    : TreatyState::kInForce;
    return std::move(r_);
  }

 private:
  void Conflict(const RegimeEvent& e, const std::string& why) {
    if (conflicts_ == nullptr) return;
    conflicts_->push_back(
        {e.index,
         e.party,
         AmbiguityKind::kTreatyEventConflict,
         e.occurred,
         std::string(Name(e.event)) + " by " + e.party + ": " + why + "; the regime is unchanged",
         {{"event", std::string(Name(e.event))}}});
  }

  void Suspend(const RegimeEvent& e, Standing& s) {
    if (s.suspended) {
      return Conflict(e,
                      e.party + "'s participation is suspended already " + SinceText(*s.suspended));
    }
    s.suspended = Since{e.occurred, e.index};
  }

  void Resume(const RegimeEvent& e, Standing& s) {
    const bool any_withheld = std::any_of(s.withheld.begin(), s.withheld.end(),
                                          [](const auto& w) { return w.has_value(); });
    if (e.duties.empty()) {
      if (!s.suspended && !any_withheld) {
        return Conflict(e, "nothing of " + e.party + " is suspended or withheld");
      }
      s.suspended.reset();
      for (auto& w : s.withheld) w.reset();
      return;
    }
    for (Duty d : e.duties) {
      if (!s.withheld[static_cast<size_t>(d)]) {
        return Conflict(e, std::string(Name(d)) + " is not withheld by " + e.party +
                               (s.suspended ? " (a suspension is lifted by a resumption that "
                                              "names no duties)"
                                            : ""));
      }
    }
    for (Duty d : e.duties) s.withheld[static_cast<size_t>(d)].reset();
  }

  void Withhold(const RegimeEvent& e, Standing& s) {
    for (Duty d : e.duties) {
      if (const auto& w = s.withheld[static_cast<size_t>(d)]) {
        return Conflict(e, std::string(Name(d)) + " is withheld already " + SinceText(*w));
      }
    }
    for (Duty d : e.duties) s.withheld[static_cast<size_t>(d)] = Since{e.occurred, e.index};
  }

  void Withdraw(const RegimeEvent& e, Standing& s) {
    if (s.withdrawal_notice) {
      return Conflict(
          e, e.party + " gave notice of withdrawal already " + SinceText(*s.withdrawal_notice));
    }
    s.withdrawal_notice = Since{e.occurred, e.index};
    const Date effective = e.occurred.AddMonths(t_.regime.withdrawal_notice_months);
    if (effective < r_.ends_on) {
      r_.ends_on = effective;
      r_.ended_by = "withdrawal of " + e.party + " (notice " + Entry(e.index) + ", " +
                    e.occurred.ToString() + ")";
    }
  }

  // An expiry on the treaty's own last day acknowledges it; one on a later
  // day cannot extend the treaty; one on an earlier day ends it only when
  // every other party has recorded the same day (Art. XIV para 1: superseded
  // by agreement).
  void Expiry(const RegimeEvent& e) {
    if (e.occurred == t_.dates.expiry) return;
    if (e.occurred > t_.dates.expiry) {
      return Conflict(e, "the treaty expires on " + t_.dates.expiry.ToString() +
                             "; one party's record does not extend it");
    }
    if (e.occurred >= r_.ends_on) {
      return Conflict(e, "the treaty ended already on " + r_.ends_on.ToString());
    }
    auto& votes = expiry_votes_[e.occurred];
    votes[e.party] = e.index;
    if (votes.size() < 2) {
      return Conflict(e, "one party cannot end the treaty early by recording its expiry (only " +
                             e.party + " recorded " + e.occurred.ToString() +
                             "; a withdrawal ends it after notice)");
    }
    std::string who;
    for (const auto& [party, index] : votes) {
      who += (who.empty() ? "" : " and ") + party + " (" + Entry(index) + ")";
    }
    r_.ends_on = e.occurred;
    r_.ended_by = "agreement recorded by " + who;
  }

  const treaty::Treaty& t_;
  std::vector<Ambiguity>* conflicts_;
  Regime r_;
  std::map<Date, std::map<std::string, uint64_t>> expiry_votes_;
};

}  // namespace

std::optional<RegimeEvent> RegimeEventOf(const Notification& n, uint64_t index) {
  if (n.typed_body == nullptr) return std::nullopt;
  const auto* b = std::get_if<TreatyEventBody>(&n.typed_body->value);
  if (b == nullptr) return std::nullopt;
  return RegimeEvent{index, n.party, n.occurred, b->event, b->duties, b->statement.value_or("")};
}

std::string_view Name(TreatyState s) {
  switch (s) {
    case TreatyState::kNotYetInForce:
      return "not_yet_in_force";
    case TreatyState::kInForce:
      return "in_force";
    case TreatyState::kEnded:
      return "not_in_force";
  }
  return "?";
}

const Standing* Regime::Find(const std::string& party) const {
  for (const Standing& s : parties) {
    if (s.party == party) return &s;
  }
  return nullptr;
}

Excuse Regime::ExcuseFor(const std::string& party, Duty duty, Since* since) const {
  if (!InForce()) return Excuse::kNotInForce;
  const Standing* s = Find(party);
  if (s == nullptr) return Excuse::kNone;
  if (s->suspended) {
    if (since != nullptr) *since = *s->suspended;
    return Excuse::kSuspended;
  }
  if (const auto& w = s->withheld[static_cast<size_t>(duty)]) {
    if (since != nullptr) *since = *w;
    return Excuse::kWithheld;
  }
  return Excuse::kNone;
}

std::string Regime::Describe(const std::string& party) const {
  const Standing* s = Find(party);
  std::string out;
  if (s != nullptr && s->suspended) out = "participation suspended " + SinceText(*s->suspended);
  for (size_t d = 0; s != nullptr && d < s->withheld.size(); ++d) {
    if (!s->withheld[d]) continue;
    out += (out.empty() ? "withholds " : "; withholds ") + std::string(Name(static_cast<Duty>(d))) +
           " " + SinceText(*s->withheld[d]);
  }
  if (s != nullptr && s->withdrawal_notice) {
    out += (out.empty() ? "" : "; ") + std::string("gave notice of withdrawal ") +
           SinceText(*s->withdrawal_notice);
  }
  return out.empty() ? "bound by every duty" : out;
}

Json Regime::ToJson() const {
  Json standings = Json::array();
  for (const Standing& s : parties) {
    Json withheld = Json::array();
    for (size_t d = 0; d < s.withheld.size(); ++d) {
      if (!s.withheld[d]) continue;
      withheld.push_back({{"duty", std::string(Name(static_cast<Duty>(d)))},
                          {"since", s.withheld[d]->date.ToString()},
                          {"index", s.withheld[d]->index}});
    }
    auto since = [](const std::optional<Since>& x) {
      return x ? Json{{"since", x->date.ToString()}, {"index", x->index}} : Json(nullptr);
    };
    standings.push_back({{"party", s.party},
                         {"suspended", since(s.suspended)},
                         {"withheld", withheld},
                         {"withdrawal_notice", since(s.withdrawal_notice)},
                         {"summary", Describe(s.party)}});
  }
  return {{"treaty", treaty},
          {"as_of", as_of.ToString()},
          {"state", std::string(Name(state))},
          {"in_force", InForce()},
          {"in_force_from", in_force_from.ToString()},
          {"ends_on", ends_on.ToString()},
          {"ended_by", ended_by},
          {"parties", standings}};
}

Regime RegimeOn(const treaty::Treaty& t, std::span<const RegimeEvent> events, Date as_of,
                std::span<const std::string> parties, std::vector<Ambiguity>* conflicts) {
  std::vector<const RegimeEvent*> order;
  for (const RegimeEvent& e : events) {
    if (e.occurred <= as_of) order.push_back(&e);
  }
  std::sort(order.begin(), order.end(), [](const RegimeEvent* a, const RegimeEvent* b) {
    return std::tie(a->occurred, a->index) < std::tie(b->occurred, b->index);
  });
  Folder f(t, as_of, conflicts);
  for (const std::string& p : parties) f.Of(p);
  for (const RegimeEvent* e : order) f.Apply(*e);
  return f.Finish();
}

std::vector<Ambiguity> TreatyEventConflicts(const treaty::Treaty& t,
                                            std::span<const RegimeEvent> events,
                                            size_t first_added) {
  std::vector<Ambiguity> out;
  for (size_t i = first_added; i < events.size(); ++i) {
    const RegimeEvent& e = events[i];
    std::vector<Ambiguity> found;
    RegimeOn(t, events.first(i + 1), e.occurred, {}, &found);
    for (Ambiguity& a : found) {
      if (a.index == e.index) out.push_back(std::move(a));
    }
  }
  return out;
}

}  // namespace verity::ledger
