/* cc-combo-row.c: combo rows that show their choices in full. */
#include "config.h"

#include "cc-combo-row.h"

/* A row of the list: the choice, and a check mark shown on the chosen one, as in the default
 * rows. */
static void
setup_list_item_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (item, box);
}

static void
update_check (GtkListItem *item,
              AdwComboRow *row)
{
  GtkWidget *box = gtk_list_item_get_child (item);

  gtk_widget_set_opacity (gtk_widget_get_last_child (box),
                          adw_combo_row_get_selected (row) == gtk_list_item_get_position (item)
                          ? 1 : 0);
}

static void
selected_cb (AdwComboRow *row,
             GParamSpec  *pspec,
             GtkListItem *item)
{
  update_check (item, row);
}

static void
bind_list_item_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   AdwComboRow              *row)
{
  GtkStringObject *string = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);

  gtk_label_set_label (GTK_LABEL (gtk_widget_get_first_child (box)),
                       gtk_string_object_get_string (string));
  update_check (item, row);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (selected_cb), item, 0);
}

static void
unbind_list_item_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     AdwComboRow              *row)
{
  g_signal_handlers_disconnect_by_func (row, selected_cb, item);
}

/* The chosen value on the row itself. */
static void
setup_value_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  if (GPOINTER_TO_INT (user_data))
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_list_item_set_child (item, label);
}

static void
bind_value_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       gtk_string_object_get_string (string));
}

void
cc_combo_row_show_whole_labels (AdwComboRow *row,
                                gboolean     may_cut_value)
{
  g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) value_factory = gtk_signal_list_item_factory_new ();

  g_return_if_fail (ADW_IS_COMBO_ROW (row));

  g_signal_connect (list_factory, "setup", G_CALLBACK (setup_list_item_cb), NULL);
  g_signal_connect (list_factory, "bind", G_CALLBACK (bind_list_item_cb), row);
  g_signal_connect (list_factory, "unbind", G_CALLBACK (unbind_list_item_cb), row);
  adw_combo_row_set_list_factory (row, list_factory);

  g_signal_connect (value_factory, "setup", G_CALLBACK (setup_value_cb),
                    GINT_TO_POINTER (may_cut_value));
  g_signal_connect (value_factory, "bind", G_CALLBACK (bind_value_cb), NULL);
  adw_combo_row_set_factory (row, value_factory);
}

static void
drop_down_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  min_chars)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (min_chars) != G_MININT)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), GPOINTER_TO_INT (min_chars));
    }
  gtk_list_item_set_child (item, label);
}

static void
drop_down_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), gtk_string_object_get_string (string));
  /* The whole text, where the button shortens it. */
  if (gtk_label_get_ellipsize (GTK_LABEL (label)) != PANGO_ELLIPSIZE_NONE)
    gtk_widget_set_tooltip_text (label, gtk_string_object_get_string (string));
}

void
cc_drop_down_shorten_chosen (GtkDropDown *dropdown,
                             int          min_chars)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkListItemFactory *list_factory = gtk_signal_list_item_factory_new ();

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));
  g_return_if_fail (min_chars >= -1);

  g_signal_connect (factory, "setup", G_CALLBACK (drop_down_setup_cb),
                    GINT_TO_POINTER (min_chars));
  g_signal_connect (factory, "bind", G_CALLBACK (drop_down_bind_cb), NULL);
  g_signal_connect (list_factory, "setup", G_CALLBACK (drop_down_setup_cb),
                    GINT_TO_POINTER (G_MININT));
  g_signal_connect (list_factory, "bind", G_CALLBACK (drop_down_bind_cb), NULL);
  gtk_drop_down_set_factory (dropdown, factory);
  gtk_drop_down_set_list_factory (dropdown, list_factory);
  g_object_unref (factory);
  g_object_unref (list_factory);
}
