#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/context.h"
#include "introspect/describe.h"
#include "model/diagnostic.h"
#include "model/identifiers.h"
#include "model/json_writer.h"
#include "model/pg_version.h"
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

void WriteLedgerJson(const model::Ledger& ledger, model::JsonWriter& w) {
  if (!ledger.present) {
    w.Null();
    return;
  }
  w.BeginObject();
  w.Key("schema");
  w.String(ledger.schema);
  w.Key("rows");
  w.BeginArray();
  for (const model::LedgerRow& row : ledger.rows) {
    w.BeginObject();
    w.Key("id");
    w.String(row.id);
    w.Key("checksum");
    w.String(row.checksum);
    w.Key("finished_at");
    w.OptionalString(row.finished_at);
    w.Key("migration_name");
    w.String(row.migration_name);
    w.Key("logs");
    w.OptionalString(row.logs);
    w.Key("rolled_back_at");
    w.OptionalString(row.rolled_back_at);
    w.Key("started_at");
    w.String(row.started_at);
    w.Key("applied_steps_count");
    w.Int(row.applied_steps_count);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

}  // namespace

ExitCode RunInspect(const InspectOptions& options, std::ostream& out, std::ostream& err) {
  const SourceOptions& source = options.source;
  if (source.url.empty()) {
    // A history or a script: the model only.
    const int pg_major = IsReplayed(source) ? ChoosePgMajor("inspect", options.pg_major, 0, err)
                                            : model::kNewestPgMajor;
    if (pg_major == 0) return ExitCode::kInvalidInput;
    SourceModel loaded;
    ExitCode code = LoadSource(source, "--", options.schemas, pg_major, &loaded, err);
    if (code != ExitCode::kClean) return code;
    const model::Schema& schema = loaded.schema;
    if (options.format == "json") {
      out << model::DumpJson(schema);
    } else {
      model::DumpText(schema, out);
    }
    if (IsReplayed(source)) NoteAssumedPgMajor("inspect", options.pg_major, 0, err);
    return ExitCode::kClean;
  }
  LiveDatabase live;
  if (ExitCode code =
          LoadLive(source.url, {.schemas = options.schemas, .read_sizes = options.sizes},
                   "drift inspect: ", "drift inspect: ", &live, err);
      code != ExitCode::kClean) {
    return code;
  }
  const introspect::Catalog* catalog = &live.catalog;
  for (const model::Diagnostic& warning : catalog->warnings) {
    err << model::RenderDiagnostic(warning);
  }
  if (options.format == "json") {
    // Written as it renders: a DOM of a big catalog costs more than reading it.
    std::string doc;
    model::JsonWriter w(&doc);
    w.BeginObject();
    w.Key("schema");
    model::WriteSchemaJson(catalog->schema, w);
    w.Key("ledger");
    WriteLedgerJson(catalog->ledger, w);
    w.Key("sizes");
    if (options.sizes) {
      w.BeginArray();
      for (const introspect::TableSize& s : catalog->sizes) {
        w.BeginObject();
        w.Key("schema");
        w.String(s.table.schema);
        w.Key("name");
        w.String(s.table.name);
        w.Key("row_estimate");
        w.Int(s.row_estimate);
        w.Key("total_bytes");
        w.Int(s.total_bytes);
        w.EndObject();
      }
      w.EndArray();
    } else {
      w.Null();
    }
    w.EndObject();
    out << doc << "\n";
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
