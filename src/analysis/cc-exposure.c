/* cc-exposure.c: a portfolio measured against the loaded data (see cc-exposure.h). */
#define G_LOG_DOMAIN "cc-exposure"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cc-analysis.h"
#include "cc-event-study.h"
#include "cc-exposure.h"
#include "cc-json-builder.h"

typedef struct {
  const CcHolding *holding;
  CcSeries        *series;
  CcExposureGroup  group;
  double           fixed_weight;
  int              index;       /* the point of the current common day */
} Member;

char *
cc_format_amount (double      amount,
                  const char *currency)
{
  g_autofree char *digits = NULL;
  GString *out;
  const char *p;
  int n_int;

  if (!isfinite (amount))
    return g_strdup ("—");
  digits = g_strdup_printf ("%.2f", fabs (amount));
  out = g_string_new (amount < 0 ? "-" : amount > 0 ? "+" : "");
  n_int = (int) (strchr (digits, '.') - digits);
  for (p = digits; *p != '.'; p++)
    {
      g_string_append_c (out, *p);
      n_int--;
      if (n_int > 0 && n_int % 3 == 0)
        g_string_append_c (out, ',');
    }
  g_string_append (out, p);
  if (currency)
    g_string_append_printf (out, " %s", currency);
  return g_string_free (out, FALSE);
}

char *
cc_format_beta (double beta)
{
  if (!isfinite (beta))
    return g_strdup ("—");
  return cc_format_number (beta, 2, FALSE);
}

static char *
format_share (double fraction)
{
  return cc_format_percent (fraction * 100, 1, FALSE);
}

static void
holding_free (CcExposureHolding *holding)
{
  g_free (holding->ticker);
  g_free (holding);
}

void
cc_exposure_free (CcExposure *e)
{
  if (e == NULL)
    return;
  g_free (e->problem);
  g_free (e->name);
  g_clear_object (&e->series);
  g_free (e->weighting_sentence);
  g_ptr_array_unref (e->notes);
  g_ptr_array_unref (e->holdings);
  g_free (e->currency);
  g_free (e->provenance_sentence);
  g_free (e->group_sentence);
  g_free (e->beta_sentence);
  g_free (e->concentration_sentence);
  g_free (e->event_sentence);
  for (guint s = 0; s < CC_N_SCENARIOS; s++)
    g_free (e->scenario_sentence[s]);
  g_free (e->expectation_sentence);
  for (guint i = 0; i < e->n_history; i++)
    g_free (e->history[i].sentence);
  g_free (e->answer);
  g_free (e->scenarios_source);
  g_free (e);
}

static int
compare_weight_desc (gconstpointer a,
                     gconstpointer b)
{
  const CcExposureHolding *ha = *(CcExposureHolding * const *) a;
  const CcExposureHolding *hb = *(CcExposureHolding * const *) b;

  if (ha->weight != hb->weight)
    return ha->weight > hb->weight ? -1 : 1;
  return strcmp (ha->ticker, hb->ticker);
}

/* "NVDA (line 3)" or "NVDA" */
static char *
name_position (const CcHolding *holding)
{
  if (holding->line > 0)
    /* Translators: a ticker and the line of the imported file it came from */
    return g_strdup_printf (_("%s (line %u)"), holding->ticker, holding->line);
  return g_strdup (holding->ticker);
}

/* Whether shares of @series can be valued at its closes: a price, not an index level. An
 * index such as ^SOX carries price-like points but is no security one holds shares of. */
static gboolean
is_price (CcSeries *series)
{
  return cc_series_get_level_kind (series) == CC_LEVEL_PRICE &&
         cc_series_get_symbol (series)[0] != '^' && cc_series_get_currency (series) != NULL;
}

