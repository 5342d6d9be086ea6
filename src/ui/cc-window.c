/* cc-window.c: the main window: symbols and events on the left, the chart in the middle, the
 * analysis on the right.
 *
 * The window owns one CcChart and keeps it, the sidebar toggles and the settings in step: every
 * change goes through a property or an action, and _update_actions() decides what is enabled.
 */
#define G_LOG_DOMAIN "cc-window"

#include "config.h"

#include <glib/gi18n.h>
#include <cairo-pdf.h>
#include <errno.h>
#include <math.h>

#include "cc-application-private.h"
#include "cc-application.h"
#include "cc-chart-private.h"
#include "cc-chart-view.h"
#include "cc-chart.h"
#include "cc-csv.h"
#include "cc-event-dialog.h"
#include "cc-export-dialog.h"
#include "cc-rebase.h"
#include "cc-report.h"
#include "cc-side-panel.h"
#include "cc-window-private.h"
#include "cc-window.h"

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
  GtkBox               *panel_box;
  GtkStack             *panel_stack;
  CcSidePanel          *side_panel;
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
  gboolean              log_scale;
  gboolean              refreshing;
  GCancellable         *refresh_cancellable;
  GPtrArray            *refresh_failures;  /* char*: symbols that failed in this refresh */
  /* Set while the window itself changes toggles, so their callbacks do not echo back. */
  guint                 updating;
};

enum {
  PROP_0,
  PROP_MODE,
  PROP_LOG_SCALE,
  PROP_RANGE,
  PROP_SIDEBAR_VISIBLE,
  PROP_PANEL_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CcWindow, cc_window, ADW_TYPE_APPLICATION_WINDOW)

static const struct {
  const char *id;
  const char *label;        /* on the button */
  const char *description;  /* tooltip and accessible name */
} range_presets[] = {
  { "1m", N_("1M"), N_("Last month") },
  { "3m", N_("3M"), N_("Last three months") },
  { "6m", N_("6M"), N_("Last six months") },
  { "ytd", N_("YTD"), N_("Year to date") },
  { "1y", N_("1Y"), N_("Last year") },
  { "5y", N_("5Y"), N_("Last five years") },
  { "max", N_("Max"), N_("All data") },
  { "event", N_("Event"), N_("Event window: 20 trading days before the event to 60 after") },
};

static void update_actions (CcWindow *self);
static void update_chart_items (CcWindow *self);

/* Helpers */

void
_cc_window_show_toast (CcWindow   *self,
                       const char *text)
{
  /* libadwaita 1.2 toast titles are markup: escape what we did not write. */
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_error_toast (CcWindow   *self,
                  const char *what,
                  GError     *error)
{
  g_autofree char *text = g_strdup_printf ("%s: %s", what, error->message);

  _cc_window_show_toast (self, text);
}

static gboolean
item_is_basket (const char *item)
{
  return g_str_has_prefix (item, CC_CHART_BASKET_PREFIX);
}

/* The colour the chart gives @item in the current theme, for the sidebar swatches. It follows
 * the chart's own rule: a basket takes its group's hue, a member a shade by its place in the
 * group. */
static void
get_item_color (CcWindow   *self,
                const char *item,
                GdkRGBA    *rgba)
{
  CcChartStyle style;
  CcCatalogue *catalogue = cc_dataset_get_catalogue (self->dataset);
  const char *group_id = CC_GROUP_USER;
  int member_index = -1;
  CcRgba color;

  _cc_chart_style_init (&style, cc_chart_get_theme (self->chart));

  if (item_is_basket (item))
    group_id = item + strlen (CC_CHART_BASKET_PREFIX);
  else
    {
      CcSymbol *symbol = cc_catalogue_lookup (catalogue, item);
      g_autofree const char **tickers = NULL;

      if (symbol != NULL)
        group_id = cc_symbol_get_group_id (symbol);
      tickers = cc_catalogue_get_group_tickers (catalogue, group_id);
      member_index = 0;
      for (guint i = 0; tickers != NULL && tickers[i] != NULL; i++)
        if (g_strcmp0 (tickers[i], item) == 0)
          member_index = i;
    }

  color = _cc_chart_style_series_color (&style, group_id, member_index);
  rgba->red = color.red;
  rgba->green = color.green;
  rgba->blue = color.blue;
  rgba->alpha = 1;
}

static void
swatch_draw_cb (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  CcWindow *self = CC_WINDOW (gtk_widget_get_root (GTK_WIDGET (area)));
  const char *item = user_data;
  GdkRGBA rgba;
  double size = MIN (width, height);

  if (self == NULL || self->chart == NULL)
    return;

  get_item_color (self, item, &rgba);
  gdk_cairo_set_source_rgba (cr, &rgba);
  if (item_is_basket (item))
    {
      /* Baskets are drawn thicker on the chart: a square tells them apart here. */
      cairo_rectangle (cr, (width - size) / 2 + 1, (height - size) / 2 + 1, size - 2, size - 2);
    }
  else
    cairo_arc (cr, width / 2.0, height / 2.0, size / 2.0 - 1, 0, 2 * G_PI);
  cairo_fill (cr);
}

static GtkWidget *
swatch_new (const char *item)
{
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 12);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 12);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), swatch_draw_cb, g_strdup (item),
                                  g_free);
  return area;
}

/* Items */

static gboolean
items_contain (CcWindow   *self,
               const char *item)
{
  for (guint i = 0; i < self->items->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->items, i), item) == 0)
      return TRUE;
  return FALSE;
}

static void
set_item_visible (CcWindow   *self,
                  const char *item,
                  gboolean    visible)
{
  if (visible == items_contain (self, item))
    return;

  if (visible)
    g_ptr_array_add (self->items, g_strdup (item));
  else
    for (guint i = 0; i < self->items->len; i++)
      if (g_strcmp0 (g_ptr_array_index (self->items, i), item) == 0)
        {
          g_ptr_array_remove_index (self->items, i);
          break;
        }

  update_chart_items (self);
}

static void
sync_item_toggles (CcWindow *self)
{
  GHashTableIter iter;
  gpointer key, value;

  self->updating++;
  g_hash_table_iter_init (&iter, self->item_toggles);
  while (g_hash_table_iter_next (&iter, &key, &value))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (value), items_contain (self, key));
  self->updating--;
}

static void
update_badges (CcWindow *self)
{
  gboolean reconstructed = FALSE;
  gboolean stale = FALSE;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  CcCatalogue *catalogue = cc_dataset_get_catalogue (self->dataset);
  g_autoptr(GString) stale_names = g_string_new (NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      const char *item = g_ptr_array_index (self->items, i);
      g_autofree const char **members = NULL;
      const char *single[2] = { item, NULL };
      const char **symbols = single;

      if (item_is_basket (item))
        {
          members = cc_catalogue_get_group_tickers (catalogue,
                                                    item + strlen (CC_CHART_BASKET_PREFIX));
          symbols = members;
        }

      for (guint j = 0; symbols != NULL && symbols[j] != NULL; j++)
        {
          CcSeries *series = cc_dataset_get_series (self->dataset, symbols[j]);
          gint64 fetched;

          if (series == NULL)
            continue;
          if (cc_series_has_provenance (series, CC_PROVENANCE_RECONSTRUCTED,
                                        CC_DATE_INVALID + 1, G_MAXINT32))
            reconstructed = TRUE;
          fetched = cc_series_get_fetched_at (series);
          /* Live data older than four days has missed at least one trading session. */
          if (cc_series_get_origin (series) != CC_ORIGIN_BUNDLED && fetched > 0 &&
              now - fetched > 4 * 24 * 3600)
            {
              stale = TRUE;
              if (stale_names->len > 0)
                g_string_append (stale_names, ", ");
              g_string_append (stale_names, symbols[j]);
            }
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->reconstructed_badge), reconstructed);
  gtk_widget_set_visible (GTK_WIDGET (self->stale_badge), stale);
  if (stale)
    {
      g_autofree char *tip = g_strdup_printf (_("Not refreshed for more than four days: %s"),
                                              stale_names->str);

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->stale_badge), tip);
    }
}

