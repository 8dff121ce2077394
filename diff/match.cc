#include "diff/match.h"

#include <algorithm>

#include "diff/describe.h"
#include "diff/unverified.h"
#include "model/identifiers.h"

namespace drift::diff {
namespace {

// FNV-1a over the properties: cheap, stable, enough to tell states apart.
uint64_t Hash(const Properties& properties) {
  uint64_t h = 1469598103934665603ULL;
  auto mix = [&](const std::string& s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ULL;
    }
    h ^= 0xff;
    h *= 1099511628211ULL;
  };
  for (const auto& [property, value] : properties) {
    h ^= static_cast<uint8_t>(property);
    h *= 1099511628211ULL;
    mix(value);
  }
  return h;
}

}  // namespace

std::optional<model::QualifiedName> Matcher::OwningTable(const model::Sequence& q) {
  // `table.column`, or `schema.table.column` in another schema, quoted as needed.
  size_t last_dot = std::string::npos;
  int dots = 0;
  bool quoted = false;
  for (size_t i = 0; i < q.owned_by.size(); ++i) {
    if (q.owned_by[i] == '"') quoted = !quoted;
    if (q.owned_by[i] == '.' && !quoted) {
      last_dot = i;
      ++dots;
    }
  }
  model::QualifiedName table;
  if (last_dot == std::string::npos ||
      !model::ParseQualifiedName(std::string_view(q.owned_by).substr(0, last_dot), &table)) {
    return std::nullopt;
  }
  if (dots == 1) table.schema = q.name.schema;
  return table;
}

// Tables by name in the replayed state through remembered positions: checked on use;
// a new table is looked for at the end (replay appends); anything else re-reads them.
const model::Table* Matcher::StateTable(const model::Schema& s, const model::QualifiedName& name) {
  auto valid = [&](size_t i) { return i < s.tables.size() && s.tables[i].name == name; };
  if (auto it = table_positions_.find(name); it != table_positions_.end() && valid(it->second)) {
    return &s.tables[it->second];
  }
  if (!s.tables.empty() && valid(s.tables.size() - 1)) {
    table_positions_[name] = s.tables.size() - 1;
    return &s.tables.back();
  }
  table_positions_.clear();
  for (size_t i = 0; i < s.tables.size(); ++i) table_positions_[s.tables[i].name] = i;
  auto it = table_positions_.find(name);
  return it == table_positions_.end() ? nullptr : &s.tables[it->second];
}

std::string Matcher::TableKey(const model::QualifiedName& t) {
  return ObjectKey(ObjectKind::kTable, Path(t));
}

std::string Matcher::KeyOf(const Difference& d) { return ObjectKey(d.object, d.path); }

Matcher::Matcher(const model::Schema& live, const MatchOptions& options) : options_(options) {
  Touched all;
  all.all = true;
  Fingerprint(live, all, live_, false);
  for (const auto& [key, entry] : live_) {
    if (!entry.owner.empty()) live_by_owner_[entry.owner].push_back(key);
  }
  mismatches_ = static_cast<int64_t>(live_.size());  // the state is empty so far
  model::Schema empty;
  empty.namespaces.push_back({"public", "standard public schema"});
  Fingerprint(empty, all, state_, true);
  boundaries_.push_back({0, 0, mismatches_, false, false});  // before the first migration
}

bool Matcher::IsGlobal(const Entry& entry) {
  return entry.owner.empty() ? entry.kind != ObjectKind::kTable
                             : entry.kind == ObjectKind::kSequence;
}

bool Matcher::InScope(const std::string& schema) const {
  return options_.schemas.empty() || std::find(options_.schemas.begin(), options_.schemas.end(),
                                               schema) != options_.schemas.end();
}

int Matcher::Mismatch(const std::string& key) const {
  auto s = state_.find(key);
  auto l = live_.find(key);
  if (s == state_.end() && l == live_.end()) return 0;
  if (s != state_.end() && s->second.unverified) return 0;
  if (s == state_.end()) {
    // A live object on a table the state holds unverified.
    auto owner = state_.find(l->second.owner);
    return owner != state_.end() && owner->second.unverified ? 0 : 1;
  }
  if (l == live_.end()) return 1;
  return s->second.print == l->second.print ? 0 : 1;
}

