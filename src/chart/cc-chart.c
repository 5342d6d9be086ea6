/* cc-chart.c: the chart description, the preparation of its series (rebasing, baskets, the
 * trading-day date axis), the layout pass and the one function that draws it into a cairo_t.
 *
 * Preparing (rebasing every item) happens once per change of the description; a frame only
 * lays out text and strokes prepared arrays, which keeps redraws cheap.
 */
#define G_LOG_DOMAIN "cc-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cc-analogue.h"
#include "cc-chart.h"
#include "cc-chart-private.h"
#include "cc-compare-chart.h"
#include "cc-derived.h"
#include "cc-rebase.h"

struct _CcChart
{
  GObject          parent_instance;

  CcDataset       *dataset;
  GStrv            items;
  CcSeries        *portfolio;
  CcPortfolio     *portfolio_holdings;
  CcScenarios     *portfolio_scenarios;
  CcReportedMonitors *reported;
  CcChartMode      mode;
  gboolean         log_scale;
  CcChartTheme     theme;
  CcChartTimeAxis  time_axis;
  CcEvent         *event;
  CcDate           base_date;      /* explicit, or CC_DATE_INVALID for the default */
  CcDate           from;
  CcDate           to;
  char            *title;
  char            *footer;
  gboolean         show_events;
  CcDate           as_of;          /* the marker's date, or CC_DATE_INVALID */
  CcChartRebase    rebase;
  gboolean         history;        /* join month-end history before the daily data */
  GHashTable      *filings;        /* symbol -> GPtrArray of CcChartFiling (shared, read-only) */
  guint            filing_kinds;   /* 1 << CcFilingKind of the kinds drawn */
  CcDate           cursor;         /* the crosshair's day for the legend's values, or invalid */
  CcChartOverlay   overlay;
  GPtrArray       *cycles;         /* CcCycle for the overlay, computed lazily */
  CcCompareChartLayout *cycle_layout;  /* what the overlay drew last */

  CcChartData     *data;           /* prepared lazily, dropped on any change */
  CcChartFrame    *frame;          /* the last layout, for hit-testing and fast redraws */
  CcChartFonts    *fonts;          /* still loading, for the first layout */
};

