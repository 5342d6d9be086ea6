/* test-filings.c: filing markers in the window, fed by a SoupServer on 127.0.0.1 serving the
 * SEC EDGAR fixtures of tests/data/edgar: no request without a contact, the contact asked for
 * once and saved, MU's results markers drawn on MU's line at the right event days, the hover
 * text, the per-kind toggles, two companies' markers on one day kept apart, and a filing made
 * while the window is open brought by Refresh. */
#include "config.h"

#include <adwaita.h>
#include <libsoup/soup.h>
#include <math.h>
#include <string.h>

#include "cc-application.h"
#include "cc-chart-filings-test.h"
#include "cc-chart-private.h"
#include "cc-chart-view-private.h"
#include "cc-chart.h"
#include "cc-test-edgar-server.h"
#include "cc-ui-test.h"
#include "cc-window-private.h"
#include "cc-window.h"

#define CONTACT "Jane Doe jane.doe@example.org"
#define D(y, m, d) cc_date_from_ymd (y, m, d)

static CcApplication *app;
static CcTestEdgarServer *server;

static void
reset_settings (void)
{
  GSettings *settings = cc_application_get_settings (app);

  cc_ui_test_reset_settings (app);
  g_settings_set_string (settings, "edgar-data-url", server->base_url);
  g_settings_set_string (settings, "edgar-www-url", server->base_url);
  cc_edgar_store_reset (cc_application_get_edgar_store (app));
}

static CcWindow *
new_window (const char * const *items)
{
  g_settings_set_strv (cc_application_get_settings (app), "items", items);
  g_settings_set_string (cc_application_get_settings (app), "range", "max");
  return cc_ui_test_new_window (app, 1280, 800);
}

static gboolean
chart_is_drawn (gpointer chart)
{
  return _cc_chart_is_drawn (chart);
}

/* Until the window's fetch of filings has ended (at most 30 s: a loaded machine is slow),
 * then until the chart has drawn what it got. */
static void
wait_for_filings (CcWindow *window,
                  guint     fetches)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (window->filings_fetches < fetches && g_get_monotonic_time () < end)
    cc_ui_test_iterate (20);
  g_assert_cmpuint (window->filings_fetches, >=, fetches);
  gtk_widget_queue_draw (GTK_WIDGET (_cc_window_get_chart_view (window)));
  cc_ui_test_iterate (50);
  g_assert_true (cc_ui_test_wait_until (chart_is_drawn, _cc_window_get_chart (window), 20000));
}

static void
clipboard_text_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
  if (*text == NULL)
    *text = g_strdup ("");
}

static gboolean
string_is_set (gpointer data)
{
  return *(char **) data != NULL;
}

static AdwMessageDialog *
find_contact_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)),
                     "Contact for SEC EDGAR") == 0)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
contact_dialog_shown (gpointer data)
{
  return find_contact_dialog () != NULL;
}

static gboolean
contact_dialog_gone (gpointer data)
{
  return find_contact_dialog () == NULL;
}

/* The contact dialog, once it shows (a loaded machine may take a while to map it). */
static AdwMessageDialog *
wait_for_contact_dialog (void)
{
  cc_ui_test_wait_until (contact_dialog_shown, NULL, 20000);
  return find_contact_dialog ();
}

/* The drawn markers of @kind on @item's line, in day order. */
static GArray *
markers (CcChart      *chart,
         const char   *item,
         CcFilingKind  kind)
{
  g_autoptr(GArray) all = _cc_chart_get_drawn_filings (chart);
  GArray *out = g_array_new (FALSE, TRUE, sizeof (CcChartDrawnFiling));

  for (guint i = 0; i < all->len; i++)
    {
      CcChartDrawnFiling *d = &g_array_index (all, CcChartDrawnFiling, i);

      if (g_str_equal (d->item, item) && d->kind == kind)
        {
          CcChartDrawnFiling copy = *d;

          copy.symbol = copy.item = copy.form = NULL;
          g_array_append_val (out, copy);
        }
    }
  return out;
}

