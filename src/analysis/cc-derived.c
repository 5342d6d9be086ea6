/* cc-derived.c: ratio and spread items: the grammar, the arithmetic and the event-study row.
 * See cc-derived.h for the grammar and why it is shaped so. */
#define G_LOG_DOMAIN "cc-derived"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cc-catalogue.h"
#include "cc-derived.h"
#include "cc-indicators.h"
#include "cc-rebase.h"

#define BASKET_PREFIX "basket:"

G_DEFINE_QUARK (cc-derived-error-quark, cc_derived_error)

const CcDerivedPreset cc_derived_presets[] = {
  { "basket:memory - basket:gpu", N_("Memory minus GPU designers") },
  { "basket:equipment - ^SOX", N_("Equipment minus ^SOX") },
  { "basket:neocloud - ^SOX", N_("Neoclouds minus ^SOX") },
  { "basket:miners - ^SOX", N_("Miners minus ^SOX") },
  { "META - ^SOX", N_("META minus ^SOX") },
};
const guint cc_derived_n_presets = G_N_ELEMENTS (cc_derived_presets);

static gboolean
has_basket_prefix (const char *s)
{
  return g_ascii_strncasecmp (s, BASKET_PREFIX, strlen (BASKET_PREFIX)) == 0;
}

/* The position of the spread's "-" in @s (already trimmed), or -1 when @s is one item. */
static gssize
find_spread (const char *s)
{
  for (const char *p = strchr (s, '-'); p != NULL; p = strchr (p + 1, '-'))
    {
      if (p == s)
        continue;
      if (g_ascii_isspace (p[-1]) || g_ascii_isspace (p[1]))
        return p - s;
      /* A ticker never holds "basket:" and only starts with "^"; a group ID holds no "-". */
      if (has_basket_prefix (p + 1) || p[1] == '^' || has_basket_prefix (s))
        return p - s;
    }
  return -1;
}

/* One side in canonical form: "basket:group" or an upper-case ticker. */
static char *
canonical_side (const char *text,
                gsize       len,
                const char *whole,
                GError    **error)
{
  g_autofree char *side = g_strstrip (g_strndup (text, len));

  if (*side == '\0')
    {
      g_set_error (error, CC_DERIVED_ERROR, CC_DERIVED_ERROR_SYNTAX,
                   /* Translators: %s is what the user typed, e.g. "MU/". */
                   _("“%s” has an empty side: write two items, as in MU/^SOX"), whole);
      return NULL;
    }
  if (has_basket_prefix (side))
    {
      const char *group = side + strlen (BASKET_PREFIX);
      gboolean ok = *group != '\0';

      for (const char *p = group; *p && ok; p++)
        ok = g_ascii_isalnum (*p) || *p == '_';
      if (ok)
        {
          g_autofree char *lower = g_ascii_strdown (group, -1);

          return g_strconcat (BASKET_PREFIX, lower, NULL);
        }
    }
  else
    {
      g_autofree char *upper = g_ascii_strup (side, -1);

      if (cc_ticker_is_valid (upper))
        return g_steal_pointer (&upper);
    }
  g_set_error (error, CC_DERIVED_ERROR, CC_DERIVED_ERROR_SYNTAX,
               /* Translators: %1$s is one side, %2$s the whole text the user typed. */
               _("“%1$s” in “%2$s” is neither a ticker nor basket:GROUP"), side, whole);
  return NULL;
}

