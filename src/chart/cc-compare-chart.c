/* cc-compare-chart.c: analogues lined up at day 0, and the chip cycles aligned at their peaks. */
#define G_LOG_DOMAIN "cc-compare-chart"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "cc-analysis.h"
#include "cc-chart-format.h"
#include "cc-compare-chart.h"
#include "cc-png.h"
#include "cc-save-stream.h"
#include "cc-print-private.h"

/* Readable at 1x on screen (12 px) and in print (9 pt). */
#define FONT         "Sans 9"
#define BOLD_FONT    "Sans Bold 9"
#define TITLE_FONT   "Sans Bold 12"
#define PAD          10.0
#define MAX_PIXELS   16384

typedef struct {
  double r, g, b, a;
} Rgba;

typedef struct {
  Rgba paper, ink, muted, grid, band;
} Ink;

/* Okabe-Ito, then two darker shades: eight events keep distinct hues. */
static const guint32 palette[] = {
  0x0072b2, 0xd55e00, 0x009e73, 0xcc79a7, 0xe69f00, 0x56b4e9, 0x8c564b, 0x6a3d9a,
};

static Rgba
hex (guint32 v)
{
  return (Rgba) { ((v >> 16) & 0xff) / 255.0, ((v >> 8) & 0xff) / 255.0, (v & 0xff) / 255.0, 1 };
}

static Rgba
mix (Rgba a, Rgba b, double t)
{
  return (Rgba) { a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t,
                  a.a + (b.a - a.a) * t };
}

static void
source (cairo_t *cr, Rgba c)
{
  cairo_set_source_rgba (cr, c.r, c.g, c.b, c.a);
}

static void
ink_init (Ink                         *ink,
          const CcCompareChartOptions *options)
{
  gboolean dark = options->theme == CC_CHART_THEME_DARK;

  ink->paper = hex (dark ? 0x1e1e20 : 0xffffff);
  ink->ink = hex (dark ? 0xeeeeec : 0x1c1c21);
  if (options->foreground)
    ink->ink = (Rgba) { options->foreground[0], options->foreground[1], options->foreground[2],
                        1 };
  ink->muted = mix (ink->ink, ink->paper, 0.30);
  ink->grid = mix (ink->paper, ink->ink, dark ? 0.16 : 0.10);
  ink->band = ink->ink;
  ink->band.a = dark ? 0.16 : 0.11;
}

void
cc_compare_chart_options_init (CcCompareChartOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->theme = CC_CHART_THEME_LIGHT;
  options->selected = -1;
  options->paint_paper = TRUE;
}

void
cc_compare_chart_layout_free (CcCompareChartLayout *layout)
{
  if (layout == NULL)
    return;
  g_clear_pointer (&layout->texts, g_ptr_array_unref);
  g_clear_pointer (&layout->end_labels, g_ptr_array_unref);
  g_clear_pointer (&layout->colors, g_array_unref);
  g_clear_pointer (&layout->cycle_paths, g_ptr_array_unref);
  g_free (layout->footer);
  g_free (layout);
}

void
cc_compare_chart_path_color (CcChartTheme theme,
                             guint        index,
                             double       rgba[4])
{
  Rgba c = hex (palette[index % G_N_ELEMENTS (palette)]);

  /* The same hues, lifted to keep their contrast on dark paper. */
  if (theme == CC_CHART_THEME_DARK)
    c = mix (c, hex (0xffffff), 0.25);
  rgba[0] = c.r;
  rgba[1] = c.g;
  rgba[2] = c.b;
  rgba[3] = 1;
}

static PangoLayout *
text_layout (cairo_t    *cr,
             const char *font,
             const char *text,
             double      width)
{
  return _cc_print_layout (cr, font, text, width, PANGO_WRAP_WORD_CHAR, FALSE);
}

static void
text_size (PangoLayout *layout,
           double      *w,
           double      *h)
{
  int iw, ih;

  pango_layout_get_pixel_size (layout, &iw, &ih);
  if (w)
    *w = iw;
  if (h)
    *h = ih;
}

