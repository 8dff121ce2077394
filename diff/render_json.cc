#include "diff/render.h"

namespace drift::diff {

nlohmann::ordered_json DifferencesJson(const ChangeSet& changes) {
  using Json = nlohmann::ordered_json;
  Json differences = Json::array();
  for (const Difference& d : changes) {
    Json before = nullptr, after = nullptr;
    if (d.kind == DiffKind::kAdded) {
      after = d.definition;
    } else if (d.kind == DiffKind::kRemoved) {
      before = d.definition;
    } else {
      before = Json::object();
      after = Json::object();
      for (const PropertyChange& c : d.changes) {
        before[std::string(PropertyName(c.property))] = c.before;
        after[std::string(PropertyName(c.property))] = c.after;
      }
    }
    differences.push_back(Json{{"kind", DiffKindName(d.kind)},
                               {"object", ObjectKindName(d.object)},
                               {"path", d.path},
                               {"before", std::move(before)},
                               {"after", std::move(after)}});
  }
  return differences;
}

std::string RenderJson(const ChangeSet& changes) {
  nlohmann::ordered_json root{{"differences", DifferencesJson(changes)},
                              {"equal", changes.empty()}};
  return root.dump(2) + "\n";
}

}  // namespace drift::diff
