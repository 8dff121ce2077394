#include "introspect/build_schema.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>

#include "model/identifiers.h"
#include "model/normalize.h"
#include "model/pg_version.h"
#include "model/view_definition.h"

namespace drift::introspect {
namespace {

using model::QualifiedName;

std::optional<std::string> Opt(const RowSet& rows, size_t r, std::string_view column) {
  return rows.Get(r, column);
}

std::vector<std::string> JsonStrings(const std::optional<std::string>& text) {
  std::vector<std::string> out;
  if (!text) return out;
  nlohmann::json j = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_array()) return out;
  for (const auto& v : j) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

// A key of a JSON object as text: strings as they are, numbers printed, "" for null
// or missing. json_build_object prints oids as strings and int2 as numbers.
std::string JsonField(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

// "{1,2,3}" (an int2[] as PostgreSQL prints it) -> {1, 2, 3}.
std::vector<int> IntArray(const std::optional<std::string>& text) {
  std::vector<int> out;
  if (!text) return out;
  int value = 0;
  bool any = false, negative = false;
  for (char c : *text) {
    if (c >= '0' && c <= '9') {
      value = value * 10 + (c - '0');
      any = true;
    } else if (c == '-') {
      negative = true;
    } else if (any) {
      out.push_back(negative ? -value : value);
      value = 0;
      any = negative = false;
    }
  }
  if (any) out.push_back(negative ? -value : value);
  return out;
}

// Every column of every relation read, by table oid and attribute number: key parts of
// constraints and indexes come as attribute numbers and are named from here.
struct ColumnInfo {
  std::string name;
  std::string collation_oid;
};
using ColumnsByTable = std::map<std::string, std::map<int, ColumnInfo>>;

ColumnsByTable IndexColumns(const RowSet& rows) {
  ColumnsByTable out;
  for (size_t r = 0; r < rows.size(); ++r) {
    out[rows.Text(r, "table_oid")][static_cast<int>(rows.Int(r, "position"))] = {
        rows.Text(r, "name"), rows.Text(r, "collation_oid")};
  }
  return out;
}

// Names of `attnums` in table `oid`; false when one is unknown.
bool ColumnNames(const ColumnsByTable& columns, const std::string& oid,
                 const std::vector<int>& attnums, std::vector<std::string>* out) {
  out->clear();
  auto table = columns.find(oid);
  if (table == columns.end()) return attnums.empty();
  for (int attnum : attnums) {
    auto column = table->second.find(attnum);
    if (column == table->second.end()) return false;
    out->push_back(column->second.name);
  }
  return true;
}

model::FkAction Action(const std::string& code) {
  return code.empty() ? model::FkAction::kNoAction : static_cast<model::FkAction>(code[0]);
}

// The text between `open` and the matching close parenthesis of a definition.
std::string Between(const std::string& text, size_t open) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = open; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\'') in_string = !in_string;
    if (in_string) continue;
    if (c == '(') ++depth;
    if (c == ')' && --depth == 0) return text.substr(open + 1, i - open - 1);
  }
  return "";
}

void AddNamespaces(const RowSet& rows, Catalog& out) {
  for (size_t r = 0; r < rows.size(); ++r) {
    std::string name = rows.Text(r, "name");
    out.schema.namespaces.push_back({name, Opt(rows, r, "comment")});
    if (!rows.Bool(r, "usable")) {
      out.warnings.push_back({model::Severity::kWarning,
                              "introspect.no-usage",
                              {},
                              fmt::format("no USAGE privilege on schema {}; its objects were read "
                                          "from the catalog but may be incomplete",
                                          model::QuoteIdentifier(name)),
                              ""});
    }
  }
}

void AddExtensionsAndEnums(const CatalogRows& rows, Catalog& out) {
  for (size_t r = 0; r < rows.extensions.size(); ++r) {
    out.schema.extensions.push_back(
        {rows.extensions.Text(r, "name"), rows.extensions.Text(r, "schema"),
         rows.extensions.Text(r, "version"), Opt(rows.extensions, r, "comment")});
  }
  for (size_t r = 0; r < rows.enums.size(); ++r) {
    out.schema.enums.push_back({{rows.enums.Text(r, "schema"), rows.enums.Text(r, "name")},
                                JsonStrings(rows.enums.Get(r, "labels")),
                                Opt(rows.enums, r, "comment")});
  }
}