/* The y of @item's line at @day, from the chart's own read-out. */
static double
line_y (CcChart    *chart,
        const char *item,
        CcDate      day)
{
  g_autoptr(GArray) values = cc_chart_get_values_at (chart, day);

  for (guint i = 0; i < values->len; i++)
    {
      CcChartValue *v = &g_array_index (values, CcChartValue, i);

      if (g_str_equal (v->item, item) && v->has_value)
        return v->y;
    }
  return NAN;
}

/* Without a contact nothing is asked of EDGAR; turning filings on asks for one once, the
 * dialog saves only a valid address, and saving it brings the markers. */
static void
test_contact_asked_once (void)
{
  static const char * const items[] = { "MU", NULL };
  GSettings *settings = cc_application_get_settings (app);
  CcWindow *window;
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  g_autoptr(GArray) results = NULL;
  g_autofree char *user_agent = NULL;
  guint hits;

  reset_settings ();
  hits = cc_test_edgar_server_get_hits (server);
  window = new_window (items);
  g_assert_null (find_contact_dialog ());
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "edgar-contact"));

  g_action_group_activate_action (G_ACTION_GROUP (window), "show-filings", NULL);
  dialog = wait_for_contact_dialog ();
  g_assert_true (g_settings_get_boolean (settings, "show-filings"));
  g_assert_nonnull (dialog);
  g_assert_cmpuint (cc_test_edgar_server_get_hits (server), ==, hits);

  entry = adw_message_dialog_get_extra_child (dialog);
  gtk_editable_set_text (GTK_EDITABLE (entry), "not an address");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  gtk_editable_set_text (GTK_EDITABLE (entry), CONTACT);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (cc_ui_test_wait_until (contact_dialog_gone, NULL, 20000));
  g_assert_cmpstr (g_settings_get_string (settings, "edgar-contact"), ==, CONTACT);

  wait_for_filings (window, 1);
  g_assert_cmpuint (cc_test_edgar_server_get_hits (server), >, hits);
  user_agent = cc_test_edgar_server_dup_user_agent (server);
  g_assert_nonnull (strstr (user_agent, "(" CONTACT ")"));
  results = markers (_cc_window_get_chart (window), "MU", CC_FILING_RESULTS);
  g_assert_cmpuint (results->len, ==, 2);

  /* Off and on again: the contact is not asked for a second time. */
  g_settings_set_boolean (settings, "show-filings", FALSE);
  g_settings_set_string (settings, "edgar-contact", "");
  cc_edgar_store_reset (cc_application_get_edgar_store (app));
  g_settings_set_boolean (settings, "show-filings", TRUE);
  cc_ui_test_iterate (200);
  g_assert_null (find_contact_dialog ());
  cc_ui_test_close_window (window);
}

/* MU's results (its 10-K accepted on Friday 31 October 2025 at 16:30 New York time, its
 * results 8-K on 2 July 2026 at 16:30, before the 3 July holiday) are drawn on MU's line on
 * the next sessions, 3 November 2025 and 6 July 2026; nothing else of its is a results
 * filing within the chart's range. */
/* Sends @keyval to @widget's key controller, as a key press with no modifier does. */
static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (!GTK_IS_EVENT_CONTROLLER_KEY (controller))
        continue;
      g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0,
                             &handled);
      return handled;
    }
  g_assert_not_reached ();
  return FALSE;
}

static void
filing_activated_cb (CcChartView *view,
                     const char  *url,
                     char       **opened)
{
  g_free (*opened);
  *opened = g_strdup (url);
}

