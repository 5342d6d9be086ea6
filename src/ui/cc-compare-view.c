/* cc-compare-view.c: compare mode, one item around several events, or the chip cycles: the
 * controls in one row, the chart, the analogue table and its notes. */
#define G_LOG_DOMAIN "cc-compare-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cc-accessible.h"
#include "cc-analysis.h"
#include "cc-combo-row.h"
#include "cc-compare-chart.h"
#include "cc-compare-view.h"
#include "cc-derived.h"
#include "cc-indicators.h"

struct _CcCompareView
{
  GtkWidget        parent_instance;

  CcDataset       *dataset;
  CcSeries        *portfolio;      /* the open portfolio's series, or NULL */
  GPtrArray       *item_ids;       /* char *, parallel to the item drop-down */
  GtkStringList   *item_labels;
  GtkWidget       *controls;
  GtkDropDown     *item_dropdown;
  GtkDropDown     *window_dropdown;
  GtkMenuButton   *events_button;
  GtkToggleButton *cycles_button;
  GtkButton       *history_button;
  GtkListBox      *event_list;
  GtkDrawingArea  *chart;
  GtkGrid         *table;
  GtkLabel        *notes;
  GtkWidget       *table_box;

  CcAnalogueSet   *set;
  GPtrArray       *cycles;
  CcDate           selected;       /* the emphasised event, or CC_DATE_INVALID */
  gboolean         current_estimated;  /* the current decline rests on rebuilt closes */
  gboolean         needs_history;
  gboolean         updating;
};

G_DEFINE_FINAL_TYPE (CcCompareView, cc_compare_view, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const int window_ends[] = { 60, 120, 250 };

static void recompute (CcCompareView *self);

static const char *
current_item (CcCompareView *self)
{
  guint i = gtk_drop_down_get_selected (self->item_dropdown);

  if (i == GTK_INVALID_LIST_POSITION || i >= self->item_ids->len)
    return CC_SYMBOL_SOX;
  return g_ptr_array_index (self->item_ids, i);
}

static CcChartTheme
current_theme (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ())
         ? CC_CHART_THEME_DARK : CC_CHART_THEME_LIGHT;
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  CcCompareView *self = user_data;
  CcCompareChartOptions options;

  cc_compare_chart_options_init (&options);
  options.theme = current_theme ();
  options.current_reconstructed = self->current_estimated;
  if (gtk_toggle_button_get_active (self->cycles_button))
    {
      if (self->cycles)
        cc_cycle_chart_draw (cr, self->cycles, &options, width, height, NULL);
      return;
    }
  if (self->set == NULL)
    return;
  for (guint e = 0; e < self->set->paths->len; e++)
    if (((CcAnaloguePath *) g_ptr_array_index (self->set->paths, e))->date == self->selected)
      options.selected = e;
  cc_compare_chart_draw (cr, self->set, &options, width, height, NULL);
}

static GtkWidget *
cell (const char   *text,
      gboolean      heading,
      gboolean      numeric,
      gboolean      wrap,
      const double *color)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  /* The table fits the page's width rather than scroll sideways (a scroll bar that shows on
   * hover only hid the last columns at 1280x800): headings and event names take a second
   * line when the width runs short; dates and numbers never break. */
  if (wrap)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), heading ? PANGO_WRAP_WORD
                                                          : PANGO_WRAP_WORD_CHAR);
      gtk_widget_set_valign (label, heading ? GTK_ALIGN_END : GTK_ALIGN_CENTER);
      /* A heading asks for the width of its longest word or two ("Return" over "[0,+5]"), not
       * its whole text; an event name for a readable line, not the longest title. */
      if (heading)
        gtk_label_set_max_width_chars (GTK_LABEL (label), 8);
      else
        {
          gtk_label_set_width_chars (GTK_LABEL (label), 16);
          gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
        }
    }
  if (heading)
    {
      gtk_label_set_justify (GTK_LABEL (label), numeric ? GTK_JUSTIFY_RIGHT : GTK_JUSTIFY_LEFT);
      gtk_widget_add_css_class (label, "heading");
    }
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_label_set_selectable (GTK_LABEL (label), !heading);
  if (color)
    {
      g_autofree char *markup = NULL;
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      /* A swatch of the path's colour ties the row to its line. */
      markup = g_strdup_printf ("<span foreground=\"#%02x%02x%02x\">■</span> %s",
                                (int) (color[0] * 255), (int) (color[1] * 255),
                                (int) (color[2] * 255), escaped);
      gtk_label_set_markup (GTK_LABEL (label), markup);
    }
  return label;
}

