/* generate-dataset.c: rebuilds data/dataset/offline-series.csv, the offline dataset's event
 * window, from the anchor file and the recorded ^SOX response. Deterministic: the same inputs
 * give the same bytes (its own PRNG, seeded per symbol; no clock, no g_random).
 *
 * Usage: generate-dataset ANCHORS.json OUTPUT.csv
 *
 * How a series is built (data/dataset/README.md says more): every symbol gets a list of knots,
 * points whose value is fixed: the first bar, a few design levels of our own choosing (listed
 * below and marked reconstructed), the anchors (reported figures, marked anchored) and the real
 * ^SOX bars (observed). Between two knots the path follows beta times the ^SOX daily log return
 * plus the symbol's own Gaussian noise, bent linearly (a Brownian bridge) so it lands exactly on
 * the next knot. After the last knot it runs free.
 */
#define G_LOG_DOMAIN "generate-dataset"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cc-catalogue.h"
#include "cc-date.h"
#include "cc-series.h"

#define MAX_DESIGN_KNOTS 6
#define MAX_ATTEMPTS     400

/* Reconstruction choices, not reported figures: the first level, the sensitivity to ^SOX, the
 * size of the symbol's own daily moves, and a few levels that give the year a plausible shape
 * (a ^SOX rally into June and a slide after the event; memory already up strongly by the end of
 * 2025). Everything here comes out labelled "reconstructed". */
typedef struct {
  const char *date;
  double      level;
} DesignKnot;

typedef struct {
  const char  *symbol;
  CcLevelKind  level_kind;
  double       start;
  double       beta;
  double       vol;
  DesignKnot   knots[MAX_DESIGN_KNOTS];
} SymbolDesign;

static const SymbolDesign designs[] = {
  { "^SOX", CC_LEVEL_PRICE, 6743.18, 0.0, 0.021,
    { { "2025-12-31", 7418.62 }, { "2026-03-31", 10153.37 }, { "2026-06-30", 14381.94 },
      { "2026-08-05", 10638.71 } } },
  { "MU",   CC_LEVEL_INDEX, 100.0, 1.35, 0.024, { { "2025-12-31", 152.0 } } },
  { "SNDK", CC_LEVEL_INDEX, 100.0, 1.45, 0.030, { { "2025-12-31", 214.0 } } },
  { "NVDA", CC_LEVEL_INDEX, 100.0, 0.95, 0.016 },
  { "AMD",  CC_LEVEL_INDEX, 100.0, 1.15, 0.022 },
  { "TSM",  CC_LEVEL_INDEX, 100.0, 0.90, 0.015 },
  { "AVGO", CC_LEVEL_INDEX, 100.0, 1.00, 0.018 },
  { "KLAC", CC_LEVEL_INDEX, 100.0, 1.15, 0.016 },
  { "LRCX", CC_LEVEL_INDEX, 100.0, 1.25, 0.019 },
  { "AMAT", CC_LEVEL_INDEX, 100.0, 1.15, 0.017 },
  { "CRWV", CC_LEVEL_INDEX, 100.0, 1.50, 0.042 },
  { "NBIS", CC_LEVEL_INDEX, 100.0, 1.45, 0.040 },
  { "IREN", CC_LEVEL_INDEX, 100.0, 1.30, 0.048 },
  { "CORZ", CC_LEVEL_INDEX, 100.0, 1.05, 0.038 },
  { "WULF", CC_LEVEL_INDEX, 100.0, 1.25, 0.046 },
  { "META", CC_LEVEL_PRICE, 714.63, 0.45, 0.016 },
};

typedef enum {
  KNOT_NONE,
  KNOT_ABSOLUTE,   /* a fixed level */
  KNOT_RELATIVE,   /* the level at @from times @ratio */
  KNOT_FREE,       /* wherever the path arrives: a base for a relative knot */
} KnotKind;

typedef struct {
  KnotKind     kind;
  CcProvenance provenance;
  guint8       flags;
  double       value;       /* absolute level */
  guint        from;        /* relative: index of the base */
  double       ratio;
  gboolean     exact;       /* observed: write every digit, not rounded */
} Knot;

typedef struct {
  const SymbolDesign *design;
  GArray             *days;        /* CcDate */
  Knot               *knots;
  double             *values;      /* as written (rounded) */
  double              lower, upper;  /* bounds from min-close / max-close anchors, or 0 */
} Build;

