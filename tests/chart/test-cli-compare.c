/* test-cli-compare.c: `chipcycle compare` as a script runs it: the built binary, no display,
 * real files in every format, and one-line errors (exit 2) for bad input. The numbers are
 * checked against the analysis run in this process on the same offline dataset. */
#define _GNU_SOURCE
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "cc-analogue.h"
#include "cc-bundled-dataset.h"
#include "../cc-test-cli.h"

typedef struct {
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("cc-cli-compare-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static int
run_compare (Fixture     *f,
             char       **out_stdout,
             char       **out_stderr,
             const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (char *) "compare");
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  return cc_test_run_chipcycle (f->dir, NULL, out_stdout, out_stderr,
                                (const char * const *) argv->pdata);
}

static const char * const events[] = {
  "--event", "2026-07-01", "--event", "2026-02-17", "--event", "2026-04-06",
  "--event", "2025-11-20",
};

static CcAnalogueSet *
compute_here (const char *item)
{
  g_autoptr(CcDataset) dataset = cc_bundled_dataset_new (NULL);
  CcDate dates[4] = {
    cc_date_from_ymd (2026, 7, 1), cc_date_from_ymd (2026, 2, 17), cc_date_from_ymd (2026, 4, 6),
    cc_date_from_ymd (2025, 11, 20),
  };
  CcAnalogueWindow w = { -20, 60 };

  return cc_analogue_set_new (dataset, item, dates, 4, &w, CC_DATE_INVALID, NULL);
}

static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  const char *args[24] = { "--item", "MU", "--json" };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(CcAnalogueSet) set = compute_here ("MU");
  JsonObject *root;
  JsonArray *evs;

  memcpy (args + 3, events, sizeof events);
  g_assert_cmpint (run_compare (f, &out, &err, args), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "item"), ==, "MU");
  evs = json_object_get_array_member (root, "events");
  g_assert_cmpuint (json_array_get_length (evs), ==, 4);
  g_assert_false (json_object_get_null_member (root, "band"));
  for (guint e = 0; e < 4; e++)
    {
      JsonObject *ev = json_array_get_object_element (evs, e);
      JsonArray *table = json_object_get_array_member (ev, "table");
      JsonArray *path = json_object_get_array_member (ev, "path");
      g_auto(GStrv) row = cc_analogue_table_row (set, e);
      const CcAnaloguePath *p = g_ptr_array_index (set->paths, e);

      g_assert_cmpuint (json_array_get_length (table), ==, CC_ANALOGUE_TABLE_N_COLUMNS);
      for (guint c = 0; c < CC_ANALOGUE_TABLE_N_COLUMNS; c++)
        g_assert_cmpstr (json_array_get_string_element (table, c), ==, row[c]);
      g_assert_cmpuint (json_array_get_length (path), ==, 81);
      g_assert_cmpfloat_with_epsilon (json_array_get_double_element (path, 19), 0, 1e-9);
      g_assert_cmpfloat_with_epsilon (json_array_get_double_element (path, 20), p->move, 1e-8);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (ev, "move"), p->move, 1e-9);
      g_assert_cmpstr (json_object_get_string_member (ev, "car_kind"), ==, "abnormal");
    }
  /* Meta Compute: MU fell more than 10% on the day (the article's anchor). */
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (evs, 0),
                                                    "move"), <, -0.10);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (evs, 0),
                                                  "event_id"), ==, "2026-07-01-meta-compute");
}

