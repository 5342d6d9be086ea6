/* cc-window-private.h: the window's instance struct and the internal API shared by cc-window.c,
 * cc-window-actions.c (its action handlers) and the ui tests. */
#pragma once

#include "cc-chart.h"
#include "cc-chart-view.h"
#include "cc-compare-view.h"
#include "cc-dataset.h"
#include "cc-export-dialog.h"
#include "cc-portfolio-page.h"
#include "cc-side-panel.h"
#include "cc-window.h"

G_BEGIN_DECLS

typedef struct _CcWindowWork CcWindowWork;

struct _CcWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  GtkToggleButton      *sidebar_button;
  GtkToggleButton      *panel_button;
  AdwSqueezer          *range_squeezer;
  GtkBox               *range_box;
  GtkMenuButton        *range_menu_button;
  GtkMenuButton        *rebase_button;
  GtkBox               *mode_box;
  GtkToggleButton      *log_button;
  GtkToggleButton      *cycles_button;
  GtkStack             *refresh_stack;
  GtkSpinner           *refresh_spinner;
  GtkLabel             *refresh_label;
  AdwFlap              *sidebar_flap;
  AdwFlap              *panel_flap;
  GtkStack             *sidebar_stack;
  GtkSearchEntry       *search_entry;
  GtkListBox           *symbol_list;
  GtkDropDown          *category_dropdown;
  GtkStack             *event_stack;
  GtkListBox           *event_list;
  GtkLabel             *base_label;
  GtkLabel             *stale_badge;
  GtkLabel             *reconstructed_badge;
  GtkStack             *chart_stack;
  CcChartView          *chart_view;
  CcCompareView        *compare_view;      /* the Analogues page (cc-window-analogues.c) */
  GtkToggleButton      *chart_mode_button;
  GtkToggleButton      *analogues_mode_button;
  GtkBox               *panel_box;
  GtkStack             *panel_stack;
  CcSidePanel          *side_panel;
  CcPortfolioPage      *portfolio_page;  /* the sidebar's Portfolio page */
  GtkBox               *event_card;
  GtkLabel             *event_when_label;
  GtkLabel             *event_title_label;
  GtkLabel             *event_description_label;
  GtkLabel             *event_source_label;
  GtkListBox           *changes_list;

  /* State */
  GSettings            *settings;
  CcDataset            *dataset;
  CcChart              *chart;
  GPtrArray            *items;          /* char*, what the chart draws, in order */
  GHashTable           *item_toggles;   /* item -> GtkCheckButton (not owned) */
  GPtrArray            *legend_hidden;  /* char*: series hidden from the chart this session */
  char                 *mode;
  char                 *range;
  char                 *rebase;
  gboolean              log_scale;
  gboolean              cycle_overlay;  /* the chip cycles instead of the items */
  gboolean              refreshing;
  GCancellable         *refresh_cancellable;
  GPtrArray            *refresh_failures;  /* char*: symbols that failed in this refresh */
  GCancellable         *export_cancellable; /* the export running in a thread, if any */
  GFile                *export_file;
  GPtrArray            *work;   /* CcWindowWork: threads the user can cancel, with their toasts */
  /* Set while the last refresh's failure stands (the stale badge says so); NULL after one
   * that worked. */
  GDateTime            *refresh_failed_at;
  char                 *refresh_error;
  char                 *last_error;        /* the last error toast's whole text, for tests */
  GtkPopoverMenu       *ticker_menu;       /* the user tickers' context menu */
  gboolean              saving_events;      /* the user's events are being saved in a thread */
  gboolean              save_events_again;  /* and changed meanwhile */
  GCancellable         *filings_cancellable; /* the SEC EDGAR fetch running, if any */
  guint                 filings_fetches;     /* fetches of filings finished, for tests */
  guint                 filings_recheck_id;  /* the hourly re-check of old filings */
  GCancellable         *history_cancellable; /* the full history being fetched, if any */
  guint                 analogues_idle;
  /* Set while the window itself changes toggles, so their callbacks do not echo back. */
  guint                 updating;
};

/* cc-window.c: what the actions change and redraw */
gboolean     _cc_window_item_is_basket   (const char *item);
/* The symbols behind @item: the ticker itself, or every member of a basket (NULL for an unknown
 * basket). Free the array, not the strings, with g_free(). */
const char **_cc_window_item_symbols     (CcWindow   *self,
                                          const char *item);
/* The items the chart shows, in order, as a new string vector. */
GStrv        _cc_window_dup_items        (CcWindow   *self);
void         _cc_window_set_item_visible (CcWindow   *self,
                                          const char *item,
                                          gboolean    visible);
void         _cc_window_update_view      (CcWindow   *self);
/* Charts the ratio or spread @text (any spelling cc-derived.h reads) and lists it in the
 * sidebar; FALSE after a toast saying why not (a bad pair, a side without data). */
gboolean     _cc_window_add_pair         (CcWindow   *self,
                                          const char *text);
void         _cc_window_update_chart_items (CcWindow *self);
void         _cc_window_apply_range      (CcWindow   *self);
void         _cc_window_populate_symbols (CcWindow   *self);
void         _cc_window_populate_events  (CcWindow   *self);
/* The category chosen in the event list's drop-down, or -1 for all. */
int          _cc_window_event_category_filter (CcWindow *self);
void         _cc_window_show_error_toast (CcWindow   *self,
                                          const char *what,
                                          GError     *error);

