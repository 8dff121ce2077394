#include "baseline/checksum.h"

#include <openssl/sha.h>

#include <array>

namespace drift::baseline {
namespace {

std::array<unsigned char, SHA256_DIGEST_LENGTH> Sha256(std::string_view data) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest.data());
  return digest;
}

std::string Hex(const std::array<unsigned char, SHA256_DIGEST_LENGTH>& digest, bool padded) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char byte : digest) {
    if (padded || byte >= 16) out += kDigits[byte >> 4];
    out += kDigits[byte & 15];
  }
  return out;
}

std::string ReplaceAll(std::string_view text, std::string_view from, std::string_view to) {
  std::string out;
  size_t start = 0;
  while (true) {
    size_t at = text.find(from, start);
    out.append(text.substr(start, at - start));
    if (at == std::string_view::npos) return out;
    out.append(to);
    start = at + from.size();
  }
}

}  // namespace

std::string MigrationChecksum(std::string_view script) { return Hex(Sha256(script), true); }

bool ChecksumMatches(std::string_view recorded, std::string_view script) {
  const bool legacy = !recorded.empty() && recorded.size() != 64;
  std::string lf = ReplaceAll(script, "\r\n", "\n");
  std::string crlf = ReplaceAll(script, "\n", "\r\n");
  for (std::string_view variant : {script, std::string_view(lf), std::string_view(crlf)}) {
    if (Hex(Sha256(variant), !legacy) == recorded) return true;
  }
  return false;
}

}  // namespace drift::baseline
