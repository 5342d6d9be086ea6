/* cc-window.c: the main window: symbols and events on the left, the chart in the middle, the
 * analysis on the right.
 *
 * The window owns one CcChart and keeps it, the sidebar toggles and the settings in step: every
 * change goes through a property or an action (cc-window-actions.c), and
 * _cc_window_update_actions() decides what is enabled.
 */
#define G_LOG_DOMAIN "cc-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cc-accessible.h"
#include "cc-application-private.h"
#include "cc-application.h"
#include "cc-chart-private.h"
#include "cc-chart-view.h"
#include "cc-chart.h"
#include "cc-derived.h"
#include "cc-rebase.h"
#include "cc-side-panel.h"
#include "cc-window-private.h"
#include "cc-window.h"

enum {
  PROP_0,
  PROP_MODE,
  PROP_LOG_SCALE,
  PROP_RANGE,
  PROP_REBASE,
  PROP_CYCLE_OVERLAY,
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


static void update_badges (CcWindow *self);

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

/* A failure's message can be long (a provider's reply, a path): the toast says what failed in
 * a few words and its Details button shows the whole message, which a toast would cut off. */
void
_cc_window_show_error_toast (CcWindow   *self,
                             const char *what,
                             GError     *error)
{
  g_autofree char *escaped = g_markup_escape_text (what, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 10);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (toast, _("_Details"));
  adw_toast_set_action_name (toast, "win.show-error");
  adw_toast_set_action_target_value (toast, g_variant_new ("(ss)", what, error->message));
  g_free (self->last_error);
  self->last_error = g_strdup_printf ("%s: %s", what, error->message);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_error_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  CcWindow *self = CC_WINDOW (widget);
  const char *what, *message;
  GtkWidget *dialog;

  g_variant_get (param, "(&s&s)", &what, &message);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), what, NULL);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_cc_window_set_refresh_result (CcWindow     *self,
                               const GError *error)
{
  g_clear_pointer (&self->refresh_failed_at, g_date_time_unref);
  g_clear_pointer (&self->refresh_error, g_free);
  if (error != NULL)
    {
      self->refresh_failed_at = g_date_time_new_now_local ();
      self->refresh_error = g_strdup (error->message);
    }
  update_badges (self);
}

gboolean
_cc_window_item_is_basket (const char *item)
{
  return g_str_has_prefix (item, CC_CHART_BASKET_PREFIX) &&
         cc_derived_get_kind (item) == CC_DERIVED_NONE;
}

/* The tickers (borrowed from the catalogue or the dataset) behind one side of a pair. */
static void
add_side_symbols (CcWindow   *self,
                  const char *side,
                  GPtrArray  *out)
{
  CcCatalogue *catalogue = cc_dataset_get_catalogue (self->dataset);

  if (g_str_has_prefix (side, CC_CHART_BASKET_PREFIX))
    {
      g_autofree const char **tickers =
        cc_catalogue_get_group_tickers (catalogue, side + strlen (CC_CHART_BASKET_PREFIX));

      for (guint i = 0; tickers != NULL && tickers[i] != NULL; i++)
        g_ptr_array_add (out, (gpointer) tickers[i]);
    }
  else
    {
      CcSymbol *symbol = cc_catalogue_lookup (catalogue, side);
      CcSeries *series = cc_dataset_get_series (self->dataset, side);

      if (symbol != NULL)
        g_ptr_array_add (out, (gpointer) cc_symbol_get_ticker (symbol));
      else if (series != NULL)
        g_ptr_array_add (out, (gpointer) cc_series_get_symbol (series));
    }
}

const char **
_cc_window_item_symbols (CcWindow   *self,
                         const char *item)
{
  const char **single;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  /* A ratio or spread stands on both sides' tickers. */
  if (cc_derived_parse (item, &a, &b, NULL) != CC_DERIVED_NONE)
    {
      GPtrArray *out = g_ptr_array_new ();

      add_side_symbols (self, a, out);
      add_side_symbols (self, b, out);
      g_ptr_array_add (out, NULL);
      return (const char **) g_ptr_array_free (out, FALSE);
    }
  if (_cc_window_item_is_basket (item))
    return cc_catalogue_get_group_tickers (cc_dataset_get_catalogue (self->dataset),
                                           item + strlen (CC_CHART_BASKET_PREFIX));

  single = g_new0 (const char *, 2);
  single[0] = item;
  return single;
}

GStrv
_cc_window_dup_items (CcWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->items->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->items, i));
  return g_strv_builder_end (builder);
}

/* The colour the chart gives @item in the current theme and among its current items, for the
 * sidebar swatches. */
