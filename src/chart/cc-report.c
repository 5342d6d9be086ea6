/* cc-report.c: the analysis laid out for print, and the cycle-comparison plot. */
#define G_LOG_DOMAIN "cc-report"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "cc-exposure.h"
#include "cc-format.h"
#include "cc-print-private.h"
#include "cc-report.h"
#include "cc-report-private.h"
#include "cc-save-stream.h"
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
  return _cc_print_layout (cr, font, text, width, PANGO_WRAP_WORD_CHAR, markup);
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
      g_autofree char *label = cc_format_percent (pct, 0, FALSE);
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
      g_autofree char *label = cc_format_percent (i * range * 100, 0, TRUE);
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

/* Pages
 *
 * The report is set on portrait pages throughout: the chart across the top of the first, the
 * analysis after it. Every page ends with its number; a table's last rows stay with the note
 * that closes it; a heading stays with what it introduces. */

#define NOTE_FONT        "Sans 8"
#define LEAD_FONT        "Sans Bold 9"
#define TABLE_FONT       "Sans 8"
#define TABLE_HEAD_FONT  "Sans Bold 8"
#define PAGE_NUMBER_FONT "Sans 8"
/* A table never leaves fewer rows than this alone on a page, before or after a break. */
#define MIN_ROWS_TOGETHER 3

typedef struct {
  cairo_t *cr;
  double   width;
  double   height;
  double   y;
  int      pages;        /* pages finished */
  int      total;        /* pages in the whole document, 0 while counting */
  gboolean page_open;
  CcReportInk ink;
} Pager;

static double
pager_content_width (Pager *pager)
{
  return pager->width - 2 * MARGIN;
}

static void
pager_page_number (Pager *pager)
{
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  int w, h;

  if (pager->total > 0)
    /* TRANSLATORS: at the foot of each page of the PDF report */
    text = g_strdup_printf (_("Page %d of %d"), pager->pages + 1, pager->total);
  else
    text = g_strdup_printf (_("Page %d"), pager->pages + 1);
  layout = make_layout (pager->cr, PAGE_NUMBER_FONT, text, -1, FALSE);
  pango_layout_get_pixel_size (layout, &w, &h);
  set_rgba (pager->cr, pager->ink.foreground, 0.7);
  cairo_move_to (pager->cr, (pager->width - w) / 2, pager->height - MARGIN / 2 - h / 2.0);
  pango_cairo_show_layout (pager->cr, layout);
}

static void
pager_break (Pager *pager)
{
  pager_page_number (pager);
  cairo_show_page (pager->cr);
  pager->pages++;
  pager->y = MARGIN;
  pager->page_open = FALSE;
}

static double
pager_bottom (Pager *pager)
{
  return pager->height - MARGIN;
}

/* Makes room for @h points, starting a new page when the block does not fit. */
static void
pager_reserve (Pager  *pager,
               double  h)
{
  if (pager->page_open && pager->y + h > pager_bottom (pager) && pager->y > MARGIN)
    pager_break (pager);
  pager->page_open = TRUE;
}

static double
pager_text_height (Pager      *pager,
                   const char *font,
                   const char *text,
                   double      indent)
{
  g_autoptr(PangoLayout) layout = make_layout (pager->cr, font, text,
                                               pager_content_width (pager) - indent, FALSE);
  int ph;

  pango_layout_get_pixel_size (layout, NULL, &ph);
  return ph + 2;
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
  int ph;

  layout = make_layout (pager->cr, font, text, pager_content_width (pager) - indent, markup);
  pango_layout_get_pixel_size (layout, NULL, &ph);
  pager_reserve (pager, ph);
  set_rgba (pager->cr, pager->ink.foreground, alpha);
  cairo_move_to (pager->cr, MARGIN + indent, pager->y);
  pango_cairo_show_layout (pager->cr, layout);
  pager->y += ph + 2;
}

/* A section heading, on the same page as the first @keep points of its section. */
static void
pager_heading (Pager      *pager,
               const char *text,
               double      keep)
{
  pager_reserve (pager, SECTION_GAP + pager_text_height (pager, HEADING_FONT, text, 0) + 2 +
                 keep);
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
  const double bar_h = 8, gap = 12;
  double label_w = 0, weight_w = 0, bar_x, bar_w;

  /* The bars start after the widest label, set in the bold of the leader whichever leads, so
   * no translation runs into them. */
  for (CcTarget t = first; t < first + 3; t++)
    {
      g_autofree char *weight = cc_format_weight (a->weight[t]);

      label_w = MAX (label_w, text_width (pager->cr, LEAD_FONT, cc_target_get_label (t)));
      weight_w = MAX (weight_w, text_width (pager->cr, BODY_FONT, weight));
    }
  bar_x = MARGIN + MAX (label_w + gap, 150);
  bar_w = MIN (180, pager_content_width (pager) - (bar_x - MARGIN) - weight_w - 8);

  for (CcTarget t = first; t < first + 3; t++)
    {
      g_autofree char *weight = cc_format_weight (a->weight[t]);
      gboolean lead = t == (cc_target_is_phase (t) ? a->phase.leading : a->scenario.leading);
      double keep = 16;

      /* A weight stays on the page of its first reason. */
      if (a->reasons[t]->len > 0)
        {
          const CcReason *reason = g_ptr_array_index (a->reasons[t], 0);
          g_autofree char *line = g_strdup_printf ("• %s", reason->sentence);

          keep += pager_text_height (pager, NOTE_FONT, line, 12);
        }
      pager_reserve (pager, keep);
      set_rgba (pager->cr, pager->ink.foreground, 1);
      show_text (pager->cr, lead ? LEAD_FONT : BODY_FONT, cc_target_get_label (t), MARGIN,
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

          pager_text (pager, NOTE_FONT, line, FALSE, 12, 0.85);
        }
      pager->y += 4;
    }
}

/* The event-study table. Each number column is as wide as its widest cell or header, item
 * names take the rest and wrap within it, never cut; the header row repeats on each page the
 * table spans; a break never leaves fewer than MIN_ROWS_TOGETHER rows on either side, and the
 * note under the table stays with its last rows. */