// Relations: tables, views and sequences. Fills `tables_by_oid` with the index of each
// table in out.schema.tables.
void AddRelations(const RowSet& rows, Catalog& out, std::map<std::string, size_t>& tables_by_oid) {
  for (size_t r = 0; r < rows.size(); ++r) {
    QualifiedName name{rows.Text(r, "schema"), rows.Text(r, "name")};
    std::string kind = rows.Text(r, "kind");
    if (name.name == kLedgerTable) continue;  // read apart, into the Ledger
    if (kind == "r" || kind == "p") {
      model::Table table;
      table.name = name;
      table.kind = kind == "p" ? model::TableKind::kPartitioned : model::TableKind::kTable;
      table.unlogged = rows.Bool(r, "unlogged");
      table.partition_key = rows.Text(r, "partition_key");
      if (rows.Get(r, "parent_name")) {
        table.parent = QualifiedName{rows.Text(r, "parent_schema"), rows.Text(r, "parent_name")};
        table.partition_bound = rows.Text(r, "partition_bound");
      }
      table.comment = Opt(rows, r, "comment");
      tables_by_oid[rows.Text(r, "oid")] = out.schema.tables.size();
      out.schema.tables.push_back(std::move(table));
    } else if (kind == "v" || kind == "m") {
      std::string definition = model::ViewDefinitionFromServer(rows.Text(r, "view_definition"));
      out.schema.views.push_back({name, kind == "m", definition, Opt(rows, r, "comment")});
    } else if (kind == "S") {
      model::Sequence seq;
      seq.name = name;
      seq.type = rows.Text(r, "seq_type");
      seq.start = rows.Int(r, "seq_start");
      seq.increment = rows.Int(r, "seq_increment");
      seq.min_value = rows.Int(r, "seq_min");
      seq.max_value = rows.Int(r, "seq_max");
      seq.cache = rows.Int(r, "seq_cache");
      seq.cycle = rows.Bool(r, "seq_cycle");
      if (rows.Get(r, "owner_table")) {
        std::string owner_schema = rows.Text(r, "owner_schema");
        seq.owned_by = (owner_schema == name.schema
                            ? model::QuoteIdentifier(rows.Text(r, "owner_table"))
                            : model::QualifiedText({owner_schema, rows.Text(r, "owner_table")})) +
                       "." + model::QuoteIdentifier(rows.Text(r, "owner_column"));
      }
      seq.comment = Opt(rows, r, "comment");
      out.schema.sequences.push_back(std::move(seq));
    }
    if ((kind == "r" || kind == "m") && rows.Get(r, "total_bytes")) {
      out.sizes.push_back({name, rows.Int(r, "row_estimate"), rows.Int(r, "total_bytes"),
                           rows.Int(r, "heap_bytes")});
    }
  }
}

void AddColumns(const RowSet& rows, Catalog& out, const std::map<std::string, size_t>& tables) {
  for (size_t r = 0; r < rows.size(); ++r) {
    auto it = tables.find(rows.Text(r, "table_oid"));
    if (it == tables.end()) continue;
    model::Column c;
    c.name = rows.Text(r, "name");
    c.position = static_cast<int>(rows.Int(r, "position"));
    c.type = rows.Text(r, "type");
    c.not_null = rows.Bool(r, "not_null");
    c.default_expr = Opt(rows, r, "default_expr");
    std::string identity = rows.Text(r, "identity");
    c.identity = identity == "a"   ? model::Identity::kAlways
                 : identity == "d" ? model::Identity::kByDefault
                                   : model::Identity::kNone;
    c.generated = Opt(rows, r, "generated");
    c.generated_virtual = rows.Bool(r, "generated_virtual");
    c.collation = Opt(rows, r, "collation");
    c.comment = Opt(rows, r, "comment");
    out.schema.tables[it->second].columns.push_back(std::move(c));
  }
}

