/* cc-chart.h: the chart description and the one function that draws it into any cairo_t.
 *
 * The window, PNG, PDF and SVG exports all draw through cc_chart_draw(), so what the user sees
 * is what they export. No GTK here.
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "cc-dataset.h"
#include "cc-monitors.h"
#include "cc-portfolio.h"
#include "cc-scenarios.h"

G_BEGIN_DECLS

typedef enum {
  CC_CHART_MODE_PERCENT,   /* percent change from the base date */
  CC_CHART_MODE_INDEXED,   /* 100 at the base date */
  CC_CHART_MODE_PRICE,     /* real price levels (only series that have them) */
} CcChartMode;

typedef enum {
  CC_CHART_THEME_LIGHT,
  CC_CHART_THEME_DARK,
} CcChartTheme;

typedef enum {
  CC_CHART_AXIS_CALENDAR,      /* dates */
  CC_CHART_AXIS_TRADING_DAYS,  /* t-20 .. t+60 relative to the base event */
} CcChartTimeAxis;

typedef enum {
  CC_EXPORT_PNG,
  CC_EXPORT_PDF,
  CC_EXPORT_SVG,
} CcExportFormat;

/* What the chart draws over its items, or instead of them. */
typedef enum {
  CC_CHART_OVERLAY_NONE,
  /* The current ^SOX decline drawn over the 2000-02, 2007-09 and 2021-22 ones, aligned at
   * their peaks: x in trading days since the peak, y the drawdown from the peak close. Daily
   * closes where the dataset's ^SOX holds them, the bundled month-end closes otherwise; the
   * figure says which path uses which. The items, mode and range do not apply. */
  CC_CHART_OVERLAY_CYCLES,
} CcChartOverlay;

/* What percent and indexed modes are rebased to. */
typedef enum {
  CC_CHART_REBASE_EVENT,    /* the close before the selected event (or the base date) */
  CC_CHART_REBASE_VISIBLE,  /* each series' first bar in the visible range */
} CcChartRebase;

/* An item is a ticker ("MU") or an equal-weight basket of a catalogue group ("basket:memory"). */
#define CC_CHART_BASKET_PREFIX "basket:"
/* The item of the user's portfolio series set with cc_chart_set_portfolio(). */
#define CC_CHART_PORTFOLIO_PREFIX "portfolio:"
/* Ratios "A/B" and spreads "A - B" of two such items (see cc-derived.h) are items too; their
 * chart series belong to this colour group. */
#define CC_CHART_DERIVED_GROUP "derived"


/* Rectangles are in the user units cc_chart_draw() was given (logical pixels or points). */
typedef struct {
  double x;
  double y;
  double width;
  double height;
} CcChartRect;

typedef struct {
  CcChartRect  rect;
  char        *text;     /* the label as drawn */
  char        *id;       /* the item ("MU", "basket:memory") or the event id */
} CcChartLabelBox;

/* Where everything went, for tests and for hit-testing in the window. */
typedef struct {
  double       width;
  double       height;
  CcChartRect  title;
  CcChartRect  subtitle;
  CcChartRect  event_area;    /* the lanes above the plot holding event labels */
  CcChartRect  plot;          /* the data area: lines are clipped to it */
  CcChartRect  legend;
  CcChartRect  footer;
  GArray      *event_labels;  /* CcChartLabelBox, inside event_area and plot's x extent */
  /* The as-of marker (see cc_chart_set_as_of()): its line's x (NAN when none is drawn) and its
   * label, placed in the event lanes after every event label (width 0 when there was no room). */
  double       as_of_x;
  CcChartRect  as_of_label;
  /* Where month-end closes give way to daily ones (see cc_chart_set_history()): the marker
   * line's x (NAN when the view shows no month-end close) and its label. */
  double       frequency_x;
  CcChartRect  frequency_label;
  GArray      *end_labels;    /* CcChartLabelBox, right of the plot, within its y extent */
  GArray      *y_tick_labels; /* CcChartLabelBox */
  GArray      *x_tick_labels; /* CcChartLabelBox */
} CcChartLayout;