#define STUDY_COLUMNS 8
#define COLUMN_GAP    7.0
#define ROW_HEIGHT    12.0

typedef struct {
  guint        n;
  PangoLayout *headers[STUDY_COLUMNS];
  double       widths[STUDY_COLUMNS];
  double       header_h;
  GPtrArray   *names;      /* PangoLayout per row */
  GPtrArray   *cells;      /* char *, (STUDY_COLUMNS - 1) per row */
  double      *heights;
  char        *note;
  double       note_h;
} StudyTable;

static void
study_table_clear (StudyTable *table)
{
  for (guint c = 0; c < STUDY_COLUMNS; c++)
    g_clear_object (&table->headers[c]);
  g_clear_pointer (&table->names, g_ptr_array_unref);
  g_clear_pointer (&table->cells, g_ptr_array_unref);
  g_clear_pointer (&table->heights, g_free);
  g_clear_pointer (&table->note, g_free);
}

static void
study_table_init (StudyTable       *table,
                  Pager            *pager,
                  const CcAnalysis *analysis)
{
  /* Each window's t statistic goes under its CAR, so the table fits a portrait page. */
  const char *headers[STUDY_COLUMNS] = {
    _("Item"), _("Day 0"), _("AR"), "CAR −1,+1\n(t)", "CAR 0,+5\n(t)", "CAR 0,+20\n(t)", "β",
    _("Days"),
  };
  double numbers_w = 0;

  memset (table, 0, sizeof *table);
  table->n = analysis->rows->len;
  table->names = g_ptr_array_new_with_free_func (g_object_unref);
  table->cells = g_ptr_array_new_with_free_func (g_free);
  table->heights = g_new0 (double, MAX (table->n, 1));
  table->note = g_strdup (_("Returns are close to close. Abnormal returns use a market model "
                            "against ^SOX fitted over trading days −250 to −11 (AR: day 0; CAR: "
                            "cumulative over the window); * marks a model fitted on fewer days "
                            "because the data start later. t = CAR / (residual σ × √days). † "
                            "marks days rebuilt from the article’s figures (anchored or "
                            "reconstructed), not market prices."));
  table->note_h = 4 + pager_text_height (pager, NOTE_FONT, table->note, 0);

  for (guint c = 0; c < STUDY_COLUMNS; c++)
    {
      int w, h;

      table->headers[c] = make_layout (pager->cr, TABLE_HEAD_FONT, headers[c], -1, FALSE);
      pango_layout_set_alignment (table->headers[c], c == 0 ? PANGO_ALIGN_LEFT
                                                            : PANGO_ALIGN_RIGHT);
      pango_layout_get_pixel_size (table->headers[c], &w, &h);
      table->widths[c] = w;
      table->header_h = MAX (table->header_h, h + 2);
    }

  for (guint i = 0; i < table->n; i++)
    {
      const CcEventStudyRow *row = g_ptr_array_index (analysis->rows, i);

      g_ptr_array_add (table->cells, row->has_return ? cc_format_return (row->event_return)
                                                     : g_strdup ("—"));
      g_ptr_array_add (table->cells, row->has_abnormal ? cc_format_return (row->abnormal_return)
                                                       : g_strdup ("—"));
      for (guint w = 1; w < CC_EVENT_STUDY_N_WINDOWS; w++)
        {
          g_autofree char *car = row->has_car[w] ? cc_format_return (row->car[w]) : NULL;
          g_autofree char *t = row->has_car[w] ? cc_format_t_stat (row->t_stat[w]) : NULL;

          g_ptr_array_add (table->cells, car ? g_strdup_printf ("%s\n(%s)", car, t)
                                             : g_strdup ("—"));
        }
      g_ptr_array_add (table->cells, row->model.ok ? g_strdup_printf ("%.2f", row->model.beta)
                                                   : g_strdup ("—"));
      g_ptr_array_add (table->cells,
                       row->is_market ? g_strdup ("—")
                                      : g_strdup_printf ("%u%s", row->model.n,
                                                         row->short_estimation ? "*" : ""));
    }
  g_assert (table->cells->len == table->n * (STUDY_COLUMNS - 1));
  for (guint k = 0; k < table->cells->len; k++)
    {
      guint c = 1 + k % (STUDY_COLUMNS - 1);
      g_autoptr(PangoLayout) cell = make_layout (pager->cr, TABLE_FONT,
                                                 g_ptr_array_index (table->cells, k), -1,
                                                 FALSE);
      int w, h;

      pango_layout_get_pixel_size (cell, &w, &h);
      table->widths[c] = MAX (table->widths[c], w);
      table->heights[k / (STUDY_COLUMNS - 1)] = MAX (table->heights[k / (STUDY_COLUMNS - 1)],
                                                    h + 1);
    }
  for (guint c = 1; c < STUDY_COLUMNS; c++)
    {
      table->widths[c] += COLUMN_GAP;
      numbers_w += table->widths[c];
    }
  table->widths[0] = MAX (pager_content_width (pager) - numbers_w, 60);

  for (guint i = 0; i < table->n; i++)
    {
      const CcEventStudyRow *row = g_ptr_array_index (analysis->rows, i);
      g_autofree char *label = g_strdup_printf ("%s%s", row->label,
                                                row->provenance != CC_PROVENANCE_OBSERVED ?
                                                " †" : "");
      PangoLayout *name = _cc_print_layout (pager->cr, TABLE_FONT, label, table->widths[0] - 4,
                                            PANGO_WRAP_WORD, FALSE);
      int name_h;

      pango_layout_get_pixel_size (name, NULL, &name_h);
      table->heights[i] = MAX (table->heights[i], MAX (ROW_HEIGHT, name_h + 1));
      g_ptr_array_add (table->names, name);
    }
}

/* What must go on one page with whatever leads into the table: its header and first rows,
 * or all of it when it is too short to split. */
static double
study_table_start (const StudyTable *table)
{
  double h = table->header_h;
  guint first = table->n < 2 * MIN_ROWS_TOGETHER ? table->n : MIN_ROWS_TOGETHER;

  for (guint i = 0; i < first; i++)
    h += table->heights[i];
  if (first == table->n)
    h += table->note_h;
  return h;
}

