/* cc-portfolio.c: named portfolios of holdings, one position per ticker. */
#define G_LOG_DOMAIN "cc-portfolio"

#include "config.h"

#include <string.h>

#include "cc-portfolio.h"

struct _CcPortfolio
{
  GObject        parent_instance;

  char          *name;
  CcHoldingKind  kind;
  GPtrArray     *holdings;   /* CcHolding */
};

G_DEFINE_FINAL_TYPE (CcPortfolio, cc_portfolio, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

CcHolding *
cc_holding_new (const char *ticker,
                double      amount)
{
  CcHolding *holding;

  g_return_val_if_fail (ticker != NULL, NULL);

  holding = g_new0 (CcHolding, 1);
  holding->ticker = g_ascii_strup (ticker, -1);
  holding->amount = amount;
  holding->date = CC_DATE_INVALID;
  return holding;
}

CcHolding *
cc_holding_copy (const CcHolding *holding)
{
  CcHolding *copy;

  g_return_val_if_fail (holding != NULL, NULL);

  copy = g_memdup2 (holding, sizeof *holding);
  copy->ticker = g_strdup (holding->ticker);
  return copy;
}

void
cc_holding_free (CcHolding *holding)
{
  if (holding == NULL)
    return;
  g_free (holding->ticker);
  g_free (holding);
}

gboolean
cc_holding_equal (const CcHolding *a,
                  const CcHolding *b)
{
  return g_strcmp0 (a->ticker, b->ticker) == 0 && a->amount == b->amount &&
         a->cost == b->cost && a->date == b->date;
}

const char *
cc_holding_kind_to_string (CcHoldingKind kind)
{
  return kind == CC_HOLDING_WEIGHT ? "weights" : "shares";
}

gboolean
cc_holding_kind_from_string (const char    *text,
                             CcHoldingKind *kind)
{
  if (g_strcmp0 (text, "shares") == 0)
    *kind = CC_HOLDING_SHARES;
  else if (g_strcmp0 (text, "weights") == 0)
    *kind = CC_HOLDING_WEIGHT;
  else
    return FALSE;
  return TRUE;
}

static void
cc_portfolio_finalize (GObject *object)
{
  CcPortfolio *self = CC_PORTFOLIO (object);

  g_free (self->name);
  g_ptr_array_unref (self->holdings);

  G_OBJECT_CLASS (cc_portfolio_parent_class)->finalize (object);
}

static void
cc_portfolio_class_init (CcPortfolioClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cc_portfolio_finalize;

  /* Any change of the name, the kind or a position. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cc_portfolio_init (CcPortfolio *self)
{
  self->holdings = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_holding_free);
}

CcPortfolio *
cc_portfolio_new (const char    *name,
                  CcHoldingKind  kind)
{
  CcPortfolio *self = g_object_new (CC_TYPE_PORTFOLIO, NULL);

  self->name = g_strdup (name ? name : "");
  self->kind = kind;
  return self;
}

CcPortfolio *
cc_portfolio_copy (CcPortfolio *self)
{
  CcPortfolio *copy;

  g_return_val_if_fail (CC_IS_PORTFOLIO (self), NULL);

  copy = cc_portfolio_new (self->name, self->kind);
  for (guint i = 0; i < self->holdings->len; i++)
    g_ptr_array_add (copy->holdings, cc_holding_copy (g_ptr_array_index (self->holdings, i)));
  return copy;
}

const char *
cc_portfolio_get_name (CcPortfolio *self)
{
  g_return_val_if_fail (CC_IS_PORTFOLIO (self), NULL);
  return self->name;
}

void
cc_portfolio_set_name (CcPortfolio *self,
                       const char  *name)
{
  g_return_if_fail (CC_IS_PORTFOLIO (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name ? name : "");
  g_signal_emit (self, signals[CHANGED], 0);
}

CcHoldingKind
cc_portfolio_get_kind (CcPortfolio *self)
{
  g_return_val_if_fail (CC_IS_PORTFOLIO (self), CC_HOLDING_SHARES);
  return self->kind;
}

void
cc_portfolio_set_kind (CcPortfolio   *self,
                       CcHoldingKind  kind)
{
  g_return_if_fail (CC_IS_PORTFOLIO (self));

  if (self->kind == kind)
    return;
  self->kind = kind;
  g_signal_emit (self, signals[CHANGED], 0);
}

guint
cc_portfolio_get_n_holdings (CcPortfolio *self)
{
  g_return_val_if_fail (CC_IS_PORTFOLIO (self), 0);
  return self->holdings->len;
}

const CcHolding *
cc_portfolio_get_holding (CcPortfolio *self,
                          guint        index)
{
  g_return_val_if_fail (CC_IS_PORTFOLIO (self), NULL);
  g_return_val_if_fail (index < self->holdings->len, NULL);
  return g_ptr_array_index (self->holdings, index);
}

int
cc_portfolio_find (CcPortfolio *self,
                   const char  *ticker)
{
  g_return_val_if_fail (CC_IS_PORTFOLIO (self), -1);

  for (guint i = 0; ticker != NULL && i < self->holdings->len; i++)
    {
      const CcHolding *holding = g_ptr_array_index (self->holdings, i);

      if (g_ascii_strcasecmp (holding->ticker, ticker) == 0)
        return (int) i;
    }
  return -1;
}

guint
cc_portfolio_set_holding (CcPortfolio     *self,
                          const CcHolding *holding)
{
  int index;

  g_return_val_if_fail (CC_IS_PORTFOLIO (self), 0);
  g_return_val_if_fail (holding != NULL && holding->ticker != NULL, 0);

  index = cc_portfolio_find (self, holding->ticker);
  if (index >= 0)
    {
      CcHolding *old = g_ptr_array_index (self->holdings, index);

      if (cc_holding_equal (old, holding))
        return (guint) index;
      g_ptr_array_index (self->holdings, index) = cc_holding_copy (holding);
      cc_holding_free (old);
    }
  else
    {
      g_ptr_array_add (self->holdings, cc_holding_copy (holding));
      index = (int) self->holdings->len - 1;
    }
  g_signal_emit (self, signals[CHANGED], 0);
  return (guint) index;
}

gboolean
cc_portfolio_remove_holding (CcPortfolio *self,
                             const char  *ticker)
{
  int index;

  g_return_val_if_fail (CC_IS_PORTFOLIO (self), FALSE);

  index = cc_portfolio_find (self, ticker);
  if (index < 0)
    return FALSE;
  g_ptr_array_remove_index (self->holdings, (guint) index);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

gboolean
cc_portfolio_equal (CcPortfolio *a,
                    CcPortfolio *b)
{
  g_return_val_if_fail (CC_IS_PORTFOLIO (a) && CC_IS_PORTFOLIO (b), FALSE);

  if (strcmp (a->name, b->name) != 0 || a->kind != b->kind ||
      a->holdings->len != b->holdings->len)
    return FALSE;
  for (guint i = 0; i < a->holdings->len; i++)
    {
      const CcHolding *ha = g_ptr_array_index (a->holdings, i);
      const CcHolding *hb = g_ptr_array_index (b->holdings, i);

      /* The line a position was imported from is not part of what is saved. */
      if (!cc_holding_equal (ha, hb))
        return FALSE;
    }
  return TRUE;
}
