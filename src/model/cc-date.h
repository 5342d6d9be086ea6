/* cc-date.h: calendar dates as day numbers, and the NYSE trading calendar.
 *
 * A CcDate counts days since 1970-01-01 in the proleptic Gregorian calendar, so dates compare
 * and subtract as plain integers and carry no time zone.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef gint32 CcDate;

#define CC_DATE_INVALID G_MININT32

/* The years whose NYSE holidays and special closures the calendar knows. */
#define CC_CALENDAR_FIRST_YEAR 1990
#define CC_CALENDAR_LAST_YEAR  2035

CcDate    cc_date_from_ymd                (int          year,
                                           int          month,
                                           int          day);
void      cc_date_to_ymd                  (CcDate       date,
                                           int         *year,
                                           int         *month,
                                           int         *day);
gboolean  cc_date_ymd_is_valid            (int          year,
                                           int          month,
                                           int          day);
int       cc_date_days_in_month           (int          year,
                                           int          month);
int       cc_date_get_year                (CcDate       date);
/* ISO weekday: 1 = Monday .. 7 = Sunday. */
int       cc_date_get_weekday             (CcDate       date);
/* Parses YYYY-MM-DD (and, with @allow_compact, YYYYMMDD); rejects impossible dates. */
gboolean  cc_date_parse_iso               (const char  *text,
                                           CcDate      *out_date);
gboolean  cc_date_parse                   (const char  *text,
                                           gboolean     allow_compact,
                                           CcDate      *out_date);
/* Writes YYYY-MM-DD and a NUL into @buf. */
void      cc_date_format_iso              (CcDate       date,
                                           char         buf[11]);
char     *cc_date_to_iso                  (CcDate       date);
/* A GDateTime at midnight UTC of @date, for locale formatting. */
GDateTime *cc_date_to_date_time           (CcDate       date);
CcDate    cc_date_from_unix_in_zone       (gint64       unix_seconds,
                                           GTimeZone   *zone);
CcDate    cc_date_add_months              (CcDate       date,
                                           int          months);

gboolean  cc_calendar_is_holiday          (CcDate       date);
gboolean  cc_calendar_is_trading_day      (CcDate       date);
/* The first trading day strictly after / before @date. */
CcDate    cc_calendar_next_trading_day    (CcDate       date);
CcDate    cc_calendar_previous_trading_day (CcDate      date);
/* @date itself if it trades, otherwise the nearest trading day after / before it. */
CcDate    cc_calendar_trading_day_on_or_after  (CcDate  date);
CcDate    cc_calendar_trading_day_on_or_before (CcDate  date);
/* Moves by @n trading days (negative goes back). */
CcDate    cc_calendar_add_trading_days    (CcDate       date,
                                           int          n);
/* Trading days in (from, to]: positive when @to is later, negative when earlier. */
int       cc_calendar_trading_days_between (CcDate      from,
                                           CcDate       to);
/* Every trading day in [from, to], as a GArray of CcDate. */
GArray   *cc_calendar_trading_days        (CcDate       from,
                                           CcDate       to);
/* The NYSE full-day closures in @year (weekday holidays and special closures), sorted. */
GArray   *cc_calendar_holidays_in_year    (int          year);

G_END_DECLS