static void
study_header (Pager            *pager,
              const StudyTable *table)
{
  double x = MARGIN;

  set_rgba (pager->cr, pager->ink.foreground, 1);
  for (guint c = 0; c < STUDY_COLUMNS; x += table->widths[c], c++)
    {
      int w;

      pango_layout_get_pixel_size (table->headers[c], &w, NULL);
      cairo_move_to (pager->cr, c == 0 ? x : x + table->widths[c] - w, pager->y);
      pango_cairo_show_layout (pager->cr, table->headers[c]);
    }
  pager->y += table->header_h;
}

static void
pager_study_table (Pager            *pager,
                   const StudyTable *table)
{
  guint n = table->n, r = 0;

  pager_reserve (pager, study_table_start (table));
  study_header (pager, table);

  while (r < n)
    {
      guint end = r;
      double y = pager->y;
      gboolean fresh = pager->y <= MARGIN + table->header_h + 1;

      /* The rows that fit on this page, the note counted with the last one. */
      while (end < n &&
             y + table->heights[end] + (end == n - 1 ? table->note_h : 0) <= pager_bottom (pager))
        y += table->heights[end++];
      if (end < n)
        {
          /* Leave enough rows for the next page, and enough on this one. */
          if (n - end < MIN_ROWS_TOGETHER)
            end = n > MIN_ROWS_TOGETHER ? n - MIN_ROWS_TOGETHER : 0;
          if (end < r + MIN_ROWS_TOGETHER && !fresh)
            end = r;
          /* A page too short for that many rows takes what fits. */
          if (end <= r && fresh)
            end = MIN (n, r + 1);
        }

      for (; r < end; r++)
        {
          double x = MARGIN + table->widths[0];

          if (r % 2 == 0)
            {
              set_rgba (pager->cr, pager->ink.foreground, 0.05);
              cairo_rectangle (pager->cr, MARGIN - 2, pager->y - 1,
                               pager_content_width (pager) + 4, table->heights[r]);
              cairo_fill (pager->cr);
            }
          set_rgba (pager->cr, pager->ink.foreground, 1);
          cairo_move_to (pager->cr, MARGIN, pager->y);
          pango_cairo_show_layout (pager->cr, g_ptr_array_index (table->names, r));
          for (guint c = 1; c < STUDY_COLUMNS; x += table->widths[c], c++)
            {
              const char *text = g_ptr_array_index (table->cells, r * (STUDY_COLUMNS - 1) + c - 1);
              g_autoptr(PangoLayout) cell = make_layout (pager->cr, TABLE_FONT, text, -1, FALSE);
              int w;

              pango_layout_set_alignment (cell, PANGO_ALIGN_RIGHT);
              pango_layout_get_pixel_size (cell, &w, NULL);
              cairo_move_to (pager->cr, x + table->widths[c] - w, pager->y);
              pango_cairo_show_layout (pager->cr, cell);
            }
          pager->y += table->heights[r];
        }
      if (r < n)
        {
          pager_break (pager);
          pager->page_open = TRUE;
          study_header (pager, table);
        }
    }
  pager->y += 4;
  pager_text (pager, NOTE_FONT, table->note, FALSE, 0, 0.7);
}

guint
_cc_report_count_cut_names (cairo_t          *cr,
                            const CcAnalysis *analysis,
                            double            page_width)
{
  Pager pager = { .cr = cr, .width = page_width, .height = 842, .y = MARGIN };
  StudyTable table;
  double total = 0;
  guint cut = 0;

  study_table_init (&table, &pager, analysis);
  for (guint c = 0; c < STUDY_COLUMNS; c++)
    total += table.widths[c];
  for (guint i = 0; i < table.n; i++)
    {
      PangoLayout *name = g_ptr_array_index (table.names, i);
      PangoRectangle ink, logical;

      pango_layout_get_pixel_extents (name, &ink, &logical);
      if (pango_layout_is_ellipsized (name) || logical.x + logical.width > table.widths[0] ||
          total > pager_content_width (&pager) + 0.5)
        cut++;
    }
  study_table_clear (&table);
  return cut;
}

#define TIMELINE_HEIGHT 190.0
#define HISTORY_HEIGHT  180.0

static char *
timeline_intro (const CcTimeline *timeline,
                CcDate            as_of)
{
  char a[11], b[11], c[11];

  if (timeline->n_days == 0)
    return g_strdup (_("No trading days with ^SOX data to assess"));
  cc_date_format_iso (timeline->days[0].date, a);
  cc_date_format_iso (timeline->days[timeline->n_days - 1].date, b);
  cc_date_format_iso (as_of, c);
  /* TRANSLATORS: the report's timeline section: two ISO dates, then the as-of date */
  return g_strdup_printf (_("The phase and scenario weights the rules give on each of the "
                            "%u trading days from %s to %s, each day using only the data "
                            "up to its close. The dark line marks the as-of day, %s."),
                          timeline->n_days, a, b, c);
}

/* The timeline of the weights, so a reader sees when and why the verdict moved. */
static void
pager_timeline (Pager            *pager,
                const CcTimeline *timeline,
                CcDate            as_of)
{
  CcTimelineInk ink;
  g_autofree char *intro = timeline_intro (timeline, as_of);

  /* The introduction stays with its plot. */
  pager_reserve (pager, pager_text_height (pager, BODY_FONT, intro, 0) +
                 (timeline->n_days > 0 ? 4 + TIMELINE_HEIGHT : 0));
  pager_text (pager, BODY_FONT, intro, FALSE, 0, 1);
  if (timeline->n_days == 0)
    return;
  pager->y += 4;
  cc_timeline_ink_init_print (&ink);
  cairo_save (pager->cr);
  cairo_translate (pager->cr, MARGIN, pager->y);
  cc_timeline_chart_draw (pager->cr, timeline, as_of, CC_DATE_INVALID,
                          pager_content_width (pager), TIMELINE_HEIGHT, &ink);
  cairo_restore (pager->cr);
  pager->y += TIMELINE_HEIGHT + 6;
}