CcDerivedKind
cc_derived_parse (const char  *text,
                  char       **a,
                  char       **b,
                  GError     **error)
{
  g_autofree char *s = NULL;
  g_autofree char *left = NULL;
  g_autofree char *right = NULL;
  const char *slash;
  CcDerivedKind kind;
  gsize split, op_len;

  g_return_val_if_fail (text != NULL, CC_DERIVED_NONE);

  s = g_strstrip (g_strdup (text));
  slash = strchr (s, '/');
  if (slash != NULL)
    {
      kind = CC_DERIVED_RATIO;
      split = slash - s;
      op_len = 1;
      if (strchr (slash + 1, '/') != NULL)
        {
          g_set_error (error, CC_DERIVED_ERROR, CC_DERIVED_ERROR_SYNTAX,
                       _("“%s” has more than two sides: a ratio is one item over another"), s);
          return CC_DERIVED_NONE;
        }
    }
  else
    {
      gssize at = find_spread (s);

      if (at < 0)
        return CC_DERIVED_NONE;
      kind = CC_DERIVED_SPREAD;
      split = at;
      op_len = 1;
    }

  /* A side that is itself a spread is in percentage points: a ratio of it has no meaning,
   * and a spread of a spread is a third side. */
  {
    g_autofree char *l = g_strstrip (g_strndup (s, split));
    g_autofree char *r = g_strstrip (g_strdup (s + split + op_len));

    if ((*l && find_spread (l) >= 0) || (*r && find_spread (r) >= 0))
      {
        if (kind == CC_DERIVED_RATIO)
          g_set_error (error, CC_DERIVED_ERROR, CC_DERIVED_ERROR_PERCENT_ONLY,
                       _("“%s” divides a spread: a spread is in percentage points and has no "
                         "level to take a ratio of"), s);
        else
          g_set_error (error, CC_DERIVED_ERROR, CC_DERIVED_ERROR_SYNTAX,
                       _("“%s” has more than two sides: a spread is one item minus another"), s);
        return CC_DERIVED_NONE;
      }
  }

  left = canonical_side (s, split, s, error);
  if (left == NULL)
    return CC_DERIVED_NONE;
  right = canonical_side (s + split + op_len, strlen (s + split + op_len), s, error);
  if (right == NULL)
    return CC_DERIVED_NONE;
  if (g_str_equal (left, right))
    {
      g_set_error (error, CC_DERIVED_ERROR, CC_DERIVED_ERROR_SAME_SIDE,
                   /* Translators: %1$s is what the user typed, %2$s the item on both sides. */
                   _("“%1$s” compares %2$s with itself"), s, left);
      return CC_DERIVED_NONE;
    }
  if (a != NULL)
    *a = g_steal_pointer (&left);
  if (b != NULL)
    *b = g_steal_pointer (&right);
  return kind;
}

char *
cc_derived_format (CcDerivedKind  kind,
                   const char    *a,
                   const char    *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, NULL);

  if (kind == CC_DERIVED_RATIO)
    return g_strconcat (a, "/", b, NULL);
  return g_strconcat (a, " - ", b, NULL);
}

char *
cc_derived_normalize (const char  *text,
                      GError     **error)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  GError *local = NULL;
  CcDerivedKind kind;

  g_return_val_if_fail (text != NULL, NULL);

  kind = cc_derived_parse (text, &a, &b, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  if (kind == CC_DERIVED_NONE)
    return g_strdup (text);
  return cc_derived_format (kind, a, b);
}

CcDerivedKind
cc_derived_get_kind (const char *item)
{
  if (item == NULL || (strchr (item, '/') == NULL && strchr (item, '-') == NULL))
    return CC_DERIVED_NONE;
  return cc_derived_parse (item, NULL, NULL, NULL);
}

char *
cc_derived_side_label (const char *side)
{
  g_return_val_if_fail (side != NULL, NULL);

  if (g_str_has_prefix (side, BASKET_PREFIX))
    return cc_group_basket_label (side + strlen (BASKET_PREFIX));
  return g_strdup (side);
}

char *
cc_derived_describe (const char *item)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *la = NULL;
  g_autofree char *lb = NULL;
  CcDerivedKind kind;

  g_return_val_if_fail (item != NULL, NULL);

  kind = cc_derived_parse (item, &a, &b, NULL);
  if (kind == CC_DERIVED_NONE)
    return cc_derived_side_label (item);
  la = cc_derived_side_label (a);
  lb = cc_derived_side_label (b);
  if (kind == CC_DERIVED_RATIO)
    /* Translators: a ratio series, e.g. "Memory basket / GPU basket". */
    return g_strdup_printf (_("%1$s / %2$s"), la, lb);
  /* Translators: a spread series with a minus sign, e.g. "Memory basket − GPU basket". */
  return g_strdup_printf (_("%1$s − %2$s"), la, lb);
}

