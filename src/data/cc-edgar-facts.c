/* cc-edgar-facts.c: one XBRL concept of one company (the companyconcept API), and its
 * quarterly values.
 *
 * The rules, each with its reason:
 * - A period is known by its start and end, never by the fact's fy and fp: those describe
 *   the filing (a 10-K for 2025 repeats 2024 and 2023 with fy 2025).
 * - A period reported more than once (comparatives in later filings, amendments) keeps one
 *   fact: the last filed ("as last reported", for history) or the first filed ("as first
 *   reported", what was known at the time). Same filing date: the amendment (…/A) is the
 *   later word; then the higher accession number.
 * - A duration of 75-105 days is a quarter; 165-196 days six months; 255-287 days nine
 *   months; 350-380 days a year (52/53-week years included). Others (a stub period after an
 *   acquisition, two years) are left out.
 * - A quarter reported as three months is taken as reported. Otherwise it is the year to
 *   date minus the year to date one quarter shorter with the same start (Q2 = H1 − Q1,
 *   Q3 = 9M − H1), and Q4 the annual figure minus nine months. Both figures come from the
 *   same revision rule.
 * - A fiscal year starts where a year-to-date chain starts; the quarter's number is how many
 *   quarters of that year end by its end. The year's name is the fy of a filing whose own
 *   (latest) period starts there, as the filer names it; else the calendar year it ends in.
 *   A quarter keeps its real end date (NVIDIA's fourth quarter ends in late January).
 */
#define G_LOG_DOMAIN "cc-edgar-facts"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cc-data-error.h"
#include "cc-data-private.h"
#include "cc-edgar.h"
#include "cc-edgar-private.h"

typedef enum {
  SPAN_OTHER,
  SPAN_QUARTER,
  SPAN_HALF,
  SPAN_NINE,
  SPAN_YEAR,
} Span;

static Span
span_of (CcDate start,
         CcDate end)
{
  gint64 days = (gint64) end - start + 1;

  if (days >= 75 && days <= 105)
    return SPAN_QUARTER;
  if (days >= 165 && days <= 196)
    return SPAN_HALF;
  if (days >= 255 && days <= 287)
    return SPAN_NINE;
  if (days >= 350 && days <= 380)
    return SPAN_YEAR;
  return SPAN_OTHER;
}

static void
fact_clear (gpointer data)
{
  CcEdgarFact *fact = data;

  g_free (fact->accession);
  g_free (fact->fiscal_period);
  g_free (fact->form);
  g_free (fact->frame);
}

void
cc_edgar_concept_free (CcEdgarConcept *concept)
{
  if (concept == NULL)
    return;
  g_free (concept->taxonomy);
  g_free (concept->tag);
  g_free (concept->label);
  g_free (concept->entity_name);
  g_free (concept->unit);
  if (concept->facts != NULL)
    g_array_unref (concept->facts);
  g_free (concept);
}

static void
set_format_error (GError    **error,
                  const char *what,
                  const char *problem)
{
  g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_FORMAT_CHANGED,
               _("%s sent %s in a form it does not document: %s"), CC_EDGAR_SERVICE, what,
               problem);
}

