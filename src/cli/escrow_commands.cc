// `verity escrow ...`: declarations in escrow (docs/escrow.md). Each step
// writes the draft notification it calls for (--draft FILE; sign it with
// `verity notify sign` and append it with `verity ledger append`); the
// checks are escrow::AuditLedger, the same the server shows.
#include <sys/stat.h>

#include <filesystem>
#include <memory>
#include <sstream>

#include "cli/command.h"
#include "cli/ledger_io.h"
#include "core/file_io.h"
#include "escrow/audit.h"
#include "escrow/commitment.h"
#include "escrow/designation.h"
#include "escrow/opening_file.h"
#include "escrow/stage.h"
#include "forces/declaration_io.h"
#include "stats/answers.h"

namespace verity::cli {
namespace {

struct EscrowOptions {
  std::string decl, dir, id, treaty = "new-start", stage, data = "data", draft;
  std::string escrow, designation, party, secret, beacon, as_of, detect;
  std::string occurred, sent, reveal_by, open_by;
  int64_t serial = 0, openings = 0, leaves = 0, defects = 1;
  uint64_t beacon_round = 0;
  bool json = false;
};

std::string Probability(double p) {
  std::ostringstream s;
  s.precision(6);
  s << p;
  return s.str();
}

std::string TableText(const Json& table) {
  std::string out;
  for (const Json& row : table) {
    out += "  " + std::to_string(row.at("defects").get<int64_t>()) +
           " false leaves: detected with probability " +
           Probability(row.at("probability").get<double>()) + "\n";
  }
  return out;
}

// Writes the draft notification of `body` for `party` to o.draft.
Status WriteDraft(const EscrowOptions& o, const std::string& party, const std::string& type,
                  Json body) {
  VERITY_ASSIGN_OR_RETURN(Date occurred, Date::Parse(o.occurred));
  const std::string sent = o.sent.empty() ? o.occurred + "T12:00:00Z" : o.sent;
  Json draft = {{"format", 1},
                {"party", party},
                {"serial", o.serial},
                {"type", type},
                {"occurred", occurred.ToString()},
                {"sent", sent},
                {"body", std::move(body)}};
  // The draft must be one the ledger takes: read it back as the ledger would.
  VERITY_RETURN_IF_ERROR(
      ledger::ParseNotification(draft, ledger::Draft::kUnsigned, "draft").status());
  return WriteFileAtomic(o.draft, draft.dump() + "\n");
}

StatusOr<std::optional<Date>> OptDay(const std::string& s, const std::string& what) {
  if (s.empty()) return std::optional<Date>();
  auto d = Date::Parse(s);
  if (!d.ok()) return d.status().WithContext(what);
  return std::optional<Date>(*d);
}

Status CommitCmd(const EscrowOptions& o, const Io& io) {
  VERITY_ASSIGN_OR_RETURN(forces::Declaration d, forces::LoadDeclaration(o.decl));
  VERITY_ASSIGN_OR_RETURN(treaty::Treaty t, treaty::LoadTreaty(o.treaty));
  const forces::Counter counter(t);
  VERITY_ASSIGN_OR_RETURN(escrow::Escrow e,
                          escrow::Commit(d, counter, o.id, escrow::SystemRandom()));
  std::error_code ec;
  std::filesystem::create_directories(o.dir, ec);
  if (ec) return Unavailable(o.dir + ": cannot create: " + ec.message());
  ::chmod(o.dir.c_str(), 0700);
  VERITY_RETURN_IF_ERROR(escrow::WriteOpeningFile(e, o.dir + "/" + escrow::kOpeningFile));
  VERITY_RETURN_IF_ERROR(WriteDraft(o, e.party, "escrow_commitment", escrow::CommitmentBody(e)));
  io.out << "escrow " << e.id << ": " << e.leaves.size() << " leaves, root " << ToHex(e.root)
         << "\nopening file " << o.dir << "/" << escrow::kOpeningFile
         << " (mode 0600: keep it)\ndraft " << o.draft << "\n";
  return Status::Ok();
}

Status RevealCmd(const EscrowOptions& o, const Io& io) {
  VERITY_ASSIGN_OR_RETURN(escrow::Escrow e,
                          escrow::ReadOpeningFile(o.dir + "/" + escrow::kOpeningFile));
  VERITY_ASSIGN_OR_RETURN(escrow::StageSpec s, escrow::ParseStageSpec(o.stage));
  VERITY_ASSIGN_OR_RETURN(Json body, escrow::RevealBody(e, s));
  const auto opened = static_cast<int64_t>(body.at("openings").size());
  VERITY_RETURN_IF_ERROR(WriteDraft(o, e.party, "escrow_reveal", std::move(body)));
  io.out << "stage " << s.id << ": " << opened << " of " << e.leaves.size()
         << " leaves opened\nif false leaves were placed without regard to this stage:\n"
         << TableText(escrow::DetectionTable(static_cast<int64_t>(e.leaves.size()), opened))
         << "draft " << o.draft << "\n";
  return Status::Ok();
}

Status RandomnessCommitCmd(const EscrowOptions& o, const Io& io) {
  escrow::SecretValue v{o.escrow, o.designation, o.party, {}};
  VERITY_RETURN_IF_ERROR(ledger::CheckEscrowId(o.escrow, "--escrow"));
  VERITY_RETURN_IF_ERROR(ledger::CheckEscrowId(o.designation, "--designation"));
  VERITY_RETURN_IF_ERROR(ledger::CheckPartyName(o.party, "--party"));
  std::optional<escrow::DesignationTerms> terms;
  if (o.openings > 0) {
    terms.emplace();
    terms->openings = o.openings;
    VERITY_ASSIGN_OR_RETURN(terms->reveal_by, OptDay(o.reveal_by, "--reveal-by"));
    VERITY_ASSIGN_OR_RETURN(terms->open_by, OptDay(o.open_by, "--open-by"));
    if (o.beacon_round > 0) terms->beacon_round = o.beacon_round;
  }
  escrow::SystemRandom()(v.value);
  VERITY_RETURN_IF_ERROR(escrow::WriteSecretValue(v, o.secret));
  VERITY_RETURN_IF_ERROR(
      WriteDraft(o, o.party, "escrow_randomness_commit",
                 escrow::RandomnessCommitBody(o.escrow, o.designation, o.party, v.value, terms)));
  io.out << "secret value " << o.secret << " (mode 0600: reveal it once both commitments are "
         << "in the log)\ndraft " << o.draft << "\n";
  return Status::Ok();
}

Status RandomnessRevealCmd(const EscrowOptions& o, const Io& io) {
  VERITY_ASSIGN_OR_RETURN(escrow::SecretValue v, escrow::ReadSecretValue(o.secret));
  VERITY_RETURN_IF_ERROR(
      WriteDraft(o, v.party, "escrow_randomness_reveal",
                 escrow::RandomnessRevealBody(v.escrow, v.designation, v.value)));
  io.out << "draft " << o.draft << "\n";
  return Status::Ok();
}

StatusOr<escrow::AuditReport> AuditOf(const EscrowOptions& o) {
  VERITY_ASSIGN_OR_RETURN(treaty::Treaty t, treaty::LoadTreaty(o.treaty));
  const forces::Counter counter(t);
  Date as_of = Now().date();
  if (!o.as_of.empty()) {
    VERITY_ASSIGN_OR_RETURN(as_of, Date::Parse(o.as_of));
  }
  return WithLedger(
      o.data, [&](const ledger::Ledger& l) { return escrow::AuditLedger(l, counter, as_of); });
}

Status DesignateCmd(const EscrowOptions& o, const Io& io) {
  std::optional<ledger::DrandBeacon> beacon;
  if (!o.beacon.empty()) {
    VERITY_ASSIGN_OR_RETURN(beacon, escrow::ReadBeaconFile(o.beacon));
  }
  VERITY_ASSIGN_OR_RETURN(escrow::AuditReport r, AuditOf(o));
  VERITY_ASSIGN_OR_RETURN(Json body,
                          escrow::DesignationBodyFor(r, o.escrow, o.designation, beacon));
  VERITY_ASSIGN_OR_RETURN(const escrow::EscrowReport* e, escrow::FindEscrow(r, o.escrow));
  const auto k = static_cast<int64_t>(body.at("leaves").size());
  io.out << "designation " << o.designation << ": seed " << body.at("seed").get<std::string>()
         << "\nleaves " << body.at("leaves").dump() << "\nopening " << k << " of " << e->leaves
         << " leaves:\n"
         << TableText(escrow::DetectionTable(e->leaves, k));
  VERITY_RETURN_IF_ERROR(WriteDraft(o, o.party, "escrow_designation", std::move(body)));
  io.out << "draft " << o.draft << "\n";
  return Status::Ok();
}

Status OpenCmd(const EscrowOptions& o, const Io& io) {
  VERITY_ASSIGN_OR_RETURN(escrow::Escrow e,
                          escrow::ReadOpeningFile(o.dir + "/" + escrow::kOpeningFile));
  VERITY_ASSIGN_OR_RETURN(escrow::AuditReport r, AuditOf(o));
  VERITY_ASSIGN_OR_RETURN(const escrow::EscrowReport* er, escrow::FindEscrow(r, e.id));
  if (er->root != e.root) {
    return FailedPrecondition("the opening file's root " + ToHex(e.root) +
                              " is not the root committed in the ledger " + ToHex(er->root));
  }
  VERITY_ASSIGN_OR_RETURN(const escrow::DesignationReport* d,
                          escrow::FindDesignation(*er, o.designation));
  if (d->leaves.empty()) {
    return FailedPrecondition("designation " + o.designation + " has no valid draw in the ledger");
  }
  VERITY_ASSIGN_OR_RETURN(Json body, escrow::OpeningBody(e, o.designation, d->leaves));
  VERITY_RETURN_IF_ERROR(WriteDraft(o, e.party, "escrow_opening", std::move(body)));
  io.out << d->leaves.size() << " designated leaves of " << er->leaves << " opened:\n"
         << TableText(escrow::DetectionTable(er->leaves, static_cast<int64_t>(d->leaves.size())))
         << "draft " << o.draft << "\n";
  return Status::Ok();
}

int VerifyCmd(const EscrowOptions& o, const Io& io) {
  auto r = AuditOf(o);
  if (!r.ok()) return ReportError(io, r.status());
  if (o.json) {
    io.out << r->ToJson().dump(2) << "\n";
    return r->findings.empty() ? kExitOk : kExitViolation;
  }
  for (const escrow::EscrowReport& e : r->escrows) {
    io.out << "escrow " << e.id << " (" << e.party << ", " << e.leaves << " leaves, root "
           << ToHex(e.root) << "): " << e.stages.size() << " stages, " << e.revealed
           << " leaves revealed"
           << (e.state_checked ? "" : " (no replayed state of the party to compare items with)")
           << "\n";
    for (const escrow::DesignationReport& d : e.designations) {
      io.out << "designation " << d.id << ": " << d.verified.size() << " of " << d.leaves.size()
             << " designated leaves opened and verified\n"
             << TableText(
                    escrow::DetectionTable(e.leaves, static_cast<int64_t>(d.verified.size())));
    }
  }
  for (const ledger::Ambiguity& a : r->findings) {
    io.out << "entry " << a.index << " (" << a.party << "): " << ledger::Name(a.kind) << ": "
           << a.message << "\n";
  }
  io.out << r->findings.size() << " findings as of " << r->as_of.ToString() << "\n";
  return r->findings.empty() ? kExitOk : kExitViolation;
}

int PlanCmd(const EscrowOptions& o, const Io& io) {
  auto j = stats::SampleSizeAnswer(o.leaves, o.defects, o.detect);
  if (!j.ok()) return ReportError(io, j.status().WithContext("escrow plan"));
  if (o.json) {
    io.out << j->dump(2) << "\n";
  } else {
    io.out << "open " << j->at("sample_size").get<int64_t>() << " of " << o.leaves
           << " leaves to catch " << o.defects << " false leaves with probability at least "
           << o.detect << "\n";
  }
  return kExitOk;
}

void AddDraftOptions(CLI::App* c, EscrowOptions* o) {
  c->add_option("--draft", o->draft, "Where to write the draft notification")->required();
  c->add_option("--serial", o->serial, "The draft's serial (the party's next)")->required();
  c->add_option("--occurred", o->occurred, "The draft's date (YYYY-MM-DD)")->required();
  c->add_option("--sent", o->sent, "The draft's sent time (default: noon of --occurred)");
}

void AddLedgerOptions(CLI::App* c, EscrowOptions* o) {
  AddDataOption(c, &o->data);
  c->add_option("--treaty", o->treaty, "Treaty of the commitment")->capture_default_str();
  c->add_option("--as-of", o->as_of, "Judge deadlines on this date (default: today)");
}

template <typename Fn>
void Bind(CLI::App* c, const Io& io, int* code, Fn fn) {
  c->callback([=] {
    const Status s = fn();
    *code = s.ok() ? kExitOk : ReportError(io, s);
  });
}

}  // namespace

void AddEscrowCommands(CLI::App& app, const Io& io, int* code) {
  auto o = std::make_shared<EscrowOptions>();
  CLI::App* esc = app.add_subcommand("escrow", "Declarations in escrow (docs/escrow.md)")
                      ->require_subcommand(1);
  CLI::App* commit = esc->add_subcommand("commit", "Commit to a declaration: DIR/opening.json");
  commit->add_option("DECL", o->decl, "Declaration file or shipped name")->required();
  commit->add_option("--out", o->dir, "Folder for the opening file")->required();
  commit->add_option("--id", o->id, "The escrow's id")->required();
  commit->add_option("--treaty", o->treaty, "Treaty of the totals")->capture_default_str();
  AddDraftOptions(commit, o.get());
  Bind(commit, io, code, [=] { return CommitCmd(*o, io); });

  CLI::App* reveal = esc->add_subcommand("reveal",
                                         "Reveal a stage: ID:BY=V1,V2 (BY: facility, "
                                         "type, category)");
  reveal->add_option("DIR", o->dir, "The folder of the opening file")->required();
  reveal->add_option("--stage", o->stage, "Stage spec, e.g. s1:category=deployed_icbm")->required();
  AddDraftOptions(reveal, o.get());
  Bind(reveal, io, code, [=] { return RevealCmd(*o, io); });

  CLI::App* rc = esc->add_subcommand("randomness-commit", "Commit to a secret random value");
  rc->add_option("--escrow", o->escrow, "Escrow id")->required();
  rc->add_option("--designation", o->designation, "Designation id")->required();
  rc->add_option("--party", o->party, "Committing party")->required();
  rc->add_option("--secret", o->secret, "Where to keep the value (mode 0600)")->required();
  rc->add_option("--openings", o->openings, "Leaves to open (the inspecting party gives it)");
  rc->add_option("--reveal-by", o->reveal_by, "Deadline for both reveals");
  rc->add_option("--open-by", o->open_by, "Deadline for the openings");
  rc->add_option("--beacon-round", o->beacon_round, "A drand round to mix in");
  AddDraftOptions(rc, o.get());
  Bind(rc, io, code, [=] { return RandomnessCommitCmd(*o, io); });

  CLI::App* rr = esc->add_subcommand("randomness-reveal", "Reveal a committed value");
  rr->add_option("--secret", o->secret, "The value file")->required();
  AddDraftOptions(rr, o.get());
  Bind(rr, io, code, [=] { return RandomnessRevealCmd(*o, io); });

  CLI::App* des = esc->add_subcommand("designate", "Draw the leaves to open from the log");
  des->add_option("--escrow", o->escrow, "Escrow id")->required();
  des->add_option("--designation", o->designation, "Designation id")->required();
  des->add_option("--party", o->party, "Party posting the designation")->required();
  des->add_option("--beacon", o->beacon, "drand beacon value (JSON) of the committed round");
  AddLedgerOptions(des, o.get());
  AddDraftOptions(des, o.get());
  Bind(des, io, code, [=] { return DesignateCmd(*o, io); });

  CLI::App* open = esc->add_subcommand("open", "Open the designated leaves");
  open->add_option("DIR", o->dir, "The folder of the opening file")->required();
  open->add_option("--designation", o->designation, "Designation id")->required();
  AddLedgerOptions(open, o.get());
  AddDraftOptions(open, o.get());
  Bind(open, io, code, [=] { return OpenCmd(*o, io); });

  CLI::App* verify = esc->add_subcommand("verify", "Check every escrow step in the ledger");
  AddLedgerOptions(verify, o.get());
  verify->add_flag("--json", o->json, "Machine-readable JSON");
  verify->callback([=] { *code = VerifyCmd(*o, io); });

  CLI::App* plan = esc->add_subcommand("plan", "Leaves to open for a detection probability");
  plan->add_option("--leaves", o->leaves, "Leaves committed (N)")->required();
  plan->add_option("--defects", o->defects, "False leaves to catch (R)")->capture_default_str();
  plan->add_option("--detect", o->detect, "Target probability, e.g. 0.95")->required();
  plan->add_flag("--json", o->json, "Machine-readable JSON");
  plan->callback([=] { *code = PlanCmd(*o, io); });
}

}  // namespace verity::cli