CcSeries *
cc_derived_combine (const char    *symbol,
                    CcDerivedKind  kind,
                    CcSeries      *a,
                    CcSeries      *b,
                    guint         *n_unmatched,
                    GError       **error)
{
  g_autoptr(CcSeries) result = NULL;
  const CcPoint *pa, *pb;
  guint na, nb, i = 0, j = 0, unmatched = 0;

  g_return_val_if_fail (symbol != NULL, NULL);
  g_return_val_if_fail (kind == CC_DERIVED_RATIO || kind == CC_DERIVED_SPREAD, NULL);
  g_return_val_if_fail (CC_IS_SERIES (a) && CC_IS_SERIES (b), NULL);

  pa = cc_series_get_points (a, &na);
  pb = cc_series_get_points (b, &nb);
  result = cc_series_new (symbol, CC_LEVEL_INDEX);
  cc_series_reserve (result, MIN (na, nb));

  while (i < na || j < nb)
    {
      double va, vb, value;

      if (j >= nb || (i < na && pa[i].date < pb[j].date))
        {
          unmatched++;
          i++;
          continue;
        }
      if (i >= na || pb[j].date < pa[i].date)
        {
          unmatched++;
          j++;
          continue;
        }

      va = pa[i].close;
      vb = pb[j].close;
      if (kind == CC_DERIVED_RATIO && (!(vb > 0) || !isfinite (va) || !isfinite (vb)))
        {
          char day[11];

          cc_date_format_iso (pa[i].date, day);
          g_set_error (error, CC_DERIVED_ERROR, CC_DERIVED_ERROR_ZERO_LEVEL,
                       /* Translators: %1$s is the ratio, %2$s its second side, %3$s a date. */
                       _("%1$s is undefined: %2$s has a zero level on %3$s"), symbol,
                       !(vb > 0) || !isfinite (vb) ? cc_series_get_symbol (b)
                                                   : cc_series_get_symbol (a), day);
          return NULL;
        }
      if (kind == CC_DERIVED_RATIO)
        value = va / vb;
      else
        /* The same expression as the assessment's "memory minus GPU designers", so the two
         * agree to the last digit. */
        value = ((va - 1.0) - (vb - 1.0)) * 100.0;
      if (isfinite (value))
        cc_series_append (result, pa[i].date, value, MAX (pa[i].provenance, pb[j].provenance),
                          pa[i].flags | pb[j].flags);
      i++;
      j++;
    }

  if (n_unmatched != NULL)
    *n_unmatched = unmatched;
  if (cc_series_get_n_points (result) == 0)
    {
      g_set_error (error, CC_DERIVED_ERROR, CC_DERIVED_ERROR_NO_OVERLAP,
                   /* Translators: %1$s is a ratio or spread, %2$s and %3$s its sides. */
                   _("%1$s has no day on which both %2$s and %3$s have a close"), symbol,
                   cc_series_get_symbol (a), cc_series_get_symbol (b));
      return NULL;
    }
  return g_steal_pointer (&result);
}

