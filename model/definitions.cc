#include "model/definitions.h"

#include <fmt/format.h>

#include <cctype>

#include "model/identifiers.h"

namespace drift::model {
namespace {

std::string JoinQuoted(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) {
    if (!out.empty()) out += ", ";
    out += QuoteIdentifier(n);
  }
  return out;
}

std::string Deferral(bool deferrable, bool initially_deferred) {
  std::string out;
  if (deferrable) out += " DEFERRABLE";
  if (initially_deferred) out += " INITIALLY DEFERRED";
  return out;
}

// pg_get_indexdef and pg_get_triggerdef qualify the table whatever the search_path.
std::string AlwaysQualified(const QualifiedName& name) {
  return QuoteIdentifier(name.schema) + "." + QuoteIdentifier(name.name);
}

}  // namespace

std::string_view FkActionText(FkAction action) {
  switch (action) {
    case FkAction::kNoAction:
      return "NO ACTION";
    case FkAction::kRestrict:
      return "RESTRICT";
    case FkAction::kCascade:
      return "CASCADE";
    case FkAction::kSetNull:
      return "SET NULL";
    case FkAction::kSetDefault:
      return "SET DEFAULT";
  }
  return "NO ACTION";
}

std::string_view ConstraintKindText(ConstraintKind kind) {
  switch (kind) {
    case ConstraintKind::kPrimaryKey:
      return "primary key";
    case ConstraintKind::kUnique:
      return "unique";
    case ConstraintKind::kCheck:
      return "check";
    case ConstraintKind::kExclusion:
      return "exclusion";
    case ConstraintKind::kForeignKey:
      return "foreign key";
  }
  return "constraint";
}

std::string QuoteLiteral(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string ConstraintDefinition(const Constraint& c, std::string_view table_schema) {
  std::string out;
  switch (c.kind) {
    case ConstraintKind::kPrimaryKey:
      out = fmt::format("PRIMARY KEY ({})", JoinQuoted(c.columns));
      break;
    case ConstraintKind::kUnique:
      out = fmt::format("UNIQUE {}({})", c.nulls_not_distinct ? "NULLS NOT DISTINCT " : "",
                        JoinQuoted(c.columns));
      break;
    case ConstraintKind::kCheck:
      out = fmt::format("CHECK ({}){}", c.expression, c.no_inherit ? " NO INHERIT" : "");
      break;
    case ConstraintKind::kExclusion:
      out = c.expression;
      break;
    case ConstraintKind::kForeignKey: {
      QualifiedName ref = c.ref_table;
      std::string ref_text =
          ref.schema == table_schema ? QuoteIdentifier(ref.name) : QualifiedText(ref);
      out = fmt::format("FOREIGN KEY ({}) REFERENCES {}({})", JoinQuoted(c.columns), ref_text,
                        JoinQuoted(c.ref_columns));
      if (c.match == FkMatch::kFull) out += " MATCH FULL";
      if (c.on_update != FkAction::kNoAction)
        out += fmt::format(" ON UPDATE {}", FkActionText(c.on_update));
      if (c.on_delete != FkAction::kNoAction)
        out += fmt::format(" ON DELETE {}", FkActionText(c.on_delete));
      break;
    }
  }
  out += Deferral(c.deferrable, c.initially_deferred);
  if (c.not_valid) out += " NOT VALID";
  return out;
}

std::string IndexDefinition(const Index& index) {
  std::string keys;
  for (const IndexKey& k : index.keys) {
    if (!keys.empty()) keys += ", ";
    keys += k.expression;  // expressions already carry pg_get_indexdef's parentheses
    if (!k.collation.empty()) keys += " COLLATE " + k.collation;
    if (!k.opclass.empty()) keys += " " + k.opclass;
    if (k.descending) {
      keys += " DESC";
      if (!k.nulls_first) keys += " NULLS LAST";
    } else if (k.nulls_first) {
      keys += " NULLS FIRST";
    }
  }
  std::string out =
      fmt::format("CREATE {}INDEX {} ON {}{} USING {} ({})", index.unique ? "UNIQUE " : "",
                  QuoteIdentifier(index.name.name), index.on_partitioned_table ? "ONLY " : "",
                  AlwaysQualified({index.name.schema, index.table}), index.method, keys);
  if (!index.include.empty()) {
    std::string include;  // already quoted as needed
    for (const std::string& column : index.include)
      include += (include.empty() ? "" : ", ") + column;
    out += " INCLUDE (" + include + ")";
  }
  if (index.nulls_not_distinct) out += " NULLS NOT DISTINCT";
  if (!index.predicate.empty()) out += " WHERE " + index.predicate;
  return out;
}

std::string TriggerDefinition(const Trigger& t) {
  std::string events;
  for (const std::string& e : t.events) events += (events.empty() ? "" : " OR ") + e;
  std::string out =
      fmt::format("CREATE TRIGGER {} {} {} ON {} FOR EACH {}", QuoteIdentifier(t.name), t.timing,
                  events, AlwaysQualified(t.table), t.for_each_row ? "ROW" : "STATEMENT");
  if (!t.condition.empty()) out += " WHEN (" + t.condition + ")";
  out += fmt::format(" EXECUTE FUNCTION {}({})", QualifiedText(t.function), t.arguments);
  return out;
}

std::string TableDefinition(const Table& table) {
  std::string body;
  for (const Column& c : table.columns) {
    body += (body.empty() ? "" : ", ") + QuoteIdentifier(c.name) + " " + ColumnDefinition(c);
  }
  for (const Constraint& c : table.constraints) {
    body += fmt::format("{}CONSTRAINT {} {}", body.empty() ? "" : ", ", QuoteIdentifier(c.name),
                        ConstraintDefinition(c, table.name.schema));
  }
  std::string out = fmt::format("CREATE {}TABLE {} ({})", table.unlogged ? "UNLOGGED " : "",
                                AlwaysQualified(table.name), body);
  if (table.parent) {
    out = fmt::format("CREATE TABLE {} PARTITION OF {} {}", AlwaysQualified(table.name),
                      AlwaysQualified(*table.parent), table.partition_bound);
  }
  if (table.kind == TableKind::kPartitioned) out += " PARTITION BY " + table.partition_key;
  return out;
}

std::string ColumnDefinition(const Column& c) {
  std::string out = c.type;
  if (c.collation) out += " COLLATE " + *c.collation;
  if (c.not_null) out += " NOT NULL";
  if (c.default_expr) out += " DEFAULT " + *c.default_expr;
  if (c.identity == Identity::kAlways) out += " GENERATED ALWAYS AS IDENTITY";
  if (c.identity == Identity::kByDefault) out += " GENERATED BY DEFAULT AS IDENTITY";
  if (c.generated) {
    out +=
        " GENERATED ALWAYS AS (" + *c.generated + (c.generated_virtual ? ") VIRTUAL" : ") STORED");
  }
  return out;
}

}  // namespace drift::model