static void
test_mu_results_on_line (void)
{
  static const char * const items[] = { "MU", "META", NULL };
  const CcDate days[] = { D (2025, 11, 3), D (2026, 7, 6) };
  GSettings *settings = cc_application_get_settings (app);
  CcWindow *window;
  CcChart *chart;
  CcChartView *view;
  double z;
  g_autoptr(GArray) results = NULL;
  g_autoptr(GArray) other = NULL;
  g_autofree char *key = NULL;

  reset_settings ();
  g_settings_set_string (settings, "edgar-contact", CONTACT);
  window = new_window (items);
  chart = _cc_window_get_chart (window);
  view = _cc_window_get_chart_view (window);
  {
    g_autoptr(GArray) before = _cc_chart_get_drawn_filings (chart);

    g_assert_cmpuint (before->len, ==, 0);
  }

  g_settings_set_boolean (settings, "show-filings", TRUE);
  wait_for_filings (window, 1);

  results = markers (chart, "MU", CC_FILING_RESULTS);
  g_assert_cmpuint (results->len, ==, G_N_ELEMENTS (days));
  for (guint i = 0; i < results->len; i++)
    {
      CcChartDrawnFiling *d = &g_array_index (results, CcChartDrawnFiling, i);
      double y = line_y (chart, "MU", days[i]);

      g_assert_true (d->drawn);
      g_assert_cmpint (d->event_day, ==, days[i]);
      g_assert_cmpfloat_with_epsilon (d->x, cc_chart_x_for_date (chart, days[i]), 0.01);
      g_assert_false (isnan (y));
      g_assert_cmpfloat_with_epsilon (d->line_y, y, 0.01);
      /* On the line itself: nothing had to move it. */
      g_assert_cmpfloat_with_epsilon (d->y, y, 0.01);
    }
  /* META is not in the ticker list: quietly no markers, no toast. */
  g_assert_null (window->last_error);
  /* The key says where the markers come from and when they were fetched: just now. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *today = g_date_time_format (now, "%-d %b %Y");
    g_autofree char *expected = g_strdup_printf ("Filings (SEC EDGAR, fetched %s): E results "
                                                 "(10-Q, 10-K, 20-F, 8-K 2.02)", today);

    key = _cc_chart_get_text (chart, CC_CHART_TEXT_FILINGS_KEY);
    g_assert_cmpstr (key, ==, expected);
  }

  /* Hovering the 10-K's marker names it with both acceptance times. */
  z = cc_chart_view_get_scale (view);
  {
    CcChartDrawnFiling *d = &g_array_index (results, CcChartDrawnFiling, 0);
    g_autofree char *tip = _cc_chart_view_describe_at (view, d->x * z, d->y * z);
    const CcChartFiling *filing = cc_chart_filing_at (chart, d->x, d->y);

    g_assert_nonnull (tip);
    g_assert_nonnull (strstr (tip, "MU · 10-K"));
    g_assert_nonnull (strstr (tip, "31 Oct 2025 16:30 New York time"));
    g_assert_nonnull (strstr (tip, "local time"));
    g_assert_nonnull (filing);
    g_assert_true (g_str_has_prefix (filing->url, server->base_url));
    g_assert_nonnull (strstr (filing->url, "/Archives/edgar/data/723125/"));
  }

  /* A right click (or a long press, or the menu key over it) on the 10-K's marker offers to
   * open the filing or copy its link; Copy Link puts the filing's own URL on the clipboard. */
  {
    CcChartDrawnFiling *d = &g_array_index (results, CcChartDrawnFiling, 0);
    const CcChartFiling *filing = cc_chart_filing_at (chart, d->x, d->y);
    g_autofree char *url = g_strdup (filing->url);
    g_autofree char *copied = NULL;
    GtkPopover *menu;
    GMenuModel *model;
    guint found = 0;

    /* Away from every marker (the plot's top left corner) there is no such menu. */
    g_assert_false (_cc_chart_view_filing_menu_at (view, 1, 1));
    g_assert_null (_cc_chart_view_get_filing_menu (view));
    g_assert_true (_cc_chart_view_filing_menu_at (view, d->x * z, d->y * z));
    menu = _cc_chart_view_get_filing_menu (view);
    g_assert_nonnull (menu);
    cc_ui_test_iterate (100);
    g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (menu)));
    /* The marker's tooltip does not cover the menu. */
    g_assert_false (gtk_widget_get_has_tooltip (GTK_WIDGET (view)));
    g_assert_true (cc_ui_test_shows_text (GTK_WIDGET (menu), "Open Filing in Browser"));
    g_assert_true (cc_ui_test_shows_text (GTK_WIDGET (menu), "Copy Link"));
    model = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (menu));
    for (int i = 0; i < g_menu_model_get_n_items (model); i++)
      {
        g_autofree char *label = NULL;
        g_autofree char *action = NULL;
        g_autoptr(GVariant) target = NULL;

        g_assert_true (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s",
                                                        &label));
        g_assert_true (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s",
                                                        &action));
        target = g_menu_model_get_item_attribute_value (model, i, G_MENU_ATTRIBUTE_TARGET,
                                                        G_VARIANT_TYPE_STRING);
        g_assert_nonnull (target);
        g_assert_cmpstr (g_variant_get_string (target, NULL), ==, url);
        if (g_str_equal (label, "Open Filing in Browser"))
          {
            g_assert_cmpstr (action, ==, "chart.open-filing");
            found |= 1;
          }
        else if (g_str_equal (label, "Copy Link"))
          {
            /* As choosing the item does: its action, from the menu, with its target. */
            g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (menu), action,
                                                               target));
            found |= 2;
          }
      }
    g_assert_cmpuint (found, ==, 3);
    gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (view)), NULL,
                                   clipboard_text_cb, &copied);
    g_assert_true (cc_ui_test_wait_until (string_is_set, &copied, 5000));
    g_assert_cmpstr (copied, ==, url);
    g_assert_true (g_str_has_prefix (copied, server->base_url));
    gtk_popover_popdown (menu);
    cc_ui_test_iterate (50);
    g_assert_true (gtk_widget_get_has_tooltip (GTK_WIDGET (view)));
  }

  /* From the keyboard, with the chart focused: "." and "]" step to the next marker, left to
   * right and round again, "," and "[" to the one before; Menu opens its menu and Return the
   * filing, as the pointer would. Moving the chart lets go of it. */
  {
    CcChartDrawnFiling *first = &g_array_index (results, CcChartDrawnFiling, 0);
    CcChartDrawnFiling *second = &g_array_index (results, CcChartDrawnFiling, 1);
    const CcChartFiling *first_filing = cc_chart_filing_at (chart, first->x, first->y);
    const CcChartFiling *second_filing = cc_chart_filing_at (chart, second->x, second->y);
    g_autofree char *opened = NULL;
    GtkPopover *menu;
    GMenuModel *model;
    g_autoptr(GVariant) target = NULL;

    g_assert_true (first_filing != second_filing);
    gtk_widget_grab_focus (GTK_WIDGET (view));
    g_assert_null (_cc_chart_view_get_keyboard_filing (view));
    g_assert_true (press_key (GTK_WIDGET (view), GDK_KEY_period));
    g_assert_true (_cc_chart_view_get_keyboard_filing (view) == first_filing);
    cc_ui_test_iterate (100);   /* drawn with its focus ring and card */
    g_assert_true (press_key (GTK_WIDGET (view), GDK_KEY_bracketright));
    g_assert_true (_cc_chart_view_get_keyboard_filing (view) == second_filing);
    g_assert_true (press_key (GTK_WIDGET (view), GDK_KEY_period));
    g_assert_true (_cc_chart_view_get_keyboard_filing (view) == first_filing);
    g_assert_true (press_key (GTK_WIDGET (view), GDK_KEY_comma));
    g_assert_true (_cc_chart_view_get_keyboard_filing (view) == second_filing);
    cc_ui_test_iterate (100);

    g_assert_true (press_key (GTK_WIDGET (view), GDK_KEY_Menu));
    menu = _cc_chart_view_get_filing_menu (view);
    g_assert_nonnull (menu);
    cc_ui_test_iterate (100);
    g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (menu)));
    model = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (menu));
    target = g_menu_model_get_item_attribute_value (model, 0, G_MENU_ATTRIBUTE_TARGET,
                                                    G_VARIANT_TYPE_STRING);
    g_assert_cmpstr (g_variant_get_string (target, NULL), ==, second_filing->url);
    gtk_popover_popdown (menu);
    cc_ui_test_iterate (50);

    /* The menu closed, the keyboard is still on that marker; Return opens the filing (the
     * window's own handler, which would start a browser, is held back). */
    g_assert_true (_cc_chart_view_get_keyboard_filing (view) == second_filing);
    g_signal_handlers_block_matched (view, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, window);
    g_signal_connect (view, "filing-activated", G_CALLBACK (filing_activated_cb), &opened);
    g_assert_true (press_key (GTK_WIDGET (view), GDK_KEY_Return));
    g_assert_cmpstr (opened, ==, second_filing->url);
    g_signal_handlers_disconnect_by_func (view, filing_activated_cb, &opened);
    g_signal_handlers_unblock_matched (view, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, window);

    /* The pointer moving over the chart takes over from the keyboard. */
    g_assert_true (press_key (GTK_WIDGET (view), GDK_KEY_period));
    g_assert_nonnull (_cc_chart_view_get_keyboard_filing (view));
    _cc_chart_view_hover (view, 5, 5);
    g_assert_null (_cc_chart_view_get_keyboard_filing (view));
    g_assert_true (press_key (GTK_WIDGET (view), GDK_KEY_period));
    g_assert_true (_cc_chart_view_get_keyboard_filing (view) == first_filing);

    /* Panning moves the markers: the keyboard lets go, and Return no longer opens anything. */
    g_assert_true (press_key (GTK_WIDGET (view), GDK_KEY_Home));
    g_assert_null (_cc_chart_view_get_keyboard_filing (view));
    g_assert_false (press_key (GTK_WIDGET (view), GDK_KEY_Return));
    cc_ui_test_iterate (100);
  }

  /* Other 8-Ks on: the item 2.05 filing of 3 November 2025 shares the 10-K's day and is
   * stacked clear of it, joined to the same point of the line. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "filings-other", NULL);
  gtk_widget_queue_draw (GTK_WIDGET (view));
  cc_ui_test_iterate (200);
  other = markers (chart, "MU", CC_FILING_OTHER);
  g_assert_cmpuint (other->len, >=, 1);
  g_assert_cmpint (g_array_index (other, CcChartDrawnFiling, 0).event_day, ==, D (2025, 11, 3));
  {
    g_autoptr(GArray) again = markers (chart, "MU", CC_FILING_RESULTS);
    CcChartDrawnFiling *a = &g_array_index (again, CcChartDrawnFiling, 0);
    CcChartDrawnFiling *b = &g_array_index (other, CcChartDrawnFiling, 0);

    g_assert_cmpfloat_with_epsilon (a->line_y, b->line_y, 0.01);
    g_assert_cmpfloat (fabs (a->y - b->y), >=, (a->size + b->size) / 2);
  }

  /* Results off, from the legend's popover: their markers go, the others stay. */
  {
    g_autoptr(CcChartLayout) layout = cc_chart_layout (chart,
                                                       gtk_widget_get_width (GTK_WIDGET (view)) / z,
                                                       gtk_widget_get_height (GTK_WIDGET (view)) / z);
    GtkWidget *popover = NULL;
    GtkWidget *results_check;

    g_assert_true (_cc_chart_view_activate_at (view,
                                               (layout->legend.x + layout->legend.width / 2) * z,
                                               (layout->legend.y + layout->legend.height / 2) * z));
    cc_ui_test_iterate (200);
    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view));
         child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_POPOVER (child))
        popover = child;
    g_assert_nonnull (popover);
    results_check = cc_ui_test_find_actionable (gtk_popover_get_child (GTK_POPOVER (popover)),
                                                "win.filings-results", NULL);
    g_assert_nonnull (results_check);
    g_assert_true (gtk_widget_is_sensitive (results_check));
    g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (results_check)));
    g_assert_nonnull (strstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (results_check)),
                              "E  results"));
    /* As a click or the keyboard does: through its action, to the setting. */
    g_signal_emit_by_name (results_check, "activate");
    cc_ui_test_iterate (50);
    g_assert_false (g_settings_get_boolean (settings, "filings-results"));
    gtk_popover_popdown (GTK_POPOVER (popover));
  }
  gtk_widget_queue_draw (GTK_WIDGET (view));
  cc_ui_test_iterate (200);
  {
    g_autoptr(GArray) none = markers (chart, "MU", CC_FILING_RESULTS);

    g_assert_cmpuint (none->len, ==, 0);
  }
  g_settings_set_boolean (settings, "show-filings", FALSE);
  cc_ui_test_iterate (100);
  {
    g_autoptr(GArray) after = _cc_chart_get_drawn_filings (chart);

    g_assert_cmpuint (after->len, ==, 0);
  }
  cc_ui_test_close_window (window);
}

