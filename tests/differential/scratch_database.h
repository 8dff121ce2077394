// File: scratch_database.h
//
// The scratch database both differential testers reset between cases: every schema but
// the system ones dropped, and an empty `public` with its stock comment made again.
#pragma once

#include <string>

namespace drift::differential {

// "" on success, else the server's message.
std::string ResetScratchDatabase(const std::string& database_url);

}  // namespace drift::differential
