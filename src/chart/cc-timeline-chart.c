/* cc-timeline-chart.c: the assessment timeline, two stacked-band strips (phases, scenarios). */
#define G_LOG_DOMAIN "cc-timeline-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "cc-print-private.h"
#include "cc-timeline-chart.h"

#define PAD          2.0
#define SMALL_FONT   "Sans 7.5"
#define CAPTION_FONT "Sans Bold 7.5"

static void
copy_rgba (double       to[4],
           const double from[4])
{
  for (guint i = 0; i < 4; i++)
    to[i] = from[i];
}

void
cc_timeline_ink_init (CcTimelineInk *ink,
                      const double   foreground[4],
                      const double   accent[4],
                      const double   success[4],
                      const double   warning[4],
                      const double   error[4])
{
  g_return_if_fail (ink != NULL);

  memset (ink, 0, sizeof *ink);
  copy_rgba (ink->foreground, foreground);
  ink->paper[0] = ink->paper[1] = ink->paper[2] = 1;   /* set by the caller when it knows */
  /* The phases run from building (warning) through using it better (accent) to demand
   * catching up (success); the scenarios from good (success) to bad (error). */
  copy_rgba (ink->target[CC_TARGET_OVERBUILD], warning);
  copy_rgba (ink->target[CC_TARGET_EFFICIENCY], accent);
  copy_rgba (ink->target[CC_TARGET_ABSORPTION], success);
  copy_rgba (ink->target[CC_TARGET_BULL], success);
  copy_rgba (ink->target[CC_TARGET_BASE], accent);
  copy_rgba (ink->target[CC_TARGET_BEAR], error);
}

void
cc_timeline_ink_init_print (CcTimelineInk *ink)
{
  /* GNOME's palette, dark enough to tell apart on paper and in grey. */
  static const double fg[4] = { 0.10, 0.10, 0.10, 1 };
  static const double accent[4] = { 0.11, 0.44, 0.85, 1 };
  static const double success[4] = { 0.15, 0.64, 0.41, 1 };
  static const double warning[4] = { 0.90, 0.65, 0.04, 1 };
  static const double error[4] = { 0.75, 0.11, 0.16, 1 };

  cc_timeline_ink_init (ink, fg, accent, success, warning, error);
  ink->paper[3] = 1;
}

static PangoLayout *
make_layout (cairo_t    *cr,
             const char *font,
             const char *text,
             double      width,
             gboolean    markup)
{
  return _cc_print_layout (cr, font, text, width, PANGO_WRAP_WORD, markup);
}

static double
layout_height (PangoLayout *layout)
{
  int h;

  pango_layout_get_pixel_size (layout, NULL, &h);
  return h;
}

static void
set_rgba (cairo_t      *cr,
          const double  rgba[4],
          double        alpha)
{
  cairo_set_source_rgba (cr, rgba[0], rgba[1], rgba[2], rgba[3] * alpha);
}

/* "■ Speculative overbuild   ■ Efficiency optimisation …", each square in its band's colour. */
static char *
legend_markup (const CcTimelineInk *ink,
               CcTarget             first)
{
  GString *markup = g_string_new (NULL);

  for (CcTarget t = first; t < first + 3; t++)
    {
      g_autofree char *name = g_markup_escape_text (cc_target_get_label (t), -1);

      g_string_append_printf (markup, "%s<span foreground=\"#%02x%02x%02x\">■</span>\u00a0%s",
                              t == first ? "" : "   ",
                              (int) round (ink->target[t][0] * 255),
                              (int) round (ink->target[t][1] * 255),
                              (int) round (ink->target[t][2] * 255), name);
    }
  return g_string_free (markup, FALSE);
}

static double
day_x (guint  i,
       guint  n,
       double width)
{
  return PAD + (width - 2 * PAD) * i / MAX (n, 1);
}

int
cc_timeline_chart_index_at (const CcTimeline *timeline,
                            double            width,
                            double            x)
{
  double dw;
  int i;

  g_return_val_if_fail (timeline != NULL, -1);

  if (timeline->n_days == 0 || width <= 2 * PAD)
    return -1;
  dw = (width - 2 * PAD) / timeline->n_days;
  i = (int) floor ((x - PAD) / dw);
  return CLAMP (i, 0, (int) timeline->n_days - 1);
}

