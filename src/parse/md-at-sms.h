/* SPDX-License-Identifier: GPL-2.0-or-later */
/* 27.005 answers and reports around PDU-mode messages: storages (+CPMS),
 * listings (+CMGL), reads (+CMGR), indications (+CMTI, +CMT, +CDS, +CDSI),
 * the message service (+CSMS) and what sending and writing return (+CMGS,
 * +CMGW). The PDUs themselves
 * are md-sms-pdu.h's. Pure. */
#pragma once

#include <glib.h>

#include "md-enums.h"

G_BEGIN_DECLS

/* 27.005 <stat> in PDU mode. */
typedef enum {
  MD_AT_SMS_STAT_REC_UNREAD = 0,
  MD_AT_SMS_STAT_REC_READ = 1,
  MD_AT_SMS_STAT_STO_UNSENT = 2,
  MD_AT_SMS_STAT_STO_SENT = 3,
} MdAtSmsStat;

typedef struct {
  guint index;
  MdAtSmsStat stat;
  char *pdu; /* hex, with the SMSC field first */
} MdAtSmsListed;

void md_at_sms_listed_free (MdAtSmsListed *listed);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdAtSmsListed, md_at_sms_listed_free)

/* "SM" -> MD_SMS_STORAGE_SM ...; UNKNOWN for a name 27.005 does not define
 * (quotes allowed, case ignored). */
MdSmsStorage md_at_sms_storage_from_name (const char *name);
/* "SM" for MD_SMS_STORAGE_SM ...; NULL for UNKNOWN. */
const char *md_at_sms_storage_name (MdSmsStorage storage);
/* AT+CPMS naming storage for the first memories (1 to 3) of <mem1>,
 * <mem2>, <mem3>: AT+CPMS="ME","ME" for 2. NULL for a storage without a
 * name or another count. */
char *md_at_sms_cpms_command (MdSmsStorage storage, guint memories);

/* +CPMS=? "+CPMS: (\"SM\",\"ME\"),(\"SM\"),(\"SM\")": the storages of each
 * of the (up to three) lists as bits (1 << MdSmsStorage). */
gboolean md_at_parse_cpms_test (const char *response, guint32 *mem1, guint32 *mem2, guint32 *mem3,
                                GError **error);
/* +CPMS=? as ModemManager reads it: read is <mem1>'s storages (listed,
 * read, deleted), usable those in both <mem2> (written, sent) and <mem3>
 * (received into), its SupportedStorages. A list left out counts as the
 * one before it. */
gboolean md_at_parse_cpms_storages (const char *response, guint32 *read, guint32 *usable, GError **error);
/* +CSMS? "+CSMS: <service>,<mt>,<mo>,<bm>": the <service> (0 phase 2, 1
 * phase 2+, which requires +CNMA after each +CMT and +CDS; 128 and up are
 * the manufacturer's). */
gboolean md_at_parse_csms_read (const char *response, guint *service, GError **error);
/* +CMGL=4 in PDU mode: a GPtrArray of MdAtSmsListed* (maybe empty). */
GPtrArray *md_at_parse_cmgl (const char *response, GError **error);
/* +CMGR=<index> in PDU mode: "+CMGR: <stat>,[<alpha>],<length>\n<pdu>". */
gboolean md_at_parse_cmgr (const char *response, MdAtSmsStat *stat, char **pdu, GError **error);
/* "+CMTI: \"SM\",3" or "+CDSI: \"SR\",2". */
gboolean md_at_parse_sms_indication (const char *line, MdSmsStorage *storage, guint *index, GError **error);
/* A two-line report ("+CMT: [<alpha>],<length>\n<pdu>" or
 * "+CDS: <length>\n<pdu>"): the PDU. */
char *md_at_parse_sms_report_pdu (const char *report, GError **error);
/* "+CMGS: <mr>" (or "+CMGW: <index>"): the number. */
gboolean md_at_parse_sms_number (const char *response, const char *prefix, guint max, guint *out,
                                 GError **error);

G_END_DECLS
