/* cc-scenarios.h: the portfolio stress scenarios: for bull, base and bear, an assumed move of
 * each exposure group with the reasoning behind it, from a documented JSON file the user may
 * override (data/rules/SCENARIOS-FORMAT.md), and the groups a portfolio's exposure is counted
 * in. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The exposure groups: the catalogue's groups, with ^SOX, user tickers and anything unknown in
 * "other". */
typedef enum {
  CC_EXPOSURE_MEMORY,
  CC_EXPOSURE_EQUIPMENT,
  CC_EXPOSURE_GPU,
  CC_EXPOSURE_NEOCLOUD,
  CC_EXPOSURE_MINERS,
  CC_EXPOSURE_HYPERSCALER,
  CC_EXPOSURE_OTHER,
  CC_N_EXPOSURE_GROUPS
} CcExposureGroup;

/* The file's key: "memory", "equipment", "gpu", "neocloud", "miners", "hyperscaler", "other". */
const char      *cc_exposure_group_to_string   (CcExposureGroup  group);
/* Translated, as the catalogue names the group ("Memory"; "Other" for the rest). */
const char      *cc_exposure_group_get_label   (CcExposureGroup  group);
/* The exposure group of a catalogue group id (NULL or unknown: other). */
CcExposureGroup  cc_exposure_group_from_catalogue (const char   *group_id);

/* Bull, base and bear, in the order of CC_TARGET_BULL .. CC_TARGET_BEAR. */
#define CC_N_SCENARIOS 3
/* "bull", "base", "bear" */
const char      *cc_scenario_to_string         (guint            scenario);
/* Translated: "Bull case", "Base case", "Bear case". */
const char      *cc_scenario_get_label         (guint            scenario);

#define CC_SCENARIOS_RESOURCE_PATH "/io/github/chipcycle/ChipCycle/rules/scenarios.json"

typedef struct _CcScenarios CcScenarios;

/* Errors are CC_RULES_ERROR (cc-rules.h) and name @source_name and the scenario and group, or
 * the line and column of a JSON syntax error. */
CcScenarios *cc_scenarios_new_from_data (const char   *data,
                                         gssize        length,
                                         const char   *source_name,
                                         GError      **error);
CcScenarios *cc_scenarios_new_from_file (GFile        *file,
                                         GError      **error);
/* The scenarios shipped with the app (never fails: the test suite checks them). */
CcScenarios *cc_scenarios_new_builtin   (void);
/* $XDG_CONFIG_HOME/chipcycle/scenarios.json */
char        *cc_scenarios_get_user_path (void);
/* The user's file at @user_path (NULL: the default path) when it exists and is valid; the
 * built-in scenarios otherwise, with @user_error set when the user's file is broken. */
CcScenarios *cc_scenarios_load          (const char   *user_path,
                                         GError      **user_error);
CcScenarios *cc_scenarios_ref           (CcScenarios  *scenarios);
void         cc_scenarios_unref         (CcScenarios  *scenarios);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcScenarios, cc_scenarios_unref)

gboolean     cc_scenarios_is_builtin    (CcScenarios  *scenarios);
/* The file the scenarios came from, or the resource path. */
const char  *cc_scenarios_get_source    (CcScenarios  *scenarios);
/* The assumed move of @group in @scenario, as a fraction (-0.2 for "move": -20). */
double       cc_scenarios_get_move      (CcScenarios  *scenarios,
                                         guint         scenario,
                                         CcExposureGroup group);
/* Why: the file's own sentence, as written. */
const char  *cc_scenarios_get_reason    (CcScenarios  *scenarios,
                                         guint         scenario,
                                         CcExposureGroup group);

G_END_DECLS