static void
update_changes_list (CcWindow *self)
{
  GtkWidget *child;
  CcDate from, to;
  g_autoptr(GArray) values = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->changes_list))) != NULL)
    gtk_list_box_remove (self->changes_list, child);

  if (self->items->len == 0 || !cc_chart_get_data_range (self->chart, &from, &to))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->changes_list), FALSE);
      return;
    }

  {
    CcDate range_from, range_to;

    cc_chart_get_range (self->chart, &range_from, &range_to);
    if (range_to != CC_DATE_INVALID && range_to < to)
      to = range_to;
  }

  values = cc_chart_get_values_at (self->chart, cc_calendar_trading_day_on_or_before (to));
  gtk_widget_set_visible (GTK_WIDGET (self->changes_list), values != NULL && values->len > 0);
  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      CcChartValue *value = &g_array_index (values, CcChartValue, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label = gtk_label_new (value->has_value ? value->text : "—");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), value->label);
      if (value->provenance != CC_PROVENANCE_OBSERVED)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                     cc_provenance_get_label (value->provenance));
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), swatch_new (value->item));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_list_box_append (self->changes_list, row);
    }
}

static void
update_event_card (CcWindow *self)
{
  CcEvent *event = cc_chart_get_event (self->chart);
  g_autofree char *when = NULL;
  g_autofree char *base = NULL;
  g_autofree char *base_text = NULL;
  g_autofree char *source = NULL;
  g_autoptr(GDateTime) base_dt = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->event_card), event != NULL);
  if (event == NULL)
    {
      gtk_label_set_text (self->base_label, "");
      return;
    }

  when = cc_event_format_when (event);
  gtk_label_set_text (self->event_when_label, when);
  gtk_label_set_text (self->event_title_label, cc_event_get_title (event));
  gtk_label_set_text (self->event_description_label, cc_event_get_description (event));
  gtk_widget_set_visible (GTK_WIDGET (self->event_description_label),
                          cc_event_get_description (event) != NULL &&
                          *cc_event_get_description (event) != '\0');
  source = g_strdup_printf (_("%s · Source: %s"),
                            cc_event_category_get_label (cc_event_get_category (event)),
                            cc_event_get_source (event) ? cc_event_get_source (event) : "—");
  gtk_label_set_text (self->event_source_label, source);

  base_dt = cc_date_to_date_time (cc_chart_get_base_date (self->chart));
  /* Translators: a date format for the rebasing note, e.g. "30 Jun 2026". */
  base = g_date_time_format (base_dt, _("%-d %b %Y"));
  if (cc_chart_get_mode (self->chart) == CC_CHART_MODE_PRICE)
    /* Translators: %s is an event title; prices are not rebased. */
    base_text = g_strdup_printf (_("Closing prices around “%s”"), cc_event_get_title (event));
  else
    /* Translators: the first %s is a date, the second an event title. */
    base_text = g_strdup_printf (_("Rebased to the close of %s, before “%s”"), base,
                                 cc_event_get_title (event));
  gtk_label_set_text (self->base_label, base_text);
}

static void
update_side_panel (CcWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) items = NULL;

  for (guint i = 0; i < self->items->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->items, i));
  items = g_strv_builder_end (builder);

  if (cc_side_panel_get_dataset (self->side_panel) != self->dataset)
    cc_side_panel_set_dataset (self->side_panel, self->dataset);
  cc_side_panel_set_event (self->side_panel, cc_chart_get_event (self->chart));
  /* With nothing ticked the panel analyses everything rather than nothing. */
  cc_side_panel_set_items (self->side_panel,
                           self->items->len > 0 ? (const char * const *) items : NULL);
}

static void
update_view (CcWindow *self)
{
  update_side_panel (self);
  gtk_stack_set_visible_child_name (self->chart_stack, self->items->len > 0 ? "chart" : "empty");
  update_badges (self);
  update_event_card (self);
  update_changes_list (self);
  update_actions (self);
}

static void
update_chart_items (CcWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) items = NULL;

  for (guint i = 0; i < self->items->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->items, i));
  items = g_strv_builder_end (builder);

  cc_chart_set_items (self->chart, (const char * const *) items);
  g_settings_set_strv (self->settings, "items", (const char * const *) items);
  sync_item_toggles (self);
  update_view (self);
}

static void
item_toggled_cb (CcWindow       *self,
                 GtkCheckButton *button)
{
  const char *item = g_object_get_data (G_OBJECT (button), "cc-item");

  if (self->updating)
    return;

  set_item_visible (self, item, gtk_check_button_get_active (button));
}

/* Sidebar: the catalogue by group */

static GtkWidget *
symbol_row_new (CcWindow   *self,
                const char *item,
                const char *title,
                const char *subtitle,
                gboolean    basket)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title_label = gtk_label_new (title);
  g_autofree char *accessible = NULL;

  gtk_widget_set_margin_start (box, 2);
  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), swatch_new (item));

  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title_label), PANGO_ELLIPSIZE_END);
  if (!basket)
    gtk_widget_add_css_class (title_label, "cc-ticker");
  gtk_box_append (GTK_BOX (labels), title_label);
  if (subtitle != NULL && *subtitle != '\0')
    {
      GtkWidget *subtitle_label = gtk_label_new (subtitle);

      gtk_label_set_xalign (GTK_LABEL (subtitle_label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (subtitle_label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (subtitle_label, "caption");
      gtk_widget_add_css_class (subtitle_label, "dim-label");
      gtk_box_append (GTK_BOX (labels), subtitle_label);
    }
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (box), labels);

  accessible = subtitle && *subtitle ? g_strdup_printf ("%s, %s", title, subtitle)
                                     : g_strdup (title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  g_object_set_data_full (G_OBJECT (check), "cc-item", g_strdup (item), g_free);
  g_object_set_data_full (G_OBJECT (row), "cc-search",
                          g_utf8_casefold (accessible, -1), g_free);
  g_object_set_data_full (G_OBJECT (row), "cc-group",
                          g_strdup (g_object_get_data (G_OBJECT (self->symbol_list),
                                                       "cc-current-group")), g_free);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), items_contain (self, item));
  g_signal_connect_object (check, "toggled", G_CALLBACK (item_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  g_hash_table_insert (self->item_toggles, g_strdup (item), check);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  /* Activating the row (click, Enter) toggles its check button. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "cc-check", check);
  if (basket)
    gtk_widget_add_css_class (row, "cc-basket-row");

  return row;
}

static void
symbol_row_activated_cb (CcWindow      *self,
                         GtkListBoxRow *row,
                         GtkListBox    *list)
{
  GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "cc-check");

  if (check != NULL)
    gtk_check_button_set_active (check, !gtk_check_button_get_active (check));
}

static void
symbol_header_func (GtkListBoxRow *row,
                    GtkListBoxRow *before,
                    gpointer       user_data)
{
  const char *group = g_object_get_data (G_OBJECT (row), "cc-group");
  const char *before_group = before ? g_object_get_data (G_OBJECT (before), "cc-group") : NULL;
  GtkWidget *header;

  if (g_strcmp0 (group, before_group) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_label_new (cc_catalogue_group_get_label (group));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "cc-group-header");
  gtk_list_box_row_set_header (row, header);
}

static gboolean
symbol_filter_func (GtkListBoxRow *row,
                    gpointer       user_data)
{
  CcWindow *self = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *needle = NULL;
  const char *haystack;

  if (text == NULL || *text == '\0')
    return TRUE;

  needle = g_utf8_casefold (text, -1);
  haystack = g_object_get_data (G_OBJECT (row), "cc-search");
  return haystack != NULL && strstr (haystack, needle) != NULL;
}

static void
search_changed_cb (CcWindow       *self,
                   GtkSearchEntry *entry)
{
  gtk_list_box_invalidate_filter (self->symbol_list);
}

static void
populate_symbols (CcWindow *self)
{
  CcCatalogue *catalogue = cc_dataset_get_catalogue (self->dataset);
  GtkWidget *child;
  guint n_groups = cc_catalogue_get_n_groups ();

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->symbol_list))) != NULL)
    gtk_list_box_remove (self->symbol_list, child);
  g_hash_table_remove_all (self->item_toggles);

  self->updating++;
  /* The groups in display order; the user's own group comes last and only when it has any. */
  for (guint g = 0; g < n_groups; g++)
    {
      const char *group_id = cc_catalogue_get_group_id (g);
      g_autofree const char **tickers = cc_catalogue_get_group_tickers (catalogue, group_id);
      guint n_tickers = tickers ? g_strv_length ((char **) tickers) : 0;

      if (n_tickers == 0)
        continue;

      g_object_set_data_full (G_OBJECT (self->symbol_list), "cc-current-group",
                              g_strdup (group_id), g_free);

      /* A basket only makes sense for a group of several members. */
      if (n_tickers > 1 && g_strcmp0 (group_id, CC_GROUP_USER) != 0)
        {
          g_autofree char *item = g_strconcat (CC_CHART_BASKET_PREFIX, group_id, NULL);
          g_autofree char *title = g_strdup_printf (_("%s basket"),
                                                    cc_catalogue_group_get_label (group_id));

          gtk_list_box_append (self->symbol_list,
                               symbol_row_new (self, item, title, _("Equal weight"), TRUE));
        }

      for (guint i = 0; i < n_tickers; i++)
        {
          CcSymbol *symbol = cc_catalogue_lookup (catalogue, tickers[i]);

          gtk_list_box_append (self->symbol_list,
                               symbol_row_new (self, tickers[i], tickers[i],
                                               symbol ? cc_symbol_get_name (symbol) : NULL,
                                               FALSE));
        }
    }
  self->updating--;
}

/* Events */

static int
event_category_filter (CcWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->category_dropdown);

  /* Position 0 is "All categories". */
  if (selected == GTK_INVALID_LIST_POSITION || selected == 0)
    return -1;
  return (int) selected - 1;
}

static GtkWidget *
event_row_new (CcWindow *self,
               CcEvent  *event)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (cc_event_get_title (event));
  g_autofree char *when = cc_event_format_when (event);
  g_autofree char *meta = g_strdup_printf ("%s · %s", when,
                                           cc_event_category_get_label (
                                             cc_event_get_category (event)));
  GtkWidget *meta_label = gtk_label_new (meta);

  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (meta_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (meta_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (meta_label, "caption");
  gtk_widget_add_css_class (meta_label, "dim-label");
  gtk_box_append (GTK_BOX (box), meta_label);
  gtk_box_append (GTK_BOX (box), title);
  if (cc_event_get_description (event) != NULL)
    gtk_widget_set_tooltip_text (row, cc_event_get_description (event));

  if (cc_event_get_user (event))
    {
      GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
      GtkWidget *delete = gtk_button_new_from_icon_name ("user-trash-symbolic");
      /* Translators: %s is an event title. */
      g_autofree char *edit_label = g_strdup_printf (_("Edit “%s”"), cc_event_get_title (event));
      g_autofree char *delete_label = g_strdup_printf (_("Delete “%s”"),
                                                       cc_event_get_title (event));

      gtk_widget_set_hexpand (box, TRUE);
      gtk_box_append (GTK_BOX (outer), box);
      for (guint i = 0; i < 2; i++)
        {
          GtkWidget *button = i == 0 ? edit : delete;

          gtk_widget_add_css_class (button, "flat");
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button),
                                          i == 0 ? "win.edit-event" : "win.delete-event");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s",
                                            cc_event_get_id (event));
          gtk_widget_set_tooltip_text (button, i == 0 ? edit_label : delete_label);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          i == 0 ? edit_label : delete_label,
                                          -1);
          gtk_box_append (GTK_BOX (outer), button);
        }
      box = outer;
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "cc-event", g_object_ref (event), g_object_unref);
  return row;
}