void AddConstraints(const RowSet& rows, const ColumnsByTable& columns, Catalog& out,
                    const std::map<std::string, size_t>& tables) {
  for (size_t r = 0; r < rows.size(); ++r) {
    auto it = tables.find(rows.Text(r, "table_oid"));
    if (it == tables.end()) continue;
    model::Constraint c;
    c.name = rows.Text(r, "name");
    char kind = rows.Text(r, "kind")[0];
    c.kind = kind == 'p'   ? model::ConstraintKind::kPrimaryKey
             : kind == 'u' ? model::ConstraintKind::kUnique
             : kind == 'c' ? model::ConstraintKind::kCheck
             : kind == 'x' ? model::ConstraintKind::kExclusion
                           : model::ConstraintKind::kForeignKey;
    if (kind != 'c' && kind != 'x') {
      ColumnNames(columns, rows.Text(r, "table_oid"), IntArray(rows.Get(r, "attnums")), &c.columns);
    }
    c.expression = rows.Text(r, "expression");
    c.deferrable = rows.Bool(r, "deferrable");
    c.initially_deferred = rows.Bool(r, "initially_deferred");
    c.not_valid = rows.Bool(r, "not_valid");
    c.no_inherit = rows.Bool(r, "no_inherit");
    c.nulls_not_distinct = rows.Bool(r, "nulls_not_distinct");
    if (kind == 'f') {
      c.ref_table = {rows.Text(r, "ref_schema"), rows.Text(r, "ref_table")};
      if (rows.Get(r, "ref_columns")) {  // the referenced table is outside the schemas read
        c.ref_columns = JsonStrings(rows.Get(r, "ref_columns"));
      } else {
        ColumnNames(columns, rows.Text(r, "ref_oid"), IntArray(rows.Get(r, "ref_attnums")),
                    &c.ref_columns);
      }
      c.on_update = Action(rows.Text(r, "on_update"));
      c.on_delete = Action(rows.Text(r, "on_delete"));
      std::string match = rows.Text(r, "match");
      c.match = match == "f" ? model::FkMatch::kFull : model::FkMatch::kSimple;
    }
    c.comment = Opt(rows, r, "comment");
    out.schema.tables[it->second].constraints.push_back(std::move(c));
  }
}

void AddIndexes(const RowSet& rows, const ColumnsByTable& columns, Catalog& out) {
  for (size_t r = 0; r < rows.size(); ++r) {
    model::Index index;
    index.name = {rows.Text(r, "schema"), rows.Text(r, "name")};
    index.table = rows.Text(r, "table_name");
    index.on_partitioned_table = rows.Bool(r, "on_partitioned_table");
    index.unique = rows.Bool(r, "is_unique");
    index.method = rows.Text(r, "method");
    int64_t key_count = rows.Int(r, "key_count");
    nlohmann::json keys = nlohmann::json::parse(rows.Text(r, "keys"), nullptr, false);
    int64_t position = 0;
    if (keys.is_array()) {
      auto table = columns.find(rows.Text(r, "table_oid"));
      for (const auto& k : keys) {
        int attnum = std::atoi(JsonField(k, "attnum").c_str());
        const ColumnInfo* column = nullptr;
        if (attnum > 0 && table != columns.end()) {
          auto it = table->second.find(attnum);
          if (it != table->second.end()) column = &it->second;
        }
        std::string text =
            column != nullptr ? model::QuoteIdentifier(column->name) : JsonField(k, "text");
        if (++position > key_count) {
          index.include.push_back(text);
          continue;
        }
        model::IndexKey key;
        key.is_expression = attnum == 0;
        key.expression = text;
        key.opclass = JsonField(k, "opclass");
        // pg_get_indexdef prints a collation only when it is not the key's own.
        std::string collation_oid = JsonField(k, "collation_oid");
        std::string own =
            column != nullptr ? column->collation_oid : JsonField(k, "expression_collation_oid");
        if (!collation_oid.empty() && collation_oid != "0" && collation_oid != own) {
          key.collation = JsonField(k, "collation");
        }
        int option = std::atoi(JsonField(k, "option").c_str());
        key.descending = (option & 1) != 0;
        key.nulls_first = (option & 2) != 0;
        index.keys.push_back(std::move(key));
      }
    }
    index.predicate = rows.Text(r, "predicate");
    index.nulls_not_distinct = rows.Bool(r, "nulls_not_distinct");
    index.comment = Opt(rows, r, "comment");
    out.schema.indexes.push_back(std::move(index));
  }
}

void AddFunctions(const RowSet& rows, Catalog& out) {
  for (size_t r = 0; r < rows.size(); ++r) {
    model::Function f;
    f.name = {rows.Text(r, "schema"), rows.Text(r, "name")};
    f.arguments = rows.Text(r, "arguments");
    f.kind = rows.Text(r, "kind") == "p" ? model::RoutineKind::kProcedure
                                         : model::RoutineKind::kFunction;
    f.returns = rows.Text(r, "returns");
    f.language = rows.Text(r, "language");
    f.body = rows.Text(r, "body");
    f.comment = Opt(rows, r, "comment");
    out.schema.functions.push_back(std::move(f));
  }
}