/* Draws @text with its top-left at (@x, @y) and records it; returns its height. */
static double
draw_text (cairo_t              *cr,
           CcCompareChartLayout *out,
           const char           *font,
           const char           *text,
           double                x,
           double                y,
           double                width,
           Rgba                  color)
{
  g_autoptr(PangoLayout) layout = text_layout (cr, font, text, width);
  double h;

  text_size (layout, NULL, &h);
  source (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  g_ptr_array_add (out->texts, g_strdup (text));
  return h;
}

static double
text_height (cairo_t    *cr,
             const char *font,
             const char *text,
             double      width)
{
  g_autoptr(PangoLayout) layout = text_layout (cr, font, text, width);
  double h;

  text_size (layout, NULL, &h);
  return h;
}

static char *
day_label (int day)
{
  /* The axis' own notation; a real minus sign. */
  if (day == 0)
    return g_strdup ("t0");
  return g_strdup_printf (day < 0 ? "t\u2212%d" : "t+%d", ABS (day));
}

typedef struct {
  double x0, y0, w, h;        /* the plot */
  double xlo, xhi, ylo, yhi;  /* data ranges (days, percent) */
} Frame;

static double
fx (const Frame *f, double day)
{
  return f->x0 + (day - f->xlo) / (f->xhi - f->xlo) * f->w;
}

static double
fy (const Frame *f, double percent)
{
  return f->y0 + f->h - (percent - f->ylo) / (f->yhi - f->ylo) * f->h;
}

/* Grid, y ticks (percent), x ticks (trading days), the 0% line and the day-0 line. */
static void
draw_frame (cairo_t              *cr,
            CcCompareChartLayout *out,
            const Ink            *ink,
            Frame                *f,
            double                tick_label_width,
            gboolean              mark_day0,
            const char           *x_caption)
{
  g_autoptr(GArray) yt = NULL;
  g_autoptr(GArray) xt = NULL;
  double step, xstep;
  int decimals;

  yt = cc_chart_nice_ticks (f->ylo, f->yhi, MAX (3, (int) (f->h / 50)), &step);
  if (yt->len > 0)
    {
      f->ylo = MIN (f->ylo, g_array_index (yt, CcTick, 0).value);
      f->yhi = MAX (f->yhi, g_array_index (yt, CcTick, yt->len - 1).value);
    }
  decimals = cc_chart_decimals_for_step (step);
  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < yt->len; i++)
    {
      double v = g_array_index (yt, CcTick, i).value;
      double y = round (fy (f, v)) + 0.5;
      g_autofree char *label = cc_format_percent (v, decimals, v > 0);
      g_autoptr(PangoLayout) layout = text_layout (cr, FONT, label, -1);
      double w, h;

      source (cr, fabs (v) < step / 2 ? ink->muted : ink->grid);
      cairo_move_to (cr, f->x0, y);
      cairo_line_to (cr, f->x0 + f->w, y);
      cairo_stroke (cr);
      text_size (layout, &w, &h);
      source (cr, ink->muted);
      cairo_move_to (cr, f->x0 - 6 - w, y - h / 2);
      pango_cairo_show_layout (cr, layout);
      g_ptr_array_add (out->texts, g_strdup (label));
    }
  (void) tick_label_width;

  xt = cc_chart_nice_ticks (f->xlo, f->xhi, MAX (3, (int) (f->w / 90)), &xstep);
  for (guint i = 0; i < xt->len; i++)
    {
      double v = g_array_index (xt, CcTick, i).value;
      double x = round (fx (f, v)) + 0.5;
      g_autofree char *label = NULL;
      g_autoptr(PangoLayout) layout = NULL;
      double w;

      if (v < f->xlo - 1e-9 || v > f->xhi + 1e-9)
        continue;
      label = day_label ((int) round (v));
      layout = text_layout (cr, FONT, label, -1);
      source (cr, ink->grid);
      cairo_move_to (cr, x, f->y0);
      cairo_line_to (cr, x, f->y0 + f->h);
      cairo_stroke (cr);
      text_size (layout, &w, NULL);
      source (cr, ink->muted);
      cairo_move_to (cr, CLAMP (x - w / 2, f->x0 - 20, f->x0 + f->w - w + 20), f->y0 + f->h + 4);
      pango_cairo_show_layout (cr, layout);
      g_ptr_array_add (out->texts, g_steal_pointer (&label));
    }
  if (x_caption)
    {
      g_autoptr(PangoLayout) layout = text_layout (cr, FONT, x_caption, -1);
      double w;

      text_size (layout, &w, NULL);
      draw_text (cr, out, FONT, x_caption, f->x0 + f->w - w, f->y0 + f->h + 20, -1, ink->muted);
    }

  if (mark_day0 && f->xlo <= 0 && f->xhi >= 0)
    {
      double x = round (fx (f, 0)) + 0.5;

      source (cr, ink->ink);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, x, f->y0);
      cairo_line_to (cr, x, f->y0 + f->h);
      cairo_stroke (cr);
    }
}

typedef struct {
  double      y;        /* wanted */
  double      placed;
  double      height;
  char       *text;
  Rgba        color;
  gboolean    bold;
  gboolean    wrap;     /* wrapped to the label column, never cut (a depth must stay whole) */
} EndLabel;

static void
end_label_clear (gpointer data)
{
  g_free (((EndLabel *) data)->text);
}

static int
compare_end_labels (gconstpointer a,
                    gconstpointer b)
{
  const EndLabel *x = a, *y = b;

  return (x->y > y->y) - (x->y < y->y);
}

/* Stacks labels so none overlaps, as close to their lines' ends as the plot's height allows. */
static void
place_end_labels (GArray *labels,
                  double  top,
                  double  bottom)
{
  double y = top;

  g_array_sort (labels, compare_end_labels);
  for (guint i = 0; i < labels->len; i++)
    {
      EndLabel *l = &g_array_index (labels, EndLabel, i);

      l->placed = MAX (l->y - l->height / 2, y);
      y = l->placed + l->height;
    }
  /* Pushed off the bottom: shift the stack up. */
  y = bottom;
  for (guint i = labels->len; i-- > 0; )
    {
      EndLabel *l = &g_array_index (labels, EndLabel, i);

      if (l->placed + l->height > y)
        l->placed = y - l->height;
      y = l->placed;
    }
}