static void
append_note (GString    *notes,
             const char *text)
{
  g_string_append_printf (notes, "%s%s", notes->len ? "\n" : "", text);
}

static void
rebuild_table (CcCompareView *self,
               GString       *notes)
{
  GtkWidget *child;
  g_auto(GStrv) headings = NULL;
  CcChartTheme theme = current_theme ();

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table))))
    gtk_grid_remove (self->table, child);
  if (self->set == NULL)
    return;
  headings = cc_analogue_table_headings (self->set);
  for (guint c = 0; headings[c]; c++)
    gtk_grid_attach (self->table, cell (headings[c], TRUE, c >= 2, TRUE, NULL), c, 0, 1, 1);
  for (guint e = 0; e < self->set->paths->len; e++)
    {
      const CcAnaloguePath *p = g_ptr_array_index (self->set->paths, e);
      g_auto(GStrv) row = cc_analogue_table_row (self->set, e);
      double rgba[4];

      cc_compare_chart_path_color (theme, e, rgba);
      for (guint c = 0; row[c]; c++)
        {
          GtkWidget *label = cell (row[c], FALSE, c >= 2, c == 0, c == 0 ? rgba : NULL);

          if (p->date == self->selected)
            gtk_widget_add_css_class (label, "heading");
          gtk_grid_attach (self->table, label, c, e + 1, 1, 1);
        }
      if (p->missing)
        {
          g_autofree char *text = g_strdup_printf ("%s: %s", p->label, p->missing);

          append_note (notes, text);
        }
      if (p->car_problem)
        {
          g_autofree char *text = g_strdup_printf ("%s: %s", p->label, p->car_problem);

          append_note (notes, text);
        }
    }
  append_note (notes, cc_analogue_set_car_note (self->set));
}

static void
update_cycles (CcCompareView *self)
{
  CcSeries *sox = cc_dataset_get_series (self->dataset, CC_SYMBOL_SOX);

  g_clear_pointer (&self->cycles, g_ptr_array_unref);
  self->current_estimated = FALSE;
  if (sox == NULL)
    return;
  self->cycles = cc_analogue_cycles (sox, cc_dataset_get_sox_monthly (self->dataset),
                                     CC_DATE_INVALID, 250);
  for (guint i = 0; i < self->cycles->len; i++)
    {
      const CcCycle *c = g_ptr_array_index (self->cycles, i);

      if (c->is_current && c->path->len > 0)
        {
          CcDate last = g_array_index (c->path, CcCyclePoint, c->path->len - 1).date;

          /* As the figure exported by `chipcycle compare --cycles` says it. */
          self->current_estimated =
            cc_series_has_provenance (sox, CC_PROVENANCE_RECONSTRUCTED, c->peak_date, last) ||
            cc_series_has_provenance (sox, CC_PROVENANCE_ANCHORED, c->peak_date, last);
        }
    }
}

static void
update_events_label (CcCompareView *self,
                     guint          n_ticked)
{
  g_autofree char *text = NULL;

  /* TRANSLATORS: the button that lists the events to line up, with how many are ticked */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Event", "%u Events", n_ticked),
                          n_ticked);
  gtk_menu_button_set_label (self->events_button, text);
}

