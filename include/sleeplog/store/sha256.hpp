// SHA-256 (FIPS 180-4), for the checksums of sync files (DESIGN §12): a half-copied or
// damaged file is told from a whole one without trusting its length alone.
#pragma once

#include <string>
#include <string_view>

namespace sleeplog::store {

/// The SHA-256 digest of `bytes` as 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);

} // namespace sleeplog::store