/* MU and NVDA report on the same days: no marker covers another or any label. */
static void
test_two_companies_apart (void)
{
  static const char * const items[] = { "MU", "NVDA", NULL };
  GSettings *settings = cc_application_get_settings (app);
  CcWindow *window;
  CcChart *chart;
  CcChartView *view;
  g_autoptr(GArray) all = NULL;
  g_autoptr(CcChartLayout) layout = NULL;
  double z;

  reset_settings ();
  g_settings_set_string (settings, "edgar-contact", CONTACT);
  g_settings_set_boolean (settings, "filings-other", TRUE);
  window = new_window (items);
  g_settings_set_boolean (settings, "show-filings", TRUE);
  wait_for_filings (window, 1);
  chart = _cc_window_get_chart (window);
  view = _cc_window_get_chart_view (window);
  z = cc_chart_view_get_scale (view);
  layout = cc_chart_layout (chart, gtk_widget_get_width (GTK_WIDGET (view)) / z,
                            gtk_widget_get_height (GTK_WIDGET (view)) / z);
  all = _cc_chart_get_drawn_filings (chart);
  g_assert_cmpuint (all->len, >=, 4);
  {
    CcChartRect key = _cc_chart_get_filings_key_rect (chart);
    const CcChartRect *rects[] = { &layout->title, &layout->legend, &layout->footer, &key };

    for (guint i = 0; i < all->len; i++)
      g_assert_true (g_array_index (all, CcChartDrawnFiling, i).drawn);
    cc_chart_filings_test_assert_clear (all, layout, rects, G_N_ELEMENTS (rects));
  }
  cc_ui_test_close_window (window);
}

