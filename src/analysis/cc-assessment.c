/* cc-assessment.c: the phase and scenario assessment for an as-of date, and its timeline.
 *
 * Both paths read the same snapshot (CcAssessor) and share the code that turns an as-of day
 * into indicator values and the values into weights; they differ in how they find the trailing
 * 52-week high and the event in use: a single evaluation scans, the timeline carries a
 * monotonic queue and an event cursor from day to day. The tests compare the two on every day.
 */
#define G_LOG_DOMAIN "cc-assessment"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cc-analysis.h"
#include "cc-assessment.h"
#include "cc-event-study.h"
#include "cc-monitors.h"
#include "cc-rebase.h"
#include "cc-rules-private.h"

#define AVERAGE_DAYS   200
#define RUNUP_DAYS     126
#define N_EDGAR        (CC_N_INDICATORS - CC_INDICATOR_FIRST_EDGAR)

typedef enum {
  BASKET_MEMORY,
  BASKET_GPU,
  BASKET_EQUIPMENT,
  BASKET_NEOCLOUD,
  BASKET_MINERS,
  N_BASKETS
} Basket;

static const char * const basket_groups[N_BASKETS] = {
  CC_GROUP_MEMORY, CC_GROUP_GPU, CC_GROUP_EQUIPMENT, CC_GROUP_NEOCLOUD, CC_GROUP_MINERS,
};

/* Why an indicator is missing. */
typedef enum {
  MISSING_NONE,
  MISSING_NO_EVENT,
  MISSING_SOX_EVENT_DAY,
  MISSING_BASKET,
  MISSING_BASKET_EVENT_DAY,
  MISSING_AVERAGE,
  MISSING_RUNUP,
  MISSING_NO_EDGAR,        /* no figures from SEC EDGAR loaded at all (offline) */
  MISSING_EDGAR_MONITOR,   /* loaded, but not this monitor */
  MISSING_EDGAR_NOT_YET,   /* no quarter of it was filed on or before the as-of date */
} Missing;

struct _CcAssessor {
  gatomicrefcount  ref_count;
  CcRules         *rules;
  CcSeries        *sox;
  guint            n_days;
  const CcPoint   *points;          /* the ^SOX closes, borrowed from @sox */
  CcSeries        *baskets[N_BASKETS];
  GPtrArray       *qualifying;      /* CcEvent, by day 0 */
  GArray          *qualifying_day;  /* CcDate: day 0 of each */
  GPtrArray       *signals;         /* CcEvent with a monitor signal, visible, by date */
  /* The monitors fed by SEC EDGAR, one per EDGAR indicator: their readings (NULL: that
   * monitor is not loaded) and their titles. */
  gboolean         has_edgar;
  GArray          *readings[N_EDGAR];
  char            *monitor_title[N_EDGAR];
};

/* Where the as-of day stands: what the two paths find in their own way. */
typedef struct {
  guint    k;            /* index of the as-of close */
  CcDate   window_first; /* first trading day of the 52 weeks to the as-of day */
  guint    high_index;   /* the highest close in the window (the latest of equals) */
  int      event;        /* index in ->qualifying, or -1 */
} DayState;

/* Formatting */

static char *
format_day (CcDate date)
{
  g_autoptr(GDateTime) dt = cc_date_to_date_time (date);
  g_autofree char *text = g_date_time_format (dt, C_("event date", "%-d %b %Y"));

  return g_strdup (g_strstrip (text));
}

/* A clause after a colon: lower-case first letter where the language does that. */
static char *
as_clause (const char *sentence)
{
  /* TRANSLATORS: write "lower" if in your language a clause after a colon starts with a
   * lower-case letter (as in English and French); write anything else to keep the capital
   * (German). Not shown to users. */
  if (g_str_equal (C_("after a colon", "lower"), "lower") && sentence[0] != '\0' &&
      !g_unichar_isupper (g_utf8_get_char (g_utf8_next_char (sentence))))
    {
      /* (An acronym such as "SOX" keeps its capitals.) */
      gunichar c = g_utf8_get_char (sentence);
      const char *rest = g_utf8_next_char (sentence);
      char buf[8];
      int len = g_unichar_to_utf8 (g_unichar_tolower (c), buf);

      return g_strdup_printf ("%.*s%s", len, buf, rest);
    }
  return g_strdup (sentence);
}

/* Plain sentences for the indicators */

typedef struct {
  CcEvent *event;
  CcDate   window_first;
  gboolean full_year;
  CcDate   data_first;
  CcDate   as_of;
  CcRules *rules;
  const CcMonitorReading *reading[N_EDGAR];   /* what each EDGAR monitor says on @as_of */
  const char *const      *monitor_title;      /* N_EDGAR titles */
} Context;

/* A monitor's reading in words, naming the monitor, the quarter and the filing behind it. */
static char *
describe_edgar (const Context *ctx,
                CcIndicatorId  id,
                double         v)
{
  const CcMonitorReading *r = ctx->reading[id - CC_INDICATOR_FIRST_EDGAR];
  const char *title = ctx->monitor_title[id - CC_INDICATOR_FIRST_EDGAR];
  g_autofree char *pct = NULL;
  g_autofree char *what = NULL;
  g_autofree char *source = NULL;

  g_assert (r != NULL);
  switch (id)
    {
    case CC_INDICATOR_EDGAR_CAPEX_GROWTH:
      pct = cc_format_percent (fabs (v), 1, FALSE);
      what = g_strdup_printf (v >= 0
                              /* TRANSLATORS: a percentage ("66.7%"), a year, a quarter number */
                              ? _("The hyperscalers’ capex grew %s on a year in %d Q%d")
                              /* TRANSLATORS: a percentage ("6.7%"), a year, a quarter number */
                              : _("The hyperscalers’ capex shrank %s on a year in %d Q%d"),
                              pct, r->year, r->quarter);
      break;
    case CC_INDICATOR_EDGAR_MEMORY_MARGIN_CHANGE:
      pct = cc_format_number (fabs (v), 1, FALSE);
      what = g_strdup_printf (v >= 0
                              /* TRANSLATORS: percentage points ("22.5"), a fiscal year, a
                               * quarter number */
                              ? _("The gross margin of memory maker Micron, a proxy for memory "
                                  "prices, rose %s percentage points on a year in fiscal %d Q%d")
                              /* TRANSLATORS: percentage points ("22.5"), a fiscal year, a
                               * quarter number */
                              : _("The gross margin of memory maker Micron, a proxy for memory "
                                  "prices, fell %s percentage points on a year in fiscal %d Q%d"),
                              pct, r->year, r->quarter);
      break;
    case CC_INDICATOR_EDGAR_AI_REVENUE_GROWTH:
      pct = cc_format_percent (fabs (v), 1, FALSE);
      what = g_strdup_printf (v >= 0
                              /* TRANSLATORS: a percentage ("100.0%"), a fiscal year, a quarter */
                              ? _("NVIDIA’s revenue, a proxy for AI demand, grew %s on a year in "
                                  "fiscal %d Q%d")
                              /* TRANSLATORS: a percentage ("10.0%"), a fiscal year, a quarter */
                              : _("NVIDIA’s revenue, a proxy for AI demand, fell %s on a year in "
                                  "fiscal %d Q%d"),
                              pct, r->year, r->quarter);
      break;
    case CC_INDICATOR_EDGAR_MINER_AGREEMENTS:
    default:
      if (v < 0.5)
        /* TRANSLATORS: a year and a quarter number */
        what = g_strdup_printf (_("The miners turned AI hosts filed no material agreement "
                                  "(8-K item 1.01) in %d Q%d"), r->year, r->quarter);
      else
        what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             /* TRANSLATORS: a count, a year, a quarter */
                                             "The miners turned AI hosts filed %.0f material "
                                             "agreement (8-K item 1.01) in %d Q%d",
                                             "The miners turned AI hosts filed %.0f material "
                                             "agreements (8-K item 1.01) in %d Q%d",
                                             (gulong) v),
                                v, r->year, r->quarter);
      break;
    }
  if (r->accession != NULL)
    {
      g_autofree char *filed = format_day (r->filed);

      /* TRANSLATORS: a monitor's title, then the filing behind the figure: its form ("10-Q"),
       * accession number and filing date */
      source = g_strdup_printf (_("the “%s” monitor, from %s %s filed %s"), title,
                                r->form ? r->form : "", r->accession, filed);
    }
  else
    /* TRANSLATORS: a monitor's title */
    source = g_strdup_printf (_("the “%s” monitor, from the SEC EDGAR filings of that quarter"),
                              title);
  return g_strdup_printf ("%s (%s)", what, source);
}

