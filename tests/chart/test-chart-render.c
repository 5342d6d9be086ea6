/* test-chart-render.c: the chart as a reader sees it. Golden images for each mode, scale,
 * theme and event layout, compared (almost) exactly; the words a reader reads (title, legend,
 * footer, end labels) and each line's style (dashed where reconstructed, in the legend too),
 * read back from the drawing; label layout (nothing overlaps, nothing leaves the plot);
 * min/max decimation keeps spikes; exports (PNG size, every edge pixel painted at fractional
 * scales, vector PDF with its text, SVG that parses); hit-testing.
 *
 * The charts draw a synthetic dataset built here, so the goldens do not move when the offline
 * dataset is regenerated. tests/README.md says how to rewrite (CC_UPDATE_GOLDEN=1) and look
 * at them. */
#include "config.h"

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cc-chart.h"
#include "cc-chart-private.h"
#include "cc-dataset.h"

/* The fonts are pinned (tests/fonts.conf), so a golden is normally matched exactly. Allowed:
 * at most MAX_DIFF_FRACTION of the pixels differ at all, and none by more than
 * CHANNEL_TOLERANCE in any channel (a rounding difference in another build of the
 * rasteriser, never a line, a dash or a letter). */
#define CHANNEL_TOLERANCE 8
#define MAX_DIFF_FRACTION 0.0005

static CcSeries *
synthetic_series (const char   *symbol,
                  CcLevelKind   kind,
                  double        start,
                  double        drift,
                  double        wobble,
                  double        event_move,
                  GArray       *days,
                  CcDate        event,
                  CcProvenance  provenance,
                  int           observed_tail)
{
  CcSeries *s = cc_series_new (symbol, kind);
  double v = start;

  cc_series_set_origin (s, CC_ORIGIN_BUNDLED);
  cc_series_set_source (s, "test fixture");
  for (guint i = 0; i < days->len; i++)
    {
      CcDate d = g_array_index (days, CcDate, i);
      CcProvenance p = (int) i >= (int) days->len - observed_tail ? CC_PROVENANCE_OBSERVED
                                                                  : provenance;

      v *= 1.0 + drift + wobble * sin (i * 0.21 + start) * 0.02 + wobble * cos (i * 0.057) * 0.01;
      if (d == event)
        v *= 1.0 + event_move;
      cc_series_append (s, d, v, p, CC_POINT_FLAG_NONE);
    }
  return s;
}

static CcEvent *
add_event (CcDataset        *dataset,
           const char       *id,
           const char       *date,
           CcEventPrecision  precision,
           CcEventCategory   category,
           const char       *title)
{
  CcDate d;
  CcEvent *event;

  g_assert_true (cc_date_parse_iso (date, &d));
  event = cc_event_new (d, precision, title);
  cc_event_set_id (event, id);
  cc_event_set_category (event, category);
  cc_dataset_add_event (dataset, event);
  g_object_unref (event);
  return cc_dataset_find_event (dataset, id);
}

/* @meta_observed: the lie of a reconstructed series passed off as observed (for the check
 * that the goldens notice it). */
static CcDataset *
fixture_dataset (CcEvent  **meta_event,
                 gboolean   crowded,
                 gboolean   meta_observed)
{
  CcDataset *dataset = cc_dataset_new ();
  CcDate from, to, event;
  g_autoptr(GArray) days = NULL;
  static const struct {
    const char *symbol;
    gboolean    price;
    double      start, drift, wobble, move;
    int         observed_tail;
  } symbols[] = {
    { "^SOX", FALSE, 6400, 0.0022, 1.0, -0.0627, 20 },
    { "MU", TRUE, 90, 0.0085, 1.6, -0.105, 0 },
    { "SNDK", TRUE, 40, 0.0095, 1.8, -0.11, 0 },
    { "NVDA", TRUE, 180, 0.0018, 1.1, -0.02, 0 },
    { "AMD", TRUE, 160, 0.0016, 1.3, -0.03, 0 },
    { "TSM", FALSE, 100, 0.0017, 0.9, -0.04, 0 },
    { "AVGO", FALSE, 100, 0.0019, 1.0, -0.04, 0 },
    { "KLAC", FALSE, 100, 0.0021, 1.2, -0.12, 0 },
    { "LRCX", FALSE, 100, 0.0022, 1.2, -0.097, 0 },
    { "AMAT", FALSE, 100, 0.0020, 1.1, -0.10, 0 },
    { "CRWV", FALSE, 100, 0.0030, 2.2, -0.108, 0 },
    { "NBIS", FALSE, 100, 0.0031, 2.0, -0.124, 0 },
    { "IREN", FALSE, 100, 0.0035, 2.5, -0.08, 0 },
    { "CORZ", FALSE, 100, 0.0026, 2.1, -0.07, 0 },
    { "WULF", FALSE, 100, 0.0028, 2.4, -0.09, 0 },
    { "META", TRUE, 700, -0.0004, 0.9, 0.099, 0 },
  };

  g_assert_true (cc_date_parse_iso ("2025-10-06", &from));
  g_assert_true (cc_date_parse_iso ("2026-10-05", &to));
  g_assert_true (cc_date_parse_iso ("2026-07-01", &event));
  days = cc_calendar_trading_days (from, to);
  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    {
      g_autoptr(CcSeries) s = NULL;

      s = synthetic_series (symbols[i].symbol, symbols[i].price ? CC_LEVEL_PRICE : CC_LEVEL_INDEX,
                            symbols[i].start, symbols[i].drift, symbols[i].wobble,
                            symbols[i].move, days, event,
                            /* MU is observed throughout: a solid line among dashed ones. */
                            g_str_equal (symbols[i].symbol, "MU") ||
                            (meta_observed && g_str_equal (symbols[i].symbol, "META"))
                              ? CC_PROVENANCE_OBSERVED : CC_PROVENANCE_RECONSTRUCTED,
                            symbols[i].observed_tail);
      cc_dataset_set_series (dataset, s);
    }

  add_event (dataset, "iren", "2025-11-03", CC_EVENT_PRECISION_DAY,
             CC_EVENT_CATEGORY_ANNOUNCEMENT, "IREN signs $9.7 billion Microsoft GPU deal");
  add_event (dataset, "delloro", "2026-01-01", CC_EVENT_PRECISION_QUARTER,
             CC_EVENT_CATEGORY_DATA_RELEASE, "Dell'Oro: data-centre chip revenue +116%");
  add_event (dataset, "meta-may", "2026-05-01", CC_EVENT_PRECISION_MONTH,
             CC_EVENT_CATEGORY_ANNOUNCEMENT, "Meta floats selling surplus AI capacity");
  *meta_event = add_event (dataset, "meta-compute", "2026-07-01", CC_EVENT_PRECISION_DAY,
                           CC_EVENT_CATEGORY_ANNOUNCEMENT, "Meta Compute announced");
  if (crowded)
    {
      /* Ten events within six weeks around the announcement: the lanes must cope. */
      static const char *dates[] = { "2026-06-10", "2026-06-12", "2026-06-16", "2026-06-18",
                                     "2026-06-24", "2026-06-26", "2026-07-02", "2026-07-07",
                                     "2026-07-09", "2026-07-15" };
      static const CcEventCategory categories[] = {
        CC_EVENT_CATEGORY_EARNINGS, CC_EVENT_CATEGORY_MACRO, CC_EVENT_CATEGORY_DATA_RELEASE,
        CC_EVENT_CATEGORY_USER, CC_EVENT_CATEGORY_CYCLE_PEAK,
      };

      for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
        {
          g_autofree char *id = g_strdup_printf ("crowd-%u", i);
          g_autofree char *title = g_strdup_printf ("Crowded event number %u", i + 1);

          add_event (dataset, id, dates[i], CC_EVENT_PRECISION_DAY,
                     categories[i % G_N_ELEMENTS (categories)], title);
        }
    }
  return dataset;
}

static CcChart *
fixture_chart_full (gboolean crowded,
                    gboolean meta_observed)
{
  CcEvent *event = NULL;
  g_autoptr(CcDataset) dataset = fixture_dataset (&event, crowded, meta_observed);
  CcChart *chart = cc_chart_new (dataset);

  cc_chart_set_event (chart, event);
  return chart;
}

static CcChart *
fixture_chart (gboolean crowded)
{
  return fixture_chart_full (crowded, FALSE);
}

static cairo_surface_t *
render (CcChart *chart,
        double   width,
        double   height,
        double   scale)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale),
                                        (int) ceil (height * scale));
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  cc_chart_draw (chart, cr, width, height);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static char *
golden_path (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".png", NULL);

  return g_test_build_filename (G_TEST_DIST, "data", "golden", file, NULL);
}

/* Compares @actual with the golden @name. Returns NULL when it matches within the bound,
 * otherwise what differs; then @actual and a picture of the differences (red where a pixel
 * is off by more than the tolerance, yellow where by less) are written next to the test, as
 * NAME-actual.png and NAME-diff.png (when @write_files), and the message names them. */
