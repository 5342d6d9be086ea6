/* test-sidebar-names.c: every name in the Symbols sidebar is shown whole at the default
 * 1280x800 window, in English, German and French: no label of the list is ellipsized, and each
 * label's text as laid out fits the room the label was given (so nothing is cut at its right or
 * bottom edge). Each language runs in a process of its own, with the build's catalogues. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "cc-application.h"
#include "cc-window-private.h"
#include "cc-window.h"

#include "cc-ui-test.h"
#include "cc-ui-test-language.h"

typedef struct {
  guint n_labels;
  guint n_cut;
  guint n_wrapped;
} Tally;

/* Checks every mapped label under @widget; counts and names those cut. */
static void
check_labels (GtkWidget  *widget,
              const char *language,
              Tally      *tally)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    {
      PangoLayout *layout = gtk_label_get_layout (GTK_LABEL (widget));
      int width = gtk_widget_get_width (widget);
      int height = gtk_widget_get_height (widget);
      PangoRectangle ink, logical;
      gboolean cut;

      pango_layout_get_pixel_extents (layout, &ink, &logical);
      cut = pango_layout_is_ellipsized (layout) || logical.width > width ||
            logical.height > height;
      tally->n_labels++;
      if (pango_layout_get_line_count (layout) > 1)
        tally->n_wrapped++;
      if (cut)
        {
          tally->n_cut++;
          g_printerr ("# %s: \"%s\" cut: %s, text %d x %d px in %d x %d\n", language,
                      gtk_label_get_text (GTK_LABEL (widget)),
                      pango_layout_is_ellipsized (layout) ? "ellipsized" : "clipped",
                      logical.width, logical.height, width, height);
        }
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    check_labels (c, language, tally);
}

static void
test_sidebar_names (gconstpointer user_data)
{
  const CcUiTestLanguage *lang = user_data;

  if (!cc_ui_test_enter_language (lang))
    return;

  {
    g_autofree char *gpu = NULL;
    Tally tally = { 0, };
    CcApplication *app;
    CcWindow *window;

    app = cc_ui_test_new_app ();
    cc_ui_test_reset_settings (app);
    /* The default size: the sidebar is shown at its own width beside the chart. */
    window = cc_ui_test_new_window (app, 1280, 800);
    cc_ui_test_iterate (300);
    g_assert_true (adw_flap_get_reveal_flap (window->sidebar_flap));
    g_assert_false (adw_flap_get_folded (window->sidebar_flap));
    g_assert_cmpstr (gtk_stack_get_visible_child_name (window->sidebar_stack), ==, "symbols");
    g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window->symbol_list)));

    /* The longest basket name, which the list used to cut, is among the rows. */
    gpu = g_strdup_printf (_("%s basket"), _("GPU & chip designers"));
    g_assert_true (cc_ui_test_shows_text (GTK_WIDGET (window->symbol_list), gpu));

    check_labels (GTK_WIDGET (window->symbol_list), lang->language, &tally);
    g_printerr ("# %s: %u labels in the Symbols list, %u on more than one line, %u cut; "
                "list %d px wide\n", lang->language, tally.n_labels, tally.n_wrapped,
                tally.n_cut, gtk_widget_get_width (GTK_WIDGET (window->symbol_list)));
    /* Every symbol's ticker and name, every basket's: dozens of labels, not a handful. */
    g_assert_cmpuint (tally.n_labels, >=, 40);
    g_assert_cmpuint (tally.n_cut, ==, 0);

    cc_ui_test_close_window (window);
    g_object_unref (app);
  }
}

int
main (int   argc,
      char *argv[])
{
  return cc_ui_test_run_per_language (&argc, &argv, "/ui/sidebar-names", test_sidebar_names);
}