/* cc-edgar-filings.c: filing markers from SEC EDGAR */
void         _cc_window_filings_setup    (CcWindow   *self);
void         _cc_window_filings_dispose  (CcWindow   *self);
/* Hands the chart the visible companies' filings, fetching those not in memory yet (asking
 * for the contact the first time), as the settings ask. */
void         _cc_window_update_filings   (CcWindow   *self);
/* Asks SEC EDGAR again for the visible companies' filings (the Refresh button), through the
 * store's cache and validators; nothing without a contact. */
void         _cc_window_refresh_filings  (CcWindow   *self);
/* The legend popover's section of filing toggles. */
GtkWidget   *_cc_window_filings_toggles  (CcWindow   *self);
/* Whether the visible companies' filings were fetched more than four days ago; their symbols
 * are appended to @names. */
gboolean     _cc_window_filings_stale    (CcWindow   *self,
                                          GString    *names);
/* Shows or hides the Reconstructed and Stale badges for what the chart shows now. */
void         _cc_window_update_badges    (CcWindow   *self);

/* cc-window-analogues.c */
void         _cc_window_analogues_class_init (CcWindowClass *klass);
void         _cc_window_analogues_init   (CcWindow   *self);
void         _cc_window_analogues_dispose (CcWindow  *self);
/* Shows the Analogues page when it is chosen; gives the view its data. */
void         _cc_window_analogues_update (CcWindow   *self);
gboolean     _cc_window_is_loading_history (CcWindow *self);

/* cc-window-actions.c */
void         _cc_window_class_actions_init (CcWindowClass *klass);
/* Enables or disables the window's actions from its state. */
void         _cc_window_update_actions   (CcWindow   *self);

CcChart     *_cc_window_get_chart        (CcWindow   *self);
CcChartView *_cc_window_get_chart_view   (CcWindow   *self);
/* The check button of @item ("MU", "basket:memory") in the sidebar, or NULL. */
GtkWidget   *_cc_window_get_item_toggle  (CcWindow   *self,
                                          const char *item);
/* Whether the "reconstructed data" and "stale" badges are shown. */
void         _cc_window_get_badges       (CcWindow   *self,
                                          gboolean   *reconstructed,
                                          gboolean   *stale);
/* Writes the chart to @path as the export dialog would, without asking. */
gboolean     _cc_window_export_to_path   (CcWindow   *self,
                                          const char *path,
                                          double      width,
                                          double      height,
                                          double      scale,
                                          GError    **error);
/* The closes behind the chart (basket members included) in the visible range, as CSV. */
gboolean     _cc_window_export_csv       (CcWindow   *self,
                                          GFile      *file,
                                          GError    **error);
/* The chart page, then the analysis pages, as the export dialog's "add the analysis text". */
gboolean     _cc_window_export_pdf_with_report (CcWindow *self,
                                          GFile      *file,
                                          double      width,
                                          double      height,
                                          char      **report_note,
                                          GError    **error);
/* Imports @file in a thread: an event set (.json) or a price file; a toast tells how it went. */
void         _cc_window_import_file_async (CcWindow  *self,
                                           GFile     *file);
/* Starts the export the dialog asks for in a thread; a toast tells how it went. */
void         _cc_window_export_async     (CcWindow     *self,
                                          CcExportKind  kind,
                                          GFile        *file,
                                          double        width,
                                          double        height,
                                          double        scale,
                                          gboolean      with_report);
gboolean     _cc_window_is_exporting     (CcWindow   *self);
/* Whether work runs in a thread (an export, an import, a save): its toast offers Cancel. */
gboolean     _cc_window_is_busy          (CcWindow   *self);
/* Cancels the work the window runs in threads (exports, saves): the window is going away. */
void         _cc_window_cancel_work      (CcWindow   *self);
/* Selects the event @event_id in the event list, as a click would. */
gboolean     _cc_window_select_event     (CcWindow   *self,
                                          const char *event_id);
/* Imports an event set as the user's own; nothing changes when the file is bad. */
gboolean     _cc_window_import_events    (CcWindow   *self,
                                          GFile      *file,
                                          guint      *n_imported,
                                          GError    **error);
/* Writes the events listed (the category filter applies) to @file in a thread; a toast tells
 * how it went. */
void         _cc_window_export_events_async (CcWindow *self,
                                             GFile    *file);
/* Imports a price CSV (the symbols join the catalogue and the chart). */
gboolean     _cc_window_import_csv       (CcWindow   *self,
                                          GFile      *file,
                                          GError    **error);
gboolean     _cc_window_add_ticker       (CcWindow   *self,
                                          const char *ticker);
void         _cc_window_show_toast       (CcWindow   *self,
                                          const char *text);
/* Removes a ticker the user added from the catalogue, the chart and the settings, with an undo
 * toast. FALSE (nothing changes) for a catalogue symbol or an unknown one. */
gboolean     _cc_window_remove_ticker    (CcWindow   *self,
                                          const char *ticker);
/* Adds @ticker back as the undo does, shown on the chart again when @shown. */
gboolean     _cc_window_restore_ticker   (CcWindow   *self,
                                          const char *ticker,
                                          gboolean    shown);
/* Records how the last refresh ended: @error NULL when it worked. A failure shows the stale
 * badge, with when and why in its tooltip, until a refresh works. */
void         _cc_window_set_refresh_result (CcWindow   *self,
                                          const GError *error);

G_END_DECLS