static void
compute_weighting (CcExposure  *e,
                   CcPortfolio *portfolio,
                   GArray      *members)
{
  gboolean all_price = TRUE, all_cost = TRUE;
  const char *currency = NULL;
  double sum = 0;

  for (guint i = 0; i < members->len; i++)
    {
      Member *m = &g_array_index (members, Member, i);

      if (m->holding->cost <= 0)
        all_cost = FALSE;
      if (cc_portfolio_get_kind (portfolio) != CC_HOLDING_SHARES)
        continue;
      if (!is_price (m->series))
        {
          g_autofree char *who = name_position (m->holding);

          all_price = FALSE;
          g_ptr_array_add (e->notes,
                           g_strdup_printf (_("%s is an index level, not a price: its shares "
                                              "cannot be valued, so the portfolio is weighted "
                                              "instead (refresh its prices, or give weights)."),
                                            who));
        }
      else if (currency == NULL)
        currency = cc_series_get_currency (m->series);
      else if (strcmp (currency, cc_series_get_currency (m->series)) != 0)
        {
          g_autofree char *who = name_position (m->holding);

          all_price = FALSE;
          g_ptr_array_add (e->notes,
                           g_strdup_printf (_("%s is priced in %s, not %s: the positions are not "
                                              "added up in currency, so the portfolio is "
                                              "weighted instead."), who,
                                            cc_series_get_currency (m->series), currency));
        }
    }

  if (cc_portfolio_get_kind (portfolio) == CC_HOLDING_WEIGHT)
    e->weighting = CC_WEIGHTING_GIVEN;
  else if (all_price)
    e->weighting = CC_WEIGHTING_VALUE;
  else if (all_cost)
    e->weighting = CC_WEIGHTING_COST;
  else
    e->weighting = CC_WEIGHTING_EQUAL;

  for (guint i = 0; i < members->len; i++)
    {
      Member *m = &g_array_index (members, Member, i);

      switch (e->weighting)
        {
        case CC_WEIGHTING_GIVEN:
          m->fixed_weight = m->holding->amount;
          break;
        case CC_WEIGHTING_COST:
          m->fixed_weight = m->holding->amount * m->holding->cost;
          break;
        case CC_WEIGHTING_EQUAL:
        case CC_WEIGHTING_VALUE:
        default:
          m->fixed_weight = 1;
          break;
        }
      sum += m->fixed_weight;
    }
  for (guint i = 0; i < members->len; i++)
    g_array_index (members, Member, i).fixed_weight /= sum;

  switch (e->weighting)
    {
    case CC_WEIGHTING_VALUE:
      e->currency = g_strdup (currency);
      e->weighting_sentence = g_strdup (_("Each position is its shares times the day's close, so "
                                          "the weights drift with prices."));
      break;
    case CC_WEIGHTING_GIVEN:
      /* xgettext:no-c-format */
      e->weighting_sentence = g_strdup (_("The weights are the ones given, scaled to add up to "
                                          "100% and held fixed (rebalanced daily); with no "
                                          "amounts, there are no figures in currency."));
      break;
    case CC_WEIGHTING_COST:
      e->weighting_sentence = g_strdup (_("Not every position has a price series, so each is "
                                          "weighted by its shares times its cost, held fixed "
                                          "(rebalanced daily); there are no figures in "
                                          "currency."));
      break;
    case CC_WEIGHTING_EQUAL:
    default:
      e->weighting_sentence = g_strdup (_("Not every position has a price series, and not every "
                                          "one has a cost, so the positions are weighted equally "
                                          "and held fixed (rebalanced daily); there are no "
                                          "figures in currency."));
      break;
    }
}

/* Builds the series over the days every member has a close, up to @as_of. */
static gboolean
build_series (CcExposure  *e,
              CcPortfolio *portfolio,
              GArray      *members,
              CcDate       as_of)
{
  Member *first = &g_array_index (members, Member, 0);
  g_autofree double *previous = g_new0 (double, members->len);
  g_autofree char *symbol = g_strconcat ("portfolio:", cc_portfolio_get_name (portfolio), NULL);
  const CcPoint *points;
  guint n_points;
  double level = 100;
  gboolean started = FALSE;

  e->series = cc_series_new (symbol, e->weighting == CC_WEIGHTING_VALUE ? CC_LEVEL_PRICE
                                                                        : CC_LEVEL_INDEX);
  cc_series_set_name (e->series, cc_portfolio_get_name (portfolio));
  /* Its source is its members': the footer names theirs. */
  cc_series_set_origin (e->series, cc_series_get_origin (first->series));
  if (e->currency)
    cc_series_set_currency (e->series, e->currency);
  e->provenance = CC_PROVENANCE_OBSERVED;

  points = cc_series_get_points (first->series, &n_points);
  for (guint k = 0; k < n_points; k++)
    {
      CcDate date = points[k].date;
      CcProvenance provenance = CC_PROVENANCE_OBSERVED;
      gboolean all = TRUE;
      double value = 0, change = 0;

      if (as_of != CC_DATE_INVALID && date > as_of)
        break;
      for (guint i = 0; i < members->len && all; i++)
        {
          Member *m = &g_array_index (members, Member, i);

          m->index = cc_series_find (m->series, date);
          all = m->index >= 0;
        }
      if (!all)
        continue;
      for (guint i = 0; i < members->len; i++)
        {
          Member *m = &g_array_index (members, Member, i);
          const CcPoint *point = cc_series_get_point (m->series, (guint) m->index);

          provenance = MAX (provenance, (CcProvenance) point->provenance);
          value += m->holding->amount * point->close;
          if (started)
            change += m->fixed_weight * (point->close / previous[i] - 1);
          previous[i] = point->close;
        }
      if (e->weighting != CC_WEIGHTING_VALUE)
        {
          /* Never shares times an index level: only the members' returns. */
          level = started ? level * (1 + change) : 100;
          value = level;
        }
      cc_series_append (e->series, date, value, provenance, CC_POINT_FLAG_NONE);
      e->provenance = MAX (e->provenance, provenance);
      started = TRUE;
    }
  return started;
}