static void
draw_end_labels (cairo_t              *cr,
                 CcCompareChartLayout *out,
                 GArray               *labels,
                 double                x,
                 double                width,
                 const Frame          *f)
{
  place_end_labels (labels, f->y0, f->y0 + f->h);
  for (guint i = 0; i < labels->len; i++)
    {
      EndLabel *l = &g_array_index (labels, EndLabel, i);
      g_autoptr(PangoLayout) layout = text_layout (cr, l->bold ? BOLD_FONT : FONT, l->text,
                                                   l->wrap ? width : -1);

      if (!l->wrap)
        {
          pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_MIDDLE);
        }
      source (cr, l->color);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, x - 6, l->y);
      cairo_line_to (cr, x - 1, l->placed + l->height / 2);
      cairo_stroke (cr);
      cairo_move_to (cr, x, l->placed);
      pango_cairo_show_layout (cr, layout);
      g_ptr_array_add (out->texts, g_strdup (l->text));
    }
}

static void
cycle_path_free (gpointer data)
{
  CcCycleChartPath *path = data;

  g_free (path->id);
  g_free (path->end_label);
  g_clear_pointer (&path->points, g_array_unref);
  g_free (path->trough_label);
  g_free (path);
}

static CcCompareChartLayout *
layout_new (double width,
            double height)
{
  CcCompareChartLayout *out = g_new0 (CcCompareChartLayout, 1);

  out->cycle_paths = g_ptr_array_new_with_free_func (cycle_path_free);
  out->texts = g_ptr_array_new_with_free_func (g_free);
  out->end_labels = g_ptr_array_new_with_free_func (g_free);
  out->colors = g_array_new (FALSE, FALSE, sizeof (double[4]));
  return out;
}

static void
paint_paper (cairo_t                     *cr,
             const CcCompareChartOptions *options,
             const Ink                   *ink,
             double                       width,
             double                       height)
{
  if (!options->paint_paper)
    return;
  source (cr, ink->paper);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
}

/* A path from @value (percent per day from @first) as runs between missing days; @join skips
 * gaps (month-end data), otherwise a gap breaks the line. Dashed where @provenance is not
 * observed. */
static void
stroke_path (cairo_t      *cr,
             const Frame  *f,
             const double *value,
             const guint8 *provenance,
             guint         n,
             int           first,
             gboolean      join,
             gboolean      markers)
{
  static const double dash[] = { 5, 3 };
  int prev = -1;

  /* One stroke per segment: cairo strokes many short paths faster than one long polyline that
   * crosses itself (bench-analogue: 12 ms against 21 ms for 20 paths of 81 days). */
  for (guint k = 0; k < n; k++)
    {
      double v = value[k];

      if (isnan (v))
        {
          if (!join)
            prev = -1;
          continue;
        }
      if (prev >= 0)
        {
          gboolean dashed = provenance && (provenance[k] != CC_PROVENANCE_OBSERVED ||
                                           provenance[prev] != CC_PROVENANCE_OBSERVED);

          cairo_set_dash (cr, dashed ? dash : NULL, dashed ? 2 : 0, 0);
          cairo_move_to (cr, fx (f, first + prev), fy (f, value[prev] * 100));
          cairo_line_to (cr, fx (f, first + (int) k), fy (f, v * 100));
          cairo_stroke (cr);
        }
      if (markers)
        {
          cairo_set_dash (cr, NULL, 0, 0);
          cairo_arc (cr, fx (f, first + (int) k), fy (f, v * 100), 2.5, 0, 2 * G_PI);
          cairo_fill (cr);
        }
      prev = k;
    }
  cairo_set_dash (cr, NULL, 0, 0);
}

static const char *
item_label (const CcAnalogueSet *set)
{
  return set->label ? set->label : set->item;
}

