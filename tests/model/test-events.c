/* test-events.c: CcEvent properties, spans, labels, enum strings and equality. The events file
 * is tested in tests/providers/test-events-file.c. */
#include "config.h"

#include <locale.h>

#include "cc-event.h"

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_properties_notify (void)
{
  g_autoptr(CcEvent) event = cc_event_new (cc_date_from_ymd (2026, 7, 1),
                                           CC_EVENT_PRECISION_DAY, "Meta Compute");
  const char *tags[] = { "meta", "cloud", NULL };
  guint count = 0;

  g_signal_connect (event, "notify", G_CALLBACK (count_notify_cb), &count);

  cc_event_set_title (event, "Meta Compute");
  cc_event_set_category (event, CC_EVENT_CATEGORY_USER);
  cc_event_set_hidden (event, FALSE);
  cc_event_set_date (event, cc_date_from_ymd (2026, 7, 1));
  g_assert_cmpuint (count, ==, 0);

  cc_event_set_title (event, "Meta Compute launch");
  g_assert_cmpuint (count, ==, 1);
  cc_event_set_tags (event, tags);
  g_assert_cmpuint (count, ==, 2);
  cc_event_set_tags (event, tags);
  g_assert_cmpuint (count, ==, 2);
  g_assert_true (cc_event_has_tag (event, "cloud"));
  g_assert_false (cc_event_has_tag (event, "memory"));

  cc_event_set_signal (event, CC_MONITOR_CAPEX, CC_SIGNAL_NEGATIVE, "overbuilt");
  g_assert_cmpuint (count, ==, 5);
  cc_event_set_signal (event, CC_MONITOR_CAPEX, CC_SIGNAL_NEGATIVE, "overbuilt");
  g_assert_cmpuint (count, ==, 5);

  g_object_set (event, "hidden", TRUE, NULL);
  g_assert_true (cc_event_get_hidden (event));
  g_assert_cmpuint (count, ==, 6);
  g_object_set (event, "hidden", TRUE, NULL);
  g_assert_cmpuint (count, ==, 6);

  /* The id is generated from the date and title when none is given. */
  g_assert_cmpstr (cc_event_get_id (event), ==, "2026-07-01-meta-compute-launch");
}

static void
test_precision_span (void)
{
  g_autoptr(CcEvent) event = cc_event_new (cc_date_from_ymd (2026, 5, 19),
                                           CC_EVENT_PRECISION_MONTH, "Annual meeting");
  CcDate first, last;

  g_assert_cmpint (cc_event_get_date (event), ==, cc_date_from_ymd (2026, 5, 1));
  cc_event_get_span (event, &first, &last);
  g_assert_cmpint (first, ==, cc_date_from_ymd (2026, 5, 1));
  g_assert_cmpint (last, ==, cc_date_from_ymd (2026, 5, 31));

  cc_event_set_date (event, cc_date_from_ymd (2026, 2, 14));
  cc_event_set_precision (event, CC_EVENT_PRECISION_QUARTER);
  g_assert_cmpint (cc_event_get_date (event), ==, cc_date_from_ymd (2026, 1, 1));
  cc_event_get_span (event, &first, &last);
  g_assert_cmpint (last, ==, cc_date_from_ymd (2026, 3, 31));

  cc_event_set_precision (event, CC_EVENT_PRECISION_DAY);
  cc_event_get_span (event, &first, &last);
  g_assert_cmpint (first, ==, last);
}

static void
test_format_when (void)
{
  g_autoptr(CcEvent) day = cc_event_new (cc_date_from_ymd (2026, 7, 1),
                                         CC_EVENT_PRECISION_DAY, "a");
  g_autoptr(CcEvent) month = cc_event_new (cc_date_from_ymd (2026, 5, 1),
                                           CC_EVENT_PRECISION_MONTH, "b");
  g_autoptr(CcEvent) quarter = cc_event_new (cc_date_from_ymd (2026, 2, 1),
                                             CC_EVENT_PRECISION_QUARTER, "c");
  g_autofree char *day_text = NULL;
  g_autofree char *month_text = NULL;
  g_autofree char *quarter_text = NULL;

  day_text = cc_event_format_when (day);
  month_text = cc_event_format_when (month);
  quarter_text = cc_event_format_when (quarter);
  g_assert_cmpstr (day_text, ==, "1 Jul 2026");
  g_assert_cmpstr (month_text, ==, "May 2026");
  g_assert_cmpstr (quarter_text, ==, "Q1 2026");
}

