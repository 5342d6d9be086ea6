/* test-side-panel.c: the analysis side panel on the bundled dataset shows the numbers the
 * analysis computes (the same ones `chipcycle analyze` prints), and follows its inputs. Needs a
 * display (suite ui). Set CC_SIDE_PANEL_PNG=prefix to save what it looks like. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "cc-bundled-dataset.h"
#include "cc-side-panel.h"

#include <json-glib/json-glib.h>

static void
iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static void
assert_shown (CcSidePanel *panel,
              const char  *key,
              const char  *expected)
{
  g_autofree char *text = cc_side_panel_dup_shown_text (panel, key);

  g_test_message ("%s = %s", key, text);
  g_assert_cmpstr (text, ==, expected);
}

/* A date as the panel writes it, "6 Oct 2025" (a static buffer: one call per expression). */
static const char *
format_date (CcDate date)
{
  static char buf[2][64];
  static guint n;
  g_autoptr(GDateTime) dt = cc_date_to_date_time (date);
  g_autofree char *text = g_date_time_format (dt, "%-d %b %Y");

  n = (n + 1) % 2;
  g_strlcpy (buf[n], g_strstrip (text), sizeof buf[n]);
  return buf[n];
}

static void
save_pngs (GtkWidget   *window,
           CcSidePanel *panel,
           const char  *prefix)
{
  GtkWidget *scroller = gtk_widget_get_first_child (GTK_WIDGET (panel));
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  int w = gtk_widget_get_width (window), h = gtk_widget_get_height (window);

  for (guint page = 0; page < 6; page++)
    {
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;
      g_autoptr(GdkTexture) texture = NULL;
      g_autofree char *path = g_strdup_printf ("%s-%u.png", prefix, page);
      GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

      gtk_adjustment_set_value (adj, page * (h - 100));
      iterate (150);
      gdk_paintable_snapshot (paintable, snapshot, w, h);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
      gdk_texture_save_to_png (texture, path);
      if (gtk_adjustment_get_value (adj) + h >= gtk_adjustment_get_upper (adj))
        break;
    }
}

