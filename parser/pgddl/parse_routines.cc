// CREATE/ALTER SEQUENCE, ALTER INDEX/VIEW, CREATE FUNCTION/PROCEDURE and CREATE TRIGGER.
#include <fmt/format.h>

#include "absl/strings/ascii.h"
#include "model/identifiers.h"
#include "parser/pgddl/parse_internal.h"

namespace drift::parser::pgddl::internal {
namespace {

int64_t SignedNumber(Cursor& c) {
  bool negative = false;
  if (c.Peek().kind == TokenKind::kOperator && (c.Peek().text == "-" || c.Peek().text == "+")) {
    negative = c.Next().text == "-";
  }
  const Token& t = c.Next();
  if (t.kind != TokenKind::kNumber) c.Fail("expected a number");
  int64_t value = 0;
  for (char ch : t.text) {
    if (ch < '0' || ch > '9') c.Fail("expected an integer");
    value = value * 10 + (ch - '0');
  }
  return negative ? -value : value;
}

// Sequence options shared by CREATE and ALTER SEQUENCE. Returns false at an unknown word.
bool ParseSequenceOption(Cursor& c, CreateSequence& s) {
  if (c.Accept("as")) {
    s.type = c.TextUntil(
        {"increment", "minvalue", "maxvalue", "no", "start", "cache", "cycle", "owned", "restart"},
        "a type");
  } else if (c.Accept("increment")) {
    c.Accept("by");
    s.increment = SignedNumber(c);
  } else if (c.Accept("minvalue")) {
    s.min_value = SignedNumber(c);
  } else if (c.Accept("maxvalue")) {
    s.max_value = SignedNumber(c);
  } else if (c.Accept({"no", "minvalue"})) {
    s.min_value.reset();
  } else if (c.Accept({"no", "maxvalue"})) {
    s.max_value.reset();
  } else if (c.Accept("start")) {
    c.Accept("with");
    s.start = SignedNumber(c);
  } else if (c.Accept("restart")) {
    if (c.Accept("with") || c.Peek().kind == TokenKind::kNumber) SignedNumber(c);
  } else if (c.Accept("cache")) {
    s.cache = SignedNumber(c);
  } else if (c.Accept({"no", "cycle"})) {
    s.cycle = false;
  } else if (c.Accept("cycle")) {
    s.cycle = true;
  } else if (c.Accept({"owned", "by"})) {
    if (c.Accept("none")) {
      s.owned_by_none = true;
    } else {
      std::vector<std::string> parts{c.Identifier("table name")};
      while (c.AcceptKind(TokenKind::kDot)) parts.push_back(c.Identifier("column name"));
      if (parts.size() < 2) c.Fail("expected table.column after OWNED BY");
      s.owned_by_column = parts.back();
      s.owned_by = parts.size() == 3 ? ObjectName{parts[0], parts[1]} : ObjectName{"", parts[0]};
    }
  } else {
    return false;
  }
  return true;
}

// Multi-word type names, so that "double precision" is not read as an argument named
// "double".
bool StartsMultiWordType(const Cursor& c) {
  return (c.PeekIs("double") && c.PeekIs("precision", 1)) ||
         (c.PeekIs("character") && c.PeekIs("varying", 1)) ||
         (c.PeekIs("bit") && c.PeekIs("varying", 1)) ||
         ((c.PeekIs("timestamp") || c.PeekIs("time")) &&
          (c.PeekIs("with", 1) || c.PeekIs("without", 1) || c.Peek(1).kind == TokenKind::kLParen));
}

FunctionArgument ParseArgument(Cursor& c) {
  FunctionArgument a;
  for (const char* mode : {"inout", "in", "out", "variadic"}) {
    if (c.Accept(mode)) {
      a.mode = mode;
      absl::AsciiStrToUpper(&a.mode);
      break;
    }
  }
  // name type, or just type: a name is a word followed by more type text.
  const Token& next = c.Peek(1);
  bool has_name = !StartsMultiWordType(c) &&
                  (c.Peek().kind == TokenKind::kWord || c.Peek().kind == TokenKind::kQuotedIdent) &&
                  (next.kind == TokenKind::kWord || next.kind == TokenKind::kQuotedIdent);
  if (has_name) a.name = c.Identifier("argument name");
  a.type = c.TextUntil({"default"}, "an argument type");
  if (c.Accept("default") || (c.Peek().kind == TokenKind::kOperator && c.Peek().text == "=")) {
    if (c.Peek().text == "=") c.Next();
    a.has_default = true;
    c.TextUntil({}, "a default value");
  }
  return a;
}

}  // namespace

CreateSequence ParseCreateSequence(Cursor& c) {
  CreateSequence s;
  s.if_not_exists = c.Accept({"if", "not", "exists"});
  s.name = c.Name("sequence name");
  while (!c.AtEnd()) {
    if (!ParseSequenceOption(c, s))
      c.Fail(fmt::format("unknown sequence option '{}'", c.Peek().text));
  }
  return s;
}

Statement::Body ParseAlterSequence(Cursor& c) {
  AlterSequence a;
  a.if_exists = c.Accept({"if", "exists"});
  a.name = c.Name("sequence name");
  if (c.Accept({"rename", "to"})) {
    a.rename_to = c.Identifier("sequence name");
    c.ExpectEnd();
    return a;
  }
  if (c.PeekIs("owner") || c.PeekIs("set") || c.PeekIs("reset")) {
    c.Rest();
    return NoSchemaEffect{"ALTER SEQUENCE"};
  }
  while (!c.AtEnd()) {
    if (!ParseSequenceOption(c, a.changes))
      c.Fail(fmt::format("unknown sequence option '{}'", c.Peek().text));
  }
  return a;
}

RenameRelation ParseAlterRelation(Cursor& c, std::string kind) {
  RenameRelation r;
  r.kind = std::move(kind);
  r.if_exists = c.Accept({"if", "exists"});
  r.name = c.Name("name");
  if (c.Accept({"rename", "to"})) {
    r.new_name = c.Identifier("new name");
    c.ExpectEnd();
  } else if (r.kind != "index" && c.Accept("rename")) {
    c.Accept("column");
    r.column = c.Identifier("column name");
    c.Expect("to");
    r.new_column = c.Identifier("new column name");
    c.ExpectEnd();
  } else {
    c.Rest();  // SET (...), SET TABLESPACE, OWNER TO, ALTER COLUMN ... SET STATISTICS
  }
  return r;
}

CreateView ParseCreateView(Cursor& c, bool or_replace, bool materialized) {
  CreateView v;
  v.or_replace = or_replace;
  v.materialized = materialized;
  v.if_not_exists = c.Accept({"if", "not", "exists"});
  v.name = c.Name("view name");
  if (c.Peek().kind == TokenKind::kLParen) v.columns = c.IdentifierList("view column names");
  // Storage and view options (security_barrier, check_option …) live in reloptions, which
  // the model does not compare; the definition is the query alone.
  if (c.Accept("using")) c.Identifier("access method");
  if (c.Accept("with")) c.Parenthesized("view options");
  if (c.Accept("tablespace")) c.Identifier("tablespace name");
  c.Expect("as");
  v.query = QueryBeforeTrailingOptions(c);
  if (v.query.empty()) c.Fail("a query expected after AS");
  return v;
}

CreateFunction ParseCreateFunction(Cursor& c, bool or_replace, bool procedure) {
  CreateFunction f;
  f.or_replace = or_replace;
  f.procedure = procedure;
  f.name = c.Name("function name");
  c.ExpectKind(TokenKind::kLParen, "'('");
  if (c.Peek().kind != TokenKind::kRParen) {
    do {
      f.arguments.push_back(ParseArgument(c));
    } while (c.AcceptKind(TokenKind::kComma));
  }
  c.ExpectKind(TokenKind::kRParen, "')'");
  while (!c.AtEnd()) {
    if (c.Accept("returns")) {
      if (c.Accept("table")) {
        f.returns = "TABLE(" + c.Parenthesized("result columns") + ")";
      } else {
        f.returns = c.TextUntil(
            {"language", "as",      "immutable", "stable",    "volatile", "strict",  "security",
             "called",   "returns", "parallel",  "cost",      "rows",     "set",     "leakproof",
             "not",      "window",  "begin",     "transform", "support",  "external"},
            "a return type");
      }
    } else if (c.Accept("language")) {
      f.language = model::FoldIdentifier(c.Next().text, false);
    } else if (c.Accept("as")) {
      const Token& body = c.Next();
      if (body.kind != TokenKind::kString && body.kind != TokenKind::kDollarString) {
        c.Fail("expected the function body as a string");
      }
      f.body = body.value;
      if (c.AcceptKind(TokenKind::kComma)) c.Next();  // AS 'obj_file', 'link_symbol'
    } else if (c.PeekIs("begin") && c.PeekIs("atomic", 1)) {
      f.body = c.Rest();
    } else {
      c.Next();  // volatility, security, cost, SET ... and other attributes
    }
  }
  if (f.language.empty()) c.Fail("expected LANGUAGE");
  return f;
}

CreateTrigger ParseCreateTrigger(Cursor& c, bool or_replace) {
  CreateTrigger t;
  t.or_replace = or_replace;
  c.Accept("constraint");
  t.name = c.Identifier("trigger name");
  if (c.Accept("before")) {
    t.timing = "BEFORE";
  } else if (c.Accept("after")) {
    t.timing = "AFTER";
  } else {
    c.Expect({"instead", "of"});
    t.timing = "INSTEAD OF";
  }
  do {
    if (c.Accept("insert")) {
      t.events.push_back("INSERT");
    } else if (c.Accept("delete")) {
      t.events.push_back("DELETE");
    } else if (c.Accept("truncate")) {
      t.events.push_back("TRUNCATE");
    } else {
      c.Expect("update");
      t.events.push_back("UPDATE");
      if (c.Accept("of")) {
        do {
          t.update_columns.push_back(c.Identifier("column name"));
        } while (c.AcceptKind(TokenKind::kComma));
      }
    }
  } while (c.Accept("or"));
  c.Expect("on");
  t.table = c.Name("table name");
  while (c.Accept("from") || c.Accept({"not", "deferrable"}) || c.Accept("deferrable") ||
         c.Accept({"initially", "deferred"}) || c.Accept({"initially", "immediate"})) {
    if (!c.PeekIs("for") && !c.PeekIs("when") && !c.PeekIs("execute") && !c.PeekIs("referencing") &&
        !c.PeekIs("deferrable") && !c.PeekIs("initially")) {
      c.Name("table name");
    }
  }
  if (c.Accept("referencing")) {
    while (c.Accept("old") || c.Accept("new")) {
      c.Expect("table");
      c.Accept("as");
      c.Identifier("transition table name");
    }
  }
  if (c.Accept("for")) {
    c.Accept("each");
    if (c.Accept("row")) {
      t.for_each_row = true;
    } else {
      c.Expect("statement");
    }
  }
  if (c.Accept("when")) t.condition = c.Parenthesized("a WHEN condition");
  c.Expect("execute");
  if (!c.Accept("function")) c.Expect("procedure");
  t.function = c.Name("function name");
  c.ExpectKind(TokenKind::kLParen, "'('");
  if (c.Peek().kind != TokenKind::kRParen) {
    do {
      const Token& arg = c.Next();
      t.arguments.push_back(arg.kind == TokenKind::kString ? arg.value : std::string(arg.text));
    } while (c.AcceptKind(TokenKind::kComma));
  }
  c.ExpectKind(TokenKind::kRParen, "')'");
  c.ExpectEnd();
  return t;
}

}  // namespace drift::parser::pgddl::internal