/* splitmix64 (Steele, Lea, Flood 2014): tiny, fast and the same everywhere. */
static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static double
uniform01 (guint64 *state)
{
  /* (0, 1]: never 0, so log() below is finite. */
  return ((splitmix64 (state) >> 11) + 1) * (1.0 / 9007199254740992.0);
}

static double
gaussian (guint64 *state)
{
  double u1 = uniform01 (state);
  double u2 = uniform01 (state);

  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

static guint64
hash_symbol (const char *symbol)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  for (const char *p = symbol; *p; p++)
    h = (h ^ (guchar) *p) * G_GUINT64_CONSTANT (0x100000001b3);
  return h;
}

G_GNUC_NORETURN G_GNUC_PRINTF (1, 2)
static void
die (const char *format,
     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("generate-dataset: %s\n", message);
  exit (EXIT_FAILURE);
}

static CcDate
parse_date_or_die (const char *text,
                   const char *what)
{
  CcDate date;

  if (text == NULL || !cc_date_parse_iso (text, &date))
    die ("%s: “%s” is not a date", what, text ? text : "(missing)");
  return date;
}

static int
day_index (GArray *days,
           CcDate  date)
{
  guint lo = 0, hi = days->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      CcDate d = g_array_index (days, CcDate, mid);

      if (d == date)
        return (int) mid;
      if (d < date)
        lo = mid + 1;
      else
        hi = mid;
    }
  return -1;
}

static guint
day_index_or_die (GArray     *days,
                  const char *text,
                  const char *what)
{
  int i = day_index (days, parse_date_or_die (text, what));

  if (i < 0)
    die ("%s: %s is not a trading day in the window", what, text);
  return (guint) i;
}

static double
round_to (double value,
          int    decimals)
{
  char buf[64];

  g_ascii_formatd (buf, sizeof buf, decimals == 2 ? "%.2f" : "%.4f", value);
  return g_ascii_strtod (buf, NULL);
}

static int
decimals_for (const SymbolDesign *design)
{
  return design->level_kind == CC_LEVEL_PRICE ? 2 : 4;
}

/* Reads the observed bars of a Yahoo v8 chart response into @build's knots. */
static void
add_observed (Build      *build,
              const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  JsonObject *result, *meta, *quote;
  JsonArray *timestamps, *closes;
  gint64 market_time, regular_end;
  guint n;

  if (!json_parser_load_from_file (parser, path, &error))
    die ("%s: %s", path, error->message);

  result = json_array_get_object_element (
    json_object_get_array_member (
      json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                     "chart"), "result"), 0);
  meta = json_object_get_object_member (result, "meta");
  timestamps = json_object_get_array_member (result, "timestamp");
  quote = json_array_get_object_element (
    json_object_get_array_member (json_object_get_object_member (result, "indicators"),
                                  "quote"), 0);
  closes = json_object_get_array_member (quote, "close");
  zone = g_time_zone_new_identifier (json_object_get_string_member (meta,
                                                                    "exchangeTimezoneName"));
  if (zone == NULL)
    die ("%s: unknown exchange time zone", path);

  market_time = json_object_get_int_member (meta, "regularMarketTime");
  regular_end = json_object_get_int_member (
    json_object_get_object_member (json_object_get_object_member (meta, "currentTradingPeriod"),
                                   "regular"), "end");

  n = json_array_get_length (timestamps);
  if (n == 0 || n != json_array_get_length (closes))
    die ("%s: timestamps and closes differ in number", path);

  for (guint i = 0; i < n; i++)
    {
      gint64 t = json_array_get_int_element (timestamps, i);
      CcDate date = cc_date_from_unix_in_zone (t, zone);
      int idx = day_index (build->days, date);
      Knot *knot;

      if (idx < 0)
        die ("%s: bar %u is not a trading day in the window", path, i);
      knot = &build->knots[idx];
      knot->kind = KNOT_ABSOLUTE;
      knot->provenance = CC_PROVENANCE_OBSERVED;
      knot->value = json_array_get_double_element (closes, i);
      knot->exact = TRUE;
      /* The response was captured during the last session: that close is provisional. */
      if (i == n - 1 && market_time < regular_end && t <= market_time)
        knot->flags = CC_POINT_FLAG_UNFINISHED;
    }
}

static void
set_absolute (Knot         *knot,
              double        value,
              CcProvenance  provenance)
{
  knot->kind = KNOT_ABSOLUTE;
  knot->value = value;
  knot->provenance = provenance;
}

