#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "introspect/describe.h"
#include "model/diagnostic.h"
#include "model/identifiers.h"
#include "model/render.h"
#include "model/render_json.h"

namespace drift::cli {
namespace {

std::string LedgerState(const model::LedgerRow& row) {
  if (row.rolled_back_at) return "rolled back";
  if (!row.finished_at) return "failed";
  return "applied";
}

std::string LedgerText(const model::Ledger& ledger) {
  if (!ledger.present) return "ledger: none (_prisma_migrations does not exist)\n";
  std::string out = fmt::format("ledger: {}._prisma_migrations, {} row(s)\n",
                                model::QuoteIdentifier(ledger.schema), ledger.rows.size());
  for (const model::LedgerRow& row : ledger.rows) {
    out += fmt::format("  {} {} {}\n", row.migration_name, LedgerState(row), row.checksum);
  }
  return out;
}

nlohmann::ordered_json LedgerJson(const model::Ledger& ledger) {
  if (!ledger.present) return nullptr;
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const model::LedgerRow& row : ledger.rows) {
    auto opt = [](const std::optional<std::string>& v) {
      return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
    };
    rows.push_back({{"id", row.id},
                    {"checksum", row.checksum},
                    {"finished_at", opt(row.finished_at)},
                    {"migration_name", row.migration_name},
                    {"logs", opt(row.logs)},
                    {"rolled_back_at", opt(row.rolled_back_at)},
                    {"started_at", row.started_at},
                    {"applied_steps_count", row.applied_steps_count}});
  }
  return {{"schema", ledger.schema}, {"rows", std::move(rows)}};
}

}  // namespace

ExitCode RunInspect(const InspectOptions& options, std::ostream& out, std::ostream& err) {
  const SourceOptions& source = options.source;
  if (source.url.empty()) {
    // A history or a script: the model only.
    model::Schema schema;
    ExitCode code = LoadSource(source, "--", options.schemas, &schema, err);
    if (code != ExitCode::kClean) return code;
    if (options.format == "json") {
      out << model::DumpJson(schema);
    } else {
      model::DumpText(schema, out);
    }
    return ExitCode::kClean;
  }
  absl::StatusOr<introspect::DatabaseUrl> url = introspect::ParseDatabaseUrl(source.url);
  if (!url.ok()) {
    err << "drift inspect: " << url.status().message() << "\n";
    return ExitCode::kInvalidInput;
  }
  absl::StatusOr<introspect::Catalog> catalog =
      introspect::Describe(*url, {.schemas = options.schemas, .read_sizes = options.sizes});
  if (!catalog.ok()) {
    err << "drift inspect: " << catalog.status().message() << "\n";
    return ExitCodeFor(catalog.status());
  }
  for (const model::Diagnostic& warning : catalog->warnings) {
    err << model::RenderDiagnostic(warning);
  }
  if (options.format == "json") {
    nlohmann::ordered_json doc;
    doc["schema"] = model::SchemaToJson(catalog->schema);
    doc["ledger"] = LedgerJson(catalog->ledger);
    nlohmann::ordered_json sizes = nullptr;
    if (options.sizes) {
      sizes = nlohmann::ordered_json::array();
      for (const introspect::TableSize& s : catalog->sizes) {
        sizes.push_back({{"schema", s.table.schema},
                         {"name", s.table.name},
                         {"row_estimate", s.row_estimate},
                         {"total_bytes", s.total_bytes}});
      }
    }
    doc["sizes"] = std::move(sizes);
    out << doc.dump(2) << "\n";
  } else {
    out << model::DumpText(catalog->schema) << LedgerText(catalog->ledger);
    for (const introspect::TableSize& s : catalog->sizes) {
      out << fmt::format("size {} rows~{} bytes {}\n", model::QualifiedText(s.table),
                         s.row_estimate, s.total_bytes);
    }
  }
  return ExitCode::kClean;
}

}  // namespace drift::cli
