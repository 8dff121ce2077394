// CREATE TABLE and ALTER TABLE, with column and constraint definitions.
#include <fmt/format.h>

#include "parser/pgddl/parse_internal.h"

namespace drift::parser::pgddl::internal {
namespace {

// Words that end a type or a default expression inside a column definition.
#define DRIFT_COLUMN_STOP                                                                        \
  "not", "null", "default", "primary", "unique", "check", "references", "constraint", "collate", \
      "generated", "deferrable", "initially", "using"

model::FkAction ParseAction(Cursor& c) {
  if (c.Accept("cascade")) return model::FkAction::kCascade;
  if (c.Accept("restrict")) return model::FkAction::kRestrict;
  if (c.Accept({"set", "null"})) return model::FkAction::kSetNull;
  if (c.Accept({"set", "default"})) return model::FkAction::kSetDefault;
  c.Expect({"no", "action"});
  return model::FkAction::kNoAction;
}

// REFERENCES table [(cols)] [MATCH ...] [ON DELETE ...] [ON UPDATE ...]
void ParseReferences(Cursor& c, ConstraintDef& def) {
  def.kind = model::ConstraintKind::kForeignKey;
  def.ref_table = c.Name("referenced table");
  if (c.Peek().kind == TokenKind::kLParen) def.ref_columns = c.IdentifierList("column name");
  while (true) {
    if (c.Accept("match")) {
      if (c.Accept("full")) {
        def.match = model::FkMatch::kFull;
      } else if (c.Accept("partial")) {
        def.match = model::FkMatch::kPartial;
      } else {
        c.Expect("simple");
      }
    } else if (c.Accept({"on", "delete"})) {
      def.on_delete = ParseAction(c);
    } else if (c.Accept({"on", "update"})) {
      def.on_update = ParseAction(c);
    } else {
      break;
    }
  }
}

// DEFERRABLE, NOT DEFERRABLE, INITIALLY ..., NOT VALID, NO INHERIT after a constraint.
void ParseConstraintAttributes(Cursor& c, ConstraintDef& def) {
  while (true) {
    if (c.Accept("deferrable")) {
      def.deferrable = true;
    } else if (c.Accept({"not", "deferrable"})) {
      def.deferrable = false;
    } else if (c.Accept({"initially", "deferred"})) {
      def.initially_deferred = true;
    } else if (c.Accept({"initially", "immediate"})) {
      def.initially_deferred = false;
    } else if (c.Accept({"not", "valid"})) {
      def.not_valid = true;
    } else if (c.Accept({"no", "inherit"})) {
      def.no_inherit = true;
    } else {
      return;
    }
  }
}

void SkipIndexParameters(Cursor& c) {
  while (true) {
    if (c.Accept("include")) {
      c.IdentifierList("column name");
    } else if (c.Accept("with")) {
      c.Parenthesized("storage parameters");
    } else if (c.Accept({"using", "index", "tablespace"})) {
      c.Identifier("tablespace");
    } else {
      return;
    }
  }
}

ColumnDef ParseColumnDef(Cursor& c) {
  ColumnDef col;
  col.name = c.Identifier("column name");
  col.type = c.TextUntil({DRIFT_COLUMN_STOP}, "a type");
  while (!c.AtEnd() && c.Peek().kind != TokenKind::kComma && c.Peek().kind != TokenKind::kRParen) {
    std::optional<std::string> name;
    if (c.Accept("constraint")) name = c.Identifier("constraint name");
    if (c.Accept({"not", "null"})) {
      col.not_null = true;
    } else if (c.Accept("null")) {
      col.not_null = false;
    } else if (c.Accept("default")) {
      col.default_expr = c.TextUntil({DRIFT_COLUMN_STOP}, "a default expression");
    } else if (c.Accept("collate")) {
      col.collation = c.Identifier("collation");
    } else if (c.Accept("generated")) {
      if (c.Accept("always")) {
        if (c.Accept("as")) {
          if (c.Accept("identity")) {
            col.identity = model::Identity::kAlways;
            if (c.Peek().kind == TokenKind::kLParen) c.Parenthesized("sequence options");
          } else {
            col.generated = c.Parenthesized("a generation expression");
            // VIRTUAL, and no keyword (VIRTUAL is the default), are PostgreSQL 18's.
            if (!c.Accept("stored")) {
              col.generated_virtual = true;
              if (!c.AcceptNewer(18, "VIRTUAL generated columns", {"virtual"}))
                c.NoteNewer(18, "generated columns without STORED");
            }
          }
        }
      } else {
        c.Expect({"by", "default", "as", "identity"});
        col.identity = model::Identity::kByDefault;
        if (c.Peek().kind == TokenKind::kLParen) c.Parenthesized("sequence options");
      }
    } else {
      ConstraintDef def;
      def.name = name;
      if (c.Accept({"primary", "key"})) {
        def.kind = model::ConstraintKind::kPrimaryKey;
        SkipIndexParameters(c);
      } else if (c.Accept("unique")) {
        def.kind = model::ConstraintKind::kUnique;
        def.nulls_not_distinct = ParseNullsDistinct(c);
        SkipIndexParameters(c);
      } else if (c.Accept("check")) {
        def.kind = model::ConstraintKind::kCheck;
        def.expression = c.Parenthesized("a check expression");
      } else if (c.Accept("references")) {
        ParseReferences(c, def);
      } else {
        c.Fail(
            fmt::format("unexpected '{}' in the definition of column {}", c.Peek().text, col.name));
      }
      ParseConstraintAttributes(c, def);
      col.constraints.push_back(std::move(def));
    }
  }
  return col;
}

}  // namespace

bool AtTableConstraint(const Cursor& c) {
  return c.PeekIs("constraint") || (c.PeekIs("primary") && c.PeekIs("key", 1)) ||
         c.PeekIs("unique") || c.PeekIs("check") || (c.PeekIs("foreign") && c.PeekIs("key", 1)) ||
         // EXCLUDE is not reserved: `exclude boolean` is a column.
         (c.PeekIs("exclude") && (c.PeekIs("using", 1) || c.Peek(1).kind == TokenKind::kLParen));
}

ConstraintDef ParseTableConstraint(Cursor& c) {
  ConstraintDef def;
  if (c.Accept("constraint")) def.name = c.Identifier("constraint name");
  if (c.Accept({"primary", "key"})) {
    def.kind = model::ConstraintKind::kPrimaryKey;
    if (c.Accept({"using", "index"})) {
      def.using_index = c.Identifier("index name");
    } else {
      def.columns = c.IdentifierList("column name");
      SkipIndexParameters(c);
    }
  } else if (c.Accept("unique")) {
    def.kind = model::ConstraintKind::kUnique;
    def.nulls_not_distinct = ParseNullsDistinct(c);
    if (c.Accept({"using", "index"})) {
      def.using_index = c.Identifier("index name");
    } else {
      def.columns = c.IdentifierList("column name");
      SkipIndexParameters(c);
    }
  } else if (c.Accept("check")) {
    def.kind = model::ConstraintKind::kCheck;
    def.expression = c.Parenthesized("a check expression");
  } else if (c.Accept({"foreign", "key"})) {
    def.columns = c.IdentifierList("column name");
    c.Expect("references");
    ParseReferences(c, def);
  } else if (c.Accept("exclude")) {
    def.kind = model::ConstraintKind::kExclusion;
    def.expression = c.TextUntil({"deferrable", "initially", "not"}, "an exclusion definition");
  } else {
    c.Fail("expected PRIMARY KEY, UNIQUE, CHECK, FOREIGN KEY or EXCLUDE");
  }
  ParseConstraintAttributes(c, def);
  return def;
}

namespace {

// `(a, b) AS`: the column names of CREATE TABLE … AS, not column definitions.
bool IsColumnNameList(const Cursor& c) {
  if (c.Peek().kind != TokenKind::kLParen) return false;
  size_t i = 1;
  while (c.Peek(i).kind == TokenKind::kWord || c.Peek(i).kind == TokenKind::kQuotedIdent) {
    if (c.Peek(i + 1).kind == TokenKind::kRParen)
      return c.PeekIs("as", i + 2) || c.PeekIs("with", i + 2);
    if (c.Peek(i + 1).kind != TokenKind::kComma) return false;
    i += 2;
  }
  return false;
}

}  // namespace

std::string QueryBeforeTrailingOptions(Cursor& c) {
  size_t first = c.position(), last = first;
  while (!c.AtEnd()) {
    bool data = c.PeekIs("data", 1) || (c.PeekIs("no", 1) && c.PeekIs("data", 2));
    bool check = c.PeekIs("check", 1) ||
                 ((c.PeekIs("cascaded", 1) || c.PeekIs("local", 1)) && c.PeekIs("check", 2));
    if (c.PeekIs("with") && (data || check)) {
      c.Rest();
      break;
    }
    c.Next();
    last = c.position();
  }
  return last > first ? c.Slice(first, last) : "";
}

CreateTable ParseCreateTable(Cursor& c, bool unlogged, bool temporary) {
  CreateTable t;
  t.unlogged = unlogged;
  t.temporary = temporary;
  t.if_not_exists = c.Accept({"if", "not", "exists"});
  t.name = c.Name("table name");
  if (c.Accept({"partition", "of"})) {
    t.partition_of = c.Name("parent table");
    if (c.Peek().kind == TokenKind::kLParen) c.Parenthesized("partition column options");
    t.partition_bound = c.TextUntil({"partition", "using", "tablespace"}, "FOR VALUES or DEFAULT");
  } else if (c.PeekIs("as") || IsColumnNameList(c) || (c.PeekIs("on") && c.PeekIs("commit", 1)) ||
             (c.PeekIs("with") && c.Peek(1).kind == TokenKind::kLParen)) {
    if (IsColumnNameList(c)) t.query_columns = c.IdentifierList("column names");
    if (c.Accept("with")) c.Parenthesized("storage parameters");
    if (c.Accept({"on", "commit"})) {
      if (!c.Accept("drop") && !c.Accept({"delete", "rows"})) c.Expect({"preserve", "rows"});
    }
    if (c.Accept("tablespace")) c.Identifier("tablespace");
    c.Expect("as");
    t.as_select = true;
    // AS TABLE / AS VALUES / AS EXECUTE: columns replay does not work out (query empty).
    if (c.PeekIs("select") || c.PeekIs("with") || c.Peek().kind == TokenKind::kLParen) {
      t.query = QueryBeforeTrailingOptions(c);
    } else {
      c.Rest();
    }
    return t;
  } else {
    c.ExpectKind(TokenKind::kLParen, "'(' or PARTITION OF");
    t.columns.reserve(16);  // a typical Prisma table, without regrowing
    if (c.Peek().kind != TokenKind::kRParen) {
      do {
        if (AtTableConstraint(c)) {
          t.constraints.push_back(ParseTableConstraint(c));
        } else if (c.Accept("like")) {
          LikeClause like;
          like.source = c.Name("table to copy");
          like.at = t.columns.size();
          while (c.PeekIs("including") || c.PeekIs("excluding")) {
            bool on = c.Accept("including");
            if (!on) c.Accept("excluding");
            std::string option = c.Identifier("a LIKE option");
            bool all = option == "all";
            if (all || option == "defaults") like.defaults = on;
            if (all || option == "constraints") like.constraints = on;
            if (all || option == "indexes") like.indexes = on;
            if (all || option == "comments") like.comments = on;
            if (all || option == "identity") like.identity = on;
            if (all || option == "generated") like.generated = on;
          }
          t.likes.push_back(std::move(like));
        } else {
          t.columns.push_back(ParseColumnDef(c));
        }
      } while (c.AcceptKind(TokenKind::kComma));
    }
    c.ExpectKind(TokenKind::kRParen, "',' or ')'");
  }
  if (c.Accept({"partition", "by"}))
    t.partition_key = c.TextUntil({"using", "with", "tablespace"}, "a partition key");
  if (c.Accept({"on", "commit"})) c.Rest();
  if (c.Accept("with")) c.Parenthesized("storage parameters");
  if (c.Accept("tablespace")) c.Identifier("tablespace");
  c.ExpectEnd();
  return t;
}

namespace {

AlterAction ParseAlterColumn(Cursor& c) {
  AlterAction a;
  a.column = c.Identifier("column name");
  if (c.Accept({"set", "data", "type"}) || c.Accept("type")) {
    a.kind = AlterKind::kAlterColumnType;
    a.type = c.TextUntil({"using", "collate"}, "a type");
    if (c.Accept("collate")) c.Identifier("collation");
    if (c.Accept("using")) a.expression = c.TextUntil({}, "a USING expression");
  } else if (c.Accept({"set", "default"})) {
    a.kind = AlterKind::kSetDefault;
    a.expression = c.TextUntil({}, "a default expression");
  } else if (c.Accept({"drop", "default"})) {
    a.kind = AlterKind::kDropDefault;
  } else if (c.Accept({"set", "not", "null"})) {
    a.kind = AlterKind::kSetNotNull;
  } else if (c.Accept({"drop", "not", "null"})) {
    a.kind = AlterKind::kDropNotNull;
  } else if (c.Accept({"add", "generated"})) {
    a.kind = AlterKind::kAddIdentity;
    if (c.Accept("always")) {
      a.identity = model::Identity::kAlways;
    } else {
      c.Expect({"by", "default"});
      a.identity = model::Identity::kByDefault;
    }
    c.Expect({"as", "identity"});
    if (c.Peek().kind == TokenKind::kLParen) c.Parenthesized("sequence options");
  } else if (c.Accept({"drop", "identity"})) {
    a.kind = AlterKind::kDropIdentity;
    a.if_exists = c.Accept({"if", "exists"});
  } else if (c.Accept("set") || c.Accept("reset")) {
    a.kind = AlterKind::kNoModelEffect;  // SET STATISTICS / STORAGE / (options)
    c.TextUntil({}, "a column option");
  } else {
    c.Fail("expected TYPE, SET, DROP or ADD GENERATED after ALTER COLUMN");
  }
  return a;
}

AlterAction ParseAlterAction(Cursor& c) {
  AlterAction a;
  if (c.Accept("add")) {
    if (AtTableConstraint(c)) {
      a.kind = AlterKind::kAddConstraint;
      a.constraint = ParseTableConstraint(c);
      return a;
    }
    c.Accept("column");
    a.kind = AlterKind::kAddColumn;
    a.if_not_exists = c.Accept({"if", "not", "exists"});
    a.column_def = ParseColumnDef(c);
    return a;
  }
  if (c.Accept("drop")) {
    if (c.Accept("constraint")) {
      a.kind = AlterKind::kDropConstraint;
      a.if_exists = c.Accept({"if", "exists"});
      a.column = c.Identifier("constraint name");
    } else {
      c.Accept("column");
      a.kind = AlterKind::kDropColumn;
      a.if_exists = c.Accept({"if", "exists"});
      a.column = c.Identifier("column name");
    }
    a.cascade = c.Accept("cascade");
    c.Accept("restrict");
    return a;
  }
  if (c.Accept("alter")) {
    c.Accept("column");
    return ParseAlterColumn(c);
  }
  if (c.Accept("rename")) {
    if (c.Accept("constraint")) {
      a.kind = AlterKind::kRenameConstraint;
      a.column = c.Identifier("constraint name");
    } else if (c.Accept("to")) {
      a.kind = AlterKind::kRenameTable;
      a.new_name = c.Identifier("table name");
      return a;
    } else {
      c.Accept("column");
      a.kind = AlterKind::kRenameColumn;
      a.column = c.Identifier("column name");
    }
    c.Expect("to");
    a.new_name = c.Identifier("new name");
    return a;
  }
  if (c.Accept({"validate", "constraint"})) {
    a.kind = AlterKind::kValidateConstraint;
    a.column = c.Identifier("constraint name");
    return a;
  }
  if (c.Accept({"set", "schema"})) {
    a.kind = AlterKind::kSetSchema;
    a.new_name = c.Identifier("schema name");
    return a;
  }
  if (c.Accept({"attach", "partition"})) {
    a.kind = AlterKind::kAttachPartition;
    a.partition = c.Name("partition");
    a.partition_bound = c.TextUntil({}, "FOR VALUES or DEFAULT");
    return a;
  }
  if (c.Accept({"detach", "partition"})) {
    a.kind = AlterKind::kDetachPartition;
    a.partition = c.Name("partition");
    c.Accept("concurrently");
    c.Accept("finalize");
    return a;
  }
  // ENABLE/DISABLE TRIGGER, OWNER TO, ENABLE ROW LEVEL SECURITY, SET (...), ...
  static constexpr std::string_view kNoEffect[] = {"enable",  "disable", "owner", "force",
                                                   "no",      "set",     "reset", "cluster",
                                                   "replica", "inherit", "of",    "not"};
  for (std::string_view k : kNoEffect) {
    if (c.PeekIs(k)) {
      a.kind = AlterKind::kNoModelEffect;
      c.TextUntil({}, "an ALTER TABLE action");
      return a;
    }
  }
  c.Fail(fmt::format("unknown ALTER TABLE action '{}'", c.Peek().text));
}

}  // namespace

AlterTable ParseAlterTable(Cursor& c) {
  AlterTable t;
  t.if_exists = c.Accept({"if", "exists"});
  c.Accept("only");
  t.name = c.Name("table name");
  c.AcceptKind(TokenKind::kOperator);  // ONLY name * (descendants marker)
  do {
    t.actions.push_back(ParseAlterAction(c));
  } while (c.AcceptKind(TokenKind::kComma));
  c.ExpectEnd();
  return t;
}

}  // namespace drift::parser::pgddl::internal
