/* cc-compare-window.c: compare mode in a window of its own, next to the main window's chart
 * (the main window has the same view as a page). */
#define G_LOG_DOMAIN "cc-compare-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cc-compare-view.h"
#include "cc-compare-window.h"

struct _CcCompareWindow
{
  AdwWindow      parent_instance;

  CcCompareView *view;
};

G_DEFINE_FINAL_TYPE (CcCompareWindow, cc_compare_window, ADW_TYPE_WINDOW)

static void
cc_compare_window_class_init (CcCompareWindowClass *klass)
{
}

static void
cc_compare_window_init (CcCompareWindow *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_window_set_title (GTK_WINDOW (self), _("Compare Events"));
  gtk_window_set_default_size (GTK_WINDOW (self), 1200, 800);
  gtk_box_append (GTK_BOX (content), adw_header_bar_new ());
  self->view = cc_compare_view_new ();
  gtk_widget_set_vexpand (GTK_WIDGET (self->view), TRUE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->view));
  adw_window_set_content (ADW_WINDOW (self), content);
}

CcCompareWindow *
cc_compare_window_new (CcDataset  *dataset,
                       const char *item,
                       const char *selected_event_id)
{
  CcCompareWindow *self;

  g_return_val_if_fail (CC_IS_DATASET (dataset), NULL);

  self = g_object_new (CC_TYPE_COMPARE_WINDOW, NULL);
  cc_compare_view_set_dataset (self->view, dataset, item, selected_event_id);
  return self;
}

CcCompareView *
cc_compare_window_get_view (CcCompareWindow *self)
{
  g_return_val_if_fail (CC_IS_COMPARE_WINDOW (self), NULL);

  return self->view;
}

void
cc_compare_window_set_events (CcCompareWindow *self,
                              const CcDate    *dates,
                              guint            n_dates)
{
  g_return_if_fail (CC_IS_COMPARE_WINDOW (self));

  cc_compare_view_set_events (self->view, dates, n_dates);
}

void
cc_compare_window_set_item (CcCompareWindow *self,
                            const char      *item)
{
  g_return_if_fail (CC_IS_COMPARE_WINDOW (self));

  cc_compare_view_set_item (self->view, item);
}

GPtrArray *
cc_compare_window_get_table (CcCompareWindow *self)
{
  g_return_val_if_fail (CC_IS_COMPARE_WINDOW (self), NULL);

  return cc_compare_view_get_table (self->view);
}