static void
require_member (JsonObject *object,
                guint       index,
                const char *member,
                GType       type)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      (type == G_TYPE_STRING && json_node_get_value_type (node) != G_TYPE_STRING) ||
      (type == G_TYPE_DOUBLE && json_node_get_value_type (node) != G_TYPE_DOUBLE &&
       json_node_get_value_type (node) != G_TYPE_INT64))
    die ("anchors: entry %u: “%s” is missing or not a %s", index + 1, member,
         type == G_TYPE_STRING ? "string" : "number");
}

/* Checks the anchor file's shape up front, so the rest can read it without checks. */
static void
validate_anchors (JsonArray *anchors)
{
  for (guint i = 0; i < json_array_get_length (anchors); i++)
    {
      JsonNode *node = json_array_get_element (anchors, i);
      JsonObject *anchor;
      const char *kind;
      gboolean has_bound = FALSE;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        die ("anchors: entry %u is not an object", i + 1);
      anchor = json_node_get_object (node);
      require_member (anchor, i, "id", G_TYPE_STRING);
      require_member (anchor, i, "symbol", G_TYPE_STRING);
      require_member (anchor, i, "kind", G_TYPE_STRING);
      require_member (anchor, i, "source", G_TYPE_STRING);
      require_member (anchor, i, "tolerance", G_TYPE_DOUBLE);
      kind = json_object_get_string_member (anchor, "kind");
      if (g_str_equal (kind, "close"))
        require_member (anchor, i, "date", G_TYPE_STRING);
      else if (g_str_equal (kind, "return") || g_str_equal (kind, "max-close") ||
               g_str_equal (kind, "min-close"))
        {
          require_member (anchor, i, "from", G_TYPE_STRING);
          require_member (anchor, i, "to", G_TYPE_STRING);
          if (!g_str_equal (kind, "return"))
            require_member (anchor, i, "place-on", G_TYPE_STRING);
        }
      else
        die ("anchors: entry %u: unknown kind “%s”", i + 1, kind);
      for (guint m = 0; m < 4; m++)
        {
          const char *member = (const char *[]) { "value", "target", "min", "max" }[m];

          if (json_object_has_member (anchor, member))
            {
              require_member (anchor, i, member, G_TYPE_DOUBLE);
              has_bound = TRUE;
            }
        }
      if (!has_bound)
        die ("anchors: entry %u: no value, target, min or max", i + 1);
    }
}

static gboolean
anchor_has (JsonObject *anchor,
            const char *member)
{
  return json_object_has_member (anchor, member);
}

static double
anchor_target (JsonObject *anchor,
               gboolean   *has_target)
{
  *has_target = TRUE;
  if (anchor_has (anchor, "value"))
    return json_object_get_double_member (anchor, "value");
  if (anchor_has (anchor, "target"))
    return json_object_get_double_member (anchor, "target");
  *has_target = FALSE;
  return 0;
}

static void
apply_anchor (Build      *build,
              JsonObject *anchor)
{
  const char *id = json_object_get_string_member (anchor, "id");
  const char *kind = json_object_get_string_member (anchor, "kind");
  gboolean has_target;
  double target = anchor_target (anchor, &has_target);

  if (g_strcmp0 (kind, "close") == 0)
    {
      guint i = day_index_or_die (build->days, json_object_get_string_member (anchor, "date"),
                                  id);
      set_absolute (&build->knots[i], target, CC_PROVENANCE_ANCHORED);
    }
  else if (g_strcmp0 (kind, "max-close") == 0 || g_strcmp0 (kind, "min-close") == 0)
    {
      guint i = day_index_or_die (build->days,
                                  json_object_get_string_member (anchor, "place-on"), id);
      set_absolute (&build->knots[i], target, CC_PROVENANCE_ANCHORED);
      if (kind[1] == 'a')
        build->upper = target;
      else
        build->lower = target;
    }
  else if (g_strcmp0 (kind, "return") == 0)
    {
      guint from = day_index_or_die (build->days, json_object_get_string_member (anchor, "from"),
                                     id);
      guint to = day_index_or_die (build->days, json_object_get_string_member (anchor, "to"), id);
      Knot *kf = &build->knots[from];
      Knot *kt = &build->knots[to];

      if (to <= from)
        die ("%s: “to” must be later than “from”", id);
      if (!has_target)
        return;   /* a bound that another anchor already fixes; only checked */
      for (guint i = from + 1; i < to; i++)
        if (build->knots[i].kind != KNOT_NONE)
          die ("%s: another fixed point lies between “from” and “to”", id);

      if (kt->kind == KNOT_ABSOLUTE && kf->kind == KNOT_NONE)
        {
          /* Both the level and the move are reported: the base follows from them. */
          set_absolute (kf, kt->value / (1.0 + target), CC_PROVENANCE_ANCHORED);
        }
      else if (kt->kind == KNOT_NONE || kt->kind == KNOT_FREE)
        {
          kt->kind = KNOT_RELATIVE;
          kt->from = from;
          kt->ratio = 1.0 + target;
          kt->provenance = CC_PROVENANCE_ANCHORED;
          if (kf->kind == KNOT_NONE)
            {
              kf->kind = KNOT_FREE;
              kf->provenance = CC_PROVENANCE_RECONSTRUCTED;
            }
        }
      else if (kf->kind != KNOT_NONE)
        return;   /* both ends already fixed by other anchors: checked afterwards */
      else
        die ("%s: conflicts with another anchor on the same day", id);
    }
  else
    die ("%s: unknown kind “%s”", id, kind ? kind : "(missing)");
}