#define gap(value, worse, better, level) \
  (fabs (value) < 0.05 ? g_strdup_printf (level, title) \
                       : g_strdup_printf ((value) < 0 ? (worse) : (better), title, fabs (value)))

static char *
describe (const Context *ctx,
          CcIndicatorId  id,
          double         v)
{
  const char *title = ctx->event ? cc_event_get_title (ctx->event) : "";
  g_autofree char *pct = cc_format_percent (fabs (v), id == CC_INDICATOR_SOX_EVENT_MOVE ? 2
                                                      : id == CC_INDICATOR_MEMORY_RUNUP ? 0
                                                      : 1, FALSE);

  switch (id)
    {
    case CC_INDICATOR_SOX_DRAWDOWN:
      if (!ctx->full_year)
        {
          g_autofree char *since = format_day (ctx->data_first);

          if (v < 0.05)
            return g_strdup_printf (_("Chip stocks (the SOX index) closed at their highest "
                                      "level since %s, when the data start"), since);
          /* TRANSLATORS: the first %s is a percentage ("22.3%"), the second a date */
          return g_strdup_printf (_("Chip stocks (the SOX index) are %s below their "
                                    "highest close since %s, when the data start"), pct, since);
        }
      if (v < 0.05)
        return g_strdup (_("Chip stocks (the SOX index) closed at their highest level of the "
                           "past year"));
      /* TRANSLATORS: %s is a percentage, "22.3%" */
      return g_strdup_printf (_("Chip stocks (the SOX index) are %s below their highest "
                                "close of the past year"), pct);
    case CC_INDICATOR_SOX_EVENT_MOVE:
      if (v < 0)
        /* TRANSLATORS: the first %s is a percentage ("6.27%"), the second an event's title */
        return g_strdup_printf (_("Chip stocks fell %s on the day of “%s”"), pct, title);
      /* TRANSLATORS: the first %s is a percentage ("6.27%"), the second an event's title */
      return g_strdup_printf (_("Chip stocks rose %s on the day of “%s”"), pct, title);
    case CC_INDICATOR_MEMORY_MINUS_GPU_EVENT:
      return gap (v,
                  _("On the day of “%s”, memory makers did %.1f percentage points worse than "
                    "GPU designers"),
                  _("On the day of “%s”, memory makers did %.1f percentage points better than "
                    "GPU designers"),
                  _("On the day of “%s”, memory makers and GPU designers moved alike"));
    case CC_INDICATOR_MEMORY_MINUS_GPU_SINCE:
      return gap (v,
                  _("Since “%s”, memory makers have done %.1f percentage points worse than GPU "
                    "designers"),
                  _("Since “%s”, memory makers have done %.1f percentage points better than "
                    "GPU designers"),
                  _("Since “%s”, memory makers have kept pace with GPU designers"));
    case CC_INDICATOR_EQUIPMENT_VS_SOX_SINCE:
      return gap (v,
                  _("Since “%s”, chip-equipment makers have done %.1f percentage points worse "
                    "than chip stocks as a whole"),
                  _("Since “%s”, chip-equipment makers have done %.1f percentage points better "
                    "than chip stocks as a whole"),
                  _("Since “%s”, chip-equipment makers have kept pace with chip stocks as a "
                    "whole"));
    case CC_INDICATOR_NEOCLOUD_VS_SOX_SINCE:
      return gap (v,
                  _("Since “%s”, the neoclouds (firms renting out GPUs) have done %.1f "
                    "percentage points worse than chip stocks as a whole"),
                  _("Since “%s”, the neoclouds (firms renting out GPUs) have done %.1f "
                    "percentage points better than chip stocks as a whole"),
                  _("Since “%s”, the neoclouds (firms renting out GPUs) have kept pace with "
                    "chip stocks as a whole"));
    case CC_INDICATOR_MINERS_VS_SOX_SINCE:
      return gap (v,
                  _("Since “%s”, the bitcoin miners turned AI hosts have done %.1f percentage "
                    "points worse than chip stocks as a whole"),
                  _("Since “%s”, the bitcoin miners turned AI hosts have done %.1f percentage "
                    "points better than chip stocks as a whole"),
                  _("Since “%s”, the bitcoin miners turned AI hosts have kept pace with chip "
                    "stocks as a whole"));
    case CC_INDICATOR_SOX_VS_MA200:
      if (fabs (v) < 0.05)
        return g_strdup (_("Chip stocks are at their average of the last 200 trading days"));
      if (v > 0)
        /* TRANSLATORS: %s is a percentage, "4.1%" */
        return g_strdup_printf (_("Chip stocks are %s above their average of the last 200 "
                                  "trading days"), pct);
      /* TRANSLATORS: %s is a percentage, "4.1%" */
      return g_strdup_printf (_("Chip stocks are %s below their average of the last 200 "
                                "trading days"), pct);
    case CC_INDICATOR_MEMORY_RUNUP:
      if (v < 0)
        /* TRANSLATORS: the first %s is an event's title, the second a percentage ("312%") */
        return g_strdup_printf (_("In the six months (126 trading days) before “%s”, memory "
                                  "makers fell %s"), title, pct);
      /* TRANSLATORS: the first %s is an event's title, the second a percentage ("312%") */
      return g_strdup_printf (_("In the six months (126 trading days) before “%s”, memory makers "
                                "rose %s"), title, pct);
    case CC_INDICATOR_MONETISATION_EVENT:
      if (v != 0 && ctx->event)
        {
          g_autofree char *when = cc_event_format_when (ctx->event);

          /* TRANSLATORS: an event's title and date, then the kind of event the rules look for,
           * e.g. "offers of spare AI computing capacity for sale or rent" */
          return g_strdup_printf (_("Within the past year there was “%s” (%s), one of the %s"),
                                  title, when, cc_rules_get_qualifying_description (ctx->rules));
        }
      /* TRANSLATORS: %s is the kind of event the rules look for, e.g. "offers of spare AI
       * computing capacity for sale or rent" */
      return g_strdup_printf (_("There were no %s within the past year"),
                              cc_rules_get_qualifying_description (ctx->rules));
    case CC_INDICATOR_EDGAR_CAPEX_GROWTH:
    case CC_INDICATOR_EDGAR_MEMORY_MARGIN_CHANGE:
    case CC_INDICATOR_EDGAR_AI_REVENUE_GROWTH:
    case CC_INDICATOR_EDGAR_MINER_AGREEMENTS:
      return describe_edgar (ctx, id, v);
    case CC_N_INDICATORS:
    default:
      g_return_val_if_reached (NULL);
    }
}