static gboolean
accession_ok (const char *text)
{
  if (text == NULL || strlen (text) != 20)
    return FALSE;
  for (guint i = 0; i < 20; i++)
    if ((i == 10 || i == 13) ? text[i] != '-' : !g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

static gboolean
short_text_ok (const char *text,
               gsize       max)
{
  if (text == NULL || strlen (text) > max)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (*p < 0x20 || *p > 0x7e || *p == '"' || *p == ',')
      return FALSE;
  return TRUE;
}

static gboolean
read_fact (JsonObject  *object,
           CcEdgarFact *fact)
{
  const char *start = _cc_data_get_string (object, "start");
  const char *end = _cc_data_get_string (object, "end");
  const char *accn = _cc_data_get_string (object, "accn");
  const char *fp = _cc_data_get_string (object, "fp");
  const char *form = _cc_data_get_string (object, "form");
  const char *filed = _cc_data_get_string (object, "filed");
  const char *frame = _cc_data_get_string (object, "frame");
  double fy = 0;

  fact->start = CC_DATE_INVALID;
  if ((start != NULL && !cc_date_parse_iso (start, &fact->start)) ||
      end == NULL || !cc_date_parse_iso (end, &fact->end) ||
      (fact->start != CC_DATE_INVALID && fact->start > fact->end) ||
      !_cc_data_get_number (object, "val", &fact->value) || !isfinite (fact->value) ||
      !accession_ok (accn) || !short_text_ok (form, 31) || *form == '\0' ||
      filed == NULL || !cc_date_parse_iso (filed, &fact->filed) ||
      (fp != NULL && !short_text_ok (fp, 8)) || (frame != NULL && !short_text_ok (frame, 16)))
    return FALSE;
  if (_cc_data_get_number (object, "fy", &fy))
    {
      if (fy < 1900 || fy > 2200 || fy != floor (fy))
        return FALSE;
      fact->fiscal_year = (int) fy;
    }
  fact->accession = g_strdup (accn);
  fact->fiscal_period = g_strdup (fp != NULL ? fp : "");
  fact->form = g_strdup (form);
  fact->frame = g_strdup (frame != NULL ? frame : "");
  return TRUE;
}

CcEdgarConcept *
cc_edgar_parse_concept (const char  *data,
                        gsize        length,
                        const char  *unit,
                        const char  *what,
                        GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(CcEdgarConcept) concept = NULL;
  JsonObject *object, *units;
  JsonNode *units_node, *unit_node = NULL;
  JsonArray *facts;
  const char *chosen = unit;
  double cik = 0;

  if (!_cc_edgar_reject_web_page (data, length, what, error))
    return NULL;
  root = _cc_data_load_json (data, length, CC_EDGAR_SERVICE, what, error);
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      set_format_error (error, what, _("it is not a JSON object"));
      return NULL;
    }
  object = json_node_get_object (root);
  units_node = _cc_data_get_member_of_type (object, "units", JSON_NODE_OBJECT);
  if (units_node == NULL || _cc_data_get_string (object, "tag") == NULL)
    {
      set_format_error (error, what, _("it has no “tag” and “units”"));
      return NULL;
    }
  units = json_node_get_object (units_node);
  if (chosen == NULL)
    {
      if (json_object_has_member (units, "USD"))
        chosen = "USD";
      else if (json_object_get_size (units) == 1)
        {
          g_autoptr(GList) names = json_object_get_members (units);
          chosen = names->data;
        }
    }
  if (chosen != NULL)
    unit_node = _cc_data_get_member_of_type (units, chosen, JSON_NODE_ARRAY);
  if (unit_node == NULL)
    {
      g_autoptr(GList) names = json_object_get_members (units);
      g_autoptr(GString) list = g_string_new (NULL);

      for (GList *l = names; l != NULL; l = l->next)
        g_string_append_printf (list, "%s%s", list->len ? ", " : "", (char *) l->data);
      /* Translators: the first %s is what was read, the second a unit ("USD"), the third the
       * units there are ("shares, USD/shares"). */
      g_set_error (error, CC_DATA_ERROR, CC_DATA_ERROR_NO_DATA,
                   _("%s has no facts in %s for %s (it has: %s)"), CC_EDGAR_SERVICE,
                   chosen != NULL ? chosen : "USD", what, list->len ? list->str : "—");
      return NULL;
    }

  concept = g_new0 (CcEdgarConcept, 1);
  if (_cc_data_get_number (object, "cik", &cik) && cik > 0 && cik < 1e10)
    concept->cik = (guint64) cik;
  concept->taxonomy = g_strdup (_cc_data_get_string (object, "taxonomy"));
  concept->tag = g_strdup (_cc_data_get_string (object, "tag"));
  concept->label = g_strdup (_cc_data_get_string (object, "label"));
  concept->entity_name = g_strdup (_cc_data_get_string (object, "entityName"));
  concept->unit = g_strdup (chosen);
  concept->facts = g_array_new (FALSE, TRUE, sizeof (CcEdgarFact));
  g_array_set_clear_func (concept->facts, fact_clear);

  facts = json_node_get_array (unit_node);
  for (guint i = 0; i < json_array_get_length (facts); i++)
    {
      JsonNode *node = json_array_get_element (facts, i);
      CcEdgarFact fact = { 0, };

      if (!JSON_NODE_HOLDS_OBJECT (node) || !read_fact (json_node_get_object (node), &fact))
        {
          g_autofree char *problem = g_strdup_printf (_("the fact at position %u has no valid "
                                                        "end, value, accession, form or filing "
                                                        "date"), i);
          fact_clear (&fact);
          set_format_error (error, what, problem);
          return NULL;
        }
      g_array_append_val (concept->facts, fact);
    }
  return g_steal_pointer (&concept);
}

const char *
cc_edgar_quarter_method_to_string (CcEdgarQuarterMethod method)
{
  switch (method)
    {
    case CC_EDGAR_QUARTER_REPORTED:
      return "reported";
    case CC_EDGAR_QUARTER_YTD_DIFFERENCE:
      return "ytd-difference";
    case CC_EDGAR_QUARTER_ANNUAL_MINUS_NINE:
      return "annual-minus-nine-months";
    case CC_EDGAR_QUARTER_INSTANT:
    default:
      return "instant";
    }
}

static gboolean
is_amendment (const CcEdgarFact *fact)
{
  return g_str_has_suffix (fact->form, "/A");
}

/* Whether @a was reported after @b. */
static gboolean
reported_later (const CcEdgarFact *a,
                const CcEdgarFact *b)
{
  if (a->filed != b->filed)
    return a->filed > b->filed;
  if (is_amendment (a) != is_amendment (b))
    return is_amendment (a);
  return strcmp (a->accession, b->accession) > 0;
}

static gint64
period_key (CcDate start,
            CcDate end)
{
  /* Unsigned: an invalid (negative) date must not make the shift undefined. */
  return (gint64) (((guint64) (guint32) start << 32) | (guint32) end);
}

static void
quarter_clear (gpointer data)
{
  CcEdgarQuarter *quarter = data;

  g_free (quarter->accession);
  g_free (quarter->form);
}

static int
compare_fact_ptr_by_end (gconstpointer a,
                         gconstpointer b)
{
  const CcEdgarFact *fa = *(const CcEdgarFact * const *) a;
  const CcEdgarFact *fb = *(const CcEdgarFact * const *) b;

  return (fa->end > fb->end) - (fa->end < fb->end);
}

static int
compare_dates (gconstpointer a,
               gconstpointer b)
{
  CcDate da = *(const CcDate *) a, db = *(const CcDate *) b;

  return (da > db) - (da < db);
}

static int
compare_quarters (gconstpointer a,
                  gconstpointer b)
{
  const CcEdgarQuarter *qa = a, *qb = b;

  if (qa->end != qb->end)
    return (qa->end > qb->end) - (qa->end < qb->end);
  return (qa->start > qb->start) - (qa->start < qb->start);
}

static void
add_quarter (GArray               *quarters,
             CcDate                start,
             CcDate                end,
             double                value,
             CcEdgarQuarterMethod  method,
             const CcEdgarFact    *source)
{
  CcEdgarQuarter q = { 0, };

  q.start = start;
  q.end = end;
  q.value = value;
  q.method = method;
  q.accession = g_strdup (source->accession);
  q.form = g_strdup (source->form);
  q.filed = source->filed;
  g_array_append_val (quarters, q);
}

typedef struct {
  const CcEdgarConcept *concept;
  GHashTable           *latest_end;   /* accession -> CcDate * (its latest period's end) */
  GArray               *year_starts;  /* CcDate, sorted */
} Labeller;

/* The fiscal year named by the filer for the year that starts at @start. */
static int
fiscal_year_name (Labeller *labeller,
                  CcDate    start)
{
  for (guint i = 0; i < labeller->concept->facts->len; i++)
    {
      const CcEdgarFact *f = &g_array_index (labeller->concept->facts, CcEdgarFact, i);
      CcDate *latest = g_hash_table_lookup (labeller->latest_end, f->accession);

      if (f->start == start && latest != NULL && f->end == *latest && f->fiscal_year > 0)
        return f->fiscal_year;
    }
  return cc_date_get_year (start + 364);
}

static void
label_quarter (Labeller       *labeller,
               CcEdgarQuarter *q)
{
  CcDate year_start = CC_DATE_INVALID;
  CcDate anchor = q->start != CC_DATE_INVALID ? q->start : q->end;

  for (guint i = 0; i < labeller->year_starts->len; i++)
    {
      CcDate s = g_array_index (labeller->year_starts, CcDate, i);

      if (s <= anchor && q->end - s < 380)
        year_start = s;
    }
  if (year_start == CC_DATE_INVALID)
    return;
  q->fiscal_quarter = CLAMP ((int) lround ((q->end - year_start + 1) / 91.3), 1, 4);
  q->fiscal_year = fiscal_year_name (labeller, year_start);
}

GArray *
cc_edgar_quarters (const CcEdgarConcept *concept,
                   CcEdgarRevision       revision)
{
  g_autoptr(GHashTable) chosen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GHashTable) by_start = NULL;
  g_autoptr(GHashTable) have = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                      NULL);
  g_autoptr(GHashTable) latest_end = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                            g_free);
  g_autoptr(GArray) year_starts = g_array_new (FALSE, FALSE, sizeof (CcDate));
  g_autoptr(GHashTable) start_seen = g_hash_table_new (NULL, NULL);
  GArray *quarters = g_array_new (FALSE, TRUE, sizeof (CcEdgarQuarter));
  GHashTableIter iter;
  gpointer value;
  Labeller labeller;

  g_array_set_clear_func (quarters, quarter_clear);
  g_return_val_if_fail (concept != NULL, quarters);

  by_start = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);

  /* One fact per period, by the revision rule. */
  for (guint i = 0; i < concept->facts->len; i++)
    {
      const CcEdgarFact *f = &g_array_index (concept->facts, CcEdgarFact, i);
      gint64 key = period_key (f->start, f->end);
      const CcEdgarFact *old = g_hash_table_lookup (chosen, &key);
      CcDate *latest = g_hash_table_lookup (latest_end, f->accession);

      if (latest == NULL)
        g_hash_table_insert (latest_end, f->accession, g_memdup2 (&f->end, sizeof f->end));
      else if (f->end > *latest)
        *latest = f->end;

      if (old == NULL ||
          (revision == CC_EDGAR_AS_LAST_REPORTED ? reported_later (f, old)
                                                 : reported_later (old, f)))
        {
          gint64 *k = g_memdup2 (&key, sizeof key);

          g_hash_table_insert (keys, (gpointer) f, k);
          g_hash_table_replace (chosen, k, (gpointer) f);
        }
    }

  /* Balances at an instant, and quarters reported as three months. */
  g_hash_table_iter_init (&iter, chosen);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const CcEdgarFact *f = value;
      Span span;

      if (f->start == CC_DATE_INVALID)
        {
          add_quarter (quarters, CC_DATE_INVALID, f->end, f->value, CC_EDGAR_QUARTER_INSTANT, f);
          continue;
        }
      span = span_of (f->start, f->end);
      if (span == SPAN_OTHER)
        continue;
      if (span == SPAN_QUARTER)
        {
          gint64 k = period_key (f->start, f->end);

          add_quarter (quarters, f->start, f->end, f->value, CC_EDGAR_QUARTER_REPORTED, f);
          g_hash_table_add (have, g_memdup2 (&k, sizeof k));
        }
      if (!g_hash_table_contains (by_start, GINT_TO_POINTER (f->start)))
        g_hash_table_insert (by_start, GINT_TO_POINTER (f->start), g_ptr_array_new ());
      g_ptr_array_add (g_hash_table_lookup (by_start, GINT_TO_POINTER (f->start)), (gpointer) f);
    }

  /* Year-to-date chains: each figure minus the one a quarter shorter with the same start. */
  g_hash_table_iter_init (&iter, by_start);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GPtrArray *chain = value;

      g_ptr_array_sort (chain, compare_fact_ptr_by_end);
      for (guint b = 0; b < chain->len; b++)
        {
          const CcEdgarFact *fb = g_ptr_array_index (chain, b);
          Span sb = span_of (fb->start, fb->end);

          if (sb == SPAN_QUARTER)
            continue;
          for (guint a = 0; a < b; a++)
            {
              const CcEdgarFact *fa = g_ptr_array_index (chain, a);
              gint64 k;

              if (span_of (fa->start, fa->end) != sb - 1 ||
                  span_of (fa->end + 1, fb->end) != SPAN_QUARTER)
                continue;
              k = period_key (fa->end + 1, fb->end);
              if (g_hash_table_contains (have, &k))
                break;
              add_quarter (quarters, fa->end + 1, fb->end, fb->value - fa->value,
                           sb == SPAN_YEAR ? CC_EDGAR_QUARTER_ANNUAL_MINUS_NINE
                                           : CC_EDGAR_QUARTER_YTD_DIFFERENCE,
                           reported_later (fa, fb) ? fa : fb);
              g_hash_table_add (have, g_memdup2 (&k, sizeof k));
              break;
            }
        }
      /* A chain that reaches past one quarter starts a fiscal year. */
      for (guint b = 0; b < chain->len; b++)
        {
          const CcEdgarFact *fb = g_ptr_array_index (chain, b);

          if (span_of (fb->start, fb->end) >= SPAN_HALF &&
              !g_hash_table_contains (start_seen, GINT_TO_POINTER (fb->start)))
            {
              g_hash_table_add (start_seen, GINT_TO_POINTER (fb->start));
              g_array_append_val (year_starts, fb->start);
            }
        }
    }

  /* A quarter's fiscal year: the latest year start at or before it. A first quarter reported
   * alone starts one too, when it follows the end of a known year. */
  g_hash_table_iter_init (&iter, chosen);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const CcEdgarFact *f = value;
      CcDate next = f->end + 1;

      if (f->start != CC_DATE_INVALID && span_of (f->start, f->end) == SPAN_YEAR &&
          !g_hash_table_contains (start_seen, GINT_TO_POINTER (next)))
        {
          g_hash_table_add (start_seen, GINT_TO_POINTER (next));
          g_array_append_val (year_starts, next);
        }
    }
  g_array_sort (year_starts, compare_dates);
  labeller.concept = concept;
  labeller.latest_end = latest_end;
  labeller.year_starts = year_starts;
  for (guint i = 0; i < quarters->len; i++)
    label_quarter (&labeller, &g_array_index (quarters, CcEdgarQuarter, i));

  g_array_sort (quarters, compare_quarters);
  return quarters;
}
