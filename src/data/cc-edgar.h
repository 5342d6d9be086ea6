/* cc-edgar.h: SEC EDGAR's public data, read without the network: the ticker list, a company's
 * filings (the submissions API and its older pages), a filing's header, and one XBRL concept
 * of one company; and what follows from them: each filing's acceptance time and event day,
 * and quarterly values from year-to-date facts. Fetching is in cc-edgar-client.c. */
#pragma once

#include <glib.h>

#include "cc-date.h"

G_BEGIN_DECLS

/* The name in messages (a brand, not translated). */
#define CC_EDGAR_SERVICE "SEC EDGAR"

/* Ticker list: upper-case ticker -> CIK (guint64 *). */
GHashTable *cc_edgar_parse_tickers      (const char  *data,
                                         gsize        length,
                                         GError     **error);
/* "0001045810": the padding of data.sec.gov's URLs. */
char       *cc_edgar_format_cik         (guint64      cik);

/* Where an acceptance time was read from. The submissions JSON ends every acceptanceDateTime
 * in "Z", but for some filers the digits are the New York wall clock, not UTC: only the
 * filing's header (always US Eastern) says which. */
typedef enum {
  CC_EDGAR_TIME_UNKNOWN,
  CC_EDGAR_TIME_HEADER,         /* this filing's own header */
  CC_EDGAR_TIME_JSON_UTC,       /* the JSON, genuine UTC for this filer (checked on a header) */
  CC_EDGAR_TIME_JSON_NEW_YORK,  /* the JSON, New York clock with a Z (checked on a header) */
} CcEdgarTimeSource;

const char *cc_edgar_time_source_to_string (CcEdgarTimeSource source);

typedef struct {
  char              *accession;         /* "0001045810-25-000023" */
  char              *form;              /* "8-K", "10-Q/A" */
  char             **items;             /* 8-K items ("2.02"); empty, never NULL */
  CcDate             filing_date;
  CcDate             report_date;       /* CC_DATE_INVALID when not given */
  char              *acceptance;        /* as sent: "2025-05-01T16:21:59.000Z", or "" */
  char              *primary_document;  /* or "" */

  /* Filled by cc_edgar_filing_resolve(). */
  gint64             accepted_at;       /* Unix time; G_MININT64 while unknown */
  CcEdgarTimeSource  time_source;
  CcDate             event_day;         /* first session that could react, or CC_DATE_INVALID */
  gboolean           intraday;          /* accepted while that session was open */
} CcEdgarFiling;

void      cc_edgar_filing_free          (CcEdgarFiling *filing);
gboolean  cc_edgar_filing_has_item      (const CcEdgarFiling *filing,
                                         const char    *item);

/* An older page listed in a submissions reply ("files"). */
typedef struct {
  char   *name;                          /* "CIK0001045810-submissions-001.json" */
  CcDate  from;
  CcDate  to;
  guint   count;
} CcEdgarPage;

typedef struct {
  guint64    cik;                        /* 0 in an older page */
  char      *name;                       /* or NULL */
  char      *fiscal_year_end;            /* "0131", or NULL */
  GPtrArray *filings;                    /* CcEdgarFiling, in the reply's order */
  GPtrArray *pages;                      /* CcEdgarPage (empty for an older page) */
} CcEdgarSubmissions;

void                cc_edgar_submissions_free  (CcEdgarSubmissions *submissions);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcEdgarSubmissions, cc_edgar_submissions_free)

/* Reads a submissions reply (@is_page FALSE: {cik, name, …, filings: {recent, files}}) or one
 * of its older pages (@is_page TRUE: the columnar object alone). @what names it in errors
 * ("the filings of NVDA"). No filings is not an error. */
CcEdgarSubmissions *cc_edgar_parse_submissions (const char  *data,
                                                gsize        length,
                                                gboolean     is_page,
                                                const char  *what,
                                                GError     **error);

/* A filing's SGML header (…-index-headers.html, HTML-escaped or not). */
typedef struct {
  char   accession[21];
  char   form[32];
  /* <ACCEPTANCE-DATETIME>YYYYMMDDHHMMSS, US Eastern wall clock */
  int    year, month, day, hour, minute, second;
  gint64 accepted_at;                    /* the same as Unix time */
} CcEdgarHeader;

gboolean  cc_edgar_parse_header         (const char    *data,
                                         gsize          length,
                                         const char    *what,
                                         CcEdgarHeader *header,
                                         GError       **error);