void
cc_compare_chart_draw (cairo_t                     *cr,
                       const CcAnalogueSet         *set,
                       const CcCompareChartOptions *options,
                       double                       width,
                       double                       height,
                       CcCompareChartLayout       **layout_out)
{
  g_autoptr(CcCompareChartLayout) out = layout_new (width, height);
  g_autoptr(GArray) labels = g_array_new (FALSE, TRUE, sizeof (EndLabel));
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *footer = NULL;
  CcCompareChartOptions defaults;
  Ink ink;
  Frame f;
  double y, label_width, footer_h, notes_h, legend_h;
  guint n_days;
  gboolean any_reconstructed = FALSE;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (set != NULL);

  if (options == NULL)
    {
      cc_compare_chart_options_init (&defaults);
      options = &defaults;
    }
  g_array_set_clear_func (labels, end_label_clear);
  ink_init (&ink, options);
  paint_paper (cr, options, &ink, width, height);
  n_days = set->window.last - set->window.first + 1;

  /* Title and subtitle. */
  y = PAD;
  if (options->title)
    title = g_strdup (options->title);
  else
    /* TRANSLATORS: compare chart title: an item, then the number of events */
    title = g_strdup_printf (ngettext ("%s around %u event", "%s around %u events",
                                       set->paths->len), item_label (set), set->paths->len);
  y += draw_text (cr, out, TITLE_FONT, title, PAD, y, width - 2 * PAD, ink.ink);
  if (set->has_band)
    /* xgettext:no-c-format */
    subtitle = g_strdup (_("Trading days from the event (t0), 0% at the close on t−1, with the "
                           "median path and the inter-quartile band"));
  else
    /* xgettext:no-c-format */
    subtitle = g_strdup (_("Trading days from the event (t0), 0% at the close on t−1; a median "
                           "and band need three events or more"));
  y += draw_text (cr, out, FONT, subtitle, PAD, y + 2, width - 2 * PAD, ink.muted) + 8;

  /* What each event lacks, then the footer: measured first, drawn after the plot. */
  for (guint e = 0; e < set->paths->len; e++)
    {
      const CcAnaloguePath *p = g_ptr_array_index (set->paths, e);

      any_reconstructed |= p->n_values > 0 && p->least_certain != CC_PROVENANCE_OBSERVED;
      if (p->missing)
        g_string_append_printf (notes, "%s%s: %s", notes->len ? " · " : "", p->label,
                                p->missing);
    }
  if (options->source)
    footer = g_strdup_printf ("%s%s%s", options->source, any_reconstructed ? " · " : "",
                              any_reconstructed ? _("dashed: reconstructed or anchored values, "
                                                    "not market data") : "");
  else if (any_reconstructed)
    footer = g_strdup (_("dashed: reconstructed or anchored values, not market data"));
  else
    footer = g_strdup ("");
  footer_h = *footer ? text_height (cr, FONT, footer, width - 2 * PAD) : 0;
  notes_h = notes->len ? text_height (cr, FONT, notes->str, width - 2 * PAD) + 4 : 0;
  legend_h = set->has_band ? text_height (cr, FONT, "Median", -1) + 4 : 0;

  label_width = CLAMP (width * 0.24, 90, 260);
  f.x0 = PAD + 52;
  f.y0 = y;
  f.w = MAX (20, width - f.x0 - label_width - PAD - 8);
  f.h = MAX (20, height - y - 22 - 16 - legend_h - notes_h - footer_h - PAD);
  f.xlo = set->window.first;
  f.xhi = set->window.last;
  f.ylo = 0;
  f.yhi = 0;
  for (guint e = 0; e < set->paths->len; e++)
    {
      const CcAnaloguePath *p = g_ptr_array_index (set->paths, e);

      for (guint k = 0; k < n_days; k++)
        if (!isnan (p->value[k]))
          {
            f.ylo = MIN (f.ylo, p->value[k] * 100);
            f.yhi = MAX (f.yhi, p->value[k] * 100);
          }
    }
  if (f.yhi - f.ylo < 1)
    {
      f.ylo -= 1;
      f.yhi += 1;
    }
  {
    /* Room above and below the extremes, so no line runs along the plot's edge. */
    double margin = (f.yhi - f.ylo) * 0.04;

    f.ylo -= margin;
    f.yhi += margin;
  }
  draw_frame (cr, out, &ink, &f, 52, TRUE,
              _("trading days from the event"));
  out->plot_x = f.x0;
  out->plot_y = f.y0;
  out->plot_width = f.w;
  out->plot_height = f.h;
  out->x_lo = f.xlo;
  out->x_hi = f.xhi;
  out->y_lo = f.ylo;
  out->y_hi = f.yhi;

  cairo_save (cr);
  cairo_rectangle (cr, f.x0, f.y0 - 2, f.w, f.h + 4);
  cairo_clip (cr);

  /* The band under the lines. */
  if (set->has_band)
    {
      gboolean open = FALSE;
      int run_start = -1;

      source (cr, ink.band);
      for (guint k = 0; k <= n_days; k++)
        {
          gboolean have = k < n_days && !isnan (set->q1[k]);

          if (have && !open)
            {
              open = TRUE;
              run_start = k;
            }
          else if (!have && open)
            {
              cairo_move_to (cr, fx (&f, set->window.first + run_start),
                             fy (&f, set->q3[run_start] * 100));
              for (int j = run_start; j < (int) k; j++)
                cairo_line_to (cr, fx (&f, set->window.first + j), fy (&f, set->q3[j] * 100));
              for (int j = (int) k - 1; j >= run_start; j--)
                cairo_line_to (cr, fx (&f, set->window.first + j), fy (&f, set->q1[j] * 100));
              cairo_close_path (cr);
              cairo_fill (cr);
              open = FALSE;
            }
        }
    }

  /* Paths, the selected one last and thicker. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint e = 0; e < set->paths->len; e++)
      {
        const CcAnaloguePath *p = g_ptr_array_index (set->paths, e);
        gboolean selected = (int) e == options->selected;
        double rgba[4];
        Rgba c;

        if ((pass == 1) != selected || p->n_values == 0)
          continue;
        cc_compare_chart_path_color (options->theme, e, rgba);
        c = (Rgba) { rgba[0], rgba[1], rgba[2], 1 };
        if (options->selected >= 0 && !selected)
          c.a = 0.55;
        source (cr, c);
        cairo_set_line_width (cr, selected ? 3.0 : 1.6);
        cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
        stroke_path (cr, &f, p->value, p->provenance, n_days, set->window.first, p->coarse,
                     p->coarse);
      }

  if (set->has_band)
    {
      source (cr, ink.ink);
      cairo_set_line_width (cr, 2.2);
      stroke_path (cr, &f, set->median, NULL, n_days, set->window.first, FALSE, FALSE);
    }
  cairo_restore (cr);

  /* End labels: each event's name and its last value. */
  for (guint e = 0; e < set->paths->len; e++)
    {
      const CcAnaloguePath *p = g_ptr_array_index (set->paths, e);
      g_autofree char *value = NULL;
      double rgba[4];
      EndLabel l = { 0 };
      double v;

      cc_compare_chart_path_color (options->theme, e, rgba);
      g_array_append_val (out->colors, rgba);
      if (p->n_values == 0)
        {
          g_ptr_array_add (out->end_labels, g_strdup (""));
          continue;
        }
      v = p->value[p->last_day - set->window.first];
      value = cc_format_percent (v * 100, 1, TRUE);
      l.text = g_strdup_printf ("%s %s", p->label, value);
      l.y = fy (&f, v * 100);
      l.color = (Rgba) { rgba[0], rgba[1], rgba[2], 1 };
      l.bold = (int) e == options->selected;
      l.height = text_height (cr, l.bold ? BOLD_FONT : FONT, l.text, -1);
      g_ptr_array_add (out->end_labels, g_strdup (l.text));
      g_array_append_val (labels, l);
    }
  if (set->has_band)
    {
      guint k = n_days;
      EndLabel l = { 0 };

      while (k > 0 && isnan (set->median[k - 1]))
        k--;
      if (k > 0)
        {
          g_autofree char *value = cc_format_percent (set->median[k - 1] * 100, 1, TRUE);

          /* TRANSLATORS: the end label of the median path, with its last value */
          l.text = g_strdup_printf (_("Median %s"), value);
          l.y = fy (&f, set->median[k - 1] * 100);
          l.color = ink.ink;
          l.bold = TRUE;
          l.height = text_height (cr, BOLD_FONT, l.text, -1);
          g_array_append_val (labels, l);
        }
    }
  draw_end_labels (cr, out, labels, f.x0 + f.w + 8, label_width, &f);

  y = f.y0 + f.h + 22 + 16;
  if (set->has_band)
    {
      /* A legend for the two marks that have no end label of their own. */
      g_autofree char *text = g_strdup_printf ("%u %s", set->paths->len,
                                               _("events: median (line) and inter-quartile "
                                                 "range (band)"));

      source (cr, ink.band);
      cairo_rectangle (cr, PAD, y + 3, 18, 9);
      cairo_fill (cr);
      source (cr, ink.ink);
      cairo_set_line_width (cr, 2.2);
      cairo_move_to (cr, PAD, y + 7.5);
      cairo_line_to (cr, PAD + 18, y + 7.5);
      cairo_stroke (cr);
      y += draw_text (cr, out, FONT, text, PAD + 24, y, width - 2 * PAD - 24, ink.muted) + 4;
    }
  if (notes->len)
    y += draw_text (cr, out, FONT, notes->str, PAD, y, width - 2 * PAD, ink.muted) + 4;
  if (*footer)
    draw_text (cr, out, FONT, footer, PAD, y, width - 2 * PAD, ink.muted);

  if (layout_out)
    *layout_out = g_steal_pointer (&out);
}

