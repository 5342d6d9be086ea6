/* cc-chart-private.h: what the chart's layers share: prepared series, the style and the
 * geometry of one layout. Nothing here is API for the window or the CLI. */
#pragma once

#include <pango/pangocairo.h>

#include "cc-chart.h"
#include "cc-chart-format.h"
#include "cc-cycle.h"

G_BEGIN_DECLS

typedef struct {
  double red, green, blue, alpha;
} CcRgba;

/* Every colour of one theme, derived from one description (see cc-chart-style.c). */
typedef struct {
  gboolean dark;
  CcRgba   paper;          /* background */
  CcRgba   ink;            /* title, labels */
  CcRgba   ink_muted;      /* subtitle, tick labels, footer */
  CcRgba   grid;           /* quiet grid lines */
  CcRgba   axis;           /* axis line, ticks */
  CcRgba   baseline;       /* the 0% / 100 line */
  CcRgba   band;           /* month and quarter event bands (alpha applied) */
  CcRgba   event[CC_N_EVENT_CATEGORIES];
} CcChartStyle;

void     _cc_chart_style_init         (CcChartStyle      *style,
                                       CcChartTheme       theme);
/* The series palette: slot 0 is the ink, slots 1..11 one hue bin each (cc-chart-style.c). */
#define CC_COLOR_SLOT_INK 0
#define CC_N_COLOR_SLOTS  12
/* The colour of palette @slot; @shade >= 0 for the members of a visible basket, -1 for the
 * slot's own colour. */
CcRgba   _cc_chart_style_series_color (const CcChartStyle *style,
                                       int                slot,
                                       int                shade);
/* The slot a catalogue group prefers when it is free, or -1. */
int      _cc_chart_style_home_slot    (const char        *group_id);
CcRgba   _cc_chart_rgba_mix           (CcRgba             a,
                                       CcRgba             b,
                                       double             t);
void     _cc_chart_set_source         (cairo_t           *cr,
                                       CcRgba             color);

/* A min/max pyramid over a series' values: level k holds the min and max of blocks of
 * CC_PYRAMID_FAN^(k+1) points, so a pixel column's extremes cost O(log n), not O(n). */
#define CC_PYRAMID_FAN 8

typedef struct {
  guint   n;
  double *min;
  double *max;
} CcPyramidLevel;

/* One visible line, prepared for drawing: values already rebased and, for log scales, in
 * log10 space, so that a frame only maps and strokes. */
typedef struct {
  char           *item;          /* "MU", "basket:memory" */
  char           *label;         /* "MU", "GPU & chip designers basket" (legend, read-outs) */
  char           *short_label;   /* for the end of the line: "MU", "GPU basket" */
  char           *name;          /* long, for the legend: "Micron Technology" */
  char           *group_id;
  int             member_index;  /* place within the group; -1 for a basket */
  int             color_slot;    /* palette slot given to it among the visible items */
  int             color_shade;   /* -1, or its shade as a member of a visible basket */
  gboolean        is_basket;
  /* A ratio or spread (CcDerivedKind; 0 for a plain item) and the days in range on which only
   * one of its sides has a bar, which it cannot draw. */
  int             derived_kind;
  guint           n_unmatched;
  guint           n;
  int            *x;             /* trading-day index on the chart's date axis */
  double         *v;             /* value in the mode: percent, index level or price */
  double         *y;             /* axis value: v, or log10 of the level/factor; NAN if none */
  guint8         *prov;          /* CcProvenance per point */
  gboolean        any_observed;
  gboolean        any_estimated; /* anchored or reconstructed points */
  CcDate          observed_first;  /* observed daily bars; month-end closes apart */
  CcDate          observed_last;
  CcDate          monthly_first;   /* month-end closes of the long history, or invalid */
  CcDate          monthly_last;
  guint           gap_before;      /* the segment into this point is not drawn (0: none) */
  CcOrigin        origin;
  char           *source;
  gint64          fetched_at;
  GArray         *levels;        /* CcPyramidLevel */
} CcChartSeries;

