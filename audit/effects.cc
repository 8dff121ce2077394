#include "audit/effects.h"

#include <fmt/format.h>

#include <algorithm>
#include <type_traits>
#include <variant>

#include "absl/strings/ascii.h"
#include "model/identifiers.h"
#include "model/types.h"
#include "parser/pgddl/replay_internal.h"

namespace drift::audit {
namespace {

using model::QualifiedName;
using parser::pgddl::internal::Resolve;
namespace pg = parser::pgddl;

constexpr std::string_view kExpandContract =
    "expand and contract: add a new column, fill it in batches outside the migration, switch "
    "the application to it, then drop the old one in a later release";

const model::Column* FindColumn(const model::Table& table, const std::string& name) {
  for (const model::Column& c : table.columns) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

const model::Constraint* FindConstraint(const model::Table& table, const std::string& name) {
  for (const model::Constraint& c : table.constraints) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

// Collects effects, one per relation: the strongest lock, and the rule of the worst work.
class Effects {
 public:
  explicit Effects(const model::Schema& before) : before_(before) {}

  void Add(const QualifiedName& relation, LockMode lock, Work work, std::string rule,
           std::string what, std::string safer = "") {
    for (TableEffect& e : effects_) {
      if (!(e.table == relation)) continue;
      bool worse = work > e.work || (work == e.work && lock > e.lock);
      e.lock = std::max(e.lock, lock);
      if (worse) {
        e.work = work;
        e.rule = std::move(rule);
        e.what = std::move(what);
        e.safer = std::move(safer);
      }
      return;
    }
    effects_.push_back({relation, lock, work, std::move(rule), std::move(what), std::move(safer)});
  }

  const model::Schema& before() const { return before_; }
  std::vector<TableEffect> Take() { return std::move(effects_); }

 private:
  const model::Schema& before_;
  std::vector<TableEffect> effects_;
};

void AddColumn(const model::Table& t, const pg::ColumnDef& c, Effects& out) {
  const std::string column = model::QuoteIdentifier(c.name);
  const bool serial = model::SerialBaseType(c.type).has_value();
  if (c.generated && !c.generated_virtual) {
    out.Add(t.name, LockMode::kAccessExclusive, Work::kRewrite, "LOCK002",
            fmt::format("adds the stored generated column {}: rewrites the table and its indexes",
                        column),
            "a plain column kept up to date by a trigger, filled in batches");
  } else if (serial || c.identity != model::Identity::kNone) {
    out.Add(t.name, LockMode::kAccessExclusive, Work::kRewrite, "LOCK002",
            fmt::format("adds {} with a sequence behind it: every row gets a value, the table "
                        "and its indexes are rewritten",
                        column),
            "CREATE SEQUENCE, ADD COLUMN without a default, ALTER COLUMN SET DEFAULT "
            "nextval(…) (catalog only), then fill existing rows in batches");
  } else if (c.default_expr && IsVolatileDefault(*c.default_expr)) {
    out.Add(t.name, LockMode::kAccessExclusive, Work::kRewrite, "LOCK002",
            fmt::format("adds {} with the volatile default {}: rewrites the table and its "
                        "indexes",
                        column, *c.default_expr),
            "ADD COLUMN without the default, ALTER COLUMN SET DEFAULT for new rows (catalog "
            "only), then fill existing rows in batches");
  } else if (c.not_null && !c.default_expr) {
    out.Add(t.name, LockMode::kAccessExclusive, Work::kScan, "LOCK003",
            fmt::format("adds the NOT NULL column {} without a default: fails unless the table "
                        "is empty",
                        column),
            "add it nullable or with a constant default, fill it, then SET NOT NULL");
  } else {
    out.Add(t.name, LockMode::kAccessExclusive, Work::kCatalog, "LOCK001",
            fmt::format("adds the column {}{} (catalog only)", column,
                        c.default_expr ? " with a constant default" : ""));
  }
  for (const pg::ConstraintDef& k : c.constraints) {
    switch (k.kind) {
      case model::ConstraintKind::kPrimaryKey:
      case model::ConstraintKind::kUnique:
        out.Add(t.name, LockMode::kAccessExclusive, Work::kIndexBuild, "LOCK004",
                fmt::format("adds {} with an inline {}: builds its index under ACCESS EXCLUSIVE",
                            column,
                            k.kind == model::ConstraintKind::kUnique ? "UNIQUE" : "PRIMARY KEY"),
                "add the column, CREATE UNIQUE INDEX CONCURRENTLY in its own migration, then ADD "
                "CONSTRAINT … USING INDEX");
        break;
      case model::ConstraintKind::kCheck:
        out.Add(t.name, LockMode::kAccessExclusive, Work::kScan, "LOCK005",
                fmt::format("adds {} with an inline CHECK: scans the table", column),
                "add the column, then ADD CONSTRAINT … CHECK … NOT VALID and VALIDATE CONSTRAINT "
                "in a later migration");
        break;
      case model::ConstraintKind::kForeignKey:
        out.Add(Resolve(k.ref_table), LockMode::kShareRowExclusive, Work::kCatalog, "LOCK006",
                fmt::format("references it from the new column {}.{}: writes wait",
                            model::QualifiedText(t.name), column));
        break;
      case model::ConstraintKind::kExclusion:
        break;
    }
  }
}

void AddConstraint(const model::Table& t, const pg::ConstraintDef& k, Effects& out) {
  switch (k.kind) {
    case model::ConstraintKind::kCheck:
      if (k.not_valid) {
        out.Add(t.name, LockMode::kAccessExclusive, Work::kCatalog, "LOCK030",
                "adds a CHECK constraint NOT VALID (catalog only; VALIDATE it later)");
      } else {
        out.Add(t.name, LockMode::kAccessExclusive, Work::kScan, "LOCK030",
                "adds a CHECK constraint: scans the table under ACCESS EXCLUSIVE",
                "ADD CONSTRAINT … NOT VALID, then VALIDATE CONSTRAINT in a later migration "
                "(SHARE UPDATE EXCLUSIVE: reads and writes go on)");
      }
      break;
    case model::ConstraintKind::kForeignKey: {
      const QualifiedName parent = Resolve(k.ref_table);
      if (k.not_valid) {
        out.Add(t.name, LockMode::kShareRowExclusive, Work::kCatalog, "LOCK031",
                "adds a foreign key NOT VALID (catalog only; VALIDATE it later)");
        out.Add(
            parent, LockMode::kShareRowExclusive, Work::kCatalog, "LOCK031",
            fmt::format("is referenced by a new foreign key of {}", model::QualifiedText(t.name)));
      } else {
        constexpr std::string_view kSafer =
            "ADD CONSTRAINT … FOREIGN KEY … NOT VALID, then VALIDATE CONSTRAINT in a later "
            "migration";
        out.Add(t.name, LockMode::kShareRowExclusive, Work::kForeignKeyCheck, "LOCK031",
                "adds a foreign key: checks every row against the referenced table while "
                "writes to both wait",
                std::string(kSafer));
        out.Add(parent, LockMode::kShareRowExclusive, Work::kScan, "LOCK031",
                fmt::format("is checked by a new foreign key of {}: writes wait",
                            model::QualifiedText(t.name)),
                std::string(kSafer));
      }
      break;
    }
    case model::ConstraintKind::kPrimaryKey:
    case model::ConstraintKind::kUnique: {
      const char* kind = k.kind == model::ConstraintKind::kUnique ? "UNIQUE" : "PRIMARY KEY";
      if (k.using_index) {
        out.Add(t.name, LockMode::kAccessExclusive, Work::kCatalog, "LOCK033",
                fmt::format("adds a {} constraint over an existing index (catalog only)", kind));
      } else {
        out.Add(t.name, LockMode::kAccessExclusive, Work::kIndexBuild, "LOCK033",
                fmt::format("adds a {} constraint: builds its index under ACCESS EXCLUSIVE", kind),
                "CREATE UNIQUE INDEX CONCURRENTLY in its own migration, then ADD CONSTRAINT … "
                "USING INDEX");
      }
      break;
    }
    case model::ConstraintKind::kExclusion:
      out.Add(t.name, LockMode::kAccessExclusive, Work::kIndexBuild, "LOCK034",
              "adds an EXCLUDE constraint: builds its index under ACCESS EXCLUSIVE");
      break;
  }
}

// USING that is the column itself converts as no USING does: PostgreSQL rewrites only
// when the conversion is more than the column (with binary-coercible relabelling).
bool UsingIsTheColumn(const pg::AlterAction& a) {
  if (!a.expression) return true;
  std::string_view e = *a.expression;
  while (!e.empty() && e.front() == ' ') e.remove_prefix(1);
  while (!e.empty() && e.back() == ' ') e.remove_suffix(1);
  return e == a.column || e == model::QuoteIdentifier(a.column) || e == "\"" + a.column + "\"";
}

void AlterColumnType(const model::Table& t, const pg::AlterAction& a, Effects& out) {
  const model::Column* column = FindColumn(t, a.column);
  const std::string to = model::CanonicalType(a.type);
  if (column != nullptr && UsingIsTheColumn(a) &&
      model::ChangesTypeWithoutRewrite(column->type, to)) {
    out.Add(t.name, LockMode::kAccessExclusive, Work::kCatalog, "LOCK023",
            fmt::format("changes the type of {} from {} to {} (catalog only)",
                        model::QuoteIdentifier(a.column), column->type, to));
    return;
  }
  out.Add(t.name, LockMode::kAccessExclusive, Work::kRewrite, "LOCK022",
          fmt::format("changes the type of {}{} to {}: rewrites the table and its indexes",
                      model::QuoteIdentifier(a.column),
                      column != nullptr ? " from " + column->type : "", to),
          std::string(kExpandContract));
}

bool HasValidatedNotNullCheck(const model::Table& t, const std::string& column) {
  const std::string proof = "(" + model::QuoteIdentifier(column) + " IS NOT NULL)";
  return std::any_of(t.constraints.begin(), t.constraints.end(), [&](const model::Constraint& c) {
    return c.kind == model::ConstraintKind::kCheck && !c.not_valid && c.expression == proof;
  });
}

void AlterTable(const pg::AlterTable& s, Effects& out) {
  const model::Table* t = FindTable(out.before(), Resolve(s.name));
  if (t == nullptr) return;
  for (const pg::AlterAction& a : s.actions) {
    const std::string column = model::QuoteIdentifier(a.column);
    switch (a.kind) {
      case pg::AlterKind::kAddColumn:
        AddColumn(*t, a.column_def, out);
        break;
      case pg::AlterKind::kDropColumn:
        out.Add(t->name, LockMode::kAccessExclusive, Work::kCatalog, "LOCK010",
                fmt::format("drops the column {} (catalog only; its data is lost)", column),
                "stop using the column in a release, drop it in the next");
        for (const model::Constraint& k : t->constraints) {
          if (k.kind == model::ConstraintKind::kForeignKey &&
              std::find(k.columns.begin(), k.columns.end(), a.column) != k.columns.end()) {
            out.Add(
                k.ref_table, LockMode::kAccessExclusive, Work::kCatalog, "LOCK010",
                fmt::format("loses the foreign key {} of the dropped column {}.{}",
                            model::QuoteIdentifier(k.name), model::QualifiedText(t->name), column));
          }
        }
        break;
      case pg::AlterKind::kAlterColumnType:
        AlterColumnType(*t, a, out);
        break;
      case pg::AlterKind::kSetNotNull:
        if (HasValidatedNotNullCheck(*t, a.column)) {
          out.Add(t->name, LockMode::kAccessExclusive, Work::kCatalog, "LOCK020",
                  fmt::format("sets {} NOT NULL; a validated CHECK proves it (no scan)", column));
        } else {
          out.Add(t->name, LockMode::kAccessExclusive, Work::kScan, "LOCK020",
                  fmt::format("sets {} NOT NULL: scans the table under ACCESS EXCLUSIVE", column),
                  fmt::format("ADD CONSTRAINT … CHECK ({} IS NOT NULL) NOT VALID, VALIDATE "
                              "CONSTRAINT in a later migration, then SET NOT NULL (no scan)",
                              column));
        }
        break;
      case pg::AlterKind::kSetDefault:
      case pg::AlterKind::kDropDefault:
      case pg::AlterKind::kDropNotNull:
      case pg::AlterKind::kAddIdentity:
      case pg::AlterKind::kDropIdentity:
        out.Add(t->name, LockMode::kAccessExclusive, Work::kCatalog, "LOCK021",
                fmt::format("changes the default, nullability or identity of {} (catalog only)",
                            column));
        break;
      case pg::AlterKind::kAddConstraint:
        AddConstraint(*t, a.constraint, out);
        break;
      case pg::AlterKind::kDropConstraint: {
        const model::Constraint* k = FindConstraint(*t, a.column);  // the constraint's name
        if (k != nullptr && k->kind == model::ConstraintKind::kForeignKey) {
          out.Add(t->name, LockMode::kAccessExclusive, Work::kCatalog, "LOCK015",
                  fmt::format("drops the foreign key {}", model::QuoteIdentifier(k->name)));
          out.Add(k->ref_table, LockMode::kAccessExclusive, Work::kCatalog, "LOCK015",
                  fmt::format("loses the foreign key {} of {}", model::QuoteIdentifier(k->name),
                              model::QualifiedText(t->name)));
        } else {
          out.Add(t->name, LockMode::kAccessExclusive, Work::kCatalog, "LOCK014",
                  "drops a constraint (catalog only)");
        }
        break;
      }
      case pg::AlterKind::kRenameColumn:
      case pg::AlterKind::kRenameConstraint:
      case pg::AlterKind::kRenameTable:
      case pg::AlterKind::kSetSchema:
        out.Add(t->name, LockMode::kAccessExclusive, Work::kCatalog, "LOCK043",
                "renames or moves (catalog only; the old name is gone at once)",
                "keep the old name for the running release (a view, or Prisma's @map)");
        break;
      case pg::AlterKind::kValidateConstraint: {
        out.Add(t->name, LockMode::kShareUpdateExclusive, Work::kScan, "LOCK032",
                "validates a constraint: scans the table while reads and writes go on");
        const model::Constraint* k = FindConstraint(*t, a.column);
        if (k != nullptr && k->kind == model::ConstraintKind::kForeignKey) {
          out.Add(k->ref_table, LockMode::kRowShare, Work::kScan, "LOCK032",
                  fmt::format("is read to validate a foreign key of {}",
                              model::QualifiedText(t->name)));
        }
        break;
      }
      case pg::AlterKind::kAttachPartition:
        out.Add(t->name, LockMode::kShareUpdateExclusive, Work::kCatalog, "LOCK051",
                "attaches a partition");
        out.Add(Resolve(a.partition), LockMode::kAccessExclusive, Work::kScan, "LOCK051",
                "is attached as a partition: scanned against the bound",
                "add a CHECK matching the bound and VALIDATE it first: the attach then skips the "
                "scan");
        break;
      case pg::AlterKind::kDetachPartition:
        out.Add(t->name, LockMode::kAccessExclusive, Work::kCatalog, "LOCK052",
                "detaches a partition", "DETACH PARTITION … CONCURRENTLY, alone in its migration");
        out.Add(Resolve(a.partition), LockMode::kAccessExclusive, Work::kCatalog, "LOCK052",
                "is detached");
        break;
      case pg::AlterKind::kNoModelEffect:
        out.Add(t->name, LockMode::kAccessExclusive, Work::kCatalog, "LOCK000",
                "an ALTER TABLE form drift does not classify: assumed ACCESS EXCLUSIVE");
        break;
    }
  }
}

void CreateIndex(const pg::CreateIndex& s, Effects& out) {
  const model::Table* t = FindTable(out.before(), Resolve(s.table));
  if (t == nullptr) return;
  const std::string what = s.unique ? "a unique index" : "an index";
  if (s.concurrently) {
    out.Add(t->name, LockMode::kShareUpdateExclusive, Work::kIndexBuild, "LOCK040",
            fmt::format("builds {} concurrently: reads and writes go on", what));
  } else {
    out.Add(t->name, LockMode::kShare, Work::kIndexBuild, "LOCK040",
            fmt::format("builds {}: writes wait for the whole build", what),
            fmt::format("CREATE {}INDEX CONCURRENTLY, alone in its own migration",
                        s.unique ? "UNIQUE " : ""));
  }
}

void Drop(const pg::DropObjects& s, Effects& out) {
  for (const pg::ObjectName& written : s.names) {
    const QualifiedName name = Resolve(written);
    if (s.kind == pg::DropKind::kTable) {
      const model::Table* t = FindTable(out.before(), name);
      if (t == nullptr) continue;
      out.Add(t->name, LockMode::kAccessExclusive, Work::kCatalog, "LOCK011",
              "drops the table (its rows are lost)",
              "stop using the table in a release, drop it in the next");
      for (const model::Constraint& k : t->constraints) {
        if (k.kind == model::ConstraintKind::kForeignKey && !(k.ref_table == t->name)) {
          out.Add(
              k.ref_table, LockMode::kAccessExclusive, Work::kCatalog, "LOCK011",
              fmt::format("is referenced by the dropped table {}", model::QualifiedText(t->name)));
        }
      }
      if (t->parent) {
        out.Add(*t->parent, LockMode::kAccessExclusive, Work::kCatalog, "LOCK053",
                fmt::format("loses its partition {}", model::QualifiedText(t->name)),
                "DETACH PARTITION … CONCURRENTLY first");
      }
    } else if (s.kind == pg::DropKind::kIndex) {
      for (const model::Index& i : out.before().indexes) {
        if (!(i.name == name)) continue;
        QualifiedName table{i.name.schema, i.table};
        if (s.concurrently) {
          out.Add(table, LockMode::kShareUpdateExclusive, Work::kCatalog, "LOCK013",
                  "drops an index concurrently: reads and writes go on");
        } else {
          out.Add(table, LockMode::kAccessExclusive, Work::kCatalog, "LOCK013",
                  fmt::format("drops the index {}", model::QualifiedText(i.name)),
                  "DROP INDEX CONCURRENTLY, alone in its own migration");
        }
      }
    }
  }
}

void CreateTable(const pg::CreateTable& s, Effects& out) {
  auto reference = [&](const pg::ConstraintDef& k) {
    if (k.kind != model::ConstraintKind::kForeignKey) return;
    const QualifiedName parent = Resolve(k.ref_table);
    if (FindTable(out.before(), parent) == nullptr) return;
    out.Add(parent, LockMode::kShareRowExclusive, Work::kCatalog, "LOCK063",
            fmt::format("is referenced by the new table {}: writes wait",
                        model::QualifiedText(Resolve(s.name))));
  };
  for (const pg::ColumnDef& c : s.columns) {
    for (const pg::ConstraintDef& k : c.constraints) reference(k);
  }
  for (const pg::ConstraintDef& k : s.constraints) reference(k);
  if (s.partition_of) {
    const QualifiedName parent = Resolve(*s.partition_of);
    if (FindTable(out.before(), parent) != nullptr) {
      out.Add(parent, LockMode::kAccessExclusive, Work::kCatalog, "LOCK050",
              fmt::format("gets the new partition {}", model::QualifiedText(Resolve(s.name))),
              "create a standalone table with a CHECK matching the bound, then ATTACH it");
    }
  }
}

}  // namespace

std::string_view WorkName(Work work) {
  switch (work) {
    case Work::kCatalog:
      return "catalog only";
    case Work::kScan:
      return "scans the table";
    case Work::kForeignKeyCheck:
      return "checks every row's reference";
    case Work::kIndexBuild:
      return "builds an index";
    case Work::kRewrite:
      return "rewrites the table and its indexes";
    case Work::kRowWrites:
      return "writes rows";
  }
  return "";
}

const model::Table* FindTable(const model::Schema& schema, const model::QualifiedName& name) {
  for (const model::Table& t : schema.tables) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

bool IsVolatileDefault(std::string_view expression) {
  static constexpr std::string_view kVolatile[] = {"gen_random_uuid",
                                                   "uuid_generate_v1",
                                                   "uuid_generate_v1mc",
                                                   "uuid_generate_v4",
                                                   "uuidv4",
                                                   "uuidv7",
                                                   "random",
                                                   "clock_timestamp",
                                                   "timeofday",
                                                   "nextval",
                                                   "txid_current",
                                                   "statement_timestamp",
                                                   "random_normal",
                                                   "setseed",
                                                   "gen_random_bytes",
                                                   "pg_current_xact_id"};
  const std::string lower = absl::AsciiStrToLower(std::string(expression));
  for (std::string_view f : kVolatile) {
    for (size_t at = lower.find(f); at != std::string::npos; at = lower.find(f, at + 1)) {
      const bool starts = at == 0 || !(std::isalnum(static_cast<unsigned char>(lower[at - 1])) ||
                                       lower[at - 1] == '_');
      size_t after = at + f.size();
      while (after < lower.size() && lower[after] == ' ') ++after;
      if (starts && after < lower.size() && lower[after] == '(') return true;
    }
  }
  return false;
}

std::vector<TableEffect> EffectsOf(const pg::Statement& statement, const model::Schema& before) {
  Effects out(before);
  std::visit(
      [&](const auto& body) {
        using T = std::decay_t<decltype(body)>;
        if constexpr (std::is_same_v<T, pg::AlterTable>) {
          AlterTable(body, out);
        } else if constexpr (std::is_same_v<T, pg::CreateIndex>) {
          CreateIndex(body, out);
        } else if constexpr (std::is_same_v<T, pg::DropObjects>) {
          Drop(body, out);
        } else if constexpr (std::is_same_v<T, pg::CreateTable>) {
          CreateTable(body, out);
        } else if constexpr (std::is_same_v<T, pg::CreateTrigger>) {
          const QualifiedName table = Resolve(body.table);
          if (FindTable(before, table) != nullptr) {
            out.Add(table, LockMode::kShareRowExclusive, Work::kCatalog, "LOCK060",
                    "creates a trigger: writes wait");
          }
        } else if constexpr (std::is_same_v<T, pg::CommentOn>) {
          const QualifiedName table = Resolve(body.name);
          if ((body.object_kind == "table" || body.object_kind == "column") &&
              FindTable(before, table) != nullptr) {
            out.Add(table, LockMode::kShareUpdateExclusive, Work::kCatalog, "LOCK062",
                    "sets a comment (catalog only)");
          }
        } else if constexpr (std::is_same_v<T, pg::RenameRelation>) {
          if (body.kind == "index" && !body.new_name.empty()) {
            out.Add(Resolve(body.name), LockMode::kShareUpdateExclusive, Work::kCatalog, "LOCK044",
                    "renames the index (catalog only)");
          }
        }
      },
      statement.body);
  return out.Take();
}

}  // namespace drift::audit
