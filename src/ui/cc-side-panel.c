/* cc-side-panel.c: the analysis side panel. Everything it shows comes from one CcAnalysis, the
 * same computation the PDF report and `chipcycle analyze` print. */
#define G_LOG_DOMAIN "cc-side-panel"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <math.h>
#include <string.h>

#include "cc-analogue-summary.h"
#include "cc-monitor-card.h"
#include "cc-report.h"
#include "cc-save-stream.h"
#include "cc-side-panel.h"
#include "cc-timeline-chart.h"

typedef enum {
  COL_ITEM,
  COL_RETURN,
  COL_ABNORMAL,
  COL_CAR_M1_P1,
  COL_CAR_0_P5,
  COL_CAR_0_P20,
  COL_BETA,
  COL_DAYS,
  N_COLUMNS
} StudyColumn;

static const struct {
  const char *key;
  const char *title;
  const char *tooltip;
} study_columns[N_COLUMNS] = {
  { "item", N_("Item"), NULL },
  { "return", N_("Day 0"), N_("Close-to-close return on the event day") },
  { "abnormal", N_("Abnormal"), N_("Day-0 return beyond what the SOX move predicts") },
  { "car-1+1", N_("CAR −1…+1"),
    N_("Cumulative abnormal return over days −1 to +1 (t-statistic)") },
  { "car0+5", N_("CAR 0…+5"), N_("Cumulative abnormal return over days 0 to +5 (t-statistic)") },
  { "car0+20", N_("CAR 0…+20"),
    N_("Cumulative abnormal return over days 0 to +20 (t-statistic)") },
  { "beta", N_("Beta"), N_("Sensitivity to the SOX, fitted over days −250 to −11") },
  { "days", N_("Days"), N_("Trading days in the fit; * when fewer than the full 240") },
};

typedef struct {
  CcSidePanel *self;
  StudyColumn  column;
} SorterData;

/* The widgets of the phase or the scenario card, made once and then updated in place. */
typedef struct {
  GtkWidget *headline;
  GtkWidget *lead;
  GtkWidget *names[3];
  GtkWidget *bars[3];
  GtkWidget *values[3];
  GtkWidget *why;              /* the evidence for the leader (or those tied) */
  GtkWidget *evidence;         /* the same as one hidden string, for the tests */
  GtkWidget *others;           /* expander */
  GtkWidget *others_box;
  GtkWidget *detail;           /* expander */
  GtkWidget *detail_box;
  GtkWidget *rule_lines;
  GtkWidget *indicator_names[CC_N_INDICATORS];   /* phase card only */
  GtkWidget *indicator_values[CC_N_INDICATORS];
  GtkWidget *event_note;
} WeightsCard;

struct _CcSidePanel
{
  GtkWidget            parent_instance;

  /* Template children */
  GtkWidget           *scroller;
  GtkWidget           *as_of_row;
  GtkMenuButton       *as_of_button;
  GtkPopover          *as_of_popover;
  GtkCalendar         *as_of_calendar;
  AdwPreferencesGroup *timeline_group;
  GtkBox              *timeline_box;
  GtkDrawingArea      *timeline_area;
  GtkLabel            *timeline_label;
  GtkLabel            *study_reason_label;
  GtkLabel            *study_event_label;
  GtkLabel            *context_label;
  GtkLabel            *rules_error_label;
  AdwPreferencesGroup *phase_group;
  GtkBox              *phase_box;
  AdwPreferencesGroup *scenario_group;
  GtkBox              *scenario_box;
  GtkListBox          *monitors_list;
  AdwPreferencesGroup *monitors_group;
  AdwPreferencesGroup *history_group;
  CcAnalogueSummary   *analogue_summary;  /* filled by the window from its Analogues view */
  AdwPreferencesGroup *study_group;
  GtkBox              *history_box;
  GtkLabel            *drawdown_label;
  GtkDrawingArea      *history_area;
  GtkGrid             *history_grid;
  GtkLabel            *history_note_label;
  GtkBox              *study_box;
  GtkLabel            *winners_label;
  GtkLabel            *losers_label;
  GtkColumnView       *study_view;
  GtkLabel            *study_note_label;
  GtkLabel            *abnormal_label;
  GtkDrawingArea      *abnormal_area;
  GtkLabel            *disclaimer_label;
  GtkWidget           *copy_button;
  GtkWidget           *export_button;
  CcFilingStudyCard   *filing_study;
  WeightsCard          phase_card;
  WeightsCard          scenario_card;

  CcDataset           *dataset;
  CcEvent             *event;
  CcDate               as_of;
  char               **items;
  CcSeries            *portfolio;      /* the open portfolio's series, or NULL */

  CcAnalysis          *analysis;       /* the event study and the history */
  /* The assessment: a snapshot of the data and rules (rebuilt when they change), its answer
   * for the as-of date, and its answer for every trading day, computed in a thread. */
  CcAssessor          *assessor;
  CcMonitorCards      *monitor_cards;   /* the monitors fed by SEC EDGAR, and their figures */
  guint                assessor_generation;  /* bumped whenever the assessor is dropped */
  guint                shown_assessor;       /* the generation the cards show */
  CcDate               shown_as_of;
  CcAssessment        *assessment;
  CcTimeline          *timeline;
  GCancellable        *timeline_cancellable;
  CcDate               hover_day;
  GHashTable          *study_rows;     /* item -> const CcEventStudyRow *, into analysis */
  GHashTable          *shown;          /* key -> GtkLabel showing it (weak: rebuilt each time) */
  GtkStringList       *study_items;
  GtkSortListModel    *study_sorted;
  GtkSingleSelection  *study_selection;
  SorterData           sorter_data[N_COLUMNS];
  guint                update_id;
  GtkFileChooserNative *chooser;
  GtkWidget           *study_dialog;   /* the full table, while it is open */
  GHashTable          *bound_cells;    /* GtkListItem: the study cells bound to a row */
  gboolean             calendar_syncing;
  GFileMonitor        *rules_monitor;
  /* The rules in use, read once and again only when the user's file changes (in a thread). */
  CcRules             *rules;
  GError              *rules_error;
  GCancellable        *rules_cancellable;
  /* The event is dated to a month or a quarter, not a day. */
  gboolean             imprecise_event;
};

G_DEFINE_FINAL_TYPE (CcSidePanel, cc_side_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_EVENT,
  PROP_AS_OF,
  PROP_ITEMS,
  PROP_REPORTED_MONITORS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void cc_side_panel_queue_update (CcSidePanel *self);
static void update_study_dialog_title  (CcSidePanel *self);
static void set_accessible_label       (GtkWidget   *widget,
                                        const char  *label);

/* Cells */

static char *
study_cell_text (const CcEventStudyRow *row,
                 StudyColumn            column)
{
  guint w;

  switch (column)
    {
    case COL_ITEM:
      /* † as in the report: the day's bars were rebuilt from the article, not observed. */
      if (row->provenance != CC_PROVENANCE_OBSERVED)
        return g_strdup_printf ("%s †", row->label);
      return g_strdup (row->label);
    case COL_RETURN:
      return row->has_return ? cc_format_return (row->event_return) : g_strdup ("—");
    case COL_ABNORMAL:
      return row->has_abnormal ? cc_format_return (row->abnormal_return) : g_strdup ("—");
    case COL_CAR_M1_P1:
    case COL_CAR_0_P5:
    case COL_CAR_0_P20:
      w = column - COL_CAR_M1_P1 + 1;
      if (!row->has_car[w])
        return g_strdup ("—");
      {
        g_autofree char *car = cc_format_return (row->car[w]);
        g_autofree char *t = cc_format_t_stat (row->t_stat[w]);
        return g_strdup_printf ("%s (%s)", car, t);
      }
    case COL_BETA:
      return row->model.ok ? g_strdup_printf ("%.2f", row->model.beta) : g_strdup ("—");
    case COL_DAYS:
      if (row->is_market || row->model.n == 0)
        return g_strdup ("—");
      return g_strdup_printf ("%u%s", row->model.n, row->short_estimation ? "*" : "");
    case N_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static double
study_cell_value (const CcEventStudyRow *row,
                  StudyColumn            column,
                  gboolean              *have)
{
  guint w;

  *have = TRUE;
  switch (column)
    {
    case COL_RETURN:
      *have = row->has_return;
      return row->event_return;
    case COL_ABNORMAL:
      *have = row->has_abnormal;
      return row->abnormal_return;
    case COL_CAR_M1_P1:
    case COL_CAR_0_P5:
    case COL_CAR_0_P20:
      w = column - COL_CAR_M1_P1 + 1;
      *have = row->has_car[w];
      return row->car[w];
    case COL_BETA:
      *have = row->model.ok;
      return row->model.beta;
    case COL_DAYS:
      *have = !row->is_market;
      return row->model.n;
    case COL_ITEM:
    case N_COLUMNS:
    default:
      *have = FALSE;
      return 0;
    }
}

static const CcEventStudyRow *
row_for_item (CcSidePanel *self,
              gpointer     item)
{
  const char *key = gtk_string_object_get_string (GTK_STRING_OBJECT (item));

  return self->study_rows ? g_hash_table_lookup (self->study_rows, key) : NULL;
}

static int
study_compare_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  SorterData *data = user_data;
  const CcEventStudyRow *ra = row_for_item (data->self, (gpointer) a);
  const CcEventStudyRow *rb = row_for_item (data->self, (gpointer) b);
  gboolean ha, hb;
  double va, vb;

  if (ra == NULL || rb == NULL)
    return GTK_ORDERING_EQUAL;
  if (data->column == COL_ITEM)
    return gtk_ordering_from_cmpfunc (g_utf8_collate (ra->label, rb->label));

  va = study_cell_value (ra, data->column, &ha);
  vb = study_cell_value (rb, data->column, &hb);
  /* Missing values sort after every number, whichever way. */
  if (ha != hb)
    return ha ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
  if (!ha || va == vb)
    return GTK_ORDERING_EQUAL;
  return va < vb ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
}

static void
study_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  StudyColumn column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column == COL_ITEM ? 0.0 : 1.0);
  if (column != COL_ITEM)
    gtk_widget_add_css_class (label, "numeric");
  else
    {
      /* Cut in the middle, so the † at the end stays in view. */
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
    }
  gtk_list_item_set_child (list_item, label);
}

/* The card's narrow CAR cell: the CAR, and its t on a second, smaller line. */
static char *
study_compact_car_markup (const CcEventStudyRow *row,
                          StudyColumn            column)
{
  guint w = column - COL_CAR_M1_P1 + 1;
  g_autofree char *car = NULL;
  g_autofree char *t = NULL;
  g_autofree char *t_line = NULL;

  /* Always two lines, so every row of the card has the same height. */
  if (!row->has_car[w])
    return g_strdup ("—\n<span size=\"smaller\"> </span>");
  car = cc_format_return (row->car[w]);
  t = cc_format_t_stat (row->t_stat[w]);
  /* TRANSLATORS: the t-statistic under a CAR in the side panel's narrow table, "t −2.41" */
  t_line = g_strdup_printf (_("t %s"), t);
  /* Numbers only: nothing here needs escaping. */
  return g_strdup_printf ("%s\n<span size=\"smaller\" alpha=\"70%%\">%s</span>", car, t_line);
}

