/* cc-portfolio.h: the user's own holdings, as named portfolios: one position per ticker, held
 * either as a number of shares or as a weight, with an optional cost per share and purchase
 * date. No file format here (see src/data/cc-portfolio-file.h) and no valuation (see
 * src/analysis/cc-exposure.h). */
#pragma once

#include <gio/gio.h>

#include "cc-date.h"

G_BEGIN_DECLS

/* How a portfolio's positions are given, all alike: numbers of shares (valued at each ticker's
 * close, which must be a price) or weights (positive numbers, scaled to sum to 1). */
typedef enum {
  CC_HOLDING_SHARES,
  CC_HOLDING_WEIGHT,
} CcHoldingKind;

typedef struct {
  char          *ticker;   /* upper case, cc_ticker_is_valid() */
  double         amount;   /* shares or weight (as the portfolio's kind says), > 0 */
  double         cost;     /* cost per share in the ticker's currency, or 0 when unknown */
  CcDate         date;     /* purchase date, or CC_DATE_INVALID when unknown */
  guint          line;     /* the line of the imported file it came from, or 0 */
} CcHolding;

CcHolding *cc_holding_new  (const char      *ticker,
                            double           amount);
CcHolding *cc_holding_copy (const CcHolding *holding);
void       cc_holding_free (CcHolding       *holding);
gboolean   cc_holding_equal (const CcHolding *a,
                             const CcHolding *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcHolding, cc_holding_free)

#define CC_TYPE_PORTFOLIO (cc_portfolio_get_type ())
G_DECLARE_FINAL_TYPE (CcPortfolio, cc_portfolio, CC, PORTFOLIO, GObject)

CcPortfolio     *cc_portfolio_new            (const char      *name,
                                              CcHoldingKind    kind);
CcPortfolio     *cc_portfolio_copy           (CcPortfolio     *self);
const char      *cc_portfolio_get_name       (CcPortfolio     *self);
void             cc_portfolio_set_name       (CcPortfolio     *self,
                                              const char      *name);
guint            cc_portfolio_get_n_holdings (CcPortfolio     *self);
const CcHolding *cc_portfolio_get_holding    (CcPortfolio     *self,
                                              guint            index);
/* Index of the position in @ticker, or -1. */
int              cc_portfolio_find           (CcPortfolio     *self,
                                              const char      *ticker);
/* Adds a copy of @holding, or replaces the position in the same ticker. Returns its index.
 * Emits ::changed. */
guint            cc_portfolio_set_holding    (CcPortfolio     *self,
                                              const CcHolding *holding);
gboolean         cc_portfolio_remove_holding (CcPortfolio     *self,
                                              const char      *ticker);
CcHoldingKind    cc_portfolio_get_kind       (CcPortfolio     *self);
/* Changing the kind keeps the amounts: 10 shares become a weight of 10. Emits ::changed. */
void             cc_portfolio_set_kind       (CcPortfolio     *self,
                                              CcHoldingKind    kind);
const char      *cc_holding_kind_to_string   (CcHoldingKind    kind);
gboolean         cc_holding_kind_from_string (const char      *text,
                                              CcHoldingKind   *kind);
gboolean         cc_portfolio_equal          (CcPortfolio     *a,
                                              CcPortfolio     *b);

G_END_DECLS