static void
compute_beta (CcExposure *e,
              CcSeries   *sox)
{
  g_autofree double *rp = g_new (double, CC_EXPOSURE_BETA_SESSIONS);
  g_autofree double *rm = g_new (double, CC_EXPOSURE_BETA_SESSIONS);
  const CcPoint *points;
  guint n_points, n = 0;
  CcMarketModel model;
  g_autofree char *beta = NULL;
  g_autofree char *beta_move = NULL;
  g_autofree char *one = NULL;

  points = cc_series_get_points (e->series, &n_points);
  for (guint j = n_points; j-- > 1 && n < CC_EXPOSURE_BETA_SESSIONS;)
    {
      double m1, m0;

      if (sox == NULL || !cc_series_get_close (sox, points[j].date, &m1) ||
          !cc_series_get_close (sox, points[j - 1].date, &m0))
        continue;
      rp[n] = points[j].close / points[j - 1].close - 1;
      rm[n] = m1 / m0 - 1;
      n++;
    }
  e->beta_sessions = n;
  e->beta_short = n < CC_EXPOSURE_BETA_SESSIONS;
  if (n < CC_EXPOSURE_BETA_MIN_SESSIONS || !cc_market_model_fit (rp, rm, n, &model))
    {
      e->beta_sentence = g_strdup_printf (_("No beta to ^SOX: only %u daily returns line up with "
                                            "the chip index, and at least %d are needed."), n,
                                          CC_EXPOSURE_BETA_MIN_SESSIONS);
      return;
    }
  e->has_beta = TRUE;
  e->beta = model.beta;
  beta = cc_format_beta (model.beta);
  beta_move = cc_format_percent (model.beta, 2, FALSE);
  one = cc_format_percent (1, 0, FALSE);
  if (e->beta_short)
    e->beta_sentence =
      /* TRANSLATORS: the first %s is the beta ("1.20"), the second and third percentages
       * ("1.20%" and "1%") */
      g_strdup_printf (_("Beta to ^SOX is %s: on average the portfolio moved %s for each %s "
                         "move of the chip index (least squares over daily returns). Only %u "
                         "sessions were available, fewer than the %d asked for, so take it as a "
                         "rough figure."), beta, beta_move, one, n, CC_EXPOSURE_BETA_SESSIONS);
  else
    e->beta_sentence =
      /* TRANSLATORS: the first %s is the beta ("1.20"), the second and third percentages
       * ("1.20%" and "1%") */
      g_strdup_printf (_("Beta to ^SOX is %s: on average the portfolio moved %s for each %s "
                         "move of the chip index over the last %u sessions (least squares over "
                         "daily returns)."), beta, beta_move, one, n);
}

static void
compute_event (CcExposure *e,
               CcSeries   *sox,
               CcDate      event_day)
{
  g_autoptr(CcEventStudyRow) row = NULL;
  CcEventStudyOptions options;
  g_autofree char *move = NULL;
  char day[11];

  e->event_day = event_day;
  if (event_day == CC_DATE_INVALID || event_day > e->as_of)
    {
      e->event_day = CC_DATE_INVALID;
      e->event_sentence = g_strdup (_("No event is selected on or before the as-of date, so "
                                      "there is no event-day move."));
      return;
    }
  cc_date_format_iso (event_day, day);
  e->has_event_return = cc_daily_return (e->series, event_day, &e->event_return);
  if (!e->has_event_return)
    {
      e->event_sentence = g_strdup_printf (_("The portfolio has no close on %s and the session "
                                             "before it, so there is no event-day move."), day);
      return;
    }
  move = cc_format_return (e->event_return);
  cc_event_study_options_init_default (&options);
  if (sox != NULL)
    row = cc_event_study_row_compute (e->series, sox, event_day, e->as_of, &options);
  if (row != NULL && row->has_abnormal)
    {
      g_autofree char *abnormal = cc_format_return (row->abnormal_return);

      e->has_abnormal = TRUE;
      e->abnormal_return = row->abnormal_return;
      e->event_sentence =
        g_strdup_printf (_("On the event day, %s, the portfolio moved %s; after taking out what "
                           "the move of ^SOX implies (a market model fitted over the %u sessions "
                           "before it), its abnormal return was %s."), day, move, row->model.n,
                         abnormal);
    }
  else
    e->event_sentence =
      g_strdup_printf (_("On the event day, %s, the portfolio moved %s; there is no abnormal "
                         "return (%s)."), day, move,
                       row && row->model_problem ? row->model_problem
                                                 : _("no market model could be fitted"));
}