static void
study_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               CcSidePanel              *self)
{
  StudyColumn column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  gboolean compact = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "compact"));
  const CcEventStudyRow *row = row_for_item (self, gtk_list_item_get_item (list_item));
  GtkWidget *label = gtk_list_item_get_child (list_item);
  g_autofree char *text = NULL;

  /* Remembered, so that new numbers for the same rows refill the cells in place. */
  g_object_set_data (G_OBJECT (list_item), "cc-factory", factory);
  g_hash_table_add (self->bound_cells, list_item);

  if (row && compact && column >= COL_CAR_M1_P1 && column <= COL_CAR_0_P20)
    {
      text = study_compact_car_markup (row, column);
      gtk_label_set_markup (GTK_LABEL (label), text);
    }
  else if (row && compact && column == COL_ITEM)
    {
      /* The narrow card: two lines ("Memory / basket"), the † in front so that cutting a
       * long name at the end never hides it. */
      text = row->provenance != CC_PROVENANCE_OBSERVED ? g_strdup_printf ("† %s", row->label)
                                                       : g_strdup (row->label);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_lines (GTK_LABEL (label), 2);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_text (GTK_LABEL (label), text);
    }
  else
    {
      text = row ? study_cell_text (row, column) : g_strdup ("");
      gtk_label_set_text (GTK_LABEL (label), text);
    }
  gtk_widget_remove_css_class (label, "success");
  gtk_widget_remove_css_class (label, "error");
  if (row && column == COL_RETURN && row->has_return && fabs (row->event_return) >= 0.00005)
    gtk_widget_add_css_class (label, row->event_return > 0 ? "success" : "error");
  if (row && column == COL_ITEM)
    {
      g_autofree char *tip = NULL;

      /* The column is narrow: the full name, and where the numbers come from, on hover. */
      if (row->provenance == CC_PROVENANCE_OBSERVED)
        tip = g_strdup (row->label);
      else
        tip = g_strdup_printf (_("%s: rebuilt from the article’s figures, not market data"),
                               row->label);
      /* (Setting a tooltip asks the X server where the pointer is: only when it changed.) */
      if (g_strcmp0 (gtk_widget_get_tooltip_text (label), tip) != 0)
        gtk_widget_set_tooltip_text (label, tip);
    }
}

static void
study_unbind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 CcSidePanel              *self)
{
  g_hash_table_remove (self->bound_cells, list_item);
}

/* The same items with new numbers (another as-of date or event): fill the cells on screen
 * again rather than replacing the items, which would make every row anew and lose the
 * selection. */
static void
study_rebind (CcSidePanel *self)
{
  GHashTableIter iter;
  gpointer list_item;
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  g_hash_table_iter_init (&iter, self->bound_cells);
  while (g_hash_table_iter_next (&iter, &list_item, NULL))
    g_ptr_array_add (items, list_item);
  for (guint i = 0; i < items->len; i++)
    {
      GtkListItem *item = g_ptr_array_index (items, i);

      study_bind_cb (g_object_get_data (G_OBJECT (item), "cc-factory"), item, self);
    }
}

static void remember (CcSidePanel *self,
                      const char  *key,
                      GtkWidget   *label);

static const CcEventStudyRow *
selected_row (CcSidePanel *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->study_selection);

  return item ? row_for_item (self, item) : NULL;
}

static void
study_selection_changed_cb (CcSidePanel *self)
{
  const CcEventStudyRow *row;
  g_autofree char *text = NULL;

  /* Being torn down: the labels are gone. */
  if (self->abnormal_label == NULL)
    return;

  row = selected_row (self);
  if (row == NULL)
    text = g_strdup (_("Select a row to chart its abnormal returns"));
  else if (row->is_market)
    text = g_strdup_printf (_("%s is the market itself: no abnormal returns"), row->label);
  else if (!row->model.ok)
    /* TRANSLATORS: a study row without a market model, and why: "MU: no market model (only 12
     * estimation days, 30 needed)" */
    text = g_strdup_printf (_("%s: no market model (%s)"), row->label,
                            row->model_problem ? row->model_problem
                                               : _("too little data before the event"));
  else
    /* TRANSLATORS: %s is a ticker or a basket name */
    text = g_strdup_printf (_("Abnormal returns of %s around the event"), row->label);
  gtk_label_set_text (self->abnormal_label, text);
  remember (self, "abnormal-chart", GTK_WIDGET (self->abnormal_label));
  gtk_widget_set_visible (GTK_WIDGET (self->abnormal_area), row != NULL && row->model.ok);
  if (row)
    {
      g_autofree char *a11y = NULL;

      if (row->has_car[3])
        {
          g_autofree char *car = cc_format_return (row->car[3]);
          a11y = g_strdup_printf (_("%s; cumulative abnormal return to day 20: %s"), text, car);
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->abnormal_area),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, a11y ? a11y : text, -1);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self->abnormal_area));
}

static void
abnormal_draw_cb (GtkDrawingArea *area,
                  cairo_t        *cr,
                  int             width,
                  int             height,
                  gpointer        user_data);

/* The card's columns: what fits 300 pixels; the dialog has them all. */
static const StudyColumn card_columns[] = { COL_ITEM, COL_RETURN, COL_CAR_0_P5, COL_DAYS };

static void
add_study_columns (CcSidePanel       *self,
                   GtkColumnView     *view,
                   const StudyColumn *columns,
                   guint              n_columns,
                   gboolean           compact)
{
  for (guint i = 0; i < n_columns; i++)
    {
      StudyColumn c = columns[i];
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      GtkSorter *sorter;

      g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (c));
      g_object_set_data (G_OBJECT (factory), "compact", GUINT_TO_POINTER (compact));
      g_signal_connect (factory, "setup", G_CALLBACK (study_setup_cb), GUINT_TO_POINTER (c));
      g_signal_connect_object (factory, "bind", G_CALLBACK (study_bind_cb), self, 0);
      g_signal_connect_object (factory, "unbind", G_CALLBACK (study_unbind_cb), self, 0);
      column = gtk_column_view_column_new (_(study_columns[c].title),
                                           g_object_ref (GTK_LIST_ITEM_FACTORY (factory)));
      sorter = GTK_SORTER (gtk_custom_sorter_new (study_compare_cb, &self->sorter_data[c], NULL));
      gtk_column_view_column_set_sorter (column, sorter);
      g_object_unref (sorter);
      if (compact)
        {
          /* The numbers get fixed widths that hold "−12.40%" and a sort arrow; the item takes
           * what is left. Nothing is resizable, so nothing scrolls sideways. */
          static const int widths[N_COLUMNS] = {
            [COL_RETURN] = 74, [COL_CAR_0_P5] = 80, [COL_DAYS] = 48,
          };

          gtk_column_view_column_set_expand (column, c == COL_ITEM);
          if (widths[c] > 0)
            gtk_column_view_column_set_fixed_width (column, widths[c]);
        }
      else
        {
          gtk_column_view_column_set_resizable (column, TRUE);
          if (c == COL_ITEM)
            gtk_column_view_column_set_fixed_width (column, 150);
        }
      gtk_column_view_append_column (view, column);
    }
}

static void
sort_by_return (GtkColumnView *view,
                guint          position)
{
  g_autoptr(GtkColumnViewColumn) column =
    g_list_model_get_item (gtk_column_view_get_columns (view), position);

  /* Biggest fallers first: the question the table answers is who lost most. */
  gtk_column_view_sort_by_column (view, column, GTK_SORT_ASCENDING);
}

static void
setup_study_view (CcSidePanel *self)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      self->sorter_data[c].self = self;
      self->sorter_data[c].column = c;
    }
  add_study_columns (self, self->study_view, card_columns, G_N_ELEMENTS (card_columns), TRUE);

  self->study_items = gtk_string_list_new (NULL);
  self->study_sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->study_items)),
                                                g_object_ref (gtk_column_view_get_sorter (
                                                                self->study_view)));
  /* Selecting a row charts its abnormal returns below the table. */
  self->study_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (
                                                                    self->study_sorted)));
  gtk_single_selection_set_autoselect (self->study_selection, TRUE);
  g_signal_connect_object (self->study_selection, "notify::selected-item",
                           G_CALLBACK (study_selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->study_view, GTK_SELECTION_MODEL (self->study_selection));
  sort_by_return (self->study_view, 1);
}

/* Building the cards */

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)))
    {
      if (GTK_IS_BOX (box))
        gtk_box_remove (GTK_BOX (box), child);
      else if (GTK_IS_GRID (box))
        gtk_grid_remove (GTK_GRID (box), child);
      else if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else
        g_assert_not_reached ();
    }
}

static void
set_accessible_label (GtkWidget  *widget,
                      const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
expander_expanded_cb (GtkExpander *expander)
{
  GtkWidget *child = gtk_expander_get_child (expander);

  if (child != NULL)
    gtk_widget_set_can_focus (child, gtk_expander_get_expanded (expander));
}

/* GTK 4.8's GtkExpander has no accessible name of its own, and Tab tries its child even while
 * it is collapsed and out of the window (a critical warning, and the focus stops): name it by
 * its label, and keep a collapsed child out of the focus chain. Call after setting the child. */
static void
setup_expander (GtkWidget *expander)
{
  gtk_accessible_update_relation (GTK_ACCESSIBLE (expander),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  gtk_expander_get_label_widget (GTK_EXPANDER (expander)), NULL,
                                  -1);
  expander_expanded_cb (GTK_EXPANDER (expander));
  g_signal_connect (expander, "notify::expanded", G_CALLBACK (expander_expanded_cb), NULL);
}

static GtkWidget *
new_label (const char *text,
           const char *css_class,
           gboolean    wrap)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (wrap)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
remember (CcSidePanel *self,
          const char  *key,
          GtkWidget   *label)
{
  g_hash_table_insert (self->shown, g_strdup (key), label);
}

static void
pad_card (GtkWidget *card)
{
  GtkWidget *first = gtk_widget_get_first_child (card);
  GtkWidget *last = gtk_widget_get_last_child (card);

  for (GtkWidget *c = first; c; c = gtk_widget_get_next_sibling (c))
    {
      gtk_widget_set_margin_start (c, 12);
      gtk_widget_set_margin_end (c, 12);
    }
  if (first)
    gtk_widget_set_margin_top (first, 12);
  if (last)
    gtk_widget_set_margin_bottom (last, 12);
}

/* The phase and scenario cards keep their widgets: an as-of move changes their texts, bars and
 * lists in place (rebuilding them cost most of a frame, dropped the keyboard focus and closed
 * the expanders the user had opened). */
typedef enum {
  LINE_HEADING,   /* a phase or scenario name over its lines */
  LINE_TEXT,      /* a plain evidence sentence */
  LINE_DIM,       /* "no rule gave evidence" */
  LINE_DETAIL,    /* a rule's detail, small and selectable */
} LineKind;

static const char * const line_classes[] = {
  [LINE_HEADING] = "heading", [LINE_TEXT] = NULL, [LINE_DIM] = "dim-label",
  [LINE_DETAIL] = "caption",
};

/* Sets the @index-th label of @box to @text, making the label when the box has fewer. */
static void
set_line (GtkBox     *box,
          guint       index,
          LineKind    kind,
          const char *text)
{
  GtkWidget *label = gtk_widget_get_first_child (GTK_WIDGET (box));
  guint old_kind;

  for (guint i = 0; i < index && label; i++)
    label = gtk_widget_get_next_sibling (label);
  if (label == NULL)
    {
      label = new_label (NULL, NULL, TRUE);
      g_object_set_data (G_OBJECT (label), "cc-line-kind", GUINT_TO_POINTER (LINE_TEXT + 1));
      gtk_box_append (box, label);
    }
  old_kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (label), "cc-line-kind")) - 1;
  if (old_kind != kind)
    {
      if (line_classes[old_kind])
        gtk_widget_remove_css_class (label, line_classes[old_kind]);
      if (line_classes[kind])
        gtk_widget_add_css_class (label, line_classes[kind]);
      gtk_label_set_selectable (GTK_LABEL (label), kind == LINE_DETAIL);
      g_object_set_data (G_OBJECT (label), "cc-line-kind", GUINT_TO_POINTER (kind + 1));
    }
  gtk_label_set_text (GTK_LABEL (label), text);
}

/* Removes the labels of @box from the @n-th on. */
static void
trim_lines (GtkBox *box,
            guint   n)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (box));

  for (guint i = 0; i < n && child; i++)
    child = gtk_widget_get_next_sibling (child);
  while (child)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      gtk_box_remove (box, child);
      child = next;
    }
}

static guint
add_reasons (GtkBox             *box,
             guint               line,
             const CcAssessment *a,
             CcTarget            target,
             GString            *shown)
{
  for (guint i = 0; i < a->reasons[target]->len; i++)
    {
      const CcReason *reason = g_ptr_array_index (a->reasons[target], i);
      g_autofree char *text = g_strdup_printf ("• %s", reason->sentence);

      set_line (box, line++, LINE_TEXT, text);
      if (shown)
        g_string_append_printf (shown, "%s%s", shown->len ? "\n" : "", text);
    }
  if (a->reasons[target]->len == 0)
    {
      const char *none = _("No rule gave evidence for it; it keeps its prior weight.");

      set_line (box, line++, LINE_DIM, none);
      if (shown)
        g_string_append_printf (shown, "%s%s", shown->len ? "\n" : "", none);
    }
  return line;
}