static void
recompute (CcCompareView *self)
{
  g_autoptr(GArray) dates = g_array_new (FALSE, FALSE, sizeof (CcDate));
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) notes = g_string_new (NULL);
  CcAnalogueWindow window = { CC_ANALOGUE_DEFAULT_FIRST, CC_ANALOGUE_DEFAULT_LAST };
  guint end = gtk_drop_down_get_selected (self->window_dropdown);
  const char *item = current_item (self);
  CcDate first = CC_DATE_INVALID, last = CC_DATE_INVALID;
  gboolean has_range;
  guint n_ticked = 0;

  if (self->updating || self->dataset == NULL)
    return;
  if (end < G_N_ELEMENTS (window_ends))
    window.last = window_ends[end];
  has_range = cc_analogue_item_range_full (self->dataset, item, self->portfolio,
                                           CC_DATE_INVALID, &first, &last, &error);
  self->needs_history = FALSE;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->event_list)); row;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = g_object_get_data (G_OBJECT (row), "cc-check");
      CcDate date = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "cc-date"));
      CcDate day0 = cc_calendar_trading_day_on_or_after (date);

      if (check == NULL || !gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        continue;
      n_ticked++;
      /* An event outside the item's data is left out and named, rather than taking the
       * whole table with it; before the data, a longer history would bring it in. */
      if (has_range && (day0 <= first || day0 > last))
        {
          g_autofree char *text = NULL;
          char from[11], to[11];

          cc_date_format_iso (first, from);
          cc_date_format_iso (last, to);
          /* TRANSLATORS: an event left out of the analogues: "%s" is its label, then the item
           * and the first and last day of its data */
          text = g_strdup_printf (_("%s: left out, outside the data for %s (%s to %s)"),
                                  (const char *) g_object_get_data (G_OBJECT (row),
                                                                    "cc-title"),
                                  item, from, to);
          append_note (notes, text);
          self->needs_history |= day0 <= first;
          continue;
        }
      g_array_append_val (dates, date);
    }
  update_events_label (self, n_ticked);

  g_clear_pointer (&self->set, cc_analogue_set_free);
  if (has_range)
    self->set = cc_analogue_set_new_full (self->dataset, item, self->portfolio,
                                          (CcDate *) dates->data, dates->len, &window,
                                          CC_DATE_INVALID, &error);
  for (guint e = 0; self->set && e < self->set->paths->len; e++)
    {
      const CcAnaloguePath *p = g_ptr_array_index (self->set->paths, e);

      /* A path that starts late or lacks its base close also wants older data. */
      self->needs_history |= !p->has_base || p->coarse ||
                             (p->n_values > 0 && p->first_day > window.first);
    }
  update_cycles (self);
  rebuild_table (self, notes);
  if (self->set == NULL && error != NULL)
    append_note (notes, error->message);
  gtk_label_set_text (self->notes, notes->str);

  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->history_button),
                                          g_variant_new_string (item));
  gtk_widget_set_visible (GTK_WIDGET (self->history_button),
                          self->needs_history &&
                          !gtk_toggle_button_get_active (self->cycles_button));
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
changed_cb (CcCompareView *self)
{
  gboolean cycles = gtk_toggle_button_get_active (self->cycles_button);

  gtk_widget_set_visible (self->table_box, !cycles);
  gtk_widget_set_sensitive (GTK_WIDGET (self->item_dropdown), !cycles);
  gtk_widget_set_sensitive (GTK_WIDGET (self->window_dropdown), !cycles);
  gtk_widget_set_sensitive (GTK_WIDGET (self->events_button), !cycles);
  recompute (self);
}

static void
row_selected_cb (CcCompareView *self,
                 GtkListBoxRow *row,
                 GtkListBox    *list)
{
  if (row == NULL)
    return;
  cc_compare_view_select_date (self,
                               GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "cc-date")));
}

/* The events an item can be lined up on: day-precision and not hidden; those inside ^SOX's
 * data ticked. */
