/* test-window-edges.c: the window's rough edges, as a user meets them: removing an added
 * ticker and undoing it, dialogs that close on Enter, the stale badge after a failed refresh,
 * the event dialog's live validation, the Tab order, the accessible names of rows and toggles,
 * and the zoom band that stays on the plot. */
#define G_LOG_DOMAIN "test-window-edges"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <math.h>

#include "cc-application-private.h"
#include "cc-application.h"
#include "cc-chart-view-private.h"
#include "cc-chart.h"
#include "cc-chart-private.h"
#include "cc-event-dialog-private.h"
#include "cc-event-dialog.h"
#include "cc-window-private.h"
#include "cc-window.h"

#include "cc-ui-test.h"

static CcApplication *app;

/* The visible window of @type other than @except, or NULL. */
static GtkWindow *
find_toplevel (GType      type,
               GtkWindow *except)
{
  GList *toplevels = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != (gpointer) except && gtk_widget_get_visible (l->data) &&
        g_type_is_a (G_OBJECT_TYPE (l->data), type))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static gboolean
chart_shows (CcWindow   *window,
             const char *item)
{
  const char * const *items = cc_chart_get_items (_cc_window_get_chart (window));

  return items != NULL && g_strv_contains (items, item);
}

static gboolean
setting_has_ticker (const char *ticker)
{
  g_auto(GStrv) saved = g_settings_get_strv (cc_application_get_settings (app), "user-tickers");

  return g_strv_contains ((const char * const *) saved, ticker);
}

/* Removing a ticker the user added: by its row's button, with an undo that brings it back
 * where it was (in the sidebar, on the chart, in the settings). */
