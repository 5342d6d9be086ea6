/* cc-save-stream.c: writing a file whole or not at all (temporary file, fsync, rename).
 *
 * Why not g_file_replace(): for a target that does not exist yet, GIO writes it in place, so a
 * full disk leaves a truncated new file behind. g_file_set_contents_full() is safe but wants
 * every byte in memory first; a PDF or SVG export streams. This stream does the same as the
 * latter for any writer, and names the target (not the temporary file) in every error.
 */
#define G_LOG_DOMAIN "cc-save-stream"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cc-save-stream.h"

/* Cairo hands PDF and SVG writers a few bytes at a time: gather them into whole blocks. */
#define BUFFER_SIZE (64 * 1024)
/* Keeps the temporary name within NAME_MAX however long the target's name is. */
#define MAX_BASENAME 200

struct _CcSaveStream
{
  GOutputStream  parent_instance;

  char          *path;       /* the target */
  char          *tmp_path;   /* the temporary file beside it, NULL once renamed or removed */
  int            fd;         /* -1 until the first bytes go to disk */
  int            mode;
  gboolean       closed;
  guint8        *buffer;
  gsize          fill;
  gboolean       discard;    /* aborting: drop what is buffered instead of writing it */
};

G_DEFINE_FINAL_TYPE (CcSaveStream, cc_save_stream, G_TYPE_OUTPUT_STREAM)

static void
set_errno_error (GError     **error,
                 int          errsv,
                 const char  *path)
{
  g_autofree char *name = g_filename_display_name (path);

  /* Translators: the first %s is a file name, the second why it failed ("No space left on
   * device"). */
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv), _("Could not write “%s”: %s"),
               name, g_strerror (errsv));
}

/* Closes and removes the temporary file, if any. Keeps errno. */
static void
discard_temporary (CcSaveStream *self)
{
  int errsv = errno;

  self->discard = TRUE;
  self->closed = TRUE;
  self->fill = 0;
  if (self->fd >= 0)
    {
      close (self->fd);
      self->fd = -1;
    }
  if (self->tmp_path != NULL)
    {
      g_unlink (self->tmp_path);
      g_clear_pointer (&self->tmp_path, g_free);
    }
  errno = errsv;
}

/* The temporary file is made when the first bytes must go to disk, not before: a stream that
 * is still being prepared (a large PNG is compressed before its first byte is written) leaves
 * nothing behind if the program ends meanwhile. */
static gboolean
ensure_open (CcSaveStream  *self,
             GError       **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *template = NULL;
  GStatBuf st;
  gboolean exists;

  if (self->fd >= 0)
    return TRUE;

  dir = g_path_get_dirname (self->path);
  base = g_path_get_basename (self->path);
  if (strlen (base) > MAX_BASENAME)
    base[MAX_BASENAME] = '\0';
  template = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);

  exists = g_stat (self->path, &st) == 0;
  self->fd = g_mkstemp_full (template, O_WRONLY | O_CLOEXEC, self->mode >= 0 ? self->mode : 0666);
  if (self->fd < 0)
    {
      set_errno_error (error, errno, self->path);
      return FALSE;
    }
  /* A replaced file keeps its permissions, as it would when rewritten in place. */
  if (self->mode < 0 && exists)
    fchmod (self->fd, st.st_mode & 07777);
  self->tmp_path = g_steal_pointer (&template);
  return TRUE;
}

static gboolean
write_fully (CcSaveStream  *self,
             const guint8  *data,
             gsize          length,
             GError       **error)
{
  if (!ensure_open (self, error))
    return FALSE;
  while (length > 0)
    {
      gssize n = write (self->fd, data, MIN (length, (gsize) G_MAXSSIZE));

      if (n < 0)
        {
          int errsv = errno;

          if (errsv == EINTR)
            continue;
          set_errno_error (error, errsv, self->path);
          return FALSE;
        }
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

static gboolean
flush_buffer (CcSaveStream  *self,
              GError       **error)
{
  gsize fill = self->fill;

  if (self->discard || fill == 0)
    return TRUE;
  self->fill = 0;
  return write_fully (self, self->buffer, fill, error);
}

static gssize
cc_save_stream_write_fn (GOutputStream  *stream,
                         const void     *buffer,
                         gsize           count,
                         GCancellable   *cancellable,
                         GError        **error)
{
  CcSaveStream *self = CC_SAVE_STREAM (stream);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  if (self->closed)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED, _("The file was closed"));
      return -1;
    }
  count = MIN (count, (gsize) G_MAXSSIZE);

  if (self->fill + count <= BUFFER_SIZE)
    {
      memcpy (self->buffer + self->fill, buffer, count);
      self->fill += count;
      return (gssize) count;
    }
  if (!flush_buffer (self, error))
    return -1;
  if (count >= BUFFER_SIZE)
    return write_fully (self, buffer, count, error) ? (gssize) count : -1;
  memcpy (self->buffer, buffer, count);
  self->fill = count;
  return (gssize) count;
}

static gboolean
cc_save_stream_flush_fn (GOutputStream  *stream,
                         GCancellable   *cancellable,
                         GError        **error)
{
  CcSaveStream *self = CC_SAVE_STREAM (stream);

  if (self->closed)
    return TRUE;
  return flush_buffer (self, error);
}