/* Acceptance times. The JSON string read as UTC (@new_york_clock FALSE) or as New York wall
 * clock; FALSE when it is not "YYYY-MM-DDTHH:MM:SS[.fff][Z]". */
gboolean  cc_edgar_parse_acceptance     (const char  *text,
                                         gboolean     new_york_clock,
                                         gint64      *accepted_at);
/* Which convention a filer's JSON uses, from one filing whose header is known:
 * CC_EDGAR_TIME_JSON_UTC, CC_EDGAR_TIME_JSON_NEW_YORK, or CC_EDGAR_TIME_UNKNOWN when the JSON
 * matches neither reading (within two minutes). */
CcEdgarTimeSource cc_edgar_detect_convention (const char *json_acceptance,
                                              gint64      header_accepted_at);
/* The first session that could react to a filing accepted at @accepted_at: after the 16:00
 * New York close or on a day without a session, the next session; before the 09:30 open the
 * same session; during it the same session, with @intraday set. NYSE calendar (cc-date.h);
 * early closes are not known to it. */
CcDate    cc_edgar_event_day            (gint64       accepted_at,
                                         gboolean    *intraday);
/* Sets @filing's acceptance time and event day from @convention (a header's time for this
 * filing wins: pass it in @header_accepted_at, else G_MININT64). */
void      cc_edgar_filing_resolve       (CcEdgarFiling     *filing,
                                         CcEdgarTimeSource  convention,
                                         gint64             header_accepted_at);

/* One XBRL fact of a companyconcept reply. */
typedef struct {
  CcDate  start;                         /* CC_DATE_INVALID for an instant */
  CcDate  end;
  double  value;
  char   *accession;
  int     fiscal_year;                   /* of the filing, not of the period; 0 if absent */
  char   *fiscal_period;                 /* "Q2", "FY" (of the filing), or "" */
  char   *form;
  CcDate  filed;
  char   *frame;                         /* "CY2025Q2", or "" */
} CcEdgarFact;

typedef struct {
  guint64  cik;
  char    *taxonomy;
  char    *tag;
  char    *label;
  char    *entity_name;
  char    *unit;                         /* the unit of @facts ("USD") */
  GArray  *facts;                        /* CcEdgarFact, as sent */
} CcEdgarConcept;

void            cc_edgar_concept_free   (CcEdgarConcept *concept);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcEdgarConcept, cc_edgar_concept_free)

/* Reads a companyconcept reply and keeps the facts in @unit ("USD"; NULL for the only unit
 * there is). */
CcEdgarConcept *cc_edgar_parse_concept  (const char  *data,
                                         gsize        length,
                                         const char  *unit,
                                         const char  *what,
                                         GError     **error);

/* Which fact stands for a period reported more than once (a later filing's comparatives, an
 * amendment): the first filed, or the last filed (an amendment wins a tie). */
typedef enum {
  CC_EDGAR_AS_LAST_REPORTED,
  CC_EDGAR_AS_FIRST_REPORTED,
} CcEdgarRevision;

typedef enum {
  CC_EDGAR_QUARTER_REPORTED,             /* a three-month fact as filed */
  CC_EDGAR_QUARTER_YTD_DIFFERENCE,       /* year to date minus the year to date before it */
  CC_EDGAR_QUARTER_ANNUAL_MINUS_NINE,    /* Q4: the annual figure minus nine months */
  CC_EDGAR_QUARTER_INSTANT,              /* a balance at the quarter's end */
} CcEdgarQuarterMethod;

const char *cc_edgar_quarter_method_to_string (CcEdgarQuarterMethod method);

typedef struct {
  CcDate               start;            /* CC_DATE_INVALID for an instant */
  CcDate               end;              /* the real end date of the fiscal quarter */
  int                  fiscal_year;      /* named as the filer names it; 0 if unknown */
  int                  fiscal_quarter;   /* 1..4; 0 if unknown */
  double               value;
  CcEdgarQuarterMethod method;
  char                *accession;        /* the filing of the (later) figure used */
  char                *form;
  CcDate               filed;
} CcEdgarQuarter;

/* Quarterly values of @concept, sorted by end date, each with how it was obtained. */
GArray     *cc_edgar_quarters           (const CcEdgarConcept *concept,
                                         CcEdgarRevision       revision);

G_END_DECLS
