/* cc-analogue-summary.c: the side panel's Analogues section. */
#define G_LOG_DOMAIN "cc-analogue-summary"

#include "config.h"

#include <glib/gi18n.h>

#include "cc-analogue-summary.h"

struct _CcAnalogueSummary
{
  AdwPreferencesGroup  parent_instance;

  GtkGrid             *grid;
  GtkLabel            *now_label;
  GtkLabel            *empty_label;
};

G_DEFINE_FINAL_TYPE (CcAnalogueSummary, cc_analogue_summary, ADW_TYPE_PREFERENCES_GROUP)

static GtkWidget *
cell (const char *text,
      gboolean    heading,
      gboolean    numeric)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  if (heading)
    gtk_widget_add_css_class (label, "caption-heading");
  else
    gtk_widget_add_css_class (label, "caption");
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  else
    {
      /* Event titles are long; the panel is narrow. The full title is the tooltip. */
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 8);
      gtk_widget_set_hexpand (label, TRUE);
      if (!heading)
        gtk_widget_set_tooltip_text (label, text);
    }
  return label;
}

static void
cc_analogue_summary_class_init (CcAnalogueSummaryClass *klass)
{
}

static void
cc_analogue_summary_init (CcAnalogueSummary *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *button;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Analogues"));
  button = gtk_button_new_with_mnemonic (_("_Show"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Show the analogues in the window"));
  gtk_actionable_set_detailed_action_name (GTK_ACTIONABLE (button), "win.view::analogues");
  gtk_widget_add_css_class (button, "flat");
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self), button);

  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->grid, 12);
  gtk_grid_set_row_spacing (self->grid, 2);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Analogues"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->grid));
  self->now_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->now_label, TRUE);
  gtk_label_set_xalign (self->now_label, 0);
  gtk_label_set_selectable (self->now_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->now_label), "caption");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->now_label));
  self->empty_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->empty_label, TRUE);
  gtk_label_set_xalign (self->empty_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->empty_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->empty_label), "caption");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->empty_label));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), box);
}

CcAnalogueSummary *
cc_analogue_summary_new (void)
{
  return g_object_new (CC_TYPE_ANALOGUE_SUMMARY, NULL);
}

void
cc_analogue_summary_update (CcAnalogueSummary   *self,
                            const CcAnalogueSet *set,
                            const char          *problem)
{
  GtkWidget *child;
  g_autofree char *description = NULL;
  g_autofree char *today = NULL;
  gboolean rebuilt = FALSE;

  g_return_if_fail (CC_IS_ANALOGUE_SUMMARY (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))))
    gtk_grid_remove (self->grid, child);
  gtk_label_set_text (self->now_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->now_label), FALSE);
  if (set == NULL || set->paths->len == 0)
    {
      gtk_label_set_text (self->empty_label,
                          problem ? problem : _("No events are ticked in the Analogues view"));
      gtk_widget_set_visible (GTK_WIDGET (self->empty_label), TRUE);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), NULL);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), FALSE);
  /* TRANSLATORS: the Analogues section's subtitle: the item, then the window, "t-20 to t+60" */
  description = g_strdup_printf (_("%s, t%+d to t%+d after each event"), set->label,
                                 set->window.first, set->window.last);
  {
    /* The description is markup on libadwaita 1.2; "GPU & chip designers" is not. */
    g_autofree char *escaped = g_markup_escape_text (description, -1);

    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), escaped);
  }

  /* TRANSLATORS: the side panel's analogue columns: the event, the lowest close after day 0
   * against t-1 and its day, the day the t-1 close was regained */
  gtk_grid_attach (self->grid, cell (_("Event"), TRUE, FALSE), 0, 0, 1, 1);
  gtk_grid_attach (self->grid, cell (_("Low"), TRUE, TRUE), 1, 0, 1, 1);
  gtk_grid_attach (self->grid, cell (_("Back at t−1"), TRUE, TRUE), 2, 0, 1, 1);
  for (guint e = 0; e < set->paths->len; e++)
    {
      const CcAnaloguePath *p = g_ptr_array_index (set->paths, e);
      /* The table's own cells: the event's name carries its "†" when the path is rebuilt. */
      g_auto(GStrv) row = cc_analogue_table_row (set, e);

      gtk_grid_attach (self->grid, cell (row[0], FALSE, FALSE), 0, e + 1, 1, 1);
      gtk_grid_attach (self->grid, cell (row[CC_ANALOGUE_TABLE_N_COLUMNS - 2], FALSE, TRUE),
                       1, e + 1, 1, 1);
      gtk_grid_attach (self->grid, cell (row[CC_ANALOGUE_TABLE_N_COLUMNS - 1], FALSE, TRUE),
                       2, e + 1, 1, 1);
      rebuilt |= p->n_values > 0 && p->least_certain != CC_PROVENANCE_OBSERVED;
    }
  if (rebuilt)
    {
      gtk_label_set_text (self->empty_label, _("† includes closes rebuilt from reported "
                                               "figures, not market data"));
      gtk_widget_set_visible (GTK_WIDGET (self->empty_label), TRUE);
    }
  today = cc_analogue_format_today (set);
  if (today != NULL)
    {
      gtk_label_set_text (self->now_label, today);
      gtk_widget_set_visible (GTK_WIDGET (self->now_label), TRUE);
    }
}

GPtrArray *
cc_analogue_summary_get_rows (CcAnalogueSummary *self)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_return_val_if_fail (CC_IS_ANALOGUE_SUMMARY (self), rows);

  for (int r = 0; gtk_grid_get_child_at (self->grid, 0, r); r++)
    {
      GStrvBuilder *b = g_strv_builder_new ();

      for (int c = 0; c < 3; c++)
        g_strv_builder_add (b, gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (self->grid,
                                                                                    c, r))));
      g_ptr_array_add (rows, g_strv_builder_end (b));
      g_strv_builder_unref (b);
    }
  return rows;
}

const char *
cc_analogue_summary_get_now (CcAnalogueSummary *self)
{
  g_return_val_if_fail (CC_IS_ANALOGUE_SUMMARY (self), NULL);

  return gtk_label_get_text (self->now_label);
}
