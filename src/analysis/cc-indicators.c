/* cc-indicators.c: the assessment's indicators, computed from a dataset for an event and an
 * as-of date. */
#define G_LOG_DOMAIN "cc-indicators"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cc-cycle.h"
#include "cc-event-study.h"
#include "cc-format.h"
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
  { "edgar_capex_growth", N_("Hyperscaler capex on a year (SEC EDGAR)"),
    CC_INDICATOR_UNIT_PERCENT },
  { "edgar_memory_margin_change", N_("Micron gross margin on a year (SEC EDGAR)"),
    CC_INDICATOR_UNIT_POINTS },
  { "edgar_ai_revenue_growth", N_("NVIDIA revenue on a year (SEC EDGAR)"),
    CC_INDICATOR_UNIT_PERCENT },
  { "edgar_miner_agreements", N_("Miners’ material agreements last quarter (SEC EDGAR)"),
    CC_INDICATOR_UNIT_COUNT },
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

gboolean
cc_indicator_is_edgar (CcIndicatorId id)
{
  return id >= CC_INDICATOR_FIRST_EDGAR && id < CC_N_INDICATORS;
}

CcMonitor
cc_indicator_get_monitor (CcIndicatorId id)
{
  switch (id)
    {
    case CC_INDICATOR_EDGAR_CAPEX_GROWTH:
      return CC_MONITOR_CAPEX;
    case CC_INDICATOR_EDGAR_MEMORY_MARGIN_CHANGE:
      return CC_MONITOR_MEMORY_PRICES;
    case CC_INDICATOR_EDGAR_AI_REVENUE_GROWTH:
      return CC_MONITOR_AI_ADOPTION;
    case CC_INDICATOR_EDGAR_MINER_AGREEMENTS:
      return CC_MONITOR_MINER_CONTRACTS;
    default:
      return CC_MONITOR_NONE;
    }
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
      return cc_format_points (value, 1);
    case CC_INDICATOR_UNIT_COUNT:
      return g_strdup_printf ("%.0f", value);
    case CC_INDICATOR_UNIT_PERCENT:
    default:
      if (id == CC_INDICATOR_SOX_DRAWDOWN)
        return cc_format_percent (value, 1, FALSE);
      if (id == CC_INDICATOR_SOX_EVENT_MOVE)
        return cc_format_percent (value, 2, TRUE);
      return cc_format_percent (value, 1, TRUE);
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
  g_autofree char *pct = NULL;
  gulong count;

  switch (id)
    {
    case CC_INDICATOR_SOX_DRAWDOWN:
      if (value < 0.05)
        return g_strdup (_("SOX closed at its 52-week high"));
      pct = cc_format_percent (value, 1, FALSE);
      /* TRANSLATORS: %s is a percentage, "22.3%" */
      return g_strdup_printf (_("SOX is %s below its 52-week high"), pct);
    case CC_INDICATOR_SOX_EVENT_MOVE:
      pct = cc_format_percent (fabs (value), 2, FALSE);
      if (value < 0)
        /* TRANSLATORS: %s is a percentage, "6.27%" */
        return g_strdup_printf (_("SOX fell %s on the event day"), pct);
      /* TRANSLATORS: %s is a percentage, "6.27%" */
      return g_strdup_printf (_("SOX rose %s on the event day"), pct);
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
      if (fabs (value) < 0.05)
        return g_strdup (_("SOX is at its 200-day average"));
      pct = cc_format_percent (fabs (value), 1, FALSE);
      if (value > 0)
        /* TRANSLATORS: %s is a percentage, "4.1%" */
        return g_strdup_printf (_("SOX is %s above its 200-day average"), pct);
      /* TRANSLATORS: %s is a percentage, "4.1%" */
      return g_strdup_printf (_("SOX is %s below its 200-day average"), pct);
    case CC_INDICATOR_MEMORY_RUNUP:
      pct = cc_format_percent (fabs (value), 1, FALSE);
      if (value < 0)
        /* TRANSLATORS: %s is a percentage, "312.4%" */
        return g_strdup_printf (_("The memory basket fell %s over the 126 trading days before "
                                  "the event"), pct);
      /* TRANSLATORS: %s is a percentage, "312.4%" */
      return g_strdup_printf (_("The memory basket rose %s over the 126 trading days before "
                                "the event"), pct);
    case CC_INDICATOR_MONETISATION_EVENT:
      if (value != 0)
        return g_strdup (_("A capacity-monetisation event lies in the past 52 weeks"));
      return g_strdup (_("No capacity-monetisation event lies in the past 52 weeks"));
    case CC_INDICATOR_EDGAR_CAPEX_GROWTH:
      pct = cc_format_percent (value, 1, TRUE);
      /* TRANSLATORS: %s is a signed percentage, "+66.7%" */
      return g_strdup_printf (_("The hyperscalers’ capex changed %s on a year"), pct);
    case CC_INDICATOR_EDGAR_MEMORY_MARGIN_CHANGE:
      pct = cc_format_points (value, 1);
      /* TRANSLATORS: %s is a change in percentage points, "+22.5 pts" */
      return g_strdup_printf (_("Micron’s gross margin changed %s on a year"), pct);
    case CC_INDICATOR_EDGAR_AI_REVENUE_GROWTH:
      pct = cc_format_percent (value, 1, TRUE);
      /* TRANSLATORS: %s is a signed percentage, "+100.0%" */
      return g_strdup_printf (_("NVIDIA’s revenue changed %s on a year"), pct);
    case CC_INDICATOR_EDGAR_MINER_AGREEMENTS:
      /* The plural form needs a whole count; a value set from outside (a rules file's test,
       * the fuzzer) may be negative, huge or not a number, which a cast cannot take. */
      count = value >= 0 && value < 1e9 ? (gulong) value : 0;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* TRANSLATORS: a count of filings */
                                           "The miners filed %.0f material agreement last "
                                           "quarter",
                                           "The miners filed %.0f material agreements last "
                                           "quarter", count), value);
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