void Matcher::Set(const std::string& key, const Entry* entry) {
  int before = Mismatch(key);
  auto it = state_.find(key);
  if (it == state_.end() && entry == nullptr) return;
  // A table turning unverified (or back) changes what its live-only objects count.
  const bool was_unverified = it != state_.end() && it->second.unverified;
  const bool now_unverified = entry != nullptr && entry->unverified;
  std::vector<std::string> live_only;
  if (was_unverified != now_unverified) {
    if (auto owned = live_by_owner_.find(key); owned != live_by_owner_.end()) {
      for (const std::string& k : owned->second) {
        if (!state_.contains(k)) live_only.push_back(k);
      }
    }
    for (const std::string& k : live_only) before += Mismatch(k);
  }
  if (it != state_.end()) {
    if (entry != nullptr && it->second.print == entry->print && it->second.owner == entry->owner &&
        it->second.unverified == entry->unverified)
      return;
    by_owner_[it->second.owner].erase(key);
    if (IsGlobal(it->second)) globals_.erase(key);
    state_.erase(it);
  }
  if (entry != nullptr) {
    state_[key] = *entry;
    by_owner_[entry->owner].insert(key);
    if (IsGlobal(*entry)) globals_.insert({key, entry->kind});
    ever_.insert(key);
  }
  changed_ = true;
  int after = Mismatch(key);
  for (const std::string& k : live_only) after += Mismatch(k);
  mismatches_ += after - before;
  if (observing_) last_change_[key] = {migration_ + 1, statement_ + 1};
}

