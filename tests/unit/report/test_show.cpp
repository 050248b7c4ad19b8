// `show` of DESIGN §5.1's worked night: exact text, JSON and CSV.
#include <sleeplog/model/metrics.hpp>
#include <sleeplog/report/show.hpp>

#include <doctest/doctest.h>

#include "night_fixture.hpp"
#include <string>

namespace {

using namespace sleeplog;

const report::Style ascii{false, false};

} // namespace

TEST_CASE("show: events, every metric and the timeline of the worked night")
{
  const auto night = fixture::worked_night();
  const auto text = report::render_show(night, model::compute_metrics(night), "baby", ascii,
                                        fixture::at({2026, 11, 28}, 12, 0));
  CHECK(text == "Night of Fri 27 Nov (2026-11-27) for baby\n"
                "\n"
                " id  time         kind     length  by   note\n"
                " #1  09:30-10:15  nap         45m\n"
                " #2  13:00-14:30  nap       1h30m\n"
                " #3  19:00        bed\n"
                " #4  19:20        asleep\n"
                " #5  23:10        woke\n"
                " #6  23:11-23:20  cry          9m\n"
                " #7  23:25        asleep\n"
                " #8  02:00        woke\n"
                " #9  02:05-02:08  checkin      3m  Sam  quiet\\nvoice\n"
                "#10  02:40        asleep\n"
                "#11  06:10        woke\n"
                "#12  06:30        up\n"
                "\n"
                "bedtime         19:00               efficiency       86.2%\n"
                "asleep          19:20               longest stretch  230 min (3h50m)\n"
                "settling        20 min              crying           9 min, 1 episode\n"
                "wakings         2                   check-ins        1, 3 min\n"
                "awake at night  55 min              feeds            0\n"
                "final wake      06:10               naps             2, 135 min\n"
                "up              06:30               sleep in 24 h    730 min (12h10m)\n"
                "early waking    20 min              complete         yes\n"
                "time in bed     690 min (11h30m)    concern          no\n"
                "total sleep     595 min (9h55m)\n"
                "\n"
                "            18  19  20  21  22  23  00  01  02  03  04  05  06  07  08 sleep\n"
                "Fri 27 Nov      .################~##########!..##############.          9:55\n"
                "# asleep  . awake in bed  ~ crying  ! check-in  f feed  blank: up; sleep: h:mm\n");
}

TEST_CASE("show: an open night with no bed leaves what is unknown as -")
{
  using K = model::Kind;
  const time::Date d{2026, 11, 27};
  model::Night night;
  night.date = d;
  night.events = {fixture::event(1, K::asleep, d, 19, 20), fixture::event(2, K::woke, d, 23, 10)};
  const auto text = report::render_show(night, model::compute_metrics(night), "baby", ascii,
                                        fixture::at(d, 23, 30));
  CHECK(text == "Night of Fri 27 Nov (2026-11-27) for baby, still open\n"
                "\n"
                "id  time   kind    length  by  note\n"
                "#1  19:20  asleep\n"
                "#2  23:10  woke\n"
                "\n"
                "bedtime         -        efficiency       -\n"
                "asleep          19:20    longest stretch  -\n"
                "settling        -        crying           0 min, 0 episodes\n"
                "wakings         0        check-ins        0, 0 min\n"
                "awake at night  0 min    feeds            0\n"
                "final wake      -        naps             0, 0 min\n"
                "up              -        sleep in 24 h    -\n"
                "early waking    -        complete         no\n"
                "time in bed     -        concern          -\n"
                "total sleep     -\n"
                "\n"
                "            18  19  20  21  22  23  00  01  02  03  04  05  06  07  08 sleep\n"
                "Fri 27 Nov       ################.                                         -\n"
                "# asleep  . awake in bed  ~ crying  ! check-in  f feed  blank: up; sleep: h:mm\n");
}