/* A hidden label holding text the panel shows spread over several widgets, so the tests can
 * read it as one string. */
static GtkWidget *
new_hidden_label (GtkBox *card)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_visible (label, FALSE);
  gtk_box_append (card, label);
  return label;
}

static GtkWidget *
new_expander (GtkBox     *card,
              const char *title,
              GtkWidget  *child)
{
  GtkWidget *expander = gtk_expander_new (title);

  gtk_expander_set_child (GTK_EXPANDER (expander), child);
  setup_expander (expander);
  gtk_box_append (card, expander);
  return expander;
}

/* The weight bars' shortest length, enough to tell 29% from 42% at a glance; test-panel-width
 * checks they keep it in the 340 px panel in en, de and fr. */
#define BAR_MIN_WIDTH 96

/* Makes the card's widgets, once. */
static void
make_weights_card (WeightsCard *w,
                   GtkBox      *card,
                   gboolean     phases)
{
  GtkWidget *grid = gtk_grid_new ();

  w->headline = new_label (NULL, "title-4", TRUE);
  gtk_box_append (card, w->headline);
  w->lead = new_label (NULL, NULL, TRUE);
  gtk_box_append (card, w->lead);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  for (guint i = 0; i < 3; i++)
    {
      /* Each name on a line of its own over its bar, wrapping rather than widening the
       * panel: beside the bar, "Surinvestissement spéculatif" squeezed the French bars to
       * 14 px, and no bar fits beside "Effizienzoptimierung" at 340 px. */
      w->names[i] = new_label (NULL, NULL, TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (w->names[i]), PANGO_WRAP_WORD);
      if (i > 0)
        gtk_widget_set_margin_top (w->names[i], 6);
      w->bars[i] = gtk_level_bar_new_for_interval (0, 1);
      gtk_widget_set_size_request (w->bars[i], BAR_MIN_WIDTH, -1);
      w->values[i] = new_label (NULL, "numeric", FALSE);
      /* One colour for every bar: the offsets would paint a low weight as a warning. */
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (w->bars[i]), GTK_LEVEL_BAR_OFFSET_LOW);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (w->bars[i]), GTK_LEVEL_BAR_OFFSET_HIGH);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (w->bars[i]), GTK_LEVEL_BAR_OFFSET_FULL);
      gtk_widget_set_hexpand (w->bars[i], TRUE);
      gtk_widget_set_valign (w->bars[i], GTK_ALIGN_CENTER);
      gtk_label_set_xalign (GTK_LABEL (w->values[i]), 1);
      gtk_label_set_width_chars (GTK_LABEL (w->values[i]), 4);
      gtk_grid_attach (GTK_GRID (grid), w->names[i], 0, 2 * i, 2, 1);
      gtk_grid_attach (GTK_GRID (grid), w->bars[i], 0, 2 * i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), w->values[i], 1, 2 * i + 1, 1, 1);
    }
  gtk_box_append (card, grid);

  w->why = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_box_append (card, w->why);
  w->evidence = new_hidden_label (card);

  w->others_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  w->others = new_expander (card, _("Evidence for the others"), w->others_box);

  w->detail_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  w->rule_lines = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_box_append (GTK_BOX (w->detail_box), w->rule_lines);
  if (phases)
    {
      GtkWidget *list = gtk_grid_new ();

      gtk_box_append (GTK_BOX (w->detail_box), new_label (_("Indicators"), "heading", FALSE));
      gtk_grid_set_column_spacing (GTK_GRID (list), 12);
      gtk_grid_set_row_spacing (GTK_GRID (list), 4);
      for (guint i = 0; i < CC_N_INDICATORS; i++)
        {
          w->indicator_names[i] = new_label (cc_indicator_get_label (i), "caption", TRUE);
          w->indicator_values[i] = new_label (NULL, "numeric", FALSE);
          gtk_widget_set_hexpand (w->indicator_names[i], TRUE);
          gtk_label_set_xalign (GTK_LABEL (w->indicator_values[i]), 1);
          gtk_grid_attach (GTK_GRID (list), w->indicator_names[i], 0, i, 1, 1);
          gtk_grid_attach (GTK_GRID (list), w->indicator_values[i], 1, i, 1, 1);
        }
      gtk_box_append (GTK_BOX (w->detail_box), list);
      w->event_note = new_label (NULL, "caption", TRUE);
      gtk_box_append (GTK_BOX (w->detail_box), w->event_note);
    }
  w->detail = new_expander (card, _("Rule detail"), w->detail_box);
  pad_card (GTK_WIDGET (card));
}

static void
build_weights (CcSidePanel *self,
               WeightsCard *w,
               GtkBox      *card,
               CcTarget     first)
{
  const CcAssessment *a = self->assessment;
  const CcVerdict *verdict = first == CC_TARGET_FIRST_PHASE ? &a->phase : &a->scenario;
  gboolean phases = first == CC_TARGET_FIRST_PHASE;
  g_autoptr(GString) evidence = g_string_new (NULL);
  gboolean any_other = FALSE;
  guint line;

  if (w->headline == NULL)
    make_weights_card (w, card, phases);

  /* Plain words first: the verdict and one sentence anyone can read. */
  gtk_label_set_text (GTK_LABEL (w->headline), verdict->headline);
  remember (self, phases ? "leading-phase" : "leading-scenario", w->headline);
  gtk_label_set_text (GTK_LABEL (w->lead), verdict->lead);
  remember (self, phases ? "phase-lead" : "scenario-lead", w->lead);

  for (CcTarget t = first; t < first + 3; t++)
    {
      guint i = t - first;
      gboolean top = verdict->tie ? verdict->tied[i] : t == verdict->leading;
      g_autofree char *weight = cc_format_weight (a->weight[t]);
      g_autofree char *key = g_strdup_printf ("weight:%s", cc_target_to_string (t));
      g_autofree char *a11y = g_strdup_printf (_("%s: %s"), cc_target_get_label (t), weight);

      gtk_label_set_text (GTK_LABEL (w->names[i]), cc_target_get_label (t));
      if (top)
        gtk_widget_add_css_class (w->names[i], "heading");
      else
        gtk_widget_remove_css_class (w->names[i], "heading");
      gtk_level_bar_set_value (GTK_LEVEL_BAR (w->bars[i]), a->weight[t]);
      set_accessible_label (w->bars[i], a11y);
      gtk_label_set_text (GTK_LABEL (w->values[i]), weight);
      remember (self, key, w->values[i]);
    }

  /* Then the evidence, with its numbers: for the leader, or for each of those tied. */
  line = 0;
  for (CcTarget t = first; t < first + 3; t++)
    {
      gboolean top = verdict->tie ? verdict->tied[t - first] : t == verdict->leading;
      g_autofree char *title = NULL;

      if (!top)
        continue;
      /* TRANSLATORS: heading over the evidence for one phase or scenario */
      title = g_strdup_printf (_("Evidence for %s"), cc_target_get_label (t));
      set_line (GTK_BOX (w->why), line++, LINE_HEADING, title);
      line = add_reasons (GTK_BOX (w->why), line, a, t, evidence);
    }
  trim_lines (GTK_BOX (w->why), line);
  gtk_label_set_text (GTK_LABEL (w->evidence), evidence->str);
  remember (self, phases ? "phase-evidence" : "scenario-evidence", w->evidence);

  line = 0;
  for (CcTarget t = first; t < first + 3; t++)
    {
      gboolean top = verdict->tie ? verdict->tied[t - first] : t == verdict->leading;

      if (top)
        continue;
      any_other = TRUE;
      set_line (GTK_BOX (w->others_box), line++, LINE_HEADING, cc_target_get_label (t));
      line = add_reasons (GTK_BOX (w->others_box), line, a, t, NULL);
    }
  trim_lines (GTK_BOX (w->others_box), line);
  gtk_widget_set_visible (w->others, any_other);

  /* Last, for experts: each rule that matched, with its band and weight, and the indicators. */
  line = 0;
  for (CcTarget t = first; t < first + 3; t++)
    {
      set_line (GTK_BOX (w->rule_lines), line++, LINE_HEADING, cc_target_get_label (t));
      for (guint i = 0; i < a->reasons[t]->len; i++)
        {
          const CcReason *reason = g_ptr_array_index (a->reasons[t], i);

          set_line (GTK_BOX (w->rule_lines), line++, LINE_DETAIL, reason->detail);
        }
      if (a->reasons[t]->len == 0)
        set_line (GTK_BOX (w->rule_lines), line++, LINE_DETAIL, _("No rule matched."));
    }
  trim_lines (GTK_BOX (w->rule_lines), line);
  if (phases)
    {
      for (guint i = 0; i < CC_N_INDICATORS; i++)
        {
          const CcIndicator *ind = &a->indicators.values[i];
          g_autofree char *value = ind->available ? cc_indicator_format_value (i, ind->value)
                                                  : g_strdup (_("n/a"));
          g_autofree char *key = g_strdup_printf ("indicator:%s", cc_indicator_id_to_string (i));

          if (g_strcmp0 (gtk_widget_get_tooltip_text (w->indicator_names[i]), ind->sentence))
            gtk_widget_set_tooltip_text (w->indicator_names[i], ind->sentence);
          gtk_label_set_text (GTK_LABEL (w->indicator_values[i]), value);
          remember (self, key, w->indicator_values[i]);
          /* The monitors' rows only when their figures are loaded: offline they would all
           * say so, and the card below already does. */
          if (cc_indicator_is_edgar (i))
            {
              gboolean shown = cc_assessor_has_edgar (self->assessor);

              gtk_widget_set_visible (w->indicator_names[i], shown);
              gtk_widget_set_visible (w->indicator_values[i], shown);
            }
        }
      gtk_label_set_text (GTK_LABEL (w->event_note), a->event_note ? a->event_note : "");
      gtk_widget_set_visible (w->event_note, a->event_note != NULL);
    }
}

