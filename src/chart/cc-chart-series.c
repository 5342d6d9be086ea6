/* cc-chart-series.c: the line layer. Observed stretches are solid, reconstructed or anchored
 * ones dashed; with more points than pixel columns each column is drawn as one min/max bar,
 * read from the series' pyramid, so the cost follows the width, not the number of points. */
#define G_LOG_DOMAIN "cc-chart-series"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cc-chart-private.h"

double
_cc_chart_series_line_width (const CcChartSeries *series,
                             double               font_size)
{
  double unit = font_size / 13.0;

  if (series->is_basket)
    return 2.6 * unit;
  if (g_strcmp0 (series->group_id, "index") == 0)
    return 2.0 * unit;
  return 1.5 * unit;
}

/* One pattern says "reconstructed" on every line, so colour alone carries identity: long dashes
 * with short gaps keep a line readable as one line at a dozen series, where dashes as short as
 * their gaps broke each into beads that merged with its neighbours'. Baskets' dashes are longer
 * in step with their heavier stroke. Chosen from screenshots at 4, 7 and 12 series. */
void
_cc_chart_series_dashes (const CcChartSeries *series,
                         double               font_size,
                         double               dashes[2])
{
  double unit = font_size / 13.0;

  dashes[0] = (series->is_basket ? 14.0 : 10.0) * unit;
  dashes[1] = MAX (2.0, (series->is_basket ? 3.0 : 2.5) * unit);
}

void
_cc_chart_get_device_dashes (cairo_t *cr,
                             double   out[2])
{
  double dashes[2], offset, oy = 0;

  cairo_get_dash (cr, dashes, &offset);
  for (guint i = 0; i < 2; i++)
    {
      out[i] = dashes[i];
      oy = 0;
      cairo_user_to_device_distance (cr, &out[i], &oy);
      out[i] = hypot (out[i], oy);
    }
}

static inline gboolean
is_observed (const CcChartSeries *s,
             guint                i)
{
  return s->prov[i] == CC_PROVENANCE_OBSERVED;
}

/* Strokes are issued in short runs: Cairo rasterises a stroke over its whole bounding box, so
 * one long line across the plot costs the plot's area, while runs of a few dozen segments
 * cost only the boxes they cover. A dashed line carries its dash offset from run to run. */
#define SEGMENTS_PER_STROKE 24

typedef struct {
  cairo_t *cr;
  CcChartDrawnSeries *drawn;  /* counts the strokes, for the tests */
  gboolean dashed;
  double   dashes[2];
  double   offset;        /* dash phase at the start of the current run */
  double   run_length;    /* user units stroked in the current run */
  guint    segments;
  double   x, y;          /* current point */
} Stroker;

static void
stroker_flush (Stroker *st)
{
  if (st->segments == 0)
    return;
  /* What Cairo is about to draw, not what was asked for: the tests read these. */
  if (cairo_get_dash_count (st->cr) == 2)
    {
      st->drawn->dashed_strokes++;
      _cc_chart_get_device_dashes (st->cr, st->drawn->dashes);
    }
  else if (cairo_get_dash_count (st->cr) > 0)
    st->drawn->dashed_strokes++;
  else
    st->drawn->solid_strokes++;
  cairo_pattern_get_rgba (cairo_get_source (st->cr), &st->drawn->stroke_color.red,
                          &st->drawn->stroke_color.green, &st->drawn->stroke_color.blue,
                          &st->drawn->stroke_color.alpha);
  cairo_stroke (st->cr);
  st->offset += st->run_length;
  if (st->dashed)
    cairo_set_dash (st->cr, st->dashes, 2, st->offset);
  st->run_length = 0;
  st->segments = 0;
}

static void
stroker_move_to (Stroker *st,
                 double   x,
                 double   y)
{
  stroker_flush (st);
  cairo_move_to (st->cr, x, y);
  st->x = x;
  st->y = y;
}