static void
test_enum_strings (void)
{
  for (guint c = 0; c < CC_N_EVENT_CATEGORIES; c++)
    {
      CcEventCategory parsed;

      g_assert_true (cc_event_category_from_string (cc_event_category_to_string (c), &parsed));
      g_assert_cmpint (parsed, ==, c);
      g_assert_nonnull (cc_event_category_get_label (c));
    }
  for (guint m = 0; m < CC_N_MONITORS; m++)
    {
      CcMonitor parsed;

      g_assert_true (cc_monitor_from_string (cc_monitor_to_string (m), &parsed));
      g_assert_cmpint (parsed, ==, m);
    }
  g_assert_cmpstr (cc_event_category_to_string (CC_EVENT_CATEGORY_DATA_RELEASE), ==,
                   "data-release");
  g_assert_cmpstr (cc_monitor_to_string (CC_MONITOR_MEMORY_PRICES), ==, "memory-prices");
  g_assert_false (cc_signal_stance_from_string ("bullish", NULL));
  g_assert_false (cc_event_precision_from_string (NULL, NULL));
  /* The counts are not values of the GEnum types. */
  g_assert_false (cc_event_category_from_string ("n-event-categories", NULL));
  g_assert_false (cc_monitor_from_string ("n-monitors", NULL));
}

/* The GEnum types are generated (glib-mkenums); their nicks are the file format's strings. */
static void
test_enum_types (void)
{
  g_autoptr(GEnumClass) categories = g_type_class_ref (CC_TYPE_EVENT_CATEGORY);
  g_autoptr(GEnumClass) monitors = g_type_class_ref (CC_TYPE_MONITOR);
  GEnumValue *value;

  g_assert_cmpstr (g_type_name (CC_TYPE_EVENT_CATEGORY), ==, "CcEventCategory");
  g_assert_cmpuint (categories->n_values, ==, CC_N_EVENT_CATEGORIES);
  value = g_enum_get_value (categories, CC_EVENT_CATEGORY_CYCLE_TROUGH);
  g_assert_cmpstr (value->value_nick, ==, "cycle-trough");
  g_assert_cmpuint (monitors->n_values, ==, CC_N_MONITORS);
  value = g_enum_get_value (monitors, CC_MONITOR_MINER_CONTRACTS);
  g_assert_cmpstr (value->value_nick, ==, "miner-contracts");
  g_assert_cmpstr (cc_event_precision_to_string (CC_EVENT_PRECISION_QUARTER), ==, "quarter");
  g_assert_cmpstr (cc_signal_stance_to_string (CC_SIGNAL_POSITIVE), ==, "positive");
}

/* cc_event_equal() compares every field: a copy is equal, any one change is not. */
static void
test_equal (void)
{
  g_autoptr(CcEvent) event = cc_event_new (cc_date_from_ymd (2026, 7, 1),
                                           CC_EVENT_PRECISION_DAY, "Meta Compute");
  const char *tags[] = { "meta", NULL };

  cc_event_set_tags (event, tags);
  cc_event_set_signal (event, CC_MONITOR_CAPEX, CC_SIGNAL_NEGATIVE, "note");
  for (guint change = 0; change <= 8; change++)
    {
      g_autoptr(CcEvent) copy = cc_event_copy (event);
      const char *other_tags[] = { "meta", "cloud", NULL };

      g_assert_true (cc_event_equal (event, copy));
      switch (change)
        {
        case 0: cc_event_set_title (copy, "Meta Compute!"); break;
        case 1: cc_event_set_date (copy, cc_date_from_ymd (2026, 7, 2)); break;
        case 2: cc_event_set_precision (copy, CC_EVENT_PRECISION_MONTH); break;
        case 3: cc_event_set_tags (copy, other_tags); break;
        case 4: cc_event_set_signal (copy, CC_MONITOR_CAPEX, CC_SIGNAL_POSITIVE, "note"); break;
        case 5: cc_event_set_signal (copy, CC_MONITOR_CAPEX, CC_SIGNAL_NEGATIVE, "other"); break;
        case 6: cc_event_set_hidden (copy, TRUE); break;
        case 7: cc_event_set_id (copy, "another-id"); break;
        case 8: cc_event_set_description (copy, "words"); break;
        default: g_assert_not_reached ();
        }
      g_assert_false (cc_event_equal (event, copy));
    }
}

int
main (int   argc,
      char *argv[])
{
  /* Dates are formatted in the C locale here so the expected strings are fixed. */
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/events/properties-notify", test_properties_notify);
  g_test_add_func ("/events/precision-span", test_precision_span);
  g_test_add_func ("/events/format-when", test_format_when);
  g_test_add_func ("/events/enum-strings", test_enum_strings);
  g_test_add_func ("/events/enum-types", test_enum_types);
  g_test_add_func ("/events/equal", test_equal);

  return g_test_run ();
}