typedef struct {
  GPtrArray  *series;            /* CcChartSeries, legend order */
  CcDate     *dates;             /* the date axis: every date any visible series has */
  guint       n_dates;
  CcDate      base_date;         /* rebasing close; CC_DATE_INVALID in price mode */
  int         event_index;       /* x of the selected event's first day, or -1 */
  CcDate      event_date;
  double      y_min, y_max;      /* extent of the axis values */
  GPtrArray  *excluded;          /* labels of items without price levels (price mode) */
  GPtrArray  *other_unit;        /* labels of items in another unit than the axis (price mode) */
  char       *price_unit;        /* the price axis's unit: "^" for index points, a currency
                                  * code, or "" when not known; NULL before the first series */
  GPtrArray  *problems;          /* why a ratio or spread is not drawn, one message each */
  gboolean    has_spread;        /* a spread is drawn: its zero line is drawn too */
  char       *empty_reason;      /* why nothing is drawn, or NULL */
  /* Long history: the first daily bar after the month-end closes shown, where the chart
   * changes frequency (CC_DATE_INVALID when no month-end close is shown). */
  CcDate      daily_from;
  /* The bar the first single series was rebased to, and whether it is a month-end close. */
  CcDate      base_bar;
  gboolean    base_monthly;
} CcChartData;

/* The axis index of @date: a bar's index, or halfway between bars for a date without one;
 * NAN outside the axis. */
double          _cc_chart_data_index_for_date (CcChartData *data,
                                          CcDate             date);
void            _cc_chart_data_free      (CcChartData       *data);
void            _cc_chart_series_free    (CcChartSeries     *series);
void            _cc_chart_series_build_pyramid (CcChartSeries *series);
void            _cc_chart_series_minmax  (const CcChartSeries *series,
                                          guint              first,
                                          guint              last,
                                          double            *min,
                                          double            *max);
/* Index of the first point whose x is >= @x, starting the search at @hint. */
guint           _cc_chart_series_lower_bound (const CcChartSeries *series,
                                          int                x,
                                          guint              hint);

/* The value axis: maps axis values (linear, or log10) to device-independent y. */
typedef struct {
  CcChartMode mode;
  gboolean    log_scale;
  double      lo, hi;           /* axis values at the plot's bottom and top */
  double      top, bottom;      /* y of the plot's top and bottom edges */
} CcValueAxis;

static inline double
_cc_value_axis_map (const CcValueAxis *axis,
                    double             y)
{
  return axis->bottom - (y - axis->lo) / (axis->hi - axis->lo) * (axis->bottom - axis->top);
}

/* The time axis: maps a date-axis index to x; the plot spans [first - 0.5, last + 0.5]. */
typedef struct {
  double first, last;           /* visible index range */
  double left, right;           /* x of the plot's edges */
} CcTimeAxis;

static inline double
_cc_time_axis_map (const CcTimeAxis *axis,
                   double            index)
{
  double span = (axis->last - axis->first) + 1.0;

  return axis->left + (index - axis->first + 0.5) / span * (axis->right - axis->left);
}

/* Text sizes, as factors of the body size: a short type scale (title, subtitle, small text,
 * footer) in two weights, regular and bold. Each size and weight is one more font for
 * fontconfig to match (about 2 ms each, a fifth of a whole `chipcycle export`), so new ones
 * should be rare. cc_chart_fonts_load() loads exactly these pairs: keep its list in step. */
