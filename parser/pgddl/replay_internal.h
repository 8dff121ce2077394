// File: replay_internal.h
//
// The pieces of replay shared by replay.cc (types, drops, comments, DO blocks) and
// replay_table.cc (tables, constraints, indexes). Each Apply* folds one statement into
// `schema` and reports problems through `Report`.
#pragma once

#include <functional>
#include <string>

#include "model/schema.h"
#include "parser/pgddl/statement.h"

namespace drift::parser::pgddl::internal {

struct ReplayContext {
  model::Schema& schema;
  std::function<void(model::Severity, const std::string& code, const std::string& message)> report;
  void Error(const std::string& message) const {
    report(model::Severity::kError, "replay.invalid", message);
  }
  void Notice(const std::string& message) const {
    report(model::Severity::kNote, "replay.notice", message);
  }
  void Unknown(const std::string& message) const {
    report(model::Severity::kWarning, "replay.unknown-effect", message);
  }
};

model::QualifiedName Resolve(const ObjectName& name);  // search_path = public
model::Table* FindTable(model::Schema& schema, const model::QualifiedName& name);
model::Column* FindColumn(model::Table& table, const std::string& name);
bool RelationNameTaken(const model::Schema& schema, const model::QualifiedName& name);

// replay_table.cc
void ApplyCreateTable(ReplayContext& ctx, const CreateTable& s);
void ApplyAlterTable(ReplayContext& ctx, const AlterTable& s);
void ApplyCreateIndex(ReplayContext& ctx, const CreateIndex& s);
void DropTable(ReplayContext& ctx, const model::QualifiedName& name, bool cascade);

// replay_routines.cc
void ApplyCreateSequence(ReplayContext& ctx, const CreateSequence& s);
void ApplyAlterSequence(ReplayContext& ctx, const AlterSequence& s);
void ApplyRenameRelation(ReplayContext& ctx, const RenameRelation& s);
void ApplyCreateFunction(ReplayContext& ctx, const CreateFunction& s);
void ApplyCreateTrigger(ReplayContext& ctx, const CreateTrigger& s);

}  // namespace drift::parser::pgddl::internal
