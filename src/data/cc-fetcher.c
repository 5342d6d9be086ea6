/* cc-fetcher.c: one symbol's prices over HTTP, with the failure handling providers need. */
#define G_LOG_DOMAIN "cc-fetcher"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <stdlib.h>
#include <string.h>

#include "cc-data-error.h"
#include "cc-fetcher.h"

#define READ_CHUNK 65536

struct _CcFetcher
{
  GObject      parent_instance;

  SoupSession *session;
  char        *base_urls[CC_N_PROVIDERS];
  char        *api_keys[CC_N_PROVIDERS];
  GQueue       queue;            /* GTask waiting for a free slot */
  guint        n_active;
  guint        max_concurrent;
  guint        timeout;
  guint        max_retries;
  guint        base_delay_ms;
  guint        max_retry_after;
};

G_DEFINE_FINAL_TYPE (CcFetcher, cc_fetcher, G_TYPE_OBJECT)

typedef struct {
  CcFetcher        *self;
  const CcProvider *provider;     /* NULL for a plain GET (cc_fetcher_get_async) */
  const char       *name;         /* who answers: the provider's or the service's name */
  char             *symbol;       /* what is asked for, for messages */
  char             *user_agent;   /* plain GET: the agent to send */
  char             *etag;         /* plain GET: for If-None-Match */
  char             *last_modified;/* plain GET: for If-Modified-Since */
  char             *service_name;
  guint             min_interval_ms;
  CcDate            from;
  CcDate            to;
  char             *url;
  guint             attempt;
  gboolean          active;
  SoupMessage      *message;
  GInputStream     *stream;
  GByteArray       *body;
  GCancellable     *attempt_cancellable;
  gulong            cancelled_id;
  GSource          *deadline;
  gboolean          deadline_hit;
  GSource          *wait_source;
  GSource          *wait_cancel_source;
} Request;

static void start_attempt   (GTask *task);
static void wait_then_start (GTask *task,
                             guint  delay_ms);

/* The rate limits shared by every fetcher of the process (a service such as SEC EDGAR counts
 * all requests of the app together): service name -> the earliest time (monotonic, µs) the
 * next request may start. */
G_LOCK_DEFINE_STATIC (rate_slots);
static GHashTable *rate_slots;

/* Takes the start time for a request to @service now if at least @interval_ms have passed
 * since the last one started, and returns 0; otherwise returns how long to wait (µs) before
 * asking again. Taken when the request is sent, not when it is queued, so a late timer never
 * bunches requests together. */
static gint64
take_rate_slot (const char *service,
                guint       interval_ms)
{
  gint64 now = g_get_monotonic_time ();
  gint64 *next, wait = 0;

  G_LOCK (rate_slots);
  if (rate_slots == NULL)
    rate_slots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  next = g_hash_table_lookup (rate_slots, service);
  if (next == NULL)
    {
      next = g_new0 (gint64, 1);
      g_hash_table_insert (rate_slots, g_strdup (service), next);
    }
  else if (*next > now)
    wait = *next - now;
  if (wait == 0)
    *next = now + (gint64) interval_ms * 1000;
  G_UNLOCK (rate_slots);
  return wait;
}

static void
request_clear_attempt (Request *req)
{
  if (req->deadline != NULL)
    {
      g_source_destroy (req->deadline);
      g_clear_pointer (&req->deadline, g_source_unref);
    }
  g_clear_object (&req->message);
  g_clear_object (&req->stream);
  g_clear_pointer (&req->body, g_byte_array_unref);
}

static void
request_free (gpointer data)
{
  Request *req = data;

  request_clear_attempt (req);
  g_clear_object (&req->attempt_cancellable);
  if (req->wait_source != NULL)
    {
      g_source_destroy (req->wait_source);
      g_source_unref (req->wait_source);
    }
  if (req->wait_cancel_source != NULL)
    {
      g_source_destroy (req->wait_cancel_source);
      g_source_unref (req->wait_cancel_source);
    }
  g_clear_object (&req->self);
  g_free (req->symbol);
  g_free (req->user_agent);
  g_free (req->etag);
  g_free (req->last_modified);
  g_free (req->service_name);
  g_free (req->url);
  g_free (req);
}