/* Closing without cc_save_stream_commit() means the file is not wanted. */
static gboolean
cc_save_stream_close_fn (GOutputStream  *stream,
                         GCancellable   *cancellable,
                         GError        **error)
{
  discard_temporary (CC_SAVE_STREAM (stream));
  return TRUE;
}

static void
cc_save_stream_finalize (GObject *object)
{
  CcSaveStream *self = CC_SAVE_STREAM (object);

  discard_temporary (self);
  g_free (self->path);
  g_free (self->buffer);

  G_OBJECT_CLASS (cc_save_stream_parent_class)->finalize (object);
}

static void
cc_save_stream_class_init (CcSaveStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GOutputStreamClass *stream_class = G_OUTPUT_STREAM_CLASS (klass);

  object_class->finalize = cc_save_stream_finalize;
  stream_class->write_fn = cc_save_stream_write_fn;
  stream_class->flush = cc_save_stream_flush_fn;
  stream_class->close_fn = cc_save_stream_close_fn;
}

static void
cc_save_stream_init (CcSaveStream *self)
{
  self->fd = -1;
}

/* Where the bytes must land: the file a symbolic link points to, so that saving through a link
 * replaces what it points to and keeps the link. */
static char *
resolve_target (const char *path)
{
  g_autofree char *current = g_strdup (path);

  for (guint i = 0; i < 16; i++)
    {
      g_autofree char *link = g_file_read_link (current, NULL);
      g_autofree char *dir = NULL;

      if (link == NULL)
        break;
      if (g_path_is_absolute (link))
        {
          g_free (current);
          current = g_steal_pointer (&link);
          continue;
        }
      dir = g_path_get_dirname (current);
      g_free (current);
      current = g_build_filename (dir, link, NULL);
    }
  return g_steal_pointer (&current);
}

CcSaveStream *
cc_save_stream_new (const char  *path,
                    int          mode,
                    GError     **error)
{
  g_autoptr(CcSaveStream) self = NULL;
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* What can be told now is told now: a folder that is not there or a target that is one. */
  target = resolve_target (path);
  dir = g_path_get_dirname (target);
  if (g_stat (target, &st) == 0 && S_ISDIR (st.st_mode))
    {
      set_errno_error (error, EISDIR, path);
      return NULL;
    }
  if (g_stat (dir, &st) != 0)
    {
      set_errno_error (error, errno, path);
      return NULL;
    }
  if (!S_ISDIR (st.st_mode))
    {
      set_errno_error (error, ENOTDIR, path);
      return NULL;
    }

  self = g_object_new (CC_TYPE_SAVE_STREAM, NULL);
  self->path = g_steal_pointer (&target);
  self->mode = mode;
  self->buffer = g_malloc (BUFFER_SIZE);
  return g_steal_pointer (&self);
}

CcSaveStream *
cc_save_stream_new_for_file (GFile   *file,
                             int      mode,
                             GError **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Could not write “%s”: only files on this computer can be written"), name);
      return NULL;
    }
  return cc_save_stream_new (path, mode, error);
}

const char *
cc_save_stream_get_path (CcSaveStream *self)
{
  g_return_val_if_fail (CC_IS_SAVE_STREAM (self), NULL);

  return self->path;
}

gboolean
cc_save_stream_commit (CcSaveStream  *self,
                       GCancellable  *cancellable,
                       GError       **error)
{
  gboolean ok = FALSE;

  g_return_val_if_fail (CC_IS_SAVE_STREAM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->closed)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED, _("The file was closed"));
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  /* An empty file is a file too. */
  if (!flush_buffer (self, error) || !ensure_open (self, error))
    goto out;
  /* The data must be on disk before the name points to it, or a crash right after the rename
   * could leave an empty file under the old name. */
  if (fsync (self->fd) != 0)
    {
      set_errno_error (error, errno, self->path);
      goto out;
    }
  if (close (self->fd) != 0)
    {
      self->fd = -1;
      set_errno_error (error, errno, self->path);
      goto out;
    }
  self->fd = -1;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  if (g_rename (self->tmp_path, self->path) != 0)
    {
      set_errno_error (error, errno, self->path);
      goto out;
    }
  g_clear_pointer (&self->tmp_path, g_free);
  self->closed = TRUE;
  ok = TRUE;

out:
  if (!ok)
    discard_temporary (self);
  g_output_stream_close (G_OUTPUT_STREAM (self), NULL, NULL);
  return ok;
}

void
cc_save_stream_abort (CcSaveStream *self)
{
  g_return_if_fail (CC_IS_SAVE_STREAM (self));

  discard_temporary (self);
  g_output_stream_close (G_OUTPUT_STREAM (self), NULL, NULL);
}

gboolean
cc_save_contents (GFile         *file,
                  const void    *data,
                  gsize          length,
                  int            mode,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(CcSaveStream) stream = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  stream = cc_save_stream_new_for_file (file, mode, error);
  if (stream == NULL)
    return FALSE;
  if (length > 0 &&
      !g_output_stream_write_all (G_OUTPUT_STREAM (stream), data, length, NULL, cancellable,
                                  error))
    {
      cc_save_stream_abort (stream);
      return FALSE;
    }
  return cc_save_stream_commit (stream, cancellable, error);
}