TEST_CASE("show: JSON holds the nights columns and the events")
{
  const auto night = fixture::worked_night();
  const auto json = report::show_json(night, model::compute_metrics(night), "baby");
  CHECK(
    json ==
    "{\"night\":{\"night\":\"2026-11-27\",\"child\":\"baby\",\"bedtime\":\"2026-11-27T19:00:00-05:"
    "00\",\"asleep\":\"2026-11-27T19:20:00-05:00\",\"sol_min\":20,\"wakings\":2,\"waso_min\":55,"
    "\"final_wake\":\"2026-11-28T06:10:00-05:00\",\"up\":\"2026-11-28T06:30:00-05:00\",\"twak_"
    "min\":20,\"tib_min\":690,\"tst_min\":595,\"se_pct\":86.2,\"longest_stretch_min\":230,\"cry_"
    "min\":9,\"cry_episodes\":1,\"checkins\":1,\"checkin_min\":3,\"feeds\":0,\"naps\":2,\"nap_"
    "min\":135,\"sleep_24h_min\":730,\"complete\":true,\"concern\":false,"
    "\"concern_reasons\":null,\"tags\":null,\"self_settled\":1,\"response_min\":null,"
    "\"plan\":null,\"plan_night\":null,\"adherence_pct\":null,\"nap_cry_min\":0,"
    "\"nap_checkins\":0,\"tag_notes\":null},\"events\":[{\"id\":1,"
    "\"uuid\":\"\",\"child\":\"baby\",\"night\":\"2026-11-27\",\"kind\":\"nap\",\"start\":\"2026-"
    "11-27T09:30:00-05:00\",\"end\":\"2026-11-27T10:15:00-05:00\",\"duration_s\":2700,\"by\":null,"
    "\"note\":null},{\"id\":2,\"uuid\":\"\",\"child\":\"baby\",\"night\":\"2026-11-27\",\"kind\":"
    "\"nap\",\"start\":\"2026-11-27T13:00:00-05:00\",\"end\":\"2026-11-27T14:30:00-05:00\","
    "\"duration_s\":5400,\"by\":null,\"note\":null},{\"id\":3,\"uuid\":\"\",\"child\":\"baby\","
    "\"night\":\"2026-11-27\",\"kind\":\"bed\",\"start\":\"2026-11-27T19:00:00-05:00\",\"end\":"
    "null,\"duration_s\":null,\"by\":null,\"note\":null},{\"id\":4,\"uuid\":\"\",\"child\":"
    "\"baby\",\"night\":\"2026-11-27\",\"kind\":\"asleep\",\"start\":\"2026-11-27T19:20:00-05:00\","
    "\"end\":null,\"duration_s\":null,\"by\":null,\"note\":null},{\"id\":5,\"uuid\":\"\",\"child\":"
    "\"baby\",\"night\":\"2026-11-27\",\"kind\":\"woke\",\"start\":\"2026-11-27T23:10:00-05:00\","
    "\"end\":null,\"duration_s\":null,\"by\":null,\"note\":null},{\"id\":6,\"uuid\":\"\",\"child\":"
    "\"baby\",\"night\":\"2026-11-27\",\"kind\":\"cry\",\"start\":\"2026-11-27T23:11:00-05:00\","
    "\"end\":\"2026-11-27T23:20:00-05:00\",\"duration_s\":540,\"by\":null,\"note\":null},{\"id\":7,"
    "\"uuid\":\"\",\"child\":\"baby\",\"night\":\"2026-11-27\",\"kind\":\"asleep\",\"start\":"
    "\"2026-11-27T23:25:00-05:00\",\"end\":null,\"duration_s\":null,\"by\":null,\"note\":null},{"
    "\"id\":8,\"uuid\":\"\",\"child\":\"baby\",\"night\":\"2026-11-27\",\"kind\":\"woke\","
    "\"start\":\"2026-11-28T02:00:00-05:00\",\"end\":null,\"duration_s\":null,\"by\":null,\"note\":"
    "null},{\"id\":9,\"uuid\":\"\",\"child\":\"baby\",\"night\":\"2026-11-27\",\"kind\":"
    "\"checkin\",\"start\":\"2026-11-28T02:05:00-05:00\",\"end\":\"2026-11-28T02:08:00-05:00\","
    "\"duration_s\":180,\"by\":\"Sam\",\"note\":\"quiet\\nvoice\"},{\"id\":10,\"uuid\":\"\","
    "\"child\":\"baby\",\"night\":\"2026-11-27\",\"kind\":\"asleep\",\"start\":\"2026-11-28T02:40:"
    "00-05:00\",\"end\":null,\"duration_s\":null,\"by\":null,\"note\":null},{\"id\":11,\"uuid\":"
    "\"\",\"child\":\"baby\",\"night\":\"2026-11-27\",\"kind\":\"woke\",\"start\":\"2026-11-28T06:"
    "10:00-05:00\",\"end\":null,\"duration_s\":null,\"by\":null,\"note\":null},{\"id\":12,\"uuid\":"
    "\"\",\"child\":\"baby\",\"night\":\"2026-11-27\",\"kind\":\"up\",\"start\":\"2026-11-28T06:30:"
    "00-05:00\",\"end\":null,\"duration_s\":null,\"by\":null,\"note\":null}]}\n");
  const auto csv = report::show_csv(night, model::compute_metrics(night), "baby");
  CHECK(
    csv ==
    "night,child,bedtime,asleep,sol_min,wakings,waso_min,final_wake,up,twak_min,tib_min,tst_min,se_"
    "pct,longest_stretch_min,cry_min,cry_episodes,checkins,checkin_min,feeds,naps,nap_min,sleep_"
    "24h_min,complete,concern,concern_reasons,tags,self_settled,response_min,plan,plan_night,"
    "adherence_pct,nap_cry_min,nap_checkins,tag_notes\n"
    "2026-11-27,baby,2026-11-27T19:00:00-05:00,2026-11-27T19:20:00-05:00,20,2,55,2026-11-28T06:10:"
    "00-05:00,2026-11-28T06:30:00-05:00,20,690,595,86.2,230,9,1,1,3,0,2,135,730,true,false,,,1,,,,,"
    "0,0,"
    "\n");
}