/* Fills values[i0+1 .. i1] from values[i0]: the beta-to-SOX path plus noise, bridged to
 * @target (log level) when @bridge. Returns FALSE when a point leaves the bounds. */
static gboolean
fill_segment (Build        *build,
              const double *sox_log_returns,
              guint         i0,
              guint         i1,
              gboolean      bridge,
              double        target,
              guint         attempt,
              double        noise_scale)
{
  const SymbolDesign *design = build->design;
  guint64 state = hash_symbol (design->symbol) ^
                  ((guint64) i1 * G_GUINT64_CONSTANT (0x2545F4914F6CDD1D)) ^
                  ((guint64) attempt << 40);
  double start = log (build->values[i0]);
  double cumulative = 0;
  double *path = g_newa (double, i1 - i0 + 1);
  double correction;
  int decimals = decimals_for (design);

  path[0] = 0;
  for (guint t = i0 + 1; t <= i1; t++)
    {
      double step = design->vol * noise_scale * gaussian (&state);

      if (sox_log_returns != NULL)
        step += design->beta * sox_log_returns[t];
      cumulative += step;
      path[t - i0] = cumulative;
    }

  correction = bridge ? (target - start) - cumulative : 0;
  for (guint t = i0 + 1; t <= i1; t++)
    {
      double frac = (double) (t - i0) / (double) (i1 - i0);
      double value = round_to (exp (start + path[t - i0] + frac * correction), decimals);

      if (t < i1 || !bridge)
        {
          if (build->upper > 0 && value >= build->upper)
            return FALSE;
          if (build->lower > 0 && value <= build->lower)
            return FALSE;
        }
      build->values[t] = value;
    }
  return TRUE;
}

static void
build_series (Build        *build,
              const double *sox_log_returns)
{
  const SymbolDesign *design = build->design;
  guint n = build->days->len;
  guint i0 = 0;
  int decimals = decimals_for (design);

  g_assert (build->knots[0].kind == KNOT_ABSOLUTE);
  build->values[0] = build->knots[0].exact ? build->knots[0].value
                                           : round_to (build->knots[0].value, decimals);

  while (i0 < n - 1)
    {
      guint i1 = i0 + 1;
      gboolean bridge;
      double target = 0;
      double scale = 1.0;
      gboolean ok = FALSE;

      while (i1 < n - 1 && build->knots[i1].kind == KNOT_NONE)
        i1++;

      switch (build->knots[i1].kind)
        {
        case KNOT_ABSOLUTE:
          bridge = TRUE;
          target = log (build->knots[i1].value);
          break;
        case KNOT_RELATIVE:
          if (build->knots[i1].from != i0)
            die ("%s: a relative anchor must start at the fixed point before it",
                 design->symbol);
          bridge = TRUE;
          target = log (build->values[i0] * build->knots[i1].ratio);
          break;
        case KNOT_FREE:
        case KNOT_NONE:
        default:
          bridge = FALSE;
          break;
        }

      /* Retry with other noise, then with less, until the path respects the bounds; with no
       * noise at all the bridge is monotonic between two knots that respect them. */
      while (!ok)
        {
          for (guint attempt = 0; attempt < MAX_ATTEMPTS && !ok; attempt++)
            ok = fill_segment (build, sox_log_returns, i0, i1, bridge, target, attempt, scale);
          if (!ok)
            {
              scale = scale > 0.05 ? scale * 0.5 : 0;
              if (scale == 0)
                ok = fill_segment (build, sox_log_returns, i0, i1, bridge, target, 0, 0);
            }
          if (!ok && scale == 0)
            die ("%s: cannot keep the path within its bounds", design->symbol);
        }

      /* Knots hit exactly: observed closes keep every digit. */
      if (build->knots[i1].kind == KNOT_ABSOLUTE)
        build->values[i1] = build->knots[i1].exact ? build->knots[i1].value
                                                   : round_to (build->knots[i1].value, decimals);
      i0 = i1;
    }
}

