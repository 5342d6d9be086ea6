/* cc-indicators.c: the assessment's indicators, computed from a dataset for an event and an
 * as-of date. */
#define G_LOG_DOMAIN "cc-indicators"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cc-cycle.h"
#include "cc-event-study.h"
#include "cc-indicators.h"
#include "cc-rebase.h"

static const struct {
  const char      *key;
  const char      *label;
  CcIndicatorUnit  unit;
} indicator_info[CC_N_INDICATORS] = {
  { "sox_drawdown", N_("SOX below its 52-week high"), CC_INDICATOR_UNIT_PERCENT },
  { "sox_event_move", N_("SOX on the event day"), CC_INDICATOR_UNIT_PERCENT },
  { "memory_minus_gpu_event", N_("Memory minus GPU designers, event day"),
    CC_INDICATOR_UNIT_POINTS },
  { "memory_minus_gpu_since", N_("Memory minus GPU designers since the event"),
    CC_INDICATOR_UNIT_POINTS },
  { "equipment_vs_sox_since", N_("Equipment against the SOX since the event"),
    CC_INDICATOR_UNIT_POINTS },
  { "neocloud_vs_sox_since", N_("Neoclouds against the SOX since the event"),
    CC_INDICATOR_UNIT_POINTS },
  { "miners_vs_sox_since", N_("Miners against the SOX since the event"),
    CC_INDICATOR_UNIT_POINTS },
  { "sox_vs_ma200", N_("SOX against its 200-day average"), CC_INDICATOR_UNIT_PERCENT },
  { "memory_runup", N_("Memory run-up over the 126 days before the event"),
    CC_INDICATOR_UNIT_PERCENT },
  { "monetisation_event", N_("Capacity-monetisation event in the last year"),
    CC_INDICATOR_UNIT_FLAG },
};

const char *
cc_indicator_id_to_string (CcIndicatorId id)
{
  g_return_val_if_fail (id < CC_N_INDICATORS, NULL);
  return indicator_info[id].key;
}

gboolean
cc_indicator_id_from_string (const char    *text,
                             CcIndicatorId *id)
{
  for (guint i = 0; i < CC_N_INDICATORS; i++)
    if (g_strcmp0 (text, indicator_info[i].key) == 0)
      {
        if (id)
          *id = i;
        return TRUE;
      }
  return FALSE;
}

const char *
cc_indicator_get_label (CcIndicatorId id)
{
  g_return_val_if_fail (id < CC_N_INDICATORS, NULL);
  return _(indicator_info[id].label);
}

CcIndicatorUnit
cc_indicator_get_unit (CcIndicatorId id)
{
  g_return_val_if_fail (id < CC_N_INDICATORS, CC_INDICATOR_UNIT_PERCENT);
  return indicator_info[id].unit;
}

char *
cc_indicator_format_value (CcIndicatorId id,
                           double        value)
{
  switch (cc_indicator_get_unit (id))
    {
    case CC_INDICATOR_UNIT_FLAG:
      return g_strdup (value != 0 ? _("yes") : _("no"));
    case CC_INDICATOR_UNIT_POINTS:
      /* TRANSLATORS: percentage points, e.g. "-5.1 pts" */
      return g_strdup_printf (_("%+.1f pts"), value);
    case CC_INDICATOR_UNIT_PERCENT:
    default:
      if (id == CC_INDICATOR_SOX_DRAWDOWN)
        return g_strdup_printf ("%.1f%%", value);
      if (id == CC_INDICATOR_SOX_EVENT_MOVE)
        return g_strdup_printf ("%+.2f%%", value);
      return g_strdup_printf ("%+.1f%%", value);
    }
}

/* A macro rather than a function so that the compiler still checks each translated format. */
#define describe_gap(value, ahead_format, behind_format, level_text) \
  (fabs (value) < 0.05 ? g_strdup (level_text) \
                       : g_strdup_printf ((value) > 0 ? (ahead_format) : (behind_format), \
                                          fabs (value)))