static void
populate_events (CcWindow *self)
{
  GPtrArray *events = cc_dataset_get_events (self->dataset);
  CcEvent *selected = cc_chart_get_event (self->chart);
  int category = event_category_filter (self);
  GtkWidget *child;
  guint n_rows = 0;

  self->updating++;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->event_list))) != NULL)
    gtk_list_box_remove (self->event_list, child);

  /* Newest first: the recent events are the ones people look for. */
  for (guint i = events ? events->len : 0; i > 0; i--)
    {
      CcEvent *event = g_ptr_array_index (events, i - 1);
      GtkWidget *row;

      if (cc_event_get_hidden (event))
        continue;
      if (category >= 0 && (int) cc_event_get_category (event) != category)
        continue;

      row = event_row_new (self, event);
      gtk_list_box_append (self->event_list, row);
      n_rows++;
      if (event == selected)
        gtk_list_box_select_row (self->event_list, GTK_LIST_BOX_ROW (row));
    }
  gtk_stack_set_visible_child_name (self->event_stack, n_rows > 0 ? "list" : "empty");
  self->updating--;
}

static void
category_changed_cb (CcWindow    *self,
                     GParamSpec  *pspec,
                     GtkDropDown *dropdown)
{
  int category = event_category_filter (self);

  g_settings_set_string (self->settings, "event-category",
                         category < 0 ? "all" : cc_event_category_to_string (category));
  populate_events (self);
}

static void apply_range (CcWindow *self);

static gboolean
repopulate_events_idle (gpointer user_data)
{
  CcWindow *self = user_data;

  /* The window may have been closed meanwhile. */
  if (self->dataset != NULL && self->event_list != NULL)
    populate_events (self);
  return G_SOURCE_REMOVE;
}

static void
select_event (CcWindow *self,
              CcEvent  *event,
              gboolean  focus)
{
  CcDate first, last, event_first, event_last;

  if (event == NULL)
    return;

  /* Rebasing needs a close before the event: for an event outside the loaded daily data
   * (the 2000 and 2008 cycles) say so rather than draw an empty chart. */
  cc_event_get_span (event, &event_first, &event_last);
  if (cc_chart_get_data_range (self->chart, &first, &last) &&
      (event_first <= first || event_first > last))
    {
      g_autoptr(GDateTime) first_dt = cc_date_to_date_time (first);
      g_autoptr(GDateTime) last_dt = cc_date_to_date_time (last);
      g_autofree char *when = cc_event_format_when (event);
      g_autofree char *from_text = g_date_time_format (first_dt, _("%-d %b %Y"));
      g_autofree char *to_text = g_date_time_format (last_dt, _("%-d %b %Y"));
      /* Translators: an event title, its date, then the first and last day of the data. */
      g_autofree char *text = g_strdup_printf (_("No daily prices around “%s” (%s): the data "
                                                 "shown covers %s to %s"),
                                               cc_event_get_title (event), when, from_text,
                                               to_text);

      _cc_window_show_toast (self, text);
      /* Keep the list on the event the chart shows (once the list is done selecting). */
      g_idle_add_full (G_PRIORITY_DEFAULT, repopulate_events_idle, g_object_ref (self),
                       g_object_unref);
      return;
    }

  cc_chart_set_event (self->chart, event);
  g_settings_set_string (self->settings, "selected-event", cc_event_get_id (event));

  /* Focusing the chart on the event means its window: t-20 .. t+60. */
  if (focus)
    g_object_set (self, "range", "event", NULL);
  /* Also when the range already was the event window: it moves to the new event. */
  apply_range (self);

  update_view (self);
}

static void
event_row_selected_cb (CcWindow      *self,
                       GtkListBoxRow *row,
                       GtkListBox    *list)
{
  if (self->updating || row == NULL)
    return;

  select_event (self, g_object_get_data (G_OBJECT (row), "cc-event"), TRUE);
}

gboolean
_cc_window_select_event (CcWindow   *self,
                         const char *event_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->event_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      CcEvent *event = g_object_get_data (G_OBJECT (child), "cc-event");

      if (event != NULL && g_strcmp0 (cc_event_get_id (event), event_id) == 0)
        {
          gtk_list_box_select_row (self->event_list, GTK_LIST_BOX_ROW (child));
          return TRUE;
        }
    }
  return FALSE;
}

static void
chart_view_event_activated_cb (CcWindow    *self,
                               CcEvent     *event,
                               CcChartView *view)
{
  self->updating++;
  select_event (self, event, FALSE);
  populate_events (self);
  self->updating--;
}

static void
remember_hidden (CcWindow   *self,
                 const char *item)
{
  for (guint i = 0; i < self->legend_hidden->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->legend_hidden, i), item) == 0)
      return;
  g_ptr_array_add (self->legend_hidden, g_strdup (item));
}

static void
legend_toggle_cb (CcWindow       *self,
                  GtkCheckButton *check)
{
  const char *item = g_object_get_data (G_OBJECT (check), "cc-item");
  gboolean active = gtk_check_button_get_active (check);

  if (!active)
    remember_hidden (self, item);
  set_item_visible (self, item, active);
}

/* The legend's series, and those hidden from it this session, to show or hide. */
static void
chart_view_legend_activated_cb (CcWindow    *self,
                                double       x,
                                double       y,
                                CcChartView *view)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *heading = gtk_label_new (_("Show on the Chart"));
  g_autoptr(GPtrArray) listed = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_set_margin_bottom (heading, 4);
  gtk_box_append (GTK_BOX (box), heading);

  for (guint i = 0; i < self->items->len; i++)
    g_ptr_array_add (listed, g_strdup (g_ptr_array_index (self->items, i)));
  for (guint i = 0; i < self->legend_hidden->len; i++)
    if (!items_contain (self, g_ptr_array_index (self->legend_hidden, i)))
      g_ptr_array_add (listed, g_strdup (g_ptr_array_index (self->legend_hidden, i)));

  for (guint i = 0; i < listed->len; i++)
    {
      const char *item = g_ptr_array_index (listed, i);
      g_autofree char *label = cc_chart_describe_item (self->chart, item);
      GtkWidget *check = gtk_check_button_new_with_label (label);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), items_contain (self, item));
      g_object_set_data_full (G_OBJECT (check), "cc-item", g_strdup (item), g_free);
      g_signal_connect_object (check, "toggled", G_CALLBACK (legend_toggle_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (box), check);
    }

  cc_chart_view_popup (view, box, x, y);
}