static void
stroker_line_to (Stroker *st,
                 double   x,
                 double   y)
{
  if (st->segments >= SEGMENTS_PER_STROKE)
    {
      stroker_flush (st);
      cairo_move_to (st->cr, st->x, st->y);
    }
  cairo_line_to (st->cr, x, y);
  st->run_length += hypot (x - st->x, y - st->y);
  st->segments++;
  st->x = x;
  st->y = y;
}

static void
stroker_init (Stroker            *st,
              cairo_t            *cr,
              CcChartDrawnSeries *drawn,
              const double        dashes[2],
              gboolean            dashed)
{
  st->cr = cr;
  st->drawn = drawn;
  st->dashed = dashed;
  st->dashes[0] = dashes[0];
  st->dashes[1] = dashes[1];
  st->offset = 0;
  st->run_length = 0;
  st->segments = 0;
  if (dashed)
    cairo_set_dash (cr, st->dashes, 2, 0);
  else
    cairo_set_dash (cr, NULL, 0, 0);
}

/* Every segment between consecutive points, in one pass for the solid or the dashed kind. */
static void
path_points (Stroker             *st,
             const CcChartFrame  *frame,
             const CcChartSeries *s,
             gboolean             observed)
{
  gboolean open = FALSE;

  for (guint i = 1; i < s->n; i++)
    {
      gboolean seg_observed = is_observed (s, i - 1) && is_observed (s, i);

      if (seg_observed != observed || isnan (s->y[i - 1]) || isnan (s->y[i]) ||
          i == s->gap_before)
        {
          open = FALSE;
          continue;
        }
      if (!open)
        stroker_move_to (st, _cc_time_axis_map (&frame->taxis, s->x[i - 1]),
                         _cc_value_axis_map (&frame->vaxis, s->y[i - 1]));
      stroker_line_to (st, _cc_time_axis_map (&frame->taxis, s->x[i]),
                       _cc_value_axis_map (&frame->vaxis, s->y[i]));
      open = TRUE;
    }
  stroker_flush (st);
}

/* Where the column bars of a series go: straight into the pixels of an image surface, or
 * through Cairo as pixel-aligned boxes (PDF, SVG, recordings, any transformed target). */
typedef struct {
  guint8  *pixels;        /* NULL: draw through Cairo */
  int      stride;
  int      x0, y0, x1, y1;  /* the clip, in the target's pixels */
  guint32  argb;          /* premultiplied */
  guint    alpha;
} ColumnTarget;

/* Pixels can be written directly when @cr draws into an ARGB32 or RGB24 image with only a
 * scale and a whole-pixel translation, and its clip is one box on whole pixels: then a column
 * bar is exactly a run of whole pixels, the same ones Cairo would fill, for a fraction of
 * Cairo's cost per box (about 0.4 µs, which at 16 series x 1,500 columns is most of a
 * frame). */
