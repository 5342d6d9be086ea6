/* cc-csv-reader.c: the one CSV tokenizer (see cc-csv-reader.h). */
#define G_LOG_DOMAIN "cc-csv-reader"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cc-csv-reader.h"
#include "cc-data-error.h"
#include "cc-provider.h"

struct _CcCsvReader
{
  char      *source_name;
  char      *buffer;      /* a copy of the data, cut into fields in place */
  gsize      length;
  gsize      pos;
  guint      next_line;   /* the line @pos is on */
  guint      line;        /* the line the current record started on */
  char       separator;
  GPtrArray *fields;      /* char *, pointing into @buffer */
};

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

/* The separator most often found outside quotes in the line starting at @p. */
static char
guess_separator (const char *p,
                 const char *end)
{
  guint commas = 0, semicolons = 0, tabs = 0;
  gboolean in_quotes = FALSE;

  for (; p < end && (in_quotes || (*p != '\n' && *p != '\r')); p++)
    {
      if (*p == '"')
        in_quotes = !in_quotes;
      else if (in_quotes)
        continue;
      else if (*p == ',')
        commas++;
      else if (*p == ';')
        semicolons++;
      else if (*p == '\t')
        tabs++;
    }
  if (tabs > 0 && tabs >= semicolons && tabs >= commas)
    return '\t';
  if (semicolons > 0 && semicolons >= commas)
    return ';';
  return ',';
}

/* Steps over one line end at @pos (LF, CRLF or CR), counting it. */
static void
skip_line_end (CcCsvReader *self)
{
  if (self->pos < self->length && self->buffer[self->pos] == '\r')
    self->pos++;
  if (self->pos < self->length && self->buffer[self->pos] == '\n')
    self->pos++;
  self->next_line++;
}

static gboolean
at_line_end (CcCsvReader *self)
{
  return self->pos >= self->length || self->buffer[self->pos] == '\n' ||
         self->buffer[self->pos] == '\r';
}

/* Skips blank lines and # comments; FALSE at the end of the data. */
static gboolean
skip_to_record (CcCsvReader *self)
{
  while (self->pos < self->length)
    {
      gsize p = self->pos;

      while (p < self->length && (is_blank (self->buffer[p])))
        p++;
      if (p < self->length && self->buffer[p] != '\n' && self->buffer[p] != '\r' &&
          self->buffer[p] != '#')
        return TRUE;
      /* A blank or comment line: skip to its end. */
      self->pos = p;
      while (!at_line_end (self))
        self->pos++;
      skip_line_end (self);
    }
  return FALSE;
}

CcCsvReader *
cc_csv_reader_new (const char  *data,
                   gssize       length,
                   const char  *source_name,
                   GError     **error)
{
  g_autoptr(CcCsvReader) self = NULL;
  gsize start = 0;

  g_return_val_if_fail (data != NULL || length <= 0, NULL);
  g_return_val_if_fail (source_name != NULL, NULL);

  if (data == NULL)
    data = "";
  if (length < 0)
    length = strlen (data);
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    start = 3;
  {
    const char *nul = memchr (data, '\0', length);
    const char *bad = NULL;

    /* Up to the first NUL byte or invalid UTF-8 sequence, whichever comes first. */
    if (!g_utf8_validate (data + start, nul ? nul - (data + start) : (gssize) (length - start),
                          &bad))
      nul = bad;
    if (nul != NULL)
      {
        guint line = 1;

        for (const char *p = data; p < nul; p++)
          line += *p == '\n';
        g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_INVALID,
                     /* Translators: %1$s is a file name, %2$u a line number. */
                     _("%1$s, line %2$u: this is not text (a NUL byte or invalid UTF-8)"),
                     source_name, line);
        return NULL;
      }
  }

  self = g_new0 (CcCsvReader, 1);
  self->source_name = g_strdup (source_name);
  self->length = length - start;
  self->buffer = g_malloc (self->length + 1);
  memcpy (self->buffer, data + start, self->length);
  self->buffer[self->length] = '\0';
  self->next_line = 1;
  self->fields = g_ptr_array_new ();

  /* Excel writes "sep=;" as a first line to name the separator. */
  if (self->length >= 5 && g_ascii_strncasecmp (self->buffer, "sep=", 4) == 0 &&
      strchr (",;\t", self->buffer[4]) != NULL &&
      (self->length == 5 || self->buffer[5] == '\n' || self->buffer[5] == '\r'))
    {
      self->separator = self->buffer[4];
      self->pos = 5;
      skip_line_end (self);
    }
  else
    {
      gsize saved_pos = self->pos;
      guint saved_line = self->next_line;

      if (skip_to_record (self))
        self->separator = guess_separator (self->buffer + self->pos,
                                           self->buffer + self->length);
      else
        self->separator = ',';
      self->pos = saved_pos;
      self->next_line = saved_line;
    }

  return g_steal_pointer (&self);
}

void
cc_csv_reader_free (CcCsvReader *self)
{
  if (self == NULL)
    return;
  g_free (self->source_name);
  g_free (self->buffer);
  g_ptr_array_unref (self->fields);
  g_free (self);
}

void
cc_csv_reader_set_error (CcCsvReader  *self,
                         GError      **error,
                         const char   *column,
                         const char   *format,
                         ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  g_return_if_fail (self != NULL);

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  if (column != NULL)
    g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_INVALID,
                 /* Translators: %1$s is a file name, %2$u a line number, %3$s a column name,
                  * %4$s what is wrong. */
                 _("%1$s, line %2$u, column “%3$s”: %4$s"), self->source_name, self->line,
                 column, reason);
  else
    g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_INVALID,
                 /* Translators: %1$s is a file name, %2$u a line number, %3$s what is wrong. */
                 _("%1$s, line %2$u: %3$s"), self->source_name, self->line, reason);
}

