/* cc-edgar-client.c: SEC EDGAR over the fetcher (cc-fetcher.c): identity, rate limit,
 * retries and the on-disk cache with validators. */
#define G_LOG_DOMAIN "cc-edgar-client"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cc-data-error.h"
#include "cc-edgar-client.h"
#include "cc-fetcher.h"
#include "cc-save-stream.h"

#define CACHE_MAGIC "ChipCycle EDGAR cache 1\n"

#define AGE_WEEK   (7 * 24 * 3600)
#define AGE_HOUR   3600
#define AGE_DAY    (24 * 3600)
#define AGE_FOREVER G_MAXINT64

struct _CcEdgarClient
{
  GObject     parent_instance;

  char       *cache_dir;
  char       *contact;
  char       *data_url;
  char       *www_url;
  gint64      max_age;
  gint64      filings_max_age;
  guint       max_retries;
  guint       base_delay_ms;
  guint       max_retry_after;
  guint       timeout;
  gint64      fetched_at;

  GMutex      lock;         /* guards the two tables below */
  GHashTable *tickers;      /* ticker -> guint64 * */
  GHashTable *conventions;  /* "cik" -> CcEdgarTimeSource */
};

G_DEFINE_FINAL_TYPE (CcEdgarClient, cc_edgar_client, G_TYPE_OBJECT)