static char *
golden_mismatch (cairo_surface_t *actual,
                 const char      *name,
                 gboolean         write_files)
{
  g_autofree char *path = golden_path (name);
  cairo_surface_t *golden, *diff;
  int w, h, sa, sg, sd;
  guint64 differing = 0, beyond = 0;
  int worst = 0;
  const guint8 *pa, *pg;
  guint8 *pd;
  char *message = NULL;

  golden = cairo_image_surface_create_from_png (path);
  if (cairo_surface_status (golden) != CAIRO_STATUS_SUCCESS)
    g_error ("golden %s missing (%s); run with CC_UPDATE_GOLDEN=1 to create it", path,
             cairo_status_to_string (cairo_surface_status (golden)));

  w = cairo_image_surface_get_width (actual);
  h = cairo_image_surface_get_height (actual);
  if (cairo_image_surface_get_width (golden) != w || cairo_image_surface_get_height (golden) != h)
    {
      message = g_strdup_printf ("%s: %dx%d pixels, the golden has %dx%d", name, w, h,
                                 cairo_image_surface_get_width (golden),
                                 cairo_image_surface_get_height (golden));
      cairo_surface_destroy (golden);
      return message;
    }
  diff = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  sa = cairo_image_surface_get_stride (actual);
  sg = cairo_image_surface_get_stride (golden);
  sd = cairo_image_surface_get_stride (diff);
  pa = cairo_image_surface_get_data (actual);
  pg = cairo_image_surface_get_data (golden);
  pd = cairo_image_surface_get_data (diff);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guint32 a = *(const guint32 *) (const void *) (pa + y * sa + x * 4);
        const guint32 g = *(const guint32 *) (const void *) (pg + y * sg + x * 4);
        guint32 *d = (guint32 *) (void *) (pd + y * sd + x * 4);
        int off = 0;

        /* The golden, faded, as the background of the picture of the differences. */
        *d = 0xff000000u | ((g >> 1 & 0x7f7f7f) + 0x404040);
        if (a == g)
          continue;
        for (int shift = 0; shift < 32; shift += 8)
          off = MAX (off, ABS ((int) (a >> shift & 0xff) - (int) (g >> shift & 0xff)));
        worst = MAX (worst, off);
        differing++;
        if (off > CHANNEL_TOLERANCE)
          {
            beyond++;
            *d = 0xffff0000u;
          }
        else
          *d = 0xffffd000u;
      }
  cairo_surface_mark_dirty (diff);

  if (beyond > 0 || (double) differing / ((double) w * h) > MAX_DIFF_FRACTION)
    {
      message = g_strdup_printf ("%s: %" G_GUINT64_FORMAT " of %d pixels differ (at most %.2f%% "
                                 "may), %" G_GUINT64_FORMAT " by more than %d/255 (none may; "
                                 "worst %d)", name, differing, w * h, 100 * MAX_DIFF_FRACTION,
                                 beyond, CHANNEL_TOLERANCE, worst);
      if (write_files)
        {
          g_autofree char *out = g_strconcat (name, "-actual.png", NULL);
          g_autofree char *out_path = g_test_build_filename (G_TEST_BUILT, out, NULL);
          g_autofree char *dout = g_strconcat (name, "-diff.png", NULL);
          g_autofree char *dout_path = g_test_build_filename (G_TEST_BUILT, dout, NULL);
          char *longer;

          cairo_surface_write_to_png (actual, out_path);
          cairo_surface_write_to_png (diff, dout_path);
          longer = g_strdup_printf ("%s; see %s and %s", message, out_path, dout_path);
          g_free (message);
          message = longer;
        }
    }
  else if (differing > 0)
    g_test_message ("%s: %" G_GUINT64_FORMAT " pixels differ, by %d/255 at most", name,
                    differing, worst);
  cairo_surface_destroy (diff);
  cairo_surface_destroy (golden);
  return message;
}

static void
compare_golden (cairo_surface_t *actual,
                const char      *name)
{
  g_autofree char *message = NULL;

  if (g_getenv ("CC_UPDATE_GOLDEN"))
    {
      g_autofree char *path = golden_path (name);
      g_autofree char *dir = g_path_get_dirname (path);

      g_mkdir_with_parents (dir, 0755);
      g_assert_cmpint (cairo_surface_write_to_png (actual, path), ==, CAIRO_STATUS_SUCCESS);
      g_test_message ("wrote %s", path);
      return;
    }
  /* Not fatal: every golden that differs is reported, not only the first. */
  message = golden_mismatch (actual, name, TRUE);
  if (message)
    g_test_fail_printf ("%s", message);
}

typedef struct {
  const char     *name;
  int             width, height;
  double          scale;
  CcChartMode     mode;
  gboolean        log_scale;
  CcChartTheme    theme;
  CcChartTimeAxis time_axis;
  gboolean        crowded;
  gboolean        all_symbols;
} GoldenCase;

static const char * const all_items[] = {
  "^SOX", "MU", "SNDK", "NVDA", "AMD", "TSM", "AVGO", "KLAC", "LRCX", "AMAT", "CRWV", "NBIS",
  "IREN", "CORZ", "WULF", "META", NULL
};

static const char * const price_items[] = { "^SOX", "basket:memory", "MU", "NVDA", "META", NULL };

static const GoldenCase golden_cases[] = {
  { "percent-light-1x", 1600, 900, 1, CC_CHART_MODE_PERCENT, FALSE, CC_CHART_THEME_LIGHT,
    CC_CHART_AXIS_CALENDAR, FALSE, FALSE },
  { "percent-dark-2x", 800, 450, 2, CC_CHART_MODE_PERCENT, FALSE, CC_CHART_THEME_DARK,
    CC_CHART_AXIS_CALENDAR, FALSE, FALSE },
  { "percent-log-light", 1200, 675, 1, CC_CHART_MODE_PERCENT, TRUE, CC_CHART_THEME_LIGHT,
    CC_CHART_AXIS_CALENDAR, FALSE, FALSE },
  { "indexed-light", 1200, 675, 1, CC_CHART_MODE_INDEXED, FALSE, CC_CHART_THEME_LIGHT,
    CC_CHART_AXIS_CALENDAR, FALSE, FALSE },
  { "price-log-dark", 1200, 675, 1, CC_CHART_MODE_PRICE, TRUE, CC_CHART_THEME_DARK,
    CC_CHART_AXIS_CALENDAR, FALSE, FALSE },
  { "trading-days-light-2x", 960, 540, 2, CC_CHART_MODE_PERCENT, FALSE, CC_CHART_THEME_LIGHT,
    CC_CHART_AXIS_TRADING_DAYS, TRUE, FALSE },
  { "all-symbols-dark", 1600, 900, 1, CC_CHART_MODE_PERCENT, FALSE, CC_CHART_THEME_DARK,
    CC_CHART_AXIS_CALENDAR, TRUE, TRUE },
};

static CcChart *
golden_chart (const GoldenCase *c)
{
  CcChart *chart = fixture_chart (c->crowded);

  cc_chart_set_mode (chart, c->mode);
  cc_chart_set_log_scale (chart, c->log_scale);
  cc_chart_set_theme (chart, c->theme);
  cc_chart_set_time_axis (chart, c->time_axis);
  if (c->all_symbols)
    cc_chart_set_items (chart, all_items);
  else if (c->mode == CC_CHART_MODE_PRICE)
    cc_chart_set_items (chart, price_items);
  return chart;
}

static void
test_golden (gconstpointer data)
{
  const GoldenCase *c = data;
  g_autoptr(CcChart) chart = golden_chart (c);
  cairo_surface_t *surface = render (chart, c->width, c->height, c->scale);

  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, (int) (c->width * c->scale));
  compare_golden (surface, c->name);
  cairo_surface_destroy (surface);
}

/* The comparison must catch a lie, not only a different theme: each of these small untruths
 * drawn over the first golden's chart must fail it. */
typedef enum {
  LIE_DARK_THEME,
  LIE_OTHER_TITLE,
  LIE_FALSE_FOOTER,
  LIE_META_OBSERVED,
  LIE_NO_EVENT_MARKS,
  LIE_OTHER_BASE,
  N_LIES
} Lie;

static void
test_golden_detects_lies (void)
{
  static const char * const names[] = {
    "dark theme", "another title", "a footer claiming market data",
    "META drawn solid as if observed", "no event marks", "another base date",
  };
  const GoldenCase *c = &golden_cases[0];

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == N_LIES);
  if (g_getenv ("CC_UPDATE_GOLDEN"))
    {
      g_test_skip ("updating goldens");
      return;
    }
  for (Lie lie = 0; lie < N_LIES; lie++)
    {
      g_autoptr(CcChart) chart = fixture_chart_full (c->crowded, lie == LIE_META_OBSERVED);
      g_autofree char *message = NULL;
      cairo_surface_t *surface;

      cc_chart_set_mode (chart, c->mode);
      cc_chart_set_log_scale (chart, c->log_scale);
      cc_chart_set_theme (chart, lie == LIE_DARK_THEME ? CC_CHART_THEME_DARK : c->theme);
      cc_chart_set_time_axis (chart, c->time_axis);
      if (lie == LIE_OTHER_TITLE)
        cc_chart_set_title (chart, "Meta Compute announced.");
      if (lie == LIE_FALSE_FOOTER)
        cc_chart_set_footer (chart, "Source: Yahoo Finance, observed market data.");
      if (lie == LIE_NO_EVENT_MARKS)
        cc_chart_set_show_events (chart, FALSE);
      if (lie == LIE_OTHER_BASE)
        cc_chart_set_base_date (chart, cc_chart_get_base_date (chart) - 1);
      surface = render (chart, c->width, c->height, c->scale);
      message = golden_mismatch (surface, c->name, FALSE);
      g_test_message ("%s: %s", names[lie], message ? message : "matches the golden");
      if (message == NULL)
        g_error ("the golden %s does not notice %s", c->name, names[lie]);
      cairo_surface_destroy (surface);
    }
}

static double
fraction_differing (cairo_surface_t *a,
                    cairo_surface_t *b)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  int sa = cairo_image_surface_get_stride (a), sb = cairo_image_surface_get_stride (b);
  const guint8 *pa = cairo_image_surface_get_data (a), *pb = cairo_image_surface_get_data (b);
  guint64 differing = 0;

  g_assert_cmpint (cairo_image_surface_get_width (b), ==, w);
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, h);
  for (int y = 0; y < h; y++)
    if (memcmp (pa + y * sa, pb + y * sb, w * 4) != 0)
      for (int x = 0; x < w; x++)
        if (memcmp (pa + y * sa + x * 4, pb + y * sb + x * 4, 4) != 0)
          differing++;
  return (double) differing / ((double) w * h);
}

/* Redraws blit the figure cached from the previous frame: it must be the same picture, at
 * HiDPI too, and any change to the chart must drop it. */
static void
test_raster_cache (void)
{
  g_autoptr(CcChart) chart = fixture_chart (FALSE);
  cairo_surface_t *first, *second, *third, *dark;

  first = render (chart, 800, 450, 2);
  second = render (chart, 800, 450, 2);
  third = render (chart, 800, 450, 2);
  g_assert_cmpfloat (fraction_differing (first, second), ==, 0);
  g_assert_cmpfloat (fraction_differing (first, third), ==, 0);
  cc_chart_set_theme (chart, CC_CHART_THEME_DARK);
  dark = render (chart, 800, 450, 2);
  g_assert_cmpfloat (fraction_differing (first, dark), >, 0.5);
  cairo_surface_destroy (first);
  cairo_surface_destroy (second);
  cairo_surface_destroy (third);
  cairo_surface_destroy (dark);
}

/* ---------------------------------------------------------------------------------------- */
/* Layout */

