/* test-validate.c: what the packaging promises, checked against the files that ship it: one
 * application ID everywhere, a manifest flatpak-builder accepts, an install that yields exactly
 * what Flatpak exports, and translations that cover every translatable file. */
#define G_LOG_DOMAIN "test-validate"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* The only permissions the app needs; anything more must be argued for in flatpak/README.md. */
static const char *expected_finish_args[] = {
  "--share=network",
  "--share=ipc",
  "--socket=wayland",
  "--socket=fallback-x11",
  "--device=dri",
};

static const char *
source_root (void)
{
  const char *dir = g_getenv ("CHIPCYCLE_SOURCE_ROOT");

  g_assert_nonnull (dir);
  return dir;
}

static const char *
build_root (void)
{
  const char *dir = g_getenv ("CHIPCYCLE_BUILD_ROOT");

  g_assert_nonnull (dir);
  return dir;
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, &error))
    g_error ("cannot read %s: %s", path, error->message);
  return text;
}

/* Runs argv (argv[0] searched in PATH); returns the exit status, stdout and stderr together. */
static int
run (const char * const *argv,
     char              **output)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &out, &err, &status, &error))
    g_error ("cannot run %s: %s", argv[0], error->message);
  if (output != NULL)
    *output = g_strconcat (out, err, NULL);
  if (WIFEXITED (status))
    return WEXITSTATUS (status);
  return 128 + WTERMSIG (status);
}

/* Fails the test with a one-line message; the details go to stderr, since TAP reads stdout. */
G_GNUC_NORETURN static void
fail_with_details (const char *details,
                   const char *message)
{
  g_printerr ("%s\n", details);
  g_error ("%s", message);
}

static void
assert_tool_passes (const char * const *argv)
{
  g_autofree char *output = NULL;
  g_autofree char *cmdline = g_strjoinv (" ", (char **) argv);
  int status = run (argv, &output);

  if (status != 0)
    {
      g_autofree char *message = g_strdup_printf ("`%s` exited with %d", cmdline, status);
      fail_with_details (output, message);
    }
  g_test_message ("`%s` passed", cmdline);
}

/* The application ID without a profile suffix, as the path GResource and GSettings use. */
static char *
id_to_path (const char *id)
{
  g_autofree char *path = g_strdelimit (g_strdup (id), ".", '/');

  return g_strconcat ("/", path, NULL);
}

/* ------------------------------------------------------------------------ tiny XML reader */

typedef struct {
  char       *name;
  GHashTable *attributes;
  GString    *text;
} Element;

static void
element_free (Element *element)
{
  g_free (element->name);
  g_hash_table_unref (element->attributes);
  g_string_free (element->text, TRUE);
  g_free (element);
}

typedef struct {
  GPtrArray *all;   /* every element, in document order */
  GPtrArray *open;  /* the elements not closed yet */
} XmlDoc;

static void
xml_start (GMarkupParseContext  *context,
           const char           *name,
           const char          **attribute_names,
           const char          **attribute_values,
           gpointer              user_data,
           GError              **error)
{
  XmlDoc *doc = user_data;
  Element *element = g_new0 (Element, 1);

  element->name = g_strdup (name);
  element->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  element->text = g_string_new (NULL);
  for (guint i = 0; attribute_names[i] != NULL; i++)
    g_hash_table_insert (element->attributes, g_strdup (attribute_names[i]),
                         g_strdup (attribute_values[i]));
  g_ptr_array_add (doc->all, element);
  g_ptr_array_add (doc->open, element);
}

static void
xml_end (GMarkupParseContext  *context,
         const char           *name,
         gpointer              user_data,
         GError              **error)
{
  XmlDoc *doc = user_data;

  g_ptr_array_remove_index (doc->open, doc->open->len - 1);
}

static void
xml_text (GMarkupParseContext  *context,
          const char           *text,
          gsize                 len,
          gpointer              user_data,
          GError              **error)
{
  XmlDoc *doc = user_data;

  if (doc->open->len > 0)
    {
      Element *element = g_ptr_array_index (doc->open, doc->open->len - 1);
      g_string_append_len (element->text, text, len);
    }
}

static GPtrArray *
xml_read (const char *path)
{
  static const GMarkupParser parser = { xml_start, xml_end, xml_text, NULL, NULL };
  g_autofree char *text = read_text (path);
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) open = g_ptr_array_new ();
  XmlDoc doc = { g_ptr_array_new_with_free_func ((GDestroyNotify) element_free), open };

  context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &doc, NULL);
  if (!g_markup_parse_context_parse (context, text, -1, &error) ||
      !g_markup_parse_context_end_parse (context, &error))
    g_error ("%s is not well-formed XML: %s", path, error->message);
  return doc.all;
}