static void
cc_edgar_client_finalize (GObject *object)
{
  CcEdgarClient *self = (CcEdgarClient *) object;

  g_free (self->cache_dir);
  g_free (self->contact);
  g_free (self->data_url);
  g_free (self->www_url);
  g_clear_pointer (&self->tickers, g_hash_table_unref);
  g_clear_pointer (&self->conventions, g_hash_table_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (cc_edgar_client_parent_class)->finalize (object);
}

static void
cc_edgar_client_class_init (CcEdgarClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cc_edgar_client_finalize;
}

static void
cc_edgar_client_init (CcEdgarClient *self)
{
  self->max_age = -1;
  self->filings_max_age = -1;
  self->max_retries = 2;
  self->base_delay_ms = 1000;
  self->max_retry_after = 30;
  self->timeout = 20;
  g_mutex_init (&self->lock);
  self->conventions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

CcEdgarClient *
cc_edgar_client_new (const char *cache_dir)
{
  CcEdgarClient *self = g_object_new (CC_TYPE_EDGAR_CLIENT, NULL);

  if (cache_dir != NULL)
    self->cache_dir = g_build_filename (cache_dir, "edgar", NULL);
  else
    self->cache_dir = g_build_filename (g_get_user_cache_dir (), "chipcycle", "edgar", NULL);
  return self;
}

void
cc_edgar_client_set_contact (CcEdgarClient *self,
                             const char    *contact)
{
  g_return_if_fail (CC_IS_EDGAR_CLIENT (self));

  g_free (self->contact);
  self->contact = (contact && *contact) ? g_strstrip (g_strdup (contact)) : NULL;
}

static char *
trim_url (const char *url)
{
  char *copy = g_strstrip (g_strdup (url));
  gsize n = strlen (copy);

  while (n > 0 && copy[n - 1] == '/')
    copy[--n] = '\0';
  return copy;
}

void
cc_edgar_client_set_base_urls (CcEdgarClient *self,
                               const char    *data_url,
                               const char    *www_url)
{
  g_return_if_fail (CC_IS_EDGAR_CLIENT (self));

  g_free (self->data_url);
  g_free (self->www_url);
  self->data_url = (data_url && *data_url) ? trim_url (data_url) : NULL;
  self->www_url = (www_url && *www_url) ? trim_url (www_url) : NULL;
}

static char *
base_url (const char *override,
          const char *env_var,
          const char *fallback)
{
  const char *env = g_getenv (env_var);

  if (override != NULL)
    return g_strdup (override);
  if (env != NULL && *env != '\0')
    return trim_url (env);
  return g_strdup (fallback);
}

static char *
get_data_url (CcEdgarClient *self)
{
  return base_url (self->data_url, "CHIPCYCLE_EDGAR_DATA_URL", "https://data.sec.gov");
}

char *
cc_edgar_client_get_www_url (CcEdgarClient *self)
{
  g_return_val_if_fail (CC_IS_EDGAR_CLIENT (self), NULL);
  return base_url (self->www_url, "CHIPCYCLE_EDGAR_WWW_URL", "https://www.sec.gov");
}

void
cc_edgar_client_set_max_age (CcEdgarClient *self,
                             gint64         seconds)
{
  g_return_if_fail (CC_IS_EDGAR_CLIENT (self));
  self->max_age = seconds;
}

void
cc_edgar_client_set_filings_max_age (CcEdgarClient *self,
                                     gint64         seconds)
{
  g_return_if_fail (CC_IS_EDGAR_CLIENT (self));
  self->filings_max_age = seconds;
}

void
cc_edgar_client_set_retry_policy (CcEdgarClient *self,
                                  guint          max_retries,
                                  guint          base_delay_ms,
                                  guint          max_retry_after)
{
  g_return_if_fail (CC_IS_EDGAR_CLIENT (self));
  self->max_retries = max_retries;
  self->base_delay_ms = base_delay_ms;
  self->max_retry_after = max_retry_after;
}

void
cc_edgar_client_set_timeout (CcEdgarClient *self,
                             guint          seconds)
{
  g_return_if_fail (CC_IS_EDGAR_CLIENT (self));
  g_return_if_fail (seconds > 0);
  self->timeout = seconds;
}

gint64
cc_edgar_client_get_fetched_at (CcEdgarClient *self)
{
  g_return_val_if_fail (CC_IS_EDGAR_CLIENT (self), 0);
  return self->fetched_at;
}

gboolean
cc_edgar_contact_is_valid (const char *contact)
{
  g_auto(GStrv) words = NULL;
  gboolean has_address = FALSE;

  if (contact == NULL || strlen (contact) < 5 || strlen (contact) > 200 ||
      !g_utf8_validate (contact, -1, NULL))
    return FALSE;
  for (const char *p = contact; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f || strchr ("()<>\\\"", *p) != NULL)
      return FALSE;

  words = g_strsplit (contact, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *at = strchr (words[i], '@');
      const char *dot;

      if (at == NULL)
        continue;
      dot = strrchr (at, '.');
      if (at != words[i] && strchr (at + 1, '@') == NULL && dot != NULL && dot > at + 1 &&
          dot[1] != '\0')
        has_address = TRUE;
    }
  return has_address;
}

char *
cc_edgar_user_agent (const char *contact)
{
  return g_strdup_printf ("ChipCycle/%s (%s)", PACKAGE_VERSION, contact);
}

static const char *
get_contact (CcEdgarClient *self)
{
  return self->contact != NULL ? self->contact : g_getenv ("CHIPCYCLE_EDGAR_CONTACT");
}

gboolean
cc_edgar_client_has_contact (CcEdgarClient *self)
{
  g_return_val_if_fail (CC_IS_EDGAR_CLIENT (self), FALSE);
  return cc_edgar_contact_is_valid (get_contact (self));
}

/* The cache: one file per reply, "edgar/NAME": a magic line, "key: value" lines (url,
 * fetched-at, etag, last-modified), an empty line, then the body as received. */
typedef struct {
  gint64  fetched_at;
  char   *etag;
  char   *last_modified;
  GBytes *body;
} CacheEntry;

static void
cache_entry_clear (CacheEntry *entry)
{
  g_clear_pointer (&entry->etag, g_free);
  g_clear_pointer (&entry->last_modified, g_free);
  g_clear_pointer (&entry->body, g_bytes_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CacheEntry, cache_entry_clear)

static gboolean
cache_read (CcEdgarClient *self,
            const char    *name,
            CacheEntry    *entry)
{
  g_autofree char *path = g_build_filename (self->cache_dir, name, NULL);
  g_autofree char *contents = NULL;
  gsize length;
  const char *p, *end;

  memset (entry, 0, sizeof *entry);
  if (!g_file_get_contents (path, &contents, &length, NULL) ||
      length < strlen (CACHE_MAGIC) || memcmp (contents, CACHE_MAGIC, strlen (CACHE_MAGIC)) != 0)
    return FALSE;
  p = contents + strlen (CACHE_MAGIC);
  end = contents + length;
  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      g_autofree char *line = NULL;

      if (nl == NULL)
        break;
      if (nl == p)
        {
          p = nl + 1;
          entry->body = g_bytes_new (p, end - p);
          return entry->fetched_at > 0;
        }
      line = g_strndup (p, nl - p);
      if (g_str_has_prefix (line, "fetched-at: "))
        entry->fetched_at = g_ascii_strtoll (line + 12, NULL, 10);
      else if (g_str_has_prefix (line, "etag: ") && entry->etag == NULL)
        entry->etag = g_strdup (line + 6);
      else if (g_str_has_prefix (line, "last-modified: ") && entry->last_modified == NULL)
        entry->last_modified = g_strdup (line + 15);
      p = nl + 1;
    }
  cache_entry_clear (entry);
  return FALSE;
}

static gboolean
header_value_ok (const char *value)
{
  if (value == NULL || strlen (value) > 512)
    return FALSE;
  for (const char *p = value; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return FALSE;
  return TRUE;
}

static gboolean
cache_write (CcEdgarClient *self,
             const char    *name,
             const char    *url,
             CacheEntry    *entry,
             GError       **error)
{
  g_autofree char *path = g_build_filename (self->cache_dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) out = g_string_new (CACHE_MAGIC);
  gsize length;
  const void *data = g_bytes_get_data (entry->body, &length);

  if (g_mkdir_with_parents (self->cache_dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the folder %s: %s"), self->cache_dir,
                   g_strerror (saved));
      return FALSE;
    }
  if (header_value_ok (url))
    g_string_append_printf (out, "url: %s\n", url);
  g_string_append_printf (out, "fetched-at: %" G_GINT64_FORMAT "\n", entry->fetched_at);
  if (header_value_ok (entry->etag))
    g_string_append_printf (out, "etag: %s\n", entry->etag);
  if (header_value_ok (entry->last_modified))
    g_string_append_printf (out, "last-modified: %s\n", entry->last_modified);
  g_string_append_c (out, '\n');
  g_string_append_len (out, data, length);
  return cc_save_contents (file, out->str, out->len, CC_SAVE_MODE_DEFAULT, NULL, error);
}

typedef gpointer (*ParseFunc) (GBytes      *body,
                               const char  *what,
                               gpointer     user_data,
                               GError     **error);

typedef struct {
  gboolean      done;
  CcFetchReply *reply;
  GError       *error;
} Wait;

static void
get_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Wait *wait = user_data;

  wait->reply = cc_fetcher_get_finish (CC_FETCHER (object), result, &wait->error);
  wait->done = TRUE;
}

/* One GET through a fetcher living in a main context of its own. */
static CcFetchReply *
get_sync (CcEdgarClient *self,
          CcFetchSpec   *spec,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(CcFetcher) fetcher = NULL;
  Wait wait = { FALSE, NULL, NULL };

  g_main_context_push_thread_default (context);
  fetcher = cc_fetcher_new ();
  cc_fetcher_set_retry_policy (fetcher, self->max_retries, self->base_delay_ms,
                               self->max_retry_after);
  cc_fetcher_set_timeout (fetcher, self->timeout);
  cc_fetcher_get_async (fetcher, spec, cancellable, get_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (context, TRUE);
  g_clear_object (&fetcher);
  /* Let libsoup finish closing its connections in this context before it goes away. */
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);

  if (wait.reply == NULL)
    g_propagate_error (error, wait.error);
  return wait.reply;
}

static gint64
max_age_for (CcEdgarClient *self,
             gint64         fallback)
{
  return self->max_age >= 0 ? self->max_age : fallback;
}

static void
note_fetched_at (CcEdgarClient *self,
                 gint64         fetched_at)
{
  if (self->fetched_at == 0 || fetched_at < self->fetched_at)
    self->fetched_at = fetched_at;
}

/* Gets @url as parsed by @parse (freed with @free_parsed): from the cache while younger
 * than @max_age, else from the SEC (conditionally when cached); the cache is written only with
 * a reply that parsed, so a failure leaves it as it was. With @dates_result, the reply's fetch
 * time counts towards the result's age (cc_edgar_client_get_fetched_at()): only the replies
 * that can change (submissions, facts) do; a filing's header never changes, and the ticker
 * list and older pages only name or hold what is shown, so an old copy of them makes
 * nothing stale. */
static gpointer
fetch_parsed (CcEdgarClient  *self,
              const char     *url,
              const char     *cache_name,
              const char     *what,
              gint64          max_age,
              gboolean        dates_result,
              ParseFunc       parse,
              GDestroyNotify  free_parsed,
              gpointer        parse_data,
              GCancellable   *cancellable,
              GError        **error)
{
  g_auto(CacheEntry) cached = { 0, };
  g_autoptr(CcFetchReply) reply = NULL;
  g_autofree char *user_agent = NULL;
  g_autoptr(GError) local_error = NULL;
  gpointer from_cache = NULL;
  gpointer parsed;
  const char *contact;
  CcFetchSpec spec = { 0, };
  CacheEntry fresh = { 0, };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  /* Only a cached body that still reads may be used, or stand in for a 304. */
  if (cache_read (self, cache_name, &cached))
    {
      from_cache = parse (cached.body, what, parse_data, &local_error);
      if (from_cache == NULL)
        g_debug ("Cached %s unreadable, fetching again: %s", cache_name, local_error->message);
      g_clear_error (&local_error);
    }
  if (from_cache != NULL && now >= cached.fetched_at && now - cached.fetched_at < max_age)
    {
      if (dates_result)
        note_fetched_at (self, cached.fetched_at);
      return from_cache;
    }

  contact = get_contact (self);
  if (!cc_edgar_contact_is_valid (contact))
    {
      g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_NEEDS_CONTACT,
                   _("%s asks every program to say who is asking: set your contact e-mail "
                     "address (the setting edgar-contact, or CHIPCYCLE_EDGAR_CONTACT for the "
                     "command line) before fetching %s; nothing was sent"),
                   CC_EDGAR_SERVICE, what);
      goto fail;
    }
  user_agent = cc_edgar_user_agent (contact);

  spec.url = url;
  spec.service = CC_EDGAR_SERVICE;
  spec.what = what;
  spec.user_agent = user_agent;
  spec.etag = from_cache != NULL ? cached.etag : NULL;
  spec.last_modified = from_cache != NULL ? cached.last_modified : NULL;
  spec.min_interval_ms = CC_EDGAR_MIN_INTERVAL_MS;

  reply = get_sync (self, &spec, cancellable, error);
  if (reply == NULL)
    goto fail;

  if (reply->status == 304 && from_cache != NULL)
    {
      cached.fetched_at = reply->fetched_at;
      if (!cache_write (self, cache_name, url, &cached, &local_error))
        g_warning ("Could not note the fetch time of %s: %s", cache_name,
                   local_error->message);
      if (dates_result)
        note_fetched_at (self, reply->fetched_at);
      return from_cache;
    }

  if (reply->status == 403)
    {
      g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_BLOCKED,
                   _("%s refused the request for %s (HTTP 403). It refuses contact addresses "
                     "it does not accept, and for about ten minutes anyone who sent more than "
                     "ten requests a second; check the contact “%s”"),
                   CC_EDGAR_SERVICE, what, contact);
      goto fail;
    }
  if (reply->status == 404)
    {
      g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_UNKNOWN_SYMBOL,
                   _("%s could not find %s (HTTP 404)"), CC_EDGAR_SERVICE, what);
      goto fail;
    }
  if (reply->status != 200)
    {
      g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_BLOCKED,
                   _("%s answered the request for %s with HTTP %u"), CC_EDGAR_SERVICE, what,
                   reply->status);
      goto fail;
    }

  parsed = parse (reply->body, what, parse_data, error);
  if (parsed == NULL)
    goto fail;
  if (from_cache != NULL)
    free_parsed (from_cache);

  fresh.fetched_at = reply->fetched_at;
  fresh.etag = reply->etag;
  fresh.last_modified = reply->last_modified;
  fresh.body = reply->body;
  /* The data is good even when the cache cannot keep it. */
  if (!cache_write (self, cache_name, url, &fresh, &local_error))
    g_warning ("Could not cache %s: %s", cache_name, local_error->message);
  if (dates_result)
    note_fetched_at (self, reply->fetched_at);
  return parsed;

