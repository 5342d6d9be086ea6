/* cc-chart-style.c: the light and dark themes, both derived from one description, and the
 * colour-blind-safe palette with one colour family per catalogue group.
 *
 * The group hues are the Okabe-Ito set (distinct for the common colour-vision deficiencies);
 * members of a group are shades of their group's hue, so a reader sees families first and the
 * end-of-line labels tell the members apart.
 */
#define G_LOG_DOMAIN "cc-chart-style"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cc-catalogue.h"
#include "cc-chart-private.h"

typedef struct {
  const char *group_id;
  guint32     rgb;
} GroupHue;

/* The one theme description: paper and ink for each theme, then hues shared by both. */
static const struct {
  guint32  paper[2];
  guint32  ink[2];
  GroupHue groups[8];
  guint32  events[CC_N_EVENT_CATEGORIES];
} description = {
  .paper = { 0xffffff, 0x1e1e20 },
  .ink = { 0x1c1c21, 0xeeeeec },
  .groups = {
    { CC_GROUP_INDEX, 0x000000 },       /* ink: the benchmark reads as the reference */
    { CC_GROUP_MEMORY, 0xd55e00 },      /* vermillion */
    { CC_GROUP_GPU, 0x0072b2 },         /* blue */
    { CC_GROUP_EQUIPMENT, 0x009e73 },   /* bluish green */
    { CC_GROUP_NEOCLOUD, 0xcc79a7 },    /* reddish purple */
    { CC_GROUP_MINERS, 0xe69f00 },      /* orange */
    { CC_GROUP_HYPERSCALER, 0x56b4e9 }, /* sky blue */
    { CC_GROUP_USER, 0x8a8a8a },        /* grey, shaded per member */
  },
  .events = {
    0x7b3fa0,   /* announcement: violet */
    0x9a6a00,   /* earnings: ochre */
    0x5a6b7d,   /* macro: slate */
    0x00838f,   /* data release: teal */
    0xb22222,   /* cycle peak: red */
    0x2e7d32,   /* cycle trough: green */
    0xc25400,   /* user: orange */
  },
};

static CcRgba
rgb (guint32 hex)
{
  return (CcRgba) { ((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0,
                    (hex & 0xff) / 255.0, 1.0 };
}

CcRgba
_cc_chart_rgba_mix (CcRgba a,
                    CcRgba b,
                    double t)
{
  return (CcRgba) { a.red + (b.red - a.red) * t, a.green + (b.green - a.green) * t,
                    a.blue + (b.blue - a.blue) * t, a.alpha + (b.alpha - a.alpha) * t };
}

void
_cc_chart_set_source (cairo_t *cr,
                      CcRgba   color)
{
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha);
}

void
_cc_chart_style_init (CcChartStyle *style,
                      CcChartTheme  theme)
{
  gboolean dark = theme == CC_CHART_THEME_DARK;
  CcRgba white = rgb (0xffffff);

  memset (style, 0, sizeof *style);
  style->dark = dark;
  style->paper = rgb (description.paper[dark]);
  style->ink = rgb (description.ink[dark]);
  style->ink_muted = _cc_chart_rgba_mix (style->ink, style->paper, 0.36);
  style->grid = _cc_chart_rgba_mix (style->paper, style->ink, dark ? 0.13 : 0.09);
  style->axis = _cc_chart_rgba_mix (style->paper, style->ink, 0.55);
  style->baseline = _cc_chart_rgba_mix (style->paper, style->ink, 0.45);
  style->band = style->ink;
  style->band.alpha = dark ? 0.09 : 0.06;
  for (guint i = 0; i < CC_N_EVENT_CATEGORIES; i++)
    {
      style->event[i] = rgb (description.events[i]);
      /* The same hues, lifted so they keep their contrast on the dark paper. */
      if (dark)
        style->event[i] = _cc_chart_rgba_mix (style->event[i], white, 0.42);
    }
}

CcRgba
_cc_chart_style_series_color (const CcChartStyle *style,
                              const char         *group_id,
                              int                 member_index)
{
  CcRgba base = rgb (0x8a8a8a);
  CcRgba black = rgb (0x000000);
  CcRgba white = rgb (0xffffff);
  int shade;

  for (guint i = 0; i < G_N_ELEMENTS (description.groups); i++)
    if (g_strcmp0 (description.groups[i].group_id, group_id) == 0)
      {
        base = rgb (description.groups[i].rgb);
        break;
      }

  /* Symbols outside the catalogue's families (an imported CSV, the user's own tickers) cycle
   * through the group hues first, so the first seven are as distinct as the palette allows. */
  if (group_id == NULL || g_strcmp0 (group_id, CC_GROUP_USER) == 0)
    {
      static const guint32 cycle[] = { 0x0072b2, 0xd55e00, 0x009e73, 0xcc79a7, 0xe69f00,
                                       0x56b4e9, 0x000000 };
      int k = MAX (member_index, 0);

      base = cycle[k % G_N_ELEMENTS (cycle)] == 0 ? style->ink
                                                   : rgb (cycle[k % G_N_ELEMENTS (cycle)]);
      if (style->dark && cycle[k % G_N_ELEMENTS (cycle)] != 0)
        base = _cc_chart_rgba_mix (base, white, 0.18);
      if (k < (int) G_N_ELEMENTS (cycle))
        return base;
      member_index = k / G_N_ELEMENTS (cycle) - 1;
    }
  else if (g_strcmp0 (group_id, "portfolio") == 0)
    /* The user's portfolio: a raspberry no catalogue group uses. */
    base = style->dark ? _cc_chart_rgba_mix (rgb (0xc2185b), white, 0.25) : rgb (0xc2185b);
  else if (g_strcmp0 (group_id, CC_CHART_DERIVED_GROUP) == 0)
    {
      /* Ratios and spreads get hues no catalogue group uses (Paul Tol's wine, indigo, olive,
       * teal), so a pair never reads as one of its sides. */
      static const guint32 pairs[] = { 0x882255, 0x332288, 0x999933, 0x44aa99 };
      int k = MAX (member_index, 0);

      base = rgb (pairs[k % G_N_ELEMENTS (pairs)]);
      if (style->dark)
        base = _cc_chart_rgba_mix (base, white, 0.35);
      return base;
    }
  else if (g_strcmp0 (group_id, CC_GROUP_INDEX) == 0)
    base = style->ink;
  else if (style->dark)
    base = _cc_chart_rgba_mix (base, white, 0.18);

  if (member_index < 0)
    return base;

  /* Shades alternate darker and lighter around the group hue: the basket keeps the pure hue. */
  shade = member_index % 4;
  switch (shade)
    {
    case 0:
      return style->dark ? _cc_chart_rgba_mix (base, white, 0.30)
                         : _cc_chart_rgba_mix (base, black, 0.30);
    case 1:
      return style->dark ? _cc_chart_rgba_mix (base, black, 0.25)
                         : _cc_chart_rgba_mix (base, white, 0.30);
    case 2:
      return style->dark ? _cc_chart_rgba_mix (base, white, 0.55)
                         : _cc_chart_rgba_mix (base, black, 0.55);
    default:
      return style->dark ? _cc_chart_rgba_mix (base, black, 0.45)
                         : _cc_chart_rgba_mix (base, white, 0.52);
    }
}