static gboolean
column_target_init (ColumnTarget *target,
                    cairo_t      *cr,
                    CcRgba        color)
{
  cairo_surface_t *surface = cairo_get_group_target (cr);
  cairo_rectangle_list_t *clip;
  cairo_format_t format;
  cairo_matrix_t m;
  double x0, y0, x1, y1;
  double a = CLAMP (color.alpha, 0.0, 1.0);

  target->pixels = NULL;
  if (cairo_surface_get_type (surface) != CAIRO_SURFACE_TYPE_IMAGE ||
      cairo_get_operator (cr) != CAIRO_OPERATOR_OVER)
    return FALSE;
  format = cairo_image_surface_get_format (surface);
  if (format != CAIRO_FORMAT_ARGB32 && format != CAIRO_FORMAT_RGB24)
    return FALSE;
  cairo_get_matrix (cr, &m);
  if (m.xy != 0 || m.yx != 0 || !(m.xx > 0) || !(m.yy > 0))
    return FALSE;

  clip = cairo_copy_clip_rectangle_list (cr);
  if (clip->status != CAIRO_STATUS_SUCCESS || clip->num_rectangles != 1)
    {
      cairo_rectangle_list_destroy (clip);
      return FALSE;
    }
  x0 = clip->rectangles[0].x;
  y0 = clip->rectangles[0].y;
  x1 = x0 + clip->rectangles[0].width;
  y1 = y0 + clip->rectangles[0].height;
  cairo_rectangle_list_destroy (clip);
  cairo_user_to_device (cr, &x0, &y0);
  cairo_user_to_device (cr, &x1, &y1);
  if (fabs (x0 - round (x0)) > 1e-6 || fabs (y0 - round (y0)) > 1e-6 ||
      fabs (x1 - round (x1)) > 1e-6 || fabs (y1 - round (y1)) > 1e-6)
    return FALSE;
  {
    /* The device offset of a group or a subsurface moves the origin of the pixels. */
    double ox = 0, oy = 0;

    cairo_surface_get_device_offset (surface, &ox, &oy);
    if (fabs (ox - round (ox)) > 1e-6 || fabs (oy - round (oy)) > 1e-6)
      return FALSE;
    x0 -= ox;
    x1 -= ox;
    y0 -= oy;
    y1 -= oy;
  }

  cairo_surface_flush (surface);
  target->pixels = cairo_image_surface_get_data (surface);
  if (target->pixels == NULL)
    return FALSE;
  target->stride = cairo_image_surface_get_stride (surface);
  target->x0 = MAX (0, (int) round (x0));
  target->y0 = MAX (0, (int) round (y0));
  target->x1 = MIN (cairo_image_surface_get_width (surface), (int) round (x1));
  target->y1 = MIN (cairo_image_surface_get_height (surface), (int) round (y1));
  target->alpha = (guint) round (a * 255);
  target->argb = target->alpha << 24 |
                 (guint) round (CLAMP (color.red, 0.0, 1.0) * a * 255) << 16 |
                 (guint) round (CLAMP (color.green, 0.0, 1.0) * a * 255) << 8 |
                 (guint) round (CLAMP (color.blue, 0.0, 1.0) * a * 255);
  return TRUE;
}

/* One bar, device pixels [x, x + 1) x [top, bottom), composited OVER the pixels. */
static void
column_target_fill (ColumnTarget *target,
                    int           x,
                    int           top,
                    int           bottom)
{
  guint8 *row;

  if (x < target->x0 || x >= target->x1)
    return;
  top = MAX (top, target->y0);
  bottom = MIN (bottom, target->y1);
  row = target->pixels + (gsize) top * target->stride + (gsize) x * 4;
  if (target->alpha == 255)
    for (int y = top; y < bottom; y++, row += target->stride)
      *(guint32 *) (void *) row = target->argb;
  else
    for (int y = top; y < bottom; y++, row += target->stride)
      {
        guint32 d = *(guint32 *) (void *) row, out = 0;
        guint inv = 255 - target->alpha;

        for (int shift = 0; shift < 32; shift += 8)
          {
            guint c = (d >> shift & 0xff) * inv + 0x80;

            c = ((c >> 8) + c) >> 8;
            out |= MIN (255u, c + (target->argb >> shift & 0xff)) << shift;
          }
        *(guint32 *) (void *) row = out;
      }
}

/* One bar per device pixel column from the column's minimum to its maximum (reaching back to
 * the previous column's last value, so the line stays connected), each a box of whole device
 * pixels: written straight into an image's pixels when @cr allows it, otherwise filled by
 * Cairo, which also fills pixel-aligned boxes far faster than it strokes a zigzag.
 * Reconstructed stretches leave gaps in the rhythm of the dash pattern. A column counts as
 * observed only if its first and last points are. */