static void
cc_fetcher_dispose (GObject *object)
{
  CcFetcher *self = (CcFetcher *) object;

  g_clear_object (&self->session);

  G_OBJECT_CLASS (cc_fetcher_parent_class)->dispose (object);
}

static void
cc_fetcher_finalize (GObject *object)
{
  CcFetcher *self = (CcFetcher *) object;

  for (guint i = 0; i < CC_N_PROVIDERS; i++)
    {
      g_free (self->base_urls[i]);
      if (self->api_keys[i] != NULL)
        {
          /* Keys are secrets: do not leave them in freed memory. */
          memset (self->api_keys[i], 0, strlen (self->api_keys[i]));
          g_free (self->api_keys[i]);
        }
    }
  /* Queued tasks hold a reference to us, so the queue is empty here. */
  g_assert (g_queue_is_empty (&self->queue));

  G_OBJECT_CLASS (cc_fetcher_parent_class)->finalize (object);
}

static void
cc_fetcher_class_init (CcFetcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cc_fetcher_dispose;
  object_class->finalize = cc_fetcher_finalize;
}

static void
cc_fetcher_init (CcFetcher *self)
{
  self->max_concurrent = 3;
  self->timeout = 20;
  self->max_retries = 2;
  self->base_delay_ms = 1000;
  self->max_retry_after = 30;
  /* No session-wide User-Agent: each request says it is Chip Cycle, or what its provider
   * needs (cc_provider_get_user_agent). */
  self->session = soup_session_new_with_options ("timeout", self->timeout,
                                                 "max-conns-per-host", 4,
                                                 NULL);
  g_queue_init (&self->queue);
}

CcFetcher *
cc_fetcher_new (void)
{
  return g_object_new (CC_TYPE_FETCHER, NULL);
}

void
cc_fetcher_set_base_url (CcFetcher    *self,
                         CcProviderId  provider,
                         const char   *base_url)
{
  g_return_if_fail (CC_IS_FETCHER (self));
  g_return_if_fail (provider < CC_N_PROVIDERS);

  g_free (self->base_urls[provider]);
  self->base_urls[provider] = (base_url && *base_url) ? g_strdup (base_url) : NULL;
}

char *
cc_fetcher_get_base_url (CcFetcher    *self,
                         CcProviderId  provider)
{
  g_return_val_if_fail (CC_IS_FETCHER (self), NULL);
  g_return_val_if_fail (provider < CC_N_PROVIDERS, NULL);

  return cc_provider_get_base_url (cc_provider_get (provider), self->base_urls[provider]);
}

void
cc_fetcher_set_api_key (CcFetcher    *self,
                        CcProviderId  provider,
                        const char   *api_key)
{
  g_return_if_fail (CC_IS_FETCHER (self));
  g_return_if_fail (provider < CC_N_PROVIDERS);

  if (self->api_keys[provider] != NULL)
    memset (self->api_keys[provider], 0, strlen (self->api_keys[provider]));
  g_free (self->api_keys[provider]);
  self->api_keys[provider] = (api_key && *api_key) ? g_strdup (api_key) : NULL;
}

gboolean
cc_fetcher_has_api_key (CcFetcher    *self,
                        CcProviderId  provider)
{
  g_return_val_if_fail (CC_IS_FETCHER (self), FALSE);
  g_return_val_if_fail (provider < CC_N_PROVIDERS, FALSE);

  return self->api_keys[provider] != NULL;
}

void
cc_fetcher_set_timeout (CcFetcher *self,
                        guint      seconds)
{
  g_return_if_fail (CC_IS_FETCHER (self));
  g_return_if_fail (seconds > 0);

  self->timeout = seconds;
  g_object_set (self->session, "timeout", seconds, NULL);
}

