/* cc-test-data.h: helpers the data suite's tests share. */
#pragma once

#include <gio/gio.h>
#include <glib/gstdio.h>

/* The contents of tests/data/PART/…; fails the test when missing. */
static inline GBytes *
cc_test_load_fixture (const char *first_part,
                      ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;
  va_list args;

  g_ptr_array_add (parts, (gpointer) g_test_get_dir (G_TEST_DIST));
  g_ptr_array_add (parts, (gpointer) "data");
  g_ptr_array_add (parts, (gpointer) first_part);
  va_start (args, first_part);
  for (const char *part = va_arg (args, const char *); part; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);

  path = g_build_filenamev ((char **) parts->pdata);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static inline CcDate
cc_test_date (const char *iso)
{
  CcDate date = CC_DATE_INVALID;

  g_assert_true (cc_date_parse_iso (iso, &date));
  return date;
}

/* Deletes @path and everything below it (a test's temporary folder). */
static inline void
cc_test_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          cc_test_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_remove (path);
}
