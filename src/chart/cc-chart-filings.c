/* cc-chart-filings.c: company filings (SEC EDGAR) as small markers on each series' line at
 * the first session that could react to them, one shape and letter per kind, and the key
 * that explains them. Markers that would cover each other or a label are stacked off their
 * line with a leader, as the end labels are (_cc_chart_stack_labels). */
#define G_LOG_DOMAIN "cc-chart-filings"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cc-chart-private.h"
#include "cc-chart.h"

#define KEY_FONT CC_CHART_FONT_LEGEND
#define GLYPH_FONT CC_CHART_FONT_SMALL

/* ---------------------------------------------------------------------------------------- */
/* Records */

CcChartFiling *
cc_chart_filing_new (const char   *symbol,
                     CcDate        event_day,
                     CcFilingKind  kind,
                     const char   *form,
                     const char   *items,
                     gint64        accepted_at,
                     const char   *url)
{
  CcChartFiling *filing = g_new0 (CcChartFiling, 1);

  g_return_val_if_fail (symbol != NULL, NULL);
  g_return_val_if_fail (kind < CC_N_FILING_KINDS, NULL);

  filing->symbol = g_strdup (symbol);
  filing->event_day = event_day;
  filing->kind = kind;
  filing->form = g_strdup (form ? form : "");
  filing->items = g_strdup (items ? items : "");
  filing->accepted_at = accepted_at;
  filing->url = g_strdup (url);
  filing->fetched_at = G_MININT64;
  return filing;
}

void
cc_chart_filing_free (CcChartFiling *filing)
{
  if (filing == NULL)
    return;
  g_free (filing->symbol);
  g_free (filing->form);
  g_free (filing->items);
  g_free (filing->url);
  g_free (filing);
}

static gboolean
has_item (const char * const *items,
          const char         *item)
{
  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    if (g_str_equal (items[i], item))
      return TRUE;
  return FALSE;
}

gboolean
cc_filing_kind_classify (const char         *form,
                         const char * const *items,
                         CcFilingKind       *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  if (form == NULL)
    return FALSE;
  /* Amendments restate; the reaction was to the original. */
  if (g_str_has_suffix (form, "/A"))
    return FALSE;
  if (g_str_equal (form, "10-Q") || g_str_equal (form, "10-K") || g_str_equal (form, "20-F"))
    *kind = CC_FILING_RESULTS;
  else if (g_str_equal (form, "8-K") && has_item (items, "2.02"))
    *kind = CC_FILING_RESULTS;
  else if (g_str_equal (form, "8-K") && has_item (items, "1.01"))
    *kind = CC_FILING_AGREEMENT;
  else if (g_str_equal (form, "8-K"))
    *kind = CC_FILING_OTHER;
  else if (g_str_equal (form, "S-1") || g_str_has_prefix (form, "424B"))
    *kind = CC_FILING_LISTING;
  else
    return FALSE;
  return TRUE;
}

const char *
cc_filing_kind_get_glyph (CcFilingKind kind)
{
  /* Letters, not words: the key says what they stand for in every language. */
  static const char * const glyphs[CC_N_FILING_KINDS] = { "E", "A", "L", "" };

  g_return_val_if_fail (kind < CC_N_FILING_KINDS, "");
  return glyphs[kind];
}

const char *
cc_filing_kind_get_label (CcFilingKind kind)
{
  switch (kind)
    {
    case CC_FILING_RESULTS:
      /* TRANSLATORS: a kind of SEC filing in the chart's key; the forms stay as they are */
      return _("results (10-Q, 10-K, 20-F, 8-K 2.02)");
    case CC_FILING_AGREEMENT:
      /* TRANSLATORS: a kind of SEC filing in the chart's key */
      return _("material agreement (8-K 1.01)");
    case CC_FILING_LISTING:
      /* TRANSLATORS: a kind of SEC filing in the chart's key: a registration or prospectus */
      return _("listing (S-1, 424B)");
    case CC_FILING_OTHER:
    case CC_N_FILING_KINDS:
    default:
      /* TRANSLATORS: a kind of SEC filing in the chart's key */
      return _("other 8-K");
    }
}

const char *
cc_filing_kind_get_key (CcFilingKind kind)
{
  static const char * const keys[CC_N_FILING_KINDS] = {
    "filings-results", "filings-agreements", "filings-listings", "filings-other"
  };

  g_return_val_if_fail (kind < CC_N_FILING_KINDS, NULL);
  return keys[kind];
}