static void
test_remove_ticker_and_undo (void)
{
  CcWindow *window;
  CcCatalogue *catalogue = cc_dataset_get_catalogue (cc_application_get_dataset (app));
  GtkWidget *toggle, *row, *button;

  cc_ui_test_reset_settings (app);
  window = cc_ui_test_new_window (app, 1280, 800);
  g_assert_true (_cc_window_add_ticker (window, "ASML"));
  cc_ui_test_iterate (50);
  toggle = _cc_window_get_item_toggle (window, "ASML");
  g_assert_nonnull (toggle);
  g_assert_true (chart_shows (window, "ASML"));
  g_assert_true (setting_has_ticker ("ASML"));

  /* The row has a remove button; the catalogue's own rows have none. */
  row = gtk_widget_get_ancestor (toggle, GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (row);
  button = cc_ui_test_find_actionable (row, "win.remove-ticker", "ASML");
  g_assert_nonnull (button);
  g_assert_null (cc_ui_test_find_actionable (gtk_widget_get_ancestor (_cc_window_get_item_toggle (window,
                                                                                         "MU"),
                                                           GTK_TYPE_LIST_BOX_ROW),
                                  "win.remove-ticker", NULL));
  g_signal_emit_by_name (button, "clicked");
  cc_ui_test_iterate (50);

  g_assert_null (_cc_window_get_item_toggle (window, "ASML"));
  g_assert_null (cc_catalogue_lookup (catalogue, "ASML"));
  g_assert_false (chart_shows (window, "ASML"));
  g_assert_false (setting_has_ticker ("ASML"));
  {
    g_auto(GStrv) items = g_settings_get_strv (cc_application_get_settings (app), "items");

    g_assert_false (g_strv_contains ((const char * const *) items, "ASML"));
  }

  /* Undo, as the toast's button does (its target is what was removed and whether it was
   * shown). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-remove-ticker",
                                             "(sb)", "ASML", TRUE));
  cc_ui_test_iterate (50);
  g_assert_nonnull (_cc_window_get_item_toggle (window, "ASML"));
  g_assert_nonnull (cc_catalogue_lookup (catalogue, "ASML"));
  g_assert_true (chart_shows (window, "ASML"));
  g_assert_true (setting_has_ticker ("ASML"));

  /* The catalogue's own symbols cannot be removed, even by the action. */
  g_assert_false (_cc_window_remove_ticker (window, "MU"));
  g_assert_nonnull (cc_catalogue_lookup (catalogue, "MU"));

  /* The removal survives a restart: a new window does not list it. */
  g_assert_true (_cc_window_remove_ticker (window, "ASML"));
  cc_ui_test_close_window (window);
  window = cc_ui_test_new_window (app, 1280, 800);
  g_assert_null (_cc_window_get_item_toggle (window, "ASML"));
  cc_ui_test_close_window (window);
}

/* Two windows share the application's catalogue: a ticker added, removed or restored in one
 * is listed, gone or back in the other's sidebar at once, and the other stops drawing it. */
static void
test_remove_ticker_two_windows (void)
{
  CcWindow *first, *second;

  cc_ui_test_reset_settings (app);
  first = cc_ui_test_new_window (app, 1280, 800);
  second = cc_ui_test_new_window (app, 1280, 800);
  g_assert_true (_cc_window_add_ticker (first, "ASML"));
  cc_ui_test_iterate (50);
  g_assert_nonnull (_cc_window_get_item_toggle (second, "ASML"));
  _cc_window_set_item_visible (second, "ASML", TRUE);
  cc_ui_test_iterate (50);
  g_assert_true (chart_shows (second, "ASML"));

  g_assert_true (_cc_window_remove_ticker (first, "ASML"));
  cc_ui_test_iterate (50);
  g_assert_null (_cc_window_get_item_toggle (first, "ASML"));
  g_assert_null (_cc_window_get_item_toggle (second, "ASML"));
  g_assert_false (chart_shows (second, "ASML"));
  /* The catalogue's own symbols stay listed in both. */
  g_assert_nonnull (_cc_window_get_item_toggle (second, "MU"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (first), "win.undo-remove-ticker",
                                             "(sb)", "ASML", TRUE));
  cc_ui_test_iterate (50);
  g_assert_nonnull (_cc_window_get_item_toggle (second, "ASML"));

  g_assert_true (_cc_window_remove_ticker (first, "ASML"));
  cc_ui_test_close_window (second);
  cc_ui_test_close_window (first);
}

/* The same removal from the row's context menu, opened with the keyboard's Menu key. */
static void
test_ticker_context_menu (void)
{
  CcWindow *window;
  GtkWidget *row;
  GtkShortcutController *shortcuts = NULL;
  g_autoptr(GListModel) controllers = NULL;
  GMenuModel *model;
  g_autoptr(GVariant) target = NULL;
  gboolean activated = FALSE;

  cc_ui_test_reset_settings (app);
  window = cc_ui_test_new_window (app, 1280, 800);
  g_assert_true (_cc_window_add_ticker (window, "INTC"));
  cc_ui_test_iterate (50);
  row = gtk_widget_get_ancestor (_cc_window_get_item_toggle (window, "INTC"),
                                 GTK_TYPE_LIST_BOX_ROW);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->ticker_menu)));

  controllers = gtk_widget_observe_controllers (row);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_SHORTCUT_CONTROLLER (controller))
        shortcuts = GTK_SHORTCUT_CONTROLLER (controller);
    }
  g_assert_nonnull (shortcuts);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (shortcuts)); i++)
    {
      g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (shortcuts), i);
      g_autofree char *trigger = gtk_shortcut_trigger_to_string (
          gtk_shortcut_get_trigger (shortcut));

      if (strstr (trigger, "Menu") != NULL)
        activated = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, row,
                                                  NULL);
    }
  g_assert_true (activated);
  /* Popped up at once; closed again before the main loop runs, as Xvfb's pointer may sit on
   * a surface an earlier test destroyed. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->ticker_menu)));
  gtk_popover_popdown (GTK_POPOVER (window->ticker_menu));

  /* It offers to compare this ticker with the chart's items (a section), then to remove it. */
  model = gtk_popover_menu_get_menu_model (window->ticker_menu);
  g_assert_nonnull (model);
  g_assert_cmpint (g_menu_model_get_n_items (model), ==, 2);
  {
    g_autoptr(GMenuModel) compare = g_menu_model_get_item_link (model, 0, G_MENU_LINK_SECTION);

    g_assert_nonnull (compare);
  }
  target = g_menu_model_get_item_attribute_value (model, 1, G_MENU_ATTRIBUTE_TARGET,
                                                  G_VARIANT_TYPE_STRING);
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, "INTC");
  g_assert_true (_cc_window_remove_ticker (window, "INTC"));
  cc_ui_test_close_window (window);
}