/* The monitors fed by SEC EDGAR as the assessment used them: each figure with the filing it
 * came from (form, accession number, filing date) and the rules it fed, or, when none were
 * loaded, that the assessment went without them. */
static void
pager_edgar (Pager            *pager,
             const CcAnalysis *analysis)
{
  CcAssessment *a = analysis->assessment;
  g_autofree char *intro = NULL;

  if (!analysis->has_edgar)
    {
      const char *line = _("Not used: no figures from SEC EDGAR were loaded (they need a "
                           "contact address for the SEC, or an earlier fetch in the cache), so "
                           "the weights above are those of the rules without them.");

      pager_heading (pager, _("Figures reported to SEC EDGAR"),
                     pager_text_height (pager, BODY_FONT, line, 0));
      pager_text (pager, BODY_FONT, line, FALSE, 0, 1);
      return;
    }

  if (analysis->edgar_fetched_at > 0)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (analysis->edgar_fetched_at);
      /* TRANSLATORS: when the figures were fetched, in UTC */
      g_autofree char *text = g_date_time_format (when, _("%-d %b %Y, %H:%M UTC"));

      /* TRANSLATORS: %s is when the figures were fetched ("2 Dec 2026, 20:31 UTC") */
      intro = g_strdup_printf (_("Fetched from SEC EDGAR on %s. A figure counts from the day its "
                                 "filing was made, never before."), text);
    }
  else
    intro = g_strdup (_("Fetched from SEC EDGAR. A figure counts from the day its filing was "
                        "made, never before."));
  pager_heading (pager, _("Figures reported to SEC EDGAR"),
                 pager_text_height (pager, NOTE_FONT, intro, 0) + 30);
  pager_text (pager, NOTE_FONT, intro, FALSE, 0, 0.8);

  for (CcIndicatorId id = CC_INDICATOR_FIRST_EDGAR; id < CC_N_INDICATORS; id++)
    {
      const CcIndicator *ind = &a->indicators.values[id];
      g_autoptr(GPtrArray) reasons = cc_assessment_get_monitor_reasons (
                                       a, cc_indicator_get_monitor (id));
      g_autofree char *value = ind->available ? cc_indicator_format_value (id, ind->value)
                                              : g_strdup (C_("indicator value", "n/a"));
      /* TRANSLATORS: an indicator's name and its value ("Hyperscaler capex growth: +66.7%") */
      g_autofree char *lead = g_strdup_printf (_("%s: %s"), cc_indicator_get_label (id), value);

      pager->y += 4;
      pager_reserve (pager, pager_text_height (pager, LEAD_FONT, lead, 0) +
                     pager_text_height (pager, BODY_FONT, ind->sentence, 12));
      pager_text (pager, LEAD_FONT, lead, FALSE, 0, 1);
      /* The rules' sentences name the figure and its filing; without a matching rule the
       * indicator's own sentence does. */
      if (reasons->len == 0)
        {
          g_autofree char *line = ind->available
            /* TRANSLATORS: an indicator's sentence, which names the filing */
            ? g_strdup_printf (_("%s No rule matched it, so it adds nothing to the weights."),
                               ind->sentence)
            : g_strdup (ind->sentence);

          pager_text (pager, BODY_FONT, line, FALSE, 12, 1);
        }
      for (guint i = 0; i < reasons->len; i++)
        {
          const CcReason *r = g_ptr_array_index (reasons, i);

          pager_text (pager, BODY_FONT, r->sentence, FALSE, 12, 1);
          if (r->detail != NULL)
            pager_text (pager, NOTE_FONT, r->detail, FALSE, 24, 0.7);
        }
    }
}

/* Lays the analysis out from @pager's position on; finishes the last page. */
static void
render_analysis (Pager            *pager,
                 const CcAnalysis *analysis,
                 const CcTimeline *timeline)
{
  cairo_t *cr = pager->cr;
  g_autofree char *title = NULL;
  g_autofree char *winners = NULL;
  g_autofree char *losers = NULL;
  char event_day[11], as_of[11];

  cairo_save (cr);
  cc_date_format_iso (analysis->event_day, event_day);
  cc_date_format_iso (analysis->as_of, as_of);
  if (analysis->event)
    title = g_strdup_printf (_("Analysis: %s (%s), data to %s"),
                             cc_event_get_title (analysis->event), event_day, as_of);
  else
    title = g_strdup_printf (_("Analysis: event on %s, data to %s"), event_day, as_of);
  pager_text (pager, TITLE_FONT, title, FALSE, 0, 1);
  pager_text (pager, NOTE_FONT, cc_analysis_get_disclaimer (), FALSE, 0, 0.7);
  if (analysis->rules_problem)
    {
      g_autofree char *problem = g_strdup_printf (_("Your rules file could not be used, so the "
                                                    "built-in rules were: %s"),
                                                  analysis->rules_problem);
      pager_text (pager, NOTE_FONT, problem, FALSE, 0, 0.9);
    }
  if (!cc_rules_is_builtin (analysis->rules))
    {
      g_autofree char *rules = g_strdup_printf (_("Assessment rules from %s"),
                                                cc_rules_get_source (analysis->rules));
      pager_text (pager, NOTE_FONT, rules, FALSE, 0, 0.7);
    }

  pager_heading (pager, _("Cycle phase"), 60);
  pager_weights (pager, analysis, CC_TARGET_FIRST_PHASE);
  pager_heading (pager, _("Scenarios"), 60);
  pager_weights (pager, analysis, CC_TARGET_FIRST_SCENARIO);
  if (timeline)
    {
      g_autofree char *intro = timeline_intro (timeline, analysis->as_of);

      pager_heading (pager, _("Assessment over time"),
                     pager_text_height (pager, BODY_FONT, intro, 0) + 4 + TIMELINE_HEIGHT);
      pager_timeline (pager, timeline, analysis->as_of);
    }

  pager_heading (pager, _("Monitors"), 40);
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
      pager_text (pager, BODY_FONT, line, FALSE, 0, 1);
    }

  pager_edgar (pager, analysis);

  pager_heading (pager, _("Chip cycles compared"), HISTORY_HEIGHT + 6);
  pager_reserve (pager, HISTORY_HEIGHT + 6);
  cairo_save (cr);
  cairo_translate (cr, MARGIN, pager->y);
  cc_report_draw_history (cr, analysis, pager_content_width (pager), HISTORY_HEIGHT,
                          &pager->ink);
  cairo_restore (cr);
  pager->y += HISTORY_HEIGHT + 6;
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
      pager_text (pager, BODY_FONT, line, FALSE, 0, 1);
    }
  if (analysis->drawdown.ok)
    {
      g_autofree char *dd = cc_format_depth (analysis->drawdown.depth);
      g_autofree char *line = g_strdup_printf (_("The SOX is now %s below its 52-week high of "
                                                 "%.2f."), dd, analysis->drawdown.high);
      pager_text (pager, BODY_FONT, line, FALSE, 0, 1);
    }
  pager_text (pager, NOTE_FONT, analysis->history_note, FALSE, 0, 0.8);

  winners = cc_analysis_format_side (analysis, TRUE);
  losers = cc_analysis_format_side (analysis, FALSE);
  {
    g_autofree char *line = g_strdup_printf (_("Winners: %s. Losers: %s."), winners, losers);
    StudyTable table;

    study_table_init (&table, pager, analysis);
    pager_heading (pager, _("Event study"),
                   pager_text_height (pager, BODY_FONT, line, 0) + 4 + study_table_start (&table));
    pager_text (pager, BODY_FONT, line, FALSE, 0, 1);
    pager->y += 4;
    pager_study_table (pager, &table);
    study_table_clear (&table);
  }

  cairo_restore (cr);
  pager_break (pager);
}