G_DEFINE_FINAL_TYPE (CcChart, cc_chart, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_MODE,
  PROP_LOG_SCALE,
  PROP_THEME,
  PROP_TIME_AXIS,
  PROP_TITLE,
  PROP_SHOW_EVENTS,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const default_items[] = {
  CC_SYMBOL_SOX, CC_CHART_BASKET_PREFIX CC_GROUP_MEMORY, CC_CHART_BASKET_PREFIX CC_GROUP_GPU,
  "META", NULL
};

/* ---------------------------------------------------------------------------------------- */
/* Prepared data */

void
_cc_chart_series_free (CcChartSeries *s)
{
  if (s == NULL)
    return;
  g_free (s->item);
  g_free (s->label);
  g_free (s->short_label);
  g_free (s->name);
  g_free (s->group_id);
  g_free (s->x);
  g_free (s->v);
  g_free (s->y);
  g_free (s->prov);
  g_free (s->source);
  if (s->levels)
    {
      for (guint i = 0; i < s->levels->len; i++)
        {
          CcPyramidLevel *l = &g_array_index (s->levels, CcPyramidLevel, i);

          g_free (l->min);
          g_free (l->max);
        }
      g_array_unref (s->levels);
    }
  g_free (s);
}

void
_cc_chart_data_free (CcChartData *data)
{
  if (data == NULL)
    return;
  g_ptr_array_unref (data->series);
  g_ptr_array_unref (data->excluded);
  g_ptr_array_unref (data->other_unit);
  g_free (data->price_unit);
  g_clear_pointer (&data->problems, g_ptr_array_unref);
  g_free (data->dates);
  g_free (data->empty_reason);
  g_free (data);
}

void
_cc_chart_series_build_pyramid (CcChartSeries *s)
{
  const double *src_min = s->y, *src_max = s->y;
  guint n = s->n;

  s->levels = g_array_new (FALSE, FALSE, sizeof (CcPyramidLevel));
  while (n > CC_PYRAMID_FAN * 2)
    {
      CcPyramidLevel l;

      l.n = (n + CC_PYRAMID_FAN - 1) / CC_PYRAMID_FAN;
      l.min = g_new (double, l.n);
      l.max = g_new (double, l.n);
      for (guint b = 0; b < l.n; b++)
        {
          double mn = INFINITY, mx = -INFINITY;
          guint end = MIN ((b + 1) * CC_PYRAMID_FAN, n);

          /* NAN (no value in log space) fails both comparisons, so it is skipped. */
          for (guint i = b * CC_PYRAMID_FAN; i < end; i++)
            {
              if (src_min[i] < mn)
                mn = src_min[i];
              if (src_max[i] > mx)
                mx = src_max[i];
            }
          l.min[b] = mn;
          l.max[b] = mx;
        }
      g_array_append_val (s->levels, l);
      src_min = l.min;
      src_max = l.max;
      n = l.n;
    }
}

void
_cc_chart_series_minmax (const CcChartSeries *s,
                         guint                first,
                         guint                last,
                         double              *out_min,
                         double              *out_max)
{
  double mn = INFINITY, mx = -INFINITY;
  const double *lmin = s->y, *lmax = s->y;
  guint a = first, b = last;   /* half-open [a, b) at the current level */
  guint level = 0;

  while (a < b)
    {
      guint a_up, b_down;

      if (b - a <= 2 * CC_PYRAMID_FAN || level >= s->levels->len)
        {
          for (guint i = a; i < b; i++)
            {
              if (lmin[i] < mn)
                mn = lmin[i];
              if (lmax[i] > mx)
                mx = lmax[i];
            }
          break;
        }
      a_up = (a + CC_PYRAMID_FAN - 1) / CC_PYRAMID_FAN * CC_PYRAMID_FAN;
      b_down = b / CC_PYRAMID_FAN * CC_PYRAMID_FAN;
      for (guint i = a; i < a_up; i++)
        {
          if (lmin[i] < mn)
            mn = lmin[i];
          if (lmax[i] > mx)
            mx = lmax[i];
        }
      for (guint i = b_down; i < b; i++)
        {
          if (lmin[i] < mn)
            mn = lmin[i];
          if (lmax[i] > mx)
            mx = lmax[i];
        }
      a = a_up / CC_PYRAMID_FAN;
      b = b_down / CC_PYRAMID_FAN;
      lmin = g_array_index (s->levels, CcPyramidLevel, level).min;
      lmax = g_array_index (s->levels, CcPyramidLevel, level).max;
      level++;
    }
  *out_min = mn;
  *out_max = mx;
}

guint
_cc_chart_series_lower_bound (const CcChartSeries *s,
                              int                  x,
                              guint                hint)
{
  guint lo, hi, step = 1;

  /* Dates on the axis are mostly consecutive indices, so guess the index from the distance
   * to the hint and check it; otherwise gallop from the hint (consecutive pixel columns ask
   * for nearby indices). */
  if (hint < s->n && s->x[hint] < x)
    {
      gint64 guess = (gint64) hint + (x - s->x[hint]);

      if (guess >= (gint64) s->n)
        guess = s->n;
      if (guess < (gint64) s->n && s->x[guess] >= x && s->x[guess - 1] < x)
        return (guint) guess;
      if (guess == (gint64) s->n && s->x[s->n - 1] < x)
        return s->n;
    }
  lo = MIN (hint, s->n);
  if (lo > 0 && s->x[lo - 1] >= x)
    lo = 0;
  hi = lo;
  while (hi < s->n && s->x[hi] < x)
    {
      lo = hi + 1;
      hi = MIN (s->n, hi + step);
      step *= 2;
    }
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (s->x[mid] < x)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static char *
basket_label (const char *group_id)
{
  const char *group = cc_catalogue_group_get_label (group_id);

  /* TRANSLATORS: an equal-weight basket of a catalogue group, e.g. "Memory basket" */
  return g_strdup_printf (_("%s basket"), group ? group : group_id);
}

/* A basket's name for the end of its line, where room is short: "GPU basket". The legend
 * keeps the long name. */
static char *
basket_short_label (const char *group_id)
{
  static const struct {
    const char *group_id;
    const char *label;
  } short_names[] = {
    /* TRANSLATORS: short basket names for the end of a line on the chart; the legend shows
     * the full group name */
    { CC_GROUP_MEMORY, N_("Memory basket") },
    { CC_GROUP_GPU, N_("GPU basket") },
    { CC_GROUP_EQUIPMENT, N_("Equipment basket") },
    { CC_GROUP_NEOCLOUD, N_("Neocloud basket") },
    { CC_GROUP_MINERS, N_("Miners basket") },
    { CC_GROUP_HYPERSCALER, N_("Hyperscaler basket") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (short_names); i++)
    if (g_strcmp0 (group_id, short_names[i].group_id) == 0)
      return g_strdup (_(short_names[i].label));
  return basket_label (group_id);
}

char *
cc_chart_describe_item (CcChart    *self,
                        const char *item)
{
  g_return_val_if_fail (CC_IS_CHART (self), NULL);
  g_return_val_if_fail (item != NULL, NULL);

  if (cc_derived_get_kind (item) != CC_DERIVED_NONE)
    return cc_derived_describe (item);
  if (g_str_has_prefix (item, CC_CHART_BASKET_PREFIX))
    return basket_label (item + strlen (CC_CHART_BASKET_PREFIX));
  if (g_str_has_prefix (item, CC_CHART_PORTFOLIO_PREFIX))
    return g_strdup (item + strlen (CC_CHART_PORTFOLIO_PREFIX));
  return g_strdup (item);
}

/* The dataset series behind @item (one for a ticker, the group's for a basket). */
static GPtrArray *
item_members (CcChart    *self,
              const char *item,
              const char **group_id,
              int         *member_index)
{
  CcCatalogue *catalogue = cc_dataset_get_catalogue (self->dataset);
  GPtrArray *members = g_ptr_array_new ();

  *member_index = 0;
  if (cc_derived_get_kind (item) != CC_DERIVED_NONE)
    {
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      /* Both sides' series; the colour is the pair's own, by its place among the pairs. */
      cc_derived_parse (item, &a, &b, NULL);
      if (!cc_derived_side_members (self->dataset, a, members, NULL) ||
          !cc_derived_side_members (self->dataset, b, members, NULL))
        g_ptr_array_set_size (members, 0);
      *group_id = CC_CHART_DERIVED_GROUP;
      for (guint i = 0; self->items && self->items[i] && self->items[i] != item; i++)
        if (cc_derived_get_kind (self->items[i]) != CC_DERIVED_NONE)
          (*member_index)++;
    }
  else if (g_str_has_prefix (item, CC_CHART_PORTFOLIO_PREFIX))
    {
      /* Drawn as a basket of one: its own daily returns, rebased like the others. */
      *group_id = "portfolio";
      *member_index = -1;
      if (self->portfolio && g_str_equal (cc_series_get_symbol (self->portfolio), item) &&
          cc_series_get_n_points (self->portfolio) > 0)
        g_ptr_array_add (members, self->portfolio);
    }
  else if (g_str_has_prefix (item, CC_CHART_BASKET_PREFIX))
    {
      g_autofree const char **tickers = NULL;

      *group_id = item + strlen (CC_CHART_BASKET_PREFIX);
      *member_index = -1;
      tickers = catalogue ? cc_catalogue_get_group_tickers (catalogue, *group_id) : NULL;
      for (guint i = 0; tickers && tickers[i]; i++)
        {
          CcSeries *s = cc_dataset_get_series (self->dataset, tickers[i]);

          if (s && cc_series_get_n_points (s) > 0)
            g_ptr_array_add (members, s);
        }
    }
  else
    {
      CcSymbol *symbol = catalogue ? cc_catalogue_lookup (catalogue, item) : NULL;
      CcSeries *s = self->history ? cc_dataset_get_history (self->dataset, item)
                                  : cc_dataset_get_series (self->dataset, item);

      *group_id = symbol ? cc_symbol_get_group_id (symbol) : CC_GROUP_USER;
      if (symbol && catalogue)
        {
          g_autofree const char **tickers = cc_catalogue_get_group_tickers (catalogue,
                                                                            *group_id);

          for (guint i = 0; tickers && tickers[i]; i++)
            if (g_str_equal (tickers[i], item))
              *member_index = i;
        }
      else
        {
          /* Items outside the catalogue (an imported CSV) shade by their position. */
          for (guint i = 0; self->items && self->items[i]; i++)
            if (g_str_equal (self->items[i], item))
              *member_index = i;
        }
      if (s && cc_series_get_n_points (s) > 0)
        g_ptr_array_add (members, s);
    }
  return members;
}

static void
data_extent (CcChart *self,
             CcDate  *first,
             CcDate  *last)
{
  *first = G_MAXINT32;
  *last = G_MININT32;
  for (guint i = 0; self->items && self->items[i]; i++)
    {
      const char *group_id;
      int member_index;
      g_autoptr(GPtrArray) members = item_members (self, self->items[i], &group_id,
                                                   &member_index);

      for (guint m = 0; m < members->len; m++)
        {
          CcSeries *s = g_ptr_array_index (members, m);

          *first = MIN (*first, cc_series_get_first (s)->date);
          *last = MAX (*last, cc_series_get_last (s)->date);
        }
    }
}

static CcDate
event_day (CcEvent *event)
{
  CcDate first, last;

  if (event == NULL)
    return CC_DATE_INVALID;
  cc_event_get_span (event, &first, &last);
  return first;
}

static CcDate
effective_base_date (CcChart *self,
                     CcDate   from)
{
  if (self->base_date != CC_DATE_INVALID)
    return self->base_date;
  if (self->event)
    return cc_calendar_previous_trading_day (event_day (self->event));
  return from;
}

static void
effective_range (CcChart *self,
                 CcDate  *from,
                 CcDate  *to)
{
  CcDate first, last;

  data_extent (self, &first, &last);
  *from = first;
  *to = last;
  if (self->time_axis == CC_CHART_AXIS_TRADING_DAYS && self->event)
    {
      CcDate day = cc_calendar_trading_day_on_or_after (event_day (self->event));

      *from = MAX (first, cc_calendar_add_trading_days (day, -20));
      *to = MIN (last, cc_calendar_add_trading_days (day, 60));
    }
  if (self->from != CC_DATE_INVALID)
    *from = self->from;
  if (self->to != CC_DATE_INVALID)
    *to = self->to;
}

/* The palette slot and shade of @item among the chart's items. A basket and those of its own
 * members shown beside it form one family; every other item is a family of its own. Baskets
 * take their group's home slot first, then the other families in legend order take their
 * group's home slot if it is still free, else the first free slot; only past eleven hued
 * families (more than the palette holds) do slots repeat. */
static void
assign_color (CcChart    *self,
              const char *item,
              int        *slot,
              int        *shade)
{
  static const int fallback[] = { 1, 8, 4, 5, 11, 2, 9, 6, 10, 3, 7 };
  CcCatalogue *catalogue = cc_dataset_get_catalogue (self->dataset);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  guint n;
  g_autofree char **family = NULL;
  g_autofree int *slots = NULL;
  g_autofree int *shades = NULL;
  gboolean taken[CC_N_COLOR_SLOTS] = { FALSE };
  guint n_extra = 0;

  /* An item not shown yet (a sidebar row left unticked) gets the colour it would take if
   * ticked now. */
  for (guint i = 0; self->items && self->items[i]; i++)
    g_ptr_array_add (items, self->items[i]);
  if (!self->items || !g_strv_contains ((const char * const *) self->items, item))
    g_ptr_array_add (items, (char *) item);
  n = items->len;
  g_ptr_array_add (items, NULL);
  family = g_new0 (char *, n + 1);  /* group id of a basket family, or NULL */
  slots = g_new0 (int, n + 1);
  shades = g_new0 (int, n + 1);

  for (guint i = 0; i < n; i++)
    {
      const char *it = ((char **) items->pdata)[i];
      CcSymbol *symbol;

      slots[i] = -1;
      shades[i] = -1;
      if (g_str_has_prefix (it, CC_CHART_BASKET_PREFIX))
        family[i] = (char *) it + strlen (CC_CHART_BASKET_PREFIX);
      else if (catalogue && (symbol = cc_catalogue_lookup (catalogue, it)) != NULL)
        {
          g_autofree char *basket = g_strconcat (CC_CHART_BASKET_PREFIX,
                                                 cc_symbol_get_group_id (symbol), NULL);

          if (g_strv_contains ((const char * const *) items->pdata, basket))
            family[i] = (char *) cc_symbol_get_group_id (symbol);
        }
    }

  /* Baskets first, at home. */
  for (guint i = 0; i < n; i++)
    if (g_str_has_prefix (((char **) items->pdata)[i], CC_CHART_BASKET_PREFIX))
      {
        int home = _cc_chart_style_home_slot (family[i]);

        if (home >= 0 && !taken[home])
          {
            slots[i] = home;
            taken[home] = TRUE;
          }
      }
  /* Then every other family (a basket's members follow it below), in legend order. */
  for (guint i = 0; i < n; i++)
    {
      int pick = -1;

      if (slots[i] >= 0 ||
          (family[i] && !g_str_has_prefix (((char **) items->pdata)[i], CC_CHART_BASKET_PREFIX)))
        continue;
      if (family[i] == NULL)
        {
          CcSymbol *symbol = catalogue ? cc_catalogue_lookup (catalogue, ((char **) items->pdata)[i]) : NULL;
          int home = symbol ? _cc_chart_style_home_slot (cc_symbol_get_group_id (symbol)) : -1;

          if (home >= 0 && !taken[home])
            pick = home;
        }
      for (guint k = 0; pick < 0 && k < G_N_ELEMENTS (fallback); k++)
        if (!taken[fallback[k]])
          pick = fallback[k];
      if (pick < 0)
        {
          /* Past the palette: a slot again, in a shade so that no two lines are identical. */
          shades[i] = (int) (n_extra / G_N_ELEMENTS (fallback)) % 4;
          pick = fallback[n_extra++ % G_N_ELEMENTS (fallback)];
        }
      slots[i] = pick;
      taken[pick] = TRUE;
    }
  /* Members of a visible basket: shades of its slot, numbered in legend order. */
  for (guint i = 0; i < n; i++)
    if (family[i] && !g_str_has_prefix (((char **) items->pdata)[i], CC_CHART_BASKET_PREFIX))
      {
        int k = 0;

        for (guint j = 0; j < i; j++)
          if (g_strcmp0 (family[j], family[i]) == 0 &&
              !g_str_has_prefix (((char **) items->pdata)[j], CC_CHART_BASKET_PREFIX))
            k++;
        for (guint j = 0; j < n; j++)
          if (g_strcmp0 (family[j], family[i]) == 0 &&
              g_str_has_prefix (((char **) items->pdata)[j], CC_CHART_BASKET_PREFIX))
            slots[i] = slots[j];
        shades[i] = k;
      }

  *slot = CC_COLOR_SLOT_INK;
  *shade = -1;
  for (guint i = 0; i < n; i++)
    if (g_str_equal (((char **) items->pdata)[i], item))
      {
        *slot = slots[i];
        *shade = shades[i];
      }
}

void
_cc_chart_get_item_color (CcChart    *self,
                          const char *item,
                          CcRgba     *color)
{
  CcChartStyle style;
  int slot, shade;

  _cc_chart_style_init (&style, self->theme);
  assign_color (self, item, &slot, &shade);
  *color = _cc_chart_style_series_color (&style, slot, shade);
}

static CcChartSeries *
chart_series_from (CcChart     *self,
                   const char  *item,
                   const char  *group_id,
                   int          member_index,
                   CcSeries    *rebased,
                   GPtrArray   *members)
{
  CcChartSeries *cs = g_new0 (CcChartSeries, 1);
  const CcPoint *points;
  CcCatalogue *catalogue = cc_dataset_get_catalogue (self->dataset);
  CcSeries *first_member = g_ptr_array_index (members, 0);
  guint n;

  points = cc_series_get_points (rebased, &n);
  cs->item = g_strdup (item);
  cs->group_id = g_strdup (group_id);
  cs->member_index = member_index;
  cs->is_basket = member_index < 0;
  assign_color (self, item, &cs->color_slot, &cs->color_shade);
  cs->label = cc_chart_describe_item (self, item);
  cs->short_label = cs->is_basket && !g_str_equal (group_id, "portfolio") ?
    basket_short_label (group_id) : g_strdup (cs->label);
  cs->derived_kind = cc_derived_get_kind (item);
  if (cs->derived_kind != CC_DERIVED_NONE)
    {
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;
      g_autofree char *sa = NULL;
      g_autofree char *sb = NULL;

      /* The end label names both sides as briefly as the baskets' own end labels do. */
      cc_derived_parse (item, &a, &b, NULL);
      sa = g_str_has_prefix (a, CC_CHART_BASKET_PREFIX)
             ? basket_short_label (a + strlen (CC_CHART_BASKET_PREFIX)) : g_strdup (a);
      sb = g_str_has_prefix (b, CC_CHART_BASKET_PREFIX)
             ? basket_short_label (b + strlen (CC_CHART_BASKET_PREFIX)) : g_strdup (b);
      g_free (cs->short_label);
      cs->short_label = g_strdup_printf (cs->derived_kind == CC_DERIVED_RATIO
                                           ? _("%1$s / %2$s") : _("%1$s − %2$s"), sa, sb);
    }
  if (cs->is_basket && g_str_equal (group_id, "portfolio"))
    /* TRANSLATORS: legend entry of the user's portfolio line */
    cs->name = g_strdup (_("your holdings"));
  else if (cs->derived_kind == CC_DERIVED_RATIO)
    /* TRANSLATORS: legend entry of a ratio series */
    cs->name = g_strdup (_("ratio of the two, rebased"));
  else if (cs->derived_kind == CC_DERIVED_SPREAD)
    /* TRANSLATORS: legend entry of a spread series */
    cs->name = g_strdup (_("difference of returns, percentage points"));
  else if (cs->is_basket)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint m = 0; m < members->len; m++)
        {
          if (m > 0)
            g_string_append (names, ", ");
          g_string_append (names, cc_series_get_symbol (g_ptr_array_index (members, m)));
        }
      /* TRANSLATORS: legend entry of a basket; %s lists its members, "MU, SNDK" */
      cs->name = g_strdup_printf (_("equal weight, rebalanced daily: %s"), names->str);
    }
  else
    {
      CcSymbol *symbol = catalogue ? cc_catalogue_lookup (catalogue, item) : NULL;
      const char *name = symbol ? cc_symbol_get_name (symbol) : cc_series_get_name (first_member);

      cs->name = g_strdup (name && g_strcmp0 (name, item) != 0 ? name : "");
    }
  cs->origin = cc_series_get_origin (first_member);
  cs->source = g_strdup (cc_series_get_source (first_member));
  cs->fetched_at = cc_series_get_fetched_at (first_member);
  cs->n = n;
  cs->x = g_new (int, MAX (n, 1));
  cs->v = g_new (double, MAX (n, 1));
  cs->y = g_new (double, MAX (n, 1));
  cs->prov = g_new (guint8, MAX (n, 1));
  cs->observed_first = CC_DATE_INVALID;
  cs->observed_last = CC_DATE_INVALID;
  cs->monthly_first = CC_DATE_INVALID;
  cs->monthly_last = CC_DATE_INVALID;
  for (guint i = 0; i < n; i++)
    {
      double c = points[i].close;

      cs->prov[i] = points[i].provenance;
      if (points[i].flags & CC_POINT_FLAG_MONTHLY)
        {
          if (cs->monthly_first == CC_DATE_INVALID)
            cs->monthly_first = points[i].date;
          cs->monthly_last = points[i].date;
        }
      /* Month-end closes meet the daily data across the months neither covers: no line
       * pretends to know how the index went there. */
      else if (i > 0 && (points[i - 1].flags & CC_POINT_FLAG_MONTHLY) &&
               points[i].date - points[i - 1].date > 45)
        cs->gap_before = i;
      if (points[i].provenance == CC_PROVENANCE_OBSERVED)
        {
          cs->any_observed = TRUE;
          if (!(points[i].flags & CC_POINT_FLAG_MONTHLY))
            {
              if (cs->observed_first == CC_DATE_INVALID)
                cs->observed_first = points[i].date;
              cs->observed_last = points[i].date;
            }
        }
      else
        cs->any_estimated = TRUE;

      switch (self->mode)
        {
        case CC_CHART_MODE_PERCENT:
          if (self->log_scale)
            {
              cs->v[i] = (c - 1.0) * 100.0;
              cs->y[i] = c > 0 ? log10 (c) : NAN;
            }
          else
            cs->v[i] = cs->y[i] = c;
          break;
        case CC_CHART_MODE_INDEXED:
        case CC_CHART_MODE_PRICE:
        default:
          cs->v[i] = c;
          cs->y[i] = self->log_scale ? (c > 0 ? log10 (c) : NAN) : c;
          break;
        }
      if (!isfinite (cs->y[i]))
        cs->y[i] = NAN;
    }
  return cs;
}

/* The date axis is every date any visible series has, so weekends and holidays take no space
 * and an imported CSV from another exchange gets its own trading days. */
static void
build_date_axis (CcChartData *data,
                 GPtrArray   *rebased)
{
  CcDate *axis = NULL;
  guint len = 0;

  for (guint k = 0; k < rebased->len; k++)
    {
      const CcPoint *points;
      guint n, i = 0, j = 0, out = 0;
      CcDate *merged;

      points = cc_series_get_points (g_ptr_array_index (rebased, k), &n);
      /* Most series of one chart share their trading days: then there is nothing to merge. */
      if (n == len)
        {
          while (i < n && axis[i] == points[i].date)
            i++;
          if (i == n)
            continue;
          i = 0;
        }
      merged = g_new (CcDate, MAX ((gsize) len + n, 1));
      while (i < len || j < n)
        {
          CcDate a = i < len ? axis[i] : G_MAXINT32;
          CcDate b = j < n ? points[j].date : G_MAXINT32;

          if (a <= b)
            {
              merged[out++] = a;
              i++;
              if (a == b)
                j++;
            }
          else
            {
              merged[out++] = b;
              j++;
            }
        }
      g_free (axis);
      axis = merged;
      len = out;
    }
  data->n_dates = len;
  data->dates = axis ? axis : g_new (CcDate, 1);
}

/* Month-end closes get the room of the trading days they stand for, so time runs at one
 * pace across the change to daily bars: every trading day up to the first daily bar after
 * the last month-end close joins the axis. Records that bar as data->daily_from. */
static void
fill_monthly_stretch (CcChartData *data,
                      GPtrArray   *rebased)
{
  CcDate last_monthly = CC_DATE_INVALID;
  g_autoptr(GArray) days = NULL;
  CcDate *axis, end;
  guint j = 0, out = 0, d = 0;

  for (guint k = 0; k < rebased->len; k++)
    {
      guint n;
      const CcPoint *points = cc_series_get_points (g_ptr_array_index (rebased, k), &n);

      for (guint i = 0; i < n && (points[i].flags & CC_POINT_FLAG_MONTHLY); i++)
        if (last_monthly == CC_DATE_INVALID || points[i].date > last_monthly)
          last_monthly = points[i].date;
    }
  if (last_monthly == CC_DATE_INVALID || data->n_dates == 0)
    return;

  while (j < data->n_dates && data->dates[j] <= last_monthly)
    j++;
  data->daily_from = j < data->n_dates ? data->dates[j] : CC_DATE_INVALID;
  end = j < data->n_dates ? data->dates[j] - 1 : last_monthly;
  days = cc_calendar_trading_days (data->dates[0], end);

  axis = g_new (CcDate, (gsize) data->n_dates + days->len);
  for (guint i = 0; i < j || d < days->len;)
    {
      CcDate a = i < j ? data->dates[i] : G_MAXINT32;
      CcDate b = d < days->len ? g_array_index (days, CcDate, d) : G_MAXINT32;

      axis[out++] = MIN (a, b);
      if (a <= b)
        i++;
      if (b <= a)
        d++;
    }
  for (; j < data->n_dates; j++)
    axis[out++] = data->dates[j];
  g_free (data->dates);
  data->dates = axis;
  data->n_dates = out;
}

/* The messages of @problems as one line. */
static char *
join_problems (GPtrArray *problems)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      if (i > 0)
        g_string_append (s, "; ");
      g_string_append (s, g_ptr_array_index (problems, i));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static CcChartData *
prepare (CcChart *self)
{
  CcChartData *data = g_new0 (CcChartData, 1);
  g_autoptr(GPtrArray) rebased = g_ptr_array_new_with_free_func (g_object_unref);
  CcDate from, to;
  CcRebaseKind kind;

  data->series = g_ptr_array_new_with_free_func ((GDestroyNotify) _cc_chart_series_free);
  data->excluded = g_ptr_array_new_with_free_func (g_free);
  data->other_unit = g_ptr_array_new_with_free_func (g_free);
  data->problems = g_ptr_array_new_with_free_func (g_free);
  data->event_index = -1;
  data->event_date = CC_DATE_INVALID;
  data->base_date = CC_DATE_INVALID;
  data->daily_from = CC_DATE_INVALID;
  data->base_bar = CC_DATE_INVALID;
  data->y_min = INFINITY;
  data->y_max = -INFINITY;

  if (self->dataset == NULL || self->items == NULL || self->items[0] == NULL)
    {
      data->empty_reason = g_strdup (_("Nothing to show: choose a symbol or a group."));
      return data;
    }

  effective_range (self, &from, &to);
  if (from > to)
    {
      data->empty_reason = g_strdup (_("Nothing to show: the data has no bars in this range."));
      return data;
    }
  if (self->mode != CC_CHART_MODE_PRICE)
    data->base_date = effective_base_date (self, from);

  if (self->mode == CC_CHART_MODE_PERCENT)
    kind = self->log_scale ? CC_REBASE_GROWTH : CC_REBASE_PERCENT;
  else
    kind = CC_REBASE_INDEXED;

  for (guint i = 0; self->items[i]; i++)
    {
      const char *item = self->items[i];
      const char *group_id = NULL;
      int member_index = 0;
      g_autoptr(GPtrArray) members = item_members (self, item, &group_id, &member_index);
      g_autoptr(CcSeries) series = NULL;
      g_autoptr(GError) error = NULL;
      CcDerivedKind derived = cc_derived_get_kind (item);
      guint unmatched = 0;

      if (derived != CC_DERIVED_NONE)
        {
          /* A ratio or spread: one clear message when it cannot be drawn. */
          g_autofree char *label = cc_chart_describe_item (self, item);

          if (self->mode == CC_CHART_MODE_PRICE)
            {
              g_ptr_array_add (data->excluded, g_steal_pointer (&label));
              continue;
            }
          if (derived == CC_DERIVED_SPREAD && self->log_scale)
            {
              /* TRANSLATORS: %s names a spread, "Memory basket − GPU basket" */
              g_ptr_array_add (data->problems,
                               g_strdup_printf (_("%s is a spread and can be negative: not on "
                                                  "a log scale"), label));
              continue;
            }
          series = cc_derived_series_new (self->dataset, item, data->base_date, from, to,
                                          &unmatched, &error);
          if (series == NULL)
            {
              g_ptr_array_add (data->problems, g_strdup (error->message));
              continue;
            }
          if (derived == CC_DERIVED_RATIO)
            {
              /* Growth factors since the base, in the chart's unit like any series. */
              g_autoptr(CcSeries) growth = g_steal_pointer (&series);
              const CcPoint *points;
              guint n;

              series = cc_series_new (item, CC_LEVEL_INDEX);
              points = cc_series_get_points (growth, &n);
              for (guint p = 0; p < n; p++)
                cc_series_append (series, points[p].date,
                                  cc_rebase_convert (points[p].close, CC_REBASE_GROWTH, kind),
                                  points[p].provenance, points[p].flags);
            }
          else
            data->has_spread = TRUE;
        }
      else if (members->len == 0)
        {
          g_ptr_array_add (data->excluded, cc_chart_describe_item (self, item));
          continue;
        }
      else if (self->mode == CC_CHART_MODE_PRICE)
        {
          CcSeries *src = g_ptr_array_index (members, 0);
          const CcPoint *points;
          guint n;

          /* Index series and baskets have no price level: showing their numbers as prices
           * would invent dollar amounts. */
          if (member_index < 0 || cc_series_get_level_kind (src) != CC_LEVEL_PRICE)
            {
              g_ptr_array_add (data->excluded, cc_chart_describe_item (self, item));
              continue;
            }
          /* One unit on the axis: index points or one currency. A series in another unit
           * is left out and named, never drawn against a scale that is not its own. */
          {
            const char *currency = cc_series_get_currency (src);
            const char *unit = cc_series_get_symbol (src)[0] == '^' ? "^"
                               : currency != NULL ? currency : "";

            if (data->price_unit == NULL)
              data->price_unit = g_strdup (unit);
            else if (g_strcmp0 (data->price_unit, unit) != 0)
              {
                g_ptr_array_add (data->other_unit, cc_chart_describe_item (self, item));
                continue;
              }
          }
          series = cc_series_new (item, CC_LEVEL_PRICE);
          points = cc_series_get_points (src, &n);
          for (guint p = 0; p < n; p++)
            if (points[p].date >= from && points[p].date <= to)
              cc_series_append (series, points[p].date, points[p].close, points[p].provenance,
                                points[p].flags);
        }
      else if (member_index < 0 && self->rebase == CC_CHART_REBASE_VISIBLE)
        {
          g_autofree char *label = basket_label (group_id);
          /* Any base will do for the index: it is rebased to its first visible bar next. */
          g_autoptr(CcSeries) index = cc_basket_new (item, label, (CcSeries **) members->pdata,
                                                     members->len, to, CC_REBASE_INDEXED, from,
                                                     to, &error);

          if (index != NULL)
            series = cc_rebase_series_to_first (index, kind, from, to, &error);
        }
      else if (member_index < 0)
        {
          g_autofree char *label = g_str_equal (group_id, "portfolio") ?
            cc_chart_describe_item (self, item) : basket_label (group_id);

          series = cc_basket_new (item, label, (CcSeries **) members->pdata, members->len,
                                  data->base_date, kind, from, to, &error);
        }
      else if (self->rebase == CC_CHART_REBASE_VISIBLE)
        series = cc_rebase_series_to_first (g_ptr_array_index (members, 0), kind, from, to,
                                            &error);
      else
        {
          CcSeries *member = g_ptr_array_index (members, 0);

          series = cc_rebase_series (member, data->base_date, kind, from, to, &error);
          if (series != NULL && data->base_bar == CC_DATE_INVALID)
            {
              const CcPoint *base = cc_series_get_point (
                member, cc_rebase_find_base (member, data->base_date));

              data->base_bar = base->date;
              data->base_monthly = (base->flags & CC_POINT_FLAG_MONTHLY) != 0;
            }
        }

      if (series == NULL || cc_series_get_n_points (series) == 0)
        {
          if (error)
            g_debug ("%s: %s", item, error->message);
          g_ptr_array_add (data->excluded, cc_chart_describe_item (self, item));
          continue;
        }
      g_ptr_array_add (data->series,
                       chart_series_from (self, item, group_id, member_index, series, members));
      ((CcChartSeries *) g_ptr_array_index (data->series, data->series->len - 1))->n_unmatched =
        unmatched;
      g_ptr_array_add (rebased, g_steal_pointer (&series));
    }

  if (data->series->len == 0)
    {
      if (data->problems->len > 0)
        data->empty_reason = join_problems (data->problems);
      else if (self->mode == CC_CHART_MODE_PRICE)
        data->empty_reason = g_strdup (_("No price levels to show: these series are index "
                                         "levels or baskets. Use percent or indexed mode."));
      else
        data->empty_reason = g_strdup (_("Nothing to show: no series has data at the base date "
                                         "and in this range."));
      return data;
    }

  build_date_axis (data, rebased);
  fill_monthly_stretch (data, rebased);
  if (self->mode != CC_CHART_MODE_PRICE && self->rebase == CC_CHART_REBASE_VISIBLE)
    data->base_date = data->dates[0];
  for (guint k = 0; k < data->series->len; k++)
    {
      CcChartSeries *cs = g_ptr_array_index (data->series, k);
      const CcPoint *points = cc_series_get_points (g_ptr_array_index (rebased, k), NULL);
      guint j = 0;

      for (guint i = 0; i < cs->n; i++)
        {
          while (data->dates[j] < points[i].date)
            j++;
          cs->x[i] = j;
          if (cs->y[i] < data->y_min)
            data->y_min = cs->y[i];
          if (cs->y[i] > data->y_max)
            data->y_max = cs->y[i];
        }
      _cc_chart_series_build_pyramid (cs);
    }

  if (self->event)
    {
      CcDate day = event_day (self->event);

      data->event_date = day;
      if (day >= data->dates[0] && day <= data->dates[data->n_dates - 1])
        {
          guint lo = 0, hi = data->n_dates;

          while (lo < hi)
            {
              guint mid = (lo + hi) / 2;

              if (data->dates[mid] < day)
                lo = mid + 1;
              else
                hi = mid;
            }
          data->event_index = lo;
        }
    }
  if (!isfinite (data->y_min) || !isfinite (data->y_max))
    {
      data->y_min = 0;
      data->y_max = 1;
    }
  return data;
}

static CcChartData *
get_data (CcChart *self)
{
  if (self->data == NULL)
    self->data = prepare (self);
  return self->data;
}

static void
invalidate (CcChart *self)
{
  g_clear_pointer (&self->cycles, g_ptr_array_unref);
  g_clear_pointer (&self->data, _cc_chart_data_free);
  g_clear_pointer (&self->frame, _cc_chart_frame_free);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* ---------------------------------------------------------------------------------------- */
/* Text */

#define TEXT_FAMILY "Cantarell, DejaVu Sans, sans-serif"

/* The body size grows with the figure (a 1600 x 900 figure gets 14, a 4K one 33), and never
 * drops below what keeps the smallest text at @min_text: a small figure gets readable type
 * and less room for data, not type too small to read. Only a figure smaller than 640 x 360,
 * too small to hold a legend and an axis in such type, lets it shrink in proportion. Every
 * other size is a factor of the body size. */
double
_cc_chart_body_font_size (double width,
                          double height,
                          double min_text)
{
  double floor_size = min_text / CC_CHART_FONT_SMALL *
                      MIN (1.0, MIN (width / 640.0, height / 360.0));

  return MAX (floor_size, MIN (MIN (width / 95.0, height / 55.0), 40.0));
}

/* Vector targets are print: their user units are points. */
static gboolean
is_print_target (cairo_t *cr)
{
  cairo_surface_type_t type = cairo_surface_get_type (cairo_get_target (cr));

  return type == CAIRO_SURFACE_TYPE_PDF || type == CAIRO_SURFACE_TYPE_SVG ||
         type == CAIRO_SURFACE_TYPE_PS;
}

/* A Pango context for @cr's target and transformation (the thread's default font map). */
static PangoContext *
text_context (cairo_t *cr)
{
  PangoContext *context = pango_cairo_create_context (cr);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Grey antialiasing and no hinting: the same shapes on screen, in PNG and in PDF, and
   * golden images that do not depend on the subpixel order of the screen. */
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  /* Positions in whole user units would space letters unevenly once scaled for HiDPI. */
  pango_context_set_round_glyph_positions (context, FALSE);
  return context;
}

/* Loading fonts for a one-off figure (`chipcycle export`): fontconfig's start-up and one
 * font match per size and weight take about as long as reading the data and drawing the
 * chart. A thread of its own does it meanwhile, with a font map of its own, which the
 * drawing thread then adopts. */
struct _CcChartFonts {
  GThread      *thread;
  double        width;
  double        height;
  double        scale;
  PangoFontMap *map;
};

static gpointer
load_fonts (gpointer user_data)
{
  static const struct {
    double      factor;
    PangoWeight weight;
  } faces[] = {
    { CC_CHART_FONT_TITLE, PANGO_WEIGHT_BOLD },
    { CC_CHART_FONT_SUBTITLE, PANGO_WEIGHT_NORMAL },
    { CC_CHART_FONT_SMALL, PANGO_WEIGHT_NORMAL },
    { CC_CHART_FONT_SMALL, PANGO_WEIGHT_BOLD },
  };
  CcChartFonts *fonts = user_data;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  CcChartText text = { NULL, TEXT_FAMILY,
                       _cc_chart_body_font_size (fonts->width, fonts->height,
                                                 CC_CHART_MIN_TEXT_SCREEN), 0, 0 };

  cairo_scale (cr, fonts->scale, fonts->scale);
  /* A new thread's default font map is a new one: this thread's, handed over when done. */
  text.pango = text_context (cr);
  for (guint i = 0; i < G_N_ELEMENTS (faces); i++)
    {
      /* Measuring loads the font and the metrics of the glyphs a chart mostly uses. */
      g_autoptr(PangoLayout) layout = _cc_chart_text_layout (&text, "0123456789.,%+−–: Aa",
                                                             faces[i].factor, faces[i].weight,
                                                             FALSE);

      _cc_chart_text_size (layout, NULL, NULL);
    }
  fonts->map = g_object_ref (pango_context_get_font_map (text.pango));
  g_object_unref (text.pango);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return NULL;
}

/**
 * cc_chart_fonts_load:
 * @width: the size cc_chart_draw() will be given
 * @height: the size cc_chart_draw() will be given
 * @scale: device pixels per user unit (the PNG scale; 1 for PDF and SVG)
 *
 * Starts loading the fonts of a @width x @height chart in a thread of its own. Only worth it
 * for one figure drawn once, by a thread that has not drawn text yet.
 *
 * Returns: (transfer full): for cc_chart_use_fonts() or cc_chart_fonts_finish()
 */
CcChartFonts *
cc_chart_fonts_load (double width,
                     double height,
                     double scale)
{
  CcChartFonts *fonts = g_new0 (CcChartFonts, 1);

  fonts->width = width;
  fonts->height = height;
  fonts->scale = scale > 0 && isfinite (scale) ? scale : 1.0;
  fonts->thread = g_thread_try_new ("cc-fonts", load_fonts, fonts, NULL);
  return fonts;
}

/**
 * cc_chart_fonts_finish:
 * @fonts: (transfer full): from cc_chart_fonts_load()
 *
 * Waits for the fonts and makes their font map the calling thread's default, which a
 * chart's text then uses. Frees @fonts.
 */
void
cc_chart_fonts_finish (CcChartFonts *fonts)
{
  g_return_if_fail (fonts != NULL);

  if (fonts->thread)
    g_thread_join (fonts->thread);
  if (fonts->map)
    {
      pango_cairo_font_map_set_default (PANGO_CAIRO_FONT_MAP (fonts->map));
      g_object_unref (fonts->map);
    }
  g_free (fonts);
}

/**
 * cc_chart_use_fonts:
 * @self: a chart
 * @fonts: (transfer full): from cc_chart_fonts_load()
 *
 * Lets @self prepare its data while @fonts load: its first layout waits for them
 * (cc_chart_fonts_finish()) before it measures any text.
 */
void
cc_chart_use_fonts (CcChart      *self,
                    CcChartFonts *fonts)
{
  g_return_if_fail (CC_IS_CHART (self));
  g_return_if_fail (fonts != NULL);

  if (self->fonts)
    cc_chart_fonts_finish (self->fonts);
  self->fonts = fonts;
}

PangoLayout *
_cc_chart_text_layout (CcChartText *text,
                       const char  *str,
                       double       size_factor,
                       PangoWeight  weight,
                       gboolean     markup)
{
  PangoLayout *layout = pango_layout_new (text->pango);
  PangoFontDescription *desc = pango_font_description_new ();

  if (text->smallest == 0 || text->font_size * size_factor < text->smallest)
    text->smallest = text->font_size * size_factor;

  pango_font_description_set_family_static (desc, text->family);
  pango_font_description_set_weight (desc, weight);
  pango_font_description_set_absolute_size (desc, text->font_size * size_factor * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  if (markup)
    pango_layout_set_markup (layout, str, -1);
  else
    pango_layout_set_text (layout, str, -1);
  return layout;
}

void
_cc_chart_text_size (PangoLayout *layout,
                     double      *width,
                     double      *height)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  if (width)
    *width = (double) w / PANGO_SCALE;
  if (height)
    *height = (double) h / PANGO_SCALE;
}

static void
label_box_clear (gpointer p)
{
  CcChartLabelBox *box = p;

  g_clear_pointer (&box->text, g_free);
  g_clear_pointer (&box->id, g_free);
}

static CcChartLayout *
layout_new (double width,
            double height)
{
  CcChartLayout *layout = g_new0 (CcChartLayout, 1);

  layout->width = width;
  layout->height = height;
  layout->as_of_x = NAN;
  layout->frequency_x = NAN;
  layout->event_labels = g_array_new (FALSE, TRUE, sizeof (CcChartLabelBox));
  layout->end_labels = g_array_new (FALSE, TRUE, sizeof (CcChartLabelBox));
  layout->y_tick_labels = g_array_new (FALSE, TRUE, sizeof (CcChartLabelBox));
  layout->x_tick_labels = g_array_new (FALSE, TRUE, sizeof (CcChartLabelBox));
  g_array_set_clear_func (layout->event_labels, label_box_clear);
  g_array_set_clear_func (layout->end_labels, label_box_clear);
  g_array_set_clear_func (layout->y_tick_labels, label_box_clear);
  g_array_set_clear_func (layout->x_tick_labels, label_box_clear);
  return layout;
}

static CcChartLayout *
layout_copy (const CcChartLayout *src)
{
  CcChartLayout *copy = layout_new (src->width, src->height);
  GArray *from[] = { src->event_labels, src->end_labels, src->y_tick_labels,
                     src->x_tick_labels };
  GArray *to[] = { copy->event_labels, copy->end_labels, copy->y_tick_labels,
                   copy->x_tick_labels };

  copy->title = src->title;
  copy->subtitle = src->subtitle;
  copy->event_area = src->event_area;
  copy->as_of_x = src->as_of_x;
  copy->as_of_label = src->as_of_label;
  copy->frequency_x = src->frequency_x;
  copy->frequency_label = src->frequency_label;
  copy->plot = src->plot;
  copy->legend = src->legend;
  copy->footer = src->footer;
  for (guint k = 0; k < G_N_ELEMENTS (from); k++)
    for (guint i = 0; i < from[k]->len; i++)
      {
        CcChartLabelBox box = g_array_index (from[k], CcChartLabelBox, i);

        box.text = g_strdup (box.text);
        box.id = g_strdup (box.id);
        g_array_append_val (to[k], box);
      }
  return copy;
}

void
cc_chart_layout_free (CcChartLayout *layout)
{
  if (layout == NULL)
    return;
  g_array_unref (layout->event_labels);
  g_array_unref (layout->end_labels);
  g_array_unref (layout->y_tick_labels);
  g_array_unref (layout->x_tick_labels);
  g_free (layout);
}

void
_cc_chart_frame_free (CcChartFrame *frame)
{
  if (frame == NULL)
    return;
  cc_chart_layout_free (frame->layout);
  g_clear_object (&frame->text.pango);
  g_clear_pointer (&frame->y_ticks, g_array_unref);
  g_clear_pointer (&frame->x_ticks, g_array_unref);
  g_clear_pointer (&frame->event_marks, g_ptr_array_unref);
  g_clear_pointer (&frame->end_label_info, g_array_unref);
  g_clear_object (&frame->legend);
  g_clear_pointer (&frame->legend_swatches, g_array_unref);
  g_clear_pointer (&frame->legend_value_texts, g_ptr_array_unref);
  g_free (frame->legend_date_text);
  g_clear_pointer (&frame->drawn, g_array_unref);
  g_clear_pointer (&frame->filing_marks, g_array_unref);
  g_clear_pointer (&frame->filings_key, g_array_unref);
  g_free (frame->filings_key_text);
  g_clear_pointer (&frame->raster, cairo_surface_destroy);
  g_free (frame->title);
  g_free (frame->subtitle);
  g_free (frame->footer);
  g_free (frame->note);
  g_free (frame->as_of_text);
  g_free (frame);
}

/* ---------------------------------------------------------------------------------------- */
/* Titles and footer */

static char *
make_title (CcChart *self)
{
  if (self->title && *self->title)
    return g_strdup (self->title);
  if (self->event)
    return g_strdup (cc_event_get_title (self->event));
  return g_strdup (_("Chip stocks compared"));
}

static char *
make_subtitle (CcChart     *self,
               CcChartData *data)
{
  g_autoptr(GString) s = g_string_new (NULL);

  if (data->n_dates > 0)
    {
      if (self->time_axis == CC_CHART_AXIS_TRADING_DAYS && data->event_index >= 0)
        {
          g_autofree char *day = cc_chart_format_date (data->event_date, TRUE);
          int first = -(int) data->event_index;
          int last = (int) data->n_dates - 1 - data->event_index;

          /* TRANSLATORS: the range of a trading-day axis, e.g. "t−20 to t+60 trading days
           * around 1 Jul 2026" */
          g_string_append_printf (s, _("t%s%d to t%s%d trading days around %s"),
                                  first < 0 ? "\xe2\x88\x92" : "+", ABS (first),
                                  last < 0 ? "\xe2\x88\x92" : "+", ABS (last), day);
        }
      else
        {
          g_autofree char *a = cc_chart_format_date (data->dates[0], TRUE);
          g_autofree char *b = cc_chart_format_date (data->dates[data->n_dates - 1], TRUE);

          /* TRANSLATORS: a date range, "6 Oct 2025 – 5 Oct 2026" */
          g_string_append_printf (s, _("%s – %s"), a, b);
        }
    }

  if (s->len)
    g_string_append (s, "  ·  ");
  if (self->mode == CC_CHART_MODE_PRICE)
    {
      if (g_strcmp0 (data->price_unit, "^") == 0)
        /* TRANSLATORS: subtitle in price mode when the axis shows index levels */
        g_string_append (s, _("index levels in points"));
      else if (data->price_unit != NULL && *data->price_unit)
        /* TRANSLATORS: subtitle in price mode, %s is a currency code, "USD" */
        g_string_append_printf (s, _("closing prices in %s"), data->price_unit);
      else
        g_string_append (s, _("closing prices"));
    }
  else
    {
      g_autofree char *base = cc_chart_format_date (data->base_date, TRUE);

      if (self->rebase == CC_CHART_REBASE_VISIBLE)
        {
          if (self->mode == CC_CHART_MODE_PERCENT)
            g_string_append (s, _("change since each line’s first close shown"));
          else
            g_string_append (s, _("indexed to 100 at each line’s first close shown"));
        }
      else if (data->base_monthly)
        {
          /* At monthly resolution the base is the month-end close before the event. */
          g_autofree char *bar = cc_chart_format_date (data->base_bar, TRUE);

          if (self->mode == CC_CHART_MODE_PERCENT)
            /* TRANSLATORS: subtitle, %s is the date of a month's last close */
            g_string_append_printf (s, _("change since the month-end close of %s"), bar);
          else
            /* TRANSLATORS: subtitle, %s is the date of a month's last close */
            g_string_append_printf (s, _("indexed to 100 at the month-end close of %s"), bar);
        }
      else if (self->mode == CC_CHART_MODE_PERCENT)
        /* TRANSLATORS: subtitle, %s is the base date */
        g_string_append_printf (s, _("change since the close of %s"), base);
      else
        /* TRANSLATORS: subtitle, %s is the base date */
        g_string_append_printf (s, _("indexed to 100 at the close of %s"), base);
    }
  g_string_append (s, "  ·  ");
  g_string_append (s, self->log_scale ? _("log scale") : _("linear scale"));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
make_footer (CcChart     *self,
             CcChartData *data)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GString) observed = g_string_new (NULL);
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) monthly = g_string_new (NULL);
  gboolean any_bundled_estimate = FALSE;

  if (self->footer)
    return g_strdup (self->footer);

  for (guint k = 0; k < data->series->len; k++)
    {
      CcChartSeries *cs = g_ptr_array_index (data->series, k);

      if (cs->monthly_last != CC_DATE_INVALID)
        {
          /* Where the view changes frequency, said in words (the plot marks it too). */
          g_autofree char *next = cc_chart_format_date (data->daily_from != CC_DATE_INVALID
                                                        ? data->daily_from
                                                        : cs->monthly_last + 1, TRUE);

          if (monthly->len)
            g_string_append (monthly, "; ");
          /* TRANSLATORS: footer, "^SOX: month-end closes before 6 Oct 2025 (observed,
           * adjusted for the 1995 split)" */
          g_string_append_printf (monthly, _("%s: month-end closes before %s (observed, "
                                             "adjusted for the 1995 split)"), cs->label, next);
          if (cs->gap_before > 0)
            {
              g_autofree char *after = cc_chart_format_date (cs->monthly_last, TRUE);

              /* TRANSLATORS: footer, after the month-end closes; %s is the last one's date */
              g_string_append_printf (monthly, _(", none after %s"), after);
            }
        }
      if (cs->any_estimated)
        any_bundled_estimate = TRUE;
      if (cs->observed_first != CC_DATE_INVALID && cs->origin == CC_ORIGIN_BUNDLED &&
          cs->any_estimated)
        {
          /* Lines observed over the same dates share one mention. */
          g_autofree char *a = cc_chart_format_date (cs->observed_first, FALSE);
          g_autofree char *b = cc_chart_format_date (cs->observed_last, TRUE);
          /* TRANSLATORS: a date range in the footer, "8 Sep – 5 Oct 2026" */
          char *span = g_strdup_printf (_("%s – %s"), a, b);
          guint found;

          if (g_ptr_array_find_with_equal_func (spans, span, g_str_equal, &found))
            {
              GString *names = g_ptr_array_index (spans, found + 1);

              g_string_append_printf (names, ", %s", cs->label);
              g_free (span);
            }
          else
            {
              g_ptr_array_add (spans, span);
              g_ptr_array_add (spans, g_string_new (cs->label));
            }
        }
      else if (cs->origin != CC_ORIGIN_BUNDLED)
        {
          g_autofree char *key = NULL;

          if (cs->origin == CC_ORIGIN_IMPORTED)
            /* TRANSLATORS: footer, %s is a file name */
            key = g_strdup_printf (_("imported from %s"), cs->source ? cs->source : "CSV");
          else if (cs->fetched_at > 0)
            {
              g_autoptr(GDateTime) t = g_date_time_new_from_unix_local (cs->fetched_at);
              g_autofree char *when = g_date_time_format (t, C_("chart date", "%-d %b %Y"));

              /* TRANSLATORS: footer, "Yahoo Finance, fetched 27 Nov 2026" */
              key = g_strdup_printf (_("%s, fetched %s"), cs->source ? cs->source : "?", when);
            }
          else
            key = g_strdup (cs->source ? cs->source : _("unknown source"));
          g_hash_table_add (sources, g_steal_pointer (&key));
        }
    }

  for (guint i = 0; i + 1 < spans->len; i += 2)
    {
      GString *names = g_ptr_array_index (spans, i + 1);

      if (observed->len)
        g_string_append (observed, "; ");
      /* The bundled dataset's observed bars come from a recorded Yahoo Finance response
       * (data/yahoo); its per-series source string describes the mix, not the provider. */
      /* TRANSLATORS: footer, "^SOX 8 Sep – 5 Oct 2026 observed (recorded Yahoo Finance
       * response)" */
      g_string_append_printf (observed, _("%s %s observed (%s)"), names->str,
                              (char *) g_ptr_array_index (spans, i),
                              _("recorded Yahoo Finance response"));
      g_string_free (names, TRUE);
      spans->pdata[i + 1] = NULL;
    }
  g_string_append (s, _("Source: "));
  if (g_hash_table_size (sources) > 0)
    {
      g_autofree gpointer *keys = g_hash_table_get_keys_as_array (sources, NULL);
      guint n = g_hash_table_size (sources);

      g_qsort_with_data (keys, n, sizeof (gpointer), (GCompareDataFunc) g_strcmp0, NULL);
      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append (s, "; ");
          g_string_append (s, keys[i]);
        }
    }
  if (any_bundled_estimate)
    {
      if (g_hash_table_size (sources) > 0)
        g_string_append (s, "; ");
      g_string_append (s, _("Chip Cycle offline dataset — reconstructed from figures reported "
                            "in the press, not market data"));
    }
  else if (g_hash_table_size (sources) == 0)
    g_string_append (s, _("Chip Cycle offline dataset"));
  if (observed->len)
    {
      g_string_append (s, "; ");
      g_string_append (s, observed->str);
    }
  if (monthly->len)
    {
      g_string_append (s, "; ");
      g_string_append (s, monthly->str);
    }
  g_string_append (s, ".");
  if (any_bundled_estimate)
    {
      g_string_append (s, " ");
      g_string_append (s, _("Dashed lines: reconstructed or anchored values; solid: observed."));
    }
  for (guint k = 0; k < data->series->len; k++)
    {
      CcChartSeries *cs = g_ptr_array_index (data->series, k);

      if (cs->n_unmatched == 0)
        continue;
      g_string_append (s, " ");
      g_string_append_printf (s,
                              /* TRANSLATORS: footer; %1$s names a ratio or spread, %2$u is a
                               * number of days */
                              ngettext ("%1$s: %2$u day on which only one side has a close is "
                                        "not drawn.",
                                        "%1$s: %2$u days on which only one side has a close "
                                        "are not drawn.", cs->n_unmatched),
                              cs->label, cs->n_unmatched);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* ---------------------------------------------------------------------------------------- */
/* Layout */

static void draw_text (cairo_t     *cr,
                       PangoLayout *layout,
                       double       x,
                       double       y,
                       CcRgba       color);

/* The change from month-end closes to daily bars: a quiet line just before the first daily
 * bar, "month-end" to its left and "daily" to its right along the bottom of the plot. */
static void
frequency_marker_texts (CcChartFrame  *frame,
                        PangoLayout  **left,
                        PangoLayout  **right)
{
  *left = _cc_chart_text_layout (&frame->text, _("month-end"), CC_CHART_FONT_SMALL,
                                 PANGO_WEIGHT_NORMAL, FALSE);
  *right = _cc_chart_text_layout (&frame->text, _("daily"), CC_CHART_FONT_SMALL,
                                  PANGO_WEIGHT_NORMAL, FALSE);
}

static void
frequency_marker_layout (CcChartFrame *frame,
                         CcChartData  *data)
{
  CcChartLayout *layout = frame->layout;
  CcChartRect *plot = &layout->plot;
  g_autoptr(PangoLayout) left = NULL;
  g_autoptr(PangoLayout) right = NULL;
  double index, x, lw, lh, rw, rh, gap = frame->text.font_size * 0.4;

  if (data->daily_from == CC_DATE_INVALID || data->empty_reason != NULL)
    return;
  index = _cc_chart_data_index_for_date (data, data->daily_from);
  if (isnan (index))
    return;
  x = _cc_time_axis_map (&frame->taxis, index - 0.5);
  if (x <= plot->x || x >= plot->x + plot->width)
    return;
  layout->frequency_x = x;
  frequency_marker_texts (frame, &left, &right);
  _cc_chart_text_size (left, &lw, &lh);
  _cc_chart_text_size (right, &rw, &rh);
  /* "month-end" left of the line and "daily" right of it; only the first when the daily
   * bars are too narrow for the word, none when neither fits. */
  if (x - gap - lw < plot->x)
    return;
  if (x + gap + rw > plot->x + plot->width)
    rw = 0;
  layout->frequency_label = (CcChartRect) { x - gap - lw, plot->y + plot->height - gap -
                                            MAX (lh, rh), lw + 2 * gap + rw, MAX (lh, rh) };
}

static void
draw_frequency_marker (CcChartFrame *frame,
                       cairo_t      *cr)
{
  CcChartLayout *layout = frame->layout;
  CcChartRect *plot = &layout->plot;
  CcChartRect *label = &layout->frequency_label;
  double unit = frame->text.font_size / 13.0;
  double dashes[] = { 4 * unit, 3 * unit };
  CcRgba color = frame->style.ink_muted;

  if (isnan (layout->frequency_x))
    return;
  cairo_save (cr);
  _cc_chart_set_source (cr, color);
  cairo_set_line_width (cr, 1.0 * unit);
  cairo_set_dash (cr, dashes, 2, 0);
  cairo_move_to (cr, layout->frequency_x, plot->y);
  cairo_line_to (cr, layout->frequency_x, plot->y + plot->height);
  cairo_stroke (cr);
  if (label->width > 0)
    {
      g_autoptr(PangoLayout) left = NULL;
      g_autoptr(PangoLayout) right = NULL;
      CcRgba bg = frame->style.paper;
      double lw, lh, rw, rh;

      frequency_marker_texts (frame, &left, &right);
      _cc_chart_text_size (left, &lw, &lh);
      _cc_chart_text_size (right, &rw, &rh);
      gboolean with_right = label->width > lw + rw;

      bg.alpha = 0.85;
      _cc_chart_set_source (cr, bg);
      cairo_rectangle (cr, label->x - 2, label->y, lw + 2, label->height);
      if (with_right)
        cairo_rectangle (cr, label->x + label->width - rw, label->y, rw + 2, label->height);
      cairo_fill (cr);
      draw_text (cr, left, label->x, label->y, color);
      if (with_right)
        draw_text (cr, right, label->x + label->width - rw, label->y, color);
    }
  cairo_restore (cr);
}

static CcChartFrame *
build_frame (CcChart  *self,
             cairo_t  *cr,
             double    width,
             double    height,
             gboolean  print)
{
  CcChartFrame *frame = g_new0 (CcChartFrame, 1);
  CcChartData *data = get_data (self);
  CcChartLayout *layout = layout_new (width, height);
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) subtitle = NULL;
  g_autoptr(PangoLayout) footer = NULL;
  double fs, pad, gap, y, tw, th, bottom, right, plot_top, plot_bottom, lanes_h;
  double x_label_h;
  GPtrArray *events = NULL;
  g_autoptr(GPtrArray) no_events = g_ptr_array_new ();

  frame->layout = layout;
  frame->vaxis.mode = self->mode;
  frame->vaxis.log_scale = self->log_scale;
  frame->time_axis = self->time_axis;
  _cc_chart_style_init (&frame->style, self->theme);
  frame->text.pango = text_context (cr);
  frame->text.family = TEXT_FAMILY;
  frame->print = print;
  fs = _cc_chart_body_font_size (width, height,
                                 print ? CC_CHART_MIN_TEXT_PRINT : CC_CHART_MIN_TEXT_SCREEN);
  frame->text.font_size = fs;
  pad = frame->text.pad = round (fs * 1.3);
  gap = fs * 0.8;

  frame->title = make_title (self);
  frame->subtitle = make_subtitle (self, data);
  frame->footer = make_footer (self, data);

  /* Title and subtitle, top left. */
  y = pad;
  title = _cc_chart_text_layout (&frame->text, frame->title, CC_CHART_FONT_TITLE,
                                 PANGO_WEIGHT_BOLD, FALSE);
  pango_layout_set_width (title, (int) ((width - 2 * pad) * PANGO_SCALE));
  pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
  _cc_chart_text_size (title, &tw, &th);
  layout->title = (CcChartRect) { pad, y, MIN (tw, width - 2 * pad), th };
  y += th + fs * 0.15;
  subtitle = _cc_chart_text_layout (&frame->text, frame->subtitle, CC_CHART_FONT_SUBTITLE,
                                    PANGO_WEIGHT_NORMAL, FALSE);
  pango_layout_set_width (subtitle, (int) ((width - 2 * pad) * PANGO_SCALE));
  pango_layout_set_ellipsize (subtitle, PANGO_ELLIPSIZE_END);
  _cc_chart_text_size (subtitle, &tw, &th);
  layout->subtitle = (CcChartRect) { pad, y, MIN (tw, width - 2 * pad), th };
  y += th + gap;

  /* Footer, bottom, wrapped. */
  footer = _cc_chart_text_layout (&frame->text, frame->footer, CC_CHART_FONT_FOOTER,
                                  PANGO_WEIGHT_NORMAL, FALSE);
  pango_layout_set_width (footer, (int) ((width - 2 * pad) * PANGO_SCALE));
  pango_layout_set_wrap (footer, PANGO_WRAP_WORD_CHAR);
  _cc_chart_text_size (footer, &tw, &th);
  layout->footer = (CcChartRect) { pad, height - pad - th, MIN (tw, width - 2 * pad), th };
  bottom = layout->footer.y - gap;

  /* Legend above the footer. */
  th = _cc_chart_legend_layout (frame, data, self->dataset ?
                                cc_dataset_get_catalogue (self->dataset) : NULL,
                                width - 2 * pad);
  layout->legend = (CcChartRect) { pad, bottom - th, width - 2 * pad, th };
  if (th > 0)
    bottom = layout->legend.y - gap * 1.2;

  /* The filings key above the legend, when the plot shows any marker kind. */
  {
    gint64 fetched_at;
    guint present = _cc_chart_filings_present (data, self->filings, self->filing_kinds,
                                               &fetched_at);

    th = _cc_chart_filings_key_layout (frame, present, fetched_at, width - 2 * pad);
  }
  if (th > 0)
    {
      _cc_chart_filings_key_place (frame, pad, bottom - th);
      bottom = frame->filings_key_rect.y - gap;
    }

  /* Tick labels in one row on the trading-day axis, two on the calendar (days over months,
   * months over years). */
  x_label_h = fs * CC_CHART_FONT_TICK * 1.25 *
              (self->time_axis == CC_CHART_AXIS_TRADING_DAYS ? 1 : 2) + fs * 0.6;
  plot_bottom = floor (bottom - x_label_h);

  /* Horizontal extent: tick labels on the left, end labels on the right. */
  right = width - pad - _cc_chart_end_labels_width (frame, data);
  if (self->show_events && self->dataset)
    events = cc_dataset_get_events (self->dataset);
  if (events == NULL)
    events = no_events;

  plot_top = y;
  lanes_h = 0;
  /* Two rounds: the y tick labels' width depends on the plot's height, which depends on how
   * many event lanes the plot's width needs. */
  for (int round = 0; round < 2; round++)
    {
      CcChartRect plot;

      plot.x = pad;
      plot.y = plot_top + lanes_h;
      plot.width = right - pad;
      plot.height = plot_bottom - plot.y;
      _cc_chart_axes_layout (frame, data, &plot);
      layout->plot = plot;
      lanes_h = _cc_chart_events_layout (frame, data, events, self->event, self->as_of, plot.x,
                                         plot.x + plot.width, plot_top);
    }
  layout->event_area = (CcChartRect) { layout->plot.x, plot_top, layout->plot.width, lanes_h };
  if (fabs (layout->plot.y - (plot_top + lanes_h)) > 0.5)
    {
      CcChartRect plot = { pad, plot_top + lanes_h, right - pad, 0 };

      plot.height = plot_bottom - plot.y;
      _cc_chart_axes_layout (frame, data, &plot);
      layout->plot = plot;
      _cc_chart_events_layout (frame, data, events, self->event, self->as_of, plot.x,
                               plot.x + plot.width, plot_top);
    }
  _cc_chart_end_labels_layout (frame, data);
  frequency_marker_layout (frame, data);
  /* Last: the markers keep clear of every label placed above. */
  _cc_chart_filings_layout (frame, data, self->filings, self->filing_kinds);

  if (data->empty_reason)
    frame->note = g_strdup (data->empty_reason);
  else if (data->problems->len > 0)
    frame->note = join_problems (data->problems);
  else if (data->other_unit->len > 0 && data->excluded->len == 0)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (data->other_unit, NULL);
      list = g_strjoinv (", ", (char **) data->other_unit->pdata);
      g_ptr_array_remove_index (data->other_unit, data->other_unit->len - 1);
      /* TRANSLATORS: %s lists series, "META, MU"; the axis shows one unit only */
      frame->note = g_strdup_printf (_("Not shown in price mode (another unit than the axis): "
                                       "%s"), list);
    }
  else if (data->excluded->len > 0)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (data->excluded, NULL);
      list = g_strjoinv (", ", (char **) data->excluded->pdata);
      g_ptr_array_remove_index (data->excluded, data->excluded->len - 1);
      if (self->mode == CC_CHART_MODE_PRICE)
        /* TRANSLATORS: %s lists series, "Memory basket, NVDA" */
        {
          g_autofree char *others = NULL;

          g_ptr_array_add (data->other_unit, NULL);
          others = g_strjoinv (", ", (char **) data->other_unit->pdata);
          g_ptr_array_remove_index (data->other_unit, data->other_unit->len - 1);
          if (*others == '\0')
            frame->note = g_strdup_printf (_("Not shown in price mode (no real price levels): "
                                             "%s"), list);
          else
            /* TRANSLATORS: both %s list series, "Memory basket, MU" and "META" */
            frame->note = g_strdup_printf (_("Not shown in price mode: %s (no real price "
                                             "levels), %s (another unit than the axis)"),
                                           list, others);
        }
      else
        /* TRANSLATORS: %s lists series without data */
        frame->note = g_strdup_printf (_("No data at the base date or in this range: %s"),
                                       list);
    }
  return frame;
}