static void
get_item_color (CcWindow   *self,
                const char *item,
                GdkRGBA    *rgba)
{
  CcRgba color;

  _cc_chart_get_item_color (self->chart, item, &color);
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
  /* An item not on the chart keeps the colour it would take there, dimmed: ticked rows stand
   * out, and every row still shows its own hue. */
  if (cc_chart_get_items (self->chart) == NULL ||
      !g_strv_contains (cc_chart_get_items (self->chart), item))
    rgba.alpha = 0.45;
  gdk_cairo_set_source_rgba (cr, &rgba);
  if (_cc_window_item_is_basket (item))
    {
      /* Baskets are drawn thicker on the chart: a square tells them apart here. */
      cairo_rectangle (cr, (width - size) / 2 + 1, (height - size) / 2 + 1, size - 2, size - 2);
    }
  else if (cc_derived_get_kind (item) != CC_DERIVED_NONE)
    {
      /* A pair: a diamond. */
      cairo_move_to (cr, width / 2.0, (height - size) / 2 + 0.5);
      cairo_line_to (cr, (width + size) / 2 - 0.5, height / 2.0);
      cairo_line_to (cr, width / 2.0, (height + size) / 2 - 0.5);
      cairo_line_to (cr, (width - size) / 2 + 0.5, height / 2.0);
      cairo_close_path (cr);
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

void
_cc_window_set_item_visible (CcWindow   *self,
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

  _cc_window_update_chart_items (self);
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
  gboolean stale_filings;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GString) stale_names = g_string_new (NULL);
  g_autoptr(GString) stale_filers = g_string_new (NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      g_autofree const char **symbols =
        _cc_window_item_symbols (self, g_ptr_array_index (self->items, i));

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

  stale_filings = _cc_window_filings_stale (self, stale_filers);

  gtk_widget_set_visible (GTK_WIDGET (self->reconstructed_badge), reconstructed);
  gtk_widget_set_visible (GTK_WIDGET (self->stale_badge),
                          stale || stale_filings || self->refresh_error != NULL);
  if (stale || stale_filings || self->refresh_error != NULL)
    {
      g_autoptr(GString) tip = g_string_new (NULL);

      /* The failed refresh first: it is why the badge appeared. */
      if (self->refresh_error != NULL)
        {
          /* Translators: a time of day for the stale badge, e.g. "14:05". */
          g_autofree char *when = g_date_time_format (self->refresh_failed_at, _("%H:%M"));

          /* Translators: %s is a time of day, then why the refresh failed. */
          g_string_append_printf (tip, _("The refresh at %s failed, so the chart shows the last "
                                         "good data: %s"), when, self->refresh_error);
        }
      if (stale)
        {
          if (tip->len > 0)
            g_string_append (tip, "\n");
          /* Translators: %s lists tickers, e.g. "MU, NVDA". */
          g_string_append_printf (tip, _("Not refreshed for more than four days: %s"),
                                  stale_names->str);
        }
      if (stale_filings)
        {
          if (tip->len > 0)
            g_string_append (tip, "\n");
          /* Translators: %s lists tickers, e.g. "MU, NVDA". */
          g_string_append_printf (tip, _("Filings from SEC EDGAR fetched more than four days "
                                         "ago: %s"), stale_filers->str);
        }
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->stale_badge), tip->str);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->stale_badge),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tip->str,
                                      -1);
    }
}

void
_cc_window_update_badges (CcWindow *self)
{
  if (self->stale_badge != NULL && self->dataset != NULL && self->items != NULL)
    update_badges (self);
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
  if (self->cycle_overlay)
    /* Translators: the note above the chart while it shows the chip cycles */
    base_text = g_strdup (_("Each decline from its own peak; the ticked series come back "
                            "when Cycles is off"));
  else if (cc_chart_get_mode (self->chart) == CC_CHART_MODE_PRICE)
    /* Translators: %s is an event title; prices are not rebased. */
    base_text = g_strdup_printf (_("Closing prices around “%s”"), cc_event_get_title (event));
  else
    /* Translators: the first %s is a date, the second an event title. */
    base_text = g_strdup_printf (_("Rebased to the close of %s, before “%s”"), base,
                                 cc_event_get_title (event));
  /* Each analogue has its own base, the close before its day 0: the chart's would mislead. */
  gtk_label_set_text (self->base_label,
                      gtk_toggle_button_get_active (self->analogues_mode_button) ? ""
                                                                                  : base_text);
  /* Two lines at most beside the header's buttons: the whole note is in the tooltip too. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->base_label),
                               gtk_label_get_text (self->base_label)[0] != '\0'
                               ? gtk_label_get_text (self->base_label) : NULL);
}

/* The panel's as-of date shows on the chart as a quiet marker; "Latest" draws none. */
static void
side_panel_as_of_cb (CcWindow *self)
{
  cc_chart_set_as_of (self->chart, cc_side_panel_get_as_of (self->side_panel));
}

/* SEC EDGAR's monitors arrived or changed: the report (through the chart) and the Portfolio
 * page's stress test use them as the panel's assessment does. */
static void
side_panel_reported_cb (CcWindow *self)
{
  CcReportedMonitors *reported = cc_side_panel_get_reported_monitors (self->side_panel);

  /* (Before setup_window() there is nothing to tell.) */
  if (self->chart == NULL)
    return;
  cc_chart_set_reported_monitors (self->chart, reported);
  if (self->portfolio_page != NULL)
    cc_portfolio_page_set_reported_monitors (self->portfolio_page, reported);
}

/* The chart's items without the portfolio's line: what the side panel analyses. */
static GStrv
dup_panel_items (CcWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->items->len; i++)
    if (!g_str_has_prefix (g_ptr_array_index (self->items, i), CC_CHART_PORTFOLIO_PREFIX))
      g_strv_builder_add (builder, g_ptr_array_index (self->items, i));
  return g_strv_builder_end (builder);
}

static void
update_side_panel (CcWindow *self)
{
  g_auto(GStrv) items = dup_panel_items (self);

  if (cc_side_panel_get_dataset (self->side_panel) != self->dataset)
    cc_side_panel_set_dataset (self->side_panel, self->dataset);
  cc_side_panel_set_event (self->side_panel, cc_chart_get_event (self->chart));
  /* The open portfolio has its row in the event study, whether its line is drawn or not. */
  if (self->portfolio_page != NULL)
    {
      CcExposure *exposure = cc_portfolio_page_get_exposure (self->portfolio_page);

      cc_side_panel_set_portfolio (self->side_panel, exposure ? exposure->series : NULL);
    }
  /* With nothing ticked the panel analyses everything rather than nothing. */
  cc_side_panel_set_items (self->side_panel,
                           items[0] != NULL ? (const char * const *) items : NULL);
  if (self->portfolio_page != NULL)
    {
      CcEvent *event = cc_chart_get_event (self->chart);

      cc_portfolio_page_set_context (self->portfolio_page, self->dataset,
                                     event ? cc_calendar_trading_day_on_or_after (
                                               cc_event_get_date (event)) : CC_DATE_INVALID,
                                     cc_side_panel_get_as_of (self->side_panel));
    }
}

void
_cc_window_update_view (CcWindow *self)
{
  update_side_panel (self);
  /* The cycle overlay needs no ticked series. */
  gtk_stack_set_visible_child_name (self->chart_stack,
                                    self->items->len > 0 || self->cycle_overlay ? "chart"
                                                                                : "empty");
  _cc_window_analogues_update (self);
  update_badges (self);
  update_event_card (self);
  update_changes_list (self);
  _cc_window_update_actions (self);
}