/* The portfolio page
 *
 * The Portfolio page's cards in print, from the same CcExposure that `chipcycle analyze
 * --portfolio` prints: the holdings with their scenario contributions, the exposure, the
 * stress table with the history test, and the answer, each number beside its sentence. */

#define SIMPLE_COLUMNS_MAX 8

/* A small table: @n_left columns on the left, the rest right-aligned numbers; the header
 * comes again on each page the table runs onto. @cells holds n_rows x @n_columns strings. */
static void
pager_simple_table (Pager              *pager,
                    guint               n_columns,
                    guint               n_left,
                    const char * const *headers,
                    GPtrArray          *cells)
{
  double widths[SIMPLE_COLUMNS_MAX] = { 0 };
  double header_h = 0, numbers_w = 0;
  guint n_rows = cells->len / n_columns;

  g_assert (n_columns <= SIMPLE_COLUMNS_MAX && cells->len % n_columns == 0);
  for (guint c = 0; c < n_columns; c++)
    {
      g_autoptr(PangoLayout) layout = make_layout (pager->cr, TABLE_HEAD_FONT, headers[c], -1,
                                                   FALSE);
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      widths[c] = w;
      header_h = MAX (header_h, h + 2);
    }
  for (guint k = 0; k < cells->len; k++)
    widths[k % n_columns] = MAX (widths[k % n_columns],
                                 text_width (pager->cr, TABLE_FONT, g_ptr_array_index (cells, k)));
  for (guint c = 0; c < n_columns; c++)
    {
      widths[c] += COLUMN_GAP * (c + 1 < n_columns ? 2 : 1);
      if (c >= n_left)
        numbers_w += widths[c];
    }
  /* The words take what the numbers leave, up to their need. */
  if (n_left > 0)
    widths[n_left - 1] = MAX (widths[n_left - 1],
                              MIN (pager_content_width (pager) - numbers_w, 240));

  pager_reserve (pager, header_h + MIN (n_rows, MIN_ROWS_TOGETHER) * ROW_HEIGHT);
  for (guint r = 0; r <= n_rows; r++)
    {
      gboolean header = r == 0;
      double x = MARGIN;

      if (!header && pager->y + ROW_HEIGHT > pager_bottom (pager))
        {
          pager_break (pager);
          pager->page_open = TRUE;
          r--;
          header = TRUE;
        }
      if (!header && (r - 1) % 2 == 0)
        {
          set_rgba (pager->cr, pager->ink.foreground, 0.05);
          cairo_rectangle (pager->cr, MARGIN - 2, pager->y - 1, pager_content_width (pager) + 4,
                           ROW_HEIGHT);
          cairo_fill (pager->cr);
        }
      set_rgba (pager->cr, pager->ink.foreground, 1);
      for (guint c = 0; c < n_columns; x += widths[c], c++)
        {
          const char *text = header ? headers[c] : g_ptr_array_index (cells,
                                                                      (r - 1) * n_columns + c);
          double w = text_width (pager->cr, header ? TABLE_HEAD_FONT : TABLE_FONT, text);
          double gap = c + 1 < n_columns ? COLUMN_GAP : 0;

          show_text (pager->cr, header ? TABLE_HEAD_FONT : TABLE_FONT, text,
                     c < n_left ? x : x + widths[c] - gap - w, pager->y, NULL, NULL);
        }
      pager->y += header ? header_h : ROW_HEIGHT;
    }
  pager->y += 4;
}

static char *
format_share (double fraction)
{
  if (!isfinite (fraction))
    return g_strdup ("—");
  return g_strdup_printf ("%.1f%%", fraction * 100);
}

static char *
format_value (double      amount,
              const char *currency)
{
  g_autofree char *text = cc_format_amount (amount, currency);

  /* A holding's value is positive: no sign, as `analyze --portfolio` prints it. */
  return g_strdup (text[0] == '+' ? text + 1 : text);
}