void             cc_chart_layout_free        (CcChartLayout      *layout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcChartLayout, cc_chart_layout_free)

/* A read-out of one visible series at one date, for the window's crosshair. */
typedef struct {
  char         *item;       /* "MU", "basket:memory" */
  char         *label;      /* "MU", "Memory basket" */
  gboolean      has_value;  /* FALSE when the series has no bar on that date */
  double        value;      /* in the chart's mode: percent, index level or price */
  char         *text;       /* the value formatted as on the chart: "−12.3%", "1,234.50" */
  CcProvenance  provenance;
  double        y;          /* vertical position in the last drawn layout */
  double        red, green, blue;  /* the series colour in the current theme */
} CcChartValue;

#define CC_TYPE_CHART (cc_chart_get_type ())
G_DECLARE_FINAL_TYPE (CcChart, cc_chart, CC, CHART, GObject)

/* A chart of @dataset showing the default view: ^SOX, the memory and GPU-designer baskets and
 * META, rebased to the close before the dataset's default event. Emits ::changed whenever
 * anything that affects the drawing changes. */
CcChart         *cc_chart_new                (CcDataset          *dataset);
/* The same figure over a snapshot of the dataset (cc_dataset_copy()): what an export thread
 * draws while the window goes on changing @self and its dataset. */
CcChart         *cc_chart_copy               (CcChart            *self);
CcDataset       *cc_chart_get_dataset        (CcChart            *self);
void             cc_chart_set_dataset        (CcChart            *self,
                                              CcDataset          *dataset);
const char * const *cc_chart_get_items       (CcChart            *self);
void             cc_chart_set_items          (CcChart            *self,
                                              const char * const *items);
/* The portfolio series (cc-exposure.h) drawn for the item named by its symbol
 * ("portfolio:NAME"), like a basket in its own colour; NULL for none. */
void             cc_chart_set_portfolio      (CcChart            *self,
                                              CcSeries           *series);
CcSeries        *cc_chart_get_portfolio      (CcChart            *self);
/* The open portfolio and the stress scenarios it is measured against, for the PDF report's
 * portfolio page (cc-report.h); NULL @portfolio for none. The chart keeps a copy. */
void             cc_chart_set_portfolio_holdings (CcChart        *self,
                                                  CcPortfolio    *portfolio,
                                                  CcScenarios    *scenarios);
CcPortfolio     *cc_chart_get_portfolio_holdings (CcChart        *self);
CcScenarios     *cc_chart_get_portfolio_scenarios (CcChart       *self);
/* The monitors fed by SEC EDGAR that the window's assessment uses, for the PDF report's
 * assessment (NULL: none were loaded, and the report says so). The chart keeps a reference;
 * nothing is drawn from them. */
void             cc_chart_set_reported_monitors (CcChart                  *self,
                                                 CcReportedMonitors       *reported);
CcReportedMonitors *cc_chart_get_reported_monitors (CcChart              *self);
CcChartMode      cc_chart_get_mode           (CcChart            *self);
void             cc_chart_set_mode           (CcChart            *self,
                                              CcChartMode         mode);
gboolean         cc_chart_get_log_scale      (CcChart            *self);
void             cc_chart_set_log_scale      (CcChart            *self,
                                              gboolean            log_scale);
CcChartTheme     cc_chart_get_theme          (CcChart            *self);
void             cc_chart_set_theme          (CcChart            *self,
                                              CcChartTheme        theme);
CcChartTimeAxis  cc_chart_get_time_axis      (CcChart            *self);
void             cc_chart_set_time_axis      (CcChart            *self,
                                              CcChartTimeAxis     time_axis);
/* The selected event: the chart rebases to the close before it and emphasises it. */
CcEvent         *cc_chart_get_event          (CcChart            *self);
void             cc_chart_set_event          (CcChart            *self,
                                              CcEvent            *event);