static GtkEditable *
message_dialog_entry (AdwMessageDialog *dialog)
{
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);

  g_assert_true (GTK_IS_EDITABLE (entry));
  return GTK_EDITABLE (entry);
}

/* Enter in Add Ticker adds it and closes the dialog, like the Add button. */
static void
test_add_ticker_closes (void)
{
  CcWindow *window;
  CcCatalogue *catalogue = cc_dataset_get_catalogue (cc_application_get_dataset (app));
  AdwMessageDialog *dialog;
  GtkEditable *entry;

  cc_ui_test_reset_settings (app);
  window = cc_ui_test_new_window (app, 1280, 800);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-ticker", NULL));
  cc_ui_test_iterate (100);
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window)));
  g_assert_nonnull (dialog);
  entry = message_dialog_entry (dialog);
  gtk_editable_set_text (entry, "asml");
  g_signal_emit_by_name (entry, "activate");
  cc_ui_test_iterate (100);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window)));
  g_assert_nonnull (cc_catalogue_lookup (catalogue, "ASML"));
  g_assert_true (chart_shows (window, "ASML"));

  /* An invalid ticker: Enter does nothing and the dialog stays. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-ticker", NULL));
  cc_ui_test_iterate (100);
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window)));
  entry = message_dialog_entry (dialog);
  gtk_editable_set_text (entry, "no spaces");
  g_signal_emit_by_name (entry, "activate");
  cc_ui_test_iterate (100);
  g_assert_true (find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window)) ==
                 GTK_WINDOW (dialog));
  g_assert_null (cc_catalogue_lookup (catalogue, "NO SPACES"));

  /* The Add button closes it too. */
  gtk_editable_set_text (entry, "INTC");
  {
    GtkWidget *add = NULL;

    /* The response button, found by its label as the user finds it. */
    g_autoptr(GPtrArray) stack = g_ptr_array_new ();

    g_ptr_array_add (stack, dialog);
    while (stack->len > 0 && add == NULL)
      {
        GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

        if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (w)), "_Add") == 0)
          add = w;
        for (GtkWidget *c = gtk_widget_get_first_child (w);
             c != NULL;
             c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (stack, c);
      }
    g_assert_nonnull (add);
    g_signal_emit_by_name (add, "clicked");
  }
  cc_ui_test_iterate (100);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window)));
  g_assert_true (chart_shows (window, "INTC"));

  _cc_window_remove_ticker (window, "ASML");
  _cc_window_remove_ticker (window, "INTC");
  cc_ui_test_close_window (window);
}

/* The event dialog says what is wrong while the user types, and no longer once it is right. */
static void
test_event_dialog_validation (void)
{
  CcWindow *window;
  CcEventDialog *dialog;
  GtkWidget *title, *date, *message;
  GtkCalendar *calendar;
  g_autoptr(GDateTime) day = NULL;

  cc_ui_test_reset_settings (app);
  window = cc_ui_test_new_window (app, 1280, 800);
  dialog = cc_event_dialog_new (GTK_WINDOW (window), NULL, cc_date_from_ymd (2026, 8, 3));
  gtk_window_present (GTK_WINDOW (dialog));
  cc_ui_test_iterate (100);
  _cc_event_dialog_get_widgets (dialog, &title, &date, &message, &calendar);

  /* A new event: nothing is red before the user typed, but Save waits for a title. */
  g_assert_false (gtk_widget_has_css_class (title, "error"));
  g_assert_false (gtk_widget_get_visible (message));
  g_assert_false (_cc_event_dialog_can_save (dialog));

  gtk_editable_set_text (GTK_EDITABLE (title), "HBM");
  gtk_editable_set_text (GTK_EDITABLE (title), "");
  g_assert_true (gtk_widget_has_css_class (title, "error"));
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message)), "title"));
  g_assert_false (_cc_event_dialog_can_save (dialog));

  /* Fixed: the red goes at once, without pressing Save. */
  gtk_editable_set_text (GTK_EDITABLE (title), "HBM contract prices up");
  g_assert_false (gtk_widget_has_css_class (title, "error"));
  g_assert_false (gtk_widget_get_visible (message));
  g_assert_true (_cc_event_dialog_can_save (dialog));

  /* A date that does not exist is named, with the form it should take. */
  gtk_editable_set_text (GTK_EDITABLE (date), "2026-13-01");
  g_assert_true (gtk_widget_has_css_class (date, "error"));
  g_assert_false (gtk_widget_has_css_class (title, "error"));
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message)), "2026-13-01"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message)), "YYYY-MM-DD"));
  g_assert_false (_cc_event_dialog_can_save (dialog));

  /* Picking a day in the calendar writes it in the field and clears the error. */
  day = g_date_time_new_local (2026, 8, 19, 0, 0, 0);
  gtk_calendar_select_day (calendar, day);
  g_signal_emit_by_name (calendar, "day-selected");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (date)), ==, "2026-08-19");
  g_assert_false (gtk_widget_has_css_class (date, "error"));
  g_assert_false (gtk_widget_get_visible (message));
  g_assert_true (_cc_event_dialog_can_save (dialog));

  /* Typing a valid date moves the calendar to it. */
  gtk_editable_set_text (GTK_EDITABLE (date), "2025-11-03");
  {
    g_autoptr(GDateTime) shown = gtk_calendar_get_date (calendar);

    g_assert_cmpint (g_date_time_get_year (shown), ==, 2025);
    g_assert_cmpint (g_date_time_get_month (shown), ==, 11);
    g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 3);
  }

  gtk_window_destroy (GTK_WINDOW (dialog));
  cc_ui_test_close_window (window);
}