static void
chart_view_item_activated_cb (CcWindow    *self,
                              const char  *item,
                              CcChartView *view)
{
  g_autofree char *label = cc_chart_describe_item (self->chart, item);
  g_autofree char *text = NULL;

  remember_hidden (self, item);
  set_item_visible (self, item, FALSE);
  /* Translators: %s is a series, e.g. "MU" or "Memory basket". */
  text = g_strdup_printf (_("%s hidden. Click the legend or tick it in the sidebar to show it "
                            "again."), label);
  _cc_window_show_toast (self, text);
}

/* Range */

static void
apply_range (CcWindow *self)
{
  CcDate first, last, from = CC_DATE_INVALID, to = CC_DATE_INVALID;
  CcChartTimeAxis axis = CC_CHART_AXIS_CALENDAR;
  const char *range = self->range ? self->range : "max";

  if (self->chart == NULL)
    return;

  /* The presets count back from the last bar of what is shown (of any series when nothing is). */
  if (!cc_chart_get_data_range (self->chart, &first, &last))
    {
      cc_chart_set_range (self->chart, CC_DATE_INVALID, CC_DATE_INVALID);
      return;
    }

  if (g_str_equal (range, "1m"))
    from = cc_date_add_months (last, -1);
  else if (g_str_equal (range, "3m"))
    from = cc_date_add_months (last, -3);
  else if (g_str_equal (range, "6m"))
    from = cc_date_add_months (last, -6);
  else if (g_str_equal (range, "ytd"))
    from = cc_date_from_ymd (cc_date_get_year (last), 1, 1);
  else if (g_str_equal (range, "1y"))
    from = cc_date_add_months (last, -12);
  else if (g_str_equal (range, "5y"))
    from = cc_date_add_months (last, -60);
  else if (g_str_equal (range, "event"))
    {
      CcEvent *event = cc_chart_get_event (self->chart);

      if (event != NULL)
        {
          CcDate day = cc_calendar_trading_day_on_or_after (cc_event_get_date (event));

          from = cc_calendar_add_trading_days (day, -20);
          to = cc_calendar_add_trading_days (day, 60);
          axis = CC_CHART_AXIS_TRADING_DAYS;
        }
    }
  else if (g_str_equal (range, "custom"))
    {
      g_autofree char *from_text = g_settings_get_string (self->settings, "range-from");
      g_autofree char *to_text = g_settings_get_string (self->settings, "range-to");

      if (!cc_date_parse_iso (from_text, &from))
        from = CC_DATE_INVALID;
      if (!cc_date_parse_iso (to_text, &to))
        to = CC_DATE_INVALID;
    }

  if (from != CC_DATE_INVALID && from < first)
    from = CC_DATE_INVALID;
  if (to != CC_DATE_INVALID && to > last)
    to = CC_DATE_INVALID;

  cc_chart_set_time_axis (self->chart, axis);
  cc_chart_set_range (self->chart, from, to);
}

static void
update_range_buttons (CcWindow *self)
{
  const char *label = _("Custom Range");

  for (guint i = 0; i < G_N_ELEMENTS (range_presets); i++)
    if (g_strcmp0 (self->range, range_presets[i].id) == 0)
      label = _(range_presets[i].label);
  gtk_menu_button_set_label (self->range_menu_button, label);
}

static void
chart_view_range_changed_cb (CcWindow    *self,
                             CcChartView *view)
{
  CcDate from, to;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;

  /* The user zoomed or panned: remember the exact range as a custom one. */
  cc_chart_get_range (self->chart, &from, &to);
  from_text = from != CC_DATE_INVALID ? cc_date_to_iso (from) : g_strdup ("");
  to_text = to != CC_DATE_INVALID ? cc_date_to_iso (to) : g_strdup ("");
  g_settings_set_string (self->settings, "range-from", from_text);
  g_settings_set_string (self->settings, "range-to", to_text);

  if (g_strcmp0 (self->range, "custom") != 0)
    {
      g_free (self->range);
      self->range = g_strdup ("custom");
      g_settings_set_string (self->settings, "range", "custom");
      update_range_buttons (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RANGE]);
    }
  /* The time axis stays as it was: zooming into the event window keeps t-relative days. */
  update_changes_list (self);
}

static void
chart_view_reset_requested_cb (CcWindow    *self,
                               CcChartView *view)
{
  g_autofree char *range = g_strdup (g_strcmp0 (self->range, "custom") == 0 ? "max"
                                                                              : self->range);

  g_object_set (self, "range", range, NULL);
  apply_range (self);
}

static void
build_range_buttons (CcWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (range_presets); i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (_(range_presets[i].label));

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.range");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", range_presets[i].id);
      gtk_widget_set_tooltip_text (button, _(range_presets[i].description));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(range_presets[i].description),
                                      -1);
      gtk_widget_add_css_class (button, "cc-range-button");
      gtk_box_append (self->range_box, button);
    }
}

/* Theme */

static void
update_theme (CcWindow *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  cc_chart_set_theme (self->chart, adw_style_manager_get_dark (manager) ? CC_CHART_THEME_DARK
                                                                        : CC_CHART_THEME_LIGHT);
  /* The swatches follow the chart's palette. */
  gtk_widget_queue_draw (GTK_WIDGET (self->symbol_list));
  update_changes_list (self);
}

static void
dark_changed_cb (CcWindow        *self,
                 GParamSpec      *pspec,
                 AdwStyleManager *manager)
{
  update_theme (self);
}

/* Export */

gboolean
_cc_window_export_to_path (CcWindow   *self,
                           const char *path,
                           double      width,
                           double      height,
                           double      scale,
                           GError    **error)
{
  CcExportFormat format;

  if (!cc_export_format_from_path (path, &format))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” does not end in .png, .pdf or .svg"), path);
      return FALSE;
    }

  return cc_chart_export (self->chart, path, format, width, height, scale, error);
}

/* The series behind what is shown: each ticker, and every member of each basket. */
static GPtrArray *
collect_visible_series (CcWindow *self)
{
  CcCatalogue *catalogue = cc_dataset_get_catalogue (self->dataset);
  GPtrArray *series = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->items->len; i++)
    {
      const char *item = g_ptr_array_index (self->items, i);
      g_autofree const char **members = NULL;
      const char *single[2] = { item, NULL };
      const char **symbols = single;

      if (item_is_basket (item))
        symbols = members = cc_catalogue_get_group_tickers (catalogue,
                                                            item + strlen (CC_CHART_BASKET_PREFIX));
      for (guint j = 0; symbols != NULL && symbols[j] != NULL; j++)
        {
          CcSeries *s = cc_dataset_get_series (self->dataset, symbols[j]);

          if (s != NULL && g_hash_table_add (seen, (gpointer) symbols[j]))
            g_ptr_array_add (series, g_object_ref (s));
        }
    }
  return series;
}

gboolean
_cc_window_export_csv (CcWindow  *self,
                       GFile     *file,
                       GError   **error)
{
  g_autoptr(GPtrArray) series = collect_visible_series (self);
  CcDate from, to;

  cc_chart_get_range (self->chart, &from, &to);
  return cc_csv_export_file (series, from, to, file, NULL, error);
}

static cairo_status_t
write_stream_cb (void                *user_data,
                 const unsigned char *data,
                 unsigned int         length)
{
  GOutputStream *stream = user_data;

  if (!g_output_stream_write_all (stream, data, length, NULL, NULL, NULL))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

/* A PDF of the chart followed by the side panel's analysis on A4 portrait pages. Written with
 * g_file_replace(): on any failure the close is cancelled, so an older file stays as it was.
 * @report_note gets why the analysis could not be added (the chart page is still written). */
gboolean
_cc_window_export_pdf_with_report (CcWindow  *self,
                                   GFile     *file,
                                   double     width,
                                   double     height,
                                   char     **report_note,
                                   GError   **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) report_error = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) items = NULL;
  CcEvent *event = cc_chart_get_event (self->chart);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    return FALSE;

  for (guint i = 0; i < self->items->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->items, i));
  items = g_strv_builder_end (builder);

  surface = cairo_pdf_surface_create_for_stream (write_stream_cb, stream, width, height);
  cr = cairo_create (surface);
  cc_chart_draw (self->chart, cr, width, height);
  cairo_show_page (cr);
  /* The analysis reads best as a portrait page, whatever the figure's shape. */
  cairo_pdf_surface_set_size (surface, CC_PAGE_A4_HEIGHT, CC_PAGE_A4_WIDTH);
  if (!cc_report_append_analysis (cr, self->dataset,
                                  event ? cc_event_get_date (event) : CC_DATE_INVALID,
                                  CC_DATE_INVALID, (const char * const *) items,
                                  CC_PAGE_A4_HEIGHT, CC_PAGE_A4_WIDTH, &report_error))
    {
      if (report_note != NULL)
        *report_note = g_strdup (report_error->message);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *path = g_file_get_path (file);

      g_cancellable_cancel (cancellable);
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, NULL);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }

  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}