/* CC_CHART_REBASE_EVENT (the default) or CC_CHART_REBASE_VISIBLE. */
CcChartRebase    cc_chart_get_rebase         (CcChart            *self);
void             cc_chart_set_rebase         (CcChart            *self,
                                              CcChartRebase       rebase);
/* Whether series with a longer history (^SOX's bundled month-end closes back to 1994, see
 * cc_dataset_get_history()) show it before their daily data. The frequency change is marked
 * on the plot and named in the footer. Off by default. */
gboolean         cc_chart_get_history        (CcChart            *self);
void             cc_chart_set_history        (CcChart            *self,
                                              gboolean            history);
/* CC_CHART_OVERLAY_NONE (the default) or CC_CHART_OVERLAY_CYCLES. With the cycles, the
 * window's hit-testing finds no plot (no dates, values or labels under the pointer). */
CcChartOverlay   cc_chart_get_overlay        (CcChart            *self);
void             cc_chart_set_overlay        (CcChart            *self,
                                              CcChartOverlay      overlay);
/* "none" or "cycles" (settings, the command line); FALSE for anything else. */
gboolean         cc_chart_overlay_from_string (const char        *text,
                                              CcChartOverlay     *overlay);
/* The base date: the last trading day before the selected event unless set explicitly. */
CcDate           cc_chart_get_base_date      (CcChart            *self);
void             cc_chart_set_base_date      (CcChart            *self,
                                              CcDate              base_date);
/* The visible range (inclusive); CC_DATE_INVALID for "from the data's start / to its end". */
void             cc_chart_get_range          (CcChart            *self,
                                              CcDate             *from,
                                              CcDate             *to);
void             cc_chart_set_range          (CcChart            *self,
                                              CcDate              from,
                                              CcDate              to);
const char      *cc_chart_get_title          (CcChart            *self);
void             cc_chart_set_title          (CcChart            *self,
                                              const char         *title);

/* The as-of date of the side panel's assessment, drawn as a quiet line labelled "as of"; it
 * changes nothing else. CC_DATE_INVALID (the default) draws no marker. */
CcDate           cc_chart_get_as_of          (CcChart            *self);
void             cc_chart_set_as_of          (CcChart            *self,
                                              CcDate              as_of);

/* Events drawn besides the selected one (all of the dataset's visible events by default). */
/* The day under the crosshair: the legend then shows each series' value on it, and the date.
 * CC_DATE_INVALID (the default, and what exports draw) shows the last bar in view. Emits no
 * ::changed: the figure keeps its layout, and the next cc_chart_draw() writes the values. */
CcDate           cc_chart_get_cursor         (CcChart            *self);
void             cc_chart_set_cursor         (CcChart            *self,
                                              CcDate              date);
gboolean         cc_chart_get_show_events    (CcChart            *self);
void             cc_chart_set_show_events    (CcChart            *self,
                                              gboolean            show_events);
/* A footer supplied by the caller replaces the generated source line; NULL restores it. */
void             cc_chart_set_footer         (CcChart            *self,
                                              const char         *footer);
/* The dates the visible items cover (after baskets are built), or FALSE when nothing is shown. */
gboolean         cc_chart_get_data_range     (CcChart            *self,
                                              CcDate             *first,
                                              CcDate             *last);
/* The human label of @item: "MU", "Memory basket". */
char            *cc_chart_describe_item      (CcChart            *self,
                                              const char         *item);

/* Company filings (SEC EDGAR), drawn as small markers on each series' line at the first
 * session that could react to them. The chart takes plain records: fetching them is the
 * window's business (cc-edgar-store.c), and nothing here knows HTTP. */
typedef enum {
  CC_FILING_RESULTS,      /* "E": 8-K item 2.02, 10-Q, 10-K, 20-F */
  CC_FILING_AGREEMENT,    /* "A": 8-K item 1.01, a material agreement */
  CC_FILING_LISTING,      /* "L": S-1, 424B*: shares offered or listed */
  CC_FILING_OTHER,        /* "8": any other 8-K */
  CC_N_FILING_KINDS
} CcFilingKind;

