/* cc-report.c: the analysis laid out for print, and the cycle-comparison plot. */
#define G_LOG_DOMAIN "cc-report"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "cc-report.h"
#include "cc-timeline-chart.h"

/* The comparison shows the first three years after each peak: long enough for 2000-02 to hit
 * bottom, short enough that the current decline is not a speck. */
#define HISTORY_DAYS     756
#define HISTORY_FLOOR    -0.90

#define MARGIN           48.0
#define SECTION_GAP      14.0
#define BODY_FONT        "Sans 9"
#define SMALL_FONT       "Sans 7.5"
#define HEADING_FONT     "Sans Bold 11"
#define TITLE_FONT       "Sans Bold 14"

void
cc_report_ink_init_print (CcReportInk *ink)
{
  const CcReportInk print = {
    { 0.10, 0.10, 0.10, 1 },
    { 0.11, 0.44, 0.85, 1 },   /* GNOME blue 3, readable in grey too */
    { 1, 1, 1, 0 },
  };

  g_return_if_fail (ink != NULL);
  *ink = print;
}

static void
set_rgba (cairo_t      *cr,
          const double  rgba[4],
          double        alpha)
{
  cairo_set_source_rgba (cr, rgba[0], rgba[1], rgba[2], rgba[3] * alpha);
}

static PangoLayout *
make_layout (cairo_t    *cr,
             const char *font,
             const char *text,
             double      width,
             gboolean    markup)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  if (markup)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
show_text (cairo_t           *cr,
           const char        *font,
           const char        *text,
           double             x,
           double             y,
           double            *w,
           double            *h)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, font, text, -1, FALSE);
  int pw, ph;

  pango_layout_get_pixel_size (layout, &pw, &ph);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  if (w)
    *w = pw;
  if (h)
    *h = ph;
}

static double
text_width (cairo_t    *cr,
            const char *font,
            const char *text)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, font, text, -1, FALSE);
  int pw;

  pango_layout_get_pixel_size (layout, &pw, NULL);
  return pw;
}

/* History plot */

static const double history_dashes[][2] = { { 0, 0 }, { 5, 3 }, { 1.5, 2.5 } };