static void
export_requested_cb (CcWindow       *self,
                     GFile          *file,
                     CcExportDialog *dialog)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autoptr(GError) error = NULL;
  CcExportKind kind = cc_export_dialog_get_kind (dialog);
  gboolean ok;

  g_autofree char *report_note = NULL;

  if (kind == CC_EXPORT_KIND_CSV)
    ok = _cc_window_export_csv (self, file, &error);
  else if (kind == CC_EXPORT_KIND_PDF && cc_export_dialog_get_include_panel (dialog))
    {
      double width, height;

      cc_export_dialog_get_size (dialog, &width, &height);
      ok = _cc_window_export_pdf_with_report (self, file, width, height, &report_note, &error);
      gtk_widget_queue_draw (GTK_WIDGET (self->chart_view));
    }
  else
    {
      CcExportFormat format = kind == CC_EXPORT_KIND_PDF ? CC_EXPORT_PDF
                            : kind == CC_EXPORT_KIND_SVG ? CC_EXPORT_SVG
                                                         : CC_EXPORT_PNG;
      double width, height;

      cc_export_dialog_get_size (dialog, &width, &height);
      ok = cc_chart_export (self->chart, path, format, width, height,
                            cc_export_dialog_get_scale (dialog), &error);
      /* Exporting lays the chart out at another size: redraw for the screen. */
      gtk_widget_queue_draw (GTK_WIDGET (self->chart_view));
    }

  if (!ok)
    show_error_toast (self, _("Could not export the chart"), error);
  else if (report_note != NULL)
    {
      /* Translators: %s is a file name, then why the analysis pages are missing. */
      g_autofree char *text = g_strdup_printf (_("Exported “%s” without the analysis: %s"),
                                               basename, report_note);

      _cc_window_show_toast (self, text);
    }
  else
    {
      /* Translators: %s is a file name. */
      g_autofree char *text = g_strdup_printf (_("Exported “%s”"), basename);

      _cc_window_show_toast (self, text);
    }
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CcWindow *self = CC_WINDOW (widget);
  CcExportDialog *dialog;
  double z = cc_chart_view_get_scale (self->chart_view);

  /* "As on screen" is the figure's own size: the view magnifies it by z for legibility. */
  dialog = cc_export_dialog_new (GTK_WINDOW (self), self->settings,
                                 round (gtk_widget_get_width (GTK_WIDGET (self->chart_view)) / z),
                                 round (gtk_widget_get_height (GTK_WIDGET (self->chart_view)) / z));
  if (g_str_equal (action_name, "win.export-csv"))
    {
      g_object_set (dialog, "title", _("Export Data"), NULL);
      cc_export_dialog_set_kind (dialog, CC_EXPORT_KIND_CSV);
    }
  g_signal_connect_object (dialog, "export-requested", G_CALLBACK (export_requested_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* User events */

static gboolean
save_user_events (CcWindow  *self,
                  GError   **error)
{
  GPtrArray *events = cc_dataset_get_events (self->dataset);
  g_autoptr(GPtrArray) mine = g_ptr_array_new ();
  g_autoptr(GFile) file = cc_application_get_user_events_file ();
  g_autoptr(GFile) dir = g_file_get_parent (file);
  g_autofree char *dir_path = g_file_get_path (dir);

  for (guint i = 0; i < events->len; i++)
    if (cc_event_get_user (g_ptr_array_index (events, i)))
      g_ptr_array_add (mine, g_ptr_array_index (events, i));

  if (g_mkdir_with_parents (dir_path, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Could not create “%s”: %s"), dir_path, g_strerror (errsv));
      return FALSE;
    }

  return cc_events_save_file (mine, file, error);
}

static void
store_user_event (CcWindow *self,
                  CcEvent  *event)
{
  CcEvent *old = cc_dataset_find_event (self->dataset, cc_event_get_id (event));
  gboolean was_selected = old != NULL && old == cc_chart_get_event (self->chart);
  g_autoptr(GError) error = NULL;

  if (old != NULL)
    cc_dataset_remove_event (self->dataset, cc_event_get_id (event));
  cc_dataset_add_event (self->dataset, event);
  if (was_selected)
    cc_chart_set_event (self->chart, event);

  if (!save_user_events (self, &error))
    show_error_toast (self, _("Could not save your events"), error);
  populate_events (self);
  update_view (self);
}

static void
event_saved_cb (CcWindow      *self,
                CcEvent       *event,
                CcEventDialog *dialog)
{
  store_user_event (self, event);
}

static void
add_event_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CcWindow *self = CC_WINDOW (widget);
  CcDate from, to;
  CcEventDialog *dialog;

  /* A new event starts on the last day shown, where the news usually is. */
  if (!cc_chart_get_data_range (self->chart, &from, &to))
    to = cc_date_from_ymd (2026, 7, 1);
  dialog = cc_event_dialog_new (GTK_WINDOW (self), NULL, to);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (event_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_event_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  CcWindow *self = CC_WINDOW (widget);
  CcEvent *event = cc_dataset_find_event (self->dataset, g_variant_get_string (param, NULL));
  CcEventDialog *dialog;

  if (event == NULL || !cc_event_get_user (event))
    return;

  dialog = cc_event_dialog_new (GTK_WINDOW (self), event, cc_event_get_date (event));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (event_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_response_cb (CcWindow         *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "cc-event-id");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;

  if (cc_chart_get_event (self->chart) != NULL &&
      g_strcmp0 (cc_event_get_id (cc_chart_get_event (self->chart)), id) == 0)
    {
      cc_chart_set_event (self->chart, cc_dataset_get_default_event (self->dataset));
      g_settings_reset (self->settings, "selected-event");
    }
  cc_dataset_remove_event (self->dataset, id);
  if (!save_user_events (self, &error))
    show_error_toast (self, _("Could not save your events"), error);
  populate_events (self);
  update_view (self);
}

static void
delete_event_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CcWindow *self = CC_WINDOW (widget);
  const char *id = g_variant_get_string (param, NULL);
  CcEvent *event = cc_dataset_find_event (self->dataset, id);
  AdwMessageDialog *dialog;

  if (event == NULL || !cc_event_get_user (event))
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Delete Event?"), NULL));
  /* Translators: %s is an event title. */
  adw_message_dialog_format_body (dialog, _("“%s” will be removed from your events."),
                                  cc_event_get_title (event));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "cc-event-id", g_strdup (id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Imports every event of @file as the user's own. Nothing changes unless the whole file is
 * valid. Returns the number of events added or replaced. */
gboolean
_cc_window_import_events (CcWindow  *self,
                          GFile     *file,
                          guint     *n_imported,
                          GError   **error)
{
  g_autoptr(GPtrArray) events = cc_events_load_file (file, error);

  if (events == NULL)
    return FALSE;

  for (guint i = 0; i < events->len; i++)
    {
      CcEvent *event = g_ptr_array_index (events, i);
      CcEvent *old = cc_dataset_find_event (self->dataset, cc_event_get_id (event));

      /* The curated events stay as shipped: an imported copy of one is skipped. */
      if (old != NULL && !cc_event_get_user (old))
        continue;
      cc_event_set_user (event, TRUE);
      if (old != NULL)
        cc_dataset_remove_event (self->dataset, cc_event_get_id (event));
      cc_dataset_add_event (self->dataset, event);
      (*n_imported)++;
    }

  populate_events (self);
  update_view (self);
  return save_user_events (self, error);
}

static void
import_events_response_cb (CcWindow             *self,
                           int                   response,
                           GtkFileChooserNative *native)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  g_object_unref (native);
  if (file == NULL)
    return;

  if (!_cc_window_import_events (self, file, &n, &error))
    show_error_toast (self, _("Could not import the events"), error);
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Imported %u event",
                                                            "Imported %u events", n), n);

      _cc_window_show_toast (self, text);
    }
}

static GtkFileFilter *
json_filter_new (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Event Sets (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");
  return filter;
}

static void
import_events_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  CcWindow *self = CC_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = json_filter_new ();

  native = gtk_file_chooser_native_new (_("Import Events"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                        _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_signal_connect_object (native, "response", G_CALLBACK (import_events_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* Writes the events listed (the category filter applies) to @file, atomically. */
gboolean
_cc_window_export_events (CcWindow  *self,
                          GFile     *file,
                          GError   **error)
{
  GPtrArray *events = cc_dataset_get_events (self->dataset);
  g_autoptr(GPtrArray) listed = g_ptr_array_new ();
  int category = event_category_filter (self);

  for (guint i = 0; i < events->len; i++)
    {
      CcEvent *event = g_ptr_array_index (events, i);

      if (category < 0 || (int) cc_event_get_category (event) == category)
        g_ptr_array_add (listed, event);
    }
  return cc_events_save_file (listed, file, error);
}

static void
export_events_response_cb (CcWindow             *self,
                           int                   response,
                           GtkFileChooserNative *native)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  g_object_unref (native);
  if (file == NULL)
    return;

  if (!_cc_window_export_events (self, file, &error))
    show_error_toast (self, _("Could not export the events"), error);
  else
    {
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *text = g_strdup_printf (_("Exported “%s”"), basename);

      _cc_window_show_toast (self, text);
    }
}

static void
export_events_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  CcWindow *self = CC_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = json_filter_new ();

  native = gtk_file_chooser_native_new (_("Export Events"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                        _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), "chip-cycle-events.json");
  g_signal_connect_object (native, "response", G_CALLBACK (export_events_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* Actions */

static void
update_actions (CcWindow *self)
{
  gboolean has_items = self->items != NULL && self->items->len > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", has_items);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-csv", has_items);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", !self->refreshing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-refresh", self->refreshing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.default-view", TRUE);
  gtk_stack_set_visible_child_name (self->refresh_stack, self->refreshing ? "busy" : "idle");
  gtk_spinner_set_spinning (self->refresh_spinner, self->refreshing);
}

static void
default_view_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CcWindow *self = CC_WINDOW (widget);
  g_autoptr(GVariant) value = g_settings_get_default_value (self->settings, "items");
  g_autofree const char **items = g_variant_get_strv (value, NULL);

  g_ptr_array_set_size (self->items, 0);
  for (guint i = 0; items[i] != NULL; i++)
    g_ptr_array_add (self->items, g_strdup (items[i]));
  update_chart_items (self);
  apply_range (self);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CcWindow *self = CC_WINDOW (widget);

  g_object_set (self, "sidebar-visible", TRUE, NULL);
  gtk_stack_set_visible_child_name (self->sidebar_stack, "symbols");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CcWindow *self = CC_WINDOW (widget);

  if (g_str_equal (action_name, "win.zoom-in"))
    cc_chart_view_zoom (self->chart_view, 1.25, -1);
  else if (g_str_equal (action_name, "win.zoom-out"))
    cc_chart_view_zoom (self->chart_view, 1 / 1.25, -1);
  else
    cc_chart_view_reset (self->chart_view);
}

static void
refresh_progress_cb (CcWindow    *self,
                     guint        done,
                     guint        total,
                     CcRefresher *refresher)
{
  /* Translators: refresh progress in the header bar, e.g. "3 of 16". */
  g_autofree char *text = g_strdup_printf (_("%u of %u"), done, total);

  /* The window may have been closed while the refresh finishes. */
  if (self->refresh_label != NULL)
    gtk_label_set_text (self->refresh_label, text);
}

static void
refresh_symbol_failed_cb (CcWindow    *self,
                          const char  *symbol,
                          GError      *error,
                          CcRefresher *refresher)
{
  g_ptr_array_add (self->refresh_failures, g_strdup (symbol));
}

static void
refresh_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CcWindow) self = user_data;
  CcRefresher *refresher = CC_REFRESHER (source);
  g_autoptr(GError) error = NULL;
  guint n_updated = 0;
  gboolean ok;

  g_signal_handlers_disconnect_by_data (refresher, self);
  self->refreshing = FALSE;
  g_clear_object (&self->refresh_cancellable);

  ok = cc_refresher_refresh_finish (refresher, result, &n_updated, &error);
  /* Closed meanwhile: the fetched data is in the dataset and the cache, nothing to show. */
  if (self->chart == NULL)
    return;

  if (!ok)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text =
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Refresh stopped: %u symbol updated",
                                          "Refresh stopped: %u symbols updated", n_updated),
                             n_updated);

          _cc_window_show_toast (self, text);
        }
      else
        /* The last good data stays; the error says what went wrong (offline, rate limited…). */
        show_error_toast (self, _("Refresh failed, showing the last good data"), error);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u symbol refreshed",
                                                            "%u symbols refreshed", n_updated),
                                               n_updated);

      _cc_window_show_toast (self, text);
    }

  gtk_label_set_text (self->refresh_label, _("Stop"));
  update_view (self);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  CcWindow *self = CC_WINDOW (widget);
  CcApplication *app = CC_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  CcRefresher *refresher = cc_application_get_refresher (app);
  GListModel *symbols = cc_catalogue_get_symbols (cc_dataset_get_catalogue (self->dataset));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) tickers = NULL;

  if (self->refreshing || cc_refresher_is_running (refresher))
    return;

  /* Everything in the catalogue, so switching series later shows live data too. */
  for (guint i = 0; i < g_list_model_get_n_items (symbols); i++)
    {
      g_autoptr(CcSymbol) symbol = g_list_model_get_item (symbols, i);

      g_strv_builder_add (builder, cc_symbol_get_ticker (symbol));
    }
  tickers = g_strv_builder_end (builder);

  self->refreshing = TRUE;
  self->refresh_cancellable = g_cancellable_new ();
  g_ptr_array_set_size (self->refresh_failures, 0);
  gtk_label_set_text (self->refresh_label, _("Stop"));
  g_signal_connect_object (refresher, "progress", G_CALLBACK (refresh_progress_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (refresher, "symbol-failed", G_CALLBACK (refresh_symbol_failed_cb),
                           self, G_CONNECT_SWAPPED);
  cc_refresher_refresh_async (refresher, self->dataset, (const char * const *) tickers,
                              CC_DATE_INVALID, CC_DATE_INVALID, self->refresh_cancellable,
                              refresh_done_cb, g_object_ref (self));
  update_actions (self);
}

static void
cancel_refresh_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  CcWindow *self = CC_WINDOW (widget);

  if (self->refresh_cancellable != NULL)
    g_cancellable_cancel (self->refresh_cancellable);
}

