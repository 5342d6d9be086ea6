/* cc-accessible.h: names for what a screen reader lands on, where GTK 4.8 gives none. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Names @dropdown and the toggle button inside it: in GTK 4.8 a drop-down's label stays on
 * the drop-down, while a screen reader lands on the toggle. */
void cc_accessible_name_drop_down (GtkDropDown *dropdown,
                                   const char  *name);

G_END_DECLS
