// `verity bcc list|show|raise|answer|close|statement`: the commission's
// concerns in the ledger (docs/bcc.md). Listing and showing replay the
// ledger (ledger/concerns.h); raising, answering and closing sign a
// notification with the party's key and append it, as `ledger append`
// does, so the same finder judges it.
#include <memory>

#include "cli/command.h"
#include "cli/ledger_io.h"
#include "core/limits.h"
#include "ledger/batch.h"
#include "ledger/concerns.h"
#include "ledger/running_count.h"

namespace verity::cli {
namespace {

// A joint statement file is small: its text is bounded by the concern limits.
constexpr size_t kMaxStatementFileBytes = 64 * 1024;

struct BccOptions {
  std::string data = "data/ledger";
  std::string treaty = "new-start";
  std::string as_of, date, key, concern, to, question, provision, answer, outcome, note;
  std::string statement, text;
  std::vector<uint64_t> entries;
  std::vector<std::string> ambiguities, keys;
  bool json = false;
};

StatusOr<Date> DateOption(const std::string& text, const std::string& option) {
  if (text.empty()) return Now().date();
  auto d = Date::Parse(text);
  if (!d.ok()) return d.status().WithContext(option);
  return *d;
}

std::string ConcernLine(const ledger::Concern& c) {
  return c.id + "  " + std::string(Name(c.status)) + "  " + c.raised_by + " -> " + c.addressed_to +
         "  raised " + c.raised_on.ToString() + (c.due ? "  answer due " + c.due->ToString() : "") +
         "  " + std::to_string(c.answers.size()) + " answer(s)  " + c.provision + "\n";
}

std::string ConcernText(const ledger::Concern& c) {
  std::string out =
      ConcernLine(c) + "  question (#" + std::to_string(c.index) + "): " + c.question + "\n";
  for (const auto& r : c.references) {
    out += "  refers to entry #" + std::to_string(r.entry) +
           (r.kind.empty() ? "" : " (ambiguity " + r.kind + ")") + (r.found ? "" : " NOT FOUND") +
           "\n";
  }
  for (const auto& a : c.answers) {
    out += "  answer (#" + std::to_string(a.index) + ", " + a.occurred.ToString() +
           (a.late ? ", LATE" : "") + "): " + a.answer + "\n";
  }
  if (c.closed) {
    out += "  closed (#" + std::to_string(c.closed->index) + ", " + c.closed->occurred.ToString() +
           ") " + std::string(Name(c.closed->outcome)) + " by " + c.closed->party +
           (c.closed->note ? ": " + *c.closed->note : "") + "\n";
  }
  return out;
}

StatusOr<std::vector<ledger::Concern>> Concerns(const BccOptions& o) {
  VERITY_ASSIGN_OR_RETURN(Date as_of, DateOption(o.as_of, "--as-of"));
  VERITY_ASSIGN_OR_RETURN(inspect::TreatyLedger tl, inspect::OpenForTreaty(o.data, o.treaty));
  return ledger::LoadConcerns(*tl.ledger, *tl.treaty, as_of);
}

int List(const BccOptions& o, const Io& io) {
  auto concerns = Concerns(o);
  if (!concerns.ok()) return ReportError(io, concerns.status());
  if (o.json) {
    Json all = Json::array();
    for (const auto& c : *concerns) all.push_back(c.ToJson());
    io.out << all.dump(2) << "\n";
    return kExitOk;
  }
  if (concerns->empty()) io.out << "no concerns in the ledger\n";
  for (const auto& c : *concerns) io.out << ConcernLine(c);
  return kExitOk;
}

int Show(const BccOptions& o, const Io& io) {
  auto concerns = Concerns(o);
  if (!concerns.ok()) return ReportError(io, concerns.status());
  for (const auto& c : *concerns) {
    if (c.id != o.concern) continue;
    io.out << (o.json ? c.ToJson().dump(2) + "\n" : ConcernText(c));
    return kExitOk;
  }
  return ReportError(io, NotFound("concern '" + o.concern + "': not in the ledger in " + o.data));
}

// Signs a notification of `type` with `body` by the key's party and appends it.
int Submit(const BccOptions& o, ledger::NotificationType type, Json body, const Io& io) {
  auto key = ledger::LoadSecretKey(o.key);
  if (!key.ok()) return ReportError(io, key.status().WithContext("--key"));
  auto occurred = DateOption(o.date, "--date");
  if (!occurred.ok()) return ReportError(io, occurred.status());
  auto opened = inspect::OpenForTreaty(o.data, o.treaty);
  if (!opened.ok()) return ReportError(io, opened.status());
  ledger::Ledger& l = *opened->ledger;
  auto last = l.LastSerial(key->pub.party);
  if (!last.ok()) return ReportError(io, last.status());
  const Json draft = {{"format", ledger::kNotificationFormat},
                      {"party", key->pub.party},
                      {"serial", *last + 1},
                      {"type", std::string(Name(type))},
                      {"occurred", occurred->ToString()},
                      {"sent", Now().ToString()},
                      {"body", std::move(body)}};
  auto signed_json = ledger::SignNotification(draft, *key);
  if (!signed_json.ok()) return ReportError(io, signed_json.status());
  const std::vector<ledger::BatchItem> batch = {{*signed_json, std::string(Name(type))}};
  auto r = l.Append(batch, Now());
  if (!r.ok()) return ReportError(io, r.status().WithContext("nothing appended"));
  io.out << Name(type) << " of concern " << o.concern << " appended at index " << r->first_index
         << "; tree size " << r->head.size << "\n";
  for (const auto& a : r->ambiguities) {
    io.out << "ambiguity at " << a.index << " (" << Name(a.kind) << "): " << a.message << "\n";
  }
  if (Status s = ledger::UpdateCheckpointsAfter(l, *r); !s.ok()) {
    io.err << "verity: warning: checkpoints not updated (queries replay instead): " << s.message()
           << "\n";
  }
  return kExitOk;
}

// "12:late_notification" -> {"entry": 12, "kind": "late_notification"}; the
// body reader checks the kind.
StatusOr<Json> AmbiguityOption(const std::string& text) {
  const size_t colon = text.find(':');
  const std::string digits = text.substr(0, colon);
  if (colon == std::string::npos || digits.empty() || digits.size() > 15 ||
      digits.find_first_not_of("0123456789") != std::string::npos) {
    return InvalidArgument("--ambiguity '" + text.substr(0, 80) +
                           "': expected ENTRY:KIND, e.g. 12:late_notification");
  }
  return Json{{"entry", std::stoll(digits)}, {"kind", text.substr(colon + 1)}};
}

int Raise(const BccOptions& o, const Io& io) {
  Json body = {{"concern", o.concern},
               {"addressed_to", o.to},
               {"question", o.question},
               {"provision", o.provision}};
  if (!o.entries.empty()) body["entries"] = o.entries;
  if (!o.ambiguities.empty()) {
    Json refs = Json::array();
    for (const auto& a : o.ambiguities) {
      auto j = AmbiguityOption(a);
      if (!j.ok()) return ReportError(io, j.status());
      refs.push_back(std::move(*j));
    }
    body["ambiguities"] = std::move(refs);
  }
  return Submit(o, ledger::NotificationType::kConcernRaised, std::move(body), io);
}

int Answer(const BccOptions& o, const Io& io) {
  Json body = {{"concern", o.concern}, {"answer", o.answer}};
  if (!o.provision.empty()) body["provision"] = o.provision;
  return Submit(o, ledger::NotificationType::kConcernAnswered, std::move(body), io);
}

StatusOr<Json> ReadStatementFile(const std::string& path) {
  VERITY_ASSIGN_OR_RETURN(std::string text, ReadFile(path, kMaxStatementFileBytes));
  return ParseJson(text, path);
}

int Close(const BccOptions& o, const Io& io) {
  Json body = {{"concern", o.concern}, {"outcome", o.outcome}};
  if (!o.note.empty()) body["note"] = o.note;
  if (!o.statement.empty()) {
    auto st = ReadStatementFile(o.statement);
    if (!st.ok()) return ReportError(io, st.status().WithContext("--statement"));
    body["joint_statement"] = std::move(*st);
  }
  return Submit(o, ledger::NotificationType::kConcernClosed, std::move(body), io);
}

// Prints a joint statement signed by each --key: a new one (--concern,
// --text) or one read from --statement.
int Statement(const BccOptions& o, const Io& io) {
  StatusOr<ledger::JointStatement> st = InvalidArgument("");
  if (!o.statement.empty()) {
    auto j = ReadStatementFile(o.statement);
    if (!j.ok()) return ReportError(io, j.status().WithContext("--statement"));
    st = ledger::ParseJointStatement(*j, o.statement);
  } else {
    st = ledger::ParseJointStatement({{"format", ledger::kJointStatementFormat},
                                      {"concern", o.concern},
                                      {"text", o.text},
                                      {"signatures", Json::array()}},
                                     "statement");
  }
  if (!st.ok()) return ReportError(io, st.status());
  for (const auto& path : o.keys) {
    auto key = ledger::LoadSecretKey(path);
    if (!key.ok()) return ReportError(io, key.status().WithContext("--key"));
    ledger::SignStatement(&*st, *key);
  }
  io.out << st->ToJson().dump(2) << "\n";
  return kExitOk;
}

void AddLedgerOptions(CLI::App* cmd, BccOptions* o) {
  AddDataOption(cmd, &o->data);
  cmd->add_option("--treaty", o->treaty, "Treaty (its commission's sessions and deadline)")
      ->capture_default_str();
}

void AddComposeOptions(CLI::App* cmd, BccOptions* o) {
  AddLedgerOptions(cmd, o);
  cmd->add_option("--key", o->key, "The party's secret key file")->required();
  cmd->add_option("--concern", o->concern, "Concern id, e.g. RU-2022-01")->required();
  cmd->add_option("--date", o->date, "The day it occurred (default: today)");
}

}  // namespace

void AddBccCommands(CLI::App& app, const Io& io, int* code) {
  auto o = std::make_shared<BccOptions>();
  CLI::App* bcc = app.add_subcommand("bcc", "The commission's concerns: raise, answer, close, list")
                      ->require_subcommand(1);
  CLI::App* list = bcc->add_subcommand("list", "List the concerns and their status on a date");
  AddLedgerOptions(list, o.get());
  list->add_option("--as-of", o->as_of, "Status on this date (default: today)");
  list->add_flag("--json", o->json, "Machine-readable JSON");
  list->callback([o, &io, code] { *code = List(*o, io); });

  CLI::App* show = bcc->add_subcommand("show", "One concern: question, answers, closing");
  AddLedgerOptions(show, o.get());
  show->add_option("CONCERN", o->concern, "Concern id")->required();
  show->add_option("--as-of", o->as_of, "Status on this date (default: today)");
  show->add_flag("--json", o->json, "Machine-readable JSON");
  show->callback([o, &io, code] { *code = Show(*o, io); });

  CLI::App* raise = bcc->add_subcommand("raise", "Raise a concern (signed by --key's party)");
  AddComposeOptions(raise, o.get());
  raise->add_option("--to", o->to, "The party asked to answer")->required();
  raise->add_option("--question", o->question, "The question")->required();
  raise->add_option("--provision", o->provision, "The treaty provision")->required();
  raise->add_option("--entry", o->entries, "A log index it refers to (repeatable)");
  raise->add_option("--ambiguity", o->ambiguities, "ENTRY:KIND of an ambiguity (repeatable)");
  raise->callback([o, &io, code] { *code = Raise(*o, io); });

  CLI::App* answer = bcc->add_subcommand("answer", "Answer a concern addressed to --key's party");
  AddComposeOptions(answer, o.get());
  answer->add_option("--answer", o->answer, "The answer")->required();
  answer->add_option("--provision", o->provision, "The provision the answer rests on");
  answer->callback([o, &io, code] { *code = Answer(*o, io); });

  CLI::App* close = bcc->add_subcommand("close", "Close a concern: withdrawn, settled, unresolved");
  AddComposeOptions(close, o.get());
  close->add_option("--outcome", o->outcome, "withdrawn, settled or unresolved")->required();
  close->add_option("--note", o->note, "A note");
  close->add_option("--statement", o->statement, "The joint statement (settled), both signed");
  close->callback([o, &io, code] { *code = Close(*o, io); });

  CLI::App* st = bcc->add_subcommand("statement", "Write or countersign a joint statement");
  st->add_option("--statement", o->statement, "A statement to countersign");
  st->add_option("--concern", o->concern, "Concern id (new statement)");
  st->add_option("--text", o->text, "Text (new statement)");
  st->add_option("--key", o->keys, "Secret key file to sign with (repeatable)");
  st->callback([o, &io, code] { *code = Statement(*o, io); });
}

}  // namespace verity::cli