void
cc_report_draw_history (cairo_t           *cr,
                        const CcAnalysis  *analysis,
                        double             width,
                        double             height,
                        const CcReportInk *ink)
{
  const double left = 34, right = 46, top = 6, bottom = 30;
  double pw = width - left - right, ph = height - top - bottom;
  guint historic = 0;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (analysis != NULL);
  g_return_if_fail (ink != NULL);

  if (pw < 40 || ph < 40)
    return;

  cairo_save (cr);
  if (ink->background[3] > 0)
    {
      set_rgba (cr, ink->background, 1);
      cairo_paint (cr);
    }

#define X(days) (left + pw * (double) (days) / HISTORY_DAYS)
#define Y(dd)   (top + ph * (dd) / HISTORY_FLOOR)

  /* Grid and axes */
  cairo_set_line_width (cr, 1);
  for (int pct = 0; pct >= -80; pct -= 20)
    {
      g_autofree char *label = g_strdup_printf ("%d%%", pct);
      double y = round (Y (pct / 100.0)) + 0.5;

      set_rgba (cr, ink->foreground, pct == 0 ? 0.45 : 0.12);
      cairo_move_to (cr, left, y);
      cairo_line_to (cr, left + pw, y);
      cairo_stroke (cr);
      set_rgba (cr, ink->foreground, 0.7);
      show_text (cr, SMALL_FONT, label, left - 4 - text_width (cr, SMALL_FONT, label), y - 6,
                 NULL, NULL);
    }
  for (int d = 0; d <= HISTORY_DAYS; d += 252)
    {
      g_autofree char *label = g_strdup_printf ("%d", d);
      double x = round (X (d)) + 0.5;

      set_rgba (cr, ink->foreground, 0.12);
      cairo_move_to (cr, x, top);
      cairo_line_to (cr, x, top + ph);
      cairo_stroke (cr);
      set_rgba (cr, ink->foreground, 0.7);
      show_text (cr, SMALL_FONT, label, x - text_width (cr, SMALL_FONT, label) / 2, top + ph + 2,
                 NULL, NULL);
    }
  {
    const char *axis = _("trading days since the peak");

    set_rgba (cr, ink->foreground, 0.7);
    show_text (cr, SMALL_FONT, axis, left + pw / 2 - text_width (cr, SMALL_FONT, axis) / 2,
               top + ph + 14, NULL, NULL);
  }

  /* Paths: history in the foreground colour, told apart by dashes; the current one in the
   * accent colour, thicker. */
  cairo_rectangle (cr, left, top - 2, pw + 1, ph + 4);
  cairo_save (cr);
  cairo_clip (cr);
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < analysis->cycles->len; i++)
      {
        const CcCycle *c = g_ptr_array_index (analysis->cycles, i);
        gboolean started = FALSE;

        if (c->is_current != (pass == 1))
          continue;
        cairo_new_path (cr);
        for (guint k = 0; k < c->path->len; k++)
          {
            const CcCyclePoint *p = &g_array_index (c->path, CcCyclePoint, k);
            double x = X (p->x), y = Y (MAX (p->drawdown, HISTORY_FLOOR));

            if (p->x > HISTORY_DAYS * 1.05)
              break;
            if (!started)
              cairo_move_to (cr, x, y);
            else
              cairo_line_to (cr, x, y);
            started = TRUE;
          }
        if (c->is_current)
          {
            set_rgba (cr, ink->accent, 1);
            cairo_set_line_width (cr, 2.2);
            cairo_set_dash (cr, NULL, 0, 0);
          }
        else
          {
            guint d = historic++ % G_N_ELEMENTS (history_dashes);

            set_rgba (cr, ink->foreground, 0.6);
            cairo_set_line_width (cr, 1.3);
            cairo_set_dash (cr, history_dashes[d], d == 0 ? 0 : 2, 0);
          }
        cairo_stroke (cr);
      }
  cairo_restore (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  /* Labels at each path's deepest visible point, so they do not pile up at the right edge. */
  for (guint i = 0; i < analysis->cycles->len; i++)
    {
      const CcCycle *c = g_ptr_array_index (analysis->cycles, i);
      const char *label = c->is_current ? _("Now") : c->id;
      double best = 1, bx = 0;

      for (guint k = 0; k < c->path->len; k++)
        {
          const CcCyclePoint *p = &g_array_index (c->path, CcCyclePoint, k);

          if (p->x > HISTORY_DAYS)
            break;
          if (p->drawdown < best)
            {
              best = p->drawdown;
              bx = p->x;
            }
        }
      if (best > 0.5)
        continue;
      if (c->is_current)
        set_rgba (cr, ink->accent, 1);
      else
        set_rgba (cr, ink->foreground, 0.85);
      show_text (cr, SMALL_FONT, label, MIN (X (bx) + 3, left + pw + 2),
                 Y (MAX (best, HISTORY_FLOOR)) + 1, NULL, NULL);
    }

#undef X
#undef Y
  cairo_restore (cr);
}

/* Abnormal returns */