static cairo_t *
measuring_context (cairo_surface_t **surface)
{
  *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  return cairo_create (*surface);
}

static CcChartFrame *
get_frame_for (CcChart  *self,
               cairo_t  *cr,
               double    width,
               double    height,
               gboolean  print)
{
  if (self->frame == NULL || self->frame->layout->width != width ||
      self->frame->layout->height != height || self->frame->print != print)
    {
      if (self->fonts)
        cc_chart_fonts_finish (g_steal_pointer (&self->fonts));
      g_clear_pointer (&self->frame, _cc_chart_frame_free);
      self->frame = build_frame (self, cr, width, height, print);
    }
  else
    /* The same layout, but the target may be a PDF: let Pango update its font metrics. */
    pango_cairo_update_context (cr, self->frame->text.pango);
  return self->frame;
}

static CcChartFrame *
get_frame (CcChart *self,
           cairo_t *cr,
           double   width,
           double   height)
{
  return get_frame_for (self, cr, width, height, is_print_target (cr));
}

CcChartLayout *
_cc_chart_layout_for (CcChart  *self,
                      double    width,
                      double    height,
                      gboolean  print)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  CcChartFrame *frame;

  /* The cycle overlay has no dates, events or end labels to hit. */
  if (self->overlay == CC_CHART_OVERLAY_CYCLES)
    return layout_new (width, height);
  cr = measuring_context (&surface);
  frame = get_frame_for (self, cr, width, height, print);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return layout_copy (frame->layout);
}