/* Cancelling the contact dialog leaves filings on but draws nothing: a toast says why, and its
 * button opens the dialog again. */
static void
test_cancel_contact_tells_why (void)
{
  static const char * const items[] = { "MU", NULL };
  GSettings *settings = cc_application_get_settings (app);
  CcWindow *window;
  AdwMessageDialog *dialog;
  guint hits;

  reset_settings ();
  hits = cc_test_edgar_server_get_hits (server);
  window = new_window (items);
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-filings", NULL);
  dialog = wait_for_contact_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (cc_ui_test_shows_text (GTK_WIDGET (window), "Filings need a contact address"));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (cc_ui_test_wait_until (contact_dialog_gone, NULL, 20000));
  g_assert_true (g_settings_get_boolean (settings, "show-filings"));
  g_assert_cmpuint (cc_test_edgar_server_get_hits (server), ==, hits);
  g_assert_true (cc_ui_test_shows_text (GTK_WIDGET (window),
                                        "Filings need a contact address for SEC EDGAR"));
  {
    GtkWidget *button = cc_ui_test_find_button (GTK_WIDGET (window), "Set _Contact");

    g_assert_nonnull (button);
    gtk_widget_activate (button);
    dialog = wait_for_contact_dialog ();
    g_assert_nonnull (dialog);
    gtk_window_close (GTK_WINDOW (dialog));
    cc_ui_test_iterate (100);
  }
  cc_ui_test_close_window (window);
}