/* Every anchor must hold in the values as written; the test suite checks the same. */
static void
check_anchor (Build      *build,
              JsonObject *anchor)
{
  const char *id = json_object_get_string_member (anchor, "id");
  const char *kind = json_object_get_string_member (anchor, "kind");
  double tolerance = json_object_get_double_member (anchor, "tolerance");
  double actual;
  gboolean has_target;
  double target = anchor_target (anchor, &has_target);

  if (g_strcmp0 (kind, "close") == 0)
    actual = build->values[day_index_or_die (build->days,
                                             json_object_get_string_member (anchor, "date"),
                                             id)];
  else if (g_strcmp0 (kind, "return") == 0)
    {
      guint from = day_index_or_die (build->days, json_object_get_string_member (anchor, "from"),
                                     id);
      guint to = day_index_or_die (build->days, json_object_get_string_member (anchor, "to"), id);
      actual = build->values[to] / build->values[from] - 1.0;
    }
  else
    {
      guint from = day_index_or_die (build->days, json_object_get_string_member (anchor, "from"),
                                     id);
      guint to = day_index_or_die (build->days, json_object_get_string_member (anchor, "to"), id);
      actual = build->values[from];
      for (guint i = from; i <= to; i++)
        actual = kind[1] == 'a' ? MAX (actual, build->values[i]) : MIN (actual, build->values[i]);
    }

  if (has_target && fabs (actual - target) > tolerance)
    die ("%s (%s): %.6f, expected %.6f", id, build->design->symbol, actual, target);
  if (anchor_has (anchor, "min") && actual < json_object_get_double_member (anchor, "min"))
    die ("%s: %.6f is below its minimum", id, actual);
  if (anchor_has (anchor, "max") && actual > json_object_get_double_member (anchor, "max"))
    die ("%s: %.6f is above its maximum", id, actual);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) days = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(CcCatalogue) catalogue = cc_catalogue_new_default ();
  g_autofree char *anchors_dir = NULL;
  g_autofree double *sox_log_returns = NULL;
  JsonObject *root, *window;
  JsonArray *anchors, *observed;
  Build builds[G_N_ELEMENTS (designs)];
  CcDate first, last;

  if (argc != 3)
    {
      g_printerr ("usage: %s ANCHORS.json OUTPUT.csv\n", argv[0]);
      return EXIT_FAILURE;
    }

  if (!json_parser_load_from_file (parser, argv[1], &error))
    die ("%s", error->message);
  anchors_dir = g_path_get_dirname (argv[1]);
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    die ("%s: not a JSON object", argv[1]);
  root = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (root, "window") || !json_object_has_member (root, "anchors") ||
      !json_object_has_member (root, "observed"))
    die ("%s: needs “window”, “anchors” and “observed”", argv[1]);
  window = json_object_get_object_member (root, "window");
  first = parse_date_or_die (json_object_get_string_member (window, "first"), "window.first");
  last = parse_date_or_die (json_object_get_string_member (window, "last"), "window.last");
  anchors = json_object_get_array_member (root, "anchors");
  observed = json_object_get_array_member (root, "observed");
  if (anchors == NULL || observed == NULL)
    die ("%s: “anchors” and “observed” must be lists", argv[1]);
  validate_anchors (anchors);
  days = cc_calendar_trading_days (first, last);
  if (days->len < 2)
    die ("the window holds fewer than two trading days");

  /* ^SOX first: every other symbol follows its daily moves. */
  for (guint s = 0; s < G_N_ELEMENTS (designs); s++)
    {
      Build *build = &builds[s];
      const SymbolDesign *design = &designs[s];

      if (cc_catalogue_lookup (catalogue, design->symbol) == NULL)
        die ("%s is not in the default catalogue", design->symbol);

      build->design = design;
      build->days = days;
      build->knots = g_new0 (Knot, days->len);
      build->values = g_new0 (double, days->len);
      build->lower = build->upper = 0;

      set_absolute (&build->knots[0], design->start, CC_PROVENANCE_RECONSTRUCTED);
      for (guint k = 0; k < MAX_DESIGN_KNOTS && design->knots[k].date; k++)
        set_absolute (&build->knots[day_index_or_die (days, design->knots[k].date,
                                                      design->symbol)],
                      design->knots[k].level, CC_PROVENANCE_RECONSTRUCTED);

      for (guint i = 0; i < json_array_get_length (observed); i++)
        {
          JsonObject *o = json_array_get_object_element (observed, i);

          if (g_strcmp0 (json_object_get_string_member (o, "symbol"), design->symbol) == 0)
            {
              g_autofree char *path = g_build_filename (anchors_dir,
                                                        json_object_get_string_member (o, "file"),
                                                        NULL);
              add_observed (build, path);
            }
        }
      /* Levels first, then moves: a move next to a reported level fixes the level's base. */
      for (guint pass = 0; pass < 2; pass++)
        for (guint i = 0; i < json_array_get_length (anchors); i++)
          {
            JsonObject *a = json_array_get_object_element (anchors, i);
            gboolean is_return = g_strcmp0 (json_object_get_string_member (a, "kind"),
                                             "return") == 0;

            if (g_strcmp0 (json_object_get_string_member (a, "symbol"), design->symbol) == 0 &&
                is_return == (pass == 1))
              apply_anchor (build, a);
          }

      build_series (build, s == 0 ? NULL : sox_log_returns);

      if (s == 0)
        {
          sox_log_returns = g_new0 (double, days->len);
          for (guint i = 1; i < days->len; i++)
            sox_log_returns[i] = log (build->values[i] / build->values[i - 1]);
        }

      for (guint i = 0; i < json_array_get_length (anchors); i++)
        {
          JsonObject *a = json_array_get_object_element (anchors, i);

          if (g_strcmp0 (json_object_get_string_member (a, "symbol"), design->symbol) == 0)
            check_anchor (build, a);
        }
    }

  g_string_append (out,
    "# Chip Cycle offline dataset: daily closes of the event window, one row per symbol and\n"
    "# NYSE trading day. Generated by tools/generate-dataset from data/dataset/anchors.json;\n"
    "# do not edit by hand. Format and method: data/dataset/README.md.\n"
    "# provenance: observed = a real close from a recorded provider response; anchored = set by\n"
    "# a reported figure (anchors.json names it); reconstructed = filled in by the generator,\n"
    "# an estimate, not market data. level: price = a real price level; index = 100 at the\n"
    "# first bar, because no price level is known for the symbol.\n"
    "date,symbol,level,close,provenance,flags\n");

  for (guint s = 0; s < G_N_ELEMENTS (designs); s++)
    {
      Build *build = &builds[s];
      int decimals = decimals_for (build->design);

      for (guint i = 0; i < days->len; i++)
        {
          const Knot *knot = &build->knots[i];
          CcProvenance provenance = CC_PROVENANCE_RECONSTRUCTED;
          char date[11];
          char number[G_ASCII_DTOSTR_BUF_SIZE];

          if (knot->kind == KNOT_ABSOLUTE || knot->kind == KNOT_RELATIVE)
            provenance = knot->provenance;
          cc_date_format_iso (g_array_index (days, CcDate, i), date);
          if (knot->exact)
            g_ascii_dtostr (number, sizeof number, build->values[i]);
          else
            g_ascii_formatd (number, sizeof number, decimals == 2 ? "%.2f" : "%.4f",
                             build->values[i]);
          g_string_append_printf (out, "%s,%s,%s,%s,%s,%s\n", date, build->design->symbol,
                                  build->design->level_kind == CC_LEVEL_PRICE ? "price" : "index",
                                  number, cc_provenance_to_string (provenance),
                                  knot->flags & CC_POINT_FLAG_UNFINISHED ? "unfinished" : "");
        }
      g_free (build->knots);
      g_free (build->values);
    }

  if (!g_file_set_contents (argv[2], out->str, out->len, &error))
    die ("%s", error->message);
  return EXIT_SUCCESS;
}