/* The first element called @name, or the one whose @attribute is @value if both are given. */
static Element *
xml_find (GPtrArray  *doc,
          const char *name,
          const char *attribute,
          const char *value)
{
  for (guint i = 0; i < doc->len; i++)
    {
      Element *element = g_ptr_array_index (doc, i);

      if (!g_str_equal (element->name, name))
        continue;
      if (attribute == NULL ||
          g_strcmp0 (g_hash_table_lookup (element->attributes, attribute), value) == 0)
        return element;
    }
  return NULL;
}

static char *
xml_text_of (GPtrArray  *doc,
             const char *name,
             const char *attribute,
             const char *value)
{
  Element *element = xml_find (doc, name, attribute, value);

  if (element == NULL)
    return NULL;
  return g_strstrip (g_strdup (element->text->str));
}

/* ------------------------------------------------------------------------------ manifests */

static JsonObject *
manifest_read (const char *name,
               JsonParser *parser)
{
  g_autofree char *path = g_build_filename (source_root (), "flatpak", name, NULL);
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_file (parser, path, &error))
    g_error ("%s: %s", path, error->message);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_node_get_object (root);
}

static const char *
manifest_id (JsonObject *manifest)
{
  if (json_object_has_member (manifest, "id"))
    return json_object_get_string_member (manifest, "id");
  return json_object_get_string_member (manifest, "app-id");
}

/* The app's own module: the last one, built with meson from the project directory. */
static JsonObject *
manifest_app_module (JsonObject *manifest)
{
  JsonArray *modules = json_object_get_array_member (manifest, "modules");
  JsonObject *module;

  g_assert_nonnull (modules);
  g_assert_cmpuint (json_array_get_length (modules), >, 0);
  module = json_array_get_object_element (modules, json_array_get_length (modules) - 1);
  g_assert_nonnull (module);
  g_assert_cmpstr (json_object_get_string_member (module, "buildsystem"), ==, "meson");
  return module;
}

static gboolean
json_array_has_string (JsonArray  *array,
                       const char *value)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;
  return FALSE;
}

static void
check_manifest (const char *name,
                const char *expected_id,
                const char *expected_profile)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *manifest = manifest_read (name, parser);
  JsonObject *module = manifest_app_module (manifest);
  JsonArray *finish_args = json_object_get_array_member (manifest, "finish-args");
  g_autofree char *profile_opt = g_strdup_printf ("-Dprofile=%s", expected_profile);

  g_assert_cmpstr (manifest_id (manifest), ==, expected_id);
  g_assert_cmpstr (json_object_get_string_member (manifest, "runtime"), ==, "org.gnome.Platform");
  g_assert_cmpstr (json_object_get_string_member (manifest, "sdk"), ==, "org.gnome.Sdk");
  g_assert_true (json_object_has_member (manifest, "runtime-version"));
  /* The command is the binary meson installs (checked against the install in /validate/install). */
  g_assert_cmpstr (json_object_get_string_member (manifest, "command"), ==, "chipcycle");
  g_assert_true (json_array_has_string (json_object_get_array_member (module, "config-opts"),
                                        profile_opt));

  /* Exactly the permissions the app needs: no file system access (portals), no session bus
   * names (the Secret portal), nothing else. */
  g_assert_nonnull (finish_args);
  for (guint i = 0; i < G_N_ELEMENTS (expected_finish_args); i++)
    if (!json_array_has_string (finish_args, expected_finish_args[i]))
      g_error ("%s lacks the permission %s", name, expected_finish_args[i]);
  for (guint i = 0; i < json_array_get_length (finish_args); i++)
    {
      const char *arg = json_array_get_string_element (finish_args, i);
      gboolean known = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (expected_finish_args); j++)
        known |= g_strcmp0 (arg, expected_finish_args[j]) == 0;
      if (!known)
        g_error ("%s asks for a permission the app does not need: %s", name, arg);
    }
}

static void
test_manifest (void)
{
  g_autofree char *devel_id = g_strconcat (BASE_APPLICATION_ID, ".Devel", NULL);

  check_manifest ("io.github.chipcycle.ChipCycle.json", BASE_APPLICATION_ID, "default");
  check_manifest ("io.github.chipcycle.ChipCycle.Devel.json", devel_id, "development");
}