#define CC_FILING_KINDS_ALL ((1u << CC_N_FILING_KINDS) - 1)

typedef struct {
  char         *symbol;       /* the ticker whose line carries it: "MU" */
  CcDate        event_day;    /* the first session that could react */
  CcFilingKind  kind;
  char         *form;         /* "8-K", "10-Q" */
  char         *items;        /* "2.02, 9.01", or "" */
  gint64        accepted_at;  /* Unix time; G_MININT64 when unknown */
  char         *url;          /* the filing's page, or NULL */
  gint64        fetched_at;   /* when EDGAR sent it (Unix time); G_MININT64 when unknown */
} CcChartFiling;

CcChartFiling   *cc_chart_filing_new         (const char         *symbol,
                                              CcDate              event_day,
                                              CcFilingKind        kind,
                                              const char         *form,
                                              const char         *items,
                                              gint64              accepted_at,
                                              const char         *url);
void             cc_chart_filing_free        (CcChartFiling      *filing);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcChartFiling, cc_chart_filing_free)
/* The kind of marker a filing of @form with 8-K @items (NULL-terminated, may be NULL) gets;
 * FALSE when it gets none (an amendment, a proxy, an ownership report). */
gboolean         cc_filing_kind_classify     (const char         *form,
                                              const char * const *items,
                                              CcFilingKind       *kind);
/* The letter drawn in the marker ("E") and the kind's name for the key and the legend
 * popover ("results"). */
const char      *cc_filing_kind_get_glyph    (CcFilingKind        kind);
const char      *cc_filing_kind_get_label    (CcFilingKind        kind);
/* "filings-results": the settings key of the kind's toggle. */
const char      *cc_filing_kind_get_key      (CcFilingKind        kind);
/* The kind named @name as on the command line: "results", "agreements", "listings" or
 * "other" (the key without "filings-"; any case); FALSE for another word. */
gboolean         cc_filing_kind_from_name    (const char         *name,
                                              CcFilingKind       *kind);
/* The hover text of @filing: form, items, acceptance time in New York and in local time
 * (Pango markup). */
char            *cc_chart_filing_describe    (const CcChartFiling *filing);
/* The same for a marker the keyboard stepped to: what Return and Menu do, not a click. */
char            *cc_chart_filing_describe_for_keyboard (const CcChartFiling *filing);

/* @symbol's filings (CcChartFiling, any order; the chart takes a reference), or NULL to drop
 * them. Markers are drawn on the line of the item named @symbol when it is visible. */
void             cc_chart_set_filings        (CcChart            *self,
                                              const char         *symbol,
                                              GPtrArray          *filings);
void             cc_chart_clear_filings      (CcChart            *self);
/* Which kinds are drawn: a mask of 1 << CcFilingKind (0, the default, draws none). */
guint            cc_chart_get_filing_kinds   (CcChart            *self);
void             cc_chart_set_filing_kinds   (CcChart            *self,
                                              guint               kinds);
/* The filing whose marker is at (@x, @y) in the last layout (user units), or NULL. Valid
 * until the filings change. */
const CcChartFiling *cc_chart_filing_at      (CcChart            *self,
                                              double              x,
                                              double              y);

/* A filing marker of the last drawing: its centre and width (user units) and its filing
 * (owned by the chart, valid until the filings change). */
typedef struct {
  double               x;
  double               y;
  double               size;
  const CcChartFiling *filing;
} CcChartFilingMarker;

/* The markers the last drawing put on screen (CcChartFilingMarker), left to right and, on one
 * day, top to bottom: the order the keyboard steps through them. None with the cycles overlay.
 * Free with g_array_unref(). */
GArray          *cc_chart_get_filing_markers (CcChart            *self);

