// File: parse_internal.h
//
// The per-statement parsers behind ParseDdl(), one family per file. Each starts after
// the statement's leading keywords were accepted and fills its info struct; errors are
// thrown by the Cursor.
#pragma once

#include "parser/pgddl/cursor.h"
#include "parser/pgddl/statement.h"

namespace drift::parser::pgddl::internal {

// parse_table.cc
CreateTable ParseCreateTable(Cursor& c, bool unlogged, bool temporary);  // after TABLE
// The query after AS of CREATE VIEW / TABLE … AS, to the end less a trailing WITH [NO]
// DATA or WITH [CASCADED | LOCAL] CHECK OPTION, which do not change the definition.
std::string QueryBeforeTrailingOptions(Cursor& c);
AlterTable ParseAlterTable(Cursor& c);          // after ALTER TABLE
ConstraintDef ParseTableConstraint(Cursor& c);  // at CONSTRAINT / PRIMARY / UNIQUE / ...
bool AtTableConstraint(const Cursor& c);

// parse_other.cc
// [NULLS [NOT] DISTINCT] of a unique index or constraint (PostgreSQL 15): true for NOT.
bool ParseNullsDistinct(Cursor& c);
CreateIndex ParseCreateIndex(Cursor& c, bool unique);    // after INDEX
CreateEnum ParseCreateEnum(Cursor& c, ObjectName name);  // at AS ENUM
AlterType ParseAlterType(Cursor& c);                     // after ALTER TYPE
DropObjects ParseDrop(Cursor& c);                        // after DROP
CommentOn ParseComment(Cursor& c);                       // after COMMENT ON
DoBlock ParseDoBlock(Cursor& c);                         // after DO

// parse_routines.cc
CreateSequence ParseCreateSequence(Cursor& c);                   // after SEQUENCE
Statement::Body ParseAlterSequence(Cursor& c);                   // after ALTER SEQUENCE
RenameRelation ParseAlterRelation(Cursor& c, std::string kind);  // after ALTER INDEX/VIEW
CreateFunction ParseCreateFunction(Cursor& c, bool or_replace, bool procedure);  // after FUNCTION
CreateTrigger ParseCreateTrigger(Cursor& c, bool or_replace);                    // after TRIGGER
CreateView ParseCreateView(Cursor& c, bool or_replace, bool materialized);       // after VIEW

}  // namespace drift::parser::pgddl::internal
