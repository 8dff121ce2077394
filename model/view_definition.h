// File: view_definition.h
//
// A view's SELECT as pg_get_viewdef prints it (less its leading space and final ;, as
// introspection keeps it), from the text a migration wrote: every
// column qualified by its relation (or alias; before PostgreSQL 16 also in a view of one
// relation), the implicit casts PostgreSQL adds, the
// output names it derives, and its line layout. Columns are looked up in the relations
// the query reads, so the deparse needs the state of the schema at CREATE VIEW time.
//
// The query shapes migrations use are covered: SELECT [DISTINCT] with expressions,
// aliases and `*`; FROM with tables, aliases, comma lists and [INNER|LEFT|RIGHT|FULL|
// CROSS] JOIN … ON; WHERE, GROUP BY, HAVING, ORDER BY, LIMIT, OFFSET. Anything else
// (subqueries, UNION, WITH, window frames, USING joins) is reported as not understood.
//
// Example:
//   DeparseView("SELECT id, lower(email) AS e FROM \"User\"", {}, lookup, 15)
//     -> "SELECT \"User\".id,\n    lower((\"User\".email)::text) AS e\n   FROM \"User\""
//   (with 16: "SELECT id,\n    lower((email)::text) AS e\n   FROM \"User\"")
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/schema.h"

namespace drift::model {

struct ViewColumn {
  std::string written;  // the name the query text uses
  std::string name;     // the column's current name (differs after a rename)
  std::string type;     // canonical type, "" when unknown
};

// A relation a view may read, as the lookup finds it by the name the query writes.
struct ViewRelation {
  QualifiedName name;  // its current name
  std::vector<ViewColumn> columns;
};

using ViewRelationLookup = std::function<std::optional<ViewRelation>(const QualifiedName&)>;

struct ViewDefinition {
  std::string text;                      // as pg_get_viewdef prints it
  std::vector<ViewColumn> columns;       // the view's output columns (written == name)
  std::vector<QualifiedName> relations;  // current names of the relations it reads
};

// pg_get_viewdef's text as the model keeps it: without its leading space and its final
// `;` and newline.
std::string ViewDefinitionFromServer(std::string printed);

// `select` is the query after AS; `column_names`, when not empty, names the first output
// columns (CREATE VIEW v (a, b) AS …). On failure: nullopt and `why` says what was not
// understood. `pg_major` is the server version whose printing is imitated (see
// pg_version.h). `functions`, when given, are the schema's own routines, whose declared
// types decide the casts on their arguments.
std::optional<ViewDefinition> DeparseView(std::string_view select,
                                          const std::vector<std::string>& column_names,
                                          const ViewRelationLookup& lookup, int pg_major,
                                          std::string* why,
                                          const std::vector<Function>* functions = nullptr);

}  // namespace drift::model