static void
test_manifest_builder (void)
{
  const char *names[] = {
    "io.github.chipcycle.ChipCycle.json",
    "io.github.chipcycle.ChipCycle.Devel.json",
  };
  g_autofree char *builder = g_find_program_in_path ("flatpak-builder");

  if (builder == NULL)
    {
      g_test_skip ("flatpak-builder is not installed");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (source_root (), "flatpak", names[i], NULL);
      g_autofree char *output = NULL;
      const char *argv[] = { builder, "--show-manifest", path, NULL };
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonParser) committed = json_parser_new ();
      g_autoptr(GError) error = NULL;
      int status = run (argv, &output);

      if (status != 0)
        fail_with_details (output, "flatpak-builder --show-manifest failed");
      /* It prints the manifest back as it understood it: unknown keys are dropped, and any
       * warning would be printed before it. */
      if (!json_parser_load_from_data (parser, output, -1, &error))
        fail_with_details (output,
                           "flatpak-builder --show-manifest printed more than the manifest");
      g_assert_cmpstr (manifest_id (json_node_get_object (json_parser_get_root (parser))), ==,
                       manifest_id (manifest_read (names[i], committed)));
    }
}

/* --------------------------------------------------------------------------- the app ID */

static void
check_no_literal_id (const char *relative)
{
  g_autofree char *path = g_build_filename (source_root (), relative, NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *entry;

  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (relative, entry, NULL);
      g_autofree char *full = g_build_filename (source_root (), child, NULL);
      g_autofree char *text = NULL;

      if (g_file_test (full, G_FILE_TEST_IS_DIR))
        check_no_literal_id (child);
      else if ((g_str_has_suffix (entry, ".c") || g_str_has_suffix (entry, ".h")) &&
               g_file_get_contents (full, &text, NULL, NULL))
        {
          g_autoptr(GRegex) regex = g_regex_new ("\"(io\\.github\\.chipcycle[^\"]*)\"",
                                                 G_REGEX_CASELESS, 0, NULL);
          g_autoptr(GMatchInfo) match = NULL;

          g_regex_match (regex, text, 0, &match);
          for (; g_match_info_matches (match); g_match_info_next (match, NULL))
            {
              g_autofree char *literal = g_match_info_fetch (match, 1);

              /* Names derived from the ID (a Secret schema, say) are fine; the ID itself comes
               * from config.h so that the profile reaches it; anything else disagrees. */
              if (g_str_equal (literal, BASE_APPLICATION_ID))
                g_error ("%s spells out the application ID; use APPLICATION_ID from config.h",
                         child);
              if (!g_str_has_prefix (literal, BASE_APPLICATION_ID "."))
                g_error ("%s names “%s”, which disagrees with the application ID %s", child,
                         literal, BASE_APPLICATION_ID);
            }
        }
    }
}