gboolean
cc_filing_kind_from_name (const char   *name,
                          CcFilingKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (CcFilingKind k = 0; name != NULL && k < CC_N_FILING_KINDS; k++)
    if (g_ascii_strcasecmp (name, cc_filing_kind_get_key (k) + strlen ("filings-")) == 0)
      {
        *kind = k;
        return TRUE;
      }
  return FALSE;
}

static char *
format_time (gint64     unix_time,
             GTimeZone *zone)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) there = NULL;

  if (dt == NULL)
    return g_strdup ("?");
  there = g_date_time_to_timezone (dt, zone);
  /* TRANSLATORS: a filing's acceptance time, e.g. "2 Jul 2026 16:30" */
  return g_date_time_format (there, C_("filing time", "%-d %b %Y %H:%M"));
}

static char *
describe (const CcChartFiling *filing,
          gboolean             keyboard)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *symbol = NULL;
  g_autofree char *form = NULL;
  g_autofree char *items = NULL;
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *day_text = NULL;

  g_return_val_if_fail (filing != NULL, NULL);

  symbol = g_markup_escape_text (filing->symbol, -1);
  form = g_markup_escape_text (filing->form, -1);
  g_string_append_printf (text, "<b>%s · %s</b> (%s)", symbol, form,
                          cc_filing_kind_get_label (filing->kind));
  if (filing->items[0] != '\0')
    {
      items = g_markup_escape_text (filing->items, -1);
      g_string_append_c (text, '\n');
      /* TRANSLATORS: the items of an 8-K: "Items 2.02, 9.01" */
      g_string_append_printf (text, _("Items %s"), items);
    }
  if (filing->accepted_at != G_MININT64)
    {
      g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();
      g_autofree char *ny = NULL;
      g_autofree char *here = NULL;

      if (new_york == NULL)
        new_york = g_time_zone_new_utc ();
      ny = format_time (filing->accepted_at, new_york);
      here = format_time (filing->accepted_at, local);
      g_string_append_c (text, '\n');
      /* TRANSLATORS: when the SEC accepted a filing, in New York and in the user's time
       * zone: "Accepted 2 Jul 2026 16:30 New York time · 22:30 local time" */
      g_string_append_printf (text, _("Accepted %s New York time · %s local time"), ny, here);
    }
  day = cc_date_to_date_time (filing->event_day);
  /* TRANSLATORS: a date format for a filing's event day, e.g. "6 Jul 2026" */
  day_text = day ? g_date_time_format (day, C_("filing day", "%-d %b %Y")) : g_strdup ("?");
  g_string_append_c (text, '\n');
  /* TRANSLATORS: the first session that could react to a filing: "First session: 6 Jul 2026" */
  g_string_append_printf (text, _("First session to react: %s"), day_text);
  if (filing->url != NULL)
    g_string_append_printf (text, "\n<small>%s</small>",
                            keyboard ? _("Return opens the filing on the SEC's site, Menu "
                                         "offers its link")
                                     : _("Click to open the filing on the SEC's site"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
cc_chart_filing_describe (const CcChartFiling *filing)
{
  return describe (filing, FALSE);
}

char *
cc_chart_filing_describe_for_keyboard (const CcChartFiling *filing)
{
  return describe (filing, TRUE);
}

/* ---------------------------------------------------------------------------------------- */
/* Layout */

/* A plain ticker's line, not a basket, pair or portfolio, carries its company's filings. */
static GPtrArray *
filings_of (GHashTable          *filings,
            const CcChartSeries *s)
{
  if (filings == NULL || s->is_basket || s->derived_kind != 0)
    return NULL;
  return g_hash_table_lookup (filings, s->item);
}

guint
_cc_chart_filings_present (CcChartData *data,
                           GHashTable  *filings,
                           guint        kinds,
                           gint64      *oldest)
{
  guint present = 0;

  *oldest = G_MAXINT64;

  if (kinds == 0 || data->n_dates == 0)
    return 0;
  for (guint i = 0; i < data->series->len; i++)
    {
      CcChartSeries *s = g_ptr_array_index (data->series, i);
      GPtrArray *list = filings_of (filings, s);

      for (guint j = 0; list != NULL && j < list->len; j++)
        {
          CcChartFiling *f = g_ptr_array_index (list, j);

          if ((kinds & (1u << f->kind)) && f->event_day >= data->dates[0] &&
              f->event_day <= data->dates[data->n_dates - 1])
            {
              present |= 1u << f->kind;
              *oldest = MIN (*oldest, f->fetched_at);
            }
        }
    }
  if (*oldest == G_MAXINT64)
    *oldest = G_MININT64;
  return present;
}

void
_cc_chart_filing_key_entry_clear (gpointer p)
{
  CcFilingKeyEntry *entry = p;

  g_free (entry->text);
}

static double
marker_size (CcChartFrame *frame)
{
  return round (frame->text.font_size * 1.25);
}

double
_cc_chart_filings_key_layout (CcChartFrame *frame,
                              guint         present,
                              gint64        fetched_at,
                              double        width)
{
  double fs = frame->text.font_size;
  double size = marker_size (frame);
  double x = 0, y = 0, row_h = 0, head_h = 0, gap = fs * 1.2;
  g_autoptr(GString) reader = g_string_new (NULL);
  g_autoptr(PangoLayout) head = NULL;
  double w, h;

  g_clear_pointer (&frame->filings_key, g_array_unref);
  g_clear_pointer (&frame->filings_key_text, g_free);
  frame->filings_key_rect = (CcChartRect) { 0, 0, 0, 0 };
  frame->filings_key = g_array_new (FALSE, TRUE, sizeof (CcFilingKeyEntry));
  g_array_set_clear_func (frame->filings_key, _cc_chart_filing_key_entry_clear);
  if (present == 0)
    return 0;

  /* The heading names the source, so a marker is never taken for a hand-tagged event. */
  {
    CcFilingKeyEntry entry = { CC_N_FILING_KINDS, 0, 0, 0, 0, NULL };

    if (fetched_at != G_MININT64)
      {
        g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (fetched_at);
        g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
        /* TRANSLATORS: a date format for when filings were fetched, e.g. "2 Dec 2026" */
        g_autofree char *day = local ? g_date_time_format (local, C_("filings fetched",
                                                                     "%-d %b %Y"))
                                     : NULL;

        /* TRANSLATORS: heads the key of the filing markers on the chart, with the day the
         * oldest of them was fetched: "Filings (SEC EDGAR, fetched 2 Dec 2026):" */
        entry.text = g_strdup_printf (_("Filings (SEC EDGAR, fetched %s):"), day ? day : "?");
      }
    else
      /* TRANSLATORS: heads the key of the filing markers on the chart */
      entry.text = g_strdup (_("Filings (SEC EDGAR):"));
    head = _cc_chart_text_layout (&frame->text, entry.text, KEY_FONT, PANGO_WEIGHT_BOLD, FALSE);
    _cc_chart_text_size (head, &w, &h);
    head_h = h;
    entry.text_x = 0;
    entry.text_y = 0;
    g_string_append (reader, entry.text);
    g_array_append_val (frame->filings_key, entry);
    x = w + fs * 0.6;
    row_h = MAX (h, size);
  }

  for (CcFilingKind kind = 0; kind < CC_N_FILING_KINDS; kind++)
    {
      CcFilingKeyEntry entry = { kind, 0, 0, 0, 0, NULL };
      g_autoptr(PangoLayout) pl = NULL;
      double entry_w;

      if (!(present & (1u << kind)))
        continue;
      entry.text = g_strdup (cc_filing_kind_get_label (kind));
      pl = _cc_chart_text_layout (&frame->text, entry.text, KEY_FONT, PANGO_WEIGHT_NORMAL,
                                  FALSE);
      _cc_chart_text_size (pl, &w, &h);
      entry_w = size + fs * 0.35 + w;
      if (x > 0 && x + entry_w > width)
        {
          x = 0;
          y += row_h + fs * 0.25;
        }
      entry.x = x + size / 2;
      entry.y = y + row_h / 2;
      entry.text_x = x + size + fs * 0.35;
      entry.text_y = y + (row_h - h) / 2;
      g_string_append_printf (reader, " %s %s", cc_filing_kind_get_glyph (kind), entry.text);
      g_array_append_val (frame->filings_key, entry);
      x += entry_w + gap;
    }
  /* The heading sits on the first row's centre too. */
  g_array_index (frame->filings_key, CcFilingKeyEntry, 0).text_y = (row_h - head_h) / 2;
  frame->filings_key_text = g_strdup (reader->str);
  frame->filings_key_rect = (CcChartRect) { 0, 0, width, y + row_h };
  return y + row_h;
}

void
_cc_chart_filings_key_place (CcChartFrame *frame,
                             double        x,
                             double        y)
{
  frame->filings_key_rect.x = x;
  frame->filings_key_rect.y = y;
  for (guint i = 0; frame->filings_key != NULL && i < frame->filings_key->len; i++)
    {
      CcFilingKeyEntry *entry = &g_array_index (frame->filings_key, CcFilingKeyEntry, i);

      entry->x += x;
      entry->y += y;
      entry->text_x += x;
      entry->text_y += y;
    }
}

static gboolean
rects_overlap (const CcChartRect *a,
               const CcChartRect *b,
               double             gap)
{
  return a->width > 0 && b->width > 0 &&
         a->x < b->x + b->width + gap && b->x < a->x + a->width + gap &&
         a->y < b->y + b->height + gap && b->y < a->y + a->height + gap;
}

static CcChartRect
mark_box (const CcFilingMark *mark)
{
  return (CcChartRect) { mark->x - mark->size / 2, mark->y - mark->size / 2, mark->size,
                         mark->size };
}

static int
mark_compare (const void *a,
              const void *b)
{
  const CcFilingMark *ma = a, *mb = b;

  if (ma->x != mb->x)
    return ma->x < mb->x ? -1 : 1;
  if (ma->series != mb->series)
    return ma->series < mb->series ? -1 : 1;
  return (int) ma->filing->kind - (int) mb->filing->kind;
}

/* The labels a marker must keep clear of: everything the plot area may hold or touch. */
static GArray *
obstacles (CcChartFrame *frame)
{
  CcChartLayout *layout = frame->layout;
  GArray *boxes = g_array_new (FALSE, FALSE, sizeof (CcChartRect));
  GArray *lists[] = { layout->event_labels, layout->end_labels, layout->y_tick_labels,
                      layout->x_tick_labels };

  for (guint k = 0; k < G_N_ELEMENTS (lists); k++)
    for (guint i = 0; lists[k] != NULL && i < lists[k]->len; i++)
      g_array_append_val (boxes, g_array_index (lists[k], CcChartLabelBox, i).rect);
  g_array_append_val (boxes, layout->as_of_label);
  g_array_append_val (boxes, layout->frequency_label);
  return boxes;
}

void
_cc_chart_filings_layout (CcChartFrame *frame,
                          CcChartData  *data,
                          GHashTable   *filings,
                          guint         kinds)
{
  CcChartRect *plot = &frame->layout->plot;
  double size = marker_size (frame);
  double gap = MAX (1.0, frame->text.font_size * 0.12);
  double top = plot->y, bottom = plot->y + plot->height;
  g_autoptr(GArray) avoid = NULL;
  GArray *marks;
  guint start;

  g_clear_pointer (&frame->filing_marks, g_array_unref);
  marks = frame->filing_marks = g_array_new (FALSE, TRUE, sizeof (CcFilingMark));
  frame->filings_dropped = 0;
  if (kinds == 0 || filings == NULL || data->n_dates == 0 || plot->height < size)
    return;

  for (guint i = 0; i < data->series->len; i++)
    {
      CcChartSeries *s = g_ptr_array_index (data->series, i);
      GPtrArray *list = filings_of (filings, s);

      for (guint j = 0; list != NULL && j < list->len; j++)
        {
          const CcChartFiling *f = g_ptr_array_index (list, j);
          CcFilingMark mark = { 0 };
          double index;
          guint k;
          gboolean same = FALSE;

          if (!(kinds & (1u << f->kind)))
            continue;
          index = _cc_chart_data_index_for_date (data, f->event_day);
          /* Only on a bar of the axis: a day between bars has no point on the line. */
          if (isnan (index) || index != floor (index))
            continue;
          k = _cc_chart_series_lower_bound (s, (int) index, 0);
          if (k >= s->n || s->x[k] != (int) index || isnan (s->y[k]))
            continue;
          mark.filing = f;
          mark.series = i;
          mark.x = _cc_time_axis_map (&frame->taxis, index);
          mark.line_y = _cc_value_axis_map (&frame->vaxis, s->y[k]);
          mark.y = mark.line_y;
          mark.size = size;
          mark.count = 1;
          /* One marker per kind, day and line: two results filings on one day (an 8-K
           * and the 10-Q) are one event for the price. */
          for (guint m = 0; m < marks->len && !same; m++)
            {
              CcFilingMark *other = &g_array_index (marks, CcFilingMark, m);

              if (other->series == i && other->filing->kind == f->kind &&
                  other->filing->event_day == f->event_day)
                {
                  other->count++;
                  if (f->accepted_at < other->filing->accepted_at)
                    other->filing = f;   /* the first to reach the market */
                  same = TRUE;
                }
            }
          if (!same)
            g_array_append_val (marks, mark);
        }
    }
  if (marks->len == 0)
    return;
  qsort (marks->data, marks->len, sizeof (CcFilingMark), mark_compare);

  /* Markers close enough in x to touch form a column; each column is stacked like the end
   * labels, as near to each marker's line as the others allow. */
  start = 0;
  while (start < marks->len)
    {
      guint end = start + 1;
      g_autofree double *wanted = NULL;
      g_autofree double *heights = NULL;
      g_autofree double *placed = NULL;

      while (end < marks->len &&
             g_array_index (marks, CcFilingMark, end).x -
             g_array_index (marks, CcFilingMark, end - 1).x < size + gap)
        end++;
      wanted = g_new (double, end - start);
      heights = g_new (double, end - start);
      placed = g_new (double, end - start);
      for (guint m = start; m < end; m++)
        {
          wanted[m - start] = g_array_index (marks, CcFilingMark, m).line_y;
          heights[m - start] = size;
        }
      if (_cc_chart_stack_labels (wanted, heights, end - start, gap, top, bottom, placed))
        for (guint m = start; m < end; m++)
          g_array_index (marks, CcFilingMark, m).y = placed[m - start];
      else
        for (guint m = start; m < end; m++)
          g_array_index (marks, CcFilingMark, m).y = NAN;
      start = end;
    }

  /* Labels win: a marker over one moves just below it, else just above it, else is left
   * out; one that would then cover another marker is left out too. */
  avoid = obstacles (frame);
  for (guint m = 0; m < marks->len; m++)
    {
      CcFilingMark *mark = &g_array_index (marks, CcFilingMark, m);
      gboolean ok = FALSE;

      for (guint attempt = 0; attempt < 4 && !isnan (mark->y) && !ok; attempt++)
        {
          CcChartRect box = mark_box (mark);

          ok = TRUE;
          for (guint b = 0; b < avoid->len && ok; b++)
            {
              CcChartRect *r = &g_array_index (avoid, CcChartRect, b);

              if (!rects_overlap (&box, r, gap))
                continue;
              ok = FALSE;
              if (r->y + r->height + gap + size <= bottom)
                mark->y = r->y + r->height + gap + size / 2;
              else if (r->y - gap - size >= top)
                mark->y = r->y - gap - size / 2;
              else
                mark->y = NAN;
            }
          for (guint o = 0; o < m && ok && !isnan (mark->y); o++)
            {
              CcFilingMark *other = &g_array_index (marks, CcFilingMark, o);
              CcChartRect other_box;

              if (isnan (other->y))
                continue;
              other_box = mark_box (other);
              if (rects_overlap (&box, &other_box, gap * 0.5))
                {
                  ok = FALSE;
                  mark->y = NAN;
                }
            }
        }
      if (!ok || isnan (mark->y))
        {
          mark->y = NAN;
          frame->filings_dropped++;
        }
    }
  /* Keep only what is drawn. */
  for (guint m = marks->len; m > 0; m--)
    if (isnan (g_array_index (marks, CcFilingMark, m - 1).y))
      g_array_remove_index (marks, m - 1);
}

/* ---------------------------------------------------------------------------------------- */
/* Drawing */

/* Results are round, agreements diamonds, listings squares, other 8-Ks a smaller ring: told
 * apart by shape as well as by letter, so they read in grey print too. */
static void
marker_path (cairo_t      *cr,
             CcFilingKind  kind,
             double        x,
             double        y,
             double        size)
{
  double r = size / 2;

  /* Not joined to wherever the last text or path left the current point. */
  cairo_new_path (cr);
  switch (kind)
    {
    case CC_FILING_RESULTS:
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    case CC_FILING_AGREEMENT:
      r *= 1.15;
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r, y);
      cairo_line_to (cr, x, y + r);
      cairo_line_to (cr, x - r, y);
      cairo_close_path (cr);
      break;
    case CC_FILING_LISTING:
      r *= 0.9;
      cairo_rectangle (cr, x - r, y - r, 2 * r, 2 * r);
      break;
    case CC_FILING_OTHER:
    case CC_N_FILING_KINDS:
    default:
      cairo_arc (cr, x, y, r * 0.5, 0, 2 * G_PI);
      break;
    }
}

static void
draw_marker (CcChartFrame *frame,
             cairo_t      *cr,
             CcFilingKind  kind,
             double        x,
             double        y,
             double        size,
             CcRgba        color)
{
  double unit = frame->text.font_size / 13.0;
  const char *glyph = cc_filing_kind_get_glyph (kind);

  marker_path (cr, kind, x, y, size);
  if (kind == CC_FILING_OTHER)
    {
      /* A ring: paper inside, the line's colour around. */
      _cc_chart_set_source (cr, frame->style.paper);
      cairo_fill_preserve (cr);
      _cc_chart_set_source (cr, color);
      cairo_set_line_width (cr, 1.8 * unit);
      cairo_stroke (cr);
      return;
    }
  _cc_chart_set_source (cr, color);
  cairo_fill_preserve (cr);
  /* A paper rim keeps the marker apart from the line it sits on. */
  _cc_chart_set_source (cr, frame->style.paper);
  cairo_set_line_width (cr, 1.2 * unit);
  cairo_stroke (cr);
  if (glyph[0] != '\0')
    {
      g_autoptr(PangoLayout) pl = _cc_chart_text_layout (&frame->text, glyph, GLYPH_FONT,
                                                         PANGO_WEIGHT_BOLD, FALSE);
      PangoRectangle ink;

      pango_layout_get_pixel_extents (pl, &ink, NULL);
      _cc_chart_set_source (cr, frame->style.paper);
      cairo_move_to (cr, x - ink.x - ink.width / 2.0, y - ink.y - ink.height / 2.0);
      pango_cairo_show_layout (cr, pl);
    }
}

void
_cc_chart_draw_filings (CcChartFrame *frame,
                        CcChartData  *data,
                        cairo_t      *cr)
{
  double unit = frame->text.font_size / 13.0;

  if (frame->filing_marks == NULL || frame->filing_marks->len == 0)
    return;

  cairo_save (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  for (guint m = 0; m < frame->filing_marks->len; m++)
    {
      CcFilingMark *mark = &g_array_index (frame->filing_marks, CcFilingMark, m);
      CcChartSeries *s = g_ptr_array_index (data->series, mark->series);
      CcRgba color = _cc_chart_style_series_color (&frame->style, s->color_slot,
                                                   s->color_shade);

      if (fabs (mark->y - mark->line_y) > 0.5)
        {
          /* Moved off its line: a leader from the day's point to the marker. */
          double dir = mark->y > mark->line_y ? 1 : -1;

          _cc_chart_set_source (cr, color);
          cairo_set_line_width (cr, 1.0 * unit);
          cairo_move_to (cr, mark->x, mark->line_y);
          cairo_line_to (cr, mark->x, mark->y - dir * mark->size / 2);
          cairo_stroke (cr);
          cairo_arc (cr, mark->x, mark->line_y, 2.0 * unit, 0, 2 * G_PI);
          cairo_fill (cr);
        }
      draw_marker (frame, cr, mark->filing->kind, mark->x, mark->y, mark->size, color);
      mark->drawn = TRUE;
    }
  cairo_restore (cr);
}

void
_cc_chart_draw_filings_key (CcChartFrame *frame,
                            cairo_t      *cr)
{
  if (frame->filings_key == NULL || frame->filings_key->len == 0)
    return;

  cairo_save (cr);
  for (guint i = 0; i < frame->filings_key->len; i++)
    {
      CcFilingKeyEntry *entry = &g_array_index (frame->filings_key, CcFilingKeyEntry, i);
      g_autoptr(PangoLayout) pl = NULL;
      gboolean head = entry->kind == CC_N_FILING_KINDS;

      if (!head)
        draw_marker (frame, cr, entry->kind, entry->x, entry->y, marker_size (frame),
                     frame->style.ink_muted);
      pl = _cc_chart_text_layout (&frame->text, entry->text, KEY_FONT,
                                  head ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL, FALSE);
      _cc_chart_set_source (cr, frame->style.ink_muted);
      cairo_move_to (cr, entry->text_x, entry->text_y);
      pango_cairo_show_layout (cr, pl);
    }
  cairo_restore (cr);
}