/* Which part of the window @widget is in, in the order the eye reads it. */
static const char *
region_of (CcWindow  *window,
           GtkWidget *widget)
{
  if (gtk_widget_is_ancestor (widget, GTK_WIDGET (window->header_bar)))
    return "header bar";
  if (gtk_widget_is_ancestor (widget, adw_flap_get_flap (window->sidebar_flap)))
    return "sidebar";
  if (gtk_widget_is_ancestor (widget, adw_flap_get_content (window->panel_flap)))
    return "chart";
  if (gtk_widget_is_ancestor (widget, adw_flap_get_flap (window->panel_flap)))
    return "side panel";
  return "elsewhere";
}

/* The regions Tab (or Shift+Tab) visits from nothing focused, in order, once round. */
static char *
focus_order (CcWindow         *window,
             GtkDirectionType  direction)
{
  GString *order = g_string_new (NULL);
  const char *last = NULL;
  GtkWidget *first = NULL;

  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  for (guint i = 0; i < 400; i++)
    {
      GtkWidget *focus;
      const char *region;

      if (!gtk_widget_child_focus (GTK_WIDGET (window), direction))
        {
          /* Past the last control: the window wraps around to the first. */
          gtk_window_set_focus (GTK_WINDOW (window), NULL);
          continue;
        }
      focus = gtk_root_get_focus (GTK_ROOT (window));
      g_assert_nonnull (focus);
      if (focus == first)
        break;
      if (first == NULL)
        first = focus;
      region = region_of (window, focus);
      if (region != last)
        g_string_append_printf (order, "%s%s", order->len ? ", " : "", region);
      last = region;
    }
  return g_string_free (order, FALSE);
}

/* Tab goes through the window as it is laid out: header bar, sidebar, chart, side panel; and
 * Shift+Tab the other way. The window opens with the focus in the header bar. (Wide enough
 * for both panels: below about 1300 px the side panel folds away to leave the chart room.) */
static void
test_tab_order (void)
{
  CcWindow *window;
  g_autofree char *forward = NULL;
  g_autofree char *backward = NULL;

  cc_ui_test_reset_settings (app);
  window = cc_ui_test_new_window (app, 1600, 1000);
  g_assert_nonnull (gtk_root_get_focus (GTK_ROOT (window)));
  g_assert_cmpstr (region_of (window, gtk_root_get_focus (GTK_ROOT (window))), ==, "header bar");

  forward = focus_order (window, GTK_DIR_TAB_FORWARD);
  g_assert_cmpstr (forward, ==, "header bar, sidebar, chart, side panel");
  backward = focus_order (window, GTK_DIR_TAB_BACKWARD);
  g_assert_cmpstr (backward, ==, "side panel, chart, sidebar, header bar");
  cc_ui_test_close_window (window);
}