gboolean
cc_derived_side_members (CcDataset   *dataset,
                         const char  *side,
                         GPtrArray   *members,
                         GError     **error)
{
  guint before;

  g_return_val_if_fail (CC_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (side != NULL && members != NULL, FALSE);

  before = members->len;
  if (g_str_has_prefix (side, BASKET_PREFIX))
    {
      CcCatalogue *catalogue = cc_dataset_get_catalogue (dataset);
      g_autofree const char **tickers =
        catalogue ? cc_catalogue_get_group_tickers (catalogue, side + strlen (BASKET_PREFIX))
                  : NULL;

      for (guint i = 0; tickers != NULL && tickers[i] != NULL; i++)
        {
          CcSeries *s = cc_dataset_get_series (dataset, tickers[i]);

          if (s != NULL && cc_series_get_n_points (s) > 0)
            g_ptr_array_add (members, s);
        }
    }
  else
    {
      CcSeries *s = cc_dataset_get_series (dataset, side);

      if (s != NULL && cc_series_get_n_points (s) > 0)
        g_ptr_array_add (members, s);
    }

  if (members->len > before)
    return TRUE;
  g_set_error (error, CC_DERIVED_ERROR, CC_DERIVED_ERROR_UNKNOWN_SIDE,
               g_str_has_prefix (side, BASKET_PREFIX)
                 ? _("no basket “%s” with data") : _("no data for “%s”"), side);
  return FALSE;
}

/* @side as growth factors against its close on or before @base_date, over [@from, @to]. */
static CcSeries *
side_growth (CcDataset  *dataset,
             const char *side,
             CcDate      base_date,
             CcDate      from,
             CcDate      to,
             GError    **error)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new ();

  if (!cc_derived_side_members (dataset, side, members, error))
    return NULL;
  if (g_str_has_prefix (side, BASKET_PREFIX))
    {
      g_autofree char *label = cc_derived_side_label (side);

      return cc_basket_new (side, label, (CcSeries **) members->pdata, members->len, base_date,
                            CC_REBASE_GROWTH, from, to, error);
    }
  return cc_rebase_series (g_ptr_array_index (members, 0), base_date, CC_REBASE_GROWTH, from, to,
                           error);
}

CcSeries *
cc_derived_side_growth_new (CcDataset  *dataset,
                            const char *side,
                            CcDate      base_date,
                            CcDate      from,
                            CcDate      to,
                            GError    **error)
{
  g_return_val_if_fail (CC_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (side != NULL, NULL);

  return side_growth (dataset, side, base_date, from, to, error);
}

/* Prefixes @error with the item it concerns, once. */
static void
prefix_item (GError    **error,
             const char *item)
{
  if (error != NULL && *error != NULL && !g_str_has_prefix ((*error)->message, item))
    g_prefix_error (error, "%s: ", item);
}

CcSeries *
cc_derived_series_new (CcDataset   *dataset,
                       const char  *item,
                       CcDate       base_date,
                       CcDate       from,
                       CcDate       to,
                       guint       *n_unmatched,
                       GError     **error)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *canonical = NULL;
  g_autoptr(CcSeries) sa = NULL;
  g_autoptr(CcSeries) sb = NULL;
  CcDerivedKind kind;
  CcSeries *result;

  g_return_val_if_fail (CC_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (item != NULL, NULL);

  kind = cc_derived_parse (item, &a, &b, error);
  if (kind == CC_DERIVED_NONE)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, CC_DERIVED_ERROR, CC_DERIVED_ERROR_SYNTAX,
                     _("“%s” is neither a ratio (A/B) nor a spread (A - B)"), item);
      return NULL;
    }
  canonical = cc_derived_format (kind, a, b);
  sa = side_growth (dataset, a, base_date, from, to, error);
  if (sa == NULL)
    {
      prefix_item (error, canonical);
      return NULL;
    }
  sb = side_growth (dataset, b, base_date, from, to, error);
  if (sb == NULL)
    {
      prefix_item (error, canonical);
      return NULL;
    }
  result = cc_derived_combine (canonical, kind, sa, sb, n_unmatched, error);
  if (result != NULL)
    {
      g_autofree char *label = cc_derived_describe (canonical);

      cc_series_set_name (result, label);
    }
  return result;
}

/* The full series of @side for day-to-day moves: a ticker's closes, or its group's basket
 * chained from the members' first common close (as the assessment builds it). */
static CcSeries *
side_full (CcDataset  *dataset,
           const char *side,
           GError    **error)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new ();

  if (!cc_derived_side_members (dataset, side, members, error))
    return NULL;
  if (g_str_has_prefix (side, BASKET_PREFIX))
    return cc_group_basket_new_full (dataset, side + strlen (BASKET_PREFIX), G_MAXINT32 - 1,
                                     error);
  return g_object_ref (g_ptr_array_index (members, 0));
}

