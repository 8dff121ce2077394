// File: probes.h
//
// Will it fail on this data? For statements that can fail on existing rows — a NOT NULL
// column added without a default (FAIL001), SET NOT NULL over NULLs (FAIL002), a unique
// index or constraint over duplicates (FAIL003), a foreign key over orphans (FAIL004), a
// CHECK over violating rows (FAIL006), a varchar shortened below its longest value
// (FAIL007), a primary key over NULLs (FAIL008) — a read-only, bounded query whose rows
// are the evidence, one offending key each, at most kProbeLimit read. The CLI runs them
// with introspect::RunProbes (one READ ONLY transaction, timeouts) and hands the answers
// to ApplyProbeAnswers.
//
// Only tables that exist before the pending range hold rows; a probe is approximate when
// an earlier pending statement changed its table, and "not checked" when it cannot run on
// today's schema.
#pragma once

#include <string>
#include <vector>

#include "model/schema.h"
#include "parser/pgddl/statement.h"

namespace drift::audit {

inline constexpr int kProbeLimit = 1001;  // rows read at most: "over 1000"

struct Probe {
  std::string rule;      // "FAIL002"
  std::string sqlstate;  // what the server raises when it fails: "23502"
  std::string failure;   // its message
  std::string what;      // what a row of the answer is: "a row where \"qty\" is NULL"
  std::string sql;       // SELECT <key>::text FROM … LIMIT 1001
  model::QualifiedName table;
};

// The probes of `statement`; `before` is the state just before it, `existing` the state
// before the pending range (whose tables hold the live rows).
std::vector<Probe> ProbesOf(const parser::pgddl::Statement& statement, const model::Schema& before,
                            const model::Schema& existing);

struct ProbeAnswer {
  bool ran = false;               // false: the query failed; `error` says why
  std::vector<std::string> keys;  // the offending keys read (at most kProbeLimit)
  std::string error;
};

}  // namespace drift::audit