static void
build_monitors (CcSidePanel *self)
{
  clear_box (GTK_WIDGET (self->monitors_list));

  for (guint m = 1; m < CC_N_MONITORS; m++)
    {
      CcEvent *event = self->assessment->monitors[m];
      const char *lead = self->assessment->monitor_lead[m];
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      g_autofree char *key = g_strdup_printf ("monitor:%s", cc_monitor_to_string (m));
      GtkWidget *stance;

      /* Event titles and notes may be the user's own: never markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cc_monitor_get_label (m));
      if (event)
        {
          CcSignalStance s = cc_event_get_stance (event);

          stance = gtk_label_new (cc_analysis_stance_get_reading (s));
          gtk_widget_add_css_class (stance, s == CC_SIGNAL_POSITIVE ? "success"
                                            : s == CC_SIGNAL_NEGATIVE ? "warning" : "dim-label");
        }
      else
        {
          stance = gtk_label_new (_("No signal"));
          gtk_widget_add_css_class (stance, "dim-label");
        }
      adw_action_row_set_subtitle (row, lead ? lead : _("No event carries a signal for this yet"));
      adw_action_row_add_suffix (row, stance);
      remember (self, key, stance);
      gtk_list_box_append (self->monitors_list, GTK_WIDGET (row));
    }
}

static void
ink_from_style (GtkWidget   *widget,
                CcReportInk *ink_out)
{
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  CcReportInk ink = { { 0 } };
  GdkRGBA fg, accent;

  /* Colours from the theme, so dark mode needs nothing special. */
  gtk_style_context_get_color (style, &fg);
  if (!gtk_style_context_lookup_color (style, "accent_color", &accent))
    accent = (GdkRGBA) { 0.21, 0.52, 0.89, 1 };
  ink.foreground[0] = fg.red;
  ink.foreground[1] = fg.green;
  ink.foreground[2] = fg.blue;
  ink.foreground[3] = fg.alpha;
  ink.accent[0] = accent.red;
  ink.accent[1] = accent.green;
  ink.accent[2] = accent.blue;
  ink.accent[3] = accent.alpha;
  *ink_out = ink;
}

static void
history_draw_cb (GtkDrawingArea *area,
                 cairo_t        *cr,
                 int             width,
                 int             height,
                 gpointer        user_data)
{
  CcSidePanel *self = user_data;
  CcReportInk ink;

  if (self->analysis == NULL)
    return;
  ink_from_style (GTK_WIDGET (area), &ink);
  cc_report_draw_history (cr, self->analysis, width, height, &ink);
}

static void
abnormal_draw_cb (GtkDrawingArea *area,
                  cairo_t        *cr,
                  int             width,
                  int             height,
                  gpointer        user_data)
{
  CcSidePanel *self = user_data;
  const CcEventStudyRow *row = selected_row (self);
  CcReportInk ink;

  if (row == NULL)
    return;
  ink_from_style (GTK_WIDGET (area), &ink);
  cc_report_draw_abnormal (cr, row, width, height, &ink);
}

static void
build_history (CcSidePanel *self)
{
  const char *headers[] = { _("Cycle"), _("Depth"), _("To trough"), _("To recover") };
  GPtrArray *cycles = self->analysis->cycles;
  GString *a11y = g_string_new (_("Drawdown paths of the SOX after its peaks: "));

  if (self->analysis->drawdown.ok)
    {
      g_autofree char *depth = cc_format_depth (self->analysis->drawdown.depth);
      g_autoptr(GDateTime) when = cc_date_to_date_time (self->analysis->drawdown.high_date);
      g_autofree char *day = g_date_time_format (when, C_("event date", "%-d %b %Y"));
      g_autofree char *high = cc_drawdown_describe_high (&self->analysis->drawdown);
      /* TRANSLATORS: "SOX is 10.4% below its 52-week high (14655.29 on 24 Jun 2026)", or "…
       * below its high since 6 Oct 2025 (…)" when the data cover less than a year */
      g_autofree char *text = g_strdup_printf (_("SOX is %s below its %s (%.2f on %s)"),
                                               depth, high, self->analysis->drawdown.high,
                                               g_strstrip (day));

      gtk_label_set_text (self->drawdown_label, text);
      remember (self, "drawdown", GTK_WIDGET (self->drawdown_label));
    }
  else
    gtk_label_set_text (self->drawdown_label, _("No SOX data to measure the drawdown"));

  /* The header row, once; then a row per cycle, its labels reused from the last update. */
  if (gtk_grid_get_child_at (self->history_grid, 0, 0) == NULL)
    for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
      {
        /* Wrapped between words: "Jusqu’au rétablissement" would widen the panel. */
        GtkWidget *h = new_label (headers[c], "caption-heading", TRUE);

        gtk_label_set_wrap_mode (GTK_LABEL (h), PANGO_WRAP_WORD);
        gtk_widget_set_valign (h, GTK_ALIGN_END);
        if (c > 0)
          {
            gtk_label_set_xalign (GTK_LABEL (h), 1);
            gtk_label_set_justify (GTK_LABEL (h), GTK_JUSTIFY_RIGHT);
          }
        gtk_grid_attach (self->history_grid, h, c, 0, 1, 1);
      }
  for (guint i = 0; i < cycles->len; i++)
    {
      const CcCycle *cycle = g_ptr_array_index (cycles, i);
      g_autofree char *depth = cc_format_depth (cycle->depth);
      g_autofree char *trough = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day",
                                                              "%d days", cycle->days_to_trough),
                                                 cycle->days_to_trough);
      g_autofree char *recover = cycle->recovered
        ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days",
                                        cycle->days_to_recover), cycle->days_to_recover)
        : g_strdup (_("not recovered"));
      g_autofree char *key = g_strdup_printf ("depth:%s", cycle->id);
      const char *texts[4] = { cycle->label, depth, trough, recover };
      GtkWidget *cells[4];

      for (guint c = 0; c < 4; c++)
        {
          cells[c] = gtk_grid_get_child_at (self->history_grid, c, i + 1);
          if (cells[c] == NULL)
            {
              cells[c] = new_label (NULL, c > 0 ? "numeric" : NULL, c == 0);
              if (c > 0)
                gtk_label_set_xalign (GTK_LABEL (cells[c]), 1);
              else
                {
                  /* Break "2021–22 downturn" between words, never inside one. */
                  gtk_label_set_wrap_mode (GTK_LABEL (cells[c]), PANGO_WRAP_WORD);
                  gtk_widget_set_hexpand (cells[c], TRUE);
                }
              gtk_grid_attach (self->history_grid, cells[c], c, i + 1, 1, 1);
            }
          gtk_label_set_text (GTK_LABEL (cells[c]), texts[c]);
        }
      if (cycle->is_current)
        gtk_widget_add_css_class (cells[0], "accent");
      else
        gtk_widget_remove_css_class (cells[0], "accent");
      remember (self, key, cells[1]);
      g_string_append_printf (a11y, "%s%s %s", i ? ", " : "", cycle->label, depth);
    }
  /* Fewer cycles than last time (no current decline): drop the rows left over. */
  while (gtk_grid_get_child_at (self->history_grid, 0, cycles->len + 1) != NULL)
    gtk_grid_remove_row (self->history_grid, cycles->len + 1);

  {
    g_autofree char *note = g_strdup_printf ("%s %s", _("Days are trading days: from the peak "
                                                        "to the trough, then from the trough "
                                                        "to the first close back at the "
                                                        "peak."),
                                             self->analysis->history_note);
    gtk_label_set_text (self->history_note_label, note);
  }
  set_accessible_label (GTK_WIDGET (self->history_area), a11y->str);
  g_string_free (a11y, TRUE);
  gtk_widget_queue_draw (GTK_WIDGET (self->history_area));
}

static void
build_study (CcSidePanel *self)
{
  g_autofree char *winners = cc_analysis_format_side (self->analysis, TRUE);
  g_autofree char *losers = cc_analysis_format_side (self->analysis, FALSE);
  g_autofree char *w = g_strdup_printf (_("Winners: %s"), winners);
  g_autofree char *l = g_strdup_printf (_("Losers: %s"), losers);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  gboolean reconstructed = FALSE, short_fit = FALSE, same_items;
  GString *note = g_string_new (NULL);

  gtk_label_set_text (self->winners_label, w);
  gtk_label_set_text (self->losers_label, l);
  remember (self, "winners", GTK_WIDGET (self->winners_label));
  remember (self, "losers", GTK_WIDGET (self->losers_label));

  g_clear_pointer (&self->study_rows, g_hash_table_unref);
  self->study_rows = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->analysis->rows->len; i++)
    {
      CcEventStudyRow *row = g_ptr_array_index (self->analysis->rows, i);

      g_hash_table_insert (self->study_rows, row->item, row);
      g_ptr_array_add (keys, row->item);
      reconstructed |= row->provenance != CC_PROVENANCE_OBSERVED;
      short_fit |= row->short_estimation && !row->is_market;
    }
  same_items = keys->len == g_list_model_get_n_items (G_LIST_MODEL (self->study_items));
  for (guint i = 0; same_items && i < keys->len; i++)
    same_items = g_str_equal (g_ptr_array_index (keys, i),
                              gtk_string_list_get_string (self->study_items, i));
  g_ptr_array_add (keys, NULL);
  if (same_items)
    study_rebind (self);
  else
    gtk_string_list_splice (self->study_items, 0,
                            g_list_model_get_n_items (G_LIST_MODEL (self->study_items)),
                            (const char * const *) keys->pdata);
  /* The values behind the same items changed: sort again. */
  gtk_sorter_changed (gtk_column_view_get_sorter (self->study_view), GTK_SORTER_CHANGE_DIFFERENT);

  if (self->imprecise_event)
    {
      g_string_append (note, _("This event is dated only to its month or quarter, so day 0 is "
                               "the first trading day of that period: read the study as a "
                               "rough guide."));
      g_string_append_c (note, ' ');
    }
  g_string_append (note, _("Abnormal returns are measured against a market model of the SOX; "
                           "t is the CAR over its residual spread."));
  if (short_fit)
    {
      g_string_append_c (note, ' ');
      g_string_append (note, _("* The data start less than 250 trading days before the event, "
                               "so the model is fitted on fewer days."));
    }
  if (reconstructed)
    {
      g_string_append_c (note, ' ');
      g_string_append (note, _("† The day’s bars were rebuilt from the article’s figures "
                               "(anchored or reconstructed); they are not market data."));
    }
  gtk_label_set_text (self->study_note_label, note->str);
  remember (self, "study-note", GTK_WIDGET (self->study_note_label));
  g_string_free (note, TRUE);
  study_selection_changed_cb (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "side-panel.copy-study",
                                 self->analysis->rows->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "side-panel.export-study",
                                 self->analysis->rows->len > 0);
}

static void
set_cards_visible (CcSidePanel *self,
                   gboolean     visible)
{
  gtk_widget_set_visible (GTK_WIDGET (self->phase_group), visible);
  gtk_widget_set_visible (GTK_WIDGET (self->scenario_group), visible);
  gtk_widget_set_visible (GTK_WIDGET (self->timeline_group), visible);
  gtk_widget_set_visible (GTK_WIDGET (self->monitors_group), visible);
  gtk_widget_set_visible (GTK_WIDGET (self->history_group), visible);
  gtk_widget_set_visible (GTK_WIDGET (self->study_group), visible);
}

static CcSeries *
sox_series (CcSidePanel *self)
{
  CcSeries *sox = self->dataset ? cc_dataset_get_series (self->dataset, CC_SYMBOL_SOX) : NULL;

  return sox && cc_series_get_n_points (sox) > 0 ? sox : NULL;
}

/* The index of the ^SOX bar the assessment is made for: the last one on or before the as-of
 * date (the first bar for a date before the data), or -1 without data. */
static int
as_of_index (CcSidePanel *self)
{
  CcSeries *sox = sox_series (self);
  int i;

  if (sox == NULL)
    return -1;
  if (self->as_of == CC_DATE_INVALID)
    return cc_series_get_n_points (sox) - 1;
  i = cc_series_find_on_or_before (sox, self->as_of);
  return MAX (i, 0);
}

static CcDate
effective_as_of (CcSidePanel *self)
{
  int i = as_of_index (self);

  return i < 0 ? CC_DATE_INVALID : cc_series_get_point (sox_series (self), i)->date;
}

static char *
format_day (CcDate      date,
            const char *format)
{
  g_autoptr(GDateTime) dt = cc_date_to_date_time (date);
  g_autofree char *text = g_date_time_format (dt, format);

  return g_strdup (g_strstrip (text));
}

static void
mark_calendar (CcSidePanel *self)
{
  CcSeries *sox = sox_series (self);
  g_autoptr(GDateTime) shown = gtk_calendar_get_date (self->as_of_calendar);
  int year = g_date_time_get_year (shown), month = g_date_time_get_month (shown);
  CcDate first = cc_date_from_ymd (year, month, 1);
  CcDate last = cc_date_from_ymd (year, month, cc_date_days_in_month (year, month));

  /* The days with a ^SOX close: the ones the assessment can be made for. */
  gtk_calendar_clear_marks (self->as_of_calendar);
  if (sox == NULL)
    return;
  for (int i = MAX (cc_series_find_on_or_after (sox, first), 0);
       i < (int) cc_series_get_n_points (sox); i++)
    {
      CcDate d = cc_series_get_point (sox, i)->date;
      int y, m, day;

      if (d < first)
        continue;
      if (d > last)
        break;
      cc_date_to_ymd (d, &y, &m, &day);
      gtk_calendar_mark_day (self->as_of_calendar, day);
    }
}