/* Add a ticker */

static void
add_ticker_response_cb (CcWindow         *self,
                        const char       *response,
                        AdwMessageDialog *dialog)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "cc-entry");
  g_autofree char *ticker = g_strstrip (g_ascii_strup (gtk_editable_get_text (entry), -1));

  if (g_strcmp0 (response, "add") == 0)
    _cc_window_add_ticker (self, ticker);
}

gboolean
_cc_window_add_ticker (CcWindow   *self,
                       const char *ticker)
{
  CcCatalogue *catalogue = cc_dataset_get_catalogue (self->dataset);
  g_autoptr(GError) error = NULL;
  CcSymbol *symbol;
  gboolean known = cc_catalogue_lookup (catalogue, ticker) != NULL;

  symbol = cc_catalogue_add_user_symbol (catalogue, ticker, NULL, &error);
  if (symbol == NULL)
    {
      show_error_toast (self, _("Could not add the ticker"), error);
      return FALSE;
    }

  if (!known)
    {
      g_auto(GStrv) saved = g_settings_get_strv (self->settings, "user-tickers");
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) tickers = NULL;

      g_strv_builder_addv (builder, (const char **) saved);
      g_strv_builder_add (builder, cc_symbol_get_ticker (symbol));
      tickers = g_strv_builder_end (builder);
      g_settings_set_strv (self->settings, "user-tickers", (const char * const *) tickers);
      populate_symbols (self);
    }

  set_item_visible (self, cc_symbol_get_ticker (symbol), TRUE);
  if (cc_dataset_get_series (self->dataset, cc_symbol_get_ticker (symbol)) == NULL)
    {
      /* Translators: %s is a ticker. */
      g_autofree char *text = g_strdup_printf (_("%s added. Refresh to fetch its prices."),
                                               cc_symbol_get_ticker (symbol));

      _cc_window_show_toast (self, text);
    }
  return TRUE;
}

static void
ticker_entry_changed_cb (AdwMessageDialog *dialog,
                         GtkEditable      *entry)
{
  g_autofree char *ticker = g_strstrip (g_ascii_strup (gtk_editable_get_text (entry), -1));

  adw_message_dialog_set_response_enabled (dialog, "add", cc_ticker_is_valid (ticker));
}