#undef gap

static char *
describe_missing (const Context *ctx,
                  CcIndicatorId  id,
                  Missing        why)
{
  g_autofree char *reason = NULL;

  switch (why)
    {
    case MISSING_NO_EVENT:
      {
        g_autofree char *day = format_day (ctx->as_of);
        reason = g_strdup_printf (_("there are no %s on or before %s"),
                                  cc_rules_get_qualifying_description (ctx->rules), day);
      }
      break;
    case MISSING_SOX_EVENT_DAY:
      reason = g_strdup (_("no SOX close on the event day and the day before"));
      break;
    case MISSING_BASKET:
      reason = g_strdup (_("a group in it has no data"));
      break;
    case MISSING_BASKET_EVENT_DAY:
      reason = g_strdup (_("a basket has no close on the event day and the day before"));
      break;
    case MISSING_AVERAGE:
      reason = g_strdup (_("fewer than 200 SOX closes so far"));
      break;
    case MISSING_RUNUP:
      reason = g_strdup (_("the memory basket lacks the 126 trading days before the event"));
      break;
    case MISSING_NO_EDGAR:
      reason = g_strdup (_("no figures from SEC EDGAR are loaded"));
      break;
    case MISSING_EDGAR_MONITOR:
      reason = g_strdup (_("SEC EDGAR gave no figures for this monitor"));
      break;
    case MISSING_EDGAR_NOT_YET:
      {
        g_autofree char *day = format_day (ctx->as_of);
        reason = g_strdup_printf (_("no quarter of it was filed on or before %s"), day);
      }
      break;
    case MISSING_NONE:
    default:
      g_return_val_if_reached (NULL);
    }
  /* TRANSLATORS: an indicator's name, then why it could not be computed */
  return g_strdup_printf (_("%s: not available (%s)"), cc_indicator_get_label (id), reason);
}

/* The snapshot */

static int
compare_event_days (gconstpointer a,
                    gconstpointer b)
{
  CcDate da = cc_calendar_trading_day_on_or_after (cc_event_get_date (*(CcEvent **) a));
  CcDate db = cc_calendar_trading_day_on_or_after (cc_event_get_date (*(CcEvent **) b));

  return da < db ? -1 : da > db ? 1 : 0;
}

CcAssessor *
cc_assessor_new (CcDataset *dataset,
                 CcRules   *rules)
{
  return cc_assessor_new_full (dataset, rules, NULL);
}

CcAssessor *
cc_assessor_new_full (CcDataset                *dataset,
                      CcRules                  *rules,
                      const CcReportedMonitors *reported)
{
  CcAssessor *self;
  GPtrArray *events;

  g_return_val_if_fail (CC_IS_DATASET (dataset), NULL);

  self = g_new0 (CcAssessor, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->rules = rules ? cc_rules_ref (rules) : cc_rules_new_builtin ();
  self->sox = cc_dataset_get_series (dataset, CC_SYMBOL_SOX);
  if (self->sox != NULL)
    {
      /* A copy: the dataset's series may be replaced by a refresh while this is in use. */
      self->sox = cc_series_copy (self->sox);
      self->points = cc_series_get_points (self->sox, &self->n_days);
    }

  for (guint b = 0; b < N_BASKETS; b++)
    self->baskets[b] = cc_group_basket_new_full (dataset, basket_groups[b], G_MAXINT32 - 1,
                                                 NULL);

  self->qualifying = g_ptr_array_new_with_free_func (g_object_unref);
  self->qualifying_day = g_array_new (FALSE, FALSE, sizeof (CcDate));
  self->signals = g_ptr_array_new_with_free_func (g_object_unref);
  events = cc_dataset_get_events (dataset);
  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      CcEvent *event = g_ptr_array_index (events, i);

      if (cc_rules_event_qualifies (self->rules, event))
        g_ptr_array_add (self->qualifying, cc_event_copy (event));
      if (!cc_event_get_hidden (event) && cc_event_get_monitor (event) != CC_MONITOR_NONE &&
          cc_event_get_monitor (event) < CC_N_MONITORS)
        g_ptr_array_add (self->signals, cc_event_copy (event));
    }
  /* Stable: events on the same day 0 keep the dataset's order (date, then title). */
  g_ptr_array_sort (self->qualifying, compare_event_days);
  for (guint i = 0; i < self->qualifying->len; i++)
    {
      CcDate day = cc_calendar_trading_day_on_or_after (
        cc_event_get_date (g_ptr_array_index (self->qualifying, i)));
      g_array_append_val (self->qualifying_day, day);
    }

  self->has_edgar = reported != NULL;
  for (guint e = 0; reported != NULL && e < N_EDGAR; e++)
    {
      CcMonitor m = cc_indicator_get_monitor (CC_INDICATOR_FIRST_EDGAR + e);
      const CcReportedMonitor *monitor = reported->monitors[m];

      if (monitor == NULL)
        continue;
      self->readings[e] = cc_monitor_readings (monitor);
      self->monitor_title[e] = g_strdup (monitor->title);
    }
  return self;
}

gboolean
cc_assessor_has_edgar (CcAssessor *assessor)
{
  g_return_val_if_fail (assessor != NULL, FALSE);
  return assessor->has_edgar;
}

