// SHA-256 (FIPS 180-4), for the checksums of sync files (DESIGN §12): a half-copied or
// damaged file is told from a whole one without trusting its length alone.
#pragma once

#include <string>
#include <string_view>

namespace sleeplog::store {

/// How the rounds are computed: `best` uses the processor's SHA instructions where it has
/// them; `portable` never does (tests compare the two).
enum class Sha256Engine { best, portable };

/// The SHA-256 digest of `bytes` as 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes, Sha256Engine engine = Sha256Engine::best);

/// Whether `best` uses the processor's SHA instructions on this machine.
bool sha256_uses_cpu_instructions();

} // namespace sleeplog::store