char *
cc_indicator_describe (CcIndicatorId id,
                       double        value)
{
  switch (id)
    {
    case CC_INDICATOR_SOX_DRAWDOWN:
      if (value < 0.05)
        return g_strdup (_("SOX closed at its 52-week high"));
      return g_strdup_printf (_("SOX is %.1f%% below its 52-week high"), value);
    case CC_INDICATOR_SOX_EVENT_MOVE:
      if (value < 0)
        return g_strdup_printf (_("SOX fell %.2f%% on the event day"), -value);
      return g_strdup_printf (_("SOX rose %.2f%% on the event day"), value);
    case CC_INDICATOR_MEMORY_MINUS_GPU_EVENT:
      return describe_gap (value,
                           _("On the event day memory makers did %.1f points better than GPU "
                             "designers"),
                           _("On the event day memory makers did %.1f points worse than GPU "
                             "designers"),
                           _("On the event day memory makers and GPU designers moved alike"));
    case CC_INDICATOR_MEMORY_MINUS_GPU_SINCE:
      return describe_gap (value,
                           _("Since the event memory makers are %.1f points ahead of GPU "
                             "designers"),
                           _("Since the event memory makers are %.1f points behind GPU "
                             "designers"),
                           _("Since the event memory makers and GPU designers are level"));
    case CC_INDICATOR_EQUIPMENT_VS_SOX_SINCE:
      return describe_gap (value,
                           _("Since the event equipment makers are %.1f points ahead of the SOX"),
                           _("Since the event equipment makers are %.1f points behind the SOX"),
                           _("Since the event equipment makers are level with the SOX"));
    case CC_INDICATOR_NEOCLOUD_VS_SOX_SINCE:
      return describe_gap (value,
                           _("Since the event neoclouds are %.1f points ahead of the SOX"),
                           _("Since the event neoclouds are %.1f points behind the SOX"),
                           _("Since the event neoclouds are level with the SOX"));
    case CC_INDICATOR_MINERS_VS_SOX_SINCE:
      return describe_gap (value,
                           _("Since the event the miners turned AI hosts are %.1f points ahead "
                             "of the SOX"),
                           _("Since the event the miners turned AI hosts are %.1f points behind "
                             "the SOX"),
                           _("Since the event the miners turned AI hosts are level with the SOX"));
    case CC_INDICATOR_SOX_VS_MA200:
      return describe_gap (value,
                           _("SOX is %.1f%% above its 200-day average"),
                           _("SOX is %.1f%% below its 200-day average"),
                           _("SOX is at its 200-day average"));
    case CC_INDICATOR_MEMORY_RUNUP:
      if (value < 0)
        return g_strdup_printf (_("The memory basket fell %.1f%% over the 126 trading days "
                                  "before the event"), -value);
      return g_strdup_printf (_("The memory basket rose %.1f%% over the 126 trading days before "
                                "the event"), value);
    case CC_INDICATOR_MONETISATION_EVENT:
      if (value != 0)
        return g_strdup (_("A capacity-monetisation event lies in the last 252 trading days"));
      return g_strdup (_("No capacity-monetisation event lies in the last 252 trading days"));
    case CC_N_INDICATORS:
    default:
      g_return_val_if_reached (NULL);
    }
}

void
cc_indicators_init (CcIndicators *indicators)
{
  g_return_if_fail (indicators != NULL);

  memset (indicators, 0, sizeof *indicators);
  indicators->event_day = CC_DATE_INVALID;
  indicators->base_day = CC_DATE_INVALID;
  indicators->as_of = CC_DATE_INVALID;
}

void
cc_indicators_clear (CcIndicators *indicators)
{
  g_return_if_fail (indicators != NULL);

  for (guint i = 0; i < CC_N_INDICATORS; i++)
    g_clear_pointer (&indicators->values[i].sentence, g_free);
  cc_indicators_init (indicators);
}

void
cc_indicators_set (CcIndicators  *indicators,
                   CcIndicatorId  id,
                   double         value)
{
  CcIndicator *ind;

  g_return_if_fail (indicators != NULL);
  g_return_if_fail (id < CC_N_INDICATORS);

  ind = &indicators->values[id];
  ind->available = TRUE;
  ind->value = value;
  g_free (ind->sentence);
  ind->sentence = cc_indicator_describe (id, value);
}

static void
set_missing (CcIndicators  *indicators,
             CcIndicatorId  id,
             const char    *why)
{
  CcIndicator *ind = &indicators->values[id];

  ind->available = FALSE;
  g_free (ind->sentence);
  /* TRANSLATORS: an indicator's name, then why it could not be computed */
  ind->sentence = g_strdup_printf (_("%s: not available (%s)"), cc_indicator_get_label (id), why);
}

char *
cc_group_basket_label (const char *group_id)
{
  const char *group = cc_catalogue_group_get_label (group_id);

  /* TRANSLATORS: an equal-weight basket of a group, e.g. "Memory basket" */
  return g_strdup_printf (_("%s basket"), group ? group : group_id);
}

static GPtrArray *
group_members (CcDataset  *dataset,
               const char *group_id)
{
  GPtrArray *members = g_ptr_array_new ();
  g_autofree const char **tickers = NULL;

  tickers = cc_catalogue_get_group_tickers (cc_dataset_get_catalogue (dataset), group_id);
  for (guint i = 0; tickers != NULL && tickers[i] != NULL; i++)
    {
      CcSeries *series = cc_dataset_get_series (dataset, tickers[i]);

      if (series != NULL && cc_series_get_n_points (series) > 0)
        g_ptr_array_add (members, series);
    }
  return members;
}