static gboolean
rects_overlap (const CcChartRect *a,
               const CcChartRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

static void
assert_no_overlap (GArray     *boxes,
                   const char *what)
{
  for (guint i = 0; i < boxes->len; i++)
    for (guint j = i + 1; j < boxes->len; j++)
      {
        CcChartLabelBox *a = &g_array_index (boxes, CcChartLabelBox, i);
        CcChartLabelBox *b = &g_array_index (boxes, CcChartLabelBox, j);

        if (rects_overlap (&a->rect, &b->rect))
          g_error ("%s labels overlap: “%s” (%.1f,%.1f %.1fx%.1f) and “%s” (%.1f,%.1f %.1fx%.1f)",
                   what, a->text, a->rect.x, a->rect.y, a->rect.width, a->rect.height,
                   b->text, b->rect.x, b->rect.y, b->rect.width, b->rect.height);
      }
}

static void
assert_layout_sane (CcChartLayout *layout,
                    guint          min_event_labels,
                    guint          min_end_labels)
{
  CcChartRect *plot = &layout->plot;
  const double eps = 0.01;

  g_assert_cmpfloat (plot->width, >, layout->width * 0.4);
  g_assert_cmpfloat (plot->height, >, layout->height * 0.25);
  g_assert_cmpfloat (plot->x, >=, 0);
  g_assert_cmpfloat (plot->x + plot->width, <=, layout->width);

  assert_no_overlap (layout->event_labels, "event");
  assert_no_overlap (layout->end_labels, "end-of-line");
  assert_no_overlap (layout->x_tick_labels, "time axis");
  assert_no_overlap (layout->y_tick_labels, "value axis");
  g_assert_cmpuint (layout->event_labels->len, >=, min_event_labels);
  g_assert_cmpuint (layout->end_labels->len, >=, min_end_labels);

  for (guint i = 0; i < layout->event_labels->len; i++)
    {
      CcChartRect *r = &g_array_index (layout->event_labels, CcChartLabelBox, i).rect;

      /* Within the plot's horizontal extent, in the lanes above it, never over the data. */
      g_assert_cmpfloat (r->x, >=, plot->x - eps);
      g_assert_cmpfloat (r->x + r->width, <=, plot->x + plot->width + eps);
      g_assert_cmpfloat (r->y, >=, layout->event_area.y - eps);
      g_assert_cmpfloat (r->y + r->height, <=, plot->y + eps);
      g_assert_false (rects_overlap (r, &layout->title));
      g_assert_false (rects_overlap (r, &layout->subtitle));
    }
  for (guint i = 0; i < layout->end_labels->len; i++)
    {
      CcChartRect *r = &g_array_index (layout->end_labels, CcChartLabelBox, i).rect;

      g_assert_cmpfloat (r->x, >=, plot->x + plot->width);
      g_assert_cmpfloat (r->x + r->width, <=, layout->width + eps);
      g_assert_cmpfloat (r->y, >=, plot->y - eps);
      g_assert_cmpfloat (r->y + r->height, <=, plot->y + plot->height + eps);
    }
  for (guint i = 0; i < layout->x_tick_labels->len; i++)
    {
      CcChartRect *r = &g_array_index (layout->x_tick_labels, CcChartLabelBox, i).rect;

      g_assert_cmpfloat (r->x, >=, 0);
      g_assert_cmpfloat (r->x + r->width, <=, layout->width + eps);
      g_assert_cmpfloat (r->y, >=, plot->y + plot->height);
      g_assert_false (rects_overlap (r, &layout->legend));
    }
  g_assert_cmpfloat (layout->legend.y, >=, plot->y + plot->height);
  g_assert_cmpfloat (layout->footer.y, >=, layout->legend.y + layout->legend.height - eps);
  g_assert_cmpfloat (layout->footer.y + layout->footer.height, <=, layout->height + eps);
}

static void
test_layout_sizes (void)
{
  static const struct { double w, h; } sizes[] = {
    { 800, 450 }, { 800, 600 }, { 1280, 720 }, { 1600, 900 }, { 2400, 900 }, { 3840, 2160 },
    { CC_PAGE_A4_WIDTH, CC_PAGE_A4_HEIGHT }, { CC_PAGE_LETTER_WIDTH, CC_PAGE_LETTER_HEIGHT },
  };

  for (guint crowded = 0; crowded < 2; crowded++)
    for (guint all = 0; all < 2; all++)
      for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
        {
          g_autoptr(CcChart) chart = fixture_chart (crowded);
          g_autoptr(CcChartLayout) layout = NULL;

          if (all)
            cc_chart_set_items (chart, all_items);
          layout = cc_chart_layout (chart, sizes[i].w, sizes[i].h);
          /* The selected event is always labelled; the index always has its end label. */
          assert_layout_sane (layout, 1, 1);
          if (!crowded && sizes[i].w >= 1280)
            g_assert_cmpuint (layout->event_labels->len, ==, 4);
          if (!all && sizes[i].h >= 450)
            g_assert_cmpuint (layout->end_labels->len, ==, 4);
        }
}

/* Issue 12's readability bar, asserted on the layout's own lists (not pixels): at every size
 * from a small window to 4K and on A4 and Letter, no text under the minimum (11 px on screen,
 * 8 pt in print), no label over another or off the figure, a month named on the time axis,
 * and no end label without its number. */
static gboolean
names_a_month (const char *text)
{
  static const char * const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
                                         "Aug", "Sep", "Oct", "Nov", "Dec" };

  for (guint m = 0; m < G_N_ELEMENTS (months); m++)
    if (strstr (text, months[m]))
      return TRUE;
  return FALSE;
}

static gboolean
has_number (const char *text)
{
  for (const char *p = text; *p; p++)
    if (g_ascii_isdigit (*p))
      return TRUE;
  return FALSE;
}

static void
assert_readable (CcChart       *chart,
                 CcChartLayout *layout,
                 gboolean       print,
                 const char    *what)
{
  double min_text = print ? CC_CHART_MIN_TEXT_PRINT : CC_CHART_MIN_TEXT_SCREEN;
  gboolean month = FALSE;
  GArray *all = g_array_new (FALSE, FALSE, sizeof (CcChartLabelBox));

  g_test_message ("%s: smallest text %.2f, %u time labels, %u end labels", what,
                  _cc_chart_get_smallest_text (chart), layout->x_tick_labels->len,
                  layout->end_labels->len);
  g_assert_cmpfloat (_cc_chart_get_smallest_text (chart), >=, min_text - 1e-9);

  for (guint i = 0; i < layout->x_tick_labels->len; i++)
    month |= names_a_month (g_array_index (layout->x_tick_labels, CcChartLabelBox, i).text);
  if (!month)
    g_error ("%s: no month named on the time axis", what);

  for (guint i = 0; i < layout->end_labels->len; i++)
    {
      CcChartLabelBox *box = &g_array_index (layout->end_labels, CcChartLabelBox, i);

      if (!has_number (box->text) || !strchr (box->text, '%'))
        g_error ("%s: end label “%s” lost its number", what, box->text);
    }

  /* Every label against every other, whatever its kind, and inside the figure. */
  g_array_append_vals (all, layout->x_tick_labels->data, layout->x_tick_labels->len);
  g_array_append_vals (all, layout->y_tick_labels->data, layout->y_tick_labels->len);
  g_array_append_vals (all, layout->end_labels->data, layout->end_labels->len);
  g_array_append_vals (all, layout->event_labels->data, layout->event_labels->len);
  assert_no_overlap (all, what);
  for (guint i = 0; i < all->len; i++)
    {
      CcChartRect *r = &g_array_index (all, CcChartLabelBox, i).rect;

      g_assert_cmpfloat (r->x, >=, -0.01);
      g_assert_cmpfloat (r->y, >=, -0.01);
      g_assert_cmpfloat (r->x + r->width, <=, layout->width + 0.01);
      g_assert_cmpfloat (r->y + r->height, <=, layout->height + 0.01);
      g_assert_false (rects_overlap (r, &layout->legend));
      g_assert_false (rects_overlap (r, &layout->footer));
    }
  g_array_unref (all);
}

static void
test_layout_readable (void)
{
  static const struct { double w, h; gboolean print; } sizes[] = {
    { 800, 600, FALSE }, { 1024, 768, FALSE }, { 1280, 720, FALSE }, { 1280, 800, FALSE },
    { 1600, 900, FALSE }, { 1920, 1080, FALSE }, { 2560, 1440, FALSE }, { 3840, 2160, FALSE },
    { CC_PAGE_A4_WIDTH, CC_PAGE_A4_HEIGHT, TRUE },
    { CC_PAGE_LETTER_WIDTH, CC_PAGE_LETTER_HEIGHT, TRUE },
  };
  /* The default year, a quarter (week ticks) and three weeks (day ticks). */
  static const struct { const char *from, *to; } ranges[] = {
    { NULL, NULL }, { "2026-04-01", "2026-07-31" }, { "2026-06-15", "2026-07-06" },
  };
  double previous_font = 0;

  for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
    for (guint all = 0; all < 2; all++)
      for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
        {
          g_autoptr(CcChart) chart = fixture_chart (all);
          g_autoptr(CcChartLayout) layout = NULL;
          g_autofree char *what = g_strdup_printf ("%gx%g%s, range %u, %s", sizes[i].w,
                                                   sizes[i].h, sizes[i].print ? " print" : "",
                                                   r, all ? "16 series" : "default");

          if (all)
            cc_chart_set_items (chart, all_items);
          if (ranges[r].from)
            {
              CcDate from, to;

              g_assert_true (cc_date_parse_iso (ranges[r].from, &from));
              g_assert_true (cc_date_parse_iso (ranges[r].to, &to));
              cc_chart_set_range (chart, from, to);
            }
          layout = _cc_chart_layout_for (chart, sizes[i].w, sizes[i].h, sizes[i].print);
          assert_readable (chart, layout, sizes[i].print, what);
          g_assert_cmpuint (layout->end_labels->len, >=, 1);
          /* Type grows with the figure on screen. */
          if (r == 0 && !all && !sizes[i].print)
            {
              g_assert_cmpfloat (_cc_chart_get_smallest_text (chart), >=, previous_font);
              previous_font = _cc_chart_get_smallest_text (chart);
            }
        }
  g_assert_cmpfloat (previous_font, >, CC_CHART_MIN_TEXT_SCREEN * 2);
}

/* Drawing to a PDF lays out in points, with the print minimum; to pixels, the screen's. */
static void
test_print_minimum (void)
{
  g_autoptr(CcChart) chart = fixture_chart (FALSE);
  cairo_surface_t *pdf = cairo_pdf_surface_create (NULL, CC_PAGE_A4_WIDTH, CC_PAGE_A4_HEIGHT);
  cairo_t *cr = cairo_create (pdf);
  double print_size, screen_size;

  cc_chart_draw (chart, cr, CC_PAGE_A4_WIDTH, CC_PAGE_A4_HEIGHT);
  print_size = _cc_chart_get_smallest_text (chart);
  cairo_destroy (cr);
  cairo_surface_destroy (pdf);
  cairo_surface_destroy (render (chart, CC_PAGE_A4_WIDTH, CC_PAGE_A4_HEIGHT, 1));
  screen_size = _cc_chart_get_smallest_text (chart);
  g_assert_cmpfloat (print_size, >=, CC_CHART_MIN_TEXT_PRINT);
  g_assert_cmpfloat (print_size, <, CC_CHART_MIN_TEXT_SCREEN);
  g_assert_cmpfloat (screen_size, >=, CC_CHART_MIN_TEXT_SCREEN);
}

