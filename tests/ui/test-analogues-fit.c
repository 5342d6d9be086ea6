/* test-analogues-fit.c: the Analogues page's table is seen whole at the default 1280x800
 * window, in English, German and French: every cell of every column lies inside the table's
 * viewport (nothing to scroll sideways to, which a scroll bar shown on hover only would hide),
 * and no cell's text is cut. For ^SOX around the default events, MU (abnormal returns) and the
 * memory/GPU ratio. Each language runs in a process of its own, with the build's catalogues. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "cc-application.h"
#include "cc-compare-view.h"
#include "cc-window-private.h"
#include "cc-window.h"

#include "cc-ui-test.h"
#include "cc-ui-test-language.h"

static GtkWidget *
find_grid (GtkWidget *widget)
{
  if (GTK_IS_GRID (widget) && gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_grid (c);

      if (found)
        return found;
    }
  return NULL;
}

/* The label showing the chosen item on the drop-down's button (not in its popup). */
static GtkWidget *
first_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = GTK_IS_POPOVER (c) ? NULL : first_label (c);

      if (found)
        return found;
    }
  return NULL;
}

/* Every cell of the table inside the viewport's width, whole; returns the number of columns. */
static guint
assert_table_fits (CcWindow   *window,
                   const char *what,
                   const char *language)
{
  GtkWidget *grid = find_grid (GTK_WIDGET (window->compare_view));
  GtkWidget *scroller;
  GtkAdjustment *h;
  int view_width, n_columns = 0, n_cells = 0, n_out = 0;

  g_assert_nonnull (grid);
  scroller = gtk_widget_get_ancestor (grid, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_true (gtk_widget_get_mapped (scroller));
  view_width = gtk_widget_get_width (scroller);
  h = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_printerr ("# %s, %s: viewport %d px, table %d px (needs %.0f of %.0f)\n", language, what,
              view_width, gtk_widget_get_width (grid), gtk_adjustment_get_upper (h),
              gtk_adjustment_get_page_size (h));
  g_assert_cmpint (view_width, >, 400);
  /* Nothing to scroll to sideways. */
  g_assert_cmpfloat (gtk_adjustment_get_upper (h), <=, gtk_adjustment_get_page_size (h) + 0.5);

  for (GtkWidget *c = gtk_widget_get_first_child (grid); c; c = gtk_widget_get_next_sibling (c))
    {
      PangoLayout *layout;
      PangoRectangle ink, logical;
      graphene_rect_t bounds;
      int column, row;

      if (!GTK_IS_LABEL (c))
        continue;
      gtk_grid_query_child (GTK_GRID (grid), c, &column, &row, NULL, NULL);
      n_columns = MAX (n_columns, column + 1);
      n_cells++;
      g_assert_true (gtk_widget_compute_bounds (c, scroller, &bounds));
      layout = gtk_label_get_layout (GTK_LABEL (c));
      pango_layout_get_pixel_extents (layout, &ink, &logical);
      if (bounds.origin.x < 0 || bounds.origin.x + bounds.size.width > view_width + 0.5 ||
          pango_layout_is_ellipsized (layout) || logical.width > gtk_widget_get_width (c) ||
          logical.height > gtk_widget_get_height (c))
        {
          n_out++;
          g_printerr ("# %s, %s: column %d row %d \"%s\" at x %.0f..%.0f, text %d x %d in "
                      "%d x %d\n", language, what, column, row,
                      gtk_label_get_text (GTK_LABEL (c)), bounds.origin.x,
                      bounds.origin.x + bounds.size.width, logical.width, logical.height,
                      gtk_widget_get_width (c), gtk_widget_get_height (c));
        }
    }
  /* Event, day 0, move, the four windows, the drawdown and the recovery; headings and two
   * events at least. */
  g_assert_cmpint (n_columns, ==, 9);
  g_assert_cmpint (n_cells, >=, 3 * 9);
  g_assert_cmpint (n_out, ==, 0);
  /* The table never widens the page past the chart's own least width (680 px in
   * cc-window.ui): a wider page folds the symbol list away at 1280x800. */
  {
    int min, page_min;

    gtk_widget_measure (scroller, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
    gtk_widget_measure (GTK_WIDGET (window->compare_view), GTK_ORIENTATION_HORIZONTAL, -1,
                        &page_min, NULL, NULL, NULL);
    g_printerr ("# %s, %s: table's least width %d px, the page's %d\n", language, what, min,
                page_min);
    g_assert_cmpint (min, <=, 680);
    /* Nor does the row of controls above it, whatever the item's name (a ratio's, in French,
     * asked 696 px before the name could be shortened). */
    g_assert_cmpint (page_min, <=, 680);
    g_assert_false (adw_flap_get_folded (window->sidebar_flap));
  }
  /* With the room of the default window, the chosen item's name is shown whole; where it is
   * cut, its tooltip holds it whole. */
  {
    GtkWidget *dropdown = cc_ui_test_find_type (GTK_WIDGET (window->compare_view),
                                                 GTK_TYPE_DROP_DOWN);
    GtkWidget *label = first_label (dropdown);
    const char *tooltip = NULL;
    guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown));
    GtkStringObject *item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (dropdown));

    g_assert_nonnull (label);
    g_assert_cmpuint (selected, !=, GTK_INVALID_LIST_POSITION);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==,
                     gtk_string_object_get_string (item));
    g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))));
    tooltip = gtk_widget_get_tooltip_text (label);
    g_assert_cmpstr (tooltip, ==, gtk_string_object_get_string (item));
  }
  return n_columns;
}

static gboolean
table_filled (gpointer data)
{
  CcWindow *window = data;
  g_autoptr(GPtrArray) table = cc_compare_view_get_table (window->compare_view);

  return table->len >= 3 && gtk_widget_get_width (find_grid (GTK_WIDGET (window->compare_view)))
                            > 0;
}

static void
test_analogues_fit (gconstpointer user_data)
{
  const CcUiTestLanguage *lang = user_data;

  if (!cc_ui_test_enter_language (lang))
    return;

  {
    const CcDate dates[] = { cc_date_from_ymd (2025, 11, 3), cc_date_from_ymd (2026, 7, 1) };
    CcApplication *app;
    CcWindow *window;

    app = cc_ui_test_new_app ();
    cc_ui_test_reset_settings (app);
    window = cc_ui_test_new_window (app, 1280, 800);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s",
                                               "analogues"));
    g_assert_true (cc_ui_test_wait_until (table_filled, window, 20000));
    cc_ui_test_iterate (200);
    assert_table_fits (window, "^SOX", lang->language);

    cc_compare_view_set_item (window->compare_view, "MU");
    cc_compare_view_set_events (window->compare_view, dates, G_N_ELEMENTS (dates));
    cc_ui_test_iterate (300);
    assert_table_fits (window, "MU", lang->language);

    cc_compare_view_set_item (window->compare_view, "basket:memory/basket:gpu");
    cc_ui_test_iterate (300);
    assert_table_fits (window, "memory/GPU", lang->language);

    cc_ui_test_close_window (window);
    g_object_unref (app);
  }
}

int
main (int   argc,
      char *argv[])
{
  return cc_ui_test_run_per_language (&argc, &argv, "/ui/analogues-fit", test_analogues_fit);
}
