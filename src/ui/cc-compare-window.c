/* cc-compare-window.c: compare mode, one item around several events, or the chip cycles. */
#define G_LOG_DOMAIN "cc-compare-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cc-analogue.h"
#include "cc-analysis.h"
#include "cc-catalogue.h"
#include "cc-compare-chart.h"
#include "cc-compare-window.h"
#include "cc-indicators.h"

struct _CcCompareWindow
{
  AdwWindow       parent_instance;

  CcDataset      *dataset;
  GPtrArray      *item_ids;       /* char *, parallel to the item drop-down */
  GtkDropDown    *item_dropdown;
  GtkDropDown    *window_dropdown;
  GtkToggleButton *cycles_button;
  GtkListBox     *event_list;
  GtkDrawingArea *chart;
  GtkGrid        *table;
  GtkLabel       *notes;
  GtkWidget      *table_box;

  CcAnalogueSet  *set;
  GPtrArray      *cycles;
  CcDate          selected;       /* the emphasised event, or CC_DATE_INVALID */
  gboolean        current_estimated;  /* the current decline rests on rebuilt closes */
  gboolean        updating;
};

G_DEFINE_FINAL_TYPE (CcCompareWindow, cc_compare_window, ADW_TYPE_WINDOW)

static const int window_ends[] = { 60, 120, 250 };

static void recompute (CcCompareWindow *self);

static const char *
current_item (CcCompareWindow *self)
{
  guint i = gtk_drop_down_get_selected (self->item_dropdown);

  if (i == GTK_INVALID_LIST_POSITION || i >= self->item_ids->len)
    return CC_SYMBOL_SOX;
  return g_ptr_array_index (self->item_ids, i);
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  CcCompareWindow *self = user_data;
  CcCompareChartOptions options;

  cc_compare_chart_options_init (&options);
  options.theme = adw_style_manager_get_dark (adw_style_manager_get_default ())
                  ? CC_CHART_THEME_DARK : CC_CHART_THEME_LIGHT;
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
cell (const char *text,
      gboolean    heading,
      gboolean    numeric,
      const double *color)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
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
rebuild_table (CcCompareWindow *self)
{
  GtkWidget *child;
  g_auto(GStrv) headings = NULL;
  g_autoptr(GString) notes = g_string_new (NULL);
  CcChartTheme theme = adw_style_manager_get_dark (adw_style_manager_get_default ())
                       ? CC_CHART_THEME_DARK : CC_CHART_THEME_LIGHT;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table))))
    gtk_grid_remove (self->table, child);
  if (self->set == NULL)
    return;
  headings = cc_analogue_table_headings (self->set);
  for (guint c = 0; headings[c]; c++)
    gtk_grid_attach (self->table, cell (headings[c], TRUE, c >= 2, NULL), c, 0, 1, 1);
  for (guint e = 0; e < self->set->paths->len; e++)
    {
      const CcAnaloguePath *p = g_ptr_array_index (self->set->paths, e);
      g_auto(GStrv) row = cc_analogue_table_row (self->set, e);
      double rgba[4];

      cc_compare_chart_path_color (theme, e, rgba);
      for (guint c = 0; row[c]; c++)
        {
          GtkWidget *label = cell (row[c], FALSE, c >= 2, c == 0 ? rgba : NULL);

          if (p->date == self->selected)
            gtk_widget_add_css_class (label, "heading");
          gtk_grid_attach (self->table, label, c, e + 1, 1, 1);
        }
      if (p->missing)
        g_string_append_printf (notes, "%s%s: %s", notes->len ? "\n" : "", p->label,
                                p->missing);
      if (p->car_problem)
        g_string_append_printf (notes, "%s%s: %s", notes->len ? "\n" : "", p->label,
                                p->car_problem);
    }
  if (self->set->paths->len > 0 &&
      ((CcAnaloguePath *) g_ptr_array_index (self->set->paths, 0))->car_is_return)
    g_string_append_printf (notes, "%s%s", notes->len ? "\n" : "",
                            _("^SOX is the market: its returns are plain, not abnormal"));
  else
    g_string_append_printf (notes, "%s%s", notes->len ? "\n" : "",
                            _("CAR: cumulative abnormal return against ^SOX (market model, "
                              "days -250 to -11)"));
  gtk_label_set_text (self->notes, notes->str);
}