CcChartLayout *
cc_chart_layout (CcChart *self,
                 double   width,
                 double   height)
{
  g_return_val_if_fail (CC_IS_CHART (self), NULL);

  return _cc_chart_layout_for (self, width, height, FALSE);
}

double
_cc_chart_get_smallest_text (CcChart *self)
{
  g_return_val_if_fail (CC_IS_CHART (self), 0);

  return self->frame ? self->frame->text.smallest : 0;
}

/* ---------------------------------------------------------------------------------------- */
/* The cycle overlay */

static GPtrArray *
get_cycles (CcChart *self)
{
  if (self->cycles == NULL)
    {
      CcSeries *sox = self->dataset ? cc_dataset_get_series (self->dataset, CC_SYMBOL_SOX) : NULL;
      CcSeries *monthly = self->dataset ? cc_dataset_get_sox_monthly (self->dataset) : NULL;

      /* 250 sessions past each trough, as the Analogues page and `chipcycle compare --cycles`
       * draw them; "today" is the as-of date the side panel assesses (its last bar on or
       * before it), or the last bar when it follows the data. */
      self->cycles = cc_analogue_cycles (sox, monthly, self->as_of, 250);
    }
  return self->cycles;
}

static void
draw_cycles (CcChart *self,
             cairo_t *cr,
             double   width,
             double   height)
{
  CcSeries *sox = self->dataset ? cc_dataset_get_series (self->dataset, CC_SYMBOL_SOX) : NULL;
  GPtrArray *cycles = get_cycles (self);
  g_autofree char *source = NULL;
  CcCompareChartOptions options;
  gboolean any_monthly = FALSE;

  cc_compare_chart_options_init (&options);
  options.theme = self->theme;
  options.title = self->title && *self->title ? self->title : NULL;
  for (guint i = 0; i < cycles->len; i++)
    {
      const CcCycle *c = g_ptr_array_index (cycles, i);

      any_monthly |= c->monthly && c->path->len > 0;
      if (c->is_current && c->path->len > 0 && sox != NULL)
        {
          CcDate last = g_array_index (c->path, CcCyclePoint, c->path->len - 1).date;

          options.current_reconstructed =
            cc_series_has_provenance (sox, CC_PROVENANCE_RECONSTRUCTED, c->peak_date, last) ||
            cc_series_has_provenance (sox, CC_PROVENANCE_ANCHORED, c->peak_date, last);
        }
    }
  if (self->footer)
    source = g_strdup (self->footer);
  else if (sox != NULL && cc_series_get_source (sox) != NULL)
    {
      /* TRANSLATORS: the footer of a compare figure: where the data comes from */
      g_autofree char *daily = g_strdup_printf (_("Data: %s"), cc_series_get_source (sox));

      source = any_monthly
               /* TRANSLATORS: the cycle figure's footer: the daily source, then the month-end
                * one */
               ? g_strdup_printf (_("%s; earlier declines: bundled month-end ^SOX closes "
                                    "(observed)"), daily)
               : g_steal_pointer (&daily);
    }
  options.source = source;
  g_clear_pointer (&self->cycle_layout, cc_compare_chart_layout_free);
  if (cycles->len == 0)
    {
      /* No ^SOX at all: say so rather than draw an empty frame. */
      CcChartStyle style;
      g_autoptr(PangoLayout) text = pango_cairo_create_layout (cr);
      int w, h;

      _cc_chart_style_init (&style, self->theme);
      _cc_chart_set_source (cr, style.paper);
      cairo_paint (cr);
      pango_layout_set_text (text, _("The cycle overlay needs ^SOX closes"), -1);
      pango_layout_get_pixel_size (text, &w, &h);
      _cc_chart_set_source (cr, style.ink_muted);
      cairo_move_to (cr, (width - w) / 2, (height - h) / 2);
      pango_cairo_show_layout (cr, text);
      return;
    }
  cc_cycle_chart_draw (cr, cycles, &options, width, height, &self->cycle_layout);
}