static void
update_as_of_controls (CcSidePanel *self)
{
  CcSeries *sox = sox_series (self);
  int i = as_of_index (self);
  int n = sox ? (int) cc_series_get_n_points (sox) : 0;

  gtk_widget_set_sensitive (GTK_WIDGET (self->as_of_button), sox != NULL);
  if (sox)
    {
      g_autofree char *day = format_day (cc_series_get_point (sox, i)->date,
                                         C_("event date", "%-d %b %Y"));
      g_autofree char *a11y = self->as_of == CC_DATE_INVALID
        /* TRANSLATORS: the as-of button's name when it follows the last close */
        ? g_strdup_printf (_("Assessment as of %s, the latest close"), day)
        : g_strdup_printf (_("Assessment as of %s"), day);

      gtk_menu_button_set_label (self->as_of_button, day);
      set_accessible_label (GTK_WIDGET (self->as_of_button), a11y);
    }
  else
    gtk_menu_button_set_label (self->as_of_button, _("No data"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "side-panel.as-of-previous", i > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "side-panel.as-of-next", i >= 0 && i < n - 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "side-panel.as-of-latest",
                                 self->as_of != CC_DATE_INVALID);
}

static void
as_of_popover_show_cb (CcSidePanel *self)
{
  CcDate day = effective_as_of (self);

  if (day != CC_DATE_INVALID)
    {
      g_autoptr(GDateTime) dt = cc_date_to_date_time (day);

      self->calendar_syncing = TRUE;
      gtk_calendar_select_day (self->as_of_calendar, dt);
      self->calendar_syncing = FALSE;
    }
  mark_calendar (self);
}

static void
as_of_day_selected_cb (CcSidePanel *self)
{
  g_autoptr(GDateTime) dt = NULL;
  CcSeries *sox = sox_series (self);
  CcDate picked;
  int i;

  if (self->calendar_syncing || sox == NULL)
    return;
  dt = gtk_calendar_get_date (self->as_of_calendar);
  picked = cc_date_from_ymd (g_date_time_get_year (dt), g_date_time_get_month (dt),
                             g_date_time_get_day_of_month (dt));
  /* A day without a close picks the session before it (or the first one there is). */
  i = cc_series_find_on_or_before (sox, picked);
  cc_side_panel_set_as_of (self, cc_series_get_point (sox, MAX (i, 0))->date);
  gtk_popover_popdown (self->as_of_popover);
}

static void
as_of_step_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CcSidePanel *self = CC_SIDE_PANEL (widget);
  CcSeries *sox = sox_series (self);
  int i = as_of_index (self);

  if (sox == NULL)
    return;
  i += g_str_equal (action_name, "side-panel.as-of-next") ? 1 : -1;
  if (i < 0 || i >= (int) cc_series_get_n_points (sox))
    return;
  cc_side_panel_set_as_of (self, cc_series_get_point (sox, i)->date);
}

static void
as_of_latest_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  cc_side_panel_set_as_of (CC_SIDE_PANEL (widget), CC_DATE_INVALID);
}

/* Rules */

typedef struct {
  CcRules *rules;
  GError  *error;
} RulesResult;

static void
rules_result_free (RulesResult *result)
{
  g_clear_pointer (&result->rules, cc_rules_unref);
  g_clear_error (&result->error);
  g_free (result);
}

static void
load_rules_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  RulesResult *result = g_new0 (RulesResult, 1);

  result->rules = cc_rules_load (NULL, &result->error);
  g_task_return_pointer (task, result, (GDestroyNotify) rules_result_free);
}

static void
set_rules (CcSidePanel *self,
           CcRules     *rules,
           GError      *error)
{
  g_clear_pointer (&self->rules, cc_rules_unref);
  g_clear_error (&self->rules_error);
  self->rules = rules;
  self->rules_error = error;
  /* New rules, new answers: the assessment's snapshot is made again at the next update. */
  g_clear_pointer (&self->assessor, cc_assessor_unref);
  self->assessor_generation++;
}

static void
rules_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CcSidePanel *self = CC_SIDE_PANEL (source);
  RulesResult *loaded = g_task_propagate_pointer (G_TASK (result), NULL);

  /* A newer load (or the panel's end) replaced this one. */
  if (loaded == NULL || g_task_get_cancellable (G_TASK (result)) != self->rules_cancellable)
    {
      if (loaded != NULL)
        rules_result_free (loaded);
      return;
    }
  g_clear_object (&self->rules_cancellable);
  set_rules (self, g_steal_pointer (&loaded->rules), g_steal_pointer (&loaded->error));
  rules_result_free (loaded);
  cc_side_panel_queue_update (self);
}

/* Reads the rules in a thread; the panel updates when they are in. */
static void
load_rules_async (CcSidePanel *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->rules_cancellable != NULL)
    g_cancellable_cancel (self->rules_cancellable);
  g_clear_object (&self->rules_cancellable);
  self->rules_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->rules_cancellable, rules_loaded_cb, NULL);
  g_task_set_source_tag (task, load_rules_async);
  g_task_set_name (task, "cc-load-rules");
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, load_rules_thread);
}

/* The timeline: every trading day's answer, computed in a thread from the assessor (a
 * snapshot, so the dataset may change meanwhile); a newer request cancels an older one. */

static void
timeline_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  CcAssessor *assessor = task_data;
  CcTimeline *timeline = cc_assessor_timeline (assessor, CC_DATE_INVALID, CC_DATE_INVALID);

  if (g_task_return_error_if_cancelled (task))
    cc_timeline_free (timeline);
  else
    g_task_return_pointer (task, timeline, (GDestroyNotify) cc_timeline_free);
}

static void update_timeline_caption (CcSidePanel *self);

static void
timeline_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CcSidePanel) self = user_data;
  g_autoptr(GError) error = NULL;
  CcTimeline *timeline = g_task_propagate_pointer (G_TASK (result), &error);

  /* Cancelled: a newer request is on its way, or the panel is gone. */
  if (timeline == NULL || g_task_get_cancellable (G_TASK (result)) != self->timeline_cancellable)
    {
      g_clear_pointer (&timeline, cc_timeline_free);
      return;
    }
  g_clear_pointer (&self->timeline, cc_timeline_free);
  self->timeline = timeline;
  g_clear_object (&self->timeline_cancellable);
  gtk_widget_set_opacity (GTK_WIDGET (self->timeline_area), 1);
  update_timeline_caption (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->timeline_area));
}

static void
start_timeline (CcSidePanel *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->timeline_cancellable)
    g_cancellable_cancel (self->timeline_cancellable);
  g_clear_object (&self->timeline_cancellable);
  g_clear_pointer (&self->timeline, cc_timeline_free);
  if (self->assessor == NULL)
    return;

  /* Never the numbers of data the panel has left: dimmed and saying so until it is done. */
  gtk_widget_set_opacity (GTK_WIDGET (self->timeline_area), 0.4);
  update_timeline_caption (self);
  self->timeline_cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->timeline_cancellable, timeline_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_timeline);
  g_task_set_task_data (task, cc_assessor_ref (self->assessor),
                        (GDestroyNotify) cc_assessor_unref);
  g_task_run_in_thread (task, timeline_thread);
}

/* "Efficiency optimisation leads (42%)" for a day of the timeline; ties are called ties. */
static char *
describe_day_verdict (const CcTimelineDay *day,
                      CcTarget             first,
                      gboolean             tie,
                      CcTarget             leading)
{
  g_autofree char *top = cc_format_weight (day->weight[leading]);

  if (tie)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      g_autofree char *list = NULL;

      for (CcTarget t = first; t < first + 3; t++)
        {
          g_autofree char *w = cc_format_weight (day->weight[t]);

          if (g_str_equal (w, top))
            g_ptr_array_add (names, (gpointer) cc_target_get_label (t));
        }
      g_ptr_array_add (names, NULL);
      /* TRANSLATORS: joins tied phases or scenarios: "Bull case = Base case" */
      list = g_strjoinv (_(" = "), (char **) names->pdata);
      /* TRANSLATORS: a tie on the timeline: "Tie: Bull case = Base case (36%)" */
      return g_strdup_printf (_("Tie: %s (%s)"), list, top);
    }
  /* TRANSLATORS: e.g. "Efficiency optimisation leads (42%)" */
  return g_strdup_printf (_("%s leads (%s)"), cc_target_get_label (leading), top);
}

static char *
describe_day (const CcTimelineDay *day)
{
  g_autofree char *date = format_day (day->date, C_("event date", "%-d %b %Y"));
  g_autofree char *phase = describe_day_verdict (day, CC_TARGET_FIRST_PHASE, day->phase_tie,
                                                 day->leading_phase);
  g_autofree char *scenario = describe_day_verdict (day, CC_TARGET_FIRST_SCENARIO,
                                                    day->scenario_tie, day->leading_scenario);

  if (day->top_reason)
    /* TRANSLATORS: the timeline's tooltip: a date, the phase verdict, the scenario verdict and
     * the strongest reason for the leading phase */
    return g_strdup_printf (_("%s\n%s · %s\nWhy: %s"), date, phase, scenario, day->top_reason);
  return g_strdup_printf (_("%s\n%s · %s"), date, phase, scenario);
}

static void
update_timeline_caption (CcSidePanel *self)
{
  const CcTimelineDay *day;
  g_autofree char *text = NULL;

  if (self->timeline_cancellable != NULL)
    {
      gtk_label_set_text (self->timeline_label, _("Updating…"));
      remember (self, "timeline", GTK_WIDGET (self->timeline_label));
      return;
    }
  if (self->timeline == NULL)
    {
      gtk_label_set_text (self->timeline_label, "");
      return;
    }
  day = cc_timeline_find (self->timeline, effective_as_of (self));
  if (day == NULL)
    text = g_strdup (_("No trading days with ^SOX data to assess"));
  else
    {
      g_autofree char *first = format_day (self->timeline->days[0].date,
                                           C_("event date", "%-d %b %Y"));
      g_autofree char *last = format_day (self->timeline->days[self->timeline->n_days - 1].date,
                                          C_("event date", "%-d %b %Y"));
      g_autofree char *moves = NULL;
      guint changes = 0;

      for (guint i = 1; i < self->timeline->n_days; i++)
        changes += self->timeline->days[i].leading_phase !=
                   self->timeline->days[i - 1].leading_phase ||
                   self->timeline->days[i].phase_tie != self->timeline->days[i - 1].phase_tie;
      if (changes == 0)
        moves = g_strdup (_("the leading phase never changed"));
      else
        moves = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "the leading phase changed %u time",
                                              "the leading phase changed %u times", changes),
                                 changes);
      /* TRANSLATORS: under the timeline: "252 trading days, 6 Oct 2025 to 5 Oct 2026; the
       * leading phase changed 3 times." */
      text = g_strdup_printf (_("%u trading days, %s to %s; %s."), self->timeline->n_days,
                              first, last, moves);
    }
  gtk_label_set_text (self->timeline_label, text);
  set_accessible_label (GTK_WIDGET (self->timeline_area), text);
  remember (self, "timeline", GTK_WIDGET (self->timeline_label));
}

static void
timeline_ink (GtkWidget     *widget,
              CcTimelineInk *ink)
{
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  const char *names[] = { "accent_color", "success_color", "warning_color", "error_color",
                          "card_bg_color" };
  const GdkRGBA fallback[] = { { 0.21, 0.52, 0.89, 1 }, { 0.18, 0.76, 0.49, 1 },
                               { 0.90, 0.65, 0.04, 1 }, { 0.88, 0.11, 0.14, 1 },
                               { 1, 1, 1, 1 } };
  double rgba[G_N_ELEMENTS (names)][4];
  double fg[4];
  GdkRGBA c;

  /* Colours from the theme, so dark mode needs nothing special. */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (!gtk_style_context_lookup_color (style, names[i], &c))
        c = fallback[i];
      rgba[i][0] = c.red;
      rgba[i][1] = c.green;
      rgba[i][2] = c.blue;
      rgba[i][3] = c.alpha;
    }
  gtk_style_context_get_color (style, &c);
  fg[0] = c.red;
  fg[1] = c.green;
  fg[2] = c.blue;
  fg[3] = c.alpha;
  cc_timeline_ink_init (ink, fg, rgba[0], rgba[1], rgba[2], rgba[3]);
  memcpy (ink->paper, rgba[4], sizeof ink->paper);
}

static void
timeline_draw_cb (GtkDrawingArea *area,
                  cairo_t        *cr,
                  int             width,
                  int             height,
                  gpointer        user_data)
{
  CcSidePanel *self = user_data;
  CcTimelineInk ink;

  if (self->timeline == NULL)
    return;
  timeline_ink (GTK_WIDGET (area), &ink);
  cc_timeline_chart_draw (cr, self->timeline, effective_as_of (self), self->hover_day, width,
                          height, &ink);
}

static const CcTimelineDay *
timeline_day_at (CcSidePanel *self,
                 double       x)
{
  int i;

  if (self->timeline == NULL)
    return NULL;
  i = cc_timeline_chart_index_at (self->timeline,
                                  gtk_widget_get_width (GTK_WIDGET (self->timeline_area)), x);
  return i < 0 ? NULL : &self->timeline->days[i];
}