fail:
  if (from_cache != NULL)
    free_parsed (from_cache);
  return NULL;
}

static gpointer
parse_tickers (GBytes      *body,
               const char  *what,
               gpointer     user_data,
               GError     **error)
{
  gsize length;
  const char *data = g_bytes_get_data (body, &length);

  return cc_edgar_parse_tickers (data, length, error);
}

static gpointer
parse_submissions (GBytes      *body,
                   const char  *what,
                   gpointer     user_data,
                   GError     **error)
{
  gsize length;
  const char *data = g_bytes_get_data (body, &length);

  return cc_edgar_parse_submissions (data, length, GPOINTER_TO_INT (user_data), what, error);
}

static gpointer
parse_header (GBytes      *body,
              const char  *what,
              gpointer     user_data,
              GError     **error)
{
  gsize length;
  const char *data = g_bytes_get_data (body, &length);
  CcEdgarHeader header;

  if (!cc_edgar_parse_header (data, length, what, &header, error))
    return NULL;
  if (user_data != NULL && header.accession[0] != '\0' &&
      !g_str_equal (header.accession, user_data))
    {
      g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_FORMAT_CHANGED,
                   _("%s sent the header of %s for %s"), CC_EDGAR_SERVICE, header.accession,
                   what);
      return NULL;
    }
  return g_memdup2 (&header, sizeof header);
}

