#include <sleeplog/store/sha256.hpp>

#include <array>
#include <cstdint>
#include <utility>

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#endif

namespace sleeplog::store {

namespace {

constexpr std::array<std::uint32_t, 64> round_constants{
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

constexpr std::uint32_t rotr(std::uint32_t x, int n)
{
  return (x >> n) | (x << (32 - n));
}

void compress(std::array<std::uint32_t, 8>& h, const unsigned char* block)
{
  std::array<std::uint32_t, 64> w{};
  for (std::size_t i = 0; i < 16; ++i) {
    w[i] = (std::uint32_t{block[4 * i]} << 24) | (std::uint32_t{block[4 * i + 1]} << 16) |
           (std::uint32_t{block[4 * i + 2]} << 8) | std::uint32_t{block[4 * i + 3]};
  }
  for (std::size_t i = 16; i < 64; ++i) {
    const std::uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
    const std::uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  std::array<std::uint32_t, 8> v = h;
  for (std::size_t i = 0; i < 64; ++i) {
    const std::uint32_t s1 = rotr(v[4], 6) ^ rotr(v[4], 11) ^ rotr(v[4], 25);
    const std::uint32_t ch = (v[4] & v[5]) ^ (~v[4] & v[6]);
    const std::uint32_t t1 = v[7] + s1 + ch + round_constants[i] + w[i];
    const std::uint32_t s0 = rotr(v[0], 2) ^ rotr(v[0], 13) ^ rotr(v[0], 22);
    const std::uint32_t maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
    const std::uint32_t t2 = s0 + maj;
    v[7] = v[6];
    v[6] = v[5];
    v[5] = v[4];
    v[4] = v[3] + t1;
    v[3] = v[2];
    v[2] = v[1];
    v[1] = v[0];
    v[0] = t1 + t2;
  }
  for (std::size_t i = 0; i < 8; ++i) {
    h[i] += v[i];
  }
}

#if defined(__x86_64__)
#define SLEEPLOG_SHA_TARGET __attribute__((target("sha,sse4.1,ssse3")))

// Four rounds with the x86 SHA extensions: step S of 16 works on the message words held
// four to a register, w[S % 4] (Intel's published layout). From step 4 on, that register
// becomes the next four words from the ones before. S is a constant, so every index is
// one and the words stay in registers (a loop kept them in memory: a quarter slower).
template <std::size_t S>
SLEEPLOG_SHA_TARGET inline __attribute__((always_inline)) void
four_rounds(__m128i (&w)[4], __m128i& abef, __m128i& cdgh, // NOLINT(*-avoid-c-arrays)
            const unsigned char* block, __m128i byte_swap)
{
  if constexpr (S < 4) {
    w[S] = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * S)),
                            byte_swap);
  } else {
    const __m128i before = _mm_alignr_epi8(w[(S + 3) % 4], w[(S + 2) % 4], 4);
    w[S % 4] = _mm_sha256msg2_epu32(
      _mm_add_epi32(_mm_sha256msg1_epu32(w[S % 4], w[(S + 1) % 4]), before), w[(S + 3) % 4]);
  }
  const __m128i message = _mm_add_epi32(
    w[S % 4], _mm_loadu_si128(reinterpret_cast<const __m128i*>(&round_constants[4 * S])));
  cdgh = _mm_sha256rnds2_epu32(cdgh, abef, message);
  abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(message, 0x0E));
}

template <std::size_t... S>
SLEEPLOG_SHA_TARGET inline __attribute__((always_inline)) void
all_rounds(__m128i& abef, __m128i& cdgh, const unsigned char* block, __m128i byte_swap,
           std::index_sequence<S...> /*steps*/)
{
  __m128i w[4]; // NOLINT(*-avoid-c-arrays): std::array drops the vector type's attributes
  (four_rounds<S>(w, abef, cdgh, block, byte_swap), ...);
}

// The rounds of `blocks` blocks, some five times faster than the portable ones: a new
// machine's first sync checks a 12 MB file.
SLEEPLOG_SHA_TARGET void compress_blocks_x86(std::array<std::uint32_t, 8>& h,
                                             const unsigned char* data, std::size_t blocks)
{
  const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  // The state as the instructions hold it: ABEF and CDGH.
  __m128i dcba = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h.data()));
  __m128i hgfe = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h.data() + 4));
  const __m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
  const __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
  __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
  __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);
  for (std::size_t block = 0; block < blocks; ++block, data += 64) {
    const __m128i abef_before = abef;
    const __m128i cdgh_before = cdgh;
    all_rounds(abef, cdgh, data, byte_swap, std::make_index_sequence<16>{});
    abef = _mm_add_epi32(abef, abef_before);
    cdgh = _mm_add_epi32(cdgh, cdgh_before);
  }
  const __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
  const __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
  dcba = _mm_blend_epi16(feba, dchg, 0xF0);
  hgfe = _mm_alignr_epi8(dchg, feba, 8);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(h.data()), dcba);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(h.data() + 4), hgfe);
}

bool has_sha_instructions()
{
  unsigned a = 0;
  unsigned b = 0;
  unsigned c = 0;
  unsigned d = 0;
  if (__get_cpuid(1, &a, &b, &c, &d) == 0 || (c & bit_SSE4_1) == 0 || (c & bit_SSSE3) == 0) {
    return false;
  }
  return __get_cpuid_count(7, 0, &a, &b, &c, &d) != 0 && (b & bit_SHA) != 0;
}
#endif

void compress_blocks(std::array<std::uint32_t, 8>& h, const unsigned char* data, std::size_t blocks,
                     Sha256Engine engine)
{
#if defined(__x86_64__)
  static const bool fast = has_sha_instructions();
  if (engine == Sha256Engine::best && fast) {
    compress_blocks_x86(h, data, blocks);
    return;
  }
#endif
  (void)engine;
  for (std::size_t i = 0; i < blocks; ++i) {
    compress(h, data + 64 * i);
  }
}

} // namespace

bool sha256_uses_cpu_instructions()
{
#if defined(__x86_64__)
  return has_sha_instructions();
#else
  return false;
#endif
}

std::string sha256_hex(std::string_view bytes, Sha256Engine engine)
{
  std::array<std::uint32_t, 8> h{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t whole = bytes.size() / 64 * 64;
  compress_blocks(h, data, whole / 64, engine);
  // The last block(s): the rest, a 1 bit, zeros, and the length in bits (big-endian).
  std::array<unsigned char, 128> tail{};
  const std::size_t rest = bytes.size() - whole;
  for (std::size_t i = 0; i < rest; ++i) {
    tail[i] = data[whole + i];
  }
  tail[rest] = 0x80;
  const std::size_t tail_size = rest + 9 <= 64 ? 64 : 128;
  const std::uint64_t bits = static_cast<std::uint64_t>(bytes.size()) * 8;
  for (std::size_t i = 0; i < 8; ++i) {
    tail[tail_size - 1 - i] = static_cast<unsigned char>(bits >> (8 * i));
  }
  compress_blocks(h, tail.data(), tail_size / 64, engine);
  static constexpr const char* digits = "0123456789abcdef";
  std::string hex;
  hex.reserve(64);
  for (const std::uint32_t word : h) {
    for (int shift = 28; shift >= 0; shift -= 4) {
      hex.push_back(digits[(word >> shift) & 0xf]);
    }
  }
  return hex;
}

} // namespace sleeplog::store