static void
compute_scenarios (CcExposure   *e,
                   CcScenarios  *scenarios,
                   const double *scenario_weights)
{
  double sum = 0;
  GString *expectation = g_string_new (NULL);
  g_autofree char *expected = NULL;

  for (guint s = 0; s < CC_N_SCENARIOS; s++)
    {
      e->scenario_weight[s] = scenario_weights ? MAX (scenario_weights[s], 0) : 1;
      sum += e->scenario_weight[s];
    }
  for (guint s = 0; s < CC_N_SCENARIOS; s++)
    e->scenario_weight[s] = sum > 0 ? e->scenario_weight[s] / sum : 1.0 / CC_N_SCENARIOS;

  e->expectation = 0;
  for (guint s = 0; s < CC_N_SCENARIOS; s++)
    {
      GString *terms = g_string_new (NULL);
      g_autofree char *change = NULL;
      g_autofree char *amount = NULL;
      g_autofree char *terms_text = NULL;

      e->scenario_change[s] = 0;
      for (guint g = 0; g < CC_N_EXPOSURE_GROUPS; g++)
        {
          double move = cc_scenarios_get_move (scenarios, s, g);
          g_autofree char *w = NULL;
          g_autofree char *m = NULL;

          if (e->group_weight[g] <= 0)
            continue;
          e->scenario_change[s] += e->group_weight[g] * move;
          w = format_share (e->group_weight[g]);
          m = cc_format_percent (move * 100, 0, TRUE);
          if (terms->len > 0)
            g_string_append (terms, "; ");
          /* Translators: a group's share times its assumed move: "Memory 30.0% × -20%" */
          g_string_append_printf (terms, _("%s %s × %s"), cc_exposure_group_get_label (g), w, m);
        }
      for (guint i = 0; i < e->holdings->len; i++)
        {
          CcExposureHolding *h = g_ptr_array_index (e->holdings, i);

          h->contribution[s] = h->weight * cc_scenarios_get_move (scenarios, s, h->group);
        }
      e->scenario_amount[s] = e->currency ? e->scenario_change[s] * e->value : NAN;
      e->expectation += e->scenario_weight[s] * e->scenario_change[s];
      change = cc_format_return (e->scenario_change[s]);
      terms_text = g_string_free (terms, FALSE);
      if (e->currency)
        {
          amount = cc_format_amount (e->scenario_amount[s], e->currency);
          /* Translators: "Base case: -7.00% (-1,234.00 USD), the sum of each group's share
           * times its assumed move: Memory 30.0% × -20%; …" */
          e->scenario_sentence[s] = g_strdup_printf (_("%s: %s (%s), the sum of each group's "
                                                       "share times its assumed move: %s."),
                                                     cc_scenario_get_label (s), change, amount,
                                                     terms_text);
        }
      else
        e->scenario_sentence[s] = g_strdup_printf (_("%s: %s, the sum of each group's share "
                                                     "times its assumed move: %s."),
                                                   cc_scenario_get_label (s), change,
                                                   terms_text);
      if (s > 0)
        g_string_append (expectation, " + ");
      {
        g_autofree char *p = cc_format_weight (e->scenario_weight[s]);
        g_string_append_printf (expectation, "%s × %s", p, change);
      }
    }
  e->expectation_amount = e->currency ? e->expectation * e->value : NAN;
  expected = cc_format_return (e->expectation);
  {
    g_autofree char *terms_text = g_string_free (expectation, FALSE);

    if (e->currency)
      {
        g_autofree char *amount = cc_format_amount (e->expectation_amount, e->currency);

        e->expectation_sentence =
          g_strdup_printf (_("Weighted by the assessment's current scenario weights, the "
                             "expected change is %s (%s): %s."), expected, amount, terms_text);
      }
    else
      e->expectation_sentence =
        g_strdup_printf (_("Weighted by the assessment's current scenario weights, the expected "
                           "change is %s: %s."), expected, terms_text);
  }
}

static void
compute_history (CcExposure *e)
{
  const CcCycleEpisode *episodes;
  guint n_episodes;
  g_autofree char *beta = cc_format_beta (e->beta);

  if (!e->has_beta)
    return;
  episodes = cc_dataset_get_episodes (&n_episodes);
  for (guint i = 0; i < n_episodes && e->n_history < G_N_ELEMENTS (e->history); i++)
    {
      CcHistoryTest *t = &e->history[e->n_history++];
      g_autofree char *decline = NULL;
      g_autofree char *implied = NULL;
      double raw;

      t->id = episodes[i].id;
      t->sox_decline = 1 - episodes[i].trough_close / episodes[i].peak_close;
      raw = -e->beta * t->sox_decline;
      t->capped = raw < -1;
      t->implied = MAX (raw, -1);
      decline = cc_format_depth (t->sox_decline);
      implied = cc_format_return (t->implied);
      if (t->capped)
        {
          g_autofree char *uncapped = cc_format_return (raw);

          t->sentence =
            g_strdup_printf (_("If ^SOX fell %s again, as from its %d peak to its %d trough, a "
                               "beta of %s implies %s: beta times the fall is %s, but a portfolio "
                               "cannot lose more than all of its value."), decline,
                             cc_date_get_year (episodes[i].peak_date),
                             cc_date_get_year (episodes[i].trough_date), beta, implied,
                             uncapped);
        }
      else
        t->sentence =
          g_strdup_printf (_("If ^SOX fell %s again, as from its %d peak to its %d trough, a beta "
                             "of %s implies %s for the portfolio."), decline,
                           cc_date_get_year (episodes[i].peak_date),
                           cc_date_get_year (episodes[i].trough_date), beta, implied);
    }
}