void
cc_report_draw_abnormal (cairo_t               *cr,
                         const CcEventStudyRow *row,
                         double                 width,
                         double                 height,
                         const CcReportInk     *ink)
{
  const double left = 44, right = 8, bottom = 28;
  g_autoptr(PangoLayout) key = NULL;
  double pw, ph, top;
  double range = 0.02, car = 0, slot;
  gboolean started = FALSE;
  int key_h;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (row != NULL);
  g_return_if_fail (ink != NULL);

  /* The key wraps in a narrow panel rather than run off the edge; the plot starts below it. */
  key = make_layout (cr, SMALL_FONT, _("bars: daily abnormal return · line: cumulative from day 0"),
                     MAX (width - 4, 1), FALSE);
  pango_layout_get_pixel_size (key, NULL, &key_h);
  top = key_h + 4;
  pw = width - left - right;
  ph = height - top - bottom;

  if (pw < 60 || ph < 40 || !row->model.ok)
    return;

  for (guint k = 0; k < CC_EVENT_STUDY_PATH_LEN; k++)
    if (row->has_path[k])
      {
        range = MAX (range, fabs (row->path[k]));
        if ((int) k + CC_EVENT_STUDY_PATH_FIRST >= 0)
          {
            car += row->path[k];
            range = MAX (range, fabs (car));
          }
      }
  /* A round step of 1, 2 or 5 per cent and its multiples, so the labels read cleanly. */
  {
    double step = range > 0.25 ? 0.10 : range > 0.10 ? 0.05 : range > 0.04 ? 0.02 : 0.01;
    range = ceil (range * 1.05 / step) * step;
  }

  cairo_save (cr);
  slot = pw / CC_EVENT_STUDY_PATH_LEN;

#define X(day) (left + slot * ((day) - CC_EVENT_STUDY_PATH_FIRST + 0.5))
#define Y(v)   (top + ph / 2 - (v) / range * ph / 2)

  cairo_set_line_width (cr, 1);
  for (int i = -1; i <= 1; i++)
    {
      g_autofree char *label = g_strdup_printf ("%+.0f%%", i * range * 100);
      double y = round (Y (i * range)) + 0.5;

      set_rgba (cr, ink->foreground, i == 0 ? 0.45 : 0.12);
      cairo_move_to (cr, left, y);
      cairo_line_to (cr, left + pw, y);
      cairo_stroke (cr);
      set_rgba (cr, ink->foreground, 0.7);
      show_text (cr, SMALL_FONT, i == 0 ? "0%" : label,
                 left - 4 - text_width (cr, SMALL_FONT, i == 0 ? "0%" : label), y - 6, NULL,
                 NULL);
    }
  for (int day = CC_EVENT_STUDY_PATH_FIRST; day <= CC_EVENT_STUDY_PATH_LAST; day += 5)
    {
      g_autofree char *label = g_strdup_printf ("%+d", day);

      set_rgba (cr, ink->foreground, 0.7);
      show_text (cr, SMALL_FONT, day == 0 ? "0" : label,
                 X (day) - text_width (cr, SMALL_FONT, day == 0 ? "0" : label) / 2,
                 top + ph + 2, NULL, NULL);
    }
  {
    const char *axis = _("trading days from the event");

    show_text (cr, SMALL_FONT, axis, left + pw / 2 - text_width (cr, SMALL_FONT, axis) / 2,
               top + ph + 14, NULL, NULL);
  }

  /* Bars: each day's abnormal return; day 0 in the accent colour. */
  for (guint k = 0; k < CC_EVENT_STUDY_PATH_LEN; k++)
    {
      int day = (int) k + CC_EVENT_STUDY_PATH_FIRST;
      double y0 = Y (0), y1;

      if (!row->has_path[k])
        continue;
      y1 = Y (row->path[k]);
      if (day == 0)
        set_rgba (cr, ink->accent, 0.85);
      else
        set_rgba (cr, ink->foreground, 0.35);
      cairo_rectangle (cr, X (day) - slot * 0.35, MIN (y0, y1), slot * 0.7, fabs (y1 - y0));
      cairo_fill (cr);
    }

  /* Line: the cumulative abnormal return from day 0, the [0, +k] CAR at each day. */
  car = 0;
  cairo_new_path (cr);
  for (int day = 0; day <= CC_EVENT_STUDY_PATH_LAST; day++)
    {
      guint k = day - CC_EVENT_STUDY_PATH_FIRST;

      if (!row->has_path[k])
        break;
      car += row->path[k];
      if (!started)
        cairo_move_to (cr, X (day), Y (car));
      else
        cairo_line_to (cr, X (day), Y (car));
      started = TRUE;
    }
  set_rgba (cr, ink->accent, 1);
  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);

  set_rgba (cr, ink->foreground, 0.8);
  cairo_move_to (cr, 2, 0);
  pango_cairo_show_layout (cr, key);

#undef X
#undef Y
  cairo_restore (cr);
}

/* Pages */

typedef struct {
  cairo_t *cr;
  double   width;
  double   height;
  double   y;
  int      pages;
  gboolean page_open;
  CcReportInk ink;
} Pager;

