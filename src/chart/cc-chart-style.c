/* cc-chart-style.c: the light and dark themes, both derived from one description, and the
 * series palette.
 *
 * The palette has one neutral slot (the ink, for the benchmark) and eleven hued slots, each in
 * its own 30-degree bin of CIELAB hue (bin 240-270 is left out). The chart hands slots to the
 * visible series (see cc-chart.c, assign_color), so unrelated lines never share a hue family;
 * only a visible basket's members take shades of the basket's slot. The hues were picked per
 * theme by a search maximising the smallest CIE76 distance between any two slots (ink included),
 * both as seen and through the Machado et al. (2009) full deuteranopia matrix, with every slot
 * at 3:1 contrast or more against the paper: the smallest distance is 20.7 (light) and 22.3
 * (dark). tests/chart/test-chart-render.c checks the drawn colours against these rules.
 */
#define G_LOG_DOMAIN "cc-chart-style"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cc-catalogue.h"
#include "cc-chart-private.h"

/* Slot k (1..11) of each theme; the comment gives the hue bin in CIELAB degrees. */
static const guint32 slot_hues[2][CC_N_COLOR_SLOTS - 1] = {
  { 0xcc1763,   /*   0-30  crimson */
    0x823523,   /*  30-60  brick */
    0xbe8d08,   /*  60-90  ochre */
    0x756f01,   /*  90-120 olive */
    0x57a552,   /* 120-150 leaf green */
    0x00563f,   /* 150-180 deep green */
    0x047e7c,   /* 180-210 teal */
    0x3c9dbd,   /* 210-240 sky */
    0x305493,   /* 270-300 blue */
    0x772ad3,   /* 300-330 violet */
    0xe26ea0 }, /* 330-360 pink */
  { 0xfe9d9a,   /*   0-30  salmon */
    0xde6855,   /*  30-60  vermillion */
    0xfac774,   /*  60-90  apricot */
    0xddca23,   /*  90-120 yellow */
    0x63af06,   /* 120-150 leaf green */
    0x5d9874,   /* 150-180 sage */
    0x3cf3ff,   /* 180-210 cyan */
    0x2897b7,   /* 210-240 sky */
    0x248cfd,   /* 270-300 blue */
    0xbb8ffe,   /* 300-330 lavender */
    0xe37db7 }, /* 330-360 pink */
};

/* The one theme description: paper and ink for each theme, then hues shared by both. */
static const struct {
  guint32  paper[2];
  guint32  ink[2];
  guint32  events[CC_N_EVENT_CATEGORIES];
} description = {
  .paper = { 0xffffff, 0x1e1e20 },
  .ink = { 0x1c1c21, 0xeeeeec },
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
                              int                 slot,
                              int                 shade)
{
  CcRgba black = rgb (0x000000);
  CcRgba white = rgb (0xffffff);
  CcRgba base;

  if (slot <= CC_COLOR_SLOT_INK || slot >= CC_N_COLOR_SLOTS)
    base = style->ink;
  else
    base = rgb (slot_hues[style->dark][slot - 1]);

  if (shade < 0)
    return base;

  /* Members of a visible basket: light shades alternating darker and lighter around its hue,
   * so the family reads as one (the end labels tell the members apart) and no member comes
   * close to another family's colour or the ink. */
  if (style->dark)
    {
      /* Lifting a hue towards white on the dark paper drifts it into its neighbours' (blue
       * into lavender): the dark theme's shades only deepen. */
      static const double deepen[] = { 0.22, 0.08, 0.30, 0.15 };

      return _cc_chart_rgba_mix (base, black, deepen[shade % 4]);
    }
  switch (shade % 4)
    {
    case 0:
      return _cc_chart_rgba_mix (base, black, 0.20);
    case 1:
      return _cc_chart_rgba_mix (base, white, 0.20);
    case 2:
      return _cc_chart_rgba_mix (base, black, 0.12);
    default:
      return _cc_chart_rgba_mix (base, white, 0.12);
    }
}

int
_cc_chart_style_home_slot (const char *group_id)
{
  static const struct { const char *group_id; int slot; } homes[] = {
    { CC_GROUP_INDEX, CC_COLOR_SLOT_INK },
    { CC_GROUP_MEMORY, 2 },      /* 30-60 degrees: brick / vermillion */
    { CC_GROUP_GPU, 9 },         /* 270-300: blue */
    { CC_GROUP_EQUIPMENT, 6 },   /* 150-180: green */
    { CC_GROUP_NEOCLOUD, 10 },   /* 300-330: violet */
    { CC_GROUP_MINERS, 3 },      /* 60-90: ochre */
    { CC_GROUP_HYPERSCALER, 7 }, /* 180-210: teal */
  };

  for (guint i = 0; i < G_N_ELEMENTS (homes); i++)
    if (g_strcmp0 (homes[i].group_id, group_id) == 0)
      return homes[i].slot;
  return -1;
}
