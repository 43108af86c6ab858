// `verity witness keygen|serve|refusals`: a tlog-witness (docs/witness.md).
#include <memory>
#include <string>
#include <vector>

#include "cli/command.h"
#include "core/text.h"
#include "witness/keyfiles.h"
#include "witness/serve.h"
#include "witness/store.h"

namespace verity::cli {
namespace {

int Keygen(const std::string& name, const std::string& out, const Io& io) {
  auto paths = witness::GenerateKeyFiles(name, out);
  if (!paths.ok()) return ReportError(io, paths.status());
  io.out << "wrote " << paths->key << " (private, 0600) and " << paths->vkey << "\n";
  return kExitOk;
}

int Refusals(const std::string& data, int64_t limit, const Io& io) {
  auto store = witness::Store::Open(data);
  if (!store.ok()) return ReportError(io, store.status());
  auto refusals = (*store)->Refusals(limit);
  if (!refusals.ok()) return ReportError(io, refusals.status());
  for (const witness::Refusal& r : *refusals) {
    io.out << r.time << " " << r.status << (r.evidence ? " evidence " : " refused ")
           << (r.origin.empty() ? "-" : EscapeBytes(r.origin)) << ": " << EscapeBytes(r.reason)
           << "\n";
  }
  return kExitOk;
}

void AddKeygen(CLI::App* group, const Io& io, int* code) {
  struct Opts {
    std::string name, out = ".";
  };
  auto o = std::make_shared<Opts>();
  CLI::App* keygen = group->add_subcommand(
      "keygen", "Write a witness key: NAME.key (private, 0600) and NAME.vkey into --out");
  keygen->add_option("--name", o->name, "The witness's key name, e.g. witness.example/us")
      ->required();
  keygen->add_option("--out", o->out, "The folder to write the key files into");
  keygen->callback([o, &io, code] { *code = Keygen(o->name, o->out, io); });
}

void AddServe(CLI::App* group, const Io& io, int* code) {
  auto o = std::make_shared<witness::WitnessServeOptions>();
  CLI::App* serve =
      group->add_subcommand("serve", "Serve tlog-witness POST /add-checkpoint until Ctrl-C");
  serve->add_option("--data", o->data_dir, "The witness's state folder")->required();
  serve->add_option("--key", o->key_path, "The witness's private key (verity witness keygen)")
      ->required();
  serve->add_option("--log", o->logs, "A log's vkey, or a file holding it; repeatable")->required();
  serve->add_option("--bind", o->bind, "The address to listen on");
  serve->add_option("--port", o->port, "The port (0: any free port)");
  serve->callback([o, &io, code] {
    const Status s = witness::RunWitness(*o, io.out);
    *code = s.ok() ? kExitOk : ReportError(io, s);
  });
}

}  // namespace

void AddWitnessCommands(CLI::App& app, const Io& io, int* code) {
  CLI::App* group = GetOrAddSubcommand(app, "witness", "A cosigning witness (C2SP tlog-witness)");
  AddKeygen(group, io, code);
  AddServe(group, io, code);
  struct Opts {
    std::string data;
    int64_t limit = 100;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* refusals = group->add_subcommand(
      "refusals", "List the requests the witness refused, newest first (evidence kept whole)");
  refusals->add_option("--data", o->data, "The witness's state folder")->required();
  refusals->add_option("--limit", o->limit, "At most this many");
  refusals->callback([o, &io, code] { *code = Refusals(o->data, o->limit, io); });
}

}  // namespace verity::cli
