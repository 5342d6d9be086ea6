/* test-calendar.c: civil dates and the NYSE trading calendar. */
#include "config.h"

#include "cc-date.h"

static CcDate
d (const char *iso)
{
  CcDate date = CC_DATE_INVALID;

  g_assert_true (cc_date_parse_iso (iso, &date));
  return date;
}

static void
test_civil_round_trip (void)
{
  g_assert_cmpint (cc_date_from_ymd (1970, 1, 1), ==, 0);
  g_assert_cmpint (cc_date_from_ymd (2000, 3, 1), ==, 11017);
  g_assert_cmpint (cc_date_from_ymd (1969, 12, 31), ==, -1);

  for (CcDate x = cc_date_from_ymd (1899, 1, 1); x < cc_date_from_ymd (2101, 1, 1); x++)
    {
      int y, m, dd;

      cc_date_to_ymd (x, &y, &m, &dd);
      g_assert_true (cc_date_ymd_is_valid (y, m, dd));
      g_assert_cmpint (cc_date_from_ymd (y, m, dd), ==, x);
    }
}

static void
test_weekday (void)
{
  g_assert_cmpint (cc_date_get_weekday (d ("1970-01-01")), ==, 4);
  g_assert_cmpint (cc_date_get_weekday (d ("2026-07-01")), ==, 3);
  g_assert_cmpint (cc_date_get_weekday (d ("2026-07-04")), ==, 6);
  g_assert_cmpint (cc_date_get_weekday (d ("1969-12-28")), ==, 7);
}

static void
test_parse (void)
{
  CcDate x;
  char buf[11];

  g_assert_true (cc_date_parse_iso ("2024-02-29", &x));
  cc_date_format_iso (x, buf);
  g_assert_cmpstr (buf, ==, "2024-02-29");
  g_assert_false (cc_date_parse_iso ("2025-02-29", &x));
  g_assert_false (cc_date_parse_iso ("2026-13-01", &x));
  g_assert_false (cc_date_parse_iso ("2026-1-01", &x));
  g_assert_false (cc_date_parse_iso ("20260701", &x));
  g_assert_false (cc_date_parse_iso ("", &x));
  g_assert_false (cc_date_parse_iso (NULL, &x));
  g_assert_true (cc_date_parse ("20260701", TRUE, &x));
  g_assert_cmpint (x, ==, d ("2026-07-01"));
  g_assert_false (cc_date_parse ("2026070", TRUE, &x));
  g_assert_cmpint (cc_date_add_months (d ("2026-03-31"), -1), ==, d ("2026-02-28"));
  g_assert_cmpint (cc_date_add_months (d ("2025-11-15"), 3), ==, d ("2026-02-15"));
}

/* The NYSE holidays in the dataset's window (2025-10-06 .. 2026-10-05), as the exchange published
 * them; the calendar must agree exactly. */
static void
test_holidays_2025_2026 (void)
{
  const char *expected[] = {
    "2025-11-27", "2025-12-25", "2026-01-01", "2026-01-19", "2026-02-16", "2026-04-03",
    "2026-05-25", "2026-06-19", "2026-07-03", "2026-09-07",
  };
  CcDate from = d ("2025-10-06"), to = d ("2026-10-05");
  guint found = 0;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_true (cc_calendar_is_holiday (d (expected[i])));
      g_assert_false (cc_calendar_is_trading_day (d (expected[i])));
    }

  for (CcDate x = from; x <= to; x++)
    if (cc_date_get_weekday (x) <= 5 && cc_calendar_is_holiday (x))
      {
        char buf[11];
        gboolean listed = FALSE;

        cc_date_format_iso (x, buf);
        for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
          listed |= g_str_equal (buf, expected[i]);
        if (!listed)
          g_error ("unexpected holiday %s", buf);
        found++;
      }
  g_assert_cmpuint (found, ==, G_N_ELEMENTS (expected));
}

static void
test_holiday_rules (void)
{
  /* New Year's Day on a Saturday is not observed on the Friday before (2022). */
  g_assert_true (cc_calendar_is_trading_day (d ("2021-12-31")));
  /* On a Sunday it is observed on Monday (2023-01-02). */
  g_assert_true (cc_calendar_is_holiday (d ("2023-01-02")));
  /* Independence Day on a Sunday (2021) -> Monday 5 July. */
  g_assert_true (cc_calendar_is_holiday (d ("2021-07-05")));
  /* Juneteenth only from 2022; 2022-06-19 was a Sunday -> 2022-06-20. */
  g_assert_true (cc_calendar_is_trading_day (d ("2021-06-18")));
  g_assert_true (cc_calendar_is_holiday (d ("2022-06-20")));
  /* Good Friday 2000 (21 April) and 2008 (21 March). */
  g_assert_true (cc_calendar_is_holiday (d ("2000-04-21")));
  g_assert_true (cc_calendar_is_holiday (d ("2008-03-21")));
  /* Special closures. */
  g_assert_true (cc_calendar_is_holiday (d ("2001-09-11")));
  g_assert_true (cc_calendar_is_holiday (d ("2001-09-14")));
  g_assert_true (cc_calendar_is_trading_day (d ("2001-09-17")));
  g_assert_true (cc_calendar_is_holiday (d ("2012-10-29")));
  g_assert_true (cc_calendar_is_holiday (d ("2018-12-05")));
  g_assert_true (cc_calendar_is_holiday (d ("2025-01-09")));
  /* Thanksgiving 2030 is 28 November; Christmas 2027 (Saturday) -> Friday 24th. */
  g_assert_true (cc_calendar_is_holiday (d ("2030-11-28")));
  g_assert_true (cc_calendar_is_holiday (d ("2027-12-24")));
  /* Memorial Day 2000: 29 May; Labor Day 2030: 2 September. */
  g_assert_true (cc_calendar_is_holiday (d ("2000-05-29")));
  g_assert_true (cc_calendar_is_holiday (d ("2030-09-02")));
}