static void
ticker_entry_activate_cb (AdwMessageDialog *dialog,
                          GtkEntry         *entry)
{
  if (adw_message_dialog_get_response_enabled (dialog, "add"))
    adw_message_dialog_response (dialog, "add");
}

static void
add_ticker_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  CcWindow *self = CC_WINDOW (widget);
  AdwMessageDialog *dialog;
  GtkWidget *entry = gtk_entry_new ();

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Add Ticker"),
                                                       NULL));
  /* Translators: %s is the name of the user's group of tickers ("My tickers"). */
  adw_message_dialog_format_body (dialog, _("Any symbol the data provider knows, such as ASML "
                                            "or INTC. It joins “%s”; refresh to fetch its "
                                            "prices."),
                                  cc_catalogue_group_get_label (CC_GROUP_USER));
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Ticker"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Ticker"),
                                  -1);
  /* A search that found nothing is probably the ticker the user wants. */
  {
    const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
    g_autofree char *upper = g_ascii_strup (search, -1);

    if (cc_ticker_is_valid (upper))
      gtk_editable_set_text (GTK_EDITABLE (entry), upper);
  }
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "add",
                                           cc_ticker_is_valid (gtk_editable_get_text (
                                             GTK_EDITABLE (entry))));
  adw_message_dialog_set_default_response (dialog, "add");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "cc-entry", entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (ticker_entry_changed_cb), dialog,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (entry, "activate", G_CALLBACK (ticker_entry_activate_cb), dialog,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (add_ticker_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Import a CSV of prices */

gboolean
_cc_window_import_csv (CcWindow  *self,
                       GFile     *file,
                       GError   **error)
{
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) imported = cc_csv_import_file (file, NULL, &notes, error);
  CcCatalogue *catalogue = cc_dataset_get_catalogue (self->dataset);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *text = NULL;

  if (imported == NULL)
    return FALSE;

  for (guint i = 0; i < imported->len; i++)
    {
      CcSeries *series = g_ptr_array_index (imported, i);
      const char *symbol = cc_series_get_symbol (series);

      if (cc_catalogue_lookup (catalogue, symbol) == NULL && !_cc_window_add_ticker (self, symbol))
        continue;
      cc_dataset_set_series (self->dataset, series);
      set_item_visible (self, symbol, TRUE);
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, symbol);
    }

  /* Translators: %s lists the symbols read from a file, e.g. "ASML, INTC". */
  text = g_strdup_printf (_("Imported %s"), names->str);
  if (notes != NULL && notes->len > 0)
    {
      g_autofree char *with_notes = g_strdup_printf ("%s (%s)", text,
                                                     (char *) g_ptr_array_index (notes, 0));

      _cc_window_show_toast (self, with_notes);
    }
  else
    _cc_window_show_toast (self, text);
  return TRUE;
}

static void
import_csv_response_cb (CcWindow             *self,
                        int                   response,
                        GtkFileChooserNative *native)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  g_object_unref (native);
  if (file != NULL && !_cc_window_import_csv (self, file, &error))
    show_error_toast (self, _("Could not import the prices"), error);
}

static void
import_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  CcWindow *self = CC_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Price Files (CSV)"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  native = gtk_file_chooser_native_new (_("Import Prices"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                        _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_signal_connect_object (native, "response", G_CALLBACK (import_csv_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static gboolean
drop_cb (CcWindow      *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = files; l != NULL; l = l->next)
    {
      GFile *file = l->data;
      g_autofree char *basename = g_file_get_basename (file);
      g_autoptr(GError) error = NULL;
      guint n = 0;

      /* A JSON file is an event set, anything else a price file. */
      if (basename != NULL && g_str_has_suffix (basename, ".json"))
        {
          if (!_cc_window_import_events (self, file, &n, &error))
            show_error_toast (self, _("Could not import the events"), error);
        }
      else if (!_cc_window_import_csv (self, file, &error))
        show_error_toast (self, _("Could not import the prices"), error);
    }
  g_slist_free (files);
  return TRUE;
}

static void
dataset_series_changed_cb (CcWindow   *self,
                           const char *symbol,
                           CcDataset  *dataset)
{
  update_view (self);
}

static void
dataset_events_changed_cb (CcWindow  *self,
                           CcDataset *dataset)
{
  populate_events (self);
}

/* Properties */

static CcChartMode
mode_from_string (const char *mode)
{
  if (g_strcmp0 (mode, "indexed") == 0)
    return CC_CHART_MODE_INDEXED;
  if (g_strcmp0 (mode, "price") == 0)
    return CC_CHART_MODE_PRICE;
  return CC_CHART_MODE_PERCENT;
}