void
_cc_window_update_chart_items (CcWindow *self)
{
  g_auto(GStrv) items = _cc_window_dup_items (self);
  CcExposure *exposure = self->portfolio_page ?
    cc_portfolio_page_get_exposure (self->portfolio_page) : NULL;

  /* The portfolio's line ("portfolio:NAME") is an item like the others, saved with them; the
   * chart draws it from the selected portfolio's series. */
  cc_chart_set_portfolio (self->chart, exposure ? exposure->series : NULL);
  /* The Analogues page offers the open portfolio among its items. */
  cc_compare_view_set_portfolio (self->compare_view, exposure ? exposure->series : NULL);
  /* The report's portfolio page: the open portfolio, whether its line is drawn or not. */
  if (self->portfolio_page != NULL)
    cc_chart_set_portfolio_holdings (self->chart,
                                     cc_portfolio_page_get_portfolio (self->portfolio_page),
                                     cc_portfolio_page_get_scenarios (self->portfolio_page));
  cc_chart_set_items (self->chart, (const char * const *) items);
  _cc_window_update_filings (self);
  g_settings_set_strv (self->settings, "items", (const char * const *) items);
  if (self->portfolio_page != NULL)
    {
      const char *name = cc_portfolio_page_get_selected_name (self->portfolio_page);
      g_autofree char *item = name ? g_strconcat (CC_CHART_PORTFOLIO_PREFIX, name, NULL) : NULL;

      cc_portfolio_page_set_shown (self->portfolio_page, item != NULL &&
                                                         items_contain (self, item));
    }
  sync_item_toggles (self);
  _cc_window_update_view (self);
}

static void
item_toggled_cb (CcWindow       *self,
                 GtkCheckButton *button)
{
  const char *item = g_object_get_data (G_OBJECT (button), "cc-item");

  if (self->updating)
    return;

  _cc_window_set_item_visible (self, item, gtk_check_button_get_active (button));
}

/* Sidebar: the catalogue by group */

/* User tickers: a remove button on the row and the same command in a context menu */

static GtkWidget *
remove_button_new (const char *ticker)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  /* Translators: %s is a ticker the user added, e.g. "ASML". */
  g_autofree char *label = g_strdup_printf (_("Remove “%s”"), ticker);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "cc-row-button");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.remove-ticker");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", ticker);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  return button;
}

/* Opens the row's context menu pointing at (@x, @y) in @row's coordinates. */
static void
show_ticker_menu (CcWindow  *self,
                  GtkWidget *row,
                  double     x,
                  double     y)
{
  const char *ticker = g_object_get_data (G_OBJECT (row), "cc-ticker");
  const char *row_item = g_object_get_data (G_OBJECT (row), "cc-menu-item");
  g_autoptr(GMenu) menu = g_menu_new ();
  graphene_point_t point;

  if (row_item != NULL)
    {
      g_autoptr(GMenu) compare = g_menu_new ();
      g_autoptr(GPtrArray) others = g_ptr_array_new ();

      /* Compare with the index and with every other single item on the chart. */
      g_ptr_array_add (others, (gpointer) CC_SYMBOL_SOX);
      for (guint i = 0; i < self->items->len; i++)
        {
          const char *other = g_ptr_array_index (self->items, i);

          if (cc_derived_get_kind (other) == CC_DERIVED_NONE &&
              !g_str_has_prefix (other, CC_CHART_PORTFOLIO_PREFIX) &&
              g_strcmp0 (other, CC_SYMBOL_SOX) != 0)
            g_ptr_array_add (others, (gpointer) other);
        }
      for (guint i = 0; i < others->len; i++)
        {
          const char *other = g_ptr_array_index (others, i);
          g_autofree char *label = NULL;
          g_autofree char *spread = NULL;
          g_autofree char *ratio = NULL;
          g_autofree char *spread_label = NULL;
          g_autofree char *ratio_label = NULL;

          if (g_strcmp0 (other, row_item) == 0)
            continue;
          label = cc_derived_side_label (other);
          spread = cc_derived_format (CC_DERIVED_SPREAD, row_item, other);
          ratio = cc_derived_format (CC_DERIVED_RATIO, row_item, other);
          /* Translators: a menu item; %s is an item, e.g. "^SOX" or "Memory basket". */
          spread_label = g_strdup_printf (_("Minus %s (spread)"), label);
          /* Translators: a menu item; %s is an item, e.g. "^SOX" or "Memory basket". */
          ratio_label = g_strdup_printf (_("Over %s (ratio)"), label);
          {
            g_autoptr(GMenuItem) a = g_menu_item_new (spread_label, NULL);
            g_autoptr(GMenuItem) b = g_menu_item_new (ratio_label, NULL);

            g_menu_item_set_action_and_target_value (a, "win.add-pair",
                                                     g_variant_new_string (spread));
            g_menu_item_set_action_and_target_value (b, "win.add-pair",
                                                     g_variant_new_string (ratio));
            g_menu_append_item (compare, a);
            g_menu_append_item (compare, b);
          }
        }
      if (g_menu_model_get_n_items (G_MENU_MODEL (compare)) > 0)
        g_menu_append_section (menu, _("Compare With"), G_MENU_MODEL (compare));
    }
  if (ticker != NULL)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("_Remove Ticker"), NULL);

      g_menu_item_set_action_and_target_value (item, "win.remove-ticker",
                                               g_variant_new_string (ticker));
      g_menu_append_item (menu, item);
    }
  if (g_menu_model_get_n_items (G_MENU_MODEL (menu)) == 0)
    return;
  gtk_popover_menu_set_menu_model (self->ticker_menu, G_MENU_MODEL (menu));
  if (!gtk_widget_compute_point (row, GTK_WIDGET (self->symbol_list),
                                 &GRAPHENE_POINT_INIT (x, y), &point))
    point = GRAPHENE_POINT_INIT (0, 0);
  {
    /* Point at the part of the row that is scrolled into view: a row below the fold (the
     * keyboard's Menu key reaches it) would put the menu off the monitor. */
    GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self->symbol_list),
                                                   GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adj = scroller ? gtk_scrolled_window_get_vadjustment (
                                      GTK_SCROLLED_WINDOW (scroller)) : NULL;

    if (adj != NULL && gtk_adjustment_get_page_size (adj) > 0)
      point.y = CLAMP (point.y, gtk_adjustment_get_value (adj),
                       gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj) - 1);
  }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->ticker_menu),
                               &(GdkRectangle) { point.x, point.y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->ticker_menu));
}