/* A screen reader announces a row, an expander or a toggle by its accessible name: a label, or
 * the widget it is labelled by. GTK 4.8 names nothing from its content. */
static gboolean
is_named (GtkWidget *widget)
{
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL) ||
         gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                           GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

static const char *
kind_to_check (GtkWidget *widget)
{
  /* Every list box row, whatever role it takes (libadwaita's combo and entry rows are a combo
   * box and a text box to a screen reader, read by the same name). */
  if (GTK_IS_LIST_BOX_ROW (widget) && !ADW_IS_PREFERENCES_ROW (widget) &&
      gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (widget)) == NULL)
    return NULL;
  if (ADW_IS_PREFERENCES_ROW (widget))
    return "row";

  switch ((int) gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)))
    {
    case GTK_ACCESSIBLE_ROLE_LIST_ITEM:
    case GTK_ACCESSIBLE_ROLE_ROW:
      /* A table's row (GtkColumnView) is read cell by cell, each cell by its text. */
      if (gtk_widget_get_ancestor (widget, GTK_TYPE_COLUMN_VIEW) != NULL)
        return NULL;
      /* A combo row shows its value in a one-item list: read as part of the named row. */
      if (gtk_widget_get_ancestor (widget, ADW_TYPE_COMBO_ROW) != NULL &&
          !ADW_IS_COMBO_ROW (widget))
        return NULL;
      /* A list box row that only holds a header or a separator is not read as a row. */
      return !GTK_IS_LIST_BOX_ROW (widget) ||
             gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (widget)) != NULL ? "row" : NULL;
    case GTK_ACCESSIBLE_ROLE_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_SWITCH:
    case GTK_ACCESSIBLE_ROLE_RADIO:
      return "toggle";
    case GTK_ACCESSIBLE_ROLE_BUTTON:
      /* GTK 4.8 has no toggle-button role: a toggle is a button with a pressed state. */
      if (GTK_IS_TOGGLE_BUTTON (widget))
        return "toggle";
      break;
    default:
      break;
    }
  if (GTK_IS_EXPANDER (widget) || ADW_IS_EXPANDER_ROW (widget))
    return "expander";
  return NULL;
}

/* Walks what a screen reader can reach: every widget that is visible (shown or in a stack page
 * not in front, which the user can switch to), not the insides of popovers, which GTK names. */
static void
collect_unnamed_rows (GtkWidget *widget,
                      GString   *unnamed,
                      guint     *n_checked)
{
  const char *kind;

  if (!gtk_widget_get_visible (widget) || GTK_IS_POPOVER (widget))
    return;

  kind = kind_to_check (widget);

  if (kind != NULL)
    {
      (*n_checked)++;
      if (!is_named (widget))
        {
          GtkWidget *label = cc_ui_test_find_type (widget, GTK_TYPE_LABEL);

          GtkWidget *parent = gtk_widget_get_parent (widget);

          g_string_append_printf (unnamed, "%s%s %s in %s (%s)", unnamed->len ? ", " : "", kind,
                                  G_OBJECT_TYPE_NAME (widget),
                                  parent ? G_OBJECT_TYPE_NAME (parent) : "nothing",
                                  label ? gtk_label_get_text (GTK_LABEL (label)) : "no text");
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unnamed_rows (child, unnamed, n_checked);
}

static void
test_accessible_rows (void)
{
  CcWindow *window;
  g_autoptr(GString) unnamed = g_string_new (NULL);
  guint n_checked = 0;

  cc_ui_test_reset_settings (app);
  window = cc_ui_test_new_window (app, 1280, 800);
  /* A user ticker and a user event bring their own rows. */
  g_assert_true (_cc_window_add_ticker (window, "ASML"));
  cc_ui_test_iterate (100);
  collect_unnamed_rows (GTK_WIDGET (window), unnamed, &n_checked);
  /* The symbols (about 25 rows with their check buttons), the events, the panel. */
  g_assert_cmpuint (n_checked, >, 60);
  if (unnamed->len > 0)
    g_error ("Rows, expanders and toggles without an accessible name: %s", unnamed->str);

  /* The dialogs' rows and switches too. */
  {
    const char *actions[] = { "win.export", "win.add-event" };

    for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
      {
        GtkWindow *dialog;
        guint n_dialog = 0;

        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), actions[i], NULL));
        cc_ui_test_iterate (200);
        dialog = find_toplevel (ADW_TYPE_WINDOW, GTK_WINDOW (window));
        g_assert_nonnull (dialog);
        collect_unnamed_rows (GTK_WIDGET (dialog), unnamed, &n_dialog);
        g_test_message ("%s: %s, %u checked", actions[i], G_OBJECT_TYPE_NAME (dialog), n_dialog);
        g_assert_cmpuint (n_dialog, >=, 3);
        gtk_window_destroy (dialog);
        cc_ui_test_iterate (50);
      }
    if (unnamed->len > 0)
      g_error ("Dialog rows and toggles without an accessible name: %s", unnamed->str);
  }

  _cc_window_remove_ticker (window, "ASML");
  cc_ui_test_close_window (window);
}