static gboolean
timeline_query_tooltip_cb (CcSidePanel *self,
                           int          x,
                           int          y,
                           gboolean     keyboard,
                           GtkTooltip  *tooltip)
{
  const CcTimelineDay *day = keyboard ? cc_timeline_find (self->timeline, effective_as_of (self))
                                      : timeline_day_at (self, x);
  g_autofree char *text = NULL;

  if (day == NULL)
    return FALSE;
  text = describe_day (day);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
timeline_motion_cb (CcSidePanel *self,
                    double       x,
                    double       y)
{
  const CcTimelineDay *day = timeline_day_at (self, x);
  CcDate hover = day ? day->date : CC_DATE_INVALID;

  if (hover != self->hover_day)
    {
      self->hover_day = hover;
      gtk_widget_queue_draw (GTK_WIDGET (self->timeline_area));
    }
}

static void
timeline_leave_cb (CcSidePanel *self)
{
  self->hover_day = CC_DATE_INVALID;
  gtk_widget_queue_draw (GTK_WIDGET (self->timeline_area));
}

static void
timeline_pressed_cb (CcSidePanel *self,
                     int          n_press,
                     double       x,
                     double       y)
{
  const CcTimelineDay *day = timeline_day_at (self, x);

  /* Clicking a day assesses as of that day. */
  if (day)
    cc_side_panel_set_as_of (self, day->date);
  gtk_widget_grab_focus (GTK_WIDGET (self->timeline_area));
}

static gboolean
timeline_key_cb (CcSidePanel     *self,
                 guint            keyval,
                 guint            keycode,
                 GdkModifierType  state)
{
  if (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left)
    return gtk_widget_activate_action (GTK_WIDGET (self), "side-panel.as-of-previous", NULL);
  if (keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right)
    return gtk_widget_activate_action (GTK_WIDGET (self), "side-panel.as-of-next", NULL);
  if (keyval == GDK_KEY_End || keyval == GDK_KEY_KP_End)
    return gtk_widget_activate_action (GTK_WIDGET (self), "side-panel.as-of-latest", NULL);
  return FALSE;
}

/* Forgets the assessor: the data changed. */
static void
drop_assessor (CcSidePanel *self)
{
  g_clear_pointer (&self->assessor, cc_assessor_unref);
  self->assessor_generation++;
}

static void
reported_changed_cb (CcSidePanel *self)
{
  drop_assessor (self);
  cc_side_panel_queue_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORTED_MONITORS]);
}

static void
ensure_assessor (CcSidePanel *self)
{
  if (self->assessor != NULL)
    return;
  /* With the figures the monitor cards fetched from SEC EDGAR, if any: the rules on them are
   * skipped without. */
  self->assessor = cc_assessor_new_full (self->dataset, self->rules,
                                         self->monitor_cards
                                         ? cc_monitor_cards_get_reported (self->monitor_cards)
                                         : NULL);
  start_timeline (self);
}

static gboolean
is_study_key (const char *key)
{
  static const char *study_keys[] = { "winners", "losers", "abnormal-chart", "study-note",
                                      "study-event", "study-reason" };

  for (guint i = 0; i < G_N_ELEMENTS (study_keys); i++)
    if (g_str_equal (key, study_keys[i]))
      return TRUE;
  return FALSE;
}

static gboolean
forget_key_cb (gpointer key,
               gpointer value,
               gpointer user_data)
{
  return is_study_key (key) == GPOINTER_TO_INT (user_data);
}

/* Forgets what the event-study card (@study) or the rest of the panel showed. */
static void
forget_shown (CcSidePanel *self,
              gboolean     study)
{
  g_hash_table_foreach_remove (self->shown, forget_key_cb, GINT_TO_POINTER (study));
}

static void
build_study_context (CcSidePanel *self,
                     CcEvent     *event)
{
  g_autofree char *day = format_day (self->analysis->event_day, C_("event date", "%-d %b %Y"));
  g_autofree char *text = NULL;
  g_autoptr(GString) reason = g_string_new (NULL);
  gboolean any_stock = FALSE, any_model = FALSE;
  const char *problem = NULL;

  /* TRANSLATORS: the event-study card's first line: an event title and its day 0 */
  text = g_strdup_printf (_("%s (day 0: %s)"), cc_event_get_title (event), day);
  gtk_label_set_text (self->study_event_label, text);
  remember (self, "study-event", GTK_WIDGET (self->study_event_label));

  /* No model for any stock: say why rather than show a column of dashes. */
  for (guint i = 0; i < self->analysis->rows->len; i++)
    {
      const CcEventStudyRow *row = g_ptr_array_index (self->analysis->rows, i);

      if (row->is_market)
        continue;
      any_stock = TRUE;
      any_model |= row->model.ok;
      if (!row->model.ok && problem == NULL)
        problem = row->model_problem;
    }
  if (any_stock && !any_model)
    g_string_append_printf (reason, _("No market model could be fitted, so there are no "
                                      "abnormal returns: %s."),
                            problem ? problem : _("too little data before the event"));
  else if (self->analysis->rows->len == 0)
    g_string_append (reason, _("None of the chosen items has data around this event."));
  gtk_label_set_text (self->study_reason_label, reason->str);
  gtk_widget_set_visible (GTK_WIDGET (self->study_reason_label), reason->len > 0);
  if (reason->len > 0)
    remember (self, "study-reason", GTK_WIDGET (self->study_reason_label));
}

static void
cc_side_panel_update_now_internal (CcSidePanel *self)
{
  g_autofree char *context = NULL;
  CcEvent *event;
  CcDate event_date, first, last, as_of;

  g_clear_handle_id (&self->update_id, g_source_remove);
  forget_shown (self, TRUE);
  g_clear_pointer (&self->study_rows, g_hash_table_unref);
  g_clear_pointer (&self->analysis, cc_analysis_free);
  update_as_of_controls (self);

  event = self->event ? self->event
                      : self->dataset ? cc_dataset_get_default_event (self->dataset) : NULL;
  as_of = effective_as_of (self);
  if (as_of == CC_DATE_INVALID || event == NULL)
    {
      forget_shown (self, FALSE);
      g_clear_pointer (&self->assessment, cc_assessment_free);
      gtk_label_set_text (self->context_label,
                          _("Load data with ^SOX and pick an event to see the analysis."));
      gtk_string_list_splice (self->study_items, 0,
                              g_list_model_get_n_items (G_LIST_MODEL (self->study_items)), NULL);
      set_cards_visible (self, FALSE);
      remember (self, "context", GTK_WIDGET (self->context_label));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "side-panel.copy-study", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "side-panel.export-study", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "side-panel.show-study", FALSE);
      if (self->study_dialog)
        gtk_window_destroy (GTK_WINDOW (self->study_dialog));
      drop_assessor (self);
      start_timeline (self);
      return;
    }
  set_cards_visible (self, TRUE);

  /* The rules were read once, and again whenever the user's file changed. Only an update asked
   * for before the first reading finished (a test, or printing at once) reads them here. */
  if (self->rules == NULL)
    {
      GError *error = NULL;
      CcRules *loaded = cc_rules_load (NULL, &error);

      if (self->rules_cancellable != NULL)
        g_cancellable_cancel (self->rules_cancellable);
      g_clear_object (&self->rules_cancellable);
      set_rules (self, loaded, error);
    }
  ensure_assessor (self);

  /* The study: the selected event, with the data up to the as-of date. */
  cc_event_get_span (event, &first, &last);
  event_date = first;
  self->imprecise_event = cc_event_get_precision (event) != CC_EVENT_PRECISION_DAY;
  self->analysis = cc_analysis_new_with_edgar (self->dataset, event_date, as_of,
                                               (const char * const *) self->items, self->rules,
                                               self->portfolio,
                                               self->monitor_cards
                                               ? cc_monitor_cards_get_reported (
                                                   self->monitor_cards)
                                               : NULL);
  build_study (self);
  build_study_context (self, event);
  update_study_dialog_title (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "side-panel.show-study", TRUE);

  /* The verdict: the as-of date alone decides it (with the data and the rules), so selecting
   * another event leaves its cards as they are, not even rebuilt. */
  if (self->assessment != NULL && self->shown_assessor == self->assessor_generation &&
      self->shown_as_of == as_of)
    return;
  forget_shown (self, FALSE);
  g_clear_pointer (&self->assessment, cc_assessment_free);
  self->assessment = cc_assessor_evaluate (self->assessor, as_of);
  self->shown_assessor = self->assessor_generation;
  self->shown_as_of = as_of;

  gtk_widget_set_visible (GTK_WIDGET (self->rules_error_label), self->rules_error != NULL);
  if (self->rules_error)
    {
      g_autofree char *text = g_strdup_printf (_("Your rules file has a problem, so the "
                                                 "built-in rules are in use: %s"),
                                               self->rules_error->message);
      gtk_label_set_text (self->rules_error_label, text);
      remember (self, "rules-error", GTK_WIDGET (self->rules_error_label));
    }
  {
    g_autofree char *as_of_text = NULL;
    const char *rules = cc_rules_is_builtin (self->rules) ? _("built-in rules")
                                                          : _("your rules");

    if (self->assessment->problem)
      context = g_strdup_printf ("%s", self->assessment->problem);
    else
      {
        as_of_text = format_day (self->assessment->as_of, C_("event date", "%-d %b %Y"));
        /* TRANSLATORS: the line above the cards: the as-of date, then which rules are in use */
        context = g_strdup_printf (_("Data to %s, %s. %s"), as_of_text, rules,
                                   self->assessment->event_note
                                   ? self->assessment->event_note : "");
      }
    gtk_label_set_text (self->context_label, g_strstrip (context));
    remember (self, "context", GTK_WIDGET (self->context_label));
    remember (self, "as-of", GTK_WIDGET (self->context_label));
  }

  build_weights (self, &self->phase_card, self->phase_box, CC_TARGET_FIRST_PHASE);
  build_weights (self, &self->scenario_card, self->scenario_box, CC_TARGET_FIRST_SCENARIO);
  build_monitors (self);
  if (self->monitor_cards)
    cc_monitor_cards_set_assessment (self->monitor_cards, self->assessment);
  build_history (self);
  update_timeline_caption (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->timeline_area));
}

void
cc_side_panel_update_now (CcSidePanel *self)
{
  g_return_if_fail (CC_IS_SIDE_PANEL (self));
  cc_side_panel_update_now_internal (self);
}

static gboolean
update_idle_cb (gpointer user_data)
{
  CcSidePanel *self = user_data;

  self->update_id = 0;
  cc_side_panel_update_now_internal (self);
  return G_SOURCE_REMOVE;
}

static void
cc_side_panel_queue_update (CcSidePanel *self)
{
  /* Several inputs often change together (event and items): compute once. */
  if (self->update_id == 0)
    /* Ahead of GTK's layout and paint (G_PRIORITY_HIGH_IDLE + 10 and + 20): the panel shows
     * the new state in the same frame as the chart, never a frame of the old one. */
    self->update_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_idle_cb, self, NULL);
}

static void
flush (CcSidePanel *self)
{
  if (self->update_id != 0)
    cc_side_panel_update_now_internal (self);
}

/* Actions */

static GPtrArray *
rows_in_view_order (CcSidePanel *self)
{
  GPtrArray *rows = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->study_sorted));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->study_sorted), i);
      const CcEventStudyRow *row = row_for_item (self, item);

      if (row)
        g_ptr_array_add (rows, (gpointer) row);
    }
  return rows;
}

static void
show_toast (CcSidePanel *self,
            const char  *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (overlay)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
  else
    g_message ("%s", text);
}

static void
copy_study_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CcSidePanel *self = CC_SIDE_PANEL (widget);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *text = NULL;

  flush (self);
  if (self->analysis == NULL)
    return;
  rows = rows_in_view_order (self);
  text = cc_event_study_to_text (rows, self->analysis->event_day);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  show_toast (self, _("Event study copied"));
}

static void
export_response_cb (CcSidePanel          *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->analysis != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      rows = rows_in_view_order (self);
      csv = cc_event_study_to_csv (rows, self->analysis->event_day);
      /* Written to a temporary file and renamed over the target: never half-written. */
      if (!cc_save_contents (file, csv, strlen (csv), CC_SAVE_MODE_DEFAULT, NULL, &error))
        {
          g_autofree char *text = g_strdup_printf (_("Could not save the table: %s"),
                                                   error->message);
          show_toast (self, text);
        }
      else
        show_toast (self, _("Event study saved"));
    }

  g_clear_object (&self->chooser);
}

