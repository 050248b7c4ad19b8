// Reading a changeset in place: see changeset.hpp.
#include <sleeplog/store/changeset.hpp>

#include <sqlite3.h>

#include <cstring>

namespace sleeplog::store {

namespace {

constexpr char table_header = 'T';            // a patchset's is 'P': never sent, so not read
constexpr std::uint64_t most_columns = 65536; // as the session extension allows

enum : unsigned char {
  undefined_value = 0, // only in UPDATEs: never in an INSERT's new values
  integer_value = 1,
  real_value = 2,
  text_value = 3,
  blob_value = 4,
  null_value = 5,
};

} // namespace

// SQLite's varint: big-endian groups of seven bits, the high bit set on all but the last;
// a ninth byte gives all eight of its bits.
bool ChangesetReader::read_varint(std::uint64_t& out)
{
  out = 0;
  for (int i = 0; i < 9; ++i) {
    if (m_at >= m_in.size()) {
      return false;
    }
    const auto byte = static_cast<unsigned char>(m_in[m_at++]);
    if (i == 8) {
      out = (out << 8) | byte;
      return true;
    }
    out = (out << 7) | (byte & 0x7fU);
    if ((byte & 0x80U) == 0) {
      return true;
    }
  }
  return false;
}

bool ChangesetReader::read_value(ChangeValue& out)
{
  if (m_at >= m_in.size()) {
    return false;
  }
  const auto type = static_cast<unsigned char>(m_in[m_at++]);
  out = ChangeValue{};
  switch (type) {
  case integer_value:
  case real_value: {
    if (m_in.size() - m_at < 8) {
      return false;
    }
    std::uint64_t bits = 0;
    for (int i = 0; i < 8; ++i) {
      bits = (bits << 8) | static_cast<unsigned char>(m_in[m_at++]);
    }
    if (type == integer_value) {
      out.type = ChangeValue::Type::integer;
      out.integer = static_cast<std::int64_t>(bits);
    } else {
      out.type = ChangeValue::Type::real;
      std::memcpy(&out.real, &bits, sizeof bits);
    }
    return true;
  }
  case text_value:
  case blob_value: {
    std::uint64_t size = 0;
    if (!read_varint(size) || size > m_in.size() - m_at) {
      return false;
    }
    out.type = type == text_value ? ChangeValue::Type::text : ChangeValue::Type::blob;
    out.bytes = m_in.substr(m_at, static_cast<std::size_t>(size));
    m_at += static_cast<std::size_t>(size);
    return true;
  }
  case null_value: return true;
  default: return false; // undefined in an INSERT, or no type at all
  }
}

// 'T', the number of columns, a byte per column (1 for the key's), the name and a NUL.
bool ChangesetReader::read_table_header()
{
  ++m_at;
  std::uint64_t columns = 0;
  if (!read_varint(columns) || columns == 0 || columns > most_columns ||
      columns > m_in.size() - m_at) {
    return false;
  }
  m_at += static_cast<std::size_t>(columns);
  const auto nul = m_in.find('\0', m_at);
  if (nul == std::string_view::npos) {
    return false;
  }
  m_table = m_in.substr(m_at, nul - m_at);
  m_columns = static_cast<std::size_t>(columns);
  m_at = nul + 1;
  return true;
}

ChangesetReader::Step ChangesetReader::next()
{
  m_values.clear();
  while (m_at < m_in.size() && m_in[m_at] == table_header) {
    if (!read_table_header()) {
      return Step::damaged;
    }
  }
  if (m_at >= m_in.size()) {
    return Step::end;
  }
  if (m_columns == 0 || m_in.size() - m_at < 2) {
    return Step::damaged; // a change before any table, or cut short
  }
  const auto op = static_cast<unsigned char>(m_in[m_at]);
  m_at += 2; // the operation and the indirect flag
  if (op == SQLITE_UPDATE || op == SQLITE_DELETE) {
    m_at = m_in.size(); // not read: the caller refuses it
    return Step::other;
  }
  if (op != SQLITE_INSERT) {
    return Step::damaged;
  }
  m_values.resize(m_columns);
  for (auto& value : m_values) {
    if (!read_value(value)) {
      m_values.clear();
      return Step::damaged;
    }
  }
  return Step::insert;
}

} // namespace sleeplog::store