static void
test_app_id (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *manifest = manifest_read ("io.github.chipcycle.ChipCycle.json", parser);
  const char *command = json_object_get_string_member (manifest, "command");
  g_autofree char *expected_id = NULL;
  g_autofree char *resource_path = id_to_path (BASE_APPLICATION_ID);
  g_autofree char *desktop_path = NULL;
  g_autofree char *metainfo_path = NULL;
  g_autofree char *desktop_name = NULL;
  g_autofree char *icon = NULL;
  g_autofree char *exec = NULL;
  g_autofree char *launchable = NULL;
  g_autofree char *binary = NULL;
  g_autofree char *metainfo_id = NULL;
  g_autofree char *schema_path = NULL;
  g_autofree char *bin = NULL;
  g_autoptr(GKeyFile) desktop = g_key_file_new ();
  g_autoptr(GPtrArray) metainfo = NULL;
  g_autoptr(GPtrArray) schema = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettingsSchemaSource) source = NULL;
  g_autoptr(GSettingsSchema) settings_schema = NULL;
  g_auto(GStrv) children = NULL;
  Element *element;
  guint n_resource_files = 0;

  /* The build's own ID follows the profile. */
  if (g_str_equal (PROFILE, "development"))
    expected_id = g_strconcat (BASE_APPLICATION_ID, ".Devel", NULL);
  else
    expected_id = g_strdup (BASE_APPLICATION_ID);
  g_assert_cmpstr (APPLICATION_ID, ==, expected_id);
  g_assert_cmpstr (manifest_id (manifest), ==, BASE_APPLICATION_ID);

  /* The desktop file this build generates. */
  desktop_path = g_build_filename (build_root (), "data", APPLICATION_ID ".desktop", NULL);
  desktop_name = g_path_get_basename (desktop_path);
  g_assert_cmpstr (desktop_name, ==, APPLICATION_ID ".desktop");
  if (!g_key_file_load_from_file (desktop, desktop_path, G_KEY_FILE_NONE, &error))
    g_error ("%s: %s", desktop_path, error->message);
  icon = g_key_file_get_string (desktop, G_KEY_FILE_DESKTOP_GROUP, "Icon", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (icon, ==, APPLICATION_ID);
  exec = g_key_file_get_string (desktop, G_KEY_FILE_DESKTOP_GROUP, "Exec", &error);
  g_assert_no_error (error);
  g_strdelimit (exec, " ", '\0');
  g_assert_cmpstr (exec, ==, command);

  /* The metainfo this build generates. */
  metainfo_path = g_build_filename (build_root (), "data", APPLICATION_ID ".metainfo.xml", NULL);
  metainfo = xml_read (metainfo_path);
  metainfo_id = xml_text_of (metainfo, "id", NULL, NULL);
  g_assert_cmpstr (metainfo_id, ==, APPLICATION_ID);
  launchable = xml_text_of (metainfo, "launchable", "type", "desktop-id");
  g_assert_cmpstr (launchable, ==, desktop_name);
  binary = xml_text_of (metainfo, "binary", NULL, NULL);
  g_assert_cmpstr (binary, ==, command);
  element = xml_find (metainfo, "translation", "type", "gettext");
  g_assert_nonnull (element);
  g_assert_cmpstr (g_strstrip (element->text->str), ==, GETTEXT_PACKAGE);

  /* The icons, as the sources name them (meson renames them to the profile's ID). */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *path = NULL;

      path = g_strdup_printf ("%s/data/icons/hicolor/%s/apps/%s%s.svg", source_root (),
                              i == 0 ? "scalable" : "symbolic", BASE_APPLICATION_ID,
                              i == 0 ? "" : "-symbolic");
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_error ("the icon %s is missing", path);
      g_ptr_array_unref (xml_read (path));
    }

  /* Every GResource manifest in src/ and data/ uses the app's prefix ... */
  g_assert_cmpstr (RESOURCE_PREFIX, ==, resource_path);
  for (guint d = 0; d < 2; d++)
    {
      g_autofree char *top = g_build_filename (source_root (), d == 0 ? "src" : "data", NULL);
      g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (stack, g_steal_pointer (&top));
      while (stack->len > 0)
        {
          g_autofree char *here = g_ptr_array_steal_index (stack, stack->len - 1);
          g_autoptr(GDir) walk = g_dir_open (here, 0, NULL);
          const char *entry;

          while (walk != NULL && (entry = g_dir_read_name (walk)) != NULL)
            {
              g_autofree char *path = g_build_filename (here, entry, NULL);

              if (g_file_test (path, G_FILE_TEST_IS_DIR))
                g_ptr_array_add (stack, g_steal_pointer (&path));
              else if (g_str_has_suffix (entry, ".gresource.xml"))
                {
                  g_autoptr(GPtrArray) doc = xml_read (path);

                  for (guint i = 0; i < doc->len; i++)
                    {
                      Element *gresource = g_ptr_array_index (doc, i);
                      const char *prefix;

                      if (!g_str_equal (gresource->name, "gresource"))
                        continue;
                      prefix = g_hash_table_lookup (gresource->attributes, "prefix");
                      if (prefix == NULL || !g_str_has_prefix (prefix, RESOURCE_PREFIX))
                        g_error ("%s: GResource prefix %s is not under %s", path, prefix,
                                 RESOURCE_PREFIX);
                    }
                  n_resource_files++;
                }
            }
        }
    }
  g_assert_cmpuint (n_resource_files, >, 0);
  /* ... and the resources linked into the app really live there. */
  children = g_resources_enumerate_children (RESOURCE_PREFIX, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                             &error);
  g_assert_no_error (error);
  g_assert_nonnull (children);
  g_assert_nonnull (children[0]);

  /* The GSettings schema: its ID is the base ID in every profile (settings survive switching
   * between the stable and the development build's schema source). */
  schema_path = g_build_filename (source_root (), "data", BASE_APPLICATION_ID ".gschema.xml",
                                  NULL);
  schema = xml_read (schema_path);
  element = xml_find (schema, "schema", NULL, NULL);
  g_assert_nonnull (element);
  g_assert_cmpstr (g_hash_table_lookup (element->attributes, "id"), ==, BASE_APPLICATION_ID);
  {
    g_autofree char *expected_path = g_strconcat (resource_path, "/", NULL);
    g_assert_cmpstr (g_hash_table_lookup (element->attributes, "path"), ==, expected_path);
  }
  element = xml_find (schema, "schemalist", NULL, NULL);
  g_assert_cmpstr (g_hash_table_lookup (element->attributes, "gettext-domain"), ==,
                   GETTEXT_PACKAGE);
  source = g_settings_schema_source_new_from_directory (g_getenv ("GSETTINGS_SCHEMA_DIR"), NULL,
                                                        TRUE, &error);
  g_assert_no_error (error);
  settings_schema = g_settings_schema_source_lookup (source, BASE_APPLICATION_ID, FALSE);
  g_assert_nonnull (settings_schema);

  /* The binary meson builds (and installs, see /validate/install) is the manifest's command. */
  bin = g_path_get_basename (g_getenv ("CHIPCYCLE_BIN"));
  g_assert_cmpstr (bin, ==, command);

  /* No C source spells the ID out: code uses APPLICATION_ID, so the profile reaches it. */
  check_no_literal_id ("src");
}

