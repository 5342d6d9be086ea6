/* cc-format.c: numbers and percentages for a reader, in the user's locale.
 *
 * printf's "'" flag would group thousands, but only with the locale's separator bytes and not
 * for the minus sign or a translatable percent pattern, so numbers are assembled here from
 * localeconv(). The chart, the side panel, the report and the command line's text all call
 * these, so "−29 %" in a German chart is "−29 %" in its panel too; the command line's --json
 * output writes plain numbers and never comes here.
 */
#define G_LOG_DOMAIN "cc-format"

#include "config.h"

#include <glib/gi18n.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "cc-format.h"

#define MINUS_SIGN "\xe2\x88\x92"   /* U+2212: typographic minus, as wide as the plus sign */

char *
cc_format_number (double   value,
                        int      decimals,
                        gboolean grouping)
{
  const struct lconv *lc = localeconv ();
  const char *point = (lc->decimal_point && *lc->decimal_point) ? lc->decimal_point : ".";
  const char *sep = (grouping && lc->thousands_sep) ? lc->thousands_sep : "";
  const char *groups = lc->grouping ? lc->grouping : "";
  char digits[G_ASCII_DTOSTR_BUF_SIZE + 32];
  char fmt[16];
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) integer = g_string_new (NULL);
  const char *dot;
  gboolean negative;
  gboolean all_zero = TRUE;
  int len, group, gi = 0, count = 0;

  decimals = CLAMP (decimals, 0, 10);
  if (!isfinite (value))
    return g_strdup (isnan (value) ? "–" : (value > 0 ? "∞" : MINUS_SIGN "∞"));

  /* Format the magnitude in the C locale, then swap in the locale's symbols. */
  g_snprintf (fmt, sizeof fmt, "%%.%df", decimals);
  g_ascii_formatd (digits, sizeof digits, fmt, fabs (value));
  for (const char *p = digits; *p; p++)
    if (*p >= '1' && *p <= '9')
      all_zero = FALSE;
  negative = value < 0 && !all_zero;

  dot = strchr (digits, '.');
  len = dot ? (int) (dot - digits) : (int) strlen (digits);

  /* Walk the integer part from the right, inserting separators per the grouping string:
   * each byte is a group size, the last one repeats, CHAR_MAX stops grouping. */
  group = (*sep && groups[0] > 0 && groups[0] != CHAR_MAX) ? groups[0] : 0;
  for (int i = len - 1; i >= 0; i--)
    {
      if (group > 0 && count == group)
        {
          g_string_prepend (integer, sep);
          count = 0;
          if (groups[gi + 1] != 0)
            {
              gi++;
              group = groups[gi] == CHAR_MAX ? 0 : groups[gi];
            }
        }
      g_string_prepend_c (integer, digits[i]);
      count++;
    }

  if (negative)
    g_string_append (out, MINUS_SIGN);
  g_string_append (out, integer->str);
  if (dot)
    {
      g_string_append (out, point);
      g_string_append (out, dot + 1);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
cc_format_percent (double   percent,
                         int      decimals,
                         gboolean explicit_plus)
{
  g_autofree char *number = cc_format_number (percent, decimals, TRUE);
  g_autofree char *signed_number = NULL;
  double scale = pow (10, CLAMP (decimals, 0, 10));

  if (explicit_plus && round (percent * scale) > 0)
    signed_number = g_strconcat ("+", number, NULL);
  else
    signed_number = g_steal_pointer (&number);

  /* TRANSLATORS: a percentage anywhere in the app (chart, side panel, report); %s is the
   * number with its sign, e.g. "−12.3". Use "%s %%" with a no-break space if your language
   * separates the number and the sign. */
  return g_strdup_printf (C_("percentage", "%s%%"), signed_number);
}

char *
cc_format_points (double points,
                        int    decimals)
{
  g_autofree char *number = cc_format_number (points, decimals, TRUE);
  double scale = pow (10, CLAMP (decimals, 0, 10));
  g_autofree char *signed_number = round (points * scale) > 0 ? g_strconcat ("+", number, NULL)
                                                               : g_strdup (number);

  /* TRANSLATORS: percentage points (a spread on the chart, a gap in the side panel); %s is the
   * number with its sign, e.g. "−7.7". */
  return g_strdup_printf (C_("percentage points", "%s pts"), signed_number);
}

char *
cc_format_return (double fraction)
{
  if (!isfinite (fraction))
    return g_strdup ("—");
  return cc_format_percent (fraction * 100, 2, TRUE);
}

char *
cc_format_weight (double weight)
{
  if (!isfinite (weight))
    return g_strdup ("—");
  return cc_format_percent (weight * 100, 0, FALSE);
}

char *
cc_format_depth (double depth)
{
  if (!isfinite (depth))
    return g_strdup ("—");
  return cc_format_percent (depth * 100, 1, FALSE);
}

char *
cc_format_t_stat (double t)
{
  g_autofree char *number = NULL;

  if (!isfinite (t))
    return g_strdup ("—");
  number = cc_format_number (t, 2, FALSE);
  return round (t * 100) > 0 ? g_strconcat ("+", number, NULL) : g_steal_pointer (&number);
}
