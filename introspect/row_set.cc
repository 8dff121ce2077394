#include "introspect/row_set.h"

#include <cstdlib>

namespace drift::introspect {

size_t RowSet::ColumnIndex(std::string_view column) const {
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i] == column) return i;
  }
  return columns_.size();
}

const std::optional<std::string>& RowSet::Get(size_t row, std::string_view column) const {
  static const std::optional<std::string> kMissing;
  size_t index = ColumnIndex(column);
  if (index >= rows_[row].size()) return kMissing;
  return rows_[row][index];
}

std::string RowSet::Text(size_t row, std::string_view column) const {
  return Get(row, column).value_or("");
}

int64_t RowSet::Int(size_t row, std::string_view column) const {
  const auto& v = Get(row, column);
  return v ? std::strtoll(v->c_str(), nullptr, 10) : 0;
}

bool RowSet::Bool(size_t row, std::string_view column) const {
  const auto& v = Get(row, column);
  return v && *v == "t";
}

}  // namespace drift::introspect