static void
recompute (CcCompareWindow *self)
{
  g_autoptr(GArray) dates = g_array_new (FALSE, FALSE, sizeof (CcDate));
  g_autoptr(GError) error = NULL;
  CcAnalogueWindow window = { CC_ANALOGUE_DEFAULT_FIRST, CC_ANALOGUE_DEFAULT_LAST };
  guint end = gtk_drop_down_get_selected (self->window_dropdown);
  CcSeries *sox = cc_dataset_get_series (self->dataset, CC_SYMBOL_SOX);

  if (self->updating)
    return;
  if (end < G_N_ELEMENTS (window_ends))
    window.last = window_ends[end];
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->event_list)); row;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = g_object_get_data (G_OBJECT (row), "cc-check");

      if (check && gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        {
          CcDate date = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "cc-date"));

          g_array_append_val (dates, date);
        }
    }

  g_clear_pointer (&self->set, cc_analogue_set_free);
  self->set = cc_analogue_set_new (self->dataset, current_item (self), (CcDate *) dates->data,
                                   dates->len, &window, CC_DATE_INVALID, &error);

  g_clear_pointer (&self->cycles, g_ptr_array_unref);
  if (sox)
    self->cycles = cc_analogue_cycles (sox, cc_dataset_get_sox_monthly (self->dataset),
                                       CC_DATE_INVALID, 250);
  self->current_estimated = FALSE;
  for (guint i = 0; self->cycles && i < self->cycles->len; i++)
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
  /* An event outside the item's data: no chart and no table, and the reason where the notes
   * go. */
  rebuild_table (self);
  if (self->set == NULL)
    gtk_label_set_text (self->notes, error->message);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));
}

static void
changed_cb (CcCompareWindow *self)
{
  gtk_widget_set_visible (self->table_box, !gtk_toggle_button_get_active (self->cycles_button));
  recompute (self);
}

static void
row_selected_cb (CcCompareWindow *self,
                 GtkListBoxRow   *row,
                 GtkListBox      *list)
{
  if (row == NULL)
    return;
  self->selected = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "cc-date"));
  if (self->set)
    rebuild_table (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));
}

/* The events an item can be lined up on: day-precision, not hidden, inside its data. */
static void
populate_events (CcCompareWindow *self,
                 const char      *selected_event_id)
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
events_changed_cb (CcCompareWindow *self)
{
  populate_events (self, NULL);
  recompute (self);
}

static void
cc_compare_window_dispose (GObject *object)
{
  CcCompareWindow *self = CC_COMPARE_WINDOW (object);

  g_clear_object (&self->dataset);
  g_clear_pointer (&self->set, cc_analogue_set_free);
  g_clear_pointer (&self->cycles, g_ptr_array_unref);
  g_clear_pointer (&self->item_ids, g_ptr_array_unref);
  G_OBJECT_CLASS (cc_compare_window_parent_class)->dispose (object);
}

static void
cc_compare_window_class_init (CcCompareWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cc_compare_window_dispose;
}