static void
test_text_and_event_ids (Fixture       *f,
                         gconstpointer  data)
{
  const char *args[] = { "--event", "2026-07-01-meta-compute", "--event", "2026-04-06",
                         "--window", "-5,+10", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_compare (f, &out, &err, args), ==, 0);
  g_assert_nonnull (strstr (out, "^SOX around each event, t-5 to t+10"));
  /* ^SOX against itself: plain returns, and the article's -6.27% on the day. */
  g_assert_nonnull (strstr (out, "Return [-1,+1]"));
  g_assert_nonnull (strstr (out, "\u22126.27%"));
  g_assert_nonnull (strstr (out, "Meta Compute announced †"));
  g_assert_nonnull (strstr (out, "not market data"));
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  struct {
    const char *args[8];
    const char *needle;
  } cases[] = {
    { { "--item", "basket:nonsense", "--event", "2026-07-01" }, "basket:nonsense" },
    { { "--item", "NVDX", "--event", "2026-07-01" }, "NVDA" },
    { { "--event", "1999-01-04" }, "outside the data" },
    { { "--event", "2027-03-01" }, "outside the data" },
    { { "--event", "2026-13-01" }, "neither a date" },
    { { "--event", "2026-07-01", "--window", "-20,+300" }, "+250" },
    { { "--event", "2026-07-01", "--window", "20" }, "not a window" },
    { { "--event", "2026-07-01", "--window", "0,60" }, "day -1" },
    { { "--item", "MU" }, "--event" },
    { { "--event", "2026-07-01", "--output", "chart.gif" }, ".gif" },
    { { "--cycles", "--event", "2026-07-01" }, "--cycles" },
    { { "--event", "2026-07-01", "stray" }, "stray" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_test_message ("case %u", i);
      g_assert_cmpint (run_compare (f, &out, &err, cases[i].args), ==, 2);
      g_assert_true (g_str_has_prefix (err, "chipcycle compare: "));
      g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
      if (strstr (err, cases[i].needle) == NULL)
        g_error ("stderr “%s” does not mention “%s”", err, cases[i].needle);
      g_assert_cmpstr (out, ==, "");
    }
}

static char *
read_file (Fixture    *f,
           const char *name,
           gsize      *length)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, length, NULL));
  return data;
}

static void
test_exports (Fixture       *f,
              gconstpointer  data)
{
  const char *names[] = { "a.png", "a.pdf", "a.svg", "a.csv" };

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    {
      const char *args[24] = { "--item", "MU", "--width", "900", "--height", "500",
                               "--output", names[n] };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *bytes = NULL;
      gsize length;

      memcpy (args + 8, events, sizeof events);
      g_assert_cmpint (run_compare (f, &out, &err, args), ==, 0);
      g_assert_cmpstr (err, ==, "");
      bytes = read_file (f, names[n], &length);
      switch (n)
        {
        case 0:
          {
            g_autofree char *path = g_build_filename (f->dir, names[n], NULL);
            cairo_surface_t *s = cairo_image_surface_create_from_png (path);

            g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
            g_assert_cmpint (cairo_image_surface_get_width (s), ==, 900);
            g_assert_cmpint (cairo_image_surface_get_height (s), ==, 500);
            cairo_surface_destroy (s);
          }
          break;
        case 1:
          g_assert_true (g_str_has_prefix (bytes, "%PDF-"));
          g_assert_nonnull (memmem (bytes, length, "/Title (Chip Cycle analogues)", 29));
          break;
        case 2:
          g_assert_nonnull (strstr (bytes, "<svg"));
          g_assert_nonnull (strstr (bytes, "width=\"900pt\""));
          break;
        default:
          {
            g_auto(GStrv) lines = g_strsplit (bytes, "\r\n", -1);
            g_autoptr(CcAnalogueSet) set = compute_here ("MU");
            guint header = 0;

            while (lines[header] && lines[header][0] == '#')
              header++;
            g_assert_cmpuint (header, ==, 5);
            g_assert_nonnull (strstr (lines[1], "t0 2026-07-01, base close 2026-06-30"));
            g_assert_nonnull (strstr (lines[1], "reconstructed"));
            g_assert_true (g_str_has_prefix (lines[header],
                                             "day,2026-07-01 Meta Compute announced,"));
            g_assert_true (g_str_has_suffix (lines[header], ",median,q1,q3"));
            /* 81 days and a final empty string after the last CRLF. */
            g_assert_cmpuint (g_strv_length (lines), ==, header + 1 + 81 + 1);
            /* Day 0 of the first event, in percent, as the analysis has it. */
            {
              g_auto(GStrv) cells = g_strsplit (lines[header + 1 + 20], ",", -1);
              const CcAnaloguePath *p = g_ptr_array_index (set->paths, 0);

              g_assert_cmpstr (cells[0], ==, "0");
              g_assert_cmpfloat_with_epsilon (g_ascii_strtod (cells[1], NULL), p->move * 100,
                                              1e-4);
              g_assert_cmpfloat_with_epsilon (g_ascii_strtod (cells[5], NULL),
                                              set->median[20] * 100, 1e-4);
            }
          }
          break;
        }
    }
}