gboolean
cc_csv_reader_next (CcCsvReader  *self,
                    GError      **error)
{
  char *buf;
  char stop;

  g_return_val_if_fail (self != NULL, FALSE);

  g_ptr_array_set_size (self->fields, 0);
  if (!skip_to_record (self))
    return FALSE;

  buf = self->buffer;
  self->line = self->next_line;
  for (;;)
    {
      char *field;

      while (self->pos < self->length && buf[self->pos] != self->separator &&
             is_blank (buf[self->pos]))
        self->pos++;

      if (self->pos < self->length && buf[self->pos] == '"')
        {
          /* Quoted: unescape in place; the text only ever gets shorter. */
          gsize out = self->pos;
          gboolean closed = FALSE;

          field = buf + out;
          self->pos++;
          while (self->pos < self->length)
            {
              char c = buf[self->pos];

              if (c == '"')
                {
                  if (self->pos + 1 < self->length && buf[self->pos + 1] == '"')
                    {
                      buf[out++] = '"';
                      self->pos += 2;
                      continue;
                    }
                  closed = TRUE;
                  self->pos++;
                  break;
                }
              if (c == '\n' || (c == '\r' && (self->pos + 1 >= self->length ||
                                              buf[self->pos + 1] != '\n')))
                self->next_line++;
              buf[out++] = c;
              self->pos++;
            }
          if (!closed)
            {
              cc_csv_reader_set_error (self, error, NULL,
                                       _("a quoted field (column %u) is not closed"),
                                       self->fields->len + 1);
              g_ptr_array_set_size (self->fields, 0);
              return FALSE;
            }
          while (self->pos < self->length && buf[self->pos] != self->separator &&
                 is_blank (buf[self->pos]))
            self->pos++;
          stop = self->pos < self->length ? buf[self->pos] : '\0';
          if (stop != '\0' && stop != self->separator && stop != '\n' && stop != '\r')
            {
              cc_csv_reader_set_error (self, error, NULL,
                                       _("text after the closing quote of column %u"),
                                       self->fields->len + 1);
              g_ptr_array_set_size (self->fields, 0);
              return FALSE;
            }
          /* @out is at least two bytes short of @pos (the quotes). */
          buf[out] = '\0';
        }
      else
        {
          gsize end;

          field = buf + self->pos;
          while (self->pos < self->length && buf[self->pos] != self->separator &&
                 buf[self->pos] != '\n' && buf[self->pos] != '\r')
            self->pos++;
          stop = self->pos < self->length ? buf[self->pos] : '\0';
          end = self->pos;
          while (end > (gsize) (field - buf) && is_blank (buf[end - 1]))
            end--;
          buf[end] = '\0';   /* may overwrite @stop, which is kept */
        }

      g_ptr_array_add (self->fields, field);
      if (stop == self->separator)
        {
          self->pos++;
          continue;
        }
      break;
    }

  /* A line end (LF, CRLF or CR) or the end of the data. */
  if (stop == '\r')
    {
      self->pos++;
      if (self->pos < self->length && buf[self->pos] == '\n')
        self->pos++;
      self->next_line++;
    }
  else if (stop == '\n')
    {
      self->pos++;
      self->next_line++;
    }
  return TRUE;
}

guint
cc_csv_reader_get_line (CcCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->line;
}

guint
cc_csv_reader_get_n_fields (CcCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->fields->len;
}

const char *
cc_csv_reader_get_field (CcCsvReader *self,
                         guint        index)
{
  g_return_val_if_fail (self != NULL, "");
  if (index >= self->fields->len)
    return "";
  return g_ptr_array_index (self->fields, index);
}

char
cc_csv_reader_get_separator (CcCsvReader *self)
{
  g_return_val_if_fail (self != NULL, ',');
  return self->separator;
}

const char *
cc_csv_reader_get_source_name (CcCsvReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->source_name;
}

/* Copies @text into @clean without its grouping separators @group, turning the decimal mark
 * @decimal into "."; FALSE unless every group has exactly three digits after a digit. */
static gboolean
ungroup (const char *text,
         char        group,
         char        decimal,
         char       *clean,
         gsize       size)
{
  gsize n = 0;
  gboolean seen_decimal = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (n + 2 > size)
        return FALSE;
      if (*p == group)
        {
          int digits = 0;

          if (seen_decimal || p == text || !g_ascii_isdigit (p[-1]))
            return FALSE;
          while (g_ascii_isdigit (p[1 + digits]))
            digits++;
          if (digits != 3)
            return FALSE;
          continue;
        }
      if (*p == decimal)
        {
          if (seen_decimal)
            return FALSE;
          seen_decimal = TRUE;
          clean[n++] = '.';
          continue;
        }
      if (*p == '.' || *p == ',')
        return FALSE;   /* the other mark where it has no place */
      clean[n++] = *p;
    }
  clean[n] = '\0';
  return TRUE;
}

gboolean
cc_csv_reader_parse_number (CcCsvReader *self,
                            const char  *text,
                            double      *value)
{
  char clean[64];

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (strchr (text, ',') == NULL)
    return cc_data_parse_double (text, value);   /* the common case */

  if (self->separator == ';')
    {
      /* "1234,5" or "1.234,50" */
      if (!ungroup (text, '.', ',', clean, sizeof clean))
        return FALSE;
    }
  else if (!ungroup (text, ',', '.', clean, sizeof clean))
    return FALSE;   /* "1,234.50" */
  return cc_data_parse_double (clean, value);
}
