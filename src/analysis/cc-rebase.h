/* cc-rebase.h: simple returns, rebasing to a base date and equal-weight baskets. */
#pragma once

#include "cc-series.h"

G_BEGIN_DECLS

typedef enum {
  CC_REBASE_PERCENT,   /* 0 at the base close, in percent */
  CC_REBASE_INDEXED,   /* 100 at the base close */
  CC_REBASE_GROWTH,    /* 1 at the base close: the factor, for log scales */
} CcRebaseKind;

/* The base close for @base_date: the last close on or before it. Returns the point index or -1. */
int       cc_rebase_find_base       (CcSeries     *series,
                                     CcDate        base_date);
/* close(to) / close(from) - 1, each taken on or before its date; FALSE when either is missing. */
gboolean  cc_return_between         (CcSeries     *series,
                                     CcDate        from,
                                     CcDate        to,
                                     double       *result);
/* The close-to-close return of the bar at @day against the bar before it. FALSE when @day has
 * no bar or is the first. */
gboolean  cc_return_on_day          (CcSeries     *series,
                                     CcDate        day,
                                     double       *result);
/* A new series of the points of @series in [from, to] expressed against the close on or before
 * @base_date. Provenance and flags are kept. NULL (with @error set) when there is no base. */
CcSeries *cc_rebase_series          (CcSeries     *series,
                                     CcDate        base_date,
                                     CcRebaseKind  kind,
                                     CcDate        from,
                                     CcDate        to,
                                     GError      **error);
/* As cc_rebase_series(), against the first point of @series on or after @from instead of a
 * base date: the first visible bar reads 0% (or 100, or 1). @series holds levels or an index
 * (a basket built as CC_REBASE_INDEXED or CC_REBASE_GROWTH), never percentages. NULL (with
 * @error set) when no point lies in [from, to]. */
CcSeries *cc_rebase_series_to_first (CcSeries     *series,
                                     CcRebaseKind  kind,
                                     CcDate        from,
                                     CcDate        to,
                                     GError      **error);
/* The one basket definition of the app (chart, event study, indicators, CLI): equal weight,
 * rebalanced daily. The index is chained over the dates on which every member has a close:
 * each step multiplies it by the mean of the members' close-to-close changes since the previous
 * such date, from the first date all members share (whatever @from is, so every caller gets the
 * same numbers). The result covers [@from, @to], expressed (as @kind) against the index on the
 * last such date on or before @base_date. A point's provenance is the least certain of its
 * members'. @symbol names the result. */
CcSeries *cc_basket_new             (const char   *symbol,
                                     const char   *name,
                                     CcSeries    **members,
                                     guint         n_members,
                                     CcDate        base_date,
                                     CcRebaseKind  kind,
                                     CcDate        from,
                                     CcDate        to,
                                     GError      **error);
/* For legends, footers and exports: "Baskets: equal weight, rebalanced daily" (translated). */
const char *cc_basket_get_method_label (void);
/* The same, for file headers and JSON: never translated. */
#define CC_BASKET_METHOD "equal-weight-rebalanced-daily"

/* Converts a value already rebased as @from_kind into @to_kind. */
double    cc_rebase_convert         (double        value,
                                     CcRebaseKind  from_kind,
                                     CcRebaseKind  to_kind);

G_END_DECLS