GPtrArray *
_cc_chart_get_cycles (CcChart *self)
{
  g_return_val_if_fail (CC_IS_CHART (self), NULL);
  return get_cycles (self);
}

const CcCompareChartLayout *
_cc_chart_get_cycle_layout (CcChart *self)
{
  g_return_val_if_fail (CC_IS_CHART (self), NULL);
  return self->cycle_layout;
}

gboolean
_cc_chart_cycle_point_origin (const CcCycle *cycle,
                              CcDate         date,
                              CcSeries      *sox,
                              CcSeries      *monthly,
                              gboolean      *month_end,
                              CcProvenance  *provenance)
{
  CcSeries *series = sox;
  int i;

  *month_end = FALSE;
  *provenance = CC_PROVENANCE_OBSERVED;
  if (cycle->monthly && !cycle->is_current)
    {
      /* A past episode on month-end closes: its peak and trough are the recorded closes of
       * those days (the episode facts), the points between them month-end closes. */
      if (date == cycle->peak_date || date == cycle->trough_date)
        return TRUE;
      series = monthly;
      *month_end = TRUE;
    }
  i = series != NULL ? cc_series_find (series, date) : -1;
  if (i < 0)
    return FALSE;
  *provenance = cc_series_get_point (series, i)->provenance;
  if (cc_series_get_point (series, i)->flags & CC_POINT_FLAG_MONTHLY)
    *month_end = TRUE;
  return TRUE;
}

static void chart_value_clear (gpointer p);

