/* cc-test-edgar-server.h: a SoupServer on 127.0.0.1, in a thread of its own (the EDGAR client
 * blocks the thread that calls it), serving the replies of tests/data/FOLDER at SEC EDGAR's
 * public paths: the ticker list, submissions, filing headers and companyconcept replies
 * ("concept_CIK##########_Tag.json"); anything else is a 404. Each reply carries an ETag (its
 * length and checksum) and a request naming it gets a 304, as the SEC's servers do. Files of
 * an overlay folder, when set, stand in for the folder's (a company that filed since). Counts
 * the requests and the 304s, and keeps each one's path and the last User-Agent. */
#pragma once

#include <libsoup/soup.h>

typedef struct {
  SoupServer   *server;
  char         *folder;
  char         *overlay;      /* or NULL */
  char         *base_url;
  GMainContext *context;
  GMainLoop    *loop;
  GThread      *thread;
  GMutex        lock;
  guint         hits;
  guint         not_modified; /* 304s sent */
  GPtrArray    *paths;        /* every request's path, in order */
  char         *user_agent;   /* the last request's */
} CcTestEdgarServer;

static char *
cc_test_edgar_server_file_for (const char *path)
{
  g_autofree char *cik = NULL;

  if (g_str_equal (path, "/files/company_tickers.json"))
    return g_strdup ("company_tickers.json");
  if (g_str_has_prefix (path, "/api/xbrl/companyconcept/"))
    {
      g_auto(GStrv) parts = g_strsplit (path + strlen ("/api/xbrl/companyconcept/"), "/", -1);

      if (g_strv_length (parts) != 3 || strchr (parts[2], '.') == NULL)
        return NULL;
      return g_strdup_printf ("concept_%s_%s", parts[0], parts[2]);
    }
  if (g_str_has_prefix (path, "/submissions/") || g_str_has_prefix (path, "/Archives/"))
    return g_path_get_basename (path);
  return NULL;
}

static void
cc_test_edgar_server_cb (SoupServer        *server,
                         SoupServerMessage *msg,
                         const char        *path,
                         GHashTable        *query,
                         gpointer           user_data)
{
  CcTestEdgarServer *self = user_data;
  g_autofree char *name = cc_test_edgar_server_file_for (path);
  g_autofree char *file = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_mutex_lock (&self->lock);
  self->hits++;
  g_ptr_array_add (self->paths, g_strdup (path));
  g_free (self->user_agent);
  self->user_agent = g_strdup (soup_message_headers_get_one (
                                 soup_server_message_get_request_headers (msg), "User-Agent"));
  g_mutex_unlock (&self->lock);
  g_mutex_lock (&self->lock);
  if (name != NULL && self->overlay != NULL)
    {
      file = g_test_build_filename (G_TEST_DIST, "data", self->overlay, name, NULL);
      if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
        g_clear_pointer (&file, g_free);
    }
  g_mutex_unlock (&self->lock);
  if (name != NULL && file == NULL)
    file = g_test_build_filename (G_TEST_DIST, "data", self->folder, name, NULL);
  if (file == NULL || !g_file_get_contents (file, &contents, &length, NULL))
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }
  {
    g_autofree char *sum = g_compute_checksum_for_data (G_CHECKSUM_SHA1, (guchar *) contents,
                                                        length);
    g_autofree char *etag = g_strdup_printf ("\"%" G_GSIZE_FORMAT "-%.12s\"", length, sum);
    const char *asked = soup_message_headers_get_one (
                          soup_server_message_get_request_headers (msg), "If-None-Match");

    soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag",
                                  etag);
    if (g_strcmp0 (asked, etag) == 0)
      {
        g_mutex_lock (&self->lock);
        self->not_modified++;
        g_mutex_unlock (&self->lock);
        soup_server_message_set_status (msg, 304, NULL);
        return;
      }
  }
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, g_str_has_suffix (name, ".html") ? "text/html"
                                                                          : "application/json",
                                    SOUP_MEMORY_COPY, contents, length);
}

static gpointer
cc_test_edgar_server_thread (gpointer data)
{
  CcTestEdgarServer *self = data;

  g_main_context_push_thread_default (self->context);
  g_main_loop_run (self->loop);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

/* Serves tests/data/@folder and points CHIPCYCLE_EDGAR_DATA_URL and _WWW_URL at it. */
static inline CcTestEdgarServer *
cc_test_edgar_server_start (const char *folder)
{
  CcTestEdgarServer *self = g_new0 (CcTestEdgarServer, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_mutex_init (&self->lock);
  self->paths = g_ptr_array_new_with_free_func (g_free);
  self->folder = g_strdup (folder);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  g_main_context_push_thread_default (self->context);
  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, NULL, cc_test_edgar_server_cb, self, NULL);
  soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  g_main_context_pop_thread_default (self->context);
  uris = soup_server_get_uris (self->server);
  self->base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  self->thread = g_thread_new ("edgar-server", cc_test_edgar_server_thread, self);
  g_setenv ("CHIPCYCLE_EDGAR_DATA_URL", self->base_url, TRUE);
  g_setenv ("CHIPCYCLE_EDGAR_WWW_URL", self->base_url, TRUE);
  return self;
}

static inline guint
cc_test_edgar_server_get_hits (CcTestEdgarServer *self)
{
  guint hits;

  g_mutex_lock (&self->lock);
  hits = self->hits;
  g_mutex_unlock (&self->lock);
  return hits;
}

/* Serves the files of tests/data/@overlay in place of the folder's (NULL: none again). */
static inline void
cc_test_edgar_server_set_overlay (CcTestEdgarServer *self,
                                  const char        *overlay)
{
  g_mutex_lock (&self->lock);
  g_free (self->overlay);
  self->overlay = g_strdup (overlay);
  g_mutex_unlock (&self->lock);
}

static inline guint
cc_test_edgar_server_get_not_modified (CcTestEdgarServer *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->not_modified;
  g_mutex_unlock (&self->lock);
  return n;
}

/* How many requests asked for @path. */
static inline guint
cc_test_edgar_server_count_path (CcTestEdgarServer *self,
                                 const char        *path)
{
  guint n = 0;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->paths->len; i++)
    if (g_str_equal (g_ptr_array_index (self->paths, i), path))
      n++;
  g_mutex_unlock (&self->lock);
  return n;
}

/* The User-Agent of the last request, or NULL. */
static inline char *
cc_test_edgar_server_dup_user_agent (CcTestEdgarServer *self)
{
  char *user_agent;

  g_mutex_lock (&self->lock);
  user_agent = g_strdup (self->user_agent);
  g_mutex_unlock (&self->lock);
  return user_agent;
}

static gboolean
cc_test_edgar_server_quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static inline void
cc_test_edgar_server_stop (CcTestEdgarServer *self)
{
  g_main_context_invoke (self->context, cc_test_edgar_server_quit_cb, self->loop);
  g_thread_join (self->thread);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_ptr_array_unref (self->paths);
  g_free (self->user_agent);
  g_free (self->folder);
  g_free (self->overlay);
  g_free (self->base_url);
  g_free (self);
}