static void
row_pressed_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                CcWindow        *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  show_ticker_menu (self, row, x, y);
}

static void
row_long_pressed_cb (GtkGestureLongPress *gesture,
                     double               x,
                     double               y,
                     CcWindow            *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  show_ticker_menu (self, row, x, y);
}

static gboolean
row_menu_key_cb (GtkWidget *row,
                 GVariant  *args,
                 gpointer   user_data)
{
  CcWindow *self = CC_WINDOW (gtk_widget_get_root (row));

  show_ticker_menu (self, row, gtk_widget_get_width (row) / 2.0,
                    gtk_widget_get_height (row) / 2.0);
  return TRUE;
}

/* The row's context menu: "Compare With" for a single item (@item, or NULL for a pair), and
 * "Remove Ticker" for one the user added (@ticker, or NULL). */
static void
add_ticker_menu (CcWindow   *self,
                 GtkWidget  *row,
                 const char *item,
                 const char *ticker)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *long_press = gtk_gesture_long_press_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  g_object_set_data_full (G_OBJECT (row), "cc-ticker", g_strdup (ticker), g_free);
  g_object_set_data_full (G_OBJECT (row), "cc-menu-item", g_strdup (item), g_free);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (row_pressed_cb), self, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));

  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect_object (long_press, "pressed", G_CALLBACK (row_long_pressed_cb), self, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (long_press));

  /* The keyboard's way to a context menu: the Menu key, or Shift+F10. */
  gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (shortcuts),
      gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Menu, 0),
                                                     gtk_keyval_trigger_new (GDK_KEY_F10,
                                                                             GDK_SHIFT_MASK)),
                        gtk_callback_action_new (row_menu_key_cb, NULL, NULL)));
  gtk_widget_add_controller (row, shortcuts);
}

static GtkWidget *
symbol_row_new (CcWindow   *self,
                const char *item,
                const char *title,
                const char *subtitle,
                gboolean    basket,
                gboolean    user)
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

  /* The whole name, on as many lines as the sidebar's width needs: cut to "GPU & chip
   * designers ba…" it no longer tells the baskets apart (in German even less). */
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_wrap (GTK_LABEL (title_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title_label), PANGO_WRAP_WORD_CHAR);
  if (!basket)
    gtk_widget_add_css_class (title_label, "cc-ticker");
  gtk_box_append (GTK_BOX (labels), title_label);
  /* A screen reader names the row by its title (GTK 4.8 names nothing from its content). */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, title_label, NULL,
                                  -1);
  if (subtitle != NULL && *subtitle != '\0')
    {
      GtkWidget *subtitle_label = gtk_label_new (subtitle);

      gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, subtitle_label, NULL,
                                      -1);

      gtk_label_set_xalign (GTK_LABEL (subtitle_label), 0);
      gtk_label_set_wrap (GTK_LABEL (subtitle_label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (subtitle_label), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (subtitle_label, "caption");
      gtk_widget_add_css_class (subtitle_label, "dim-label");
      gtk_box_append (GTK_BOX (labels), subtitle_label);
    }
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (box), labels);
  if (user)
    gtk_box_append (GTK_BOX (box), remove_button_new (item));

  accessible = subtitle && *subtitle ? g_strdup_printf ("%s, %s", title, subtitle)
                                     : g_strdup (title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  g_object_set_data_full (G_OBJECT (check), "cc-item", g_strdup (item), g_free);
  {
    g_autofree char *search = g_strdup_printf ("%s %s", accessible, item);

    g_object_set_data_full (G_OBJECT (row), "cc-search", g_utf8_casefold (search, -1), g_free);
  }
  g_object_set_data_full (G_OBJECT (row), "cc-row-item", g_strdup (item), g_free);
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
  if (cc_derived_get_kind (item) == CC_DERIVED_NONE)
    add_ticker_menu (self, row, item, user ? item : NULL);

  return row;
}

/* A row for a ratio or spread: its title, and what kind of series it is. */
static GtkWidget *
pair_row_new (CcWindow   *self,
              const char *item,
              const char *title)
{
  g_autofree char *subtitle = NULL;

  /* The title names both sides; the subtitle says what is drawn. */
  if (cc_derived_get_kind (item) == CC_DERIVED_RATIO)
    subtitle = g_strdup (_("Ratio, rebased"));
  else
    subtitle = g_strdup (_("Difference of returns, points"));
  return symbol_row_new (self, item, title, subtitle, TRUE, FALSE);
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

  header = gtk_label_new (g_strcmp0 (group, CC_CHART_DERIVED_GROUP) == 0
                           ? _("Relative Strength")
                           : cc_catalogue_group_get_label (group));
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

  /* A pair typed in the search shows its row, if it has one. */
  if (cc_derived_get_kind (text) != CC_DERIVED_NONE)
    {
      g_autofree char *pair = cc_derived_normalize (text, NULL);

      return g_strcmp0 (pair, g_object_get_data (G_OBJECT (row), "cc-row-item")) == 0;
    }

  needle = g_utf8_casefold (text, -1);
  haystack = g_object_get_data (G_OBJECT (row), "cc-search");
  return haystack != NULL && strstr (haystack, needle) != NULL;
}

static void
search_changed_cb (CcWindow       *self,
                   GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  GtkLabel *placeholder = g_object_get_data (G_OBJECT (self->symbol_list), "cc-placeholder");
  g_autoptr(GError) error = NULL;
  g_autofree char *pair = cc_derived_normalize (text, &error);

  /* What Enter will do with what was typed: chart a pair, or say why it cannot. */
  if (error != NULL)
    gtk_label_set_text (placeholder, error->message);
  else if (cc_derived_get_kind (pair) != CC_DERIVED_NONE)
    {
      g_autofree char *label = cc_derived_describe (pair);
      /* Translators: %s names a ratio or spread, e.g. "MU / ^SOX". */
      g_autofree char *hint = g_strdup_printf (_("Press Enter to chart %s."), label);

      gtk_label_set_text (placeholder, hint);
    }
  else
    gtk_label_set_text (placeholder, _("No matching symbol. Add it as a ticker, or type a "
                                       "pair: MU/^SOX for a ratio, MU - NVDA for a spread."));
  gtk_list_box_invalidate_filter (self->symbol_list);
}

