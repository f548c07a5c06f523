/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Between src/parse's PDU codec and core's SMS types, for every driver
 * that carries 3GPP PDUs (AT, MBIM): decoded parts as entries, a caller's
 * message as PDUs to send or store. */
#pragma once

#include "md-modem-sms.h"
#include "md-sms-pdu.h"

G_BEGIN_DECLS

/* part at index in storage (MD_SMS_NO_INDEX: routed directly) in state. */
MdSmsEntry *md_sms_entry_from_pdu_part (const MdSmsPart *part, MdSmsStorage storage, guint index,
                                        MdSmsState state);
/* Decodes pdu (the SMSC field first) into an entry; NULL, logged on
 * modem's behalf, for a PDU the codec refuses. */
MdSmsEntry *md_sms_entry_from_pdu (MdModem *modem, const guint8 *pdu, gsize len, MdSmsStorage storage,
                                   guint index, MdSmsState state);

/* request as its SMS-SUBMIT PDUs (MdSmsPdu*, the SMSC field first), split
 * as needed; the parts of one message share a concatenation reference. */
GPtrArray *md_sms_request_encode (const MdSmsRequest *request, GError **error);

G_END_DECLS
