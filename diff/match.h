// File: match.h
//
// Which state of a migration history does a live database match? The matcher keeps a
// fingerprint of every object of the replayed state and a running count of objects whose
// fingerprint differs from the live catalog's. After each statement the caller says
// which tables (or which kinds of object) the statement may have touched; only those
// are fingerprinted again. The cost is linear in statements plus live objects, never
// one full comparison per migration; a full Diff() is made once, for the answer.
//
// Example:
//   Matcher m(live, {});
//   for each migration: for each statement: replay it; m.Observe(state, touched, is_data);
//                      m.EndMigration();
//   MatchResult r = m.Result();
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "diff/change_set.h"
#include "model/schema.h"
#include "model/touched.h"

namespace drift::diff {

using model::Touched;

struct MatchOptions {
  std::vector<std::string> schemas;  // compare only these namespaces; empty: all
  bool strict = false;               // count unmanaged live objects as drift
  // After every statement, also fingerprint the whole state from scratch and count where
  // it differs from the incremental fingerprints (MatchResult::rescan_differences). For
  // tests: it makes matching quadratic.
  bool verify_incremental = false;
};

struct MatchResult {
  int index = 0;              // matched state: 0 = before the first migration, k = after k
  int distance = 0;           // mismatched objects at that state (unmanaged ones excluded)
  bool exact = false;         // distance == 0
  std::vector<int> tied;      // every state with the same distance, when more than one
  bool tie_has_data = false;  // the tied migrations contain data statements
  bool ambiguous = false;     // tied states that are not a no-op range, or have data
  // The live database is inside migration `partial_migration` (1-based): after
  // `partial_statements` of its `partial_total` statements.
  int partial_migration = 0;
  int partial_statements = 0;
  int partial_total = 0;
  std::set<std::string> unmanaged;  // keys of live objects no state ever had
  int64_t fingerprints = 0;         // objects fingerprinted (the cost, for tests)
  // With MatchOptions::verify_incremental: keys whose incremental fingerprint differed
  // from a full rescan, summed over every statement (0 when the touched scopes are right).
  int64_t rescan_differences = 0;
};

class Matcher {
 public:
  // `live` must stay alive while the matcher is used. Observes the empty state first.
  Matcher(const model::Schema& live, const MatchOptions& options);

  // After a statement: `state` is the replayed model now.
  void Observe(const model::Schema& state, const Touched& touched, bool data_statement);
  // After the last statement of a migration.
  void EndMigration();

  MatchResult Result() const;

  // Where an object last changed in the replayed history: migration and statement, both
  // 1-based. Empty for objects no statement has changed.
  struct Origin {
    int migration = 0;
    int statement = 0;
  };
  std::optional<Origin> LastChange(const std::string& key) const;
  // Every object's last change so far, by key (a copy keeps them as of a point).
  const std::unordered_map<std::string, Origin>& last_changes() const { return last_change_; }

  // Tables of the replayed state that have (or had) a foreign key to `table`: a
  // superset, kept as the statements are observed.
  const std::set<model::QualifiedName>& ReferrersOf(const model::QualifiedName& table) const;

  // Objects of the replayed state that differ from the live catalog right now (unmanaged
  // live objects included): the state at a boundary with the fewest is the best match.
  int64_t mismatches() const { return mismatches_; }

  // The key under which an object is fingerprinted, e.g. "column public.User.email".
  // Exposed for reports and tests.
  static std::string TableKey(const model::QualifiedName& t);
  // The key of the object a difference is about.
  static std::string KeyOf(const Difference& d);

 private:
  struct Entry {
    uint64_t print;
    std::string owner;  // table key for objects on a table, "" for top-level ones
    ObjectKind kind;
    bool unverified = false;  // content not known: neither a match nor a mismatch
  };
  using Prints = std::unordered_map<std::string, Entry>;

  // The table whose column owns `q` (OWNED BY), if any: the sequence is fingerprinted
  // with that table.
  static std::optional<model::QualifiedName> OwningTable(const model::Sequence& q);
  const model::Table* StateTable(const model::Schema& s, const model::QualifiedName& name);
  void Fingerprint(const model::Schema& s, const Touched& touched, Prints& prints, bool count);
  void Set(const std::string& key, const Entry* entry);  // entry null: remove
  bool InScope(const std::string& schema) const;
  // Objects a `globals` statement refingerprints: all but tables and what hangs on them
  // (owned sequences included).
  static bool IsGlobal(const Entry& entry);
  int Mismatch(const std::string& key) const;

  const MatchOptions options_;
  Prints live_;
  Prints state_;
  std::unordered_map<std::string, std::vector<std::string>> live_by_owner_;  // table -> keys
  std::unordered_map<std::string, std::set<std::string>> by_owner_;  // owner -> keys in state_
  std::set<std::string> ever_;                                       // keys the state ever had
  std::map<std::string, ObjectKind> globals_;                        // keys in state_ with IsGlobal
  std::map<model::QualifiedName, size_t> table_positions_;           // in the replayed state
  std::unordered_map<std::string, model::QualifiedName> table_names_;  // table key -> name
  // table key -> tables with a foreign key to it (may name tables since changed)
  std::unordered_map<std::string, std::set<model::QualifiedName>> referrers_;
  std::unordered_map<std::string, Origin> last_change_;  // key -> its last statement
  bool observing_ = false;  // inside Observe(): changes are a statement's
  int64_t mismatches_ = 0;
  int64_t fingerprints_ = 0;
  int64_t rescan_differences_ = 0;
  bool changed_ = false;  // something changed since the last boundary

  struct Boundary {
    int migration;  // migrations completed before this point
    int statement;  // statements of the next migration applied (0 at a migration end)
    int64_t mismatches;
    bool changed;  // the state changed since the previous migration end
    bool data;     // the migration ending here ran data statements
  };
  std::vector<Boundary> boundaries_;
  int migration_ = 0;
  int statement_ = 0;
  bool migration_changed_ = false;
  bool migration_data_ = false;
};

}  // namespace drift::diff