GArray *
cc_chart_get_cycle_values_at (CcChart     *self,
                              double       x,
                              int         *day,
                              double      *day_x,
                              CcChartRect *plot)
{
  const CcCompareChartLayout *layout;
  GPtrArray *cycles;
  CcSeries *sox = NULL, *monthly = NULL;
  GArray *values;
  double t;
  int d;

  g_return_val_if_fail (CC_IS_CHART (self), NULL);

  layout = self->cycle_layout;
  if (self->overlay != CC_CHART_OVERLAY_CYCLES || layout == NULL || layout->plot_width <= 0 ||
      x < layout->plot_x || x > layout->plot_x + layout->plot_width)
    return NULL;
  t = layout->x_lo + (x - layout->plot_x) / layout->plot_width * (layout->x_hi - layout->x_lo);
  d = (int) round (t);
  if (day != NULL)
    *day = d;
  if (day_x != NULL)
    *day_x = layout->x_hi > layout->x_lo
             ? layout->plot_x + (d - layout->x_lo) / (layout->x_hi - layout->x_lo) *
                                layout->plot_width
             : x;
  if (plot != NULL)
    *plot = (CcChartRect) { layout->plot_x, layout->plot_y, layout->plot_width,
                            layout->plot_height };
  if (self->dataset != NULL)
    {
      sox = cc_dataset_get_series (self->dataset, CC_SYMBOL_SOX);
      monthly = cc_dataset_get_sox_monthly (self->dataset);
    }

  values = g_array_new (FALSE, TRUE, sizeof (CcChartValue));
  g_array_set_clear_func (values, chart_value_clear);
  cycles = get_cycles (self);
  for (guint i = 0, drawn = 0; i < cycles->len; i++)
    {
      const CcCycle *c = g_ptr_array_index (cycles, i);
      const CcCyclePoint *p = NULL;
      const double *rgba;
      CcChartValue v = { 0 };
      g_autoptr(GDateTime) dt = NULL;
      g_autofree char *when = NULL;
      gboolean month_end = FALSE;

      if (c->path->len == 0)
        continue;
      /* The colour it was drawn in; a path the last drawing did not have (the as-of date has
       * just moved, the next frame is not drawn yet) has none to read. */
      if (drawn >= layout->colors->len)
        continue;
      rgba = &g_array_index (layout->colors, double, 4 * drawn);
      drawn++;
      /* The last close on or before day @d, while the path lasts. */
      if (d > g_array_index (c->path, CcCyclePoint, c->path->len - 1).x)
        continue;
      for (guint k = 0; k < c->path->len; k++)
        {
          const CcCyclePoint *q = &g_array_index (c->path, CcCyclePoint, k);

          if (q->x > d)
            break;
          p = q;
        }
      if (p == NULL)
        continue;

      v.item = g_strdup (c->id);
      v.has_value = TRUE;
      v.value = 100 * p->drawdown;
      v.text = cc_format_percent (v.value, 1, FALSE);
      if (!_cc_chart_cycle_point_origin (c, p->date, sox, monthly, &month_end, &v.provenance))
        v.provenance = CC_PROVENANCE_RECONSTRUCTED;
      dt = cc_date_to_date_time (p->date);
      /* Translators: the date of a close in the cycle overlay's read-out, e.g. "9 Oct 2002" */
      when = g_date_time_format (dt, _("%-d %b %Y"));
      v.label = month_end
                /* Translators: a decline and the month-end close read, e.g.
                 * "2000–02 dot-com bust · month-end 31 Aug 2000" */
                ? g_strdup_printf (_("%s · month-end %s"), c->label, when)
                /* Translators: a decline and the date of the close read, e.g.
                 * "2021–22 rate shock · 14 Oct 2022" */
                : g_strdup_printf (_("%s · %s"), c->label, when);
      v.y = layout->plot_y + (layout->y_hi - v.value) / (layout->y_hi - layout->y_lo) *
                             layout->plot_height;
      v.red = rgba[0];
      v.green = rgba[1];
      v.blue = rgba[2];
      g_array_append_val (values, v);
    }
  return values;
}

/* ---------------------------------------------------------------------------------------- */
/* Drawing */

static void
draw_text (cairo_t     *cr,
           PangoLayout *layout,
           double       x,
           double       y,
           CcRgba       color)
{
  _cc_chart_set_source (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_note (CcChartFrame *frame,
           cairo_t      *cr)
{
  CcChartRect *plot = &frame->layout->plot;
  g_autoptr(PangoLayout) note = NULL;
  double w, h, x, y;
  CcRgba bg = frame->style.paper;

  note = _cc_chart_text_layout (&frame->text, frame->note, CC_CHART_FONT_NOTE,
                                PANGO_WEIGHT_NORMAL, FALSE);
  pango_layout_set_width (note, (int) (MIN (plot->width - 2 * frame->text.pad,
                                            frame->text.font_size * 40) * PANGO_SCALE));
  pango_layout_set_wrap (note, PANGO_WRAP_WORD);
  _cc_chart_text_size (note, &w, &h);
  x = plot->x + frame->text.pad * 0.6;
  y = plot->y + frame->text.pad * 0.5;
  if (frame->layout->end_labels->len == 0)
    {
      x = plot->x + (plot->width - w) / 2;
      y = plot->y + (plot->height - h) / 2;
    }
  bg.alpha = 0.85;
  _cc_chart_set_source (cr, bg);
  cairo_rectangle (cr, x - 4, y - 2, w + 8, h + 4);
  cairo_fill (cr);
  draw_text (cr, note, x, y, frame->style.ink_muted);
}

/* The whole figure; the legend's values when @values (not into the cached raster, which
 * cc_chart_draw() writes them over). */
static void
draw_figure (CcChartFrame *frame,
             CcChartData  *data,
             cairo_t      *cr,
             double        width,
             double        height,
             gboolean      values,
             CcDate        cursor)
{
  CcChartLayout *layout = frame->layout;
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) subtitle = NULL;
  g_autoptr(PangoLayout) footer = NULL;

  cairo_save (cr);
  _cc_chart_set_source (cr, frame->style.paper);
  {
    /* On pixels, the paper covers every pixel the figure touches: at a fractional scale
     * (1600 x 901 pixels at 1.5) the last column and row would otherwise be partly covered,
     * a translucent seam in a PNG and a grey line in the window. Vector targets get the exact
     * box. */
    double x0 = 0, y0 = 0, x1 = width, y1 = height;

    if (cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE)
      {
        cairo_user_to_device (cr, &x0, &y0);
        cairo_user_to_device (cr, &x1, &y1);
        x0 = floor (MIN (x0, x1) + 1e-6);
        y0 = floor (MIN (y0, y1) + 1e-6);
        x1 = ceil (MAX (x0, x1) - 1e-6);
        y1 = ceil (MAX (y0, y1) - 1e-6);
        cairo_device_to_user (cr, &x0, &y0);
        cairo_device_to_user (cr, &x1, &y1);
      }
    cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
  }
  cairo_fill (cr);

  title = _cc_chart_text_layout (&frame->text, frame->title, CC_CHART_FONT_TITLE,
                                 PANGO_WEIGHT_BOLD, FALSE);
  pango_layout_set_width (title, (int) ((width - 2 * frame->text.pad) * PANGO_SCALE));
  pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
  draw_text (cr, title, layout->title.x, layout->title.y, frame->style.ink);
  subtitle = _cc_chart_text_layout (&frame->text, frame->subtitle, CC_CHART_FONT_SUBTITLE,
                                    PANGO_WEIGHT_NORMAL, FALSE);
  pango_layout_set_width (subtitle, (int) ((width - 2 * frame->text.pad) * PANGO_SCALE));
  pango_layout_set_ellipsize (subtitle, PANGO_ELLIPSIZE_END);
  draw_text (cr, subtitle, layout->subtitle.x, layout->subtitle.y, frame->style.ink_muted);

  /* Grid first: event lines and bands sit on it, not cut by it. */
  _cc_chart_draw_grid (frame, data, cr);
  _cc_chart_draw_event_marks (frame, cr);
  _cc_chart_draw_as_of (frame, cr);
  _cc_chart_draw_series (frame, data, cr);
  draw_frequency_marker (frame, cr);
  _cc_chart_draw_filings (frame, data, cr);
  _cc_chart_draw_axes (frame, data, cr);
  _cc_chart_draw_event_labels (frame, cr);
  _cc_chart_draw_end_labels (frame, data, cr);
  if (frame->note)
    draw_note (frame, cr);
  _cc_chart_draw_legend (frame, cr);
  _cc_chart_draw_filings_key (frame, cr);
  if (values)
    _cc_chart_draw_legend_values (frame, data, cursor, cr);

  footer = _cc_chart_text_layout (&frame->text, frame->footer, CC_CHART_FONT_FOOTER,
                                  PANGO_WEIGHT_NORMAL, FALSE);
  pango_layout_set_width (footer, (int) ((width - 2 * frame->text.pad) * PANGO_SCALE));
  pango_layout_set_wrap (footer, PANGO_WRAP_WORD_CHAR);
  draw_text (cr, footer, layout->footer.x, layout->footer.y, frame->style.ink_muted);
  cairo_restore (cr);
}

void
_cc_chart_draw_uncached (CcChart *self,
                         cairo_t *cr,
                         double   width,
                         double   height)
{
  CcChartData *data;
  CcChartFrame *frame;

  if (self->overlay == CC_CHART_OVERLAY_CYCLES)
    {
      draw_cycles (self, cr, width, height);
      return;
    }
  data = get_data (self);
  frame = get_frame (self, cr, width, height);
  draw_figure (frame, data, cr, width, height, TRUE, self->cursor);
}

/* The pixel scale of @cr when it draws into an image surface with only a scale and a
 * whole-pixel translation, the case where a cached raster of the figure can be blitted. */
static gboolean
raster_scale (cairo_t *cr,
              double  *sx,
              double  *sy)
{
  cairo_surface_t *target = cairo_get_target (cr);
  cairo_matrix_t m;
  double dsx, dsy;

  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE)
    return FALSE;
  cairo_get_matrix (cr, &m);
  cairo_surface_get_device_scale (target, &dsx, &dsy);
  if (m.xy != 0 || m.yx != 0 || !(m.xx > 0) || !(m.yy > 0))
    return FALSE;
  if (fabs (m.x0 * dsx - round (m.x0 * dsx)) > 1e-6 || fabs (m.y0 * dsy - round (m.y0 * dsy)) > 1e-6)
    return FALSE;
  *sx = m.xx * dsx;
  *sy = m.yy * dsy;
  return TRUE;
}

void
cc_chart_draw (CcChart *self,
               cairo_t *cr,
               double   width,
               double   height)
{
  CcChartFrame *frame;
  CcChartData *data;
  double sx, sy;

  g_return_if_fail (CC_IS_CHART (self));
  g_return_if_fail (cr != NULL);

  if (!(width > 1 && height > 1))
    return;
  if (self->overlay == CC_CHART_OVERLAY_CYCLES)
    {
      draw_cycles (self, cr, width, height);
      return;
    }

  data = get_data (self);
  frame = get_frame (self, cr, width, height);

  /* Redraws at an unchanged size and scale (hover, a crosshair over the chart) blit the
   * figure drawn last time: strokes with antialiasing are what costs, not the copy. Vector
   * targets (PDF, SVG, recordings) always get the real drawing. */
  /* The first frame at a new size draws directly (a resize draws each size once); the
   * raster is made when the same layout is drawn again. */
  if (frame->draws++ > 0 && raster_scale (cr, &sx, &sy) &&
      width * sx * height * sy <= 4096.0 * 4096.0)
    {
      if (frame->raster == NULL || frame->raster_sx != sx || frame->raster_sy != sy)
        {
          cairo_t *rcr;

          g_clear_pointer (&frame->raster, cairo_surface_destroy);
          frame->raster = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                      (int) ceil (width * sx),
                                                      (int) ceil (height * sy));
          frame->raster_sx = sx;
          frame->raster_sy = sy;
          rcr = cairo_create (frame->raster);
          cairo_set_antialias (rcr, cairo_get_antialias (cr));
          cairo_scale (rcr, sx, sy);
          draw_figure (frame, data, rcr, width, height, FALSE, CC_DATE_INVALID);
          cairo_destroy (rcr);
          cairo_surface_flush (frame->raster);
        }
      cairo_save (cr);
      cairo_scale (cr, 1.0 / sx, 1.0 / sy);
      cairo_set_source_surface (cr, frame->raster, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
      cairo_paint (cr);
      cairo_restore (cr);
      _cc_chart_draw_legend_values (frame, data, self->cursor, cr);
      return;
    }
  draw_figure (frame, data, cr, width, height, TRUE, self->cursor);
}

/* ---------------------------------------------------------------------------------------- */
/* Hit-testing */

gboolean
cc_chart_get_plot_area (CcChart     *self,
                        CcChartRect *area)
{
  g_return_val_if_fail (CC_IS_CHART (self), FALSE);

  if (self->frame == NULL || self->overlay == CC_CHART_OVERLAY_CYCLES)
    return FALSE;
  if (area)
    *area = self->frame->layout->plot;
  return TRUE;
}

CcDate
cc_chart_date_at_x (CcChart *self,
                    double   x)
{
  CcChartData *data;
  CcTimeAxis *t;
  double index;

  g_return_val_if_fail (CC_IS_CHART (self), CC_DATE_INVALID);

  if (self->frame == NULL || self->overlay == CC_CHART_OVERLAY_CYCLES)
    return CC_DATE_INVALID;
  data = get_data (self);
  t = &self->frame->taxis;
  if (data->n_dates == 0 || x < t->left || x > t->right)
    return CC_DATE_INVALID;
  index = t->first - 0.5 + (x - t->left) / (t->right - t->left) * (t->last - t->first + 1.0);
  index = CLAMP (round (index), t->first, t->last);
  return data->dates[(guint) index];
}

double
_cc_chart_data_index_for_date (CcChartData *data,
                CcDate       date)
{
  guint lo = 0, hi = data->n_dates;

  if (data->n_dates == 0 || date < data->dates[0] || date > data->dates[data->n_dates - 1])
    return NAN;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (data->dates[mid] < date)
        lo = mid + 1;
      else
        hi = mid;
    }
  /* A date with no bar (a weekend) sits between the bars around it. */
  return data->dates[lo] == date ? lo : lo - 0.5;
}

double
cc_chart_x_for_date (CcChart *self,
                     CcDate   date)
{
  double index;

  g_return_val_if_fail (CC_IS_CHART (self), NAN);

  if (self->frame == NULL || self->overlay == CC_CHART_OVERLAY_CYCLES)
    return NAN;
  index = _cc_chart_data_index_for_date (get_data (self), date);
  if (isnan (index))
    return NAN;
  return _cc_time_axis_map (&self->frame->taxis, index);
}

gboolean
cc_chart_trading_day_offset (CcChart *self,
                             CcDate   date,
                             int     *offset)
{
  CcChartData *data;
  double index;

  g_return_val_if_fail (CC_IS_CHART (self), FALSE);

  data = get_data (self);
  index = _cc_chart_data_index_for_date (data, date);
  if (isnan (index) || data->event_index < 0)
    return FALSE;
  if (offset)
    *offset = (int) ceil (index) - data->event_index;
  return TRUE;
}

static void
chart_value_clear (gpointer p)
{
  CcChartValue *v = p;

  g_clear_pointer (&v->item, g_free);
  g_clear_pointer (&v->label, g_free);
  g_clear_pointer (&v->text, g_free);
}

char *
_cc_chart_format_value (CcChartMode          mode,
                        const CcChartSeries *series,
                        double               value)
{
  if (series != NULL && series->derived_kind == CC_DERIVED_SPREAD)
    return cc_format_points (value, 2);
  if (mode == CC_CHART_MODE_PERCENT)
    return cc_format_percent (value, 1, TRUE);
  return cc_format_number (value, 2, TRUE);
}