/* The name a path goes by in the footer and on its label: the current decline is "Today". */
static const char *
cycle_name (const CcCycle *c)
{
  /* TRANSLATORS: the current ^SOX decline on the cycle chart, drawn over the past ones */
  return c->is_current ? _("Today") : c->label;
}

static char *
cycle_end_label (const CcCycle               *c,
                 const CcCompareChartOptions *options)
{
  g_autofree char *depth = cc_format_percent (-c->depth * 100, 1, FALSE);
  g_autofree char *text = NULL;

  if (c->is_current)
    {
      double now = g_array_index (c->path, CcCyclePoint, c->path->len - 1).drawdown;
      g_autofree char *today = cc_format_percent (now * 100, 1, FALSE);

      if (fabs (-c->depth - now) >= 0.0005)
        /* TRANSLATORS: the current decline's end label: today's drawdown from the 52-week
         * high, then the lowest close since that high, e.g. "Today −10.7%, low −34.0%" */
        text = g_strdup_printf (_("Today %s, low %s"), today, depth);
      else
        /* TRANSLATORS: the current decline's end label when today is its lowest close */
        text = g_strdup_printf (_("Today %s"), today);
      if (options->current_reconstructed)
        /* TRANSLATORS: the current decline's end label's second line when its closes are
         * partly rebuilt */
        return g_strdup_printf ("%s\n%s", text, _("(partly reconstructed)"));
      return g_steal_pointer (&text);
    }
  /* TRANSLATORS: a cycle's end label: its name, its depth, and "month-end" when drawn from
   * month-end closes, e.g. "2000–02 dot-com bust −83.9% (month-end)" */
  if (c->monthly)
    return g_strdup_printf (_("%s %s (month-end)"), c->label, depth);
  return g_strdup_printf ("%s %s", c->label, depth);
}