/* When room runs out, the name shortens and the number stays whole. */
static void
test_end_labels_keep_numbers (void)
{
  g_autoptr(CcChart) chart = fixture_chart (FALSE);
  g_autoptr(CcChartLayout) layout = NULL;
  g_autoptr(GArray) days = NULL;
  g_autoptr(CcSeries) extra = NULL;
  gboolean shortened = FALSE;
  CcDate from, to, event;
  static const char * const items[] = { "^SOX", "basket:gpu", "SEMICONDUCTORS-EQUAL-WEIGHT.ETF",
                                        NULL };

  g_assert_true (cc_date_parse_iso ("2025-10-06", &from));
  g_assert_true (cc_date_parse_iso ("2026-10-05", &to));
  g_assert_true (cc_date_parse_iso ("2026-07-01", &event));
  days = cc_calendar_trading_days (from, to);
  /* An imported column with a long name. */
  extra = synthetic_series (items[2], CC_LEVEL_INDEX, 100, 0.002, 1.0, -0.05, days, event,
                            CC_PROVENANCE_OBSERVED, 0);
  cc_dataset_set_series (cc_chart_get_dataset (chart), extra);
  cc_chart_set_items (chart, items);
  layout = cc_chart_layout (chart, 800, 450);
  g_assert_cmpuint (layout->end_labels->len, ==, 3);
  for (guint i = 0; i < layout->end_labels->len; i++)
    {
      CcChartLabelBox *box = &g_array_index (layout->end_labels, CcChartLabelBox, i);

      g_test_message ("end label: %s", box->text);
      g_assert_true (has_number (box->text));
      g_assert_nonnull (strchr (box->text, '%'));
      if (strstr (box->text, "\u2026") != NULL)
        {
          shortened = TRUE;
          g_assert_true (g_str_has_prefix (box->text, "SEMICONDUCTORS"));
        }
      g_assert_cmpfloat (box->rect.x + box->rect.width, <=, layout->width);
    }
  g_assert_true (shortened);
}

static void
test_layout_trading_days (void)
{
  g_autoptr(CcChart) chart = fixture_chart (TRUE);
  g_autoptr(CcChartLayout) layout = NULL;
  gboolean found_t = FALSE;

  cc_chart_set_time_axis (chart, CC_CHART_AXIS_TRADING_DAYS);
  layout = cc_chart_layout (chart, 1600, 900);
  assert_layout_sane (layout, 1, 4);
  for (guint i = 0; i < layout->x_tick_labels->len; i++)
    if (g_str_equal (g_array_index (layout->x_tick_labels, CcChartLabelBox, i).text, "t"))
      found_t = TRUE;
  g_assert_true (found_t);
  /* t−20 … t+60: the first and last ticks. */
  g_assert_cmpstr (g_array_index (layout->x_tick_labels, CcChartLabelBox, 0).text, ==,
                   "t\xe2\x88\x92" "20");
  g_assert_cmpstr (g_array_index (layout->x_tick_labels, CcChartLabelBox,
                                  layout->x_tick_labels->len - 1).text, ==, "t+60");
}

/* The selected event always gets the first lane, and its label names it. */
static void
test_layout_selected_event (void)
{
  g_autoptr(CcChart) chart = fixture_chart (TRUE);
  g_autoptr(CcChartLayout) layout = cc_chart_layout (chart, 1000, 560);
  gboolean found = FALSE;

  for (guint i = 0; i < layout->event_labels->len; i++)
    {
      CcChartLabelBox *box = &g_array_index (layout->event_labels, CcChartLabelBox, i);

      if (g_strcmp0 (box->id, "meta-compute") == 0)
        {
          found = TRUE;
          g_assert_true (g_str_has_prefix (box->text, "Meta Compute announced"));
          g_assert_cmpfloat (box->rect.y, ==, layout->event_area.y);
        }
    }
  g_assert_true (found);
}

/* The as-of marker: a line at its day, and a label in the event lanes that never covers an
 * event label (it takes only the room the events left), at every size and crowding. */
static void
test_layout_as_of (void)
{
  static const struct { double w, h; } sizes[] = {
    { 800, 450 }, { 1000, 560 }, { 1600, 900 }, { CC_PAGE_A4_WIDTH, CC_PAGE_A4_HEIGHT },
  };
  static const int days[][3] = { { 2026, 7, 2 }, { 2026, 7, 1 }, { 2026, 5, 1 },
                                 { 2025, 11, 3 }, { 2026, 10, 5 } };

  for (guint crowded = 0; crowded < 2; crowded++)
    for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
      for (guint d = 0; d < G_N_ELEMENTS (days); d++)
        {
          g_autoptr(CcChart) chart = fixture_chart (crowded);
          g_autoptr(CcChartLayout) before = cc_chart_layout (chart, sizes[i].w, sizes[i].h);
          g_autoptr(CcChartLayout) layout = NULL;
          CcDate day = cc_date_from_ymd (days[d][0], days[d][1], days[d][2]);
          double x;

          /* No marker unless asked for. */
          g_assert_true (isnan (before->as_of_x));
          cc_chart_set_as_of (chart, day);
          layout = cc_chart_layout (chart, sizes[i].w, sizes[i].h);
          assert_layout_sane (layout, 1, 1);
          x = cc_chart_x_for_date (chart, day);
          g_assert_false (isnan (layout->as_of_x));
          g_assert_cmpfloat (fabs (layout->as_of_x - x), <, 0.01);
          /* The events keep the labels they had without the marker. */
          g_assert_cmpuint (layout->event_labels->len, ==, before->event_labels->len);
          if (layout->as_of_label.width > 0)
            {
              const CcChartRect *r = &layout->as_of_label;

              g_assert_cmpfloat (r->x, >=, layout->plot.x - 0.01);
              g_assert_cmpfloat (r->x + r->width, <=, layout->plot.x + layout->plot.width + 0.01);
              g_assert_cmpfloat (r->y + r->height, <=, layout->plot.y + 0.01);
              g_assert_true (fabs (r->x - x) < sizes[i].w * 0.02 ||
                             fabs (r->x + r->width - x) < sizes[i].w * 0.02);
              for (guint k = 0; k < layout->event_labels->len; k++)
                {
                  CcChartLabelBox *box = &g_array_index (layout->event_labels, CcChartLabelBox, k);

                  if (rects_overlap (r, &box->rect))
                    g_error ("the as-of label covers “%s”", box->text);
                }
            }
          else
            /* Only the crowded chart at the smallest size may have no room for it. */
            g_assert_true (crowded || sizes[i].w < 1000);
        }
}

/* ---------------------------------------------------------------------------------------- */
/* Words and line styles, as drawn */

/* The first golden's words (its fixture: ^SOX observed for its last 20 bars, MU observed, the
 * rest reconstructed), with no-break spaces read as spaces. */
#define EXPECTED_SUBTITLE \
  "6 Oct 2025 \u2013 5 Oct 2026 \u00b7 change since the close of 30 Jun 2026 \u00b7 linear scale"
#define EXPECTED_FOOTER \
  "Source: Chip Cycle offline dataset \u2014 reconstructed from figures reported in the press, " \
  "not market data; ^SOX 8 Sep \u2013 5 Oct 2026 observed (recorded Yahoo Finance response). " \
  "Dashed lines: reconstructed or anchored values; solid: observed."
#define EXPECTED_LEGEND \
  "Index: ^SOX PHLX Semiconductor Index, partly reconstructed " \
  "Memory: Memory basket equal weight, rebalanced daily: MU, SNDK, reconstructed " \
  "GPU & chip designers: GPU & chip designers basket equal weight, rebalanced daily: NVDA, AMD, " \
  "TSM, AVGO, reconstructed Hyperscaler: META Meta Platforms, reconstructed"
#define EXPECTED_EVENT_LABELS \
  "IREN signs $9.7 billion Microsoft GPU deal \u00b7 3 Nov 2025 | " \
  "Dell'Oro: data-centre chip revenue +116% \u00b7 Q1 2026 | " \
  "Meta floats selling surplus AI capacity \u00b7 May 2026 | " \
  "Meta Compute announced \u00b7 1 Jul 2026"
#define EXPECTED_END_LABELS \
  "^SOX +34% | Memory basket +142% | GPU basket +52% | META +29%"

static char *
labels_text (GArray *labels)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    g_string_append_printf (s, "%s%s", i ? " | " : "",
                            g_array_index (labels, CcChartLabelBox, i).text);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Every word of the first golden's chart, as a reader reads it. A change here is a change to
 * what the chart claims: update the strings only when the claim is meant to change. */
static void
test_text_as_drawn (void)
{
  g_autoptr(CcChart) chart = golden_chart (&golden_cases[0]);
  g_autoptr(CcChartLayout) layout = NULL;
  g_autofree char *title = NULL, *subtitle = NULL, *footer = NULL, *legend = NULL;
  g_autofree char *ends = NULL, *events = NULL, *note = NULL;

  cairo_surface_destroy (render (chart, 1600, 900, 1));
  layout = cc_chart_layout (chart, 1600, 900);
  title = _cc_chart_get_text (chart, CC_CHART_TEXT_TITLE);
  subtitle = _cc_chart_get_text (chart, CC_CHART_TEXT_SUBTITLE);
  footer = _cc_chart_get_text (chart, CC_CHART_TEXT_FOOTER);
  legend = _cc_chart_get_text (chart, CC_CHART_TEXT_LEGEND);
  note = _cc_chart_get_text (chart, CC_CHART_TEXT_NOTE);
  ends = labels_text (layout->end_labels);
  events = labels_text (layout->event_labels);
  g_test_message ("title: %s\nsubtitle: %s\nfooter: %s\nlegend: %s\nend labels: %s\n"
                  "event labels: %s", title, subtitle, footer, legend, ends, events);

  g_assert_cmpstr (title, ==, "Meta Compute announced");
  g_assert_cmpstr (subtitle, ==, EXPECTED_SUBTITLE);
  g_assert_cmpstr (footer, ==, EXPECTED_FOOTER);
  g_assert_cmpstr (legend, ==, EXPECTED_LEGEND);
  g_assert_cmpstr (ends, ==, EXPECTED_END_LABELS);
  g_assert_cmpstr (events, ==, EXPECTED_EVENT_LABELS);
  g_assert_null (note);
  /* What must never be claimed of this data, whatever the wording becomes. */
  g_assert_null (strstr (footer, "Yahoo Finance, observed"));
  g_assert_null (strstr (footer, "market data."));
}

static const CcChartDrawnSeries *
find_drawn (GArray     *drawn,
            const char *item)
{
  for (guint i = 0; i < drawn->len; i++)
    if (g_str_equal (g_array_index (drawn, CcChartDrawnSeries, i).item, item))
      return &g_array_index (drawn, CcChartDrawnSeries, i);
  g_error ("%s is not drawn", item);
  return NULL;
}

static gboolean
rgba_equal (const CcRgba *a,
            const CcRgba *b)
{
  return fabs (a->red - b->red) < 1e-9 && fabs (a->green - b->green) < 1e-9 &&
         fabs (a->blue - b->blue) < 1e-9 && fabs (a->alpha - b->alpha) < 1e-9;
}