#define CC_CHART_FONT_TITLE    1.5
#define CC_CHART_FONT_SUBTITLE 1.0
#define CC_CHART_FONT_SMALL    0.88
#define CC_CHART_FONT_FOOTER   CC_CHART_FONT_SMALL
#define CC_CHART_FONT_NOTE     CC_CHART_FONT_SMALL
#define CC_CHART_FONT_TICK     CC_CHART_FONT_SMALL
#define CC_CHART_FONT_LABEL    CC_CHART_FONT_SMALL
#define CC_CHART_FONT_END      CC_CHART_FONT_SMALL
#define CC_CHART_FONT_LEGEND   CC_CHART_FONT_SMALL

/* The smallest text a figure may carry, in its user units: 11 logical pixels on screen and in
 * PNG (at 1x), 8 points in print (PDF, SVG). Every size is a factor of the body size, the
 * smallest being CC_CHART_FONT_SMALL, so the body size never drops below min / SMALL. */
#define CC_CHART_MIN_TEXT_SCREEN 11.0
#define CC_CHART_MIN_TEXT_PRINT  8.0

/* Text metrics and fonts of one layout: everything scales with the base font size. */
typedef struct {
  PangoContext *pango;
  const char   *family;
  double        font_size;      /* body size in user units */
  double        pad;
  double        smallest;       /* the smallest size any layout of this frame was given */
} CcChartText;

/* The body size of a @width x @height figure: grows with the figure, never so small that any
 * text falls under @min_text. */
double          _cc_chart_body_font_size  (double             width,
                                           double             height,
                                           double             min_text);

PangoLayout    *_cc_chart_text_layout     (CcChartText       *text,
                                           const char        *markup_or_text,
                                           double             size_factor,
                                           PangoWeight        weight,
                                           gboolean           markup);
void            _cc_chart_text_size       (PangoLayout       *layout,
                                           double            *width,
                                           double            *height);

/* One filing marker (cc-chart-filings.c). */
typedef struct {
  const CcChartFiling *filing;  /* owned by the chart, valid while the frame is */
  guint        series;          /* index into data->series */
  double       x;               /* the event day's bar */
  double       line_y;          /* where the series' line is on that day */
  double       y;               /* the marker's centre: line_y unless moved off a label or
                                 * another marker (a leader then joins the two) */
  double       size;            /* the marker's width and height */
  guint        count;           /* filings of this kind on this day on this line */
  gboolean     drawn;           /* stroked by the last draw */
} CcFilingMark;

/* One entry of the filings key: a marker and what it means. */
typedef struct {
  CcFilingKind kind;
  double       x, y;            /* the marker's centre, in figure coordinates */
  double       text_x, text_y;
  char        *text;
} CcFilingKeyEntry;

/* Everything one frame needs, computed by the layout pass and used by the draw pass. */
typedef struct {
  CcChartLayout  *layout;
  CcChartStyle    style;
  CcChartText     text;
  CcValueAxis     vaxis;
  CcTimeAxis      taxis;
  CcChartTimeAxis time_axis;
  GArray         *y_ticks;       /* CcTick */
  GArray         *x_ticks;       /* CcTimeTick */
  char           *title;
  char           *subtitle;
  char           *footer;
  char           *note;          /* shown inside the plot (price mode exclusions, empty data) */
  GPtrArray      *event_marks;   /* CcEventMark */
  GArray         *end_label_info; /* CcEndLabel, parallel to layout->end_labels */
  PangoLayout    *legend;        /* the legend as one laid-out paragraph */
  cairo_surface_t *raster;       /* the drawn figure, for redraws at the same pixel scale */
  double          raster_sx, raster_sy;
  guint           draws;         /* frames drawn with this layout */
  GArray         *legend_swatches; /* CcLegendSwatch */
  /* The legend's first box, for the date of its values, and what the last draw wrote in it
   * and in each entry's value box (parallel to legend_swatches): for the tests. */
  double          legend_date_x, legend_date_y, legend_date_width;
  char           *legend_date_text;
  GPtrArray      *legend_value_texts;
  char           *as_of_text;    /* the as-of marker's label, or NULL without a marker */
  GArray         *drawn;         /* CcChartDrawnSeries, parallel to data->series: what the
                                  * last draw of the line layer did, for the tests */
  gboolean        print;         /* laid out for a vector target (PDF, SVG): points */
  GArray         *filing_marks;  /* CcFilingMark, in drawing order */
  guint           filings_dropped; /* markers with no room left on the plot */
  GArray         *filings_key;   /* CcFilingKeyEntry */
  CcChartRect     filings_key_rect; /* empty without markers */
  char           *filings_key_text; /* the key as a reader reads it, or NULL */
} CcChartFrame;