/* The footer: which closes each path is drawn from, then the source. */
static char *
cycle_footer (GPtrArray                   *cycles,
              const CcCompareChartOptions *options)
{
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *line = NULL;

  for (guint i = 0; i < cycles->len; i++)
    {
      const CcCycle *c = g_ptr_array_index (cycles, i);
      g_autofree char *piece = NULL;

      if (c->path->len == 0)
        continue;
      if (c->monthly)
        /* TRANSLATORS: in the cycle chart's footer: a path drawn from month-end closes */
        piece = g_strdup_printf (_("%s: month-end closes"), cycle_name (c));
      else if (c->is_current && options->current_reconstructed)
        /* TRANSLATORS: in the cycle chart's footer: the current path, partly rebuilt */
        piece = g_strdup_printf (_("%s: daily closes, partly reconstructed"), cycle_name (c));
      else
        /* TRANSLATORS: in the cycle chart's footer: a path drawn from daily closes */
        piece = g_strdup_printf (_("%s: daily closes"), cycle_name (c));
      g_string_append_printf (list, "%s%s", list->len ? "; " : "", piece);
    }
  /* TRANSLATORS: the cycle chart's footer, before the list "2000–02 dot-com bust: month-end
   * closes; …" */
  line = g_strdup_printf (_("Resolution: %s."), list->str);
  if (options->source && *options->source)
    return g_strdup_printf ("%s\n%s", line, options->source);
  return g_steal_pointer (&line);
}