static void
test_panel_shows_analysis (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcDataset) dataset = cc_bundled_dataset_new (&error);
  GtkWidget *window = adw_window_new ();
  CcSidePanel *panel = cc_side_panel_new ();
  CcAnalysis *analysis;
  const CcEventStudyRow *row;
  g_autofree char *expected = NULL;
  g_autofree char *shown = NULL;
  const char *png = g_getenv ("CC_SIDE_PANEL_PNG");

  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), 460, 1000);
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (panel));
  cc_side_panel_set_dataset (panel, dataset);
  gtk_window_present (GTK_WINDOW (window));
  iterate (400);

  analysis = cc_side_panel_get_analysis (panel);
  g_assert_nonnull (analysis);
  g_assert_cmpint (analysis->event_day, ==, cc_date_from_ymd (2026, 7, 1));

  /* The event study shows the article's anchors, formatted as everywhere else. */
  assert_shown (panel, "study:return:^SOX", "\u22126.27%");
  assert_shown (panel, "study:return:KLAC", "\u221212.00%");
  assert_shown (panel, "study:return:NBIS", "\u221212.40%");
  row = cc_analysis_find_row (analysis, "MU");
  expected = cc_format_return (row->abnormal_return);
  assert_shown (panel, "study:abnormal:MU", expected);
  g_clear_pointer (&expected, g_free);
  shown = cc_side_panel_dup_shown_text (panel, "winners");
  expected = cc_analysis_format_names (analysis->winners);
  g_assert_true (g_str_has_prefix (shown, "Winners: META +"));
  g_assert_nonnull (strstr (shown, expected));
  g_clear_pointer (&shown, g_free);
  g_clear_pointer (&expected, g_free);

  /* Weights and the leader. */
  for (guint t = 0; t < CC_N_TARGETS; t++)
    {
      g_autofree char *key = g_strdup_printf ("weight:%s", cc_target_to_string (t));
      g_autofree char *w = cc_format_weight (analysis->assessment->weight[t]);
      assert_shown (panel, key, w);
    }
  shown = cc_side_panel_dup_shown_text (panel, "leading-phase");
  g_assert_true (g_str_has_prefix (shown,
                                   cc_target_get_label (analysis->assessment->phase.leading)));
  g_clear_pointer (&shown, g_free);

  /* History and monitors. */
  assert_shown (panel, "depth:2000", "83.9%");
  assert_shown (panel, "depth:2022", "46.5%");
  shown = cc_side_panel_dup_shown_text (panel, "drawdown");
  g_assert_nonnull (strstr (shown, "10.4%"));
  g_clear_pointer (&shown, g_free);
  assert_shown (panel, "monitor:capex", "Overbuilding");
  assert_shown (panel, "monitor:memory-prices", "No signal");
  g_assert_null (cc_side_panel_dup_shown_text (panel, "rules-error"));

  /* The table opens sorted by the day's return, worst first, and charts the first row. */
  expected = g_strdup_printf ("Abnormal returns of %s around the event",
                              ((CcEventStudyRow *) g_ptr_array_index (analysis->losers, 0))->label);
  assert_shown (panel, "abnormal-chart", expected);
  g_clear_pointer (&expected, g_free);

  if (png)
    save_pngs (window, panel, png);

  /* Moving the as-of date back to the day after the event: the 21-day CAR is unknown. */
  cc_side_panel_set_as_of (panel, cc_date_from_ymd (2026, 7, 2));
  iterate (100);
  assert_shown (panel, "study:car0+20:KLAC", "—");
  g_assert_cmpint (cc_side_panel_get_analysis (panel)->as_of, ==, cc_date_from_ymd (2026, 7, 2));

  /* A month-precision event (Meta's May 2026 remark): the study says day 0 is approximate. */
  {
    CcEvent *may = NULL;
    GPtrArray *events = cc_dataset_get_events (dataset);
    g_autofree char *note = NULL;

    for (guint i = 0; i < events->len; i++)
      if (cc_event_get_precision (g_ptr_array_index (events, i)) == CC_EVENT_PRECISION_MONTH)
        may = g_ptr_array_index (events, i);
    g_assert_nonnull (may);
    cc_side_panel_set_as_of (panel, CC_DATE_INVALID);
    cc_side_panel_set_event (panel, may);
    iterate (100);
    g_assert_cmpint (cc_side_panel_get_analysis (panel)->event_day, ==,
                     cc_calendar_trading_day_on_or_after (cc_event_get_date (may)));
    note = cc_side_panel_dup_shown_text (panel, "study-note");
    g_assert_nonnull (strstr (note, "dated only to its month or quarter"));
    cc_side_panel_set_event (panel, NULL);
    cc_side_panel_set_as_of (panel, cc_date_from_ymd (2026, 7, 2));
  }

  /* Fewer items: only those rows. */
  {
    const char *items[] = { "KLAC", "basket:memory", NULL };

    cc_side_panel_set_items (panel, items);
    iterate (100);
    g_assert_cmpuint (cc_side_panel_get_analysis (panel)->rows->len, ==, 2);
    g_assert_null (cc_side_panel_dup_shown_text (panel, "study:return:NVDA"));
    g_assert_nonnull (cc_side_panel_dup_shown_text (panel, "study:return:basket:memory"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  iterate (50);
}

/* The panel and `chipcycle analyze --json` show the same numbers. */
static void
test_panel_matches_cli (void)
{
  const char *argv[] = { g_getenv ("CHIPCYCLE_BIN"), "analyze", "--event", "2026-07-01",
                         "--json", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CcDataset) dataset = cc_bundled_dataset_new (&error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  GtkWidget *window = adw_window_new ();
  CcSidePanel *panel = cc_side_panel_new ();
  JsonObject *root;
  JsonArray *rows;
  const char *groups[] = { "phases", "scenarios" };
  g_auto(GStrv) envp = g_get_environ ();
  int status;

  if (argv[0] == NULL)
    {
      g_test_skip ("CHIPCYCLE_BIN is not set");
      return;
    }
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "C", TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                               NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));

  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (panel));
  cc_side_panel_set_dataset (panel, dataset);
  gtk_window_present (GTK_WINDOW (window));
  iterate (200);

  rows = json_object_get_array_member (root, "event_study");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *item = json_object_get_string_member (row, "item");
      g_autofree char *key = g_strdup_printf ("study:return:%s", item);
      g_autofree char *cli = cc_format_return (json_object_get_double_member (
                                                 row, "event_return_pct") / 100);

      assert_shown (panel, key, cli);
    }
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      JsonObject *group = json_object_get_object_member (root, groups[g]);
      g_autoptr(GList) names = json_object_get_members (group);

      for (GList *l = names; l; l = l->next)
        {
          g_autofree char *key = g_strdup_printf ("weight:%s", (char *) l->data);
          g_autofree char *cli = cc_format_weight (json_object_get_double_member (
                                                     json_object_get_object_member (group,
                                                                                    l->data),
                                                     "weight"));
          assert_shown (panel, key, cli);
        }
    }

  gtk_window_destroy (GTK_WINDOW (window));
  iterate (50);
}