static void
populate_events (CcCompareView *self,
                 const char    *selected_event_id)
{
  GPtrArray *events = cc_dataset_get_events (self->dataset);
  CcSeries *series = cc_dataset_get_series (self->dataset, CC_SYMBOL_SOX);
  GtkWidget *child;

  self->updating = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->event_list))))
    gtk_list_box_remove (self->event_list, child);
  for (guint i = 0; i < events->len; i++)
    {
      CcEvent *event = g_ptr_array_index (events, i);
      CcDate day0 = cc_calendar_trading_day_on_or_after (cc_event_get_date (event));
      g_autofree char *when = cc_event_format_when (event);
      g_autofree char *text = NULL;
      GtkWidget *row, *check;
      gboolean in_data;

      if (cc_event_get_hidden (event) || cc_event_get_precision (event) != CC_EVENT_PRECISION_DAY)
        continue;
      in_data = series && cc_series_get_n_points (series) > 1 &&
                day0 > cc_series_get_first (series)->date &&
                day0 <= cc_series_get_last (series)->date;
      text = g_strdup_printf ("%s · %s%s", when, cc_event_get_title (event),
                              cc_event_get_user (event) ? _(" (yours)") : "");
      check = gtk_check_button_new_with_label (text);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), in_data);
      g_signal_connect_object (check, "toggled", G_CALLBACK (recompute), self,
                               G_CONNECT_SWAPPED);
      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), check);
      g_object_set_data (G_OBJECT (row), "cc-check", check);
      g_object_set_data_full (G_OBJECT (row), "cc-title", g_strdup (cc_event_get_title (event)),
                              g_free);
      g_object_set_data (G_OBJECT (row), "cc-date", GINT_TO_POINTER (cc_event_get_date (event)));
      gtk_list_box_append (self->event_list, row);
      if (g_strcmp0 (cc_event_get_id (event), selected_event_id) == 0)
        {
          self->selected = cc_event_get_date (event);
          gtk_list_box_select_row (self->event_list, GTK_LIST_BOX_ROW (row));
        }
    }
  self->updating = FALSE;
}

static void
events_changed_cb (CcCompareView *self)
{
  populate_events (self, NULL);
  recompute (self);
}

static void
add_item (CcCompareView *self,
          const char    *id,
          const char    *label)
{
  g_ptr_array_add (self->item_ids, g_strdup (id));
  gtk_string_list_append (self->item_labels, label);
}

static void
populate_items (CcCompareView *self)
{
  g_autoptr(GPtrArray) symbols = cc_dataset_list_symbols (self->dataset);

  g_ptr_array_set_size (self->item_ids, 0);
  gtk_string_list_splice (self->item_labels, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->item_labels)), NULL);
  for (guint i = 0; i < symbols->len; i++)
    add_item (self, g_ptr_array_index (symbols, i), g_ptr_array_index (symbols, i));
  for (guint i = 0; cc_analysis_basket_groups[i]; i++)
    {
      g_autofree char *id = g_strconcat ("basket:", cc_analysis_basket_groups[i], NULL);
      g_autofree char *label = cc_group_basket_label (cc_analysis_basket_groups[i]);

      add_item (self, id, label);
    }
  /* The preset pairs as ratios: a spread has no level to line up at t-1. */
  for (guint i = 0; i < cc_derived_n_presets; i++)
    {
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;
      g_autofree char *ratio = NULL;
      g_autofree char *label = NULL;

      if (cc_derived_parse (cc_derived_presets[i].item, &a, &b, NULL) == CC_DERIVED_NONE)
        continue;
      ratio = cc_derived_format (CC_DERIVED_RATIO, a, b);
      label = cc_derived_describe (ratio);
      add_item (self, ratio, label);
    }
  /* The open portfolio, lined up like a basket. */
  if (self->portfolio != NULL)
    {
      const char *id = cc_series_get_symbol (self->portfolio);
      /* TRANSLATORS: the event study's row of the user's portfolio; %s is its name */
      g_autofree char *label = g_strdup_printf (_("Portfolio %s"),
                                                id + strlen ("portfolio:"));

      add_item (self, id, label);
    }
}

