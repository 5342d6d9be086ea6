/* cc-chart-csv.c: the chart's view as CSV, from the same prepared series the chart draws, so
 * the file holds exactly what is plotted. */
#define G_LOG_DOMAIN "cc-chart-csv"

#include "config.h"

#include <string.h>

#include "cc-catalogue.h"
#include "cc-chart-csv.h"
#include "cc-derived.h"
#include "cc-chart-private.h"
#include "cc-save-stream.h"
#include "cc-csv-field.h"
#include "cc-cycle.h"

/* A ticker-shaped key for @item, unique among @used: the item itself when it is a ticker, else
 * its letters and digits ("basket:memory" -> "BASKET-MEMORY"), cut to a ticker's 15. */
static char *
column_key (const char *item,
            GHashTable *used)
{
  g_autofree char *key = NULL;

  if (cc_ticker_is_valid (item))
    key = g_strdup (item);
  else
    {
      g_autoptr(GString) bare = g_string_new (item);

      /* A pair "basket:memory - basket:gpu" keys as "MEMORY-GPU": the comment names it whole. */
      if (cc_derived_get_kind (item) != CC_DERIVED_NONE)
        {
          g_string_replace (bare, CC_CHART_BASKET_PREFIX, "", 0);
          g_string_replace (bare, " ", "", 0);
          g_string_replace (bare, "/", "-", 0);
        }
      key = g_ascii_strup (bare->str, -1);
      for (char *p = key; *p; p++)
        if (!g_ascii_isalnum (*p) && !strchr (".-^=", *p))
          *p = '-';
      if (strlen (key) > 15)
        key[15] = '\0';
    }
  for (guint n = 2; *key == '\0' || g_hash_table_contains (used, key); n++)
    {
      g_autofree char *suffix = g_strdup_printf ("-%u", n);
      g_autofree char *stem = g_strndup (key, 15 - strlen (suffix));

      g_free (key);
      key = g_strconcat (*stem ? stem : "SERIES", suffix, NULL);
    }
  g_hash_table_add (used, g_strdup (key));
  return g_steal_pointer (&key);
}

/* A comment line: # and the text, its line breaks made spaces. */
static void
append_comment (GString    *out,
                const char *text)
{
  g_string_append (out, "# ");
  for (const char *p = text; *p; p++)
    g_string_append_c (out, *p == '\n' || *p == '\r' ? ' ' : *p);
  g_string_append_c (out, '\n');
}

/* A plotted value, to ten significant digits (the chart shows far fewer). */
static void
append_value (GString *out,
              double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.10g", value));
}

/* A close or level, exactly: it reads back to the same double (as the data layer writes). */
static void
append_exact (GString *out,
              double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.15g", value);
  if (g_ascii_strtod (buf, NULL) != value)
    g_ascii_formatd (buf, sizeof buf, "%.17g", value);
  g_string_append (out, buf);
}

typedef struct {
  const CcChartSeries *cs;
  char                *key;
  CcSeries            *close;    /* the dataset's series behind a ticker, or NULL */
  CcSeries            *side[2];  /* a ratio's or spread's two sides, 1 at the base, or NULL */
  guint                next;     /* the next point to write */
} Column;

static const char * const side_kinds[2] = { "first", "second" };

/* A ratio's or spread's two sides as the chart combined them, for the columns "KEY first"
 * and "KEY second" (each 100 at the base date), with a comment naming them and saying how the
 * plotted value follows from them; nothing when the pair is not drawn from both. */
static void
prepare_sides (Column      *column,
               CcChartData *data,
               CcDataset   *dataset,
               GString     *out)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *label_a = NULL;
  g_autofree char *label_b = NULL;
  g_autofree char *line = NULL;
  CcDerivedKind kind = cc_derived_parse (column->cs->item, &a, &b, NULL);

  if (kind == CC_DERIVED_NONE || data->base_date == CC_DATE_INVALID || data->n_dates == 0)
    return;
  column->side[0] = cc_derived_side_growth_new (dataset, a, data->base_date, data->dates[0],
                                                data->dates[data->n_dates - 1], NULL);
  column->side[1] = cc_derived_side_growth_new (dataset, b, data->base_date, data->dates[0],
                                                data->dates[data->n_dates - 1], NULL);
  if (column->side[0] == NULL || column->side[1] == NULL)
    {
      g_clear_object (&column->side[0]);
      g_clear_object (&column->side[1]);
      return;
    }
  label_a = cc_derived_side_label (a);
  label_b = cc_derived_side_label (b);
  line = g_strdup_printf ("%s first: %s, second: %s, each 100 at the close of the base date; "
                          "%s", column->key, label_a, label_b,
                          kind == CC_DERIVED_RATIO ? "the ratio's level is 100 x first / second"
                                                   : "the spread in points is first - second");
  append_comment (out, line);
}