static void
test_broken_user_rules (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcDataset) dataset = cc_bundled_dataset_new (&error);
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *shown = NULL;
  GtkWidget *window = adw_window_new ();
  CcSidePanel *panel = cc_side_panel_new ();

  /* The test environment points XDG_CONFIG_HOME into the build tree. */
  path = g_build_filename (g_get_user_config_dir (), "chipcycle", "rules.json", NULL);
  dir = g_path_get_dirname (path);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "{\"format\": \"chipcycle-rules\", \"version\": 1, "
                                      "\"rules\": [{\"id\": \"x\", \"indicator\": "
                                      "\"sox_drawdown\", \"min\": 5, \"evidence\": "
                                      "{\"bear\": 99}}]}", -1, NULL));

  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (panel));
  cc_side_panel_set_dataset (panel, dataset);
  gtk_window_present (GTK_WINDOW (window));
  /* The rules are read in a thread: wait for the panel to say what is wrong with them, as long
   * as a busy machine needs (at most 5 s). */
  for (guint i = 0; i < 100 && shown == NULL; i++)
    {
      iterate (50);
      shown = cc_side_panel_dup_shown_text (panel, "rules-error");
    }
  g_assert_nonnull (shown);
  g_assert_nonnull (strstr (shown, "rules[0].evidence.bear"));
  g_assert_true (cc_rules_is_builtin (cc_side_panel_get_analysis (panel)->rules));

  /* Fixing the file is picked up without touching the panel: it watches the file. */
  g_assert_true (g_file_set_contents (path, "{\"format\": \"chipcycle-rules\", \"version\": 1, "
                                      "\"rules\": [{\"id\": \"x\", \"indicator\": "
                                      "\"sox_drawdown\", \"min\": 5, \"evidence\": "
                                      "{\"bear\": 9}}]}", -1, NULL));
  for (guint i = 0; i < 100 && cc_rules_is_builtin (cc_side_panel_get_analysis (panel)->rules);
       i++)
    iterate (50);
  g_assert_false (cc_rules_is_builtin (cc_side_panel_get_analysis (panel)->rules));
  g_assert_null (cc_side_panel_dup_shown_text (panel, "rules-error"));
  assert_shown (panel, "leading-scenario", "Bear case leads (83%)");

  g_assert_cmpint (g_remove (path), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  iterate (50);
}

static void
test_empty_dataset (void)
{
  g_autoptr(CcDataset) dataset = cc_dataset_new ();
  g_autofree char *shown = NULL;
  GtkWidget *window = adw_window_new ();
  CcSidePanel *panel = cc_side_panel_new ();

  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (panel));
  cc_side_panel_set_dataset (panel, dataset);
  gtk_window_present (GTK_WINDOW (window));
  iterate (100);

  /* Nothing to analyse: it says so, and shows no stale numbers. */
  g_assert_null (cc_side_panel_get_analysis (panel));
  shown = cc_side_panel_dup_shown_text (panel, "context");
  g_assert_nonnull (strstr (shown, "^SOX"));
  g_assert_null (cc_side_panel_dup_shown_text (panel, "leading-phase"));
  g_assert_null (cc_side_panel_dup_shown_text (panel, "winners"));
  g_assert_null (cc_side_panel_dup_shown_text (panel, "study:return:^SOX"));

  gtk_window_destroy (GTK_WINDOW (window));
  iterate (50);
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, type);

      if (found)
        return found;
    }
  return NULL;
}

/* Everything the phase and scenario cards show, as one string. */
static char *
shown_verdict (CcSidePanel *panel)
{
  static const char *keys[] = { "leading-phase", "leading-scenario", "phase-lead",
                                "scenario-lead", "phase-evidence", "scenario-evidence",
                                "as-of", NULL };
  GString *out = g_string_new (NULL);

  for (guint i = 0; keys[i]; i++)
    {
      g_autofree char *text = cc_side_panel_dup_shown_text (panel, keys[i]);

      g_assert_nonnull (text);
      g_string_append_printf (out, "%s=%s\n", keys[i], text);
    }
  for (CcTarget t = 0; t < CC_N_TARGETS; t++)
    {
      g_autofree char *key = g_strdup_printf ("weight:%s", cc_target_to_string (t));
      g_autofree char *text = cc_side_panel_dup_shown_text (panel, key);

      g_assert_nonnull (text);
      g_string_append_printf (out, "%s=%s\n", key, text);
    }
  for (guint i = 0; i < CC_N_INDICATORS; i++)
    {
      g_autofree char *key = g_strdup_printf ("indicator:%s", cc_indicator_id_to_string (i));
      g_autofree char *text = cc_side_panel_dup_shown_text (panel, key);

      g_string_append_printf (out, "%s=%s\n", key, text ? text : "(none)");
    }
  return g_string_free (out, FALSE);
}