typedef struct {
  CcEvent     *event;           /* borrowed */
  double       x0, x1;          /* line (x0 == x1) or band */
  gboolean     selected;
  gboolean     band;
  int          lane;            /* -1 when the label is not shown */
  CcChartRect  label;
  char        *text;
} CcEventMark;

typedef struct {
  guint     series;             /* index into data->series */
  double    anchor_y;           /* where the line ends */
} CcEndLabel;

typedef struct {
  double    x, y, width;        /* sample line position, in layout coordinates of the legend */
  CcRgba    color;
  double    line_width;
  double    dashes[2];          /* the series' dash pattern, on and off */
  gboolean  dashed;
  guint     series;             /* index into data->series */
  guint     text_start;         /* the entry's bytes in the legend's text, sample included */
  guint     text_end;
  gboolean  drawn_dashed;       /* the sample was stroked with a dash pattern (last draw) */
  double    drawn_dashes[2];    /* and that pattern, on and off, in device pixels */
  /* The box after the entry's name that holds its value at the crosshair (or at the last bar),
   * as wide as the widest value the series can show, so the legend never reflows on hover;
   * y is the top of the text, in the legend's layout coordinates. */
  double    value_x, value_y, value_width;
} CcLegendSwatch;

void            _cc_chart_frame_free      (CcChartFrame      *frame);
/* Draws without the raster cache: for exports, which draw once and may be huge. */
void            _cc_chart_draw_uncached   (CcChart           *self,
                                           cairo_t           *cr,
                                           double             width,
                                           double             height);

/* Layers (each in its own file). */
void            _cc_chart_axes_layout     (CcChartFrame      *frame,
                                           CcChartData       *data,
                                           CcChartRect       *plot);
void            _cc_chart_draw_grid       (CcChartFrame      *frame,
                                           CcChartData       *data,
                                           cairo_t           *cr);
void            _cc_chart_draw_axes       (CcChartFrame      *frame,
                                           CcChartData       *data,
                                           cairo_t           *cr);
void            _cc_chart_draw_series     (CcChartFrame      *frame,
                                           CcChartData       *data,
                                           cairo_t           *cr);
double          _cc_chart_series_line_width (const CcChartSeries *series,
                                             double               font_size);
void            _cc_chart_series_dashes     (const CcChartSeries *series,
                                             double               font_size,
                                             double               dashes[2]);
/* @cr's two-entry dash pattern in device pixels, for the tests. */
void            _cc_chart_get_device_dashes (cairo_t             *cr,
                                             double               out[2]);

double          _cc_chart_events_layout   (CcChartFrame      *frame,
                                           CcChartData       *data,
                                           GPtrArray         *events,
                                           CcEvent           *selected,
                                           CcDate             as_of,
                                           double             plot_left,
                                           double             plot_right,
                                           double             lanes_top);
void            _cc_chart_draw_event_marks (CcChartFrame     *frame,
                                           cairo_t           *cr);
void            _cc_chart_draw_event_labels (CcChartFrame    *frame,
                                           cairo_t           *cr);
void            _cc_chart_draw_as_of      (CcChartFrame      *frame,
                                           cairo_t           *cr);

double          _cc_chart_end_labels_width (CcChartFrame     *frame,
                                           CcChartData       *data);
void            _cc_chart_end_labels_layout (CcChartFrame    *frame,
                                           CcChartData       *data);