static void
fill_columns (cairo_t             *cr,
              const CcChartFrame  *frame,
              const CcChartSeries *s,
              guint                columns,
              double               line_width,
              const double         dashes[2],
              gboolean             observed,
              CcRgba               color)
{
  const CcTimeAxis *t = &frame->taxis;
  double span = t->last - t->first + 1.0;
  double half;
  double prev_last = NAN, scale = 1, x_left, ox, ignored_y = 0, pixel_y0 = 0;
  guint dash_on, dash_period;
  guint i0 = 0;
  ColumnTarget target = { 0 };
  gboolean direct = column_target_init (&target, cr, color);

  half = line_width / 2;
  {
    double sx = 1, sy = 0;

    /* Device pixels per user unit. */
    cairo_user_to_device_distance (cr, &sx, &sy);
    scale = fabs (sx);
  }
  /* The stroked lines' pattern, in whole columns. */
  dash_on = MAX (2, (guint) round (dashes[0] * scale));
  dash_period = dash_on + MAX (2, (guint) round (dashes[1] * scale));
  /* The plot's left edge, on a device pixel. */
  ox = t->left;
  cairo_user_to_device (cr, &ox, &ignored_y);
  ox = round (ox);
  x_left = ox;
  cairo_device_to_user (cr, &x_left, &ignored_y);
  if (direct)
    {
      double dx = 0, dy = 0, sox = 0, soy = 0;

      /* Device space includes the surface's device offset; pixels do not. pixel_y0 is the
       * pixel row of user y = 0. */
      cairo_user_to_device (cr, &dx, &dy);
      cairo_surface_get_device_offset (cairo_get_group_target (cr), &sox, &soy);
      ox -= round (sox);
      pixel_y0 = round (dy) - round (soy);
    }
  else
    _cc_chart_set_source (cr, color);

  for (guint c = 0; c < columns; c++)
    {
      double idx_end = t->first - 0.5 + (c + 1) * span / columns;
      guint i1 = _cc_chart_series_lower_bound (s, (int) ceil (idx_end), i0);
      double mn, mx, lo, hi, top, bottom;
      gboolean col_observed;

      if (i1 <= i0)
        continue;
      col_observed = is_observed (s, i0) && is_observed (s, i1 - 1);
      _cc_chart_series_minmax (s, i0, i1, &mn, &mx);
      lo = mn;
      hi = mx;
      if (s->gap_before > 0 && i0 == s->gap_before)
        prev_last = NAN;
      if (!isnan (prev_last))
        {
          lo = MIN (lo, prev_last);
          hi = MAX (hi, prev_last);
        }
      prev_last = s->y[i1 - 1];
      i0 = i1;
      if (col_observed != observed || !isfinite (mn))
        continue;
      if (!observed && (c % dash_period) >= dash_on)
        continue;

      /* Whole device pixels: at a million points per line the bars are dense enough that
       * nobody sees the rounding. */
      top = floor ((_cc_value_axis_map (&frame->vaxis, hi) - half) * scale);
      bottom = ceil ((_cc_value_axis_map (&frame->vaxis, lo) + half) * scale);
      if (direct)
        column_target_fill (&target, (int) ox + (int) c, (int) (top + pixel_y0),
                            (int) (bottom + pixel_y0));
      else
        cairo_rectangle (cr, x_left + c / scale, top / scale, 1 / scale, (bottom - top) / scale);
    }
  if (direct)
    cairo_surface_mark_dirty (cairo_get_group_target (cr));
  else
    cairo_fill (cr);
}

/* Whether @s is dense enough on @t's visible days to be drawn as column bars: more visible
 * points than columns, and no step between neighbours wider than a column. A month-end
 * stretch (one point every twenty-odd sessions) keeps its stroked segments even when the
 * daily stretch beside it would fill every column, since as bars it would read as a
 * staircase; a daily series over a long range fills every column and loses nothing. */
static gboolean
series_is_dense (const CcChartSeries *s,
                 const CcTimeAxis    *t,
                 guint                columns)
{
  double per_column = (t->last - t->first + 1.0) / columns;
  guint visible = 0;
  int prev = 0;

  if (s->n <= columns)
    return FALSE;
  for (guint i = 0; i < s->n; i++)
    {
      if (s->x[i] < t->first || s->x[i] > t->last)
        continue;
      if (visible > 0 && s->x[i] - prev > per_column)
        return FALSE;
      prev = s->x[i];
      visible++;
    }
  return visible > columns;
}