CcAssessor *
cc_assessor_ref (CcAssessor *assessor)
{
  g_return_val_if_fail (assessor != NULL, NULL);
  g_atomic_ref_count_inc (&assessor->ref_count);
  return assessor;
}

void
cc_assessor_unref (CcAssessor *assessor)
{
  g_return_if_fail (assessor != NULL);

  if (!g_atomic_ref_count_dec (&assessor->ref_count))
    return;
  cc_rules_unref (assessor->rules);
  g_clear_object (&assessor->sox);
  for (guint b = 0; b < N_BASKETS; b++)
    g_clear_object (&assessor->baskets[b]);
  g_ptr_array_unref (assessor->qualifying);
  g_array_unref (assessor->qualifying_day);
  g_ptr_array_unref (assessor->signals);
  for (guint e = 0; e < N_EDGAR; e++)
    {
      g_clear_pointer (&assessor->readings[e], g_array_unref);
      g_free (assessor->monitor_title[e]);
    }
  g_free (assessor);
}

CcRules *
cc_assessor_get_rules (CcAssessor *assessor)
{
  g_return_val_if_fail (assessor != NULL, NULL);
  return assessor->rules;
}

CcDate
cc_assessor_get_first_day (CcAssessor *assessor)
{
  g_return_val_if_fail (assessor != NULL, CC_DATE_INVALID);
  return assessor->n_days ? assessor->points[0].date : CC_DATE_INVALID;
}

CcDate
cc_assessor_get_last_day (CcAssessor *assessor)
{
  g_return_val_if_fail (assessor != NULL, CC_DATE_INVALID);
  return assessor->n_days ? assessor->points[assessor->n_days - 1].date : CC_DATE_INVALID;
}

/* The index of the last close on or before @date, or -1. */
static int
day_index (CcAssessor *self,
           CcDate      date)
{
  return self->sox ? cc_series_find_on_or_before (self->sox, date) : -1;
}

/* The 52 weeks ending on the as-of day, for the high and for the events counted as recent:
 * a stretch of the calendar (about 251 sessions), see cc_52_weeks_first(). */
static CcDate
window_first (CcDate as_of)
{
  return cc_52_weeks_first (as_of);
}

/* Values: the one place that turns an as-of day into indicator values. */
static void
compute_values (CcAssessor     *self,
                const DayState *state,
                gboolean        available[CC_N_INDICATORS],
                double          values[CC_N_INDICATORS],
                Missing         missing[CC_N_INDICATORS])
{
  const CcPoint *p = self->points;
  CcDate as_of = p[state->k].date;
  double sum = 0;

  memset (available, 0, sizeof (gboolean) * CC_N_INDICATORS);
  memset (values, 0, sizeof (double) * CC_N_INDICATORS);
  for (guint i = 0; i < CC_N_INDICATORS; i++)
    missing[i] = MISSING_NO_EVENT;

#define SET(id, v) G_STMT_START { available[id] = TRUE; values[id] = (v); \
                                  missing[id] = MISSING_NONE; } G_STMT_END

  SET (CC_INDICATOR_SOX_DRAWDOWN, (1.0 - p[state->k].close / p[state->high_index].close) * 100);

  if (state->k + 1 >= AVERAGE_DAYS)
    {
      for (guint i = 0; i < AVERAGE_DAYS; i++)
        sum += p[state->k - i].close;
      SET (CC_INDICATOR_SOX_VS_MA200, (p[state->k].close / (sum / AVERAGE_DAYS) - 1.0) * 100);
    }
  else
    missing[CC_INDICATOR_SOX_VS_MA200] = MISSING_AVERAGE;

  SET (CC_INDICATOR_MONETISATION_EVENT,
       state->event >= 0 &&
       g_array_index (self->qualifying_day, CcDate, state->event) >= state->window_first);

  if (state->event >= 0)
    {
      CcDate day0 = g_array_index (self->qualifying_day, CcDate, state->event);
      CcDate base = cc_calendar_previous_trading_day (day0);
      CcDate runup_from = cc_calendar_add_trading_days (day0, -(RUNUP_DAYS + 1));
      double r, m, g, sox_since = 0;
      gboolean have_sox_since;
      static const struct {
        CcIndicatorId id;
        Basket        basket;
      } relative[] = {
        { CC_INDICATOR_EQUIPMENT_VS_SOX_SINCE, BASKET_EQUIPMENT },
        { CC_INDICATOR_NEOCLOUD_VS_SOX_SINCE, BASKET_NEOCLOUD },
        { CC_INDICATOR_MINERS_VS_SOX_SINCE, BASKET_MINERS },
      };
      CcSeries *mem = self->baskets[BASKET_MEMORY], *gpu = self->baskets[BASKET_GPU];

      if (cc_daily_return (self->sox, day0, &r))
        SET (CC_INDICATOR_SOX_EVENT_MOVE, r * 100);
      else
        missing[CC_INDICATOR_SOX_EVENT_MOVE] = MISSING_SOX_EVENT_DAY;

      if (mem == NULL || gpu == NULL)
        missing[CC_INDICATOR_MEMORY_MINUS_GPU_EVENT] = MISSING_BASKET;
      else if (cc_daily_return (mem, day0, &m) && cc_daily_return (gpu, day0, &g))
        SET (CC_INDICATOR_MEMORY_MINUS_GPU_EVENT, (m - g) * 100);
      else
        missing[CC_INDICATOR_MEMORY_MINUS_GPU_EVENT] = MISSING_BASKET_EVENT_DAY;

      if (mem == NULL || gpu == NULL)
        missing[CC_INDICATOR_MEMORY_MINUS_GPU_SINCE] = MISSING_BASKET;
      else if (cc_return_between (mem, base, as_of, &m) && cc_return_between (gpu, base, as_of, &g))
        SET (CC_INDICATOR_MEMORY_MINUS_GPU_SINCE, (m - g) * 100);
      else
        missing[CC_INDICATOR_MEMORY_MINUS_GPU_SINCE] = MISSING_BASKET_EVENT_DAY;

      have_sox_since = cc_return_between (self->sox, base, as_of, &sox_since);
      for (guint i = 0; i < G_N_ELEMENTS (relative); i++)
        {
          CcSeries *basket = self->baskets[relative[i].basket];

          if (basket == NULL)
            missing[relative[i].id] = MISSING_BASKET;
          else if (have_sox_since && cc_return_between (basket, base, as_of, &r))
            SET (relative[i].id, (r - sox_since) * 100);
          else
            missing[relative[i].id] = MISSING_BASKET_EVENT_DAY;
        }

      {
        int a = mem ? cc_series_find (mem, runup_from) : -1;
        int b = mem ? cc_series_find (mem, base) : -1;

        if (a >= 0 && b >= 0)
          SET (CC_INDICATOR_MEMORY_RUNUP, (cc_series_get_point (mem, b)->close /
                                           cc_series_get_point (mem, a)->close - 1.0) * 100);
        else
          missing[CC_INDICATOR_MEMORY_RUNUP] = mem ? MISSING_RUNUP : MISSING_BASKET;
      }
    }

  /* The monitors fed by SEC EDGAR: as known at the as-of close, nothing filed later. */
  for (guint e = 0; e < N_EDGAR; e++)
    {
      CcIndicatorId id = CC_INDICATOR_FIRST_EDGAR + e;
      const CcMonitorReading *r;

      if (!self->has_edgar)
        missing[id] = MISSING_NO_EDGAR;
      else if (self->readings[e] == NULL)
        missing[id] = MISSING_EDGAR_MONITOR;
      else if ((r = cc_monitor_readings_at (self->readings[e], as_of)) == NULL)
        missing[id] = MISSING_EDGAR_NOT_YET;
      else
        SET (id, r->value);
    }

