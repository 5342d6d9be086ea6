/* cc-save-stream.h: the one way the app writes a file: whole or not at all.
 *
 * The bytes go to a temporary file in the target's folder; cc_save_stream_commit() syncs it to
 * disk and renames it over the target. Anything else (an error, a cancel, closing or dropping
 * the stream without committing) removes the temporary file and leaves an older target as it
 * was. Errors name the target file. It lives in the model layer, the lowest one that every
 * writer (data, chart, ui, cli) may use, because it knows no file format: only GIO.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* For @mode: a new file gets 0666 less the umask, a replaced one keeps its permissions. */
#define CC_SAVE_MODE_DEFAULT (-1)

#define CC_TYPE_SAVE_STREAM (cc_save_stream_get_type ())
G_DECLARE_FINAL_TYPE (CcSaveStream, cc_save_stream, CC, SAVE_STREAM, GOutputStream)

/* Starts writing @path (in the file system's encoding). @mode: permissions of the new file, or
 * CC_SAVE_MODE_DEFAULT. */
CcSaveStream  *cc_save_stream_new          (const char    *path,
                                            int            mode,
                                            GError       **error);
/* As cc_save_stream_new() for a file with a local path (every GFile of the file chooser). */
CcSaveStream  *cc_save_stream_new_for_file (GFile         *file,
                                            int            mode,
                                            GError       **error);
const char    *cc_save_stream_get_path     (CcSaveStream  *self);
/* Writes out what is buffered, syncs the temporary file and renames it over the target; on
 * failure (or when @cancellable is cancelled) removes it instead. The stream is closed either
 * way. */
gboolean       cc_save_stream_commit       (CcSaveStream  *self,
                                            GCancellable  *cancellable,
                                            GError       **error);
/* Closes the stream and removes the temporary file: the target stays as it was. */
void           cc_save_stream_abort        (CcSaveStream  *self);

/* Writes @length bytes of @data to @file whole or not at all. */
gboolean       cc_save_contents            (GFile         *file,
                                            const void    *data,
                                            gsize          length,
                                            int            mode,
                                            GCancellable  *cancellable,
                                            GError       **error);

G_END_DECLS