static void
cc_compare_window_init (CcCompareWindow *self)
{
  GtkWidget *content, *header, *body, *sidebar, *scroller, *main_box, *table_scroller;
  const char * const ends[] = { "t+60", "t+120", "t+250", NULL };

  self->selected = CC_DATE_INVALID;
  self->item_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_window_set_title (GTK_WINDOW (self), _("Compare Events"));
  gtk_window_set_default_size (GTK_WINDOW (self), 1200, 800);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  self->cycles_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("_Cycles")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->cycles_button),
                               _("The ^SOX declines of 2000–02, 2007–09 and 2021–22 and the "
                                 "current one, aligned at their peaks"));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->cycles_button));
  gtk_box_append (GTK_BOX (content), header);

  body = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_vexpand (body, TRUE);
  sidebar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_size_request (sidebar, 280, -1);
  gtk_widget_set_margin_start (sidebar, 12);
  gtk_widget_set_margin_end (sidebar, 12);
  gtk_widget_set_margin_top (sidebar, 12);
  gtk_widget_set_margin_bottom (sidebar, 12);
  self->item_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->item_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Item"), -1);
  gtk_box_append (GTK_BOX (sidebar), GTK_WIDGET (self->item_dropdown));
  self->window_dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (ends));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->window_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Window end"), -1);
  gtk_box_append (GTK_BOX (sidebar), GTK_WIDGET (self->window_dropdown));
  self->event_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->event_list), "boxed-list");
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->event_list));
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (sidebar), scroller);
  gtk_box_append (GTK_BOX (body), sidebar);

  main_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_hexpand (main_box, TRUE);
  self->chart = GTK_DRAWING_AREA (gtk_drawing_area_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->chart), TRUE);
  gtk_drawing_area_set_draw_func (self->chart, draw_cb, self, NULL);
  gtk_box_append (GTK_BOX (main_box), GTK_WIDGET (self->chart));
  self->table_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  self->table = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (self->table, 4);
  table_scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (table_scroller),
                                 GTK_WIDGET (self->table));
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (table_scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (table_scroller), 220);
  gtk_box_append (GTK_BOX (self->table_box), table_scroller);
  self->notes = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->notes, 0);
  gtk_label_set_wrap (self->notes, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->notes), "dim-label");
  gtk_box_append (GTK_BOX (self->table_box), GTK_WIDGET (self->notes));
  gtk_widget_set_margin_start (self->table_box, 6);
  gtk_widget_set_margin_end (self->table_box, 12);
  gtk_widget_set_margin_bottom (self->table_box, 12);
  gtk_box_append (GTK_BOX (main_box), self->table_box);
  gtk_box_append (GTK_BOX (body), main_box);
  gtk_box_append (GTK_BOX (content), body);
  adw_window_set_content (ADW_WINDOW (self), content);

  g_signal_connect_object (self->event_list, "row-selected", G_CALLBACK (row_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cycles_button, "toggled", G_CALLBACK (changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
}

CcCompareWindow *
cc_compare_window_new (CcDataset  *dataset,
                       const char *item,
                       const char *selected_event_id)
{
  CcCompareWindow *self;
  g_autoptr(GPtrArray) symbols = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = 0;

  g_return_val_if_fail (CC_IS_DATASET (dataset), NULL);

  self = g_object_new (CC_TYPE_COMPARE_WINDOW, NULL);
  self->dataset = g_object_ref (dataset);
  self->updating = TRUE;
  symbols = cc_dataset_list_symbols (dataset);
  for (guint i = 0; i < symbols->len; i++)
    {
      g_ptr_array_add (self->item_ids, g_strdup (g_ptr_array_index (symbols, i)));
      gtk_string_list_append (labels, g_ptr_array_index (symbols, i));
    }
  for (guint i = 0; cc_analysis_basket_groups[i]; i++)
    {
      g_autofree char *label = cc_group_basket_label (cc_analysis_basket_groups[i]);

      g_ptr_array_add (self->item_ids, g_strconcat ("basket:", cc_analysis_basket_groups[i],
                                                    NULL));
      gtk_string_list_append (labels, label);
    }
  for (guint i = 0; i < self->item_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->item_ids, i), item ? item : CC_SYMBOL_SOX) == 0)
      selected = i;
  gtk_drop_down_set_model (self->item_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->item_dropdown, selected);
  self->updating = FALSE;
  populate_events (self, selected_event_id);

  g_signal_connect_object (self->item_dropdown, "notify::selected", G_CALLBACK (changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->window_dropdown, "notify::selected", G_CALLBACK (changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dataset, "events-changed", G_CALLBACK (events_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dataset, "series-changed", G_CALLBACK (changed_cb), self,
                           G_CONNECT_SWAPPED);
  recompute (self);
  return self;
}

void
cc_compare_window_set_events (CcCompareWindow *self,
                              const CcDate    *dates,
                              guint            n_dates)
{
  g_return_if_fail (CC_IS_COMPARE_WINDOW (self));

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
cc_compare_window_set_item (CcCompareWindow *self,
                            const char      *item)
{
  g_return_if_fail (CC_IS_COMPARE_WINDOW (self));

  for (guint i = 0; i < self->item_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->item_ids, i), item) == 0)
      gtk_drop_down_set_selected (self->item_dropdown, i);
}

GPtrArray *
cc_compare_window_get_table (CcCompareWindow *self)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_return_val_if_fail (CC_IS_COMPARE_WINDOW (self), rows);

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