#undef SET
}

static void
context_init (CcAssessor     *self,
              const DayState *state,
              Context        *ctx)
{
  ctx->event = state->event >= 0 ? g_ptr_array_index (self->qualifying, state->event) : NULL;
  ctx->window_first = state->window_first;
  ctx->data_first = self->points[0].date;
  ctx->full_year = ctx->data_first <= state->window_first;
  ctx->as_of = self->points[state->k].date;
  ctx->rules = self->rules;
  ctx->monitor_title = (const char * const *) self->monitor_title;
  for (guint e = 0; e < N_EDGAR; e++)
    ctx->reading[e] = self->readings[e] ? cc_monitor_readings_at (self->readings[e], ctx->as_of)
                                        : NULL;
}

/* Scoring: numbers only, shared by both paths. */

typedef struct {
  double   score[CC_N_TARGETS];
  double   weight[CC_N_TARGETS];
  guint    n_matched;
} Scores;

static void
score_rules (CcRules        *rules,
             const gboolean *available,
             const double   *values,
             Scores         *out)
{
  const double *prior = _cc_rules_get_prior (rules);

  memset (out, 0, sizeof *out);
  for (guint t = 0; t < CC_N_TARGETS; t++)
    out->score[t] = prior[t];
  for (guint i = 0; i < _cc_rules_get_n (rules); i++)
    {
      const CcRule *rule = _cc_rules_get_rule (rules, i);

      if (!available[rule->indicator] || !_cc_rule_matches (rule, values[rule->indicator]))
        continue;
      out->n_matched++;
      for (guint t = 0; t < CC_N_TARGETS; t++)
        out->score[t] += rule->evidence[t];
    }
  for (CcTarget first = 0; first < CC_N_TARGETS; first += 3)
    {
      double sum = 0;

      for (CcTarget t = first; t < first + 3; t++)
        {
          out->score[t] = MAX (out->score[t], 0.0);
          sum += out->score[t];
        }
      /* With no evidence at all, every outcome is equally likely. */
      for (CcTarget t = first; t < first + 3; t++)
        out->weight[t] = sum > 0 ? out->score[t] / sum : 1.0 / 3.0;
    }
}

/* Whole percentages as shown: equal numbers on screen are a tie. */
static int
shown_percent (double weight)
{
  return (int) floor (weight * 100 + 0.5);
}

static void
find_leader (const double *weight,
             CcTarget      first,
             CcTarget     *leading,
             gboolean     *tie,
             gboolean      tied[3])
{
  int top = -1;
  guint n = 0;

  *leading = first;
  for (CcTarget t = first; t < first + 3; t++)
    if (weight[t] > weight[*leading])
      *leading = t;
  top = shown_percent (weight[*leading]);
  for (CcTarget t = first; t < first + 3; t++)
    {
      gboolean is_top = shown_percent (weight[t]) == top;

      if (tied)
        tied[t - first] = is_top;
      n += is_top;
    }
  *tie = n > 1;
  if (*tie)
    for (CcTarget t = first; t < first + 3; t++)
      if (shown_percent (weight[t]) == top)
        {
          *leading = t;
          break;
        }
  if (!*tie && tied)
    memset (tied, 0, sizeof (gboolean) * 3);
}

/* The strongest matched rule for @target: largest |evidence|, the first in file order among
 * equals (the order the reasons are listed in). */
static int
top_rule (CcRules        *rules,
          const gboolean *available,
          const double   *values,
          CcTarget        target)
{
  int best = -1;
  double best_size = 0;

  for (guint i = 0; i < _cc_rules_get_n (rules); i++)
    {
      const CcRule *rule = _cc_rules_get_rule (rules, i);

      if (rule->evidence[target] == 0 || !available[rule->indicator] ||
          !_cc_rule_matches (rule, values[rule->indicator]))
        continue;
      if (best < 0 || fabs (rule->evidence[target]) > best_size)
        {
          best = i;
          best_size = fabs (rule->evidence[target]);
        }
    }
  return best;
}

/* Sentences from the rules */

static char *
reason_sentence (const CcRule *rule,
                 const char   *indicator_sentence,
                 CcTarget      target,
                 double        evidence)
{
  GString *s = g_string_new (NULL);

  if (evidence >= 0)
    /* TRANSLATORS: a statement with its number, then a phase or scenario ("the base case") */
    g_string_append_printf (s, _("%s, which points to %s."), indicator_sentence,
                            _cc_target_get_phrase (target));
  else
    g_string_append_printf (s, _("%s, which counts against %s."), indicator_sentence,
                            _cc_target_get_phrase (target));
  if (rule->note && rule->note[0])
    {
      g_string_append_c (s, ' ');
      g_string_append (s, rule->note);
    }
  return g_string_free (s, FALSE);
}

static char *
reason_detail (const CcRule *rule,
               double        value,
               CcTarget      target,
               double        evidence)
{
  g_autofree char *band = _cc_rule_band_text (rule);
  g_autofree char *number = cc_indicator_get_unit (rule->indicator) == CC_INDICATOR_UNIT_FLAG
                              ? g_strdup (value != 0 ? "true" : "false")
                              : g_strdup_printf ("%.2f", value);

  /* TRANSLATORS: rule id, indicator key, its value, the rule's range ("in [10, 30)"), the
   * target key and the weight, e.g. "Rule “sox-correction”: sox_drawdown = 10.20, in [10, 30)
   * → base +2.0" */
  return g_strdup_printf (_("Rule “%s”: %s = %s, %s → %s %+.1f"), rule->id,
                          cc_indicator_id_to_string (rule->indicator), number, band,
                          cc_target_to_string (target), evidence);
}

static void
reason_free (gpointer data)
{
  CcReason *reason = data;

  g_free (reason->rule_id);
  g_free (reason->sentence);
  g_free (reason->detail);
  g_free (reason);
}