static void
export_study_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CcSidePanel *self = CC_SIDE_PANEL (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  char day[11];

  flush (self);
  if (self->analysis == NULL || self->chooser != NULL)
    return;

  cc_date_format_iso (self->analysis->event_day, day);
  name = g_strdup_printf ("event-study-%s.csv", day);
  self->chooser = gtk_file_chooser_native_new (_("Export Event Study"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (export_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* The full event-study table, in a window of its own: every column, sortable, copyable. */

static GPtrArray *
rows_in_order (CcSidePanel *self,
               GListModel  *model)
{
  GPtrArray *rows = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      const CcEventStudyRow *row = row_for_item (self, item);

      if (row)
        g_ptr_array_add (rows, (gpointer) row);
    }
  return rows;
}

static void
study_dialog_copy_cb (CcSidePanel *self)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *text = NULL;
  GListModel *model;

  flush (self);
  if (self->analysis == NULL || self->study_dialog == NULL)
    return;
  model = g_object_get_data (G_OBJECT (self->study_dialog), "cc-sorted");
  rows = rows_in_order (self, model);
  text = cc_event_study_to_text (rows, self->analysis->event_day);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (self->study_dialog), text);
  /* The dialog covers the window's toasts: say it where the user looks. */
  gtk_widget_set_tooltip_text (g_object_get_data (G_OBJECT (self->study_dialog), "cc-copy"),
                               _("Copied"));
  gtk_label_set_text (g_object_get_data (G_OBJECT (self->study_dialog), "cc-status"),
                      _("Table copied as text"));
}

static gboolean
study_dialog_shortcut_cb (GtkWidget *widget,
                          GVariant  *args,
                          gpointer   user_data)
{
  study_dialog_copy_cb (CC_SIDE_PANEL (user_data));
  return TRUE;
}

static void
update_study_dialog_title (CcSidePanel *self)
{
  GtkWidget *title;
  g_autofree char *subtitle = NULL;

  if (self->study_dialog == NULL)
    return;
  title = g_object_get_data (G_OBJECT (self->study_dialog), "cc-title");
  if (self->analysis && self->analysis->event)
    {
      g_autofree char *when = cc_event_format_when (self->analysis->event);

      subtitle = g_strdup_printf ("%s · %s", cc_event_get_title (self->analysis->event), when);
    }
  else if (self->analysis)
    {
      char day[11];

      cc_date_format_iso (self->analysis->event_day, day);
      subtitle = g_strdup (day);
    }
  adw_window_title_set_subtitle (ADW_WINDOW_TITLE (title), subtitle ? subtitle : "");
  gtk_label_set_text (g_object_get_data (G_OBJECT (self->study_dialog), "cc-note"),
                      gtk_label_get_text (self->study_note_label));
}

static void
study_dialog_destroy_cb (CcSidePanel *self)
{
  self->study_dialog = NULL;
}

static void
show_study_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CcSidePanel *self = CC_SIDE_PANEL (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *window, *box, *header, *title, *copy, *scroller, *note, *status;
  GtkColumnView *view;
  GtkSortListModel *sorted;
  GtkShortcutController *shortcuts;
  static const StudyColumn all[] = { COL_ITEM, COL_RETURN, COL_ABNORMAL, COL_CAR_M1_P1,
                                     COL_CAR_0_P5, COL_CAR_0_P20, COL_BETA, COL_DAYS };

  flush (self);
  if (self->study_dialog)
    {
      gtk_window_present (GTK_WINDOW (self->study_dialog));
      return;
    }

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Event Study"));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_set_default_size (GTK_WINDOW (window), 920, 520);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  title = adw_window_title_new (_("Event Study"), NULL);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  gtk_widget_set_tooltip_text (copy, _("Copy the table as text"));
  set_accessible_label (copy, _("Copy the event study as text"));
  g_signal_connect_object (copy, "clicked", G_CALLBACK (study_dialog_copy_cb), self,
                           G_CONNECT_SWAPPED);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), copy);
  gtk_box_append (GTK_BOX (box), header);

  view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_show_row_separators (view, TRUE);
  gtk_column_view_set_show_column_separators (view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (view), "data-table");
  set_accessible_label (GTK_WIDGET (view), _("Event study table, every column"));
  add_study_columns (self, view, all, G_N_ELEMENTS (all), FALSE);
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->study_items)),
                                    g_object_ref (gtk_column_view_get_sorter (view)));
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (gtk_no_selection_new (
                                                          G_LIST_MODEL (sorted))));
  sort_by_return (view, 1);
  scroller = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (view));
  gtk_box_append (GTK_BOX (box), scroller);

  note = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_selectable (GTK_LABEL (note), TRUE);
  gtk_widget_add_css_class (note, "caption");
  gtk_widget_add_css_class (note, "dim-label");
  gtk_widget_set_margin_start (note, 12);
  gtk_widget_set_margin_end (note, 12);
  gtk_widget_set_margin_top (note, 8);
  gtk_box_append (GTK_BOX (box), note);
  status = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (status), 0);
  gtk_widget_add_css_class (status, "caption");
  gtk_widget_set_margin_start (status, 12);
  gtk_widget_set_margin_end (status, 12);
  gtk_widget_set_margin_top (status, 4);
  gtk_widget_set_margin_bottom (status, 8);
  gtk_box_append (GTK_BOX (box), status);
  adw_window_set_content (ADW_WINDOW (window), box);

  /* Escape closes it, Ctrl+C copies the table. */
  shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_shortcut_controller_set_scope (shortcuts, GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape,
                                                                                  0),
                                                          gtk_named_action_new ("window.close")));
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (
                                                            GDK_KEY_c, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (
                                                            study_dialog_shortcut_cb, self,
                                                            NULL)));
  gtk_widget_add_controller (window, GTK_EVENT_CONTROLLER (shortcuts));

  g_object_set_data (G_OBJECT (window), "cc-sorted", sorted);
  g_object_set_data (G_OBJECT (window), "cc-view", view);
  g_object_set_data (G_OBJECT (window), "cc-title", title);
  g_object_set_data (G_OBJECT (window), "cc-copy", copy);
  g_object_set_data (G_OBJECT (window), "cc-note", note);
  g_object_set_data (G_OBJECT (window), "cc-status", status);
  g_signal_connect_object (window, "destroy", G_CALLBACK (study_dialog_destroy_cb), self,
                           G_CONNECT_SWAPPED);
  self->study_dialog = window;
  update_study_dialog_title (self);
  gtk_window_present (GTK_WINDOW (window));
}

static void
edit_rules_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CcSidePanel *self = CC_SIDE_PANEL (widget);
  g_autofree char *path = cc_rules_get_user_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  /* Start the user from a copy of the built-in rules; never overwrite their own file. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GBytes) bytes = g_resources_lookup_data (CC_RULES_RESOURCE_PATH, 0, &error);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      if (bytes == NULL || g_mkdir_with_parents (dir, 0700) != 0 ||
          !cc_save_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                             0600, NULL, &error))
        {
          g_autofree char *text = g_strdup_printf (_("Could not create %s: %s"), path,
                                                   error ? error->message : g_strerror (errno));
          show_toast (self, text);
          return;
        }
    }

  uri = g_filename_to_uri (path, NULL, NULL);
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
rules_file_changed_cb (CcSidePanel       *self,
                       GFile             *file,
                       GFile             *other,
                       GFileMonitorEvent  event)
{
  if (event == G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT || event == G_FILE_MONITOR_EVENT_DELETED ||
      event == G_FILE_MONITOR_EVENT_CREATED || event == G_FILE_MONITOR_EVENT_MOVED_IN ||
      event == G_FILE_MONITOR_EVENT_RENAMED)
    load_rules_async (self);
}

/* Properties and life cycle */

static void
dataset_changed_cb (CcSidePanel *self)
{
  drop_assessor (self);
  cc_side_panel_queue_update (self);
}

CcSidePanel *
cc_side_panel_new (void)
{
  return g_object_new (CC_TYPE_SIDE_PANEL, NULL);
}

CcDataset *
cc_side_panel_get_dataset (CcSidePanel *self)
{
  g_return_val_if_fail (CC_IS_SIDE_PANEL (self), NULL);
  return self->dataset;
}

void
cc_side_panel_set_dataset (CcSidePanel *self,
                           CcDataset   *dataset)
{
  g_return_if_fail (CC_IS_SIDE_PANEL (self));
  g_return_if_fail (dataset == NULL || CC_IS_DATASET (dataset));

  if (self->dataset == dataset)
    return;
  if (self->dataset)
    g_signal_handlers_disconnect_by_data (self->dataset, self);
  g_set_object (&self->dataset, dataset);
  drop_assessor (self);
  if (dataset)
    {
      g_signal_connect_object (dataset, "series-changed", G_CALLBACK (dataset_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (dataset, "events-changed", G_CALLBACK (dataset_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  cc_side_panel_queue_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

CcEvent *
cc_side_panel_get_event (CcSidePanel *self)
{
  g_return_val_if_fail (CC_IS_SIDE_PANEL (self), NULL);
  return self->event;
}

void
cc_side_panel_set_event (CcSidePanel *self,
                         CcEvent     *event)
{
  g_return_if_fail (CC_IS_SIDE_PANEL (self));
  g_return_if_fail (event == NULL || CC_IS_EVENT (event));

  if (g_set_object (&self->event, event))
    {
      cc_side_panel_queue_update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT]);
    }
}

CcDate
cc_side_panel_get_as_of (CcSidePanel *self)
{
  g_return_val_if_fail (CC_IS_SIDE_PANEL (self), CC_DATE_INVALID);
  return self->as_of;
}

CcReportedMonitors *
cc_side_panel_get_reported_monitors (CcSidePanel *self)
{
  g_return_val_if_fail (CC_IS_SIDE_PANEL (self), NULL);
  return self->monitor_cards ? cc_monitor_cards_get_reported (self->monitor_cards) : NULL;
}

void
cc_side_panel_set_as_of (CcSidePanel *self,
                         CcDate       as_of)
{
  g_return_if_fail (CC_IS_SIDE_PANEL (self));

  if (self->as_of == as_of)
    return;
  self->as_of = as_of;
  cc_side_panel_queue_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AS_OF]);
}

const char * const *
cc_side_panel_get_items (CcSidePanel *self)
{
  g_return_val_if_fail (CC_IS_SIDE_PANEL (self), NULL);
  return (const char * const *) self->items;
}

void
cc_side_panel_set_items (CcSidePanel        *self,
                         const char * const *items)
{
  g_return_if_fail (CC_IS_SIDE_PANEL (self));

  if (self->items == NULL && items == NULL)
    return;
  if (self->items != NULL && items != NULL &&
      g_strv_equal ((const char * const *) self->items, items))
    return;
  g_strfreev (self->items);
  self->items = g_strdupv ((char **) items);
  cc_side_panel_queue_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEMS]);
}

void
cc_side_panel_set_portfolio (CcSidePanel *self,
                             CcSeries    *series)
{
  g_return_if_fail (CC_IS_SIDE_PANEL (self));
  g_return_if_fail (series == NULL || CC_IS_SERIES (series));

  if (g_set_object (&self->portfolio, series))
    cc_side_panel_queue_update (self);
}

CcAnalysis *
cc_side_panel_get_analysis (CcSidePanel *self)
{
  g_return_val_if_fail (CC_IS_SIDE_PANEL (self), NULL);
  flush (self);
  return self->analysis;
}

