/* fuzz-rules.c: libFuzzer target for the assessment rules parser and its evaluation. */
#include "config.h"

#include <math.h>

#include "cc-assessment.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  GError *error = NULL;
  CcRules *rules;

  rules = cc_rules_new_from_data ((const char *) data, (gssize) size, "fuzz.json", &error);
  g_assert ((rules != NULL) != (error != NULL));
  if (rules != NULL)
    {
      CcIndicators indicators;
      CcAssessment assessment;
      double sum = 0;

      /* Whatever the rules, the weights stay a distribution. */
      cc_indicators_init (&indicators);
      cc_assessment_init (&assessment);
      for (guint i = 0; i < CC_N_INDICATORS; i++)
        cc_indicators_set (&indicators, i, (double) (size % 97) - 40.0);
      cc_assessment_apply_rules (&assessment, rules, &indicators);
      for (guint t = CC_TARGET_FIRST_SCENARIO; t < CC_N_TARGETS; t++)
        sum += assessment.weight[t];
      g_assert (fabs (sum - 1.0) < 1e-9);
      cc_assessment_clear (&assessment);
      cc_indicators_clear (&indicators);
      cc_rules_unref (rules);
    }
  else
    g_assert (error->message != NULL && g_str_has_prefix (error->message, "fuzz.json"));
  g_clear_error (&error);
  return 0;
}