/* The first mapped label under @widget whose text starts with @prefix, or NULL. */
static GtkLabel *
find_label_with_prefix (GtkWidget  *widget,
                        const char *prefix)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), prefix))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label_with_prefix (child, prefix);

      if (found)
        return found;
    }
  return NULL;
}

/* The export dialog's chosen size preset reads in full in its row: libadwaita 1.2's default
 * label cut "As on Screen (1007 × 703)" at twenty characters (and the German form too). */
static void
test_export_preset_unabridged (void)
{
  GSettings *settings = cc_application_get_settings (app);
  CcWindow *window;
  GtkWindow *dialog;
  GtkLabel *label;

  cc_ui_test_reset_settings (app);
  g_settings_set_string (settings, "export-size", "screen");
  window = cc_ui_test_new_window (app, 1280, 800);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  cc_ui_test_iterate (200);
  dialog = find_toplevel (ADW_TYPE_WINDOW, GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  label = find_label_with_prefix (GTK_WIDGET (dialog), "As on Screen (");
  g_assert_nonnull (label);
  g_test_message ("preset row: %s, %d px wide", gtk_label_get_label (label),
                  gtk_widget_get_width (GTK_WIDGET (label)));
  g_assert_true (g_str_has_suffix (gtk_label_get_label (label), ")"));
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
  gtk_window_destroy (dialog);
  cc_ui_test_iterate (50);
  g_settings_reset (settings, "export-size");
  cc_ui_test_close_window (window);
}

/* Shift-drag draws its band over the plot only: not over the title, the event lanes or the
 * legend, even when the drag starts or ends outside the plot. */
static void
test_zoom_band_on_plot (void)
{
  CcWindow *window;
  CcChartView *view;
  CcChartRect plot, band;
  double z;

  cc_ui_test_reset_settings (app);
  window = cc_ui_test_new_window (app, 1280, 800);
  view = _cc_window_get_chart_view (window);
  z = cc_chart_view_get_scale (view);
  g_assert_true (cc_chart_get_plot_area (_cc_window_get_chart (window), &plot));
  plot.x *= z;
  plot.y *= z;
  plot.width *= z;
  plot.height *= z;
  /* The figure has a title above the plot and a legend below or beside it. */
  g_assert_cmpfloat (plot.y, >, 10);

  /* From the left margin to past the right edge, started on the title. */
  _cc_chart_view_drag (view, 2, 5, plot.x + plot.width + 100, 0, TRUE, FALSE);
  g_assert_true (_cc_chart_view_get_band (view, &band));
  g_assert_cmpfloat (band.y, >=, plot.y);
  g_assert_cmpfloat (band.y + band.height, <=, plot.y + plot.height + 1);
  g_assert_cmpfloat (band.x, >=, plot.x);
  g_assert_cmpfloat (band.x + band.width, <=, plot.x + plot.width + 1);
  g_assert_cmpfloat (band.width, >, plot.width - 2);

  /* Ending the drag zooms to the band's dates. */
  {
    double start = plot.x + plot.width * 0.25;
    CcDate from, to;

    _cc_chart_view_drag (view, start, plot.y + 20, plot.width * 0.5, 0, TRUE, TRUE);
    g_assert_false (_cc_chart_view_get_band (view, &band));
    cc_chart_get_range (_cc_window_get_chart (window), &from, &to);
    g_assert_cmpint (from, !=, CC_DATE_INVALID);
    g_assert_cmpint (to, !=, CC_DATE_INVALID);
    g_assert_cmpint (to - from, >, 10);
  }

  /* A plain drag pans and draws no band. */
  _cc_chart_view_drag (view, plot.x + 50, plot.y + 20, 80, 0, FALSE, FALSE);
  g_assert_false (_cc_chart_view_get_band (view, &band));
  cc_ui_test_close_window (window);
}

/* Over the plot the legend follows the pointer: the chart's cursor is the day under it and the
 * next drawing heads the legend's values with that day; off the plot, and once the pointer
 * leaves, the legend is back at the last bar. */
static void
test_legend_follows_pointer (void)
{
  CcWindow *window;
  CcChartView *view;
  CcChart *chart;
  CcChartRect plot;
  CcDate day;
  double z;

  cc_ui_test_reset_settings (app);
  window = cc_ui_test_new_window (app, 1280, 800);
  view = _cc_window_get_chart_view (window);
  chart = _cc_window_get_chart (window);
  z = cc_chart_view_get_scale (view);
  g_assert_true (cc_chart_get_plot_area (chart, &plot));
  g_assert_cmpint (cc_chart_get_cursor (chart), ==, CC_DATE_INVALID);

  _cc_chart_view_hover (view, (plot.x + plot.width * 0.3) * z, (plot.y + plot.height / 2) * z);
  day = cc_chart_date_at_x (chart, plot.x + plot.width * 0.3);
  g_assert_cmpint (day, !=, CC_DATE_INVALID);
  g_assert_cmpint (cc_chart_get_cursor (chart), ==, day);
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1200, 700);
    cairo_t *cr = cairo_create (surface);
    g_autofree char *shown = NULL;
    g_autofree char *expected = cc_chart_format_date (day, TRUE);

    cc_chart_draw (chart, cr, 1200, 700);
    shown = _cc_chart_get_legend_date (chart);
    g_assert_cmpstr (shown, ==, expected);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }

  /* Over the title: no day. */
  _cc_chart_view_hover (view, (plot.x + 20) * z, 5);
  g_assert_cmpint (cc_chart_get_cursor (chart), ==, CC_DATE_INVALID);
  _cc_chart_view_hover (view, (plot.x + plot.width * 0.6) * z, (plot.y + 10) * z);
  g_assert_cmpint (cc_chart_get_cursor (chart), !=, CC_DATE_INVALID);
  _cc_chart_view_hover (view, -1, -1);
  g_assert_cmpint (cc_chart_get_cursor (chart), ==, CC_DATE_INVALID);
  cc_ui_test_close_window (window);
}