/* The side's level (100 at the base date) on @date, or an empty field. */
static void
append_side (GString  *out,
             CcSeries *side,
             CcDate    date)
{
  int p = side != NULL ? cc_series_find (side, date) : -1;

  g_string_append_c (out, ',');
  if (p >= 0)
    append_exact (out, 100.0 * cc_series_get_point (side, p)->close);
}

/* Where a point of @cycle comes from: its resolution ("daily", "month-end") and provenance
 * (observed, anchored, reconstructed), from the series it was measured on. */
static void
cycle_point_origin (const CcCycle  *cycle,
                    CcDate          date,
                    CcSeries       *sox,
                    CcSeries       *monthly,
                    const char    **resolution,
                    const char    **provenance)
{
  gboolean month_end;
  CcProvenance p;

  if (!_cc_chart_cycle_point_origin (cycle, date, sox, monthly, &month_end, &p))
    {
      *resolution = "daily";
      *provenance = "unknown";
      return;
    }
  *resolution = month_end ? "month-end" : "daily";
  *provenance = cc_provenance_to_string (p);
}

/* The cycle overlay as CSV: one row per trading day since the peak, for each decline its
 * date, drawdown, close, resolution and provenance on that day (empty where it has no point:
 * between month-ends, or past its end). */
static char *
cycles_csv (CcChart *self,
            gsize   *length)
{
  GString *out = g_string_new (NULL);
  CcDataset *dataset = cc_chart_get_dataset (self);
  CcSeries *sox = dataset ? cc_dataset_get_series (dataset, CC_SYMBOL_SOX) : NULL;
  CcSeries *monthly = dataset ? cc_dataset_get_sox_monthly (dataset) : NULL;
  GPtrArray *cycles = _cc_chart_get_cycles (self);
  g_autofree guint *next = g_new0 (guint, MAX (cycles->len, 1));
  gboolean any_monthly = FALSE;
  int last_x = -1;

  append_comment (out, "Chip Cycle cycle overlay: the ^SOX declines aligned at their peaks; one "
                       "row per trading day since the peak, and for each decline its date, "
                       "drawdown, close, resolution and provenance on that day");
  append_comment (out, "drawdown %: close / peak close - 1, in percent; empty cells: no close "
                       "of that resolution on that day");
  if (cc_chart_get_as_of (self) != CC_DATE_INVALID)
    {
      char iso[11];

      cc_date_format_iso (cc_chart_get_as_of (self), iso);
      g_string_append_printf (out, "# as of: %s\n", iso);
    }
  for (guint i = 0; i < cycles->len; i++)
    {
      const CcCycle *c = g_ptr_array_index (cycles, i);
      char peak[11], trough[11];
      g_autofree char *line = NULL;

      if (c->path->len == 0)
        continue;
      any_monthly |= c->monthly && !c->is_current;
      last_x = MAX (last_x, g_array_index (c->path, CcCyclePoint, c->path->len - 1).x);
      cc_date_format_iso (c->peak_date, peak);
      cc_date_format_iso (c->trough_date, trough);
      line = g_strdup_printf ("%s: %s, peak %s, low %s at day %d, %.1f%% below the peak; %s",
                              c->id, c->label, peak, trough, c->days_to_trough, 100 * c->depth,
                              c->monthly && !c->is_current
                              ? "month-end closes between the recorded peak and trough"
                              : "daily closes");
      append_comment (out, line);
    }
  if (sox != NULL && cc_series_get_source (sox) != NULL)
    {
      g_autofree char *line = g_strdup_printf ("source: %s%s", cc_series_get_source (sox),
                                               any_monthly ? "; earlier declines: bundled "
                                                             "month-end ^SOX closes (observed)"
                                                           : "");

      append_comment (out, line);
    }

  g_string_append (out, "day");
  for (guint i = 0; i < cycles->len; i++)
    {
      const CcCycle *c = g_ptr_array_index (cycles, i);

      if (c->path->len == 0)
        continue;
      g_string_append_printf (out, ",%s date,%s drawdown %%,%s close,%s resolution,"
                              "%s provenance", c->id, c->id, c->id, c->id, c->id);
    }
  g_string_append_c (out, '\n');

  for (int x = 0; x <= last_x; x++)
    {
      g_string_append_printf (out, "%d", x);
      for (guint i = 0; i < cycles->len; i++)
        {
          const CcCycle *c = g_ptr_array_index (cycles, i);
          const CcCyclePoint *p;
          const char *resolution, *provenance;
          char iso[11];

          if (c->path->len == 0)
            continue;
          while (next[i] < c->path->len &&
                 g_array_index (c->path, CcCyclePoint, next[i]).x < x)
            next[i]++;
          if (next[i] >= c->path->len ||
              (p = &g_array_index (c->path, CcCyclePoint, next[i]))->x != x)
            {
              g_string_append (out, ",,,,,");
              continue;
            }
          cycle_point_origin (c, p->date, sox, monthly, &resolution, &provenance);
          cc_date_format_iso (p->date, iso);
          g_string_append_printf (out, ",%s,", iso);
          append_value (out, 100 * p->drawdown);
          g_string_append_c (out, ',');
          append_value (out, c->peak_close * (1 + p->drawdown));
          g_string_append_printf (out, ",%s,%s", resolution, provenance);
        }
      g_string_append_c (out, '\n');
    }

  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

char *
cc_chart_view_csv (CcChart *self,
                   gsize   *length)
{
  GString *out = g_string_new (NULL);
  CcChartData *data;
  CcDataset *dataset;
  CcChartMode mode;
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree Column *columns = NULL;
  g_autofree char *source = NULL;
  const char *unit;
  guint n;

  g_return_val_if_fail (CC_IS_CHART (self), NULL);

  /* With the cycle overlay on, the chart shows the declines, not the items: write those. */
  if (cc_chart_get_overlay (self) == CC_CHART_OVERLAY_CYCLES)
    {
      g_string_free (out, TRUE);
      return cycles_csv (self, length);
    }

  data = _cc_chart_get_data (self);
  dataset = cc_chart_get_dataset (self);
  mode = cc_chart_get_mode (self);
  source = _cc_chart_get_source (self);
  n = data->series->len;
  columns = g_new0 (Column, MAX (n, 1));
  unit = mode == CC_CHART_MODE_PERCENT ? "%" : mode == CC_CHART_MODE_INDEXED ? "index" : "price";

  append_comment (out, "Chip Cycle view: one row per date on the chart; for each series plotted, "
                       "the value drawn, the close behind it and where that close comes from");
  append_comment (out, mode == CC_CHART_MODE_PERCENT ? "mode: percent (change since the close "
                                                       "of the base date)"
                       : mode == CC_CHART_MODE_INDEXED ? "mode: indexed (100 at the close of "
                                                         "the base date)"
                       : "mode: price (closes as they are)");
  if (data->base_date != CC_DATE_INVALID)
    {
      char iso[11];

      cc_date_format_iso (data->base_date, iso);
      g_string_append_printf (out, "# base date: %s\n", iso);
    }
  else
    g_string_append (out, "# base date: none (price mode is not rebased)\n");
  if (data->n_dates > 0)
    {
      char a[11], b[11];

      cc_date_format_iso (data->dates[0], a);
      cc_date_format_iso (data->dates[data->n_dates - 1], b);
      g_string_append_printf (out, "# range: %s to %s\n", a, b);
    }
  if (cc_chart_get_log_scale (self))
    append_comment (out, "scale: logarithmic (the values are the same as on a linear scale)");
  /* The figure's own source line, "Source: …" */
  append_comment (out, source);

  for (guint k = 0; k < n; k++)
    {
      const CcChartSeries *cs = g_ptr_array_index (data->series, k);
      CcSeries *series = cs->is_basket ? NULL : cc_dataset_get_series (dataset, cs->item);
      g_autofree char *line = NULL;

      columns[k].cs = cs;
      columns[k].key = column_key (cs->item, used);
      columns[k].close = series != NULL && cc_series_get_level_kind (series) == CC_LEVEL_PRICE
                         ? series : NULL;
      if (columns[k].close == NULL)
        line = g_strdup_printf ("%s: %s%s%s; level %s", columns[k].key, cs->label,
                                cs->name && *cs->name ? ", " : "", cs->name ? cs->name : "",
                                mode == CC_CHART_MODE_PRICE ? "as charted"
                                                            : "100 at the base date");
      else
        line = g_strdup_printf ("%s: %s%s%s", columns[k].key, cs->label,
                                cs->name && *cs->name ? ", " : "", cs->name ? cs->name : "");
      append_comment (out, line);
      prepare_sides (&columns[k], data, dataset, out);
    }
  if (n == 0 && data->empty_reason != NULL)
    {
      g_autofree char *line = g_strconcat ("nothing plotted: ", data->empty_reason, NULL);

      append_comment (out, line);
    }

  g_string_append (out, "Date");
  for (guint k = 0; k < n; k++)
    {
      /* A spread is drawn in percentage points in the percent mode. */
      g_autofree char *value = g_strdup_printf ("%s %s", columns[k].key,
                                                mode == CC_CHART_MODE_PERCENT &&
                                                columns[k].cs->derived_kind ==
                                                  CC_DERIVED_SPREAD ? "pts" : unit);
      g_autofree char *close = g_strdup_printf ("%s %s", columns[k].key,
                                                columns[k].close ? "close" : "level");
      g_autofree char *provenance = g_strdup_printf ("%s provenance", columns[k].key);

      g_string_append_c (out, ',');
      cc_csv_append_field (out, value);
      g_string_append_c (out, ',');
      cc_csv_append_field (out, close);
      g_string_append_c (out, ',');
      cc_csv_append_field (out, provenance);
      for (guint side = 0; side < 2 && columns[k].side[0] != NULL; side++)
        {
          g_autofree char *name = g_strdup_printf ("%s %s", columns[k].key, side_kinds[side]);

          g_string_append_c (out, ',');
          cc_csv_append_field (out, name);
        }
    }
  g_string_append_c (out, '\n');

  for (guint d = 0; d < data->n_dates && n > 0; d++)
    {
      char iso[11];

      cc_date_format_iso (data->dates[d], iso);
      g_string_append (out, iso);
      for (guint k = 0; k < n; k++)
        {
          Column *column = &columns[k];
          const CcChartSeries *cs = column->cs;
          guint i = column->next;
          const CcPoint *point = NULL;

          if (i >= cs->n || cs->x[i] != (int) d)
            {
              g_string_append (out, ",,,");
              if (column->side[0] != NULL)
                {
                  append_side (out, column->side[0], data->dates[d]);
                  append_side (out, column->side[1], data->dates[d]);
                }
              continue;
            }
          column->next++;
          g_string_append_c (out, ',');
          append_value (out, cs->v[i]);
          g_string_append_c (out, ',');
          if (column->close != NULL)
            {
              int p = cc_series_find (column->close, data->dates[d]);

              point = p >= 0 ? cc_series_get_point (column->close, p) : NULL;
              if (point != NULL)
                append_exact (out, point->close);
            }
          else
            append_exact (out, mode == CC_CHART_MODE_PERCENT ? 100.0 + cs->v[i] : cs->v[i]);
          g_string_append_c (out, ',');
          g_string_append (out, cc_provenance_to_string (cs->prov[i]));
          /* A running session or a closed day some files fill in, as the data layer says. */
          if (point != NULL && (point->flags & CC_POINT_FLAG_UNFINISHED))
            g_string_append (out, " unfinished");
          if (point != NULL && (point->flags & CC_POINT_FLAG_NON_TRADING_DAY))
            g_string_append (out, " non-trading-day");
          if (column->side[0] != NULL)
            {
              append_side (out, column->side[0], data->dates[d]);
              append_side (out, column->side[1], data->dates[d]);
            }
        }
      g_string_append_c (out, '\n');
    }

  for (guint k = 0; k < n; k++)
    {
      g_free (columns[k].key);
      g_clear_object (&columns[k].side[0]);
      g_clear_object (&columns[k].side[1]);
    }
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

gboolean
cc_chart_export_view_csv (CcChart       *self,
                          GFile         *file,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autofree char *text = NULL;
  gsize length;

  g_return_val_if_fail (CC_IS_CHART (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  text = cc_chart_view_csv (self, &length);
  return cc_save_contents (file, text, length, CC_SAVE_MODE_DEFAULT, cancellable, error);
}