void
cc_fetcher_set_max_concurrent (CcFetcher *self,
                               guint      max_concurrent)
{
  g_return_if_fail (CC_IS_FETCHER (self));
  self->max_concurrent = MAX (max_concurrent, 1);
}

guint
cc_fetcher_get_n_active (CcFetcher *self)
{
  g_return_val_if_fail (CC_IS_FETCHER (self), 0);
  return self->n_active;
}

void
cc_fetcher_set_retry_policy (CcFetcher *self,
                             guint      max_retries,
                             guint      base_delay_ms,
                             guint      max_retry_after)
{
  g_return_if_fail (CC_IS_FETCHER (self));

  self->max_retries = max_retries;
  self->base_delay_ms = base_delay_ms;
  self->max_retry_after = max_retry_after;
}

static void
pump_queue (CcFetcher *self)
{
  while (self->n_active < self->max_concurrent && !g_queue_is_empty (&self->queue))
    {
      GTask *task = g_queue_pop_head (&self->queue);
      Request *req = g_task_get_task_data (task);

      req->active = TRUE;
      self->n_active++;
      start_attempt (task);
    }
}

/* Ends the request with its result already set on @task; frees a slot for the next one. */
static void
finish_request (GTask *task)
{
  Request *req = g_task_get_task_data (task);
  CcFetcher *self = req->self;

  request_clear_attempt (req);
  if (req->cancelled_id != 0)
    {
      g_cancellable_disconnect (g_task_get_cancellable (task), req->cancelled_id);
      req->cancelled_id = 0;
    }
  if (req->active)
    {
      req->active = FALSE;
      g_assert (self->n_active > 0);
      self->n_active--;
    }
  pump_queue (self);
  g_object_unref (task);
}

static void
return_error (GTask  *task,
              GError *error)
{
  g_task_return_error (task, error);
  finish_request (task);
}

static gboolean
user_cancelled (GTask *task)
{
  GCancellable *cancellable = g_task_get_cancellable (task);

  return cancellable != NULL && g_cancellable_is_cancelled (cancellable);
}

static void
return_cancelled (GTask *task)
{
  Request *req = g_task_get_task_data (task);

  return_error (task, g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                   _("The request to %s for “%s” was cancelled"),
                                   req->name, req->symbol));
}

static gboolean
wait_done_cb (gpointer user_data)
{
  GTask *task = user_data;
  Request *req = g_task_get_task_data (task);

  g_clear_pointer (&req->wait_source, g_source_unref);
  if (req->wait_cancel_source != NULL)
    {
      g_source_destroy (req->wait_cancel_source);
      g_clear_pointer (&req->wait_cancel_source, g_source_unref);
    }
  if (user_cancelled (task))
    return_cancelled (task);
  else
    start_attempt (task);
  return G_SOURCE_REMOVE;
}

static gboolean
wait_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  GTask *task = user_data;
  Request *req = g_task_get_task_data (task);

  g_clear_pointer (&req->wait_cancel_source, g_source_unref);
  if (req->wait_source != NULL)
    {
      g_source_destroy (req->wait_source);
      g_clear_pointer (&req->wait_source, g_source_unref);
    }
  return_cancelled (task);
  return G_SOURCE_REMOVE;
}

/* Waits @delay_ms, then tries again; a cancellation ends the wait at once. */
static void
retry_after (GTask *task,
             guint  delay_ms)
{
  Request *req = g_task_get_task_data (task);

  request_clear_attempt (req);
  req->attempt++;
  g_debug ("Retrying %s for %s in %u ms (attempt %u)", req->name, req->symbol,
           delay_ms, req->attempt + 1);
  wait_then_start (task, delay_ms);
}