/* A loopback Yahoo that fails (rate limited) until told to answer. */
typedef struct
{
  GBytes   *body;
  gboolean  fail;
} Server;

static void
yahoo_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Server *state = user_data;

  if (state->fail)
    {
      static const char busy[] = "Too Many Requests";

      soup_server_message_set_status (msg, 429, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, busy,
                                        strlen (busy));
      return;
    }

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (state->body, NULL),
                                    g_bytes_get_size (state->body));
}

static void
refresh_and_wait (CcWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL));
  g_assert_true (window->refreshing);
  while (window->refreshing && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (window->refreshing);
  cc_ui_test_iterate (50);
}

/* A failed refresh keeps the data and says it is stale, with when and why, until a refresh
 * works. The error toast's text is whole, behind its Details button. */
static void
test_stale_after_failed_refresh (void)
{
  CcWindow *window;
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "yahoo",
                                                    "chart_SOX_2026-09-08_to_2026-10-05_1d"
                                                    ".body.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *tooltip = NULL;
  Server state = { NULL, TRUE };
  gboolean reconstructed, stale;
  GSList *uris;
  gsize length;

  g_assert_true (g_file_get_contents (fixture, &contents, &length, &error));
  g_assert_no_error (error);
  state.body = g_bytes_new_take (g_steal_pointer (&contents), length);
  soup_server_add_handler (server, "/v8/finance/chart", yahoo_handler, &state, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  cc_ui_test_reset_settings (app);
  g_settings_set_string (cc_application_get_settings (app), "yahoo-url", url);
  window = cc_ui_test_new_window (app, 1280, 800);
  _cc_window_get_badges (window, &reconstructed, &stale);
  g_assert_false (stale);

  refresh_and_wait (window);
  _cc_window_get_badges (window, &reconstructed, &stale);
  g_assert_true (stale);
  g_object_get (window->stale_badge, "tooltip-text", &tooltip, NULL);
  g_assert_nonnull (strstr (tooltip, "failed"));
  g_assert_nonnull (strstr (tooltip, "last good data"));
  /* The provider's answer is named in full (rate limited), not cut. */
  g_assert_nonnull (window->refresh_error);
  g_assert_nonnull (strstr (tooltip, window->refresh_error));
  g_assert_nonnull (window->last_error);
  g_assert_nonnull (strstr (window->last_error, window->refresh_error));

  /* The Details dialog shows the whole message. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-error", "(ss)",
                                             "Refresh failed", window->refresh_error));
  cc_ui_test_iterate (100);
  {
    AdwMessageDialog *details =
      ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window)));

    g_assert_nonnull (details);
    g_assert_cmpstr (adw_message_dialog_get_body (details), ==, window->refresh_error);
    gtk_window_destroy (GTK_WINDOW (details));
  }

  /* A refresh that works clears it. */
  state.fail = FALSE;
  refresh_and_wait (window);
  _cc_window_get_badges (window, &reconstructed, &stale);
  g_assert_false (stale);
  g_assert_null (window->refresh_error);

  cc_ui_test_close_window (window);
  g_settings_reset (cc_application_get_settings (app), "yahoo-url");
  g_bytes_unref (state.body);
}

/* The shortcuts window is built on first use, not with the window, and still opens from its
 * accelerator and the main menu's action, in front of its window. */
static void
test_shortcuts_window_on_demand (void)
{
  CcWindow *window;
  GtkShortcutsWindow *overlay;
  g_auto(GStrv) accels = NULL;

  cc_ui_test_reset_settings (app);
  window = cc_ui_test_new_window (app, 1280, 800);
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                  "win.show-help-overlay");
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>question"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay",
                                             NULL));
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (overlay)) == GTK_WINDOW (window));
  gtk_window_close (GTK_WINDOW (overlay));
  cc_ui_test_iterate (50);

  /* Opened again, it is the same window, not a second one. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay",
                                             NULL));
  g_assert_true (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))
                 == overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  gtk_window_close (GTK_WINDOW (overlay));
  cc_ui_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  /* The test accessibility backend keeps the accessible properties where
   * gtk_test_accessible_has_property() can see them (and talks to no bus). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  /* The strings the tests look for are the English ones. */
  g_setenv ("LANGUAGE", "C", TRUE);
  home = cc_ui_test_make_home ("cc-ui-edges-XXXXXX");

  if (!cc_ui_test_open_display ())
    return 77;

  app = cc_ui_test_new_app ();

  g_test_add_func ("/ui/edges/remove-ticker-and-undo", test_remove_ticker_and_undo);
  g_test_add_func ("/ui/edges/remove-ticker-two-windows", test_remove_ticker_two_windows);
  g_test_add_func ("/ui/edges/ticker-context-menu", test_ticker_context_menu);
  g_test_add_func ("/ui/edges/add-ticker-closes", test_add_ticker_closes);
  g_test_add_func ("/ui/edges/event-dialog-validation", test_event_dialog_validation);
  g_test_add_func ("/ui/edges/tab-order", test_tab_order);
  g_test_add_func ("/ui/edges/shortcuts-window-on-demand", test_shortcuts_window_on_demand);
  g_test_add_func ("/ui/edges/accessible-rows", test_accessible_rows);
  g_test_add_func ("/ui/edges/export-preset-unabridged", test_export_preset_unabridged);
  g_test_add_func ("/ui/edges/zoom-band-on-plot", test_zoom_band_on_plot);
  g_test_add_func ("/ui/edges/legend-follows-pointer", test_legend_follows_pointer);
  /* Last: it replaces series of the shared dataset with fetched ones. */
  g_test_add_func ("/ui/edges/stale-after-failed-refresh", test_stale_after_failed_refresh);

  ret = g_test_run ();
  g_object_unref (app);
  cc_ui_test_remove_tree (home);
  return ret;
}
