/* cc-derived.h: relative-strength items built from two chart items: a ratio "A/B" (A's level
 * over B's, rebased like any series) and a spread "A - B" (A's return since the base close
 * minus B's, in percentage points).
 *
 * The grammar, chosen so that tickers with "-" or "." (BRK-B, BRK.B) stay single items:
 *   item     := side | side "/" side | side spread side
 *   side     := TICKER | "basket:" GROUP
 *   spread   := "-" with a space on either side ("MU - NVDA", "MU -NVDA"), or a bare "-" when
 *               the side before it is a basket or the side after it is a basket or an index
 *               ("basket:memory-basket:gpu", "MU-^SOX", "basket:equipment-^SOX")
 * Anything else is one item: "BRK-B" is the ticker BRK-B; write "BRK-B - SPY" for a spread.
 * A side is never itself a ratio or a spread. The canonical form, which views save, is
 * "A/B" and "A - B" with tickers in capitals.
 */
#pragma once

#include "cc-dataset.h"
#include "cc-event-study.h"

G_BEGIN_DECLS

typedef enum {
  CC_DERIVED_NONE,     /* a plain item: a ticker or a basket */
  CC_DERIVED_RATIO,    /* A/B */
  CC_DERIVED_SPREAD,   /* A - B */
} CcDerivedKind;

#define CC_DERIVED_ERROR (cc_derived_error_quark ())

typedef enum {
  CC_DERIVED_ERROR_SYNTAX,        /* an empty or malformed side */
  CC_DERIVED_ERROR_SAME_SIDE,     /* a pair with itself */
  CC_DERIVED_ERROR_PERCENT_ONLY,  /* a ratio of a spread: percentage points have no level */
  CC_DERIVED_ERROR_UNKNOWN_SIDE,  /* a side with no data */
  CC_DERIVED_ERROR_ZERO_LEVEL,    /* a ratio over a zero level */
  CC_DERIVED_ERROR_NO_OVERLAP,    /* the two sides share no day in the range */
} CcDerivedError;

GQuark         cc_derived_error_quark  (void);

/* The pairs the app offers ready-made: the divergences the source article discusses, as
 * spreads (the assessment reads the same differences). */
typedef struct {
  const char *item;    /* canonical: "basket:memory - basket:gpu" */
  const char *title;   /* untranslated (N_): "Memory minus GPU designers"; use _() */
} CcDerivedPreset;

extern const CcDerivedPreset cc_derived_presets[];
extern const guint           cc_derived_n_presets;

/* Reads @text. A plain item gives CC_DERIVED_NONE and leaves @a and @b untouched; a ratio or a
 * spread gives its kind and its two sides in canonical form (free with g_free). Text that is
 * meant as a pair but cannot be one (an empty side, a pair with itself, a ratio of a spread)
 * gives CC_DERIVED_NONE with @error set, naming the text. */
CcDerivedKind  cc_derived_parse        (const char    *text,
                                        char         **a,
                                        char         **b,
                                        GError       **error);
/* The canonical item of @kind on @a and @b: "A/B" or "A - B". */
char          *cc_derived_format       (CcDerivedKind  kind,
                                        const char    *a,
                                        const char    *b);
/* @text in canonical form, or a copy of a plain item; NULL with @error as cc_derived_parse(). */
char          *cc_derived_normalize    (const char    *text,
                                        GError       **error);
/* CC_DERIVED_NONE for anything that is not a well-formed pair. */
CcDerivedKind  cc_derived_get_kind     (const char    *item);

/* The side's label for people: "MU", "Memory basket". */
char          *cc_derived_side_label   (const char    *side);
/* The item's label for people, naming both sides: "Memory basket / GPU basket",
 * "MU − ^SOX" (with a minus sign). A plain item gives its own label. */
char          *cc_derived_describe     (const char    *item);

/* Combines two series of growth factors since the same base close (1 at the base; see
 * CC_REBASE_GROWTH) into @symbol: a ratio as a growth factor a / b, a spread in percentage
 * points ((a - 1) - (b - 1)) * 100. A point exists only on a date both sides have; its
 * provenance is the less certain of the two and its flags are both sides' flags. @n_unmatched
 * (may be NULL) receives the number of dates on which only one side has a point. A ratio whose
 * second side is zero (or either side not finite) on a shared date fails with
 * CC_DERIVED_ERROR_ZERO_LEVEL naming the date; no shared date fails with
 * CC_DERIVED_ERROR_NO_OVERLAP. */
CcSeries      *cc_derived_combine      (const char    *symbol,
                                        CcDerivedKind  kind,
                                        CcSeries      *a,
                                        CcSeries      *b,
                                        guint         *n_unmatched,
                                        GError       **error);

/* The dataset series behind @side: the ticker's, or each member of the group with data (the
 * borrowed series are appended to @members). FALSE with CC_DERIVED_ERROR_UNKNOWN_SIDE when
 * there are none. */
gboolean       cc_derived_side_members (CcDataset     *dataset,
                                        const char    *side,
                                        GPtrArray     *members,
                                        GError       **error);

/* One side of a pair over [@from, @to] as growth factors against its close on or before
 * @base_date (1 at the base; a basket as cc_basket_new() builds it): what
 * cc_derived_series_new() combines. */
CcSeries      *cc_derived_side_growth_new (CcDataset  *dataset,
                                           const char *side,
                                           CcDate      base_date,
                                           CcDate      from,
                                           CcDate      to,
                                           GError    **error);

/* The derived @item of @dataset over [@from, @to], each side expressed against its close on or
 * before @base_date (a basket as cc_basket_new() builds it), then combined as
 * cc_derived_combine() does. */
CcSeries      *cc_derived_series_new   (CcDataset     *dataset,
                                        const char    *item,
                                        CcDate         base_date,
                                        CcDate         from,
                                        CcDate         to,
                                        guint         *n_unmatched,
                                        GError       **error);

/* The event-study row of a derived @item. A spread is a long-short position whose market is
 * its second side: its abnormal return on a day is its own move that day (A's return minus
 * B's), its CARs the sums of those moves, with no t-statistics. A ratio's day-0 change is
 * shown as its return, with no abnormal return: it is already measured against B. NULL with
 * @error when a side has no data. */
CcEventStudyRow *cc_derived_study_row  (CcDataset     *dataset,
                                        const char    *item,
                                        CcDate         event_day,
                                        CcDate         as_of,
                                        GError       **error);

G_END_DECLS