/* The verdict depends on the as-of date, never on the selected event: at a fixed as-of date
 * every bundled event and a user's own event leave the phase and scenario cards byte for byte
 * the same, while the event study follows the event; moving the as-of date changes them. */
static void
test_verdict_ignores_event (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcDataset) dataset = cc_bundled_dataset_new (&error);
  g_autoptr(CcEvent) mine = cc_event_new (cc_date_from_ymd (2026, 3, 12),
                                          CC_EVENT_PRECISION_DAY, "My own note");
  g_autofree char *baseline = NULL;
  g_autofree char *first_study = NULL;
  GtkWidget *window = adw_window_new ();
  CcSidePanel *panel = cc_side_panel_new ();
  GPtrArray *events;
  gboolean study_moved = FALSE;

  g_assert_no_error (error);
  cc_event_set_id (mine, "user-note");
  cc_event_set_category (mine, CC_EVENT_CATEGORY_USER);
  cc_event_set_user (mine, TRUE);
  cc_dataset_add_event (dataset, mine);

  gtk_window_set_default_size (GTK_WINDOW (window), 340, 800);
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (panel));
  cc_side_panel_set_dataset (panel, dataset);
  cc_side_panel_set_as_of (panel, cc_date_from_ymd (2026, 9, 15));
  gtk_window_present (GTK_WINDOW (window));
  iterate (200);

  baseline = shown_verdict (panel);
  g_test_message ("%s", baseline);
  first_study = cc_side_panel_dup_shown_text (panel, "study-event");
  events = cc_dataset_get_events (dataset);
  g_assert_cmpuint (events->len, >=, 8);
  for (guint i = 0; i < events->len; i++)
    {
      CcEvent *event = g_ptr_array_index (events, i);
      g_autofree char *verdict = NULL;
      g_autofree char *study = NULL;

      cc_side_panel_set_event (panel, event);
      cc_side_panel_update_now (panel);
      verdict = shown_verdict (panel);
      g_assert_cmpstr (verdict, ==, baseline);
      g_clear_pointer (&verdict, g_free);
      /* The panel keeps the cards when only the event changes; make it compute them again
       * with this event selected, by moving the as-of date away and back. */
      cc_side_panel_set_as_of (panel, cc_date_from_ymd (2026, 8, 3));
      cc_side_panel_update_now (panel);
      cc_side_panel_set_as_of (panel, cc_date_from_ymd (2026, 9, 15));
      cc_side_panel_update_now (panel);
      verdict = shown_verdict (panel);
      g_test_message ("event %s", cc_event_get_id (event));
      g_assert_cmpstr (verdict, ==, baseline);
      /* The study did follow the event. */
      study = cc_side_panel_dup_shown_text (panel, "study-event");
      g_assert_nonnull (study);
      g_assert_nonnull (strstr (study, cc_event_get_title (event)));
      study_moved |= g_strcmp0 (study, first_study) != 0;
    }
  g_assert_true (study_moved);

  /* Before the Meta Compute announcement the data say something else. */
  cc_side_panel_set_as_of (panel, cc_date_from_ymd (2026, 6, 30));
  cc_side_panel_update_now (panel);
  {
    g_autofree char *earlier = shown_verdict (panel);

    g_assert_cmpstr (earlier, !=, baseline);
  }
  /* And back: the same numbers again. */
  cc_side_panel_set_as_of (panel, cc_date_from_ymd (2026, 9, 15));
  cc_side_panel_set_event (panel, NULL);
  cc_side_panel_update_now (panel);
  {
    g_autofree char *again = shown_verdict (panel);

    g_assert_cmpstr (again, ==, baseline);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  iterate (50);
}

static GtkWidget *
find_expander (GtkWidget  *root,
               const char *title)
{
  if (GTK_IS_EXPANDER (root) &&
      g_strcmp0 (gtk_expander_get_label (GTK_EXPANDER (root)), title) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_expander (c, title);

      if (found)
        return found;
    }
  return NULL;
}

static void
collect_level_bars (GtkWidget *root,
                    GPtrArray *bars)
{
  if (GTK_IS_LEVEL_BAR (root))
    g_ptr_array_add (bars, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    collect_level_bars (c, bars);
}

static void
collect_label_texts (GtkWidget  *root,
                     GHashTable *texts)
{
  if (GTK_IS_LABEL (root))
    g_hash_table_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (root))));
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    collect_label_texts (c, texts);
}

