#include "introspect/pg_reader.h"

#include <fmt/format.h>

#include <cctype>
#include <pqxx/pqxx>

#include "absl/status/status.h"
#include "introspect/queries.h"
#include "model/diagnostic.h"

namespace drift::introspect {
namespace {

// A PostgreSQL text[] literal: {"a","b"} with quotes and backslashes escaped.
std::string ArrayLiteral(const std::vector<std::string>& items) {
  std::string out = "{";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    out += '"';
    for (char c : items[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

RowSet ToRowSet(const pqxx::result& result) {
  std::vector<std::string> columns;
  for (pqxx::row::size_type c = 0; c < result.columns(); ++c) {
    columns.emplace_back(result.column_name(c));
  }
  RowSet rows(std::move(columns));
  for (const pqxx::row& row : result) {
    std::vector<std::optional<std::string>> values;
    values.reserve(row.size());
    for (const pqxx::field& field : row) {
      if (field.is_null()) {
        values.emplace_back(std::nullopt);
      } else {
        values.emplace_back(std::string(field.c_str(), field.size()));
      }
    }
    rows.AddRow(std::move(values));
  }
  return rows;
}

}  // namespace

namespace {

// A catalog query as `version` can run it: columns newer than the server (written
// `alias.column` in the query files) become their value on older servers. Reading them
// by name through to_jsonb(row) instead would serialise every pg_index row.
std::string ForServer(std::string_view sql, int version) {
  struct Newer {
    std::string_view column;
    int since;
    std::string_view otherwise;
  };
  static constexpr Newer kNewer[] = {{".indnullsnotdistinct", 150000, "false"}};
  std::string out(sql);
  for (const Newer& n : kNewer) {
    if (version >= n.since) continue;
    for (size_t at = out.find(n.column); at != std::string::npos; at = out.find(n.column, at)) {
      size_t start = at;
      while (start > 0 &&
             (std::isalnum(static_cast<unsigned char>(out[start - 1])) || out[start - 1] == '_')) {
        --start;
      }
      out.replace(start, at + n.column.size() - start, n.otherwise);
      at = start + n.otherwise.size();
    }
  }
  return out;
}

// A connection to `url`; Unavailable, naming url.Display(), when there is none.
absl::StatusOr<std::unique_ptr<pqxx::connection>> Connect(const DatabaseUrl& url) {
  try {
    return std::make_unique<pqxx::connection>(url.Conninfo());
  } catch (const std::exception& e) {
    return absl::UnavailableError(
        fmt::format("cannot connect to {}: {}", url.Display(), model::FirstLine(e.what())));
  }
}

}  // namespace

absl::StatusOr<std::vector<ProbeRows>> RunProbes(const DatabaseUrl& url,
                                                 const std::vector<std::string>& queries,
                                                 const ProbeOptions& options) {
  const std::string where = url.Display();
  absl::StatusOr<std::unique_ptr<pqxx::connection>> conn = Connect(url);
  if (!conn.ok()) return conn.status();
  std::vector<ProbeRows> out;
  try {
    pqxx::transaction<pqxx::read_committed, pqxx::read_only> txn(**conn);
    txn.exec(fmt::format("SET LOCAL statement_timeout = {}", options.statement_timeout_ms));
    txn.exec(fmt::format("SET LOCAL lock_timeout = {}", options.lock_timeout_ms));
    for (const std::string& query : queries) {
      ProbeRows rows;
      try {
        pqxx::subtransaction probe(txn, "drift_probe");
        for (const pqxx::row& row : probe.exec(query))
          rows.values.emplace_back(row[0].is_null() ? "" : row[0].c_str());
        probe.commit();
        rows.ran = true;
      } catch (const pqxx::sql_error& e) {
        rows.error = model::FirstLine(e.what());
      }
      out.push_back(std::move(rows));
    }
    txn.commit();
  } catch (const pqxx::broken_connection& e) {
    return absl::UnavailableError(fmt::format("lost the connection to {} while probing: {}", where,
                                              model::FirstLine(e.what())));
  } catch (const std::exception& e) {
    return absl::InternalError(
        fmt::format("probing {} failed: {}", where, model::FirstLine(e.what())));
  }
  return out;
}

absl::StatusOr<CatalogRows> ReadCatalogRows(const DatabaseUrl& url, const DescribeOptions& options,
                                            int* round_trips) {
  *round_trips = 0;
  const std::string where = url.Display();
  absl::StatusOr<std::unique_ptr<pqxx::connection>> conn = Connect(url);
  if (!conn.ok()) return conn.status();
  const std::string schema_list = ArrayLiteral(options.schemas);
  CatalogRows rows;
  const char* step = "begin transaction";
  try {
    pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> txn(**conn);
    ++*round_trips;
    const int version = (*conn)->server_version();
    rows.server_version = version;
    auto run = [&](const char* purpose, std::string_view sql) {
      step = purpose;
      ++*round_trips;
      return ToRowSet(txn.exec_params(ForServer(sql, version), schema_list));
    };
    rows.namespaces = run("read namespaces", kNamespacesSql);
    rows.extensions = run("read extensions", kExtensionsSql);
    rows.enums = run("read enum types", kEnumsSql);
    step = "read tables, views and sequences";
    ++*round_trips;
    rows.relations =
        ToRowSet(txn.exec_params(std::string(kRelationsSql), schema_list, options.read_sizes));
    rows.columns = run("read columns", kColumnsSql);
    rows.constraints = run("read constraints", kConstraintsSql);
    rows.indexes = run("read indexes", kIndexesSql);
    rows.functions = run("read functions", kFunctionsSql);
    rows.triggers = run("read triggers", kTriggersSql);

    rows.ledger_schema = url.schema;
    bool ledger_exists = false;
    bool ledger_readable = false;
    for (size_t r = 0; r < rows.relations.size(); ++r) {
      if (rows.relations.Text(r, "name") == kLedgerTable &&
          rows.relations.Text(r, "schema") == url.schema && rows.relations.Text(r, "kind") == "r") {
        ledger_exists = true;
        ledger_readable = rows.relations.Bool(r, "readable");
      }
    }
    if (ledger_exists && !ledger_readable) {
      return absl::PermissionDeniedError(
          fmt::format("no SELECT privilege on {}._prisma_migrations at {}", url.schema, where));
    }
    if (ledger_exists) {
      step = "read the _prisma_migrations ledger";
      std::string table = fmt::format("{}.{}", txn.quote_name(url.schema),
                                      txn.quote_name(std::string(kLedgerTable)));
      ++*round_trips;
      std::string sql(kLedgerSql);
      sql.replace(sql.rfind("{ledger_table}"), 14, table);
      rows.ledger = ToRowSet(txn.exec(sql));
      rows.ledger_read = true;
    }
    step = "commit";
    ++*round_trips;
    txn.commit();
  } catch (const pqxx::broken_connection& e) {
    return absl::UnavailableError(fmt::format("lost the connection to {} during '{}': {}", where,
                                              step, model::FirstLine(e.what())));
  } catch (const pqxx::sql_error& e) {
    return absl::InternalError(
        fmt::format("query '{}' failed on {}: {}", step, where, model::FirstLine(e.what())));
  } catch (const std::exception& e) {
    return absl::InternalError(
        fmt::format("'{}' failed on {}: {}", step, where, model::FirstLine(e.what())));
  }
  return rows;
}

}  // namespace drift::introspect
