/* cc-date.c: civil dates as day numbers, and the NYSE full-day closures. */
#define G_LOG_DOMAIN "cc-date"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cc-date.h"

/* Howard Hinnant's days_from_civil / civil_from_days, valid for the whole int32 range of years
 * we accept. */
CcDate
cc_date_from_ymd (int year,
                  int month,
                  int day)
{
  int y = year - (month <= 2);
  int era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = (unsigned) (y - era * 400);
  unsigned doy = (153 * (unsigned) (month + (month > 2 ? -3 : 9)) + 2) / 5 + (unsigned) day - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + (int) doe - 719468;
}

void
cc_date_to_ymd (CcDate  date,
                int    *year,
                int    *month,
                int    *day)
{
  int z = date + 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = (unsigned) (z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = (int) yoe + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  unsigned d = doy - (153 * mp + 2) / 5 + 1;
  unsigned m = mp < 10 ? mp + 3 : mp - 9;

  if (year)
    *year = y + (m <= 2);
  if (month)
    *month = (int) m;
  if (day)
    *day = (int) d;
}

static gboolean
is_leap (int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int
cc_date_days_in_month (int year,
                       int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  g_return_val_if_fail (month >= 1 && month <= 12, 0);

  if (month == 2 && is_leap (year))
    return 29;
  return days[month - 1];
}

gboolean
cc_date_ymd_is_valid (int year,
                      int month,
                      int day)
{
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1)
    return FALSE;
  return day <= cc_date_days_in_month (year, month);
}

int
cc_date_get_year (CcDate date)
{
  int year;

  cc_date_to_ymd (date, &year, NULL, NULL);
  return year;
}

int
cc_date_get_weekday (CcDate date)
{
  /* 1970-01-01 was a Thursday (4). */
  int wd = (int) (((gint64) date % 7 + 7 + 3) % 7);

  return wd + 1;
}

static gboolean
parse_digits (const char *p,
              int         n,
              int        *out)
{
  int v = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return FALSE;
      v = v * 10 + (p[i] - '0');
    }
  *out = v;
  return TRUE;
}

gboolean
cc_date_parse (const char *text,
               gboolean    allow_compact,
               CcDate     *out_date)
{
  int y, m, d;
  gsize len;

  if (text == NULL)
    return FALSE;

  len = strlen (text);
  if (len == 10 && text[4] == '-' && text[7] == '-')
    {
      if (!parse_digits (text, 4, &y) || !parse_digits (text + 5, 2, &m) ||
          !parse_digits (text + 8, 2, &d))
        return FALSE;
    }
  else if (allow_compact && len == 8)
    {
      if (!parse_digits (text, 4, &y) || !parse_digits (text + 4, 2, &m) ||
          !parse_digits (text + 6, 2, &d))
        return FALSE;
    }
  else
    return FALSE;

  if (!cc_date_ymd_is_valid (y, m, d))
    return FALSE;

  if (out_date)
    *out_date = cc_date_from_ymd (y, m, d);
  return TRUE;
}

gboolean
cc_date_parse_iso (const char *text,
                   CcDate     *out_date)
{
  return cc_date_parse (text, FALSE, out_date);
}

void
cc_date_format_iso (CcDate date,
                    char   buf[11])
{
  int y, m, d;

  cc_date_to_ymd (date, &y, &m, &d);
  g_snprintf (buf, 11, "%04d-%02d-%02d", CLAMP (y, 0, 9999), m, d);
}

char *
cc_date_to_iso (CcDate date)
{
  char buf[11];

  cc_date_format_iso (date, buf);
  return g_strdup (buf);
}

GDateTime *
cc_date_to_date_time (CcDate date)
{
  int y, m, d;

  cc_date_to_ymd (date, &y, &m, &d);
  return g_date_time_new_utc (y, m, d, 0, 0, 0);
}

CcDate
cc_date_from_unix_in_zone (gint64     unix_seconds,
                           GTimeZone *zone)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return CC_DATE_INVALID;
  local = zone ? g_date_time_to_timezone (utc, zone) : g_date_time_ref (utc);
  if (local == NULL)
    return CC_DATE_INVALID;
  return cc_date_from_ymd (g_date_time_get_year (local), g_date_time_get_month (local),
                           g_date_time_get_day_of_month (local));
}

