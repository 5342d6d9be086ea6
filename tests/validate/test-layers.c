/* test-layers.c: the model stays GLib and GObject only. Reads meson's introspection of this build
 * (meson-info/intro-targets.json) and checks that the model library is compiled with no include
 * directory but its own, the build's and GLib's, GObject's and GIO's, that every C file of
 * src/model is built into it, and that none of its files includes json-glib (or any other
 * library's header). */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

/* The -I directories pkg-config gives for GLib, GObject and GIO. */
static GPtrArray *
allowed_system_includes (void)
{
  g_autoptr(GPtrArray) dirs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) words = NULL;
  int status;
  const char *argv[] = { "pkg-config", "--cflags-only-I", "glib-2.0", "gobject-2.0", "gio-2.0",
                         NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  words = g_strsplit_set (g_strstrip (out), " \t\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (g_str_has_prefix (words[i], "-I"))
      g_ptr_array_add (dirs, g_strdup (words[i] + 2));
  g_assert_cmpuint (dirs->len, >, 0);
  return g_steal_pointer (&dirs);
}

static gboolean
is_in_tree (const char *path,
            const char *root)
{
  gsize n = strlen (root);

  return strncmp (path, root, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* The target called @name in this build's introspection. */
static JsonObject *
find_target (JsonParser *parser,
             const char *name)
{
  JsonArray *targets = json_node_get_array (json_parser_get_root (parser));

  for (guint i = 0; i < json_array_get_length (targets); i++)
    {
      JsonObject *target = json_array_get_object_element (targets, i);

      if (g_strcmp0 (json_object_get_string_member (target, "name"), name) == 0)
        return target;
    }
  return NULL;
}

/* Every #include in @path names a header of the model itself, of GLib, GObject or GIO, of the
 * C library, or config.h. */
static void
assert_model_includes (const char *path,
                       GPtrArray  *model_headers)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      g_autofree char *name = NULL;
      const char *end;

      while (*line == ' ')
        line++;
      if (!g_str_has_prefix (line, "#include"))
        continue;
      line += strlen ("#include");
      while (*line == ' ')
        line++;
      end = strpbrk (line + 1, "\">");
      g_assert_nonnull (end);
      name = g_strndup (line + 1, end - line - 1);

      if (*line == '"')
        {
          gboolean own = g_strcmp0 (name, "config.h") == 0;

          for (guint h = 0; h < model_headers->len && !own; h++)
            own = g_strcmp0 (g_ptr_array_index (model_headers, h), name) == 0;
          if (!own)
            g_error ("%s:%u: the model includes “%s”, which is not one of its headers", path,
                     i + 1, name);
        }
      else if (strchr (name, '/') != NULL ? !g_str_has_prefix (name, "glib/") &&
                                            !g_str_has_prefix (name, "gio/") &&
                                            !g_str_has_prefix (name, "sys/")
                                          : strstr (name, "json") != NULL ||
                                            strstr (name, "cairo") != NULL ||
                                            strstr (name, "pango") != NULL ||
                                            strstr (name, "zlib") != NULL)
        g_error ("%s:%u: the model includes <%s>: it may use GLib, GObject, GIO and the C "
                 "library only", path, i + 1, name);
    }
}

static void
test_model_library (void)
{
  const char *build_root = g_getenv ("CHIPCYCLE_BUILD_ROOT");
  const char *source_root = g_getenv ("CHIPCYCLE_SOURCE_ROOT");
  g_autofree char *intro = NULL;
  g_autofree char *model_dir = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) allowed = allowed_system_includes ();
  g_autoptr(GPtrArray) model_headers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) model_c_files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) built = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDir) dir = NULL;
  JsonObject *target;
  JsonArray *target_sources;
  guint n_sources = 0;
  const char *file;

  g_assert_nonnull (build_root);
  g_assert_nonnull (source_root);
  intro = g_build_filename (build_root, "meson-info", "intro-targets.json", NULL);
  json_parser_load_from_file (parser, intro, &error);
  g_assert_no_error (error);

  target = find_target (parser, "chipcycle-model");
  g_assert_nonnull (target);
  g_assert_cmpstr (json_object_get_string_member (target, "type"), ==, "static library");

  model_dir = g_build_filename (source_root, "src", "model", NULL);
  dir = g_dir_open (model_dir, 0, &error);
  g_assert_no_error (error);
  while ((file = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (file, ".h"))
      g_ptr_array_add (model_headers, g_strdup (file));
    else if (g_str_has_suffix (file, ".c"))
      g_ptr_array_add (model_c_files, g_build_filename (model_dir, file, NULL));
  g_ptr_array_add (model_headers, g_strdup ("cc-model-enums.h"));

  target_sources = json_object_get_array_member (target, "target_sources");
  for (guint i = 0; i < json_array_get_length (target_sources); i++)
    {
      JsonObject *ts = json_array_get_object_element (target_sources, i);
      JsonArray *parameters = json_object_get_array_member (ts, "parameters");
      JsonArray *sources = json_object_get_array_member (ts, "sources");

      /* The dependencies show in the compiler flags: only GLib's, GObject's and GIO's include
       * directories besides the project's own. */
      for (guint p = 0; p < json_array_get_length (parameters); p++)
        {
          const char *param = json_array_get_string_element (parameters, p);
          gboolean ok = FALSE;

          if (!g_str_has_prefix (param, "-I"))
            {
              g_assert_null (strstr (param, "json"));
              continue;
            }
          ok = is_in_tree (param + 2, build_root) || is_in_tree (param + 2, source_root);
          for (guint a = 0; a < allowed->len && !ok; a++)
            ok = g_strcmp0 (param + 2, g_ptr_array_index (allowed, a)) == 0;
          if (!ok)
            g_error ("the model library is compiled with %s: it may depend on GLib, GObject and "
                     "GIO only (src/model/meson.build)", param);
        }

      for (guint s = 0; s < json_array_get_length (sources); s++)
        {
          const char *source = json_array_get_string_element (sources, s);

          g_assert_true (is_in_tree (source, model_dir));
          assert_model_includes (source, model_headers);
          g_hash_table_add (built, g_strdup (source));
          n_sources++;
        }
    }
  /* The date, series, catalogue and event code at least. */
  g_assert_cmpuint (n_sources, >=, 4);

  /* Every C file in the model's folder is built into the model library, under its rules: none
   * is left to a library that may use more. */
  for (guint c = 0; c < model_c_files->len; c++)
    if (!g_hash_table_contains (built, g_ptr_array_index (model_c_files, c)))
      g_error ("%s is in src/model but not in the model library (src/model/meson.build)",
               (char *) g_ptr_array_index (model_c_files, c));

  for (guint h = 0; h < model_headers->len; h++)
    {
      g_autofree char *path = g_build_filename (model_dir, g_ptr_array_index (model_headers, h),
                                                NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        assert_model_includes (path, model_headers);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/layers/model-library", test_model_library);

  return g_test_run ();
}