// Fingerprints what `touched` names in `s` into `prints`. With `count`, `prints` is the
// state: stale keys of the touched scope are removed and the running count kept.
void Matcher::Fingerprint(const model::Schema& s, const Touched& touched, Prints& prints,
                          bool count) {
  Prints fresh;
  const UnverifiedKeys unverified(s);
  auto add = [&](ObjectKind kind, const std::string& path, const Properties& props,
                 const std::string& owner) {
    ++fingerprints_;
    std::string key = ObjectKey(kind, path);
    bool unknown = unverified.Covers(key, owner);
    fresh[std::move(key)] = {Hash(props), owner, kind, unknown};
  };
  auto table_objects = [&](const model::Table& t) {
    std::string owner = TableKey(t.name);
    if (count) table_names_[owner] = t.name;
    add(ObjectKind::kTable, Path(t.name), Describe(t).properties, "");
    for (const model::Column& c : t.columns) {
      add(ObjectKind::kColumn, MemberPath(t.name, c.name), Describe(c).properties, owner);
    }
    for (const model::Constraint& c : t.constraints) {
      add(ObjectKind::kConstraint, MemberPath(t.name, c.name),
          Describe(c, t.name.schema).properties, owner);
      // A foreign key's definition names the table it references: renames there change it.
      if (count && c.kind == model::ConstraintKind::kForeignKey) {
        referrers_[TableKey(c.ref_table)].insert(t.name);
      }
    }
  };
  auto sequence = [&](const model::Sequence& q) {
    std::optional<model::QualifiedName> table = OwningTable(q);
    add(ObjectKind::kSequence, Path(q.name), Describe(q).properties, table ? TableKey(*table) : "");
  };
  std::set<std::string> scope_owners;  // tables whose objects were refingerprinted
  std::set<std::string> scope_enums;   // enums named by the statement
  if (touched.all) {
    for (const model::Table& t : s.tables) {
      if (InScope(t.name.schema)) table_objects(t);
    }
    for (const model::Index& i : s.indexes) {
      if (InScope(i.name.schema)) {
        add(ObjectKind::kIndex, Path(i.name), Describe(i).properties,
            TableKey({i.name.schema, i.table}));
      }
    }
    for (const model::Trigger& t : s.triggers) {
      if (InScope(t.table.schema))
        add(ObjectKind::kTrigger, MemberPath(t.table, t.name), Describe(t).properties,
            TableKey(t.table));
    }
  } else {
    // The tables named, the tables of the indexes named, and the tables whose foreign
    // keys reference any of those.
    std::set<model::QualifiedName> scope(touched.tables.begin(), touched.tables.end());
    for (const model::QualifiedName& i : touched.indexes) {
      auto it = state_.find(ObjectKey(ObjectKind::kIndex, Path(i)));
      if (it != state_.end()) scope.insert(table_names_[it->second.owner]);
    }
    for (const model::QualifiedName& name : std::set<model::QualifiedName>(scope)) {
      auto it = referrers_.find(TableKey(name));
      if (it != referrers_.end()) scope.insert(it->second.begin(), it->second.end());
    }
    for (const model::QualifiedName& name : scope) {
      scope_owners.insert(TableKey(name));
      if (!InScope(name.schema)) continue;
      if (const model::Table* t = StateTable(s, name)) table_objects(*t);
      for (const model::Index& i : s.indexes) {
        if (i.name.schema == name.schema && i.table == name.name) {
          add(ObjectKind::kIndex, Path(i.name), Describe(i).properties, TableKey(name));
        }
      }
      for (const model::Trigger& t : s.triggers) {
        if (t.table == name)
          add(ObjectKind::kTrigger, MemberPath(t.table, t.name), Describe(t).properties,
              TableKey(name));
      }
      if (!touched.globals) {
        for (const model::Sequence& q : s.sequences) {
          if (OwningTable(q) == name) sequence(q);
        }
      }
    }
    if (!touched.globals) {
      for (const model::QualifiedName& name : touched.enums) {
        if (!InScope(name.schema)) continue;
        scope_enums.insert(ObjectKey(ObjectKind::kEnum, Path(name)));
        for (const model::EnumType& e : s.enums) {
          if (e.name == name) add(ObjectKind::kEnum, Path(e.name), Describe(e).properties, "");
        }
      }
    }
  }
  const bool all_views = touched.all || touched.globals || touched.views;
  if (all_views) {
    for (const model::View& v : s.views) {
      if (InScope(v.name.schema)) add(ObjectKind::kView, Path(v.name), Describe(v).properties, "");
    }
  }
  if (touched.all || touched.globals) {
    for (const model::Namespace& n : s.namespaces) {
      if (InScope(n.name)) add(ObjectKind::kNamespace, n.name, Describe(n).properties, "");
    }
    for (const model::Extension& e : s.extensions)
      add(ObjectKind::kExtension, e.name, Describe(e).properties, "");
    for (const model::EnumType& e : s.enums) {
      if (InScope(e.name.schema)) add(ObjectKind::kEnum, Path(e.name), Describe(e).properties, "");
    }
    for (const model::Sequence& q : s.sequences) {
      if (InScope(q.name.schema)) sequence(q);
    }
    for (const model::Function& f : s.functions) {
      if (InScope(f.name.schema)) {
        add(ObjectKind::kFunction, RoutinePath(f), Describe(f).properties, "");
      }
    }
  }
  if (!count) {
    prints = std::move(fresh);
    return;
  }
  // Remove what the scope held and no longer has, then set the fresh prints.
  std::vector<std::string> stale;
  if (touched.all) {
    for (const auto& [key, entry] : state_) {
      if (!fresh.contains(key)) stale.push_back(key);
    }
  } else {
    for (const std::string& owner : scope_owners) {
      auto it = by_owner_.find(owner);
      if (it != by_owner_.end()) {
        for (const std::string& key : it->second) {
          if (!fresh.contains(key)) stale.push_back(key);
        }
      }
      if (state_.contains(owner) && !fresh.contains(owner)) stale.push_back(owner);
    }
    if (touched.globals || touched.views) {
      for (const auto& [key, kind] : globals_) {
        if (!touched.globals && kind != ObjectKind::kView) continue;
        if (!fresh.contains(key)) stale.push_back(key);
      }
    }
    for (const std::string& key : scope_enums) {
      if (state_.contains(key) && !fresh.contains(key)) stale.push_back(key);
    }
  }
  for (const std::string& key : stale) Set(key, nullptr);
  for (const auto& [key, entry] : fresh) Set(key, &entry);
}