/* Each series as the drawing stroked it: wherever it has reconstructed points it is dashed,
 * in one long-dash pattern (a longer one for baskets) that its legend sample repeats, and its
 * legend entry says "reconstructed" beside that sample; an observed series is solid
 * with a solid sample and no such word; the line and its sample share one colour, and no two
 * series share it. */
static void
assert_line_styles (CcChart    *chart,
                    const char *what)
{
  g_autoptr(GArray) drawn = _cc_chart_get_drawn_series (chart);
  double patterns[2][2] = { { 0 } };
  guint n_patterns = 0;

  g_assert_nonnull (drawn);
  g_assert_cmpuint (drawn->len, >, 0);
  for (guint i = 0; i < drawn->len; i++)
    {
      const CcChartDrawnSeries *d = &g_array_index (drawn, CcChartDrawnSeries, i);

      g_test_message ("%s: %s: %u observed, %u estimated points; %u solid, %u dashed strokes; "
                      "legend %s (%s)", what, d->item, d->observed_points, d->estimated_points,
                      d->solid_strokes, d->dashed_strokes, d->legend_entry,
                      d->legend_dashed ? "dashed" : "solid");
      g_assert_true (d->in_legend);
      g_assert_nonnull (d->legend_entry);
      g_assert_true (g_str_has_prefix (d->legend_entry, d->item) ||
                     g_str_has_prefix (d->item, "basket:"));
      g_assert_true (rgba_equal (&d->stroke_color, &d->legend_color));
      for (guint j = 0; j < i; j++)
        g_assert_false (rgba_equal (&d->stroke_color,
                                    &g_array_index (drawn, CcChartDrawnSeries, j).stroke_color));
      if (d->estimated_points > 0)
        {
          gboolean known = FALSE;

          g_assert_cmpuint (d->dashed_strokes, >, 0);
          g_assert_true (d->legend_dashed);
          /* Readable at a dozen lines: a long dash and a short gap, so each line still reads
           * as one line in its own colour, with the gap wide enough to see on any screen. */
          g_test_message ("%s: %s: dashes %.2f on, %.2f off (legend %.2f, %.2f)", what,
                          d->item, d->dashes[0], d->dashes[1], d->legend_dashes[0],
                          d->legend_dashes[1]);
          g_assert_cmpfloat (d->dashes[0], >=, 3.0 * d->dashes[1]);
          g_assert_cmpfloat (d->dashes[1], >=, 2.0);
          /* The legend's sample shows the line's own pattern. */
          g_assert_cmpfloat_with_epsilon (d->legend_dashes[0], d->dashes[0], 1e-6);
          g_assert_cmpfloat_with_epsilon (d->legend_dashes[1], d->dashes[1], 1e-6);
          /* One pattern says "reconstructed" (a longer one on a basket's heavier line). */
          for (guint p = 0; p < n_patterns; p++)
            known |= fabs (patterns[p][0] - d->dashes[0]) < 1e-6 &&
                     fabs (patterns[p][1] - d->dashes[1]) < 1e-6;
          if (!known)
            {
              g_assert_cmpuint (n_patterns, <, 2);
              patterns[n_patterns][0] = d->dashes[0];
              patterns[n_patterns][1] = d->dashes[1];
              n_patterns++;
            }
          g_assert_true (g_str_has_suffix (d->legend_entry, d->observed_points > 0
                                                            ? ", partly reconstructed"
                                                            : ", reconstructed"));
        }
      else
        {
          g_assert_cmpuint (d->dashed_strokes, ==, 0);
          g_assert_false (d->legend_dashed);
          g_assert_null (strstr (d->legend_entry, "reconstructed"));
        }
      if (d->observed_points > 1)
        g_assert_cmpuint (d->solid_strokes, >, 0);
      else
        g_assert_cmpuint (d->solid_strokes, ==, 0);
    }
}

static void
test_line_styles (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (golden_cases); i++)
    {
      const GoldenCase *c = &golden_cases[i];
      g_autoptr(CcChart) chart = golden_chart (c);

      cairo_surface_destroy (render (chart, c->width, c->height, c->scale));
      assert_line_styles (chart, c->name);
      if (c->mode != CC_CHART_MODE_PRICE || c->all_symbols)
        {
          g_autoptr(GArray) drawn = _cc_chart_get_drawn_series (chart);
          const CcChartDrawnSeries *meta = find_drawn (drawn, "META");
          const CcChartDrawnSeries *mu;

          /* The fixture: META reconstructed throughout, ^SOX observed at the end. */
          g_assert_cmpuint (meta->observed_points, ==, 0);
          g_assert_cmpuint (meta->solid_strokes, ==, 0);
          g_assert_true (meta->legend_dashed);
          g_assert_true (g_str_has_suffix (meta->legend_entry, ", reconstructed"));
          if (c->all_symbols)
            {
              mu = find_drawn (drawn, "MU");
              g_assert_cmpuint (mu->estimated_points, ==, 0);
              g_assert_cmpuint (mu->dashed_strokes, ==, 0);
              g_assert_false (mu->legend_dashed);
            }
        }
    }
}

/* ---------------------------------------------------------------------------------------- */
/* Colours of the visible series */

/* Hue families: an sRGB colour's CIELAB (D65) hue angle in 30-degree bins, 0 for 0-30 up to 11
 * for 330-360; a colour with chroma C*ab under 15 is in the neutral family (-1). */
#define HUE_BIN_DEGREES   30.0
#define NEUTRAL_CHROMA    15.0
/* Two unrelated lines must stay at least this far apart (CIE76 delta E) as a deuteranope sees
 * them, simulated with the Machado, Oliveira & Fernandes (2009) severity-1.0 matrix. */
#define DEUTAN_MIN_DELTA_E 15.0

static double
srgb_to_linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
lab_f (double t)
{
  return t > 216.0 / 24389.0 ? cbrt (t) : (24389.0 / 27.0 * t + 16.0) / 116.0;
}

static void
linear_to_lab (const double rgb[3],
               double       lab[3])
{
  double x = 0.4124564 * rgb[0] + 0.3575761 * rgb[1] + 0.1804375 * rgb[2];
  double y = 0.2126729 * rgb[0] + 0.7151522 * rgb[1] + 0.0721750 * rgb[2];
  double z = 0.0193339 * rgb[0] + 0.1191920 * rgb[1] + 0.9503041 * rgb[2];
  double fx = lab_f (x / 0.95047), fy = lab_f (y), fz = lab_f (z / 1.08883);

  lab[0] = 116 * fy - 16;
  lab[1] = 500 * (fx - fy);
  lab[2] = 200 * (fy - fz);
}

static void
color_lab (const CcRgba *c,
           gboolean      deutan,
           double        lab[3])
{
  static const double machado_deutan[3][3] = {
    { 0.367322, 0.860646, -0.227968 },
    { 0.280085, 0.672501, 0.047413 },
    { -0.011820, 0.042940, 0.968881 },
  };
  double lin[3] = { srgb_to_linear (c->red), srgb_to_linear (c->green),
                    srgb_to_linear (c->blue) };
  double sim[3];

  for (int i = 0; i < 3; i++)
    sim[i] = deutan ? CLAMP (machado_deutan[i][0] * lin[0] + machado_deutan[i][1] * lin[1] +
                             machado_deutan[i][2] * lin[2], 0.0, 1.0)
                    : lin[i];
  linear_to_lab (sim, lab);
}

static int
hue_family (const CcRgba *c)
{
  double lab[3];
  double h;

  color_lab (c, FALSE, lab);
  if (hypot (lab[1], lab[2]) < NEUTRAL_CHROMA)
    return -1;
  h = atan2 (lab[2], lab[1]) * 180 / G_PI;
  if (h < 0)
    h += 360;
  return (int) floor (h / HUE_BIN_DEGREES) % 12;
}

/* Related: a basket and its own members, or two members of a basket that is shown with them. */
static gboolean
items_related (CcChart    *chart,
               const char *a,
               const char *b)
{
  CcCatalogue *catalogue = cc_dataset_get_catalogue (cc_chart_get_dataset (chart));
  const char * const *items = cc_chart_get_items (chart);
  CcSymbol *sa = cc_catalogue_lookup (catalogue, a);
  CcSymbol *sb = cc_catalogue_lookup (catalogue, b);
  g_autofree char *basket_a = sa ? g_strconcat ("basket:", cc_symbol_get_group_id (sa), NULL)
                                 : NULL;
  g_autofree char *basket_b = sb ? g_strconcat ("basket:", cc_symbol_get_group_id (sb), NULL)
                                 : NULL;

  if (g_strcmp0 (basket_a, b) == 0 || g_strcmp0 (basket_b, a) == 0)
    return TRUE;
  return basket_a && g_strcmp0 (basket_a, basket_b) == 0 && g_strv_contains (items, basket_a);
}

static void
assert_distinct_colours (CcChart    *chart,
                         const char *what)
{
  g_autoptr(GArray) drawn = _cc_chart_get_drawn_series (chart);
  guint n_items = g_strv_length ((char **) cc_chart_get_items (chart));

  g_assert_cmpuint (drawn->len, ==, n_items);
  for (guint i = 0; i < drawn->len; i++)
    {
      const CcChartDrawnSeries *d = &g_array_index (drawn, CcChartDrawnSeries, i);
      CcRgba sidebar;

      /* The sidebar's swatch shows the colour the chart drew. */
      _cc_chart_get_item_color (chart, d->item, &sidebar);
      g_assert_true (fabs (sidebar.red - d->stroke_color.red) < 1e-9 &&
                     fabs (sidebar.green - d->stroke_color.green) < 1e-9 &&
                     fabs (sidebar.blue - d->stroke_color.blue) < 1e-9);
      for (guint j = 0; j < i; j++)
        {
          const CcChartDrawnSeries *e = &g_array_index (drawn, CcChartDrawnSeries, j);
          double la[3], lb[3];
          double delta;

          if (items_related (chart, d->item, e->item))
            continue;
          color_lab (&d->stroke_color, TRUE, la);
          color_lab (&e->stroke_color, TRUE, lb);
          delta = sqrt ((la[0] - lb[0]) * (la[0] - lb[0]) + (la[1] - lb[1]) * (la[1] - lb[1]) +
                        (la[2] - lb[2]) * (la[2] - lb[2]));
          g_test_message ("%s: %s (family %d) vs %s (family %d): deuteranopia dE %.1f", what,
                          d->item, hue_family (&d->stroke_color), e->item,
                          hue_family (&e->stroke_color), delta);
          g_assert_cmpint (hue_family (&d->stroke_color), !=, hue_family (&e->stroke_color));
          g_assert_cmpfloat (delta, >=, DEUTAN_MIN_DELTA_E);
        }
    }
}