static int
compare_reasons (gconstpointer a,
                 gconstpointer b)
{
  const CcReason *ra = *(CcReason * const *) a;
  const CcReason *rb = *(CcReason * const *) b;
  double fa = fabs (ra->evidence), fb = fabs (rb->evidence);

  return fa > fb ? -1 : fa < fb ? 1 : 0;
}

void
cc_assessment_init (CcAssessment *assessment)
{
  g_return_if_fail (assessment != NULL);

  memset (assessment, 0, sizeof *assessment);
  assessment->as_of = CC_DATE_INVALID;
  assessment->requested_as_of = CC_DATE_INVALID;
  assessment->event_day = CC_DATE_INVALID;
  assessment->base_day = CC_DATE_INVALID;
  cc_indicators_init (&assessment->indicators);
  for (guint i = 0; i < CC_N_TARGETS; i++)
    assessment->reasons[i] = g_ptr_array_new_with_free_func (reason_free);
  assessment->phase.first = CC_TARGET_FIRST_PHASE;
  assessment->scenario.first = CC_TARGET_FIRST_SCENARIO;
}

void
cc_assessment_clear (CcAssessment *assessment)
{
  g_return_if_fail (assessment != NULL);

  for (guint i = 0; i < CC_N_TARGETS; i++)
    g_clear_pointer (&assessment->reasons[i], g_ptr_array_unref);
  cc_indicators_clear (&assessment->indicators);
  g_free (assessment->problem);
  g_clear_object (&assessment->event);
  g_free (assessment->event_note);
  for (guint v = 0; v < 2; v++)
    {
      CcVerdict *verdict = v ? &assessment->scenario : &assessment->phase;
      g_free (verdict->headline);
      g_free (verdict->lead);
    }
  for (guint m = 0; m < CC_N_MONITORS; m++)
    {
      g_clear_object (&assessment->monitors[m]);
      g_free (assessment->monitor_lead[m]);
    }
  g_free (assessment->rules_notice);
  memset (assessment, 0, sizeof *assessment);
}

void
cc_assessment_free (CcAssessment *assessment)
{
  if (assessment == NULL)
    return;
  cc_assessment_clear (assessment);
  g_free (assessment);
}

GPtrArray *
cc_assessment_get_monitor_reasons (CcAssessment *assessment,
                                   CcMonitor     monitor)
{
  GPtrArray *out = g_ptr_array_new ();

  g_return_val_if_fail (assessment != NULL, out);

  for (guint t = 0; t < CC_N_TARGETS; t++)
    for (guint i = 0; assessment->reasons[t] && i < assessment->reasons[t]->len; i++)
      {
        CcReason *r = g_ptr_array_index (assessment->reasons[t], i);

        if (cc_indicator_get_monitor (r->indicator) == monitor &&
            cc_indicator_is_edgar (r->indicator))
          g_ptr_array_add (out, r);
      }
  g_ptr_array_sort (out, compare_reasons);
  return out;
}

GPtrArray *
cc_assessment_get_reasons (CcAssessment *assessment,
                           CcTarget      target)
{
  g_return_val_if_fail (assessment != NULL, NULL);
  g_return_val_if_fail (target < CC_N_TARGETS, NULL);
  return assessment->reasons[target];
}

static const char *
conclusion (CcTarget target)
{
  switch (target)
    {
    case CC_TARGET_OVERBUILD:
      return _("This looks like capacity being built ahead of demand");
    case CC_TARGET_EFFICIENCY:
      return _("This looks like surplus capacity being sold off, not demand collapsing");
    case CC_TARGET_ABSORPTION:
      return _("This looks like demand catching up with the capacity built");
    case CC_TARGET_BULL:
      return _("This looks like a healthy correction with demand intact");
    case CC_TARGET_BASE:
      return _("This looks like a move to balance, with memory cooling, GPU designers holding "
               "and equipment slowing");
    case CC_TARGET_BEAR:
      return _("This looks like broad overbuilding turning into a downturn like 2000, 2008 or "
               "2022");
    case CC_N_TARGETS:
    default:
      g_return_val_if_reached ("");
    }
}

static void
write_verdict (CcAssessment       *a,
               CcVerdict          *verdict,
               const CcIndicators *indicators)
{
  CcTarget first = verdict->first;
  g_autofree char *weight = NULL;

  find_leader (a->weight, first, &verdict->leading, &verdict->tie, verdict->tied);
  weight = cc_format_weight (a->weight[verdict->leading]);
  g_free (verdict->headline);
  g_free (verdict->lead);

  if (verdict->tie)
    {
      CcTarget t1 = CC_N_TARGETS, t2 = CC_N_TARGETS;
      guint n = 0;

      for (CcTarget t = first; t < first + 3; t++)
        if (verdict->tied[t - first])
          {
            n++;
            if (t1 == CC_N_TARGETS)
              t1 = t;
            else
              t2 = t;
          }
      if (n == 3)
        {
          /* TRANSLATORS: %s is a weight, e.g. "33%" */
          verdict->headline = g_strdup_printf (_("No clear lead: all three tie at %s"), weight);
          verdict->lead = g_strdup_printf (first == CC_TARGET_FIRST_PHASE
                                           ? _("No clear lead: all three phases tie at %s, so "
                                               "the data do not tell them apart yet.")
                                           : _("No clear lead: all three scenarios tie at %s, "
                                               "so the data do not tell them apart yet."),
                                           weight);
        }
      else
        {
          /* TRANSLATORS: two phases or scenarios ("the bull case"), then their weight */
          verdict->headline = g_strdup_printf (_("No clear lead: %s and %s tie at %s"),
                                               _cc_target_get_phrase (t1),
                                               _cc_target_get_phrase (t2), weight);
          verdict->lead = g_strdup_printf (_("No clear lead: %s and %s tie at %s, so the data "
                                             "do not tell them apart yet."),
                                           _cc_target_get_phrase (t1),
                                           _cc_target_get_phrase (t2), weight);
        }
      return;
    }

  /* TRANSLATORS: e.g. "Efficiency optimisation leads (42%)" */
  verdict->headline = g_strdup_printf (_("%s leads (%s)"), cc_target_get_label (verdict->leading),
                                       weight);
  {
    GPtrArray *reasons = a->reasons[verdict->leading];
    const char *clauses[2] = { NULL, NULL };
    guint n = 0;

    /* The two strongest pieces of evidence for it, from different indicators. */
    for (guint i = 0; i < reasons->len && n < 2; i++)
      {
        const CcReason *r = g_ptr_array_index (reasons, i);

        if (r->evidence <= 0)
          continue;
        if (n == 1 && indicators->values[r->indicator].sentence == clauses[0])
          continue;
        clauses[n++] = indicators->values[r->indicator].sentence;
      }
    if (n == 0)
      verdict->lead = g_strdup_printf (_("%s (%s): no indicator weighs on it, the rules’ "
                                         "starting weights put it first."),
                                       conclusion (verdict->leading), weight);
    else
      {
        g_autofree char *c1 = as_clause (clauses[0]);

        /* The second piece of evidence is a sentence of its own, with its capital, in every
         * language. Joined to the first with "and" ("et", "und") it read wrong: the first
         * statement often has its own colon and commas (a list of event kinds), so ", et …"
         * read as one more item of that list, and a joined clause had to change its case
         * (lower-case after "et", but German keeps a noun's capital and needs a verb-second
         * clause after "und"). */
        if (n > 1)
          /* TRANSLATORS: what the data look like, the weight, then two pieces of evidence:
           * "This looks like … (46%): chip stocks are …. On the day of …, memory makers …."
           * The first is a clause after the colon, the second a sentence with its capital. */
          verdict->lead = g_strdup_printf (_("%s (%s): %s. %s."), conclusion (verdict->leading),
                                           weight, c1, clauses[1]);
        else
          /* TRANSLATORS: what the data look like, the weight, then the evidence:
           * "This looks like … (46%): chip stocks are …" */
          verdict->lead = g_strdup_printf (_("%s (%s): %s."), conclusion (verdict->leading),
                                           weight, c1);
      }
  }
}

