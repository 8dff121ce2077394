// CREATE INDEX, CREATE TYPE ... AS ENUM, ALTER TYPE, DROP, COMMENT ON and DO blocks.
#include <fmt/format.h>

#include "model/identifiers.h"
#include "parser/pgddl/parse_internal.h"

namespace drift::parser::pgddl::internal {

bool ParseNullsDistinct(Cursor& c) {
  if (c.AcceptNewer(15, "NULLS NOT DISTINCT", {"nulls", "not", "distinct"})) return true;
  c.AcceptNewer(15, "NULLS DISTINCT", {"nulls", "distinct"});
  return false;
}

CreateIndex ParseCreateIndex(Cursor& c, bool unique) {
  CreateIndex index;
  index.unique = unique;
  index.concurrently = c.Accept("concurrently");
  index.if_not_exists = c.Accept({"if", "not", "exists"});
  if (!c.PeekIs("on")) index.name = c.Identifier("index name");
  c.Expect("on");
  index.only = c.Accept("only");
  index.table = c.Name("table name");
  if (c.Accept("using")) index.method = model::FoldIdentifier(c.Next().text, false);
  c.ExpectKind(TokenKind::kLParen, "'('");
  do {
    IndexKeyDef key;
    size_t first = c.position();
    const Token& head = c.Peek();
    std::string term = c.Term("an index column or expression");
    if (c.position() == first + 1) {  // a bare column name
      key.expression = head.kind == TokenKind::kQuotedIdent
                           ? model::FoldIdentifier(head.value, true)
                           : model::FoldIdentifier(head.text, false);
    } else {
      key.is_expression = true;
      key.expression = term.front() == '(' ? term.substr(1, term.size() - 2) : term;
    }
    // pg_catalog's collations ("C", "POSIX", …) print unqualified: the name is what counts.
    if (c.Accept("collate")) key.collation = c.Name("a collation").name;
    if (c.Peek().kind == TokenKind::kWord && !c.PeekIs("asc") && !c.PeekIs("desc") &&
        !c.PeekIs("nulls")) {
      key.opclass = c.Term("an operator class");
    }
    if (c.Accept("asc")) key.descending = false;
    if (c.Accept("desc")) key.descending = true;
    if (c.Accept({"nulls", "first"})) key.nulls_first = true;
    if (c.Accept({"nulls", "last"})) key.nulls_first = false;
    index.keys.push_back(std::move(key));
  } while (c.AcceptKind(TokenKind::kComma));
  c.ExpectKind(TokenKind::kRParen, "',' or ')'");
  if (c.Accept("include")) index.include = c.IdentifierList("column name");
  index.nulls_not_distinct = ParseNullsDistinct(c);
  if (c.Accept("with")) c.Parenthesized("storage parameters");
  if (c.Accept("tablespace")) c.Identifier("tablespace");
  if (c.Accept("where")) index.predicate = c.Rest();
  c.ExpectEnd();
  return index;
}

CreateEnum ParseCreateEnum(Cursor& c, ObjectName name) {
  CreateEnum e;
  e.name = std::move(name);
  c.Expect({"as", "enum"});
  c.ExpectKind(TokenKind::kLParen, "'('");
  if (c.Peek().kind != TokenKind::kRParen) {
    do {
      e.labels.push_back(c.StringLiteral("an enum label"));
    } while (c.AcceptKind(TokenKind::kComma));
  }
  c.ExpectKind(TokenKind::kRParen, "')'");
  c.ExpectEnd();
  return e;
}

AlterType ParseAlterType(Cursor& c) {
  AlterType t;
  t.name = c.Name("type name");
  if (c.Accept({"add", "value"})) {
    t.kind = AlterTypeKind::kAddValue;
    t.if_not_exists = c.Accept({"if", "not", "exists"});
    t.value = c.StringLiteral("an enum label");
    if (c.Accept("before")) t.before = c.StringLiteral("an enum label");
    if (c.Accept("after")) t.after = c.StringLiteral("an enum label");
  } else if (c.Accept({"rename", "value"})) {
    t.kind = AlterTypeKind::kRenameValue;
    t.value = c.StringLiteral("an enum label");
    c.Expect("to");
    t.new_value = c.StringLiteral("an enum label");
  } else if (c.Accept({"rename", "to"})) {
    t.kind = AlterTypeKind::kRenameTo;
    t.new_value = c.Identifier("type name");
  } else if (c.Accept({"set", "schema"})) {
    t.kind = AlterTypeKind::kSetSchema;
    t.new_value = c.Identifier("schema name");
  } else {
    t.kind = AlterTypeKind::kOther;  // OWNER TO, RENAME ATTRIBUTE, ...
    c.Rest();
  }
  c.ExpectEnd();
  return t;
}

DropObjects ParseDrop(Cursor& c) {
  DropObjects d;
  if (c.Accept("table")) {
    d.kind = DropKind::kTable;
  } else if (c.Accept("index")) {
    d.kind = DropKind::kIndex;
    d.concurrently = c.Accept("concurrently");
  } else if (c.Accept("type")) {
    d.kind = DropKind::kType;
  } else if (c.Accept({"materialized", "view"})) {
    d.kind = DropKind::kMaterializedView;
  } else if (c.Accept("view")) {
    d.kind = DropKind::kView;
  } else if (c.Accept("sequence")) {
    d.kind = DropKind::kSequence;
  } else if (c.Accept("schema")) {
    d.kind = DropKind::kSchema;
  } else if (c.Accept("extension")) {
    d.kind = DropKind::kExtension;
  } else if (c.Accept("function")) {
    d.kind = DropKind::kFunction;
  } else if (c.Accept("procedure")) {
    d.kind = DropKind::kProcedure;
  } else if (c.Accept("trigger")) {
    d.kind = DropKind::kTrigger;
  } else {
    c.Fail(fmt::format("DROP {} is not supported", c.Peek().text));
  }
  d.if_exists = c.Accept({"if", "exists"});
  do {
    d.names.push_back(c.Name("object name"));
    if (c.Peek().kind == TokenKind::kLParen) c.SkipParenthesized();
  } while (c.AcceptKind(TokenKind::kComma));
  if (d.kind == DropKind::kTrigger) {
    c.Expect("on");
    d.table = c.Name("table name");
  }
  d.cascade = c.Accept("cascade");
  c.Accept("restrict");
  c.ExpectEnd();
  return d;
}

CommentOn ParseComment(Cursor& c) {
  CommentOn comment;
  static constexpr std::string_view kTwoWordKinds[][2] = {{"materialized", "view"}};
  bool done = false;
  for (const auto& kind : kTwoWordKinds) {
    if (c.Accept({kind[0], kind[1]})) {
      comment.object_kind = std::string(kind[0]) + " " + std::string(kind[1]);
      done = true;
    }
  }
  if (!done) comment.object_kind = model::FoldIdentifier(c.Next().text, false);
  if (comment.object_kind == "column") {
    std::vector<std::string> parts{c.Identifier("table name")};
    while (c.AcceptKind(TokenKind::kDot)) parts.push_back(c.Identifier("column name"));
    if (parts.size() < 2 || parts.size() > 3) c.Fail("expected table.column");
    comment.column = parts.back();
    comment.name = parts.size() == 3 ? ObjectName{parts[0], parts[1]} : ObjectName{"", parts[0]};
  } else if (comment.object_kind == "constraint" || comment.object_kind == "trigger") {
    comment.column = c.Identifier("name");
    c.Expect("on");
    comment.name = c.Name("table name");
  } else {
    comment.name = c.Name("object name");
    if (c.Peek().kind == TokenKind::kLParen) c.SkipParenthesized();
  }
  c.Expect("is");
  if (!c.Accept("null")) comment.text = c.StringLiteral("a comment string");
  c.ExpectEnd();
  return comment;
}

DoBlock ParseDoBlock(Cursor& c) {
  DoBlock block;
  auto language = [&] {
    if (c.Accept("language")) block.language = c.Identifier("a language name");
  };
  language();
  const Token& body = c.Next();
  if (body.kind != TokenKind::kDollarString && body.kind != TokenKind::kString) {
    c.Fail("expected the DO block's body");
  }
  language();
  c.ExpectEnd();
  block.body = body.value;
  block.body_at = c.SpanOf(body);
  // Past the opening quote: $tag$, ' or E'.
  size_t quote =
      body.kind == TokenKind::kDollarString ? body.text.find('$', 1) + 1 : body.text.find('\'') + 1;
  block.body_at.column += static_cast<uint32_t>(quote);
  return block;
}

}  // namespace drift::parser::pgddl::internal