/* The study table's cells show the day-0 return of every row of the panel's analysis. */
static guint
assert_study_cells (CcSidePanel *panel,
                    GtkWidget   *view)
{
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  CcAnalysis *analysis = cc_side_panel_get_analysis (panel);
  guint checked = 0;

  collect_label_texts (view, texts);
  for (guint i = 0; i < analysis->rows->len; i++)
    {
      const CcEventStudyRow *row = g_ptr_array_index (analysis->rows, i);
      g_autofree char *text = NULL;

      if (!row->has_return)
        continue;
      text = cc_format_return (row->event_return);
      if (!g_hash_table_contains (texts, text))
        g_error ("The study table does not show %s's day-0 return %s", row->item, text);
      checked++;
    }
  return checked;
}

/* Moving the as-of date updates the cards in place: the expander the user opened stays open
 * and keeps the keyboard focus, the panel does not scroll, the selected study row stays
 * selected, and the weights, their bars' accessible names and the indicators are those of a
 * single evaluation at the new date. */
static void
test_as_of_in_place (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcDataset) dataset = cc_bundled_dataset_new (&error);
  g_autoptr(GPtrArray) bars = g_ptr_array_new ();
  GtkWidget *window = adw_window_new ();
  CcSidePanel *panel = cc_side_panel_new ();
  GtkWidget *detail, *scroller, *view;
  GtkAdjustment *adj;
  GtkSingleSelection *selection;
  g_autofree char *selected = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  CcAnalysis *analysis;
  double scrolled;
  guint studied = 0;

  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), 340, 800);
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (panel));
  cc_side_panel_set_dataset (panel, dataset);
  cc_side_panel_set_as_of (panel, cc_date_from_ymd (2026, 9, 15));
  gtk_window_present (GTK_WINDOW (window));
  iterate (300);
  before = shown_verdict (panel);

  /* The phase card's rule detail, opened and focused, the panel scrolled, a row selected. */
  detail = find_expander (GTK_WIDGET (panel), "Rule detail");
  g_assert_nonnull (detail);
  gtk_expander_set_expanded (GTK_EXPANDER (detail), TRUE);
  iterate (100);
  g_assert_true (gtk_widget_grab_focus (detail));
  scroller = gtk_widget_get_first_child (GTK_WIDGET (panel));
  adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  gtk_adjustment_set_value (adj, 180);
  view = find_widget (GTK_WIDGET (panel), GTK_TYPE_COLUMN_VIEW);
  selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)));
  gtk_single_selection_set_selected (selection, 3);
  selected = g_strdup (gtk_string_object_get_string (
                         gtk_single_selection_get_selected_item (selection)));
  iterate (100);
  scrolled = gtk_adjustment_get_value (adj);
  g_assert_cmpfloat (scrolled, >, 0);

  /* Back to the end of June, as the calendar would, then one session back with the action. */
  cc_side_panel_set_as_of (panel, cc_date_from_ymd (2026, 6, 30));
  iterate (100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "side-panel.as-of-previous",
                                             NULL));
  iterate (200);
  g_assert_cmpint (cc_side_panel_get_as_of (panel), ==, cc_date_from_ymd (2026, 6, 29));
  after = shown_verdict (panel);
  g_assert_cmpstr (after, !=, before);

  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == detail);
  g_assert_true (gtk_expander_get_expanded (GTK_EXPANDER (detail)));
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, scrolled);
  g_assert_cmpstr (gtk_string_object_get_string (
                     gtk_single_selection_get_selected_item (selection)), ==, selected);

  /* The numbers are those of one evaluation at 29 Jun 2026 (the analysis computes its own). */
  analysis = cc_side_panel_get_analysis (panel);
  g_assert_cmpint (analysis->as_of, ==, cc_date_from_ymd (2026, 6, 29));
  collect_level_bars (GTK_WIDGET (panel), bars);
  g_assert_cmpuint (bars->len, ==, CC_N_TARGETS);
  for (CcTarget t = 0; t < CC_N_TARGETS; t++)
    {
      g_autofree char *key = g_strdup_printf ("weight:%s", cc_target_to_string (t));
      g_autofree char *weight = cc_format_weight (analysis->assessment->weight[t]);
      g_autofree char *name = g_strdup_printf ("%s: %s", cc_target_get_label (t), weight);
      GtkWidget *bar = g_ptr_array_index (bars, t);

      assert_shown (panel, key, weight);
      g_assert_cmpfloat_with_epsilon (gtk_level_bar_get_value (GTK_LEVEL_BAR (bar)),
                                      analysis->assessment->weight[t], 1e-12);
      gtk_test_accessible_assert_property (bar, GTK_ACCESSIBLE_PROPERTY_LABEL, name);
    }
  assert_shown (panel, "leading-phase", analysis->assessment->phase.headline);
  assert_shown (panel, "scenario-lead", analysis->assessment->scenario.lead);
  for (guint i = 0; i < CC_N_INDICATORS; i++)
    {
      const CcIndicator *ind = &analysis->assessment->indicators.values[i];
      g_autofree char *key = g_strdup_printf ("indicator:%s", cc_indicator_id_to_string (i));
      g_autofree char *value = ind->available ? cc_indicator_format_value (i, ind->value)
                                              : g_strdup ("n/a");

      assert_shown (panel, key, value);
    }

  /* Another event for the same items: the study's cells are refilled, and the row selected
   * stays selected. */
  cc_side_panel_set_as_of (panel, CC_DATE_INVALID);
  {
    /* Sorted by name, so that no row moves and GTK has no reason of its own to refill it. */
    g_autoptr(GtkColumnViewColumn) name_column =
      g_list_model_get_item (gtk_column_view_get_columns (GTK_COLUMN_VIEW (view)), 0);

    gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (view), name_column, GTK_SORT_ASCENDING);
  }
  for (guint i = 0; i < cc_dataset_get_events (dataset)->len; i++)
    {
      cc_side_panel_set_event (panel, g_ptr_array_index (cc_dataset_get_events (dataset), i));
      iterate (60);
      studied += assert_study_cells (panel, view) > 3;
      g_assert_cmpstr (gtk_string_object_get_string (
                         gtk_single_selection_get_selected_item (selection)), ==, selected);
    }
  g_assert_cmpuint (studied, >=, 3);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate (50);
}