void
cc_assessment_apply_rules (CcAssessment       *assessment,
                           CcRules            *rules,
                           const CcIndicators *indicators)
{
  gboolean available[CC_N_INDICATORS];
  double values[CC_N_INDICATORS];
  Scores scores;

  g_return_if_fail (assessment != NULL);
  g_return_if_fail (rules != NULL);
  g_return_if_fail (indicators != NULL);

  for (guint i = 0; i < CC_N_INDICATORS; i++)
    {
      available[i] = indicators->values[i].available;
      values[i] = indicators->values[i].value;
    }
  score_rules (rules, available, values, &scores);
  memcpy (assessment->score, scores.score, sizeof scores.score);
  memcpy (assessment->weight, scores.weight, sizeof scores.weight);
  assessment->n_matched = scores.n_matched;

  for (guint t = 0; t < CC_N_TARGETS; t++)
    g_ptr_array_set_size (assessment->reasons[t], 0);
  for (guint i = 0; i < _cc_rules_get_n (rules); i++)
    {
      const CcRule *rule = _cc_rules_get_rule (rules, i);
      const CcIndicator *ind = &indicators->values[rule->indicator];

      if (!ind->available || !_cc_rule_matches (rule, ind->value))
        continue;
      for (guint t = 0; t < CC_N_TARGETS; t++)
        {
          CcReason *reason;

          if (rule->evidence[t] == 0)
            continue;
          reason = g_new0 (CcReason, 1);
          reason->rule_id = g_strdup (rule->id);
          reason->indicator = rule->indicator;
          reason->target = t;
          reason->evidence = rule->evidence[t];
          reason->sentence = reason_sentence (rule, ind->sentence, t, rule->evidence[t]);
          reason->detail = reason_detail (rule, ind->value, t, rule->evidence[t]);
          g_ptr_array_add (assessment->reasons[t], reason);
        }
    }
  /* GLib's sort is stable (a merge sort), so equal evidence keeps the file's order. */
  for (guint t = 0; t < CC_N_TARGETS; t++)
    g_ptr_array_sort (assessment->reasons[t], compare_reasons);

  assessment->phase.first = CC_TARGET_FIRST_PHASE;
  assessment->scenario.first = CC_TARGET_FIRST_SCENARIO;
  write_verdict (assessment, &assessment->phase, indicators);
  write_verdict (assessment, &assessment->scenario, indicators);
}

/* A single evaluation */

static void
write_monitors (CcAssessor   *self,
                CcAssessment *a)
{
  g_autofree char *day = format_day (a->as_of);

  for (guint i = 0; i < self->signals->len; i++)
    {
      CcEvent *event = g_ptr_array_index (self->signals, i);
      CcMonitor m = cc_event_get_monitor (event);

      if (cc_event_get_date (event) > a->as_of)
        continue;
      /* Events are sorted by date, so a later one replaces an earlier one. */
      if (a->monitors[m] == NULL ||
          cc_event_get_date (event) >= cc_event_get_date (a->monitors[m]))
        g_set_object (&a->monitors[m], event);
    }

  for (guint m = 1; m < CC_N_MONITORS; m++)
    {
      CcEvent *event = a->monitors[m];
      g_autofree char *when = NULL;

      if (event == NULL)
        {
          a->monitor_lead[m] = g_strdup_printf (_("No event on or before %s gives a sign for "
                                                  "this yet."), day);
          continue;
        }
      when = cc_event_format_when (event);
      switch (cc_event_get_stance (event))
        {
        case CC_SIGNAL_POSITIVE:
          a->monitor_lead[m] = g_strdup_printf (_("The latest sign, “%s” (%s), suggests demand "
                                                  "is holding up."),
                                                cc_event_get_title (event), when);
          break;
        case CC_SIGNAL_NEGATIVE:
          a->monitor_lead[m] = g_strdup_printf (_("The latest sign, “%s” (%s), suggests "
                                                  "capacity has run ahead of demand."),
                                                cc_event_get_title (event), when);
          break;
        case CC_SIGNAL_NEUTRAL:
        default:
          a->monitor_lead[m] = g_strdup_printf (_("The latest sign, “%s” (%s), points neither "
                                                  "way."),
                                                cc_event_get_title (event), when);
          break;
        }
    }
}

static void
scan_state (CcAssessor *self,
            guint       k,
            DayState   *state)
{
  const CcPoint *p = self->points;

  state->k = k;
  state->window_first = window_first (p[k].date);
  state->high_index = k;
  for (int i = k; i >= 0 && p[i].date >= state->window_first; i--)
    if (p[i].close > p[state->high_index].close)
      state->high_index = i;
  state->event = -1;
  for (guint q = 0; q < self->qualifying_day->len; q++)
    if (g_array_index (self->qualifying_day, CcDate, q) <= p[k].date)
      state->event = q;
}

