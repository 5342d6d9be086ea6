/* cc-csv-reader.h: the one CSV tokenizer. Every CSV the app reads (imported prices, `chipcycle
 * export --data`, provider replies, the bundled dataset) goes through it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CcCsvReader CcCsvReader;

/* Reads @data (copied; @length bytes, -1 for NUL-terminated) as records of fields:
 *
 * - RFC 4180 quoting: a field in double quotes may hold the separator, line breaks and ""
 *   for a quote; spaces around a field are dropped;
 * - a UTF-8 byte order mark, LF, CRLF or CR line ends, blank lines and lines starting with #
 *   (outside quotes) are skipped;
 * - the separator is the one of ",", ";" and tab found most often outside quotes in the first
 *   record (ties go to tab, then ";"), or the one named by an Excel "sep=X" first line.
 *
 * Fails, with a CC_DATA_ERROR_INVALID naming @source_name, when the data holds a NUL byte or
 * is not UTF-8 text. */
CcCsvReader *cc_csv_reader_new            (const char   *data,
                                           gssize        length,
                                           const char   *source_name,
                                           GError      **error);
void         cc_csv_reader_free           (CcCsvReader  *reader);

/* Moves to the next record. FALSE at the end (@error untouched) or when the record is broken
 * (an unclosed quote, text after a closing quote), with a CC_DATA_ERROR_INVALID naming the
 * file, the line and the column. */
gboolean     cc_csv_reader_next           (CcCsvReader  *reader,
                                           GError      **error);
/* The line the current record starts on (1 is the first line of the file). */
guint        cc_csv_reader_get_line       (CcCsvReader  *reader);
guint        cc_csv_reader_get_n_fields   (CcCsvReader  *reader);
/* Field @index of the current record, unquoted and trimmed; "" past the last field. Valid
 * until the reader is freed. */
const char  *cc_csv_reader_get_field      (CcCsvReader  *reader,
                                           guint         index);
char         cc_csv_reader_get_separator  (CcCsvReader  *reader);
const char  *cc_csv_reader_get_source_name (CcCsvReader *reader);

/* Reads a number written in the file's convention:
 * - with "," or tab separators, "1234.5" or with thousands separators in groups of three,
 *   "1,234.50" (quoted when the separator is a comma);
 * - with ";" separators, also a decimal comma: "1234,5" or "1.234,50".
 * The digits go through cc_data_parse_double() (g_ascii_strtod, so exact).
 * FALSE for anything else, including "nan", "inf" and hex floats. */
gboolean     cc_csv_reader_parse_number   (CcCsvReader  *reader,
                                           const char   *text,
                                           double       *value);

/* Sets a CC_DATA_ERROR_INVALID "FILE, line N, column C: …" for the current record; @column is
 * a column name, or NULL to name none. */
void         cc_csv_reader_set_error      (CcCsvReader  *reader,
                                           GError      **error,
                                           const char   *column,
                                           const char   *format,
                                           ...) G_GNUC_PRINTF (4, 5);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcCsvReader, cc_csv_reader_free)

G_END_DECLS