static void
render_portfolio (Pager            *pager,
                  const CcExposure *e)
{
  g_autofree char *title = NULL;
  gboolean valued = e->currency != NULL;
  char day[11];

  cairo_save (pager->cr);
  cc_date_format_iso (e->as_of, day);
  if (e->as_of != CC_DATE_INVALID)
    /* TRANSLATORS: the portfolio page's title; a portfolio name, then a date */
    title = g_strdup_printf (_("Portfolio: %s, data to %s"), e->name, day);
  else
    title = g_strdup_printf (_("Portfolio: %s"), e->name);
  pager_text (pager, TITLE_FONT, title, FALSE, 0, 1);
  pager_text (pager, NOTE_FONT, cc_analysis_get_disclaimer (), FALSE, 0, 0.7);
  for (guint i = 0; i < e->notes->len; i++)
    pager_text (pager, NOTE_FONT, g_ptr_array_index (e->notes, i), FALSE, 0, 0.9);
  if (e->problem)
    {
      pager_text (pager, BODY_FONT, e->problem, FALSE, 0, 1);
      cairo_restore (pager->cr);
      pager_break (pager);
      return;
    }
  pager_text (pager, BODY_FONT, e->weighting_sentence, FALSE, 0, 1);
  pager_text (pager, BODY_FONT, e->provenance_sentence, FALSE, 0, 1);
  if (valued)
    {
      g_autofree char *value = format_value (e->value, e->currency);
      /* TRANSLATORS: the portfolio's value in the report, e.g. "Value: 12,345.00 USD" */
      g_autofree char *line = g_strdup_printf (_("Value: %s"), value);

      pager_text (pager, BODY_FONT, line, FALSE, 0, 1);
    }

  /* Holdings, largest first, with what each adds to each scenario's change */
  {
    g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
    const char *headers[4 + CC_N_SCENARIOS];
    guint n = 0;

    headers[n++] = _("Ticker");
    headers[n++] = _("Group");
    headers[n++] = _("Weight");
    if (valued)
      headers[n++] = _("Value");
    for (guint s = 0; s < CC_N_SCENARIOS; s++)
      headers[n++] = cc_scenario_get_label (s);
    for (guint i = 0; i < e->holdings->len; i++)
      {
        const CcExposureHolding *h = g_ptr_array_index (e->holdings, i);

        g_ptr_array_add (cells, g_strdup (h->ticker));
        g_ptr_array_add (cells, g_strdup (cc_exposure_group_get_label (h->group)));
        g_ptr_array_add (cells, format_share (h->weight));
        if (valued)
          g_ptr_array_add (cells, format_value (h->value, e->currency));
        for (guint s = 0; s < CC_N_SCENARIOS; s++)
          g_ptr_array_add (cells, cc_format_return (h->contribution[s]));
      }
    pager_heading (pager, _("Holdings"), 4 * ROW_HEIGHT);
    pager_simple_table (pager, n, 2, headers, cells);
    pager_text (pager, NOTE_FONT, _("The scenario columns give each position's share of the "
                                    "portfolio's change in that scenario: its weight times "
                                    "the move assumed for its group."), FALSE, 0, 0.7);
  }

  /* Exposure */
  {
    g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
    const char *headers[] = { _("Group"), _("Weight") };
    g_autofree char *beta = cc_format_beta (e->has_beta ? e->beta : NAN);
    g_autofree char *top3 = format_share (e->top3);
    g_autofree char *measures = NULL;

    for (guint g = 0; g < CC_N_EXPOSURE_GROUPS; g++)
      if (e->group_weight[g] > 0)
        {
          g_ptr_array_add (cells, g_strdup (cc_exposure_group_get_label (g)));
          g_ptr_array_add (cells, format_share (e->group_weight[g]));
        }
    pager_heading (pager, _("Exposure"), 4 * ROW_HEIGHT);
    pager_simple_table (pager, 2, 1, headers, cells);
    pager_text (pager, BODY_FONT, e->group_sentence, FALSE, 0, 1);
    /* TRANSLATORS: the report's exposure figures: beta to ^SOX over N sessions, the three
     * largest positions' share, the Herfindahl index */
    measures = g_strdup_printf (_("Beta to ^SOX %s (%u sessions) · Top 3 %s · Herfindahl %.2f"),
                                beta, e->beta_sessions, top3, e->herfindahl);
    pager_text (pager, LEAD_FONT, measures, FALSE, 0, 1);
    pager_text (pager, BODY_FONT, e->beta_sentence, FALSE, 0, 1);
    pager_text (pager, BODY_FONT, e->concentration_sentence, FALSE, 0, 1);
    pager_text (pager, BODY_FONT, e->event_sentence, FALSE, 0, 1);
  }

  /* Scenario stress */
  {
    g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
    const char *headers[] = { _("Scenario"), _("Weight"), _("Change"), _("Amount") };
    guint n = valued ? 4 : 3;

    for (guint s = 0; s < CC_N_SCENARIOS; s++)
      {
        g_ptr_array_add (cells, g_strdup (cc_scenario_get_label (s)));
        g_ptr_array_add (cells, cc_format_weight (e->scenario_weight[s]));
        g_ptr_array_add (cells, cc_format_return (e->scenario_change[s]));
        if (valued)
          g_ptr_array_add (cells, cc_format_amount (e->scenario_amount[s], e->currency));
      }
    g_ptr_array_add (cells, g_strdup (_("Weighted expectation")));
    g_ptr_array_add (cells, g_strdup (""));
    g_ptr_array_add (cells, cc_format_return (e->expectation));
    if (valued)
      g_ptr_array_add (cells, cc_format_amount (e->expectation_amount, e->currency));
    pager_heading (pager, _("Scenario stress"), 5 * ROW_HEIGHT);
    pager_simple_table (pager, n, 1, headers, cells);
    for (guint s = 0; s < CC_N_SCENARIOS; s++)
      pager_text (pager, BODY_FONT, e->scenario_sentence[s], FALSE, 0, 1);
    pager_text (pager, BODY_FONT, e->expectation_sentence, FALSE, 0, 1);
    if (g_strcmp0 (e->scenarios_source, CC_SCENARIOS_RESOURCE_PATH) == 0)
      pager_text (pager, NOTE_FONT, _("The scenario moves are the built-in assumptions, not "
                                      "forecasts; a scenarios file of your own replaces them."),
                  FALSE, 0, 0.7);
    else
      {
        g_autofree char *source = g_strdup_printf (_("Scenario moves from %s"),
                                                   e->scenarios_source);

        pager_text (pager, NOTE_FONT, source, FALSE, 0, 0.7);
      }
  }

  /* If ^SOX fell as it did before */
  {
    g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
    const char *headers[] = { _("Decline"), _("^SOX fall"), _("Beta-implied move") };

    pager_heading (pager, _("History test"), 4 * ROW_HEIGHT);
    for (guint i = 0; i < e->n_history; i++)
      {
        g_ptr_array_add (cells, g_strdup (e->history[i].id));
        g_ptr_array_add (cells, format_share (e->history[i].sox_decline));
        g_ptr_array_add (cells, cc_format_return (e->history[i].implied));
      }
    if (e->n_history > 0)
      pager_simple_table (pager, 3, 1, headers, cells);
    for (guint i = 0; i < e->n_history; i++)
      pager_text (pager, BODY_FONT, e->history[i].sentence, FALSE, 0, 1);
    if (e->n_history == 0)
      pager_text (pager, BODY_FONT, _("Without a beta there is no history test."), FALSE, 0, 1);
  }

  pager_heading (pager, _("The answer"), 40);
  pager_text (pager, BODY_FONT, e->answer, FALSE, 0, 1);
  pager_text (pager, NOTE_FONT, cc_analysis_get_disclaimer (), FALSE, 0, 0.7);
  cairo_restore (pager->cr);
  pager_break (pager);
}

