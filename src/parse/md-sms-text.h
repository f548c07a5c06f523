/* SPDX-License-Identifier: GPL-2.0-or-later */
/* 27.005 text mode (+CMGF=1): the header line of a +CMGL or +CMGR answer,
 * for AT modems without PDU mode. Pure. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The <stat> of a text-mode listing. */
typedef enum {
  MD_SMS_TEXT_STATUS_REC_UNREAD = 0,
  MD_SMS_TEXT_STATUS_REC_READ = 1,
  MD_SMS_TEXT_STATUS_STO_UNSENT = 2,
  MD_SMS_TEXT_STATUS_STO_SENT = 3,
  MD_SMS_TEXT_STATUS_ALL = 4,
} MdSmsTextStatus;

typedef struct {
  gint index; /* +CMGL <index>; -1 for +CMGR */
  MdSmsTextStatus status;
  char *number;    /* <oa>/<da> as given ("+49..." or digits) */
  char *timestamp; /* <scts> as "2011-02-28T11:50:50-05:00", NULL if absent */
} MdSmsTextHeader;

void md_sms_text_header_clear (MdSmsTextHeader *header);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MdSmsTextHeader, md_sms_text_header_clear)

/* '+CMGL: 1,"REC UNREAD","+4917...",,"21/05/03,10:11:12+08"' or
 * '+CMGR: "REC READ","+4917...",,"21/05/03,10:11:12+08"' (status as text or
 * number; the timestamp's zone in quarter hours). MD_CORE_ERROR_FAILED when
 * the line is not such a header. */
gboolean md_sms_text_parse_header (const char *line, MdSmsTextHeader *out, GError **error);

G_END_DECLS
