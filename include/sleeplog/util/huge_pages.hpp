// Large scratch memory on 2 MiB pages (DESIGN §12): an allocator for the few big buffers
// a bulk load fills once (a sync file, its rows, an import's uuid table).
//
// Each fresh 4 KiB page costs a page fault, and on a virtual machine a fault costs some
// microseconds: a new machine's first sync touched 8,500 pages more than an import of the
// same events, and spent a sixth of its time faulting them in. Where Linux gives
// transparent huge pages on request (madvise, Debian's default), a buffer of megabytes is
// mapped on its own and asked for them: one fault per 2 MiB, and page translations that
// hit. Smaller buffers come from the usual allocator.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <sys/mman.h>
#include <type_traits>
#include <utility>

namespace sleeplog::util {

inline constexpr std::size_t huge_page = std::size_t{2} << 20;

/// `bytes` rounded up to whole huge pages.
inline std::size_t huge_length(std::size_t bytes)
{
  return (bytes + huge_page - 1) / huge_page * huge_page;
}

/// The capacity to reserve for a buffer of `bytes` that a bulk load fills once: from a
/// quarter of a huge page up, a whole one at least, so that HugePageAllocator maps it (one
/// fault where 4 KiB pages take 128 and more).
inline std::size_t bulk_capacity(std::size_t bytes)
{
  return bytes >= huge_page / 4 && bytes < huge_page ? huge_page : bytes;
}

/// huge_length(bytes), mapped on a huge page boundary and zero.
/// Throws std::bad_alloc when the system has no memory for it.
inline void* map_huge(std::size_t bytes)
{
  const std::size_t length = huge_length(bytes);
  // One huge page more, so that the mapping can start on one; the ends are given back.
  void* raw =
    ::mmap(nullptr, length + huge_page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) {
    throw std::bad_alloc();
  }
  auto* const start = static_cast<char*>(raw);
  const std::size_t offset =
    (huge_page - reinterpret_cast<std::uintptr_t>(start) % huge_page) % huge_page;
  if (offset > 0) {
    ::munmap(start, offset);
  }
  ::munmap(start + offset + length, huge_page - offset);
  ::madvise(start + offset, length, MADV_HUGEPAGE); // a hint: without it, small pages
  return start + offset;
}

/// Gives back what map_huge(bytes) mapped.
inline void unmap_huge(void* at, std::size_t bytes) noexcept
{
  ::munmap(at, huge_length(bytes));
}

/// A std allocator that maps buffers of a huge page or more with map_huge.
template <typename T>
struct HugePageAllocator
{
  using value_type = T;

  HugePageAllocator() = default;
  template <typename U>
  explicit HugePageAllocator(const HugePageAllocator<U>& /*other*/) noexcept
  {}

  T* allocate(std::size_t count)
  {
    if (count * sizeof(T) >= huge_page) {
      return static_cast<T*>(map_huge(count * sizeof(T)));
    }
    return std::allocator<T>().allocate(count);
  }

  void deallocate(T* at, std::size_t count) noexcept
  {
    if (count * sizeof(T) >= huge_page) {
      unmap_huge(at, count * sizeof(T));
    } else {
      std::allocator<T>().deallocate(at, count);
    }
  }

  friend bool operator==(const HugePageAllocator& /*a*/, const HugePageAllocator& /*b*/)
  {
    return true;
  }
};

/// HugePageAllocator for a buffer that is read into right after it grows: resize() leaves
/// the new elements as they are instead of zeroing them first (a sync file's megabytes were
/// written twice, once with zeros).
template <typename T>
struct UnzeroedHugePageAllocator : HugePageAllocator<T>
{
  UnzeroedHugePageAllocator() = default;
  template <typename U>
  explicit UnzeroedHugePageAllocator(const UnzeroedHugePageAllocator<U>& /*other*/) noexcept
  {}

  template <typename U>
  void construct(U* at) noexcept(std::is_nothrow_default_constructible_v<U>)
  {
    ::new (static_cast<void*>(at)) U;
  }
  template <typename U, typename... Args>
  void construct(U* at, Args&&... args)
  {
    ::new (static_cast<void*>(at)) U(std::forward<Args>(args)...);
  }
};

} // namespace sleeplog::util
