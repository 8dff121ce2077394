// File: row_set.h
//
// Query results as plain text, so that turning catalog rows into a model needs no
// database library and can be tested and benchmarked without a server.
//
// Example:
//   RowSet rows = ...;               // filled by the pg_reader
//   for (size_t r = 0; r < rows.size(); ++r) {
//     std::string name = rows.Text(r, "name");
//   }
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drift::introspect {

class RowSet {
 public:
  RowSet() = default;
  explicit RowSet(std::vector<std::string> columns) : columns_(std::move(columns)) {}

  void AddRow(std::vector<std::optional<std::string>> values) {
    rows_.push_back(std::move(values));
  }
  size_t size() const { return rows_.size(); }
  const std::vector<std::string>& columns() const { return columns_; }

  // A NULL, or a column the query did not select, reads as nullopt / "" / 0 / false.
  const std::optional<std::string>& Get(size_t row, std::string_view column) const;
  std::string Text(size_t row, std::string_view column) const;
  int64_t Int(size_t row, std::string_view column) const;
  bool Bool(size_t row, std::string_view column) const;  // PostgreSQL's "t"/"f"

 private:
  size_t ColumnIndex(std::string_view column) const;

  std::vector<std::string> columns_;
  std::vector<std::vector<std::optional<std::string>>> rows_;
};

}  // namespace drift::introspect