/* ---------------------------------------------------------------------------- install */

static void
list_files (const char *top,
            const char *relative,
            GPtrArray  *files)
{
  g_autofree char *path = g_build_filename (top, relative, NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *entry;

  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = relative[0] ? g_build_filename (relative, entry, NULL)
                                           : g_strdup (entry);
      g_autofree char *full = g_build_filename (top, child, NULL);

      if (g_file_test (full, G_FILE_TEST_IS_DIR) && !g_file_test (full, G_FILE_TEST_IS_SYMLINK))
        list_files (top, child, files);
      else
        g_ptr_array_add (files, g_steal_pointer (&child));
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
test_install (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *destdir = g_dir_make_tmp ("chipcycle-install-XXXXXX", &error);
  g_autofree char *prefix = NULL;
  g_autofree char *linguas_path = g_build_filename (source_root (), "po", "LINGUAS", NULL);
  g_autofree char *linguas = read_text (linguas_path);
  g_auto(GStrv) languages = g_strsplit_set (linguas, " \n", -1);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) report = g_string_new (NULL);
  g_autofree char *meson = g_find_program_in_path ("meson");
  g_autofree char *desktop = NULL;
  g_autofree char *metainfo = NULL;
  g_autofree char *schemas = NULL;
  g_autofree char *output = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *command;
  int status;

  g_assert_no_error (error);
  g_assert_nonnull (meson);
  command = json_object_get_string_member (manifest_read ("io.github.chipcycle.ChipCycle.json",
                                                          parser), "command");

  {
    const char *argv[] = { meson, "install", "--no-rebuild", "--quiet", "-C", build_root (),
                           "--destdir", destdir, NULL };
    status = run (argv, &output);
    if (status != 0)
      fail_with_details (output, "meson install --destdir failed");
  }

  /* Where meson put things: the prefix inside the destdir (meson introspect would say the
   * same; the prefix is the first directory that has bin/). */
  {
    g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);
    list_files (destdir, "", all);
    for (guint i = 0; i < all->len && prefix == NULL; i++)
      {
        const char *file = g_ptr_array_index (all, i);
        g_autofree char *bin = g_strconcat ("/bin/", command, NULL);

        if (g_str_has_suffix (file, bin))
          prefix = g_strndup (file, strlen (file) - strlen (bin));
      }
    if (prefix == NULL)
      g_error ("meson install put no bin/%s into %s", command, destdir);
  }

  /* Exactly what a Flatpak of the app exports (the desktop file, metainfo and icons, all named
   * after the ID), plus the schema, the translations and the binary. */
  g_ptr_array_add (expected, g_strconcat ("bin/", command, NULL));
  /* The window's binary, which `chipcycle` starts when given no command. */
  g_ptr_array_add (expected, g_strdup ("libexec/chipcycle-app"));
  g_ptr_array_add (expected, g_strdup ("share/applications/" APPLICATION_ID ".desktop"));
  g_ptr_array_add (expected, g_strdup ("share/glib-2.0/schemas/" BASE_APPLICATION_ID
                                       ".gschema.xml"));
  g_ptr_array_add (expected, g_strdup ("share/icons/hicolor/scalable/apps/" APPLICATION_ID
                                       ".svg"));
  g_ptr_array_add (expected, g_strdup ("share/icons/hicolor/symbolic/apps/" APPLICATION_ID
                                       "-symbolic.svg"));
  g_ptr_array_add (expected, g_strdup ("share/metainfo/" APPLICATION_ID ".metainfo.xml"));
  for (guint i = 0; languages[i] != NULL; i++)
    if (languages[i][0] != '\0' && languages[i][0] != '#')
      g_ptr_array_add (expected, g_strdup_printf ("share/locale/%s/LC_MESSAGES/%s.mo",
                                                  languages[i], GETTEXT_PACKAGE));
  g_ptr_array_sort (expected, compare_strings);

  {
    g_autofree char *top = g_build_filename (destdir, prefix, NULL);
    list_files (top, "", found);
    g_ptr_array_sort (found, compare_strings);
  }
  for (guint i = 0; i < found->len; i++)
    {
      const char *file = g_ptr_array_index (found, i);
      guint index;

      /* Documentation stays in the app's own prefix; Flatpak neither exports nor needs it. */
      if (g_str_has_prefix (file, "share/doc/" GETTEXT_PACKAGE "/"))
        continue;
      if (!g_ptr_array_find_with_equal_func (expected, file, g_str_equal, &index))
        g_string_append_printf (report, "  installed but not expected: %s\n", file);
    }
  for (guint i = 0; i < expected->len; i++)
    {
      const char *file = g_ptr_array_index (expected, i);
      guint index;

      if (!g_ptr_array_find_with_equal_func (found, file, g_str_equal, &index))
        g_string_append_printf (report, "  expected but not installed: %s\n", file);
    }
  if (report->len > 0)
    fail_with_details (report->str,
                       "meson install --destdir does not yield the files Flatpak exports");

  /* Flatpak exports only files named after the app ID from these folders: anything else
   * there would silently go missing from the desktop. */
  for (guint i = 0; i < found->len; i++)
    {
      const char *file = g_ptr_array_index (found, i);
      g_autofree char *base = g_path_get_basename (file);

      if ((g_str_has_prefix (file, "share/applications/") ||
           g_str_has_prefix (file, "share/metainfo/") ||
           g_str_has_prefix (file, "share/icons/")) &&
          !g_str_has_prefix (base, APPLICATION_ID))
        g_error ("%s is not named after %s, so Flatpak would not export it", file,
                 APPLICATION_ID);
    }

  /* What was installed validates where it was installed. */
  desktop = g_build_filename (destdir, prefix, "share/applications", APPLICATION_ID ".desktop",
                              NULL);
  metainfo = g_build_filename (destdir, prefix, "share/metainfo", APPLICATION_ID ".metainfo.xml",
                               NULL);
  schemas = g_build_filename (destdir, prefix, "share/glib-2.0/schemas", NULL);
  {
    const char *argv[] = { "desktop-file-validate", desktop, NULL };
    assert_tool_passes (argv);
  }
  {
    const char *argv[] = { "appstreamcli", "validate", "--no-net", "--explain", metainfo, NULL };
    assert_tool_passes (argv);
  }
  {
    const char *argv[] = { "glib-compile-schemas", "--strict", "--dry-run", schemas, NULL };
    assert_tool_passes (argv);
  }
  /* The tree as a whole, as a software centre reads it: metainfo, desktop file and icon. */
  {
    g_autofree char *tree = g_build_filename (destdir, prefix, NULL);
    const char *argv[] = { "appstreamcli", "validate-tree", "--no-net", "--explain", tree, NULL };
    assert_tool_passes (argv);
  }
  for (guint i = 0; i < found->len; i++)
    {
      const char *file = g_ptr_array_index (found, i);

      if (g_str_has_suffix (file, ".svg"))
        {
          g_autofree char *path = g_build_filename (destdir, prefix, file, NULL);
          g_autoptr(GPtrArray) svg = xml_read (path);
          Element *root = g_ptr_array_index (svg, 0);

          g_assert_cmpstr (root->name, ==, "svg");
        }
    }

  {
    const char *argv[] = { "rm", "-rf", destdir, NULL };
    run (argv, NULL);
  }
}