void Matcher::Observe(const model::Schema& state, const Touched& touched, bool data_statement) {
  changed_ = false;
  observing_ = true;
  Fingerprint(state, touched, state_, true);
  observing_ = false;
  migration_changed_ |= changed_;
  migration_data_ |= data_statement;
  if (options_.verify_incremental) {
    Touched all;
    all.all = true;
    Prints rescan;
    int64_t cost = fingerprints_;
    Fingerprint(state, all, rescan, false);
    fingerprints_ = cost;
    for (const auto& [key, entry] : rescan) {
      auto it = state_.find(key);
      if (it == state_.end() || it->second.print != entry.print) ++rescan_differences_;
    }
    for (const auto& [key, entry] : state_) {
      if (!rescan.contains(key)) ++rescan_differences_;
    }
  }
  ++statement_;
  boundaries_.push_back({migration_, statement_, mismatches_, migration_changed_, false});
}

void Matcher::EndMigration() {
  ++migration_;
  boundaries_.push_back({migration_, 0, mismatches_, migration_changed_, migration_data_});
  statement_ = 0;
  migration_changed_ = false;
  migration_data_ = false;
}

const std::set<model::QualifiedName>& Matcher::ReferrersOf(
    const model::QualifiedName& table) const {
  static const std::set<model::QualifiedName> kNone;
  auto it = referrers_.find(TableKey(table));
  return it == referrers_.end() ? kNone : it->second;
}

std::optional<Matcher::Origin> Matcher::LastChange(const std::string& key) const {
  auto it = last_change_.find(key);
  if (it == last_change_.end()) return std::nullopt;
  return it->second;
}

MatchResult Matcher::Result() const {
  MatchResult r;
  r.fingerprints = fingerprints_;
  r.rescan_differences = rescan_differences_;
  // Live objects no state ever had and that hang on no table a state ever had.
  for (const auto& [key, entry] : live_) {
    if (ever_.contains(key)) continue;
    if (!entry.owner.empty() && ever_.contains(entry.owner)) continue;  // drift on a managed table
    r.unmanaged.insert(key);
  }
  const int64_t unmanaged = options_.strict ? 0 : static_cast<int64_t>(r.unmanaged.size());

  // Migration boundaries: statement == 0.
  std::vector<const Boundary*> ends;
  for (const Boundary& b : boundaries_) {
    if (b.statement == 0) ends.push_back(&b);
  }
  int64_t best = INT64_MAX;
  for (const Boundary* b : ends) best = std::min(best, b->mismatches - unmanaged);
  for (const Boundary* b : ends) {
    if (b->mismatches - unmanaged == best) r.tied.push_back(b->migration);
  }
  // Ties over migrations that change nothing form a range: take its end, unless those
  // migrations touched data.
  bool range = true;
  for (size_t i = 1; i < r.tied.size(); ++i) {
    if (r.tied[i] != r.tied[i - 1] + 1) range = false;
  }
  for (size_t i = 1; i < r.tied.size() && range; ++i) {
    const Boundary* b = ends[static_cast<size_t>(r.tied[i])];
    if (b->changed) range = false;
    if (b->data) r.tie_has_data = true;
  }
  r.index = r.tied.back();
  r.ambiguous = r.tied.size() > 1 && (!range || r.tie_has_data);
  if (r.tied.size() == 1) r.tied.clear();
  r.distance = static_cast<int>(best);
  r.exact = best == 0;
  // A partial migration: a point inside a migration closer than any migration end.
  if (!r.exact) {
    const Boundary* inside = nullptr;
    for (const Boundary& b : boundaries_) {
      if (b.statement > 0 && b.mismatches - unmanaged < best &&
          (inside == nullptr || b.mismatches < inside->mismatches)) {
        inside = &b;
      }
    }
    if (inside != nullptr) {
      int total = 0;
      for (const Boundary& b : boundaries_) {
        if (b.migration == inside->migration && b.statement > 0)
          total = std::max(total, b.statement);
      }
      if (inside->statement < total) {
        r.partial_migration = inside->migration + 1;
        r.partial_statements = inside->statement;
        r.partial_total = total;
        r.index = inside->migration;
        r.distance = static_cast<int>(inside->mismatches - unmanaged);
        r.ambiguous = false;
        r.tied.clear();
      }
    }
  }
  return r;
}

}  // namespace drift::diff
