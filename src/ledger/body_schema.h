// The body schema of each notification type (docs/notifications.md lists
// them with examples). Internal to the ledger.
#ifndef VERITY_LEDGER_BODY_SCHEMA_H_
#define VERITY_LEDGER_BODY_SCHEMA_H_

#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/status.h"
#include "ledger/notification.h"

namespace verity::ledger::internal {

enum class FieldKind : uint8_t { kString, kCount, kDate, kObject, kEvent };

struct BodyField {
  std::string_view name;
  FieldKind kind;
  bool required;
};

struct BodySchema {
  NotificationType type;
  std::string_view name;
  std::vector<BodyField> fields;
  bool open;  // extra members allowed (inspection records: the inspection issue extends them)
};

const BodySchema& SchemaOf(NotificationType t);
const std::vector<BodySchema>& AllSchemas();

// Checks `body` against the schema of `t`; errors name `path`.field.
Status CheckBody(NotificationType t, const Json& body, const std::string& path);

}  // namespace verity::ledger::internal

#endif  // VERITY_LEDGER_BODY_SCHEMA_H_