void
cc_cycle_chart_draw (cairo_t                     *cr,
                     GPtrArray                   *cycles,
                     const CcCompareChartOptions *options,
                     double                       width,
                     double                       height,
                     CcCompareChartLayout       **layout_out)
{
  g_autoptr(CcCompareChartLayout) out = layout_new (width, height);
  g_autoptr(GArray) labels = g_array_new (FALSE, TRUE, sizeof (EndLabel));
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  g_autofree char *footer = NULL;
  CcCompareChartOptions defaults;
  Ink ink;
  Frame f;
  double y, label_width, note_h;
  int max_x = 20;
  gboolean any_monthly = FALSE, any_daily = FALSE;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (cycles != NULL);

  if (options == NULL)
    {
      cc_compare_chart_options_init (&defaults);
      options = &defaults;
    }
  g_array_set_clear_func (labels, end_label_clear);
  ink_init (&ink, options);
  paint_paper (cr, options, &ink, width, height);

  y = PAD;
  y += draw_text (cr, out, TITLE_FONT,
                  options->title ? options->title : _("^SOX declines aligned at their peaks"),
                  PAD, y, width - 2 * PAD, ink.ink);
  for (guint i = 0; i < cycles->len; i++)
    {
      const CcCycle *c = g_ptr_array_index (cycles, i);
      CcCycleChartPath *path = g_new0 (CcCycleChartPath, 1);

      path->id = g_strdup (c->id);
      path->monthly = c->monthly;
      path->dashed = c->is_current && options->current_reconstructed;
      path->points = g_array_new (FALSE, FALSE, sizeof (double[2]));
      path->trough_x = path->trough_y = NAN;
      g_ptr_array_add (paths, path);
      g_ptr_array_add (out->cycle_paths, path);
      if (c->path->len == 0)
        continue;
      any_monthly |= c->monthly;
      any_daily |= !c->monthly;
      max_x = MAX (max_x, g_array_index (c->path, CcCyclePoint, c->path->len - 1).x);
    }
  y += draw_text (cr, out, FONT,
                  any_monthly && any_daily
                  ? _("Drawdown from the peak close, by trading days since the peak; daily "
                      "closes where loaded, month-end closes (dots) otherwise")
                  : any_monthly
                  ? _("Drawdown from the peak close, by trading days since the peak; "
                      "month-end closes (dots): load daily history for more detail")
                  : _("Drawdown from the peak close, by trading days since the peak; "
                      "daily closes"),
                  PAD, y + 2, width - 2 * PAD, ink.muted) + 8;
  footer = cycle_footer (cycles, options);
  note_h = text_height (cr, FONT, footer, width - 2 * PAD) + 4;

  label_width = CLAMP (width * 0.26, 100, 280);
  f.x0 = PAD + 52;
  f.y0 = y;
  f.w = MAX (20, width - f.x0 - label_width - PAD - 8);
  f.h = MAX (20, height - y - 22 - 16 - note_h - PAD);
  f.xlo = 0;
  f.xhi = max_x;
  f.ylo = -10;
  f.yhi = 0;
  for (guint i = 0; i < cycles->len; i++)
    {
      const CcCycle *c = g_ptr_array_index (cycles, i);

      for (guint k = 0; k < c->path->len; k++)
        f.ylo = MIN (f.ylo, g_array_index (c->path, CcCyclePoint, k).drawdown * 100);
    }
  /* Room below the deepest low for its depth. */
  f.ylo -= (f.yhi - f.ylo) * 0.04;
  draw_frame (cr, out, &ink, &f, 52, FALSE, _("trading days since the peak"));
  out->plot_x = f.x0;
  out->plot_y = f.y0;
  out->plot_width = f.w;
  out->plot_height = f.h;
  out->x_lo = f.xlo;
  out->x_hi = f.xhi;
  out->y_lo = f.ylo;
  out->y_hi = f.yhi;

  cairo_save (cr);
  cairo_rectangle (cr, f.x0, f.y0 - 2, f.w, f.h + 4);
  cairo_clip (cr);
  /* The past declines first, today's over them. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < cycles->len; i++)
      {
        const CcCycle *c = g_ptr_array_index (cycles, i);
        CcCycleChartPath *path = g_ptr_array_index (paths, i);
        double rgba[4];
        guint low = 0;

        if ((pass == 1) != c->is_current || c->path->len == 0)
          continue;
        if (c->is_current)
          memcpy (rgba, (double[4]) { ink.ink.r, ink.ink.g, ink.ink.b, 1 }, sizeof rgba);
        else
          cc_compare_chart_path_color (options->theme, i, rgba);
        cairo_set_source_rgba (cr, rgba[0], rgba[1], rgba[2], 1);
        cairo_set_line_width (cr, c->is_current ? 3.0 : 1.8);
        cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
        if (path->dashed)
          cairo_set_dash (cr, (double[]) { 6, 3 }, 2, 0);
        for (guint k = 0; k < c->path->len; k++)
          {
            const CcCyclePoint *p = &g_array_index (c->path, CcCyclePoint, k);
            double xy[2] = { fx (&f, p->x), fy (&f, p->drawdown * 100) };

            if (k == 0)
              cairo_move_to (cr, xy[0], xy[1]);
            else
              cairo_line_to (cr, xy[0], xy[1]);
            g_array_append_val (path->points, xy);
            if (p->drawdown < g_array_index (c->path, CcCyclePoint, low).drawdown)
              low = k;
          }
        cairo_stroke (cr);
        cairo_set_dash (cr, NULL, 0, 0);
        if (c->monthly)
          for (guint k = 0; k < c->path->len; k++)
            {
              const CcCyclePoint *p = &g_array_index (c->path, CcCyclePoint, k);

              cairo_arc (cr, fx (&f, p->x), fy (&f, p->drawdown * 100), 2.5, 0, 2 * G_PI);
              cairo_fill (cr);
            }

        /* The low: a ring on paper, its depth beside it. */
        {
          const CcCyclePoint *p = &g_array_index (c->path, CcCyclePoint, low);
          g_autoptr(PangoLayout) text = NULL;
          double tw, th, tx;

          path->trough_x = fx (&f, p->x);
          path->trough_y = fy (&f, p->drawdown * 100);
          cairo_new_path (cr);
          cairo_arc (cr, path->trough_x, path->trough_y, 4.5, 0, 2 * G_PI);
          source (cr, ink.paper);
          cairo_fill_preserve (cr);
          cairo_set_source_rgba (cr, rgba[0], rgba[1], rgba[2], 1);
          cairo_set_line_width (cr, 2);
          cairo_stroke (cr);
          path->trough_label = cc_format_percent (p->drawdown * 100, 1, FALSE);
          text = text_layout (cr, BOLD_FONT, path->trough_label, -1);
          text_size (text, &tw, &th);
          tx = CLAMP (path->trough_x - tw / 2, f.x0 + 2, f.x0 + f.w - tw - 2);
          source (cr, (Rgba) { ink.paper.r, ink.paper.g, ink.paper.b, 0.8 });
          cairo_rectangle (cr, tx - 2, path->trough_y + 6, tw + 4, th);
          cairo_fill (cr);
          cairo_set_source_rgba (cr, rgba[0], rgba[1], rgba[2], 1);
          cairo_move_to (cr, tx, path->trough_y + 6);
          pango_cairo_show_layout (cr, text);
          g_ptr_array_add (out->texts, g_strdup (path->trough_label));
        }
      }
  cairo_restore (cr);

  for (guint i = 0; i < cycles->len; i++)
    {
      const CcCycle *c = g_ptr_array_index (cycles, i);
      CcCycleChartPath *path = g_ptr_array_index (paths, i);
      const CcCyclePoint *lastp;
      double rgba[4];
      EndLabel l = { 0 };

      if (c->path->len == 0)
        continue;
      if (c->is_current)
        memcpy (rgba, (double[4]) { ink.ink.r, ink.ink.g, ink.ink.b, 1 }, sizeof rgba);
      else
        cc_compare_chart_path_color (options->theme, i, rgba);
      g_array_append_val (out->colors, rgba);
      lastp = &g_array_index (c->path, CcCyclePoint, c->path->len - 1);
      l.text = cycle_end_label (c, options);
      l.y = fy (&f, lastp->drawdown * 100);
      l.color = (Rgba) { rgba[0], rgba[1], rgba[2], 1 };
      l.bold = c->is_current;
      l.wrap = TRUE;
      l.height = text_height (cr, l.bold ? BOLD_FONT : FONT, l.text, label_width);
      g_ptr_array_add (out->end_labels, g_strdup (l.text));
      path->end_label = g_strdup (l.text);
      g_array_append_val (labels, l);
    }
  draw_end_labels (cr, out, labels, f.x0 + f.w + 8, label_width, &f);

  y = f.y0 + f.h + 22 + 16;
  draw_text (cr, out, FONT, footer, PAD, y, width - 2 * PAD, ink.muted);
  out->footer = g_steal_pointer (&footer);

  if (layout_out)
    *layout_out = g_steal_pointer (&out);
}