/* The open portfolio measured as the Portfolio page and `analyze --portfolio` measure it: the
 * scenario weights of the assessment at the analysis's as-of date, its event's day 0. NULL
 * when no portfolio is open. */
static CcExposure *
compute_exposure (CcChart          *chart,
                  const CcAnalysis *analysis)
{
  CcPortfolio *portfolio = cc_chart_get_portfolio_holdings (chart);
  g_autoptr(CcScenarios) scenarios = NULL;
  double weights[CC_N_SCENARIOS];

  if (analysis == NULL || portfolio == NULL || cc_portfolio_get_n_holdings (portfolio) == 0)
    return NULL;
  if (cc_chart_get_portfolio_scenarios (chart) != NULL)
    scenarios = cc_scenarios_ref (cc_chart_get_portfolio_scenarios (chart));
  else
    scenarios = cc_scenarios_load (NULL, NULL);
  /* The analysis's own assessment (the as-of date, the rules and SEC EDGAR's monitors when
   * loaded), so the stress test weighs the scenarios as the report's weights show them. */
  for (guint s = 0; s < CC_N_SCENARIOS; s++)
    weights[s] = analysis->assessment->weight[CC_TARGET_FIRST_SCENARIO + s];
  return cc_exposure_compute (cc_chart_get_dataset (chart), portfolio, scenarios, weights,
                              analysis->event_day, analysis->as_of);
}

/* A PDF surface that writes nothing: where a document is laid out once to count its pages. */
static cairo_t *
counting_context (double width,
                  double height)
{
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (NULL, NULL, width, height);
  cairo_t *cr = cairo_create (surface);

  cairo_surface_destroy (surface);
  return cr;
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
  cairo_t *counting;

  g_return_val_if_fail (cr != NULL, 0);
  g_return_val_if_fail (analysis != NULL, 0);

  pager.width = page_width;
  pager.height = page_height;
  pager.y = MARGIN;
  cc_report_ink_init_print (&pager.ink);

  /* Once to count the pages ("Page 2 of 5"), once for real. */
  counting = counting_context (page_width, page_height);
  pager.cr = counting;
  render_analysis (&pager, analysis, timeline);
  cairo_destroy (counting);

  pager.total = pager.pages;
  pager.pages = 0;
  pager.y = MARGIN;
  pager.page_open = FALSE;
  pager.cr = cr;
  render_analysis (&pager, analysis, timeline);
  return pager.pages;
}

/* The analysis the side panel shows for @dataset, @event_date and @as_of over @items, with
 * the active rules and the open portfolio's series (or NULL), and the timeline of the
 * assessment over the whole data. */
static gboolean
compute_analysis (CcDataset           *dataset,
                  CcDate               event_date,
                  CcDate               as_of,
                  const char * const  *items,
                  CcSeries            *portfolio,
                  CcReportedMonitors  *reported,
                  CcAnalysis         **analysis,
                  CcTimeline         **timeline,
                  GError             **error)
{
  g_autoptr(CcAssessor) assessor = NULL;
  CcSeries *sox = cc_dataset_get_series (dataset, CC_SYMBOL_SOX);

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
  *analysis = cc_analysis_new_with_edgar (dataset, event_date, as_of, items, NULL, portfolio,
                                          reported);
  assessor = cc_assessor_new_full (dataset, (*analysis)->rules, reported);
  *timeline = cc_assessor_timeline (assessor, CC_DATE_INVALID, CC_DATE_INVALID);
  return TRUE;
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
  g_autoptr(CcTimeline) timeline = NULL;

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (CC_IS_DATASET (dataset), FALSE);

  if (!compute_analysis (dataset, event_date, as_of, items, NULL, NULL, &analysis, &timeline,
                         error))
    return FALSE;
  cc_report_render_with_timeline (cr, analysis, timeline, page_width, page_height);
  return cairo_status (cr) == CAIRO_STATUS_SUCCESS;
}

/* The chart's items as the window gives them to the side panel: without the portfolio's line,
 * whose row the open portfolio's series adds whether its line is drawn or not. */
static GStrv
panel_items (CcChart *chart)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char * const *items = cc_chart_get_items (chart);

  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    if (!g_str_has_prefix (items[i], CC_CHART_PORTFOLIO_PREFIX))
      g_strv_builder_add (builder, items[i]);
  return g_strv_builder_end (builder);
}

#define CHART_ZOOM 1.1

/* The report's first page: the chart across the top, @chart_height high, then the analysis
 * (when there is one) below it. Returns the pages drawn. */
