// File: plpgsql.h
//
// The PL/pgSQL that migrations put in DO blocks, as a tree replay can run: blocks with
// DECLARE and EXCEPTION handlers, IF/ELSIF/ELSE, loops, the statements that only touch
// variables or data (assignments, RAISE, PERFORM, SELECT … INTO, GET DIAGNOSTICS,
// COMMIT, NULL), EXECUTE of a constant string, and SQL statements, which replay applies
// as if they stood at the top level. Conditions stay tokens: replay evaluates them on
// its catalog when it gets there (replay_do.cc).
//
// Example:
//   SourceFile body{"", "BEGIN IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'e')"
//                       " THEN CREATE TYPE e AS ENUM ('a'); END IF; END"};
//   plpgsql::Parsed p = plpgsql::Parse(body);  // one block: one IF with one SQL statement
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "parser/pgddl/token.h"
#include "parser/source.h"

namespace drift::parser::pgddl::plpgsql {

struct Stmt;
using Stmts = std::vector<Stmt>;

// IF/ELSIF condition and the statements it guards.
struct Branch {
  std::vector<Token> condition;
  Stmts body;
};

// EXCEPTION WHEN a OR b THEN …
struct Handler {
  std::vector<std::string> conditions;  // lower-case names, or SQLSTATE codes
  Stmts body;
};

struct Stmt {
  enum class Kind : uint8_t {
    kSql,      // `sql` applied as a top-level statement
    kIf,       // `branches` in order, then `otherwise`
    kBlock,    // `body`, with `handlers`
    kLoop,     // `body` repeated an unknown number of times
    kNothing,  // no effect on the schema
    kRaise,    // RAISE [EXCEPTION] '…': an error, `sql` its message
    kPerform,  // PERFORM …: sets FOUND; `query` is the query after PERFORM
  };
  Kind kind = Kind::kNothing;
  uint32_t begin = 0;  // byte range in the body text
  uint32_t end = 0;
  std::string sql;          // kSql: the statement (an EXECUTE's string, or the source text)
  uint32_t sql_offset = 0;  // where `sql` starts in the body (0 for an EXECUTE's string)
  std::vector<Token> query;  // kPerform
  std::vector<Branch> branches;
  Stmts otherwise;
  Stmts body;
  std::vector<Handler> handlers;
};

struct Parsed {
  Stmts statements;  // one kBlock on success
  // When the code is not understood: what, and where (byte offset in the body).
  std::string error;
  uint32_t error_offset = 0;
};

// REQUIRES: `body` outlives the result (conditions' tokens point into it).
Parsed Parse(const SourceFile& body);

}  // namespace drift::parser::pgddl::plpgsql