static CcSeries *
basket_from_members (GPtrArray  *members,
                     const char *group_id,
                     CcDate      base_day,
                     CcDate      to,
                     GError    **error)
{
  g_autofree char *symbol = g_strconcat ("basket:", group_id, NULL);
  g_autofree char *label = cc_group_basket_label (group_id);

  if (members->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("no member of the group “%s” has data"), group_id);
      return NULL;
    }
  return cc_basket_new (symbol, label, (CcSeries **) members->pdata, members->len, base_day,
                        CC_REBASE_GROWTH, base_day, to, error);
}

CcSeries *
cc_group_basket_new (CcDataset   *dataset,
                     const char  *group_id,
                     CcDate       base_day,
                     CcDate       to,
                     GError     **error)
{
  g_autoptr(GPtrArray) members = NULL;

  g_return_val_if_fail (CC_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (group_id != NULL, NULL);

  members = group_members (dataset, group_id);
  return basket_from_members (members, group_id, base_day, to, error);
}

CcSeries *
cc_group_basket_new_full (CcDataset   *dataset,
                          const char  *group_id,
                          CcDate       to,
                          GError     **error)
{
  g_autoptr(GPtrArray) members = NULL;
  CcDate base = G_MININT32 + 1;

  g_return_val_if_fail (CC_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (group_id != NULL, NULL);

  members = group_members (dataset, group_id);
  for (guint i = 0; i < members->len; i++)
    base = MAX (base, cc_series_get_first (g_ptr_array_index (members, i))->date);
  return basket_from_members (members, group_id, base, to, error);
}

/* The basket's growth since its base at @day (the last point on or before it), minus 1. */
static gboolean
basket_return_to (CcSeries *basket,
                  CcDate    day,
                  gboolean  exact,
                  double   *result)
{
  int i = exact ? cc_series_find (basket, day) : cc_series_find_on_or_before (basket, day);

  if (i < 0)
    return FALSE;
  *result = cc_series_get_point (basket, i)->close - 1.0;
  return TRUE;
}

static void
relative_since (CcIndicators  *indicators,
                CcIndicatorId  id,
                CcSeries      *basket,
                gboolean       have_sox,
                double         sox_since)
{
  double r;

  if (basket == NULL)
    set_missing (indicators, id, _("the group has no data"));
  else if (!have_sox)
    set_missing (indicators, id, _("no SOX close since the event"));
  else if (!basket_return_to (basket, indicators->as_of, FALSE, &r))
    set_missing (indicators, id, _("no basket close since the event"));
  else
    cc_indicators_set (indicators, id, (r - sox_since) * 100);
}

void
cc_indicators_compute (CcIndicators *indicators,
                       CcDataset    *dataset,
                       CcDate        event_day,
                       CcDate        as_of)
{
  g_autoptr(CcSeries) memory = NULL;
  g_autoptr(CcSeries) gpu = NULL;
  g_autoptr(CcSeries) equipment = NULL;
  g_autoptr(CcSeries) neocloud = NULL;
  g_autoptr(CcSeries) miners = NULL;
  g_autoptr(CcSeries) runup = NULL;
  CcSeries *sox;
  CcDrawdown dd;
  GPtrArray *events;
  CcDate window_start;
  double sox_since = 0, v, m, g;
  gboolean have_sox_since = FALSE;
  int last;

  g_return_if_fail (indicators != NULL);
  g_return_if_fail (CC_IS_DATASET (dataset));

  cc_indicators_clear (indicators);
  indicators->event_day = cc_calendar_trading_day_on_or_after (event_day);
  indicators->base_day = cc_calendar_previous_trading_day (indicators->event_day);
  indicators->as_of = as_of;
  event_day = indicators->event_day;

  sox = cc_dataset_get_series (dataset, CC_SYMBOL_SOX);
  last = sox ? cc_series_find_on_or_before (sox, as_of) : -1;
  if (last >= 0)
    indicators->as_of = as_of = cc_series_get_point (sox, last)->date;

  if (last >= 0 && cc_drawdown_from_high (sox, as_of, 252, &dd))
    cc_indicators_set (indicators, CC_INDICATOR_SOX_DRAWDOWN, dd.depth * 100);
  else
    set_missing (indicators, CC_INDICATOR_SOX_DRAWDOWN, _("no SOX data"));

  if (sox && event_day <= as_of && cc_daily_return (sox, event_day, &v))
    cc_indicators_set (indicators, CC_INDICATOR_SOX_EVENT_MOVE, v * 100);
  else
    set_missing (indicators, CC_INDICATOR_SOX_EVENT_MOVE, _("no SOX close on the event day"));

  if (sox && event_day <= as_of)
    have_sox_since = cc_return_between (sox, indicators->base_day, as_of, &sox_since);

  if (event_day <= as_of)
    {
      memory = cc_group_basket_new (dataset, CC_GROUP_MEMORY, indicators->base_day, as_of, NULL);
      gpu = cc_group_basket_new (dataset, CC_GROUP_GPU, indicators->base_day, as_of, NULL);
      equipment = cc_group_basket_new (dataset, CC_GROUP_EQUIPMENT, indicators->base_day, as_of,
                                       NULL);
      neocloud = cc_group_basket_new (dataset, CC_GROUP_NEOCLOUD, indicators->base_day, as_of,
                                      NULL);
      miners = cc_group_basket_new (dataset, CC_GROUP_MINERS, indicators->base_day, as_of, NULL);
    }

  if (memory && gpu && basket_return_to (memory, event_day, TRUE, &m) &&
      basket_return_to (gpu, event_day, TRUE, &g))
    cc_indicators_set (indicators, CC_INDICATOR_MEMORY_MINUS_GPU_EVENT, (m - g) * 100);
  else
    set_missing (indicators, CC_INDICATOR_MEMORY_MINUS_GPU_EVENT,
                 _("the memory or GPU basket has no close on the event day"));

  if (memory && gpu && basket_return_to (memory, as_of, FALSE, &m) &&
      basket_return_to (gpu, as_of, FALSE, &g))
    cc_indicators_set (indicators, CC_INDICATOR_MEMORY_MINUS_GPU_SINCE, (m - g) * 100);
  else
    set_missing (indicators, CC_INDICATOR_MEMORY_MINUS_GPU_SINCE,
                 _("the memory or GPU basket has no data since the event"));

  relative_since (indicators, CC_INDICATOR_EQUIPMENT_VS_SOX_SINCE, equipment, have_sox_since,
                  sox_since);
  relative_since (indicators, CC_INDICATOR_NEOCLOUD_VS_SOX_SINCE, neocloud, have_sox_since,
                  sox_since);
  relative_since (indicators, CC_INDICATOR_MINERS_VS_SOX_SINCE, miners, have_sox_since,
                  sox_since);

  if (sox && last >= 0 && cc_moving_average (sox, as_of, 200, &v) && v > 0)
    cc_indicators_set (indicators, CC_INDICATOR_SOX_VS_MA200,
                       (cc_series_get_point (sox, last)->close / v - 1.0) * 100);
  else
    set_missing (indicators, CC_INDICATOR_SOX_VS_MA200, _("fewer than 200 SOX closes"));

  /* 126 daily returns: from the close of day -127 to the close of day -1. */
  runup = cc_group_basket_new (dataset, CC_GROUP_MEMORY,
                               cc_calendar_add_trading_days (event_day, -127),
                               indicators->base_day, NULL);
  if (runup && indicators->base_day <= as_of &&
      cc_series_get_first (runup) != NULL &&
      cc_series_get_first (runup)->date == cc_calendar_add_trading_days (event_day, -127) &&
      basket_return_to (runup, indicators->base_day, TRUE, &v))
    cc_indicators_set (indicators, CC_INDICATOR_MEMORY_RUNUP, v * 100);
  else
    set_missing (indicators, CC_INDICATOR_MEMORY_RUNUP,
                 _("the memory basket lacks the 126 days before the event"));

  /* A year of trading days back from the as-of date. */
  window_start = cc_calendar_add_trading_days (cc_calendar_trading_day_on_or_before (as_of),
                                               -251);
  events = cc_dataset_get_events (dataset);
  {
    CcEvent *latest = NULL;

    for (guint i = 0; events != NULL && i < events->len; i++)
      {
        CcEvent *event = g_ptr_array_index (events, i);
        CcDate first, end;

        if (cc_event_get_hidden (event) ||
            !(cc_event_has_tag (event, CC_TAG_CAPACITY_MONETISATION) ||
              cc_event_has_tag (event, CC_TAG_CAPACITY)))
          continue;
        cc_event_get_span (event, &first, &end);
        if (end >= window_start && first <= as_of &&
            (latest == NULL || first >= cc_event_get_date (latest)))
          latest = event;
      }
    cc_indicators_set (indicators, CC_INDICATOR_MONETISATION_EVENT, latest != NULL);
    if (latest != NULL)
      {
        /* Name the event, so the reader can judge it. */
        g_autofree char *when = cc_event_format_when (latest);
        CcIndicator *ind = &indicators->values[CC_INDICATOR_MONETISATION_EVENT];

        g_free (ind->sentence);
        ind->sentence = g_strdup_printf (_("A capacity-monetisation event, “%s” (%s), lies in "
                                           "the last 252 trading days"),
                                         cc_event_get_title (latest), when);
      }
  }
}
