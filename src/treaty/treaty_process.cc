#include "treaty/treaty_process.h"

#include "core/limits.h"

namespace verity::treaty {
namespace internal {
namespace {

constexpr int kMaxMonths = 120;
constexpr int kMaxAnswerDays = 3650;
constexpr int kMaxSessionsPerYear = 52;

std::string Indexed(std::string_view key, size_t i) {
  return std::string(key) + "[" + std::to_string(i) + "]";
}

Status ParseSessions(const TomlReader& r, Commission* c) {
  VERITY_ASSIGN_OR_RETURN(auto tables, r.Tables("sessions"));
  if (tables.size() > static_cast<size_t>(limits::kMaxCommissionSessions)) {
    return InvalidArgument(r.PathOf("sessions") + ": " + std::to_string(tables.size()) +
                           " sessions, more than the limit of " +
                           std::to_string(limits::kMaxCommissionSessions));
  }
  c->sessions.clear();
  for (size_t i = 0; i < tables.size(); ++i) {
    TomlReader s(*tables[i], Indexed(r.PathOf("sessions"), i));
    VERITY_RETURN_IF_ERROR(s.RejectUnknown({"start", "end", "source"}));
    CommissionSession session;
    VERITY_ASSIGN_OR_RETURN(session.start, s.DateValue("start"));
    VERITY_ASSIGN_OR_RETURN(session.end, s.DateValue("end"));
    VERITY_ASSIGN_OR_RETURN(session.source, s.OptString("source", ""));
    if (session.end < session.start) {
      return InvalidArgument(s.PathOf("end") + ": before start");
    }
    if (!c->sessions.empty() && session.start <= c->sessions.back().end) {
      return InvalidArgument(s.PathOf("start") +
                             ": sessions are listed in date order and do not overlap");
    }
    c->sessions.push_back(std::move(session));
  }
  return Status::Ok();
}

Status ParseCommission(const TomlReader& root, Treaty* t) {
  if (!root.Has("commission")) return Status::Ok();
  VERITY_ASSIGN_OR_RETURN(const toml::table* tbl, root.Table("commission"));
  TomlReader r(*tbl, "commission");
  VERITY_RETURN_IF_ERROR(
      r.RejectUnknown({"name", "sessions_per_year", "answer_days", "source", "sessions"}));
  Commission c;
  VERITY_ASSIGN_OR_RETURN(c.name, r.String("name"));
  VERITY_ASSIGN_OR_RETURN(int64_t per_year,
                          r.OptInt("sessions_per_year", 0, kMaxSessionsPerYear, 0));
  c.sessions_per_year = static_cast<int>(per_year);
  VERITY_ASSIGN_OR_RETURN(int64_t answer, r.OptInt("answer_days", 0, kMaxAnswerDays, 0));
  c.answer_days = static_cast<int>(answer);
  VERITY_ASSIGN_OR_RETURN(c.source, r.OptString("source", ""));
  VERITY_RETURN_IF_ERROR(ParseSessions(r, &c));
  t->commission = std::move(c);
  return Status::Ok();
}

Status ParseDataExchanges(const TomlReader& root, Treaty* t) {
  if (!root.Has("data_exchanges")) return Status::Ok();
  VERITY_ASSIGN_OR_RETURN(const toml::table* tbl, root.Table("data_exchanges"));
  TomlReader r(*tbl, "data_exchanges");
  VERITY_RETURN_IF_ERROR(r.RejectUnknown({"first", "every_months", "source"}));
  DataExchangeSchedule s;
  VERITY_ASSIGN_OR_RETURN(Date first, r.DateValue("first"));
  s.first = first;
  VERITY_ASSIGN_OR_RETURN(int64_t months, r.Int("every_months", 1, kMaxMonths));
  s.every_months = static_cast<int>(months);
  VERITY_ASSIGN_OR_RETURN(s.source, r.OptString("source", ""));
  if (first <= t->dates.entry_into_force) {
    return InvalidArgument(r.PathOf("first") +
                           ": the first periodic exchange falls after entry into force");
  }
  t->data_exchanges = std::move(s);
  return Status::Ok();
}

Status ParseRegime(const TomlReader& root, Treaty* t) {
  if (!root.Has("regime")) return Status::Ok();
  VERITY_ASSIGN_OR_RETURN(const toml::table* tbl, root.Table("regime"));
  TomlReader r(*tbl, "regime");
  VERITY_RETURN_IF_ERROR(r.RejectUnknown({"withdrawal_notice_months", "source"}));
  RegimeRules rules;
  VERITY_ASSIGN_OR_RETURN(int64_t months, r.Int("withdrawal_notice_months", 0, kMaxMonths));
  rules.withdrawal_notice_months = static_cast<int>(months);
  VERITY_ASSIGN_OR_RETURN(rules.source, r.OptString("source", ""));
  t->regime = std::move(rules);
  return Status::Ok();
}

}  // namespace

Status ParseProcess(const TomlReader& root, Treaty* t) {
  VERITY_RETURN_IF_ERROR(ParseCommission(root, t));
  VERITY_RETURN_IF_ERROR(ParseDataExchanges(root, t));
  return ParseRegime(root, t);
}

}  // namespace internal

const CommissionSession* Commission::SessionOn(Date d) const {
  for (const CommissionSession& s : sessions) {
    if (s.start <= d && d <= s.end) return &s;
  }
  return nullptr;
}

bool Treaty::InForceOn(Date d) const { return dates.entry_into_force <= d && d < dates.expiry; }

std::vector<Date> Treaty::DataExchangeDates(Date until) const {
  std::vector<Date> out;
  if (until < dates.entry_into_force) return out;
  out.push_back(dates.entry_into_force);
  if (!data_exchanges.first || data_exchanges.every_months <= 0) return out;
  // Bounded by the treaty's life: at most (expiry - first) / every_months.
  for (int k = 0;; ++k) {
    const Date d = data_exchanges.first->AddMonths(k * data_exchanges.every_months);
    if (d > until || d >= dates.expiry) break;
    out.push_back(d);
  }
  return out;
}

}  // namespace verity::treaty