GArray *
cc_chart_get_values_at (CcChart *self,
                        CcDate   date)
{
  GArray *values;
  CcChartData *data;
  double index;

  g_return_val_if_fail (CC_IS_CHART (self), NULL);

  values = g_array_new (FALSE, TRUE, sizeof (CcChartValue));
  g_array_set_clear_func (values, chart_value_clear);
  data = get_data (self);
  index = _cc_chart_data_index_for_date (data, date);
  for (guint k = 0; k < data->series->len; k++)
    {
      CcChartSeries *cs = g_ptr_array_index (data->series, k);
      CcChartValue v = { 0 };
      CcRgba color;

      v.item = g_strdup (cs->item);
      v.label = g_strdup (cs->label);
      v.y = NAN;
      if (self->frame)
        color = _cc_chart_style_series_color (&self->frame->style, cs->color_slot,
                                              cs->color_shade);
      else
        {
          CcChartStyle style;

          _cc_chart_style_init (&style, self->theme);
          color = _cc_chart_style_series_color (&style, cs->color_slot, cs->color_shade);
        }
      v.red = color.red;
      v.green = color.green;
      v.blue = color.blue;
      if (!isnan (index) && index == floor (index))
        {
          guint i = _cc_chart_series_lower_bound (cs, (int) index, 0);

          if (i < cs->n && cs->x[i] == (int) index)
            {
              v.has_value = TRUE;
              v.value = cs->v[i];
              v.provenance = cs->prov[i];
              v.text = _cc_chart_format_value (self->mode, cs, cs->v[i]);
              if (self->frame && !isnan (cs->y[i]))
                v.y = _cc_value_axis_map (&self->frame->vaxis, cs->y[i]);
            }
        }
      g_array_append_val (values, v);
    }
  return values;
}

/* ---------------------------------------------------------------------------------------- */
/* Properties */

CcChart *
cc_chart_new (CcDataset *dataset)
{
  return g_object_new (CC_TYPE_CHART, "dataset", dataset, NULL);
}

CcChart *
cc_chart_copy (CcChart *self)
{
  g_autoptr(CcDataset) dataset = NULL;
  CcChart *copy;

  g_return_val_if_fail (CC_IS_CHART (self), NULL);

  dataset = self->dataset ? cc_dataset_copy (self->dataset) : NULL;
  copy = cc_chart_new (dataset);
  g_strfreev (copy->items);
  copy->items = g_strdupv (self->items);
  copy->portfolio = self->portfolio ? g_object_ref (self->portfolio) : NULL;
  copy->portfolio_holdings = self->portfolio_holdings ?
    cc_portfolio_copy (self->portfolio_holdings) : NULL;
  copy->portfolio_scenarios = self->portfolio_scenarios ?
    cc_scenarios_ref (self->portfolio_scenarios) : NULL;
  copy->reported = self->reported ? cc_reported_monitors_ref (self->reported) : NULL;
  copy->mode = self->mode;
  copy->log_scale = self->log_scale;
  copy->theme = self->theme;
  copy->time_axis = self->time_axis;
  g_clear_object (&copy->event);
  if (self->event != NULL)
    {
      CcEvent *same = dataset ? cc_dataset_find_event (dataset, cc_event_get_id (self->event))
                              : NULL;

      copy->event = same ? g_object_ref (same) : cc_event_copy (self->event);
    }
  copy->base_date = self->base_date;
  copy->from = self->from;
  copy->to = self->to;
  copy->title = g_strdup (self->title);
  copy->footer = g_strdup (self->footer);
  copy->show_events = self->show_events;
  copy->rebase = self->rebase;
  copy->history = self->history;
  copy->overlay = self->overlay;
  copy->as_of = self->as_of;
  copy->filing_kinds = self->filing_kinds;
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, self->filings);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_hash_table_insert (copy->filings, g_strdup (key), g_ptr_array_ref (value));
  }
  return copy;
}

CcDataset *
cc_chart_get_dataset (CcChart *self)
{
  g_return_val_if_fail (CC_IS_CHART (self), NULL);
  return self->dataset;
}

void
cc_chart_set_dataset (CcChart   *self,
                      CcDataset *dataset)
{
  g_return_if_fail (CC_IS_CHART (self));
  g_return_if_fail (dataset == NULL || CC_IS_DATASET (dataset));

  if (!g_set_object (&self->dataset, dataset))
    return;
  g_clear_object (&self->event);
  if (dataset)
    self->event = cc_dataset_get_default_event (dataset);
  if (self->event)
    g_object_ref (self->event);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
  invalidate (self);
}

void
cc_chart_set_portfolio (CcChart  *self,
                        CcSeries *series)
{
  g_return_if_fail (CC_IS_CHART (self));

  if (self->portfolio == series)
    return;
  g_set_object (&self->portfolio, series);
  invalidate (self);
}

CcSeries *
cc_chart_get_portfolio (CcChart *self)
{
  g_return_val_if_fail (CC_IS_CHART (self), NULL);
  return self->portfolio;
}

void
cc_chart_set_portfolio_holdings (CcChart     *self,
                                 CcPortfolio *portfolio,
                                 CcScenarios *scenarios)
{
  g_return_if_fail (CC_IS_CHART (self));
  g_return_if_fail (portfolio == NULL || CC_IS_PORTFOLIO (portfolio));

  /* Nothing is drawn from these: the report reads them. */
  g_clear_object (&self->portfolio_holdings);
  g_clear_pointer (&self->portfolio_scenarios, cc_scenarios_unref);
  if (portfolio != NULL)
    {
      self->portfolio_holdings = cc_portfolio_copy (portfolio);
      self->portfolio_scenarios = scenarios ? cc_scenarios_ref (scenarios) : NULL;
    }
}

CcPortfolio *
cc_chart_get_portfolio_holdings (CcChart *self)
{
  g_return_val_if_fail (CC_IS_CHART (self), NULL);
  return self->portfolio_holdings;
}

CcScenarios *
cc_chart_get_portfolio_scenarios (CcChart *self)
{
  g_return_val_if_fail (CC_IS_CHART (self), NULL);
  return self->portfolio_scenarios;
}

void
cc_chart_set_reported_monitors (CcChart            *self,
                                CcReportedMonitors *reported)
{
  g_return_if_fail (CC_IS_CHART (self));

  /* Nothing is drawn from these: the report reads them. */
  if (self->reported == reported)
    return;
  g_clear_pointer (&self->reported, cc_reported_monitors_unref);
  self->reported = reported ? cc_reported_monitors_ref (reported) : NULL;
}

CcReportedMonitors *
cc_chart_get_reported_monitors (CcChart *self)
{
  g_return_val_if_fail (CC_IS_CHART (self), NULL);
  return self->reported;
}

const char * const *
cc_chart_get_items (CcChart *self)
{
  g_return_val_if_fail (CC_IS_CHART (self), NULL);
  return (const char * const *) self->items;
}

void
cc_chart_set_items (CcChart            *self,
                    const char * const *items)
{
  g_return_if_fail (CC_IS_CHART (self));

  if (self->items && items && g_strv_equal ((const char * const *) self->items, items))
    return;
  g_strfreev (self->items);
  self->items = g_strdupv ((char **) items);
  invalidate (self);
}

CcChartMode
cc_chart_get_mode (CcChart *self)
{
  g_return_val_if_fail (CC_IS_CHART (self), CC_CHART_MODE_PERCENT);
  return self->mode;
}

void
cc_chart_set_mode (CcChart     *self,
                   CcChartMode  mode)
{
  g_return_if_fail (CC_IS_CHART (self));
  g_return_if_fail (mode <= CC_CHART_MODE_PRICE);

  if (self->mode == mode)
    return;
  self->mode = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
  invalidate (self);
}

gboolean
cc_chart_get_log_scale (CcChart *self)
{
  g_return_val_if_fail (CC_IS_CHART (self), FALSE);
  return self->log_scale;
}

void
cc_chart_set_log_scale (CcChart  *self,
                        gboolean  log_scale)
{
  g_return_if_fail (CC_IS_CHART (self));

  log_scale = !!log_scale;
  if (self->log_scale == log_scale)
    return;
  self->log_scale = log_scale;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOG_SCALE]);
  invalidate (self);
}

CcChartTheme
cc_chart_get_theme (CcChart *self)
{
  g_return_val_if_fail (CC_IS_CHART (self), CC_CHART_THEME_LIGHT);
  return self->theme;
}

void
cc_chart_set_theme (CcChart      *self,
                    CcChartTheme  theme)
{
  g_return_if_fail (CC_IS_CHART (self));
  g_return_if_fail (theme <= CC_CHART_THEME_DARK);

  if (self->theme == theme)
    return;
  self->theme = theme;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THEME]);
  /* Colours only: the prepared series stay valid. */
  g_clear_pointer (&self->frame, _cc_chart_frame_free);
  g_signal_emit (self, signals[CHANGED], 0);
}

CcChartTimeAxis
cc_chart_get_time_axis (CcChart *self)
{
  g_return_val_if_fail (CC_IS_CHART (self), CC_CHART_AXIS_CALENDAR);
  return self->time_axis;
}

void
cc_chart_set_time_axis (CcChart         *self,
                        CcChartTimeAxis  time_axis)
{
  g_return_if_fail (CC_IS_CHART (self));
  g_return_if_fail (time_axis <= CC_CHART_AXIS_TRADING_DAYS);

  if (self->time_axis == time_axis)
    return;
  self->time_axis = time_axis;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_AXIS]);
  invalidate (self);
}

CcEvent *
cc_chart_get_event (CcChart *self)
{
  g_return_val_if_fail (CC_IS_CHART (self), NULL);
  return self->event;
}

void
cc_chart_set_event (CcChart *self,
                    CcEvent *event)
{
  g_return_if_fail (CC_IS_CHART (self));
  g_return_if_fail (event == NULL || CC_IS_EVENT (event));

  if (!g_set_object (&self->event, event))
    return;
  invalidate (self);
}

CcChartRebase
cc_chart_get_rebase (CcChart *self)
{
  g_return_val_if_fail (CC_IS_CHART (self), CC_CHART_REBASE_EVENT);
  return self->rebase;
}

void
cc_chart_set_rebase (CcChart       *self,
                     CcChartRebase  rebase)
{
  g_return_if_fail (CC_IS_CHART (self));

  if (self->rebase == rebase)
    return;
  self->rebase = rebase;
  invalidate (self);
}

gboolean
cc_chart_get_history (CcChart *self)
{
  g_return_val_if_fail (CC_IS_CHART (self), FALSE);
  return self->history;
}

void
cc_chart_set_history (CcChart  *self,
                      gboolean  history)
{
  g_return_if_fail (CC_IS_CHART (self));

  history = !!history;
  if (self->history == history)
    return;
  self->history = history;
  invalidate (self);
}

CcDate
cc_chart_get_base_date (CcChart *self)
{
  CcChartData *data;

  g_return_val_if_fail (CC_IS_CHART (self), CC_DATE_INVALID);

  if (self->base_date != CC_DATE_INVALID)
    return self->base_date;
  data = get_data (self);
  if (data->base_date != CC_DATE_INVALID)
    return data->base_date;
  return self->event ? cc_calendar_previous_trading_day (event_day (self->event))
                     : CC_DATE_INVALID;
}

void
cc_chart_set_base_date (CcChart *self,
                        CcDate   base_date)
{
  g_return_if_fail (CC_IS_CHART (self));

  if (self->base_date == base_date)
    return;
  self->base_date = base_date;
  invalidate (self);
}

void
cc_chart_get_range (CcChart *self,
                    CcDate  *from,
                    CcDate  *to)
{
  g_return_if_fail (CC_IS_CHART (self));

  if (from)
    *from = self->from;
  if (to)
    *to = self->to;
}

void
cc_chart_set_range (CcChart *self,
                    CcDate   from,
                    CcDate   to)
{
  g_return_if_fail (CC_IS_CHART (self));

  if (self->from == from && self->to == to)
    return;
  self->from = from;
  self->to = to;
  invalidate (self);
}

gboolean
cc_chart_get_data_range (CcChart *self,
                         CcDate  *first,
                         CcDate  *last)
{
  CcDate a, b;

  g_return_val_if_fail (CC_IS_CHART (self), FALSE);

  if (self->dataset == NULL)
    return FALSE;
  data_extent (self, &a, &b);
  if (a > b)
    return FALSE;
  if (first)
    *first = a;
  if (last)
    *last = b;
  return TRUE;
}

const char *
cc_chart_get_title (CcChart *self)
{
  g_return_val_if_fail (CC_IS_CHART (self), NULL);
  return self->title;
}