void            _cc_chart_draw_end_labels (CcChartFrame      *frame,
                                           CcChartData       *data,
                                           cairo_t           *cr);
/* Stacks boxes of @heights wanted at @wanted (centre y) into [top, bottom] so they do not
 * overlap, moving them as little as possible. Writes the chosen centres to @placed. Returns
 * FALSE when they cannot all fit (the caller drops some). */
gboolean        _cc_chart_stack_labels    (const double      *wanted,
                                           const double      *heights,
                                           guint              n,
                                           double             gap,
                                           double             top,
                                           double             bottom,
                                           double            *placed);

/* Filings: the kinds that have a marker in the visible range (and when the oldest of those
 * filings was fetched, G_MININT64 if unknown), the key's height at @width
 * (0 without markers), then the markers themselves once the plot and the labels are placed.
 * @filings maps a symbol to its CcChartFiling array. */
guint           _cc_chart_filings_present (CcChartData       *data,
                                           GHashTable        *filings,
                                           guint              kinds,
                                           gint64            *oldest_fetch);
double          _cc_chart_filings_key_layout (CcChartFrame   *frame,
                                           guint              present,
                                           gint64             oldest_fetch,
                                           double             width);
void            _cc_chart_filings_key_place (CcChartFrame    *frame,
                                           double             x,
                                           double             y);
void            _cc_chart_filings_layout  (CcChartFrame      *frame,
                                           CcChartData       *data,
                                           GHashTable        *filings,
                                           guint              kinds);
void            _cc_chart_draw_filings    (CcChartFrame      *frame,
                                           CcChartData       *data,
                                           cairo_t           *cr);
void            _cc_chart_draw_filings_key (CcChartFrame     *frame,
                                           cairo_t           *cr);
void            _cc_chart_filing_key_entry_clear (gpointer    entry);

double          _cc_chart_legend_layout   (CcChartFrame      *frame,
                                           CcChartData       *data,
                                           CcCatalogue       *catalogue,
                                           double             width);
void            _cc_chart_draw_legend     (CcChartFrame      *frame,
                                           cairo_t           *cr);
/* Writes each legend entry's value on @cursor (CC_DATE_INVALID: its last bar in view) and the
 * date into the boxes the legend's layout kept for them. Drawn apart from the rest of the
 * figure, over its cached raster, so a moving crosshair costs a few words, not a redraw. */
void            _cc_chart_draw_legend_values (CcChartFrame   *frame,
                                           CcChartData       *data,
                                           CcDate             cursor,
                                           cairo_t           *cr);
/* A series' value as the legend and the crosshair read-out write it, in the chart's mode. */
char           *_cc_chart_format_value    (CcChartMode        mode,
                                           const CcChartSeries *series,
                                           double             value);

/* For the tests (tests/chart/test-chart-render.c): what the chart's current frame shows, read
 * back from the layout and from the drawing itself, so a test can assert the words and line
 * styles a reader sees. Draw the chart first (cc_chart_draw or cc_chart_layout at the size). */
typedef enum {
  CC_CHART_TEXT_TITLE,
  CC_CHART_TEXT_SUBTITLE,
  CC_CHART_TEXT_FOOTER,
  CC_CHART_TEXT_LEGEND,
  CC_CHART_TEXT_NOTE,
  CC_CHART_TEXT_FILINGS_KEY,
} CcChartTextPart;

typedef struct {
  char     *item;               /* "MU" */
  guint     observed_points;    /* points by provenance, as the chart prepared them (counted
                                 * when asked, from the chart's current data) */
  guint     estimated_points;   /* anchored or reconstructed */
  guint     solid_strokes;      /* strokes Cairo drew with no dash pattern (last draw) */
  guint     dashed_strokes;     /* strokes drawn with one */
  double    dashes[2];          /* the last dashed stroke's pattern, on and off, in device
                                 * pixels (0 when none) */
  CcRgba    stroke_color;       /* the source of the series' last stroke */
  gboolean  in_legend;
  char     *legend_entry;       /* its legend entry as a reader reads it, "MU Micron…" */
  gboolean  legend_dashed;      /* its legend sample was stroked dashed (last draw) */
  double    legend_dashes[2];   /* with this pattern, in device pixels */
  CcRgba    legend_color;
} CcChartDrawnSeries;

