// ChangesetReader against its reference, the session extension's iterator: used by
// test_changeset.cpp and by the fuzz target tests/fuzz/fuzz_changeset.cpp.
#pragma once

#include <sleeplog/store/changeset.hpp>

#include <sqlite3.h>

#include <cmath>
#include <cstring>
#include <string>
#include <string_view>

namespace sleeplog::store::testing {

// Why the reader and sqlite3changeset_next disagree on `changeset`, or "" when they agree:
// every INSERT the reader reads, the iterator reads the same (table, width, values); an
// UPDATE or DELETE it reports, the iterator reports too or finds damaged; where it finds
// the end, so does the iterator. Where the reader finds the bytes damaged, the iterator may read on
// (the reader may be stricter, never more lenient).
inline std::string disagreement(std::string_view changeset)
{
  sqlite3_changeset_iter* it = nullptr;
  if (sqlite3changeset_start(&it, static_cast<int>(changeset.size()),
                             const_cast<char*>(changeset.data())) != SQLITE_OK) {
    return "the iterator cannot start";
  }
  ChangesetReader reader(changeset);
  std::string why;
  for (int change = 0; why.empty(); ++change) {
    const auto step = reader.next();
    if (step == ChangesetReader::Step::damaged) {
      break;
    }
    const int rc = sqlite3changeset_next(it);
    if (step == ChangesetReader::Step::end) {
      if (rc != SQLITE_DONE) {
        why = "the reader ended where the iterator did not (" + std::to_string(rc) + ")";
      }
      break;
    }
    if (rc != SQLITE_ROW) {
      // An UPDATE or DELETE the reader does not read (and the caller refuses) may be
      // damaged further on: the iterator then refuses it too.
      if (step != ChangesetReader::Step::other) {
        why = "change " + std::to_string(change) + ": the iterator stopped (" + std::to_string(rc) +
              ")";
      }
      break;
    }
    const char* table = nullptr;
    int columns = 0;
    int op = 0;
    int indirect = 0;
    sqlite3changeset_op(it, &table, &columns, &op, &indirect);
    if (std::string_view(table ? table : "") != reader.table() ||
        static_cast<std::size_t>(columns) != reader.columns()) {
      why = "change " + std::to_string(change) + ": another table or width";
      break;
    }
    if (step == ChangesetReader::Step::other) {
      if (op == SQLITE_INSERT) {
        why = "change " + std::to_string(change) + ": an INSERT read as another change";
      }
      break;
    }
    if (op != SQLITE_INSERT) {
      why = "change " + std::to_string(change) + ": read as an INSERT";
      break;
    }
    for (int c = 0; c < columns && why.empty(); ++c) {
      sqlite3_value* v = nullptr;
      const ChangeValue& mine = reader.values()[static_cast<std::size_t>(c)];
      if (sqlite3changeset_new(it, c, &v) != SQLITE_OK || v == nullptr) {
        why = "no value";
      } else {
        switch (sqlite3_value_type(v)) {
        case SQLITE_NULL: // SQLite holds a NaN as NULL, as a statement binds it
          why = mine.type == ChangeValue::Type::null ||
                    (mine.type == ChangeValue::Type::real && std::isnan(mine.real))
                  ? ""
                  : "not NULL";
          break;
        case SQLITE_INTEGER:
          why = mine.type == ChangeValue::Type::integer && mine.integer == sqlite3_value_int64(v)
                  ? ""
                  : "another integer";
          break;
        case SQLITE_FLOAT: {
          const double theirs = sqlite3_value_double(v);
          why = mine.type == ChangeValue::Type::real &&
                    std::memcmp(&mine.real, &theirs, sizeof theirs) == 0
                  ? ""
                  : "another real";
          break;
        }
        default: {
          const bool text = sqlite3_value_type(v) == SQLITE_TEXT;
          const void* bytes = sqlite3_value_blob(v);
          const auto size = static_cast<std::size_t>(sqlite3_value_bytes(v));
          const std::string_view theirs(size > 0 ? static_cast<const char*>(bytes) : "", size);
          why = mine.type == (text ? ChangeValue::Type::text : ChangeValue::Type::blob) &&
                    mine.bytes == theirs
                  ? ""
                  : "another text or blob";
          break;
        }
        }
      }
      if (!why.empty()) {
        why = "change " + std::to_string(change) + ", column " + std::to_string(c) + ": " + why;
      }
    }
  }
  sqlite3changeset_finalize(it);
  return why;
}

} // namespace sleeplog::store::testing