static char *
join_groups (GPtrArray *labels)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    {
      if (i > 0)
        g_string_append (out, i + 1 == labels->len ? _(" and ") : ", ");
      g_string_append (out, g_ptr_array_index (labels, i));
    }
  return g_string_free (out, FALSE);
}

static void
compute_answer (CcExposure  *e,
                CcScenarios *scenarios,
                CcCatalogue *catalogue)
{
  g_autoptr(GPtrArray) favoured = g_ptr_array_new ();
  g_autoptr(GPtrArray) other = g_ptr_array_new ();
  g_autofree char *favoured_text = NULL;
  g_autofree char *other_text = NULL;
  g_autofree char *in_favoured = NULL;
  g_autofree char *reference = NULL;
  GString *out = g_string_new (NULL);
  double weight_favoured = 0, spread = 0;
  guint n_ref = 0, n_ref_favoured = 0;
  g_autoptr(GPtrArray) by_spread = NULL;

  for (guint g = 0; g < CC_N_EXPOSURE_GROUPS; g++)
    {
      gboolean is_favoured = cc_scenarios_get_move (scenarios, 1, g) >= 0;

      g_ptr_array_add (is_favoured ? favoured : other, (gpointer) cc_exposure_group_get_label (g));
      if (is_favoured)
        weight_favoured += e->group_weight[g];
    }
  /* The reference: an equal weight in every stock of the catalogue (not the index). */
  for (guint i = 0; i < g_list_model_get_n_items (cc_catalogue_get_symbols (catalogue)); i++)
    {
      g_autoptr(CcSymbol) symbol = g_list_model_get_item (cc_catalogue_get_symbols (catalogue),
                                                          i);
      CcExposureGroup g;

      if (g_strcmp0 (cc_symbol_get_group_id (symbol), CC_GROUP_INDEX) == 0 ||
          cc_symbol_get_is_user (symbol))
        continue;
      g = cc_exposure_group_from_catalogue (cc_symbol_get_group_id (symbol));
      n_ref++;
      if (cc_scenarios_get_move (scenarios, 1, g) >= 0)
        n_ref_favoured++;
    }
  favoured_text = join_groups (favoured);
  other_text = join_groups (other);
  in_favoured = format_share (weight_favoured);
  if (favoured->len == 0)
    g_string_append_printf (out, _("The base case expects every group to fall, so no group is "
                                   "favoured by it."));
  else
    {
      g_autofree char *in_other = format_share (1 - weight_favoured);
      g_autofree char *zero = cc_format_percent (0, 0, FALSE);

      /* TRANSLATORS: the second %s is a percentage, "0%" */
      g_string_append_printf (out, _("The base case holds up best for %s (assumed moves of %s "
                                     "or more) and expects %s to fall. This portfolio has %s in "
                                     "the groups it favours and %s in the others."),
                              favoured_text, zero, other_text, in_favoured, in_other);
    }
  if (n_ref > 0)
    {
      reference = format_share ((double) n_ref_favoured / n_ref);
      g_string_append_c (out, ' ');
      g_string_append_printf (out, _("An equal stake in each of the catalogue's %u stocks would "
                                     "have %s there."), n_ref, reference);
    }

  by_spread = g_ptr_array_new ();
  for (guint i = 0; i < e->holdings->len; i++)
    g_ptr_array_add (by_spread, g_ptr_array_index (e->holdings, i));
  for (guint i = 0; i < e->holdings->len; i++)
    spread += ((CcExposureHolding *) g_ptr_array_index (e->holdings, i))->spread;
  if (spread > 0)
    {
      GString *names = g_string_new (NULL);
      g_autofree char *names_text = NULL;
      g_autofree char *gap = g_strdup_printf ("%.1f", spread * 100);

      for (guint i = 0; i < by_spread->len; i++)
        for (guint j = i + 1; j < by_spread->len; j++)
          {
            CcExposureHolding *a = g_ptr_array_index (by_spread, i);
            CcExposureHolding *b = g_ptr_array_index (by_spread, j);

            if (b->spread > a->spread)
              {
                g_ptr_array_index (by_spread, i) = b;
                g_ptr_array_index (by_spread, j) = a;
              }
          }
      for (guint i = 0; i < MIN (3, by_spread->len); i++)
        {
          CcExposureHolding *h = g_ptr_array_index (by_spread, i);
          g_autofree char *share = format_share (h->spread / spread);

          if (i > 0)
            g_string_append (names, ", ");
          g_string_append_printf (names, "%s (%s)", h->ticker, share);
        }
      names_text = g_string_free (names, FALSE);
      g_string_append_c (out, ' ');
      g_string_append_printf (out, _("Of the %s points between the bull and the bear case, most "
                                     "come from %s."), gap, names_text);
    }
  e->answer = g_string_free (out, FALSE);
}

