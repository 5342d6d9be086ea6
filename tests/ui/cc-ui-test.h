/* cc-ui-test.h: what the ui suite's tests share: running the main loop for a while, opening
 * and closing a window at a given size, putting the settings back to their defaults, and
 * finding a widget the way a user finds it (by its label, its action or the text it shows). */
#pragma once

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cc-application.h"
#include "cc-window.h"

/* Runs the default main context for @ms milliseconds, dispatching whatever is due. */
static inline void
cc_ui_test_iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

/* Runs the default main context until @done (@data) holds or @timeout_ms pass; returns whether
 * it held. For what the toolkit does in its own time (a frame drawn, a dialog shown), where a
 * fixed wait is too short on a loaded machine. */
static inline gboolean
cc_ui_test_wait_until (gboolean (*done) (gpointer data),
                       gpointer   data,
                       guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!done (data))
    {
      if (g_get_monotonic_time () >= end)
        return FALSE;
      cc_ui_test_iterate (10);
    }
  return TRUE;
}

/* A fresh temporary home for the test's process: its cache and data folders (XDG_CACHE_HOME,
 * XDG_DATA_HOME) point below it, so nothing an earlier run cached or saved is seen. Returns
 * its path, for cc_ui_test_remove_tree() at the end; @name_template is g_dir_make_tmp()'s. */
static inline char *
cc_ui_test_make_home (const char *name_template)
{
  g_autoptr(GError) error = NULL;
  char *home = g_dir_make_tmp (name_template, &error);
  g_autofree char *cache_dir = NULL;
  g_autofree char *data_dir = NULL;

  g_assert_no_error (error);
  cache_dir = g_build_filename (home, "cache", NULL);
  data_dir = g_build_filename (home, "data", NULL);
  g_setenv ("XDG_CACHE_HOME", cache_dir, TRUE);
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);
  return home;
}

/* A new window of @app at @width x @height, presented and given time to lay itself out. */
static inline CcWindow *
cc_ui_test_new_window (CcApplication *app,
                       int            width,
                       int            height)
{
  CcWindow *window = cc_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  cc_ui_test_iterate (300);
  return window;
}

/* Closes @window as the user does (its close-request handlers run). */
static inline void
cc_ui_test_close_window (CcWindow *window)
{
  gtk_window_close (GTK_WINDOW (window));
  cc_ui_test_iterate (50);
}

/* Every key of @app's settings back to its default. */
static inline void
cc_ui_test_reset_settings (CcApplication *app)
{
  GSettings *settings = cc_application_get_settings (app);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

/* The first widget under @widget (itself included, depth first) of @type, or NULL. */
static inline GtkWidget *
cc_ui_test_find_type (GtkWidget *widget,
                      GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = cc_ui_test_find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first widget under @widget (itself included) bound to @action_name, with the string
 * target @target unless @target is NULL; or NULL. */
static inline GtkWidget *
cc_ui_test_find_actionable (GtkWidget  *widget,
                            const char *action_name,
                            const char *target)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    {
      GVariant *value = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));

      if (target == NULL ||
          (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING) &&
           g_strcmp0 (g_variant_get_string (value, NULL), target) == 0))
        return widget;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = cc_ui_test_find_actionable (child, action_name, target);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The mapped button under @widget labelled @label (a toast's, say), or NULL. */
static inline GtkWidget *
cc_ui_test_find_button (GtkWidget  *widget,
                        const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = cc_ui_test_find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether a label under @widget shows text containing @needle. */
static inline gboolean
cc_ui_test_shows_text (GtkWidget  *widget,
                       const char *needle)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), needle) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (cc_ui_test_shows_text (child, needle))
      return TRUE;
  return FALSE;
}

/* Removes @path and, for a folder, everything below it (links are removed, not followed). */
static inline void
cc_ui_test_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          cc_ui_test_remove_tree (child);
        }
    }
  g_remove (path);
}

/* Opens the display; FALSE (say so and exit 77, "skipped") when there is none. */
static inline gboolean
cc_ui_test_open_display (void)
{
  if (gtk_init_check ())
    return TRUE;
  g_test_message ("No display: the ui suite needs one (run it under Xvfb)");
  return FALSE;
}

/* The application the tests drive: not unique, so it never hands its work to a running copy,
 * and registered. */
static inline CcApplication *
cc_ui_test_new_app (void)
{
  CcApplication *app = cc_application_new ();

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  return app;
}