/* ---------------------------------------------------------------------------- screenshots */

/* The metainfo's screenshots are files committed under data/screenshots/ (their URLs point at
 * them in the repository): each exists, is a PNG at least as wide as the display the metainfo
 * requires, has a caption, and no screenshot lies there unused. */
static void
test_screenshots (void)
{
  g_autofree char *template = g_build_filename (source_root (), "data",
                                                BASE_APPLICATION_ID ".metainfo.xml.in.in", NULL);
  g_autofree char *dir_path = g_build_filename (source_root (), "data", "screenshots", NULL);
  g_autoptr(GPtrArray) metainfo = xml_read (template);
  g_autoptr(GPtrArray) used = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  Element *length = xml_find (metainfo, "display_length", "compare", "ge");
  guint64 min_width;
  const char *entry;

  g_assert_nonnull (length);
  min_width = g_ascii_strtoull (length->text->str, NULL, 10);
  g_assert_cmpuint (min_width, >=, 360);

  for (guint i = 0; i < metainfo->len; i++)
    {
      Element *element = g_ptr_array_index (metainfo, i);
      g_autofree char *url = NULL;
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      g_autofree char *data = NULL;
      gsize size = 0;
      guint32 width, height;

      if (g_str_equal (element->name, "caption"))
        g_assert_cmpuint (strlen (g_strstrip (element->text->str)), >, 0);
      if (!g_str_equal (element->name, "image"))
        continue;
      url = g_strstrip (g_strdup (element->text->str));
      g_assert_true (g_str_has_prefix (url, "https://"));
      if (strstr (url, "/data/screenshots/") == NULL)
        g_error ("the screenshot %s is not one of data/screenshots/", url);
      name = g_path_get_basename (url);
      path = g_build_filename (dir_path, name, NULL);
      if (!g_file_get_contents (path, &data, &size, &error))
        g_error ("the metainfo shows %s, but data/screenshots/%s cannot be read: %s", url, name,
                 error->message);
      /* PNG signature, then the IHDR chunk with the size, big-endian. */
      if (size < 24 || memcmp (data, "\x89PNG\r\n\x1a\n", 8) != 0 ||
          memcmp (data + 12, "IHDR", 4) != 0)
        g_error ("data/screenshots/%s is not a PNG image", name);
      width = GUINT32_FROM_BE (*(guint32 *) (data + 16));
      height = GUINT32_FROM_BE (*(guint32 *) (data + 20));
      if (width < min_width || height < 400)
        g_error ("data/screenshots/%s is %u×%u, smaller than the %" G_GUINT64_FORMAT
                 " pixels the metainfo asks of a display", name, width, height, min_width);
      g_ptr_array_add (used, g_steal_pointer (&name));
    }
  g_assert_cmpuint (used->len, >, 0);

  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      guint index;

      if (g_str_has_suffix (entry, ".png") &&
          !g_ptr_array_find_with_equal_func (used, entry, g_str_equal, &index))
        g_error ("data/screenshots/%s is not shown in the metainfo", entry);
    }
}