static void
pager_break (Pager *pager)
{
  cairo_show_page (pager->cr);
  pager->pages++;
  pager->y = MARGIN;
  pager->page_open = FALSE;
}

/* Makes room for @h points, starting a new page when the block does not fit. */
static void
pager_reserve (Pager  *pager,
               double  h)
{
  if (pager->page_open && pager->y + h > pager->height - MARGIN && pager->y > MARGIN)
    pager_break (pager);
  pager->page_open = TRUE;
}

static void
pager_text (Pager      *pager,
            const char *font,
            const char *text,
            gboolean    markup,
            double      indent,
            double      alpha)
{
  g_autoptr(PangoLayout) layout = NULL;
  double content = pager->width - 2 * MARGIN - indent;
  int ph;

  layout = make_layout (pager->cr, font, text, content, markup);
  pango_layout_get_pixel_size (layout, NULL, &ph);
  pager_reserve (pager, ph);
  set_rgba (pager->cr, pager->ink.foreground, alpha);
  cairo_move_to (pager->cr, MARGIN + indent, pager->y);
  pango_cairo_show_layout (pager->cr, layout);
  pager->y += ph + 2;
}

static void
pager_heading (Pager      *pager,
               const char *text)
{
  /* Keep a heading with at least a few lines of its section. */
  pager_reserve (pager, SECTION_GAP + 90);
  pager->y += SECTION_GAP;
  pager_text (pager, HEADING_FONT, text, FALSE, 0, 1);
  pager->y += 2;
}

static void
pager_weights (Pager            *pager,
               const CcAnalysis *analysis,
               CcTarget          first)
{
  const CcAssessment *a = analysis->assessment;
  const double bar_x = MARGIN + 150, bar_w = 180, bar_h = 8;

  for (CcTarget t = first; t < first + 3; t++)
    {
      g_autofree char *weight = cc_format_weight (a->weight[t]);
      gboolean lead = t == (cc_target_is_phase (t) ? a->phase.leading : a->scenario.leading);

      pager_reserve (pager, 16);
      set_rgba (pager->cr, pager->ink.foreground, 1);
      show_text (pager->cr, lead ? "Sans Bold 9" : BODY_FONT, cc_target_get_label (t), MARGIN,
                 pager->y, NULL, NULL);
      set_rgba (pager->cr, pager->ink.foreground, 0.15);
      cairo_rectangle (pager->cr, bar_x, pager->y + 4, bar_w, bar_h);
      cairo_fill (pager->cr);
      set_rgba (pager->cr, lead ? pager->ink.accent : pager->ink.foreground, lead ? 1 : 0.55);
      cairo_rectangle (pager->cr, bar_x, pager->y + 4, bar_w * a->weight[t], bar_h);
      cairo_fill (pager->cr);
      set_rgba (pager->cr, pager->ink.foreground, 1);
      show_text (pager->cr, BODY_FONT, weight, bar_x + bar_w + 8, pager->y, NULL, NULL);
      pager->y += 16;

      for (guint i = 0; i < a->reasons[t]->len; i++)
        {
          const CcReason *reason = g_ptr_array_index (a->reasons[t], i);
          g_autofree char *line = g_strdup_printf ("• %s", reason->sentence);

          pager_text (pager, SMALL_FONT, line, FALSE, 12, 0.85);
        }
      pager->y += 4;
    }
}