/* Every year 2000-2030 has 9 or 10 rule-based weekday holidays, plus special closures. */
static void
test_holiday_counts (void)
{
  for (int year = 2000; year <= 2030; year++)
    {
      g_autoptr(GArray) days = cc_calendar_holidays_in_year (year);
      guint weekday = 0, trading = 0;

      for (guint i = 0; i < days->len; i++)
        if (cc_date_get_weekday (g_array_index (days, CcDate, i)) <= 5)
          weekday++;
      g_assert_cmpuint (weekday, >=, 8);
      g_assert_cmpuint (weekday, <=, 14);

      for (CcDate x = cc_date_from_ymd (year, 1, 1); x <= cc_date_from_ymd (year, 12, 31); x++)
        trading += cc_calendar_is_trading_day (x);
      /* NYSE years have 246 to 253 sessions (2001 lost four days after 11 September). */
      g_assert_cmpuint (trading, >=, 246);
      g_assert_cmpuint (trading, <=, 253);
    }
}

static void
test_navigation (void)
{
  CcDate fri = d ("2026-07-02");

  /* 3 July 2026 is the observed Independence Day, so Thursday 2nd -> Monday 6th. */
  g_assert_cmpint (cc_calendar_next_trading_day (fri), ==, d ("2026-07-06"));
  g_assert_cmpint (cc_calendar_previous_trading_day (d ("2026-07-06")), ==, fri);
  g_assert_cmpint (cc_calendar_trading_day_on_or_before (d ("2026-07-05")), ==, fri);
  g_assert_cmpint (cc_calendar_trading_day_on_or_after (d ("2026-07-03")), ==, d ("2026-07-06"));
  g_assert_cmpint (cc_calendar_previous_trading_day (d ("2026-07-01")), ==, d ("2026-06-30"));
  g_assert_cmpint (cc_calendar_add_trading_days (d ("2026-07-01"), 2), ==, d ("2026-07-06"));
  g_assert_cmpint (cc_calendar_add_trading_days (d ("2026-07-06"), -2), ==, d ("2026-07-01"));
  g_assert_cmpint (cc_calendar_trading_days_between (d ("2026-07-01"), d ("2026-07-06")), ==, 2);
  g_assert_cmpint (cc_calendar_trading_days_between (d ("2026-07-06"), d ("2026-07-01")), ==, -2);

  {
    g_autoptr(GArray) days = cc_calendar_trading_days (d ("2025-10-06"), d ("2026-10-05"));
    g_assert_cmpuint (days->len, ==, 251);
    g_assert_cmpint (g_array_index (days, CcDate, 0), ==, d ("2025-10-06"));
    g_assert_cmpint (g_array_index (days, CcDate, days->len - 1), ==, d ("2026-10-05"));
  }
}

static void
test_unix_in_zone (void)
{
  g_autoptr(GTimeZone) ny = g_time_zone_new_identifier ("America/New_York");

  if (ny == NULL)
    {
      g_test_skip ("no tzdata for America/New_York");
      return;
    }
  /* The ^SOX bar of 2026-09-08 is stamped 13:30 UTC = 09:30 in New York. */
  g_assert_cmpint (cc_date_from_unix_in_zone (1788874200, ny), ==, d ("2026-09-08"));
  /* 2026-09-08 01:00 UTC is still 7 September in New York. */
  g_assert_cmpint (cc_date_from_unix_in_zone (1788829200, ny), ==, d ("2026-09-07"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/calendar/civil-round-trip", test_civil_round_trip);
  g_test_add_func ("/calendar/weekday", test_weekday);
  g_test_add_func ("/calendar/parse", test_parse);
  g_test_add_func ("/calendar/holidays-2025-2026", test_holidays_2025_2026);
  g_test_add_func ("/calendar/holiday-rules", test_holiday_rules);
  g_test_add_func ("/calendar/holiday-counts", test_holiday_counts);
  g_test_add_func ("/calendar/navigation", test_navigation);
  g_test_add_func ("/calendar/unix-in-zone", test_unix_in_zone);

  return g_test_run ();
}
