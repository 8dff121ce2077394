#include "parser/pgddl/ddl_parser.h"

#include <fmt/format.h>

#include "absl/strings/ascii.h"
#include "model/identifiers.h"
#include "parser/pgddl/cursor.h"
#include "parser/pgddl/parse_internal.h"

namespace drift::parser::pgddl {
namespace {

using Body = Statement::Body;

// Statements that change data or session state but not the schema.
constexpr std::string_view kNoSchemaEffect[] = {
    "insert",     "update",  "delete",   "merge",     "with",    "begin",   "start",
    "commit",     "end",     "rollback", "savepoint", "release", "set",     "reset",
    "lock",       "analyze", "analyse",  "vacuum",    "notify",  "listen",  "unlisten",
    "grant",      "revoke",  "truncate", "copy",      "discard", "cluster", "reindex",
    "checkpoint", "call",    "refresh",  "security",  "explain", "prepare", "execute",
    "deallocate", "declare", "fetch",    "close",     "move",    "load"};

// CREATE <kind> statements drift recognises but does not model yet.
constexpr std::string_view kUnmodelledCreate[] = {
    "function", "procedure",  "trigger",     "sequence",     "domain", "aggregate",
    "operator", "policy",     "publication", "subscription", "rule",   "collation",
    "cast",     "server",     "statistics",  "event",        "role",   "user",
    "group",    "tablespace", "language",    "conversion",   "text"};

std::string Upper(std::string_view s) {
  return absl::AsciiStrToUpper(absl::string_view(s.data(), s.size()));
}

Body ParseCreate(Cursor& c) {
  bool or_replace = c.Accept({"or", "replace"});
  bool unlogged = c.Accept("unlogged");
  bool temporary = c.Accept("temporary") || c.Accept("temp");
  if (c.Accept("global") || c.Accept("local")) {
    temporary = c.Accept("temporary") || c.Accept("temp");
  }
  if (c.Accept("table")) return internal::ParseCreateTable(c, unlogged, temporary);
  if (c.Accept({"unique", "index"})) return internal::ParseCreateIndex(c, true);
  if (c.Accept("index")) return internal::ParseCreateIndex(c, false);
  if (c.Accept("type")) {
    ObjectName name = c.Name("type name");
    if (c.PeekIs("as") && c.PeekIs("enum", 1)) return internal::ParseCreateEnum(c, name);
    c.Rest();
    return Unmodelled{"CREATE TYPE"};  // composite, range, base types
  }
  if (c.Accept("schema")) {
    CreateNamespace n;
    n.if_not_exists = c.Accept({"if", "not", "exists"});
    if (c.Accept("authorization")) {
      n.name = c.Identifier("role name");
    } else {
      n.name = c.Identifier("schema name");
    }
    c.Rest();
    return n;
  }
  if (c.Accept("extension")) {
    CreateExtension e;
    e.if_not_exists = c.Accept({"if", "not", "exists"});
    e.name = c.Identifier("extension name");
    c.Accept("with");
    while (!c.AtEnd()) {
      if (c.Accept("schema")) {
        e.schema = c.Identifier("schema name");
      } else {
        c.Next();
      }
    }
    return e;
  }
  if (c.Accept("sequence")) return internal::ParseCreateSequence(c);
  if (c.Accept("function")) return internal::ParseCreateFunction(c, or_replace, false);
  if (c.Accept("procedure")) return internal::ParseCreateFunction(c, or_replace, true);
  if (c.PeekIs("trigger") || (c.PeekIs("constraint") && c.PeekIs("trigger", 1))) {
    c.Accept("constraint");
    c.Expect("trigger");
    return internal::ParseCreateTrigger(c, or_replace);
  }
  if (c.Accept({"materialized", "view"})) return internal::ParseCreateView(c, or_replace, true);
  if (c.Accept("view") || ((temporary || c.Accept("recursive")) && c.Accept("view"))) {
    if (temporary) return NoSchemaEffect{"CREATE TEMPORARY VIEW"};
    return internal::ParseCreateView(c, or_replace, false);
  }
  for (std::string_view kind : kUnmodelledCreate) {
    if (c.PeekIs(kind)) return Unmodelled{"CREATE " + Upper(kind)};
  }
  c.Fail(fmt::format("CREATE {} is not supported", c.Peek().text));
}

Body ParseAlter(Cursor& c) {
  if (c.Accept("table")) return internal::ParseAlterTable(c);
  if (c.Accept("type")) return internal::ParseAlterType(c);
  if (c.Accept("sequence")) return internal::ParseAlterSequence(c);
  if (c.Accept("index")) return internal::ParseAlterRelation(c, "index");
  if (c.Accept({"materialized", "view"}))
    return internal::ParseAlterRelation(c, "materialized view");
  if (c.Accept("view")) return internal::ParseAlterRelation(c, "view");
  // ALTER <kind> name OWNER TO ... has no model effect; other ALTERs are not modelled.
  for (size_t i = 0; i + 1 < 8 && !c.Peek(i + 1).text.empty(); ++i) {
    if (c.PeekIs("owner", i) && c.PeekIs("to", i + 1)) return NoSchemaEffect{"ALTER ... OWNER TO"};
  }
  if (c.PeekIs("publication") || c.PeekIs("default") || c.PeekIs("role") || c.PeekIs("user") ||
      c.PeekIs("database") || c.PeekIs("system")) {
    return NoSchemaEffect{"ALTER " + Upper(c.Peek().text)};
  }
  return Unmodelled{"ALTER " + Upper(c.Peek().text)};
}

// SELECT … INTO [TEMP | UNLOGGED] [TABLE] name FROM … (after WITH, too): CREATE TABLE
// name AS the query without its INTO clause. nullopt for any other SELECT or WITH.
std::optional<CreateTable> SelectInto(Cursor& c) {
  // The main SELECT is the first SELECT at depth 0 (WITH's queries are parenthesised);
  // its INTO comes before FROM.
  size_t into = 0;
  bool in_main = false;
  int depth = 0;
  for (size_t i = 0; c.Peek(i).kind != TokenKind::kEnd; ++i) {
    const Token& t = c.Peek(i);
    if (t.kind == TokenKind::kLParen) ++depth;
    if (t.kind == TokenKind::kRParen) --depth;
    if (depth != 0) continue;
    if (!in_main) {
      if (t.Is("insert") || t.Is("update") || t.Is("delete") || t.Is("merge")) return std::nullopt;
      in_main = t.Is("select");
      continue;
    }
    if (t.Is("from") || t.Is("union") || t.Is("where")) return std::nullopt;
    if (t.Is("into")) {
      into = i;
      break;
    }
  }
  if (into == 0) return std::nullopt;
  CreateTable table;
  table.as_select = true;
  const size_t begin = c.position();
  size_t k = into + 1;
  if (c.PeekIs("temp", k) || c.PeekIs("temporary", k)) {
    table.temporary = true;
    ++k;
  } else if (c.PeekIs("unlogged", k)) {
    table.unlogged = true;
    ++k;
  }
  if (c.PeekIs("table", k)) ++k;
  for (size_t i = 0; i < k; ++i) c.Next();
  table.name = c.Name("table name");
  std::string rest = c.Rest();
  table.query = c.Slice(begin, begin + into) + (rest.empty() ? "" : " " + rest);
  return table;
}

Body ParseStatement(Cursor& c) {
  if (c.Accept("create")) return ParseCreate(c);
  if (c.Accept("alter")) return ParseAlter(c);
  if (c.Accept("drop")) {
    if (c.PeekIs("owned") || c.PeekIs("role") || c.PeekIs("user") || c.PeekIs("policy") ||
        c.PeekIs("publication")) {
      return NoSchemaEffect{"DROP " + Upper(c.Peek().text)};
    }
    return internal::ParseDrop(c);
  }
  if (c.Accept({"comment", "on"})) return internal::ParseComment(c);
  if (c.Accept("do")) return internal::ParseDoBlock(c);
  if (c.PeekIs("select") || c.PeekIs("with")) {
    if (std::optional<CreateTable> table = SelectInto(c)) return *std::move(table);
    if (c.PeekIs("select")) return NoSchemaEffect{"SELECT"};
  }
  for (std::string_view k : kNoSchemaEffect) {
    if (c.PeekIs(k)) return NoSchemaEffect{Upper(k)};
  }
  c.Fail(fmt::format("unknown statement '{}'", c.Peek().text));
}

}  // namespace

void ParseDdlStatements(const SourceFile& file,
                        const std::function<void(const Statement&)>& on_statement,
                        const std::function<void(const model::Diagnostic&)>& on_diagnostic) {
  std::vector<model::Diagnostic> lexical = LexStatements(file, [&](const StatementTokens& tokens) {
    Cursor c(file, tokens);
    const Token& first = tokens.tokens.front();
    Statement s;
    s.span = {file.name, first.line, first.column};
    s.text = tokens.Text(file);
    try {
      s.body = ParseStatement(c);
      s.newer_syntax = c.TakeNewerSyntax();
    } catch (const ParseError& e) {
      on_diagnostic({model::Severity::kError, "pgddl.syntax", e.span, e.message, ""});
      return;
    }
    on_statement(s);
  });
  // The lexer stops at its first error, after every statement before it.
  for (const model::Diagnostic& d : lexical) on_diagnostic(d);
}

DdlParseResult ParseDdl(const SourceFile& file) {
  DdlParseResult result;
  ParseDdlStatements(
      file, [&](const Statement& s) { result.statements.push_back(s); },
      [&](const model::Diagnostic& d) { result.diagnostics.push_back(d); });
  return result;
}

}  // namespace drift::parser::pgddl