typedef struct {
  const char *unit;
} ConceptParse;

static gpointer
parse_concept (GBytes      *body,
               const char  *what,
               gpointer     user_data,
               GError     **error)
{
  ConceptParse *cp = user_data;
  gsize length;
  const char *data = g_bytes_get_data (body, &length);

  return cc_edgar_parse_concept (data, length, cp->unit, what, error);
}

static gboolean
all_digits (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

guint64
cc_edgar_client_lookup_cik (CcEdgarClient  *self,
                            const char     *symbol,
                            GCancellable   *cancellable,
                            GError        **error)
{
  g_autofree char *upper = NULL;
  g_autofree char *url = NULL;
  g_autofree char *www = NULL;
  guint64 *cik;
  guint64 result = 0;
  const char *digits;

  g_return_val_if_fail (CC_IS_EDGAR_CLIENT (self), 0);
  g_return_val_if_fail (symbol != NULL, 0);

  upper = g_ascii_strup (symbol, -1);
  digits = g_str_has_prefix (upper, "CIK") ? upper + 3 : upper;
  if (all_digits (digits) && strlen (digits) <= 10)
    {
      result = g_ascii_strtoull (digits, NULL, 10);
      if (result > 0)
        return result;
    }

  g_mutex_lock (&self->lock);
  if (self->tickers == NULL)
    {
      GHashTable *tickers;

      g_mutex_unlock (&self->lock);
      www = cc_edgar_client_get_www_url (self);
      url = g_strconcat (www, "/files/company_tickers.json", NULL);
      tickers = fetch_parsed (self, url, "company_tickers.json", _("the ticker list"),
                              max_age_for (self, AGE_WEEK), FALSE, parse_tickers,
                              (GDestroyNotify) g_hash_table_unref, NULL, cancellable, error);
      if (tickers == NULL)
        return 0;
      g_mutex_lock (&self->lock);
      if (self->tickers == NULL)
        self->tickers = tickers;
      else
        g_hash_table_unref (tickers);
    }
  cik = g_hash_table_lookup (self->tickers, upper);
  if (cik != NULL)
    result = *cik;
  g_mutex_unlock (&self->lock);

  if (result == 0)
    g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_UNKNOWN_SYMBOL,
                 _("%s lists no company with the ticker “%s”"), CC_EDGAR_SERVICE, symbol);
  return result;
}