/* Enter in the search: a pair is charted (or its problem shown). */
static void
search_activate_cb (CcWindow       *self,
                    GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GError) error = NULL;
  g_autofree char *pair = cc_derived_normalize (text, &error);

  if (error != NULL)
    {
      _cc_window_show_toast (self, error->message);
      return;
    }
  if (cc_derived_get_kind (pair) == CC_DERIVED_NONE)
    return;
  if (_cc_window_add_pair (self, pair))
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

gboolean
_cc_window_add_pair (CcWindow   *self,
                     const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pair = cc_derived_normalize (text, &error);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autoptr(GPtrArray) members = g_ptr_array_new ();

  if (pair != NULL && cc_derived_parse (pair, &a, &b, &error) == CC_DERIVED_NONE &&
      error == NULL)
    g_set_error (&error, CC_DERIVED_ERROR, CC_DERIVED_ERROR_SYNTAX,
                 _("“%s” is neither a ratio (A/B) nor a spread (A - B)"), text);
  /* Each side must have data: one message naming the side that has none. */
  if (error == NULL && (!cc_derived_side_members (self->dataset, a, members, &error) ||
                        !cc_derived_side_members (self->dataset, b, members, &error)))
    g_prefix_error (&error, "%s: ", pair);
  if (error != NULL)
    {
      _cc_window_show_toast (self, error->message);
      return FALSE;
    }
  if (!items_contain (self, pair))
    {
      g_ptr_array_add (self->items, g_strdup (pair));
      _cc_window_populate_symbols (self);
      _cc_window_update_chart_items (self);
    }
  return TRUE;
}

void
_cc_window_populate_symbols (CcWindow *self)
{
  CcCatalogue *catalogue = cc_dataset_get_catalogue (self->dataset);
  GtkWidget *child;
  guint n_groups = cc_catalogue_get_n_groups ();

  /* Only the rows: the placeholder and the context menu are the list's children too. */
  child = gtk_widget_get_first_child (GTK_WIDGET (self->symbol_list));
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (GTK_IS_LIST_BOX_ROW (child))
        gtk_list_box_remove (self->symbol_list, child);
      child = next;
    }
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
                               symbol_row_new (self, item, title, _("Equal weight"), TRUE,
                                               FALSE));
        }

      for (guint i = 0; i < n_tickers; i++)
        {
          CcSymbol *symbol = cc_catalogue_lookup (catalogue, tickers[i]);

          gtk_list_box_append (self->symbol_list,
                               symbol_row_new (self, tickers[i], tickers[i],
                                               symbol ? cc_symbol_get_name (symbol) : NULL,
                                               FALSE,
                                               symbol != NULL && cc_symbol_get_is_user (symbol)));
        }
    }

  /* Ratios and spreads: the presets, then any other pair on the chart. */
  g_object_set_data_full (G_OBJECT (self->symbol_list), "cc-current-group",
                          g_strdup (CC_CHART_DERIVED_GROUP), g_free);
  for (guint i = 0; i < cc_derived_n_presets; i++)
    gtk_list_box_append (self->symbol_list,
                         pair_row_new (self, cc_derived_presets[i].item,
                                       _(cc_derived_presets[i].title)));
  for (guint i = 0; i < self->items->len; i++)
    {
      const char *item = g_ptr_array_index (self->items, i);

      if (cc_derived_get_kind (item) != CC_DERIVED_NONE &&
          !g_hash_table_contains (self->item_toggles, item))
        {
          g_autofree char *title = cc_derived_describe (item);

          gtk_list_box_append (self->symbol_list, pair_row_new (self, item, title));
        }
    }
  self->updating--;
}

/* The user-tickers setting without @ticker, or with it added at the end. */
static void
save_user_ticker (CcWindow   *self,
                  const char *ticker,
                  gboolean    present)
{
  g_auto(GStrv) saved = g_settings_get_strv (self->settings, "user-tickers");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) tickers = NULL;

  for (guint i = 0; saved[i] != NULL; i++)
    if (g_ascii_strcasecmp (saved[i], ticker) != 0)
      g_strv_builder_add (builder, saved[i]);
  if (present)
    g_strv_builder_add (builder, ticker);
  tickers = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "user-tickers", (const char * const *) tickers);
}

gboolean
_cc_window_remove_ticker (CcWindow   *self,
                          const char *ticker)
{
  CcCatalogue *catalogue = cc_dataset_get_catalogue (self->dataset);
  CcSymbol *symbol = cc_catalogue_lookup (catalogue, ticker);
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;
  gboolean was_shown;
  AdwToast *toast;

  /* Only what the user added can go: the catalogue's own symbols stay. */
  if (symbol == NULL || !cc_symbol_get_is_user (symbol))
    return FALSE;

  name = g_strdup (cc_symbol_get_ticker (symbol));
  was_shown = items_contain (self, name);
  if (was_shown)
    _cc_window_set_item_visible (self, name, FALSE);
  for (guint i = 0; i < self->legend_hidden->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->legend_hidden, i), name) == 0)
      g_ptr_array_remove_index (self->legend_hidden, i--);
  cc_catalogue_remove_user_symbol (catalogue, name);
  save_user_ticker (self, name, FALSE);
  _cc_window_populate_symbols (self);
  _cc_window_update_view (self);

  /* Translators: %s is a ticker the user had added, e.g. "ASML". */
  text = g_strdup_printf (_("%s removed"), name);
  escaped = g_markup_escape_text (text, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 10);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-remove-ticker");
  adw_toast_set_action_target_value (toast, g_variant_new ("(sb)", name, was_shown));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  return TRUE;
}

gboolean
_cc_window_restore_ticker (CcWindow   *self,
                           const char *ticker,
                           gboolean    shown)
{
  CcCatalogue *catalogue = cc_dataset_get_catalogue (self->dataset);
  g_autoptr(GError) error = NULL;
  CcSymbol *symbol;

  symbol = cc_catalogue_add_user_symbol (catalogue, ticker, NULL, &error);
  if (symbol == NULL)
    {
      _cc_window_show_error_toast (self, _("Could not add the ticker"), error);
      return FALSE;
    }
  save_user_ticker (self, cc_symbol_get_ticker (symbol), TRUE);
  _cc_window_populate_symbols (self);
  if (shown)
    _cc_window_set_item_visible (self, cc_symbol_get_ticker (symbol), TRUE);
  _cc_window_update_view (self);
  return TRUE;
}