static void
pager_study_table (Pager            *pager,
                   const CcAnalysis *analysis)
{
  const char *headers[] = {
    _("Item"), _("Day 0"), _("AR"), "CAR −1,+1", "t", "CAR 0,+5", "t", "CAR 0,+20", "t",
    "β", _("Days"),
  };
  /* 496 points: the width of an A4 page inside the margins. */
  const double widths[] = { 84, 44, 50, 54, 32, 50, 32, 56, 32, 30, 32 };
  const double row_h = 12;

  pager_reserve (pager, row_h * 3);
  for (guint c = 0, x = 0; c < G_N_ELEMENTS (headers); x += widths[c], c++)
    {
      double tx = MARGIN + x + (c == 0 ? 0 : widths[c] - 4 - text_width (pager->cr, "Sans Bold 6",
                                                                         headers[c]));
      set_rgba (pager->cr, pager->ink.foreground, 1);
      show_text (pager->cr, "Sans Bold 6", headers[c], tx, pager->y, NULL, NULL);
    }
  pager->y += row_h + 2;

  for (guint r = 0; r < analysis->rows->len; r++)
    {
      const CcEventStudyRow *row = g_ptr_array_index (analysis->rows, r);
      char *cells[G_N_ELEMENTS (headers)];
      double x = 0;

      cells[0] = g_strdup_printf ("%s%s", row->label,
                                  row->provenance != CC_PROVENANCE_OBSERVED ? " †" : "");
      cells[1] = row->has_return ? cc_format_return (row->event_return) : g_strdup ("—");
      cells[2] = row->has_abnormal ? cc_format_return (row->abnormal_return) : g_strdup ("—");
      for (guint w = 1; w < CC_EVENT_STUDY_N_WINDOWS; w++)
        {
          cells[1 + 2 * w] = row->has_car[w] ? cc_format_return (row->car[w]) : g_strdup ("—");
          cells[2 + 2 * w] = row->has_car[w] ? cc_format_t_stat (row->t_stat[w])
                                             : g_strdup ("—");
        }
      cells[9] = row->model.ok ? g_strdup_printf ("%.2f", row->model.beta) : g_strdup ("—");
      cells[10] = row->is_market ? g_strdup ("—")
                                 : g_strdup_printf ("%u%s", row->model.n,
                                                    row->short_estimation ? "*" : "");

      pager_reserve (pager, row_h);
      if (r % 2 == 0)
        {
          set_rgba (pager->cr, pager->ink.foreground, 0.05);
          cairo_rectangle (pager->cr, MARGIN - 2, pager->y - 1, pager->width - 2 * MARGIN + 4,
                           row_h);
          cairo_fill (pager->cr);
        }
      for (guint c = 0; c < G_N_ELEMENTS (headers); x += widths[c], c++)
        {
          set_rgba (pager->cr, pager->ink.foreground, 1);
          if (c == 0)
            {
              /* Long basket names are cut with an ellipsis rather than run into the numbers. */
              g_autoptr(PangoLayout) layout = make_layout (pager->cr, SMALL_FONT, cells[c],
                                                           widths[c] - 4, FALSE);

              pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
              cairo_move_to (pager->cr, MARGIN, pager->y);
              pango_cairo_show_layout (pager->cr, layout);
            }
          else
            show_text (pager->cr, SMALL_FONT, cells[c],
                       MARGIN + x + widths[c] - 4 - text_width (pager->cr, SMALL_FONT, cells[c]),
                       pager->y, NULL, NULL);
          g_free (cells[c]);
        }
      pager->y += row_h;
    }
  pager->y += 4;
  pager_text (pager, SMALL_FONT,
              _("Returns are close to close. Abnormal returns use a market model against ^SOX "
                "fitted over trading days −250 to −11 (AR: day 0; CAR: cumulative over the "
                "window); * marks a model fitted on fewer days because the data start later. "
                "t = CAR / (residual σ × √days). † marks days rebuilt from the article’s "
                "figures (anchored or reconstructed), not market prices."), FALSE, 0, 0.7);
}

#define TIMELINE_HEIGHT 190.0