/* Filings are asked for from MU's first day on, which the recent page covers: the older page
 * of 2019 is not read. Filings fetched more than four days ago show the Stale badge, named in
 * its tooltip. */
static void
test_bounded_and_stale (void)
{
  static const char * const items[] = { "MU", NULL };
  GSettings *settings = cc_application_get_settings (app);
  CcEdgarStore *store = cc_application_get_edgar_store (app);
  CcWindow *window;
  CcSeries *mu;
  CcDate first;
  GPtrArray *filings;
  gboolean reconstructed, stale;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *tip;

  reset_settings ();
  g_settings_set_string (settings, "edgar-contact", CONTACT);
  window = new_window (items);
  mu = cc_dataset_get_history (window->dataset, "MU");
  g_assert_nonnull (mu);
  first = cc_series_get_first (mu)->date;
  /* The bundled MU line starts after the recent page's oldest filing (7 March 2025). */
  g_assert_cmpint (first, >, D (2025, 3, 7));
  g_settings_set_boolean (settings, "show-filings", TRUE);
  wait_for_filings (window, 1);
  g_assert_cmpuint (cc_test_edgar_server_count_path (
                      server, "/submissions/CIK0000723125-submissions-001.json"), ==, 0);
  /* Kept as covering MU from its first day, not before. */
  g_assert_null (cc_edgar_store_get_filings (store, "MU", first - 1));
  filings = cc_edgar_store_get_filings (store, "MU", first);
  g_assert_nonnull (filings);
  g_assert_cmpuint (filings->len, >, 0);

  /* Just fetched: prices bundled, filings fresh, no badge. */
  _cc_window_get_badges (window, &reconstructed, &stale);
  g_assert_false (stale);

  /* Five days on, as a window left open that long sees them. */
  for (guint i = 0; i < filings->len; i++)
    ((CcChartFiling *) g_ptr_array_index (filings, i))->fetched_at = now - 5 * 24 * 3600;
  g_settings_set_boolean (settings, "filings-other", TRUE);
  cc_ui_test_iterate (100);
  _cc_window_get_badges (window, &reconstructed, &stale);
  g_assert_true (stale);
  tip = gtk_widget_get_tooltip_text (GTK_WIDGET (window->stale_badge));
  g_assert_nonnull (tip);
  g_assert_nonnull (strstr (tip, "Filings from SEC EDGAR fetched more than four days ago: MU"));

  /* Filings off: their age no longer matters. */
  g_settings_set_boolean (settings, "show-filings", FALSE);
  cc_ui_test_iterate (100);
  _cc_window_get_badges (window, &reconstructed, &stale);
  g_assert_false (stale);
  cc_ui_test_close_window (window);
}

