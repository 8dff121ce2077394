#include "engine/state_log.h"

#include <algorithm>

namespace drift::engine {
namespace {

model::QualifiedName TableOf(const model::Index& i) { return {i.name.schema, i.table}; }

template <typename T, typename Pred>
void EraseIf(std::vector<T>& items, Pred pred) {
  items.erase(std::remove_if(items.begin(), items.end(), pred), items.end());
}

}  // namespace

void StateLog::Record(int64_t position, const model::Schema& state, const model::Touched& touched,
                      const Lookups& lookups) {
  Entry e;
  e.position = position;
  if (touched.all) {
    e.whole = state;
    entries_.push_back(std::move(e));
    return;
  }
  e.tables.insert(touched.tables.begin(), touched.tables.end());
  for (const model::QualifiedName& name : touched.indexes) {
    for (const model::Index& i : state.indexes) {
      if (i.name == name) e.tables.insert(TableOf(i));
    }
  }
  if (touched.views) {
    // Renames and drops: foreign keys elsewhere that name these tables change with them.
    for (const model::QualifiedName& name : std::set<model::QualifiedName>(e.tables)) {
      const std::set<model::QualifiedName>& referrers = lookups.referrers(name);
      e.tables.insert(referrers.begin(), referrers.end());
    }
  }
  if (!e.tables.empty()) {
    auto in_scope = [&](const std::string& schema, const std::string& table) {
      for (const model::QualifiedName& t : e.tables) {
        if (t.name == table && t.schema == schema) return true;
      }
      return false;
    };
    for (const model::QualifiedName& name : e.tables) {
      if (const model::Table* t = lookups.table(name)) e.table_copies.push_back(*t);
    }
    for (const model::Index& i : state.indexes) {
      if (in_scope(i.name.schema, i.table)) e.index_copies.push_back(i);
    }
    for (const model::Trigger& t : state.triggers) {
      if (in_scope(t.table.schema, t.table.name)) e.trigger_copies.push_back(t);
    }
  }
  if (touched.globals) {
    e.globals = Globals{state.namespaces, state.extensions, state.enums,
                        state.sequences,  state.views,      state.functions};
  } else {
    e.enums = touched.enums;
    for (const model::EnumType& t : state.enums) {
      if (e.enums.contains(t.name)) e.enum_copies.push_back(t);
    }
    // A table's sequences go with it, and its views follow renames and drops.
    if (touched.views) {
      e.views = state.views;
      e.sequences = state.sequences;
    }
  }
  entries_.push_back(std::move(e));
}

void StateLog::Forget(int64_t through) {
  while (!entries_.empty() && entries_.front().position <= through) entries_.pop_front();
}

void StateLog::Restore(const Entry& e, model::Schema& state) {
  if (e.whole) {
    state = *e.whole;
    return;
  }
  if (!e.tables.empty()) {
    EraseIf(state.tables, [&](const model::Table& t) { return e.tables.contains(t.name); });
    EraseIf(state.indexes, [&](const model::Index& i) { return e.tables.contains(TableOf(i)); });
    EraseIf(state.triggers, [&](const model::Trigger& t) { return e.tables.contains(t.table); });
    state.tables.insert(state.tables.end(), e.table_copies.begin(), e.table_copies.end());
    state.indexes.insert(state.indexes.end(), e.index_copies.begin(), e.index_copies.end());
    state.triggers.insert(state.triggers.end(), e.trigger_copies.begin(), e.trigger_copies.end());
  }
  if (e.globals) {
    state.namespaces = e.globals->namespaces;
    state.extensions = e.globals->extensions;
    state.enums = e.globals->enums;
    state.sequences = e.globals->sequences;
    state.views = e.globals->views;
    state.functions = e.globals->functions;
    return;
  }
  if (!e.enums.empty()) {
    EraseIf(state.enums, [&](const model::EnumType& t) { return e.enums.contains(t.name); });
    state.enums.insert(state.enums.end(), e.enum_copies.begin(), e.enum_copies.end());
  }
  if (e.views) state.views = *e.views;
  if (e.sequences) state.sequences = *e.sequences;
}

void StateLog::StepBack(model::Schema& state, int64_t from, int64_t to) const {
  for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
    if (it->position <= to) break;
    if (it->position <= from) Restore(*it, state);
  }
}

}  // namespace drift::engine