/* "Bull case leads (40%)" or "Tie: Bull case = Base case (36%)", built from one evaluation. */
static char *
expected_verdict (const CcAssessment *a,
                  const CcVerdict    *v)
{
  g_autofree char *top = cc_format_weight (a->weight[v->leading]);
  g_autoptr(GString) tied = g_string_new (NULL);

  if (!v->tie)
    return g_strdup_printf ("%s leads (%s)", cc_target_get_label (v->leading), top);
  for (guint i = 0; i < 3; i++)
    if (v->tied[i])
      g_string_append_printf (tied, "%s%s", tied->len ? " = " : "",
                              cc_target_get_label (v->first + i));
  return g_strdup_printf ("Tie: %s (%s)", tied->str, top);
}

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (g_type_is_a (G_OBJECT_TYPE (c), type))
        return c;
    }
  return NULL;
}

static GtkWidget *
find_timeline_area (GtkWidget *root)
{
  if (GTK_IS_DRAWING_AREA (root) &&
      find_controller (root, GTK_TYPE_EVENT_CONTROLLER_MOTION) != NULL)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_timeline_area (c);

      if (found)
        return found;
    }
  return NULL;
}

/* The assessment timeline: sweeping the pointer across it reaches every trading day once, in
 * order, from the first at the left edge to the last at the right; the hover of each day shows
 * that day's date and the verdicts and top reason of a single evaluation at that date; clicking
 * a day moves the as-of date there and the cards then show the hovered numbers. */
