#include "introspect/database_url.h"

#include <fmt/format.h>

#include <set>
#include <vector>

#include "absl/status/status.h"

namespace drift::introspect {
namespace {

// libpq parameters passed through unchanged.
const std::set<std::string, std::less<>>& LibpqParams() {
  static const auto* params = new std::set<std::string, std::less<>>{"sslmode",
                                                                     "sslcert",
                                                                     "sslkey",
                                                                     "sslrootcert",
                                                                     "sslcrl",
                                                                     "sslpassword",
                                                                     "connect_timeout",
                                                                     "application_name",
                                                                     "target_session_attrs",
                                                                     "keepalives",
                                                                     "keepalives_idle",
                                                                     "gssencmode",
                                                                     "channel_binding",
                                                                     "host",
                                                                     "port",
                                                                     "user",
                                                                     "password",
                                                                     "dbname",
                                                                     "options"};
  return *params;
}

// Parameters Prisma's engines understand that mean nothing to a read-only catalog reader.
const std::set<std::string, std::less<>>& PrismaOnlyParams() {
  static const auto* params = new std::set<std::string, std::less<>>{"connection_limit",
                                                                     "pool_timeout",
                                                                     "pgbouncer",
                                                                     "statement_cache_size",
                                                                     "socket_timeout",
                                                                     "sslaccept",
                                                                     "sslidentity",
                                                                     "max_connection_lifetime",
                                                                     "max_idle_connection_lifetime",
                                                                     "single_use_connections"};
  return *params;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

absl::StatusOr<std::string> PercentDecode(std::string_view s, std::string_view what) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%') {
      int hi = i + 2 < s.size() ? HexValue(s[i + 1]) : -1;
      int lo = i + 2 < s.size() ? HexValue(s[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        return absl::InvalidArgumentError(
            fmt::format("bad percent-encoding in the URL's {}", what));
      }
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string ConninfoValue(std::string_view v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

std::vector<std::string_view> SplitQuery(std::string_view query) {
  std::vector<std::string_view> out;
  while (true) {
    size_t amp = query.find('&');
    out.push_back(query.substr(0, amp));
    if (amp == std::string_view::npos) return out;
    query.remove_prefix(amp + 1);
  }
}

}  // namespace

std::string DatabaseUrl::Display() const {
  return fmt::format("{}:{}/{}", host.empty() ? "localhost" : host, port.empty() ? "5432" : port,
                     database.empty() ? user : database);
}

std::string DatabaseUrl::Conninfo() const {
  std::string out;
  auto add = [&](std::string_view key, std::string_view value) {
    if (value.empty()) return;
    if (!out.empty()) out += ' ';
    out += fmt::format("{}={}", key, ConninfoValue(value));
  };
  add("host", host);
  add("port", port);
  add("dbname", database);
  add("user", user);
  add("password", password);
  bool has_timeout = false;
  // The canonical form assumes search_path = public, and time zone UTC for the way
  // timestamptz defaults print.
  std::string options = "-c search_path=public -c TimeZone=UTC";
  for (const auto& [key, value] : libpq_params) {
    if (key == "options") {
      options = value + " " + options;
      continue;
    }
    if (key == "connect_timeout") has_timeout = true;
    add(key, value);
  }
  if (!has_timeout) add("connect_timeout", "10");
  add("options", options);
  return out;
}

absl::StatusOr<DatabaseUrl> ParseDatabaseUrl(std::string_view text) {
  DatabaseUrl url;
  std::string_view rest = text;
  if (rest.starts_with("postgresql://")) {
    rest.remove_prefix(13);
  } else if (rest.starts_with("postgres://")) {
    rest.remove_prefix(11);
  } else {
    return absl::InvalidArgumentError("database URL must start with postgresql:// or postgres://");
  }
  std::string_view query;
  if (size_t q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string_view path;
  if (size_t slash = rest.find('/'); slash != std::string_view::npos) {
    path = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  }
  if (size_t at = rest.rfind('@'); at != std::string_view::npos) {
    std::string_view userinfo = rest.substr(0, at);
    rest = rest.substr(at + 1);
    std::string_view user = userinfo, password;
    if (size_t colon = userinfo.find(':'); colon != std::string_view::npos) {
      user = userinfo.substr(0, colon);
      password = userinfo.substr(colon + 1);
    }
    auto u = PercentDecode(user, "user name");
    if (!u.ok()) return u.status();
    auto p = PercentDecode(password, "password");
    if (!p.ok()) return absl::InvalidArgumentError("bad percent-encoding in the URL's password");
    url.user = *u;
    url.password = *p;
  }
  std::string_view hostport = rest;
  if (hostport.starts_with("[")) {
    size_t close = hostport.find(']');
    if (close == std::string_view::npos) {
      return absl::InvalidArgumentError("unterminated [IPv6] host in the database URL");
    }
    url.host = std::string(hostport.substr(1, close - 1));
    hostport.remove_prefix(close + 1);
    if (!hostport.empty() && hostport[0] != ':') {
      return absl::InvalidArgumentError(
          "unexpected text after the [IPv6] host in the database URL");
    }
    if (!hostport.empty()) url.port = std::string(hostport.substr(1));
  } else {
    std::string_view host = hostport;
    if (size_t colon = hostport.rfind(':'); colon != std::string_view::npos) {
      host = hostport.substr(0, colon);
      url.port = std::string(hostport.substr(colon + 1));
      if (url.port.empty()) return absl::InvalidArgumentError("empty port in the database URL");
    }
    auto h = PercentDecode(host, "host");
    if (!h.ok()) return h.status();
    url.host = *h;
  }
  if (!url.port.empty() &&
      (url.port.find_first_not_of("0123456789") != std::string::npos || url.port.size() > 5 ||
       std::stoi(url.port) == 0 || std::stoi(url.port) > 65535)) {
    return absl::InvalidArgumentError(fmt::format("bad port '{}' in the database URL", url.port));
  }
  auto db = PercentDecode(path, "database name");
  if (!db.ok()) return db.status();
  url.database = *db;
  if (url.database.find('/') != std::string::npos) {
    return absl::InvalidArgumentError("the database URL's path must be a single database name");
  }
  if (!query.empty()) {
    for (std::string_view pair : SplitQuery(query)) {
      if (pair.empty()) continue;
      size_t eq = pair.find('=');
      std::string_view key = pair.substr(0, eq);
      std::string_view raw = eq == std::string_view::npos ? "" : pair.substr(eq + 1);
      auto value = PercentDecode(raw, "parameters");
      if (!value.ok()) return value.status();
      if (key == "schema") {
        if (value->empty()) return absl::InvalidArgumentError("empty ?schema= in the database URL");
        url.schema = *value;
      } else if (key == "host" || key == "port" || key == "user" || key == "password" ||
                 key == "dbname") {
        std::string& field = key == "host"       ? url.host
                             : key == "port"     ? url.port
                             : key == "user"     ? url.user
                             : key == "password" ? url.password
                                                 : url.database;
        field = *value;
      } else if (LibpqParams().contains(key)) {
        // libpq would refuse a bad sslmode only when connecting (exit 3); it is bad input.
        static const std::set<std::string_view> kSslModes = {
            "disable", "allow", "prefer", "require", "verify-ca", "verify-full"};
        if (key == "sslmode" && !kSslModes.contains(*value)) {
          return absl::InvalidArgumentError(fmt::format(
              "unknown sslmode '{}' in the database URL (disable, allow, prefer, require, "
              "verify-ca or verify-full)",
              *value));
        }
        url.libpq_params[std::string(key)] = *value;
      } else if (!PrismaOnlyParams().contains(key)) {
        return absl::InvalidArgumentError(
            fmt::format("unknown parameter '{}' in the database URL", key));
      }
    }
  }
  return url;
}

}  // namespace drift::introspect