static void
test_distinct_colours (void)
{
  static const char *four[] = { "^SOX", "basket:memory", "basket:gpu", "META", NULL };
  static const char *seven[] = { "^SOX", "basket:memory", "MU", "basket:gpu", "NVDA", "KLAC",
                                 "META", NULL };
  static const char *twelve_unrelated[] = { "^SOX", "MU", "NVDA", "KLAC", "CRWV", "IREN",
                                            "META", "SNDK", "AMD", "LRCX", "NBIS", "CORZ",
                                            NULL };
  static const char *twelve_grouped[] = { "^SOX", "basket:memory", "MU", "SNDK", "basket:gpu",
                                          "NVDA", "AMD", "TSM", "basket:equipment", "KLAC",
                                          "CRWV", "META", NULL };
  static const struct {
    const char  *name;
    const char **items;
  } sets[] = {
    { "4", four }, { "7", seven }, { "12 unrelated", twelve_unrelated },
    { "12 grouped", twelve_grouped },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sets); i++)
    for (int theme = 0; theme < 2; theme++)
      {
        g_autoptr(CcChart) chart = fixture_chart (FALSE);
        g_autofree char *what = g_strdup_printf ("%s series, %s", sets[i].name,
                                                 theme ? "dark" : "light");

        cc_chart_set_items (chart, sets[i].items);
        cc_chart_set_theme (chart, theme ? CC_CHART_THEME_DARK : CC_CHART_THEME_LIGHT);
        cairo_surface_destroy (render (chart, 1200, 700, 1));
        assert_distinct_colours (chart, what);
      }
}

/* ---------------------------------------------------------------------------------------- */
/* Values, hit-testing and modes */

static void
test_rebased_values (void)
{
  g_autoptr(CcChart) chart = fixture_chart (FALSE);
  g_autoptr(GArray) at_base = NULL;
  g_autoptr(GArray) at_event = NULL;
  cairo_surface_t *surface;
  CcDate base, event;
  CcChartRect plot;
  double x;

  g_assert_true (cc_date_parse_iso ("2026-06-30", &base));
  g_assert_true (cc_date_parse_iso ("2026-07-01", &event));
  g_assert_cmpint (cc_chart_get_base_date (chart), ==, base);

  surface = render (chart, 1600, 900, 1);
  cairo_surface_destroy (surface);
  g_assert_true (cc_chart_get_plot_area (chart, &plot));

  /* Every line is 0% at the base close. */
  at_base = cc_chart_get_values_at (chart, base);
  g_assert_cmpuint (at_base->len, ==, 4);
  for (guint i = 0; i < at_base->len; i++)
    {
      CcChartValue *v = &g_array_index (at_base, CcChartValue, i);

      g_assert_true (v->has_value);
      g_assert_cmpfloat_with_epsilon (v->value, 0.0, 1e-9);
      g_assert_cmpfloat (v->y, >=, plot.y);
      g_assert_cmpfloat (v->y, <=, plot.y + plot.height);
    }
  /* ^SOX fell 6.27% on the event day (the fixture's move). */
  at_event = cc_chart_get_values_at (chart, event);
  g_assert_cmpstr (g_array_index (at_event, CcChartValue, 0).item, ==, "^SOX");
  g_assert_cmpfloat (g_array_index (at_event, CcChartValue, 0).value, <, -5.0);
  g_assert_cmpstr (g_array_index (at_event, CcChartValue, 3).item, ==, "META");
  g_assert_cmpfloat (g_array_index (at_event, CcChartValue, 3).value, >, 8.0);

  /* x and date round-trip, and a weekend falls between its neighbours. */
  x = cc_chart_x_for_date (chart, event);
  g_assert_cmpfloat (x, >, plot.x);
  g_assert_cmpint (cc_chart_date_at_x (chart, x), ==, event);
  g_assert_cmpint (cc_chart_date_at_x (chart, x + 0.4 * plot.width / 252), ==, event);
  {
    CcDate sat, fri, mon;

    g_assert_true (cc_date_parse_iso ("2026-07-11", &sat));
    g_assert_true (cc_date_parse_iso ("2026-07-10", &fri));
    g_assert_true (cc_date_parse_iso ("2026-07-13", &mon));
    g_assert_cmpfloat (cc_chart_x_for_date (chart, sat), >, cc_chart_x_for_date (chart, fri));
    g_assert_cmpfloat (cc_chart_x_for_date (chart, sat), <, cc_chart_x_for_date (chart, mon));
    /* No gap for the weekend: Friday to Monday is one bar, like Monday to Tuesday. */
    g_assert_cmpfloat_with_epsilon (cc_chart_x_for_date (chart, mon) -
                                    cc_chart_x_for_date (chart, fri),
                                    plot.width / 252.0, plot.width / 252.0 * 0.05);
  }
  g_assert_cmpint (cc_chart_date_at_x (chart, plot.x - 5), ==, CC_DATE_INVALID);
}

static void
test_price_mode_explains (void)
{
  g_autoptr(CcChart) chart = fixture_chart (FALSE);
  g_autoptr(GArray) values = NULL;
  CcDate day;

  cc_chart_set_items (chart, price_items);
  cc_chart_set_mode (chart, CC_CHART_MODE_PRICE);
  cairo_surface_destroy (render (chart, 1200, 675, 1));
  g_assert_true (cc_date_parse_iso ("2026-07-01", &day));
  values = cc_chart_get_values_at (chart, day);
  /* Only the price series remain: ^SOX (index level) and the basket are left out. */
  g_assert_cmpuint (values->len, ==, 3);
  g_assert_cmpstr (g_array_index (values, CcChartValue, 0).item, ==, "MU");
  g_assert_cmpfloat (g_array_index (values, CcChartValue, 0).value, >, 90);
}

/* The legend's values: each entry shows its series' value on the day under the crosshair, in
 * the chart's mode and as the read-out writes it, headed by that date; with no crosshair, the
 * last bar's. Drawn over the cached raster too (the second draw at a size blits it). */
static void
assert_legend_values (CcChart *chart,
                      CcDate   day)
{
  g_autoptr(GArray) values = cc_chart_get_values_at (chart, day);
  g_autofree char *date = _cc_chart_get_legend_date (chart);
  g_autofree char *expected_date = cc_chart_format_date (day, TRUE);
  guint n_distinct = 0;

  g_assert_cmpstr (date, ==, expected_date);
  g_assert_cmpuint (values->len, >, 0);
  for (guint i = 0; i < values->len; i++)
    {
      CcChartValue *v = &g_array_index (values, CcChartValue, i);
      g_autofree char *shown = _cc_chart_get_legend_value (chart, v->item);

      g_assert_nonnull (shown);
      g_assert_cmpstr (shown, ==, v->has_value ? v->text : "—");
      n_distinct += v->has_value;
    }
  g_assert_cmpuint (n_distinct, >, 0);
}

static void
test_legend_values (void)
{
  g_autoptr(CcChart) chart = fixture_chart (FALSE);
  CcDate first, last, day;

  g_assert_true (cc_chart_get_data_range (chart, &first, &last));
  g_assert_true (cc_date_parse_iso ("2026-03-16", &day));
  for (guint mode = 0; mode < 2; mode++)
    {
      if (mode == 1)
        {
          cc_chart_set_items (chart, price_items);
          cc_chart_set_mode (chart, CC_CHART_MODE_PRICE);
        }
      for (guint pass = 0; pass < 2; pass++)   /* a drawing, then a blit of the raster */
        {
          g_autofree char *sox = NULL;
          g_autofree char *end = NULL;

          cc_chart_set_cursor (chart, CC_DATE_INVALID);
          cairo_surface_destroy (render (chart, 1280, 720, 1));
          assert_legend_values (chart, last);
          end = _cc_chart_get_legend_value (chart, mode ? "MU" : "^SOX");

          cc_chart_set_cursor (chart, day);
          cairo_surface_destroy (render (chart, 1280, 720, 1));
          assert_legend_values (chart, day);
          sox = _cc_chart_get_legend_value (chart, mode ? "MU" : "^SOX");
          g_assert_cmpstr (sox, !=, end);
          if (mode == 0)
            g_assert_nonnull (strstr (sox, "%"));
          else
            g_assert_null (strstr (sox, "%"));
        }
    }

  /* Back to the last bar when the pointer leaves. */
  cc_chart_set_cursor (chart, CC_DATE_INVALID);
  cairo_surface_destroy (render (chart, 1280, 720, 1));
  assert_legend_values (chart, last);
}

/* Nothing to draw, odd sizes, one bar: a clear note, never a crash or a warning. */
static void
test_edge_cases (void)
{
  g_autoptr(CcChart) empty = cc_chart_new (NULL);
  g_autoptr(CcChart) chart = fixture_chart (FALSE);
  g_autoptr(CcChartLayout) layout = NULL;
  const char * const unknown[] = { "NOPE", NULL };
  const char * const none[] = { NULL };
  CcDate day;

  cairo_surface_destroy (render (empty, 400, 300, 1));
  g_assert_cmpint (cc_chart_date_at_x (empty, 100), ==, CC_DATE_INVALID);
  layout = cc_chart_layout (empty, 400, 300);
  g_assert_cmpuint (layout->end_labels->len, ==, 0);

  cc_chart_set_items (chart, unknown);
  cairo_surface_destroy (render (chart, 640, 360, 1));
  cc_chart_set_items (chart, none);
  cairo_surface_destroy (render (chart, 640, 360, 1));

  /* A range of one day, and a range with no bars at all (a weekend). */
  cc_chart_set_items (chart, all_items);
  g_assert_true (cc_date_parse_iso ("2026-07-01", &day));
  cc_chart_set_range (chart, day, day);
  cairo_surface_destroy (render (chart, 640, 360, 1));
  g_assert_true (cc_date_parse_iso ("2026-07-04", &day));
  cc_chart_set_range (chart, day, day + 1);
  cairo_surface_destroy (render (chart, 640, 360, 1));

  /* Tiny and huge aspect ratios. */
  cc_chart_set_range (chart, CC_DATE_INVALID, CC_DATE_INVALID);
  cairo_surface_destroy (render (chart, 20, 20, 1));
  cairo_surface_destroy (render (chart, 2000, 120, 1));
  cairo_surface_destroy (render (chart, 120, 1200, 1));
}

/* ---------------------------------------------------------------------------------------- */
/* Many points */