static void
test_timeline_hover_click (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcDataset) dataset = cc_bundled_dataset_new (&error);
  g_autoptr(CcAssessor) assessor = NULL;
  g_autoptr(CcTimeline) days = NULL;
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWidget *window = adw_window_new ();
  CcSidePanel *panel = cc_side_panel_new ();
  GtkWidget *area;
  GtkEventController *motion, *click;
  CcDate previous = CC_DATE_INVALID;
  guint reached = 0, clicked = 0;
  int width;

  g_assert_no_error (error);
  assessor = cc_assessor_new (dataset, NULL);
  days = cc_assessor_timeline (assessor, CC_DATE_INVALID, CC_DATE_INVALID);
  g_assert_cmpuint (days->n_days, >, 200);

  gtk_window_set_default_size (GTK_WINDOW (window), 340, 800);
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (panel));
  cc_side_panel_set_dataset (panel, dataset);
  gtk_window_present (GTK_WINDOW (window));
  for (guint waited = 0; waited < 100; waited++)
    {
      g_autofree char *caption = cc_side_panel_dup_shown_text (panel, "timeline");

      if (caption && *caption && !g_str_equal (caption, "Updating…"))
        break;
      iterate (50);
    }
  {
    g_autofree char *caption = cc_side_panel_dup_shown_text (panel, "timeline");
    g_autofree char *count = g_strdup_printf ("%u trading days,", days->n_days);

    g_test_message ("timeline = %s", caption);
    g_assert_true (g_str_has_prefix (caption, count));
  }

  area = find_timeline_area (GTK_WIDGET (panel));
  g_assert_nonnull (area);
  motion = find_controller (area, GTK_TYPE_EVENT_CONTROLLER_MOTION);
  click = find_controller (area, GTK_TYPE_GESTURE_CLICK);
  g_assert_nonnull (click);
  width = gtk_widget_get_width (area);
  g_assert_cmpint (width, >, 200);

  /* Not over the area: no hover. */
  g_assert_null (cc_side_panel_dup_shown_text (panel, "timeline-hover"));

  /* Sweep in quarter pixels; note where each day is first under the pointer. The first line
   * of the hover is the day's date: it is the day before's or the next one's. */
  for (double x = 0; x <= width; x += 0.25)
    {
      g_autofree char *text = NULL;
      g_autofree char *same = NULL;
      g_autofree char *next = NULL;

      g_signal_emit_by_name (motion, "motion", x, 10.0);
      text = cc_side_panel_dup_shown_text (panel, "timeline-hover");
      g_assert_nonnull (text);
      if (reached > 0)
        same = g_strdup_printf ("%s\n", format_date (days->days[reached - 1].date));
      if (reached < days->n_days)
        next = g_strdup_printf ("%s\n", format_date (days->days[reached].date));
      if (same && g_str_has_prefix (text, same))
        continue;
      if (next == NULL || !g_str_has_prefix (text, next))
        g_error ("At x = %.2f the hover shows “%s”, not day %u or the one after", x, text,
                 reached);
      g_array_append_val (xs, x);
      reached++;
    }
  previous = days->days[reached - 1].date;
  g_assert_cmpuint (reached, ==, days->n_days);
  g_assert_cmpint (previous, ==, days->days[days->n_days - 1].date);

  /* Every day: the hover is one evaluation at that date; every 20th day, clicked. */
  for (guint i = 0; i < days->n_days; i++)
    {
      CcDate date = days->days[i].date;
      g_autoptr(CcAssessment) a = cc_assessor_evaluate (assessor, date);
      g_autofree char *phase = expected_verdict (a, &a->phase);
      g_autofree char *scenario = expected_verdict (a, &a->scenario);
      g_autofree char *head = g_strdup_printf ("%s\n%s · %s", format_date (date), phase,
                                               scenario);
      g_autofree char *text = NULL;
      double x = g_array_index (xs, double, i) + 0.1;

      g_assert_cmpint (a->as_of, ==, date);
      g_signal_emit_by_name (motion, "motion", x, 10.0);
      text = cc_side_panel_dup_shown_text (panel, "timeline-hover");
      if (!g_str_has_prefix (text, head))
        g_error ("Day %u: the hover shows “%s”, one evaluation gives “%s”", i, text, head);
      if (text[strlen (head)] != '\0')
        {
          const char *why = text + strlen (head);
          GPtrArray *reasons = cc_assessment_get_reasons (a, a->phase.leading);
          gboolean found = FALSE;

          g_assert_true (g_str_has_prefix (why, "\nWhy: "));
          why += strlen ("\nWhy: ");
          for (guint r = 0; r < reasons->len; r++)
            found |= g_str_equal (((CcReason *) g_ptr_array_index (reasons, r))->sentence, why);
          if (!found)
            g_error ("Day %u: the hover's reason “%s” is not one of the evaluation's", i, why);
        }

      if (i % 20 == 0 || i == days->n_days - 1)
        {
          CcTarget lead = a->phase.leading;
          g_autofree char *key = g_strdup_printf ("weight:%s", cc_target_to_string (lead));
          g_autofree char *weight = cc_format_weight (a->weight[lead]);

          g_signal_emit_by_name (click, "pressed", 1, x, 10.0);
          iterate (20);
          g_assert_cmpint (cc_side_panel_get_as_of (panel), ==, date);
          assert_shown (panel, key, weight);
          assert_shown (panel, "leading-phase", a->phase.headline);
          clicked++;
        }
    }
  g_assert_cmpuint (clicked, >=, 12);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate (50);
}

/* At the window's panel width (340 px at 1280x800) the event-study card's table fits without
 * widening the panel or scrolling sideways, and the full table opens in a dialog with every
 * column. */
