/* cc-indicators.h: the figures the phase and scenario assessment reads, each with a plain
 * sentence that states it. They are computed for an as-of date in cc-assessment.c. */
#pragma once

#include "cc-dataset.h"

G_BEGIN_DECLS

typedef enum {
  CC_INDICATOR_SOX_DRAWDOWN,            /* % below the 52-week high (>= 0) */
  CC_INDICATOR_SOX_EVENT_MOVE,          /* % SOX return on the event day */
  CC_INDICATOR_MEMORY_MINUS_GPU_EVENT,  /* points: memory basket minus GPU basket, event day */
  CC_INDICATOR_MEMORY_MINUS_GPU_SINCE,  /* points: the same since the close before the event */
  CC_INDICATOR_EQUIPMENT_VS_SOX_SINCE,  /* points: basket minus SOX since the event */
  CC_INDICATOR_NEOCLOUD_VS_SOX_SINCE,
  CC_INDICATOR_MINERS_VS_SOX_SINCE,
  CC_INDICATOR_SOX_VS_MA200,            /* % SOX above (+) or below (-) its 200-day average */
  CC_INDICATOR_MEMORY_RUNUP,            /* % memory basket over the 126 days before the event */
  CC_INDICATOR_MONETISATION_EVENT,      /* 1 when a qualifying event lies in the past 52 weeks */
  /* From the monitors fed by SEC EDGAR (cc-monitors.h), as known on the as-of date: only
   * quarters whose filing was filed on or before it. Without EDGAR data they are never
   * available, so rules on them are skipped. */
  CC_INDICATOR_EDGAR_CAPEX_GROWTH,      /* % hyperscalers' summed capex on the quarter a year
                                         * before, latest calendar quarter all five filed */
  CC_INDICATOR_EDGAR_MEMORY_MARGIN_CHANGE, /* points: Micron's gross margin minus the same
                                            * fiscal quarter's a year before */
  CC_INDICATOR_EDGAR_AI_REVENUE_GROWTH, /* % NVIDIA's revenue on the same quarter a year before */
  CC_INDICATOR_EDGAR_MINER_AGREEMENTS,  /* count: the miners' 8-K item 1.01 filings in the
                                         * latest calendar quarter ended by the as-of date */
  CC_N_INDICATORS
} CcIndicatorId;

typedef enum {
  CC_INDICATOR_UNIT_PERCENT,
  CC_INDICATOR_UNIT_POINTS,
  CC_INDICATOR_UNIT_FLAG,
  CC_INDICATOR_UNIT_COUNT,
} CcIndicatorUnit;

#define CC_INDICATOR_FIRST_EDGAR CC_INDICATOR_EDGAR_CAPEX_GROWTH

/* The tags that mark an event in which someone sells or rents out surplus compute capacity:
 * the explicit one for user events, and the one the bundled events use. */
#define CC_TAG_CAPACITY_MONETISATION "capacity-monetisation"
#define CC_TAG_CAPACITY              "capacity"

typedef struct {
  gboolean available;
  double   value;
  char    *sentence;   /* what the value says, with the number; or why it is missing */
} CcIndicator;

typedef struct {
  CcDate      event_day;   /* day 0 of the qualifying event in use (CC_DATE_INVALID: none) */
  CcDate      base_day;    /* the trading day before it */
  CcDate      as_of;       /* the last trading day with data on or before the as-of date */
  CcIndicator values[CC_N_INDICATORS];
} CcIndicators;

const char      *cc_indicator_id_to_string   (CcIndicatorId    id);
gboolean         cc_indicator_id_from_string (const char      *text,
                                              CcIndicatorId   *id);
/* Translated short name, e.g. "SOX drawdown from 52-week high". */
const char      *cc_indicator_get_label      (CcIndicatorId    id);
/* Whether @id reads a monitor fed by SEC EDGAR (and which one). */
gboolean         cc_indicator_is_edgar       (CcIndicatorId    id);
CcMonitor        cc_indicator_get_monitor    (CcIndicatorId    id);
CcIndicatorUnit  cc_indicator_get_unit       (CcIndicatorId    id);
/* "22.3%", "-5.1 pts", "yes". */
char            *cc_indicator_format_value   (CcIndicatorId    id,
                                              double           value);
/* A sentence that states @value, e.g. "SOX is 22.3% below its 52-week high". */
char            *cc_indicator_describe       (CcIndicatorId    id,
                                              double           value);

void             cc_indicators_init          (CcIndicators    *indicators);
void             cc_indicators_clear         (CcIndicators    *indicators);
/* Sets one value (and its sentence), for crafted scenarios and tests. */
void             cc_indicators_set           (CcIndicators    *indicators,
                                              CcIndicatorId    id,
                                              double           value);
/* The basket of the catalogue group @group_id (equal weight, rebalanced daily: see
 * cc_basket_new()), from the members that have a series in @dataset, as growth factors (1 at
 * the close on or before @base_day), over [@base_day, @to]. */
CcSeries        *cc_group_basket_new         (CcDataset       *dataset,
                                              const char      *group_id,
                                              CcDate           base_day,
                                              CcDate           to,
                                              GError         **error);
/* The same basket based at the first date every member has data. */
CcSeries        *cc_group_basket_new_full    (CcDataset       *dataset,
                                              const char      *group_id,
                                              CcDate           to,
                                              GError         **error);
/* Translated, e.g. "Memory basket". */
char            *cc_group_basket_label       (const char      *group_id);

G_END_DECLS