void
cc_chart_set_title (CcChart    *self,
                    const char *title)
{
  g_return_if_fail (CC_IS_CHART (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_clear_pointer (&self->frame, _cc_chart_frame_free);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
cc_chart_set_footer (CcChart    *self,
                     const char *footer)
{
  g_return_if_fail (CC_IS_CHART (self));

  if (g_strcmp0 (self->footer, footer) == 0)
    return;
  g_free (self->footer);
  self->footer = g_strdup (footer);
  g_clear_pointer (&self->frame, _cc_chart_frame_free);
  g_signal_emit (self, signals[CHANGED], 0);
}

CcDate
cc_chart_get_as_of (CcChart *self)
{
  g_return_val_if_fail (CC_IS_CHART (self), CC_DATE_INVALID);
  return self->as_of;
}

void
cc_chart_set_as_of (CcChart *self,
                    CcDate   as_of)
{
  g_return_if_fail (CC_IS_CHART (self));

  if (self->as_of == as_of)
    return;
  self->as_of = as_of;
  /* Only the layout moves: the prepared series stay. The overlay's declines end on it. */
  g_clear_pointer (&self->frame, _cc_chart_frame_free);
  g_clear_pointer (&self->cycles, g_ptr_array_unref);
  g_clear_pointer (&self->cycle_layout, cc_compare_chart_layout_free);
  g_signal_emit (self, signals[CHANGED], 0);
}

CcChartOverlay
cc_chart_get_overlay (CcChart *self)
{
  g_return_val_if_fail (CC_IS_CHART (self), CC_CHART_OVERLAY_NONE);
  return self->overlay;
}

void
cc_chart_set_overlay (CcChart        *self,
                      CcChartOverlay  overlay)
{
  g_return_if_fail (CC_IS_CHART (self));
  g_return_if_fail (overlay == CC_CHART_OVERLAY_NONE || overlay == CC_CHART_OVERLAY_CYCLES);

  if (self->overlay == overlay)
    return;
  self->overlay = overlay;
  g_clear_pointer (&self->frame, _cc_chart_frame_free);
  g_clear_pointer (&self->cycle_layout, cc_compare_chart_layout_free);
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
cc_chart_overlay_from_string (const char     *text,
                              CcChartOverlay *overlay)
{
  CcChartOverlay value;

  if (g_strcmp0 (text, "none") == 0)
    value = CC_CHART_OVERLAY_NONE;
  else if (g_strcmp0 (text, "cycles") == 0)
    value = CC_CHART_OVERLAY_CYCLES;
  else
    return FALSE;
  if (overlay)
    *overlay = value;
  return TRUE;
}

CcDate
cc_chart_get_cursor (CcChart *self)
{
  g_return_val_if_fail (CC_IS_CHART (self), CC_DATE_INVALID);
  return self->cursor;
}

void
cc_chart_set_cursor (CcChart *self,
                     CcDate   date)
{
  g_return_if_fail (CC_IS_CHART (self));

  /* No ::changed: the layout and the raster stay, the next draw writes other values. */
  self->cursor = date;
}

gboolean
cc_chart_get_show_events (CcChart *self)
{
  g_return_val_if_fail (CC_IS_CHART (self), FALSE);
  return self->show_events;
}

void
cc_chart_set_show_events (CcChart  *self,
                          gboolean  show_events)
{
  g_return_if_fail (CC_IS_CHART (self));

  show_events = !!show_events;
  if (self->show_events == show_events)
    return;
  self->show_events = show_events;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_EVENTS]);
  g_clear_pointer (&self->frame, _cc_chart_frame_free);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
cc_chart_set_filings (CcChart    *self,
                      const char *symbol,
                      GPtrArray  *filings)
{
  g_return_if_fail (CC_IS_CHART (self));
  g_return_if_fail (symbol != NULL);

  if (filings == NULL && !g_hash_table_contains (self->filings, symbol))
    return;
  if (filings != NULL && g_hash_table_lookup (self->filings, symbol) == filings)
    return;
  if (filings != NULL)
    g_hash_table_replace (self->filings, g_strdup (symbol), g_ptr_array_ref (filings));
  else
    g_hash_table_remove (self->filings, symbol);
  /* Only the layout moves: the prepared series stay. */
  g_clear_pointer (&self->frame, _cc_chart_frame_free);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
cc_chart_clear_filings (CcChart *self)
{
  g_return_if_fail (CC_IS_CHART (self));

  if (g_hash_table_size (self->filings) == 0)
    return;
  g_hash_table_remove_all (self->filings);
  g_clear_pointer (&self->frame, _cc_chart_frame_free);
  g_signal_emit (self, signals[CHANGED], 0);
}

guint
cc_chart_get_filing_kinds (CcChart *self)
{
  g_return_val_if_fail (CC_IS_CHART (self), 0);
  return self->filing_kinds;
}

void
cc_chart_set_filing_kinds (CcChart *self,
                           guint    kinds)
{
  g_return_if_fail (CC_IS_CHART (self));

  kinds &= CC_FILING_KINDS_ALL;
  if (self->filing_kinds == kinds)
    return;
  self->filing_kinds = kinds;
  g_clear_pointer (&self->frame, _cc_chart_frame_free);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The filing marks (CcFilingMark) of the last drawing, or NULL where it had none to show (none
 * drawn yet, or the cycles overlay, which draws no filings). */
static GArray *
shown_filing_marks (CcChart *self)
{
  if (self->frame == NULL || self->overlay == CC_CHART_OVERLAY_CYCLES)
    return NULL;
  return self->frame->filing_marks;
}

const CcChartFiling *
cc_chart_filing_at (CcChart *self,
                    double   x,
                    double   y)
{
  GArray *marks;

  g_return_val_if_fail (CC_IS_CHART (self), NULL);

  if ((marks = shown_filing_marks (self)) == NULL)
    return NULL;
  /* The topmost (drawn last) first. */
  for (guint m = marks->len; m > 0; m--)
    {
      CcFilingMark *mark = &g_array_index (marks, CcFilingMark, m - 1);
      double r = mark->size / 2 + 1;

      if (fabs (x - mark->x) <= r && fabs (y - mark->y) <= r)
        return mark->filing;
    }
  return NULL;
}

static int
compare_markers (gconstpointer a,
                 gconstpointer b)
{
  const CcChartFilingMarker *ma = a, *mb = b;

  if (ma->x != mb->x)
    return ma->x < mb->x ? -1 : 1;
  return (ma->y > mb->y) - (ma->y < mb->y);
}

GArray *
cc_chart_get_filing_markers (CcChart *self)
{
  GArray *out;
  GArray *marks;

  g_return_val_if_fail (CC_IS_CHART (self), NULL);

  out = g_array_new (FALSE, FALSE, sizeof (CcChartFilingMarker));
  if ((marks = shown_filing_marks (self)) == NULL)
    return out;
  for (guint m = 0; m < marks->len; m++)
    {
      CcFilingMark *mark = &g_array_index (marks, CcFilingMark, m);
      CcChartFilingMarker marker = { mark->x, mark->y, mark->size, mark->filing };

      if (mark->drawn)
        g_array_append_val (out, marker);
    }
  g_array_sort (out, compare_markers);
  return out;
}

static void
dataset_changed_cb (CcChart *self)
{
  invalidate (self);
}

static void
cc_chart_constructed (GObject *object)
{
  CcChart *self = CC_CHART (object);

  G_OBJECT_CLASS (cc_chart_parent_class)->constructed (object);

  /* Live data replacing a series, or an edited event, must show at once. */
  if (self->dataset)
    {
      if (g_signal_lookup ("series-changed", CC_TYPE_DATASET))
        g_signal_connect_object (self->dataset, "series-changed",
                                 G_CALLBACK (dataset_changed_cb), self, G_CONNECT_SWAPPED);
      if (g_signal_lookup ("events-changed", CC_TYPE_DATASET))
        g_signal_connect_object (self->dataset, "events-changed",
                                 G_CALLBACK (dataset_changed_cb), self, G_CONNECT_SWAPPED);
    }
}

static void
cc_chart_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CcChart *self = CC_CHART (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    case PROP_MODE:
      g_value_set_int (value, self->mode);
      break;
    case PROP_LOG_SCALE:
      g_value_set_boolean (value, self->log_scale);
      break;
    case PROP_THEME:
      g_value_set_int (value, self->theme);
      break;
    case PROP_TIME_AXIS:
      g_value_set_int (value, self->time_axis);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SHOW_EVENTS:
      g_value_set_boolean (value, self->show_events);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cc_chart_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  CcChart *self = CC_CHART (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      cc_chart_set_dataset (self, g_value_get_object (value));
      break;
    case PROP_MODE:
      cc_chart_set_mode (self, g_value_get_int (value));
      break;
    case PROP_LOG_SCALE:
      cc_chart_set_log_scale (self, g_value_get_boolean (value));
      break;
    case PROP_THEME:
      cc_chart_set_theme (self, g_value_get_int (value));
      break;
    case PROP_TIME_AXIS:
      cc_chart_set_time_axis (self, g_value_get_int (value));
      break;
    case PROP_TITLE:
      cc_chart_set_title (self, g_value_get_string (value));
      break;
    case PROP_SHOW_EVENTS:
      cc_chart_set_show_events (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cc_chart_dispose (GObject *object)
{
  CcChart *self = CC_CHART (object);

  g_clear_pointer (&self->frame, _cc_chart_frame_free);
  g_clear_pointer (&self->data, _cc_chart_data_free);
  g_clear_object (&self->event);
  g_clear_object (&self->dataset);
  G_OBJECT_CLASS (cc_chart_parent_class)->dispose (object);
}

static void
cc_chart_finalize (GObject *object)
{
  CcChart *self = CC_CHART (object);

  g_strfreev (self->items);
  g_clear_object (&self->portfolio);
  g_hash_table_unref (self->filings);
  g_clear_object (&self->portfolio_holdings);
  g_clear_pointer (&self->portfolio_scenarios, cc_scenarios_unref);
  g_clear_pointer (&self->reported, cc_reported_monitors_unref);
  g_free (self->title);
  g_free (self->footer);
  g_clear_pointer (&self->cycles, g_ptr_array_unref);
  g_clear_pointer (&self->cycle_layout, cc_compare_chart_layout_free);
  if (self->fonts)
    cc_chart_fonts_finish (self->fonts);
  G_OBJECT_CLASS (cc_chart_parent_class)->finalize (object);
}

static void
cc_chart_class_init (CcChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = cc_chart_constructed;
  object_class->get_property = cc_chart_get_property;
  object_class->set_property = cc_chart_set_property;
  object_class->dispose = cc_chart_dispose;
  object_class->finalize = cc_chart_finalize;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, CC_TYPE_DATASET,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_MODE] =
    g_param_spec_int ("mode", NULL, NULL, CC_CHART_MODE_PERCENT, CC_CHART_MODE_PRICE,
                      CC_CHART_MODE_PERCENT,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOG_SCALE] =
    g_param_spec_boolean ("log-scale", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_THEME] =
    g_param_spec_int ("theme", NULL, NULL, CC_CHART_THEME_LIGHT, CC_CHART_THEME_DARK,
                      CC_CHART_THEME_LIGHT,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME_AXIS] =
    g_param_spec_int ("time-axis", NULL, NULL, CC_CHART_AXIS_CALENDAR,
                      CC_CHART_AXIS_TRADING_DAYS, CC_CHART_AXIS_CALENDAR,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_EVENTS] =
    g_param_spec_boolean ("show-events", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Anything that changes the drawing: the window queues a redraw. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cc_chart_init (CcChart *self)
{
  self->items = g_strdupv ((char **) default_items);
  self->mode = CC_CHART_MODE_PERCENT;
  self->base_date = CC_DATE_INVALID;
  self->from = CC_DATE_INVALID;
  self->to = CC_DATE_INVALID;
  self->show_events = TRUE;
  self->as_of = CC_DATE_INVALID;
  self->filings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
  self->cursor = CC_DATE_INVALID;
}

/* ---------------------------------------------------------------------------------------- */
/* For the tests */

static void
drawn_series_free_strings (gpointer data)
{
  CcChartDrawnSeries *d = data;

  g_free (d->item);
  g_free (d->legend_entry);
}

/* Text as a reader reads it: no-break and em spaces as spaces, word joiners and the legend's
 * sample placeholders (U+FFFC) dropped, runs of spaces as one. */
static char *
reader_text (const char *text,
             gssize      length)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *end = length < 0 ? text + strlen (text) : text + length;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0xfffc || c == 0x2060)
        continue;
      if (c == 0xa0 || c == 0x2003 || c == ' ')
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
          continue;
        }
      g_string_append_unichar (out, c);
    }
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
_cc_chart_get_legend_value (CcChart    *self,
                            const char *item)
{
  CcChartFrame *frame;
  CcChartData *data;

  g_return_val_if_fail (CC_IS_CHART (self), NULL);
  frame = self->frame;
  if (frame == NULL || frame->legend_value_texts == NULL)
    return NULL;
  data = get_data (self);
  for (guint i = 0; i < frame->legend_swatches->len; i++)
    {
      CcLegendSwatch *sw = &g_array_index (frame->legend_swatches, CcLegendSwatch, i);
      CcChartSeries *s = g_ptr_array_index (data->series, sw->series);

      if (g_str_equal (s->item, item) && i < frame->legend_value_texts->len)
        return g_strdup (g_ptr_array_index (frame->legend_value_texts, i));
    }
  return NULL;
}

char *
_cc_chart_get_legend_date (CcChart *self)
{
  g_return_val_if_fail (CC_IS_CHART (self), NULL);
  if (self->frame == NULL || self->frame->legend_date_text == NULL)
    return NULL;
  return g_strdup (self->frame->legend_date_text);
}

char *
_cc_chart_get_text (CcChart         *self,
                    CcChartTextPart  part)
{
  CcChartFrame *frame;

  g_return_val_if_fail (CC_IS_CHART (self), NULL);
  frame = self->frame;
  g_return_val_if_fail (frame != NULL, NULL);

  switch (part)
    {
    case CC_CHART_TEXT_TITLE:
      return reader_text (frame->title, -1);
    case CC_CHART_TEXT_SUBTITLE:
      return reader_text (frame->subtitle, -1);
    case CC_CHART_TEXT_FOOTER:
      return reader_text (frame->footer, -1);
    case CC_CHART_TEXT_LEGEND:
      return frame->legend ? reader_text (pango_layout_get_text (frame->legend), -1) : NULL;
    case CC_CHART_TEXT_FILINGS_KEY:
      return frame->filings_key_text ? reader_text (frame->filings_key_text, -1) : NULL;
    case CC_CHART_TEXT_NOTE:
    default:
      return frame->note ? reader_text (frame->note, -1) : NULL;
    }
}

gboolean
_cc_chart_is_drawn (CcChart *self)
{
  g_return_val_if_fail (CC_IS_CHART (self), FALSE);
  return self->frame != NULL && self->frame->drawn != NULL;
}

GArray *
_cc_chart_get_drawn_series (CcChart *self)
{
  CcChartFrame *frame;
  CcChartData *data;
  GArray *out;

  g_return_val_if_fail (CC_IS_CHART (self), NULL);
  data = get_data (self);
  frame = self->frame;
  g_return_val_if_fail (frame != NULL && frame->drawn != NULL, NULL);

  out = g_array_sized_new (FALSE, TRUE, sizeof (CcChartDrawnSeries), frame->drawn->len);
  for (guint k = 0; k < frame->drawn->len; k++)
    {
      CcChartDrawnSeries d = g_array_index (frame->drawn, CcChartDrawnSeries, k);
      CcChartSeries *cs = k < data->series->len ? g_ptr_array_index (data->series, k) : NULL;

      d.item = g_strdup (d.item);
      d.legend_entry = NULL;
      /* Counted here, not while drawing: a draw costs the width, not the number of points. */
      g_assert (cs != NULL && g_str_equal (cs->item, d.item));
      for (guint i = 0; i < cs->n; i++)
        if (cs->prov[i] == CC_PROVENANCE_OBSERVED)
          d.observed_points++;
        else
          d.estimated_points++;
      for (guint i = 0; frame->legend_swatches && i < frame->legend_swatches->len; i++)
        {
          CcLegendSwatch *s = &g_array_index (frame->legend_swatches, CcLegendSwatch, i);

          if (s->series != k)
            continue;
          d.in_legend = TRUE;
          d.legend_dashed = s->drawn_dashed;
          d.legend_dashes[0] = s->drawn_dashed ? s->drawn_dashes[0] : 0;
          d.legend_dashes[1] = s->drawn_dashed ? s->drawn_dashes[1] : 0;
          d.legend_color = s->color;
          d.legend_entry = reader_text (pango_layout_get_text (frame->legend) + s->text_start,
                                        s->text_end - s->text_start);
        }
      g_array_append_val (out, d);
    }
  g_array_set_clear_func (out, drawn_series_free_strings);
  return out;
}

CcChartData *
_cc_chart_get_data (CcChart *self)
{
  g_return_val_if_fail (CC_IS_CHART (self), NULL);

  return get_data (self);
}

char *
_cc_chart_get_source (CcChart *self)
{
  g_return_val_if_fail (CC_IS_CHART (self), NULL);

  return make_footer (self, get_data (self));
}

static void
drawn_filing_clear (gpointer data)
{
  CcChartDrawnFiling *d = data;

  g_free (d->symbol);
  g_free (d->item);
  g_free (d->form);
}

GArray *
_cc_chart_get_drawn_filings (CcChart *self)
{
  GArray *out;
  CcChartData *data;

  g_return_val_if_fail (CC_IS_CHART (self), NULL);

  out = g_array_new (FALSE, TRUE, sizeof (CcChartDrawnFiling));
  g_array_set_clear_func (out, drawn_filing_clear);
  if (self->frame == NULL || self->frame->filing_marks == NULL)
    return out;
  data = get_data (self);
  for (guint m = 0; m < self->frame->filing_marks->len; m++)
    {
      CcFilingMark *mark = &g_array_index (self->frame->filing_marks, CcFilingMark, m);
      CcChartSeries *s = g_ptr_array_index (data->series, mark->series);
      CcChartDrawnFiling d = {
        g_strdup (mark->filing->symbol), g_strdup (s->item), mark->filing->event_day,
        mark->filing->kind, g_strdup (mark->filing->form), mark->x, mark->y, mark->line_y,
        mark->size, mark->drawn
      };

      g_array_append_val (out, d);
    }
  return out;
}

CcChartRect
_cc_chart_get_filings_key_rect (CcChart *self)
{
  CcChartRect none = { 0, 0, 0, 0 };

  g_return_val_if_fail (CC_IS_CHART (self), none);
  return self->frame ? self->frame->filings_key_rect : none;
}