void AddTriggers(const RowSet& rows, Catalog& out) {
  for (size_t r = 0; r < rows.size(); ++r) {
    model::Trigger t;
    t.table = {rows.Text(r, "schema"), rows.Text(r, "table_name")};
    t.name = rows.Text(r, "name");
    int64_t bits = rows.Int(r, "type_bits");
    t.for_each_row = (bits & 1) != 0;
    t.timing = (bits & 64) ? "INSTEAD OF" : (bits & 2) ? "BEFORE" : "AFTER";
    if (bits & 4) t.events.push_back("INSERT");
    if (bits & 8) t.events.push_back("DELETE");
    if (bits & 16) {
      std::vector<std::string> columns = JsonStrings(rows.Get(r, "update_columns"));
      std::string event = "UPDATE";
      for (size_t i = 0; i < columns.size(); ++i) {
        event += (i == 0 ? " OF " : ", ") + model::QuoteIdentifier(columns[i]);
      }
      t.events.push_back(event);
    }
    if (bits & 32) t.events.push_back("TRUNCATE");
    t.function = {rows.Text(r, "function_schema"), rows.Text(r, "function_name")};
    // WHEN condition and arguments are taken from pg_get_triggerdef's text.
    std::string def = rows.Text(r, "definition");
    size_t execute = def.rfind(" EXECUTE FUNCTION ");
    if (size_t when = def.find(" WHEN ("); when != std::string::npos && when < execute) {
      t.condition = Between(def, when + 6);
    }
    if (execute != std::string::npos) {
      size_t open = def.find('(', execute);
      if (open != std::string::npos) t.arguments = def.substr(open + 1, def.size() - open - 2);
    }
    t.comment = Opt(rows, r, "comment");
    out.schema.triggers.push_back(std::move(t));
  }
}

void AddLedger(const CatalogRows& rows, Catalog& out) {
  out.ledger.present = rows.ledger_read;
  out.ledger.schema = rows.ledger_schema;
  if (!rows.ledger_read) return;
  const RowSet& ledger = rows.ledger;
  for (size_t r = 0; r < ledger.size(); ++r) {
    model::LedgerRow row;
    row.id = ledger.Text(r, "id");
    row.checksum = ledger.Text(r, "checksum");
    row.finished_at = ledger.Get(r, "finished_at");
    row.migration_name = ledger.Text(r, "migration_name");
    row.logs = ledger.Get(r, "logs");
    row.rolled_back_at = ledger.Get(r, "rolled_back_at");
    row.started_at = ledger.Text(r, "started_at");
    row.applied_steps_count = ledger.Int(r, "applied_steps_count");
    out.ledger.rows.push_back(std::move(row));
  }
}

}  // namespace

Catalog BuildCatalog(const CatalogRows& rows) {
  Catalog out;
  out.server_version = rows.server_version;
  if (rows.server_version != 0 &&
      !model::IsSupportedPgMajor(model::PgMajorOf(rows.server_version))) {
    out.warnings.push_back(
        {model::Severity::kWarning,
         "introspect.unsupported-version",
         {},
         fmt::format("PostgreSQL {} is not one drift supports ({}); replay imitates {}",
                     model::PgMajorOf(rows.server_version), model::SupportedPgMajors(),
                     model::ImitatedPgMajor(rows.server_version)),
         ""});
  }
  std::map<std::string, size_t> tables_by_oid;
  AddNamespaces(rows.namespaces, out);
  AddExtensionsAndEnums(rows, out);
  AddRelations(rows.relations, out, tables_by_oid);
  AddColumns(rows.columns, out, tables_by_oid);
  const ColumnsByTable columns = IndexColumns(rows.columns);
  AddConstraints(rows.constraints, columns, out, tables_by_oid);
  AddIndexes(rows.indexes, columns, out);
  AddFunctions(rows.functions, out);
  AddTriggers(rows.triggers, out);
  AddLedger(rows, out);
  model::Normalize(out.schema);
  std::sort(out.sizes.begin(), out.sizes.end(),
            [](const TableSize& a, const TableSize& b) { return a.table < b.table; });
  return out;
}

}  // namespace drift::introspect