static CcAssessment *
evaluate_state (CcAssessor     *self,
                const DayState *state,
                CcDate          requested)
{
  CcAssessment *a = g_new0 (CcAssessment, 1);
  gboolean available[CC_N_INDICATORS];
  double values[CC_N_INDICATORS];
  Missing missing[CC_N_INDICATORS];
  Context ctx;
  g_autofree char *day = NULL;
  g_autofree char *description = NULL;

  cc_assessment_init (a);
  a->requested_as_of = requested;
  a->as_of = self->points[state->k].date;
  if (cc_rules_get_notice (self->rules))
    a->rules_notice = g_strdup (cc_rules_get_notice (self->rules));

  compute_values (self, state, available, values, missing);
  context_init (self, state, &ctx);
  a->indicators.as_of = a->as_of;
  if (ctx.event)
    {
      a->event = g_object_ref (ctx.event);
      a->event_day = g_array_index (self->qualifying_day, CcDate, state->event);
      a->base_day = cc_calendar_previous_trading_day (a->event_day);
      a->indicators.event_day = a->event_day;
      a->indicators.base_day = a->base_day;
    }
  for (guint i = 0; i < CC_N_INDICATORS; i++)
    {
      CcIndicator *ind = &a->indicators.values[i];

      ind->available = available[i];
      ind->value = values[i];
      ind->sentence = available[i] ? describe (&ctx, i, values[i])
                                   : describe_missing (&ctx, i, missing[i]);
    }

  cc_assessment_apply_rules (a, self->rules, &a->indicators);

  day = format_day (a->as_of);
  description = g_strdup (cc_rules_get_qualifying_description (self->rules));
  if (ctx.event)
    {
      g_autofree char *when = cc_event_format_when (ctx.event);

      /* TRANSLATORS: event title, its date, the kind of event (plural), the as-of date */
      a->event_note = g_strdup_printf (_("The measures around an event use “%s” (%s), the "
                                         "latest of the %s on or before %s."),
                                       cc_event_get_title (ctx.event), when, description, day);
    }
  else
    a->event_note = g_strdup_printf (_("There are no %s on or before %s, so the measures "
                                       "around an event are left out."), description, day);

  write_monitors (self, a);
  return a;
}

CcAssessment *
cc_assessor_evaluate (CcAssessor *assessor,
                      CcDate      as_of)
{
  DayState state;
  int k;

  g_return_val_if_fail (assessor != NULL, NULL);

  k = day_index (assessor, as_of);
  if (k < 0)
    {
      CcAssessment *a = g_new0 (CcAssessment, 1);
      char when[11];

      cc_assessment_init (a);
      a->requested_as_of = as_of;
      for (guint t = 0; t < CC_N_TARGETS; t++)
        a->weight[t] = 1.0 / 3.0;
      cc_date_format_iso (as_of, when);
      if (assessor->n_days == 0)
        a->problem = g_strdup (_("There are no ^SOX closes to assess."));
      else
        {
          char first[11];

          cc_date_format_iso (assessor->points[0].date, first);
          a->problem = g_strdup_printf (_("There is no ^SOX close on or before %s: the data "
                                          "start on %s."), when, first);
        }
      for (guint v = 0; v < 2; v++)
        {
          CcVerdict *verdict = v ? &a->scenario : &a->phase;

          find_leader (a->weight, verdict->first, &verdict->leading, &verdict->tie,
                       verdict->tied);
          verdict->headline = g_strdup (_("No assessment"));
          verdict->lead = g_strdup (a->problem);
        }
      return a;
    }

  scan_state (assessor, k, &state);
  return evaluate_state (assessor, &state, as_of);
}

CcAssessment *
cc_assessment_evaluate (CcDataset *dataset,
                        CcRules   *rules,
                        CcDate     as_of)
{
  g_autoptr(CcAssessor) assessor = NULL;

  g_return_val_if_fail (CC_IS_DATASET (dataset), NULL);

  assessor = cc_assessor_new (dataset, rules);
  return cc_assessor_evaluate (assessor, as_of);
}

/* The timeline */

void
cc_timeline_free (CcTimeline *timeline)
{
  if (timeline == NULL)
    return;
  for (guint i = 0; i < timeline->n_days; i++)
    g_free (timeline->days[i].top_reason);
  g_free (timeline->days);
  g_free (timeline);
}

const CcTimelineDay *
cc_timeline_find (const CcTimeline *timeline,
                  CcDate            date)
{
  guint lo = 0, hi;

  g_return_val_if_fail (timeline != NULL, NULL);

  hi = timeline->n_days;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (timeline->days[mid].date <= date)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo == 0 ? NULL : &timeline->days[lo - 1];
}

CcTimeline *
cc_assessor_timeline (CcAssessor *assessor,
                      CcDate      from,
                      CcDate      to)
{
  CcTimeline *timeline;
  g_autofree guint *queue = NULL;
  guint head = 0, tail = 0;
  int first_k, last_k, event = -1;
  CcAssessor *self = assessor;

  g_return_val_if_fail (assessor != NULL, NULL);

  timeline = g_new0 (CcTimeline, 1);
  if (self->n_days == 0)
    return timeline;
  if (from == CC_DATE_INVALID)
    from = self->points[0].date;
  if (to == CC_DATE_INVALID)
    to = self->points[self->n_days - 1].date;
  first_k = cc_series_find_on_or_after (self->sox, from);
  last_k = day_index (self, to);
  if (first_k < 0 || last_k < first_k)
    return timeline;

  timeline->days = g_new0 (CcTimelineDay, last_k - first_k + 1);
  queue = g_new (guint, self->n_days);

  /* The queue holds the indices that can still become the window's high: closes falling from
   * front to back. Start it a window before the first day shown. */
  for (int k = 0; k <= last_k; k++)
    {
      const CcPoint *p = self->points;
      DayState state;
      gboolean available[CC_N_INDICATORS];
      double values[CC_N_INDICATORS];
      Missing missing[CC_N_INDICATORS];
      Scores scores;
      CcTimelineDay *day;
      int rule;

      state.k = k;
      state.window_first = window_first (p[k].date);
      while (tail > head && p[queue[tail - 1]].close <= p[k].close)
        tail--;
      queue[tail++] = k;
      while (p[queue[head]].date < state.window_first)
        head++;
      state.high_index = queue[head];
      while (event + 1 < (int) self->qualifying_day->len &&
             g_array_index (self->qualifying_day, CcDate, event + 1) <= p[k].date)
        event++;
      state.event = event;

      if (k < first_k)
        continue;

      compute_values (self, &state, available, values, missing);
      score_rules (self->rules, available, values, &scores);
      day = &timeline->days[timeline->n_days++];
      day->date = p[k].date;
      memcpy (day->weight, scores.weight, sizeof scores.weight);
      find_leader (scores.weight, CC_TARGET_FIRST_PHASE, &day->leading_phase, &day->phase_tie,
                   NULL);
      find_leader (scores.weight, CC_TARGET_FIRST_SCENARIO, &day->leading_scenario,
                   &day->scenario_tie, NULL);
      day->event = event >= 0 ? g_ptr_array_index (self->qualifying, event) : NULL;

      rule = top_rule (self->rules, available, values, day->leading_phase);
      if (rule >= 0)
        {
          const CcRule *r = _cc_rules_get_rule (self->rules, rule);
          Context ctx;
          g_autofree char *sentence = NULL;

          context_init (self, &state, &ctx);
          sentence = describe (&ctx, r->indicator, values[r->indicator]);
          day->top_rule_id = r->id;
          day->top_reason = reason_sentence (r, sentence, day->leading_phase,
                                             r->evidence[day->leading_phase]);
        }
    }

  return timeline;
}