/* Presses Refresh as the user does and waits for the filings it asks for (and for the prices,
 * which the loopback server does not have: they fail quickly, never reaching the real Yahoo). */
static void
refresh_and_wait (CcWindow *window)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  guint fetches = window->filings_fetches;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL));
  wait_for_filings (window, fetches + 1);
  while (window->refreshing && g_get_monotonic_time () < end)
    cc_ui_test_iterate (20);
  g_assert_false (window->refreshing);
}

/* A window left open: MU files its results on Wednesday 23 September 2026 after the close,
 * and Refresh brings the marker on the 24th without reopening the window. A Refresh with
 * nothing new filed asks conditionally and gets a 304. */
static void
test_refresh_new_filing (void)
{
  static const char * const items[] = { "MU", NULL };
  GSettings *settings = cc_application_get_settings (app);
  CcWindow *window;
  CcChart *chart;
  guint not_modified, asked;
  const char *path = "/submissions/CIK0000723125.json";

  reset_settings ();
  cc_test_edgar_server_set_overlay (server, NULL);
  g_settings_set_string (settings, "edgar-contact", CONTACT);
  g_settings_set_string (settings, "yahoo-url", server->base_url);
  window = new_window (items);
  chart = _cc_window_get_chart (window);
  g_settings_set_boolean (settings, "show-filings", TRUE);
  wait_for_filings (window, 1);
  {
    g_autoptr(GArray) results = markers (chart, "MU", CC_FILING_RESULTS);

    g_assert_cmpuint (results->len, ==, 2);
  }

  /* Nothing new: one conditional request for the list, answered 304. */
  not_modified = cc_test_edgar_server_get_not_modified (server);
  asked = cc_test_edgar_server_count_path (server, path);
  refresh_and_wait (window);
  g_assert_cmpuint (cc_test_edgar_server_count_path (server, path), ==, asked + 1);
  g_assert_cmpuint (cc_test_edgar_server_get_not_modified (server), >, not_modified);
  {
    g_autoptr(GArray) results = markers (chart, "MU", CC_FILING_RESULTS);

    g_assert_cmpuint (results->len, ==, 2);
  }

  /* MU files. */
  cc_test_edgar_server_set_overlay (server, "edgar-refresh");
  refresh_and_wait (window);
  gtk_widget_queue_draw (GTK_WIDGET (_cc_window_get_chart_view (window)));
  cc_ui_test_iterate (200);
  {
    g_autoptr(GArray) results = markers (chart, "MU", CC_FILING_RESULTS);
    CcChartDrawnFiling *d;

    g_assert_cmpuint (results->len, ==, 3);
    d = &g_array_index (results, CcChartDrawnFiling, 2);
    g_assert_cmpint (d->event_day, ==, D (2026, 9, 24));
    g_assert_true (d->drawn);
    g_assert_cmpfloat_with_epsilon (d->line_y, line_y (chart, "MU", D (2026, 9, 24)), 0.01);
  }
  cc_test_edgar_server_set_overlay (server, NULL);
  cc_ui_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("GTK_A11Y", "test", TRUE);
  /* A fresh home: no EDGAR reply cached by an earlier run. */
  home = cc_ui_test_make_home ("cc-ui-filings-XXXXXX");
  g_unsetenv ("CHIPCYCLE_EDGAR_CONTACT");
  g_unsetenv ("CHIPCYCLE_EDGAR_DATA_URL");
  g_unsetenv ("CHIPCYCLE_EDGAR_WWW_URL");
  /* The acceptance times are checked in New York and in a local zone of our choosing. */
  g_setenv ("TZ", "Europe/Berlin", TRUE);

  if (!cc_ui_test_open_display ())
    return 77;

  server = cc_test_edgar_server_start ("edgar");

  app = cc_ui_test_new_app ();

  g_test_add_func ("/ui/filings/contact-asked-once", test_contact_asked_once);
  g_test_add_func ("/ui/filings/mu-results-on-line", test_mu_results_on_line);
  g_test_add_func ("/ui/filings/two-companies-apart", test_two_companies_apart);
  g_test_add_func ("/ui/filings/cancel-contact-tells-why", test_cancel_contact_tells_why);
  g_test_add_func ("/ui/filings/bounded-and-stale", test_bounded_and_stale);
  g_test_add_func ("/ui/filings/refresh-new-filing", test_refresh_new_filing);

  ret = g_test_run ();
  g_clear_object (&app);
  cc_test_edgar_server_stop (server);
  return ret;
}