/* The text as drawn, with no-break spaces as spaces and the legend's samples left out; NULL
 * when the part is absent (a note). Free with g_free(). */
char           *_cc_chart_get_text         (CcChart           *self,
                                            CcChartTextPart    part);
/* The layout for a print target (PDF, SVG; sizes in points) or a screen (PNG, window). */
CcChartLayout  *_cc_chart_layout_for       (CcChart           *self,
                                            double             width,
                                            double             height,
                                            gboolean           print);
/* What the legend's last draw wrote as @item's value ("−12.3%", "—") and as the date of the
 * values; NULL when it was not drawn. Free with g_free(). */
char           *_cc_chart_get_legend_value (CcChart          *self,
                                            const char       *item);
char           *_cc_chart_get_legend_date  (CcChart          *self);
/* The smallest font size (user units) of any text the current frame laid out or drew. */
double          _cc_chart_get_smallest_text (CcChart          *self);
/* Whether the chart has drawn a frame since its last change (a view draws in its own time). */
gboolean        _cc_chart_is_drawn         (CcChart           *self);
/* CcChartDrawnSeries, one per visible series in legend order; free with g_array_unref(). */
GArray         *_cc_chart_get_drawn_series (CcChart           *self);
/* A filing marker as the last draw left it. */
typedef struct {
  char         *symbol;         /* the filing's symbol */
  char         *item;           /* the line it sits on ("MU") */
  CcDate        event_day;
  CcFilingKind  kind;
  char         *form;
  double        x, y;           /* the marker's centre */
  double        line_y;         /* the line's y at x */
  double        size;
  gboolean      drawn;
} CcChartDrawnFiling;

/* CcChartDrawnFiling of the current frame, left to right; free with g_array_unref(). */
GArray         *_cc_chart_get_drawn_filings (CcChart          *self);
/* Where the filings key went (empty without one). */
CcChartRect     _cc_chart_get_filings_key_rect (CcChart       *self);

/* The colour @item has on the chart in its current theme and with its current items (the
 * sidebar's swatches). */
void            _cc_chart_get_item_color (CcChart           *self,
                                          const char        *item,
                                          CcRgba            *color);

/* The series as prepared for drawing (owned by @self, valid until it next changes) and the
 * source line of its footer, for the view's CSV (cc-chart-csv.c). */
CcChartData    *_cc_chart_get_data         (CcChart           *self);
char           *_cc_chart_get_source       (CcChart           *self);

/* What the last cc_chart_draw() of the cycle overlay drew (owned by @self; NULL before one):
 * each path's points, its low and labels, the axis ranges and the footer. */
struct _CcCompareChartLayout;
const struct _CcCompareChartLayout *_cc_chart_get_cycle_layout (CcChart *self);
/* The cycles the overlay draws (CcCycle, owned by @self, valid until the dataset or the as-of
 * date changes), for the overlay's CSV. */
GPtrArray      *_cc_chart_get_cycles       (CcChart           *self);
/* Where the point of @cycle on @date comes from: whether it is a month-end close,
 * and its provenance, from the series it was measured on (@sox daily, @monthly the bundled
 * month-end closes). FALSE when neither has it. */
gboolean        _cc_chart_cycle_point_origin (const CcCycle     *cycle,
                                              CcDate             date,
                                              CcSeries          *sox,
                                              CcSeries          *monthly,
                                              gboolean          *month_end,
                                              CcProvenance      *provenance);

G_END_DECLS