static char *
accession_digits (const char *accession)
{
  GString *out = g_string_new (NULL);

  for (const char *p = accession; *p; p++)
    if (*p != '-')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

gboolean
cc_edgar_client_get_header (CcEdgarClient  *self,
                            guint64         cik,
                            const char     *accession,
                            CcEdgarHeader  *header,
                            GCancellable   *cancellable,
                            GError        **error)
{
  g_autofree char *www = NULL;
  g_autofree char *digits = NULL;
  g_autofree char *url = NULL;
  g_autofree char *cache_name = NULL;
  g_autofree char *what = NULL;
  g_autofree CcEdgarHeader *got = NULL;

  g_return_val_if_fail (CC_IS_EDGAR_CLIENT (self), FALSE);
  g_return_val_if_fail (accession != NULL && strlen (accession) == 20, FALSE);

  www = cc_edgar_client_get_www_url (self);
  digits = accession_digits (accession);
  url = g_strdup_printf ("%s/Archives/edgar/data/%" G_GUINT64_FORMAT "/%s/%s-index-headers.html",
                         www, cik, digits, accession);
  cache_name = g_strdup_printf ("header-%s.html", accession);
  /* Translators: %s is an accession number. */
  what = g_strdup_printf (_("the header of filing %s"), accession);
  got = fetch_parsed (self, url, cache_name, what, max_age_for (self, AGE_FOREVER), FALSE,
                      parse_header, g_free, (gpointer) accession, cancellable, error);
  if (got == NULL)
    return FALSE;
  *header = *got;
  return TRUE;
}

static gboolean
matches_query (const CcEdgarFiling *filing,
               const CcEdgarQuery  *query)
{
  gboolean ok;

  if (query == NULL)
    return TRUE;
  if ((query->from != CC_DATE_INVALID && filing->filing_date < query->from) ||
      (query->to != CC_DATE_INVALID && filing->filing_date > query->to))
    return FALSE;
  if (query->forms != NULL)
    {
      ok = FALSE;
      for (guint i = 0; query->forms[i] != NULL && !ok; i++)
        ok = g_ascii_strcasecmp (query->forms[i], filing->form) == 0;
      if (!ok)
        return FALSE;
    }
  if (query->items != NULL)
    {
      ok = FALSE;
      for (guint i = 0; query->items[i] != NULL && !ok; i++)
        ok = cc_edgar_filing_has_item (filing, query->items[i]);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static int
compare_filings (gconstpointer a,
                 gconstpointer b)
{
  const CcEdgarFiling *fa = *(const CcEdgarFiling * const *) a;
  const CcEdgarFiling *fb = *(const CcEdgarFiling * const *) b;
  int c;

  if (fa->filing_date != fb->filing_date)
    return (fa->filing_date > fb->filing_date) - (fa->filing_date < fb->filing_date);
  if ((c = strcmp (fa->acceptance, fb->acceptance)) != 0)
    return c;
  return strcmp (fa->accession, fb->accession);
}

/* The filer's convention for the JSON's acceptance times, learnt from the header of its newest
 * filing @probe (one request per filer and new filing; headers are cached for ever, the
 * convention for the client's life). Every filing in @filings then gets its time from it; a
 * filer whose JSON matches neither reading gets each filing's own header. */
static gboolean
resolve_times (CcEdgarClient       *self,
               guint64              cik,
               const CcEdgarFiling *probe,
               GPtrArray           *filings,
               GCancellable        *cancellable,
               GError             **error)
{
  g_autofree char *key = g_strdup_printf ("%" G_GUINT64_FORMAT "/%s", cik,
                                          probe != NULL ? probe->accession : "");
  CcEdgarTimeSource convention = CC_EDGAR_TIME_UNKNOWN;
  gint64 probe_time = G_MININT64;
  gpointer stored;

  if (probe != NULL && filings->len > 0)
    {
      g_mutex_lock (&self->lock);
      if (g_hash_table_lookup_extended (self->conventions, key, NULL, &stored))
        convention = GPOINTER_TO_INT (stored);
      g_mutex_unlock (&self->lock);

      if (convention == CC_EDGAR_TIME_UNKNOWN)
        {
          CcEdgarHeader header;

          if (!cc_edgar_client_get_header (self, cik, probe->accession, &header, cancellable,
                                           error))
            return FALSE;
          probe_time = header.accepted_at;
          convention = cc_edgar_detect_convention (probe->acceptance, header.accepted_at);
          g_debug ("CIK %s: JSON times are %s", key,
                   cc_edgar_time_source_to_string (convention));
          g_mutex_lock (&self->lock);
          g_hash_table_replace (self->conventions, g_strdup (key), GINT_TO_POINTER (convention));
          g_mutex_unlock (&self->lock);
        }
    }

  for (guint i = 0; i < filings->len; i++)
    {
      CcEdgarFiling *f = g_ptr_array_index (filings, i);
      gint64 own = G_MININT64;

      if (probe != NULL && g_str_equal (f->accession, probe->accession) &&
          (probe_time != G_MININT64 || convention == CC_EDGAR_TIME_UNKNOWN))
        {
          CcEdgarHeader header;

          /* Cached on disk by now: no request. */
          if (!cc_edgar_client_get_header (self, cik, f->accession, &header, cancellable, error))
            return FALSE;
          own = header.accepted_at;
        }
      else if (convention == CC_EDGAR_TIME_UNKNOWN && *f->acceptance != '\0')
        {
          CcEdgarHeader header;

          if (!cc_edgar_client_get_header (self, cik, f->accession, &header, cancellable, error))
            return FALSE;
          own = header.accepted_at;
        }
      cc_edgar_filing_resolve (f, convention, own);
    }
  return TRUE;
}

CcEdgarSubmissions *
cc_edgar_client_get_filings (CcEdgarClient       *self,
                             const char          *symbol,
                             const CcEdgarQuery  *query,
                             GCancellable        *cancellable,
                             GError             **error)
{
  g_autoptr(CcEdgarSubmissions) all = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  g_autofree char *data_url = NULL;
  g_autofree char *probe_accession = NULL;
  g_autofree char *probe_acceptance = NULL;
  CcEdgarFiling probe = { 0, };
  g_autofree char *padded = NULL;
  g_autofree char *url = NULL;
  g_autofree char *cache_name = NULL;
  g_autofree char *what = NULL;
  CcDate oldest = CC_DATE_INVALID;
  guint64 cik;

  g_return_val_if_fail (CC_IS_EDGAR_CLIENT (self), NULL);
  g_return_val_if_fail (symbol != NULL, NULL);

  self->fetched_at = 0;
  cik = cc_edgar_client_lookup_cik (self, symbol, cancellable, error);
  if (cik == 0)
    return NULL;

  data_url = get_data_url (self);
  padded = cc_edgar_format_cik (cik);
  url = g_strdup_printf ("%s/submissions/CIK%s.json", data_url, padded);
  cache_name = g_strdup_printf ("CIK%s.json", padded);
  /* Translators: %s is a ticker. */
  what = g_strdup_printf (_("the filings of %s"), symbol);
  all = fetch_parsed (self, url, cache_name, what,
                      self->filings_max_age >= 0 ? self->filings_max_age
                                                 : max_age_for (self, AGE_HOUR), TRUE,
                      parse_submissions, (GDestroyNotify) cc_edgar_submissions_free,
                      GINT_TO_POINTER (FALSE), cancellable, error);
  if (all == NULL)
    return NULL;

  for (guint i = 0; i < all->filings->len; i++)
    {
      CcEdgarFiling *f = g_ptr_array_index (all->filings, i);

      if (oldest == CC_DATE_INVALID || f->filing_date < oldest)
        oldest = f->filing_date;
      /* The newest filing with a time tells the filer's convention. */
      if (*f->acceptance != '\0' &&
          (probe_acceptance == NULL || strcmp (f->acceptance, probe_acceptance) > 0))
        {
          g_free (probe_acceptance);
          g_free (probe_accession);
          probe_acceptance = g_strdup (f->acceptance);
          probe_accession = g_strdup (f->accession);
        }
    }
  probe.accession = probe_accession;
  probe.acceptance = probe_acceptance;

  /* Older pages, only where the query reaches before the recent filings. */
  if (query != NULL && query->from != CC_DATE_INVALID &&
      (oldest == CC_DATE_INVALID || query->from < oldest))
    for (guint i = 0; i < all->pages->len; i++)
      {
        CcEdgarPage *page = g_ptr_array_index (all->pages, i);
        g_autoptr(CcEdgarSubmissions) older = NULL;
        g_autofree char *page_url = NULL;
        g_autofree char *page_what = NULL;

        if ((page->to != CC_DATE_INVALID && page->to < query->from) ||
            (query->to != CC_DATE_INVALID && page->from != CC_DATE_INVALID &&
             page->from > query->to))
          continue;
        page_url = g_strdup_printf ("%s/submissions/%s", data_url, page->name);
        /* Translators: the first %s is a ticker, the second a file name. */
        page_what = g_strdup_printf (_("the older filings of %s (%s)"), symbol, page->name);
        older = fetch_parsed (self, page_url, page->name, page_what,
                              max_age_for (self, AGE_WEEK), FALSE, parse_submissions,
                              (GDestroyNotify) cc_edgar_submissions_free,
                              GINT_TO_POINTER (TRUE), cancellable, error);
        if (older == NULL)
          return NULL;
        while (older->filings->len > 0)
          g_ptr_array_add (all->filings, g_ptr_array_steal_index (older->filings, 0));
      }

  kept = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_edgar_filing_free);
  while (all->filings->len > 0)
    {
      CcEdgarFiling *f = g_ptr_array_steal_index_fast (all->filings, all->filings->len - 1);

      if (matches_query (f, query))
        g_ptr_array_add (kept, f);
      else
        cc_edgar_filing_free (f);
    }
  g_ptr_array_sort (kept, compare_filings);
  /* The same filing listed twice (a page overlapping the recent list) is kept once. */
  for (guint i = 1; i < kept->len;)
    if (g_str_equal (((CcEdgarFiling *) g_ptr_array_index (kept, i))->accession,
                     ((CcEdgarFiling *) g_ptr_array_index (kept, i - 1))->accession))
      g_ptr_array_remove_index (kept, i);
    else
      i++;

  if (!resolve_times (self, cik, probe_accession != NULL ? &probe : NULL, kept, cancellable,
                      error))
    return NULL;
  g_ptr_array_unref (all->filings);
  all->filings = g_steal_pointer (&kept);
  if (all->cik == 0)
    all->cik = cik;
  return g_steal_pointer (&all);
}

static gboolean
name_is_safe (const char *text)
{
  gsize n = strlen (text);

  if (n == 0 || n > 200)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

CcEdgarConcept *
cc_edgar_client_get_concept (CcEdgarClient  *self,
                             const char     *symbol,
                             const char     *concept,
                             const char     *unit,
                             GCancellable   *cancellable,
                             GError        **error)
{
  g_autofree char *taxonomy = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *data_url = NULL;
  g_autofree char *padded = NULL;
  g_autofree char *url = NULL;
  g_autofree char *cache_name = NULL;
  g_autofree char *what = NULL;
  const char *colon;
  ConceptParse cp = { unit };
  guint64 cik;

  g_return_val_if_fail (CC_IS_EDGAR_CLIENT (self), NULL);
  g_return_val_if_fail (symbol != NULL && concept != NULL, NULL);

  colon = strchr (concept, ':');
  taxonomy = colon != NULL ? g_strndup (concept, colon - concept) : g_strdup ("us-gaap");
  tag = g_strdup (colon != NULL ? colon + 1 : concept);
  if (!name_is_safe (taxonomy) || !name_is_safe (tag))
    {
      g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_INVALID,
                   _("“%s” is not an XBRL concept (write Tag or taxonomy:Tag, e.g. "
                     "us-gaap:Revenues)"), concept);
      return NULL;
    }

  self->fetched_at = 0;
  cik = cc_edgar_client_lookup_cik (self, symbol, cancellable, error);
  if (cik == 0)
    return NULL;
  data_url = get_data_url (self);
  padded = cc_edgar_format_cik (cik);
  url = g_strdup_printf ("%s/api/xbrl/companyconcept/CIK%s/%s/%s.json", data_url, padded,
                         taxonomy, tag);
  cache_name = g_strdup_printf ("concept-CIK%s-%s-%s.json", padded, taxonomy, tag);
  /* Translators: the first %s is an XBRL tag, the second a ticker. */
  what = g_strdup_printf (_("the figures %s:%s of %s"), taxonomy, tag, symbol);
  return fetch_parsed (self, url, cache_name, what, max_age_for (self, AGE_DAY), TRUE,
                       parse_concept,
                       (GDestroyNotify) cc_edgar_concept_free, &cp, cancellable, error);
}

char *
cc_edgar_client_filing_url (CcEdgarClient       *self,
                            guint64              cik,
                            const CcEdgarFiling *filing)
{
  g_autofree char *www = cc_edgar_client_get_www_url (self);
  g_autofree char *digits = accession_digits (filing->accession);
  g_autofree char *document = NULL;

  if (filing->primary_document != NULL && *filing->primary_document != '\0')
    {
      document = g_uri_escape_string (filing->primary_document, "/", FALSE);
      return g_strdup_printf ("%s/Archives/edgar/data/%" G_GUINT64_FORMAT "/%s/%s", www, cik,
                              digits, document);
    }
  return g_strdup_printf ("%s/Archives/edgar/data/%" G_GUINT64_FORMAT "/%s/%s-index.htm", www,
                          cik, digits, filing->accession);
}
