// File: status_macros.h
//
// Stand-ins for abseil's status macros, which Debian's abseil 20220623 lacks. Same
// semantics as ABSL_RETURN_IF_ERROR / ABSL_ASSIGN_OR_RETURN, so a later switch is a sed.
//
// Example:
//   DRIFT_RETURN_IF_ERROR(Connect(url));
//   DRIFT_ASSIGN_OR_RETURN(Catalog catalog, Describe(url, options));
#pragma once

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define DRIFT_STATUS_CONCAT_INNER(a, b) a##b
#define DRIFT_STATUS_CONCAT(a, b) DRIFT_STATUS_CONCAT_INNER(a, b)

#define DRIFT_RETURN_IF_ERROR(expr)                                 \
  do {                                                              \
    if (absl::Status drift_status_ = (expr); !drift_status_.ok()) { \
      return drift_status_;                                         \
    }                                                               \
  } while (0)

#define DRIFT_ASSIGN_OR_RETURN(lhs, expr) \
  DRIFT_ASSIGN_OR_RETURN_IMPL(DRIFT_STATUS_CONCAT(drift_statusor_, __LINE__), lhs, expr)

#define DRIFT_ASSIGN_OR_RETURN_IMPL(statusor, lhs, expr)   \
  auto statusor = (expr);                                  \
  if (!statusor.ok()) return std::move(statusor).status(); \
  lhs = std::move(statusor).value()