void
cc_compare_view_set_portfolio (CcCompareView *self,
                               CcSeries      *series)
{
  g_autofree char *item = NULL;

  g_return_if_fail (CC_IS_COMPARE_VIEW (self));
  g_return_if_fail (series == NULL || CC_IS_SERIES (series));

  if (!g_set_object (&self->portfolio, series) || self->dataset == NULL)
    return;
  /* The same item stays chosen; another portfolio's, now gone, gives way to ^SOX. */
  item = g_strdup (current_item (self));
  self->updating = TRUE;
  populate_items (self);
  gtk_drop_down_set_selected (self->item_dropdown, 0);
  if (g_str_has_prefix (item, "portfolio:") &&
      (series == NULL || !g_str_equal (cc_series_get_symbol (series), item)))
    cc_compare_view_set_item (self, CC_SYMBOL_SOX);
  else
    cc_compare_view_set_item (self, item);
  self->updating = FALSE;
  recompute (self);
}

static void
cc_compare_view_dispose (GObject *object)
{
  CcCompareView *self = CC_COMPARE_VIEW (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->dataset);
  g_clear_object (&self->portfolio);
  g_clear_pointer (&self->set, cc_analogue_set_free);
  g_clear_pointer (&self->cycles, g_ptr_array_unref);
  g_clear_pointer (&self->item_ids, g_ptr_array_unref);
  g_clear_object (&self->item_labels);
  G_OBJECT_CLASS (cc_compare_view_parent_class)->dispose (object);
}