/* Starts the next attempt after @delay_ms; a cancellation ends the wait at once. */
static void
wait_then_start (GTask *task,
                 guint  delay_ms)
{
  Request *req = g_task_get_task_data (task);
  GMainContext *context = g_task_get_context (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  req->wait_source = g_timeout_source_new (delay_ms);
  g_source_set_callback (req->wait_source, wait_done_cb, task, NULL);
  g_source_attach (req->wait_source, context);
  if (cancellable != NULL)
    {
      req->wait_cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (req->wait_cancel_source, G_SOURCE_FUNC (wait_cancelled_cb), task,
                             NULL);
      g_source_attach (req->wait_cancel_source, context);
    }
}

static guint
backoff_delay (CcFetcher *self,
               guint      attempt)
{
  guint64 delay = (guint64) self->base_delay_ms << MIN (attempt, 10);

  return (guint) MIN (delay, 60000);
}

/* Retries a transient failure while attempts remain, else ends with @error. */
static void
retry_or_fail (GTask  *task,
               GError *error)
{
  Request *req = g_task_get_task_data (task);
  CcFetcher *self = req->self;

  if (req->attempt < self->max_retries)
    {
      g_debug ("%s", error->message);
      g_error_free (error);
      retry_after (task, backoff_delay (self, req->attempt));
      return;
    }
  return_error (task, error);
}

static void
handle_transport_error (GTask  *task,
                        GError *error)
{
  Request *req = g_task_get_task_data (task);
  const char *name = req->name;
  g_autoptr(GError) owned = error;

  if (user_cancelled (task))
    {
      return_cancelled (task);
      return;
    }

  if (req->deadline_hit || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      retry_or_fail (task, g_error_new (CC_DATA_ERROR, CC_DATA_ERROR_TIMEOUT,
                                        _("%s did not answer in time for “%s”"), name,
                                        req->symbol));
      return;
    }

  if (error->domain == G_RESOLVER_ERROR ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      /* Nobody is listening: retrying at once will not help, and the cache still serves. */
      return_error (task, g_error_new (CC_DATA_ERROR, CC_DATA_ERROR_OFFLINE,
                                       _("Could not reach %s for “%s”: %s"), name, req->symbol,
                                       error->message));
      return;
    }

  /* A reset or cut-short connection may be a passing fault: try again. */
  retry_or_fail (task, g_error_new (CC_DATA_ERROR, CC_DATA_ERROR_OFFLINE,
                                    _("The connection to %s was lost while fetching “%s”: %s"),
                                    name, req->symbol, error->message));
}

void
cc_fetch_reply_free (CcFetchReply *reply)
{
  if (reply == NULL)
    return;
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_free (reply->etag);
  g_free (reply->last_modified);
  g_free (reply);
}

static void
deliver_reply (GTask *task)
{
  Request *req = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (req->message);
  CcFetchReply *reply = g_new0 (CcFetchReply, 1);

  reply->status = soup_message_get_status (req->message);
  reply->body = g_byte_array_free_to_bytes (g_steal_pointer (&req->body));
  reply->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
  reply->last_modified = g_strdup (soup_message_headers_get_one (headers, "Last-Modified"));
  reply->fetched_at = g_get_real_time () / G_USEC_PER_SEC;
  g_task_return_pointer (task, reply, (GDestroyNotify) cc_fetch_reply_free);
  finish_request (task);
}

static void
deliver (GTask *task)
{
  Request *req = g_task_get_task_data (task);
  g_autoptr(CcSeries) series = NULL;
  g_autoptr(CcSeries) clipped = NULL;
  GError *error = NULL;
  guint status = soup_message_get_status (req->message);

  series = req->provider->parse (req->provider, req->symbol, status,
                                 (const char *) req->body->data, req->body->len, &error);
  if (series == NULL)
    {
      /* An error page the parser could not read still says something through its status. */
      if (status >= 400 && g_error_matches (error, CC_DATA_ERROR, CC_DATA_ERROR_FORMAT_CHANGED))
        {
          const char *name = req->name;

          g_clear_error (&error);
          if (status == 404)
            error = g_error_new (CC_DATA_ERROR, CC_DATA_ERROR_UNKNOWN_SYMBOL,
                                 _("%s does not know the symbol “%s”"), name, req->symbol);
          else if ((status == 401 || status == 403) && req->provider->needs_api_key)
            error = g_error_new (CC_DATA_ERROR, CC_DATA_ERROR_NEEDS_KEY,
                                 _("%s refused the request for “%s”: it needs a valid API key "
                                   "or a paid plan"), name, req->symbol);
          else
            error = g_error_new (CC_DATA_ERROR, CC_DATA_ERROR_BLOCKED,
                                 _("%s refused the request for “%s” (HTTP %u)"), name,
                                 req->symbol, status);
        }
      return_error (task, error);
      return;
    }

  /* Some providers (Stooq without a window, Alpha Vantage) send more than was asked. */
  if (req->from != CC_DATE_INVALID || req->to != CC_DATE_INVALID)
    {
      const CcPoint *points;
      const CcAction *actions;
      guint n, n_actions;

      clipped = cc_series_copy (series);
      cc_series_clear (clipped);
      points = cc_series_get_points (series, &n);
      for (guint i = 0; i < n; i++)
        if ((req->from == CC_DATE_INVALID || points[i].date >= req->from) &&
            (req->to == CC_DATE_INVALID || points[i].date <= req->to))
          cc_series_append (clipped, points[i].date, points[i].close, points[i].provenance,
                            points[i].flags);
      actions = cc_series_get_actions (series, &n_actions);
      for (guint i = 0; i < n_actions; i++)
        if ((req->from == CC_DATE_INVALID || actions[i].date >= req->from) &&
            (req->to == CC_DATE_INVALID || actions[i].date <= req->to))
          cc_series_add_action (clipped, &actions[i]);
      if (cc_series_get_n_points (clipped) == 0)
        {
          return_error (task, g_error_new (CC_DATA_ERROR, CC_DATA_ERROR_NO_DATA,
                                           _("%s has no prices for “%s” in the requested period"),
                                           req->name, req->symbol));
          return;
        }
      g_set_object (&series, clipped);
    }

  cc_series_set_fetched_at (series, g_get_real_time () / G_USEC_PER_SEC);
  cc_series_set_origin (series, CC_ORIGIN_PROVIDER);
  /* Yahoo says itself which bar is still running (the parser flags it). */
  if (req->provider->id != CC_PROVIDER_YAHOO)
    cc_data_flag_running_session (series, cc_series_get_fetched_at (series));
  g_task_return_pointer (task, g_steal_pointer (&series), g_object_unref);
  finish_request (task);
}

static GError *
too_large_error (Request *req)
{
  if (req->provider == NULL)
    return g_error_new (CC_DATA_ERROR, CC_DATA_ERROR_TOO_LARGE,
                        _("%s sent more than %u MB for “%s”; that is not what was asked for"),
                        req->name, CC_FETCHER_MAX_BODY / (1024 * 1024), req->symbol);
  return g_error_new (CC_DATA_ERROR, CC_DATA_ERROR_TOO_LARGE,
                      _("%s sent more than %u MB for “%s”; that is not price data"),
                      req->name, CC_FETCHER_MAX_BODY / (1024 * 1024), req->symbol);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Request *req = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (bytes == NULL)
    {
      handle_transport_error (task, error);
      return;
    }
  if (g_bytes_get_size (bytes) == 0)
    {
      if (req->provider == NULL)
        deliver_reply (task);
      else
        deliver (task);
      return;
    }
  if (req->body->len + g_bytes_get_size (bytes) > CC_FETCHER_MAX_BODY)
    {
      return_error (task, too_large_error (req));
      return;
    }
  g_byte_array_append (req->body, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_input_stream_read_bytes_async (req->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   req->attempt_cancellable, read_cb, task);
}

/* Seconds to wait from a Retry-After header (delta-seconds or an HTTP date), or -1. */
static gint64
parse_retry_after (const char *value)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  char *end = NULL;
  gint64 seconds;

  if (value == NULL)
    return -1;
  seconds = g_ascii_strtoll (value, &end, 10);
  if (end != value && *end == '\0' && seconds >= 0)
    return seconds;
  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return -1;
  now = g_date_time_new_now_utc ();
  return MAX (0, g_date_time_difference (when, now) / G_USEC_PER_SEC);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Request *req = g_task_get_task_data (task);
  CcFetcher *self = req->self;
  const char *name = req->name;
  GError *error = NULL;
  guint status;
  goffset content_length;

  req->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (req->stream == NULL)
    {
      handle_transport_error (task, error);
      return;
    }

  status = soup_message_get_status (req->message);
  if (status == 429)
    {
      SoupMessageHeaders *headers = soup_message_get_response_headers (req->message);
      gint64 wait = parse_retry_after (soup_message_headers_get_one (headers, "Retry-After"));

      if (wait >= 0 && wait <= self->max_retry_after && req->attempt < self->max_retries)
        {
          retry_after (task, (guint) wait * 1000);
          return;
        }
      if (wait > 0)
        return_error (task, g_error_new (CC_DATA_ERROR, CC_DATA_ERROR_RATE_LIMITED,
                                         _("%s rate limited the request for “%s”: too many "
                                           "requests, try again in %u s"),
                                         name, req->symbol, (guint) MIN (wait, G_MAXUINT)));
      else
        return_error (task, g_error_new (CC_DATA_ERROR, CC_DATA_ERROR_RATE_LIMITED,
                                         _("%s rate limited the request for “%s”: too many "
                                           "requests, try again later"), name, req->symbol));
      return;
    }
  if (status >= 500)
    {
      retry_or_fail (task, g_error_new (CC_DATA_ERROR, CC_DATA_ERROR_SERVER,
                                        _("%s failed with HTTP %u for “%s”"), name, status,
                                        req->symbol));
      return;
    }

  content_length = soup_message_headers_get_content_length (
    soup_message_get_response_headers (req->message));
  if (content_length > CC_FETCHER_MAX_BODY)
    {
      return_error (task, too_large_error (req));
      return;
    }

  req->body = g_byte_array_new ();
  g_input_stream_read_bytes_async (req->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   req->attempt_cancellable, read_cb, task);
}

static gboolean
deadline_cb (gpointer user_data)
{
  Request *req = user_data;

  req->deadline_hit = TRUE;
  g_cancellable_cancel (req->attempt_cancellable);
  g_clear_pointer (&req->deadline, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
user_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  GCancellable *attempt_cancellable = user_data;

  /* May run in the thread that cancelled: only pass the word on. */
  g_cancellable_cancel (attempt_cancellable);
}

static void
start_attempt (GTask *task)
{
  Request *req = g_task_get_task_data (task);
  CcFetcher *self = req->self;

  if (user_cancelled (task))
    {
      return_cancelled (task);
      return;
    }

  if (req->min_interval_ms > 0)
    {
      gint64 delay_us = take_rate_slot (req->service_name, req->min_interval_ms);

      if (delay_us > 0)
        {
          wait_then_start (task, (guint) ((delay_us + 999) / 1000));
          return;
        }
    }

  req->message = soup_message_new (SOUP_METHOD_GET, req->url);
  if (req->message == NULL)
    {
      return_error (task, g_error_new (CC_DATA_ERROR, CC_DATA_ERROR_OFFLINE,
                                       _("The address for %s is not a valid URL: %s"),
                                       req->name, req->url));
      return;
    }
  soup_message_headers_replace (soup_message_get_request_headers (req->message), "Accept",
                                "application/json, text/csv, text/plain;q=0.9, */*;q=0.5");
  if (req->provider != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (req->message), "User-Agent",
                                  cc_provider_get_user_agent (req->provider));
  else
    {
      SoupMessageHeaders *headers = soup_message_get_request_headers (req->message);

      soup_message_headers_replace (headers, "User-Agent", req->user_agent);
      if (req->etag != NULL)
        soup_message_headers_replace (headers, "If-None-Match", req->etag);
      if (req->last_modified != NULL)
        soup_message_headers_replace (headers, "If-Modified-Since", req->last_modified);
    }

  /* A fresh cancellable per attempt: a deadline that fired must not poison the retry. */
  if (req->cancelled_id != 0)
    {
      g_cancellable_disconnect (g_task_get_cancellable (task), req->cancelled_id);
      req->cancelled_id = 0;
    }
  g_clear_object (&req->attempt_cancellable);
  req->attempt_cancellable = g_cancellable_new ();
  req->deadline_hit = FALSE;
  if (g_task_get_cancellable (task) != NULL)
    req->cancelled_id = g_cancellable_connect (g_task_get_cancellable (task),
                                               G_CALLBACK (user_cancelled_cb),
                                               g_object_ref (req->attempt_cancellable),
                                               g_object_unref);

  req->deadline = g_timeout_source_new_seconds (self->timeout * 4);
  g_source_set_callback (req->deadline, deadline_cb, req, NULL);
  g_source_attach (req->deadline, g_task_get_context (task));

  soup_session_send_async (self->session, req->message, G_PRIORITY_DEFAULT,
                           req->attempt_cancellable, send_cb, task);
}

void
cc_fetcher_fetch_async (CcFetcher           *self,
                        CcProviderId         provider,
                        const char          *symbol,
                        CcDate               from,
                        CcDate               to,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *base_url = NULL;
  Request *req;

  g_return_if_fail (CC_IS_FETCHER (self));
  g_return_if_fail (provider < CC_N_PROVIDERS);
  g_return_if_fail (symbol != NULL && *symbol != '\0');
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cc_fetcher_fetch_async);

  req = g_new0 (Request, 1);
  req->self = g_object_ref (self);
  req->provider = cc_provider_get (provider);
  req->name = req->provider->name;
  req->symbol = g_strdup (symbol);
  req->from = from;
  req->to = to;
  g_task_set_task_data (task, req, request_free);

  if (req->provider->needs_api_key && self->api_keys[provider] == NULL)
    {
      /* There is no key dialog yet: point to what README.md says (“Provider keys”). */
      g_task_return_new_error (task, CC_DATA_ERROR, CC_DATA_ERROR_NEEDS_KEY,
                               _("%s needs an API key to fetch “%s”; store yours in the "
                                 "keyring (see “Provider keys” in the README)"),
                               req->name, symbol);
      return;
    }

  base_url = cc_fetcher_get_base_url (self, provider);
  req->url = req->provider->build_url (req->provider, base_url, symbol, from, to,
                                       self->api_keys[provider]);

  g_queue_push_tail (&self->queue, g_steal_pointer (&task));
  pump_queue (self);
}

CcSeries *
cc_fetcher_fetch_finish (CcFetcher     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (CC_IS_FETCHER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cc_fetcher_fetch_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
cc_fetcher_get_async (CcFetcher           *self,
                      const CcFetchSpec   *spec,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Request *req;

  g_return_if_fail (CC_IS_FETCHER (self));
  g_return_if_fail (spec != NULL && spec->url != NULL && spec->service != NULL);
  g_return_if_fail (spec->user_agent != NULL && spec->what != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cc_fetcher_get_async);

  req = g_new0 (Request, 1);
  req->self = g_object_ref (self);
  req->service_name = g_strdup (spec->service);
  req->name = req->service_name;
  req->symbol = g_strdup (spec->what);
  req->url = g_strdup (spec->url);
  req->user_agent = g_strdup (spec->user_agent);
  req->etag = g_strdup (spec->etag);
  req->last_modified = g_strdup (spec->last_modified);
  req->min_interval_ms = spec->min_interval_ms;
  req->from = req->to = CC_DATE_INVALID;
  g_task_set_task_data (task, req, request_free);

  g_queue_push_tail (&self->queue, g_steal_pointer (&task));
  pump_queue (self);
}

CcFetchReply *
cc_fetcher_get_finish (CcFetcher     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (CC_IS_FETCHER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cc_fetcher_get_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
