#include "introspect/row_set.h"

#include <cassert>
#include <cstdlib>

namespace drift::introspect {

size_t RowSet::ColumnIndex(std::string_view column) const {
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i] == column) return i;
  }
  assert(false && "unknown column");
  return 0;
}

const std::optional<std::string>& RowSet::Get(size_t row, std::string_view column) const {
  return rows_[row][ColumnIndex(column)];
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
