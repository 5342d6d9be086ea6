/* cc-export-dialog.h: asks how to export the chart (format, size, scale) and where. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef enum {
  CC_EXPORT_KIND_PNG,
  CC_EXPORT_KIND_PDF,
  CC_EXPORT_KIND_SVG,
  CC_EXPORT_KIND_CSV,
} CcExportKind;

#define CC_TYPE_EXPORT_DIALOG (cc_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CcExportDialog, cc_export_dialog, CC, EXPORT_DIALOG, AdwWindow)

/* @screen_width x @screen_height is the chart's size on screen, for the "as on screen" preset.
 * The choices are remembered in @settings. Emits ::export-requested (GFile) once the user has
 * picked a file; the caller writes it with the dialog's options. */
CcExportDialog *cc_export_dialog_new              (GtkWindow      *parent,
                                                   GSettings      *settings,
                                                   int             screen_width,
                                                   int             screen_height);
CcExportKind    cc_export_dialog_get_kind         (CcExportDialog *self);
void            cc_export_dialog_set_kind         (CcExportDialog *self,
                                                   CcExportKind    kind);
/* With the cycle overlay on, the data are the declines, not the items: say what the CSV holds. */
void            cc_export_dialog_set_cycles       (CcExportDialog *self,
                                                   gboolean        cycles);
/* Logical pixels for PNG, points for PDF and SVG. */
void            cc_export_dialog_get_size         (CcExportDialog *self,
                                                   double         *width,
                                                   double         *height);
double          cc_export_dialog_get_scale        (CcExportDialog *self);
gboolean        cc_export_dialog_get_include_panel (CcExportDialog *self);
const char     *cc_export_kind_get_extension      (CcExportKind    kind);

G_END_DECLS