/* The timeline of the weights, so a reader sees when and why the verdict moved. */
static void
pager_timeline (Pager            *pager,
                const CcTimeline *timeline,
                CcDate            as_of)
{
  CcTimelineInk ink;
  g_autofree char *intro = NULL;

  if (timeline->n_days == 0)
    {
      pager_text (pager, BODY_FONT, _("No trading days with ^SOX data to assess"), FALSE, 0, 1);
      return;
    }
  {
    char a[11], b[11], c[11];

    cc_date_format_iso (timeline->days[0].date, a);
    cc_date_format_iso (timeline->days[timeline->n_days - 1].date, b);
    cc_date_format_iso (as_of, c);
    /* TRANSLATORS: the report's timeline section: two ISO dates, then the as-of date */
    intro = g_strdup_printf (_("The phase and scenario weights the rules give on each of the "
                               "%u trading days from %s to %s, each day using only the data "
                               "up to its close. The dark line marks the as-of day, %s."),
                             timeline->n_days, a, b, c);
  }
  pager_text (pager, BODY_FONT, intro, FALSE, 0, 1);
  pager->y += 4;
  pager_reserve (pager, TIMELINE_HEIGHT);
  cc_timeline_ink_init_print (&ink);
  cairo_save (pager->cr);
  cairo_translate (pager->cr, MARGIN, pager->y);
  cc_timeline_chart_draw (pager->cr, timeline, as_of, CC_DATE_INVALID,
                          pager->width - 2 * MARGIN, TIMELINE_HEIGHT, &ink);
  cairo_restore (pager->cr);
  pager->y += TIMELINE_HEIGHT + 6;
}

int
cc_report_render (cairo_t          *cr,
                  const CcAnalysis *analysis,
                  double            page_width,
                  double            page_height)
{
  return cc_report_render_with_timeline (cr, analysis, NULL, page_width, page_height);
}

int
cc_report_render_with_timeline (cairo_t          *cr,
                                const CcAnalysis *analysis,
                                const CcTimeline *timeline,
                                double            page_width,
                                double            page_height)
{
  Pager pager = { 0 };
  g_autofree char *title = NULL;
  g_autofree char *winners = NULL;
  g_autofree char *losers = NULL;
  char event_day[11], as_of[11];

  g_return_val_if_fail (cr != NULL, 0);
  g_return_val_if_fail (analysis != NULL, 0);

  pager.cr = cr;
  pager.width = page_width;
  pager.height = page_height;
  pager.y = MARGIN;
  cc_report_ink_init_print (&pager.ink);

  cairo_save (cr);
  cc_date_format_iso (analysis->event_day, event_day);
  cc_date_format_iso (analysis->as_of, as_of);
  if (analysis->event)
    title = g_strdup_printf (_("Analysis: %s (%s), data to %s"),
                             cc_event_get_title (analysis->event), event_day, as_of);
  else
    title = g_strdup_printf (_("Analysis: event on %s, data to %s"), event_day, as_of);
  pager_text (&pager, TITLE_FONT, title, FALSE, 0, 1);
  pager_text (&pager, SMALL_FONT, cc_analysis_get_disclaimer (), FALSE, 0, 0.7);
  if (analysis->rules_problem)
    {
      g_autofree char *problem = g_strdup_printf (_("Your rules file could not be used, so the "
                                                    "built-in rules were: %s"),
                                                  analysis->rules_problem);
      pager_text (&pager, SMALL_FONT, problem, FALSE, 0, 0.9);
    }
  if (!cc_rules_is_builtin (analysis->rules))
    {
      g_autofree char *rules = g_strdup_printf (_("Assessment rules from %s"),
                                                cc_rules_get_source (analysis->rules));
      pager_text (&pager, SMALL_FONT, rules, FALSE, 0, 0.7);
    }

  pager_heading (&pager, _("Cycle phase"));
  pager_weights (&pager, analysis, CC_TARGET_FIRST_PHASE);
  pager_heading (&pager, _("Scenarios"));
  pager_weights (&pager, analysis, CC_TARGET_FIRST_SCENARIO);
  if (timeline)
    {
      pager_heading (&pager, _("Assessment over time"));
      pager_timeline (&pager, timeline, analysis->as_of);
    }

  pager_heading (&pager, _("Monitors"));
  for (guint m = 1; m < CC_N_MONITORS; m++)
    {
      CcEvent *event = analysis->monitors[m];
      g_autofree char *line = NULL;

      if (event)
        {
          g_autofree char *when = cc_event_format_when (event);
          const char *note = cc_event_get_signal_note (event);

          /* TRANSLATORS: monitor — reading: event title (date). note */
          line = g_strdup_printf (_("%s — %s: %s (%s). %s"), cc_monitor_get_label (m),
                                  cc_analysis_stance_get_reading (cc_event_get_stance (event)),
                                  cc_event_get_title (event), when, note ? note : "");
        }
      else
        line = g_strdup_printf (_("%s — no signal in the events yet."), cc_monitor_get_label (m));
      pager_text (&pager, BODY_FONT, line, FALSE, 0, 1);
    }

  pager_heading (&pager, _("Chip cycles compared"));
  pager_reserve (&pager, 190);
  cairo_save (cr);
  cairo_translate (cr, MARGIN, pager.y);
  cc_report_draw_history (cr, analysis, page_width - 2 * MARGIN, 180, &pager.ink);
  cairo_restore (cr);
  pager.y += 186;
  for (guint i = 0; i < analysis->cycles->len; i++)
    {
      const CcCycle *c = g_ptr_array_index (analysis->cycles, i);
      g_autofree char *depth = cc_format_depth (c->depth);
      g_autofree char *line = NULL;

      if (c->recovered)
        line = g_strdup_printf (_("%s: %s peak to trough, %d trading days down, %d more to "
                                  "regain the peak"),
                                c->label, depth, c->days_to_trough, c->days_to_recover);
      else
        line = g_strdup_printf (_("%s: %s peak to trough so far, %d trading days down, not "
                                  "recovered"),
                                c->label, depth, c->days_to_trough);
      pager_text (&pager, BODY_FONT, line, FALSE, 0, 1);
    }
  if (analysis->drawdown.ok)
    {
      g_autofree char *dd = cc_format_depth (analysis->drawdown.depth);
      g_autofree char *line = g_strdup_printf (_("The SOX is now %s below its 52-week high of "
                                                 "%.2f."), dd, analysis->drawdown.high);
      pager_text (&pager, BODY_FONT, line, FALSE, 0, 1);
    }
  pager_text (&pager, SMALL_FONT, analysis->history_note, FALSE, 0, 0.8);

  pager_heading (&pager, _("Event study"));
  winners = cc_analysis_format_side (analysis, TRUE);
  losers = cc_analysis_format_side (analysis, FALSE);
  {
    g_autofree char *line = g_strdup_printf (_("Winners: %s. Losers: %s."), winners, losers);
    pager_text (&pager, BODY_FONT, line, FALSE, 0, 1);
  }
  pager.y += 4;
  pager_study_table (&pager, analysis);

  cairo_restore (cr);
  pager_break (&pager);
  return pager.pages;
}