/* Another window (or this one) added, removed or restored a ticker of the user's: the
 * catalogue is the application's, so every window lists what it now holds and stops drawing
 * a ticker that has gone. */
static void
user_tickers_changed_cb (CcWindow  *self,
                         const char *key,
                         GSettings *settings)
{
  CcCatalogue *catalogue;
  gboolean dropped = FALSE;

  if (self->dataset == NULL)
    return;
  catalogue = cc_dataset_get_catalogue (self->dataset);
  for (guint i = self->items->len; i-- > 0;)
    {
      const char *item = g_ptr_array_index (self->items, i);

      /* Baskets and other composite items ("basket:memory") are not tickers. */
      if (strchr (item, ':') == NULL && cc_catalogue_lookup (catalogue, item) == NULL)
        {
          g_ptr_array_remove_index (self->items, i);
          dropped = TRUE;
        }
    }
  if (dropped)
    _cc_window_update_chart_items (self);
  _cc_window_populate_symbols (self);
  _cc_window_update_view (self);
}

static void
remove_ticker_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  _cc_window_remove_ticker (CC_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
undo_remove_ticker_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  const char *ticker;
  gboolean shown;

  g_variant_get (param, "(&sb)", &ticker, &shown);
  _cc_window_restore_ticker (CC_WINDOW (widget), ticker, shown);
}

/* Events */

int
_cc_window_event_category_filter (CcWindow *self)
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
  /* Read as its title, then when and what kind of event it is. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL,
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, meta_label, NULL,
                                  -1);
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

void
_cc_window_populate_events (CcWindow *self)
{
  GPtrArray *events = cc_dataset_get_events (self->dataset);
  CcEvent *selected = cc_chart_get_event (self->chart);
  int category = _cc_window_event_category_filter (self);
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
  int category = _cc_window_event_category_filter (self);

  g_settings_set_string (self->settings, "event-category",
                         category < 0 ? "all" : cc_event_category_to_string (category));
  _cc_window_populate_events (self);
}


static gboolean
repopulate_events_idle (gpointer user_data)
{
  CcWindow *self = user_data;

  /* The window may have been closed meanwhile. */
  if (self->dataset != NULL && self->event_list != NULL)
    _cc_window_populate_events (self);
  return G_SOURCE_REMOVE;
}

static void
select_event (CcWindow *self,
              CcEvent  *event)
{
  CcDate first, last, event_first, event_last, from, to;

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

  /* Selecting an event never changes the range the user picked, but the event window
   * ("Event") follows its event. */
  if (g_strcmp0 (self->range, "event") == 0)
    _cc_window_apply_range (self);

  cc_chart_get_range (self->chart, &from, &to);
  if (from == CC_DATE_INVALID)
    from = first;
  if (to == CC_DATE_INVALID)
    to = last;
  if (event_first < from || event_first > to)
    {
      g_autofree char *when = cc_event_format_when (event);
      /* Translators: an event title and its date. */
      g_autofree char *text = g_strdup_printf (_("“%s” (%s) is outside the range shown: "
                                                 "choose All Data or the event window to see "
                                                 "it"), cc_event_get_title (event), when);

      _cc_window_show_toast (self, text);
    }

  _cc_window_update_view (self);
}

static void
event_row_selected_cb (CcWindow      *self,
                       GtkListBoxRow *row,
                       GtkListBox    *list)
{
  if (self->updating || row == NULL)
    return;

  select_event (self, g_object_get_data (G_OBJECT (row), "cc-event"));
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
  select_event (self, event);
  _cc_window_populate_events (self);
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
  _cc_window_set_item_visible (self, item, active);
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
  gtk_box_append (GTK_BOX (box), _cc_window_filings_toggles (self));

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
  _cc_window_set_item_visible (self, item, FALSE);
  /* Translators: %s is a series, e.g. "MU" or "Memory basket". */
  text = g_strdup_printf (_("%s hidden. Click the legend or tick it in the sidebar to show it "
                            "again."), label);
  _cc_window_show_toast (self, text);
}

/* Range */

void
_cc_window_apply_range (CcWindow *self)
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
update_rebase_button (CcWindow *self)
{
  gboolean visible = g_strcmp0 (self->rebase, "visible") == 0;

  if (self->rebase_button == NULL)
    return;
  gtk_menu_button_set_label (self->rebase_button,
                             /* Translators: header bar button; the chart is rebased to the
                              * first bar in view, or to the selected event */
                             visible ? _("From First Bar") : _("From Event"));
  /* Prices are not rebased; the cycles are drawdowns from their peaks. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->rebase_button),
                            g_strcmp0 (self->mode, "price") != 0 && !self->cycle_overlay);
}

/* The cycle overlay has its own axes: the mode and the log scale do not apply to it. */
static void
update_overlay_controls (CcWindow *self)
{
  if (self->mode_box == NULL)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->mode_box), !self->cycle_overlay);
  gtk_widget_set_sensitive (GTK_WIDGET (self->log_button), !self->cycle_overlay);
  gtk_widget_set_sensitive (GTK_WIDGET (self->range_box), !self->cycle_overlay);
  gtk_widget_set_sensitive (GTK_WIDGET (self->range_menu_button), !self->cycle_overlay);
  update_rebase_button (self);
  if (self->chart != NULL && self->event_card != NULL)
    update_event_card (self);
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
  _cc_window_apply_range (self);
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
  /* Each is read in a thread: a JSON file is an event set, anything else a price file. */
  for (GSList *l = files; l != NULL; l = l->next)
    _cc_window_import_file_async (self, l->data);
  g_slist_free (files);
  return TRUE;
}

static void
dataset_series_changed_cb (CcWindow   *self,
                           const char *symbol,
                           CcDataset  *dataset)
{
  _cc_window_update_view (self);
}