static void
cc_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CcWindow *self = CC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MODE:
      g_value_set_string (value, self->mode);
      break;
    case PROP_LOG_SCALE:
      g_value_set_boolean (value, self->log_scale);
      break;
    case PROP_RANGE:
      g_value_set_string (value, self->range);
      break;
    /* The flaps do not exist yet while the template is being built. */
    case PROP_SIDEBAR_VISIBLE:
      g_value_set_boolean (value, self->sidebar_flap != NULL &&
                                  adw_flap_get_reveal_flap (self->sidebar_flap));
      break;
    case PROP_PANEL_VISIBLE:
      g_value_set_boolean (value, self->panel_flap != NULL &&
                                  adw_flap_get_reveal_flap (self->panel_flap));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cc_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CcWindow *self = CC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MODE:
      if (g_strcmp0 (self->mode, g_value_get_string (value)) != 0)
        {
          g_free (self->mode);
          self->mode = g_value_dup_string (value);
          if (self->chart != NULL)
            {
              cc_chart_set_mode (self->chart, mode_from_string (self->mode));
              update_event_card (self);
            }
          if (self->items != NULL)
            update_changes_list (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_LOG_SCALE:
      if (self->log_scale != g_value_get_boolean (value))
        {
          self->log_scale = g_value_get_boolean (value);
          if (self->chart != NULL)
            cc_chart_set_log_scale (self->chart, self->log_scale);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_RANGE:
      if (g_strcmp0 (self->range, g_value_get_string (value)) != 0)
        {
          g_free (self->range);
          self->range = g_value_dup_string (value);
          apply_range (self);
          update_range_buttons (self);
          if (self->items != NULL)
            update_changes_list (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SIDEBAR_VISIBLE:
      adw_flap_set_reveal_flap (self->sidebar_flap, g_value_get_boolean (value));
      break;
    case PROP_PANEL_VISIBLE:
      adw_flap_set_reveal_flap (self->panel_flap, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reveal_changed_cb (CcWindow   *self,
                   GParamSpec *pspec,
                   AdwFlap    *flap)
{
  g_object_notify_by_pspec (G_OBJECT (self),
                            properties[flap == self->sidebar_flap ? PROP_SIDEBAR_VISIBLE
                                                                  : PROP_PANEL_VISIBLE]);
}

/* State */

static void
save_window_state (CcWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  /* A flap the window folded away because it was narrow was not closed by the user. */
  if (!adw_flap_get_folded (self->sidebar_flap))
    g_settings_set_boolean (self->settings, "sidebar-visible",
                            adw_flap_get_reveal_flap (self->sidebar_flap));
  if (!adw_flap_get_folded (self->panel_flap))
    g_settings_set_boolean (self->settings, "panel-visible",
                            adw_flap_get_reveal_flap (self->panel_flap));
}

static gboolean
cc_window_close_request (GtkWindow *window)
{
  save_window_state (CC_WINDOW (window));

  return GTK_WINDOW_CLASS (cc_window_parent_class)->close_request (window);
}

static void
restore_state (CcWindow *self)
{
  g_auto(GStrv) items = g_settings_get_strv (self->settings, "items");
  g_autofree char *event_id = g_settings_get_string (self->settings, "selected-event");
  g_autofree char *category = g_settings_get_string (self->settings, "event-category");
  CcEvent *event = NULL;
  CcEventCategory category_value;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  adw_flap_set_reveal_flap (self->sidebar_flap,
                            g_settings_get_boolean (self->settings, "sidebar-visible"));
  adw_flap_set_reveal_flap (self->panel_flap,
                            g_settings_get_boolean (self->settings, "panel-visible"));

  for (guint i = 0; items[i] != NULL; i++)
    if (!items_contain (self, items[i]))
      g_ptr_array_add (self->items, g_strdup (items[i]));
  cc_chart_set_items (self->chart, (const char * const *) items);

  if (*event_id != '\0')
    event = cc_dataset_find_event (self->dataset, event_id);
  if (event == NULL)
    event = cc_dataset_get_default_event (self->dataset);
  if (event != NULL)
    cc_chart_set_event (self->chart, event);

  if (cc_event_category_from_string (category, &category_value))
    gtk_drop_down_set_selected (self->category_dropdown, category_value + 1);

  g_settings_bind (self->settings, "mode", self, "mode", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "log-scale", self, "log-scale", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "range", self, "range", G_SETTINGS_BIND_DEFAULT);
  /* The binding only sets the property when it differs from the initial NULL. */
  apply_range (self);
  update_range_buttons (self);
}

static void
setup_category_dropdown (CcWindow *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, _("All Categories"));
  for (guint i = 0; i < CC_N_EVENT_CATEGORIES; i++)
    gtk_string_list_append (list, cc_event_category_get_label (i));
  gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->category_dropdown, 0);
}

/* Runs once the application is known (it is set after GObject's constructed()). */
static void
setup_window (CcWindow *self)
{
  CcApplication *app = CC_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autoptr(GError) events_error = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert (CC_IS_APPLICATION (app));

  self->settings = g_object_ref (cc_application_get_settings (app));
  self->dataset = g_object_ref (cc_application_get_dataset (app));
  self->chart = cc_chart_new (self->dataset);
  cc_chart_view_set_chart (self->chart_view, self->chart);

  setup_category_dropdown (self);
  restore_state (self);
  update_theme (self);
  populate_symbols (self);
  populate_events (self);

  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (dark_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->category_dropdown, "notify::selected",
                           G_CALLBACK (category_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dataset, "series-changed",
                           G_CALLBACK (dataset_series_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dataset, "events-changed",
                           G_CALLBACK (dataset_events_changed_cb), self, G_CONNECT_SWAPPED);

  update_view (self);
  /* The toggle buttons follow the flaps from now on; tell them where they start. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDEBAR_VISIBLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PANEL_VISIBLE]);
  g_debug ("Window set up in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);

  events_error = _cc_application_take_user_events_error (app);
  if (events_error != NULL)
    show_error_toast (self, _("Your events could not be read and were kept aside"),
                      events_error);
}

static void
cc_window_dispose (GObject *object)
{
  CcWindow *self = CC_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CC_TYPE_WINDOW);

  if (self->refresh_cancellable != NULL)
    g_cancellable_cancel (self->refresh_cancellable);
  g_clear_object (&self->refresh_cancellable);
  /* A pending refresh keeps this object alive a little longer: nothing may reach it now. */
  if (self->dataset != NULL)
    g_signal_handlers_disconnect_by_data (self->dataset, self);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_object (&self->chart);
  g_clear_object (&self->dataset);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cc_window_parent_class)->dispose (object);
}

static void
cc_window_finalize (GObject *object)
{
  CcWindow *self = CC_WINDOW (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->refresh_failures, g_ptr_array_unref);
  g_clear_pointer (&self->item_toggles, g_hash_table_unref);
  g_clear_pointer (&self->legend_hidden, g_ptr_array_unref);
  g_free (self->mode);
  g_free (self->range);

  G_OBJECT_CLASS (cc_window_parent_class)->finalize (object);
}

static void
cc_window_class_init (CcWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cc_window_dispose;
  object_class->finalize = cc_window_finalize;
  object_class->get_property = cc_window_get_property;
  object_class->set_property = cc_window_set_property;
  window_class->close_request = cc_window_close_request;

  properties[PROP_MODE] =
    g_param_spec_string ("mode", NULL, NULL, "percent",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOG_SCALE] =
    g_param_spec_boolean ("log-scale", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RANGE] =
    g_param_spec_string ("range", NULL, NULL, "max",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIDEBAR_VISIBLE] =
    g_param_spec_boolean ("sidebar-visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PANEL_VISIBLE] =
    g_param_spec_boolean ("panel-visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CC_TYPE_CHART_VIEW);
  g_type_ensure (CC_TYPE_SIDE_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/cc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CcWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, panel_button);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, range_squeezer);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, range_box);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, range_menu_button);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, refresh_stack);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, refresh_spinner);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, refresh_label);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, sidebar_flap);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, panel_flap);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, symbol_list);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, event_stack);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, event_list);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, base_label);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, stale_badge);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, reconstructed_badge);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, chart_stack);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, chart_view);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, panel_box);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, panel_stack);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, side_panel);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, event_card);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, event_when_label);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, event_title_label);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, event_description_label);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, event_source_label);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, changes_list);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);

  gtk_widget_class_install_property_action (widget_class, "win.mode", "mode");
  gtk_widget_class_install_property_action (widget_class, "win.log-scale", "log-scale");
  gtk_widget_class_install_property_action (widget_class, "win.range", "range");
  gtk_widget_class_install_property_action (widget_class, "win.toggle-sidebar",
                                            "sidebar-visible");
  gtk_widget_class_install_property_action (widget_class, "win.toggle-panel", "panel-visible");
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-csv", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.add-event", NULL, add_event_action);
  gtk_widget_class_install_action (widget_class, "win.edit-event", "s", edit_event_action);
  gtk_widget_class_install_action (widget_class, "win.delete-event", "s", delete_event_action);
  gtk_widget_class_install_action (widget_class, "win.import-events", NULL,
                                   import_events_action);
  gtk_widget_class_install_action (widget_class, "win.export-events", NULL,
                                   export_events_action);
  gtk_widget_class_install_action (widget_class, "win.add-ticker", NULL, add_ticker_action);
  gtk_widget_class_install_action (widget_class, "win.import-csv", NULL, import_csv_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-refresh", NULL,
                                   cancel_refresh_action);
  gtk_widget_class_install_action (widget_class, "win.default-view", NULL, default_view_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.reset-view", NULL, zoom_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "win.reset-view", NULL);
}

static void
cc_window_init (CcWindow *self)
{
  self->items = g_ptr_array_new_with_free_func (g_free);
  self->refresh_failures = g_ptr_array_new_with_free_func (g_free);
  self->item_toggles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->legend_hidden = g_ptr_array_new_with_free_func (g_free);
  self->mode = g_strdup ("percent");
  self->range = g_strdup ("max");

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The toggle buttons read these before the flaps existed. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDEBAR_VISIBLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PANEL_VISIBLE]);

  build_range_buttons (self);

  {
    GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

    g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
  }
  gtk_list_box_set_header_func (self->symbol_list, symbol_header_func, NULL, NULL);
  gtk_list_box_set_filter_func (self->symbol_list, symbol_filter_func, self, NULL);
  {
    GtkWidget *placeholder = gtk_label_new (_("No matching symbol. Add it as a ticker?"));

    gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
    gtk_widget_set_margin_top (placeholder, 24);
    gtk_widget_set_margin_start (placeholder, 12);
    gtk_widget_set_margin_end (placeholder, 12);
    gtk_widget_add_css_class (placeholder, "dim-label");
    gtk_list_box_set_placeholder (self->symbol_list, placeholder);
  }

  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->symbol_list, "row-activated",
                           G_CALLBACK (symbol_row_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->event_list, "row-selected",
                           G_CALLBACK (event_row_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chart_view, "range-changed",
                           G_CALLBACK (chart_view_range_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chart_view, "reset-requested",
                           G_CALLBACK (chart_view_reset_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chart_view, "legend-activated",
                           G_CALLBACK (chart_view_legend_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chart_view, "item-activated",
                           G_CALLBACK (chart_view_item_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chart_view, "event-activated",
                           G_CALLBACK (chart_view_event_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar_flap, "notify::reveal-flap",
                           G_CALLBACK (reveal_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->panel_flap, "notify::reveal-flap",
                           G_CALLBACK (reveal_changed_cb), self, G_CONNECT_SWAPPED);
}

void
_cc_window_get_badges (CcWindow *self,
                       gboolean *reconstructed,
                       gboolean *stale)
{
  *reconstructed = gtk_widget_get_visible (GTK_WIDGET (self->reconstructed_badge));
  *stale = gtk_widget_get_visible (GTK_WIDGET (self->stale_badge));
}

CcChart *
_cc_window_get_chart (CcWindow *self)
{
  return self->chart;
}

CcChartView *
_cc_window_get_chart_view (CcWindow *self)
{
  return self->chart_view;
}

GtkWidget *
_cc_window_get_item_toggle (CcWindow   *self,
                            const char *item)
{
  return g_hash_table_lookup (self->item_toggles, item);
}

CcWindow *
cc_window_new (CcApplication *application)
{
  CcWindow *self;

  g_return_val_if_fail (CC_IS_APPLICATION (application), NULL);

  self = g_object_new (CC_TYPE_WINDOW, "application", application, NULL);
  setup_window (self);

  return self;
}