static void
drawn_series_clear (gpointer data)
{
  CcChartDrawnSeries *d = data;

  g_free (d->item);
  g_free (d->legend_entry);
}

void
_cc_chart_draw_series (CcChartFrame *frame,
                       CcChartData  *data,
                       cairo_t      *cr)
{
  CcChartRect *plot = &frame->layout->plot;
  double dev_w = plot->width, dev_h = 0;
  guint columns;

  g_clear_pointer (&frame->drawn, g_array_unref);
  frame->drawn = g_array_sized_new (FALSE, TRUE, sizeof (CcChartDrawnSeries), data->series->len);
  g_array_set_clear_func (frame->drawn, drawn_series_clear);
  g_array_set_size (frame->drawn, data->series->len);
  for (guint k = 0; k < data->series->len; k++)
    {
      CcChartSeries *s = g_ptr_array_index (data->series, k);

      g_array_index (frame->drawn, CcChartDrawnSeries, k).item = g_strdup (s->item);
    }
  if (data->series->len == 0)
    return;

  cairo_user_to_device_distance (cr, &dev_w, &dev_h);
  columns = MAX (1, (guint) ceil (fabs (dev_w)));

  cairo_save (cr);
  {
    /* A clip on whole device pixels is a plain box for Cairo; a fractional one becomes a
     * mask that every stroke is composited through, several times slower. */
    double x0 = plot->x, y0 = plot->y, x1 = plot->x + plot->width, y1 = plot->y + plot->height;

    cairo_user_to_device (cr, &x0, &y0);
    cairo_user_to_device (cr, &x1, &y1);
    x0 = floor (x0);
    y0 = floor (y0);
    x1 = ceil (x1);
    y1 = ceil (y1);
    cairo_device_to_user (cr, &x0, &y0);
    cairo_device_to_user (cr, &x1, &y1);
    cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
    cairo_clip (cr);
  }
  /* Bevel joins: at these widths they look the same as round ones and cost a fifth less. */
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

  /* Baskets last, so the summary lines sit on top of the single names. */
  for (int pass = 0; pass < 2; pass++)
    for (guint k = 0; k < data->series->len; k++)
      {
        CcChartSeries *s = g_ptr_array_index (data->series, k);
        double lw = _cc_chart_series_line_width (s, frame->text.font_size);
        double dashes[2];
        /* From one point per device pixel column on, bars are indistinguishable from a
         * stroked line and many times cheaper. */
        gboolean decimate = series_is_dense (s, &frame->taxis, columns);
        CcRgba color = _cc_chart_style_series_color (&frame->style, s->color_slot,
                                                     s->color_shade);

        if ((pass == 1) != s->is_basket)
          continue;
        _cc_chart_series_dashes (s, frame->text.font_size, dashes);
        _cc_chart_set_source (cr, color);
        cairo_set_line_width (cr, lw);
        for (int kind = 0; kind < 2; kind++)
          {
            gboolean observed = kind == 0;

            if (observed && !s->any_observed)
              continue;
            if (!observed && !s->any_estimated)
              continue;
            if (decimate)
              fill_columns (cr, frame, s, columns, MAX (lw * 0.75, 1.0), dashes, observed,
                            color);
            else
              {
                Stroker st;

                stroker_init (&st, cr, &g_array_index (frame->drawn, CcChartDrawnSeries, k),
                              dashes, !observed);
                path_points (&st, frame, s, observed);
              }
          }
        /* A series with a single bar has no segment: mark it with a dot. */
        if (s->n == 1 && !isnan (s->y[0]))
          {
            cairo_arc (cr, _cc_time_axis_map (&frame->taxis, s->x[0]),
                       _cc_value_axis_map (&frame->vaxis, s->y[0]), lw * 1.5, 0, 2 * G_PI);
            cairo_fill (cr);
          }
      }
  cairo_restore (cr);
}