static void
cc_compare_view_class_init (CcCompareViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = cc_compare_view_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  /* After each recomputation: the set, table and notes are new. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cc_compare_view_init (CcCompareView *self)
{
  GtkWidget *scroller, *table_scroller, *popover, *history_content;
  const char * const ends[] = { "t+60", "t+120", "t+250", NULL };

  self->selected = CC_DATE_INVALID;
  self->item_ids = g_ptr_array_new_with_free_func (g_free);
  self->item_labels = gtk_string_list_new (NULL);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (
                                    GTK_WIDGET (self))), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                              6);

  /* The controls, in one row so that the chart keeps the width. */
  self->controls = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (self->controls, 12);
  gtk_widget_set_margin_end (self->controls, 12);
  gtk_widget_set_margin_top (self->controls, 6);
  /* The drop-down takes a reference of its own: the model is ours too. */
  self->item_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (g_object_ref (G_LIST_MODEL (
                                                            self->item_labels)), NULL));
  /* The chosen item's name gives way where the row of controls lacks room: a ratio's name in
   * French asked 700 px of the page, more than the chart's least width, and would fold the
   * symbol list away. */
  cc_drop_down_shorten_chosen (self->item_dropdown, 12);
  gtk_drop_down_set_enable_search (self->item_dropdown, TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->item_dropdown), _("The item to line up"));
  cc_accessible_name_drop_down (self->item_dropdown, _("Item"));
  gtk_box_append (GTK_BOX (self->controls), GTK_WIDGET (self->item_dropdown));

  self->event_list = GTK_LIST_BOX (gtk_list_box_new ());
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 420);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->event_list));
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), scroller);
  self->events_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_popover (self->events_button, popover);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->events_button), _("The events to line up"));
  gtk_box_append (GTK_BOX (self->controls), GTK_WIDGET (self->events_button));

  self->window_dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (ends));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_dropdown),
                               _("The last trading day drawn after each event"));
  cc_accessible_name_drop_down (self->window_dropdown, _("Window end"));
  gtk_box_append (GTK_BOX (self->controls), GTK_WIDGET (self->window_dropdown));

  /* Fetches on demand, through the window's action; where there is no such action (the
   * Compare window on its own) the button is insensitive. */
  self->history_button = GTK_BUTTON (gtk_button_new ());
  history_content = adw_button_content_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (history_content),
                                    "folder-download-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (history_content), _("Load Full _History"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (history_content), TRUE);
  gtk_button_set_child (self->history_button, history_content);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->history_button),
                               _("Fetch all the daily history the provider has for this item"));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->history_button),
                                          g_variant_new_string (CC_SYMBOL_SOX));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->history_button), "win.load-history");
  gtk_widget_set_visible (GTK_WIDGET (self->history_button), FALSE);
  gtk_box_append (GTK_BOX (self->controls), GTK_WIDGET (self->history_button));

  self->cycles_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("_Cycles")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->cycles_button),
                               _("The ^SOX declines of 2000–02, 2007–09 and 2021–22 and the "
                                 "current one, aligned at their peaks"));
  gtk_widget_set_hexpand (GTK_WIDGET (self->cycles_button), TRUE);
  gtk_widget_set_halign (GTK_WIDGET (self->cycles_button), GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (self->controls), GTK_WIDGET (self->cycles_button));
  gtk_widget_set_parent (self->controls, GTK_WIDGET (self));

  self->chart = GTK_DRAWING_AREA (gtk_drawing_area_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->chart), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->chart), -1, 240);
  gtk_drawing_area_set_draw_func (self->chart, draw_cb, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Analogue chart"), -1);
  gtk_widget_set_parent (GTK_WIDGET (self->chart), GTK_WIDGET (self));

  self->table_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  self->table = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (self->table, 4);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->table), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Analogue table"), -1);
  table_scroller = gtk_scrolled_window_new ();
  /* Free to scroll sideways only where even the wrapped table cannot fit (a window narrower
   * than the default): a table that could not scroll would widen the page's least width, and
   * with it fold the sidebar away in French. At 1280x800 it fits (test-analogues-fit). */
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (table_scroller),
                                 GTK_WIDGET (self->table));
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (table_scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (table_scroller), 200);
  gtk_box_append (GTK_BOX (self->table_box), table_scroller);
  self->notes = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->notes, 0);
  gtk_label_set_wrap (self->notes, TRUE);
  gtk_label_set_selectable (self->notes, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->notes), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->notes), "caption");
  gtk_box_append (GTK_BOX (self->table_box), GTK_WIDGET (self->notes));
  gtk_widget_set_margin_start (self->table_box, 6);
  gtk_widget_set_margin_end (self->table_box, 12);
  gtk_widget_set_margin_bottom (self->table_box, 12);
  gtk_widget_set_parent (self->table_box, GTK_WIDGET (self));

  g_signal_connect_object (self->event_list, "row-selected", G_CALLBACK (row_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cycles_button, "toggled", G_CALLBACK (changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->item_dropdown, "notify::selected", G_CALLBACK (changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->window_dropdown, "notify::selected", G_CALLBACK (changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
}

CcCompareView *
cc_compare_view_new (void)
{
  return g_object_new (CC_TYPE_COMPARE_VIEW, NULL);
}

void
cc_compare_view_set_dataset (CcCompareView *self,
                             CcDataset     *dataset,
                             const char    *item,
                             const char    *selected_event_id)
{
  g_return_if_fail (CC_IS_COMPARE_VIEW (self));
  g_return_if_fail (CC_IS_DATASET (dataset));

  if (self->dataset != dataset)
    {
      if (self->dataset)
        g_signal_handlers_disconnect_by_data (self->dataset, self);
      g_set_object (&self->dataset, dataset);
      g_signal_connect_object (dataset, "events-changed", G_CALLBACK (events_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (dataset, "series-changed", G_CALLBACK (changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  self->updating = TRUE;
  populate_items (self);
  gtk_drop_down_set_selected (self->item_dropdown, 0);
  self->updating = FALSE;
  populate_events (self, selected_event_id);
  self->updating = TRUE;
  cc_compare_view_set_item (self, item ? item : CC_SYMBOL_SOX);
  self->updating = FALSE;
  recompute (self);
}

CcDataset *
cc_compare_view_get_dataset (CcCompareView *self)
{
  g_return_val_if_fail (CC_IS_COMPARE_VIEW (self), NULL);

  return self->dataset;
}

void
cc_compare_view_set_events (CcCompareView *self,
                            const CcDate  *dates,
                            guint          n_dates)
{
  g_return_if_fail (CC_IS_COMPARE_VIEW (self));

  self->updating = TRUE;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->event_list)); row;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = g_object_get_data (G_OBJECT (row), "cc-check");
      CcDate date = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "cc-date"));
      gboolean on = FALSE;

      for (guint i = 0; i < n_dates; i++)
        on |= dates[i] == date;
      if (check)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (check), on);
    }
  self->updating = FALSE;
  recompute (self);
}

void
cc_compare_view_set_item (CcCompareView *self,
                          const char    *item)
{
  g_autofree char *canonical = NULL;

  g_return_if_fail (CC_IS_COMPARE_VIEW (self));
  g_return_if_fail (item != NULL);

  canonical = cc_derived_normalize (item, NULL);
  if (canonical == NULL)
    canonical = g_strdup (item);
  for (guint i = 0; i < self->item_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->item_ids, i), canonical) == 0)
      {
        gtk_drop_down_set_selected (self->item_dropdown, i);
        return;
      }
  {
    g_autofree char *label = cc_derived_describe (canonical);

    add_item (self, canonical, label);
    gtk_drop_down_set_selected (self->item_dropdown, self->item_ids->len - 1);
  }
}

const char *
cc_compare_view_get_item (CcCompareView *self)
{
  g_return_val_if_fail (CC_IS_COMPARE_VIEW (self), NULL);

  return current_item (self);
}

void
cc_compare_view_select_date (CcCompareView *self,
                             CcDate         date)
{
  g_autoptr(GString) notes = g_string_new (NULL);

  g_return_if_fail (CC_IS_COMPARE_VIEW (self));

  self->selected = date;
  if (self->set)
    {
      /* Only the emphasis changes: keep the notes on what was left out. */
      rebuild_table (self, notes);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));
}

