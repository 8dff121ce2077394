// File: state_log.h
//
// Steps a replayed state back to an earlier statement boundary without replaying
// anything. Before each statement runs, the objects it may change — the scope replay
// declares for it (model::Touched), widened to everything those objects hang on — are
// copied; putting the copies back in reverse order turns the state after the last
// statement into the state after any earlier one. The copies are usually one table, so
// keeping them costs little beside replay; what no longer matters is forgotten.
//
// Example:
//   log.Record(q, replayer.schema(), Replayer::TouchedBy(s), lookups);   // before statement q
//   ... replay the statement ...
//   log.StepBack(state, q, p);   // the state after statement q -> after statement p
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <set>
#include <vector>

#include "model/schema.h"
#include "model/touched.h"

namespace drift::engine {

class StateLog {
 public:
  // How Record() finds what a statement reaches without scanning the whole state: a
  // table by name, and the tables whose foreign keys may name a table (a superset will do).
  struct Lookups {
    std::function<const model::Table*(const model::QualifiedName&)> table;
    std::function<const std::set<model::QualifiedName>&(const model::QualifiedName&)> referrers;
  };

  // Before statement `position` (1-based, over the whole history) runs on `state`.
  void Record(int64_t position, const model::Schema& state, const model::Touched& touched,
              const Lookups& lookups);
  // Drops the copies of statements 1..`through`: boundaries before `through` can no
  // longer be stepped back to.
  void Forget(int64_t through);
  // `state` is the state after statement `from`; steps it back to the boundary after
  // statement `to` (0: before the first). REQUIRES: to <= from <= the last recorded
  // statement, and nothing after `to` forgotten.
  void StepBack(model::Schema& state, int64_t from, int64_t to) const;

  size_t size() const { return entries_.size(); }

 private:
  // Objects other than tables and what hangs on them, whole.
  struct Globals {
    std::vector<model::Namespace> namespaces;
    std::vector<model::Extension> extensions;
    std::vector<model::EnumType> enums;
    std::vector<model::Sequence> sequences;
    std::vector<model::View> views;
    std::vector<model::Function> functions;
  };
  struct Entry {
    int64_t position = 0;
    std::optional<model::Schema> whole;  // the statement's reach cannot be told
    // The tables in reach (present or not before the statement) and copies of those
    // that were present, with their indexes and triggers.
    std::set<model::QualifiedName> tables;
    std::vector<model::Table> table_copies;
    std::vector<model::Index> index_copies;
    std::vector<model::Trigger> trigger_copies;
    std::set<model::QualifiedName> enums;  // enums named, and copies of those present
    std::vector<model::EnumType> enum_copies;
    std::optional<Globals> globals;  // every global object
    std::optional<std::vector<model::View>> views;
    std::optional<std::vector<model::Sequence>> sequences;
  };
  static void Restore(const Entry& e, model::Schema& state);

  std::deque<Entry> entries_;
};

}  // namespace drift::engine