CcExposure *
cc_exposure_compute (CcDataset    *dataset,
                     CcPortfolio  *portfolio,
                     CcScenarios  *scenarios,
                     const double *scenario_weights,
                     CcDate        event_day,
                     CcDate        as_of)
{
  CcExposure *e = g_new0 (CcExposure, 1);
  g_autoptr(GArray) members = g_array_new (FALSE, TRUE, sizeof (Member));
  CcCatalogue *catalogue;
  CcSeries *sox;
  GString *groups;
  double hhi = 0, top3 = 0;

  g_return_val_if_fail (CC_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (CC_IS_PORTFOLIO (portfolio), NULL);
  g_return_val_if_fail (scenarios != NULL, NULL);

  e->notes = g_ptr_array_new_with_free_func (g_free);
  e->holdings = g_ptr_array_new_with_free_func ((GDestroyNotify) holding_free);
  e->name = g_strdup (cc_portfolio_get_name (portfolio));
  e->value = e->expectation_amount = NAN;
  e->as_of = CC_DATE_INVALID;
  e->event_day = CC_DATE_INVALID;
  e->scenarios_source = g_strdup (cc_scenarios_get_source (scenarios));
  for (guint s = 0; s < CC_N_SCENARIOS; s++)
    e->scenario_amount[s] = NAN;
  catalogue = cc_dataset_get_catalogue (dataset);
  sox = cc_dataset_get_series (dataset, CC_SYMBOL_SOX);

  for (guint i = 0; i < cc_portfolio_get_n_holdings (portfolio); i++)
    {
      const CcHolding *holding = cc_portfolio_get_holding (portfolio, i);
      CcSeries *series = cc_dataset_get_series (dataset, holding->ticker);
      CcSymbol *symbol = cc_catalogue_lookup (catalogue, holding->ticker);
      Member m = { holding, series, CC_EXPOSURE_OTHER, 0, -1 };

      if (series == NULL || cc_series_get_n_points (series) == 0)
        {
          g_autofree char *who = name_position (holding);

          g_ptr_array_add (e->notes, g_strdup_printf (_("%s has no prices in the loaded data and "
                                                        "is left out until they are fetched."),
                                                      who));
          continue;
        }
      m.group = cc_exposure_group_from_catalogue (symbol ? cc_symbol_get_group_id (symbol)
                                                         : NULL);
      g_array_append_val (members, m);
    }
  if (members->len == 0)
    {
      e->problem = g_strdup (_("None of the positions has prices in the loaded data."));
      return e;
    }

  compute_weighting (e, portfolio, members);
  if (!build_series (e, portfolio, members, as_of))
    {
      e->problem = g_strdup (_("The positions have no trading day with a close for every one of "
                               "them on or before the as-of date."));
      return e;
    }
  e->as_of = cc_series_get_last (e->series)->date;

  /* Weights on the as-of date */
  for (guint i = 0; i < members->len; i++)
    {
      Member *m = &g_array_index (members, Member, i);
      CcExposureHolding *h = g_new0 (CcExposureHolding, 1);
      double close = 0;

      h->ticker = g_strdup (m->holding->ticker);
      h->group = m->group;
      h->line = m->holding->line;
      h->value = NAN;
      if (e->weighting == CC_WEIGHTING_VALUE)
        {
          cc_series_get_close (m->series, e->as_of, &close);
          h->value = m->holding->amount * close;
          h->weight = h->value / cc_series_get_last (e->series)->close;
        }
      else
        h->weight = m->fixed_weight;
      g_ptr_array_add (e->holdings, h);
    }
  g_ptr_array_sort (e->holdings, compare_weight_desc);
  if (e->currency)
    e->value = cc_series_get_last (e->series)->close;

  {
    const char *label = cc_provenance_get_label (e->provenance);

    if (e->provenance == CC_PROVENANCE_OBSERVED)
      e->provenance_sentence = g_strdup (_("Every member's closes are observed market data, so "
                                           "the portfolio's are too."));
    else
      e->provenance_sentence =
        g_strdup_printf (_("The portfolio is as certain as its least certain member: some of its "
                           "closes are %s, not observed market data, and so are the numbers "
                           "below."), label);
  }

  /* Groups and concentration */
  for (guint i = 0; i < e->holdings->len; i++)
    {
      CcExposureHolding *h = g_ptr_array_index (e->holdings, i);

      e->group_weight[h->group] += h->weight;
      hhi += h->weight * h->weight;
      if (i < 3)
        top3 += h->weight;
    }
  e->herfindahl = hhi;
  e->top3 = top3;
  groups = g_string_new (NULL);
  {
    gboolean done[CC_N_EXPOSURE_GROUPS] = { FALSE };

    for (guint k = 0; k < CC_N_EXPOSURE_GROUPS; k++)
      {
        int best = -1;

        for (guint g = 0; g < CC_N_EXPOSURE_GROUPS; g++)
          if (!done[g] && e->group_weight[g] > 0 &&
              (best < 0 || e->group_weight[g] > e->group_weight[best]))
            best = (int) g;
        if (best < 0)
          break;
        done[best] = TRUE;
        {
          g_autofree char *w = format_share (e->group_weight[best]);

          g_string_append_printf (groups, "%s%s %s", groups->len ? ", " : "",
                                  cc_exposure_group_get_label (best), w);
        }
      }
  }
  {
    g_autofree char *list = g_string_free (groups, FALSE);
    g_autofree char *top = format_share (top3);
    GString *names = g_string_new (NULL);
    g_autofree char *names_text = NULL;

    e->group_sentence = g_strdup_printf (_("By group: %s."), list);
    for (guint i = 0; i < MIN (3, e->holdings->len); i++)
      g_string_append_printf (names, "%s%s", i ? ", " : "",
                              ((CcExposureHolding *) g_ptr_array_index (e->holdings, i))->ticker);
    names_text = g_string_free (names, FALSE);
    e->concentration_sentence =
      g_strdup_printf (_("The largest positions (%s) make up %s of the portfolio; the "
                         "Herfindahl index, the sum of the squared weights, is %.4f, as "
                         "concentrated as %.1f equal positions."), names_text, top, hhi,
                       1 / hhi);
  }

  compute_beta (e, sox);
  compute_event (e, sox, event_day);

  for (guint i = 0; i < e->holdings->len; i++)
    {
      CcExposureHolding *h = g_ptr_array_index (e->holdings, i);

      h->spread = h->weight * (cc_scenarios_get_move (scenarios, 0, h->group) -
                               cc_scenarios_get_move (scenarios, 2, h->group));
    }
  compute_scenarios (e, scenarios, scenario_weights);
  compute_history (e);
  compute_answer (e, scenarios, catalogue);
  return e;
}

/* Output */

static const char *
weighting_to_string (CcWeighting weighting)
{
  switch (weighting)
    {
    case CC_WEIGHTING_VALUE:
      return "value";
    case CC_WEIGHTING_GIVEN:
      return "given";
    case CC_WEIGHTING_COST:
      return "cost";
    case CC_WEIGHTING_EQUAL:
    default:
      return "equal";
    }
}

char *
cc_exposure_to_text (CcExposure *e)
{
  GString *out = g_string_new (NULL);
  char day[11];

  g_return_val_if_fail (e != NULL, NULL);

  g_string_append_printf (out, _("Portfolio “%s”"), e->name);
  if (e->as_of != CC_DATE_INVALID)
    {
      cc_date_format_iso (e->as_of, day);
      g_string_append_printf (out, _(", as of %s"), day);
    }
  g_string_append_c (out, '\n');
  for (guint i = 0; i < e->notes->len; i++)
    g_string_append_printf (out, "  %s\n", (const char *) g_ptr_array_index (e->notes, i));
  if (e->problem)
    {
      g_string_append_printf (out, "%s\n%s\n", e->problem, cc_analysis_get_disclaimer ());
      return g_string_free (out, FALSE);
    }
  g_string_append_printf (out, "%s\n%s\n", e->weighting_sentence, e->provenance_sentence);
  if (e->currency)
    {
      g_autofree char *value = cc_format_amount (e->value, e->currency);

      /* the value has a sign for changes; a holding's value is positive */
      g_string_append_printf (out, _("Value: %s\n"), value[0] == '+' ? value + 1 : value);
    }

  g_string_append_printf (out, "\n%s\n", _("Exposure"));
  for (guint i = 0; i < e->holdings->len; i++)
    {
      CcExposureHolding *h = g_ptr_array_index (e->holdings, i);
      g_autofree char *w = format_share (h->weight);

      g_string_append_printf (out, "  %-10s %-28s %7s\n", h->ticker,
                              cc_exposure_group_get_label (h->group), w);
    }
  g_string_append_printf (out, "%s\n%s\n%s\n%s\n", e->group_sentence, e->beta_sentence,
                          e->concentration_sentence, e->event_sentence);

  g_string_append_printf (out, "\n%s\n", _("Scenario stress"));
  for (guint s = 0; s < CC_N_SCENARIOS; s++)
    g_string_append_printf (out, "%s\n", e->scenario_sentence[s]);
  g_string_append_printf (out, "%s\n", e->expectation_sentence);
  for (guint i = 0; i < e->n_history; i++)
    g_string_append_printf (out, "%s\n", e->history[i].sentence);
  if (e->n_history == 0)
    g_string_append_printf (out, "%s\n", _("Without a beta there is no history test."));
  g_string_append_printf (out, _("Scenarios from %s\n"), e->scenarios_source);

  g_string_append_printf (out, "\n%s\n%s\n", e->answer, cc_analysis_get_disclaimer ());
  return g_string_free (out, FALSE);
}

JsonNode *
cc_exposure_to_json (CcExposure *e)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();

  g_return_val_if_fail (e != NULL, NULL);

  json_builder_begin_object (b);
  cc_json_add_string (b, "portfolio", e->name);
  cc_json_add_date (b, "as_of", e->as_of);
  cc_json_add_string (b, "problem", e->problem);
  json_builder_set_member_name (b, "notes");
  json_builder_begin_array (b);
  for (guint i = 0; i < e->notes->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (e->notes, i));
  json_builder_end_array (b);
  if (e->problem == NULL)
    {
      cc_json_add_string (b, "weighting", weighting_to_string (e->weighting));
      cc_json_add_string (b, "weighting_sentence", e->weighting_sentence);
      cc_json_add_string (b, "provenance", cc_provenance_to_string (e->provenance));
      cc_json_add_string (b, "provenance_sentence", e->provenance_sentence);
      cc_json_add_string (b, "currency", e->currency);
      cc_json_add_number (b, "value", TRUE, e->value);

      json_builder_set_member_name (b, "holdings");
      json_builder_begin_array (b);
      for (guint i = 0; i < e->holdings->len; i++)
        {
          CcExposureHolding *h = g_ptr_array_index (e->holdings, i);

          json_builder_begin_object (b);
          cc_json_add_string (b, "ticker", h->ticker);
          cc_json_add_string (b, "group", cc_exposure_group_to_string (h->group));
          cc_json_add_number (b, "weight", TRUE, h->weight);
          cc_json_add_number (b, "value", TRUE, h->value);
          json_builder_set_member_name (b, "contribution");
          json_builder_begin_object (b);
          for (guint s = 0; s < CC_N_SCENARIOS; s++)
            cc_json_add_number (b, cc_scenario_to_string (s), TRUE, h->contribution[s]);
          json_builder_end_object (b);
          cc_json_add_number (b, "spread", TRUE, h->spread);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);

      json_builder_set_member_name (b, "exposure");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "groups");
      json_builder_begin_object (b);
      for (guint g = 0; g < CC_N_EXPOSURE_GROUPS; g++)
        cc_json_add_number (b, cc_exposure_group_to_string (g), TRUE, e->group_weight[g]);
      json_builder_end_object (b);
      cc_json_add_string (b, "groups_sentence", e->group_sentence);
      cc_json_add_number (b, "beta", e->has_beta, e->beta);
      json_builder_set_member_name (b, "beta_sessions");
      json_builder_add_int_value (b, e->beta_sessions);
      json_builder_set_member_name (b, "beta_short");
      json_builder_add_boolean_value (b, e->beta_short);
      cc_json_add_string (b, "beta_sentence", e->beta_sentence);
      cc_json_add_number (b, "top3", TRUE, e->top3);
      cc_json_add_number (b, "herfindahl", TRUE, e->herfindahl);
      cc_json_add_string (b, "concentration_sentence", e->concentration_sentence);
      cc_json_add_date (b, "event_day", e->event_day);
      cc_json_add_number (b, "event_return", e->has_event_return, e->event_return);
      cc_json_add_number (b, "abnormal_return", e->has_abnormal, e->abnormal_return);
      cc_json_add_string (b, "event_sentence", e->event_sentence);
      json_builder_end_object (b);

      json_builder_set_member_name (b, "stress");
      json_builder_begin_object (b);
      cc_json_add_string (b, "scenarios_source", e->scenarios_source);
      json_builder_set_member_name (b, "scenarios");
      json_builder_begin_object (b);
      for (guint s = 0; s < CC_N_SCENARIOS; s++)
        {
          json_builder_set_member_name (b, cc_scenario_to_string (s));
          json_builder_begin_object (b);
          cc_json_add_number (b, "weight", TRUE, e->scenario_weight[s]);
          cc_json_add_number (b, "change", TRUE, e->scenario_change[s]);
          cc_json_add_number (b, "amount", TRUE, e->scenario_amount[s]);
          cc_json_add_string (b, "sentence", e->scenario_sentence[s]);
          json_builder_end_object (b);
        }
      json_builder_end_object (b);
      cc_json_add_number (b, "expectation", TRUE, e->expectation);
      cc_json_add_number (b, "expectation_amount", TRUE, e->expectation_amount);
      cc_json_add_string (b, "expectation_sentence", e->expectation_sentence);
      json_builder_set_member_name (b, "history");
      json_builder_begin_array (b);
      for (guint i = 0; i < e->n_history; i++)
        {
          json_builder_begin_object (b);
          cc_json_add_string (b, "episode", e->history[i].id);
          cc_json_add_number (b, "sox_decline", TRUE, e->history[i].sox_decline);
          cc_json_add_number (b, "implied", TRUE, e->history[i].implied);
          json_builder_set_member_name (b, "capped");
          json_builder_add_boolean_value (b, e->history[i].capped);
          cc_json_add_string (b, "sentence", e->history[i].sentence);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      cc_json_add_string (b, "answer", e->answer);
    }
  cc_json_add_string (b, "disclaimer", cc_analysis_get_disclaimer ());
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