/* Computes where everything goes for a @width x @height figure, without drawing. */
CcChartLayout   *cc_chart_layout             (CcChart            *self,
                                              double              width,
                                              double              height);

/* Hit-testing for the window. These use the geometry of the most recent cc_chart_draw() (or
 * cc_chart_layout()) call, in the same user units:
 * - cc_chart_get_plot_area(): the plot rectangle; FALSE before anything was drawn.
 * - cc_chart_date_at_x(): the trading day whose bar is nearest to @x, clamped to the visible
 *   range; CC_DATE_INVALID when @x is outside the plot or nothing is shown.
 * - cc_chart_x_for_date(): the x of @date's bar (between bars for a non-trading day); NAN when
 *   the date is outside the visible range.
 * - cc_chart_get_values_at(): one CcChartValue per drawn series at @date, in item order;
 *   free with g_array_unref() (elements are cleared for you).
 * - cc_chart_trading_day_offset(): for the trading-days axis, t relative to the event day. */
gboolean         cc_chart_get_plot_area      (CcChart            *self,
                                              CcChartRect        *area);
CcDate           cc_chart_date_at_x          (CcChart            *self,
                                              double              x);
double           cc_chart_x_for_date         (CcChart            *self,
                                              CcDate              date);
GArray          *cc_chart_get_values_at      (CcChart            *self,
                                              CcDate              date);
/* The cycle overlay's read-out at @x (user units of the last drawn overlay): the trading day
 * since the peak in @day, its x in @day_x, the overlay's plot in @plot, and one CcChartValue
 * per decline with a close on or before that day (the last one: month-end paths step from
 * close to close), labelled with the decline and the date of that close. NULL when the
 * overlay is off, not drawn yet, or @x is off its plot. */
GArray          *cc_chart_get_cycle_values_at (CcChart           *self,
                                               double             x,
                                               int               *day,
                                               double            *day_x,
                                               CcChartRect       *plot);
gboolean         cc_chart_trading_day_offset (CcChart            *self,
                                              CcDate              date,
                                              int                *offset);

/* Draws the whole figure (title, plot, events, legend, footer) in a @width x @height area in
 * user units (logical pixels or points). */
typedef struct _CcChartFonts CcChartFonts;

CcChartFonts    *cc_chart_fonts_load         (double              width,
                                              double              height,
                                              double              scale);
void             cc_chart_fonts_finish       (CcChartFonts       *fonts);
void             cc_chart_use_fonts          (CcChart            *self,
                                              CcChartFonts       *fonts);

void             cc_chart_draw               (CcChart            *self,
                                              cairo_t            *cr,
                                              double              width,
                                              double              height);

/* Writes the figure to @path. For PNG, @width x @height are logical pixels and the image is
 * @scale times larger; for PDF and SVG they are points and @scale is ignored. */
gboolean         cc_chart_export             (CcChart            *self,
                                              const char         *path,
                                              CcExportFormat      format,
                                              double              width,
                                              double              height,
                                              double              scale,
                                              GError            **error);
/* As cc_chart_export(), and can be cancelled from another thread: the file lands whole or not
 * at all (an older one stays as it was). Draws through its own layout, so it may run in a
 * thread on a chart that no other thread uses meanwhile (see cc_chart_copy()). */
gboolean         cc_chart_export_full        (CcChart            *self,
                                              const char         *path,
                                              CcExportFormat      format,
                                              double              width,
                                              double              height,
                                              double              scale,
                                              GCancellable       *cancellable,
                                              GError            **error);
/* Page sizes for PDF export, landscape, in points. */
#define CC_PAGE_A4_WIDTH      841.89
#define CC_PAGE_A4_HEIGHT     595.28
#define CC_PAGE_LETTER_WIDTH  792.0
#define CC_PAGE_LETTER_HEIGHT 612.0
/* The format named by @path's extension (.png, .pdf, .svg). */
gboolean         cc_export_format_from_path  (const char         *path,
                                              CcExportFormat     *format);

G_END_DECLS