static int
index_of (const CcTimeline *timeline,
          CcDate            date)
{
  const CcTimelineDay *day;

  if (date == CC_DATE_INVALID)
    return -1;
  day = cc_timeline_find (timeline, date);
  return day ? (int) (day - timeline->days) : -1;
}

static void
draw_strip (cairo_t             *cr,
            const CcTimeline    *timeline,
            CcTarget             first,
            double               width,
            double               top,
            double               height,
            const CcTimelineInk *ink)
{
  guint n = timeline->n_days;

  /* Stacked to 100%, the first target on top, in the legend's order; one fill per target. */
  for (CcTarget t = first; t < first + 3; t++)
    {
      for (guint i = 0; i < n; i++)
        {
          const CcTimelineDay *day = &timeline->days[i];
          double above = 0, x0 = day_x (i, n, width), x1 = day_x (i + 1, n, width);

          for (CcTarget u = first; u < t; u++)
            above += day->weight[u];
          cairo_rectangle (cr, x0, top + above * height, x1 - x0, day->weight[t] * height);
        }
      set_rgba (cr, ink->target[t], 0.85);
      cairo_fill (cr);
    }
  set_rgba (cr, ink->foreground, 0.35);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, PAD + 0.5, top + 0.5, width - 2 * PAD - 1, height - 1);
  cairo_stroke (cr);
}

static void
draw_day_line (cairo_t             *cr,
               const CcTimeline    *timeline,
               int                  index,
               double               width,
               double               top,
               double               bottom,
               double               line_width,
               double               alpha,
               const CcTimelineInk *ink)
{
  double x;

  if (index < 0)
    return;
  x = (day_x (index, timeline->n_days, width) + day_x (index + 1, timeline->n_days, width)) / 2;
  /* A paper-coloured halo keeps the line visible on every band colour. */
  if (ink->paper[3] > 0)
    {
      set_rgba (cr, ink->paper, alpha);
      cairo_set_line_width (cr, line_width + 2);
      cairo_move_to (cr, x, top);
      cairo_line_to (cr, x, bottom);
      cairo_stroke (cr);
    }
  set_rgba (cr, ink->foreground, alpha);
  cairo_set_line_width (cr, line_width);
  cairo_move_to (cr, x, top);
  cairo_line_to (cr, x, bottom);
  cairo_stroke (cr);
}

static void
draw_months (cairo_t             *cr,
             const CcTimeline    *timeline,
             double               width,
             double               y,
             const CcTimelineInk *ink)
{
  double last_right = -1;
  int last_month = -1;

  set_rgba (cr, ink->foreground, 0.7);
  for (guint i = 0; i < timeline->n_days; i++)
    {
      int year, month, day;
      double x;

      cc_date_to_ymd (timeline->days[i].date, &year, &month, &day);
      if (month == last_month)
        continue;
      last_month = month;
      if (i == 0 && day > 7)
        continue;   /* a month that starts off the chart gets no label */
      x = day_x (i, timeline->n_days, width);
      {
        g_autoptr(GDateTime) dt = cc_date_to_date_time (timeline->days[i].date);
        /* January shows the year instead of the month. */
        g_autofree char *text = g_date_time_format (dt, month == 1 ? "%Y" : "%b");
        g_autoptr(PangoLayout) layout = make_layout (cr, SMALL_FONT, text, -1, FALSE);
        int w;

        pango_layout_get_pixel_size (layout, &w, NULL);
        if (x < last_right + 4 || x + w > width)
          continue;
        cairo_rectangle (cr, x, y - 3, 1, 3);
        cairo_fill (cr);
        cairo_move_to (cr, x + 1, y);
        pango_cairo_show_layout (cr, layout);
        last_right = x + w;
      }
    }
}

