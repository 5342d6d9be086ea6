/* fuzz-csv.c: libFuzzer target for the one CSV reader: the tokenizer on its own (every record,
 * every field read as a number), the layout detector and importer (every layout and quirk)
 * with the export read back, and the offline dataset's two CSV formats. */
#include "config.h"

#include "cc-bundled-dataset.h"
#include "cc-csv.h"
#include "cc-csv-reader.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
tokenize (const guint8 *data,
          size_t        size)
{
  GError *error = NULL;
  CcCsvReader *reader = cc_csv_reader_new ((const char *) data, (gssize) size, "fuzz.csv",
                                           &error);
  guint records = 0;

  if (reader == NULL)
    {
      g_assert (error != NULL);
      g_clear_error (&error);
      return;
    }
  while (cc_csv_reader_next (reader, &error))
    {
      guint n = cc_csv_reader_get_n_fields (reader);

      g_assert (n >= 1);
      g_assert (cc_csv_reader_get_line (reader) >= 1);
      for (guint i = 0; i <= n; i++)
        {
          double value;

          cc_csv_reader_parse_number (reader, cc_csv_reader_get_field (reader, i), &value);
        }
      records++;
      /* No record is ever read from nothing: the loop ends. */
      g_assert (records <= size + 1);
    }
  g_clear_error (&error);
  cc_csv_reader_free (reader);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  GPtrArray *notes = NULL;
  GPtrArray *series;
  GError *error = NULL;
  CcCsvLayout layout;

  tokenize (data, size);

  {
    CcDataset *dataset = cc_dataset_new ();
    CcSeries *monthly;
    gboolean ok;

    ok = cc_bundled_dataset_load_series_csv (dataset, (const char *) data, (gssize) size,
                                             "series.csv", &error);
    g_assert (ok == (error == NULL));
    g_clear_error (&error);
    monthly = cc_bundled_dataset_parse_monthly_csv ((const char *) data, (gssize) size,
                                                    "monthly.csv", &error);
    g_assert ((monthly != NULL) != (error != NULL));
    g_clear_error (&error);
    g_clear_object (&monthly);
    g_object_unref (dataset);
  }

  series = cc_csv_read ((const char *) data, size, "fuzz.csv", "FUZZ", &layout, &notes,
                        &error);
  g_assert ((series != NULL) != (error != NULL));
  if (series != NULL)
    {
      gsize length;
      char *text = cc_csv_export (series, CC_DATE_INVALID, CC_DATE_INVALID, &length);
      GPtrArray *again = cc_csv_parse (text, length, "export.csv", "FUZZ", NULL, &error);

      g_assert (cc_csv_layout_to_string (layout) != NULL);
      /* What we export we can always read back. */
      g_assert_no_error (error);
      g_assert (again != NULL);
      g_assert (again->len == series->len);
      g_ptr_array_unref (again);
      g_free (text);
      g_ptr_array_unref (series);
    }
  g_clear_pointer (&notes, g_ptr_array_unref);
  g_clear_error (&error);
  return 0;
}
