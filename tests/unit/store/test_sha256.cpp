// SHA-256 of sync files: the published test vectors, and the processor's instructions
// agreeing with the portable rounds on every length around the block edges.
#include <sleeplog/store/sha256.hpp>

#include <doctest/doctest.h>

#include <random>
#include <string>

using sleeplog::store::sha256_hex;
using sleeplog::store::Sha256Engine;

TEST_CASE("SHA-256 gives the published digests, with and without the processor's instructions")
{
  const std::string million(1000000, 'a');
  for (const auto engine : {Sha256Engine::best, Sha256Engine::portable}) {
    CHECK(sha256_hex("", engine) ==
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc", engine) ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", engine) ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(sha256_hex(million, engine) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  }
}

TEST_CASE("SHA-256 on the processor's instructions agrees with the portable rounds")
{
  const std::string instructions =
    sleeplog::store::sha256_uses_cpu_instructions() ? "used" : "absent";
  MESSAGE("this processor's SHA instructions: " << instructions);
  std::mt19937 random(20261206);
  std::string bytes;
  for (std::size_t size = 0; size <= 300; ++size) {
    CAPTURE(size);
    REQUIRE(sha256_hex(bytes) == sha256_hex(bytes, Sha256Engine::portable));
    bytes.push_back(static_cast<char>(random()));
  }
  bytes.resize(3 * 1024 * 1024 + 17);
  for (auto& byte : bytes) {
    byte = static_cast<char>(random());
  }
  CHECK(sha256_hex(bytes) == sha256_hex(bytes, Sha256Engine::portable));
}