static void
test_study_card_fits (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcDataset) dataset = cc_bundled_dataset_new (&error);
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  CcSidePanel *panel = cc_side_panel_new ();
  GtkWidget *view, *dialog = NULL, *dialog_view;
  g_autoptr(GListModel) toplevels = NULL;
  int min, nat;
  CcAnalysis *analysis;

  g_assert_no_error (error);
  gtk_widget_set_size_request (box, 340, -1);
  gtk_widget_set_vexpand (GTK_WIDGET (panel), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (panel));
  gtk_window_set_default_size (GTK_WINDOW (window), 340, 800);
  gtk_window_set_resizable (GTK_WINDOW (window), FALSE);
  adw_window_set_content (ADW_WINDOW (window), box);
  cc_side_panel_set_dataset (panel, dataset);
  gtk_window_present (GTK_WINDOW (window));
  iterate (300);

  analysis = cc_side_panel_get_analysis (panel);
  g_assert_nonnull (analysis);
  view = find_widget (GTK_WIDGET (panel), GTK_TYPE_COLUMN_VIEW);
  g_assert_nonnull (view);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (
                                                GTK_COLUMN_VIEW (view))), ==, 4);
  gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  g_test_message ("card table: min %d, natural %d, allocated %d; panel %d", min, nat,
                  gtk_widget_get_width (view), gtk_widget_get_width (GTK_WIDGET (panel)));
  {
    GtkWidget *content = find_widget (GTK_WIDGET (panel), GTK_TYPE_VIEWPORT);

    /* Which part would widen the panel, if one does. */
    for (GtkWidget *c = gtk_widget_get_first_child (gtk_widget_get_first_child (content)); c;
         c = gtk_widget_get_next_sibling (c))
      {
        gtk_widget_measure (c, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
        g_test_message ("%s %s: min %d", G_OBJECT_TYPE_NAME (c),
                        gtk_buildable_get_buildable_id (GTK_BUILDABLE (c)), min);
      }
  }
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (panel)), ==, 340);
  g_assert_cmpint (min, <=, gtk_widget_get_width (view));
  g_assert_cmpint (gtk_widget_get_width (view), <=, 340 - 4 * 12);
  /* No sideways scrolling anywhere between the table and the panel. */
  for (GtkWidget *w = gtk_widget_get_parent (view); w != GTK_WIDGET (panel);
       w = gtk_widget_get_parent (w))
    if (GTK_IS_SCROLLED_WINDOW (w))
      {
        GtkPolicyType h;

        gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (w), &h, NULL);
        g_assert_cmpint (h, ==, GTK_POLICY_NEVER);
      }

  /* The full table. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "side-panel.show-study", NULL));
  iterate (200);
  toplevels = gtk_window_get_toplevels ();
  g_object_ref (toplevels);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_window_get_title (w), "Event Study") == 0)
        dialog = GTK_WIDGET (w);
    }
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (dialog));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  dialog_view = find_widget (dialog, GTK_TYPE_COLUMN_VIEW);
  g_assert_nonnull (dialog_view);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (
                                                GTK_COLUMN_VIEW (dialog_view))), ==, 8);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (
                                                GTK_COLUMN_VIEW (dialog_view)))), ==,
                    analysis->rows->len);

  /* Closing the panel's window takes the dialog with it. */
  gtk_window_destroy (GTK_WINDOW (window));
  iterate (100);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      g_assert_cmpstr (gtk_window_get_title (w), !=, "Event Study");
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* The test accessibility backend keeps the accessible properties where the checks can read
   * them (and talks to no bus). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  /* The checks read English text and '.' decimals, whatever the tester's locale. */
  gtk_disable_setlocale ();

  if (!gtk_init_check ())
    {
      g_test_message ("No display: the ui suite needs one (run it under Xvfb)");
      return 77;
    }
  adw_init ();

  g_test_add_func ("/side-panel/shows-analysis", test_panel_shows_analysis);
  g_test_add_func ("/side-panel/matches-cli", test_panel_matches_cli);
  g_test_add_func ("/side-panel/empty-dataset", test_empty_dataset);
  g_test_add_func ("/side-panel/broken-user-rules", test_broken_user_rules);
  g_test_add_func ("/side-panel/verdict-ignores-event", test_verdict_ignores_event);
  g_test_add_func ("/side-panel/study-card-fits", test_study_card_fits);
  g_test_add_func ("/side-panel/as-of-in-place", test_as_of_in_place);
  g_test_add_func ("/side-panel/timeline-hover-click", test_timeline_hover_click);

  return g_test_run ();
}