/* The derived item's move on trading day @day against the day before: a spread's is A's return
 * minus B's, a ratio's the change of A/B. */
static gboolean
move_on (CcDerivedKind kind,
         CcSeries     *a,
         CcSeries     *b,
         CcDate        day,
         CcDate        as_of,
         double       *move)
{
  double ra, rb;

  if (day > as_of || !cc_daily_return (a, day, &ra) || !cc_daily_return (b, day, &rb))
    return FALSE;
  if (kind == CC_DERIVED_SPREAD)
    *move = ra - rb;
  else
    *move = (1.0 + ra) / (1.0 + rb) - 1.0;
  return isfinite (*move);
}

CcEventStudyRow *
cc_derived_study_row (CcDataset   *dataset,
                      const char  *item,
                      CcDate       event_day,
                      CcDate       as_of,
                      GError     **error)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autoptr(CcSeries) sa = NULL;
  g_autoptr(CcSeries) sb = NULL;
  CcEventStudyRow *row;
  CcDerivedKind kind;

  g_return_val_if_fail (CC_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (item != NULL, NULL);

  kind = cc_derived_parse (item, &a, &b, error);
  if (kind == CC_DERIVED_NONE)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, CC_DERIVED_ERROR, CC_DERIVED_ERROR_SYNTAX,
                     _("“%s” is neither a ratio (A/B) nor a spread (A - B)"), item);
      return NULL;
    }
  if ((sa = side_full (dataset, a, error)) == NULL || (sb = side_full (dataset, b, error)) == NULL)
    {
      prefix_item (error, item);
      return NULL;
    }

  row = g_new0 (CcEventStudyRow, 1);
  row->item = cc_derived_format (kind, a, b);
  row->label = cc_derived_describe (row->item);
  row->is_derived = TRUE;
  row->provenance = CC_PROVENANCE_OBSERVED;
  for (int k = -1; k <= 0; k++)
    {
      CcDate day = cc_calendar_add_trading_days (event_day, k);
      CcSeries *sides[] = { sa, sb };

      for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
        {
          int i = cc_series_find (sides[s], day);

          if (i >= 0)
            row->provenance = MAX (row->provenance, cc_series_get_point (sides[s], i)->provenance);
        }
    }
  row->has_return = move_on (kind, sa, sb, event_day, as_of, &row->event_return);
  for (guint w = 0; w < CC_EVENT_STUDY_N_WINDOWS; w++)
    row->t_stat[w] = NAN;

  if (kind == CC_DERIVED_RATIO)
    {
      row->model_problem = g_strdup (_("a ratio is already measured against its second "
                                       "side"));
      return row;
    }

  row->model_problem = g_strdup (_("a spread is measured against its second side, so its "
                                   "abnormal return is its own move"));
  row->has_abnormal = row->has_return;
  row->abnormal_return = row->event_return;
  for (int tau = CC_EVENT_STUDY_PATH_FIRST; tau <= CC_EVENT_STUDY_PATH_LAST; tau++)
    {
      guint k = tau - CC_EVENT_STUDY_PATH_FIRST;

      row->has_path[k] = move_on (kind, sa, sb, cc_calendar_add_trading_days (event_day, tau),
                                  as_of, &row->path[k]);
    }
  for (guint w = 0; w < CC_EVENT_STUDY_N_WINDOWS; w++)
    {
      const CcEventWindow *win = &cc_event_study_windows[w];
      double car = 0, move = 0;
      gboolean ok = TRUE;

      for (int tau = win->first; tau <= win->last && ok; tau++)
        {
          ok = move_on (kind, sa, sb, cc_calendar_add_trading_days (event_day, tau), as_of,
                        &move);
          car += move;
        }
      row->has_car[w] = ok;
      if (ok)
        row->car[w] = car;
    }
  return row;
}