static void
test_decimation_keeps_spikes (void)
{
  g_autoptr(CcDataset) dataset = cc_dataset_new ();
  g_autoptr(CcSeries) s = cc_series_new ("SPIKE", CC_LEVEL_PRICE);
  g_autoptr(CcChart) chart = NULL;
  g_autoptr(GArray) values = NULL;
  const char * const items[] = { "SPIKE", NULL };
  CcDate start = cc_date_from_ymd (1990, 1, 1);
  const guint n = 400000, spike = 277777;
  cairo_surface_t *surface;
  CcChartRect plot;
  double spike_y, x;
  int stride;
  guint8 *px;
  gboolean dark_found = FALSE;

  for (guint i = 0; i < n; i++)
    cc_series_append (s, start + i, i == spike ? 150.0 : 100.0, CC_PROVENANCE_OBSERVED,
                      CC_POINT_FLAG_NONE);
  cc_dataset_set_series (dataset, s);
  chart = cc_chart_new (dataset);
  cc_chart_set_items (chart, items);
  cc_chart_set_event (chart, NULL);
  cc_chart_set_show_events (chart, FALSE);
  cc_chart_set_mode (chart, CC_CHART_MODE_INDEXED);

  surface = render (chart, 1200, 600, 1);
  g_assert_true (cc_chart_get_plot_area (chart, &plot));
  values = cc_chart_get_values_at (chart, start + spike);
  g_assert_cmpfloat_with_epsilon (g_array_index (values, CcChartValue, 0).value, 150, 1e-9);
  spike_y = g_array_index (values, CcChartValue, 0).y;
  x = cc_chart_x_for_date (chart, start + spike);

  /* One point among 400,000 is 50% higher: its pixel column must reach that height. */
  stride = cairo_image_surface_get_stride (surface);
  px = cairo_image_surface_get_data (surface);
  for (int dx = -2; dx <= 2; dx++)
    for (int dy = -2; dy <= 2; dy++)
      {
        guint8 *p = px + ((int) spike_y + dy) * stride + ((int) x + dx) * 4;

        if (p[0] < 200 || p[1] < 200 || p[2] < 200)
          dark_found = TRUE;
      }
  g_assert_true (dark_found);
  cairo_surface_destroy (surface);
}

/* Decimated columns are written straight into an image's pixels; through any other target
 * (a recording, so PDF and SVG too) Cairo fills the same boxes. Both must give the same
 * picture, at 1x and 2x, and with the figure drawn at a whole-pixel offset. */
static cairo_surface_t *
render_columns (CcChart  *chart,
                double    scale,
                int       offset,
                gboolean  through_recording)
{
  const int w = 900, h = 500;
  int pw = (int) ceil (w * scale), ph = (int) ceil (h * scale);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pw + 2 * offset,
                                                         ph + 2 * offset);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 0, 1);
  cairo_paint (cr);
  cairo_translate (cr, offset, offset);
  if (through_recording)
    {
      cairo_rectangle_t extents = { 0, 0, pw, ph };
      cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA,
                                                                   &extents);
      cairo_t *rcr = cairo_create (recording);

      cairo_scale (rcr, scale, scale);
      cc_chart_draw (chart, rcr, w, h);
      g_assert_cmpint (cairo_status (rcr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (rcr);
      cairo_set_source_surface (cr, recording, 0, 0);
      cairo_paint (cr);
      cairo_surface_destroy (recording);
    }
  else
    {
      cairo_scale (cr, scale, scale);
      cc_chart_draw (chart, cr, w, h);
    }
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
test_decimation_direct_pixels (void)
{
  g_autoptr(CcDataset) dataset = cc_dataset_new ();
  g_autoptr(CcChart) chart = NULL;
  const char * const items[] = { "AAA", "BBB", "CCC", NULL };
  CcDate start = cc_date_from_ymd (1990, 1, 1);

  for (guint k = 0; items[k]; k++)
    {
      g_autoptr(CcSeries) s = cc_series_new (items[k], CC_LEVEL_PRICE);
      double v = 100;

      /* 20,000 points on 900 pixels: decimated. The middle third of BBB is reconstructed,
       * so the dashed columns are drawn too. */
      for (guint i = 0; i < 20000; i++)
        {
          CcProvenance p = k == 1 && i > 7000 && i < 13000 ? CC_PROVENANCE_RECONSTRUCTED
                                                           : CC_PROVENANCE_OBSERVED;

          v *= 1.0 + 0.004 * sin (i * (0.013 + 0.007 * k)) + 0.002 * cos (i * 0.31 * (k + 1));
          cc_series_append (s, start + i, v, p, CC_POINT_FLAG_NONE);
        }
      cc_dataset_set_series (dataset, s);
    }
  chart = cc_chart_new (dataset);
  cc_chart_set_items (chart, items);
  cc_chart_set_event (chart, NULL);
  cc_chart_set_show_events (chart, FALSE);

  for (guint c = 0; c < 4; c++)
    {
      double scale = c % 2 ? 2.0 : 1.0;
      int offset = c >= 2 ? 7 : 0;
      cairo_surface_t *direct = render_columns (chart, scale, offset, FALSE);
      cairo_surface_t *vector = render_columns (chart, scale, offset, TRUE);
      int width = cairo_image_surface_get_width (direct);
      int height = cairo_image_surface_get_height (direct);
      int stride = cairo_image_surface_get_stride (direct);
      const guint8 *a = cairo_image_surface_get_data (direct);
      const guint8 *b = cairo_image_surface_get_data (vector);
      guint differing = 0, series_pixels = 0;

      for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
          {
            const guint8 *pa = a + y * stride + x * 4, *pb = b + y * stride + x * 4;

            for (int ch = 0; ch < 4; ch++)
              if (abs (pa[ch] - pb[ch]) > 2)
                {
                  differing++;
                  break;
                }
            /* Series pixels: saturated colour, neither paper, ink nor the grid's grey. */
            if (MAX (MAX (pa[0], pa[1]), pa[2]) - MIN (MIN (pa[0], pa[1]), pa[2]) > 60)
              series_pixels++;
          }
      g_test_message ("scale %g offset %d: %u pixels differ, %u series pixels", scale, offset,
                      differing, series_pixels);
      g_assert_cmpuint (series_pixels, >, 5000 * scale);
      g_assert_cmpuint (differing, ==, 0);
      cairo_surface_destroy (direct);
      cairo_surface_destroy (vector);
    }
}

/* Column bars stand in for a line only where the line has a point in every pixel column:
 * DENSE (a point every other day over 3,000 days, about two per column) is drawn as bars, with
 * no stroke; SPARSE (one point every 21 days for its first thousand days, then daily) has
 * more points than columns too, but as bars its first stretch would be a staircase, so it is
 * stroked. */
static void
test_decimation_only_when_dense (void)
{
  g_autoptr(CcDataset) dataset = cc_dataset_new ();
  g_autoptr(CcSeries) dense = cc_series_new ("DENSE", CC_LEVEL_PRICE);
  g_autoptr(CcSeries) sparse = cc_series_new ("SPARSE", CC_LEVEL_PRICE);
  g_autoptr(CcChart) chart = NULL;
  const char * const items[] = { "DENSE", "SPARSE", NULL };
  CcDate start = cc_date_from_ymd (1990, 1, 1);
  g_autoptr(GArray) drawn = NULL;
  CcChartRect plot;
  cairo_surface_t *surface;

  for (guint i = 0; i < 3000; i++)
    {
      double v = 100 + 10 * sin (i * 0.01);

      if (i % 2 == 0)
        cc_series_append (dense, start + i, v, CC_PROVENANCE_OBSERVED, CC_POINT_FLAG_NONE);
      if (i > 1000 || i % 21 == 0)
        cc_series_append (sparse, start + i, v * 1.1, CC_PROVENANCE_OBSERVED,
                          CC_POINT_FLAG_NONE);
    }
  cc_dataset_set_series (dataset, dense);
  cc_dataset_set_series (dataset, sparse);
  chart = cc_chart_new (dataset);
  cc_chart_set_items (chart, items);
  cc_chart_set_event (chart, NULL);
  cc_chart_set_show_events (chart, FALSE);

  surface = render (chart, 1000, 500, 1);
  g_assert_true (cc_chart_get_plot_area (chart, &plot));
  /* Both have more points than the plot has columns; DENSE fewer than two per column. */
  g_assert_cmpfloat (plot.width, <, 1500);
  g_assert_cmpfloat (2 * plot.width, >, 1500);
  g_assert_cmpfloat (plot.width, <, cc_series_get_n_points (sparse));
  drawn = _cc_chart_get_drawn_series (chart);
  g_assert_nonnull (drawn);
  g_assert_cmpuint (drawn->len, ==, 2);
  g_assert_cmpstr (g_array_index (drawn, CcChartDrawnSeries, 0).item, ==, "DENSE");
  g_assert_cmpuint (g_array_index (drawn, CcChartDrawnSeries, 0).solid_strokes, ==, 0);
  g_assert_cmpstr (g_array_index (drawn, CcChartDrawnSeries, 1).item, ==, "SPARSE");
  g_assert_cmpuint (g_array_index (drawn, CcChartDrawnSeries, 1).solid_strokes, >, 0);
  cairo_surface_destroy (surface);
}

/* `chipcycle export` loads its fonts in a thread while it reads the data, and the drawing
 * thread adopts them. The figure must be exactly the one drawn with fonts loaded the usual
 * way: same sizes, weights, options and scale. Each drawing runs in a fresh thread, whose
 * default font map is its own. */
typedef struct {
  gboolean  preload;
  double    scale;
  gboolean  crowded;
} FontsCase;

static gpointer
draw_in_thread (gpointer user_data)
{
  const FontsCase *c = user_data;
  g_autoptr(CcChart) chart = fixture_chart (c->crowded);
  PangoFontMap *before = pango_cairo_font_map_get_default ();
  cairo_surface_t *surface;

  cc_chart_set_items (chart, all_items);
  if (c->preload)
    cc_chart_use_fonts (chart, cc_chart_fonts_load (1200, 700, c->scale));
  surface = render (chart, 1200, 700, c->scale);
  /* The drawing thread adopted the loaded font map, or kept its own. */
  if (c->preload)
    g_assert_true (pango_cairo_font_map_get_default () != before);
  else
    g_assert_true (pango_cairo_font_map_get_default () == before);
  return surface;
}

static void
test_preloaded_fonts (void)
{
  for (guint i = 0; i < 2; i++)
    {
      FontsCase usual = { FALSE, i ? 2.0 : 1.0, i == 1 };
      FontsCase preloaded = { TRUE, i ? 2.0 : 1.0, i == 1 };
      cairo_surface_t *a = g_thread_join (g_thread_new ("usual", draw_in_thread, &usual));
      cairo_surface_t *b = g_thread_join (g_thread_new ("preloaded", draw_in_thread, &preloaded));
      int stride = cairo_image_surface_get_stride (a);
      int height = cairo_image_surface_get_height (a);

      g_assert_cmpint (cairo_image_surface_get_width (a), ==, cairo_image_surface_get_width (b));
      g_assert_cmpint (height, ==, cairo_image_surface_get_height (b));
      g_assert_cmpmem (cairo_image_surface_get_data (a), stride * height,
                       cairo_image_surface_get_data (b), stride * height);
      cairo_surface_destroy (a);
      cairo_surface_destroy (b);
    }
}

/* ---------------------------------------------------------------------------------------- */
/* Exports */

static char *
tmp_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_tmp_dir (), "cc-chart-test-XXXXXX", NULL);

  g_assert_nonnull (g_mkdtemp (dir));
  return g_build_filename (dir, name, NULL);
}