/* ------------------------------------------------------------------------- translations */

/* Whether @text marks a string for translation the way our sources do. */
static gboolean
has_translatable_strings (const char *path,
                          const char *text)
{
  static GRegex *c_regex = NULL;

  if (g_str_has_suffix (path, ".ui"))
    return strstr (text, "translatable=\"yes\"") != NULL;
  if (g_str_has_suffix (path, ".gschema.xml"))
    return strstr (text, "<summary>") != NULL || strstr (text, "<description>") != NULL;
  if (g_str_has_suffix (path, ".metainfo.xml.in.in") || g_str_has_suffix (path, ".metainfo.xml.in"))
    return strstr (text, "<summary>") != NULL;
  if (g_str_has_suffix (path, ".desktop.in.in") || g_str_has_suffix (path, ".desktop.in"))
    return strstr (text, "\nName=") != NULL;
  if (g_str_has_suffix (path, ".c") || g_str_has_suffix (path, ".h"))
    {
      if (c_regex == NULL)
        c_regex = g_regex_new ("(^|[^A-Za-z0-9_])(_|N_|C_|NC_)\\s*\\(\\s*\"", G_REGEX_OPTIMIZE,
                               0, NULL);
      return g_regex_match (c_regex, text, 0, NULL);
    }
  return FALSE;
}

static void
collect_translatable (const char *relative,
                      GPtrArray  *files)
{
  g_autofree char *path = g_build_filename (source_root (), relative, NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *entry;

  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (relative, entry, NULL);
      g_autofree char *full = g_build_filename (source_root (), child, NULL);
      g_autofree char *text = NULL;

      if (g_file_test (full, G_FILE_TEST_IS_DIR))
        {
          collect_translatable (child, files);
          continue;
        }
      if (!g_file_get_contents (full, &text, NULL, NULL))
        continue;
      if (has_translatable_strings (child, text))
        g_ptr_array_add (files, g_steal_pointer (&child));
    }
}

static GPtrArray *
read_potfiles (void)
{
  g_autofree char *path = g_build_filename (source_root (), "po", "POTFILES.in", NULL);
  g_autofree char *text = read_text (path);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] != '\0' && lines[i][0] != '#')
        g_ptr_array_add (files, g_strdup (lines[i]));
    }
  return files;
}

static void
test_potfiles (void)
{
  g_autoptr(GPtrArray) listed = read_potfiles ();
  g_autoptr(GPtrArray) marked = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) report = g_string_new (NULL);

  collect_translatable ("src", marked);
  collect_translatable ("data", marked);
  g_assert_cmpuint (marked->len, >, 0);

  for (guint i = 0; i < marked->len; i++)
    {
      const char *file = g_ptr_array_index (marked, i);
      guint index;

      if (!g_ptr_array_find_with_equal_func (listed, file, g_str_equal, &index))
        g_string_append_printf (report, "  has translatable strings but is not listed: %s\n",
                                file);
    }
  for (guint i = 0; i < listed->len; i++)
    {
      const char *file = g_ptr_array_index (listed, i);
      g_autofree char *full = g_build_filename (source_root (), file, NULL);
      g_autofree char *text = NULL;
      guint index;

      if (!g_file_get_contents (full, &text, NULL, NULL))
        g_string_append_printf (report, "  listed but missing: %s\n", file);
      else if (!g_ptr_array_find_with_equal_func (marked, file, g_str_equal, &index))
        g_string_append_printf (report, "  listed but has no translatable strings: %s\n", file);
      if (i > 0 && strcmp (g_ptr_array_index (listed, i - 1), file) >= 0)
        g_string_append_printf (report, "  not sorted (or listed twice): %s\n", file);
    }
  if (report->len > 0)
    fail_with_details (report->str, "po/POTFILES.in does not match the sources");
}

