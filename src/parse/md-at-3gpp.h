/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Parsers of 3GPP TS 27.007 network responses: registration (+CREG,
 * +CGREG, +CEREG, +C5GREG), signal (+CSQ), operator (+COPS), power
 * (+CFUN), modes (+WS46), PDP types (+CGDCONT=?), capabilities (+GCAP).
 * Pure functions: text in, values out, GError on malformed input. */
#pragma once

#include <glib.h>

#include "md-enums.h"

G_BEGIN_DECLS

typedef enum {
  MD_AT_REG_CS,  /* +CREG */
  MD_AT_REG_PS,  /* +CGREG */
  MD_AT_REG_EPS, /* +CEREG */
  MD_AT_REG_5GS, /* +C5GREG */
} MdAtRegDomain;

typedef struct {
  MdAtRegDomain domain;
  MdModem3gppRegistrationState state;
  gboolean has_location;
  guint32 lac; /* LAC for CS/PS, TAC for EPS/5GS */
  guint64 cell_id;
  guint32 access_technology; /* MdModemAccessTechnology bits, 0 if absent */
} MdAtRegistration;

/* One +CREG:/+CGREG:/+CEREG:/+C5GREG: line, either the answer to the
 * "?" query (with the <n> field first) or an unsolicited report. */
gboolean md_at_parse_registration (const char *line, MdAtRegistration *out, GError **error);

/* 27.007 <AcT> value to access technology bits (0 when unknown). */
guint32 md_at_access_technology_from_act (gint act);

/* "+CSQ: <rssi>,<ber>" to a quality in percent; rssi 99 fails. */
gboolean md_at_parse_csq (const char *text, guint *out_percent, GError **error);

/* "+COPS: <mode>[,<format>,<oper>[,<AcT>]]". out_operator is NULL when not
 * registered; out_format tells whether it is numeric (2) or a name (0/1). */
gboolean md_at_parse_cops_query (const char *text, guint *out_format, char **out_operator,
                                 guint32 *out_access_technology, GError **error);

typedef struct {
  guint status; /* 0 unknown, 1 available, 2 current, 3 forbidden */
  char *long_name;
  char *short_name;
  char *code;
  guint32 access_technology;
} MdAtNetwork;

void md_at_network_free (MdAtNetwork *network);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdAtNetwork, md_at_network_free)
/* "+COPS: (2,"Long","Short","26201",7),(...),,(0-4),(0-2)" to a GPtrArray
 * of MdAtNetwork (free func set). */
GPtrArray *md_at_parse_cops_test (const char *text, GError **error);

/* "+CFUN: <fun>" to a power state: 1 ON, 0 and 4 LOW. */
gboolean md_at_parse_cfun (const char *text, MdModemPowerState *out_state, GError **error);

/* "+CEMODE: 2" (27.007 10.1.28: 0 PS mode 2, 1 CS/PS mode 1, 2 CS/PS mode
 * 2, 3 PS mode 1) to the EPS UE mode of operation. */
gboolean md_at_parse_cemode (const char *text, MdModem3gppEpsUeModeOperation *out_mode, GError **error);

/* "+CGDCONT: (1-16),"IP",..." lines to MdBearerIpFamily bits. */
guint32 md_at_parse_cgdcont_test (const char *text);

/* "+WS46: (12,22,25,28)" to the MdModemMode combinations the modem can
 * select, as (allowed, preferred=NONE) pairs in a GArray of guint32 pairs. */
GArray *md_at_parse_ws46_test (const char *text, GError **error);

/* "+GCAP: +CGSM,+DS,+ES" to MdModemCapability bits (GSM_UMTS for +CGSM,
 * LTE for +LTE/+CLTE..., CDMA_EVDO for +CIS707-A). */
guint32 md_at_parse_gcap (const char *text);

G_END_DECLS
