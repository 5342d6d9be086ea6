/* cc-edgar-contact.h: the small dialog that asks for the contact sent to SEC EDGAR and saves
 * it to the edgar-contact setting (the app.edgar-contact action). */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Shows the dialog over @parent with the current contact filled in. "save" stores what was
 * typed (only a valid address can be saved). Returns the dialog (owned by GTK). */
AdwMessageDialog *cc_edgar_contact_dialog_present (GtkWindow *parent,
                                                   GSettings *settings);

G_END_DECLS
