#include "model/prisma_scope.h"

#include <algorithm>

#include "model/identifiers.h"
#include "model/normalize.h"

namespace drift::model {

void KeepWhatPrismaManages(Schema& schema, bool with_extensions) {
  if (!with_extensions) schema.extensions.clear();
  schema.views.clear();
  schema.functions.clear();
  schema.triggers.clear();
  for (Extension& e : schema.extensions) e.comment.reset();
  for (EnumType& e : schema.enums) e.comment.reset();
  for (Sequence& s : schema.sequences) s.comment.reset();
  for (Index& i : schema.indexes) i.comment.reset();
  for (Table& t : schema.tables) {
    t.comment.reset();
    for (Column& c : t.columns) c.comment.reset();
    for (Constraint& c : t.constraints) c.comment.reset();
    for (const Constraint& c : t.constraints) {
      if (c.kind != ConstraintKind::kUnique) continue;
      Index index{.name = {t.name.schema, c.name}, .table = t.name.name, .unique = true};
      for (const std::string& column : c.columns)
        index.keys.push_back({.expression = QuoteIdentifier(column)});
      index.nulls_not_distinct = c.nulls_not_distinct;
      schema.indexes.push_back(std::move(index));
    }
    std::erase_if(t.constraints, [](const Constraint& c) {
      return c.kind == ConstraintKind::kUnique || c.kind == ConstraintKind::kCheck ||
             c.kind == ConstraintKind::kExclusion;
    });
  }
  Normalize(schema);
}

}  // namespace drift::model
