// What the files of the Store share and nobody outside the store sees: the rules every
// stored text and event must pass, and a look at the schema.
#pragma once

#include <sleeplog/model/event.hpp>
#include <sleeplog/store/sqlite.hpp>
#include <sleeplog/store/store.hpp>
#include <sleeplog/util/errors.hpp>

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace sleeplog::store {

/// True when the database has a table of this name (an older file may lack one).
bool has_table(const Connection& db, const char* name);

// What every stored text and event must be, so that every export imports back exactly.
inline void refuse_bad_text(std::string_view what, std::string_view text)
{
  if (auto problem = model::text_problem(what, text); !problem.empty()) {
    throw InputError(problem, "text must be UTF-8 without NUL characters; nothing was written");
  }
}

inline void refuse_bad_event(const model::Event& event)
{
  if (auto problem = model::event_problem(event); !problem.empty()) {
    throw InputError(problem, fmt::format("sleeplog keeps the years {} to {}, and text as UTF-8 "
                                          "without NUL characters; nothing was written",
                                          model::first_year, model::last_year));
  }
}

/// `head` VALUES `marks`, `marks`, … for `rows` rows: one INSERT of many rows.
inline std::string multi_row_insert_sql(std::string_view head, std::string_view marks,
                                        std::size_t rows)
{
  std::string sql(head);
  sql += " VALUES ";
  for (std::size_t i = 0; i < rows; ++i) {
    sql += i == 0 ? "" : ", ";
    sql += marks;
  }
  return sql;
}

// The rows of a bulk load waiting for their batch: one INSERT of many rows costs a
// fraction of as many one-row INSERTs (statement start, the AUTOINCREMENT counter).
struct Store::BulkEvents
{
  static constexpr std::size_t batch = 64;

  struct Row
  {
    model::Event event;
    std::string source_key;
    std::int64_t change_id = 0;
  };

  std::array<Row, batch> rows; // kept between batches: their strings reuse their memory
  std::size_t waiting = 0;
  // Ids above this one are free: the highest id this load gave, or the highest the
  // table ever gave (AUTOINCREMENT's counter) before it.
  std::int64_t highest_id = 0;
  std::unique_ptr<Statement> full; // INSERT of `batch` rows, prepared at the first batch
};

} // namespace sleeplog::store