static GPtrArray *
read_linguas (void)
{
  g_autofree char *path = g_build_filename (source_root (), "po", "LINGUAS", NULL);
  g_autofree char *text = read_text (path);
  g_auto(GStrv) words = g_strsplit_set (text, " \n", -1);
  GPtrArray *languages = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0' && words[i][0] != '#')
      g_ptr_array_add (languages, g_strdup (words[i]));
  return languages;
}

static void
test_po_check (void)
{
  g_autoptr(GPtrArray) languages = read_linguas ();
  g_autofree char *po_dir = g_build_filename (source_root (), "po", NULL);
  g_autoptr(GDir) dir = g_dir_open (po_dir, 0, NULL);
  const char *entry;

  g_assert_cmpuint (languages->len, >=, 2);
  for (guint i = 0; i < languages->len; i++)
    {
      g_autofree char *po = g_strdup_printf ("%s/%s.po", po_dir,
                                             (char *) g_ptr_array_index (languages, i));
      const char *argv[] = { "msgfmt", "--check", "--check-accelerators=_", "-o", "/dev/null",
                             po, NULL };

      assert_tool_passes (argv);
    }
  /* Every .po is built: none is forgotten in LINGUAS. */
  while ((entry = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (entry, ".po"))
      {
        g_autofree char *language = g_strndup (entry, strlen (entry) - 3);
        guint index;

        if (!g_ptr_array_find_with_equal_func (languages, language, g_str_equal, &index))
          g_error ("po/%s is not listed in po/LINGUAS", entry);
      }
}

/* Each translation covers every message the sources hold now: a fresh template from
 * POTFILES.in, compared with msgcmp (untranslated and fuzzy messages count as missing). */
static void
test_po_complete (void)
{
  g_autoptr(GPtrArray) languages = read_linguas ();
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("chipcycle-pot-XXXXXX", &error);
  g_autofree char *pot = g_build_filename (tmp, "chipcycle.pot", NULL);
  g_autofree char *potfiles = g_build_filename (source_root (), "po", "POTFILES.in", NULL);
  g_autofree char *files_from = g_strconcat ("--files-from=", potfiles, NULL);
  g_autofree char *directory = g_strconcat ("--directory=", source_root (), NULL);
  g_autofree char *output_arg = g_strconcat ("--output=", pot, NULL);
  /* The keywords of meson's glib preset. */
  const char *xgettext[] = {
    "xgettext", "--from-code=UTF-8", "--add-comments", "--keyword=_", "--keyword=N_",
    "--keyword=C_:1c,2", "--keyword=NC_:1c,2", "--keyword=g_dcgettext:2",
    "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3", "--flag=N_:1:pass-c-format",
    "--flag=C_:2:pass-c-format", "--flag=NC_:2:pass-c-format",
    "--flag=g_dngettext:2:pass-c-format", "--flag=g_strdup_printf:1:c-format",
    "--flag=g_string_printf:2:c-format", "--flag=g_string_append_printf:2:c-format",
    "--flag=g_error_new:3:c-format", "--flag=g_set_error:4:c-format",
    "--flag=g_markup_printf_escaped:1:c-format", "--flag=g_log:3:c-format",
    "--flag=g_print:1:c-format", "--flag=g_printerr:1:c-format",
    "--flag=g_printf:1:c-format", "--flag=g_fprintf:2:c-format",
    "--flag=g_sprintf:2:c-format", "--flag=g_snprintf:3:c-format",
    directory, files_from, output_arg, NULL,
  };
  g_autoptr(GString) report = g_string_new (NULL);

  g_assert_no_error (error);
  assert_tool_passes (xgettext);
  for (guint i = 0; i < languages->len; i++)
    {
      g_autofree char *po = g_strdup_printf ("%s/po/%s.po", source_root (),
                                             (char *) g_ptr_array_index (languages, i));
      g_autofree char *output = NULL;
      const char *argv[] = { "msgcmp", po, pot, NULL };

      if (run (argv, &output) != 0)
        g_string_append_printf (report, "%s:\n%s\n", po, output);
    }
  {
    const char *argv[] = { "rm", "-rf", tmp, NULL };
    run (argv, NULL);
  }
  if (report->len > 0)
    fail_with_details (report->str, "translations are incomplete (run `ninja chipcycle-update-po`, "
                                    "then translate)");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* No path is a prefix of another: meson runs each with -p, which runs a whole subtree. */
  g_test_add_func ("/validate/manifest-content", test_manifest);
  g_test_add_func ("/validate/manifest-flatpak-builder", test_manifest_builder);
  g_test_add_func ("/validate/app-id", test_app_id);
  g_test_add_func ("/validate/install", test_install);
  g_test_add_func ("/validate/screenshots", test_screenshots);
  g_test_add_func ("/validate/potfiles", test_potfiles);
  g_test_add_func ("/validate/po-check", test_po_check);
  g_test_add_func ("/validate/po-complete", test_po_complete);

  return g_test_run ();
}