static void
test_cycles (Fixture       *f,
             gconstpointer  data)
{
  const char *args[] = { "--cycles", "--json", NULL };
  const char *fig[] = { "--cycles", "--output", "c.svg", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *svg = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *cycles;
  gsize length;

  g_assert_cmpint (run_compare (f, &out, &err, args), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  cycles = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                         "cycles");
  g_assert_cmpuint (json_array_get_length (cycles), ==, 4);
  /* Offline there are only month-end closes before the last year: said so. */
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (cycles, i),
                                                    "resolution"), ==, "month-end");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (
                                    json_array_get_object_element (cycles, 0), "depth"),
                                  1 - 214.06 / 1332.73, 1e-6);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (cycles, 3),
                                                  "id"), ==, "current");

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_compare (f, &out, &err, fig), ==, 0);
  svg = read_file (f, "c.svg", &length);
  g_assert_nonnull (strstr (svg, "<svg"));
}

/* Two JSON documents alike, numbers to @epsilon, leaving out the members named in @skip. */
static void
assert_json_alike (JsonNode           *a,
                   JsonNode           *b,
                   const char * const *skip,
                   const char         *where)
{
  g_assert_cmpint (json_node_get_node_type (a), ==, json_node_get_node_type (b));
  if (JSON_NODE_HOLDS_OBJECT (a))
    {
      JsonObject *oa = json_node_get_object (a), *ob = json_node_get_object (b);
      g_autoptr(GList) members = json_object_get_members (oa);

      g_assert_cmpuint (json_object_get_size (oa), ==, json_object_get_size (ob));
      for (GList *l = members; l; l = l->next)
        {
          g_autofree char *path = g_strconcat (where, ".", (char *) l->data, NULL);

          if (skip != NULL && g_strv_contains (skip, l->data))
            continue;
          if (!json_object_has_member (ob, l->data))
            g_error ("%s is missing", path);
          assert_json_alike (json_object_get_member (oa, l->data),
                             json_object_get_member (ob, l->data), NULL, path);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (a))
    {
      JsonArray *xa = json_node_get_array (a), *xb = json_node_get_array (b);

      g_assert_cmpuint (json_array_get_length (xa), ==, json_array_get_length (xb));
      for (guint i = 0; i < json_array_get_length (xa); i++)
        {
          g_autofree char *path = g_strdup_printf ("%s[%u]", where, i);

          assert_json_alike (json_array_get_element (xa, i), json_array_get_element (xb, i),
                             NULL, path);
        }
    }
  else if (JSON_NODE_HOLDS_VALUE (a) && json_node_get_value_type (a) == G_TYPE_DOUBLE)
    {
      if (fabs (json_node_get_double (a) - json_node_get_double (b)) > 1e-9)
        g_error ("%s: %.17g where the holding has %.17g", where, json_node_get_double (a),
                 json_node_get_double (b));
    }
  else if (JSON_NODE_HOLDS_VALUE (a) && json_node_get_value_type (a) == G_TYPE_STRING)
    {
      if (g_strcmp0 (json_node_get_string (a), json_node_get_string (b)) != 0)
        g_error ("%s: “%s” where the holding has “%s”", where, json_node_get_string (a),
                 json_node_get_string (b));
    }
  else if (JSON_NODE_HOLDS_VALUE (a))
    g_assert_true (json_node_equal (a, b));
}

/* A portfolio is compared like any item: one that holds MU alone, from a holdings file or
 * saved and named, gives MU's analogues number for number, under its own name. */
static void
test_portfolio (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *holdings = g_build_filename (f->dir, "only-mu.csv", NULL);
  g_autofree char *xdg = g_dir_make_tmp ("cc-cli-compare-xdg-XXXXXX", NULL);
  g_autofree char *saved_dir = g_build_filename (xdg, "chipcycle", NULL);
  g_autofree char *saved = g_build_filename (saved_dir, "portfolios.json", NULL);
  g_autofree char *env_xdg = g_strconcat ("XDG_DATA_HOME=", xdg, NULL);
  const char *env[] = { env_xdg, NULL };
  const char *mu_args[] = { "--item", "MU", "--event", "2026-07-01", "--event", "2026-03-18",
                            "--json", NULL };
  const char *file_args[] = { "--portfolio", "only-mu.csv", "--event", "2026-07-01", "--event",
                              "2026-03-18", "--json", NULL };
  const char *saved_args[] = { "compare", "--item", "portfolio:Only MU", "--event",
                               "2026-07-01", "--event", "2026-03-18", "--json", NULL };
  const char *bad_args[] = { "compare", "--item", "portfolio:Nope", "--event", "2026-07-01",
                             NULL };
  const char *skip[] = { "item", "label", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) mu = NULL;
  g_autoptr(JsonNode) from_file = NULL;
  g_autoptr(JsonNode) from_saved = NULL;

  g_assert_cmpint (run_compare (f, &out, &err, mu_args), ==, 0);
  mu = json_from_string (out, NULL);
  g_assert_true (g_file_set_contents (holdings, "Symbol,Weight\nMU,100\n", -1, NULL));
  g_assert_cmpint (run_compare (f, &out, &err, file_args), ==, 0);
  from_file = json_from_string (out, NULL);
  g_assert_nonnull (mu);
  g_assert_nonnull (from_file);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (from_file), "item"), ==,
                   "portfolio:only-mu");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (from_file), "label"),
                   ==, "Portfolio only-mu");
  assert_json_alike (from_file, mu, skip, "$");

  g_assert_cmpint (g_mkdir_with_parents (saved_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (saved, "{ \"format\": \"chipcycle-portfolios\", "
                                      "\"version\": 1, \"portfolios\": [ { \"name\": "
                                      "\"Only MU\", \"kind\": \"shares\", \"holdings\": "
                                      "[ { \"ticker\": \"MU\", \"amount\": 40 } ] } ] }",
                                      -1, NULL));
  g_assert_cmpint (cc_test_run_chipcycle (f->dir, env, &out, &err, saved_args), ==, 0);
  from_saved = json_from_string (out, NULL);
  g_assert_nonnull (from_saved);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (from_saved), "item"), ==,
                   "portfolio:Only MU");
  assert_json_alike (from_saved, mu, skip, "$");

  g_assert_cmpint (cc_test_run_chipcycle (f->dir, env, &out, &err, bad_args), ==, 2);
  g_assert_nonnull (strstr (err, "--item: “portfolio:Nope”: no saved portfolio has that name "
                                 "(saved: Only MU)"));
  g_unlink (saved);
  g_rmdir (saved_dir);
  g_rmdir (xdg);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/compare/json", Fixture, NULL, fixture_setup, test_json, fixture_teardown);
  g_test_add ("/cli/compare/portfolio", Fixture, NULL, fixture_setup, test_portfolio,
              fixture_teardown);
  g_test_add ("/cli/compare/text", Fixture, NULL, fixture_setup, test_text_and_event_ids,
              fixture_teardown);
  g_test_add ("/cli/compare/bad-input", Fixture, NULL, fixture_setup, test_bad_input,
              fixture_teardown);
  g_test_add ("/cli/compare/exports", Fixture, NULL, fixture_setup, test_exports,
              fixture_teardown);
  g_test_add ("/cli/compare/cycles", Fixture, NULL, fixture_setup, test_cycles,
              fixture_teardown);

  return g_test_run ();
}
