#include <fmt/format.h>

#include <sstream>

#include "model/definitions.h"
#include "model/identifiers.h"
#include "model/render.h"

namespace drift::model {
namespace {

// Keeps multi-line text (bodies, view definitions) on one line: \n, \t and \\ escaped.
std::string OneLine(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c != '\r') {
      out += c;
    } else {
      out += "\\r";
    }
  }
  return out;
}

void AppendComment(std::string& out, const std::optional<std::string>& comment,
                   std::string_view indent) {
  if (comment) out += fmt::format("{}comment {}\n", indent, QuoteLiteral(OneLine(*comment)));
}

std::string SequenceLine(const Sequence& s) {
  std::string out = fmt::format("sequence {} {} start {} increment {} min {} max {} cache {}",
                                QualifiedText(s.name), s.type, s.start, s.increment, s.min_value,
                                s.max_value, s.cache);
  if (s.cycle) out += " cycle";
  if (!s.owned_by.empty()) out += " owned by " + s.owned_by;
  return out;
}

std::string TableLine(const Table& t) {
  std::string out = fmt::format("{}table {}", t.unlogged ? "unlogged " : "", QualifiedText(t.name));
  if (t.kind == TableKind::kPartitioned) out += " partition by " + t.partition_key;
  if (t.parent)
    out += fmt::format(" partition of {} {}", QualifiedText(*t.parent), t.partition_bound);
  return out;
}

}  // namespace

void DumpText(const Schema& schema, std::ostream& sink) {
  // Written out in pieces: a large model's text is never held whole.
  std::string out;
  auto spill = [&] {
    if (out.size() < (size_t{1} << 16)) return;
    sink << out;
    out.clear();
  };
  for (const Namespace& n : schema.namespaces) {
    out += fmt::format("namespace {}\n", QuoteIdentifier(n.name));
    AppendComment(out, n.comment, "  ");
  }
  for (const Extension& e : schema.extensions) {
    out += fmt::format("extension {} version {} in {}\n", QuoteIdentifier(e.name), e.version,
                       QuoteIdentifier(e.schema));
    AppendComment(out, e.comment, "  ");
  }
  for (const EnumType& e : schema.enums) {
    std::string labels;
    for (const std::string& l : e.labels) labels += (labels.empty() ? "" : ", ") + QuoteLiteral(l);
    out += fmt::format("enum {} ({})\n", QualifiedText(e.name), labels);
    AppendComment(out, e.comment, "  ");
  }
  for (const Sequence& s : schema.sequences) {
    out += SequenceLine(s) + "\n";
    AppendComment(out, s.comment, "  ");
  }
  for (const Table& t : schema.tables) {
    out += TableLine(t) + "\n";
    AppendComment(out, t.comment, "  ");
    spill();
    for (const Column& c : t.columns) {
      out += fmt::format("  column {} {}\n", QuoteIdentifier(c.name), ColumnDefinition(c));
      AppendComment(out, c.comment, "    ");
    }
    for (const Constraint& c : t.constraints) {
      out += fmt::format("  constraint {} {}\n", QuoteIdentifier(c.name),
                         ConstraintDefinition(c, t.name.schema));
      AppendComment(out, c.comment, "    ");
    }
  }
  for (const Index& i : schema.indexes) {
    out += fmt::format("index {}\n", IndexDefinition(i));
    AppendComment(out, i.comment, "  ");
    spill();
  }
  for (const View& v : schema.views) {
    out += fmt::format("{}view {} as {}\n", v.materialized ? "materialized " : "",
                       QualifiedText(v.name), OneLine(v.definition));
    AppendComment(out, v.comment, "  ");
  }
  for (const Function& f : schema.functions) {
    out += fmt::format("{} {}({})", f.kind == RoutineKind::kProcedure ? "procedure" : "function",
                       QualifiedText(f.name), f.arguments);
    if (f.kind == RoutineKind::kFunction) out += " returns " + f.returns;
    out += fmt::format(" language {} body {}\n", f.language, QuoteLiteral(OneLine(f.body)));
    AppendComment(out, f.comment, "  ");
  }
  for (const Trigger& t : schema.triggers) {
    out += fmt::format("trigger {}\n", TriggerDefinition(t));
    AppendComment(out, t.comment, "  ");
    spill();
  }
  for (const Unverified& u : schema.unverified) {
    out += fmt::format("unverified {} {} ({}:{}: {})\n", u.kind, QualifiedText(u.name), u.file,
                       u.line, u.reason);
  }
  sink << out;
}

std::string DumpText(const Schema& schema) {
  std::ostringstream text;
  DumpText(schema, text);
  return text.str();
}

}  // namespace drift::model