const CcAnalogueSet *
cc_compare_view_get_set (CcCompareView *self)
{
  g_return_val_if_fail (CC_IS_COMPARE_VIEW (self), NULL);

  return self->set;
}

const char *
cc_compare_view_get_notes (CcCompareView *self)
{
  g_return_val_if_fail (CC_IS_COMPARE_VIEW (self), NULL);

  return gtk_label_get_text (self->notes);
}

gboolean
cc_compare_view_needs_history (CcCompareView *self)
{
  g_return_val_if_fail (CC_IS_COMPARE_VIEW (self), FALSE);

  return self->needs_history;
}

GPtrArray *
cc_compare_view_get_table (CcCompareView *self)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_return_val_if_fail (CC_IS_COMPARE_VIEW (self), rows);

  for (int r = 0; ; r++)
    {
      GStrvBuilder *b;

      if (gtk_grid_get_child_at (self->table, 0, r) == NULL)
        break;
      b = g_strv_builder_new ();
      for (int c = 0; ; c++)
        {
          GtkWidget *label = gtk_grid_get_child_at (self->table, c, r);
          const char *text;

          if (label == NULL)
            break;
          /* What the label shows, less the colour swatch before an event's name. */
          text = gtk_label_get_text (GTK_LABEL (label));
          if (g_str_has_prefix (text, "■ "))
            text += strlen ("■ ");
          g_strv_builder_add (b, text);
        }
      g_ptr_array_add (rows, g_strv_builder_end (b));
      g_strv_builder_unref (b);
    }
  return rows;
}