gboolean
cc_report_append_analysis (cairo_t            *cr,
                           CcDataset          *dataset,
                           CcDate              event_date,
                           CcDate              as_of,
                           const char * const *items,
                           double              page_width,
                           double              page_height,
                           GError            **error)
{
  g_autoptr(CcAnalysis) analysis = NULL;
  g_autoptr(CcAssessor) assessor = NULL;
  g_autoptr(CcTimeline) timeline = NULL;
  CcSeries *sox;

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (CC_IS_DATASET (dataset), FALSE);

  sox = cc_dataset_get_series (dataset, CC_SYMBOL_SOX);
  if (sox == NULL || cc_series_get_n_points (sox) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The analysis needs ^SOX data, and there is none"));
      return FALSE;
    }
  if (as_of == CC_DATE_INVALID)
    as_of = cc_series_get_last (sox)->date;
  if (event_date == CC_DATE_INVALID)
    {
      CcEvent *event = cc_dataset_get_default_event (dataset);

      if (event == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("The analysis needs an event, and none is selected"));
          return FALSE;
        }
      event_date = cc_event_get_date (event);
    }

  /* The active rules: a broken user file falls back to the built-in ones, as in the panel. */
  analysis = cc_analysis_new (dataset, event_date, as_of, items, NULL);
  assessor = cc_assessor_new (dataset, analysis->rules);
  timeline = cc_assessor_timeline (assessor, CC_DATE_INVALID, CC_DATE_INVALID);
  cc_report_render_with_timeline (cr, analysis, timeline, page_width, page_height);
  return cairo_status (cr) == CAIRO_STATUS_SUCCESS;
}