static void
remove_tmp (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_export_png_size (void)
{
  g_autoptr(CcChart) chart = fixture_chart (FALSE);
  g_autofree char *path = tmp_path ("chart.png");
  g_autoptr(GError) error = NULL;
  cairo_surface_t *png;

  g_assert_true (cc_chart_export (chart, path, CC_EXPORT_PNG, 1600, 900, 1, &error));
  g_assert_no_error (error);
  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 1600);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, 900);
  cairo_surface_destroy (png);

  g_assert_true (cc_chart_export (chart, path, CC_EXPORT_PNG, 800, 450, 2.5, &error));
  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 2000);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, 1125);
  cairo_surface_destroy (png);
  remove_tmp (path);
}

/* Every pixel of a figure is painted, up to the last row and column, at any scale: a paper
 * filled in chart units leaves the last pixels partly covered at a fractional scale, which
 * the file showed as a grey line. Checked on the PNG file and on an image surface drawn
 * directly and through the raster cache, for both themes. */
static void
assert_edges_opaque (cairo_surface_t *surface,
                     guint32          paper,
                     const char      *what)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  gboolean rgb24 = cairo_image_surface_get_format (surface) == CAIRO_FORMAT_RGB24;

  /* The outermost two rings of pixels, all around: the paper (only the title reaches near the
   * top left, and not within two pixels of the edge). */
  for (int ring = 0; ring < 2; ring++)
    for (int i = 0; i < 2 * (w + h); i++)
      {
        int x, y;
        guint32 p;

        if (i < w)
          x = i, y = ring;
        else if (i < 2 * w)
          x = i - w, y = h - 1 - ring;
        else if (i < 2 * w + h)
          x = ring, y = i - 2 * w;
        else
          x = w - 1 - ring, y = i - 2 * w - h;
        p = *(const guint32 *) (const void *) (data + (gsize) y * stride + (gsize) x * 4);
        if (rgb24)
          p |= 0xff000000u;
        if (p != paper)
          g_error ("%s (%dx%d): pixel %d,%d is %08x, not the paper %08x", what, w, h, x, y, p,
                   paper);
      }
}

static void
test_export_edges (void)
{
  static const double scales[] = { 1, 1.25, 1.5, 2, 2.5 };
  /* Chart sizes, some fractional: at 1.5, 534 x 300.5 is 801 x 450.75, so 801 x 451 pixels
   * with the last row three quarters inside the figure. */
  static const double sizes[][2] = { { 534, 300.5 }, { 801, 451 }, { 1067.3, 600.2 } };
  g_autofree char *path = tmp_path ("edges.png");

  for (guint theme = 0; theme < 2; theme++)
    for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
      for (guint j = 0; j < G_N_ELEMENTS (sizes); j++)
        {
          g_autoptr(CcChart) chart = fixture_chart (FALSE);
          g_autoptr(GError) error = NULL;
          double scale = scales[i];
          /* The chart size that gives these pixels: fractional in chart units. */
          double width = sizes[j][0], height = sizes[j][1];
          int pw = (int) ceil (width * scale), ph = (int) ceil (height * scale);
          g_autofree char *what = NULL;
          cairo_surface_t *png, *direct, *cached;
          guint32 paper;

          cc_chart_set_theme (chart, theme ? CC_CHART_THEME_DARK : CC_CHART_THEME_LIGHT);
          g_assert_true (cc_chart_export (chart, path, CC_EXPORT_PNG, width, height, scale,
                                          &error));
          g_assert_no_error (error);
          png = cairo_image_surface_create_from_png (path);
          g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
          g_assert_cmpint (cairo_image_surface_get_width (png), ==, pw);
          g_assert_cmpint (cairo_image_surface_get_height (png), ==, ph);
          /* An opaque figure is stored as RGB. */
          g_assert_cmpint (cairo_image_surface_get_format (png), ==, CAIRO_FORMAT_RGB24);
          /* The paper is the colour of the middle of the bottom margin's first rows. */
          paper = *(const guint32 *) (const void *) (cairo_image_surface_get_data (png) +
                                                    (gsize) (ph - 3) *
                                                    cairo_image_surface_get_stride (png) +
                                                    (gsize) 3 * 4) | 0xff000000u;
          what = g_strdup_printf ("PNG of %g x %g at scale %g, %s", width, height, scale,
                                  theme ? "dark" : "light");
          assert_edges_opaque (png, paper, what);

          direct = render (chart, width, height, scale);
          cached = render (chart, width, height, scale);
          g_assert_cmpint (cairo_image_surface_get_width (direct), ==, pw);
          g_assert_cmpint (cairo_image_surface_get_height (direct), ==, ph);
          g_free (what);
          what = g_strdup_printf ("surface of %g x %g at scale %g, %s", width, height, scale,
                                  theme ? "dark" : "light");
          assert_edges_opaque (direct, paper, what);
          g_free (what);
          what = g_strdup_printf ("cached surface of %g x %g at scale %g, %s", width, height,
                                  scale, theme ? "dark" : "light");
          assert_edges_opaque (cached, paper, what);
          cairo_surface_destroy (png);
          cairo_surface_destroy (direct);
          cairo_surface_destroy (cached);
        }
  remove_tmp (path);
}

static void
test_export_errors (void)
{
  g_autoptr(CcChart) chart = fixture_chart (FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tmp_path ("keep.png");

  /* A directory that does not exist: the error names the file. */
  g_assert_false (cc_chart_export (chart, "/nonexistent-dir/x.png", CC_EXPORT_PNG, 100, 100, 1,
                                   &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "/nonexistent-dir/x.png"));
  g_clear_error (&error);

  /* Bad sizes fail before the old file is touched. */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_false (cc_chart_export (chart, path, CC_EXPORT_PNG, 5, 100, 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (cc_chart_export (chart, path, CC_EXPORT_PNG, 1000, 1000, 100, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "old");
  }
  remove_tmp (path);
}

static char *
run_pdftotext (const char *pdf)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                     &status, &error))
    return NULL;
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* PDF streams hold NUL bytes, so strstr() would stop early. */
static gboolean
contains (const char *data,
          gsize       length,
          const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (data[i] == needle[0] && memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
test_export_pdf (void)
{
  g_autoptr(CcChart) chart = fixture_chart (FALSE);
  g_autofree char *path = tmp_path ("chart.pdf");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  gsize length;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext not installed (apt-get install poppler-utils)");
      return;
    }
  g_assert_true (cc_chart_export (chart, path, CC_EXPORT_PDF, CC_PAGE_A4_WIDTH,
                                  CC_PAGE_A4_HEIGHT, 1, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  /* Vector: embedded fonts and no page-sized image. */
  g_assert_true (contains (contents, length, "/FontFile"));
  g_assert_false (contains (contents, length, "/Subtype /Image"));
  g_assert_true (contains (contents, length, "/MediaBox [ 0 0 841.89 595.28 ]"));

  text = run_pdftotext (path);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "PHLX Semiconductor"));
  g_assert_nonnull (strstr (text, "Meta Compute announced"));
  g_assert_nonnull (strstr (text, "reconstructed"));
  g_assert_nonnull (strstr (text, "Source:"));
  remove_tmp (path);
}

static void
test_export_svg (void)
{
  g_autoptr(CcChart) chart = fixture_chart (TRUE);
  g_autofree char *path = tmp_path ("chart.svg");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GMarkupParseContext) parser = NULL;
  static const GMarkupParser no_callbacks = { NULL };
  gsize length;

  cc_chart_set_theme (chart, CC_CHART_THEME_DARK);
  g_assert_true (cc_chart_export (chart, path, CC_EXPORT_SVG, 1200, 675, 1, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "width=\"1200pt\""));
  parser = g_markup_parse_context_new (&no_callbacks, 0, NULL, NULL);
  /* Skip the XML declaration, which GMarkup does not parse. */
  {
    const char *start = strstr (contents, "<svg");

    g_assert_true (g_markup_parse_context_parse (parser, start, length - (start - contents),
                                                 &error));
    g_assert_no_error (error);
    g_assert_true (g_markup_parse_context_end_parse (parser, &error));
    g_assert_no_error (error);
  }
  remove_tmp (path);
}

int
main (int   argc,
      char *argv[])
{
  /* Goldens and label widths are defined for the C locale's "1,234.5"-free formatting. */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (golden_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/chart/golden/%s", golden_cases[i].name);

      g_test_add_data_func (name, &golden_cases[i], test_golden);
    }
  g_test_add_func ("/chart/golden/detects-lies", test_golden_detects_lies);
  g_test_add_func ("/chart/golden/raster-cache", test_raster_cache);
  g_test_add_func ("/chart/text/as-drawn", test_text_as_drawn);
  g_test_add_func ("/chart/text/line-styles", test_line_styles);
  g_test_add_func ("/chart/colours/distinct", test_distinct_colours);
  g_test_add_func ("/chart/layout/sizes", test_layout_sizes);
  g_test_add_func ("/chart/layout/readable", test_layout_readable);
  g_test_add_func ("/chart/layout/print-minimum", test_print_minimum);
  g_test_add_func ("/chart/layout/end-labels-keep-numbers", test_end_labels_keep_numbers);
  g_test_add_func ("/chart/layout/trading-days", test_layout_trading_days);
  g_test_add_func ("/chart/layout/selected-event", test_layout_selected_event);
  g_test_add_func ("/chart/layout/as-of", test_layout_as_of);
  g_test_add_func ("/chart/values/rebased", test_rebased_values);
  g_test_add_func ("/chart/values/price-mode", test_price_mode_explains);
  g_test_add_func ("/chart/legend/values", test_legend_values);
  g_test_add_func ("/chart/values/edge-cases", test_edge_cases);
  g_test_add_func ("/chart/decimation/spikes", test_decimation_keeps_spikes);
  g_test_add_func ("/chart/decimation/direct-pixels", test_decimation_direct_pixels);
  g_test_add_func ("/chart/decimation/only-when-dense", test_decimation_only_when_dense);
  g_test_add_func ("/chart/text/preloaded-fonts", test_preloaded_fonts);
  g_test_add_func ("/chart/export/png-size", test_export_png_size);
  g_test_add_func ("/chart/export/edges", test_export_edges);
  g_test_add_func ("/chart/export/errors", test_export_errors);
  g_test_add_func ("/chart/export/pdf", test_export_pdf);
  g_test_add_func ("/chart/export/svg", test_export_svg);
  return g_test_run ();
}