static void
dataset_events_changed_cb (CcWindow  *self,
                           CcDataset *dataset)
{
  _cc_window_populate_events (self);
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
    case PROP_REBASE:
      g_value_set_string (value, self->rebase);
      break;
    case PROP_CYCLE_OVERLAY:
      g_value_set_boolean (value, self->cycle_overlay);
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
          update_rebase_button (self);
          if (self->items != NULL)
            update_changes_list (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_CYCLE_OVERLAY:
      if (self->cycle_overlay != g_value_get_boolean (value))
        {
          self->cycle_overlay = g_value_get_boolean (value);
          if (self->chart != NULL)
            cc_chart_set_overlay (self->chart, self->cycle_overlay ? CC_CHART_OVERLAY_CYCLES
                                                                   : CC_CHART_OVERLAY_NONE);
          update_overlay_controls (self);
          if (self->items != NULL && self->items->len == 0 &&
              g_strcmp0 (gtk_stack_get_visible_child_name (self->chart_stack),
                         "analogues") != 0)
            gtk_stack_set_visible_child_name (self->chart_stack,
                                              self->cycle_overlay ? "chart" : "empty");
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
          _cc_window_apply_range (self);
          update_range_buttons (self);
          if (self->items != NULL)
            update_changes_list (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_REBASE:
      if (g_strcmp0 (self->rebase, g_value_get_string (value)) != 0)
        {
          g_free (self->rebase);
          self->rebase = g_value_dup_string (value);
          if (self->chart != NULL)
            cc_chart_set_rebase (self->chart, g_strcmp0 (self->rebase, "visible") == 0
                                              ? CC_CHART_REBASE_VISIBLE
                                              : CC_CHART_REBASE_EVENT);
          update_rebase_button (self);
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
  /* Closing (quitting) does not wait for work in flight: the threads are told to stop, and
   * whatever they were writing is dropped. */
  _cc_window_cancel_work (CC_WINDOW (window));

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
  g_settings_bind (self->settings, "rebase", self, "rebase", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "cycle-overlay", self, "cycle-overlay",
                   G_SETTINGS_BIND_DEFAULT);
  update_overlay_controls (self);
  /* The binding only sets the property when it differs from the initial NULL. */
  _cc_window_apply_range (self);
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
  cc_accessible_name_drop_down (self->category_dropdown, _("Event category"));
}

/* At most one portfolio line: the selected portfolio's, when @shown. */
static void
set_portfolio_item (CcWindow *self,
                    gboolean  shown)
{
  const char *name = cc_portfolio_page_get_selected_name (self->portfolio_page);

  for (guint i = self->items->len; i-- > 0;)
    if (g_str_has_prefix (g_ptr_array_index (self->items, i), CC_CHART_PORTFOLIO_PREFIX))
      g_ptr_array_remove_index (self->items, i);
  if (shown && name != NULL)
    g_ptr_array_add (self->items, g_strconcat (CC_CHART_PORTFOLIO_PREFIX, name, NULL));
  _cc_window_update_chart_items (self);
}

/* A portfolio the user picks, imports or creates is drawn at once. */
static void
portfolio_selected_cb (CcWindow *self)
{
  const char *name = cc_portfolio_page_get_selected_name (self->portfolio_page);

  g_settings_set_string (self->settings, "selected-portfolio", name ? name : "");
  set_portfolio_item (self, TRUE);
}

static void
portfolio_shown_toggled_cb (CcWindow *self)
{
  set_portfolio_item (self, cc_portfolio_page_get_shown (self->portfolio_page));
}

/* The portfolio that was open is opened again; the saved items say whether its line was
 * drawn, and a line whose portfolio is gone is forgotten. */
static void
restore_portfolio (CcWindow *self)
{
  g_autofree char *selected = g_settings_get_string (self->settings, "selected-portfolio");

  if (*selected != '\0')
    cc_portfolio_page_select (self->portfolio_page, selected);
  for (guint i = self->items->len; i-- > 0;)
    {
      const char *item = g_ptr_array_index (self->items, i);

      if (g_str_has_prefix (item, CC_CHART_PORTFOLIO_PREFIX) &&
          !cc_portfolio_page_select (self->portfolio_page,
                                     item + strlen (CC_CHART_PORTFOLIO_PREFIX)))
        g_ptr_array_remove_index (self->items, i);
    }
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
  /* 5Y and All Data reach back to 1994 with the bundled month-end ^SOX closes. */
  cc_chart_set_history (self->chart, TRUE);
  cc_chart_view_set_chart (self->chart_view, self->chart);

  setup_category_dropdown (self);
  restore_state (self);
  update_theme (self);
  _cc_window_populate_symbols (self);
  _cc_window_populate_events (self);
  self->portfolio_page = cc_portfolio_page_new (NULL);
  gtk_stack_add_titled (self->sidebar_stack, GTK_WIDGET (self->portfolio_page), "portfolio",
                        _("Portfolio"));
  restore_portfolio (self);
  g_signal_connect_object (self->portfolio_page, "changed",
                           G_CALLBACK (_cc_window_update_chart_items), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->portfolio_page, "selected",
                           G_CALLBACK (portfolio_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->portfolio_page, "shown-toggled",
                           G_CALLBACK (portfolio_shown_toggled_cb), self, G_CONNECT_SWAPPED);
  side_panel_reported_cb (self);

  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (dark_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->category_dropdown, "notify::selected",
                           G_CALLBACK (category_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dataset, "series-changed",
                           G_CALLBACK (dataset_series_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::user-tickers",
                           G_CALLBACK (user_tickers_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dataset, "events-changed",
                           G_CALLBACK (dataset_events_changed_cb), self, G_CONNECT_SWAPPED);

  _cc_window_update_view (self);
  _cc_window_filings_setup (self);
  /* The toggle buttons follow the flaps from now on; tell them where they start. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDEBAR_VISIBLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PANEL_VISIBLE]);
  g_debug ("Window set up in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);

  events_error = _cc_application_take_user_events_error (app);
  if (events_error != NULL)
    _cc_window_show_error_toast (self, _("Your events could not be read and were kept aside"),
                                 events_error);
}

static void
cc_window_dispose (GObject *object)
{
  CcWindow *self = CC_WINDOW (object);

  /* An export still running is cancelled: its thread drops the temporary file. */
  _cc_window_cancel_work (self);
  _cc_window_filings_dispose (self);
  _cc_window_analogues_dispose (self);
  g_clear_object (&self->export_cancellable);
  g_clear_object (&self->export_file);

  if (self->ticker_menu != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->ticker_menu));
  self->ticker_menu = NULL;
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
  /* Empty by now: each piece of work's task held the window until it ended. */
  g_clear_pointer (&self->work, g_ptr_array_unref);
  g_free (self->mode);
  g_free (self->range);
  g_free (self->rebase);
  g_free (self->last_error);
  g_free (self->refresh_error);
  g_clear_pointer (&self->refresh_failed_at, g_date_time_unref);

  G_OBJECT_CLASS (cc_window_parent_class)->finalize (object);
}

/* The menu buttons' popovers are built when a menu first opens, not with the window: four
 * popover menus were about a twentieth of building it (bench/README.md). */
static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, G_MENU_MODEL (user_data));
}

static const struct {
  const char *button;
  const char *menu;
} menus_on_demand[] = {
  { "menu_button", "main_menu" },
  { "rebase_button", "rebase_menu" },
  { "range_menu_button", "range_menu" },
  { "events_menu_button", "events_menu" },
};

static void
set_menus_on_demand (CcWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (menus_on_demand); i++)
    {
      GObject *button = gtk_widget_get_template_child (GTK_WIDGET (self), CC_TYPE_WINDOW,
                                                       menus_on_demand[i].button);
      GObject *menu = gtk_widget_get_template_child (GTK_WIDGET (self), CC_TYPE_WINDOW,
                                                     menus_on_demand[i].menu);

      g_assert (GTK_IS_MENU_BUTTON (button) && G_IS_MENU_MODEL (menu));
      gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_popup_cb,
                                             g_object_ref (menu), g_object_unref);
    }
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
  properties[PROP_REBASE] =
    g_param_spec_string ("rebase", NULL, NULL, "event",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CYCLE_OVERLAY] =
    g_param_spec_boolean ("cycle-overlay", NULL, NULL, FALSE,
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
  gtk_widget_class_bind_template_child (widget_class, CcWindow, rebase_button);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, mode_box);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, log_button);
  gtk_widget_class_bind_template_child (widget_class, CcWindow, cycles_button);
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
  /* Not kept in the struct (rebase_button and range_menu_button are, above): only
   * set_menus_on_demand() looks them up. */
  gtk_widget_class_bind_template_child_full (widget_class, "menu_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "events_menu_button", FALSE, 0);
  for (guint i = 0; i < G_N_ELEMENTS (menus_on_demand); i++)
    gtk_widget_class_bind_template_child_full (widget_class, menus_on_demand[i].menu, FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);

  gtk_widget_class_install_property_action (widget_class, "win.mode", "mode");
  gtk_widget_class_install_property_action (widget_class, "win.log-scale", "log-scale");
  gtk_widget_class_install_property_action (widget_class, "win.range", "range");
  gtk_widget_class_install_property_action (widget_class, "win.rebase", "rebase");
  gtk_widget_class_install_property_action (widget_class, "win.cycle-overlay", "cycle-overlay");
  gtk_widget_class_install_property_action (widget_class, "win.toggle-sidebar",
                                            "sidebar-visible");
  gtk_widget_class_install_property_action (widget_class, "win.toggle-panel", "panel-visible");

  gtk_widget_class_install_action (widget_class, "win.remove-ticker", "s", remove_ticker_action);
  gtk_widget_class_install_action (widget_class, "win.undo-remove-ticker", "(sb)",
                                   undo_remove_ticker_action);
  gtk_widget_class_install_action (widget_class, "win.show-error", "(ss)", show_error_action);

  _cc_window_class_actions_init (klass);
  _cc_window_analogues_class_init (klass);
}

static void
cc_window_init (CcWindow *self)
{
  self->items = g_ptr_array_new_with_free_func (g_free);
  self->work = g_ptr_array_new ();
  self->refresh_failures = g_ptr_array_new_with_free_func (g_free);
  self->item_toggles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->legend_hidden = g_ptr_array_new_with_free_func (g_free);
  self->mode = g_strdup ("percent");
  self->range = g_strdup ("max");
  self->rebase = g_strdup ("event");

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The toggle buttons read these before the flaps existed. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDEBAR_VISIBLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PANEL_VISIBLE]);

  build_range_buttons (self);
  set_menus_on_demand (self);

  /* One context menu for the user's tickers, pointed at the row it is opened on. */
  self->ticker_menu = GTK_POPOVER_MENU (gtk_popover_menu_new_from_model (NULL));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->ticker_menu), FALSE);
  gtk_widget_set_halign (GTK_WIDGET (self->ticker_menu), GTK_ALIGN_START);
  gtk_widget_set_parent (GTK_WIDGET (self->ticker_menu), GTK_WIDGET (self->symbol_list));

  {
    GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

    g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
  }
  gtk_list_box_set_header_func (self->symbol_list, symbol_header_func, NULL, NULL);
  gtk_list_box_set_filter_func (self->symbol_list, symbol_filter_func, self, NULL);
  {
    GtkWidget *placeholder = gtk_label_new (_("No matching symbol. Add it as a ticker, or type "
                                              "a pair: MU/^SOX for a ratio, MU - NVDA for a "
                                              "spread."));

    gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
    gtk_widget_set_margin_top (placeholder, 24);
    gtk_widget_set_margin_start (placeholder, 12);
    gtk_widget_set_margin_end (placeholder, 12);
    gtk_widget_add_css_class (placeholder, "dim-label");
    gtk_list_box_set_placeholder (self->symbol_list, placeholder);
    g_object_set_data (G_OBJECT (self->symbol_list), "cc-placeholder", placeholder);
  }

  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "activate",
                           G_CALLBACK (search_activate_cb), self, G_CONNECT_SWAPPED);
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
  g_signal_connect_object (self->side_panel, "notify::as-of",
                           G_CALLBACK (side_panel_as_of_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->side_panel, "notify::reported-monitors",
                           G_CALLBACK (side_panel_reported_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar_flap, "notify::reveal-flap",
                           G_CALLBACK (reveal_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->panel_flap, "notify::reveal-flap",
                           G_CALLBACK (reveal_changed_cb), self, G_CONNECT_SWAPPED);
  _cc_window_analogues_init (self);
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