char *
cc_side_panel_dup_shown_text (CcSidePanel *self,
                              const char  *key)
{
  GtkWidget *label;

  g_return_val_if_fail (CC_IS_SIDE_PANEL (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  flush (self);

  if (g_str_has_prefix (key, "study:"))
    {
      g_auto(GStrv) parts = g_strsplit (key, ":", 3);
      const CcEventStudyRow *row;

      if (g_strv_length (parts) != 3 || self->study_rows == NULL)
        return NULL;
      row = g_hash_table_lookup (self->study_rows, parts[2]);
      if (row == NULL)
        return NULL;
      for (guint c = 0; c < N_COLUMNS; c++)
        if (g_str_equal (study_columns[c].key, parts[1]))
          return study_cell_text (row, c);
      return NULL;
    }

  if (g_str_equal (key, "timeline-hover"))
    {
      const CcTimelineDay *day;

      if (self->timeline == NULL || self->hover_day == CC_DATE_INVALID)
        return NULL;
      day = cc_timeline_find (self->timeline, self->hover_day);
      return day ? describe_day (day) : NULL;
    }

  label = g_hash_table_lookup (self->shown, key);
  if (label == NULL || !GTK_IS_LABEL (label))
    return NULL;
  return g_strdup (gtk_label_get_text (GTK_LABEL (label)));
}

static void
cc_side_panel_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CcSidePanel *self = CC_SIDE_PANEL (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    case PROP_EVENT:
      g_value_set_object (value, self->event);
      break;
    case PROP_AS_OF:
      g_value_set_int (value, self->as_of);
      break;
    case PROP_ITEMS:
      g_value_set_boxed (value, self->items);
      break;
    case PROP_REPORTED_MONITORS:
      g_value_set_pointer (value, cc_side_panel_get_reported_monitors (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cc_side_panel_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CcSidePanel *self = CC_SIDE_PANEL (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      cc_side_panel_set_dataset (self, g_value_get_object (value));
      break;
    case PROP_EVENT:
      cc_side_panel_set_event (self, g_value_get_object (value));
      break;
    case PROP_AS_OF:
      cc_side_panel_set_as_of (self, g_value_get_int (value));
      break;
    case PROP_ITEMS:
      cc_side_panel_set_items (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cc_side_panel_dispose (GObject *object)
{
  CcSidePanel *self = CC_SIDE_PANEL (object);

  g_clear_handle_id (&self->update_id, g_source_remove);
  if (self->timeline_cancellable)
    g_cancellable_cancel (self->timeline_cancellable);
  g_clear_object (&self->timeline_cancellable);
  if (self->study_selection)
    g_signal_handlers_disconnect_by_data (self->study_selection, self);
  if (self->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->rules_monitor)
    {
      g_signal_handlers_disconnect_by_data (self->rules_monitor, self);
      g_file_monitor_cancel (self->rules_monitor);
      g_clear_object (&self->rules_monitor);
    }
  if (self->rules_cancellable != NULL)
    g_cancellable_cancel (self->rules_cancellable);
  g_clear_object (&self->rules_cancellable);
  set_rules (self, NULL, NULL);
  if (self->study_dialog)
    gtk_window_destroy (GTK_WINDOW (self->study_dialog));
  g_assert (self->study_dialog == NULL);
  if (self->study_view)
    gtk_column_view_set_model (self->study_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CC_TYPE_SIDE_PANEL);
  g_clear_object (&self->study_selection);
  g_clear_object (&self->study_sorted);
  g_clear_object (&self->study_items);
  if (self->dataset)
    g_signal_handlers_disconnect_by_data (self->dataset, self);
  g_clear_object (&self->dataset);
  g_clear_object (&self->event);

  G_OBJECT_CLASS (cc_side_panel_parent_class)->dispose (object);
}

static void
cc_side_panel_finalize (GObject *object)
{
  CcSidePanel *self = CC_SIDE_PANEL (object);

  g_clear_pointer (&self->study_rows, g_hash_table_unref);
  g_clear_pointer (&self->analysis, cc_analysis_free);
  g_clear_object (&self->portfolio);
  g_clear_pointer (&self->assessment, cc_assessment_free);
  g_clear_pointer (&self->timeline, cc_timeline_free);
  drop_assessor (self);
  g_clear_pointer (&self->shown, g_hash_table_unref);
  g_clear_pointer (&self->bound_cells, g_hash_table_unref);
  g_strfreev (self->items);

  G_OBJECT_CLASS (cc_side_panel_parent_class)->finalize (object);
}

static void
cc_side_panel_class_init (CcSidePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cc_side_panel_dispose;
  object_class->finalize = cc_side_panel_finalize;
  object_class->get_property = cc_side_panel_get_property;
  object_class->set_property = cc_side_panel_set_property;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, CC_TYPE_DATASET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EVENT] =
    g_param_spec_object ("event", NULL, NULL, CC_TYPE_EVENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AS_OF] =
    g_param_spec_int ("as-of", NULL, NULL, G_MININT32, G_MAXINT32, CC_DATE_INVALID,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ITEMS] =
    g_param_spec_boxed ("items", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The monitors fed by SEC EDGAR the assessment uses (cc_side_panel_get_reported_monitors()). */
  properties[PROP_REPORTED_MONITORS] =
    g_param_spec_pointer ("reported-monitors", NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CC_TYPE_ANALOGUE_SUMMARY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chipcycle/ChipCycle/ui/"
                                               "cc-side-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, analogue_summary);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, as_of_row);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, as_of_button);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, as_of_popover);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, as_of_calendar);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, study_event_label);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, timeline_group);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, timeline_box);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, timeline_area);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, timeline_label);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, study_reason_label);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, context_label);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, rules_error_label);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, phase_group);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, phase_box);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, scenario_group);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, scenario_box);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, monitors_list);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, monitors_group);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, history_group);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, study_group);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, history_box);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, drawdown_label);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, history_area);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, history_grid);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, history_note_label);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, study_box);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, winners_label);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, losers_label);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, study_view);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, study_note_label);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, abnormal_label);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, abnormal_area);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, disclaimer_label);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, copy_button);
  gtk_widget_class_bind_template_child (widget_class, CcSidePanel, export_button);

  gtk_widget_class_install_action (widget_class, "side-panel.copy-study", NULL, copy_study_cb);
  gtk_widget_class_install_action (widget_class, "side-panel.export-study", NULL,
                                   export_study_cb);
  gtk_widget_class_install_action (widget_class, "side-panel.edit-rules", NULL, edit_rules_cb);
  gtk_widget_class_install_action (widget_class, "side-panel.show-study", NULL, show_study_cb);
  gtk_widget_class_install_action (widget_class, "side-panel.as-of-previous", NULL,
                                   as_of_step_cb);
  gtk_widget_class_install_action (widget_class, "side-panel.as-of-next", NULL, as_of_step_cb);
  gtk_widget_class_install_action (widget_class, "side-panel.as-of-latest", NULL,
                                   as_of_latest_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ccsidepanel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

/* The filing study follows the panel's data, as-of day and items. */
static void
filing_study_follow_cb (CcSidePanel *self)
{
  cc_filing_study_card_set_dataset (self->filing_study, self->dataset);
  cc_filing_study_card_set_items (self->filing_study, (const char * const *) self->items);
  cc_filing_study_card_set_as_of (self->filing_study, self->as_of);
}

static void
cc_side_panel_init (CcSidePanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->as_of = CC_DATE_INVALID;
  self->shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->bound_cells = g_hash_table_new (NULL, NULL);

  set_accessible_label (GTK_WIDGET (self), _("Analysis"));
  set_accessible_label (self->copy_button, _("Copy the event study as text"));
  set_accessible_label (self->export_button, _("Export the event study as CSV"));
  set_accessible_label (GTK_WIDGET (self->study_view), _("Event study table"));
  set_accessible_label (GTK_WIDGET (self->monitors_list), _("Monitors"));
  /* Under the events' signals, the monitors fed by reported numbers (cc-monitor-card.c). */
  {
    g_autoptr(GSettings) settings = g_settings_new (BASE_APPLICATION_ID);
    GtkWidget *group = gtk_widget_get_ancestor (GTK_WIDGET (self->monitors_list),
                                                ADW_TYPE_PREFERENCES_GROUP);
    GtkWidget *cards = cc_monitor_cards_new (settings, NULL);

    self->monitor_cards = CC_MONITOR_CARDS (cards);
    /* New figures make a new snapshot: the rules on them may now match. */
    g_signal_connect_object (cards, "reported-changed", G_CALLBACK (reported_changed_cb), self,
                             G_CONNECT_SWAPPED);
    gtk_widget_set_margin_top (cards, 12);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), cards);
  }
  /* After the event study, the study over a company's own filings (cc-filing-study-card.c). */
  {
    g_autoptr(GSettings) settings = g_settings_new (BASE_APPLICATION_ID);
    GtkWidget *group = adw_preferences_group_new ();

    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                     _("Event study over filings"));
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                           _("A company’s own filings from SEC EDGAR as the "
                                             "events: its results days, say."));
    self->filing_study = CC_FILING_STUDY_CARD (cc_filing_study_card_new (settings, NULL));
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->filing_study));
    gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->study_group))),
                                group, GTK_WIDGET (self->study_group));
    g_signal_connect (self, "notify::dataset", G_CALLBACK (filing_study_follow_cb), NULL);
    g_signal_connect (self, "notify::as-of", G_CALLBACK (filing_study_follow_cb), NULL);
    g_signal_connect (self, "notify::items", G_CALLBACK (filing_study_follow_cb), NULL);
  }
  set_accessible_label (GTK_WIDGET (self->history_area),
                        _("Drawdown paths of the SOX after its peaks"));
  gtk_drawing_area_set_draw_func (self->history_area, history_draw_cb, self, NULL);
  gtk_drawing_area_set_draw_func (self->abnormal_area, abnormal_draw_cb, self, NULL);
  gtk_drawing_area_set_draw_func (self->timeline_area, timeline_draw_cb, self, NULL);
  self->hover_day = CC_DATE_INVALID;
  set_accessible_label (GTK_WIDGET (self->timeline_area),
                        _("Phase and scenario weights on every trading day"));
  g_signal_connect_object (self->timeline_area, "query-tooltip",
                           G_CALLBACK (timeline_query_tooltip_cb), self, G_CONNECT_SWAPPED);
  {
    GtkEventController *motion = gtk_event_controller_motion_new ();
    GtkGesture *click = gtk_gesture_click_new ();
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect_object (motion, "motion", G_CALLBACK (timeline_motion_cb), self,
                             G_CONNECT_SWAPPED);
    g_signal_connect_object (motion, "leave", G_CALLBACK (timeline_leave_cb), self,
                             G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self->timeline_area), motion);
    g_signal_connect_object (click, "pressed", G_CALLBACK (timeline_pressed_cb), self,
                             G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self->timeline_area), GTK_EVENT_CONTROLLER (click));
    g_signal_connect_object (keys, "key-pressed", G_CALLBACK (timeline_key_cb), self,
                             G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self->timeline_area), keys);
  }
  pad_card (GTK_WIDGET (self->timeline_box));
  gtk_label_set_text (self->disclaimer_label, cc_analysis_get_disclaimer ());
  pad_card (GTK_WIDGET (self->history_box));
  pad_card (GTK_WIDGET (self->study_box));
  setup_study_view (self);
  g_signal_connect_object (self->as_of_popover, "show", G_CALLBACK (as_of_popover_show_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->as_of_calendar, "day-selected",
                           G_CALLBACK (as_of_day_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->as_of_calendar, "next-month", G_CALLBACK (mark_calendar), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->as_of_calendar, "prev-month", G_CALLBACK (mark_calendar), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->as_of_calendar, "next-year", G_CALLBACK (mark_calendar), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->as_of_calendar, "prev-year", G_CALLBACK (mark_calendar), self,
                           G_CONNECT_SWAPPED);
  update_as_of_controls (self);

  /* Edits to the user's rules show at once: the panel watches the file. */
  {
    g_autofree char *path = cc_rules_get_user_path ();
    g_autoptr(GFile) file = g_file_new_for_path (path);

    self->rules_monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
    if (self->rules_monitor)
      g_signal_connect_object (self->rules_monitor, "changed",
                               G_CALLBACK (rules_file_changed_cb), self, G_CONNECT_SWAPPED);
  }
  load_rules_async (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "side-panel.copy-study", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "side-panel.export-study", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "side-panel.show-study", FALSE);
}

CcFilingStudyCard *
cc_side_panel_get_filing_study (CcSidePanel *self)
{
  g_return_val_if_fail (CC_IS_SIDE_PANEL (self), NULL);

  return self->filing_study;
}

CcAnalogueSummary *
cc_side_panel_get_analogue_summary (CcSidePanel *self)
{
  g_return_val_if_fail (CC_IS_SIDE_PANEL (self), NULL);

  return self->analogue_summary;
}