CcDate
cc_date_add_months (CcDate date,
                    int    months)
{
  int y, m, d, total;

  cc_date_to_ymd (date, &y, &m, &d);
  total = y * 12 + (m - 1) + months;
  y = total / 12;
  m = total % 12 + 1;
  d = MIN (d, cc_date_days_in_month (y, m));
  return cc_date_from_ymd (y, m, d);
}

/* -------------------------------------------------------------------------------------------- */
/* NYSE calendar */

/* The @nth (1-based) @weekday (1 = Monday) of a month; nth = -1 for the last. */
static CcDate
nth_weekday (int year,
             int month,
             int weekday,
             int nth)
{
  if (nth > 0)
    {
      CcDate first = cc_date_from_ymd (year, month, 1);
      int delta = (weekday - cc_date_get_weekday (first) + 7) % 7;
      return first + delta + 7 * (nth - 1);
    }
  else
    {
      CcDate last = cc_date_from_ymd (year, month, cc_date_days_in_month (year, month));
      int delta = (cc_date_get_weekday (last) - weekday + 7) % 7;
      return last - delta;
    }
}

static CcDate
easter_sunday (int year)
{
  /* Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
  int a = year % 19, b = year / 100, c = year % 100;
  int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4, k = c % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31;
  int day = (h + l - 7 * m + 114) % 31 + 1;

  return cc_date_from_ymd (year, month, day);
}

/* A fixed-date holiday on a Saturday is observed the Friday before, on a Sunday the Monday
 * after. NYSE does not observe New Year's Day on the Friday before when it falls on a Saturday,
 * since that Friday closes the previous year's books. */
static CcDate
observed (CcDate date,
          gboolean friday_rule)
{
  int wd = cc_date_get_weekday (date);

  if (wd == 6)
    return friday_rule ? date - 1 : CC_DATE_INVALID;
  if (wd == 7)
    return date + 1;
  return date;
}

static const char * const special_closures[] = {
  "1994-04-27", /* Richard Nixon's funeral */
  "2001-09-11", "2001-09-12", "2001-09-13", "2001-09-14", /* September 11 attacks */
  "2004-06-11", /* Ronald Reagan's funeral */
  "2007-01-02", /* Gerald Ford's funeral */
  "2012-10-29", "2012-10-30", /* Hurricane Sandy */
  "2018-12-05", /* George H. W. Bush's funeral */
  "2025-01-09", /* Jimmy Carter's funeral */
};

static int
compare_dates (gconstpointer a,
               gconstpointer b)
{
  CcDate da = *(const CcDate *) a, db = *(const CcDate *) b;
  return (da > db) - (da < db);
}

static void
add_date (GArray *array,
          CcDate  date)
{
  if (date != CC_DATE_INVALID)
    g_array_append_val (array, date);
}

GArray *
cc_calendar_holidays_in_year (int year)
{
  GArray *days = g_array_new (FALSE, FALSE, sizeof (CcDate));

  add_date (days, observed (cc_date_from_ymd (year, 1, 1), FALSE));
  if (year >= 1998)
    add_date (days, nth_weekday (year, 1, 1, 3));          /* Martin Luther King Jr. Day */
  add_date (days, nth_weekday (year, 2, 1, 3));            /* Washington's Birthday */
  add_date (days, easter_sunday (year) - 2);               /* Good Friday */
  add_date (days, nth_weekday (year, 5, 1, -1));           /* Memorial Day */
  if (year >= 2022)
    add_date (days, observed (cc_date_from_ymd (year, 6, 19), TRUE)); /* Juneteenth */
  add_date (days, observed (cc_date_from_ymd (year, 7, 4), TRUE));
  add_date (days, nth_weekday (year, 9, 1, 1));            /* Labor Day */
  add_date (days, nth_weekday (year, 11, 4, 4));           /* Thanksgiving */
  add_date (days, observed (cc_date_from_ymd (year, 12, 25), TRUE));

  for (guint i = 0; i < G_N_ELEMENTS (special_closures); i++)
    {
      CcDate d;

      if (cc_date_parse_iso (special_closures[i], &d) && cc_date_get_year (d) == year)
        add_date (days, d);
    }

  g_array_sort (days, compare_dates);
  return days;
}

/* A bit per day from CC_CALENDAR_FIRST_YEAR to CC_CALENDAR_LAST_YEAR, built once. */
static const guint8 *
holiday_bits (CcDate *out_first)
{
  static gsize initialised;
  static guint8 *bits;
  static CcDate first;

  if (g_once_init_enter (&initialised))
    {
      CcDate start = cc_date_from_ymd (CC_CALENDAR_FIRST_YEAR, 1, 1);
      CcDate end = cc_date_from_ymd (CC_CALENDAR_LAST_YEAR, 12, 31);
      guint8 *b = g_malloc0 ((gsize) (end - start) / 8 + 1);

      for (int year = CC_CALENDAR_FIRST_YEAR; year <= CC_CALENDAR_LAST_YEAR; year++)
        {
          g_autoptr(GArray) days = cc_calendar_holidays_in_year (year);

          for (guint i = 0; i < days->len; i++)
            {
              CcDate d = g_array_index (days, CcDate, i);
              if (d >= start && d <= end)
                b[(d - start) / 8] |= (guint8) (1u << ((d - start) % 8));
            }
        }
      first = start;
      bits = b;
      g_once_init_leave (&initialised, 1);
    }

  *out_first = first;
  return bits;
}

gboolean
cc_calendar_is_holiday (CcDate date)
{
  CcDate first;
  const guint8 *bits = holiday_bits (&first);
  int year = cc_date_get_year (date);

  if (year < CC_CALENDAR_FIRST_YEAR || year > CC_CALENDAR_LAST_YEAR)
    {
      /* Outside the table: compute the year's rule-based holidays directly. */
      g_autoptr(GArray) days = cc_calendar_holidays_in_year (year);
      for (guint i = 0; i < days->len; i++)
        if (g_array_index (days, CcDate, i) == date)
          return TRUE;
      return FALSE;
    }

  return (bits[(date - first) / 8] >> ((date - first) % 8)) & 1;
}

gboolean
cc_calendar_is_trading_day (CcDate date)
{
  return cc_date_get_weekday (date) <= 5 && !cc_calendar_is_holiday (date);
}

CcDate
cc_calendar_next_trading_day (CcDate date)
{
  do
    date++;
  while (!cc_calendar_is_trading_day (date));
  return date;
}

CcDate
cc_calendar_previous_trading_day (CcDate date)
{
  do
    date--;
  while (!cc_calendar_is_trading_day (date));
  return date;
}

CcDate
cc_calendar_trading_day_on_or_after (CcDate date)
{
  return cc_calendar_is_trading_day (date) ? date : cc_calendar_next_trading_day (date);
}

CcDate
cc_calendar_trading_day_on_or_before (CcDate date)
{
  return cc_calendar_is_trading_day (date) ? date : cc_calendar_previous_trading_day (date);
}

CcDate
cc_calendar_add_trading_days (CcDate date,
                              int    n)
{
  for (; n > 0; n--)
    date = cc_calendar_next_trading_day (date);
  for (; n < 0; n++)
    date = cc_calendar_previous_trading_day (date);
  return date;
}

int
cc_calendar_trading_days_between (CcDate from,
                                  CcDate to)
{
  int count = 0;
  CcDate lo = MIN (from, to), hi = MAX (from, to);

  for (CcDate d = lo + 1; d <= hi; d++)
    if (cc_calendar_is_trading_day (d))
      count++;
  return to >= from ? count : -count;
}

GArray *
cc_calendar_trading_days (CcDate from,
                          CcDate to)
{
  GArray *days = g_array_new (FALSE, FALSE, sizeof (CcDate));

  for (CcDate d = from; d <= to; d++)
    if (cc_calendar_is_trading_day (d))
      g_array_append_val (days, d);
  return days;
}