void
cc_timeline_chart_draw (cairo_t             *cr,
                        const CcTimeline    *timeline,
                        CcDate               as_of,
                        CcDate               highlight,
                        double               width,
                        double               height,
                        const CcTimelineInk *ink)
{
  g_autofree char *phase_legend = NULL;
  g_autofree char *scenario_legend = NULL;
  g_autoptr(PangoLayout) phase_caption = NULL;
  g_autoptr(PangoLayout) scenario_caption = NULL;
  g_autoptr(PangoLayout) phase_key = NULL;
  g_autoptr(PangoLayout) scenario_key = NULL;
  g_autoptr(PangoLayout) month = NULL;
  double y, strip_h, text_h, phase_top, scenario_top;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (timeline != NULL);
  g_return_if_fail (ink != NULL);

  cairo_save (cr);
  if (timeline->n_days == 0)
    {
      g_autoptr(PangoLayout) note = make_layout (cr, SMALL_FONT,
                                                 _("No trading days with ^SOX data to assess"),
                                                 width, FALSE);

      set_rgba (cr, ink->foreground, 0.7);
      cairo_move_to (cr, 0, 0);
      pango_cairo_show_layout (cr, note);
      cairo_restore (cr);
      return;
    }

  phase_caption = make_layout (cr, CAPTION_FONT, _("Phase"), width, FALSE);
  scenario_caption = make_layout (cr, CAPTION_FONT, _("Scenarios"), width, FALSE);
  phase_legend = legend_markup (ink, CC_TARGET_FIRST_PHASE);
  scenario_legend = legend_markup (ink, CC_TARGET_FIRST_SCENARIO);
  phase_key = make_layout (cr, SMALL_FONT, phase_legend, width - 2 * PAD, TRUE);
  scenario_key = make_layout (cr, SMALL_FONT, scenario_legend, width - 2 * PAD, TRUE);
  month = make_layout (cr, SMALL_FONT, "Jan", -1, FALSE);
  text_h = layout_height (phase_caption) + layout_height (scenario_caption) +
           layout_height (phase_key) + layout_height (scenario_key) + layout_height (month) +
           2 + 3 + 5 + 2 + 4 + 2;   /* the gaps below */
  strip_h = MAX (12, floor ((height - text_h) / 2));

  /* Phases */
  y = 0;
  set_rgba (cr, ink->foreground, 1);
  cairo_move_to (cr, PAD, y);
  pango_cairo_show_layout (cr, phase_caption);
  y += layout_height (phase_caption) + 2;
  phase_top = y;
  draw_strip (cr, timeline, CC_TARGET_FIRST_PHASE, width, y, strip_h, ink);
  y += strip_h + 3;
  set_rgba (cr, ink->foreground, 0.85);
  cairo_move_to (cr, PAD, y);
  pango_cairo_show_layout (cr, phase_key);
  y += layout_height (phase_key) + 5;

  /* Scenarios */
  set_rgba (cr, ink->foreground, 1);
  cairo_move_to (cr, PAD, y);
  pango_cairo_show_layout (cr, scenario_caption);
  y += layout_height (scenario_caption) + 2;
  scenario_top = y;
  draw_strip (cr, timeline, CC_TARGET_FIRST_SCENARIO, width, y, strip_h, ink);
  y += strip_h + 4;
  draw_months (cr, timeline, width, y, ink);
  y += layout_height (month) + 2;
  set_rgba (cr, ink->foreground, 0.85);
  cairo_move_to (cr, PAD, y);
  pango_cairo_show_layout (cr, scenario_key);

  /* The hovered day, then the as-of day over it. */
  draw_day_line (cr, timeline, index_of (timeline, highlight), width, phase_top,
                 phase_top + strip_h, 1, 0.55, ink);
  draw_day_line (cr, timeline, index_of (timeline, highlight), width, scenario_top,
                 scenario_top + strip_h, 1, 0.55, ink);
  draw_day_line (cr, timeline, index_of (timeline, as_of), width, phase_top,
                 phase_top + strip_h, 1.5, 1, ink);
  draw_day_line (cr, timeline, index_of (timeline, as_of), width, scenario_top,
                 scenario_top + strip_h, 1.5, 1, ink);
  cairo_restore (cr);
}
