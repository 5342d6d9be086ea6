/* cc-combo-row.h: combo rows that show their choices in full, where libadwaita 1.2 cuts them,
 * and drop-downs whose chosen string gives way where their row lacks room. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Gives @row (a model of GtkStringObjects) labels that show each choice whole: in its list,
 * with the check mark on the chosen one, and as the chosen value on the row. libadwaita 1.2's
 * own labels stop at about twenty characters, and the row's value gives way to a wrapped
 * subtitle ("Tag" shown as "T…"). With @may_cut_value the value takes the room the row has
 * and is cut only when there is none (for long values); without, it is never cut, and the
 * title and subtitle wrap around it (for short ones). */
void cc_combo_row_show_whole_labels (AdwComboRow *row,
                                     gboolean     may_cut_value);

/* Gives @dropdown (a model of GtkStringObjects) a button whose label is cut with an ellipsis
 * where the button lacks room (never under @min_chars characters, unless -1), its whole text
 * then in the label's tooltip, and a list that shows every string whole. GTK's own label asks
 * for the whole string, so a long one widens its row, and the page with it. */
void cc_drop_down_shorten_chosen (GtkDropDown *dropdown,
                                  int          min_chars);

G_END_DECLS
