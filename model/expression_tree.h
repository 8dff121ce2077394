// File: expression_tree.h (internal to model/)
//
// The typed expression tree behind CanonicalExpression and the view deparser: a
// tokenizer, a parser that types each node the way PostgreSQL's analyser would (so the
// implicit casts it inserts can be printed), and the printer in ruleutils' non-pretty
// form. Column references are resolved through a ColumnResolver, so the same parser
// serves bare columns of one table (checks, index keys) and qualified columns of several
// relations (views).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/expressions.h"

namespace drift::model::internal {

struct Piece {
  enum Kind { kWord, kQuoted, kString, kNumber, kPunct, kOperator } kind;
  std::string text;  // words lower-cased unless quoted; quoted: the exact name
};

// False on an unterminated quote or a character no SQL token starts with.
bool Tokenize(std::string_view s, std::vector<Piece>* out);

// Functions PostgreSQL declares on text only (lower, upper, ...): a varchar argument
// gets an implicit ::text.
bool IsTextFunction(std::string_view name);

// A parsed expression, typed the way PostgreSQL's analyser would type it.
struct Node {
  enum Kind {
    kColumn,
    kString,
    kNumber,
    kBool,
    kNull,
    kCall,
    kBinary,
    kBool2,
    kNot,
    kNullTest,
    kCast,
    kArray,
    kKeyword,    // CURRENT_DATE, CURRENT_TIMESTAMP: printed as `text`
    kStar,       // the * of count(*)
    kAnyArray,   // x = ANY (ARRAY[...]) from IN (...): kids[0] op ANY (kids[1..])
    kAnyOf,      // x = ANY (array): kids[0] `text` (kids[1]), text "= ANY" or "<> ALL" …
    kSubscript,  // kids[0][kids[1]]
    kCase        // WHEN kids[2i] THEN kids[2i+1] ..., ELSE the last kid when odd
  };
  Kind kind = kNull;
  // column: its printed form; literal value, operator, function name, cast type, "AND"/"OR"
  std::string text;
  std::vector<Node> kids;
  std::string type;  // canonical type, "" when unknown (an untyped literal or opaque call)
  bool explicit_cast = false;
  std::string column;     // kColumn: the column's own name (for output names)
  std::string over;       // kCall: a window clause as printed, "" for none
  bool distinct = false;  // kCall: an aggregate over DISTINCT arguments
};

// Where column references come from.
class ColumnResolver {
 public:
  virtual ~ColumnResolver() = default;
  // Column `name` ("*" for all) of relation `qualifier`, or of whichever relation has it
  // when `qualifier` is empty: fills the kColumn node's printed text, type and current
  // column name. False when there is none.
  virtual bool Resolve(std::string_view qualifier, std::string_view name, Node* column) const = 0;
  // A function the schema itself declares, called `name` with `argc` arguments: its
  // argument types and result type, canonical. False when there is none.
  virtual bool Routine(std::string_view name, size_t argc, std::vector<std::string>* arguments,
                       std::string* result) const {
    (void)name, (void)argc, (void)arguments, (void)result;
    return false;
  }
};

// The argument types of a routine's identity arguments as pg_get_function_identity_arguments
// prints them ("cond boolean, v anyelement" -> {"boolean", "anyelement"}).
std::vector<std::string> ArgumentTypes(std::string_view identity_arguments);

// The columns of one table by exact name; a trigger's `new.x` / `old.*` under
// "qualifier.name". Printed bare (or as `qualifier.name`).
class MapResolver : public ColumnResolver {
 public:
  explicit MapResolver(const ColumnTypes& columns) : columns_(columns) {}
  bool Resolve(std::string_view qualifier, std::string_view name, Node* column) const override;

 private:
  const ColumnTypes& columns_;
};

// Parses pieces [0, size) as one expression. False when they are not one expression
// the parser knows, or a column is not found.
bool ParseExpression(const std::vector<Piece>& pieces, const ColumnResolver& resolver, Node* out);

// True when PostgreSQL casts `from` to `to` with a function (numeric widening, between
// dates and timestamps), which ruleutils prints like a call; false for I/O and binary
// casts.
bool IsFunctionCast(const std::string& from, const std::string& to);

// As ruleutils prints it: operators and tests parenthesised. `indent` < 0: on one line
// (pg_get_expr); otherwise the indentation of the enclosing clause, for the multi-line
// layout pg_get_viewdef gives CASE.
std::string Print(const Node& n, int indent = -1);

}  // namespace drift::model::internal