static int
render_report (Pager            *pager,
               CcChart          *chart,
               double            chart_height,
               const CcAnalysis *analysis,
               const CcTimeline *timeline,
               const CcExposure *exposure)
{
  pager->pages = 0;
  pager->y = MARGIN;
  pager->page_open = TRUE;
  /* The figure is laid out a little smaller and enlarged, so that its type, which follows the
   * figure's size, reads at about the size of the text around it rather than below it. */
  cairo_save (pager->cr);
  cairo_translate (pager->cr, MARGIN, MARGIN);
  cairo_scale (pager->cr, CHART_ZOOM, CHART_ZOOM);
  cc_chart_draw (chart, pager->cr, pager_content_width (pager) / CHART_ZOOM,
                 chart_height / CHART_ZOOM);
  cairo_restore (pager->cr);
  pager->y += chart_height + SECTION_GAP;
  if (analysis != NULL)
    render_analysis (pager, analysis, timeline);
  else
    pager_break (pager);
  if (exposure != NULL)
    render_portfolio (pager, exposure);
  return pager->pages;
}

gboolean
cc_report_write_pdf (CcChart             *chart,
                     double               figure_width,
                     double               figure_height,
                     cairo_write_func_t   write_func,
                     void                *closure,
                     GCancellable        *cancellable,
                     char               **analysis_note,
                     GError             **error)
{
  g_autoptr(CcAnalysis) analysis = NULL;
  g_autoptr(CcTimeline) timeline = NULL;
  g_autoptr(CcExposure) exposure = NULL;
  g_autoptr(GError) analysis_error = NULL;
  g_auto(GStrv) items = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subject = NULL;
  CcEvent *event;
  Pager pager = { 0 };
  cairo_surface_t *surface;
  cairo_t *counting;
  cairo_status_t status;
  double chart_height;
  gboolean letter;

  g_return_val_if_fail (CC_IS_CHART (chart), FALSE);
  g_return_val_if_fail (figure_width > 0 && figure_height > 0, FALSE);

  /* Letter paper when the figure was asked for on Letter, A4 otherwise; portrait either way,
   * for the analysis reads best in a column. */
  letter = fabs (MAX (figure_width, figure_height) - CC_PAGE_LETTER_WIDTH) < 0.5 &&
           fabs (MIN (figure_width, figure_height) - CC_PAGE_LETTER_HEIGHT) < 0.5;
  pager.width = letter ? CC_PAGE_LETTER_HEIGHT : CC_PAGE_A4_HEIGHT;
  pager.height = letter ? CC_PAGE_LETTER_WIDTH : CC_PAGE_A4_WIDTH;
  cc_report_ink_init_print (&pager.ink);
  /* The chart spans the text width in the figure's proportions, within limits that keep it
   * legible and leave room for the analysis to begin under it. */
  chart_height = pager_content_width (&pager) * figure_height / figure_width;
  chart_height = CLAMP (chart_height, 0.5 * pager_content_width (&pager),
                        0.55 * (pager.height - 2 * MARGIN));

  event = cc_chart_get_event (chart);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  items = panel_items (chart);
  if (!compute_analysis (cc_chart_get_dataset (chart),
                         event ? cc_event_get_date (event) : CC_DATE_INVALID,
                         cc_chart_get_as_of (chart),
                         items[0] != NULL ? (const char * const *) items : NULL,
                         cc_chart_get_portfolio (chart), cc_chart_get_reported_monitors (chart),
                         &analysis, &timeline, &analysis_error))
    {
      if (analysis_note != NULL)
        *analysis_note = g_strdup (analysis_error->message);
    }
  exposure = compute_exposure (chart, analysis);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  counting = counting_context (pager.width, pager.height);
  pager.cr = counting;
  pager.total = render_report (&pager, chart, chart_height, analysis, timeline, exposure);
  cairo_destroy (counting);

  surface = cairo_pdf_surface_create_for_stream (write_func, closure, pager.width, pager.height);
  title = g_strdup (cc_chart_get_title (chart));
  if (title == NULL && event != NULL)
    title = g_strdup (cc_event_get_title (event));
  if (title == NULL)
    title = g_strdup (_("Chip Cycle chart"));
  if (analysis != NULL)
    {
      char as_of[11];

      cc_date_format_iso (analysis->as_of, as_of);
      /* TRANSLATORS: the PDF report's subject; %s is the as-of date */
      subject = g_strdup_printf (_("A chart of chip stocks and the phase and scenario "
                                   "assessment of the AI-infrastructure cycle, data to %s"),
                                 as_of);
    }
  else
    subject = g_strdup (_("A chart of chip stocks"));
  _cc_print_set_pdf_metadata (surface, title, subject);
  pager.cr = cairo_create (surface);
  render_report (&pager, chart, chart_height, analysis, timeline, exposure);
  cairo_destroy (pager.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write the PDF: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  GOutputStream *stream;
  GCancellable  *cancellable;
  GError        *error;
} ReportWrite;

static cairo_status_t
write_stream_cb (void                *user_data,
                 const unsigned char *data,
                 unsigned int         length)
{
  ReportWrite *write = user_data;

  if (write->error != NULL ||
      !g_output_stream_write_all (write->stream, data, length, NULL, write->cancellable,
                                  &write->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

gboolean
cc_report_export_pdf (CcChart       *chart,
                      GFile         *file,
                      double         figure_width,
                      double         figure_height,
                      GCancellable  *cancellable,
                      char         **analysis_note,
                      GError       **error)
{
  g_autoptr(CcSaveStream) stream = NULL;
  g_autoptr(GError) report_error = NULL;
  ReportWrite write = { NULL, cancellable, NULL };
  gboolean ok;

  g_return_val_if_fail (CC_IS_CHART (chart), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  stream = cc_save_stream_new_for_file (file, CC_SAVE_MODE_DEFAULT, error);
  if (stream == NULL)
    return FALSE;
  write.stream = G_OUTPUT_STREAM (stream);

  ok = cc_report_write_pdf (chart, figure_width, figure_height, write_stream_cb, &write,
                            cancellable, analysis_note, &report_error);
  if (write.error != NULL)
    {
      cc_save_stream_abort (stream);
      g_propagate_error (error, write.error);
      return FALSE;
    }
  if (!ok)
    {
      g_autofree char *name = g_filename_display_name (cc_save_stream_get_path (stream));

      cc_save_stream_abort (stream);
      if (g_error_matches (report_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&report_error));
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"), name,
                     report_error->message);
      return FALSE;
    }
  return cc_save_stream_commit (stream, cancellable, error);
}