typedef struct {
  GOutputStream *stream;
  GError        *error;
} WriteClosure;

static cairo_status_t
write_cb (void                *user_data,
          const unsigned char *data,
          unsigned int         length)
{
  WriteClosure *closure = user_data;

  if (closure->error)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (closure->stream, data, length, NULL, NULL, &closure->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

gboolean
cc_compare_chart_export (const CcAnalogueSet         *set,
                         GPtrArray                   *cycles,
                         const CcCompareChartOptions *options,
                         const char                  *path,
                         CcExportFormat               format,
                         double                       width,
                         double                       height,
                         double                       scale,
                         GError                     **error)
{
  g_autoptr(CcSaveStream) stream = NULL;
  WriteClosure closure = { NULL, NULL };
  CcCompareChartOptions opts;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail ((set != NULL) != (cycles != NULL), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!(width >= 16 && height >= 16) || !isfinite (width) || !isfinite (height))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Invalid size %g × %g: both sides must be at least 16"), width, height);
      return FALSE;
    }
  if (format == CC_EXPORT_PNG &&
      (!(scale > 0) || !isfinite (scale) || ceil (width * scale) > MAX_PIXELS ||
       ceil (height * scale) > MAX_PIXELS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Image too large: %g × %g pixels (at most %d on a side)"),
                   ceil (width * scale), ceil (height * scale), MAX_PIXELS);
      return FALSE;
    }
  if (options)
    opts = *options;
  else
    cc_compare_chart_options_init (&opts);
  opts.paint_paper = TRUE;

  stream = cc_save_stream_new (path, CC_SAVE_MODE_DEFAULT, error);
  if (stream == NULL)
    return FALSE;
  closure.stream = G_OUTPUT_STREAM (stream);
  switch (format)
    {
    case CC_EXPORT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale),
                                            (int) ceil (height * scale));
      break;
    case CC_EXPORT_PDF:
      surface = cairo_pdf_surface_create_for_stream (write_cb, &closure, width, height);
      _cc_print_set_pdf_metadata (surface,
                                  set ? _("Chip Cycle analogues") : _("Chip Cycle: ^SOX declines"),
                                  set ? _("One item’s path around several events, lined up at "
                                          "the event day")
                                      : _("The ^SOX declines since 2000, aligned at their "
                                          "peaks"));
      break;
    case CC_EXPORT_SVG:
    default:
      surface = cairo_svg_surface_create_for_stream (write_cb, &closure, width, height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PT);
      break;
    }
  cr = cairo_create (surface);
  if (format == CC_EXPORT_PNG)
    cairo_scale (cr, scale, scale);
  if (set)
    cc_compare_chart_draw (cr, set, &opts, width, height, NULL);
  else
    cc_cycle_chart_draw (cr, cycles, &opts, width, height, NULL);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == CC_EXPORT_PNG)
    {
      cairo_surface_flush (surface);
      if (!cc_png_write (G_OUTPUT_STREAM (stream), cairo_image_surface_get_data (surface),
                         cairo_image_surface_get_width (surface),
                         cairo_image_surface_get_height (surface),
                         cairo_image_surface_get_stride (surface), NULL, &closure.error))
        status = CAIRO_STATUS_WRITE_ERROR;
    }
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (closure.error || status != CAIRO_STATUS_SUCCESS)
    {
      cc_save_stream_abort (stream);
      if (closure.error)
        g_propagate_error (error, g_steal_pointer (&closure.error));
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not draw “%s”: %s"), path,
                     cairo_status_to_string (status));
      return FALSE;
    }
  return cc_save_stream_commit (stream, NULL, error);
}
